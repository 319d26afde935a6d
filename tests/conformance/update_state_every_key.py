# batches: 5
# D1: the update function runs for every key in the state every batch, empty batches too, with [] as new values; the state is a tuple (calls, total).
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="EveryKey")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

events = ssc.queueStream([sc.parallelize(b) for b in [[("u1", 3)], [("u2", 1), ("u1", 1)], [], [("u3", 7)]]])


def track(new_values, state):
    calls, total = state if state is not None else (0, 0)
    return (calls + 1, total + sum(new_values))


state = events.updateStateByKey(track)
state.pprint()
state.map(lambda kv: (kv[0], "seen %d batches" % kv[1][0])).pprint()
state.count().pprint()

ssc.start()
sleep(5)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

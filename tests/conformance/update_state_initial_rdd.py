# batches: 4
# D2: updateStateByKey with initialRDD: its keys are in the state from batch 0 (the function sees [] for them); without it only keys with values.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="InitialState")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

initial = sc.parallelize([("apples", 10), ("pears", 5)])
sales = ssc.queueStream([sc.parallelize(b) for b in [[("apples", 1), ("figs", 2)], [], [("pears", -5)]]])


def add_up(new_values, total):
    return sum(new_values) + (total or 0)


sales.updateStateByKey(add_up, initialRDD=initial).pprint()
sales.updateStateByKey(add_up).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

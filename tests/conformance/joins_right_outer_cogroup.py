# batches: 3
# rightOuterJoin, join and cogroup (values mapped to sorted lists) of two keyed streams, with keys missing on either side and an empty batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="RightOuterJoin")
ssc = StreamingContext(sc, 1)

users = ssc.queueStream([sc.parallelize(b) for b in [
    [(1, "ann"), (2, "ben"), (3, "cid")],
    [(4, "dee")],
    [],
]])
clicks = ssc.queueStream([sc.parallelize(b) for b in [
    [(1, "home"), (1, "cart"), (5, "home")],
    [],
    [(2, "help")],
]])

users.rightOuterJoin(clicks).pprint()
users.join(clicks).pprint()
users.cogroup(clicks).mapValues(lambda vs: (sorted(vs[0]), sorted(vs[1]))).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

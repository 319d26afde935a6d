# batches: 9
# C4: reduceByKeyAndWindow(add, sub, 5, 1) keeps keys at 0 unless filterFunc drops them; filterFunc also runs on the recompute path (window 3).
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="RbkwFilter")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [[("x", 3), ("y", 1)], [("x", 1)], [("z", 2)], [], [("y", 5)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKeyAndWindow(add, sub, 5, 1).pprint()
pairs.reduceByKeyAndWindow(add, sub, 5, 1, filterFunc=lambda kv: kv[1] > 0).pprint()
pairs.reduceByKeyAndWindow(add, sub, 3, 1, filterFunc=lambda kv: kv[1] != 1).pprint()

ssc.start()
sleep(9)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

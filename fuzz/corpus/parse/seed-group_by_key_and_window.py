# batches: 9
# C8: groupByKeyAndWindow(5, 1) (inverse path: a key whose values all left stays with []) and (2, 1) (recompute path), values as sorted lists.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="GroupByKeyAndWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [[("a", 1), ("b", 2)], [("a", 3)], [], [("c", 4), ("a", 5)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.groupByKeyAndWindow(5, 1).mapValues(sorted).pprint()
pairs.groupByKeyAndWindow(2, 1).mapValues(sorted).pprint()

ssc.start()
sleep(9)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

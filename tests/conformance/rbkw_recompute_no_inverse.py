# batches: 7
# C2/C3: reduceByKeyAndWindow without invFunc (and with invFunc but w < 5*s) recomputes each window: no zero keys; numPartitions=1; slide 2.
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="RbkwRecompute")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [[("a", 1), ("b", 1)], [("a", 2)], [("c", 5), ("a", 1)], [], [("b", 4)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKeyAndWindow(add, None, 2, 1).pprint()
pairs.reduceByKeyAndWindow(add, sub, 4, 2).pprint()
pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 3, 1, 1).pprint()

ssc.start()
sleep(7)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

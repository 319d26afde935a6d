# batches: 7
# C3: reduceByKey(add).window(3, 1).reduceByKey(add) gives the same as reduceByKeyAndWindow(add, None, 3, 1) and as window(3, 1).reduceByKey(add).
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="WindowReduce")
ssc = StreamingContext(sc, 1)

batches = [[("a", 1), ("b", 2)], [("a", 4)], [], [("b", 8), ("c", 16)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKey(add).window(3, 1).reduceByKey(add).pprint()
pairs.reduceByKeyAndWindow(add, None, 3, 1).pprint()
pairs.window(3, 1).reduceByKey(add).pprint()

ssc.start()
sleep(7)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

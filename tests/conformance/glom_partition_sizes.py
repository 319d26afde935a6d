# batches: 6
# ordered: true
# E1: a queue RDD of n records is 2 partitions of floor(n/2) and ceil(n/2) (n < 2048); above that, chunks of at most 1024 (n=5000: 2048 + 2952); a range is split evenly.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="GlomSizes")
ssc = StreamingContext(sc, 1)

sizes = [0, 1, 2, 2047, 5000]
# lists (a range would be split evenly by PySpark, see the last batch)
stream = ssc.queueStream([sc.parallelize(list(range(n))) for n in sizes] + [sc.parallelize(range(5000))])

stream.glom().map(len).pprint()
stream.glom().map(lambda part: part[:3]).pprint()
stream.count().pprint()

ssc.start()
sleep(6)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

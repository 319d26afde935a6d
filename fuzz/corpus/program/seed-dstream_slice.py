# batches: 4
# ordered: true
# DStream.slice(begin, end) from the driver after some batches: the RDDs of the batch times in [begin, end] (remember(10) keeps them).
from datetime import datetime
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Slice")
ssc = StreamingContext(sc, 1)
ssc.remember(10)

stream = ssc.queueStream([sc.parallelize(b) for b in [["a"], ["b", "c"], [], ["d"]]])
doubled = stream.map(lambda s: s * 2)
doubled.pprint()

ssc.start()
sleep(3)
for rdd in doubled.slice(datetime(1970, 1, 1, 0, 0, 1), datetime(1970, 1, 1, 0, 0, 2)):
    print("slice:", rdd.collect())
sleep(1)
print("last three:", [rdd.collect() for rdd in doubled.slice(datetime(1970, 1, 1, 0, 0, 2), datetime(1970, 1, 1, 0, 0, 4))])
ssc.stop(stopSparkContext=True, stopGraceFully=True)

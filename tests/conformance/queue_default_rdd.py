# batches: 5
# ordered: true
# A2: once the queue is empty each batch gets the default RDD; without a default, an empty RDD.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="DefaultRDD")
ssc = StreamingContext(sc, 1)

with_default = ssc.queueStream([sc.parallelize([1]), sc.parallelize([2, 3])], default=sc.parallelize([0]))
without = ssc.queueStream([sc.parallelize(["a"])])
with_default.pprint()
without.pprint()
with_default.union(with_default).count().pprint()

ssc.start()
sleep(5)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

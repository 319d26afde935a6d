# batches: 3
# A5: the body of transform runs in the driver when the batch is generated, before the batch's output jobs run, so its print comes first.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="GenerationPrint")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2], [3], [4, 5, 6]]])

stream.pprint()


def double_and_report(rdd):
    print("transform called, partitions:", rdd.getNumPartitions())
    return rdd.map(lambda x: x * 2)


stream.transform(double_and_report).pprint()
stream.foreachRDD(lambda rdd: print("foreachRDD sum:", rdd.sum()))

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 4
# A transform body that raises while the batch is generated (batch 1: first() of an empty RDD) makes Spark generate no job at all for that batch: every output of the batch is missing.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="FailingGeneration")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[3, 1], [], [7], [2, 2]]])

stream.pprint()


def scale_by_first(rdd):
    first = rdd.first()  # raises ValueError("RDD is empty") for an empty batch
    return rdd.map(lambda x: x * first)


stream.transform(scale_by_first).pprint()
stream.count().pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

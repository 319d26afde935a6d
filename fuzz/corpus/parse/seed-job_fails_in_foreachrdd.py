# batches: 3
# A foreachRDD function that raises in the driver (batch 1, after printing a line) stops only that output for that batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="FailingForeach")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2], [4, 0], [5]]])


def invert(rdd):
    for x in rdd.collect():
        print("1/%d =" % x, 1 / x)


stream.foreachRDD(invert)
stream.pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# foreachRDD with a one-argument function and with a (time, rdd) function, printing from the driver, in registration order within each batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="ForeachRDD")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [["b", "a", "c"], [], ["d"]]])

totals = {"records": 0}


def remember(rdd):
    n = rdd.count()
    totals["records"] += n
    print("records so far:", totals["records"])


def show(time, rdd):
    print("%s -> %s" % (time, sorted(rdd.collect())))


stream.foreachRDD(remember)
stream.pprint()
stream.foreachRDD(show)

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)
print("driver total:", totals["records"])

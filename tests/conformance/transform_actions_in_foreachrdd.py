# batches: 4
# foreachRDD(rdd) printing RDD actions each batch: collect, count, isEmpty, first, take, top, takeOrdered (with key), sum, max, min.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Actions")
ssc = StreamingContext(sc, 1)

batches = [[5, 1, 4, 1, 5, 9, 2, 6], [], [3], [-1, -5, 10]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])


def show(rdd):
    if rdd.isEmpty():
        print("empty batch: count", rdd.count(), "collect", rdd.collect())
        return
    print("collect", rdd.collect(), "count", rdd.count(), "first", rdd.first())
    print("take(3)", rdd.take(3), "top(2)", rdd.top(2), "takeOrdered(3)", rdd.takeOrdered(3))
    print("takeOrdered by -x", rdd.takeOrdered(2, key=lambda x: -x), "sum", rdd.sum(),
          "max", rdd.max(), "min", rdd.min())


stream.foreachRDD(show)

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

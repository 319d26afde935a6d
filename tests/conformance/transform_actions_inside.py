# batches: 4
# ordered: true
# RDD actions inside transform bodies (run when the batch is generated): top, takeOrdered, first, collect, count and isEmpty, turned back into RDDs.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TransformActions")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[4, 8, 1, 9, 3], [], [6], [2, 7, 2]]])


def summary(rdd):
    if rdd.isEmpty():
        return rdd.context.parallelize([("empty", rdd.count())])
    return rdd.context.parallelize([("first", rdd.first()), ("count", rdd.count()),
                                    ("collect", rdd.collect())])


def shift_to_zero(rdd):
    low = min(rdd.collect() or [0])  # an action in the driver; the lambda captures only `low`
    return rdd.map(lambda x: x - low)


stream.transform(lambda rdd: rdd.context.parallelize(rdd.top(2))).pprint()
stream.transform(lambda rdd: rdd.context.parallelize(rdd.takeOrdered(2))).pprint()
stream.transform(summary).pprint()
stream.transform(shift_to_zero).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

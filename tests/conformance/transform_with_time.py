# batches: 3
# ordered: true
# transform(lambda time, rdd: ...) receives the batch time as a datetime; foreachRDD(lambda time, rdd: ...) too.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TransformTime")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [["a", "b"], [], ["c"]]])


def stamp(time, rdd):
    label = time.strftime("%H:%M:%S")
    return rdd.map(lambda x: (label, x))


stream.transform(stamp).pprint()
stream.foreachRDD(lambda time, rdd: print("batch at", time, "has", rdd.count(), "records"))
stream.foreachRDD(lambda t, rdd: print("seconds since epoch:", int(t.timestamp())))

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 6
# SEMANTICS I: awaitTerminationOrTimeout(t) = sleep(t) and returns False; awaitTermination(t) = sleep(t); stop() runs the remaining batches up to N.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="AwaitTimeout")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(range(i)) for i in range(1, 7)])
stream.count().pprint()

ssc.start()
stopped = ssc.awaitTerminationOrTimeout(2)
print("awaitTerminationOrTimeout(2) returned", stopped)
ssc.awaitTermination(1.5)
print("after awaitTermination(1.5)")
ssc.stop(stopSparkContext=False)
print("stopped after all", 6, "batches")

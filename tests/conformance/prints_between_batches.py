# batches: 4
# SEMANTICS I: lines the main program prints before start(), between sleeps and after stop() come in order with the batches' pprint blocks; sleep before start() returns at once.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="PrintsBetween")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([w]) for w in ["alpha", "beta", "gamma", "delta"]])
stream.map(lambda w: w.upper()).pprint()

print("before start")
sleep(5)  # before start(): returns at once, runs nothing
ssc.start()
print("started")
sleep(1)
print("after 1 s")
sleep(1.5)
print("after 2.5 s")
sleep(0.5)
print("after 3 s")
ssc.stop(stopSparkContext=True, stopGraceFully=True)
print("stopped")
sleep(10)  # after stop(): returns at once
print("the end")

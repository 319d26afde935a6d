# batches: 10
# C6: reduceByWindow(add, sub, 6, 1) (inverse path: [0] after draining), reduceByWindow(add, None, 2, 1) and reduceByWindow(max, None, 3, 1) ([] after draining).
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="ReduceByWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2], [10], [], [100, 5]]])
stream.reduceByWindow(add, sub, 6, 1).pprint()
stream.reduceByWindow(add, None, 2, 1).pprint()
stream.reduceByWindow(max, None, 3, 1).pprint()

ssc.start()
sleep(10)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 8
# ordered: true
# A window of a window: window(2, 1).window(4, 2) unions the inner windows of the outer window's times (records repeat); map and filter after a window.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="NestedWindow")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([i]) for i in range(1, 7)])
stream.window(2, 1).window(4, 2).pprint(20)
stream.window(3, 1).map(lambda x: x * 10).filter(lambda x: x != 20).pprint()

ssc.start()
sleep(8)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 9
# ordered: true
# B4 + A2: window(2, 3) on a queue that only the window reads: skipped batch times never dequeue, so the windows are [1,2], [3,4], [5,6].
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="SlideGtWindow")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([i]) for i in range(1, 9)])
stream.window(2, 3).pprint()

ssc.start()
sleep(9)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

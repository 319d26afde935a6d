# batches: 9
# ordered: true
# A2: the same queue read every batch by pprint and by window(2, 3): one item per batch, so the windows are [2,3], [5,6], [8].
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="QueueReadTwice")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([i]) for i in range(1, 9)])
stream.pprint()
stream.window(2, 3).pprint()

ssc.start()
sleep(9)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

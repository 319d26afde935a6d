# batches: 8
# ordered: true
# window(3, 1): partial windows at the start, records oldest batch first, then the windows drain and stay empty (B2, B3); count of each window.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Window31")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2], [3], [4, 5, 6], [7]]])
windowed = stream.window(3, 1)
windowed.pprint()
windowed.count().pprint()

ssc.start()
sleep(8)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

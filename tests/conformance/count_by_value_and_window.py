# batches: 9
# C7: countByValueAndWindow(5, 1) and (2, 1): counts per value over the window; zeros are filtered out.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="CountByValueAndWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [["red", "blue", "red"], ["blue"], [], ["green", "red"]]
colours = ssc.queueStream([sc.parallelize(b) for b in batches])

colours.countByValueAndWindow(5, 1).pprint()
colours.countByValueAndWindow(2, 1).pprint()

ssc.start()
sleep(9)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

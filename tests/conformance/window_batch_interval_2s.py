# batches: 5
# ordered: true
# B5: durations are seconds; with a 2 s batch interval window(4, 2) is 2 batches wide and emits every batch (Time 00:00:02, 00:00:04, ...); window(6, 4) every 2nd batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Window2s")
ssc = StreamingContext(sc, 2)

stream = ssc.queueStream([sc.parallelize(b) for b in [["a"], ["b", "c"], ["d"], ["e"]]])
stream.window(4, 2).pprint()
stream.window(6, 4).count().pprint()

ssc.start()
sleep(10)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

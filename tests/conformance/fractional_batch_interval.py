# batches: 6
# ordered: true
# A 0.5 s batch interval: times print as 00:00:00.500000; sleep(0.25) steps add up; window(1, 0.5) is two batches wide.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="HalfSecond")
ssc = StreamingContext(sc, 0.5)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1], [2, 3], [4], [5]]])
stream.pprint()
stream.window(1, 0.5).reduce(lambda a, b: a + b).pprint()

ssc.start()
for step in range(12):
    sleep(0.25)
    if step % 4 == 3:
        print("virtual time %.2f s" % ((step + 1) * 0.25))
ssc.stop(stopSparkContext=True, stopGraceFully=True)

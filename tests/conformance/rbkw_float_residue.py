# batches: 11
# C5: on the inverse path, adding 0.1, 0.2, 0.3 and subtracting them again leaves 1.1102230246251565e-16; a key that comes back starts from that residue.
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="FloatResidue")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [[("k", 0.1)], [("k", 0.2)], [("k", 0.3)], [], [], [], [], [], [("k", 0.7)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKeyAndWindow(add, sub, 5, 1).pprint()
pairs.reduceByKeyAndWindow(add, None, 5, 1).pprint()

ssc.start()
sleep(11)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

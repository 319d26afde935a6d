# batches: 14
# C2/C4: reduceByKeyAndWindow(add, sub, 10, 2) (w = 5 slides) takes the inverse path from its second window, emits every 2nd batch, keys stay at 0.
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="RbkwSlide2")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [[("a", 1)], [("b", 2)], [("a", 3)], [("c", 4)], [], [("a", 5)]]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKeyAndWindow(add, sub, 10, 2).pprint()
pairs.reduceByKeyAndWindow(add, sub, 10, 2, 1, lambda kv: kv[0] != "b").pprint()

ssc.start()
sleep(14)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 2
# An empty queue: every operation gives an empty block, count() gives 0 (C1), countByValue/reduce give nothing, updateStateByKey gives nothing.
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Empty")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

stream = ssc.queueStream([[], []])
stream.pprint()
stream.count().pprint()
stream.reduce(add).pprint()
stream.countByValue().pprint()
stream.map(lambda x: (x, 1)).updateStateByKey(lambda vs, s: sum(vs) + (s or 0)).pprint()
stream.glom().pprint()

ssc.start()
sleep(2)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# E2: reduceByKey hash-partitions keys with portable_hash into 2 partitions: False (and even ints) in partition 0, True in 1, so SELLS prints before BUYS.
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="BoolKeys")
ssc = StreamingContext(sc, 1)

sides = ssc.queueStream([sc.parallelize(b) for b in [["B", "S", "B", "B"], ["S"], ["B", "S"]]])

per_side = sides.map(lambda s: (s == "B", 1)).reduceByKey(add)
per_side.map(lambda kv: ("BUYS" if kv[0] else "SELLS", kv[1])).pprint()
per_side.glom().pprint()
sides.map(lambda s: (len(s) * 2, s)).groupByKey().glom().map(len).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

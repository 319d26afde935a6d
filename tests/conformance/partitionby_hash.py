# batches: 3
# ordered: true
# partitionBy(2) places keys by portable_hash (PYTHONHASHSEED=0): ints by value mod 2, strings by their hash, False in 0 and True in 1; partitionBy with a custom function.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="PartitionBy")
ssc = StreamingContext(sc, 1)

batches = [
    [(k, k * 10) for k in range(7)],
    [(w, len(w)) for w in ["spark", "stream", "eddy", "rust", "python", "queue", "batch"]],
    [(True, 1), (False, 2), (None, 3), ((1, 2), 4), (2.5, 5)],
]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

# the order inside a partition after the shuffle is not defined: sort each partition
pairs.partitionBy(2).glom().map(lambda part: sorted(part, key=repr)).pprint()
pairs.partitionBy(3, lambda k: len(repr(k))).glom().map(lambda part: sorted(part, key=repr)).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

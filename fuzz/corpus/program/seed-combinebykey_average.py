# batches: 3
# combineByKey computes a per-key (sum, count) and the average; numPartitions given and not.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="CombineByKey")
ssc = StreamingContext(sc, 1)

batches = [
    [("alice", 80), ("bob", 60), ("alice", 90), ("carol", 75), ("bob", 70), ("alice", 100)],
    [("bob", 50)],
    [],
]
scores = ssc.queueStream([sc.parallelize(b) for b in batches])

sums = scores.combineByKey(lambda v: (v, 1),
                           lambda acc, v: (acc[0] + v, acc[1] + 1),
                           lambda a, b: (a[0] + b[0], a[1] + b[1]))
sums.pprint()
sums.mapValues(lambda s: s[0] / s[1]).pprint()
scores.combineByKey(lambda v: [v], lambda acc, v: acc + [v], lambda a, b: a + b, 1) \
    .mapValues(sorted).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

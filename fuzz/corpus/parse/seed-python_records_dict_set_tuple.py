# batches: 3
# Records as dicts, tuples and sets: grouping dict records by a field, set unions per key printed sorted (string sets print in hash order, H1), tuple keys.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Records")
ssc = StreamingContext(sc, 1)

batches = [
    [{"user": "ann", "tags": ["x", "y"], "n": 2}, {"user": "bob", "tags": ["y"], "n": 1},
     {"user": "ann", "tags": ["z"], "n": 5}],
    [{"user": "cid", "tags": [], "n": 0}],
    [{"user": "bob", "tags": ["x", "x"], "n": 3}],
]
records = ssc.queueStream([sc.parallelize(b) for b in batches])

records.map(lambda r: (r["user"], set(r["tags"]))) \
    .reduceByKey(lambda a, b: a | b) \
    .mapValues(sorted).pprint()
records.map(lambda r: ((r["user"], r["n"] > 1), r["n"])).reduceByKey(lambda a, b: a + b).pprint()
records.map(lambda r: {**r, "tags": len(r["tags"])}).pprint()
records.map(lambda r: frozenset([r["n"], r["n"] * 2])).map(sorted).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

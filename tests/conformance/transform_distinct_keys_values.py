# batches: 3
# transform with distinct, keys, values, and a distinct count per batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Distinct")
ssc = StreamingContext(sc, 1)

batches = [
    [("a", 1), ("b", 1), ("a", 1), ("c", 2), ("b", 3)],
    [("z", 9), ("z", 9)],
    [],
]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.transform(lambda rdd: rdd.distinct()).pprint()
pairs.transform(lambda rdd: rdd.keys().distinct()).pprint()
pairs.transform(lambda rdd: rdd.values()).pprint()
pairs.transform(lambda rdd: rdd.values().distinct()).count().pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# reduceByKey with add, max, a lambda and numPartitions=1; string keys, tuple keys and int keys.
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="ReduceByKey")
ssc = StreamingContext(sc, 1)

batches = [
    [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("b", 5)],
    [(("x", 1), 2), (("x", 1), 3), (("y", 2), 4)],
    [(1, 2.5), (2, 1.0), (1, 0.5), (3, -1.0)],
]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

pairs.reduceByKey(add).pprint()
pairs.reduceByKey(max).pprint()
pairs.reduceByKey(lambda a, b: a * b, 1).pprint()
pairs.reduceByKey(add).map(lambda kv: (kv[1], kv[0])).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 4
# ordered: true
# transform with sortBy (distinct keys), sortBy descending, zipWithIndex after a sort, and take(2) turned back into an RDD.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TransformSort")
ssc = StreamingContext(sc, 1)

batches = [[("d", 4), ("a", 9), ("c", 1), ("b", 7)], [("z", 0)], [], [("m", 5), ("n", 3), ("o", 8)]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])

stream.transform(lambda rdd: rdd.sortBy(lambda kv: kv[1])).pprint()
stream.transform(lambda rdd: rdd.sortBy(lambda kv: kv[0], ascending=False)).pprint()
stream.transform(lambda rdd: rdd.sortBy(lambda kv: -kv[1]).keys().zipWithIndex()).pprint()
stream.transform(lambda rdd: rdd.context.parallelize(rdd.sortBy(lambda kv: kv[1]).take(2))).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# transform joins each batch with a static lookup RDD from sc.parallelize (join and leftOuterJoin), the usual enrichment pattern.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="JoinLookup")
ssc = StreamingContext(sc, 1)

prices = sc.parallelize([("apple", 0.5), ("pear", 0.75), ("fig", 2.0)])

orders = ssc.queueStream([sc.parallelize(b) for b in [
    [("apple", 4), ("fig", 1), ("kiwi", 3)],
    [("pear", 2), ("pear", 6)],
    [],
]])

orders.transform(lambda rdd: rdd.join(prices)).pprint()
orders.transform(lambda rdd: rdd.leftOuterJoin(prices)).pprint()
orders.transform(lambda rdd: rdd.join(prices).mapValues(lambda qp: qp[0] * qp[1])).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

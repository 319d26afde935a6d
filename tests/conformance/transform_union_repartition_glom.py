# batches: 3
# ordered: true
# transform with rdd.union(rdd), repartition(1) then glom, glom of the raw batch, and filter/flatMap/map inside transform.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TransformUnion")
ssc = StreamingContext(sc, 1)

batches = [[1, 2, 3], [4, 5, 6, 7], []]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])

stream.transform(lambda rdd: rdd.union(rdd.map(lambda x: x * 100))).pprint()
stream.transform(lambda rdd: rdd.union(rdd).repartition(1).glom()).pprint()
stream.transform(lambda rdd: rdd.glom()).pprint()
stream.transform(lambda rdd: rdd.filter(lambda x: x > 1).flatMap(lambda x: [x, -x]).map(str)).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

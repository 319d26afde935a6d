# batches: 3
# transformWith combines two streams' RDDs per batch: union, join, subtractByKey and an RDD-level count.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TransformWith")
ssc = StreamingContext(sc, 1)

left = ssc.queueStream([sc.parallelize(b) for b in [[("a", 1), ("b", 2)], [("c", 3)], []]])
right = ssc.queueStream([sc.parallelize(b) for b in [[("a", "x")], [], [("d", "y")]]])

left.transformWith(lambda l, r: l.union(r), right).pprint()
left.transformWith(lambda l, r: l.join(r), right).pprint()
left.transformWith(lambda l, r: l.subtractByKey(r), right).pprint()
left.transformWith(lambda l, r: l.context.parallelize([(l.count(), r.count())]), right).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# union keeps the left stream's partitions, then the right's (E3); ssc.union of three streams; a union with itself.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Union")
ssc = StreamingContext(sc, 1)

a = ssc.queueStream([sc.parallelize(b) for b in [[1, 2, 3], [4], []]])
b = ssc.queueStream([sc.parallelize(b) for b in [[10, 20], [], [30, 40, 50]]])
c = ssc.queueStream([sc.parallelize(b) for b in [["x"], ["y", "z"], []]])

a.union(b).pprint()
a.union(b).glom().pprint()
ssc.union(a, b, c).pprint()
b.union(b.map(lambda x: -x)).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

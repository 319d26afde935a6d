# Exported by Eddy: a PySpark Streaming program; run it with spark-submit.
# batches: 7
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Eddy")
ssc = StreamingContext(sc, 1)
ssc.checkpoint('checkpoint')

s0 = ssc.queueStream([sc.parallelize(['a b', 'b c']), sc.parallelize(['c']), sc.parallelize([]), sc.parallelize(['a a']), sc.parallelize(['d b'])])
s1 = s0.flatMap(lambda line: line.split())
s2 = s1.map(lambda w: (w, 1))
s3 = s2.reduceByKeyAndWindow(add, sub, 5, 1)
s3.pprint(10)
s5 = s2.reduceByKey(add)
s6 = s5.leftOuterJoin(s5)
s6.pprint(3)
s8 = s1.countByWindow(3, 1)
s8.pprint(10)

ssc.start()
sleep(7)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# A2: queueStream(oneAtATime=False): the first batch gets the union of every queued RDD, later batches are empty.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="AllAtOnce")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2], [3], [4, 5, 6]]], oneAtATime=False)
stream.pprint()
stream.glom().pprint()
stream.count().pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

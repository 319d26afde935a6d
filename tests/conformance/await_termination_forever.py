# batches: 3
# SEMANTICS I: awaitTermination() without a timeout runs the remaining batches up to N; the program then ends without calling stop().
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="AwaitForever")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(["tick"]) for _ in range(5)])
stream.map(lambda s: s + "!").pprint()

ssc.start()
sleep(1)
print("one batch done, now waiting")
ssc.awaitTermination()
print("awaitTermination returned")

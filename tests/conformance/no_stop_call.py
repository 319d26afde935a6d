# batches: 4
# ordered: true
# SEMANTICS I: a program that ends without stop() (after sleeping only 1.5 s) still runs exactly N batches.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="NoStop")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([i, -i]) for i in range(1, 6)])
stream.pprint()

ssc.start()
sleep(1.5)
print("main program ends here")

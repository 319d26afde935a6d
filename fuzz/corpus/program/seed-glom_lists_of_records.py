# batches: 3
# ordered: true
# glom() of string and tuple records; glom after filter keeps both partitions, empty ones too.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="GlomRecords")
ssc = StreamingContext(sc, 1)

batches = [["a", "b", "c"], [("x", 1), ("y", 2), ("z", 3), ("w", 4)], ["only"]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])

stream.glom().pprint()
stream.filter(lambda r: r != "b" and r != ("w", 4)).glom().pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# groupByKey per batch with the grouped values mapped to sorted lists (their order is undefined, E5), and their counts.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="GroupByKey")
ssc = StreamingContext(sc, 1)

batches = [
    [("fruit", "pear"), ("veg", "leek"), ("fruit", "apple"), ("fruit", "fig"), ("veg", "kale")],
    [],
    [("nut", "pecan"), ("nut", "almond")],
]
pairs = ssc.queueStream([sc.parallelize(b) for b in batches])

grouped = pairs.groupByKey()
grouped.mapValues(sorted).pprint()
grouped.mapValues(len).pprint()
grouped.map(lambda kv: (kv[0], ",".join(sorted(kv[1])))).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

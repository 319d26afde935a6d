# batches: 5
# A queue of batches: each list is one batch of records (edit them in the Inputs panel, or here).
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Eddy")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

batches = [
    ["apple", "banana", "apple"],
    ["cherry", "banana"],
    [],
    ["apple", "cherry", "cherry", "apple"],
    ["banana"],
]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])
stream.pprint()
pairs = stream.map(lambda x: (x, 1))
totals = pairs.reduceByKey(add)
totals.pprint()
running = pairs.updateStateByKey(lambda values, total: sum(values) + (total or 0))
running.pprint()
last_three = stream.countByWindow(3, 1)
last_three.pprint()

ssc.start()
sleep(5)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 4
# reduce with max/min/add/tuple sums, count and countByValue per batch; an empty batch: reduce prints nothing, count prints 0 (C1).
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Reductions")
ssc = StreamingContext(sc, 1)

batches = [[5, 3, 9, 3], [], [-2], [4, 4, 4, 1, 1]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])

stream.reduce(max).pprint()
stream.reduce(min).pprint()
stream.map(lambda x: (x, 1)).reduce(lambda a, b: (a[0] + b[0], a[1] + b[1])).pprint()
stream.map(float).reduce(add).pprint()
stream.count().pprint()
stream.countByValue().pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

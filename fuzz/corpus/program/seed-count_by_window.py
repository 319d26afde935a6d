# batches: 10
# C6: countByWindow(3, 1) gives [] once drained (recompute path) while countByWindow(5, 1) gives [0] (inverse path); count() of window(3, 1) gives [0].
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="CountByWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

stream = ssc.queueStream([sc.parallelize(b) for b in [["a", "b"], ["c"], [], ["d", "e", "f"]]])
stream.countByWindow(3, 1).pprint()
stream.countByWindow(5, 1).pprint()
stream.window(3, 1).count().pprint()

ssc.start()
sleep(10)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

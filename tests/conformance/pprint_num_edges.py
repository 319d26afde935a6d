# batches: 3
# ordered: true
# F1: pprint(num) prints the first num records and "..." if there are more: pprint(0), pprint(1), pprint(3) with exactly 3 and with 4 records, the default 10 with 11.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="PprintNum")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2, 3], list(range(11)), []]])
stream.pprint(0)
stream.pprint(1)
stream.pprint(3)
stream.filter(lambda x: x != 5).pprint(3)
stream.pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

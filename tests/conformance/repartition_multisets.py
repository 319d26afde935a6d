# batches: 3
# repartition(n > 1) deals records to partitions: only the multiset of records (and the partition count) is reproducible; repartition(1) keeps the order.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="RepartitionMultiset")
ssc = StreamingContext(sc, 1)

batches = [list(range(1, 26)), [], ["a", "b", "c"]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])

stream.repartition(3).pprint(100)
stream.repartition(4).glom().count().pprint()
stream.repartition(3).count().pprint()
stream.repartition(1).glom().map(lambda p: p[:5]).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

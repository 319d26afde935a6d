# batches: 4
# ordered: true
# mapPartitions and mapPartitionsWithIndex see the local[2] split: n records give partitions of n//2 and n-n//2 (n=1: [], [x]).
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="MapPartitions")
ssc = StreamingContext(sc, 1)

batches = [[1, 2, 3, 4, 5], [6], [], [10, 20, 30, 40]]
stream = ssc.queueStream([sc.parallelize(b) for b in batches])


def partition_sum(records):
    yield sum(records)


def tag_with_index(index, records):
    return [(index, r) for r in records]


stream.mapPartitions(partition_sum).pprint()
stream.mapPartitionsWithIndex(tag_with_index).pprint()
stream.mapPartitions(lambda it: [len(list(it))]).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

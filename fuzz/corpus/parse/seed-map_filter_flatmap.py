# batches: 4
# ordered: true
# map, filter and flatMap keep each batch's record order (partition order); an empty batch prints an empty block.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="MapFilterFlatMap")
ssc = StreamingContext(sc, 1)

batches = [[1, 2, 3, 4, 5], [10, 11], [], [7, 8, 9]]
numbers = ssc.queueStream([sc.parallelize(b) for b in batches])

numbers.map(lambda x: x * x).pprint()
numbers.filter(lambda x: x % 2 == 1).pprint()
numbers.flatMap(lambda x: [x] * (x % 3)).pprint(20)
numbers.flatMap(lambda x: range(x, x + 2)).map(lambda x: (x, x % 2 == 0)).pprint(20)

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# transform with reduceByKey then sortByKey (ascending and descending) or sortBy with a tie-breaker: a total order, so the block order is defined.
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="SortByKey")
ssc = StreamingContext(sc, 1)

text = ["to be or not to be", "that is the question", ""]
words = ssc.queueStream([sc.parallelize(t.split()) for t in text])
counts = words.map(lambda w: (w, 1))

counts.transform(lambda rdd: rdd.reduceByKey(add).sortByKey()).pprint()
counts.transform(lambda rdd: rdd.reduceByKey(add).sortByKey(False)).pprint()
# ranks by count: ties are broken by the word (E4), so the order is defined; pprint(3) prints "..."
counts.transform(lambda rdd: rdd.reduceByKey(add).sortBy(lambda kv: (-kv[1], kv[0]))
                 .keys().zipWithIndex()).pprint(3)

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

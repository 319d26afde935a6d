# batches: 6
# Files you drop on the page become batches of ssc.textFileStream("input"): one file per batch, in the order given.
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="FileWordCount")
ssc = StreamingContext(sc, 1)

lines = ssc.textFileStream("input")
lines.count().pprint()
lines.flatMap(lambda line: line.split()) \
    .map(lambda word: (word.lower(), 1)) \
    .reduceByKey(add) \
    .pprint(20)

ssc.start()
sleep(6)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

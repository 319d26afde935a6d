# batches: 3
# ordered: true
# mapValues and flatMapValues on (key, value) records are narrow: keys and record order are kept.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="MapValues")
ssc = StreamingContext(sc, 1)

batches = [
    [("apple", "red green"), ("kiwi", "brown"), ("plum", "")],
    [("lime", "green"), ("apple", "yellow")],
    [],
]
fruit = ssc.queueStream([sc.parallelize(b) for b in batches])

fruit.mapValues(lambda colours: len(colours.split())).pprint()
fruit.flatMapValues(lambda colours: colours.split()).pprint()
fruit.mapValues(str.upper).map(lambda kv: "%s=%s" % kv).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

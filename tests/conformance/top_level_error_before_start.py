# batches: 3
# An exception before start() (a KeyError while building the pipeline): the program stops there and no batch runs.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="ErrorBeforeStart")
ssc = StreamingContext(sc, 1)

config = {"window": 3}
stream = ssc.queueStream([sc.parallelize([1, 2])])
print("window is", config["window"])
stream.window(config["window"], config["slide"]).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

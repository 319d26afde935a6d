# batches: 5
# SEMANTICS I: an exception that escapes the main program (after two batches) stops it there, with a traceback naming the lines; no further batch runs.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TopLevelError")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize([i, i + 1]) for i in range(5)])
stream.pprint()

settings = {"threshold": "12x"}


def read_threshold():
    return int(settings["threshold"])


ssc.start()
sleep(2)
print("reading the threshold")
threshold = read_threshold()
print("never printed", threshold)
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

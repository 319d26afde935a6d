# batches: 4
# SEMANTICS I: a job whose lambda raises (int("oops") in batch 1) prints nothing for that output in that batch; the other outputs and later batches go on.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="FailingJob")
ssc = StreamingContext(sc, 1)

lines = ssc.queueStream([sc.parallelize(b) for b in [["1", "2"], ["3", "oops"], ["4"], []]])

lines.pprint()
lines.map(int).pprint()
lines.map(lambda s: int(s) * 10 if s.isdigit() else -1).pprint()
lines.map(int).reduce(lambda a, b: a + b).pprint()
lines.foreachRDD(lambda t, rdd: print("batch", t, "done"))

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

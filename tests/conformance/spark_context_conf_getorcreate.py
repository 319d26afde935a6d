# batches: 2
# ordered: true
# SEMANTICS I: SparkContext(conf=SparkConf()...) and SparkContext.getOrCreate() give the one local context (defaultParallelism 2); ssc.sparkContext is it; sc.stop() at the end.
from time import sleep

from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setAppName("ConfAndGetOrCreate")
sc = SparkContext(conf=conf)
same = SparkContext.getOrCreate()
print("same context:", sc is same, "defaultParallelism:", sc.defaultParallelism)

ssc = StreamingContext(sc, 1)
print("ssc.sparkContext is sc:", ssc.sparkContext is sc)
stream = ssc.queueStream([ssc.sparkContext.parallelize(["x", "y", "z"]), sc.parallelize(["w"])])
stream.map(lambda s: s * 3).glom().pprint()

ssc.start()
sleep(2)
ssc.stop(stopSparkContext=False)
sc.stop()

# batches: 2
# ordered: true
# F2: records print with Python's str(): None, bools, floats (51.0, 1e-16, 1e+16, 0.1+0.2, inf, -0.0), big ints, nested tuples/lists/dicts, quotes and unicode in strings.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Formats")
ssc = StreamingContext(sc, 1)

values = [None, True, False, 51.0, 1e-16, 1e16, 0.1 + 0.2, float("inf"), -0.0, 2 ** 70, -7,
          1 / 3, 123456789.125, "plain", "it's", 'say "hi"', "café", ("",),
          (1, "a", None), [1, [2, 3]], {"k": [1.5, None]}, ((), [], {}), ("single",)]
stream = ssc.queueStream([sc.parallelize(values), sc.parallelize([("tab\there", 1), (3.0, 2.5e-7)])])

stream.pprint(100)
stream.map(lambda v: (type(v).__name__, repr(v))).pprint(100)

ssc.start()
sleep(2)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# Python the programs use: def functions, closures over globals and over a factory's argument, default arguments, comprehensions, f-strings, %-format, str.format.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="PythonFeatures")
ssc = StreamingContext(sc, 1)

THRESHOLD = 3
LABELS = {0: "zero", 1: "one", 2: "two"}


def make_scaler(factor):
    def scale(x):
        return x * factor
    return scale


def describe(x, unit="pts"):
    parity = "even" if x % 2 == 0 else "odd"
    return f"{x:>3} {unit} ({parity}, {LABELS.get(x % 3, '?')})"


triple = make_scaler(3)
stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2, 3, 4], [5], [10, 11, 12]]])

stream.map(triple).filter(lambda x: x > THRESHOLD).pprint()
stream.map(describe).pprint()
stream.map(lambda x: "%d squared is %d, half is %.2f" % (x, x * x, x / 2)).pprint()
stream.map(lambda x: "{0}-{1}".format(x, [i * i for i in range(x % 4)])).pprint()
stream.map(lambda x: {k: v for k, v in zip("abc", range(x, x + 3))}).pprint()
stream.map(lambda x: tuple(sorted({x % 3, x % 2, 7}))).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

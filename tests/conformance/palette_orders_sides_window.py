# batches: 5
# Spark in Action's order lines, `rate` per batch, from a random generator seeded with `seed`: every run sees the same orders.
from operator import add, sub
import random
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Eddy")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

rate = 6  # orders per batch
seed = 7
symbols = ["AAPL", "AMZN", "EPE", "GOOG", "MSFT", "NFLX", "TSLA", "VALE"]
rng = random.Random(seed)


def order(batch, i):
    # time, order id, client id, symbol, shares, price, B (buy) or S (sell)
    return "2016-03-22 20:25:%02d,%d,%d,%s,%d,%.2f,%s" % (
        (28 + batch) % 60, batch * rate + i + 1, rng.randint(1, 100), rng.choice(symbols),
        rng.randint(1, 1000), rng.randint(100, 10000) / 100, rng.choice(["B", "S"]))


batches = [[order(b, i) for i in range(rate)] for b in range(5)]
orders = ssc.queueStream([sc.parallelize(b) for b in batches])
orders.pprint(5)
sides = orders.map(lambda line: (line.split(",")[6], 1))
sides_last_3 = sides.reduceByKeyAndWindow(add, sub, 3, 1)
sides_last_3.pprint()
dear = orders.filter(lambda line: float(line.split(",")[5]) > 50)
dear_count = dear.count()
dear_count.pprint()

ssc.start()
sleep(5)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 6
# Spark in Action ch.6 style on generated orders (random.seed): parse CSV lines, buys/sells per batch, running volume per client (updateStateByKey), top-5 clients via transform sortBy with a tie-breaker.
import random
from datetime import datetime, timedelta
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="StreamingOrders")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

random.seed(6)
SYMBOLS = ["EPE", "NFLX", "VALE", "SRPT", "BP", "MNKD", "FCEL", "AFFX", "EGO", "AMD", "INTC", "TOT"]
start = datetime(2016, 3, 22, 20, 25, 28)
order_id = 0
order_batches = []
for b in range(5):
    lines = []
    for _ in range(8):
        order_id += 1
        when = start + timedelta(seconds=order_id // 3)
        lines.append("%s,%d,%d,%s,%d,%.2f,%s" % (
            when.strftime("%Y-%m-%d %H:%M:%S"), order_id, random.randint(1, 12),
            random.choice(SYMBOLS), random.randint(1, 1000), random.randint(1, 100),
            random.choice("BS")))
    order_batches.append(lines)
order_batches[2].append("2016-03-22 20:25:40,bad,line")
print(order_batches[0][0])

filestream = ssc.queueStream([sc.parallelize(lines) for lines in order_batches])


def parse_order(line):
    s = line.split(",")
    try:
        if s[6] != "B" and s[6] != "S":
            raise Exception("Wrong format")
        return [{"time": datetime.strptime(s[0], "%Y-%m-%d %H:%M:%S"), "orderId": int(s[1]),
                 "clientId": int(s[2]), "symbol": s[3], "amount": int(s[4]),
                 "price": float(s[5]), "buy": s[6] == "B"}]
    except Exception:
        return []


orders = filestream.flatMap(parse_order)
orders.count().pprint()

num_per_type = orders.map(lambda o: (o["buy"], 1)).reduceByKey(add)
num_per_type.map(lambda t: ("BUYS" if t[0] else "SELLS", t[1])).pprint()

amount_per_client = orders.map(lambda o: (o["clientId"], o["amount"] * o["price"]))
amount_state = amount_per_client.updateStateByKey(
    lambda vals, total: sum(vals) + total if total is not None else sum(vals))
top5 = amount_state.transform(
    lambda rdd: rdd.sortBy(lambda kv: (-kv[1], kv[0])).zipWithIndex().filter(lambda x: x[1] < 5).keys())
top5.repartition(1).map(lambda kv: "client %d: %.2f" % kv).pprint()

ssc.start()
sleep(6)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

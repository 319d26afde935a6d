# batches: 8
# Spark in Action ch.6 style: traded amount per symbol over reduceByKeyAndWindow(add, sub, 6, 1) (inverse path: symbols that leave stay at 0, C9), top-3 symbols per window with a tie-breaker.
from operator import add, sub
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="TopSymbols")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

order_batches = [
    ["2016-03-22 20:25:28,1,80,EPE,710,51.00,B", "2016-03-22 20:25:28,2,70,NFLX,158,8.00,B",
     "2016-03-22 20:25:28,3,53,VALE,284,5.00,S"],
    ["2016-03-22 20:25:29,4,14,SRPT,183,34.00,B", "2016-03-22 20:25:29,5,62,BP,241,36.00,S"],
    ["2016-03-22 20:25:30,6,52,MNKD,296,28.00,S", "2016-03-22 20:25:30,7,80,EPE,100,52.00,S"],
    [],
    ["2016-03-22 20:25:32,8,14,BP,500,35.50,B"],
]
lines = ssc.queueStream([sc.parallelize(b) for b in order_batches])

amounts = lines.map(lambda line: line.split(",")).map(lambda f: (f[3], int(f[4])))
volume = amounts.reduceByKeyAndWindow(add, sub, 6, 1)
volume.pprint(20)
volume.transform(lambda rdd: rdd.sortBy(lambda kv: (-kv[1], kv[0])).zipWithIndex()
                 .filter(lambda x: x[1] < 3).keys().repartition(1).glom()
                 .map(lambda top: ("TOP3SYMBOLS", top))).pprint()

ssc.start()
sleep(8)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

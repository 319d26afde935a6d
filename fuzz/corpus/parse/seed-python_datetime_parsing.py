# batches: 3
# datetime.strptime parsing of event lines, strftime, timedelta arithmetic, per-hour counts with reduceByKey.
from datetime import datetime, timedelta
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Datetimes")
ssc = StreamingContext(sc, 1)

batches = [
    ["2016-03-22 20:25:28,login", "2016-03-22 20:59:01,click", "2016-03-22 21:00:00,logout"],
    ["2016-03-23 00:00:59,login"],
    ["bad line", "2016-02-29 12:30:00,click"],
]
lines = ssc.queueStream([sc.parallelize(b) for b in batches])


def parse(line):
    stamp, _, action = line.partition(",")
    try:
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return []
    return [(when, action)]


events = lines.flatMap(parse)
events.pprint()
events.map(lambda e: (e[0].strftime("%Y-%m-%d %H:00"), 1)).reduceByKey(add).pprint()
events.map(lambda e: (e[1], (e[0] + timedelta(minutes=90)).isoformat())).pprint()
events.map(lambda e: (e[0].weekday(), e[0].day, e[0].month, e[0].year)).pprint()

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

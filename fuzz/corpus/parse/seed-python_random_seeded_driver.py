# batches: 4
# random with a seed in the driver builds the batches (randint, choice, shuffle, random, gauss), so the input is the same every run.
import random
from operator import add
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="SeededRandom")
ssc = StreamingContext(sc, 1)

random.seed(2024)
colours = ["red", "green", "blue"]
batches = []
for i in range(4):
    batch = [(random.choice(colours), random.randint(1, 6)) for _ in range(random.randint(2, 6))]
    random.shuffle(batch)
    batches.append(batch)
noise = [round(random.random(), 6) for _ in range(3)] + [round(random.gauss(0, 1), 6)]
print("noise:", noise)
print("batch sizes:", [len(b) for b in batches])

rolls = ssc.queueStream([sc.parallelize(b) for b in batches])
rolls.pprint()
rolls.reduceByKey(add).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

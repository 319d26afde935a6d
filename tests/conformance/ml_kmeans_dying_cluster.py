# batches: 4
# G3/H3: StreamingKMeans(k=3, decayFactor=0.0): a cluster that gets no points dies and is split from the largest; an empty batch zeroes every weight without moving centres; numpy reprs of weights and centres.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="KMeansDying")
ssc = StreamingContext(sc, 1)

train_batches = [
    [[1.0, 0.0], [1.0, 1.0], [9.0, 8.0], [9.0, 9.0], [9.0, 9.5]],
    [[1.0, 0.5], [9.0, 9.0]],
    [],
    [[2.0, 2.0], [8.0, 8.0]],
]
model = StreamingKMeans(k=3, decayFactor=0.0)
model.setInitialCenters([[0.0, 0.0], [10.0, 10.0], [100.0, 100.0]], [1.0, 1.0, 1.0])

training = ssc.queueStream([sc.parallelize(b) for b in train_batches])
model.trainOn(training)

ssc.start()
for i in range(4):
    sleep(1)
    m = model.latestModel()
    print("batch", i, "weights:", m.clusterWeights)
    print(m.centers)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 5
# G3/G4: StreamingKMeans with timeUnit='points' (discount = decay ** points in the batch) via setHalfLife(4, 'points') and decayFactor=0.8; an empty batch (update still runs, discount 1); predictOn.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="KMeansPoints")
ssc = StreamingContext(sc, 1)

train_batches = [
    [[1.0, 1.0], [1.2, 0.8], [9.0, 9.0]],
    [[8.8, 9.2], [9.1, 8.9], [0.9, 1.1], [1.0, 1.3]],
    [],
    [[5.0, 5.0]],
    [[0.0, 0.0], [10.0, 10.0]],
]

by_half_life = StreamingKMeans(k=2).setHalfLife(4, "points") \
    .setInitialCenters([[0.0, 0.0], [10.0, 10.0]], [2.0, 2.0])
by_decay = StreamingKMeans(k=2, decayFactor=0.8, timeUnit="points") \
    .setInitialCenters([[0.0, 0.0], [10.0, 10.0]], [2.0, 2.0])
print("half-life decay factor:", by_half_life._decayFactor)

training = ssc.queueStream([sc.parallelize(b) for b in train_batches])
by_half_life.trainOn(training)
by_decay.trainOn(training)
probe = ssc.queueStream([[[5.2, 5.2], [4.8, 4.8], [0.5, 0.5]] for _ in range(5)])
by_decay.predictOn(probe).pprint()

ssc.start()
for i in range(5):
    sleep(1)
    for name, model in [("half-life", by_half_life), ("decay 0.8", by_decay)]:
        m = model.latestModel()
        print(name, "centers:", [[float(x) for x in c] for c in m.centers],
              "weights:", [float(w) for w in m.clusterWeights])
ssc.stop(stopSparkContext=True, stopGraceFully=True)

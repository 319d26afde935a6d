# batches: 4
# StreamingKMeans(k=3, decayFactor=0.5) with setRandomCenters(2, 1.0, 42) (G4: numpy RandomState(42).randn); centres, weights and predictions after each batch.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="KMeansRandomCenters")
ssc = StreamingContext(sc, 1)

train_batches = [
    [[0.2, 0.1], [0.3, -0.2], [4.0, 4.2], [4.1, 3.9], [-3.0, -3.1], [-2.9, -3.2]],
    [[0.1, 0.0], [4.2, 4.0], [-3.1, -2.8], [3.9, 4.1]],
    [[-3.0, -3.0], [0.0, 0.2]],
    [[4.0, 4.0], [4.0, 4.0], [0.1, 0.1]],
]
test_points = [("origin", [0.0, 0.0]), ("ne", [4.0, 4.0]), ("sw", [-3.0, -3.0])]

model = StreamingKMeans(k=3, decayFactor=0.5).setRandomCenters(2, 1.0, 42)
initial = model.latestModel()
print("initial centers:", [[float(x) for x in c] for c in initial.centers])
print("initial weights:", [float(w) for w in initial.clusterWeights])

training = ssc.queueStream([sc.parallelize(b) for b in train_batches])
testing = ssc.queueStream([test_points for _ in range(4)])
model.trainOn(training)
model.predictOnValues(testing).pprint()

ssc.start()
for i in range(4):
    sleep(1)
    m = model.latestModel()
    print("centers:", [[float(x) for x in c] for c in m.centers])
    print("weights:", [float(w) for w in m.clusterWeights])
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# H3: how streaming-ML values print: LabeledPoint and DenseVector str/repr, np.float64 items, latestModel() of the linear models before and after training, StreamingKMeans centers (the given list, then a numpy array) and clusterWeights (floats, then np.float64s) on the live model object, predictions as np.float64 and int.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.linalg import Vectors
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD
from pyspark.mllib.classification import StreamingLogisticRegressionWithSGD
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="MLPrintForms")
ssc = StreamingContext(sc, 1)

p = LabeledPoint(1, [0.5, 2])
print(p, repr(p), p.label, p.features)
v = Vectors.dense([0.123456, -2.0, 1e-5])
print(v, repr(v), v[0], repr(v[1]), v.dot([1.0, 1.0, 1.0]), len(v), v.size)
print([p], (v,), list(v))

lr = StreamingLinearRegressionWithSGD(stepSize=0.2, numIterations=3)
lr.setInitialWeights([0.0, 0.0])
print(lr.latestModel())
lg = StreamingLogisticRegressionWithSGD()
lg.setInitialWeights([0.0, 0.0])
print(lg.latestModel())
km = StreamingKMeans(k=2, decayFactor=0.5)
km.setInitialCenters([[0.0, 0.0], [5.0, 5.0]], [1.0, 1.0])
m = km.latestModel()
print(m.centers, m.clusterWeights)

train = ssc.queueStream(
    [sc.parallelize([LabeledPoint(1.0, [1.0, 0.5]), LabeledPoint(-1.0, [0.25, 1.0])]) for _ in range(2)])
lr.trainOn(train)
lr.predictOn(ssc.queueStream([[[1.0, 1.0], [0.5, -0.5]] for _ in range(3)])).pprint()
points = ssc.queueStream([sc.parallelize([[0.1, 0.2], [4.9, 5.3], [5.2, 4.8]])])
km.trainOn(points)
km.predictOnValues(ssc.queueStream([[("a", [0.0, 1.0]), ("b", [6.0, 6.0])] for _ in range(3)])).pprint()

ssc.start()
for i in range(3):
    sleep(1)
    w = lr.latestModel().weights
    print(lr.latestModel(), w, repr(w), w[0] * 2, w.dot([1.0, 1.0]) + 1)
    print(m.centers)
    print(repr(m.centers))
    print(m.clusterWeights, [float(x) for x in m.clusterWeights], sum(m.clusterWeights))
    print(m.predict([4.0, 4.0]), km.latestModel().predict(Vectors.dense([0.0, 0.0])))
ssc.stop(stopSparkContext=True, stopGraceFully=True)

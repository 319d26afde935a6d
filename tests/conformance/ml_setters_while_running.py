# batches: 4
# ordered: true
# Model setters called between batches take effect from the next batch: StreamingKMeans.setDecayFactor and setHalfLife change the update, StreamingLinearRegressionWithSGD.setInitialWeights replaces the model that predictOn and trainOn use.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="MLSetters")
ssc = StreamingContext(sc, 1)

km = StreamingKMeans(k=2, decayFactor=1.0)
km.setInitialCenters([[0.0], [10.0]], [2.0, 2.0])
km.trainOn(ssc.queueStream([sc.parallelize([[1.0], [9.0], [11.0]]) for _ in range(4)]))

lr = StreamingLinearRegressionWithSGD(stepSize=0.5, numIterations=2)
lr.setInitialWeights([0.0])
lr.trainOn(ssc.queueStream([sc.parallelize([LabeledPoint(2.0, [1.0]), LabeledPoint(4.0, [2.0])])
                            for _ in range(4)]))
lr.predictOn(ssc.queueStream([[[1.0]] for _ in range(4)])).pprint()

ssc.start()
for i in range(4):
    sleep(1)
    m = km.latestModel()
    print("batch", i, [float(w) for w in m.clusterWeights], [float(c[0]) for c in m.centers])
    print("linear", lr.latestModel())
    if i == 0:
        km.setDecayFactor(0.0)
        lr.setInitialWeights([10.0])
    if i == 1:
        km.setHalfLife(2.0, "batches")
ssc.stop(stopSparkContext=True, stopGraceFully=True)

# batches: 3
# ordered: true
# latestModel() inside foreachRDD: jobs run in registration order (A4), so a function registered after trainOn sees this batch's training and one registered before it the previous batch's.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD
from pyspark.mllib.clustering import StreamingKMeans

sc = SparkContext(appName="LatestModelInForeachRDD")
ssc = StreamingContext(sc, 1)

lr = StreamingLinearRegressionWithSGD(stepSize=0.5, numIterations=2)
lr.setInitialWeights([0.0])
train = ssc.queueStream([sc.parallelize([LabeledPoint(2.0, [1.0]), LabeledPoint(3.0 + i, [2.0])])
                         for i in range(3)])
train.foreachRDD(lambda rdd: print("before", lr.latestModel()))
lr.trainOn(train)
train.foreachRDD(lambda rdd: print("after", lr.latestModel()))

km = StreamingKMeans(k=2, decayFactor=0.5)
km.setInitialCenters([[0.0], [10.0]], [1.0, 1.0])
points = ssc.queueStream([sc.parallelize([[1.0 + i], [9.0]]) for i in range(3)])


def show(time, rdd):
    m = km.latestModel()
    print(time, "k-means", [float(w) for w in m.clusterWeights], [float(c[0]) for c in m.centers])


km.trainOn(points)
points.foreachRDD(show)

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

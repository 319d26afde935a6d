# batches: 5
# StreamingLogisticRegressionWithSGD(stepSize=0.5, numIterations=10): trainOn labelled points, predictOnValues on a fixed test set (0/1 predictions lag training by one batch, G2), accuracy per batch, latestModel() after every batch.
import random
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.classification import StreamingLogisticRegressionWithSGD
from pyspark.mllib.regression import LabeledPoint

sc = SparkContext(appName="StreamingLogisticRegression")
ssc = StreamingContext(sc, 1)

random.seed(7)


def point():
    x = [round(random.uniform(-1, 1), 3), round(random.uniform(-1, 1), 3)]
    label = 1.0 if 2 * x[0] - x[1] > 0.2 else 0.0
    return label, x


train_batches = [[point() for _ in range(24)] for _ in range(4)] + [[]]
test_points = [point() for _ in range(8)]

training = ssc.queueStream([sc.parallelize([LabeledPoint(y, x) for y, x in batch]) for batch in train_batches])
testing = ssc.queueStream([sc.parallelize(test_points) for _ in range(5)])

model = StreamingLogisticRegressionWithSGD(stepSize=0.5, numIterations=10)
model.setInitialWeights([0.0, 0.0])
model.trainOn(training)

predictions = model.predictOnValues(testing)
predictions.pprint()
predictions.map(lambda p: (1 if p[0] == p[1] else 0, 1)) \
    .reduce(lambda a, b: (a[0] + b[0], a[1] + b[1])) \
    .map(lambda s: "accuracy %d/%d" % s).pprint()

ssc.start()
for i in range(5):
    sleep(1)
    m = model.latestModel()
    print(m)
    print("weights", m.weights, "intercept", m.intercept)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

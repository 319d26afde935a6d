# batches: 5
# G1: StreamingLinearRegressionWithSGD never learns an intercept (it stays 0.0); an empty training batch is skipped; convergenceTol stops early; predictOn gives bare predictions.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD

sc = SparkContext(appName="LinRegPredictOn")
ssc = StreamingContext(sc, 1)

# y = 2*x0 - x1 + 3: the intercept 3 is never learned
train_batches = [
    [(2 * a - b + 3, [a, b]) for a, b in [(0.5, 0.1), (-0.3, 0.4), (0.9, -0.6), (0.2, 0.2), (-0.8, -0.5)]],
    [],
    [(2 * a - b + 3, [a, b]) for a, b in [(0.1, 0.9), (0.7, 0.3), (-0.4, -0.9)]],
    [(2 * a - b + 3, [a, b]) for a, b in [(1.0, 1.0), (-1.0, 0.5)]],
    [],
]
training = ssc.queueStream([sc.parallelize([LabeledPoint(y, x) for y, x in b]) for b in train_batches])
features = ssc.queueStream([[[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]] for _ in range(5)])

model = StreamingLinearRegressionWithSGD(stepSize=0.5, numIterations=25, miniBatchFraction=1.0,
                                         convergenceTol=0.01)
model.setInitialWeights([0.0, 0.0])
model.trainOn(training)
model.predictOn(features).map(float).pprint()

ssc.start()
for i in range(5):
    sleep(1)
    m = model.latestModel()
    print("weights", [float(w) for w in m.weights], "intercept", m.intercept)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

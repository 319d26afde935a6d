# batches: 7
# ordered: true
# Seed tutorial style on real data (UCI SML2010, CC BY 4.0): predict outdoor humidity from indoor humidity, rain and outdoor temperature with StreamingLinearRegressionWithSGD; random.seed split into train/test; MSE per batch.
import random
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.mllib.regression import LabeledPoint, StreamingLinearRegressionWithSGD

sc = SparkContext(appName="HumidityRegression")
ssc = StreamingContext(sc, 1)


def parse(line):
    fields = line.split()
    # dining-room RH, room RH, rain fraction, outdoor temperature -> outdoor RH
    features = [float(fields[7]), float(fields[8]), float(fields[11]), float(fields[21])]
    return LabeledPoint(float(fields[22]), features)


with open("data/sml2010/NEW-DATA-1.T15.txt") as f:
    # every 4th 15-minute sample: one reading an hour over the file's four weeks
    points = [parse(line) for line in f if not line.startswith("#")][::4]

random.seed(2010)
train, test = [], []
for p in points:
    if random.random() < 0.8:
        train.append(p)
    else:
        test.append(p)
print("%d training points, %d test points" % (len(train), len(test)))

batch_size = 100
train_batches = [train[i:i + batch_size] for i in range(0, len(train), batch_size)]
training_stream = ssc.queueStream([sc.parallelize(b) for b in train_batches])
test_stream = ssc.queueStream([sc.parallelize([(p.label, p.features) for p in test])
                               for _ in range(7)])

model = StreamingLinearRegressionWithSGD(stepSize=0.0001, numIterations=10)
model.setInitialWeights([0.0, 0.0, 0.0, 0.0])
model.trainOn(training_stream)

predictions = model.predictOnValues(test_stream)
predictions.pprint(3)
predictions.map(lambda p: ((p[0] - p[1]) ** 2, 1)) \
    .reduce(lambda a, b: (a[0] + b[0], a[1] + b[1])) \
    .map(lambda s: ("MSE", s[0] / s[1])) \
    .pprint()

ssc.start()
for i in range(7):
    sleep(1)
    print("weights after batch %d:" % i, model.latestModel().weights)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

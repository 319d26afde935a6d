# batches: 3
# F3: saveAsTextFiles writes prefix-<time ms>[.suffix] for every batch, empty ones too, one part file per partition; the program prints what was written.
import os
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="SaveAsText")
ssc = StreamingContext(sc, 1)

stream = ssc.queueStream([sc.parallelize(b) for b in [[1, 2, 3], [], [("k", 4.5)]]])
stream.saveAsTextFiles("out/numbers")
stream.map(lambda x: str(x) + "!").saveAsTextFiles("out/loud", "txt")

ssc.start()
sleep(3)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

for directory in sorted(os.listdir("out")):
    files = sorted(f for f in os.listdir(os.path.join("out", directory)) if not f.startswith("."))
    print(directory, files)
    for name in files:
        if name.startswith("part-"):
            with open(os.path.join("out", directory, name)) as f:
                print("  %s: %r" % (name, f.read()))

# batches: 3
# Dict records cross the pipeline boundary on every call: a function may only read fields, mutate
# the record (a changed field, a new key, a list field appended to), alias it, iterate it, or
# return it untouched; each stage sees the record the previous stage returned.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="DictRecords")
ssc = StreamingContext(sc, 1)

rows = [
    [{"id": 1, "tags": ["a"], "score": 2.5, "when": (2016, 3)}, {"id": 2, "tags": [], "score": 1.0, "when": (2016, 4)}],
    [{"id": 3, "tags": ["b", "c"], "score": 0.5, "when": (2017, 1)}],
    [],
]
records = ssc.queueStream([sc.parallelize(b, 1) for b in rows])


def grow(r):
    alias = r
    alias["tags"].append("seen")
    r["tags"].append(len(alias["tags"]))
    r["score"] = r["score"] * 2
    r["new"] = "id" in r and "missing" not in r
    return r


def describe(r):
    keys = sorted(r)
    return (r["id"], len(r), keys, r.get("missing", "-"), r.get("when"), [k for k, v in r.items() if v])


untouched = records.map(lambda r: r)
untouched.pprint()
grown = records.map(grow)
grown.pprint()
grown.map(describe).pprint()
records.filter(lambda r: r["score"] > 1).map(lambda r: (r["id"], r == {"id": 1, "tags": ["a"], "score": 2.5, "when": (2016, 3)})).pprint()
records.map(lambda r: dict(r, extra=1)).map(lambda r: (sorted(r.keys()), r.pop("extra"), len(r))).pprint()

ssc.start()
sleep(3.5)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

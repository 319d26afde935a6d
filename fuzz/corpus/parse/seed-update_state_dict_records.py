# batches: 4
# updateStateByKey with dict states (insertion-ordered printing), expiring a key after two idle batches by returning None.
from time import sleep

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="DictState")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

visits = ssc.queueStream([sc.parallelize(b) for b in [
    [("ann", "/home"), ("bob", "/cart"), ("ann", "/cart")],
    [("bob", "/pay")],
    [],
    [],
]])


def session(pages, state):
    if state is None:
        state = {"pages": 0, "idle": 0, "last": None}
    if not pages:
        if state["idle"] >= 1:
            return None
        return {"pages": state["pages"], "idle": state["idle"] + 1, "last": state["last"]}
    return {"pages": state["pages"] + len(pages), "idle": 0, "last": max(pages)}


visits.updateStateByKey(session).pprint()

ssc.start()
sleep(4)
ssc.stop(stopSparkContext=True, stopGraceFully=True)

//! The orders workload of issue 7's benchmarks, shared by `eddy bench` (native, against a
//! hand-written baseline) and the wasm benchmark in headless Chromium
//! (`crates/python/tests/wasm_bench.rs`), so both time the same program on the same input.
//!
//! The Spark-in-Action orders pipeline (ch. 6): parse CSV order lines, drop malformed ones,
//! count buys and sells per batch, keep the amount per client with `updateStateByKey`, and
//! take the top-5 clients with `transform(sortBy)`. The input is generated before the clock
//! starts: `batches` files of `size` lines from the engine's seeded [`OrderGenerator`], with
//! malformed lines mixed in, which the program reads with `sc.textFile` into a `queueStream`.

use std::sync::Arc;

use eddy_core::ops::OrderGenerator;
use eddy_core::{BatchTime, Duration};

use crate::interp::FileReader;
use crate::RunOutput;

/// The program, as a course author writes it (the conformance program
/// `tests/conformance/orders_top5_clients.py` with its input read from files and without its
/// debugging pprints). `BATCHES` is replaced with the number of batches.
pub const PROGRAM: &str = r#"from datetime import datetime
from operator import add

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="StreamingOrders")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")

filestream = ssc.queueStream([sc.textFile("orders/batch-%03d.csv" % i) for i in range(BATCHES)])


def parseOrder(line):
    s = line.split(",")
    try:
        if s[6] != "B" and s[6] != "S":
            raise Exception("Wrong format")
        return [{"time": datetime.strptime(s[0], "%Y-%m-%d %H:%M:%S"),
                 "orderId": int(s[1]), "clientId": int(s[2]), "symbol": s[3],
                 "amount": int(s[4]), "price": float(s[5]), "buy": s[6] == "B"}]
    except Exception:
        return []


orders = filestream.flatMap(parseOrder)

numPerType = orders.map(lambda o: (o["buy"], 1)).reduceByKey(add)

amountPerClient = orders.map(lambda o: (o["clientId"], o["amount"] * o["price"]))
amountState = amountPerClient.updateStateByKey(
    lambda vals, totalOpt: sum(vals) + totalOpt if totalOpt is not None else sum(vals))

top5clients = amountState.transform(
    lambda rdd: rdd.sortBy(lambda x: x[1], False).map(lambda x: x[0]).zipWithIndex().filter(lambda x: x[1] < 5))

buySellList = numPerType.map(lambda t: ("BUYS", [str(t[1])]) if t[0] else ("SELLS", [str(t[1])]))
top5clList = top5clients.repartition(1).map(lambda x: str(x[0])).glom().map(lambda arr: ("TOP5CLIENTS", arr))

finalStream = buySellList.union(top5clList)
finalStream.repartition(1).pprint()

ssc.start()
ssc.awaitTermination()
"#;

/// `batches` files of `size` order lines (seed 7), one line in 97 malformed and one in 89
/// with a side that is neither `B` nor `S`.
pub fn files(batches: usize, size: usize) -> Vec<String> {
    let generator = OrderGenerator::new(size, 7);
    (0..batches)
        .map(|i| {
            let time = BatchTime((i as i64 + 1) * 1000);
            let mut lines = generator.lines(time, Duration(1000));
            for (j, line) in lines.iter_mut().enumerate() {
                let n = i * size + j;
                if n % 97 == 96 {
                    *line = "this line is malformed".into();
                } else if n % 89 == 88 {
                    line.pop();
                    line.push('X');
                }
            }
            let mut text = lines.join("\n");
            text.push('\n');
            text
        })
        .collect()
}

/// The program for `batches` batches.
pub fn program(batches: usize) -> String {
    PROGRAM.replace("BATCHES", &batches.to_string())
}

/// Reads `orders/batch-NNN.csv` from `files`, as the program opens them.
pub fn reader(files: Arc<Vec<String>>) -> FileReader {
    Box::new(move |p: &str| {
        let i: usize = p
            .strip_prefix("orders/batch-")?
            .strip_suffix(".csv")?
            .parse()
            .ok()?;
        files.get(i).cloned()
    })
}

/// Runs the program over `files` (one batch each).
pub fn run(files: Arc<Vec<String>>) -> RunOutput {
    let batches = files.len();
    crate::run(
        "orders.py",
        &program(batches),
        batches as u64,
        reader(files),
    )
}

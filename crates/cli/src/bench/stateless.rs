//! A stateless chain of Python lambdas (map, filter, map to pairs, filter, count) run as a
//! PySpark program, so every record goes through the interpreter four times. The baseline is
//! the same chain as a Rust iterator.

use std::sync::Arc;

use anyhow::{bail, Result};

use super::{ms, on_big_stack, timed, Row};

const PROGRAM: &str = r#"from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext(appName="Stateless")
ssc = StreamingContext(sc, 1)
stream = ssc.queueStream([sc.parallelize(range(i * SIZE, (i + 1) * SIZE)) for i in range(BATCHES)])
stream.map(lambda x: x * 3 + 1) \
    .filter(lambda x: x % 2 == 0) \
    .map(lambda x: (x % 100, x // 2)) \
    .filter(lambda kv: kv[0] < 50) \
    .count() \
    .pprint()
ssc.start()
ssc.awaitTermination()
"#;

/// Runs the workload: one row.
pub fn run(batches: usize, size: usize) -> Result<Vec<Row>> {
    let program: Arc<str> = PROGRAM
        .replace("SIZE", &size.to_string())
        .replace("BATCHES", &batches.to_string())
        .into();
    let (out, eddy) = on_big_stack(move || {
        timed(|| eddy_python::run("stateless.py", &program, batches as u64, Box::new(|_| None)))
    })?;
    if let Some(e) = &out.error {
        bail!("the stateless program failed: {e}\n{}", out.stderr);
    }
    let printed: i64 = out
        .stdout
        .lines()
        .filter_map(|l| l.parse::<i64>().ok())
        .sum();

    let (counted, baseline) = timed(|| {
        let mut total = 0i64;
        for b in 0..batches as i64 {
            let (start, end) = (b * size as i64, (b + 1) * size as i64);
            total += (start..end)
                .map(|x| x * 3 + 1)
                .filter(|x| x % 2 == 0)
                .map(|x| (x % 100, x / 2))
                .filter(|kv| kv.0 < 50)
                .count() as i64;
        }
        std::hint::black_box(total)
    });
    if printed != counted {
        bail!("stateless chain: Eddy counted {printed}, the baseline {counted}");
    }
    Ok(vec![Row {
        name: format!(
            "map/filter chain, 4 Python lambdas {batches}x{}",
            super::si(size as f64)
        ),
        unit: "records",
        count: (batches * size) as u64,
        eddy,
        baseline,
        note: format!(
            "{} a batch (baseline {})",
            ms(eddy / batches as f64),
            ms(baseline / batches as f64)
        ),
    }])
}

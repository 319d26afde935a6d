//! `reduceByKeyAndWindow(add, sub, window)` on the incremental path (SEMANTICS C2) with windows
//! of 10, 100 and 1000 batches: once the window is full, each batch adds the new batch's
//! reduced values and subtracts the leaving batch's, so the cost of a batch must not grow
//! with the window. The baseline keeps the same per-batch partials in a `VecDeque` of hash maps.

use std::collections::{HashMap, VecDeque};

use anyhow::{bail, Result};
use eddy_core::func::{Builtin, FuncSpec};
use eddy_core::{Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

use super::{ms, queue_stream, timed, Row};

/// Records per batch and distinct keys among them.
const RECORDS: i64 = 10_000;
const KEYS: i64 = 1_000;
/// Batches timed once the window is full.
const TIMED: usize = 200;

fn records() -> Vec<Value> {
    (0..RECORDS)
        .map(|i| Value::tuple(vec![Value::Int(i % KEYS), Value::Int(i)]))
        .collect()
}

/// The pipeline `ssc.queueStream([], default=rdd).reduceByKeyAndWindow(add, sub, w, 1).count().pprint()`.
fn engine(window: usize) -> Result<Engine> {
    let node = NodeSpec::new;
    let spec = PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes: vec![
            node(&[], queue_stream(vec![], Some(records()))?),
            node(
                &[0],
                OpSpec::ReduceByKeyAndWindow {
                    func: FuncSpec::Builtin(Builtin::Add),
                    inv_func: Some(FuncSpec::Builtin(Builtin::Sub)),
                    window_duration: Duration(window as i64 * 1000),
                    slide_duration: None,
                    num_partitions: None,
                    filter_func: None,
                },
            ),
            node(&[1], OpSpec::Count),
            node(&[2], OpSpec::Pprint { num: 1 }),
        ],
    };
    Ok(Engine::new(spec)?)
}

/// The window by hand: the reduced partial of each batch in the window, and their sum.
struct Baseline {
    window: usize,
    partials: VecDeque<HashMap<i64, i64>>,
    sums: HashMap<i64, i64>,
}

impl Baseline {
    fn step(&mut self, batch: &[(i64, i64)]) -> usize {
        let mut partial: HashMap<i64, i64> = HashMap::new();
        for (k, v) in batch {
            *partial.entry(*k).or_insert(0) += v;
        }
        for (k, v) in &partial {
            *self.sums.entry(*k).or_insert(0) += v;
        }
        self.partials.push_back(partial);
        if self.partials.len() > self.window {
            if let Some(old) = self.partials.pop_front() {
                for (k, v) in old {
                    *self.sums.entry(k).or_insert(0) -= v;
                }
            }
        }
        self.sums.len()
    }
}

/// Whether the per-batch time stayed flat across window lengths (the incremental path's
/// promise): the longest window's time per batch over the shortest's.
pub fn flatness(rows: &[Row]) -> Option<String> {
    let per_batch: Vec<(&str, f64)> = rows
        .iter()
        .filter(|r| r.name.starts_with("reduceByKeyAndWindow"))
        .map(|r| {
            let w = r.name.trim_start_matches("reduceByKeyAndWindow w=");
            (w, r.eddy / TIMED as f64)
        })
        .collect();
    let (first, last) = (per_batch.first()?, per_batch.last()?);
    if per_batch.len() < 2 {
        return None;
    }
    let growth = last.1 / first.1;
    Some(format!(
        "reduceByKeyAndWindow: a batch takes {} with a window of {} batches and {} with {}: {:.2}x ({})",
        ms(first.1),
        first.0,
        ms(last.1),
        last.0,
        growth,
        if growth < 1.5 {
            "flat: the cost of a batch does not grow with the window"
        } else {
            "it grows with the window"
        }
    ))
}

/// Runs the workload: one row per window length.
pub fn run(windows: &[usize]) -> Result<Vec<Row>> {
    let typed: Vec<(i64, i64)> = (0..RECORDS).map(|i| (i % KEYS, i)).collect();
    let mut rows = Vec::new();
    for &window in windows {
        let mut engine = engine(window)?;
        for _ in 0..window {
            engine.step();
        }
        let (report, eddy) = super::timed_steps(&mut engine, TIMED, "reduceByKeyAndWindow")?;
        let split = super::breakdown(&mut engine, 50);

        let mut base = Baseline {
            window,
            partials: VecDeque::new(),
            sums: HashMap::new(),
        };
        for _ in 0..window {
            base.step(&typed);
        }
        let (count, baseline) = timed(|| {
            let mut count = 0;
            for _ in 0..TIMED {
                count = base.step(&typed);
            }
            count
        });
        if !report.console.contains(&format!("\n{count}\n")) {
            bail!(
                "window {window}: Eddy printed {:?}, the baseline counted {count} keys",
                report.console
            );
        }
        rows.push(Row {
            name: format!("reduceByKeyAndWindow w={window}"),
            unit: "records",
            count: (RECORDS as usize * TIMED) as u64,
            eddy,
            baseline,
            note: format!(
                "{} a batch of {}k (baseline {}); {split}",
                ms(eddy / TIMED as f64),
                RECORDS / 1000,
                ms(baseline / TIMED as f64)
            ),
        });
    }
    Ok(rows)
}

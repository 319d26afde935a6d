//! `updateStateByKey` with a Python update function over a state of 1M keys: the first batch
//! brings every key, later batches a tenth of them; as in Spark, the function runs for every
//! key in the state each batch (SEMANTICS D1), so each timed batch is 1M calls through the
//! interpreter. The baseline folds each batch into a `HashMap` and updates every key.

use std::collections::HashMap;

use anyhow::{bail, Result};
use eddy_core::func::FuncSpec;
use eddy_core::{Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};
use eddy_python::pyspark::ProgramResolver;

use super::{ms, queue_stream, timed, Row};

/// Batches timed after the first (which fills the state).
const TIMED: usize = 5;
/// The update function, as a program writes it.
const UPDATE: &str = "lambda vals, total: sum(vals) + (total or 0)";

/// The keys of batch `b`: all of them first, then a tenth, spread over the key space.
fn batch_keys(b: usize, keys: usize) -> Vec<i64> {
    if b == 0 {
        (0..keys as i64).collect()
    } else {
        (0..keys / 10)
            .map(|j| ((j * 7919 + b * 13) % keys) as i64)
            .collect()
    }
}

/// `queueStream(batches).map(lambda k: (k, 1))` (already mapped) `.updateStateByKey(UPDATE).count().pprint()`.
fn engine(keys: usize) -> Result<Engine> {
    let batches = (0..=TIMED)
        .map(|b| {
            batch_keys(b, keys)
                .into_iter()
                .map(|k| Value::tuple(vec![Value::Int(k), Value::Int(1)]))
                .collect()
        })
        .collect();
    let node = NodeSpec::new;
    let spec = PipelineSpec {
        batch_interval: Duration(1000),
        parallelism: 2,
        checkpoint_dir: Some("checkpoint".into()),
        nodes: vec![
            node(&[], queue_stream(batches, None)?),
            node(
                &[0],
                OpSpec::UpdateStateByKey {
                    func: FuncSpec::Python {
                        source: UPDATE.into(),
                        id: None,
                    },
                    num_partitions: None,
                    initial: None,
                },
            ),
            node(&[1], OpSpec::Count),
            node(&[2], OpSpec::Pprint { num: 1 }),
        ],
    };
    Ok(Engine::with_resolver(spec, &ProgramResolver::standalone())?)
}

/// Runs the workload: one row.
pub fn run(keys: usize) -> Result<Vec<Row>> {
    let typed: Vec<Vec<i64>> = (0..=TIMED).map(|b| batch_keys(b, keys)).collect();
    let mut engine = engine(keys)?;
    let (_, eddy_first) = super::timed_steps(&mut engine, 1, "updateStateByKey")?;
    let (report, eddy) = super::timed_steps(&mut engine, TIMED, "updateStateByKey")?;
    // Two more batches (the queue is drained: every key updated with no values), timed by node.
    let split = super::breakdown(&mut engine, 2);
    drop(engine);

    let mut state: HashMap<i64, i64> = HashMap::new();
    let mut step = |batch: &[i64]| {
        let mut new: HashMap<i64, i64> = HashMap::with_capacity(batch.len());
        for k in batch {
            *new.entry(*k).or_insert(0) += 1;
        }
        // Every key in the state is updated, with its new values or none.
        for (k, total) in state.iter_mut() {
            *total += new.remove(k).unwrap_or(0);
        }
        state.extend(new);
        state.len()
    };
    step(&typed[0]);
    let (count, baseline) = timed(|| {
        let mut count = 0;
        for batch in &typed[1..] {
            count = step(batch);
        }
        count
    });
    if count != keys || !report.console.contains(&format!("\n{count}\n")) {
        bail!(
            "updateStateByKey: Eddy printed {:?}, the baseline has {count} keys",
            report.console
        );
    }
    let total = state.values().sum::<i64>();
    let expected = typed.iter().map(Vec::len).sum::<usize>() as i64;
    if total != expected {
        bail!("updateStateByKey baseline: {total} counted, {expected} records");
    }
    Ok(vec![Row {
        name: format!(
            "updateStateByKey {} keys (Python fn)",
            super::si(keys as f64)
        ),
        unit: "keys",
        count: (keys * TIMED) as u64,
        eddy,
        baseline,
        note: format!(
            "{} a batch (baseline {}); first batch {}; {split}",
            ms(eddy / TIMED as f64),
            ms(baseline / TIMED as f64),
            ms(eddy_first)
        ),
    }])
}

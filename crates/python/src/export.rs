//! Pipelines back to PySpark: a program a learner can run with `spark-submit` on a real
//! cluster (or `python3` with pyspark installed) and that prints what Eddy printed.
//!
//! A pipeline from the operator picker becomes a program written node by node. A pipeline that
//! came from a program is that program: its functions close over the program's names, which
//! only the program itself defines, so [`export_program`] hands the source back with a header.

use std::fmt::Write;

use eddy_core::func::FuncSpec;
use eddy_core::{Duration, OpSpec, PipelineSpec, Value};

/// Why a pipeline cannot be written as PySpark.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("node {node} ({operator}): {message}")]
pub struct ExportError {
    /// The node's position.
    pub node: usize,
    /// Spark's name of its operation.
    pub operator: String,
    /// What stands in the way.
    pub message: String,
}

/// Seconds as a Python literal (`1`, `0.5`).
fn secs(d: Duration) -> String {
    let ms = d.millis();
    if ms % 1000 == 0 {
        (ms / 1000).to_string()
    } else {
        eddy_core::value::float_repr(ms as f64 / 1000.0)
    }
}

/// Records as a Python list literal.
fn list(values: &[Value]) -> String {
    Value::list(values.to_vec()).repr()
}

/// A function argument: a builtin's name or the lambda's source.
fn func(f: &FuncSpec, node: usize, operator: &str) -> Result<String, ExportError> {
    let source = f.python_source();
    match f {
        FuncSpec::Python { .. } if !source.trim_start().starts_with("lambda") => Err(ExportError {
            node,
            operator: operator.into(),
            message: format!(
                "`{source}` is a function defined in a program; export the program itself"
            ),
        }),
        _ => Ok(source.to_string()),
    }
}

/// The PySpark program for a pipeline built without a program, running `batches` batches.
pub fn export_pipeline(spec: &PipelineSpec, batches: u64) -> Result<String, ExportError> {
    let mut body = String::new();
    let uses_operator = std::cell::RefCell::new(std::collections::BTreeSet::new());
    let mut ml_imports = std::collections::BTreeSet::new();
    let mut ml_models = std::collections::BTreeSet::new();
    for (i, node) in spec.nodes.iter().enumerate() {
        let name = node.op.name();
        let f = |s: &FuncSpec| -> Result<String, ExportError> {
            if let FuncSpec::Builtin(b) = s {
                uses_operator.borrow_mut().insert(b.python_name());
            }
            func(s, i, name)
        };
        let input = |k: usize| format!("s{}", node.inputs.get(k).map_or(0, |n| n.0));
        let slide = |s: &Option<Duration>| s.map_or(String::new(), |d| format!(", {}", secs(d)));
        let parts = |n: &Option<usize>| n.map_or(String::new(), |n| format!(", numPartitions={n}"));
        let call = match &node.op {
            OpSpec::QueueStream {
                batches,
                one_at_a_time,
                default,
            } => {
                let rdds: Vec<String> = batches
                    .iter()
                    .map(|b| format!("sc.parallelize({})", list(b)))
                    .collect();
                let mut s = format!("ssc.queueStream([{}]", rdds.join(", "));
                if !one_at_a_time {
                    s.push_str(", oneAtATime=False");
                }
                if let Some(d) = default {
                    write!(s, ", default=sc.parallelize({})", list(d)).ok();
                }
                s + ")"
            }
            OpSpec::TextFileStream { directory } => {
                format!(
                    "ssc.textFileStream({})",
                    Value::str(directory.as_str()).repr()
                )
            }
            OpSpec::OrderGenerator { .. } => {
                return Err(ExportError {
                    node: i,
                    operator: name.into(),
                    message: "the order generator has no PySpark source; use a queueStream \
                              or textFileStream of order lines"
                        .into(),
                })
            }
            OpSpec::Map { func }
            | OpSpec::FlatMap { func }
            | OpSpec::Filter { func }
            | OpSpec::MapValues { func }
            | OpSpec::FlatMapValues { func }
            | OpSpec::MapPartitions { func }
            | OpSpec::MapPartitionsWithIndex { func }
            | OpSpec::Reduce { func }
            | OpSpec::Transform { func } => format!("{}.{name}({})", input(0), f(func)?),
            OpSpec::ForeachRdd { func } => format!("{}.foreachRDD({})", input(0), f(func)?),
            OpSpec::TransformWith { func } => {
                format!("{}.transformWith({}, {})", input(0), f(func)?, input(1))
            }
            OpSpec::Glom | OpSpec::Count | OpSpec::CountByValue => {
                format!("{}.{name}()", input(0))
            }
            OpSpec::Union => {
                let all: Vec<String> = (0..node.inputs.len()).map(input).collect();
                if all.len() == 2 {
                    format!("{}.union({})", all[0], all[1])
                } else {
                    format!("ssc.union({})", all.join(", "))
                }
            }
            OpSpec::Repartition { num_partitions } => {
                format!("{}.repartition({num_partitions})", input(0))
            }
            OpSpec::PartitionBy {
                num_partitions,
                partition_func,
            } => match partition_func {
                Some(pf) => format!("{}.partitionBy({num_partitions}, {})", input(0), f(pf)?),
                None => format!("{}.partitionBy({num_partitions})", input(0)),
            },
            OpSpec::Window {
                window_duration,
                slide_duration,
            } => format!(
                "{}.window({}{})",
                input(0),
                secs(*window_duration),
                slide(slide_duration)
            ),
            OpSpec::ReduceByKeyAndWindow {
                func,
                inv_func,
                window_duration,
                slide_duration,
                num_partitions,
                filter_func,
            } => {
                let inv = inv_func
                    .as_ref()
                    .map(&f)
                    .transpose()?
                    .unwrap_or("None".into());
                let mut s = format!(
                    "{}.reduceByKeyAndWindow({}, {inv}, {}, {}",
                    input(0),
                    f(func)?,
                    secs(*window_duration),
                    slide_duration.map_or("None".into(), secs)
                );
                s.push_str(&parts(num_partitions));
                if let Some(ff) = filter_func {
                    write!(s, ", filterFunc={}", f(ff)?).ok();
                }
                s + ")"
            }
            OpSpec::ReduceByWindow {
                func,
                inv_func,
                window_duration,
                slide_duration,
            } => {
                let inv = inv_func
                    .as_ref()
                    .map(&f)
                    .transpose()?
                    .unwrap_or("None".into());
                format!(
                    "{}.reduceByWindow({}, {inv}, {}, {})",
                    input(0),
                    f(func)?,
                    secs(*window_duration),
                    slide_duration.map_or("None".into(), secs)
                )
            }
            OpSpec::CountByWindow {
                window_duration,
                slide_duration,
            } => format!(
                "{}.countByWindow({}, {})",
                input(0),
                secs(*window_duration),
                slide_duration.map_or("None".into(), secs)
            ),
            OpSpec::CountByValueAndWindow {
                window_duration,
                slide_duration,
                num_partitions,
            }
            | OpSpec::GroupByKeyAndWindow {
                window_duration,
                slide_duration,
                num_partitions,
            } => format!(
                "{}.{name}({}, {}{})",
                input(0),
                secs(*window_duration),
                slide_duration.map_or("None".into(), secs),
                parts(num_partitions)
            ),
            OpSpec::UpdateStateByKey {
                func,
                num_partitions,
                initial,
            } => {
                let mut s = format!("{}.updateStateByKey({}", input(0), f(func)?);
                s.push_str(&parts(num_partitions));
                if let Some(init) = initial {
                    write!(s, ", initialRDD=sc.parallelize({})", list(init)).ok();
                }
                s + ")"
            }
            OpSpec::Join { num_partitions, .. } | OpSpec::Cogroup { num_partitions } => {
                format!("{}.{name}({}{})", input(0), input(1), parts(num_partitions))
            }
            OpSpec::ReduceByKey {
                func,
                num_partitions,
            } => format!(
                "{}.reduceByKey({}{})",
                input(0),
                f(func)?,
                parts(num_partitions)
            ),
            OpSpec::CombineByKey {
                create_combiner,
                merge_value,
                merge_combiners,
                num_partitions,
            } => format!(
                "{}.combineByKey({}, {}, {}{})",
                input(0),
                f(create_combiner)?,
                f(merge_value)?,
                f(merge_combiners)?,
                parts(num_partitions)
            ),
            OpSpec::GroupByKey { num_partitions } => {
                format!(
                    "{}.groupByKey({})",
                    input(0),
                    num_partitions.map_or(String::new(), |n| n.to_string())
                )
            }
            OpSpec::Pprint { num } => format!("{}.pprint({num})", input(0)),
            OpSpec::TrainOn { model, algorithm }
            | OpSpec::PredictOn { model, algorithm }
            | OpSpec::PredictOnValues { model, algorithm } => {
                if ml_imports.insert(crate::pyspark::mllib::export_import(algorithm)) | true
                    && ml_models.insert(*model)
                {
                    body.push_str(&crate::pyspark::mllib::export_model(*model, algorithm));
                }
                format!("m{model}.{name}({})", input(0))
            }
            OpSpec::SaveAsTextFiles { prefix, suffix } => format!(
                "{}.saveAsTextFiles({}{})",
                input(0),
                Value::str(prefix.as_str()).repr(),
                suffix.as_ref().map_or(String::new(), |s| format!(
                    ", {}",
                    Value::str(s.as_str()).repr()
                ))
            ),
        };
        if node.op.is_output() {
            writeln!(body, "{call}").ok();
        } else {
            writeln!(body, "s{i} = {call}").ok();
        }
    }
    let mut out = String::new();
    out.push_str("# Exported by Eddy: a PySpark Streaming program; run it with spark-submit.\n");
    writeln!(out, "# batches: {batches}").ok();
    let uses_operator = uses_operator.into_inner();
    if !uses_operator.is_empty() {
        let names: Vec<&str> = uses_operator.into_iter().collect();
        writeln!(out, "from operator import {}", names.join(", ")).ok();
    }
    out.push_str("from time import sleep\n\nfrom pyspark import SparkContext\nfrom pyspark.streaming import StreamingContext\n\n");
    let labeled = spec.nodes.iter().any(|n| match &n.op {
        OpSpec::QueueStream { batches, .. } => batches
            .iter()
            .flatten()
            .any(|v| matches!(v, Value::LabeledPoint(_))),
        _ => false,
    });
    if labeled {
        ml_imports.insert("from pyspark.mllib.regression import LabeledPoint".to_string());
    }
    for line in &ml_imports {
        writeln!(out, "{line}").ok();
    }
    if !ml_imports.is_empty() {
        out.push('\n');
    }
    out.push_str("sc = SparkContext(appName=\"Eddy\")\n");
    writeln!(
        out,
        "ssc = StreamingContext(sc, {})",
        secs(spec.batch_interval)
    )
    .ok();
    if let Some(dir) = &spec.checkpoint_dir {
        writeln!(out, "ssc.checkpoint({})", Value::str(dir.as_str()).repr()).ok();
    }
    out.push('\n');
    out.push_str(&body);
    let total = Duration(spec.batch_interval.millis() * batches as i64);
    write!(
        out,
        "\nssc.start()\nsleep({})\nssc.stop(stopSparkContext=True, stopGraceFully=True)\n",
        secs(total)
    )
    .ok();
    Ok(out)
}

/// The PySpark program for a pipeline that a program built: the program itself, which
/// already is PySpark and runs unchanged on a cluster.
pub fn export_program(source: &str) -> String {
    if source.starts_with("# Exported by Eddy") {
        return source.to_string();
    }
    format!("# Exported by Eddy: this program runs unchanged with spark-submit.\n{source}")
}

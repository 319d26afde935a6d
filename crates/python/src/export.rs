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

/// A queued RDD as PySpark makes it, with the same partitions: `sc.parallelize(list)` when
/// `sizes` (the RDD's partition sizes) are how PySpark splits the list, else
/// `sc.parallelize(range(...))` when the records are a range split that way, else one element
/// per partition flattened (`parallelize` of k lists in k slices gives each slice one list).
fn queued_rdd(records: &[Value], sizes: Option<&[usize]>, parallelism: usize) -> String {
    let split = |slices: usize| -> Vec<usize> {
        eddy_core::Batch::parallelize(records.to_vec(), slices)
            .partitions
            .iter()
            .map(Vec::len)
            .collect()
    };
    let Some(sizes) = sizes.filter(|s| *s != split(parallelism).as_slice()) else {
        return format!("sc.parallelize({})", list(records));
    };
    let slices = sizes.len();
    if slices == 0 {
        return "sc.emptyRDD()".into();
    }
    if let Some(range) = range_split(records, sizes) {
        return format!("sc.parallelize({range}, {slices})");
    }
    if split(slices) == sizes {
        return format!("sc.parallelize({}, {slices})", list(records));
    }
    let mut rest = records;
    let parts: Vec<String> = sizes
        .iter()
        .map(|&n| {
            let (part, tail) = rest.split_at(n.min(rest.len()));
            rest = tail;
            list(part)
        })
        .collect();
    format!(
        "sc.parallelize([{}], {slices}).flatMap(lambda part: part)",
        parts.join(", ")
    )
}

/// `range(start, stop[, step])` when `records` are the ints of that range (at least two) and
/// `sizes` are how PySpark splits it over `sizes.len()` slices
/// (`start + int(i * size / numSlices) * step`).
fn range_split(records: &[Value], sizes: &[usize]) -> Option<String> {
    let ints: Vec<i64> = records
        .iter()
        .map(|v| match v {
            Value::Int(i) => Some(*i),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let (&start, &second) = (ints.first()?, ints.get(1)?);
    let step = second.checked_sub(start).filter(|s| *s != 0)?;
    if ints
        .windows(2)
        .any(|w| w[1].checked_sub(w[0]) != Some(step))
    {
        return None;
    }
    let (size, slices) = (ints.len(), sizes.len());
    let first = |i: usize| (i as f64 * size as f64 / slices as f64) as usize;
    if (0..slices).any(|i| sizes[i] != first(i + 1) - first(i)) {
        return None;
    }
    let stop = start + step * size as i64;
    Some(match step {
        1 => format!("range({start}, {stop})"),
        _ => format!("range({start}, {stop}, {step})"),
    })
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
                partition_sizes,
            } => {
                let sizes = |i: usize| partition_sizes.as_ref().map(|p| p.batches[i].as_slice());
                let rdds: Vec<String> = (batches.iter().enumerate())
                    .map(|(i, b)| queued_rdd(b, sizes(i), spec.parallelism))
                    .collect();
                let mut s = format!("ssc.queueStream([{}]", rdds.join(", "));
                if !one_at_a_time {
                    s.push_str(", oneAtATime=False");
                }
                if let Some(d) = default {
                    let sizes = partition_sizes.as_ref().and_then(|p| p.default.as_deref());
                    write!(s, ", default={}", queued_rdd(d, sizes, spec.parallelism)).ok();
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

#[cfg(test)]
mod tests {
    use eddy_core::ops::QueueStream;
    use eddy_core::{Batch, Duration, Engine, NodeSpec, OpSpec, PipelineSpec, Value};

    use super::*;

    fn ints(range: std::ops::Range<i64>) -> Vec<Value> {
        range.map(Value::Int).collect()
    }

    /// A queue of RDDs with their own partitions, glommed and printed.
    fn partitioned_queue() -> PipelineSpec {
        let rdds = [
            Batch::parallelize(ints(0..5), 2),
            // sc.parallelize(range(5000)): split evenly.
            Batch {
                partitions: vec![ints(0..2500), ints(2500..5000)],
            },
            // Three partitions, not a split PySpark makes of a list or a range.
            Batch {
                partitions: vec![ints(0..1), vec![], vec![Value::str("a"), Value::str("b")]],
            },
            Batch::parallelize(ints(0..7), 3),
        ];
        let default = Batch {
            partitions: vec![vec![Value::str("x"), Value::str("y")], vec![]],
        };
        PipelineSpec {
            batch_interval: Duration(1000),
            parallelism: 2,
            checkpoint_dir: None,
            nodes: vec![
                NodeSpec::new(&[], QueueStream::spec(&rdds, true, Some(&default), 2)),
                NodeSpec::new(&[0], OpSpec::Glom),
                NodeSpec::new(
                    &[1],
                    OpSpec::Map {
                        func: FuncSpec::Python {
                            source: "lambda part: (len(part), part[:2])".into(),
                            id: None,
                        },
                    },
                ),
                NodeSpec::new(&[2], OpSpec::Pprint { num: 10 }),
            ],
        }
    }

    #[test]
    fn queued_rdds_are_exported_with_their_partitions() {
        let program = export_pipeline(&partitioned_queue(), 5).unwrap();
        let queue = program.lines().find(|l| l.contains("queueStream")).unwrap();
        assert_eq!(
            queue,
            "s0 = ssc.queueStream([sc.parallelize([0, 1, 2, 3, 4]), \
             sc.parallelize(range(0, 5000), 2), \
             sc.parallelize([[0], [], ['a', 'b']], 3).flatMap(lambda part: part), \
             sc.parallelize(range(0, 7), 3)], \
             default=sc.parallelize([['x', 'y'], []], 2).flatMap(lambda part: part))"
        );
    }

    #[test]
    fn an_exported_partitioned_queue_prints_what_the_pipeline_prints() {
        let spec = partitioned_queue();
        let program = export_pipeline(&spec, 5).unwrap();
        let exported = crate::run("exported.py", &program, 5, Box::new(|_| None));
        assert!(exported.error.is_none(), "{}", exported.stderr);
        let resolver = crate::pyspark::ProgramResolver::standalone();
        let mut engine = Engine::with_resolver(spec, &resolver).unwrap();
        let console: String = (0..5).map(|_| engine.step().console).collect();
        assert!(
            console.contains("(2500, [0, 1])\n(2500, [2500, 2501])\n"),
            "{console}"
        );
        assert!(
            console.contains("(1, [0])\n(0, [])\n(2, ['a', 'b'])\n"),
            "{console}"
        );
        assert!(console.contains("(2, ['x', 'y'])\n(0, [])\n"), "{console}");
        assert_eq!(exported.stdout, console);
    }
}

//! `SparkContext` and `StreamingContext`.

use std::rc::Rc;

use eddy_core::{Batch, Duration, OpSpec, Value};

use super::{DStream, Rdd};
use crate::builtins::{arg, arg_or_kw, as_float, as_int, kwarg};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Native, Obj};

/// The one local `SparkContext` (`local[2]`, SEMANTICS §I): any arguments are accepted.
pub struct SparkContext;

/// `SparkConf()`: settings are accepted and ignored (Eddy is always `local[2]`).
pub struct SparkConf;

impl Native for SparkConf {
    fn type_name(&self) -> &'static str {
        "SparkConf"
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "setAppName" | "setMaster" | "set" | "setAll")
    }
    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        _: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        Ok(Obj::Native(self))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Records of a Python list given to `parallelize`.
pub(super) fn records(interp: &Interp, data: &Obj) -> Result<Vec<Value>, Exc> {
    interp.iterate(data)?.iter().map(Obj::to_value).collect()
}

impl Native for SparkContext {
    fn type_name(&self) -> &'static str {
        "SparkContext"
    }
    fn get_attr(&self, name: &str) -> Option<Obj> {
        match name {
            "defaultParallelism" => Some(Obj::Int(2)),
            "appName" => Some(Obj::str("Eddy")),
            "master" => Some(Obj::str("local[2]")),
            "version" => Some(Obj::str("4.3.0")),
            _ => None,
        }
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "parallelize"
                | "textFile"
                | "setCheckpointDir"
                | "stop"
                | "setLogLevel"
                | "emptyRDD"
                | "union"
                | "getOrCreate"
                | "broadcast"
        )
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        Ok(match name {
            "parallelize" => {
                let data = arg(&args, 0, name)?;
                if let Obj::Range(start, stop, step) = data {
                    let slices = arg_or_kw(&args, &kwargs, 1, "numSlices")
                        .filter(|o| !matches!(o, Obj::None))
                        .map(|n| as_int(n, name))
                        .transpose()?
                        .unwrap_or(2)
                        .max(1);
                    return Ok(Rdd::obj(parallelize_range(*start, *stop, *step, slices)?));
                }
                let slices = arg_or_kw(&args, &kwargs, 1, "numSlices")
                    .filter(|o| !matches!(o, Obj::None))
                    .map(|n| as_int(n, name))
                    .transpose()?
                    .unwrap_or(2);
                Rdd::obj(Batch::parallelize(
                    records(interp, data)?,
                    slices.max(1) as usize,
                ))
            }
            "textFile" => {
                let path = arg(&args, 0, name)?.to_str();
                let text = interp.read_file(&path)?;
                let lines: Vec<Value> = text.lines().map(Value::str).collect();
                let slices = arg_or_kw(&args, &kwargs, 1, "minPartitions")
                    .map(|n| as_int(n, name))
                    .transpose()?
                    .unwrap_or(2);
                Rdd::obj(Batch::parallelize(lines, slices.max(1) as usize))
            }
            "emptyRDD" => Rdd::obj(Batch::empty()),
            "union" => {
                let rdds = interp.iterate(arg(&args, 0, name)?)?;
                let mut partitions = Vec::new();
                for r in rdds {
                    partitions.extend(Rdd::of(&r)?.batch.partitions.clone());
                }
                Rdd::obj(Batch { partitions })
            }
            "setCheckpointDir" => {
                interp.spark.set_checkpoint(arg(&args, 0, name)?.to_str());
                Obj::None
            }
            "broadcast" => Obj::Native(Rc::new(Broadcast(arg(&args, 0, name)?.clone()))),
            "getOrCreate" => Obj::Native(self),
            _ => Obj::None,
        })
    }
    fn repr(&self) -> String {
        "<SparkContext master=local[2] appName=Eddy>".into()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `sc.parallelize(range(...))`: PySpark splits a range evenly instead of pickling it in
/// chunks (`getStart(i) = start + int(i * size / numSlices) * step`).
fn parallelize_range(start: i64, stop: i64, step: i64, slices: i64) -> Result<Batch, Exc> {
    let size = crate::obj::range_len(start, stop, step);
    crate::interp::check_size(size)?;
    let first = |i: i64| start + ((i as f64 * size as f64 / slices as f64) as i64) * step;
    let partitions = (0..slices)
        .map(|i| {
            let (a, b) = (first(i), first(i + 1));
            let n = crate::obj::range_len(a, b, step);
            (0..n).map(|k| Value::Int(a + k * step)).collect()
        })
        .collect();
    Ok(Batch { partitions })
}

/// `sc.broadcast(value)`: `.value` is the value.
struct Broadcast(Obj);

impl Native for Broadcast {
    fn type_name(&self) -> &'static str {
        "Broadcast"
    }
    fn get_attr(&self, name: &str) -> Option<Obj> {
        (name == "value").then(|| self.0.clone())
    }
    fn has_method(&self, _: &str) -> bool {
        false
    }
    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        Err(Exc::new(
            "AttributeError",
            format!("'Broadcast' object has no attribute '{name}'"),
        ))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `StreamingContext(sc, batchDuration)`.
pub struct StreamingContext;

/// Makes the streaming context: batch interval in seconds, may be fractional.
pub(super) fn new_streaming_context(
    interp: &Interp,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let secs = match arg_or_kw(&args, &kwargs, 1, "batchDuration") {
        Some(b) => as_float(b, "StreamingContext")?,
        None => {
            return Err(Exc::type_error(
                "StreamingContext() missing required argument 'batchDuration'",
            ))
        }
    };
    let interval = Duration::from_secs_f64(secs);
    if interval.millis() <= 0 {
        return Err(Exc::new(
            "ValueError",
            "the batch duration must be positive",
        ));
    }
    interp.spark.new_context(interval)?;
    Ok(Obj::Native(Rc::new(StreamingContext)))
}

/// A duration argument in seconds.
pub(super) fn duration(o: &Obj, what: &str) -> Result<Duration, Exc> {
    Ok(Duration::from_secs_f64(as_float(o, what)?))
}

impl Native for StreamingContext {
    fn type_name(&self) -> &'static str {
        "StreamingContext"
    }
    fn get_attr(&self, name: &str) -> Option<Obj> {
        (name == "sparkContext").then(|| Obj::Native(Rc::new(SparkContext)))
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "queueStream"
                | "textFileStream"
                | "union"
                | "transform"
                | "checkpoint"
                | "start"
                | "stop"
                | "awaitTermination"
                | "awaitTerminationOrTimeout"
                | "remember"
        )
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let spark = &interp.spark;
        Ok(match name {
            "queueStream" => {
                let rdds =
                    interp.iterate(arg_or_kw(&args, &kwargs, 0, "rdds").ok_or_else(|| {
                        Exc::type_error("queueStream() missing required argument 'rdds'")
                    })?)?;
                let one_at_a_time =
                    arg_or_kw(&args, &kwargs, 1, "oneAtATime").is_none_or(Obj::truthy);
                // PySpark parallelizes a `default` that is not an RDD, and ignores a falsy one.
                let default = match arg_or_kw(&args, &kwargs, 2, "default") {
                    Some(d @ Obj::Native(_)) => Some(Rdd::of(d)?.batch.clone()),
                    Some(d) if d.truthy() => Some(Batch::parallelize(records(interp, d)?, 2)),
                    _ => None,
                };
                // A queued RDD keeps its partitions (`sc.parallelize(range(n))` is split
                // evenly); PySpark also accepts plain lists and parallelizes them.
                let mut queue = Vec::with_capacity(rdds.len());
                for r in &rdds {
                    queue.push(match r {
                        Obj::Native(_) => Rdd::of(r)?.batch.clone(),
                        other => Batch::parallelize(records(interp, other)?, 2),
                    });
                }
                if queue.is_empty() {
                    match default {
                        // `if not rdds and default: rdds = [rdds]`: the empty list itself is
                        // queued, parallelized, before the default.
                        Some(_) => queue.push(Batch::parallelize(Vec::new(), 2)),
                        // `rdds[0]._jrdd_deserializer` of an empty list.
                        None => return Err(Exc::new("IndexError", "list index out of range")),
                    }
                }
                DStream::add(
                    interp,
                    &[],
                    eddy_core::ops::QueueStream::spec(&queue, one_at_a_time, default.as_ref(), 2),
                )?
            }
            "union" => {
                let streams: Vec<u32> =
                    args.iter().map(DStream::id_of).collect::<Result<_, _>>()?;
                if streams.is_empty() {
                    return Err(Exc::new(
                        "ValueError",
                        "should have at least one DStream to union",
                    ));
                }
                if streams.len() == 1 {
                    return Ok(args[0].clone());
                }
                DStream::add(interp, &streams, OpSpec::Union)?
            }
            "textFileStream" => DStream::add(
                interp,
                &[],
                OpSpec::TextFileStream {
                    directory: arg(&args, 0, name)?.to_str(),
                },
            )?,
            "checkpoint" => {
                spark.set_checkpoint(arg(&args, 0, name)?.to_str());
                Obj::None
            }
            "remember" => {
                spark.remember(duration(arg(&args, 0, name)?, name)?);
                Obj::None
            }
            "start" => {
                spark.start()?;
                Obj::None
            }
            "stop" => {
                spark.stop(interp);
                Obj::None
            }
            "awaitTermination" => {
                match arg_or_kw(&args, &kwargs, 0, "timeout").filter(|t| !matches!(t, Obj::None)) {
                    Some(t) => super::sleep(interp, as_float(t, name)?)?,
                    None => spark.finish(interp),
                }
                Obj::None
            }
            "awaitTerminationOrTimeout" => {
                let t = arg_or_kw(&args, &kwargs, 0, "timeout").ok_or_else(|| {
                    Exc::type_error(
                        "awaitTerminationOrTimeout() missing required argument 'timeout'",
                    )
                })?;
                super::sleep(interp, as_float(t, name)?)?;
                Obj::Bool(false)
            }
            _ => {
                let _ = kwarg(&kwargs, "");
                return Err(Exc::new(
                    "NotImplementedError",
                    format!("Eddy does not support StreamingContext.{name} yet"),
                ));
            }
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    /// What `program` prints in `batches` batches, or the exception that stopped it.
    fn run(program: &str, batches: u64) -> String {
        let header = "from pyspark import SparkContext\n\
                      from pyspark.streaming import StreamingContext\n\
                      sc = SparkContext()\nssc = StreamingContext(sc, 1)\n";
        let out = crate::run(
            "q.py",
            &format!("{header}{program}"),
            batches,
            Box::new(|_| None),
        );
        match out.error {
            Some(e) => e.message,
            None => out.stdout,
        }
    }

    /// The records that the pprints printed, batch after batch.
    fn printed(program: &str, batches: u64) -> Vec<String> {
        (run(program, batches).lines())
            .filter(|l| !l.is_empty() && !l.starts_with("---") && !l.starts_with("Time:"))
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_queued_range_keeps_the_even_split_of_its_rdd() {
        let program =
            "ssc.queueStream([sc.parallelize(range(5000)), sc.parallelize(list(range(5000)))])\
                       .glom().map(len).pprint()\nssc.start()\nssc.stop()\n";
        assert_eq!(printed(program, 2), ["2500", "2500", "2048", "2952"]);
    }

    #[test]
    fn a_queued_rdd_keeps_its_partitions_and_so_does_the_default() {
        let program = "ssc.queueStream([sc.parallelize([1, 2, 3], 3)], \
                       default=sc.parallelize(range(4), 1)).glom().pprint()\n\
                       ssc.start()\nssc.stop()\n";
        assert_eq!(printed(program, 2), ["[1]", "[2]", "[3]", "[0, 1, 2, 3]"]);
    }

    #[test]
    fn a_drained_queue_without_default_is_one_empty_partition() {
        let program = "ssc.queueStream([[1]]).glom().pprint()\nssc.start()\nssc.stop()\n";
        assert_eq!(printed(program, 2), ["[]", "[1]", "[]"]);
    }

    #[test]
    fn an_empty_queue_with_a_default_queues_the_empty_list_first() {
        // PySpark: `if not rdds and default: rdds = [rdds]`, then parallelizes it.
        let program = "ssc.queueStream([], default=sc.parallelize([7], 1)).glom().pprint()\n\
                       ssc.start()\nssc.stop()\n";
        assert_eq!(printed(program, 3), ["[]", "[]", "[7]", "[7]"]);
    }

    #[test]
    fn an_empty_queue_without_a_default_is_an_index_error() {
        let out = run("ssc.queueStream([])\n", 1);
        assert_eq!(out, "IndexError: list index out of range");
    }

    #[test]
    fn a_falsy_list_default_is_no_default() {
        let program = "ssc.queueStream([[1, 2]], default=[]).count().pprint()\n\
                       ssc.queueStream([[1, 2]], default=[]).glom().pprint()\n\
                       ssc.start()\nssc.stop()\n";
        assert_eq!(printed(program, 2), ["2", "[1]", "[2]", "0", "[]"]);
    }
}

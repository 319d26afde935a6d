//! DStreams: each method adds a node to the pipeline; nothing runs until `ssc.start()`.

use std::rc::Rc;

use eddy_core::func::{Builtin, FuncSpec};
use eddy_core::ops::JoinKind;
use eddy_core::{NodeId, NodeSpec, OpSpec};

use super::context::duration;
use super::Rdd;
use crate::builtins::{arg, arg_or_kw, as_int, kwarg};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Native, Obj};

/// A stream: the pipeline node that computes it.
pub struct DStream {
    node: u32,
}

/// The spec of a function argument: `operator.add` and friends are builtins the engine calls
/// directly; anything else is a program closure, numbered in the session's table.
pub(super) fn func_spec(f: &Obj, funcs: &mut Vec<Obj>) -> Result<FuncSpec, Exc> {
    Ok(match f {
        Obj::Builtin("operator.add") => FuncSpec::Builtin(Builtin::Add),
        Obj::Builtin("operator.sub") => FuncSpec::Builtin(Builtin::Sub),
        Obj::Builtin("operator.mul") => FuncSpec::Builtin(Builtin::Mul),
        Obj::Func(func) => {
            funcs.push(f.clone());
            FuncSpec::Python {
                source: if &*func.name == "<lambda>" {
                    func.source.to_string()
                } else {
                    func.name.to_string()
                },
                id: Some(funcs.len() as u32 - 1),
            }
        }
        Obj::Builtin(_) | Obj::Method(_) | Obj::Native(_) | Obj::ExcType(_) => {
            funcs.push(f.clone());
            FuncSpec::Python {
                source: f.repr(),
                id: Some(funcs.len() as u32 - 1),
            }
        }
        other => {
            return Err(Exc::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            )))
        }
    })
}

impl DStream {
    /// Adds a node reading `inputs` and returns its stream.
    pub(super) fn add(interp: &Interp, inputs: &[u32], op: OpSpec) -> Result<Obj, Exc> {
        interp.spark.with_spec(|spec, _| {
            spec.nodes.push(NodeSpec::new(inputs, op));
            Ok(Obj::Native(Rc::new(DStream {
                node: spec.nodes.len() as u32 - 1,
            })))
        })
    }

    /// The node of a stream argument.
    pub(crate) fn id_of(o: &Obj) -> Result<u32, Exc> {
        match o {
            Obj::Native(n) => n
                .as_any()
                .downcast_ref::<DStream>()
                .map(|d| d.node)
                .ok_or_else(|| {
                    Exc::type_error(format!("expected a DStream, got {}", n.type_name()))
                }),
            other => Err(Exc::type_error(format!(
                "expected a DStream, got {}",
                other.type_name()
            ))),
        }
    }

    /// The node.
    pub fn node(&self) -> NodeId {
        NodeId(self.node)
    }
}

const METHODS: &[&str] = &[
    "map",
    "flatMap",
    "filter",
    "mapValues",
    "flatMapValues",
    "glom",
    "repartition",
    "union",
    "window",
    "reduceByKeyAndWindow",
    "reduceByWindow",
    "countByWindow",
    "countByValueAndWindow",
    "groupByKeyAndWindow",
    "updateStateByKey",
    "join",
    "leftOuterJoin",
    "rightOuterJoin",
    "fullOuterJoin",
    "cogroup",
    "reduce",
    "count",
    "countByValue",
    "reduceByKey",
    "groupByKey",
    "pprint",
    "cache",
    "persist",
    "checkpoint",
    "mapPartitions",
    "mapPartitionsWithIndex",
    "partitionBy",
    "combineByKey",
    "transform",
    "transformWith",
    "foreachRDD",
    "saveAsTextFiles",
    "slice",
    "context",
];

fn opt_duration(o: Option<&Obj>, what: &str) -> Result<Option<eddy_core::Duration>, Exc> {
    match o {
        None | Some(Obj::None) => Ok(None),
        Some(d) => duration(d, what).map(Some),
    }
}

fn opt_usize(o: Option<&Obj>, what: &str) -> Result<Option<usize>, Exc> {
    match o {
        None | Some(Obj::None) => Ok(None),
        Some(n) => {
            let n = as_int(n, what)?;
            if n < 1 {
                return Err(Exc::new(
                    "ValueError",
                    format!("{what}: numPartitions must be at least 1"),
                ));
            }
            Ok(Some(n as usize))
        }
    }
}

impl Native for DStream {
    fn type_name(&self) -> &'static str {
        "TransformedDStream"
    }

    fn has_method(&self, name: &str) -> bool {
        METHODS.contains(&name)
    }

    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let me = self.node;
        let a = |i: usize, kw: &str| arg_or_kw(&args, &kwargs, i, kw);
        let need = |i: usize, kw: &str| {
            a(i, kw).ok_or_else(|| {
                Exc::type_error(format!("{name}() missing required argument '{kw}'"))
            })
        };
        let func = |i: usize, kw: &str| -> Result<FuncSpec, Exc> {
            let f = need(i, kw)?;
            interp.spark.with_spec(|_, funcs| func_spec(f, funcs))
        };
        let opt_func = |i: usize, kw: &str| -> Result<Option<FuncSpec>, Exc> {
            match a(i, kw) {
                None | Some(Obj::None) => Ok(None),
                Some(f) => interp
                    .spark
                    .with_spec(|_, funcs| func_spec(f, funcs))
                    .map(Some),
            }
        };
        let one = |op: OpSpec| DStream::add(interp, &[me], op);
        let two = |other: &Obj, op: OpSpec| -> Result<Obj, Exc> {
            DStream::add(interp, &[me, DStream::id_of(other)?], op)
        };
        match name {
            "map" => one(OpSpec::Map {
                func: func(0, "f")?,
            }),
            "flatMap" => one(OpSpec::FlatMap {
                func: func(0, "f")?,
            }),
            "filter" => one(OpSpec::Filter {
                func: func(0, "f")?,
            }),
            "mapValues" => one(OpSpec::MapValues {
                func: func(0, "f")?,
            }),
            "flatMapValues" => one(OpSpec::FlatMapValues {
                func: func(0, "f")?,
            }),
            "glom" => one(OpSpec::Glom),
            "repartition" => {
                let n = opt_usize(Some(need(0, "numPartitions")?), name)?.unwrap_or(1);
                one(OpSpec::Repartition { num_partitions: n })
            }
            "union" => two(need(0, "other")?, OpSpec::Union),
            "window" => one(OpSpec::Window {
                window_duration: duration(need(0, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(1, "slideDuration"), name)?,
            }),
            "reduceByKeyAndWindow" => one(OpSpec::ReduceByKeyAndWindow {
                func: func(0, "func")?,
                inv_func: opt_func(1, "invFunc")?,
                window_duration: duration(need(2, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(3, "slideDuration"), name)?,
                num_partitions: opt_usize(a(4, "numPartitions"), name)?,
                filter_func: opt_func(5, "filterFunc")?,
            }),
            "reduceByWindow" => one(OpSpec::ReduceByWindow {
                func: func(0, "reduceFunc")?,
                inv_func: opt_func(1, "invReduceFunc")?,
                window_duration: duration(need(2, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(3, "slideDuration"), name)?,
            }),
            "countByWindow" => one(OpSpec::CountByWindow {
                window_duration: duration(need(0, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(1, "slideDuration"), name)?,
            }),
            "countByValueAndWindow" => one(OpSpec::CountByValueAndWindow {
                window_duration: duration(need(0, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(1, "slideDuration"), name)?,
                num_partitions: opt_usize(a(2, "numPartitions"), name)?,
            }),
            "groupByKeyAndWindow" => one(OpSpec::GroupByKeyAndWindow {
                window_duration: duration(need(0, "windowDuration")?, name)?,
                slide_duration: opt_duration(a(1, "slideDuration"), name)?,
                num_partitions: opt_usize(a(2, "numPartitions"), name)?,
            }),
            "updateStateByKey" => {
                let initial = match a(2, "initialRDD") {
                    None | Some(Obj::None) => None,
                    Some(r) => Some(Rdd::of(r)?.batch.records().cloned().collect()),
                };
                one(OpSpec::UpdateStateByKey {
                    func: func(0, "updateFunc")?,
                    num_partitions: opt_usize(a(1, "numPartitions"), name)?,
                    initial,
                })
            }
            "join" | "leftOuterJoin" | "rightOuterJoin" | "fullOuterJoin" => {
                let kind = match name {
                    "join" => JoinKind::Inner,
                    "leftOuterJoin" => JoinKind::LeftOuter,
                    "rightOuterJoin" => JoinKind::RightOuter,
                    _ => JoinKind::FullOuter,
                };
                two(
                    need(0, "other")?,
                    OpSpec::Join {
                        kind,
                        num_partitions: opt_usize(a(1, "numPartitions"), name)?,
                    },
                )
            }
            "cogroup" => two(
                need(0, "other")?,
                OpSpec::Cogroup {
                    num_partitions: opt_usize(a(1, "numPartitions"), name)?,
                },
            ),
            "reduce" => one(OpSpec::Reduce {
                func: func(0, "f")?,
            }),
            "count" => one(OpSpec::Count),
            "countByValue" => one(OpSpec::CountByValue),
            "reduceByKey" => one(OpSpec::ReduceByKey {
                func: func(0, "func")?,
                num_partitions: opt_usize(a(1, "numPartitions"), name)?,
            }),
            "groupByKey" => one(OpSpec::GroupByKey {
                num_partitions: opt_usize(a(0, "numPartitions"), name)?,
            }),
            "pprint" => {
                let num = match a(0, "num") {
                    None => 10,
                    Some(n) => as_int(n, name)?.max(0) as usize,
                };
                one(OpSpec::Pprint { num })?;
                Ok(Obj::None)
            }
            "mapPartitions" => one(OpSpec::MapPartitions {
                func: func(0, "f")?,
            }),
            "mapPartitionsWithIndex" => one(OpSpec::MapPartitionsWithIndex {
                func: func(0, "f")?,
            }),
            "partitionBy" => one(OpSpec::PartitionBy {
                num_partitions: opt_usize(Some(need(0, "numPartitions")?), name)?.unwrap_or(1),
                partition_func: opt_func(1, "partitionFunc")?,
            }),
            "combineByKey" => one(OpSpec::CombineByKey {
                create_combiner: func(0, "createCombiner")?,
                merge_value: func(1, "mergeValue")?,
                merge_combiners: func(2, "mergeCombiners")?,
                num_partitions: opt_usize(a(3, "numPartitions"), name)?,
            }),
            "transform" => one(OpSpec::Transform {
                func: func(0, "func")?,
            }),
            "transformWith" => {
                let f = func(0, "func")?;
                two(need(1, "other")?, OpSpec::TransformWith { func: f })
            }
            "foreachRDD" => {
                one(OpSpec::ForeachRdd {
                    func: func(0, "func")?,
                })?;
                Ok(Obj::None)
            }
            "saveAsTextFiles" => {
                let suffix = match a(1, "suffix") {
                    None | Some(Obj::None) => None,
                    Some(s) => Some(s.to_str()),
                };
                one(OpSpec::SaveAsTextFiles {
                    prefix: need(0, "prefix")?.to_str(),
                    suffix,
                })?;
                Ok(Obj::None)
            }
            "slice" => {
                let time = |o: &Obj| -> Result<eddy_core::BatchTime, Exc> {
                    Ok(eddy_core::BatchTime(match o {
                        Obj::Data(eddy_core::Value::DateTime(dt)) => dt.unix_micros() / 1000,
                        other => (crate::builtins::as_float(other, name)? * 1000.0).round() as i64,
                    }))
                };
                let (from, to) = (time(need(0, "begin")?)?, time(need(1, "end")?)?);
                let rdds = interp.spark.slice(self.node(), from, to);
                Ok(Obj::list(rdds.into_iter().map(Rdd::obj).collect()))
            }
            "cache" | "persist" | "checkpoint" => Ok(Obj::Native(self)),
            "context" => Ok(Obj::Native(Rc::new(super::StreamingContext))),
            _ => {
                let _ = (arg(&args, 0, name), kwarg(&kwargs, ""));
                Err(Exc::new(
                    "NotImplementedError",
                    format!("Eddy does not support DStream.{name} yet"),
                ))
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

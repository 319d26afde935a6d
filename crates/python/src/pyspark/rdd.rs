//! RDDs in the driver: what `sc.parallelize` makes and what `transform`/`foreachRDD` functions
//! receive. Operations run at once on the batch's partitions through the same core operators
//! the streams use, so partitioning and order are Spark's.

use std::rc::Rc;

use eddy_core::operator::PerBatch;
use eddy_core::ops::{self, JoinKind};
use eddy_core::{Batch, Value};

use super::funcs::PyFunc;
use crate::builtins::{arg, arg_or_kw, as_int, kwarg};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{DictMap, Native, Obj};

/// An RDD: its partitions.
pub struct Rdd {
    /// The records, partition by partition.
    pub batch: Batch,
}

const METHODS: &[&str] = &[
    "map",
    "flatMap",
    "filter",
    "mapValues",
    "flatMapValues",
    "glom",
    "reduceByKey",
    "groupByKey",
    "join",
    "leftOuterJoin",
    "rightOuterJoin",
    "fullOuterJoin",
    "union",
    "sortBy",
    "sortByKey",
    "take",
    "first",
    "collect",
    "count",
    "isEmpty",
    "top",
    "takeOrdered",
    "distinct",
    "keys",
    "values",
    "zipWithIndex",
    "repartition",
    "coalesce",
    "reduce",
    "sum",
    "max",
    "min",
    "mean",
    "foreach",
    "cache",
    "persist",
    "unpersist",
    "getNumPartitions",
    "collectAsMap",
    "countByKey",
    "countByValue",
    "mapPartitions",
    "mapPartitionsWithIndex",
    "partitionBy",
    "lookup",
    "keyBy",
    "subtractByKey",
    "subtract",
];

impl Rdd {
    /// An RDD object.
    pub fn obj(batch: Batch) -> Obj {
        Obj::Native(Rc::new(Rdd { batch }))
    }

    /// The RDD an argument holds.
    pub fn of(o: &Obj) -> Result<&Rdd, Exc> {
        match o {
            Obj::Native(n) => n
                .as_any()
                .downcast_ref::<Rdd>()
                .ok_or_else(|| Exc::type_error(format!("expected an RDD, got {}", n.type_name()))),
            other => Err(Exc::type_error(format!(
                "expected an RDD, got {}",
                other.type_name()
            ))),
        }
    }

    fn records(&self) -> Vec<Obj> {
        self.batch.records().map(Obj::from_value).collect()
    }

    fn n(&self) -> usize {
        self.batch.partitions.len().max(1)
    }
}

/// The keys (or values) of a pair RDD, partition by partition.
fn pair_part(b: &Batch, keys: bool) -> Result<Obj, Exc> {
    let mut partitions = Vec::with_capacity(b.partitions.len());
    for p in &b.partitions {
        let mut out = Vec::with_capacity(p.len());
        for v in p {
            let (k, w) = v.pair()?;
            out.push(if keys { k } else { w });
        }
        partitions.push(out);
    }
    Ok(Rdd::obj(Batch { partitions }))
}

fn values(objs: Vec<Obj>) -> Result<Vec<Value>, Exc> {
    objs.iter().map(Obj::to_value).collect()
}

impl Native for Rdd {
    fn type_name(&self) -> &'static str {
        "RDD"
    }

    fn has_method(&self, name: &str) -> bool {
        METHODS.contains(&name)
    }

    fn repr(&self) -> String {
        "PythonRDD".into()
    }

    fn get_attr(&self, name: &str) -> Option<Obj> {
        (name == "context").then(|| Obj::Native(Rc::new(super::SparkContext)))
    }

    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let b = &self.batch;
        let f = |i: usize| -> Result<eddy_core::func::Func, Exc> {
            Ok(PyFunc::wrap(interp, arg(&args, i, name)?.clone()))
        };
        let parts = |i: usize, kw: &str, default: usize| -> Result<usize, Exc> {
            match arg_or_kw(&args, &kwargs, i, kw) {
                None | Some(Obj::None) => Ok(default),
                Some(n) => Ok(as_int(n, name)?.max(1) as usize),
            }
        };
        let per = |op: &dyn PerBatch| -> Result<Obj, Exc> {
            op.apply(b).map(Rdd::obj).map_err(Exc::from)
        };
        let key_fn = |kw: &str, i: usize| {
            arg_or_kw(&args, &kwargs, i, kw)
                .filter(|k| !matches!(k, Obj::None))
                .cloned()
        };
        match name {
            "map" => per(&ops::Map::new(f(0)?)),
            "flatMap" => per(&ops::FlatMap::new(f(0)?)),
            "filter" => per(&ops::Filter::new(f(0)?)),
            "mapValues" => per(&ops::MapValues::new(f(0)?)),
            "flatMapValues" => per(&ops::FlatMapValues::new(f(0)?)),
            "glom" => per(&ops::Glom),
            "reduceByKey" => per(&ops::ReduceByKey::new(
                f(0)?,
                parts(1, "numPartitions", self.n())?,
            )),
            "groupByKey" => per(&ops::GroupByKey::new(parts(0, "numPartitions", self.n())?)),
            "countByValue" | "countByKey" => {
                let mut m = DictMap::default();
                for r in b.records() {
                    let k = if name == "countByKey" {
                        r.pair()?.0
                    } else {
                        r.clone()
                    };
                    let k = Obj::from_value(&k).key()?;
                    let e = m.entry(k).or_insert(Obj::Int(0));
                    *e = e.binop(crate::obj::BinOp::Add, &Obj::Int(1))?;
                }
                Ok(Obj::dict(m))
            }
            "join" | "leftOuterJoin" | "rightOuterJoin" | "fullOuterJoin" => {
                let other = Rdd::of(arg(&args, 0, name)?)?;
                let kind = match name {
                    "join" => JoinKind::Inner,
                    "leftOuterJoin" => JoinKind::LeftOuter,
                    "rightOuterJoin" => JoinKind::RightOuter,
                    _ => JoinKind::FullOuter,
                };
                let n = parts(1, "numPartitions", self.n() + other.n())?;
                ops::Join::new(kind, n)
                    .apply(b, &other.batch)
                    .map(Rdd::obj)
                    .map_err(Exc::from)
            }
            "union" => {
                let other = Rdd::of(arg(&args, 0, name)?)?;
                let mut partitions = b.partitions.clone();
                partitions.extend(other.batch.partitions.iter().cloned());
                Ok(Rdd::obj(Batch { partitions }))
            }
            "sortBy" | "sortByKey" => {
                let (ascending_at, key) = if name == "sortBy" {
                    (1, Some(arg(&args, 0, name)?.clone()))
                } else {
                    (0, key_fn("keyfunc", 2))
                };
                let ascending =
                    arg_or_kw(&args, &kwargs, ascending_at, "ascending").is_none_or(Obj::truthy);
                let n = parts(ascending_at + 1, "numPartitions", self.n())?;
                let recs = self.records();
                let sorted = if name == "sortBy" {
                    crate::builtins::sort_objs(interp, recs, key.as_ref(), !ascending)?
                } else {
                    // Sort by the pair's key, through keyfunc when given.
                    let mut keyed = Vec::with_capacity(recs.len());
                    for r in recs {
                        let k = interp.subscript(&r, &Obj::Int(0))?;
                        let k = match &key {
                            Some(kf) => interp.call(kf, vec![k], Vec::new())?,
                            None => k,
                        };
                        keyed.push(Obj::tuple(vec![k, r]));
                    }
                    let sorted = crate::builtins::sort_objs(interp, keyed, None, !ascending)?;
                    sorted
                        .into_iter()
                        .map(|p| interp.subscript(&p, &Obj::Int(1)))
                        .collect::<Result<_, _>>()?
                };
                Ok(Rdd::obj(Batch::parallelize(values(sorted)?, n)))
            }
            "take" => {
                let n = as_int(arg(&args, 0, name)?, name)?.max(0) as usize;
                Ok(Obj::list(
                    b.records().take(n).map(Obj::from_value).collect(),
                ))
            }
            "first" => b
                .records()
                .next()
                .map(Obj::from_value)
                .ok_or_else(|| Exc::new("ValueError", "RDD is empty")),
            "collect" => Ok(Obj::list(self.records())),
            "count" => Ok(Obj::Int(b.len() as i64)),
            "isEmpty" => Ok(Obj::Bool(b.is_empty())),
            "top" | "takeOrdered" => {
                let n = as_int(arg(&args, 0, name)?, name)?.max(0) as usize;
                let key = key_fn("key", 1);
                let mut sorted = crate::builtins::sort_objs(
                    interp,
                    self.records(),
                    key.as_ref(),
                    name == "top",
                )?;
                sorted.truncate(n);
                Ok(Obj::list(sorted))
            }
            "distinct" => {
                let n = parts(0, "numPartitions", self.n())?;
                let pairs = Batch {
                    partitions: b
                        .partitions
                        .iter()
                        .map(|p| {
                            p.iter()
                                .map(|v| Value::tuple(vec![v.clone(), Value::None]))
                                .collect()
                        })
                        .collect(),
                };
                let first = eddy_core::func::native("lambda x, _: x", |a| Ok(a[0].clone()));
                let reduced = ops::ReduceByKey::new(first, n)
                    .apply(&pairs)
                    .map_err(Exc::from)?;
                pair_part(&reduced, true)
            }
            "keys" | "values" => pair_part(b, name == "keys"),
            "keyBy" => {
                let kf = arg(&args, 0, name)?.clone();
                let mut partitions = Vec::with_capacity(b.partitions.len());
                for p in &b.partitions {
                    let mut out = Vec::with_capacity(p.len());
                    for v in p {
                        let k = interp
                            .call(&kf, vec![Obj::from_value(v)], Vec::new())?
                            .to_value()?;
                        out.push(Value::tuple(vec![k, v.clone()]));
                    }
                    partitions.push(out);
                }
                Ok(Rdd::obj(Batch { partitions }))
            }
            "zipWithIndex" => {
                let mut i = 0;
                let partitions = b
                    .partitions
                    .iter()
                    .map(|p| {
                        p.iter()
                            .map(|v| {
                                i += 1;
                                Value::tuple(vec![v.clone(), Value::Int(i - 1)])
                            })
                            .collect()
                    })
                    .collect();
                Ok(Rdd::obj(Batch { partitions }))
            }
            "repartition" => per(&ops::Repartition::new(parts(0, "numPartitions", 1)?)),
            "coalesce" => {
                let n = parts(0, "numPartitions", 1)?.min(self.n());
                // Coalesce without a shuffle merges neighbouring partitions.
                let m = b.partitions.len();
                let partitions = (0..n)
                    .map(|i| b.partitions[i * m / n..(i + 1) * m / n].concat())
                    .collect();
                Ok(Rdd::obj(Batch { partitions }))
            }
            "reduce" => {
                let func = arg(&args, 0, name)?;
                let mut acc: Option<Obj> = None;
                for v in b.records() {
                    let x = Obj::from_value(v);
                    acc = Some(match acc {
                        None => x,
                        Some(a) => interp.call(func, vec![a, x], Vec::new())?,
                    });
                }
                acc.ok_or_else(|| Exc::new("ValueError", "Can not reduce() empty RDD"))
            }
            "sum" => {
                let mut acc = Obj::Int(0);
                for v in b.records() {
                    acc = acc.binop(crate::obj::BinOp::Add, &Obj::from_value(v))?;
                }
                Ok(acc)
            }
            "max" | "min" => {
                let key = key_fn("key", 0);
                let mut sorted = crate::builtins::sort_objs(
                    interp,
                    self.records(),
                    key.as_ref(),
                    name == "max",
                )?;
                if sorted.is_empty() {
                    return Err(Exc::new(
                        "ValueError",
                        format!("{name}() arg is an empty sequence"),
                    ));
                }
                Ok(sorted.swap_remove(0))
            }
            "mean" => {
                let n = b.len();
                let mut acc = 0.0;
                for v in b.records() {
                    acc += crate::builtins::as_float(&Obj::from_value(v), name)?;
                }
                Ok(Obj::Float(if n == 0 { f64::NAN } else { acc / n as f64 }))
            }
            "foreach" => {
                let func = arg(&args, 0, name)?;
                for v in b.records() {
                    interp.call(func, vec![Obj::from_value(v)], Vec::new())?;
                }
                Ok(Obj::None)
            }
            "subtractByKey" | "subtract" => {
                // Keys (or records) of this RDD absent from the other, hash-partitioned like
                // PySpark's cogroup-based implementation.
                let other = Rdd::of(arg(&args, 0, name)?)?;
                let n = parts(1, "numPartitions", self.n())?;
                let by_key = name == "subtractByKey";
                let key_of = |v: &Value| -> Result<Value, Exc> {
                    Ok(if by_key { v.pair()?.0 } else { v.clone() })
                };
                let mut gone = std::collections::HashSet::new();
                for v in other.batch.records() {
                    gone.insert(eddy_core::value::Key::new(key_of(v)?)?);
                }
                let mut partitions = vec![Vec::new(); n];
                for v in b.records() {
                    let k = key_of(v)?;
                    if !gone.contains(&eddy_core::value::Key::new(k.clone())?) {
                        partitions[eddy_core::value::partition_of(&k, n)?].push(v.clone());
                    }
                }
                Ok(Rdd::obj(Batch { partitions }))
            }
            "cache" | "persist" | "unpersist" => Ok(Obj::Native(self)),
            "getNumPartitions" => Ok(Obj::Int(b.partitions.len() as i64)),
            "collectAsMap" => {
                let mut m = DictMap::default();
                for r in b.records() {
                    let (k, v) = r.pair()?;
                    m.insert(Obj::from_value(&k).key()?, Obj::from_value(&v));
                }
                Ok(Obj::dict(m))
            }
            "lookup" => {
                let key = arg(&args, 0, name)?;
                let mut out = Vec::new();
                for r in b.records() {
                    let (k, v) = r.pair()?;
                    if Obj::from_value(&k).py_eq(key) {
                        out.push(Obj::from_value(&v));
                    }
                }
                Ok(Obj::list(out))
            }
            "mapPartitions" | "mapPartitionsWithIndex" => {
                let func = arg(&args, 0, name)?;
                let mut partitions = Vec::with_capacity(b.partitions.len());
                for (i, p) in b.partitions.iter().enumerate() {
                    let part = Obj::list(p.iter().map(Obj::from_value).collect());
                    let call_args = if name == "mapPartitions" {
                        vec![part]
                    } else {
                        vec![Obj::Int(i as i64), part]
                    };
                    let out = interp.call(func, call_args, Vec::new())?;
                    partitions.push(values(interp.iterate(&out)?)?);
                }
                Ok(Rdd::obj(Batch { partitions }))
            }
            "partitionBy" => {
                let n = parts(0, "numPartitions", self.n())?;
                let mut partitions = vec![Vec::new(); n];
                let pf = key_fn("partitionFunc", 1);
                for r in b.records() {
                    let (k, _) = r.pair()?;
                    let h = match &pf {
                        Some(pf) => crate::builtins::as_int(
                            &interp.call(pf, vec![Obj::from_value(&k)], Vec::new())?,
                            name,
                        )?,
                        None => eddy_core::value::portable_hash(&k)?,
                    };
                    partitions[h.rem_euclid(n as i64) as usize].push(r.clone());
                }
                Ok(Rdd::obj(Batch { partitions }))
            }
            _ => {
                let _ = kwarg(&kwargs, "");
                Err(Exc::new(
                    "NotImplementedError",
                    format!("Eddy does not support RDD.{name} yet"),
                ))
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

//! `stream.flatMapValues(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Applies `f` to the value of every `(key, value)` record and pairs the key with each item
/// of the iterable it returns.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::FlatMapValues, Batch, Value};
/// let twice = native("lambda v: [v, v]", |a| Ok(Value::list(vec![a[0].clone(), a[0].clone()])));
/// let pair = Value::tuple([Value::from("k"), Value::Int(1)]);
/// let out = FlatMapValues::new(twice).apply(&Batch::single(vec![pair])).unwrap();
/// assert_eq!(out.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["('k', 1)", "('k', 1)"]);
/// ```
#[derive(Clone, Debug)]
pub struct FlatMapValues {
    f: Func,
}

impl FlatMapValues {
    /// Flat-maps values with `f`.
    pub fn new(f: Func) -> Self {
        FlatMapValues { f }
    }
}

impl PerBatch for FlatMapValues {
    /// `rdd.flatMapValues(f)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            let mut out = Vec::new();
            for r in part {
                let (k, v) = r.pair()?;
                for item in self.f.call(&[v])?.items()? {
                    out.push(Value::tuple([k.clone(), item]));
                }
            }
            Ok(out)
        })
    }
}

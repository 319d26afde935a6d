//! `stream.mapValues(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Applies `f` to the value of every `(key, value)` record, keeping keys and partitions.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::MapValues, Batch, Value};
/// let inc = native("lambda v: v + 1", |a| Ok(a[0].add(&Value::Int(1))?));
/// let pair = Value::tuple([Value::from("k"), Value::Int(1)]);
/// let out = MapValues::new(inc).apply(&Batch::single(vec![pair])).unwrap();
/// assert_eq!(out.records().next().unwrap().to_string(), "('k', 2)");
/// ```
#[derive(Clone, Debug)]
pub struct MapValues {
    f: Func,
}

impl MapValues {
    /// Maps values with `f`.
    pub fn new(f: Func) -> Self {
        MapValues { f }
    }
}

impl PerBatch for MapValues {
    /// `rdd.mapValues(f)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            part.iter()
                .map(|r| {
                    let (k, v) = r.pair()?;
                    Ok(Value::tuple([k, self.f.call(&[v])?]))
                })
                .collect()
        })
    }
}

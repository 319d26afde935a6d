//! `stream.map(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::Batch;

/// Applies `f` to every record, keeping partitions.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::Map, Batch, Value};
/// let double = native("lambda x: x * 2", |a| Ok(a[0].mul(&Value::Int(2))?));
/// let out = Map::new(double).apply(&Batch::parallelize(vec![Value::Int(1), Value::Int(2)], 2));
/// assert_eq!(out.unwrap().partitions, [vec![Value::Int(2)], vec![Value::Int(4)]]);
/// ```
#[derive(Clone, Debug)]
pub struct Map {
    f: Func,
}

impl Map {
    /// Maps with `f`.
    pub fn new(f: Func) -> Self {
        Map { f }
    }
}

impl PerBatch for Map {
    /// `rdd.map(f)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            part.iter()
                .map(|r| self.f.call(std::slice::from_ref(r)))
                .collect()
        })
    }
}

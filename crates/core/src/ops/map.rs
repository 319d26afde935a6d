//! `stream.map(f)`.

use crate::func::Func;
use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime};

/// Applies `f` to every record, keeping partitions.
///
/// ```
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

    /// `rdd.map(f)`.
    pub fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            part.iter()
                .map(|r| self.f.call(std::slice::from_ref(r)))
                .collect()
        })
    }
}

impl Operator for Map {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        inputs[0].map(|b| self.apply(b)).transpose()
    }
}

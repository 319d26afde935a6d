//! `stream.glom()`.

use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Turns each partition into one record: the list of its records. With `local[2]` a queue
/// batch `[1, 2, 3]` gloms to `[1]` and `[2, 3]` (SEMANTICS E1).
///
/// ```
/// use eddy_core::{operator::PerBatch, ops::Glom, Batch, Value};
/// let out = Glom.apply(&Batch::parallelize(vec![Value::Int(1), Value::Int(2), Value::Int(3)], 2)).unwrap();
/// assert_eq!(out.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["[1]", "[2, 3]"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Glom;

impl PerBatch for Glom {
    /// `rdd.glom()`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let partitions = (batch.partitions.iter())
            .map(|p| vec![Value::list(p.clone())])
            .collect();
        Ok(Batch { partitions })
    }
}

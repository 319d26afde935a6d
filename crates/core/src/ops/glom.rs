//! `stream.glom()`.

use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime, Value};

/// Turns each partition into one record: the list of its records. With `local[2]` a queue
/// batch `[1, 2, 3]` gloms to `[1]` and `[2, 3]` (SEMANTICS E1).
///
/// ```
/// use eddy_core::{ops::Glom, Batch, Value};
/// let out = Glom::apply(&Batch::parallelize(vec![Value::Int(1), Value::Int(2), Value::Int(3)], 2));
/// assert_eq!(out.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["[1]", "[2, 3]"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Glom;

impl Glom {
    /// `rdd.glom()`.
    pub fn apply(batch: &Batch) -> Batch {
        let partitions = (batch.partitions.iter())
            .map(|p| vec![Value::list(p.clone())])
            .collect();
        Batch { partitions }
    }
}

impl Operator for Glom {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        Ok(inputs[0].map(Glom::apply))
    }
}

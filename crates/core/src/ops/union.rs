//! `stream.union(other)` and `ssc.union(*streams)`.

use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime};

/// The partitions of the first stream, then the second's, and so on (SEMANTICS E3). A stream
/// with no RDD at this time contributes nothing; if none has one, neither does the union.
///
/// ```
/// use eddy_core::{ops::Union, Batch, Value};
/// let a = Batch::single(vec![Value::Int(1)]);
/// let b = Batch::single(vec![Value::Int(2)]);
/// let out = Union::apply(&[Some(&a), Some(&b)]).unwrap();
/// assert_eq!(out.partitions, [vec![Value::Int(1)], vec![Value::Int(2)]]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Union;

impl Union {
    /// The union of the inputs' RDDs.
    pub fn apply(inputs: &[Option<&Batch>]) -> Option<Batch> {
        if inputs.iter().all(Option::is_none) {
            return None;
        }
        let partitions = (inputs.iter().flatten())
            .flat_map(|b| b.partitions.iter().cloned())
            .collect();
        Some(Batch { partitions })
    }
}

impl Operator for Union {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        Ok(Union::apply(inputs))
    }
}

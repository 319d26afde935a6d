//! `stream.cogroup(other)`.

use crate::operator::{OpContext, OpError, Operator};
use crate::shuffle::tagged_groups;
use crate::{Batch, BatchTime, Value};

/// Groups two keyed streams' values by key: `(k, (values_in_self, values_in_other))` for every
/// key of either, hash-partitioned. PySpark gives `ResultIterable`s, which print as object
/// addresses (SEMANTICS H2); Eddy gives lists, in undefined order as in Spark (E5).
///
/// ```
/// use eddy_core::ops::Cogroup;
/// use eddy_core::{Batch, Value};
/// let kv = |k: &str, v: i64| Value::tuple([Value::from(k), Value::Int(v)]);
/// let out = Cogroup::new(2)
///     .apply(&[&Batch::single(vec![kv("a", 1)]), &Batch::single(vec![kv("b", 2)])])
///     .unwrap();
/// let mut printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
/// printed.sort();
/// assert_eq!(printed, ["('a', ([1], []))", "('b', ([], [2]))"]);
/// ```
#[derive(Clone, Debug)]
pub struct Cogroup {
    partitions: usize,
}

impl Cogroup {
    /// Cogroups into `partitions` partitions.
    pub fn new(partitions: usize) -> Self {
        Cogroup { partitions }
    }

    /// The cogroup of one batch of each input.
    pub fn apply(&self, inputs: &[&Batch]) -> Result<Batch, OpError> {
        let grouped = tagged_groups(inputs, self.partitions)?;
        let partitions = grouped
            .into_iter()
            .map(|part| {
                part.into_iter()
                    .map(|(key, sides)| {
                        let lists: Vec<Value> = sides.into_iter().map(Value::list).collect();
                        Value::tuple([key, Value::tuple(lists)])
                    })
                    .collect()
            })
            .collect();
        Ok(Batch { partitions })
    }
}

impl Operator for Cogroup {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match (inputs[0], inputs[1]) {
            (Some(l), Some(r)) => self.apply(&[l, r]).map(Some),
            _ => Ok(None),
        }
    }
}

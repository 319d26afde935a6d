//! `stream.flatMap(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Applies `f` to every record and flattens the iterables it returns, keeping partitions.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::FlatMap, Batch, Value};
/// let split = native("lambda line: line.split()", |a| {
///     let Value::Str(s) = &a[0] else { unreachable!() };
///     Ok(Value::list(s.split_whitespace().map(Value::from).collect::<Vec<_>>()))
/// });
/// let out = FlatMap::new(split).apply(&Batch::parallelize(vec![Value::from("a b"), Value::from("c")], 2));
/// assert_eq!(out.unwrap().records().count(), 3);
/// ```
#[derive(Clone, Debug)]
pub struct FlatMap {
    f: Func,
}

impl FlatMap {
    /// Flat-maps with `f`.
    pub fn new(f: Func) -> Self {
        FlatMap { f }
    }
}

impl PerBatch for FlatMap {
    /// `rdd.flatMap(f)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            let mut out = Vec::new();
            for r in part {
                match &self.f.call(std::slice::from_ref(r))? {
                    // The usual `return [record]`: no copy of the list.
                    Value::List(items) | Value::Tuple(items) => out.extend(items.iter().cloned()),
                    other => out.extend(other.items()?),
                }
            }
            Ok(out)
        })
    }
}

//! `stream.filter(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::Batch;

/// Keeps the records for which `f` is truthy, keeping partitions.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::Filter, Batch, Value};
/// let odd = native("lambda x: x % 2", |a| Ok(Value::Bool(matches!(a[0], Value::Int(i) if i % 2 != 0))));
/// let out = Filter::new(odd).apply(&Batch::parallelize((1..=4).map(Value::Int).collect(), 2));
/// assert_eq!(out.unwrap().partitions, [vec![Value::Int(1)], vec![Value::Int(3)]]);
/// ```
#[derive(Clone, Debug)]
pub struct Filter {
    f: Func,
}

impl Filter {
    /// Filters with the predicate `f`.
    pub fn new(f: Func) -> Self {
        Filter { f }
    }
}

impl PerBatch for Filter {
    /// `rdd.filter(f)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        batch.try_map_partitions(|part| {
            let mut kept = Vec::new();
            for r in part {
                if self.f.call(std::slice::from_ref(r))?.truthy() {
                    kept.push(r.clone());
                }
            }
            Ok(kept)
        })
    }
}

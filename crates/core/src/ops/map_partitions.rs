//! `stream.mapPartitions(f)` and `stream.mapPartitionsWithIndex(f)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Calls `f` once per partition with the partition's records, and makes the partition of
/// what it returns. PySpark passes an iterator; Eddy passes a `list` of the records, which a
/// Python function iterates the same way. With the index, `f(index, records)`: PySpark's
/// `mapPartitions(f)` is `mapPartitionsWithIndex(lambda i, it: f(it))`, so both keep the
/// partitioning, and so that an empty partition still calls `f` (with `[]`).
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::MapPartitions, Batch, Value};
/// // lambda it: [sum(it)]
/// let sum = native("lambda it: [sum(it)]", |a| {
///     let total = a[0].items()?.iter().try_fold(Value::Int(0), |t, v| t.add(v))?;
///     Ok(Value::list(vec![total]))
/// });
/// let batch = Batch::parallelize((1..=5).map(Value::Int).collect(), 2);
/// let out = MapPartitions::new(sum, false).apply(&batch).unwrap();
/// assert_eq!(out.partitions, [vec![Value::Int(3)], vec![Value::Int(12)]]);
/// ```
#[derive(Clone, Debug)]
pub struct MapPartitions {
    f: Func,
    with_index: bool,
}

impl MapPartitions {
    /// `mapPartitions(f)`, or `mapPartitionsWithIndex(f)` when `with_index`.
    pub fn new(f: Func, with_index: bool) -> Self {
        MapPartitions { f, with_index }
    }
}

impl PerBatch for MapPartitions {
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let partitions = (batch.partitions.iter().enumerate())
            .map(|(i, part)| {
                let records = Value::list(part.clone());
                let result = if self.with_index {
                    self.f.call(&[Value::Int(i as i64), records])?
                } else {
                    self.f.call(&[records])?
                };
                Ok(result.items()?)
            })
            .collect::<Result<_, OpError>>()?;
        Ok(Batch { partitions })
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::func::native;

    fn identity() -> Func {
        native("lambda i, it: it", |a| Ok(a[a.len() - 1].clone()))
    }

    #[test]
    fn empty_partitions_are_still_called() {
        let tag = native("lambda i, it: [i]", |a| Ok(Value::list(vec![a[0].clone()])));
        let out = MapPartitions::new(tag, true)
            .apply(&Batch::parallelize(vec![], 2))
            .unwrap();
        assert_eq!(out.partitions, [vec![Value::Int(0)], vec![Value::Int(1)]]);
    }

    #[test]
    fn an_rdd_without_partitions_stays_without() {
        let out = MapPartitions::new(identity(), true)
            .apply(&Batch::empty())
            .unwrap();
        assert!(out.partitions.is_empty());
    }

    #[test]
    fn one_record_keeps_its_partition() {
        let batch = Batch::parallelize(vec![Value::from("x")], 2);
        let out = MapPartitions::new(identity(), true).apply(&batch).unwrap();
        assert_eq!(out.partitions, [vec![], vec![Value::from("x")]]);
    }

    #[test]
    fn a_result_that_is_not_iterable_is_a_type_error() {
        let count = native("lambda it: len(it)", |a| {
            Ok(Value::Int(a[0].items()?.len() as i64))
        });
        let err = MapPartitions::new(count, false)
            .apply(&Batch::single(vec![Value::Int(1)]))
            .unwrap_err();
        assert_eq!(err.0, "TypeError: 'int' object is not iterable");
    }
}

//! `stream.reduceByKey(f, numPartitions=None)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::shuffle;
use crate::Batch;

/// Reduces the values of each key with `f`, hash-partitioned into `numPartitions` partitions
/// (`sc.defaultParallelism` when not given, SEMANTICS E2).
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use std::rc::Rc;
/// use eddy_core::{func::Builtin, ops::ReduceByKey, Batch, Value};
/// let kv = |k: bool, v: i64| Value::tuple([Value::Bool(k), Value::Int(v)]);
/// let batch = Batch::parallelize(vec![kv(true, 1), kv(false, 2), kv(true, 3)], 2);
/// let out = ReduceByKey::new(Rc::new(Builtin::Add), 2).apply(&batch).unwrap();
/// // False hashes to partition 0, True to partition 1.
/// assert_eq!(out.partitions, [vec![kv(false, 2)], vec![kv(true, 4)]]);
/// ```
#[derive(Clone, Debug)]
pub struct ReduceByKey {
    f: Func,
    partitions: usize,
}

impl ReduceByKey {
    /// Reduces with `f` into `partitions` partitions.
    pub fn new(f: Func, partitions: usize) -> Self {
        ReduceByKey { f, partitions }
    }
}

impl PerBatch for ReduceByKey {
    /// `rdd.reduceByKey(f, partitions)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        shuffle::reduce_by_func(batch, self.partitions, &self.f)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::rc::Rc;

    use super::*;
    use crate::func::Builtin;
    use crate::Value;

    fn kv(k: &str, v: i64) -> Value {
        Value::tuple([Value::from(k), Value::Int(v)])
    }

    #[test]
    fn empty_batch_gives_empty_partitions() {
        let out = ReduceByKey::new(Rc::new(Builtin::Add), 2)
            .apply(&Batch::parallelize(vec![], 2))
            .unwrap();
        assert_eq!(out.partitions, [Vec::<Value>::new(), Vec::new()]);
    }

    #[test]
    fn one_key_sums_across_partitions() {
        let batch = Batch::parallelize(vec![kv("a", 1), kv("a", 2), kv("a", 3)], 2);
        let out = ReduceByKey::new(Rc::new(Builtin::Add), 2)
            .apply(&batch)
            .unwrap();
        assert_eq!(out.records().cloned().collect::<Vec<_>>(), [kv("a", 6)]);
    }

    #[test]
    fn records_that_are_not_pairs_are_a_python_error() {
        let batch = Batch::single(vec![Value::Int(1)]);
        let err = ReduceByKey::new(Rc::new(Builtin::Add), 2)
            .apply(&batch)
            .unwrap_err();
        assert_eq!(err.0, "TypeError: 'int' object is not iterable");
    }
}

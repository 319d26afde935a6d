//! `stream.partitionBy(numPartitions, partitionFunc=portable_hash)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::shuffle::{self, Partitioner};
use crate::Batch;

/// Moves each `(k, v)` record to partition `partitionFunc(k) % numPartitions` (Python's
/// modulo), as PySpark's `RDD.partitionBy` does: each input partition is bucketed in record
/// order, and each output partition takes the buckets of the input partitions in order.
/// `partitionFunc` defaults to PySpark's `portable_hash`.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{ops::PartitionBy, Batch, Value};
/// let kv = |k: i64| Value::tuple([Value::Int(k), Value::from("v")]);
/// let batch = Batch::parallelize((0..5).map(kv).collect(), 2);
/// let out = PartitionBy::new(2, None).apply(&batch).unwrap();
/// // Small ints hash to themselves: even keys to partition 0.
/// assert_eq!(out.partitions, [vec![kv(0), kv(2), kv(4)], vec![kv(1), kv(3)]]);
/// ```
#[derive(Clone, Debug)]
pub struct PartitionBy {
    partitions: usize,
    func: Option<Func>,
}

impl PartitionBy {
    /// Into `partitions` partitions by `func` (PySpark's `portable_hash` when `None`).
    pub fn new(partitions: usize, func: Option<Func>) -> Self {
        PartitionBy { partitions, func }
    }
}

impl PerBatch for PartitionBy {
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let partitioner = match &self.func {
            Some(f) => Partitioner::Func(f),
            None => Partitioner::PortableHash,
        };
        shuffle::partition_by(batch, self.partitions, &partitioner)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::func::native;
    use crate::Value;

    fn kv(k: &str, v: i64) -> Value {
        Value::tuple([Value::from(k), Value::Int(v)])
    }

    #[test]
    fn an_empty_batch_gives_empty_partitions() {
        let out = PartitionBy::new(3, None)
            .apply(&Batch::parallelize(vec![], 2))
            .unwrap();
        assert_eq!(out.partitions, vec![Vec::<Value>::new(); 3]);
    }

    #[test]
    fn one_key_keeps_its_records_in_order() {
        let batch = Batch::parallelize(vec![kv("a", 1), kv("a", 2), kv("a", 3)], 2);
        let out = PartitionBy::new(2, None).apply(&batch).unwrap();
        let all: Vec<Value> = out.records().cloned().collect();
        assert_eq!(all, [kv("a", 1), kv("a", 2), kv("a", 3)]);
    }

    #[test]
    fn a_partition_function_uses_python_modulo() {
        // lambda k: -1  →  -1 % 3 == 2
        let minus_one = native("lambda k: -1", |_| Ok(Value::Int(-1)));
        let out = PartitionBy::new(3, Some(minus_one))
            .apply(&Batch::single(vec![kv("x", 1)]))
            .unwrap();
        assert_eq!(out.partitions[2], [kv("x", 1)]);
    }

    #[test]
    fn a_partition_function_returning_a_non_int_is_a_type_error() {
        let text = native("lambda k: k", |a| Ok(a[0].clone()));
        let err = PartitionBy::new(2, Some(text))
            .apply(&Batch::single(vec![kv("x", 1)]))
            .unwrap_err();
        assert_eq!(
            err.0,
            "TypeError: unsupported operand type(s) for %: 'str' and 'int'"
        );
    }
}

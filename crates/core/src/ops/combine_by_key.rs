//! `stream.combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions=None)`.

use crate::func::Func;
use crate::operator::{OpError, PerBatch};
use crate::shuffle::{self, Combiner};
use crate::Batch;

/// Combines the values of each key as PySpark's `RDD.combineByKey` does: within each input
/// partition, a key's first value goes through `createCombiner` and later ones through
/// `mergeValue`; then the partial combiners are hash-partitioned (`portable_hash`, like
/// `reduceByKey`, SEMANTICS E2) and merged with `mergeCombiners` in input-partition order.
/// `reduceByKey(f)` is `combineByKey(lambda v: v, f, f)`: both run [`shuffle::combine_by_key`].
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{func::native, ops::CombineByKey, Batch, Value};
/// // (sum, count) per key
/// let create = native("lambda v: (v, 1)", |a| Ok(Value::tuple([a[0].clone(), Value::Int(1)])));
/// let merge_value = native("lambda c, v: (c[0] + v, c[1] + 1)", |a| {
///     let (s, n) = a[0].pair()?;
///     Ok(Value::tuple([s.add(&a[1])?, n.add(&Value::Int(1))?]))
/// });
/// let merge = native("lambda c, d: (c[0] + d[0], c[1] + d[1])", |a| {
///     let ((s, n), (t, m)) = (a[0].pair()?, a[1].pair()?);
///     Ok(Value::tuple([s.add(&t)?, n.add(&m)?]))
/// });
/// let kv = |v: i64| Value::tuple([Value::from("a"), Value::Int(v)]);
/// let batch = Batch::parallelize(vec![kv(1), kv(2), kv(3)], 2);
/// let out = CombineByKey::new(create, merge_value, merge, 2).apply(&batch).unwrap();
/// let printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
/// assert_eq!(printed, ["('a', (6, 3))"]);
/// ```
#[derive(Clone, Debug)]
pub struct CombineByKey {
    create: Func,
    merge_value: Func,
    merge_combiners: Func,
    partitions: usize,
}

impl CombineByKey {
    /// With the three functions, into `partitions` partitions.
    pub fn new(create: Func, merge_value: Func, merge_combiners: Func, partitions: usize) -> Self {
        CombineByKey {
            create,
            merge_value,
            merge_combiners,
            partitions,
        }
    }
}

impl PerBatch for CombineByKey {
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        shuffle::combine_by_key(
            batch,
            self.partitions,
            &Combiner {
                create: &|v| self.create.call(&[v]),
                merge_value: &|c, v| self.merge_value.call(&[c, v]),
                merge_combiners: &|c, d| self.merge_combiners.call(&[c, d]),
                builtin: None,
            },
        )
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

    /// `combineByKey(lambda v: [v], lambda c, v: c + [v], lambda c, d: c + d)`.
    fn to_lists() -> CombineByKey {
        CombineByKey::new(
            native("lambda v: [v]", |a| Ok(Value::list(vec![a[0].clone()]))),
            native("lambda c, v: c + [v]", |a| {
                Ok(a[0].add(&Value::list(vec![a[1].clone()]))?)
            }),
            native("lambda c, d: c + d", |a| Ok(a[0].add(&a[1])?)),
            2,
        )
    }

    fn kv(k: &str, v: i64) -> Value {
        Value::tuple([Value::from(k), Value::Int(v)])
    }

    #[test]
    fn an_empty_batch_gives_empty_partitions() {
        let out = to_lists().apply(&Batch::parallelize(vec![], 2)).unwrap();
        assert_eq!(out.partitions, [Vec::<Value>::new(), Vec::new()]);
    }

    #[test]
    fn one_key_merges_partitions_in_order() {
        let batch = Batch::parallelize(vec![kv("a", 1), kv("a", 2), kv("a", 3)], 2);
        let out = to_lists().apply(&batch).unwrap();
        let printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
        // Partition 0 holds [1], partition 1 holds [2, 3]: merged in that order.
        assert_eq!(printed, ["('a', [1, 2, 3])"]);
    }

    #[test]
    fn a_failing_combiner_is_an_error() {
        let op = CombineByKey::new(
            native("lambda v: 1 / 0", |_| {
                Err(OpError("ZeroDivisionError: division by zero".into()))
            }),
            native("f", |a| Ok(a[0].clone())),
            native("f", |a| Ok(a[0].clone())),
            2,
        );
        let err = op.apply(&Batch::single(vec![kv("a", 1)])).unwrap_err();
        assert_eq!(err.0, "ZeroDivisionError: division by zero");
    }
}

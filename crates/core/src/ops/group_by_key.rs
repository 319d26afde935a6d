//! `stream.groupByKey(numPartitions=None)`.

use crate::operator::{OpError, PerBatch};
use crate::shuffle;
use crate::{Batch, Value};

/// Groups the values of each key into a list, hash-partitioned. The order of values within a
/// group is not defined in Spark (SEMANTICS E5). PySpark yields a `ResultIterable`, which
/// prints as an object address (H2); Eddy gives a list, which prints its values.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{ops::GroupByKey, Batch, Value};
/// let kv = |k: &str, v: i64| Value::tuple([Value::from(k), Value::Int(v)]);
/// let batch = Batch::parallelize(vec![kv("a", 1), kv("a", 2)], 2);
/// let out = GroupByKey::new(2).apply(&batch).unwrap();
/// assert_eq!(out.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["('a', [1, 2])"]);
/// ```
#[derive(Clone, Debug)]
pub struct GroupByKey {
    partitions: usize,
}

impl GroupByKey {
    /// Groups into `partitions` partitions.
    pub fn new(partitions: usize) -> Self {
        GroupByKey { partitions }
    }
}

impl PerBatch for GroupByKey {
    /// `rdd.groupByKey(partitions)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        // PySpark's combineByKey with list append gives each key its values in record
        // order, keys in the order first seen: what grouping the records in one pass gives,
        // without copying a key's list at each value (which was quadratic in its values).
        let groups = shuffle::tagged_groups(&[batch], self.partitions)?;
        let partitions = (groups.into_iter())
            .map(|part| {
                (part.into_iter())
                    .map(|(k, mut sides)| {
                        Value::tuple([k, Value::list(sides.pop().unwrap_or_default())])
                    })
                    .collect()
            })
            .collect();
        Ok(Batch { partitions })
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::shuffle::Combiner;

    #[test]
    fn grouping_equals_pysparks_combine_by_key_with_list_append() {
        // Keys repeat across both partitions; `True` is the key `1`.
        let keys = [
            Value::Int(1),
            Value::from("a"),
            Value::Bool(true),
            Value::None,
        ];
        let records: Vec<Value> = (0..103)
            .map(|i| Value::tuple([keys[i * 7 % 4].clone(), Value::Int(i as i64)]))
            .collect();
        let batch = Batch::parallelize(records, 2);
        let append = |acc: Value, v: Value| acc.add(&Value::list(vec![v])).map_err(OpError::from);
        let extend = |acc: Value, more: Value| acc.add(&more).map_err(OpError::from);
        let want = shuffle::combine_by_key(
            &batch,
            3,
            &Combiner {
                create: &|v| Ok(Value::list(vec![v])),
                merge_value: &append,
                merge_combiners: &extend,
                builtin: None,
            },
        )
        .unwrap();
        assert_eq!(GroupByKey::new(3).apply(&batch).unwrap(), want);
    }

    #[test]
    fn a_key_with_many_values_groups_in_linear_time() {
        let records = (0..200_000)
            .map(|i| Value::tuple([Value::Int(0), Value::Int(i)]))
            .collect();
        let out = GroupByKey::new(2)
            .apply(&Batch::parallelize(records, 2))
            .unwrap();
        let (_, values) = out.partitions[0][0].pair().unwrap();
        assert_eq!(values.items().unwrap().len(), 200_000);
    }
}

//! `stream.groupByKey(numPartitions=None)`.

use crate::operator::{OpError, PerBatch};
use crate::shuffle::{self, Combiner};
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
        let append = |acc: Value, v: Value| acc.add(&Value::list(vec![v])).map_err(OpError::from);
        let extend = |acc: Value, more: Value| acc.add(&more).map_err(OpError::from);
        shuffle::combine_by_key(
            batch,
            self.partitions,
            &Combiner {
                create: &|v| Ok(Value::list(vec![v])),
                merge_value: &append,
                merge_combiners: &extend,
            },
        )
    }
}

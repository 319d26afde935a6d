//! `stream.countByValue()`.

use crate::operator::{OpError, PerBatch};
use crate::shuffle;
use crate::{Batch, Value};

/// Counts each distinct record: `map(x → (x, 1)).reduceByKey(add)`, so `(value, count)` pairs
/// hash-partitioned by value. An empty batch gives no records (SEMANTICS C1).
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::{ops::CountByValue, Batch, Value};
/// let batch = Batch::parallelize(vec![Value::Int(3), Value::Int(3), Value::Int(-1)], 2);
/// let out = CountByValue::new(2).apply(&batch).unwrap();
/// let mut printed: Vec<String> = out.records().map(|r| r.to_string()).collect();
/// printed.sort();
/// assert_eq!(printed, ["(-1, 1)", "(3, 2)"]);
/// ```
#[derive(Clone, Debug)]
pub struct CountByValue {
    partitions: usize,
}

impl CountByValue {
    /// Counts into `partitions` partitions.
    pub fn new(partitions: usize) -> Self {
        CountByValue { partitions }
    }
}

impl PerBatch for CountByValue {
    /// `rdd.map(lambda x: (x, 1)).reduceByKey(add)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let pairs = batch.try_map_partitions(|part| {
            Ok::<_, OpError>(
                part.iter()
                    .map(|x| Value::tuple([x.clone(), Value::Int(1)]))
                    .collect(),
            )
        })?;
        shuffle::reduce_by_key(&pairs, self.partitions, &|a, b| Ok(a.add(&b)?))
    }
}

//! A batch: the records of one stream at one logical time, split into partitions exactly as
//! Spark's `local[2]` splits them, so that `glom`, pprint order and part files match Spark.

use serde::{Deserialize, Serialize};

use crate::Value;

/// The records of one RDD, partition by partition.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// Partitions in order; records in each in order.
    pub partitions: Vec<Vec<Value>>,
}

impl Batch {
    /// An RDD with no partitions (Spark's `EmptyRDD`, which a drained `queueStream` gives).
    pub fn empty() -> Self {
        Batch::default()
    }

    /// Splits `records` as `sc.parallelize(records, slices)` does (SEMANTICS E1): PySpark
    /// pickles the list in chunks of `max(1, min(n / slices, 1024))` records, and Scala's
    /// `ParallelCollectionRDD.slice` gives chunk range `[i*c/slices, (i+1)*c/slices)` to slice `i`.
    ///
    /// ```
    /// use eddy_core::{Batch, Value};
    /// let sizes = |n: i64| Batch::parallelize((0..n).map(Value::Int).collect(), 2)
    ///     .partitions.iter().map(Vec::len).collect::<Vec<_>>();
    /// assert_eq!(sizes(1), [0, 1]);
    /// assert_eq!(sizes(3), [1, 2]);
    /// assert_eq!(sizes(5000), [2048, 2952]);
    /// ```
    pub fn parallelize(records: Vec<Value>, slices: usize) -> Self {
        let slices = slices.max(1);
        let n = records.len();
        let chunk = (n / slices).clamp(1, 1024);
        let chunks = n.div_ceil(chunk);
        let mut records = records.into_iter();
        let partitions = (0..slices)
            .map(|i| {
                let start = i * chunks / slices;
                let end = (i + 1) * chunks / slices;
                let take = ((end * chunk).min(n)).saturating_sub(start * chunk);
                records.by_ref().take(take).collect()
            })
            .collect();
        Batch { partitions }
    }

    /// One partition holding `records` (what `reduce` and `count` produce).
    pub fn single(records: Vec<Value>) -> Self {
        Batch {
            partitions: vec![records],
        }
    }

    /// Number of records in all partitions.
    pub fn len(&self) -> usize {
        self.partitions.iter().map(Vec::len).sum()
    }

    /// Whether there are no records (an RDD may have partitions and still be empty).
    pub fn is_empty(&self) -> bool {
        self.partitions.iter().all(Vec::is_empty)
    }

    /// Applies `f` to each partition, keeping the partitioning; the first error stops it.
    pub fn try_map_partitions<E>(
        &self,
        mut f: impl FnMut(&[Value]) -> Result<Vec<Value>, E>,
    ) -> Result<Batch, E> {
        let partitions = self
            .partitions
            .iter()
            .map(|p| f(p))
            .collect::<Result<_, E>>()?;
        Ok(Batch { partitions })
    }

    /// All records in partition order, as `collect()` returns them.
    pub fn records(&self) -> impl Iterator<Item = &Value> + '_ {
        self.partitions.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn sizes(n: usize) -> Vec<usize> {
        let records = (0..n as i64).map(Value::Int).collect();
        Batch::parallelize(records, 2)
            .partitions
            .iter()
            .map(Vec::len)
            .collect()
    }

    #[test]
    fn small_batches_split_floor_then_ceil() {
        assert_eq!(sizes(0), [0, 0]);
        assert_eq!(sizes(2), [1, 1]);
        assert_eq!(sizes(7), [3, 4]);
        assert_eq!(sizes(2047), [1023, 1024]);
    }

    #[test]
    fn large_batches_split_in_chunks_of_1024() {
        assert_eq!(sizes(2048), [1024, 1024]);
        assert_eq!(sizes(5000), [2048, 2952]);
    }

    #[test]
    fn order_is_kept_across_partitions() {
        let records: Vec<Value> = (0..5).map(Value::Int).collect();
        let batch = Batch::parallelize(records.clone(), 2);
        assert_eq!(batch.records().cloned().collect::<Vec<_>>(), records);
    }
}

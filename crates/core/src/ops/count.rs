//! `stream.count()`.

use crate::operator::{OpError, PerBatch};
use crate::{Batch, Value};

/// Counts each RDD's records into one record. An empty RDD counts `0` (SEMANTICS C1), unlike
/// `reduce`, because PySpark counts per partition first and sums the partial counts.
///
/// ```
/// use eddy_core::operator::PerBatch;
/// use eddy_core::ops::Count;
/// use eddy_core::{Batch, Value};
/// let zero = Count.apply(&Batch::parallelize(vec![], 2)).unwrap();
/// assert_eq!(zero.partitions, [vec![Value::Int(0)]]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Count;

impl PerBatch for Count {
    /// The count of one RDD, in a single partition.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let partials = !batch.partitions.is_empty();
        let n = batch.len() as i64;
        Ok(Batch::single(if partials {
            vec![Value::Int(n)]
        } else {
            vec![]
        }))
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn counts_records_across_partitions() {
        let batch = Batch::parallelize((0..5).map(Value::Int).collect(), 2);
        assert_eq!(
            Count.apply(&batch).unwrap().partitions,
            [vec![Value::Int(5)]]
        );
    }

    #[test]
    fn an_rdd_without_partitions_has_no_count() {
        assert_eq!(
            Count.apply(&Batch::empty()).unwrap().partitions,
            [Vec::<Value>::new()]
        );
    }
}

//! `stream.count()`.

use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime, Value};

/// Counts each RDD's records into one record. An empty RDD counts `0` (SEMANTICS C1), unlike
/// `reduce`, because PySpark counts per partition first and sums the partial counts.
///
/// ```
/// use eddy_core::ops::Count;
/// use eddy_core::{Batch, Value};
/// assert_eq!(Count::count(&Batch::parallelize(vec![], 2)).partitions, [vec![Value::Int(0)]]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Count;

impl Count {
    /// The count of one RDD, in a single partition.
    pub fn count(batch: &Batch) -> Batch {
        let partials = !batch.partitions.is_empty();
        let n = batch.len() as i64;
        Batch::single(if partials {
            vec![Value::Int(n)]
        } else {
            vec![]
        })
    }
}

impl Operator for Count {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        Ok(inputs[0].map(Count::count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_records_across_partitions() {
        let batch = Batch::parallelize((0..5).map(Value::Int).collect(), 2);
        assert_eq!(Count::count(&batch).partitions, [vec![Value::Int(5)]]);
    }

    #[test]
    fn an_rdd_without_partitions_has_no_count() {
        assert_eq!(
            Count::count(&Batch::empty()).partitions,
            [Vec::<Value>::new()]
        );
    }
}

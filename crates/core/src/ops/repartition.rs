//! `stream.repartition(n)`.

use crate::operator::{OpError, PerBatch};
use crate::Batch;

/// PySpark moves records between partitions in pickled chunks of at most this many.
const CHUNK: usize = 10;

/// Redistributes records into `n` partitions. `repartition(1)` keeps the concatenated order,
/// as Spark does. For `n > 1` Spark deals chunks of at most 10 records round-robin from a
/// pseudo-random start (SEMANTICS E3), which is not reproducible; Eddy deals them from
/// partition `i mod n` for input partition `i`, so sizes and contents match Spark's kind of
/// split and the result is deterministic.
///
/// ```
/// use eddy_core::{operator::PerBatch, ops::Repartition, Batch, Value};
/// let batch = Batch::parallelize((1..=5).map(Value::Int).collect(), 2);
/// let one = Repartition::new(1).apply(&batch).unwrap();
/// assert_eq!(one.partitions, [(1..=5).map(Value::Int).collect::<Vec<_>>()]);
/// ```
#[derive(Clone, Debug)]
pub struct Repartition {
    partitions: usize,
}

impl Repartition {
    /// Into `partitions` partitions.
    pub fn new(partitions: usize) -> Self {
        Repartition {
            partitions: partitions.max(1),
        }
    }
}

impl PerBatch for Repartition {
    /// `rdd.repartition(n)`.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError> {
        let n = self.partitions;
        let mut partitions = vec![Vec::new(); n];
        for (i, input) in batch.partitions.iter().enumerate() {
            for (j, chunk) in input.chunks(CHUNK).enumerate() {
                partitions[(i + j) % n].extend_from_slice(chunk);
            }
        }
        Ok(Batch { partitions })
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::Value;

    #[test]
    fn every_record_lands_somewhere() {
        let batch = Batch::parallelize((0..95).map(Value::Int).collect(), 2);
        let out = Repartition::new(3).apply(&batch).unwrap();
        assert_eq!(out.partitions.len(), 3);
        assert_eq!(out.len(), 95);
        assert!(out.partitions.iter().all(|p| !p.is_empty()));
    }

    #[test]
    fn an_empty_batch_gives_empty_partitions() {
        let out = Repartition::new(3)
            .apply(&Batch::parallelize(vec![], 2))
            .unwrap();
        assert_eq!(out.partitions, vec![Vec::<Value>::new(); 3]);
    }
}

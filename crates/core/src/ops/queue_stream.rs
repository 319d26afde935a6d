//! `ssc.queueStream(rdds, oneAtATime=True, default=None)`.

use std::collections::VecDeque;

use crate::operator::{OpContext, OpError, Operator};
use crate::{Batch, BatchTime, Value};

/// A queue of RDDs, handed out as the stream's RDD is computed (SEMANTICS A2): one per
/// computed time with `one_at_a_time`, else everything queued at the first computed time.
/// A drained queue gives `default`, or an empty RDD.
///
/// ```
/// use eddy_core::ops::QueueStream;
/// use eddy_core::{operator::Operator, BatchTime, Duration, Value};
/// let mut q = QueueStream::new(vec![vec![Value::Int(1)], vec![Value::Int(2)]], true, None, 2);
/// let (mut out, mut vfs) = (Vec::new(), eddy_core::Vfs::default());
/// let mut cx = eddy_core::operator::OpContext {
///     parallelism: 2, interval: Duration(1000), batch: 0, out: &mut out, vfs: &mut vfs,
/// };
/// let first = q.compute(BatchTime(1000), &[], &mut cx).unwrap().unwrap();
/// assert_eq!(first.records().collect::<Vec<_>>(), [&Value::Int(1)]);
/// ```
#[derive(Clone, Debug)]
pub struct QueueStream {
    queue: VecDeque<Batch>,
    one_at_a_time: bool,
    default: Option<Batch>,
    parallelism: usize,
}

impl QueueStream {
    /// A queue of `sc.parallelize(records)` RDDs.
    pub fn new(
        batches: Vec<Vec<Value>>,
        one_at_a_time: bool,
        default: Option<Vec<Value>>,
        parallelism: usize,
    ) -> Self {
        QueueStream {
            queue: batches
                .into_iter()
                .map(|records| Batch::parallelize(records, parallelism))
                .collect(),
            one_at_a_time,
            default: default.map(|records| Batch::parallelize(records, parallelism)),
            parallelism,
        }
    }
}

impl Operator for QueueStream {
    fn compute(
        &mut self,
        _time: BatchTime,
        _inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let taken = if self.one_at_a_time {
            self.queue.pop_front()
        } else if self.queue.is_empty() {
            None
        } else {
            let partitions = self.queue.drain(..).flat_map(|b| b.partitions).collect();
            Some(Batch { partitions })
        };
        // A drained queue without a default: PySpark computes `count()` of it as `[0]`, so
        // the RDD it sees has (empty) partitions rather than none.
        let batch = taken
            .or_else(|| self.default.clone())
            .unwrap_or_else(|| Batch {
                partitions: vec![Vec::new(); self.parallelism],
            });
        Ok(Some(batch))
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::Duration;

    fn run(q: &mut QueueStream) -> Vec<Vec<Value>> {
        let (mut out, mut vfs) = (Vec::new(), crate::Vfs::default());
        let mut cx = OpContext {
            parallelism: 2,
            interval: Duration(1000),
            batch: 0,
            out: &mut out,
            vfs: &mut vfs,
        };
        let batch = q.compute(BatchTime(1000), &[], &mut cx).unwrap().unwrap();
        batch.partitions
    }

    fn ints(xs: &[i64]) -> Vec<Value> {
        xs.iter().copied().map(Value::Int).collect()
    }

    #[test]
    fn one_at_a_time_hands_out_items_in_order_then_empty() {
        let mut q = QueueStream::new(vec![ints(&[1, 2, 3]), ints(&[4])], true, None, 2);
        assert_eq!(run(&mut q), [ints(&[1]), ints(&[2, 3])]);
        assert_eq!(run(&mut q), [ints(&[]), ints(&[4])]);
        assert_eq!(run(&mut q), [ints(&[]), ints(&[])]);
    }

    #[test]
    fn all_at_once_unions_everything_queued() {
        let mut q = QueueStream::new(vec![ints(&[1, 2]), ints(&[3, 4])], false, None, 2);
        assert_eq!(
            run(&mut q),
            [ints(&[1]), ints(&[2]), ints(&[3]), ints(&[4])]
        );
    }

    #[test]
    fn a_drained_queue_gives_the_default() {
        let mut q = QueueStream::new(vec![], true, Some(ints(&[7, 8])), 2);
        assert_eq!(run(&mut q), [ints(&[7]), ints(&[8])]);
        assert_eq!(run(&mut q), [ints(&[7]), ints(&[8])]);
    }
}

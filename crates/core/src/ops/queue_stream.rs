//! `ssc.queueStream(rdds, oneAtATime=True, default=None)`.

use std::collections::VecDeque;

use crate::operator::{OpContext, OpError, Operator};
use crate::spec::{OpSpec, QueuePartitionSizes};
use crate::{Batch, BatchTime, Value};

/// A queue of RDDs, handed out as the stream's RDD is computed (SEMANTICS A2): one per
/// computed time with `one_at_a_time`, else the union of everything queued at the first
/// computed time. Each RDD keeps its partitions (a union's are the RDDs' partitions one after
/// another). A drained queue gives `default`, or, as PySpark's queue has Spark's default
/// `sc.makeRDD(Seq.empty, 1)`, an empty RDD of one partition.
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
}

impl QueueStream {
    /// A queue of `sc.parallelize(records)` RDDs.
    pub fn new(
        batches: Vec<Vec<Value>>,
        one_at_a_time: bool,
        default: Option<Vec<Value>>,
        parallelism: usize,
    ) -> Self {
        QueueStream::of_rdds(
            batches
                .into_iter()
                .map(|records| Batch::parallelize(records, parallelism))
                .collect(),
            one_at_a_time,
            default.map(|records| Batch::parallelize(records, parallelism)),
        )
    }

    /// A queue of RDDs that keep their partitions.
    pub fn of_rdds(rdds: Vec<Batch>, one_at_a_time: bool, default: Option<Batch>) -> Self {
        QueueStream {
            queue: rdds.into(),
            one_at_a_time,
            default,
        }
    }

    /// The queue an [`OpSpec::QueueStream`] describes: its records split as
    /// `partition_sizes` says, or as `sc.parallelize(records, parallelism)` without it.
    /// Fails when the sizes do not fit the records.
    pub fn from_spec(
        batches: &[Vec<Value>],
        one_at_a_time: bool,
        default: Option<&[Value]>,
        partition_sizes: Option<&QueuePartitionSizes>,
        parallelism: usize,
    ) -> Result<Self, String> {
        let Some(sizes) = partition_sizes else {
            return Ok(QueueStream::new(
                batches.to_vec(),
                one_at_a_time,
                default.map(<[Value]>::to_vec),
                parallelism,
            ));
        };
        if sizes.batches.len() != batches.len() {
            return Err(format!(
                "partitionSizes lists {} RDD(s) but the queue has {}",
                sizes.batches.len(),
                batches.len()
            ));
        }
        let rdds = (batches.iter().zip(&sizes.batches).enumerate())
            .map(|(i, (records, sizes))| split(records, sizes, &format!("RDD {i}")))
            .collect::<Result<_, _>>()?;
        let default = match (default, &sizes.default) {
            (None, None) => None,
            (None, Some(_)) => {
                return Err("partitionSizes has a default but the queue has none".into())
            }
            (Some(records), None) => Some(Batch::parallelize(records.to_vec(), parallelism)),
            (Some(records), Some(sizes)) => Some(split(records, sizes, "the default RDD")?),
        };
        Ok(QueueStream::of_rdds(rdds, one_at_a_time, default))
    }

    /// The [`OpSpec::QueueStream`] of a queue of `rdds` (the Python front end's
    /// `ssc.queueStream`): their records, and their partition sizes when some RDD is not
    /// split as `sc.parallelize(records, parallelism)` would split it, so that pipelines of
    /// parallelized lists stay as they always were.
    ///
    /// ```
    /// use eddy_core::ops::QueueStream;
    /// use eddy_core::{Batch, OpSpec, Value};
    /// let list = Batch::parallelize(vec![Value::Int(1), Value::Int(2), Value::Int(3)], 2);
    /// let OpSpec::QueueStream { partition_sizes, .. } =
    ///     QueueStream::spec(&[list.clone()], true, None, 2) else { unreachable!() };
    /// assert_eq!(partition_sizes, None);
    /// let one = Batch::single(list.records().cloned().collect());
    /// let OpSpec::QueueStream { partition_sizes, .. } =
    ///     QueueStream::spec(&[list, one], true, None, 2) else { unreachable!() };
    /// assert_eq!(partition_sizes.unwrap().batches, [vec![1, 2], vec![3]]);
    /// ```
    pub fn spec(
        rdds: &[Batch],
        one_at_a_time: bool,
        default: Option<&Batch>,
        parallelism: usize,
    ) -> OpSpec {
        let records = |b: &Batch| b.records().cloned().collect::<Vec<Value>>();
        let sizes = |b: &Batch| b.partitions.iter().map(Vec::len).collect::<Vec<_>>();
        let as_parallelized =
            |b: &Batch| Batch::parallelize(records(b), parallelism).partitions == b.partitions;
        let partition_sizes =
            (!rdds.iter().chain(default).all(as_parallelized)).then(|| QueuePartitionSizes {
                batches: rdds.iter().map(sizes).collect(),
                default: default.filter(|d| !as_parallelized(d)).map(sizes),
            });
        OpSpec::QueueStream {
            batches: rdds.iter().map(records).collect(),
            one_at_a_time,
            default: default.map(records),
            partition_sizes,
        }
    }
}

/// `records` cut into partitions of `sizes`.
fn split(records: &[Value], sizes: &[usize], what: &str) -> Result<Batch, String> {
    let total: usize = sizes.iter().sum();
    if total != records.len() {
        return Err(format!(
            "the partition sizes of {what} add up to {total}, but it has {} record(s)",
            records.len()
        ));
    }
    let mut rest = records;
    let partitions = sizes
        .iter()
        .map(|&n| {
            let (part, tail) = rest.split_at(n);
            rest = tail;
            part.to_vec()
        })
        .collect();
    Ok(Batch { partitions })
}

impl Operator for QueueStream {
    fn compute(
        &mut self,
        _time: BatchTime,
        _inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        // Spark's `QueueInputDStream.compute`: one RDD, or a `UnionRDD` of all queued ones.
        let taken = if self.one_at_a_time {
            self.queue.pop_front()
        } else if self.queue.is_empty() {
            None
        } else {
            let partitions = self.queue.drain(..).flat_map(|b| b.partitions).collect();
            Some(Batch { partitions })
        };
        // PySpark never passes Spark's `defaultRDD = null` (which would give an `EmptyRDD`
        // without partitions): `jssc.queueStream(queue, oneAtATime)` takes Scala's default,
        // `sc.makeRDD(Seq.empty, 1)`, so `glom()` shows one empty partition and `count()` 0.
        let batch = taken
            .or_else(|| self.default.clone())
            .unwrap_or_else(|| Batch::single(Vec::new()));
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

    fn queue_of(spec: &OpSpec) -> QueueStream {
        let OpSpec::QueueStream {
            batches,
            one_at_a_time,
            default,
            partition_sizes,
        } = spec
        else {
            panic!("not a queue: {spec:?}")
        };
        QueueStream::from_spec(
            batches,
            *one_at_a_time,
            default.as_deref(),
            partition_sizes.as_ref(),
            2,
        )
        .unwrap()
    }

    /// `sc.parallelize(range(n))`: PySpark's even split of a range over 2 slices.
    fn even_range(n: i64) -> Batch {
        Batch {
            partitions: vec![
                (0..n / 2).map(Value::Int).collect(),
                (n / 2..n).map(Value::Int).collect(),
            ],
        }
    }

    fn sizes(partitions: &[Vec<Value>]) -> Vec<usize> {
        partitions.iter().map(Vec::len).collect()
    }

    #[test]
    fn one_at_a_time_hands_out_items_in_order_then_one_empty_partition() {
        let mut q = QueueStream::new(vec![ints(&[1, 2, 3]), ints(&[4])], true, None, 2);
        assert_eq!(run(&mut q), [ints(&[1]), ints(&[2, 3])]);
        assert_eq!(run(&mut q), [ints(&[]), ints(&[4])]);
        assert_eq!(run(&mut q), [ints(&[])]);
        assert_eq!(run(&mut q), [ints(&[])]);
    }

    #[test]
    fn all_at_once_unions_everything_queued_keeping_each_rdds_partitions() {
        let mut q = QueueStream::new(
            vec![ints(&[1, 2]), ints(&[3]), ints(&[4, 5, 6])],
            false,
            None,
            2,
        );
        assert_eq!(
            run(&mut q),
            [
                ints(&[1]),
                ints(&[2]),
                ints(&[]),
                ints(&[3]),
                ints(&[4]),
                ints(&[5, 6])
            ]
        );
    }

    #[test]
    fn a_drained_all_at_once_queue_gives_one_empty_partition_every_batch() {
        let mut q = QueueStream::new(vec![ints(&[1, 2])], false, None, 2);
        run(&mut q);
        assert_eq!(run(&mut q), [ints(&[])]);
        assert_eq!(run(&mut q), [ints(&[])]);
    }

    #[test]
    fn an_all_at_once_queue_with_nothing_queued_gives_the_default() {
        let mut q = QueueStream::new(vec![], false, Some(ints(&[7])), 2);
        assert_eq!(run(&mut q), [ints(&[]), ints(&[7])]);
    }

    #[test]
    fn a_drained_queue_gives_the_default() {
        let mut q = QueueStream::new(vec![], true, Some(ints(&[7, 8])), 2);
        assert_eq!(run(&mut q), [ints(&[7]), ints(&[8])]);
        assert_eq!(run(&mut q), [ints(&[7]), ints(&[8])]);
    }

    #[test]
    fn a_queued_rdd_keeps_its_partitions() {
        let mut q = QueueStream::of_rdds(vec![even_range(5000)], true, None);
        assert_eq!(sizes(&run(&mut q)), [2500, 2500]);
    }

    #[test]
    fn a_spec_without_partition_sizes_parallelizes_each_rdd_as_before() {
        let json = serde_json::json!({
            "op": "queueStream",
            "batches": [ints(&[0, 1, 2])],
            "default": ints(&[9]),
        });
        let spec: OpSpec = serde_json::from_value(json).unwrap();
        let mut q = queue_of(&spec);
        assert_eq!(run(&mut q), [ints(&[0]), ints(&[1, 2])]);
        assert_eq!(run(&mut q), [ints(&[]), ints(&[9])]);
    }

    #[test]
    fn a_spec_of_parallelized_lists_has_no_partition_sizes() {
        let lists = [
            Batch::parallelize(ints(&[1, 2, 3]), 2),
            Batch::parallelize(vec![], 2),
        ];
        let spec = QueueStream::spec(&lists, true, None, 2);
        let json = serde_json::to_value(&spec).unwrap();
        assert_eq!(json["batches"], serde_json::json!([ints(&[1, 2, 3]), []]));
        assert!(json.get("partitionSizes").is_none(), "{json}");
    }

    #[test]
    fn partition_sizes_survive_json_and_rebuild_the_same_partitions() {
        let big: Vec<Value> = (0..5000).map(Value::Int).collect();
        let rdds = [Batch::parallelize(big, 2), even_range(5000)];
        let default = Batch::single(ints(&[1, 2, 3]));
        let spec = QueueStream::spec(&rdds, true, Some(&default), 2);
        let json = serde_json::to_string(&spec).unwrap();
        assert!(
            json.contains(
                r#""partitionSizes":{"batches":[[2048,2952],[2500,2500]],"default":[3]}"#
            ),
            "{json}"
        );
        let back: OpSpec = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spec);
        let mut q = queue_of(&back);
        assert_eq!(sizes(&run(&mut q)), [2048, 2952]);
        assert_eq!(run(&mut q), even_range(5000).partitions);
        assert_eq!(run(&mut q), [ints(&[1, 2, 3])]);
    }

    #[test]
    fn partition_sizes_that_do_not_fit_the_records_are_refused() {
        let sizes = QueuePartitionSizes {
            batches: vec![vec![1, 1]],
            default: None,
        };
        let err =
            QueueStream::from_spec(&[ints(&[1, 2, 3])], true, None, Some(&sizes), 2).unwrap_err();
        assert!(err.contains("add up to 2, but it has 3"), "{err}");
        let err = QueueStream::from_spec(&[], true, None, Some(&sizes), 2).unwrap_err();
        assert!(err.contains("lists 1 RDD(s) but the queue has 0"), "{err}");
    }
}

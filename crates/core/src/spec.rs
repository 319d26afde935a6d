//! The pipeline description: the one serde contract shared by the UI's operator picker, the
//! Python front end, the CLI, the exporter and the tests.

use std::fmt;
use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::func::FuncSpec;
use crate::ops::JoinKind;
use crate::{Duration, Value};

/// A node of the pipeline DAG, by its position in [`PipelineSpec::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A whole streaming program: sources, operators and output operations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PipelineSpec {
    /// The batch interval of the `StreamingContext`.
    pub batch_interval: Duration,
    /// `sc.defaultParallelism`: 2 for `local[2]`.
    #[serde(default = "default_parallelism")]
    pub parallelism: usize,
    /// `ssc.checkpoint(directory)`, which stateful operations require.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint_dir: Option<String>,
    /// Nodes in creation order; a node's inputs come before it. Output operations run in
    /// this order within a batch (SEMANTICS A4).
    pub nodes: Vec<NodeSpec>,
}

fn default_parallelism() -> usize {
    2
}

/// One operator with its inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeSpec {
    /// Upstream nodes, in the order the operation takes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<NodeId>,
    /// What the node does.
    #[serde(flatten)]
    pub op: OpSpec,
}

impl NodeSpec {
    /// The node doing `op` on the streams of the nodes at positions `inputs`.
    pub fn new(inputs: &[u32], op: OpSpec) -> Self {
        NodeSpec {
            inputs: inputs.iter().copied().map(NodeId).collect(),
            op,
        }
    }
}

/// The operations, named as in PySpark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum OpSpec {
    /// `ssc.queueStream(rdds, oneAtATime, default)`. A queued RDD keeps its partitions: each
    /// item is `sc.parallelize(list)` split as PySpark splits a list (SEMANTICS E1), unless
    /// `partitionSizes` says how it is split (an RDD made another way, such as
    /// `sc.parallelize(range(n))`, which PySpark splits evenly).
    #[serde(rename_all = "camelCase")]
    QueueStream {
        /// The queued RDDs' records, in partition order.
        batches: Vec<Vec<Value>>,
        /// Hand out one RDD per computed batch (`True`, PySpark's default) or all at once.
        #[serde(default = "yes")]
        one_at_a_time: bool,
        /// What a drained queue gives (`default=`). Without it, PySpark's queue gives an
        /// empty RDD of one partition (`sc.makeRDD(Seq.empty, 1)`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<Vec<Value>>,
        /// How the RDDs are split into partitions, when not as `sc.parallelize(records)`
        /// splits them. Absent (as in pipelines written before it existed): every RDD is
        /// `sc.parallelize(records)` with the pipeline's parallelism.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partition_sizes: Option<QueuePartitionSizes>,
    },
    /// `stream.map(f)`.
    Map {
        /// Applied to each record.
        func: FuncSpec,
    },
    /// `stream.flatMap(f)`.
    FlatMap {
        /// Returns an iterable per record.
        func: FuncSpec,
    },
    /// `stream.filter(f)`.
    Filter {
        /// Keeps records for which it is truthy.
        func: FuncSpec,
    },
    /// `stream.mapValues(f)`.
    MapValues {
        /// Applied to each value.
        func: FuncSpec,
    },
    /// `stream.flatMapValues(f)`.
    FlatMapValues {
        /// Returns an iterable per value.
        func: FuncSpec,
    },
    /// `stream.glom()`.
    Glom,
    /// `stream.union(other)` or `ssc.union(*streams)`: two or more inputs.
    Union,
    /// `stream.repartition(numPartitions)`.
    #[serde(rename_all = "camelCase")]
    Repartition {
        /// How many partitions.
        num_partitions: usize,
    },
    /// `stream.window(windowDuration, slideDuration)`.
    #[serde(rename_all = "camelCase")]
    Window {
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
    },
    /// `stream.reduceByKeyAndWindow(func, invFunc, windowDuration, slideDuration,
    /// numPartitions, filterFunc)`.
    #[serde(rename_all = "camelCase")]
    ReduceByKeyAndWindow {
        /// The reducing function.
        func: FuncSpec,
        /// Its inverse, which enables the incremental path.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inv_func: Option<FuncSpec>,
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
        /// Keeps the `(key, value)` pairs of each window result for which it is truthy.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filter_func: Option<FuncSpec>,
    },
    /// `stream.reduceByWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration)`.
    #[serde(rename_all = "camelCase")]
    ReduceByWindow {
        /// The reducing function.
        func: FuncSpec,
        /// Its inverse, which enables the incremental path.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inv_func: Option<FuncSpec>,
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
    },
    /// `stream.countByWindow(windowDuration, slideDuration)`.
    #[serde(rename_all = "camelCase")]
    CountByWindow {
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
    },
    /// `stream.countByValueAndWindow(windowDuration, slideDuration, numPartitions)`.
    #[serde(rename_all = "camelCase")]
    CountByValueAndWindow {
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.groupByKeyAndWindow(windowDuration, slideDuration, numPartitions)`.
    #[serde(rename_all = "camelCase")]
    GroupByKeyAndWindow {
        /// How much time each window covers.
        window_duration: Duration,
        /// How often a window is emitted; the parent's slide when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        slide_duration: Option<Duration>,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.updateStateByKey(updateFunc, numPartitions, initialRDD)`.
    #[serde(rename_all = "camelCase")]
    UpdateStateByKey {
        /// `updateFunc(new_values, old_state)`; `None` deletes the key.
        func: FuncSpec,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
        /// The records of `initialRDD`: `(key, state)` pairs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        initial: Option<Vec<Value>>,
    },
    /// `left.join(right)` and the outer joins: two keyed inputs.
    #[serde(rename_all = "camelCase")]
    Join {
        /// Inner, left, right or full outer.
        kind: JoinKind,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.cogroup(other)`: two keyed inputs.
    #[serde(rename_all = "camelCase")]
    Cogroup {
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.reduce(f)`.
    Reduce {
        /// The reducing function.
        func: FuncSpec,
    },
    /// `stream.count()`.
    Count,
    /// `stream.countByValue()`.
    CountByValue,
    /// `stream.reduceByKey(f, numPartitions)`.
    #[serde(rename_all = "camelCase")]
    ReduceByKey {
        /// The reducing function.
        func: FuncSpec,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.groupByKey(numPartitions)`.
    #[serde(rename_all = "camelCase")]
    GroupByKey {
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.pprint(num)`.
    Pprint {
        /// How many records to print before `...`.
        #[serde(default = "ten")]
        num: usize,
    },
    /// `stream.mapPartitions(f)`: `f(records of one partition)` returns an iterable.
    MapPartitions {
        /// Called once per partition with the partition's records as a list.
        func: FuncSpec,
    },
    /// `stream.mapPartitionsWithIndex(f)`: `f(index, records)` returns an iterable.
    MapPartitionsWithIndex {
        /// Called once per partition with its index and its records as a list.
        func: FuncSpec,
    },
    /// `stream.partitionBy(numPartitions, partitionFunc=portable_hash)`.
    #[serde(rename_all = "camelCase")]
    PartitionBy {
        /// How many partitions.
        num_partitions: usize,
        /// Maps a key to an int; the partition is that int modulo `numPartitions`.
        /// PySpark's `portable_hash` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partition_func: Option<FuncSpec>,
    },
    /// `stream.combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions)`.
    #[serde(rename_all = "camelCase")]
    CombineByKey {
        /// The combiner for a key's first value in a partition.
        create_combiner: FuncSpec,
        /// Adds a value to a combiner.
        merge_value: FuncSpec,
        /// Merges two combiners of one key from different partitions.
        merge_combiners: FuncSpec,
        /// Output partitions; `sc.defaultParallelism` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        num_partitions: Option<usize>,
    },
    /// `stream.transform(func)`: `func(rdd)` or `func(time, rdd)` returns the new RDD.
    Transform {
        /// A driver-side function over whole RDDs.
        func: FuncSpec,
    },
    /// `stream.transformWith(func, other)`: `func(rdd, other_rdd)` (or with the time first)
    /// returns the new RDD. Inputs: this stream, then `other`.
    TransformWith {
        /// A driver-side function over whole RDDs.
        func: FuncSpec,
    },
    /// `stream.foreachRDD(func)`: an output operation calling `func(rdd)` or
    /// `func(time, rdd)` each batch.
    #[serde(rename = "foreachRDD")]
    ForeachRdd {
        /// A driver-side function over whole RDDs.
        func: FuncSpec,
    },
    /// `stream.saveAsTextFiles(prefix, suffix)`: an output operation writing the directory
    /// `prefix-<time in ms>[.suffix]` every batch into the engine's file system.
    SaveAsTextFiles {
        /// The directory name before `-<time>`.
        prefix: String,
        /// Appended as `.suffix` when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        suffix: Option<String>,
    },
    /// `ssc.textFileStream(directory)`: the lines of the files added to `directory` of the
    /// engine's file system since the previous batch.
    TextFileStream {
        /// The watched directory.
        directory: String,
    },
    /// A source of Spark-in-Action order lines (`2016-03-22 20:25:28,1,80,EPE,710,51.00,B`),
    /// generated from a seed: Eddy's stand-in for the book's socket or file feed.
    OrderGenerator {
        /// Lines per batch.
        rate: usize,
        /// The generator's seed: the same seed gives the same lines.
        seed: u64,
    },
    /// `model.trainOn(stream)`: an output operation whose job updates the streaming model
    /// with each batch (SEMANTICS G1, G3).
    TrainOn {
        /// Which model: the nodes naming the same id share one model.
        model: u32,
        /// The algorithm, its parameters and its initial model (the same in each node).
        algorithm: crate::ml::StreamingModel,
    },
    /// `model.predictOn(stream)`: each record becomes the model's prediction for it, with
    /// the model as it is when the batch is generated (SEMANTICS G2).
    PredictOn {
        /// Which model.
        model: u32,
        /// The algorithm, its parameters and its initial model.
        algorithm: crate::ml::StreamingModel,
    },
    /// `model.predictOnValues(stream)`: `(k, x)` becomes `(k, prediction)`.
    PredictOnValues {
        /// Which model.
        model: u32,
        /// The algorithm, its parameters and its initial model.
        algorithm: crate::ml::StreamingModel,
    },
}

/// The partition sizes of a queue's RDDs ([`OpSpec::QueueStream`]): the records of each RDD
/// are cut, in order, into partitions of these sizes.
///
/// ```
/// use eddy_core::spec::QueuePartitionSizes;
/// let sizes: QueuePartitionSizes =
///     serde_json::from_str(r#"{"batches": [[2500, 2500]], "default": [0]}"#).unwrap();
/// assert_eq!(sizes.batches, [vec![2500, 2500]]);
/// assert_eq!(sizes.default, Some(vec![0]));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePartitionSizes {
    /// One list of partition sizes per queued RDD, in queue order.
    pub batches: Vec<Vec<usize>>,
    /// The default RDD's partition sizes; split as `sc.parallelize(records)` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Vec<usize>>,
}

fn yes() -> bool {
    true
}

fn ten() -> usize {
    10
}

impl OpSpec {
    /// Spark's name of the operation, as errors and the UI show it.
    pub fn name(&self) -> &'static str {
        match self {
            OpSpec::QueueStream { .. } => "queueStream",
            OpSpec::Map { .. } => "map",
            OpSpec::FlatMap { .. } => "flatMap",
            OpSpec::Filter { .. } => "filter",
            OpSpec::MapValues { .. } => "mapValues",
            OpSpec::FlatMapValues { .. } => "flatMapValues",
            OpSpec::Glom => "glom",
            OpSpec::Union => "union",
            OpSpec::Repartition { .. } => "repartition",
            OpSpec::Window { .. } => "window",
            OpSpec::ReduceByKeyAndWindow { .. } => "reduceByKeyAndWindow",
            OpSpec::ReduceByWindow { .. } => "reduceByWindow",
            OpSpec::CountByWindow { .. } => "countByWindow",
            OpSpec::CountByValueAndWindow { .. } => "countByValueAndWindow",
            OpSpec::GroupByKeyAndWindow { .. } => "groupByKeyAndWindow",
            OpSpec::UpdateStateByKey { .. } => "updateStateByKey",
            OpSpec::Join { kind, .. } => kind.name(),
            OpSpec::Cogroup { .. } => "cogroup",
            OpSpec::Reduce { .. } => "reduce",
            OpSpec::Count => "count",
            OpSpec::CountByValue => "countByValue",
            OpSpec::ReduceByKey { .. } => "reduceByKey",
            OpSpec::GroupByKey { .. } => "groupByKey",
            OpSpec::Pprint { .. } => "pprint",
            OpSpec::MapPartitions { .. } => "mapPartitions",
            OpSpec::MapPartitionsWithIndex { .. } => "mapPartitionsWithIndex",
            OpSpec::PartitionBy { .. } => "partitionBy",
            OpSpec::CombineByKey { .. } => "combineByKey",
            OpSpec::Transform { .. } => "transform",
            OpSpec::TransformWith { .. } => "transformWith",
            OpSpec::ForeachRdd { .. } => "foreachRDD",
            OpSpec::SaveAsTextFiles { .. } => "saveAsTextFiles",
            OpSpec::TextFileStream { .. } => "textFileStream",
            OpSpec::OrderGenerator { .. } => "orderGenerator",
            OpSpec::TrainOn { .. } => "trainOn",
            OpSpec::PredictOn { .. } => "predictOn",
            OpSpec::PredictOnValues { .. } => "predictOnValues",
        }
    }

    /// How many input streams the operation takes.
    pub fn arity(&self) -> RangeInclusive<usize> {
        match self {
            OpSpec::QueueStream { .. }
            | OpSpec::TextFileStream { .. }
            | OpSpec::OrderGenerator { .. } => 0..=0,
            OpSpec::Union => 2..=usize::MAX,
            OpSpec::Join { .. } | OpSpec::Cogroup { .. } | OpSpec::TransformWith { .. } => 2..=2,
            _ => 1..=1,
        }
    }

    /// How often the operation's stream has an RDD (Spark's `slideDuration`), given the batch
    /// interval and its inputs' slides; checks Spark's rules for windows and unions.
    pub fn slide(&self, interval: Duration, inputs: &[Duration]) -> Result<Duration, String> {
        let parent = inputs.first().copied().unwrap_or(interval);
        match self {
            OpSpec::QueueStream { .. }
            | OpSpec::TextFileStream { .. }
            | OpSpec::OrderGenerator { .. } => Ok(interval),
            OpSpec::TransformWith { .. } => {
                if inputs.iter().any(|d| *d != parent) {
                    return Err(
                        "ValueError: the two DStream should have same slide duration".into(),
                    );
                }
                Ok(parent)
            }
            OpSpec::Window {
                window_duration,
                slide_duration,
            }
            | OpSpec::ReduceByKeyAndWindow {
                window_duration,
                slide_duration,
                ..
            }
            | OpSpec::ReduceByWindow {
                window_duration,
                slide_duration,
                ..
            }
            | OpSpec::CountByWindow {
                window_duration,
                slide_duration,
            }
            | OpSpec::CountByValueAndWindow {
                window_duration,
                slide_duration,
                ..
            }
            | OpSpec::GroupByKeyAndWindow {
                window_duration,
                slide_duration,
                ..
            } => {
                let slide = slide_duration.unwrap_or(parent);
                for (what, d) in [("window", window_duration), ("slide", &slide)] {
                    if !d.is_multiple_of(parent) {
                        return Err(format!(
                            "The {what} duration of windowed DStream ({d}) must be a multiple \
                             of the slide duration of parent DStream ({parent})"
                        ));
                    }
                }
                Ok(slide)
            }
            OpSpec::Union | OpSpec::Join { .. } | OpSpec::Cogroup { .. } => {
                if inputs.iter().any(|d| *d != parent) {
                    return Err("Some of the DStreams have different slide durations".into());
                }
                Ok(parent)
            }
            _ => Ok(parent),
        }
    }

    /// Whether Spark requires a checkpoint directory for this operation (`mustCheckpoint`):
    /// state, and windows with an inverse function.
    pub fn must_checkpoint(&self) -> bool {
        matches!(
            self,
            OpSpec::UpdateStateByKey { .. }
                | OpSpec::ReduceByKeyAndWindow {
                    inv_func: Some(_),
                    ..
                }
                | OpSpec::ReduceByWindow {
                    inv_func: Some(_),
                    ..
                }
                | OpSpec::CountByWindow { .. }
                | OpSpec::CountByValueAndWindow { .. }
                | OpSpec::GroupByKeyAndWindow { .. }
        )
    }

    /// Whether this is an output operation, run as a job each batch.
    pub fn is_output(&self) -> bool {
        matches!(
            self,
            OpSpec::Pprint { .. }
                | OpSpec::ForeachRdd { .. }
                | OpSpec::SaveAsTextFiles { .. }
                | OpSpec::TrainOn { .. }
        )
    }
}

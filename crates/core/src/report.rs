//! What the engine tells the UI, CLI and tests about each batch.

use serde::{Deserialize, Serialize};

use crate::spec::NodeId;
use crate::{Batch, BatchTime, EngineError, Value};

/// The result of running one batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepReport {
    /// 0-based batch index.
    pub index: u64,
    /// The batch's logical time.
    pub time: BatchTime,
    /// Everything printed while the batch ran, in order, each line ending in `\n`: exactly
    /// what PySpark prints to stdout for this batch.
    pub console: String,
    /// Records each node produced for this batch, by node; `None` where the node had no RDD
    /// at this time or was not computed.
    pub records: Vec<Option<usize>>,
    /// Windows computed this batch: what each covered and which path it took.
    pub windows: Vec<(NodeId, WindowInfo)>,
    /// Output operations that failed for this batch (the stream goes on).
    #[serde(default)]
    pub errors: Vec<EngineError>,
    /// The state of each stateful node (`updateStateByKey`) computed this batch: a bounded
    /// view for the UI.
    #[serde(default)]
    pub states: Vec<(NodeId, StateView)>,
    /// Every streaming model after this batch (SEMANTICS G), with what its `trainOn` jobs
    /// did in it.
    #[serde(default)]
    pub models: Vec<ModelReport>,
    /// Which output job printed which part of `console` (the lines printed while RDDs were
    /// generated, by `transform` bodies, belong to none): the UI's per-output CSV.
    #[serde(default)]
    pub printed: Vec<Printed>,
    /// Windows computed on the incremental path this batch: the keys whose value sits at
    /// zero (SEMANTICS C2: the inverse function took their values out, and without a
    /// `filterFunc` the key stays).
    #[serde(default)]
    pub zero_keys: Vec<(NodeId, ZeroKeys)>,
    /// How long the batch took, by node and output job: only when the host gave the engine a
    /// clock ([`Engine::set_clock`](crate::Engine::set_clock)), so that reports stay
    /// deterministic (equal run to run) without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
}

/// Keys of a window's result whose value is zero: an `int` 0, or a float within `1e-9` of
/// it (the inverse path leaves residues such as `1.1102230246251565e-16`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZeroKeys {
    /// How many keys sit at zero.
    pub count: usize,
    /// `repr` of the first [`StateView::MAX_KEYS`] of them, in the result's order.
    pub keys: Vec<String>,
}

impl ZeroKeys {
    /// The `(key, value)` records of `batch` whose value is zero; `None` if there are none.
    pub fn of(batch: &Batch) -> Option<ZeroKeys> {
        let mut z = ZeroKeys::default();
        for record in batch.records() {
            let Value::Tuple(kv) = record else { continue };
            let [k, v] = &kv[..] else { continue };
            let zero = match v {
                Value::Int(0) => true,
                Value::Float(f) | Value::NpFloat(f) => f.abs() <= 1e-9,
                _ => false,
            };
            if zero {
                z.count += 1;
                if z.keys.len() < StateView::MAX_KEYS {
                    z.keys.push(k.repr());
                }
            }
        }
        (z.count > 0).then_some(z)
    }
}

/// The part of a batch's `console` that one output job printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Printed {
    /// The output node (`pprint`, `foreachRDD`, …).
    pub node: NodeId,
    /// The lines it printed: `console[start..end]` (bytes), each line ending in `\n`.
    pub start: usize,
    /// End of its lines in `console` (bytes, exclusive).
    pub end: usize,
}

impl StepReport {
    /// The state view of a stateful node after this batch, if it computed one.
    pub fn state_of(&self, node: NodeId) -> Option<&StateView> {
        self.states.iter().find(|(n, _)| *n == node).map(|(_, s)| s)
    }

    /// Records the node produced this batch, if it produced an RDD.
    pub fn records_of(&self, node: NodeId) -> Option<usize> {
        self.records.get(node.0 as usize).copied().flatten()
    }
}

/// Where a batch's time went, in milliseconds of the host's clock. Bounded by the pipeline:
/// one entry per node that computed and per output job that ran.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timings {
    /// The whole batch: generating its RDDs, running its jobs and making this report.
    pub total_ms: f64,
    /// Each node that computed this batch, in node order: the time in its own computation
    /// (not its inputs'), summed over the times it computed (a window may compute an input's
    /// RDD for several times in one batch).
    pub nodes: Vec<NodeTiming>,
    /// Each output job that ran this batch, in the order it ran (registration order).
    pub outputs: Vec<NodeTiming>,
}

impl Timings {
    /// The time of `node` (a stream's computation or an output's job), if it ran this batch.
    pub fn of(&self, node: NodeId) -> Option<f64> {
        (self.nodes.iter().chain(&self.outputs))
            .find(|t| t.node == node)
            .map(|t| t.ms)
    }
}

/// The time one node took in a batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeTiming {
    /// The node.
    pub node: NodeId,
    /// Milliseconds.
    pub ms: f64,
    /// How many computations (or jobs) the time sums: 1 for most nodes.
    pub runs: u32,
}

/// How a windowed operator computed its window at one time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowInfo {
    /// The window's time.
    pub time: BatchTime,
    /// The input batch times the window covers, oldest first.
    pub covers: Vec<BatchTime>,
    /// How Spark computed it.
    pub path: WindowPath,
}

/// The two ways `reduceByKeyAndWindow` computes a window (SEMANTICS C2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WindowPath {
    /// Reduced again from the window's batches (also every plain `window`).
    Recompute,
    /// The previous window, minus the batches that left (`invFunc`), plus those that entered.
    #[serde(rename_all = "camelCase")]
    Incremental {
        /// Batch times that left the window.
        left: Vec<BatchTime>,
        /// Batch times that entered it.
        entered: Vec<BatchTime>,
    },
}

/// A bounded view of a keyed state after one batch: at most [`StateView::MAX_KEYS`] entries
/// in key order, and which keys the batch changed, added and deleted (each list bounded the
/// same way; the counts are exact).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateView {
    /// `(repr(key), repr(state))` for the first keys in Python's order (keys of types Python
    /// cannot order among themselves fall back to the order of their type names, then reprs).
    pub entries: Vec<(String, String)>,
    /// How many keys the state holds.
    pub total: usize,
    /// `repr` of keys that existed before and whose state changed value, in key order.
    pub changed: Vec<String>,
    /// How many keys changed value.
    pub changed_count: usize,
    /// `repr` of keys new in the state this batch, in key order.
    pub added: Vec<String>,
    /// How many keys are new.
    pub added_count: usize,
    /// `repr` of keys removed this batch (the update function returned `None`), in key order.
    pub deleted: Vec<String>,
    /// How many keys were removed.
    pub deleted_count: usize,
}

impl StateView {
    /// The most entries (and keys per change list) a view holds.
    pub const MAX_KEYS: usize = 200;
}

/// A streaming model after one batch: what a UI charts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelReport {
    /// The model's id in the pipeline.
    pub model: u32,
    /// PySpark's class: `StreamingLinearRegressionWithSGD`, `StreamingLogisticRegressionWithSGD`
    /// or `StreamingKMeans`.
    pub algorithm: String,
    /// Linear models: the weights after the batch.
    pub weights: Vec<f64>,
    /// Linear models: the intercept (always 0.0 in streaming, SEMANTICS G1).
    pub intercept: f64,
    /// K-means: the centres after the batch.
    pub centers: Vec<Vec<f64>>,
    /// K-means: the cluster weights after the batch.
    pub cluster_weights: Vec<f64>,
    /// What training did this batch; `None` if no `trainOn` job trained it (no RDD, or an
    /// empty batch for the linear models).
    pub training: Option<Training>,
}

/// What one batch of training did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Training {
    /// Points in the batch.
    pub points: usize,
    /// SGD: the loss of each iteration (`lossSum / miniBatchSize + regVal`, with the weights
    /// before the step).
    pub loss: Vec<f64>,
    /// SGD: iterations run, at most `numIterations`.
    pub iterations: usize,
    /// SGD: whether it stopped early because the weights moved less than `convergenceTol`.
    pub converged: bool,
    /// K-means: the points assigned to each cluster.
    pub assigned: Vec<u64>,
    /// K-means: the factor every cluster weight was multiplied by.
    pub discount: f64,
    /// K-means: `(smallest, largest)` when a dying cluster took half of the largest.
    pub split: Option<(usize, usize)>,
    /// Linear regression: the mean squared error of the model *before* this batch's update
    /// on the batch's own points, `mean((w·x - y)²)` over all of them — what
    /// `predictOnValues` of the training stream would have scored (test, then train).
    /// Spark's streaming regression reports no error of its own; this is the honest one Eddy
    /// can give without a test set. `None` for the other algorithms.
    #[serde(default)]
    pub mse: Option<f64>,
    /// K-means: the features' dimension (the points shown are its first two coordinates).
    #[serde(default)]
    pub dims: usize,
    /// K-means: the first [`Training::MAX_SAMPLE`] points of the batch (partition order),
    /// their first two coordinates (`0.0` for a missing one), for a scatter.
    #[serde(default)]
    pub sample: Vec<[f64; 2]>,
    /// K-means: the cluster each sampled point was assigned to (by the centres before the
    /// update, as Spark assigns them).
    #[serde(default)]
    pub sample_clusters: Vec<u32>,
}

impl Training {
    /// The most points a k-means report samples per batch.
    pub const MAX_SAMPLE: usize = 500;
}

//! What the engine tells the UI, CLI and tests about each batch.

use serde::{Deserialize, Serialize};

use crate::spec::NodeId;
use crate::{BatchTime, EngineError};

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
    #[serde(skip)]
    pub errors: Vec<EngineError>,
}

impl StepReport {
    /// Records the node produced this batch, if it produced an RDD.
    pub fn records_of(&self, node: NodeId) -> Option<usize> {
        self.records.get(node.0 as usize).copied().flatten()
    }
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

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

//! Engine errors: each says which operator and, at run time, which batch.

use serde::{Deserialize, Serialize};

use crate::spec::NodeId;

/// An error of the engine layer. `Clone + PartialEq` so the UI can keep and show it.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum EngineError {
    /// The pipeline description is not valid (checked once, before the first batch).
    #[error("{operator} (node {node}): {message}")]
    InvalidPipeline {
        /// The node that is wrong.
        node: NodeId,
        /// Spark's name of its operation.
        operator: String,
        /// What is wrong.
        message: String,
    },
    /// A user function failed while computing a batch. Only the outputs that need this
    /// operator fail for that batch; the stream goes on (SEMANTICS I).
    #[error("batch {batch}, {operator} (node {node}): {message}")]
    UserFunction {
        /// The node whose function failed.
        node: NodeId,
        /// Spark's name of its operation.
        operator: String,
        /// The 0-based batch index.
        batch: u64,
        /// The Python exception, as Python prints it.
        message: String,
    },
}

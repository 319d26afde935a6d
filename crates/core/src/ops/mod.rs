//! One file per DStream operation. [`build`] turns a node's [`OpSpec`] into its runtime form.

mod count;
mod pprint;
mod queue_stream;
mod reduce;

pub use count::Count;
pub use pprint::Pprint;
pub use queue_stream::QueueStream;
pub use reduce::Reduce;

use crate::operator::{Operator, Output};
use crate::spec::OpSpec;

/// The runtime form of a node.
#[derive(Clone, Debug)]
pub enum Built {
    /// A stream: a source or a transformation.
    Stream(Box<dyn Operator>),
    /// An output operation.
    Output(Box<dyn Output>),
}

/// Builds the operator for `op`; `parallelism` is `sc.defaultParallelism`.
pub fn build(op: &OpSpec, parallelism: usize) -> Built {
    match op {
        OpSpec::QueueStream {
            batches,
            one_at_a_time,
            default,
        } => Built::Stream(Box::new(QueueStream::new(
            batches.clone(),
            *one_at_a_time,
            default.clone(),
            parallelism,
        ))),
        OpSpec::Reduce { func } => Built::Stream(Box::new(Reduce::new(func.clone()))),
        OpSpec::Count => Built::Stream(Box::new(Count)),
        OpSpec::Pprint { num } => Built::Output(Box::new(Pprint::new(*num))),
    }
}

//! One file per DStream operation. [`build`] turns a node's [`OpSpec`] into its runtime form.

mod count;
mod count_by_value;
mod filter;
mod flat_map;
mod flat_map_values;
mod glom;
mod group_by_key;
mod map;
mod map_values;
mod pprint;
mod queue_stream;
mod reduce;
mod reduce_by_key;
mod repartition;
mod union;

pub use count::Count;
pub use count_by_value::CountByValue;
pub use filter::Filter;
pub use flat_map::FlatMap;
pub use flat_map_values::FlatMapValues;
pub use glom::Glom;
pub use group_by_key::GroupByKey;
pub use map::Map;
pub use map_values::MapValues;
pub use pprint::Pprint;
pub use queue_stream::QueueStream;
pub use reduce::Reduce;
pub use reduce_by_key::ReduceByKey;
pub use repartition::Repartition;
pub use union::Union;

use crate::func::FuncResolver;
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

/// Builds the operator for `op`; `parallelism` is `sc.defaultParallelism`. Fails only when a
/// function cannot be resolved.
pub fn build(
    op: &OpSpec,
    parallelism: usize,
    resolver: &dyn FuncResolver,
) -> Result<Built, String> {
    let stream = |op: Box<dyn Operator>| Ok(Built::Stream(op));
    match op {
        OpSpec::QueueStream {
            batches,
            one_at_a_time,
            default,
        } => stream(Box::new(QueueStream::new(
            batches.clone(),
            *one_at_a_time,
            default.clone(),
            parallelism,
        ))),
        OpSpec::Map { func } => stream(Box::new(Map::new(resolver.resolve(func)?))),
        OpSpec::FlatMap { func } => stream(Box::new(FlatMap::new(resolver.resolve(func)?))),
        OpSpec::Filter { func } => stream(Box::new(Filter::new(resolver.resolve(func)?))),
        OpSpec::MapValues { func } => stream(Box::new(MapValues::new(resolver.resolve(func)?))),
        OpSpec::FlatMapValues { func } => {
            stream(Box::new(FlatMapValues::new(resolver.resolve(func)?)))
        }
        OpSpec::Glom => stream(Box::new(Glom)),
        OpSpec::Union => stream(Box::new(Union)),
        OpSpec::Repartition { num_partitions } => {
            stream(Box::new(Repartition::new(*num_partitions)))
        }
        OpSpec::Reduce { func } => stream(Box::new(Reduce::new(resolver.resolve(func)?))),
        OpSpec::Count => stream(Box::new(Count)),
        OpSpec::CountByValue => stream(Box::new(CountByValue::new(parallelism))),
        OpSpec::ReduceByKey {
            func,
            num_partitions,
        } => stream(Box::new(ReduceByKey::new(
            resolver.resolve(func)?,
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::GroupByKey { num_partitions } => stream(Box::new(GroupByKey::new(
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::Pprint { num } => Ok(Built::Output(Box::new(Pprint::new(*num)))),
    }
}

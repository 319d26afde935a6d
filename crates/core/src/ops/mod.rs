//! One file per DStream operation. [`build`] turns a node's [`OpSpec`] into its runtime form.

mod cogroup;
mod combine_by_key;
mod count;
mod count_by_value;
mod count_by_value_and_window;
mod count_by_window;
mod filter;
mod flat_map;
mod flat_map_values;
mod foreach_rdd;
mod glom;
mod group_by_key;
mod group_by_key_and_window;
mod join;
mod map;
mod map_partitions;
mod map_values;
mod order_generator;
mod partition_by;
mod pprint;
mod queue_stream;
mod reduce;
mod reduce_by_key;
mod reduce_by_key_and_window;
mod reduce_by_window;
mod repartition;
mod save_as_text_files;
mod text_file_stream;
mod transform;
mod transform_with;
mod union;
mod update_state_by_key;
mod window;

pub use cogroup::Cogroup;
pub use combine_by_key::CombineByKey;
pub use count::Count;
pub use count_by_value::CountByValue;
pub use count_by_value_and_window::count_by_value_and_window;
pub use count_by_window::count_by_window;
pub use filter::Filter;
pub use flat_map::FlatMap;
pub use flat_map_values::FlatMapValues;
pub use foreach_rdd::ForeachRdd;
pub use glom::Glom;
pub use group_by_key::GroupByKey;
pub use group_by_key_and_window::group_by_key_and_window;
pub use join::{Join, JoinKind};
pub use map::Map;
pub use map_partitions::MapPartitions;
pub use map_values::MapValues;
pub use order_generator::{OrderGenerator, SYMBOLS};
pub use partition_by::PartitionBy;
pub use pprint::Pprint;
pub use queue_stream::QueueStream;
pub use reduce::Reduce;
pub use reduce_by_key::ReduceByKey;
pub use reduce_by_key_and_window::{ReduceByKeyAndWindow, Windowing};
pub use reduce_by_window::reduce_by_window;
pub use repartition::Repartition;
pub use save_as_text_files::SaveAsTextFiles;
pub use text_file_stream::TextFileStream;
pub use transform::Transform;
pub use transform_with::TransformWith;
pub use union::Union;
pub use update_state_by_key::UpdateStateByKey;
pub use window::Window;

use crate::func::FuncResolver;
use crate::operator::{Operator, Output};
use crate::spec::OpSpec;
use crate::Duration;

/// The runtime form of a node.
#[derive(Clone, Debug)]
pub enum Built {
    /// A stream: a source or a transformation.
    Stream(Box<dyn Operator>),
    /// An output operation.
    Output(Box<dyn Output>),
}

/// What building an operator may need to know besides its description.
#[derive(Clone, Copy, Debug)]
pub struct BuildCx<'a> {
    /// `sc.defaultParallelism`.
    pub parallelism: usize,
    /// The batch interval.
    pub interval: Duration,
    /// The slide durations of the node's inputs.
    pub input_slides: &'a [Duration],
}

/// Builds the operator for `op`. Fails when a function cannot be resolved or a queue's
/// partition sizes do not fit its records.
pub fn build(op: &OpSpec, cx: BuildCx<'_>, resolver: &dyn FuncResolver) -> Result<Built, String> {
    let parallelism = cx.parallelism;
    let parent_slide = cx.input_slides.first().copied().unwrap_or(cx.interval);
    let windowing = |window, slide: Option<Duration>| Windowing {
        window,
        slide: slide.unwrap_or(parent_slide),
        parent_slide,
    };
    let stream = |op: Box<dyn Operator>| Ok(Built::Stream(op));
    match op {
        OpSpec::QueueStream {
            batches,
            one_at_a_time,
            default,
            partition_sizes,
        } => stream(Box::new(QueueStream::from_spec(
            batches,
            *one_at_a_time,
            default.as_deref(),
            partition_sizes.as_ref(),
            parallelism,
        )?)),
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
        OpSpec::Window {
            window_duration, ..
        } => stream(Box::new(Window::new(*window_duration, parent_slide))),
        OpSpec::ReduceByKeyAndWindow {
            func,
            inv_func,
            window_duration,
            slide_duration,
            num_partitions,
            filter_func,
        } => stream(Box::new(ReduceByKeyAndWindow::new(
            resolver.resolve(func)?,
            inv_func.as_ref().map(|f| resolver.resolve(f)).transpose()?,
            filter_func
                .as_ref()
                .map(|f| resolver.resolve(f))
                .transpose()?,
            *window_duration,
            slide_duration.unwrap_or(parent_slide),
            parent_slide,
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::UpdateStateByKey {
            func,
            num_partitions,
            initial,
        } => stream(Box::new(UpdateStateByKey::new(
            resolver.resolve(func)?,
            num_partitions.unwrap_or(parallelism),
            initial.clone(),
        ))),
        OpSpec::Join {
            kind,
            num_partitions,
        } => stream(Box::new(Join::new(
            *kind,
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::Cogroup { num_partitions } => stream(Box::new(Cogroup::new(
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::ReduceByWindow {
            func,
            inv_func,
            window_duration,
            slide_duration,
        } => stream(Box::new(reduce_by_window(
            resolver.resolve(func)?,
            inv_func.as_ref().map(|f| resolver.resolve(f)).transpose()?,
            windowing(*window_duration, *slide_duration),
        ))),
        OpSpec::CountByWindow {
            window_duration,
            slide_duration,
        } => stream(Box::new(count_by_window(windowing(
            *window_duration,
            *slide_duration,
        )))),
        OpSpec::CountByValueAndWindow {
            window_duration,
            slide_duration,
            num_partitions,
        } => stream(Box::new(count_by_value_and_window(
            windowing(*window_duration, *slide_duration),
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::GroupByKeyAndWindow {
            window_duration,
            slide_duration,
            num_partitions,
        } => stream(Box::new(group_by_key_and_window(
            windowing(*window_duration, *slide_duration),
            num_partitions.unwrap_or(parallelism),
        ))),
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
        OpSpec::MapPartitions { func } => {
            stream(Box::new(MapPartitions::new(resolver.resolve(func)?, false)))
        }
        OpSpec::MapPartitionsWithIndex { func } => {
            stream(Box::new(MapPartitions::new(resolver.resolve(func)?, true)))
        }
        OpSpec::PartitionBy {
            num_partitions,
            partition_func,
        } => stream(Box::new(PartitionBy::new(
            *num_partitions,
            partition_func
                .as_ref()
                .map(|f| resolver.resolve(f))
                .transpose()?,
        ))),
        OpSpec::CombineByKey {
            create_combiner,
            merge_value,
            merge_combiners,
            num_partitions,
        } => stream(Box::new(CombineByKey::new(
            resolver.resolve(create_combiner)?,
            resolver.resolve(merge_value)?,
            resolver.resolve(merge_combiners)?,
            num_partitions.unwrap_or(parallelism),
        ))),
        OpSpec::Transform { func } => stream(Box::new(Transform::new(resolver.resolve_rdd(func)?))),
        OpSpec::TransformWith { func } => {
            stream(Box::new(TransformWith::new(resolver.resolve_rdd(func)?)))
        }
        OpSpec::ForeachRdd { func } => Ok(Built::Output(Box::new(ForeachRdd::new(
            resolver.resolve_rdd(func)?,
        )))),
        OpSpec::SaveAsTextFiles { prefix, suffix } => Ok(Built::Output(Box::new(
            SaveAsTextFiles::new(prefix.clone(), suffix.clone()),
        ))),
        OpSpec::TextFileStream { directory } => stream(Box::new(TextFileStream::new(
            directory.clone(),
            parallelism,
        ))),
        OpSpec::OrderGenerator { rate, seed } => {
            stream(Box::new(OrderGenerator::new(*rate, *seed)))
        }
        OpSpec::TrainOn { model, algorithm } => Ok(Built::Output(Box::new(
            crate::ml::TrainOn::new(*model, algorithm.clone()),
        ))),
        OpSpec::PredictOn { model, algorithm } => stream(Box::new(crate::ml::PredictOn::new(
            *model,
            algorithm.clone(),
            false,
        ))),
        OpSpec::PredictOnValues { model, algorithm } => stream(Box::new(
            crate::ml::PredictOn::new(*model, algorithm.clone(), true),
        )),
    }
}

//! The operator traits: what every DStream operation implements.
//!
//! As in Spark, a stream's RDD for a time is computed on demand (`getOrCompute`): an operator
//! first says which input RDDs it needs ([`Operator::needs`]), the engine computes those (once
//! each, memoised), then calls [`Operator::compute`]. This is what makes a `queueStream` read
//! only through a window dequeue at the window's times (SEMANTICS A2).

use std::fmt;

use dyn_clone::DynClone;

use crate::ml::Models;
use crate::report::{StateView, WindowInfo};
use crate::value::ValueError;
use crate::vfs::Vfs;
use crate::{Batch, BatchTime, Duration};

/// An error raised by a user function or a Python operation inside an operator.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct OpError(pub String);

impl From<ValueError> for OpError {
    fn from(e: ValueError) -> Self {
        OpError(e.to_string())
    }
}

/// What an operator may know about the run besides its inputs.
#[derive(Debug)]
pub struct OpContext<'a> {
    /// `sc.defaultParallelism`.
    pub parallelism: usize,
    /// The batch interval.
    pub interval: Duration,
    /// The 0-based index of the batch being generated.
    pub batch: u64,
    /// Lines printed while this batch runs (pprint, `print` in `foreachRDD`).
    pub out: &'a mut Vec<String>,
    /// The engine's file system (`saveAsTextFiles`, `textFileStream`).
    pub vfs: &'a mut Vfs,
}

/// A stream transformation or source. `Clone` (via [`DynClone`]) is what snapshots are made of.
pub trait Operator: DynClone + fmt::Debug {
    /// The input RDDs needed to compute the RDD at `time`: `(input position, time)` pairs.
    /// The default reads every input at the same time.
    fn needs(&self, time: BatchTime, inputs: usize) -> Vec<(usize, BatchTime)> {
        (0..inputs).map(|i| (i, time)).collect()
    }

    /// How far back before the current time this operator reads its inputs; the engine keeps
    /// the inputs' RDDs that long (Spark's `rememberDuration`).
    fn lookback(&self) -> Duration {
        Duration(0)
    }

    /// What the last computed window covered and how, for windowed operators.
    fn window_info(&self) -> Option<WindowInfo> {
        None
    }

    /// A bounded view of the operator's keyed state after its last computation, for stateful
    /// operators (`updateStateByKey`). Called once per batch in which the node computed.
    fn state_view(&self) -> Option<StateView> {
        None
    }

    /// Computes the RDD at `time` from the inputs listed by [`Operator::needs`], in that order.
    /// `None` means "no RDD at this time", which differs from an empty RDD (SEMANTICS B1).
    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError>;

    /// [`Operator::compute`] with the engine's streaming models at hand, which is how the
    /// engine calls it: `predictOn` predicts with a model as it is when the batch is
    /// generated (SEMANTICS G2). Other operators need not implement it.
    fn compute_with_models(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        _models: &Models,
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        self.compute(time, inputs, cx)
    }
}

dyn_clone::clone_trait_object!(Operator);

/// An output operation (`pprint`, `saveAsTextFiles`, `foreachRDD`): a job run each batch on
/// its input's RDD, if there is one.
pub trait Output: DynClone + fmt::Debug {
    /// Runs the job for the batch at `time` on `input`.
    fn run(
        &mut self,
        time: BatchTime,
        input: &Batch,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError>;

    /// [`Output::run`] with the engine's streaming models at hand, which is how the engine
    /// calls it: `trainOn` updates a model (SEMANTICS G1, G3). Other outputs need not
    /// implement it.
    fn run_with_models(
        &mut self,
        time: BatchTime,
        input: &Batch,
        _models: &mut Models,
        cx: &mut OpContext<'_>,
    ) -> Result<(), OpError> {
        self.run(time, input, cx)
    }
}

dyn_clone::clone_trait_object!(Output);

/// An operation that turns each input RDD into one output RDD on its own, with no state and
/// no other time (most of them: `map`, `filter`, `reduceByKey`, …). Implementing `apply` is
/// all such an operator needs: the [`Operator`] impl comes with it.
pub trait PerBatch: DynClone + fmt::Debug {
    /// The output RDD for one input RDD.
    fn apply(&self, batch: &Batch) -> Result<Batch, OpError>;
}

impl<T: PerBatch + Clone> Operator for T {
    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        inputs[0].map(|b| self.apply(b)).transpose()
    }
}

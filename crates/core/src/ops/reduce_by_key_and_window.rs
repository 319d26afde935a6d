//! `stream.reduceByKeyAndWindow(func, invFunc, windowDuration, slideDuration, numPartitions,
//! filterFunc)`.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use crate::func::Func;
use crate::operator::{OpContext, OpError, Operator, PerBatch};
use crate::ops::Filter;
use crate::report::{WindowInfo, WindowPath};
use crate::shuffle;
use crate::time::slice;
use crate::value::Key;
use crate::{Batch, BatchTime, Duration, Value};

/// A record-to-record function of a composite window operation.
pub type RecordFn = std::rc::Rc<dyn Fn(&Value) -> Result<Value, OpError>>;

/// Reduces each key's values over a sliding window, as PySpark's
/// `PythonReducedWindowedDStream` does (SEMANTICS C2–C5):
///
/// - each input batch is first reduced by key (`reduceByKey(func)`);
/// - **incremental path**, only if `invFunc` is given, `window >= 5 * slide`, and the previous
///   window exists: `new = func(invFunc(prev, reduce(batches that left)), reduce(batches that
///   entered))`, key by key. Keys are never removed: their value goes to 0 and stays, unless
///   `filterFunc` drops them. Floats leave residues (`1.1102230246251565e-16`).
/// - otherwise the **recompute path**: `reduceByKey(func)` over the window's reduced batches,
///   so a key is present only while it has values in the window.
///
/// `filterFunc` runs on every window result, on both paths.
///
/// ```
/// use std::rc::Rc;
/// use eddy_core::func::Builtin;
/// use eddy_core::ops::ReduceByKeyAndWindow;
/// use eddy_core::{Duration, report::WindowPath};
/// let s = Duration(1000);
/// let add = Rc::new(Builtin::Add);
/// let w = ReduceByKeyAndWindow::new(add.clone(), Some(Rc::new(Builtin::Sub)), None, Duration(5000), s, s, 2);
/// assert!(w.uses_inverse_rule());
/// let small = ReduceByKeyAndWindow::new(add, None, None, Duration(3000), s, s, 2);
/// assert!(!small.uses_inverse_rule());
/// ```
#[derive(Clone)]
pub struct ReduceByKeyAndWindow {
    func: Func,
    inv: Option<Func>,
    filter: Option<Func>,
    window: Duration,
    slide: Duration,
    parent_slide: Duration,
    partitions: usize,
    /// Applied to each input record before the per-batch reduction: how the composite
    /// operations (`countByWindow`, …) key their records.
    pre: Option<RecordFn>,
    /// Applied to each output record: how the composite operations unkey them.
    post: Option<RecordFn>,
    /// Each input batch reduced by key, for the times still needed.
    reduced: BTreeMap<BatchTime, Batch>,
    /// The last window emitted, which the incremental path starts from.
    prev: Option<(BatchTime, Batch)>,
    last: Option<WindowInfo>,
}

impl std::fmt::Debug for ReduceByKeyAndWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReduceByKeyAndWindow")
            .field("func", &self.func)
            .field("inv", &self.inv)
            .field("window", &self.window)
            .field("slide", &self.slide)
            .finish_non_exhaustive()
    }
}

impl ReduceByKeyAndWindow {
    /// The operator; `inv` and `filter` are PySpark's `invFunc` and `filterFunc`.
    pub fn new(
        func: Func,
        inv: Option<Func>,
        filter: Option<Func>,
        window: Duration,
        slide: Duration,
        parent_slide: Duration,
        partitions: usize,
    ) -> Self {
        ReduceByKeyAndWindow {
            func,
            inv,
            filter,
            window,
            slide,
            parent_slide,
            partitions,
            pre: None,
            post: None,
            reduced: BTreeMap::new(),
            prev: None,
            last: None,
        }
    }

    /// Maps each input record before the window reduces it.
    pub fn with_pre(mut self, f: RecordFn) -> Self {
        self.pre = Some(f);
        self
    }

    /// Maps each record of the window's result.
    pub fn with_post(mut self, f: RecordFn) -> Self {
        self.post = Some(f);
        self
    }

    /// PySpark's rule for ever taking the incremental path: an `invFunc` and a window at least
    /// five slides long.
    pub fn uses_inverse_rule(&self) -> bool {
        self.inv.is_some() && self.window.0 >= 5 * self.slide.0
    }

    /// Which path the window at `time` takes, with the batch times it reads.
    fn plan(&self, time: BatchTime) -> WindowPath {
        let prev_time = time.minus(self.slide);
        let has_prev = matches!(&self.prev, Some((t, _)) if *t == prev_time);
        if self.uses_inverse_rule() && has_prev {
            let ps = self.parent_slide;
            let prev_begin = prev_time.minus(self.window);
            let begin = time.minus(self.window);
            WindowPath::Incremental {
                left: slice(prev_begin.plus(ps), begin, ps),
                entered: slice(prev_time.plus(ps), time, ps),
            }
        } else {
            WindowPath::Recompute
        }
    }

    /// The input times a window on `path` reads: the whole window when recomputing, else the
    /// batches that left and entered.
    fn reads(&self, time: BatchTime, path: &WindowPath) -> Vec<BatchTime> {
        match path {
            WindowPath::Recompute => self.current(time),
            WindowPath::Incremental { left, entered } => {
                left.iter().chain(entered).copied().collect()
            }
        }
    }

    fn current(&self, time: BatchTime) -> Vec<BatchTime> {
        let ps = self.parent_slide;
        slice(time.minus(self.window).plus(ps), time, ps)
    }

    fn reduce(&self, batches: &[&Batch]) -> Result<Batch, OpError> {
        let union = Batch {
            partitions: (batches.iter())
                .flat_map(|b| b.partitions.iter().cloned())
                .collect(),
        };
        shuffle::reduce_by_key(&union, self.partitions, &|a, b| self.func.call(&[a, b]))
    }

    /// `prev.leftOuterJoin(old).mapValues(lambda kv: invFunc(*kv) if kv[1] is not None else kv[0])`.
    fn subtract(&self, prev: &Batch, old: &Batch) -> Result<Batch, OpError> {
        let Some(inv) = &self.inv else {
            return Ok(prev.clone());
        };
        let mut leaving: IndexMap<Key, Value> = IndexMap::new();
        for record in old.records() {
            let (k, v) = record.pair()?;
            leaving.insert(Key::new(k)?, v);
        }
        prev.try_map_partitions(|part| {
            part.iter()
                .map(|record| {
                    let (k, v) = record.pair()?;
                    let v = match leaving.get(&Key::new(k.clone())?) {
                        Some(Value::None) | None => v,
                        Some(o) => inv.call(&[v, o.clone()])?,
                    };
                    Ok(Value::tuple(vec![k, v]))
                })
                .collect()
        })
    }

    fn apply_filter(&self, batch: Batch) -> Result<Batch, OpError> {
        match &self.filter {
            None => Ok(batch),
            Some(f) => Filter::new(f.clone()).apply(&batch),
        }
    }
}

impl Operator for ReduceByKeyAndWindow {
    fn needs(&self, time: BatchTime, _inputs: usize) -> Vec<(usize, BatchTime)> {
        let path = self.plan(time);
        self.reads(time, &path)
            .into_iter()
            .map(|t| (0, t))
            .collect()
    }

    fn lookback(&self) -> Duration {
        Duration(self.window.0 + self.slide.0)
    }

    fn window_info(&self) -> Option<WindowInfo> {
        self.last.clone()
    }

    fn compute(
        &mut self,
        time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let path = self.plan(time);
        let times = self.reads(time, &path);
        for (t, input) in times.iter().zip(inputs) {
            if let (false, Some(batch)) = (self.reduced.contains_key(t), input) {
                let reduced = match &self.pre {
                    Some(pre) => self.reduce(&[
                        &batch.try_map_partitions(|p| p.iter().map(|r| pre(r)).collect())?
                    ])?,
                    None => self.reduce(&[batch])?,
                };
                self.reduced.insert(*t, reduced);
            }
        }
        let batches_at = |ts: &[BatchTime]| -> Vec<&Batch> {
            ts.iter().filter_map(|t| self.reduced.get(t)).collect()
        };
        let result = match &path {
            WindowPath::Recompute => {
                let current = batches_at(&times);
                if current.is_empty() {
                    None
                } else {
                    Some(self.reduce(&current)?)
                }
            }
            WindowPath::Incremental { left, entered } => {
                let Some((_, prev)) = &self.prev else {
                    unreachable!("the plan checked the previous window")
                };
                let old = batches_at(left);
                let subtracted = if old.is_empty() {
                    prev.clone()
                } else {
                    self.subtract(prev, &self.reduce(&old)?)?
                };
                let new = batches_at(entered);
                if new.is_empty() {
                    Some(subtracted)
                } else {
                    let new = self.reduce(&new)?;
                    Some(self.reduce(&[&subtracted, &new])?)
                }
            }
        };
        let result = result.map(|b| self.apply_filter(b)).transpose()?;
        // Keep the reduced batches that the next window may still read.
        let oldest = time.minus(self.window);
        // (`split_off` drops the old ones in O(log n); `retain` would walk the whole window.)
        self.reduced = self.reduced.split_off(&oldest.plus(Duration(1)));
        self.prev = result.clone().map(|b| (time, b));
        let result = match (&self.post, result) {
            (Some(post), Some(b)) => {
                Some(b.try_map_partitions(|p| p.iter().map(|r| post(r)).collect())?)
            }
            (_, result) => result,
        };
        self.last = Some(WindowInfo {
            time,
            covers: self.current(time),
            path,
        });
        Ok(result)
    }
}

/// The window lengths of a windowed operation.
#[derive(Clone, Copy, Debug)]
pub struct Windowing {
    /// `windowDuration`.
    pub window: Duration,
    /// `slideDuration`.
    pub slide: Duration,
    /// The parent stream's slide.
    pub parent_slide: Duration,
}

/// `lambda kv: kv[1]`: unkeys the composite windows' results.
pub(crate) fn second(r: &Value) -> Result<Value, OpError> {
    Ok(r.pair()?.1)
}

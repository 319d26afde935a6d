//! `stream.reduceByKeyAndWindow(func, invFunc, windowDuration, slideDuration, numPartitions,
//! filterFunc)`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::func::{binary, Func};
use crate::operator::{OpContext, OpError, Operator, PerBatch};
use crate::ops::Filter;
use crate::report::{WindowInfo, WindowPath};
use crate::shuffle::{self, pair_of};
use crate::time::slice;
use crate::value::{Key, KeyMap, KeyRef};
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
    /// The last window emitted, which the incremental path starts from, kept only when that
    /// path can run ([`ReduceByKeyAndWindow::uses_inverse_rule`]): per output partition, its
    /// keys in the window's order with their values. The incremental path updates these
    /// tables in place, so a batch costs what left and entered the window, not a reshuffle
    /// of every key in it.
    prev: Option<(BatchTime, Vec<KeyMap<Value>>)>,
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
        shuffle::reduce_by_func(&union, self.partitions, &self.func)
    }

    /// `reduceByKey(func)` over the union of per-batch reduced batches: `None` for none, and
    /// one as it is (each key is already alone in the partition its hash gives, so reducing it
    /// again changes nothing and calls nothing).
    fn merged<'a>(&self, batches: &[&'a Batch]) -> Result<Option<Cow<'a, Batch>>, OpError> {
        Ok(match batches {
            [] => None,
            [one] => Some(Cow::Borrowed(*one)),
            many => Some(Cow::Owned(self.reduce(many)?)),
        })
    }

    /// `prev.leftOuterJoin(old).mapValues(lambda kv: invFunc(*kv) if kv[1] is not None else
    /// kv[0])`, in place on the previous window's tables: `invFunc` runs in the previous
    /// window's order, for each key with a (non-`None`) value leaving.
    fn subtract(&self, tables: &mut [KeyMap<Value>], old: &Batch) -> Result<(), OpError> {
        let Some(inv) = &self.inv else {
            return Ok(());
        };
        let (inv, builtin) = (binary(inv), inv.builtin());
        let n = tables.len();
        let mut leaving: Vec<Vec<Option<Cow<'_, Value>>>> =
            tables.iter().map(|t| vec![None; t.len()]).collect();
        for record in old.records() {
            let (k, v) = pair_of(record)?;
            let key = KeyRef::new(&k)?;
            let p = key.partition(n);
            if let (Some(i), Some(slot)) = (tables[p].get_index_of(&key), leaving.get_mut(p)) {
                // A key whose leaving value is `None` keeps its value, as the join's `None`
                // (no value leaving) does.
                slot[i] = Some(v).filter(|v| **v != Value::None);
            }
        }
        for (table, leaving) in tables.iter_mut().zip(leaving) {
            for (value, old) in table.values_mut().zip(leaving) {
                let Some(old) = old else { continue };
                match builtin.and_then(|op| op.apply_in_place(value, &old)) {
                    Some(done) => done?,
                    None => {
                        let v = std::mem::replace(value, Value::None);
                        *value = inv(v, old.into_owned())?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `subtracted.union(new).reduceByKey(func)`, in place: a key in both gets
    /// `func(subtracted, new)`, in the order of `new`; a key only in `new` comes after the
    /// window's keys of its partition, in the order of `new`.
    fn add(&self, tables: &mut [KeyMap<Value>], new: &Batch) -> Result<(), OpError> {
        let n = tables.len();
        let (func, builtin) = (binary(&self.func), self.func.builtin());
        for record in new.records() {
            let (k, v) = pair_of(record)?;
            let key = KeyRef::new(&k)?;
            let table = &mut tables[key.partition(n)];
            match table.get_mut(&key) {
                Some(acc) => match builtin.and_then(|op| op.apply_in_place(acc, &v)) {
                    Some(done) => done?,
                    None => {
                        let old = std::mem::replace(acc, Value::None);
                        *acc = func(old, v.into_owned())?;
                    }
                },
                None => {
                    table.insert(key.to_key(), v.into_owned());
                }
            }
        }
        Ok(())
    }

    /// The window's RDD from its tables, after `filterFunc`, which also drops the keys it
    /// rejects from the tables (the next window starts from the filtered one, as in PySpark).
    fn emit(&self, tables: &mut [KeyMap<Value>]) -> Result<Batch, OpError> {
        let mut partitions = Vec::with_capacity(tables.len());
        for table in tables.iter_mut() {
            let records: Vec<Value> = (table.iter())
                .map(|(k, v)| Value::tuple([k.value().clone(), v.clone()]))
                .collect();
            let Some(f) = &self.filter else {
                partitions.push(records);
                continue;
            };
            let mut keep = Vec::with_capacity(records.len());
            for r in &records {
                keep.push(f.call(std::slice::from_ref(r))?.truthy());
            }
            let mut kept = keep.iter();
            table.retain(|_, _| kept.next().copied().unwrap_or(true));
            partitions.push(
                records
                    .into_iter()
                    .zip(keep)
                    .filter_map(|(r, k)| k.then_some(r))
                    .collect(),
            );
        }
        Ok(Batch { partitions })
    }

    fn apply_filter(&self, batch: Batch) -> Result<Batch, OpError> {
        match &self.filter {
            None => Ok(batch),
            Some(f) => Filter::new(f.clone()).apply(&batch),
        }
    }
}

/// A reduced batch as tables by key, one per partition (the incremental path's state).
fn tables_of(batch: &Batch) -> Result<Vec<KeyMap<Value>>, OpError> {
    (batch.partitions.iter())
        .map(|part| {
            let mut table = KeyMap::with_capacity_and_hasher(part.len(), Default::default());
            for record in part {
                let (k, v) = pair_of(record)?;
                table.insert(Key::new(k.into_owned())?, v.into_owned());
            }
            Ok(table)
        })
        .collect()
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
                let window = match self.merged(&current)? {
                    Some(b) => Some(self.apply_filter(b.into_owned())?),
                    None => None,
                };
                // The incremental path's next window starts from this one.
                self.prev = match &window {
                    Some(b) if self.uses_inverse_rule() => Some((time, tables_of(b)?)),
                    _ => None,
                };
                window
            }
            WindowPath::Incremental { left, entered } => {
                // Taken, not borrowed: if a function fails half-way, no previous window is
                // left, and the next window recomputes (as it does after any failure).
                let Some((_, mut tables)) = self.prev.take() else {
                    unreachable!("the plan checked the previous window")
                };
                if let Some(old) = self.merged(&batches_at(left))? {
                    self.subtract(&mut tables, &old)?;
                }
                if let Some(new) = self.merged(&batches_at(entered))? {
                    self.add(&mut tables, &new)?;
                }
                let window = self.emit(&mut tables)?;
                self.prev = Some((time, tables));
                Some(window)
            }
        };
        // Keep the reduced batches that the next window may still read.
        let oldest = time.minus(self.window);
        // (`split_off` drops the old ones in O(log n); `retain` would walk the whole window.)
        self.reduced = self.reduced.split_off(&oldest.plus(Duration(1)));
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

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use std::collections::HashMap;
    use std::rc::Rc;

    use super::*;
    use crate::func::{native, Builtin};
    use crate::value::partition_of;

    /// The incremental path as PySpark writes it, on whole RDDs: the reference that the
    /// in-place tables must equal record for record (order and float residues included).
    fn reference(w: &ReduceByKeyAndWindow, prev: &Batch, old: &[&Batch], new: &[&Batch]) -> Batch {
        let parts = w.partitions;
        let f = binary(&w.func);
        let inv = binary(w.inv.as_ref().unwrap());
        let reduce = |bs: &[&Batch]| {
            let union = Batch {
                partitions: bs.iter().flat_map(|b| b.partitions.clone()).collect(),
            };
            shuffle::reduce_by_key(&union, parts, &f).unwrap()
        };
        // prev.leftOuterJoin(reduce(old)).mapValues(...)
        let subtracted = if old.is_empty() {
            prev.clone()
        } else {
            let leaving: HashMap<Key, Value> = (reduce(old).records())
                .map(|r| {
                    let (k, v) = r.pair().unwrap();
                    (Key::new(k).unwrap(), v)
                })
                .collect();
            prev.try_map_partitions(|p| {
                p.iter()
                    .map(|r| {
                        let (k, v) = r.pair()?;
                        let v = match leaving.get(&Key::new(k.clone())?) {
                            Some(Value::None) | None => v,
                            Some(o) => inv(v, o.clone())?,
                        };
                        Ok(Value::tuple([k, v]))
                    })
                    .collect::<Result<Vec<_>, OpError>>()
            })
            .unwrap()
        };
        let result = if new.is_empty() {
            subtracted
        } else {
            reduce(&[&subtracted, &reduce(new)])
        };
        w.apply_filter(result).unwrap()
    }

    /// A small deterministic generator (the unit tests also run in a browser, without
    /// proptest).
    fn records(seed: u64, n: usize) -> Vec<Value> {
        let mut x = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let r = x >> 33;
                let key = match r % 4 {
                    0 => Value::Int((r / 4 % 7) as i64),
                    1 => Value::from(["a", "b", "c"][(r / 4 % 3) as usize]),
                    // `True` is the key `1`: Python's equality across types.
                    2 => Value::Bool(true),
                    _ => Value::tuple([Value::Int((r / 4 % 2) as i64), Value::None]),
                };
                Value::tuple([key, Value::Float((r % 10) as f64 / 10.0)])
            })
            .collect()
    }

    fn check_against_reference(slide_batches: i64, filter: Option<Func>) {
        let s = Duration(1000);
        let slide = Duration(1000 * slide_batches);
        let window = Duration(slide.0 * 5);
        let mut w = ReduceByKeyAndWindow::new(
            Rc::new(Builtin::Add),
            Some(Rc::new(Builtin::Sub)),
            filter,
            window,
            slide,
            s,
            2,
        );
        assert!(w.uses_inverse_rule());
        let input: Vec<Batch> = (0..40)
            .map(|i| Batch::parallelize(records(i, (i as usize * 7) % 23), 2))
            .collect();
        let (mut out, mut vfs) = (Vec::new(), crate::Vfs::default());
        let mut prev: Option<Batch> = None;
        let mut incremental = 0;
        for i in 0..40u64 {
            let time = BatchTime::of_batch(i, s);
            if !time.is_valid_for(slide) {
                continue;
            }
            let needs = w.needs(time, 1);
            let at = |t: BatchTime| &input[(t.0 / 1000 - 1) as usize];
            let inputs: Vec<Option<&Batch>> = needs.iter().map(|(_, t)| Some(at(*t))).collect();
            let path = w.plan(time);
            let mut cx = OpContext {
                parallelism: 2,
                interval: s,
                batch: i,
                out: &mut out,
                vfs: &mut vfs,
            };
            let got = w.compute(time, &inputs, &mut cx).unwrap().unwrap();
            if let WindowPath::Incremental { left, entered } = &path {
                incremental += 1;
                let reduced = |ts: &[BatchTime]| -> Vec<Batch> {
                    (ts.iter()).map(|t| w.reduce(&[at(*t)]).unwrap()).collect()
                };
                let (old, new) = (reduced(left), reduced(entered));
                let want = reference(
                    &w,
                    prev.as_ref().unwrap(),
                    &old.iter().collect::<Vec<_>>(),
                    &new.iter().collect::<Vec<_>>(),
                );
                assert_eq!(got, want, "window at {time:?}");
            }
            // Every key sits in the partition its portable hash gives.
            for (p, part) in got.partitions.iter().enumerate() {
                for r in part {
                    assert_eq!(partition_of(&r.pair().unwrap().0, 2), Ok(p));
                }
            }
            prev = Some(got);
        }
        assert!(incremental > 3, "only {incremental} incremental windows");
    }

    #[test]
    fn in_place_incremental_windows_equal_pysparks_join_and_reshuffle() {
        check_against_reference(1, None);
    }

    #[test]
    fn in_place_incremental_windows_with_slides_of_two_batches_equal_the_reference() {
        check_against_reference(2, None);
    }

    #[test]
    fn a_filter_drops_keys_from_the_next_window_as_from_this_one() {
        let big = native("lambda kv: abs(kv[1]) > 0.3", |a| {
            let (_, v) = a[0].pair()?;
            Ok(Value::Bool(matches!(v, Value::Float(f) if f.abs() > 0.3)))
        });
        check_against_reference(1, Some(big.clone()));
        check_against_reference(2, Some(big));
    }
}

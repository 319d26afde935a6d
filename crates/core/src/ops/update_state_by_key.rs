//! `stream.updateStateByKey(updateFunc, numPartitions=None, initialRDD=None)`.

use std::cmp::Ordering;

use indexmap::IndexMap;

use crate::func::Func;
use crate::operator::{OpContext, OpError, Operator};
use crate::report::StateView;
use crate::shuffle::pair_of;
use crate::value::{Key, KeyMap, KeyRef};
use crate::{Batch, BatchTime, Value};

/// Keeps a state per key across batches, as PySpark's `PythonStateDStream` does
/// (SEMANTICS D1–D3): every batch, empty ones too, `updateFunc(new_values, old_state)` runs for
/// every key in the state or in the batch (`[]` for keys without new values, `None` for keys
/// without state); returning `None` deletes the key. The first batch without `initialRDD`
/// sees only the batch's keys. The output is the whole state, hash-partitioned.
///
/// ```
/// use eddy_core::{func::native, ops::UpdateStateByKey, Batch, Value};
/// let total = native("lambda vs, s: sum(vs, s or 0)", |a| {
///     let mut t = if a[1] == Value::None { Value::Int(0) } else { a[1].clone() };
///     for v in a[0].items()? { t = t.add(&v)?; }
///     Ok(t)
/// });
/// let mut op = UpdateStateByKey::new(total, 2, None);
/// let kv = Value::tuple([Value::from("a"), Value::Int(5)]);
/// op.update(&Batch::single(vec![kv.clone()])).unwrap();
/// let state = op.update(&Batch::single(vec![kv])).unwrap();
/// assert_eq!(state.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["('a', 10)"]);
/// ```
#[derive(Clone, Debug)]
pub struct UpdateStateByKey {
    f: Func,
    partitions: usize,
    /// The state after the last batch; `None` before the first (then `initialRDD`, if any).
    /// Each key holds its output record `(key, state)`, which the next batch keeps when the
    /// key's state stays the same: the state RDD of a million keys, most of them idle, is
    /// then a million shared records, not a million new ones each batch.
    state: Option<KeyMap<Value>>,
    /// Keys whose state changed (new keys included), was added or was deleted by the last
    /// batch, for the UI.
    changed: Vec<Value>,
    added: Vec<Value>,
    deleted: Vec<Value>,
}

/// What one batch did to the state's keys.
#[derive(Default)]
struct Changes {
    changed: Vec<Value>,
    added: Vec<Value>,
    deleted: Vec<Value>,
}

impl UpdateStateByKey {
    /// With update function `f`, `partitions` output partitions and an optional initial state.
    pub fn new(f: Func, partitions: usize, initial: Option<Vec<Value>>) -> Self {
        let state = initial.map(|records| {
            (records.iter())
                .filter_map(|r| r.pair().ok())
                .filter_map(|(k, v)| Key::new(k.clone()).ok().map(|key| (key, record(k, v))))
                .collect()
        });
        UpdateStateByKey {
            f,
            partitions,
            state,
            changed: Vec::new(),
            added: Vec::new(),
            deleted: Vec::new(),
        }
    }

    /// Applies one batch to the state and returns the new state as an RDD.
    ///
    /// The state is updated in place, in its order (no key is looked up in it, and no second
    /// table of every key is built each batch): the old keys first, with the values the batch
    /// brought them, then the batch's new keys in the order it brought them. Every call runs
    /// before anything changes, so a function that raises leaves the state as it was.
    pub fn update(&mut self, batch: &Batch) -> Result<Batch, OpError> {
        let mut groups: KeyMap<Vec<Value>> = KeyMap::default();
        for record in batch.records() {
            let (k, v) = pair_of(record)?;
            let key = KeyRef::new(&k)?;
            match groups.get_mut(&key) {
                Some(values) => values.push(v.into_owned()),
                None => {
                    groups.insert(key.to_key(), vec![v.into_owned()]);
                }
            }
        }
        let had_state = self.state.is_some();
        let mut state = self.state.take().unwrap_or_default();
        let computed = self.updates(&state, groups);
        let (updates, added, report) = match computed {
            Ok(done) => done,
            Err(e) => {
                // Before the first batch there may be no state; keep it that way.
                self.state = had_state.then_some(state);
                return Err(e);
            }
        };
        let mut deleted = false;
        for (value, new) in state.values_mut().zip(updates) {
            deleted |= new == Value::None;
            *value = new;
        }
        if deleted {
            // `None` marks a deleted key (a state is never `None`: returning it deletes).
            state.retain(|_, v| *v != Value::None);
        }
        state.extend(added);
        let Changes {
            changed,
            added,
            deleted,
        } = report;
        self.state = Some(state);
        self.changed = changed;
        self.added = added;
        self.deleted = deleted;
        self.state_batch()
    }

    /// Calls the update function for every key of `state` (with the values `groups` brings
    /// it, or none), then for each key new in `groups`: the new value of each old key in
    /// the state's order (`None` where the key goes), the new keys with their values, and
    /// what changed.
    #[allow(clippy::type_complexity)]
    fn updates(
        &self,
        state: &KeyMap<Value>,
        groups: KeyMap<Vec<Value>>,
    ) -> Result<(Vec<Value>, Vec<(Key, Value)>, Changes), OpError> {
        let mut report = Changes::default();
        // Most keys get no values in a batch: they share one empty list.
        let no_values = Value::list(Vec::new());
        let list = |values: Vec<Value>| {
            if values.is_empty() {
                no_values.clone()
            } else {
                Value::list(values)
            }
        };
        // The batch's keys split into old ones, by their place in the state (sorted, to walk
        // with the state), and new ones, in the batch's order: a lookup per batch key, where
        // one per state key cost ten times more when a batch brings a tenth of the keys.
        let mut old = Vec::new();
        let mut new_keys = Vec::new();
        for (key, values) in groups {
            match state.get_index_of(&key) {
                Some(i) => old.push((i, values)),
                None => new_keys.push((key, values)),
            }
        }
        old.sort_unstable_by_key(|(i, _)| *i);
        let mut old = old.into_iter().peekable();
        let mut updates = Vec::with_capacity(state.len());
        for (i, (key, old_record)) in state.iter().enumerate() {
            let previous = state_of(old_record);
            let values = old
                .next_if(|(j, _)| *j == i)
                .map(|(_, v)| v)
                .unwrap_or_default();
            let new = self.f.call(&[list(values), previous.clone()])?;
            match &new {
                Value::None => report.deleted.push(key.value().clone()),
                new if !previous.py_eq(new) => report.changed.push(key.value().clone()),
                _ => {}
            }
            // The same state (`==` of the very values, not Python's `1 == 1.0`, which prints
            // differently) keeps its record.
            updates.push(match new {
                Value::None => Value::None,
                new if new == *previous => old_record.clone(),
                new => record(key.value().clone(), new),
            });
        }
        let mut added = Vec::new();
        for (key, values) in new_keys {
            let new = self.f.call(&[list(values), Value::None])?;
            if new != Value::None {
                report.added.push(key.value().clone());
                report.changed.push(key.value().clone());
                let r = record(key.value().clone(), new);
                added.push((key, r));
            }
        }
        Ok((updates, added, report))
    }

    /// The state as an RDD of `(key, state)` pairs, hash-partitioned.
    fn state_batch(&self) -> Result<Batch, OpError> {
        let n = self.partitions.max(1);
        // Each partition sized for its share and a quarter more: a million-key state is not
        // copied through twenty regrowths each batch.
        let len = self.state.as_ref().map_or(0, KeyMap::len);
        let mut partitions: Vec<Vec<Value>> = (0..n)
            .map(|_| Vec::with_capacity(len / n + len / (4 * n)))
            .collect();
        for (key, record) in self.state.iter().flatten() {
            partitions[key.partition(n)].push(record.clone());
        }
        Ok(Batch { partitions })
    }

    /// Keys whose value changed in the last batch (new keys included), and keys it deleted.
    pub fn last_changes(&self) -> (&[Value], &[Value]) {
        (&self.changed, &self.deleted)
    }

    /// Keys the last batch added to the state.
    pub fn last_added(&self) -> &[Value] {
        &self.added
    }

    /// The bounded view of the state after the last batch (see [`StateView`]): sorting is
    /// limited to the [`StateView::MAX_KEYS`] smallest keys.
    pub fn view(&self) -> StateView {
        let state = self.state.as_ref();
        let keys = state.into_iter().flatten().map(|(k, _)| k.value());
        let entries = smallest(keys, StateView::MAX_KEYS)
            .into_iter()
            .map(|k| {
                let v = Key::new(k.clone())
                    .ok()
                    .and_then(|key| state.and_then(|s| s.get(&key)));
                (k.repr(), v.map(|r| state_of(r).repr()).unwrap_or_default())
            })
            .collect();
        let reprs = |keys: &[Value]| -> Vec<String> {
            smallest(keys.iter(), StateView::MAX_KEYS)
                .into_iter()
                .map(Value::repr)
                .collect()
        };
        // `added` is a subsequence of `changed` (both in the order the keys were updated):
        // one merge walk drops it, where a search per key cost O(keys²) on a batch of new keys.
        let mut added = self.added.iter().peekable();
        let changed: Vec<Value> = (self.changed.iter())
            .filter(|k| {
                let is_added = added.peek().is_some_and(|a| a.py_eq(k));
                if is_added {
                    added.next();
                }
                !is_added
            })
            .cloned()
            .collect();
        StateView {
            entries,
            total: state.map_or(0, IndexMap::len),
            changed: reprs(&changed),
            changed_count: changed.len(),
            added: reprs(&self.added),
            added_count: self.added.len(),
            deleted: reprs(&self.deleted),
            deleted_count: self.deleted.len(),
        }
    }
}

/// A total order on keys that is Python's order among numbers, among strings and among tuples
/// of those; other keys and mixed types fall back to type name, then `repr`.
fn key_order(a: &Value, b: &Value) -> Ordering {
    fn family(v: &Value) -> u8 {
        match v {
            Value::Bool(_) | Value::Int(_) | Value::Float(_) => 0,
            Value::Str(_) => 1,
            Value::Tuple(_) => 2,
            _ => 3,
        }
    }
    let fallback = || (a.type_name().cmp(b.type_name())).then_with(|| a.repr().cmp(&b.repr()));
    match (a, b) {
        // The view orders every key of the state each batch: ints and strings first, inline.
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Str(x), Value::Str(y)) => x.cmp(y),
        (Value::Tuple(x), Value::Tuple(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                match key_order(p, q) {
                    Ordering::Equal => {}
                    other => return other,
                }
            }
            x.len().cmp(&y.len())
        }
        _ if family(a) == 0 && family(b) == 0 => {
            // NaN sorts after every number, which keeps the order total.
            let nan = |v: &Value| matches!(v, Value::Float(f) if f.is_nan());
            match (nan(a), nan(b)) {
                (false, false) => a.py_cmp(b).unwrap_or(Ordering::Equal),
                (x, y) => x.cmp(&y),
            }
        }
        _ if family(a) != family(b) => family(a).cmp(&family(b)),
        _ => fallback(),
    }
}

/// The `n` smallest keys in [`key_order`], sorted: one pass keeping the `n` smallest so far
/// in a heap (a key larger than all of them, the usual case once the heap is full, costs one
/// comparison), then a sort of `n`. No list of every key is built: a state has millions.
fn smallest<'a>(keys: impl Iterator<Item = &'a Value>, n: usize) -> Vec<&'a Value> {
    /// A key ordered by [`key_order`].
    struct Ordered<'a>(&'a Value);
    impl PartialEq for Ordered<'_> {
        fn eq(&self, other: &Self) -> bool {
            key_order(self.0, other.0) == Ordering::Equal
        }
    }
    impl Eq for Ordered<'_> {}
    impl PartialOrd for Ordered<'_> {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Ordered<'_> {
        fn cmp(&self, other: &Self) -> Ordering {
            key_order(self.0, other.0)
        }
    }
    if n == 0 {
        return Vec::new();
    }
    let mut heap = std::collections::BinaryHeap::with_capacity(n + 1);
    for key in keys {
        if heap.len() < n {
            heap.push(Ordered(key));
        } else if heap
            .peek()
            .is_some_and(|max| key_order(key, max.0) == Ordering::Less)
        {
            heap.pop();
            heap.push(Ordered(key));
        }
    }
    heap.into_sorted_vec().into_iter().map(|k| k.0).collect()
}

/// A key's output record: `(key, state)`.
fn record(key: Value, state: Value) -> Value {
    Value::tuple([key, state])
}

/// The state in a key's record.
fn state_of(record: &Value) -> &Value {
    match record {
        Value::Tuple(items) if items.len() == 2 => &items[1],
        // Records are only ever built by `record`.
        other => other,
    }
}

impl Operator for UpdateStateByKey {
    fn state_view(&self) -> Option<StateView> {
        self.state.as_ref().map(|_| self.view())
    }

    fn compute(
        &mut self,
        _time: BatchTime,
        inputs: &[Option<&Batch>],
        _cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        match inputs[0] {
            Some(batch) => self.update(batch).map(Some),
            // No input RDD at this time: the last state, unchanged.
            None if self.state.is_some() => self.state_batch().map(Some),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::func::native;

    /// `lambda vs, s: None if not vs else sum(vs) + (s or 0)`: drops idle keys.
    fn drop_idle() -> Func {
        native("drop_idle", |a| {
            let values = a[0].items()?;
            if values.is_empty() {
                return Ok(Value::None);
            }
            let mut total = if a[1] == Value::None {
                Value::Int(0)
            } else {
                a[1].clone()
            };
            for v in values {
                total = total.add(&v)?;
            }
            Ok(total)
        })
    }

    fn kv(k: &str, v: i64) -> Value {
        Value::tuple([Value::from(k), Value::Int(v)])
    }

    fn printed(b: &Batch) -> Vec<String> {
        let mut out: Vec<String> = b.records().map(|r| r.to_string()).collect();
        out.sort();
        out
    }

    #[test]
    fn returning_none_deletes_the_key() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, None);
        op.update(&Batch::single(vec![kv("a", 1), kv("b", 2)]))
            .unwrap();
        let state = op.update(&Batch::single(vec![kv("a", 1)])).unwrap();
        assert_eq!(printed(&state), ["('a', 2)"]);
        assert_eq!(op.last_changes().1, [Value::from("b")]);
    }

    #[test]
    fn initial_state_keys_are_updated_from_the_first_batch() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, Some(vec![kv("z", 9)]));
        let state = op.update(&Batch::single(vec![kv("a", 1)])).unwrap();
        // z got no values, so drop_idle deleted it.
        assert_eq!(printed(&state), ["('a', 1)"]);
    }

    #[test]
    fn the_view_sorts_keys_and_tells_added_changed_and_deleted_apart() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, None);
        op.update(&Batch::single(vec![kv("b", 1), kv("a", 2), kv("c", 1)]))
            .unwrap();
        op.update(&Batch::single(vec![kv("d", 1), kv("a", 0), kv("b", 5)]))
            .unwrap();
        let view = op.view();
        let keys: Vec<&str> = view.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["'a'", "'b'", "'d'"]);
        assert_eq!(view.entries[1].1, "6");
        assert_eq!(view.total, 3);
        assert_eq!(view.added, ["'d'"]);
        assert_eq!(view.changed, ["'b'"]); // a got 0 more: same value
        assert_eq!(view.deleted, ["'c'"]);
    }

    #[test]
    fn the_view_is_bounded_and_orders_numbers_numerically() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, None);
        let records = (0..1000)
            .rev()
            .map(|i| Value::tuple([Value::Int(i), Value::Int(1)]))
            .collect();
        op.update(&Batch::single(records)).unwrap();
        let view = op.view();
        assert_eq!(view.entries.len(), StateView::MAX_KEYS);
        assert_eq!(view.entries[2].0, "2");
        assert_eq!(view.entries[199].0, "199");
        assert_eq!((view.total, view.added_count), (1000, 1000));
        assert_eq!(view.added.len(), StateView::MAX_KEYS);
    }

    #[test]
    fn mixed_key_types_still_sort_totally() {
        let keys = [
            Value::from("x"),
            Value::Float(f64::NAN),
            Value::Int(2),
            Value::None,
            Value::tuple([Value::Int(1), Value::from("a")]),
            Value::tuple([Value::Int(1), Value::Int(0)]),
            Value::Bool(true),
        ];
        let sorted: Vec<String> = smallest(keys.iter(), 10)
            .into_iter()
            .map(Value::repr)
            .collect();
        assert_eq!(
            sorted,
            ["True", "2", "nan", "'x'", "(1, 0)", "(1, 'a')", "None"]
        );
    }

    #[test]
    fn a_function_that_raises_leaves_the_state_as_it_was() {
        // Raises for the key "boom"; sums otherwise.
        let picky = native("picky", |a| {
            if a[0].items()?.iter().any(|v| *v == Value::Int(-1)) {
                return Err(OpError("ValueError: boom".into()));
            }
            drop_idle().call(a)
        });
        let mut op = UpdateStateByKey::new(picky, 2, None);
        assert!(op.update(&Batch::single(vec![kv("x", -1)])).is_err());
        // Before any batch succeeded there is still no state (no RDD when the input has none).
        assert!(op.state.is_none());
        op.update(&Batch::single(vec![kv("a", 1), kv("b", 2)]))
            .unwrap();
        let err = op.update(&Batch::single(vec![kv("a", 5), kv("c", 1), kv("b", -1)]));
        assert_eq!(err.unwrap_err().0, "ValueError: boom");
        assert_eq!(
            printed(&op.state_batch().unwrap()),
            ["('a', 1)", "('b', 2)"]
        );
        let state = op.update(&Batch::single(vec![kv("b", 1)])).unwrap();
        // a got no values, so drop_idle deleted it; b kept its state from before the failure.
        assert_eq!(printed(&state), ["('b', 3)"]);
        assert_eq!(op.last_changes().1, [Value::from("a")]);
    }

    #[test]
    fn the_state_keeps_old_keys_in_order_then_new_keys_in_batch_order() {
        let mut op = UpdateStateByKey::new(drop_idle(), 1, None);
        op.update(&Batch::single(vec![kv("b", 1), kv("a", 1), kv("c", 1)]))
            .unwrap();
        let state = op
            .update(&Batch::single(vec![
                kv("z", 1),
                kv("c", 1),
                kv("y", 1),
                kv("b", 1),
            ]))
            .unwrap();
        let keys: Vec<String> = state.records().map(|r| r.to_string()).collect();
        assert_eq!(keys, ["('b', 2)", "('c', 2)", "('z', 1)", "('y', 1)"]);
    }

    #[test]
    fn an_unchanged_state_keeps_its_record_and_an_equal_float_prints_as_a_float() {
        // Adds the new values as floats once "f" is seen: 1 becomes 1.0, equal but not the same.
        let floaty = native("floaty", |a| {
            let values = a[0].items()?;
            let old = if a[1] == Value::None {
                Value::Int(0)
            } else {
                a[1].clone()
            };
            let mut total = old;
            for v in values {
                total = match v {
                    Value::Str(_) => total.add(&Value::Float(0.0))?,
                    v => total.add(&v)?,
                };
            }
            Ok(total)
        });
        let mut op = UpdateStateByKey::new(floaty, 1, None);
        let first = op
            .update(&Batch::single(vec![kv("a", 1), kv("b", 2)]))
            .unwrap();
        let second = op
            .update(&Batch::single(vec![Value::tuple([
                Value::from("a"),
                Value::from("f"),
            ])]))
            .unwrap();
        assert_eq!(printed(&second), ["('a', 1.0)", "('b', 2)"]);
        // b's state did not change: the same record, shared.
        let (Value::Tuple(x), Value::Tuple(y)) =
            (&first.partitions[0][1], &second.partitions[0][1])
        else {
            panic!("records are tuples")
        };
        assert!(std::sync::Arc::ptr_eq(x, y));
        // a changed only in type: Python's == says unchanged, so the view does not list it.
        assert!(op.view().changed.is_empty());
    }

    #[test]
    fn an_empty_first_batch_gives_an_empty_state() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, None);
        let state = op.update(&Batch::parallelize(vec![], 2)).unwrap();
        assert!(state.is_empty());
        assert_eq!(state.partitions.len(), 2);
    }
}

//! `stream.updateStateByKey(updateFunc, numPartitions=None, initialRDD=None)`.

use indexmap::IndexMap;

use crate::func::Func;
use crate::operator::{OpContext, OpError, Operator};
use crate::value::{partition_of, Key};
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
/// let kv = Value::tuple(vec![Value::from("a"), Value::Int(5)]);
/// op.update(&Batch::single(vec![kv.clone()])).unwrap();
/// let state = op.update(&Batch::single(vec![kv])).unwrap();
/// assert_eq!(state.records().map(|r| r.to_string()).collect::<Vec<_>>(), ["('a', 10)"]);
/// ```
#[derive(Clone, Debug)]
pub struct UpdateStateByKey {
    f: Func,
    partitions: usize,
    /// The state after the last batch; `None` before the first (then `initialRDD`, if any).
    state: Option<IndexMap<Key, Value>>,
    /// Keys whose state changed or was deleted by the last batch, for the UI.
    changed: Vec<Value>,
    deleted: Vec<Value>,
}

impl UpdateStateByKey {
    /// With update function `f`, `partitions` output partitions and an optional initial state.
    pub fn new(f: Func, partitions: usize, initial: Option<Vec<Value>>) -> Self {
        let state = initial.map(|records| {
            (records.iter())
                .filter_map(|r| r.pair().ok())
                .filter_map(|(k, v)| Key::new(k).ok().map(|k| (k, v)))
                .collect()
        });
        UpdateStateByKey {
            f,
            partitions,
            state,
            changed: Vec::new(),
            deleted: Vec::new(),
        }
    }

    /// Applies one batch to the state and returns the new state as an RDD.
    pub fn update(&mut self, batch: &Batch) -> Result<Batch, OpError> {
        let mut groups: IndexMap<Key, Vec<Value>> = IndexMap::new();
        for record in batch.records() {
            let (k, v) = record.pair()?;
            groups.entry(Key::new(k)?).or_default().push(v);
        }
        // Read the old state in place: cloning it every batch would cost O(state) per batch.
        let old = self.state.as_ref();
        let keys: Vec<Key> = match old {
            None => groups.keys().cloned().collect(),
            Some(state) => {
                let mut keys: Vec<Key> = state.keys().cloned().collect();
                keys.extend(groups.keys().filter(|k| !state.contains_key(*k)).cloned());
                keys
            }
        };
        let mut next = IndexMap::with_capacity(keys.len());
        let (mut changed, mut deleted) = (Vec::new(), Vec::new());
        for key in keys {
            let values = Value::list(groups.swap_remove(&key).unwrap_or_default());
            let previous = old.and_then(|state| state.get(&key)).cloned();
            let new = self
                .f
                .call(&[values, previous.clone().unwrap_or(Value::None)])?;
            match (new, previous) {
                (Value::None, Some(_)) => deleted.push(key.value().clone()),
                (Value::None, None) => {}
                (new, previous) => {
                    if previous.is_none_or(|p| !p.py_eq(&new)) {
                        changed.push(key.value().clone());
                    }
                    next.insert(key, new);
                }
            }
        }
        self.state = Some(next);
        self.changed = changed;
        self.deleted = deleted;
        self.state_batch()
    }

    /// The state as an RDD of `(key, state)` pairs, hash-partitioned.
    fn state_batch(&self) -> Result<Batch, OpError> {
        let mut partitions = vec![Vec::new(); self.partitions.max(1)];
        for (key, value) in self.state.iter().flatten() {
            let p = partition_of(key.value(), partitions.len())?;
            partitions[p].push(Value::tuple(vec![key.value().clone(), value.clone()]));
        }
        Ok(Batch { partitions })
    }

    /// Keys whose value changed in the last batch, and keys it deleted.
    pub fn last_changes(&self) -> (&[Value], &[Value]) {
        (&self.changed, &self.deleted)
    }
}

impl Operator for UpdateStateByKey {
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
        Value::tuple(vec![Value::from(k), Value::Int(v)])
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
    fn an_empty_first_batch_gives_an_empty_state() {
        let mut op = UpdateStateByKey::new(drop_idle(), 2, None);
        let state = op.update(&Batch::parallelize(vec![], 2)).unwrap();
        assert!(state.is_empty());
        assert_eq!(state.partitions.len(), 2);
    }
}

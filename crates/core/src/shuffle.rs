//! PySpark's `combineByKey` shuffle: what `reduceByKey`, `groupByKey`, `countByValue` and the
//! keyed windows are made of, and `partitionBy`, the shuffle under it.

use std::borrow::Cow;

use indexmap::map::Entry;

use crate::func::{binary, Builtin, Func};
use crate::operator::OpError;
use crate::value::{partition_of, Key, KeyMap, KeyRef, KeyState, ValueError};
use crate::{Batch, Value};

/// How a shuffle picks a key's partition.
#[derive(Clone, Copy, Debug)]
pub enum Partitioner<'a> {
    /// PySpark's default: `portable_hash(key) % partitions`.
    PortableHash,
    /// A user's `partitionFunc`: `partitionFunc(key) % partitions`, Python's modulo.
    Func(&'a Func),
}

impl Partitioner<'_> {
    /// The partition of a key the shuffle already holds as a [`Key`]: by `portable_hash`,
    /// from the hash the key carries (no second hash of its string).
    pub fn partition_key(&self, key: &Key, partitions: usize) -> Result<usize, OpError> {
        match self {
            Partitioner::PortableHash => Ok(key.partition(partitions)),
            Partitioner::Func(_) => self.partition(key.value(), partitions),
        }
    }

    /// The partition of `key` among `partitions`.
    pub fn partition(&self, key: &Value, partitions: usize) -> Result<usize, OpError> {
        let n = partitions.max(1) as i64;
        match self {
            Partitioner::PortableHash => Ok(partition_of(key, partitions)?),
            Partitioner::Func(f) => match f.call(std::slice::from_ref(key))? {
                Value::Int(i) => Ok(i.rem_euclid(n) as usize),
                Value::Bool(b) => Ok(i64::from(b).rem_euclid(n) as usize),
                Value::Float(_) => Err(OpError(
                    "struct.error: required argument is not an integer".into(),
                )),
                other => Err(ValueError::Operands {
                    op: "%",
                    left: other.type_name(),
                    right: "int",
                }
                .into()),
            },
        }
    }
}

/// Moves each `(k, v)` record to the partition `partitioner` gives `k` (PySpark's
/// `RDD.partitionBy`): each output partition holds the records of input partition 0 in
/// order, then those of partition 1, and so on.
pub fn partition_by(
    batch: &Batch,
    partitions: usize,
    partitioner: &Partitioner<'_>,
) -> Result<Batch, OpError> {
    let partitions = partitions.max(1);
    let mut out = vec![Vec::new(); partitions];
    for record in batch.records() {
        let (k, _) = record.pair()?;
        out[partitioner.partition(&k, partitions)?].push(record.clone());
    }
    Ok(Batch { partitions: out })
}

/// How values of one key are combined (PySpark's `Aggregator`).
pub struct Combiner<'a> {
    /// The combiner for a key's first value.
    pub create: &'a dyn Fn(Value) -> Result<Value, OpError>,
    /// Adds a value to a combiner (map side).
    pub merge_value: &'a dyn Fn(Value, Value) -> Result<Value, OpError>,
    /// Merges two combiners (reduce side).
    pub merge_combiners: &'a dyn Fn(Value, Value) -> Result<Value, OpError>,
    /// The `operator` builtin that `merge_value` and `merge_combiners` both are, if they are
    /// one (`reduceByKey(add)`): the shuffle then adds ints and floats in place
    /// ([`Builtin::apply_in_place`]), without a call per record.
    pub builtin: Option<Builtin>,
}

impl Combiner<'_> {
    /// `acc = merge(acc, v)`: in place for a builtin on numbers, else through `merge`.
    #[inline]
    fn merge_into(
        &self,
        merge: &dyn Fn(Value, Value) -> Result<Value, OpError>,
        acc: &mut Value,
        v: &Value,
    ) -> Result<(), OpError> {
        if let Some(done) = self.builtin.and_then(|op| op.apply_in_place(acc, v)) {
            return done;
        }
        let old = std::mem::replace(acc, Value::None);
        *acc = merge(old, v.clone())?;
        Ok(())
    }
}

/// Combines the `(key, value)` records of `batch` by key into `partitions` hash partitions
/// (`portable_hash(key) % partitions`). Each input partition is combined first (in record
/// order), then each output partition merges those partial results in input-partition order.
/// Records come out as `(key, combined)` tuples, in the order keys were first seen.
pub fn combine_by_key(
    batch: &Batch,
    partitions: usize,
    combiner: &Combiner<'_>,
) -> Result<Batch, OpError> {
    combine_by_key_with(batch, partitions, &Partitioner::PortableHash, combiner)
}

/// [`combine_by_key`] with any partitioner (`combineByKey(..., partitionFunc=...)`).
pub fn combine_by_key_with(
    batch: &Batch,
    partitions: usize,
    partitioner: &Partitioner<'_>,
    combiner: &Combiner<'_>,
) -> Result<Batch, OpError> {
    let partitions = partitions.max(1);
    // Tables sized for up to 1024 keys from the start, so that the first partition does not
    // regrow them ten times (at most 64 KB more than a partition with few keys needs).
    let first = batch.partitions.first().map_or(0, Vec::len).min(1024);
    let mut buckets: Vec<KeyMap<Value>> = (0..partitions)
        .map(|_| KeyMap::with_capacity_and_hasher(first / partitions, KeyState::default()))
        .collect();
    // One table for every input partition's map-side combine, emptied after each: it keeps
    // its capacity, so it grows once per shuffle, not once per partition.
    let mut local: KeyMap<Value> = KeyMap::with_capacity_and_hasher(first, KeyState::default());
    for (i, partition) in batch.partitions.iter().enumerate() {
        // The first partition's combiners are what the buckets start with, so with PySpark's
        // hash partitioner they go straight into them: the same keys in the same order, with
        // the same calls, as through a map-side table, and one table insert per key fewer. (A
        // user's partitionFunc runs once per key after the map side, as in PySpark, so it
        // keeps both steps.)
        if i == 0 && matches!(partitioner, Partitioner::PortableHash) {
            for record in partition {
                with_pair(record, |k, v| {
                    let key = KeyRef::new(k)?;
                    fold(&mut buckets[key.partition(partitions)], key, v, combiner)
                })?;
            }
            continue;
        }
        for record in partition {
            with_pair(record, |k, v| {
                fold(&mut local, KeyRef::new(k)?, v, combiner)
            })?;
        }
        for (key, c) in local.drain(..) {
            let bucket = &mut buckets[partitioner.partition_key(&key, partitions)?];
            match bucket.entry(key) {
                Entry::Occupied(mut e) => {
                    combiner.merge_into(combiner.merge_combiners, e.get_mut(), &c)?;
                }
                Entry::Vacant(e) => {
                    e.insert(c);
                }
            }
        }
    }
    Ok(Batch {
        partitions: buckets.into_iter().map(pairs).collect(),
    })
}

/// The map side of a shuffle for one record: merges `v` into the combiner of `key` in
/// `table`, or starts one. The key is looked up borrowed and copied only the first time it
/// is seen; no value moves unless the merge needs it (an int added in place does not).
#[inline]
fn fold(
    table: &mut KeyMap<Value>,
    key: KeyRef<'_>,
    v: &Value,
    combiner: &Combiner<'_>,
) -> Result<(), OpError> {
    match table.get_mut(&key) {
        Some(acc) => combiner.merge_into(combiner.merge_value, acc, v),
        None => {
            table.insert(key.to_key(), (combiner.create)(v.clone())?);
            Ok(())
        }
    }
}

/// Calls `f` with the key and value of a keyed record, borrowed from it when it is a pair
/// (nearly always), else unpacked as `k, v = record` does.
#[inline]
fn with_pair<R>(
    record: &Value,
    f: impl FnOnce(&Value, &Value) -> Result<R, OpError>,
) -> Result<R, OpError> {
    match record {
        Value::Tuple(items) | Value::List(items) if items.len() == 2 => f(&items[0], &items[1]),
        other => {
            let (k, v) = other.pair()?;
            f(&k, &v)
        }
    }
}

/// The records of a keyed table: `(key, value)` tuples in the table's order.
pub fn pairs(table: KeyMap<Value>) -> Vec<Value> {
    table
        .into_iter()
        .map(|(k, v)| Value::tuple([k.into_value(), v]))
        .collect()
}

/// The key and value of a keyed record, as `k, v = record` unpacks it: borrowed from the
/// record when it is a pair (nearly always), so that a shuffle copies only what it keeps.
pub fn pair_of(record: &Value) -> Result<(Cow<'_, Value>, Cow<'_, Value>), ValueError> {
    match record {
        Value::Tuple(items) | Value::List(items) if items.len() == 2 => {
            Ok((Cow::Borrowed(&items[0]), Cow::Borrowed(&items[1])))
        }
        other => {
            let (k, v) = other.pair()?;
            Ok((Cow::Owned(k), Cow::Owned(v)))
        }
    }
}

/// Reduces the values of each key with `f` (`reduceByKey`).
pub fn reduce_by_key(
    batch: &Batch,
    partitions: usize,
    f: &dyn Fn(Value, Value) -> Result<Value, OpError>,
) -> Result<Batch, OpError> {
    combine_by_key(
        batch,
        partitions,
        &Combiner {
            create: &Ok,
            merge_value: f,
            merge_combiners: f,
            builtin: None,
        },
    )
}

/// [`reduce_by_key`] with a pipeline's function: an `operator` builtin on numbers is
/// applied in place, anything else called.
pub fn reduce_by_func(batch: &Batch, partitions: usize, f: &Func) -> Result<Batch, OpError> {
    combine_by_key(
        batch,
        partitions,
        &Combiner {
            create: &Ok,
            merge_value: &binary(f),
            merge_combiners: &binary(f),
            builtin: f.builtin(),
        },
    )
}

/// One key with its values from each input, in input order.
pub type TaggedGroup = (Value, Vec<Vec<Value>>);

/// The values of each key, side by side for several keyed RDDs (PySpark's tagged union then
/// `groupByKey`): per output partition, `(key, [values of input 0, values of input 1, …])`
/// in the order keys were first seen.
pub fn tagged_groups(
    inputs: &[&Batch],
    partitions: usize,
) -> Result<Vec<Vec<TaggedGroup>>, OpError> {
    let partitions = partitions.max(1);
    let mut buckets: Vec<KeyMap<Vec<Vec<Value>>>> = vec![KeyMap::default(); partitions];
    for (side, batch) in inputs.iter().enumerate() {
        for record in batch.records() {
            let (k, v) = pair_of(record)?;
            let key = Key::new(k.into_owned())?;
            let bucket = &mut buckets[key.partition(partitions)];
            let sides = bucket
                .entry(key)
                .or_insert_with(|| vec![Vec::new(); inputs.len()]);
            sides[side].push(v.into_owned());
        }
    }
    Ok(buckets
        .into_iter()
        .map(|b| b.into_iter().map(|(k, s)| (k.into_value(), s)).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// PySpark's combineByKey written plainly: each input partition combined on its own, then
    /// the partial results merged per output partition in input-partition order.
    fn reference(batch: &Batch, partitions: usize, c: &Combiner<'_>) -> Batch {
        let mut buckets: Vec<Vec<(Value, Value)>> = vec![Vec::new(); partitions];
        for part in &batch.partitions {
            let mut local: Vec<(Value, Value)> = Vec::new();
            for r in part {
                let (k, v) = r.pair().unwrap();
                match local.iter_mut().find(|(q, _)| q.py_eq(&k)) {
                    Some((_, acc)) => *acc = (c.merge_value)(acc.clone(), v).unwrap(),
                    None => local.push((k, (c.create)(v).unwrap())),
                }
            }
            for (k, x) in local {
                let bucket = &mut buckets[partition_of(&k, partitions).unwrap()];
                match bucket.iter_mut().find(|(q, _)| q.py_eq(&k)) {
                    Some((_, acc)) => *acc = (c.merge_combiners)(acc.clone(), x).unwrap(),
                    None => bucket.push((k, x)),
                }
            }
        }
        Batch {
            partitions: (buckets.into_iter())
                .map(|b| b.into_iter().map(|(k, v)| Value::tuple([k, v])).collect())
                .collect(),
        }
    }

    #[test]
    fn combining_equals_pysparks_two_steps_in_order_and_calls() {
        // Order-sensitive merges (string concatenation) over keys that repeat across three
        // input partitions, with `True == 1` and `1.0 == 1` among them.
        let keys = [
            Value::Int(1),
            Value::from("a"),
            Value::Bool(true),
            Value::Float(1.0),
            Value::None,
            Value::tuple([Value::Int(2), Value::from("b")]),
            Value::Int(7),
        ];
        let records: Vec<Value> = (0..200)
            .map(|i| Value::tuple([keys[i * 5 % 7].clone(), Value::str(format!("{i},"))]))
            .collect();
        let batch = Batch {
            partitions: records.chunks(70).map(<[Value]>::to_vec).collect(),
        };
        let concat = |a: Value, b: Value| Ok(a.add(&b)?);
        let combiner = Combiner {
            create: &|v| Ok(Value::tuple([v])),
            merge_value: &|acc, v| Ok(acc.add(&Value::tuple([v]))?),
            merge_combiners: &concat,
            builtin: None,
        };
        for partitions in [1, 2, 3] {
            assert_eq!(
                combine_by_key(&batch, partitions, &combiner).unwrap(),
                reference(&batch, partitions, &combiner),
                "{partitions} partitions"
            );
        }
        let sum = Combiner {
            create: &Ok,
            merge_value: &concat,
            merge_combiners: &concat,
            builtin: None,
        };
        assert_eq!(
            combine_by_key(&batch, 2, &sum).unwrap(),
            reference(&batch, 2, &sum)
        );
    }
}

//! PySpark's `combineByKey` shuffle: what `reduceByKey`, `groupByKey`, `countByValue` and the
//! keyed windows are made of, and `partitionBy`, the shuffle under it.

use indexmap::map::Entry;

use crate::func::Func;
use crate::operator::OpError;
use crate::value::{partition_of, Key, KeyMap, ValueError};
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
    let mut buckets: Vec<KeyMap<Value>> = vec![KeyMap::default(); partitions];
    for partition in &batch.partitions {
        let mut local: KeyMap<Value> = KeyMap::default();
        for record in partition {
            let (k, v) = record.pair()?;
            match local.entry(Key::new(k)?) {
                Entry::Occupied(mut e) => {
                    let acc = std::mem::replace(e.get_mut(), Value::None);
                    *e.get_mut() = (combiner.merge_value)(acc, v)?;
                }
                Entry::Vacant(e) => {
                    e.insert((combiner.create)(v)?);
                }
            }
        }
        for (key, c) in local {
            let bucket = &mut buckets[partitioner.partition(key.value(), partitions)?];
            match bucket.entry(key) {
                Entry::Occupied(mut e) => {
                    let acc = std::mem::replace(e.get_mut(), Value::None);
                    *e.get_mut() = (combiner.merge_combiners)(acc, c)?;
                }
                Entry::Vacant(e) => {
                    e.insert(c);
                }
            }
        }
    }
    let partitions = buckets
        .into_iter()
        .map(|bucket| {
            bucket
                .into_iter()
                .map(|(k, c)| Value::tuple(vec![k.into_value(), c]))
                .collect()
        })
        .collect();
    Ok(Batch { partitions })
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
            let (k, v) = record.pair()?;
            let bucket = &mut buckets[partition_of(&k, partitions)?];
            let sides = bucket
                .entry(Key::new(k)?)
                .or_insert_with(|| vec![Vec::new(); inputs.len()]);
            sides[side].push(v);
        }
    }
    Ok(buckets
        .into_iter()
        .map(|b| b.into_iter().map(|(k, s)| (k.into_value(), s)).collect())
        .collect())
}

//! Python's `==` and `<` on [`Value`]s, and [`Key`]: a value used as a dict key or shuffle key
//! with Python's equality (`1 == 1.0 == True`) and hash.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use super::hash::int_hash;
use super::{portable_hash, py_hash, Value, ValueError};

impl Value {
    /// Python's `a == b`.
    ///
    /// ```
    /// use eddy_core::Value;
    /// assert!(Value::Int(1).py_eq(&Value::Float(1.0)));
    /// assert!(!Value::tuple([]).py_eq(&Value::list(vec![])));
    /// ```
    pub fn py_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) => true,
            (Str(a), Str(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.py_eq(y))
            }
            (Int(a), Int(b)) => a == b,
            (Dict(a), Dict(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.py_eq(w)))
            }
            (Set(a), Set(b)) => a == b,
            (DateTime(a), DateTime(b)) => a == b,
            // `np.array_equal`; PySpark compares points by identity, Eddy by contents.
            (Vector(a), Vector(b)) => a == b,
            (LabeledPoint(a), LabeledPoint(b)) => a == b,
            (NdArray(a), NdArray(b)) => a == b,
            (Dict(_) | Set(_) | DateTime(_), _) | (_, Dict(_) | Set(_) | DateTime(_)) => false,
            _ => match (self.as_f64_exact(), other.as_f64_exact()) {
                (Some(a), Some(b)) => numeric_cmp(self, other, a, b) == Some(Ordering::Equal),
                _ => false,
            },
        }
    }

    /// Python's ordering (`<`, as `sorted` uses it): numbers with numbers, strings with
    /// strings, datetimes with datetimes, sequences of the same type item by item. Other pairs
    /// are a `TypeError`, and so are sets (Python orders them by inclusion, which is not a
    /// total order; Eddy refuses it) and dicts.
    pub fn py_cmp(&self, other: &Value) -> Result<Ordering, ValueError> {
        use Value::*;
        let mismatch = || ValueError::Unorderable {
            left: self.type_name(),
            right: other.type_name(),
        };
        match (self, other) {
            (Str(a), Str(b)) => Ok(a.cmp(b)),
            (Int(a), Int(b)) => Ok(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Ok(a.cmp(b)),
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    if !x.py_eq(y) {
                        return x.py_cmp(y);
                    }
                }
                Ok(a.len().cmp(&b.len()))
            }
            _ => match (self.as_f64_exact(), other.as_f64_exact()) {
                // NaN compares false both ways; Python's sort treats it as "not less".
                (Some(a), Some(b)) => Ok(numeric_cmp(self, other, a, b).unwrap_or(Ordering::Equal)),
                _ => Err(mismatch()),
            },
        }
    }

    fn as_f64_exact(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) | Value::NpFloat(f) => Some(*f),
            _ => None,
        }
    }
}

/// Compares two numbers exactly, as Python does (an int beyond 2^53 is not rounded).
fn numeric_cmp(a: &Value, b: &Value, fa: f64, fb: f64) -> Option<Ordering> {
    let int = |v: &Value| match v {
        Value::Bool(x) => Some(i64::from(*x)),
        Value::Int(x) => Some(*x),
        _ => None,
    };
    match (int(a), int(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (Some(x), None) => cmp_int_float(x, fb),
        (None, Some(y)) => cmp_int_float(y, fa).map(Ordering::reverse),
        (None, None) => fa.partial_cmp(&fb),
    }
}

fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9.3e18 {
        return Some(Ordering::Less);
    }
    if f <= -9.3e18 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0.partial_cmp(&(f - t)),
        other => Some(other),
    }
}

/// Hashes a [`Key`] for the engine's keyed tables by mixing its precomputed Python hash (one
/// multiply, Fx's mix): the key already carries a good hash, and hashing it again with the
/// default SipHash cost more than the rest of a dict insert.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

const KEY_MIX: u64 = 0xf135_7aea_2e62_a9c5;

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(KEY_MIX);
        }
    }

    #[inline]
    fn write_i64(&mut self, i: i64) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(KEY_MIX);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves its entropy in the high bits; the table indexes by the low ones.
        self.0.rotate_left(26)
    }
}

/// What builds [`KeyHasher`]s.
pub type KeyState = std::hash::BuildHasherDefault<KeyHasher>;

/// A table by [`Key`] in insertion order: Python dicts, and the engine's per-key tables.
pub type KeyMap<V> = indexmap::IndexMap<Key, V, KeyState>;

/// A hashable value as a key, with Python's equality; its hash is computed once.
#[derive(Clone, Debug)]
pub struct Key {
    value: Value,
    hash: i64,
}

impl Key {
    /// The key for `value`, or Python's `TypeError` if it is unhashable.
    pub fn new(value: Value) -> Result<Self, ValueError> {
        let hash = py_hash(&value)?;
        Ok(Key { value, hash })
    }

    /// The value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Python's `hash()` of the value (`PYTHONHASHSEED=0`).
    pub fn hash(&self) -> i64 {
        self.hash
    }

    /// The value, owned.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// PySpark's `portable_hash` of the value: its Python hash, which the key carries, except
    /// for `None` and tuples (PySpark hashes those its own way). A shuffle places each key
    /// with it, so that a key's string is hashed once, not once per table it passes through.
    pub fn portable_hash(&self) -> i64 {
        portable_from(&self.value, self.hash)
    }

    /// The partition of the key among `partitions`: `portable_hash(key) % partitions`, with
    /// Python's modulo (the same as [`super::partition_of`] of its value).
    pub fn partition(&self, partitions: usize) -> usize {
        partition_from(&self.value, self.hash, partitions)
    }
}

/// `portable_hash(value)` from the value's Python hash `hash`.
fn portable_from(value: &Value, hash: i64) -> i64 {
    match value {
        Value::None => 0,
        // A tuple's items were hashable (its hash exists), so this cannot fail.
        Value::Tuple(_) => portable_hash(value).unwrap_or(hash),
        _ => hash,
    }
}

fn partition_from(value: &Value, hash: i64, partitions: usize) -> usize {
    portable_from(value, hash).rem_euclid(partitions.max(1) as i64) as usize
}

/// A value borrowed with its Python hash, to look a [`Key`] up in a [`KeyMap`] without
/// copying the value (`map.get_mut(&KeyRef::new(v)?)`): a shuffle finds each record's key
/// this way, and copies a key only the first time it sees it.
#[derive(Clone, Copy, Debug)]
pub struct KeyRef<'a> {
    value: &'a Value,
    hash: i64,
}

impl<'a> KeyRef<'a> {
    /// The key of `value`, or Python's `TypeError` if it is unhashable.
    #[inline]
    pub fn new(value: &'a Value) -> Result<Self, ValueError> {
        let hash = match value {
            // The most common key, hashed inline.
            Value::Int(i) => int_hash(*i),
            other => py_hash(other)?,
        };
        Ok(KeyRef { value, hash })
    }

    /// The partition of the key among `partitions` (as [`Key::partition`]).
    pub fn partition(&self, partitions: usize) -> usize {
        partition_from(self.value, self.hash, partitions)
    }

    /// The owned key (the value cloned, the hash kept).
    #[inline]
    pub fn to_key(self) -> Key {
        Key {
            value: self.value.clone(),
            hash: self.hash,
        }
    }
}

impl Hash for KeyRef<'_> {
    /// As [`Key`] hashes: a `KeyRef` finds the `Key` of an equal value.
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash);
    }
}

impl indexmap::Equivalent<Key> for KeyRef<'_> {
    #[inline]
    fn equivalent(&self, key: &Key) -> bool {
        self.hash == key.hash && same_key(self.value, &key.value)
    }
}

/// Python's `==` for two keys with the same hash: ints compared inline (the common key).
#[inline]
fn same_key(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => x == y,
        _ => a.py_eq(b),
    }
}

impl PartialEq for Key {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && same_key(&self.value, &other.value)
    }
}

impl Eq for Key {}

impl Hash for Key {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash);
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn numbers_compare_across_types() {
        assert_eq!(Value::Int(2).py_cmp(&Value::Float(2.5)), Ok(Ordering::Less));
        assert_eq!(
            Value::Bool(true).py_cmp(&Value::Int(0)),
            Ok(Ordering::Greater)
        );
        assert!(Value::Int(i64::MAX).py_eq(&Value::Int(i64::MAX)));
        assert!(!Value::Int((1 << 53) + 1).py_eq(&Value::Float((1u64 << 53) as f64)));
    }

    #[test]
    fn sequences_compare_item_by_item() {
        let t = |a: i64, b: &str| Value::tuple([Value::Int(a), Value::from(b)]);
        assert_eq!(t(1, "b").py_cmp(&t(1, "c")), Ok(Ordering::Less));
        assert_eq!(t(2, "a").py_cmp(&t(1, "z")), Ok(Ordering::Greater));
    }

    #[test]
    fn mixed_types_do_not_order() {
        let err = Value::Int(1).py_cmp(&Value::from("a")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: '<' not supported between instances of 'int' and 'str'"
        );
    }

    #[test]
    fn dicts_and_sets_compare_without_order_and_do_not_sort() {
        let kv = |k: &str, v: i64| (Value::from(k), Value::Int(v));
        let ab = Value::dict([kv("a", 1), kv("b", 2)]).unwrap();
        let ba = Value::dict([kv("b", 2), kv("a", 1)]).unwrap();
        assert!(ab.py_eq(&ba));
        assert!(!ab.py_eq(&Value::dict([kv("a", 1), kv("b", 3)]).unwrap()));
        let set = |xs: &[i64]| {
            Value::set(crate::value::PySet::from_values(xs.iter().map(|x| Value::Int(*x))).unwrap())
        };
        assert!(set(&[1, 2, 3]).py_eq(&set(&[3, 2, 1])));
        assert!(!set(&[1, 2]).py_eq(&set(&[1, 2, 3])));
        assert!(!set(&[]).py_eq(&Value::dict([]).unwrap()));
        assert!(set(&[1]).py_cmp(&set(&[2])).is_err());
        let err = ab.py_cmp(&ba).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: '<' not supported between instances of 'dict' and 'dict'"
        );
    }

    #[test]
    fn datetimes_compare_with_datetimes_only() {
        let t =
            |s| Value::DateTime(crate::value::DateTime::new(2016, 3, 22, 20, 25, s, 0).unwrap());
        assert_eq!(t(28).py_cmp(&t(29)), Ok(Ordering::Less));
        assert!(t(28).py_eq(&t(28)));
        assert!(!t(28).py_eq(&Value::Int(28)));
        let err = t(28).py_cmp(&Value::Int(1)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: '<' not supported between instances of 'datetime.datetime' and 'int'"
        );
    }

    #[test]
    fn a_keys_partition_is_its_values_portable_hash_partition() {
        let keys = [
            Value::None,
            Value::Bool(true),
            Value::Int(-7),
            Value::Float(2.5),
            Value::from("EPE"),
            Value::tuple([Value::from("x"), Value::None]),
            Value::tuple([Value::Int(1), Value::tuple([Value::from("a")])]),
        ];
        for v in keys {
            let key = Key::new(v.clone()).unwrap();
            assert_eq!(
                Some(key.portable_hash()),
                portable_hash(&v).ok(),
                "{}",
                v.repr()
            );
            for n in [1, 2, 3, 7] {
                assert_eq!(Ok(key.partition(n)), super::super::partition_of(&v, n));
            }
        }
    }

    #[test]
    fn keys_equal_across_numeric_types() {
        use std::collections::HashSet;
        let keys: HashSet<Key> = [Value::Int(1), Value::Float(1.0), Value::Bool(true)]
            .into_iter()
            .map(|v| Key::new(v).unwrap())
            .collect();
        assert_eq!(keys.len(), 1);
    }
}

//! Python's `hash()` under `PYTHONHASHSEED=0` and PySpark's `portable_hash`, so that keyed
//! records land in the same partitions as in Spark (SEMANTICS E2).

use siphasher::sip::SipHasher13;
use std::hash::Hasher;

use super::{Value, ValueError};

/// `sys.hash_info.modulus`: numeric hashes are reduced modulo the Mersenne prime 2^61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
const HASH_INF: i64 = 314_159;

/// Python's `hash(x)` with `PYTHONHASHSEED=0` (CPython 3.11+, siphash13), for hashable values.
///
/// ```
/// use eddy_core::{value::py_hash, Value};
/// assert_eq!(py_hash(&Value::from("a")), Ok(4644417185603328019));
/// assert_eq!(py_hash(&Value::Int(-1)), Ok(-2));
/// assert_eq!(py_hash(&Value::Float(1.5)), Ok(1152921504606846977));
/// ```
pub fn py_hash(v: &Value) -> Result<i64, ValueError> {
    match v {
        Value::None => Ok(NONE_HASH),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Int(i) => Ok(int_hash(*i)),
        Value::Float(f) => Ok(float_hash(*f)),
        Value::Str(s) => Ok(str_hash(s)),
        Value::Tuple(items) => tuple_hash(items),
        Value::DateTime(t) => Ok(bytes_hash(&t.data())),
        Value::NpFloat(f) => Ok(float_hash(*f)),
        Value::Vector(v) => Ok(dense_vector_hash(v)),
        // PySpark hashes points by identity; Eddy by contents, as the tuple (label, features).
        Value::LabeledPoint(p) => {
            tuple_hash(&[Value::Float(p.label), Value::Vector(p.features.clone())])
        }
        other => Err(ValueError::Unhashable(other.type_name())),
    }
}

/// PySpark's `portable_hash(x)`: `hash(x)`, but 0 for `None` and a fixed combination for
/// tuples (whose items are hashed with `portable_hash` too), so hashes agree across workers.
///
/// ```
/// use eddy_core::{value::portable_hash, Value};
/// assert_eq!(portable_hash(&Value::None), Ok(0));
/// ```
pub fn portable_hash(v: &Value) -> Result<i64, ValueError> {
    match v {
        Value::None => Ok(0),
        Value::Tuple(items) => {
            let mut h: i128 = 0x345678;
            for item in items.iter() {
                h ^= i128::from(portable_hash(item)?);
                h = (h * 1_000_003) & i128::from(i64::MAX);
            }
            h ^= items.len() as i128;
            Ok(if h == -1 { -2 } else { h as i64 })
        }
        other => py_hash(other),
    }
}

/// The partition a key goes to: `portable_hash(key) % partitions`, with Python's modulo.
pub fn partition_of(key: &Value, partitions: usize) -> Result<usize, ValueError> {
    Ok(portable_hash(key)?.rem_euclid(partitions.max(1) as i64) as usize)
}

/// `DenseVector.__hash__`: `31 * result + i` and the bits of the first 128 non-zero values,
/// in Python's unbounded ints. CPython keeps a `__hash__` result that fits in 64 bits as it is
/// and hashes a larger one as an int (modulo 2^61 - 1).
fn dense_vector_hash(v: &[f64]) -> i64 {
    let m = u128::from(MODULUS);
    // Exact while below 2^63, then only modulo 2^61 - 1 (the value only grows).
    let mut result = 31 + v.len() as u128;
    let mut big = false;
    let mut step = |result: &mut u128, k: u128| {
        *result = 31 * *result + k;
        if big || *result >= 1 << 63 {
            big = true;
            *result %= m;
        }
    };
    let mut nnz = 0;
    for (i, x) in v.iter().enumerate() {
        if nnz >= 128 {
            break;
        }
        if *x != 0.0 {
            step(&mut result, i as u128);
            let bits = if x.is_nan() { f64::NAN } else { *x }.to_bits();
            step(&mut result, u128::from(bits ^ (bits >> 32)));
            nnz += 1;
        }
    }
    fix(result as i64)
}

/// CPython hashes `None` by address; PySpark never does (it special-cases `None`), so any
/// fixed value serves for dict keys.
const NONE_HASH: i64 = 0x5f3759df;

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(i)` for an int.
#[inline]
pub(super) fn int_hash(i: i64) -> i64 {
    let h = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -h } else { h })
}

/// CPython's `_Py_HashDouble`: equal to the hash of the int when the float is integral.
fn float_hash(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 60 - ((-1 - e) % 61) } as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = x as i64;
    fix(if f < 0.0 { -h } else { h })
}

/// `math.frexp` for finite positive `f`: `f = m * 2**e` with `0.5 <= m < 1`.
fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython hashes a `str` over its internal representation: 1, 2 or 4 bytes per character
/// depending on the widest character, little-endian.
fn str_hash(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    for c in s.chars() {
        let c = c as u32;
        match widest {
            0..=0xff => hasher.write_u8(c as u8),
            0x100..=0xffff => hasher.write(&(c as u16).to_le_bytes()),
            _ => hasher.write(&c.to_le_bytes()),
        }
    }
    fix(hasher.finish() as i64)
}

/// CPython's `_Py_HashBytes` (siphash13, key 0 under `PYTHONHASHSEED=0`).
fn bytes_hash(bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let mut hasher = SipHasher13::new_with_keys(0, 0);
    hasher.write(bytes);
    fix(hasher.finish() as i64)
}

/// CPython's tuple hash (xxHash-based, 3.8+).
fn tuple_hash(items: &[Value]) -> Result<i64, ValueError> {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for item in items {
        let lane = py_hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3_527_539));
    Ok(if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    })
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// Expected values printed by CPython 3.11 with `PYTHONHASHSEED=0`.
    #[test]
    fn hashes_match_cpython_with_seed_zero() {
        let cases: [(Value, i64); 12] = [
            (Value::from("abc"), -4594863902769663758),
            (Value::from(""), 0),
            (Value::from("é"), 6047309291227476195),
            (Value::from("€x"), -483395623852268653),
            (Value::from("😀"), -3536540696076613844),
            (Value::Int(-2), -2),
            (Value::Int(1 << 61), 1),
            (Value::Int((1 << 61) - 1), 0),
            (Value::Int(i64::MIN), -4),
            (Value::Float(0.1), 230584300921369408),
            (Value::Float(f64::INFINITY), 314159),
            (Value::Float(-0.5), -1152921504606846976),
        ];
        for (v, want) in cases {
            assert_eq!(py_hash(&v), Ok(want), "hash({})", v.repr());
        }
    }

    #[test]
    fn tuples_hash_as_cpython_and_pyspark() {
        let pair = Value::tuple([Value::Int(1), Value::from("a")]);
        assert_eq!(py_hash(&pair), Ok(3906047847676358913));
        let one = Value::tuple([Value::from("x")]);
        assert_eq!(py_hash(&one), Ok(-728545910160311267));
        // Printed by pyspark.rdd.portable_hash with PYTHONHASHSEED=0.
        assert_eq!(portable_hash(&pair), Ok(5400004561722130730));
        let with_none = Value::tuple([Value::from("x"), Value::None]);
        assert_eq!(portable_hash(&with_none), Ok(4161001236564778801));
        assert_eq!(partition_of(&Value::from("EPE"), 2), Ok(1));
    }

    #[test]
    fn equal_numbers_hash_equal() {
        assert_eq!(py_hash(&Value::Float(3.0)), py_hash(&Value::Int(3)));
        assert_eq!(py_hash(&Value::Bool(true)), py_hash(&Value::Int(1)));
    }

    #[test]
    fn booleans_split_false_then_true() {
        // SEMANTICS E2: False goes to partition 0 and True to 1, so SELLS print before BUYS.
        assert_eq!(partition_of(&Value::Bool(false), 2), Ok(0));
        assert_eq!(partition_of(&Value::Bool(true), 2), Ok(1));
    }

    #[test]
    fn lists_dicts_and_sets_are_unhashable() {
        let err = py_hash(&Value::list(vec![])).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
        let err = py_hash(&Value::dict([]).unwrap()).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'dict'");
        let err = py_hash(&Value::set(Default::default())).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'set'");
    }
}

//! Values with Python semantics: what flows through a pipeline.
//!
//! PySpark programs move Python objects; Eddy moves [`Value`]s that behave like them where a
//! learner can see it: arithmetic (with a clear error instead of Python's big integers),
//! equality across `int`/`float`/`bool`, and `str()`/`repr()` text exactly as CPython prints.

mod arith;
mod compare;
mod datetime;
mod drop;
mod hash;
mod ml;
mod repr;
mod set;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use arith::ValueError;
pub use compare::{Key, KeyHasher, KeyMap, KeyRef, KeyState};
pub use datetime::DateTime;
pub use hash::{partition_of, portable_hash, py_hash};
pub use ml::{np_float_repr, vector_repr, vector_str, LabeledPoint, NdArray};
pub use repr::float_repr;
pub use set::PySet;

/// One Python value. Containers share their contents ([`Arc`]) so that cloning a record,
/// which windows and snapshots do a lot, is cheap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// Python's `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A Python `int` that fits in 64 bits; arithmetic that leaves that range is an error.
    Int(i64),
    /// A Python `float`.
    Float(f64),
    /// A Python `str`.
    Str(Arc<str>),
    /// A Python `tuple`.
    Tuple(Arc<[Value]>),
    /// A Python `list`.
    List(Arc<[Value]>),
    /// A Python `dict`: keys in insertion order, as Python keeps them. Remove with
    /// `shift_remove` (Python's `del d[k]` keeps the order of the others). Serialised as a
    /// list of `[key, value]` pairs.
    Dict(#[serde(with = "dict_serde")] Arc<Dict>),
    /// A Python `set`, iterating in CPython's order (see [`PySet`]). Serialised as the list
    /// of its elements.
    Set(Arc<PySet>),
    /// A naive `datetime.datetime`.
    DateTime(DateTime),
    /// A `numpy.float64`: a `float` that numpy 2 prints as `np.float64(0.5)` inside
    /// containers (the predictions of the linear models, SEMANTICS H3).
    NpFloat(f64),
    /// A `pyspark.mllib.linalg.DenseVector`.
    Vector(Arc<[f64]>),
    /// A `pyspark.mllib.regression.LabeledPoint`.
    LabeledPoint(Arc<LabeledPoint>),
    /// A float64 `numpy.ndarray` (k-means centres).
    NdArray(Arc<NdArray>),
}

/// The contents of a Python `dict`: hashable keys in insertion order.
pub type Dict = KeyMap<Value>;

mod dict_serde {
    use std::sync::Arc;

    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{Dict, Value};

    pub fn serialize<S: Serializer>(dict: &Arc<Dict>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(dict.len()))?;
        for (k, v) in dict.iter() {
            seq.serialize_element(&(k.value(), v))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Arc<Dict>, D::Error> {
        let pairs = Vec::<(Value, Value)>::deserialize(deserializer)?;
        match &Value::dict(pairs).map_err(serde::de::Error::custom)? {
            Value::Dict(d) => Ok(d.clone()),
            _ => Err(serde::de::Error::custom("not a dict")),
        }
    }
}

impl Value {
    /// A `str` value.
    pub fn str(s: impl Into<Arc<str>>) -> Self {
        Value::Str(s.into())
    }

    /// A `tuple` value.
    pub fn tuple(items: impl Into<Arc<[Value]>>) -> Self {
        Value::Tuple(items.into())
    }

    /// A `list` value.
    pub fn list(items: impl Into<Arc<[Value]>>) -> Self {
        Value::List(items.into())
    }

    /// A `dict` from `(key, value)` pairs in order, as `dict(pairs)` builds it: a repeated key
    /// keeps its first position and takes the last value. Unhashable keys are a `TypeError`.
    ///
    /// ```
    /// use eddy_core::Value;
    /// let d = Value::dict([("a", 1), ("b", 2), ("a", 3)].map(|(k, v)| (Value::from(k), Value::Int(v))));
    /// assert_eq!(d.unwrap().repr(), "{'a': 3, 'b': 2}");
    /// ```
    pub fn dict(pairs: impl IntoIterator<Item = (Value, Value)>) -> Result<Self, ValueError> {
        let mut dict = Dict::default();
        for (k, v) in pairs {
            dict.insert(Key::new(k)?, v);
        }
        Ok(Value::Dict(Arc::new(dict)))
    }

    /// A `set` value.
    pub fn set(set: PySet) -> Self {
        Value::Set(Arc::new(set))
    }

    /// Python's type name, as error messages print it (`int`, `str`, …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Tuple(_) => "tuple",
            Value::List(_) => "list",
            Value::Dict(_) => "dict",
            Value::Set(_) => "set",
            Value::DateTime(_) => "datetime.datetime",
            Value::NpFloat(_) => "numpy.float64",
            Value::Vector(_) => "DenseVector",
            Value::LabeledPoint(_) => "LabeledPoint",
            Value::NdArray(_) => "numpy.ndarray",
        }
    }

    /// Python truthiness: `bool(x)`.
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(items) | Value::List(items) => !items.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) => !s.is_empty(),
            Value::DateTime(_) | Value::LabeledPoint(_) => true,
            Value::NpFloat(f) => *f != 0.0,
            Value::Vector(v) => !v.is_empty(),
            Value::NdArray(a) => !a.data.is_empty(),
        }
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::str(s)
    }
}

impl Value {
    /// The items of an iterable, as `list(x)` gives them (`str` yields its characters, a
    /// `dict` its keys in insertion order, a `set` its elements in CPython's order).
    pub fn items(&self) -> Result<Vec<Value>, ValueError> {
        match self {
            Value::Tuple(items) | Value::List(items) => Ok(items.to_vec()),
            Value::Dict(d) => Ok(d.keys().map(|k| k.value().clone()).collect()),
            Value::Set(s) => Ok(s.iter().cloned().collect()),
            Value::Str(s) => Ok(s.chars().map(|c| Value::str(c.to_string())).collect()),
            Value::Vector(v) => Ok(v.iter().map(|x| Value::NpFloat(*x)).collect()),
            Value::NdArray(a) => Ok(a.items()),
            other => Err(ValueError::NotIterable(other.type_name())),
        }
    }

    /// Unpacks a key-value pair, as `k, v = record` does in PySpark's keyed operations.
    ///
    /// ```
    /// use eddy_core::Value;
    /// let (k, v) = Value::tuple([Value::from("a"), Value::Int(1)]).pair().unwrap();
    /// assert_eq!((k, v), (Value::from("a"), Value::Int(1)));
    /// assert!(Value::Int(3).pair().is_err());
    /// ```
    pub fn pair(&self) -> Result<(Value, Value), ValueError> {
        let two = |items: &[Value]| match items {
            [k, v] => Ok((k.clone(), v.clone())),
            _ => Err(ValueError::Unpack(items.len())),
        };
        match self {
            // Every keyed record goes through here: no copy of the pair itself.
            Value::Tuple(items) | Value::List(items) => two(items),
            other => two(&other.items()?),
        }
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn dicts_sets_and_datetimes_round_trip_through_json() {
        let t = DateTime::new(2016, 3, 22, 20, 25, 28, 0).unwrap();
        let set = PySet::from_values(["b", "a", "c"].map(Value::from)).unwrap();
        let v = Value::tuple([
            Value::dict([(Value::Int(1), Value::from("x"))]).unwrap(),
            Value::set(set),
            Value::DateTime(t),
        ]);
        let json = serde_json::to_string(&v).unwrap();
        assert!(
            json.contains(r#"{"Dict":[[{"Int":1},{"Str":"x"}]]}"#),
            "{json}"
        );
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, v);
        assert_eq!(back.repr(), v.repr());
    }

    #[test]
    fn truthiness_and_iteration_follow_python() {
        let empty = Value::dict([]).unwrap();
        assert!(!empty.truthy());
        assert!(!Value::set(PySet::new()).truthy());
        let d = Value::dict([(Value::from("k"), Value::Int(1))]).unwrap();
        assert!(d.truthy());
        assert_eq!(d.items(), Ok(vec![Value::from("k")]));
        assert_eq!(d.type_name(), "dict");
        let t = DateTime::new(1, 1, 1, 0, 0, 0, 0).unwrap();
        assert!(Value::DateTime(t).truthy());
        assert!(Value::DateTime(t).items().is_err());
    }

    #[test]
    fn a_dict_with_an_unhashable_key_is_a_type_error() {
        let err = Value::dict([(Value::list(vec![]), Value::None)]).unwrap_err();
        assert_eq!(err.to_string(), "TypeError: unhashable type: 'list'");
    }
}

//! Values with Python semantics: what flows through a pipeline.
//!
//! PySpark programs move Python objects; Eddy moves [`Value`]s that behave like them where a
//! learner can see it: arithmetic (with a clear error instead of Python's big integers),
//! equality across `int`/`float`/`bool`, and `str()`/`repr()` text exactly as CPython prints.

mod arith;
mod compare;
mod hash;
mod repr;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use arith::ValueError;
pub use compare::Key;
pub use hash::{partition_of, portable_hash, py_hash};
pub use repr::float_repr;

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
    /// The items of an iterable, as `list(x)` gives them (`str` yields its characters).
    pub fn items(&self) -> Result<Vec<Value>, ValueError> {
        match self {
            Value::Tuple(items) | Value::List(items) => Ok(items.to_vec()),
            Value::Str(s) => Ok(s.chars().map(|c| Value::str(c.to_string())).collect()),
            other => Err(ValueError::NotIterable(other.type_name())),
        }
    }

    /// Unpacks a key-value pair, as `k, v = record` does in PySpark's keyed operations.
    ///
    /// ```
    /// use eddy_core::Value;
    /// let (k, v) = Value::tuple(vec![Value::from("a"), Value::Int(1)]).pair().unwrap();
    /// assert_eq!((k, v), (Value::from("a"), Value::Int(1)));
    /// assert!(Value::Int(3).pair().is_err());
    /// ```
    pub fn pair(&self) -> Result<(Value, Value), ValueError> {
        let items = match self {
            Value::Tuple(items) | Value::List(items) => items.clone(),
            other => other.items()?.into(),
        };
        match &*items {
            [k, v] => Ok((k.clone(), v.clone())),
            _ => Err(ValueError::Unpack(items.len())),
        }
    }
}

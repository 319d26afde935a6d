//! Python arithmetic on [`Value`]s.

use std::sync::Arc;

use super::Value;

/// What went wrong applying a Python operation, in Python's words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValueError {
    /// Python raises `TypeError` for these operand types.
    #[error("TypeError: unsupported operand type(s) for {op}: '{left}' and '{right}'")]
    Operands {
        /// The operator as Python spells it (`+`, `-`, …).
        op: &'static str,
        /// Type of the left operand.
        left: &'static str,
        /// Type of the right operand.
        right: &'static str,
    },
    /// The values have no order (`sorted` of mixed types).
    #[error("TypeError: '<' not supported between instances of '{left}' and '{right}'")]
    Unorderable {
        /// Type of the left operand.
        left: &'static str,
        /// Type of the right operand.
        right: &'static str,
    },
    /// `for x in v` on a value that is not iterable.
    #[error("TypeError: '{0}' object is not iterable")]
    NotIterable(&'static str),
    /// `k, v = record` on a record that is not a pair.
    #[error("ValueError: {}", unpack_message(*.0))]
    Unpack(usize),
    /// The value cannot be a dict key or be hash-partitioned.
    #[error("TypeError: unhashable type: '{0}'")]
    Unhashable(&'static str),
    /// The exact result does not fit in a 64-bit integer; CPython would switch to a big integer.
    #[error(
        "OverflowError: integer result of {op} does not fit in 64 bits (Eddy's ints are 64-bit)"
    )]
    Overflow {
        /// The operator as Python spells it.
        op: &'static str,
    },
    /// Any other Python exception, as Python prints it (`ValueError: month must be in 1..12`).
    #[error("{0}")]
    Raised(String),
}

fn unpack_message(got: usize) -> String {
    if got > 2 {
        "too many values to unpack (expected 2)".to_string()
    } else {
        format!("not enough values to unpack (expected 2, got {got})")
    }
}

/// A number widened for mixed arithmetic, as Python widens `bool` → `int` → `float`.
enum Num {
    Int(i64),
    Float(f64),
}

fn as_num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i64::from(*b))),
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Float(f) | Value::NpFloat(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

fn numeric(
    op: &'static str,
    a: &Value,
    b: &Value,
    int: fn(i64, i64) -> Option<i64>,
    float: fn(f64, f64) -> f64,
) -> Result<Value, ValueError> {
    let mismatch = || ValueError::Operands {
        op,
        left: a.type_name(),
        right: b.type_name(),
    };
    // numpy: a `numpy.float64` operand makes the result one.
    let np = matches!(a, Value::NpFloat(_)) || matches!(b, Value::NpFloat(_));
    let float_value = |f: f64| {
        if np {
            Value::NpFloat(f)
        } else {
            Value::Float(f)
        }
    };
    match (
        as_num(a).ok_or_else(mismatch)?,
        as_num(b).ok_or_else(mismatch)?,
    ) {
        (Num::Int(x), Num::Int(y)) => int(x, y).map(Value::Int).ok_or(ValueError::Overflow { op }),
        (Num::Int(x), Num::Float(y)) => Ok(float_value(float(x as f64, y))),
        (Num::Float(x), Num::Int(y)) => Ok(float_value(float(x, y as f64))),
        (Num::Float(x), Num::Float(y)) => Ok(float_value(float(x, y))),
    }
}

fn concat(items: &[Value], more: &[Value]) -> Arc<[Value]> {
    items.iter().chain(more).cloned().collect()
}

impl Value {
    /// `a + b` (`operator.add`): numbers, and concatenation of `str`, `tuple` and `list`.
    ///
    /// ```
    /// use eddy_core::Value;
    /// assert_eq!(Value::Int(2).add(&Value::Float(0.5)), Ok(Value::Float(2.5)));
    /// assert!(Value::Int(i64::MAX).add(&Value::Int(1)).is_err());
    /// ```
    pub fn add(&self, other: &Value) -> Result<Value, ValueError> {
        match (self, other) {
            // Reductions add numbers once per record: the common cases first, inline.
            (Value::Int(a), Value::Int(b)) => a
                .checked_add(*b)
                .map(Value::Int)
                .ok_or(ValueError::Overflow { op: "+" }),
            (Value::Float(a), Value::Float(b)) => Ok(Value::Float(a + b)),
            (Value::Str(a), Value::Str(b)) => Ok(Value::str(format!("{a}{b}"))),
            (Value::Tuple(a), Value::Tuple(b)) => Ok(Value::Tuple(concat(a, b))),
            (Value::List(a), Value::List(b)) => Ok(Value::List(concat(a, b))),
            _ => numeric("+", self, other, i64::checked_add, |x, y| x + y),
        }
    }

    /// `a - b` (`operator.sub`): numbers, and the difference of two sets.
    pub fn sub(&self, other: &Value) -> Result<Value, ValueError> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a
                .checked_sub(*b)
                .map(Value::Int)
                .ok_or(ValueError::Overflow { op: "-" }),
            (Value::Float(a), Value::Float(b)) => Ok(Value::Float(a - b)),
            (Value::Set(a), Value::Set(b)) => Ok(Value::set(a.difference(b))),
            _ => numeric("-", self, other, i64::checked_sub, |x, y| x - y),
        }
    }

    /// `a * b` (`operator.mul`), for numbers.
    pub fn mul(&self, other: &Value) -> Result<Value, ValueError> {
        numeric("*", self, other, i64::checked_mul, |x, y| x * y)
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn bools_add_as_ints_and_floats_widen() {
        assert_eq!(Value::Bool(true).add(&Value::Bool(true)), Ok(Value::Int(2)));
        assert_eq!(
            Value::Float(0.5).sub(&Value::Int(1)),
            Ok(Value::Float(-0.5))
        );
        assert_eq!(Value::Int(3).mul(&Value::Int(4)), Ok(Value::Int(12)));
    }

    #[test]
    fn sequences_concatenate() {
        let a = Value::list(vec![Value::Int(1)]);
        let b = Value::list(vec![Value::Int(2)]);
        assert_eq!(a.add(&b).map(|v| v.to_string()), Ok("[1, 2]".into()));
        assert_eq!(
            Value::from("ab").add(&Value::from("c")),
            Ok(Value::from("abc"))
        );
    }

    #[test]
    fn mismatched_types_say_what_python_says() {
        let err = Value::Int(1).add(&Value::from("x")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
        );
    }
}

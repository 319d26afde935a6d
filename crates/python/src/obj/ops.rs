//! Python's operators on objects: arithmetic with Python's int/float rules (floor division and
//! modulo round toward negative infinity, `/` is always true division, `**` of ints stays an
//! int), sequence concatenation and repetition, `%` formatting, equality and ordering.

use std::cmp::Ordering;
use std::rc::Rc;

use super::Obj;
use crate::interp::{check_size, Exc};

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

impl BinOp {
    /// The operator as Python spells it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
        }
    }
}

/// An ordering comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpKind {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpKind {
    fn symbol(self) -> &'static str {
        match self {
            CmpKind::Lt => "<",
            CmpKind::Le => "<=",
            CmpKind::Gt => ">",
            CmpKind::Ge => ">=",
        }
    }
}

enum Num {
    I(i64),
    F(f64),
}

fn num(o: &Obj) -> Option<Num> {
    match o {
        Obj::Bool(b) => Some(Num::I(*b as i64)),
        Obj::Int(i) => Some(Num::I(*i)),
        Obj::Float(f) | Obj::Data(eddy_core::Value::NpFloat(f)) => Some(Num::F(*f)),
        _ => None,
    }
}

/// A `numpy.float64` operand makes a float result one (numpy's scalar arithmetic, which
/// gives `inf`/`nan` where Python raises `ZeroDivisionError`).
fn np_result(a: &Obj, b: &Obj, op: BinOp, r: Result<Obj, Exc>) -> Result<Obj, Exc> {
    let is_np = |o: &Obj| matches!(o, Obj::Data(eddy_core::Value::NpFloat(_)));
    if !is_np(a) && !is_np(b) {
        return r;
    }
    let f = |o: &Obj| match num(o) {
        Some(Num::F(f)) => f,
        Some(Num::I(i)) => i as f64,
        None => f64::NAN,
    };
    let wrap = |v: f64| Ok(Obj::Data(eddy_core::Value::NpFloat(v)));
    match r {
        Ok(Obj::Float(v)) => wrap(v),
        Err(_) if op == BinOp::Div => wrap(f(a) / f(b)),
        Err(_) if op == BinOp::Pow => wrap(f(a).powf(f(b))),
        other => other,
    }
}

fn overflow(op: BinOp) -> Exc {
    Exc::new(
        "OverflowError",
        format!(
            "integer result of {} does not fit in 64 bits (Eddy's ints are 64-bit)",
            op.symbol()
        ),
    )
}

fn zero_div(what: &str) -> Exc {
    Exc::new("ZeroDivisionError", what)
}

/// Python's float `%`: the result has the sign of the divisor.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((m < 0.0) != (b < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = float_mod(a, b);
    ((a - m) / b).round()
}

fn int_op(op: BinOp, a: i64, b: i64) -> Result<Obj, Exc> {
    let r = match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::Div => {
            if b == 0 {
                return Err(zero_div("division by zero"));
            }
            return Ok(Obj::Float(a as f64 / b as f64));
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            a.checked_div_euclid(b).map(|q| {
                // Python floors; div_euclid rounds so the remainder is non-negative, which for
                // a negative divisor is one more than the floor.
                if b < 0 && a.rem_euclid(b) != 0 {
                    q - 1
                } else {
                    q
                }
            })
        }
        BinOp::Mod => {
            if b == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            a.checked_rem_euclid(b)
                .map(|r| if b < 0 && r != 0 { r + b } else { r })
        }
        BinOp::Pow => {
            if b < 0 {
                if a == 0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Obj::Float((a as f64).powf(b as f64)));
            }
            u32::try_from(b).ok().and_then(|e| a.checked_pow(e))
        }
        BinOp::LShift => {
            if b < 0 {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            if b >= 64 {
                if a == 0 {
                    Some(0)
                } else {
                    None
                }
            } else {
                a.checked_shl(b as u32).filter(|r| r >> b == a)
            }
        }
        BinOp::RShift => {
            if b < 0 {
                return Err(Exc::new("ValueError", "negative shift count"));
            }
            Some(a >> b.min(63))
        }
        BinOp::BitAnd => Some(a & b),
        BinOp::BitOr => Some(a | b),
        BinOp::BitXor => Some(a ^ b),
    };
    r.map(Obj::Int).ok_or_else(|| overflow(op))
}

fn float_op(op: BinOp, a: f64, b: f64) -> Result<Obj, Exc> {
    Ok(Obj::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            float_floordiv(a, b)
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(zero_div("float modulo"));
            }
            float_mod(a, b)
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            if a < 0.0 && b.fract() != 0.0 {
                return Err(Exc::new(
                    "ValueError",
                    "complex results are not supported (negative number to a fractional power)",
                ));
            }
            a.powf(b)
        }
        _ => return Err(operands(op, &Obj::Float(a), &Obj::Float(b))),
    }))
}

fn operands(op: BinOp, a: &Obj, b: &Obj) -> Exc {
    if let (BinOp::Add, Obj::Str(_) | Obj::List(_) | Obj::Tuple(_)) = (op, a) {
        return Exc::type_error(format!(
            "can only concatenate {} (not \"{}\") to {}",
            a.type_name(),
            b.type_name(),
            a.type_name()
        ));
    }
    Exc::type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op.symbol(),
        a.type_name(),
        b.type_name()
    ))
}

fn repeat<T: Clone>(items: &[T], n: i64) -> Result<Vec<T>, Exc> {
    let n = n.max(0);
    check_size((items.len() as i64).saturating_mul(n))?;
    Ok((0..n).flat_map(|_| items.iter().cloned()).collect())
}

impl Obj {
    /// `self <op> other`.
    pub fn binop(&self, op: BinOp, other: &Obj) -> Result<Obj, Exc> {
        if let (Some(a), Some(b)) = (num(self), num(other)) {
            if matches!((self, other), (Obj::Bool(_), Obj::Bool(_)))
                && matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor)
            {
                let (x, y) = (self.truthy(), other.truthy());
                return Ok(Obj::Bool(match op {
                    BinOp::BitAnd => x & y,
                    BinOp::BitOr => x | y,
                    _ => x ^ y,
                }));
            }
            let r = match (a, b) {
                (Num::I(a), Num::I(b)) => int_op(op, a, b),
                (Num::I(a), Num::F(b)) => float_op(op, a as f64, b),
                (Num::F(a), Num::I(b)) => float_op(op, a, b as f64),
                (Num::F(a), Num::F(b)) => float_op(op, a, b),
            };
            return np_result(self, other, op, r);
        }
        match (op, self, other) {
            (BinOp::Add, Obj::Str(a), Obj::Str(b)) => {
                check_size((a.len() + b.len()) as i64)?;
                let mut s = String::with_capacity(a.len() + b.len());
                s.push_str(a);
                s.push_str(b);
                Ok(Obj::str(s))
            }
            (BinOp::Add, Obj::List(a), Obj::List(b)) => {
                let mut v = a.borrow().clone();
                v.extend(b.borrow().iter().cloned());
                check_size(v.len() as i64)?;
                Ok(Obj::list(v))
            }
            (BinOp::Add, Obj::Tuple(a), Obj::Tuple(b)) => {
                Ok(Obj::Tuple(a.iter().chain(b.iter()).cloned().collect()))
            }
            (BinOp::Mul, Obj::Str(s), n) | (BinOp::Mul, n, Obj::Str(s))
                if matches!(n, Obj::Int(_) | Obj::Bool(_)) =>
            {
                let Some(Num::I(n)) = num(n) else {
                    unreachable!()
                };
                Ok(Obj::str(
                    String::from_utf8(repeat(s.as_bytes(), n)?).unwrap_or_default(),
                ))
            }
            (BinOp::Mul, Obj::List(l), n) | (BinOp::Mul, n, Obj::List(l))
                if matches!(n, Obj::Int(_) | Obj::Bool(_)) =>
            {
                let Some(Num::I(n)) = num(n) else {
                    unreachable!()
                };
                Ok(Obj::list(repeat(&l.borrow(), n)?))
            }
            (BinOp::Mul, Obj::Tuple(t), n) | (BinOp::Mul, n, Obj::Tuple(t))
                if matches!(n, Obj::Int(_) | Obj::Bool(_)) =>
            {
                let Some(Num::I(n)) = num(n) else {
                    unreachable!()
                };
                Ok(Obj::Tuple(repeat(t, n)?.into()))
            }
            (BinOp::Mod, Obj::Str(fmt), args) => crate::interp::percent_format(fmt, args),
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Obj::Set(a),
                Obj::Set(b),
            ) => {
                let (a, b) = (a.borrow(), b.borrow());
                Ok(Obj::set(match op {
                    BinOp::BitOr => a.union(&b),
                    BinOp::BitAnd => a.intersection(&b),
                    BinOp::Sub => a.difference(&b),
                    _ => a.symmetric_difference(&b),
                }))
            }
            (BinOp::BitOr, Obj::Dict(a), Obj::Dict(b)) => {
                let mut m = a.borrow().clone();
                for (k, v) in b.borrow().iter() {
                    m.insert(k.clone(), v.clone());
                }
                Ok(Obj::dict(m))
            }
            _ => crate::builtins::datetime_binop(op, self, other)
                .unwrap_or_else(|| Err(operands(op, self, other))),
        }
    }

    /// `-self`.
    pub fn neg(&self) -> Result<Obj, Exc> {
        match num(self) {
            Some(Num::I(i)) => i
                .checked_neg()
                .map(Obj::Int)
                .ok_or_else(|| overflow(BinOp::Sub)),
            Some(Num::F(f)) if matches!(self, Obj::Data(_)) => {
                Ok(Obj::Data(eddy_core::Value::NpFloat(-f)))
            }
            Some(Num::F(f)) => Ok(Obj::Float(-f)),
            None => crate::builtins::datetime_neg(self).unwrap_or_else(|| {
                Err(Exc::type_error(format!(
                    "bad operand type for unary -: '{}'",
                    self.type_name()
                )))
            }),
        }
    }

    /// Python's `==`.
    pub fn py_eq(&self, other: &Obj) -> bool {
        if let (Some(a), Some(b)) = (num(self), num(other)) {
            return match (a, b) {
                (Num::I(a), Num::I(b)) => a == b,
                (Num::F(a), Num::F(b)) => a == b,
                (Num::I(i), Num::F(f)) | (Num::F(f), Num::I(i)) => {
                    eddy_core::Value::Int(i).py_eq(&eddy_core::Value::Float(f))
                }
            };
        }
        match (self, other) {
            (Obj::None, Obj::None) => true,
            (Obj::Str(a), Obj::Str(b)) => a == b,
            // Past `nested::MAX_NESTING` (a list inside itself) CPython raises RecursionError;
            // Eddy answers False.
            (Obj::Tuple(a), Obj::Tuple(b)) => super::nested::enter().is_some_and(|_l| seq_eq(a, b)),
            (Obj::List(a), Obj::List(b)) => {
                Rc::ptr_eq(a, b)
                    || super::nested::enter().is_some_and(|_l| seq_eq(&a.borrow(), &b.borrow()))
            }
            (Obj::Dict(a), Obj::Dict(b)) => {
                let Some(_level) = super::nested::enter() else {
                    return false;
                };
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.py_eq(w)))
            }
            (Obj::Set(a), Obj::Set(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.is_subset(&b)
            }
            (Obj::Range(..), Obj::Range(..)) => {
                self.iter_items().ok().map(|v| v.len()) == other.iter_items().ok().map(|v| v.len())
                    && seq_eq(
                        &self.iter_items().unwrap_or_default(),
                        &other.iter_items().unwrap_or_default(),
                    )
            }
            (Obj::Func(a), Obj::Func(b)) => Rc::ptr_eq(a, b),
            (Obj::Builtin(a), Obj::Builtin(b)) => a == b,
            (Obj::ExcType(a), Obj::ExcType(b)) => a == b,
            (Obj::Native(a), Obj::Native(b)) => {
                std::ptr::addr_eq(Rc::as_ptr(a), Rc::as_ptr(b))
                    || crate::builtins::datetime_compare(self, other) == Some(Ordering::Equal)
                    || matches!((a.to_value(), b.to_value()), (Some(x), Some(y)) if x.py_eq(&y))
            }
            (Obj::Data(a), b) | (b, Obj::Data(a)) => b.to_value().is_ok_and(|b| a.py_eq(&b)),
            _ => false,
        }
    }

    /// Python's ordering comparison `self <op> other`.
    pub fn compare(&self, op: CmpKind, other: &Obj) -> Result<bool, Exc> {
        let ord = self.py_cmp(other).map_err(|_| {
            Exc::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(),
                other.type_name()
            ))
        })?;
        Ok(match op {
            CmpKind::Lt => ord == Some(Ordering::Less),
            CmpKind::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
            CmpKind::Gt => ord == Some(Ordering::Greater),
            CmpKind::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
        })
    }

    /// The order of two objects for `sorted`, `min`, `<`: `Err` when Python raises
    /// `TypeError` (the caller names the operator), `Ok(None)` for NaN comparisons.
    #[allow(clippy::result_unit_err)]
    pub fn py_cmp(&self, other: &Obj) -> Result<Option<Ordering>, ()> {
        if let (Some(a), Some(b)) = (num(self), num(other)) {
            return Ok(match (a, b) {
                (Num::I(a), Num::I(b)) => Some(a.cmp(&b)),
                (Num::F(a), Num::F(b)) => a.partial_cmp(&b),
                (Num::I(i), Num::F(f)) => eddy_core::Value::Int(i)
                    .py_cmp(&eddy_core::Value::Float(f))
                    .ok(),
                (Num::F(f), Num::I(i)) => eddy_core::Value::Float(f)
                    .py_cmp(&eddy_core::Value::Int(i))
                    .ok(),
            });
        }
        if let Some(o) = crate::builtins::datetime_compare(self, other) {
            return Ok(Some(o));
        }
        match (self, other) {
            (Obj::Str(a), Obj::Str(b)) => Ok(Some(a.cmp(b))),
            (Obj::Tuple(a), Obj::Tuple(b)) => {
                let _level = super::nested::enter().ok_or(())?;
                seq_cmp(a, b)
            }
            (Obj::List(a), Obj::List(b)) => {
                let _level = super::nested::enter().ok_or(())?;
                seq_cmp(&a.borrow(), &b.borrow())
            }
            (Obj::Set(a), Obj::Set(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                Ok(if a.len() == b.len() && a.is_subset(&b) {
                    Some(Ordering::Equal)
                } else if a.is_subset(&b) {
                    Some(Ordering::Less)
                } else if b.is_subset(&a) {
                    Some(Ordering::Greater)
                } else {
                    None
                })
            }
            (Obj::Data(_), _) | (_, Obj::Data(_)) | (Obj::Native(_), _) => {
                let (a, b) = (
                    self.to_value().map_err(|_| ())?,
                    other.to_value().map_err(|_| ())?,
                );
                a.py_cmp(&b).map(Some).map_err(|_| ())
            }
            _ => Err(()),
        }
    }

    /// Python's `item in self`.
    pub fn contains(&self, item: &Obj) -> Result<bool, Exc> {
        Ok(match self {
            Obj::Str(s) => match item {
                Obj::Str(sub) => s.contains(&**sub),
                _ => {
                    return Err(Exc::type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        item.type_name()
                    )))
                }
            },
            Obj::Dict(d) => d.contains_key(&item.key()?),
            Obj::Set(s) => {
                item.key()?;
                s.borrow().contains(&item.to_value()?)?
            }
            Obj::Range(a, b, s) => match item {
                Obj::Int(i) => {
                    let (a, b, s, i) = (*a, *b, *s, *i);
                    (if s > 0 {
                        a <= i && i < b
                    } else {
                        b < i && i <= a
                    }) && (i - a) % s == 0
                }
                _ => false,
            },
            other => other.iter_items()?.iter().any(|x| x.py_eq(item)),
        })
    }
}

fn seq_eq(a: &[Obj], b: &[Obj]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y))
}

fn seq_cmp(a: &[Obj], b: &[Obj]) -> Result<Option<Ordering>, ()> {
    for (x, y) in a.iter().zip(b) {
        if !x.py_eq(y) {
            return x.py_cmp(y);
        }
    }
    Ok(Some(a.len().cmp(&b.len())))
}

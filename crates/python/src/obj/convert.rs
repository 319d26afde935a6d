//! Crossing the pipeline boundary: objects become engine values when a function returns a
//! record, and records become objects when a function is called with them. Like PySpark's
//! pickling, only data crosses; a function or a stream in a record is an error.

use std::cell::RefCell;
use std::rc::Rc;

use eddy_core::Value;

use super::Obj;
use crate::interp::Exc;

impl Obj {
    /// The engine value for this object, or `TypeError: cannot pickle …`.
    pub fn to_value(&self) -> Result<Value, Exc> {
        let _level = match self {
            Obj::Tuple(_) | Obj::List(_) | Obj::Dict(_) => Some(super::nested::enter_or_raise()?),
            _ => None,
        };
        Ok(match self {
            Obj::None => Value::None,
            Obj::Bool(b) => Value::Bool(*b),
            Obj::Int(i) => Value::Int(*i),
            Obj::Float(f) => Value::Float(*f),
            Obj::Str(s) => Value::Str(s.clone()),
            Obj::Tuple(t) => Value::Tuple(values(t)?),
            Obj::List(l) => Value::List(values(&l.borrow())?),
            Obj::Range(..) => Value::List(
                self.iter_items()?
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<_, _>>()?,
            ),
            Obj::Data(v) => v.clone(),
            Obj::Native(n) => match n.to_value() {
                Some(v) => v,
                None => return Err(cannot_pickle(self)),
            },
            Obj::Dict(d) => match d.record() {
                // A record the program did not unpack goes back as it came.
                Some(record) => Value::Dict(record),
                None => {
                    let d = d.borrow();
                    let mut out = eddy_core::value::Dict::with_capacity_and_hasher(
                        d.len(),
                        Default::default(),
                    );
                    for (k, v) in d.iter() {
                        out.insert(k.clone(), v.to_value()?);
                    }
                    Value::Dict(std::sync::Arc::new(out))
                }
            },
            Obj::Set(s) => Value::Set(std::sync::Arc::new(s.borrow().clone())),
            _ => return Err(cannot_pickle(self)),
        })
    }

    /// The object for an engine value. Lists become fresh lists (records are copies, as
    /// unpickled records are in a PySpark worker).
    pub fn from_value(v: &Value) -> Obj {
        match v {
            Value::None => Obj::None,
            Value::Bool(b) => Obj::Bool(*b),
            Value::Int(i) => Obj::Int(*i),
            Value::Float(f) => Obj::Float(*f),
            Value::Str(s) => Obj::Str(s.clone()),
            Value::Tuple(t) => Obj::Tuple(t.iter().map(Obj::from_value).collect()),
            Value::List(l) => Obj::List(Rc::new(RefCell::new(
                l.iter().map(Obj::from_value).collect(),
            ))),
            // Unpacked when the program first needs it (see `DictCell`).
            Value::Dict(d) => Obj::Dict(Rc::new(super::DictCell::frozen(d.clone()))),
            Value::Set(s) => Obj::set((**s).clone()),
            other => Obj::Data(other.clone()),
        }
    }
}

/// The values of `items`, allocated once at their exact size (collecting `Result`s would grow
/// a vector and then copy it into the `Arc`).
fn values(items: &[Obj]) -> Result<std::sync::Arc<[Value]>, Exc> {
    let mut error = None;
    let out: std::sync::Arc<[Value]> = items
        .iter()
        .map(|o| match o.to_value() {
            Ok(v) => v,
            Err(e) => {
                error.get_or_insert(e);
                Value::None
            }
        })
        .collect();
    match error {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

fn cannot_pickle(o: &Obj) -> Exc {
    Exc::type_error(format!("cannot pickle '{}' object", o.type_name()))
}

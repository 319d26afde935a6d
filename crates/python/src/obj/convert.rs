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
        Ok(match self {
            Obj::None => Value::None,
            Obj::Bool(b) => Value::Bool(*b),
            Obj::Int(i) => Value::Int(*i),
            Obj::Float(f) => Value::Float(*f),
            Obj::Str(s) => Value::Str(s.clone()),
            Obj::Tuple(t) => Value::Tuple(t.iter().map(Obj::to_value).collect::<Result<_, _>>()?),
            Obj::List(l) => Value::List(
                l.borrow()
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<_, _>>()?,
            ),
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
            Obj::Dict(_) | Obj::Set(_) => return container_to_value(self),
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
            #[allow(unreachable_patterns)]
            other => from_other_value(other),
        }
    }
}

fn cannot_pickle(o: &Obj) -> Exc {
    Exc::type_error(format!("cannot pickle '{}' object", o.type_name()))
}

/// Dicts and sets in records: the engine's value model gains them with the core's `Dict`/`Set`.
fn container_to_value(o: &Obj) -> Result<Value, Exc> {
    Err(Exc::type_error(format!(
        "a {} cannot be a record yet (Eddy supports tuples and lists in records)",
        o.type_name()
    )))
}

fn from_other_value(v: &Value) -> Obj {
    Obj::Data(v.clone())
}

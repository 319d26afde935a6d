//! `datetime`: `datetime.strptime`, `strftime` and the attributes programs read.

use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::Obj;

/// The names of `datetime`.
pub fn names() -> Vec<(&'static str, Obj)> {
    Vec::new()
}

/// Calls `datetime.<func>`.
pub fn call(_interp: &Interp, func: &str, _args: Vec<Obj>, _kwargs: Kwargs) -> Result<Obj, Exc> {
    Err(Exc::new(
        "NotImplementedError",
        format!("Eddy does not support datetime.{func} yet"),
    ))
}

/// Whether a datetime value has method `name`.
pub fn has_method(_obj: &Obj, _name: &str) -> bool {
    false
}

/// A datetime value's attribute.
pub fn attr(_obj: &Obj, _name: &str) -> Option<Obj> {
    None
}

/// Calls a datetime value's method.
pub fn method(
    _interp: &Interp,
    obj: &Obj,
    name: &str,
    _args: Vec<Obj>,
    _kwargs: Kwargs,
) -> Result<Obj, Exc> {
    Err(Exc::new(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", obj.type_name()),
    ))
}

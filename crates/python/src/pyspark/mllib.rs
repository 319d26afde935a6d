//! `pyspark.mllib`: `LabeledPoint`, `Vectors`, and the streaming models (filled by the
//! streaming-ML work; SEMANTICS G).

use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::Obj;

/// The `pyspark.mllib.*` modules.
pub fn module(_name: &str) -> Option<Obj> {
    None
}

/// Calls a `pyspark.mllib` constructor or function by qualified name.
pub fn call(_interp: &Interp, name: &str, _args: Vec<Obj>, _kwargs: Kwargs) -> Result<Obj, Exc> {
    Err(Exc::new(
        "NotImplementedError",
        format!("Eddy does not support {name} yet"),
    ))
}

/// An attribute of an MLlib record value (`point.label`, `point.features`).
pub fn attr(_obj: &Obj, _name: &str) -> Option<Obj> {
    None
}

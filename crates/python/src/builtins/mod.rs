//! Python's builtins and the standard-library modules PySpark programs import: names are
//! looked up here after the program's scopes, and every builtin function is an
//! [`Obj::Builtin`] with a qualified name dispatched by [`call`].

mod datetime;
mod functions;
pub mod methods;
mod modules;
mod os;
mod random;

pub use datetime::{
    abs as datetime_abs, binop as datetime_binop, compare as datetime_compare, neg as datetime_neg,
    strftime, TimeDelta,
};
use datetime::{
    attr as datetime_attr, call as datetime_call, class_attr, has_method as datetime_has_method,
    method as datetime_method, names as datetime_names,
};
pub use random::Random;
use random::{call as random_call, names as random_names};

pub use functions::sort as sort_objs;

use std::rc::Rc;

use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{Module, Obj};

/// The builtin function names.
const FUNCTIONS: &[&str] = &[
    "print",
    "len",
    "range",
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "sum",
    "min",
    "max",
    "sorted",
    "reversed",
    "enumerate",
    "zip",
    "map",
    "filter",
    "abs",
    "round",
    "any",
    "all",
    "isinstance",
    "type",
    "repr",
    "hash",
    "iter",
    "next",
    "open",
    "divmod",
    "pow",
    "chr",
    "ord",
    "hex",
    "bin",
    "oct",
    "format",
    "callable",
    "id",
    "input",
    "getattr",
    "hasattr",
    "vars",
    "issubclass",
    "object",
];

/// The builtins that are classes (`int`, `datetime.datetime`): `repr` shows `<class 'int'>`.
const CLASSES: &[&str] = &[
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
    "frozenset",
    "range",
    "object",
    "datetime.datetime",
    "datetime.timedelta",
    "random.Random",
];

/// Whether builtin `name` is a class.
pub fn is_class(name: &str) -> bool {
    CLASSES.contains(&name)
}

/// A builtin by name, if there is one.
pub fn lookup(name: &str) -> Option<Obj> {
    if let Some(f) = FUNCTIONS.iter().find(|f| **f == name) {
        return Some(Obj::Builtin(f));
    }
    if let Some((class, _)) = crate::interp::exc_classes()
        .iter()
        .find(|(c, _)| *c == name)
    {
        return Some(Obj::ExcType((*class).into()));
    }
    None
}

/// Calls the builtin `name`.
pub fn call(
    interp: &Interp,
    name: &'static str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    // A byte loop: names are short, and `str::split_once(char)`'s searcher costs a tenth of a
    // call of `len`.
    if !name.bytes().any(|b| b == b'.') {
        functions::call(interp, name, args, kwargs)
    } else if name.starts_with("pyspark") {
        crate::pyspark::call(interp, name, args, kwargs)
    } else {
        modules::call(interp, name, args, kwargs)
    }
}

/// `import name`.
pub fn import(name: &str) -> Result<Obj, Exc> {
    let module = |name: &'static str, attrs: Vec<(&'static str, Obj)>| {
        Obj::Module(Rc::new(Module { name, attrs }))
    };
    if let Some(m) = crate::pyspark::module(name) {
        return Ok(m);
    }
    match modules::module(name) {
        Some((static_name, attrs)) => Ok(module(static_name, attrs)),
        None => Err(Exc::new(
            "ModuleNotFoundError",
            format!(
                "No module named '{name}' (Eddy runs pyspark, operator, time, random, datetime, \
                 math, functools and os)"
            ),
        )),
    }
}

/// Positional argument `i`, or a `TypeError` naming the function.
pub fn arg<'a>(args: &'a [Obj], i: usize, func: &str) -> Result<&'a Obj, Exc> {
    args.get(i).ok_or_else(|| {
        Exc::type_error(format!(
            "{func}() missing required argument (pos {})",
            i + 1
        ))
    })
}

/// Keyword argument `name`.
pub fn kwarg<'a>(kwargs: &'a Kwargs, name: &str) -> Option<&'a Obj> {
    kwargs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Positional argument `i` or keyword `name`.
pub fn arg_or_kw<'a>(args: &'a [Obj], kwargs: &'a Kwargs, i: usize, name: &str) -> Option<&'a Obj> {
    args.get(i).or_else(|| kwarg(kwargs, name))
}

/// An `int` argument.
pub fn as_int(o: &Obj, what: &str) -> Result<i64, Exc> {
    match o {
        Obj::Int(i) => Ok(*i),
        Obj::Bool(b) => Ok(*b as i64),
        other => Err(Exc::type_error(format!(
            "{what}: '{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// A number argument as `f64`.
pub fn as_float(o: &Obj, what: &str) -> Result<f64, Exc> {
    match o {
        Obj::Int(i) => Ok(*i as f64),
        Obj::Bool(b) => Ok(*b as i64 as f64),
        Obj::Float(f) | Obj::Data(eddy_core::Value::NpFloat(f)) => Ok(*f),
        other => Err(Exc::type_error(format!(
            "{what}: must be real number, not {}",
            other.type_name()
        ))),
    }
}

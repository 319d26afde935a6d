//! The interpreter's objects. Data that flows through a pipeline is an [`eddy_core::Value`];
//! inside the interpreter Python's reference semantics matter (a list appended to through one
//! name is seen through another, a dict mutated inside a function stays mutated), and programs
//! hold things that are not data at all (functions, modules, RDDs, streams), so the interpreter
//! has its own [`Obj`] and converts at the pipeline boundary ([`Obj::to_value`], [`Obj::from_value`]),
//! the way PySpark pickles records between the driver and the workers.

mod convert;
mod dict_cell;
mod drop;
pub mod nested;
mod ops;
mod repr;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;

use eddy_core::value::Key;
use eddy_core::value::PySet;
use eddy_core::Value;
use indexmap::IndexMap;
use ruff_python_ast::name::Name;

use crate::interp::{Exc, Function, Interp};

pub use dict_cell::{field_at, immutable_field, DictBuilder, DictCell, DictShape, ShapedDict};
pub use drop::{drop_flat, Items};
pub use ops::{BinOp, CmpKind};

/// A dict: keys are hashable data, kept as core [`Key`]s (Python's hash and equality), in
/// insertion order as Python 3.7+ keeps them. A [`Key`] carries its Python hash already, so
/// the table mixes it with Fx (one multiply) instead of SipHashing it again: records cross
/// the pipeline boundary as dicts, and every crossing rebuilds a table.
pub type DictMap = IndexMap<Key, Obj, rustc_hash::FxBuildHasher>;

/// A Python object as the interpreter holds it.
#[derive(Clone)]
pub enum Obj {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A 64-bit `int`.
    Int(i64),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(Arc<str>),
    /// A `tuple`.
    Tuple(Rc<[Obj]>),
    /// A `list`.
    List(Rc<RefCell<Items>>),
    /// A `dict`.
    Dict(Rc<DictCell>),
    /// A `set`, laid out as CPython's hash table lays it out, so it iterates and prints in
    /// CPython's order.
    Set(Rc<RefCell<PySet>>),
    /// `range(start, stop, step)`, iterated lazily so that `range(10**12)` costs nothing until used.
    Range(i64, i64, i64),
    /// `a[lower:upper:step]`'s slice.
    Slice(Rc<[Obj; 3]>),
    /// Data from the engine the interpreter has no own form for (datetimes and the like).
    Data(Value),
    /// A `def` or `lambda`.
    Func(Rc<Function>),
    /// A built-in function or a module's function, by qualified name (`len`, `math.sqrt`).
    Builtin(&'static str),
    /// A method bound to its receiver (`line.split`).
    Method(Rc<(Obj, Name)>),
    /// An imported module.
    Module(Rc<Module>),
    /// An exception class (`ValueError`), callable to make an exception.
    ExcType(Rc<str>),
    /// An exception instance, as `except E as e` binds it.
    Exception(Rc<Exc>),
    /// An object implemented in Rust: SparkContext, DStream, RDD, models, files.
    Native(Rc<dyn Native>),
}

/// A module: a name and its attributes.
#[derive(Debug)]
pub struct Module {
    /// `math`, `pyspark.streaming`, …
    pub name: &'static str,
    /// What `module.attr` and `from module import attr` find.
    pub attrs: Vec<(&'static str, Obj)>,
}

/// Objects implemented in Rust (the PySpark surface).
pub trait Native {
    /// Python's type name, for errors and reprs.
    fn type_name(&self) -> &'static str;

    /// `obj.name` for a non-method attribute (`ssc.sparkContext`, `model.latestModel` is a method).
    fn get_attr(&self, _name: &str) -> Option<Obj> {
        None
    }

    /// Whether `name` is a method of this object.
    fn has_method(&self, name: &str) -> bool;

    /// Calls the method `name`.
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Vec<(Name, Obj)>,
    ) -> Result<Obj, Exc>;

    /// `repr(obj)`.
    fn repr(&self) -> String {
        format!("<{} object>", self.type_name())
    }

    /// `str(obj)`.
    fn str(&self) -> String {
        self.repr()
    }

    /// `bool(obj)`.
    fn truthy(&self) -> bool {
        true
    }

    /// The engine value this object stands for when it is put in a record (a `LabeledPoint`).
    fn to_value(&self) -> Option<Value> {
        None
    }

    /// For downcasting to the concrete type.
    fn as_any(&self) -> &dyn std::any::Any;
}

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl Obj {
    /// A `str` object.
    pub fn str(s: impl Into<Arc<str>>) -> Obj {
        Obj::Str(s.into())
    }

    /// A new `list`.
    pub fn list(items: Vec<Obj>) -> Obj {
        Obj::List(Rc::new(RefCell::new(Items(items))))
    }

    /// A new `tuple`.
    pub fn tuple(items: Vec<Obj>) -> Obj {
        Obj::Tuple(items.into())
    }

    /// A new `set`.
    pub fn set(set: PySet) -> Obj {
        Obj::Set(Rc::new(RefCell::new(set)))
    }

    /// A new `dict`.
    pub fn dict(map: DictMap) -> Obj {
        Obj::Dict(Rc::new(DictCell::new(map)))
    }

    /// Python's type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            Obj::None => "NoneType",
            Obj::Bool(_) => "bool",
            Obj::Int(_) => "int",
            Obj::Float(_) => "float",
            Obj::Str(_) => "str",
            Obj::Tuple(_) => "tuple",
            Obj::List(_) => "list",
            Obj::Dict(_) => "dict",
            Obj::Set(_) => "set",
            Obj::Range(..) => "range",
            Obj::Slice(_) => "slice",
            Obj::Data(v) => v.type_name(),
            Obj::Func(_) => "function",
            Obj::Builtin(_) => "builtin_function_or_method",
            Obj::Method(_) => "method",
            Obj::Module(_) => "module",
            Obj::ExcType(_) => "type",
            Obj::Exception(_) => "Exception",
            Obj::Native(n) => n.type_name(),
        }
    }

    /// Python truthiness.
    pub fn truthy(&self) -> bool {
        match self {
            Obj::None => false,
            Obj::Bool(b) => *b,
            Obj::Int(i) => *i != 0,
            Obj::Float(f) => *f != 0.0,
            Obj::Str(s) => !s.is_empty(),
            Obj::Tuple(t) => !t.is_empty(),
            Obj::List(l) => !l.borrow().is_empty(),
            Obj::Dict(d) => !d.is_empty(),
            Obj::Set(s) => !s.borrow().is_empty(),
            Obj::Range(a, b, s) => range_len(*a, *b, *s) > 0,
            Obj::Data(v) => v.truthy(),
            Obj::Native(n) => n.truthy(),
            _ => true,
        }
    }

    /// The dict key for this object: Python's `TypeError` if it is unhashable.
    pub fn key(&self) -> Result<Key, Exc> {
        let v = match self {
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) => {
                return Err(Exc::type_error(format!(
                    "unhashable type: '{}'",
                    self.type_name()
                )))
            }
            other => other.to_value()?,
        };
        Key::new(v).map_err(Exc::from)
    }

    /// The items of an iterable, materialised (Python iterates lazily; every iterable the
    /// subset has is finite, and [`crate::interp::MAX_ITEMS`] bounds the size).
    pub fn iter_items(&self) -> Result<Vec<Obj>, Exc> {
        Ok(match self {
            Obj::Str(s) => s.chars().map(|c| Obj::str(c.to_string())).collect(),
            Obj::Tuple(t) => t.to_vec(),
            Obj::List(l) => l.borrow().clone(),
            Obj::Dict(d) => d
                .borrow()
                .keys()
                .map(|k| Obj::from_value(k.value()))
                .collect(),
            Obj::Set(s) => s.borrow().iter().map(Obj::from_value).collect(),
            Obj::Range(a, b, s) => {
                let n = range_len(*a, *b, *s);
                crate::interp::check_size(n)?;
                (0..n).map(|i| Obj::Int(a + i * s)).collect()
            }
            Obj::Data(v) => v
                .items()
                .map_err(Exc::from)?
                .iter()
                .map(Obj::from_value)
                .collect(),
            Obj::Native(n) => match n.to_value() {
                Some(v) => v
                    .items()
                    .map_err(Exc::from)?
                    .iter()
                    .map(Obj::from_value)
                    .collect(),
                None => return Err(not_iterable(self)),
            },
            _ => return Err(not_iterable(self)),
        })
    }
}

fn not_iterable(o: &Obj) -> Exc {
    Exc::type_error(format!("'{}' object is not iterable", o.type_name()))
}

/// The number of items of `range(a, b, s)`.
pub fn range_len(a: i64, b: i64, s: i64) -> i64 {
    if s > 0 && a < b {
        (b - a - 1) / s + 1
    } else if s < 0 && a > b {
        (a - b - 1) / (-s) + 1
    } else {
        0
    }
}

//! User functions. A pipeline names each function ([`FuncSpec`]): a builtin from Python's
//! `operator` module, which the engine calls directly, or Python source, which the Python front
//! end compiles. At run time every function is a [`Func`].

use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::operator::{OpContext, OpError};
use crate::value::{Value, ValueError};
use crate::{Batch, BatchTime};

/// A callable user function. Implemented by builtins, by the Python front end's compiled
/// lambdas and `def`s, and by Rust closures in tests.
pub trait Function: fmt::Debug {
    /// Calls the function with positional arguments.
    fn call(&self, args: &[Value]) -> Result<Value, OpError>;

    /// The `operator` builtin this function is, if it is one: reductions then apply it
    /// directly instead of through a call per record.
    fn builtin(&self) -> Option<Builtin> {
        None
    }
}

/// `f(a, b)` as a reduction calls it once per record: the `operator` builtins applied
/// directly (`a + b` on two ints is a few instructions; the call through `dyn Function` and
/// an argument slice cost more than it), anything else called.
///
/// ```
/// use std::rc::Rc;
/// use eddy_core::func::{binary, Builtin, Func};
/// use eddy_core::Value;
/// let add: Func = Rc::new(Builtin::Add);
/// assert_eq!(binary(&add)(Value::Int(2), Value::Int(3)), Ok(Value::Int(5)));
/// ```
pub fn binary(f: &Func) -> impl Fn(Value, Value) -> Result<Value, OpError> + '_ {
    let builtin = f.builtin();
    move |a, b| match builtin {
        Some(op) => op.apply(&a, &b),
        None => f.call(&[a, b]),
    }
}

/// A function as operators hold it: shared, so snapshots of operators share their functions.
pub type Func = Rc<dyn Function>;

/// A function of a pipeline, serialisable so that the UI, the CLI and the exporter share it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FuncSpec {
    /// A function from Python's `operator` module.
    Builtin(Builtin),
    /// Python source (`lambda x: x * 2`, or a `def`'s name), compiled by the Python front end.
    Python {
        /// The source as the program wrote it; shown in the UI and written back on export.
        source: String,
        /// Which of the running program's function objects this is. A lambda's source alone
        /// does not say what its free names were bound to (`lambda x: x * n` in a loop), so
        /// the Python front end numbers the closures it hands to the pipeline; pipelines built
        /// without a program (the operator picker) leave it out and are compiled from source.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<u32>,
    },
}

impl FuncSpec {
    /// How a PySpark program writes this function.
    pub fn python_source(&self) -> &str {
        match self {
            FuncSpec::Builtin(b) => b.python_name(),
            FuncSpec::Python { source, .. } => source,
        }
    }
}

/// Turns the Python functions of a pipeline into callables. The Python front end implements
/// it; the engine alone knows only builtins ([`BuiltinsOnly`]).
pub trait FuncResolver {
    /// The callable for `spec`.
    fn resolve(&self, spec: &FuncSpec) -> Result<Func, String>;

    /// The driver-side function over whole RDDs for `spec` (`transform`, `transformWith`,
    /// `foreachRDD`). Only Python functions can be these.
    fn resolve_rdd(&self, spec: &FuncSpec) -> Result<RddFunc, String> {
        Err(format!(
            "the RDD function `{}` needs the Python front end (eddy-python)",
            spec.python_source()
        ))
    }
}

/// A function the driver runs on whole RDDs once per batch: the body of `transform(func)`,
/// `transformWith(func, other)` or `foreachRDD(func)`. Spark runs it when the batch is
/// generated (SEMANTICS A5), so it sees the batch time and may print.
pub trait RddFunction: fmt::Debug {
    /// Calls the function with the batch time and the input RDDs (one for `transform` and
    /// `foreachRDD`, two for `transformWith`). Returns the resulting RDD (`transform*`) or
    /// `None` (`foreachRDD`). Lines it prints go to `cx.out`.
    fn call(
        &self,
        time: BatchTime,
        inputs: &[&Batch],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError>;

    /// [`RddFunction::call`] from a job (`foreachRDD`), with the streaming models as the
    /// batch's earlier jobs left them: a driver function that reads `model.latestModel()`
    /// after the batch's `trainOn` job sees the updated model, as in PySpark. The default
    /// ignores them.
    fn call_with_models(
        &self,
        time: BatchTime,
        inputs: &[&Batch],
        _models: &crate::ml::Models,
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        self.call(time, inputs, cx)
    }
}

/// An RDD function as operators hold it.
pub type RddFunc = Rc<dyn RddFunction>;

/// Resolves builtins; Python source needs the Python front end.
#[derive(Clone, Copy, Debug, Default)]
pub struct BuiltinsOnly;

impl FuncResolver for BuiltinsOnly {
    fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
        match spec {
            FuncSpec::Builtin(b) => Ok(Rc::new(*b)),
            FuncSpec::Python { source, .. } => Err(format!(
                "the Python function `{source}` needs the Python front end (eddy-python)"
            )),
        }
    }
}

/// Functions from Python's `operator` module, called without an interpreter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Builtin {
    /// `operator.add`
    Add,
    /// `operator.sub`
    Sub,
    /// `operator.mul`
    Mul,
}

impl Builtin {
    /// How a PySpark program writes it (`add`, after `from operator import add`).
    pub fn python_name(self) -> &'static str {
        match self {
            Builtin::Add => "add",
            Builtin::Sub => "sub",
            Builtin::Mul => "mul",
        }
    }
}

impl Builtin {
    /// `operator.add(a, b)` and friends.
    pub fn apply(self, a: &Value, b: &Value) -> Result<Value, OpError> {
        Ok(match self {
            Builtin::Add => a.add(b)?,
            Builtin::Sub => a.sub(b)?,
            Builtin::Mul => a.mul(b)?,
        })
    }
}

impl Builtin {
    /// `acc = op(acc, v)` in place where both are ints or both floats (what reductions
    /// mostly see): no value is moved or built, only the number inside `acc` changes.
    /// `None` for other operands, which [`Builtin::apply`] handles; an int result that
    /// overflows is the same error [`Builtin::apply`] gives.
    ///
    /// ```
    /// use eddy_core::{func::Builtin, Value};
    /// let mut acc = Value::Int(2);
    /// assert_eq!(Builtin::Add.apply_in_place(&mut acc, &Value::Int(3)), Some(Ok(())));
    /// assert_eq!(acc, Value::Int(5));
    /// assert_eq!(Builtin::Add.apply_in_place(&mut acc, &Value::Float(0.5)), None);
    /// ```
    #[inline]
    pub fn apply_in_place(self, acc: &mut Value, v: &Value) -> Option<Result<(), OpError>> {
        let overflow = |op| Some(Err(ValueError::Overflow { op }.into()));
        match (self, acc, v) {
            (Builtin::Add, Value::Int(a), Value::Int(b)) => match a.checked_add(*b) {
                Some(x) => *a = x,
                None => return overflow("+"),
            },
            (Builtin::Sub, Value::Int(a), Value::Int(b)) => match a.checked_sub(*b) {
                Some(x) => *a = x,
                None => return overflow("-"),
            },
            (Builtin::Mul, Value::Int(a), Value::Int(b)) => match a.checked_mul(*b) {
                Some(x) => *a = x,
                None => return overflow("*"),
            },
            (Builtin::Add, Value::Float(a), Value::Float(b)) => *a += b,
            (Builtin::Sub, Value::Float(a), Value::Float(b)) => *a -= b,
            (Builtin::Mul, Value::Float(a), Value::Float(b)) => *a *= b,
            _ => return None,
        }
        Some(Ok(()))
    }
}

impl Function for Builtin {
    fn call(&self, args: &[Value]) -> Result<Value, OpError> {
        let [a, b] = args else {
            return Err(OpError(format!(
                "TypeError: {} expected 2 arguments, got {}",
                self.python_name(),
                args.len()
            )));
        };
        self.apply(a, b)
    }

    fn builtin(&self) -> Option<Builtin> {
        Some(*self)
    }
}

/// A function written in Rust, for tests and built-in pipelines: `native("lambda x: x * 2", f)`.
pub fn native(
    source: &'static str,
    f: impl Fn(&[Value]) -> Result<Value, OpError> + 'static,
) -> Func {
    Rc::new(Native { source, f })
}

struct Native<F> {
    source: &'static str,
    f: F,
}

impl<F> fmt::Debug for Native<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.source)
    }
}

impl<F: Fn(&[Value]) -> Result<Value, OpError>> Function for Native<F> {
    fn call(&self, args: &[Value]) -> Result<Value, OpError> {
        (self.f)(args)
    }
}

//! Program functions as the engine calls them: each call converts records to objects, runs
//! the function under its own step budget, and converts the result back (SEMANTICS §I: an
//! exception fails that job, reported with the operator and batch by the engine).

use std::fmt;
use std::rc::{Rc, Weak};

use eddy_core::func::{Func, FuncResolver, FuncSpec, Function, RddFunc, RddFunction};
use eddy_core::operator::{OpContext, OpError};
use eddy_core::{Batch, BatchTime, Value};

use super::Rdd;
use crate::interp::{Exc, Interp};
use crate::obj::Obj;

/// The interpreter a function runs in: the program's, held weakly (the program owns the
/// engine that owns the function), or a function's own, compiled from its source alone.
#[derive(Clone)]
enum Home {
    Program(Weak<Interp>),
    Own(Rc<Interp>),
}

impl Home {
    fn get(&self) -> Result<Rc<Interp>, OpError> {
        match self {
            Home::Program(w) => w.upgrade().ok_or_else(gone),
            Home::Own(rc) => Ok(rc.clone()),
        }
    }
}

/// A program function called by the engine on records.
pub struct PyFunc {
    interp: Home,
    func: Obj,
}

impl fmt::Debug for PyFunc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.func.repr())
    }
}

/// The engine's error for a Python exception: Python's last traceback line, with the
/// program line it came from.
pub fn op_error(e: Exc) -> OpError {
    let line = e.line.or_else(|| e.trace.first().map(|f| f.line));
    match line {
        Some(l) => OpError(format!("{e} (line {l})")),
        None => OpError(e.to_string()),
    }
}

fn gone() -> OpError {
    OpError("the program that defined this function is no longer running".into())
}

impl PyFunc {
    /// Wraps `func` for the engine.
    pub fn wrap(interp: &Interp, func: Obj) -> Func {
        Rc::new(PyFunc {
            interp: Home::Program(interp.spark.weak_interp()),
            func,
        })
    }
}

impl Function for PyFunc {
    fn call(&self, args: &[Value]) -> Result<Value, OpError> {
        let interp = self.interp.get()?;
        interp
            .with_budget(interp.call_steps(), || {
                interp.call_on_values(&self.func, args)
            })
            .and_then(|r| r.to_value())
            .map_err(op_error)
    }
}

/// A program function the driver runs on whole RDDs (`transform`, `foreachRDD`).
pub struct PyRddFunc {
    interp: Home,
    func: Obj,
}

impl fmt::Debug for PyRddFunc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.func.repr())
    }
}

/// How many positional parameters a function takes (PySpark passes the batch time only to
/// functions of one more parameter than the RDDs).
fn arity(f: &Obj) -> usize {
    match f {
        Obj::Func(func) => func.params.len(),
        _ => 1,
    }
}

impl RddFunction for PyRddFunc {
    fn call_with_models(
        &self,
        time: BatchTime,
        inputs: &[&Batch],
        models: &eddy_core::ml::Models,
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        if !models.is_empty() {
            let interp = self.interp.get()?;
            super::mllib::publish_models(&interp.spark, models);
        }
        self.call(time, inputs, cx)
    }

    fn call(
        &self,
        time: BatchTime,
        inputs: &[&Batch],
        cx: &mut OpContext<'_>,
    ) -> Result<Option<Batch>, OpError> {
        let interp = self.interp.get()?;
        let mut args: Vec<Obj> = inputs.iter().map(|b| Rdd::obj((*b).clone())).collect();
        if arity(&self.func) > inputs.len() {
            args.insert(0, super::time_obj(time));
        }
        let (result, printed) = interp.capture(|| {
            interp.with_budget(interp.call_steps(), || {
                interp.call(&self.func, args, Vec::new())
            })
        });
        cx.out.extend(printed.lines().map(String::from));
        let result = result.map_err(op_error)?;
        match result {
            Obj::None => Ok(None),
            other => Rdd::of(&other).map(|r| Some(r.batch.clone())).map_err(|_| {
                OpError(format!(
                    "TypeError: the function must return an RDD, not {}",
                    other.type_name()
                ))
            }),
        }
    }
}

/// Resolves a program's functions by their number in the session's table; functions without
/// a number (pipelines from the operator picker) are compiled from their source.
pub struct ProgramResolver {
    interp: Weak<Interp>,
    funcs: Vec<Obj>,
}

impl ProgramResolver {
    /// A resolver over the program's function table.
    pub fn new(interp: Weak<Interp>, funcs: Vec<Obj>) -> Self {
        ProgramResolver { interp, funcs }
    }

    /// A resolver for pipelines built without a program (the operator picker, JSON files):
    /// every function is compiled from its source.
    pub fn standalone() -> Self {
        ProgramResolver::new(Weak::new(), Vec::new())
    }

    fn func(&self, spec: &FuncSpec) -> Result<(Home, Obj), String> {
        let program = Home::Program(self.interp.clone());
        match spec {
            FuncSpec::Builtin(b) => Ok((
                program,
                Obj::Builtin(match b.python_name() {
                    "add" => "operator.add",
                    "sub" => "operator.sub",
                    _ => "operator.mul",
                }),
            )),
            FuncSpec::Python {
                id: Some(i),
                source,
            } => self
                .funcs
                .get(*i as usize)
                .map(|f| (program, f.clone()))
                .ok_or_else(|| format!("no function {i} (`{source}`) in this program")),
            FuncSpec::Python { id: None, source } => {
                let (interp, f) = Interp::compile_function(source).map_err(|e| e.to_string())?;
                Ok((Home::Own(interp), f))
            }
        }
    }
}

impl FuncResolver for ProgramResolver {
    fn resolve(&self, spec: &FuncSpec) -> Result<Func, String> {
        match spec {
            FuncSpec::Builtin(b) => Ok(Rc::new(*b)),
            _ => {
                let (interp, func) = self.func(spec)?;
                Ok(Rc::new(PyFunc { interp, func }))
            }
        }
    }

    fn resolve_rdd(&self, spec: &FuncSpec) -> Result<RddFunc, String> {
        let (interp, func) = self.func(spec)?;
        Ok(Rc::new(PyRddFunc { interp, func }))
    }
}

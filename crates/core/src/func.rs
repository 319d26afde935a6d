//! User functions as a pipeline names them. Builtins (`operator.add`, …) take a fast path;
//! Python lambdas arrive with the Python front end, which compiles their source.

use serde::{Deserialize, Serialize};

use crate::value::{Value, ValueError};

/// A function of a pipeline, serialisable so that the UI, the CLI and the exporter share it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FuncSpec {
    /// A function from Python's `operator` module.
    Builtin(Builtin),
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

impl FuncSpec {
    /// Applies a two-argument function, as `reduce` does.
    pub fn call2(&self, a: &Value, b: &Value) -> Result<Value, ValueError> {
        match self {
            FuncSpec::Builtin(Builtin::Add) => a.add(b),
            FuncSpec::Builtin(Builtin::Sub) => a.sub(b),
            FuncSpec::Builtin(Builtin::Mul) => a.mul(b),
        }
    }

    /// How a PySpark program writes this function (`add` after `from operator import add`).
    pub fn python_name(&self) -> &'static str {
        match self {
            FuncSpec::Builtin(Builtin::Add) => "add",
            FuncSpec::Builtin(Builtin::Sub) => "sub",
            FuncSpec::Builtin(Builtin::Mul) => "mul",
        }
    }
}

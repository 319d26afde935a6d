//! Eddy's Python front end: PySpark Streaming programs (a Python 3 subset) run on the Eddy
//! engine, printing what PySpark prints (SEMANTICS §I).
//!
//! Programs are parsed with Ruff's parser (`ruff_python_parser`: maintained, and smaller in
//! wasm than rustpython-parser) and run by a tree-walking interpreter ([`interp`]) whose
//! objects ([`obj::Obj`]) follow Python's semantics. The PySpark API ([`pyspark`]) turns
//! DStream calls into an [`eddy_core::PipelineSpec`] and runs it on the engine's logical clock.
//!
//! ```
//! let out = eddy_python::run("prog.py", "print(sum(x * x for x in range(4)))", 0, Box::new(|_| None));
//! assert_eq!(out.stdout, "14\n");
//! ```

pub mod builtins;
pub mod compose;
pub mod export;
pub mod golden;
pub mod interp;
pub mod nesting;
pub mod obj;
pub mod outline;
mod program;
pub mod pyspark;
pub mod source;
pub mod workloads;

pub use eddy_core::PipelineSpec;
pub use program::{
    run, run_timed, run_with_arrivals, run_with_budget, syntax_error, Arrival, ProgramError,
    RunOutput,
};

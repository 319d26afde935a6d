//! The interpreter for the Python subset PySpark programs use: a tree walker over Ruff's AST.
//!
//! Functions are kept as shared AST (parsed once, cached by position), scopes are small
//! hash maps chained from a function's defining scope to the module's globals, and every
//! statement and call counts against a step budget so that `while True:` or runaway recursion
//! ends with a clear error at its line instead of hanging the browser tab.

mod call;
mod compile;
mod eval;
mod exc;
mod exec;
mod format;
mod scope;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use eddy_core::value::Key;
use ruff_python_ast::name::Name;
use ruff_python_ast::{Expr, Stmt};
use rustc_hash::FxHashMap;

pub use call::Kwargs;
pub use exc::{Exc, ExcInfo, Frame, CLASSES};

/// The exception classes the subset knows.
pub fn exc_classes() -> &'static [(&'static str, &'static str)] {
    CLASSES
}
pub use format::{format_spec, percent_format};
pub use scope::Scope;

use crate::obj::Obj;
use crate::source::Source;

/// Steps a whole program may take (statements, calls and loop iterations).
pub const PROGRAM_STEPS: u64 = 5_000_000;
/// Steps one call of a user function from the engine may take.
pub const CALL_STEPS: u64 = 5_000_000;
/// The most items a list, string or range materialisation may have.
pub const MAX_ITEMS: i64 = 20_000_000;
/// Python call depth before `RecursionError`. CPython allows 1000, but one Python call takes
/// about 5 KB of native stack in a release build (70 KB in debug), and the browser gives wasm
/// 1 MB: 100 levels fit there with room to spare. Hosts run programs on a large stack.
pub const MAX_DEPTH: u32 = 100;

/// The step budgets of a run: the product's are the default ([`PROGRAM_STEPS`],
/// [`CALL_STEPS`]); the fuzz targets pass smaller ones to stay fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Steps the whole program may take.
    pub program_steps: u64,
    /// Steps one call of a user function from the engine may take.
    pub call_steps: u64,
    /// Whether functions are lowered before they run (`interp/compile`); off runs every
    /// function on the tree walker, so the two can be compared.
    pub lower_functions: bool,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            program_steps: PROGRAM_STEPS,
            call_steps: CALL_STEPS,
            lower_functions: true,
        }
    }
}

/// Fails with `MemoryError` when a container of `n` items would exceed [`MAX_ITEMS`].
pub fn check_size(n: i64) -> Result<(), Exc> {
    if n > MAX_ITEMS {
        Err(Exc::new(
            "MemoryError",
            format!("{n} items is more than Eddy allows in one object ({MAX_ITEMS})"),
        )
        .fatal())
    } else {
        Ok(())
    }
}

/// The code of a function, shared by every function object made from the same `def` or `lambda`.
#[derive(Debug)]
pub enum Code {
    /// A `lambda`'s body.
    Lambda(Expr),
    /// A `def`'s body, with the names it declares `global` / `nonlocal`.
    Def {
        /// The statements.
        body: Vec<Stmt>,
        /// Names declared `global`.
        globals: Vec<Name>,
        /// Names declared `nonlocal`.
        nonlocals: Vec<Name>,
        /// Whether the body contains `yield`: calling it collects what it yields into a list.
        generator: bool,
    },
}

/// A parameter: its name and default value.
#[derive(Clone, Debug)]
pub struct Param {
    /// The name.
    pub name: Name,
    /// The default, evaluated when the `def` ran.
    pub default: Option<Obj>,
}

/// A user function (`def` or `lambda`).
#[derive(Debug)]
pub struct Function {
    /// `f`, or `<lambda>`.
    pub name: Rc<str>,
    /// Positional-or-keyword parameters.
    pub params: Vec<Param>,
    /// `*args`.
    pub vararg: Option<Name>,
    /// Keyword-only parameters.
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<Name>,
    /// The body.
    pub code: Rc<Code>,
    /// The scope it was defined in (its closure).
    pub scope: Rc<Scope>,
    /// Its source text, for pipelines and export.
    pub source: Rc<str>,
    /// The line of its `def` / `lambda`.
    pub line: u32,
    /// Its lowered code, once it has been called (`None` inside: it runs on the tree walker).
    pub(crate) lowered: std::cell::OnceCell<Option<Rc<compile::Compiled>>>,
}

impl Function {
    /// Whether a call with `n` positional arguments and no keywords binds them one to one to
    /// the parameters: as many as it has, and no `*args`, keyword-only ones or `**kwargs`.
    pub fn binds_exactly(&self, n: usize) -> bool {
        n == self.params.len()
            && self.vararg.is_none()
            && self.kwonly.is_empty()
            && self.kwarg.is_none()
    }

    /// The names a call binds, in order: the parameters, the keyword-only ones, `*args`,
    /// `**kwargs` (the order in which a call binds its values).
    pub fn bound_names(&self) -> impl Iterator<Item = &Name> {
        self.params
            .iter()
            .chain(&self.kwonly)
            .map(|p| &p.name)
            .chain(&self.vararg)
            .chain(&self.kwarg)
    }
}

/// Reads a file a program opens (`open('data/x.csv')`, `sc.textFile(...)`): the CLI reads the
/// disk relative to the program, the browser its bundled and uploaded files.
pub type FileReader = Box<dyn Fn(&str) -> Option<String>>;

/// A running program's interpreter.
pub struct Interp {
    /// The program's source.
    pub source: Rc<Source>,
    /// Module globals.
    pub globals: Rc<Scope>,
    /// What the program has printed so far.
    out: RefCell<String>,
    steps: Cell<u64>,
    limit: Cell<u64>,
    call_steps: Cell<u64>,
    depth: Cell<u32>,
    code_cache: RefCell<FxHashMap<u32, Rc<Code>>>,
    /// Lowered code by the address of its [`Code`] (kept alive by `code_cache`), so that a
    /// `lambda` made on every call of its enclosing function is lowered once.
    lowered: RefCell<FxHashMap<usize, Option<Rc<compile::Compiled>>>>,
    lower_functions: Cell<bool>,
    /// String literals by position: their `str` object and dict key, made once.
    literals: RefCell<FxHashMap<u32, (Obj, Key)>>,
    yields: RefCell<Vec<Vec<Obj>>>,
    /// The PySpark side: contexts, the pipeline being built, the engine once started.
    pub spark: crate::pyspark::Session,
    /// The hidden `random.Random` behind the `random` module's functions (one per program).
    pub random: crate::builtins::Random,
    files: FileReader,
}

impl Interp {
    /// An interpreter for `source`, reading files with `files`.
    pub fn new(source: Rc<Source>, files: FileReader, spark: crate::pyspark::Session) -> Self {
        Interp {
            source,
            globals: Scope::global(),
            out: RefCell::new(String::new()),
            steps: Cell::new(0),
            limit: Cell::new(PROGRAM_STEPS),
            call_steps: Cell::new(CALL_STEPS),
            depth: Cell::new(0),
            code_cache: RefCell::new(FxHashMap::default()),
            lowered: RefCell::new(FxHashMap::default()),
            lower_functions: Cell::new(true),
            literals: RefCell::new(FxHashMap::default()),
            yields: RefCell::new(Vec::new()),
            spark,
            random: Default::default(),
            files,
        }
    }

    /// Appends to the program's output (what `print` writes).
    pub fn write(&self, text: &str) {
        self.out.borrow_mut().push_str(text);
    }

    /// How many bytes have been printed so far.
    pub fn output_len(&self) -> usize {
        self.out.borrow().len()
    }

    /// Takes what was printed so far.
    pub fn take_output(&self) -> String {
        std::mem::take(&mut *self.out.borrow_mut())
    }

    /// Runs `f` with the output redirected: returns its result and what it printed.
    pub fn capture<T>(&self, f: impl FnOnce() -> T) -> (T, String) {
        let saved = self.take_output();
        let r = f();
        let printed = std::mem::replace(&mut *self.out.borrow_mut(), saved);
        (r, printed)
    }

    /// Sets the budgets of the run (before it starts).
    pub fn set_budget(&self, budget: Budget) {
        self.limit.set(budget.program_steps);
        self.call_steps.set(budget.call_steps);
        self.lower_functions.set(budget.lower_functions);
    }

    /// The steps one call of a user function from the engine may take.
    pub fn call_steps(&self) -> u64 {
        self.call_steps.get()
    }

    /// Runs `f` under a fresh step budget of `steps` (a call from the engine).
    pub fn with_budget<T>(&self, steps: u64, f: impl FnOnce() -> T) -> T {
        let (saved_steps, saved_limit) = (self.steps.get(), self.limit.get());
        self.steps.set(0);
        self.limit.set(steps);
        let r = f();
        self.steps.set(saved_steps);
        self.limit.set(saved_limit);
        r
    }

    /// Counts one step; fails when the budget is spent.
    pub fn tick(&self) -> Result<(), Exc> {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        if s > self.limit.get() {
            return Err(Exc::new(
                "RuntimeError",
                format!(
                    "step budget exhausted after {} steps (an endless loop?)",
                    self.limit.get()
                ),
            )
            .fatal());
        }
        Ok(())
    }

    /// Reads a file the program opens.
    pub fn read_file(&self, path: &str) -> Result<String, Exc> {
        if let Some(data) = self.spark.read_file(path) {
            return Ok(String::from_utf8_lossy(&data).into_owned());
        }
        (self.files)(path).ok_or_else(|| {
            Exc::new(
                "FileNotFoundError",
                format!("[Errno 2] No such file or directory: '{path}'"),
            )
        })
    }

    /// A string literal's `str` object and its dict key (with its hash), made the first time
    /// the literal is evaluated: `o["amount"]` and `{"time": ...}` then allocate and hash
    /// nothing. Literals are keyed by position: an interpreter runs one source.
    pub(crate) fn str_literal(&self, s: &ruff_python_ast::ExprStringLiteral) -> (Obj, Key) {
        use ruff_text_size::Ranged;
        let at = s.start().to_u32();
        if let Some(hit) = self.literals.borrow().get(&at) {
            return hit.clone();
        }
        let text: std::sync::Arc<str> = s.value.to_str().into();
        let key = Key::new(eddy_core::Value::Str(text.clone())).expect("a str is hashable");
        let hit = (Obj::Str(text), key);
        self.literals.borrow_mut().insert(at, hit.clone());
        hit
    }

    /// `f`'s lowered code, lowering it on its first call; `None` if it runs on the tree walker.
    fn lowered(&self, f: &Function) -> Option<Rc<compile::Compiled>> {
        if !self.lower_functions.get() {
            return None;
        }
        f.lowered
            .get_or_init(|| {
                self.lowered
                    .borrow_mut()
                    .entry(Rc::as_ptr(&f.code) as usize)
                    .or_insert_with(|| compile::lower(f, &self.source).map(Rc::new))
                    .clone()
            })
            .clone()
    }

    fn cached_code(&self, at: u32, make: impl FnOnce() -> Code) -> Rc<Code> {
        self.code_cache
            .borrow_mut()
            .entry(at)
            .or_insert_with(|| Rc::new(make()))
            .clone()
    }
}

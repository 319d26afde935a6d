//! Program functions lowered to a resolved tree before they run (the interpreter's fast tier).
//!
//! The engine calls a program's functions once per record, and the tree walker spends about
//! half of that time on work that does not depend on the record: allocating a scope, finding
//! each name by comparing strings (the call's locals, then the module's globals, then the
//! builtins), making string literals' dict keys, and dispatching over Ruff's AST. A function
//! whose body uses only the common statements and expressions is therefore lowered, the first
//! time it is called, to a tree in which
//! - every local (a parameter, or a name the body assigns) is a numbered slot of a frame that
//!   lives on the call's stack, as CPython's fast locals are;
//! - every other name is looked up in the defining scope at run time (globals may change), with
//!   the builtin it falls back to found once;
//! - constants, string keys and source lines are made once.
//!
//! Everything else (nested `def`/`lambda`, `global`, `yield`, `with`, `import`, `del`, starred
//! items, the walrus) keeps the function on the tree walker, whole: a function runs one way or
//! the other, never half and half. Lowered functions keep the tree walker's observable
//! behaviour: the same step counting, errors, lines and tracebacks, and Python's reference
//! semantics. One difference is Python's, not the tree walker's: reading a local before it is
//! assigned raises `UnboundLocalError` (the tree walker looks the name up outside).

mod lower;
mod run;

use eddy_core::value::Key;
use ruff_python_ast::name::Name;
use ruff_python_ast::{CmpOp, UnaryOp};

use crate::obj::{BinOp, DictShape, Obj};

pub(super) use lower::lower;

/// A lowered function: its frame size and body.
#[derive(Debug)]
pub struct Compiled {
    /// Slots in a frame: the bound names first (see `Function::bound_names`), then the other
    /// locals, then comprehension variables.
    slots: usize,
    /// For each parameter: whether the body reads it only as `p["field"]`. A record the engine
    /// passes for such a parameter stays the engine's value in the frame (`Obj::Data`), with no
    /// dict made around it, until a field holding a mutable value needs one.
    raw: Vec<bool>,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Lambda(CExpr),
    Def(Vec<CStmt>),
}

/// An expression with its names resolved.
#[derive(Debug)]
enum CExpr {
    Const(Obj),
    /// A local: its slot and name (for `UnboundLocalError`).
    Local(usize, Name),
    /// A free name: looked up in the function's defining scope, else this builtin.
    Global(Name, Option<Obj>, Unbound),
    Tuple(Vec<CExpr>),
    List(Vec<CExpr>),
    Set(Vec<CExpr>, bool),
    Dict(Vec<(CKey, CExpr)>),
    /// A dict display whose keys are all string literals: its shape and its values.
    Record(DictShape, Vec<CExpr>),
    And(Vec<CExpr>),
    Or(Vec<CExpr>),
    Bin(BinOp, Box<CExpr>, Box<CExpr>),
    Unary(UnaryOp, Box<CExpr>),
    Compare(Box<CExpr>, Vec<(CmpOp, CExpr)>),
    If(Box<[CExpr; 3]>),
    Call(Box<CExpr>, Args),
    Method(Box<CExpr>, Name, Args),
    Attr(Box<CExpr>, Name),
    Subscript(Box<CExpr>, Box<CExpr>),
    /// `value["literal"]`: the literal's `str` and key, made once, and where the key was
    /// last found in an engine record (records made by one dict display share their layout).
    Field(Box<CExpr>, Obj, Key, std::cell::Cell<usize>),
    Slice(Box<[Option<CExpr>; 3]>),
    Comp(Box<Comp>),
    FString(Vec<Part>),
}

/// Where a free name was last found unbound: the module scope (by address) and its
/// [`version`](crate::interp::Scope::version) then. Until that scope changes, the name is its
/// builtin without a lookup (`int`, `len`, `float` are read on every call of a record's parser).
type Unbound = std::cell::Cell<Option<(usize, u64)>>;

/// A dict display's key.
#[derive(Debug)]
enum CKey {
    Const(Key),
    Expr(CExpr),
}

/// A call's arguments (no `*` / `**` unpacking: those stay on the tree walker).
#[derive(Debug)]
struct Args {
    args: Vec<CExpr>,
    kwargs: Vec<(Name, CExpr)>,
}

/// What a comprehension builds.
#[derive(Debug, Clone, Copy)]
enum CompKind {
    List,
    Set,
    Dict,
}

/// A comprehension: its element (and value, for a dict), and its `for` clauses.
#[derive(Debug)]
struct Comp {
    kind: CompKind,
    elt: CExpr,
    value: Option<CExpr>,
    gens: Vec<Gen>,
}

/// One `for target in iter if cond…` clause.
#[derive(Debug)]
struct Gen {
    target: Target,
    iter: CExpr,
    ifs: Vec<CExpr>,
}

/// One part of an f-string.
#[derive(Debug)]
enum Part {
    Literal(String),
    Value {
        expr: CExpr,
        debug: Option<String>,
        conversion: ruff_python_ast::ConversionFlag,
        spec: Option<Vec<Part>>,
    },
}

/// An assignment target.
#[derive(Debug)]
enum Target {
    Local(usize),
    Unpack(Vec<Target>),
    Item(CExpr, CExpr),
}

/// A statement and its line (errors passing through it are reported there).
#[derive(Debug)]
struct CStmt {
    line: u32,
    kind: Stmt,
}

#[derive(Debug)]
enum Stmt {
    Expr(CExpr),
    Assign(Vec<Target>, CExpr),
    AugLocal(usize, Name, BinOp, CExpr),
    AugItem(CExpr, CExpr, BinOp, CExpr),
    /// `if` / `elif` / `else` clauses in order (`else` has no test).
    If(Vec<(Option<CExpr>, Vec<CStmt>)>),
    For(Target, CExpr, Vec<CStmt>, Vec<CStmt>),
    While(CExpr, Vec<CStmt>, Vec<CStmt>),
    Break,
    Continue,
    Pass,
    Return(Option<CExpr>),
    Try(Box<Try>),
    Raise(Option<CExpr>),
    Assert(CExpr, Option<CExpr>),
}

#[derive(Debug)]
struct Try {
    body: Vec<CStmt>,
    handlers: Vec<Handler>,
    orelse: Vec<CStmt>,
    finally: Vec<CStmt>,
}

/// `except class as name:`.
#[derive(Debug)]
struct Handler {
    class: Option<CExpr>,
    name: Option<usize>,
    body: Vec<CStmt>,
}

#[cfg(test)]
mod tests;

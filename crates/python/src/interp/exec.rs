//! Statements.

use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::{Code, Exc, Function, Interp, Param, Scope};
use crate::obj::Obj;

/// How a statement ended.
pub enum Flow {
    /// Fell through to the next statement.
    Next,
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return value`.
    Return(Obj),
}

impl Interp {
    /// Runs statements in `scope`.
    pub fn exec_block(&self, body: &[Stmt], scope: &Rc<Scope>) -> Result<Flow, Exc> {
        for stmt in body {
            match self.exec(stmt, scope) {
                Ok(Flow::Next) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => return Err(e.at(self.source.line_of(stmt.start()))),
            }
        }
        Ok(Flow::Next)
    }

    fn exec(&self, stmt: &Stmt, scope: &Rc<Scope>) -> Result<Flow, Exc> {
        self.tick()?;
        match stmt {
            Stmt::Expr(s) => {
                self.eval(&s.value, scope)?;
            }
            Stmt::Assign(s) => {
                let value = self.eval(&s.value, scope)?;
                for target in &s.targets {
                    self.assign(target, value.clone(), scope)?;
                }
            }
            Stmt::AugAssign(s) => self.aug_assign(s, scope)?,
            Stmt::AnnAssign(s) => {
                if let Some(v) = &s.value {
                    let value = self.eval(v, scope)?;
                    self.assign(&s.target, value, scope)?;
                }
            }
            Stmt::If(s) => {
                if self.eval(&s.test, scope)?.truthy() {
                    return self.exec_block(&s.body, scope);
                }
                for clause in &s.elif_else_clauses {
                    let take = match &clause.test {
                        Some(test) => self.eval(test, scope)?.truthy(),
                        None => true,
                    };
                    if take {
                        return self.exec_block(&clause.body, scope);
                    }
                }
            }
            Stmt::For(s) => {
                let iterable = self.eval(&s.iter, scope)?;
                let mut broke = false;
                let mut each = |item: Obj| -> Result<Option<Flow>, Exc> {
                    self.tick()?;
                    self.assign(&s.target, item, scope)?;
                    match self.exec_block(&s.body, scope)? {
                        Flow::Break => {
                            broke = true;
                            Ok(Some(Flow::Next))
                        }
                        Flow::Return(v) => Ok(Some(Flow::Return(v))),
                        Flow::Next | Flow::Continue => Ok(None),
                    }
                };
                let stop = self.for_each(iterable, &mut each)?;
                match stop {
                    Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                    _ if broke => {}
                    _ => {
                        if let flow @ (Flow::Return(_) | Flow::Break | Flow::Continue) =
                            self.exec_block(&s.orelse, scope)?
                        {
                            return Ok(flow);
                        }
                    }
                }
            }
            Stmt::While(s) => {
                let mut broke = false;
                while self.eval(&s.test, scope)?.truthy() {
                    self.tick()?;
                    match self.exec_block(&s.body, scope)? {
                        Flow::Break => {
                            broke = true;
                            break;
                        }
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Next | Flow::Continue => {}
                    }
                }
                if !broke {
                    if let flow @ (Flow::Return(_) | Flow::Break | Flow::Continue) =
                        self.exec_block(&s.orelse, scope)?
                    {
                        return Ok(flow);
                    }
                }
            }
            Stmt::Break(_) => return Ok(Flow::Break),
            Stmt::Continue(_) => return Ok(Flow::Continue),
            Stmt::Pass(_) => {}
            Stmt::Return(s) => {
                let v = match &s.value {
                    Some(e) => self.eval(e, scope)?,
                    None => Obj::None,
                };
                return Ok(Flow::Return(v));
            }
            Stmt::FunctionDef(f) => {
                if f.is_async {
                    return Err(unsupported("async def"));
                }
                let func = self.make_def(f, scope)?;
                let mut obj = Obj::Func(Rc::new(func));
                for d in f.decorator_list.iter().rev() {
                    let deco = self.eval(&d.expression, scope)?;
                    obj = self.call(&deco, vec![obj], Vec::new())?;
                }
                scope.set(&f.name.id, obj);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Import(s) => {
                for alias in &s.names {
                    let name = alias.name.id.as_str();
                    let module = crate::builtins::import(name)?;
                    match &alias.asname {
                        Some(asname) => scope.set(&asname.id, module),
                        None => {
                            // `import a.b` binds `a`.
                            let top = name.split('.').next().unwrap_or(name);
                            scope.set(&top.into(), crate::builtins::import(top)?);
                        }
                    }
                }
            }
            Stmt::ImportFrom(s) => {
                let module_name = s.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                let module = crate::builtins::import(module_name)?;
                for alias in &s.names {
                    if alias.name.id.as_str() == "*" {
                        if let Obj::Module(m) = &module {
                            for (name, v) in &m.attrs {
                                scope.set(&(*name).into(), v.clone());
                            }
                        }
                        continue;
                    }
                    let v = self
                        .get_attr(&module, alias.name.id.as_str())
                        .map_err(|_| {
                            Exc::new(
                                "ImportError",
                                format!(
                                    "cannot import name '{}' from '{module_name}' (Eddy supports \
                                 the parts of it that DStream programs use)",
                                    alias.name.id
                                ),
                            )
                        })?;
                    let bind = alias.asname.as_ref().unwrap_or(&alias.name);
                    scope.set(&bind.id, v);
                }
            }
            Stmt::Try(s) => return self.exec_try(s, scope),
            Stmt::Raise(s) => {
                let Some(e) = &s.exc else {
                    return Err(Exc::new("RuntimeError", "No active exception to reraise"));
                };
                return Err(raised(self.eval(e, scope)?));
            }
            Stmt::Assert(s) => {
                if !self.eval(&s.test, scope)?.truthy() {
                    let msg = match &s.msg {
                        Some(m) => self.eval(m, scope)?.to_str(),
                        None => String::new(),
                    };
                    return Err(Exc::new("AssertionError", msg));
                }
            }
            Stmt::Delete(s) => {
                for target in &s.targets {
                    self.delete(target, scope)?;
                }
            }
            Stmt::With(s) => {
                for item in &s.items {
                    let v = self.eval(&item.context_expr, scope)?;
                    if let Some(target) = &item.optional_vars {
                        self.assign(target, v, scope)?;
                    }
                }
                return self.exec_block(&s.body, scope);
            }
            Stmt::ClassDef(_) => {
                return Err(unsupported(
                    "class definitions (use functions, tuples and dicts instead)",
                ))
            }
            Stmt::Match(_) => return Err(unsupported("match statements (use if/elif)")),
            Stmt::TypeAlias(_) => return Err(unsupported("type aliases")),
            Stmt::IpyEscapeCommand(_) => return Err(unsupported("IPython escape commands")),
        }
        Ok(Flow::Next)
    }

    fn exec_try(&self, s: &ast::StmtTry, scope: &Rc<Scope>) -> Result<Flow, Exc> {
        let result = match self.exec_block(&s.body, scope) {
            Ok(Flow::Next) => self.exec_block(&s.orelse, scope),
            Ok(flow) => Ok(flow),
            Err(e) if e.fatal => Err(e),
            Err(e) => {
                let mut handled = None;
                for handler in &s.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = handler;
                    let matches = match &h.type_ {
                        None => true,
                        Some(t) => catches(&self.eval(t, scope)?, &e),
                    };
                    if matches {
                        if let Some(name) = &h.name {
                            scope.set(&name.id, Obj::Exception(Rc::new(e.clone())));
                        }
                        handled = Some(self.exec_block(&h.body, scope));
                        break;
                    }
                }
                handled.unwrap_or(Err(e))
            }
        };
        if !s.finalbody.is_empty() {
            match self.exec_block(&s.finalbody, scope)? {
                Flow::Next => {}
                flow => return Ok(flow),
            }
        }
        result
    }

    /// Runs `each` on the items of a `for` loop's iterable until it returns a flow that ends
    /// the loop. A `range` is walked lazily, so `for i in range(10**12)` runs into the step
    /// budget, not out of memory.
    pub(super) fn for_each(
        &self,
        iterable: Obj,
        each: &mut dyn FnMut(Obj) -> Result<Option<Flow>, Exc>,
    ) -> Result<Option<Flow>, Exc> {
        if let Obj::Range(a, b, st) = iterable {
            for i in 0..crate::obj::range_len(a, b, st) {
                if let Some(f) = each(Obj::Int(a + i * st))? {
                    return Ok(Some(f));
                }
            }
        } else {
            for item in self.iterate(&iterable)? {
                if let Some(f) = each(item)? {
                    return Ok(Some(f));
                }
            }
        }
        Ok(None)
    }

    fn aug_assign(&self, s: &ast::StmtAugAssign, scope: &Rc<Scope>) -> Result<(), Exc> {
        let op = super::eval::bin_op(s.op);
        let rhs = self.eval(&s.value, scope)?;
        match &*s.target {
            Expr::Name(n) => {
                let cur = self.lookup(&n.id, scope)?;
                // `lst += other` extends the list in place (everyone holding it sees it).
                if let (Obj::List(l), crate::obj::BinOp::Add) = (&cur, op) {
                    let items = self.iterate(&rhs)?;
                    l.borrow_mut().extend(items);
                    return Ok(());
                }
                scope.set(&n.id, cur.binop(op, &rhs)?);
            }
            Expr::Subscript(sub) => {
                let container = self.eval(&sub.value, scope)?;
                let index = self.eval(&sub.slice, scope)?;
                let cur = self.subscript(&container, &index)?;
                let new = cur.binop(op, &rhs)?;
                self.set_item(&container, index, new)?;
            }
            Expr::Attribute(_) => return Err(unsupported("augmented assignment to attributes")),
            _ => {
                return Err(Exc::new(
                    "SyntaxError",
                    "illegal expression for augmented assignment",
                ))
            }
        }
        Ok(())
    }

    /// Binds `value` to an assignment target.
    pub fn assign(&self, target: &Expr, value: Obj, scope: &Rc<Scope>) -> Result<(), Exc> {
        match target {
            Expr::Name(n) => scope.set(&n.id, value),
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let items = self.iterate(&value)?;
                if let Some(star) = elts.iter().position(|e| e.is_starred_expr()) {
                    let after = elts.len() - star - 1;
                    if items.len() < elts.len() - 1 {
                        return Err(Exc::new(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                elts.len() - 1,
                                items.len()
                            ),
                        ));
                    }
                    for (t, v) in elts[..star].iter().zip(&items) {
                        self.assign(t, v.clone(), scope)?;
                    }
                    let rest = items[star..items.len() - after].to_vec();
                    if let Expr::Starred(s) = &elts[star] {
                        self.assign(&s.value, Obj::list(rest), scope)?;
                    }
                    for (t, v) in elts[star + 1..].iter().zip(&items[items.len() - after..]) {
                        self.assign(t, v.clone(), scope)?;
                    }
                    return Ok(());
                }
                unpack_count(elts.len(), items.len())?;
                for (t, v) in elts.iter().zip(items) {
                    self.assign(t, v, scope)?;
                }
            }
            Expr::Subscript(s) => {
                let container = self.eval(&s.value, scope)?;
                let index = self.eval(&s.slice, scope)?;
                self.set_item(&container, index, value)?;
            }
            Expr::Attribute(_) => return Err(unsupported("assignment to attributes")),
            Expr::Starred(_) => {
                return Err(Exc::new(
                    "SyntaxError",
                    "starred assignment target must be in a list or tuple",
                ))
            }
            _ => return Err(Exc::new("SyntaxError", "cannot assign to expression")),
        }
        Ok(())
    }

    fn delete(&self, target: &Expr, scope: &Rc<Scope>) -> Result<(), Exc> {
        match target {
            Expr::Name(n) => {
                if !scope.remove(&n.id) {
                    return Err(Exc::new(
                        "NameError",
                        format!("name '{}' is not defined", n.id),
                    ));
                }
            }
            Expr::Subscript(s) => {
                let container = self.eval(&s.value, scope)?;
                let index = self.eval(&s.slice, scope)?;
                self.del_item(&container, &index)?;
            }
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.delete(e, scope)?;
                }
            }
            _ => return Err(Exc::new("SyntaxError", "cannot delete expression")),
        }
        Ok(())
    }

    fn make_def(&self, f: &ast::StmtFunctionDef, scope: &Rc<Scope>) -> Result<Function, Exc> {
        let code = self.cached_code(f.start().to_u32(), || {
            let mut globals = Vec::new();
            let mut nonlocals = Vec::new();
            let mut generator = false;
            scan_body(&f.body, &mut globals, &mut nonlocals, &mut generator);
            Code::Def {
                body: f.body.to_vec(),
                globals,
                nonlocals,
                generator,
            }
        });
        self.function(
            f.name.id.as_str().into(),
            Some(&f.parameters),
            code,
            scope,
            f.range(),
        )
    }

    /// A function object for a `def` or `lambda` executed in `scope`: its defaults are
    /// evaluated now, as Python evaluates them when the definition runs.
    pub(crate) fn function(
        &self,
        name: Rc<str>,
        parameters: Option<&ast::Parameters>,
        code: Rc<Code>,
        scope: &Rc<Scope>,
        range: ruff_text_size::TextRange,
    ) -> Result<Function, Exc> {
        let param = |a: &ast::ParameterWithDefault| -> Result<Param, Exc> {
            Ok(Param {
                name: a.parameter.name.id.clone(),
                default: a
                    .default
                    .as_ref()
                    .map(|d| self.eval(d, scope))
                    .transpose()?,
            })
        };
        let (params, vararg, kwonly, kwarg) = match parameters {
            None => (Vec::new(), None, Vec::new(), None),
            Some(p) => (
                p.posonlyargs
                    .iter()
                    .chain(&p.args)
                    .map(param)
                    .collect::<Result<_, _>>()?,
                p.vararg.as_ref().map(|v| v.name.id.clone()),
                p.kwonlyargs.iter().map(param).collect::<Result<_, _>>()?,
                p.kwarg.as_ref().map(|v| v.name.id.clone()),
            ),
        };
        Ok(Function {
            name,
            params,
            vararg,
            kwonly,
            kwarg,
            code,
            scope: scope.clone(),
            source: self.source.slice(range).into(),
            line: self.source.line_of(range.start()),
            lowered: Default::default(),
        })
    }
}

/// `raise e`: the exception raised for the object `e`, its old traceback dropped.
pub(super) fn raised(e: Obj) -> Exc {
    match e {
        Obj::Exception(e) => {
            let mut e = (*e).clone();
            e.trace.clear();
            e.line = None;
            e
        }
        Obj::ExcType(kind) => Exc::new(&kind, ""),
        other => Exc::type_error(format!(
            "exceptions must derive from BaseException, not {}",
            other.type_name()
        )),
    }
}

/// Whether `except classes:` (a class or a tuple of them) catches `e`.
pub(super) fn catches(classes: &Obj, e: &Exc) -> bool {
    let one = |c: &Obj| matches!(c, Obj::ExcType(name) if e.is_instance(name));
    match classes {
        Obj::Tuple(items) => items.iter().any(one),
        c => one(c),
    }
}

/// Unpacking `got` values into `expected` targets.
pub(super) fn unpack_count(expected: usize, got: usize) -> Result<(), Exc> {
    if got == expected {
        return Ok(());
    }
    Err(Exc::new(
        "ValueError",
        if got > expected {
            format!("too many values to unpack (expected {expected})")
        } else {
            format!("not enough values to unpack (expected {expected}, got {got})")
        },
    ))
}

/// An error for syntax the subset does not run.
pub fn unsupported(what: &str) -> Exc {
    Exc::new(
        "NotImplementedError",
        format!("Eddy does not support {what}"),
    )
}

/// Finds `global`/`nonlocal` declarations and `yield` in a function body (not in nested defs).
fn scan_body(
    body: &[Stmt],
    globals: &mut Vec<ruff_python_ast::name::Name>,
    nonlocals: &mut Vec<ruff_python_ast::name::Name>,
    generator: &mut bool,
) {
    use ruff_python_ast::statement_visitor::{walk_stmt, StatementVisitor};
    use ruff_python_ast::visitor::{walk_expr, Visitor};

    struct Yields(bool);
    impl<'a> Visitor<'a> for Yields {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Yield(_) | Expr::YieldFrom(_) => self.0 = true,
                Expr::Lambda(_) => {}
                _ => walk_expr(self, e),
            }
        }
        fn visit_stmt(&mut self, s: &'a Stmt) {
            match s {
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ => ruff_python_ast::visitor::walk_stmt(self, s),
            }
        }
    }

    struct Decls<'b> {
        globals: &'b mut Vec<ruff_python_ast::name::Name>,
        nonlocals: &'b mut Vec<ruff_python_ast::name::Name>,
    }
    impl<'a> StatementVisitor<'a> for Decls<'_> {
        fn visit_stmt(&mut self, s: &'a Stmt) {
            match s {
                Stmt::Global(g) => self.globals.extend(g.names.iter().map(|n| n.id.clone())),
                Stmt::Nonlocal(g) => self.nonlocals.extend(g.names.iter().map(|n| n.id.clone())),
                Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
                _ => walk_stmt(self, s),
            }
        }
    }
    let mut d = Decls { globals, nonlocals };
    d.visit_body(body);
    let mut y = Yields(false);
    y.visit_body(body);
    *generator = y.0;
}

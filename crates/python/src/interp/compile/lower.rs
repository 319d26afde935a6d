//! Lowering a function's AST to the resolved tree, or `None` when it uses something only the
//! tree walker runs.

use std::sync::Arc;

use eddy_core::value::Key;
use eddy_core::Value;
use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::{
    Args, Body, CExpr, CKey, CStmt, Comp, CompKind, Compiled, Gen, Handler, Part, Stmt, Target, Try,
};
use crate::interp::eval::{bin_op, is_constant};
use crate::interp::{Code, Function};
use crate::obj::{DictShape, Obj};
use crate::source::Source;

/// Lowers `f`, or `None` if its body needs the tree walker.
pub fn lower(f: &Function, source: &Source) -> Option<Compiled> {
    let mut cx = Lower {
        locals: Vec::new(),
        comps: Vec::new(),
        slots: 0,
        read: Vec::new(),
        source,
    };
    for name in f.bound_names() {
        cx.local(name);
    }
    let params = f.params.len();
    let body = match &*f.code {
        Code::Lambda(e) => Body::Lambda(cx.expr(e)?),
        Code::Def {
            body,
            globals,
            nonlocals,
            generator,
        } => {
            if !globals.is_empty() || !nonlocals.is_empty() || *generator {
                return None;
            }
            cx.declare(body)?;
            Body::Def(cx.block(body)?)
        }
    };
    // A parameter read only as `p["field"]` can stay the engine's record (see `Compiled::raw`).
    let raw = (0..params)
        .map(|i| !cx.read.get(i).copied().unwrap_or(false))
        .collect();
    Some(Compiled {
        slots: cx.slots,
        raw,
        body,
    })
}

struct Lower<'s> {
    /// The function's locals and their slots.
    locals: Vec<(Name, usize)>,
    /// The variables of the comprehensions being lowered, innermost last.
    comps: Vec<Vec<(Name, usize)>>,
    slots: usize,
    /// Slots read as values somewhere (not only as the record of a `x["field"]`).
    read: Vec<bool>,
    source: &'s Source,
}

fn find(names: &[(Name, usize)], name: &str) -> Option<usize> {
    names
        .iter()
        .find(|(n, _)| n.as_str() == name)
        .map(|(_, i)| *i)
}

impl Lower<'_> {
    /// The slot of local `name`, made if new.
    fn local(&mut self, name: &Name) -> usize {
        if let Some(i) = find(&self.locals, name) {
            return i;
        }
        let i = self.slots;
        self.slots += 1;
        self.locals.push((name.clone(), i));
        i
    }

    /// Notes that slot `i` is read as a value (so a parameter there cannot stay a raw record).
    fn mark_read(&mut self, i: usize) {
        if self.read.len() <= i {
            self.read.resize(i + 1, false);
        }
        self.read[i] = true;
    }

    /// Makes a slot for every name the body binds (Python decides locals by assignment
    /// anywhere in the function, before it runs).
    fn declare(&mut self, body: &[ast::Stmt]) -> Option<()> {
        for s in body {
            match s {
                ast::Stmt::Assign(a) => {
                    a.targets.iter().try_for_each(|t| self.declare_target(t))?
                }
                ast::Stmt::AugAssign(a) => self.declare_target(&a.target)?,
                ast::Stmt::AnnAssign(a) => self.declare_target(&a.target)?,
                ast::Stmt::For(f) => {
                    self.declare_target(&f.target)?;
                    self.declare(&f.body)?;
                    self.declare(&f.orelse)?;
                }
                ast::Stmt::While(w) => {
                    self.declare(&w.body)?;
                    self.declare(&w.orelse)?;
                }
                ast::Stmt::If(i) => {
                    self.declare(&i.body)?;
                    for c in &i.elif_else_clauses {
                        self.declare(&c.body)?;
                    }
                }
                ast::Stmt::Try(t) => {
                    self.declare(&t.body)?;
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        if let Some(n) = &h.name {
                            self.local(&n.id);
                        }
                        self.declare(&h.body)?;
                    }
                    self.declare(&t.orelse)?;
                    self.declare(&t.finalbody)?;
                }
                _ => {}
            }
        }
        Some(())
    }

    fn declare_target(&mut self, t: &Expr) -> Option<()> {
        match t {
            Expr::Name(n) => {
                self.local(&n.id);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.declare_target(e))?;
            }
            Expr::Subscript(_) => {}
            _ => return None,
        }
        Some(())
    }

    /// Where `name` is read from.
    fn name(&self, name: &Name) -> CExpr {
        for scope in self.comps.iter().rev() {
            if let Some(i) = find(scope, name) {
                return CExpr::Local(i, name.clone());
            }
        }
        match find(&self.locals, name) {
            Some(i) => CExpr::Local(i, name.clone()),
            None => CExpr::Global(
                name.clone(),
                crate::builtins::lookup(name),
                Default::default(),
            ),
        }
    }

    fn line(&self, node: &impl Ranged) -> u32 {
        self.source.line_of(node.start())
    }

    fn block(&mut self, body: &[ast::Stmt]) -> Option<Vec<CStmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: &ast::Stmt) -> Option<CStmt> {
        let kind = match s {
            ast::Stmt::Expr(e) => Stmt::Expr(self.expr(&e.value)?),
            ast::Stmt::Assign(a) => Stmt::Assign(
                a.targets
                    .iter()
                    .map(|t| self.target(t))
                    .collect::<Option<_>>()?,
                self.expr(&a.value)?,
            ),
            ast::Stmt::AnnAssign(a) => Stmt::Assign(
                vec![self.target(&a.target)?],
                self.expr(a.value.as_deref()?)?,
            ),
            ast::Stmt::AugAssign(a) => {
                let op = bin_op(a.op);
                let value = self.expr(&a.value)?;
                match &*a.target {
                    Expr::Name(n) => match self.name(&n.id) {
                        CExpr::Local(i, name) => {
                            self.mark_read(i);
                            Stmt::AugLocal(i, name, op, value)
                        }
                        _ => return None,
                    },
                    Expr::Subscript(sub) => {
                        Stmt::AugItem(self.expr(&sub.value)?, self.expr(&sub.slice)?, op, value)
                    }
                    _ => return None,
                }
            }
            ast::Stmt::If(i) => {
                let mut clauses = vec![(Some(self.expr(&i.test)?), self.block(&i.body)?)];
                for c in &i.elif_else_clauses {
                    let test = match &c.test {
                        Some(t) => Some(self.expr(t)?),
                        None => None,
                    };
                    clauses.push((test, self.block(&c.body)?));
                }
                Stmt::If(clauses)
            }
            ast::Stmt::For(f) if !f.is_async => Stmt::For(
                self.target(&f.target)?,
                self.expr(&f.iter)?,
                self.block(&f.body)?,
                self.block(&f.orelse)?,
            ),
            ast::Stmt::While(w) => Stmt::While(
                self.expr(&w.test)?,
                self.block(&w.body)?,
                self.block(&w.orelse)?,
            ),
            ast::Stmt::Break(_) => Stmt::Break,
            ast::Stmt::Continue(_) => Stmt::Continue,
            ast::Stmt::Pass(_) => Stmt::Pass,
            ast::Stmt::Return(r) => Stmt::Return(match &r.value {
                Some(v) => Some(self.expr(v)?),
                None => None,
            }),
            ast::Stmt::Try(t) if !t.is_star => {
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    handlers.push(Handler {
                        class: match &h.type_ {
                            Some(c) => Some(self.expr(c)?),
                            None => None,
                        },
                        name: h.name.as_ref().map(|n| self.local(&n.id)),
                        body: self.block(&h.body)?,
                    });
                }
                Stmt::Try(Box::new(Try {
                    body: self.block(&t.body)?,
                    handlers,
                    orelse: self.block(&t.orelse)?,
                    finally: self.block(&t.finalbody)?,
                }))
            }
            ast::Stmt::Raise(r) => Stmt::Raise(match &r.exc {
                Some(e) => Some(self.expr(e)?),
                None => None,
            }),
            ast::Stmt::Assert(a) => Stmt::Assert(
                self.expr(&a.test)?,
                match &a.msg {
                    Some(m) => Some(self.expr(m)?),
                    None => None,
                },
            ),
            _ => return None,
        };
        Some(CStmt {
            line: self.line(s),
            kind,
        })
    }

    fn target(&mut self, t: &Expr) -> Option<Target> {
        Some(match t {
            Expr::Name(n) => match self.name(&n.id) {
                CExpr::Local(i, _) => Target::Local(i),
                _ => return None,
            },
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                Target::Unpack(elts.iter().map(|e| self.target(e)).collect::<Option<_>>()?)
            }
            Expr::Subscript(s) => Target::Item(self.expr(&s.value)?, self.expr(&s.slice)?),
            _ => return None,
        })
    }

    fn exprs(&mut self, items: &[Expr]) -> Option<Vec<CExpr>> {
        items
            .iter()
            .map(|e| match e {
                Expr::Starred(_) => None,
                e => self.expr(e),
            })
            .collect()
    }

    fn boxed(&mut self, e: &Expr) -> Option<Box<CExpr>> {
        self.expr(e).map(Box::new)
    }

    fn expr(&mut self, e: &Expr) -> Option<CExpr> {
        Some(match e {
            Expr::Name(n) => {
                let e = self.name(&n.id);
                if let CExpr::Local(i, _) = e {
                    self.mark_read(i);
                }
                e
            }
            Expr::NumberLiteral(n) => CExpr::Const(match &n.value {
                ast::Number::Int(i) => Obj::Int(i.as_i64()?),
                ast::Number::Float(f) => Obj::Float(*f),
                ast::Number::Complex { .. } => return None,
            }),
            Expr::StringLiteral(s) => CExpr::Const(Obj::Str(s.value.to_str().into())),
            Expr::BooleanLiteral(b) => CExpr::Const(Obj::Bool(b.value)),
            Expr::NoneLiteral(_) | Expr::EllipsisLiteral(_) => CExpr::Const(Obj::None),
            Expr::FString(f) => CExpr::FString(self.fstring(f)?),
            Expr::Tuple(t) => CExpr::Tuple(self.exprs(&t.elts)?),
            Expr::List(l) => CExpr::List(self.exprs(&l.elts)?),
            Expr::Set(s) => CExpr::Set(self.exprs(&s.elts)?, s.elts.iter().all(is_constant)),
            Expr::Dict(d) => {
                let literal = |k: &Option<Expr>| match k {
                    Some(Expr::StringLiteral(k)) => Some(str_key(k.value.to_str()).1),
                    _ => None,
                };
                let keys: Option<Vec<Key>> = d.items.iter().map(|i| literal(&i.key)).collect();
                if let Some(keys) = keys.filter(|k| !k.is_empty()) {
                    let values = d.items.iter().map(|i| self.expr(&i.value));
                    return Some(CExpr::Record(
                        DictShape::new(keys),
                        values.collect::<Option<_>>()?,
                    ));
                }
                let mut items = Vec::with_capacity(d.items.len());
                for item in &d.items {
                    let key = match item.key.as_ref()? {
                        Expr::StringLiteral(k) => CKey::Const(str_key(k.value.to_str()).1),
                        k => CKey::Expr(self.expr(k)?),
                    };
                    items.push((key, self.expr(&item.value)?));
                }
                CExpr::Dict(items)
            }
            Expr::BoolOp(b) => {
                let values = self.exprs(&b.values)?;
                match b.op {
                    ast::BoolOp::And => CExpr::And(values),
                    ast::BoolOp::Or => CExpr::Or(values),
                }
            }
            Expr::BinOp(b) => CExpr::Bin(bin_op(b.op), self.boxed(&b.left)?, self.boxed(&b.right)?),
            Expr::UnaryOp(u) => CExpr::Unary(u.op, self.boxed(&u.operand)?),
            Expr::Compare(c) => {
                let left = self.boxed(&c.left)?;
                let rest = c
                    .ops
                    .iter()
                    .zip(c.comparators.iter())
                    .map(|(op, r)| Some((*op, self.expr(r)?)))
                    .collect::<Option<_>>()?;
                CExpr::Compare(left, rest)
            }
            Expr::If(i) => CExpr::If(Box::new([
                self.expr(&i.test)?,
                self.expr(&i.body)?,
                self.expr(&i.orelse)?,
            ])),
            Expr::Call(c) => {
                if let Expr::Attribute(a) = &*c.func {
                    let recv = self.boxed(&a.value)?;
                    CExpr::Method(recv, a.attr.id.clone(), self.args(&c.arguments)?)
                } else {
                    let func = self.boxed(&c.func)?;
                    CExpr::Call(func, self.args(&c.arguments)?)
                }
            }
            Expr::Attribute(a) => CExpr::Attr(self.boxed(&a.value)?, a.attr.id.clone()),
            Expr::Subscript(s) => match (&*s.value, &*s.slice) {
                (value, Expr::StringLiteral(lit)) => {
                    // `name["field"]` does not read `name` as a value.
                    let value = match value {
                        Expr::Name(n) => Box::new(self.name(&n.id)),
                        value => self.boxed(value)?,
                    };
                    let (index, key) = str_key(lit.value.to_str());
                    CExpr::Field(value, index, key, Default::default())
                }
                (value, slice) => CExpr::Subscript(self.boxed(value)?, self.boxed(slice)?),
            },
            Expr::Slice(s) => {
                let mut part = |e: &Option<Box<Expr>>| -> Option<Option<CExpr>> {
                    match e {
                        Some(e) => Some(Some(self.expr(e)?)),
                        None => Some(None),
                    }
                };
                CExpr::Slice(Box::new([part(&s.lower)?, part(&s.upper)?, part(&s.step)?]))
            }
            Expr::ListComp(c) => self.comp(CompKind::List, &c.elt, None, &c.generators)?,
            Expr::Generator(c) => self.comp(CompKind::List, &c.elt, None, &c.generators)?,
            Expr::SetComp(c) => self.comp(CompKind::Set, &c.elt, None, &c.generators)?,
            Expr::DictComp(c) => self.comp(
                CompKind::Dict,
                c.key.as_ref()?,
                Some(&c.value),
                &c.generators,
            )?,
            _ => return None,
        })
    }

    fn args(&mut self, a: &ast::Arguments) -> Option<Args> {
        let args = self.exprs(&a.args)?;
        let kwargs = a
            .keywords
            .iter()
            .map(|k| Some((k.arg.as_ref()?.id.clone(), self.expr(&k.value)?)))
            .collect::<Option<_>>()?;
        Some(Args { args, kwargs })
    }

    /// A comprehension: its variables get slots of their own, seen by its later clauses and
    /// its element (Python runs a comprehension in a scope of its own). If it cannot be
    /// lowered, neither can the function, so the scope is popped on success only.
    fn comp(
        &mut self,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[ast::Comprehension],
    ) -> Option<CExpr> {
        self.comps.push(Vec::new());
        let mut gens = Vec::with_capacity(generators.len());
        for g in generators {
            if g.is_async {
                return None;
            }
            let iter = self.expr(&g.iter)?;
            self.comp_names(&g.target)?;
            let target = self.target(&g.target)?;
            let ifs = self.exprs(&g.ifs)?;
            gens.push(Gen { target, iter, ifs });
        }
        let elt = self.expr(elt)?;
        let value = match value {
            Some(v) => Some(self.expr(v)?),
            None => None,
        };
        self.comps.pop();
        Some(CExpr::Comp(Box::new(Comp {
            kind,
            elt,
            value,
            gens,
        })))
    }

    /// Slots for a comprehension clause's variables.
    fn comp_names(&mut self, t: &Expr) -> Option<()> {
        match t {
            Expr::Name(n) => {
                let scope = self.comps.last_mut()?;
                if find(scope, &n.id).is_none() {
                    scope.push((n.id.clone(), self.slots));
                    self.slots += 1;
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                elts.iter().try_for_each(|e| self.comp_names(e))?;
            }
            _ => return None,
        }
        Some(())
    }

    fn fstring(&mut self, f: &ast::ExprFString) -> Option<Vec<Part>> {
        let mut parts = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => parts.push(Part::Literal(l.value.to_string())),
                ast::FStringPart::FString(fs) => self.interpolated(&fs.elements, &mut parts)?,
            }
        }
        Some(parts)
    }

    fn interpolated(
        &mut self,
        elements: &ast::InterpolatedStringElements,
        parts: &mut Vec<Part>,
    ) -> Option<()> {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    parts.push(Part::Literal(l.value.to_string()))
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let spec = match &i.format_spec {
                        Some(fs) => {
                            let mut spec = Vec::new();
                            self.interpolated(&fs.elements, &mut spec)?;
                            Some(spec)
                        }
                        None => None,
                    };
                    parts.push(Part::Value {
                        expr: self.expr(&i.expression)?,
                        debug: i.debug_text.as_ref().map(|d| d.as_str().to_string()),
                        conversion: i.conversion,
                        spec,
                    });
                }
            }
        }
        Some(())
    }
}

/// A string literal as an object and as a dict key.
fn str_key(s: &str) -> (Obj, Key) {
    let text: Arc<str> = s.into();
    let key = Key::new(Value::Str(text.clone())).expect("a str is hashable");
    (Obj::Str(text), key)
}

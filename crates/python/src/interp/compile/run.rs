//! Running a lowered function: the tree walker's rules (see `eval.rs`, `exec.rs`) over slots.

use std::rc::Rc;

use eddy_core::value::PySet;
use eddy_core::Value;

use super::{Args, Body, CExpr, CKey, CStmt, Comp, CompKind, Compiled, Part, Stmt, Target};
use crate::interp::eval::{compare_op, unary_op};
use crate::interp::exec::{catches, raised, unpack_count, Flow};
use crate::interp::{check_size, Exc, Function, Interp, Kwargs};
use crate::obj::{field_at, immutable_field, BinOp, DictBuilder, DictMap, Obj};

/// A call's locals.
struct Frame<'f> {
    slots: Vec<Option<Obj>>,
    func: &'f Function,
}

impl Drop for Frame<'_> {
    /// As a scope does: a local can hold a deeply nested object; drop it without recursion.
    fn drop(&mut self) {
        if self.slots.iter().flatten().any(Obj::drops_deep) {
            crate::obj::drop_flat(std::mem::take(&mut self.slots).into_iter().flatten());
        }
    }
}

fn unbound(name: &str) -> Exc {
    Exc::new(
        "UnboundLocalError",
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

impl Compiled {
    /// The object parameter `i` gets for the engine's record `v` (see [`Compiled::raw`]).
    pub(in crate::interp) fn arg(&self, i: usize, v: &Value) -> Obj {
        match v {
            Value::Dict(_) if self.raw.get(i).copied().unwrap_or(false) => Obj::Data(v.clone()),
            v => Obj::from_value(v),
        }
    }
}

impl Interp {
    /// Runs `c`, the lowered body of `f`, with the values the call binds.
    pub(in crate::interp) fn run_compiled(
        &self,
        c: &Compiled,
        f: &Function,
        values: impl Iterator<Item = Obj>,
    ) -> Result<Obj, Exc> {
        let mut slots = Vec::with_capacity(c.slots);
        slots.extend(values.map(Some));
        slots.resize(c.slots, None);
        let mut fr = Frame { slots, func: f };
        match &c.body {
            Body::Lambda(e) => self.ceval(e, &mut fr).map_err(|e| e.at(f.line)),
            Body::Def(body) => self.cexec_block(body, &mut fr).map(|flow| match flow {
                Flow::Return(v) => v,
                _ => Obj::None,
            }),
        }
    }

    fn ceval(&self, e: &CExpr, fr: &mut Frame<'_>) -> Result<Obj, Exc> {
        Ok(match e {
            CExpr::Const(o) => o.clone(),
            CExpr::Local(i, name) => match &fr.slots[*i] {
                Some(v) => v.clone(),
                None => return Err(unbound(name)),
            },
            CExpr::Global(name, builtin, unbound) => {
                let scope = &fr.func.scope;
                let here = scope.version().map(|v| (Rc::as_ptr(scope) as usize, v));
                match builtin {
                    Some(b) if here.is_some() && unbound.get() == here => b.clone(),
                    _ => match scope.get(name) {
                        Some(v) => v,
                        None => match builtin {
                            Some(b) => {
                                unbound.set(here);
                                b.clone()
                            }
                            None => return self.lookup(name, scope),
                        },
                    },
                }
            }
            CExpr::Tuple(items) => Obj::Tuple(self.ceval_items(items, fr)?.into()),
            CExpr::List(items) => Obj::list(self.ceval_items(items, fr)?),
            CExpr::Set(items, constant) => {
                let items = self.ceval_items(items, fr)?;
                let values = items
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<Vec<_>, _>>()?;
                Obj::set(PySet::literal(values, *constant)?)
            }
            CExpr::Dict(items) => {
                let mut dict = DictBuilder::with_capacity(items.len());
                for (k, v) in items {
                    let key = match k {
                        CKey::Const(k) => k.clone(),
                        CKey::Expr(e) => self.ceval(e, fr)?.key()?,
                    };
                    dict.insert(key, self.ceval(v, fr)?);
                }
                dict.finish()
            }
            CExpr::Record(shape, values) => {
                let mut dict = shape.start();
                for (i, v) in values.iter().enumerate() {
                    dict.set(i, self.ceval(v, fr)?);
                }
                dict.finish()
            }
            CExpr::And(values) | CExpr::Or(values) => {
                let and = matches!(e, CExpr::And(_));
                let mut last = Obj::None;
                for (i, v) in values.iter().enumerate() {
                    last = self.ceval(v, fr)?;
                    if last.truthy() != and || i == values.len() - 1 {
                        break;
                    }
                }
                last
            }
            CExpr::Bin(op, l, r) => {
                let l = self.ceval(l, fr)?;
                let r = self.ceval(r, fr)?;
                l.binop(*op, &r)?
            }
            CExpr::Unary(op, v) => unary_op(*op, self.ceval(v, fr)?)?,
            CExpr::Compare(left, rest) => {
                let mut left = self.ceval(left, fr)?;
                for (op, right) in rest {
                    let right = self.ceval(right, fr)?;
                    if !compare_op(*op, &left, &right)? {
                        return Ok(Obj::Bool(false));
                    }
                    left = right;
                }
                Obj::Bool(true)
            }
            CExpr::If(parts) => {
                let [test, body, orelse] = &**parts;
                if self.ceval(test, fr)?.truthy() {
                    self.ceval(body, fr)?
                } else {
                    self.ceval(orelse, fr)?
                }
            }
            CExpr::Call(func, args) => {
                let func = self.ceval(func, fr)?;
                let (args, kwargs) = self.ceval_args(args, fr)?;
                self.call(&func, args, kwargs)?
            }
            CExpr::Method(recv, name, args) => {
                let recv = self.ceval(recv, fr)?;
                let (args, kwargs) = self.ceval_args(args, fr)?;
                self.call_method(&recv, name.as_str(), args, kwargs)?
            }
            CExpr::Attr(v, name) => {
                let v = self.ceval(v, fr)?;
                self.get_attr(&v, name.as_str())?
            }
            CExpr::Subscript(v, index) => {
                let v = self.ceval(v, fr)?;
                let index = self.ceval(index, fr)?;
                self.subscript(&v, &index)?
            }
            CExpr::Field(v, index, key, hint) => {
                if let CExpr::Local(i, _) = &**v {
                    if let Some(Obj::Data(Value::Dict(record))) = &fr.slots[*i] {
                        match immutable_field(field_at(record, key, hint)) {
                            Some(Some(v)) => return Ok(v),
                            Some(None) => return Err(Exc::new("KeyError", index.repr())),
                            // A list read out of it must be the same list on every read.
                            None => {
                                let dict = Obj::from_value(&Value::Dict(record.clone()));
                                fr.slots[*i] = Some(dict);
                            }
                        }
                    }
                }
                self.field(&self.ceval(v, fr)?, index, key)?
            }

            CExpr::Slice(parts) => {
                let mut part = |p: &Option<CExpr>| match p {
                    Some(e) => self.ceval(e, fr),
                    None => Ok(Obj::None),
                };
                let [lower, upper, step] = &**parts;
                Obj::Slice(Rc::new([part(lower)?, part(upper)?, part(step)?]))
            }
            CExpr::Comp(c) => self.ccomp(c, fr)?,
            CExpr::FString(parts) => {
                let mut out = String::new();
                self.cfstring(parts, fr, &mut out)?;
                Obj::str(out)
            }
        })
    }

    fn ceval_items(&self, items: &[CExpr], fr: &mut Frame<'_>) -> Result<Vec<Obj>, Exc> {
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            out.push(self.ceval(e, fr)?);
        }
        Ok(out)
    }

    fn ceval_args(&self, a: &Args, fr: &mut Frame<'_>) -> Result<(Vec<Obj>, Kwargs), Exc> {
        let args = self.ceval_items(&a.args, fr)?;
        let mut kwargs = Vec::with_capacity(a.kwargs.len());
        for (name, e) in &a.kwargs {
            kwargs.push((name.clone(), self.ceval(e, fr)?));
        }
        Ok((args, kwargs))
    }

    fn ccomp(&self, c: &Comp, fr: &mut Frame<'_>) -> Result<Obj, Exc> {
        let mut out = Vec::new();
        self.ccomp_level(c, 0, fr, &mut out)?;
        Ok(match c.kind {
            CompKind::List => Obj::list(out),
            CompKind::Set => Obj::set(PySet::from_values(
                out.iter()
                    .map(Obj::to_value)
                    .collect::<Result<Vec<_>, _>>()?,
            )?),
            CompKind::Dict => {
                let mut map = DictMap::default();
                for pair in out {
                    if let Obj::Tuple(kv) = pair {
                        map.insert(kv[0].key()?, kv[1].clone());
                    }
                }
                Obj::dict(map)
            }
        })
    }

    fn ccomp_level(
        &self,
        c: &Comp,
        level: usize,
        fr: &mut Frame<'_>,
        out: &mut Vec<Obj>,
    ) -> Result<(), Exc> {
        let Some(g) = c.gens.get(level) else {
            let item = self.ceval(&c.elt, fr)?;
            out.push(match &c.value {
                Some(v) => Obj::tuple(vec![item, self.ceval(v, fr)?]),
                None => item,
            });
            check_size(out.len() as i64)?;
            return Ok(());
        };
        let iterable = self.ceval(&g.iter, fr)?;
        'items: for item in self.iterate(&iterable)? {
            self.tick()?;
            self.cassign(&g.target, item, fr)?;
            for cond in &g.ifs {
                if !self.ceval(cond, fr)?.truthy() {
                    continue 'items;
                }
            }
            self.ccomp_level(c, level + 1, fr, out)?;
        }
        Ok(())
    }

    fn cfstring(&self, parts: &[Part], fr: &mut Frame<'_>, out: &mut String) -> Result<(), Exc> {
        use ruff_python_ast::ConversionFlag;
        for part in parts {
            match part {
                Part::Literal(s) => out.push_str(s),
                Part::Value {
                    expr,
                    debug,
                    conversion,
                    spec,
                } => {
                    let v = self.ceval(expr, fr)?;
                    if let Some(debug) = debug {
                        out.push_str(debug);
                    }
                    let v = match conversion {
                        ConversionFlag::Repr => Obj::str(v.repr()),
                        ConversionFlag::Str | ConversionFlag::Ascii => Obj::str(v.to_str()),
                        ConversionFlag::None if debug.is_some() && spec.is_none() => {
                            Obj::str(v.repr())
                        }
                        ConversionFlag::None => v,
                    };
                    let mut text = String::new();
                    if let Some(spec) = spec {
                        self.cfstring(spec, fr, &mut text)?;
                    }
                    out.push_str(&crate::interp::format_spec(&v, &text)?);
                }
            }
        }
        Ok(())
    }

    fn cassign(&self, t: &Target, value: Obj, fr: &mut Frame<'_>) -> Result<(), Exc> {
        match t {
            Target::Local(i) => fr.slots[*i] = Some(value),
            Target::Unpack(targets) => {
                let items = self.iterate(&value)?;
                unpack_count(targets.len(), items.len())?;
                for (t, v) in targets.iter().zip(items) {
                    self.cassign(t, v, fr)?;
                }
            }
            Target::Item(container, index) => {
                let container = self.ceval(container, fr)?;
                let index = self.ceval(index, fr)?;
                self.set_item(&container, index, value)?;
            }
        }
        Ok(())
    }

    fn cexec_block(&self, body: &[CStmt], fr: &mut Frame<'_>) -> Result<Flow, Exc> {
        for stmt in body {
            match self.cexec(stmt, fr) {
                Ok(Flow::Next) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => return Err(e.at(stmt.line)),
            }
        }
        Ok(Flow::Next)
    }

    fn cexec(&self, stmt: &CStmt, fr: &mut Frame<'_>) -> Result<Flow, Exc> {
        self.tick()?;
        match &stmt.kind {
            Stmt::Expr(e) => {
                self.ceval(e, fr)?;
            }
            Stmt::Assign(targets, value) => {
                let value = self.ceval(value, fr)?;
                for t in targets {
                    self.cassign(t, value.clone(), fr)?;
                }
            }
            Stmt::AugLocal(slot, name, op, value) => {
                let rhs = self.ceval(value, fr)?;
                let cur = fr.slots[*slot].clone().ok_or_else(|| unbound(name))?;
                // `lst += other` extends the list in place (everyone holding it sees it).
                if let (Obj::List(l), BinOp::Add) = (&cur, op) {
                    let items = self.iterate(&rhs)?;
                    l.borrow_mut().extend(items);
                    return Ok(Flow::Next);
                }
                fr.slots[*slot] = Some(cur.binop(*op, &rhs)?);
            }
            Stmt::AugItem(container, index, op, value) => {
                let rhs = self.ceval(value, fr)?;
                let container = self.ceval(container, fr)?;
                let index = self.ceval(index, fr)?;
                let cur = self.subscript(&container, &index)?;
                let new = cur.binop(*op, &rhs)?;
                self.set_item(&container, index, new)?;
            }
            Stmt::If(clauses) => {
                for (test, body) in clauses {
                    let take = match test {
                        Some(test) => self.ceval(test, fr)?.truthy(),
                        None => true,
                    };
                    if take {
                        return self.cexec_block(body, fr);
                    }
                }
            }
            Stmt::For(target, iter, body, orelse) => {
                let iterable = self.ceval(iter, fr)?;
                let mut broke = false;
                let mut each = |item: Obj| -> Result<Option<Flow>, Exc> {
                    self.tick()?;
                    self.cassign(target, item, fr)?;
                    match self.cexec_block(body, fr)? {
                        Flow::Break => {
                            broke = true;
                            Ok(Some(Flow::Next))
                        }
                        Flow::Return(v) => Ok(Some(Flow::Return(v))),
                        Flow::Next | Flow::Continue => Ok(None),
                    }
                };
                match self.for_each(iterable, &mut each)? {
                    Some(Flow::Return(v)) => return Ok(Flow::Return(v)),
                    _ if broke => {}
                    _ => return self.cexec_block(orelse, fr),
                }
            }
            Stmt::While(test, body, orelse) => {
                while self.ceval(test, fr)?.truthy() {
                    self.tick()?;
                    match self.cexec_block(body, fr)? {
                        Flow::Break => return Ok(Flow::Next),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Next | Flow::Continue => {}
                    }
                }
                return self.cexec_block(orelse, fr);
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Pass => {}
            Stmt::Return(v) => {
                return Ok(Flow::Return(match v {
                    Some(e) => self.ceval(e, fr)?,
                    None => Obj::None,
                }))
            }
            Stmt::Try(t) => {
                let result = match self.cexec_block(&t.body, fr) {
                    Ok(Flow::Next) => self.cexec_block(&t.orelse, fr),
                    Ok(flow) => Ok(flow),
                    Err(e) if e.fatal => Err(e),
                    Err(e) => {
                        let mut handled = None;
                        for h in &t.handlers {
                            let matches = match &h.class {
                                None => true,
                                Some(c) => catches(&self.ceval(c, fr)?, &e),
                            };
                            if matches {
                                if let Some(slot) = h.name {
                                    fr.slots[slot] = Some(Obj::Exception(Rc::new(e.clone())));
                                }
                                handled = Some(self.cexec_block(&h.body, fr));
                                break;
                            }
                        }
                        handled.unwrap_or(Err(e))
                    }
                };
                if !t.finally.is_empty() {
                    match self.cexec_block(&t.finally, fr)? {
                        Flow::Next => {}
                        flow => return Ok(flow),
                    }
                }
                return result;
            }
            Stmt::Raise(e) => {
                let Some(e) = e else {
                    return Err(Exc::new("RuntimeError", "No active exception to reraise"));
                };
                return Err(raised(self.ceval(e, fr)?));
            }
            Stmt::Assert(test, msg) => {
                if !self.ceval(test, fr)?.truthy() {
                    let msg = match msg {
                        Some(m) => self.ceval(m, fr)?.to_str(),
                        None => String::new(),
                    };
                    return Err(Exc::new("AssertionError", msg));
                }
            }
        }
        Ok(Flow::Next)
    }
}

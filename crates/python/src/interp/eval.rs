//! Expressions.

use std::rc::Rc;

use eddy_core::value::PySet;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::exec::unsupported;
use super::{Code, Exc, Interp, Scope};
use crate::obj::{BinOp, CmpKind, DictBuilder, DictMap, Obj};

/// The interpreter's operator for one of Ruff's.
pub fn bin_op(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::Div => BinOp::Div,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitAnd => BinOp::BitAnd,
        ast::Operator::BitOr => BinOp::BitOr,
        ast::Operator::BitXor => BinOp::BitXor,
        ast::Operator::MatMult => BinOp::Mul,
    }
}

impl Interp {
    /// Evaluates an expression.
    pub fn eval(&self, e: &Expr, scope: &Rc<Scope>) -> Result<Obj, Exc> {
        Ok(match e {
            Expr::Name(n) => self.lookup(&n.id, scope)?,
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(i) => Obj::Int(i),
                    None => {
                        return Err(Exc::new(
                            "OverflowError",
                            format!(
                                "the integer {i} does not fit in 64 bits (Eddy's ints are 64-bit)"
                            ),
                        ))
                    }
                },
                ast::Number::Float(f) => Obj::Float(*f),
                ast::Number::Complex { .. } => return Err(unsupported("complex numbers")),
            },
            Expr::StringLiteral(s) => self.str_literal(s).0,
            Expr::BooleanLiteral(b) => Obj::Bool(b.value),
            Expr::NoneLiteral(_) => Obj::None,
            Expr::EllipsisLiteral(_) => Obj::None,
            Expr::BytesLiteral(_) => return Err(unsupported("bytes literals")),
            Expr::FString(f) => Obj::str(self.fstring(f, scope)?),
            Expr::Tuple(t) => Obj::Tuple(self.eval_items(&t.elts, scope)?.into()),
            Expr::List(l) => Obj::list(self.eval_items(&l.elts, scope)?),
            Expr::Set(s) => {
                let items = self.eval_items(&s.elts, scope)?;
                let values = items
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<Vec<_>, _>>()?;
                Obj::set(PySet::literal(values, s.elts.iter().all(is_constant))?)
            }
            Expr::Dict(d) => {
                let mut map = DictBuilder::with_capacity(d.items.len());
                for item in &d.items {
                    let v = self.eval(&item.value, scope)?;
                    match &item.key {
                        Some(Expr::StringLiteral(k)) => {
                            map.insert(self.str_literal(k).1, v);
                        }
                        Some(k) => {
                            map.insert(self.eval(k, scope)?.key()?, v);
                        }
                        None => {
                            let Obj::Dict(other) = v else {
                                return Err(Exc::type_error(format!(
                                    "'{}' object is not a mapping",
                                    v.type_name()
                                )));
                            };
                            for (k, v) in other.borrow().iter() {
                                map.insert(k.clone(), v.clone());
                            }
                        }
                    }
                }
                map.finish()
            }
            Expr::BoolOp(b) => {
                let mut last = Obj::None;
                for (i, v) in b.values.iter().enumerate() {
                    last = self.eval(v, scope)?;
                    let t = last.truthy();
                    let stop = match b.op {
                        ast::BoolOp::And => !t,
                        ast::BoolOp::Or => t,
                    };
                    if stop || i == b.values.len() - 1 {
                        break;
                    }
                }
                last
            }
            Expr::BinOp(b) => {
                let l = self.eval(&b.left, scope)?;
                let r = self.eval(&b.right, scope)?;
                l.binop(bin_op(b.op), &r)?
            }
            Expr::UnaryOp(u) => unary_op(u.op, self.eval(&u.operand, scope)?)?,
            Expr::Compare(c) => {
                let mut left = self.eval(&c.left, scope)?;
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    let right = self.eval(right, scope)?;
                    if !compare_op(*op, &left, &right)? {
                        return Ok(Obj::Bool(false));
                    }
                    left = right;
                }
                Obj::Bool(true)
            }
            Expr::If(i) => {
                if self.eval(&i.test, scope)?.truthy() {
                    self.eval(&i.body, scope)?
                } else {
                    self.eval(&i.orelse, scope)?
                }
            }
            Expr::Lambda(l) => {
                let code = self.cached_code(l.start().to_u32(), || Code::Lambda((*l.body).clone()));
                Obj::Func(Rc::new(self.function(
                    "<lambda>".into(),
                    l.parameters.as_deref(),
                    code,
                    scope,
                    l.range(),
                )?))
            }
            Expr::Call(c) => {
                let (args, kwargs) = self.eval_args(&c.arguments, scope)?;
                if let Expr::Attribute(a) = &*c.func {
                    let recv = self.eval(&a.value, scope)?;
                    return self.call_method(&recv, a.attr.id.as_str(), args, kwargs);
                }
                let f = self.eval(&c.func, scope)?;
                self.call(&f, args, kwargs)?
            }
            Expr::Attribute(a) => {
                let v = self.eval(&a.value, scope)?;
                self.get_attr(&v, a.attr.id.as_str())?
            }
            Expr::Subscript(s) => {
                let v = self.eval(&s.value, scope)?;
                // `record["field"]`: the literal's key is made once.
                if let Expr::StringLiteral(lit) = &*s.slice {
                    let (index, key) = self.str_literal(lit);
                    return self.field(&v, &index, &key);
                }
                let index = self.eval(&s.slice, scope)?;
                self.subscript(&v, &index)?
            }
            Expr::Slice(s) => {
                let part = |e: &Option<Box<Expr>>| -> Result<Obj, Exc> {
                    match e {
                        Some(e) => self.eval(e, scope),
                        None => Ok(Obj::None),
                    }
                };
                Obj::Slice(Rc::new([part(&s.lower)?, part(&s.upper)?, part(&s.step)?]))
            }
            Expr::ListComp(c) => {
                Obj::list(self.comprehension(&c.elt, None, &c.generators, scope)?)
            }
            Expr::Generator(c) => {
                Obj::list(self.comprehension(&c.elt, None, &c.generators, scope)?)
            }
            Expr::SetComp(c) => {
                let items = self.comprehension(&c.elt, None, &c.generators, scope)?;
                Obj::set(PySet::from_values(
                    items
                        .iter()
                        .map(Obj::to_value)
                        .collect::<Result<Vec<_>, _>>()?,
                )?)
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(unsupported("dict unpacking in comprehensions"));
                };
                let pairs = self.comprehension(key, Some(&c.value), &c.generators, scope)?;
                let mut map = DictMap::default();
                for pair in pairs {
                    if let Obj::Tuple(kv) = pair {
                        map.insert(kv[0].key()?, kv[1].clone());
                    }
                }
                Obj::dict(map)
            }
            Expr::Named(n) => {
                let v = self.eval(&n.value, scope)?;
                self.assign(&n.target, v.clone(), scope)?;
                v
            }
            Expr::Starred(_) => {
                return Err(Exc::new("SyntaxError", "can't use starred expression here"))
            }
            Expr::Yield(y) => {
                let v = match &y.value {
                    Some(v) => self.eval(v, scope)?,
                    None => Obj::None,
                };
                match self.yields.borrow_mut().last_mut() {
                    Some(out) => out.push(v),
                    None => return Err(Exc::new("SyntaxError", "'yield' outside function")),
                }
                Obj::None
            }
            Expr::YieldFrom(y) => {
                let v = self.eval(&y.value, scope)?;
                let items = self.iterate(&v)?;
                match self.yields.borrow_mut().last_mut() {
                    Some(out) => out.extend(items),
                    None => return Err(Exc::new("SyntaxError", "'yield' outside function")),
                }
                Obj::None
            }
            Expr::Await(_) => return Err(unsupported("await")),
            Expr::TString(_) => return Err(unsupported("template strings")),
            Expr::IpyEscapeCommand(_) => return Err(unsupported("IPython escape commands")),
        })
    }

    /// Evaluates list/tuple/set items, expanding `*iterable`.
    pub(crate) fn eval_items(&self, elts: &[Expr], scope: &Rc<Scope>) -> Result<Vec<Obj>, Exc> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            if let Expr::Starred(s) = e {
                let v = self.eval(&s.value, scope)?;
                out.extend(self.iterate(&v)?);
            } else {
                out.push(self.eval(e, scope)?);
            }
        }
        Ok(out)
    }

    #[allow(clippy::type_complexity)]
    fn eval_args(
        &self,
        a: &ast::Arguments,
        scope: &Rc<Scope>,
    ) -> Result<(Vec<Obj>, Vec<(ruff_python_ast::name::Name, Obj)>), Exc> {
        let args = self.eval_items(&a.args, scope)?;
        let mut kwargs = Vec::with_capacity(a.keywords.len());
        for k in &a.keywords {
            let v = self.eval(&k.value, scope)?;
            match &k.arg {
                Some(name) => kwargs.push((name.id.clone(), v)),
                None => {
                    let Obj::Dict(d) = v else {
                        return Err(Exc::type_error("argument after ** must be a mapping"));
                    };
                    for (key, v) in d.borrow().iter() {
                        let eddy_core::Value::Str(s) = key.value() else {
                            return Err(Exc::type_error("keywords must be strings"));
                        };
                        kwargs.push((s.as_ref().into(), v.clone()));
                    }
                }
            }
        }
        Ok((args, kwargs))
    }

    fn comprehension(
        &self,
        elt: &Expr,
        value: Option<&Expr>,
        gens: &[ast::Comprehension],
        scope: &Rc<Scope>,
    ) -> Result<Vec<Obj>, Exc> {
        let inner = Scope::child(scope, Vec::new(), Vec::new());
        let mut out = Vec::new();
        self.comp_level(elt, value, gens, &inner, &mut out)?;
        Ok(out)
    }

    fn comp_level(
        &self,
        elt: &Expr,
        value: Option<&Expr>,
        gens: &[ast::Comprehension],
        scope: &Rc<Scope>,
        out: &mut Vec<Obj>,
    ) -> Result<(), Exc> {
        let Some((g, rest)) = gens.split_first() else {
            let item = self.eval(elt, scope)?;
            out.push(match value {
                Some(v) => Obj::tuple(vec![item, self.eval(v, scope)?]),
                None => item,
            });
            super::check_size(out.len() as i64)?;
            return Ok(());
        };
        let iterable = self.eval(&g.iter, scope)?;
        'items: for item in self.iterate(&iterable)? {
            self.tick()?;
            self.assign(&g.target, item, scope)?;
            for cond in &g.ifs {
                if !self.eval(cond, scope)?.truthy() {
                    continue 'items;
                }
            }
            self.comp_level(elt, value, rest, scope, out)?;
        }
        Ok(())
    }

    /// Looks a name up: scopes, then builtins.
    pub fn lookup(&self, name: &str, scope: &Rc<Scope>) -> Result<Obj, Exc> {
        if let Some(v) = scope.get(name) {
            return Ok(v);
        }
        crate::builtins::lookup(name).ok_or_else(|| {
            let hint = match name {
                "long" => " (Python 3 has no long: use int)",
                "unicode" => " (Python 3 has no unicode: use str)",
                "xrange" => " (Python 3 has no xrange: use range)",
                "raw_input" => " (use input)",
                "reduce" => " (in Python 3 it is functools.reduce: from functools import reduce)",
                _ => "",
            };
            Exc::new("NameError", format!("name '{name}' is not defined{hint}"))
        })
    }

    /// The items of an iterable.
    pub fn iterate(&self, v: &Obj) -> Result<Vec<Obj>, Exc> {
        match v {
            Obj::Native(n) => match n
                .clone()
                .call_method(self, "__iter__", Vec::new(), Vec::new())
            {
                Ok(list) => list.iter_items(),
                Err(_) => v.iter_items(),
            },
            other => other.iter_items(),
        }
    }

    fn fstring(&self, f: &ast::ExprFString, scope: &Rc<Scope>) -> Result<String, Exc> {
        let mut out = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => out.push_str(&l.value),
                ast::FStringPart::FString(fs) => {
                    self.interpolated(&fs.elements, scope, &mut out)?;
                }
            }
        }
        Ok(out)
    }

    fn interpolated(
        &self,
        elements: &ast::InterpolatedStringElements,
        scope: &Rc<Scope>,
        out: &mut String,
    ) -> Result<(), Exc> {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => out.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let v = self.eval(&i.expression, scope)?;
                    if let Some(debug) = &i.debug_text {
                        out.push_str(debug.as_str());
                    }
                    let v = match i.conversion {
                        ast::ConversionFlag::Repr => Obj::str(v.repr()),
                        ast::ConversionFlag::Str | ast::ConversionFlag::Ascii => {
                            Obj::str(v.to_str())
                        }
                        ast::ConversionFlag::None
                            if i.debug_text.is_some() && i.format_spec.is_none() =>
                        {
                            Obj::str(v.repr())
                        }
                        ast::ConversionFlag::None => v,
                    };
                    let mut spec = String::new();
                    if let Some(fs) = &i.format_spec {
                        self.interpolated(&fs.elements, scope, &mut spec)?;
                    }
                    out.push_str(&super::format_spec(&v, &spec)?);
                }
            }
        }
        Ok(())
    }
}

/// `op v` for a unary operator.
pub(crate) fn unary_op(op: ast::UnaryOp, v: Obj) -> Result<Obj, Exc> {
    Ok(match op {
        ast::UnaryOp::Not => Obj::Bool(!v.truthy()),
        ast::UnaryOp::USub => v.neg()?,
        ast::UnaryOp::UAdd => match v {
            Obj::Bool(b) => Obj::Int(b as i64),
            Obj::Int(_) | Obj::Float(_) => v,
            _ => {
                return Err(Exc::type_error(format!(
                    "bad operand type for unary +: '{}'",
                    v.type_name()
                )))
            }
        },
        ast::UnaryOp::Invert => match v {
            Obj::Int(i) => Obj::Int(!i),
            Obj::Bool(b) => Obj::Int(!(b as i64)),
            _ => {
                return Err(Exc::type_error(format!(
                    "bad operand type for unary ~: '{}'",
                    v.type_name()
                )))
            }
        },
    })
}

/// One link of a comparison chain: `left op right`.
pub(crate) fn compare_op(op: ast::CmpOp, left: &Obj, right: &Obj) -> Result<bool, Exc> {
    Ok(match op {
        ast::CmpOp::Eq => left.py_eq(right),
        ast::CmpOp::NotEq => !left.py_eq(right),
        ast::CmpOp::Lt => left.compare(CmpKind::Lt, right)?,
        ast::CmpOp::LtE => left.compare(CmpKind::Le, right)?,
        ast::CmpOp::Gt => left.compare(CmpKind::Gt, right)?,
        ast::CmpOp::GtE => left.compare(CmpKind::Ge, right)?,
        ast::CmpOp::Is => is(left, right),
        ast::CmpOp::IsNot => !is(left, right),
        ast::CmpOp::In => right.contains(left)?,
        ast::CmpOp::NotIn => !right.contains(left)?,
    })
}

/// Whether CPython folds `e` to a constant (what [`PySet::literal`] needs to know).
pub(crate) fn is_constant(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_) => true,
        Expr::Tuple(t) => t.elts.iter().all(is_constant),
        Expr::UnaryOp(u) => {
            matches!(u.op, ast::UnaryOp::USub) && matches!(*u.operand, Expr::NumberLiteral(_))
        }
        _ => false,
    }
}

fn is(a: &Obj, b: &Obj) -> bool {
    match (a, b) {
        (Obj::None, Obj::None) => true,
        (Obj::Bool(x), Obj::Bool(y)) => x == y,
        (Obj::List(x), Obj::List(y)) => Rc::ptr_eq(x, y),
        (Obj::Dict(x), Obj::Dict(y)) => Rc::ptr_eq(x, y),
        (Obj::Set(x), Obj::Set(y)) => Rc::ptr_eq(x, y),
        (Obj::Int(x), Obj::Int(y)) => x == y,
        (Obj::Str(x), Obj::Str(y)) => x == y,
        (Obj::Func(x), Obj::Func(y)) => Rc::ptr_eq(x, y),
        // There is one SparkContext (SEMANTICS §I): every handle on it is it.
        (Obj::Native(x), Obj::Native(y)) => {
            std::ptr::addr_eq(Rc::as_ptr(x), Rc::as_ptr(y))
                || (x.type_name() == "SparkContext" && y.type_name() == "SparkContext")
        }
        (Obj::ExcType(x), Obj::ExcType(y)) => x == y,
        (Obj::Builtin(x), Obj::Builtin(y)) => x == y,
        _ => false,
    }
}

//! Calling functions and methods, attributes, and subscripts.

use std::rc::Rc;

use eddy_core::value::Key;
use ruff_python_ast::name::Name;

use super::exec::Flow;
use super::{Code, Exc, Function, Interp, Scope, MAX_DEPTH};
use crate::obj::{DictMap, Obj};

/// Keyword arguments as a call passes them.
pub type Kwargs = Vec<(Name, Obj)>;

impl Interp {
    /// Calls `f(*args, **kwargs)`.
    pub fn call(&self, f: &Obj, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
        self.tick()?;
        match f {
            Obj::Func(func) => self.call_function(func, args, kwargs),
            Obj::Builtin(name) => crate::builtins::call(self, name, args, kwargs),
            Obj::Method(m) => self.call_method(&m.0, m.1.as_str(), args, kwargs),
            Obj::ExcType(kind) => {
                let msg = match args.as_slice() {
                    [] => String::new(),
                    [one] => one.to_str(),
                    many => Obj::tuple(many.to_vec()).repr(),
                };
                Ok(Obj::Exception(Rc::new(Exc::new(kind, msg))))
            }
            Obj::Native(n) if n.has_method("__call__") => {
                n.clone().call_method(self, "__call__", args, kwargs)
            }
            other => Err(Exc::type_error(format!(
                "'{}' object is not callable",
                other.type_name()
            ))),
        }
    }

    /// Calls `f` on records from the engine (`f(*records)`): a lowered function takes them
    /// straight into its frame.
    pub fn call_on_values(&self, f: &Obj, args: &[eddy_core::Value]) -> Result<Obj, Exc> {
        if let Obj::Func(func) = f {
            if func.binds_exactly(args.len()) {
                if let Some(lowered) = self.lowered(func) {
                    self.tick()?;
                    let depth = self.enter()?;
                    let values = args.iter().enumerate().map(|(i, v)| lowered.arg(i, v));
                    return self.run_lowered(&lowered, func, values, depth);
                }
            }
        }
        self.call(f, args.iter().map(Obj::from_value).collect(), Vec::new())
    }

    /// The call depth, or `RecursionError` when one more call would pass [`MAX_DEPTH`].
    fn enter(&self) -> Result<u32, Exc> {
        let depth = self.depth.get();
        if depth >= MAX_DEPTH {
            return Err(Exc::new(
                "RecursionError",
                format!("maximum recursion depth exceeded (Eddy allows {MAX_DEPTH} nested calls)"),
            )
            .fatal());
        }
        Ok(depth)
    }

    /// Runs lowered `f` one level deeper than `depth`, with the values its call binds.
    fn run_lowered(
        &self,
        lowered: &super::compile::Compiled,
        f: &Function,
        values: impl Iterator<Item = Obj>,
        depth: u32,
    ) -> Result<Obj, Exc> {
        self.depth.set(depth + 1);
        let result = self.run_compiled(lowered, f, values);
        self.depth.set(depth);
        result.map_err(|e| e.leave(&f.name))
    }

    /// Calls a user function: binds the arguments, runs the body in a new scope.
    pub fn call_function(
        &self,
        f: &Rc<Function>,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let depth = self.enter()?;
        if let Some(lowered) = self.lowered(f) {
            let values = self.bind(f, args, kwargs)?;
            return self.run_lowered(&lowered, f, values.into_iter(), depth);
        }
        let (globals, nonlocals) = match &*f.code {
            Code::Def {
                globals, nonlocals, ..
            } => (globals.clone(), nonlocals.clone()),
            Code::Lambda(_) => (Vec::new(), Vec::new()),
        };
        let scope = Scope::child_sized(&f.scope, globals, nonlocals, f.params.len());
        for (name, v) in f.bound_names().zip(self.bind(f, args, kwargs)?) {
            scope.set(name, v);
        }
        self.depth.set(depth + 1);
        let result = match &*f.code {
            Code::Lambda(body) => self.eval(body, &scope).map_err(|e| e.at(f.line)),
            Code::Def {
                body, generator, ..
            } => {
                if *generator {
                    self.yields.borrow_mut().push(Vec::new());
                }
                let r = self.exec_block(body, &scope);
                if *generator {
                    let items = self.yields.borrow_mut().pop().unwrap_or_default();
                    r.map(|_| Obj::list(items))
                } else {
                    r.map(|flow| match flow {
                        Flow::Return(v) => v,
                        _ => Obj::None,
                    })
                }
            }
        };
        self.depth.set(depth);
        result.map_err(|e| e.leave(&f.name))
    }

    /// The values a call binds, in [`Function::bound_names`]'s order: the parameters, the
    /// keyword-only ones, then `*args` and `**kwargs` if the function has them.
    pub(super) fn bind(
        &self,
        f: &Function,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Vec<Obj>, Exc> {
        let name = &f.name;
        let n = f.params.len();
        // The common call: positional arguments, one per parameter (every engine call).
        if kwargs.is_empty() && f.binds_exactly(args.len()) {
            return Ok(args);
        }
        let mut bound: Vec<Option<Obj>> = vec![None; n];
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < n {
                bound[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        if !extra.is_empty() && f.vararg.is_none() {
            return Err(Exc::type_error(format!(
                "{name}() takes {n} positional argument{} but {} were given",
                if n == 1 { "" } else { "s" },
                n + extra.len()
            )));
        }
        let mut kw_extra = DictMap::default();
        let mut kwonly: Vec<Option<Obj>> = vec![None; f.kwonly.len()];
        for (k, v) in kwargs {
            if let Some(i) = f.params.iter().position(|p| p.name == k) {
                if bound[i].is_some() {
                    return Err(Exc::type_error(format!(
                        "{name}() got multiple values for argument '{k}'"
                    )));
                }
                bound[i] = Some(v);
            } else if let Some(i) = f.kwonly.iter().position(|p| p.name == k) {
                kwonly[i] = Some(v);
            } else if f.kwarg.is_some() {
                kw_extra.insert(Obj::str(k.as_str()).key()?, v);
            } else {
                return Err(Exc::type_error(format!(
                    "{name}() got an unexpected keyword argument '{k}'"
                )));
            }
        }
        let mut values = Vec::with_capacity(n + f.kwonly.len() + 2);
        for (p, v) in f.params.iter().zip(bound) {
            match v.or_else(|| p.default.clone()) {
                Some(v) => values.push(v),
                None => {
                    return Err(Exc::type_error(format!(
                        "{name}() missing 1 required positional argument: '{}'",
                        p.name
                    )))
                }
            }
        }
        for (p, v) in f.kwonly.iter().zip(kwonly) {
            match v.or_else(|| p.default.clone()) {
                Some(v) => values.push(v),
                None => {
                    return Err(Exc::type_error(format!(
                        "{name}() missing 1 required keyword-only argument: '{}'",
                        p.name
                    )))
                }
            }
        }
        if f.vararg.is_some() {
            values.push(Obj::tuple(extra));
        }
        if f.kwarg.is_some() {
            values.push(Obj::dict(kw_extra));
        }
        Ok(values)
    }

    /// Calls `recv.name(*args, **kwargs)`.
    pub fn call_method(
        &self,
        recv: &Obj,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        match recv {
            Obj::Native(n) if n.has_method(name) => {
                self.tick()?;
                n.clone().call_method(self, name, args, kwargs)
            }
            Obj::Builtin(class) if class.starts_with("pyspark") => {
                let f = self.get_attr(recv, name)?;
                self.call(&f, args, kwargs)
            }
            Obj::Module(_) | Obj::Native(_) | Obj::Func(_) => {
                let f = self.get_attr(recv, name)?;
                self.call(&f, args, kwargs)
            }
            _ => {
                self.tick()?;
                crate::builtins::methods::call(self, recv, name, args, kwargs)
            }
        }
    }

    /// `obj.name`.
    pub fn get_attr(&self, obj: &Obj, name: &str) -> Result<Obj, Exc> {
        let missing = || {
            Exc::new(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", obj.type_name()),
            )
        };
        match obj {
            Obj::Module(m) => m
                .attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| {
                    Exc::new(
                        "AttributeError",
                        format!(
                            "module '{}' has no attribute '{name}' (or Eddy does not support it yet)",
                            m.name
                        ),
                    )
                }),
            Obj::Native(n) => {
                if let Some(v) = n.get_attr(name) {
                    Ok(v)
                } else if n.has_method(name) {
                    Ok(Obj::Method(Rc::new((obj.clone(), name.into()))))
                } else {
                    Err(missing())
                }
            }
            Obj::Func(f) if name == "__name__" => Ok(Obj::str(&*f.name)),
            Obj::Builtin(class) if class.starts_with("pyspark") => {
                crate::pyspark::class_attr(class, name).ok_or_else(missing)
            }
            Obj::Builtin(t) if crate::builtins::methods::type_has(t, name) => {
                Ok(Obj::Native(Rc::new(Unbound(name.into()))))
            }
            Obj::Exception(e) if name == "args" => Ok(Obj::tuple(vec![Obj::str(e.msg.as_str())])),
            _ => match crate::builtins::methods::attr(obj, name) {
                Some(v) => Ok(v),
                None if crate::builtins::methods::has(obj, name) => {
                    Ok(Obj::Method(Rc::new((obj.clone(), name.into()))))
                }
                None => Err(missing()),
            },
        }
    }

    /// `value["literal"]`: `index` is the literal's `str`, `key` its dict key (made once).
    pub fn field(&self, value: &Obj, index: &Obj, key: &Key) -> Result<Obj, Exc> {
        match value {
            Obj::Dict(d) => d.get(key).ok_or_else(|| Exc::new("KeyError", index.repr())),
            v => self.subscript(v, index),
        }
    }

    /// `obj[index]`.
    pub fn subscript(&self, obj: &Obj, index: &Obj) -> Result<Obj, Exc> {
        crate::builtins::methods::getitem(self, obj, index)
    }

    /// `obj[index] = value`.
    pub fn set_item(&self, obj: &Obj, index: Obj, value: Obj) -> Result<(), Exc> {
        match obj {
            Obj::List(l) => {
                let mut l = l.borrow_mut();
                let i = crate::builtins::methods::seq_index(&index, l.len())?;
                l[i] = value;
                Ok(())
            }
            Obj::Dict(d) => {
                d.borrow_mut().insert(index.key()?, value);
                Ok(())
            }
            other => Err(Exc::type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }

    /// `del obj[index]`.
    pub fn del_item(&self, obj: &Obj, index: &Obj) -> Result<(), Exc> {
        match obj {
            Obj::List(l) => {
                let mut l = l.borrow_mut();
                let i = crate::builtins::methods::seq_index(index, l.len())?;
                l.remove(i);
                Ok(())
            }
            Obj::Dict(d) => match d.borrow_mut().shift_remove(&index.key()?) {
                Some(_) => Ok(()),
                None => Err(Exc::new("KeyError", index.repr())),
            },
            other => Err(Exc::type_error(format!(
                "'{}' object does not support item deletion",
                other.type_name()
            ))),
        }
    }
}

/// A method taken from its type (`str.upper`): calling it calls the method on the first
/// argument, as Python's method descriptors do.
struct Unbound(Name);

impl crate::obj::Native for Unbound {
    fn type_name(&self) -> &'static str {
        "method_descriptor"
    }
    fn has_method(&self, name: &str) -> bool {
        name == "__call__"
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        _: &str,
        mut args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        if args.is_empty() {
            return Err(Exc::type_error(format!(
                "unbound method {}() needs an argument",
                self.0
            )));
        }
        let recv = args.remove(0);
        interp.call_method(&recv, self.0.as_str(), args, kwargs)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

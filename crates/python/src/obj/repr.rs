//! `repr()` and `str()` of objects, exactly as CPython prints them. Scalars print through the
//! core's formatting, so the interpreter and the engine never disagree on a float.

use std::fmt::Write;
use std::rc::Rc;

use eddy_core::Value;

use super::Obj;

impl Obj {
    /// Python's `repr(x)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    /// Python's `str(x)`.
    pub fn to_str(&self) -> String {
        match self {
            Obj::Str(s) => s.to_string(),
            Obj::Exception(e) => e.msg.clone(),
            Obj::Data(v) => v.to_string(),
            Obj::Native(n) => n.str(),
            other => other.repr(),
        }
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            Obj::None => out.push_str("None"),
            Obj::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            Obj::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Obj::Float(f) => out.push_str(&eddy_core::value::float_repr(*f)),
            Obj::Str(s) => {
                let _ = Value::Str(s.clone()).write_repr(out);
            }
            Obj::Tuple(t) => {
                let Some(_level) = super::nested::enter() else {
                    out.push_str("(...)");
                    return;
                };
                out.push('(');
                write_items(t, out);
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Obj::List(l) => {
                // A list inside itself (`x.append(x)`) prints as `[...]`, as in CPython.
                let Some(_printing) = super::nested::start_printing(Rc::as_ptr(l) as usize) else {
                    out.push_str("[...]");
                    return;
                };
                out.push('[');
                write_items(&l.borrow(), out);
                out.push(']');
            }
            Obj::Dict(d) => {
                let Some(_printing) = super::nested::start_printing(Rc::as_ptr(d) as usize) else {
                    out.push_str("{...}");
                    return;
                };
                out.push('{');
                for (i, (k, v)) in d.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let _ = k.value().write_repr(out);
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            Obj::Set(s) => {
                let s = s.borrow();
                if s.is_empty() {
                    out.push_str("set()");
                    return;
                }
                out.push('{');
                for (i, v) in s.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    let _ = v.write_repr(out);
                }
                out.push('}');
            }
            Obj::Range(a, b, s) => {
                if *s == 1 {
                    let _ = write!(out, "range({a}, {b})");
                } else {
                    let _ = write!(out, "range({a}, {b}, {s})");
                }
            }
            Obj::Slice(s) => {
                let _ = write!(
                    out,
                    "slice({}, {}, {})",
                    s[0].repr(),
                    s[1].repr(),
                    s[2].repr()
                );
            }
            Obj::Data(v) => {
                let _ = v.write_repr(out);
            }
            Obj::Func(f) => {
                let _ = write!(out, "<function {}>", f.name);
            }
            Obj::Builtin(name) if crate::builtins::is_class(name) => {
                let _ = write!(out, "<class '{name}'>");
            }
            Obj::Builtin(name) => {
                let _ = write!(
                    out,
                    "<built-in function {}>",
                    name.rsplit('.').next().unwrap_or(name)
                );
            }
            Obj::Method(m) => {
                let _ = write!(
                    out,
                    "<built-in method {} of {} object>",
                    m.1,
                    m.0.type_name()
                );
            }
            Obj::Module(m) => {
                let _ = write!(out, "<module '{}'>", m.name);
            }
            Obj::ExcType(name) => {
                let _ = write!(out, "<class '{name}'>");
            }
            Obj::Exception(e) => {
                let _ = write!(out, "{}({})", e.kind, Obj::str(e.msg.as_str()).repr());
            }
            Obj::Native(n) => out.push_str(&n.repr()),
        }
    }
}

fn write_items(items: &[Obj], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_repr(out);
    }
}

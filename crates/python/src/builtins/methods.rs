//! Methods of the builtin types (`str`, `list`, `dict`, `set`, `tuple`) and subscripts.

use std::cell::RefCell;
use std::rc::Rc;

use eddy_core::value::PySet;

use super::{arg, arg_or_kw, as_int, kwarg};
use crate::interp::{check_size, format_spec, Exc, Interp, Kwargs};
use crate::obj::{range_len, DictCell, Obj};

const STR: &[&str] = &[
    "split",
    "rsplit",
    "strip",
    "lstrip",
    "rstrip",
    "join",
    "upper",
    "lower",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "format",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "title",
    "capitalize",
    "splitlines",
    "partition",
    "rpartition",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "swapcase",
    "casefold",
    "encode",
];
const LIST: &[&str] = &[
    "append", "extend", "pop", "insert", "remove", "index", "count", "sort", "reverse", "copy",
    "clear",
];
const DICT: &[&str] = &[
    "get",
    "items",
    "keys",
    "values",
    "setdefault",
    "update",
    "pop",
    "copy",
    "clear",
    "popitem",
];
const SET: &[&str] = &[
    "add",
    "update",
    "discard",
    "remove",
    "pop",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "copy",
    "issubset",
    "issuperset",
    "clear",
    "isdisjoint",
];

/// Whether `obj` has a method `name`.
pub fn has(obj: &Obj, name: &str) -> bool {
    match obj {
        Obj::Data(_) => crate::builtins::modules::data_has_method(obj, name),
        other => type_has(other.type_name(), name),
    }
}

/// Whether the builtin type `type_name` (`str`, `list`, …) has a method `name`: what
/// `str.upper` looks up on the type itself.
pub fn type_has(type_name: &str, name: &str) -> bool {
    match type_name {
        "str" => STR.contains(&name),
        "list" => LIST.contains(&name),
        "dict" => DICT.contains(&name),
        "set" => SET.contains(&name),
        "tuple" => matches!(name, "index" | "count"),
        "float" => name == "is_integer",
        _ => false,
    }
}

/// A non-method attribute of a builtin object (`x.real`, `dt.year`).
pub fn attr(obj: &Obj, name: &str) -> Option<Obj> {
    match obj {
        Obj::Int(i) if name == "real" => Some(Obj::Int(*i)),
        Obj::Float(f) if name == "real" => Some(Obj::Float(*f)),
        Obj::Data(_) => crate::builtins::modules::data_attr(obj, name),
        Obj::Builtin(b) if name == "__name__" => Some(Obj::str(b.rsplit('.').next().unwrap_or(b))),
        Obj::ExcType(kind) if name == "__name__" => Some(Obj::str(&**kind)),
        Obj::Builtin(class) => crate::builtins::class_attr(class, name),
        _ => None,
    }
}

/// Calls a builtin type's method.
pub fn call(
    interp: &Interp,
    recv: &Obj,
    name: &str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    match recv {
        Obj::Str(s) if STR.contains(&name) => str_method(interp, s, name, &args, &kwargs),
        Obj::List(l) if LIST.contains(&name) => list_method(interp, l, name, args, &kwargs),
        Obj::Dict(d) if DICT.contains(&name) => dict_method(interp, d, name, args, kwargs),
        Obj::Set(s) if SET.contains(&name) => set_method(interp, s, name, args),
        Obj::Tuple(t) if matches!(name, "index" | "count") => seq_method(t, name, &args),
        Obj::Float(f) if name == "is_integer" => Ok(Obj::Bool(f.fract() == 0.0)),
        Obj::Data(_) if has(recv, name) => {
            crate::builtins::modules::data_method(interp, recv, name, args, kwargs)
        }
        Obj::Builtin(class) => match crate::builtins::class_attr(class, name) {
            Some(f) => interp.call(&f, args, kwargs),
            None => Err(no_attribute(recv, name)),
        },
        _ => Err(no_attribute(recv, name)),
    }
}

fn no_attribute(recv: &Obj, name: &str) -> Exc {
    Exc::new(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", recv.type_name()),
    )
}

fn strip_chars(args: &[Obj]) -> Option<Vec<char>> {
    match args.first() {
        Some(Obj::Str(c)) => Some(c.chars().collect()),
        _ => None,
    }
}

fn str_method(
    interp: &Interp,
    s: &str,
    name: &str,
    args: &[Obj],
    kwargs: &Kwargs,
) -> Result<Obj, Exc> {
    let sub = |i: usize| -> Result<String, Exc> {
        match arg(args, i, name)? {
            Obj::Str(x) => Ok(x.to_string()),
            other => Err(Exc::type_error(format!(
                "must be str, not {}",
                other.type_name()
            ))),
        }
    };
    Ok(match name {
        "split" | "rsplit" => {
            let sep = arg_or_kw(args, kwargs, 0, "sep").filter(|s| !matches!(s, Obj::None));
            let max = arg_or_kw(args, kwargs, 1, "maxsplit")
                .map(|m| as_int(m, name))
                .transpose()?
                .unwrap_or(-1);
            // The parts become `str` objects straight from the slices (one allocation each).
            let parts: Vec<Obj> = match sep {
                None => split_whitespace(s, max, name == "rsplit")
                    .into_iter()
                    .map(Obj::str)
                    .collect(),
                Some(sep) => {
                    let owned;
                    let sep: &str = match sep {
                        Obj::Str(sep) => sep,
                        other => {
                            owned = other.to_str();
                            &owned
                        }
                    };
                    if sep.is_empty() {
                        return Err(Exc::new("ValueError", "empty separator"));
                    }
                    match (max < 0, name == "rsplit") {
                        // One ASCII character (`","`): memchr's vector search, the list
                        // sized up front (`str::split` on a char looks at a byte at a time).
                        (true, _) if sep.len() == 1 => {
                            let (b, bytes) = (sep.as_bytes()[0], s.as_bytes());
                            let mut parts =
                                Vec::with_capacity(memchr::memchr_iter(b, bytes).count() + 1);
                            let mut start = 0;
                            for at in memchr::memchr_iter(b, bytes) {
                                parts.push(Obj::str(&s[start..at]));
                                start = at + 1;
                            }
                            parts.push(Obj::str(&s[start..]));
                            parts
                        }
                        (true, _) => s.split(sep).map(Obj::str).collect(),
                        (false, false) => s.splitn(max as usize + 1, sep).map(Obj::str).collect(),
                        (false, true) => {
                            let mut v: Vec<Obj> =
                                s.rsplitn(max as usize + 1, sep).map(Obj::str).collect();
                            v.reverse();
                            v
                        }
                    }
                }
            };
            Obj::list(parts)
        }
        "strip" => Obj::str(match strip_chars(args) {
            Some(c) => s.trim_matches(c.as_slice()),
            None => s.trim(),
        }),
        "lstrip" => Obj::str(match strip_chars(args) {
            Some(c) => s.trim_start_matches(c.as_slice()),
            None => s.trim_start(),
        }),
        "rstrip" => Obj::str(match strip_chars(args) {
            Some(c) => s.trim_end_matches(c.as_slice()),
            None => s.trim_end(),
        }),
        "join" => {
            let items = interp.iterate(arg(args, 0, name)?)?;
            let mut parts = Vec::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                match x {
                    Obj::Str(x) => parts.push(x.to_string()),
                    other => {
                        return Err(Exc::type_error(format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.type_name()
                        )))
                    }
                }
            }
            Obj::str(parts.join(s))
        }
        "upper" => Obj::str(s.to_uppercase()),
        "lower" | "casefold" => Obj::str(s.to_lowercase()),
        "swapcase" => Obj::str(
            s.chars()
                .map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<String>()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect::<String>(),
        ),
        "replace" => {
            let (from, to) = (sub(0)?, sub(1)?);
            match args.get(2) {
                Some(n) => Obj::str(s.replacen(&from, &to, as_int(n, name)?.max(0) as usize)),
                None => Obj::str(s.replace(&from, &to)),
            }
        }
        "startswith" | "endswith" => {
            let prefixes = match arg(args, 0, name)? {
                Obj::Tuple(t) => t.iter().map(Obj::to_str).collect(),
                other => vec![other.to_str()],
            };
            Obj::Bool(prefixes.iter().any(|p| {
                if name == "startswith" {
                    s.starts_with(p.as_str())
                } else {
                    s.ends_with(p.as_str())
                }
            }))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let needle = sub(0)?;
            // `s.find(sub, start, end)` searches `s[start:end]` (char indices, as a slice takes them).
            let n = s.chars().count() as i64;
            let bound = |i: usize, default: i64| -> Result<i64, Exc> {
                Ok(match args.get(i) {
                    None | Some(Obj::None) => default,
                    Some(o) => {
                        let v = as_int(o, name)?;
                        if v < 0 {
                            (v + n).max(0)
                        } else {
                            v.min(n)
                        }
                    }
                })
            };
            let (start, end) = (bound(1, 0)?, bound(2, n)?);
            let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
            let hay = if start <= end {
                &s[byte(start)..byte(end)]
            } else {
                ""
            };
            if name == "count" {
                return Ok(Obj::Int(if start > end {
                    0
                } else if needle.is_empty() {
                    hay.chars().count() as i64 + 1
                } else {
                    hay.matches(needle.as_str()).count() as i64
                }));
            }
            let found = if start > end {
                None
            } else if name.starts_with('r') {
                hay.rfind(&needle)
            } else {
                hay.find(&needle)
            };
            match found {
                Some(b) => Obj::Int(start + hay[..b].chars().count() as i64),
                None if name.ends_with("index") => {
                    return Err(Exc::new("ValueError", "substring not found"))
                }
                None => Obj::Int(-1),
            }
        }
        "format" => Obj::str(str_format(interp, s, args, kwargs)?),
        "isdigit" | "isnumeric" | "isdecimal" => {
            Obj::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        }
        "isalpha" => Obj::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => Obj::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => Obj::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "isupper" => {
            Obj::Bool(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase))
        }
        "islower" => {
            Obj::Bool(s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase))
        }
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in s.chars() {
                if prev_alpha {
                    out.extend(c.to_lowercase())
                } else {
                    out.extend(c.to_uppercase())
                }
                prev_alpha = c.is_alphabetic();
            }
            Obj::str(out)
        }
        "capitalize" => {
            let mut c = s.chars();
            Obj::str(match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect::<String>(),
                None => String::new(),
            })
        }
        "splitlines" => Obj::list(s.lines().map(Obj::str).collect()),
        "partition" | "rpartition" => {
            let sep = sub(0)?;
            let found = if name == "partition" {
                s.find(&sep)
            } else {
                s.rfind(&sep)
            };
            let parts = match found {
                Some(i) => [&s[..i], sep.as_str(), &s[i + sep.len()..]],
                None if name == "partition" => [s, "", ""],
                None => ["", "", s],
            };
            Obj::tuple(parts.iter().map(|p| Obj::str(*p)).collect())
        }
        "zfill" => {
            let w = as_int(arg(args, 0, name)?, name)?.max(0);
            check_size(w)?;
            let w = w as usize;
            let n = s.chars().count();
            if n >= w {
                Obj::str(s)
            } else {
                let (sign, rest) = match s.strip_prefix(['-', '+']) {
                    Some(r) => (&s[..1], r),
                    None => ("", s),
                };
                Obj::str(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
        }
        "center" | "ljust" | "rjust" => {
            let w = as_int(arg(args, 0, name)?, name)?;
            let fill = args.get(1).map_or(" ".to_string(), Obj::to_str);
            let align = match name {
                "center" => '^',
                "ljust" => '<',
                _ => '>',
            };
            Obj::str(format_spec(&Obj::str(s), &format!("{fill}{align}{w}"))?)
        }
        "encode" => Obj::str(s),
        _ => unreachable!("checked by STR"),
    })
}

fn split_whitespace(s: &str, max: i64, from_right: bool) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if max < 0 || words.len() as i64 <= max + 1 {
        return words.into_iter().map(String::from).collect();
    }
    let max = max as usize;
    if !from_right {
        let mut out: Vec<String> = Vec::new();
        let mut rest = s.trim_start();
        for _ in 0..max {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
        out.push(rest.to_string());
        out
    } else {
        let mut out: Vec<String> = Vec::new();
        let mut rest = s.trim_end();
        for _ in 0..max {
            let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            out.push(rest[start..].to_string());
            rest = rest[..start].trim_end();
        }
        out.push(rest.to_string());
        out.reverse();
        out
    }
}

/// `str.format`.
fn str_format(interp: &Interp, fmt: &str, args: &[Obj], kwargs: &Kwargs) -> Result<String, Exc> {
    let mut out = String::new();
    let mut auto = 0;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                let mut depth = 0;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    field.push(c);
                }
                let (field, spec) = match field.split_once(':') {
                    Some((f, s)) => (f.to_string(), s.to_string()),
                    None => (field, String::new()),
                };
                let (field, conv) = match field.split_once('!') {
                    Some((f, c)) => (f.to_string(), Some(c.to_string())),
                    None => (field, None),
                };
                let v = format_field(interp, &field, args, kwargs, &mut auto)?;
                let v = match conv.as_deref() {
                    Some("r") => Obj::str(v.repr()),
                    Some("s") => Obj::str(v.to_str()),
                    _ => v,
                };
                // Nested fields in the spec (`{:{width}.{prec}f}`), numbered after the value.
                let mut expanded = String::new();
                let mut spec_chars = spec.chars();
                while let Some(c) = spec_chars.next() {
                    if c == '{' {
                        let inner: String = spec_chars.by_ref().take_while(|c| *c != '}').collect();
                        let nested = format_field(interp, &inner, args, kwargs, &mut auto)?;
                        expanded.push_str(&nested.to_str());
                    } else {
                        expanded.push(c);
                    }
                }
                out.push_str(&format_spec(&v, &expanded)?);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The value of a `str.format` field: `''` (the next positional), `0`, `name`, then `.attr`
/// and `[index]` parts.
fn format_field(
    interp: &Interp,
    field: &str,
    args: &[Obj],
    kwargs: &Kwargs,
    auto: &mut usize,
) -> Result<Obj, Exc> {
    let (head, rest) = match field.find(['.', '[']) {
        Some(i) => (&field[..i], &field[i..]),
        None => (field, ""),
    };
    let out_of_range = |i: usize| {
        Exc::new(
            "IndexError",
            format!("Replacement index {i} out of range for positional args tuple"),
        )
    };
    let mut v = if head.is_empty() {
        let v = args
            .get(*auto)
            .cloned()
            .ok_or_else(|| out_of_range(*auto))?;
        *auto += 1;
        v
    } else if let Ok(i) = head.parse::<usize>() {
        args.get(i).cloned().ok_or_else(|| out_of_range(i))?
    } else {
        kwarg(kwargs, head)
            .cloned()
            .ok_or_else(|| Exc::new("KeyError", Obj::str(head).repr()))?
    };
    let mut rest = rest;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            v = interp.get_attr(&v, &r[..end])?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            let key = &r[..end];
            let idx = match key.parse::<i64>() {
                Ok(i) => Obj::Int(i),
                Err(_) => Obj::str(key),
            };
            v = getitem(interp, &v, &idx)?;
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            break;
        }
    }
    Ok(v)
}

fn list_method(
    interp: &Interp,
    l: &Rc<RefCell<crate::obj::Items>>,
    name: &str,
    args: Vec<Obj>,
    kwargs: &Kwargs,
) -> Result<Obj, Exc> {
    Ok(match name {
        "append" => {
            let x = arg(&args, 0, name)?.clone();
            let mut l = l.borrow_mut();
            check_size(l.len() as i64 + 1)?;
            l.push(x);
            Obj::None
        }
        "extend" => {
            let items = interp.iterate(arg(&args, 0, name)?)?;
            let mut l = l.borrow_mut();
            check_size((l.len() + items.len()) as i64)?;
            l.extend(items);
            Obj::None
        }
        "pop" => {
            let mut l = l.borrow_mut();
            if l.is_empty() {
                return Err(Exc::new("IndexError", "pop from empty list"));
            }
            let i = match args.first() {
                Some(i) => seq_index(i, l.len())
                    .map_err(|_| Exc::new("IndexError", "pop index out of range"))?,
                None => l.len() - 1,
            };
            l.remove(i)
        }
        "insert" => {
            let mut l = l.borrow_mut();
            let n = l.len() as i64;
            let i = as_int(arg(&args, 0, name)?, name)?;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            l.insert(i, arg(&args, 1, name)?.clone());
            Obj::None
        }
        "remove" => {
            let x = arg(&args, 0, name)?;
            let mut l = l.borrow_mut();
            match l.iter().position(|y| y.py_eq(x)) {
                Some(i) => {
                    l.remove(i);
                }
                None => return Err(Exc::new("ValueError", "list.remove(x): x not in list")),
            }
            Obj::None
        }
        "index" | "count" => {
            let items = l.borrow().clone();
            return seq_method(&items, name, &args);
        }
        "sort" => {
            let items = std::mem::take(&mut **l.borrow_mut());
            let sorted = super::functions::sort(
                interp,
                items,
                kwarg(kwargs, "key"),
                kwarg(kwargs, "reverse").is_some_and(Obj::truthy),
            )?;
            **l.borrow_mut() = sorted;
            Obj::None
        }
        "reverse" => {
            l.borrow_mut().reverse();
            Obj::None
        }
        "copy" => Obj::list(l.borrow().clone()),
        "clear" => {
            l.borrow_mut().clear();
            Obj::None
        }
        _ => unreachable!("checked by LIST"),
    })
}

fn seq_method(items: &[Obj], name: &str, args: &[Obj]) -> Result<Obj, Exc> {
    let x = arg(args, 0, name)?;
    Ok(match name {
        "index" => match items.iter().position(|y| y.py_eq(x)) {
            Some(i) => Obj::Int(i as i64),
            None => {
                return Err(Exc::new(
                    "ValueError",
                    format!("{} is not in list", x.repr()),
                ))
            }
        },
        _ => Obj::Int(items.iter().filter(|y| y.py_eq(x)).count() as i64),
    })
}

fn dict_method(
    interp: &Interp,
    d: &Rc<DictCell>,
    name: &str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let key = |i: usize| arg(&args, i, name).and_then(Obj::key);
    Ok(match name {
        "get" => d
            .get(&key(0)?)
            .unwrap_or_else(|| args.get(1).cloned().unwrap_or(Obj::None)),
        "items" => DictView::obj(
            "dict_items",
            d.borrow()
                .iter()
                .map(|(k, v)| Obj::tuple(vec![Obj::from_value(k.value()), v.clone()]))
                .collect(),
        ),
        "keys" => DictView::obj(
            "dict_keys",
            d.borrow()
                .keys()
                .map(|k| Obj::from_value(k.value()))
                .collect(),
        ),
        "values" => DictView::obj("dict_values", d.borrow().values().cloned().collect()),
        "setdefault" => {
            let k = key(0)?;
            let default = args.get(1).cloned().unwrap_or(Obj::None);
            d.borrow_mut().entry(k).or_insert(default).clone()
        }
        "update" => {
            if let Some(other) = args.first() {
                let pairs: Vec<(Obj, Obj)> = match other {
                    Obj::Dict(o) => o
                        .borrow()
                        .iter()
                        .map(|(k, v)| (Obj::from_value(k.value()), v.clone()))
                        .collect(),
                    other => interp
                        .iterate(other)?
                        .iter()
                        .map(|p| {
                            let kv = interp.iterate(p)?;
                            match kv.as_slice() {
                                [k, v] => Ok((k.clone(), v.clone())),
                                _ => Err(Exc::new(
                                    "ValueError",
                                    "dictionary update sequence element has the wrong length",
                                )),
                            }
                        })
                        .collect::<Result<_, _>>()?,
                };
                let mut d = d.borrow_mut();
                for (k, v) in pairs {
                    d.insert(k.key()?, v);
                }
            }
            // `d.update(k=v)`: keyword arguments after the positional mapping, in their order.
            let mut d = d.borrow_mut();
            for (k, v) in kwargs {
                d.insert(Obj::str(k.as_str()).key()?, v);
            }
            Obj::None
        }
        "pop" => match d.borrow_mut().shift_remove(&key(0)?) {
            Some(v) => v,
            None => args
                .get(1)
                .cloned()
                .ok_or_else(|| Exc::new("KeyError", args[0].repr()))?,
        },
        "popitem" => match d.borrow_mut().pop() {
            Some((k, v)) => Obj::tuple(vec![Obj::from_value(k.value()), v]),
            None => return Err(Exc::new("KeyError", "'popitem(): dictionary is empty'")),
        },
        "copy" => Obj::dict(d.borrow().clone()),
        "clear" => {
            d.borrow_mut().clear();
            Obj::None
        }
        _ => unreachable!("checked by DICT"),
    })
}

fn set_method(
    interp: &Interp,
    s: &Rc<RefCell<PySet>>,
    name: &str,
    args: Vec<Obj>,
) -> Result<Obj, Exc> {
    let other = |i: usize| -> Result<PySet, Exc> {
        match arg(&args, i, name)? {
            Obj::Set(o) => Ok(o.borrow().copy()),
            o => Ok(PySet::from_values(
                interp
                    .iterate(o)?
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<Vec<_>, _>>()?,
            )?),
        }
    };
    let value = |i: usize| -> Result<eddy_core::Value, Exc> {
        let x = arg(&args, i, name)?;
        x.key()?;
        x.to_value()
    };
    Ok(match name {
        "add" => {
            let v = value(0)?;
            s.borrow_mut().add(v)?;
            Obj::None
        }
        "update" => {
            for i in 0..args.len() {
                let o = other(i)?;
                s.borrow_mut().update_from_set(&o);
            }
            Obj::None
        }
        "discard" => {
            let v = value(0)?;
            s.borrow_mut().discard(&v)?;
            Obj::None
        }
        "remove" => {
            let v = value(0)?;
            if !s.borrow_mut().discard(&v)? {
                return Err(Exc::new("KeyError", args[0].repr()));
            }
            Obj::None
        }
        "pop" => match s.borrow_mut().pop() {
            Some(v) => Obj::from_value(&v),
            None => return Err(Exc::new("KeyError", "'pop from an empty set'")),
        },
        "union" => {
            let mut out = s.borrow().copy();
            for i in 0..args.len() {
                out = out.union(&other(i)?);
            }
            Obj::set(out)
        }
        "intersection" => Obj::set(s.borrow().intersection(&other(0)?)),
        "difference" => Obj::set(s.borrow().difference(&other(0)?)),
        "symmetric_difference" => Obj::set(s.borrow().symmetric_difference(&other(0)?)),
        "copy" => Obj::set(s.borrow().copy()),
        "issubset" => Obj::Bool(s.borrow().is_subset(&other(0)?)),
        "issuperset" => Obj::Bool(other(0)?.is_subset(&s.borrow())),
        "isdisjoint" => Obj::Bool(s.borrow().intersection(&other(0)?).is_empty()),
        "clear" => {
            s.borrow_mut().clear();
            Obj::None
        }
        _ => unreachable!("checked by SET"),
    })
}

/// A sequence index, negative from the end, checked against `len`.
pub fn seq_index(index: &Obj, len: usize) -> Result<usize, Exc> {
    let i = match index {
        Obj::Int(i) => *i,
        Obj::Bool(b) => *b as i64,
        other => {
            return Err(Exc::type_error(format!(
                "list indices must be integers or slices, not {}",
                other.type_name()
            )))
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(Exc::new("IndexError", "list index out of range"));
    }
    Ok(j as usize)
}

/// The indices a slice selects from a sequence of `len` items.
fn slice_indices(parts: &[Obj; 3], len: usize) -> Result<Vec<usize>, Exc> {
    let len = len as i64;
    let get = |o: &Obj| -> Result<Option<i64>, Exc> {
        match o {
            Obj::None => Ok(None),
            o => as_int(o, "slice indices must be integers or None").map(Some),
        }
    };
    let step = get(&parts[2])?.unwrap_or(1);
    if step == 0 {
        return Err(Exc::new("ValueError", "slice step cannot be zero"));
    }
    let clamp = |i: i64, lo: i64, hi: i64| i.clamp(lo, hi);
    let norm = |i: i64| if i < 0 { i + len } else { i };
    let (start, stop) = if step > 0 {
        (
            get(&parts[0])?.map_or(0, |i| clamp(norm(i), 0, len)),
            get(&parts[1])?.map_or(len, |i| clamp(norm(i), 0, len)),
        )
    } else {
        (
            get(&parts[0])?.map_or(len - 1, |i| clamp(norm(i), -1, len - 1)),
            get(&parts[1])?.map_or(-1, |i| clamp(norm(i), -1, len - 1)),
        )
    };
    let n = range_len(start, stop, step);
    Ok((0..n).map(|k| (start + k * step) as usize).collect())
}

/// `obj[index]`.
pub fn getitem(interp: &Interp, obj: &Obj, index: &Obj) -> Result<Obj, Exc> {
    if let Obj::Slice(parts) = index {
        return Ok(match obj {
            Obj::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                Obj::str(
                    slice_indices(parts, chars.len())?
                        .into_iter()
                        .map(|i| chars[i])
                        .collect::<String>(),
                )
            }
            Obj::List(l) => {
                let l = l.borrow();
                Obj::list(
                    slice_indices(parts, l.len())?
                        .into_iter()
                        .map(|i| l[i].clone())
                        .collect(),
                )
            }
            Obj::Tuple(t) => Obj::tuple(
                slice_indices(parts, t.len())?
                    .into_iter()
                    .map(|i| t[i].clone())
                    .collect(),
            ),
            Obj::Range(..) | Obj::Data(_) => {
                let items = obj.iter_items()?;
                Obj::list(
                    slice_indices(parts, items.len())?
                        .into_iter()
                        .map(|i| items[i].clone())
                        .collect(),
                )
            }
            other => {
                return Err(Exc::type_error(format!(
                    "'{}' object is not subscriptable",
                    other.type_name()
                )))
            }
        });
    }
    fn out_of_range(what: &'static str) -> impl Fn(Exc) -> Exc {
        move |_| Exc::new("IndexError", format!("{what} index out of range"))
    }
    Ok(match obj {
        Obj::List(l) => {
            let l = l.borrow();
            l[seq_index(index, l.len())?].clone()
        }
        Obj::Tuple(t) => t[seq_index(index, t.len()).map_err(out_of_range("tuple"))?].clone(),
        Obj::Str(s) => {
            let n = s.chars().count();
            let i = seq_index(index, n).map_err(out_of_range("string"))?;
            Obj::str(s.chars().nth(i).map(String::from).unwrap_or_default())
        }
        Obj::Dict(d) => d
            .get(&index.key()?)
            .ok_or_else(|| Exc::new("KeyError", index.repr()))?,
        Obj::Range(a, b, s) => {
            let i = seq_index(index, range_len(*a, *b, *s) as usize)
                .map_err(out_of_range("range object"))?;
            Obj::Int(a + i as i64 * s)
        }
        Obj::Data(_) => {
            let items = obj.iter_items()?;
            items[seq_index(index, items.len())?].clone()
        }
        Obj::Native(n) if n.has_method("__getitem__") => {
            n.clone()
                .call_method(interp, "__getitem__", vec![index.clone()], Vec::new())?
        }
        other => {
            return Err(Exc::type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            )))
        }
    })
}

/// `d.keys()`, `d.values()`, `d.items()`: what they held when made (CPython's views follow
/// later changes to the dict; programs iterate them at once), printed as CPython prints them
/// (`dict_items([('a', 1)])`), iterable, sized, and a list when put in a record.
struct DictView {
    kind: &'static str,
    items: Vec<Obj>,
}

impl DictView {
    fn obj(kind: &'static str, items: Vec<Obj>) -> Obj {
        Obj::Native(Rc::new(DictView { kind, items }))
    }
}

impl crate::obj::Native for DictView {
    fn type_name(&self) -> &'static str {
        self.kind
    }

    fn has_method(&self, name: &str) -> bool {
        matches!(name, "__iter__" | "__len__")
    }

    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        Ok(match name {
            "__len__" => Obj::Int(self.items.len() as i64),
            _ => Obj::list(self.items.clone()),
        })
    }

    fn repr(&self) -> String {
        format!("{}({})", self.kind, Obj::list(self.items.clone()).repr())
    }

    fn truthy(&self) -> bool {
        !self.items.is_empty()
    }

    fn to_value(&self) -> Option<eddy_core::Value> {
        Obj::list(self.items.clone()).to_value().ok()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

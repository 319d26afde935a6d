//! The builtin functions (`len`, `sorted`, `print`, …) with CPython's behaviour and messages.
//! Python 3's lazy `map`, `zip`, `enumerate` and `filter` return lists here: every iterable in
//! the subset is finite, and a list behaves the same wherever a program iterates it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use eddy_core::value::PySet;

use super::{arg, arg_or_kw, as_float, as_int, kwarg};
use crate::interp::{check_size, format_spec, Exc, Interp, Kwargs};
use crate::obj::{range_len, DictMap, Native, Obj};

pub(super) fn call(
    interp: &Interp,
    name: &str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let a0 = || arg(&args, 0, name);
    Ok(match name {
        "print" => {
            let sep = kwarg(&kwargs, "sep")
                .filter(|s| !matches!(s, Obj::None))
                .map_or(" ".to_string(), Obj::to_str);
            let end = kwarg(&kwargs, "end")
                .filter(|s| !matches!(s, Obj::None))
                .map_or("\n".to_string(), Obj::to_str);
            let text: Vec<String> = args.iter().map(Obj::to_str).collect();
            interp.write(&text.join(&sep));
            interp.write(&end);
            Obj::None
        }
        "len" => Obj::Int(match a0()? {
            Obj::Str(s) => s.chars().count() as i64,
            Obj::Tuple(t) => t.len() as i64,
            Obj::List(l) => l.borrow().len() as i64,
            Obj::Dict(d) => d.len() as i64,
            Obj::Set(s) => s.borrow().len() as i64,
            Obj::Range(a, b, s) => range_len(*a, *b, *s),
            // A `DenseVector` or a `numpy.ndarray`: its first axis.
            Obj::Data(v @ (eddy_core::Value::Vector(_) | eddy_core::Value::NdArray(_))) => {
                v.items()?.len() as i64
            }
            Obj::Native(n) if n.has_method("__len__") => {
                return n
                    .clone()
                    .call_method(interp, "__len__", Vec::new(), Vec::new())
            }
            other => {
                return Err(Exc::type_error(format!(
                    "object of type '{}' has no len()",
                    other.type_name()
                )))
            }
        }),
        "range" => {
            let ints: Vec<i64> = args
                .iter()
                .map(|a| as_int(a, "range"))
                .collect::<Result<_, _>>()?;
            match ints.as_slice() {
                [b] => Obj::Range(0, *b, 1),
                [a, b] => Obj::Range(*a, *b, 1),
                [_, _, 0] => return Err(Exc::new("ValueError", "range() arg 3 must not be zero")),
                [a, b, s] => Obj::Range(*a, *b, *s),
                _ => return Err(Exc::type_error("range expected at most 3 arguments")),
            }
        }
        "int" => match args.as_slice() {
            [] => Obj::Int(0),
            [Obj::Str(s), base] => parse_int(s, as_int(base, "int")?)?,
            [Obj::Str(s)] => parse_int(s, 10)?,
            [Obj::Float(f) | Obj::Data(eddy_core::Value::NpFloat(f))] => {
                if !f.is_finite() {
                    return Err(Exc::new(
                        if f.is_nan() {
                            "ValueError"
                        } else {
                            "OverflowError"
                        },
                        format!(
                            "cannot convert float {} to integer",
                            if f.is_nan() { "NaN" } else { "infinity" }
                        ),
                    ));
                }
                if f.abs() >= 9.2e18 {
                    return Err(Exc::new(
                        "OverflowError",
                        "int too large for Eddy's 64-bit ints",
                    ));
                }
                Obj::Int(f.trunc() as i64)
            }
            [Obj::Int(i)] => Obj::Int(*i),
            [Obj::Bool(b)] => Obj::Int(*b as i64),
            [other, ..] => {
                return Err(Exc::type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            )))
            }
        },
        "float" => match args.as_slice() {
            [] => Obj::Float(0.0),
            [Obj::Str(s)] => parse_float(s)?,
            [other] => Obj::Float(as_float(other, "float").map_err(|_| {
                Exc::type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    other.type_name()
                ))
            })?),
            _ => return Err(Exc::type_error("float expected at most 1 argument")),
        },
        "str" => match args.first() {
            None => Obj::str(""),
            Some(o) => Obj::str(o.to_str()),
        },
        "repr" => Obj::str(a0()?.repr()),
        "bool" => Obj::Bool(args.first().is_some_and(Obj::truthy)),
        "list" => Obj::list(match args.first() {
            None => Vec::new(),
            Some(o) => interp.iterate(o)?,
        }),
        "tuple" => Obj::tuple(match args.first() {
            None => Vec::new(),
            Some(o) => interp.iterate(o)?,
        }),
        "set" | "frozenset" => Obj::set(match args.first() {
            None => PySet::new(),
            Some(Obj::Set(s)) => s.borrow().copy(),
            Some(o) => PySet::from_values(
                interp
                    .iterate(o)?
                    .iter()
                    .map(Obj::to_value)
                    .collect::<Result<Vec<_>, _>>()?,
            )?,
        }),
        "dict" => {
            let mut map = DictMap::default();
            if let Some(o) = args.first() {
                match o {
                    Obj::Dict(d) => map = d.borrow().clone(),
                    other => {
                        for pair in interp.iterate(other)? {
                            let kv = interp.iterate(&pair)?;
                            if kv.len() != 2 {
                                return Err(Exc::new(
                                    "ValueError",
                                    format!(
                                        "dictionary update sequence element has length {}; 2 is required",
                                        kv.len()
                                    ),
                                ));
                            }
                            map.insert(kv[0].key()?, kv[1].clone());
                        }
                    }
                }
            }
            for (k, v) in kwargs {
                map.insert(Obj::str(k.as_str()).key()?, v);
            }
            Obj::dict(map)
        }
        "sum" => {
            let mut acc = arg_or_kw(&args, &kwargs, 1, "start")
                .cloned()
                .unwrap_or(Obj::Int(0));
            for item in interp.iterate(a0()?)? {
                interp.tick()?;
                acc = acc.binop(crate::obj::BinOp::Add, &item)?;
            }
            acc
        }
        "min" | "max" => min_max(interp, name, args, kwargs)?,
        "sorted" => {
            let items = interp.iterate(a0()?)?;
            Obj::list(sort(
                interp,
                items,
                kwarg(&kwargs, "key"),
                kwarg(&kwargs, "reverse").is_some_and(Obj::truthy),
            )?)
        }
        "reversed" => {
            let mut items = interp.iterate(a0()?)?;
            items.reverse();
            Obj::list(items)
        }
        "enumerate" => {
            let start = arg_or_kw(&args, &kwargs, 1, "start")
                .map(|s| as_int(s, "enumerate"))
                .transpose()?
                .unwrap_or(0);
            Obj::list(
                interp
                    .iterate(a0()?)?
                    .into_iter()
                    .enumerate()
                    .map(|(i, x)| Obj::tuple(vec![Obj::Int(start + i as i64), x]))
                    .collect(),
            )
        }
        "zip" => {
            let lists: Vec<Vec<Obj>> = args
                .iter()
                .map(|a| interp.iterate(a))
                .collect::<Result<_, _>>()?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            Obj::list(
                (0..n)
                    .map(|i| Obj::tuple(lists.iter().map(|l| l[i].clone()).collect()))
                    .collect(),
            )
        }
        "map" => {
            let f = a0()?;
            let lists: Vec<Vec<Obj>> = args[1..]
                .iter()
                .map(|a| interp.iterate(a))
                .collect::<Result<_, _>>()?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(interp.call(
                    f,
                    lists.iter().map(|l| l[i].clone()).collect(),
                    Vec::new(),
                )?);
            }
            Obj::list(out)
        }
        "filter" => {
            let f = a0()?;
            let mut out = Vec::new();
            for x in interp.iterate(arg(&args, 1, name)?)? {
                let keep = match f {
                    Obj::None => x.truthy(),
                    f => interp.call(f, vec![x.clone()], Vec::new())?.truthy(),
                };
                if keep {
                    out.push(x);
                }
            }
            Obj::list(out)
        }
        "abs" => match a0()? {
            Obj::Int(i) => Obj::Int(
                i.checked_abs()
                    .ok_or_else(|| Exc::new("OverflowError", "abs overflow"))?,
            ),
            Obj::Bool(b) => Obj::Int(*b as i64),
            Obj::Float(f) => Obj::Float(f.abs()),
            Obj::Data(eddy_core::Value::NpFloat(f)) => {
                Obj::Data(eddy_core::Value::NpFloat(f.abs()))
            }
            other => super::datetime_abs(other).unwrap_or_else(|| {
                Err(Exc::type_error(format!(
                    "bad operand type for abs(): '{}'",
                    other.type_name()
                )))
            })?,
        },
        "round" => round(a0()?, arg_or_kw(&args, &kwargs, 1, "ndigits"))?,
        "any" => {
            let mut r = false;
            for x in interp.iterate(a0()?)? {
                if x.truthy() {
                    r = true;
                    break;
                }
            }
            Obj::Bool(r)
        }
        "all" => {
            let mut r = true;
            for x in interp.iterate(a0()?)? {
                if !x.truthy() {
                    r = false;
                    break;
                }
            }
            Obj::Bool(r)
        }
        "isinstance" => {
            let v = a0()?;
            let classes = match arg(&args, 1, name)? {
                Obj::Tuple(t) => t.to_vec(),
                one => vec![one.clone()],
            };
            Obj::Bool(classes.iter().any(|c| is_instance(v, c)))
        }
        "type" => type_of(a0()?),
        "hash" => Obj::Int(eddy_core::value::py_hash(&a0()?.key()?.into_value())?),
        "callable" => Obj::Bool(matches!(
            a0()?,
            Obj::Func(_) | Obj::Builtin(_) | Obj::Method(_) | Obj::ExcType(_)
        )),
        "iter" => Obj::Native(Rc::new(ListIter {
            items: interp.iterate(a0()?)?,
            pos: Cell::new(0),
        })),
        "next" => match a0()? {
            Obj::Native(n) if n.has_method("__next__") => {
                match n
                    .clone()
                    .call_method(interp, "__next__", Vec::new(), Vec::new())
                {
                    Err(e) if e.kind.as_ref() == "StopIteration" && args.len() > 1 => {
                        args[1].clone()
                    }
                    r => r?,
                }
            }
            other => {
                return Err(Exc::type_error(format!(
                    "'{}' object is not an iterator",
                    other.type_name()
                )))
            }
        },
        "open" => {
            let path = a0()?.to_str();
            let mode = arg_or_kw(&args, &kwargs, 1, "mode").map_or("r".to_string(), Obj::to_str);
            if mode.contains('w') || mode.contains('a') {
                let start = if mode.contains('a') {
                    interp.read_file(&path).unwrap_or_default()
                } else {
                    String::new()
                };
                interp.spark.write_file(&path, start.as_bytes());
                return Ok(Obj::Native(Rc::new(WriteFile {
                    path,
                    text: RefCell::new(start),
                })));
            }
            let text = interp.read_file(&path)?;
            Obj::Native(Rc::new(File {
                text,
                read: Cell::new(false),
            }))
        }
        "divmod" => {
            let (a, b) = (a0()?, arg(&args, 1, name)?);
            Obj::tuple(vec![
                a.binop(crate::obj::BinOp::FloorDiv, b)?,
                a.binop(crate::obj::BinOp::Mod, b)?,
            ])
        }
        "pow" => a0()?.binop(crate::obj::BinOp::Pow, arg(&args, 1, name)?)?,
        "chr" => Obj::str(
            char::from_u32(as_int(a0()?, "chr")? as u32)
                .map(String::from)
                .ok_or_else(|| Exc::new("ValueError", "chr() arg not in range(0x110000)"))?,
        ),
        "ord" => match a0()? {
            Obj::Str(s) if s.chars().count() == 1 => {
                Obj::Int(s.chars().next().map_or(0, |c| c as i64))
            }
            other => {
                return Err(Exc::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    other.to_str().chars().count()
                )))
            }
        },
        "hex" => Obj::str(fmt_radix(as_int(a0()?, "hex")?, "0x", |u| format!("{u:x}"))),
        "bin" => Obj::str(fmt_radix(as_int(a0()?, "bin")?, "0b", |u| format!("{u:b}"))),
        "oct" => Obj::str(fmt_radix(as_int(a0()?, "oct")?, "0o", |u| format!("{u:o}"))),
        "format" => Obj::str(format_spec(
            a0()?,
            &args.get(1).map_or(String::new(), Obj::to_str),
        )?),
        "id" => Obj::Int(0),
        "getattr" => match interp.get_attr(a0()?, &arg(&args, 1, name)?.to_str()) {
            Ok(v) => v,
            Err(_) if args.len() > 2 => args[2].clone(),
            Err(e) => return Err(e),
        },
        "hasattr" => Obj::Bool(
            interp
                .get_attr(a0()?, &arg(&args, 1, name)?.to_str())
                .is_ok(),
        ),
        "input" => {
            return Err(Exc::new(
                "EOFError",
                "EOF when reading a line (a streaming program has no keyboard input)",
            ))
        }
        _ => {
            return Err(Exc::new(
                "NotImplementedError",
                format!("Eddy does not support {name}() yet"),
            ))
        }
    })
}

fn fmt_radix(i: i64, prefix: &str, f: impl Fn(u64) -> String) -> String {
    format!(
        "{}{prefix}{}",
        if i < 0 { "-" } else { "" },
        f(i.unsigned_abs())
    )
}

fn parse_int(s: &str, base: i64) -> Result<Obj, Exc> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(Exc::new(
            "ValueError",
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    // The common case, plain decimal digits: no copies.
    let digits = s.strip_prefix('-').unwrap_or(s);
    if base == 10
        && !digits.is_empty()
        && digits.len() <= 18
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        if let Ok(v) = s.parse::<i64>() {
            return Ok(Obj::Int(v));
        }
    }
    let t = s.trim().replace('_', "");
    let bad = || {
        Exc::new(
            "ValueError",
            format!(
                "invalid literal for int() with base {base}: {}",
                Obj::str(s).repr()
            ),
        )
    };
    let (neg, digits) = match t.strip_prefix('-') {
        Some(d) => (true, d.to_string()),
        None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
    };
    // A prefix as literals have it: base 0 takes the base from it (decimal without one, and
    // then no leading zeros), base 16 / 8 / 2 allows its own.
    let prefix = digits.get(..2).map(str::to_ascii_lowercase);
    let (radix, digits) = match (prefix.as_deref(), base) {
        (Some("0x"), 0 | 16) => (16, &digits[2..]),
        (Some("0o"), 0 | 8) => (8, &digits[2..]),
        (Some("0b"), 0 | 2) => (2, &digits[2..]),
        (_, 0) if digits.starts_with('0') && digits.bytes().any(|b| b != b'0') => return Err(bad()),
        (_, 0) => (10, digits.as_str()),
        _ => (base as u32, digits.as_str()),
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return Err(bad());
    }
    let v = i64::from_str_radix(digits, radix).map_err(|_| bad())?;
    Ok(Obj::Int(if neg { -v } else { v }))
}

fn parse_float(s: &str) -> Result<Obj, Exc> {
    // The common case, a plain number (`51.00`, `-1e-3`): no copies.
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        if let Ok(v) = s.parse::<f64>() {
            return Ok(Obj::Float(v));
        }
    }
    let t = s.trim().replace('_', "");
    let lower = t.to_ascii_lowercase();
    let v = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = v {
        return Ok(Obj::Float(if lower.starts_with('-') { -v } else { v }));
    }
    t.parse::<f64>()
        .ok()
        .filter(|_| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        })
        .map(Obj::Float)
        .ok_or_else(|| {
            Exc::new(
                "ValueError",
                format!("could not convert string to float: {}", Obj::str(s).repr()),
            )
        })
}

fn round(v: &Obj, nd: Option<&Obj>) -> Result<Obj, Exc> {
    let nd = match nd {
        None | Some(Obj::None) => None,
        Some(n) => Some(as_int(n, "round")?),
    };
    if let Obj::Data(eddy_core::Value::NpFloat(f)) = v {
        // numpy's `around`: `rint(x * 10**n) / 10**n`, a `numpy.float64`; without `ndigits`
        // an `int`, as `float` rounds.
        let Some(n) = nd else {
            return round(&Obj::Float(*f), None);
        };
        let p = 10f64.powi(n.unsigned_abs().min(400) as i32);
        let r = if n >= 0 {
            (f * p).round_ties_even() / p
        } else {
            (f / p).round_ties_even() * p
        };
        return Ok(Obj::Data(eddy_core::Value::NpFloat(r)));
    }
    Ok(match (v, nd) {
        (Obj::Int(i), Some(n)) if n < 0 => {
            // To the nearest multiple of 10**-n, ties to even (CPython's _PyLong_DivmodNear).
            let Some(p) = 10i128.checked_pow((-n).min(40) as u32) else {
                return Ok(Obj::Int(0));
            };
            let i = i128::from(*i);
            let (mut q, r) = (i.div_euclid(p), i.rem_euclid(p));
            if 2 * r > p || (2 * r == p && q % 2 != 0) {
                q += 1;
            }
            Obj::Int(i64::try_from(q * p).map_err(|_| {
                Exc::new(
                    "OverflowError",
                    "rounded int does not fit in 64 bits (Eddy's ints are 64-bit)",
                )
            })?)
        }
        (Obj::Int(i), _) => Obj::Int(*i),
        (Obj::Bool(b), _) => Obj::Int(*b as i64),
        (Obj::Float(f), None) => {
            let r = f.round_ties_even();
            if !r.is_finite() || r.abs() >= 9.2e18 {
                return Err(Exc::new("OverflowError", "cannot convert float to integer"));
            }
            Obj::Int(r as i64)
        }
        (Obj::Float(f), Some(n)) => Obj::Float(round_float(*f, n)),
        (other, _) => {
            return Err(Exc::type_error(format!(
                "type {} doesn't define __round__ method",
                other.type_name()
            )))
        }
    })
}

/// CPython's `round(x, n)`: correctly rounded through the decimal string, half to even.
pub fn round_float(f: f64, n: i64) -> f64 {
    if !f.is_finite() || n > 300 {
        return f;
    }
    if n >= 0 {
        // Rust's `{:.n}` is correctly rounded (half to even on the exact binary value), as
        // CPython's `_Py_dg_dtoa` mode 3 is.
        format!("{f:.prec$}", prec = n as usize)
            .parse()
            .unwrap_or(f)
    } else {
        let p = 10f64.powi((-n) as i32);
        let y = f / p;
        let r = y.round_ties_even();
        r * p
    }
}

fn min_max(interp: &Interp, name: &str, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
    let items = if args.len() == 1 {
        interp.iterate(&args[0])?
    } else {
        args
    };
    let key = kwarg(&kwargs, "key").filter(|k| !matches!(k, Obj::None));
    let mut best: Option<(Obj, Obj)> = None;
    for x in items {
        let k = match key {
            Some(f) => interp.call(f, vec![x.clone()], Vec::new())?,
            None => x.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                let kind = if name == "min" {
                    crate::obj::CmpKind::Lt
                } else {
                    crate::obj::CmpKind::Gt
                };
                k.compare(kind, bk)?
            }
        };
        if better {
            best = Some((k, x));
        }
    }
    match best {
        Some((_, x)) => Ok(x),
        None => kwarg(&kwargs, "default")
            .cloned()
            .ok_or_else(|| Exc::new("ValueError", format!("{name}() arg is an empty sequence"))),
    }
}

/// Python's stable sort, with `key` and `reverse`.
pub fn sort(
    interp: &Interp,
    items: Vec<Obj>,
    key: Option<&Obj>,
    reverse: bool,
) -> Result<Vec<Obj>, Exc> {
    let key = key.filter(|k| !matches!(k, Obj::None));
    let mut keyed: Vec<(Obj, Obj)> = Vec::with_capacity(items.len());
    for x in items {
        let k = match key {
            Some(f) => interp.call(f, vec![x.clone()], Vec::new())?,
            None => x.clone(),
        };
        keyed.push((k, x));
    }
    let mut err = None;
    // Python's reverse sort keeps equal items in their original order.
    keyed.sort_by(|a, b| {
        let (x, y) = if reverse { (&b.0, &a.0) } else { (&a.0, &b.0) };
        match x.py_cmp(y) {
            Ok(Some(o)) => o,
            Ok(None) => std::cmp::Ordering::Equal,
            Err(()) => {
                if err.is_none() {
                    err = Some(Exc::type_error(format!(
                        "'<' not supported between instances of '{}' and '{}'",
                        x.type_name(),
                        y.type_name()
                    )));
                }
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    check_size(keyed.len() as i64)?;
    Ok(keyed.into_iter().map(|(_, x)| x).collect())
}

fn is_instance(v: &Obj, class: &Obj) -> bool {
    match class {
        Obj::Builtin(t) => match *t {
            "int" => matches!(v, Obj::Int(_) | Obj::Bool(_)),
            // `numpy.float64` subclasses `float`.
            "float" => matches!(v, Obj::Float(_) | Obj::Data(eddy_core::Value::NpFloat(_))),
            "str" => matches!(v, Obj::Str(_)),
            "bool" => matches!(v, Obj::Bool(_)),
            "list" => matches!(v, Obj::List(_)),
            "tuple" => matches!(v, Obj::Tuple(_)),
            "dict" => matches!(v, Obj::Dict(_)),
            "set" | "frozenset" => matches!(v, Obj::Set(_)),
            "object" => true,
            other => {
                v.type_name() == other || v.type_name() == other.rsplit('.').next().unwrap_or(other)
            }
        },
        Obj::ExcType(t) => matches!(v, Obj::Exception(e) if e.is_instance(t)),
        _ => false,
    }
}

fn type_of(v: &Obj) -> Obj {
    match v {
        Obj::Int(_) => Obj::Builtin("int"),
        Obj::Float(_) => Obj::Builtin("float"),
        Obj::Str(_) => Obj::Builtin("str"),
        Obj::Bool(_) => Obj::Builtin("bool"),
        Obj::List(_) => Obj::Builtin("list"),
        Obj::Tuple(_) => Obj::Builtin("tuple"),
        Obj::Dict(_) => Obj::Builtin("dict"),
        Obj::Set(_) => Obj::Builtin("set"),
        Obj::Range(..) => Obj::Builtin("range"),
        Obj::Exception(e) => Obj::ExcType(e.kind.clone()),
        Obj::Data(eddy_core::Value::DateTime(_)) => Obj::Builtin("datetime.datetime"),
        Obj::Native(n) if n.as_any().is::<super::TimeDelta>() => Obj::Builtin("datetime.timedelta"),
        Obj::Native(n) if n.as_any().is::<super::Random>() => Obj::Builtin("random.Random"),
        other => Obj::str(format!("<class '{}'>", other.type_name())),
    }
}

/// `iter(x)`: an iterator over a snapshot of the items.
struct ListIter {
    items: Vec<Obj>,
    pos: Cell<usize>,
}

impl Native for ListIter {
    fn type_name(&self) -> &'static str {
        "iterator"
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(name, "__next__" | "__iter__")
    }
    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        let p = self.pos.get();
        match name {
            "__iter__" => {
                self.pos.set(self.items.len());
                Ok(Obj::list(self.items[p..].to_vec()))
            }
            _ => match self.items.get(p) {
                Some(x) => {
                    self.pos.set(p + 1);
                    Ok(x.clone())
                }
                None => Err(Exc::new("StopIteration", "")),
            },
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A file opened for writing: every write goes to the program's virtual file system at once
/// (a `textFileStream` sees the file in the next batch).
struct WriteFile {
    path: String,
    text: RefCell<String>,
}

impl Native for WriteFile {
    fn type_name(&self) -> &'static str {
        "TextIOWrapper"
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "write" | "writelines" | "close" | "flush" | "__enter__" | "__exit__"
        )
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        let written = match name {
            "write" => {
                let s = arg(&args, 0, name)?.to_str();
                self.text.borrow_mut().push_str(&s);
                Obj::Int(s.chars().count() as i64)
            }
            "writelines" => {
                for line in interp.iterate(arg(&args, 0, name)?)? {
                    self.text.borrow_mut().push_str(&line.to_str());
                }
                Obj::None
            }
            _ => return Ok(Obj::None),
        };
        interp
            .spark
            .write_file(&self.path, self.text.borrow().as_bytes());
        Ok(written)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A file opened for reading.
struct File {
    text: String,
    read: Cell<bool>,
}

impl File {
    fn lines(&self) -> Vec<Obj> {
        self.text.split_inclusive('\n').map(Obj::str).collect()
    }
}

impl Native for File {
    fn type_name(&self) -> &'static str {
        "TextIOWrapper"
    }
    fn has_method(&self, name: &str) -> bool {
        matches!(
            name,
            "read" | "readlines" | "readline" | "close" | "__iter__" | "__enter__" | "__exit__"
        )
    }
    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        name: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        if self.read.get() && name != "close" {
            return Ok(match name {
                "read" | "readline" => Obj::str(""),
                _ => Obj::list(Vec::new()),
            });
        }
        Ok(match name {
            "read" => {
                self.read.set(true);
                Obj::str(self.text.as_str())
            }
            "readline" => Obj::str(self.text.split_inclusive('\n').next().unwrap_or("")),
            "readlines" | "__iter__" => {
                self.read.set(true);
                Obj::list(self.lines())
            }
            _ => Obj::None,
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

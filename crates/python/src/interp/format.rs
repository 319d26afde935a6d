//! `format()`, f-string format specs and `%`-formatting, as Python formats.

use super::Exc;
use crate::obj::Obj;

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default)]
struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> Result<Spec, Exc> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec {
        fill: ' ',
        ..Spec::default()
    };
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = chars[0];
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = number(&chars[start..i])?;
        // CPython builds the padding whatever its size; Eddy stops at its size limit.
        super::check_size(i64::try_from(s.width).unwrap_or(i64::MAX))?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(if i > start {
            number(&chars[start..i])?
        } else {
            0
        });
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    if i != chars.len() {
        return Err(Exc::new("ValueError", "Invalid format specifier"));
    }
    Ok(s)
}

/// A width or precision: CPython's `ValueError` when it does not fit in a machine word.
fn number(digits: &[char]) -> Result<usize, Exc> {
    digits
        .iter()
        .collect::<String>()
        .parse()
        .map_err(|_| Exc::new("ValueError", "Too many decimal digits in format string"))
}

fn group(digits: &str, sep: char) -> String {
    let (int, rest) = match digits.find(|c: char| !c.is_ascii_digit()) {
        Some(p) => digits.split_at(p),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + rest
}

/// Python's `%e`-style exponent: at least two digits, with a sign.
fn exp_form(f: f64, precision: usize, upper: bool) -> String {
    let s = format!("{f:.precision$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    format!(
        "{mantissa}{e}{}{:02}",
        if exp < 0 { '-' } else { '+' },
        exp.abs()
    )
}

/// Python's `g` format.
fn general(f: f64, precision: usize, upper: bool, keep_point: bool) -> String {
    let p = precision.max(1);
    if f == 0.0 {
        return if keep_point { "0.0".into() } else { "0".into() };
    }
    let exp = format!("{f:.prec$e}", prec = p - 1)
        .split_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(0);
    let s = if exp >= -4 && exp < p as i32 {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{f:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        let s = exp_form(f, p - 1, upper);
        let (m, e) = s.split_once(['e', 'E']).unwrap_or((&s, ""));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}{}{e}", if upper { 'E' } else { 'e' })
    };
    s
}

fn float_text(f: f64, spec: &Spec) -> Result<String, Exc> {
    if f.is_nan() {
        return Ok("nan".into());
    }
    if f.is_infinite() {
        return Ok(if f > 0.0 { "inf".into() } else { "-inf".into() });
    }
    if let Some(p) = spec.precision {
        if p > i32::MAX as usize {
            return Err(Exc::new("ValueError", "precision too big"));
        }
        // CPython writes all the digits asked for; Eddy stops at its size limit.
        super::check_size(p as i64)?;
    }
    Ok(match spec.kind {
        Some('f') | Some('F') => format!("{f:.p$}", p = spec.precision.unwrap_or(6)),
        Some('e') | Some('E') => exp_form(f, spec.precision.unwrap_or(6), spec.kind == Some('E')),
        Some('g') | Some('G') => general(
            f,
            spec.precision.unwrap_or(6),
            spec.kind == Some('G'),
            false,
        ),
        Some('%') => format!("{:.p$}%", f * 100.0, p = spec.precision.unwrap_or(6)),
        None => match spec.precision {
            Some(p) => general(f, p, false, true),
            None => eddy_core::value::float_repr(f),
        },
        Some(k) => {
            return Err(Exc::new(
                "ValueError",
                format!("Unknown format code '{k}' for object of type 'float'"),
            ))
        }
    })
}

/// Pads `prefix` + `body` (after the sign) to the spec's width.
fn pad(body: String, negative: bool, spec: &Spec, numeric: bool, prefix: &str) -> String {
    let sign = if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') if numeric => "+",
            Some(' ') if numeric => " ",
            _ => "",
        }
    };
    let sign = &format!("{sign}{prefix}");
    let len = sign.chars().count() + body.chars().count();
    if len >= spec.width {
        return format!("{sign}{body}");
    }
    let n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() && numeric {
        ('0', '=')
    } else {
        (
            spec.fill,
            spec.align.unwrap_or(if numeric { '>' } else { '<' }),
        )
    };
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => format!("{sign}{body}{}", fills(n)),
        '^' => format!("{}{sign}{body}{}", fills(n / 2), fills(n - n / 2)),
        '=' => format!("{sign}{}{body}", fills(n)),
        _ => format!("{}{sign}{body}", fills(n)),
    }
}

/// `format(value, spec)`.
pub fn format_spec(v: &Obj, spec: &str) -> Result<String, Exc> {
    if spec.is_empty() {
        return Ok(v.to_str());
    }
    if let Obj::Data(eddy_core::Value::NpFloat(f)) = v {
        // `numpy.float64.__format__` is `float.__format__`.
        return format_spec(&Obj::Float(*f), spec);
    }
    if let Obj::Data(eddy_core::Value::DateTime(t)) = v {
        // `datetime.__format__` is `strftime`.
        return Ok(crate::builtins::strftime(t, spec));
    }
    let s = parse_spec(spec)?;
    match v {
        Obj::Int(_) | Obj::Bool(_)
            if !matches!(s.kind, Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) =>
        {
            let i = match v {
                Obj::Int(i) => *i,
                Obj::Bool(b) => *b as i64,
                _ => 0,
            };
            let digits = match s.kind {
                Some('x') => format!("{:x}", i.unsigned_abs()),
                Some('X') => format!("{:X}", i.unsigned_abs()),
                Some('o') => format!("{:o}", i.unsigned_abs()),
                Some('b') => format!("{:b}", i.unsigned_abs()),
                Some('d') | Some('n') | None => i.unsigned_abs().to_string(),
                Some('c') => char::from_u32(i as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                Some(k) => {
                    return Err(Exc::new(
                        "ValueError",
                        format!("Unknown format code '{k}' for object of type 'int'"),
                    ))
                }
            };
            let digits = match s.grouping {
                Some(g) => group(&digits, g),
                None => digits,
            };
            let prefix = match s.kind {
                Some(k @ ('x' | 'X' | 'o' | 'b')) if s.alternate => format!("0{k}"),
                _ => String::new(),
            };
            Ok(pad(digits, i < 0, &s, true, &prefix))
        }
        Obj::Int(_) | Obj::Bool(_) | Obj::Float(_) => {
            let f = match v {
                Obj::Int(i) => *i as f64,
                Obj::Bool(b) => *b as i64 as f64,
                Obj::Float(f) => *f,
                _ => 0.0,
            };
            let text = float_text(f.abs(), &s)?;
            let text = match s.grouping {
                Some(g) => group(&text, g),
                None => text,
            };
            Ok(pad(text, f.is_sign_negative() && !f.is_nan(), &s, true, ""))
        }
        other => {
            if let Some(k) = s.kind.filter(|k| *k != 's') {
                return Err(Exc::new(
                    "ValueError",
                    format!(
                        "Unknown format code '{k}' for object of type '{}'",
                        other.type_name()
                    ),
                ));
            }
            let mut text = other.to_str();
            if let Some(p) = s.precision {
                text = text.chars().take(p).collect();
            }
            Ok(pad(text, false, &s, false, ""))
        }
    }
}

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: &Obj) -> Result<Obj, Exc> {
    let (items, mapping) = match args {
        Obj::Tuple(t) => (t.to_vec(), None),
        Obj::Dict(_) => (Vec::new(), Some(args.clone())),
        one => (vec![one.clone()], None),
    };
    let mut next = items.into_iter();
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            let mut k = String::new();
            for c in chars.by_ref() {
                if c == ')' {
                    break;
                }
                k.push(c);
            }
            key = Some(k);
        }
        let mut flags = String::new();
        while let Some(&c) = chars.peek() {
            if matches!(c, '-' | '+' | ' ' | '0' | '#') {
                flags.push(c);
                chars.next();
            } else {
                break;
            }
        }
        let mut width = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_digit() {
                width.push(c);
                chars.next();
            } else {
                break;
            }
        }
        let mut precision = None;
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_digit() {
                    p.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            precision = Some(p);
        }
        let Some(conv) = chars.next() else {
            return Err(Exc::new("ValueError", "incomplete format"));
        };
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = match (&key, &mapping) {
            (Some(k), Some(Obj::Dict(d))) => d
                .borrow()
                .get(&Obj::str(k.as_str()).key()?)
                .cloned()
                .ok_or_else(|| Exc::new("KeyError", Obj::str(k.as_str()).repr()))?,
            _ => next
                .next()
                .ok_or_else(|| Exc::type_error("not enough arguments for format string"))?,
        };
        let align = if flags.contains('-') { "<" } else { "" };
        // `%s` right-aligns strings too, unless the `-` flag is given.
        let text_align = if flags.contains('-') { "<" } else { ">" };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let prec = precision
            .map(|p| format!(".{}", if p.is_empty() { "0" } else { &p }))
            .unwrap_or_default();
        let text = match conv {
            's' => format_spec(
                &Obj::str(arg.to_str()),
                &format!("{text_align}{width}{prec}"),
            )?,
            'r' => format_spec(&Obj::str(arg.repr()), &format!("{text_align}{width}{prec}"))?,
            'd' | 'i' | 'u' => {
                let i = match arg {
                    Obj::Float(f) => Obj::Int(f.trunc() as i64),
                    Obj::Int(_) | Obj::Bool(_) => arg,
                    other => {
                        return Err(Exc::type_error(format!(
                            "%d format: a real number is required, not {}",
                            other.type_name()
                        )))
                    }
                };
                format_spec(&i, &format!("{align}{sign}{zero}{width}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let f = match arg {
                    Obj::Int(i) => Obj::Float(i as f64),
                    Obj::Bool(b) => Obj::Float(b as i64 as f64),
                    Obj::Float(_) => arg,
                    Obj::Data(eddy_core::Value::NpFloat(f)) => Obj::Float(f),
                    other => {
                        return Err(Exc::type_error(format!(
                            "must be real number, not {}",
                            other.type_name()
                        )))
                    }
                };
                let prec = if prec.is_empty() {
                    ".6".to_string()
                } else {
                    prec
                };
                format_spec(&f, &format!("{align}{sign}{zero}{width}{prec}{conv}"))?
            }
            'x' | 'X' | 'o' => format_spec(&arg, &format!("{align}{sign}{zero}{width}{conv}"))?,
            'c' => arg.to_str(),
            other => {
                return Err(Exc::new(
                    "ValueError",
                    format!("unsupported format character '{other}'"),
                ))
            }
        };
        out.push_str(&text);
    }
    if next.next().is_some() {
        return Err(Exc::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(Obj::str(out))
}

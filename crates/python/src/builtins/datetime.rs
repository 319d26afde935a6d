//! `datetime`: the `datetime` class (construction, `strptime`, `strftime`, attributes,
//! `timestamp`, `fromtimestamp`, `now`, arithmetic and comparisons) and `timedelta`, as CPython
//! 3.11 on Linux has them.
//!
//! A datetime is the core's naive [`DateTime`] (`Obj::Data(Value::DateTime(..))`), so it crosses
//! into records and prints as CPython prints it. A `timedelta` is a [`TimeDelta`] native object:
//! it can be computed with and printed, but not put in a record (the engine has no value for it).
//!
//! `strptime` follows `Lib/_strptime.py`: the format becomes the same regular expression (each
//! directive's alternatives in the same order, whitespace matching any run of whitespace, letters
//! matched without regard to case), matched with backtracking from the start of the text, with
//! the same messages for text that does not match or has something left over. `strftime` is
//! glibc's in the C locale (`%Y` unpadded below year 1000, the `-`, `_`, `0`, `^`, `#` flags and
//! widths), with `%f`, `%z` and `%Z` as CPython fills them in for a naive datetime.
//!
//! Deliberate differences: the local time zone is UTC (`timestamp`, `fromtimestamp`, `%s`), as
//! CPython computes on a machine whose `TZ` is UTC; `datetime.now()`, `today()` and `utcnow()`
//! read the program's virtual clock (the one `time.time()` reads, which starts at the epoch),
//! never the machine's, so that runs are reproducible; time-zone-aware datetimes (`tzinfo`,
//! `%z`) and `date`/`time` objects are not supported.

use std::cmp::Ordering;
use std::rc::Rc;

use eddy_core::value::DateTime;
use eddy_core::Value;

use super::arg_or_kw;
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{BinOp, Native, Obj};

const MICROS_PER_SECOND: i128 = 1_000_000;
const MICROS_PER_DAY: i128 = 86_400 * MICROS_PER_SECOND;
/// `timedelta.max.days`.
const MAX_DAYS: i128 = 999_999_999;
/// Days from 0001-01-01 (ordinal 1) to 1970-01-01.
const EPOCH_ORDINAL: i64 = 719_163;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The class methods of `datetime.datetime`, by qualified name.
const CLASS_METHODS: &[&str] = &[
    "datetime.datetime.strptime",
    "datetime.datetime.fromtimestamp",
    "datetime.datetime.utcfromtimestamp",
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "datetime.datetime.today",
    "datetime.datetime.fromisoformat",
];

/// The methods of a datetime value.
const METHODS: &[&str] = &[
    "strftime",
    "timestamp",
    "isoformat",
    "replace",
    "weekday",
    "isoweekday",
    "ctime",
    "toordinal",
    "date",
    "time",
    "__format__",
];

/// The names of `datetime`.
pub fn names() -> Vec<(&'static str, Obj)> {
    vec![
        ("datetime", Obj::Builtin("datetime.datetime")),
        ("timedelta", Obj::Builtin("datetime.timedelta")),
        ("MINYEAR", Obj::Int(1)),
        ("MAXYEAR", Obj::Int(9999)),
    ]
}

/// A class attribute: `datetime.strptime` (the class is `Obj::Builtin("datetime.datetime")`).
pub fn class_attr(class: &str, name: &str) -> Option<Obj> {
    match class {
        "datetime.datetime" => {
            if let Some(q) = CLASS_METHODS
                .iter()
                .find(|q| q.rsplit('.').next() == Some(name))
            {
                return Some(Obj::Builtin(q));
            }
            let (y, mo, d, h, mi, s, us) = match name {
                "min" => (1, 1, 1, 0, 0, 0, 0),
                "max" => (9999, 12, 31, 23, 59, 59, 999_999),
                _ => return None,
            };
            DateTime::new(y, mo, d, h, mi, s, us).ok().map(dt_obj)
        }
        "datetime.timedelta" => match name {
            "min" => Some(td_obj(-MAX_DAYS * MICROS_PER_DAY)),
            "max" => Some(td_obj((MAX_DAYS + 1) * MICROS_PER_DAY - 1)),
            "resolution" => Some(td_obj(1)),
            _ => None,
        },
        _ => None,
    }
}

fn dt_obj(t: DateTime) -> Obj {
    Obj::Data(Value::DateTime(t))
}

fn td_obj(micros: i128) -> Obj {
    Obj::Native(Rc::new(TimeDelta { micros }))
}

fn dt_of(o: &Obj) -> Option<DateTime> {
    match o {
        Obj::Data(Value::DateTime(t)) => Some(*t),
        _ => None,
    }
}

fn td_of(o: &Obj) -> Option<i128> {
    match o {
        Obj::Native(n) => n.as_any().downcast_ref::<TimeDelta>().map(|t| t.micros),
        _ => None,
    }
}

/// An int argument of the constructor (`'float' object cannot be interpreted as an integer`).
fn int_arg(o: &Obj) -> Result<i64, Exc> {
    match o {
        Obj::Int(i) => Ok(*i),
        Obj::Bool(b) => Ok(i64::from(*b)),
        other => Err(Exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn overflow() -> Exc {
    Exc::new("OverflowError", "date value out of range")
}

/// Calls `datetime.<func>`: the classes and the class methods.
pub fn call(interp: &Interp, func: &str, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
    match func {
        "datetime" => construct(&args, &kwargs),
        "timedelta" => timedelta_new(&args, &kwargs),
        "datetime.strptime" => {
            let text = str_arg(&args, 0)?;
            let format = str_arg(&args, 1)?;
            strptime(text, format).map(dt_obj)
        }
        "datetime.fromtimestamp" | "datetime.utcfromtimestamp" => {
            if arg_or_kw(&args, &kwargs, 1, "tz").is_some_and(|t| !matches!(t, Obj::None)) {
                return Err(aware());
            }
            let t = arg_or_kw(&args, &kwargs, 0, "timestamp").ok_or_else(|| {
                Exc::type_error("fromtimestamp() missing required argument 'timestamp' (pos 1)")
            })?;
            from_timestamp(t).map(dt_obj)
        }
        "datetime.now" | "datetime.utcnow" | "datetime.today" => {
            if arg_or_kw(&args, &kwargs, 0, "tz").is_some_and(|t| !matches!(t, Obj::None)) {
                return Err(aware());
            }
            from_timestamp(&Obj::Float(interp.spark.virtual_time())).map(dt_obj)
        }
        "datetime.fromisoformat" => {
            let s = str_arg(&args, 0)?;
            from_isoformat(s).map(dt_obj)
        }
        _ => Err(Exc::new(
            "NotImplementedError",
            format!("Eddy does not support datetime.{func} yet"),
        )),
    }
}

fn aware() -> Exc {
    Exc::new(
        "NotImplementedError",
        "Eddy's datetimes are naive: time zones (tzinfo, tz=, %z) are not supported",
    )
}

fn str_arg(args: &[Obj], i: usize) -> Result<&str, Exc> {
    match args.get(i) {
        Some(Obj::Str(s)) => Ok(s),
        Some(other) => Err(Exc::type_error(format!(
            "strptime() argument {} must be str, not {}",
            i + 1,
            other.type_name()
        ))),
        None => Err(Exc::type_error(format!(
            "strptime() takes exactly 2 arguments ({} given)",
            args.len()
        ))),
    }
}

/// `datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)`.
fn construct(args: &[Obj], kwargs: &Kwargs) -> Result<Obj, Exc> {
    const FIELDS: [&str; 7] = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
    ];
    if args.len() > 8 {
        return Err(Exc::type_error(format!(
            "function takes at most 8 arguments ({} given)",
            args.len()
        )));
    }
    for (k, _) in kwargs {
        if !FIELDS.contains(&k.as_str()) && k.as_str() != "tzinfo" && k.as_str() != "fold" {
            return Err(Exc::type_error(format!(
                "'{k}' is an invalid keyword argument for this function"
            )));
        }
    }
    if arg_or_kw(args, kwargs, 7, "tzinfo").is_some_and(|t| !matches!(t, Obj::None)) {
        return Err(aware());
    }
    let mut v = [0i64; 7];
    for (i, name) in FIELDS.iter().enumerate() {
        match arg_or_kw(args, kwargs, i, name) {
            Some(o) => v[i] = int_arg(o)?,
            None if i < 3 => {
                return Err(Exc::type_error(format!(
                    "function missing required argument '{name}' (pos {})",
                    i + 1
                )))
            }
            None => {}
        }
    }
    Ok(dt_obj(DateTime::new(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6],
    )?))
}

/// `datetime.fromtimestamp(t)` in UTC, with CPython's round-half-even of the microseconds.
fn from_timestamp(t: &Obj) -> Result<DateTime, Exc> {
    let (secs, us) = match t {
        Obj::Int(i) => (i128::from(*i), 0i128),
        Obj::Bool(b) => (i128::from(*b), 0),
        Obj::Float(f) => {
            if f.is_nan() {
                return Err(Exc::new("ValueError", "Invalid value NaN (not a number)"));
            }
            let int = f.trunc();
            let mut frac = ((f - int) * 1e6).round_ties_even();
            let mut int = int;
            if frac >= 1e6 {
                frac -= 1e6;
                int += 1.0;
            } else if frac < 0.0 {
                frac += 1e6;
                int -= 1.0;
            }
            if !(-1e15..=1e15).contains(&int) {
                return Err(Exc::new(
                    "OverflowError",
                    "timestamp out of range for platform time_t",
                ));
            }
            (int as i128, frac as i128)
        }
        other => {
            return Err(Exc::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let micros = secs * MICROS_PER_SECOND + us;
    i64::try_from(micros)
        .ok()
        .and_then(|m| DateTime::from_unix_micros(m).ok())
        .ok_or_else(|| {
            Exc::new(
                "ValueError",
                format!(
                    "year {} is out of range",
                    1970 + secs.div_euclid(31_556_952)
                ),
            )
        })
}

/// `datetime.fromisoformat(s)`: `YYYY-MM-DD[*HH[:MM[:SS[.fff[fff]]]]]`.
fn from_isoformat(s: &str) -> Result<DateTime, Exc> {
    let bad = || {
        Exc::new(
            "ValueError",
            format!("Invalid isoformat string: {}", Obj::str(s).repr()),
        )
    };
    let num = |t: &str| -> Result<i64, Exc> {
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        t.parse().map_err(|_| bad())
    };
    if !s.is_ascii() || s.len() < 10 {
        return Err(bad());
    }
    let (date, rest) = s.split_at(10);
    let d: Vec<&str> = date.split('-').collect();
    if d.len() != 3 || d[0].len() != 4 || d[1].len() != 2 || d[2].len() != 2 {
        return Err(bad());
    }
    let (y, mo, da) = (num(d[0])?, num(d[1])?, num(d[2])?);
    let mut t = [0i64; 4];
    if !rest.is_empty() {
        let time = &rest[1..];
        let (hms, frac) = match time.split_once(['.', ',']) {
            Some((a, b)) => (a, Some(b)),
            None => (time, None),
        };
        let parts: Vec<&str> = hms.split(':').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
            return Err(bad());
        }
        for (slot, p) in t.iter_mut().zip(&parts) {
            *slot = num(p)?;
        }
        if let Some(f) = frac {
            if parts.len() != 3 || !(f.len() == 3 || f.len() == 6) {
                return Err(bad());
            }
            t[3] = num(f)? * if f.len() == 3 { 1000 } else { 1 };
        }
    }
    Ok(DateTime::new(y, mo, da, t[0], t[1], t[2], t[3])?)
}

/// Whether a datetime value has method `name`.
pub fn has_method(obj: &Obj, name: &str) -> bool {
    dt_of(obj).is_some() && METHODS.contains(&name)
}

/// A datetime value's attribute.
pub fn attr(obj: &Obj, name: &str) -> Option<Obj> {
    let t = dt_of(obj)?;
    Some(match name {
        "year" => Obj::Int(t.year()),
        "month" => Obj::Int(t.month()),
        "day" => Obj::Int(t.day()),
        "hour" => Obj::Int(t.hour()),
        "minute" => Obj::Int(t.minute()),
        "second" => Obj::Int(t.second()),
        "microsecond" => Obj::Int(t.microsecond()),
        "tzinfo" => Obj::None,
        "fold" => Obj::Int(0),
        _ => return None,
    })
}

/// Days since 1970-01-01.
fn epoch_days(t: &DateTime) -> i64 {
    t.unix_micros().div_euclid(86_400_000_000)
}

/// Monday is 0.
fn weekday(t: &DateTime) -> i64 {
    (epoch_days(t) + 3).rem_euclid(7)
}

/// Day of the year, from 1.
fn yday(t: &DateTime) -> i64 {
    let jan1 = DateTime::new(t.year(), 1, 1, 0, 0, 0, 0).map_or(0, |j| epoch_days(&j));
    epoch_days(t) - jan1 + 1
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// The ISO year and week (`%G`, `%V`).
fn iso_week(t: &DateTime) -> (i64, i64) {
    let p = |y: i64| (y + y / 4 - y / 100 + y / 400).rem_euclid(7);
    let weeks = |y: i64| 52 + i64::from(p(y) == 4 || p(y - 1) == 3);
    let y = t.year();
    let w = (yday(t) - (weekday(t) + 1) + 10).div_euclid(7);
    if w < 1 {
        (y - 1, weeks(y - 1))
    } else if w > weeks(y) {
        (y + 1, 1)
    } else {
        (y, w)
    }
}

/// Calls a datetime value's method.
pub fn method(
    _interp: &Interp,
    obj: &Obj,
    name: &str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let Some(t) = dt_of(obj) else {
        return Err(Exc::new(
            "AttributeError",
            format!("'{}' object has no attribute '{name}'", obj.type_name()),
        ));
    };
    Ok(match name {
        "strftime" | "__format__" => match arg_or_kw(&args, &kwargs, 0, "format") {
            Some(Obj::Str(f)) => Obj::str(strftime(&t, f)),
            Some(other) => {
                return Err(Exc::type_error(format!(
                    "strftime() argument 1 must be str, not {}",
                    other.type_name()
                )))
            }
            None => {
                return Err(Exc::type_error(
                    "strftime() missing required argument 'format' (pos 1)",
                ))
            }
        },
        "timestamp" => {
            let secs = t.unix_micros().div_euclid(1_000_000);
            Obj::Float(secs as f64 + t.microsecond() as f64 / 1e6)
        }
        "isoformat" => {
            let sep = match arg_or_kw(&args, &kwargs, 0, "sep") {
                Some(Obj::Str(s)) if s.chars().count() == 1 => s.to_string(),
                Some(_) => {
                    return Err(Exc::type_error(
                        "isoformat() argument 1 must be a unicode character",
                    ))
                }
                None => "T".into(),
            };
            let spec = arg_or_kw(&args, &kwargs, 1, "timespec").map_or("auto".into(), Obj::to_str);
            let date = format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day());
            let (h, m, s, us) = (t.hour(), t.minute(), t.second(), t.microsecond());
            let time = match spec.as_str() {
                "auto" if us == 0 => format!("{h:02}:{m:02}:{s:02}"),
                "auto" | "microseconds" => format!("{h:02}:{m:02}:{s:02}.{us:06}"),
                "hours" => format!("{h:02}"),
                "minutes" => format!("{h:02}:{m:02}"),
                "seconds" => format!("{h:02}:{m:02}:{s:02}"),
                "milliseconds" => format!("{h:02}:{m:02}:{s:02}.{:03}", us / 1000),
                _ => return Err(Exc::new("ValueError", "Unknown timespec value")),
            };
            Obj::str(format!("{date}{sep}{time}"))
        }
        "replace" => {
            const FIELDS: [&str; 7] = [
                "year",
                "month",
                "day",
                "hour",
                "minute",
                "second",
                "microsecond",
            ];
            let mut v = [
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
                t.microsecond(),
            ];
            for (k, _) in &kwargs {
                if !FIELDS.contains(&k.as_str()) {
                    return Err(Exc::type_error(format!(
                        "'{k}' is an invalid keyword argument for replace()"
                    )));
                }
            }
            for (i, name) in FIELDS.iter().enumerate() {
                if let Some(o) = arg_or_kw(&args, &kwargs, i, name) {
                    v[i] = int_arg(o)?;
                }
            }
            dt_obj(DateTime::new(v[0], v[1], v[2], v[3], v[4], v[5], v[6])?)
        }
        "weekday" => Obj::Int(weekday(&t)),
        "isoweekday" => Obj::Int(weekday(&t) + 1),
        "toordinal" => Obj::Int(epoch_days(&t) + EPOCH_ORDINAL),
        "ctime" => Obj::str(format!(
            "{} {} {:2} {:02}:{:02}:{:02} {:04}",
            &WEEKDAYS[weekday(&t) as usize][..3],
            &MONTHS[t.month() as usize - 1][..3],
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.year()
        )),
        _ => {
            return Err(Exc::new(
                "NotImplementedError",
                format!(
                    "Eddy does not support datetime.{name}() (it has datetime and timedelta, not \
                     date or time objects)"
                ),
            ))
        }
    })
}

// ---------------------------------------------------------------------------------------------
// strftime

/// `dt.strftime(format)` as CPython on glibc in the C locale formats a naive datetime.
pub fn strftime(t: &DateTime, format: &str) -> String {
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut flag = None;
        while i < chars.len() && matches!(chars[i], '-' | '_' | '0' | '^' | '#') {
            flag = Some(chars[i]);
            i += 1;
        }
        let mut width = None;
        while i < chars.len() && chars[i].is_ascii_digit() {
            width = Some(width.unwrap_or(0) * 10 + chars[i].to_digit(10).unwrap_or(0) as usize);
            i += 1;
        }
        while i < chars.len() && matches!(chars[i], 'E' | 'O') {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        match directive(t, conv) {
            Some(Field::Num(n, default_width, pad)) => {
                let s = n.unsigned_abs().to_string();
                let w = width.unwrap_or(default_width);
                let pad = match flag {
                    Some('-') => None,
                    Some('_') => Some(' '),
                    Some('0') => Some('0'),
                    _ if width.is_some() && pad == ' ' && conv != 'e' => Some('0'),
                    _ => Some(pad),
                };
                if n < 0 {
                    out.push('-');
                }
                if let Some(p) = pad {
                    for _ in s.len() + usize::from(n < 0)..w {
                        out.push(p);
                    }
                }
                out.push_str(&s);
            }
            Some(Field::Text(s, is_ampm)) => {
                let s = match flag {
                    Some('^') => s.to_uppercase(),
                    Some('#') if is_ampm => s.to_lowercase(),
                    Some('#') => s.to_uppercase(),
                    _ => s,
                };
                if let Some(w) = width {
                    let p = if flag == Some('0') { '0' } else { ' ' };
                    for _ in s.chars().count()..w {
                        out.push(p);
                    }
                }
                out.push_str(&s);
            }
            None => out.extend(&chars[start..i]),
        }
    }
    out
}

enum Field {
    /// A number, its default width and padding.
    Num(i64, usize, char),
    /// Text, and whether it is `%p` (which `#` lowercases).
    Text(String, bool),
}

fn directive(t: &DateTime, conv: char) -> Option<Field> {
    let num = |n: i64, w: usize| Some(Field::Num(n, w, '0'));
    let text = |s: String| Some(Field::Text(s, false));
    let h12 = match t.hour() % 12 {
        0 => 12,
        h => h,
    };
    let wd = weekday(t);
    match conv {
        'a' => text(WEEKDAYS[wd as usize][..3].into()),
        'A' => text(WEEKDAYS[wd as usize].into()),
        'b' | 'h' => text(MONTHS[t.month() as usize - 1][..3].into()),
        'B' => text(MONTHS[t.month() as usize - 1].into()),
        'c' => text(strftime(t, "%a %b %e %H:%M:%S %Y")),
        'C' => num(t.year() / 100, 1),
        'd' => num(t.day(), 2),
        'D' | 'x' => text(strftime(t, "%m/%d/%y")),
        'e' => Some(Field::Num(t.day(), 2, ' ')),
        'F' => text(strftime(t, "%Y-%m-%d")),
        'f' => text(format!("{:06}", t.microsecond())),
        'G' => num(iso_week(t).0, 1),
        'g' => num(iso_week(t).0 % 100, 2),
        'H' => num(t.hour(), 2),
        'I' => num(h12, 2),
        'j' => num(yday(t), 3),
        'k' => Some(Field::Num(t.hour(), 2, ' ')),
        'l' => Some(Field::Num(h12, 2, ' ')),
        'm' => num(t.month(), 2),
        'M' => num(t.minute(), 2),
        'n' => text("\n".into()),
        'p' => Some(Field::Text(
            if t.hour() < 12 { "AM" } else { "PM" }.into(),
            true,
        )),
        'P' => text(if t.hour() < 12 { "am" } else { "pm" }.into()),
        'r' => text(strftime(t, "%I:%M:%S %p")),
        'R' => text(strftime(t, "%H:%M")),
        's' => num(t.unix_micros().div_euclid(1_000_000), 1),
        'S' => num(t.second(), 2),
        't' => text("\t".into()),
        'T' | 'X' => text(strftime(t, "%H:%M:%S")),
        'u' => num(wd + 1, 1),
        'U' => num((yday(t) - 1 + 7 - (wd + 1) % 7) / 7, 2),
        'V' => num(iso_week(t).1, 2),
        'w' => num((wd + 1) % 7, 1),
        'W' => num((yday(t) - 1 + 7 - wd) / 7, 2),
        'y' => num(t.year() % 100, 2),
        'Y' => num(t.year(), 1),
        'z' | 'Z' => text(String::new()),
        '%' => text("%".into()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// strptime

/// One piece of the pattern a `strptime` format compiles to.
enum Tok {
    /// A character, matched without regard to case.
    Lit(char),
    /// `\s+`.
    Space,
    /// A directive: its letter and its alternatives, tried in order.
    Dir(char, Vec<String>),
}

/// `_strptime`'s regular expression for directive `d`, as alternatives of a small pattern
/// language: `D` is a digit, `[ab]` one of the characters, anything else itself.
fn alternatives(d: char) -> Option<Vec<String>> {
    let alts: Vec<String> = match d {
        'd' => split("3[01]|[12]D|0[1-9]|[1-9]| [1-9]"),
        'f' => (1..=6).rev().map(|n| "D".repeat(n)).collect(),
        'H' => split("2[0-3]|[01]D|D"),
        'I' => split("1[0-2]|0[1-9]|[1-9]"),
        'G' | 'Y' => split("DDDD"),
        'j' => split("36[0-6]|3[0-5]D|[12]DD|0[1-9]D|00[1-9]|[1-9]D|0[1-9]|[1-9]"),
        'm' => split("1[0-2]|0[1-9]|[1-9]"),
        'M' => split("[0-5]D|D"),
        'S' => split("6[01]|[0-5]D|D"),
        'U' | 'W' => split("5[0-3]|[0-4]D|D"),
        'w' => split("[0-6]"),
        'u' => split("[1-7]"),
        'V' => split("5[0-3]|0[1-9]|[1-4]D|D"),
        'y' => split("DD"),
        'A' => by_length(WEEKDAYS.iter().map(|s| s.to_string())),
        'a' => by_length(WEEKDAYS.iter().map(|s| s[..3].to_string())),
        'B' => by_length(MONTHS.iter().map(|s| s.to_string())),
        'b' => by_length(MONTHS.iter().map(|s| s[..3].to_string())),
        'p' => vec!["am".into(), "pm".into()],
        'Z' => vec!["utc".into(), "gmt".into()],
        _ => return None,
    };
    Some(alts)
}

fn split(p: &str) -> Vec<String> {
    p.split('|').map(String::from).collect()
}

/// Names longest first, as `TimeRE.__seqToRE` orders them; literal brackets cannot occur.
fn by_length(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = names.map(|s| s.to_lowercase()).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v
}

/// Compiles a `strptime` format (CPython's `TimeRE.pattern`), with its messages for bad ones.
fn compile(format: &str) -> Result<Vec<Tok>, Exc> {
    let mut toks = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            toks.push(Tok::Space);
            continue;
        }
        if c != '%' {
            toks.push(Tok::Lit(c));
            continue;
        }
        let Some(d) = chars.next() else {
            return Err(Exc::new(
                "ValueError",
                format!("stray % in format '{format}'"),
            ));
        };
        match d {
            '%' => toks.push(Tok::Lit('%')),
            'c' => toks.extend(compile("%a %b %d %H:%M:%S %Y")?),
            'x' => toks.extend(compile("%m/%d/%y")?),
            'X' => toks.extend(compile("%H:%M:%S")?),
            'z' => return Err(aware()),
            _ => match alternatives(d) {
                Some(alts) => toks.push(Tok::Dir(d, alts)),
                None => {
                    let shown = if d.is_whitespace() || d == '\\' {
                        '%'
                    } else {
                        d
                    };
                    return Err(Exc::new(
                        "ValueError",
                        format!("'{shown}' is a bad directive in format '{format}'"),
                    ));
                }
            },
        }
    }
    Ok(toks)
}

/// How many characters of `text` one alternative matches.
fn match_alt(alt: &str, text: &[char]) -> Option<usize> {
    let mut n = 0;
    let mut pat = alt.chars().peekable();
    while let Some(p) = pat.next() {
        let c = *text.get(n)?;
        let ok = match p {
            'D' => c.is_ascii_digit(),
            '[' => {
                let mut set = Vec::new();
                for q in pat.by_ref() {
                    if q == ']' {
                        break;
                    }
                    set.push(q);
                }
                let mut ok = false;
                let mut k = 0;
                while k < set.len() {
                    if k + 2 < set.len() && set[k + 1] == '-' {
                        ok |= set[k] <= c && c <= set[k + 2];
                        k += 3;
                    } else {
                        ok |= set[k] == c;
                        k += 1;
                    }
                }
                ok
            }
            p => lower_eq(p, c),
        };
        if !ok {
            return None;
        }
        n += 1;
    }
    Some(n)
}

fn lower_eq(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Matches `toks` against `text` from `pos`, backtracking as Python's `re` does; the first
/// match found wins. Fills `groups` with the directives' texts; returns where the match ended.
fn match_from(
    toks: &[Tok],
    text: &[char],
    pos: usize,
    groups: &mut Vec<(char, std::ops::Range<usize>)>,
) -> Option<usize> {
    let Some((tok, rest)) = toks.split_first() else {
        return Some(pos);
    };
    match tok {
        Tok::Lit(c) => {
            if text.get(pos).is_some_and(|t| lower_eq(*c, *t)) {
                match_from(rest, text, pos + 1, groups)
            } else {
                None
            }
        }
        Tok::Space => {
            let run = text[pos.min(text.len())..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .count();
            (1..=run)
                .rev()
                .find_map(|n| match_from(rest, text, pos + n, groups))
        }
        Tok::Dir(d, alts) => {
            for alt in alts {
                if let Some(n) = match_alt(alt, &text[pos.min(text.len())..]) {
                    groups.push((*d, pos..pos + n));
                    if let Some(end) = match_from(rest, text, pos + n, groups) {
                        return Some(end);
                    }
                    groups.pop();
                }
            }
            None
        }
    }
}

/// The text a directive matched.
struct Group<'a>(&'a [char]);

impl Group<'_> {
    /// Its number (`int(text)`): directives that match digits match at most a space and digits.
    fn int(&self) -> i64 {
        let mut n: i64 = 0;
        let mut any = false;
        for c in self.0.iter().skip_while(|c| c.is_whitespace()) {
            match c.to_digit(10) {
                Some(d) => {
                    n = n.saturating_mul(10).saturating_add(i64::from(d));
                    any = true;
                }
                None => return self.to_string().trim().parse().unwrap_or(0),
            }
        }
        if any {
            n
        } else {
            0
        }
    }
}

impl std::fmt::Display for Group<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0
            .iter()
            .try_for_each(|c| std::fmt::Write::write_char(f, *c))
    }
}

fn ordinal(y: i64, m: i64, d: i64) -> Result<i64, Exc> {
    Ok(epoch_days(&DateTime::new(y, m, d, 0, 0, 0, 0)?) + EPOCH_ORDINAL)
}

/// A format compiled once: programs call `strptime` with the same format for every record
/// (CPython keeps the compiled regular expressions in a cache too).
fn compiled(format: &str) -> Result<Rc<Vec<Tok>>, Exc> {
    thread_local! {
        static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<String, Rc<Vec<Tok>>>> =
            Default::default();
    }
    if let Some(toks) = CACHE.with(|c| c.borrow().get(format).cloned()) {
        return Ok(toks);
    }
    let toks = Rc::new(compile(format)?);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        // Bounded, as CPython's `_CACHE_MAX_SIZE`.
        if c.len() >= 100 {
            c.clear();
        }
        c.insert(format.to_string(), toks.clone());
    });
    Ok(toks)
}

/// The fast path of [`strptime`] for the formats records use (`%Y-%m-%d %H:%M:%S`): only
/// `%Y %m %d %H %M %S` and literal characters other than whitespace and `%`, each field in its
/// full width (4 digits for `%Y`, else 2) and in the range whose 2-digit alternative comes
/// first in `_strptime`'s pattern. Then the pattern's first match is this one, so the result
/// is the general path's; anything else (and every error) takes the general path.
fn strptime_fixed(text: &str, format: &str) -> Option<DateTime> {
    let (t, f) = (text.as_bytes(), format.bytes());
    let mut at = 0;
    let mut fields = [1900i64, 1, 1, 0, 0, 0];
    let mut years = false;
    let mut f = f.peekable();
    while let Some(c) = f.next() {
        if c.is_ascii_whitespace() {
            // `\s+`: here one whitespace character between non-whitespace ones.
            let next_is_space = f.peek().is_some_and(u8::is_ascii_whitespace);
            let one = t.get(at).is_some_and(u8::is_ascii_whitespace)
                && !t.get(at + 1).is_some_and(u8::is_ascii_whitespace);
            if next_is_space || !one {
                return None;
            }
            at += 1;
            continue;
        }
        if c != b'%' {
            if !c.is_ascii() || t.get(at) != Some(&c) {
                return None;
            }
            at += 1;
            continue;
        }
        let (slot, width, range) = match f.next()? {
            b'Y' => (0, 4, 0..=9999),
            b'm' => (1, 2, 1..=12),
            b'd' => (2, 2, 1..=31),
            b'H' => (3, 2, 0..=23),
            b'M' => (4, 2, 0..=59),
            b'S' => (5, 2, 0..=61),
            _ => return None,
        };
        let digits = t.get(at..at + width)?;
        let mut n = 0i64;
        for d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + i64::from(d - b'0');
        }
        if !range.contains(&n) {
            return None;
        }
        years |= slot == 0;
        fields[slot] = n;
        at += width;
    }
    if at != t.len() || !years {
        return None;
    }
    let [y, mo, d, h, mi, s] = fields;
    DateTime::new(y, mo, d, h, mi, s, 0).ok()
}

/// `datetime.strptime(text, format)`, as `Lib/_strptime.py` computes it.
pub fn strptime(text: &str, format: &str) -> Result<DateTime, Exc> {
    if let Some(t) = strptime_fixed(text, format) {
        return Ok(t);
    }
    let toks = compiled(format)?;
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::with_capacity(toks.len());
    let Some(end) = match_from(&toks, &chars, 0, &mut found) else {
        return Err(Exc::new(
            "ValueError",
            format!(
                "time data {} does not match format {}",
                Obj::str(text).repr(),
                Obj::str(format).repr()
            ),
        ));
    };
    if end != chars.len() {
        return Err(Exc::new(
            "ValueError",
            format!(
                "unconverted data remains: {}",
                chars[end..].iter().collect::<String>()
            ),
        ));
    }
    let groups: Vec<(char, Group<'_>)> = found
        .into_iter()
        .map(|(d, r)| (d, Group(&chars[r])))
        .collect();
    let get = |d: char| {
        groups
            .iter()
            .rev()
            .find(|(k, _)| *k == d)
            .map(|(_, v)| v.to_string())
    };
    let int = |g: &Group<'_>| g.int();
    let (mut year, mut iso_year) = (None, None);
    let (mut month, mut day) = (1, 1);
    let (mut hour, mut minute, mut second, mut fraction) = (0, 0, 0, 0);
    let (mut iso_week, mut week_of_year, mut week_starts_monday) = (None, None, false);
    let (mut weekday, mut julian) = (None, None);
    // In the order the groups appear in the format, as `found_dict` iterates.
    for (d, v) in &groups {
        let lower = || v.to_string().to_lowercase();
        match d {
            'y' => {
                let y = int(v);
                year = Some(if y <= 68 { y + 2000 } else { y + 1900 });
            }
            'Y' => year = Some(int(v)),
            'G' => iso_year = Some(int(v)),
            'm' => month = int(v),
            'B' => {
                month = MONTHS
                    .iter()
                    .position(|m| m.to_lowercase() == lower())
                    .map_or(1, |i| i as i64 + 1)
            }
            'b' => {
                month = MONTHS
                    .iter()
                    .position(|m| m[..3].to_lowercase() == lower())
                    .map_or(1, |i| i as i64 + 1)
            }
            'd' => day = int(v),
            'H' => hour = int(v),
            'I' => {
                hour = int(v);
                let ampm = get('p').unwrap_or_default().to_lowercase();
                if ampm.is_empty() || ampm == "am" {
                    if hour == 12 {
                        hour = 0;
                    }
                } else if ampm == "pm" && hour != 12 {
                    hour += 12;
                }
            }
            'M' => minute = int(v),
            'S' => second = int(v),
            'f' => fraction = format!("{:0<6}", v.to_string()).trim().parse().unwrap_or(0),
            'A' => {
                weekday = WEEKDAYS
                    .iter()
                    .position(|w| w.to_lowercase() == lower())
                    .map(|i| i as i64)
            }
            'a' => {
                weekday = WEEKDAYS
                    .iter()
                    .position(|w| w[..3].to_lowercase() == lower())
                    .map(|i| i as i64)
            }
            'w' => weekday = Some((int(v) + 6) % 7),
            'u' => weekday = Some(int(v) - 1),
            'j' => julian = Some(int(v)),
            'U' | 'W' => {
                week_of_year = Some(int(v));
                week_starts_monday = *d == 'W';
            }
            'V' => iso_week = Some(int(v)),
            _ => {}
        }
    }
    if year.is_none() && iso_year.is_some() {
        if iso_week.is_none() || weekday.is_none() {
            return Err(Exc::new(
                "ValueError",
                "ISO year directive '%G' must be used with the ISO week directive '%V' and a \
                 weekday directive ('%A', '%a', '%w', or '%u').",
            ));
        }
        if julian.is_some() {
            return Err(Exc::new(
                "ValueError",
                "Day of the year directive '%j' is not compatible with ISO year directive '%G'. \
                 Use '%Y' instead.",
            ));
        }
    } else if week_of_year.is_none() && iso_week.is_some() {
        return Err(Exc::new(
            "ValueError",
            if weekday.is_none() {
                "ISO week directive '%V' must be used with the ISO year directive '%G' and a \
                 weekday directive ('%A', '%a', '%w', or '%u')."
            } else {
                "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the \
                 ISO year '%G' instead."
            },
        ));
    }
    let mut leap_year_fix = false;
    let mut year = match year {
        Some(y) => y,
        None if month == 2 && day == 29 => {
            leap_year_fix = true;
            1904
        }
        None => 1900,
    };
    if julian.is_none() {
        if let Some(wd) = weekday {
            if let Some(week) = week_of_year {
                let mut first = (ordinal(year, 1, 1)? + 6).rem_euclid(7);
                let mut dow = wd;
                if !week_starts_monday {
                    first = (first + 1) % 7;
                    dow = (dow + 1) % 7;
                }
                let week0 = (7 - first) % 7;
                julian = Some(if week == 0 {
                    1 + dow - first
                } else {
                    1 + week0 + 7 * (week - 1) + dow
                });
            } else if let (Some(iy), Some(iw)) = (iso_year, iso_week) {
                let jan4 = ordinal(iy, 1, 4)?;
                let correction = (jan4 + 6).rem_euclid(7) + 1 + 3;
                let mut ord = iw * 7 + wd + 1 - correction;
                let mut iy = iy;
                if ord < 1 {
                    ord += ordinal(iy, 1, 1)?;
                    iy -= 1;
                    ord -= ordinal(iy, 1, 1)?;
                }
                year = iy;
                julian = Some(ord);
            }
            if let Some(j) = julian.filter(|j| *j <= 0) {
                year -= 1;
                julian = Some(j + if is_leap(year) { 366 } else { 365 });
            }
        }
    }
    if let Some(j) = julian {
        let days = j - 1 + ordinal(year, 1, 1)? - EPOCH_ORDINAL;
        let d = DateTime::from_unix_micros(days * 86_400_000_000)?;
        year = d.year();
        month = d.month();
        day = d.day();
    } else {
        // `datetime_date(year, month, day)` checks the day before the datetime is made.
        DateTime::new(year, month, day, 0, 0, 0, 0)?;
    }
    if leap_year_fix {
        year = 1900;
    }
    Ok(DateTime::new(
        year, month, day, hour, minute, second, fraction,
    )?)
}

// ---------------------------------------------------------------------------------------------
// timedelta

/// `datetime.timedelta`, kept as microseconds.
pub struct TimeDelta {
    micros: i128,
}

impl TimeDelta {
    fn days(&self) -> i128 {
        self.micros.div_euclid(MICROS_PER_DAY)
    }
    fn seconds(&self) -> i128 {
        self.micros.rem_euclid(MICROS_PER_DAY) / MICROS_PER_SECOND
    }
    fn microseconds(&self) -> i128 {
        self.micros.rem_euclid(MICROS_PER_SECOND)
    }
}

/// A timedelta, or CPython's `OverflowError` when it leaves ±999999999 days.
fn td(micros: i128) -> Result<Obj, Exc> {
    let days = micros.div_euclid(MICROS_PER_DAY);
    if days.abs() > MAX_DAYS {
        return Err(Exc::new(
            "OverflowError",
            format!("days={days}; must have magnitude <= 999999999"),
        ));
    }
    Ok(td_obj(micros))
}

/// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)` with CPython's
/// accumulation: whole parts exactly, fractions summed as floats and rounded half to even.
fn timedelta_new(args: &[Obj], kwargs: &Kwargs) -> Result<Obj, Exc> {
    const FIELDS: [(&str, i128); 7] = [
        ("days", MICROS_PER_DAY),
        ("seconds", MICROS_PER_SECOND),
        ("microseconds", 1),
        ("milliseconds", 1000),
        ("minutes", 60 * MICROS_PER_SECOND),
        ("hours", 3600 * MICROS_PER_SECOND),
        ("weeks", 7 * MICROS_PER_DAY),
    ];
    for (k, _) in kwargs {
        if !FIELDS.iter().any(|(f, _)| *f == k.as_str()) {
            return Err(Exc::type_error(format!(
                "'{k}' is an invalid keyword argument for __new__()"
            )));
        }
    }
    let given: Vec<Option<&Obj>> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, (name, _))| arg_or_kw(args, kwargs, i, name))
        .collect();
    // CPython adds them up in this order: us, ms, seconds, minutes, hours, days, weeks.
    let mut total: i128 = 0;
    let mut leftover = 0.0f64;
    for i in [2, 3, 1, 4, 5, 0, 6] {
        let Some(v) = given[i] else { continue };
        let factor = FIELDS[i].1;
        match v {
            Obj::Int(n) => total += i128::from(*n) * factor,
            Obj::Bool(b) => total += i128::from(*b) * factor,
            Obj::Float(f) => {
                if !f.is_finite() || f.abs() > 1e20 {
                    return Err(Exc::new(
                        "OverflowError",
                        "cannot convert float infinity to integer",
                    ));
                }
                let int = f.trunc();
                total += int as i128 * factor;
                let frac = f - int;
                if frac != 0.0 {
                    let d = factor as f64 * frac;
                    let dint = d.trunc();
                    total += dint as i128;
                    leftover += d - dint;
                }
            }
            other => {
                return Err(Exc::type_error(format!(
                    "unsupported type for timedelta {} component: {}",
                    FIELDS[i].0,
                    other.type_name()
                )))
            }
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = (total & 1) as f64;
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        total += whole as i128;
    }
    td(total)
}

/// `a / b` rounded half to even (CPython's `_PyLong_DivmodNear`).
fn divide_nearest(a: i128, b: i128) -> i128 {
    // Floor division, so that the remainder has the sign of `b`.
    let mut q = a.div_euclid(b);
    let mut r = a.rem_euclid(b);
    if b < 0 && r != 0 {
        q -= 1;
        r += b;
    }
    let r2 = 2 * r;
    let cmp = if b > 0 { r2.cmp(&b) } else { b.cmp(&r2) };
    if cmp == Ordering::Greater || (cmp == Ordering::Equal && q % 2 != 0) {
        q += 1;
    }
    q
}

/// `micros * f` (or `micros / f`) rounded half to even, exactly as CPython computes it with
/// `f.as_integer_ratio()`.
fn scale(micros: i128, f: f64, divide: bool) -> Result<i128, Exc> {
    if !f.is_finite() {
        return Err(Exc::new(
            "ValueError",
            "cannot convert float NaN or infinity to integer ratio",
        ));
    }
    if divide && f == 0.0 {
        return Err(Exc::new("ZeroDivisionError", "division by zero"));
    }
    if f == 0.0 {
        return Ok(0);
    }
    // |f| = mant * 2**exp exactly, mant odd.
    let bits = f.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = i128::from(bits & ((1u64 << 52) - 1));
    let (mut mant, mut exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1i128 << 52), exp_bits - 1075)
    };
    while mant % 2 == 0 {
        mant /= 2;
        exp += 1;
    }
    let micros = if f < 0.0 { -micros } else { micros };
    let too_big = || Exc::new("OverflowError", "Python int too large to convert to C int");
    let shl = |v: i128, k: i32| -> Result<i128, Exc> {
        let r = v.checked_shl(k as u32).ok_or_else(too_big)?;
        if r >> k != v {
            return Err(too_big());
        }
        Ok(r)
    };
    if !divide {
        let n = micros.checked_mul(mant).ok_or_else(too_big)?;
        if exp >= 0 {
            shl(n, exp)
        } else if exp > -122 {
            Ok(divide_nearest(n, 1i128 << -exp))
        } else {
            Ok(0)
        }
    } else if exp <= 0 {
        Ok(divide_nearest(shl(micros, -exp)?, mant))
    } else {
        // A divisor beyond 2**127 leaves nothing.
        Ok(shl(mant, exp).map_or(0, |d| divide_nearest(micros, d)))
    }
}

impl TimeDelta {
    fn repr_text(&self) -> String {
        let mut parts = Vec::new();
        if self.days() != 0 {
            parts.push(format!("days={}", self.days()));
        }
        if self.seconds() != 0 {
            parts.push(format!("seconds={}", self.seconds()));
        }
        if self.microseconds() != 0 {
            parts.push(format!("microseconds={}", self.microseconds()));
        }
        if parts.is_empty() {
            "datetime.timedelta(0)".into()
        } else {
            format!("datetime.timedelta({})", parts.join(", "))
        }
    }

    fn str_text(&self) -> String {
        let secs = self.seconds();
        let mut s = format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        let days = self.days();
        if days != 0 {
            s = format!("{days} day{}, {s}", if days.abs() != 1 { "s" } else { "" });
        }
        if self.microseconds() != 0 {
            s.push_str(&format!(".{:06}", self.microseconds()));
        }
        s
    }
}

impl Native for TimeDelta {
    fn type_name(&self) -> &'static str {
        "datetime.timedelta"
    }

    fn get_attr(&self, name: &str) -> Option<Obj> {
        let v = match name {
            "days" => self.days(),
            "seconds" => self.seconds(),
            "microseconds" => self.microseconds(),
            _ => return None,
        };
        Some(Obj::Int(v as i64))
    }

    fn has_method(&self, name: &str) -> bool {
        name == "total_seconds"
    }

    fn call_method(
        self: Rc<Self>,
        _: &Interp,
        _: &str,
        _: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        // An int divided by 10**6, correctly rounded (exact below 2**53 microseconds).
        Ok(Obj::Float(self.micros as f64 / 1e6))
    }

    fn repr(&self) -> String {
        self.repr_text()
    }

    fn truthy(&self) -> bool {
        self.micros != 0
    }

    fn str(&self) -> String {
        self.str_text()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `a <op> b` when a datetime or a timedelta is involved; `None` when neither is (or the
/// operation is not one they define, which the caller reports as CPython does).
pub fn binop(op: BinOp, a: &Obj, b: &Obj) -> Option<Result<Obj, Exc>> {
    let shift = |t: DateTime, micros: i128| -> Result<Obj, Exc> {
        let total = i128::from(t.unix_micros()) + micros;
        let m = i64::try_from(total).map_err(|_| overflow())?;
        DateTime::from_unix_micros(m)
            .map(dt_obj)
            .map_err(|_| overflow())
    };
    let int = |o: &Obj| match o {
        Obj::Int(i) => Some(i128::from(*i)),
        Obj::Bool(b) => Some(i128::from(*b)),
        _ => None,
    };
    Some(match (op, dt_of(a), td_of(a), dt_of(b), td_of(b)) {
        (BinOp::Sub, Some(x), _, Some(y), _) => {
            td(i128::from(x.unix_micros()) - i128::from(y.unix_micros()))
        }
        (BinOp::Add, Some(x), _, _, Some(d)) | (BinOp::Add, _, Some(d), Some(x), _) => shift(x, d),
        (BinOp::Sub, Some(x), _, _, Some(d)) => shift(x, -d),
        (BinOp::Add, _, Some(x), _, Some(y)) => td(x + y),
        (BinOp::Sub, _, Some(x), _, Some(y)) => td(x - y),
        (BinOp::Div, _, Some(x), _, Some(y)) => {
            if y == 0 {
                Err(Exc::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ))
            } else {
                Ok(Obj::Float(x as f64 / y as f64))
            }
        }
        (BinOp::FloorDiv, _, Some(x), _, Some(y)) => {
            if y == 0 {
                Err(Exc::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ))
            } else {
                i64::try_from(x.div_euclid(y) - i128::from(y < 0 && x.rem_euclid(y) != 0))
                    .map(Obj::Int)
                    .map_err(|_| overflow())
            }
        }
        (BinOp::Mod, _, Some(x), _, Some(y)) => {
            if y == 0 {
                Err(Exc::new(
                    "ZeroDivisionError",
                    "integer division or modulo by zero",
                ))
            } else {
                let r = x.rem_euclid(y);
                td(if y < 0 && r != 0 { r + y } else { r })
            }
        }
        (BinOp::Mul, _, Some(x), _, None) | (BinOp::Mul, _, None, _, Some(x)) => {
            let other = if td_of(a).is_some() { b } else { a };
            match (int(other), other) {
                (Some(n), _) => td(x * n),
                (None, Obj::Float(f)) => scale(x, *f, false).and_then(td),
                _ => return None,
            }
        }
        (BinOp::Div | BinOp::FloorDiv, _, Some(x), None, None) => match (int(b), b) {
            (Some(0), _) => Err(Exc::new("ZeroDivisionError", "division by zero")),
            (Some(n), _) if op == BinOp::Div => td(divide_nearest(x, n)),
            (Some(n), _) => td(x.div_euclid(n) - i128::from(n < 0 && x.rem_euclid(n) != 0)),
            (None, Obj::Float(f)) if op == BinOp::Div => scale(x, *f, true).and_then(td),
            _ => return None,
        },
        _ => return None,
    })
}

/// `-td`.
pub fn neg(a: &Obj) -> Option<Result<Obj, Exc>> {
    td_of(a).map(|x| td(-x))
}

/// `abs(td)`.
pub fn abs(a: &Obj) -> Option<Result<Obj, Exc>> {
    td_of(a).map(|x| td(x.abs()))
}

/// The order of two timedeltas (`None` unless both are).
pub fn compare(a: &Obj, b: &Obj) -> Option<Ordering> {
    Some(td_of(a)?.cmp(&td_of(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str, f: &str) -> Result<String, String> {
        strptime(s, f)
            .map(|t| Value::DateTime(t).repr())
            .map_err(|e| e.to_string())
    }

    /// The general path alone (the pattern matcher), for comparing the fast path with it.
    fn general(s: &str, f: &str) -> Result<DateTime, String> {
        let toks = compiled(f).map_err(|e| e.to_string())?;
        let chars: Vec<char> = s.chars().collect();
        let mut found = Vec::new();
        match match_from(&toks, &chars, 0, &mut found) {
            Some(end) if end == chars.len() => {}
            _ => return Err("no match".into()),
        }
        // Through `strptime` with a format the fast path refuses (a doubled space collapses
        // to the same pattern), so the general path computes it.
        strptime(&s.replacen(' ', "  ", 1), &f.replacen(' ', "  ", 1)).map_err(|e| e.to_string())
    }

    #[test]
    fn the_fixed_width_fast_path_agrees_with_the_pattern_matcher() {
        let f = "%Y-%m-%d %H:%M:%S";
        for s in [
            "2016-03-22 20:25:28",
            "2016-02-29 00:00:00",
            "1999-12-31 23:59:59",
            "0001-01-01 00:00:00",
            "2016-13-01 00:00:00",
            "2015-02-29 00:00:00",
            "2016-03-22 24:00:00",
            "2016-03-22 20:25:61",
            "2016-3-22 20:25:28",
            "2016-03-22  20:25:28",
            "2016-03-22 20:25:28 ",
            "2016-03-22T20:25:28",
        ] {
            let fast = strptime_fixed(s, f);
            if let Some(t) = fast {
                assert_eq!(Ok(t), general(s, f), "{s}");
            }
            let whole = strptime(s, f).map_err(|e| e.to_string());
            if s.contains("  ") || s.contains('T') || s.ends_with(' ') {
                assert!(fast.is_none(), "{s}");
            }
            if let Ok(t) = &whole {
                assert_eq!(Ok(*t), general(s, f), "{s}");
            }
        }
        assert!(strptime_fixed("2016-03-22 20:25:28", f).is_some());
        assert!(strptime_fixed("22/10/2016", "%d/%m/%Y").is_some());
        assert_eq!(strptime_fixed("2016-03-22", "%Y-%m-%d %H"), None);
    }

    /// Expected values printed by CPython 3.11.
    #[test]
    fn strptime_backtracks_as_python_regexes_do() {
        assert_eq!(
            dt("10/Oct/2000:13:55:36", "%d/%b/%Y:%H:%M:%S"),
            Ok("datetime.datetime(2000, 10, 10, 13, 55, 36)".into())
        );
        assert_eq!(
            dt("1231", "%m%d"),
            Ok("datetime.datetime(1900, 12, 31, 0, 0)".into())
        );
        assert_eq!(
            dt("13", "%m"),
            Err("ValueError: unconverted data remains: 3".into())
        );
        assert_eq!(
            dt("2016  3 22", "%Y %m %d"),
            Ok("datetime.datetime(2016, 3, 22, 0, 0)".into())
        );
        assert_eq!(
            dt("x", "%Q"),
            Err("ValueError: 'Q' is a bad directive in format '%Q'".into())
        );
    }

    #[test]
    fn divide_nearest_rounds_half_to_even() {
        assert_eq!(divide_nearest(5, 2), 2);
        assert_eq!(divide_nearest(7, 2), 4);
        assert_eq!(divide_nearest(-5, 2), -2);
        assert_eq!(divide_nearest(-7, 2), -4);
        assert_eq!(divide_nearest(5, -2), -2);
        assert_eq!(divide_nearest(7, -2), -4);
        assert_eq!(divide_nearest(10, 3), 3);
        assert_eq!(divide_nearest(11, 3), 4);
        assert_eq!(divide_nearest(-11, 3), -4);
        assert_eq!(divide_nearest(11, -3), -4);
    }
}

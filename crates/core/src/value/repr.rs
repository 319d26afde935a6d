//! `str()` and `repr()` exactly as CPython prints them.

use std::fmt::{self, Write};

use super::Value;

impl Value {
    /// Python's `repr(x)`.
    ///
    /// ```
    /// use eddy_core::Value;
    /// let v = Value::tuple([Value::from("it's"), Value::from(0.1 + 0.2), Value::None]);
    /// assert_eq!(v.repr(), r#"("it's", 0.30000000000000004, None)"#);
    /// ```
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out)
            .expect("writing to a String cannot fail");
        out
    }

    /// Writes `repr(self)` to `out`.
    pub fn write_repr(&self, out: &mut impl Write) -> fmt::Result {
        match self {
            Value::None => out.write_str("None"),
            Value::Bool(true) => out.write_str("True"),
            Value::Bool(false) => out.write_str("False"),
            Value::Int(i) => write!(out, "{i}"),
            Value::Float(f) => out.write_str(&float_repr(*f)),
            Value::Str(s) => write_str_repr(s, out),
            Value::Tuple(items) => {
                out.write_char('(')?;
                write_items(items, out)?;
                if items.len() == 1 {
                    out.write_char(',')?;
                }
                out.write_char(')')
            }
            Value::List(items) => {
                out.write_char('[')?;
                write_items(items, out)?;
                out.write_char(']')
            }
            Value::Dict(dict) => {
                out.write_char('{')?;
                for (i, (k, v)) in dict.iter().enumerate() {
                    if i > 0 {
                        out.write_str(", ")?;
                    }
                    k.value().write_repr(out)?;
                    out.write_str(": ")?;
                    v.write_repr(out)?;
                }
                out.write_char('}')
            }
            Value::Set(set) if set.is_empty() => out.write_str("set()"),
            Value::Set(set) => {
                out.write_char('{')?;
                for (i, item) in set.iter().enumerate() {
                    if i > 0 {
                        out.write_str(", ")?;
                    }
                    item.write_repr(out)?;
                }
                out.write_char('}')
            }
            Value::DateTime(t) => out.write_str(&t.repr()),
            Value::NpFloat(f) => out.write_str(&super::np_float_repr(*f)),
            Value::Vector(v) => out.write_str(&super::vector_repr(v)),
            Value::LabeledPoint(p) => out.write_str(&p.repr()),
            Value::NdArray(a) => out.write_str(&a.repr()),
        }
    }
}

/// `str(x)`: the text itself for strings, ISO format for datetimes, `repr` for everything else (containers print their
/// items with `repr`, as Python does).
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(s) => f.write_str(s),
            Value::DateTime(t) => write!(f, "{t}"),
            Value::NpFloat(x) => f.write_str(&float_repr(*x)),
            Value::Vector(v) => f.write_str(&super::vector_str(v)),
            Value::LabeledPoint(p) => write!(f, "{p}"),
            Value::NdArray(a) => f.write_str(&a.str()),
            other => other.write_repr(f),
        }
    }
}

fn write_items(items: &[Value], out: &mut impl Write) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        item.write_repr(out)?;
    }
    Ok(())
}

/// CPython's `unicode_repr`: single quotes unless the text has a `'` and no `"`.
fn write_str_repr(s: &str, out: &mut impl Write) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_char(quote)?;
    for c in s.chars() {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => write!(out, "\\x{:02x}", c as u32)?,
            c if c.is_control() => match c as u32 {
                n if n <= 0xff => write!(out, "\\x{n:02x}")?,
                n if n <= 0xffff => write!(out, "\\u{n:04x}")?,
                n => write!(out, "\\U{n:08x}")?,
            },
            c => out.write_char(c)?,
        }
    }
    out.write_char(quote)
}

/// CPython's `repr(float)`: the shortest text that reads back as the same float, in positional
/// notation when the decimal exponent is in `-4..16` and in scientific notation otherwise.
///
/// ```
/// use eddy_core::value::float_repr;
/// assert_eq!(float_repr(51.0), "51.0");
/// assert_eq!(float_repr(1e-16), "1e-16");
/// assert_eq!(float_repr(1.1102230246251565e-16 + 0.7), "0.7000000000000001");
/// assert_eq!(float_repr(1e16), "1e+16");
/// assert_eq!(float_repr(-0.00001), "-1e-05");
/// ```
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits, the same digits CPython chooses.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::with_capacity(digits.len() + 8);
    if f < 0.0 {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        let _ = write!(out, "e{sign}{:02}", exp.abs());
    }
    out
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn floats_print_as_cpython_repr() {
        let cases = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.1102230246251565e-16, "1.1102230246251565e-16"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (1.5e16, "1.5e+16"),
            (0.0001, "0.0001"),
            (0.00012, "0.00012"),
            (1.5e-5, "1.5e-05"),
            (1e100, "1e+100"),
            (-2.5, "-2.5"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
            (-0.0, "-0.0"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "repr of {f:e}");
        }
    }

    #[test]
    fn strings_quote_as_cpython() {
        assert_eq!(Value::from("a").repr(), "'a'");
        assert_eq!(Value::from("it's").repr(), "\"it's\"");
        assert_eq!(Value::from("'\"").repr(), r#"'\'"'"#);
        assert_eq!(Value::from("tab\tnl\n\\").repr(), r"'tab\tnl\n\\'");
        assert_eq!(Value::from("\u{1}é").repr(), "'\\x01é'");
    }

    #[test]
    fn str_of_containers_uses_repr_of_items() {
        let v = Value::tuple([Value::from("BUYS"), Value::list(vec![Value::from("4")])]);
        assert_eq!(v.to_string(), "('BUYS', ['4'])");
        assert_eq!(Value::tuple([Value::Int(1)]).to_string(), "(1,)");
        assert_eq!(Value::tuple(Vec::new()).to_string(), "()");
        assert_eq!(Value::from("plain").to_string(), "plain");
        assert_eq!(Value::Bool(true).to_string(), "True");
    }

    /// Expected strings printed by CPython 3.11.7.
    #[test]
    fn dicts_sets_and_datetimes_print_as_cpython() {
        let d = Value::dict([
            (Value::from("a"), Value::Int(1)),
            (
                Value::from("b"),
                Value::list(vec![Value::Int(1), Value::Int(2)]),
            ),
        ])
        .unwrap();
        assert_eq!(d.to_string(), "{'a': 1, 'b': [1, 2]}");
        assert_eq!(Value::dict([]).unwrap().to_string(), "{}");
        let s = crate::value::PySet::from_values([3, 1, 2].map(Value::Int)).unwrap();
        assert_eq!(Value::set(s).to_string(), "{1, 2, 3}");
        assert_eq!(Value::set(Default::default()).to_string(), "set()");
        let t = crate::value::DateTime::new(2016, 3, 22, 20, 25, 28, 0).unwrap();
        let pair = Value::tuple([Value::DateTime(t), Value::Int(1)]);
        assert_eq!(
            pair.to_string(),
            "(datetime.datetime(2016, 3, 22, 20, 25, 28), 1)"
        );
        assert_eq!(Value::DateTime(t).to_string(), "2016-03-22 20:25:28");
    }
}

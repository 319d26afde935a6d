//! The values streaming ML adds (SEMANTICS G, H3): `numpy.float64`, `numpy.ndarray` (float64),
//! PySpark's `DenseVector` and `LabeledPoint`, with the text numpy 2 and PySpark print for them.

use std::fmt::Write;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{float_repr, Value, ValueError};

/// `pyspark.mllib.regression.LabeledPoint(label, features)`: `label` is a float, `features` a
/// dense vector.
///
/// ```
/// use eddy_core::value::LabeledPoint;
/// let p = LabeledPoint::new(1.0, vec![0.5, 2.0]);
/// assert_eq!(p.to_string(), "(1.0,[0.5,2.0])");
/// assert_eq!(p.repr(), "LabeledPoint(1.0, [0.5,2.0])");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabeledPoint {
    /// The label (`float(label)`).
    pub label: f64,
    /// The features.
    pub features: Arc<[f64]>,
}

impl LabeledPoint {
    /// A labeled point.
    pub fn new(label: f64, features: impl Into<Arc<[f64]>>) -> Self {
        LabeledPoint {
            label,
            features: features.into(),
        }
    }

    /// `repr(point)`: `LabeledPoint(1.0, [0.5,2.0])`.
    pub fn repr(&self) -> String {
        format!(
            "LabeledPoint({}, {})",
            float_repr(self.label),
            vector_str(&self.features)
        )
    }
}

/// `str(point)`: `(1.0,[0.5,2.0])`.
impl std::fmt::Display for LabeledPoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "({},{})",
            float_repr(self.label),
            vector_str(&self.features)
        )
    }
}

/// A float64 `numpy.ndarray`: `shape` and the elements in C order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NdArray {
    /// The length of each axis.
    pub shape: Vec<usize>,
    /// The elements, row-major.
    pub data: Vec<f64>,
}

impl NdArray {
    /// A 1-D array.
    pub fn vector(data: Vec<f64>) -> Self {
        NdArray {
            shape: vec![data.len()],
            data,
        }
    }

    /// A 2-D array from equally long rows (`numpy.array(rows)`).
    pub fn matrix(rows: &[impl AsRef<[f64]>]) -> Self {
        let cols = rows.first().map_or(0, |r| r.as_ref().len());
        NdArray {
            shape: vec![rows.len(), cols],
            data: rows
                .iter()
                .flat_map(|r| r.as_ref().iter().copied())
                .collect(),
        }
    }

    /// The items of the first axis, as `for x in array` gives them: `numpy.float64`s of a 1-D
    /// array, sub-arrays otherwise.
    pub fn items(&self) -> Vec<Value> {
        match self.shape.as_slice() {
            [] => Vec::new(),
            [_] => self.data.iter().map(|x| Value::NpFloat(*x)).collect(),
            [n, rest @ ..] => {
                let step: usize = rest.iter().product();
                (0..*n)
                    .map(|i| {
                        Value::NdArray(Arc::new(NdArray {
                            shape: rest.to_vec(),
                            data: self.data[i * step..(i + 1) * step].to_vec(),
                        }))
                    })
                    .collect()
            }
        }
    }

    /// `str(array)`, as numpy 2 prints it (`print(model.centers)`):
    /// `[[1.         0.5       ]\n [9.         8.83333333]]`.
    ///
    /// ```
    /// use eddy_core::value::NdArray;
    /// let a = NdArray::matrix(&[[1.0, 0.5], [9.0, 8.833333333333334]]);
    /// assert_eq!(a.str(), "[[1.         0.5       ]\n [9.         8.83333333]]");
    /// assert_eq!(a.repr(), "array([[1.        , 0.5       ],\n       [9.        , 8.83333333]])");
    /// ```
    pub fn str(&self) -> String {
        if self.data.is_empty() {
            return "[]".into();
        }
        self.format(" ", "", 75)
    }

    /// `repr(array)`: `array([...])` with `, ` between items.
    pub fn repr(&self) -> String {
        if self.data.is_empty() {
            return "array([], dtype=float64)".into();
        }
        format!("array({})", self.format(", ", "array(", 74))
    }

    fn format(&self, separator: &str, prefix: &str, width: usize) -> String {
        let fmt = FloatFormat::new(&self.data);
        let next_line_prefix = " ".repeat(1 + prefix.len());
        let mut out = String::new();
        self.recurse(
            &fmt,
            &mut Vec::new(),
            &next_line_prefix,
            width,
            separator,
            &mut out,
        );
        out
    }

    /// numpy's `_formatArray` (no summarisation: arrays here are small).
    fn recurse(
        &self,
        fmt: &FloatFormat,
        index: &mut Vec<usize>,
        hanging: &str,
        width: usize,
        separator: &str,
        out: &mut String,
    ) {
        let axis = index.len();
        if axis == self.shape.len() {
            let mut at = 0;
            let mut stride = 1;
            for (i, n) in index.iter().zip(&self.shape).rev() {
                at += i * stride;
                stride *= n;
            }
            out.push_str(&fmt.format(self.data[at]));
            return;
        }
        let next_hanging = format!("{hanging} ");
        let next_width = width - 1;
        let len = self.shape[axis];
        let mut s = String::new();
        if self.shape.len() - axis == 1 {
            let elem_width = width - separator.trim_end().len().max(1);
            let mut line = hanging.to_string();
            for i in 0..len {
                index.push(i);
                let mut word = String::new();
                self.recurse(fmt, index, &next_hanging, next_width, separator, &mut word);
                index.pop();
                let needs_wrap = line.len() + word.len() > elem_width && line.len() > hanging.len();
                if needs_wrap {
                    s.push_str(line.trim_end());
                    s.push('\n');
                    line = hanging.to_string();
                }
                line.push_str(&word);
                if i + 1 < len {
                    line.push_str(separator);
                }
            }
            s.push_str(&line);
        } else {
            let line_sep = format!(
                "{}{}",
                separator.trim_end(),
                "\n".repeat(self.shape.len() - axis - 1)
            );
            for i in 0..len {
                index.push(i);
                let mut nested = String::new();
                self.recurse(
                    fmt,
                    index,
                    &next_hanging,
                    next_width,
                    separator,
                    &mut nested,
                );
                index.pop();
                s.push_str(hanging);
                s.push_str(&nested);
                if i + 1 < len {
                    s.push_str(&line_sep);
                }
            }
        }
        out.push('[');
        out.push_str(&s[hanging.len()..]);
        out.push(']');
    }
}

/// numpy's `FloatingFormat` with the default options (precision 8, `maxprec`, no
/// `suppress`): one format for all elements of an array, so that they line up.
struct FloatFormat {
    exp: bool,
    precision: usize,
    pad_left: usize,
    pad_right: usize,
    exp_size: usize,
}

impl FloatFormat {
    fn new(data: &[f64]) -> Self {
        let finite: Vec<f64> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let nonzero: Vec<f64> = finite
            .iter()
            .map(|x| x.abs())
            .filter(|x| *x != 0.0)
            .collect();
        let mut exp = false;
        if !nonzero.is_empty() {
            let max = nonzero.iter().copied().fold(f64::MIN, f64::max);
            let min = nonzero.iter().copied().fold(f64::MAX, f64::min);
            exp = max >= 1e8 || min < 0.0001 || max / min > 1000.0;
        }
        let mut f = FloatFormat {
            exp,
            precision: 8,
            pad_left: 0,
            pad_right: 0,
            exp_size: 0,
        };
        if finite.is_empty() {
        } else if exp {
            let strs: Vec<(String, String, String)> =
                finite.iter().map(|x| scientific(*x, 8, 0)).collect();
            f.precision = strs.iter().map(|s| s.1.len()).max().unwrap_or(0);
            f.pad_left = strs.iter().map(|s| s.0.len()).max().unwrap_or(0);
            f.exp_size = strs.iter().map(|s| s.2.len() - 1).max().unwrap_or(0);
            f.pad_right = f.exp_size + 2 + f.precision;
        } else {
            let strs: Vec<(String, String)> = finite.iter().map(|x| positional(*x, 8)).collect();
            f.pad_left = strs.iter().map(|s| s.0.len()).max().unwrap_or(0);
            f.pad_right = strs.iter().map(|s| s.1.len()).max().unwrap_or(0);
        }
        if finite.len() != data.len() {
            let neginf = data.iter().any(|x| x.is_infinite() && *x < 0.0);
            let offset = f.pad_right + 1;
            f.pad_left = f
                .pad_left
                .max(3usize.saturating_sub(offset))
                .max((3 + usize::from(neginf)).saturating_sub(offset));
        }
        f
    }

    fn format(&self, x: f64) -> String {
        if !x.is_finite() {
            let s = if x.is_nan() {
                "nan"
            } else if x < 0.0 {
                "-inf"
            } else {
                "inf"
            };
            let width = self.pad_left + self.pad_right + 1;
            return format!("{s:>width$}");
        }
        let (int, frac, exp) = if self.exp {
            let (i, f, e) = scientific(x, self.precision, self.precision);
            (i, f, Some(e))
        } else {
            let (i, f) = positional(x, self.precision);
            (i, f, None)
        };
        let mut out = format!("{int:>w$}.", w = self.pad_left);
        match exp {
            Some(e) => {
                out.push_str(&frac);
                let (sign, digits) = e.split_at(1);
                let digits = format!("{digits:0>w$}", w = self.exp_size);
                let _ = write!(out, "e{sign}{digits}");
            }
            None => {
                let _ = write!(out, "{frac:<w$}", w = self.pad_right);
            }
        }
        out
    }
}

/// numpy's `dragon4_positional(x, precision, unique=True, trim='.')`: the shortest digits
/// that round-trip, rounded to at most `precision` fractional digits; as (integer part, fraction).
fn positional(x: f64, precision: usize) -> (String, String) {
    let shortest = fixed(x);
    let text = match shortest.split_once('.') {
        Some((_, frac)) if frac.len() > precision => {
            let rounded = format!("{x:.precision$}");
            rounded.trim_end_matches('0').to_string()
        }
        _ => shortest,
    };
    match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text, String::new()),
    }
}

/// `x` in positional notation with the shortest round-trip digits (`1.`, `0.5`, `-12.25`).
fn fixed(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.")
    }
}

/// numpy's `dragon4_scientific`: (integer digit with sign, fraction padded to `min_digits`,
/// exponent with its sign, at least two digits).
fn scientific(x: f64, precision: usize, min_digits: usize) -> (String, String, String) {
    let shortest = format!("{x:e}");
    let (mant, exp) = shortest.split_once('e').expect("{:e} has an exponent");
    let frac_len = mant.split_once('.').map_or(0, |(_, f)| f.len());
    let (mant, exp) = if frac_len > precision {
        let r = format!("{x:.precision$e}");
        let (m, e) = r.split_once('e').expect("{:e} has an exponent");
        let m = if m.contains('.') {
            m.trim_end_matches('0').to_string()
        } else {
            m.to_string()
        };
        (m, e.to_string())
    } else {
        (mant.to_string(), exp.to_string())
    };
    let (int, frac) = match mant.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (mant.clone(), String::new()),
    };
    let frac = format!("{frac:0<min_digits$}");
    let e: i32 = exp.parse().expect("{:e} exponent is an integer");
    let sign = if e < 0 { '-' } else { '+' };
    (int, frac, format!("{sign}{:02}", e.abs()))
}

/// `repr(numpy.float64(x))` under numpy 2: `np.float64(0.5)`.
pub fn np_float_repr(x: f64) -> String {
    format!("np.float64({})", float_repr(x))
}

/// `str(DenseVector)`: `[0.5,2.0]` (each item as `str(numpy.float64)`, no spaces).
pub fn vector_str(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| float_repr(*x)).collect();
    format!("[{}]", items.join(","))
}

/// `repr(DenseVector)`: `DenseVector([0.5, 2.0])`, each item rounded to 4 decimals as
/// PySpark's `_format_float` does (`str(round(x, 4))` cut 4 digits after the point).
pub fn vector_repr(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format_float4(*x)).collect();
    format!("DenseVector([{}])", items.join(", "))
}

/// PySpark's `_format_float(f, 4)` on a `numpy.float64` (numpy rounds as `rint(x * 1e4) / 1e4`).
fn format_float4(x: f64) -> String {
    let s = float_repr((x * 10000.0).round_ties_even() / 10000.0);
    match s.find('.') {
        Some(at) if s.len() > at + 5 => s[..at + 5].to_string(),
        _ => s,
    }
}

impl Value {
    /// PySpark's `_convert_to_vector(x)`: a `DenseVector` as is, a list, tuple or 1-D array as
    /// `numpy.array(x, dtype=float64)`; anything else is the error PySpark raises.
    ///
    /// ```
    /// use eddy_core::Value;
    /// let v = Value::list(vec![Value::Int(1), Value::Float(0.5)]).to_vector().unwrap();
    /// assert_eq!(&*v, &[1.0, 0.5]);
    /// assert!(Value::from("x").to_vector().is_err());
    /// ```
    pub fn to_vector(&self) -> Result<Arc<[f64]>, ValueError> {
        match self {
            Value::Vector(v) => Ok(v.clone()),
            Value::NdArray(a) if a.shape.len() == 1 => Ok(a.data.as_slice().into()),
            Value::Tuple(items) | Value::List(items) => items
                .iter()
                .map(|x| match x {
                    Value::Bool(b) => Ok(f64::from(u8::from(*b))),
                    Value::Int(i) => Ok(*i as f64),
                    Value::Float(f) | Value::NpFloat(f) => Ok(*f),
                    Value::Str(s) => Err(ValueError::Raised(format!(
                        "ValueError: could not convert string to float: {}",
                        Value::str(&**s).repr()
                    ))),
                    other => Err(ValueError::Raised(format!(
                        "TypeError: float() argument must be a string or a real number, not '{}'",
                        other.type_name()
                    ))),
                })
                .collect(),
            other => Err(ValueError::Raised(format!(
                "TypeError: Cannot convert type {} into Vector",
                other.python_class()
            ))),
        }
    }

    /// `str(type(x))` as Python prints it: `<class 'int'>`,
    /// `<class 'pyspark.mllib.regression.LabeledPoint'>`.
    pub fn python_class(&self) -> String {
        let name = match self {
            Value::LabeledPoint(_) => "pyspark.mllib.regression.LabeledPoint",
            Value::Vector(_) => "pyspark.mllib.linalg.DenseVector",
            other => other.type_name(),
        };
        format!("<class '{name}'>")
    }
}

#[cfg(test)]
mod tests {
    // Under wasm32 the tests run in a browser (`cargo test --target wasm32-unknown-unknown`).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// Expected text printed by numpy 2.4 (`print(a)` and `repr(a)`).
    #[test]
    fn arrays_print_as_numpy_prints_them() {
        let a = NdArray::vector(vec![-1.5, 2.25]);
        assert_eq!(a.str(), "[-1.5   2.25]");
        assert_eq!(NdArray::vector(vec![1e-5, 1.0]).str(), "[1.e-05 1.e+00]");
        assert_eq!(
            NdArray::vector(vec![1e-5, 1.0]).repr(),
            "array([1.e-05, 1.e+00])"
        );
        assert_eq!(NdArray::vector(vec![0.0, 0.0]).str(), "[0. 0.]");
        assert_eq!(NdArray::vector(vec![1e9, 1.5]).str(), "[1.0e+09 1.5e+00]");
        assert_eq!(
            NdArray::vector(vec![f64::NAN, 1.5, f64::NEG_INFINITY]).str(),
            "[ nan  1.5 -inf]"
        );
        let r = NdArray::matrix(&[
            [0.4967141530112327, -0.13826430117118466],
            [0.6476885381006925, 1.5230298564080254],
            [-0.23415337472333597, -0.23413695694918055],
        ]);
        assert_eq!(
            r.str(),
            "[[ 0.49671415 -0.1382643 ]\n [ 0.64768854  1.52302986]\n [-0.23415337 -0.23413696]]"
        );
        assert_eq!(
            r.repr(),
            "array([[ 0.49671415, -0.1382643 ],\n       [ 0.64768854,  1.52302986],\n       \
             [-0.23415337, -0.23413696]])"
        );
        assert_eq!(
            NdArray::matrix(&[[0.1234567891, 123456.0]]).str(),
            "[[1.23456789e-01 1.23456000e+05]]"
        );
        assert_eq!(NdArray::vector(vec![]).repr(), "array([], dtype=float64)");
    }

    /// `print(np.arange(30.0) / 7)` and its repr, from numpy 2.4: rows wrap at 75 columns.
    #[test]
    fn long_arrays_wrap_as_numpy_wraps_them() {
        let a = NdArray::vector((0..30).map(|i| f64::from(i) / 7.0).collect());
        assert_eq!(
            a.str(),
            "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n \
             0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n \
             1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n \
             2.57142857 2.71428571 2.85714286 3.         3.14285714 3.28571429\n \
             3.42857143 3.57142857 3.71428571 3.85714286 4.         4.14285714]"
        );
        assert_eq!(
            a.repr(),
            "array([0.        , 0.14285714, 0.28571429, 0.42857143, 0.57142857,\n       \
             0.71428571, 0.85714286, 1.        , 1.14285714, 1.28571429,\n       \
             1.42857143, 1.57142857, 1.71428571, 1.85714286, 2.        ,\n       \
             2.14285714, 2.28571429, 2.42857143, 2.57142857, 2.71428571,\n       \
             2.85714286, 3.        , 3.14285714, 3.28571429, 3.42857143,\n       \
             3.57142857, 3.71428571, 3.85714286, 4.        , 4.14285714])"
        );
    }

    #[test]
    fn vectors_and_points_print_as_pyspark_prints_them() {
        assert_eq!(vector_str(&[0.5, 2.0]), "[0.5,2.0]");
        assert_eq!(
            vector_repr(&[0.09455528701981676, -0.18503120198698936, 1e20]),
            "DenseVector([0.0946, -0.185, 1e+20])"
        );
        assert_eq!(np_float_repr(0.0), "np.float64(0.0)");
        let p = Value::LabeledPoint(Arc::new(LabeledPoint::new(-1.761, vec![-0.884, 0.015])));
        assert_eq!(p.to_string(), "(-1.761,[-0.884,0.015])");
        assert_eq!(
            Value::tuple([Value::Float(1.262), Value::NpFloat(0.0934)]).to_string(),
            "(1.262, np.float64(0.0934))"
        );
    }

    #[test]
    fn only_sequences_and_vectors_convert_to_vectors() {
        let lp = Value::LabeledPoint(Arc::new(LabeledPoint::new(1.0, vec![1.0])));
        assert_eq!(
            lp.to_vector().unwrap_err().to_string(),
            "TypeError: Cannot convert type <class 'pyspark.mllib.regression.LabeledPoint'> \
             into Vector"
        );
        let bad = Value::list(vec![Value::from("a")]);
        assert_eq!(
            bad.to_vector().unwrap_err().to_string(),
            "ValueError: could not convert string to float: 'a'"
        );
    }
}

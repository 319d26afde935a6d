//! The standard-library modules programs import: `math`, `operator`, `functools`, `time`,
//! `random` (CPython's Mersenne Twister, see `random.rs`), `datetime` (see `datetime.rs`).

use std::rc::Rc;

use super::{arg, as_float, as_int};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{BinOp, Native, Obj};

/// `(name, attributes)` of a module.
pub(super) fn module(name: &str) -> Option<(&'static str, Vec<(&'static str, Obj)>)> {
    let funcs = |names: &[&'static str]| -> Vec<(&'static str, Obj)> {
        names
            .iter()
            .map(|n| (n.rsplit('.').next().unwrap_or(n), Obj::Builtin(n)))
            .collect()
    };
    Some(match name {
        "math" => {
            let mut attrs = funcs(&[
                "math.sqrt",
                "math.exp",
                "math.log",
                "math.log10",
                "math.log2",
                "math.pow",
                "math.floor",
                "math.ceil",
                "math.fabs",
                "math.sin",
                "math.cos",
                "math.tan",
                "math.atan",
                "math.atan2",
                "math.hypot",
                "math.isnan",
                "math.isinf",
                "math.trunc",
                "math.fsum",
                "math.isclose",
                "math.radians",
                "math.degrees",
                "math.asin",
                "math.acos",
            ]);
            attrs.push(("pi", Obj::Float(std::f64::consts::PI)));
            attrs.push(("e", Obj::Float(std::f64::consts::E)));
            attrs.push(("inf", Obj::Float(f64::INFINITY)));
            attrs.push(("nan", Obj::Float(f64::NAN)));
            ("math", attrs)
        }
        "operator" => (
            "operator",
            funcs(&[
                "operator.add",
                "operator.sub",
                "operator.mul",
                "operator.truediv",
                "operator.floordiv",
                "operator.mod",
                "operator.neg",
                "operator.pow",
                "operator.itemgetter",
                "operator.eq",
                "operator.lt",
                "operator.gt",
                "operator.and_",
                "operator.or_",
                "operator.concat",
                "operator.attrgetter",
            ]),
        ),
        "functools" => (
            "functools",
            funcs(&["functools.reduce", "functools.partial"]),
        ),
        "time" => (
            "time",
            funcs(&[
                "time.sleep",
                "time.time",
                "time.perf_counter",
                "time.monotonic",
            ]),
        ),
        "random" => ("random", super::random_names()),
        "os" => ("os", super::os::names()),
        "datetime" => ("datetime", super::datetime_names()),
        _ => return None,
    })
}

pub(super) fn call(
    interp: &Interp,
    name: &'static str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let (module, func) = name.split_once('.').unwrap_or(("", name));
    match module {
        "math" => math(name, func, &args),
        "operator" => operator(interp, func, args),
        "functools" => functools(interp, func, args),
        "time" => match func {
            "sleep" => {
                let secs = as_float(arg(&args, 0, name)?, "sleep")?;
                crate::pyspark::sleep(interp, secs)?;
                Ok(Obj::None)
            }
            _ => Ok(Obj::Float(interp.spark.virtual_time())),
        },
        "random" => super::random_call(interp, func, args, kwargs),
        "os" => super::os::call(interp, func, args, kwargs),
        "datetime" => super::datetime_call(interp, func, args, kwargs),
        _ => Err(Exc::new(
            "NotImplementedError",
            format!("Eddy does not support {name} yet"),
        )),
    }
}

fn math(name: &str, func: &str, args: &[Obj]) -> Result<Obj, Exc> {
    let x = || as_float(arg(args, 0, name)?, name);
    let y = || as_float(arg(args, 1, name)?, name);
    let domain = || Exc::new("ValueError", "math domain error");
    let f = match func {
        "sqrt" => {
            let x = x()?;
            if x < 0.0 {
                return Err(domain());
            }
            x.sqrt()
        }
        "exp" => x()?.exp(),
        "log" => {
            let v = x()?;
            if v <= 0.0 {
                return Err(domain());
            }
            match args.get(1) {
                Some(b) => v.ln() / as_float(b, name)?.ln(),
                None => v.ln(),
            }
        }
        "log10" => x()?.log10(),
        "log2" => x()?.log2(),
        "pow" => x()?.powf(y()?),
        "floor" | "ceil" | "trunc" => {
            if let Obj::Int(i) = arg(args, 0, name)? {
                return Ok(Obj::Int(*i));
            }
            let v = x()?;
            let r = match func {
                "floor" => v.floor(),
                "ceil" => v.ceil(),
                _ => v.trunc(),
            };
            if !r.is_finite() {
                return Err(Exc::new(
                    "OverflowError",
                    "cannot convert float infinity to integer",
                ));
            }
            return Ok(Obj::Int(r as i64));
        }
        "fabs" => x()?.abs(),
        "sin" => x()?.sin(),
        "cos" => x()?.cos(),
        "tan" => x()?.tan(),
        "asin" => x()?.asin(),
        "acos" => x()?.acos(),
        "atan" => x()?.atan(),
        "atan2" => x()?.atan2(y()?),
        "hypot" => x()?.hypot(y()?),
        "radians" => x()?.to_radians(),
        "degrees" => x()?.to_degrees(),
        "isnan" => return Ok(Obj::Bool(x()?.is_nan())),
        "isinf" => return Ok(Obj::Bool(x()?.is_infinite())),
        "isclose" => {
            let (a, b) = (x()?, y()?);
            return Ok(Obj::Bool(
                a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
            ));
        }
        "fsum" => {
            // Shewchuk's exact summation, as CPython's math.fsum.
            let mut partials: Vec<f64> = Vec::new();
            for item in arg(args, 0, name)?.iter_items()? {
                let mut x = as_float(&item, name)?;
                let mut i = 0;
                for j in 0..partials.len() {
                    let mut y = partials[j];
                    if x.abs() < y.abs() {
                        std::mem::swap(&mut x, &mut y);
                    }
                    let hi = x + y;
                    let lo = y - (hi - x);
                    if lo != 0.0 {
                        partials[i] = lo;
                        i += 1;
                    }
                    x = hi;
                }
                partials.truncate(i);
                partials.push(x);
            }
            partials.iter().sum()
        }
        _ => {
            return Err(Exc::new(
                "NotImplementedError",
                format!("Eddy does not support {name} yet"),
            ))
        }
    };
    Ok(Obj::Float(f))
}

fn operator(interp: &Interp, func: &str, args: Vec<Obj>) -> Result<Obj, Exc> {
    let two = |op: BinOp| -> Result<Obj, Exc> {
        match args.as_slice() {
            [a, b] => a.binop(op, b),
            _ => Err(Exc::type_error(format!(
                "{func} expected 2 arguments, got {}",
                args.len()
            ))),
        }
    };
    match func {
        "add" | "concat" => two(BinOp::Add),
        "sub" => two(BinOp::Sub),
        "mul" => two(BinOp::Mul),
        "truediv" => two(BinOp::Div),
        "floordiv" => two(BinOp::FloorDiv),
        "mod" => two(BinOp::Mod),
        "pow" => two(BinOp::Pow),
        "and_" => two(BinOp::BitAnd),
        "or_" => two(BinOp::BitOr),
        "neg" => arg(&args, 0, func)?.neg(),
        "eq" => Ok(Obj::Bool(arg(&args, 0, func)?.py_eq(arg(&args, 1, func)?))),
        "lt" => Ok(Obj::Bool(
            arg(&args, 0, func)?.compare(crate::obj::CmpKind::Lt, arg(&args, 1, func)?)?,
        )),
        "gt" => Ok(Obj::Bool(
            arg(&args, 0, func)?.compare(crate::obj::CmpKind::Gt, arg(&args, 1, func)?)?,
        )),
        "itemgetter" => Ok(Obj::Native(Rc::new(ItemGetter(args)))),
        _ => {
            let _ = interp;
            Err(Exc::new(
                "NotImplementedError",
                format!("Eddy does not support operator.{func} yet"),
            ))
        }
    }
}

fn functools(interp: &Interp, func: &str, args: Vec<Obj>) -> Result<Obj, Exc> {
    match func {
        "reduce" => {
            let f = arg(&args, 0, "reduce")?;
            let mut items = interp.iterate(arg(&args, 1, "reduce")?)?.into_iter();
            let mut acc = match args.get(2) {
                Some(init) => init.clone(),
                None => items.next().ok_or_else(|| {
                    Exc::type_error("reduce() of empty iterable with no initial value")
                })?,
            };
            for x in items {
                acc = interp.call(f, vec![acc, x], Vec::new())?;
            }
            Ok(acc)
        }
        "partial" => Ok(Obj::Native(Rc::new(Partial(args)))),
        _ => Err(Exc::new(
            "NotImplementedError",
            format!("Eddy does not support functools.{func} yet"),
        )),
    }
}

/// `operator.itemgetter(i, …)`.
struct ItemGetter(Vec<Obj>);

impl Native for ItemGetter {
    fn type_name(&self) -> &'static str {
        "operator.itemgetter"
    }
    fn has_method(&self, name: &str) -> bool {
        name == "__call__"
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        _: &str,
        args: Vec<Obj>,
        _: Kwargs,
    ) -> Result<Obj, Exc> {
        let x = arg(&args, 0, "itemgetter")?;
        match self.0.as_slice() {
            [one] => interp.subscript(x, one),
            many => Ok(Obj::tuple(
                many.iter()
                    .map(|i| interp.subscript(x, i))
                    .collect::<Result<_, _>>()?,
            )),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `functools.partial(f, *args)`.
struct Partial(Vec<Obj>);

impl Native for Partial {
    fn type_name(&self) -> &'static str {
        "functools.partial"
    }
    fn has_method(&self, name: &str) -> bool {
        name == "__call__"
    }
    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        _: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let f = arg(&self.0, 0, "partial")?;
        let mut all = self.0[1..].to_vec();
        all.extend(args);
        interp.call(f, all, kwargs)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Whether a data value (a datetime) has method `name`.
pub(super) fn data_has_method(obj: &Obj, name: &str) -> bool {
    super::datetime_has_method(obj, name) || crate::pyspark::mllib::has_method(obj, name)
}

/// A data value's attribute (`dt.year`).
pub(super) fn data_attr(obj: &Obj, name: &str) -> Option<Obj> {
    super::datetime_attr(obj, name).or_else(|| crate::pyspark::mllib::attr(obj, name))
}

/// Calls a data value's method.
pub(super) fn data_method(
    interp: &Interp,
    obj: &Obj,
    name: &str,
    args: Vec<Obj>,
    kwargs: Kwargs,
) -> Result<Obj, Exc> {
    let _ = as_int;
    if crate::pyspark::mllib::has_method(obj, name) {
        return crate::pyspark::mllib::method(obj, name, &args);
    }
    super::datetime_method(interp, obj, name, args, kwargs)
}

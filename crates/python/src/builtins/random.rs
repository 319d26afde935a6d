//! `random`: CPython 3.11's Mersenne Twister and the `Random` methods built on it, so that
//! `random.seed(1111)` gives the same numbers, choices, splits and shuffles as CPython does.
//!
//! The generator is MT19937 exactly as `Modules/_randommodule.c` has it (`init_by_array` over
//! the 32-bit words of the seed, 53-bit `random()`, `getrandbits` by words), and the methods are
//! `Lib/random.py`'s algorithms step for step (`_randbelow` by rejection over
//! `getrandbits(n.bit_length())`, Fisher–Yates `shuffle` from the end, `sample`'s pool or set
//! selection, `gauss` keeping its second value for the next call).
//!
//! Two deliberate differences, both for determinism: `seed()` without an argument, and the state
//! a program starts with, are `seed(0)` instead of the operating system's randomness; and ints are
//! 64-bit, so `getrandbits(k)` whose result does not fit raises `OverflowError`.
//!
//! The module-level functions share one hidden [`Random`] that lives in the [`Interp`] (each
//! program run has its own); `random.Random(seed)` makes a separate one.

use std::cell::RefCell;
use std::rc::Rc;

use sha2::{Digest, Sha512};

use super::{arg_or_kw, as_float, kwarg};
use crate::interp::{Exc, Interp, Kwargs};
use crate::obj::{range_len, BinOp, CmpKind, Native, Obj};

/// The module's functions (and `Random`, the class).
const FUNCS: &[&str] = &[
    "random.seed",
    "random.random",
    "random.randrange",
    "random.randint",
    "random.choice",
    "random.choices",
    "random.shuffle",
    "random.sample",
    "random.uniform",
    "random.gauss",
    "random.normalvariate",
    "random.lognormvariate",
    "random.expovariate",
    "random.triangular",
    "random.getrandbits",
    "random.getstate",
    "random.setstate",
    "random.Random",
];

/// The seed `seed()` without an argument uses, and every generator starts from (CPython reads
/// the operating system's randomness there; Eddy's runs are reproducible).
const DEFAULT_SEED: i64 = 0;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's state, as CPython's `RandomObject` keeps it, with `Random.gauss_next`.
#[derive(Clone)]
struct State {
    mt: [u32; N],
    index: usize,
    gauss_next: Option<f64>,
}

impl State {
    fn init_genrand(s: u32) -> State {
        let mut mt = [0u32; N];
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        State {
            mt,
            index: N,
            gauss_next: None,
        }
    }

    fn init_by_array(key: &[u32]) -> State {
        let mut s = State::init_genrand(19_650_218);
        let mt = &mut s.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        s
    }

    /// `init_by_array` over the 32-bit words of `n`, least significant first (`seed(n)`).
    fn from_u64(n: u64) -> State {
        if n >> 32 == 0 {
            State::init_by_array(&[n as u32])
        } else {
            State::init_by_array(&[n as u32, (n >> 32) as u32])
        }
    }

    /// `seed(int.from_bytes(bytes))`: the big-endian integer's 32-bit words.
    fn from_be_bytes(bytes: &[u8]) -> State {
        let significant = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        let le: Vec<u8> = bytes[significant..].iter().rev().copied().collect();
        let mut key: Vec<u32> = le
            .chunks(4)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..c.len()].copy_from_slice(c);
                u32::from_le_bytes(w)
            })
            .collect();
        if key.is_empty() {
            key.push(0);
        }
        State::init_by_array(&key)
    }

    fn genrand_u32(&mut self) -> u32 {
        let mag01 = [0, MATRIX_A];
        let mt = &mut self.mt;
        if self.index >= N {
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag01[(y & 1) as usize];
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag01[(y & 1) as usize];
            }
            let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag01[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits, `(a*2**26 + b) / 2**53`.
    fn random(&mut self) -> f64 {
        let a = self.genrand_u32() >> 5;
        let b = self.genrand_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)`: words from the least significant up, the last one cut to what is left.
    /// `None` when the result does not fit in 64 bits (the words are drawn all the same).
    fn getrandbits(&mut self, k: u64) -> Option<u64> {
        if k == 0 {
            return Some(0);
        }
        if k <= 32 {
            return Some(u64::from(self.genrand_u32() >> (32 - k)));
        }
        let words = (k - 1) / 32 + 1;
        let mut left = k;
        let mut out: Option<u64> = Some(0);
        for i in 0..words {
            let mut r = self.genrand_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            left = left.saturating_sub(32);
            out = match (out, i) {
                (Some(v), 0) => Some(v | u64::from(r)),
                (Some(v), 1) => Some(v | u64::from(r) << 32),
                (v, _) if r == 0 => v,
                _ => None,
            };
        }
        out
    }

    /// `_randbelow(n)` for `n > 0`: `getrandbits(n.bit_length())` until it is below `n`.
    fn randbelow(&mut self, n: u64) -> u64 {
        let k = u64::from(64 - n.leading_zeros());
        loop {
            // k <= 64 bits always fit.
            let r = self.getrandbits(k).unwrap_or(u64::MAX);
            if r < n {
                return r;
            }
        }
    }

    fn gauss(&mut self) -> f64 {
        if let Some(z) = self.gauss_next.take() {
            return z;
        }
        let x2pi = self.random() * std::f64::consts::TAU;
        let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
        self.gauss_next = Some(x2pi.sin() * g2rad);
        x2pi.cos() * g2rad
    }

    fn normalvariate(&mut self) -> f64 {
        let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
        loop {
            let u1 = self.random();
            let u2 = 1.0 - self.random();
            let z = magic * (u1 - 0.5) / u2;
            if z * z / 4.0 <= -u2.ln() {
                return z;
            }
        }
    }
}

/// A `random.Random` generator: the hidden one behind the module's functions (in
/// [`Interp::random`]) or one a program made with `random.Random(seed)`.
pub struct Random {
    state: RefCell<State>,
}

impl Default for Random {
    fn default() -> Self {
        Random {
            state: RefCell::new(State::from_u64(DEFAULT_SEED as u64)),
        }
    }
}

impl std::fmt::Debug for Random {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Random")
    }
}

/// The functions of `random`.
pub fn names() -> Vec<(&'static str, Obj)> {
    FUNCS
        .iter()
        .map(|n| (&n["random.".len()..], Obj::Builtin(n)))
        .collect()
}

/// Calls `random.<func>` on the program's hidden generator (`random.Random(...)` makes a new one).
pub fn call(interp: &Interp, func: &str, args: Vec<Obj>, kwargs: Kwargs) -> Result<Obj, Exc> {
    if func == "Random" {
        let r = Random::default();
        r.call(interp, "seed", args, kwargs)?;
        return Ok(Obj::Native(Rc::new(r)));
    }
    interp.random.call(interp, func, args, kwargs)
}

/// An argument that must be an int (or an integral float, which CPython 3.11 still accepts
/// with a deprecation warning); `what` names it in the `ValueError`.
fn index(o: &Obj, what: &str) -> Result<i128, Exc> {
    match o {
        Obj::Int(i) => Ok(i128::from(*i)),
        Obj::Bool(b) => Ok(i128::from(*b)),
        Obj::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Ok(*f as i128),
        Obj::Float(_) => Err(Exc::new(
            "ValueError",
            format!("non-integer {what} for randrange()"),
        )),
        other => Err(Exc::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn int_obj(v: i128) -> Result<Obj, Exc> {
    i64::try_from(v).map(Obj::Int).map_err(|_| {
        Exc::new(
            "OverflowError",
            "random integer does not fit in 64 bits (Eddy's ints are 64-bit)",
        )
    })
}

/// A sequence argument: `len(seq)` and `seq[i]` without copying a range.
enum Seq {
    Range(i64, i64, i64),
    Items(Vec<Obj>),
}

impl Seq {
    fn new(interp: &Interp, o: &Obj) -> Result<Seq, Exc> {
        Ok(match o {
            Obj::Range(a, b, s) => Seq::Range(*a, *b, *s),
            Obj::Set(_) | Obj::Dict(_) => {
                return Err(Exc::type_error(
                    "Population must be a sequence.  For dicts or sets, use sorted(d).",
                ))
            }
            other => Seq::Items(interp.iterate(other)?),
        })
    }

    fn len(&self) -> u64 {
        match self {
            Seq::Range(a, b, s) => range_len(*a, *b, *s) as u64,
            Seq::Items(v) => v.len() as u64,
        }
    }

    fn get(&self, i: u64) -> Obj {
        match self {
            Seq::Range(a, _, s) => Obj::Int(a + i as i64 * s),
            Seq::Items(v) => v[i as usize].clone(),
        }
    }
}

impl Random {
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.borrow_mut())
    }

    fn randrange(&self, start: &Obj, stop: Option<&Obj>, step: Option<&Obj>) -> Result<Obj, Exc> {
        let istart = index(start, "arg 1")?;
        let Some(stop) = stop.filter(|s| !matches!(s, Obj::None)) else {
            if step.is_some() {
                return Err(Exc::type_error("Missing a non-None stop argument"));
            }
            if istart > 0 {
                return int_obj(i128::from(self.with(|s| s.randbelow(istart as u64))));
            }
            return Err(Exc::new("ValueError", "empty range for randrange()"));
        };
        let istop = index(stop, "stop")?;
        let width = istop - istart;
        let istep = match step {
            Some(s) => index(s, "step")?,
            None => 1,
        };
        if istep == 1 {
            if width > 0 && width <= i128::from(u64::MAX) {
                return int_obj(istart + i128::from(self.with(|s| s.randbelow(width as u64))));
            }
            return Err(Exc::new(
                "ValueError",
                format!("empty range for randrange() ({istart}, {istop}, {width})"),
            ));
        }
        let n = if istep > 0 {
            (width + istep - 1).div_euclid(istep)
        } else if istep < 0 {
            (width + istep + 1).div_euclid(istep)
        } else {
            return Err(Exc::new("ValueError", "zero step for randrange()"));
        };
        if n <= 0 {
            return Err(Exc::new("ValueError", "empty range for randrange()"));
        }
        int_obj(istart + istep * i128::from(self.with(|s| s.randbelow(n as u64))))
    }

    fn seed(&self, a: Option<&Obj>, version: i64) -> Result<(), Exc> {
        let state = match a {
            None | Some(Obj::None) => State::from_u64(DEFAULT_SEED as u64),
            Some(Obj::Int(i)) => State::from_u64(i.unsigned_abs()),
            Some(Obj::Bool(b)) => State::from_u64(u64::from(*b)),
            Some(Obj::Float(f)) => {
                let h = eddy_core::value::py_hash(&eddy_core::Value::Float(*f))?;
                State::from_u64(h as u64)
            }
            Some(Obj::Str(s)) if version == 1 => {
                let chars: Vec<u64> = s.chars().map(u64::from).collect();
                let mut x = chars.first().map_or(0, |c| c << 7);
                for c in &chars {
                    x = 1_000_003u64.wrapping_mul(x) ^ c;
                }
                State::from_u64(x ^ chars.len() as u64)
            }
            Some(Obj::Str(s)) => {
                let mut bytes = s.as_bytes().to_vec();
                bytes.extend_from_slice(&Sha512::digest(s.as_bytes()));
                State::from_be_bytes(&bytes)
            }
            Some(_) => return Err(Exc::type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        };
        *self.state.borrow_mut() = state;
        Ok(())
    }

    fn getstate(&self) -> Obj {
        self.with(|s| {
            let mut words: Vec<Obj> = s.mt.iter().map(|w| Obj::Int(i64::from(*w))).collect();
            words.push(Obj::Int(s.index as i64));
            Obj::tuple(vec![
                Obj::Int(3),
                Obj::tuple(words),
                s.gauss_next.map_or(Obj::None, Obj::Float),
            ])
        })
    }

    fn setstate(&self, state: &Obj) -> Result<(), Exc> {
        let bad = || Exc::new("ValueError", "state vector is the wrong size");
        let Obj::Tuple(parts) = state else {
            return Err(Exc::type_error("state vector must be a tuple"));
        };
        match parts.first() {
            Some(Obj::Int(3)) if parts.len() == 3 => {}
            Some(v) => {
                return Err(Exc::new(
                    "ValueError",
                    format!(
                        "state with version {} passed to Random.setstate() of version 3",
                        v.to_str()
                    ),
                ))
            }
            None => return Err(bad()),
        }
        let Obj::Tuple(words) = &parts[1] else {
            return Err(Exc::type_error("state vector must be a tuple"));
        };
        if words.len() != N + 1 {
            return Err(bad());
        }
        let mut mt = [0u32; N];
        for (slot, w) in mt.iter_mut().zip(words.iter()) {
            *slot = super::as_int(w, "setstate")? as u32;
        }
        let idx = super::as_int(&words[N], "setstate")?;
        if !(0..=N as i64).contains(&idx) {
            return Err(Exc::new("ValueError", "invalid state"));
        }
        let gauss_next = match &parts[2] {
            Obj::None => None,
            other => Some(as_float(other, "setstate")?),
        };
        *self.state.borrow_mut() = State {
            mt,
            index: idx as usize,
            gauss_next,
        };
        Ok(())
    }

    /// Calls method `func` of this generator.
    fn call(
        &self,
        interp: &Interp,
        func: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        let arg = |i: usize, name: &str| -> Result<&Obj, Exc> {
            arg_or_kw(&args, &kwargs, i, name).ok_or_else(|| {
                Exc::type_error(format!(
                    "Random.{func}() missing 1 required positional argument: '{name}'"
                ))
            })
        };
        let float_or = |i: usize, name: &str, default: f64| -> Result<f64, Exc> {
            match arg_or_kw(&args, &kwargs, i, name) {
                Some(o) => as_float(o, func),
                None => Ok(default),
            }
        };
        Ok(match func {
            "seed" => {
                let version = match arg_or_kw(&args, &kwargs, 1, "version") {
                    Some(v) => super::as_int(v, "seed")?,
                    None => 2,
                };
                self.seed(arg_or_kw(&args, &kwargs, 0, "a"), version)?;
                Obj::None
            }
            "random" => Obj::Float(self.with(State::random)),
            "getrandbits" => {
                let k = super::as_int(arg(0, "k")?, "getrandbits")?;
                if k < 0 {
                    return Err(Exc::new(
                        "ValueError",
                        "number of bits must be non-negative",
                    ));
                }
                let r = self.with(|s| s.getrandbits(k as u64));
                int_obj(r.map_or(i128::MAX, i128::from))?
            }
            "randrange" => self.randrange(
                arg(0, "start")?,
                arg_or_kw(&args, &kwargs, 1, "stop"),
                arg_or_kw(&args, &kwargs, 2, "step"),
            )?,
            "randint" => {
                let b = arg(1, "b")?.binop(BinOp::Add, &Obj::Int(1))?;
                self.randrange(arg(0, "a")?, Some(&b), None)?
            }
            "choice" => {
                let seq = arg(0, "seq")?;
                let items = match seq {
                    Obj::Set(_) | Obj::Dict(_) => {
                        // CPython indexes it and fails there (`seq[i]`).
                        let n =
                            super::functions::call(interp, "len", vec![seq.clone()], Vec::new())?;
                        if !n.truthy() {
                            return Err(Exc::new(
                                "IndexError",
                                "Cannot choose from an empty sequence",
                            ));
                        }
                        let i = self
                            .with(|s| s.randbelow(super::as_int(&n, "len").unwrap_or(1) as u64));
                        return interp.subscript(seq, &Obj::Int(i as i64));
                    }
                    other => Seq::new(interp, other)?,
                };
                let n = items.len();
                if n == 0 {
                    return Err(Exc::new(
                        "IndexError",
                        "Cannot choose from an empty sequence",
                    ));
                }
                items.get(self.with(|s| s.randbelow(n)))
            }
            "choices" => self.choices(interp, &args, &kwargs)?,
            "shuffle" => {
                let Obj::List(l) = arg(0, "x")? else {
                    return Err(Exc::type_error(format!(
                        "'{}' object does not support item assignment",
                        arg(0, "x")?.type_name()
                    )));
                };
                let mut l = l.borrow_mut();
                let mut state = self.state.borrow_mut();
                for i in (1..l.len()).rev() {
                    let j = state.randbelow(i as u64 + 1) as usize;
                    l.swap(i, j);
                }
                Obj::None
            }
            "sample" => {
                if kwarg(&kwargs, "counts").is_some() {
                    return Err(Exc::new(
                        "NotImplementedError",
                        "Eddy does not support random.sample(..., counts=...) yet",
                    ));
                }
                let population = Seq::new(interp, arg(0, "population")?)?;
                let k = super::as_int(arg(1, "k")?, "sample")?;
                self.sample(&population, k)?
            }
            "uniform" => {
                let (a, b) = (arg(0, "a")?, arg(1, "b")?);
                let r = Obj::Float(self.with(State::random));
                a.binop(BinOp::Add, &b.binop(BinOp::Sub, a)?.binop(BinOp::Mul, &r)?)?
            }
            "triangular" => {
                let low = float_or(0, "low", 0.0)?;
                let high = float_or(1, "high", 1.0)?;
                let mode = arg_or_kw(&args, &kwargs, 2, "mode").filter(|m| !matches!(m, Obj::None));
                let mut u = self.with(State::random);
                let mut c = match mode {
                    None => 0.5,
                    Some(_) if high == low => {
                        return Ok(arg_or_kw(&args, &kwargs, 0, "low")
                            .cloned()
                            .unwrap_or(Obj::Float(0.0)))
                    }
                    Some(m) => (as_float(m, func)? - low) / (high - low),
                };
                let (mut low, mut high) = (low, high);
                if u > c {
                    u = 1.0 - u;
                    c = 1.0 - c;
                    std::mem::swap(&mut low, &mut high);
                }
                Obj::Float(low + (high - low) * (u * c).sqrt())
            }
            "gauss" | "normalvariate" | "lognormvariate" => {
                let (mu, sigma) = if func == "lognormvariate" {
                    (
                        as_float(arg(0, "mu")?, func)?,
                        as_float(arg(1, "sigma")?, func)?,
                    )
                } else {
                    (float_or(0, "mu", 0.0)?, float_or(1, "sigma", 1.0)?)
                };
                let z = if func == "gauss" {
                    self.with(State::gauss)
                } else {
                    self.with(State::normalvariate)
                };
                let x = mu + z * sigma;
                Obj::Float(if func == "lognormvariate" { x.exp() } else { x })
            }
            "expovariate" => {
                let lambd = float_or(0, "lambd", 1.0)?;
                let r = self.with(State::random);
                if lambd == 0.0 {
                    return Err(Exc::new("ZeroDivisionError", "float division by zero"));
                }
                Obj::Float(-(1.0 - r).ln() / lambd)
            }
            "getstate" => self.getstate(),
            "setstate" => {
                self.setstate(arg(0, "state")?)?;
                Obj::None
            }
            _ => {
                return Err(Exc::new(
                    "NotImplementedError",
                    format!("Eddy does not support random.{func} yet"),
                ))
            }
        })
    }

    fn sample(&self, population: &Seq, k: i64) -> Result<Obj, Exc> {
        let n = population.len();
        if k < 0 || k as u64 > n {
            return Err(Exc::new(
                "ValueError",
                "Sample larger than population or is negative",
            ));
        }
        let k = k as u64;
        let mut setsize: u64 = 21;
        if k > 5 {
            // 4 ** ceil(log(k * 3, 4)), computed as CPython's math.log does: ln(x) / ln(4).
            let e = ((k as f64 * 3.0).ln() / 4.0f64.ln()).ceil() as u32;
            setsize = setsize.saturating_add(4u64.saturating_pow(e));
        }
        let mut state = self.state.borrow_mut();
        let mut result = Vec::with_capacity(k as usize);
        if n <= setsize {
            let mut pool: Vec<Obj> = (0..n).map(|i| population.get(i)).collect();
            for i in 0..k {
                let j = state.randbelow(n - i) as usize;
                result.push(pool[j].clone());
                pool[j] = pool[(n - i - 1) as usize].clone();
            }
        } else {
            let mut selected = rustc_hash::FxHashSet::default();
            for _ in 0..k {
                let mut j = state.randbelow(n);
                while selected.contains(&j) {
                    j = state.randbelow(n);
                }
                selected.insert(j);
                result.push(population.get(j));
            }
        }
        Ok(Obj::list(result))
    }

    fn choices(&self, interp: &Interp, args: &[Obj], kwargs: &Kwargs) -> Result<Obj, Exc> {
        let population = Seq::new(
            interp,
            arg_or_kw(args, kwargs, 0, "population").ok_or_else(|| {
                Exc::type_error(
                    "Random.choices() missing 1 required positional argument: 'population'",
                )
            })?,
        )?;
        let n = population.len();
        let k = match kwarg(kwargs, "k") {
            Some(k) => super::as_int(k, "choices")?.max(0),
            None => 1,
        };
        crate::interp::check_size(k)?;
        let weights = arg_or_kw(args, kwargs, 1, "weights").filter(|w| !matches!(w, Obj::None));
        let cum = kwarg(kwargs, "cum_weights").filter(|w| !matches!(w, Obj::None));
        let mut out = Vec::with_capacity(k as usize);
        let cum_weights = match (weights, cum) {
            (None, None) => {
                let nf = n as f64;
                for _ in 0..k {
                    let i = (self.with(State::random) * nf).floor() as u64;
                    if i >= n {
                        return Err(Exc::new("IndexError", "list index out of range"));
                    }
                    out.push(population.get(i));
                }
                return Ok(Obj::list(out));
            }
            (Some(_), Some(_)) => {
                return Err(Exc::type_error(
                    "Cannot specify both weights and cumulative weights",
                ))
            }
            (Some(w), None) => {
                if let Obj::Int(k) = w {
                    return Err(Exc::type_error(format!(
                        "The number of choices must be a keyword argument: k={k}"
                    )));
                }
                let mut acc: Option<Obj> = None;
                let mut cum = Vec::new();
                for x in interp.iterate(w)? {
                    let next = match acc {
                        None => x,
                        Some(a) => a.binop(BinOp::Add, &x)?,
                    };
                    cum.push(next.clone());
                    acc = Some(next);
                }
                cum
            }
            (None, Some(c)) => interp.iterate(c)?,
        };
        if cum_weights.len() as u64 != n {
            return Err(Exc::new(
                "ValueError",
                "The number of weights does not match the population",
            ));
        }
        let total = match cum_weights.last() {
            Some(t) => as_float(&t.binop(BinOp::Add, &Obj::Float(0.0))?, "choices")?,
            None => return Err(Exc::new("IndexError", "list index out of range")),
        };
        if total <= 0.0 {
            return Err(Exc::new(
                "ValueError",
                "Total of weights must be greater than zero",
            ));
        }
        if !total.is_finite() {
            return Err(Exc::new("ValueError", "Total of weights must be finite"));
        }
        let hi = n as usize - 1;
        for _ in 0..k {
            let x = Obj::Float(self.with(State::random) * total);
            // bisect_right(cum_weights, x, 0, hi)
            let (mut lo, mut up) = (0usize, hi);
            while lo < up {
                let mid = (lo + up) / 2;
                if x.compare(CmpKind::Lt, &cum_weights[mid])? {
                    up = mid;
                } else {
                    lo = mid + 1;
                }
            }
            out.push(population.get(lo as u64));
        }
        Ok(Obj::list(out))
    }
}

const METHODS: &[&str] = &[
    "seed",
    "random",
    "randrange",
    "randint",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "triangular",
    "getrandbits",
    "getstate",
    "setstate",
];

impl Native for Random {
    fn type_name(&self) -> &'static str {
        "Random"
    }

    fn has_method(&self, name: &str) -> bool {
        METHODS.contains(&name)
    }

    fn call_method(
        self: Rc<Self>,
        interp: &Interp,
        name: &str,
        args: Vec<Obj>,
        kwargs: Kwargs,
    ) -> Result<Obj, Exc> {
        self.call(interp, name, args, kwargs)
    }

    fn repr(&self) -> String {
        "<random.Random object>".into()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `random.seed(1111); [random.getrandbits(32) for _ in range(3)]` in CPython 3.11.
    #[test]
    fn seeded_words_match_cpython() {
        let mut s = State::from_u64(1111);
        let words: Vec<u32> = (0..3).map(|_| s.genrand_u32()).collect();
        assert_eq!(words, [934_588_202, 848_674_376, 1_479_103_986]);
    }

    /// `random.seed(s); random.random()` for an int, a negative int, a float and a str seed.
    #[test]
    fn every_kind_of_seed_matches_cpython() {
        let r = Random::default();
        let first = |seed: Obj| {
            r.seed(Some(&seed), 2).unwrap();
            r.with(State::random)
        };
        assert_eq!(first(Obj::str("hello")), 0.3537754404730722);
        assert_eq!(first(Obj::Float(3.5)), 0.3039190124834461);
        assert_eq!(first(Obj::Int(-(1 << 40) - 7)), 0.6137037779936511);
    }
}

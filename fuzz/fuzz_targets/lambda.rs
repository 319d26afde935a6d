//! Arbitrary text compiled as a pipeline function from its source alone (what the operator
//! picker hands the engine, `lambda x: x * 2`: `ProgramResolver::standalone()` compiles it with
//! `Interp::compile_function`), then called on a few records as the engine's `PyFunc::call`
//! calls it (records to objects, a step budget per call, the result back to a record), with
//! a smaller budget than the product's.
//!
//! The first byte picks the records; the rest is the source.

#![no_main]

use std::sync::Arc;

use eddy_core::Value;
use eddy_python::interp::Interp;
use eddy_python::obj::Obj;
use libfuzzer_sys::fuzz_target;

fn records(pick: u8) -> Vec<Vec<Value>> {
    let s = |x: &str| Value::Str(Arc::from(x));
    let pair = |k: Value, v: Value| Value::Tuple(Arc::from(vec![k, v]));
    let one = match pick % 6 {
        0 => vec![Value::Int(3)],
        1 => vec![s("to be or not to be")],
        2 => vec![pair(s("a"), Value::Int(2))],
        3 => vec![Value::Float(-1.5)],
        4 => vec![pair(s("k"), pair(Value::Int(1), Value::None))],
        _ => vec![Value::Bool(true)],
    };
    let two = vec![Value::Int(i64::MAX), Value::Int(-7)];
    vec![
        one,
        two,
        vec![Value::List(Arc::from(vec![s(""), Value::Int(0)]))],
    ]
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok((interp, func)) = Interp::compile_function(source) else {
        return;
    };
    for args in records(pick) {
        let args = args.iter().map(Obj::from_value).collect();
        let _ = interp
            .with_budget(20_000, || interp.call(&func, args, Vec::new()))
            .and_then(|r| r.to_value());
    }
});

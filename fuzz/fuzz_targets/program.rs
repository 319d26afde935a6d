//! Arbitrary text run as a PySpark program for up to 3 batches, under small step budgets (the
//! product's take up to a few seconds to run out; libFuzzer's timeout is 10 s here).
//! Programs may read one small file (any path), as `textFile`/`open` would.

#![no_main]

use eddy_python::interp::Budget;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files = Box::new(|path: &str| {
        (!path.is_empty()).then(|| "a,1\nb,2\nc,3 x y\n\n-4.5,a b,\n".to_string())
    });
    let budget = Budget {
        program_steps: 200_000,
        call_steps: 20_000,
        ..Budget::default()
    };
    let out = eddy_python::run_with_budget("fuzz.py", text, 3, files, budget);
    if let Some(e) = &out.error {
        assert!(e.line >= 1 && e.column >= 1, "{e:?}");
    }
    for w in out.batch_starts.windows(2) {
        assert!(w[0] <= w[1], "batch_starts go back: {:?}", out.batch_starts);
    }
    if let Some(&last) = out.batch_starts.last() {
        assert!(last <= out.stdout.len(), "batch start past the output");
    }
});

//! The orders workload's throughput natively and in headless Chromium (wasm, in a dedicated
//! worker as the playground runs programs; natively with `eddy`'s allocator): `scripts/bench-wasm.sh` runs both and prints the
//! ratio (issue 7 asks for wasm at least 0.6× native). Ignored by `cargo test`: it is a
//! benchmark; as a test it only checks that the program ran cleanly. Both print a hash of what
//! the program printed, so the script can check that they computed the same thing.

use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

use eddy_python::workloads::orders;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// Native Eddy as `eddy run` runs it: with the CLI's allocator.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BATCHES: usize = 20;
const SIZE: usize = 10_000;

/// Milliseconds from an arbitrary origin.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds from an arbitrary origin.
#[cfg(not(target_arch = "wasm32"))]
fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

fn measure() -> String {
    // The first run of a process also pays for growing its heap: warm up on a little input.
    orders::run(Arc::new(orders::files(2, 1_000)));
    let files = Arc::new(orders::files(BATCHES, SIZE));
    let start = now_ms();
    let out = orders::run(files);
    let ms = now_ms() - start;
    assert!(
        out.error.is_none() && out.stderr.is_empty(),
        "the orders program failed: {:?}\n{}",
        out.error,
        out.stderr
    );
    let mut hash = DefaultHasher::new();
    hash.write(out.stdout.as_bytes());
    let rate = (BATCHES * SIZE) as f64 / (ms / 1e3);
    format!(
        "orders {BATCHES}x{SIZE}: {rate:.0} orders/s in {ms:.0} ms; output hash {:016x}",
        hash.finish()
    )
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench-wasm.sh runs it"]
fn orders_throughput() {
    wasm_bindgen_test::console_log!("wasm {}", measure());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
#[ignore = "a benchmark: scripts/bench-wasm.sh runs it"]
fn orders_throughput() {
    println!("native {}", measure());
}

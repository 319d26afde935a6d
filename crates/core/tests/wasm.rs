//! The engine in a real browser prints byte for byte what it prints natively, and what real
//! PySpark printed (the seed (a) golden of `../shared/conformance`).
#![cfg(target_arch = "wasm32")]

use eddy_core::{demo, Engine};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_A_GOLDEN: &str =
    include_str!("../../../../shared/conformance/seed_a_reduce_add.spark.txt");

#[wasm_bindgen_test]
fn seed_a_in_the_browser_prints_what_pyspark_printed() {
    let mut engine = Engine::new(demo::seed_reduce_add()).unwrap();
    let printed: String = (0..7).map(|_| engine.step().console).collect();
    assert_eq!(printed, SEED_A_GOLDEN);
}

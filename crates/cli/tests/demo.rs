//! The demo pipeline is seed (a): `eddy demo` must print what real PySpark printed for it.

use std::path::PathBuf;
use std::process::Command;

/// `../shared` beside the checkout, or `EDDY_SHARED`.
fn shared() -> PathBuf {
    std::env::var_os("EDDY_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

#[test]
fn demo_prints_what_pyspark_printed_for_seed_a() {
    let golden = shared().join("conformance/seed_a_reduce_add.spark.txt");
    let want =
        std::fs::read_to_string(&golden).unwrap_or_else(|e| panic!("{}: {e}", golden.display()));
    let out = Command::new(env!("CARGO_BIN_EXE_eddy"))
        .args(["demo", "--batches", "7"])
        .output()
        .expect("eddy runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
}

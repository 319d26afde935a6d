#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs every test, printing each stage's duration.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh

NATIVE=(-p eddy-core -p eddy-python -p eddy-cli -p unicode_names2)
WASM=wasm32-unknown-unknown
total_start=$(date +%s)

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy, native"
cargo clippy --all-targets "${NATIVE[@]}" -- -D warnings

step "clippy, wasm32"
cargo clippy --all-targets --workspace --target "$WASM" -- -D warnings

step "rustdoc (warnings are errors)"
RUSTDOCFLAGS=-Dwarnings cargo doc --no-deps "${NATIVE[@]}" --quiet

step "native tests and doctests"
cargo test "${NATIVE[@]}"

step "reference harness (real PySpark)"
# Re-runs every conformance program on real PySpark 4.3.0 (one SparkContext, ManualClock) and fails
# if a stored golden differs from what Spark prints now (tests/harness/README.md).
"$VENV/bin/python" -m unittest tests/harness/test_compare.py
"$VENV/bin/python" tests/harness/run.py --check tests/conformance/*.py

step "wasm-bindgen-test in headless Chromium"
cargo test --target "$WASM" -p eddy-core -p eddy-web

step "trunk build --release"
trunk build --release

step "wasm size"
for f in target/dist/*.wasm target/dist/*.js; do
  printf '%-48s %8d bytes raw, %8d bytes gzip\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done

step "Playwright against the built site (Debian Chromium)"
(cd tests/e2e && node --test --test-reporter=spec)
echo "screenshots: $(ls target/screenshots/*.png | tr '\n' ' ')"

end_steps
echo "==> total: $(( $(date +%s) - total_start ))s (plus setup)"

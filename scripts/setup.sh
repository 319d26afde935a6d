#!/usr/bin/env bash
# Installs everything Eddy needs to build, serve and test, from the package registries only.
# Idempotent: every step checks first and skips what is already there. Never reads stdin.
# Versions are pinned here and in Cargo.lock; see ../shared/TOOLCHAIN.md for why each one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

TRUNK_VERSION=0.21.14
# The CLI must equal the wasm-bindgen crate in Cargo.lock, or trunk tries (and fails) to download one.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
PYSPARK_VERSION=4.3.0

step "rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

step "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # A debug build without debuginfo installs in half the time of the fat-LTO release build
  # and is just as usable: trunk's own work is tiny next to cargo's.
  CARGO_PROFILE_DEV_DEBUG=0 cargo install --locked --debug trunk --version "$TRUNK_VERSION"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # --locked fails: the CLI's lockfile pins a webpki-roots version the registry no longer has.
  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback \
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

step "chromium and chromedriver (Debian)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi

step "npm packages for browser tests and wasm-opt"
# playwright-core drives /usr/bin/chromium (no browser download); binaryen gives a wasm-opt that
# understands what rustc emits (Debian's binaryen is too old).
if ! (cd tests/e2e && npm ls --silent >/dev/null 2>&1); then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi

step "python venv with pyspark $PYSPARK_VERSION (reference harness)"
if ! "$VENV/bin/python" -c "import pyspark, numpy, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "pyspark==$PYSPARK_VERSION" numpy
fi

end_steps

#!/usr/bin/env bash
# The orders pipeline natively and as WebAssembly in headless Debian Chromium (in a dedicated
# worker, as the playground runs programs), one after the other on this machine, and the ratio
# (issue 7: the browser at least 0.6x native). Both runs print a hash of the program's output;
# the script fails if they differ. Profiles: native `release` with the CLI's allocator (what
# `eddy run` is), wasm `web-worker` (what trunk ships for the worker: opt-level 3, fat LTO) and,
# for comparison, wasm `web` (the page's profile: opt-level z).
# Usage: bash scripts/bench-wasm.sh [--quick]   (--quick: only the shipped `web-worker` profile)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
TEST=(-p eddy-python --test orders_throughput)

line() { grep -E "^(native|wasm) orders" | tail -1; }
rate() { sed -E 's/.*: ([0-9]+) orders\/s.*/\1/'; }
hash() { sed -E 's/.*output hash ([0-9a-f]+).*/\1/'; }

echo "==> native (release, mimalloc as in eddy)"
native=$(cargo test --release "${TEST[@]}" -- --ignored --nocapture 2>/dev/null | line)
echo "$native"

profiles=(web-worker)
[[ "${1:-}" == "--quick" ]] || profiles+=(web)
for profile in "${profiles[@]}"; do
  echo "==> wasm ($profile profile) in headless Chromium"
  wasm=$(cargo test --profile "$profile" --target wasm32-unknown-unknown "${TEST[@]}" \
    -- --include-ignored --nocapture 2>/dev/null | line)
  echo "$wasm"
  if [[ "$(hash <<<"$wasm")" != "$(hash <<<"$native")" ]]; then
    echo "wasm and native printed different output" >&2
    exit 1
  fi
  awk -v w="$(rate <<<"$wasm")" -v n="$(rate <<<"$native")" -v p="$profile" \
    'BEGIN { printf "wasm (%s) / native: %.2fx (goal >= 0.6x: %s)\n", p, w / n, (w / n >= 0.6 ? "met" : "missed") }'
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews both runs)"

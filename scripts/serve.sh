#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh), then builds and serves the playground on localhost.
# The page opens with the first preset loaded, ready to run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/lib.sh
PORT=${PORT:-8080}
step "serving the playground"
echo "==> open http://127.0.0.1:$PORT/ (Ctrl-C stops the server)"
exec trunk serve --release --port "$PORT"

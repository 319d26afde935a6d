# Shared by the project's scripts: where tools live and how stages are timed.
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$ROOT/tests/e2e/node_modules/.bin:$PATH"
export CHROME_BIN=/usr/bin/chromium

_stage_start=
_stage_name=
# Prints the duration of the previous step (if any) and starts timing the next one.
step() {
  local now
  now=$(date +%s)
  if [ -n "$_stage_name" ]; then
    printf '==> %s: %ss\n' "$_stage_name" "$((now - _stage_start))"
  fi
  _stage_name=$1
  _stage_start=$now
  if [ -n "$1" ]; then printf '\n==> %s\n' "$1"; fi
}

# Prints the duration of the last step.
end_steps() {
  step ""
  _stage_name=
}

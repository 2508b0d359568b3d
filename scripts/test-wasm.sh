#!/usr/bin/env bash
# Runs tests/wasm.rs (the Rust side of the lifecycle; every method is the case matrix's,
# tests/matrix) under wasm-bindgen-test in Node, headless Chromium and headless
# Firefox, against a running emulator, and fails unless each run executed every test
# (browser runs skip silently when misconfigured).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

expected=$(grep -c '^#\[wasm_bindgen_test\]' tests/wasm.rs)
emulator=${CHAT_EMULATOR_BIN:-target/debug/chat-emulator}
log=$(mktemp)
"$emulator" --port 0 --seed demo > "$log" &
emu_pid=$!
trap 'kill $emu_pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.1; done
export CHAT_EMULATOR_URL=$(sed -n 's/^listening on //p' "$log")
[ -n "$CHAT_EMULATOR_URL" ] || { echo "emulator did not start" >&2; exit 1; }

run() {
  local label=$1; shift
  local out
  out=$("$@" 2>&1) || { echo "$out" >&2; echo "wasm tests failed in $label" >&2; exit 1; }
  local passed
  passed=$(echo "$out" | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | sort -n | tail -n1)
  if [ "${passed:-0}" -ne "$expected" ]; then
    echo "$out" >&2
    echo "$label ran ${passed:-0} wasm tests, expected $expected" >&2
    exit 1
  fi
  echo "wasm-bindgen-test ($label): $passed passed, 0 failed"
}

run node wasm-pack test --node
WASM_BINDGEN_USE_BROWSER=1 run chromium wasm-pack test --headless --chrome --chromedriver "$(command -v chromedriver)"
WASM_BINDGEN_USE_BROWSER=1 run firefox wasm-pack test --headless --firefox --geckodriver "$(command -v geckodriver)"

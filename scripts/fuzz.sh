#!/usr/bin/env bash
# Fuzzes the native core: builds every target in fuzz/ with cargo-fuzz (nightly, libFuzzer,
# AddressSanitizer, debug assertions and overflow checks on) and runs each for a bounded
# time. Installs what is missing first (idempotent). One summary line per target, then
# `fuzz: N passed, M failed`; exits non-zero if any target crashed, hung or ran out of memory.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target...]   (default 30 s, every target)
#        FUZZ_JOBS=1 scripts/fuzz.sh 600                    (one target at a time)
#
# Each target starts from its committed seeds (fuzz/corpus/<target>, read only) plus the
# corpus earlier runs grew (fuzz/target/corpus/<target>, not committed), so repeated runs
# go deeper. A failing input is saved under fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_PER_TARGET=${1:-30}
shift $(($# > 0 ? 1 : 0))
case "$SECONDS_PER_TARGET" in '' | *[!0-9]* | 0)
  echo "usage: scripts/fuzz.sh [seconds-per-target>0] [target...]" >&2; exit 2 ;;
esac

log() { printf '[fuzz] %s\n' "$*" >&2; }

# --- what the build needs -----------------------------------------------------------------
"$(dirname "$0")/setup.sh" nightly # cargo fuzz needs nightly for -Zsanitizer
if ! command -v c++ >/dev/null; then # libfuzzer-sys compiles libFuzzer's C++ sources
  log "apt-get install g++"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq g++ >/dev/null
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  log "cargo install cargo-fuzz (~2 min)"
  cargo install cargo-fuzz --locked -q 2>/dev/null || cargo install cargo-fuzz -q
fi

cd fuzz
started=$(date +%s)
mkdir -p target/logs
log "cargo +nightly fuzz build (first time ~2 min)"
if ! cargo +nightly fuzz build >target/logs/build.log 2>&1; then
  grep -Ev '^ *(Compiling|Downloaded|Downloading) ' target/logs/build.log | tail -n 40 >&2
  log "build failed (fuzz/target/logs/build.log)"
  echo "fuzz: 0 passed, 1 failed"
  exit 1
fi
log "built in $(($(date +%s) - started)) s"

if [ $# -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo +nightly fuzz list); fi

# Runs one target; writes its summary line(s) to target/logs/<target>.result, returns its status.
fuzz_one() {
  local t=$1 logfile="target/logs/$1.log" result="target/logs/$1.result" rc=0
  if [ ! -d "corpus/$t" ]; then
    echo "fuzz: $t FAILED (no seed corpus fuzz/corpus/$t)" >"$result"
    return 1
  fi
  mkdir -p "target/corpus/$t" "artifacts/$t"
  local before
  before=$(ls "artifacts/$t" | wc -l)
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: memory blow-ups fail too.
  cargo +nightly fuzz run "$t" "target/corpus/$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -dict=json.dict -print_final_stats=1 >"$logfile" 2>&1 || rc=$?
  local runs cov corp
  runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 runs in \2 s/p' "$logfile" | tail -n1)
  # A crash while loading the seeds leaves no `cov:` line: not a reason to stop the script.
  cov=$(grep -o 'cov: [0-9]*' "$logfile" | tail -n1 | cut -d' ' -f2 || true)
  corp=$(ls "target/corpus/$t" | wc -l)
  if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
    echo "fuzz: $t ok ($runs, coverage ${cov:-?} edges, corpus $corp)" >"$result"
    return 0
  fi
  local artifact=""
  if [ "$(ls "artifacts/$t" | wc -l)" -gt "$before" ]; then artifact=$(ls -t "artifacts/$t" | head -n1); fi
  {
    echo "fuzz: $t FAILED (exit $rc; log fuzz/$logfile${artifact:+; input fuzz/artifacts/$t/$artifact})"
    grep -E -m1 -A4 'panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY' "$logfile" | sed 's/^/    /' || true
    if [ -n "$artifact" ]; then echo "    reproduce: (cd fuzz && cargo +nightly fuzz run $t artifacts/$t/$artifact)"; fi
  } >"$result"
  return 1
}

# FUZZ_JOBS targets at a time: each libFuzzer process uses one core; default 2 (1 on a
# single core), which keeps the 30 s run of every target within ~5 minutes with the build.
cores=$(nproc 2>/dev/null || echo 1)
jobs=${FUZZ_JOBS:-$((cores >= 2 ? 2 : 1))}
running=0
for t in "${targets[@]}"; do
  rm -f "target/logs/$t.result"
  if [ "$jobs" -le 1 ]; then
    fuzz_one "$t" || true
    cat "target/logs/$t.result"
  else
    fuzz_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
  fi
done
wait || true
passed=0
failed=0
for t in "${targets[@]}"; do
  [ "$jobs" -le 1 ] || cat "target/logs/$t.result"
  if head -n1 "target/logs/$t.result" | grep -q "^fuzz: $t ok "; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
log "total $(($(date +%s) - started)) s"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

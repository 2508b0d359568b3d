#!/usr/bin/env bash
# Runs make targets one after another as the phases of `make test`, timing each, and stops
# at the first that fails. Each phase's output streams as it comes, except its last lines,
# held until the phase ends: after the last phase (or the failing one) the table of phase
# times is printed first and those lines after it, so the output still ends on a test
# runner's own summary (node --test's `# pass`/`# fail` block, cargo's `test result:`).
#
# Usage: scripts/phases.sh TARGET...   (the Makefile's TEST_PHASES)
# A phase already run is passed to the later ones as `make -o PHASE`, so that `pkg` (say),
# a prerequisite of several phases, is built once.
set -uo pipefail
cd "$(dirname "$0")/.."

HOLD=12 # node --test's summary block is 8 lines; cargo's is 2
make=${MAKE:-make}
names=()
times=()
done_opts=()
started=$(date +%s)
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

seconds() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

table() {
  echo
  echo "phase times (wall, m:ss):"
  local i
  for i in "${!names[@]}"; do printf '  %-20s %7s\n' "${names[$i]}" "$(seconds "${times[$i]}")"; done
  printf '  %-20s %7s\n' "total" "$(seconds $(($(date +%s) - started)))"
  echo
}

last=$#
n=0
for phase in "$@"; do
  n=$((n + 1))
  echo "=== phase $n/$last: $phase ==="
  t0=$(date +%s)
  # Streams every line but the last $HOLD, which go to a file for later.
  "$make" --no-print-directory "${done_opts[@]}" "$phase" 2>&1 |
    awk -v hold="$HOLD" -v rest="$log/held" '
      { if (NR > hold) { print buf[NR % hold]; fflush() } buf[NR % hold] = $0 }
      END { start = NR > hold ? NR - hold + 1 : 1; for (i = start; i <= NR; i++) print buf[i % hold] > rest }'
  rc=${PIPESTATUS[0]}
  names+=("$phase")
  times+=($(($(date +%s) - t0)))
  done_opts+=(-o "$phase")
  if [ "$rc" -ne 0 ] || [ "$n" -eq "$last" ]; then
    [ "$rc" -ne 0 ] && echo "phase $phase failed (exit $rc)"
    table
    cat "$log/held" 2>/dev/null
    exit "$rc"
  fi
  cat "$log/held" 2>/dev/null
  rm -f "$log/held"
  echo "--- $phase took $(seconds "${times[-1]}")"
done

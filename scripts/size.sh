#!/usr/bin/env bash
# Reports what a browser bundle pays for the package: the .wasm and the JS it loads, raw and
# gzip (-9). Fails when the gzip total exceeds the budget (bytes; SIZE_BUDGET overrides).
set -euo pipefail
cd "$(dirname "$0")/../pkg"
budget=${SIZE_BUDGET:-}
total_raw=0; total_gz=0
printf '%-40s %9s %9s\n' file raw gzip
for f in tencent_chat_conversations_bg.wasm web.js index.js client.js chat-error.js; do
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-40s %9d %9d\n' "$f" "$raw" "$gz"
done
printf '%-40s %9d %9d\n' "total (browser: wasm + glue)" "$total_raw" "$total_gz"
if [ -n "$budget" ] && [ "$total_gz" -gt "$budget" ]; then
  echo "size budget exceeded: $total_gz B gzip > $budget B" >&2
  exit 1
fi

#!/usr/bin/env bash
# Reports what a browser bundle pays for the package: the .wasm and the JS it loads, raw and
# gzip (-9), file by file as published, then as a production bundle carries them: the JS
# bundled and minified by esbuild from the package's browser entry. The budget (bytes;
# SIZE_BUDGET) applies to the latter, the .wasm plus the bundled JS, gzip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/pkg"
budget=${SIZE_BUDGET:-}
gz() { gzip -9c | wc -c; }
row() { printf '%-40s %9s %9s\n' "$@"; }

total_raw=0; total_gz=0
row file raw gzip
for f in tencent_chat_conversations_bg.wasm web.js index.js chat-error.js; do
  raw=$(wc -c < "$f"); gzip=$(gz < "$f")
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gzip))
  row "$f" "$raw" "$gzip"
done
row "total (files as published)" "$total_raw" "$total_gz"

# The .wasm stays a separate asset (index.js fetches it by URL); the JS is one chunk.
bundle=$("$root/node_modules/.bin/esbuild" index.js --bundle --minify --format=esm \
  --platform=browser --log-level=warning)
wasm_gz=$(gz < tencent_chat_conversations_bg.wasm)
bundle_gz=$(printf '%s' "$bundle" | gz)
row "JS bundled + minified (esbuild)" "$(printf '%s' "$bundle" | wc -c)" "$bundle_gz"
shipped=$((wasm_gz + bundle_gz))
row "in a production bundle: wasm + JS" "" "$shipped"
[ -z "$budget" ] && exit 0
if [ "$shipped" -gt "$budget" ]; then
  echo "size budget exceeded: $shipped B gzip > $budget B" >&2
  exit 1
fi
echo "size budget: $shipped B gzip <= $budget B"

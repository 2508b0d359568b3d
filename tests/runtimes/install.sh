#!/usr/bin/env bash
# Installs this project (Next.js, wrangler + miniflare, Deno and Bun from npm, as pinned by
# package-lock.json) and both packed tarballs (npm pack of pkg/ and pkg-emulator/, as users
# install them). Idempotent: `npm ci` only when the lock changed, the tarballs only when
# their bytes changed (their hash is kept in node_modules/.tarballs-key).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
for d in pkg pkg-emulator; do
  [ -f "$root/$d/package.json" ] || { echo "$root/$d is missing: run make pkg first" >&2; exit 1; }
done

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

tgz="$root/target/runtimes-tgz"
rm -rf "$tgz" && mkdir -p "$tgz"
client=$(cd "$root/pkg" && npm pack --silent --pack-destination "$tgz" | tail -n1)
emu=$(cd "$root/pkg-emulator" && npm pack --silent --pack-destination "$tgz" | tail -n1)
key=$(cat "$tgz/$client" "$tgz/$emu" | sha256sum | cut -d' ' -f1)
if [ "$(cat node_modules/.tarballs-key 2>/dev/null)" != "$key" ] \
   || [ ! -f node_modules/tencent-chat-conversations/package.json ] || [ ! -f node_modules/tencent-chat-emulator/package.json ]; then
  rm -rf node_modules/tencent-chat-conversations node_modules/tencent-chat-emulator node_modules/.tarballs-key
  npm install --no-save --no-audit --no-fund --loglevel=error "$tgz/$client" "$tgz/$emu"
  echo "$key" > node_modules/.tarballs-key
  echo "installed $client and $emu into tests/runtimes" >&2
fi

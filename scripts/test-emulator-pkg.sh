#!/usr/bin/env bash
# The emulator package as a user installs it: packs pkg-emulator/ and pkg/, installs both
# tarballs into a fresh project (target/emulator-user, from tests/emulator-pkg/) and runs
# its tests there with no cargo on PATH: the bin, MSW in Node and in Chromium (Vite +
# setupWorker), the case matrix (tests/matrix) against startEmulator(), real UserSigs, the
# signing proxy with the dashboard, the vitest and Playwright examples of docs/, strict TypeScript. Then the emulator's HTTP-level Rust suite runs against the installed bin (wasm).
# Needs: pkg/ and pkg-emulator/ built (make pkg), www/node_modules (make www-deps),
# target/debug/chat-emulator (make emulator).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

mkdir -p target
emu_tgz=$(cd pkg-emulator && npm pack --silent --pack-destination ../target | tail -n1)
client_tgz=$(cd pkg && npm pack --silent --pack-destination ../target | tail -n1)

proj=target/emulator-user
mkdir -p "$proj"
# Fresh sources each run; node_modules is kept between runs only as an install cache.
find "$proj" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
cp -r tests/emulator-pkg/. "$proj/"
mkdir -p "$proj/examples" && cp examples/signing-proxy.mjs "$proj/examples/"
cp -r tests/matrix "$proj/matrix"
mkdir -p "$proj/browser" && cp tests/browser/chromium.mjs "$proj/browser/"
cd "$proj"
rm -rf node_modules/tencent-chat-emulator node_modules/tencent-chat-conversations
npm install --no-audit --no-fund --loglevel=error "$root/target/$emu_tgz" "$root/target/$client_tgz"
echo "installed $emu_tgz and $client_tgz into $proj" >&2

no_cargo_path=$(tr ':' '\n' <<<"$PATH" | grep -v -e '\.cargo' -e '\.rustup' -e "^$root/node_modules" | paste -sd: -)
if PATH="$no_cargo_path" command -v cargo >/dev/null; then echo "cargo is still on PATH" >&2; exit 1; fi
export CHAT_EMULATOR_BIN="$root/target/debug/chat-emulator" WWW_ROOT="$root/www" DOCS_DIR="$root/docs"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PATH="$no_cargo_path" node --test --test-concurrency=1 tests/
PATH="$no_cargo_path" npx vitest run --reporter=dot
PATH="$no_cargo_path" npx playwright test --reporter=line
PATH="$no_cargo_path" npx tsc -p tsconfig.json
echo "tsc --strict: the emulator package's types compile; every @ts-expect-error misuse is rejected" >&2
cd "$root"

# Both shells answer the same suite: the HTTP-level tests against the installed bin.
CHAT_EMULATOR_CMD="node $root/$proj/node_modules/tencent-chat-emulator/bin/tencent-chat-emulator.js" \
  cargo test -p chat-emulator --test api -q

#!/usr/bin/env bash
# Assembles the npm package in pkg/: one optimised .wasm, the web (ESM) and nodejs (CJS)
# glue generated from the same wasm, the entry files and README from pkg-template/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

name=tencent_chat_conversations
out=target/pkg-build
rm -rf "$out" pkg
mkdir -p "$out" pkg

# Web glue + wasm-opt'd wasm (wasm-opt from the binaryen npm package, see TOOLCHAIN).
# std is rebuilt by nightly with panics as an immediate abort, which leaves out std's panic
# reporting and most of its formatting (7 KB of the gzip); panic locations and Debug output,
# which nothing can print any more, are left out too. The core has no path to a panic
# (clippy denies unwrap, expect and indexing), and a panic was already an abort. Its own
# target dir keeps these flags from invalidating the stable builds' cache.
std_target=target/pkg-std
RUSTUP_TOOLCHAIN=nightly CARGO_TARGET_DIR=$std_target \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
  wasm-pack build . --release --target web --out-dir "$out/web" --out-name "$name" --no-pack \
  -- -Zbuild-std=std,panic_abort >&2
raw="$std_target/wasm32-unknown-unknown/release/$name.wasm"
# Node glue from the very same cargo output; its _bg.wasm must equal the web one's
# pre-optimisation bytes, so the optimised wasm serves both.
wasm-bindgen --target nodejs --out-dir "$out/node" --out-name "$name" "$raw"
wasm-bindgen --target web --out-dir "$out/web-raw" --out-name "$name" "$raw"
cmp -s "$out/node/${name}_bg.wasm" "$out/web-raw/${name}_bg.wasm" \
  || { echo "nodejs and web targets produced different wasm; one .wasm cannot serve both" >&2; exit 1; }

cp "$out/web/${name}_bg.wasm" pkg/
cp "$out/web/$name.js" pkg/web.js
cp "$out/web/$name.d.ts" pkg/web.d.ts
cp "$out/node/$name.js" pkg/node.cjs
# The generated types (tsify's, from the Rust types) as api.d.ts: the nodejs declarations,
# which have no init functions. The class itself is declared in index.d.ts.
cp "$out/node/$name.d.ts" pkg/api.d.ts
cp pkg-template/index.js pkg-template/index.cjs pkg-template/index.mjs pkg-template/index.d.ts \
   pkg-template/chat-error.js pkg-template/client.js pkg-template/README.md pkg/
# CommonJS twins generated from the ESM sources, so each is written once.
sed -e 's/^export class ChatError/class ChatError/' pkg-template/chat-error.js > pkg/chat-error.cjs
echo 'module.exports = { ChatError };' >> pkg/chat-error.cjs
sed -e 's#^import { ChatError } from "./chat-error.js";#const { ChatError } = require("./chat-error.cjs");#' \
    -e 's/^export function createApi/function createApi/' pkg-template/client.js > pkg/client.cjs
echo 'module.exports = { createApi };' >> pkg/client.cjs
cp pkg/api.d.ts pkg/api.d.cts
sed -e 's#"./api.js"#"./api.cjs"#g' pkg-template/index.d.ts > pkg/index.d.cts

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
sed -e "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" pkg-template/package.json > pkg/package.json
ls pkg-template/bin >/dev/null 2>&1 && cp -r pkg-template/bin pkg/
echo "built pkg/ ($version): $(gzip -9c pkg/${name}_bg.wasm | wc -c) B wasm gzip" >&2

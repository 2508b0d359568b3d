#!/usr/bin/env bash
# Assembles the npm package tencent-chat-emulator in pkg-emulator/: the emulator service
# (emulator/wasm) as one optimised .wasm with its web (ESM) glue, and the JS shells from
# emulator/npm/ (bin, startEmulator, createEmulator, the MSW handlers, the types). The CJS
# entries are bundled from the ESM sources by esbuild, so each is written once.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

name=chat_emulator_wasm
out=target/pkg-emulator-build
dest=pkg-emulator
rm -rf "$out" "$dest"
mkdir -p "$out" "$dest"

cargo build -p chat-emulator-wasm --profile emulator-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir "$out" --out-name emulator \
  "target/wasm32-unknown-unknown/emulator-wasm/$name.wasm"
wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals \
  "$out/emulator_bg.wasm" -o "$dest/emulator_bg.wasm"
# The glue's own .d.ts is not shipped: the package's types are index.d.ts and msw.d.ts.
cp "$out/emulator.js" "$dest/emulator.js"

src=emulator/npm
cp "$src"/{core.js,browser.js,node.js,workerd.js,server.js,msw.js,index.d.ts,msw.d.ts,README.md} "$dest/"
mkdir -p "$dest/bin" && cp "$src/bin/tencent-chat-emulator.js" "$dest/bin/"
# CommonJS twins: import.meta.url becomes this file's URL.
for entry in node msw; do
  esbuild "$dest/$entry.js" --bundle --platform=node --format=cjs --target=node20 \
    --external:msw --external:msw/* --log-level=warning \
    --define:import.meta.url=__import_meta_url \
    --banner:js='const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' \
    --outfile="$dest/$entry.cjs"
done
cp "$dest/index.d.ts" "$dest/index.d.cts"
sed -e 's#"./index.js"#"./index.cjs"#g' "$dest/msw.d.ts" > "$dest/msw.d.cts"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' emulator/wasm/Cargo.toml | head -n1)
sed -e "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" "$src/package.json" > "$dest/package.json"
echo "built $dest/ ($version): $(gzip -9c "$dest/emulator_bg.wasm" | wc -c) B wasm gzip" >&2

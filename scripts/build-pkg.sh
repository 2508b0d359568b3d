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

# Web glue + wasm-opt'd wasm, on the stable toolchain. wasm-pack runs the wasm-opt on PATH:
# the binaryen npm package's (a dev dependency, node_modules/.bin), as Debian's binaryen is
# too old for current rustc output.
wasm-pack build . --release --target web --out-dir "$out/web" --out-name "$name" --no-pack >&2
raw="target/wasm32-unknown-unknown/release/$name.wasm"
# Node glue from the very same cargo output; its _bg.wasm must equal the web one's
# pre-optimisation bytes, so the optimised wasm serves both.
wasm-bindgen --target nodejs --out-dir "$out/node" --out-name "$name" "$raw"
wasm-bindgen --target web --out-dir "$out/web-raw" --out-name "$name" "$raw"
cmp -s "$out/node/${name}_bg.wasm" "$out/web-raw/${name}_bg.wasm" \
  || { echo "nodejs and web targets produced different wasm; one .wasm cannot serve both" >&2; exit 1; }

cp "$out/web/${name}_bg.wasm" pkg/
cp "$out/web/$name.js" pkg/web.js
cp "$out/web/$name.d.ts" pkg/web.d.ts
# The Node entries use the web glue too (initSync with the bytes they read), as CommonJS so
# that import and require share one instance.
esbuild pkg/web.js --format=cjs --platform=node --target=node20 --log-level=warning \
  --define:import.meta.url=__import_meta_url \
  --banner:js='const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' \
  --outfile=pkg/web.cjs
# The same bytes embedded, for the Node import entry inside server bundles that move the
# .wasm to a public URL (Next.js server actions, webpack server builds).
{
  echo '// The .wasm'"'"'s bytes (base64), for the Node import entry when a bundler moved the file.'
  echo 'import { Buffer } from "node:buffer";'
  printf 'export default Buffer.from("%s", "base64");\n' "$(base64 -w0 "$out/web/${name}_bg.wasm")"
} > pkg/wasm-inline.mjs
# The public types: the nodejs declarations (no init functions) as api.d.ts, without
# `[Symbol.dispose]`, which only compiles with lib esnext (the method stays at run time),
# and with a doc comment on the `free()` wasm-bindgen adds to every class (it writes none).
grep -v '\[Symbol.dispose\]' "$out/node/$name.d.ts" \
  | sed -e 's#^\( *\)free(): void;#\1/** Releases the object'"'"'s wasm memory now rather than when it is garbage-collected. Calls in flight still settle; a later call rejects with a ChatError (invalid_input), and a second free() does nothing. */\n&#' \
  > pkg/api.d.ts
cp pkg-template/index.js pkg-template/index.cjs pkg-template/index.mjs pkg-template/index.d.ts \
   pkg-template/workerd.js pkg-template/node-api.cjs pkg-template/glue.js pkg-template/chat-error.js pkg-template/guard.js pkg-template/README.md pkg/
# CommonJS twins generated from the ESM sources, so each is written once.
sed -e 's/^export class ChatError/class ChatError/' -e 's#"./api.js"#"./api.cjs"#g' pkg-template/chat-error.js > pkg/chat-error.cjs
echo 'module.exports = { ChatError };' >> pkg/chat-error.cjs
sed -e 's/^export function guardFreed/function guardFreed/' pkg-template/guard.js > pkg/guard.cjs
echo 'module.exports = { guardFreed };' >> pkg/guard.cjs
sed -e 's/^export function/function/' \
    -e 's#^import { \(.*\) } from "\./\(.*\)\.js";#const { \1 } = require("./\2.cjs");#' \
    -e 's#"./api.js"#"./api.cjs"#g' pkg-template/glue.js > pkg/glue.cjs
echo 'module.exports = { publicApi, wasmLoadError };' >> pkg/glue.cjs
cp pkg/api.d.ts pkg/api.d.cts
sed -e 's#"./api.js"#"./api.cjs"#g' pkg-template/index.d.ts > pkg/index.d.cts

# The version (and the repository links) come from Cargo.toml, the one place they are set.
node scripts/package-json.mjs pkg-template/package.json pkg/package.json
version=$(node -p 'require("./pkg/package.json").version')
ls pkg-template/bin >/dev/null 2>&1 && cp -r pkg-template/bin pkg/
echo "built pkg/ ($version): $(gzip -9c pkg/${name}_bg.wasm | wc -c) B wasm gzip" >&2

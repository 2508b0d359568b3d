// Module Web Workers in Chromium and Firefox: the worker of docs/runtimes.md (bundled by
// esbuild, its .wasm copied beside the chunks as the bundler leaves it) answers a message
// posted the moment it was created. And the browser entry's error when the .wasm cannot be
// loaded (missing, or a CSP without 'wasm-unsafe-eval') names the package, file and fix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { copyFileSync, cpSync, readFileSync, rmSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { chromiumPages } from "../browser/chromium.mjs";
import { FirefoxPages } from "../browser/firefox.mjs";
import { HERE, MODULES, REPO, cached, emulator, runOk, seed, shownFile } from "./harness.mjs";

const SRC = join(HERE, "web-worker");
const PKG = join(MODULES, "tencent-chat-conversations");
const WASM = "tencent_chat_conversations_bg.wasm";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

let emu;
let site;
let server;
let base;
let chromium;
const firefox = new FirefoxPages();

before(async () => {
  ({ dir: site } = await cached("web-worker", [SRC], async (out) => {
    await runOk(join(REPO, "node_modules/.bin/esbuild"), [join(SRC, "worker.js"), "--bundle", "--format=esm", "--splitting", "--platform=browser", `--outdir=${out}`, "--log-level=warning"]);
    copyFileSync(join(PKG, WASM), join(out, WASM));
    cpSync(join(SRC, "index.html"), join(out, "index.html"));
    // The unbundled package twice for the load-error page: without its .wasm, and whole.
    for (const [dir, keepWasm] of [["missing", false], ["csp", true]]) {
      cpSync(PKG, join(out, dir, "pkg"), { recursive: true });
      if (!keepWasm) rmSync(join(out, dir, "pkg", WASM));
      cpSync(join(SRC, "load-error.html"), join(out, dir, "index.html"));
    }
  }));
  server = http.createServer((req, res) => {
    if (firefox.handleReport(req, res)) return;
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(site, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(site)) return res.writeHead(403).end();
    let body;
    try {
      body = readFileSync(file);
    } catch {
      return res.writeHead(404).end();
    }
    const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream" };
    // Scripts allowed, WebAssembly compilation not ('wasm-unsafe-eval' missing).
    if (path.startsWith("/csp/")) headers["content-security-policy"] = "script-src 'self' 'unsafe-inline'";
    res.writeHead(200, headers).end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  emu = await emulator();
  chromium = await chromiumPages();
});
after(async () => {
  await chromium?.close();
  server?.close();
  await emu?.stop();
});

const page = () => `${base}/?emulator=${encodeURIComponent(emu.url)}`;

test("Chromium: a module Web Worker answers the message posted at its creation", async () => {
  await seed(emu);
  assert.deepEqual(await chromium.run(page()), [["bob", "carol"]]);
});

test("Firefox: a module Web Worker answers the message posted at its creation", async () => {
  await seed(emu);
  assert.deepEqual(await firefox.run(page()), [["bob", "carol"]]);
});

test("Chromium: the browser entry names the package, the file and the fix when the .wasm is missing or refused by CSP", async () => {
  for (const dir of ["missing", "csp"]) {
    const [result] = await chromium.run(`${base}/${dir}/`);
    assert.match(result.message ?? JSON.stringify(result), /^tencent-chat-conversations: cannot load its WebAssembly file tencent_chat_conversations_bg\.wasm \(http:.*\/pkg\/tencent_chat_conversations_bg\.wasm\): .*Fix: .*'wasm-unsafe-eval'/s, dir);
  }
});

test("docs/runtimes.md shows web-worker/worker.js verbatim", () => {
  assert.equal(shownFile(join(REPO, "docs/runtimes.md"), "web-worker/worker.js"), readFileSync(join(SRC, "worker.js"), "utf8"));
});

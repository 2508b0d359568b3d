// The packed package in headless Chromium, two ways users load it: plain ES modules and a
// Vite production bundle. Each in-page check becomes one test here, so counts are visible.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { launchChromium, serveMounts } from "./chromium.mjs";
import { startEmulator } from "../consumer/emulator.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkgDir = join(root, "tests/consumer/node_modules/tencent-chat-conversations");
const viteOut = join(root, "target/vite-app");

let emu;
let server;
let base;
let browser;


before(async () => {
  await build({
    root: join(root, "tests/consumer/vite-app"),
    base: "/vite/",
    logLevel: "warn",
    build: { outDir: viteOut, emptyOutDir: true },
  });
  emu = await startEmulator();
  server = serveMounts([["/pkg/", pkgDir], ["/vite/", viteOut], ["/", join(root, "tests/browser")]]);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  await emu?.stop();
});

async function runPage(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}${path}?emulator=${encodeURIComponent(emu.url)}`);
  await page.waitForFunction(() => window.__results, null, { timeout: 30_000 }).catch(() => {});
  const results = await page.evaluate(() => window.__results);
  await page.close();
  assert.ok(Array.isArray(results), `page ${path} produced no results; errors: ${errors.join("; ")}`);
  return results;
}

for (const [label, path] of [["plain ES modules", "/esm.html"], ["Vite bundle", "/vite/"]]) {
  test(`Chromium, ${label}`, async (t) => {
    const results = await runPage(path);
    assert.ok(results.length >= 13, `only ${results.length} in-page checks ran`);
    for (const r of results) {
      await t.test(r.name, () => assert.ok(r.ok, r.error));
    }
  });
}

// In Chromium: a Vite build of a page using MSW's setupWorker with the emulator's handlers;
// the client in the page works against it (the emulator runs in the page, as wasm).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { build } from "vite";
import { PROJECT, runCommand } from "./helpers.mjs";
import { launchChromium, serveDir } from "./browser.mjs";

const app = join(PROJECT, "vite-msw");
const dist = join(PROJECT, "dist/vite-msw");
let server;
let browser;

before(async () => {
  const init = await runCommand(join(PROJECT, "node_modules/.bin/msw"), ["init", join(app, "public"), "--no-save"]);
  assert.equal(init.code, 0, init.stderr);
  await build({ root: app, logLevel: "warn", build: { outDir: dist, emptyOutDir: true, target: "es2022" } });
  server = await serveDir(dist);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("setupWorker + emulatorHandlers answer the client in Chromium", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url);
  await page.waitForFunction(() => window.__results, null, { timeout: 60_000 });
  const results = await page.evaluate(() => window.__results);
  await page.close();
  assert.ok(results.length >= 6, `${results.length} checks ran: ${JSON.stringify(results)}; page errors: ${errors.join("; ")}`);
  for (const r of results) assert.ok(r.ok, `${r.name}: ${r.detail}`);
});

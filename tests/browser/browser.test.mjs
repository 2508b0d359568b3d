// The case matrix (tests/matrix/cases.mjs) with the packed package in headless Chromium and Firefox, two
// ways users load it: plain ES modules and a Vite production bundle. Each in-page case becomes one test
// here, so counts are visible.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { chromiumPages, serveMounts } from "./chromium.mjs";
import { FirefoxPages } from "./firefox.mjs";
import { startEmulator } from "../consumer/emulator.mjs";
import { cases } from "../matrix/cases.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkgDir = join(root, "tests/consumer/node_modules/tencent-chat-conversations");
const viteOut = join(root, "target/vite-app");

let emu;
let server;
let base;
// Each runs a page and resolves to its in-page results; Chromium's is launched in before().
const browsers = { Chromium: null, Firefox: new FirefoxPages() };

before(async () => {
  await build({
    root: join(root, "tests/consumer/vite-app"),
    base: "/vite/",
    logLevel: "warn",
    build: { outDir: viteOut, emptyOutDir: true },
  });
  emu = await startEmulator(["--seed", "none"]);
  const mounts = [["/pkg/", pkgDir], ["/vite/", viteOut], ["/matrix/", join(root, "tests/matrix")], ["/", join(root, "tests/browser")]];
  server = serveMounts(mounts, browsers.Firefox.handleReport);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browsers.Chromium = await chromiumPages();
});

after(async () => {
  for (const browser of Object.values(browsers)) await browser?.close();
  server?.close();
  await emu?.stop();
});

for (const name of Object.keys(browsers)) {
  for (const [label, path] of [["plain ES modules", "/esm.html"], ["Vite bundle", "/vite/"]]) {
    test(`${name}, ${label}`, async (t) => {
      const results = await browsers[name].run(`${base}${path}?emulator=${encodeURIComponent(emu.url)}`);
      assert.deepEqual(results.map((r) => r.name), cases.map((c) => c.name), "every case ran, in order");
      for (const r of results) {
        await t.test(r.name, { skip: r.skipped }, () => assert.ok(r.ok, r.error));
      }
    });
  }
}

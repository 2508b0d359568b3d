// The hostile-response matrix in headless Chromium (Debian's, via playwright-core), one
// subtest per scenario: the page (page.html, on its own loopback origin) loads the installed
// package's browser entry and scenarios.mjs, and calls the hostile server cross-origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, serveMounts } from "../browser/chromium.mjs";
import { SCENARIOS, expectedPosts } from "./scenarios.mjs";
import { startHostileServer } from "./server.mjs";
import { pkgDir } from "./package.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));

let hostile;
let pages;
let browser;
let page;
const pageErrors = [];


before(async () => {
  hostile = await startHostileServer();
  pages = serveMounts([["/pkg/", pkgDir], ["/", here]]);
  await new Promise((r) => pages.listen(0, "127.0.0.1", r));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${pages.address().port}/page.html?server=${encodeURIComponent(hostile.url)}`);
  await page.waitForFunction(() => window.__ready, null, { timeout: 30_000 }).catch(() => {});
  assert.ok(await page.evaluate(() => window.__ready === true), `the page did not load: ${pageErrors.join("; ")}`);
});

after(async () => {
  await browser?.close();
  pages?.close();
  await hostile?.close();
});

test("Chromium: hostile responses", async (t) => {
  for (const scenario of SCENARIOS) {
    let result;
    await t.test(scenario.name, async () => {
      result = await page.evaluate((name) => window.runScenario(name), scenario.name);
      assert.ok(result.ok, result.error);
      t.diagnostic(`outcome of ${scenario.name}: ${result.kind} in ${result.elapsedMs} ms`);
      assert.equal(hostile.posts(scenario.name, result.clientId), expectedPosts(scenario, result), "POSTs the server received");
      assert.deepEqual(hostile.sinkRequests, [], "a redirect was followed");
      assert.deepEqual(hostile.problems, []);
      assert.deepEqual(pageErrors, [], "uncaught errors in the page");
    });
  }
});

// The hostile-response matrix in headless Firefox (Debian's ESR, with no driver: see ../browser/firefox.mjs),
// one subtest per scenario as in chromium.test.mjs. Firefox cannot be called into per scenario, so page.html,
// given ?report=, runs every scenario in order itself and POSTs all the results (and its uncaught errors) at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { serveMounts } from "../browser/chromium.mjs";
import { FirefoxPages } from "../browser/firefox.mjs";
import { SCENARIOS, expectedPosts } from "./scenarios.mjs";
import { startHostileServer } from "./server.mjs";
import { pkgDir } from "./package.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
// The whole matrix in one page: the stalls and timeouts alone take tens of seconds, more on a busy machine.
const RUN_TIMEOUT_MS = 10 * 60_000;

let hostile;
let pages;
const firefox = new FirefoxPages();

before(async () => {
  hostile = await startHostileServer();
  pages = serveMounts([["/pkg/", pkgDir], ["/", here]], firefox.handleReport);
  await new Promise((r) => pages.listen(0, "127.0.0.1", r));
});

after(async () => {
  pages?.close();
  await hostile?.close();
});

test("Firefox: hostile responses", async (t) => {
  const url = `http://127.0.0.1:${pages.address().port}/page.html?server=${encodeURIComponent(hostile.url)}`;
  const { scenarios: results, pageErrors } = await firefox.run(url, RUN_TIMEOUT_MS);
  // The subtests below pair results with SCENARIOS by position; a short or reordered run must not pass.
  assert.deepEqual(results.map((r) => r.name), SCENARIOS.map((s) => s.name), "scenarios the page ran");
  for (const [i, scenario] of SCENARIOS.entries()) {
    const result = results[i];
    await t.test(scenario.name, () => {
      assert.ok(result.ok, result.error);
      t.diagnostic(`outcome of ${scenario.name}: ${result.kind} in ${result.elapsedMs} ms`);
      assert.equal(hostile.posts(scenario.name, result.clientId), expectedPosts(scenario, result), "POSTs the server received");
    });
  }
  // Checked once, after the lot: these cannot be told apart per scenario once the page ran them all.
  assert.deepEqual(hostile.sinkRequests, [], "a redirect was followed");
  assert.deepEqual(hostile.problems, []);
  assert.deepEqual(pageErrors, [], "uncaught errors in the page");
});

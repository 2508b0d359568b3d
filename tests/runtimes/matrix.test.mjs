// The case matrix (tests/matrix/cases.mjs, the one Node, the browsers and the emulator's
// package run) in Deno and Bun (scripts/matrix.mjs: the client package by `import`, and in
// Bun by `require` too; require under Deno is deno-bun.test.mjs's) and in workerd
// (worker/src/matrix.js, wrangler's bundle). Each run has its own emulator (startEmulator
// from the installed tencent-chat-emulator, over HTTP on loopback), and they run one after
// another (some cases have timeouts of 200 ms). Every case must run and pass, but those a
// case's own `needs` skips, which must be exactly the ones EXCLUDED lists for the runtime.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { cases } from "../matrix/cases.mjs";
import { BIN, bundle, runOk } from "./harness.mjs";

/** The cases that do not apply, per runtime: name -> why. */
const EXCLUDED = {
  deno: {},
  bun: {},
  workerd: {
    // The case compiles its `using` block at run time (new Function), so that no bundler
    // lowers the syntax; workerd refuses code generation from strings, so its probe skips it.
    // Symbol.dispose itself is a case of its own, which runs here.
    "`using` frees the client at the end of its block; its call in flight settles": "no code generation from strings",
  },
};

/** Runs the runner script under `cmd args`: the cases' results. */
async function script(cmd, args, url, loader) {
  const { stdout } = await runOk(cmd, [...args, "scripts/matrix.mjs", url, loader]);
  const report = JSON.parse(stdout.trim().split("\n").at(-1));
  assert.equal(report.loader, loader);
  return report.results;
}

const RUNS = {
  "deno: import": (url) => script(join(BIN, "deno"), ["run", "-A"], url, "import"),
  "bun: import": (url) => script(join(BIN, "bun"), [], url, "import"),
  "bun: require": (url) => script(join(BIN, "bun"), [], url, "require"),
  "workerd: wrangler's bundle": async (url) => {
    const worker = new Miniflare(await bundle("worker-matrix", "wrangler.matrix.toml", ["src/matrix.js", "../../matrix/cases.mjs"]));
    try {
      const res = await worker.dispatchFetch(`http://worker.test/?endpoint=${encodeURIComponent(url)}`);
      const body = await res.text();
      assert.equal(res.status, 200, body);
      return JSON.parse(body);
    } finally {
      await worker.dispose();
    }
  },
};

for (const [name, run] of Object.entries(RUNS)) {
  test(`${name}: every case of the matrix passes`, async () => {
    const excluded = EXCLUDED[name.split(":")[0]];
    const { startEmulator } = await import("tencent-chat-emulator");
    const server = await startEmulator({ seed: "none" });
    let results;
    try {
      results = await run(server.url);
    } finally {
      await server.stop();
    }
    assert.deepEqual(results.map((r) => r.name), cases.map((c) => c.name), "every case ran, in order");
    const failed = results.filter((r) => !r.ok);
    assert.equal(failed.length, 0, failed.map((r) => `${r.name}: ${r.error}`).join("\n\n"));
    const skipped = results.filter((r) => r.skipped);
    assert.deepEqual(skipped.map((r) => r.name), Object.keys(excluded), `skipped: ${JSON.stringify(skipped)}`);
    console.log(`${name}: ${results.length - skipped.length} of ${cases.length} cases passed, ${skipped.length} excluded`);
  });
}

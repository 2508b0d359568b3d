// Cloudflare Workers: each Worker is bundled by wrangler itself (`wrangler deploy --dry-run
// --outdir`, exactly what a deploy uploads; the packages' `workerd` entries) and that
// bundle runs in workerd through miniflare, against the emulator on loopback: the client
// lists, walks, pins and fails as documented, never follows a redirect, and the emulator
// package runs as a Worker that answers the client.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { CREDENTIALS, WORKER, bundle, emulator, seed, shownFile, REPO } from "./harness.mjs";

function connection(endpoint) {
  return {
    TENCENT_CHAT_SDKAPPID: String(CREDENTIALS.sdkAppId),
    TENCENT_CHAT_IDENTIFIER: CREDENTIALS.identifier,
    TENCENT_CHAT_USERSIG: CREDENTIALS.userSig,
    TENCENT_CHAT_ENDPOINT: endpoint,
  };
}

let client;
let emuWorker;
let emu;
let checks;
before(async () => {
  [client, emuWorker] = await Promise.all([
    bundle("worker-client", "wrangler.toml", ["src/checks.js", "src/index.js"]),
    bundle("worker-emulator", "wrangler.emulator.toml", ["src/emulator.js"]),
  ]);
  emu = await emulator();
  checks = new Miniflare({ ...client, bindings: connection(emu.url) });
});
after(async () => {
  await checks?.dispose();
  await emu?.stop();
});

async function check(name, query = "") {
  const res = await checks.dispatchFetch(`http://worker.test/check/${name}${query}`);
  const body = await res.json();
  assert.equal(res.status, 200, `check ${name}: ${JSON.stringify(body)}`);
  return body;
}

test("workerd: the client lists a page, walks every page and pins (wrangler's bundle, workerd entry)", async () => {
  await seed(emu);
  assert.deepEqual(await check("list"), { ids: ["bob", "carol"], complete: false });
  assert.deepEqual(await check("walk"), ["bob", "carol", "@TGS#team", "dave"]);
  assert.deepEqual(await check("pin"), ["dave"]);
  assert.equal((await emu.state("alice")).conversations.find((c) => c.userId === "dave").pinned, true);
  assert.equal((await check("regions"))[0], "china");
});

test("workerd: failures are ChatErrors of the documented kinds", async () => {
  const sig = await check("wrong-usersig");
  assert.equal(sig.kind, "api", JSON.stringify(sig));
  assert.ok(!sig.message.includes("not-the-sig"), "the UserSig is not in the message");
  assert.equal((await check("invalid-input")).kind, "invalid_input");
  const closed = http.createServer();
  await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((resolve) => closed.close(resolve));
  assert.equal((await check("unreachable", `?to=${encodeURIComponent(url)}`)).kind, "network");
});

test("workerd: a redirect fails as network and is never followed", async () => {
  let sinkHits = 0;
  const sink = http.createServer((req, res) => {
    sinkHits++;
    res.end("{}");
  });
  await new Promise((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const sinkUrl = `http://127.0.0.1:${sink.address().port}`;
  for (const status of [301, 302, 303, 307, 308]) {
    const redirector = http.createServer((req, res) => res.writeHead(status, { location: `${sinkUrl}${req.url}` }).end());
    await new Promise((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const r = await check("redirect", `?to=${encodeURIComponent(`http://127.0.0.1:${redirector.address().port}`)}`);
      assert.equal(r.kind, "network", `${status}: ${JSON.stringify(r)}`);
      assert.match(r.message, /redirect/);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  }
  await new Promise((resolve) => sink.close(resolve));
  assert.equal(sinkHits, 0, "a redirect was followed");
});

test("workerd: the emulator package as a Worker answers the README's client Worker", async () => {
  const emulatorWorker = new Miniflare({ ...emuWorker, host: "127.0.0.1", port: 0 });
  try {
    const url = (await emulatorWorker.ready).href.replace(/\/$/, "");
    const readmeWorker = new Miniflare({ ...client, bindings: connection(url) });
    try {
      // The demo seed (src/emulator.js): alice has 300 conversations, 3 pinned (listed first).
      const res = await readmeWorker.dispatchFetch("http://worker.test/?account=alice");
      const items = await res.json();
      assert.equal(res.status, 200, JSON.stringify(items));
      assert.equal(items.length, 100, "one page of the demo seed");
      assert.deepEqual(items.slice(0, 4).map((i) => i.pinned), [true, true, true, false]);
      assert.ok(items.every((i) => i.conversation && typeof i.msgTime === "number"), JSON.stringify(items[0]));
    } finally {
      await readmeWorker.dispose();
    }
  } finally {
    await emulatorWorker.dispose();
  }
});

test("the README's Worker is src/index.js verbatim; docs/runtimes.md's emulator Worker is src/emulator.js", () => {
  assert.equal(shownFile(join(REPO, "README.md"), "worker/src/index.js"), readFileSync(join(WORKER, "src/index.js"), "utf8"));
  assert.equal(shownFile(join(REPO, "docs/runtimes.md"), "worker/src/emulator.js"), readFileSync(join(WORKER, "src/emulator.js"), "utf8"));
});

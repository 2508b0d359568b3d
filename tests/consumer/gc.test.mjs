// Clients and walks dropped and garbage-collected while their calls run: the calls still
// settle with their answers (each owns its transport; nothing reads the collected object).
// Runs under --expose-gc: started without it, the file runs itself again with it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setImmediate as tick } from "node:timers/promises";

if (typeof globalThis.gc !== "function") {
  test("the collection tests pass under node --expose-gc", () => {
    // Without the runner's context variable, so the child reports as a run of its own.
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    const run = spawnSync(process.execPath, ["--expose-gc", "--test", "--test-reporter=tap", fileURLToPath(import.meta.url)], { encoding: "utf8", env });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^# pass 2$/m, run.stdout);
  });
} else {
  const { ConversationClient } = await import("tencent-chat-conversations");
  const { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } = await import("./emulator.mjs");
  let emu;
  const options = () => ({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, maxRetries: 0, maxRequestsPerSecond: 0 });

  before(async () => {
    emu = await startEmulator(["--seed", "none"]);
    await emu.post("config", { rateLimit: 0, pageSize: 5 });
    await emu.post("conversations", { account: "alice", generate: { count: 12, pinned: 0 } });
  });
  after(() => emu.stop());

  /** Collects until `registry` saw `count` objects go (or gives up after 50 rounds). */
  async function collect(seen, count) {
    for (let round = 0; round < 50 && seen.size < count; round++) {
      globalThis.gc();
      await tick();
    }
  }

  test("clients collected while their calls run: the calls settle with their answers", async () => {
    const seen = new Set();
    const registry = new FinalizationRegistry((i) => seen.add(i));
    const N = 8;
    await emu.post("faults", { command: "get_list", count: N, fault: { kind: "delay", ms: 400 } });
    const calls = [];
    for (let i = 0; i < N; i++) {
      // The client is referenced only inside this block.
      const client = new ConversationClient(options());
      registry.register(client, i);
      calls.push(client.listConversations("alice"));
    }
    await collect(seen, N);
    assert.ok(seen.size > 0, "no client was collected while its call ran");
    const pages = await Promise.all(calls);
    assert.deepEqual(pages.map((p) => p.items.length), Array(N).fill(5));
  });

  test("a walk whose client was collected goes on; a walk dropped mid-page is collected", async () => {
    const seen = new Set();
    const registry = new FinalizationRegistry((i) => seen.add(i));
    const walk = (() => {
      const client = new ConversationClient(options());
      registry.register(client, "client");
      return client.conversations("alice");
    })();
    const first = await walk.next();
    assert.equal(first.done, false);
    await collect(seen, 1);
    assert.ok(seen.has("client"), "the client was not collected");
    let count = 1;
    while (!(await walk.next()).done) count++;
    assert.equal(count, 12);

    // Dropped while its request is in flight: the request settles, the walk is collected.
    await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 300 } });
    const pending = (() => {
      const dropped = new ConversationClient(options()).conversations("alice");
      registry.register(dropped, "walk");
      return dropped.next();
    })();
    const item = await pending;
    assert.equal(item.done, false);
    await collect(seen, 2);
    assert.ok(seen.has("walk"), "the dropped walk was not collected");
  });
}

// MSW in Node: the in-process emulator (createEmulator, wasm) answers the client's calls
// to a region's host and to a given base URL; faults, control operations, require().
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { setupServer } from "msw/node";
import { createEmulator } from "tencent-chat-emulator";
import { emulatorHandlers } from "tencent-chat-emulator/msw";
import { ConversationClient, REGIONS } from "tencent-chat-conversations";

const regionEmu = createEmulator({ seed: "demo" });
const proxyEmu = createEmulator({ seed: "none", userSig: "proxy-sig" });
const server = setupServer(...emulatorHandlers(regionEmu), ...emulatorHandlers(proxyEmu, { baseUrl: "https://chat-proxy.example/api/" }));
server.listen({ onUnhandledRequest: "error" });
after(() => server.close());

const bob = { type: "c2c", userId: "bob" };

test("every region's host is answered by the emulator", async () => {
  for (const region of REGIONS) {
    const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", region });
    const page = await client.listConversations("alice");
    assert.equal(page.items.length, 100, region);
    assert.equal(page.items[0].pinned, true);
  }
  const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", region: "tokyo" });
  await client.pin("carol", [bob]);
  const carol = await regionEmu.state("carol");
  assert.equal(carol.conversations.find((c) => c.userId === "bob")?.pinned, true);
  const stats = await regionEmu.stats();
  assert.ok(stats.counts.get_list >= REGIONS.length);
  assert.equal(stats.recent.at(-1).command, "top");
});

test("a base URL with a path is answered, control API included", async () => {
  const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "proxy-sig", endpoint: "https://chat-proxy.example/api" });
  assert.equal(await proxyEmu.importAccounts(["alice", "bob"]), 2);
  assert.equal(await proxyEmu.addConversations("alice", [{ type: "c2c", userId: "bob", msgTime: 1_700_000_000 }]), 1);
  const page = await client.listConversations("alice");
  assert.deepEqual(page.items.map((i) => i.conversation), [bob]);
  const health = await fetch("https://chat-proxy.example/api/_emulator/health").then((r) => r.json());
  assert.deepEqual(health, { ok: true });
  const wrong = await new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", endpoint: "https://chat-proxy.example/api" })
    .listConversations("alice")
    .catch((e) => e);
  assert.equal(wrong.code, 70003);
});

test("faults reach the client: drop, http502, error", async () => {
  const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", region: "china", maxRetries: 0 });
  await regionEmu.addFault("get_list", { kind: "drop" });
  await regionEmu.addFault("get_list", { kind: "http502" });
  await regionEmu.addFault("get_list", { kind: "error", code: 51013 });
  assert.equal((await regionEmu.faults()).get_list.length, 3);
  const drop = await client.listConversations("alice").catch((e) => e);
  assert.equal(drop.kind, "network");
  const gateway = await client.listConversations("alice").catch((e) => e);
  assert.equal(gateway.kind, "http");
  assert.equal(gateway.httpStatus, 502);
  const api = await client.listConversations("alice").catch((e) => e);
  assert.equal(api.code, 51013);
  assert.deepEqual(await regionEmu.faults(), {});
});

test("control operations: config, reset, refusals", async () => {
  const emu = createEmulator({ seed: "none", pageSize: 2 });
  assert.equal((await emu.getConfig()).pageSize, 2);
  assert.equal((await emu.setConfig({ pageSize: 5 })).pageSize, 5);
  assert.deepEqual(await emu.accounts(), []);
  await emu.reset("demo");
  assert.ok((await emu.accounts()).includes("alice"));
  assert.equal((await emu.getConfig()).pageSize, 2);
  const missing = await emu.state("nobody").catch((e) => e);
  assert.equal(missing.status, 404);
  assert.match(missing.message, /nobody/);
  const g = await emu.generateConversations("erin", { count: 30, groups: 0.5 });
  assert.deepEqual(g, { conversations: 30, generated: 30 });
  assert.throws(() => createEmulator({ port: 1 }), TypeError);
  const bad = createEmulator({ seed: "full" });
  await assert.rejects(bad.health(), /invalid options/);
});

test("require() gets the same API", async () => {
  const require = createRequire(import.meta.url);
  const cjs = require("tencent-chat-emulator");
  const cjsMsw = require("tencent-chat-emulator/msw");
  assert.equal(typeof cjs.startEmulator, "function");
  assert.equal(typeof cjsMsw.emulatorHandlers, "function");
  const emu = cjs.createEmulator();
  const res = await emu.handle(new Request("http://x/_emulator/health"));
  assert.deepEqual(await res.json(), { ok: true });
});

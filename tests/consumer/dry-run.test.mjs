// `dryRun: true`: a call is validated and its request built exactly as for sending, then
// resolves to that request, `{ command, body }`; nothing is sent, the UserSig is not asked
// for, and the limiter is not used. Walks refuse it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";

let emu;
before(async () => (emu = await startEmulator(["--seed", "demo"])));
after(() => emu.stop());

test("dryRun resolves to the request and sends nothing", async () => {
  let asked = 0;
  const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: () => (asked++, USER_SIG), endpoint: emu.url, maxRequestsPerSecond: 1 });
  await emu.post("stats/reset");
  const bob = { type: "c2c", userId: "bob" };
  const pin = await client.pin("alice", [bob], { dryRun: true });
  assert.deepEqual(pin, { command: "v4/recentcontact/top", body: { From_Account: "alice", OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: "bob" }] } });
  // Many at once: the limiter (1 a second) is not involved.
  const many = await Promise.all(Array.from({ length: 5 }, (_, i) => client.createGroup(`user_${i}`, { name: "VIP", conversations: [bob] }, { dryRun: true })));
  assert.deepEqual(many.map((r) => r.command), Array(5).fill("v4/recentcontact/create_contact_group"));
  assert.equal(many[4].body.From_Account, "user_4");
  const page = await client.listConversations("alice", { dryRun: true });
  assert.equal(page.command, "v4/recentcontact/get_list");
  assert.deepEqual((await emu.get("stats")).counts, {});
  assert.equal(asked, 0, "the UserSig was asked for");
});

test("dryRun validates as a real call does, and walks refuse it", async () => {
  const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
  const bit = await client.mark("alice", [{ conversation: { type: "c2c", userId: "bob" }, set: [64] }], { dryRun: true }).catch((e) => e);
  assert.ok(bit instanceof ChatError);
  assert.equal(bit.kind, "invalid_input");
  const name = await client.createGroup("alice", { name: "x".repeat(33), conversations: [] }, { dryRun: true }).catch((e) => e);
  assert.equal(name.kind, "invalid_input");
  const walk = await client.getAllGroups("alice", { dryRun: true }).catch((e) => e);
  assert.deepEqual([walk.kind, walk.option], ["invalid_input", "dryRun"]);
  assert.match(walk.message, /single-request/);
  const typed = await client.pin("alice", [{ type: "c2c", userId: "bob" }], { dryRun: "yes" }).catch((e) => e);
  assert.deepEqual([typed.kind, typed.option], ["invalid_input", "dryRun"]);
  const misconfigured = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: "ftp://x" });
  const config = await misconfigured.pin("alice", [{ type: "c2c", userId: "bob" }], { dryRun: true }).catch((e) => e);
  assert.equal(config.option, "endpoint");
});

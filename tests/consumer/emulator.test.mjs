// Every method of the packed package end to end against the emulator over real HTTP:
// the service's state changes as the docs say, and errors come back as ChatErrors.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError, Mark } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";

let emu;
let client;
const c2c = (userId) => ({ type: "c2c", userId });
const group = (groupId) => ({ type: "group", groupId });

before(async () => {
  emu = await startEmulator();
  // No retries here: production.test.mjs covers them; these check single outcomes.
  client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, maxRetries: 0 });
});
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset");
  await emu.post("accounts", { accounts: ["alice", "bob", "carol", "dave"] });
  await emu.post("conversations", {
    account: "alice",
    conversations: [
      { type: "c2c", userId: "bob", msgTime: 1700000300 },
      { type: "c2c", userId: "carol", msgTime: 1700000200 },
      { type: "group", groupId: "@TGS#team", msgTime: 1700000100 },
      { type: "c2c", userId: "dave", msgTime: 0 },
    ],
  });
});

async function state(account = "alice") {
  return emu.get(`state?account=${encodeURIComponent(account)}`);
}
const find = (s, conv) =>
  s.conversations.find((c) => (conv.type === "c2c" ? c.userId === conv.userId : c.groupId === conv.groupId));

test("pin and unpin change what the service stores and how get_list orders", async () => {
  await client.pin("alice", [c2c("carol"), group("@TGS#team")]);
  assert.equal(find(await state(), c2c("carol")).pinned, true);
  assert.equal(find(await state(), group("@TGS#team")).pinned, true);
  const page = await client.listConversations("alice");
  assert.deepEqual(
    page.items.map((i) => [i.conversation.userId ?? i.conversation.groupId, i.pinned]),
    [["carol", true], ["@TGS#team", true], ["bob", false], ["dave", false]],
  );
  assert.equal(page.complete, true);
  await client.unpin("alice", [c2c("carol")]);
  assert.equal(find(await state(), c2c("carol")).pinned, false);
});

test("listConversations honours includeEmpty and the wire got the exact request", async () => {
  await emu.post("stats/reset");
  const page = await client.listConversations("alice", { includeEmpty: false });
  assert.deepEqual(page.items.map((i) => i.conversation), [c2c("bob"), c2c("carol"), group("@TGS#team")]);
  assert.deepEqual(page.items[0], { conversation: c2c("bob"), msgTime: 1700000300, pinned: false });
  const { recent } = await emu.get("stats");
  const last = recent[recent.length - 1];
  assert.equal(last.command, "get_list");
  assert.equal(last.query.usersig, USER_SIG);
  assert.deepEqual(last.body, { From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 61 });
});

test("listConversations pages with the four cursors", async () => {
  await emu.post("config", { pageSize: 3 });
  await emu.post("conversations", {
    account: "bob",
    conversations: Array.from({ length: 10 }, (_, i) => ({ type: "c2c", userId: ["alice", "carol", "dave"][i % 3] + (i < 3 ? "" : i), msgTime: 1700000000 + (i % 4) })),
  });
  const seen = [];
  let cursor;
  for (let pages = 0; pages < 10; pages++) {
    const page = await client.listConversations("bob", cursor ? { cursor } : {});
    seen.push(...page.items.map((i) => i.conversation.userId));
    if (page.complete) break;
    cursor = page.cursor;
  }
  assert.equal(seen.length, 10);
  assert.equal(new Set(seen).size, 10);
});

test("mark sets and clears bits and the custom mark; getGroups decodes them", async () => {
  const results = await client.mark("alice", [
    { conversation: c2c("bob"), set: [Mark.Favorite, Mark.Unread, 40] },
    { conversation: group("@TGS#team"), customMark: "vip" },
  ]);
  assert.deepEqual(results.map((r) => [r.ok, r.code]), [[true, 0], [true, 0]]);
  assert.deepEqual(results[1].conversation, group("@TGS#team"));
  assert.deepEqual(find(await state(), c2c("bob")).marks, [0, 1, 40]);
  await client.mark("alice", [{ conversation: c2c("bob"), clear: [Mark.Unread], customMark: "x" }]);
  const bob = find(await state(), c2c("bob"));
  assert.deepEqual(bob.marks, [0, 40]);
  assert.equal(bob.customMark, "x");

  const page = await client.getGroups("alice");
  const marked = page.conversations.find((c) => c.conversation.userId === "bob");
  assert.equal(marked.standardMark, "1" + "0".repeat(39) + "1");
  assert.deepEqual(marked.marks, [0, 40]);
  assert.equal(marked.customMark, "x");
  assert.equal(page.complete, true);
  const team = page.conversations.find((c) => c.conversation.groupId === "@TGS#team");
  assert.equal(team.customMark, "vip");
});

test("mark reports per-item failures without failing the call", async () => {
  const results = await client.mark("alice", [
    { conversation: c2c("bob"), set: [1] },
    { conversation: c2c("nobody-imported"), set: [1] },
  ]);
  assert.equal(results[0].ok, true);
  assert.equal(results[1].ok, false);
  assert.equal(results[1].code, 50001);
});

test("createGroup returns the group id; getGroups lists groups and members", async () => {
  const created = await client.createGroup("alice", { name: "Team", conversations: [c2c("bob"), group("@TGS#team")] });
  assert.equal(created.group.name, "Team");
  assert.ok(created.group.id > 0);
  assert.deepEqual(created.results.map((r) => r.ok), [true, true]);
  const page = await client.getGroups("alice");
  assert.deepEqual(page.groups, [{ name: "Team", id: created.group.id }]);
  const member = page.conversations.find((c) => c.conversation.groupId === "@TGS#team");
  assert.deepEqual(member.groupIds, [created.group.id]);
  assert.deepEqual(find(await state(), c2c("bob")).groupIds, [created.group.id]);
});

test("service limits come back as API errors with the documented codes", async () => {
  const long = await client.createGroup("alice", { name: "g".repeat(32), conversations: [c2c("bob")] });
  assert.ok(long.group.id > 0);
  for (let i = 1; i < 20; i++) await client.createGroup("alice", { name: `g${i}`, conversations: [c2c("bob")] });
  const e = await client.createGroup("alice", { name: "one too many", conversations: [c2c("bob")] }).catch((x) => x);
  assert.ok(e instanceof ChatError);
  assert.equal(e.kind, "api");
  assert.equal(e.code, 51010);
  assert.equal(e.command, "v4/recentcontact/create_contact_group");
  const unknown = await client.pin("nobody-imported", [c2c("bob")]).catch((x) => x);
  assert.equal(unknown.code, 50001);
});

test("request() reaches any command and returns the parsed body", async () => {
  const body = await client.request("v4/recentcontact/get_list", {
    From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7,
  });
  assert.equal(body.ActionStatus, "OK");
  assert.ok(Array.isArray(body.SessionItem));
});

test("a wrong UserSig and an expired one are API errors that do not echo the sig", async () => {
  const wrong = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: "WRONG-SIG-VALUE", endpoint: emu.url });
  const e = await wrong.pin("alice", [c2c("bob")]).catch((x) => x);
  assert.equal(e.kind, "api");
  assert.equal(e.code, 70003);
  assert.ok(!JSON.stringify(e).includes("WRONG-SIG-VALUE") && !e.message.includes("WRONG-SIG-VALUE"));
  await emu.post("config", { userSig: "new-sig", expiredUserSigs: [USER_SIG] });
  const expired = await client.pin("alice", [c2c("bob")]).catch((x) => x);
  assert.equal(expired.code, 70001);
});

test("injected faults: 502 page, service errors, dropped connection; then normal calls", async () => {
  await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "http502" } });
  assert.deepEqual(await client.listConversations("alice").catch((e) => [e.kind, e.httpStatus]), ["http", 502]);
  await emu.post("faults", { command: "top", count: 1, fault: { kind: "error", code: 50004 } });
  assert.deepEqual(await client.pin("alice", [c2c("bob")]).catch((e) => [e.kind, e.code]), ["api", 50004]);
  await emu.post("faults", { command: "top", count: 1, fault: { kind: "drop" } });
  assert.equal(await client.pin("alice", [c2c("bob")]).catch((e) => e.kind), "network");
  await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "truncated" } });
  assert.equal(await client.listConversations("alice").catch((e) => e.kind), "bad_response");
  await client.pin("alice", [c2c("bob")]);
  assert.equal((await client.listConversations("alice")).items[0].pinned, true);
});

test("abort while the emulator delays", async () => {
  await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 3000 } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  const e = await client.listConversations("alice", { signal: controller.signal }).catch((x) => x);
  assert.equal(e.kind, "aborted");
  assert.ok(Date.now() - started < 2000);
});

// The conversation-group lifecycle through require(), as a CommonJS script uses it: each new
// method once against the emulator, a group's whole life from creation to deletion.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { ConversationClient, ChatError } = require("tencent-chat-conversations");

let emu;
let client;
const bob = { type: "c2c", userId: "bob" };
const team = { type: "group", groupId: "@TGS#team" };

before(async () => {
  const { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } = await import("./emulator.mjs");
  emu = await startEmulator(["--seed", "none"]);
  client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
  await emu.post("conversations", {
    account: "alice",
    conversations: [
      { ...bob, msgTime: 1700000200 },
      { ...team, msgTime: 1700000100 },
    ],
  });
});
after(() => emu?.stop());

test("require(): a group from creation to deletion, then a conversation deleted", async () => {
  const { group } = await client.createGroup("alice", { name: "Team", conversations: [bob] });
  assert.deepEqual(await client.renameGroup("alice", { name: "Team", newName: "Renamed" }), { name: "Renamed", id: group.id });

  const updated = await client.updateGroup("alice", { name: "Renamed", add: [team], remove: [bob] });
  assert.deepEqual(updated.group, { name: "Renamed", id: group.id });
  assert.deepEqual(updated.results.map((r) => [r.conversation, r.ok]), [[team, true], [bob, true]]);

  const found = await client.findConversations("alice", [bob, team]);
  assert.deepEqual(found.groups, [{ name: "Renamed", id: group.id }]);
  assert.deepEqual(found.conversations.map((c) => [c.conversation, c.groupIds]), [[team, [group.id]]]);

  assert.deepEqual(await client.deleteGroup("alice", "Renamed"), { name: "Renamed", id: group.id });
  assert.deepEqual((await client.getAllGroups("alice")).groups, []);

  await client.deleteConversation("alice", bob, { clearHistory: true });
  const page = await client.listConversations("alice");
  assert.deepEqual(page.items.map((i) => i.conversation), [team]);
});

test("require(): the new methods reject with the same ChatError class", async () => {
  const error = await client.deleteGroup("alice", "").catch((e) => e);
  assert.ok(error instanceof ChatError);
  assert.equal(error.kind, "invalid_input");
  const missing = await client.renameGroup("alice", { name: "No such group", newName: "x" }).catch((e) => e);
  assert.ok(missing instanceof ChatError);
  assert.equal(missing.kind, "api");
});

// The conversation-group lifecycle methods of the packed package (renameGroup, updateGroup,
// deleteGroup, findConversations, deleteConversation) and the AssistFlags 63 default, end to
// end against the emulator over real HTTP: what goes on the wire, what the service then
// holds, what the methods resolve to, and the ChatErrors of bad input and refusals.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";

let emu;
let client;
const c2c = (userId) => ({ type: "c2c", userId });
const group = (groupId) => ({ type: "group", groupId });

before(async () => {
  emu = await startEmulator(["--seed", "none"]);
  client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, maxRetries: 0 });
});
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset");
  await emu.post("config", { rateLimit: 0 });
  await emu.post("accounts", { accounts: ["alice", "bob", "carol", "dave"] });
  await emu.post("conversations", {
    account: "alice",
    conversations: [
      { type: "c2c", userId: "bob", msgTime: 1700000300, marks: [0] },
      { type: "c2c", userId: "carol", msgTime: 1700000200 },
      { type: "group", groupId: "@TGS#team", msgTime: 1700000100, customMark: "vip" },
      { type: "c2c", userId: "dave", msgTime: 0 },
    ],
  });
  await client.createGroup("alice", { name: "Team", conversations: [c2c("bob"), group("@TGS#team")] });
  await emu.post("stats/reset");
});

const state = (account = "alice") => emu.get(`state?account=${encodeURIComponent(account)}`);
const find = (s, conv) => s.conversations.find((c) => (conv.type === "c2c" ? c.userId === conv.userId : c.groupId === conv.groupId));
/** The bodies the emulator received for `command`, oldest first. */
const sent = async (command) => (await emu.get("stats")).recent.filter((r) => r.command === command).map((r) => r.body);
/** Rejects with a ChatError of `kind` (and `code`, when given); returns it. */
async function rejects(promise, kind, code) {
  const error = await promise.then(
    (value) => assert.fail(`resolved to ${JSON.stringify(value)}`),
    (e) => e,
  );
  assert.ok(error instanceof ChatError, `not a ChatError: ${error}`);
  assert.equal(error.kind, kind, error.message);
  if (code !== undefined) assert.equal(error.code, code, error.message);
  return error;
}

test("renameGroup sends UpdateGroupType 1 and resolves to the renamed group", async () => {
  const renamed = await client.renameGroup("alice", { name: "Team", newName: "Core team" });
  assert.deepEqual(renamed, { name: "Core team", id: 1 });
  assert.deepEqual(await sent("update_contact_group"), [
    { From_Account: "alice", UpdateType: 1, UpdateGroup: { UpdateGroupType: 1, OldGroupName: "Team", NewGroupName: "Core team" } },
  ]);
  const s = await state();
  assert.deepEqual(s.groups, [{ id: 1, name: "Core team" }]);
  assert.deepEqual(find(s, c2c("bob")).groupIds, [1], "members stay");
  // 32 bytes of UTF-8 is the limit (D1): 10 three-byte characters and 2 ASCII fit.
  assert.deepEqual(await client.renameGroup("alice", { name: "Core team", newName: "团队团队团队团队团队ab" }), { name: "团队团队团队团队团队ab", id: 1 });
});

test("renameGroup: bad input is refused before sending; an unknown group is the service's error", async () => {
  await rejects(client.renameGroup("alice", { name: "Team", newName: "" }), "invalid_input", 0);
  await rejects(client.renameGroup("alice", { name: "Team", newName: "x".repeat(33) }), "invalid_input", 0);
  await rejects(client.renameGroup("alice", { name: "", newName: "x" }), "invalid_input", 0);
  await rejects(client.renameGroup("", { name: "Team", newName: "x" }), "invalid_input", 0);
  await rejects(client.renameGroup("alice", { name: "Team" }), "invalid_input", 0);
  await rejects(client.renameGroup("alice", null), "invalid_input", 0);
  assert.deepEqual(await sent("update_contact_group"), []);
  const error = await rejects(client.renameGroup("alice", { name: "Nope", newName: "x" }), "api");
  assert.ok(error.code > 0);
  assert.equal(error.command, "v4/recentcontact/update_contact_group");
  assert.deepEqual((await state()).groups, [{ id: 1, name: "Team" }]);
});

test("updateGroup adds and removes in one call (ContactOptType 1 and 2) and reports each item", async () => {
  const { group: g, results } = await client.updateGroup("alice", { name: "Team", add: [c2c("carol"), c2c("dave")], remove: [group("@TGS#team")] });
  assert.deepEqual(g, { name: "Team", id: 1 });
  assert.deepEqual(results, [
    { conversation: c2c("carol"), ok: true, code: 0, info: "" },
    { conversation: c2c("dave"), ok: true, code: 0, info: "" },
    { conversation: group("@TGS#team"), ok: true, code: 0, info: "" },
  ]);
  const [body] = await sent("update_contact_group");
  assert.deepEqual(body, {
    From_Account: "alice",
    UpdateType: 1,
    UpdateGroup: {
      UpdateGroupType: 2,
      OldGroupName: "Team",
      ContactUpdateItem: [
        { ContactOptType: 1, ContactItem: { Type: 1, To_Account: "carol" } },
        { ContactOptType: 1, ContactItem: { Type: 1, To_Account: "dave" } },
        { ContactOptType: 2, ContactItem: { Type: 2, ToGroupId: "@TGS#team" } },
      ],
    },
  });
  const s = await state();
  assert.deepEqual(find(s, c2c("carol")).groupIds, [1]);
  assert.deepEqual(find(s, c2c("dave")).groupIds, [1]);
  assert.deepEqual(find(s, group("@TGS#team")).groupIds, []);
  assert.deepEqual(find(s, c2c("bob")).groupIds, [1]);

  // Only a removal, only an addition.
  assert.equal((await client.updateGroup("alice", { name: "Team", remove: [c2c("dave")] })).results.length, 1);
  assert.equal((await client.updateGroup("alice", { name: "Team", add: [group("@TGS#team")] })).results[0].ok, true);
  assert.deepEqual(find(await state(), group("@TGS#team")).groupIds, [1]);
});

test("updateGroup: items can fail while the call succeeds", async () => {
  const { results } = await client.updateGroup("alice", { name: "Team", add: [c2c("nobody-imported"), c2c("carol")] });
  assert.deepEqual(results.map((r) => [r.conversation.userId, r.ok, r.code]), [["nobody-imported", false, 50001], ["carol", true, 0]]);
  assert.ok(results[0].info.length > 0);
  assert.deepEqual(find(await state(), c2c("carol")).groupIds, [1]);
});

test("updateGroup: bad input is refused before sending", async () => {
  await rejects(client.updateGroup("alice", { name: "Team" }), "invalid_input", 0);
  await rejects(client.updateGroup("alice", { name: "Team", add: [], remove: [] }), "invalid_input", 0);
  await rejects(client.updateGroup("alice", { name: "", add: [c2c("bob")] }), "invalid_input", 0);
  await rejects(client.updateGroup("alice", { name: "Team", add: [{ type: "c2c" }] }), "invalid_input", 0);
  await rejects(client.updateGroup("alice", { name: "Team", remove: [group("")] }), "invalid_input", 0);
  await rejects(client.updateGroup("alice", { name: "Team", add: "bob" }), "invalid_input", 0);
  assert.deepEqual(await sent("update_contact_group"), []);
});

test("deleteGroup sends one name and resolves to the deleted group; its conversations stay", async () => {
  await client.createGroup("alice", { name: "Other", conversations: [c2c("bob")] });
  await emu.post("stats/reset");
  const deleted = await client.deleteGroup("alice", "Team");
  assert.deepEqual(deleted, { name: "Team", id: 1 });
  assert.deepEqual(await sent("del_contact_group"), [{ From_Account: "alice", GroupName: ["Team"] }]);
  const s = await state();
  assert.deepEqual(s.groups, [{ id: 2, name: "Other" }]);
  assert.deepEqual(find(s, c2c("bob")).groupIds, [2]);
  assert.ok(find(s, group("@TGS#team")), "the conversation stays");
  assert.deepEqual(find(s, group("@TGS#team")).groupIds, []);
  const all = await client.getAllGroups("alice");
  assert.deepEqual(all.groups, [{ name: "Other", id: 2 }]);

  await rejects(client.deleteGroup("alice", ""), "invalid_input", 0);
  await rejects(client.deleteGroup("alice", ["Other"]), "invalid_input", 0);
  const again = await rejects(client.deleteGroup("alice", "Team"), "api");
  assert.equal(again.command, "v4/recentcontact/del_contact_group");
});

test("findConversations: marks, custom mark and groups of the given conversations, with the groups' names", async () => {
  const result = await client.findConversations("alice", [c2c("bob"), group("@TGS#team"), c2c("carol")]);
  assert.deepEqual(await sent("search_contact_group"), [
    { From_Account: "alice", ContactItem: [{ Type: 1, To_Account: "bob" }, { Type: 2, ToGroupId: "@TGS#team" }, { Type: 1, To_Account: "carol" }] },
  ]);
  assert.deepEqual(result.groups, [{ name: "Team", id: 1 }]);
  const byId = new Map(result.conversations.map((c) => [c.conversation.userId ?? c.conversation.groupId, c]));
  assert.deepEqual(byId.get("bob").marks, [0]);
  assert.equal(byId.get("bob").standardMark, "1");
  assert.deepEqual(byId.get("bob").groupIds, [1]);
  assert.equal(byId.get("@TGS#team").customMark, "vip");
  assert.deepEqual(byId.get("@TGS#team").groupIds, [1]);
  assert.ok(byId.get("bob").timestamp > 0);
  // carol has no marks or groups: she is not in the answer (or is, with nothing).
  const carol = byId.get("carol");
  if (carol) assert.deepEqual([carol.marks ?? [], carol.customMark ?? "", carol.groupIds], [[], "", []]);
  // The same data getAllGroups has.
  const all = await client.getAllGroups("alice");
  for (const c of all.conversations) assert.deepEqual(byId.get(c.conversation.userId ?? c.conversation.groupId), c);
});

test("findConversations splits more than 300 conversations into requests of 300 and merges the answers", async () => {
  const many = Array.from({ length: 650 }, (_, i) => c2c(`user_${String(i).padStart(4, "0")}`));
  await emu.post("conversations", { account: "alice", conversations: many.map((c, i) => ({ ...c, msgTime: 1600000000 + i, marks: i % 100 === 0 ? [1] : [] })) });
  await client.updateGroup("alice", { name: "Team", add: [many[299], many[300], many[649]] });
  await emu.post("stats/reset");
  const result = await client.findConversations("alice", [...many, c2c("bob")]);
  const bodies = await sent("search_contact_group");
  assert.deepEqual(bodies.map((b) => b.ContactItem.length), [300, 300, 51]);
  assert.deepEqual(bodies.flatMap((b) => b.ContactItem.map((i) => i.To_Account)), [...many, c2c("bob")].map((c) => c.userId), "every conversation asked for once, in order");
  const found = new Set(result.conversations.map((c) => c.conversation.userId));
  for (const i of [0, 100, 200, 299, 300, 400, 500, 600, 649]) assert.ok(found.has(many[i].userId), `${many[i].userId} found`);
  assert.ok(found.has("bob"));
  assert.equal(result.conversations.length, found.size, "each conversation once");
  assert.deepEqual(result.groups, [{ name: "Team", id: 1 }], "each group once");
  assert.deepEqual(result.conversations.find((c) => c.conversation.userId === many[300].userId).groupIds, [1]);
});

test("findConversations: bad input is refused before sending", async () => {
  await rejects(client.findConversations("alice", []), "invalid_input", 0);
  await rejects(client.findConversations("alice", [c2c("")]), "invalid_input", 0);
  await rejects(client.findConversations("alice", c2c("bob")), "invalid_input", 0);
  await rejects(client.findConversations("", [c2c("bob")]), "invalid_input", 0);
  assert.deepEqual(await sent("search_contact_group"), []);
});

test("deleteConversation: c2c (To_Account) and group (ToGroupid) conversations; clearHistory sends ClearRamble 1", async () => {
  assert.equal(await client.deleteConversation("alice", c2c("carol")), undefined);
  await client.deleteConversation("alice", group("@TGS#team"), { clearHistory: true });
  const [plain, cleared] = await sent("delete");
  assert.deepEqual({ ...plain, ClearRamble: plain.ClearRamble ?? 0 }, { From_Account: "alice", Type: 1, To_Account: "carol", ClearRamble: 0 });
  assert.deepEqual(cleared, { From_Account: "alice", Type: 2, ToGroupid: "@TGS#team", ClearRamble: 1 });
  const s = await state();
  assert.equal(find(s, c2c("carol")), undefined, "nothing kept of a conversation without marks or groups");
  // One with marks or groups leaves the list, and keeps them (the emulator's reading of the docs).
  assert.equal(find(s, group("@TGS#team")).deleted, true);
  assert.deepEqual((await client.findConversations("alice", [group("@TGS#team")])).conversations.map((c) => c.customMark), ["vip"]);
  const page = await client.listConversations("alice");
  assert.deepEqual(page.items.map((i) => i.conversation.userId ?? i.conversation.groupId), ["bob", "dave"]);
});

test("deleteConversation: bad input, an aborted signal, and the service's refusal", async () => {
  await rejects(client.deleteConversation("alice", { type: "c2c" }), "invalid_input", 0);
  await rejects(client.deleteConversation("alice", [c2c("bob")]), "invalid_input", 0);
  await rejects(client.deleteConversation("alice", c2c("bob"), { clearHistory: "yes" }), "invalid_input", 0);
  await rejects(client.deleteConversation("alice", c2c("bob"), { signal: AbortSignal.abort() }), "aborted", 0);
  assert.deepEqual(await sent("delete"), []);
  await rejects(client.deleteConversation("nobody-imported", c2c("bob")), "api", 50001);
  await emu.post("faults", { command: "delete", fault: { kind: "error", code: 50002, info: "bad parameter" } });
  const error = await rejects(client.deleteConversation("alice", c2c("bob")), "api", 50002);
  assert.equal(error.command, "v4/recentcontact/delete");
  assert.ok(!find(await state(), c2c("bob")).deleted, "nothing deleted");
});

test("listConversations asks for AssistFlags 63 by default: marks, custom marks and group ids come with each item", async () => {
  const page = await client.listConversations("alice");
  const [body] = await sent("get_list");
  assert.equal(body.AssistFlags, 63);
  const bob = page.items.find((i) => i.conversation.userId === "bob");
  assert.deepEqual(bob.marks, [0]);
  assert.deepEqual(bob.groupIds, [1]);
  assert.equal(page.items.find((i) => i.conversation.groupId === "@TGS#team").customMark, "vip");
  for await (const _ of client.conversations("alice")) break;
  assert.equal((await sent("get_list"))[1].AssistFlags, 63, "the walk too");

  // Only the raw value asks for less: the three documented bits alone.
  const plain = await client.listConversations("alice", { assistFlags: 7 });
  assert.equal((await sent("get_list"))[2].AssistFlags, 7);
  assert.equal(plain.items.find((i) => i.conversation.userId === "bob").marks, undefined);
  assert.equal(plain.items.find((i) => i.conversation.userId === "bob").groupIds, undefined);
});

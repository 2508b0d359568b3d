// The packed package (imported by name, ESM) against a scripted loopback server: the exact
// request each method sends, and how each documented response decodes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError, Mark } from "tencent-chat-conversations";
import { startFakeServer, OK } from "./fake-server.mjs";

const SIG = "eJw-secret+sig/with=chars";
let server;
let client;

before(async () => {
  server = await startFakeServer();
  client = new ConversationClient({
    sdkAppId: 1400000000,
    identifier: "administrator",
    userSig: SIG,
    endpoint: server.url,
  });
});
after(() => server.close());

function assertEnvelope(req, command) {
  assert.equal(req.method, "POST");
  assert.equal(req.path, `/v4/recentcontact/${command}`);
  assert.deepEqual(Object.keys(req.query), ["sdkappid", "identifier", "usersig", "random", "contenttype"]);
  assert.equal(req.query.sdkappid, "1400000000");
  assert.equal(req.query.identifier, "administrator");
  assert.equal(req.query.usersig, SIG);
  assert.match(req.rawQuery, /usersig=eJw-secret%2Bsig%2Fwith%3Dchars&/);
  assert.equal(req.query.contenttype, "json");
  const random = Number(req.query.random);
  assert.ok(Number.isInteger(random) && random >= 0 && random <= 0xffffffff, req.query.random);
  assert.equal(req.headers["content-type"], "application/json");
}

test("pin sends the docs' sample request (GroupId spelling)", async () => {
  const result = await client.pin("id1", [
    { type: "c2c", userId: "id2" },
    { type: "group", groupId: "group1" },
  ]);
  assert.equal(result, undefined);
  assertEnvelope(server.last(), "top");
  assert.deepEqual(JSON.parse(server.last().raw), {
    From_Account: "id1",
    OperationType: 1,
    RecentContactItem: [
      { Type: 1, To_Account: "id2" },
      { Type: 2, GroupId: "group1" },
    ],
  });
});

test("unpin is OperationType 2", async () => {
  await client.unpin("id1", [{ type: "c2c", userId: "id2" }]);
  assertEnvelope(server.last(), "top");
  assert.equal(JSON.parse(server.last().raw).OperationType, 2);
});

test("random is fresh for every request", async () => {
  const randoms = new Set();
  for (let i = 0; i < 20; i++) {
    await client.pin("a", [{ type: "c2c", userId: "b" }]);
    randoms.add(server.last().query.random);
  }
  assert.ok(randoms.size >= 19, `only ${randoms.size} distinct randoms`);
});

test("mark sends the docs' sample and derives OptType; decodes ResultItem", async () => {
  server.reply({
    json: {
      ResultItem: [
        { OptType: 3, ContactItem: { Type: 1, To_Account: "user_0002" }, ResultCode: 0, ResultInfo: "" },
        { OptType: 1, ContactItem: { Type: 2, ToGroupId: "@TGS#1" }, ResultCode: 51008, ResultInfo: "limit" },
        { OptType: 2, ContactItem: { Type: 1, To_Account: "c" }, ResultCode: 0, ResultInfo: "" },
      ],
      ...OK,
    },
  });
  const results = await client.mark("user_0001", [
    { conversation: { type: "c2c", userId: "user_0002" }, set: [1, 2, 3], customMark: "abcd" },
    { conversation: { type: "group", groupId: "@TGS#1" }, set: [Mark.Favorite], clear: [Mark.Hidden, 40] },
    { conversation: { type: "c2c", userId: "c" }, customMark: "" },
  ]);
  assertEnvelope(server.last(), "mark_contact");
  assert.deepEqual(JSON.parse(server.last().raw), {
    From_Account: "user_0001",
    MarkItem: [
      { OptType: 3, ContactItem: { Type: 1, To_Account: "user_0002" }, SetMark: [1, 2, 3], CustomMark: "abcd" },
      { OptType: 1, ContactItem: { Type: 2, ToGroupId: "@TGS#1" }, SetMark: [0], ClearMark: [3, 40] },
      { OptType: 2, ContactItem: { Type: 1, To_Account: "c" }, CustomMark: "" },
    ],
  });
  assert.deepEqual(results, [
    { conversation: { type: "c2c", userId: "user_0002" }, ok: true, code: 0, info: "" },
    { conversation: { type: "group", groupId: "@TGS#1" }, ok: false, code: 51008, info: "limit" },
    { conversation: { type: "c2c", userId: "c" }, ok: true, code: 0, info: "" },
  ]);
});

test("createGroup sends the docs' sample and decodes the group and results", async () => {
  server.reply({
    json: {
      GroupResultItem: [
        {
          GroupItem: { GroupName: "test2", GroupId: 2 },
          ResultItem: [{ ContactItem: { Type: 1, To_Account: "user1" }, ResultCode: 0, ResultInfo: "" }],
        },
      ],
      ...OK,
    },
  });
  const created = await client.createGroup("user15", {
    name: "test0",
    conversations: [{ type: "c2c", userId: "user0" }],
  });
  assertEnvelope(server.last(), "create_contact_group");
  assert.deepEqual(JSON.parse(server.last().raw), {
    From_Account: "user15",
    GroupContactItem: [{ GroupName: "test0", ContactItem: [{ Type: 1, To_Account: "user0" }] }],
  });
  assert.deepEqual(created, {
    group: { name: "test2", id: 2 },
    results: [{ conversation: { type: "c2c", userId: "user1" }, ok: true, code: 0, info: "" }],
  });
});

test("getGroups sends StartIndex and decodes the docs' sample (StandardMark bits)", async () => {
  server.reply({
    json: {
      ContactItem: [
        { Type: 1, To_Account: "teacher4", StandardMark: "111001", ContactGroupId: [1, 2], Timestamp: 1670843110 },
        { Type: 2, ToGroupId: "@TGS#1N3RSUYG2", StandardMark: "111001", CustomMark: "abcd", Timestamp: 1672998266 },
        { Type: 1, To_Account: "x", StandardMark: "1" + "0".repeat(34), Timestamp: 1 },
      ],
      GroupItem: [
        { GroupName: "test1x", GroupId: 1 },
        { GroupName: "test10", GroupId: 2 },
      ],
      CompleteFlag: 1,
      NextStartIndex: 0,
      ...OK,
    },
  });
  const page = await client.getGroups("user0", { startIndex: 0 });
  assertEnvelope(server.last(), "get_contact_group");
  assert.deepEqual(JSON.parse(server.last().raw), { From_Account: "user0", StartIndex: 0 });
  assert.deepEqual(page, {
    conversations: [
      {
        conversation: { type: "c2c", userId: "teacher4" },
        standardMark: "111001",
        marks: [0, 3, 4, 5],
        groupIds: [1, 2],
        timestamp: 1670843110,
      },
      {
        conversation: { type: "group", groupId: "@TGS#1N3RSUYG2" },
        standardMark: "111001",
        marks: [0, 3, 4, 5],
        customMark: "abcd",
        groupIds: [],
        timestamp: 1672998266,
      },
      { conversation: { type: "c2c", userId: "x" }, standardMark: "1" + "0".repeat(34), marks: [34], groupIds: [], timestamp: 1 },
    ],
    groups: [
      { name: "test1x", id: 1 },
      { name: "test10", id: 2 },
    ],
    complete: true,
    nextStartIndex: 0,
  });
  server.reply({ json: { ...OK, CompleteFlag: 1 } });
  await client.getGroups("user0", { startIndex: 100 });
  assert.equal(JSON.parse(server.last().raw).StartIndex, 100);
});

test("listConversations sends the docs' sample and decodes the docs' sample", async () => {
  server.reply({
    json: {
      SessionItem: [
        { Type: 1, To_Account: "id2", MsgTime: 1630997627, TopFlag: 1 },
        { Type: 2, GroupId: "id3", MsgTime: 1630997628, TopFlag: 1 },
        { Type: 1, To_Account: "id4", MsgTime: 1630997630, TopFlag: 0 },
        { Type: 2, GroupId: "id5", MsgTime: 1630997650, TopFlag: 0, StandardMark: "11", CustomMark: "v", ContactGroupId: [4] },
      ],
      CompleteFlag: 1,
      TimeStamp: 1631012800,
      StartIndex: 0,
      TopTimeStamp: 1631012800,
      TopStartIndex: 0,
      ...OK,
    },
  });
  const page = await client.listConversations("id1");
  assertEnvelope(server.last(), "get_list");
  assert.deepEqual(JSON.parse(server.last().raw), {
    From_Account: "id1",
    TimeStamp: 0,
    StartIndex: 0,
    TopTimeStamp: 0,
    TopStartIndex: 0,
    AssistFlags: 63,
  });
  assert.deepEqual(page.items[0], { conversation: { type: "c2c", userId: "id2" }, msgTime: 1630997627, pinned: true });
  assert.deepEqual(page.items[1].conversation, { type: "group", groupId: "id3" });
  assert.equal(page.items[2].pinned, false);
  assert.deepEqual(page.items[3], {
    conversation: { type: "group", groupId: "id5" },
    msgTime: 1630997650,
    pinned: false,
    standardMark: "11",
    marks: [0, 1],
    customMark: "v",
    groupIds: [4],
  });
  assert.equal(page.complete, true);
  assert.deepEqual(page.cursor, { timeStamp: 1631012800, startIndex: 0, topTimeStamp: 1631012800, topStartIndex: 0 });

  const emptyPage = { json: { ...OK, SessionItem: [], CompleteFlag: 1 } };
  server.reply(emptyPage, emptyPage, emptyPage, emptyPage);
  await client.listConversations("id1", { cursor: { timeStamp: 5, startIndex: 6, topTimeStamp: 7, topStartIndex: 8 }, includeEmpty: false });
  assert.deepEqual(JSON.parse(server.last().raw), {
    From_Account: "id1",
    TimeStamp: 5,
    StartIndex: 6,
    TopTimeStamp: 7,
    TopStartIndex: 8,
    AssistFlags: 61,
  });
  // The named options clear bits 0-2 only: bits 3-5 of the prescribed 63 stay.
  await client.listConversations("id1", { pinned: false });
  assert.equal(JSON.parse(server.last().raw).AssistFlags, 62);
  await client.listConversations("id1", { pinned: false, includeEmpty: false, paginatePinned: false });
  assert.equal(JSON.parse(server.last().raw).AssistFlags, 56);
  await client.listConversations("id1", { assistFlags: 15 });
  assert.equal(JSON.parse(server.last().raw).AssistFlags, 15);
});

test("request() is a raw escape hatch returning the parsed body", async () => {
  server.reply({ json: { ...OK, Anything: [1, 2] } });
  const body = await client.request("v4/recentcontact/delete", { From_Account: "a", Type: 1, To_Account: "b" });
  assertEnvelope(server.last(), "delete");
  assert.deepEqual(JSON.parse(server.last().raw), { From_Account: "a", Type: 1, To_Account: "b" });
  assert.deepEqual(body.Anything, [1, 2]);
  assert.equal(body.ActionStatus, "OK");
});

test("userSig may be a function (sync or async), called for every request", async () => {
  let calls = 0;
  const fnClient = new ConversationClient({
    sdkAppId: 1,
    identifier: "admin",
    endpoint: server.url,
    userSig: async () => `sig-${++calls}`,
  });
  await fnClient.pin("a", [{ type: "c2c", userId: "b" }]);
  assert.equal(server.last().query.usersig, "sig-1");
  await fnClient.pin("a", [{ type: "c2c", userId: "b" }]);
  assert.equal(server.last().query.usersig, "sig-2");
  const syncClient = new ConversationClient({ sdkAppId: 1, identifier: "admin", endpoint: server.url, userSig: () => "s" });
  await syncClient.pin("a", [{ type: "c2c", userId: "b" }]);
  assert.equal(server.last().query.usersig, "s");
});

test("exports: ChatError class and Mark values", () => {
  assert.equal(typeof ChatError, "function");
  assert.deepEqual([Mark.Favorite, Mark.Unread, Mark.Collapsed, Mark.Hidden], [0, 1, 2, 3]);
});

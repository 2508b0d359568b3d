// One rule for bad options: every constructor and per-call option of the wrong type
// rejects with invalid_input naming the option, in the caller's terms (never serde's), and
// sends nothing. A bad constructor option rejects every call; nothing throws synchronously.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError, REGIONS } from "tencent-chat-conversations";
import { startFakeServer, OK } from "./fake-server.mjs";

let server;
let client;
const bob = { type: "c2c", userId: "bob" };
const base = () => ({ sdkAppId: 1400000000, identifier: "administrator", userSig: "sig", endpoint: server.url, maxRetries: 0 });

before(async () => {
  server = await startFakeServer();
  client = new ConversationClient(base());
});
after(() => server.close());

/**
 * `fn()` must return a Promise rejecting with invalid_input whose info matches `pattern`,
 * naming `option` (undefined: none), sending nothing.
 */
async function refused(fn, pattern, command, option) {
  const sent = server.requests.length;
  let promise;
  assert.doesNotThrow(() => (promise = fn()), "threw synchronously");
  const e = await Promise.resolve(promise).then(() => assert.fail(`resolved; expected ${pattern}`), (x) => x);
  assert.ok(e instanceof ChatError, String(e));
  assert.equal(e.kind, "invalid_input", e.message);
  assert.equal(e.attempts, 0);
  assert.match(e.info, pattern);
  assert.doesNotMatch(e.info, /^Error: /);
  assert.doesNotMatch(e.info, /invalid type|expected (u32|u64|f64|a boolean|a string)|unknown variant/, "serde's wording");
  if (command) assert.equal(e.command, command);
  assert.equal(e.option, option, `option of ${e.message}`);
  assert.ok(e.message.endsWith(e.info), e.message);
  assert.equal(server.requests.length, sent, "a request was sent");
  return e;
}

const U32 = /must be an integer from 0 to 4294967295/;
const CONSTRUCTOR = [
  ["sdkAppId", [-1, 1.5, "1400000000", null, 2 ** 32, true], /`sdkAppId` must be an integer from 0 to 4294967295/],
  ["identifier", [5, null, ["a"]], /`identifier` must be a string/],
  ["identifier", ["", "  "], /`identifier` must not be empty/],
  ["userSig", [5, null, {}, undefined], /`userSig` must be a string or a function/],
  ["userSig", [""], /`userSig` must not be empty/],
  ["region", ["moon", 5, "Singapore"], new RegExp(`\`region\` must be one of ${REGIONS.join(", ")}$`)],
  ["endpoint", [5, {}], /`endpoint` must be a string/],
  ["endpoint", ["ftp://x", "example.com"], /`endpoint` must be an http:\/\/ or https:\/\/ URL/],
  ["allowInsecureHttp", ["yes", 1], /`allowInsecureHttp` must be true or false/],
  ["timeoutMs", ["100", {}, -1, 0], /`timeoutMs` must be a positive number/],
  ["timeoutMs", [NaN, Infinity], /`timeoutMs` must be a finite number/],
  ["maxRetries", [-1, 1.5, "2"], /`maxRetries` must be an integer from 0 to 4294967295/],
  ["maxRetries", [NaN], /`maxRetries` must be a finite number/],
  ["maxRequestsPerSecond", [-1, "200", 0.5], /`maxRequestsPerSecond` must be an integer from 0 to 4294967295/],
  ["onRequest", ["log", 5, {}], /`onRequest` must be a function/],
  ["onResponse", ["log", true], /`onResponse` must be a function/],
  ["onRetry", ["log", []], /`onRetry` must be a function/],
];

for (const [option, values, pattern] of CONSTRUCTOR) {
  test(`constructor option ${option}: ${values.map(String).join(", ")}`, async () => {
    for (const value of values) {
      let broken;
      assert.doesNotThrow(() => (broken = new ConversationClient({ ...base(), [option]: value })));
      await refused(() => broken.pin("alice", [bob]), pattern, "v4/recentcontact/top", option);
      await refused(() => broken.conversations("alice").next(), pattern, "v4/recentcontact/get_list", option);
      await refused(() => broken.request("v4/recentcontact/delete", {}), pattern, "v4/recentcontact/delete", option);
    }
  });
}

test("a missing required option is refused by name", async () => {
  for (const option of ["sdkAppId", "identifier"]) {
    const { [option]: _, ...rest } = base();
    const broken = new ConversationClient(/** @type {any} */ (rest));
    const e = await refused(() => broken.pin("alice", [bob]), new RegExp(`^\`${option}\` must be`), "v4/recentcontact/top", option);
    assert.doesNotMatch(e.info, /missing field/);
  }
});

test("the constructor's options must be an object", async () => {
  for (const value of [undefined, null, 5, "x", [], () => {}]) {
    const broken = new ConversationClient(/** @type {any} */ (value));
    await refused(() => broken.getGroups("alice"), /options/, "v4/recentcontact/get_contact_group");
  }
});

test("null and absent optional options are the defaults; every region is accepted", async () => {
  const c = new ConversationClient({ ...base(), onRequest: null, onResponse: undefined, region: null, timeoutMs: null });
  server.reply({ json: OK });
  await c.pin("alice", [bob]);
  for (const region of REGIONS) {
    const { endpoint, ...rest } = base();
    assert.ok(endpoint);
    // No request: only whether the configuration is accepted (bad input comes after it).
    const e = await new ConversationClient({ ...rest, region }).pin("", [bob]).catch((x) => x);
    assert.match(e.info, /account/, `${region}: ${e.info}`);
  }
});

const PER_CALL = [
  ["signal", ["x", {}, 5], /`signal` must be an AbortSignal/, (o) => client.pin("alice", [bob], o)],
  ["timeoutMs", ["5", -1, 0], /`timeoutMs` must be a positive number/, (o) => client.unpin("alice", [bob], o)],
  ["timeoutMs", [NaN, Infinity], /`timeoutMs` must be (a finite|a positive) number/, (o) => client.getGroups("alice", o)],
  ["idempotent", ["yes", 1, {}], /`idempotent` must be true or false/, (o) => client.request("v4/recentcontact/delete", {}, o)],
  ["onPage", ["x", 5], /`onPage` must be a function/, (o) => client.conversations("alice", o).next()],
  ["onPage", [{}], /`onPage` must be a function/, (o) => client.markedConversations("alice", o).next()],
  ["onPage", [true], /`onPage` must be a function/, (o) => client.getAllGroups("alice", o)],
  ["clearHistory", ["yes", 1], /`clearHistory` must be true or false/, (o) => client.deleteConversation("alice", bob, o)],
  ["marks", ["yes", 0], /`marks` must be true or false/, (o) => client.listConversations("alice", o)],
  ["groups", ["no", 1], /`groups` must be true or false/, (o) => client.listConversations("alice", o)],
  ["pinned", [1, "true"], /`pinned` must be true or false/, (o) => client.listConversations("alice", o)],
  ["includeEmpty", ["false"], /`includeEmpty` must be true or false/, (o) => client.conversations("alice", o).next()],
  ["paginatePinned", [0], /`paginatePinned` must be true or false/, (o) => client.listConversations("alice", o)],
  ["assistFlags", [-1, "7", 1.5, 2 ** 32], U32, (o) => client.listConversations("alice", o)],
  ["assistFlags", [NaN], /`assistFlags` must be a finite number/, (o) => client.listConversations("alice", o)],
  ["cursor", [5, "c", { timeStamp: 1 }, { timeStamp: -1, startIndex: 0, topTimeStamp: 0, topStartIndex: 0 }], /`cursor` must be a page's cursor/, (o) => client.listConversations("alice", o)],
  ["startIndex", [-1, "0", 0.5], /`startIndex` must be an integer from 0 to 2\^53 - 1/, (o) => client.getGroups("alice", o)],
  ["startIndex", [-1], /`startIndex` must be an integer/, (o) => client.markedConversations("alice", o).next()],
  ["startIndex", [NaN], /`startIndex` must be a finite number/, (o) => client.getAllGroups("alice", o)],
];

for (const [option, values, pattern, call] of PER_CALL) {
  test(`per-call option ${option}: ${values.map((v) => JSON.stringify(v) ?? String(v)).join(", ")}`, async () => {
    for (const value of values) await refused(() => call({ [option]: value }), pattern, undefined, option);
  });
}

test("a per-call options argument that is not an object is refused", async () => {
  for (const value of [5, "x", true, []]) {
    await refused(() => client.pin("alice", [bob], value), /options must be an object/, "v4/recentcontact/top");
    await refused(() => client.listConversations("alice", value), /options must be an object/, "v4/recentcontact/get_list");
  }
});

test("invalid_input names the method's command", async () => {
  const e = await refused(() => client.deleteGroup("alice", ""), /name/);
  // An argument, not an option: no `option`.
  assert.equal(e.option, undefined);
  assert.equal(e.command, "v4/recentcontact/del_contact_group");
  assert.match(e.message, /^v4\/recentcontact\/del_contact_group: /);
  const f = await refused(() => client.findConversations("alice", []), /conversation/);
  assert.equal(f.command, "v4/recentcontact/search_contact_group");
});

test("a wrongly shaped argument is described by the shape it should have, not by serde", async () => {
  const conversations = /^`conversations` must be an array of conversations, each \{ type: "c2c", userId: string \} or \{ type: "group", groupId: string \}$/;
  await refused(() => client.pin("alice", /** @type {any} */ (5)), conversations, "v4/recentcontact/top");
  await refused(() => client.findConversations("alice", [{ type: "c2c", userId: 5 }]), conversations);
  await refused(() => client.mark("alice", [{ conversation: bob, set: [1.5] }]), /^`operations` must be an array of \{ conversation, set\?: number\[\]/);
  await refused(() => client.createGroup("alice", { name: 5, conversations: [] }), /^`group` must be \{ name: string, conversations: Conversation\[\] \}$/);
  // The package's own checks keep their words.
  await refused(() => client.pin("alice", [{ type: "robot", userId: "x" }]), /^`conversations`: a conversation's type must be "c2c" or "group"; it should be/);
});

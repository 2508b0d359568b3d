// Calls survive free(): a call in flight when its client (or walk) is freed settles
// normally, a call after free() rejects with a ChatError naming the method (never a
// synchronous throw), a second free() does nothing, and Symbol.dispose is free().
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";

let emu;
const options = () => ({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, maxRetries: 0, maxRequestsPerSecond: 0 });
const bob = { type: "c2c", userId: "bob" };

before(async () => {
  emu = await startEmulator(["--seed", "none"]);
});
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset", { seed: "none" });
  await emu.post("config", { rateLimit: 0, pageSize: 10 });
  await emu.post("conversations", { account: "alice", generate: { count: 25, pinned: 0 } });
});

/** A delayed answer for the next request of `command`, so the call is still in flight. */
const slow = (command) => emu.post("faults", { command, count: 1, fault: { kind: "delay", ms: 300 } });

/** `fn()` must return a Promise (not throw) rejecting with invalid_input naming `method`. */
async function freedRejection(fn, method) {
  let promise;
  assert.doesNotThrow(() => (promise = fn()), `${method} threw synchronously`);
  assert.ok(promise instanceof Promise, `${method} returned no Promise`);
  const e = await promise.then(() => assert.fail(`${method} resolved`), (x) => x);
  assert.ok(e instanceof ChatError, `${method}: ${e}`);
  assert.equal(e.kind, "invalid_input");
  assert.equal(e.attempts, 0);
  assert.match(e.message, new RegExp(`${method.replace(".", "\\.")}\\(\\) was called after free\\(\\)`));
  return e;
}

const CALLS = {
  pin: (c) => c.pin("alice", [bob]),
  unpin: (c) => c.unpin("alice", [bob]),
  mark: (c) => c.mark("alice", [{ conversation: bob, set: [0] }]),
  createGroup: (c) => c.createGroup("alice", { name: "G", conversations: [bob] }),
  getGroups: (c) => c.getGroups("alice"),
  listConversations: (c) => c.listConversations("alice"),
  request: (c) => c.request("v4/recentcontact/get_contact_group", { From_Account: "alice", StartIndex: 0 }),
  getAllGroups: (c) => c.getAllGroups("alice"),
  renameGroup: (c) => c.renameGroup("alice", { name: "G", newName: "H" }),
  updateGroup: (c) => c.updateGroup("alice", { name: "G", add: [bob] }),
  deleteGroup: (c) => c.deleteGroup("alice", "G"),
  findConversations: (c) => c.findConversations("alice", [bob]),
  deleteConversation: (c) => c.deleteConversation("alice", bob),
};

test("a call in flight when the client is freed settles normally", async () => {
  const client = new ConversationClient(options());
  await slow("get_list");
  const call = client.listConversations("alice");
  client.free();
  const page = await call;
  assert.equal(page.items.length, 10);
  assert.equal(page.complete, false);
  // A failing call in flight rejects with its own error, not the freed one.
  const failing = new ConversationClient(options());
  await emu.post("faults", { command: "top", count: 1, fault: { kind: "http502" } });
  const pin = failing.pin("alice", [bob]);
  failing.free();
  const e = await pin.catch((x) => x);
  assert.equal(e.kind, "http");
});

test("every call after free() rejects with invalid_input naming the method; a second free() does nothing", async () => {
  const client = new ConversationClient(options());
  client.free();
  assert.doesNotThrow(() => client.free());
  for (const [name, call] of Object.entries(CALLS)) {
    await freedRejection(() => call(client), `ConversationClient.${name}`);
  }
  for (const name of ["conversations", "markedConversations"]) {
    const walk = client[name]("alice");
    assert.equal(walk[Symbol.asyncIterator](), walk);
    await freedRejection(() => walk.next(), `ConversationClient.${name}`);
    assert.deepEqual(await walk.next(), { value: undefined, done: true });
    assert.deepEqual(await walk.return("x"), { value: "x", done: true });
  }
  // The module goes on working.
  const other = new ConversationClient(options());
  assert.equal((await other.listConversations("alice")).items.length, 10);
});

test("a walk goes on after its client is freed, and a freed walk's request in flight still comes", async () => {
  const client = new ConversationClient(options());
  const walk = client.conversations("alice");
  const first = await walk.next();
  assert.equal(first.done, false);
  client.free();
  let count = 1;
  for (;;) {
    const { done } = await walk.next();
    if (done) break;
    count++;
  }
  assert.equal(count, 25, "every page came after the client was freed");

  const other = new ConversationClient(options());
  const freed = other.conversations("alice");
  await slow("get_list");
  const pending = freed.next();
  freed.free();
  assert.doesNotThrow(() => freed.free());
  const item = await pending;
  assert.equal(item.done, false);
  assert.ok(item.value.conversation, "the page in flight arrived");
  await freedRejection(() => freed.next(), "PageIterator.next");
  // `break` after free() (return()) ends quietly.
  assert.deepEqual(await freed.return(undefined), { value: undefined, done: true });
});

test("Symbol.dispose (what `using` calls) is the same guarded free()", async () => {
  assert.equal(typeof Symbol.dispose, "symbol");
  const client = new ConversationClient(options());
  await slow("get_contact_group");
  const call = client.getGroups("alice");
  client[Symbol.dispose]();
  assert.doesNotThrow(() => client[Symbol.dispose]());
  assert.doesNotThrow(() => client.free());
  assert.equal((await call).complete, true);
  await freedRejection(() => client.pin("alice", [bob]), "ConversationClient.pin");
  const walk = new ConversationClient(options()).conversations("alice");
  walk[Symbol.dispose]();
  await freedRejection(() => walk.next(), "PageIterator.next");
});

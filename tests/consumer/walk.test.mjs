// The whole-list walks of the packed package: conversations() and markedConversations()
// (async iterators, one page in memory, nothing requested ahead) and getAllGroups(),
// against the emulator with thousands of conversations, and against a fake server that
// would never let a walk end.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";
import { startFakeServer, OK } from "./fake-server.mjs";

let emu;
let client;
const id = (c) => (c.type === "c2c" ? `c2c:${c.userId}` : `group:${c.groupId}`);
const ids = (items) => items.map((i) => id(i.conversation));

before(async () => {
  emu = await startEmulator(["--seed", "none"]);
  client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, maxRetries: 0, maxRequestsPerSecond: 0 });
});
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset", { seed: "none" });
  await emu.post("config", { rateLimit: 0, pageSize: 100, groupPageSize: 100 });
});

async function generate(account, count, pinned) {
  await emu.post("conversations", { account, generate: { count, pinned } });
}

async function collect(iterable) {
  const items = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function requests(command) {
  return (await emu.get("stats")).counts[command] ?? 0;
}

/** get_list's order as the emulator documents it: pinned first, then MsgTime descending,
 * ties in creation order. */
async function expectedListOrder(account) {
  const { conversations } = await emu.get(`state?account=${account}`);
  return conversations
    .map((c, seq) => ({ c, seq }))
    .sort((a, b) => Number(b.c.pinned) - Number(a.c.pinned) || b.c.msgTime - a.c.msgTime || a.seq - b.seq)
    .map(({ c }) => (c.type === "c2c" ? `c2c:${c.userId}` : `group:${c.groupId}`));
}

test("conversations() yields each of 2,500 conversations exactly once, pinned first, in order", async () => {
  await generate("owner", 2500, 30);
  await emu.post("stats/reset");
  const pages = [];
  const items = await collect(client.conversations("owner", { onPage: (p) => pages.push(p) }));
  assert.equal(items.length, 2500);
  assert.equal(new Set(ids(items)).size, 2500);
  assert.deepEqual(ids(items), await expectedListOrder("owner"));
  assert.ok(items.slice(0, 30).every((i) => i.pinned));
  assert.ok(items.slice(30).every((i) => !i.pinned));
  assert.ok(items.some((i) => i.msgTime === 0), "empty conversations are included by default");
  // One request per page, 100 per page.
  assert.equal(pages.length, 25);
  assert.equal(await requests("get_list"), 25);
  // onPage: numbered from 1, the page's items, the running total.
  assert.deepEqual(pages.map((p) => p.page), Array.from({ length: 25 }, (_, i) => i + 1));
  assert.deepEqual(pages.map((p) => p.total), Array.from({ length: 25 }, (_, i) => (i + 1) * 100));
  assert.deepEqual(pages.flatMap((p) => p.items), items);
  // The same items as paging by hand with listConversations.
  const byHand = [];
  let cursor;
  for (;;) {
    const page = await client.listConversations("owner", cursor ? { cursor } : {});
    byHand.push(...page.items);
    if (page.complete) break;
    cursor = page.cursor;
  }
  assert.deepEqual(items, byHand);
});

test("conversations() passes the single-page options on every request", async () => {
  await generate("owner", 250, 5);
  const walk = async (options) => {
    await emu.post("stats/reset");
    const items = await collect(client.conversations("owner", options));
    const sent = (await emu.get("stats")).recent.map((r) => r.body);
    return { items, sent };
  };
  const nonEmpty = await walk({ includeEmpty: false });
  assert.ok(nonEmpty.items.length < 250 && nonEmpty.items.every((i) => i.msgTime > 0));
  assert.ok(nonEmpty.sent.every((b) => b.AssistFlags === 61 && b.From_Account === "owner"));
  const interleaved = await walk({ pinned: false });
  assert.equal(interleaved.items.length, 250);
  assert.ok(interleaved.items.every((i) => !i.pinned));
  assert.ok(interleaved.sent.every((b) => b.AssistFlags === 62));
  const raw = await walk({ assistFlags: 15, timeoutMs: 5000 });
  assert.equal(raw.sent.length, 3);
  assert.ok(raw.sent.every((b) => b.AssistFlags === 15));
  // A starting cursor: resumes after the page it came from.
  const first = await client.listConversations("owner");
  const rest = await walk({ cursor: first.cursor });
  assert.equal(rest.sent[0].StartIndex, first.cursor.startIndex);
  assert.deepEqual([...first.items, ...rest.items], (await walk()).items);
});

test("break stops the walk: no request after it, and no page is fetched ahead", async () => {
  await generate("owner", 2500, 0);
  await emu.post("stats/reset");
  let n = 0;
  for await (const item of client.conversations("owner")) {
    assert.ok(item.conversation);
    if (++n === 100) break; // the last item of page 1
  }
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(await requests("get_list"), 1);

  await emu.post("stats/reset");
  const iterator = client.conversations("owner");
  n = 0;
  for await (const _ of iterator) if (++n === 150) break;
  assert.equal(await requests("get_list"), 2);
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  assert.equal(await requests("get_list"), 2);

  // return() straight away, as break does.
  const unused = client.markedConversations("owner");
  assert.deepEqual(await unused.return(), { value: undefined, done: true });
  assert.deepEqual(await unused.next(), { value: undefined, done: true });
  assert.equal(await requests("get_contact_group"), 0);
});

test("an aborted signal rejects next() as aborted, between pages and in flight", async () => {
  await generate("owner", 500, 0);
  await emu.post("stats/reset");
  const controller = new AbortController();
  const iterator = client.conversations("owner", { signal: controller.signal });
  for (let i = 0; i < 150; i++) assert.equal((await iterator.next()).done, false);
  controller.abort();
  const e = await iterator.next().catch((x) => x);
  assert.ok(e instanceof ChatError);
  assert.equal(e.kind, "aborted");
  assert.equal(e.command, "v4/recentcontact/get_list");
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  assert.equal(await requests("get_list"), 2);

  // Aborted while the emulator holds the second page.
  const late = new AbortController();
  const walk = client.conversations("owner", { signal: late.signal });
  for (let i = 0; i < 100; i++) await walk.next();
  await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 3000 } });
  const started = Date.now();
  setTimeout(() => late.abort(), 50);
  const inFlight = await walk.next().catch((x) => x);
  assert.equal(inFlight.kind, "aborted");
  assert.ok(Date.now() - started < 2000);
  await emu.del("faults");

  // Already aborted: nothing is sent.
  await emu.post("stats/reset");
  const e2 = await client.conversations("owner", { signal: AbortSignal.abort() }).next().catch((x) => x);
  assert.equal(e2.kind, "aborted");
  const e3 = await client.getAllGroups("owner", { signal: AbortSignal.abort() }).catch((x) => x);
  assert.equal(e3.kind, "aborted");
  assert.equal((await requests("get_list")) + (await requests("get_contact_group")), 0);
});

test("markedConversations() walks many small pages; getAllGroups() keeps each group once", async () => {
  await emu.post("config", { groupPageSize: 7 });
  const marked = Array.from({ length: 300 }, (_, i) => ({
    type: i % 5 ? "c2c" : "group",
    ...(i % 5 ? { userId: `peer_${i}` } : { groupId: `@TGS#m${i}` }),
    msgTime: 1700000000 + i,
    marks: [i % 4, 32 + (i % 30)],
    ...(i % 3 ? {} : { customMark: `note ${i}` }),
  }));
  await emu.post("conversations", { account: "owner", conversations: marked });
  await emu.post("accounts", { accounts: ["newcomer"] });
  const a = await client.createGroup("owner", { name: "Customers", conversations: [{ type: "c2c", userId: "peer_1" }] });
  const b = await client.createGroup("owner", { name: "团队", conversations: [{ type: "c2c", userId: "newcomer" }] });
  await emu.post("stats/reset");

  const pages = [];
  const items = await collect(client.markedConversations("owner", { onPage: (p) => pages.push(p) }));
  assert.equal(items.length, 301); // the 300 marked, and newcomer in a group
  assert.equal(new Set(ids(items)).size, 301);
  assert.deepEqual(ids(items).slice(0, 300), marked.map((c) => id(c)));
  assert.equal(id(items[300].conversation), "c2c:newcomer");
  assert.deepEqual(items[1].marks, [1, 33]);
  assert.equal(items[0].customMark, "note 0");
  assert.deepEqual(items[1].groupIds, [a.group.id]);
  const pageCount = Math.ceil(301 / 7);
  assert.equal(await requests("get_contact_group"), pageCount);
  assert.equal(pages.length, pageCount);
  assert.equal(pages.at(-1).total, 301);

  // The same as paging by hand.
  const byHand = [];
  let startIndex = 0;
  for (;;) {
    const page = await client.getGroups("owner", { startIndex });
    byHand.push(...page.conversations);
    if (page.complete) break;
    startIndex = page.nextStartIndex;
  }
  assert.deepEqual(items, byHand);

  // startIndex: where to begin.
  assert.deepEqual(await collect(client.markedConversations("owner", { startIndex: 14 })), items.slice(14));

  await emu.post("stats/reset");
  const seen = [];
  const all = await client.getAllGroups("owner", { onPage: (p) => seen.push([p.page, p.items.length, p.total]) });
  assert.deepEqual(all.conversations, items);
  assert.deepEqual(all.groups, [a.group, b.group]);
  assert.equal(await requests("get_contact_group"), pageCount);
  assert.equal(seen.length, pageCount);
  assert.deepEqual(seen[0], [1, 7, 7]);
});

test("concurrent next() calls are served in order, each item once", async () => {
  await emu.post("config", { pageSize: 3 });
  await generate("owner", 10, 2);
  const iterator = client.conversations("owner");
  const results = await Promise.all(Array.from({ length: 12 }, () => iterator.next()));
  assert.deepEqual(results.map((r) => r.done), [...Array(10).fill(false), true, true]);
  assert.deepEqual(ids(results.slice(0, 10).map((r) => r.value)), await expectedListOrder("owner"));
});

test("bad input rejects the first next() (nothing throws) and sends nothing", async () => {
  await emu.post("stats/reset");
  for (const [account, options, pattern] of [
    ["", undefined, /account must not be empty/],
    [42, undefined, /account must be a string/],
    ["owner", { cursor: "no" }, /^v4\/recentcontact\/get_list: `cursor` must be a page's cursor/],
    ["owner", { onPage: "not a function" }, /`onPage` must be a function/],
    ["owner", { signal: "nope" }, /`signal` must be an AbortSignal/],
    ["owner", { timeoutMs: -1 }, /timeoutMs/],
  ]) {
    let iterator;
    assert.doesNotThrow(() => (iterator = client.conversations(account, options)));
    const e = await iterator.next().then(() => assert.fail("resolved"), (x) => x);
    assert.ok(e instanceof ChatError);
    assert.equal(e.kind, "invalid_input");
    assert.match(e.message, pattern);
    assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  }
  const e = await client.getAllGroups("", {}).catch((x) => x);
  assert.equal(e.kind, "invalid_input");
  const broken = new ConversationClient({ sdkAppId: -1, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
  assert.equal((await broken.markedConversations("owner").next().catch((x) => x)).kind, "invalid_input");
  assert.equal((await broken.getAllGroups("owner").catch((x) => x)).kind, "invalid_input");
  assert.equal((await emu.get("stats")).recent.length, 0);
});

test("a service error ends the walk with that error", async () => {
  await generate("owner", 250, 0);
  await emu.post("faults", { command: "get_list", count: 1, fault: { kind: "error", code: 50004, info: "busy" } });
  await emu.post("stats/reset");
  const iterator = client.conversations("owner");
  const e = await iterator.next().catch((x) => x);
  assert.equal(e.kind, "api");
  assert.equal(e.code, 50004);
  assert.equal(e.command, "v4/recentcontact/get_list");
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  assert.equal(await requests("get_list"), 1);
});

test("onPage observes: what it throws does not break the walk", async () => {
  await generate("owner", 250, 0);
  const items = await collect(client.conversations("owner", { onPage: () => { throw new Error("observer"); } }));
  assert.equal(items.length, 250);
});

test("the iterators work through require() too", async () => {
  const require = createRequire(import.meta.url);
  const cjs = require("tencent-chat-conversations");
  await generate("owner", 120, 0);
  const c = new cjs.ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
  const iterator = c.conversations("owner");
  assert.equal(iterator[Symbol.asyncIterator](), iterator);
  assert.equal((await collect(iterator)).length, 120);
});

test("a server repeating its cursor ends the walk as bad_response, not in an endless loop", async () => {
  const server = await startFakeServer();
  try {
    const fake = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: server.url, maxRetries: 0 });
    const stuckList = (cursor) => ({
      json: { ...OK, SessionItem: [{ Type: 1, To_Account: "x", MsgTime: 1, TopFlag: 0 }], CompleteFlag: 0, ...cursor },
    });
    // Only as many answers are queued as a working guard uses: a further request would get
    // the bare OK envelope (also a bad_response), and the request count tells them apart.
    // The very first answer echoes the request's cursor (all zeros).
    server.reply(stuckList({ TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0 }));
    const iterator = fake.conversations("alice");
    const first = await iterator.next().catch((x) => x);
    assert.ok(first instanceof ChatError);
    assert.equal(first.kind, "bad_response");
    assert.equal(first.command, "v4/recentcontact/get_list");
    assert.deepEqual(await iterator.next(), { value: undefined, done: true });
    assert.equal(server.requests.length, 1);

    // One step forward, then the same cursor again: two pages, then the error.
    server.requests.length = 0;
    const moved = stuckList({ TimeStamp: 1700000000, StartIndex: 1, TopTimeStamp: 0, TopStartIndex: 0 });
    server.reply(moved, moved);
    const got = [];
    const e = await (async () => {
      for await (const item of fake.conversations("alice")) got.push(item);
    })().catch((x) => x);
    assert.equal(e.kind, "bad_response");
    assert.equal(got.length, 1); // the stuck page's items are not yielded
    assert.equal(server.requests.length, 2);
    assert.deepEqual(JSON.parse(server.requests[1].raw).TimeStamp, 1700000000);

    // get_contact_group: NextStartIndex not past StartIndex while CompleteFlag is 0.
    server.requests.length = 0;
    const stuckGroups = { json: { ...OK, ContactItem: [], GroupItem: [{ GroupName: "g", GroupId: 1 }], CompleteFlag: 0, NextStartIndex: 0 } };
    server.reply(stuckGroups);
    const e2 = await fake.getAllGroups("alice").catch((x) => x);
    assert.equal(e2.kind, "bad_response");
    assert.equal(e2.command, "v4/recentcontact/get_contact_group");
    assert.equal(server.requests.length, 1);
    server.requests.length = 0;
    server.reply(stuckGroups);
    const e3 = await fake.markedConversations("alice", { startIndex: 5 }).next().catch((x) => x);
    assert.equal(e3.kind, "bad_response");
    assert.equal(server.requests.length, 1);
  } finally {
    await server.close();
  }
});

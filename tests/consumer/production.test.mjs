// Production behaviour against the emulator's fault injection: retries and backoff,
// idempotency, UserSig refresh, timeouts, cancellation, the client-side rate limiter,
// hooks and concurrency.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "./emulator.mjs";

let emu;
const bob = { type: "c2c", userId: "bob" };
const make = (options = {}) =>
  new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, ...options });
const fault = (command, fault, count = 1) => emu.post("faults", { command, count, fault });
const counts = async () => (await emu.get("stats")).counts;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

before(async () => {
  emu = await startEmulator();
});
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset");
  await emu.post("accounts", { accounts: ["alice", "bob"] });
  await emu.post("conversations", { account: "alice", conversations: [{ type: "c2c", userId: "bob", msgTime: 1700000000 }] });
});

test("transient failures are retried with backoff, and hooks see every attempt", async () => {
  const events = { request: [], response: [], retry: [] };
  const client = make({
    onRequest: (e) => events.request.push(e),
    onResponse: (e) => events.response.push(e),
    onRetry: (e) => events.retry.push(e),
  });
  await fault("get_list", { kind: "error", code: 50004 }, 2);
  const page = await client.listConversations("alice");
  assert.equal(page.items.length, 1);
  assert.equal((await counts()).get_list, 3);
  assert.deepEqual(events.request.map((e) => e.attempt), [1, 2, 3]);
  assert.deepEqual(events.retry.map((e) => [e.attempt, e.error.code]), [[1, 50004], [2, 50004]]);
  for (const e of events.retry) {
    assert.ok(e.delayMs >= 0 && e.delayMs <= 200 * 2 ** (e.attempt - 1), `delay ${e.delayMs}`);
    assert.ok(e.error instanceof ChatError);
  }
  const randoms = events.request.map((e) => e.random);
  assert.equal(new Set(randoms).size, 3, "a fresh random per attempt");
  for (const e of [...events.request, ...events.response, ...events.retry]) {
    assert.equal(e.command, "v4/recentcontact/get_list");
    assert.match(e.url, /usersig=REDACTED&/);
    assert.ok(!JSON.stringify(e).includes(USER_SIG), "UserSig in a hook payload");
  }
  assert.equal(events.response.at(-1).httpStatus, 200);
  assert.ok(events.response.every((e) => typeof e.durationMs === "number"));
});

test("every retryable failure kind is retried for idempotent calls", async () => {
  const client = make();
  const retryable = [
    { kind: "error", code: 50004 }, { kind: "error", code: 50005 }, { kind: "error", code: 60007 },
    { kind: "error", code: 60011 }, { kind: "error", code: 60018 }, { kind: "error", code: 60019 },
    { kind: "http502" }, { kind: "drop" },
  ];
  for (const f of retryable) {
    await emu.post("stats/reset");
    await fault("top", f);
    await client.pin("alice", [bob]);
    assert.equal((await counts()).top, 2, JSON.stringify(f));
  }
});

test("business errors, 70050 and bad input are not retried; attempts are counted", async () => {
  const client = make();
  for (const code of [50002, 51010, 70050, 70003]) {
    await emu.post("stats/reset");
    await fault("top", { kind: "error", code });
    const e = await client.pin("alice", [bob]).catch((x) => x);
    assert.deepEqual([e.kind, e.code, e.attempts], ["api", code, 1]);
    assert.equal((await counts()).top, 1);
  }
  await fault("get_list", { kind: "error", code: 50004 }, 5);
  const spent = await client.listConversations("alice").catch((x) => x);
  assert.deepEqual([spent.kind, spent.code, spent.attempts], ["api", 50004, 3]);
  await emu.del("faults");
  const none = await make({ maxRetries: 0 });
  await fault("get_list", { kind: "error", code: 50004 });
  assert.equal((await none.listConversations("alice").catch((x) => x)).attempts, 1);
});

test("60007 after retries are spent is rate_limited", async () => {
  await fault("top", { kind: "error", code: 60007 }, 3);
  const e = await make().pin("alice", [bob]).catch((x) => x);
  assert.deepEqual([e.kind, e.code, e.attempts], ["rate_limited", 60007, 3]);
});

test("createGroup is never repeated after a timeout, 50005 or a 5xx", async () => {
  const client = make({ timeoutMs: 300 });
  const group = { name: "G", conversations: [bob] };
  for (const f of [{ kind: "error", code: 50005 }, { kind: "http502" }, { kind: "error", code: 50004 }, { kind: "drop" }]) {
    await emu.post("stats/reset");
    await fault("create_contact_group", f);
    const e = await client.createGroup("alice", group).catch((x) => x);
    assert.ok(e instanceof ChatError, JSON.stringify(f));
    assert.equal(e.attempts, 1, JSON.stringify(f));
    assert.equal((await counts()).create_contact_group, 1);
  }
  await emu.post("stats/reset");
  await fault("create_contact_group", { kind: "delay", ms: 800 });
  const timedOut = await client.createGroup("alice", { name: "Once", conversations: [bob] }).catch((x) => x);
  assert.deepEqual([timedOut.kind, timedOut.attempts], ["timeout", 1]);
  await new Promise((r) => setTimeout(r, 900));
  assert.equal((await counts()).create_contact_group, 1);
  const { groups } = await emu.get("state?account=alice");
  assert.ok(groups.filter((g) => g.name === "Once").length <= 1);
});

test("createGroup is retried after a rate-limit rejection (surely not applied)", async () => {
  await emu.post("stats/reset");
  await fault("create_contact_group", { kind: "error", code: 60007 });
  const created = await make().createGroup("alice", { name: "Retried", conversations: [bob] });
  assert.equal((await counts()).create_contact_group, 2);
  const { groups } = await emu.get("state?account=alice");
  assert.deepEqual(groups.filter((g) => g.name === "Retried").map((g) => g.id), [created.group.id]);
});

test("request() retries unclear failures only when marked idempotent", async () => {
  const client = make();
  const body = { From_Account: "alice", StartIndex: 0 };
  await fault("get_contact_group", { kind: "http502" });
  assert.equal((await client.request("v4/recentcontact/get_contact_group", body).catch((x) => x)).kind, "http");
  await fault("get_contact_group", { kind: "http502" });
  const ok = await client.request("v4/recentcontact/get_contact_group", body, { idempotent: true });
  assert.equal(ok.ActionStatus, "OK");
});

test("an expired UserSig from a function is refreshed once and the call retried", async () => {
  let sigs = ["old-sig", "new-sig"];
  let calls = 0;
  await emu.post("config", { userSig: "new-sig", expiredUserSigs: ["old-sig"] });
  const client = make({ userSig: async () => sigs[calls++] });
  await client.pin("alice", [bob]);
  assert.equal(calls, 2);
  // A second expiry in the same call is not refreshed again.
  await emu.post("config", { userSig: "valid", expiredUserSigs: ["stale-1", "stale-2"] });
  sigs = ["stale-1", "stale-2", "valid"];
  calls = 0;
  const e = await client.pin("alice", [bob]).catch((x) => x);
  assert.deepEqual([e.code, e.attempts, calls], [70001, 2, 2]);
  // A fixed string cannot be refreshed: 70001 is final.
  await emu.post("config", { userSig: "new-sig", expiredUserSigs: [USER_SIG] });
  const fixed = await make().pin("alice", [bob]).catch((x) => x);
  assert.deepEqual([fixed.code, fixed.attempts], [70001, 1]);
});

test("a slow attempt times out (kind timeout), then is retried; per-call timeoutMs", async () => {
  const client = make({ timeoutMs: 200, maxRetries: 0 });
  await fault("get_list", { kind: "delay", ms: 1500 });
  const started = Date.now();
  const e = await client.listConversations("alice").catch((x) => x);
  assert.equal(e.kind, "timeout");
  assert.ok(Date.now() - started < 1200, "timeout did not end the attempt");
  const retrying = make({ timeoutMs: 200 });
  await fault("get_list", { kind: "delay", ms: 1500 });
  assert.equal((await retrying.listConversations("alice")).items.length, 1);
  await fault("get_list", { kind: "delay", ms: 400 });
  assert.equal((await client.listConversations("alice", { timeoutMs: 2000 })).items.length, 1);
  assert.equal((await client.listConversations("alice", { timeoutMs: 0 }).catch((x) => x)).kind, "invalid_input");
});

test("abort ends the call at once in flight, in backoff and in the limiter, leaving no timers", async () => {
  const baseline = timers();
  const client = make({ maxRequestsPerSecond: 1 });
  await client.pin("alice", [bob]); // takes the only slot of this second
  const queued = new AbortController();
  const started = Date.now();
  setTimeout(() => queued.abort(), 30);
  const inLimiter = await client.pin("alice", [bob], { signal: queued.signal }).catch((x) => x);
  assert.deepEqual([inLimiter.kind, inLimiter.attempts], ["aborted", 0]);
  assert.ok(Date.now() - started < 500);

  const backoff = new AbortController();
  const retrying = make({ onRetry: () => backoff.abort() });
  await fault("get_list", { kind: "error", code: 50004 }, 3);
  const inBackoff = await retrying.listConversations("alice", { signal: backoff.signal }).catch((x) => x);
  assert.deepEqual([inBackoff.kind, inBackoff.attempts], ["aborted", 1]);

  await new Promise((r) => setTimeout(r, 20));
  assert.equal(timers(), baseline, "a timer was left behind");
});

test("the limiter rejects a call whose slot is beyond its timeout", async () => {
  const client = make({ maxRequestsPerSecond: 1, timeoutMs: 300 });
  await client.pin("alice", [bob]);
  const e = await client.pin("alice", [bob]).catch((x) => x);
  assert.deepEqual([e.kind, e.attempts], ["rate_limited", 0]);
  // Each endpoint has its own limit.
  await client.listConversations("alice");
});

test("a burst of 1,000 calls never sends more than the limit in any 1-second window", async () => {
  await emu.post("config", { rateLimit: 200 });
  const sent = [];
  const client = make({ onRequest: () => sent.push(performance.now()) });
  const results = await Promise.allSettled(Array.from({ length: 1000 }, () => client.listConversations("alice")));
  assert.deepEqual(results.filter((r) => r.status === "rejected").map((r) => r.reason.message), []);
  sent.sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < sent.length; i++) {
    while (sent[i] - sent[j] >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  assert.ok(worst <= 200, `${worst} requests in one second`);
  assert.ok(sent.length >= 1000);
  assert.ok((await counts()).get_list >= 1000);
});

test("500 calls in flight on one client all complete correctly", async () => {
  const users = Array.from({ length: 50 }, (_, i) => `u${i}`);
  await emu.post("accounts", { accounts: users });
  await emu.post("conversations", { account: "alice", conversations: users.map((u, i) => ({ type: "c2c", userId: u, msgTime: 1600000000 + i })) });
  await emu.post("config", { rateLimit: 0 });
  const client = make({ maxRequestsPerSecond: 0 });
  const calls = Array.from({ length: 500 }, (_, i) => {
    const conv = { type: "c2c", userId: users[i % 50] };
    switch (i % 4) {
      case 0: return client.pin("alice", [conv]).then(() => "pinned");
      case 1: return client.mark("alice", [{ conversation: conv, set: [32 + (i % 30)] }]).then((r) => r[0].ok);
      case 2: return client.listConversations("alice").then((p) => p.items.length > 0);
      default: return client.getGroups("alice").then((p) => Array.isArray(p.conversations));
    }
  });
  const results = await Promise.all(calls);
  assert.equal(results.length, 500);
  assert.ok(results.every((r) => r === "pinned" || r === true));
  const usersOf = (rest) => new Set(Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 4 === rest).map((i) => users[i % 50]));
  const [pinned, marked] = [usersOf(0), usersOf(1)];
  const state = await emu.get("state?account=alice");
  for (const c of state.conversations.filter((c) => users.includes(c.userId))) {
    assert.equal(c.pinned, pinned.has(c.userId), c.userId);
    assert.equal(c.marks.length > 0, marked.has(c.userId), c.userId);
  }
});

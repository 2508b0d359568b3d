// Every failure rejects with a ChatError of the right kind, nothing throws synchronously,
// bad input sends nothing, the module survives hostile responses, and the UserSig never
// shows up in an error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient, ChatError } from "tencent-chat-conversations";
import { startFakeServer } from "./fake-server.mjs";

const SIG = "TOP-SECRET-USERSIG-123";
let server;
let client;
const bob = [{ type: "c2c", userId: "bob" }];

before(async () => {
  server = await startFakeServer();
  // No retries: these tests are about how each single failure is classified.
  client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: SIG, endpoint: server.url, maxRetries: 0 });
});
after(() => server.close());

/** Calls `fn`, which must return a promise (not throw), and returns its ChatError. */
async function rejection(fn) {
  let promise;
  assert.doesNotThrow(() => (promise = fn()), "threw synchronously");
  assert.ok(promise instanceof Promise);
  const error = await promise.then(
    () => assert.fail("resolved"),
    (e) => e,
  );
  assert.ok(error instanceof ChatError, `not a ChatError: ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, "ChatError");
  assertNoSecret(error);
  return error;
}

function assertNoSecret(error) {
  const everything = [String(error), error.message, error.stack, JSON.stringify(error), JSON.stringify(Object.entries(error))].join("\n");
  assert.ok(!everything.includes(SIG), `UserSig leaked: ${everything}`);
}

/** The call must be rejected as invalid_input without any request reaching the server. */
async function invalid(fn, pattern) {
  const before = server.requests.length;
  const error = await rejection(fn);
  assert.equal(error.kind, "invalid_input", `${error.kind}: ${error.message}`);
  assert.equal(error.attempts, 0);
  if (pattern) assert.match(error.message, pattern);
  assert.equal(server.requests.length, before, "a request was sent");
  return error;
}

test("API errors carry code, info, display, command and the random sent", async () => {
  server.reply({ json: { ActionStatus: "FAIL", ErrorCode: 70001, ErrorInfo: "UserSig expired", ErrorDisplay: "please log in" } });
  const e = await rejection(() => client.pin("a", bob));
  assert.equal(e.kind, "api");
  assert.equal(e.code, 70001);
  assert.equal(e.info, "UserSig expired");
  assert.equal(e.display, "please log in");
  assert.equal(e.command, "v4/recentcontact/top");
  assert.equal(e.random, Number(server.last().query.random));
  assert.equal(e.httpStatus, 200);
  assert.equal(e.attempts, 1);
  assert.match(e.message, /v4\/recentcontact\/top: UserSig expired \(ErrorCode 70001\)/);
});

test("a 502 HTML page is an http error, then the client still works", async () => {
  server.reply({ status: 502, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1></body></html>" });
  const e = await rejection(() => client.listConversations("a"));
  assert.equal(e.kind, "http");
  assert.equal(e.httpStatus, 502);
  assert.equal(e.code, 0);
  // The status once, not "HTTP status 502 (HTTP 502)".
  assert.equal(e.message, "v4/recentcontact/get_list: HTTP status 502");
  await client.pin("a", bob);
});

test("a ChatError's message is the core's text, and its fields keep one shape", () => {
  // The core writes the message (its rules are tested in Rust); the class only carries it.
  const fields = { kind: "http", code: 0, info: "the gateway said no", display: "", command: "v4/recentcontact/top", attempts: 1, httpStatus: 503 };
  const e = new ChatError({ ...fields, message: "v4/recentcontact/top: the gateway said no (HTTP 503)" });
  assert.equal(e.message, "v4/recentcontact/top: the gateway said no (HTTP 503)");
  assert.deepEqual(Object.keys(e), ["name", "kind", "code", "info", "display", "command", "random", "httpStatus", "attempts", "option"]);
  assert.equal(e.option, undefined);
});

test("hostile bodies are bad_response and leave the module working", async () => {
  const bodies = [
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[{"Type":1,"To_Acc', // truncated
    "",
    "[1,2,3]",
    "42",
    "null",
    '{"ErrorCode":0}', // no ActionStatus
    '{"ActionStatus":"FAIL","ErrorCode":0}',
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":"nope","CompleteFlag":1}',
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[{"Type":1,"To_Account":"x","MsgTime":-5}],"CompleteFlag":1}',
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[{"Type":1,"To_Account":"x","MsgTime":1.5}],"CompleteFlag":1}',
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[],"CompleteFlag":1,"TimeStamp":18014398509481985}',
    '{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[{"Type":3,"To_Account":"x"}],"CompleteFlag":1}',
  ];
  for (const body of bodies) {
    server.reply({ body });
    const e = await rejection(() => client.listConversations("a"));
    assert.equal(e.kind, "bad_response", `${body} → ${e.kind}: ${e.message}`);
    assert.equal(e.command, "v4/recentcontact/get_list");
  }
  server.reply({ json: { ActionStatus: "OK", ErrorCode: 0, SessionItem: [], CompleteFlag: 1 } });
  assert.deepEqual((await client.listConversations("a")).items, []);
});

test("OK with a non-zero ErrorCode is an API error", async () => {
  server.reply({ json: { ActionStatus: "OK", ErrorCode: 50002, ErrorInfo: "bad" } });
  const e = await rejection(() => client.pin("a", bob));
  assert.equal(e.kind, "api");
  assert.equal(e.code, 50002);
});

test("connection reset and refused are network errors", async () => {
  server.reply({ destroy: true });
  assert.equal((await rejection(() => client.pin("a", bob))).kind, "network");
  const closed = await startFakeServer();
  await closed.close();
  const nowhere = new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: closed.url, maxRetries: 0 });
  const e = await rejection(() => nowhere.pin("a", bob));
  assert.equal(e.kind, "network");
  assert.equal(e.attempts, 1);
  await client.pin("a", bob);
});

test("a network error names the runtime's reason: refused with host and port", async () => {
  const closed = await startFakeServer();
  await closed.close();
  const port = new URL(closed.url).port;
  const nowhere = new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: closed.url, maxRetries: 0 });
  const e = await rejection(() => nowhere.listConversations("a"));
  assert.equal(e.kind, "network");
  assert.match(e.info, new RegExp(`^the request failed: .*ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
});

test("invalid input is rejected before any request", async () => {
  await invalid(() => client.pin("", bob), /account must not be empty/);
  await invalid(() => client.pin(42, bob), /account must be a string/);
  await invalid(() => client.pin("a", []), /at least one conversation/);
  await invalid(() => client.pin("a", [{ userId: "bob" }]), /conversations/);
  await invalid(() => client.pin("a", [{ type: "c2c", groupId: "g" }]));
  await invalid(() => client.pin("a", [{ type: "c2c", userId: "" }]), /userId must not be empty/);
  await invalid(() => client.pin("a", [{ type: "group", groupId: "" }]), /groupId must not be empty/);
  await invalid(() => client.pin("a", "bob"));
  await invalid(() => client.pin("a", null));
  await invalid(() => client.unpin("a", [{ type: "robot", userId: "x" }]));
  const c = { type: "c2c", userId: "b" };
  await invalid(() => client.mark("a", []), /1 to 100/);
  await invalid(() => client.mark("a", Array(101).fill({ conversation: c, set: [1] })), /not 101/);
  await invalid(() => client.mark("a", [{ conversation: c, set: [64] }]), /64 is outside 0..=63/);
  await invalid(() => client.mark("a", [{ conversation: c, set: [-1] }]));
  await invalid(() => client.mark("a", [{ conversation: c, set: [1.5] }]));
  await invalid(() => client.mark("a", [{ conversation: c, clear: ["1"] }]));
  await invalid(() => client.mark("a", [{ conversation: c }]), /set, clear or customMark/);
  await invalid(() => client.mark("a", [{ conversation: c, customMark: "x".repeat(257) }]), /257 UTF-8 bytes/);
  await invalid(() => client.mark("a", [{ conversation: c, customMark: "€".repeat(86) }]), /258 UTF-8 bytes/);
  await invalid(() => client.createGroup("a", { name: "", conversations: [c] }), /group name/);
  await invalid(() => client.createGroup("a", { name: "x".repeat(33), conversations: [c] }), /not 33/);
  await invalid(() => client.createGroup("a", { name: "组".repeat(11), conversations: [c] }), /not 33/);
  await invalid(() => client.createGroup("a", { conversations: [c] }));
  await invalid(() => client.getGroups("a", { startIndex: -1 }));
  await invalid(() => client.getGroups("a", { startIndex: 1.5 }));
  await invalid(() => client.listConversations("a", { cursor: { timeStamp: -1, startIndex: 0, topTimeStamp: 0, topStartIndex: 0 } }));
  await invalid(() => client.listConversations("a", { cursor: { timeStamp: 0, startIndex: 0.5, topTimeStamp: 0, topStartIndex: 0 } }));
  await invalid(() => client.listConversations("a", { pinned: "yes" }));
  await invalid(() => client.listConversations("a", { signal: "not a signal" }), /AbortSignal/);
  await invalid(() => client.request("../../etc", {}), /command must look like/);
  await invalid(() => client.request("v4/recentcontact/get_list?x=1", {}));
  await invalid(() => client.request("v4/recentcontact/get_list", 5), /JSON-serialisable object/);
  const cyclic = {};
  cyclic.self = cyclic;
  await invalid(() => client.request("v4/recentcontact/get_list", cyclic));
  // Values at the edges are accepted.
  await client.mark("a", [{ conversation: c, set: [0, 63], customMark: "x".repeat(256) }]);
  await client.createGroup("a", { name: "x".repeat(32), conversations: [c] }).catch((e) => assert.equal(e.kind, "bad_response"));
});

test("input whose getters or proxy traps throw rejects as invalid_input; the client keeps working", async () => {
  const throwing = { type: "c2c", get userId() { throw new Error("getter"); } };
  const trap = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
  await invalid(() => client.pin("a", [throwing]), /`conversations` could not be read/);
  await invalid(() => client.mark("a", trap), /`operations` could not be read/);
  await invalid(() => client.listConversations("a", trap));
  await invalid(() => client.getGroups("a", { startIndex: 10n }));
  let broken;
  assert.doesNotThrow(() => (broken = new ConversationClient(trap)));
  await invalid(() => broken.pin("a", bob));
  await client.pin("a", bob);
});

test("a bad configuration rejects every call instead of throwing", async () => {
  const configs = [
    [{ sdkAppId: -1, identifier: "a", userSig: SIG, endpoint: server.url }, /: `sdkAppId` must be an integer from 0 to 4294967295$/],
    [{ sdkAppId: 2 ** 32, identifier: "a", userSig: SIG, endpoint: server.url }, /: `sdkAppId` must be an integer/],
    [{ sdkAppId: 1.5, identifier: "a", userSig: SIG, endpoint: server.url }, /: `sdkAppId` must be an integer/],
    [{ sdkAppId: "1", identifier: "a", userSig: SIG, endpoint: server.url }, /: `sdkAppId` must be an integer/],
    [{ sdkAppId: 1, identifier: "", userSig: SIG, endpoint: server.url }, /identifier/],
    [{ sdkAppId: 1, identifier: "a", endpoint: server.url }, /userSig/],
    [{ sdkAppId: 1, identifier: "a", userSig: "", endpoint: server.url }, /userSig/],
    [{ sdkAppId: 1, identifier: "a", userSig: SIG, region: "mars" }, /: `region` must be one of china, singapore/],
    [{ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: "http://chat.example.com" }, /plain http/],
    [{ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: "ftp://127.0.0.1" }, /endpoint/],
    [undefined, /options object/],
  ];
  for (const [options, pattern] of configs) {
    let bad;
    assert.doesNotThrow(() => (bad = new ConversationClient(options)));
    await invalid(() => bad.pin("a", bob), pattern);
  }
  // Allowed explicitly: configuration accepted (no request is made here).
  const insecure = new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: "http://chat.example.com", allowInsecureHttp: true });
  await invalid(() => insecure.pin("", bob), /account must not be empty/);
});

test("a failing userSig function rejects as user_sig with the host's error as cause, never in the message", async () => {
  /** A user_sig rejection after `sent` requests. */
  const signerFailed = async (fn, pattern, sent = 0) => {
    const before = server.requests.length;
    const e = await rejection(fn);
    assert.equal(e.kind, "user_sig", e.message);
    assert.equal(e.attempts, sent);
    assert.equal(e.command, "v4/recentcontact/top");
    assert.match(e.message, pattern);
    assert.equal(server.requests.length, before + sent);
    return e;
  };
  const thrown = new Error(SIG);
  const throwing = new ConversationClient({ sdkAppId: 1, identifier: "a", endpoint: server.url, userSig: () => { throw thrown; } });
  assert.equal((await signerFailed(() => throwing.pin("a", bob), /userSig function threw/)).cause, thrown);
  const rejecting = new ConversationClient({ sdkAppId: 1, identifier: "a", endpoint: server.url, userSig: () => Promise.reject(thrown) });
  assert.equal((await signerFailed(() => rejecting.pin("a", bob), /userSig function threw or rejected/)).cause, thrown);
  const empty = new ConversationClient({ sdkAppId: 1, identifier: "a", endpoint: server.url, userSig: () => 5 });
  assert.equal((await signerFailed(() => empty.pin("a", bob), /non-empty string/)).cause, undefined);
  // Failing on the refresh after 70001: one request went out; not retried again.
  let calls = 0;
  const refreshing = new ConversationClient({ sdkAppId: 1, identifier: "a", endpoint: server.url, userSig: () => (calls++ ? Promise.reject(thrown) : "stale") });
  server.reply({ json: { ActionStatus: "FAIL", ErrorCode: 70001, ErrorInfo: "UserSig expired", ErrorDisplay: "" } });
  assert.equal((await signerFailed(() => refreshing.pin("a", bob), /userSig function/, 1)).cause, thrown);
  assert.equal(calls, 2);
});

test("an AbortSignal aborts before sending and in flight", async () => {
  const aborted = AbortSignal.abort();
  const before = server.requests.length;
  const e = await rejection(() => client.pin("a", bob, { signal: aborted }));
  assert.equal(e.kind, "aborted");
  assert.equal(server.requests.length, before);
  server.reply({ delayMs: 2000, json: { ActionStatus: "OK", ErrorCode: 0 } });
  const controller = new AbortController();
  const started = Date.now();
  const pending = rejection(() => client.listConversations("a", { signal: controller.signal }));
  setTimeout(() => controller.abort(), 50);
  assert.equal((await pending).kind, "aborted");
  assert.ok(Date.now() - started < 1500, "abort did not end the call at once");
});

test("aborting with any reason (an Event, a string) rejects as aborted without trapping", async () => {
  for (const reason of ["stop", new Event("abort"), 42, undefined]) {
    server.reply({ delayMs: 1000, json: { ActionStatus: "OK", ErrorCode: 0 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 20);
    assert.equal((await rejection(() => client.pin("a", bob, { signal: controller.signal }))).kind, "aborted");
  }
  await client.pin("a", bob);
});

test("rate_limited errors (client limiter, and 60007 from the service) hold no UserSig", async () => {
  const limited = new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: SIG, endpoint: server.url, maxRequestsPerSecond: 1, timeoutMs: 300 });
  await limited.pin("a", bob);
  const local = await rejection(() => limited.pin("a", bob));
  assert.deepEqual([local.kind, local.attempts], ["rate_limited", 0]);
  server.reply({ json: { ActionStatus: "FAIL", ErrorCode: 60007, ErrorInfo: `limit for ${SIG}` } });
  const remote = await rejection(() => client.pin("a", bob));
  assert.deepEqual([remote.kind, remote.code], ["rate_limited", 60007]);
  assert.match(remote.info, /limit for REDACTED/);
});

test("many concurrent calls on one client all complete", async () => {
  const results = await Promise.allSettled(Array.from({ length: 100 }, () => client.pin("a", bob)));
  assert.deepEqual(new Set(results.map((r) => r.status)), new Set(["fulfilled"]));
});

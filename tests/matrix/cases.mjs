// The case matrix: every method of the package against the emulator over real HTTP, one
// list of cases run in each runtime by a thin runner (Node import and require in
// tests/consumer/matrix.test.*, Chromium and Firefox in tests/browser, the emulator's npm
// package in tests/emulator-pkg, Deno, Bun and workerd in tests/runtimes/matrix.test.mjs).
// A case is `run({ api, emu })`: `api` is what the package exports (however the runtime
// loaded it), `emu` a connection to an emulator (`connect(url)`).
// Each case starts from the same data (`fixture`). Plain ES module, no Node APIs: it also
// runs in browser pages.

/** A connection to the emulator at `url`: its control API (`/_emulator/`). */
export function connect(url) {
  const call = async (method, path, body) => {
    const res = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /_emulator/${path}: HTTP ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    post: (path, body = {}) => call("POST", path, body),
    get: (path) => call("GET", path),
    /** The account's state as the emulator holds it. */
    state: (account = "alice") => call("GET", `state?account=${encodeURIComponent(account)}`),
    /** The bodies the emulator received for `command` since the last stats/reset, oldest first. */
    sent: async (command) => (await call("GET", "stats")).recent.filter((r) => r.command === command).map((r) => r.body),
    fault: (command, fault, count = 1) => call("POST", "faults", { command, count, fault }),
    clearFaults: () => call("DELETE", "faults"),
  };
}

// --- assertions (no node:assert in a browser) ---------------------------------------------

class Failure extends Error {}
function ok(cond, msg = "expected true") {
  if (!cond) throw new Failure(msg);
}
/** Structural equality as JSON sees it: objects by their own keys in any order (a key whose
 * value is undefined counts as absent), arrays in order. */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const defined = (o) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = defined(a);
  const kb = defined(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
}
function eq(actual, expected, msg = "") {
  if (!same(actual, expected)) throw new Failure(`${msg}${msg ? ": " : ""}${JSON.stringify(actual)} !== ${JSON.stringify(expected)}`);
}
/** The error `promise` rejected with, checked to be a ChatError of `kind` (and `code`). */
async function rejects(api, promise, kind, code) {
  const error = await promise.then(
    (value) => {
      throw new Failure(`resolved to ${JSON.stringify(value)}, expected a ${kind} ChatError`);
    },
    (e) => e,
  );
  if (error instanceof Failure) throw error;
  ok(error instanceof api.ChatError, `not a ChatError: ${error}`);
  ok(error instanceof Error, "a ChatError is an Error");
  eq(error.kind, kind, `kind (${error.message})`);
  if (code !== undefined) eq(error.code, code, `code (${error.message})`);
  return error;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The server-side runtime running the cases ("deno", "bun", "node"), or undefined in a
 * browser or workerd. Deno and Bun also set process.versions.node, so they are asked first. */
const serverRuntime = () =>
  globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : typeof globalThis.process?.versions?.node === "string" ? "node" : undefined;

// --- the data every case starts from -------------------------------------------------------

const SDK_APP_ID = 1400000000;
const ADMIN = "administrator";
const USER_SIG = "emulator-usersig";
const c2c = (userId) => ({ type: "c2c", userId });
const group = (groupId) => ({ type: "group", groupId });
const key = (c) => c.userId ?? c.groupId;
const find = (s, conv) => s.conversations.find((c) => (conv.type === "c2c" ? c.userId === conv.userId : c.groupId === conv.groupId));
const bob = c2c("bob");
const team = group("@TGS#team");

/** alice talks with bob, carol, the group @TGS#team (newest first) and dave (no messages). */
export async function fixture(emu) {
  await emu.post("reset", { seed: "none" });
  await emu.post("config", { rateLimit: 0 });
  await emu.post("accounts", { accounts: ["alice", "bob", "carol", "dave"] });
  await emu.post("conversations", {
    account: "alice",
    conversations: [
      { ...bob, msgTime: 1700000300 },
      { type: "c2c", userId: "carol", msgTime: 1700000200 },
      { ...team, msgTime: 1700000100 },
      { type: "c2c", userId: "dave", msgTime: 0 },
    ],
  });
  await emu.post("stats/reset");
}

/** The options of a client of `emu`; `client()` makes one with no retries unless told. */
const optionsOf = (emu, more = {}) => ({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url, ...more });
const clientOf = (api, emu, more = {}) => new api.ConversationClient(optionsOf(emu, { maxRetries: 0, ...more }));

// --- the cases ------------------------------------------------------------------------------

/** @type {{ name: string, run: (ctx: { api: any, emu: ReturnType<typeof connect> }) => Promise<void>, needs?: () => string | undefined }[]} */
export const cases = [];
const add = (name, run, needs) => cases.push({ name, run, needs });

add("exports: Mark, ChatError, REGIONS (frozen, the default first)", async ({ api }) => {
  eq([api.Mark.Favorite, api.Mark.Unread, api.Mark.Collapsed, api.Mark.Hidden], [0, 1, 2, 3], "Mark");
  eq(typeof api.ChatError, "function", "ChatError");
  eq(typeof api.ConversationClient, "function", "ConversationClient");
  eq([...api.REGIONS], ["china", "singapore", "seoul", "tokyo", "frankfurt", "silicon-valley", "jakarta"], "REGIONS");
  ok(Object.isFrozen(api.REGIONS), "REGIONS is frozen");
});

add("every region is accepted; anything else is named as not one of them", async ({ api }) => {
  const base = { sdkAppId: 1, identifier: "a", userSig: "s" };
  for (const region of api.REGIONS) {
    // An empty account is refused after the configuration: the region was accepted.
    const e = await rejects(api, new api.ConversationClient({ ...base, region }).pin("", [bob]), "invalid_input");
    ok(/account/.test(e.info), `${region}: ${e.info}`);
  }
  const e = await rejects(api, new api.ConversationClient({ ...base, region: "moon" }).pin("a", [bob]), "invalid_input");
  eq(e.info, `\`region\` must be one of ${api.REGIONS.join(", ")}`);
});

add("pin and unpin change what the service stores and how get_list orders", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  eq(await client.pin("alice", [c2c("carol"), team]), undefined, "pin resolves to nothing");
  eq(find(await emu.state(), c2c("carol")).pinned, true);
  eq(find(await emu.state(), team).pinned, true);
  const page = await client.listConversations("alice");
  eq(page.items.map((i) => [key(i.conversation), i.pinned]), [["carol", true], ["@TGS#team", true], ["bob", false], ["dave", false]]);
  eq(page.items[1], { conversation: team, msgTime: 1700000100, pinned: true }, "an item");
  eq(page.complete, true);
  await client.unpin("alice", [c2c("carol")]);
  eq(find(await emu.state(), c2c("carol")).pinned, false);
  eq(await emu.sent("top"), [
    { From_Account: "alice", OperationType: 1, RecentContactItem: [{ Type: 1, To_Account: "carol" }, { Type: 2, GroupId: "@TGS#team" }] },
    { From_Account: "alice", OperationType: 2, RecentContactItem: [{ Type: 1, To_Account: "carol" }] },
  ]);
});

add("listConversations honours includeEmpty and sends the exact request", async ({ api, emu }) => {
  const page = await clientOf(api, emu).listConversations("alice", { includeEmpty: false });
  eq(page.items.map((i) => i.conversation), [bob, c2c("carol"), team]);
  eq(page.items[0], { conversation: bob, msgTime: 1700000300, pinned: false });
  const { recent } = await emu.get("stats");
  const last = recent[recent.length - 1];
  eq(last.command, "get_list");
  eq(last.query.usersig, USER_SIG);
  eq(last.body, { From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 61 });
});

add("listConversations pages with the four cursors", async ({ api, emu }) => {
  await emu.post("config", { pageSize: 3 });
  await emu.post("conversations", {
    account: "bob",
    conversations: Array.from({ length: 10 }, (_, i) => ({ type: "c2c", userId: ["alice", "carol", "dave"][i % 3] + (i < 3 ? "" : i), msgTime: 1700000000 + (i % 4) })),
  });
  const client = clientOf(api, emu);
  const seen = [];
  let cursor;
  for (let pages = 0; pages < 10; pages++) {
    const page = await client.listConversations("bob", cursor ? { cursor } : {});
    seen.push(...page.items.map((i) => i.conversation.userId));
    if (page.complete) break;
    cursor = page.cursor;
  }
  eq(seen.length, 10, "all ten");
  eq(new Set(seen).size, 10, "each once");
});

add("listConversations sends AssistFlags 63 by default: marks, custom marks and group ids come with each item", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  await client.mark("alice", [{ conversation: bob, set: [0] }, { conversation: team, customMark: "vip" }]);
  const { group: g } = await client.createGroup("alice", { name: "Team", conversations: [bob] });
  await emu.post("stats/reset");
  const page = await client.listConversations("alice");
  eq((await emu.sent("get_list"))[0].AssistFlags, 63);
  const b = page.items.find((i) => i.conversation.userId === "bob");
  eq(b.marks, [0]);
  eq(b.groupIds, [g.id]);
  eq(page.items.find((i) => i.conversation.groupId === "@TGS#team").customMark, "vip");
  for await (const item of client.conversations("alice")) {
    ok(item.conversation, "an item");
    break;
  }
  eq((await emu.sent("get_list"))[1].AssistFlags, 63, "the walk too");
  // The documented bits clear theirs; assistFlags is sent as given.
  await client.listConversations("alice", { pinned: false, paginatePinned: false });
  eq((await emu.sent("get_list"))[2].AssistFlags, 58);
  const raw = await client.listConversations("alice", { assistFlags: 7 });
  eq((await emu.sent("get_list"))[3].AssistFlags, 7);
  eq(raw.items.find((i) => i.conversation.userId === "bob").marks, undefined, "no marks asked for");
});

add("a walk goes through every page, calls onPage, and stops on return()", async ({ api, emu }) => {
  await emu.post("config", { pageSize: 10 });
  await emu.post("conversations", { account: "carol", generate: { count: 25, pinned: 0 } });
  const client = clientOf(api, emu);
  const pages = [];
  let seen = 0;
  for await (const item of client.conversations("carol", { onPage: (p) => pages.push([p.page, p.items.length, p.total]) })) {
    ok(item.conversation, "an item");
    seen += 1;
  }
  eq(seen, 25);
  eq(pages, [[1, 10, 10], [2, 10, 20], [3, 5, 25]]);
  await emu.post("stats/reset");
  const walk = client.conversations("carol");
  eq((await walk.next()).done, false);
  eq(await walk.return(undefined), { done: true, value: undefined });
  eq(await walk.next(), { done: true, value: undefined });
  eq((await emu.sent("get_list")).length, 1, "no request after return()");
  // Bad input rejects the first next(); nothing throws.
  await rejects(api, client.conversations(5).next(), "invalid_input");
});

add("mark sets and clears bits and the custom mark; getGroups decodes them", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  const results = await client.mark("alice", [
    { conversation: bob, set: [api.Mark.Favorite, api.Mark.Unread, 40] },
    { conversation: team, customMark: "vip" },
  ]);
  eq(results, [
    { conversation: bob, ok: true, code: 0, info: "" },
    { conversation: team, ok: true, code: 0, info: "" },
  ]);
  eq(find(await emu.state(), bob).marks, [0, 1, 40]);
  await client.mark("alice", [{ conversation: bob, clear: [api.Mark.Unread], customMark: "x" }]);
  const b = find(await emu.state(), bob);
  eq(b.marks, [0, 40]);
  eq(b.customMark, "x");
  const [first, second] = await emu.sent("mark_contact");
  eq([first.MarkItem[0].OptType, first.MarkItem[0].SetMark, first.MarkItem[0].ContactItem], [1, [0, 1, 40], { Type: 1, To_Account: "bob" }], "OptType 1");
  eq(first.MarkItem[1].OptType, 2, "OptType 2");
  eq(second.MarkItem[0].OptType, 3, "OptType 3");

  await client.mark("alice", [{ conversation: c2c("carol"), set: [33] }]);
  const page = await client.getGroups("alice");
  const marked = page.conversations.find((c) => c.conversation.userId === "bob");
  eq(marked.standardMark, "1" + "0".repeat(39) + "1");
  eq(marked.marks, [0, 40]);
  eq(marked.customMark, "x");
  eq(page.conversations.find((c) => c.conversation.userId === "carol").standardMark, "1" + "0".repeat(33));
  eq(page.complete, true);
  eq(page.conversations.find((c) => c.conversation.groupId === "@TGS#team").customMark, "vip");
});

add("mark reports per-item failures without failing the call", async ({ api, emu }) => {
  const results = await clientOf(api, emu).mark("alice", [
    { conversation: bob, set: [1] },
    { conversation: c2c("nobody-imported"), set: [1] },
  ]);
  eq(results.map((r) => [r.ok, r.code]), [[true, 0], [false, 50001]]);
  ok(results[1].info.length > 0, "the item's info");
});

add("createGroup returns the group id; getGroups and getAllGroups list groups and members", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  const created = await client.createGroup("alice", { name: "Team", conversations: [bob, team] });
  eq(created.group.name, "Team");
  ok(created.group.id > 0, "an id");
  eq(created.results.map((r) => r.ok), [true, true]);
  const page = await client.getGroups("alice");
  eq(page.groups, [{ name: "Team", id: created.group.id }]);
  eq(page.conversations.find((c) => c.conversation.groupId === "@TGS#team").groupIds, [created.group.id]);
  eq(find(await emu.state(), bob).groupIds, [created.group.id]);
  const all = await client.getAllGroups("alice");
  eq(all.groups, [{ name: "Team", id: created.group.id }]);
  eq(all.conversations.length, 2);
});

add("service limits come back as api errors with the documented codes", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  const long = await client.createGroup("alice", { name: "g".repeat(32), conversations: [bob] });
  ok(long.group.id > 0, "32 bytes is a name");
  for (let i = 1; i < 20; i++) await client.createGroup("alice", { name: `g${i}`, conversations: [bob] });
  const e = await rejects(api, client.createGroup("alice", { name: "one too many", conversations: [bob] }), "api", 51010);
  eq(e.command, "v4/recentcontact/create_contact_group");
  await rejects(api, client.pin("nobody-imported", [bob]), "api", 50001);
});

add("request() reaches any command and returns the parsed body", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  await client.pin("alice", [bob]);
  await client.unpin("alice", [bob]);
  const body = await client.request("v4/recentcontact/get_list", {
    From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 7,
  });
  eq(body.ActionStatus, "OK");
  eq(body.SessionItem.find((i) => i.To_Account === "bob").TopFlag, 0, "bob was unpinned");
  const groups = await client.request("v4/recentcontact/get_contact_group", { From_Account: "alice", StartIndex: 0 });
  eq(groups.ActionStatus, "OK");
  const e = await rejects(api, client.request("v4/recentcontact/delete", {}, { idempotent: "yes" }), "invalid_input");
  eq(e.info, "`idempotent` must be true or false");
});

add("errors: invalid input, the service's refusal and a 502 are ChatErrors; the client keeps working", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  await rejects(api, client.pin("", [bob]), "invalid_input", 0);
  const refused = await rejects(api, client.pin("nobody", [bob]), "api", 50001);
  ok(!JSON.stringify(refused).includes(USER_SIG) && !refused.message.includes(USER_SIG), "the UserSig leaked");
  await emu.fault("get_list", { kind: "http502" });
  const http = await rejects(api, client.listConversations("alice"), "http", 0);
  eq(http.httpStatus, 502);
  await rejects(api, client.listConversations("alice", { cursor: { timeStamp: -1, startIndex: 0, topTimeStamp: 0, topStartIndex: 0 } }), "invalid_input");
  eq((await client.listConversations("alice")).complete, true, "still works");
});

add("bad input rejects before sending, and the module survives", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  for (const [account, conversations] of [["", [bob]], [42, [bob]], ["a", null], ["a", [{ type: "robot", userId: "x" }]], ["a", [{ type: "c2c", groupId: "g" }]], ["a", [5]]]) {
    const e = await rejects(api, client.pin(account, conversations), "invalid_input", 0);
    eq(e.attempts, 0, JSON.stringify([account, conversations]));
  }
  const e = await rejects(api, client.mark("a", [{ conversation: c2c("b"), set: [64] }]), "invalid_input");
  ok(e.info.includes("outside 0..=63"), e.info);
  await rejects(api, client.listConversations("a", { signal: "not a signal" }), "invalid_input");
  // A bad configuration is reported by every call, never thrown.
  await rejects(api, new api.ConversationClient({ sdkAppId: -1 }).pin("a", [bob]), "invalid_input");
  await rejects(api, new api.ConversationClient(undefined).getGroups("a"), "invalid_input");
  eq(await emu.sent("top"), [], "nothing sent");
  await client.pin("alice", [bob]);
});

add("bad options reject naming the option, in the caller's terms", async ({ api, emu }) => {
  const options = optionsOf(emu);
  const expected = [
    [{ ...options, sdkAppId: -1 }, "`sdkAppId` must be an integer from 0 to 4294967295"],
    [{ ...options, region: "moon" }, `\`region\` must be one of ${api.REGIONS.join(", ")}`],
    [{ ...options, onRetry: "log" }, "`onRetry` must be a function"],
    [{ ...options, maxRetries: NaN }, "`maxRetries` must be a finite number, not NaN or Infinity"],
  ];
  for (const [config, info] of expected) {
    const e = await rejects(api, new api.ConversationClient(config).pin("alice", [bob]), "invalid_input");
    eq([e.info, e.command], [info, "v4/recentcontact/top"], info);
  }
});

add("a wrong UserSig and an expired one are api errors that do not echo the sig", async ({ api, emu }) => {
  const wrong = clientOf(api, emu, { userSig: "WRONG-SIG-VALUE" });
  const e = await rejects(api, wrong.pin("alice", [bob]), "api", 70003);
  ok(!JSON.stringify(e).includes("WRONG-SIG-VALUE") && !e.message.includes("WRONG-SIG-VALUE") && !String(e.stack).includes("WRONG-SIG-VALUE"), "the sig leaked");
  const fromPromise = clientOf(api, emu, { userSig: () => Promise.resolve("wrong-sig") });
  const p = await rejects(api, fromPromise.pin("alice", [bob]), "api", 70003);
  ok(!JSON.stringify(p).includes("wrong-sig"), "the sig leaked");
  await emu.post("config", { userSig: "new-sig", expiredUserSigs: [USER_SIG] });
  await rejects(api, clientOf(api, emu).pin("alice", [bob]), "api", 70001);
});

add("a userSig function may return a Promise; an expired one is refreshed once", async ({ api, emu }) => {
  await clientOf(api, emu, { userSig: () => Promise.resolve(USER_SIG) }).pin("alice", [bob]);
  await emu.post("config", { userSig: "fresh", expiredUserSigs: ["stale"] });
  const sigs = ["stale", "fresh"];
  let calls = 0;
  await clientOf(api, emu, { userSig: () => sigs[calls++] }).pin("alice", [bob]);
  eq(calls, 2, "the sig was asked for twice");
});

add("a failing userSig function is user_sig, with the host's error as cause", async ({ api, emu }) => {
  const thrown = new Error("signer down");
  for (const userSig of [() => Promise.reject(thrown), () => { throw thrown; }]) {
    const e = await rejects(api, clientOf(api, emu, { userSig }).pin("alice", [bob]), "user_sig");
    eq([e.attempts, e.command], [0, "v4/recentcontact/top"]);
    ok(e.cause === thrown, "the cause is what the host threw");
  }
});

add("injected faults: 502, service errors, a dropped connection, a truncated body; then normal calls", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  await emu.fault("get_list", { kind: "http502" });
  eq((await rejects(api, client.listConversations("alice"), "http")).httpStatus, 502);
  await emu.fault("top", { kind: "error", code: 50004 });
  await rejects(api, client.pin("alice", [bob]), "api", 50004);
  // Several: a browser may resend by itself after a reset connection.
  await emu.fault("top", { kind: "drop" }, 3);
  await rejects(api, client.pin("alice", [bob]), "network");
  await emu.clearFaults();
  await emu.fault("get_list", { kind: "truncated" });
  await rejects(api, client.listConversations("alice"), "bad_response");
  await client.pin("alice", [bob]);
  eq((await client.listConversations("alice")).items[0].pinned, true);
});

add("a network error names its cause", async ({ api }) => {
  // Nothing listens on port 47 here (and fetch does not refuse it as it does port 9).
  const client = new api.ConversationClient({ sdkAppId: 1, identifier: "a", userSig: USER_SIG, endpoint: "http://127.0.0.1:47", maxRetries: 0 });
  const e = await rejects(api, client.pin("a", [bob]), "network");
  ok(e.info.startsWith("the request failed: "), e.info);
  // Node, Deno and Bun give the reason, each in its own words; browsers and workerd say only
  // that the fetch failed.
  const refused = { node: /ECONNREFUSED 127\.0\.0\.1:47/, deno: /Connection refused/, bun: /ECONNREFUSED/ }[serverRuntime()];
  if (refused) ok(refused.test(e.info), e.info);
});

add("transient failures are retried with backoff; hooks see each retry with the UserSig redacted", async ({ api, emu }) => {
  const retries = [];
  const retrying = new api.ConversationClient(optionsOf(emu, { onRetry: (e) => retries.push(e) }));
  await emu.fault("get_list", { kind: "error", code: 50004 }, 2);
  eq((await retrying.listConversations("alice")).items.length, 4);
  eq(retries.map((e) => [e.attempt, e.error.code]), [[1, 50004], [2, 50004]]);
  ok(retries.every((e) => e.error instanceof api.ChatError && e.error.kind === "api"), "each a ChatError");
  ok(retries.every((e) => e.url.includes("usersig=REDACTED") && !e.url.includes(USER_SIG)), "redacted");
});

add("createGroup is not repeated after 50005 or a 502, and is after 60007", async ({ api, emu }) => {
  const retrying = new api.ConversationClient(optionsOf(emu));
  for (const fault of [{ kind: "error", code: 50005 }, { kind: "http502" }]) {
    await emu.fault("create_contact_group", fault);
    const e = await rejects(api, retrying.createGroup("alice", { name: "G", conversations: [bob] }), fault.kind === "error" ? "api" : "http");
    eq(e.attempts, 1, JSON.stringify(fault));
  }
  await emu.fault("create_contact_group", { kind: "error", code: 60007 });
  ok((await retrying.createGroup("alice", { name: "G", conversations: [bob] })).group.id > 0, "retried after 60007");
});

add("a slow attempt times out, and a retry then succeeds", async ({ api, emu }) => {
  await emu.fault("get_list", { kind: "delay", ms: 1500 });
  const e = await rejects(api, clientOf(api, emu, { timeoutMs: 200 }).listConversations("alice"), "timeout");
  eq(e.attempts, 1);
  await emu.fault("get_list", { kind: "delay", ms: 1500 });
  eq((await new api.ConversationClient(optionsOf(emu, { timeoutMs: 200 })).listConversations("alice")).items.length, 4, "retried");
});

add("abort: in flight, before sending, in backoff and in the rate limiter", async ({ api, emu }) => {
  const client = clientOf(api, emu);
  await emu.fault("get_list", { kind: "delay", ms: 3000 });
  const controller = new AbortController();
  setTimeout(() => controller.abort("any reason"), 50);
  const started = Date.now();
  await rejects(api, client.listConversations("alice", { signal: controller.signal }), "aborted");
  ok(Date.now() - started < 2000, "the abort did not end the call at once");
  // Already aborted: nothing is sent.
  eq((await rejects(api, client.pin("alice", [bob], { signal: controller.signal }), "aborted")).attempts, 0);

  const inBackoff = new AbortController();
  const retrying = new api.ConversationClient(optionsOf(emu, { onRetry: () => inBackoff.abort() }));
  await emu.fault("get_list", { kind: "error", code: 50004 }, 3);
  eq((await rejects(api, retrying.listConversations("alice", { signal: inBackoff.signal }), "aborted")).attempts, 1, "backoff");
  const limited = new api.ConversationClient(optionsOf(emu, { maxRequestsPerSecond: 1 }));
  await limited.pin("alice", [bob]);
  const queued = new AbortController();
  setTimeout(() => queued.abort(), 30);
  eq((await rejects(api, limited.pin("alice", [bob], { signal: queued.signal }), "aborted")).attempts, 0, "limiter");
  const tight = new api.ConversationClient(optionsOf(emu, { maxRequestsPerSecond: 1, timeoutMs: 300 }));
  await tight.pin("alice", [bob]);
  await rejects(api, tight.pin("alice", [bob]), "rate_limited");
});

add("rate limiter: no 1-second window over the limit; 500 calls in flight", async ({ api, emu }) => {
  const sent = [];
  const limited = new api.ConversationClient(optionsOf(emu, { maxRequestsPerSecond: 100, onRequest: () => sent.push(performance.now()) }));
  const pages = await Promise.all(Array.from({ length: 300 }, () => limited.listConversations("alice")));
  ok(pages.every((p) => p.items.length === 4), "all pages");
  sent.sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < sent.length; i++) {
    while (sent[i] - sent[j] >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  ok(worst <= 100, `${worst} sends in one second`);
  const unlimited = new api.ConversationClient(optionsOf(emu, { maxRequestsPerSecond: 0 }));
  const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? unlimited.pin("alice", [bob]) : unlimited.getGroups("alice"))));
  eq(results.length, 500, "500 completed");
});

add("calls survive free(); calls after free() reject naming the method", async ({ api, emu }) => {
  const freed = new api.ConversationClient(optionsOf(emu));
  await emu.fault("get_list", { kind: "delay", ms: 200 });
  const call = freed.listConversations("alice");
  freed.free();
  freed.free();
  eq((await call).items.length, 4, "the call in flight settled");
  let pin;
  try {
    pin = freed.pin("alice", [bob]);
  } catch (e) {
    throw new Failure(`threw synchronously: ${e}`);
  }
  const e = await rejects(api, pin, "invalid_input");
  eq(e.attempts, 0);
  ok(e.message.includes("ConversationClient.pin() was called after free()"), e.message);
  const walk = freed.conversations("alice");
  const w = await rejects(api, walk.next(), "invalid_input");
  ok(w.message.includes("ConversationClient.conversations()"), w.message);
  eq(await walk.next(), { done: true, value: undefined }, "then done");
});

add("a walk in flight survives free() of its client and of itself", async ({ api, emu }) => {
  await emu.post("config", { pageSize: 1 });
  const client = new api.ConversationClient(optionsOf(emu));
  const walk = client.conversations("alice");
  eq((await walk.next()).done, false, "first item");
  client.free();
  await emu.fault("get_list", { kind: "delay", ms: 200 });
  const pending = walk.next();
  walk.free();
  eq((await pending).done, false, "the page in flight came");
  const e = await rejects(api, walk.next(), "invalid_input");
  ok(e.message.includes("PageIterator.next()"), e.message);
  eq(await walk.return(undefined), { done: true, value: undefined }, "return() after free()");
});

add("Symbol.dispose is the guarded free()", async ({ api, emu }) => {
  const disposed = new api.ConversationClient(optionsOf(emu));
  await emu.fault("get_contact_group", { kind: "delay", ms: 200 });
  const call = disposed.getGroups("alice");
  disposed[Symbol.dispose]();
  disposed[Symbol.dispose]();
  eq((await call).complete, true, "settled");
  const e = await rejects(api, disposed.getGroups("alice"), "invalid_input");
  ok(e.message.includes("ConversationClient.getGroups()"), e.message);
});

const usingSyntax = () => {
  try {
    new Function("{ using x = null; }");
    return undefined;
  } catch {
    return "this runtime has no `using` declarations (Symbol.dispose is checked on its own)";
  }
};
add(
  "`using` frees the client at the end of its block; its call in flight settles",
  async ({ api, emu }) => {
    // Native syntax, compiled at run time, so that no bundler or parser of this module lowers or refuses it.
    const block = new Function("ConversationClient", "options", `
      let call, kept;
      {
        using client = new ConversationClient(options);
        kept = client;
        call = client.getGroups("alice");
      }
      return { call, kept };`);
    await emu.fault("get_contact_group", { kind: "delay", ms: 200 });
    const { call, kept } = block(api.ConversationClient, optionsOf(emu));
    eq((await call).complete, true, "settled after the block freed the client");
    const e = await rejects(api, kept.pin("alice", [bob]), "invalid_input");
    ok(e.message.includes("ConversationClient.pin() was called after free()"), e.message);
  },
  usingSyntax,
);

// --- the group lifecycle and conversation deletion -----------------------------------------

/** The fixture plus marks on bob, a custom mark on the team and the group "Team" (id 1) of both. */
async function withTeam(api, emu) {
  const client = clientOf(api, emu);
  await client.mark("alice", [{ conversation: bob, set: [0] }, { conversation: team, customMark: "vip" }]);
  await client.createGroup("alice", { name: "Team", conversations: [bob, team] });
  await emu.post("stats/reset");
  return client;
}

add("renameGroup sends UpdateGroupType 1 and resolves to the renamed group", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  eq(await client.renameGroup("alice", { name: "Team", newName: "Core team" }), { name: "Core team", id: 1 });
  eq(await emu.sent("update_contact_group"), [
    { From_Account: "alice", UpdateType: 1, UpdateGroup: { UpdateGroupType: 1, OldGroupName: "Team", NewGroupName: "Core team" } },
  ]);
  const s = await emu.state();
  eq(s.groups, [{ id: 1, name: "Core team" }]);
  eq(find(s, bob).groupIds, [1], "members stay");
  // 32 bytes of UTF-8 is the limit: 10 three-byte characters and 2 ASCII fit.
  eq(await client.renameGroup("alice", { name: "Core team", newName: "团队团队团队团队团队ab" }), { name: "团队团队团队团队团队ab", id: 1 });
});

add("renameGroup: bad input is refused before sending; an unknown group is the service's error, not retried", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  for (const input of [{ name: "Team", newName: "" }, { name: "Team", newName: "x".repeat(33) }, { name: "", newName: "x" }, { name: "Team" }, null]) {
    await rejects(api, client.renameGroup("alice", input), "invalid_input", 0);
  }
  await rejects(api, client.renameGroup("", { name: "Team", newName: "x" }), "invalid_input", 0);
  eq(await emu.sent("update_contact_group"), []);
  const retrying = new api.ConversationClient(optionsOf(emu));
  const error = await rejects(api, retrying.renameGroup("alice", { name: "Nope", newName: "x" }), "api");
  ok(error.code > 0, "the service's code");
  eq([error.command, error.attempts], ["v4/recentcontact/update_contact_group", 1]);
  eq((await emu.state()).groups, [{ id: 1, name: "Team" }]);
});

add("updateGroup adds and removes in one call (ContactOptType 1 and 2) and reports each item", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  const { group: g, results } = await client.updateGroup("alice", { name: "Team", add: [c2c("carol"), c2c("dave")], remove: [team] });
  eq(g, { name: "Team", id: 1 });
  eq(results, [
    { conversation: c2c("carol"), ok: true, code: 0, info: "" },
    { conversation: c2c("dave"), ok: true, code: 0, info: "" },
    { conversation: team, ok: true, code: 0, info: "" },
  ]);
  eq((await emu.sent("update_contact_group"))[0], {
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
  const s = await emu.state();
  eq(find(s, c2c("carol")).groupIds, [1]);
  eq(find(s, c2c("dave")).groupIds, [1]);
  eq(find(s, team).groupIds, []);
  eq(find(s, bob).groupIds, [1]);
  // Only a removal, only an addition.
  eq((await client.updateGroup("alice", { name: "Team", remove: [c2c("dave")] })).results.length, 1);
  eq((await client.updateGroup("alice", { name: "Team", add: [team] })).results[0].ok, true);
  eq(find(await emu.state(), team).groupIds, [1]);
});

add("updateGroup: items can fail while the call succeeds", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  const { results } = await client.updateGroup("alice", { name: "Team", add: [c2c("nobody-imported"), c2c("carol")] });
  eq(results.map((r) => [r.conversation.userId, r.ok, r.code]), [["nobody-imported", false, 50001], ["carol", true, 0]]);
  ok(results[0].info.length > 0, "the item's info");
  eq(find(await emu.state(), c2c("carol")).groupIds, [1]);
});

add("updateGroup: bad input is refused before sending", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  for (const input of [
    { name: "Team" },
    { name: "Team", add: [], remove: [] },
    { name: "", add: [bob] },
    { name: "Team", add: [{ type: "c2c" }] },
    { name: "Team", remove: [group("")] },
    { name: "Team", add: "bob" },
    { name: "Team", add: [bob], remove: [bob] },
  ]) {
    eq((await rejects(api, client.updateGroup("alice", input), "invalid_input", 0)).attempts, 0, JSON.stringify(input));
  }
  eq(await emu.sent("update_contact_group"), []);
});

add("deleteGroup sends one name and resolves to the deleted group; its conversations stay", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  await client.createGroup("alice", { name: "Other", conversations: [bob] });
  await emu.post("stats/reset");
  eq(await client.deleteGroup("alice", "Team"), { name: "Team", id: 1 });
  eq(await emu.sent("del_contact_group"), [{ From_Account: "alice", GroupName: ["Team"] }]);
  const s = await emu.state();
  eq(s.groups, [{ id: 2, name: "Other" }]);
  eq(find(s, bob).groupIds, [2]);
  ok(find(s, team), "the conversation stays");
  eq(find(s, team).groupIds, []);
  eq((await client.getAllGroups("alice")).groups, [{ name: "Other", id: 2 }]);
  for (const name of ["", ["Other"], 5]) await rejects(api, client.deleteGroup("alice", name), "invalid_input", 0);
  const again = await rejects(api, new api.ConversationClient(optionsOf(emu)).deleteGroup("alice", "Team"), "api");
  eq([again.command, again.attempts], ["v4/recentcontact/del_contact_group", 1], "not retried");
});

add("findConversations: marks, custom mark and groups of the given conversations, with the groups' names", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  const result = await client.findConversations("alice", [bob, team, c2c("carol")]);
  eq(await emu.sent("search_contact_group"), [
    { From_Account: "alice", ContactItem: [{ Type: 1, To_Account: "bob" }, { Type: 2, ToGroupId: "@TGS#team" }, { Type: 1, To_Account: "carol" }] },
  ]);
  eq(result.groups, [{ name: "Team", id: 1 }]);
  const byId = new Map(result.conversations.map((c) => [key(c.conversation), c]));
  eq(byId.get("bob").marks, [0]);
  eq(byId.get("bob").standardMark, "1");
  eq(byId.get("bob").groupIds, [1]);
  eq(byId.get("@TGS#team").customMark, "vip");
  eq(byId.get("@TGS#team").groupIds, [1]);
  ok(byId.get("bob").timestamp > 0, "a timestamp");
  // carol has no marks or groups: she is not in the answer (or is, with nothing).
  const carol = byId.get("carol");
  if (carol) eq([carol.marks ?? [], carol.customMark ?? "", carol.groupIds], [[], "", []]);
  // The same data getAllGroups has.
  for (const c of (await client.getAllGroups("alice")).conversations) eq(byId.get(key(c.conversation)), c);
});

add("findConversations splits more than 300 conversations into requests of 300, merged in the order asked", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  const many = Array.from({ length: 650 }, (_, i) => c2c(`user_${String(i).padStart(4, "0")}`));
  await emu.post("conversations", { account: "alice", conversations: many.map((c, i) => ({ ...c, msgTime: 1600000000 + i, marks: i % 100 === 0 ? [1] : [] })) });
  await client.updateGroup("alice", { name: "Team", add: [many[299], many[300], many[649]] });
  await emu.post("stats/reset");
  const result = await client.findConversations("alice", [many[649], ...many, bob, many[0]]);
  const bodies = await emu.sent("search_contact_group");
  eq(bodies.map((b) => b.ContactItem.length), [300, 300, 51]);
  eq(bodies.flatMap((b) => b.ContactItem.map((i) => i.To_Account)), [many[649], ...many.slice(0, 649), bob].map((c) => c.userId), "each asked for once, in order");
  const found = result.conversations.map((c) => c.conversation.userId);
  eq(found, ["user_0649", ...[0, 100, 200, 299, 300, 400, 500, 600].map((i) => many[i].userId), "bob"], "in the order asked, each once");
  eq(result.groups, [{ name: "Team", id: 1 }], "each group once");
  eq(result.conversations.find((c) => c.conversation.userId === many[300].userId).groupIds, [1]);
});

add("findConversations: bad input is refused before sending", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  await rejects(api, client.findConversations("alice", []), "invalid_input", 0);
  await rejects(api, client.findConversations("alice", [c2c("")]), "invalid_input", 0);
  await rejects(api, client.findConversations("alice", bob), "invalid_input", 0);
  await rejects(api, client.findConversations("", [bob]), "invalid_input", 0);
  eq(await emu.sent("search_contact_group"), []);
});

add("deleteConversation: c2c (To_Account) and group (ToGroupid); clearHistory sends ClearRamble 1", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  eq(await client.deleteConversation("alice", c2c("carol")), undefined);
  await client.deleteConversation("alice", team, { clearHistory: true });
  const [plain, cleared] = await emu.sent("delete");
  eq({ ...plain, ClearRamble: plain.ClearRamble ?? 0 }, { From_Account: "alice", Type: 1, To_Account: "carol", ClearRamble: 0 });
  eq(cleared, { From_Account: "alice", Type: 2, ToGroupid: "@TGS#team", ClearRamble: 1 });
  const s = await emu.state();
  eq(find(s, c2c("carol")), undefined, "nothing kept of a conversation without marks or groups");
  // One with marks or groups leaves the list and keeps them (the emulator's reading of the docs).
  eq(find(s, team).deleted, true);
  eq((await client.findConversations("alice", [team])).conversations.map((c) => c.customMark), ["vip"]);
  eq((await client.listConversations("alice")).items.map((i) => key(i.conversation)), ["bob", "dave"]);
});

add("deleteConversation: bad input, an aborted signal, and the service's refusal", async ({ api, emu }) => {
  const client = await withTeam(api, emu);
  await rejects(api, client.deleteConversation("alice", { type: "c2c" }), "invalid_input", 0);
  await rejects(api, client.deleteConversation("alice", { type: "group" }), "invalid_input", 0);
  await rejects(api, client.deleteConversation("alice", [bob]), "invalid_input", 0);
  for (const clearHistory of ["yes", 1]) await rejects(api, client.deleteConversation("alice", bob, { clearHistory }), "invalid_input", 0);
  await rejects(api, client.deleteConversation("alice", bob, { signal: AbortSignal.abort() }), "aborted", 0);
  eq(await emu.sent("delete"), []);
  await rejects(api, client.deleteConversation("nobody-imported", bob), "api", 50001);
  await emu.fault("delete", { kind: "error", code: 50002, info: "bad parameter" });
  eq((await rejects(api, client.deleteConversation("alice", bob), "api", 50002)).command, "v4/recentcontact/delete");
  ok(!find(await emu.state(), bob).deleted, "nothing deleted");
});

// --- running ---------------------------------------------------------------------------------

const describe = (e) => (e?.stack && !e.stack.startsWith(String(e)) ? `${e}\n${e.stack}` : String(e?.stack ?? e));

/** Runs one case from the fixture: resolves to `{ name, ok, skipped?, error? }`. */
export async function runCase(c, api, emu) {
  const skipped = c.needs?.();
  if (skipped) return { name: c.name, ok: true, skipped };
  try {
    await fixture(emu);
    await c.run({ api, emu });
    return { name: c.name, ok: true };
  } catch (e) {
    return { name: c.name, ok: false, error: describe(e) };
  }
}

/** Runs every case in turn (they share one emulator): the results, in order. */
export async function runCases(api, emu) {
  const results = [];
  for (const c of cases) results.push(await runCase(c, api, emu));
  return results;
}

/** Registers every case as its own test with `test(name, { skip }, fn)` (node:test's `test`,
 * or a parent's `t.test`), in order; `emu()` gives the connection (set by the file's setup).
 * A failed case throws its error. Resolves once they have all run. */
export function testCases(test, api, emu) {
  return Promise.all(
    cases.map((c) =>
      test(c.name, { skip: c.needs?.() }, async () => {
        const result = await runCase(c, api, emu());
        if (!result.ok) throw new Error(result.error);
      }),
    ),
  );
}

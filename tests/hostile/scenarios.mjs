// The hostile-response matrix, shared by Node (node.test.mjs), Chromium and Firefox (page.html
// via chromium.test.mjs and firefox.test.mjs): what the server sends for each scenario, what
// the client must make of it, and the check run on the client side. No imports, so a browser
// loads it as is.
//
// Every scenario gets fresh client(s) whose endpoint is `{server}/s/{scenario}/{clientId}`.
// The server answers the first `hostile` POSTs of a client id with the scenario's response
// and valid ones after that, so one run checks that the call fails as it should AND that
// the same client then completes a normal call, and (on a client made before any scenario)
// that the module as a whole still works.

/** The UserSig every client uses: distinctive, and changed by URL encoding. */
export const SIG = "eJx+HOSTILE/usersig=7f3a9cQ";
/** What must never show up: the sig, its URL-encoded form, and its unique tail. */
export const SECRET_FORMS = [SIG, encodeURIComponent(SIG), "7f3a9cQ"];

export const ACCOUNT = "alice";
const OK = { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", ErrorDisplay: "" };
const PAGE = {
  ...OK,
  SessionItem: [{ Type: 1, To_Account: "bob", MsgTime: 1700000000, TopFlag: 0 }],
  CompleteFlag: 1,
  TimeStamp: 1700000000,
  StartIndex: 0,
  TopTimeStamp: 0,
  TopStartIndex: 0,
};

const UPDATED = { UpdateGroupType: 2, GroupName: "g", GroupId: 1, OldGroupName: "g", ContactResultItem: [] };
const BOB = { type: "c2c", userId: "bob" };
const update = (result) => json({ ...OK, UpdateType: 1, UpdateGroupResult: { ...UPDATED, ...result } });
const found = (item) => json({ ...OK, ContactResultItem: [{ Type: 1, To_Account: "bob", StandardMark: "1", ContactGroupId: [1], Timestamp: 1700000000, ...item }], GroupItem: [{ GroupName: "g", GroupId: 1 }] });
// The calls of the group lifecycle endpoints, and their commands.
const RENAME = { call: (c) => c.renameGroup(ACCOUNT, { name: "g", newName: "h" }), command: "v4/recentcontact/update_contact_group" };
const ADD = { call: (c) => c.updateGroup(ACCOUNT, { name: "g", add: [BOB] }), command: "v4/recentcontact/update_contact_group" };
const DEL_GROUP = { call: (c) => c.deleteGroup(ACCOUNT, "g"), command: "v4/recentcontact/del_contact_group" };
const FIND = { call: (c) => c.findConversations(ACCOUNT, [BOB]), command: "v4/recentcontact/search_contact_group" };
const DELETE = { call: (c) => c.deleteConversation(ACCOUNT, BOB, { clearHistory: true }), command: "v4/recentcontact/delete" };
/** 301 conversations: two search_contact_group requests. */
const MANY = Array.from({ length: 301 }, (_, i) => ({ type: "c2c", userId: `u${i}` }));

/** A valid body for each command (what the server sends once a client's hostile turn is over). */
export function okBody(command) {
  switch (command) {
    case "get_list":
      return PAGE;
    case "get_contact_group":
      return { ...OK, ContactItem: [], GroupItem: [], CompleteFlag: 1, NextStartIndex: 0 };
    case "mark_contact":
      return { ...OK, ResultItem: [] };
    case "create_contact_group":
      return { ...OK, GroupResultItem: [{ GroupItem: { GroupName: "g", GroupId: 1 }, ResultItem: [] }] };
    case "update_contact_group":
      return { ...OK, UpdateType: 1, UpdateGroupResult: UPDATED };
    case "del_contact_group":
      return { ...OK, GroupItem: [{ GroupName: "g", GroupId: 1 }] };
    case "search_contact_group":
      return { ...OK, ContactResultItem: [], GroupItem: [] };
    default:
      return OK;
  }
}

/** A get_list page with `fields` merged over its first item (`item`) or the body. */
const page = (body = {}, item) => JSON.stringify({ ...PAGE, ...body, ...(item ? { SessionItem: [{ ...PAGE.SessionItem[0], ...item }] } : {}) });
const json = (body) => ({ body: typeof body === "string" ? body : JSON.stringify(body) });

let bigBody;
/** ~20 MB of valid JSON: a get_list page with a huge junk field in front. */
function twentyMegabytes() {
  bigBody ??= `{"Junk":"${"x".repeat(20 * 1024 * 1024)}",${page().slice(1)}`;
  return bigBody;
}

// Each scenario: name (also its URL path), what the server does (`send`, run in Node with
// the request and response), `expect` (the ChatError kind, or "ok", or a list of allowed
// outcomes), and optionally `call` (default listConversations), `options` for the client,
// `httpStatus`, `code`, `hostile` (how many POSTs get the hostile answer, default 1),
// `sink: true` (a redirect: the second server must receive nothing), `sent` (POSTs the
// server must see, default 1 per attempt), `okFirst` (POSTs answered validly before the
// hostile ones), `requests` (requests the call makes, when it splits its input) and
// `verify` (for a call that resolves: returns what is wrong with its value, if anything).
export const SCENARIOS = [
  // Not the service at all.
  { name: "html-502", send: { status: 502, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1></body></html>" }, expect: "http", httpStatus: 502 },
  { name: "html-502-retried", send: { status: 502, contentType: "text/html", body: "<h1>502</h1>" }, hostile: 2, options: { maxRetries: 1 }, expect: "http", httpStatus: 502, attempts: 2 },
  { name: "http-404", send: { status: 404, contentType: "text/plain", body: "not found" }, expect: "http", httpStatus: 404 },
  { name: "http-204-no-content", send: { status: 204, body: "" }, expect: "bad_response", httpStatus: 204 },
  { name: "html-200", send: { contentType: "text/html", body: "<!doctype html><title>Login</title>" }, expect: "bad_response" },
  { name: "empty-body", send: { body: "" }, expect: "bad_response" },
  { name: "truncated-json", send: { body: page().slice(0, 60) }, expect: "bad_response" },
  { name: "json-array", send: json([1, 2, 3]), expect: "bad_response" },
  { name: "json-array-shaped-like-envelope", send: json(["OK", 0, "", ""]), expect: "bad_response" },
  { name: "json-number", send: json("42"), expect: "bad_response" },
  { name: "json-string", send: json('"OK"'), expect: "bad_response" },
  { name: "json-null", send: json("null"), expect: "bad_response" },
  { name: "json-true", send: json("true"), expect: "bad_response" },
  { name: "invalid-utf8", send: { body: Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]) }, expect: "bad_response" },

  // The envelope.
  { name: "missing-action-status", send: json({ ErrorCode: 0, SessionItem: [], CompleteFlag: 1 }), expect: "bad_response" },
  { name: "missing-action-status-with-code", send: json({ ErrorCode: 70001, ErrorInfo: "x" }), expect: "bad_response" },
  { name: "unknown-action-status", send: json({ ActionStatus: "MAYBE", ErrorCode: 0 }), expect: "bad_response" },
  { name: "action-status-object", send: json({ ActionStatus: { OK: 1 }, ErrorCode: 0 }), expect: "bad_response" },
  { name: "ok-with-nonzero-code", send: json({ ActionStatus: "OK", ErrorCode: 50002, ErrorInfo: "bad parameter" }), expect: "api", code: 50002 },
  { name: "fail-with-code-0", send: json({ ActionStatus: "FAIL", ErrorCode: 0, ErrorInfo: "?" }), expect: "bad_response" },
  { name: "fail-without-code", send: json({ ActionStatus: "FAIL" }), expect: "bad_response" },
  { name: "fail-negative-code", send: json({ ActionStatus: "FAIL", ErrorCode: -1 }), expect: "api", code: -1 },
  { name: "error-code-string", send: json({ ActionStatus: "FAIL", ErrorCode: "70001" }), expect: "bad_response" },
  { name: "error-code-float", send: json({ ActionStatus: "FAIL", ErrorCode: 70001.5 }), expect: "bad_response" },
  { name: "error-code-beyond-2pow53", send: json('{"ActionStatus":"FAIL","ErrorCode":9007199254740993}'), expect: "bad_response" },
  { name: "error-code-1e400", send: json('{"ActionStatus":"FAIL","ErrorCode":1e400}'), expect: "bad_response" },
  {
    name: "usersig-expired-with-sig-function",
    send: json({ ActionStatus: "FAIL", ErrorCode: 70001, ErrorInfo: "UserSig expired" }),
    hostile: 2,
    options: { userSig: () => SIG },
    expect: "api",
    code: 70001,
    attempts: 2,
    retryHooks: 0, // a UserSig refresh retries at once, without a backoff or onRetry
  },

  // A service (or proxy) that echoes the UserSig it was sent back in its error text.
  {
    name: "error-info-echoes-usersig",
    send: { echoSig: true },
    expect: "api",
    code: 70003,
  },
  {
    name: "wrong-type-field-echoes-usersig",
    send: { echoSig: "MsgTime" },
    expect: "bad_response",
  },

  // Wrong field types and values in the body.
  { name: "session-item-string", send: json(page({ SessionItem: "nope" })), expect: "bad_response" },
  { name: "session-item-of-numbers", send: json(page({ SessionItem: [1, 2] })), expect: "bad_response" },
  { name: "msg-time-string", send: json(page({}, { MsgTime: "x" })), expect: "bad_response" },
  { name: "type-unknown", send: json(page({}, { Type: 3 })), expect: "bad_response" },
  { name: "c2c-without-account", send: json(page({}, { To_Account: undefined, GroupId: "g" })), expect: "bad_response" },
  { name: "complete-flag-string", send: json(page({ CompleteFlag: "1" })), expect: "bad_response" },
  { name: "cursor-beyond-2pow53", send: json(page().replace('"TimeStamp":1700000000', '"TimeStamp":18014398509481985')), expect: "bad_response" },
  { name: "start-index-2pow64", send: json(page().replace('"StartIndex":0', '"StartIndex":18446744073709551616')), expect: "bad_response" },
  { name: "msg-time-beyond-2pow53", send: json(page().replace('"MsgTime":1700000000', '"MsgTime":9007199254740993')), expect: "bad_response" },
  { name: "negative-counter", send: json(page({}, { MsgTime: -5 })), expect: "bad_response" },
  { name: "negative-cursor", send: json(page({ StartIndex: -1 })), expect: "bad_response" },
  { name: "float-counter", send: json(page({}, { MsgTime: 1.5 })), expect: "bad_response" },
  { name: "float-cursor", send: json(page({ TopStartIndex: 0.25 })), expect: "bad_response" },
  { name: "top-flag-300", send: json(page({}, { TopFlag: 300 })), expect: "bad_response" },

  // The other endpoints' bodies.
  { name: "groups-group-id-string", call: (c) => c.getGroups(ACCOUNT), send: json({ ...OK, GroupItem: [{ GroupName: "g", GroupId: "x" }], CompleteFlag: 1 }), expect: "bad_response", command: "v4/recentcontact/get_contact_group" },
  { name: "groups-standard-mark-number", call: (c) => c.getGroups(ACCOUNT), send: json({ ...OK, ContactItem: [{ Type: 1, To_Account: "b", StandardMark: 111 }], CompleteFlag: 1 }), expect: "bad_response", command: "v4/recentcontact/get_contact_group" },
  { name: "mark-result-item-object", call: (c) => c.mark(ACCOUNT, [{ conversation: { type: "c2c", userId: "b" }, set: [0] }]), send: json({ ...OK, ResultItem: { x: 1 } }), expect: "bad_response", command: "v4/recentcontact/mark_contact" },
  { name: "create-group-no-result", call: (c) => c.createGroup(ACCOUNT, { name: "g", conversations: [] }), send: json(OK), expect: "bad_response", command: "v4/recentcontact/create_contact_group" },
  { name: "pin-fail-code-0", call: (c) => c.pin(ACCOUNT, [{ type: "c2c", userId: "b" }]), send: json({ ActionStatus: "FAIL", ErrorCode: 0 }), expect: "bad_response", command: "v4/recentcontact/top" },
  { name: "raw-request-array", call: (c) => c.request("v4/recentcontact/delete", { From_Account: ACCOUNT }), send: json("[]"), expect: "bad_response", command: "v4/recentcontact/delete" },

  // The group lifecycle endpoints: update_contact_group, del_contact_group,
  // search_contact_group and delete.
  { name: "update-group-no-result", ...ADD, send: json({ ...OK, UpdateType: 1 }), expect: "bad_response" },
  { name: "update-group-result-array", ...ADD, send: json({ ...OK, UpdateType: 1, UpdateGroupResult: [UPDATED] }), expect: "bad_response" },
  { name: "update-group-result-code-string", ...ADD, send: update({ ContactResultItem: [{ ContactOptType: 1, ContactItem: { Type: 1, To_Account: "bob" }, ResultCode: "0", ResultInfo: "" }] }), expect: "bad_response" },
  { name: "update-group-item-without-conversation", ...ADD, send: update({ ContactResultItem: [{ ContactOptType: 1, ContactItem: { Type: 1 }, ResultCode: 0, ResultInfo: "" }] }), expect: "bad_response" },
  { name: "rename-group-id-negative", ...RENAME, send: update({ UpdateGroupType: 1, GroupName: "h", GroupId: -1 }), expect: "bad_response" },
  { name: "rename-group-id-beyond-2pow53", ...RENAME, send: json(JSON.stringify({ ...OK, UpdateType: 1, UpdateGroupResult: { ...UPDATED, GroupName: "h", GroupId: 7 } }).replace('"GroupId":7', '"GroupId":9007199254740993')), expect: "bad_response" },
  {
    // The docs' sample has no rename answer: one without ContactResultItem or OldGroupName must decode.
    name: "rename-group-minimal-answer",
    ...RENAME,
    send: json({ ActionStatus: "OK", ErrorCode: 0, UpdateGroupResult: { UpdateGroupType: 1, GroupName: "h", GroupId: 7 } }),
    expect: "ok",
    verify: (group) => (group?.name === "h" && group?.id === 7 ? undefined : `resolved to ${JSON.stringify(group)}`),
  },
  { name: "rename-group-stall", ...RENAME, send: { stall: "headers" }, expect: "timeout" },
  { name: "delete-group-no-group-item", ...DEL_GROUP, send: json(OK), expect: "bad_response" },
  { name: "delete-group-id-string", ...DEL_GROUP, send: json({ ...OK, GroupItem: [{ GroupName: "g", GroupId: "1" }] }), expect: "bad_response" },
  { name: "delete-group-echoes-usersig", ...DEL_GROUP, send: { echoSig: true }, expect: "api", code: 70003 },
  { name: "find-result-object", ...FIND, send: json({ ...OK, ContactResultItem: { Type: 1, To_Account: "bob" }, GroupItem: [] }), expect: "bad_response" },
  { name: "find-standard-mark-number", ...FIND, send: found({ StandardMark: 11 }), expect: "bad_response" },
  { name: "find-group-id-float", ...FIND, send: found({ ContactGroupId: [1.5] }), expect: "bad_response" },
  { name: "find-type-string", ...FIND, send: found({ Type: "1" }), expect: "bad_response" },
  {
    // The docs' 2026 sample: a group entry with StandardMark "" and no CustomMark.
    name: "find-sample-answer",
    ...FIND,
    call: (c) => c.findConversations(ACCOUNT, [{ type: "group", groupId: "@TGS#1" }, BOB]),
    send: json({ ...OK, ContactResultItem: [{ Type: 2, ToGroupId: "@TGS#1", StandardMark: "", ContactGroupId: [1], Timestamp: 1775186067 }], GroupItem: [{ GroupName: "g", GroupId: 1 }] }),
    expect: "ok",
    verify: (v) => (v?.conversations?.[0]?.conversation?.groupId === "@TGS#1" && v.groups?.[0]?.id === 1 ? undefined : `resolved to ${JSON.stringify(v)}`),
  },
  {
    // 301 conversations go out as two requests: the first answered, the second a gateway's 502.
    name: "find-split-second-fails",
    call: (c) => c.findConversations(ACCOUNT, MANY),
    command: "v4/recentcontact/search_contact_group",
    send: { status: 502, contentType: "text/html", body: "<h1>502</h1>" },
    okFirst: 1,
    requests: 2,
    sent: 3, // both requests, then the follow-up call
    expect: "http",
    httpStatus: 502,
  },
  { name: "delete-fail-code-0", ...DELETE, send: json({ ActionStatus: "FAIL", ErrorCode: 0 }), expect: "bad_response" },
  { name: "delete-error-code-string", ...DELETE, send: json({ ActionStatus: "FAIL", ErrorCode: "50002" }), expect: "bad_response" },
  { name: "delete-reset", ...DELETE, send: { destroy: "before" }, expect: "network" },
  { name: "delete-echoes-usersig", ...DELETE, send: { echoSig: true }, expect: "api", code: 70003 },

  // Whole-list walks against a server that would keep them going forever: they must end
  // with bad_response, not loop. (The walk's own error comes from its state machine after
  // a page decoded, so it carries no attempt data: `walk` relaxes those checks.)
  { name: "walk-same-cursor", call: (c) => drain(c.conversations(ACCOUNT)), send: { walk: "same" }, hostile: Infinity, walk: true, expect: "bad_response" },
  { name: "walk-start-index-back", call: (c) => drain(c.markedConversations(ACCOUNT)), send: { walk: "back" }, hostile: Infinity, walk: true, expect: "bad_response", command: "v4/recentcontact/get_contact_group" },
  {
    name: "walk-cursor-cycle",
    call: (c) => drain(c.conversations(ACCOUNT)),
    send: { walk: "cycle" },
    hostile: Infinity,
    walk: true,
    expect: "bad_response",
  },

  // Size and shape extremes: must not hang or crash; may decode.
  { name: "body-20MB", send: { body: twentyMegabytes }, options: { timeoutMs: 5000 }, expect: ["ok", "bad_response"] },
  { name: "body-20MB-not-json", send: { body: () => "a".repeat(20 * 1024 * 1024) }, options: { timeoutMs: 5000 }, expect: "bad_response" },
  { name: "deep-nesting", send: { body: () => `{"Junk":${"[".repeat(200000)}${"]".repeat(200000)},${page().slice(1)}` }, options: { timeoutMs: 5000 }, expect: ["ok", "bad_response"] },
  { name: "many-unknown-fields", send: { body: () => `{${Array.from({ length: 100000 }, (_, i) => `"F${i}":${i}`).join(",")},${page().slice(1)}` }, options: { timeoutMs: 5000 }, expect: "ok" },

  // The connection itself.
  { name: "stall-before-headers", send: { stall: "headers" }, expect: "timeout" },
  { name: "stall-mid-body", send: { stall: "body" }, expect: "timeout", httpStatus: 200 },
  { name: "connection-reset", send: { destroy: "before" }, expect: "network" },
  { name: "reset-mid-body", send: { destroy: "body" }, expect: "network", httpStatus: 200 },
  { name: "redirect-302", send: { redirect: 302 }, expect: "network", sink: true },
  { name: "redirect-307", send: { redirect: 307 }, expect: "network", sink: true },

  // Refused before sending: plain http:// to a host that is not loopback.
  { name: "plain-http-remote-host", endpoint: "http://chat.example.com", expect: "invalid_input", sent: 0 },
  { name: "plain-http-private-ip", endpoint: "http://10.0.0.1:8080", expect: "invalid_input", sent: 0 },
];

/** The scenario a request path `/s/{name}/{clientId}/...` belongs to. */
export function scenarioByName(name) {
  return SCENARIOS.find((s) => s.name === name);
}

/** How many POSTs a scenario's client should have made to the hostile server. */
export function expectedPosts(scenario, outcome) {
  if (scenario.sent !== undefined) return scenario.sent;
  if (scenario.walk) return outcome.posts; // as many pages as the walk asked for
  // The failing call's attempts, then the follow-up normal call's one.
  return (outcome.attempts ?? 1) + 1;
}

/** Runs a whole-list iterator to its end; more than 50 pages here means it would not stop. */
async function drain(iterator) {
  let n = 0;
  for await (const _ of iterator) {
    if (++n > 50) throw new Error("the walk was still going after 50 pages of a server that never advances");
  }
  return n;
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Every string a value can turn into (own props, JSON, String, stack), for the leak check. */
function renderings(value) {
  if (value === undefined || value === null) return [String(value)];
  const out = [String(value)];
  try {
    out.push(JSON.stringify(value));
  } catch {}
  if (typeof value === "object") {
    for (const key of Object.getOwnPropertyNames(value)) {
      try {
        const v = value[key];
        out.push(`${key}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
        if (v && typeof v === "object" && key !== "__proto__") out.push(...renderings(v).slice(1));
      } catch {}
    }
    if (value.stack) out.push(String(value.stack));
  }
  return out;
}

/** Throws if any secret form appears in any rendering of `values`. */
export function assertNoSecret(what, values) {
  for (const text of values.flatMap(renderings)) {
    for (const secret of SECRET_FORMS) {
      check(!text.includes(secret), `UserSig leaked in ${what}: …${text.slice(Math.max(0, text.indexOf(secret) - 80), text.indexOf(secret) + 40)}…`);
    }
  }
}

/**
 * Runs one scenario with the package `api` ({ ConversationClient, ChatError }) against the
 * hostile server at `base`, then a normal call on the same client and on `survivor` (a
 * client made before any scenario). Throws on any violation; returns what happened.
 */
export async function runScenario(api, base, scenario, survivor) {
  const { ConversationClient, ChatError } = api;
  const clientId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;
  const events = [];
  const record = (hook) => (event) => events.push({ hook, event });
  const options = {
    sdkAppId: 1400000000,
    identifier: "administrator",
    userSig: SIG,
    endpoint: scenario.endpoint ?? `${base}/s/${scenario.name}/${clientId}`,
    maxRetries: 0,
    timeoutMs: 1500,
    onRequest: record("onRequest"),
    onResponse: record("onResponse"),
    onRetry: record("onRetry"),
    ...scenario.options,
  };
  const client = new ConversationClient(options);
  const call = scenario.call ?? ((c) => c.listConversations(ACCOUNT));

  const started = Date.now();
  let promise;
  try {
    promise = call(client);
  } catch (e) {
    throw new Error(`threw synchronously: ${e}`);
  }
  check(promise instanceof Promise, "the call did not return a promise");
  const outcome = await promise.then(
    (value) => ({ ok: true, value }),
    (error) => ({ ok: false, error }),
  );
  const elapsedMs = Date.now() - started;
  const allowed = [scenario.expect].flat();
  const got = outcome.ok ? "ok" : outcome.error?.kind;
  const shown = outcome.ok ? "resolved" : `${outcome.error?.kind}: ${outcome.error?.message}`;
  check(allowed.includes(got), `expected ${allowed.join(" or ")}, got ${shown}`);
  if (outcome.ok && scenario.verify) {
    const wrong = scenario.verify(outcome.value);
    check(wrong === undefined, wrong);
  }
  // Within the timeout (plus scheduling slack); a timeout must not fire early either.
  check(elapsedMs < options.timeoutMs * (scenario.attempts ?? 1) + 1000, `took ${elapsedMs} ms (timeout ${options.timeoutMs} ms)`);
  let attempts = 0;
  if (!outcome.ok) {
    const e = outcome.error;
    check(e instanceof ChatError && e instanceof Error && e.name === "ChatError", `not a ChatError: ${e}`);
    if (got === "timeout") check(elapsedMs >= options.timeoutMs - 50, `timed out after ${elapsedMs} ms, before ${options.timeoutMs}`);
    if (scenario.code !== undefined) check(e.code === scenario.code, `code ${e.code}, expected ${scenario.code}`);
    else if (got !== "api") check(e.code === 0, `code ${e.code} on a ${got} error`);
    const command = scenario.command ?? "v4/recentcontact/get_list";
    // A configuration error is found before a command is chosen (ChatError.command is "").
    check(e.command === command || (got === "invalid_input" && e.command === ""), `command ${e.command}`);
    check(typeof e.message === "string" && e.message.length > 0 && e.message.length < 2000, `message of ${e.message?.length} characters`);
    const sent = got === "invalid_input" ? 0 : (scenario.attempts ?? 1);
    if (scenario.walk) {
      attempts = -1; // pages, not attempts: counted from the hooks below
    } else {
      check(e.attempts === sent, `attempts ${e.attempts}, expected ${sent}`);
      if (sent > 0) check(Number.isInteger(e.random), "no random");
      // The status when one arrived (200 unless the scenario says), none when no response did.
      const status = ["network", "timeout", "invalid_input"].includes(got) ? scenario.httpStatus : (scenario.httpStatus ?? 200);
      check(e.httpStatus === status, `httpStatus ${e.httpStatus}, expected ${status}`);
      attempts = e.attempts;
    }
  } else {
    attempts = 1;
  }

  // The hooks saw every attempt, and none of them saw the UserSig.
  const requests = events.filter((e) => e.hook === "onRequest");
  const responses = events.filter((e) => e.hook === "onResponse");
  if (attempts === -1) attempts = requests.length;
  const posts = attempts;
  const sends = scenario.requests ?? attempts;
  check(requests.length === sends && responses.length === sends, `hooks: ${requests.length} onRequest, ${responses.length} onResponse for ${sends} requests`);
  const retries = events.filter((e) => e.hook === "onRetry").length;
  const expectedRetries = scenario.walk ? 0 : (scenario.retryHooks ?? Math.max(0, attempts - 1));
  check(retries === expectedRetries, `${retries} onRetry calls, expected ${expectedRetries}`);
  for (const { event } of requests) check(/usersig=REDACTED&/.test(event.url), `hook url ${event.url}`);
  assertNoSecret("a hook payload", events.map((e) => e.event));
  if (!outcome.ok) assertNoSecret("the error", [outcome.error]);

  // The same client, then the module, still work.
  if (!scenario.endpoint) {
    const again = await client.listConversations(ACCOUNT);
    check(again.items?.[0]?.conversation?.userId === "bob", `the same client's next call: ${JSON.stringify(again)}`);
  }
  const alive = await survivor.listConversations(ACCOUNT);
  check(alive.items?.[0]?.conversation?.userId === "bob", "the first client no longer works");
  assertNoSecret("the hooks after the normal calls", events.map((e) => e.event));
  return { clientId, kind: got, elapsedMs, attempts, posts: posts + (scenario.endpoint ? 0 : 1) };
}

/** The client every scenario re-checks: made once, pointed at the always-valid path. */
export function survivorClient(api, base) {
  return new api.ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: SIG, endpoint: `${base}/s/ok/survivor`, maxRetries: 0, timeoutMs: 5000 });
}

// Runs in the page: every method of the package against the emulator, from a browser.
// Returns [{ name, ok, error? }]; browser.test.mjs turns each into a node:test result.
export async function runSuite({ ConversationClient, ChatError, Mark, REGIONS }, emulatorUrl) {
  const control = async (path, body) => {
    const res = await fetch(`${emulatorUrl}/_emulator/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
    if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  };
  const assert = (cond, msg) => {
    if (!cond) throw new Error(msg);
  };
  const eq = (a, b, msg) => assert(JSON.stringify(a) === JSON.stringify(b), `${msg}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`);
  const options = { sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", endpoint: emulatorUrl };
  const client = new ConversationClient({ ...options, maxRetries: 0 });
  const bob = { type: "c2c", userId: "bob" };
  const team = { type: "group", groupId: "@TGS#team" };

  const tests = {
    async "exports"() {
      eq([Mark.Favorite, Mark.Unread, Mark.Collapsed, Mark.Hidden], [0, 1, 2, 3], "Mark");
      assert(typeof ChatError === "function", "ChatError");
    },
    async "pin, unpin and listConversations"() {
      await client.pin("alice", [team]);
      let page = await client.listConversations("alice");
      eq(page.items[0], { conversation: team, msgTime: 1700000100, pinned: true }, "pinned first");
      eq(page.items.length, 3, "count");
      await client.unpin("alice", [team]);
      page = await client.listConversations("alice", { includeEmpty: false });
      eq(page.items.map((i) => i.conversation), [bob, { type: "c2c", userId: "carol" }, team], "order");
    },
    async "mark and getGroups"() {
      const results = await client.mark("alice", [{ conversation: bob, set: [Mark.Favorite, 33], customMark: "vip" }]);
      eq(results, [{ conversation: bob, ok: true, code: 0, info: "" }], "results");
      const page = await client.getGroups("alice");
      const marked = page.conversations.find((c) => c.conversation.userId === "bob");
      eq(marked.marks, [0, 33], "marks");
      eq(marked.standardMark, "1" + "0".repeat(32) + "1", "standardMark");
      eq(marked.customMark, "vip", "customMark");
    },
    async "createGroup"() {
      const created = await client.createGroup("alice", { name: "Team", conversations: [bob, team] });
      assert(created.group.id > 0, "id");
      const page = await client.getGroups("alice");
      eq(page.groups, [{ name: "Team", id: created.group.id }], "groups");
    },
    async "request"() {
      const body = await client.request("v4/recentcontact/get_contact_group", { From_Account: "alice", StartIndex: 0 });
      eq(body.ActionStatus, "OK", "status");
    },
    async "errors reject with ChatError"() {
      const invalid = await client.pin("", [bob]).catch((e) => e);
      assert(invalid instanceof ChatError && invalid.kind === "invalid_input", "invalid_input");
      const api = await client.pin("nobody", [bob]).catch((e) => e);
      assert(api instanceof ChatError && api.kind === "api" && api.code === 50001, `api: ${api}`);
      await control("faults", { command: "get_list", count: 1, fault: { kind: "http502" } });
      const http = await client.listConversations("alice").catch((e) => e);
      assert(http instanceof ChatError && http.kind === "http" && http.httpStatus === 502, `http: ${http}`);
      const bad = await client.listConversations("alice", { cursor: { timeStamp: -1, startIndex: 0, topTimeStamp: 0, topStartIndex: 0 } }).catch((e) => e);
      assert(bad.kind === "invalid_input", "cursor");
      assert(!JSON.stringify(api).includes("emulator-usersig") && !api.message.includes("emulator-usersig"), "sig leaked");
      eq((await client.listConversations("alice")).complete, true, "still works");
    },
    async "retries transient failures with backoff (issue 4)"() {
      const retries = [];
      const retrying = new ConversationClient({ ...options, onRetry: (e) => retries.push(e) });
      await control("faults", { command: "get_list", count: 2, fault: { kind: "error", code: 50004 } });
      const page = await retrying.listConversations("alice");
      eq(page.items.length, 3, "items");
      eq(retries.map((e) => [e.attempt, e.error.code]), [[1, 50004], [2, 50004]], "retries");
      assert(retries.every((e) => e.url.includes("usersig=REDACTED") && !e.url.includes("emulator-usersig")), "redacted");
    },
    async "createGroup is not repeated after 50005 or a 502"() {
      const retrying = new ConversationClient(options);
      for (const fault of [{ kind: "error", code: 50005 }, { kind: "http502" }]) {
        await control("faults", { command: "create_contact_group", count: 1, fault });
        const e = await retrying.createGroup("alice", { name: "G", conversations: [bob] }).catch((x) => x);
        eq([e.attempts, e instanceof ChatError], [1, true], JSON.stringify(fault));
      }
      await control("faults", { command: "create_contact_group", count: 1, fault: { kind: "error", code: 60007 } });
      const created = await retrying.createGroup("alice", { name: "G", conversations: [bob] });
      assert(created.group.id > 0, "retried after 60007");
    },
    async "timeout, then a retry succeeds"() {
      await control("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 1500 } });
      const e = await new ConversationClient({ ...options, timeoutMs: 200, maxRetries: 0 }).listConversations("alice").catch((x) => x);
      eq(e.kind, "timeout", "kind");
      await control("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 1500 } });
      const page = await new ConversationClient({ ...options, timeoutMs: 200 }).listConversations("alice");
      eq(page.items.length, 3, "retried");
    },
    async "expired UserSig from a function is refreshed"() {
      await control("config", { userSig: "fresh", expiredUserSigs: ["stale"] });
      const sigs = ["stale", "fresh"];
      let calls = 0;
      const refreshing = new ConversationClient({ ...options, userSig: () => sigs[calls++] });
      await refreshing.pin("alice", [bob]);
      eq(calls, 2, "sig fetched twice");
    },
    async "abort in backoff and in the rate limiter"() {
      const controller = new AbortController();
      const retrying = new ConversationClient({ ...options, onRetry: () => controller.abort() });
      await control("faults", { command: "get_list", count: 3, fault: { kind: "error", code: 50004 } });
      const e = await retrying.listConversations("alice", { signal: controller.signal }).catch((x) => x);
      eq([e.kind, e.attempts], ["aborted", 1], "backoff");
      const limited = new ConversationClient({ ...options, maxRequestsPerSecond: 1 });
      await limited.pin("alice", [bob]);
      const queued = new AbortController();
      setTimeout(() => queued.abort(), 30);
      const q = await limited.pin("alice", [bob], { signal: queued.signal }).catch((x) => x);
      eq([q.kind, q.attempts], ["aborted", 0], "limiter");
      const tight = new ConversationClient({ ...options, maxRequestsPerSecond: 1, timeoutMs: 300 });
      await tight.pin("alice", [bob]);
      eq((await tight.pin("alice", [bob]).catch((x) => x)).kind, "rate_limited", "refused");
    },
    async "rate limiter: no 1-second window over the limit; 500 calls in flight"() {
      await control("config", { rateLimit: 0 });
      const sent = [];
      const limited = new ConversationClient({ ...options, maxRequestsPerSecond: 100, onRequest: () => sent.push(performance.now()) });
      const pages = await Promise.all(Array.from({ length: 300 }, () => limited.listConversations("alice")));
      assert(pages.every((p) => p.items.length === 3), "all pages");
      sent.sort((a, b) => a - b);
      let worst = 0;
      for (let i = 0, j = 0; i < sent.length; i++) {
        while (sent[i] - sent[j] >= 1000) j++;
        worst = Math.max(worst, i - j + 1);
      }
      assert(worst <= 100, `${worst} sends in one second`);
      const free = new ConversationClient({ ...options, maxRequestsPerSecond: 0 });
      const results = await Promise.all(Array.from({ length: 500 }, (_, i) => (i % 2 ? free.pin("alice", [bob]) : free.getGroups("alice"))));
      eq(results.length, 500, "500 completed");
    },
    async "REGIONS: every region, frozen, each accepted"() {
      eq(REGIONS, ["china", "singapore", "seoul", "tokyo", "frankfurt", "silicon-valley", "jakarta"], "REGIONS");
      assert(Object.isFrozen(REGIONS), "frozen");
      for (const region of REGIONS) {
        const { endpoint, ...rest } = options;
        const e = await new ConversationClient({ ...rest, region }).pin("", [bob]).catch((x) => x);
        assert(e.kind === "invalid_input" && /account/.test(e.info), `${region}: ${e.info}`);
      }
    },
    async "calls survive free(); calls after free() reject naming the method (issue 4)"() {
      const freed = new ConversationClient(options);
      await control("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 200 } });
      const call = freed.listConversations("alice");
      freed.free();
      freed.free();
      eq((await call).items.length, 3, "the call in flight settled");
      let pin;
      try {
        pin = freed.pin("alice", [bob]);
      } catch (e) {
        throw new Error(`threw synchronously: ${e}`);
      }
      const e = await pin.catch((x) => x);
      assert(e instanceof ChatError && e.kind === "invalid_input" && e.attempts === 0, `after free: ${e}`);
      assert(e.message.includes("ConversationClient.pin() was called after free()"), e.message);
      const walk = freed.conversations("alice");
      const w = await walk.next().catch((x) => x);
      assert(w instanceof ChatError && w.message.includes("ConversationClient.conversations()"), `walk: ${w}`);
      eq(await walk.next(), { done: true }, "then done");
    },
    async "a walk in flight survives free() of its client and of itself"() {
      await control("config", { pageSize: 1 });
      const client2 = new ConversationClient(options);
      const walk = client2.conversations("alice");
      eq((await walk.next()).done, false, "first item");
      client2.free();
      await control("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 200 } });
      const pending = walk.next();
      walk.free();
      const item = await pending;
      eq(item.done, false, "the page in flight came");
      const e = await walk.next().catch((x) => x);
      assert(e instanceof ChatError && e.message.includes("PageIterator.next()"), `freed walk: ${e}`);
      eq(await walk.return(undefined), { done: true }, "return() after free()");
    },
    async "Symbol.dispose is the guarded free()"() {
      assert(typeof Symbol.dispose === "symbol", "Symbol.dispose");
      const disposed = new ConversationClient(options);
      await control("faults", { command: "get_contact_group", count: 1, fault: { kind: "delay", ms: 200 } });
      const call = disposed.getGroups("alice");
      disposed[Symbol.dispose]();
      disposed[Symbol.dispose]();
      eq((await call).complete, true, "settled");
      const e = await disposed.getGroups("alice").catch((x) => x);
      assert(e instanceof ChatError && e.kind === "invalid_input" && e.message.includes("ConversationClient.getGroups()"), `${e}`);
    },
    async "`using` frees the client at the end of its block; its call in flight settles"() {
      // Native syntax (compiled at run time, so that neither the bundler nor the parser of
      // this module lowers or refuses it).
      const block = new Function("ConversationClient", "options", `
        let call, kept;
        {
          using client = new ConversationClient(options);
          kept = client;
          call = client.getGroups("alice");
        }
        return { call, kept };`);
      await control("faults", { command: "get_contact_group", count: 1, fault: { kind: "delay", ms: 200 } });
      const { call, kept } = block(ConversationClient, options);
      eq((await call).complete, true, "settled after the block freed the client");
      const e = await kept.pin("alice", [bob]).catch((x) => x);
      assert(e instanceof ChatError && e.message.includes("ConversationClient.pin() was called after free()"), `${e}`);
    },
    async "bad options reject naming the option, in the caller's terms"() {
      const cases = [
        [{ ...options, sdkAppId: -1 }, "`sdkAppId` must be an integer from 0 to 4294967295"],
        [{ ...options, region: "moon" }, `\`region\` must be one of ${REGIONS.join(", ")}`],
        [{ ...options, onRetry: "log" }, "`onRetry` must be a function"],
        [{ ...options, maxRetries: NaN }, "`maxRetries` must be a finite number, not NaN or Infinity"],
      ];
      for (const [config, info] of cases) {
        const e = await new ConversationClient(config).pin("alice", [bob]).catch((x) => x);
        eq([e.kind, e.info, e.command], ["invalid_input", info, "v4/recentcontact/top"], info);
      }
      const e = await client.request("v4/recentcontact/delete", {}, { idempotent: "yes" }).catch((x) => x);
      eq([e.kind, e.info], ["invalid_input", "`idempotent` must be true or false"], "idempotent");
    },
    async "a failing userSig function is user_sig with the host's error as cause"() {
      const thrown = new Error("signer down");
      const failing = new ConversationClient({ ...options, userSig: () => Promise.reject(thrown) });
      const e = await failing.pin("alice", [bob]).catch((x) => x);
      eq([e.kind, e.attempts, e.command], ["user_sig", 0, "v4/recentcontact/top"], "kind");
      assert(e.cause === thrown, "cause");
    },
    async "abort"() {
      await control("faults", { command: "get_list", count: 1, fault: { kind: "delay", ms: 3000 } });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const e = await client.listConversations("alice", { signal: controller.signal }).catch((x) => x);
      eq(e.kind, "aborted", "kind");
    },
  };

  const results = [];
  for (const [name, fn] of Object.entries(tests)) {
    try {
      await control("reset");
      await control("accounts", { accounts: ["alice", "bob", "carol"] });
      await control("conversations", {
        account: "alice",
        conversations: [
          { type: "c2c", userId: "bob", msgTime: 1700000300 },
          { type: "c2c", userId: "carol", msgTime: 1700000200 },
          { type: "group", groupId: "@TGS#team", msgTime: 1700000100 },
        ],
      });
      await fn();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: describe(e) });
    }
  }
  return results;
}

// Firefox's stacks leave out the message that Chromium's start with.
const describe = (e) => (e?.stack && !e.stack.startsWith(String(e)) ? `${e}\n${e.stack}` : String(e?.stack ?? e));

/** A test page's entry: runs the suite against ?emulator=, leaves the results in window.__results for Playwright,
 * and POSTs them to ?report= when given, as Firefox runs with no driver to read them. */
export async function runAndReport(api) {
  const params = new URLSearchParams(location.search);
  const report = (body) => params.has("report") && fetch(params.get("report"), { method: "POST", body: JSON.stringify(body) });
  try {
    window.__results = await runSuite(api, params.get("emulator"));
  } catch (e) {
    await report({ error: describe(e) });
    throw e;
  }
  await report({ results: window.__results });
}

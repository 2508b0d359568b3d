// The `tencent-chat` command the package installs, run as a user would (the bin of the
// installed tarball, a child process) against the emulator: each command and output
// format, exit statuses 0/1/2, --help, and that the UserSig never shows up in its output.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BIN, PKG, runBin, startSession, resetSession } from "./cli-harness.mjs";

const SIG = "CLI-Secret-UserSig-5e9d2b7c41";
let emu;
let client;
let env;

before(async () => ({ emu, client, env } = await startSession(SIG)));
after(() => emu.stop());
beforeEach(() => resetSession(emu));

/** Runs the bin; every run is checked for the UserSig (and any `secrets`) in its output. */
async function cli(args, { env: extra = {}, secrets = [] } = {}) {
  const r = await runBin(args, { env: { ...env, ...extra }, secrets: [SIG, ...secrets] });
  // Not a terminal: no progress line, no escape codes.
  assert.ok(!r.stderr.includes("\x1b["), r.stderr);
  return r;
}

async function usage(args, pattern, options) {
  const r = await cli(args, options);
  assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, "");
  if (pattern) assert.match(r.stderr, pattern);
  assert.match(r.stderr, /--help/);
  return r;
}

async function ok(args, options) {
  const r = await cli(args, options);
  assert.equal(r.code, 0, `${args.join(" ")}: exit ${r.code}\n${r.stderr}`);
  assert.equal(r.stderr, "");
  return r;
}

const lines = (text) => text.split("\n").filter((l) => l !== "");
const describe = (c) => (c.type === "c2c" ? `c2c ${c.userId}` : `group ${c.groupId}`);
const state = (account = "alice") => emu.get(`state?account=${account}`);
const find = (s, userId) => s.conversations.find((c) => c.userId === userId || c.groupId === userId);
async function walk() {
  const items = [];
  for await (const item of client.conversations("alice")) items.push(item);
  return items;
}

test("the package installs the bin", () => {
  const pkg = JSON.parse(readFileSync(`${PKG}package.json`, "utf8"));
  assert.deepEqual(pkg.bin, { "tencent-chat": "./bin/tencent-chat.cjs" });
  const link = fileURLToPath(new URL("./node_modules/.bin/tencent-chat", import.meta.url));
  assert.ok(existsSync(link));
  assert.equal(realpathSync(link), realpathSync(BIN));
});

test("--help, overall and per command; --version", async () => {
  const overall = await ok(["--help"]);
  assert.match(overall.stdout, /^tencent-chat: /);
  for (const name of ["list", "groups", "pin", "unpin", "mark", "create-group"]) {
    assert.match(overall.stdout, new RegExp(`\\n  ${name} `));
    const own = await ok([name, "--help"]);
    assert.ok(own.stdout.startsWith(`Usage: tencent-chat ${name} --account ID`), own.stdout);
    assert.match(own.stdout, /TENCENT_CHAT_USERSIG/);
    assert.match(own.stdout, /--ndjson/);
    assert.equal((await ok(["help", name])).stdout, own.stdout);
    assert.equal((await ok([name, "-h", "--account", "x"])).stdout, own.stdout);
  }
  assert.match((await ok(["mark", "--help"])).stdout, /favorite, unread, collapsed, hidden/);
  assert.match(overall.stdout, /\n  --allow-insecure-http, or TENCENT_CHAT_ALLOW_INSECURE_HTTP=1: allow plain http:\/\/ to\n/);
  const pkg = JSON.parse(readFileSync(`${PKG}package.json`, "utf8"));
  assert.equal((await ok(["--version"])).stdout, `${pkg.version}\n`);
  // No command: the overview on stderr, status 2.
  const none = await cli([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Commands:/);
});

test("usage errors exit 2 with a message on stderr and nothing on stdout", async () => {
  await usage(["frobnicate"], /unknown command "frobnicate"/);
  await usage(["list"], /--account is required/);
  await usage(["list", "--account", "alice", "--bogus"], /unknown option --bogus\n/);
  await usage(["list", "--account", "alice", "--json", "--ndjson"], /exclude each other/);
  await usage(["list", "--account", "alice", "--limit", "0"], /--limit must be a whole number from 1 to 9007199254740991/);
  await usage(["list", "--account", "alice", "--assist-flags", "4294967296"], /--assist-flags must be a whole number from 0 to 4294967295\n/);
  await usage(["list", "--account", "alice", "--assist-flags", "-1"], /--assist-flags/);
  await usage(["list", "--account", "alice", "--region", "mars"], /--region: .*must be one of china, singapore, seoul, tokyo, frankfurt, silicon-valley, jakarta\n/);
  await usage(["list", "--account", "alice"], /TENCENT_CHAT_USERSIG/, { env: { TENCENT_CHAT_USERSIG: "" } });
  await usage(["list", "--account", "alice"], /TENCENT_CHAT_SDKAPPID/, { env: { TENCENT_CHAT_SDKAPPID: "" } });
  await usage(["list", "--account", "alice", "--sdkappid", "app"], /tencent-chat list: --sdkappid: /);
  await usage(["list", "--account", "alice", "--endpoint", "http://example.com"], /--allow-insecure-http/);
  await usage(["pin", "--account", "alice"], /--c2c USER or --group GID/);
  await usage(["mark", "--account", "alice", "--c2c", "bob"], /nothing to change/);
  await usage(["mark", "--account", "alice", "--c2c", "bob", "--set", "sparkly"], /unknown mark "sparkly"/);
  // Invalid input the library rejects (ChatError kind invalid_input) is a usage error too.
  await usage(["mark", "--account", "alice", "--c2c", "bob", "--set", "64"], /bit 64/);
  // The library's own words (no rewriting of its messages).
  await usage(["mark", "--account", "alice", "--c2c", "bob", "--custom", "x".repeat(257)], /customMark.*256/);
  await usage(["mark", "--account", "alice", "--group", "", "--set", "1"], /groupId must not be empty/);
  await usage(["create-group", "--account", "alice"], /--name is required/);
  await usage(["create-group", "--account", "alice", "--name", "x".repeat(33)], /group name/);
  // A UserSig given as a flag is not echoed by usage errors, wherever it lands.
  const flagSig = "Flag-UserSig-0a1b2c3d4e";
  await usage(["list", "--account", "alice", "--usersig", flagSig, "--nope"], /unknown option --nope\n/, { secrets: [flagSig] });
  await usage(["list", "--account", "alice", flagSig], /unexpected argument/, { secrets: [flagSig] });
  await usage(["list", "--account", "alice", "--usersig"], /argument missing/);
  assert.equal((await emu.get("stats")).recent.length, 0, "a usage error sent a request");
});

test("a mistyped command, option, mark or region gets a suggestion", async () => {
  await usage(["lst", "--account", "alice"], /^tencent-chat: unknown command "lst" \(did you mean list\?\)\n/);
  await usage(["creat-group"], /unknown command "creat-group" \(did you mean create-group\?\)/);
  await usage(["help", "lsit"], /unknown command "lsit" \(did you mean list\?\)/);
  await usage(["unpni"], /\(did you mean unpin\?\)/);
  await usage(["grosup"], /\(did you mean groups\?\)/);
  const far = await usage(["frobnicate"], /unknown command "frobnicate"\n/);
  assert.doesNotMatch(far.stderr, /did you mean/);
  await usage(["list", "--account", "alice", "--limt", "5"], /^tencent-chat list: unknown option --limt \(did you mean --limit\?\)\n/);
  await usage(["list", "--acount", "alice"], /unknown option --acount \(did you mean --account\?\)/);
  await usage(["list", "--account", "alice", "--sdkapid", "1"], /unknown option --sdkapid \(did you mean --sdkappid\?\)/);
  await usage(["list", "--account", "alice", "--jsno"], /unknown option --jsno \(did you mean --json\?\)/);
  await usage(["list", "--account", "alice", "--allow-insecure"], /unknown option --allow-insecure \(did you mean --allow-insecure-http\?\)/);
  await usage(["list", "--account", "alice", "--exclude-empty=", "--limit=1"], /--exclude-empty/);
  await usage(["list", "--account", "alice", "--name", "x"], /--name is not an option of list \(it is one of create-group, rename-group, update-group, delete-group\)/);
  await usage(["groups", "--account", "alice", "--c2c", "bob"], /--c2c is not an option of groups \(it is one of pin, unpin, mark, create-group, find, delete\)/);
  await usage(["mark", "--account", "alice", "--c2c", "bob", "--set", "favourite"], /unknown mark "favourite": use 0-63 or favorite, unread, collapsed, hidden \(did you mean favorite\?\)/);
  await usage(["list", "--account", "alice", "--region", "singapur"], /--region: .*must be one of .* \(did you mean singapore\?\)/);
  await usage(["list", "--account", "alice", "--region", "eu"], /--region: .*must be one of [a-z, -]+\n/);
  // An option before the command is not echoed (its value could be a credential).
  const first = await usage(["--usersig", "Early-UserSig-77aa88bb", "list"], /the command comes first: tencent-chat COMMAND \[options\]/, { secrets: ["Early-UserSig-77aa88bb"] });
  assert.doesNotMatch(first.stderr, /--usersig/);
  // An unknown option's value is not echoed either.
  const typo = await usage(["list", "--account", "alice", "--user-sig=Typo-UserSig-33cc44dd"], /unknown option --user-sig \(did you mean --usersig\?\)/, { secrets: ["Typo-UserSig-33cc44dd"] });
  assert.doesNotMatch(typo.stderr, /Typo-UserSig/);
  assert.equal((await emu.get("stats")).recent.length, 0, "a usage error sent a request");
});

test("connection settings are checked by the library and reported as the flag or variable that gave them", async () => {
  const bad = [
    [["--sdkappid=-1"], {}, /^tencent-chat list: --sdkappid: /],
    [["--sdkappid", "1.5"], {}, /^tencent-chat list: --sdkappid: /],
    [["--sdkappid", "4294967296"], {}, /^tencent-chat list: --sdkappid: /],
    [["--sdkappid", "1e9"], {}, /^tencent-chat list: --sdkappid: /],
    [[], { TENCENT_CHAT_SDKAPPID: "-1" }, /^tencent-chat list: TENCENT_CHAT_SDKAPPID: /],
    [["--identifier", "  "], {}, /^tencent-chat list: --identifier: /],
    [[], { TENCENT_CHAT_REGION: "mars" }, /^tencent-chat list: TENCENT_CHAT_REGION: .*must be one of china, /],
    [["--endpoint", "ftp://127.0.0.1/"], {}, /^tencent-chat list: --endpoint: .*http:\/\/ or https:\/\//],
    [["--endpoint", "127.0.0.1:8787"], {}, /^tencent-chat list: --endpoint: /],
    [["--endpoint", "not a url"], {}, /^tencent-chat list: --endpoint: /],
    [["--endpoint", "https://admin:pw@chat.example.com"], {}, /^tencent-chat list: --endpoint: .*credentials/],
    [["--endpoint", "https://chat.example.com/?sdkappid=1"], {}, /^tencent-chat list: --endpoint: .*query/],
    [[], { TENCENT_CHAT_ENDPOINT: "http://chat.example.com" }, /^tencent-chat list: TENCENT_CHAT_ENDPOINT: .*plain http:\/\/.*\(plain http:\/\/ to a host that is not loopback needs --allow-insecure-http or TENCENT_CHAT_ALLOW_INSECURE_HTTP=1\)/],
    [[], { TENCENT_CHAT_ALLOW_INSECURE_HTTP: "maybe" }, /TENCENT_CHAT_ALLOW_INSECURE_HTTP must be 1 or 0/],
    [[], { TENCENT_CHAT_USERSIG: "" }, /the UserSig is missing: pass --usersig or set TENCENT_CHAT_USERSIG/],
  ];
  for (const [args, extra, pattern] of bad) await usage(["list", "--account", "alice", ...args], pattern, { env: extra });
  // The library's check, not a copy of it: 127.1 is loopback to a URL parser, not to the library.
  await usage(["list", "--account", "alice", "--endpoint", "http://127.1:9"], /--allow-insecure-http/);
  assert.equal((await emu.get("stats")).recent.length, 0, "a usage error sent a request");

  // Accepted: a region in any case (the endpoint variable still wins), 0 and 2^32 - 1.
  assert.equal(JSON.parse((await ok(["list", "--account", "dave", "--json", "--region", "Singapore"])).stdout).length, 2);
  for (const id of ["0", "4294967295"]) {
    const r = await cli(["list", "--account", "dave", "--sdkappid", id]);
    assert.equal(r.code, 1, r.stderr); // the emulator's SDKAppID is another
    assert.match(r.stderr, /\[api error, code \d+/);
  }
});

test("--allow-insecure-http and its variable let plain http reach a host that is not loopback", async () => {
  // 0.0.0.0 is not loopback to the library nor to the command, yet it reaches this
  // machine's listeners, the emulator's included.
  const port = new URL(emu.url).port;
  const plain = `http://0.0.0.0:${port}`;
  await usage(["list", "--account", "dave", "--endpoint", plain], /--allow-insecure-http/);
  for (const options of [{ args: ["--allow-insecure-http"], env: {} }, { args: [], env: { TENCENT_CHAT_ALLOW_INSECURE_HTTP: "1" } }]) {
    const r = await ok(["list", "--account", "dave", "--json", "--endpoint", plain, ...options.args], { env: options.env });
    assert.equal(JSON.parse(r.stdout).length, 2);
  }
  // "0" leaves it off.
  await usage(["list", "--account", "dave", "--endpoint", plain], /--allow-insecure-http/, { env: { TENCENT_CHAT_ALLOW_INSECURE_HTTP: "0" } });
});

test("--json writes one complete document or nothing, whichever page fails", async () => {
  await emu.post("config", { pageSize: 40, groupPageSize: 4 });
  const http502 = { kind: "http502" };
  // Every attempt of a call (1 + 2 retries) answers 502.
  const failPage = async (command, page) => {
    await emu.del("faults");
    if (page > 1) await emu.post("faults", { command, count: page - 1, fault: { kind: "delay", ms: 0 } });
    await emu.post("faults", { command, count: 3, fault: http502 });
  };
  for (const page of [1, 2, 8]) {
    await failPage("get_list", page);
    const r = await cli(["list", "--account", "alice", "--json"]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, "", `page ${page} failed, yet stdout has: ${r.stdout.slice(0, 80)}`);
    assert.match(r.stderr, /HTTP status 502 \[http error, code 0/);
  }
  await failPage("get_contact_group", 2);
  const groups = await cli(["groups", "--account", "alice", "--json"]);
  assert.equal(groups.code, 1);
  assert.equal(groups.stdout, "");
  // --ndjson streams: the lines before the failure, each complete.
  await failPage("get_list", 2);
  const nd = await cli(["list", "--account", "alice", "--ndjson"]);
  assert.equal(nd.code, 1);
  assert.equal(lines(nd.stdout).map((l) => JSON.parse(l)).length, 40);
  // And the same walk, unhindered, is one document.
  await emu.del("faults");
  assert.equal(JSON.parse((await ok(["list", "--account", "alice", "--json"])).stdout).length, 300);
});

test("list walks every page: table, --ndjson and --json", async () => {
  await emu.post("config", { pageSize: 40 });
  const items = await walk();
  assert.equal(items.length, 300);

  await emu.post("stats/reset");
  const table = lines((await ok(["list", "--account", "alice"])).stdout);
  assert.equal((await emu.get("stats")).counts.get_list, 8);
  const [header, ...rows] = table;
  assert.match(header, /^CONVERSATION +PINNED +LAST MESSAGE \(UTC\) +MARKS +CUSTOM MARK +GROUPS$/);
  assert.equal(rows.pop(), "300 conversations (3 pinned)");
  assert.equal(rows.length, 300);
  const pinnedAt = header.indexOf("PINNED");
  const timeAt = header.indexOf("LAST MESSAGE");
  const marksAt = header.indexOf("MARKS");
  rows.forEach((row, i) => {
    const item = items[i];
    assert.equal(row.slice(0, pinnedAt).trimEnd(), describe(item.conversation));
    assert.equal(row.slice(pinnedAt, timeAt).trimEnd(), item.pinned ? "yes" : "");
    const time = row.slice(timeAt, marksAt).trimEnd();
    assert.equal(time, item.msgTime ? new Date(item.msgTime * 1000).toISOString().slice(0, 16).replace("T", " ") : "-");
  });

  const ndjson = lines((await ok(["list", "--account", "alice", "--ndjson"])).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(ndjson, items);
  const json = JSON.parse((await ok(["list", "--account", "alice", "--json"])).stdout);
  assert.deepEqual(json, items);

  await emu.post("stats/reset");
  const limited = lines((await ok(["list", "--account", "alice", "--limit", "5", "--ndjson"])).stdout);
  assert.deepEqual(limited.map((l) => JSON.parse(l)), items.slice(0, 5));
  assert.equal((await emu.get("stats")).counts.get_list, 1, "--limit stops the walk");

  const nonEmpty = lines((await ok(["list", "--account", "alice", "--exclude-empty", "--ndjson"])).stdout);
  assert.equal(nonEmpty.length, 290);
  // AssistFlags 63 by default: marks, custom marks and groups come with the list.
  const withMarks = lines((await ok(["list", "--account", "alice"])).stdout);
  assert.match(withMarks[0], /MARKS +CUSTOM MARK +GROUPS$/);
  const plain = lines((await ok(["list", "--account", "alice", "--assist-flags", "7"])).stdout);
  assert.doesNotMatch(plain[0], /MARKS|GROUPS/);
  assert.equal(JSON.parse((await ok(["list", "--account", "dave", "--json"])).stdout).length, 2);
  assert.equal((await ok(["list", "--account", "administrator"])).stdout, "(none)\n0 conversations\n");
  assert.equal((await ok(["list", "--account", "administrator", "--json"])).stdout, "[]\n");
});

test("groups: all pages, each group once, in the three formats", async () => {
  await emu.post("config", { groupPageSize: 4 });
  const all = await client.getAllGroups("alice");
  assert.equal(all.groups.length, 2);
  const json = JSON.parse((await ok(["groups", "--account", "alice", "--json"])).stdout);
  assert.deepEqual(json, all);
  const ndjson = lines((await ok(["groups", "--account", "alice", "--ndjson"])).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(
    ndjson,
    [...all.groups.map((g) => ({ kind: "group", ...g })), ...all.conversations.map((c) => ({ kind: "conversation", ...c }))],
  );
  const text = (await ok(["groups", "--account", "alice"])).stdout;
  assert.match(text, /^GROUP +NAME +CONVERSATIONS\n1 +Customers +c2c user_001, /);
  assert.match(text, /\n2 +Team +c2c bob, c2c carol/);
  assert.match(text, /\nCONVERSATION +MARKS +CUSTOM MARK +GROUPS +UPDATED \(UTC\)\n/);
  assert.match(text, /\nc2c bob +favorite +vip +2 +\d{4}-/);
  assert.match(text, new RegExp(`\\n2 groups, ${all.conversations.length} marked or grouped conversations\\n$`));
  assert.equal((await ok(["groups", "--account", "dave"])).stdout.split("\n")[0], "(no conversation groups)");
});

test("pin and unpin", async () => {
  const r = await ok(["pin", "--account", "alice", "--c2c", "user_001", "--group", "@TGS#demo_005"]);
  assert.equal(r.stdout, "Pinned c2c user_001, group @TGS#demo_005 for alice\n");
  let s = await state();
  assert.equal(find(s, "user_001").pinned, true);
  assert.equal(find(s, "@TGS#demo_005").pinned, true);
  const json = JSON.parse((await ok(["unpin", "--account", "alice", "--group", "@TGS#demo_005", "--json"])).stdout);
  assert.deepEqual(json, { account: "alice", operation: "unpin", conversations: [{ type: "group", groupId: "@TGS#demo_005" }] });
  s = await state();
  assert.equal(find(s, "@TGS#demo_005").pinned, false);
  const nd = lines((await ok(["unpin", "--account", "alice", "--c2c", "user_001", "--c2c", "bob", "--ndjson"])).stdout);
  assert.deepEqual(nd.map((l) => JSON.parse(l)), [
    { conversation: { type: "c2c", userId: "user_001" }, pinned: false },
    { conversation: { type: "c2c", userId: "bob" }, pinned: false },
  ]);
  assert.equal(find(await state(), "bob").pinned, false);
});

test("mark: bit names and numbers, the custom mark; refused items exit 1", async () => {
  const r = await ok(["mark", "--account", "alice", "--c2c", "user_020", "--group", "@TGS#demo_030", "--set", "favorite,40", "--set", "Unread", "--custom", "VIP 客户"]);
  assert.equal(r.stdout, "CONVERSATION         RESULT  INFO\nc2c user_020         ok\ngroup @TGS#demo_030  ok\n");
  let s = await state();
  assert.deepEqual(find(s, "user_020").marks, [0, 1, 40]);
  assert.equal(find(s, "@TGS#demo_030").customMark, "VIP 客户");
  const json = JSON.parse((await ok(["mark", "--account", "alice", "--c2c", "user_020", "--clear", "1", "--custom", "", "--json"])).stdout);
  assert.deepEqual(json, [{ conversation: { type: "c2c", userId: "user_020" }, ok: true, code: 0, info: "" }]);
  s = await state();
  assert.deepEqual(find(s, "user_020").marks, [0, 40]);
  assert.equal(find(s, "user_020").customMark, "");

  const refused = await cli(["mark", "--account", "alice", "--c2c", "nobody", "--c2c", "user_021", "--set", "hidden", "--ndjson"]);
  assert.equal(refused.code, 1);
  const results = lines(refused.stdout).map((l) => JSON.parse(l));
  assert.deepEqual(results.map((x) => [x.ok, x.code]), [[false, 50001], [true, 0]]);
  assert.match(refused.stderr, /refused 1 of 2 conversations/);
  assert.deepEqual(find(await state(), "user_021").marks, [3]);
});

test("create-group", async () => {
  const r = await ok(["create-group", "--account", "alice", "--name", "Follow up", "--c2c", "user_030", "--group", "@TGS#demo_040"]);
  assert.match(r.stdout, /^Created group "Follow up" \(id 3\) for alice\nCONVERSATION +RESULT +INFO\nc2c user_030 +ok\ngroup @TGS#demo_040 +ok\n$/);
  const s = await state();
  assert.deepEqual(s.groups.at(-1), { id: 3, name: "Follow up" });
  assert.deepEqual(find(s, "user_030").groupIds, [3]);
  const json = JSON.parse((await ok(["create-group", "--account", "alice", "--name", "Empty", "--json"])).stdout);
  assert.deepEqual(json, { group: { name: "Empty", id: 4 }, results: [] });
  const empty = await ok(["create-group", "--account", "alice", "--name", "Empty too"]);
  assert.equal(empty.stdout, 'Created group "Empty too" (id 5) for alice\n');
  // Anything that would print the UserSig prints REDACTED, as the library's URLs do.
  const named = await ok(["create-group", "--account", "alice", "--name", SIG]);
  assert.equal(named.stdout, 'Created group "REDACTED" (id 6) for alice\n');
});

test("service and network errors exit 1 with the ChatError's code and message on stderr", async () => {
  const unknown = await cli(["pin", "--account", "nobody", "--c2c", "bob"]);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stdout, "");
  assert.match(unknown.stderr, /^tencent-chat: v4\/recentcontact\/top: .*\(ErrorCode 50001\) \[api error, code 50001, random \d+\]\n$/);

  const wrong = "Wrong-UserSig-9f8e7d6c5b";
  for (const options of [{ env: { TENCENT_CHAT_USERSIG: wrong } }, { env: {}, flag: true }]) {
    const args = ["list", "--account", "alice", ...(options.flag ? ["--usersig", wrong] : [])];
    const r = await cli(args, { env: options.env, secrets: [wrong] });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /code 70003/);
  }

  await emu.post("faults", { command: "get_list", count: 3, fault: { kind: "http502" } });
  const gateway = await cli(["list", "--account", "alice"]);
  assert.equal(gateway.code, 1);
  assert.match(gateway.stderr, /\[http error, code 0/);

  const refused = await cli(["groups", "--account", "alice"], { env: { TENCENT_CHAT_ENDPOINT: "http://127.0.0.1:9" } });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /\[network error, code 0/);
});

test("on a terminal, long walks show progress on stderr", { skip: spawnSync("script", ["--version"]).status !== 0 && "no script(1)" }, () => {
  const command = [process.execPath, BIN, "list", "--account", "alice"].map((a) => `'${a}'`).join(" ");
  const r = spawnSync("script", ["-qec", command, "/dev/null"], { env: { ...env, TERM: "dumb" }, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /… page 3, 300 conversations/);
  assert.match(r.stdout, /\x1b\[K/);
  assert.match(r.stdout, /300 conversations \(3 pinned\)/);
  assert.ok(!r.stdout.includes(SIG));
});

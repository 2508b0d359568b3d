// The conversation-group lifecycle commands of `tencent-chat` (rename-group, update-group,
// delete-group, find, delete), run as a user would (the installed tarball's bin, a child
// process) against the emulator: output formats, exit statuses 0/1/2, the emulator's state
// afterwards, and the confirmation destructive commands ask for (on a terminal) or require
// (--yes, when stdin is not a terminal).
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { BIN, runBin, startSession, resetSession } from "./cli-harness.mjs";

const SIG = "CLI-Groups-UserSig-3c8a1f0e77";
const COMMANDS = ["rename-group", "update-group", "delete-group", "find", "delete"];
let emu;
let client;
let env;

before(async () => ({ emu, client, env } = await startSession(SIG)));
after(() => emu.stop());
beforeEach(() => resetSession(emu));

/** Runs the bin with stdin a pipe (`input` written to it, then closed); never shows the UserSig. */
function run(args, { input = "" } = {}) {
  return runBin(args, { env, input, secrets: [SIG] });
}

/** Exit 0 with nothing on stderr. */
async function ok(args) {
  const r = await run(args);
  assert.equal(r.code, 0, `${args.join(" ")}: exit ${r.code}\n${r.stderr}`);
  assert.equal(r.stderr, "");
  return r;
}

/** Exit 2, nothing on stdout, the message on stderr, and no request sent. */
async function usage(args, pattern) {
  await emu.post("stats/reset");
  const r = await run(args);
  assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, pattern);
  assert.match(r.stderr, /--help/);
  assert.deepEqual((await emu.get("stats")).recent, [], `${args.join(" ")} sent a request`);
  return r;
}

/** Runs the bin on a terminal (script(1) gives it a pty), typing `typed`; output is merged. */
function onTerminal(args, typed) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  // script(1) keeps the pty open past the end of its own stdin: a command still waiting for
  // input would wait for ever, so a hang fails here instead.
  const r = spawnSync("script", ["-qec", command, "/dev/null"], { env: { ...env, TERM: "dumb" }, input: typed, encoding: "utf8", timeout: 30_000 });
  assert.equal(r.error, undefined, `${args.join(" ")}: ${r.error}\n${r.stdout}`);
  assert.ok(!r.stdout.includes(SIG), r.stdout);
  return r;
}

const lines = (text) => text.split("\n").filter((l) => l !== "");
const state = (account = "alice") => emu.get(`state?account=${account}`);
const find = (s, id) => s.conversations.find((c) => c.userId === id || c.groupId === id);
/** On the account's list: present and not deleted (the emulator keeps a deleted one's marks and groups). */
const listed = (s, id) => { const c = find(s, id); return c !== undefined && !c.deleted; };
const groupNamed = (s, name) => s.groups.find((g) => g.name === name);

test("--help lists the five commands, and each has its own", async () => {
  const overall = await ok(["--help"]);
  for (const name of COMMANDS) {
    assert.match(overall.stdout, new RegExp(`\\n  ${name} +\\S`), name);
    const own = await ok([name, "--help"]);
    assert.ok(own.stdout.startsWith(`Usage: tencent-chat ${name} --account ID`), own.stdout);
    assert.match(own.stdout, /TENCENT_CHAT_USERSIG/);
    assert.match(own.stdout, /--ndjson/);
    assert.equal((await ok(["help", name])).stdout, own.stdout);
  }
  for (const name of ["delete-group", "delete"]) assert.match((await ok([name, "--help"])).stdout, /--yes .*\n.*refuses \(exit 2\) when stdin is not a terminal/);
  assert.match((await ok(["delete", "--help"])).stdout, /--clear-history +also delete the account's roaming messages/);
});

test("usage errors exit 2 before anything is sent", async () => {
  await usage(["rename-group", "--account", "alice", "--new-name", "x"], /--name is required/);
  await usage(["rename-group", "--account", "alice", "--name", "Team"], /--new-name is required/);
  await usage(["rename-group", "--account", "alice", "--name", "Team", "--new-name", "x".repeat(33)], /name/); // invalid_input
  await usage(["update-group", "--account", "alice", "--name", "Team"], /nothing to change/);
  await usage(["update-group", "--account", "alice", "--add-c2c", "bob"], /--name is required/);
  await usage(["update-group", "--account", "alice", "--name", "Team", "--c2c", "bob"], /Unknown option '--c2c'|--c2c is not an option of update-group/);
  await usage(["delete-group", "--account", "alice", "--yes"], /--name is required/);
  await usage(["find", "--account", "alice"], /--c2c USER or --group GID/);
  await usage(["find", "--account", "alice", "--group", ""], /groupId/); // invalid_input
  await usage(["delete", "--account", "alice", "--yes"], /exactly one conversation/);
  await usage(["delete", "--account", "alice", "--c2c", "bob", "--c2c", "carol", "--yes"], /exactly one conversation/);
  await usage(["delete", "--account", "alice", "--c2c", "bob", "--clear-history", "--json", "--ndjson", "--yes"], /exclude each other/);
});

test("rename-group renames; an unknown group fails with the service's code", async () => {
  const r = await ok(["rename-group", "--account", "alice", "--name", "Team", "--new-name", "Core team"]);
  assert.equal(r.stdout, 'Renamed group "Team" to "Core team" (id 2) for alice\n');
  let s = await state();
  assert.deepEqual(s.groups.map((g) => g.name), ["Customers", "Core team"]);
  assert.deepEqual(find(s, "bob").groupIds, [2], "members stay");

  const json = JSON.parse((await ok(["rename-group", "--account", "alice", "--name", "Core team", "--new-name", "团队", "--json"])).stdout);
  assert.deepEqual(json, { name: "团队", id: 2 });
  const nd = lines((await ok(["rename-group", "--account", "alice", "--name", "团队", "--new-name", "Team", "--ndjson"])).stdout);
  assert.deepEqual(nd.map((l) => JSON.parse(l)), [{ name: "Team", id: 2 }]);
  s = await state();
  assert.equal(groupNamed(s, "Team").id, 2);

  const missing = await run(["rename-group", "--account", "alice", "--name", "No such group", "--new-name", "x"]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stdout, "");
  assert.match(missing.stderr, /update_contact_group: .*\[api error, code \d+, random \d+\]\n$/);
});

test("update-group adds and removes conversations; refused items exit 1 after the results", async () => {
  const r = await ok(["update-group", "--account", "alice", "--name", "Team", "--add-c2c", "user_030", "--add-group", "@TGS#demo_040", "--remove-c2c", "carol"]);
  const [head, ...rows] = lines(r.stdout);
  assert.equal(head, 'Updated group "Team" (id 2) for alice: added c2c user_030, group @TGS#demo_040; removed c2c carol');
  assert.match(rows[0], /^CONVERSATION +RESULT +INFO$/);
  assert.deepEqual(rows.slice(1).map((l) => l.split(/ {2,}/)), [["c2c user_030", "ok"], ["group @TGS#demo_040", "ok"], ["c2c carol", "ok"]]);
  let s = await state();
  assert.deepEqual(find(s, "user_030").groupIds, [2]);
  assert.deepEqual(find(s, "@TGS#demo_040").groupIds, [2]);
  assert.ok(!find(s, "carol").groupIds.includes(2));

  const json = JSON.parse((await ok(["update-group", "--account", "alice", "--name", "Team", "--remove-group", "@TGS#demo_040", "--json"])).stdout);
  assert.deepEqual(json, { group: { name: "Team", id: 2 }, results: [{ conversation: { type: "group", groupId: "@TGS#demo_040" }, ok: true, code: 0, info: "" }] });
  assert.deepEqual(find(await state(), "@TGS#demo_040").groupIds, []);

  // A peer that was never imported: the call succeeds, the item does not.
  const refused = await run(["update-group", "--account", "alice", "--name", "Customers", "--add-c2c", "nobody", "--add-c2c", "user_031", "--ndjson"]);
  assert.equal(refused.code, 1, refused.stderr);
  const [whole, ...more] = lines(refused.stdout).map((l) => JSON.parse(l));
  assert.deepEqual(more, [], "--ndjson: one line, the group with its results");
  assert.deepEqual(whole.group, { name: "Customers", id: 1 });
  assert.deepEqual(whole.results.map((x) => [x.conversation.userId, x.ok, x.code]), [["nobody", false, 50001], ["user_031", true, 0]]);
  assert.match(refused.stderr, /refused 1 of 2 conversations/);
  // The table's summary names only what took effect; the refused item is in the results.
  const table = await run(["update-group", "--account", "alice", "--name", "Customers", "--add-c2c", "nobody", "--add-c2c", "user_032"]);
  assert.equal(table.code, 1, table.stderr);
  assert.equal(lines(table.stdout)[0], 'Updated group "Customers" (id 1) for alice: added c2c user_032');
  assert.match(table.stdout, /c2c nobody +failed 50001/);
  const none = await run(["update-group", "--account", "alice", "--name", "Customers", "--add-c2c", "nobody"]);
  assert.equal(lines(none.stdout)[0], 'Updated group "Customers" (id 1) for alice: nothing changed');
  s = await state();
  assert.ok(find(s, "user_031").groupIds.includes(1));

  const unknown = await run(["update-group", "--account", "alice", "--name", "No such group", "--add-c2c", "bob"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /\[api error, code \d+/);
});

test("delete-group with --yes deletes the group and leaves its conversations", async () => {
  const before = await state();
  const members = before.conversations.filter((c) => c.groupIds.includes(2));
  assert.ok(members.length > 0);
  const r = await ok(["delete-group", "--account", "alice", "--name", "Team", "--yes"]);
  assert.equal(r.stdout, 'Deleted group "Team" (id 2) for alice\n');
  const s = await state();
  assert.deepEqual(s.groups, [{ id: 1, name: "Customers" }]);
  for (const m of members) {
    const after = find(s, m.userId ?? m.groupId);
    assert.ok(after, "the conversation stays");
    assert.ok(!after.groupIds.includes(2), "without the deleted group's id");
  }
  assert.deepEqual(JSON.parse((await ok(["delete-group", "--account", "alice", "--name", "Customers", "-y", "--json"])).stdout), { name: "Customers", id: 1 });
  assert.deepEqual((await state()).groups, []);

  const again = await run(["delete-group", "--account", "alice", "--name", "Customers", "--yes"]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /del_contact_group: .*\[api error, code \d+/);
});

test("find: marks, custom mark and groups of the given conversations, in the three formats", async () => {
  const asked = ["--c2c", "bob", "--c2c", "user_001", "--group", "@TGS#demo_002", "--c2c", "user_039"];
  const expected = await client.findConversations("alice", [
    { type: "c2c", userId: "bob" },
    { type: "c2c", userId: "user_001" },
    { type: "group", groupId: "@TGS#demo_002" },
    { type: "c2c", userId: "user_039" },
  ]);
  assert.ok(expected.conversations.length >= 3, JSON.stringify(expected));
  const json = JSON.parse((await ok(["find", "--account", "alice", ...asked, "--json"])).stdout);
  assert.deepEqual(json, expected);
  const nd = lines((await ok(["find", "--account", "alice", ...asked, "--ndjson"])).stdout).map((l) => JSON.parse(l));
  assert.deepEqual(nd, [...expected.groups.map((g) => ({ kind: "group", ...g })), ...expected.conversations.map((c) => ({ kind: "conversation", ...c }))]);

  const text = (await ok(["find", "--account", "alice", ...asked])).stdout;
  assert.match(text, /^CONVERSATION +MARKS +CUSTOM MARK +GROUPS +UPDATED \(UTC\)\n/);
  const s = await state();
  const bob = find(s, "bob");
  assert.match(text, new RegExp(`\\nc2c bob +favorite +${bob.customMark} +Team \\(2\\) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\n`));
  assert.match(text, new RegExp(`\\n${expected.conversations.length} of 4 conversations with marks or groups\\n$`));
  assert.equal((await ok(["find", "--account", "dave", "--c2c", "alice"])).stdout, "(no marks or groups)\n0 of 1 conversation with marks or groups\n");
});

test("delete with --yes deletes one conversation; --clear-history is sent as ClearRamble 1", async () => {
  await emu.post("stats/reset");
  const r = await ok(["delete", "--account", "alice", "--c2c", "user_002", "--yes"]);
  assert.equal(r.stdout, "Deleted c2c user_002 from alice's conversations\n");
  assert.equal(listed(await state(), "user_002"), false);

  const json = JSON.parse((await ok(["delete", "--account", "alice", "--group", "@TGS#demo_003", "--clear-history", "--yes", "--json"])).stdout);
  assert.deepEqual(json, { account: "alice", conversation: { type: "group", groupId: "@TGS#demo_003" }, clearHistory: true });
  assert.equal(listed(await state(), "@TGS#demo_003"), false);
  const bodies = (await emu.get("stats")).recent.filter((x) => x.command === "delete").map((x) => x.body);
  assert.deepEqual(bodies, [
    { From_Account: "alice", Type: 1, To_Account: "user_002", ClearRamble: 0 },
    { From_Account: "alice", Type: 2, ToGroupid: "@TGS#demo_003", ClearRamble: 1 },
  ]);

  const gone = await run(["delete", "--account", "nobody", "--c2c", "bob", "--yes"]);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /v4\/recentcontact\/delete: .*\[api error, code 50001/);
});

test("without --yes and with stdin not a terminal, destructive commands refuse (exit 2) and send nothing", async () => {
  for (const args of [["delete-group", "--account", "alice", "--name", "Team"], ["delete", "--account", "alice", "--c2c", "bob", "--clear-history"]]) {
    // Even a "y" on the pipe is not a confirmation: nobody saw a question.
    const r = await usage(args, /stdin is not a terminal.*pass --yes/);
    assert.equal((await run(args, { input: "y\n" })).code, 2);
    assert.equal(r.stdout, "");
  }
  const s = await state();
  assert.ok(groupNamed(s, "Team"));
  assert.ok(listed(s, "bob"));
});

test("on a terminal, destructive commands ask first: only y or yes goes ahead", { skip: spawnSync("script", ["--version"]).status !== 0 && "no script(1)" }, async () => {
  await emu.post("stats/reset");
  // No, Enter alone, anything else, Ctrl-D (end of input). (Not Ctrl-C: typed before the
  // command starts, it is a signal racing the command's start-up.)
  for (const typed of ["n\n", "\n", "maybe\n", "\x04"]) {
    const r = onTerminal(["delete", "--account", "alice", "--c2c", "bob", "--clear-history"], typed);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /Delete the conversation c2c bob and its roaming messages \(this cannot be undone\) from alice's conversation list\? \[y\/N\]/);
    assert.match(r.stdout, /Not deleted\./);
  }
  assert.deepEqual((await emu.get("stats")).recent, [], "a declined command sent a request");
  assert.ok(listed(await state(), "bob"));

  const yes = onTerminal(["delete", "--account", "alice", "--c2c", "bob"], "y\n");
  assert.equal(yes.status, 0, yes.stdout);
  assert.match(yes.stdout, /Deleted c2c bob from alice's conversations/);
  assert.equal(listed(await state(), "bob"), false);

  const group = onTerminal(["delete-group", "--account", "alice", "--name", "Team"], "YES\n");
  assert.equal(group.status, 0, group.stdout);
  assert.match(group.stdout, /Delete the conversation group "Team" of alice\? Its conversations stay\. \[y\/N\]/);
  assert.match(group.stdout, /Deleted group "Team" \(id 2\) for alice/);
  assert.equal(groupNamed(await state(), "Team"), undefined);
});

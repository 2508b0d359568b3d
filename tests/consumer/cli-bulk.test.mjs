// tencent-chat over many accounts (--accounts, --csv): rows from a file or stdin, CSV
// quoting and multi-value cells, bad rows reported by row number while the others go on,
// --dry-run sending nothing, --max-rows, the journal refusing another input, the output
// formats, and the progress line on a pseudo-terminal.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./cli-harness.mjs";
import { startBulk, accountIds, bulk, received, pinned, SIG } from "./cli-bulk-harness.mjs";

const dir = mkdtempSync(join(tmpdir(), "cli-bulk-"));
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const lines = (text) => text.split("\n").filter((l) => l !== "");
let emu;
let env;

before(async () => ({ emu, env } = await startBulk(20)));
after(() => emu.stop());
beforeEach(async () => {
  await emu.post("reset", {});
  await emu.post("accounts", { accounts: ["support", ...accountIds(20)] });
  await emu.post("stats/reset");
  for (const account of accountIds(20)) await emu.post("conversations", { account, conversations: [{ type: "c2c", userId: "support" }] });
});

test("--accounts pins for every account, from a file and from stdin; --ndjson writes a line per row", async () => {
  const accounts = `# support pinned for the first five\nacct_0001\n\nacct_0002\n  acct_0003  \n# done\nacct_0004\nacct_0005\n`;
  const r = await bulk(env, ["unpin", "--accounts", file("five.txt", accounts), "--c2c", "support", "--ndjson"]);
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout).map((l) => JSON.parse(l)).sort((a, b) => a.row - b.row);
  assert.deepEqual(rows.map((o) => [o.row, o.account, o.ok]), [[2, "acct_0001", true], [4, "acct_0002", true], [5, "acct_0003", true], [7, "acct_0004", true], [8, "acct_0005", true]]);
  // Not a terminal: one summary line on stderr.
  assert.match(r.stderr, /^5 ok, 0 failed, 0 skipped, 0 unclear in [\d.]+ s \([\d.]+ rows\/s\)\n$/);

  const piped = await bulk(env, ["pin", "--accounts", "-", "--c2c", "support", "--quiet"], accounts);
  assert.equal(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, /^5 ok, 0 failed, 0 skipped, 0 unclear in /);
  assert.equal(piped.stderr, "", "--quiet writes nothing on stderr");
  for (const a of accountIds(5)) assert.equal(await pinned(emu, a), true, a);
  assert.equal(await received(emu, "top"), 10);
});

test("--csv: quoted cells, several values in a cell, a cell wins over the command line's flag", async () => {
  await emu.post("accounts", { accounts: ["bob", "carol, jr", 'dan "the man"'] });
  const csv = file(
    "pins.csv",
    'account,c2c\r\nacct_0001,"bob;carol, jr"\r\nacct_0002,\r\n"acct_0003","dan ""the man"""\r\n',
  );
  const r = await bulk(env, ["pin", "--csv", csv, "--c2c", "support", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.deepEqual(doc.rows.map((o) => [o.row, o.account, o.ok]), [[2, "acct_0001", true], [3, "acct_0002", true], [4, "acct_0003", true]]);
  assert.deepEqual(Object.keys(doc.summary), ["ok", "failed", "skipped", "unclear", "elapsedSeconds", "rowsPerSecond"]);
  assert.equal(await pinned(emu, "acct_0001", "bob"), true);
  assert.equal(await pinned(emu, "acct_0001", "carol, jr"), true);
  assert.equal(await pinned(emu, "acct_0001", "support"), false, "the row's cell replaced --c2c");
  assert.equal(await pinned(emu, "acct_0002", "support"), true, "an empty cell leaves the command line's");
  assert.equal(await pinned(emu, "acct_0003", 'dan "the man"'), true);
  // A header that names no flag of the command, and a broken quote, are usage errors.
  const unknown = await bulk(env, ["pin", "--csv", file("bad.csv", "account,cc2\nacct_0001,bob\n")]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /the column "cc2" is not a flag of this command \(did you mean c2c\?\)/);
  const open = await bulk(env, ["pin", "--csv", file("open.csv", 'account,c2c\nacct_0001,"bob\n')]);
  assert.equal(open.code, 2);
  assert.match(open.stderr, /--csv: line 2: a quoted field is never closed/);
});

test("bad rows fail with their row numbers and the other rows go on", async () => {
  const csv = file("groups.csv", `account,name,c2c\nacct_0001,VIP,support\n,VIP,support\nacct_0002,${"x".repeat(33)},support\nacct_0003,VIP,support\nacct_0004,VIP,support,extra\n`);
  const r = await bulk(env, ["create-group", "--csv", csv]);
  assert.equal(r.code, 1, r.stderr);
  const [header, ...rest] = lines(r.stdout);
  assert.match(header, /^ROW +ACCOUNT +RESULT +INFO$/);
  assert.match(rest[0], /^3 +invalid_input +.*account/);
  assert.match(rest[1], /^4 +acct_0002 +invalid_input +.*32/);
  assert.match(rest[2], /^6 +acct_0004 +invalid_input +4 fields, the header has 3$/);
  assert.match(rest[3], /^2 ok, 3 failed, 0 skipped, 0 unclear in /);
  assert.equal(await received(emu, "create_contact_group"), 2);
});

test("--dry-run validates every row and prints each request, sending nothing", async () => {
  const accounts = file("dry.txt", "acct_0001\nacct_0002\n");
  const r = await bulk(env, ["mark", "--accounts", accounts, "--c2c", "support", "--set", "favorite", "--dry-run", "--ndjson"]);
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout).map((l) => JSON.parse(l)).sort((a, b) => a.row - b.row);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].command, "v4/recentcontact/mark_contact");
  assert.equal(rows[0].body.From_Account, "acct_0001");
  assert.ok(!r.stdout.includes(SIG));
  const table = await bulk(env, ["pin", "--account", "acct_0001", "--c2c", "support", "--dry-run"]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^ROW +ACCOUNT +COMMAND +BODY\n1 +acct_0001 +v4\/recentcontact\/top +\{"From_Account":"acct_0001"/);
  assert.match(table.stdout, /dry run: nothing sent\n$/);
  // The library's validation, row by row: a bit over 63 fails its row.
  const bad = await bulk(env, ["mark", "--csv", file("dry.csv", "account,set\nacct_0001,1\nacct_0002,64\n"), "--c2c", "support", "--dry-run", "--ndjson"]);
  assert.equal(bad.code, 1);
  const failed = lines(bad.stdout).map((l) => JSON.parse(l)).find((o) => !o.ok);
  assert.equal(failed.row, 3);
  assert.equal(failed.error.kind, "invalid_input");
  assert.deepEqual((await emu.get("stats")).counts, {}, "a dry run sent nothing");
});

test("--max-rows runs only the first rows", async () => {
  const r = await bulk(env, ["unpin", "--accounts", "-", "--c2c", "support", "--max-rows", "3", "--ndjson", "--quiet"], accountIds(10).join("\n"));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(lines(r.stdout).map((l) => JSON.parse(l).account).sort(), accountIds(3));
  assert.equal(await received(emu, "top"), 3);
});

test("a journal resumes a run, and refuses another input or command", async () => {
  const journal = join(dir, "resume.journal");
  const accounts = file("resume.txt", accountIds(6).join("\n"));
  const first = await bulk(env, ["pin", "--accounts", accounts, "--c2c", "support", "--journal", journal, "--max-rows", "4"]);
  assert.equal(first.code, 0, first.stderr);
  const again = await bulk(env, ["pin", "--accounts", accounts, "--c2c", "support", "--journal", journal, "--json"]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout).summary.skipped, 4);
  assert.equal(await received(emu, "top"), 6);
  const events = readFileSync(journal, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(events[0].command, "pin");
  assert.equal(events.filter((e) => e.state === "done").length, 6);
  const other = await bulk(env, ["pin", "--accounts", file("other.txt", "acct_0009\n"), "--c2c", "support", "--journal", journal]);
  assert.equal(other.code, 2);
  assert.match(other.stderr, /was written for another input/);
  const otherCommand = await bulk(env, ["unpin", "--accounts", accounts, "--c2c", "support", "--journal", journal]);
  assert.equal(otherCommand.code, 2);
  assert.match(otherCommand.stderr, /was written for the command "pin"/);
  assert.equal(await received(emu, "top"), 6);
});

test("list and groups with --accounts export every account's items, each with its account", async () => {
  const r = await bulk(env, ["list", "--accounts", "-", "--ndjson", "--quiet"], "acct_0001\nacct_0002\n");
  assert.equal(r.code, 0, r.stderr);
  const items = lines(r.stdout).map((l) => JSON.parse(l));
  assert.deepEqual(items.map((i) => [i.account, i.conversation.userId]).sort(), [["acct_0001", "support"], ["acct_0002", "support"]]);
  const table = await bulk(env, ["list", "--accounts", "-"], "acct_0001\n");
  assert.match(table.stdout, /^ACCOUNT +CONVERSATION +PINNED +LAST MESSAGE \(UTC\)\nacct_0001 +c2c support /);
});

test("on a terminal, a progress line is drawn on stderr and erased at the end", { skip: spawnSync("python3", ["--version"]).status !== 0 && "no python3" }, () => {
  // python3's pty gives the bin a terminal for stdin, stdout and stderr.
  const accounts = file("tty.txt", accountIds(20).join("\n"));
  const script = `import os, pty, sys\nos.environ.update(${JSON.stringify(env)})\nsys.exit(os.waitstatus_to_exitcode(pty.spawn([${JSON.stringify(process.execPath)}, ${JSON.stringify(BIN)}, "unpin", "--accounts", ${JSON.stringify(accounts)}, "--c2c", "support", "--rate", "20"])))`;
  const r = spawnSync("python3", ["-c", script], { encoding: "utf8", env: { PATH: process.env.PATH } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\r\x1b\[K\d+\/20 rows · \d+\/s · 0 failed · ETA \d+ s/);
  assert.match(r.stdout, /\r\x1b\[K20 ok, 0 failed, 0 skipped, 0 unclear in /, "erased before the summary");
  assert.ok(!r.stdout.includes(SIG));
});

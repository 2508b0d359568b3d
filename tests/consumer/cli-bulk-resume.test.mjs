// Killed with -9 mid-way and run again with the same journal: every account ends pinned;
// and for create-group, which must not run twice, no account has the group twice, and
// every account without it is one of the rows the rerun reports unclear.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "./cli-harness.mjs";
import { startBulk, accountIds, bulk, pinned } from "./cli-bulk-harness.mjs";

const ROWS = 400;
const dir = mkdtempSync(join(tmpdir(), "cli-resume-"));
const session = startBulk(ROWS, ["--rate-limit", "200"]);
after(async () => (await session).emu.stop());
const input = accountIds(ROWS).join("\n");

/** Starts the bin, kills it with -9 once the journal holds `after` rows done. */
function killMidway(env, args, journal, after) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "ignore", "ignore"] });
    child.stdin.end(input);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearInterval(timer);
      resolve(signal);
    });
    const timer = setInterval(() => {
      const done = existsSync(journal) ? readFileSync(journal, "utf8").split('"done"').length - 1 : 0;
      if (done >= after) child.kill("SIGKILL");
    }, 5);
  });
}

test("pin: killed with -9 and resumed, every account is pinned", async () => {
  const { emu, env } = await session;
  const journal = join(dir, "pin.journal");
  const args = ["pin", "--accounts", "-", "--c2c", "support", "--rate", "100", "--journal", journal];
  assert.equal(await killMidway(env, args, journal, 50), "SIGKILL");
  const again = await bulk(env, [...args, "--json"], input);
  assert.equal(again.code, 0, again.stderr);
  const { summary } = JSON.parse(again.stdout);
  assert.ok(summary.skipped >= 50, JSON.stringify(summary));
  assert.equal(summary.ok + summary.skipped, ROWS);
  for (const account of accountIds(ROWS)) assert.equal(await pinned(emu, account), true, account);
});

test("create-group: killed with -9 and resumed, no account has the group twice; those without it are unclear", async () => {
  const { emu, env } = await session;
  const journal = join(dir, "create.journal");
  // Slow answers keep rows in flight when the kill comes.
  await emu.post("faults", { command: "create_contact_group", count: 10_000, fault: { kind: "delay", ms: 30 } });
  const args = ["create-group", "--accounts", "-", "--name", "VIP", "--c2c", "support", "--rate", "100", "--journal", journal];
  assert.equal(await killMidway(env, args, journal, 50), "SIGKILL");
  await emu.del("faults");
  const again = await bulk(env, [...args, "--ndjson"], input);
  assert.equal(again.code === 0 || again.code === 1, true, again.stderr);
  const rows = again.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const unclear = new Set(rows.filter((o) => o.unclear).map((o) => o.account));
  assert.equal(again.code, unclear.size ? 1 : 0);
  for (const account of accountIds(ROWS)) {
    const { groups } = await emu.get(`state?account=${account}`);
    const vip = groups.filter((g) => g.name === "VIP").length;
    assert.ok(vip <= 1, `${account} has the group ${vip} times`);
    if (vip === 0) assert.ok(unclear.has(account), `${account} has no group and was not reported unclear`);
  }
});

// The README's "Bulk work" section, verbatim: its CSV block is written to groups.csv and
// every line of its sh block is run (the blocks are found by the section's heading).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { BIN } from "./cli-harness.mjs";
import { startBulk, SIG } from "./cli-bulk-harness.mjs";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.split(/^## /m).find((s) => s.startsWith("Bulk work\n"));
const block = (lang) => {
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(section ?? "");
  assert.ok(m, `no ${lang} block in the README's Bulk work section`);
  return m[1];
};
const session = startBulk(0);
after(async () => (await session).emu.stop());

test("the README's Bulk work example runs as written", async () => {
  const { emu, env } = await session;
  await emu.post("accounts", { accounts: ["alice", "bob", "carol", "dave", "erin", "support"] });
  const dir = mkdtempSync(join(tmpdir(), "bulk-readme-"));
  writeFileSync(join(dir, "groups.csv"), block("csv"));
  writeFileSync(join(dir, "everyone.txt"), "alice\ndave\n");
  const results = [];
  for (const line of block("sh").split("\n").filter(Boolean)) {
    const words = line.replace(/#.*$/, "").trim().split(/\s+/);
    assert.equal(words[0], "tencent-chat");
    const r = spawnSync(process.execPath, [BIN, ...words.slice(1)], { cwd: dir, env, encoding: "utf8" });
    assert.equal(r.status, 0, `${line}\n${r.stdout}${r.stderr}`);
    assert.ok(!r.stdout.includes(SIG) && !r.stderr.includes(SIG));
    results.push(r.stdout);
  }
  assert.match(results[0], /v4\/recentcontact\/create_contact_group/);
  assert.match(results[0], /dry run: nothing sent/);
  assert.match(results[1], /^2 ok, 0 failed, 0 skipped, 0 unclear/m);
  assert.match(results[2], /^0 ok, 0 failed, 2 skipped, 0 unclear/m);
  assert.match(results[3], /^1 ok, 0 failed, 0 skipped, 0 unclear/m);
  const named = async (account, name) => (await emu.get(`state?account=${account}`)).groups.filter((g) => g.name === name).length;
  assert.equal(await named("alice", "Escalations"), 1);
  assert.equal(await named("dave", "Escalations, VIP"), 1);
  assert.equal((await emu.get("stats")).counts.create_contact_group, 2);
});

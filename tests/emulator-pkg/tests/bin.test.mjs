// The installed bin, as a user runs it: `npx tencent-chat-emulator --port 0 --seed demo`
// serves the client; its flags, errors and `--state` (kill -9 safe) match chat-emulator.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { BIN, clientOf, control, runCommand, startCommand } from "./helpers.mjs";

test("npx tencent-chat-emulator --port 0 --seed demo serves the client", async () => {
  // Every method against the package's emulator is the case matrix (matrix.test.mjs); this
  // is the bin as a user starts it, with the demo seed.
  const emu = await startCommand("npx", ["--no-install", "tencent-chat-emulator", "--port", "0", "--seed", "demo"]);
  try {
    assert.match(emu.stdout(), /^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const client = clientOf(emu.url);
    let page = await client.listConversations("alice");
    let total = page.items.length;
    while (!page.complete) {
      page = await client.listConversations("alice", { cursor: page.cursor });
      total += page.items.length;
    }
    assert.equal(total, 300);
    await client.pin("alice", [{ type: "c2c", userId: "dave" }]);
    const state = await control(emu.url, "state?account=alice");
    assert.equal(state.conversations.find((c) => c.userId === "dave").pinned, true);
    const bad = await clientOf(emu.url, "wrong-sig").listConversations("alice").catch((e) => e);
    assert.equal(bad.kind, "api");
    assert.equal(bad.code, 70003);
  } finally {
    await emu.kill("SIGTERM");
  }
});

test("--help, --version and bad flags", async () => {
  const help = await runCommand(BIN, ["--help"]);
  assert.equal(help.code, 0);
  for (const flag of ["--port", "--seed", "--state", "--sdkappid", "--identifier", "--usersig", "--secret-key", "--rate-limit", "--cors-origin"]) {
    assert.ok(help.stdout.includes(flag), flag);
  }
  const version = await runCommand(BIN, ["--version"]);
  assert.match(version.stdout, /^tencent-chat-emulator \d+\.\d+\.\d+\n$/);
  const seed = await runCommand(BIN, ["--seed", "full"]);
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed/);
  const unknown = await runCommand(BIN, ["--nope"]);
  assert.equal(unknown.code, 2);
  const port = await runCommand(BIN, ["--port", "70000"]);
  assert.equal(port.code, 2);
});

test("--state survives kill -9 and a corrupt file stops start-up", async () => {
  const dir = mkdtempSync(join(tmpdir(), "emu-state-"));
  const file = join(dir, "emu.json");
  const args = ["--port", "0", "--seed", "none", "--state", file];
  let emu = await startCommand(BIN, args);
  await control(emu.url, "accounts", { accounts: ["alice", "bob"] });
  const client = clientOf(emu.url);
  for (let i = 0; i < 20; i++) {
    await client.mark("alice", [{ conversation: { type: "c2c", userId: "bob" }, customMark: `m${i}` }]);
  }
  const before = await control(emu.url, "state?account=alice");
  assert.equal(before.conversations[0].customMark, "m19");
  assert.deepEqual((await emu.kill("SIGKILL")).signal, "SIGKILL");
  assert.deepEqual(readdirSync(dir), ["emu.json"]);

  emu = await startCommand(BIN, [...args.slice(0, 3), "demo", ...args.slice(4)]);
  try {
    assert.deepEqual(await control(emu.url, "state?account=alice"), before);
    assert.deepEqual((await control(emu.url, "state")).accounts, ["alice", "bob"]);
  } finally {
    await emu.kill("SIGKILL");
  }

  writeFileSync(file, "{not json");
  const corrupt = await runCommand(BIN, args);
  assert.equal(corrupt.code, 1);
  assert.match(corrupt.stderr, /emu\.json/);
  assert.equal(readFileSync(file, "utf8"), "{not json");
});

test("startEmulator, from import and from require", async () => {
  const { startEmulator } = await import("tencent-chat-emulator");
  const { startEmulator: fromRequire } = createRequire(import.meta.url)("tencent-chat-emulator");
  for (const start of [startEmulator, fromRequire]) {
    const emu = await start({ seed: "none", userSig: "s3cret" });
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(await emu.health(), { ok: true });
      await emu.addConversations("alice", [{ type: "group", groupId: "@TGS#1", msgTime: 5 }]);
      const page = await clientOf(emu.url, "s3cret").listConversations("alice");
      assert.deepEqual(page.items.map((i) => i.conversation), [{ type: "group", groupId: "@TGS#1" }]);
    } finally {
      await emu.stop();
    }
  }
  await assert.rejects(startEmulator({ port: -1 }), TypeError);
});

test("--cors-origin takes several values, as chat-emulator's does", async () => {
  const emu = await startCommand(BIN, ["--port", "0", "--cors-origin", "http://a.example", "http://b.example", "--seed", "none"]);
  try {
    const allowed = async (origin) => (await fetch(`${emu.url}/_emulator/health`, { headers: { origin } })).headers.get("access-control-allow-origin");
    assert.equal(await allowed("http://a.example"), "http://a.example");
    assert.equal(await allowed("http://b.example"), "http://b.example");
    assert.equal(await allowed("http://c.example"), null);
    assert.deepEqual(await control(emu.url, "state"), { accounts: [] });
  } finally {
    await emu.kill();
  }
  const stray = await runCommand(BIN, ["--port", "0", "stray"]);
  assert.equal(stray.code, 2);
});

/** The long flags (and their aliases) a --help text names, sorted. */
const flagsOf = (help) => [...new Set(help.match(/--[a-z][a-z-]*/g))].sort();

test("both bins take the same flags, built from the service's one settings type", async () => {
  const npm = await runCommand(BIN, ["--help"]);
  const rust = await runCommand(process.env.CHAT_EMULATOR_BIN, ["--help"]);
  assert.equal(rust.code, 0, rust.stderr);
  assert.deepEqual(flagsOf(npm.stdout), flagsOf(rust.stdout));
  for (const flag of ["--sdk-app-id", "--user-sig", "--expired-user-sigs", "--cors-origins", "--sdkappid", "--usersig", "--cors-origin"]) {
    assert.ok(flagsOf(npm.stdout).includes(flag), flag);
  }
  // The new spellings and the old ones (aliases) give the same settings.
  for (const args of [
    ["--sdk-app-id", "1400000007", "--user-sig", "new-sig", "--expired-user-sigs", "old-1", "old-2", "--page-size", "3"],
    ["--sdkappid", "1400000007", "--usersig", "new-sig", "--expired-user-sigs", "old-1", "--expired-user-sigs", "old-2", "--page-size", "3"],
  ]) {
    for (const bin of [BIN, process.env.CHAT_EMULATOR_BIN]) {
      const emu = await startCommand(bin, ["--port", "0", "--seed", "none", ...args]);
      try {
        const { config } = await control(emu.url, "config");
        assert.deepEqual(
          { sdkAppId: config.sdkAppId, userSig: config.userSig, expiredUserSigs: config.expiredUserSigs, pageSize: config.pageSize },
          { sdkAppId: 1400000007, userSig: "new-sig", expiredUserSigs: ["old-1", "old-2"], pageSize: 3 },
          `${bin} ${args.join(" ")}`,
        );
      } finally {
        await emu.kill();
      }
    }
  }
  // A value the type refuses is a usage error (exit 2) naming the flag, in both bins.
  for (const bin of [BIN, process.env.CHAT_EMULATOR_BIN]) {
    const zero = await runCommand(bin, ["--page-size", "0"]);
    assert.equal(zero.code, 2, bin);
    assert.match(zero.stderr, /'--page-size': must be at least 1/);
    const word = await runCommand(bin, ["--rate-limit", "many"]);
    assert.equal(word.code, 2, bin);
    assert.match(word.stderr, /--rate-limit/);
  }
});

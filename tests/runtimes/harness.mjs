// What the runtime suites share: this project's folders, child processes run with no cargo
// on PATH, the emulator (the installed tencent-chat-emulator, over HTTP on loopback), and
// build outputs cached under .work/ keyed on the installed tarballs and the sources.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = fileURLToPath(new URL(".", import.meta.url));
export const REPO = join(HERE, "../..");
export const WORK = join(HERE, ".work");
export const MODULES = join(HERE, "node_modules");
export const BIN = join(MODULES, ".bin");

/** The emulator's default credentials (its --sdk-app-id, --identifier and --user-sig). */
export const CREDENTIALS = { sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig" };

/** PATH without cargo or rustup (as a user has), this project's bins first. */
export const ENV = {
  ...process.env,
  PATH: [BIN, ...(process.env.PATH ?? "").split(":").filter((p) => !/\.cargo|\.rustup/.test(p) && p !== join(REPO, "node_modules/.bin"))].join(":"),
  NEXT_TELEMETRY_DISABLED: "1",
  WRANGLER_SEND_METRICS: "false",
  DO_NOT_TRACK: "1",
  DENO_NO_UPDATE_CHECK: "1",
};

/** The installed tarballs' key (written by install.sh): build caches are stale when it changes. */
export function installedKey() {
  const file = join(MODULES, ".tarballs-key");
  assert.ok(existsSync(file), "tests/runtimes is not installed: run tests/runtimes/install.sh (make test-runtimes)");
  return readFileSync(file, "utf8").trim();
}

function hashTree(hash, dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else hash.update(name).update(readFileSync(path));
  }
}

/** Runs `build(dir)` into .work/NAME unless the same key (the tarballs, this project's
 * lock file and `sources`) built it. */
export async function cached(name, sources, build) {
  const hash = createHash("sha256").update(installedKey()).update(readFileSync(join(HERE, "package-lock.json")));
  for (const s of sources) statSync(s).isDirectory() ? hashTree(hash, s) : hash.update(readFileSync(s));
  const key = hash.digest("hex");
  const dir = join(WORK, name);
  const stamp = join(dir, ".built-key");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === key) return { dir, fresh: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await build(dir);
  writeFileSync(stamp, key);
  return { dir, fresh: true };
}

/** Runs a command to its end: resolves to `{ code, stdout, stderr }`. */
export function run(cmd, args, { cwd = HERE, env = ENV, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

/** `run`, failing with the output unless the command exits 0. */
export async function runOk(cmd, args, options) {
  const r = await run(cmd, args, options);
  assert.equal(r.code, 0, `${cmd} ${args.join(" ")} exited ${r.code}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r;
}

/**
 * Starts a long-running command and resolves once a line of its output matches `ready`:
 * to `{ match, stop(), output() }`.
 */
export function start(cmd, args, ready, { cwd = HERE, env = ENV } = {}) {
  const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const exited = new Promise((resolve) => child.once("close", resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await exited;
  };
  return new Promise((resolve, reject) => {
    const seen = (chunk) => {
      output += chunk;
      const match = output.match(ready);
      if (match) resolve({ match, stop, output: () => output });
    };
    child.stdout.setEncoding("utf8").on("data", seen);
    child.stderr.setEncoding("utf8").on("data", seen);
    child.once("error", reject);
    child.once("close", (code) => reject(new Error(`${cmd} ${args.join(" ")} exited ${code} before it was ready:\n${output.slice(-3000)}`)));
  });
}

/** The installed emulator over HTTP (startEmulator), with alice's four conversations in
 * pages of two (so a walk takes two requests). */
export async function emulator() {
  const { startEmulator } = await import("tencent-chat-emulator");
  const emu = await startEmulator({ seed: "none", pageSize: 2 });
  await seed(emu);
  return emu;
}

/** Resets an emulator to alice's four conversations (the control API of either shell). */
export async function seed(emu) {
  await emu.reset("none");
  await emu.importAccounts(["alice", "bob", "carol", "dave"]);
  await emu.addConversations("alice", [
    { type: "c2c", userId: "bob", msgTime: 1700000300 },
    { type: "c2c", userId: "carol", msgTime: 1700000200 },
    { type: "group", groupId: "@TGS#team", msgTime: 1700000100 },
    { type: "c2c", userId: "dave", msgTime: 1700000000 },
  ]);
}

/** The ids of a list of conversation items, in order. */
export const ids = (items) => items.map((i) => i.conversation.userId ?? i.conversation.groupId);

/** A fenced block of `markdown` that follows `<!-- runtimes: PATH -->` (PATH in this
 * folder), wherever it is in the file. */
export function shownFile(markdown, path) {
  const text = readFileSync(markdown, "utf8");
  const marker = `<!-- runtimes: ${path} -->\n`;
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `${markdown} has no block marked ${marker.trim()}`);
  const block = text.slice(at + marker.length).match(/^```[a-z]*\n([\s\S]*?)```\n/);
  assert.ok(block, `the marker ${marker.trim()} in ${markdown} is not followed by a fenced block`);
  return block[1];
}

/** A free loopback port (for servers that cannot be told to pick one and report it). */
export async function freePort() {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The Workers' project (wrangler configurations and their sources). */
export const WORKER = join(HERE, "worker");

/** wrangler's deploy bundle of `config` (cached): its folder and its modules for miniflare. */
export async function bundle(name, config, sources) {
  const { dir } = await cached(name, [join(WORKER, config), ...sources.map((s) => join(WORKER, s))], async (out) => {
    await runOk(join(HERE, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out, "--config", config], { cwd: WORKER });
  });
  const files = readdirSync(dir);
  const entry = files.find((f) => f.endsWith(".js"));
  const wasm = files.filter((f) => f.endsWith(".wasm"));
  assert.ok(entry, `no .js in wrangler's output ${dir}: ${files}`);
  assert.equal(wasm.length, 1, `wrangler's output has one .wasm (the package's, as a module): ${files}`);
  return {
    modulesRoot: dir,
    modules: [
      { type: "ESModule", path: join(dir, entry) },
      ...wasm.map((f) => ({ type: "CompiledWasm", path: join(dir, f) })),
    ],
    compatibilityDate: "2026-01-01",
  };
}

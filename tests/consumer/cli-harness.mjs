// What both CLI suites share: the bin of the installed tarball, run as a user would (a child
// process) with only the connection a user would export, and the check that no secret ever
// shows in its output.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConversationClient } from "tencent-chat-conversations";
import { startEmulator, SDK_APP_ID, ADMIN } from "./emulator.mjs";

export const PKG = fileURLToPath(new URL("./node_modules/tencent-chat-conversations/", import.meta.url));
export const BIN = `${PKG}bin/tencent-chat.cjs`;

/** The environment a user would set for `emulatorUrl`: nothing from the one running the tests. */
export function connectionEnv(emulatorUrl, userSig) {
  return {
    PATH: process.env.PATH,
    TENCENT_CHAT_SDKAPPID: String(SDK_APP_ID),
    TENCENT_CHAT_IDENTIFIER: ADMIN,
    TENCENT_CHAT_USERSIG: userSig,
    TENCENT_CHAT_ENDPOINT: emulatorUrl,
  };
}

/**
 * Runs the bin with `args`; stdin is a pipe given `input` then closed, or no stdin at all.
 * Resolves to `{ code, stdout, stderr }` once each of `secrets` is checked absent from both.
 */
export function runBin(args, { env, input, secrets }) {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? "ignore" : "pipe";
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: [stdin, "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) => {
      for (const secret of secrets) {
        assert.ok(!stdout.includes(secret), `secret in stdout of ${args.join(" ")}:\n${stdout}`);
        assert.ok(!stderr.includes(secret), `secret in stderr of ${args.join(" ")}:\n${stderr}`);
      }
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
  });
}

/** An emulator with the demo seed and `userSig`, a client of it, and a user's environment for it. */
export async function startSession(userSig) {
  const emu = await startEmulator(["--seed", "demo", "--usersig", userSig]);
  const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig, endpoint: emu.url });
  return { emu, client, env: connectionEnv(emu.url, userSig) };
}

/** Back to the demo seed, with no rate limit: each test starts from the same state. */
export async function resetSession(emu) {
  await emu.post("reset", { seed: "demo" });
  await emu.post("config", { rateLimit: 0 });
}

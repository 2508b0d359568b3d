// Shared by the tests of the installed emulator package: start a command that prints
// `listening on URL`, and a client pointed at it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConversationClient } from "tencent-chat-conversations";

export const PROJECT = fileURLToPath(new URL("..", import.meta.url));
/** The installed bin, as npm links it (a node script with a shebang). */
export const BIN = fileURLToPath(new URL("../node_modules/.bin/tencent-chat-emulator", import.meta.url));
export const SDK_APP_ID = 1400000000;
export const ADMIN = "administrator";

/** Starts `cmd args` in its own process group; resolves once it prints its listening line. */
export function startCommand(cmd, args, { env } = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const kill = (signal = "SIGTERM") => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      kill("SIGKILL");
      reject(new Error(`${cmd} printed no listening line in 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = /^listening on (http:\/\/\S+)\n/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child, kill, exited, stderr: () => stderr, stdout: () => out });
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited (${code}) before listening; stderr: ${stderr}`));
    });
  });
}

/** Runs `cmd args` to its end: `{ code, stdout, stderr }`. */
export function runCommand(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A client of the emulator at `url`. */
export function clientOf(url, userSig = "emulator-usersig", more = {}) {
  return new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig, endpoint: url, maxRetries: 0, ...more });
}

/** The control API of the emulator at `url`. */
export async function control(url, path, body) {
  const res = await fetch(`${url}/_emulator/${path}`, body === undefined ? {} : { method: "POST", body: JSON.stringify(body) });
  return res.json();
}

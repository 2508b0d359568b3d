// Starts the chat-emulator binary on a free loopback port for a test file, and talks to its
// /_emulator control API.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const EMULATOR_BIN = process.env.CHAT_EMULATOR_BIN ?? `${root}target/debug/chat-emulator`;
export const SDK_APP_ID = 1400000000;
export const ADMIN = "administrator";
export const USER_SIG = "emulator-usersig";

export async function startEmulator(args = []) {
  const child = spawn(EMULATOR_BIN, ["--port", "0", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("emulator did not start in 10 s")), 10_000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const m = /^listening on (http:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const control = async (method, path, body) => {
    const res = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /_emulator/${path}: HTTP ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    post: (path, body = {}) => control("POST", path, body),
    get: (path) => control("GET", path),
    del: (path) => control("DELETE", path),
    stop() {
      child.removeAllListeners("exit");
      child.kill();
      return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)));
    },
  };
}

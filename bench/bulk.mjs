// `make bench`'s bulk row: 10,000 rows of `pin` through the CLI's bulk runner against the
// emulator with its rate limit at 200/s. Reports the rows a second achieved ÷ the limit
// (target ≥ 0.95) and how many requests the emulator refused with 60007 for being past the
// limit in a second (each would have been sent again: received − rows). Reports, asserts
// nothing.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../tests/consumer/emulator.mjs";

const ROWS = Number(process.env.BULK_ROWS ?? 10_000);
const LIMIT = 200;
const SIG = "bench-bulk-usersig";
const bin = fileURLToPath(new URL("../pkg/bin/tencent-chat.cjs", import.meta.url));
const accounts = Array.from({ length: ROWS }, (_, i) => `acct_${i + 1}`);

const emu = await startEmulator(["--usersig", SIG, "--rate-limit", String(LIMIT)]);
try {
  await emu.post("accounts", { accounts: ["support", ...accounts] });
  await emu.post("stats/reset");
  const env = { PATH: process.env.PATH, TENCENT_CHAT_SDKAPPID: "1400000000", TENCENT_CHAT_IDENTIFIER: "administrator", TENCENT_CHAT_USERSIG: SIG, TENCENT_CHAT_ENDPOINT: emu.url };
  const t0 = performance.now();
  const { code, stdout } = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "pin", "--accounts", "-", "--c2c", "support", "--json", "--quiet"], { env, stdio: ["pipe", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (stdout += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout }));
    child.stdin.end(accounts.join("\n"));
  });
  const wall = (performance.now() - t0) / 1000;
  const { summary } = JSON.parse(stdout);
  const received = (await emu.get("stats")).counts.top ?? 0;
  const rate = summary.rowsPerSecond;
  console.log(`bulk: ${ROWS} rows of pin via the CLI, emulator limit ${LIMIT}/s: exit ${code}, ${summary.ok} ok, ${summary.failed} failed in ${summary.elapsedSeconds} s (${(ROWS / wall).toFixed(1)} rows/s including process start)`);
  console.log(`bulk: ${rate} rows/s = ${(rate / LIMIT).toFixed(3)} of the limit (target ≥ 0.95)`);
  console.log(`bulk: the emulator received ${received} requests for ${ROWS} rows: ${received - ROWS} refused with 60007 (no second over the limit: ${received === ROWS ? "yes" : "NO"})`);
} finally {
  await emu.stop();
}

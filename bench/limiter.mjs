// The library's limiter as the service counts it: 2,000 `pin` calls through one client at
// the default 200/s, 16 and then 64 in flight, against the emulator started with
// `--rate-limit 200`, which refuses (60007) any request past 200 in a sliding second.
// Prints what the emulator received (each 60007 is a refusal the library then retried),
// and the rate achieved. `node bench/limiter.mjs [PACKAGE_DIR]` (default pkg/). Reports,
// asserts nothing (limiter.test.mjs asserts the same with the installed package).
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { startEmulator } from "../tests/consumer/emulator.mjs";

const dir = resolve(process.argv[2] ?? new URL("../pkg", import.meta.url).pathname);
const { ConversationClient } = await import(pathToFileURL(`${dir}/index.mjs`).href);
const CALLS = Number(process.env.CALLS ?? 2_000);
const LIMIT = 200;
const SIG = "bench-limiter-usersig";
const accounts = Array.from({ length: CALLS }, (_, i) => `acct_${i + 1}`);
const emu = await startEmulator(["--usersig", SIG, "--rate-limit", String(LIMIT)]);
try {
  await emu.post("accounts", { accounts: ["support", ...accounts] });
  for (const inFlight of [16, 64]) {
    // A fresh window: the previous run's last second must not count against this one.
    await new Promise((r) => setTimeout(r, 1_100));
    await emu.post("stats/reset");
    let retries = 0;
    const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: SIG, endpoint: emu.url, onRetry: () => retries++ });
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < CALLS) await client.pin(accounts[next++], [{ type: "c2c", userId: "support" }]);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const received = (await emu.get("stats")).counts.top ?? 0;
    const rate = CALLS / seconds;
    console.log(`limiter: ${CALLS} pins, ${inFlight} in flight: the emulator received ${received} (${received - CALLS} refused with 60007, ${retries} retries), ${rate.toFixed(1)} calls/s over ${seconds.toFixed(2)} s = ${(rate / LIMIT).toFixed(3)} of the limit`);
    client.free();
  }
} finally {
  await emu.stop();
}

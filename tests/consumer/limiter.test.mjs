// The library's limiter as the service counts it: bursts of 2,000 calls, 16 and 64 in
// flight, through one client at the default 200/s against an emulator that refuses (60007)
// any request past 200 in a second. None is refused: it receives exactly 2,000 requests.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { ConversationClient } from "tencent-chat-conversations";
import { startBulk, accountIds, received, SIG, SDK_APP_ID, ADMIN } from "./cli-bulk-harness.mjs";

const CALLS = 2_000;
const session = startBulk(CALLS, ["--rate-limit", "200"]);
after(async () => (await session).emu.stop());

for (const inFlight of [16, 64]) {
  test(`${CALLS} pin calls, ${inFlight} in flight: no 60007`, async () => {
    const { emu } = await session;
    // The limiter is per client: let the previous test's last second leave the service's window.
    await new Promise((r) => setTimeout(r, 1_100));
    await emu.post("stats/reset");
    let retries = 0;
    const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: SIG, endpoint: emu.url, onRetry: () => retries++ });
    const accounts = accountIds(CALLS);
    let next = 0;
    const worker = async () => {
      while (next < accounts.length) await client.pin(accounts[next++], [{ type: "c2c", userId: "support" }]);
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    assert.equal(retries, 0, "a call was retried");
    assert.equal(await received(emu, "top"), CALLS, "the emulator refused some requests (60007)");
    client.free();
  });
}

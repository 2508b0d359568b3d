// The bulk runner at the service's rate: 5,000 accounts pinned at --rate 200 against an
// emulator that refuses (60007) any request past 200 in a second. Not one is refused: the
// emulator receives exactly one request per row.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startBulk, accountIds, bulk, received } from "./cli-bulk-harness.mjs";

const ROWS = 5_000;
const session = startBulk(ROWS, ["--rate-limit", "200"]);
after(async () => (await session).emu.stop());

test("5,000 accounts pinned at --rate 200: no 60007, one request per row", async () => {
  const { emu, env } = await session;
  const r = await bulk(env, ["pin", "--accounts", "-", "--c2c", "support", "--rate", "200", "--concurrency", "32", "--json"], accountIds(ROWS).join("\n"));
  assert.equal(r.code, 0, r.stderr);
  const { summary } = JSON.parse(r.stdout);
  assert.equal(summary.ok, ROWS);
  assert.equal(await received(emu, "top"), ROWS, "the emulator refused some requests (60007) and they were sent again");
  const s = await emu.get("state?account=acct_5000");
  assert.ok(s.conversations.some((c) => c.userId === "support" && c.pinned));
});

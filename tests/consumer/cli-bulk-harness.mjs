// What the bulk suites share: an emulator of their own (so that the suites run in parallel),
// accounts created in it, and a way to count what it received.
import { startEmulator, SDK_APP_ID, ADMIN } from "./emulator.mjs";
import { connectionEnv, runBin } from "./cli-harness.mjs";

export const SIG = "Bulk-Secret-UserSig-93be1f0a77";

/** An emulator with `n` accounts (acct_0001…) and the c2c peer "support", and a user's environment for it. */
export async function startBulk(n, args = []) {
  const emu = await startEmulator(["--usersig", SIG, ...args]);
  await emu.post("accounts", { accounts: ["support", ...accountIds(n)] });
  return { emu, env: connectionEnv(emu.url, SIG) };
}

export function accountIds(n) {
  return Array.from({ length: n }, (_, i) => `acct_${String(i + 1).padStart(4, "0")}`);
}

/** The bin with `args`, the UserSig checked absent from its output. */
export function bulk(env, args, input) {
  return runBin(args, { env, input, secrets: [SIG] });
}

/** Requests the emulator received for `command` since the last stats reset (60007s included). */
export async function received(emu, command) {
  return (await emu.get("stats")).counts[command] ?? 0;
}

/** Whether `account` has the c2c conversation with `peer` pinned. */
export async function pinned(emu, account, peer = "support") {
  const s = await emu.get(`state?account=${account}`);
  return s.conversations.some((c) => c.userId === peer && c.pinned);
}

export { SDK_APP_ID, ADMIN };

// `make demo`: starts the local emulator with the demo seed and runs a short session of the
// package's command line, `tencent-chat` (the bin in pkg/, run as a user would, with the
// emulator's endpoint in the environment): list, pin, mark, group, read back, rename,
// regroup, look up, delete, an error, then bulk work over a CSV with a journal to resume from.
// Then it serves the dashboard (www/) against the same emulator: until Ctrl-C from a
// terminal, or just long enough to check it answers when not interactive (CI).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { ConversationClient } from "../pkg/index.mjs";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "../tests/consumer/emulator.mjs";
import { createStaticServer, dashboardUrl } from "../www/serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const emu = await startEmulator(["--seed", "demo"]);
if (process.argv.includes("--dashboard-only")) {
  await serveDashboard();
  process.exit(0);
}
const bin = `${root}pkg/bin/tencent-chat.cjs`;
const connection = {
  TENCENT_CHAT_ENDPOINT: emu.url,
  TENCENT_CHAT_SDKAPPID: String(SDK_APP_ID),
  TENCENT_CHAT_IDENTIFIER: ADMIN,
  TENCENT_CHAT_USERSIG: USER_SIG,
};
const quote = (arg) => (/^[\w@#%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/** Prints the command line, then runs the real bin with the terminal as its output. */
function run(step, args, expectedStatus = 0) {
  console.log(`${step ? `\n${step}\n` : ""}$ tencent-chat ${args.map(quote).join(" ")}`);
  const { status, error } = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...connection }, stdio: "inherit" });
  if (error) throw error;
  if (status !== expectedStatus) throw new Error(`tencent-chat exited with ${status}, not ${expectedStatus}`);
}

try {
  console.log(`Emulator at ${emu.url} (demo seed). tencent-chat reads its connection from the environment:`);
  for (const [name, value] of Object.entries(connection)) console.log(`  export ${name}=${value}`);
  console.log("(that UserSig is the emulator's demo one; tencent-chat itself never prints a UserSig)");

  const alice = ["--account", "alice"];
  run("1. alice's conversations, pinned ones first (get_list, page by page; --limit stops early):", ["list", ...alice, "--limit", "8"]);
  run("2. Pin two of them (top):", ["pin", ...alice, "--c2c", "user_013", "--group", "@TGS#demo_216"]);
  run("3. Mark them (mark_contact): bits by name or number, and a custom mark:", ["mark", ...alice, "--c2c", "user_013", "--set", "favorite,40", "--custom", "VIP customer"]);
  run("", ["mark", ...alice, "--group", "@TGS#demo_216", "--set", "unread"]);
  run("4. Put both in a new conversation group (create_contact_group):", ["create-group", ...alice, "--name", "Follow up", "--c2c", "user_013", "--group", "@TGS#demo_216"]);
  run("5. Every group and marked conversation (get_contact_group, all pages, each group once):", ["groups", ...alice]);
  run("6. The list again, the two now pinned; --ndjson writes one JSON object per line (--json: one document):", ["list", ...alice, "--limit", "5", "--ndjson"]);
  run("7. Rename the group (update_contact_group, UpdateGroupType 1):", ["rename-group", ...alice, "--name", "Follow up", "--new-name", "Follow-ups"]);
  run("8. Add one conversation and take one out in one request (UpdateGroupType 2); nobody_here is not an account,\n   so that item is refused while the rest succeeds (exit status 1, the results printed first):",
    ["update-group", ...alice, "--name", "Follow-ups", "--add-c2c", "user_021", "--add-c2c", "nobody_here", "--remove-group", "@TGS#demo_216"], 1);
  run("9. Look the conversations up (search_contact_group): their marks and groups:", ["find", ...alice, "--c2c", "user_013", "--c2c", "user_021", "--group", "@TGS#demo_216"]);
  run("10. Delete a conversation (delete) and the group (del_contact_group); --yes confirms, as a script must:", ["delete", ...alice, "--c2c", "user_021", "--yes"]);
  run("", ["delete-group", ...alice, "--name", "Follow-ups", "--yes"]);
  run("11. A service error: exit status 1, the ChatError's code and message on stderr:", ["pin", "--account", "nobody", "--c2c", "bob"], 1);
  console.log("(exit status 1; usage errors exit 2. `tencent-chat --help` and `tencent-chat COMMAND --help` list the options)");

  // Bulk work: one row an account, at the service's rate, with a journal; the rerun skips
  // the rows the journal says are done.
  const dir = mkdtempSync(join(tmpdir(), "tencent-chat-demo-"));
  const csv = join(dir, "pins.csv");
  writeFileSync(csv, ["account,c2c", ...Array.from({ length: 8 }, (_, i) => `user_${String(i + 1).padStart(3, "0")},alice`), "nobody,alice"].join("\n") + "\n");
  console.log(`\n13. Bulk work: pin alice for eight accounts from a CSV (${csv}); the last row is no account, so it fails\n    alone and the rest go on (exit status 1); a journal records each row:`);
  run("", ["pin", "--csv", csv, "--journal", join(dir, "pins.journal")], 1);
  run("    The same run again: the done rows are skipped, the failed one is tried again:", ["pin", "--csv", csv, "--journal", join(dir, "pins.journal")], 1);

  // The same walk from code: an async iterator over every page.
  const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
  let count = 0;
  let pages = 0;
  for await (const _item of client.conversations("alice", { onPage: ({ page }) => (pages = page) })) count++;
  console.log(`\n14. From code: \`for await (const item of client.conversations("alice"))\` → ${count} conversations from ${pages} pages.`);
  console.log("\nDemo complete.");
  await serveDashboard();
} finally {
  await emu.stop();
}

async function serveDashboard() {
  await build({ root: `${root}www`, logLevel: "warn", build: { outDir: `${root}target/www-dist`, emptyOutDir: true } });
  const server = createStaticServer(`${root}target/www-dist`);
  await new Promise((r) => server.listen(Number(process.env.DASHBOARD_PORT ?? 0), "127.0.0.1", r));
  const url = dashboardUrl(`http://127.0.0.1:${server.address().port}`, { emulator: emu.url, account: "alice" });
  const page = await fetch(url);
  if (!page.ok) throw new Error(`dashboard answered HTTP ${page.status}`);
  console.log(`\nDashboard: ${url}\n  (the emulator's demo UserSig, to type in the page: ${USER_SIG})`);
  if (process.stdout.isTTY && !process.env.CI) {
    console.log("  Serving until Ctrl-C.");
    await new Promise((resolve) => process.once("SIGINT", resolve));
  }
  server.close();
  await emu.stop();
}

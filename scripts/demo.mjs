// `make demo`: starts the local emulator with the demo seed and drives it with the built
// package, as an admin script would: list, pin, mark, group, read back. No account needed.
// Then it serves the dashboard (www/) against the same emulator: until Ctrl-C from a
// terminal, or just long enough to check it answers when not interactive (CI).
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { ConversationClient, ChatError, Mark } from "../pkg/index.mjs";
import { startEmulator, SDK_APP_ID, ADMIN, USER_SIG } from "../tests/consumer/emulator.mjs";
import { createStaticServer, dashboardUrl } from "../www/serve.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const emu = await startEmulator(["--seed", "demo"]);
if (process.argv.includes("--dashboard-only")) {
  await serveDashboard();
  process.exit(0);
}
const client = new ConversationClient({ sdkAppId: SDK_APP_ID, identifier: ADMIN, userSig: USER_SIG, endpoint: emu.url });
const name = (c) => (c.type === "c2c" ? `user ${c.userId}` : `group ${c.groupId}`);
const when = (t) => (t ? new Date(t * 1000).toISOString().replace("T", " ").slice(0, 16) : "(no messages)");
const markNames = { [Mark.Favorite]: "favorite", [Mark.Unread]: "unread", [Mark.Collapsed]: "collapsed", [Mark.Hidden]: "hidden" };
const describeMarks = (bits = []) => bits.map((b) => markNames[b] ?? `bit ${b}`).join(", ");

try {
  console.log(`Emulator at ${emu.url} (demo seed). Account: alice\n`);

  let cursor;
  const all = [];
  let pages = 0;
  do {
    const page = await client.listConversations("alice", cursor ? { cursor } : {});
    all.push(...page.items);
    pages++;
    cursor = page.complete ? undefined : page.cursor;
  } while (cursor);
  console.log(`1. get_list: ${all.length} conversations in ${pages} pages; the first five:`);
  for (const item of all.slice(0, 5)) {
    console.log(`   ${item.pinned ? "📌" : "  "} ${name(item.conversation).padEnd(24)} ${when(item.msgTime)}`);
  }

  const toPin = all.filter((i) => !i.pinned).slice(0, 2).map((i) => i.conversation);
  await client.pin("alice", toPin);
  const pinned = (await client.listConversations("alice")).items.filter((i) => i.pinned);
  console.log(`\n2. top: pinned ${toPin.map(name).join(" and ")}; now ${pinned.length} pinned`);

  const results = await client.mark("alice", [
    { conversation: toPin[0], set: [Mark.Favorite, 40], customMark: "VIP customer" },
    { conversation: toPin[1], set: [Mark.Unread] },
  ]);
  console.log(`\n3. mark_contact: ${results.filter((r) => r.ok).length}/${results.length} marked`);

  const created = await client.createGroup("alice", { name: "Follow up", conversations: toPin });
  console.log(`\n4. create_contact_group: "${created.group.name}" has id ${created.group.id}`);

  const groups = await client.getGroups("alice");
  console.log(`\n5. get_contact_group: ${groups.groups.length} groups, ${groups.conversations.length} marked or grouped conversations`);
  for (const g of groups.groups) {
    const members = groups.conversations.filter((c) => c.groupIds.includes(g.id));
    console.log(`   [${g.id}] ${g.name}: ${members.map((m) => name(m.conversation)).join(", ") || "(empty)"}`);
  }
  for (const c of groups.conversations.filter((c) => toPin.some((p) => JSON.stringify(p) === JSON.stringify(c.conversation)))) {
    console.log(`   ${name(c.conversation)}: marks [${describeMarks(c.marks)}] (StandardMark "${c.standardMark}")${c.customMark ? `, custom "${c.customMark}"` : ""}`);
  }

  const error = await client.pin("nobody", toPin).catch((e) => e);
  console.log(`\n6. errors are ChatErrors: ${error instanceof ChatError} — kind ${error.kind}, code ${error.code}: ${error.info}`);
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

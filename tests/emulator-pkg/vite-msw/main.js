// A page as a user's Vite app would have it: MSW's service worker answers the client's
// calls from the in-process emulator (wasm, in this page). Results go to window.__results.
import { setupWorker } from "msw/browser";
import { createEmulator } from "tencent-chat-emulator";
import { emulatorHandlers } from "tencent-chat-emulator/msw";
import { ConversationClient } from "tencent-chat-conversations";

const results = [];
const check = (name, ok, detail = "") => results.push({ name, ok: Boolean(ok), detail: String(detail) });
const bob = { type: "c2c", userId: "bob" };

try {
  const emulator = createEmulator({ seed: "demo" });
  const worker = setupWorker(...emulatorHandlers(emulator), ...emulatorHandlers(emulator, { baseUrl: "https://chat-proxy.example/api" }));
  await worker.start({ onUnhandledRequest: "error", quiet: true });

  const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", region: "singapore", maxRetries: 0 });
  const page = await client.listConversations("alice");
  check("get_list through the worker", page.items.length === 100 && page.items[0].pinned, page.items.length);

  await client.pin("carol", [bob]);
  const carol = await emulator.state("carol");
  check("pin reached the emulator", carol.conversations.find((c) => c.userId === "bob")?.pinned === true);

  const { group } = await client.createGroup("alice", { name: "Browser", conversations: [bob] });
  const groups = await client.getAllGroups("alice");
  check("groups", groups.groups.some((g) => g.id === group.id && g.name === "Browser"), JSON.stringify(groups.groups));

  const viaBase = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", endpoint: "https://chat-proxy.example/api" });
  check("a base URL", (await viaBase.listConversations("bob")).items.length === 25);

  await emulator.addFault("get_list", { kind: "drop" });
  const dropped = await client.listConversations("alice").catch((e) => e);
  check("drop fault is a network error", dropped.kind === "network", dropped.kind);

  const wrong = await new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "nope", region: "china" })
    .listConversations("alice")
    .catch((e) => e);
  check("wrong UserSig", wrong.code === 70003, wrong.code);
} catch (e) {
  check("page ran", false, e?.stack ?? e);
}
window.__results = results;

// Both packages under `require` in the runtime running this file (Deno, Bun): the client
// against startEmulator, and createEmulator in process. Prints one JSON line.
const { ConversationClient } = require("tencent-chat-conversations");
const { startEmulator, createEmulator } = require("tencent-chat-emulator");

(async () => {
  const emu = await startEmulator({ seed: "demo" });
  try {
    const client = new ConversationClient({ sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig", endpoint: emu.url });
    const page = await client.listConversations("alice");
    const health = await createEmulator().health();
    console.log(JSON.stringify({ items: page.items.length, pinnedFirst: page.items[0].pinned, health: health.ok }));
  } finally {
    await emu.stop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

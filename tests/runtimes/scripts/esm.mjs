// Both packages under `import` in the runtime running this file (Deno, Bun): the emulator
// over HTTP (startEmulator, its options and control API) answering the client, and in
// process (createEmulator). What the client does is the case matrix's (scripts/matrix.mjs).
// Prints one JSON line for the test to check.
import { ConversationClient } from "tencent-chat-conversations";
import { startEmulator, createEmulator } from "tencent-chat-emulator";

const credentials = { sdkAppId: 1400000000, identifier: "administrator", userSig: "emulator-usersig" };
const ids = (items) => items.map((i) => i.conversation.userId ?? i.conversation.groupId);

const emu = await startEmulator({ seed: "none", pageSize: 2 });
try {
  await emu.importAccounts(["alice", "bob", "carol"]);
  await emu.addConversations("alice", [
    { type: "c2c", userId: "bob", msgTime: 1700000300 },
    { type: "c2c", userId: "carol", msgTime: 1700000200 },
    { type: "group", groupId: "@TGS#team", msgTime: 1700000100 },
  ]);
  const client = new ConversationClient({ ...credentials, endpoint: emu.url, maxRetries: 0 });
  const page = await client.listConversations("alice");
  await client.pin("alice", [{ type: "group", groupId: "@TGS#team" }]);
  const pinned = (await emu.state("alice")).conversations.filter((c) => c.pinned).map((c) => c.groupId ?? c.userId);

  const inProcess = createEmulator({ seed: "demo" });
  const health = await inProcess.health();
  const answer = await inProcess.handle(
    new Request(`http://emulator.test/v4/recentcontact/get_list?sdkappid=1400000000&identifier=administrator&usersig=emulator-usersig&random=1&contenttype=json`, {
      method: "POST",
      body: JSON.stringify({ From_Account: "alice", TimeStamp: 0, StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0, AssistFlags: 15 }),
    }),
  );
  const inProcessPage = await answer.json();

  console.log(JSON.stringify({
    page: ids(page.items),
    complete: page.complete,
    pinned,
    health: health.ok,
    inProcessItems: inProcessPage.SessionItem?.length,
  }));
} finally {
  await emu.stop();
}

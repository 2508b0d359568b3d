// A strict CommonJS TypeScript consumer: require() resolves to the .d.cts types.
import pkg = require("tencent-chat-conversations");

const client = new pkg.ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s" });
export async function use(): Promise<void> {
  const page = await client.listConversations("alice");
  const pinned: boolean | undefined = page.items[0]?.pinned;
  const regions: readonly pkg.Region[] = pkg.REGIONS;
  await client.findConversations("alice", [{ type: "c2c", userId: "bob" }] as const);
  console.log(pinned, pkg.Mark.Hidden, regions);
  // @ts-expect-error a conversation needs its `type`
  await client.unpin("alice", [{ groupId: "g" }]);
}

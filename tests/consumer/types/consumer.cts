// A strict CommonJS TypeScript consumer: require() resolves to the .d.cts types.
import pkg = require("tencent-chat-conversations");

const client = new pkg.ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s" });
export async function use(): Promise<void> {
  const page = await client.listConversations("alice");
  const pinned: boolean | undefined = page.items[0]?.pinned;
  console.log(pinned, pkg.Mark.Hidden);
  const found = await client.findConversations("alice", [{ type: "c2c", userId: "bob" }]);
  const ids: number[] | undefined = found.conversations[0]?.groupIds;
  const deleted: pkg.GroupInfo = await client.deleteGroup("alice", "Team");
  console.log(ids, deleted.name);
  // @ts-expect-error renameGroup's new name is `newName`
  await client.renameGroup("alice", { name: "Team", name2: "x" });
  const regions: readonly pkg.Region[] = pkg.REGIONS;
  await client.findConversations("alice", [{ type: "c2c", userId: "bob" }] as const);
  console.log(regions);
  // @ts-expect-error a conversation needs its `type`
  await client.unpin("alice", [{ groupId: "g" }]);
}

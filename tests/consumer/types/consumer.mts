// A strict TypeScript consumer of the package (ESM). Compiles with tsc --strict, and each
// `@ts-expect-error` line must really be an error, or tsc fails.
import { ConversationClient, ChatError, Mark, REGIONS } from "tencent-chat-conversations";
import type { AllGroups, Conversation, ConversationItem, ListPage, GroupsPage, GroupInfo, ItemResult, MarkedConversation, ErrorKind, MarkOperation, Region } from "tencent-chat-conversations";

const client = new ConversationClient({
  sdkAppId: 1400000000,
  identifier: "administrator",
  userSig: async () => "sig",
  region: "singapore",
});
new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s", endpoint: "http://127.0.0.1:8787" });

const bob: Conversation = { type: "c2c", userId: "bob" };
const team: Conversation = { type: "group", groupId: "@TGS#1" };

export async function use(): Promise<void> {
  const controller = new AbortController();
  await client.pin("alice", [bob, team], { signal: controller.signal });
  await client.unpin("alice", [bob]);
  const results: ItemResult[] = await client.mark("alice", [
    { conversation: bob, set: [Mark.Favorite, 40], clear: [Mark.Unread] },
    { conversation: team, customMark: "vip" },
  ]);
  const failed = results.filter((r) => !r.ok).map((r) => `${r.code} ${r.info}`);
  const created = await client.createGroup("alice", { name: "Team", conversations: [team] });
  const groupId: number = created.group.id;
  const groups: GroupsPage = await client.getGroups("alice", { startIndex: 0 });
  const marks: number[] | undefined = groups.conversations[0]?.marks;
  let page: ListPage = await client.listConversations("alice", { includeEmpty: false });
  page = await client.listConversations("alice", { cursor: page.cursor, signal: controller.signal });
  const item: ConversationItem | undefined = page.items[0];
  if (item?.conversation.type === "c2c") {
    const user: string = item.conversation.userId;
    console.log(user);
  }
  for await (const each of client.conversations("alice", { includeEmpty: false, onPage: (p) => console.log(p.page, p.total) })) {
    const c: ConversationItem = each;
    console.log(c);
    break;
  }
  const all: AllGroups = await client.getAllGroups("alice", { startIndex: 0 });
  console.log(all.groups.length);
  const raw: Record<string, unknown> = await client.request("v4/recentcontact/delete", { From_Account: "a" });
  console.log(failed, groupId, marks, raw);

  try {
    await client.pin("alice", [bob]);
  } catch (e) {
    if (e instanceof ChatError) {
      const kind: ErrorKind = e.kind;
      const code: number = e.code;
      const status: number | undefined = e.httpStatus;
      console.log(kind, code, status, e.message, e.info, e.display, e.command, e.random, e.attempts);
    }
  }
}

// Every array input takes readonly arrays and `as const` literals.
export async function readonlyInputs(): Promise<void> {
  const fixed = [bob, team] as const;
  const list: readonly Conversation[] = [bob];
  await client.pin("alice", fixed);
  await client.unpin("alice", list);
  await client.pin("alice", [{ type: "c2c", userId: "bob" }] as const);
  const bits = [Mark.Favorite, 40] as const;
  const operations: readonly MarkOperation[] = [{ conversation: bob, set: bits, clear: [Mark.Unread] as const }];
  await client.mark("alice", operations);
  await client.mark("alice", [{ conversation: team, customMark: "vip" }] as const);
  await client.createGroup("alice", { name: "Team", conversations: fixed });
  await client.createGroup("alice", { name: "Team", conversations: list } as const);
  await client.updateGroup("alice", { name: "Team", add: fixed, remove: list });
  await client.findConversations("alice", fixed);
  await client.findConversations("alice", list);
}

// REGIONS is every Region (checked against the declared union at run time by regions.test.mjs).
const regions: readonly Region[] = REGIONS;
const firstRegion: Region | undefined = REGIONS[0];
new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s", region: REGIONS[1] ?? "china" });
console.log(regions, firstRegion);

export async function lifecycle(): Promise<void> {
  const controller = new AbortController();
  const renamed: GroupInfo = await client.renameGroup("alice", { name: "Team", newName: "Core" }, { signal: controller.signal });
  const updated = await client.updateGroup("alice", { name: renamed.name, add: [bob], remove: [team] });
  const group: GroupInfo = updated.group;
  const results: ItemResult[] = updated.results;
  await client.updateGroup("alice", { name: "Core", remove: [team] }, { timeoutMs: 5000 });
  const deleted: GroupInfo = await client.deleteGroup("alice", "Core", { signal: controller.signal });
  const found = await client.findConversations("alice", [bob, team]);
  const conversations: MarkedConversation[] = found.conversations;
  const groups: GroupInfo[] = found.groups;
  const gone: void = await client.deleteConversation("alice", bob, { clearHistory: true, signal: controller.signal });
  await client.deleteConversation("alice", team);
  const plain: ListPage = await client.listConversations("alice", { assistFlags: 7 });
  // @ts-expect-error: bits 3-5 have no named option (only the raw assistFlags)
  await client.listConversations("alice", { marks: false });
  console.log(plain.items[0]?.groupIds);
  // Inputs declared `as const` (readonly properties) are accepted.
  const carol = { type: "c2c", userId: "carol" } as const;
  const rename = { name: "Core", newName: "Core 2" } as const;
  const again: GroupInfo = await client.renameGroup("alice", rename);
  await client.updateGroup("alice", { name: again.name, add: [carol] });
  await client.deleteConversation("alice", carol, { clearHistory: false, timeoutMs: 1000 });
  console.log(group, results.filter((r) => !r.ok), deleted.id, conversations[0]?.marks, groups.length, gone);
}

export async function misuse(): Promise<void> {
  // @ts-expect-error renameGroup needs the new name
  await client.renameGroup("alice", { name: "Team" });
  // @ts-expect-error deleteGroup takes one name, not a list
  await client.deleteGroup("alice", ["Team"]);
  // @ts-expect-error clearHistory is a boolean
  await client.deleteConversation("alice", bob, { clearHistory: 1 });
  // @ts-expect-error deleteConversation takes one conversation
  await client.deleteConversation("alice", [bob]);
  // @ts-expect-error updateGroup's lists hold conversations, not ids
  await client.updateGroup("alice", { name: "Team", add: ["bob"] });
  // @ts-expect-error findConversations takes conversations
  await client.findConversations("alice", [{ userId: "bob" }]);
  // @ts-expect-error REGIONS is read-only
  REGIONS.push("china");
  // @ts-expect-error REGIONS holds Regions, not just one
  const onlyChina: readonly "china"[] = REGIONS;
  console.log(onlyChina);
  // @ts-expect-error a readonly list still holds conversations only
  await client.pin("alice", [bob, { userId: "x" }] as const);
  // @ts-expect-error a conversation needs its `type`
  await client.pin("alice", [{ userId: "bob" }]);
  // @ts-expect-error a c2c conversation has a userId, not a groupId
  await client.pin("alice", [{ type: "c2c", groupId: "g" }]);
  // @ts-expect-error unknown region
  new ConversationClient({ sdkAppId: 1, identifier: "a", userSig: "s", region: "mars" });
  // @ts-expect-error userSig is required
  new ConversationClient({ sdkAppId: 1, identifier: "a" });
  // @ts-expect-error mark bits are numbers
  await client.mark("alice", [{ conversation: bob, set: ["1"] }]);
  // @ts-expect-error startIndex belongs to markedConversations/getAllGroups
  client.conversations("alice", { startIndex: 3 });
  // @ts-expect-error ChatError is not constructed by users
  new ChatError();
}

// What a user would otherwise write: a minimal fetch client for the same calls.
import { randomInt } from "node:crypto";

export function handwrittenClient({ endpoint, sdkAppId, identifier, userSig }) {
  async function call(command, body) {
    const url = `${endpoint}/v4/recentcontact/${command}?sdkappid=${sdkAppId}&identifier=${encodeURIComponent(identifier)}&usersig=${encodeURIComponent(userSig)}&random=${randomInt(2 ** 32)}&contenttype=json`;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const json = await res.json();
    if (json.ActionStatus !== "OK" || json.ErrorCode !== 0) throw new Error(`${json.ErrorCode} ${json.ErrorInfo}`);
    return json;
  }
  const item = (c) => (c.type === "c2c" ? { Type: 1, To_Account: c.userId } : { Type: 2, ToGroupId: c.groupId });
  const change = (opt) => (c) => ({ ContactOptType: opt, ContactItem: item(c) });
  return {
    pin: (account, convs) => call("top", { From_Account: account, OperationType: 1, RecentContactItem: convs.map((c) => (c.type === "c2c" ? { Type: 1, To_Account: c.userId } : { Type: 2, GroupId: c.groupId })) }),
    mark: (account, ops) => call("mark_contact", { From_Account: account, MarkItem: ops.map((o) => ({ OptType: o.customMark === undefined ? 1 : o.set ? 3 : 2, ContactItem: item(o.conversation), SetMark: o.set, CustomMark: o.customMark })) }).then((r) => r.ResultItem),
    createGroup: (account, g) => call("create_contact_group", { From_Account: account, GroupContactItem: [{ GroupName: g.name, ContactItem: g.conversations.map(item) }] }).then((r) => r.GroupResultItem[0]),
    getGroups: (account) => call("get_contact_group", { From_Account: account, StartIndex: 0 }),
    listConversations: (account, cursor = {}) => call("get_list", { From_Account: account, TimeStamp: cursor.TimeStamp ?? 0, StartIndex: cursor.StartIndex ?? 0, TopTimeStamp: cursor.TopTimeStamp ?? 0, TopStartIndex: cursor.TopStartIndex ?? 0, AssistFlags: 7 }),
    updateGroup: (account, g) => call("update_contact_group", { From_Account: account, UpdateType: 1, UpdateGroup: { UpdateGroupType: 2, OldGroupName: g.name, ContactUpdateItem: [...(g.add ?? []).map(change(1)), ...(g.remove ?? []).map(change(2))] } }).then((r) => r.UpdateGroupResult),
    deleteGroup: (account, name) => call("del_contact_group", { From_Account: account, GroupName: [name] }).then((r) => r.GroupItem[0]),
    findConversations: (account, convs) => call("search_contact_group", { From_Account: account, ContactItem: convs.map(item) }),
    deleteConversation: (account, c, opts = {}) => call("delete", { From_Account: account, ...(c.type === "c2c" ? { Type: 1, To_Account: c.userId } : { Type: 2, ToGroupid: c.groupId }), ClearRamble: opts.clearHistory ? 1 : 0 }),
  };
}

// The bench server's answers: the docs' sample bodies for four commands, and get_list pages
// of 100 out of CONVERSATIONS (StartIndex = offset), so both clients do equal work.
const total = Number(process.env.CONVERSATIONS ?? 10_000);
const OK = { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", ErrorDisplay: "" };
export const canned = {
  top: JSON.stringify(OK),
  mark_contact: JSON.stringify({ ...OK, ResultItem: [{ OptType: 3, ContactItem: { Type: 1, To_Account: "user_0002" }, ResultCode: 0, ResultInfo: "" }] }),
  create_contact_group: JSON.stringify({ ...OK, GroupResultItem: [{ GroupItem: { GroupName: "test2", GroupId: 2 }, ResultItem: [{ ContactItem: { Type: 1, To_Account: "user1" }, ResultCode: 0, ResultInfo: "" }] }] }),
  get_contact_group: JSON.stringify({
    ...OK,
    ContactItem: [
      { Type: 1, To_Account: "teacher4", StandardMark: "111001", ContactGroupId: [1, 2], Timestamp: 1670843110 },
      { Type: 2, ToGroupId: "@TGS#1N3RSUYG2", StandardMark: "111001", CustomMark: "abcd", Timestamp: 1672998266 },
    ],
    GroupItem: [{ GroupName: "test1x", GroupId: 1 }, { GroupName: "test10", GroupId: 2 }],
    CompleteFlag: 1,
    NextStartIndex: 0,
  }),
};
const pageSize = 100;
export function listPage(start) {
  const items = [];
  for (let i = start; i < Math.min(start + pageSize, total); i++) {
    items.push(i % 2 ? { Type: 1, To_Account: `user_${i}`, MsgTime: 1700000000 - i, TopFlag: 0 } : { Type: 2, GroupId: `@TGS#${i}`, MsgTime: 1700000000 - i, TopFlag: 0 });
  }
  const next = start + items.length;
  return JSON.stringify({ ...OK, SessionItem: items, CompleteFlag: next >= total ? 1 : 0, TimeStamp: 0, StartIndex: next, TopTimeStamp: 0, TopStartIndex: 0 });
}


// The bench server's answers: bodies shaped like the docs' samples, fixed for every command
// but get_list, whose pages hold 100 out of CONVERSATIONS (StartIndex = offset), so both
// clients do equal work.
const total = Number(process.env.CONVERSATIONS ?? 10_000);
const OK = { ActionStatus: "OK", ErrorCode: 0, ErrorInfo: "", ErrorDisplay: "" };
// The i-th conversation: odd ones C2C, even ones a group, its id under `groupKey` (the wire
// spells it GroupId in get_list, ToGroupId in the contact-group commands).
const contact = (i, groupKey) => (i % 2 ? { Type: 1, To_Account: `user_${i}` } : { Type: 2, [groupKey]: `@TGS#${i}` });
/** How many conversations the bench's search_contact_group asks for (all of them found). */
export const SEARCHED = 20;
const groups = [{ GroupName: "test1x", GroupId: 1 }, { GroupName: "test10", GroupId: 2 }];
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
    GroupItem: groups,
    CompleteFlag: 1,
    NextStartIndex: 0,
  }),
  update_contact_group: JSON.stringify({
    ...OK,
    UpdateType: 1,
    UpdateGroupResult: {
      UpdateGroupType: 2,
      GroupName: "test1x",
      GroupId: 1,
      OldGroupName: "test1x",
      ContactResultItem: [
        { ContactOptType: 1, ContactItem: { Type: 1, To_Account: "bob" }, ResultCode: 0, ResultInfo: "" },
        { ContactOptType: 2, ContactItem: { Type: 2, ToGroupId: "@TGS#1" }, ResultCode: 0, ResultInfo: "" },
      ],
    },
  }),
  del_contact_group: JSON.stringify({ ...OK, GroupItem: [groups[0]] }),
  search_contact_group: JSON.stringify({
    ...OK,
    ContactResultItem: Array.from({ length: SEARCHED }, (_, i) => ({ ...contact(i, "ToGroupId"), StandardMark: "11111110", CustomMark: "abcde", ContactGroupId: [1, 2], Timestamp: 1775217000 - i })),
    GroupItem: groups,
  }),
  delete: JSON.stringify(OK),
};
const pageSize = 100;
export function listPage(start) {
  const items = [];
  for (let i = start; i < Math.min(start + pageSize, total); i++) {
    items.push({ ...contact(i, "GroupId"), MsgTime: 1700000000 - i, TopFlag: 0 });
  }
  const next = start + items.length;
  return JSON.stringify({ ...OK, SessionItem: items, CompleteFlag: next >= total ? 1 : 0, TimeStamp: 0, StartIndex: next, TopTimeStamp: 0, TopStartIndex: 0 });
}


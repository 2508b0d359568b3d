//! The service's JSON, field for field as the docs spell it (the serde renames are the only
//! place the service's PascalCase appears). Nothing here is public API for JS; callers use
//! [`crate::types`]. Unknown response fields are ignored and optional ones are `Option`s
//! that the endpoints default, so newer service versions decode; a `null` reads as absent.
//!
//! The group-id field has three spellings: `GroupId` in `top` and `get_list`
//! ([`RecentContactItem`]), `ToGroupId` in the mark and group endpoints ([`ContactItem`]),
//! and `ToGroupid` in `delete` ([`DeleteRequest`]).

use serde::{Deserialize, Serialize};

/// `Type` value of a one-to-one conversation.
pub const TYPE_C2C: i64 = 1;
/// `Type` value of a group conversation.
pub const TYPE_GROUP: i64 = 2;

/// `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay`, present on every response next
/// to the endpoint's own fields, and read on their own before them.
#[derive(Debug, Default, Deserialize)]
pub struct Envelope {
    /// `"OK"` or `"FAIL"`.
    #[serde(rename = "ActionStatus")]
    pub action_status: Option<String>,
    /// 0 on success, else the service's error code.
    #[serde(rename = "ErrorCode")]
    pub error_code: Option<i64>,
    /// The failure, for developers.
    #[serde(rename = "ErrorInfo")]
    pub error_info: Option<String>,
    /// The failure, for end users; optional everywhere (D7).
    #[serde(rename = "ErrorDisplay")]
    pub error_display: Option<String>,
}

/// A response with nothing past the envelope (`top`): every field is ignored.
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// A conversation in `top` and `get_list`: the group is `GroupId`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentContactItem {
    /// 1 for a one-to-one conversation, 2 for a group conversation.
    #[serde(rename = "Type")]
    pub r#type: i64,
    /// The other user of a one-to-one conversation.
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    /// The group chat's id (this spelling in `top` and `get_list`).
    #[serde(rename = "GroupId", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
}

/// A conversation in `mark_contact` and the group endpoints: the group is `ToGroupId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactItem {
    /// 1 for a one-to-one conversation, 2 for a group conversation.
    #[serde(rename = "Type")]
    pub r#type: i64,
    /// The other user of a one-to-one conversation.
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    /// The group chat's id (this spelling in the mark and group endpoints).
    #[serde(rename = "ToGroupId", skip_serializing_if = "Option::is_none")]
    pub to_group_id: Option<String>,
}

/// `v4/recentcontact/top` request.
#[derive(Debug, Serialize)]
pub struct TopRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// 1 pin, 2 unpin.
    #[serde(rename = "OperationType")]
    pub operation_type: u8,
    /// The conversations to pin or unpin.
    #[serde(rename = "RecentContactItem")]
    pub recent_contact_item: Vec<RecentContactItem>,
}

/// `v4/recentcontact/mark_contact` request.
#[derive(Debug, Serialize)]
pub struct MarkContactRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The mark operations, at most 100.
    #[serde(rename = "MarkItem")]
    pub mark_item: Vec<MarkItem>,
}

/// One `mark_contact` operation.
#[derive(Debug, Serialize)]
pub struct MarkItem {
    /// 1 standard marks only, 2 custom mark only, 3 both.
    #[serde(rename = "OptType")]
    pub opt_type: u8,
    /// The conversation(s).
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
    /// Left out when there are none, as are the cleared bits.
    #[serde(rename = "SetMark", skip_serializing_if = "Option::is_none")]
    pub set_mark: Option<Vec<u8>>,
    /// Bit numbers to clear.
    #[serde(rename = "ClearMark", skip_serializing_if = "Option::is_none")]
    pub clear_mark: Option<Vec<u8>>,
    /// The custom mark (≤ 256 bytes); `""` clears it.
    #[serde(rename = "CustomMark", skip_serializing_if = "Option::is_none")]
    pub custom_mark: Option<String>,
}

/// Per-conversation outcome in `mark_contact` and `create_contact_group` responses.
#[derive(Debug, Deserialize)]
pub struct ResultItem {
    /// The conversation(s).
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
    /// 0 when this conversation's change succeeded.
    #[serde(rename = "ResultCode")]
    pub result_code: Option<i64>,
    /// Why it failed; empty on success.
    #[serde(rename = "ResultInfo")]
    pub result_info: Option<String>,
}

/// `mark_contact` response fields.
#[derive(Debug, Deserialize)]
pub struct MarkContactResponse {
    /// One outcome per conversation.
    #[serde(rename = "ResultItem")]
    pub result_item: Option<Vec<ResultItem>>,
}

/// `v4/recentcontact/create_contact_group` request (the service takes one group per call).
#[derive(Debug, Serialize)]
pub struct CreateContactGroupRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The group to create (exactly one).
    #[serde(rename = "GroupContactItem")]
    pub group_contact_item: Vec<GroupContactItem>,
}

/// The group `create_contact_group` creates.
#[derive(Debug, Serialize)]
pub struct GroupContactItem {
    /// The conversation group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The conversation(s).
    #[serde(rename = "ContactItem")]
    pub contact_item: Vec<ContactItem>,
}

/// `create_contact_group` response fields.
#[derive(Debug, Deserialize)]
pub struct CreateContactGroupResponse {
    /// The created group and its per-conversation outcomes.
    #[serde(rename = "GroupResultItem")]
    pub group_result_item: Option<Vec<GroupResultItem>>,
}

/// The created group with its per-conversation outcomes.
#[derive(Debug, Deserialize)]
pub struct GroupResultItem {
    /// Conversation groups: name and id.
    #[serde(rename = "GroupItem")]
    pub group_item: GroupItem,
    /// One outcome per conversation.
    #[serde(rename = "ResultItem")]
    pub result_item: Option<Vec<ResultItem>>,
}

/// A conversation group: `GroupId` here is the group's integer id, not a chat group.
#[derive(Debug, Deserialize)]
pub struct GroupItem {
    /// The conversation group's name.
    #[serde(rename = "GroupName")]
    pub group_name: String,
    /// The group chat's id (this spelling in `top` and `get_list`).
    #[serde(rename = "GroupId")]
    pub group_id: u64,
}

/// `v4/recentcontact/get_contact_group` request.
#[derive(Debug, Serialize)]
pub struct GetContactGroupRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Where the page starts (0 first).
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
}

/// `get_contact_group` response fields.
#[derive(Debug, Deserialize)]
pub struct GetContactGroupResponse {
    /// The conversation(s).
    #[serde(rename = "ContactItem")]
    pub contact_item: Option<Vec<MarkedContactItem>>,
    /// Conversation groups: name and id.
    #[serde(rename = "GroupItem")]
    pub group_item: Option<Vec<GroupItem>>,
    /// 1 on the last page.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u8,
    /// `StartIndex` of the next page; may be absent on the last.
    #[serde(rename = "NextStartIndex")]
    pub next_start_index: Option<u64>,
}

/// A marked or grouped conversation; `StandardMark` is a '0'/'1' string, rightmost = bit 0.
#[derive(Debug, Deserialize)]
pub struct MarkedContactItem {
    /// 1 for a one-to-one conversation, 2 for a group conversation.
    #[serde(rename = "Type")]
    pub r#type: i64,
    /// The other user of a one-to-one conversation.
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    /// The group chat's id (this spelling in the mark and group endpoints).
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
    /// Standard mark bits as '0'/'1' characters, rightmost = bit 0.
    #[serde(rename = "StandardMark")]
    pub standard_mark: Option<String>,
    /// The custom mark (≤ 256 bytes); `""` clears it.
    #[serde(rename = "CustomMark")]
    pub custom_mark: Option<String>,
    /// Ids of the conversation groups the conversation is in.
    #[serde(rename = "ContactGroupId")]
    pub contact_group_id: Option<Vec<u64>>,
    /// Last change of its marks or groups, Unix seconds.
    #[serde(rename = "Timestamp")]
    pub timestamp: Option<u64>,
}

/// `v4/recentcontact/get_list` request: four cursors echoed from the previous page.
#[derive(Debug, Serialize)]
pub struct GetListRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Conversation cursor: time of the last conversation of the previous page.
    #[serde(rename = "TimeStamp")]
    pub time_stamp: u64,
    /// Where the page starts (0 first).
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
    /// Pinned-conversation cursor: time.
    #[serde(rename = "TopTimeStamp")]
    pub top_time_stamp: u64,
    /// Pinned-conversation cursor: index.
    #[serde(rename = "TopStartIndex")]
    pub top_start_index: u64,
    /// Feature bits (see `get_list`'s module).
    #[serde(rename = "AssistFlags")]
    pub assist_flags: u32,
}

/// `get_list` response fields: the page and the next cursors.
#[derive(Debug, Deserialize)]
pub struct GetListResponse {
    /// The page's conversations.
    #[serde(rename = "SessionItem")]
    pub session_item: Option<Vec<SessionItem>>,
    /// 1 on the last page.
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u8,
    /// Conversation cursor: time of the last conversation of the previous page.
    #[serde(rename = "TimeStamp")]
    pub time_stamp: Option<u64>,
    /// Where the page starts (0 first).
    #[serde(rename = "StartIndex")]
    pub start_index: Option<u64>,
    /// Pinned-conversation cursor: time.
    #[serde(rename = "TopTimeStamp")]
    pub top_time_stamp: Option<u64>,
    /// Pinned-conversation cursor: index.
    #[serde(rename = "TopStartIndex")]
    pub top_start_index: Option<u64>,
}

/// A conversation in `get_list`; the mark and group fields come only from newer services.
#[derive(Debug, Deserialize)]
pub struct SessionItem {
    /// 1 for a one-to-one conversation, 2 for a group conversation.
    #[serde(rename = "Type")]
    pub r#type: i64,
    /// The other user of a one-to-one conversation.
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    /// The group chat's id (this spelling in `top` and `get_list`).
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    /// Time of the last message, Unix seconds.
    #[serde(rename = "MsgTime")]
    pub msg_time: Option<u64>,
    /// 1 when pinned.
    #[serde(rename = "TopFlag")]
    pub top_flag: Option<u8>,
    /// Standard mark bits as '0'/'1' characters, rightmost = bit 0.
    #[serde(rename = "StandardMark")]
    pub standard_mark: Option<String>,
    /// The custom mark (≤ 256 bytes); `""` clears it.
    #[serde(rename = "CustomMark")]
    pub custom_mark: Option<String>,
    /// Ids of the conversation groups the conversation is in.
    #[serde(rename = "ContactGroupId")]
    pub contact_group_id: Option<Vec<u64>>,
}

/// `v4/recentcontact/update_contact_group` request: one group, addressed by its name.
#[derive(Debug, Serialize)]
pub struct UpdateContactGroupRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// Always 1, the only documented value.
    #[serde(rename = "UpdateType")]
    pub update_type: u8,
    /// The change (the response calls its answer `UpdateGroupResult`).
    #[serde(rename = "UpdateGroup")]
    pub update_group: UpdateGroup,
}

/// The change `update_contact_group` makes: a rename (1) or conversations added and
/// removed (2).
#[derive(Debug, Serialize)]
pub struct UpdateGroup {
    /// 1 rename, 2 add/remove conversations.
    #[serde(rename = "UpdateGroupType")]
    pub update_group_type: u8,
    /// The group's current name: how the group is chosen in both modes.
    #[serde(rename = "OldGroupName")]
    pub old_group_name: String,
    /// The new name (rename only).
    #[serde(rename = "NewGroupName", skip_serializing_if = "Option::is_none")]
    pub new_group_name: Option<String>,
    /// The conversations to add or remove (mode 2 only; absent from a rename).
    #[serde(rename = "ContactUpdateItem", skip_serializing_if = "Option::is_none")]
    pub contact_update_item: Option<Vec<ContactUpdateItem>>,
}

/// One conversation added to (`ContactOptType` 1) or removed from (2) the group.
#[derive(Debug, Serialize)]
pub struct ContactUpdateItem {
    /// 1 add, 2 remove.
    #[serde(rename = "ContactOptType")]
    pub contact_opt_type: u8,
    /// The conversation.
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
}

/// `update_contact_group` response fields: the answer is nested in `UpdateGroupResult`
/// (D6), and every field may be absent.
#[derive(Debug, Deserialize)]
pub struct UpdateContactGroupResponse {
    /// The group changed and the per-conversation outcomes.
    #[serde(rename = "UpdateGroupResult")]
    pub update_group_result: Option<UpdateGroupResult>,
}

/// The group `update_contact_group` changed.
#[derive(Debug, Deserialize)]
pub struct UpdateGroupResult {
    /// The group's name (after a rename, the new one).
    #[serde(rename = "GroupName")]
    pub group_name: Option<String>,
    /// The group's numeric id.
    #[serde(rename = "GroupId")]
    pub group_id: Option<u64>,
    /// One outcome per added or removed conversation (`ContactOptType` is ignored);
    /// likely absent from a rename's answer.
    #[serde(rename = "ContactResultItem")]
    pub contact_result_item: Option<Vec<ResultItem>>,
}

/// `v4/recentcontact/del_contact_group` request.
#[derive(Debug, Serialize)]
pub struct DelContactGroupRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// An array, but the service takes exactly one name (D10).
    #[serde(rename = "GroupName")]
    pub group_name: Vec<String>,
}

/// `del_contact_group` response fields: the deleted group.
#[derive(Debug, Deserialize)]
pub struct DelContactGroupResponse {
    /// Conversation groups: name and id.
    #[serde(rename = "GroupItem")]
    pub group_item: Option<Vec<GroupItem>>,
}

/// `v4/recentcontact/search_contact_group` request (at most 300 conversations).
#[derive(Debug, Serialize)]
pub struct SearchContactGroupRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// The conversations to look up.
    #[serde(rename = "ContactItem")]
    pub contact_item: Vec<ContactItem>,
}

/// `search_contact_group` response fields. The array is `ContactResultItem`, as every
/// sample has it; the docs' tables call it `ContactItem` (D3).
#[derive(Debug, Deserialize)]
pub struct SearchContactGroupResponse {
    /// The requested conversations that have marks or groups.
    #[serde(rename = "ContactResultItem")]
    pub contact_result_item: Option<Vec<MarkedContactItem>>,
    /// Conversation groups: name and id.
    #[serde(rename = "GroupItem")]
    pub group_item: Option<Vec<GroupItem>>,
}

/// `v4/recentcontact/delete` request. The group id is spelled `ToGroupid` here, and only
/// here (D2).
#[derive(Debug, Serialize)]
pub struct DeleteRequest {
    /// The account whose conversations are read or changed.
    #[serde(rename = "From_Account")]
    pub from_account: String,
    /// 1 for a one-to-one conversation, 2 for a group conversation.
    #[serde(rename = "Type")]
    pub r#type: i64,
    /// The other user of a one-to-one conversation.
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    /// The group chat's id, in `delete`'s own spelling.
    #[serde(rename = "ToGroupid", skip_serializing_if = "Option::is_none")]
    pub to_groupid: Option<String>,
    /// 1 to clear the account's roaming messages of the conversation too, else 0.
    #[serde(rename = "ClearRamble")]
    pub clear_ramble: u8,
}

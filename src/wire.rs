//! The service's JSON, field for field as the docs spell it (the serde renames are the only
//! place the service's PascalCase appears). Nothing here is public API for JS; callers use
//! [`crate::types`]. Unknown response fields are ignored and optional ones are `Option`s
//! that the endpoints default, so newer service versions decode; a `null` reads as absent.
//!
//! The group-id field has two spellings: `GroupId` in `top` and `get_list`
//! ([`RecentContactItem`]), `ToGroupId` in the mark and group endpoints ([`ContactItem`]).

use serde::{Deserialize, Serialize};

/// `Type` value of a one-to-one conversation.
pub const TYPE_C2C: i64 = 1;
/// `Type` value of a group conversation.
pub const TYPE_GROUP: i64 = 2;

/// `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay`, present on every response next
/// to the endpoint's own fields, and read on their own before them.
#[derive(Debug, Default, Deserialize)]
pub struct Envelope {
    #[serde(rename = "ActionStatus")]
    pub action_status: Option<String>,
    #[serde(rename = "ErrorCode")]
    pub error_code: Option<i64>,
    #[serde(rename = "ErrorInfo")]
    pub error_info: Option<String>,
    #[serde(rename = "ErrorDisplay")]
    pub error_display: Option<String>,
}

/// A response with nothing past the envelope (`top`): every field is ignored.
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// A conversation in `top` and `get_list`: the group is `GroupId`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecentContactItem {
    #[serde(rename = "Type")]
    pub r#type: i64,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    #[serde(rename = "GroupId", skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
}

/// A conversation in `mark_contact` and the group endpoints: the group is `ToGroupId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactItem {
    #[serde(rename = "Type")]
    pub r#type: i64,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    pub to_account: Option<String>,
    #[serde(rename = "ToGroupId", skip_serializing_if = "Option::is_none")]
    pub to_group_id: Option<String>,
}

/// `v4/recentcontact/top` request.
#[derive(Debug, Serialize)]
pub struct TopRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    #[serde(rename = "OperationType")]
    pub operation_type: u8,
    #[serde(rename = "RecentContactItem")]
    pub recent_contact_item: Vec<RecentContactItem>,
}

/// `v4/recentcontact/mark_contact` request.
#[derive(Debug, Serialize)]
pub struct MarkContactRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    #[serde(rename = "MarkItem")]
    pub mark_item: Vec<MarkItem>,
}

#[derive(Debug, Serialize)]
pub struct MarkItem {
    #[serde(rename = "OptType")]
    pub opt_type: u8,
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
    /// Left out when there are none, as are the cleared bits.
    #[serde(rename = "SetMark", skip_serializing_if = "Option::is_none")]
    pub set_mark: Option<Vec<u8>>,
    #[serde(rename = "ClearMark", skip_serializing_if = "Option::is_none")]
    pub clear_mark: Option<Vec<u8>>,
    #[serde(rename = "CustomMark", skip_serializing_if = "Option::is_none")]
    pub custom_mark: Option<String>,
}

/// Per-conversation outcome in `mark_contact` and `create_contact_group` responses.
#[derive(Debug, Deserialize)]
pub struct ResultItem {
    #[serde(rename = "ContactItem")]
    pub contact_item: ContactItem,
    #[serde(rename = "ResultCode")]
    pub result_code: Option<i64>,
    #[serde(rename = "ResultInfo")]
    pub result_info: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct MarkContactResponse {
    #[serde(rename = "ResultItem")]
    pub result_item: Option<Vec<ResultItem>>,
}

/// `v4/recentcontact/create_contact_group` request (the service takes one group per call).
#[derive(Debug, Serialize)]
pub struct CreateContactGroupRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    #[serde(rename = "GroupContactItem")]
    pub group_contact_item: Vec<GroupContactItem>,
}

#[derive(Debug, Serialize)]
pub struct GroupContactItem {
    #[serde(rename = "GroupName")]
    pub group_name: String,
    #[serde(rename = "ContactItem")]
    pub contact_item: Vec<ContactItem>,
}

#[derive(Debug, Deserialize)]
pub struct CreateContactGroupResponse {
    #[serde(rename = "GroupResultItem")]
    pub group_result_item: Option<Vec<GroupResultItem>>,
}

#[derive(Debug, Deserialize)]
pub struct GroupResultItem {
    #[serde(rename = "GroupItem")]
    pub group_item: GroupItem,
    #[serde(rename = "ResultItem")]
    pub result_item: Option<Vec<ResultItem>>,
}

/// A conversation group: `GroupId` here is the group's integer id, not a chat group.
#[derive(Debug, Deserialize)]
pub struct GroupItem {
    #[serde(rename = "GroupName")]
    pub group_name: String,
    #[serde(rename = "GroupId")]
    pub group_id: u64,
}

/// `v4/recentcontact/get_contact_group` request.
#[derive(Debug, Serialize)]
pub struct GetContactGroupRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
}

#[derive(Debug, Deserialize)]
pub struct GetContactGroupResponse {
    #[serde(rename = "ContactItem")]
    pub contact_item: Option<Vec<MarkedContactItem>>,
    #[serde(rename = "GroupItem")]
    pub group_item: Option<Vec<GroupItem>>,
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u8,
    #[serde(rename = "NextStartIndex")]
    pub next_start_index: Option<u64>,
}

/// A marked or grouped conversation; `StandardMark` is a '0'/'1' string, rightmost = bit 0.
#[derive(Debug, Deserialize)]
pub struct MarkedContactItem {
    #[serde(rename = "Type")]
    pub r#type: i64,
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
    #[serde(rename = "StandardMark")]
    pub standard_mark: Option<String>,
    #[serde(rename = "CustomMark")]
    pub custom_mark: Option<String>,
    #[serde(rename = "ContactGroupId")]
    pub contact_group_id: Option<Vec<u64>>,
    #[serde(rename = "Timestamp")]
    pub timestamp: Option<u64>,
}

/// `v4/recentcontact/get_list` request: four cursors echoed from the previous page.
#[derive(Debug, Serialize)]
pub struct GetListRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    #[serde(rename = "TimeStamp")]
    pub time_stamp: u64,
    #[serde(rename = "StartIndex")]
    pub start_index: u64,
    #[serde(rename = "TopTimeStamp")]
    pub top_time_stamp: u64,
    #[serde(rename = "TopStartIndex")]
    pub top_start_index: u64,
    #[serde(rename = "AssistFlags")]
    pub assist_flags: u32,
}

#[derive(Debug, Deserialize)]
pub struct GetListResponse {
    #[serde(rename = "SessionItem")]
    pub session_item: Option<Vec<SessionItem>>,
    #[serde(rename = "CompleteFlag")]
    pub complete_flag: u8,
    #[serde(rename = "TimeStamp")]
    pub time_stamp: Option<u64>,
    #[serde(rename = "StartIndex")]
    pub start_index: Option<u64>,
    #[serde(rename = "TopTimeStamp")]
    pub top_time_stamp: Option<u64>,
    #[serde(rename = "TopStartIndex")]
    pub top_start_index: Option<u64>,
}

/// A conversation in `get_list`; the mark and group fields come only from newer services.
#[derive(Debug, Deserialize)]
pub struct SessionItem {
    #[serde(rename = "Type")]
    pub r#type: i64,
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    #[serde(rename = "GroupId")]
    pub group_id: Option<String>,
    #[serde(rename = "MsgTime")]
    pub msg_time: Option<u64>,
    #[serde(rename = "TopFlag")]
    pub top_flag: Option<u8>,
    #[serde(rename = "StandardMark")]
    pub standard_mark: Option<String>,
    #[serde(rename = "CustomMark")]
    pub custom_mark: Option<String>,
    #[serde(rename = "ContactGroupId")]
    pub contact_group_id: Option<Vec<u64>>,
}

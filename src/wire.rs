//! The service's JSON, field for field as the docs spell it. Nothing here is public API
//! for JS; callers use [`crate::types`]. Unknown response fields are ignored and optional
//! ones default, so newer service versions decode.
//!
//! The group-id field has two spellings: `GroupId` in `top` and `get_list`
//! ([`RecentContactItem`]), `ToGroupId` in the mark and group endpoints ([`ContactItem`]).

use serde::{Deserialize, Serialize};

/// `Type` value of a one-to-one conversation.
pub const TYPE_C2C: i64 = 1;
/// `Type` value of a group conversation.
pub const TYPE_GROUP: i64 = 2;

/// `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay`, present on every response.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Envelope {
    pub action_status: Option<String>,
    pub error_code: Option<i64>,
    pub error_info: Option<String>,
    pub error_display: Option<String>,
}

/// A conversation in `top` and `get_list`: the group is `GroupId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecentContactItem {
    pub r#type: i64,
    #[serde(
        rename = "To_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub to_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
}

/// A conversation in `mark_contact` and the group endpoints: the group is `ToGroupId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContactItem {
    pub r#type: i64,
    #[serde(
        rename = "To_Account",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub to_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_group_id: Option<String>,
}

/// `v4/recentcontact/top` request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TopRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    pub operation_type: u8,
    pub recent_contact_item: Vec<RecentContactItem>,
}

/// `v4/recentcontact/mark_contact` request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MarkContactRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    pub mark_item: Vec<MarkItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MarkItem {
    pub opt_type: u8,
    pub contact_item: ContactItem,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_mark: Vec<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clear_mark: Vec<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_mark: Option<String>,
}

/// Per-conversation outcome in `mark_contact` and `create_contact_group` responses.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResultItem {
    pub contact_item: ContactItem,
    #[serde(default)]
    pub result_code: i64,
    #[serde(default)]
    pub result_info: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MarkContactResponse {
    #[serde(default)]
    pub result_item: Vec<ResultItem>,
}

/// `v4/recentcontact/create_contact_group` request (the service takes one group per call).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateContactGroupRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    pub group_contact_item: Vec<GroupContactItem>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupContactItem {
    pub group_name: String,
    pub contact_item: Vec<ContactItem>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateContactGroupResponse {
    #[serde(default)]
    pub group_result_item: Vec<GroupResultItem>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupResultItem {
    pub group_item: GroupItem,
    #[serde(default)]
    pub result_item: Vec<ResultItem>,
}

/// A conversation group: `GroupId` here is the group's integer id, not a chat group.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GroupItem {
    pub group_name: String,
    pub group_id: u64,
}

/// `v4/recentcontact/get_contact_group` request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetContactGroupRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    pub start_index: u64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetContactGroupResponse {
    #[serde(default)]
    pub contact_item: Vec<MarkedContactItem>,
    #[serde(default)]
    pub group_item: Vec<GroupItem>,
    pub complete_flag: u8,
    #[serde(default)]
    pub next_start_index: u64,
}

/// A marked or grouped conversation; `StandardMark` is a '0'/'1' string, rightmost = bit 0.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MarkedContactItem {
    pub r#type: i64,
    #[serde(rename = "To_Account", default)]
    pub to_account: Option<String>,
    #[serde(default)]
    pub to_group_id: Option<String>,
    #[serde(default)]
    pub standard_mark: String,
    #[serde(default)]
    pub custom_mark: Option<String>,
    #[serde(default)]
    pub contact_group_id: Vec<u64>,
    #[serde(default)]
    pub timestamp: u64,
}

/// `v4/recentcontact/get_list` request: four cursors echoed from the previous page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetListRequest {
    #[serde(rename = "From_Account")]
    pub from_account: String,
    pub time_stamp: u64,
    pub start_index: u64,
    pub top_time_stamp: u64,
    pub top_start_index: u64,
    pub assist_flags: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetListResponse {
    #[serde(default)]
    pub session_item: Vec<SessionItem>,
    pub complete_flag: u8,
    #[serde(default)]
    pub time_stamp: u64,
    #[serde(default)]
    pub start_index: u64,
    #[serde(default)]
    pub top_time_stamp: u64,
    #[serde(default)]
    pub top_start_index: u64,
}

/// A conversation in `get_list`; the mark and group fields come only from newer services.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionItem {
    pub r#type: i64,
    #[serde(rename = "To_Account", default)]
    pub to_account: Option<String>,
    #[serde(default)]
    pub group_id: Option<String>,
    #[serde(default)]
    pub msg_time: u64,
    #[serde(default)]
    pub top_flag: u8,
    #[serde(default)]
    pub standard_mark: Option<String>,
    #[serde(default)]
    pub custom_mark: Option<String>,
    #[serde(default)]
    pub contact_group_id: Option<Vec<u64>>,
}

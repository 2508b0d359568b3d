//! The service's JSON, field for field as the docs spell it. Nothing here is public API
//! for JS; callers use [`crate::types`]. Unknown response fields are ignored and optional
//! ones are `Option`s that the endpoints default, so newer service versions decode.
//!
//! The group-id field has two spellings: `GroupId` in `top` and `get_list`
//! ([`RecentContactItem`]), `ToGroupId` in the mark and group endpoints ([`ContactItem`]).

use crate::codec::{object, opt, some};
use miniserde::de::{Map, Visitor};
use miniserde::ser::Fragment;
use miniserde::{make_place, Deserialize, Serialize};

/// `Type` value of a one-to-one conversation.
pub const TYPE_C2C: i64 = 1;
/// `Type` value of a group conversation.
pub const TYPE_GROUP: i64 = 2;

/// `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay`, present on every response (read
/// by [`Reply`]).
#[derive(Debug, Default)]
pub struct Envelope {
    pub action_status: Option<String>,
    pub error_code: Option<i64>,
    pub error_info: Option<String>,
    pub error_display: Option<String>,
}

/// A whole response, read in one pass: the envelope, and the endpoint's own fields `T`,
/// which a failure leaves out (`body` is then `None`, and the envelope says why).
pub struct Reply<T> {
    pub envelope: Envelope,
    pub body: Option<T>,
}

make_place!(Place);

impl<T: Deserialize> Deserialize for Reply<T> {
    fn begin(out: &mut Option<Self>) -> &mut dyn Visitor {
        Place::new(out)
    }
}

impl<T: Deserialize> Visitor for Place<Reply<T>> {
    fn map(&mut self) -> miniserde::Result<Box<dyn Map + '_>> {
        let reply = self.out.insert(Reply {
            envelope: Default::default(),
            body: None,
        });
        let body = T::begin(&mut reply.body).map()?;
        Ok(Box::new(ReplyFields {
            out: &mut reply.envelope,
            read: Default::default(),
            body,
        }))
    }
}

/// Sends the envelope's keys to the envelope and every other key to the body.
struct ReplyFields<'a> {
    out: &'a mut Envelope,
    read: EnvelopeSlots,
    body: Box<dyn Map + 'a>,
}

/// The envelope as read; a `null` reads as absent (`Some(None)`), as in the body's fields.
#[derive(Default)]
struct EnvelopeSlots {
    action_status: Option<Option<String>>,
    error_code: Option<Option<i64>>,
    error_info: Option<Option<String>>,
    error_display: Option<Option<String>>,
}

impl Map for ReplyFields<'_> {
    fn key(&mut self, k: &str) -> miniserde::Result<&mut dyn Visitor> {
        Ok(match k {
            "ActionStatus" => Deserialize::begin(&mut self.read.action_status),
            "ErrorCode" => Deserialize::begin(&mut self.read.error_code),
            "ErrorInfo" => Deserialize::begin(&mut self.read.error_info),
            "ErrorDisplay" => Deserialize::begin(&mut self.read.error_display),
            _ => self.body.key(k)?,
        })
    }

    fn finish(&mut self) -> miniserde::Result<()> {
        let read = std::mem::take(&mut self.read);
        *self.out = Envelope {
            action_status: read.action_status.flatten(),
            error_code: read.error_code.flatten(),
            error_info: read.error_info.flatten(),
            error_display: read.error_display.flatten(),
        };
        // A failure has none of the body's fields: `body` stays `None`, and the envelope
        // decides what the caller is told.
        let _ = self.body.finish();
        Ok(())
    }
}

/// A response with nothing past the envelope (`top`): every field is ignored.
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// A conversation in `top` and `get_list`: the group is `GroupId`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentContactItem {
    pub r#type: i64,
    pub to_account: Option<String>,
    pub group_id: Option<String>,
}

impl Serialize for RecentContactItem {
    fn begin(&self) -> Fragment<'_> {
        object([
            ("Type", some(&self.r#type)),
            ("To_Account", opt(&self.to_account)),
            ("GroupId", opt(&self.group_id)),
        ])
    }
}

/// A conversation in `mark_contact` and the group endpoints: the group is `ToGroupId`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ContactItem {
    #[serde(rename = "Type")]
    pub r#type: i64,
    #[serde(rename = "To_Account")]
    pub to_account: Option<String>,
    #[serde(rename = "ToGroupId")]
    pub to_group_id: Option<String>,
}

impl Serialize for ContactItem {
    fn begin(&self) -> Fragment<'_> {
        object([
            ("Type", some(&self.r#type)),
            ("To_Account", opt(&self.to_account)),
            ("ToGroupId", opt(&self.to_group_id)),
        ])
    }
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

#[derive(Debug)]
pub struct MarkItem {
    pub opt_type: u8,
    pub contact_item: ContactItem,
    pub set_mark: Vec<u8>,
    pub clear_mark: Vec<u8>,
    pub custom_mark: Option<String>,
}

impl Serialize for MarkItem {
    fn begin(&self) -> Fragment<'_> {
        object([
            ("OptType", some(&self.opt_type)),
            ("ContactItem", some(&self.contact_item)),
            ("SetMark", bits(&self.set_mark)),
            ("ClearMark", bits(&self.clear_mark)),
            ("CustomMark", opt(&self.custom_mark)),
        ])
    }
}

/// Mark bits are left out when there are none.
fn bits(bits: &Vec<u8>) -> Option<&dyn Serialize> {
    Some(bits)
        .filter(|b| !b.is_empty())
        .map(|b| b as &dyn Serialize)
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

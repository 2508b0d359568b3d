//! The service's JSON, field for field as the docs spell it. Nothing here is public API
//! for JS; callers use [`crate::types`]. Unknown response fields are ignored and optional
//! ones are `Option`s that the endpoints default, so newer service versions decode.
//!
//! The group-id field has two spellings: `GroupId` in `top` and `get_list`
//! ([`RecentContactItem`]), `ToGroupId` in the mark and group endpoints ([`ContactItem`]).

use crate::json::{Error, Read, ReadObject, Reader};

/// `Type` value of a one-to-one conversation.
pub const TYPE_C2C: i64 = 1;
/// `Type` value of a group conversation.
pub const TYPE_GROUP: i64 = 2;

/// `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay`, present on every response, next
/// to the endpoint's own fields; a `null` reads as absent.
#[derive(Debug, Default)]
pub struct Envelope {
    pub action_status: Option<String>,
    pub error_code: Option<i64>,
    pub error_info: Option<String>,
    pub error_display: Option<String>,
}

impl_read!(Envelope {
    action_status: "ActionStatus",
    error_code: "ErrorCode",
    error_info: "ErrorInfo",
    error_display: "ErrorDisplay",
});

/// A whole response, read in one pass: the envelope, and the endpoint's own fields `T`,
/// or why they could not be read (a failure leaves them out).
pub struct Reply<T> {
    pub envelope: Envelope,
    pub body: Result<T, Error>,
}

impl<T: ReadObject> Reply<T> {
    pub fn read(text: &str) -> Self {
        let mut envelope = Envelope::default();
        let mut reader = Reader::new(text);
        let body = T::read_object(&mut reader, &mut |reader, key| envelope.read(reader, key))
            .and_then(|body| reader.end().map(|()| body));
        Reply { envelope, body }
    }
}

impl Envelope {
    /// Reads `key`'s value if it is one of the envelope's, and skips it otherwise.
    fn read(&mut self, reader: &mut Reader<'_>, key: &str) -> Result<(), Error> {
        match key {
            "ActionStatus" => self.action_status = Read::read(reader)?,
            "ErrorCode" => self.error_code = Read::read(reader)?,
            "ErrorInfo" => self.error_info = Read::read(reader)?,
            "ErrorDisplay" => self.error_display = Read::read(reader)?,
            _ => reader.skip()?,
        }
        Ok(())
    }
}

/// A response with nothing past the envelope (`top`): every field is ignored.
#[derive(Debug)]
pub struct Empty {}

impl_read!(Empty {});

/// A conversation in `top` and `get_list`: the group is `GroupId`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecentContactItem {
    pub r#type: i64,
    pub to_account: Option<String>,
    pub group_id: Option<String>,
}

impl_write!(RecentContactItem {
    r#type: "Type",
    to_account: "To_Account",
    group_id: "GroupId",
});

/// A conversation in `mark_contact` and the group endpoints: the group is `ToGroupId`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactItem {
    pub r#type: i64,
    pub to_account: Option<String>,
    pub to_group_id: Option<String>,
}

impl_read!(ContactItem {
    r#type: "Type",
    to_account: "To_Account",
    to_group_id: "ToGroupId",
});

impl_write!(ContactItem {
    r#type: "Type",
    to_account: "To_Account",
    to_group_id: "ToGroupId",
});

/// `v4/recentcontact/top` request.
#[derive(Debug)]
pub struct TopRequest {
    pub from_account: String,
    pub operation_type: u8,
    pub recent_contact_item: Vec<RecentContactItem>,
}

impl_write!(TopRequest {
    from_account: "From_Account",
    operation_type: "OperationType",
    recent_contact_item: "RecentContactItem",
});

/// `v4/recentcontact/mark_contact` request.
#[derive(Debug)]
pub struct MarkContactRequest {
    pub from_account: String,
    pub mark_item: Vec<MarkItem>,
}

impl_write!(MarkContactRequest {
    from_account: "From_Account",
    mark_item: "MarkItem",
});

#[derive(Debug)]
pub struct MarkItem {
    pub opt_type: u8,
    pub contact_item: ContactItem,
    /// Left out when there are none, as are the cleared bits.
    pub set_mark: Option<Vec<u8>>,
    pub clear_mark: Option<Vec<u8>>,
    pub custom_mark: Option<String>,
}

impl_write!(MarkItem {
    opt_type: "OptType",
    contact_item: "ContactItem",
    set_mark: "SetMark",
    clear_mark: "ClearMark",
    custom_mark: "CustomMark",
});

/// Per-conversation outcome in `mark_contact` and `create_contact_group` responses.
#[derive(Debug)]
pub struct ResultItem {
    pub contact_item: ContactItem,
    pub result_code: Option<i64>,
    pub result_info: Option<String>,
}

impl_read!(ResultItem {
    contact_item: "ContactItem",
    result_code: "ResultCode",
    result_info: "ResultInfo",
});

#[derive(Debug)]
pub struct MarkContactResponse {
    pub result_item: Option<Vec<ResultItem>>,
}

impl_read!(MarkContactResponse {
    result_item: "ResultItem",
});

/// `v4/recentcontact/create_contact_group` request (the service takes one group per call).
#[derive(Debug)]
pub struct CreateContactGroupRequest {
    pub from_account: String,
    pub group_contact_item: Vec<GroupContactItem>,
}

impl_write!(CreateContactGroupRequest {
    from_account: "From_Account",
    group_contact_item: "GroupContactItem",
});

#[derive(Debug)]
pub struct GroupContactItem {
    pub group_name: String,
    pub contact_item: Vec<ContactItem>,
}

impl_write!(GroupContactItem {
    group_name: "GroupName",
    contact_item: "ContactItem",
});

#[derive(Debug)]
pub struct CreateContactGroupResponse {
    pub group_result_item: Option<Vec<GroupResultItem>>,
}

impl_read!(CreateContactGroupResponse {
    group_result_item: "GroupResultItem",
});

#[derive(Debug)]
pub struct GroupResultItem {
    pub group_item: GroupItem,
    pub result_item: Option<Vec<ResultItem>>,
}

impl_read!(GroupResultItem {
    group_item: "GroupItem",
    result_item: "ResultItem",
});

/// A conversation group: `GroupId` here is the group's integer id, not a chat group.
#[derive(Debug)]
pub struct GroupItem {
    pub group_name: String,
    pub group_id: u64,
}

impl_read!(GroupItem {
    group_name: "GroupName",
    group_id: "GroupId",
});

/// `v4/recentcontact/get_contact_group` request.
#[derive(Debug)]
pub struct GetContactGroupRequest {
    pub from_account: String,
    pub start_index: u64,
}

impl_write!(GetContactGroupRequest {
    from_account: "From_Account",
    start_index: "StartIndex",
});

#[derive(Debug)]
pub struct GetContactGroupResponse {
    pub contact_item: Option<Vec<MarkedContactItem>>,
    pub group_item: Option<Vec<GroupItem>>,
    pub complete_flag: u8,
    pub next_start_index: Option<u64>,
}

impl_read!(GetContactGroupResponse {
    contact_item: "ContactItem",
    group_item: "GroupItem",
    complete_flag: "CompleteFlag",
    next_start_index: "NextStartIndex",
});

/// A marked or grouped conversation; `StandardMark` is a '0'/'1' string, rightmost = bit 0.
#[derive(Debug)]
pub struct MarkedContactItem {
    pub r#type: i64,
    pub to_account: Option<String>,
    pub to_group_id: Option<String>,
    pub standard_mark: Option<String>,
    pub custom_mark: Option<String>,
    pub contact_group_id: Option<Vec<u64>>,
    pub timestamp: Option<u64>,
}

impl_read!(MarkedContactItem {
    r#type: "Type",
    to_account: "To_Account",
    to_group_id: "ToGroupId",
    standard_mark: "StandardMark",
    custom_mark: "CustomMark",
    contact_group_id: "ContactGroupId",
    timestamp: "Timestamp",
});

/// `v4/recentcontact/get_list` request: four cursors echoed from the previous page.
#[derive(Debug)]
pub struct GetListRequest {
    pub from_account: String,
    pub time_stamp: u64,
    pub start_index: u64,
    pub top_time_stamp: u64,
    pub top_start_index: u64,
    pub assist_flags: u32,
}

impl_write!(GetListRequest {
    from_account: "From_Account",
    time_stamp: "TimeStamp",
    start_index: "StartIndex",
    top_time_stamp: "TopTimeStamp",
    top_start_index: "TopStartIndex",
    assist_flags: "AssistFlags",
});

#[derive(Debug)]
pub struct GetListResponse {
    pub session_item: Option<Vec<SessionItem>>,
    pub complete_flag: u8,
    pub time_stamp: Option<u64>,
    pub start_index: Option<u64>,
    pub top_time_stamp: Option<u64>,
    pub top_start_index: Option<u64>,
}

impl_read!(GetListResponse {
    session_item: "SessionItem",
    complete_flag: "CompleteFlag",
    time_stamp: "TimeStamp",
    start_index: "StartIndex",
    top_time_stamp: "TopTimeStamp",
    top_start_index: "TopStartIndex",
});

/// A conversation in `get_list`; the mark and group fields come only from newer services.
#[derive(Debug)]
pub struct SessionItem {
    pub r#type: i64,
    pub to_account: Option<String>,
    pub group_id: Option<String>,
    pub msg_time: Option<u64>,
    pub top_flag: Option<u8>,
    pub standard_mark: Option<String>,
    pub custom_mark: Option<String>,
    pub contact_group_id: Option<Vec<u64>>,
}

impl_read!(SessionItem {
    r#type: "Type",
    to_account: "To_Account",
    group_id: "GroupId",
    msg_time: "MsgTime",
    top_flag: "TopFlag",
    standard_mark: "StandardMark",
    custom_mark: "CustomMark",
    contact_group_id: "ContactGroupId",
});

//! The caller-facing types, in the JS API's camelCase. TypeScript declarations for the npm
//! package are generated from these (tsify, from the `#[serde(rename)]`s, which must
//! name the keys that `impl_read!` and `impl_write!` list); the wire forms live in [`crate::wire`].

use crate::error::ChatError;
use crate::json::{self, Problem, Read, Reader, Write, Writer};
use crate::wire;

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// A conversation: one-to-one with a user, or a group chat. In JSON, tagged by `type`:
/// `{ "type": "c2c", "userId" }` or `{ "type": "group", "groupId" }`.
// The serde attributes are tsify's only; the JSON is read and written by the impls below.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), serde(tag = "type"))]
pub enum Conversation {
    #[cfg_attr(target_arch = "wasm32", serde(rename = "c2c"))]
    C2c {
        #[cfg_attr(target_arch = "wasm32", serde(rename = "userId"))]
        user_id: String,
    },
    #[cfg_attr(target_arch = "wasm32", serde(rename = "group"))]
    Group {
        #[cfg_attr(target_arch = "wasm32", serde(rename = "groupId"))]
        group_id: String,
    },
}

impl Conversation {
    pub fn c2c(user_id: impl Into<String>) -> Self {
        Conversation::C2c {
            user_id: user_id.into(),
        }
    }

    pub fn group(group_id: impl Into<String>) -> Self {
        Conversation::Group {
            group_id: group_id.into(),
        }
    }

    fn check(&self) -> Result<(), ChatError> {
        match self {
            Conversation::C2c { user_id } if user_id.is_empty() => Err(ChatError::invalid_input(
                "conversation userId must not be empty",
            )),
            Conversation::Group { group_id } if group_id.is_empty() => Err(
                ChatError::invalid_input("conversation groupId must not be empty"),
            ),
            _ => Ok(()),
        }
    }

    /// The `GroupId` spelling (`top`, `get_list`).
    pub(crate) fn to_recent_contact(&self) -> Result<wire::RecentContactItem, ChatError> {
        self.check()?;
        Ok(match self {
            Conversation::C2c { user_id } => wire::RecentContactItem {
                r#type: wire::TYPE_C2C,
                to_account: Some(user_id.clone()),
                group_id: None,
            },
            Conversation::Group { group_id } => wire::RecentContactItem {
                r#type: wire::TYPE_GROUP,
                to_account: None,
                group_id: Some(group_id.clone()),
            },
        })
    }

    /// The `ToGroupId` spelling (`mark_contact`, conversation groups).
    pub(crate) fn to_contact(&self) -> Result<wire::ContactItem, ChatError> {
        let item = self.to_recent_contact()?;
        Ok(wire::ContactItem {
            r#type: item.r#type,
            to_account: item.to_account,
            to_group_id: item.group_id,
        })
    }

    /// Reads a conversation from a response's `Type` and id fields.
    pub(crate) fn from_wire(
        kind: i64,
        to_account: Option<String>,
        group_id: Option<String>,
    ) -> Result<Self, ChatError> {
        match (kind, to_account, group_id) {
            (wire::TYPE_C2C, Some(user_id), _) => Ok(Conversation::C2c { user_id }),
            (wire::TYPE_GROUP, _, Some(group_id)) => Ok(Conversation::Group { group_id }),
            (kind, ..) => Err(ChatError::bad_response(text!(
                "conversation of Type {} without its id field",
                kind
            ))),
        }
    }
}

impl Write for Conversation {
    fn write(&self, writer: &mut Writer) {
        writer.begin_object();
        match self {
            Conversation::C2c { user_id } => {
                writer.field("type", "c2c");
                writer.field("userId", user_id);
            }
            Conversation::Group { group_id } => {
                writer.field("type", "group");
                writer.field("groupId", group_id);
            }
        }
        writer.end_object();
    }
}

impl Read for Conversation {
    fn read(reader: &mut Reader<'_>) -> Result<Self, json::Error> {
        let (mut kind, mut user_id, mut group_id) = (None, None, None);
        reader.object(&mut |reader, key| {
            match key {
                "type" => kind = Some(String::read(reader)?),
                "userId" => user_id = Some(String::read(reader)?),
                "groupId" => group_id = Some(String::read(reader)?),
                _ => reader.skip()?,
            }
            Ok(())
        })?;
        match (kind.as_deref(), user_id, group_id) {
            (Some("c2c"), Some(user_id), _) => Ok(Conversation::C2c { user_id }),
            (Some("group"), _, Some(group_id)) => Ok(Conversation::Group { group_id }),
            (Some("c2c"), ..) => Err(reader.error(Problem::Missing("userId"))),
            (Some("group"), ..) => Err(reader.error(Problem::Missing("groupId"))),
            _ => Err(reader.error(Problem::Expected("type \"c2c\" or \"group\""))),
        }
    }
}

/// The service-defined standard mark bits (0–31 are reserved, 32–63 are the app's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub enum Mark {
    Favorite = 0,
    /// An important conversation marked unread.
    Unread = 1,
    Collapsed = 2,
    Hidden = 3,
}

/// One `mark_contact` operation: bits to set and clear, and/or a custom mark.
#[derive(Debug, Clone)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct MarkOperation {
    pub conversation: Conversation,
    /// Bit numbers 0..=63 to set.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub set: Option<Vec<u8>>,
    /// Bit numbers 0..=63 to clear.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub clear: Option<Vec<u8>>,
    /// The custom mark, at most 256 UTF-8 bytes; `""` clears it.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "customMark"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub custom_mark: Option<String>,
}

impl_read!(MarkOperation {
    conversation: "conversation",
    set: "set",
    clear: "clear",
    custom_mark: "customMark",
});

/// The outcome for one conversation of a multi-item call.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ItemResult {
    pub conversation: Conversation,
    pub ok: bool,
    /// `ResultCode`: 0 on success.
    pub code: i64,
    pub info: String,
}

impl_write!(ItemResult {
    conversation: "conversation",
    ok: "ok",
    code: "code",
    info: "info",
});

/// A conversation group (a user's folder of conversations), not a group chat.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupInfo {
    pub name: String,
    pub id: u64,
}

impl_write!(GroupInfo {
    name: "name",
    id: "id",
});

/// Input of `createGroup`.
#[derive(Debug, Clone)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct NewGroup {
    /// 1 to 32 UTF-8 bytes.
    pub name: String,
    pub conversations: Vec<Conversation>,
}

impl_read!(NewGroup {
    name: "name",
    conversations: "conversations",
});

/// Result of `createGroup`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct CreatedGroup {
    pub group: GroupInfo,
    pub results: Vec<ItemResult>,
}

impl_write!(CreatedGroup {
    group: "group",
    results: "results",
});

/// Options of `getGroups`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupsOptions {
    /// `nextStartIndex` of the previous page; 0 (the default) for the first.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "startIndex"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub start_index: Option<u64>,
}

impl_read!(GroupsOptions {
    start_index: "startIndex",
});

/// One page of `get_contact_group`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupsPage {
    pub conversations: Vec<MarkedConversation>,
    pub groups: Vec<GroupInfo>,
    pub complete: bool,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "nextStartIndex"))]
    pub next_start_index: u64,
}

impl_write!(GroupsPage {
    conversations: "conversations",
    groups: "groups",
    complete: "complete",
    next_start_index: "nextStartIndex",
});

/// A conversation with standard marks, a custom mark or group membership.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct MarkedConversation {
    pub conversation: Conversation,
    /// The service's raw '0'/'1' string, rightmost character = bit 0.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "standardMark"))]
    pub standard_mark: String,
    /// The set bit numbers, ascending; absent when `standardMark` is not a valid bit string.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub marks: Option<Vec<u8>>,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "customMark"), tsify(optional))]
    pub custom_mark: Option<String>,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "groupIds"))]
    pub group_ids: Vec<u64>,
    /// Last update of the conversation's marks or groups, Unix seconds.
    pub timestamp: u64,
}

impl_write!(MarkedConversation {
    conversation: "conversation",
    standard_mark: "standardMark",
    marks: "marks",
    custom_mark: "customMark",
    group_ids: "groupIds",
    timestamp: "timestamp",
});

/// The four `get_list` cursors, echoed back to get the next page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Cursor {
    #[cfg_attr(target_arch = "wasm32", serde(rename = "timeStamp"))]
    pub time_stamp: u64,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "startIndex"))]
    pub start_index: u64,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "topTimeStamp"))]
    pub top_time_stamp: u64,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "topStartIndex"))]
    pub top_start_index: u64,
}

impl_read!(Cursor {
    time_stamp: "timeStamp",
    start_index: "startIndex",
    top_time_stamp: "topTimeStamp",
    top_start_index: "topStartIndex",
});

impl_write!(Cursor {
    time_stamp: "timeStamp",
    start_index: "startIndex",
    top_time_stamp: "topTimeStamp",
    top_start_index: "topStartIndex",
});

/// Options of `listConversations`.
#[derive(Debug, Clone, Default)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ListOptions {
    /// The previous page's cursor; absent for the first page.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cursor: Option<Cursor>,
    /// Report pinned conversations first and as pinned (AssistFlags bit 0). Default true.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pinned: Option<bool>,
    /// Include conversations without messages (bit 1). Default true.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "includeEmpty"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub include_empty: Option<bool>,
    /// Page through pinned conversations too (bit 2). Default true.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "paginatePinned"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub paginate_pinned: Option<bool>,
    /// Raw AssistFlags, overriding the three booleans (for bits newer services accept).
    #[cfg_attr(target_arch = "wasm32", serde(rename = "assistFlags"))]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub assist_flags: Option<u32>,
}

impl_read!(ListOptions {
    cursor: "cursor",
    pinned: "pinned",
    include_empty: "includeEmpty",
    paginate_pinned: "paginatePinned",
    assist_flags: "assistFlags",
});

/// One page of `get_list`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ListPage {
    pub items: Vec<ConversationItem>,
    pub complete: bool,
    /// Pass as `cursor` to get the next page.
    pub cursor: Cursor,
}

impl_write!(ListPage {
    items: "items",
    complete: "complete",
    cursor: "cursor",
});

/// A conversation in the list; marks and groups only where the service sends them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ConversationItem {
    pub conversation: Conversation,
    /// Time of the last message, Unix seconds; 0 for an empty conversation.
    #[cfg_attr(target_arch = "wasm32", serde(rename = "msgTime"))]
    pub msg_time: u64,
    pub pinned: bool,
    #[cfg_attr(
        target_arch = "wasm32",
        serde(rename = "standardMark"),
        tsify(optional)
    )]
    pub standard_mark: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub marks: Option<Vec<u8>>,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "customMark"), tsify(optional))]
    pub custom_mark: Option<String>,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "groupIds"), tsify(optional))]
    pub group_ids: Option<Vec<u64>>,
}

impl_write!(ConversationItem {
    conversation: "conversation",
    msg_time: "msgTime",
    pinned: "pinned",
    standard_mark: "standardMark",
    marks: "marks",
    custom_mark: "customMark",
    group_ids: "groupIds",
});

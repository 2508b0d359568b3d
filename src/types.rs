//! The caller-facing types, in the JS API's camelCase. The npm package reads and returns
//! them with serde-wasm-bindgen, and its TypeScript declarations are generated from them
//! (tsify, from the same serde attributes); the wire forms live in [`crate::wire`].
//!
//! Optional output fields are skipped when absent, so that JS sees a missing key (as the
//! `field?: T` tsify declares) rather than `null`.

use crate::error::ChatError;
use crate::options;
use crate::wire;
use serde::{Deserialize, Serialize};

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

/// A conversation: one-to-one with a user, or a group chat. Tagged by `type`:
/// `{ "type": "c2c", "userId" }` or `{ "type": "group", "groupId" }`.
// Read through `ConversationFields`: serde's internally tagged enums buffer every value
// first, which costs the wasm 8 KB; the declared and written shape is the enum's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// Declared by hand only so that its members carry their docs (tsify leaves them out of the
// variants' inline object types): the same shape the variants below derive.
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(
    target_arch = "wasm32",
    tsify(type = r#"{
    /** A one-to-one conversation with a user (`Type` 1). */
    type: "c2c";
    /** The other user's UserID. */
    userId: string;
} | {
    /** A group chat's conversation (`Type` 2). */
    type: "group";
    /** The group chat's id, e.g. `@TGS#1NVTZEAE4`. */
    groupId: string;
}"#)
)]
#[serde(tag = "type", try_from = "ConversationFields")]
pub enum Conversation {
    /// A one-to-one conversation with a user (`Type` 1).
    #[serde(rename = "c2c")]
    C2c {
        /// The other user's UserID.
        #[serde(rename = "userId")]
        user_id: String,
    },
    /// A group chat's conversation (`Type` 2).
    #[serde(rename = "group")]
    Group {
        /// The group chat's id, e.g. `@TGS#1NVTZEAE4`.
        #[serde(rename = "groupId")]
        group_id: String,
    },
}

/// A conversation's fields as the caller sends them, before the tag is checked.
#[derive(Deserialize)]
struct ConversationFields {
    #[serde(rename = "type")]
    kind: String,
    #[serde(rename = "userId")]
    user_id: Option<String>,
    #[serde(rename = "groupId")]
    group_id: Option<String>,
}

impl TryFrom<ConversationFields> for Conversation {
    type Error = &'static str;

    fn try_from(fields: ConversationFields) -> Result<Self, Self::Error> {
        match (fields.kind.as_str(), fields.user_id, fields.group_id) {
            ("c2c", Some(user_id), _) => Ok(Conversation::C2c { user_id }),
            ("group", _, Some(group_id)) => Ok(Conversation::Group { group_id }),
            ("c2c", ..) => Err("a c2c conversation needs a userId string"),
            ("group", ..) => Err("a group conversation needs a groupId string"),
            _ => Err("a conversation's type must be \"c2c\" or \"group\""),
        }
    }
}

impl Conversation {
    /// A one-to-one conversation with `user_id`.
    pub fn c2c(user_id: impl Into<String>) -> Self {
        Conversation::C2c {
            user_id: user_id.into(),
        }
    }

    /// The conversation of group chat `group_id`.
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
            (kind, ..) => Err(ChatError::bad_response(format!(
                "conversation of Type {} without its id field",
                kind
            ))),
        }
    }
}

/// The service-defined standard mark bits (0–31 are reserved, 32–63 are the app's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen::prelude::wasm_bindgen)]
pub enum Mark {
    /// Bit 0: a favourite conversation.
    Favorite = 0,
    /// Bit 1: an important conversation marked unread.
    Unread = 1,
    /// Bit 2: a collapsed conversation.
    Collapsed = 2,
    /// Bit 3: a hidden conversation.
    Hidden = 3,
}

/// One `mark_contact` operation: bits to set and clear, and/or a custom mark.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct MarkOperation {
    /// The conversation.
    pub conversation: Conversation,
    /// Bit numbers 0..=63 to set.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "readonly number[]"))]
    pub set: Option<Vec<u8>>,
    /// Bit numbers 0..=63 to clear.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "readonly number[]"))]
    pub clear: Option<Vec<u8>>,
    /// The custom mark, at most 256 UTF-8 bytes; `""` clears it.
    #[serde(rename = "customMark")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub custom_mark: Option<String>,
}

/// The outcome for one conversation of a multi-item call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ItemResult {
    /// The conversation.
    pub conversation: Conversation,
    /// Whether this conversation's change succeeded (`code` 0).
    pub ok: bool,
    /// `ResultCode`: 0 on success.
    pub code: i64,
    /// Why it failed (`ResultInfo`); empty on success.
    pub info: String,
}

/// A conversation group (a user's folder of conversations), not a group chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupInfo {
    /// The group's name, at most 32 UTF-8 bytes.
    pub name: String,
    /// The group's numeric id (what `groupIds` lists).
    pub id: u64,
}

/// Input of `createGroup`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct NewGroup {
    /// 1 to 32 UTF-8 bytes.
    pub name: String,
    /// The conversations to put in it (may be empty).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "readonly Conversation[]"))]
    pub conversations: Vec<Conversation>,
}

/// Result of `createGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct CreatedGroup {
    /// The group.
    pub group: GroupInfo,
    /// One result per conversation; items can fail while the call succeeds.
    pub results: Vec<ItemResult>,
}

/// Input of `renameGroup`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupRename {
    /// The group's current name.
    pub name: String,
    /// Its new name: 1 to 32 UTF-8 bytes.
    #[serde(rename = "newName")]
    pub new_name: String,
}

/// Input of `updateGroup`: conversations to add to and remove from the group `name`, in
/// one request.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupUpdate {
    /// The group's name (groups are addressed by name).
    pub name: String,
    /// Conversations to add to the group.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "readonly Conversation[]")
    )]
    pub add: Option<Vec<Conversation>>,
    /// Conversations to remove from the group.
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(optional, type = "readonly Conversation[]")
    )]
    pub remove: Option<Vec<Conversation>>,
}

/// Result of `updateGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct UpdatedGroup {
    /// The group, as the service reports it.
    pub group: GroupInfo,
    /// One result per added or removed conversation; items can fail while the call succeeds.
    pub results: Vec<ItemResult>,
}

/// Options of `deleteConversation`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct DeleteOptions {
    /// Also delete the account's roaming (cloud) messages of the conversation, which cannot
    /// be undone (`ClearRamble` 1). Default false.
    #[serde(
        rename = "clearHistory",
        default,
        deserialize_with = "options::clear_history"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub clear_history: Option<bool>,
}

/// Result of `getAllGroups` and `findConversations`: marked or grouped conversations, and
/// the conversation groups, each group once.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct AllGroups {
    /// The marked or grouped conversations.
    pub conversations: Vec<MarkedConversation>,
    /// The conversation groups, each once.
    pub groups: Vec<GroupInfo>,
}

/// Options of `getGroups`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupsOptions {
    /// `nextStartIndex` of the previous page; 0 (the default) for the first.
    #[serde(
        rename = "startIndex",
        default,
        deserialize_with = "options::start_index"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub start_index: Option<u64>,
}

/// One page of `get_contact_group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct GroupsPage {
    /// Conversations with marks or groups.
    pub conversations: Vec<MarkedConversation>,
    /// Conversation groups, id and name.
    pub groups: Vec<GroupInfo>,
    /// True on the last page.
    pub complete: bool,
    /// Pass as `startIndex` to get the next page.
    #[serde(rename = "nextStartIndex")]
    pub next_start_index: u64,
}

/// A conversation with standard marks, a custom mark or group membership.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct MarkedConversation {
    /// The conversation.
    pub conversation: Conversation,
    /// The service's raw '0'/'1' string, rightmost character = bit 0.
    #[serde(rename = "standardMark")]
    pub standard_mark: String,
    /// The set bit numbers, ascending; absent when `standardMark` is not a valid bit string.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub marks: Option<Vec<u8>>,
    /// The custom mark, when set.
    #[serde(rename = "customMark")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub custom_mark: Option<String>,
    /// Ids of the conversation groups it is in (names in `groups`).
    #[serde(rename = "groupIds")]
    pub group_ids: Vec<u64>,
    /// Last update of the conversation's marks or groups, Unix seconds.
    pub timestamp: u64,
}

/// The four `get_list` cursors, echoed back to get the next page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct Cursor {
    /// `TimeStamp`: where the unpinned conversations continue.
    #[serde(rename = "timeStamp")]
    pub time_stamp: u64,
    /// `StartIndex`: where the unpinned conversations continue.
    #[serde(rename = "startIndex")]
    pub start_index: u64,
    /// `TopTimeStamp`: where the pinned conversations continue.
    #[serde(rename = "topTimeStamp")]
    pub top_time_stamp: u64,
    /// `TopStartIndex`: where the pinned conversations continue.
    #[serde(rename = "topStartIndex")]
    pub top_start_index: u64,
}

/// Reads the option `cursor`.
fn cursor<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Cursor>, D::Error> {
    options::field(d, "cursor", |n| {
        format!(
            "`{n}` must be a page's cursor: {{ timeStamp, startIndex, topTimeStamp, \
             topStartIndex }}, each an integer from 0 to {}",
            options::INDEX_MAX
        )
    })
}

/// Options of `listConversations`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ListOptions {
    /// The previous page's cursor; absent for the first page.
    #[serde(default, deserialize_with = "cursor")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cursor: Option<Cursor>,
    /// Report pinned conversations first and as pinned (AssistFlags bit 0). Default true.
    #[serde(default, deserialize_with = "options::pinned")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pinned: Option<bool>,
    /// Include conversations without messages (bit 1). Default true.
    #[serde(
        rename = "includeEmpty",
        default,
        deserialize_with = "options::include_empty"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub include_empty: Option<bool>,
    /// Page through pinned conversations too (bit 2). Default true.
    #[serde(
        rename = "paginatePinned",
        default,
        deserialize_with = "options::paginate_pinned"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub paginate_pinned: Option<bool>,
    /// Return each conversation's standard and custom marks (bits 3 and 4: `StandardMark`,
    /// `CustomMark`). Default true.
    #[serde(default, deserialize_with = "options::marks")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub marks: Option<bool>,
    /// Return the ids of the conversation groups each conversation is in (bit 5:
    /// `ContactGroupId`). Default true.
    #[serde(default, deserialize_with = "options::groups")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub groups: Option<bool>,
    /// Raw AssistFlags, overriding the five booleans (for bits newer services accept).
    #[serde(
        rename = "assistFlags",
        default,
        deserialize_with = "options::assist_flags"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub assist_flags: Option<u32>,
}

/// One page of `get_list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ListPage {
    /// This page's conversations, pinned first.
    pub items: Vec<ConversationItem>,
    /// True on the last page.
    pub complete: bool,
    /// Pass as `cursor` to get the next page.
    pub cursor: Cursor,
}

/// A conversation in the list; marks and groups only where the service sends them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
pub struct ConversationItem {
    /// The conversation.
    pub conversation: Conversation,
    /// Time of the last message, Unix seconds; 0 for an empty conversation.
    #[serde(rename = "msgTime")]
    pub msg_time: u64,
    /// Whether it is pinned (`TopFlag` 1).
    pub pinned: bool,
    /// The raw StandardMark string, when the service sends it (rightmost = bit 0).
    #[serde(rename = "standardMark")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub standard_mark: Option<String>,
    /// The set mark bits, ascending, decoded from `standardMark` when it is a valid bit string.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub marks: Option<Vec<u8>>,
    /// The custom mark, when set.
    #[serde(rename = "customMark")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub custom_mark: Option<String>,
    /// Ids of the conversation groups it is in, when the service sends them.
    #[serde(rename = "groupIds")]
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group_ids: Option<Vec<u64>>,
}

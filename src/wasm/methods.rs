//! The client's single-request methods, by their JS names: each one's command, retry
//! safety, how its input becomes a body and how its response becomes the result.

use crate::codec::{self, input, to_json};
use crate::endpoints::contact_group::{self, CreateContactGroup, GetContactGroup};
use crate::endpoints::get_list::{self, GetList};
use crate::endpoints::mark_contact::{self, MarkContact};
use crate::endpoints::top::{self, Operation, Top};
use crate::endpoints::Endpoint;
use crate::error::ChatError;
use crate::retry::Idempotency;
use crate::types::{Conversation, GroupsOptions, ListOptions, MarkOperation, NewGroup};

#[derive(Debug, Clone, Copy)]
pub enum Method {
    Pin,
    Unpin,
    Mark,
    CreateGroup,
    GetGroups,
    ListConversations,
}

impl Method {
    pub fn from_name(name: &str) -> Result<Self, ChatError> {
        Ok(match name {
            "pin" => Method::Pin,
            "unpin" => Method::Unpin,
            "mark" => Method::Mark,
            "createGroup" => Method::CreateGroup,
            "getGroups" => Method::GetGroups,
            "listConversations" => Method::ListConversations,
            _ => return Err(ChatError::invalid_input(text!("no method \"{}\"", name))),
        })
    }

    pub fn command(self) -> &'static str {
        match self {
            Method::Pin | Method::Unpin => Top::COMMAND,
            Method::Mark => MarkContact::COMMAND,
            Method::CreateGroup => CreateContactGroup::COMMAND,
            Method::GetGroups => GetContactGroup::COMMAND,
            Method::ListConversations => GetList::COMMAND,
        }
    }

    pub fn idempotency(self) -> Idempotency {
        match self {
            Method::Pin | Method::Unpin => Top::IDEMPOTENCY,
            Method::Mark => MarkContact::IDEMPOTENCY,
            Method::CreateGroup => CreateContactGroup::IDEMPOTENCY,
            Method::GetGroups => GetContactGroup::IDEMPOTENCY,
            Method::ListConversations => GetList::IDEMPOTENCY,
        }
    }

    /// The request body from the JSON of the caller's account and input (`null` when
    /// the optional input was left out).
    pub fn body(self, account: &str, json: &str) -> Result<String, ChatError> {
        let account = account_of(account)?;
        match self {
            Method::Pin | Method::Unpin => {
                let op = match self {
                    Method::Pin => Operation::Pin,
                    _ => Operation::Unpin,
                };
                let list: Vec<Conversation> = input(json, "conversations", CONVERSATIONS)?;
                Ok(to_json(&top::request(&account, op, &list)?))
            }
            Method::Mark => {
                let ops: Vec<MarkOperation> = input(json, "operations", OPERATIONS)?;
                Ok(to_json(&mark_contact::request(&account, &ops)?))
            }
            Method::CreateGroup => {
                let group: NewGroup = input(json, "group", NEW_GROUP)?;
                Ok(to_json(&contact_group::create_request(&account, &group)?))
            }
            Method::GetGroups => {
                let opts: GroupsOptions = optional(json, GROUPS_OPTIONS)?;
                Ok(to_json(&contact_group::get_request(&account, &opts)?))
            }
            Method::ListConversations => {
                let opts: ListOptions = optional(json, LIST_OPTIONS)?;
                Ok(to_json(&get_list::request(&account, &opts)?))
            }
        }
    }

    /// The result's JSON from a response (`null` for pin and unpin).
    pub fn decode(self, status: u16, text: &str) -> Result<String, ChatError> {
        match self {
            Method::Pin | Method::Unpin => {
                codec::decode::<Top>(status, text).map(|()| "null".into())
            }
            Method::Mark => Ok(to_json(&codec::decode::<MarkContact>(status, text)?)),
            Method::CreateGroup => Ok(to_json(&codec::decode::<CreateContactGroup>(status, text)?)),
            Method::GetGroups => Ok(to_json(&codec::decode::<GetContactGroup>(status, text)?)),
            Method::ListConversations => Ok(to_json(&codec::decode::<GetList>(status, text)?)),
        }
    }
}

/// The account argument, as JSON (anything but a string is the caller's error).
pub fn account_of(json: &str) -> Result<String, ChatError> {
    crate::json::from_str(json).map_err(|_| ChatError::invalid_input("account must be a string"))
}

/// An options object, `null` meaning the defaults.
pub fn optional<T: crate::json::Read + Default>(
    json: &str,
    expected: &str,
) -> Result<T, ChatError> {
    Ok(input::<Option<T>>(json, "options", expected)?.unwrap_or_default())
}

// The shapes input errors name, as the TypeScript types declare them.
const CONVERSATIONS: &str = r#"an array of conversations, each { type: "c2c", userId: string } or { type: "group", groupId: string }"#;
const OPERATIONS: &str = "an array of { conversation, set?: number[], clear?: number[], customMark?: string } (bits 0 to 63)";
const NEW_GROUP: &str = "{ name: string, conversations: Conversation[] }";
pub const GROUPS_OPTIONS: &str = "{ startIndex?: a non-negative integer }";
pub const LIST_OPTIONS: &str = "{ cursor?: { timeStamp, startIndex, topTimeStamp, topStartIndex: non-negative integers }, pinned?: boolean, includeEmpty?: boolean, paginatePinned?: boolean, assistFlags?: a 32-bit unsigned integer }";

//! The nine `/v4/recentcontact/*` commands. Requests are parsed from `serde_json::Value`
//! by hand so every error names the exact wire field.

mod contact;
mod delete;
pub mod envelope;
mod fields;
mod group_edit;
mod groups;
mod list;
mod mark;
mod search;
mod top;

use crate::command::Command;
use crate::config::ServiceConfig;
use crate::model::{Account, Data, MARKED_LIMIT};
use serde_json::{Map, Value};

/// A failure answered as `ErrorCode` / `ErrorInfo`.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: u32,
    pub info: String,
}

pub type ApiResult<T> = Result<T, ApiError>;

pub fn err(code: u32, info: impl Into<String>) -> ApiError {
    ApiError {
        code,
        info: info.into(),
    }
}

/// 50002: a malformed request.
pub fn bad(info: impl Into<String>) -> ApiError {
    err(50002, info)
}

fn not_imported(id: &str) -> ApiError {
    err(50001, format!("UserID {id} has not been imported"))
}

fn marked_limit_reached() -> ApiError {
    err(
        51008,
        format!("marked/grouped conversation limit ({MARKED_LIMIT}) reached"),
    )
}

fn account<'a>(data: &'a Data, id: &str) -> ApiResult<&'a Account> {
    data.accounts.get(id).ok_or_else(|| not_imported(id))
}

fn account_mut<'a>(data: &'a mut Data, id: &str) -> ApiResult<&'a mut Account> {
    data.accounts.get_mut(id).ok_or_else(|| not_imported(id))
}

/// Runs `command` on the request body `o` at `now` (Unix seconds); the OK answer's bytes.
pub fn dispatch(
    command: Command,
    data: &mut Data,
    config: &ServiceConfig,
    o: &Map<String, Value>,
    now: u64,
) -> ApiResult<Vec<u8>> {
    match command {
        Command::Top => top::top(data, config, o, now),
        Command::MarkContact => mark::mark_contact(data, o, now),
        Command::CreateContactGroup => groups::create_contact_group(data, o, now),
        Command::GetContactGroup => groups::get_contact_group(data, config, o),
        Command::UpdateContactGroup => group_edit::update_contact_group(data, o, now),
        Command::DelContactGroup => group_edit::del_contact_group(data, o, now),
        Command::SearchContactGroup => search::search_contact_group(data, o),
        Command::GetList => list::get_list(data, config, o),
        Command::Delete => delete::delete(data, o),
    }
}

//! `delete`: take one conversation off the conversation list (its pin too). Its marks and
//! groups stay: the service keeps them apart from the list.

use super::contact::contact_fields;
use super::envelope::{ok_bytes, Empty};
use super::fields::from_account;
use super::{account_mut, bad, ApiResult};
use crate::model::Data;
use serde_json::{Map, Value};

/// Handles one `delete` request body (the group id is spelled `ToGroupid` here).
pub fn delete(data: &mut Data, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let key = contact_fields(o, "", "ToGroupid")?;
    let clear = match o.get("ClearRamble") {
        None | Some(Value::Null) => false,
        Some(v) => match v.as_u64() {
            Some(0) => false,
            Some(1) => true,
            _ => return Err(bad("ClearRamble must be 0 or 1")),
        },
    };
    let acc = account_mut(data, from)?;
    // Deleting a conversation the account does not have is a no-op.
    if let Some(i) = acc.find(&key) {
        let c = &mut acc.conversations[i];
        c.deleted = true;
        c.pinned = false;
        c.pinned_at = 0;
        if clear {
            // The roaming messages are gone: should it come back, it is empty.
            c.msg_time = 0;
        }
        acc.prune();
    }
    ok_bytes(Empty {})
}

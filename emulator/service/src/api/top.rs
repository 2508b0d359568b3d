//! `top`: pin (OperationType 1) or unpin (2) conversations, all or nothing.

use super::contact::{parse_contact, unknown_peers};
use super::envelope::{ok_bytes, Empty};
use super::fields::{from_account, req_array, req_u64};
use super::{account, account_mut, bad, err, not_imported, ApiResult};
use crate::config::ServiceConfig;
use crate::model::Data;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Handles one `top` request body.
pub fn top(
    data: &mut Data,
    config: &ServiceConfig,
    o: &Map<String, Value>,
    now: u64,
) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let op = req_u64(o, "", "OperationType")?;
    if op != 1 && op != 2 {
        return Err(bad("OperationType must be 1 (pin) or 2 (unpin)"));
    }
    let items = req_array(o, "", "RecentContactItem")?;
    if items.is_empty() {
        return Err(bad("RecentContactItem must not be empty"));
    }
    let mut keys = BTreeSet::new();
    for (i, v) in items.iter().enumerate() {
        keys.insert(parse_contact(
            v,
            &format!("RecentContactItem[{i}]"),
            "GroupId",
        )?);
    }
    account(data, from)?;
    if let Some(id) = unknown_peers(data, &keys).first() {
        return Err(not_imported(id));
    }
    let acc = account_mut(data, from)?;
    if op == 1 {
        let new_pins = keys
            .iter()
            .filter(|k| !acc.get(k).is_some_and(|c| c.pinned))
            .count();
        if acc.pinned_count() + new_pins > config.pinned_limit {
            return Err(err(
                51012,
                format!(
                    "pinned conversation limit ({}) reached",
                    config.pinned_limit
                ),
            ));
        }
        for k in &keys {
            let i = acc.ensure(k);
            let c = &mut acc.conversations[i];
            // Pinning puts a deleted conversation back on the list.
            c.deleted = false;
            if !c.pinned {
                c.pinned = true;
                c.pinned_at = now;
            }
        }
    } else {
        for k in &keys {
            if let Some(i) = acc.find(k) {
                acc.conversations[i].pinned = false;
                acc.conversations[i].pinned_at = 0;
            }
        }
    }
    ok_bytes(Empty {})
}

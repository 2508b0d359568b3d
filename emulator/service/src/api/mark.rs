//! `mark_contact`: set or clear standard mark bits and the custom mark, item by item.

use super::contact::{parse_contact, unknown_peers, ContactResult};
use super::envelope::ok_bytes;
use super::fields::{
    field, from_account, object, opt_str, opt_u64_array, path_of, req_array, req_u64,
};
use super::{account, account_mut, bad, err, marked_limit_reached, not_imported, ApiResult};
use crate::model::{Account, ConvKey, Conversation, Data, Kind, CUSTOM_MARK_MAX, MARKED_LIMIT};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Most MarkItem per mark_contact call.
const MARK_ITEMS_MAX: usize = 100;

struct MarkReq {
    opt: u64,
    key: ConvKey,
    set: Vec<u64>,
    clear: Vec<u64>,
    custom: Option<String>,
}

#[derive(Serialize)]
struct MarkResult {
    #[serde(rename = "OptType")]
    opt: u64,
    #[serde(flatten)]
    result: ContactResult,
}

#[derive(Serialize)]
struct MarkResponse {
    #[serde(rename = "ResultItem")]
    items: Vec<MarkResult>,
}

fn parse_mark_item(v: &Value, path: &str) -> ApiResult<MarkReq> {
    let o = object(v, path)?;
    let opt = req_u64(o, path, "OptType")?;
    let key = parse_contact(
        field(o, path, "ContactItem")?,
        &path_of(path, "ContactItem"),
        "ToGroupId",
    )?;
    Ok(MarkReq {
        opt,
        key,
        set: opt_u64_array(o, path, "SetMark")?,
        clear: opt_u64_array(o, path, "ClearMark")?,
        custom: opt_str(o, path, "CustomMark")?.map(str::to_owned),
    })
}

/// Handles one `mark_contact` request body.
pub fn mark_contact(data: &mut Data, o: &Map<String, Value>, now: u64) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let items = req_array(o, "", "MarkItem")?;
    if items.is_empty() || items.len() > MARK_ITEMS_MAX {
        return Err(err(
            51006,
            format!(
                "MarkItem must hold 1 to {MARK_ITEMS_MAX} items, got {}",
                items.len()
            ),
        ));
    }
    let reqs = items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_mark_item(v, &format!("MarkItem[{i}]")))
        .collect::<ApiResult<Vec<_>>>()?;
    account(data, from)?;
    let unknown = unknown_peers(data, reqs.iter().map(|r| &r.key));
    let acc = account_mut(data, from)?;
    let mut marked = acc.marked_count();
    let items = reqs
        .iter()
        .map(|r| MarkResult {
            opt: r.opt,
            result: ContactResult::new(&r.key, mark_one(acc, r, &unknown, &mut marked, now)),
        })
        .collect();
    acc.prune();
    ok_bytes(MarkResponse { items })
}

/// Applies one item; `marked` tracks the account's marked/grouped count for the limit.
fn mark_one(
    acc: &mut Account,
    r: &MarkReq,
    unknown: &BTreeSet<String>,
    marked: &mut usize,
    now: u64,
) -> ApiResult<()> {
    if !(1..=3).contains(&r.opt) {
        return Err(bad(
            "OptType must be 1 (standard marks), 2 (custom mark) or 3 (both)",
        ));
    }
    if r.key.kind == Kind::C2c && unknown.contains(&r.key.id) {
        return Err(not_imported(&r.key.id));
    }
    let existing = acc.get(&r.key);
    let mut marks = existing.map_or(0, |c| c.marks);
    let mut custom = existing.map_or(String::new(), |c| c.custom_mark.clone());
    let has_groups = existing.is_some_and(|c| !c.group_ids.is_empty());
    let was_marked = existing.is_some_and(Conversation::is_marked);
    if r.opt & 1 != 0 {
        if let Some(b) = r.set.iter().chain(&r.clear).find(|b| **b > 63) {
            return Err(bad(format!("mark bit {b} out of range 0..=63")));
        }
        for b in &r.set {
            marks |= 1u64 << b;
        }
        for b in &r.clear {
            marks &= !(1u64 << b);
        }
    }
    if r.opt & 2 != 0 {
        let c = r.custom.clone().unwrap_or_default();
        if c.len() > CUSTOM_MARK_MAX {
            return Err(bad(format!(
                "CustomMark is {} bytes, at most {CUSTOM_MARK_MAX} allowed",
                c.len()
            )));
        }
        custom = c;
    }
    let will_be_marked = marks != 0 || !custom.is_empty() || has_groups;
    if will_be_marked && !was_marked && *marked >= MARKED_LIMIT {
        return Err(marked_limit_reached());
    }
    if existing.is_none() && !will_be_marked {
        return Ok(());
    }
    let i = acc.ensure(&r.key);
    let c = &mut acc.conversations[i];
    c.marks = marks;
    c.custom_mark = custom;
    c.mark_time = now;
    acc.refresh_mark_seq(i);
    match (was_marked, will_be_marked) {
        (false, true) => *marked += 1,
        (true, false) => *marked = marked.saturating_sub(1),
        _ => {}
    }
    Ok(())
}

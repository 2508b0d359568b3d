//! Conversation groups: `create_contact_group` and `get_contact_group` (which lists the
//! marked or grouped conversations together with all groups), and what the other group
//! commands share with them.

use super::contact::{parse_contact, unknown_peers, ContactResult, WireContact};
use super::envelope::ok_bytes;
use super::fields::{from_account, object, req_array, req_str, req_u64};
use super::{account, account_mut, bad, err, marked_limit_reached, not_imported, ApiResult};
use crate::config::ServiceConfig;
use crate::model::{
    standard_mark_string, Account, ContactGroup, ConvKey, Conversation, Data, Kind, GROUP_LIMIT,
    GROUP_NAME_MAX, MARKED_LIMIT,
};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// One `GroupItem`: a conversation group's name and id.
#[derive(Serialize)]
pub(super) struct WireGroup {
    #[serde(rename = "GroupName")]
    name: String,
    #[serde(rename = "GroupId")]
    id: u32,
}

impl WireGroup {
    pub(super) fn new(g: &ContactGroup) -> Self {
        WireGroup {
            name: g.name.clone(),
            id: g.id,
        }
    }
}

#[derive(Serialize)]
struct GroupResult {
    #[serde(rename = "GroupItem")]
    group: WireGroup,
    #[serde(rename = "ResultItem")]
    items: Vec<ContactResult>,
}

#[derive(Serialize)]
struct CreateGroupResponse {
    #[serde(rename = "GroupResultItem")]
    groups: Vec<GroupResult>,
}

/// Handles one `create_contact_group` request body.
pub fn create_contact_group(
    data: &mut Data,
    o: &Map<String, Value>,
    now: u64,
) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let gci = req_array(o, "", "GroupContactItem")?;
    if gci.len() != 1 {
        return Err(bad(format!(
            "GroupContactItem must hold exactly one group, got {}",
            gci.len()
        )));
    }
    let gpath = "GroupContactItem[0]";
    let g = object(&gci[0], gpath)?;
    let name = req_str(g, gpath, "GroupName")?;
    let contacts = req_array(g, gpath, "ContactItem")?
        .iter()
        .enumerate()
        .map(|(i, v)| parse_contact(v, &format!("{gpath}.ContactItem[{i}]"), "ToGroupId"))
        .collect::<ApiResult<Vec<_>>>()?;
    account(data, from)?;
    check_group_name("GroupName", name)?;
    let unknown = unknown_peers(data, &contacts);
    let acc = account_mut(data, from)?;
    if acc.groups.len() >= GROUP_LIMIT {
        return Err(err(
            51010,
            format!("conversation group limit ({GROUP_LIMIT}) reached"),
        ));
    }
    acc.next_group_id += 1;
    let group = ContactGroup {
        id: acc.next_group_id,
        name: name.to_owned(),
    };
    acc.groups.push(group.clone());
    let mut marked = acc.marked_count();
    let items = contacts
        .iter()
        .map(|k| {
            let outcome = set_member(acc, k, group.id, true, &unknown, &mut marked, now);
            ContactResult::new(k, outcome)
        })
        .collect();
    ok_bytes(CreateGroupResponse {
        groups: vec![GroupResult {
            group: WireGroup::new(&group),
            items,
        }],
    })
}

/// A new group name: 50002 when empty, 51011 past [`GROUP_NAME_MAX`] bytes.
pub(super) fn check_group_name(field: &str, name: &str) -> ApiResult<()> {
    if name.is_empty() {
        return Err(bad(format!("{field} must not be empty")));
    }
    if name.len() > GROUP_NAME_MAX {
        return Err(err(
            51011,
            format!(
                "{field} is {} bytes, at most {GROUP_NAME_MAX} allowed",
                name.len()
            ),
        ));
    }
    Ok(())
}

/// Puts conversation `k` into group `group_id` (`join`) or takes it out, a no-op when it
/// is so already; `marked` tracks the account's marked/grouped count for the limit.
pub(super) fn set_member(
    acc: &mut Account,
    k: &ConvKey,
    group_id: u32,
    join: bool,
    unknown: &BTreeSet<String>,
    marked: &mut usize,
    now: u64,
) -> ApiResult<()> {
    if k.kind == Kind::C2c && unknown.contains(&k.id) {
        return Err(not_imported(&k.id));
    }
    let existing = acc.get(k);
    if existing.is_some_and(|c| c.group_ids.contains(&group_id)) == join {
        return Ok(());
    }
    let was_marked = existing.is_some_and(Conversation::is_marked);
    if join && !was_marked && *marked >= MARKED_LIMIT {
        return Err(marked_limit_reached());
    }
    let i = acc.ensure(k);
    let c = &mut acc.conversations[i];
    if join {
        c.group_ids.push(group_id);
    } else {
        c.group_ids.retain(|g| *g != group_id);
    }
    c.mark_time = now;
    match (was_marked, c.is_marked()) {
        (false, true) => *marked += 1,
        (true, false) => *marked = marked.saturating_sub(1),
        _ => {}
    }
    acc.refresh_mark_seq(i);
    Ok(())
}

#[derive(Serialize)]
pub(super) struct MarkedContact {
    #[serde(flatten)]
    contact: WireContact,
    #[serde(rename = "StandardMark")]
    standard_mark: String,
    #[serde(rename = "CustomMark", skip_serializing_if = "String::is_empty")]
    custom_mark: String,
    #[serde(rename = "ContactGroupId", skip_serializing_if = "Vec::is_empty")]
    group_ids: Vec<u32>,
    #[serde(rename = "Timestamp")]
    timestamp: u64,
}

impl MarkedContact {
    pub(super) fn new(c: &Conversation) -> Self {
        MarkedContact {
            contact: WireContact::new(&c.key()),
            standard_mark: standard_mark_string(c.marks),
            custom_mark: c.custom_mark.clone(),
            group_ids: c.group_ids.clone(),
            timestamp: c.mark_time,
        }
    }
}

#[derive(Serialize)]
struct GetContactGroupResponse {
    #[serde(rename = "ContactItem")]
    contacts: Vec<MarkedContact>,
    #[serde(rename = "GroupItem")]
    groups: Vec<WireGroup>,
    #[serde(rename = "CompleteFlag")]
    complete: u8,
    #[serde(rename = "NextStartIndex")]
    next: u64,
}

/// Handles one `get_contact_group` request body.
pub fn get_contact_group(
    data: &Data,
    config: &ServiceConfig,
    o: &Map<String, Value>,
) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let start = req_u64(o, "", "StartIndex")?;
    let acc = account(data, from)?;
    let list = acc.marked_sorted();
    let start_i = usize::try_from(start).unwrap_or(usize::MAX).min(list.len());
    let end = start_i
        .saturating_add(config.group_page_size.max(1))
        .min(list.len());
    let complete = end >= list.len();
    let contacts = list[start_i..end]
        .iter()
        .map(|c| MarkedContact::new(c))
        .collect();
    ok_bytes(GetContactGroupResponse {
        contacts,
        groups: acc.groups.iter().map(WireGroup::new).collect(),
        complete: u8::from(complete),
        next: if complete { 0 } else { end as u64 },
    })
}

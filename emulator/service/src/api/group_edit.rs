//! Changing conversation groups addressed by name: `update_contact_group` (rename, or add
//! and remove conversations) and `del_contact_group`.

use super::contact::{parse_contact, unknown_peers, ContactResult};
use super::envelope::ok_bytes;
use super::fields::{field, from_account, object, path_of, req_array, req_str, req_u64};
use super::groups::{check_group_name, set_member, WireGroup};
use super::{account, account_mut, bad, err, ApiError, ApiResult};
use crate::model::{Account, ContactGroup, ConvKey, Data};
use serde::Serialize;
use serde_json::{Map, Value};

fn unknown_group(name: &str) -> ApiError {
    err(51009, format!("conversation group {name:?} does not exist"))
}

/// Index of the group named `name` (the oldest, should several share it), else 51009.
fn group_index(acc: &Account, name: &str) -> ApiResult<usize> {
    acc.group_by_name(name).ok_or_else(|| unknown_group(name))
}

struct MemberChange {
    opt: u64,
    key: ConvKey,
}

#[derive(Serialize)]
struct MemberResult {
    #[serde(rename = "ContactOptType")]
    opt: u64,
    #[serde(flatten)]
    result: ContactResult,
}

#[derive(Serialize)]
struct UpdateGroupResult {
    #[serde(rename = "UpdateGroupType")]
    mode: u64,
    #[serde(rename = "GroupName")]
    name: String,
    #[serde(rename = "GroupId")]
    id: u32,
    #[serde(rename = "OldGroupName")]
    old_name: String,
    /// Membership mode only; absent after a rename.
    #[serde(rename = "ContactResultItem", skip_serializing_if = "Option::is_none")]
    items: Option<Vec<MemberResult>>,
}

#[derive(Serialize)]
struct UpdateGroupResponse {
    #[serde(rename = "UpdateType")]
    update_type: u64,
    #[serde(rename = "UpdateGroupResult")]
    result: UpdateGroupResult,
}

fn parse_change(v: &Value, path: &str) -> ApiResult<MemberChange> {
    let o = object(v, path)?;
    Ok(MemberChange {
        opt: req_u64(o, path, "ContactOptType")?,
        key: parse_contact(
            field(o, path, "ContactItem")?,
            &path_of(path, "ContactItem"),
            "ToGroupId",
        )?,
    })
}

/// The non-empty `ContactUpdateItem` of membership mode.
fn parse_changes(g: &Map<String, Value>, gpath: &str) -> ApiResult<Vec<MemberChange>> {
    let items = req_array(g, gpath, "ContactUpdateItem")?;
    if items.is_empty() {
        return Err(bad(format!("{gpath}.ContactUpdateItem must not be empty")));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_change(v, &format!("{gpath}.ContactUpdateItem[{i}]")))
        .collect()
}

/// Handles one `update_contact_group` request body.
pub fn update_contact_group(
    data: &mut Data,
    o: &Map<String, Value>,
    now: u64,
) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let update_type = req_u64(o, "", "UpdateType")?;
    if update_type != 1 {
        return Err(bad("UpdateType must be 1"));
    }
    let gpath = "UpdateGroup";
    let g = object(field(o, "", gpath)?, gpath)?;
    let mode = req_u64(g, gpath, "UpdateGroupType")?;
    let old_name = req_str(g, gpath, "OldGroupName")?;
    // Mode 1 ignores ContactUpdateItem, mode 2 NewGroupName.
    let (new_name, changes) =
        match mode {
            1 => (req_str(g, gpath, "NewGroupName")?, Vec::new()),
            2 => (old_name, parse_changes(g, gpath)?),
            _ => return Err(bad(
                "UpdateGroup.UpdateGroupType must be 1 (rename) or 2 (add/remove conversations)",
            )),
        };
    account(data, from)?;
    let unknown = unknown_peers(data, changes.iter().map(|c| &c.key));
    let acc = account_mut(data, from)?;
    let gi = group_index(acc, old_name)?;
    let id = acc.groups[gi].id;
    let items = if mode == 1 {
        // A name another group has is allowed, as in create_contact_group.
        check_group_name("UpdateGroup.NewGroupName", new_name)?;
        acc.groups[gi].name = new_name.to_owned();
        None
    } else {
        let mut marked = acc.marked_count();
        let results = changes
            .iter()
            .map(|c| {
                let outcome = match c.opt {
                    1 | 2 => set_member(acc, &c.key, id, c.opt == 1, &unknown, &mut marked, now),
                    _ => Err(bad("ContactOptType must be 1 (add) or 2 (remove)")),
                };
                MemberResult {
                    opt: c.opt,
                    result: ContactResult::new(&c.key, outcome),
                }
            })
            .collect();
        acc.prune();
        Some(results)
    };
    ok_bytes(UpdateGroupResponse {
        update_type,
        result: UpdateGroupResult {
            mode,
            name: new_name.to_owned(),
            id,
            old_name: old_name.to_owned(),
            items,
        },
    })
}

#[derive(Serialize)]
struct DelGroupResponse {
    #[serde(rename = "GroupItem")]
    groups: Vec<WireGroup>,
}

/// Handles one `del_contact_group` request body.
pub fn del_contact_group(data: &mut Data, o: &Map<String, Value>, now: u64) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let names = req_array(o, "", "GroupName")?;
    if names.len() != 1 {
        return Err(bad(format!(
            "GroupName must hold exactly one name, got {}",
            names.len()
        )));
    }
    let name = names[0]
        .as_str()
        .ok_or_else(|| bad("GroupName[0] must be a string"))?;
    let acc = account_mut(data, from)?;
    let gi = group_index(acc, name)?;
    let group: ContactGroup = acc.groups.remove(gi);
    for i in 0..acc.conversations.len() {
        let c = &mut acc.conversations[i];
        if let Some(pos) = c.group_ids.iter().position(|g| *g == group.id) {
            c.group_ids.remove(pos);
            c.mark_time = now;
            acc.refresh_mark_seq(i);
        }
    }
    acc.prune();
    ok_bytes(DelGroupResponse {
        groups: vec![WireGroup::new(&group)],
    })
}

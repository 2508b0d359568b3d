//! `search_contact_group`: the marks and groups of up to 300 given conversations.

use super::contact::parse_contact;
use super::envelope::ok_bytes;
use super::fields::{from_account, req_array};
use super::groups::{MarkedContact, WireGroup};
use super::{account, bad, ApiResult};
use crate::model::{Conversation, Data};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Most conversations one search may name.
const SEARCH_ITEMS_MAX: usize = 300;

#[derive(Serialize)]
struct SearchResponse {
    #[serde(rename = "ContactResultItem")]
    contacts: Vec<MarkedContact>,
    #[serde(rename = "GroupItem")]
    groups: Vec<WireGroup>,
}

/// Handles one `search_contact_group` request body.
pub fn search_contact_group(data: &Data, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let items = req_array(o, "", "ContactItem")?;
    if items.is_empty() || items.len() > SEARCH_ITEMS_MAX {
        return Err(bad(format!(
            "ContactItem must hold 1 to {SEARCH_ITEMS_MAX} conversations, got {}",
            items.len()
        )));
    }
    let keys = items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_contact(v, &format!("ContactItem[{i}]"), "ToGroupId"))
        .collect::<ApiResult<Vec<_>>>()?;
    let acc = account(data, from)?;
    // In request order, each once; conversations without marks or groups are left out.
    let mut seen = BTreeSet::new();
    let contacts = keys
        .iter()
        .filter(|k| seen.insert(*k))
        .filter_map(|k| acc.get(k).filter(|c| Conversation::is_marked(c)))
        .map(MarkedContact::new)
        .collect();
    ok_bytes(SearchResponse {
        contacts,
        groups: acc.groups.iter().map(WireGroup::new).collect(),
    })
}

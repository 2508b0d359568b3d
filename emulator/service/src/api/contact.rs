//! The wire conversation reference (`Type` + `To_Account` or a group id), read and written,
//! and the per-item result of mark_contact / create_contact_group / update_contact_group.

use super::fields::{object, path_of, req_str, req_u64};
use super::{bad, ApiResult};
use crate::model::{ConvKey, Data, Kind};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// A conversation reference: `Type` 1 + `To_Account`, or `Type` 2 + `group_key`
/// (`GroupId` in top, `ToGroupid` in delete, `ToGroupId` elsewhere). `path` names the
/// object in errors (`""` = the body itself).
pub fn parse_contact(v: &Value, path: &str, group_key: &str) -> ApiResult<ConvKey> {
    contact_fields(object(v, path)?, path, group_key)
}

/// [`parse_contact`] on an object's own fields.
pub fn contact_fields(o: &Map<String, Value>, path: &str, group_key: &str) -> ApiResult<ConvKey> {
    let (kind, key) = match req_u64(o, path, "Type")? {
        1 => (Kind::C2c, "To_Account"),
        2 => (Kind::Group, group_key),
        _ => {
            return Err(bad(format!(
                "{} must be 1 (C2C) or 2 (group)",
                path_of(path, "Type")
            )))
        }
    };
    let id = req_str(o, path, key)?;
    if id.is_empty() {
        return Err(bad(format!("{} must not be empty", path_of(path, key))));
    }
    Ok(ConvKey {
        kind,
        id: id.to_owned(),
    })
}

/// The ids of the c2c peers among `keys` that are not imported.
pub fn unknown_peers<'a>(
    data: &Data,
    keys: impl IntoIterator<Item = &'a ConvKey>,
) -> BTreeSet<String> {
    keys.into_iter()
        .filter(|k| k.kind == Kind::C2c && !data.accounts.contains_key(&k.id))
        .map(|k| k.id.clone())
        .collect()
}

/// The wire ContactItem of mark_contact / create_contact_group / get_contact_group.
#[derive(Serialize, Clone)]
pub struct WireContact {
    #[serde(rename = "Type")]
    ty: u8,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    to_account: Option<String>,
    #[serde(rename = "ToGroupId", skip_serializing_if = "Option::is_none")]
    to_group_id: Option<String>,
}

impl WireContact {
    pub fn new(k: &ConvKey) -> Self {
        WireContact {
            ty: k.kind.wire(),
            to_account: (k.kind == Kind::C2c).then(|| k.id.clone()),
            to_group_id: (k.kind == Kind::Group).then(|| k.id.clone()),
        }
    }
}

/// One `ResultItem`: the contact and how its part of the request went (0 = applied).
#[derive(Serialize)]
pub struct ContactResult {
    #[serde(rename = "ContactItem")]
    contact: WireContact,
    #[serde(rename = "ResultCode")]
    code: u32,
    #[serde(rename = "ResultInfo")]
    info: String,
}

impl ContactResult {
    pub fn new(k: &ConvKey, outcome: ApiResult<()>) -> Self {
        let (code, info) = match outcome {
            Ok(()) => (0, String::new()),
            Err(e) => (e.code, e.info),
        };
        ContactResult {
            contact: WireContact::new(k),
            code,
            info,
        }
    }
}

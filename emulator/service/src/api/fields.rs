//! Typed access to request JSON fields; every error names the full wire path
//! (`MarkItem[0].ContactItem.ToGroupId`), as 50002.

use super::{bad, ApiResult};
use serde_json::{Map, Value};

/// `parent.name`, or `name` at the top level (`parent` empty).
pub fn path_of(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// A required field of any type.
pub fn field<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<&'a Value> {
    match o.get(name) {
        Some(v) => Ok(v),
        None => Err(bad(format!(
            "missing required field {}",
            path_of(parent, name)
        ))),
    }
}

// `null` counts as absent.
fn opt_field<'a>(o: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.get(name).filter(|v| !v.is_null())
}

fn as_u64(v: &Value, path: &str) -> ApiResult<u64> {
    v.as_u64()
        .ok_or_else(|| bad(format!("{path} must be a non-negative integer")))
}

/// `v` as an object, `path` naming it in the error.
pub fn object<'a>(v: &'a Value, path: &str) -> ApiResult<&'a Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| bad(format!("{path} must be an object")))
}

/// A required non-negative integer field.
pub fn req_u64(o: &Map<String, Value>, parent: &str, name: &str) -> ApiResult<u64> {
    as_u64(field(o, parent, name)?, &path_of(parent, name))
}

/// A required string field.
pub fn req_str<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<&'a str> {
    field(o, parent, name)?
        .as_str()
        .ok_or_else(|| bad(format!("{} must be a string", path_of(parent, name))))
}

/// A required array field.
pub fn req_array<'a>(
    o: &'a Map<String, Value>,
    parent: &str,
    name: &str,
) -> ApiResult<&'a Vec<Value>> {
    field(o, parent, name)?
        .as_array()
        .ok_or_else(|| bad(format!("{} must be an array", path_of(parent, name))))
}

/// An optional array of non-negative integers; absent = empty.
pub fn opt_u64_array(o: &Map<String, Value>, parent: &str, name: &str) -> ApiResult<Vec<u64>> {
    let path = path_of(parent, name);
    match opt_field(o, name) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| as_u64(v, &format!("{path}[{i}]")))
            .collect(),
        Some(_) => Err(bad(format!("{path} must be an array of integers"))),
    }
}

/// An optional string field.
pub fn opt_str<'a>(
    o: &'a Map<String, Value>,
    parent: &str,
    name: &str,
) -> ApiResult<Option<&'a str>> {
    match opt_field(o, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(bad(format!("{} must be a string", path_of(parent, name)))),
    }
}

/// `From_Account`, the account every endpoint acts for.
pub fn from_account(o: &Map<String, Value>) -> ApiResult<&str> {
    req_str(o, "", "From_Account")
}

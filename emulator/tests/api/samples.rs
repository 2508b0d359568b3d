//! Helpers for the suites of the commands that edit, search and delete: the service docs'
//! request and answer samples as JSON, and short builders for conversations and groups.

use crate::common::*;
use serde_json::{json, Value};

/// A sample from the service's docs as JSON, its `//` comments removed (the docs' samples
/// carry them).
pub fn sample(text: &str) -> Value {
    let stripped: String = text
        .lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&stripped).unwrap_or_else(|e| panic!("{e}: {stripped}"))
}

/// A sample answer plus the `ErrorDisplay` the emulator always sends (some of the docs'
/// samples leave it out).
pub fn answer(text: &str) -> Value {
    let mut v = sample(text);
    v.as_object_mut()
        .unwrap()
        .entry("ErrorDisplay")
        .or_insert(json!(""));
    v
}

/// Sends a docs request sample as `command` and checks the answer against the docs'
/// answer sample.
pub async fn assert_sample(emu: &Emu, command: &str, request: &str, expected: &str) {
    assert_eq!(emu.call(command, sample(request)).await, answer(expected));
}

pub fn c2c(id: &str) -> Value {
    json!({"Type": 1, "To_Account": id})
}

pub fn group(id: &str) -> Value {
    json!({"Type": 2, "ToGroupId": id})
}

pub async fn create_group(emu: &Emu, account: &str, name: &str, members: Value) -> u64 {
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": account, "GroupContactItem": [{"GroupName": name, "ContactItem": members}]}),
        )
        .await;
    assert_ok(&r);
    r["GroupResultItem"][0]["GroupItem"]["GroupId"]
        .as_u64()
        .unwrap()
}

pub fn conv<'a>(state: &'a Value, kind: &str, id: &str) -> Option<&'a Value> {
    let key = if kind == "c2c" { "userId" } else { "groupId" };
    state["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == kind && c[key] == id)
}

pub async fn update(emu: &Emu, account: &str, update_group: Value) -> Value {
    emu.call(
        "update_contact_group",
        json!({"From_Account": account, "UpdateType": 1, "UpdateGroup": update_group}),
    )
    .await
}

pub fn membership(name: &str, items: &[(u64, Value)]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(opt, c)| json!({"ContactOptType": opt, "ContactItem": c}))
        .collect();
    json!({"UpdateGroupType": 2, "OldGroupName": name, "ContactUpdateItem": items})
}

//! The four commands beyond the first five: update_contact_group, del_contact_group,
//! search_contact_group, delete. The docs' samples (shared/api-docs/family/*.md), sent as
//! requests in a state that fits them, get the docs' sample answers; then the checks and
//! the answers the docs leave open (emulator/README.md lists them).

use crate::common::*;
use serde_json::{json, Value};

/// A docs sample as JSON, its `//` comments removed (D9).
fn sample(text: &str) -> Value {
    let stripped: String = text
        .lines()
        .map(|l| l.split_once("//").map_or(l, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n");
    serde_json::from_str(&stripped).unwrap_or_else(|e| panic!("{e}: {stripped}"))
}

/// A sample answer plus the `ErrorDisplay` the emulator always sends (D7).
fn answer(text: &str) -> Value {
    let mut v = sample(text);
    v.as_object_mut()
        .unwrap()
        .entry("ErrorDisplay")
        .or_insert(json!(""));
    v
}

/// Sends a docs request sample as `command` and checks the answer against the docs'
/// answer sample.
async fn assert_sample(emu: &Emu, command: &str, request: &str, expected: &str) {
    assert_eq!(emu.call(command, sample(request)).await, answer(expected));
}

fn c2c(id: &str) -> Value {
    json!({"Type": 1, "To_Account": id})
}

fn group(id: &str) -> Value {
    json!({"Type": 2, "ToGroupId": id})
}

async fn create_group(emu: &Emu, account: &str, name: &str, members: Value) -> u64 {
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

fn conv<'a>(state: &'a Value, kind: &str, id: &str) -> Option<&'a Value> {
    let key = if kind == "c2c" { "userId" } else { "groupId" };
    state["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == kind && c[key] == id)
}

async fn update(emu: &Emu, account: &str, update_group: Value) -> Value {
    emu.call(
        "update_contact_group",
        json!({"From_Account": account, "UpdateType": 1, "UpdateGroup": update_group}),
    )
    .await
}

fn membership(name: &str, items: &[(u64, Value)]) -> Value {
    let items: Vec<Value> = items
        .iter()
        .map(|(opt, c)| json!({"ContactOptType": opt, "ContactItem": c}))
        .collect();
    json!({"UpdateGroupType": 2, "OldGroupName": name, "ContactUpdateItem": items})
}

// ----------------------------------------------------------------------------- docs samples

#[tokio::test]
async fn update_contact_group_docs_samples() {
    let emu = empty().await;
    // Older EN / ZH page: membership mode, with its sample answer.
    emu.import(&["user20", "user1"]).await;
    create_group(&emu, "user20", "test1", json!([])).await;
    assert_sample(
        &emu,
        "update_contact_group",
        r#"{"From_Account":"user20","UpdateType":1,"UpdateGroup":{"UpdateGroupType":2,"OldGroupName":"test1","ContactUpdateItem":[{"ContactOptType":1,"ContactItem":{"Type": 1,"To_Account": "user1"}}]}}"#,
        r#"{"UpdateType": 1,"UpdateGroupResult": {"UpdateGroupType": 2,"GroupName": "test1","GroupId": 1,"OldGroupName": "test1","ContactResultItem": [{"ContactOptType": 1,"ContactItem": {"Type": 1,"To_Account": "user1"},"ResultCode": 0,"ResultInfo": ""}]},"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
    )
    .await;
    assert_eq!(
        conv(&emu.state("user20").await, "c2c", "user1").unwrap()["groupIds"],
        json!([1])
    );

    // 2026 EN page: rename (no sample answer: ContactResultItem is left out) ...
    emu.import(&["user_0001", "user_0002"]).await;
    create_group(
        &emu,
        "user_0001",
        "group_0001",
        json!([group("@TGS#1B2AUI7RZ")]),
    )
    .await;
    let r = emu
        .call(
            "update_contact_group",
            sample(
                r#"{"From_Account": "user_0001","UpdateType": 1,"UpdateGroup": {"UpdateGroupType": 1,"OldGroupName": "group_0001","NewGroupName": "group_0002"}}"#,
            ),
        )
        .await;
    assert_eq!(
        r,
        json!({"UpdateType": 1, "UpdateGroupResult": {"UpdateGroupType": 1, "GroupName": "group_0002",
               "GroupId": 1, "OldGroupName": "group_0001"},
               "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ErrorDisplay": ""})
    );
    // ... and membership, adding a c2c and removing a group conversation in one call.
    create_group(
        &emu,
        "user_0001",
        "group_0001",
        json!([group("@TGS#1B2AUI7RZ")]),
    )
    .await;
    let r = emu
        .call(
            "update_contact_group",
            sample(
                r#"{"From_Account": "user_0001","UpdateType": 1,"UpdateGroup": {"UpdateGroupType": 2,"OldGroupName": "group_0001","ContactUpdateItem": [{"ContactOptType": 1,"ContactItem": {"Type": 1,"To_Account": "user_0002"}},{"ContactOptType": 2,"ContactItem": {"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ"}}]}}"#,
            ),
        )
        .await;
    assert_eq!(
        r,
        json!({"UpdateType": 1, "UpdateGroupResult": {"UpdateGroupType": 2, "GroupName": "group_0001",
               "GroupId": 2, "OldGroupName": "group_0001", "ContactResultItem": [
                 {"ContactOptType": 1, "ContactItem": c2c("user_0002"), "ResultCode": 0, "ResultInfo": ""},
                 {"ContactOptType": 2, "ContactItem": group("@TGS#1B2AUI7RZ"), "ResultCode": 0, "ResultInfo": ""}]},
               "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ErrorDisplay": ""})
    );
    let s = emu.state("user_0001").await;
    assert_eq!(
        conv(&s, "c2c", "user_0002").unwrap()["groupIds"],
        json!([2])
    );
    assert_eq!(
        conv(&s, "group", "@TGS#1B2AUI7RZ").unwrap()["groupIds"],
        json!([1])
    );
}

#[tokio::test]
async fn del_contact_group_docs_samples() {
    let emu = empty().await;
    emu.import(&["user_0001", "user15"]).await;
    create_group(&emu, "user_0001", "group_0001", json!([])).await;
    // 2026 EN page; on the page the comment ends at a line break before `]`.
    assert_sample(
        &emu,
        "del_contact_group",
        "{\"From_Account\": \"user_0001\",\"GroupName\": [\"group_0001\" // only one conversation group can be deleted at a time.\n]}",
        r#"{"GroupItem": [{"GroupName": "group_0001","GroupId": 1}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
    )
    .await;
    assert_eq!(emu.state("user_0001").await["groups"], json!([]));
    // Older EN page (and ZH, with its comment in Chinese).
    create_group(&emu, "user15", "test1", json!([])).await;
    create_group(&emu, "user15", "test0", json!([])).await;
    assert_sample(
        &emu,
        "del_contact_group",
        "{\n\"From_Account\":\"user15\",\n\"GroupName\":[\"test0\"] // Currently, only one conversation group can be deleted at a time\n}",
        r#"{"GroupItem": [{"GroupName": "test0","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
    )
    .await;
    assert_eq!(
        emu.state("user15").await["groups"],
        json!([{"id": 1, "name": "test1"}])
    );
}

#[tokio::test]
async fn search_contact_group_docs_samples() {
    let emu = empty().await;
    // 2026 EN page: a c2c conversation with marks, a custom mark and two groups, and a
    // group conversation in one group only.
    emu.import(&["user_0001", "user_0002"]).await;
    create_group(
        &emu,
        "user_0001",
        "group_0001",
        json!([c2c("user_0002"), group("@TGS#1B2AUI7RZ")]),
    )
    .await;
    create_group(&emu, "user_0001", "group_0002", json!([c2c("user_0002")])).await;
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "user_0001", "MarkItem": [{"OptType": 3, "ContactItem": c2c("user_0002"),
                   "SetMark": [1, 2, 3, 4, 5, 6, 7], "CustomMark": "abcde"}]}),
        )
        .await;
    assert_eq!(r["ResultItem"][0]["ResultCode"], 0);
    emu.post(
        "/_emulator/conversations",
        json!({"account": "user_0001", "conversations": [
            {"type": "c2c", "userId": "user_0002", "markTime": 1775217000u64},
            {"type": "group", "groupId": "@TGS#1B2AUI7RZ", "markTime": 1775186067u64}]}),
    )
    .await;
    assert_sample(
        &emu,
        "search_contact_group",
        r#"{"From_Account": "user_0001","ContactItem": [{"Type": 1,"To_Account": "user_0002"},{"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ"}]}"#,
        r#"{"ContactResultItem": [{"Type": 1,"To_Account": "user_0002","StandardMark": "11111110","CustomMark": "abcde","ContactGroupId": [1,2],"Timestamp": 1775217000},{"Type": 2,"ToGroupId": "@TGS#1B2AUI7RZ","StandardMark": "","ContactGroupId": [1],"Timestamp": 1775186067}],"GroupItem": [{"GroupName": "group_0001","GroupId": 1},{"GroupName": "group_0002","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": ""}"#,
    )
    .await;

    // Older EN / ZH page (its answer carries ErrorDisplay itself).
    emu.import(&["yahaha", "xixi"]).await;
    create_group(&emu, "yahaha", "test1x", json!([c2c("xixi")])).await;
    create_group(&emu, "yahaha", "test10", json!([c2c("xixi")])).await;
    emu.call(
        "mark_contact",
        json!({"From_Account": "yahaha", "MarkItem": [{"OptType": 3, "ContactItem": c2c("xixi"),
               "SetMark": [1, 2, 3, 4, 5, 6, 7], "CustomMark": "xxyyyzzzfffffffxxx111111"}]}),
    )
    .await;
    emu.post(
        "/_emulator/conversations",
        json!({"account": "yahaha", "conversations": [
            {"type": "c2c", "userId": "xixi", "markTime": 1673500546u64}]}),
    )
    .await;
    assert_sample(
        &emu,
        "search_contact_group",
        r#"{"From_Account":"yahaha","ContactItem":[{"Type":1,"To_Account":"xixi"}]}"#,
        r#"{"ContactResultItem": [{"Type": 1,"To_Account": "xixi","StandardMark": "11111110","CustomMark": "xxyyyzzzfffffffxxx111111","ContactGroupId": [1,2],"Timestamp": 1673500546}],"GroupItem": [{"GroupName": "test1x","GroupId": 1},{"GroupName": "test10","GroupId": 2}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#,
    )
    .await;
}

#[tokio::test]
async fn delete_docs_samples() {
    let emu = empty().await;
    emu.post(
        "/_emulator/conversations",
        json!({"account": "id1", "conversations": [
            {"type": "c2c", "userId": "id2", "msgTime": 1630997627u64, "pinned": true},
            {"type": "group", "groupId": "id2", "msgTime": 1630997628u64},
            {"type": "c2c", "userId": "id3", "msgTime": 1630997629u64}]}),
    )
    .await;
    let ok = r#"{"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""}"#;
    for request in [
        "{\n\"From_Account\":\"id1\",\n\"Type\":1,\n\"To_Account\":\"id2\",\n\"ClearRamble\":1\n}",
        "{\n\"From_Account\":\"id1\",\n\"Type\":2,\n\"ToGroupid\":\"id2\",\n\"ClearRamble\":1\n}",
    ] {
        assert_sample(&emu, "delete", request, ok).await;
    }
    let r = emu.call("get_list", get_list_body("id1", [0; 4], 63)).await;
    assert_eq!(
        r["SessionItem"],
        json!([{"Type": 1, "To_Account": "id3", "MsgTime": 1630997629u64, "TopFlag": 0}])
    );
    let s = emu.state("id1").await;
    assert_eq!(s["conversations"].as_array().unwrap().len(), 1, "{s}");
}

// ----------------------------------------------------------------------------- update_contact_group

#[tokio::test]
async fn update_contact_group_rename_checks() {
    let emu = demo().await; // alice: "Customers" (1), "Team" (2)
    let rename = |old: &str, new: &str| json!({"UpdateGroupType": 1, "OldGroupName": old, "NewGroupName": new});
    let info = assert_fail(&update(&emu, "alice", rename("Nobody", "x")).await, 51009);
    assert!(info.contains("Nobody"), "{info}");
    assert_fail(&update(&emu, "alice", rename("Team", "")).await, 50002);
    assert_fail(
        &update(&emu, "alice", rename("Team", &"x".repeat(33))).await,
        51011,
    );
    // 11 three-byte characters are 33 bytes.
    assert_fail(
        &update(&emu, "alice", rename("Team", &"组".repeat(11))).await,
        51011,
    );
    let r = update(&emu, "alice", rename("Team", &"组".repeat(10))).await;
    assert_ok(&r);
    assert_eq!(r["UpdateGroupResult"]["GroupName"], "组".repeat(10));
    assert_eq!(r["UpdateGroupResult"]["GroupId"], 2);
    assert!(r["UpdateGroupResult"].get("ContactResultItem").is_none());
    // The old name is gone, the id and the members stay.
    assert_fail(&update(&emu, "alice", rename("Team", "y")).await, 51009);
    let r = emu
        .call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": 0}),
        )
        .await;
    assert_eq!(
        r["GroupItem"],
        json!([{"GroupName": "Customers", "GroupId": 1}, {"GroupName": "组".repeat(10), "GroupId": 2}])
    );
    // A name another group has is allowed (as in create_contact_group); the name then
    // addresses the older group.
    assert_ok(&update(&emu, "alice", rename(&"组".repeat(10), "Customers")).await);
    let r = update(&emu, "alice", rename("Customers", "Clients")).await;
    assert_eq!(r["UpdateGroupResult"]["GroupId"], 1);
    let r = update(&emu, "alice", rename("Customers", "Customers")).await;
    assert_eq!(r["UpdateGroupResult"]["GroupId"], 2);
}

#[tokio::test]
async fn update_contact_group_shape_errors() {
    let emu = demo().await;
    let ug = |g: Value| json!({"From_Account": "alice", "UpdateType": 1, "UpdateGroup": g});
    let bodies = [
        (
            json!({"From_Account": "alice", "UpdateType": 2,
                "UpdateGroup": {"UpdateGroupType": 1, "OldGroupName": "Team", "NewGroupName": "x"}}),
            "UpdateType",
        ),
        (
            json!({"From_Account": "alice", "UpdateType": 1}),
            "UpdateGroup",
        ),
        (ug(json!([])), "UpdateGroup"),
        (
            ug(json!({"UpdateGroupType": 3, "OldGroupName": "Team"})),
            "UpdateGroupType",
        ),
        (
            ug(json!({"UpdateGroupType": 1, "NewGroupName": "x"})),
            "UpdateGroup.OldGroupName",
        ),
        (
            ug(json!({"UpdateGroupType": 1, "OldGroupName": "Team"})),
            "UpdateGroup.NewGroupName",
        ),
        (
            ug(json!({"UpdateGroupType": 2, "OldGroupName": "Team"})),
            "UpdateGroup.ContactUpdateItem",
        ),
        (
            ug(json!({"UpdateGroupType": 2, "OldGroupName": "Team", "ContactUpdateItem": []})),
            "ContactUpdateItem",
        ),
        (
            ug(membership(
                "Team",
                &[(1, json!({"Type": 2, "GroupId": "@TGS#x"}))],
            )),
            "UpdateGroup.ContactUpdateItem[0].ContactItem.ToGroupId",
        ),
        (
            ug(json!({"UpdateGroupType": 2, "OldGroupName": "Team",
                "ContactUpdateItem": [{"ContactItem": c2c("bob")}]})),
            "UpdateGroup.ContactUpdateItem[0].ContactOptType",
        ),
    ];
    let before = emu.state("alice").await;
    for (body, field) in bodies {
        let info = assert_fail(&emu.call("update_contact_group", body.clone()).await, 50002);
        assert!(info.contains(field), "{body}: {info}");
    }
    assert_eq!(emu.state("alice").await, before, "nothing applied");
}

#[tokio::test]
async fn update_contact_group_per_item_results() {
    let emu = demo().await; // Team (2): bob, carol, dave, @TGS#demo_001
    let r = update(
        &emu,
        "alice",
        membership(
            "Team",
            &[
                (1, c2c("user_020")),         // added
                (1, c2c("bob")),              // already in: 0, nothing changes
                (2, c2c("carol")),            // removed
                (2, c2c("user_021")),         // not in the group: 0, nothing changes
                (2, group("@TGS#nowhere")),   // not even a conversation: 0
                (1, c2c("ghost")),            // not imported: 50001
                (3, c2c("user_022")),         // no such ContactOptType: 50002
                (1, group("@TGS#brand_new")), // created (MsgTime 0), added
            ],
        ),
    )
    .await;
    assert_ok(&r);
    let codes: Vec<u64> = r["UpdateGroupResult"]["ContactResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ResultCode"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [0, 0, 0, 0, 0, 50001, 50002, 0]);
    let items = r["UpdateGroupResult"]["ContactResultItem"]
        .as_array()
        .unwrap();
    assert_eq!(items[6]["ContactOptType"], 3);
    assert!(!items[5]["ResultInfo"].as_str().unwrap().is_empty());
    let s = emu.state("alice").await;
    assert_eq!(conv(&s, "c2c", "user_020").unwrap()["groupIds"], json!([2]));
    assert_eq!(conv(&s, "c2c", "bob").unwrap()["groupIds"], json!([2]));
    assert_eq!(conv(&s, "c2c", "carol").unwrap()["groupIds"], json!([]));
    assert_eq!(conv(&s, "c2c", "user_021").unwrap()["groupIds"], json!([]));
    assert!(conv(&s, "group", "@TGS#nowhere").is_none());
    let created = conv(&s, "group", "@TGS#brand_new").unwrap();
    assert_eq!(created["groupIds"], json!([2]));
    assert_eq!(created["msgTime"], 0);
    // carol keeps her marks, so get_contact_group still lists her, without the group.
    let r = emu
        .call(
            "search_contact_group",
            json!({"From_Account": "alice", "ContactItem": [c2c("carol"), c2c("user_020")]}),
        )
        .await;
    let found = r["ContactResultItem"].as_array().unwrap();
    assert_eq!(found[0]["To_Account"], "carol");
    assert_eq!(found[0]["StandardMark"], "11");
    assert!(found[0].get("ContactGroupId").is_none());
    assert_eq!(found[1]["ContactGroupId"], json!([2]));
    // Removing the only group of an unmarked conversation unlists it from get_contact_group.
    update(&emu, "alice", membership("Team", &[(2, c2c("user_020"))])).await;
    let r = emu
        .call(
            "search_contact_group",
            json!({"From_Account": "alice", "ContactItem": [c2c("user_020")]}),
        )
        .await;
    assert_eq!(r["ContactResultItem"], json!([]));
}

#[tokio::test]
async fn update_contact_group_marked_limit_is_per_item_51008() {
    let emu = empty().await;
    emu.import(&["a"]).await;
    let groups: Vec<Value> = (0..1000).map(|i| group(&format!("@TGS#{i}"))).collect();
    create_group(&emu, "a", "big", json!(groups)).await;
    create_group(&emu, "a", "small", json!([])).await;
    let r = update(
        &emu,
        "a",
        membership("small", &[(1, group("@TGS#5")), (1, group("@TGS#new"))]),
    )
    .await;
    let items = r["UpdateGroupResult"]["ContactResultItem"]
        .as_array()
        .unwrap();
    assert_eq!(items[0]["ResultCode"], 0, "already counted");
    assert_eq!(items[1]["ResultCode"], 51008);
    // Freeing one place lets the next one in.
    update(&emu, "a", membership("big", &[(2, group("@TGS#7"))])).await;
    let r = update(&emu, "a", membership("small", &[(1, group("@TGS#new"))])).await;
    assert_eq!(
        r["UpdateGroupResult"]["ContactResultItem"][0]["ResultCode"],
        0
    );
}

// ----------------------------------------------------------------------------- del_contact_group

#[tokio::test]
async fn del_contact_group_checks_and_effects() {
    let emu = demo().await;
    let del = |names: Value| json!({"From_Account": "alice", "GroupName": names});
    assert_fail(&emu.call("del_contact_group", del(json!([]))).await, 50002);
    let info = assert_fail(
        &emu.call("del_contact_group", del(json!(["Team", "Customers"])))
            .await,
        50002,
    );
    assert!(info.contains("GroupName"), "{info}");
    assert_fail(
        &emu.call("del_contact_group", del(json!("Team"))).await,
        50002,
    );
    assert_fail(&emu.call("del_contact_group", del(json!([2]))).await, 50002);
    assert_fail(
        &emu.call("del_contact_group", del(json!(["Nobody"]))).await,
        51009,
    );
    assert_fail(
        &emu.call("del_contact_group", del(json!([""]))).await,
        51009,
    );
    assert_eq!(
        emu.state("alice").await["groups"].as_array().unwrap().len(),
        2
    );

    // "Customers" (1): user_001..004 (marked too) and user_010 (only grouped).
    let r = emu
        .call("del_contact_group", del(json!(["Customers"])))
        .await;
    assert_eq!(
        r["GroupItem"],
        json!([{"GroupName": "Customers", "GroupId": 1}])
    );
    let s = emu.state("alice").await;
    assert_eq!(s["groups"], json!([{"id": 2, "name": "Team"}]));
    for c in s["conversations"].as_array().unwrap() {
        assert!(
            !c["groupIds"].as_array().unwrap().contains(&json!(1)),
            "{c}"
        );
    }
    let r = emu
        .call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": 0}),
        )
        .await;
    let listed: Vec<&Value> = r["ContactItem"].as_array().unwrap().iter().collect();
    assert!(listed.iter().all(|c| c["To_Account"] != "user_010"));
    assert!(listed.iter().any(|c| c["To_Account"] == "user_001"));
    assert_eq!(r["GroupItem"], json!([{"GroupName": "Team", "GroupId": 2}]));
    // Ids are not reused; the name is free again.
    assert_fail(
        &emu.call("del_contact_group", del(json!(["Customers"])))
            .await,
        51009,
    );
    assert_eq!(create_group(&emu, "alice", "Customers", json!([])).await, 3);
}

// ----------------------------------------------------------------------------- search_contact_group

#[tokio::test]
async fn search_contact_group_checks() {
    let emu = demo().await;
    let search = |items: Vec<Value>| json!({"From_Account": "alice", "ContactItem": items});
    assert_fail(
        &emu.call("search_contact_group", search(vec![])).await,
        50002,
    );
    let many: Vec<Value> = (0..301)
        .map(|i| group(&format!("@TGS#demo_{i:03}")))
        .collect();
    let info = assert_fail(
        &emu.call("search_contact_group", search(many.clone())).await,
        50002,
    );
    assert!(info.contains("300"), "{info}");
    let r = emu
        .call("search_contact_group", search(many[..300].to_vec()))
        .await;
    assert_ok(&r);
    // Only the group conversations that carry data come back, in request order.
    let ids: Vec<&str> = r["ContactResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ToGroupId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "@TGS#demo_001",
            "@TGS#demo_002",
            "@TGS#demo_003",
            "@TGS#demo_004",
            "@TGS#demo_005",
            "@TGS#demo_006"
        ]
    );
    // Asked twice, listed once; no data, unknown or not imported: left out.
    let r = emu
        .call(
            "search_contact_group",
            search(vec![
                c2c("bob"),
                c2c("user_030"),
                c2c("ghost"),
                c2c("bob"),
                group("@TGS#x"),
            ]),
        )
        .await;
    assert_eq!(
        r["ContactResultItem"],
        json!([{"Type": 1, "To_Account": "bob", "StandardMark": "1", "CustomMark": "vip",
                "ContactGroupId": [2], "Timestamp": r["ContactResultItem"][0]["Timestamp"]}])
    );
    // Every group of the user, even those no result refers to.
    let r = emu
        .call("search_contact_group", search(vec![c2c("user_030")]))
        .await;
    assert_eq!(r["ContactResultItem"], json!([]));
    assert_eq!(
        r["GroupItem"],
        json!([{"GroupName": "Customers", "GroupId": 1}, {"GroupName": "Team", "GroupId": 2}])
    );
    let info = assert_fail(
        &emu.call(
            "search_contact_group",
            search(vec![json!({"Type": 2, "GroupId": "@TGS#demo_001"})]),
        )
        .await,
        50002,
    );
    assert!(info.contains("ContactItem[0].ToGroupId"), "{info}");
}

// ----------------------------------------------------------------------------- delete

#[tokio::test]
async fn delete_unlists_and_unpins_but_keeps_marks_and_groups() {
    let emu = demo().await;
    // bob: pinned, mark bit 0, custom mark "vip", group Team.
    let r = emu
        .call(
            "delete",
            json!({"From_Account": "alice", "Type": 1, "To_Account": "bob"}),
        )
        .await;
    assert_ok(&r);
    emu.config(json!({"pageSize": 1000})).await;
    let r = emu
        .call("get_list", get_list_body("alice", [0; 4], 63))
        .await;
    let items = r["SessionItem"].as_array().unwrap();
    assert_eq!(items.len(), 299);
    assert!(items.iter().all(|i| i["To_Account"] != "bob"));
    assert_eq!(items.iter().filter(|i| i["TopFlag"] == 1).count(), 2);
    let s = emu.state("alice").await;
    let bob = conv(&s, "c2c", "bob").unwrap();
    assert_eq!(bob["deleted"], true);
    assert_eq!(bob["pinned"], false);
    assert_ne!(bob["msgTime"], 0, "ClearRamble absent keeps the history");
    let r = emu
        .call(
            "search_contact_group",
            json!({"From_Account": "alice", "ContactItem": [c2c("bob")]}),
        )
        .await;
    assert_eq!(r["ContactResultItem"][0]["CustomMark"], "vip");
    assert_eq!(r["ContactResultItem"][0]["ContactGroupId"], json!([2]));
    // Marking it does not bring it back; pinning does.
    emu.call(
        "mark_contact",
        json!({"From_Account": "alice", "MarkItem": [{"OptType": 1, "ContactItem": c2c("bob"), "SetMark": [5]}]}),
    )
    .await;
    let r = emu
        .call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    assert_eq!(r["SessionItem"].as_array().unwrap().len(), 299);
    emu.call(
        "top",
        json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [{"Type": 1, "To_Account": "bob"}]}),
    )
    .await;
    let r = emu
        .call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    assert_eq!(r["SessionItem"].as_array().unwrap().len(), 300);
    assert!(conv(&emu.state("alice").await, "c2c", "bob")
        .unwrap()
        .get("deleted")
        .is_none());
}

#[tokio::test]
async fn delete_clear_ramble_and_forgotten_conversations() {
    let emu = demo().await;
    // user_030 has no marks or groups: deleted, it is gone entirely.
    assert_ok(
        &emu.call(
            "delete",
            json!({"From_Account": "alice", "Type": 1, "To_Account": "user_030", "ClearRamble": 0}),
        )
        .await,
    );
    assert!(conv(&emu.state("alice").await, "c2c", "user_030").is_none());
    // A marked group conversation, its roaming messages cleared.
    assert_ok(
        &emu.call(
            "delete",
            json!({"From_Account": "alice", "Type": 2, "ToGroupid": "@TGS#demo_002", "ClearRamble": 1}),
        )
        .await,
    );
    let s = emu.state("alice").await;
    let g = conv(&s, "group", "@TGS#demo_002").unwrap();
    assert_eq!(g["deleted"], true);
    assert_eq!(g["msgTime"], 0);
    // Clearing its last mark forgets it.
    emu.call(
        "mark_contact",
        json!({"From_Account": "alice", "MarkItem": [{"OptType": 3, "ContactItem": group("@TGS#demo_002"), "ClearMark": [2], "CustomMark": ""}]}),
    )
    .await;
    assert!(conv(&emu.state("alice").await, "group", "@TGS#demo_002").is_none());
    // Deleting what does not exist (any more) is fine.
    let before = emu.state("alice").await;
    for body in [
        json!({"From_Account": "alice", "Type": 1, "To_Account": "user_030"}),
        json!({"From_Account": "alice", "Type": 2, "ToGroupid": "@TGS#never"}),
        json!({"From_Account": "alice", "Type": 1, "To_Account": "ghost"}),
    ] {
        assert_ok(&emu.call("delete", body).await);
    }
    assert_eq!(emu.state("alice").await, before);
}

#[tokio::test]
async fn delete_shape_errors() {
    let emu = demo().await;
    let cases = [
        // The group id is spelled ToGroupid here; ToGroupId is a mistake.
        (
            json!({"From_Account": "alice", "Type": 2, "ToGroupId": "@TGS#demo_001"}),
            "ToGroupid",
        ),
        (
            json!({"From_Account": "alice", "Type": 2, "ToGroupid": ""}),
            "ToGroupid",
        ),
        (json!({"From_Account": "alice", "Type": 1}), "To_Account"),
        (
            json!({"From_Account": "alice", "Type": 3, "To_Account": "bob"}),
            "Type",
        ),
        (
            json!({"From_Account": "alice", "To_Account": "bob"}),
            "Type",
        ),
        (
            json!({"From_Account": "alice", "Type": 1, "To_Account": "bob", "ClearRamble": 2}),
            "ClearRamble",
        ),
        (
            json!({"From_Account": "alice", "Type": 1, "To_Account": "bob", "ClearRamble": "1"}),
            "ClearRamble",
        ),
    ];
    for (body, field) in cases {
        let info = assert_fail(&emu.call("delete", body.clone()).await, 50002);
        assert!(
            info.contains(field) && !info.starts_with('.'),
            "{body}: {info}"
        );
    }
    assert_eq!(
        conv(&emu.state("alice").await, "c2c", "bob").unwrap()["pinned"],
        true
    );
}

// ----------------------------------------------------------------------------- all four

#[tokio::test]
async fn envelope_checks_apply_to_the_new_commands() {
    let emu = demo().await;
    let bodies = [
        (
            "update_contact_group",
            json!({"From_Account": "nobody", "UpdateType": 1,
            "UpdateGroup": {"UpdateGroupType": 1, "OldGroupName": "a", "NewGroupName": "b"}}),
        ),
        (
            "del_contact_group",
            json!({"From_Account": "nobody", "GroupName": ["a"]}),
        ),
        (
            "search_contact_group",
            json!({"From_Account": "nobody", "ContactItem": [c2c("bob")]}),
        ),
        (
            "delete",
            json!({"From_Account": "nobody", "Type": 1, "To_Account": "bob"}),
        ),
    ];
    for (cmd, body) in bodies {
        let info = assert_fail(&emu.call(cmd, body).await, 50001);
        assert!(info.contains("nobody"), "{cmd}: {info}");
        assert_fail(
            &emu.call_raw(cmd, QUERY, b"{\"From_Account\":").await.json(),
            60003,
        );
        assert_fail(&emu.call_raw(cmd, QUERY, b"[]").await.json(), 50002);
        let no_sig = QUERY.replace("usersig=emulator-usersig", "usersig=");
        assert_fail(&emu.call_raw(cmd, &no_sig, b"{}").await.json(), 70002);
        // Faults can name them.
        emu.fault(json!({"command": cmd, "fault": {"kind": "error", "code": 50004}}))
            .await;
        assert_fail(&emu.call_raw(cmd, QUERY, b"{}").await.json(), 50004);
    }
    let stats = emu.get("/_emulator/stats").await;
    assert_eq!(stats["counts"]["delete"], 5);
}

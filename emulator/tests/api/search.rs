//! search_contact_group: the docs' samples get the docs' answers; then the checks and the
//! answers the docs leave open (emulator/README.md lists them).

use crate::common::*;
use crate::samples::*;
use serde_json::{json, Value};

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

//! update_contact_group and del_contact_group: the docs' samples, sent in a state that fits
//! them, get the docs' sample answers; then the checks and the answers the docs leave open
//! (emulator/README.md lists them).

use crate::common::*;
use crate::samples::*;
use serde_json::{json, Value};

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

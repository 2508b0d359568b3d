//! delete: the docs' samples get the docs' answers; a deleted conversation leaves the list
//! and its pin but keeps its marks and groups; the checks.

use crate::common::*;
use crate::samples::*;
use serde_json::json;

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

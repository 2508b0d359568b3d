use crate::common::*;
use crate::samples::c2c;
use serde_json::json;

fn list_body() -> Vec<u8> {
    get_list_body("alice", [0; 4], 7).to_string().into_bytes()
}

async fn code_for(emu: &Emu, query: &str) -> u64 {
    let r = emu.call_raw("get_list", query, &list_body()).await;
    assert_eq!(r.status, 200);
    r.json()["ErrorCode"].as_u64().unwrap()
}

#[tokio::test]
async fn query_parameter_errors() {
    let emu = demo().await;
    let q = |sdk: &str, id: &str, sig: &str, rnd: &str, ct: &str| {
        format!("sdkappid={sdk}&identifier={id}&usersig={sig}&random={rnd}&contenttype={ct}")
    };
    let ok = q(
        "1400000000",
        "administrator",
        "emulator-usersig",
        "1",
        "json",
    );
    assert_eq!(code_for(&emu, &ok).await, 0);
    // No query string at all.
    assert_eq!(code_for(&emu, "").await, 60002);
    // sdkappid: not a number / missing → 60006; a number but not ours → 70020.
    let cases = [
        (q("abc", "administrator", "emulator-usersig", "1", "json"), 60006),
        (
            "identifier=administrator&usersig=emulator-usersig&random=1&contenttype=json"
                .to_owned(),
            60006,
        ),
        (q("1400000001", "administrator", "emulator-usersig", "1", "json"), 70020),
        // identifier must be the app admin.
        (q("1400000000", "alice", "emulator-usersig", "1", "json"), 60010),
        // usersig: empty / missing → 70002, unknown → 70003.
        (q("1400000000", "administrator", "", "1", "json"), 70002),
        (
            "sdkappid=1400000000&identifier=administrator&random=1&contenttype=json".to_owned(),
            70002,
        ),
        (q("1400000000", "administrator", "forged", "1", "json"), 70003),
        // random: must parse as u32.
        (
            "sdkappid=1400000000&identifier=administrator&usersig=emulator-usersig&contenttype=json"
                .to_owned(),
            70402,
        ),
        (q("1400000000", "administrator", "emulator-usersig", "4294967296", "json"), 70402),
        (q("1400000000", "administrator", "emulator-usersig", "-1", "json"), 70402),
        (q("1400000000", "administrator", "emulator-usersig", "x", "json"), 70402),
        // contenttype must be json.
        (q("1400000000", "administrator", "emulator-usersig", "1", "xml"), 70402),
        (
            "sdkappid=1400000000&identifier=administrator&usersig=emulator-usersig&random=1"
                .to_owned(),
            70402,
        ),
    ];
    for (query, code) in cases {
        let r = emu.call_raw("get_list", &query, &list_body()).await;
        assert_eq!(r.status, 200);
        let info = assert_fail(&r.json(), code);
        assert!(!info.is_empty(), "{query}");
    }
    assert_eq!(
        code_for(
            &emu,
            &q(
                "1400000000",
                "administrator",
                "emulator-usersig",
                "4294967295",
                "json"
            )
        )
        .await,
        0
    );
}

#[tokio::test]
async fn usersig_refresh_and_expiry() {
    let emu = demo().await;
    emu.config(json!({"userSig": "sig-2", "expiredUserSigs": ["emulator-usersig"]}))
        .await;
    let old = QUERY;
    let new = QUERY.replace("emulator-usersig", "sig-2");
    let r = emu.call_raw("get_list", old, &list_body()).await;
    let info = assert_fail(&r.json(), 70001);
    assert!(info.to_lowercase().contains("expired"));
    assert_eq!(code_for(&emu, &new).await, 0);
    // Neither valid nor listed as expired: invalid.
    let other = QUERY.replace("emulator-usersig", "sig-3");
    assert_eq!(code_for(&emu, &other).await, 70003);
}

#[tokio::test]
async fn body_errors() {
    let emu = demo().await;
    // Unparsable JSON → 60003 (for every command).
    for cmd in [
        "top",
        "mark_contact",
        "create_contact_group",
        "get_contact_group",
        "get_list",
    ] {
        let r = emu.call_raw(cmd, QUERY, b"{\"From_Account\":").await;
        assert_fail(&r.json(), 60003);
        let r = emu.call_raw(cmd, QUERY, b"").await;
        assert_fail(&r.json(), 60003);
    }
    // JSON but not an object.
    let r = emu.call_raw("get_list", QUERY, b"[1,2]").await;
    assert_fail(&r.json(), 50002);
    // Unknown command.
    let r = emu.call_raw("delete_everything", QUERY, b"{}").await;
    assert_fail(&r.json(), 60002);
    // Missing required field: named in ErrorInfo.
    let mut b = get_list_body("alice", [0; 4], 7);
    b.as_object_mut().unwrap().remove("AssistFlags");
    let info = assert_fail(&emu.call("get_list", b).await, 50002);
    assert!(info.contains("AssistFlags"), "{info}");
    // Mistyped.
    let mut b = get_list_body("alice", [0; 4], 7);
    b["StartIndex"] = json!("0");
    let info = assert_fail(&emu.call("get_list", b).await, 50002);
    assert!(info.contains("StartIndex"), "{info}");
    let b = json!({"From_Account": 7, "StartIndex": 0});
    let info = assert_fail(&emu.call("get_contact_group", b).await, 50002);
    assert!(info.contains("From_Account"), "{info}");
    let b =
        json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [{"Type": 1}]});
    let info = assert_fail(&emu.call("top", b).await, 50002);
    assert!(info.contains("RecentContactItem[0].To_Account"), "{info}");
    let b = json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [{"Type": 3, "To_Account": "bob"}]});
    let info = assert_fail(&emu.call("top", b).await, 50002);
    assert!(info.contains("Type"), "{info}");
    let b = json!({"From_Account": "alice", "MarkItem": [{"OptType": 1, "ContactItem": {"Type": 1, "To_Account": "bob"}, "SetMark": ["1"]}]});
    let info = assert_fail(&emu.call("mark_contact", b).await, 50002);
    assert!(info.contains("MarkItem[0].SetMark[0]"), "{info}");
    let b = json!({"From_Account": "alice", "MarkItem": [{"OptType": 2, "ContactItem": {"Type": 1, "To_Account": "bob"}, "CustomMark": 5}]});
    let info = assert_fail(&emu.call("mark_contact", b).await, 50002);
    assert!(info.contains("CustomMark"), "{info}");
}

#[tokio::test]
async fn unknown_from_account_is_50001() {
    let emu = demo().await;
    let bodies = [
        ("get_list", get_list_body("nobody", [0; 4], 7)),
        (
            "get_contact_group",
            json!({"From_Account": "nobody", "StartIndex": 0}),
        ),
        (
            "top",
            json!({"From_Account": "nobody", "OperationType": 1,
                   "RecentContactItem": [{"Type": 1, "To_Account": "bob"}]}),
        ),
        (
            "mark_contact",
            json!({"From_Account": "nobody", "MarkItem": [{"OptType": 1,
                   "ContactItem": {"Type": 1, "To_Account": "bob"}, "SetMark": [0]}]}),
        ),
        (
            "create_contact_group",
            json!({"From_Account": "nobody", "GroupContactItem": [{"GroupName": "x",
                   "ContactItem": [{"Type": 1, "To_Account": "bob"}]}]}),
        ),
    ];
    for (cmd, body) in bodies {
        let info = assert_fail(&emu.call(cmd, body).await, 50001);
        assert!(info.contains("nobody"), "{cmd}: {info}");
    }
}

#[tokio::test]
async fn rate_limit_per_command() {
    let emu = start_with(|c| c.service.rate_limit = 3).await;
    let gcg = json!({"From_Account": "alice", "StartIndex": 0});
    for _ in 0..3 {
        assert_ok(&emu.call("get_contact_group", gcg.clone()).await);
    }
    let info = assert_fail(&emu.call("get_contact_group", gcg.clone()).await, 60007);
    assert!(!info.is_empty());
    // Another command has its own window.
    assert_ok(
        &emu.call("get_list", get_list_body("alice", [0; 4], 7))
            .await,
    );
    // The window slides: a second later the command works again.
    tokio::time::sleep(std::time::Duration::from_millis(1050)).await;
    assert_ok(&emu.call("get_contact_group", gcg.clone()).await);
    // 0 turns it off.
    emu.config(json!({"rateLimit": 0})).await;
    for _ in 0..10 {
        assert_ok(&emu.call("get_contact_group", gcg.clone()).await);
    }
}

#[tokio::test]
async fn envelope_checks_apply_to_update_del_search_and_delete() {
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

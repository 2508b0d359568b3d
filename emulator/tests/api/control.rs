use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn health_reset_and_seed() {
    let emu = demo().await;
    assert_eq!(emu.get("/_emulator/health").await, json!({"ok": true}));
    let s = emu.state("alice").await;
    assert_eq!(s["conversations"].as_array().unwrap().len(), 300);
    assert_eq!(
        s["groups"],
        json!([{"id": 1, "name": "Customers"}, {"id": 2, "name": "Team"}])
    );
    let accounts = emu.get("/_emulator/state").await;
    for a in [
        "administrator",
        "alice",
        "bob",
        "carol",
        "dave",
        "user_001",
        "user_040",
    ] {
        assert!(
            accounts["accounts"].as_array().unwrap().contains(&json!(a)),
            "{a}"
        );
    }
    // Reset without seed: nothing left, config back to defaults.
    emu.config(json!({"pageSize": 5})).await;
    emu.post("/_emulator/reset", json!({})).await;
    assert_eq!(emu.get("/_emulator/state").await["accounts"], json!([]));
    assert_eq!(
        emu.get("/_emulator/config").await["config"]["pageSize"],
        100
    );
    let r = http(emu.addr, "GET", "/_emulator/state?account=alice", &[], b"")
        .await
        .unwrap();
    assert_eq!(r.status, 404);
    // Reset with the demo seed (empty body counts as {} too).
    emu.post("/_emulator/reset", json!({"seed": "demo"})).await;
    assert_eq!(emu.state("alice").await, s);
    let r = emu.post_raw("/_emulator/reset", b"").await;
    assert_eq!(r.status, 200);
    let r = emu
        .post_raw("/_emulator/reset", br#"{"seed":"huge"}"#)
        .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn accounts_and_conversations() {
    let emu = empty().await;
    let r = emu
        .post("/_emulator/accounts", json!({"accounts": ["alice", "bob"]}))
        .await;
    assert_eq!(r["imported"], 2);
    let r = emu
        .post(
            "/_emulator/accounts",
            json!({"accounts": ["alice", "carol"]}),
        )
        .await;
    assert_eq!(r["imported"], 1);
    let r = emu
        .post(
            "/_emulator/conversations",
            json!({"account": "alice", "conversations": [
                {"type": "c2c", "userId": "bob", "msgTime": 1700000000},
                {"type": "group", "groupId": "@TGS#1", "msgTime": 0, "pinned": true},
                {"type": "c2c", "userId": "zoe", "msgTime": 1700000100, "marks": [0, 40], "customMark": "m"},
            ]}),
        )
        .await;
    assert_eq!(r["conversations"], 3);
    // Update in place.
    emu.post(
        "/_emulator/conversations",
        json!({"account": "alice", "conversations": [{"type": "c2c", "userId": "bob", "msgTime": 1700000500}]}),
    )
    .await;
    let s = emu.state("alice").await;
    assert_eq!(
        s,
        json!({"account": "alice", "conversations": [
            {"type": "c2c", "userId": "bob", "msgTime": 1700000500u64, "pinned": false, "marks": [], "customMark": "", "groupIds": []},
            {"type": "group", "groupId": "@TGS#1", "msgTime": 0, "pinned": true, "marks": [], "customMark": "", "groupIds": []},
            {"type": "c2c", "userId": "zoe", "msgTime": 1700000100u64, "pinned": false, "marks": [0, 40], "customMark": "m", "groupIds": []},
        ], "groups": []})
    );
    // c2c peers were imported: zoe can be pinned from alice and has her own (empty) list.
    assert_ok(
        &emu.call(
            "top",
            json!({"From_Account": "zoe", "OperationType": 1, "RecentContactItem": [{"Type": 1, "To_Account": "alice"}]}),
        )
        .await,
    );
    // Bad input.
    for body in [
        json!({"account": "alice", "conversations": [{"type": "c2c", "groupId": "x"}]}),
        json!({"account": "alice", "conversations": [{"type": "chat", "userId": "x"}]}),
        json!({"account": "alice", "conversations": [{"type": "c2c", "userId": "x", "marks": [64]}]}),
        json!({"account": "", "conversations": []}),
        json!({"accounts": "alice"}),
    ] {
        let r = emu
            .post_raw("/_emulator/conversations", body.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 400, "{body}");
    }
}

#[tokio::test]
async fn config_round_trip() {
    let emu = demo().await;
    let r = emu
        .post(
            "/_emulator/config",
            json!({"pageSize": 10, "groupPageSize": 3, "pinnedLimit": 7, "rateLimit": 9,
                   "userSig": "s2", "expiredUserSigs": ["emulator-usersig"]}),
        )
        .await;
    assert_eq!(
        r["config"],
        json!({"pageSize": 10, "groupPageSize": 3, "pinnedLimit": 7, "rateLimit": 9,
               "userSig": "s2", "expiredUserSigs": ["emulator-usersig"],
               "seed": "demo", "sdkAppId": 1400000000u64, "identifier": "administrator",
               "corsOrigins": []})
    );
    assert_eq!(emu.get("/_emulator/config").await["config"], r["config"]);
    let q = QUERY.replace("emulator-usersig", "s2");
    let r = emu
        .call_raw(
            "get_list",
            &q,
            get_list_body("alice", [0; 4], 7).to_string().as_bytes(),
        )
        .await;
    assert_eq!(r.json()["SessionItem"].as_array().unwrap().len(), 10);
    let r = emu
        .post_raw("/_emulator/config", br#"{"pagesize":1}"#)
        .await;
    assert_eq!(r.status, 400, "unknown keys are rejected");
    // The start-up-only settings are named in the refusal; a bad value names its key.
    for (body, says) in [
        (
            json!({"sdkAppId": 1}),
            "\"sdkAppId\" cannot be changed at run time",
        ),
        (
            json!({"secretKey": "k"}),
            "\"secretKey\" cannot be changed at run time",
        ),
        (json!({"pageSize": 0}), "pageSize: must be at least 1"),
        (json!({"userSig": ""}), "userSig: must not be empty"),
        (json!({"rateLimit": "9"}), "rateLimit: invalid type"),
    ] {
        let r = emu
            .post_raw("/_emulator/config", body.to_string().as_bytes())
            .await;
        assert_eq!(r.status, 400, "{body}");
        let error = r.json()["error"].as_str().unwrap().to_owned();
        assert!(error.starts_with(says), "{body}: {error}");
    }
    assert_eq!(emu.get("/_emulator/config").await["config"]["pageSize"], 10);
}

#[tokio::test]
async fn stats_counts_and_recent() {
    let emu = start_with(|c| c.service.rate_limit = 0).await;
    emu.call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    emu.call("get_list", get_list_body("alice", [0; 4], 7))
        .await;
    emu.call_raw("top", QUERY, b"not json").await;
    let s = emu.get("/_emulator/stats").await;
    assert_eq!(s["counts"], json!({"get_list": 2, "top": 1}));
    let recent = s["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 3);
    assert_eq!(recent[0]["command"], "get_list");
    assert_eq!(
        recent[0]["query"],
        json!({"sdkappid": "1400000000", "identifier": "administrator",
               "usersig": "emulator-usersig", "random": "12345", "contenttype": "json"})
    );
    assert_eq!(recent[0]["body"], get_list_body("alice", [0; 4], 7));
    assert!(recent[0]["receivedAtMs"].as_u64().unwrap() > 1_600_000_000_000);
    assert_eq!(recent[2]["body"], "not json");
    // recent keeps the last 200, oldest first.
    for i in 0..205u64 {
        emu.call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": i}),
        )
        .await;
    }
    let s = emu.get("/_emulator/stats").await;
    let recent = s["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 200);
    assert_eq!(recent[0]["body"]["StartIndex"], 5);
    assert_eq!(recent[199]["body"]["StartIndex"], 204);
    assert_eq!(s["counts"]["get_contact_group"], 205);
    emu.post("/_emulator/stats/reset", json!({})).await;
    assert_eq!(
        emu.get("/_emulator/stats").await,
        json!({"counts": {}, "recent": []})
    );
}

#[tokio::test]
async fn cors_everywhere() {
    let emu = demo().await;
    let origin = ("Origin", "http://localhost:5173");
    // Preflight on a /v4 route.
    let r = http(
        emu.addr,
        "OPTIONS",
        &format!("/v4/recentcontact/get_list?{QUERY}"),
        &[
            origin,
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    )
    .await
    .unwrap();
    assert!(r.status == 204 || r.status == 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    assert_eq!(
        r.header("access-control-allow-methods"),
        Some("POST, GET, DELETE, OPTIONS")
    );
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("content-type")
    );
    // On actual responses, /v4 and control alike.
    let body = get_list_body("alice", [0; 4], 7).to_string();
    let r = http(
        emu.addr,
        "POST",
        &format!("/v4/recentcontact/get_list?{QUERY}"),
        &[origin],
        body.as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let r = http(emu.addr, "GET", "/_emulator/health", &[origin], b"")
        .await
        .unwrap();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://localhost:5173")
    );

    // A restricted list.
    let emu = start_with(|c| c.service.cors_origins = vec!["http://app.test".into()]).await;
    let r = http(emu.addr, "GET", "/_emulator/health", &[origin], b"")
        .await
        .unwrap();
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = http(
        emu.addr,
        "GET",
        "/_emulator/health",
        &[("Origin", "http://app.test")],
        b"",
    )
    .await
    .unwrap();
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.test")
    );
    // "*" allows all.
    let emu = start_with(|c| c.service.cors_origins = vec!["*".into()]).await;
    let r = http(emu.addr, "GET", "/_emulator/health", &[origin], b"")
        .await
        .unwrap();
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

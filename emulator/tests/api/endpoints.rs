use crate::common::*;
use crate::samples::conv;
use serde_json::{json, Value};

// ----------------------------------------------------------------------------- top

#[tokio::test]
async fn top_pins_unpins_and_is_idempotent() {
    let emu = demo().await;
    let body = |op: u64| {
        json!({"From_Account": "alice", "OperationType": op, "RecentContactItem": [
            {"Type": 1, "To_Account": "user_020"},
            {"Type": 2, "GroupId": "@TGS#demo_100"},
            {"Type": 2, "GroupId": "@TGS#brand_new"}
        ]})
    };
    let r = emu.call("top", body(1)).await;
    assert_eq!(
        r,
        json!({"ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ErrorDisplay": ""})
    );
    let s = emu.state("alice").await;
    assert_eq!(conv(&s, "c2c", "user_020").unwrap()["pinned"], true);
    assert_eq!(conv(&s, "group", "@TGS#demo_100").unwrap()["pinned"], true);
    // Pinning a conversation the account lacks creates it, empty.
    let created = conv(&s, "group", "@TGS#brand_new").unwrap();
    assert_eq!(created["pinned"], true);
    assert_eq!(created["msgTime"], 0);
    // Idempotent.
    assert_ok(&emu.call("top", body(1)).await);
    let s2 = emu.state("alice").await;
    assert_eq!(s, s2);
    // Unpin.
    assert_ok(&emu.call("top", body(2)).await);
    let s = emu.state("alice").await;
    assert_eq!(conv(&s, "c2c", "user_020").unwrap()["pinned"], false);
    assert_eq!(
        conv(&s, "group", "@TGS#brand_new").unwrap()["pinned"],
        false
    );
    assert_ok(&emu.call("top", body(2)).await);
}

#[tokio::test]
async fn top_errors() {
    let emu = demo().await;
    // The group id is spelled GroupId here; ToGroupId is a mistake.
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1,
                   "RecentContactItem": [{"Type": 2, "ToGroupId": "@TGS#demo_100"}]}),
        )
        .await;
    let info = assert_fail(&r, 50002);
    assert!(info.contains("GroupId"), "{info}");
    // Unknown peer.
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1,
                   "RecentContactItem": [{"Type": 1, "To_Account": "ghost"}]}),
        )
        .await;
    assert_fail(&r, 50001);
    // Bad OperationType.
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 3,
                   "RecentContactItem": [{"Type": 1, "To_Account": "bob"}]}),
        )
        .await;
    assert_fail(&r, 50002);
    // Empty list.
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": []}),
        )
        .await;
    assert_fail(&r, 50002);
}

#[tokio::test]
async fn top_pinned_limit_is_51012() {
    let emu = demo().await;
    emu.config(json!({"pinnedLimit": 4})).await; // alice has 3 pinned
    let before = emu.state("alice").await;
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [
                {"Type": 1, "To_Account": "user_020"}, {"Type": 1, "To_Account": "user_021"}]}),
        )
        .await;
    assert_fail(&r, 51012);
    assert_eq!(emu.state("alice").await, before, "nothing applied");
    // Re-pinning already pinned ones does not count.
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [
                {"Type": 1, "To_Account": "bob"}, {"Type": 1, "To_Account": "user_020"}]}),
        )
        .await;
    assert_ok(&r);
    let r = emu
        .call(
            "top",
            json!({"From_Account": "alice", "OperationType": 1, "RecentContactItem": [
                {"Type": 1, "To_Account": "user_021"}]}),
        )
        .await;
    assert_fail(&r, 51012);
}

// ----------------------------------------------------------------------------- mark_contact

#[tokio::test]
async fn mark_contact_docs_sample() {
    let emu = empty().await;
    emu.import(&["user_0001", "user_0002"]).await;
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "user_0001","MarkItem": [{"OptType": 3,"ContactItem": {"Type": 1,"To_Account": "user_0002"},"SetMark": [1,2,3],"CustomMark": "abcd"}]}),
        )
        .await;
    assert_eq!(
        r,
        json!({"ResultItem": [{"OptType": 3,"ContactItem": {"Type": 1,"To_Account": "user_0002"},"ResultCode": 0,"ResultInfo": ""}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""})
    );
    let s = emu.state("user_0001").await;
    let c = conv(&s, "c2c", "user_0002").unwrap();
    assert_eq!(c["marks"], json!([1, 2, 3]));
    assert_eq!(c["customMark"], "abcd");
}

#[tokio::test]
async fn mark_contact_opt_types_and_group_spelling() {
    let emu = demo().await;
    let item = |opt: u64, set: Value, clear: Value, custom: &str| {
        json!({"OptType": opt, "ContactItem": {"Type": 2, "ToGroupId": "@TGS#demo_050"},
               "SetMark": set, "ClearMark": clear, "CustomMark": custom})
    };
    // OptType 1: bits only, CustomMark ignored.
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": [item(1, json!([0, 34, 63]), json!([]), "ignored")]}),
        )
        .await;
    assert_ok(&r);
    assert_eq!(
        r["ResultItem"][0]["ContactItem"],
        json!({"Type": 2, "ToGroupId": "@TGS#demo_050"})
    );
    let s = emu.state("alice").await;
    let c = conv(&s, "group", "@TGS#demo_050").unwrap();
    assert_eq!(c["marks"], json!([0, 34, 63]));
    assert_eq!(c["customMark"], "");
    // OptType 2: custom only, bits ignored.
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": [item(2, json!([5]), json!([0]), "hello")]}),
        )
        .await;
    assert_eq!(r["ResultItem"][0]["ResultCode"], 0);
    let s = emu.state("alice").await;
    let c = conv(&s, "group", "@TGS#demo_050").unwrap();
    assert_eq!(c["marks"], json!([0, 34, 63]));
    assert_eq!(c["customMark"], "hello");
    // OptType 3: both; ClearMark clears.
    emu.call(
        "mark_contact",
        json!({"From_Account": "alice", "MarkItem": [item(3, json!([1]), json!([0, 63]), "bye")]}),
    )
    .await;
    let s = emu.state("alice").await;
    let c = conv(&s, "group", "@TGS#demo_050").unwrap();
    assert_eq!(c["marks"], json!([1, 34]));
    assert_eq!(c["customMark"], "bye");
    // GroupId is the wrong spelling here.
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": [{"OptType": 1,
                   "ContactItem": {"Type": 2, "GroupId": "@TGS#demo_050"}, "SetMark": [1]}]}),
        )
        .await;
    let info = assert_fail(&r, 50002);
    assert!(info.contains("MarkItem[0].ContactItem.ToGroupId"), "{info}");
}

#[tokio::test]
async fn mark_contact_item_count_is_51006() {
    let emu = demo().await;
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": []}),
        )
        .await;
    assert_fail(&r, 51006);
    let items: Vec<Value> = (0..101)
        .map(|i| json!({"OptType": 1, "ContactItem": {"Type": 2, "ToGroupId": format!("@TGS#x{i}")}, "SetMark": [0]}))
        .collect();
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": items[..101]}),
        )
        .await;
    assert_fail(&r, 51006);
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": items[..100]}),
        )
        .await;
    assert_ok(&r);
    assert_eq!(r["ResultItem"].as_array().unwrap().len(), 100);
}

#[tokio::test]
async fn mark_contact_per_item_errors() {
    let emu = demo().await;
    let c2c = |id: &str| json!({"Type": 1, "To_Account": id});
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "alice", "MarkItem": [
                {"OptType": 1, "ContactItem": c2c("user_030"), "SetMark": [64]},
                {"OptType": 1, "ContactItem": c2c("user_031"), "ClearMark": [100]},
                {"OptType": 2, "ContactItem": c2c("user_032"), "CustomMark": "x".repeat(257)},
                {"OptType": 2, "ContactItem": c2c("user_033"), "CustomMark": "y".repeat(256)},
                {"OptType": 3, "ContactItem": c2c("ghost"), "SetMark": [1]},
                {"OptType": 4, "ContactItem": c2c("user_034"), "SetMark": [1]},
                {"OptType": 1, "ContactItem": c2c("user_035"), "SetMark": [63]},
            ]}),
        )
        .await;
    assert_ok(&r);
    let codes: Vec<u64> = r["ResultItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ResultCode"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, vec![50002, 50002, 50002, 0, 50001, 50002, 0]);
    for item in r["ResultItem"].as_array().unwrap() {
        let failed = item["ResultCode"] != 0;
        assert_eq!(item["ResultInfo"].as_str().unwrap().is_empty(), !failed);
    }
    assert_eq!(r["ResultItem"][4]["ContactItem"], c2c("ghost"));
    assert_eq!(r["ResultItem"][5]["OptType"], 4);
    let s = emu.state("alice").await;
    assert_eq!(conv(&s, "c2c", "user_030").unwrap()["marks"], json!([]));
    assert_eq!(conv(&s, "c2c", "user_032").unwrap()["customMark"], "");
    assert_eq!(
        conv(&s, "c2c", "user_033").unwrap()["customMark"],
        "y".repeat(256)
    );
    assert_eq!(conv(&s, "c2c", "user_035").unwrap()["marks"], json!([63]));
}

#[tokio::test]
async fn marked_limit_is_51008() {
    let emu = empty().await;
    emu.import(&["u", "peer"]).await;
    for batch in 0..10 {
        let items: Vec<Value> = (0..100)
            .map(|i| json!({"OptType": 1, "ContactItem": {"Type": 2, "ToGroupId": format!("@TGS#{batch}_{i}")}, "SetMark": [0]}))
            .collect();
        let r = emu
            .call(
                "mark_contact",
                json!({"From_Account": "u", "MarkItem": items}),
            )
            .await;
        assert!(r["ResultItem"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["ResultCode"] == 0));
    }
    let r = emu
        .call(
            "mark_contact",
            json!({"From_Account": "u", "MarkItem": [
                {"OptType": 1, "ContactItem": {"Type": 1, "To_Account": "peer"}, "SetMark": [0]},
                {"OptType": 3, "ContactItem": {"Type": 2, "ToGroupId": "@TGS#0_0"}, "SetMark": [5], "CustomMark": "still fine"},
            ]}),
        )
        .await;
    assert_ok(&r);
    assert_eq!(r["ResultItem"][0]["ResultCode"], 51008);
    assert_eq!(r["ResultItem"][1]["ResultCode"], 0);
    // Grouping a new conversation counts too.
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": "u", "GroupContactItem": [{"GroupName": "g", "ContactItem": [
                {"Type": 1, "To_Account": "peer"}, {"Type": 2, "ToGroupId": "@TGS#0_1"}]}]}),
        )
        .await;
    assert_ok(&r);
    let res = &r["GroupResultItem"][0]["ResultItem"];
    assert_eq!(res[0]["ResultCode"], 51008);
    assert_eq!(res[1]["ResultCode"], 0);
    // Unmarking frees a slot.
    emu.call(
        "mark_contact",
        json!({"From_Account": "u", "MarkItem": [
            {"OptType": 1, "ContactItem": {"Type": 2, "ToGroupId": "@TGS#9_9"}, "ClearMark": [0]},
            {"OptType": 1, "ContactItem": {"Type": 1, "To_Account": "peer"}, "SetMark": [0]}]}),
    )
    .await;
    let s = emu.state("u").await;
    assert_eq!(conv(&s, "c2c", "peer").unwrap()["marks"], json!([0]));
}

// ----------------------------------------------------------------------------- create_contact_group

#[tokio::test]
async fn create_contact_group_docs_shape_and_ids() {
    let emu = empty().await;
    emu.import(&["user15", "user0", "user1"]).await;
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account":"user15","GroupContactItem":[{"GroupName":"test0","ContactItem": [{"Type": 1,"To_Account": "user0"}]}]}),
        )
        .await;
    assert_eq!(
        r,
        json!({"GroupResultItem": [{"GroupItem": {"GroupName": "test0","GroupId": 1},"ResultItem": [{"ContactItem": {"Type": 1,"To_Account": "user0"},"ResultCode": 0,"ResultInfo": ""}]}],"ActionStatus": "OK","ErrorCode": 0,"ErrorInfo": "","ErrorDisplay": ""})
    );
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account":"user15","GroupContactItem":[{"GroupName":"test2","ContactItem": [
                {"Type": 1,"To_Account": "user1"}, {"Type": 2, "ToGroupId": "@TGS#g"}, {"Type": 1, "To_Account": "ghost"}]}]}),
        )
        .await;
    assert_eq!(r["GroupResultItem"][0]["GroupItem"]["GroupId"], 2);
    let res = &r["GroupResultItem"][0]["ResultItem"];
    assert_eq!(
        res[1]["ContactItem"],
        json!({"Type": 2, "ToGroupId": "@TGS#g"})
    );
    assert_eq!(res[1]["ResultCode"], 0);
    assert_eq!(res[2]["ResultCode"], 50001);
    let s = emu.state("user15").await;
    assert_eq!(
        s["groups"],
        json!([{"id": 1, "name": "test0"}, {"id": 2, "name": "test2"}])
    );
    assert_eq!(conv(&s, "c2c", "user0").unwrap()["groupIds"], json!([1]));
    assert_eq!(conv(&s, "group", "@TGS#g").unwrap()["groupIds"], json!([2]));
    assert_eq!(conv(&s, "group", "@TGS#g").unwrap()["msgTime"], 0);
}

#[tokio::test]
async fn create_contact_group_errors() {
    let emu = empty().await;
    emu.import(&["u", "p"]).await;
    let one = |name: &str| json!({"From_Account": "u", "GroupContactItem": [{"GroupName": name, "ContactItem": [{"Type": 1, "To_Account": "p"}]}]});
    // Exactly one group per call.
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": "u", "GroupContactItem": []}),
        )
        .await;
    assert_fail(&r, 50002);
    let two = json!({"From_Account": "u", "GroupContactItem": [
        {"GroupName": "a", "ContactItem": []}, {"GroupName": "b", "ContactItem": []}]});
    assert_fail(&emu.call("create_contact_group", two).await, 50002);
    // Missing GroupName / ContactItem.
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": "u", "GroupContactItem": [{"ContactItem": []}]}),
        )
        .await;
    assert!(assert_fail(&r, 50002).contains("GroupContactItem[0].GroupName"));
    let r = emu
        .call(
            "create_contact_group",
            json!({"From_Account": "u", "GroupContactItem": [{"GroupName": "x"}]}),
        )
        .await;
    assert!(assert_fail(&r, 50002).contains("ContactItem"));
    // Name: empty → 50002, 33 bytes → 51011 (bytes, not chars), 32 bytes fine.
    assert_fail(&emu.call("create_contact_group", one("")).await, 50002);
    assert_fail(
        &emu.call("create_contact_group", one(&"n".repeat(33))).await,
        51011,
    );
    assert_fail(
        &emu.call("create_contact_group", one(&"é".repeat(17))).await,
        51011,
    );
    assert_ok(&emu.call("create_contact_group", one(&"n".repeat(32))).await);
    // 20 groups at most.
    for i in 2..=20 {
        assert_ok(
            &emu.call("create_contact_group", one(&format!("g{i}")))
                .await,
        );
    }
    assert_fail(&emu.call("create_contact_group", one("g21")).await, 51010);
    assert_eq!(emu.state("u").await["groups"].as_array().unwrap().len(), 20);
}

// ----------------------------------------------------------------------------- get_contact_group

#[tokio::test]
async fn get_contact_group_encoding() {
    let emu = empty().await;
    emu.import(&["u", "p1", "p2"]).await;
    emu.call(
        "mark_contact",
        json!({"From_Account": "u", "MarkItem": [
            {"OptType": 1, "ContactItem": {"Type": 1, "To_Account": "p1"}, "SetMark": [0]},
            {"OptType": 3, "ContactItem": {"Type": 2, "ToGroupId": "@TGS#1N3RSUYG2"}, "SetMark": [34], "CustomMark": "abcd"},
        ]}),
    )
    .await;
    emu.call(
        "create_contact_group",
        json!({"From_Account": "u", "GroupContactItem": [{"GroupName": "test1x", "ContactItem": [
            {"Type": 1, "To_Account": "p2"}, {"Type": 1, "To_Account": "p1"}]}]}),
    )
    .await;
    let r = emu
        .call(
            "get_contact_group",
            json!({"From_Account": "u", "StartIndex": 0}),
        )
        .await;
    assert_ok(&r);
    assert_eq!(r["CompleteFlag"], 1);
    assert_eq!(r["NextStartIndex"], 0);
    assert_eq!(
        r["GroupItem"],
        json!([{"GroupName": "test1x", "GroupId": 1}])
    );
    let items = r["ContactItem"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    // bit 0 only → "1"; group membership too.
    assert_eq!(
        keys(&items[0]),
        [
            "ContactGroupId",
            "StandardMark",
            "Timestamp",
            "To_Account",
            "Type"
        ]
    );
    assert_eq!(items[0]["StandardMark"], "1");
    assert_eq!(items[0]["ContactGroupId"], json!([1]));
    assert!(items[0]["Timestamp"].as_u64().unwrap() > 1_600_000_000);
    // bit 34 → "1" + 34 zeros; group conversations use ToGroupId; no ContactGroupId.
    assert_eq!(
        keys(&items[1]),
        [
            "CustomMark",
            "StandardMark",
            "Timestamp",
            "ToGroupId",
            "Type"
        ]
    );
    assert_eq!(items[1]["Type"], 2);
    assert_eq!(items[1]["ToGroupId"], "@TGS#1N3RSUYG2");
    assert_eq!(items[1]["StandardMark"], format!("1{}", "0".repeat(34)));
    assert_eq!(items[1]["CustomMark"], "abcd");
    // No bits → "" (grouped only); no CustomMark.
    assert_eq!(items[2]["To_Account"], "p2");
    assert_eq!(items[2]["StandardMark"], "");
    assert!(items[2].get("CustomMark").is_none());
}

#[tokio::test]
async fn get_contact_group_paging() {
    let emu = demo().await;
    emu.config(json!({"groupPageSize": 4})).await;
    let mut start = 0u64;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let r = emu
            .call(
                "get_contact_group",
                json!({"From_Account": "alice", "StartIndex": start}),
            )
            .await;
        assert_ok(&r);
        pages += 1;
        assert_eq!(
            r["GroupItem"].as_array().unwrap().len(),
            2,
            "groups on every page"
        );
        let items = r["ContactItem"].as_array().unwrap();
        assert!(items.len() <= 4);
        for i in items {
            let id = i["To_Account"]
                .as_str()
                .or(i["ToGroupId"].as_str())
                .unwrap();
            seen.push(id.to_owned());
        }
        if r["CompleteFlag"] == 1 {
            assert_eq!(r["NextStartIndex"], 0);
            break;
        }
        assert_eq!(items.len(), 4);
        start = r["NextStartIndex"].as_u64().unwrap();
        assert_eq!(start as usize, seen.len());
    }
    let s = emu.state("alice").await;
    let marked = s["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            !c["marks"].as_array().unwrap().is_empty()
                || c["customMark"] != ""
                || !c["groupIds"].as_array().unwrap().is_empty()
        })
        .count();
    assert_eq!(seen.len(), marked);
    let mut dedup = seen.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), seen.len(), "each once");
    assert_eq!(pages, marked.div_ceil(4));
    // Past the end: empty page, complete.
    let r = emu
        .call(
            "get_contact_group",
            json!({"From_Account": "alice", "StartIndex": 10_000}),
        )
        .await;
    assert_eq!(r["ContactItem"], json!([]));
    assert_eq!(r["CompleteFlag"], 1);
}

// ----------------------------------------------------------------------------- get_list

#[tokio::test]
async fn get_list_docs_shape() {
    let emu = empty().await;
    emu.post(
        "/_emulator/conversations",
        json!({"account": "id1", "conversations": [
            {"type": "c2c", "userId": "id2", "msgTime": 1630997627, "pinned": true},
            {"type": "group", "groupId": "id3", "msgTime": 1630997628, "pinned": true},
            {"type": "c2c", "userId": "id4", "msgTime": 1630997630},
            {"type": "group", "groupId": "id5", "msgTime": 1630997650},
        ]}),
    )
    .await;
    let r = emu
        .call(
            "get_list",
            json!({"From_Account": "id1","TimeStamp": 0,"StartIndex": 0,"TopTimeStamp": 0,"TopStartIndex": 0,"AssistFlags": 7}),
        )
        .await;
    assert_ok(&r);
    assert_eq!(
        keys(&r),
        [
            "ActionStatus",
            "CompleteFlag",
            "ErrorCode",
            "ErrorDisplay",
            "ErrorInfo",
            "SessionItem",
            "StartIndex",
            "TimeStamp",
            "TopStartIndex",
            "TopTimeStamp"
        ]
    );
    assert_eq!(
        r["SessionItem"],
        json!([
            {"Type": 2, "GroupId": "id3", "MsgTime": 1630997628u64, "TopFlag": 1},
            {"Type": 1, "To_Account": "id2", "MsgTime": 1630997627u64, "TopFlag": 1},
            {"Type": 2, "GroupId": "id5", "MsgTime": 1630997650u64, "TopFlag": 0},
            {"Type": 1, "To_Account": "id4", "MsgTime": 1630997630u64, "TopFlag": 0},
        ])
    );
    assert_eq!(r["CompleteFlag"], 1);
}

/// With bits 3, 4 and 5 of AssistFlags all set (63, or 56 with none of bits 0-2), each
/// item carries StandardMark, CustomMark and ContactGroupId (each only when non-empty);
/// with any of the three unset, none of them (no page gives each bit a meaning).
#[tokio::test]
async fn get_list_mark_fields_come_with_bits_3_to_5_together() {
    let emu = demo().await;
    emu.config(json!({"pageSize": 1000})).await;
    let page = |r: &Value| r["SessionItem"].as_array().unwrap().clone();
    let find = |items: &[Value], key: &str, id: &str| {
        items.iter().find(|i| i[key] == id).cloned().unwrap()
    };
    let extra = |flags: u64| {
        let emu = &emu;
        async move {
            let r = emu
                .call("get_list", get_list_body("alice", [0; 4], flags))
                .await;
            for item in page(&r) {
                let data = ["StandardMark", "CustomMark", "ContactGroupId"];
                let has = data.iter().filter(|k| item.get(**k).is_some()).count();
                assert!(flags & 56 == 56 || has == 0, "flags {flags}: {item}");
            }
            let bob = find(&page(&r), "To_Account", "bob");
            let mut k = keys(&bob);
            k.retain(|k| !["MsgTime", "To_Account", "TopFlag", "Type"].contains(&k.as_str()));
            (k, bob)
        }
    };
    for partial in [
        7,
        7 | 8,
        7 | 16,
        7 | 32,
        7 | 8 | 16,
        7 | 16 | 32,
        7 | 8 | 32,
    ] {
        let (k, _) = extra(partial).await;
        assert!(k.is_empty(), "flags {partial}: {k:?}");
    }
    let (k, _) = extra(56).await;
    assert_eq!(k, ["ContactGroupId", "CustomMark", "StandardMark"]);
    let (k, bob) = extra(63).await;
    assert_eq!(k, ["ContactGroupId", "CustomMark", "StandardMark"]);
    assert_eq!(bob["StandardMark"], "1");
    assert_eq!(bob["CustomMark"], "vip");
    assert_eq!(bob["ContactGroupId"], json!([2]));
    // Fields a conversation has no data for are left out, as in the docs' 63 sample.
    let r = emu
        .call("get_list", get_list_body("alice", [0; 4], 63))
        .await;
    let plain = find(&page(&r), "GroupId", "@TGS#demo_200");
    assert_eq!(keys(&plain), ["GroupId", "MsgTime", "TopFlag", "Type"]);
    let grouped_only = find(&page(&r), "To_Account", "user_010");
    assert_eq!(
        keys(&grouped_only),
        ["ContactGroupId", "MsgTime", "To_Account", "TopFlag", "Type"]
    );
}

use crate::common::*;
use serde_json::{json, Value};

/// (type, id, msgTime, pinned) of one conversation.
type Conv = (u64, String, u64, bool);
/// (Type, id, MsgTime, TopFlag) of one SessionItem.
type Item = (u64, String, u64, u64);

/// Conversations in creation order, from the control API.
async fn snapshot(emu: &Emu, account: &str) -> Vec<Conv> {
    let s = emu.state(account).await;
    s["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let (ty, id) = if c["type"] == "c2c" {
                (1, c["userId"].as_str().unwrap())
            } else {
                (2, c["groupId"].as_str().unwrap())
            };
            (
                ty,
                id.to_owned(),
                c["msgTime"].as_u64().unwrap(),
                c["pinned"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The order get_list must produce, computed independently of the emulator.
fn expected(convs: &[Conv], flags: u64) -> Vec<Item> {
    let pinned_mode = flags & 1 != 0;
    let include_empty = flags & 2 != 0;
    let mut v: Vec<(usize, &Conv)> = convs
        .iter()
        .enumerate()
        .filter(|(_, c)| include_empty || c.2 != 0)
        .collect();
    v.sort_by_key(|(i, c)| {
        let top = pinned_mode && c.3;
        (!top, std::cmp::Reverse(c.2), *i)
    });
    v.into_iter()
        .map(|(_, c)| (c.0, c.1.clone(), c.2, u64::from(pinned_mode && c.3)))
        .collect()
}

fn item_key(i: &Value) -> Item {
    let id = i["To_Account"].as_str().or(i["GroupId"].as_str()).unwrap();
    (
        i["Type"].as_u64().unwrap(),
        id.to_owned(),
        i["MsgTime"].as_u64().unwrap(),
        i["TopFlag"].as_u64().unwrap(),
    )
}

/// Reads every page; returns the items and the pages' sizes.
async fn read_all(emu: &Emu, account: &str, flags: u64) -> (Vec<Item>, Vec<usize>) {
    let mut cursor = [0u64; 4];
    let mut out = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..1000 {
        let r = emu
            .call("get_list", get_list_body(account, cursor, flags))
            .await;
        assert_ok(&r);
        let items = r["SessionItem"].as_array().unwrap();
        sizes.push(items.len());
        out.extend(items.iter().map(item_key));
        if r["CompleteFlag"] == 1 {
            return (out, sizes);
        }
        cursor = [
            r["TimeStamp"].as_u64().unwrap(),
            r["StartIndex"].as_u64().unwrap(),
            r["TopTimeStamp"].as_u64().unwrap(),
            r["TopStartIndex"].as_u64().unwrap(),
        ];
    }
    panic!("get_list never completed");
}

#[tokio::test]
async fn paging_2500_conversations_every_flag_combination() {
    // ~250 get_list calls: more than the default 200/s rate limit allows.
    let emu = start_with(|c| {
        c.service.seed = chat_emulator::Seed::None;
        c.service.rate_limit = 0;
    })
    .await;
    let r = emu
        .post(
            "/_emulator/conversations",
            json!({"account": "pager", "generate": {"count": 2500, "groups": 0.2, "startTime": 1700000000, "pinned": 150}}),
        )
        .await;
    assert_eq!(r["conversations"], 2500);
    let convs = snapshot(&emu, "pager").await;
    assert_eq!(convs.len(), 2500);
    let empties = convs.iter().filter(|c| c.2 == 0).count();
    assert!(empties > 50, "some empty conversations");
    let mut times: Vec<u64> = convs.iter().map(|c| c.2).filter(|t| *t != 0).collect();
    times.sort();
    let before = times.len();
    times.dedup();
    assert!(before - times.len() > 200, "many MsgTime ties");
    for flags in [0u64, 1, 2, 3, 4, 5, 6, 7, 13, 15] {
        let want = expected(&convs, flags);
        let (got, sizes) = read_all(&emu, "pager", flags).await;
        assert_eq!(got.len(), want.len(), "flags {flags}");
        assert!(got == want, "flags {flags}: order differs");
        let pinned_mode = flags & 1 != 0;
        let paginate_pinned = flags & 4 != 0;
        if pinned_mode && !paginate_pinned {
            // All pinned on the first page (150, less the empty ones without bit 1);
            // nothing else fits.
            let pinned = want.iter().filter(|i| i.3 == 1).count();
            assert!(pinned > 100);
            assert_eq!(sizes[0], pinned, "flags {flags}");
            assert!(sizes[1..].iter().all(|s| *s <= 100));
        } else {
            assert!(sizes.iter().all(|s| *s <= 100), "flags {flags}");
            assert!(sizes[..sizes.len() - 1].iter().all(|s| *s == 100));
        }
    }
}

#[tokio::test]
async fn paging_survives_inserts_between_pages() {
    let emu = empty().await;
    emu.config(json!({"pageSize": 7})).await;
    // 30 conversations, most sharing a few MsgTimes.
    let convs: Vec<Value> = (0..30)
        .map(|i| json!({"type": "c2c", "userId": format!("p{i:02}"), "msgTime": 1000 - (i / 8) as u64}))
        .collect();
    emu.post(
        "/_emulator/conversations",
        json!({"account": "a", "conversations": convs}),
    )
    .await;
    let original: Vec<String> = (0..30).map(|i| format!("p{i:02}")).collect();
    let mut cursor = [0u64; 4];
    let mut seen: Vec<String> = Vec::new();
    let mut round = 0;
    loop {
        let r = emu.call("get_list", get_list_body("a", cursor, 7)).await;
        for i in r["SessionItem"].as_array().unwrap() {
            seen.push(i["To_Account"].as_str().unwrap().to_owned());
        }
        if r["CompleteFlag"] == 1 {
            break;
        }
        cursor = [
            r["TimeStamp"].as_u64().unwrap(),
            r["StartIndex"].as_u64().unwrap(),
            r["TopTimeStamp"].as_u64().unwrap(),
            r["TopStartIndex"].as_u64().unwrap(),
        ];
        // Between pages: a newer conversation, one tying with the cursor's MsgTime,
        // and an older one.
        round += 1;
        emu.post(
            "/_emulator/conversations",
            json!({"account": "a", "conversations": [
                {"type": "c2c", "userId": format!("new{round}"), "msgTime": 5000},
                {"type": "c2c", "userId": format!("tie{round}"), "msgTime": cursor[0]},
                {"type": "c2c", "userId": format!("old{round}"), "msgTime": 10},
            ]}),
        )
        .await;
    }
    let mut dedup = seen.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), seen.len(), "no duplicates: {seen:?}");
    for id in &original {
        assert!(seen.contains(id), "{id} missing");
    }
    // Older inserts and same-MsgTime inserts are not lost either.
    assert!(seen.iter().any(|s| s.starts_with("old")));
    assert!(seen.iter().any(|s| s.starts_with("tie")));
    assert!(!seen.iter().any(|s| s.starts_with("new")));
}

#[tokio::test]
async fn demo_alice_pages() {
    let emu = demo().await;
    let (items, sizes) = read_all(&emu, "alice", 7).await;
    assert_eq!(items.len(), 300);
    assert_eq!(sizes, vec![100, 100, 100]);
    assert_eq!(items.iter().filter(|i| i.3 == 1).count(), 3);
    assert!(items[..3].iter().all(|i| i.3 == 1));
    let (items, _) = read_all(&emu, "alice", 5).await;
    assert_eq!(
        items.len(),
        290,
        "empty conversations omitted without bit 1"
    );
}

//! The wasm layer itself, run by `wasm-pack test` in Node and (with
//! WASM_BINDGEN_USE_BROWSER=1) in headless Chromium and Firefox. When built with
//! CHAT_EMULATOR_URL set, it also talks to the emulator over real HTTP.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Promise, Reflect};
use tencent_chat_conversations::types::Mark;
use tencent_chat_conversations::wasm::ConversationClient;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn client(endpoint: &str) -> ConversationClient {
    ConversationClient::new(obj(&[
        ("sdkAppId", 1400000000.into()),
        ("identifier", "administrator".into()),
        ("userSig", "emulator-usersig".into()),
        ("endpoint", endpoint.into()),
        ("maxRetries", 0.into()),
    ]))
}

fn c2c(user: &str) -> JsValue {
    obj(&[("type", "c2c".into()), ("userId", user.into())])
}

async fn rejected(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("resolved with {v:?}"),
        Err(e) => e,
    }
}

#[wasm_bindgen_test]
async fn invalid_input_rejects_with_chat_error_fields() {
    let c = client("http://127.0.0.1:9");
    let e = rejected(c.pin("".into(), Array::of1(&c2c("b")).into(), JsValue::UNDEFINED)).await;
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&e, "name"), "ChatError");
    assert_eq!(get(&e, "kind"), "invalid_input");
    assert_eq!(get(&e, "code"), 0);
    assert_eq!(get(&e, "attempts"), 0);
    assert_eq!(get(&e, "command"), "");
}

#[wasm_bindgen_test]
async fn wrong_shapes_reject_and_the_module_survives() {
    let c = client("http://127.0.0.1:9");
    for bad in [
        JsValue::NULL,
        5.into(),
        "x".into(),
        Array::of1(&5.into()).into(),
    ] {
        let e = rejected(c.pin("a".into(), bad, JsValue::UNDEFINED)).await;
        assert_eq!(get(&e, "kind"), "invalid_input");
    }
    let bits = Array::of1(&64.into());
    let op = obj(&[("conversation", c2c("b")), ("set", bits.into())]);
    let e = rejected(c.mark("a".into(), Array::of1(&op).into(), JsValue::UNDEFINED)).await;
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("outside 0..=63"));
    let e = rejected(c.get_groups("a".into(), obj(&[("startIndex", (-1).into())]))).await;
    assert_eq!(get(&e, "kind"), "invalid_input");
}

#[wasm_bindgen_test]
async fn bad_configuration_rejects_each_call() {
    let c = ConversationClient::new(obj(&[("sdkAppId", (-5).into())]));
    let e = rejected(c.list_conversations("a".into(), JsValue::UNDEFINED)).await;
    assert_eq!(get(&e, "kind"), "invalid_input");
    let c = ConversationClient::new(obj(&[
        ("sdkAppId", 1.into()),
        ("identifier", "a".into()),
        ("userSig", "s".into()),
        ("endpoint", "http://chat.example.com".into()),
    ]));
    let e = rejected(c.list_conversations("a".into(), JsValue::UNDEFINED)).await;
    assert!(get(&e, "message")
        .as_string()
        .unwrap()
        .contains("plain http"));
}

#[wasm_bindgen_test]
async fn unreachable_server_is_a_network_error() {
    let c = client("http://127.0.0.1:9");
    let e = rejected(c.list_conversations("a".into(), JsValue::UNDEFINED)).await;
    assert_eq!(get(&e, "kind"), "network");
    assert_eq!(get(&e, "command"), "v4/recentcontact/get_list");
    assert_eq!(get(&e, "attempts"), 1);
}

#[wasm_bindgen_test]
fn mark_values() {
    assert_eq!(Mark::Favorite as u8, 0);
    assert_eq!(Mark::Unread as u8, 1);
    assert_eq!(Mark::Collapsed as u8, 2);
    assert_eq!(Mark::Hidden as u8, 3);
}

/// Pin, mark, group and read back over real HTTP (needs the emulator; see the Makefile).
#[wasm_bindgen_test]
async fn round_trip_against_the_emulator() {
    let Some(url) = option_env!("CHAT_EMULATOR_URL") else {
        return;
    };
    let c = client(url);
    let account: JsValue = "carol".into();
    let convs: JsValue = Array::of1(&c2c("alice")).into();
    JsFuture::from(c.pin(account.clone(), convs.clone(), JsValue::UNDEFINED))
        .await
        .unwrap();
    let set = Array::of2(&0.into(), &40.into());
    let op = obj(&[("conversation", c2c("alice")), ("set", set.into())]);
    let results =
        JsFuture::from(c.mark(account.clone(), Array::of1(&op).into(), JsValue::UNDEFINED))
            .await
            .unwrap();
    assert_eq!(get(&Array::from(&results).get(0), "ok"), true);
    let page = JsFuture::from(c.list_conversations(account.clone(), JsValue::UNDEFINED))
        .await
        .unwrap();
    let first = Array::from(&get(&page, "items")).get(0);
    assert_eq!(get(&first, "pinned"), true);
    assert_eq!(get(&get(&first, "conversation"), "userId"), "alice");
    let groups = JsFuture::from(c.get_groups(account, JsValue::UNDEFINED))
        .await
        .unwrap();
    let marked = Array::from(&get(&groups, "conversations"));
    let alice = marked
        .iter()
        .find(|m| get(&get(m, "conversation"), "userId") == "alice")
        .expect("alice is marked");
    let marks: Vec<f64> = Array::from(&get(&alice, "marks"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    assert!(marks.contains(&0.0) && marks.contains(&40.0), "{marks:?}");
}

/// Guards against a browser run that silently ran in Node (see the Makefile's count check).
#[wasm_bindgen_test]
fn runs_where_expected() {
    let in_browser = Reflect::has(&js_sys::global(), &"document".into()).unwrap();
    let expected = option_env!("WASM_BINDGEN_USE_BROWSER").is_some();
    assert_eq!(in_browser, expected);
}

//! The Rust side of the package's lifecycle, run by `wasm-pack test` in Node and (with
//! WASM_BINDGEN_USE_BROWSER=1) in headless Chromium and Firefox, over real HTTP against the
//! emulator whose URL `scripts/test-wasm.sh` passes in CHAT_EMULATOR_URL at build time:
//! calls and walks settle after their client is dropped, which only Rust can do. Every
//! method through the package's JS API is the case matrix's (tests/matrix/cases.mjs), run
//! in Node, Chromium and Firefox by tests/consumer and tests/browser.
#![cfg(target_arch = "wasm32")]

use gloo_net::http::Request;
use js_sys::{Array, Object, Reflect};
use tencent_chat_conversations::wasm::{ConversationClient, PageIterator};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const SIG: &str = "emulator-usersig";

fn emulator() -> &'static str {
    match option_env!("CHAT_EMULATOR_URL") {
        Some(url) => url,
        None => panic!("build with CHAT_EMULATOR_URL set (scripts/test-wasm.sh does)"),
    }
}

/// A JS object from `(key, value)` pairs.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn client_with(endpoint: &str, extra: &[(&str, JsValue)]) -> ConversationClient {
    let mut pairs = vec![
        ("sdkAppId", JsValue::from(1400000000)),
        ("identifier", "administrator".into()),
        ("userSig", SIG.into()),
        ("endpoint", endpoint.into()),
    ];
    pairs.extend(extra.iter().cloned());
    ConversationClient::new(object(&pairs))
}

fn client() -> ConversationClient {
    client_with(emulator(), &[])
}

/// Calls the emulator's control API.
async fn control(method: &str, path: &str, body: &str) {
    let url = format!("{}/_emulator/{path}", emulator());
    let request = match method {
        "DELETE" => Request::delete(&url).build().unwrap(),
        _ => Request::post(&url)
            .header("content-type", "application/json")
            .body(body)
            .unwrap(),
    };
    let response = request.send().await.unwrap();
    assert!(response.ok(), "{method} {path}: {}", response.status());
}

async fn fault(command: &str, fault: &str) {
    let body = format!(r#"{{"command":"{command}","fault":{fault}}}"#);
    control("POST", "faults", &body).await;
}

async fn next(walk: &PageIterator) -> Option<JsValue> {
    let result = JsFuture::from(walk.next()).await.unwrap();
    (get(&result, "done") == false).then(|| get(&result, "value"))
}

#[wasm_bindgen_test]
async fn dropping_the_client_lets_its_calls_and_walks_settle() {
    // Dropping is what free() (or Symbol.dispose) does from JS: the calls own the transport.
    let c = client();
    fault("get_list", r#"{"kind":"delay","ms":200}"#).await;
    let call = c.list_conversations("alice".into(), JsValue::UNDEFINED);
    let walk = c.conversations("alice".into(), JsValue::UNDEFINED);
    drop(c);
    let page = call.await.unwrap();
    assert!(Array::is_array(&get(&page, "items")));
    assert!(next(&walk).await.is_some());
}

fn in_browser() -> bool {
    Reflect::has(&js_sys::global(), &"document".into()).unwrap()
}

/// Guards against a browser run that silently ran in Node (see the script's count check).
#[wasm_bindgen_test]
fn runs_where_expected() {
    let expected = option_env!("WASM_BINDGEN_USE_BROWSER").is_some();
    assert_eq!(in_browser(), expected);
}

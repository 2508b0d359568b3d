//! The wasm layer itself, run by `wasm-pack test` in Node and (with
//! WASM_BINDGEN_USE_BROWSER=1) in headless Chromium and Firefox: the exports the package's
//! JS half calls, and, when built with CHAT_EMULATOR_URL set, the same steps a call takes
//! (prepare, url, fetch, decode) over real HTTP against the emulator.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use tencent_chat_conversations::types::Mark;
use tencent_chat_conversations::wasm::{backoff_ms, check_timeout, decide, Engine};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const SIG: &str = "emulator-usersig";

fn engine(endpoint: &str) -> Engine {
    Engine::new(&format!(
        r#"{{"sdkAppId":1400000000,"identifier":"administrator","endpoint":"{endpoint}","maxRetries":0}}"#
    ))
}

/// The ChatError a failing export threw, parsed as the JS half parses it.
fn thrown(e: JsValue) -> JsValue {
    JSON::parse(&e.as_string().expect("thrown as a JSON string")).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn message(e: &JsValue) -> String {
    get(e, "info").as_string().unwrap()
}

const BOB: &str = r#"[{"type":"c2c","userId":"bob"}]"#;

#[wasm_bindgen_test]
fn invalid_input_is_thrown_as_a_chat_error() {
    let e = thrown(
        engine("http://127.0.0.1:9")
            .prepare("pin", r#""""#, BOB)
            .unwrap_err(),
    );
    assert_eq!(get(&e, "kind"), "invalid_input");
    assert_eq!(get(&e, "code"), 0);
    assert_eq!(get(&e, "attempts"), 0);
    assert_eq!(get(&e, "command"), "");
    assert!(message(&e).contains("account must not be empty"));
}

#[wasm_bindgen_test]
fn wrong_shapes_are_invalid_input_and_the_module_survives() {
    let e = engine("http://127.0.0.1:9");
    for bad in ["null", "5", r#""x""#, "[5]", r#"[{"type":"robot"}]"#] {
        let err = thrown(e.prepare("pin", r#""a""#, bad).unwrap_err());
        assert_eq!(get(&err, "kind"), "invalid_input", "{bad}");
    }
    let op = r#"[{"conversation":{"type":"c2c","userId":"b"},"set":[64]}]"#;
    let err = thrown(e.prepare("mark", r#""a""#, op).unwrap_err());
    assert!(message(&err).contains("outside 0..=63"));
    let err = thrown(
        e.prepare("getGroups", r#""a""#, r#"{"startIndex":-1}"#)
            .unwrap_err(),
    );
    assert_eq!(get(&err, "kind"), "invalid_input");
    assert!(e.prepare("pin", r#""a""#, BOB).is_ok());
}

#[wasm_bindgen_test]
fn a_bad_configuration_is_reported_by_every_call() {
    let e = Engine::new(r#"{"sdkAppId":-5}"#);
    assert_eq!(
        get(&thrown(e.check_ready().unwrap_err()), "kind"),
        "invalid_input"
    );
    assert!(e.prepare("pin", r#""a""#, BOB).is_err());
    let e = Engine::new(r#"{"sdkAppId":1,"identifier":"a","endpoint":"http://chat.example.com"}"#);
    assert!(message(&thrown(e.check_ready().unwrap_err())).contains("plain http"));
}

#[wasm_bindgen_test]
fn retry_policy_and_checks() {
    // 60007 (rate limited) is retried even when not idempotent, and ends as rate_limited.
    assert_eq!(decide("api", 60007.0, 200, 0, 2, false, false), 3);
    assert_eq!(decide("api", 60007.0, 200, 2, 2, false, false), 1);
    assert_eq!(decide("api", 70001.0, 200, 0, 2, true, true), 2);
    assert_eq!(decide("network", 0.0, 0, 0, 2, false, false), 0);
    assert_eq!(decide("nonsense", 0.0, 0, 0, 2, true, true), 0);
    let delay = backoff_ms(1, 0.5);
    assert!(delay > 0.0 && delay <= 400.0);
    assert!(check_timeout(0.0).is_err() && check_timeout(f64::NAN).is_err());
    assert!(check_timeout(5.0).is_ok());
}

#[wasm_bindgen_test]
fn mark_values() {
    assert_eq!(Mark::Favorite as u8, 0);
    assert_eq!(Mark::Unread as u8, 1);
    assert_eq!(Mark::Collapsed as u8, 2);
    assert_eq!(Mark::Hidden as u8, 3);
}

/// POSTs `body` with this runtime's own `fetch`, as the JS half does.
async fn post(url: &str, body: &str) -> (u16, String) {
    let global = js_sys::global();
    let fetch: Function = get(&global, "fetch").into();
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &"POST".into()).unwrap();
    Reflect::set(&init, &"body".into(), &body.into()).unwrap();
    let response = fetch.call2(&global, &url.into(), &init).unwrap();
    let response = JsFuture::from(Promise::from(response)).await.unwrap();
    let status = get(&response, "status").as_f64().unwrap() as u16;
    let text: Function = get(&response, "text").into();
    let text = JsFuture::from(Promise::from(text.call0(&response).unwrap()))
        .await
        .unwrap();
    (status, text.as_string().unwrap())
}

/// One call as the JS half makes it: prepare, url, fetch, decode.
async fn call(e: &Engine, method: &str, account: &str, input: &str) -> JsValue {
    let body = e.prepare(method, account, input).unwrap();
    let command = tencent_chat_conversations::wasm::command(method);
    let (status, text) = post(&e.url(&command, SIG, 7), &body).await;
    JSON::parse(&e.decode(method, status, &text, SIG).unwrap()).unwrap()
}

/// Pin, mark and read back over real HTTP (needs the emulator; see scripts/test-wasm.sh).
#[wasm_bindgen_test]
async fn round_trip_against_the_emulator() {
    let Some(url) = option_env!("CHAT_EMULATOR_URL") else {
        return;
    };
    let e = engine(url);
    let alice = r#"[{"type":"c2c","userId":"alice"}]"#;
    call(&e, "pin", r#""carol""#, alice).await;
    let op = r#"[{"conversation":{"type":"c2c","userId":"alice"},"set":[0,40]}]"#;
    let results = call(&e, "mark", r#""carol""#, op).await;
    assert_eq!(get(&Array::from(&results).get(0), "ok"), true);
    let page = call(&e, "listConversations", r#""carol""#, "null").await;
    let first = Array::from(&get(&page, "items")).get(0);
    assert_eq!(get(&first, "pinned"), true);
    assert_eq!(get(&get(&first, "conversation"), "userId"), "alice");
    let groups = call(&e, "getGroups", r#""carol""#, "null").await;
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
    // A wrong UserSig is an API error, and the sig it was sent with is not in it.
    let body = e
        .prepare("listConversations", r#""carol""#, "null")
        .unwrap();
    let (status, text) = post(&e.url("v4/recentcontact/get_list", "wrong-sig", 7), &body).await;
    let err = thrown(
        e.decode("listConversations", status, &text, "wrong-sig")
            .unwrap_err(),
    );
    assert_eq!(get(&err, "kind"), "api");
    assert!(!JSON::stringify(&err)
        .unwrap()
        .as_string()
        .unwrap()
        .contains("wrong-sig"));
}

/// Guards against a browser run that silently ran in Node (see the script's count check).
#[wasm_bindgen_test]
fn runs_where_expected() {
    let in_browser = Reflect::has(&js_sys::global(), &"document".into()).unwrap();
    let expected = option_env!("WASM_BINDGEN_USE_BROWSER").is_some();
    assert_eq!(in_browser, expected);
}

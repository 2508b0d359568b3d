//! The package's async methods themselves, run by `wasm-pack test` in Node and (with
//! WASM_BINDGEN_USE_BROWSER=1) in headless Chromium and Firefox, over real HTTP against the
//! emulator whose URL `scripts/test-wasm.sh` passes in CHAT_EMULATOR_URL at build time:
//! every endpoint, a walk, a timeout, an abort, a retry, a `userSig` function returning a
//! Promise, bad input rejecting, hostile answers, a network error naming its cause, and
//! calls settling after their client is dropped.
#![cfg(target_arch = "wasm32")]

use gloo_net::http::Request;
use js_sys::{Array, Function, Object, Promise, Reflect};
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

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
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

fn c2c(user: &str) -> JsValue {
    json(&format!(r#"[{{"type":"c2c","userId":"{user}"}}]"#))
}

/// The ChatError a call rejected with, checked to be one.
fn chat_error(e: JsValue, kind: &str) -> JsValue {
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "rejected with a non-Error"
    );
    assert_eq!(get(&e, "name"), "ChatError");
    assert_eq!(get(&e, "kind"), kind, "{:?}", get(&e, "info"));
    e
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

async fn sleep(ms: i32) {
    let set_timeout: Function = get(&js_sys::global(), "setTimeout").unchecked_into();
    let promise = Promise::new(&mut |resolve, _| {
        set_timeout
            .call2(&JsValue::UNDEFINED, &resolve, &ms.into())
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

async fn next(walk: &PageIterator) -> Option<JsValue> {
    let result = JsFuture::from(walk.next()).await.unwrap();
    (get(&result, "done") == false).then(|| get(&result, "value"))
}

#[wasm_bindgen_test]
async fn every_endpoint_against_the_emulator() {
    let c = client();
    c.pin("carol".into(), c2c("alice"), JsValue::UNDEFINED)
        .await
        .unwrap();
    let op = json(
        r#"[{"conversation":{"type":"c2c","userId":"alice"},"set":[0,40],"customMark":"vip"}]"#,
    );
    let results = c
        .mark("carol".into(), op, JsValue::UNDEFINED)
        .await
        .unwrap();
    assert_eq!(get(&Array::from(&results).get(0), "ok"), true);
    let name = format!("g{}", js_sys::Date::now() as u64 % 1_000_000);
    let group = object(&[
        ("name", name.as_str().into()),
        ("conversations", c2c("alice")),
    ]);
    let created = c
        .create_group("carol".into(), group, JsValue::UNDEFINED)
        .await;
    let created = created.unwrap();
    assert_eq!(get(&get(&created, "group"), "name"), name.as_str());

    let page = c
        .list_conversations("carol".into(), JsValue::UNDEFINED)
        .await
        .unwrap();
    let items = Array::from(&get(&page, "items"));
    let alice = items
        .iter()
        .position(|i| get(&get(&i, "conversation"), "userId") == "alice")
        .expect("carol has a conversation with alice");
    assert_eq!(get(&items.get(alice as u32), "pinned"), true);
    // Pinned conversations come first.
    assert!(items.iter().take(alice).all(|i| get(&i, "pinned") == true));
    assert_eq!(get(&page, "complete"), true);

    let groups = c
        .get_groups("carol".into(), JsValue::UNDEFINED)
        .await
        .unwrap();
    let alice = Array::from(&get(&groups, "conversations"))
        .iter()
        .find(|m| get(&get(m, "conversation"), "userId") == "alice")
        .expect("alice is marked");
    let marks: Vec<f64> = Array::from(&get(&alice, "marks"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    assert!(marks.contains(&0.0) && marks.contains(&40.0), "{marks:?}");
    assert_eq!(get(&alice, "customMark"), "vip");

    c.unpin("carol".into(), c2c("alice"), JsValue::UNDEFINED)
        .await
        .unwrap();
    let raw = json(
        r#"{"From_Account":"carol","TimeStamp":0,"StartIndex":0,"TopTimeStamp":0,"TopStartIndex":0,"AssistFlags":7}"#,
    );
    let body = c
        .request("v4/recentcontact/get_list".into(), raw, JsValue::UNDEFINED)
        .await
        .unwrap();
    assert_eq!(get(&body, "ActionStatus"), "OK");
    let items = Array::from(&get(&body, "SessionItem"));
    let alice = items
        .iter()
        .find(|i| get(i, "To_Account") == "alice")
        .expect("carol has a conversation with alice");
    assert_eq!(get(&alice, "TopFlag"), 0, "alice was unpinned");

    let all = c
        .get_all_groups("carol".into(), JsValue::UNDEFINED)
        .await
        .unwrap();
    let names: Vec<String> = Array::from(&get(&all, "groups"))
        .iter()
        .filter_map(|g| get(&g, "name").as_string())
        .collect();
    assert!(names.contains(&name), "{names:?}");
}

fn conversation_key(item: &JsValue) -> String {
    let c = get(item, "conversation");
    get(&c, "userId")
        .as_string()
        .or_else(|| get(&c, "groupId").as_string())
        .unwrap_or_default()
}

fn group_ids(item: &JsValue) -> Vec<f64> {
    Array::from(&get(item, "groupIds"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect()
}

#[wasm_bindgen_test]
async fn the_group_and_delete_endpoints_against_the_emulator() {
    // The same emulator serves the Node and both browser runs: start from the seed.
    control("POST", "reset", r#"{"seed":"demo"}"#).await;
    let c = client();
    let none = || JsValue::UNDEFINED;
    let group = object(&[
        ("name", "Friends".into()),
        ("conversations", c2c("user_030")),
    ]);
    let created = c.create_group("carol".into(), group, none()).await.unwrap();
    let id = get(&get(&created, "group"), "id");

    let rename = json(r#"{"name":"Friends","newName":"Pals"}"#);
    let renamed = c
        .rename_group("carol".into(), rename.clone(), none())
        .await
        .unwrap();
    assert_eq!(get(&renamed, "name"), "Pals");
    assert_eq!(get(&renamed, "id"), id);
    // The old name is gone: a repeat fails, and is not retried.
    let e = chat_error(
        c.rename_group("carol".into(), rename, none())
            .await
            .unwrap_err(),
        "api",
    );
    assert_eq!(get(&e, "attempts"), 1);

    let update = json(
        r#"{"name":"Pals","add":[{"type":"c2c","userId":"user_031"},{"type":"group","groupId":"@TGS#demo_001"}],
        "remove":[{"type":"c2c","userId":"user_030"}]}"#,
    );
    let updated = c
        .update_group("carol".into(), update, none())
        .await
        .unwrap();
    assert_eq!(get(&get(&updated, "group"), "id"), id);
    let results = Array::from(&get(&updated, "results"));
    assert_eq!(results.length(), 3);
    assert!(results.iter().all(|r| get(&r, "ok") == true));

    // More than 300 conversations: two requests, merged, matched by conversation.
    let mut asked: Vec<String> = (1..=257)
        .map(|i| format!(r#"{{"type":"group","groupId":"@TGS#demo_{i:03}"}}"#))
        .collect();
    for user in (1..=40)
        .map(|i| format!("user_{i:03}"))
        .chain(["alice", "bob", "dave", "administrator"].map(String::from))
    {
        asked.push(format!(r#"{{"type":"c2c","userId":"{user}"}}"#));
    }
    assert!(asked.len() > 300);
    let asked = json(&format!("[{}]", asked.join(",")));
    let found = c
        .find_conversations("carol".into(), asked, none())
        .await
        .unwrap();
    let conversations = Array::from(&get(&found, "conversations"));
    let in_pals: Vec<String> = conversations
        .iter()
        .filter(|m| group_ids(m).contains(&id.as_f64().unwrap()))
        .map(|m| conversation_key(&m))
        .collect();
    assert_eq!(in_pals, ["@TGS#demo_001", "user_031"], "in the order asked");
    let groups = Array::from(&get(&found, "groups"));
    let pals: Vec<JsValue> = groups.iter().filter(|g| get(g, "id") == id).collect();
    assert_eq!(pals.len(), 1);
    assert_eq!(get(&pals[0], "name"), "Pals");

    // get_list's default AssistFlags (63) brings the group ids; the documented bits alone
    // (a raw 7) leave them out.
    let page = c.list_conversations("carol".into(), none()).await.unwrap();
    let items = Array::from(&get(&page, "items"));
    let user_031 = items
        .iter()
        .find(|i| conversation_key(i) == "user_031")
        .expect("carol has a conversation with user_031");
    assert!(group_ids(&user_031).contains(&id.as_f64().unwrap()));
    let options = object(&[("assistFlags", 7.into())]);
    let page = c.list_conversations("carol".into(), options).await.unwrap();
    let items = Array::from(&get(&page, "items"));
    assert!(items.iter().all(|i| get(&i, "groupIds").is_undefined()));

    let deleted = c
        .delete_group("carol".into(), "Pals".into(), none())
        .await
        .unwrap();
    assert_eq!(
        (get(&deleted, "name"), get(&deleted, "id")),
        ("Pals".into(), id)
    );
    chat_error(
        c.delete_group("carol".into(), "Pals".into(), none())
            .await
            .unwrap_err(),
        "api",
    );

    let user_035 = json(r#"{"type":"c2c","userId":"user_035"}"#);
    let options = object(&[("clearHistory", true.into())]);
    c.delete_conversation("carol".into(), user_035, options)
        .await
        .unwrap();
    let group_chat = json(r#"{"type":"group","groupId":"@TGS#demo_001"}"#);
    c.delete_conversation("carol".into(), group_chat, none())
        .await
        .unwrap();
    let page = c.list_conversations("carol".into(), none()).await.unwrap();
    let left: Vec<String> = Array::from(&get(&page, "items"))
        .iter()
        .map(|i| conversation_key(&i))
        .collect();
    assert!(
        !left.iter().any(|k| k == "user_035" || k == "@TGS#demo_001"),
        "{left:?}"
    );

    // Bad input rejects before anything is sent.
    let bad = [
        c.rename_group("carol".into(), json(r#"{"name":"a","newName":""}"#), none()),
        c.rename_group("carol".into(), json(&format!(r#"{{"name":"a","newName":"{}"}}"#, "x".repeat(33))), none()),
        c.update_group("carol".into(), json(r#"{"name":"a"}"#), none()),
        c.update_group(
            "carol".into(),
            json(r#"{"name":"a","add":[{"type":"c2c","userId":"b"}],"remove":[{"type":"c2c","userId":"b"}]}"#),
            none(),
        ),
        c.delete_group("carol".into(), 5.into(), none()),
        c.find_conversations("carol".into(), json("[]"), none()),
        c.delete_conversation("carol".into(), json(r#"{"type":"group"}"#), none()),
        c.delete_conversation(
            "carol".into(),
            json(r#"{"type":"c2c","userId":"bob"}"#),
            object(&[("clearHistory", 1.into())]),
        ),
    ];
    for call in bad {
        let e = chat_error(call.await.unwrap_err(), "invalid_input");
        assert_eq!(get(&e, "attempts"), 0);
    }
}

#[wasm_bindgen_test]
async fn a_walk_goes_through_every_page_and_stops_on_return() {
    control("POST", "config", r#"{"pageSize":100}"#).await;
    let c = client();
    let pages = Array::new();
    let on_page = Closure::<dyn Fn(JsValue)>::new({
        let pages = pages.clone();
        move |page: JsValue| {
            pages.push(&get(&page, "page"));
        }
    });
    let options = object(&[("onPage", on_page.as_ref().clone())]);
    let walk = c.conversations("alice".into(), options);
    let mut seen = 0;
    while next(&walk).await.is_some() {
        seen += 1;
    }
    assert_eq!(seen, 300, "the demo seed gives alice 300 conversations");
    assert_eq!(pages.length(), 3);
    // Ended early, a walk makes no further request.
    let walk = c.conversations("alice".into(), JsValue::UNDEFINED);
    assert!(next(&walk).await.is_some());
    JsFuture::from(walk.finish(JsValue::UNDEFINED))
        .await
        .unwrap();
    assert!(next(&walk).await.is_none());
    // Bad input rejects the first next().
    let bad = c.conversations(JsValue::from(5), JsValue::UNDEFINED);
    chat_error(
        JsFuture::from(bad.next()).await.unwrap_err(),
        "invalid_input",
    );
}

#[wasm_bindgen_test]
async fn bad_input_rejects_and_the_module_survives() {
    let c = client();
    let bad = [
        (JsValue::from(""), c2c("bob")),
        (JsValue::from(42), c2c("bob")),
        ("a".into(), JsValue::NULL),
        ("a".into(), json(r#"[{"type":"robot","userId":"x"}]"#)),
        ("a".into(), json(r#"[{"type":"c2c","groupId":"g"}]"#)),
        ("a".into(), json("[5]")),
    ];
    for (account, conversations) in bad {
        let e = c
            .pin(account, conversations, JsValue::UNDEFINED)
            .await
            .unwrap_err();
        let e = chat_error(e, "invalid_input");
        assert_eq!(get(&e, "attempts"), 0);
    }
    let op = json(r#"[{"conversation":{"type":"c2c","userId":"b"},"set":[64]}]"#);
    let e = chat_error(
        c.mark("a".into(), op, JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "invalid_input",
    );
    assert!(get(&e, "info")
        .as_string()
        .unwrap()
        .contains("outside 0..=63"));
    let options = object(&[("signal", "not a signal".into())]);
    chat_error(
        c.list_conversations("a".into(), options).await.unwrap_err(),
        "invalid_input",
    );
    // A bad configuration is reported by every call, never thrown.
    let broken = ConversationClient::new(object(&[("sdkAppId", (-1).into())]));
    chat_error(
        broken
            .pin("a".into(), c2c("b"), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "invalid_input",
    );
    let broken = ConversationClient::new(JsValue::UNDEFINED);
    chat_error(
        broken
            .get_groups("a".into(), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "invalid_input",
    );
    // And the module still works.
    c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_and_an_abort_ends_the_call() {
    let c = client_with(emulator(), &[("maxRetries", 0.into())]);
    fault("get_list", r#"{"kind":"delay","ms":2000}"#).await;
    let options = object(&[("timeoutMs", 100.into())]);
    let e = chat_error(
        c.list_conversations("alice".into(), options)
            .await
            .unwrap_err(),
        "timeout",
    );
    assert_eq!(get(&e, "attempts"), 1);

    let controller = web_sys::AbortController::new().unwrap();
    let options = object(&[("signal", controller.signal().into())]);
    fault("get_list", r#"{"kind":"delay","ms":2000}"#).await;
    let started = js_sys::Date::now();
    let call = c.list_conversations("alice".into(), options);
    let abort = async {
        sleep(50).await;
        controller.abort_with_reason(&"any reason".into());
    };
    let (outcome, ()) = futures_join(JsFuture::from(call), abort).await;
    chat_error(outcome.unwrap_err(), "aborted");
    assert!(
        js_sys::Date::now() - started < 1500.0,
        "the abort did not end the call at once"
    );
    // Already aborted: nothing is sent.
    let options = object(&[("signal", controller.signal().into())]);
    let e = chat_error(
        c.pin("carol".into(), c2c("bob"), options)
            .await
            .unwrap_err(),
        "aborted",
    );
    assert_eq!(get(&e, "attempts"), 0);
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

#[wasm_bindgen_test]
async fn a_transient_failure_is_retried() {
    let retries = Array::new();
    let on_retry = Closure::<dyn Fn(JsValue)>::new({
        let retries = retries.clone();
        move |event: JsValue| {
            retries.push(&get(&event, "error"));
        }
    });
    let c = client_with(
        emulator(),
        &[
            ("maxRetries", 2.into()),
            ("onRetry", on_retry.as_ref().clone()),
        ],
    );
    fault("top", r#"{"kind":"error","code":50004}"#).await;
    c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
        .await
        .unwrap();
    assert_eq!(retries.length(), 1);
    let error = chat_error(retries.get(0), "api");
    assert_eq!(get(&error, "code"), 50004);
}

#[wasm_bindgen_test]
async fn a_user_sig_function_may_return_a_promise() {
    let sig = Function::new_no_args(&format!("return Promise.resolve('{SIG}')"));
    let c = client_with(emulator(), &[("userSig", sig.into())]);
    c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
        .await
        .unwrap();
    let wrong = Function::new_no_args("return Promise.resolve('wrong-sig')");
    let c = client_with(
        emulator(),
        &[("userSig", wrong.into()), ("maxRetries", 0.into())],
    );
    let e = chat_error(
        c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "api",
    );
    assert_eq!(get(&e, "code"), 70003);
    let shown = js_sys::JSON::stringify(&e).unwrap().as_string().unwrap();
    assert!(!shown.contains("wrong-sig"), "{shown}");
}

#[wasm_bindgen_test]
async fn a_failing_user_sig_function_is_its_own_kind_with_the_host_error_as_cause() {
    let thrown = js_sys::Error::new("signer down");
    for body in ["throw this", "return Promise.reject(this)"] {
        let sig = Function::new_no_args(body).bind0(&thrown);
        let c = client_with(emulator(), &[("userSig", sig.into())]);
        let e = chat_error(
            c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
                .await
                .unwrap_err(),
            "user_sig",
        );
        assert_eq!(get(&e, "attempts"), 0);
        assert_eq!(get(&e, "command"), "v4/recentcontact/top");
        assert!(get(&e, "cause") == JsValue::from(thrown.clone()), "{body}");
    }
    // A hook that is not a function is a bad configuration, named.
    let c = client_with(emulator(), &[("onRetry", "log".into())]);
    let e = chat_error(
        c.pin("carol".into(), c2c("bob"), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "invalid_input",
    );
    assert!(get(&e, "info").as_string().unwrap().contains("`onRetry`"));
}

#[wasm_bindgen_test]
async fn hostile_answers_are_classified_and_the_client_keeps_working() {
    let c = client_with(emulator(), &[("maxRetries", 0.into())]);
    fault("get_list", r#"{"kind":"truncated"}"#).await;
    chat_error(
        c.list_conversations("alice".into(), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "bad_response",
    );
    fault("get_list", r#"{"kind":"http502"}"#).await;
    let e = chat_error(
        c.list_conversations("alice".into(), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "http",
    );
    assert_eq!(get(&e, "httpStatus"), 502);
    // (Connection resets are in tests/hostile: a browser may resend after one by itself.)
    c.list_conversations("alice".into(), JsValue::UNDEFINED)
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_network_error_names_its_cause() {
    // Nothing listens on port 47 here (and fetch does not refuse it as it does port 9).
    let c = client_with("http://127.0.0.1:47", &[("maxRetries", 0.into())]);
    let e = chat_error(
        c.pin("a".into(), c2c("b"), JsValue::UNDEFINED)
            .await
            .unwrap_err(),
        "network",
    );
    let info = get(&e, "info").as_string().unwrap();
    assert!(info.starts_with("the request failed: "), "{info}");
    if !in_browser() {
        // Node gives the reason in the error's cause.
        assert!(info.contains("ECONNREFUSED 127.0.0.1:47"), "{info}");
    }
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

/// Polls two futures to completion together (the test needs no executor crate for this).
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::future::poll_fn;
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    poll_fn(|cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (ra.unwrap(), rb.unwrap())
}

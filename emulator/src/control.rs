//! The control API under `/_emulator/`: JSON in and out, no auth.

use crate::api::COMMANDS;
use crate::app::{App, FaultEntry, FaultKind};
use crate::config::Seed;
use crate::model::{mark_bits, Kind, CUSTOM_MARK_MAX};
use crate::seed::{generate, Generate};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Most conversations one `generate` may add.
const GENERATE_MAX: usize = 100_000;
/// Longest injected delay.
const DELAY_MAX_MS: u64 = 60_000;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/_emulator/health", get(health))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/accounts", post(accounts))
        .route("/_emulator/conversations", post(conversations))
        .route("/_emulator/state", get(state))
        .route("/_emulator/config", get(get_config).post(set_config))
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/stats", get(stats))
        .route("/_emulator/stats/reset", post(reset_stats))
}

fn error(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, Json(json!({"ok": false, "error": msg.into()}))).into_response()
}

fn bad_request(msg: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, msg)
}

/// Parses a JSON body; an empty body counts as `{}`.
fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, String> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|e| format!("invalid body: {e}"))
}

async fn health() -> Json<Value> {
    Json(json!({"ok": true}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetReq {
    #[serde(default)]
    seed: Option<String>,
}

async fn reset(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let req: ResetReq = match parse(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(e),
    };
    let seed = match req.seed.as_deref() {
        None | Some("none") => Seed::None,
        Some("demo") => Seed::Demo,
        Some(other) => return bad_request(format!("unknown seed {other:?} (demo|none)")),
    };
    let snap = {
        let mut inner = app.lock();
        app.reset(&mut inner, seed);
        app.mutated(&mut inner)
    };
    app.persist(snap).await;
    Json(json!({"ok": true})).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsReq {
    accounts: Vec<String>,
}

async fn accounts(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let req: AccountsReq = match parse(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(e),
    };
    if req.accounts.iter().any(String::is_empty) {
        return bad_request("account ids must not be empty");
    }
    let (imported, snap) = {
        let mut inner = app.lock();
        let n = req.accounts.iter().filter(|a| inner.data.import(a)).count();
        (n, app.mutated(&mut inner))
    };
    app.persist(snap).await;
    Json(json!({"ok": true, "imported": imported})).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConvSpec {
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    group_id: Option<String>,
    #[serde(default)]
    msg_time: Option<u64>,
    #[serde(default)]
    pinned: Option<bool>,
    #[serde(default)]
    marks: Option<Vec<u32>>,
    #[serde(default)]
    custom_mark: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GenerateSpec {
    count: usize,
    #[serde(default)]
    groups: f64,
    #[serde(default)]
    start_time: Option<u64>,
    #[serde(default)]
    pinned: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConversationsReq {
    account: String,
    #[serde(default)]
    conversations: Vec<ConvSpec>,
    #[serde(default)]
    generate: Option<GenerateSpec>,
}

async fn conversations(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let req: ConversationsReq = match parse(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(e),
    };
    if req.account.is_empty() {
        return bad_request("account must not be empty");
    }
    let mut specs = Vec::with_capacity(req.conversations.len());
    for (i, c) in req.conversations.iter().enumerate() {
        let id = match c.kind {
            Kind::C2c => c.user_id.as_deref(),
            Kind::Group => c.group_id.as_deref(),
        };
        let Some(id) = id.filter(|s| !s.is_empty()) else {
            return bad_request(format!(
                "conversations[{i}]: type c2c needs userId, type group needs groupId"
            ));
        };
        if c.marks.as_ref().is_some_and(|m| m.iter().any(|b| *b > 63)) {
            return bad_request(format!("conversations[{i}]: mark bits are 0..=63"));
        }
        if c.custom_mark
            .as_ref()
            .is_some_and(|m| m.len() > CUSTOM_MARK_MAX)
        {
            return bad_request(format!(
                "conversations[{i}]: customMark is at most {CUSTOM_MARK_MAX} bytes"
            ));
        }
        specs.push((
            crate::model::ConvKey {
                kind: c.kind,
                id: id.to_owned(),
            },
            c,
        ));
    }
    if let Some(g) = &req.generate {
        if g.count > GENERATE_MAX {
            return bad_request(format!("generate.count is at most {GENERATE_MAX}"));
        }
    }
    let (total, generated, snap) = {
        let mut inner = app.lock();
        let data = &mut inner.data;
        data.import(&req.account);
        for (key, _) in &specs {
            if key.kind == Kind::C2c {
                data.import(&key.id);
            }
        }
        let generated = req.generate.as_ref().map(|g| {
            generate(
                data,
                &req.account,
                &Generate {
                    count: g.count,
                    groups: g.groups,
                    start_time: g.start_time.unwrap_or(1_700_000_000),
                    pinned: g.pinned,
                },
            )
        });
        let mut total = 0;
        if let Some(acc) = data.accounts.get_mut(&req.account) {
            for (key, c) in &specs {
                let i = acc.ensure(key);
                let conv = &mut acc.conversations[i];
                if let Some(t) = c.msg_time {
                    conv.msg_time = t;
                }
                if let Some(p) = c.pinned {
                    if p != conv.pinned {
                        conv.pinned = p;
                        conv.pinned_at = if p { crate::model::now_secs() } else { 0 };
                    }
                }
                if let Some(m) = &c.marks {
                    conv.marks = m.iter().fold(0u64, |acc, b| acc | (1u64 << b));
                }
                if let Some(cm) = &c.custom_mark {
                    conv.custom_mark.clone_from(cm);
                }
                if c.marks.is_some() || c.custom_mark.is_some() {
                    conv.mark_time = crate::model::now_secs();
                }
                acc.refresh_mark_seq(i);
            }
            total = acc.conversations.len();
        }
        (total, generated, app.mutated(&mut inner))
    };
    app.persist(snap).await;
    let mut out = json!({"ok": true, "account": req.account, "conversations": total});
    if let Some(n) = generated {
        out["generated"] = json!(n);
    }
    Json(out).into_response()
}

#[derive(Deserialize)]
struct StateQuery {
    account: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StateConv {
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    msg_time: u64,
    pinned: bool,
    marks: Vec<u32>,
    custom_mark: String,
    group_ids: Vec<u32>,
}

async fn state(State(app): State<Arc<App>>, Query(q): Query<StateQuery>) -> Response {
    let inner = app.lock();
    let Some(account) = q.account else {
        let accounts: Vec<&String> = inner.data.accounts.keys().collect();
        return Json(json!({ "accounts": accounts })).into_response();
    };
    let Some(acc) = inner.data.accounts.get(&account) else {
        return error(StatusCode::NOT_FOUND, format!("unknown account {account}"));
    };
    let conversations: Vec<StateConv> = acc
        .conversations
        .iter()
        .map(|c| StateConv {
            kind: c.kind,
            user_id: (c.kind == Kind::C2c).then(|| c.id.clone()),
            group_id: (c.kind == Kind::Group).then(|| c.id.clone()),
            msg_time: c.msg_time,
            pinned: c.pinned,
            marks: mark_bits(c.marks),
            custom_mark: c.custom_mark.clone(),
            group_ids: c.group_ids.clone(),
        })
        .collect();
    Json(json!({
        "account": account,
        "conversations": conversations,
        "groups": acc.groups,
    }))
    .into_response()
}

fn config_json(app: &App) -> Value {
    let inner = app.lock();
    let mut v = json!(inner.rt);
    v["sdkappid"] = json!(app.base.sdkappid);
    v["identifier"] = json!(app.base.identifier);
    v
}

async fn get_config(State(app): State<Arc<App>>) -> Response {
    Json(json!({"ok": true, "config": config_json(&app)})).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigReq {
    page_size: Option<usize>,
    group_page_size: Option<usize>,
    pinned_limit: Option<usize>,
    rate_limit: Option<u32>,
    user_sig: Option<String>,
    expired_user_sigs: Option<Vec<String>>,
}

async fn set_config(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let req: ConfigReq = match parse(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(e),
    };
    if req.page_size == Some(0) || req.group_page_size == Some(0) {
        return bad_request("page sizes must be at least 1");
    }
    if req.user_sig.as_deref() == Some("") {
        return bad_request("userSig must not be empty");
    }
    {
        let mut inner = app.lock();
        let rt = &mut inner.rt;
        if let Some(v) = req.page_size {
            rt.page_size = v;
        }
        if let Some(v) = req.group_page_size {
            rt.group_page_size = v;
        }
        if let Some(v) = req.pinned_limit {
            rt.pinned_limit = v;
        }
        if let Some(v) = req.rate_limit {
            rt.rate_limit = v;
        }
        if let Some(v) = req.user_sig {
            rt.user_sig = v;
        }
        if let Some(v) = req.expired_user_sigs {
            rt.expired_user_sigs = v.into_iter().collect();
        }
        if req.rate_limit.is_some() {
            inner.rate.clear();
        }
    }
    Json(json!({"ok": true, "config": config_json(&app)})).into_response()
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultReq {
    command: String,
    #[serde(default = "one")]
    count: u32,
    fault: FaultKind,
}

fn faults_json(app: &App) -> Value {
    let inner = app.lock();
    let map: BTreeMap<&String, Vec<&FaultEntry>> = inner
        .faults
        .iter()
        .map(|(k, q)| (k, q.iter().collect()))
        .collect();
    json!(map)
}

async fn list_faults(State(app): State<Arc<App>>) -> Response {
    Json(json!({"ok": true, "faults": faults_json(&app)})).into_response()
}

async fn add_fault(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let req: FaultReq = match parse(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(e),
    };
    if req.command != "*" && !COMMANDS.contains(&req.command.as_str()) {
        return bad_request(format!(
            "command must be \"*\" or one of {}",
            COMMANDS.join(", ")
        ));
    }
    if req.count == 0 {
        return bad_request("count must be at least 1");
    }
    match &req.fault {
        FaultKind::Delay { ms } if *ms > DELAY_MAX_MS => {
            return bad_request(format!("delay ms is at most {DELAY_MAX_MS}"));
        }
        FaultKind::Error { code: 0, .. } => return bad_request("error code must not be 0"),
        _ => {}
    }
    {
        let mut inner = app.lock();
        inner
            .faults
            .entry(req.command)
            .or_default()
            .push_back(FaultEntry {
                fault: req.fault,
                remaining: req.count,
            });
    }
    Json(json!({"ok": true, "faults": faults_json(&app)})).into_response()
}

async fn clear_faults(State(app): State<Arc<App>>) -> Response {
    app.lock().faults.clear();
    Json(json!({"ok": true})).into_response()
}

async fn stats(State(app): State<Arc<App>>) -> Response {
    let inner = app.lock();
    Json(json!({
        "counts": inner.counts,
        "recent": inner.recent,
    }))
    .into_response()
}

async fn reset_stats(State(app): State<Arc<App>>) -> Response {
    app.lock().reset_stats();
    Json(json!({"ok": true})).into_response()
}

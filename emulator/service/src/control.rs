//! The control API under `/_emulator/`: JSON in and out, no auth.

use crate::command::Command;
use crate::config::{Seed, ServiceConfig, Setting, SETTINGS};
use crate::http::{control_error, method_not_allowed, not_found, parse_query, Request, Response};
use crate::model::{mark_bits, ConvKey, Kind, CUSTOM_MARK_MAX};
use crate::seed::{generate, Generate};
use crate::state::{FaultEntry, FaultKind, State};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Most conversations one `generate` may add.
const GENERATE_MAX: usize = 100_000;
/// Longest injected delay.
const DELAY_MAX_MS: u64 = 60_000;

/// Answers a request for any path outside `/v4/recentcontact/`.
pub fn handle(svc: &mut State, req: &Request, now_ms: u64) -> Response {
    let now = now_ms / 1000;
    let m = req.method.as_str();
    let body = req.body.as_deref();
    let res = match (req.path.as_str(), m) {
        ("/_emulator/health", "GET") => Ok(json!({"ok": true})),
        ("/_emulator/reset", "POST") => parse(body).and_then(|r| reset(svc, r)),
        ("/_emulator/accounts", "POST") => parse(body).and_then(|r| accounts(svc, r)),
        ("/_emulator/conversations", "POST") => {
            parse(body).and_then(|r| conversations(svc, r, now))
        }
        ("/_emulator/state", "GET") => state(svc, req.query.as_deref()),
        ("/_emulator/config", "GET") => Ok(json!({"ok": true, "config": config_json(&svc.config)})),
        ("/_emulator/config", "POST") => parse(body).and_then(|r| set_config(svc, r)),
        ("/_emulator/faults", "GET") => Ok(json!({"ok": true, "faults": svc.faults.to_json()})),
        ("/_emulator/faults", "POST") => parse(body).and_then(|r| add_fault(svc, r)),
        ("/_emulator/faults", "DELETE") => {
            svc.faults.clear();
            Ok(json!({"ok": true}))
        }
        ("/_emulator/stats", "GET") => Ok(json!(svc.stats)),
        ("/_emulator/stats/reset", "POST") => {
            svc.stats.reset();
            Ok(json!({"ok": true}))
        }
        (
            "/_emulator/health"
            | "/_emulator/reset"
            | "/_emulator/accounts"
            | "/_emulator/conversations"
            | "/_emulator/state"
            | "/_emulator/config"
            | "/_emulator/faults"
            | "/_emulator/stats"
            | "/_emulator/stats/reset",
            _,
        ) => return method_not_allowed(),
        _ => return not_found(),
    };
    match res {
        Ok(v) => {
            let mutated = matches!(
                req.path.as_str(),
                "/_emulator/reset" | "/_emulator/accounts" | "/_emulator/conversations"
            );
            let mut r = Response::new(
                200,
                "application/json",
                serde_json::to_vec(&v).unwrap_or_default(),
            );
            r.mutated = mutated;
            r
        }
        Err(e) => e.response(),
    }
}

/// A refused control request: 400, or 404 for an unknown account.
enum Refusal {
    Bad(String),
    NotFound(String),
}

impl Refusal {
    fn response(self) -> Response {
        match self {
            Refusal::Bad(m) => control_error(400, &m),
            Refusal::NotFound(m) => control_error(404, &m),
        }
    }
}

type Answer = Result<Value, Refusal>;

fn bad_request(msg: impl Into<String>) -> Refusal {
    Refusal::Bad(msg.into())
}

/// Parses a JSON body; an empty body counts as `{}`.
fn parse<T: DeserializeOwned>(body: Option<&[u8]>) -> Result<T, Refusal> {
    let body = body.ok_or_else(|| bad_request("invalid body: could not be read"))?;
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|e| bad_request(format!("invalid body: {e}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetReq {
    #[serde(default)]
    seed: Option<Seed>,
}

fn reset(svc: &mut State, req: ResetReq) -> Answer {
    svc.reset(req.seed.unwrap_or(Seed::None));
    Ok(json!({"ok": true}))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsReq {
    accounts: Vec<String>,
}

fn accounts(svc: &mut State, req: AccountsReq) -> Answer {
    if req.accounts.iter().any(String::is_empty) {
        return Err(bad_request("account ids must not be empty"));
    }
    let n = req.accounts.iter().filter(|a| svc.data.import(a)).count();
    svc.touch();
    Ok(json!({"ok": true, "imported": n}))
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
    /// Unix seconds to report as the Timestamp of the marks and groups.
    #[serde(default)]
    mark_time: Option<u64>,
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

fn conversations(svc: &mut State, req: ConversationsReq, now: u64) -> Answer {
    if req.account.is_empty() {
        return Err(bad_request("account must not be empty"));
    }
    let mut specs = Vec::with_capacity(req.conversations.len());
    for (i, c) in req.conversations.iter().enumerate() {
        let id = match c.kind {
            Kind::C2c => c.user_id.as_deref(),
            Kind::Group => c.group_id.as_deref(),
        };
        let Some(id) = id.filter(|s| !s.is_empty()) else {
            return Err(bad_request(format!(
                "conversations[{i}]: type c2c needs userId, type group needs groupId"
            )));
        };
        if c.marks.as_ref().is_some_and(|m| m.iter().any(|b| *b > 63)) {
            return Err(bad_request(format!(
                "conversations[{i}]: mark bits are 0..=63"
            )));
        }
        if c.custom_mark
            .as_ref()
            .is_some_and(|m| m.len() > CUSTOM_MARK_MAX)
        {
            return Err(bad_request(format!(
                "conversations[{i}]: customMark is at most {CUSTOM_MARK_MAX} bytes"
            )));
        }
        specs.push((
            ConvKey {
                kind: c.kind,
                id: id.to_owned(),
            },
            c,
        ));
    }
    if let Some(g) = &req.generate {
        if g.count > GENERATE_MAX {
            return Err(bad_request(format!(
                "generate.count is at most {GENERATE_MAX}"
            )));
        }
    }
    let data = &mut svc.data;
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
            conv.deleted = false;
            if let Some(t) = c.msg_time {
                conv.msg_time = t;
            }
            if let Some(p) = c.pinned {
                if p != conv.pinned {
                    conv.pinned = p;
                    conv.pinned_at = if p { now } else { 0 };
                }
            }
            if let Some(m) = &c.marks {
                conv.marks = m.iter().fold(0u64, |acc, b| acc | (1u64 << b));
            }
            if let Some(cm) = &c.custom_mark {
                conv.custom_mark.clone_from(cm);
            }
            if let Some(t) = c.mark_time {
                conv.mark_time = t;
            } else if c.marks.is_some() || c.custom_mark.is_some() {
                conv.mark_time = now;
            }
            acc.refresh_mark_seq(i);
        }
        total = acc.conversations.len();
    }
    svc.touch();
    let mut out = json!({"ok": true, "account": req.account, "conversations": total});
    if let Some(n) = generated {
        out["generated"] = json!(n);
    }
    Ok(out)
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
    /// Only when true: off the conversation list, kept for its marks and groups.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

fn state(svc: &State, query: Option<&str>) -> Answer {
    let account = query.map(parse_query).and_then(|mut q| q.remove("account"));
    let Some(account) = account else {
        let accounts: Vec<&String> = svc.data.accounts.keys().collect();
        return Ok(json!({ "accounts": accounts }));
    };
    let Some(acc) = svc.data.accounts.get(&account) else {
        return Err(Refusal::NotFound(format!("unknown account {account}")));
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
            deleted: c.deleted,
        })
        .collect();
    Ok(json!({
        "account": account,
        "conversations": conversations,
        "groups": acc.groups,
    }))
}

/// The settings in force, as `ServiceConfig`'s JSON less the secret key.
fn config_json(config: &ServiceConfig) -> Value {
    let mut map = config.to_map();
    map.remove("secretKey");
    Value::Object(map)
}

/// Changes the settings `changes` names; only the changeable ones may be named.
fn set_config(svc: &mut State, changes: Map<String, Value>) -> Answer {
    for key in changes.keys() {
        if !Setting::by_key(key).is_some_and(|s| s.changeable) {
            let names: Vec<String> = SETTINGS
                .iter()
                .filter(|s| s.changeable)
                .map(Setting::key)
                .collect();
            return Err(bad_request(format!(
                "{key:?} cannot be changed at run time; these can: {}",
                names.join(", ")
            )));
        }
    }
    let rate_changed = changes.contains_key("rateLimit");
    let mut merged = svc.config.to_map();
    merged.extend(changes);
    svc.config = ServiceConfig::from_map(merged).map_err(|e| bad_request(e.to_string()))?;
    if rate_changed {
        svc.rate.clear();
    }
    Ok(json!({"ok": true, "config": config_json(&svc.config)}))
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

fn add_fault(svc: &mut State, req: FaultReq) -> Answer {
    if req.command != "*" && Command::parse(&req.command).is_none() {
        let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
        return Err(bad_request(format!(
            "command must be \"*\" or one of {}",
            names.join(", ")
        )));
    }
    if req.count == 0 {
        return Err(bad_request("count must be at least 1"));
    }
    match &req.fault {
        FaultKind::Delay { ms } if *ms > DELAY_MAX_MS => {
            return Err(bad_request(format!("delay ms is at most {DELAY_MAX_MS}")));
        }
        FaultKind::Error { code: 0, .. } => return Err(bad_request("error code must not be 0")),
        _ => {}
    }
    svc.faults.push(
        req.command,
        FaultEntry {
            fault: req.fault,
            remaining: req.count,
        },
    );
    Ok(json!({"ok": true, "faults": svc.faults.to_json()}))
}

//! `POST /v4/recentcontact/{command}`: envelope checks, faults, rate limit and the five
//! endpoints. Requests are parsed from `serde_json::Value` by hand so every error names
//! the exact wire field.

use crate::app::{App, FaultKind, Inner, RecentRequest, Runtime, Snapshot};
use crate::config::Config;
use crate::model::{
    now_millis, now_secs, standard_mark_string, Account, ContactGroup, ConvKey, Conversation, Data,
    Kind, CUSTOM_MARK_MAX, GROUP_LIMIT, GROUP_NAME_MAX, MARKED_LIMIT,
};
use crate::server::ConnControl;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

/// Largest request body read, in bytes.
const BODY_LIMIT: usize = 8 * 1024 * 1024;
/// Most MarkItem per mark_contact call.
const MARK_ITEMS_MAX: usize = 100;

pub const COMMANDS: [&str; 5] = [
    "top",
    "mark_contact",
    "create_contact_group",
    "get_contact_group",
    "get_list",
];

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub code: u32,
    pub info: String,
}

type ApiResult<T> = Result<T, ApiError>;

fn err(code: u32, info: impl Into<String>) -> ApiError {
    ApiError {
        code,
        info: info.into(),
    }
}

fn bad(info: impl Into<String>) -> ApiError {
    err(50002, info)
}

#[derive(Serialize)]
struct Envelope<T: Serialize> {
    #[serde(flatten)]
    body: T,
    #[serde(rename = "ActionStatus")]
    action_status: &'static str,
    #[serde(rename = "ErrorCode")]
    error_code: u32,
    #[serde(rename = "ErrorInfo")]
    error_info: String,
    #[serde(rename = "ErrorDisplay")]
    error_display: &'static str,
}

#[derive(Serialize)]
struct Empty {}

fn ok_bytes<T: Serialize>(body: T) -> ApiResult<Vec<u8>> {
    serde_json::to_vec(&Envelope {
        body,
        action_status: "OK",
        error_code: 0,
        error_info: String::new(),
        error_display: "",
    })
    .map_err(|e| err(50004, format!("internal error: {e}")))
}

pub fn fail_bytes(e: &ApiError) -> Vec<u8> {
    serde_json::to_vec(&Envelope {
        body: Empty {},
        action_status: "FAIL",
        error_code: e.code,
        error_info: e.info.clone(),
        error_display: "",
    })
    .unwrap_or_else(|_| br#"{"ActionStatus":"FAIL","ErrorCode":50004}"#.to_vec())
}

fn json_response(bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        Body::from(bytes),
    )
        .into_response()
}

fn http502() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html")],
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    )
        .into_response()
}

/// The whole `/v4/recentcontact/{command}` pipeline.
pub async fn handle(app: Arc<App>, command: String, req: Request) -> Response {
    let received_at_ms = now_millis();
    let conn = req.extensions().get::<ConnControl>().cloned();
    let raw_query = req.uri().query().map(str::to_owned);
    let body = axum::body::to_bytes(req.into_body(), BODY_LIMIT).await;
    let query: Option<BTreeMap<String, String>> = raw_query.as_deref().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()
            .map(|v| v.into_iter().collect())
    });
    let (parsed, raw_body): (Option<Value>, Value) = match &body {
        Ok(b) => match serde_json::from_slice::<Value>(b) {
            Ok(v) => (Some(v.clone()), v),
            Err(_) => (None, Value::String(String::from_utf8_lossy(b).into_owned())),
        },
        Err(_) => (None, Value::Null),
    };

    let fault = {
        let mut inner = app.lock();
        inner.record(RecentRequest {
            command: command.clone(),
            query: query.clone().unwrap_or_default(),
            body: raw_body,
            received_at_ms,
        });
        inner.take_fault(&command)
    };

    let mut truncate = false;
    match fault {
        None => {}
        Some(FaultKind::Delay { ms }) => {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await
        }
        Some(FaultKind::Http502) => return http502(),
        Some(FaultKind::Error { code, info }) => {
            let info = info.unwrap_or_else(|| format!("injected fault: error {code}"));
            return json_response(fail_bytes(&err(code, info)));
        }
        Some(FaultKind::Drop) => {
            if let Some(conn) = conn {
                conn.kill();
                // The connection task drops this future together with the socket.
                return std::future::pending::<Response>().await;
            }
            return http502();
        }
        Some(FaultKind::Truncated) => truncate = true,
    }

    if body.is_err() {
        return json_response(fail_bytes(&err(
            60002,
            "HTTP request body could not be read",
        )));
    }

    let (result, snapshot) = {
        let mut inner = app.lock();
        run(&app, &mut inner, &command, query.as_ref(), parsed)
    };
    app.persist(snapshot).await;
    let mut bytes = match result {
        Ok(b) => b,
        Err(e) => fail_bytes(&e),
    };
    if truncate {
        bytes.truncate(bytes.len() / 2);
    }
    json_response(bytes)
}

fn run(
    app: &App,
    inner: &mut Inner,
    command: &str,
    query: Option<&BTreeMap<String, String>>,
    body: Option<Value>,
) -> (ApiResult<Vec<u8>>, Option<Snapshot>) {
    if !inner.rate_ok(command, Instant::now()) {
        return (
            Err(err(60007, "REST API call frequency limit exceeded")),
            None,
        );
    }
    if let Err(e) = check_envelope(query, &app.base, &inner.rt) {
        return (Err(e), None);
    }
    if !COMMANDS.contains(&command) {
        return (
            Err(err(
                60002,
                format!("unknown command recentcontact/{command}"),
            )),
            None,
        );
    }
    let Some(body) = body else {
        return (Err(err(60003, "request body is not valid JSON")), None);
    };
    let Some(obj) = body.as_object() else {
        return (Err(bad("request body must be a JSON object")), None);
    };
    let rt = inner.rt.clone();
    let (res, mutating) = match command {
        "top" => (top(&mut inner.data, &rt, obj), true),
        "mark_contact" => (mark_contact(&mut inner.data, obj), true),
        "create_contact_group" => (create_contact_group(&mut inner.data, obj), true),
        "get_contact_group" => (get_contact_group(&inner.data, &rt, obj), false),
        _ => (get_list(&inner.data, &rt, obj), false),
    };
    let snap = if mutating && res.is_ok() {
        app.mutated(inner)
    } else {
        None
    };
    (res, snap)
}

/// Query-string checks, in this order: sdkappid, identifier, usersig, random, contenttype.
pub fn check_envelope(
    query: Option<&BTreeMap<String, String>>,
    base: &Config,
    rt: &Runtime,
) -> ApiResult<()> {
    let q = query.ok_or_else(|| err(60002, "HTTP request has no query string"))?;
    match q.get("sdkappid").map(|s| s.parse::<u64>()) {
        None => return Err(err(60006, "sdkappid is missing")),
        Some(Err(_)) => return Err(err(60006, "sdkappid is not a valid SDKAppID")),
        Some(Ok(v)) if v != base.sdkappid => {
            return Err(err(70020, format!("SDKAppID {v} not found")))
        }
        Some(Ok(_)) => {}
    }
    if q.get("identifier") != Some(&base.identifier) {
        return Err(err(
            60010,
            "identifier must be an app administrator account",
        ));
    }
    match q.get("usersig").map(String::as_str) {
        None | Some("") => return Err(err(70002, "UserSig is empty")),
        Some(s) if s == rt.user_sig => {}
        Some(s) if rt.expired_user_sigs.contains(s) => {
            return Err(err(70001, "UserSig expired, generate a new one"))
        }
        Some(_) => return Err(err(70003, "UserSig is invalid")),
    }
    if q.get("random")
        .and_then(|r| r.parse::<u32>().ok())
        .is_none()
    {
        return Err(err(70402, "random must be an unsigned 32-bit integer"));
    }
    if q.get("contenttype").map(String::as_str) != Some("json") {
        return Err(err(70402, "contenttype must be json"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Field access

fn path_of(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

fn field<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<&'a Value> {
    match o.get(name) {
        Some(v) => Ok(v),
        None => Err(bad(format!(
            "missing required field {}",
            path_of(parent, name)
        ))),
    }
}

fn opt_field<'a>(o: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    o.get(name).filter(|v| !v.is_null())
}

fn as_u64(v: &Value, path: &str) -> ApiResult<u64> {
    v.as_u64()
        .ok_or_else(|| bad(format!("{path} must be a non-negative integer")))
}

fn req_u64(o: &Map<String, Value>, parent: &str, name: &str) -> ApiResult<u64> {
    as_u64(field(o, parent, name)?, &path_of(parent, name))
}

fn req_str<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<&'a str> {
    field(o, parent, name)?
        .as_str()
        .ok_or_else(|| bad(format!("{} must be a string", path_of(parent, name))))
}

fn req_array<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<&'a Vec<Value>> {
    field(o, parent, name)?
        .as_array()
        .ok_or_else(|| bad(format!("{} must be an array", path_of(parent, name))))
}

fn opt_u64_array(o: &Map<String, Value>, parent: &str, name: &str) -> ApiResult<Vec<u64>> {
    let path = path_of(parent, name);
    match opt_field(o, name) {
        None => Ok(Vec::new()),
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| as_u64(v, &format!("{path}[{i}]")))
            .collect(),
        Some(_) => Err(bad(format!("{path} must be an array of integers"))),
    }
}

fn opt_str<'a>(o: &'a Map<String, Value>, parent: &str, name: &str) -> ApiResult<Option<&'a str>> {
    match opt_field(o, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(bad(format!("{} must be a string", path_of(parent, name)))),
    }
}

fn object<'a>(v: &'a Value, path: &str) -> ApiResult<&'a Map<String, Value>> {
    v.as_object()
        .ok_or_else(|| bad(format!("{path} must be an object")))
}

/// A conversation reference: `Type` 1 + `To_Account`, or `Type` 2 + `group_key`
/// (`GroupId` in top, `ToGroupId` elsewhere).
fn parse_contact(v: &Value, path: &str, group_key: &str) -> ApiResult<ConvKey> {
    let o = object(v, path)?;
    let (kind, key) = match req_u64(o, path, "Type")? {
        1 => (Kind::C2c, "To_Account"),
        2 => (Kind::Group, group_key),
        _ => return Err(bad(format!("{path}.Type must be 1 (C2C) or 2 (group)"))),
    };
    let id = req_str(o, path, key)?;
    if id.is_empty() {
        return Err(bad(format!("{} must not be empty", path_of(path, key))));
    }
    Ok(ConvKey {
        kind,
        id: id.to_owned(),
    })
}

fn from_account(o: &Map<String, Value>) -> ApiResult<&str> {
    req_str(o, "", "From_Account")
}

fn not_imported(id: &str) -> ApiError {
    err(50001, format!("UserID {id} has not been imported"))
}

fn account<'a>(data: &'a Data, id: &str) -> ApiResult<&'a Account> {
    data.accounts.get(id).ok_or_else(|| not_imported(id))
}

/// The wire ContactItem of mark_contact / create_contact_group / get_contact_group.
#[derive(Serialize, Clone)]
struct WireContact {
    #[serde(rename = "Type")]
    ty: u8,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    to_account: Option<String>,
    #[serde(rename = "ToGroupId", skip_serializing_if = "Option::is_none")]
    to_group_id: Option<String>,
}

impl WireContact {
    fn new(k: &ConvKey) -> Self {
        WireContact {
            ty: k.kind.wire(),
            to_account: (k.kind == Kind::C2c).then(|| k.id.clone()),
            to_group_id: (k.kind == Kind::Group).then(|| k.id.clone()),
        }
    }
}

// ---------------------------------------------------------------------------------------
// top

fn top(data: &mut Data, rt: &Runtime, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let op = req_u64(o, "", "OperationType")?;
    if op != 1 && op != 2 {
        return Err(bad("OperationType must be 1 (pin) or 2 (unpin)"));
    }
    let items = req_array(o, "", "RecentContactItem")?;
    if items.is_empty() {
        return Err(bad("RecentContactItem must not be empty"));
    }
    let mut keys = BTreeSet::new();
    for (i, v) in items.iter().enumerate() {
        keys.insert(parse_contact(
            v,
            &format!("RecentContactItem[{i}]"),
            "GroupId",
        )?);
    }
    account(data, from)?;
    if let Some(k) = keys
        .iter()
        .find(|k| k.kind == Kind::C2c && !data.accounts.contains_key(&k.id))
    {
        return Err(not_imported(&k.id));
    }
    let acc = data
        .accounts
        .get_mut(from)
        .ok_or_else(|| not_imported(from))?;
    let now = now_secs();
    if op == 1 {
        let new_pins = keys
            .iter()
            .filter(|k| !acc.get(k).is_some_and(|c| c.pinned))
            .count();
        if acc.pinned_count() + new_pins > rt.pinned_limit {
            return Err(err(
                51012,
                format!("pinned conversation limit ({}) reached", rt.pinned_limit),
            ));
        }
        for k in &keys {
            let i = acc.ensure(k);
            let c = &mut acc.conversations[i];
            if !c.pinned {
                c.pinned = true;
                c.pinned_at = now;
            }
        }
    } else {
        for k in &keys {
            if let Some(i) = acc.find(k) {
                acc.conversations[i].pinned = false;
                acc.conversations[i].pinned_at = 0;
            }
        }
    }
    ok_bytes(Empty {})
}

// ---------------------------------------------------------------------------------------
// mark_contact

struct MarkReq {
    opt: u64,
    key: ConvKey,
    set: Vec<u64>,
    clear: Vec<u64>,
    custom: Option<String>,
}

#[derive(Serialize)]
struct MarkResult {
    #[serde(rename = "OptType")]
    opt: u64,
    #[serde(rename = "ContactItem")]
    contact: WireContact,
    #[serde(rename = "ResultCode")]
    code: u32,
    #[serde(rename = "ResultInfo")]
    info: String,
}

#[derive(Serialize)]
struct MarkResponse {
    #[serde(rename = "ResultItem")]
    items: Vec<MarkResult>,
}

fn parse_mark_item(v: &Value, path: &str) -> ApiResult<MarkReq> {
    let o = object(v, path)?;
    let opt = req_u64(o, path, "OptType")?;
    let key = parse_contact(
        field(o, path, "ContactItem")?,
        &path_of(path, "ContactItem"),
        "ToGroupId",
    )?;
    Ok(MarkReq {
        opt,
        key,
        set: opt_u64_array(o, path, "SetMark")?,
        clear: opt_u64_array(o, path, "ClearMark")?,
        custom: opt_str(o, path, "CustomMark")?.map(str::to_owned),
    })
}

fn mark_contact(data: &mut Data, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let items = req_array(o, "", "MarkItem")?;
    if items.is_empty() || items.len() > MARK_ITEMS_MAX {
        return Err(err(
            51006,
            format!(
                "MarkItem must hold 1 to {MARK_ITEMS_MAX} items, got {}",
                items.len()
            ),
        ));
    }
    let reqs = items
        .iter()
        .enumerate()
        .map(|(i, v)| parse_mark_item(v, &format!("MarkItem[{i}]")))
        .collect::<ApiResult<Vec<_>>>()?;
    account(data, from)?;
    let unknown: BTreeSet<String> = reqs
        .iter()
        .filter(|r| r.key.kind == Kind::C2c && !data.accounts.contains_key(&r.key.id))
        .map(|r| r.key.id.clone())
        .collect();
    let acc = data
        .accounts
        .get_mut(from)
        .ok_or_else(|| not_imported(from))?;
    let now = now_secs();
    let mut marked = acc.marked_count();
    let mut results = Vec::with_capacity(reqs.len());
    for r in reqs {
        let outcome = mark_one(acc, &r, &unknown, &mut marked, now);
        let (code, info) = match outcome {
            Ok(()) => (0, String::new()),
            Err(e) => (e.code, e.info),
        };
        results.push(MarkResult {
            opt: r.opt,
            contact: WireContact::new(&r.key),
            code,
            info,
        });
    }
    ok_bytes(MarkResponse { items: results })
}

fn mark_one(
    acc: &mut Account,
    r: &MarkReq,
    unknown: &BTreeSet<String>,
    marked: &mut usize,
    now: u64,
) -> ApiResult<()> {
    if !(1..=3).contains(&r.opt) {
        return Err(bad(
            "OptType must be 1 (standard marks), 2 (custom mark) or 3 (both)",
        ));
    }
    if r.key.kind == Kind::C2c && unknown.contains(&r.key.id) {
        return Err(not_imported(&r.key.id));
    }
    let existing = acc.get(&r.key);
    let mut marks = existing.map_or(0, |c| c.marks);
    let mut custom = existing.map_or(String::new(), |c| c.custom_mark.clone());
    let has_groups = existing.is_some_and(|c| !c.group_ids.is_empty());
    let was_marked = existing.is_some_and(Conversation::is_marked);
    if r.opt & 1 != 0 {
        if let Some(b) = r.set.iter().chain(&r.clear).find(|b| **b > 63) {
            return Err(bad(format!("mark bit {b} out of range 0..=63")));
        }
        for b in &r.set {
            marks |= 1u64 << b;
        }
        for b in &r.clear {
            marks &= !(1u64 << b);
        }
    }
    if r.opt & 2 != 0 {
        let c = r.custom.clone().unwrap_or_default();
        if c.len() > CUSTOM_MARK_MAX {
            return Err(bad(format!(
                "CustomMark is {} bytes, at most {CUSTOM_MARK_MAX} allowed",
                c.len()
            )));
        }
        custom = c;
    }
    let will_be_marked = marks != 0 || !custom.is_empty() || has_groups;
    if will_be_marked && !was_marked && *marked >= MARKED_LIMIT {
        return Err(err(
            51008,
            format!("marked/grouped conversation limit ({MARKED_LIMIT}) reached"),
        ));
    }
    if existing.is_none() && !will_be_marked {
        return Ok(());
    }
    let i = acc.ensure(&r.key);
    let c = &mut acc.conversations[i];
    c.marks = marks;
    c.custom_mark = custom;
    c.mark_time = now;
    acc.refresh_mark_seq(i);
    match (was_marked, will_be_marked) {
        (false, true) => *marked += 1,
        (true, false) => *marked = marked.saturating_sub(1),
        _ => {}
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// create_contact_group

#[derive(Serialize)]
struct WireGroup {
    #[serde(rename = "GroupName")]
    name: String,
    #[serde(rename = "GroupId")]
    id: u32,
}

impl WireGroup {
    fn new(g: &ContactGroup) -> Self {
        WireGroup {
            name: g.name.clone(),
            id: g.id,
        }
    }
}

#[derive(Serialize)]
struct ContactResult {
    #[serde(rename = "ContactItem")]
    contact: WireContact,
    #[serde(rename = "ResultCode")]
    code: u32,
    #[serde(rename = "ResultInfo")]
    info: String,
}

#[derive(Serialize)]
struct GroupResult {
    #[serde(rename = "GroupItem")]
    group: WireGroup,
    #[serde(rename = "ResultItem")]
    items: Vec<ContactResult>,
}

#[derive(Serialize)]
struct CreateGroupResponse {
    #[serde(rename = "GroupResultItem")]
    groups: Vec<GroupResult>,
}

fn create_contact_group(data: &mut Data, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let gci = req_array(o, "", "GroupContactItem")?;
    if gci.len() != 1 {
        return Err(bad(format!(
            "GroupContactItem must hold exactly one group, got {}",
            gci.len()
        )));
    }
    let gpath = "GroupContactItem[0]";
    let g = object(&gci[0], gpath)?;
    let name = req_str(g, gpath, "GroupName")?;
    let contacts = req_array(g, gpath, "ContactItem")?
        .iter()
        .enumerate()
        .map(|(i, v)| parse_contact(v, &format!("{gpath}.ContactItem[{i}]"), "ToGroupId"))
        .collect::<ApiResult<Vec<_>>>()?;
    account(data, from)?;
    if name.is_empty() {
        return Err(bad("GroupName must not be empty"));
    }
    if name.len() > GROUP_NAME_MAX {
        return Err(err(
            51011,
            format!(
                "GroupName is {} bytes, at most {GROUP_NAME_MAX} allowed",
                name.len()
            ),
        ));
    }
    let unknown: BTreeSet<String> = contacts
        .iter()
        .filter(|k| k.kind == Kind::C2c && !data.accounts.contains_key(&k.id))
        .map(|k| k.id.clone())
        .collect();
    let acc = data
        .accounts
        .get_mut(from)
        .ok_or_else(|| not_imported(from))?;
    if acc.groups.len() >= GROUP_LIMIT {
        return Err(err(
            51010,
            format!("conversation group limit ({GROUP_LIMIT}) reached"),
        ));
    }
    acc.next_group_id += 1;
    let group = ContactGroup {
        id: acc.next_group_id,
        name: name.to_owned(),
    };
    acc.groups.push(group.clone());
    let now = now_secs();
    let mut marked = acc.marked_count();
    let mut items = Vec::with_capacity(contacts.len());
    for k in &contacts {
        let res = if k.kind == Kind::C2c && unknown.contains(&k.id) {
            Err(not_imported(&k.id))
        } else {
            let was_marked = acc.get(k).is_some_and(Conversation::is_marked);
            if !was_marked && marked >= MARKED_LIMIT {
                Err(err(
                    51008,
                    format!("marked/grouped conversation limit ({MARKED_LIMIT}) reached"),
                ))
            } else {
                let i = acc.ensure(k);
                let c = &mut acc.conversations[i];
                if !c.group_ids.contains(&group.id) {
                    c.group_ids.push(group.id);
                }
                c.mark_time = now;
                acc.refresh_mark_seq(i);
                if !was_marked {
                    marked += 1;
                }
                Ok(())
            }
        };
        let (code, info) = match res {
            Ok(()) => (0, String::new()),
            Err(e) => (e.code, e.info),
        };
        items.push(ContactResult {
            contact: WireContact::new(k),
            code,
            info,
        });
    }
    ok_bytes(CreateGroupResponse {
        groups: vec![GroupResult {
            group: WireGroup::new(&group),
            items,
        }],
    })
}

// ---------------------------------------------------------------------------------------
// get_contact_group

#[derive(Serialize)]
struct MarkedContact {
    #[serde(flatten)]
    contact: WireContact,
    #[serde(rename = "StandardMark")]
    standard_mark: String,
    #[serde(rename = "CustomMark", skip_serializing_if = "String::is_empty")]
    custom_mark: String,
    #[serde(rename = "ContactGroupId", skip_serializing_if = "Vec::is_empty")]
    group_ids: Vec<u32>,
    #[serde(rename = "Timestamp")]
    timestamp: u64,
}

#[derive(Serialize)]
struct GetContactGroupResponse {
    #[serde(rename = "ContactItem")]
    contacts: Vec<MarkedContact>,
    #[serde(rename = "GroupItem")]
    groups: Vec<WireGroup>,
    #[serde(rename = "CompleteFlag")]
    complete: u8,
    #[serde(rename = "NextStartIndex")]
    next: u64,
}

fn get_contact_group(data: &Data, rt: &Runtime, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let start = req_u64(o, "", "StartIndex")?;
    let acc = account(data, from)?;
    let list = acc.marked_sorted();
    let start_i = usize::try_from(start).unwrap_or(usize::MAX).min(list.len());
    let end = start_i
        .saturating_add(rt.group_page_size.max(1))
        .min(list.len());
    let complete = end >= list.len();
    let contacts = list[start_i..end]
        .iter()
        .map(|c| MarkedContact {
            contact: WireContact::new(&c.key()),
            standard_mark: standard_mark_string(c.marks),
            custom_mark: c.custom_mark.clone(),
            group_ids: c.group_ids.clone(),
            timestamp: c.mark_time,
        })
        .collect();
    ok_bytes(GetContactGroupResponse {
        contacts,
        groups: acc.groups.iter().map(WireGroup::new).collect(),
        complete: u8::from(complete),
        next: if complete { 0 } else { end as u64 },
    })
}

// ---------------------------------------------------------------------------------------
// get_list

#[derive(Serialize)]
struct SessionItem {
    #[serde(rename = "Type")]
    ty: u8,
    #[serde(rename = "To_Account", skip_serializing_if = "Option::is_none")]
    to_account: Option<String>,
    #[serde(rename = "GroupId", skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(rename = "MsgTime")]
    msg_time: u64,
    #[serde(rename = "TopFlag")]
    top_flag: u8,
    #[serde(rename = "StandardMark", skip_serializing_if = "Option::is_none")]
    standard_mark: Option<String>,
    #[serde(rename = "CustomMark", skip_serializing_if = "Option::is_none")]
    custom_mark: Option<String>,
    #[serde(rename = "ContactGroupId", skip_serializing_if = "Option::is_none")]
    group_ids: Option<Vec<u32>>,
}

#[derive(Serialize)]
struct GetListResponse {
    #[serde(rename = "SessionItem")]
    items: Vec<SessionItem>,
    #[serde(rename = "CompleteFlag")]
    complete: u8,
    #[serde(rename = "TimeStamp")]
    timestamp: u64,
    #[serde(rename = "StartIndex")]
    start_index: u64,
    #[serde(rename = "TopTimeStamp")]
    top_timestamp: u64,
    #[serde(rename = "TopStartIndex")]
    top_start_index: u64,
}

/// A get_list cursor: (MsgTime of the last item returned, how many items with exactly
/// that MsgTime have been returned). (0, 0) = nothing returned yet.
pub type Cursor = (u64, u64);

/// Where to resume in `items` (sorted by MsgTime desc, then creation order asc).
pub fn resume_index(items: &[&Conversation], cursor: Cursor) -> usize {
    if cursor == (0, 0) {
        return 0;
    }
    let (t, s) = cursor;
    let newer = items.partition_point(|c| c.msg_time > t);
    let same = items[newer..].partition_point(|c| c.msg_time == t);
    newer + usize::try_from(s).unwrap_or(usize::MAX).min(same)
}

/// The cursor after returning `items[..end]` (unchanged when `end == start`).
pub fn cursor_after(items: &[&Conversation], start: usize, end: usize, prev: Cursor) -> Cursor {
    if end <= start || end > items.len() {
        return prev;
    }
    let t = items[end - 1].msg_time;
    let first = items.partition_point(|c| c.msg_time > t);
    (t, (end - first) as u64)
}

fn get_list(data: &Data, rt: &Runtime, o: &Map<String, Value>) -> ApiResult<Vec<u8>> {
    let from = from_account(o)?;
    let ts = req_u64(o, "", "TimeStamp")?;
    let si = req_u64(o, "", "StartIndex")?;
    let top_ts = req_u64(o, "", "TopTimeStamp")?;
    let top_si = req_u64(o, "", "TopStartIndex")?;
    let flags = req_u64(o, "", "AssistFlags")?;
    let acc = account(data, from)?;
    let pinned_mode = flags & 1 != 0;
    let include_empty = flags & 2 != 0;
    let paginate_pinned = flags & 4 != 0;
    let with_marks = flags & 8 != 0;

    let mut all: Vec<&Conversation> = acc
        .conversations
        .iter()
        .filter(|c| include_empty || c.msg_time != 0)
        .collect();
    all.sort_by_key(|c| (Reverse(c.msg_time), c.seq));
    let (pinned, normal): (Vec<&Conversation>, Vec<&Conversation>) = if pinned_mode {
        all.into_iter().partition(|c| c.pinned)
    } else {
        (Vec::new(), all)
    };
    let page = rt.page_size.max(1);
    let p_start = resume_index(&pinned, (top_ts, top_si));
    let p_left = pinned.len() - p_start;
    let p_take = if paginate_pinned {
        p_left.min(page)
    } else {
        p_left
    };
    let n_start = resume_index(&normal, (ts, si));
    let n_take = page.saturating_sub(p_take).min(normal.len() - n_start);
    let p_end = p_start + p_take;
    let n_end = n_start + n_take;

    let item = |c: &Conversation, top: bool| SessionItem {
        ty: c.kind.wire(),
        to_account: (c.kind == Kind::C2c).then(|| c.id.clone()),
        group_id: (c.kind == Kind::Group).then(|| c.id.clone()),
        msg_time: c.msg_time,
        top_flag: u8::from(top),
        standard_mark: (with_marks && c.marks != 0).then(|| standard_mark_string(c.marks)),
        custom_mark: (with_marks && !c.custom_mark.is_empty()).then(|| c.custom_mark.clone()),
        group_ids: (with_marks && !c.group_ids.is_empty()).then(|| c.group_ids.clone()),
    };
    let items: Vec<SessionItem> = pinned[p_start..p_end]
        .iter()
        .map(|c| item(c, true))
        .chain(normal[n_start..n_end].iter().map(|c| item(c, false)))
        .collect();
    let (next_ts, next_si) = cursor_after(&normal, n_start, n_end, (ts, si));
    let (next_top_ts, next_top_si) = if pinned_mode {
        cursor_after(&pinned, p_start, p_end, (top_ts, top_si))
    } else {
        (0, 0)
    };
    ok_bytes(GetListResponse {
        items,
        complete: u8::from(p_end == pinned.len() && n_end == normal.len()),
        timestamp: next_ts,
        start_index: next_si,
        top_timestamp: next_top_ts,
        top_start_index: next_top_si,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(t: u64, seq: u64) -> Conversation {
        Conversation {
            kind: Kind::C2c,
            id: format!("u{seq}"),
            msg_time: t,
            seq,
            pinned: false,
            pinned_at: 0,
            marks: 0,
            custom_mark: String::new(),
            group_ids: Vec::new(),
            mark_time: 0,
            mark_seq: None,
        }
    }

    #[test]
    fn cursor_round_trip_with_ties_and_empty() {
        let convs = [
            conv(9, 1),
            conv(5, 2),
            conv(5, 3),
            conv(5, 4),
            conv(0, 5),
            conv(0, 6),
        ];
        let items: Vec<&Conversation> = convs.iter().collect();
        for page in 1..=6 {
            let mut cur = (0, 0);
            let mut seen = Vec::new();
            loop {
                let s = resume_index(&items, cur);
                let e = (s + page).min(items.len());
                seen.extend(items[s..e].iter().map(|c| c.seq));
                cur = cursor_after(&items, s, e, cur);
                if e == items.len() {
                    break;
                }
            }
            assert_eq!(seen, vec![1, 2, 3, 4, 5, 6], "page size {page}");
        }
    }
}

//! `POST /v4/recentcontact/{command}`: faults, rate limit, envelope checks and dispatch to
//! the five endpoints. Requests are parsed from `serde_json::Value` by hand so every error
//! names the exact wire field.

mod contact;
mod envelope;
mod fields;
mod groups;
mod list;
mod mark;
mod top;

use crate::app::{App, FaultKind, Inner, RecentRequest, Snapshot};
use crate::model::{now_millis, Account, Data, MARKED_LIMIT};
use crate::server::ConnControl;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use envelope::{check_envelope, fail_bytes};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

/// Largest request body read, in bytes.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// The commands served under `/v4/recentcontact/`.
pub const COMMANDS: [&str; 5] = [
    "top",
    "mark_contact",
    "create_contact_group",
    "get_contact_group",
    "get_list",
];

/// A failure answered as `ErrorCode` / `ErrorInfo`.
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

/// 50002: a malformed request.
fn bad(info: impl Into<String>) -> ApiError {
    err(50002, info)
}

fn not_imported(id: &str) -> ApiError {
    err(50001, format!("UserID {id} has not been imported"))
}

fn marked_limit_reached() -> ApiError {
    err(
        51008,
        format!("marked/grouped conversation limit ({MARKED_LIMIT}) reached"),
    )
}

fn account<'a>(data: &'a Data, id: &str) -> ApiResult<&'a Account> {
    data.accounts.get(id).ok_or_else(|| not_imported(id))
}

fn account_mut<'a>(data: &'a mut Data, id: &str) -> ApiResult<&'a mut Account> {
    data.accounts.get_mut(id).ok_or_else(|| not_imported(id))
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

/// Rate limit, envelope, body checks, then the endpoint; a snapshot to persist when a
/// mutating endpoint succeeded.
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
        "top" => (top::top(&mut inner.data, &rt, obj), true),
        "mark_contact" => (mark::mark_contact(&mut inner.data, obj), true),
        "create_contact_group" => (groups::create_contact_group(&mut inner.data, obj), true),
        "get_contact_group" => (groups::get_contact_group(&inner.data, &rt, obj), false),
        _ => (list::get_list(&inner.data, &rt, obj), false),
    };
    let snap = if mutating && res.is_ok() {
        app.mutated(inner)
    } else {
        None
    };
    (res, snap)
}

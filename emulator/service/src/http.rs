//! The plain request and reply the service works on (the shell maps them to HTTP), and
//! the HTTP-level pieces every part of the service uses: the query's pairs, the control
//! API's error answers.

use serde_json::Value;
use std::collections::BTreeMap;

/// One HTTP request as the shell received it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `GET`, `POST`, … (compared case-sensitively, as HTTP does).
    pub method: String,
    /// The path without the query, e.g. `/v4/recentcontact/top`.
    pub path: String,
    /// The raw query string after `?`; `None` when the URL has no `?` at all.
    pub query: Option<String>,
    /// Header names and values (only `Origin` is read; names are case-insensitive).
    pub headers: Vec<(String, String)>,
    /// The body; `None` when the shell could not read it (too large, connection error).
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A request with no query, headers or body.
    pub fn new(method: &str, path: &str) -> Self {
        Request {
            method: method.to_owned(),
            path: path.to_owned(),
            query: None,
            headers: Vec::new(),
            body: Some(Vec::new()),
        }
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP response to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// HTTP status: 200 for every `/v4` answer but the `http502` fault's.
    pub status: u16,
    /// Header names (lower case) and values, in order; a name may repeat.
    pub headers: Vec<(String, String)>,
    /// The body, sent as is (its length is the Content-Length).
    pub body: Vec<u8>,
    /// The data changed: a shell that saves state should save it now (see
    /// [`crate::Service::save`]).
    pub mutated: bool,
}

impl Response {
    /// An empty answer with no headers yet (the CORS preflight's).
    pub(crate) fn empty(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            mutated: false,
        }
    }

    pub(crate) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body,
            mutated: false,
        }
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the shell must do with a request: the faults only a socket or a timer can carry
/// out come back as instructions.
#[derive(Debug)]
pub enum Reply {
    /// Send this response.
    Respond(Response),
    /// Wait `ms` milliseconds, then call [`crate::Service::resume`] with `pending` and send
    /// what it returns (the request is handled only then).
    Delay { ms: u64, pending: Pending },
    /// Close the connection with a TCP reset and send nothing (nothing was applied).
    Reset,
}

/// A `/v4` request held back by a `delay` fault.
#[derive(Debug)]
pub struct Pending {
    pub(crate) call: V4Call,
    pub(crate) origin: Option<String>,
}

/// A `/v4` request, parsed as far as the pipeline needs before the fault decision.
#[derive(Debug)]
pub(crate) struct V4Call {
    pub command: String,
    pub query: Option<BTreeMap<String, String>>,
    /// The body as JSON; `None` when it is not JSON (or empty).
    pub json: Option<Value>,
    /// False when the shell could not read the body.
    pub body_read: bool,
}

/// The query string's pairs (later duplicates win), percent-decoded.
pub(crate) fn parse_query(q: &str) -> BTreeMap<String, String> {
    form_urlencoded::parse(q.as_bytes()).into_owned().collect()
}

/// `{"ok":false,"error":…}` with `status`.
pub(crate) fn control_error(status: u16, msg: &str) -> Response {
    let body = serde_json::json!({"ok": false, "error": msg});
    Response::new(
        status,
        "application/json",
        serde_json::to_vec(&body).unwrap_or_default(),
    )
}

pub(crate) fn not_found() -> Response {
    control_error(404, "not found")
}

pub(crate) fn method_not_allowed() -> Response {
    control_error(405, "method not allowed")
}

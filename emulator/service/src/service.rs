//! The service: routing of a [`Request`] to the `/v4` pipeline or the control API, the
//! `/v4` pipeline itself (stats, faults, rate limit, envelope, dispatch), and the saved
//! state.

use crate::api::envelope::{check_envelope, fail_bytes};
use crate::api::{dispatch, err, ApiResult};
use crate::command::Command;
use crate::config::ServiceConfig;
use crate::http::{
    method_not_allowed, not_found, parse_query, Pending, Reply, Request, Response, V4Call,
};
use crate::model::{StateFile, STATE_FORMAT};
use crate::state::{seed_data, FaultKind, RecentRequest, State};
use serde_json::Value;
use std::fmt;

const V4_PREFIX: &str = "/v4/recentcontact/";
const JSON: &str = "application/json; charset=utf-8";

/// A saved state that cannot be loaded (or the state that cannot be written).
#[derive(Debug, Clone, PartialEq)]
pub struct StateError(String);

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StateError {}

/// The emulator: its data and everything else a request can see or change.
pub struct Service {
    st: State,
}

impl Service {
    /// A service holding the configured seed.
    pub fn new(config: ServiceConfig) -> Self {
        let data = seed_data(config.seed);
        Service {
            st: State::new(config, data),
        }
    }

    /// A service holding a state saved by [`Service::save`] (the seed is not used).
    pub fn with_state(config: ServiceConfig, saved: &[u8]) -> Result<Self, StateError> {
        let file: StateFile = serde_json::from_slice(saved)
            .map_err(|e| StateError(format!("not a chat-emulator state file: {e}")))?;
        if file.format != STATE_FORMAT {
            return Err(StateError(format!(
                "unknown state format {:?}",
                file.format
            )));
        }
        Ok(Service {
            st: State::new(config, file.data),
        })
    }

    /// The data as a state file's bytes, with the change counter they reflect (a later
    /// save has a higher one: write a save only if it is newer than the one on disk).
    pub fn save(&self) -> Result<(u64, Vec<u8>), StateError> {
        let file = StateFile {
            format: STATE_FORMAT.to_owned(),
            data: self.st.data.clone(),
        };
        serde_json::to_vec(&file)
            .map(|bytes| (self.st.version, bytes))
            .map_err(|e| StateError(format!("cannot serialize state: {e}")))
    }

    /// Handles one request at wall-clock time `now_ms` (milliseconds since the Unix epoch).
    pub fn handle(&mut self, req: Request, now_ms: u64) -> Reply {
        let origin = req.header("origin").map(str::to_owned);
        let reply = if req.method == "OPTIONS" {
            Reply::Respond(Response::empty(204))
        } else if let Some(command) = req.path.strip_prefix(V4_PREFIX) {
            if command.is_empty() || command.contains('/') {
                Reply::Respond(not_found())
            } else if req.method != "POST" {
                Reply::Respond(method_not_allowed())
            } else {
                let command = command.to_owned();
                self.v4(command, req, origin.clone(), now_ms)
            }
        } else {
            Reply::Respond(crate::control::handle(&mut self.st, &req, now_ms))
        };
        match reply {
            Reply::Respond(mut r) => {
                crate::cors::add(
                    &mut r.headers,
                    &self.st.config.cors_origins,
                    origin.as_deref(),
                );
                Reply::Respond(r)
            }
            other => other,
        }
    }

    /// Handles a request held back by a `delay` fault, once the delay is over.
    pub fn resume(&mut self, pending: Pending, now_ms: u64) -> Response {
        let mut r = self.run_v4(pending.call, now_ms);
        crate::cors::add(
            &mut r.headers,
            &self.st.config.cors_origins,
            pending.origin.as_deref(),
        );
        r
    }

    /// Records the request, then applies the next fault queued for its command.
    fn v4(&mut self, command: String, req: Request, origin: Option<String>, now_ms: u64) -> Reply {
        let query = req.query.as_deref().map(parse_query);
        let json = req
            .body
            .as_deref()
            .and_then(|b| serde_json::from_slice::<Value>(b).ok());
        let recorded = match (&json, &req.body) {
            (Some(v), _) => v.clone(),
            (None, Some(b)) => Value::String(String::from_utf8_lossy(b).into_owned()),
            (None, None) => Value::Null,
        };
        self.st.stats.record(RecentRequest {
            command: command.clone(),
            query: query.clone().unwrap_or_default(),
            body: recorded,
            received_at_ms: now_ms,
        });
        let fault = self.st.faults.take(&command);
        let call = V4Call {
            command,
            query,
            json,
            body_read: req.body.is_some(),
        };
        match fault {
            None => Reply::Respond(self.run_v4(call, now_ms)),
            Some(FaultKind::Delay { ms }) => Reply::Delay {
                ms,
                pending: Pending { call, origin },
            },
            Some(FaultKind::Http502) => Reply::Respond(Response::new(
                502,
                "text/html",
                b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec(),
            )),
            Some(FaultKind::Error { code, info }) => {
                let info = info.unwrap_or_else(|| format!("injected fault: error {code}"));
                Reply::Respond(Response::new(200, JSON, fail_bytes(&err(code, info))))
            }
            Some(FaultKind::Drop) => Reply::Reset,
            Some(FaultKind::Truncated) => {
                let mut r = self.run_v4(call, now_ms);
                r.body.truncate(r.body.len() / 2);
                Reply::Respond(r)
            }
        }
    }

    /// Rate limit, envelope, body checks, then the command.
    fn run_v4(&mut self, call: V4Call, now_ms: u64) -> Response {
        let (result, mutated) = self.checked_call(call, now_ms);
        let body = result.unwrap_or_else(|e| fail_bytes(&e));
        let mut r = Response::new(200, JSON, body);
        r.mutated = mutated;
        r
    }

    fn checked_call(&mut self, call: V4Call, now_ms: u64) -> (ApiResult<Vec<u8>>, bool) {
        if !call.body_read {
            return (
                Err(err(60002, "HTTP request body could not be read")),
                false,
            );
        }
        let st = &mut self.st;
        if !st.rate.allow(&call.command, st.config.rate_limit, now_ms) {
            return (
                Err(err(60007, "REST API call frequency limit exceeded")),
                false,
            );
        }
        if let Err(e) = check_envelope(call.query.as_ref(), &st.config, now_ms / 1000) {
            return (Err(e), false);
        }
        let Some(command) = Command::parse(&call.command) else {
            let info = format!("unknown command recentcontact/{}", call.command);
            return (Err(err(60002, info)), false);
        };
        let Some(body) = call.json else {
            return (Err(err(60003, "request body is not valid JSON")), false);
        };
        let Some(obj) = body.as_object() else {
            return (
                Err(crate::api::bad("request body must be a JSON object")),
                false,
            );
        };
        let res = dispatch(command, &mut st.data, &st.config, obj, now_ms / 1000);
        let mutated = command.mutates() && res.is_ok();
        if mutated {
            st.touch();
        }
        (res, mutated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(svc: &mut Service, command: &str, body: &str) -> Response {
        let mut req = Request::new("POST", &format!("{V4_PREFIX}{command}"));
        req.query = Some(
            "sdkappid=1400000000&identifier=administrator&usersig=emulator-usersig&random=1&contenttype=json"
                .to_owned(),
        );
        req.body = Some(body.as_bytes().to_vec());
        match svc.handle(req, 1_800_000_000_000) {
            Reply::Respond(r) => r,
            other => panic!("unexpected {other:?}"),
        }
    }

    fn respond(svc: &mut Service, req: Request) -> Response {
        match svc.handle(req, 0) {
            Reply::Respond(r) => r,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn routing_and_cors() {
        let mut svc = Service::new(ServiceConfig::default());
        let mut pre = Request::new("OPTIONS", "/v4/recentcontact/get_list");
        pre.headers
            .push(("Origin".into(), "http://localhost:5173".into()));
        let r = respond(&mut svc, pre);
        assert_eq!((r.status, r.body.len()), (204, 0));
        assert_eq!(r.header("content-type"), None);
        assert_eq!(
            r.header("access-control-allow-origin"),
            Some("http://localhost:5173")
        );
        assert_eq!(r.header("vary"), Some("Origin"));
        let r = respond(&mut svc, Request::new("GET", "/v4/recentcontact/get_list"));
        assert_eq!(r.status, 405);
        let r = respond(&mut svc, Request::new("POST", "/v4/recentcontact/a/b"));
        assert_eq!(r.status, 404);
        let r = respond(&mut svc, Request::new("DELETE", "/_emulator/health"));
        assert_eq!(r.status, 405);
        let r = respond(&mut svc, Request::new("GET", "/nowhere"));
        assert_eq!(
            (r.status, r.body.as_slice()),
            (404, &br#"{"error":"not found","ok":false}"#[..])
        );
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    }

    #[test]
    fn the_clock_comes_from_the_caller() {
        let mut svc = Service::new(ServiceConfig::default());
        let r = call(
            &mut svc,
            "mark_contact",
            r#"{"From_Account":"alice","MarkItem":[{"OptType":1,"ContactItem":{"Type":1,"To_Account":"user_030"},"SetMark":[5]}]}"#,
        );
        assert!(r.mutated);
        let r = call(
            &mut svc,
            "search_contact_group",
            r#"{"From_Account":"alice","ContactItem":[{"Type":1,"To_Account":"user_030"}]}"#,
        );
        assert!(!r.mutated);
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["ContactResultItem"][0]["Timestamp"], 1_800_000_000);
    }

    #[test]
    fn state_round_trip_and_versions() {
        let mut svc = Service::new(ServiceConfig::default());
        let (v0, saved) = svc.save().unwrap();
        call(
            &mut svc,
            "delete",
            r#"{"From_Account":"alice","Type":1,"To_Account":"dave"}"#,
        );
        let (v1, changed) = svc.save().unwrap();
        assert!(v1 > v0);
        assert_ne!(saved, changed);
        let back = Service::with_state(ServiceConfig::default(), &changed).unwrap();
        assert_eq!(back.st.data, svc.st.data);
        assert!(Service::with_state(ServiceConfig::default(), b"{not json").is_err());
        let other = br#"{"format":"x/9","accounts":{}}"#;
        let e = Service::with_state(ServiceConfig::default(), other)
            .err()
            .unwrap();
        assert!(e.to_string().contains("x/9"), "{e}");
    }

    #[test]
    fn socket_faults_are_instructions() {
        let mut svc = Service::new(ServiceConfig::default());
        for (fault, expect_delay) in [
            (r#"{"kind":"drop"}"#, false),
            (r#"{"kind":"delay","ms":5}"#, true),
        ] {
            let mut req = Request::new("POST", "/_emulator/faults");
            req.body = Some(format!(r#"{{"command":"get_list","fault":{fault}}}"#).into_bytes());
            assert!(matches!(svc.handle(req, 0), Reply::Respond(r) if r.status == 200));
            let mut req = Request::new("POST", "/v4/recentcontact/get_list");
            req.query = Some(String::new());
            match svc.handle(req, 0) {
                Reply::Reset => assert!(!expect_delay),
                Reply::Delay { ms, pending } => {
                    assert!(expect_delay);
                    assert_eq!(ms, 5);
                    let r = svc.resume(pending, 10);
                    let v: Value = serde_json::from_slice(&r.body).unwrap();
                    assert_eq!(v["ErrorCode"], 60006, "{v}");
                }
                Reply::Respond(r) => panic!("unexpected {r:?}"),
            }
        }
    }
}

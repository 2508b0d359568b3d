//! The one error type every failure becomes, with a shape that is stable across Rust and JS.

use serde::Serialize;
use std::any::Any;
use std::fmt;
use std::rc::Rc;

/// What went wrong, coarsely: callers branch on this, not on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum ErrorKind {
    /// Rejected before any request was sent.
    #[serde(rename = "invalid_input")]
    InvalidInput,
    /// The service answered with a failure (`ErrorCode` ≠ 0).
    #[serde(rename = "api")]
    Api,
    /// The HTTP status was not 2xx.
    #[serde(rename = "http")]
    Http,
    /// No HTTP response: connection refused, reset, DNS, CORS, redirect refused.
    #[serde(rename = "network")]
    Network,
    /// The body was not the documented JSON.
    #[serde(rename = "bad_response")]
    BadResponse,
    /// An attempt took longer than its timeout.
    #[serde(rename = "timeout")]
    Timeout,
    /// The caller's `AbortSignal` fired.
    #[serde(rename = "aborted")]
    Aborted,
    /// The client-side rate limiter refused, or the service kept answering 60007.
    #[serde(rename = "rate_limited")]
    RateLimited,
    /// The host's `userSig` function threw, rejected or returned no string (its error is
    /// the `cause`). Not retried.
    #[serde(rename = "user_sig")]
    UserSig,
}

/// A failed call. Never contains the UserSig: only the command, never the URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ChatError {
    /// What went wrong, coarsely: branch on this.
    pub kind: ErrorKind,
    /// The service's `ErrorCode`, or 0 when the service gave none.
    pub code: i64,
    /// What failed, for developers (the service's `ErrorInfo` for API errors).
    pub info: String,
    /// The service's `ErrorDisplay`, meant for end users; often empty.
    pub display: String,
    /// The command, e.g. `v4/recentcontact/top`; empty before one was chosen.
    pub command: String,
    /// The `random` query value of the last attempt, to find it in the service's logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub random: Option<u32>,
    /// The HTTP status of the last response, when there was one.
    #[serde(rename = "httpStatus", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub http_status: Option<u16>,
    /// How many requests were sent (0 when rejected before sending).
    pub attempts: u32,
    /// The option the caller got wrong (an `invalid_input` about a constructor or per-call
    /// option), exactly as its key is spelled: `endpoint`, `timeoutMs`, `onRetry`…
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub option: Option<String>,
    /// The host's own error behind this one (what its `userSig` function threw), passed
    /// to the caller untouched as the JS error's `cause`.
    #[serde(skip)]
    pub cause: Option<Cause>,
}

/// A value from the host (a JS value in the package), carried to the caller untouched:
/// the core never reads it.
#[derive(Clone)]
pub struct Cause(pub Rc<dyn Any>);

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cause(..)")
    }
}

impl PartialEq for Cause {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ChatError {
    /// A failure with no service code attached.
    pub fn new(kind: ErrorKind, info: impl Into<String>) -> Self {
        ChatError {
            kind,
            code: 0,
            info: info.into(),
            display: String::new(),
            command: String::new(),
            random: None,
            http_status: None,
            attempts: 0,
            option: None,
            cause: None,
        }
    }

    /// Input rejected before anything was sent.
    pub fn invalid_input(info: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, info)
    }

    /// A bad value of the option whose key is `option` (see [`ChatError::option`]).
    pub fn invalid_option(option: &str, info: impl Into<String>) -> Self {
        ChatError {
            option: Some(option.to_owned()),
            ..Self::invalid_input(info)
        }
    }

    /// An answer that is not the documented JSON.
    pub fn bad_response(info: impl Into<String>) -> Self {
        Self::new(ErrorKind::BadResponse, info)
    }

    /// An error reported by the service in the response envelope.
    pub fn api(code: i64, info: impl Into<String>, display: impl Into<String>) -> Self {
        ChatError {
            code,
            display: display.into(),
            ..Self::new(ErrorKind::Api, info)
        }
    }

    /// The same error with the UserSig removed from its texts (see [`crate::redact::redact`]).
    pub fn redacted(mut self, user_sig: &str) -> Self {
        self.info = crate::redact::redact(&self.info, user_sig);
        self.display = crate::redact::redact(&self.display, user_sig);
        self
    }

    /// Attaches the command the error belongs to, keeping one already set.
    pub fn for_command(mut self, command: &str) -> Self {
        if self.command.is_empty() {
            self.command = command.to_owned();
        }
        self
    }
}

/// The message: `command: info (ErrorCode n)`, or `(HTTP n)` for an `http` error whose info
/// does not name its status already (the core's own says `HTTP status n`). This is the JS
/// error's `message` too.
impl fmt::Display for ChatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.command.is_empty() {
            write!(f, "{}: ", self.command)?;
        }
        f.write_str(&self.info)?;
        if self.code != 0 {
            write!(f, " (ErrorCode {})", self.code)?;
        } else if let Some(status) = self.http_status.filter(|_| self.kind == ErrorKind::Http) {
            if !names_status(&self.info, status) {
                write!(f, " (HTTP {status})")?;
            }
        }
        Ok(())
    }
}

/// Whether `info` says `HTTP status n` or `HTTP n` for this very `n` (not `n0`).
fn names_status(info: &str, status: u16) -> bool {
    let status = status.to_string();
    ["HTTP status ", "HTTP "].iter().any(|prefix| {
        info.match_indices(prefix).any(|(at, _)| {
            let rest = info.get(at + prefix.len()..).unwrap_or_default();
            rest.strip_prefix(status.as_str())
                .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
        })
    })
}

impl std::error::Error for ChatError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialize_to_their_documented_names() {
        for (kind, name) in [
            (ErrorKind::InvalidInput, "invalid_input"),
            (ErrorKind::Api, "api"),
            (ErrorKind::Http, "http"),
            (ErrorKind::Network, "network"),
            (ErrorKind::BadResponse, "bad_response"),
            (ErrorKind::Timeout, "timeout"),
            (ErrorKind::Aborted, "aborted"),
            (ErrorKind::RateLimited, "rate_limited"),
            (ErrorKind::UserSig, "user_sig"),
        ] {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{name}\""));
        }
    }

    #[test]
    fn the_message_names_the_command_and_the_code_or_status_once() {
        let http = |info: &str| {
            ChatError {
                http_status: Some(503),
                ..ChatError::new(ErrorKind::Http, info)
            }
            .for_command("v4/recentcontact/top")
            .to_string()
        };
        assert_eq!(
            http("HTTP status 503"),
            "v4/recentcontact/top: HTTP status 503"
        );
        assert_eq!(
            http("the gateway said HTTP 503."),
            "v4/recentcontact/top: the gateway said HTTP 503."
        );
        assert_eq!(
            http("the gateway said no"),
            "v4/recentcontact/top: the gateway said no (HTTP 503)"
        );
        // 5030 is not 503.
        assert_eq!(
            http("HTTP status 5030"),
            "v4/recentcontact/top: HTTP status 5030 (HTTP 503)"
        );
        let api = ChatError::api(70001, "UserSig expired", "").for_command("v4/recentcontact/top");
        assert_eq!(
            api.to_string(),
            "v4/recentcontact/top: UserSig expired (ErrorCode 70001)"
        );
        assert_eq!(ChatError::invalid_input("bad").to_string(), "bad");
    }

    #[test]
    fn an_option_error_carries_the_option_only_when_there_is_one() {
        let e = ChatError::invalid_option("timeoutMs", "`timeoutMs` must be a positive number");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["option"], "timeoutMs");
        assert_eq!(json["kind"], "invalid_input");
        let json = serde_json::to_value(ChatError::invalid_input("x")).unwrap();
        assert!(json.get("option").is_none(), "{json}");
    }
}

//! What the `onRequest`, `onResponse` and `onRetry` hooks receive: enough to trace a call
//! (the `random` the service logs, timings, the outcome), with the UserSig redacted. The
//! package's JS half fills it in around each `fetch`; this is its declared shape.

use crate::error::ChatError;

/// One attempt of a call, as seen by a hook.
// The serde attributes are tsify's only: the event is built in JS, never serialised here.
#[derive(Debug, Clone)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RequestEvent {
    /// e.g. `v4/recentcontact/get_list`.
    pub command: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    pub random: u32,
    /// The request URL with `usersig=REDACTED`.
    pub url: String,
    /// Time the attempt took (`onResponse`, `onRetry`).
    #[cfg_attr(target_arch = "wasm32", serde(rename = "durationMs"), tsify(optional))]
    pub duration_ms: Option<f64>,
    #[cfg_attr(target_arch = "wasm32", serde(rename = "httpStatus"), tsify(optional))]
    pub http_status: Option<u16>,
    /// The attempt's failure (`onResponse` of a failed attempt, `onRetry`).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub error: Option<ChatError>,
    /// The backoff before the next attempt (`onRetry`).
    #[cfg_attr(target_arch = "wasm32", serde(rename = "delayMs"), tsify(optional))]
    pub delay_ms: Option<f64>,
}

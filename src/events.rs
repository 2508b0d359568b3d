//! What the `onRequest`, `onResponse` and `onRetry` hooks receive: enough to trace a call
//! (the `random` the service logs, timings, the outcome), with the UserSig redacted.

use crate::error::ChatError;
use serde::Serialize;

/// One attempt of a call, as seen by a hook.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RequestEvent {
    /// e.g. `v4/recentcontact/get_list`.
    pub command: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The attempt's `random` query value, as the service logs it.
    pub random: u32,
    /// The request URL with `usersig=REDACTED`.
    pub url: String,
    /// Time the attempt took (`onResponse`, `onRetry`).
    #[serde(rename = "durationMs", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub duration_ms: Option<f64>,
    /// The HTTP status of the answer (`onResponse`, `onRetry`), when there was one.
    #[serde(rename = "httpStatus", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub http_status: Option<u16>,
    /// The attempt's failure (`onResponse` of a failed attempt, `onRetry`), as the same
    /// `ChatError` class a call rejects with.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub error: Option<ChatError>,
    /// The backoff before the next attempt (`onRetry`).
    #[serde(rename = "delayMs", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub delay_ms: Option<f64>,
}

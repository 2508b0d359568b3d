//! The retry and argument policies the JS half applies between requests.

use super::thrown;
use crate::config;
use crate::error::{ChatError, ErrorKind};
use crate::retry::{self, Decision, Idempotency};
use wasm_bindgen::prelude::*;

/// What to do after a failed attempt: 0 give up, 1 give up as `rate_limited`, 2 retry with a
/// fresh UserSig, 3 retry after a backoff. `code` is a number, not a BigInt, for JS.
#[wasm_bindgen(skip_typescript)]
pub fn decide(
    kind: &str,
    code: f64,
    http_status: u16,
    retries: u32,
    max_retries: u32,
    idempotent: bool,
    can_refresh: bool,
) -> u8 {
    let Some(kind) = ErrorKind::from_name(kind) else {
        return 0;
    };
    let mut error = ChatError::new(kind, "");
    error.code = code as i64;
    error.http_status = Some(http_status).filter(|&s| s != 0);
    let idempotency = if idempotent {
        Idempotency::Idempotent
    } else {
        Idempotency::NotIdempotent
    };
    match retry::decide(&error, retries, max_retries, idempotency, can_refresh) {
        Decision::GiveUp if retry::is_rate_limit(&error) => 1,
        Decision::GiveUp => 0,
        Decision::RefreshUserSig => 2,
        Decision::Backoff => 3,
    }
}

/// The backoff before the retry after `retries` retries; `unit` is uniform in [0, 1).
#[wasm_bindgen(js_name = backoffMs, skip_typescript)]
pub fn backoff_ms(retries: u32, unit: f64) -> f64 {
    retry::backoff_ms(retries, unit)
}

/// A per-call `timeoutMs` must be a positive number.
#[wasm_bindgen(js_name = checkTimeout, skip_typescript)]
pub fn check_timeout(ms: f64) -> Result<(), JsValue> {
    config::check_timeout(ms).map_err(thrown)
}

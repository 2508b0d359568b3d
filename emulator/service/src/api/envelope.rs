//! What every `/v4` call shares: the query-string checks and the
//! `ActionStatus`/`ErrorCode`/`ErrorInfo`/`ErrorDisplay` answer around the endpoint fields.

use super::{err, ApiError, ApiResult};
use crate::config::ServiceConfig;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Envelope<T: Serialize> {
    // First, so the endpoint fields precede the status fields on the wire.
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

/// An answer with no endpoint fields.
#[derive(Serialize)]
pub struct Empty {}

/// The OK answer: `body`'s fields plus the success status.
pub fn ok_bytes<T: Serialize>(body: T) -> ApiResult<Vec<u8>> {
    serde_json::to_vec(&Envelope {
        body,
        action_status: "OK",
        error_code: 0,
        error_info: String::new(),
        error_display: "",
    })
    .map_err(|e| err(50004, format!("internal error: {e}")))
}

/// The FAIL answer for `e`.
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

/// Query-string checks, in this order: sdkappid, identifier, usersig, random, contenttype.
pub fn check_envelope(
    query: Option<&BTreeMap<String, String>>,
    config: &ServiceConfig,
    now_s: u64,
) -> ApiResult<()> {
    let q = query.ok_or_else(|| err(60002, "HTTP request has no query string"))?;
    match q.get("sdkappid").map(|s| s.parse::<u64>()) {
        None => return Err(err(60006, "sdkappid is missing")),
        Some(Err(_)) => return Err(err(60006, "sdkappid is not a valid SDKAppID")),
        Some(Ok(v)) if v != config.sdk_app_id => {
            return Err(err(70020, format!("SDKAppID {v} not found")))
        }
        Some(Ok(_)) => {}
    }
    if q.get("identifier") != Some(&config.identifier) {
        return Err(err(
            60010,
            "identifier must be an app administrator account",
        ));
    }
    match q.get("usersig").map(String::as_str) {
        None | Some("") => return Err(err(70002, "UserSig is empty")),
        Some(s) if config.secret_key.is_some() => {
            let key = config.secret_key.as_deref().unwrap_or_default();
            crate::usersig::verify(s, key, &config.identifier, config.sdk_app_id, now_s)
                .map_err(|e| err(e.code(), e.info()))?
        }
        Some(s) if s == config.user_sig => {}
        Some(s) if config.expired_user_sigs.iter().any(|e| e == s) => {
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

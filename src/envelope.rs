//! Classifying a response: HTTP status first, then the body's envelope. The service
//! answers 200 even for failures, so the envelope decides.

use crate::error::{ChatError, ErrorKind};
use crate::wire::Envelope;

/// An error for a non-2xx HTTP status (the service's own failures come with 200).
pub fn check_status(status: u16) -> Result<(), ChatError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let mut error = ChatError::new(ErrorKind::Http, format!("HTTP status {}", status));
    error.http_status = Some(status);
    Err(error)
}

/// Success only when `ActionStatus` is "OK" and `ErrorCode` is 0 (or absent).
pub fn check(envelope: &Envelope) -> Result<(), ChatError> {
    let code = envelope.error_code.unwrap_or(0);
    crate::numbers::safe(code.unsigned_abs())?;
    let info = || {
        envelope
            .error_info
            .clone()
            .filter(|i| !i.is_empty())
            .unwrap_or_else(|| format!("the service returned ErrorCode {}", code))
    };
    let display = || envelope.error_display.clone().unwrap_or_default();
    match envelope.action_status.as_deref() {
        Some("OK") if code == 0 => Ok(()),
        // Contradictory, but a non-zero code is the service saying it failed.
        Some("OK") | Some("FAIL") if code != 0 => Err(ChatError::api(code, info(), display())),
        Some("FAIL") => Err(ChatError::bad_response(
            "ActionStatus FAIL without a non-zero ErrorCode",
        )),
        Some(other) => Err(ChatError::bad_response(format!(
            "unknown ActionStatus \"{}\"",
            other
        ))),
        None => Err(ChatError::bad_response("response has no ActionStatus")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(json: &str) -> Envelope {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn ok_passes() {
        assert!(check(&env(
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
        ))
        .is_ok());
        assert!(check(&env(r#"{"ActionStatus":"OK"}"#)).is_ok());
    }

    #[test]
    fn fail_is_an_api_error_with_code_info_display() {
        let e = check(&env(
            r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"sig expired","ErrorDisplay":"x"}"#,
        ))
        .unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 70001));
        assert_eq!((e.info.as_str(), e.display.as_str()), ("sig expired", "x"));
        let e = check(&env(r#"{"ActionStatus":"FAIL","ErrorCode":50004}"#)).unwrap_err();
        assert_eq!(e.info, "the service returned ErrorCode 50004");
    }

    #[test]
    fn contradictions_and_missing_status() {
        let e = check(&env(r#"{"ActionStatus":"OK","ErrorCode":50002}"#)).unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 50002));
        for json in [
            r#"{"ActionStatus":"FAIL","ErrorCode":0}"#,
            r#"{"ErrorCode":0}"#,
            r#"{"ActionStatus":"MAYBE"}"#,
        ] {
            assert_eq!(
                check(&env(json)).unwrap_err().kind,
                ErrorKind::BadResponse,
                "{json}"
            );
        }
    }

    #[test]
    fn status() {
        assert!(check_status(200).is_ok());
        let e = check_status(502).unwrap_err();
        assert_eq!((e.kind, e.http_status), (ErrorKind::Http, Some(502)));
    }
}

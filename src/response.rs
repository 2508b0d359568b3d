//! A response, checked and decoded, in this order: the HTTP status ([`check_status`], before
//! the body is read), the envelope ([`check`]: `ActionStatus`, `ErrorCode`, the service
//! answering 200 even for its failures), then the endpoint's fields ([`fields`]). The body
//! is whatever the transport parsed the text into — a JS value read with
//! serde-wasm-bindgen in the npm package, a `serde_json::Value` natively ([`parse`]) — so
//! the same checks serve both. Endpoints decode through
//! [`crate::endpoints::Endpoint::decode_body`].

use crate::error::{ChatError, ErrorKind};
use crate::wire::Envelope;
use serde::de::DeserializeOwned;

/// A parsed response body that serde can read, once for the envelope and once for the
/// endpoint's fields (each read looks up only the keys its type names).
pub trait Body {
    /// What a failed read reports; its text becomes a `bad_response`'s info.
    type Error: std::fmt::Display;
    /// A JSON object (not an array, string, number, `null`…).
    fn is_object(&self) -> bool;
    /// Reads the fields `T` names (others are ignored).
    fn read<T: DeserializeOwned>(&self) -> Result<T, Self::Error>;
}

/// The one check of a response's HTTP status, which a transport makes before it reads the
/// body: an `http` error for a non-2xx status (the service's own failures come with 200).
pub fn check_status(status: u16) -> Result<(), ChatError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    let mut error = ChatError::new(ErrorKind::Http, format!("HTTP status {}", status));
    error.http_status = Some(status);
    Err(error)
}

/// Checks the envelope of a body whose status passed [`check_status`]: what decides a
/// retry.
///
/// # Errors
/// `api` for a failure the envelope reports, `bad_response` for a body that is not an
/// object or has no valid envelope.
pub fn check(body: &impl Body) -> Result<(), ChatError> {
    if !body.is_object() {
        return Err(ChatError::bad_response(
            "response body is not a JSON object",
        ));
    }
    // The envelope first: a failure leaves the body's fields out (or, rarely, sends them of
    // another type), and its code is what the caller needs.
    let envelope: Envelope = body.read().map_err(shape_error)?;
    check_envelope(&envelope)
}

/// Success only when `ActionStatus` is "OK" and `ErrorCode` is 0 (or absent).
pub fn check_envelope(envelope: &Envelope) -> Result<(), ChatError> {
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

/// Reads an endpoint's fields from a body whose envelope [`check`] passed.
///
/// # Errors
/// `bad_response` naming where the body is not the documented JSON.
pub fn fields<T: DeserializeOwned>(body: &impl Body) -> Result<T, ChatError> {
    body.read().map_err(shape_error)
}

/// Says where the body went wrong. serde's message may quote a wrong-typed value, so the
/// transport redacts the UserSig from it before anyone sees it.
fn shape_error(e: impl std::fmt::Display) -> ChatError {
    ChatError::bad_response(format!("response body is not the documented JSON: {e}"))
}

#[cfg(any(not(target_arch = "wasm32"), test))]
mod text {
    use super::*;
    use serde_json::Value;

    impl Body for Value {
        type Error = serde_json::Error;

        fn is_object(&self) -> bool {
            Value::is_object(self)
        }

        fn read<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
            T::deserialize(self)
        }
    }

    /// Parses response text as JSON, for a native transport.
    ///
    /// # Errors
    /// `bad_response` when the text is not JSON.
    pub fn parse(text: &str) -> Result<Value, ChatError> {
        serde_json::from_str(text).map_err(|e| {
            ChatError::bad_response(format!(
                "response body ({} bytes) is not JSON: {e}",
                text.len()
            ))
        })
    }
}

#[cfg(any(not(target_arch = "wasm32"), test))]
pub use text::parse;

#[cfg(test)]
mod tests {
    use super::*;

    fn env(json: &str) -> Envelope {
        serde_json::from_str(json).unwrap()
    }

    fn check(envelope: &Envelope) -> Result<(), ChatError> {
        check_envelope(envelope)
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

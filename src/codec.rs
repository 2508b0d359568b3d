//! A response, checked and decoded: HTTP status, then the envelope, then the endpoint's
//! fields, read by serde from a parsed body. The body is whatever the transport parsed the
//! text into — a JS value read with serde-wasm-bindgen in the npm package, a
//! `serde_json::Value` natively ([`decode_text`]) — so the same checks serve both.

use crate::endpoints::Endpoint;
use crate::envelope;
use crate::error::ChatError;
use crate::wire::Envelope;
use serde::de::DeserializeOwned;

/// Largest integer a JS number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// A parsed response body that serde can read, once for the envelope and once for the
/// endpoint's fields (each read looks up only the keys its type names).
pub trait Body {
    type Error: std::fmt::Display;
    /// A JSON object (not an array, string, number, `null`…).
    fn is_object(&self) -> bool;
    fn read<T: DeserializeOwned>(&self) -> Result<T, Self::Error>;
}

/// Checks an exchange's HTTP status and the body's envelope: what decides a retry.
pub fn check(status: u16, body: &impl Body) -> Result<(), ChatError> {
    envelope::check_status(status)?;
    if !body.is_object() {
        return Err(ChatError::bad_response(
            "response body is not a JSON object",
        ));
    }
    // The envelope first: a failure leaves the body's fields out (or, rarely, sends them of
    // another type), and its code is what the caller needs.
    let envelope: Envelope = body.read().map_err(shape_error)?;
    envelope::check(&envelope)
}

/// Checks an exchange like [`check`] and decodes the endpoint's response.
pub fn decode<E: Endpoint>(status: u16, body: &impl Body) -> Result<E::Output, ChatError> {
    check(status, body)?;
    E::decode(body.read().map_err(shape_error)?)
}

/// Says where the body went wrong. serde's message may quote a wrong-typed value, so the
/// transport redacts the UserSig from it before anyone sees it.
fn shape_error(e: impl std::fmt::Display) -> ChatError {
    ChatError::bad_response(format!("response body is not the documented JSON: {e}"))
}

/// An id, time or cursor for a JS caller: refused past 2^53 − 1, which a JS number would
/// silently round.
pub fn safe(n: u64) -> Result<u64, ChatError> {
    if n > MAX_SAFE_INTEGER {
        return Err(ChatError::bad_response(format!(
            "integer {n} is beyond 2^53 - 1, which a JS number cannot hold exactly"
        )));
    }
    Ok(n)
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
    pub fn parse(text: &str) -> Result<Value, ChatError> {
        serde_json::from_str(text).map_err(|e| {
            ChatError::bad_response(format!(
                "response body ({} bytes) is not JSON: {e}",
                text.len()
            ))
        })
    }

    /// [`decode`] from response text, for a native transport (and tests and fuzzing).
    pub fn decode_text<E: Endpoint>(status: u16, text: &str) -> Result<E::Output, ChatError> {
        envelope::check_status(status)?;
        decode::<E>(status, &parse(text)?)
    }
}

#[cfg(any(not(target_arch = "wasm32"), test))]
pub use text::{decode_text, parse};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::get_list::GetList;
    use crate::endpoints::top::Top;
    use crate::ErrorKind;

    fn kind<T: std::fmt::Debug>(r: Result<T, ChatError>) -> ErrorKind {
        r.unwrap_err().kind
    }

    #[test]
    fn status_then_envelope_then_shape() {
        assert_eq!(kind(decode_text::<Top>(502, "<html>")), ErrorKind::Http);
        assert_eq!(
            kind(decode_text::<Top>(200, "<html>")),
            ErrorKind::BadResponse
        );
        assert_eq!(kind(decode_text::<Top>(200, "[1]")), ErrorKind::BadResponse);
        let e = decode_text::<Top>(200, "{\"ActionStatus\":\"OK\"").unwrap_err();
        assert!(e.info.contains("not JSON"), "{}", e.info);
        let e = decode_text::<Top>(200, "{\"ActionStatus\":1}").unwrap_err();
        assert!(e.info.contains("expected a string"), "{}", e.info);
        let failed = r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"expired"}"#;
        assert_eq!(decode_text::<Top>(200, failed).unwrap_err().code, 70001);
        decode_text::<Top>(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap();
    }

    #[test]
    fn an_array_shaped_like_an_envelope_is_not_one() {
        let e = decode_text::<Top>(200, r#"["OK",0,"",""]"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("not a JSON object"), "{}", e.info);
    }

    #[test]
    fn a_failure_needs_no_body_and_a_success_needs_one() {
        let failed = r#"{"ErrorCode":70001,"ActionStatus":"FAIL","ErrorInfo":"expired"}"#;
        let e = decode_text::<GetList>(200, failed).unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 70001));
        // A failure with the body's fields of another type: the envelope decides.
        let failed = r#"{"ErrorCode":70001,"ActionStatus":"FAIL","CompleteFlag":"x"}"#;
        assert_eq!(decode_text::<GetList>(200, failed).unwrap_err().code, 70001);
        let e = decode_text::<GetList>(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(
            e.info.contains("missing field `CompleteFlag`"),
            "{}",
            e.info
        );
        // null reads as absent.
        let ok = r#"{"ActionStatus":"OK","ErrorCode":null,"ErrorInfo":null,"ErrorDisplay":null}"#;
        decode_text::<Top>(200, ok).unwrap();
        let e = decode_text::<Top>(200, r#"{"ActionStatus":null}"#).unwrap_err();
        assert!(e.info.contains("no ActionStatus"), "{}", e.info);
        // The envelope may come anywhere among the body's fields.
        let ok = r#"{"CompleteFlag":1,"ActionStatus":"OK","SessionItem":[],"ErrorCode":0}"#;
        assert!(decode_text::<GetList>(200, ok).unwrap().complete);
    }

    #[test]
    fn integers_a_js_number_cannot_hold_are_bad_responses() {
        let body = |t: &str| {
            format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[],"CompleteFlag":1,"TimeStamp":{t}}}"#
            )
        };
        assert!(decode_text::<GetList>(200, &body("9007199254740991")).is_ok());
        let e = decode_text::<GetList>(200, &body("9007199254740992")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("2^53"), "{}", e.info);
        for bad in ["1.5", "-5", "1e400", "18446744073709551616"] {
            assert_eq!(
                kind(decode_text::<GetList>(200, &body(bad))),
                ErrorKind::BadResponse,
                "{bad}"
            );
        }
        let code = r#"{"ActionStatus":"FAIL","ErrorCode":9007199254740993}"#;
        assert_eq!(kind(decode_text::<Top>(200, code)), ErrorKind::BadResponse);
    }
}

//! JSON text in and out of the core, for transports that move text (the npm package sends
//! strings across the wasm boundary, one per value, rather than converting field by field):
//! caller input, request bodies, and a whole response checked and decoded in one step.

use crate::endpoints::Endpoint;
use crate::envelope;
use crate::error::ChatError;
use crate::json::{self, Problem, Read, ReadObject, Write};
use crate::wire::{Empty, Envelope, Reply};

/// Largest integer a JS number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Reads caller input; a wrong shape is the caller's error, reported with where it went
/// wrong and the shape `expected`.
pub fn input<T: Read>(text: &str, what: &str, expected: &str) -> Result<T, ChatError> {
    json::from_str(text).map_err(|e| input_error(e, what, expected))
}

/// Apart from [`input`], so that it is compiled once rather than for every `T`.
fn input_error(e: json::Error, what: &str, expected: &str) -> ChatError {
    ChatError::invalid_input(text!(
        "{}: {}; it should be {}",
        what,
        e.describe(),
        expected
    ))
}

/// Writes a request body or a result.
pub fn to_json<T: Write + ?Sized>(value: &T) -> String {
    json::to_string(value)
}

/// Checks an exchange's HTTP status and the body's envelope: what decides a retry.
pub fn check(status: u16, text: &str) -> Result<(), ChatError> {
    reply::<Empty>(status, text).map(|_| ())
}

/// Checks an exchange like [`check`] and decodes the endpoint's response, in one pass over
/// the text.
pub fn decode<E: Endpoint>(status: u16, text: &str) -> Result<E::Output, ChatError> {
    E::decode(reply(status, text)?)
}

/// The body past the envelope, once the status and the envelope have passed.
fn reply<T: ReadObject>(status: u16, text: &str) -> Result<T, ChatError> {
    envelope::check_status(status)?;
    check_object(text)?;
    let Reply { envelope, body } = Reply::<T>::read(text);
    let body = body.map_err(|e| unread(text, e))?;
    envelope::check(&envelope)?;
    Ok(body)
}

/// Why a body that did not read is refused (apart from [`reply`], so that it is compiled
/// once rather than for every endpoint).
fn unread(text: &str, e: json::Error) -> ChatError {
    // Not JSON: whatever envelope was read before the error is not to be trusted.
    if e.problem == Problem::Syntax {
        return shape_error(text, e);
    }
    // JSON of another shape. A failure leaves the body's fields out (or, rarely, sends them
    // of another type), so the envelope, read whole on its own, decides first.
    match json::from_str::<Envelope>(text) {
        Ok(envelope) => envelope::check(&envelope)
            .err()
            .unwrap_or_else(|| shape_error(text, e)),
        Err(e) => shape_error(text, e),
    }
}

fn check_object(text: &str) -> Result<(), ChatError> {
    if text.trim_start().starts_with('{') {
        return Ok(());
    }
    Err(ChatError::bad_response(text!(
        "response body is not a JSON object ({} bytes)",
        text.len()
    )))
}

/// Says where the body went wrong, but nothing of what it holds.
fn shape_error(text: &str, e: json::Error) -> ChatError {
    ChatError::bad_response(text!(
        "response body ({} bytes) is not the documented JSON: {}",
        text.len(),
        e.describe()
    ))
}

/// An id, time or cursor for a JS caller: refused past 2^53 − 1, which a JS number would
/// silently round.
pub fn safe(n: u64) -> Result<u64, ChatError> {
    if n > MAX_SAFE_INTEGER {
        return Err(ChatError::bad_response(text!(
            "integer {} is beyond 2^53 - 1, which a JS number cannot hold exactly",
            n
        )));
    }
    Ok(n)
}

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
        assert_eq!(kind(decode::<Top>(502, "<html>")), ErrorKind::Http);
        assert_eq!(kind(decode::<Top>(200, "<html>")), ErrorKind::BadResponse);
        assert_eq!(kind(decode::<Top>(200, "[1]")), ErrorKind::BadResponse);
        let e = decode::<Top>(200, "{\"ActionStatus\":\"OK\"").unwrap_err();
        assert!(e.info.contains("not JSON"), "{}", e.info);
        let e = decode::<Top>(200, "{\"ActionStatus\":1}").unwrap_err();
        assert!(e.info.contains("expected a string"), "{}", e.info);
        let failed = r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"expired"}"#;
        assert_eq!(decode::<Top>(200, failed).unwrap_err().code, 70001);
        decode::<Top>(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap();
    }

    #[test]
    fn a_failure_needs_no_body_and_a_success_needs_one() {
        let failed = r#"{"ErrorCode":70001,"ActionStatus":"FAIL","ErrorInfo":"expired"}"#;
        let e = decode::<GetList>(200, failed).unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 70001));
        let e = decode::<GetList>(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("\"CompleteFlag\" missing"), "{}", e.info);
        // null reads as absent.
        let ok = r#"{"ActionStatus":"OK","ErrorCode":null,"ErrorInfo":null,"ErrorDisplay":null}"#;
        decode::<Top>(200, ok).unwrap();
        let e = decode::<Top>(200, r#"{"ActionStatus":null}"#).unwrap_err();
        assert!(e.info.contains("no ActionStatus"), "{}", e.info);
        // The envelope may come anywhere among the body's fields.
        let ok = r#"{"CompleteFlag":1,"ActionStatus":"OK","SessionItem":[],"ErrorCode":0}"#;
        assert!(decode::<GetList>(200, ok).unwrap().complete);
    }

    #[test]
    fn integers_a_js_number_cannot_hold_are_bad_responses() {
        let body = |t: &str| {
            format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[],"CompleteFlag":1,"TimeStamp":{t}}}"#
            )
        };
        assert!(decode::<GetList>(200, &body("9007199254740991")).is_ok());
        let e = decode::<GetList>(200, &body("9007199254740992")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("2^53"), "{}", e.info);
        assert_eq!(
            kind(decode::<GetList>(200, &body("1.5"))),
            ErrorKind::BadResponse
        );
        assert_eq!(
            kind(decode::<GetList>(200, &body("-5"))),
            ErrorKind::BadResponse
        );
    }

    #[test]
    fn input_errors_name_the_argument() {
        let e = input::<Vec<u8>>("{}", "operations", "bits").unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidInput);
        assert!(e.info.starts_with("operations: "), "{}", e.info);
    }
}

//! JSON text in and out of the core, for transports that move text (the npm package sends
//! strings across the wasm boundary, one per value, rather than converting field by field):
//! caller input, request bodies, and a whole response checked and decoded in one step.
//!
//! miniserde rather than serde_json: its derives share one parser through trait objects
//! instead of being compiled out per type, which keeps the wasm a fraction of the size.

use crate::endpoints::Endpoint;
use crate::envelope;
use crate::error::ChatError;
use crate::wire::{Empty, Reply};
use miniserde::json;
use miniserde::ser::{Fragment, Map};
use miniserde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Largest integer a JS number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Reads caller input; a wrong shape is the caller's error, reported with the shape
/// `expected` (miniserde's errors do not say which field failed).
pub fn input<T: Deserialize>(json: &str, what: &str, expected: &str) -> Result<T, ChatError> {
    json::from_str(json)
        .map_err(|_| ChatError::invalid_input(text!("{}: expected {}", what, expected)))
}

/// Writes a request body or a result.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
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
fn reply<T: Deserialize>(status: u16, text: &str) -> Result<T, ChatError> {
    envelope::check_status(status)?;
    check_object(text)?;
    let reply: Reply<T> = json::from_str(text).map_err(|_| shape_error(text))?;
    envelope::check(&reply.envelope)?;
    reply.body.ok_or_else(|| shape_error(text))
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

/// miniserde's errors carry no detail (that is what keeps it small).
fn shape_error(text: &str) -> ChatError {
    ChatError::bad_response(text!(
        "response body ({} bytes) is not JSON of the documented shape: truncated, or a \
         field missing or of the wrong type",
        text.len()
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

/// A JSON object of the fields that are `Some`, in order: what the derive cannot do (it
/// writes `null`), for types whose absent fields must be left out.
pub(crate) fn object<'a, const N: usize>(
    fields: [(&'static str, Option<&'a dyn Serialize>); N],
) -> Fragment<'a> {
    Fragment::Map(Box::new(Fields { fields, next: 0 }))
}

/// [`object`]'s fields, walked in place (no list of the present ones is built).
struct Fields<'a, const N: usize> {
    fields: [(&'static str, Option<&'a dyn Serialize>); N],
    next: usize,
}

impl<const N: usize> Map for Fields<'_, N> {
    fn next(&mut self) -> Option<(Cow<'_, str>, &dyn Serialize)> {
        while let Some(&(key, value)) = self.fields.get(self.next) {
            self.next += 1;
            if let Some(value) = value {
                return Some((Cow::Borrowed(key), value));
            }
        }
        None
    }
}

/// A field that is always written, for [`object`].
pub(crate) fn some<T: Serialize>(value: &T) -> Option<&dyn Serialize> {
    Some(value)
}

/// A field written only when present, for [`object`].
pub(crate) fn opt<T: Serialize>(value: &Option<T>) -> Option<&dyn Serialize> {
    value.as_ref().map(|v| v as &dyn Serialize)
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
        assert!(e.info.contains("wrong type"), "{}", e.info);
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
        assert!(e.info.contains("field missing"), "{}", e.info);
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

    #[test]
    fn object_leaves_out_absent_fields() {
        struct T(Option<u8>, String);
        impl Serialize for T {
            fn begin(&self) -> Fragment<'_> {
                object([("a", opt(&self.0)), ("b", some(&self.1))])
            }
        }
        assert_eq!(to_json(&T(None, "x".into())), r#"{"b":"x"}"#);
        assert_eq!(to_json(&T(Some(1), "x".into())), r#"{"a":1,"b":"x"}"#);
    }
}

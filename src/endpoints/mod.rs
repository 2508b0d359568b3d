//! One module per endpoint: each validates caller input into a wire request and decodes
//! the wire response into caller types. Transports (the wasm layer, tests) stay generic
//! over [`Endpoint`].

pub mod contact_group;
pub mod del_contact_group;
pub mod delete;
pub mod get_list;
pub mod mark_contact;
pub mod search_contact_group;
pub mod top;
pub mod update_contact_group;

use crate::error::ChatError;
use crate::numbers::safe;
use crate::response::{self, Body};
use crate::retry::Idempotency;
use crate::types::{Conversation, ItemResult};
use crate::wire;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// An endpoint: its command path, the caller's input, the shapes that cross the wire, and
/// how one becomes the other.
pub trait Endpoint {
    /// Path below the base URL, e.g. `v4/recentcontact/top`.
    const COMMAND: &'static str;
    /// What the caller gives besides the account (conversations, options…).
    type Input;
    /// The request body as the service spells it.
    type Request: Serialize;
    /// The body past the envelope, which [`response::check`] has already passed.
    type Response: DeserializeOwned;
    /// What the caller gets back.
    type Output;
    /// Whether a retry after an unclear failure (timeout, 5xx) is harmless.
    const IDEMPOTENCY: Idempotency = Idempotency::Idempotent;

    /// Validates the caller's input and builds the request for `account`.
    ///
    /// # Errors
    /// `invalid_input` saying what is wrong, before anything is sent.
    fn request(account: &str, input: &Self::Input) -> Result<Self::Request, ChatError>;

    /// Turns the response's fields into the caller's result.
    ///
    /// # Errors
    /// `bad_response` when a value breaks the documented shape (an id beyond 2^53 − 1, a
    /// conversation without its id…).
    fn decode(response: Self::Response) -> Result<Self::Output, ChatError>;

    /// Checks the envelope of a parsed body whose status passed and decodes the endpoint's
    /// response from it.
    ///
    /// # Errors
    /// Those of [`response::check`], [`response::fields`] and [`Endpoint::decode`].
    fn decode_body<B: Body>(body: &B) -> Result<Self::Output, ChatError> {
        response::check(body)?;
        Self::decode(response::fields(body)?)
    }

    /// [`Endpoint::decode_body`] from response text, for a native transport (and tests and
    /// fuzzing).
    ///
    /// # Errors
    /// Those of [`Endpoint::decode_body`], and `bad_response` when the text is not JSON.
    #[cfg(any(not(target_arch = "wasm32"), test))]
    fn decode_text(status: u16, text: &str) -> Result<Self::Output, ChatError> {
        response::check_status(status)?;
        Self::decode_body(&response::parse(text)?)
    }
}

/// The account acted for (`From_Account`) must be given.
pub(crate) fn check_account(account: &str) -> Result<String, ChatError> {
    if account.is_empty() {
        return Err(ChatError::invalid_input("account must not be empty"));
    }
    Ok(account.to_owned())
}

/// A list's length must be 1 to `max`.
pub(crate) fn check_count(n: usize, max: usize, what: &str) -> Result<(), ChatError> {
    if n == 0 || n > max {
        return Err(ChatError::invalid_input(format!(
            "give 1 to {max} {what}, not {n}"
        )));
    }
    Ok(())
}

/// `items.map(f).collect::<Result<Vec<_>, _>>()` as a plain loop: the iterator adapters
/// behind that collect cost the wasm about 3 KB across the call sites.
pub(crate) fn try_map<T, U>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> Result<U, ChatError>,
) -> Result<Vec<U>, ChatError> {
    let items = items.into_iter();
    let mut out = Vec::with_capacity(items.size_hint().0);
    for item in items {
        out.push(f(item)?);
    }
    Ok(out)
}

/// Builds the per-conversation results of `mark_contact`, `create_contact_group` and
/// `update_contact_group`.
pub(crate) fn item_results(items: Vec<wire::ResultItem>) -> Result<Vec<ItemResult>, ChatError> {
    try_map(items, |item| {
        let code = item.result_code.unwrap_or(0);
        safe(code.unsigned_abs())?;
        let c = item.contact_item;
        Ok(ItemResult {
            conversation: Conversation::from_wire(c.r#type, c.to_account, c.to_group_id)?,
            ok: code == 0,
            code,
            info: item.result_info.unwrap_or_default(),
        })
    })
}

/// Test helpers: JSON comparisons against the docs' samples.
#[cfg(test)]
pub(crate) mod testing {
    /// Serialises `request` and compares it with the docs' sample, ignoring key order.
    pub fn assert_wire<T: serde::Serialize>(request: &T, docs_sample: &str) {
        let ours = serde_json::to_value(request).unwrap();
        let docs: serde_json::Value = serde_json::from_str(docs_sample).unwrap();
        assert_eq!(ours, docs);
    }

    /// Passes the envelope check and decodes the endpoint body, as a transport does.
    pub fn decode<E: super::Endpoint>(json: &str) -> Result<E::Output, crate::ChatError> {
        E::decode_text(200, json)
    }
}

#[cfg(test)]
mod decode_tests {
    use super::get_list::GetList;
    use super::top::Pin;
    use super::Endpoint;
    use crate::error::ChatError;
    use crate::ErrorKind;

    fn kind<T: std::fmt::Debug>(r: Result<T, ChatError>) -> ErrorKind {
        r.unwrap_err().kind
    }

    #[test]
    fn status_then_envelope_then_shape() {
        assert_eq!(kind(Pin::decode_text(502, "<html>")), ErrorKind::Http);
        assert_eq!(
            kind(Pin::decode_text(200, "<html>")),
            ErrorKind::BadResponse
        );
        assert_eq!(kind(Pin::decode_text(200, "[1]")), ErrorKind::BadResponse);
        let e = Pin::decode_text(200, "{\"ActionStatus\":\"OK\"").unwrap_err();
        assert!(e.info.contains("not JSON"), "{}", e.info);
        let e = Pin::decode_text(200, "{\"ActionStatus\":1}").unwrap_err();
        assert!(e.info.contains("expected a string"), "{}", e.info);
        let failed = r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"expired"}"#;
        assert_eq!(Pin::decode_text(200, failed).unwrap_err().code, 70001);
        Pin::decode_text(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap();
    }

    #[test]
    fn an_array_shaped_like_an_envelope_is_not_one() {
        let e = Pin::decode_text(200, r#"["OK",0,"",""]"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("not a JSON object"), "{}", e.info);
    }

    #[test]
    fn a_failure_needs_no_body_and_a_success_needs_one() {
        let failed = r#"{"ErrorCode":70001,"ActionStatus":"FAIL","ErrorInfo":"expired"}"#;
        let e = GetList::decode_text(200, failed).unwrap_err();
        assert_eq!((e.kind, e.code), (ErrorKind::Api, 70001));
        // A failure with the body's fields of another type: the envelope decides.
        let failed = r#"{"ErrorCode":70001,"ActionStatus":"FAIL","CompleteFlag":"x"}"#;
        assert_eq!(GetList::decode_text(200, failed).unwrap_err().code, 70001);
        let e = GetList::decode_text(200, r#"{"ActionStatus":"OK","ErrorCode":0}"#).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(
            e.info.contains("missing field `CompleteFlag`"),
            "{}",
            e.info
        );
        // null reads as absent.
        let ok = r#"{"ActionStatus":"OK","ErrorCode":null,"ErrorInfo":null,"ErrorDisplay":null}"#;
        Pin::decode_text(200, ok).unwrap();
        let e = Pin::decode_text(200, r#"{"ActionStatus":null}"#).unwrap_err();
        assert!(e.info.contains("no ActionStatus"), "{}", e.info);
        // The envelope may come anywhere among the body's fields.
        let ok = r#"{"CompleteFlag":1,"ActionStatus":"OK","SessionItem":[],"ErrorCode":0}"#;
        assert!(GetList::decode_text(200, ok).unwrap().complete);
    }

    #[test]
    fn integers_a_js_number_cannot_hold_are_bad_responses() {
        let body = |t: &str| {
            format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"SessionItem":[],"CompleteFlag":1,"TimeStamp":{t}}}"#
            )
        };
        assert!(GetList::decode_text(200, &body("9007199254740991")).is_ok());
        let e = GetList::decode_text(200, &body("9007199254740992")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadResponse);
        assert!(e.info.contains("2^53"), "{}", e.info);
        for bad in ["1.5", "-5", "1e400", "18446744073709551616"] {
            assert_eq!(
                kind(GetList::decode_text(200, &body(bad))),
                ErrorKind::BadResponse,
                "{bad}"
            );
        }
        let code = r#"{"ActionStatus":"FAIL","ErrorCode":9007199254740993}"#;
        assert_eq!(kind(Pin::decode_text(200, code)), ErrorKind::BadResponse);
    }
}

//! A response, checked and decoded: HTTP status, then the envelope, then the endpoint's
//! fields, read by serde from a parsed body. The body is whatever the transport parsed the
//! text into — a JS value read with serde-wasm-bindgen in the npm package, a
//! `serde_json::Value` natively ([`parse`]) — so the same checks serve both. Endpoints
//! decode through [`crate::endpoints::Endpoint::decode_body`], which calls [`check`] then
//! [`fields`].

use crate::envelope;
use crate::error::ChatError;
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

/// Checks an exchange's HTTP status and the body's envelope: what decides a retry.
///
/// # Errors
/// `http` for a non-2xx status, `api` for a failure the envelope reports, `bad_response`
/// for a body that is not an object or has no valid envelope.
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

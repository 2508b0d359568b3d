//! One module per endpoint: each validates caller input into a wire request and decodes
//! the wire response into caller types. Transports (the wasm layer, tests) stay generic
//! over [`Endpoint`].

pub mod contact_group;
pub mod get_list;
pub mod mark_contact;
pub mod top;

use crate::error::ChatError;
use crate::retry::Idempotency;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// An endpoint's command path and the shapes that cross the wire.
pub trait Endpoint {
    /// Path below the base URL, e.g. `v4/recentcontact/top`.
    const COMMAND: &'static str;
    type Request: Serialize;
    /// The body past the envelope, which [`crate::envelope::check`] has already passed.
    type Response: DeserializeOwned;
    type Output;
    /// Whether a retry after an unclear failure (timeout, 5xx) is harmless.
    const IDEMPOTENCY: Idempotency = Idempotency::Idempotent;

    fn decode(response: Self::Response) -> Result<Self::Output, ChatError>;
}

/// The account acted for (`From_Account`) must be given.
pub(crate) fn check_account(account: &str) -> Result<String, ChatError> {
    if account.is_empty() {
        return Err(ChatError::invalid_input("account must not be empty"));
    }
    Ok(account.to_owned())
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

/// A caller's index or cursor value: refused past 2^53 − 1, beyond what the results can
/// carry back to a JS caller (a JS caller can pass one as a BigInt).
pub(crate) fn check_index(n: u64, what: &str) -> Result<u64, ChatError> {
    if n > crate::codec::MAX_SAFE_INTEGER {
        return Err(ChatError::invalid_input(format!(
            "{what} must be at most 2^53 - 1, not {n}"
        )));
    }
    Ok(n)
}

/// Builds the per-conversation results of `mark_contact` and `create_contact_group`.
pub(crate) fn item_results(
    items: Vec<crate::wire::ResultItem>,
) -> Result<Vec<crate::types::ItemResult>, ChatError> {
    try_map(items, |item| {
        let code = item.result_code.unwrap_or(0);
        crate::codec::safe(code.unsigned_abs())?;
        let c = item.contact_item;
        Ok(crate::types::ItemResult {
            conversation: crate::types::Conversation::from_wire(
                c.r#type,
                c.to_account,
                c.to_group_id,
            )?,
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
        crate::codec::decode_text::<E>(200, json)
    }
}

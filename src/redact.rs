//! Keeping the UserSig out of everything people see: the form it takes in a URL, and its
//! removal from error texts. A leaf, so that both the URL builder and [`crate::error`] use it.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What stands in for the UserSig wherever a URL is shown.
pub const REDACTED: &str = "REDACTED";

/// `value` percent-encoded for a URL's query string.
pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).collect()
}

/// `text` with the UserSig replaced by [`REDACTED`] in each form it travels or could be
/// echoed in: as given, as encoded in the URL, and with '+' read as a space. A service or
/// proxy may quote the request URL or the sig in `ErrorInfo`, and serde's messages quote
/// a wrong-typed value, so every error text passes through here before anyone sees it.
pub fn redact(text: &str, user_sig: &str) -> String {
    if user_sig.is_empty() {
        return text.to_owned();
    }
    let encoded = encode(user_sig);
    let spaced = user_sig.replace('+', " ");
    let mut out = text.to_owned();
    for form in [user_sig, encoded.as_str(), spaced.as_str()] {
        out = replace_all(&out, form);
    }
    out
}

/// `text` with every occurrence of `form` (non-empty) replaced by [`REDACTED`]. A plain
/// scan: `str::replace` would pull the two-way searcher into the wasm for this one use.
fn replace_all(text: &str, form: &str) -> String {
    let (bytes, pattern) = (text.as_bytes(), form.as_bytes());
    if pattern.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied) = (0, 0);
    while at + pattern.len() <= bytes.len() {
        if bytes.get(at..at + pattern.len()) == Some(pattern) {
            // A match of valid UTF-8 in valid UTF-8 starts and ends on char boundaries.
            out.push_str(text.get(copied..at).unwrap_or_default());
            out.push_str(REDACTED);
            at += pattern.len();
            copied = at;
        } else {
            at += 1;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_replaces_every_form_of_the_sig() {
        let sig = "eJx+abc/def=";
        let text = format!("bad {sig}; url usersig=eJx%2Babc%2Fdef%3D&x; form eJx abc/def=");
        let out = redact(&text, sig);
        assert_eq!(out, "bad REDACTED; url usersig=REDACTED&x; form REDACTED");
        assert_eq!(redact("nothing", ""), "nothing");
        assert_eq!(replace_all("abc", ""), "abc");
        assert_eq!(redact("é+é é", "é+é"), "REDACTED é");
        assert_eq!(redact("xx", "xxx"), "xx");
    }
}

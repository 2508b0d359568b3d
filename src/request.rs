//! The request URL: `{base}/{command}?sdkappid&identifier&usersig&random&contenttype=json`.
//! The UserSig is a full-power admin credential, so the URL is built only for sending;
//! everything shown to people uses [`redacted_url`].

use crate::error::ChatError;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters is escaped.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What stands in for the UserSig wherever a URL is shown.
pub const REDACTED: &str = "REDACTED";

/// Who is calling: the app and its administrator account.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    pub base_url: &'a str,
    pub sdk_app_id: u32,
    pub identifier: &'a str,
}

/// The URL to POST to, UserSig included.
pub fn url(caller: Caller<'_>, command: &str, user_sig: &str, random: u32) -> String {
    let enc = |v: &str| utf8_percent_encode(v, QUERY_VALUE).collect::<String>();
    format!(
        "{}/{}?sdkappid={}&identifier={}&usersig={}&random={}&contenttype=json",
        caller.base_url,
        command,
        caller.sdk_app_id,
        enc(caller.identifier),
        enc(user_sig),
        random
    )
}

/// `text` with the UserSig replaced by [`REDACTED`] in each form it travels or could be
/// echoed in: as given, as encoded in the URL, and with '+' read as a space. A service or
/// proxy may quote the request URL or the sig in `ErrorInfo`, and serde's messages quote
/// a wrong-typed value, so every error text passes through here before anyone sees it.
pub fn redact(text: &str, user_sig: &str) -> String {
    if user_sig.is_empty() {
        return text.to_owned();
    }
    let encoded = utf8_percent_encode(user_sig, QUERY_VALUE).collect::<String>();
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

/// The same URL with the UserSig replaced, for hooks, logs and errors.
pub fn redacted_url(caller: Caller<'_>, command: &str, random: u32) -> String {
    url(caller, command, REDACTED, random)
}

/// A raw command must be a service path, `v4/<service>/<command>`: nothing that could
/// leave the base URL or reach another resource.
pub fn check_command(command: &str) -> Result<(), ChatError> {
    let parts: Vec<&str> = command.split('/').collect();
    let valid = parts.len() == 3
        && parts.first() == Some(&"v4")
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        });
    if valid {
        Ok(())
    } else {
        Err(ChatError::invalid_input(format!(
            "command must look like \"v4/recentcontact/get_list\", not \"{}\"",
            command
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALLER: Caller<'static> = Caller {
        base_url: "https://adminapisgp.im.qcloud.com",
        sdk_app_id: 88888888,
        identifier: "admin",
    };

    #[test]
    fn matches_the_docs_example() {
        assert_eq!(
            url(CALLER, "v4/recentcontact/top", "xxx", 99999999),
            "https://adminapisgp.im.qcloud.com/v4/recentcontact/top?sdkappid=88888888\
             &identifier=admin&usersig=xxx&random=99999999&contenttype=json"
        );
    }

    #[test]
    fn values_are_url_encoded() {
        let caller = Caller {
            identifier: "ad min&x=1",
            ..CALLER
        };
        let u = url(caller, "v4/recentcontact/top", "a+b/c=d*", u32::MAX);
        assert!(u.contains("identifier=ad%20min%26x%3D1&"), "{u}");
        assert!(u.contains("usersig=a%2Bb%2Fc%3Dd%2A&"), "{u}");
        assert!(u.contains("random=4294967295&"), "{u}");
    }

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

    #[test]
    fn commands_are_service_paths() {
        check_command("v4/recentcontact/delete").unwrap();
        for bad in [
            "",
            "v4",
            "v4/a",
            "v4/a/b/c",
            "v3/a/b",
            "v4/A/b",
            "v4/a/../b",
            "v4//b",
            "v4/a/b?x",
        ] {
            assert!(check_command(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn redaction_hides_the_sig() {
        let u = redacted_url(CALLER, "v4/recentcontact/top", 1);
        assert!(u.contains("usersig=REDACTED&"));
    }
}

//! The URL a command is POSTed to:
//! `{base}/{command}?sdkappid&identifier&usersig&random&contenttype=json`, and the check of
//! a raw command. The UserSig is a full-power admin credential, so the URL is built only
//! for sending; everything shown to people uses [`redacted_url`] (and error texts
//! [`crate::redact`]).

use crate::error::ChatError;
use crate::redact::{encode, REDACTED};

/// Who is calling: the app and its administrator account.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    /// Scheme and host (and path prefix) the commands go below.
    pub base_url: &'a str,
    /// The app's SDKAppID.
    pub sdk_app_id: u32,
    /// The administrator account.
    pub identifier: &'a str,
}

/// The URL to POST to, UserSig included.
pub fn signed_url(caller: Caller<'_>, command: &str, user_sig: &str, random: u32) -> String {
    format!(
        "{}/{}?sdkappid={}&identifier={}&usersig={}&random={}&contenttype=json",
        caller.base_url,
        command,
        caller.sdk_app_id,
        encode(caller.identifier),
        encode(user_sig),
        random
    )
}

/// The same URL with the UserSig replaced, for hooks, logs and errors.
pub fn redacted_url(caller: Caller<'_>, command: &str, random: u32) -> String {
    signed_url(caller, command, REDACTED, random)
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
            signed_url(CALLER, "v4/recentcontact/top", "xxx", 99999999),
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
        let u = signed_url(caller, "v4/recentcontact/top", "a+b/c=d*", u32::MAX);
        assert!(u.contains("identifier=ad%20min%26x%3D1&"), "{u}");
        assert!(u.contains("usersig=a%2Bb%2Fc%3Dd%2A&"), "{u}");
        assert!(u.contains("random=4294967295&"), "{u}");
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

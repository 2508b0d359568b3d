//! Options read with messages in the caller's terms. serde's own name Rust types
//! (``invalid type: floating point `-1.0`, expected u32``), so every option field is read
//! through one of these, which says instead what the option must be, and [`read`] names
//! the refused option in the error ([`ChatError::option`]). The option types' own modules
//! (`config`, `types`) depend on this one, never the reverse.

use crate::error::ChatError;
use serde::de::{Deserialize, Deserializer, Error};
use std::cell::Cell;

const U32_MAX: &str = "4294967295";
/// The largest index a JS number holds exactly, as option messages spell it.
pub const INDEX_MAX: &str = "2^53 - 1";

thread_local! {
    /// The option whose reader failed last: serde carries an error only as text, so the
    /// key travels beside it to [`read`].
    static REFUSED: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Runs `read`, a serde read of an options type whose failure text `read` returns, and
/// makes a failure `invalid_input` with the option a reader refused in `option`.
pub fn read<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, ChatError> {
    REFUSED.with(|r| r.set(None));
    read().map_err(|text| {
        let error = ChatError::invalid_input(text);
        match REFUSED.with(Cell::take) {
            Some(option) => ChatError::invalid_option(option, error.info),
            None => error,
        }
    })
}

/// Reads an optional field (absent and `null` are `None`), or fails with `message`,
/// recording `name` for [`read`]. Option readers outside this module use it too.
pub fn field<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    name: &'static str,
    message: impl FnOnce(&str) -> String,
) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d).map_err(|_| refuse::<D::Error>(name, message(name)))
}

/// The error for option `name`, recorded for [`read`].
fn refuse<E: Error>(name: &'static str, message: String) -> E {
    REFUSED.with(|r| r.set(Some(name)));
    E::custom(message)
}

/// What an integer option from 0 to `max` must be.
fn integer(name: &str, max: &str) -> String {
    format!("`{name}` must be an integer from 0 to {max}")
}

/// What a boolean option must be.
pub fn flag(name: &str) -> String {
    format!("`{name}` must be true or false")
}

/// What a string option must be.
fn text(name: &str) -> String {
    format!("`{name}` must be a string")
}

macro_rules! readers {
    ($($reader:ident: $t:ty = $name:literal, $message:expr;)*) => {$(
        #[doc = concat!("Reads the option `", $name, "`.")]
        pub fn $reader<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$t>, D::Error> {
            field(d, $name, $message)
        }
    )*};
}

readers! {
    sdk_app_id: u32 = "sdkAppId", |n| integer(n, U32_MAX);
    identifier: String = "identifier", text;
    endpoint: String = "endpoint", |n| format!("`{n}` must be a string, an http:// or https:// base URL");
    timeout_ms: f64 = "timeoutMs", |n| format!("`{n}` must be a positive number");
    max_retries: u32 = "maxRetries", |n| integer(n, U32_MAX);
    max_requests_per_second: u32 = "maxRequestsPerSecond", |n| integer(n, U32_MAX);
    allow_insecure_http: bool = "allowInsecureHttp", flag;
    clear_history: bool = "clearHistory", flag;
    pinned: bool = "pinned", flag;
    include_empty: bool = "includeEmpty", flag;
    paginate_pinned: bool = "paginatePinned", flag;
    marks: bool = "marks", flag;
    groups: bool = "groups", flag;
    assist_flags: u32 = "assistFlags", |n| integer(n, U32_MAX);
    start_index: u64 = "startIndex", |n| integer(n, INDEX_MAX);
}

/// Reads the required `sdkAppId`.
pub fn required_sdk_app_id<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    sdk_app_id(d)?.ok_or_else(|| refuse("sdkAppId", integer("sdkAppId", U32_MAX)))
}

/// Reads the required `identifier`.
pub fn required_identifier<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    identifier(d)?.ok_or_else(|| refuse("identifier", text("identifier")))
}

/// Refuses a required constructor option that `given` says is absent, as its reader
/// refuses `null`: serde itself would say "missing field" without calling the reader.
pub fn check_required(given: impl Fn(&str) -> bool) -> Result<(), ChatError> {
    if !given("sdkAppId") {
        return Err(ChatError::invalid_option(
            "sdkAppId",
            integer("sdkAppId", U32_MAX),
        ));
    }
    if !given("identifier") {
        return Err(ChatError::invalid_option("identifier", text("identifier")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::error::ChatError;
    use crate::types::{DeleteOptions, GroupsOptions, ListOptions};
    use crate::ClientConfig;
    use serde::de::DeserializeOwned;

    fn error<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> ChatError {
        super::read(|| serde_json::from_str::<T>(json).map_err(|e| e.to_string())).unwrap_err()
    }

    /// The error names `option`, and its text starts with `message`.
    fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str, option: &str, message: &str) {
        let e = error::<T>(json);
        assert_eq!(e.kind, crate::ErrorKind::InvalidInput, "{json}");
        assert_eq!(e.option.as_deref(), Some(option), "{json}");
        assert!(e.info.starts_with(message), "{json}: {}", e.info);
    }

    #[test]
    fn each_option_says_what_it_must_be_and_is_named() {
        let config = |rest: &str| format!(r#"{{"sdkAppId":1,"identifier":"a"{rest}}}"#);
        let u32_max = "must be an integer from 0 to 4294967295";
        for (json, option, message) in [
            (
                r#"{"sdkAppId":-1,"identifier":"a"}"#.to_owned(),
                "sdkAppId",
                u32_max,
            ),
            (
                r#"{"sdkAppId":1.5,"identifier":"a"}"#.to_owned(),
                "sdkAppId",
                u32_max,
            ),
            (
                r#"{"sdkAppId":null,"identifier":"a"}"#.to_owned(),
                "sdkAppId",
                u32_max,
            ),
            (
                r#"{"sdkAppId":1,"identifier":5}"#.to_owned(),
                "identifier",
                "must be a string",
            ),
            (
                config(r#","region":"moon""#),
                "region",
                "must be one of china, singapore, seoul, tokyo, frankfurt, silicon-valley, jakarta",
            ),
            (
                config(r#","endpoint":1"#),
                "endpoint",
                "must be a string, an http:// or https:// base URL",
            ),
            (
                config(r#","allowInsecureHttp":"yes""#),
                "allowInsecureHttp",
                "must be true or false",
            ),
            (
                config(r#","timeoutMs":"1""#),
                "timeoutMs",
                "must be a positive number",
            ),
            (config(r#","maxRetries":-1"#), "maxRetries", u32_max),
            (
                config(r#","maxRequestsPerSecond":2.5"#),
                "maxRequestsPerSecond",
                u32_max,
            ),
        ] {
            refused::<ClientConfig>(&json, option, &format!("`{option}` {message}"));
        }
        for (json, name) in [
            (r#"{"pinned":1}"#, "pinned"),
            (r#"{"includeEmpty":"no"}"#, "includeEmpty"),
            (r#"{"paginatePinned":0}"#, "paginatePinned"),
            (r#"{"assistFlags":-3}"#, "assistFlags"),
            (r#"{"cursor":5}"#, "cursor"),
            (r#"{"cursor":{"timeStamp":1}}"#, "cursor"),
        ] {
            refused::<ListOptions>(json, name, &format!("`{name}` must be"));
        }
        refused::<GroupsOptions>(
            r#"{"startIndex":"0"}"#,
            "startIndex",
            "`startIndex` must be an integer",
        );
        refused::<DeleteOptions>(
            r#"{"clearHistory":"yes"}"#,
            "clearHistory",
            "`clearHistory` must be true or false",
        );
        let defaults: ListOptions = serde_json::from_str(r#"{"pinned":null}"#).unwrap();
        assert_eq!(defaults.pinned, None);
    }

    #[test]
    fn a_failure_that_is_no_option_reader_names_no_option() {
        // The last refusal does not leak into a later, unrelated failure.
        error::<ListOptions>(r#"{"pinned":1}"#);
        let e = error::<ListOptions>("[");
        assert_eq!(e.option, None, "{}", e.info);
    }

    #[test]
    fn a_missing_required_option_is_refused_by_name() {
        let only = |key: &'static str| move |k: &str| k == key;
        let e = super::check_required(only("identifier")).unwrap_err();
        assert_eq!(e.option.as_deref(), Some("sdkAppId"));
        assert!(
            e.info.starts_with("`sdkAppId` must be an integer"),
            "{}",
            e.info
        );
        let e = super::check_required(only("sdkAppId")).unwrap_err();
        assert_eq!(e.option.as_deref(), Some("identifier"));
        assert!(super::check_required(|_| true).is_ok());
    }
}

//! Options read with messages in the caller's terms. serde's own name Rust types
//! (``invalid type: floating point `-1.0`, expected u32``), so every option field is read
//! through one of these, which says instead what the option must be.

use crate::config::Region;
use crate::types::Cursor;
use serde::de::{Deserialize, Deserializer, Error};

const U32_MAX: &str = "4294967295";
const INDEX_MAX: &str = "2^53 - 1";

/// Reads an optional field (absent and `null` are `None`), or fails with `message`.
fn field<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    message: impl FnOnce() -> String,
) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d).map_err(|_| D::Error::custom(message()))
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
            field(d, || ($message)($name))
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
    cursor: Cursor = "cursor", |n| format!(
        "`{n}` must be a page's cursor: {{ timeStamp, startIndex, topTimeStamp, \
         topStartIndex }}, each an integer from 0 to {INDEX_MAX}"
    );
    region: Region = "region", |n| format!("`{n}` must be one of {}", Region::names().join(", "));
}

/// Reads the required `sdkAppId`.
pub fn required_sdk_app_id<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    sdk_app_id(d)?.ok_or_else(|| D::Error::custom(integer("sdkAppId", U32_MAX)))
}

/// Reads the required `identifier`.
pub fn required_identifier<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    identifier(d)?.ok_or_else(|| D::Error::custom(text("identifier")))
}

#[cfg(test)]
mod tests {
    use crate::types::{DeleteOptions, GroupsOptions, ListOptions};
    use crate::ClientConfig;
    use serde::de::DeserializeOwned;

    fn error<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn each_option_says_what_it_must_be() {
        let config = |rest: &str| format!(r#"{{"sdkAppId":1,"identifier":"a"{rest}}}"#);
        for (json, message) in [
            (r#"{"sdkAppId":-1,"identifier":"a"}"#.to_owned(), "`sdkAppId` must be an integer from 0 to 4294967295"),
            (r#"{"sdkAppId":1.5,"identifier":"a"}"#.to_owned(), "`sdkAppId` must be an integer from 0 to 4294967295"),
            (r#"{"sdkAppId":null,"identifier":"a"}"#.to_owned(), "`sdkAppId` must be an integer from 0 to 4294967295"),
            (r#"{"sdkAppId":1,"identifier":5}"#.to_owned(), "`identifier` must be a string"),
            (config(r#","region":"moon""#), "`region` must be one of china, singapore, seoul, tokyo, frankfurt, silicon-valley, jakarta"),
            (config(r#","endpoint":1"#), "`endpoint` must be a string, an http:// or https:// base URL"),
            (config(r#","allowInsecureHttp":"yes""#), "`allowInsecureHttp` must be true or false"),
            (config(r#","timeoutMs":"1""#), "`timeoutMs` must be a positive number"),
            (config(r#","maxRetries":-1"#), "`maxRetries` must be an integer from 0 to 4294967295"),
            (config(r#","maxRequestsPerSecond":2.5"#), "`maxRequestsPerSecond` must be an integer from 0 to 4294967295"),
        ] {
            assert!(error::<ClientConfig>(&json).starts_with(message), "{json}");
        }
        assert!(error::<ClientConfig>(r#"{"identifier":"a"}"#).contains("sdkAppId"));
        for (json, name) in [
            (r#"{"pinned":1}"#, "pinned"),
            (r#"{"includeEmpty":"no"}"#, "includeEmpty"),
            (r#"{"paginatePinned":0}"#, "paginatePinned"),
            (r#"{"marks":[]}"#, "marks"),
            (r#"{"groups":{}}"#, "groups"),
            (r#"{"assistFlags":-3}"#, "assistFlags"),
            (r#"{"cursor":5}"#, "cursor"),
            (r#"{"cursor":{"timeStamp":1}}"#, "cursor"),
        ] {
            assert!(
                error::<ListOptions>(json).starts_with(&format!("`{name}` must be")),
                "{json}"
            );
        }
        assert!(error::<GroupsOptions>(r#"{"startIndex":"0"}"#)
            .starts_with("`startIndex` must be an integer"));
        assert!(error::<DeleteOptions>(r#"{"clearHistory":"yes"}"#)
            .starts_with("`clearHistory` must be true or false"));
        let defaults: ListOptions = serde_json::from_str(r#"{"pinned":null}"#).unwrap();
        assert_eq!(defaults.pinned, None);
    }
}

//! Client configuration: who calls (SDKAppID, admin identifier) and where (region or endpoint).

use crate::error::ChatError;
use crate::options;
use serde::Deserialize;

/// Declares `Region` and its list from one table, so that `Region::ALL` cannot miss one.
macro_rules! regions {
    ($($(#[$attr:meta])* $variant:ident = $name:literal, $domain:literal;)*) => {
        /// The service's regional domains; the SDKAppID decides which one serves an app.
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        pub enum Region {
            $($(#[$attr])* #[serde(rename = $name)] $variant,)*
        }

        impl Region {
            /// Every region, in the order the docs list them (the default first).
            pub const ALL: &'static [Region] = &[$(Region::$variant),*];

            /// The name the options use, e.g. `silicon-valley`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Region::$variant => $name,)*
                }
            }

            /// The region's REST API host.
            pub fn domain(self) -> &'static str {
                match self {
                    $(Region::$variant => $domain,)*
                }
            }
        }
    };
}

regions! {
    /// Mainland China: `console.tim.qq.com` (the default).
    #[default]
    China = "china", "console.tim.qq.com";
    /// `adminapisgp.im.qcloud.com`.
    Singapore = "singapore", "adminapisgp.im.qcloud.com";
    /// `adminapikr.im.qcloud.com`.
    Seoul = "seoul", "adminapikr.im.qcloud.com";
    /// `adminapijpn.im.qcloud.com`.
    Tokyo = "tokyo", "adminapijpn.im.qcloud.com";
    /// `adminapiger.im.qcloud.com`.
    Frankfurt = "frankfurt", "adminapiger.im.qcloud.com";
    /// `adminapiusa.im.qcloud.com`.
    SiliconValley = "silicon-valley", "adminapiusa.im.qcloud.com";
    /// `adminapiidn.im.qcloud.com`.
    Jakarta = "jakarta", "adminapiidn.im.qcloud.com";
}

impl Region {
    /// The regions' names, in [`Region::ALL`]'s order.
    pub fn names() -> Vec<&'static str> {
        Region::ALL.iter().map(|r| r.name()).collect()
    }
}

/// Reads the option `region`.
fn region<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Region>, D::Error> {
    options::field(d, "region", |n| {
        format!("`{n}` must be one of {}", Region::names().join(", "))
    })
}

/// Everything about a client except its UserSig, which the host supplies per request.
/// Absent optional fields take the defaults the accessors give.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ClientConfig {
    /// The app's SDKAppID, from the Chat console.
    #[serde(rename = "sdkAppId", deserialize_with = "options::required_sdk_app_id")]
    pub sdk_app_id: u32,
    /// An app administrator account: the UserSig is this account's.
    #[serde(deserialize_with = "options::required_identifier")]
    pub identifier: String,
    /// Where the app lives; `china` by default.
    #[serde(default, deserialize_with = "region")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub region: Option<Region>,
    /// A base URL that replaces the region's, e.g. a proxy or the local emulator.
    #[serde(default, deserialize_with = "options::endpoint")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub endpoint: Option<String>,
    /// Allow `http://` to a host other than loopback (the UserSig travels in the URL).
    #[serde(
        rename = "allowInsecureHttp",
        default,
        deserialize_with = "options::allow_insecure_http"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub allow_insecure_http: Option<bool>,
    /// Milliseconds one attempt may take before it fails as `timeout` (default 10 000).
    #[serde(
        rename = "timeoutMs",
        default,
        deserialize_with = "options::timeout_ms"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub timeout_ms: Option<f64>,
    /// Retries after a retryable failure (default 2).
    #[serde(
        rename = "maxRetries",
        default,
        deserialize_with = "options::max_retries"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_retries: Option<u32>,
    /// Client-side limit per endpoint (default 200, the service's; 0 = no limit).
    #[serde(
        rename = "maxRequestsPerSecond",
        default,
        deserialize_with = "options::max_requests_per_second"
    )]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_requests_per_second: Option<u32>,
}

impl ClientConfig {
    /// A configuration with every option at its default.
    pub fn new(sdk_app_id: u32, identifier: impl Into<String>) -> Self {
        ClientConfig {
            sdk_app_id,
            identifier: identifier.into(),
            region: None,
            endpoint: None,
            allow_insecure_http: None,
            timeout_ms: None,
            max_retries: None,
            max_requests_per_second: None,
        }
    }

    /// Per-attempt timeout in milliseconds (default 10 000).
    pub fn timeout_ms(&self) -> f64 {
        self.timeout_ms.unwrap_or(10_000.0)
    }

    /// Retries after a retryable failure (default 2).
    pub fn max_retries(&self) -> u32 {
        self.max_retries.unwrap_or(2)
    }

    /// The per-endpoint send limit (default 200; 0 turns it off).
    pub fn max_requests_per_second(&self) -> u32 {
        self.max_requests_per_second.unwrap_or(200)
    }

    /// Checks the configuration and returns the base URL requests go to (no trailing `/`).
    pub fn base_url(&self) -> Result<String, ChatError> {
        if self.identifier.trim().is_empty() {
            return Err(ChatError::invalid_option(
                "identifier",
                "`identifier` must not be empty",
            ));
        }
        check_timeout(self.timeout_ms())?;
        match &self.endpoint {
            None => Ok(["https://", self.region.unwrap_or_default().domain()].concat()),
            Some(endpoint) => check_endpoint(endpoint, self.allow_insecure_http.unwrap_or(false)),
        }
    }
}

/// A timeout must be a positive number of milliseconds.
pub fn check_timeout(ms: f64) -> Result<(), ChatError> {
    if ms.is_finite() && ms > 0.0 {
        Ok(())
    } else {
        Err(ChatError::invalid_option(
            "timeoutMs",
            "`timeoutMs` must be a positive number",
        ))
    }
}

/// Validates a caller-supplied base URL; plain HTTP is allowed only to loopback by default.
fn check_endpoint(endpoint: &str, allow_insecure_http: bool) -> Result<String, ChatError> {
    let trimmed = endpoint.trim_end_matches('/');
    let (secure, rest) = if let Some(rest) = trimmed.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = trimmed.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err(ChatError::invalid_option(
            "endpoint",
            "`endpoint` must be an http:// or https:// URL",
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') || rest.contains(['?', '#']) {
        return Err(ChatError::invalid_option(
            "endpoint",
            "`endpoint` must be a base URL with a host and no credentials, query or fragment",
        ));
    }
    if !secure && !allow_insecure_http && !is_loopback(authority) {
        return Err(ChatError::invalid_option(
            "endpoint",
            "`endpoint` uses plain http:// to a non-loopback host; the UserSig would travel \
             unencrypted (use https:// or set allowInsecureHttp: true)",
        ));
    }
    Ok(trimmed.to_owned())
}

/// True for `localhost`, `127.0.0.0/8` and `[::1]`, with or without a port.
pub fn is_loopback(authority: &str) -> bool {
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    if host.eq_ignore_ascii_case("localhost") || host == "::1" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets.iter().all(|o| o.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_endpoint(endpoint: &str, insecure: bool) -> ClientConfig {
        ClientConfig {
            endpoint: Some(endpoint.into()),
            allow_insecure_http: Some(insecure),
            ..ClientConfig::new(1400000000, "administrator")
        }
    }

    #[test]
    fn region_picks_domain() {
        let mut c = ClientConfig::new(1, "admin");
        assert_eq!(c.base_url().unwrap(), "https://console.tim.qq.com");
        c.region = Some(Region::SiliconValley);
        assert_eq!(c.base_url().unwrap(), "https://adminapiusa.im.qcloud.com");
        let r: Region = serde_json::from_str("\"silicon-valley\"").unwrap();
        assert_eq!(r, Region::SiliconValley);
    }

    #[test]
    fn every_region_is_listed_once_by_the_name_it_is_read_by() {
        assert_eq!(Region::ALL.first(), Some(&Region::default()));
        for (at, region) in Region::ALL.iter().enumerate() {
            let read: Region = serde_json::from_str(&format!("\"{}\"", region.name())).unwrap();
            assert_eq!(read, *region);
            assert_eq!(Region::ALL.iter().position(|r| r == region), Some(at));
        }
    }

    #[test]
    fn plain_http_only_to_loopback_unless_allowed() {
        for ok in [
            "http://127.0.0.1:8787",
            "http://localhost:1/",
            "http://[::1]:80",
            "http://127.3.2.1",
        ] {
            assert!(with_endpoint(ok, false).base_url().is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://127.0.0.1.example.com",
            "http://10.0.0.1:80",
        ] {
            let e = with_endpoint(bad, false).base_url().unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::InvalidInput, "{bad}");
            assert_eq!(e.option.as_deref(), Some("endpoint"), "{bad}");
        }
        assert!(with_endpoint("http://example.com", true).base_url().is_ok());
        assert_eq!(
            with_endpoint("https://proxy.example/chat/", false)
                .base_url()
                .unwrap(),
            "https://proxy.example/chat"
        );
    }

    #[test]
    fn malformed_endpoints_are_refused() {
        for bad in [
            "ftp://x",
            "example.com",
            "https://",
            "https://u:p@host",
            "https://h/?q=1",
        ] {
            let e = with_endpoint(bad, true).base_url().unwrap_err();
            assert_eq!(e.option.as_deref(), Some("endpoint"), "{bad}");
        }
        let e = ClientConfig::new(1, " ").base_url().unwrap_err();
        assert_eq!(e.option.as_deref(), Some("identifier"));
        let zero = ClientConfig {
            timeout_ms: Some(0.0),
            ..ClientConfig::new(1, "a")
        };
        assert_eq!(
            zero.base_url().unwrap_err().option.as_deref(),
            Some("timeoutMs")
        );
    }

    #[test]
    fn defaults_apply_when_absent() {
        let c: ClientConfig = serde_json::from_str(r#"{"sdkAppId":1,"identifier":"a"}"#).unwrap();
        assert_eq!(c, ClientConfig::new(1, "a"));
        assert_eq!(
            (c.timeout_ms(), c.max_retries(), c.max_requests_per_second()),
            (10_000.0, 2, 200)
        );
    }
}

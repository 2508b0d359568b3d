//! The options the JS API and the bin's flags share, read from their JSON text.

use chat_emulator_service::{Seed, ServiceConfig};
use serde::Deserialize;

/// What `createEmulator`/`startEmulator` accept (less `port`/`host`/`state`, which the JS
/// shell handles). Unknown keys are refused, so a typo does not go unnoticed.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Options {
    seed: Option<SeedName>,
    sdk_app_id: Option<u64>,
    identifier: Option<String>,
    user_sig: Option<String>,
    secret_key: Option<String>,
    page_size: Option<usize>,
    group_page_size: Option<usize>,
    pinned_limit: Option<usize>,
    rate_limit: Option<u32>,
    cors_origins: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeedName {
    Demo,
    None,
}

/// The service configuration for `json` (an object; absent keys keep the CLI defaults).
pub fn parse(json: &str) -> Result<ServiceConfig, String> {
    let o: Options = serde_json::from_str(json).map_err(|e| format!("invalid options: {e}"))?;
    let mut c = ServiceConfig::default();
    if let Some(s) = o.seed {
        c.seed = match s {
            SeedName::Demo => Seed::Demo,
            SeedName::None => Seed::None,
        };
    }
    if let Some(v) = o.sdk_app_id {
        c.sdkappid = v;
    }
    if let Some(v) = o.identifier {
        c.identifier = v;
    }
    if let Some(v) = o.user_sig {
        if v.is_empty() {
            return Err("invalid options: userSig must not be empty".to_owned());
        }
        c.usersig = v;
    }
    if let Some(v) = o.secret_key {
        if v.is_empty() {
            return Err("invalid options: secretKey must not be empty".to_owned());
        }
        c.secret_key = Some(v);
    }
    for (name, v, slot) in [
        ("pageSize", o.page_size, &mut c.page_size),
        ("groupPageSize", o.group_page_size, &mut c.group_page_size),
    ] {
        match v {
            Some(0) => return Err(format!("invalid options: {name} must be at least 1")),
            Some(v) => *slot = v,
            None => {}
        }
    }
    if let Some(v) = o.pinned_limit {
        c.pinned_limit = v;
    }
    if let Some(v) = o.rate_limit {
        c.rate_limit = v;
    }
    if let Some(v) = o.cors_origins {
        c.cors_origins = v;
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        let c = parse("{}").unwrap();
        assert_eq!(c.sdkappid, 1_400_000_000);
        assert_eq!(c.seed, Seed::Demo);
        let c =
            parse(r#"{"seed":"none","sdkAppId":1400000001,"secretKey":"k","pageSize":3}"#).unwrap();
        assert_eq!(c.seed, Seed::None);
        assert_eq!(c.sdkappid, 1_400_000_001);
        assert_eq!(c.secret_key.as_deref(), Some("k"));
        assert_eq!(c.page_size, 3);
    }

    #[test]
    fn refuses_bad_options() {
        for bad in [
            r#"{"seed":"full"}"#,
            r#"{"sdkAppId":"1400000000"}"#,
            r#"{"pageSize":0}"#,
            r#"{"userSig":""}"#,
            r#"{"port":1}"#,
            "[]",
        ] {
            let e = parse(bad).err().unwrap();
            assert!(e.starts_with("invalid options"), "{bad}: {e}");
        }
    }
}

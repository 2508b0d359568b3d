//! What the service is started with: ONE type, [`ServiceConfig`], that every shell reads
//! (the bin's flags, the wasm options of the npm package, the npm bin's flags) and that
//! the control API shows and changes. A setting has one name (camelCase in JSON and JS,
//! the same words in kebab case as a flag) and one default, both declared below.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// What to load at start (when no saved state is given) and on `reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Seed {
    /// The demo data set (see `seed.rs`).
    #[default]
    Demo,
    /// Nothing: no accounts at all.
    None,
}

impl Seed {
    /// The seeds' names, as the options and the flags spell them (serde's `lowercase`).
    pub const NAMES: &'static [&'static str] = &["demo", "none"];
}

/// One setting of [`ServiceConfig`], for the shells that list them (flags, help, checks).
#[derive(Clone, Copy, Debug)]
pub struct Setting {
    /// The Rust field's name, e.g. `sdk_app_id`.
    pub field: &'static str,
    /// The help line (the field's doc comment).
    pub help: &'static str,
    /// Older flag spellings still accepted, without `--` (e.g. `sdkappid`).
    pub aliases: &'static [&'static str],
    /// The values allowed, when they are a closed list (the seed's).
    pub values: &'static [&'static str],
    /// Whether `POST /_emulator/config` may change it while the service runs.
    pub changeable: bool,
}

impl Setting {
    /// Its JSON and JS name: the field in camelCase, e.g. `sdkAppId`.
    pub fn key(&self) -> String {
        let mut out = String::with_capacity(self.field.len());
        let mut upper = false;
        for c in self.field.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Its flag, without `--`: the field in kebab case, e.g. `sdk-app-id`.
    pub fn flag(&self) -> String {
        self.field.replace('_', "-")
    }

    /// The setting whose JSON name is `key`.
    pub fn by_key(key: &str) -> Option<&'static Setting> {
        SETTINGS.iter().find(|s| s.key() == key)
    }
}

/// Declares [`ServiceConfig`], its `Default` and [`SETTINGS`] from one table, so that a
/// setting cannot have a name, a default or a help line in one place and not another.
macro_rules! service_config {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident: $ty:ty = $default:expr,
            aliases [$($alias:literal),*], values $values:expr, changeable $changeable:literal;
    )*) => {
        /// The service's settings; `Default` gives every shell's defaults. In JSON (the npm
        /// package's options, `GET /_emulator/config`) the keys are camelCase, absent keys
        /// keep their defaults and unknown keys are refused.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields, default)]
        pub struct ServiceConfig {
            $($(#[doc = $doc])+ pub $field: $ty,)*
        }

        impl Default for ServiceConfig {
            fn default() -> Self {
                ServiceConfig { $($field: $default,)* }
            }
        }

        /// Every setting of [`ServiceConfig`], in declaration order.
        pub const SETTINGS: &[Setting] = &[$(Setting {
            field: stringify!($field),
            help: concat!($($doc),+),
            aliases: &[$($alias),*],
            values: $values,
            changeable: $changeable,
        }),*];
    };
}

service_config! {
    /// Data loaded at start (when no saved state is given) and by `reset`.
    seed: Seed = Seed::Demo, aliases [], values Seed::NAMES, changeable false;
    /// The SDKAppID requests must carry.
    sdk_app_id: u64 = 1_400_000_000, aliases ["sdkappid"], values &[], changeable false;
    /// The app administrator requests must name as `identifier`.
    identifier: String = "administrator".to_owned(), aliases [], values &[], changeable false;
    /// The valid UserSig (when no secret key is given).
    user_sig: String = "emulator-usersig".to_owned(), aliases ["usersig"], values &[],
        changeable true;
    /// UserSigs answered with 70001 (expired).
    expired_user_sigs: Vec<String> = Vec::new(), aliases [], values &[], changeable true;
    /// The app's secret key: verify UserSigs as the service does (TLSSigAPIv2 HMAC,
    /// identifier, SDKAppID, expiry) instead of comparing them with the user sig.
    secret_key: Option<String> = None, aliases [], values &[], changeable false;
    /// get_list items per page.
    page_size: usize = 100, aliases [], values &[], changeable true;
    /// get_contact_group items per page.
    group_page_size: usize = 100, aliases [], values &[], changeable true;
    /// Most pinned conversations per account (51012 past it).
    pinned_limit: usize = 50, aliases [], values &[], changeable true;
    /// Calls per command in any 1 s window before 60007; 0 = unlimited.
    rate_limit: u32 = 200, aliases [], values &[], changeable true;
    /// Allowed CORS origins; `*` answers `*`; none (the default) echoes any origin.
    cors_origins: Vec<String> = Vec::new(), aliases ["cors-origin"], values &[],
        changeable false;
}

/// A setting that cannot be used, with the setting's JSON name when one is to blame.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigError {
    /// The setting's JSON name (e.g. `pageSize`), or an unknown key as given.
    pub key: Option<String>,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key {
            Some(k) => write!(f, "{k}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ServiceConfig {
    /// The configuration a JSON object gives (absent keys keep their defaults); a bad or
    /// unknown key is named in the error.
    pub fn from_json(json: &str) -> Result<ServiceConfig, ConfigError> {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(map)) => Self::from_map(map),
            Ok(_) => Err(ConfigError {
                key: None,
                message: "must be a JSON object".to_owned(),
            }),
            Err(e) => Err(ConfigError {
                key: None,
                message: e.to_string(),
            }),
        }
    }

    /// As [`ServiceConfig::from_json`], from the object's entries.
    pub fn from_map(map: Map<String, Value>) -> Result<ServiceConfig, ConfigError> {
        // One key at a time first, so that the error names the key (serde does not).
        for (k, v) in &map {
            let one = Map::from_iter([(k.clone(), v.clone())]);
            serde_json::from_value::<ServiceConfig>(Value::Object(one)).map_err(|e| {
                ConfigError {
                    key: Some(k.clone()),
                    message: e.to_string(),
                }
            })?;
        }
        let config: ServiceConfig =
            serde_json::from_value(Value::Object(map)).map_err(|e| ConfigError {
                key: None,
                message: e.to_string(),
            })?;
        config.check()?;
        Ok(config)
    }

    /// The rules serde's types do not carry.
    fn check(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, message: &str| {
            Err(ConfigError {
                key: Some(key.to_owned()),
                message: message.to_owned(),
            })
        };
        if self.page_size == 0 {
            return bad("pageSize", "must be at least 1");
        }
        if self.group_page_size == 0 {
            return bad("groupPageSize", "must be at least 1");
        }
        if self.user_sig.is_empty() {
            return bad("userSig", "must not be empty");
        }
        if self.secret_key.as_deref() == Some("") {
            return bad("secretKey", "must not be empty");
        }
        Ok(())
    }

    /// As JSON, every key present (the secret key only when set).
    pub fn to_map(&self) -> Map<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_the_fields_with_their_defaults() {
        let keys: Vec<String> = ServiceConfig::default().to_map().keys().cloned().collect();
        let mut declared: Vec<String> = SETTINGS.iter().map(Setting::key).collect();
        declared.sort();
        assert_eq!(keys, declared);
        let s = Setting::by_key("sdkAppId").unwrap();
        assert_eq!((s.field, s.flag().as_str()), ("sdk_app_id", "sdk-app-id"));
        assert_eq!(s.help, " The SDKAppID requests must carry.");
        for (seed, name) in [Seed::Demo, Seed::None].iter().zip(Seed::NAMES) {
            assert_eq!(serde_json::to_value(seed).unwrap(), *name);
        }
        assert!(SETTINGS.iter().all(|s| !s.help.trim().is_empty()));
    }

    #[test]
    fn defaults_and_overrides() {
        let c = ServiceConfig::from_json("{}").unwrap();
        assert_eq!(c, ServiceConfig::default());
        assert_eq!(c.sdk_app_id, 1_400_000_000);
        let c = ServiceConfig::from_json(
            r#"{"seed":"none","sdkAppId":1400000001,"secretKey":"k","pageSize":3}"#,
        )
        .unwrap();
        assert_eq!(c.seed, Seed::None);
        assert_eq!(c.sdk_app_id, 1_400_000_001);
        assert_eq!(c.secret_key.as_deref(), Some("k"));
        assert_eq!(c.page_size, 3);
        let back = ServiceConfig::from_map(c.to_map()).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn refuses_bad_settings_naming_them() {
        for (bad, key) in [
            (r#"{"seed":"full"}"#, Some("seed")),
            (r#"{"sdkAppId":"1400000000"}"#, Some("sdkAppId")),
            (r#"{"pageSize":0}"#, Some("pageSize")),
            (r#"{"groupPageSize":0}"#, Some("groupPageSize")),
            (r#"{"userSig":""}"#, Some("userSig")),
            (r#"{"secretKey":""}"#, Some("secretKey")),
            (r#"{"rateLimit":5000000000}"#, Some("rateLimit")),
            (r#"{"port":1}"#, Some("port")),
            ("[]", None),
            ("{", None),
        ] {
            let e = ServiceConfig::from_json(bad).err().unwrap();
            assert_eq!(e.key.as_deref(), key, "{bad}: {e}");
        }
    }
}

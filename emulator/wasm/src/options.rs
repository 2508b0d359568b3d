//! The JS API's options are [`ServiceConfig`]'s JSON; this module reads them and describes
//! them to the npm bin, which builds its flags and help from that description.

use chat_emulator_service::{ServiceConfig, Setting, SETTINGS};
use serde::Serialize;
use serde_json::Value;

/// The service configuration for `json` (an object; absent keys keep the defaults).
pub fn parse(json: &str) -> Result<ServiceConfig, String> {
    ServiceConfig::from_json(json).map_err(|e| format!("invalid options: {e}"))
}

/// `None` when `json` gives a configuration, else `{"key":…,"message":…}` as JSON text.
pub fn check(json: &str) -> Option<String> {
    let e = ServiceConfig::from_json(json).err()?;
    Some(serde_json::json!({"key": e.key, "message": e.message}).to_string())
}

/// One setting as the npm bin needs it.
#[derive(Serialize)]
struct Described {
    /// The option's name, e.g. `sdkAppId`.
    key: String,
    /// The flag, without `--`, e.g. `sdk-app-id`.
    flag: String,
    /// Older flags still accepted.
    aliases: &'static [&'static str],
    help: &'static str,
    /// `"integer"`, `"string"` or `"list"` (a repeatable flag).
    kind: &'static str,
    /// The default; `null` when there is none.
    default: Value,
    /// The allowed values, when they are a closed list.
    values: &'static [&'static str],
}

/// Every setting (see [`Described`]), as JSON text.
pub fn describe() -> String {
    let defaults = ServiceConfig::default().to_map();
    let list: Vec<Described> = SETTINGS
        .iter()
        .map(|s: &Setting| {
            let default = defaults.get(&s.key()).cloned().unwrap_or(Value::Null);
            Described {
                key: s.key(),
                flag: s.flag(),
                aliases: s.aliases,
                help: s.help.trim().trim_end_matches('.'),
                kind: match default {
                    Value::Number(_) => "integer",
                    Value::Array(_) => "list",
                    _ => "string",
                },
                default,
                values: s.values,
            }
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Vec<String> {
        SETTINGS.iter().map(Setting::key).collect()
    }

    /// The members of `interface NAME` (or the text of `type NAME = …;`) in index.d.ts.
    fn members(dts: &str, name: &str) -> Vec<(String, String)> {
        let start = dts.find(&format!("export interface {name} ")).unwrap();
        let body = &dts[start..];
        let body = &body[..body.find("\n}").unwrap()];
        let mut doc = String::new();
        let mut out = Vec::new();
        for line in body.lines().skip(1) {
            let line = line.trim();
            if line.starts_with("/**") {
                doc = line.to_owned();
            } else if let Some((member, _)) = line.split_once(':') {
                out.push((member.to_owned(), std::mem::take(&mut doc)));
            }
        }
        out
    }

    #[test]
    fn the_js_option_keys_are_the_settings() {
        let core = include_str!("../../npm/core.js");
        let line = core
            .lines()
            .find_map(|l| l.strip_prefix("const OPTION_KEYS = "))
            .expect("core.js declares OPTION_KEYS");
        let listed: Vec<String> = serde_json::from_str(line.trim_end_matches(';')).unwrap();
        assert_eq!(listed, keys());
    }

    #[test]
    fn the_declared_options_and_config_are_the_settings() {
        let dts = include_str!("../../npm/index.d.ts");
        let defaults = ServiceConfig::default().to_map();
        let options = members(dts, "EmulatorOptions");
        let names: Vec<String> = options.iter().map(|(m, _)| m.replace('?', "")).collect();
        assert_eq!(names, keys(), "EmulatorOptions");
        assert!(
            options.iter().all(|(m, _)| m.ends_with('?')),
            "all optional"
        );
        // A default the docs state is the type's.
        for (member, doc) in &options {
            let key = member.trim_end_matches('?');
            if let Some(stated) = doc.split("Default ").nth(1) {
                let want = defaults[key].to_string();
                assert!(
                    stated.replace('`', "").starts_with(&want),
                    "{key}: the docs say {stated:?}, the default is {want}"
                );
            }
        }
        let config: Vec<String> = members(dts, "EmulatorConfig")
            .into_iter()
            .map(|(m, _)| m)
            .collect();
        let mut shown = keys();
        shown.retain(|k| k != "secretKey");
        assert_eq!(config, shown, "EmulatorConfig: every setting but secretKey");
        let changeable: Vec<String> = SETTINGS
            .iter()
            .filter(|s| s.changeable)
            .map(|s| format!("{:?}", s.key()))
            .collect();
        let pick = format!(
            "export type ConfigChanges = Partial<Pick<EmulatorConfig, {}>>;",
            changeable.join(" | ")
        );
        assert!(dts.contains(&pick), "index.d.ts must have: {pick}");
    }

    #[test]
    fn parse_and_describe() {
        assert_eq!(parse("{}").unwrap(), ServiceConfig::default());
        let e = parse(r#"{"pageSize":0}"#).err().unwrap();
        assert_eq!(e, "invalid options: pageSize: must be at least 1");
        assert_eq!(check("{}"), None);
        let e: Value = serde_json::from_str(&check(r#"{"pageSize":0}"#).unwrap()).unwrap();
        assert_eq!(
            e,
            serde_json::json!({"key": "pageSize", "message": "must be at least 1"})
        );
        let described: Value = serde_json::from_str(&describe()).unwrap();
        let sdk = &described[1];
        assert_eq!(sdk["key"], "sdkAppId");
        assert_eq!(sdk["flag"], "sdk-app-id");
        assert_eq!(sdk["aliases"], serde_json::json!(["sdkappid"]));
        assert_eq!(sdk["kind"], "integer");
        assert_eq!(sdk["default"], 1_400_000_000u64);
        assert_eq!(described[0]["values"], serde_json::json!(["demo", "none"]));
        let cors = described.as_array().unwrap().last().unwrap();
        assert_eq!(
            (&cors["kind"], &cors["default"]),
            (&"list".into(), &serde_json::json!([]))
        );
    }
}

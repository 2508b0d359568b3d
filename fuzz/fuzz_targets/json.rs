//! The core's JSON reader and writer against serde_json: any text is JSON for one exactly
//! when it is for the other, and reads to the same string or integer; any string written
//! reads back the same through both.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tencent_chat_conversations::json::{self, Reader};
use tencent_chat_conversations_fuzz::beyond_serde_json;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut reader = Reader::new(text);
    let ours = reader.skip().and_then(|()| reader.end());
    match serde_json::from_str::<Value>(text) {
        Err(e) if beyond_serde_json(&e) => {}
        Err(_) => assert!(ours.is_err(), "took what serde_json refuses: {text:?}"),
        Ok(value) => {
            assert_eq!(ours, Ok(()), "refused what serde_json takes: {text:?}");
            match value {
                Value::String(s) => {
                    assert_eq!(json::from_str::<String>(text).as_ref(), Ok(&s));
                    round_trip(&s);
                }
                Value::Number(n) if n.is_u64() => {
                    assert_eq!(json::from_str::<u64>(text).ok(), n.as_u64());
                }
                Value::Number(n) if n.is_i64() => {
                    assert_eq!(json::from_str::<i64>(text).ok(), n.as_i64());
                }
                Value::Array(items) => {
                    if let Some(strings) =
                        items.iter().map(Value::as_str).collect::<Option<Vec<_>>>()
                    {
                        assert_eq!(
                            json::from_str::<Vec<String>>(text).ok(),
                            Some(strings.iter().map(|s| s.to_string()).collect())
                        );
                    }
                }
                _ => {}
            }
        }
    }
    round_trip(text);
});

/// `s` written by the core reads back as `s` through serde_json and through the core.
fn round_trip(s: &str) {
    let written = json::to_string(s);
    assert_eq!(
        serde_json::from_str::<String>(&written).ok().as_deref(),
        Some(s),
        "{written}"
    );
    assert_eq!(
        json::from_str::<String>(&written).ok().as_deref(),
        Some(s),
        "{written}"
    );
}

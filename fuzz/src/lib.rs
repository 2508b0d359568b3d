//! What the fuzz targets share: decoding a response body the way a transport does, checked
//! against an independent reading of the envelope from the same text, and the invariants
//! every outcome must keep. A violated invariant panics, which libFuzzer reports as a crash
//! just like a panic inside the core.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::numbers::MAX_SAFE_INTEGER;
use tencent_chat_conversations::response;
use tencent_chat_conversations::wire::Envelope;
use tencent_chat_conversations::{ChatError, ErrorKind};

/// Arbitrary bytes as a 2xx response body of endpoint `E`, through `Endpoint::decode_text`
/// as a native transport calls it, then the caller's value serialised as the package hands
/// it to JS. Nothing may panic, every failure must be classified, and the classification
/// must agree with a reading of the envelope that does not use the core's serde types:
/// what is not a JSON object is `bad_response`, and the envelope decides between success,
/// `api` and `bad_response` before the body's shape does.
pub fn decode<E: Endpoint>(data: &[u8])
where
    E::Output: Serialize,
{
    // `Response.json()` decodes the bytes as UTF-8, invalid sequences as U+FFFD.
    let text = String::from_utf8_lossy(data);
    let outcome = E::decode_text(200, &text);
    match &outcome {
        Ok(output) => for_js(output),
        Err(e) => {
            assert!(
                matches!(e.kind, ErrorKind::Api | ErrorKind::BadResponse),
                "{e:?}"
            );
            shown(e);
        }
    }
    let outcome = outcome.map(|_| ()).map_err(|e| (e.kind, e.code));
    let Ok(pairs) = serde_json::from_str::<Pairs>(&text) else {
        // Not JSON (serde_json's verdict, nesting past 128 levels and numbers beyond f64
        // included: the core parses with it too), or not an object.
        assert_eq!(
            outcome.map_err(|e| e.0),
            Err(ErrorKind::BadResponse),
            "{text:?}"
        );
        return;
    };
    let Some(envelope) = pairs.envelope() else {
        assert_eq!(
            outcome.map_err(|e| e.0),
            Err(ErrorKind::BadResponse),
            "{text:?}"
        );
        return;
    };
    match response::check_envelope(&envelope) {
        Ok(()) => {
            // The body's shape decides: either way, not an API error.
            if let Err((kind, _)) = outcome {
                assert_eq!(kind, ErrorKind::BadResponse, "{envelope:?}");
            }
        }
        Err(e) => {
            if e.kind == ErrorKind::Api {
                assert_ne!(e.code, 0);
                assert_eq!(Some(e.code), envelope.error_code);
            }
            assert_eq!(outcome, Err((e.kind, e.code)), "{envelope:?}");
        }
    }
}

/// A JSON object's members in order, duplicates kept: the reference picks the one that
/// counts itself rather than trusting the core's parse to do it.
pub struct Pairs(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

impl Pairs {
    /// The envelope as the docs define it, with the last of duplicate keys counting (as
    /// `JSON.parse` in the package and `serde_json::Value` natively keep it) and `null` as
    /// absent. `None` when a field has the wrong type (a text the package must refuse).
    ///
    /// An `ErrorCode` spelt as a float (`-0`, `0.0`, `7e4`) is a float to serde_json, so it
    /// is refused here as by the core natively. In the package `JSON.parse` makes it a plain
    /// number that serde-wasm-bindgen reads as an integer, which no native reading can judge.
    pub fn envelope(&self) -> Option<Envelope> {
        let string = |v: &Value| v.as_str().map(str::to_owned);
        Some(Envelope {
            action_status: self.field("ActionStatus", string)?,
            error_code: self.field("ErrorCode", Value::as_i64)?,
            error_info: self.field("ErrorInfo", string)?,
            error_display: self.field("ErrorDisplay", string)?,
        })
    }

    /// The last `key`'s value read with `read`: `Some(None)` when absent or `null`, `None`
    /// when `read` refuses it.
    fn field<T>(&self, key: &str, read: impl Fn(&Value) -> Option<T>) -> Option<Option<T>> {
        match self.0.iter().rev().find(|(k, _)| k == key) {
            None | Some((_, Value::Null)) => Some(None),
            Some((_, value)) => read(value).map(Some),
        }
    }
}

/// Serialises `value` and checks what serde-wasm-bindgen's JSON-compatible serializer (the
/// package's `output`) would refuse: every number an integer a JS number holds exactly.
pub fn for_js<T: Serialize + ?Sized>(value: &T) {
    let json = serde_json::to_value(value).expect("a result serialises");
    assert!(js_safe(&json), "an integer beyond 2^53 - 1: {json}");
}

fn js_safe(value: &Value) -> bool {
    match value {
        Value::Number(n) => n
            .as_i64()
            .is_some_and(|i| i.unsigned_abs() <= MAX_SAFE_INTEGER),
        Value::Array(items) => items.iter().all(js_safe),
        Value::Object(members) => members.values().all(js_safe),
        Value::Null | Value::Bool(_) | Value::String(_) => true,
    }
}

/// Formats an error the ways the wasm layer does (message and fields).
pub fn shown(error: &ChatError) {
    let _ = error.to_string();
    for_js(error);
}

//! What the fuzz targets share: decoding a response body the way a transport does, checked
//! against serde_json's reading of the same text, and the invariants every outcome must
//! keep. A violated invariant panics, which libFuzzer reports as a crash just like a panic
//! inside the core.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use tencent_chat_conversations::codec;
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::envelope;
use tencent_chat_conversations::json::Write;
use tencent_chat_conversations::wire::Envelope;
use tencent_chat_conversations::{ChatError, ErrorKind};

/// Arbitrary bytes as a 2xx response body of endpoint `E`, through `codec::decode` as a
/// transport calls it, then the caller's value serialised (what the wasm layer hands to JS).
/// Nothing may panic, every failure must be classified, and the classification must agree
/// with serde_json's reading: not JSON is `bad_response`, and the envelope decides between
/// success, `api` and `bad_response` before the body's shape does.
pub fn decode<E: Endpoint>(data: &[u8])
where
    E::Output: Write,
{
    let Ok(text) = std::str::from_utf8(data) else {
        return; // fetch's text() never yields invalid UTF-8
    };
    let outcome = codec::decode::<E>(200, text);
    match &outcome {
        Ok(output) => {
            let json = codec::to_json(output);
            serde_json::from_str::<Value>(&json).expect("a result must be JSON");
        }
        Err(e) => {
            assert!(
                matches!(e.kind, ErrorKind::Api | ErrorKind::BadResponse),
                "{e:?}"
            );
            shown(e);
        }
    }
    let outcome = outcome.map(|_| ()).map_err(|e| (e.kind, e.code));
    let pairs = match serde_json::from_str::<Pairs>(text) {
        Ok(pairs) => pairs,
        Err(e) if beyond_serde_json(&e) => return,
        Err(_) => {
            // Not JSON, or not an object.
            assert_eq!(
                outcome.map_err(|e| e.0),
                Err(ErrorKind::BadResponse),
                "{text:?}"
            );
            return;
        }
    };
    if pairs.has_negative_zero_code() {
        return; // see Pairs::has_negative_zero_code
    }
    let Some(envelope) = pairs.envelope() else {
        assert_eq!(
            outcome.map_err(|e| e.0),
            Err(ErrorKind::BadResponse),
            "{text:?}"
        );
        return;
    };
    match envelope::check(&envelope) {
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

/// Texts serde_json refuses that are still JSON: nesting past its recursion limit, and
/// numbers beyond f64.
pub fn beyond_serde_json(e: &serde_json::Error) -> bool {
    let message = e.to_string();
    message.contains("recursion limit") || message.contains("number out of range")
}

/// A JSON object's members in order, duplicates kept (a `Value` keeps only the last).
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
    /// Whether an `ErrorCode` is -0, which serde_json's `Value` keeps as a float (so that
    /// `-0` and `-0.0` look the same to it). The core reads `-0` as the integer 0 and
    /// refuses `-0.0`, which the reference here cannot tell apart.
    pub fn has_negative_zero_code(&self) -> bool {
        self.0.iter().any(|(key, value)| {
            key == "ErrorCode"
                && value
                    .as_f64()
                    .is_some_and(|f| f == 0.0 && f.is_sign_negative())
        })
    }

    /// The envelope as the docs define it: the last of each key, `null` as absent. `None`
    /// when any occurrence has the wrong type (a text the package must refuse).
    pub fn envelope(&self) -> Option<Envelope> {
        let mut envelope = Envelope::default();
        for (key, value) in &self.0 {
            if value.is_null() {
                match key.as_str() {
                    "ActionStatus" => envelope.action_status = None,
                    "ErrorCode" => envelope.error_code = None,
                    "ErrorInfo" => envelope.error_info = None,
                    "ErrorDisplay" => envelope.error_display = None,
                    _ => {}
                }
                continue;
            }
            let string = || value.as_str().map(str::to_owned);
            match key.as_str() {
                "ActionStatus" => envelope.action_status = Some(string()?),
                "ErrorCode" => envelope.error_code = Some(value.as_i64()?),
                "ErrorInfo" => envelope.error_info = Some(string()?),
                "ErrorDisplay" => envelope.error_display = Some(string()?),
                _ => {}
            }
        }
        Some(envelope)
    }
}

/// Formats an error the ways the wasm layer does (message and fields).
pub fn shown(error: &ChatError) {
    let _ = error.to_string();
    let json = codec::to_json(error);
    serde_json::from_str::<Value>(&json).expect("a ChatError must be JSON");
}

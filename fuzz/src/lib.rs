//! What the fuzz targets share: decoding a response body the way a transport does, and the
//! invariants every outcome must keep. A violated invariant panics, which libFuzzer
//! reports as a crash just like a panic inside the core.

use miniserde::Serialize;
use tencent_chat_conversations::codec::{self, MAX_SAFE_INTEGER};
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::envelope;
use tencent_chat_conversations::wire::Reply;
use tencent_chat_conversations::{ChatError, ErrorKind};

/// Arbitrary bytes as a 2xx response body of endpoint `E`, read in one pass (envelope and
/// body), then the envelope checked, then `E::decode`, then the caller's value serialised
/// (what the wasm layer hands to JS); and the same through `codec::decode`, as a transport
/// calls it, which must agree. Nothing may panic; every failure must be classified.
pub fn decode<E: Endpoint>(data: &[u8])
where
    E::Output: Serialize,
{
    let Ok(text) = std::str::from_utf8(data) else {
        return; // fetch's text() never yields invalid UTF-8
    };
    let outcome = codec::decode::<E>(200, text).map(|_| ());
    let bad_response = |why: &str| {
        let e = outcome.clone().expect_err(why);
        assert_eq!(e.kind, ErrorKind::BadResponse, "{why}: {e:?}");
        shown(&e);
    };
    let Ok(Reply { envelope, body }) = miniserde::json::from_str::<Reply<E::Response>>(text) else {
        return bad_response("a body that is not the documented JSON decoded");
    };
    let code = envelope.error_code.unwrap_or(0);
    match envelope::check(&envelope) {
        Ok(()) => {
            assert_eq!(envelope.action_status.as_deref(), Some("OK"));
            assert_eq!(code, 0, "an OK envelope with a non-zero ErrorCode passed");
        }
        Err(e) => {
            // The service's own failure: a known ActionStatus with a code. Anything else
            // (no or unknown ActionStatus, FAIL without a code) is not the documented JSON.
            let known = matches!(envelope.action_status.as_deref(), Some("OK" | "FAIL"));
            let expected = if known && code != 0 && code.unsigned_abs() <= MAX_SAFE_INTEGER {
                ErrorKind::Api
            } else {
                ErrorKind::BadResponse
            };
            assert_eq!(e.kind, expected, "{envelope:?} classified as {e:?}");
            if e.kind == ErrorKind::Api {
                assert_eq!(e.code, code);
            }
            assert_eq!(outcome, Err(e.clone()), "codec::decode disagrees");
            shown(&e);
            return;
        }
    }
    let Some(response) = body else {
        return bad_response("an OK envelope without the body's fields decoded");
    };
    match E::decode(response) {
        Ok(output) => {
            assert_eq!(outcome, Ok(()), "codec::decode disagrees");
            let json = codec::to_json(&output);
            serde_json::from_str::<serde_json::Value>(&json).expect("a result must be JSON");
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::BadResponse, "decode failed as {e:?}");
            assert_eq!(outcome, Err(e.clone()), "codec::decode disagrees");
            shown(&e);
        }
    }
}

/// Formats an error the ways the wasm layer does (message and fields).
pub fn shown(error: &ChatError) {
    let _ = error.to_string();
    let json = codec::to_json(error);
    serde_json::from_str::<serde_json::Value>(&json).expect("a ChatError must be JSON");
}

//! What the fuzz targets share: decoding a response body the way a transport does, and the
//! invariants every outcome must keep. A violated invariant panics, which libFuzzer
//! reports as a crash just like a panic inside the core.

use serde::Serialize;
use tencent_chat_conversations::endpoints::Endpoint;
use tencent_chat_conversations::envelope;
use tencent_chat_conversations::wire::Envelope;
use tencent_chat_conversations::{ChatError, ErrorKind};

/// Arbitrary bytes as a 2xx response body of endpoint `E`: the envelope first, then the
/// endpoint's response type, then `E::decode`, then the caller's value serialised (what
/// the wasm layer hands to JS). Nothing may panic; every failure must be classified.
pub fn decode<E: Endpoint>(data: &[u8])
where
    E::Output: Serialize,
{
    let Ok(envelope) = serde_json::from_slice::<Envelope>(data) else {
        return; // the transport reports this as bad_response before any typed decoding
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
            let expected = if known && code != 0 {
                ErrorKind::Api
            } else {
                ErrorKind::BadResponse
            };
            assert_eq!(e.kind, expected, "{envelope:?} classified as {e:?}");
            if e.kind == ErrorKind::Api {
                assert_eq!(e.code, code);
            }
            shown(&e);
            return;
        }
    }
    let Ok(response) = serde_json::from_slice::<E::Response>(data) else {
        return; // a wrong shape: bad_response in the transport
    };
    match E::decode(response) {
        Ok(output) => {
            serde_json::to_string(&output).expect("a decoded value must serialise");
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::BadResponse, "decode failed as {e:?}");
            shown(&e);
        }
    }
}

/// Formats an error the ways the wasm layer does (message and fields).
pub fn shown(error: &ChatError) {
    let _ = error.to_string();
    serde_json::to_string(error).expect("a ChatError must serialise");
}

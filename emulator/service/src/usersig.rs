//! UserSig verification as the service does it for TLSSigAPIv2 sigs (the scheme of
//! Tencent's `tls-sig-api-v2` libraries): the sig is zlib-deflated JSON in a URL-safe
//! base64 (`+/=` written as `*-_`) holding `TLS.ver` "2.0", `TLS.identifier`,
//! `TLS.sdkappid`, `TLS.time`, `TLS.expire`, optionally `TLS.userbuf`, and `TLS.sig`, the
//! base64 HMAC-SHA256 under the app's secret key of those fields as
//! `TLS.identifier:…\nTLS.sdkappid:…\nTLS.time:…\nTLS.expire:…\n[TLS.userbuf:…\n]`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use std::io::Read;

/// Largest inflated sig read; real ones are a few hundred bytes.
const MAX_INFLATED: u64 = 64 * 1024;

/// Why a sig was refused, each with the service's own error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigError {
    /// Not base64, not zlib, not the JSON document, or not version 2.0 (70003).
    Malformed(&'static str),
    /// Signed for another SDKAppID (70014).
    SdkAppIdMismatch,
    /// Signed for another identifier (70013).
    IdentifierMismatch,
    /// The HMAC does not verify under the secret key (70009).
    BadSignature,
    /// `TLS.time + TLS.expire` is in the past (70001).
    Expired,
}

impl SigError {
    /// The service's `ErrorCode` for this refusal.
    pub fn code(&self) -> u32 {
        match self {
            SigError::Malformed(_) => 70003,
            SigError::SdkAppIdMismatch => 70014,
            SigError::IdentifierMismatch => 70013,
            SigError::BadSignature => 70009,
            SigError::Expired => 70001,
        }
    }

    /// The `ErrorInfo` text (never quotes the sig).
    pub fn info(&self) -> String {
        match self {
            SigError::Malformed(why) => format!("UserSig could not be parsed: {why}"),
            SigError::SdkAppIdMismatch => {
                "the SDKAppID of the request does not match the UserSig".to_owned()
            }
            SigError::IdentifierMismatch => {
                "the identifier of the request does not match the UserSig".to_owned()
            }
            SigError::BadSignature => {
                "UserSig verification failed: not signed with this SDKAppID's key".to_owned()
            }
            SigError::Expired => "UserSig expired, generate a new one".to_owned(),
        }
    }
}

#[derive(Deserialize)]
struct SigDoc {
    #[serde(rename = "TLS.ver")]
    ver: String,
    #[serde(rename = "TLS.identifier")]
    identifier: String,
    #[serde(rename = "TLS.sdkappid")]
    sdkappid: u64,
    #[serde(rename = "TLS.time")]
    time: u64,
    #[serde(rename = "TLS.expire")]
    expire: u64,
    #[serde(rename = "TLS.sig")]
    sig: String,
    #[serde(rename = "TLS.userbuf", default)]
    userbuf: Option<String>,
}

/// Checks `sig` for a request naming `identifier` and `sdkappid`, at `now_s` (Unix seconds).
pub fn verify(
    sig: &str,
    key: &str,
    identifier: &str,
    sdkappid: u64,
    now_s: u64,
) -> Result<(), SigError> {
    let doc = decode(sig)?;
    if doc.ver != "2.0" {
        return Err(SigError::Malformed("TLS.ver is not 2.0"));
    }
    if doc.sdkappid != sdkappid {
        return Err(SigError::SdkAppIdMismatch);
    }
    if doc.identifier != identifier {
        return Err(SigError::IdentifierMismatch);
    }
    let mac_bytes = STANDARD
        .decode(doc.sig.as_bytes())
        .map_err(|_| SigError::Malformed("TLS.sig is not base64"))?;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).map_err(|_| SigError::BadSignature)?;
    mac.update(signed_content(&doc).as_bytes());
    mac.verify_slice(&mac_bytes)
        .map_err(|_| SigError::BadSignature)?;
    if now_s > doc.time.saturating_add(doc.expire) {
        return Err(SigError::Expired);
    }
    Ok(())
}

/// The sig's JSON document, from its URL-safe base64 and zlib wrapping.
fn decode(sig: &str) -> Result<SigDoc, SigError> {
    let b64: String = sig
        .chars()
        .map(|c| match c {
            '*' => '+',
            '-' => '/',
            '_' => '=',
            c => c,
        })
        .collect();
    let deflated = STANDARD
        .decode(b64.as_bytes())
        .map_err(|_| SigError::Malformed("not base64"))?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(deflated.as_slice())
        .take(MAX_INFLATED)
        .read_to_end(&mut json)
        .map_err(|_| SigError::Malformed("not zlib data"))?;
    serde_json::from_slice(&json).map_err(|_| SigError::Malformed("not a TLS.ver 2.0 document"))
}

/// The text the HMAC covers, as the signer builds it.
fn signed_content(doc: &SigDoc) -> String {
    let mut s = format!(
        "TLS.identifier:{}\nTLS.sdkappid:{}\nTLS.time:{}\nTLS.expire:{}\n",
        doc.identifier, doc.sdkappid, doc.time, doc.expire
    );
    if let Some(buf) = &doc.userbuf {
        s.push_str(&format!("TLS.userbuf:{buf}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";

    /// Signs as tls-sig-api-v2 does (used to build cases the npm signer cannot: bad
    /// versions, odd wrappings). The end-to-end tests sign with the npm package itself.
    fn sign(
        id: &str,
        appid: u64,
        time: u64,
        expire: u64,
        userbuf: Option<&str>,
        ver: &str,
    ) -> String {
        let doc = SigDoc {
            ver: ver.to_owned(),
            identifier: id.to_owned(),
            sdkappid: appid,
            time,
            expire,
            sig: String::new(),
            userbuf: userbuf.map(str::to_owned),
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(KEY.as_bytes()).unwrap();
        mac.update(signed_content(&doc).as_bytes());
        let mut json = serde_json::json!({
            "TLS.ver": ver, "TLS.identifier": id, "TLS.sdkappid": appid,
            "TLS.time": time, "TLS.expire": expire,
            "TLS.sig": STANDARD.encode(mac.finalize().into_bytes()),
        });
        if let Some(b) = userbuf {
            json["TLS.userbuf"] = b.into();
        }
        wrap(json.to_string().as_bytes())
    }

    fn wrap(bytes: &[u8]) -> String {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).unwrap();
        STANDARD
            .encode(z.finish().unwrap())
            .replace('+', "*")
            .replace('/', "-")
            .replace('=', "_")
    }

    #[test]
    fn accepts_a_good_sig_until_it_expires() {
        let s = sign("administrator", 1400000000, 1000, 60, None, "2.0");
        assert_eq!(verify(&s, KEY, "administrator", 1400000000, 1000), Ok(()));
        assert_eq!(verify(&s, KEY, "administrator", 1400000000, 1060), Ok(()));
        assert_eq!(
            verify(&s, KEY, "administrator", 1400000000, 1061),
            Err(SigError::Expired)
        );
        let with_buf = sign("administrator", 1400000000, 1000, 60, Some("YWJj"), "2.0");
        assert_eq!(
            verify(&with_buf, KEY, "administrator", 1400000000, 1000),
            Ok(())
        );
    }

    #[test]
    fn refuses_with_the_service_codes() {
        let s = sign("administrator", 1400000000, 1000, 60, None, "2.0");
        let code = |r: Result<(), SigError>| r.err().map(|e| e.code());
        assert_eq!(
            code(verify(&s, "other-key", "administrator", 1400000000, 1000)),
            Some(70009)
        );
        assert_eq!(
            code(verify(&s, KEY, "alice", 1400000000, 1000)),
            Some(70013)
        );
        assert_eq!(
            code(verify(&s, KEY, "administrator", 1400000001, 1000)),
            Some(70014)
        );
        for bad in ["", "!!!", "YWJj", &wrap(b"{}"), &wrap(b"not json")] {
            assert_eq!(
                code(verify(bad, KEY, "administrator", 1400000000, 1000)),
                Some(70003),
                "{bad}"
            );
        }
        let v1 = sign("administrator", 1400000000, 1000, 60, None, "1.0");
        assert_eq!(
            code(verify(&v1, KEY, "administrator", 1400000000, 1000)),
            Some(70003)
        );
        // An expired sig with a wrong HMAC is a bad signature, not an expiry.
        assert_eq!(
            code(verify(&s, "other-key", "administrator", 1400000000, 9999)),
            Some(70009)
        );
    }

    #[test]
    fn a_changed_field_breaks_the_hmac() {
        let good = sign("administrator", 1400000000, 1000, 60, None, "2.0");
        let doc = decode(&good).unwrap();
        let forged = serde_json::json!({
            "TLS.ver": "2.0", "TLS.identifier": "administrator", "TLS.sdkappid": 1400000000u64,
            "TLS.time": 1000, "TLS.expire": 999999, "TLS.sig": doc.sig,
        });
        let forged = wrap(forged.to_string().as_bytes());
        assert_eq!(
            verify(&forged, KEY, "administrator", 1400000000, 1000),
            Err(SigError::BadSignature)
        );
    }
}

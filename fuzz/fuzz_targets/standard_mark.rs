//! `StandardMark` strings: decoded only when they are 0–64 '0'/'1' characters, and then to
//! exactly the bits of the binary number they spell (rightmost character = bit 0).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tencent_chat_conversations::marks::{check_bit, decode_standard_mark, MAX_BIT};

fuzz_target!(|data: &[u8]| {
    // The service's JSON strings are UTF-8; invalid bytes become U+FFFD as JSON.parse would.
    let mark = String::from_utf8_lossy(data);
    let decoded = decode_standard_mark(&mark);
    let valid = mark.len() <= 64 && mark.bytes().all(|b| b == b'0' || b == b'1');
    assert_eq!(decoded.is_some(), valid, "{mark:?} → {decoded:?}");
    if let Some(bits) = decoded {
        assert!(
            bits.windows(2).all(|w| w[0] < w[1]),
            "not ascending: {bits:?}"
        );
        assert!(bits.iter().all(|&b| b <= MAX_BIT && check_bit(b).is_ok()));
        assert_eq!(bits.len(), mark.bytes().filter(|&b| b == b'1').count());
        let number = bits.iter().fold(0u64, |n, &b| n | 1u64 << b);
        let expected = if mark.is_empty() {
            0
        } else {
            u64::from_str_radix(&mark, 2).expect("0–64 binary digits fit a u64")
        };
        assert_eq!(number, expected, "{mark:?} → {bits:?}");
    }
    if let Some(&byte) = data.first() {
        assert_eq!(check_bit(byte).is_ok(), byte <= MAX_BIT);
    }
});

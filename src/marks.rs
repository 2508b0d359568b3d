//! Standard mark bits. `get_contact_group` reports them as a '0'/'1' string that no page
//! orders explicitly; the one real response seen publicly ("1" then 34 zeros) only makes
//! sense as a binary number, so the rightmost character is bit 0 and leading zeros may be
//! dropped. Callers always get the raw string too.

use crate::error::ChatError;

/// Highest bit number a standard mark has (64 bits: 0–31 service, 32–63 app).
pub const MAX_BIT: u8 = 63;

/// The set bit numbers of a StandardMark string, ascending; `None` unless it is 0–64
/// characters of '0'/'1'.
pub fn decode_standard_mark(mark: &str) -> Option<Vec<u8>> {
    if mark.len() > 64 || !mark.bytes().all(|b| b == b'0' || b == b'1') {
        return None;
    }
    let bits = mark
        .bytes()
        .rev()
        .zip(0u8..)
        .filter(|(b, _)| *b == b'1')
        .map(|(_, bit)| bit)
        .collect();
    Some(bits)
}

/// Rejects a bit number outside 0..=63.
pub fn check_bit(bit: u8) -> Result<(), ChatError> {
    if bit > MAX_BIT {
        return Err(ChatError::invalid_input(format!(
            "mark bit {} is outside 0..=63",
            bit
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rightmost_character_is_bit_zero() {
        assert_eq!(decode_standard_mark("1"), Some(vec![0]));
        assert_eq!(decode_standard_mark("10"), Some(vec![1]));
        assert_eq!(decode_standard_mark("111001"), Some(vec![0, 3, 4, 5]));
        assert_eq!(decode_standard_mark(""), Some(vec![]));
        assert_eq!(decode_standard_mark("000"), Some(vec![]));
    }

    #[test]
    fn the_public_real_response_is_bit_34() {
        let seen = format!("1{}", "0".repeat(34));
        assert_eq!(seen.len(), 35);
        assert_eq!(decode_standard_mark(&seen), Some(vec![34]));
    }

    #[test]
    fn all_64_bits_and_no_more() {
        let all = "1".repeat(64);
        assert_eq!(decode_standard_mark(&all), Some((0..64).collect()));
        assert_eq!(decode_standard_mark(&"1".repeat(65)), None);
    }

    #[test]
    fn not_a_bit_string() {
        for bad in ["12", "abc", "1 0", "0x1", "１"] {
            assert_eq!(decode_standard_mark(bad), None, "{bad}");
        }
    }

    #[test]
    fn bit_range() {
        assert!(check_bit(0).is_ok());
        assert!(check_bit(63).is_ok());
        assert!(check_bit(64).is_err());
    }
}

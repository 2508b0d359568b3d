//! The number rules shared by requests and responses: every integer a JS caller sends or
//! receives must fit a JS number exactly.

use crate::error::ChatError;

/// Largest integer a JS number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// An id, time or cursor from the service, for a JS caller: refused past 2^53 − 1, which a
/// JS number would silently round.
///
/// # Errors
/// `bad_response` beyond 2^53 − 1.
pub fn safe(n: u64) -> Result<u64, ChatError> {
    if n > MAX_SAFE_INTEGER {
        return Err(ChatError::bad_response(format!(
            "integer {n} is beyond 2^53 - 1, which a JS number cannot hold exactly"
        )));
    }
    Ok(n)
}

/// A caller's index or cursor value, `what` within the option `option`: refused past
/// 2^53 − 1, beyond what the results can carry back to a JS caller (a JS caller can pass
/// one as a BigInt).
///
/// # Errors
/// `invalid_input` beyond 2^53 − 1, naming `what` (and `option` as [`ChatError::option`]).
pub fn check_index(n: u64, option: &str, what: &str) -> Result<u64, ChatError> {
    if n > MAX_SAFE_INTEGER {
        return Err(ChatError::invalid_option(
            option,
            format!("{what} must be at most 2^53 - 1, not {n}"),
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_inclusive() {
        assert_eq!(safe(MAX_SAFE_INTEGER), Ok(MAX_SAFE_INTEGER));
        assert!(safe(MAX_SAFE_INTEGER + 1).is_err());
        assert_eq!(
            check_index(MAX_SAFE_INTEGER, "x", "x"),
            Ok(MAX_SAFE_INTEGER)
        );
        let e = check_index(1 << 53, "cursor", "cursor.startIndex").unwrap_err();
        assert!(e.info.contains("cursor.startIndex"), "{}", e.info);
        assert_eq!(e.option.as_deref(), Some("cursor"));
    }
}

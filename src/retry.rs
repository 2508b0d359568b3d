//! When to try a failed request again. All five endpoints report failure inside HTTP 200
//! bodies, so the decision comes from the service's ErrorCode as much as from HTTP.

use crate::error::{ChatError, ErrorKind};

/// Backoff before the first retry; doubles per retry, with full jitter.
pub const BASE_DELAY_MS: f64 = 200.0;
/// No single backoff waits longer than this.
pub const MAX_DELAY_MS: f64 = 5_000.0;

/// Codes meaning "try later": internal error and timeout (may have taken effect)…
const TRANSIENT_CODES: [i64; 2] = [50004, 50005];
/// …and rate-limit rejections (surely did not take effect).
const RATE_LIMIT_CODES: [i64; 4] = [60007, 60011, 60018, 60019];
/// The UserSig has expired: a fresh one from the host's function may succeed.
pub const USERSIG_EXPIRED: i64 = 70001;

/// Whether repeating a request that may already have taken effect is harmless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads, pins, marks: repeating gives the same state.
    Idempotent,
    /// `create_contact_group` makes a new group per call; raw requests are assumed so too.
    NotIdempotent,
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// The error is final.
    GiveUp,
    /// Retry at once with a freshly fetched UserSig (once per call).
    RefreshUserSig,
    /// Retry after a backoff.
    Backoff,
}

/// Decides about `error` after `retries_done` retries out of `max_retries`.
/// `can_refresh_sig` is true when the UserSig comes from a function not yet re-asked.
pub fn decide(
    error: &ChatError,
    retries_done: u32,
    max_retries: u32,
    idempotency: Idempotency,
    can_refresh_sig: bool,
) -> Decision {
    if error.kind == ErrorKind::Api && error.code == USERSIG_EXPIRED {
        // Rejected at authentication, so it did not take effect: safe for any request.
        return if can_refresh_sig {
            Decision::RefreshUserSig
        } else {
            Decision::GiveUp
        };
    }
    if retries_done >= max_retries {
        return Decision::GiveUp;
    }
    let surely_not_applied = is_rate_limit(error);
    let maybe_applied = match error.kind {
        ErrorKind::Network | ErrorKind::Timeout => true,
        ErrorKind::Http => error.http_status.is_some_and(|s| s >= 500 || s == 429),
        ErrorKind::Api => TRANSIENT_CODES.contains(&error.code),
        _ => false,
    };
    let retry = match idempotency {
        Idempotency::Idempotent => surely_not_applied || maybe_applied,
        Idempotency::NotIdempotent => surely_not_applied,
    };
    if retry {
        Decision::Backoff
    } else {
        Decision::GiveUp
    }
}

/// The service refused because of its rate limits (nothing was applied).
pub fn is_rate_limit(error: &ChatError) -> bool {
    error.kind == ErrorKind::Api && RATE_LIMIT_CODES.contains(&error.code)
}

/// Full-jitter exponential backoff for the retry after `retries_done` retries;
/// `unit_random` is uniform in [0, 1).
pub fn backoff_ms(retries_done: u32, unit_random: f64) -> f64 {
    let ceiling = (BASE_DELAY_MS * 2f64.powi(retries_done.min(16) as i32)).min(MAX_DELAY_MS);
    // NaN or out-of-range input must not turn into a NaN or negative sleep.
    let r = if (0.0..=1.0).contains(&unit_random) {
        unit_random
    } else {
        0.0
    };
    ceiling * r
}

/// The error a call ends with once retries are spent: rate-limit rejections become
/// `rate_limited`, keeping the service's code.
pub fn final_error(mut error: ChatError) -> ChatError {
    if is_rate_limit(&error) {
        error.kind = ErrorKind::RateLimited;
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use Idempotency::*;

    fn api(code: i64) -> ChatError {
        ChatError::api(code, "x", "")
    }
    fn http(status: u16) -> ChatError {
        ChatError {
            http_status: Some(status),
            ..ChatError::new(ErrorKind::Http, "x")
        }
    }
    fn kind(kind: ErrorKind) -> ChatError {
        ChatError::new(kind, "x")
    }

    #[test]
    fn idempotent_calls_retry_transient_failures() {
        let retried = [
            kind(ErrorKind::Network),
            kind(ErrorKind::Timeout),
            http(500),
            http(502),
            http(429),
            api(50004),
            api(50005),
            api(60007),
            api(60011),
            api(60018),
            api(60019),
        ];
        for e in &retried {
            assert_eq!(
                decide(e, 0, 2, Idempotent, false),
                Decision::Backoff,
                "{e:?}"
            );
            assert_eq!(
                decide(e, 2, 2, Idempotent, false),
                Decision::GiveUp,
                "{e:?}"
            );
        }
        let not_retried = [
            kind(ErrorKind::InvalidInput),
            kind(ErrorKind::BadResponse),
            kind(ErrorKind::Aborted),
            kind(ErrorKind::UserSig),
            http(404),
            api(50001),
            api(50002),
            api(51010),
            api(70050),
            api(70003),
        ];
        for e in &not_retried {
            assert_eq!(decide(e, 0, 2, Idempotent, true), Decision::GiveUp, "{e:?}");
        }
    }

    #[test]
    fn non_idempotent_calls_retry_only_what_surely_did_not_apply() {
        for e in [api(60007), api(60011), api(60018), api(60019)] {
            assert_eq!(decide(&e, 0, 2, NotIdempotent, false), Decision::Backoff);
        }
        for e in [
            kind(ErrorKind::Timeout),
            kind(ErrorKind::Network),
            api(50005),
            api(50004),
            http(502),
        ] {
            assert_eq!(
                decide(&e, 0, 2, NotIdempotent, false),
                Decision::GiveUp,
                "{e:?}"
            );
        }
    }

    #[test]
    fn expired_usersig_is_refreshed_once_when_possible() {
        assert_eq!(
            decide(&api(70001), 0, 2, NotIdempotent, true),
            Decision::RefreshUserSig
        );
        assert_eq!(
            decide(&api(70001), 2, 2, Idempotent, true),
            Decision::RefreshUserSig
        );
        assert_eq!(
            decide(&api(70001), 0, 2, Idempotent, false),
            Decision::GiveUp
        );
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        assert_eq!(backoff_ms(0, 0.0), 0.0);
        assert_eq!(backoff_ms(0, 0.5), 100.0);
        assert_eq!(backoff_ms(1, 0.5), 200.0);
        assert_eq!(backoff_ms(3, 0.999), 1598.4);
        assert_eq!(backoff_ms(30, 1.0), MAX_DELAY_MS);
        assert_eq!(backoff_ms(0, f64::NAN), 0.0);
    }

    #[test]
    fn spent_rate_limits_become_rate_limited() {
        let e = final_error(api(60007));
        assert_eq!((e.kind, e.code), (ErrorKind::RateLimited, 60007));
        assert_eq!(final_error(api(50004)).kind, ErrorKind::Api);
    }
}

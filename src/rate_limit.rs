//! The client-side limit on requests per second per endpoint: a sliding log of actual
//! send times. A token bucket of N refilled at N/s lets up to 2N through in one second,
//! and booking future slots fails when timers fire late (stragglers of one batch overlap
//! the next), while the service counts real calls in each second. So a send is recorded
//! only when it happens, and only while fewer than N sends fall in the second before it.

use crate::error::{ChatError, ErrorKind};
use std::collections::VecDeque;

/// The window the service's limit is counted over.
pub const WINDOW_MS: f64 = 1_000.0;
/// Extra spacing so that jitter between recording a send and the service receiving it
/// cannot put N+1 requests into one of the service's seconds (costs 1% at saturation).
pub const MARGIN_MS: f64 = 10.0;
/// A send leaves the window this long after it was recorded.
const SPAN_MS: f64 = WINDOW_MS + MARGIN_MS;

/// Recent send times for one endpoint, and how many callers wait for a slot.
#[derive(Debug, Default)]
pub struct RateWindow {
    sent: VecDeque<f64>,
    waiting: usize,
}

impl RateWindow {
    fn prune(&mut self, now_ms: f64) {
        while self.sent.front().is_some_and(|&t| t <= now_ms - SPAN_MS) {
            self.sent.pop_front();
        }
    }

    /// Records a send now if the window has room; otherwise returns how long until the
    /// oldest send leaves it.
    pub fn try_send(&mut self, limit: u32, now_ms: f64) -> Result<(), f64> {
        self.prune(now_ms);
        if self.sent.len() < limit as usize {
            self.sent.push_back(now_ms);
            return Ok(());
        }
        let oldest = self.sent.front().copied().unwrap_or(now_ms);
        Err((oldest + SPAN_MS - now_ms).max(1.0))
    }

    /// Admits a new caller to the queue, or refuses it (`rate_limited`) when its turn
    /// would come later than `max_wait_ms` from now. Pair with [`RateWindow::leave`].
    pub fn join(&mut self, limit: u32, now_ms: f64, max_wait_ms: f64) -> Result<(), ChatError> {
        self.prune(now_ms);
        let wait = self.estimated_wait(limit as usize, now_ms);
        if wait > max_wait_ms {
            return Err(ChatError::new(
                ErrorKind::RateLimited,
                // Whole milliseconds: float formatting would cost the wasm ~14 KB.
                format!(
                    "client rate limit of {}/s: about {} ms until a free slot, beyond \
                     the {} ms timeout",
                    limit,
                    wait.ceil() as u64,
                    max_wait_ms.ceil() as u64
                ),
            ));
        }
        self.waiting += 1;
        Ok(())
    }

    /// A caller admitted by [`RateWindow::join`] has sent or given up.
    pub fn leave(&mut self) {
        self.waiting = self.waiting.saturating_sub(1);
    }

    /// When the slot of the next caller, behind everyone waiting, should free up.
    fn estimated_wait(&self, limit: usize, now_ms: f64) -> f64 {
        let free = limit.saturating_sub(self.sent.len());
        let Some(beyond) = self.waiting.checked_sub(free) else {
            return 0.0;
        };
        if limit == 0 || self.sent.is_empty() {
            return 0.0;
        }
        // Each send frees one slot a window later; past the log, whole windows repeat.
        let (rounds, index) = (beyond / self.sent.len(), beyond % self.sent.len());
        let frees = self.sent.get(index).copied().unwrap_or(now_ms);
        (frees + SPAN_MS * (rounds as f64 + 1.0) - now_ms).max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Simulates `n` callers arriving at 0 that poll with a late-firing timer.
    fn burst(limit: u32, n: usize, lateness: impl Fn(usize) -> f64) -> Vec<f64> {
        let mut w = RateWindow::default();
        let mut pending: Vec<(f64, usize)> = (0..n).map(|i| (0.0, i)).collect();
        let mut sent = vec![];
        let mut wakeups = 0;
        while !pending.is_empty() {
            pending.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (now, id) = pending.remove(0);
            match w.try_send(limit, now) {
                Ok(()) => sent.push(now),
                Err(wait) => {
                    wakeups += 1;
                    pending.push((now + wait + lateness(wakeups), id));
                }
            }
        }
        sent
    }

    fn max_in_any_window(times: &[f64]) -> usize {
        times
            .iter()
            .map(|&start| {
                times
                    .iter()
                    .filter(|&&t| t >= start && t < start + WINDOW_MS)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_burst_never_exceeds_the_limit_in_any_window() {
        let on_time = burst(200, 1000, |_| 0.0);
        assert_eq!(on_time.len(), 1000);
        assert_eq!(max_in_any_window(&on_time), 200);
        // Timers that fire up to 40 ms late must not let batches overlap.
        let late = burst(200, 1000, |k| (k % 41) as f64);
        assert_eq!(late.len(), 1000);
        assert!(max_in_any_window(&late) <= 200);
    }

    #[test]
    fn spread_requests_do_not_wait() {
        let mut w = RateWindow::default();
        for i in 0..100 {
            assert_eq!(w.try_send(10, i as f64 * 101.0), Ok(()));
        }
        // Ten sends in the last second (9090..=9999): the next waits for 9090 to leave,
        // plus the margin.
        assert_eq!(w.try_send(10, 10_050.0), Err(50.0));
        assert_eq!(w.try_send(10, 10_100.0), Ok(()));
    }

    #[test]
    fn callers_are_refused_when_their_turn_is_beyond_the_timeout() {
        let mut w = RateWindow::default();
        w.try_send(2, 0.0).unwrap();
        w.try_send(2, 10.0).unwrap();
        // At 20 ms, waiters' turns come when the sends at 0 and 10 leave (+1010 ms each),
        // and the third's when the first waiter's own send leaves.
        assert_eq!(
            w.join(2, 20.0, 500.0).unwrap_err().kind,
            ErrorKind::RateLimited
        );
        assert!(w.join(2, 20.0, 990.0).is_ok());
        assert!(w.join(2, 20.0, 999.0).is_err());
        assert!(w.join(2, 20.0, 1_000.0).is_ok());
        assert!(w.join(2, 20.0, 1_999.0).is_err());
        assert!(w.join(2, 20.0, 2_000.0).is_ok());
        for _ in 0..3 {
            w.leave();
        }
        assert!(w.join(2, 20.0, 990.0).is_ok());
    }

    #[test]
    fn no_limit_means_no_wait() {
        let mut w = RateWindow::default();
        assert!(w.join(0, 0.0, 0.0).is_ok());
    }
}

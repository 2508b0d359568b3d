//! The client-side limit on requests per second per endpoint, held as the service counts
//! it. The service counts a request when it receives it, which the client cannot see: a
//! burst recorded when it was dispatched reaches the service spread over the time the
//! runtime takes to build and write it (over a hundred milliseconds for a few hundred), so
//! the next second's sends, dispatched faster, can overtake it and put N+1 requests into
//! one of the service's seconds. So a request holds its slot from the moment it is sent
//! until its attempt ends (the service received it before then), and one window more. The
//! last of any N+1 requests in one of the service's seconds would have found the N others
//! in flight or ended less than a window before it was sent, and waited. The price is the
//! round trip: at 10 ms, 0.99 of the limit.
//!
//! Sends are also paced, N a second with bursts of up to [`BURST_MS`] worth: a burst of N
//! at once would queue at the service and answer slowly, and each slow answer holds its slot
//! longer (measured: 0.8 of the limit unpaced, under load). The pacing alone is not the
//! guarantee (a token bucket of N refilled at N/s lets up to 2N through in one second); the
//! window is.

use crate::error::{ChatError, ErrorKind};
use std::collections::VecDeque;

/// The window the service's limit is counted over.
pub const WINDOW_MS: f64 = 1_000.0;
/// Extra spacing for clocks that tick in whole milliseconds (the service received a
/// request before its attempt ended, so no more is needed).
pub const MARGIN_MS: f64 = 2.0;
/// An ended attempt leaves the window this long after it ended.
const SPAN_MS: f64 = WINDOW_MS + MARGIN_MS;
/// How far ahead of the even pace sends may run (a burst of N/10 + 1 at once).
pub const BURST_MS: f64 = 100.0;

/// One endpoint's requests in flight, when recent ones ended, and how many callers wait
/// for a slot.
#[derive(Debug, Default)]
pub struct RateWindow {
    ended: VecDeque<f64>,
    in_flight: usize,
    waiting: usize,
    /// When the next send is due at the even pace (sends may run [`BURST_MS`] ahead).
    paced: f64,
}

impl RateWindow {
    fn prune(&mut self, now_ms: f64) {
        while self.ended.front().is_some_and(|&t| t <= now_ms - SPAN_MS) {
            self.ended.pop_front();
        }
    }

    fn used(&self) -> usize {
        self.ended.len() + self.in_flight
    }

    /// Takes a slot for a send now if the window has room (pair with
    /// [`RateWindow::end`]); otherwise returns how long until a slot may free up.
    pub fn try_send(&mut self, limit: u32, now_ms: f64) -> Result<(), f64> {
        self.prune(now_ms);
        let ahead = self.paced - BURST_MS - now_ms;
        if ahead > 0.0 {
            return Err(ahead.max(1.0));
        }
        if self.used() < limit as usize {
            self.in_flight += 1;
            // Late timers do not slow the pace: it runs from when the send was due.
            self.paced = self.paced.max(now_ms - BURST_MS) + WINDOW_MS / f64::from(limit.max(1));
            return Ok(());
        }
        // With every slot in flight, none frees before a window from now.
        let oldest = self.ended.front().copied().unwrap_or(now_ms);
        Err((oldest + SPAN_MS - now_ms).max(1.0))
    }

    /// The attempt sent by [`RateWindow::try_send`] ended (answered, failed or dropped):
    /// its slot frees a window from now.
    pub fn end(&mut self, now_ms: f64) {
        self.in_flight = self.in_flight.saturating_sub(1);
        // The clock is monotonic, so the log stays sorted.
        self.ended.push_back(now_ms);
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
        if limit == 0 {
            return 0.0;
        }
        // The pace alone: the waiters go first, one every 1/N s.
        let paced = self.paced - BURST_MS + self.waiting as f64 * WINDOW_MS / limit as f64 - now_ms;
        let used = self.used();
        let free = limit.saturating_sub(used);
        let Some(beyond) = self.waiting.checked_sub(free) else {
            return paced.max(0.0);
        };
        if used == 0 {
            return paced.max(0.0);
        }
        // Each slot frees a window after its attempt ends (those in flight, and the free
        // ones the first waiters take, are taken to end now); then the whole limit turns
        // over once a window. Counting rounds of `used` slots instead would make a burst
        // that finds a few calls in flight wait many windows too long, and be refused.
        let (rounds, index) = (beyond / limit, beyond % limit);
        let frees = self.ended.get(index).copied().unwrap_or(now_ms);
        (frees + SPAN_MS * (rounds as f64 + 1.0) - now_ms)
            .max(paced)
            .max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// A run of `n` calls, `in_flight` at a time, through one window with limit `limit`.
    /// The runtime writes requests one after another, `write_ms` each, so a burst reaches
    /// the service spread out (and a later, faster batch could overtake it); the answer
    /// comes `rtt_ms` after the service received the request, and timers fire up to
    /// `late_ms` late. Returns when the service received each request, in order.
    fn run(
        limit: u32,
        n: usize,
        in_flight: usize,
        write_ms: impl Fn(usize) -> f64,
        rtt_ms: f64,
        late_ms: f64,
    ) -> Vec<f64> {
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        enum Ev {
            Try(usize),
            End(usize),
        }
        let mut w = RateWindow::default();
        // Due events by time (in µs, then order of scheduling), earliest first.
        let mut events = BinaryHeap::new();
        let mut seq = 0_u64;
        let mut at = |events: &mut BinaryHeap<Reverse<(i64, u64, Ev)>>, t: f64, ev: Ev| {
            seq += 1;
            events.push(Reverse(((t * 1_000.0) as i64, seq, ev)));
        };
        for i in 0..in_flight.min(n) {
            at(&mut events, 0.0, Ev::Try(i));
        }
        let (mut next, mut wire_free, mut received, mut wakeups) =
            (in_flight.min(n), 0.0_f64, vec![], 0_usize);
        while let Some(Reverse((micros, _, ev))) = events.pop() {
            let now = micros as f64 / 1_000.0;
            match ev {
                Ev::Try(id) => match w.try_send(limit, now) {
                    Ok(()) => {
                        let received_at = wire_free.max(now) + write_ms(received.len());
                        wire_free = received_at;
                        received.push(received_at);
                        at(&mut events, received_at + rtt_ms, Ev::End(id));
                    }
                    Err(wait) => {
                        wakeups += 1;
                        let late = (wakeups % 7) as f64 / 7.0 * late_ms;
                        at(&mut events, now + wait + late, Ev::Try(id));
                    }
                },
                Ev::End(_) => {
                    w.end(now);
                    if next < n {
                        at(&mut events, now, Ev::Try(next));
                        next += 1;
                    }
                }
            }
        }
        received.sort_by(f64::total_cmp);
        received
    }

    /// The most requests the service saw in any second (its window slides, as the
    /// emulator's does).
    fn max_in_any_window(times: &[f64]) -> usize {
        let mut start = 0;
        let mut most = 0;
        for (end, &t) in times.iter().enumerate() {
            while times.get(start).is_some_and(|&s| t - s >= WINDOW_MS) {
                start += 1;
            }
            most = most.max(end + 1 - start);
        }
        most
    }

    /// Requests a second over the run.
    fn rate(times: &[f64]) -> f64 {
        let span = times.last().copied().unwrap_or(0.0) - times.first().copied().unwrap_or(0.0);
        (times.len() - 1) as f64 / span * WINDOW_MS
    }

    #[test]
    fn the_service_never_sees_more_than_the_limit_in_a_second() {
        // A burst written slowly at first (cold), then fast: the case that recording at
        // dispatch time lets through.
        let slow_then_fast = |k: usize| if k < 200 { 0.75 } else { 0.05 };
        for in_flight in [16, 64, 400, 2_000] {
            for late in [0.0, 40.0] {
                let seen = run(200, 2_000, in_flight, slow_then_fast, 2.0, late);
                assert_eq!(seen.len(), 2_000);
                assert!(
                    max_in_any_window(&seen) <= 200,
                    "{in_flight} in flight, {late} ms late"
                );
            }
        }
        let slow_answers = run(200, 2_000, 64, |_| 0.1, 80.0, 5.0);
        assert!(max_in_any_window(&slow_answers) <= 200);
    }

    #[test]
    fn a_steady_load_reaches_the_limit_less_the_round_trip() {
        let seen = run(200, 4_000, 16, |_| 0.1, 5.0, 1.0);
        let achieved = rate(&seen) / 200.0;
        assert!((0.97..=1.0).contains(&achieved), "{achieved}");
    }

    #[test]
    fn a_slot_frees_a_window_after_its_attempt_ends() {
        let mut w = RateWindow::default();
        assert_eq!(w.try_send(2, 0.0), Ok(()));
        // The pace: the second send is due 500 ms after the first, less the burst allowance.
        assert_eq!(w.try_send(2, 0.0), Err(500.0 - BURST_MS));
        assert_eq!(w.try_send(2, 400.0), Ok(()));
        // Both in flight: nothing frees for a window at least.
        assert_eq!(w.try_send(2, 905.0), Err(SPAN_MS));
        w.end(1_000.0);
        assert_eq!(w.try_send(2, 1_200.0), Err(1_000.0 + SPAN_MS - 1_200.0));
        assert_eq!(w.try_send(2, 1_000.0 + SPAN_MS), Ok(()));
    }

    #[test]
    fn sends_are_paced_with_a_small_burst() {
        let mut w = RateWindow::default();
        let at_once = (0..100)
            .take_while(|_| w.try_send(200, 0.0).is_ok())
            .count();
        assert_eq!(at_once, 21);
        // Then one every 5 ms, counted from when each was due, not from a late timer.
        assert_eq!(w.try_send(200, 0.0), Err(5.0));
        assert_eq!(w.try_send(200, 7.0), Ok(()));
        assert_eq!(w.try_send(200, 8.0), Err(2.0));
        assert_eq!(w.try_send(200, 10.0), Ok(()));
    }

    #[test]
    fn callers_are_refused_when_their_turn_is_beyond_the_timeout() {
        let mut w = RateWindow::default();
        w.try_send(2, 0.0).unwrap();
        w.end(0.0);
        w.try_send(2, 410.0).unwrap();
        w.end(410.0);
        // At 420 ms, waiters' turns come when the attempts ended at 0 and 410 leave (a
        // span later each), and the third's when the first waiter's own attempt leaves.
        assert_eq!(
            w.join(2, 420.0, 500.0).unwrap_err().kind,
            ErrorKind::RateLimited
        );
        assert!(w.join(2, 420.0, SPAN_MS - 420.0).is_ok());
        assert!(w.join(2, 420.0, SPAN_MS - 11.0).is_err());
        assert!(w.join(2, 420.0, SPAN_MS - 10.0).is_ok());
        assert!(w.join(2, 420.0, 2.0 * SPAN_MS - 421.0).is_err());
        assert!(w.join(2, 420.0, 2.0 * SPAN_MS - 420.0).is_ok());
        for _ in 0..3 {
            w.leave();
        }
        assert!(w.join(2, 420.0, 590.0).is_ok());
    }

    #[test]
    fn a_burst_behind_a_few_calls_in_flight_waits_its_pace_not_many_windows() {
        let mut w = RateWindow::default();
        for _ in 0..21 {
            w.try_send(200, 0.0).unwrap();
        }
        for _ in 0..900 {
            w.join(200, 0.0, f64::INFINITY).unwrap();
        }
        // 979 slots behind these 21 in flight: about five windows at 200 a window.
        assert!(w.join(200, 0.0, 5.0 * SPAN_MS).is_ok());
        assert!(w.join(200, 0.0, 3.0 * SPAN_MS).is_err());
    }

    #[test]
    fn no_limit_means_no_wait() {
        let mut w = RateWindow::default();
        assert!(w.join(0, 0.0, 0.0).is_ok());
    }
}

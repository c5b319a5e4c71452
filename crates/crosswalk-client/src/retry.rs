//! When to try again: exponential back-off with jitter, and `Retry-After`.
//!
//! Like cargo's network retries: a temporary failure (429, 500, 502, 503, 504, a reset or a
//! timeout) is retried after a delay that doubles each time (1 s, 2 s, 4 s, … at most 5
//! minutes), each delay drawn between half and all of it so that parallel connections do not
//! retry in step; a `Retry-After` the server sent is honoured instead.

use std::time::Duration;

/// The back-off policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    /// Attempts after the first.
    pub retries: u32,
    /// The first delay.
    pub base: Duration,
    /// The longest delay.
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff { retries: 8, base: Duration::from_secs(1), max: Duration::from_secs(300) }
    }
}

impl Backoff {
    /// The delay before retry `attempt` (1 for the first retry); `unit` in `[0, 1)` draws the
    /// jitter; `retry_after` is the server's own wish, which wins.
    ///
    /// ```
    /// use std::time::Duration;
    /// use crosswalk_client::Backoff;
    ///
    /// let policy = Backoff::default();
    /// assert_eq!(policy.delay(1, 0.999_999, None).as_secs(), 0); // just under 1 s
    /// assert_eq!(policy.delay(3, 0.0, None), Duration::from_secs(2)); // half of 4 s
    /// assert_eq!(policy.delay(3, 0.0, Some(Duration::from_secs(30))), Duration::from_secs(30));
    /// assert!(policy.delay(40, 0.5, None) <= Duration::from_secs(300));
    /// ```
    pub fn delay(&self, attempt: u32, unit: f64, retry_after: Option<Duration>) -> Duration {
        if let Some(wanted) = retry_after {
            return wanted.min(self.max.saturating_mul(4));
        }
        let exponent = attempt.saturating_sub(1).min(30);
        let full = self.base.saturating_mul(1u32 << exponent).min(self.max);
        full.mul_f64(0.5 + unit.clamp(0.0, 1.0) / 2.0)
    }
}

/// A small pseudo-random generator for jitter (xorshift): jitter needs no more, and a seed
/// makes a test's delays repeatable.
#[derive(Clone, Debug)]
pub struct Jitter(u64);

impl Jitter {
    /// A generator from `seed` (0 is replaced).
    pub fn new(seed: u64) -> Self {
        Jitter(seed.max(1))
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
}

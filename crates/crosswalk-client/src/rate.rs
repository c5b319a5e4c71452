//! Staying inside DataCite's rate limits: a token bucket shared by every connection.
//!
//! DataCite counts requests per IP address and 5-minute window (3,000 with credentials, 750 on
//! the test system, 300–500 recommended for sustained bulk work). The bucket refills at the
//! rate's pace and holds at most 10 seconds' worth, so that a run never bursts beyond what
//! DataCite's window allows, however its windows fall.

use std::sync::Mutex;
use std::time::Duration;

use crate::clock::Clock;

/// A rate: requests per 5 minutes, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rate {
    /// At most this many requests in 5 minutes.
    Per5Minutes(u32),
    /// No limit (for a server of one's own; never DataCite's).
    Unlimited,
}

impl Rate {
    /// Parses `N/5m` (also `N/min`, `N/s`, converted), or `unlimited`.
    ///
    /// ```
    /// use crosswalk_client::Rate;
    ///
    /// assert_eq!(Rate::parse("500/5m"), Ok(Rate::Per5Minutes(500)));
    /// assert_eq!(Rate::parse("100/min"), Ok(Rate::Per5Minutes(500)));
    /// assert_eq!(Rate::parse("unlimited"), Ok(Rate::Unlimited));
    /// assert!(Rate::parse("fast").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Rate, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("unlimited") {
            return Ok(Rate::Unlimited);
        }
        let bad = || format!("{text:?} is not a rate: write N/5m (requests per 5 minutes), N/min, N/s or unlimited");
        let (count, per) = text.split_once('/').ok_or_else(bad)?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        let factor = match per.trim() {
            "5m" | "5min" => 1,
            "m" | "min" | "1m" => 5,
            "s" | "sec" | "1s" => 300,
            _ => return Err(bad()),
        };
        if count == 0 {
            return Err(format!("{text:?}: a rate of zero sends nothing"));
        }
        Ok(Rate::Per5Minutes(count.saturating_mul(factor)))
    }
}

/// A token bucket: [`RateLimiter::acquire`] returns when a request may go.
pub struct RateLimiter {
    /// Tokens per second, and the most the bucket holds; `None`: no limit.
    pace: Option<(f64, f64)>,
    /// Tokens now, and when they were counted.
    state: Mutex<(f64, Duration)>,
}

impl RateLimiter {
    /// A limiter for `rate`, starting with a full bucket.
    pub fn new(rate: Rate, clock: &dyn Clock) -> Self {
        let pace = match rate {
            Rate::Unlimited => None,
            Rate::Per5Minutes(n) => {
                let per_second = f64::from(n) / 300.0;
                Some((per_second, (per_second * 10.0).max(1.0)))
            }
        };
        let full = pace.map_or(0.0, |(_, capacity)| capacity);
        RateLimiter { pace, state: Mutex::new((full, clock.now())) }
    }

    /// Waits (on `clock`) until a request may be sent, and takes its token.
    pub fn acquire(&self, clock: &dyn Clock) {
        let Some((per_second, capacity)) = self.pace else { return };
        let wait = {
            let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let now = clock.now();
            let (tokens, then) = *state;
            let refilled = (tokens + now.saturating_sub(then).as_secs_f64() * per_second).min(capacity);
            // The token is taken now; a negative balance is the wait this caller owes.
            let left = refilled - 1.0;
            *state = (left, now);
            if left >= 0.0 {
                Duration::ZERO
            } else {
                Duration::from_secs_f64(-left / per_second)
            }
        };
        if !wait.is_zero() {
            clock.sleep(wait);
        }
    }
}

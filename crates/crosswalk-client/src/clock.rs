//! Time, injected: the rate limiter and the retries ask a [`Clock`] what time it is and to
//! wait, so that tests run them on a clock of their own, without waiting for anything.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What the client knows of time.
pub trait Clock: Send + Sync {
    /// Time since an arbitrary start, never going backwards.
    fn now(&self) -> Duration;
    /// Waits `duration`.
    fn sleep(&self, duration: Duration);
}

/// The machine's monotonic clock.
#[derive(Debug)]
pub struct SystemClock {
    start: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock { start: Instant::now() }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }

    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A clock for tests: `sleep` moves it forward at once (and counts how long was slept), so that
/// rate limits and back-offs are checked by their arithmetic, not by waiting.
///
/// ```
/// use std::time::Duration;
/// use crosswalk_client::{Clock, ManualClock};
///
/// let clock = ManualClock::default();
/// clock.sleep(Duration::from_millis(1500));
/// assert_eq!(clock.now(), Duration::from_millis(1500));
/// assert_eq!(clock.slept(), Duration::from_millis(1500));
/// ```
#[derive(Debug, Default)]
pub struct ManualClock {
    nanos: AtomicU64,
    slept: AtomicU64,
}

impl ManualClock {
    /// Moves the clock forward without counting it as sleep.
    pub fn advance(&self, duration: Duration) {
        self.nanos.fetch_add(u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX), Ordering::SeqCst);
    }

    /// How long all `sleep` calls together asked to wait.
    pub fn slept(&self) -> Duration {
        Duration::from_nanos(self.slept.load(Ordering::SeqCst))
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }

    fn sleep(&self, duration: Duration) {
        let nanos = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
        self.slept.fetch_add(nanos, Ordering::SeqCst);
        self.nanos.fetch_add(nanos, Ordering::SeqCst);
    }
}

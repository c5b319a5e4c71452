//! The progress line on a terminal: records done, records/s, errors so far, and an ETA from the
//! bytes read. In a pipe (or with --quiet or JSON messages) it stays silent.

use std::io::{IsTerminal, Write};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crosswalk::batch::Progress;

/// How often the line is redrawn.
const REDRAW: Duration = Duration::from_millis(100);

/// A progress line on standard error.
pub struct ProgressLine {
    enabled: bool,
    start: Instant,
    last_draw: Option<Instant>,
    total_bytes: Option<u64>,
    drawn: bool,
    /// More to show (an upload's requests and retries).
    pub extra: Option<std::sync::Arc<dyn Fn() -> String + Send + Sync>>,
}

impl ProgressLine {
    /// A progress line, drawn only when `wanted` and standard error is a terminal.
    pub fn new(wanted: bool, total_bytes: Option<u64>) -> Self {
        ProgressLine {
            enabled: wanted && std::io::stderr().is_terminal(),
            start: Instant::now(),
            last_draw: None,
            total_bytes,
            drawn: false,
            extra: None,
        }
    }

    /// Redraws the line if it is time to.
    pub fn tick(&mut self, progress: &Progress, done: u64, failed: u64) {
        if !self.enabled || self.last_draw.is_some_and(|t| t.elapsed() < REDRAW) {
            return;
        }
        self.last_draw = Some(Instant::now());
        let elapsed = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = done as f64 / elapsed;
        let mut line = format!("{done} records  {rate:.0}/s  {failed} failed");
        if let Some(extra) = &self.extra {
            line.push_str("  ");
            line.push_str(&extra());
        }
        if let Some(total) = self.total_bytes.filter(|t| *t > 0) {
            let read = progress.bytes_read.load(Ordering::Relaxed).min(total);
            let fraction = read as f64 / total as f64;
            line.push_str(&format!("  {:>3.0}%", fraction * 100.0));
            if fraction > 0.01 {
                let remaining = elapsed * (1.0 - fraction) / fraction;
                line.push_str(&format!("  ETA {}", clock(remaining)));
            }
        }
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K{line}");
        self.drawn = true;
    }

    /// Erases the line (before other output on standard error).
    pub fn clear(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            self.drawn = false;
            self.last_draw = None;
        }
    }
}

fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

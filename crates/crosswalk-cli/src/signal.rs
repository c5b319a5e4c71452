//! Signals: Ctrl-C (SIGINT) and SIGTERM (what batch systems send) alike ask the run to stop
//! reading; the records already read finish and are accounted, outputs and the report are
//! completed (an output that is not whole stays `.partial`), and the exit status is 130. A second
//! signal exits at once with status 3 (forced: outputs and report are left `.partial`).
//!
//! A read that blocks (an idle pipe, a FIFO) must not keep the run from stopping: inputs that
//! can block are read through [`Interruptible`], which waits for data or for the signal at
//! once (`poll` on the input and on a pipe the signal handler writes to), so the first signal
//! ends such a read at once.
//!
//! SIGPIPE is left ignored (Rust's default): a write to a closed pipe fails with `EPIPE`, which
//! the output handles (the run stops, the report is written, status 141).
#![allow(unsafe_code)]

use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Set by the first SIGINT or SIGTERM.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Exit status of a run ended at once by a second signal.
pub const FORCED: i32 = 3;

/// The write end of the pipe that wakes [`Interruptible`] reads (-1 before [`install`]).
static WAKE_WRITE: AtomicI32 = AtomicI32::new(-1);
/// Its read end.
static WAKE_READ: AtomicI32 = AtomicI32::new(-1);

/// The message of a read ended by the signal.
const CANCELLED: &str = "reading stopped by a signal";

extern "C" fn on_signal(_signal: libc::c_int) {
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        // Second signal: the user wants out now. `_exit` is async-signal-safe.
        // SAFETY: `_exit` may be called from a signal handler; it does not return.
        unsafe { libc::_exit(FORCED) };
    }
    let fd = WAKE_WRITE.load(Ordering::SeqCst);
    if fd >= 0 {
        // The byte stays in the pipe: every later poll sees it. `write` is async-signal-safe.
        // SAFETY: writing one byte from a static buffer to a descriptor we own.
        unsafe {
            libc::write(fd, b"x".as_ptr().cast(), 1);
        }
    }
}

/// Installs the handler for SIGINT and SIGTERM, then unblocks them in case the parent left
/// them blocked (a blocked mask is inherited across `exec`): a signal sent before the handler
/// was in place is then delivered to it, not lost, which is also what lets the CLI tests stop
/// a run without timing.
pub fn install() {
    let mut fds = [-1 as libc::c_int; 2];
    // SAFETY: `pipe2` fills the two descriptors; both flags are valid for it.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC | libc::O_NONBLOCK) } == 0 {
        WAKE_READ.store(fds[0], Ordering::SeqCst);
        WAKE_WRITE.store(fds[1], Ordering::SeqCst);
    }
    let handler = on_signal as extern "C" fn(libc::c_int);
    // SAFETY: the handler only touches atomics and calls `write` and `_exit`, all
    // async-signal-safe; the action and the signal set are plain data initialised before use.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        action.sa_flags = libc::SA_RESTART;
        libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut());
        libc::sigaction(libc::SIGTERM, &action, std::ptr::null_mut());
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}

/// A reader of something that can block (standard input, a FIFO) whose reads end when the run
/// is interrupted: each read first waits for the input or the signal, whichever comes first.
pub struct Interruptible<R> {
    inner: R,
    fd: RawFd,
}

impl<R: Read + AsRawFd> Interruptible<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        let fd = inner.as_raw_fd();
        Interruptible { inner, fd }
    }
}

impl<R: Read> Read for Interruptible<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let wake = WAKE_READ.load(Ordering::SeqCst);
        loop {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Err(io::Error::other(CANCELLED));
            }
            if wake < 0 {
                return self.inner.read(buf);
            }
            let mut fds = [
                libc::pollfd { fd: self.fd, events: libc::POLLIN, revents: 0 },
                libc::pollfd { fd: wake, events: libc::POLLIN, revents: 0 },
            ];
            // SAFETY: `fds` is a valid array of two pollfd structures for the call's duration.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
            if ready < 0 {
                let error = io::Error::last_os_error();
                if error.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(error);
            }
            if fds[1].revents != 0 {
                return Err(io::Error::other(CANCELLED));
            }
            if fds[0].revents != 0 {
                return self.inner.read(buf);
            }
        }
    }
}

/// Opens a FIFO for reading without waiting for a writer (opening one blocks until a writer
/// comes, and an open cannot be interrupted): non-blocking to open, blocking again to read,
/// through [`Interruptible`].
pub fn open_fifo(path: &std::path::Path) -> io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)?;
    let fd = file.as_raw_fd();
    // SAFETY: `fcntl` on a descriptor we own, with flags it just returned minus one.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
    Ok(file)
}

//! Ctrl-C: the first interrupt asks the batch to stop reading (records already read finish and
//! are accounted in the report); a second one exits at once.
#![allow(unsafe_code)]

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the first Ctrl-C.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_interrupt(_signal: libc::c_int) {
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        // Second Ctrl-C: the user wants out now. `_exit` is async-signal-safe.
        // SAFETY: `_exit` may be called from a signal handler; it does not return.
        unsafe { libc::_exit(130) };
    }
}

/// Installs the handler, then unblocks SIGINT in case the parent left it blocked (a blocked
/// mask is inherited across `exec`): an interrupt sent before the handler was in place is then
/// delivered to it, not lost, which is also what lets the CLI tests interrupt a run without
/// timing.
pub fn install() {
    let handler = on_interrupt as extern "C" fn(libc::c_int);
    // SAFETY: the handler only touches an atomic and calls `_exit`, both async-signal-safe; the
    // signal set is plain data initialised by `sigemptyset` before use.
    unsafe {
        libc::signal(libc::SIGINT, handler as libc::sighandler_t);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
    }
}

/// Restores the default action for SIGPIPE, so that `crosswalk … | head` ends quietly when the
/// reader of its output goes away, as command-line tools do, instead of failing on a write.
pub fn default_sigpipe() {
    // SAFETY: setting a signal's disposition to its default is always sound.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

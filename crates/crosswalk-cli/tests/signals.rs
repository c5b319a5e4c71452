//! SIGINT and SIGTERM stop a run cleanly, also while a read waits (an idle pipe, a FIFO with no
//! writer); a second signal exits at once with its own status. The signals are sent before the
//! child installs its handler, with the child's mask blocking them (inherited across `exec`),
//! so that they are delivered when the handler is in place: no timing, no sleep.
// Signals need libc: blocking them in the child before `exec`, and `kill`.
#![allow(unsafe_code)]

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosswalk-signals-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Starts crosswalk with SIGINT and SIGTERM blocked (the child unblocks them once its handler
/// is installed), then sends it `signals`.
fn run_signalled(args: &[&str], signals: &[libc::c_int]) -> (Child, Output) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosswalk"));
    command.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: between fork and exec only async-signal-safe calls: building a signal set and
    // changing the mask.
    unsafe {
        command.pre_exec(|| {
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::sigaddset(&mut set, libc::SIGTERM);
            libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
            Ok(())
        });
    }
    let mut child = command.spawn().expect("run crosswalk");
    // Keep standard input open and idle: a read of it waits for ever.
    let stdin = child.stdin.take();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    for &signal in signals {
        // SAFETY: signalling our own child, which has not been reaped (we wait for it below).
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }
    let output = wait(&mut child);
    drop(stdin);
    (child, output)
}

fn wait(child: &mut Child) -> Output {
    use std::io::Read;
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut stdout).unwrap();
    child.stderr.take().unwrap().read_to_end(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    Output { status, stdout, stderr }
}

#[test]
fn sigterm_ends_a_read_that_waits_and_the_report_is_written() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let dir = temp_dir(&format!("idle-{signal}"));
        let report = dir.join("report.json");
        let out = dir.join("out.jsonl");
        let args = [
            "convert",
            "--from",
            "ris",
            "--to",
            "datacite-json",
            "-o",
            out.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ];
        let (_, o) = run_signalled(&args, &[signal]);
        assert_eq!(o.status.code(), Some(130), "{signal}: {}", stderr(&o));
        let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
        assert_eq!(r["cancelled"], true, "{r:#}");
        assert_eq!(r["accounted"], true, "{r:#}");
        assert!(!out.exists(), "an output of a stopped run is not put in place");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_fifo_without_a_writer_does_not_keep_the_run_from_stopping() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("in.ris");
    if !Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        crosswalk_testkit::skipped("the FIFO check (mkfifo is not available)");
        return;
    }
    let (_, o) = run_signalled(&["convert", fifo.to_str().unwrap(), "--from", "ris", "--to", "ris"], &[libc::SIGTERM]);
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_second_signal_exits_at_once_with_its_own_status() {
    let dir = temp_dir("forced");
    let report = dir.join("report.json");
    let args = ["convert", "--from", "ris", "--to", "ris", "--report", report.to_str().unwrap()];
    // Both pending when the handler comes: the first asks to stop, the second forces.
    let (_, o) = run_signalled(&args, &[libc::SIGINT, libc::SIGTERM]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!report.exists(), "a forced exit leaves no report that looks complete");
    let _ = std::fs::remove_dir_all(&dir);
}

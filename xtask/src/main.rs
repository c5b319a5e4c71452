//! Crosswalk's build tasks, run with `cargo xtask <task>`.
//!
//! Tasks are plain Rust so they work wherever cargo does: no make, no shell scripts.

use std::process::{Command, ExitCode};

const HELP: &str = "\
cargo xtask <task>

Tasks:
  snapshots   re-run the tests, rewriting every snapshot under testdata/snapshots/ to the current
              output (review the diff with git before committing)
  ci          what CI runs: cargo fmt --check, cargo clippy -D warnings, cargo test
  help        this text
";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_else(|| "help".into());
    let result = match task.as_str() {
        "snapshots" => snapshots(),
        "ci" => ci(),
        "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown task {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn cargo(args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

fn snapshots() -> Result<(), String> {
    cargo(&["test", "--workspace"], &[("CROSSWALK_UPDATE_SNAPSHOTS", "1")])?;
    println!("xtask: snapshots rewritten; review them with `git diff testdata/snapshots`");
    Ok(())
}

fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--check"], &[])?;
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    cargo(&["test", "--workspace"], &[])
}

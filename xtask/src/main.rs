//! Crosswalk's build tasks, run with `cargo xtask <task>`.
//!
//! Tasks are plain Rust so they work wherever cargo does: no make, no shell scripts.

mod bench;
mod corpus;
mod fuzz;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

const HELP: &str = "\
cargo xtask <task>

Tasks:
  snapshots   re-run the tests, rewriting every snapshot under testdata/snapshots/ to the current
              output (review the diff with git before committing)
  ci          what a change must pass: cargo fmt --check, cargo clippy -D warnings,
              cargo doc with warnings denied (broken links), cargo test
  bench [--sizes 10000,100000] [--only NAME]
              build the release binary, generate the deterministic synthetic corpus under
              target/bench/corpus (every input format), run each conversion as a whole process
              and print records/s and peak RSS; then the xmllint --schema baseline and startup.
              CROSSWALK_BENCH_DIR=/dev/shm/crosswalk-bench puts the corpus in memory instead
  corpus KIND COUNT DIR
              write COUNT synthetic records of KIND (datacite-xml, ris, bibtex, citeproc,
              crossref-xml) under DIR
  hostile     the hostile-input cases too large for a debug build (100 MB text and attribute
              values), in a release build: cargo test --release -p crosswalk-robustness
              --test hostile_xml -- --ignored. (No test is timed: costs are counted, and the
              debug-build suite runs the same cases at 12 MiB.)
  fuzz [--seconds N] [--keep-going] [TARGET]
              build the fuzz targets in fuzz/ with the nightly toolchain (cargo-fuzz) and run
              each (or TARGET) for N seconds (default 60), one at a time; report coverage and
              findings (crashes, timeouts, out-of-memory) and fail if there are any
  help        this text
";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_else(|| "help".into());
    let result = match task.as_str() {
        "snapshots" => snapshots(),
        "ci" => ci(),
        "bench" => bench(),
        "corpus" => corpus_task(),
        "hostile" => hostile(),
        "measure-child" => bench::measure_child(&std::env::args().skip(2).collect::<Vec<_>>()),
        "fuzz" => fuzz::run(&root(), &std::env::args().skip(2).collect::<Vec<_>>()),
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

/// The `#[ignore]`d full-size hostile-input cases, in a release build.
fn hostile() -> Result<(), String> {
    cargo(&["test", "--release", "-p", "crosswalk-robustness", "--test", "hostile_xml", "--", "--ignored"], &[])
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

fn bench() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut sizes = vec![10_000, 100_000];
    let mut only = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--sizes" => {
                sizes = args
                    .get(i + 1)
                    .ok_or("--sizes needs a list")?
                    .split(',')
                    .map(|s| s.trim().parse::<usize>().map_err(|e| format!("--sizes: {e}")))
                    .collect::<Result<_, _>>()?;
                i += 1;
            }
            "--only" => {
                only = args.get(i + 1).cloned();
                i += 1;
            }
            other => return Err(format!("unknown bench option {other:?}")),
        }
        i += 1;
    }
    bench::run(&root(), &sizes, only.as_deref())
}

fn corpus_task() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let [kind, count, dir] = args.as_slice() else { return Err("usage: cargo xtask corpus KIND COUNT DIR".into()) };
    let kind = [
        corpus::Kind::DataciteXml,
        corpus::Kind::Ris,
        corpus::Kind::Bibtex,
        corpus::Kind::Csl,
        corpus::Kind::CrossrefXml,
        corpus::Kind::CrossrefJson,
    ]
    .into_iter()
    .find(|k| k.name() == kind)
    .ok_or_else(|| format!("unknown corpus kind {kind:?}"))?;
    let count: usize = count.parse().map_err(|e| format!("COUNT: {e}"))?;
    let path = corpus::write(std::path::Path::new(dir), kind, count).map_err(|e| e.to_string())?;
    println!("{}", path.display());
    Ok(())
}

fn ci() -> Result<(), String> {
    cargo(&["fmt", "--all", "--check"], &[])?;
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    cargo(&["doc", "--workspace", "--no-deps", "--quiet"], &[("RUSTDOCFLAGS", "-D warnings")])?;
    cargo(&["test", "--workspace"], &[])
}

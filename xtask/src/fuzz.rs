//! `cargo xtask fuzz [--seconds N] [--keep-going] [TARGET]`: builds the cargo-fuzz project in
//! `fuzz/` with the nightly toolchain and runs each target for N seconds, one after the other
//! (one libFuzzer process at a time: the machines that run this are small and shared), then
//! reports what each run covered and what it found.
//!
//! Seeds come from `testdata/` (the seeder in `fuzz/seed/` copies them into
//! `fuzz/corpus/<target>/`); the inputs kept in `fuzz/regressions/<target>/` are replayed as a
//! second corpus, and `fuzz/dictionaries/<target>.dict` is used when present. A finding is a new
//! file in `fuzz/artifacts/<target>/` (a crash, a timeout, an out-of-memory); each run's log is
//! `fuzz/logs/<target>.log`. See `fuzz/README.md` for the setup and what to do with a finding.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// What `cargo xtask fuzz` was asked.
struct Options {
    seconds: u64,
    keep_going: bool,
    target: Option<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options { seconds: 60, keep_going: false, target: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().ok_or("--seconds needs a number")?;
                options.seconds = value.parse().map_err(|e| format!("--seconds {value:?}: {e}"))?;
            }
            "--keep-going" => options.keep_going = true,
            other if other.starts_with('-') => return Err(format!("unknown fuzz option {other:?}")),
            other if options.target.is_none() => options.target = Some(other.to_owned()),
            other => return Err(format!("one target at most (got {other:?} too)")),
        }
    }
    if options.seconds == 0 {
        return Err("--seconds must be at least 1".into());
    }
    Ok(options)
}

/// The outcome of one target's run.
struct Run {
    target: String,
    seconds: f64,
    status: String,
    stats: Stats,
    findings: Vec<PathBuf>,
}

/// What libFuzzer's status lines and final statistics said.
#[derive(Default)]
struct Stats {
    executions: Option<u64>,
    coverage: Option<u64>,
    features: Option<u64>,
    corpus: Option<u64>,
    peak_rss_mb: Option<u64>,
}

/// Runs the task.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let fuzz = root.join("fuzz");
    if !fuzz.join("Cargo.toml").is_file() {
        return Err(format!("no cargo-fuzz project at {}", fuzz.display()));
    }
    check_setup(&fuzz)?;
    seed(&fuzz, options.target.as_deref())?;
    let all = list_targets(&fuzz)?;
    let targets: Vec<String> = match &options.target {
        Some(target) if all.contains(target) => vec![target.clone()],
        Some(target) => return Err(format!("no fuzz target {target:?}; the targets are: {}", all.join(", "))),
        None => all,
    };
    println!("xtask fuzz: building {} target(s) with the nightly toolchain", targets.len());
    let mut build = nightly(&fuzz);
    build.args(["fuzz", "build"]);
    if let [only] = targets.as_slice() {
        build.arg(only);
    }
    let status = build.status().map_err(|e| format!("cannot run cargo +nightly fuzz build: {e}"))?;
    if !status.success() {
        return Err(format!("`cargo +nightly fuzz build` failed ({status})"));
    }
    fs::create_dir_all(fuzz.join("logs")).map_err(|e| format!("cannot create fuzz/logs: {e}"))?;
    let mut runs = Vec::new();
    for target in &targets {
        println!("xtask fuzz: running {target} for {} s", options.seconds);
        runs.push(run_target(&fuzz, target, &options)?);
    }
    report(&runs, options.seconds);
    let found: usize = runs.iter().map(|r| r.findings.len()).sum();
    if found > 0 {
        return Err(format!(
            "{found} finding(s); turn each into a regression test (fuzz/README.md says how) and report it"
        ));
    }
    Ok(())
}

/// Fails with the setup instructions when cargo-fuzz or the nightly toolchain is missing.
fn check_setup(fuzz: &Path) -> Result<(), String> {
    let probe = nightly(fuzz).args(["fuzz", "--version"]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    match probe {
        Ok(status) if status.success() => Ok(()),
        _ => Err("`cargo +nightly fuzz` does not run here. Set up with:\n  \
                  rustup toolchain install nightly\n  cargo install --locked cargo-fuzz\n(see fuzz/README.md)"
            .into()),
    }
}

/// A `cargo +nightly` command run in `fuzz/`, free of the variables the outer cargo and rustup
/// set for xtask (they would pin the stable toolchain or this workspace's settings).
fn nightly(fuzz: &Path) -> Command {
    let mut command = Command::new("cargo");
    command.arg("+nightly").current_dir(fuzz);
    for variable in ["RUSTUP_TOOLCHAIN", "CARGO", "RUSTC", "RUSTDOC", "CARGO_TARGET_DIR", "RUSTFLAGS"] {
        command.env_remove(variable);
    }
    command
}

/// Copies the seeds from `testdata/` (the seeder is a program of the fuzz project).
fn seed(fuzz: &Path, target: Option<&str>) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["run", "--quiet", "--manifest-path"]).arg(fuzz.join("Cargo.toml"));
    command.args(["-p", "crosswalk-fuzz-seed", "--"]);
    if let Some(target) = target {
        command.arg(target);
    }
    let status = command.status().map_err(|e| format!("cannot run the seeder: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the seeder failed ({status})"))
    }
}

/// The targets `cargo fuzz list` names.
fn list_targets(fuzz: &Path) -> Result<Vec<String>, String> {
    let output = nightly(fuzz).args(["fuzz", "list"]).output().map_err(|e| format!("cannot list targets: {e}"))?;
    if !output.status.success() {
        return Err(format!("`cargo +nightly fuzz list` failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

fn files_in(dir: &Path) -> BTreeSet<PathBuf> {
    fs::read_dir(dir).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default()
}

/// Runs one target for the time asked, its output going to `fuzz/logs/<target>.log`.
fn run_target(fuzz: &Path, target: &str, options: &Options) -> Result<Run, String> {
    let artifacts = fuzz.join("artifacts").join(target);
    let before = files_in(&artifacts);
    let corpus = fuzz.join("corpus").join(target);
    fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    let log_path = fuzz.join("logs").join(format!("{target}.log"));
    let log = fs::File::create(&log_path).map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let log_err = log.try_clone().map_err(|e| format!("cannot share {}: {e}", log_path.display()))?;

    let mut command = nightly(fuzz);
    command.args(["fuzz", "run", "--jobs", "1", target]).arg(&corpus);
    let regressions = fuzz.join("regressions").join(target);
    if regressions.is_dir() {
        command.arg(&regressions);
    }
    command.arg("--");
    command.arg(format!("-max_total_time={}", options.seconds));
    // Inputs of a few kilobytes reach every construct; larger ones only slow the mutations.
    command.args(["-max_len=16384", "-timeout=20", "-rss_limit_mb=2048", "-print_final_stats=1"]);
    let dictionary = fuzz.join("dictionaries").join(format!("{target}.dict"));
    if dictionary.is_file() {
        command.arg(format!("-dict={}", dictionary.display()));
    }
    if options.keep_going {
        // Fork mode goes on after a crash, a timeout or an out-of-memory, keeping each input.
        command.args(["-fork=1", "-ignore_crashes=1", "-ignore_timeouts=1", "-ignore_ooms=1"]);
    }
    command.stdout(log).stderr(log_err);
    let start = Instant::now();
    let status = command.status().map_err(|e| format!("cannot run cargo +nightly fuzz run {target}: {e}"))?;
    let seconds = start.elapsed().as_secs_f64();
    let text = fs::read_to_string(&log_path).unwrap_or_default();
    let findings: Vec<PathBuf> = files_in(&artifacts).difference(&before).cloned().collect();
    let status = if status.success() { "ok".to_owned() } else { format!("exit {}", status.code().unwrap_or(-1)) };
    Ok(Run { target: target.to_owned(), seconds, status, stats: stats(&text), findings })
}

/// The last status line's counters (`#123 pulse cov: 456 ft: 789 corp: 12/3456b …`) and the
/// final statistics (`stat::number_of_executed_units: 123`).
fn stats(log: &str) -> Stats {
    let mut stats = Stats::default();
    // Fork mode writes `#460: cov: …`, the single process `#460\tpulse  cov: …`.
    let number = |word: Option<&str>| {
        word.and_then(|w| w.trim_end_matches(':').split('/').next()).and_then(|w| w.parse::<u64>().ok())
    };
    for line in log.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix('#') {
            let mut words = rest.split_whitespace();
            let executions = number(words.next());
            let words: Vec<&str> = words.collect();
            let after =
                |key: &str| words.iter().position(|w| *w == key).and_then(|i| number(words.get(i + 1).copied()));
            if let Some(coverage) = after("cov:") {
                stats.executions = executions.or(stats.executions);
                stats.coverage = Some(coverage);
                stats.features = after("ft:").or(stats.features);
                stats.corpus = after("corp:").or(stats.corpus);
            }
        } else if let Some(value) = line.strip_prefix("stat::number_of_executed_units:") {
            stats.executions = value.trim().parse().ok().or(stats.executions);
        } else if let Some(value) = line.strip_prefix("stat::peak_rss_mb:") {
            stats.peak_rss_mb = value.trim().parse().ok();
        }
    }
    stats
}

fn report(runs: &[Run], seconds: u64) {
    let show = |n: Option<u64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    println!();
    println!("xtask fuzz: {} target(s), {seconds} s each", runs.len());
    println!(
        "{:<22} {:>8} {:>12} {:>9} {:>7} {:>8} {:>7} {:>8}  result",
        "target", "seconds", "executions", "exec/s", "cov", "features", "corpus", "rss MB"
    );
    for run in runs {
        let per_second = run.stats.executions.map(|n| (n as f64 / run.seconds.max(1.0)).round() as u64);
        let result = if run.findings.is_empty() {
            run.status.clone()
        } else {
            format!("{} finding(s), {}", run.findings.len(), run.status)
        };
        println!(
            "{:<22} {:>8.0} {:>12} {:>9} {:>7} {:>8} {:>7} {:>8}  {result}",
            run.target,
            run.seconds,
            show(run.stats.executions),
            show(per_second),
            show(run.stats.coverage),
            show(run.stats.features),
            show(run.stats.corpus),
            show(run.stats.peak_rss_mb),
        );
    }
    for run in runs.iter().filter(|r| !r.findings.is_empty()) {
        println!("\n{}: (log: fuzz/logs/{}.log)", run.target, run.target);
        for finding in &run.findings {
            println!("  {}", finding.display());
            println!("    reproduce: cargo +nightly fuzz run {} {}", run.target, finding.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let o = parse(&args(&["--seconds", "600", "read_ris"])).unwrap();
        assert_eq!((o.seconds, o.target.as_deref(), o.keep_going), (600, Some("read_ris"), false));
        assert!(parse(&args(&["--seconds"])).is_err());
        assert!(parse(&args(&["--seconds", "0"])).is_err());
        assert!(parse(&args(&["a", "b"])).is_err());
        assert!(parse(&args(&["--keep-going"])).unwrap().keep_going);
    }

    #[test]
    fn status_lines_and_final_stats() {
        let log = "INFO: seed corpus: files: 17\n\
                   #2\tINITED cov: 100 ft: 120 corp: 17/20Kb exec/s: 0 rss: 40Mb\n\
                   #4096\tpulse  cov: 812 ft: 2301 corp: 260/77Kb lim: 43 exec/s: 2048 rss: 88Mb\n\
                   #5000\tDONE   cov: 820 ft: 2400 corp: 270/80Kb lim: 43 exec/s: 2500 rss: 90Mb\n\
                   stat::number_of_executed_units: 5002\nstat::peak_rss_mb: 91\n";
        let s = stats(log);
        let forked =
            stats("#5586: cov: 28582 ft: 75651 corp: 1077 exec/s: 147 oom/timeout/crash: 0/0/6 time: 49s job: 9\n");
        assert_eq!((forked.executions, forked.coverage, forked.corpus), (Some(5586), Some(28582), Some(1077)));
        assert_eq!(
            (s.executions, s.coverage, s.features, s.corpus, s.peak_rss_mb),
            (Some(5002), Some(820), Some(2400), Some(270), Some(91))
        );
    }
}

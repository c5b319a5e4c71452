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
  test [--release]
              the README's test command: cargo test --workspace --locked, then the Python
              package's tests: a venv in target/python-venv (python3 -m venv; $PYTHON names
              another interpreter) with pinned maturin and pytest, the crosswalk wheel built into
              it (debug, or --release), pytest over crates/crosswalk-python/tests (with the CLI
              and the fake-datacite server program they spawn, $CROSSWALK_BIN and
              $FAKE_DATACITE_BIN), and the Spark
              test (PySpark from PyPI, Java from the system; skipped with a note when either
              cannot be had)
  ci          what a change must pass: cargo fmt --check, cargo clippy -D warnings,
              cargo doc with warnings denied (broken links), then `test`
  bench [--sizes 10000,100000] [--only NAME] [--instructions]
              build the release binary, generate the deterministic synthetic corpus under
              target/bench/corpus (every input format), run each conversion as a whole process
              and print records/s and peak RSS; then the xmllint --schema baseline, the Python
              binding against the CLI on the same JSON Lines (--only python; the release wheel is
              built into target/python-venv, which `cargo xtask test` makes), the Spark example in
              local mode against the CLI on 20,000 records in 8 gzip parts (--only spark), and
              startup. --only upload-state (not in the default run): 10,000 records uploaded to
              the fake server with 1,000,000 earlier records in the state file, for its memory.
              CROSSWALK_BENCH_DIR=/dev/shm/crosswalk-bench puts the corpus in memory instead.
              --instructions: instead of timing, count the instructions (valgrind's callgrind,
              --jobs 1, the first size) of each validated conversion with and without
              validation, and print the ratio: what validation costs, free of the machine's
              speed drifting between runs
  corpus KIND COUNT DIR
              write COUNT synthetic records of KIND (datacite-xml, ris, bibtex, citeproc,
              crossref-xml) under DIR
  hostile     the hostile-input cases too large for a debug build (100 MB text and attribute
              values), in a release build: cargo test --release -p crosswalk-robustness
              --test hostile_xml -- --ignored. (No test is timed: costs are counted, and the
              debug-build suite runs the same cases at 12 MiB.)
  differential [--cases N]
              the differential test of the DataCite XML writer's proof of validity against
              libxml2 on N generated models (default 300,000), in a release build: cargo test
              --release -p crosswalk-robustness --test properties the_writers_proof, with
              DIFFERENTIAL_CASES=N (the ordinary test run checks 3,000)
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
        "test" => test(std::env::args().skip(2).any(|a| a == "--release")),
        "bench" => bench(),
        "differential" => differential(),
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

/// The writer's proof against libxml2 on many generated models, in a release build.
fn differential() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let cases = match args.iter().position(|a| a == "--cases") {
        Some(i) => args.get(i + 1).cloned().ok_or("--cases needs a number")?,
        None => "300000".to_owned(),
    };
    cases.parse::<u32>().map_err(|_| format!("--cases {cases}: not a number"))?;
    cargo(
        &[
            "test",
            "--release",
            "-p",
            "crosswalk-robustness",
            "--test",
            "properties",
            "the_writers_proof",
            "--",
            "--nocapture",
        ],
        &[("DIFFERENTIAL_CASES", cases.as_str())],
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().map(PathBuf::from).unwrap_or_default()
}

fn bench() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut sizes = vec![10_000, 100_000];
    let mut only = None;
    let mut instructions = false;
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
            "--instructions" => instructions = true,
            other => return Err(format!("unknown bench option {other:?}")),
        }
        i += 1;
    }
    if instructions {
        return bench::instructions(&root(), sizes.first().copied().unwrap_or(3_000), only.as_deref());
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
        corpus::Kind::DataciteApiJsonl,
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
    test(false)
}

/// The Python tools, pinned: the same versions on every machine and in CI.
const MATURIN: &str = "maturin==1.16.0";
const PYTEST: &str = "pytest==8.4.2";
/// The Spark test's PySpark: 3.5 runs on Java 8, 11 and 17 (Debian 12's default-jre-headless).
const PYSPARK: &str = "pyspark==3.5.8";

/// The README's test command: the Rust tests, then the Python package's.
fn test(release: bool) -> Result<(), String> {
    cargo(&["test", "--workspace", "--locked"], &[])?;
    let root = root();
    let venv = root.join("target/python-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let interpreter = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        run(Command::new(&interpreter).args(["-m", "venv"]).arg(&venv), "create the Python venv")?;
    }
    let pip = |args: &[&str]| {
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args(args)
            .status()
    };
    let status = pip(&[MATURIN, PYTEST]).map_err(|e| format!("cannot run pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip could not install {MATURIN} and {PYTEST} ({status})"));
    }

    // The wheel, built as users build it (abi3, extension module) into a clean directory.
    let wheels = root.join("target/python-wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    let mut build = Command::new(venv.join("bin/maturin"));
    build
        .args(["build", "--locked", "--auditwheel", "skip", "-m"])
        .arg(root.join("crates/crosswalk-python/Cargo.toml"))
        .arg("-o")
        .arg(&wheels);
    if release {
        build.arg("--release");
    }
    run(&mut build, "build the wheel with maturin")?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| format!("{}: {e}", wheels.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .ok_or("maturin built no wheel")?;
    let wheel = wheel.to_string_lossy().into_owned();
    let status = pip(&["--force-reinstall", "--no-deps", &wheel]).map_err(|e| format!("cannot run pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip could not install {wheel} ({status})"));
    }

    // The CLI the tests compare with: the one `cargo test` just built.
    let profile = if release { "release" } else { "debug" };
    if release {
        cargo(&["build", "--release", "--locked", "--bin", "crosswalk"], &[])?;
    }
    let cli = root.join("target").join(profile).join("crosswalk");
    // The fake DataCite server as a program, which the upload and harvest tests spawn.
    let mut fake = vec!["build", "--locked", "-p", "crosswalk-fake-datacite", "--bin", "fake-datacite"];
    if release {
        fake.push("--release");
    }
    cargo(&fake, &[])?;
    let fake = root.join("target").join(profile).join("fake-datacite");
    let tests = root.join("crates/crosswalk-python/tests");
    let pytest = |args: &[&std::ffi::OsStr]| {
        let mut command = Command::new(&python);
        command
            .args(["-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider"])
            .args(args)
            .env("CROSSWALK_BIN", &cli)
            .env("FAKE_DATACITE_BIN", &fake);
        run(&mut command, "pytest")
    };
    pytest(&[tests.as_os_str(), "--ignore".as_ref(), tests.join("spark").as_os_str()])?;

    // The Spark test: PySpark from PyPI (a large download; pip's cache makes it quick the next
    // time). Without it the test skips and says so.
    match pip(&[PYSPARK]) {
        Ok(status) if status.success() => {}
        _ => eprintln!("xtask: note: {PYSPARK} could not be installed (offline?); the Spark test will skip"),
    }
    pytest(&[tests.join("spark").as_os_str()])
}

/// Runs a command to success.
fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("cannot {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("could not {what} ({status})"))
    }
}

//! `cargo xtask bench`: whole-process benchmarks over the synthetic corpus.
//!
//! Each conversion runs the release binary as a user would, once per corpus size; we report
//! records/s (wall clock) and the process's peak resident memory (from `wait4`'s rusage).
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::corpus::{self, Kind};

struct Measured {
    seconds: f64,
    peak_kb: i64,
    status: i32,
}

/// Runs a command with stdout discarded; wall time and peak RSS.
///
/// The command runs under a fresh `xtask measure-child` process: Linux gives a child's
/// `ru_maxrss` the peak of the memory it was forked from, so a command forked from this
/// process (which holds a fake server and has written the corpus) would report this
/// process's peak, not its own.
fn measure(command: &mut Command) -> Result<Measured, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut wrapper = Command::new(exe);
    wrapper.arg("measure-child").arg(command.get_program()).args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => wrapper.env(key, value),
            None => wrapper.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        wrapper.current_dir(dir);
    }
    let output = wrapper.stderr(Stdio::inherit()).output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&output.stdout);
    let mut fields = text.split_whitespace();
    let mut next = || fields.next().ok_or_else(|| format!("measure-child said {text:?}"));
    let seconds = next()?.parse().map_err(|e| format!("{e}"))?;
    let peak_kb = next()?.parse().map_err(|e| format!("{e}"))?;
    let status = next()?.parse().map_err(|e| format!("{e}"))?;
    Ok(Measured { seconds, peak_kb, status })
}

/// `xtask measure-child PROGRAM ARGS…`: runs the program (output discarded) from this small,
/// freshly started process and prints its wall seconds, peak RSS in KiB and exit status.
pub fn measure_child(args: &[String]) -> Result<(), String> {
    let (program, rest) = args.split_first().ok_or("measure-child needs a program")?;
    let mut command = Command::new(program);
    command.args(rest).stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let child = command.spawn().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which we reap here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = start.elapsed().as_secs_f64();
    std::mem::forget(child);
    if waited < 0 {
        return Err(format!("wait4 failed for {command:?}"));
    }
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    println!("{seconds} {} {code}", usage.ru_maxrss);
    Ok(())
}

struct Case {
    name: &'static str,
    kind: Kind,
    args: fn(&Path, &Path) -> Vec<String>,
}

fn s(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const CASES: &[Case] = &[
    Case {
        name: "RIS → payload (with XML)",
        kind: Kind::Ris,
        args: |input, _| {
            let mut a = s(&[
                "payload",
                "--prefix",
                "10.5072",
                "--event",
                "publish",
                "--url-template",
                "https://repo.example.org/{index}",
                "--xml",
                "-q",
            ]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "BibTeX → payload",
        kind: Kind::Bibtex,
        args: |input, _| {
            let mut a = s(&[
                "payload",
                "--prefix",
                "10.5072",
                "--event",
                "publish",
                "--url-template",
                "https://repo.example.org/{index}",
                "-q",
            ]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "CSL → DataCite JSON",
        kind: Kind::Csl,
        args: |input, _| {
            let mut a = s(&["convert", "--from", "citeproc", "--to", "datacite-json", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "Crossref JSON → DataCite JSON",
        kind: Kind::CrossrefJson,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite XML → DataCite JSON",
        kind: Kind::DataciteXml,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "  same, --no-validate",
        kind: Kind::DataciteXml,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q", "--no-validate"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "RIS → DataCite JSON",
        kind: Kind::Ris,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "  same, --no-validate",
        kind: Kind::Ris,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q", "--no-validate"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite XML validate",
        kind: Kind::DataciteXml,
        args: |input, _| {
            let mut a = s(&["validate", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "Crossref XML → DataCite XML",
        kind: Kind::CrossrefXml,
        args: |input, scratch| {
            let mut a = s(&["convert", "--to", "datacite-xml", "-q", "-o"]);
            a.push(format!("{}/", scratch.join("crossref-out").display()));
            a.push(input.display().to_string());
            a
        },
    },
];

pub fn run(root: &Path, sizes: &[usize], only: Option<&str>) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "crosswalk-cli"])
        .current_dir(root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("release build failed".into());
    }
    let binary = root.join("target/release/crosswalk");
    // The corpus and outputs; CROSSWALK_BENCH_DIR=/dev/shm/… keeps them in memory, so that a slow
    // or busy disk is not what gets measured.
    let scratch = std::env::var_os("CROSSWALK_BENCH_DIR").map_or_else(|| root.join("target/bench"), PathBuf::from);
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("crosswalk bench: {cores} cores; release build; wall clock of the whole process; peak RSS from wait4");
    println!("corpus and outputs in {}\n", scratch.display());
    println!("{:<34} {:>9} {:>10} {:>12} {:>10}", "conversion", "records", "seconds", "records/s", "peak MB");

    for case in CASES.iter().filter(|c| only.is_none_or(|o| c.name.to_lowercase().contains(&o.to_lowercase()))) {
        for &count in sizes {
            let input = corpus::write(&scratch.join("corpus"), case.kind, count).map_err(|e| e.to_string())?;
            let _ = std::fs::remove_dir_all(scratch.join("crossref-out"));
            let m = measure(Command::new(&binary).args((case.args)(&input, &scratch)))?;
            let note = if m.status == 0 { String::new() } else { format!("  (exit {})", m.status) };
            println!(
                "{:<34} {:>9} {:>10.2} {:>12.0} {:>10.1}{note}",
                case.name,
                count,
                m.seconds,
                count as f64 / m.seconds,
                m.peak_kb as f64 / 1024.0
            );
        }
    }

    // Uploading: the client's own overhead, against the fake DataCite server on loopback at an
    // unlimited rate (4 connections), a state file on the scratch directory.
    if only.is_none_or(|o| "upload".contains(&o.to_lowercase())) {
        for &count in sizes {
            let input = corpus::write(&scratch.join("corpus"), Kind::Ris, count).map_err(|e| e.to_string())?;
            let server = crosswalk_fake_datacite::FakeDataCite::start(crosswalk_fake_datacite::Options::default());
            let options = crosswalk_fake_datacite::Options::default();
            let state = scratch.join("upload-bench.db");
            for leftover in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{leftover}", state.display()));
            }
            let mut command = Command::new(&binary);
            command
                .args(["upload", "--prefix", "10.5072", "--event", "publish", "--url-template"])
                .arg("https://repo.example.org/{index}")
                .args(["--endpoint", &server.url(), "--rate", "unlimited", "--jobs", "4", "-q", "--state"])
                .arg(&state)
                .arg(&input)
                .env("DATACITE_USERNAME", &options.username)
                .env("DATACITE_PASSWORD", &options.password);
            let m = measure(&mut command)?;
            let note = if m.status == 0 { String::new() } else { format!("  (exit {})", m.status) };
            println!(
                "{:<34} {:>9} {:>10.2} {:>12.0} {:>10.1}{note}",
                "RIS → upload (fake server)",
                count,
                m.seconds,
                count as f64 / m.seconds,
                m.peak_kb as f64 / 1024.0
            );
        }
    }

    // The XSD-validation baseline: xmllint --schema over the same XML files, in chunks.
    if only.is_none_or(|o| "xmllint".contains(&o.to_lowercase()) || o.to_lowercase().contains("valid")) {
        if let Some(xsd) = official_xsd(root) {
            for &count in sizes {
                let dir =
                    corpus::write(&scratch.join("corpus"), Kind::DataciteXml, count).map_err(|e| e.to_string())?;
                let mut files: Vec<PathBuf> =
                    std::fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).collect();
                files.sort();
                // One process at a time (xmllint is single-threaded), then one per core, each over
                // its share of the files: the fair comparison for our parallel validation.
                for lanes in [1, cores] {
                    let (seconds, peak) = xmllint_over(&xsd, &files, lanes)?;
                    let label = if lanes == 1 {
                        "xmllint --schema (baseline)".to_owned()
                    } else {
                        format!("  same, {lanes} processes at once")
                    };
                    println!(
                        "{:<34} {:>9} {:>10.2} {:>12.0} {:>10.1}",
                        label,
                        count,
                        seconds,
                        count as f64 / seconds,
                        peak as f64 / 1024.0
                    );
                    if cores == 1 {
                        break;
                    }
                }
            }
        } else {
            println!("(xmllint baseline skipped: ../shared's official XSD not found)");
        }
    }

    // Startup: the mean of 50 runs of `crosswalk --version`.
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        let _ = Command::new(&binary).arg("--version").stdout(Stdio::null()).status();
    }
    println!(
        "\nstartup (crosswalk --version, mean of {runs}): {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
    );
    Ok(())
}

/// Runs `xmllint --schema` over `files` split into `lanes` shares validated at the same time,
/// each share in chunks of 2000 files per process; wall-clock seconds and the highest peak RSS.
fn xmllint_over(xsd: &Path, files: &[PathBuf], lanes: usize) -> Result<(f64, i64), String> {
    let share = files.len().div_ceil(lanes.max(1)).max(1);
    let start = Instant::now();
    let peaks = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(share)
            .map(|mine| {
                scope.spawn(move || -> Result<i64, String> {
                    let mut peak = 0;
                    for chunk in mine.chunks(2000) {
                        let m = measure(
                            Command::new("xmllint").arg("--noout").arg("--nonet").arg("--schema").arg(xsd).args(chunk),
                        )?;
                        peak = peak.max(m.peak_kb);
                    }
                    Ok(peak)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("xmllint lane panicked".into())))
            .collect::<Vec<_>>()
    });
    let seconds = start.elapsed().as_secs_f64();
    let mut peak = 0;
    for p in peaks {
        peak = peak.max(p?);
    }
    Ok((seconds, peak))
}

fn official_xsd(root: &Path) -> Option<PathBuf> {
    let shared =
        std::env::var_os("CROSSWALK_SHARED").map(PathBuf::from).or_else(|| root.parent().map(|p| p.join("shared")))?;
    let xsd = shared.join("reference/datacite-schema/kernel-4.7/metadata.xsd");
    xsd.is_file().then_some(xsd)
}

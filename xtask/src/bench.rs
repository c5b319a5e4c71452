//! `cargo xtask bench`: whole-process benchmarks over the synthetic corpus.
//!
//! Each conversion runs the release binary as a user would, once per corpus size (a validated
//! one three times or more, alternating with the same run under `--no-validate`, each giving
//! its fastest); we report records/s (wall clock) and the process's peak resident memory (from
//! `wait4`'s rusage).
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
        name: "DataCite API JSONL → DataCite XML",
        kind: Kind::DataciteApiJsonl,
        args: |input, scratch| {
            let mut a = s(&["convert", "--to", "datacite-xml", "-q", "-o"]);
            a.push(format!("{}/", scratch.join("crossref-out").display()));
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite API JSONL → DataCite JSON",
        kind: Kind::DataciteApiJsonl,
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
        name: "RIS → DataCite JSON",
        kind: Kind::Ris,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
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
        name: "DataCite XML → citation (APA)",
        kind: Kind::DataciteXml,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "citation", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite XML → JATS ref-list",
        kind: Kind::DataciteXml,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "jats", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite XML → CFF files",
        kind: Kind::DataciteXml,
        args: |input, scratch| {
            let mut a = s(&["convert", "--to", "cff", "-q", "-o"]);
            a.push(format!("{}/", scratch.join("cff-out").display()));
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "DataCite API JSONL → Crossref deposits",
        kind: Kind::DataciteApiJsonl,
        args: |input, scratch| {
            let mut a = s(&["convert", "--to", "crossref-xml", "-q", "--timestamp", "20240101000000", "-o"]);
            a.push(format!("{}/", scratch.join("deposit-out").display()));
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "InvenioRDM JSON → DataCite JSON",
        kind: Kind::Invenio,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
            a.push(input.display().to_string());
            a
        },
    },
    Case {
        name: "CFF files → DataCite JSON",
        kind: Kind::Cff,
        args: |input, _| {
            let mut a = s(&["convert", "--to", "datacite-json", "-q"]);
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
    let binary = release_binary(root)?;
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
            let input = match case.kind {
                Kind::Invenio | Kind::Cff => derived(&binary, &scratch.join("corpus"), case.kind, count)?,
                kind => corpus::write(&scratch.join("corpus"), kind, count).map_err(|e| e.to_string())?,
            };
            for out in ["crossref-out", "cff-out", "deposit-out"] {
                let _ = std::fs::remove_dir_all(scratch.join(out));
            }
            let args = (case.args)(&input, &scratch);
            // One run untimed first: the first run over a freshly written corpus was up to half
            // again slower than the next at 10,000 records (pages not yet settled), which would
            // be charged to whichever row came first.
            if count <= 20_000 {
                measure(Command::new(&binary).args(&args))?;
                for out in ["crossref-out", "cff-out", "deposit-out"] {
                    let _ = std::fs::remove_dir_all(scratch.join(out));
                }
            }
            if !validates(&args) {
                let m = measure(Command::new(&binary).args(&args))?;
                row(case.name, count, &m);
                continue;
            }
            // What validation costs: the same run without it, and with libxml2 judging every
            // document (`--validate xsd`) instead of taking the writer's proof. The machine's
            // speed drifts by up to 2× within minutes, so the validated run and the one without
            // validation alternate, PAIR_ROUNDS times or more for short runs (until the pairs
            // took PAIR_SECONDS, at most MAX_PAIR_ROUNDS: a run of a tenth of a second is
            // mostly noise), and each gives its fastest.
            let with = |flags: &[&str]| {
                let mut changed = args.clone();
                changed.splice(1..1, flags.iter().map(|f| (*f).to_owned()));
                changed
            };
            let unvalidated = with(&["--no-validate"]);
            let mut best: [Option<Measured>; 2] = [None, None];
            let mut spent = 0.0;
            for round in 1..=MAX_PAIR_ROUNDS {
                if round > PAIR_ROUNDS && spent >= PAIR_SECONDS {
                    break;
                }
                for (slot, run) in best.iter_mut().zip([&args, &unvalidated]) {
                    let _ = std::fs::remove_dir_all(scratch.join("crossref-out"));
                    let m = measure(Command::new(&binary).args(run))?;
                    spent += m.seconds;
                    *slot = Some(match slot.take() {
                        Some(b) if b.seconds <= m.seconds => Measured { peak_kb: b.peak_kb.max(m.peak_kb), ..b },
                        Some(b) => Measured { peak_kb: b.peak_kb.max(m.peak_kb), ..m },
                        None => m,
                    });
                }
            }
            let [Some(validated), Some(unvalidated)] = best else { continue };
            row(case.name, count, &validated);
            row(
                &format!("  same, --no-validate (×{:.2})", validated.seconds / unvalidated.seconds),
                count,
                &unvalidated,
            );
            let _ = std::fs::remove_dir_all(scratch.join("crossref-out"));
            let xsd = measure(Command::new(&binary).args(with(&["--validate", "xsd"])))?;
            row("  same, --validate xsd", count, &xsd);
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

    // Memory with a large state: 10,000 records uploaded with 1,000,000 others already in the
    // state file (a catalog's earlier runs), which must stay as flat as with an empty state.
    // Only when asked for (`--only upload-state`): filling the state takes a while.
    if only.is_some_and(|o| o.eq_ignore_ascii_case("upload-state")) {
        upload_with_large_state(&binary, &scratch, 1_000_000, 10_000)?;
    }

    // The XSD-validation baseline: xmllint --schema over the same XML files, in chunks.
    if only.is_none_or(|o| "xmllint".contains(&o.to_lowercase()) || o.to_lowercase().contains("valid")) {
        let xmllint = Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
        if !xmllint {
            println!("(xmllint baseline skipped: xmllint is not installed; it is in Debian's libxml2-utils)");
        } else if let Some(xsd) = official_xsd(root) {
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

    if only.is_none_or(|o| "python".contains(&o.to_lowercase()) || "spark".contains(&o.to_lowercase())) {
        python(root, &binary, &scratch, sizes, cores, only)?;
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

/// What the Python benchmarks run, one mode per process (written to the scratch directory).
const PYTHON_BENCH: &str = r#"
import gzip, json, sys
import crosswalk

mode, source = sys.argv[1], sys.argv[2]
if mode == "stream":
    # Streaming: the binding's lazy reader, each record written as one JSON line.
    with open("/dev/null", "w") as out:
        for record in crosswalk.stream(source):
            out.write(crosswalk.write(record, sys.argv[3], line=True))
            out.write("\n")
elif mode == "attributes":
    # Streaming, each record's attributes dict built (the cost of crossing into Python objects).
    for record in crosswalk.stream(source):
        record.attributes
elif mode == "per-record":
    # One read and one write call per record: the per-call overhead.
    with open(source, "rb") as lines, open("/dev/null", "w") as out:
        for line in lines:
            for record in crosswalk.read(line, format="datacite-json"):
                out.write(crosswalk.write(record, sys.argv[3], line=True))
                out.write("\n")
elif mode == "parts":
    # The public data file's layout: REST API records, JSON Lines, gzip parts.
    target, parts = sys.argv[3], int(sys.argv[4])
    lines = open(source, encoding="utf-8").read().splitlines()
    size = -(-len(lines) // parts)
    for p in range(parts):
        chunk = [json.dumps({"id": json.loads(l)["doi"], "type": "dois", "attributes": json.loads(l)}, ensure_ascii=False)
                 for l in lines[p * size:(p + 1) * size]]
        with gzip.open(f"{target}/part-{p:04d}.jsonl.gz", "wt", encoding="utf-8") as out:
            out.write("\n".join(chunk) + "\n")
"#;

/// True when a run validates its output: a conversion to a DataCite format, or payloads.
fn validates(args: &[String]) -> bool {
    let to = args.iter().position(|a| a == "--to").and_then(|i| args.get(i + 1));
    args.first().is_some_and(|c| c == "payload") || to.is_some_and(|t| t.starts_with("datacite-"))
}

/// `cargo xtask bench --instructions`: each validated conversion over `count` records, counted
/// in instructions by callgrind (one worker), with and without validation; the ratio is what
/// validation costs, whatever the machine's speed does meanwhile.
pub fn instructions(root: &Path, count: usize, only: Option<&str>) -> Result<(), String> {
    if Command::new("valgrind").arg("--version").output().is_err() {
        return Err("--instructions needs valgrind (apt-get install valgrind)".into());
    }
    let binary = release_binary(root)?;
    let scratch = std::env::var_os("CROSSWALK_BENCH_DIR").map_or_else(|| root.join("target/bench"), PathBuf::from);
    let counts = scratch.join("callgrind");
    std::fs::create_dir_all(&counts).map_err(|e| e.to_string())?;
    println!("crosswalk bench --instructions: {count} records, --jobs 1, instructions counted by callgrind\n");
    println!("{:<34} {:>16} {:>16} {:>8}", "conversion", "validated", "--no-validate", "ratio");
    for case in CASES.iter().filter(|c| only.is_none_or(|o| c.name.to_lowercase().contains(&o.to_lowercase()))) {
        let input = match case.kind {
            Kind::Invenio | Kind::Cff => derived(&binary, &scratch.join("corpus"), case.kind, count)?,
            kind => corpus::write(&scratch.join("corpus"), kind, count).map_err(|e| e.to_string())?,
        };
        let args = (case.args)(&input, &scratch);
        if !validates(&args) {
            continue;
        }
        let mut counted = [0u64; 2];
        for (slot, flags) in counted.iter_mut().zip([&[][..], &["--no-validate"][..]]) {
            let mut run = args.clone();
            run.splice(1..1, flags.iter().map(|f| (*f).to_owned()));
            run.push("--jobs".into());
            run.push("1".into());
            let _ = std::fs::remove_dir_all(scratch.join("crossref-out"));
            let out = counts.join("callgrind.out");
            let status = Command::new("valgrind")
                .arg("--tool=callgrind")
                .arg(format!("--callgrind-out-file={}", out.display()))
                .arg(&binary)
                .args(&run)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() && status.code() != Some(1) {
                return Err(format!("{} under callgrind: {status}", case.name));
            }
            let text = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
            *slot = text
                .lines()
                .find_map(|l| l.strip_prefix("summary: ").or_else(|| l.strip_prefix("totals: ")))
                .and_then(|n| n.trim().parse().ok())
                .ok_or_else(|| format!("no instruction count in {}", out.display()))?;
        }
        let [validated, unvalidated] = counted;
        println!(
            "{:<34} {:>16} {:>16} {:>7.2}×",
            case.name,
            validated,
            unvalidated,
            validated as f64 / unvalidated.max(1) as f64
        );
    }
    Ok(())
}

/// Builds the release binary; its path.
fn release_binary(root: &Path) -> Result<PathBuf, String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "crosswalk-cli"])
        .current_dir(root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("release build failed".into());
    }
    Ok(root.join("target/release/crosswalk"))
}

/// How often (at least) a validated conversion and the same without validation each run,
/// alternating; each row gives its fastest run (and the highest peak memory of its runs).
const PAIR_ROUNDS: usize = 3;
/// Short runs alternate until their pairs took this many seconds...
const PAIR_SECONDS: f64 = 4.0;
/// ...or this many rounds.
const MAX_PAIR_ROUNDS: usize = 12;

/// Prints one row of the table.
fn row(name: &str, count: usize, m: &Measured) {
    let note = if m.status == 0 { String::new() } else { format!("  (exit {})", m.status) };
    println!(
        "{:<34} {:>9} {:>10.2} {:>12.0} {:>10.1}{note}",
        name,
        count,
        m.seconds,
        count as f64 / m.seconds,
        m.peak_kb as f64 / 1024.0
    );
}

/// The Python binding against the command line on the same JSON Lines corpus (the synthetic
/// DataCite records as REST attributes), and the Spark example in local mode against
/// `convert --jobs N` on 20,000 records in 8 gzip parts. Needs the venv of `cargo xtask test`;
/// builds the release wheel into it.
fn python(
    root: &Path,
    binary: &Path,
    scratch: &Path,
    sizes: &[usize],
    cores: usize,
    only: Option<&str>,
) -> Result<(), String> {
    let venv = root.join("target/python-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        println!("(Python benchmarks skipped: no target/python-venv; `cargo xtask test` makes it)");
        return Ok(());
    }
    let wheels = root.join("target/python-wheels-release");
    let _ = std::fs::remove_dir_all(&wheels);
    let status = Command::new(venv.join("bin/maturin"))
        .args(["build", "--release", "--locked", "--quiet", "--auditwheel", "skip", "-m"])
        .arg(root.join("crates/crosswalk-python/Cargo.toml"))
        .arg("-o")
        .arg(&wheels)
        .status()
        .map_err(|e| format!("maturin: {e}"))?;
    if !status.success() {
        return Err("maturin could not build the release wheel".into());
    }
    let wheel =
        std::fs::read_dir(&wheels).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).next().ok_or("no wheel")?;
    let status = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps"])
        .arg(&wheel)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("pip could not install the release wheel".into());
    }
    let script = scratch.join("python-bench.py");
    std::fs::write(&script, PYTHON_BENCH).map_err(|e| e.to_string())?;
    let corpus_dir = scratch.join("corpus");

    // The same corpus for both: JSON Lines of REST attributes, made by the CLI from the XML corpus.
    let jsonl = |count: usize| -> Result<PathBuf, String> {
        let path = corpus_dir.join(format!("datacite-jsonl-{count}.jsonl"));
        if !path.exists() {
            let xml = corpus::write(&corpus_dir, Kind::DataciteXml, count).map_err(|e| e.to_string())?;
            let status = Command::new(binary)
                .args(["convert", "--to", "datacite-json", "--no-validate", "-q", "-o"])
                .arg(&path)
                .arg(&xml)
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() {
                return Err("could not write the JSON Lines corpus".into());
            }
        }
        Ok(path)
    };

    if only.is_none_or(|o| "python".contains(&o.to_lowercase())) {
        println!();
        for &count in sizes {
            let input = jsonl(count)?;
            // The CLI refuses several XML documents to one output: JSON and RIS are the
            // multi-record formats; RIS writes every property the corpus has, as XML does.
            let cli_to = |to: &str, jobs: &str| {
                measure(
                    Command::new(binary)
                        .args(["convert", "--from", "datacite-json", "--to", to, "--no-validate", "-q"])
                        .args(["--jobs", jobs, "-o", "/dev/null"])
                        .arg(&input),
                )
            };
            for to in ["datacite-json", "ris"] {
                row(&format!("CLI JSONL → {to}, --jobs 1"), count, &cli_to(to, "1")?);
                row(&format!("  same, --jobs {cores}"), count, &cli_to(to, &cores.to_string())?);
                let py = |mode: &str| measure(Command::new(&python).arg(&script).arg(mode).arg(&input).arg(to));
                row("  Python stream + write", count, &py("stream")?);
                row("  Python read + write per record", count, &py("per-record")?);
            }
            let attributes = measure(Command::new(&python).arg(&script).arg("attributes").arg(&input))?;
            row("Python stream, .attributes dicts", count, &attributes);
        }
    }

    if only.is_none_or(|o| "spark".contains(&o.to_lowercase())) {
        let spark_submit = venv
            .join("lib")
            .read_dir()
            .ok()
            .and_then(|mut d| d.next())
            .and_then(Result::ok)
            .map(|python_lib| python_lib.path().join("site-packages/pyspark/bin/spark-submit"));
        let Some(spark_submit) = spark_submit.filter(|p| p.exists()) else {
            println!("(Spark benchmark skipped: pyspark is not in target/python-venv; `cargo xtask test` installs it)");
            return Ok(());
        };
        let count = 20_000;
        let parts = corpus_dir.join("public-data-file-20000");
        if !parts.join("part-0007.jsonl.gz").exists() {
            std::fs::create_dir_all(&parts).map_err(|e| e.to_string())?;
            let status = Command::new(&python)
                .arg(&script)
                .arg("parts")
                .arg(jsonl(count)?)
                .arg(&parts)
                .arg("8")
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() {
                return Err("could not write the gzip parts".into());
            }
        }
        println!();
        for jobs in ["1".to_owned(), cores.to_string()] {
            let out = scratch.join("spark-cli-out.jsonl");
            let m = measure(
                Command::new(binary)
                    .args(["convert", "--to", "datacite-json", "--no-validate", "-q", "--jobs", &jobs, "-o"])
                    .arg(&out)
                    .arg(&parts),
            )?;
            row(&format!("CLI 8 gzip parts → JSON, --jobs {jobs}"), count, &m);
        }
        let out = scratch.join("spark-out");
        let _ = std::fs::remove_dir_all(&out);
        let example = root.join("examples/spark/convert_public_data_file.py");
        let m = measure(
            Command::new(&spark_submit)
                .args(["--master", &format!("local[{cores}]"), "--conf", "spark.ui.enabled=false"])
                .arg(&example)
                .arg("--input")
                .arg(&parts)
                .args(["--to", "datacite-json", "--output"])
                .arg(&out)
                .env("PYSPARK_PYTHON", &python)
                .env("PYSPARK_DRIVER_PYTHON", &python),
        )?;
        row(&format!("Spark local[{cores}], same parts"), count, &m);
        println!(
            "  (Spark's time includes starting the JVM and the session, and three passes: records, failures, report)"
        );
    }
    Ok(())
}

/// Uploads `count` records to the fake server with `existing` other records already in the state
/// (filled through the client's state API), printing time and peak memory.
fn upload_with_large_state(binary: &Path, scratch: &Path, existing: u64, count: usize) -> Result<(), String> {
    use crosswalk_client::state::{Row, State, Status};
    let input = corpus::write(&scratch.join("corpus"), Kind::Ris, count).map_err(|e| e.to_string())?;
    let server = crosswalk_fake_datacite::FakeDataCite::start(crosswalk_fake_datacite::Options::default());
    let options = crosswalk_fake_datacite::Options::default();
    let path = scratch.join("upload-large-state.db");
    for leftover in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", path.display()));
    }
    let state = State::open(&path, &server.url(), &options.username).map_err(|e| e.to_string())?;
    let filling = Instant::now();
    for n in 0..existing {
        let doi = format!("10.5072/earlier.{n:07}");
        let row = Row {
            identity: crosswalk_client::state::identity("earlier.ris", n + 1, Some(&doi)),
            input: "earlier.ris".into(),
            record: n + 1,
            key: Some(doi.clone()),
            doi: Some(doi),
            url: Some(format!("https://repo.example.org/earlier/{n}")),
            status: Status::Created,
            sent_hash: Some(format!("{n:032x}")),
            registered_hash: Some(format!("{n:032x}")),
            attempts: 1,
            http_status: Some(201),
            error: None,
            server_state: Some("findable".into()),
        };
        state.put(&row).map_err(|e| e.to_string())?;
    }
    drop(state);
    eprintln!("state filled with {existing} records in {:.0} s", filling.elapsed().as_secs_f64());
    let mut command = Command::new(binary);
    command
        .args(["upload", "--prefix", "10.5072", "--event", "publish", "--url-template"])
        .arg("https://repo.example.org/{index}")
        .args(["--endpoint", &server.url(), "--rate", "unlimited", "--jobs", "4", "-q", "--state"])
        .arg(&path)
        .arg(&input)
        .env("DATACITE_USERNAME", &options.username)
        .env("DATACITE_PASSWORD", &options.password);
    let m = measure(&mut command)?;
    let note = if m.status == 0 { String::new() } else { format!("  (exit {})", m.status) };
    println!(
        "{:<34} {:>9} {:>10.2} {:>12.0} {:>10.1}{note}",
        format!("  same, {existing} in the state"),
        count,
        m.seconds,
        count as f64 / m.seconds,
        m.peak_kb as f64 / 1024.0
    );
    Ok(())
}

/// The corpus of a format the generator does not write: records of another kind converted by the
/// release binary (InvenioRDM JSON from the API records, CFF files from the DataCite XML files),
/// made once and kept like the others.
fn derived(binary: &Path, dir: &Path, kind: Kind, count: usize) -> Result<PathBuf, String> {
    let (from, path) = match kind {
        Kind::Invenio => (Kind::DataciteApiJsonl, dir.join(format!("invenio-rdm-{count}.json"))),
        _ => (Kind::DataciteXml, dir.join(format!("cff-{count}"))),
    };
    // Made once (delete it to make it again), like the generated corpora.
    if path.exists() {
        return Ok(path);
    }
    let source = corpus::write(dir, from, count).map_err(|e| e.to_string())?;
    let output = if kind == Kind::Cff { format!("{}/", path.display()) } else { path.display().to_string() };
    let format = if kind == Kind::Cff { "cff" } else { "invenio-rdm" };
    let status = Command::new(binary)
        .args(["convert", "--to", format, "--no-validate", "-q", "-o", &output])
        .arg(&source)
        .status()
        .map_err(|e| e.to_string())?;
    // Exit 1 (some records not converted) still leaves a corpus of the others.
    if status.code().is_none_or(|code| code > 1) || !path.exists() {
        return Err(format!("converting {} to {format} for the corpus failed ({status})", source.display()));
    }
    Ok(path)
}

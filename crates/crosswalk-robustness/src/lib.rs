//! Test helpers for Crosswalk's robustness tests (the tests themselves are in `tests/`):
//!
//! - [`on_worker_stack`] runs hostile input in a child thread with a worker thread's stack, so
//!   that input needing a deeper stack than production threads have fails the test (a stack
//!   overflow aborts the binary) rather than passing on the main thread's larger stack;
//! - [`CountingAllocator`] and [`allocations`] count what a closure allocates on its thread
//!   (allocations, bytes, the most held at once), to bound what an input may cost with
//!   deterministic counts; [`c_malloc`], [`c_realloc`] and [`c_free`] let libxml2 allocate through
//!   it too;
//! - [`findings_differ`] compares the findings a writer predicts for its own document with
//!   libxml2's (the differential tests of the DataCite XML writer's proof);
//! - [`MalformedCase`] and [`load_malformed_index`] read `testdata/malformed/expected.txt`, the
//!   index of the malformed-input corpus: for each input, the diagnostic code and location it
//!   must produce.
//!
//! No test depends on wall-clock time: work is bounded by counts, and a hang is left to the CI
//! job's overall timeout. Cases too large for a debug build (100 MB values) are `#[ignore]`d tests
//! that `cargo xtask hostile` runs in a release build.
//!
//! Nothing here is used by a library crate (the reader and validator crates' tests use the counting
//! allocator as a dev-dependency); the crate is `publish = false`.

mod counting;

use std::any::Any;
use std::path::{Path, PathBuf};

use crosswalk_model::{Diagnostic, Record};

pub use counting::{allocations, assert_linear, c_free, c_malloc, c_realloc, Allocations, CountingAllocator};

/// How the findings a writer predicted for its own document differ from a validator's, compared
/// by severity, code, message and element path (a prediction has no line or column): `None`
/// when they are the same findings in the same order.
///
/// ```
/// use crosswalk_model::{Diagnostic, Location};
/// use crosswalk_robustness::findings_differ;
///
/// let predicted = [Diagnostic::error("xsd.missing-element", "…").at(Location::path("/resource"))];
/// let found = [Diagnostic::error("xsd.missing-element", "…").at(Location::at(2, 1).with_path("/resource"))];
/// assert_eq!(findings_differ(&predicted, &found), None);
/// assert!(findings_differ(&predicted, &[]).is_some());
/// ```
pub fn findings_differ(predicted: &[Diagnostic], found: &[Diagnostic]) -> Option<String> {
    let key = |d: &Diagnostic| format!("{:?} {} {:?}: {}", d.severity, d.code, d.location.path, d.message);
    let predicted: Vec<String> = predicted.iter().map(key).collect();
    let found: Vec<String> = found.iter().map(key).collect();
    (predicted != found).then(|| format!("predicted {predicted:#?}\nlibxml2 found {found:#?}"))
}

/// The stack a batch worker or a test thread gets by default (2 MiB): hostile input must not need
/// more than the threads that read it in production have.
pub const WORKER_STACK: usize = 2 * 1024 * 1024;

/// Runs `work` in a child thread named after `label` with a [`WORKER_STACK`] stack, waits for it
/// and returns its result. A panic in the thread fails the caller with `label` and the thread's
/// message; a stack overflow aborts the test binary (which fails the run). There is no time
/// limit: a hang is the CI job's overall timeout.
pub fn on_worker_stack<T, F>(label: &str, work: F) -> T
where
    T: Send,
    F: FnOnce() -> T + Send,
{
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name(format!("hostile: {label}"))
            .stack_size(WORKER_STACK)
            .spawn_scoped(scope, work);
        let worker = spawned.unwrap_or_else(|e| panic!("{label}: cannot start a thread: {e}"));
        worker
            .join()
            .unwrap_or_else(|payload| panic!("{label}: the reading thread panicked: {}", panic_message(&*payload)))
    })
}

/// The message of a panic's payload (`panic!` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The diagnostics of `records` with `code`, as `record#index code location` lines, for messages.
pub fn describe(records: &[Record]) -> String {
    let mut out = String::new();
    for (i, record) in records.iter().enumerate() {
        for d in &record.diagnostics {
            out.push_str(&format!("  record {i}: {d}\n"));
        }
        if record.diagnostics.is_empty() {
            out.push_str(&format!("  record {i}: (no diagnostics)\n"));
        }
    }
    if records.is_empty() {
        out.push_str("  (no records)\n");
    }
    out
}

/// One expectation of the malformed corpus: an input file must produce a diagnostic with `code`
/// (in record `record`, or in any record), at `location` when one is given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedCase {
    /// The input, relative to `testdata/malformed/`; its first directory names the format.
    pub file: String,
    /// The line of the index, for messages.
    pub index_line: usize,
    /// What is expected.
    pub expect: Expect,
    /// The finding (`F3`) that keeps this expectation from holding yet, if any: such lines state
    /// what should happen and are checked apart.
    pub finding: Option<String>,
}

/// What an index line expects of its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A diagnostic with this code (in record `record`, or in any record when `None`), at this
    /// line, column and path when given.
    Diagnostic {
        /// 0-based record index, or `None` for any record.
        record: Option<usize>,
        /// The diagnostic code.
        code: String,
        /// Expected line, if any.
        line: Option<u32>,
        /// Expected column, if any.
        column: Option<u32>,
        /// Expected path (XML element path or JSON pointer), if any.
        path: Option<String>,
    },
    /// Exactly this many records.
    Records(usize),
}

impl MalformedCase {
    /// The format directory the input is in (`ris`, `datacite-xml`, …).
    pub fn format_name(&self) -> &str {
        self.file.split('/').next().unwrap_or_default()
    }

    /// Checks `records` against the expectation; `Err` says what was expected and what came.
    pub fn check(&self, records: &[Record]) -> Result<(), String> {
        match &self.expect {
            Expect::Records(n) if records.len() == *n => Ok(()),
            Expect::Records(n) => Err(format!("expected {n} record(s), got {}:\n{}", records.len(), describe(records))),
            Expect::Diagnostic { record, code, line, column, path } => {
                let candidates: Vec<&Diagnostic> = records
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| record.is_none_or(|r| r == *i))
                    .flat_map(|(_, r)| &r.diagnostics)
                    .collect();
                let matches = |d: &&Diagnostic| {
                    d.code == code.as_str()
                        && line.is_none_or(|l| d.location.line == Some(l))
                        && column.is_none_or(|c| d.location.column == Some(c))
                        && path.as_deref().is_none_or(|p| d.location.path.as_deref() == Some(p))
                };
                if candidates.iter().any(matches) {
                    Ok(())
                } else {
                    Err(format!(
                        "expected {code} at {}{}{} in {}; the reader said:\n{}",
                        line.map_or_else(|| "-".to_owned(), |l| l.to_string()),
                        column.map_or_else(String::new, |c| format!(":{c}")),
                        path.as_deref().map_or_else(String::new, |p| format!(" {p}")),
                        record.map_or_else(|| "any record".to_owned(), |r| format!("record {r}")),
                        describe(records)
                    ))
                }
            }
        }
    }
}

/// The directory of the malformed corpus.
pub fn malformed_dir() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.pop();
    dir.pop();
    dir.join("testdata").join("malformed")
}

/// Parses the index (`expected.txt`): one expectation per line, `#` comments and blank lines
/// skipped. A line is
///
/// ```text
/// <file> [#<record>] <code> [<line>:<column>] [<path>] [[F<n>]]
/// <file> records <count> [[F<n>]]
/// ```
///
/// A trailing `[F3]` marks an expectation that an open finding keeps from holding yet.
///
/// ```
/// use crosswalk_robustness::{parse_malformed_index, Expect};
///
/// let cases = parse_malformed_index("ris/x.ris #1 ris.missing-er 7:1\nris/x.ris records 2 [F3]\n").unwrap();
/// assert_eq!(cases[0].format_name(), "ris");
/// assert!(matches!(&cases[0].expect, Expect::Diagnostic { record: Some(1), line: Some(7), .. }));
/// assert_eq!(cases[1].expect, Expect::Records(2));
/// assert_eq!(cases[1].finding.as_deref(), Some("F3"));
/// ```
pub fn parse_malformed_index(text: &str) -> Result<Vec<MalformedCase>, String> {
    let mut cases = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split_once(" # ").map_or(raw, |(before, _)| before).trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let index_line = n + 1;
        let (line, finding) = match line.rsplit_once(' ') {
            Some((before, tag)) if tag.starts_with("[F") && tag.ends_with(']') => {
                (before.trim_end(), tag.get(1..tag.len() - 1).map(str::to_owned))
            }
            _ => (line, None),
        };
        let mut words = line.split_whitespace();
        let file = words.next().ok_or_else(|| format!("line {index_line}: no file"))?.to_owned();
        let mut word = words.next().ok_or_else(|| format!("line {index_line}: no expectation"))?;
        if word == "records" {
            let count = words.next().and_then(|w| w.parse().ok());
            let count = count.ok_or_else(|| format!("line {index_line}: `records` needs a count"))?;
            cases.push(MalformedCase { file, index_line, expect: Expect::Records(count), finding });
            continue;
        }
        let mut record = None;
        if let Some(number) = word.strip_prefix('#') {
            record = Some(number.parse().map_err(|e| format!("line {index_line}: record {number:?}: {e}"))?);
            word = words.next().ok_or_else(|| format!("line {index_line}: no code"))?;
        }
        let code = word.to_owned();
        let (mut line_no, mut column, mut path) = (None, None, None);
        for word in words {
            if let Some((l, c)) = word.split_once(':').filter(|(l, _)| l.chars().all(|ch| ch.is_ascii_digit())) {
                line_no = Some(l.parse().map_err(|e| format!("line {index_line}: line {l:?}: {e}"))?);
                column = Some(c.parse().map_err(|e| format!("line {index_line}: column {c:?}: {e}"))?);
            } else if path.is_none() {
                // An XML element path or JSON pointer (`/resource/titles`), or a field name (`year`).
                path = Some(word.to_owned());
            } else {
                return Err(format!("line {index_line}: cannot read {word:?} (line:column or one path expected)"));
            }
        }
        cases.push(MalformedCase {
            file,
            index_line,
            expect: Expect::Diagnostic { record, code, line: line_no, column, path },
            finding,
        });
    }
    Ok(cases)
}

/// Reads and parses `testdata/malformed/expected.txt`.
pub fn load_malformed_index() -> Result<Vec<MalformedCase>, String> {
    let path = malformed_dir().join("expected.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_malformed_index(&text)
}

/// Every input file of the malformed corpus, relative to its directory, sorted.
pub fn malformed_files() -> Vec<String> {
    let root = malformed_dir();
    // The files at the top are the index and its notes; the inputs are in subdirectories.
    files_under(&root).iter().filter(|path| path.parent() != Some(root.as_path())).map(|p| relative(&root, p)).collect()
}

/// Every file under `dir`, recursively, in a stable (sorted) order; a directory that cannot be
/// read is passed over.
///
/// ```
/// let files = crosswalk_robustness::files_under(&crosswalk_robustness::malformed_dir());
/// assert!(files.windows(2).all(|pair| pair[0] < pair[1]));
/// ```
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

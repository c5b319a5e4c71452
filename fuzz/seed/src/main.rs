//! Builds the seed corpus of every fuzz target from the project's hand-written `testdata/`.
//!
//! `cargo run --manifest-path fuzz/Cargo.toml -p crosswalk-fuzz-seed` (or `cargo xtask fuzz`,
//! which runs this first) copies the files of each target's directories under `testdata/` into
//! `fuzz/corpus/<target>/`, named after where they came from, once per distinct content. Files
//! already there (what libFuzzer added) are kept. The kept crashes in `fuzz/regressions/<target>/`
//! are not copied: the runner passes that directory to libFuzzer as a second corpus.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Each target and the directories under `testdata/` its seeds come from. A new reader target
/// adds one line here.
const SEEDS: &[(&str, &[&str])] = &[
    ("read_datacite_xml", &["datacite-xml", "examples", "malformed/datacite-xml", "snapshots/xml-write"]),
    ("read_datacite_json", &["datacite-json", "malformed/datacite-json"]),
    ("read_ris", &["ris", "malformed/ris"]),
    ("read_citeproc", &["citeproc", "malformed/citeproc"]),
    ("read_crossref_xml", &["crossref", "malformed/crossref-xml"]),
    ("read_dublin_core", &["dublin-core", "malformed/dublin-core"]),
    ("read_oai_pmh", &["oai-pmh", "malformed/oai-pmh"]),
    ("read_cff", &["cff", "malformed/cff"]),
    ("read_invenio", &["invenio-rdm", "malformed/invenio-rdm"]),
    ("read_crossref_json", &["crossref-json", "crossref-json/pair", "malformed/crossref-json"]),
    ("read_bibtex", &["bibtex", "malformed/bibtex"]),
    ("read_schema_org", &["schema-org", "malformed/schema-org"]),
    ("read_codemeta", &["codemeta", "malformed/codemeta"]),
    ("validate", &["datacite-xml", "examples", "malformed/datacite-xml", "snapshots/xml-write"]),
    ("detect", ALL),
    ("end_to_end", ALL),
];

/// Every input directory (what detection and the whole conversion start from).
const ALL: &[&str] = &[
    "datacite-xml",
    "examples",
    "datacite-json",
    "ris",
    "citeproc",
    "crossref",
    "dublin-core",
    "oai-pmh",
    "crossref-json",
    "bibtex",
    "schema-org",
    "codemeta",
    "cff",
    "invenio-rdm",
    "malformed",
];

/// Seeds larger than this are left out: libFuzzer mutates small inputs faster.
const MAX_SEED: u64 = 64 * 1024;

fn main() -> ExitCode {
    let seed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fuzz = seed_dir.parent().map(Path::to_path_buf).unwrap_or(seed_dir);
    let testdata = fuzz.parent().map_or_else(|| PathBuf::from("testdata"), |root| root.join("testdata"));
    let only: Option<String> = std::env::args().nth(1);
    let mut total = 0;
    for (target, dirs) in SEEDS {
        if only.as_deref().is_some_and(|o| o != *target) {
            continue;
        }
        let out = fuzz.join("corpus").join(target);
        if let Err(e) = fs::create_dir_all(&out) {
            eprintln!("seed: cannot create {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        let mut seen: HashSet<u64> = HashSet::new();
        let mut copied = 0;
        for dir in *dirs {
            for file in files_under(&testdata.join(dir)) {
                let Ok(bytes) = fs::read(&file) else { continue };
                if bytes.len() as u64 > MAX_SEED || !seen.insert(fnv(&bytes)) {
                    continue;
                }
                let relative = file.strip_prefix(&testdata).unwrap_or(&file);
                let name = format!("seed-{}", relative.to_string_lossy().replace(['/', '\\'], "__"));
                if fs::write(out.join(name), &bytes).is_ok() {
                    copied += 1;
                }
            }
        }
        println!("seed: {target}: {copied} seeds in {}", out.display());
        total += copied;
    }
    if total == 0 {
        eprintln!("seed: no seeds written (is testdata/ beside fuzz/?)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// The files under `dir`, recursively, sorted; the expectation index of the malformed corpus
/// is not an input.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_none_or(|e| e != "expected") && !path.ends_with("expected.txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// FNV-1a, to copy each distinct content once.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

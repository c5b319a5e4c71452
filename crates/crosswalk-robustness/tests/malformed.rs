//! The malformed-input corpus (`testdata/malformed/<format>/`): truncated files, wrong encodings,
//! broken syntax in each construct, empty files and records, values of the wrong type.
//!
//! `testdata/malformed/expected.txt` gives, for each input, the diagnostic code and location it
//! must produce (see `crosswalk_robustness::parse_malformed_index`). Beyond those, every input
//! must read (on a worker's stack), give at least one record when it is not empty, number its records
//! in order, use only documented codes, and read the same through a tiny buffer.
//!
//! To see what the readers say about every input (when adding one):
//! `cargo test -p crosswalk-robustness --test malformed -- --ignored --nocapture`.

use std::collections::{BTreeSet, HashSet};
use std::io::BufReader;

use crosswalk::{Format, Record};
use crosswalk_robustness::{describe, load_malformed_index, malformed_dir, malformed_files, on_worker_stack};

/// The format of a corpus directory.
fn format_of(directory: &str) -> Format {
    match directory {
        "datacite-xml" => Format::DataciteXml,
        "datacite-json" => Format::DataciteJson,
        "crossref-xml" => Format::CrossrefXml,
        other => Format::from_name(other).unwrap_or_else(|| panic!("no format for testdata/malformed/{other}/")),
    }
}

fn bytes_of(file: &str) -> Vec<u8> {
    let path = malformed_dir().join(file);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Reads a corpus file through the facade, in a thread with a worker's stack.
fn read(file: &str) -> Vec<Record> {
    let format = format_of(file.split('/').next().unwrap_or_default());
    let bytes = bytes_of(file);
    on_worker_stack(file, move || match crosswalk::read(&bytes, format) {
        Ok(records) => records,
        Err(e) => panic!("{format} cannot be read: {e}"),
    })
}

#[test]
fn every_input_is_indexed_and_every_entry_names_an_input() {
    let cases = load_malformed_index().unwrap();
    let files: BTreeSet<String> = malformed_files().into_iter().collect();
    let indexed: BTreeSet<String> = cases.iter().map(|c| c.file.clone()).collect();
    let unindexed: Vec<&String> = files.difference(&indexed).collect();
    let missing: Vec<&String> = indexed.difference(&files).collect();
    assert!(unindexed.is_empty(), "inputs without an expectation in expected.txt: {unindexed:?}");
    assert!(missing.is_empty(), "expected.txt names inputs that do not exist: {missing:?}");
    // Every format that Crosswalk reads has its part of the corpus.
    let directories: BTreeSet<&str> = files.iter().filter_map(|f| f.split('/').next()).collect();
    for format in Format::all().filter(|f| f.can_read()) {
        let covered = directories.iter().any(|d| format_of(d) == format) || format == Format::Payload;
        assert!(covered, "no malformed inputs for {format} under testdata/malformed/");
    }
}

/// Checks the index lines for which `select` is true; the failures, one per line.
fn unmet_expectations(select: impl Fn(&crosswalk_robustness::MalformedCase) -> bool) -> Vec<String> {
    let cases = load_malformed_index().unwrap();
    let mut failures = Vec::new();
    let mut cache: Vec<(String, Vec<Record>)> = Vec::new();
    for case in cases.iter().filter(|c| select(c)) {
        if !cache.iter().any(|(file, _)| *file == case.file) {
            cache.push((case.file.clone(), read(&case.file)));
        }
        let records = cache.iter().find(|(file, _)| *file == case.file).map(|(_, r)| r.as_slice()).unwrap_or(&[]);
        if let Err(message) = case.check(records) {
            failures.push(format!("expected.txt line {} ({}): {message}", case.index_line, case.file));
        }
    }
    failures
}

#[test]
fn each_input_produces_the_expected_diagnostics() {
    let failures = unmet_expectations(|case| case.finding.is_none());
    assert!(failures.is_empty(), "{} expectation(s) not met:\n\n{}", failures.len(), failures.join("\n"));
}

/// The expectations that open findings keep from holding (marked `[F<n>]` in the index): run
/// with `--include-ignored` once a fix lands, then drop the mark.
#[test]
#[ignore = "expectations of open findings (see crates/crosswalk-robustness/FINDINGS.md)"]
fn expectations_held_back_by_open_findings() {
    let failures = unmet_expectations(|case| case.finding.is_some());
    assert!(failures.is_empty(), "{} expectation(s) not met:\n\n{}", failures.len(), failures.join("\n"));
}

/// Inputs whose expectations an open finding holds back (marked in the index), with the finding.
fn held_back() -> Vec<(String, String)> {
    load_malformed_index()
        .unwrap()
        .into_iter()
        .filter_map(|case| case.finding.map(|finding| (case.file, finding)))
        .collect()
}

/// Inputs that read differently through a tiny buffer because of an open finding (none now:
/// F4 and F5 are fixed), with the finding.
const BUFFERING_FINDINGS: &[(&str, &str)] = &[];

#[test]
fn every_input_reads_under_the_reading_contract() {
    let documented: HashSet<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    let held_back = held_back();
    let mut failures = Vec::new();
    for file in malformed_files() {
        let records = read(&file);
        let bytes = bytes_of(&file);
        let excused = held_back.iter().any(|(f, _)| *f == file);
        if !bytes.is_empty() && records.is_empty() && !excused {
            failures.push(format!("{file}: no record for non-empty input"));
        }
        for (i, record) in records.iter().enumerate() {
            if record.origin.index != i {
                failures.push(format!("{file}: record {i} is numbered {}", record.origin.index));
            }
            // Every reader's last step is `Record::tidy`: nothing is left for it to do.
            let mut tidied = record.resource.clone();
            for change in crosswalk_model::tidy::tidy(&mut tidied) {
                failures.push(format!("{file}: record {i} is handed on untidy: {change}"));
            }
            for d in &record.diagnostics {
                if !documented.contains(d.code.as_ref()) {
                    failures.push(format!("{file}: undocumented code {d}"));
                }
                if d.location.line == Some(0) || d.location.column == Some(0) {
                    failures.push(format!("{file}: 0 in a 1-based position: {d}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_input_reads_the_same_through_a_tiny_buffer() {
    let mut failures = Vec::new();
    for file in malformed_files() {
        if BUFFERING_FINDINGS.iter().any(|(f, _)| *f == file) {
            continue;
        }
        let format = format_of(file.split('/').next().unwrap_or_default());
        let whole = read(&file);
        let bytes = bytes_of(&file);
        let label = file.clone();
        let buffered: Vec<Record> = on_worker_stack(&label, move || {
            crosswalk::records(BufReader::with_capacity(3, bytes.as_slice()), format)
                .map(|records| records.collect())
                .unwrap_or_default()
        });
        if whole != buffered {
            failures.push(format!(
                "{file}: whole input:\n{}  through a 3-byte buffer:\n{}",
                describe(&whole),
                describe(&buffered)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_datacite_xml_is_refused_by_the_validator_with_located_errors() {
    let documented: HashSet<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    for file in malformed_files().into_iter().filter(|f| f.starts_with("datacite-xml/")) {
        let bytes = bytes_of(&file);
        let findings = on_worker_stack(&file, move || crosswalk_validate::validate(&bytes));
        assert!(!crosswalk_validate::is_valid(&findings), "{file}: valid?\n{findings:#?}");
        for d in &findings {
            assert!(documented.contains(d.code.as_ref()), "{file}: undocumented code {d}");
        }
        // F11: an empty document's error has no position yet (its own test).
        let blank = String::from_utf8_lossy(&bytes_of(&file)).trim().is_empty();
        let first_error = findings.iter().find(|d| d.is_error());
        assert!(
            blank || first_error.is_some_and(|d| d.location.line.is_some() || d.location.path.is_some()),
            "{file}: the first error has no location: {findings:#?}"
        );
    }
}

/// Prints what the readers say about every input (for writing expected.txt); not a check.
#[test]
#[ignore = "a tool: prints every input's diagnostics"]
fn dump() {
    for file in malformed_files() {
        let records = read(&file);
        println!("== {file} ({} records)\n{}", records.len(), describe(&records));
    }
}

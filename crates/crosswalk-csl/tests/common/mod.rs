//! Helpers shared by the integration tests: rendering records for snapshots, the fixtures, and a
//! check of written items against the CSL 1.0.2 data schema.

#![allow(dead_code)]

pub mod schema;

use std::path::PathBuf;

use crosswalk_model::Record;

/// Our own CSL fixtures, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let dir = crosswalk_testkit::testdata("citeproc");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/citeproc exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Reads a fixture of ours.
pub fn read_fixture(name: &str) -> Vec<Record> {
    let bytes = std::fs::read(crosswalk_testkit::testdata("citeproc").join(name)).expect("fixture exists");
    crosswalk_csl::read(&bytes)
}

/// The record whose key is `key`.
pub fn by_key<'a>(records: &'a [Record], key: &str) -> &'a Record {
    records.iter().find(|r| r.origin.key.as_deref() == Some(key)).unwrap_or_else(|| panic!("no record {key}"))
}

/// Records as text for a snapshot: each record's origin, its resource as REST JSON and its
/// diagnostics.
pub fn render(records: &[Record]) -> String {
    let mut out = String::new();
    for record in records {
        let origin = &record.origin;
        out.push_str(&format!(
            "## record {} (key {}, line {})\n",
            origin.index,
            origin.key.as_deref().unwrap_or("-"),
            origin.line.map_or("-".to_owned(), |l| l.to_string())
        ));
        out.push_str(&serde_json::to_string_pretty(&record.resource).expect("serialises"));
        out.push('\n');
        for diagnostic in &record.diagnostics {
            out.push_str(&format!("- {diagnostic}\n"));
        }
        out.push('\n');
    }
    out
}

/// The codes of a record's diagnostics with their paths.
pub fn codes(record: &Record) -> Vec<(String, Option<String>)> {
    record.diagnostics.iter().map(|d| (d.code.to_string(), d.location.path.clone())).collect()
}

/// True when the record has a diagnostic with this code at this path.
pub fn has(record: &Record, code: &str, path: &str) -> bool {
    record.diagnostics.iter().any(|d| d.code == code && d.location.path.as_deref() == Some(path))
}

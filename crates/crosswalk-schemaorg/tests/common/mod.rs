//! Helpers shared by the integration tests.

#![allow(dead_code)]

use crosswalk_model::{Diagnostic, Record, Severity};

/// Records and their diagnostics as text, for snapshots and failure messages.
pub fn render(records: &[Record]) -> String {
    let mut out = String::new();
    for record in records {
        let origin = &record.origin;
        out.push_str(&format!(
            "## record {} key={} line={} schema={}\n",
            origin.index,
            origin.key.as_deref().unwrap_or("-"),
            origin.line.map_or("-".to_owned(), |l| l.to_string()),
            origin.schema.as_deref().unwrap_or("-")
        ));
        out.push_str(&serde_json::to_string_pretty(&record.resource).unwrap());
        out.push('\n');
        for diagnostic in &record.diagnostics {
            out.push_str(&format!("{diagnostic}\n"));
        }
    }
    out
}

/// A fixture of ours under `testdata/`.
pub fn fixture(relative: &str) -> Vec<u8> {
    crosswalk_testkit::testdata_bytes(relative)
}

/// The diagnostics of a code.
pub fn with_code<'a>(record: &'a Record, code: &str) -> Vec<&'a Diagnostic> {
    record.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// Asserts that a record has a diagnostic of `code` whose JSON pointer is `path`.
#[track_caller]
pub fn assert_diagnostic(record: &Record, code: &str, path: &str) -> Diagnostic {
    match record.diagnostics.iter().find(|d| d.code == code && d.location.path.as_deref() == Some(path)) {
        Some(d) => d.clone(),
        None => panic!("no {code} at {path}; diagnostics:\n{}", render(std::slice::from_ref(record))),
    }
}

/// Asserts that every diagnostic has a position (line and column).
#[track_caller]
pub fn assert_located(records: &[Record]) {
    for record in records {
        for d in &record.diagnostics {
            if d.code.starts_with("input.") {
                continue;
            }
            assert!(d.location.line.is_some() && d.location.column.is_some(), "unlocated: {d}");
        }
    }
}

/// True when no record has an error.
pub fn no_errors(records: &[Record]) -> bool {
    records.iter().all(|r| !r.diagnostics.iter().any(|d| d.severity == Severity::Error))
}

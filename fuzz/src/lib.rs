//! The contracts Crosswalk's fuzz targets check, shared so that each target is one line.
//!
//! A target asserts the contract, not only the absence of a panic, because a reader that returns
//! nothing or an undocumented code is as broken for repository software as one that crashes:
//!
//! - **reading** ([`read_contract`]): reading never fails for a readable format; non-empty input
//!   gives at least one record (but an OAI-PMH response whose protocol says there is none:
//!   `noRecordsMatch`, or an empty page of a list, which has a `resumptionToken`); records are numbered `0, 1, 2, …` in order; every diagnostic has
//!   a code listed in `crosswalk::codes()`, a message, and 1-based positions; every record is
//!   tidy (`crosswalk_model::tidy`, every reader's last step, finds nothing left to change, so no
//!   reader hands on a blank value or an entry a writer would drop); the records do not
//!   depend on how the input is buffered (the same bytes through a `BufReader` of a few bytes
//!   give the same records, as a pipe may deliver them);
//! - **detection** ([`detect_contract`]): deterministic, and what it detects and can read is read
//!   under the reading contract;
//! - **validation** ([`validate_contract`]): deterministic (no libxml2 state leaks between calls),
//!   documented codes, and a document the schema accepts is one the DataCite XML reader reads
//!   without error (a DOCTYPE apart: the reader refuses those on purpose);
//! - **writing** ([`write_contract`]): every writer's output reads back with its reader as one
//!   record without errors; one-line JSON has no line break (JSON Lines depend on it); the
//!   DataCite XML written for a record reads back to a resource written identically, and its
//!   DataCite JSON reads back to the same resource;
//! - **end to end** ([`end_to_end`]): detect → read → write every writable format → read back.
//!
//! Set `CROSSWALK_FUZZ_STRICT=1` to check the bugs listed in [`known`] too (they are skipped by
//! default so that a run goes on finding new ones while those wait for their fix).

use std::collections::HashSet;
use std::fmt::Debug;
use std::io::BufReader;
use std::sync::OnceLock;

pub use crosswalk::Format;
use crosswalk::{Diagnostic, JsonLayout, Record, Resource, ValidateOptions};

pub mod known;

/// Defines a fuzz target that checks [`read_contract`] for one format: the whole body of a
/// reader's target file.
#[macro_export]
macro_rules! reader_target {
    ($format:expr) => {
        libfuzzer_sys::fuzz_target!(|data: &[u8]| {
            $crate::read_contract($format, data);
        });
    };
}

/// Every documented diagnostic code.
fn known_codes() -> &'static HashSet<&'static str> {
    static CODES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    CODES.get_or_init(|| crosswalk::codes().into_iter().map(|info| info.code).collect())
}

/// At most this many characters of a value go into a failure message.
const SHOWN: usize = 2_000;

fn shown(value: &impl Debug) -> String {
    let text = format!("{value:#?}");
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
        None => text,
    }
}

/// Asserts that each diagnostic has a documented code, a message and 1-based positions.
pub fn check_diagnostics(context: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(known_codes().contains(d.code.as_ref()), "{context}: undocumented code in {d}");
        assert!(!d.message.trim().is_empty(), "{context}: a diagnostic without message: {d:?}");
        assert!(
            d.location.line != Some(0) && d.location.column != Some(0),
            "{context}: a 0 in a 1-based position: {d:?}"
        );
    }
}

/// True for an OAI-PMH response that says it holds no record: a `noRecordsMatch` error, or a
/// list page with a `resumptionToken` (an empty last page).
fn no_records_by_protocol(format: Format, data: &[u8]) -> bool {
    if format != Format::OaiPmh {
        return false;
    }
    let mut splitter = crosswalk_dublincore::oai::Splitter::new(data);
    let items = splitter.by_ref().count();
    items == 0 && (splitter.errors().iter().any(|e| e.is_no_records_match()) || splitter.resumption().is_some())
}

/// Reads `data` as `format` and checks the reading contract (see the crate documentation).
pub fn read_contract(format: Format, data: &[u8]) -> Vec<Record> {
    let records = match crosswalk::read(data, format) {
        Ok(records) => records,
        // A format not wired in yet: nothing to check.
        Err(_) if !format.can_read() => return Vec::new(),
        Err(error) => panic!("{format}: reading a readable format failed: {error}"),
    };
    if !data.is_empty() && !known::empty_result_expected(format, data) && !no_records_by_protocol(format, data) {
        assert!(!records.is_empty(), "{format}: no record for {} bytes of input", data.len());
    }
    let numbered = !known::numbering_differs(format, data);
    for (position, record) in records.iter().enumerate() {
        if numbered {
            assert_eq!(
                record.origin.index, position,
                "{format}: record {position} is numbered {}",
                record.origin.index
            );
        }
        check_diagnostics(&format!("{format} record {position}"), &record.diagnostics);
        let mut tidied = record.resource.clone();
        let changes = crosswalk_model::tidy::tidy(&mut tidied);
        assert!(changes.is_empty(), "{format}: record {position} is handed on untidy: {}", shown(&changes));
    }
    let capacity = 1 + data.len() % 13;
    if !known::buffering_differs(format, data, capacity) {
        let streamed: Vec<Record> = match crosswalk::records(BufReader::with_capacity(capacity, data), format) {
            Ok(stream) => stream.collect(),
            Err(error) => panic!("{format}: streaming a readable format failed: {error}"),
        };
        assert_same_records(format, capacity, &records, &streamed);
    }
    records
}

fn assert_same_records(format: Format, capacity: usize, whole: &[Record], streamed: &[Record]) {
    if whole == streamed {
        return;
    }
    let at = whole.iter().zip(streamed).position(|(a, b)| a != b).unwrap_or(whole.len().min(streamed.len()));
    let difference = match (whole.get(at), streamed.get(at)) {
        (Some(a), Some(b)) => record_difference(a, b),
        (a, b) => format!(
            "whole input: {}\nbuffered: {}",
            shown(&a.map(|r| &r.diagnostics)),
            shown(&b.map(|r| &r.diagnostics))
        ),
    };
    panic!(
        "{format}: reading through a {capacity}-byte buffer gives other records ({} vs {} records; first \
         difference at record {at}):\n{difference}",
        whole.len(),
        streamed.len(),
    );
}

/// What differs between two records, briefly: the first differing diagnostic, the resources'
/// JSON, or the origins.
fn record_difference(whole: &Record, buffered: &Record) -> String {
    if whole.diagnostics != buffered.diagnostics {
        let at = whole.diagnostics.iter().zip(&buffered.diagnostics).position(|(a, b)| a != b);
        let at = at.unwrap_or(whole.diagnostics.len().min(buffered.diagnostics.len()));
        let show = |d: Option<&Diagnostic>| d.map_or_else(|| "(none)".to_owned(), |d| format!("{d}"));
        return format!(
            "diagnostic {at} differs ({} vs {} diagnostics):\n  whole:    {}\n  buffered: {}",
            whole.diagnostics.len(),
            buffered.diagnostics.len(),
            show(whole.diagnostics.get(at)),
            show(buffered.diagnostics.get(at))
        );
    }
    if whole.resource != buffered.resource {
        return format!(
            "the resources differ:\n  whole:    {}\n  buffered: {}",
            crosswalk_datacite::json::write(&whole.resource),
            crosswalk_datacite::json::write(&buffered.resource)
        );
    }
    let origin = |r: &Record| {
        let o = &r.origin;
        format!(
            "index {} key {:?} line {:?} schema {:?} document {:?}",
            o.index,
            o.key,
            o.line,
            o.schema,
            o.document.as_ref().map(|d| d.len())
        )
    };
    format!("the origins differ:\n  whole:    {}\n  buffered: {}", origin(whole), origin(buffered))
}

/// Detects the format of `data` and checks the detection contract; reads what it detects.
pub fn detect_contract(data: &[u8]) -> Option<(Format, Vec<Record>)> {
    let detected = crosswalk::detect(data);
    assert_eq!(detected, crosswalk::detect(data), "detection is not deterministic");
    let format = detected.ok()?.format;
    format.can_read().then(|| (format, read_contract(format, data)))
}

/// Validates `data` against the embedded kernel-4 schema and checks the validation contract.
pub fn validate_contract(data: &[u8]) {
    let findings = crosswalk_validate::validate(data);
    check_diagnostics("validate", &findings);
    let again = crosswalk_validate::validate(data);
    assert_eq!(findings, again, "validating the same bytes twice gave other findings");
    if crosswalk_validate::is_valid(&findings) {
        let record = crosswalk_datacite::xml::read(data);
        let errors: Vec<&Diagnostic> = record
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && d.code != crosswalk_datacite::xml::read::DTD_REFUSED)
            .collect();
        if !known::valid_but_unread(data, &errors) {
            assert!(errors.is_empty(), "the schema accepts the document but the reader fails it:\n{}", shown(&errors));
        }
        check_diagnostics("datacite-xml read of a valid document", &record.diagnostics);
        check_diagnostics("strict rules", &crosswalk_validate::rules::check(&record.resource));
        check_diagnostics("findable rules", &crosswalk_validate::rules::check_findable(&record.resource, None));
    }
}

/// Writes `resource` in every writable format and checks the writing contract.
pub fn write_contract(resource: &Resource) {
    for format in crosswalk::Format::all().filter(|f| f.can_write()) {
        let written = match crosswalk::write(resource, format) {
            Ok(written) => written,
            Err(error) => panic!("{format}: writing a writable format failed: {error}"),
        };
        check_diagnostics(&format!("{format} writer"), &written.diagnostics);
        if format.is_json() {
            let line = crosswalk::write_with(resource, format, JsonLayout::Line).map(|w| w.text).unwrap_or_default();
            assert!(!line.contains('\n'), "{format}: one-line JSON holds a line break:\n{line}");
        }
        if written.text.is_empty() {
            // A payload the rules refuse is no text and an error saying why.
            assert!(
                written.diagnostics.iter().any(Diagnostic::is_error),
                "{format}: the writer wrote nothing and said nothing"
            );
            continue;
        }
        if format.can_read() && !known::written_unreadable(format, resource) {
            let back = crosswalk::read(written.text.as_bytes(), format).unwrap_or_default();
            assert_eq!(
                back.len(),
                1,
                "{format}: the writer's output reads as {} records:\n{}",
                back.len(),
                written.text
            );
            for record in &back {
                check_diagnostics(&format!("{format} read back"), &record.diagnostics);
                let errors: Vec<&Diagnostic> = record.diagnostics.iter().filter(|d| d.is_error()).collect();
                assert!(
                    errors.is_empty(),
                    "{format}: the writer's output reads back with errors:\n{}\n{}",
                    shown(&errors),
                    written.text
                );
            }
        }
    }
    xml_round_trip(resource);
    json_round_trip(resource);
}

/// The DataCite XML written for a resource reads back to a resource that is written the same.
fn xml_round_trip(resource: &Resource) {
    if known::xml_round_trip_differs(resource) {
        return;
    }
    let first = crosswalk_datacite::xml::write(resource).text;
    let back = crosswalk_datacite::xml::read(first.as_bytes());
    assert!(
        !back.has_errors(),
        "the DataCite XML written reads back with errors:\n{}\n{first}",
        shown(&back.diagnostics)
    );
    let second = crosswalk_datacite::xml::write(&back.resource).text;
    if first != second {
        let line = first.lines().zip(second.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the DataCite XML written for a record is not written the same after reading it back; first at line {}:\n  \
             first:  {:?}\n  second: {:?}\nresource: {}",
            line + 1,
            first.lines().nth(line).unwrap_or("<end>"),
            second.lines().nth(line).unwrap_or("<end>"),
            shown(resource)
        );
    }
}

/// The DataCite JSON written for a resource reads back to the same resource.
fn json_round_trip(resource: &Resource) {
    if known::json_round_trip_differs(resource) {
        return;
    }
    let json = crosswalk_datacite::json::write(resource).to_string();
    let back = crosswalk_datacite::json::read(json.as_bytes());
    assert_eq!(back.len(), 1, "the DataCite JSON written reads as {} records:\n{json}", back.len());
    if let Some(record) = back.first() {
        assert!(
            record.resource == *resource,
            "the DataCite JSON written for a record reads back to another resource:\nwritten: {json}\nbefore: {}\nafter: {}",
            shown(resource),
            shown(&record.resource)
        );
    }
}

/// Detect → read → write every writable format → read back; validation of the first records.
pub fn end_to_end(data: &[u8]) {
    let Some((_, records)) = detect_contract(data) else { return };
    for record in records.iter().take(3) {
        write_contract(&record.resource);
        let options = ValidateOptions { strict: true, findable: Some(None), ..ValidateOptions::default() };
        check_diagnostics("validate_record", &crosswalk::validate_record(record, &options));
    }
}

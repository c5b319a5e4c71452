//! Text hygiene, one rule for every reader and writer: stray bytes in UTF-8, lone surrogate
//! escapes in JSON, control and bidirectional-control characters, values cut short. The inputs
//! are our own, in `testdata/text/`.

use crosswalk::{read, Format, Record};
use crosswalk_testkit::testdata_bytes;

/// Every reader of text, with its fixture of a title that is UTF-8 but for two stray bytes.
const STRAY_BYTES: &[(&str, Format)] = &[
    ("text/stray-bytes.datacite.xml", Format::DataciteXml),
    ("text/stray-bytes.datacite.json", Format::DataciteJson),
    ("text/stray-bytes.csl.json", Format::Citeproc),
    ("text/stray-bytes.schema.jsonld", Format::SchemaOrg),
    ("text/stray-bytes.crossref.xml", Format::CrossrefXml),
    ("text/stray-bytes.ris", Format::Ris),
    ("text/stray-bytes.bib", Format::Bibtex),
];

fn records(path: &str, format: Format) -> Vec<Record> {
    read(&testdata_bytes(path), format).expect("a format Crosswalk reads")
}

fn with_code<'r>(record: &'r Record, code: &str) -> Vec<&'r crosswalk_model::Diagnostic> {
    record.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// 14.16: one invalid byte no longer re-decodes a whole line, item or document as Windows-1252
/// (`café` → `cafÃ©`): the valid UTF-8 stays, the stray bytes are read on their own, and the
/// record says which byte, where.
#[test]
fn stray_bytes_in_utf8_keep_the_utf8_around_them_in_every_reader() {
    for &(path, format) in STRAY_BYTES {
        let records = records(path, format);
        let first = &records[0];
        let title = &first.resource.titles[0].title;
        assert_eq!(title, "Café culture naïve – a study", "{path}");
        let name = &first.resource.creators.first().map(|c| c.name.clone()).unwrap_or_default();
        assert!(name.is_empty() || name.contains("Müller"), "{path}: {name}");
        let warnings = with_code(first, crosswalk_text::ENCODING_INVALID);
        assert_eq!(warnings.len(), 1, "{path}: {:#?}", first.diagnostics);
        let warning = warnings[0];
        assert!(warning.message.contains("byte 0xEF (read as Windows-1252 \"ï\")"), "{path}: {warning}");
        assert!(warning.location.line.is_some(), "{path}: {warning}");
        assert!(with_code(first, crosswalk_text::ENCODING_ASSUMED).is_empty(), "{path}: {:#?}", first.diagnostics);
        for later in &records[1..] {
            assert!(with_code(later, crosswalk_text::ENCODING_INVALID).is_empty(), "{path}: {later:#?}");
        }
    }
}

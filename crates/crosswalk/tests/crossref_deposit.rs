//! The Crossref deposit writer (`--to crossref-xml`) end to end: every work type of
//! `testdata/crossref-deposit/` written as a deposit that Crossref's 5.4.0 XSD validates (libxml2,
//! through `crosswalk::validate::Schema`), read back by the Crossref reader with its DOI, titles,
//! creators, year and type; several works joined into one valid `doi_batch`; the records Crossref
//! cannot take refused with their codes, never written.
//!
//! The XSD is Crossref's, in `../shared/reference/crossref-schema-5.4/`, set up by
//! `crosswalk_testkit::crossref_xsd` in a temporary directory with local stand-ins for the W3C
//! schemas it imports, so that nothing is fetched. Without `../shared` the tests skip with a note.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crosswalk::crossref::{body_kind, split, Head};
use crosswalk::validate::Schema;
use crosswalk::{read, write_record_with, Format, Record, WriteOptions};
use crosswalk_testkit::{crossref_xsd, files_with_suffix, skipped, testdata};

/// Crossref's XSD, compiled from the test kit's copy with local imports; `None` (said) without
/// `../shared`.
fn schema() -> Option<&'static Schema> {
    static SCHEMA: OnceLock<Option<Schema>> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let Some(xsd) = crossref_xsd() else {
                skipped("validating deposits against Crossref's 5.4.0 XSD (../shared is absent)");
                return None;
            };
            Some(Schema::from_file(&xsd).expect("Crossref's XSD compiles with local imports"))
        })
        .as_ref()
}

/// Asserts that `xml` is valid against Crossref's XSD (skipped, said, without `../shared`).
#[track_caller]
fn assert_valid(label: &str, xml: &str) {
    let Some(schema) = schema() else { return };
    let findings = schema.validate(xml.as_bytes());
    let errors: Vec<String> = findings.iter().filter(|d| d.is_error()).map(|d| format!("{d:?}")).collect();
    assert!(errors.is_empty(), "{label}: not valid against Crossref's 5.4.0 XSD:\n{}\n{xml}", errors.join("\n"));
}

/// The head every test writes with: given, so no placeholder, and a fixed timestamp (never the
/// clock).
fn options() -> WriteOptions {
    WriteOptions {
        deposit: Head {
            depositor_name: Some("Example Depositor".into()),
            depositor_email: Some("deposits@example.org".into()),
            registrant: Some("Example Press".into()),
            batch_id: Some("batch-0001".into()),
            timestamp: Some(20240315120000),
        },
        ..WriteOptions::default()
    }
}

fn fixture(path: &Path) -> Record {
    let bytes = std::fs::read(path).unwrap();
    let mut records = read(&bytes, Format::DataciteJson).unwrap();
    assert_eq!(records.len(), 1, "{}", path.display());
    let record = records.remove(0);
    assert!(!record.has_errors(), "{}: {:?}", path.display(), record.diagnostics);
    record
}

fn works() -> Vec<PathBuf> {
    let works = files_with_suffix(&testdata("crossref-deposit"), ".json");
    assert!(works.len() >= 8, "every work type has a fixture");
    works
}

#[test]
fn every_work_type_is_written_valid_and_reads_back() {
    for path in works() {
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        let record = fixture(&path);
        let written = write_record_with(&record, Format::CrossrefXml, &options()).unwrap();
        assert!(!written.diagnostics.iter().any(|d| d.is_error()), "{label}: {:?}", written.diagnostics);
        assert!(written.text.contains("<doi_batch_id>batch-0001</doi_batch_id>"), "{label}");
        assert!(written.text.contains(r#"xmlns="http://www.crossref.org/schema/5.4.0""#), "{label}");
        assert_valid(&label, &written.text);

        // Round trip through the Crossref reader.
        let back = read(written.text.as_bytes(), Format::CrossrefXml).unwrap();
        let again = back
            .iter()
            .find(|r| r.resource.doi == record.resource.doi)
            .unwrap_or_else(|| panic!("{label}: the work reads back ({} records)", back.len()));
        assert!(!again.has_errors(), "{label}: {:?}", again.diagnostics);
        let (a, b) = (&record.resource, &again.resource);
        assert_eq!(a.titles.first().map(|t| &t.title), b.titles.first().map(|t| &t.title), "{label}: title");
        let subtitle = |r: &crosswalk::Resource| {
            r.titles
                .iter()
                .find(|t| t.title_type == Some(crosswalk::model::TitleType::Subtitle))
                .map(|t| t.title.clone())
        };
        assert_eq!(subtitle(a), subtitle(b), "{label}: subtitle");
        let names = |r: &crosswalk::Resource| r.creators.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(a), names(b), "{label}: creators");
        assert_eq!(a.publication_year, b.publication_year, "{label}: year");
        assert_eq!(a.types.resource_type_general, b.types.resource_type_general, "{label}: type");
        assert_eq!(a.url, b.url, "{label}: url");
        let orcids = |r: &crosswalk::Resource| {
            r.creators
                .iter()
                .flat_map(|c| c.name_identifiers.iter().map(|n| n.name_identifier.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(orcids(a), orcids(b), "{label}: ORCID iDs");
        assert_eq!(a.funding_references.len(), b.funding_references.len(), "{label}: funding");
        assert_eq!(
            a.rights_list.iter().map(|r| r.rights_uri.clone()).collect::<Vec<_>>(),
            b.rights_list.iter().map(|r| r.rights_uri.clone()).collect::<Vec<_>>(),
            "{label}: licences"
        );
    }
}

#[test]
fn works_of_one_kind_join_into_one_valid_deposit() {
    // Two preprints and a posted report: one body of posted_content.
    let mut works = Vec::new();
    let mut head = None;
    let mut tail = None;
    for (n, name) in ["preprint.json", "preprint.json", "dataset.json"].iter().enumerate() {
        let mut record = fixture(&testdata("crossref-deposit").join(name));
        record.resource.doi = Some(format!("10.5555/joined.{n}"));
        if *name == "dataset.json" {
            record.resource.types =
                crosswalk::model::Types::new(crosswalk::model::ResourceTypeGeneral::Report, Some("PostedContent"));
        }
        let text = write_record_with(&record, Format::CrossrefXml, &options()).unwrap().text;
        let (open, work, close) = split(&text).unwrap();
        assert_eq!(body_kind(work), Some("posted_content"));
        head.get_or_insert_with(|| open.to_owned());
        tail.get_or_insert_with(|| close.to_owned());
        works.push(work.to_owned());
    }
    let joined = format!("{}{}{}", head.unwrap(), works.concat(), tail.unwrap());
    assert_eq!(joined.matches("<body>").count(), 1);
    assert_valid("joined", &joined);
    let back = read(joined.as_bytes(), Format::CrossrefXml).unwrap();
    assert_eq!(back.len(), 3);
}

#[test]
fn what_crossref_cannot_take_is_refused_with_its_code() {
    for (name, code) in [
        ("award.json", "crossref.write-no-type"),
        ("instrument.json", "crossref.write-no-type"),
        ("no-doi.json", "crossref.write-missing-doi"),
        ("no-url.json", "crossref.write-missing-url"),
        ("article-without-journal.json", "crossref.write-missing-required"),
    ] {
        let record = fixture(&testdata("crossref-deposit/refused").join(name));
        let written = write_record_with(&record, Format::CrossrefXml, &options()).unwrap();
        assert!(written.text.is_empty(), "{name}: nothing is written");
        assert!(
            written.diagnostics.iter().any(|d| d.code == code && d.is_error()),
            "{name}: {:?}",
            written.diagnostics
        );
    }
}

#[test]
fn the_writers_codes_are_documented_by_the_facade() {
    let codes: Vec<&str> = crosswalk::codes().iter().map(|c| c.code).collect();
    for info in crosswalk_crossref_codes() {
        assert!(codes.contains(&info), "{info}");
    }
}

fn crosswalk_crossref_codes() -> [&'static str; 8] {
    [
        "crossref.write-missing-doi",
        "crossref.write-missing-url",
        "crossref.write-no-type",
        "crossref.write-missing-required",
        "crossref.write-unrepresentable",
        "crossref.write-invalid-value",
        "crossref.write-nearest",
        "crossref.write-head-default",
    ]
}

#[test]
fn the_schema_set_up_refuses_an_invalid_deposit() {
    // A control: the validation above would pass anything if the schema were empty.
    let Some(schema) = schema() else { return };
    let record = fixture(&testdata("crossref-deposit/preprint.json"));
    let text = write_record_with(&record, Format::CrossrefXml, &options()).unwrap().text;
    let broken = text.replace("<posted_date>", "<publication_date>").replace("</posted_date>", "</publication_date>");
    assert!(schema.validate(broken.as_bytes()).iter().any(|d| d.is_error()));
}

#[test]
fn every_iso_639_1_language_is_one_crossref_takes() {
    if schema().is_none() {
        return;
    }
    let mut record = fixture(&testdata("crossref-deposit/preprint.json"));
    for language in crosswalk_rules_codes() {
        record.resource.language = Some(language.to_owned());
        let written = write_record_with(&record, Format::CrossrefXml, &options()).unwrap();
        assert!(written.text.contains(&format!("language=\"{language}\"")), "{language}");
        assert_valid(language, &written.text);
    }
}

/// The two-letter codes of ISO 639-1, as the shared language rules know them.
fn crosswalk_rules_codes() -> Vec<&'static str> {
    crosswalk_rules::languages::ISO_639.iter().map(|l| l.code).collect()
}

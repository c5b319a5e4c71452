//! CITATION.cff through the facade: detection, the format's names, reading and writing by name,
//! the catalog walker's extension, a document over the cap read at most one byte past it, and
//! CFF converted to DataCite XML that the schema accepts once a publisher is given.

use crosswalk::{detect, read, records, validate_converted, write, Format, Framing, Record, ValidateOptions};
use crosswalk_testkit::{files_with_suffix, testdata, testdata_bytes};

#[test]
fn fixtures_are_detected_and_read() {
    let paths = files_with_suffix(&testdata("cff"), ".cff");
    assert!(paths.len() >= 4);
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(detect(&bytes).unwrap().format, Format::Cff, "{}", path.display());
        let all = read(&bytes, Format::Cff).unwrap();
        assert_eq!(all.len(), 1);
        assert!(!all[0].has_errors(), "{}: {:?}", path.display(), all[0].diagnostics);
        // The same through a one-byte buffer.
        let trickled: Vec<Record> =
            records(std::io::BufReader::with_capacity(1, bytes.as_slice()), Format::Cff).unwrap().collect();
        assert!(trickled == all, "{}", path.display());
    }
}

#[test]
fn a_citation_file_in_json_syntax_is_detected() {
    let bytes = testdata_bytes("malformed/cff/flow-json.cff");
    assert_eq!(detect(&bytes).unwrap().format, Format::Cff);
    let record = read(&bytes, Format::Cff).unwrap().remove(0);
    assert_eq!(record.resource.titles[0].title, "JSON is YAML");
}

#[test]
fn names_extension_and_framing() {
    assert_eq!(Format::from_name("cff"), Some(Format::Cff));
    assert_eq!(Format::from_name("CITATION.cff"), Some(Format::Cff));
    assert_eq!(Format::Cff.extension(), "cff");
    assert_eq!(Format::Cff.framing(), Framing::Single);
    assert!(crosswalk::batch::is_catalog_file(std::path::Path::new("repo/CITATION.cff")));
    assert!(crosswalk::batch::is_catalog_file(std::path::Path::new("CITATION.cff.gz")));
    assert!(crosswalk::codes().iter().any(|c| c.code == "cff.alias-budget"));
}

#[test]
fn cff_converts_to_datacite_and_back() {
    let record = read(&testdata_bytes("cff/preferred-citation.cff"), Format::Cff).unwrap().remove(0);
    let xml = write(&record.resource, Format::DataciteXml).unwrap();
    assert!(xml.text.contains("relationType=\"IsDescribedBy\""), "{}", xml.text);
    // CFF has no publisher: DataCite requires one, and says so.
    let findings = validate_converted(&record.resource, &ValidateOptions::default());
    assert!(findings.iter().any(|d| d.is_error() && d.message.contains("publisher")), "{findings:?}");
    let mut resource = record.resource.clone();
    resource.publisher = Some(crosswalk::model::Publisher::named("Zenodo"));
    let findings = validate_converted(&resource, &ValidateOptions::default());
    assert!(!findings.iter().any(|d| d.is_error()), "{findings:?}");
    // DataCite XML → CFF → the same software again.
    let back = read(xml.text.as_bytes(), Format::DataciteXml).unwrap().remove(0);
    let cff = write(&back.resource, Format::Cff).unwrap();
    let again = read(cff.text.as_bytes(), Format::Cff).unwrap().remove(0);
    assert_eq!(again.resource.doi, record.resource.doi);
    assert_eq!(again.resource.related_items, record.resource.related_items);
    assert_eq!(again.resource.creators, record.resource.creators);
}

#[test]
fn a_document_over_the_cap_is_one_failed_record() {
    let mut big = b"cff-version: 1.2.0\nabstract: \"".to_vec();
    big.resize(crosswalk_cff::MAX_DOCUMENT_BYTES + 10, b'a');
    let all: Vec<Record> = records(big.as_slice(), Format::Cff).unwrap().collect();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].diagnostics[0].code, crosswalk_cff::TOO_LARGE);
}

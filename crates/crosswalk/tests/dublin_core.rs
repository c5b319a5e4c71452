//! Dublin Core and OAI-PMH through the facade: detection, streams numbered in order with
//! deleted records accounted for, DataCite metadata inside OAI-PMH read by the DataCite reader,
//! and the DataCite XML written for complete Dublin Core records valid against the schema.

use crosswalk::{detect, read, records, validate_converted, validate_record, write, Format, Record, ValidateOptions};
use crosswalk_testkit::{assert_official_xsd_valid, files_with_suffix, testdata, testdata_bytes};

fn fixture(path: &str, format: Format) -> Vec<Record> {
    read(&testdata_bytes(path), format).expect("reads")
}

#[test]
fn fixtures_are_detected() {
    for path in files_with_suffix(&testdata("dublin-core"), ".xml") {
        let detection = detect(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(detection.format, Format::DublinCore, "{}", path.display());
    }
    for path in files_with_suffix(&testdata("oai-pmh"), ".xml") {
        let detection = detect(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(detection.format, Format::OaiPmh, "{}", path.display());
    }
}

#[test]
fn an_oai_pmh_response_is_read_as_records_in_order() {
    let all = fixture("oai-pmh/list-records-oai-dc.xml", Format::OaiPmh);
    assert_eq!(all.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(!all[0].has_errors() && all[1].has_errors() && !all[2].has_errors());
    assert_eq!(all[1].diagnostics[0].code, crosswalk_dublincore::oai::DELETED);
    // DataCite records inside OAI-PMH are read by the DataCite reader.
    let datacite = fixture("oai-pmh/list-records-oai-datacite.xml", Format::OaiPmh);
    assert_eq!(datacite.len(), 2);
    assert_eq!(datacite[1].origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-3"));
    // noRecordsMatch: nothing, and nothing failed; another protocol error: one failed record.
    assert!(fixture("oai-pmh/no-records-match.xml", Format::OaiPmh).is_empty());
    let bad = fixture("oai-pmh/bad-resumption-token.xml", Format::OaiPmh);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].has_errors());
    // The same through a one-byte buffer.
    let bytes = testdata_bytes("oai-pmh/list-records-oai-dc.xml");
    let trickled: Vec<Record> =
        records(std::io::BufReader::with_capacity(1, bytes.as_slice()), Format::OaiPmh).unwrap().collect();
    assert!(trickled == all);
}

#[test]
fn a_dublin_core_record_is_one_record() {
    let all = fixture("dublin-core/dspace-openaire.xml", Format::DublinCore);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].resource.doi.as_deref(), Some("10.55555/wadden.2018.17"));
    // An OAI-PMH response named as Dublin Core says what it is.
    let wrong = fixture("oai-pmh/list-records-oai-dc.xml", Format::DublinCore);
    assert_eq!(wrong.len(), 1);
    assert!(wrong[0].diagnostics[0].message.contains("oai-pmh"), "{}", wrong[0].diagnostics[0]);
}

/// Every complete Dublin Core record (of the fixtures and inside the responses) converts to
/// DataCite XML that our schema (and, when `../shared` has it, the official XSD) accepts.
#[test]
fn complete_records_write_valid_datacite_xml() {
    let mut checked = 0;
    let mut all: Vec<(String, Record)> = Vec::new();
    for path in files_with_suffix(&testdata("dublin-core"), ".xml") {
        let label = path.display().to_string();
        all.extend(
            read(&std::fs::read(&path).unwrap(), Format::DublinCore).unwrap().into_iter().map(|r| (label.clone(), r)),
        );
    }
    for path in files_with_suffix(&testdata("oai-pmh"), ".xml") {
        let label = path.display().to_string();
        all.extend(
            read(&std::fs::read(&path).unwrap(), Format::OaiPmh).unwrap().into_iter().map(|r| (label.clone(), r)),
        );
    }
    for (label, record) in all.iter_mut().filter(|(_, r)| !r.has_errors()) {
        // A record without a DOI gets one, as a payload with --prefix does: the rest is checked.
        record.resource.doi.get_or_insert_with(|| "10.5072/dublin-core-test".to_owned());
        let findings = validate_converted(&record.resource, &ValidateOptions::default());
        let errors: Vec<_> = findings.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{label} #{}: {errors:#?}", record.origin.index);
        let xml = write(&record.resource, Format::DataciteXml).unwrap();
        assert_official_xsd_valid(label, &xml.text);
        // Validating the record itself: it carries no source document (its positions would be
        // the response's), so it is checked as written, with the same verdict.
        assert_eq!(validate_record(record, &ValidateOptions::default()).iter().filter(|d| d.is_error()).count(), 0);
        checked += 1;
    }
    assert!(checked >= 9, "only {checked} records checked");
}

#[test]
fn every_code_the_readers_emit_is_documented() {
    let documented: Vec<&str> = crosswalk::codes().into_iter().map(|c| c.code).collect();
    for code in crosswalk_dublincore::CODES.iter().map(|c| c.code) {
        assert!(documented.contains(&code), "{code}");
    }
}

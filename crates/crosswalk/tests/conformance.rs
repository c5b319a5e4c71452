//! Conformance over the reference inputs in `../shared`: every official DataCite example reads,
//! round-trips losslessly through XML and through JSON, and what we write validates against the
//! official kernel-4.7 XSD; every real-world fixture converts without a panic.

use std::path::{Path, PathBuf};

use crosswalk::{read, write, Format, Record, Resource, Severity};
use crosswalk_testkit::{files_with_suffix, official_xsd_verdict, shared_or_skip};

fn read_one(bytes: &[u8], format: Format, label: &str) -> Record {
    let mut records = read(bytes, format).expect("readable format");
    assert_eq!(records.len(), 1, "{label}: one record expected");
    records.remove(0)
}

/// True when the resource has what the XSD requires, so that its XML must validate.
fn has_required(r: &Resource) -> bool {
    r.doi.is_some()
        && !r.creators.is_empty()
        && !r.titles.is_empty()
        && r.publisher.is_some()
        && r.publication_year.is_some()
        && r.types.resource_type_general.is_some()
}

fn official_examples(shared: &Path) -> Vec<PathBuf> {
    let base = shared.join("reference/datacite-schema");
    let mut files = files_with_suffix(&base.join("kernel-4.7/example"), ".xml");
    files.extend(files_with_suffix(&base.join("kernel-4-examples"), ".xml"));
    files.extend(files_with_suffix(&base.join("kernel-3-examples"), ".xml"));
    files
}

#[test]
fn official_examples_round_trip_through_xml_and_json() {
    let shared = shared_or_skip!();
    let files = official_examples(&shared);
    assert!(files.len() >= 50, "expected the official examples, found {}", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let label = file.strip_prefix(&shared).unwrap_or(file).display().to_string();
        let bytes = std::fs::read(file).unwrap();
        let first = read_one(&bytes, Format::DataciteXml, &label);
        if first.has_errors() {
            failures.push(format!("{label}: read errors {:?}", first.diagnostics));
            continue;
        }

        // XML → model → XML → model is the identity on the model.
        let xml = write(&first.resource, Format::DataciteXml).unwrap();
        let second = read_one(xml.text.as_bytes(), Format::DataciteXml, &label);
        if second.resource != first.resource {
            failures.push(format!("{label}: XML round trip changed the record"));
        }
        // Writing again gives the same bytes.
        if write(&second.resource, Format::DataciteXml).unwrap().text != xml.text {
            failures.push(format!("{label}: second XML write differs"));
        }
        // XML → model → JSON → model is the identity too.
        let json = write(&first.resource, Format::DataciteJson).unwrap();
        let from_json = read_one(json.text.as_bytes(), Format::DataciteJson, &label);
        if from_json.resource != first.resource {
            failures.push(format!("{label}: JSON round trip changed the record"));
        }
        if from_json.diagnostics.iter().any(|d| d.severity <= Severity::Warning) {
            failures.push(format!("{label}: our own JSON read back with problems {:?}", from_json.diagnostics));
        }
        // What we write validates against the official XSD.
        if has_required(&first.resource) {
            if let Some(Err(messages)) = official_xsd_verdict(&xml.text) {
                failures.push(format!("{label}: written XML is not valid: {messages}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn kernel_4_7_examples_read_without_warnings() {
    let shared = shared_or_skip!();
    let dir = shared.join("reference/datacite-schema/kernel-4.7/example");
    for file in files_with_suffix(&dir, ".xml") {
        let record = read_one(&std::fs::read(&file).unwrap(), Format::DataciteXml, &file.display().to_string());
        let problems: Vec<_> = record.diagnostics.iter().filter(|d| d.severity <= Severity::Warning).collect();
        assert!(problems.is_empty(), "{}: {problems:#?}", file.display());
    }
}

#[test]
fn real_world_datacite_fixtures_convert_without_panic() {
    let shared = shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    let mut seen = 0;
    for file in files_with_suffix(&dir, ".xml").into_iter().chain(files_with_suffix(&dir, ".json")) {
        let bytes = std::fs::read(&file).unwrap();
        let Ok(detection) = crosswalk::detect(&bytes) else { continue };
        if !detection.format.can_read() {
            continue;
        }
        seen += 1;
        for record in read(&bytes, detection.format).unwrap() {
            if record.has_errors() {
                continue;
            }
            let xml = write(&record.resource, Format::DataciteXml).unwrap();
            let _ = write(&record.resource, Format::DataciteJson).unwrap();
            // The writer says when its output will not validate (a missing required property, a
            // value outside its vocabulary or type); when it says nothing, the XML must be valid.
            let warned = xml.diagnostics.iter().any(|d| d.severity <= Severity::Warning);
            if !warned {
                if let Some(Err(messages)) = official_xsd_verdict(&xml.text) {
                    panic!(
                        "{}: written XML is not valid, and the writer did not say so: {messages}\n{}",
                        file.display(),
                        xml.text
                    );
                }
            }
        }
    }
    assert!(seen >= 40, "expected the DataCite fixtures, read {seen}");
}

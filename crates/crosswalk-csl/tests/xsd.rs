//! Records read from complete CSL items give DataCite XML that the official kernel-4.7 XSD
//! accepts (checked with `xmllint` when it and `../shared` are present).

mod common;

use crosswalk_model::Record;

/// Records with what DataCite requires: our complete fixtures, each item type, and bolognese's.
fn complete_records() -> Vec<(String, Record)> {
    let mut out = Vec::new();
    for name in ["single.json", "crossref.json", "every-variable.json", "types.json", "names.json"] {
        for (index, mut record) in common::read_fixture(name).into_iter().enumerate() {
            // The type fixtures have no DOI; the XML needs an identifier.
            if record.resource.doi.is_none() {
                record.resource.doi = Some(format!("10.5555/{}", record.origin.key.clone().unwrap_or_default()));
            }
            let r = &record.resource;
            let complete = r.publication_year.is_some()
                && !r.creators.is_empty()
                && !r.titles.is_empty()
                && r.publisher.is_some()
                && r.types.resource_type_general.is_some();
            if complete {
                out.push((format!("{name} item {index}"), record));
            }
        }
    }
    if let Some(shared) = crosswalk_testkit::shared_dir_for("the reference fixture part of this test") {
        let path = shared.join("reference/bolognese-fixtures/citeproc.json");
        if let Ok(bytes) = std::fs::read(path) {
            out.extend(crosswalk_csl::read(&bytes).into_iter().map(|r| ("bolognese citeproc.json".to_owned(), r)));
        }
    }
    out
}

#[test]
fn xml_from_csl_records_is_valid_against_the_official_xsd() {
    let records = complete_records();
    assert!(records.len() > 50, "only {} complete records", records.len());
    for (label, record) in records {
        let written = crosswalk_datacite::xml::write(&record.resource);
        crosswalk_testkit::assert_official_xsd_valid(&label, &written.text);
    }
}

//! The InvenioRDM reader on our fixtures (`testdata/invenio-rdm/`): snapshots, documented codes
//! with places, and the serializer's decisions (vocabularies, ROR, ORCID, funding, HTML).

use crosswalk_invenio::{read, CODES, SHARED_CODES};
use crosswalk_model::{codes, Record};
use crosswalk_testkit::{assert_snapshot, testdata_bytes};

const FIXTURES: &[&str] = &["dataset-record.json", "software-metadata.json", "catalog.jsonl"];

fn fixture(name: &str) -> Vec<Record> {
    read(&testdata_bytes(&format!("invenio-rdm/{name}")))
}

/// Every diagnostic has a documented code and a line and column.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let ours = CODES.iter().any(|c| c.code == d.code);
        let shared = SHARED_CODES.contains(&d.code.as_ref()) || codes::TEXT_CODES.iter().any(|c| c.code == d.code);
        assert!(ours || shared, "{label}: code {} is not documented ({d})", d.code);
        assert!(d.location.line.is_some(), "{label}: no line in {d}");
    }
}

fn snapshot_text(records: &[Record]) -> String {
    let value: Vec<serde_json::Value> = records
        .iter()
        .map(|record| {
            serde_json::json!({
                "origin": {"index": record.origin.index, "key": record.origin.key, "line": record.origin.line},
                "resource": record.resource,
                "diagnostics": record.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&value).expect("serialisable");
    text.push('\n');
    text
}

#[test]
fn snapshots() {
    for name in FIXTURES {
        let records = fixture(name);
        for record in &records {
            assert!(!record.has_errors(), "{name}: {:?}", record.diagnostics);
            assert_documented(name, record);
        }
        let stem = name.rsplit_once('.').map_or(*name, |(stem, _)| stem);
        assert_snapshot(&format!("invenio-rdm/{stem}.json"), &snapshot_text(&records));
    }
}

#[test]
fn a_whole_record_as_the_serializer_maps_it() {
    let records = fixture("dataset-record.json");
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(record.origin.key.as_deref(), Some("k3f7q-2zp91"));
    assert_eq!(r.doi.as_deref(), Some("10.5281/zenodo.14820117"));
    assert_eq!(r.url.as_deref(), Some("https://zenodo.org/records/14820117"));
    assert_eq!(r.types.resource_type_general.as_ref().unwrap().as_str(), "Dataset");
    assert_eq!(r.publication_year.as_deref(), Some("2025"));
    let creator = &r.creators[0];
    assert_eq!(creator.name_identifiers[0].name_identifier, "0000-0002-7731-4410");
    assert_eq!(creator.name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    assert_eq!(creator.affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/05phns765"));
    assert_eq!(r.creators[1].name_type.as_ref().unwrap().as_str(), "Organizational");
    assert_eq!(r.contributors[0].contributor_type.as_ref().unwrap().as_str(), "DataCollector");
    assert_eq!(r.titles[1].title_type.as_ref().unwrap().as_str(), "Subtitle");
    // InvenioRDM's ISO 639-3 ids are the BCP 47 tags DataCite takes.
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.titles[1].lang.as_deref(), Some("en"));
    // The description's HTML is removed, as the serializer does, and said.
    assert_eq!(
        r.descriptions[0].description,
        "Concentrations of major ions and &delta; 18 O from a 38 m core. Drilled in spring 2019."
    );
    assert!(record.diagnostics.iter().any(|d| d.code == "markup.removed"));
    let dates: Vec<(&str, &str)> =
        r.dates.iter().map(|d| (d.date.as_str(), d.date_type.as_ref().unwrap().as_str())).collect();
    assert_eq!(dates, [("2025-02-11", "Issued"), ("2019-04/2019-05", "Collected"), ("2025-02-12", "Updated")]);
    let related: Vec<(&str, &str)> = r
        .related_identifiers
        .iter()
        .map(|x| (x.related_identifier.as_str(), x.relation_type.as_ref().unwrap().as_str()))
        .collect();
    assert_eq!(
        related,
        [
            ("10.1017/jog.2024.31", "IsSupplementTo"),
            ("https://github.com/npolar/icecore-tools", "Requires"),
            ("10.5281/zenodo.14820116", "IsVersionOf")
        ]
    );
    assert_eq!(r.related_identifiers[0].resource_type_general.as_ref().unwrap().as_str(), "JournalArticle");
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("cc-by-4.0"));
    assert_eq!(r.rights_list[0].rights_identifier_scheme.as_deref(), Some("SPDX"));
    let funding = &r.funding_references;
    assert_eq!(funding[0].funder_identifier.as_deref(), Some("https://ror.org/00k4n6c32"));
    assert_eq!(funding[0].award_uri.as_deref(), Some("https://cordis.europa.eu/projects/101003472"));
    assert_eq!(funding[1].funder_identifier_type.as_ref().unwrap().as_str(), "Crossref Funder ID");
    assert_eq!(r.geo_locations[0].points[0].point_latitude.0, "78.8667");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "oai:zenodo.org:14820117");
}

#[test]
fn unknown_ids_are_kept_and_reported() {
    let records = fixture("software-metadata.json");
    let record = &records[0];
    let maintainer = &record.resource.contributors[1];
    assert_eq!(maintainer.contributor_type.as_ref().unwrap().as_str(), "maintainer");
    let unknown = record.diagnostics.iter().find(|d| d.code == codes::VOCAB_UNKNOWN).unwrap();
    assert_eq!(unknown.location.path.as_deref(), Some("/contributors/1/role/id"));
    assert!(unknown.location.line.is_some());
    // The copyright is the serializer's rights statement; references are reported, not lost silently.
    assert!(record.resource.rights_list.iter().any(|r| r.rights.as_deref() == Some("© 2024 Marine Data Lab")));
    assert!(record
        .diagnostics
        .iter()
        .any(|d| d.code == codes::FIELD_UNMAPPED && d.location.path.as_deref() == Some("/references")));
    // An affiliation known by its ROR id only.
    assert_eq!(
        record.resource.creators[0].affiliation[0].affiliation_identifier.as_deref(),
        Some("https://ror.org/02jx3x895")
    );
}

#[test]
fn a_catalog_gives_one_record_a_line() {
    let records = fixture("catalog.jsonl");
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].origin.line, Some(2));
    assert_eq!(records[1].resource.types.resource_type.as_deref(), Some("Photo"));
    assert_eq!(records[1].resource.geo_locations[0].boxes.len(), 1);
}

#[test]
fn an_unknown_resource_type_is_other_with_the_id_kept() {
    let records = read(br#"{"metadata": {"resource_type": {"id": "publication-thesis-draft"}, "title": "T"}}"#);
    let r = &records[0].resource;
    assert_eq!(r.types.resource_type_general.as_ref().unwrap().as_str(), "Other");
    assert_eq!(r.types.resource_type.as_deref(), Some("publication-thesis-draft"));
    assert_eq!(records[0].diagnostics[0].location.path.as_deref(), Some("/metadata/resource_type/id"));
}

#[test]
fn hostile_items_fail_alone() {
    let records = read(b"[{\"metadata\": {\"title\": \"A\"}}, 7, {\"metadata\": {\"title\": [1]}}]");
    assert_eq!(records.len(), 3);
    assert!(!records[0].has_errors());
    assert_eq!(records[1].diagnostics[0].code, crosswalk_invenio::INVENIO_NOT_A_RECORD);
    assert_eq!(records[2].diagnostics[0].code, crosswalk_invenio::INVENIO_TYPE);
    assert_eq!(records[2].diagnostics[0].location.path.as_deref(), Some("/2/metadata/title"));
    // Nesting past serde_json's 128 levels is broken JSON, not a stack overflow.
    let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
    assert_eq!(read(deep.as_bytes())[0].diagnostics[0].code, crosswalk_invenio::INVENIO_SYNTAX);
    let deep = format!("{{\"metadata\": {}{}}}", "[".repeat(500), "]".repeat(500));
    assert_eq!(read(deep.as_bytes())[0].diagnostics[0].code, crosswalk_invenio::INVENIO_SYNTAX);
    assert_eq!(read(b"")[0].diagnostics[0].code, crosswalk_invenio::INVENIO_NO_RECORDS);
}

#[test]
fn subject_ids_and_location_identifiers_datacite_cannot_hold_are_reported() {
    let record = br#"{"metadata": {"resource_type": {"id": "dataset"}, "title": "T",
        "subjects": [{"id": "euroscivoc:425", "subject": "Seismology"}, {"id": "https://id.loc.gov/x", "subject": "Y"}],
        "locations": {"features": [{"place": "Karoo", "identifiers": [{"scheme": "geonames", "identifier": "1"}]}]}}}"#;
    let records = crosswalk_invenio::read(record);
    let unmapped: Vec<_> = records[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == crosswalk_model::codes::FIELD_UNMAPPED)
        .filter_map(|d| d.location.path.clone())
        .collect();
    assert!(unmapped.iter().any(|p| p.ends_with("/subjects/0/id")), "{unmapped:?}");
    assert!(!unmapped.iter().any(|p| p.ends_with("/subjects/1/id")), "{unmapped:?}");
    assert!(unmapped.iter().any(|p| p.ends_with("/locations/features/0/identifiers")), "{unmapped:?}");
    assert_eq!(records[0].resource.subjects[1].value_uri.as_deref(), Some("https://id.loc.gov/x"));
}

//! The CFF reader on our fixtures (`testdata/cff/`): snapshots, documented codes with places,
//! the decisions (what the record is, where the preferred citation and references go), and the
//! YAML layer's bounds.

use crosswalk_cff::{read, CODES};
use crosswalk_model::{NameType, Record, RelatedIdentifierType, RelationType, ResourceTypeGeneral};
use crosswalk_testkit::{assert_snapshot, testdata_bytes};

const FIXTURES: &[&str] =
    &["software.cff", "entities-orcids.cff", "preferred-citation.cff", "identifiers-licenses.cff"];

fn fixture(name: &str) -> Record {
    let mut records = read(&testdata_bytes(&format!("cff/{name}")));
    assert_eq!(records.len(), 1, "{name}");
    records.remove(0)
}

/// Every diagnostic has a documented code of its severity, and a line and column.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code);
        let info = info.unwrap_or_else(|| panic!("{label}: code {} is not documented ({d})", d.code));
        let lenient = ["required.missing", crosswalk_text::ENCODING_ASSUMED, "cff.yaml", "value.empty"];
        if !lenient.contains(&d.code.as_ref()) {
            assert_eq!(info.severity, d.severity, "{label}: {d}");
        }
        assert!(d.location.line.is_some(), "{label}: no line in {d}");
    }
}

fn snapshot_text(record: &Record) -> String {
    let value = serde_json::json!({
        "origin": {"index": record.origin.index, "key": record.origin.key, "line": record.origin.line, "schema": record.origin.schema},
        "resource": record.resource,
        "diagnostics": record.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("serialisable");
    text.push('\n');
    text
}

#[test]
fn snapshots() {
    for name in FIXTURES {
        let record = fixture(name);
        assert!(!record.has_errors(), "{name}: {:?}", record.diagnostics);
        assert_documented(name, &record);
        assert_snapshot(&format!("cff/{}", name.replace(".cff", ".json")), &snapshot_text(&record));
    }
}

#[test]
fn a_plain_software_file() {
    let r = fixture("software.cff").resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Software));
    assert_eq!(r.doi.as_deref(), Some("10.5281/zenodo.10820417"));
    assert_eq!(r.version.as_deref(), Some("2.4.1"));
    assert_eq!(r.publication_year.as_deref(), Some("2024"));
    assert_eq!(r.creators[0].name, "Solberg, Ingrid");
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "https://orcid.org/0000-0002-1825-0097");
    assert_eq!(r.creators[0].affiliation[0].name, "University of Bergen");
    assert_eq!(r.subjects.len(), 3);
    let repository = &r.related_identifiers[0];
    assert_eq!(repository.relation_type, Some(RelationType::IsVersionOf));
    assert_eq!(repository.related_identifier, "https://github.com/tidewatch/tidewatch");
    // A folded scalar is one line of text.
    assert!(r.descriptions[0].description.starts_with("tidewatch reads tide-gauge records in the formats of national"));
}

#[test]
fn persons_entities_and_what_is_not_carried() {
    let record = fixture("entities-orcids.cff");
    let r = &record.resource;
    let names: Vec<&str> = r.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "van der Waals, Johanna",
            "Okafor, Chidi, Jr.",
            "frostbyte",
            "Norwegian Polar Institute",
            "The Glacier Toolkit Developers"
        ]
    );
    assert_eq!(r.creators[0].family_name.as_deref(), Some("van der Waals"));
    assert_eq!(r.creators[3].name_type, Some(NameType::Organizational));
    assert_eq!(r.creators[3].name_identifiers[0].name_identifier_scheme.as_deref(), Some("ROR"));
    assert_eq!(r.contributors[0].contributor_type, Some(crosswalk_model::ContributorType::ContactPerson));
    // Every e-mail address is reported where it stands.
    let emails: Vec<String> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == "field.unmapped" && d.message.contains("email"))
        .map(|d| d.location.to_string())
        .collect();
    assert_eq!(emails, ["10:5 /authors/0/email", "22:5 /authors/4/email", "27:5 /contact/0/email"]);
    // A YAML date is its text.
    assert_eq!(r.dates[0].date, "2023-11-02");
}

#[test]
fn the_preferred_citation_and_references_are_related_items() {
    let record = fixture("preferred-citation.cff");
    let r = &record.resource;
    // The record is the software itself.
    assert_eq!(r.titles[0].title, "spectralfit");
    assert_eq!(r.doi.as_deref(), Some("10.5281/zenodo.7712345"));
    let preferred = &r.related_items[0];
    assert_eq!(preferred.relation_type, Some(RelationType::IsDescribedBy));
    assert_eq!(preferred.related_item_type, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(preferred.first_page.as_deref(), Some("5012"));
    assert_eq!(preferred.related_item_identifier.as_ref().unwrap().related_item_identifier, "10.21105/joss.05012");
    assert!(r
        .related_identifiers
        .iter()
        .any(|id| id.related_identifier == "10.21105/joss.05012"
            && id.relation_type == Some(RelationType::IsDescribedBy)));
    let kinds: Vec<_> = r.related_items.iter().skip(1).map(|i| i.related_item_type.clone().unwrap()).collect();
    assert_eq!(kinds, [ResourceTypeGeneral::Software, ResourceTypeGeneral::Book, ResourceTypeGeneral::Dataset]);
    let book = &r.related_items[2];
    assert_eq!(book.publisher.as_deref(), Some("Cambridge University Press"));
    assert_eq!(
        book.related_item_identifier.as_ref().unwrap().related_item_identifier_type,
        Some(RelatedIdentifierType::Isbn)
    );
    let data = &r.related_items[3];
    assert_eq!(data.publication_year.as_deref(), Some("2018"));
    // The journal has no place in a related item: reported at its line.
    let journal = record.diagnostics.iter().find(|d| d.message.contains("\"journal\"")).unwrap();
    assert_eq!(journal.location.to_string(), "23:3 /preferred-citation/journal");
}

#[test]
fn identifiers_licences_and_a_commit() {
    let record = fixture("identifiers-licenses.cff");
    let r = &record.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Dataset));
    // No doi key: the first DOI of identifiers is the record's.
    assert_eq!(r.doi.as_deref(), Some("10.4121/21234567.v2"));
    let alternates: Vec<(&str, &str)> = r
        .alternate_identifiers
        .iter()
        .map(|a| (a.alternate_identifier.as_str(), a.alternate_identifier_type.as_deref().unwrap()))
        .collect();
    assert_eq!(
        alternates,
        [
            ("10.4121/21234567", "DOI"),
            ("https://data.4tu.nl/datasets/0000-aaaa-bbbb", "URL"),
            ("swh:1:dir:d198bc9d7a6bcf6db04f476d29314f157507d505", "SWHID"),
            ("arXiv:2101.00001", "Other")
        ]
    );
    let ids: Vec<_> = r.rights_list.iter().map(|x| x.rights_identifier.as_deref()).collect();
    assert_eq!(ids, [Some("CC-BY-4.0"), Some("ODbL-1.0")]);
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by/4.0/legalcode"));
    assert!(r.descriptions.iter().any(|d| d.description == "Commit: 1f0e3c9b8d7a6e5f4c3b2a19081726354a5b6c7d"));
    assert_eq!(r.version.as_deref(), Some("2"));
}

#[test]
fn not_cff_and_broken_yaml() {
    let records = read(b"- a\n- b\n");
    assert_eq!(records[0].diagnostics[0].code, "cff.not-cff");
    let records = read(b"");
    assert!(records[0].has_errors());
    let records = read(b"title: \"unclosed\nauthors: []\n");
    let error = records[0].diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(error.code, "cff.yaml");
}

#[test]
fn an_older_version_is_read_with_a_warning() {
    let records = read(b"cff-version: 1.1.0\nmessage: m\ntitle: T\nauthors:\n  - name: X\n");
    let version = records[0].diagnostics.iter().find(|d| d.code == "cff.version").unwrap();
    assert_eq!(version.location.to_string(), "1:14 /cff-version");
    assert_eq!(records[0].resource.titles[0].title, "T");
}

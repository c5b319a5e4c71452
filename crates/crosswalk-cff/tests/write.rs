//! The CFF writer: what it writes follows the CFF 1.2.0 schema's rules (`common/schema.rs`), reads
//! back as the same resource where CFF holds it, and every value it cannot write is reported.

mod common;

use common::schema::{check, yaml_to_json};
use crosswalk_cff::{read, write};
use crosswalk_model::{codes, Creator, NameType, Resource, ResourceTypeGeneral, Title, Types};
use crosswalk_testkit::{testdata_bytes, workspace_root};

const FIXTURES: &[&str] =
    &["software.cff", "entities-orcids.cff", "preferred-citation.cff", "identifiers-licenses.cff"];

fn assert_valid(label: &str, text: &str) {
    let problems = check(&yaml_to_json(text));
    assert!(
        problems.is_empty(),
        "{label}: the CFF written breaks the schema's rules:\n{}\n{text}",
        problems.join("\n")
    );
}

#[test]
fn fixtures_round_trip_and_are_valid() {
    for name in FIXTURES {
        let bytes = testdata_bytes(&format!("cff/{name}"));
        // The fixtures themselves follow the schema's rules (the checker agrees with them).
        assert_valid(name, std::str::from_utf8(&bytes).unwrap());
        let first = read(&bytes).remove(0);
        let written = write(&first.resource);
        assert_valid(name, &written.text);
        assert!(!written.diagnostics.iter().any(|d| d.is_error()), "{name}: {:?}", written.diagnostics);
        let again = read(written.text.as_bytes()).remove(0);
        assert!(!again.has_errors(), "{name}: {:?}", again.diagnostics);
        assert_eq!(
            again.resource, first.resource,
            "{name}: read → write → read changed the resource\n{}",
            written.text
        );
        // And writing again gives the same text.
        assert_eq!(write(&again.resource).text, written.text, "{name}");
    }
}

#[test]
fn every_datacite_property_is_written_or_reported() {
    for name in ["every-property.xml", "read-kernel-4.7-all.xml"] {
        let xml = std::fs::read(workspace_root().join("testdata/datacite-xml").join(name)).unwrap();
        let record = crosswalk_datacite::xml::read(&xml);
        let r = &record.resource;
        let written = write(r);
        assert_valid(name, &written.text);
        // Every top-level property the CFF cannot hold is reported at its pointer.
        let json = serde_json::to_value(r).unwrap();
        let reported = |pointer: &str| {
            written.diagnostics.iter().any(|d| {
                d.location.path.as_deref().is_some_and(|p| p == pointer || p.starts_with(&format!("{pointer}/")))
            })
        };
        for property in ["publisher", "language", "sizes", "formats", "geoLocations", "fundingReferences"] {
            if json.get(property).is_some() {
                assert!(reported(&format!("/{property}")), "{name}: {property} was not reported");
            }
        }
        for d in &written.diagnostics {
            assert!(
                d.location.path.as_deref().is_some_and(|p| json.pointer(p).is_some()),
                "{name}: {d} points nowhere"
            );
            assert!(crosswalk_cff::CODES.iter().any(|c| c.code == d.code), "{name}: {d} is not documented");
        }
        // What it wrote reads back.
        let again = read(written.text.as_bytes()).remove(0);
        assert!(!again.has_errors(), "{name}: {:?}", again.diagnostics);
        let main = r.titles.iter().find(|t| t.title_type.is_none()).map(|t| &t.title);
        assert_eq!(again.resource.titles.first().map(|t| &t.title), main);
        assert_eq!(again.resource.creators.len(), r.creators.len());
        assert_eq!(again.resource.doi, r.doi);
    }
}

#[test]
fn a_record_without_authors_or_title_is_written_with_an_error() {
    let written = write(&Resource::default());
    let missing: Vec<&str> = written
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::REQUIRED_MISSING && d.is_error())
        .map(|d| d.location.path.as_deref().unwrap())
        .collect();
    assert_eq!(missing, ["/titles", "/creators"]);
}

#[test]
fn types_other_than_software_and_dataset_are_reported() {
    let mut r = Resource::default();
    r.titles.push(Title::new("A report"));
    r.creators.push(Creator { name_type: Some(NameType::Organizational), ..Creator::named("Agency") });
    r.types = Types::new(ResourceTypeGeneral::Report, None);
    let written = write(&r);
    assert!(!written.text.contains("\ntype:"));
    assert!(written.diagnostics.iter().any(|d| d.location.path.as_deref() == Some("/types/resourceTypeGeneral")));
    assert_valid("report", &written.text);
}

#[test]
fn text_that_yaml_would_misread_is_quoted_and_reads_back() {
    let tricky = [
        "yes",
        "No",
        "null",
        "~",
        "1.10",
        "0x1F",
        "2021-07-18",
        "- a list?",
        "a: mapping?",
        "# comment?",
        "x #y",
        "'quoted'",
        "\"double\"",
        "back\\slash",
        "tab\there",
        "line\nbreak",
        " padded",
        "trailing:",
        "[flow]",
        "{flow}",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@at",
        "`tick",
        "|",
        ">",
        "Ünïcödé ✓",
        "\u{85}next line",
    ];
    for text in tricky {
        let mut r = Resource::default();
        r.titles.push(Title::new(text));
        r.creators.push(Creator { name_type: Some(NameType::Organizational), ..Creator::named(text) });
        let written = write(&r);
        let json = yaml_to_json(&written.text);
        assert_eq!(json["title"].as_str(), Some(text), "{text:?} was written as {}", written.text);
        let again = read(written.text.as_bytes()).remove(0);
        assert_eq!(again.resource.creators[0].name, text.trim(), "{text:?}");
    }
}

//! Hostile and broken input: the readers return records with diagnostics and never panic.

mod common;

use common::fixture;
use crosswalk_schemaorg::{codemeta, schemaorg};

#[test]
fn every_truncation_of_a_fixture_reads_without_panic() {
    for name in [
        "schema-org/dataset-full.jsonld",
        "schema-org/graph.jsonld",
        "codemeta/codemeta-v3.json",
        "schema-org/landing-page.html",
    ] {
        let bytes = fixture(name);
        for end in 0..bytes.len() {
            let part = &bytes[..end];
            assert!(!schemaorg::read(part).is_empty());
            assert!(!codemeta::read(part).is_empty());
        }
    }
}

#[test]
fn byte_flips_read_without_panic() {
    let bytes = fixture("schema-org/dataset-full.jsonld");
    // A fixed pseudo-random sequence, so that a failure reproduces.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut copy = bytes.clone();
        let at = (state % copy.len() as u64) as usize;
        if let Some(byte) = copy.get_mut(at) {
            *byte = (state >> 32) as u8;
        }
        assert!(!schemaorg::read(&copy).is_empty());
    }
}

#[test]
fn cycles_and_deep_nesting_are_bounded() {
    let cycle = br#"{"@context": "https://schema.org", "@graph": [
        {"@id": "_:work", "@type": "Dataset", "name": "w", "author": {"@id": "_:role"}, "isPartOf": {"@id": "_:work"}},
        {"@id": "_:role", "@type": "Role", "roleName": "x", "author": {"@id": "_:role"}}]}"#;
    let records = schemaorg::read(cycle);
    assert_eq!(records.len(), 1);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(schemaorg::read(deep.as_bytes())[0].has_errors());
    let deep_object = format!(
        r#"{{"@context": "https://schema.org", "@type": "Dataset", "about": {}1{}}}"#,
        "[".repeat(150),
        "]".repeat(150)
    );
    assert!(!schemaorg::read(deep_object.as_bytes()).is_empty());
    let latin1 = b"{\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"name\": \"Caf\xe9\"}";
    let records = schemaorg::read(latin1);
    assert_eq!(records[0].resource.titles[0].title, "Café");
    assert!(records[0].diagnostics.iter().any(|d| d.code == "input.encoding"));
}

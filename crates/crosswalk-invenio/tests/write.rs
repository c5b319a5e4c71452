//! The InvenioRDM writer: what it writes reads back as the same resource, and what InvenioRDM's
//! metadata cannot hold is reported at the model's pointer.

use crosswalk_invenio::{read, write};
use crosswalk_model::{codes, RelatedItem, Resource, Title, TitleType, Vocabulary};
use crosswalk_testkit::testdata_bytes;

#[test]
fn the_fixtures_read_back_the_same_from_what_is_written() {
    for name in ["dataset-record.json", "software-metadata.json", "catalog.jsonl"] {
        for record in read(&testdata_bytes(&format!("invenio-rdm/{name}"))) {
            let written = write(&record.resource);
            let mut back = read(written.text.as_bytes());
            assert_eq!(back.len(), 1, "{name}");
            let back = back.remove(0);
            assert!(!back.has_errors(), "{name}: {:?}", back.diagnostics);
            // The landing page is the repository's own: not written, and said so.
            let mut expected = record.resource.clone();
            if expected.url.take().is_some() {
                assert!(written.diagnostics.iter().any(|d| d.location.path.as_deref() == Some("/url")));
            }
            assert_eq!(back.resource, expected, "{name}:\n{}", written.text);
        }
    }
}

#[test]
fn one_record_is_an_object_with_its_doi_under_pids() {
    let mut r = Resource { doi: Some("10.5072/x".into()), ..Resource::default() };
    r.titles.push(Title { title: "Main".into(), title_type: None, lang: None });
    r.titles.push(Title {
        title: "Sub".into(),
        title_type: Some(TitleType::from_exact("Subtitle")),
        lang: Some("en".into()),
    });
    let json: serde_json::Value = serde_json::from_str(&write(&r).text).unwrap();
    assert_eq!(json["pids"]["doi"], serde_json::json!({"identifier": "10.5072/x", "provider": "datacite"}));
    assert_eq!(json["metadata"]["title"], "Main");
    assert_eq!(json["metadata"]["additional_titles"][0]["type"]["id"], "subtitle");
    assert_eq!(json["metadata"]["additional_titles"][0]["lang"]["id"], "eng");
}

#[test]
fn what_invenio_cannot_hold_is_reported() {
    let mut r = Resource::default();
    r.related_items.push(RelatedItem::default());
    r.titles.push(Title { title: "T".into(), title_type: None, lang: None });
    r.titles.push(Title { title: "U".into(), title_type: Some(TitleType::unknown("Shortened")), lang: None });
    let written = write(&r);
    let at = |path: &str| {
        written
            .diagnostics
            .iter()
            .any(|d| d.code == codes::WRITE_UNREPRESENTABLE && d.location.path.as_deref() == Some(path))
    };
    assert!(at("/relatedItems"), "{:?}", written.diagnostics);
    assert!(at("/titles/1/titleType"), "{:?}", written.diagnostics);
}

#[test]
fn a_typed_title_alone_is_the_title_and_its_type_is_reported() {
    let mut r = Resource::default();
    r.titles.push(Title {
        title: "Only".into(),
        title_type: Some(TitleType::from_exact("AlternativeTitle")),
        lang: None,
    });
    let written = write(&r);
    let json: serde_json::Value = serde_json::from_str(&written.text).unwrap();
    assert_eq!(json["metadata"]["title"], "Only");
    assert!(written.diagnostics.iter().any(|d| d.location.path.as_deref() == Some("/titles/0/titleType")));
}

#[test]
fn what_subjects_and_name_identifiers_cannot_hold_is_reported() {
    let mut r = Resource { doi: Some("10.5072/x".into()), ..Resource::default() };
    r.titles.push(Title { title: "Main".into(), title_type: None, lang: None });
    r.subjects.push(crosswalk_model::Subject {
        subject: "Seismology".into(),
        classification_code: Some("105".into()),
        scheme_uri: Some("https://example.org/scheme".into()),
        ..Default::default()
    });
    r.creators.push(crosswalk_model::Creator {
        name: "Curie, Marie".into(),
        name_identifiers: vec![crosswalk_model::NameIdentifier {
            name_identifier: "X-1".into(),
            name_identifier_scheme: Some("Local".into()),
            scheme_uri: Some("https://ids.example.org/".into()),
        }],
        ..Default::default()
    });
    let written = write(&r);
    let at = |path: &str| {
        written
            .diagnostics
            .iter()
            .any(|d| d.code == codes::WRITE_UNREPRESENTABLE && d.location.path.as_deref() == Some(path))
    };
    assert!(at("/subjects/0/classificationCode"), "{:?}", written.diagnostics);
    assert!(at("/subjects/0/schemeUri"));
    assert!(at("/creators/0/nameIdentifiers/0/schemeUri"), "{:?}", written.diagnostics);
}

//! Writing CSL-JSON: items valid against the CSL 1.0.2 data schema, what cannot be written is
//! reported, and the writer's choices (type, id, names, dates, containers).

mod common;

use common::schema::{assert_valid, violations};
use crosswalk_model::{
    codes, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, NameIdentifier, NameType,
    Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemIdentifier, RelationType, Resource,
    ResourceTypeGeneral, Title, TitleType, Types,
};
use serde_json::{json, Value};

fn item_of(resource: &Resource) -> (Value, Vec<crosswalk_model::Diagnostic>) {
    let written = crosswalk_csl::write(resource);
    (serde_json::from_str(&written.text).expect("the writer writes JSON"), written.diagnostics)
}

#[test]
fn the_schema_check_catches_what_the_schema_forbids() {
    let bad = json!({
        "type": "journal-article", "title": 3, "author": [{"family": "A", "ORCID": "x"}],
        "issued": "2020", "volume": true, "x": 1, "categories": ["a", 1]
    });
    let errors = violations(&bad);
    for expected in
        ["/id: required", "/type:", "/title:", "/author/0/ORCID", "/issued:", "/volume:", "/x:", "/categories:"]
    {
        assert!(errors.iter().any(|e| e.starts_with(expected)), "{expected} not caught: {errors:?}");
    }
    assert!(violations(&json!({"type": "book", "id": 1, "issued": {"date-parts": [[2020, "5"]]}})).is_empty());
}

#[test]
fn items_written_from_every_fixture_are_valid_csl() {
    for path in common::fixtures() {
        for record in crosswalk_csl::read(&std::fs::read(&path).unwrap()) {
            let (item, _) = item_of(&record.resource);
            assert_valid(&format!("{} item {}", path.display(), record.origin.index), &item);
        }
    }
}

#[test]
fn datacite_xml_to_csl() {
    let xml = std::fs::read(crosswalk_testkit::testdata("datacite-xml/every-property.xml")).unwrap();
    let record = crosswalk_datacite::xml::read(&xml);
    let written = crosswalk_csl::write(&record.resource);
    let item: Value = serde_json::from_str(&written.text).unwrap();
    assert_valid("every-property.xml", &item);
    let mut text = written.text.clone();
    text.push('\n');
    for d in &written.diagnostics {
        text.push_str(&format!("- {d}\n"));
    }
    crosswalk_testkit::assert_snapshot("citeproc/write-every-property.txt", &text);
}

#[test]
fn official_examples_write_valid_csl() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let mut count = 0;
    for dir in ["reference/datacite-schema/kernel-4.7/example", "reference/datacite-schema/kernel-4-examples"] {
        for path in crosswalk_testkit::files_with_suffix(&shared.join(dir), ".xml") {
            let record = crosswalk_datacite::xml::read(&std::fs::read(&path).unwrap());
            let (item, _) = item_of(&record.resource);
            assert_valid(&path.display().to_string(), &item);
            count += 1;
        }
    }
    assert!(count > 20, "only {count} examples found");
}

fn article() -> Resource {
    Resource {
        doi: Some("10.5555/Example.1".into()),
        creators: vec![
            Creator {
                name: "Curie, Marie".into(),
                name_type: Some(NameType::Personal),
                given_name: Some("Marie".into()),
                family_name: Some("Curie".into()),
                name_identifiers: vec![NameIdentifier {
                    name_identifier: "https://orcid.org/0000-0002-1825-0097".into(),
                    name_identifier_scheme: Some("ORCID".into()),
                    scheme_uri: None,
                }],
                ..Default::default()
            },
            Creator { name: "Fenner, Martin".into(), name_type: Some(NameType::Personal), ..Default::default() },
            Creator::named("University of California, Santa Barbara"),
        ],
        titles: vec![
            Title::new("Radioactive substances"),
            Title { title: "a thesis".into(), title_type: Some(TitleType::Subtitle), lang: None },
            Title {
                title: "Substances radioactives".into(),
                title_type: Some(TitleType::TranslatedTitle),
                lang: Some("fr".into()),
            },
        ],
        publisher: Some(Publisher::named("Example Press")),
        publication_year: Some("1903".into()),
        types: Types::new(ResourceTypeGeneral::JournalArticle, None),
        contributors: vec![
            Contributor {
                name: "Becquerel, Henri".into(),
                contributor_type: Some(ContributorType::Editor),
                ..Default::default()
            },
            Contributor {
                name: "Example Archive".into(),
                contributor_type: Some(ContributorType::HostingInstitution),
                ..Default::default()
            },
            Contributor {
                name: "Example Funder".into(),
                contributor_type: Some(ContributorType::Sponsor),
                ..Default::default()
            },
        ],
        dates: vec![
            Date { date: "1903-06-25".into(), date_type: Some(DateType::Issued), date_information: None },
            Date { date: "1902".into(), date_type: Some(DateType::Created), date_information: None },
            Date {
                date: "2024-01-01".into(),
                date_type: Some(DateType::Other),
                date_information: Some("Accessed".into()),
            },
        ],
        related_items: vec![RelatedItem {
            related_item_type: Some(ResourceTypeGeneral::Journal),
            relation_type: Some(RelationType::IsPublishedIn),
            related_item_identifier: Some(RelatedItemIdentifier {
                related_item_identifier: "1234-5678".into(),
                related_item_identifier_type: Some(RelatedIdentifierType::Issn),
                ..Default::default()
            }),
            titles: vec![Title::new("Annales de Physique")],
            volume: Some("7".into()),
            first_page: Some("1".into()),
            last_page: Some("80".into()),
            ..Default::default()
        }],
        related_identifiers: vec![
            RelatedIdentifier {
                related_identifier: "1234-5678".into(),
                related_identifier_type: Some(RelatedIdentifierType::Issn),
                relation_type: Some(RelationType::IsPublishedIn),
                ..Default::default()
            },
            RelatedIdentifier {
                related_identifier: "8765-4321".into(),
                related_identifier_type: Some(RelatedIdentifierType::Issn),
                relation_type: Some(RelationType::IsPartOf),
                ..Default::default()
            },
            RelatedIdentifier {
                related_identifier: "10.5555/cited".into(),
                related_identifier_type: Some(RelatedIdentifierType::Doi),
                relation_type: Some(RelationType::Cites),
                ..Default::default()
            },
        ],
        alternate_identifiers: vec![AlternateIdentifier {
            alternate_identifier: "12345".into(),
            alternate_identifier_type: Some("PMID".into()),
        }],
        ..Default::default()
    }
}

#[test]
fn an_article_is_written_as_citation_processors_expect() {
    let (item, diagnostics) = item_of(&article());
    assert_valid("article", &item);
    assert_eq!(item["type"], "article-journal");
    assert_eq!(item["id"], "https://doi.org/10.5555/Example.1");
    assert_eq!(item["DOI"], "10.5555/Example.1");
    assert_eq!(item["title"], "Radioactive substances: a thesis");
    assert_eq!(item["author"][0], json!({"family": "Curie", "given": "Marie"}));
    assert_eq!(
        item["author"][1],
        json!({"family": "Fenner", "given": "Martin"}),
        "a Personal name is split at its comma"
    );
    assert_eq!(item["author"][2], json!({"literal": "University of California, Santa Barbara"}));
    assert_eq!(item["editor"][0], json!({"literal": "Becquerel, Henri"}), "no nameType: no split");
    assert_eq!(item["archive"], "Example Archive");
    assert_eq!(item["contributor"][0], json!({"literal": "Example Funder"}));
    assert_eq!(item["issued"], json!({"date-parts": [[1903, 6, 25]]}));
    assert_eq!(item["accessed"], json!({"date-parts": [[2024, 1, 1]]}));
    assert_eq!(item["container-title"], "Annales de Physique");
    assert_eq!(item["page"], "1-80");
    assert_eq!(item["ISSN"], "1234-5678, 8765-4321");
    assert_eq!(item["PMID"], "12345");
    let lost: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.code == codes::WRITE_UNREPRESENTABLE)
        .filter_map(|d| d.location.path.as_deref())
        .collect();
    assert_eq!(
        lost,
        [
            "/titles/2",
            "/creators/0/nameIdentifiers",
            "/contributors/2/contributorType",
            "/dates/1",
            "/relatedIdentifiers/2"
        ]
    );
    assert!(diagnostics.iter().any(|d| d.code == crosswalk_csl::CSL_WRITE_SUBTITLE_JOINED));
}

#[test]
fn ids_and_types_without_a_doi() {
    let mut resource = Resource { titles: vec![Title::new("Untyped")], ..Default::default() };
    let (item, diagnostics) = item_of(&resource);
    assert_valid("untyped", &item);
    assert_eq!(item["type"], "document");
    assert!(diagnostics.iter().any(|d| d.code == crosswalk_csl::CSL_WRITE_NO_TYPE));
    let id = item["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("item-"), "{id}");
    assert_eq!(item_of(&resource).0["id"], id.as_str(), "the id is stable");
    resource.url = Some("https://example.org/x".into());
    assert_eq!(item_of(&resource).0["id"], "https://example.org/x");
    resource.types = Types::new(ResourceTypeGeneral::Text, Some("Blog post"));
    assert_eq!(item_of(&resource).0["type"], "post-weblog");
    assert!(item_of(&resource).0.get("genre").is_none(), "a type label is no genre");
    resource.types = Types::new(ResourceTypeGeneral::Dissertation, Some("Doctoral dissertation"));
    let (item, _) = item_of(&resource);
    assert_eq!((item["type"].as_str(), item["genre"].as_str()), (Some("thesis"), Some("Doctoral dissertation")));
    resource.types = Types::new(ResourceTypeGeneral::Text, Some("BookChapter"));
    let (item, _) = item_of(&resource);
    assert_eq!(item["type"], "chapter", "a Crossref type name refines the type");
    assert!(item.get("genre").is_none());
}

#[test]
fn dates_that_are_not_w3cdtf_are_written_raw() {
    let resource = Resource {
        types: Types::new(ResourceTypeGeneral::Dataset, None),
        dates: vec![
            Date { date: "Early Bronze Age".into(), date_type: Some(DateType::Issued), date_information: None },
            Date { date: "2020-21".into(), date_type: Some(DateType::Available), date_information: None },
        ],
        publication_year: Some("2020".into()),
        ..Default::default()
    };
    let (item, _) = item_of(&resource);
    assert_valid("dates", &item);
    assert_eq!(item["issued"], json!({"raw": "Early Bronze Age"}));
    assert_eq!(item["available-date"], json!({"date-parts": [[2020]], "season": 1}));
}

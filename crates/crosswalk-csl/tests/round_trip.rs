//! Round trips: model → CSL → model keeps every property both carry (the list in
//! `mapping::ROUND_TRIP`, and the page), and CSL → model → CSL is stable after one pass.

mod common;

use crosswalk_model::{
    codes, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType,
    NameType, NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemContributor,
    RelatedItemCreator, RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Subject, Title, TitleType,
    Types,
};

/// Writes and reads back one resource.
fn through_csl(resource: &Resource) -> (Resource, Vec<crosswalk_model::Diagnostic>) {
    let written = crosswalk_csl::write(resource);
    let mut records = crosswalk_csl::read(written.text.as_bytes());
    assert_eq!(records.len(), 1);
    let record = records.remove(0);
    assert!(!record.has_errors(), "{:?}", record.diagnostics);
    (record.resource, written.diagnostics)
}

fn person(family: &str, given: &str) -> Creator {
    Creator {
        name: format!("{family}, {given}"),
        name_type: Some(NameType::Personal),
        given_name: Some(given.into()),
        family_name: Some(family.into()),
        ..Default::default()
    }
}

fn contributor(family: &str, given: &str, contributor_type: ContributorType) -> Contributor {
    let p = person(family, given);
    Contributor {
        name: p.name,
        name_type: p.name_type,
        given_name: p.given_name,
        family_name: p.family_name,
        contributor_type: Some(contributor_type),
        ..Default::default()
    }
}

fn related_creator(family: &str, given: &str) -> RelatedItemCreator {
    RelatedItemCreator {
        name: format!("{family}, {given}"),
        name_type: Some(NameType::Personal),
        given_name: Some(given.into()),
        family_name: Some(family.into()),
        lang: None,
    }
}

/// A record with every property of `ROUND_TRIP`, in values CSL can hold.
fn every_round_trip_property() -> Resource {
    Resource {
        doi: Some("10.5555/RoundTrip.1".into()),
        url: Some("https://example.org/round-trip".into()),
        types: Types::new(ResourceTypeGeneral::BookChapter, Some("Handbook chapter")),
        titles: vec![
            Title::new("Going round"),
            Title { title: "Round".into(), title_type: Some(TitleType::AlternativeTitle), lang: None },
        ],
        creators: vec![
            person("Morales", "Lucía"),
            Creator { name: "Survey Group".into(), name_type: Some(NameType::Organizational), ..Default::default() },
        ],
        // CSL groups names by role, in the schema's order of the roles; the archive comes last.
        contributors: vec![
            contributor("Nakamura", "Ken", ContributorType::Other),
            contributor("Silva", "Rita", ContributorType::DataCurator),
            contributor("Whitfield", "Jonas", ContributorType::Editor),
            contributor("Walsh", "Eoin", ContributorType::Producer),
            contributor("Costa", "Inês", ContributorType::Translator),
            Contributor {
                name: "Marine Data Archive".into(),
                name_type: Some(NameType::Organizational),
                contributor_type: Some(ContributorType::HostingInstitution),
                ..Default::default()
            },
        ],
        publisher: Some(Publisher::named("Coastal Press")),
        publication_year: Some("2021".into()),
        dates: vec![
            Date { date: "2021-03-04".into(), date_type: Some(DateType::Issued), date_information: None },
            Date { date: "2021-05".into(), date_type: Some(DateType::Available), date_information: None },
            Date { date: "2020-11-02".into(), date_type: Some(DateType::Submitted), date_information: None },
            Date {
                date: "2023-01-05".into(),
                date_type: Some(DateType::Other),
                date_information: Some("Accessed".into()),
            },
            Date {
                date: "2020-09-14/2020-09-18".into(),
                date_type: Some(DateType::Other),
                date_information: Some("Event date".into()),
            },
            Date {
                date: "2015".into(),
                date_type: Some(DateType::Other),
                date_information: Some("Original date".into()),
            },
        ],
        language: Some("en".into()),
        subjects: vec![
            Subject { subject: "Tides".into(), ..Default::default() },
            Subject { subject: "Shelf seas".into(), ..Default::default() },
        ],
        descriptions: vec![
            Description {
                description: "An abstract.".into(),
                description_type: Some(DescriptionType::Abstract),
                lang: None,
            },
            Description { description: "A note.".into(), description_type: Some(DescriptionType::Other), lang: None },
        ],
        version: Some("1.1".into()),
        sizes: vec!["24 cm".into(), "40 pages".into(), "2 volumes".into()],
        formats: vec!["Print".into()],
        alternate_identifiers: vec![
            AlternateIdentifier {
                alternate_identifier: "31234567".into(),
                alternate_identifier_type: Some("PMID".into()),
            },
            AlternateIdentifier {
                alternate_identifier: "PMC1234567".into(),
                alternate_identifier_type: Some("PMCID".into()),
            },
            AlternateIdentifier {
                alternate_identifier: "GC301 .M67".into(),
                alternate_identifier_type: Some("Call number".into()),
            },
        ],
        related_identifiers: vec![
            RelatedIdentifier {
                related_identifier: "978-0-12-345678-9".into(),
                related_identifier_type: Some(RelatedIdentifierType::Isbn),
                relation_type: Some(RelationType::IsPublishedIn),
                ..Default::default()
            },
            RelatedIdentifier {
                related_identifier: "1234-5678".into(),
                related_identifier_type: Some(RelatedIdentifierType::Issn),
                relation_type: Some(RelationType::IsPublishedIn),
                ..Default::default()
            },
        ],
        related_items: vec![
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Book),
                relation_type: Some(RelationType::IsPublishedIn),
                related_item_identifier: Some(RelatedItemIdentifier {
                    related_item_identifier: "978-0-12-345678-9".into(),
                    related_item_identifier_type: Some(RelatedIdentifierType::Isbn),
                    ..Default::default()
                }),
                creators: vec![related_creator("Brennan", "Clare")],
                titles: vec![
                    Title::new("Handbook of Shelf Seas"),
                    Title { title: "Shelf Seas".into(), title_type: Some(TitleType::AlternativeTitle), lang: None },
                ],
                volume: Some("2".into()),
                issue: Some("4".into()),
                number: Some("7".into()),
                number_type: Some(NumberType::Chapter),
                first_page: Some("101".into()),
                last_page: Some("140".into()),
                edition: Some("2".into()),
                publisher: Some("Coastal Press".into()),
                publication_year: Some("2021".into()),
                ..Default::default()
            },
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Collection),
                relation_type: Some(RelationType::IsPublishedIn),
                related_item_identifier: Some(RelatedItemIdentifier {
                    related_item_identifier: "1234-5678".into(),
                    related_item_identifier_type: Some(RelatedIdentifierType::Issn),
                    ..Default::default()
                }),
                titles: vec![Title::new("Studies in Coastal Science")],
                number: Some("3".into()),
                number_type: Some(NumberType::Other),
                contributors: vec![RelatedItemContributor {
                    name: "Ferreira, Joana".into(),
                    name_type: Some(NameType::Personal),
                    given_name: Some("Joana".into()),
                    family_name: Some("Ferreira".into()),
                    lang: None,
                    contributor_type: Some(ContributorType::Editor),
                }],
                ..Default::default()
            },
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Event),
                relation_type: Some(RelationType::IsPartOf),
                titles: vec![Title::new("Shelf Seas Conference 2020")],
                ..Default::default()
            },
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::BookChapter),
                relation_type: Some(RelationType::IsTranslationOf),
                creators: vec![related_creator("Morales", "Lucía")],
                titles: vec![Title::new("Mareas de la plataforma norte")],
                publication_year: Some("2015".into()),
                publisher: Some("Editorial Costera".into()),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

#[test]
fn model_to_csl_to_model_keeps_every_round_trip_property() {
    let original = every_round_trip_property();
    let (back, diagnostics) = through_csl(&original);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(back, original);
    // Every property of the list is in the record, so the equality covers them all.
    let json = serde_json::to_value(&original).unwrap();
    for path in crosswalk_csl::mapping::ROUND_TRIP {
        let present = path.trim_end_matches("[]").split('.').fold(vec![&json], |values, key| {
            let (key, list) = match key.strip_suffix("[]") {
                Some(key) => (key, true),
                None => (key, false),
            };
            values
                .into_iter()
                .filter_map(|v| v.get(key))
                .flat_map(|v| if list { v.as_array().map(|a| a.iter().collect()).unwrap_or_default() } else { vec![v] })
                .collect()
        });
        assert!(!present.is_empty(), "{path} is not in the round-trip record");
    }
}

#[test]
fn general_types_written_as_article_come_back() {
    // DataCite derives `article` for these general types; the writer's genre says which it was.
    for general in [
        ResourceTypeGeneral::Preprint,
        ResourceTypeGeneral::Collection,
        ResourceTypeGeneral::Award,
        ResourceTypeGeneral::Project,
        ResourceTypeGeneral::Other,
    ] {
        let original = Resource {
            titles: vec![Title::new("Typed")],
            types: Types { resource_type_general: Some(general.clone()), resource_type: None },
            ..Default::default()
        };
        let (back, _) = through_csl(&original);
        assert_eq!(back.types.resource_type_general, Some(general.clone()), "{general}");
    }
}

#[test]
fn csl_to_model_to_csl_is_stable() {
    for path in common::fixtures() {
        for record in crosswalk_csl::read(&std::fs::read(&path).unwrap()) {
            if record.has_errors() {
                continue;
            }
            let label = format!("{} item {}", path.display(), record.origin.index);
            let first = record.resource.clone();
            let written = crosswalk_csl::write(&first);
            let (second, _) = through_csl(&first);
            let (third, _) = through_csl(&second);
            assert_eq!(second, third, "{label}: not stable after one pass");
            assert_eq!(crosswalk_csl::write(&second).text, crosswalk_csl::write(&third).text, "{label}");
            // Where neither the reader approximated nor the writer reported a loss, nothing
            // changes.
            let approximated = record.diagnostics.iter().any(|d| {
                d.code.starts_with("vocab.")
                    || d.code == crosswalk_csl::CSL_TYPE_APPROXIMATED
                    || d.code == crosswalk_csl::CSL_NO_TYPE
            });
            let lossless = !approximated
                && !written.diagnostics.iter().any(|d| {
                    d.code == codes::WRITE_UNREPRESENTABLE
                        || d.code == crosswalk_csl::CSL_WRITE_SUBTITLE_JOINED
                        || d.code == crosswalk_csl::CSL_WRITE_TYPE_NAME
                });
            if lossless {
                assert_eq!(first, second, "{label}: changed though the writer reported no loss");
            }
        }
    }
}

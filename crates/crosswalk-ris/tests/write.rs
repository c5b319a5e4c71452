//! Tests of the RIS writer: round trips model → RIS → model for every field both carry (one
//! resource per kind of container), a resource using every model field (snapshotted, with what RIS
//! cannot hold reported), the writer's table, and DataCite XML valid against the official XSD from
//! records read from complete RIS sources.

use crosswalk_model::{
    codes, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType,
    NameType, NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemIdentifier,
    RelationType, Resource, ResourceTypeGeneral, Rights, Subject, Title, TitleType, Types,
};
use crosswalk_ris::{read, write, CODES, WRITTEN};
use crosswalk_testkit::{assert_official_xsd_valid, assert_snapshot, shared_or_skip, testdata};

fn person(family: &str, given: &str) -> Creator {
    Creator {
        name: format!("{family}, {given}"),
        given_name: Some(given.into()),
        family_name: Some(family.into()),
        ..Creator::default()
    }
}

fn contributor(family: &str, given: &str, role: ContributorType) -> Contributor {
    Contributor {
        name: format!("{family}, {given}"),
        given_name: Some(given.into()),
        family_name: Some(family.into()),
        contributor_type: Some(role),
        ..Contributor::default()
    }
}

fn title(text: &str, kind: Option<TitleType>) -> Title {
    Title { title: text.into(), title_type: kind, lang: None }
}

fn date(text: &str, kind: DateType, information: Option<&str>) -> Date {
    Date { date: text.into(), date_type: Some(kind), date_information: information.map(str::to_owned) }
}

fn description(text: &str, kind: DescriptionType) -> Description {
    Description { description: text.into(), description_type: Some(kind), lang: None }
}

fn alternate(value: &str, kind: &str) -> AlternateIdentifier {
    AlternateIdentifier { alternate_identifier: value.into(), alternate_identifier_type: Some(kind.into()) }
}

fn url_relation(url: &str, information: &str) -> RelatedIdentifier {
    RelatedIdentifier {
        related_identifier: url.into(),
        related_identifier_type: Some(RelatedIdentifierType::Url),
        relation_type: Some(RelationType::Other),
        relation_type_information: Some(information.into()),
        ..RelatedIdentifier::default()
    }
}

/// A journal article using every field RIS carries for journal articles, in the reader's forms.
fn article() -> Resource {
    Resource {
        doi: Some("10.5555/Round.Trip.1".into()),
        alternate_identifiers: vec![
            alternate("WOS:000000000000001", "Accession number"),
            alternate("QH541 .R68", "Call number"),
            alternate("PMC7654321", "PMCID"),
        ],
        creators: vec![
            person("Doe", "Jane"),
            Creator {
                name: "Example Consortium, Working Group 2".into(),
                name_type: Some(NameType::Organizational),
                ..Creator::default()
            },
            Creator::named("Plato"),
        ],
        titles: vec![
            title("Round trips through RIS", None),
            title("Round trips", Some(TitleType::AlternativeTitle)),
            title("Rundreisen durch RIS", Some(TitleType::TranslatedTitle)),
        ],
        publisher: Some(Publisher::named("Example Publishing")),
        publication_year: Some("2020".into()),
        subjects: vec![
            Subject { subject: "metadata".into(), ..Subject::default() },
            Subject { subject: "crosswalks; formats".into(), ..Subject::default() },
        ],
        contributors: vec![
            contributor("Roe", "Richard", ContributorType::Editor),
            contributor("Kuznetsova", "Anna", ContributorType::Translator),
        ],
        dates: vec![
            date("2020-05-17", DateType::Issued, None),
            date("2021-01-02", DateType::Other, Some("Accessed")),
            date("2020-04-01", DateType::Available, None),
        ],
        language: Some("en".into()),
        types: Types::new(ResourceTypeGeneral::JournalArticle, Some("Journal article")),
        related_identifiers: vec![
            url_relation("https://records.example.org/related/7", "Related record (RIS L3)"),
            RelatedIdentifier {
                related_identifier: "1234-5679".into(),
                related_identifier_type: Some(RelatedIdentifierType::Issn),
                relation_type: Some(RelationType::IsPublishedIn),
                resource_type_general: Some(ResourceTypeGeneral::Journal),
                ..RelatedIdentifier::default()
            },
            url_relation("https://mirror.example.org/article/1", "Additional URL (RIS UR)"),
        ],
        related_items: vec![RelatedItem {
            related_item_type: Some(ResourceTypeGeneral::Journal),
            relation_type: Some(RelationType::IsPublishedIn),
            related_item_identifier: Some(RelatedItemIdentifier {
                related_item_identifier: "1234-5678".into(),
                related_item_identifier_type: Some(RelatedIdentifierType::Issn),
                ..RelatedItemIdentifier::default()
            }),
            titles: vec![title("Journal of Examples", None), title("J. Ex.", Some(TitleType::AlternativeTitle))],
            volume: Some("12".into()),
            issue: Some("3".into()),
            number: Some("e123".into()),
            number_type: Some(NumberType::Article),
            first_page: Some("101".into()),
            last_page: Some("118".into()),
            ..RelatedItem::default()
        }],
        descriptions: vec![
            description("First paragraph.\nSecond line.\n\nAU  - not a tag, a paragraph.", DescriptionType::Abstract),
            description("Example Series in Metadata", DescriptionType::SeriesInformation),
            description("A note.", DescriptionType::Other),
        ],
        rights_list: vec![Rights { rights: Some("© 2020 the authors".into()), ..Rights::default() }],
        url: Some("https://journal.example.org/article/1".into()),
        content_url: vec!["https://journal.example.org/article/1.pdf".into()],
        ..Resource::default()
    }
}

/// A book chapter: editors, the book's ISBN and edition.
fn chapter() -> Resource {
    Resource {
        creators: vec![person("Tanaka", "Hiro")],
        titles: vec![title("Field methods", None)],
        publisher: Some(Publisher::named("Example Academic")),
        publication_year: Some("2018".into()),
        contributors: vec![contributor("Schmidt", "Petra", ContributorType::Editor)],
        dates: vec![date("2018", DateType::Issued, Some("Spring"))],
        types: Types::new(ResourceTypeGeneral::BookChapter, Some("Book chapter")),
        related_items: vec![RelatedItem {
            related_item_type: Some(ResourceTypeGeneral::Book),
            relation_type: Some(RelationType::IsPublishedIn),
            related_item_identifier: Some(RelatedItemIdentifier {
                related_item_identifier: "978-3-16-148410-0".into(),
                related_item_identifier_type: Some(RelatedIdentifierType::Isbn),
                ..RelatedItemIdentifier::default()
            }),
            titles: vec![title("Handbook of Soil Ecology", None)],
            first_page: Some("201".into()),
            last_page: Some("230".into()),
            edition: Some("2".into()),
            ..RelatedItem::default()
        }],
        ..Resource::default()
    }
}

/// A book in a series, with its page count, edition and ISBN; a free-text type of work.
fn book() -> Resource {
    Resource {
        alternate_identifiers: vec![alternate("3-16-148410-X", "ISBN")],
        creators: vec![person("Fischer", "Anna")],
        titles: vec![title("Lakes of Northern Germany", None)],
        publisher: Some(Publisher::named("Example Verlag")),
        publication_year: Some("2015".into()),
        dates: vec![date("2015", DateType::Issued, None)],
        types: Types::new(ResourceTypeGeneral::Book, Some("Field guide")),
        related_items: vec![RelatedItem {
            related_item_type: Some(ResourceTypeGeneral::Collection),
            relation_type: Some(RelationType::IsPublishedIn),
            titles: vec![title("Studies in Limnology", None)],
            volume: Some("8".into()),
            ..RelatedItem::default()
        }],
        sizes: vec!["412 pages".into()],
        version: Some("3rd".into()),
        ..Resource::default()
    }
}

/// A report with its number, a magazine article (a type only the writer's labels give back), a
/// video with its producer.
fn others() -> Vec<Resource> {
    vec![
        Resource {
            alternate_identifiers: vec![alternate("EEA-TR-2012-04", "Report number")],
            creators: vec![Creator {
                name: "Example Environment Agency".into(),
                name_type: Some(NameType::Organizational),
                ..Creator::default()
            }],
            titles: vec![title("Groundwater quality 2011", None)],
            publication_year: Some("2012".into()),
            dates: vec![date("2012", DateType::Issued, None)],
            types: Types::new(ResourceTypeGeneral::Report, Some("Report")),
            ..Resource::default()
        },
        Resource {
            titles: vec![title("On crosswalks", None)],
            types: Types::new(ResourceTypeGeneral::Text, Some("Magazine article")),
            ..Resource::default()
        },
        Resource {
            titles: vec![title("Glaciers in motion", None)],
            contributors: vec![contributor("Lindqvist", "Sara", ContributorType::Producer)],
            types: Types::new(ResourceTypeGeneral::Audiovisual, Some("Video recording")),
            ..Resource::default()
        },
    ]
}

#[test]
fn round_trips_keep_every_field_ris_carries() {
    let mut resources = vec![article(), chapter(), book()];
    resources.extend(others());
    for resource in resources {
        let written = write(&resource);
        assert!(
            written.diagnostics.is_empty(),
            "{:?} wrote diagnostics:\n{:#?}\n{}",
            resource.titles[0].title,
            written.diagnostics,
            written.text
        );
        let records = read(written.text.as_bytes());
        assert_eq!(records.len(), 1, "{}", written.text);
        let record = &records[0];
        assert!(!record.has_errors(), "{:?}", record.diagnostics);
        assert_eq!(record.resource, resource, "\n{}", written.text);
        // Writing what was read gives the same text.
        assert_eq!(write(&record.resource).text, written.text);
    }
}

#[test]
fn the_article_as_ris() {
    let written = write(&article());
    assert_snapshot("ris-write/article.ris", &written.text);
}

#[test]
fn several_records_concatenate_into_one_file() {
    let mut file = String::new();
    for resource in [article(), chapter(), book()] {
        file.push_str(&write(&resource).text);
    }
    let records = read(file.as_bytes());
    assert_eq!(records.len(), 3);
    assert!(records.iter().all(|r| r.diagnostics.iter().all(|d| d.severity == crosswalk_model::Severity::Info)));
    assert_eq!(records[2].resource, book());
}

/// Every property of the model: what RIS holds is written, the rest reported once per kind.
#[test]
fn every_property_is_written_or_reported() {
    let xml = std::fs::read(testdata("datacite-xml/every-property.xml")).expect("read every-property.xml");
    let resource = crosswalk_datacite::xml::read(&xml).resource;
    let written = write(&resource);
    for d in &written.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code).unwrap_or_else(|| panic!("{} is not in CODES", d.code));
        assert_eq!(info.severity, d.severity, "{d}");
        assert!(d.location.path.as_deref().is_some_and(|p| p.starts_with('/')), "{d}");
    }
    let mut text = written.text.clone();
    text.push_str("\n--- diagnostics ---\n");
    for d in &written.diagnostics {
        text.push_str(&d.to_string());
        text.push('\n');
    }
    assert_snapshot("ris-write/every-property.txt", &text);
    let lost: Vec<&str> = written
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::WRITE_UNREPRESENTABLE)
        .filter_map(|d| d.location.path.as_deref())
        .collect();
    for expected in ["/geoLocations/0", "/fundingReferences/0", "/formats/0"] {
        assert!(lost.contains(&expected), "{expected} not reported: {lost:?}");
    }
    // What was written reads back without errors.
    let records = read(written.text.as_bytes());
    assert_eq!(records.len(), 1);
    assert!(!records[0].has_errors());
}

/// The writer's table names every tag the writer writes, and each of its tags is written by one
/// of the test resources.
#[test]
fn the_written_table_is_complete() {
    let xml = std::fs::read(testdata("datacite-xml/every-property.xml")).expect("read every-property.xml");
    let mut outputs = vec![write(&crosswalk_datacite::xml::read(&xml).resource).text];
    outputs.extend([article(), chapter(), book()].iter().chain(others().iter()).map(|r| write(r).text));
    // The ID is the record's citation key in its source, which only `write_keyed` is given.
    outputs.push(crosswalk_ris::write_keyed(&article(), Some("art-1")).text);
    let mut used = std::collections::BTreeSet::new();
    for text in &outputs {
        for line in text.lines() {
            if line.get(2..6) == Some("  - ") {
                used.insert(line.get(..2).unwrap_or_default().to_owned());
            }
        }
    }
    let listed: std::collections::BTreeSet<String> = WRITTEN.iter().map(|w| w.tag.to_owned()).collect();
    assert_eq!(used, listed);
}

#[test]
fn unrepresentable_values_are_reported_once_per_kind() {
    let mut resource = article();
    resource.creators[0].affiliation.push(crosswalk_model::Affiliation::named("Univ A"));
    resource.creators[2].affiliation.push(crosswalk_model::Affiliation::named("Univ B"));
    resource.titles.push(title("A subtitle", Some(TitleType::Subtitle)));
    resource.descriptions.push(description("How it was done.", DescriptionType::Methods));
    let written = write(&resource);
    let affiliations: Vec<_> = written.diagnostics.iter().filter(|d| d.message.contains("affiliations")).collect();
    assert_eq!(affiliations.len(), 1);
    assert!(affiliations[0].message.contains("2 values"), "{}", affiliations[0].message);
    assert_eq!(affiliations[0].location.path.as_deref(), Some("/creators/0/affiliation"));
    assert!(written.text.contains("TI  - Round trips through RIS: A subtitle\r\n"));
    assert!(written.text.contains("N1  - How it was done.\r\n"));
    assert_eq!(written.diagnostics.iter().filter(|d| d.code == crosswalk_ris::WRITTEN_APPROXIMATELY).count(), 2);
}

#[test]
fn a_resource_without_type_is_generic() {
    let written = write(&Resource { titles: vec![title("x", None)], ..Resource::default() });
    assert!(written.text.starts_with("TY  - GEN\r\n"));
    assert_eq!(written.diagnostics[0].code, crosswalk_ris::TYPE_DEFAULTED);
    let written = write(&Resource::default());
    assert_eq!(written.text, "TY  - GEN\r\nER  - \r\n");
}

#[test]
fn line_breaks_in_one_line_values_become_spaces() {
    let written = write(&Resource { titles: vec![title("Two\nlines", None)], ..Resource::default() });
    assert!(written.text.contains("TI  - Two lines\r\n"));
    assert!(written.diagnostics.iter().any(|d| d.code == crosswalk_ris::WRITTEN_APPROXIMATELY));
}

// ---- XSD validity of what complete sources give --------------------------------------------------

#[test]
fn complete_ris_records_give_valid_datacite_xml() {
    let bytes = std::fs::read(testdata("ris/complete.ris")).expect("read complete.ris");
    for record in read(&bytes) {
        let xml = crosswalk_datacite::xml::write(&record.resource);
        assert_official_xsd_valid("complete.ris", &xml.text);
    }
}

#[test]
fn bolognese_ris_bug_gives_valid_datacite_xml() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/ris_bug.ris")).expect("read ris_bug.ris");
    let record = read(&bytes).remove(0);
    let xml = crosswalk_datacite::xml::write(&record.resource);
    assert_official_xsd_valid("ris_bug.ris", &xml.text);
}

#[test]
fn records_with_containers_give_valid_datacite_xml() {
    // Complete the fixtures' records with what DataCite requires and RIS exports often lack.
    for name in ["zotero.ris", "endnote.ris", "web-of-science.ris", "scopus.ris", "mendeley.ris", "messy.ris"] {
        let bytes = std::fs::read(testdata(&format!("ris/{name}"))).expect("read fixture");
        for (i, record) in read(&bytes).into_iter().enumerate() {
            let mut r = record.resource;
            if r.doi.is_none() {
                r.doi = Some(format!("10.5555/fixture.{i}"));
            }
            r.publisher.get_or_insert_with(|| Publisher::named("Example"));
            r.publication_year.get_or_insert_with(|| "2020".into());
            r.types.resource_type_general.get_or_insert(ResourceTypeGeneral::Other);
            if r.creators.is_empty() {
                r.creators.push(Creator::named("Anonymous"));
            }
            let xml = crosswalk_datacite::xml::write(&r);
            assert_official_xsd_valid(&format!("{name} record {i}"), &xml.text);
        }
    }
}

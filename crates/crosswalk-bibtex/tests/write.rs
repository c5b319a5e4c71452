//! Tests of the BibTeX writer: round trips model → BibTeX → model, citation keys, escaping,
//! entry types, and what is reported as unrepresentable.

use crosswalk_bibtex::types::ENTRY_TYPES;
use crosswalk_bibtex::{read, read_str, write, Writer, CODES};
use crosswalk_model::{
    Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType, NameType, Record, Resource,
    ResourceTypeGeneral, Subject, Title, Types,
};
use crosswalk_testkit::{assert_snapshot, testdata};

fn fixture(name: &str) -> Vec<Record> {
    read(&std::fs::read(testdata(&format!("bibtex/{name}"))).unwrap())
}

/// Writes a resource and reads it back.
fn round_trip(resource: &Resource) -> (String, Resource) {
    let written = write(resource);
    for d in &written.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code).unwrap_or_else(|| panic!("{} not in CODES", d.code));
        assert_eq!(info.severity, d.severity, "{d}");
        assert!(d.location.path.is_some() || d.code == "bibtex.key-disambiguated", "{d}");
    }
    let records = read_str(&written.text);
    assert_eq!(records.len(), 1, "{}", written.text);
    assert!(!records[0].has_errors(), "{}\n{:?}", written.text, records[0].diagnostics);
    (written.text, records[0].resource.clone())
}

/// A resource without what BibTeX cannot carry back: related identifiers that are not the
/// mirror of a container identifier (the parent DOI of a `crossref` child).
fn bibtex_part(resource: &Resource) -> Resource {
    let mut r = resource.clone();
    let item_ids: Vec<String> = r
        .related_items
        .iter()
        .filter_map(|i| i.related_item_identifier.as_ref().map(|id| id.related_item_identifier.clone()))
        .collect();
    r.related_identifiers.retain(|ri| {
        item_ids.contains(&ri.related_identifier)
            || ri.related_identifier_type == Some(crosswalk_model::RelatedIdentifierType::Issn)
    });
    r
}

#[test]
fn records_read_from_bibtex_survive_a_round_trip() {
    for name in ["biblatex.bib", "inheritance.bib", "messy.bib"] {
        for record in fixture(name) {
            if record.has_errors() {
                continue;
            }
            let expected = bibtex_part(&record.resource);
            let (text, back) = round_trip(&expected);
            assert_eq!(back, expected, "{name} {:?}:\n{text}", record.origin.key);
        }
    }
}

#[test]
fn bolognese_fixtures_survive_a_round_trip() {
    let shared = crosswalk_testkit::shared_or_skip!();
    for name in ["crossref.bib", "pure.bib"] {
        let records = read(&std::fs::read(shared.join("reference/bolognese-fixtures").join(name)).unwrap());
        let (text, back) = round_trip(&records[0].resource);
        assert_eq!(back, records[0].resource, "{name}:\n{text}");
    }
}

/// The DataCite fixture with every property, written as BibTeX: the fields BibTeX can carry come
/// back; the rest is reported.
#[test]
fn every_property_record_round_trip_and_losses() {
    let xml = std::fs::read(testdata("datacite-xml/every-property.xml")).unwrap();
    let source = crosswalk_datacite::xml::read(&xml).resource;
    let written = write(&source);
    let mut report = written.text.clone();
    report.push('\n');
    for d in &written.diagnostics {
        report.push_str(&d.to_string());
        report.push('\n');
    }
    assert_snapshot("bibtex/every-property-write.txt", &report);
    let back = read_str(&written.text).remove(0).resource;
    // What both carry (the list on the crosswalk page).
    assert_eq!(back.doi, source.doi);
    assert_eq!(back.titles.len(), 2);
    assert_eq!(back.titles[0].title, source.titles[0].title);
    assert_eq!(back.titles[1].title_type, source.titles[1].title_type);
    assert_eq!(back.creators[0].name, source.creators[0].name);
    assert_eq!(back.creators[0].given_name, source.creators[0].given_name);
    assert_eq!(back.creators[0].family_name, source.creators[0].family_name);
    assert_eq!(back.publisher.as_ref().map(|p| &p.name), source.publisher.as_ref().map(|p| &p.name));
    assert_eq!(back.publication_year, source.publication_year);
    assert_eq!(back.types.resource_type_general, source.types.resource_type_general);
    assert_eq!(back.types.resource_type, source.types.resource_type);
    assert_eq!(back.language, source.language);
    assert_eq!(back.version, source.version);
    assert_eq!(back.url, source.url);
    assert_eq!(back.subjects[0].subject, source.subjects[0].subject);
    assert_eq!(back.rights_list[0].rights, source.rights_list[0].rights);
    assert_eq!(back.rights_list[0].rights_uri, source.rights_list[0].rights_uri);
    let item = source.related_items.iter().find(|i| i.related_item_type != Some(ResourceTypeGeneral::Collection));
    if let Some(item) = item {
        let back_item = &back.related_items[0];
        assert_eq!(back_item.titles[0].title, item.titles[0].title);
        assert_eq!(back_item.volume, item.volume);
        assert_eq!(back_item.first_page, item.first_page);
        assert_eq!(back_item.last_page, item.last_page);
    }
}

#[test]
fn keys_are_stable_unique_and_ascii() {
    let mut r = Resource::default();
    r.creators.push(Creator {
        name: "Øster-Ålund, Ærø".into(),
        family_name: Some("Øster-Ålund".into()),
        given_name: Some("Ærø".into()),
        ..Creator::default()
    });
    r.titles.push(Title::new("The Ünïcode ‘Problem’"));
    r.publication_year = Some("2021".into());
    let mut writer = Writer::new();
    let keys: Vec<String> = (0..3)
        .map(|_| {
            let text = writer.write(&r).text;
            text.split(['{', ',']).nth(1).unwrap().to_owned()
        })
        .collect();
    assert_eq!(keys, ["osteralund2021unicode", "osteralund2021unicodea", "osteralund2021unicodeb"]);
    let second = writer.write(&r);
    assert!(second.diagnostics.iter().any(|d| d.code == "bibtex.key-disambiguated"));
    // A fresh writer gives the same keys again; a record with nothing to build a key from is `entry`.
    assert!(Writer::new().write(&r).text.starts_with("@misc{osteralund2021unicode,"));
    assert!(write(&Resource::default()).text.starts_with("@misc{entry,"));
    let mut org = Resource::default();
    org.creators.push(Creator {
        name: "World Health Organization".into(),
        name_type: Some(NameType::Organizational),
        ..Creator::default()
    });
    org.dates.push(Date { date: "2020-05-01".into(), date_type: Some(DateType::Issued), date_information: None });
    org.titles.push(Title::new("A report on the state"));
    assert!(write(&org).text.starts_with("@misc{world2020report,"));
}

#[test]
fn text_with_latex_specials_round_trips() {
    let texts = [
        "50% of $5 & #1_x",
        "a--b and ---c, ''q'' and `x`",
        "Braces {left} and } alone, back\\slash ~tilde^caret",
        "Müller – 東京 – Ελληνικά – ½",
        "!` and ?` are Spanish",
        "AT&T and R&D",
    ];
    for text in texts {
        let mut r = Resource::default();
        r.titles.push(Title::new(text));
        r.descriptions.push(Description {
            description: text.into(),
            description_type: Some(DescriptionType::Abstract),
            lang: None,
        });
        r.creators.push(Creator {
            name: text.to_owned(),
            family_name: Some(text.into()),
            given_name: Some("Given".into()),
            ..Creator::default()
        });
        let (written, back) = round_trip(&r);
        assert_eq!(back.titles[0].title, text, "{written}");
        assert_eq!(back.descriptions[0].description, text, "{written}");
        assert_eq!(back.creators[0].family_name.as_deref(), Some(text), "{written}");
    }
}

#[test]
fn every_entry_type_is_written_back_as_itself() {
    for row in ENTRY_TYPES {
        let bib = format!("@{}{{key, title = {{T}}, year = 2000}}", row.name);
        let records = read_str(&bib);
        let written = write(&records[0].resource);
        let kind = written.text.trim_start_matches('@').split('{').next().unwrap_or_default().to_owned();
        let expected = match row.name {
            "electronic" | "www" => "online",
            "report" => "techreport",
            "thesis" => "phdthesis",
            "conference" => "inproceedings",
            name => name,
        };
        assert_eq!(kind, expected, "{}", row.name);
    }
}

#[test]
fn names_round_trip_in_every_form() {
    let bib = r#"@book{k, author = {van Beethoven, Ludwig and King, Jr, Martin Luther and {Barnes and Noble}
        and Aristotle and Jean-Paul Sartre and {\'E}douard Manet}, title = {T}}"#;
    let first = read_str(bib).remove(0).resource;
    let (text, back) = round_trip(&first);
    assert_eq!(back.creators, first.creators, "{text}");
    assert!(text.contains("author = {van Beethoven, Ludwig and King, Jr, Martin Luther and {Barnes and Noble} and Aristotle and Sartre, Jean-Paul and Manet, Édouard}"), "{text}");
}

#[test]
fn contributors_and_dates_beyond_bibtex_are_reported() {
    let mut r = Resource { types: Types::new(ResourceTypeGeneral::Dataset, None), ..Resource::default() };
    r.contributors.push(Contributor {
        name: "Curator, Carla".into(),
        contributor_type: Some(ContributorType::DataCurator),
        ..Contributor::default()
    });
    r.dates.push(Date { date: "2020-01-01".into(), date_type: Some(DateType::Collected), date_information: None });
    r.subjects.push(Subject { subject: "Lichens".into(), subject_scheme: Some("LCSH".into()), ..Subject::default() });
    let written = write(&r);
    let paths: Vec<&str> = written.diagnostics.iter().filter_map(|d| d.location.path.as_deref()).collect();
    assert_eq!(paths, ["/dates/0", "/subjects/0", "/contributors/0"]);
    assert!(written.text.contains("keywords = {Lichens}"));
}

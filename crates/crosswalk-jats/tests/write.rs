//! The JATS writer: every DataCite XML fixture gives a well-formed citation with the elements
//! its type calls for; names, titles, containers, dates, identifiers and escaping case by case,
//! as the JATS4R data and software recommendations show them; and `docs/crosswalks/jats.md`,
//! generated from [`MAPPING`] (`CROSSWALK_UPDATE_SNAPSHOTS=1` rewrites it).

use crosswalk_jats::{publication_type, write, MAPPING, XLINK};
use crosswalk_model::{
    Contributor, ContributorType, Creator, Date, DateType, NameType, Publisher, RelatedItem, RelationType, Resource,
    ResourceTypeGeneral, Title, TitleType, Types,
};
use crosswalk_testkit::{files_with_suffix, testdata, updating_snapshots, workspace_root};

const TYPES: &[&str] = &[
    "journal",
    "book",
    "chapter",
    "data",
    "software",
    "preprint",
    "thesis",
    "report",
    "confproc",
    "standard",
    "periodical",
    "webpage",
    "other",
];

fn person(family: &str, given: &str) -> Creator {
    let mut c = Creator::named(format!("{family}, {given}"));
    c.name_type = Some(NameType::Personal);
    c.family_name = Some(family.into());
    c.given_name = Some(given.into());
    c
}

fn resource(general: ResourceTypeGeneral, title: &str) -> Resource {
    Resource { types: Types::new(general, None), titles: vec![Title::new(title)], ..Resource::default() }
}

/// The text of the first element `name` of the citation, if any.
fn text_of(xml: &str, name: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants().find(|n| n.tag_name().name() == name).map(|n| n.text().unwrap_or_default().to_owned())
}

#[test]
fn every_fixture_gives_a_well_formed_citation_of_a_known_type() {
    let mut count = 0;
    for path in files_with_suffix(&testdata("datacite-xml"), ".xml") {
        let record = crosswalk_datacite::xml::read(&std::fs::read(&path).unwrap());
        if record.has_errors() {
            continue;
        }
        let written = write(&record.resource);
        let doc = roxmltree::Document::parse(&written.text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "element-citation");
        assert!(TYPES.contains(&root.attribute("publication-type").unwrap()), "{}", path.display());
        assert!(written.diagnostics.iter().all(|d| !d.is_error()));
        count += 1;
    }
    assert!(count >= 5);
}

#[test]
fn a_dataset_cites_as_jats4r_data() {
    let mut r = resource(ResourceTypeGeneral::Dataset, "Lichen survey plots");
    r.creators.push(person("Lindqvist", "Maja"));
    let mut org = Creator::named("Nordic Lichen Consortium");
    org.name_type = Some(NameType::Organizational);
    r.creators.push(org);
    r.creators.push(Creator::named("Plato"));
    r.publisher = Some(Publisher::named("Zenodo"));
    r.dates.push(Date { date: "2023-05-04".into(), date_type: Some(DateType::Issued), date_information: None });
    r.publication_year = Some("2023".into());
    r.version = Some("2.0".into());
    r.doi = Some("10.5281/zenodo.1".into());
    let text = write(&r).text;
    assert!(text.starts_with(r#"<element-citation publication-type="data">"#), "{text}");
    assert!(text.contains("<name><surname>Lindqvist</surname><given-names>Maja</given-names></name><collab>Nordic Lichen Consortium</collab><string-name>Plato</string-name>"), "{text}");
    assert_eq!(text_of(&text, "data-title").as_deref(), Some("Lichen survey plots"));
    // The repository is the source (JATS4R), not repeated as publisher-name.
    assert_eq!(text_of(&text, "source").as_deref(), Some("Zenodo"));
    assert!(!text.contains("publisher-name"));
    assert!(text.contains(r#"<year iso-8601-date="2023-05-04">2023</year><month>05</month><day>04</day>"#), "{text}");
    assert!(text.contains(r#"<pub-id pub-id-type="doi">10.5281/zenodo.1</pub-id>"#));
}

#[test]
fn a_journal_article_has_its_journal_volume_issue_and_pages() {
    let mut r = resource(ResourceTypeGeneral::JournalArticle, "Mangrove loss");
    r.titles.push(Title { title: "the Lekki coast".into(), title_type: Some(TitleType::Subtitle), lang: None });
    r.creators.push(person("King", "Martin Luther"));
    if let Some(king) = r.creators.first_mut() {
        king.name = "King, Martin Luther, Jr.".into();
    }
    r.publisher = Some(Publisher::named("Example Press"));
    r.publication_year = Some("2020".into());
    let mut journal = RelatedItem {
        related_item_type: Some(ResourceTypeGeneral::Journal),
        relation_type: Some(RelationType::IsPublishedIn),
        ..RelatedItem::default()
    };
    journal.titles.push(Title::new("Coastal Review"));
    journal.volume = Some("12".into());
    journal.issue = Some("3".into());
    journal.first_page = Some("101".into());
    journal.last_page = Some("118".into());
    r.related_items.push(journal);
    let text = write(&r).text;
    assert_eq!(publication_type(&r), "journal");
    assert_eq!(text_of(&text, "article-title").as_deref(), Some("Mangrove loss: the Lekki coast"));
    assert_eq!(text_of(&text, "source").as_deref(), Some("Coastal Review"));
    assert_eq!(text_of(&text, "suffix").as_deref(), Some("Jr."));
    for (element, value) in [("volume", "12"), ("issue", "3"), ("fpage", "101"), ("lpage", "118")] {
        assert_eq!(text_of(&text, element).as_deref(), Some(value), "{element}");
    }
    assert_eq!(text_of(&text, "publisher-name").as_deref(), Some("Example Press"));
}

#[test]
fn software_editors_urls_and_escaping() {
    let mut r = resource(ResourceTypeGeneral::Software, "R & D <tools>");
    r.publisher = Some(Publisher::named("GitHub"));
    r.url = Some("https://github.com/x/y?a=1&b=2".into());
    let mut editor = Contributor { name: "Moreau, Léa".into(), ..Contributor::default() };
    editor.contributor_type = Some(ContributorType::Editor);
    editor.name_type = Some(NameType::Personal);
    r.contributors.push(editor);
    let mut collector = Contributor { name: "Berg, Olle".into(), ..Contributor::default() };
    collector.contributor_type = Some(ContributorType::DataCollector);
    r.contributors.push(collector);
    let written = write(&r);
    let text = &written.text;
    // Well-formed with the XLink namespace declared where the link needs it.
    let doc = roxmltree::Document::parse(text).unwrap();
    let link = doc.descendants().find(|n| n.tag_name().name() == "ext-link").unwrap();
    assert_eq!(link.attribute((XLINK, "href")), Some("https://github.com/x/y?a=1&b=2"));
    assert_eq!(text_of(text, "part-title").as_deref(), Some("R & D <tools>"));
    assert!(text.contains(r#"<person-group person-group-type="editor"><name><surname>Moreau</surname><given-names>Léa</given-names></name></person-group>"#), "{text}");
    let lost = written.diagnostics.iter().find(|d| d.location.path.as_deref() == Some("/contributors/1")).unwrap();
    assert!(lost.message.contains("Berg, Olle (DataCollector)"));
    // No title: a warning, never an error.
    let untitled = write(&Resource::default());
    assert!(untitled.diagnostics.iter().any(|d| d.code == "jats.no-title"));
    assert!(roxmltree::Document::parse(&untitled.text).is_ok());
}

#[test]
fn editors_who_stand_for_the_creators_are_written_once() {
    let mut r = resource(ResourceTypeGeneral::Book, "Collected papers");
    let mut editor = Contributor { name: "Haddad, Nadia".into(), ..Contributor::default() };
    editor.contributor_type = Some(ContributorType::Editor);
    editor.name_type = Some(NameType::Personal);
    editor.family_name = Some("Haddad".into());
    editor.given_name = Some("Nadia".into());
    r.contributors.push(editor);
    r.creators.push(person("Haddad", "Nadia"));
    let text = write(&r).text;
    assert_eq!(text.matches("Haddad").count(), 1, "{text}");
    assert!(text.contains(r#"person-group-type="editor""#));
    assert_eq!(text_of(&text, "source").as_deref(), Some("Collected papers"));
}

#[test]
fn the_crosswalk_page_is_generated_from_the_mapping() {
    let mut page = String::from(
        "# DataCite → JATS\n\n\
         What Crosswalk writes for a record as a JATS 1.3 `<element-citation>` (format `jats`; several\n\
         records are the `ref`s of one `<ref-list>`, ids `r1`, `r2` …; one record is its citation alone),\n\
         following the JATS4R recommendations on data and software citations. Write only: Crosswalk\n\
         does not read JATS.\n\n\
         A citation holds what a reader needs to find the work. Everything else the record holds\n\
         (identifiers of people, affiliations, subjects, descriptions, rights, funding, places, most\n\
         relations, other dates) has no place in it and is reported once per property as\n\
         `write.unrepresentable`, at the model's JSON pointer; a record without a title gives a\n\
         citation naming none (`jats.no-title`, a warning).\n\n\
         This page is generated from `crosswalk_jats::MAPPING` by\n\
         `crates/crosswalk-jats/tests/write.rs`; run it with `CROSSWALK_UPDATE_SNAPSHOTS=1` to\n\
         regenerate it.\n\n\
         ## Mapping\n\n\
         | DataCite (model) | JATS | Notes |\n|---|---|---|\n",
    );
    for row in MAPPING {
        page.push_str(&format!("| `{}` | `{}` | {} |\n", row.property, row.jats, row.note));
    }
    let path = workspace_root().join("docs/crosswalks/jats.md");
    if updating_snapshots() {
        std::fs::write(&path, &page).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(on_disk, page, "docs/crosswalks/jats.md is stale: run with CROSSWALK_UPDATE_SNAPSHOTS=1");
}

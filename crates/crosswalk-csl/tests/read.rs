//! Reading CSL-JSON: our fixtures for every shape (snapshots and spot checks), bolognese's
//! Citeproc fixtures, positions, broken input and streaming.

mod common;

use common::{by_key, has, read_fixture, render};
use crosswalk_csl::types::ITEM_TYPES;
use crosswalk_csl::Reader;
use crosswalk_model::{codes, ContributorType, DateType, NameType, RelationType, ResourceTypeGeneral, TitleType};

#[test]
fn fixtures_match_their_snapshots() {
    for path in common::fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let records = crosswalk_csl::read(&bytes);
        let name = path.file_stem().unwrap().to_string_lossy();
        crosswalk_testkit::assert_snapshot(&format!("citeproc/read-{name}.txt"), &render(&records));
    }
}

#[test]
fn the_streaming_reader_gives_what_read_gives() {
    for path in common::fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let whole = crosswalk_csl::read(&bytes);
        let streamed: Vec<_> = Reader::new(std::io::BufReader::with_capacity(7, &bytes[..])).collect();
        assert_eq!(whole, streamed, "{}", path.display());
        let indexes: Vec<usize> = whole.iter().map(|r| r.origin.index).collect();
        assert_eq!(indexes, (0..whole.len()).collect::<Vec<_>>(), "{}", path.display());
    }
}

#[test]
fn bolognese_citeproc_fixtures() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    for name in ["citeproc.json", "citeproc-no-author.json", "citeproc-no-categories.json"] {
        let records = crosswalk_csl::read(&std::fs::read(dir.join(name)).unwrap());
        assert_eq!(records.len(), 1, "{name}");
        let record = &records[0];
        assert!(!record.has_errors(), "{name}: {:?}", record.diagnostics);
        assert_eq!(record.count(crosswalk_model::Severity::Warning), 0, "{name}: {:?}", record.diagnostics);
        let r = &record.resource;
        assert_eq!(r.titles[0].title, "Eating your own Dog Food", "{name}");
        assert_eq!(r.url.as_deref(), Some("https://blog.datacite.org/eating-your-own-dog-food"));
        assert_eq!(r.publication_year.as_deref(), Some("2016"));
        assert_eq!(r.dates[0].date, "2016-12-20");
        assert_eq!(r.dates[0].date_type, Some(DateType::Issued));
        assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("DataCite"));
        assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Text));
        assert_eq!(r.types.resource_type.as_deref(), Some("Blog post"));
        assert!(r.descriptions[0].description.starts_with("Eating your own dog food"));
        let container = &r.related_items[0];
        assert_eq!(container.relation_type, Some(RelationType::IsPublishedIn));
        assert_eq!(container.titles[0].title, "DataCite Blog");
        // The item's type comes back when written.
        assert_eq!(crosswalk_csl::types::csl_type(&r.types), Some("post-weblog"));
    }
    let full = crosswalk_csl::read(&std::fs::read(dir.join("citeproc.json")).unwrap());
    let r = &full[0].resource;
    assert_eq!(r.doi.as_deref(), Some("10.5438/4k3m-nyvg"));
    assert_eq!(r.subjects.len(), 7);
    assert_eq!(r.creators[0].name, "Fenner, Martin");
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
    // The translator's literal repeats its parts: no loss, nothing to report.
    assert_eq!(r.contributors[0].name, "Ross, Cody");
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::Translator));
    let no_author = crosswalk_csl::read(&std::fs::read(dir.join("citeproc-no-author.json")).unwrap());
    assert!(no_author[0].resource.creators.is_empty());
    let no_categories = crosswalk_csl::read(&std::fs::read(dir.join("citeproc-no-categories.json")).unwrap());
    assert!(no_categories[0].resource.subjects.is_empty());
    assert_eq!(no_categories[0].resource.doi.as_deref(), Some("10.5072/4k3m-nyvg"));
}

/// A name's text, nameType, given and family name.
type NameParts<'a> = (&'a str, Option<&'a NameType>, Option<&'a str>, Option<&'a str>);

#[test]
fn names_in_every_shape() {
    let records = read_fixture("names.json");
    let record = &records[0];
    let names: Vec<NameParts<'_>> = record
        .resource
        .creators
        .iter()
        .map(|c| (c.name.as_str(), c.name_type.as_ref(), c.given_name.as_deref(), c.family_name.as_deref()))
        .collect();
    let personal = Some(&NameType::Personal);
    let organizational = Some(&NameType::Organizational);
    assert_eq!(names[0], ("Curie, Marie", personal, Some("Marie"), Some("Curie")));
    assert_eq!(names[1], ("van Gogh, Vincent", personal, Some("Vincent"), Some("van Gogh")));
    assert_eq!(names[2], ("von Humboldt, Alexander", personal, Some("Alexander"), Some("von Humboldt")));
    assert_eq!(names[3], ("King, Martin Luther, Jr.", personal, Some("Martin Luther"), Some("King")));
    // An institution's literal is never split on its comma.
    assert_eq!(names[5], ("University of California, Santa Barbara", organizational, None, None));
    assert_eq!(names[6].0, "Fenner, Martin");
    assert!(has(record, codes::FIELD_UNMAPPED, "/0/author/8/literal"), "a differing literal is reported");
    assert!(!has(record, codes::FIELD_UNMAPPED, "/0/author/7/literal"), "\"Given Family\" is the same name");
    // A family name alone is no evidence of a person.
    assert_eq!(names[9], ("Plato", None, None, Some("Plato")));
    assert_eq!(names[10], ("Madonna", None, Some("Madonna"), None));
    let okonkwo = &record.resource.creators[11];
    assert_eq!(okonkwo.name_identifiers[0].name_identifier, "http://orcid.org/0000-0001-5109-3700");
    assert_eq!(okonkwo.name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    let affiliations: Vec<&str> = okonkwo.affiliation.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(affiliations, ["University of Lagos", "Lagos Business School", "Pan-Atlantic University"]);
    assert_eq!(okonkwo.affiliation[2].affiliation_identifier.as_deref(), Some("https://ror.org/02xyz"));
    assert_eq!(okonkwo.affiliation[2].affiliation_identifier_scheme.as_deref(), Some("ROR"));
    // An ORCID makes even a literal name a person.
    // A literal with an ORCID is a person's name: split by the shared splitter ("wa" is a particle).
    assert_eq!(names[12], ("wa Thiong'o, Ngũgĩ", personal, Some("Ngũgĩ"), Some("wa Thiong'o")));
    // Plain strings are kept as written.
    assert_eq!(names[13], ("Smith, John", None, None, None));
    assert!(has(record, crosswalk_csl::CSL_NAME_STRING, "/0/author/13"));
    assert_eq!(names[15], ("Padded, Name", personal, Some("Name"), Some("Padded")));
    assert!(has(record, crosswalk_csl::CSL_TYPE, "/0/author/18"));
    assert!(has(record, codes::FIELD_UNMAPPED, "/0/author/19/middle"));
    assert!(has(record, crosswalk_csl::CSL_DUPLICATE_KEY, "/0/author/20/family"));
    assert_eq!(names.iter().filter(|n| n.0 == "Twice, Key").count(), 1, "the last of a repeated key is used");
    assert!(has(record, crosswalk_csl::CSL_PROCESSOR_VARIABLE, "/0/author/3/comma-suffix"));
    // A single name object instead of a list, a string instead of a list.
    let contributors: Vec<(&str, Option<&ContributorType>)> =
        record.resource.contributors.iter().map(|c| (c.name.as_str(), c.contributor_type.as_ref())).collect();
    assert_eq!(
        contributors,
        [("Solo, Single", Some(&ContributorType::Editor)), ("Nakamura, Ken", Some(&ContributorType::Translator))]
    );
    assert!(has(record, crosswalk_csl::CSL_TYPE, "/0/illustrator"));
}

#[test]
fn dates_in_every_shape() {
    let records = read_fixture("dates.json");
    let issued = |key: &str| {
        let r = &by_key(&records, key).resource;
        r.dates.iter().find(|d| d.date_type == Some(DateType::Issued)).map(|d| d.date.clone())
    };
    let expected = [
        ("d-full", Some("2016-12-20")),
        ("d-month", Some("2016-05")),
        ("d-year", Some("1998")),
        ("d-range", Some("2020-01/2020-03")),
        ("d-season-number", Some("2020-23")),
        ("d-season-month", Some("2019-24")),
        ("d-season-unknown", Some("2019")),
        ("d-circa", Some("1850~")),
        ("d-raw-iso", Some("2016-12-20")),
        ("d-raw-free", Some("2020-05-17")),
        ("d-raw-slashes", Some("2020-05-17")),
        ("d-literal", Some("Early Bronze Age")),
        ("d-edtf-string", Some("2004-06~")),
        ("d-number", Some("1987")),
        ("d-bce", Some("-0044-03-15")),
        ("d-null-parts", None),
        ("d-bad-month", None),
        ("d-crossref", Some("2019-07-01")),
        ("d-both", Some("2001-02-03")),
        ("d-invalid", None),
    ];
    for (key, date) in expected {
        assert_eq!(issued(key).as_deref(), date, "{key}");
    }
    assert_eq!(by_key(&records, "d-range").resource.publication_year.as_deref(), Some("2020"));
    assert_eq!(by_key(&records, "d-bce").resource.publication_year, None);
    let literal = by_key(&records, "d-literal");
    assert!(has(literal, crosswalk_csl::CSL_DATE_UNPARSED, "/11/issued/literal"));
    let bad = by_key(&records, "d-bad-month");
    assert!(has(bad, codes::VALUE_INVALID, "/16/issued/date-parts/0"));
    // The submitted date's parts are broken; its raw form is used instead.
    assert_eq!(bad.resource.dates[0].date, "2020-04");
    assert_eq!(bad.resource.dates[0].date_type, Some(DateType::Submitted));
    let crossref = by_key(&records, "d-crossref");
    assert!(has(crossref, codes::FIELD_UNMAPPED, "/17/issued/date-time"));
    let converted = by_key(&records, "d-full");
    assert!(has(converted, crosswalk_csl::CSL_DATE_CONVERTED, "/0/issued/date-parts"));
}

#[test]
fn every_item_type_maps_and_comes_back() {
    let records = read_fixture("types.json");
    assert_eq!(records.len(), ITEM_TYPES.len());
    for (record, item_type) in records.iter().zip(ITEM_TYPES) {
        assert!(record.diagnostics.iter().all(|d| !d.code.starts_with("vocab.")), "{}", item_type.csl);
        let types = &record.resource.types;
        assert_eq!(types.resource_type_general.as_ref(), Some(&item_type.general), "{}", item_type.csl);
        assert_eq!(types.resource_type.as_deref(), item_type.label, "{}", item_type.csl);
        assert_eq!(crosswalk_csl::types::csl_type(types), Some(item_type.csl), "{}", item_type.csl);
        // Without a label, the derived types of the model give the CSL type back on their own.
        if item_type.label.is_none() {
            assert_eq!(types.derived().map(|d| d.citeproc), Some(item_type.csl), "{}", item_type.csl);
        }
    }
}

#[test]
fn crossref_type_ids_read_as_the_crossref_xml_reader_reads_them() {
    let records = read_fixture("crossref-types.json");
    let expected = [
        ("journal-article", ResourceTypeGeneral::JournalArticle, "JournalArticle", Some(ResourceTypeGeneral::Journal)),
        ("posted-content", ResourceTypeGeneral::Preprint, "PostedContent", None),
        ("book-chapter", ResourceTypeGeneral::BookChapter, "BookChapter", Some(ResourceTypeGeneral::Book)),
        ("monograph", ResourceTypeGeneral::Book, "Monograph", None),
        (
            "proceedings-article",
            ResourceTypeGeneral::ConferencePaper,
            "ProceedingsArticle",
            Some(ResourceTypeGeneral::ConferenceProceeding),
        ),
    ];
    for (record, (id, general, name, container)) in records.iter().zip(expected) {
        let r = &record.resource;
        assert_eq!(r.types.resource_type_general.as_ref(), Some(&general), "{id}");
        assert_eq!(r.types.resource_type.as_deref(), Some(name), "{id}");
        let derived = r.types.derived().unwrap();
        // The derived citation type agrees with the general type and the container.
        assert_eq!(Some(derived.citeproc), crosswalk_csl::types::crossref_lookup(id).map(|(_, t)| t.csl), "{id}");
        assert_eq!(r.related_items.first().and_then(|i| i.related_item_type.clone()), container, "{id}");
        assert!(record.diagnostics.iter().any(|d| d.code == crosswalk_csl::CSL_CROSSREF_TYPE), "{id}");
        // The same work from Crossref XML reads as the same types.
        let xml_row = crosswalk_crossref_like_row(name);
        assert!(xml_row.contains(&general), "{id}: {xml_row:?}");
    }
    // A chapter's ISBN is its book's; a monograph's its own.
    assert_eq!(
        records[2].resource.related_items[0].related_item_identifier.as_ref().unwrap().related_item_identifier,
        "978-0-00-000000-2"
    );
    assert_eq!(records[3].resource.alternate_identifiers[0].alternate_identifier, "978-0-00-000000-3");
    // Matched ignoring case; a journal issue's ISSN is its own, as a periodical's is.
    let issue = &records[5].resource;
    assert_eq!(issue.types.resource_type_general, Some(ResourceTypeGeneral::Journal));
    assert_eq!(issue.types.resource_type.as_deref(), Some("Special issue"));
    assert_eq!(issue.alternate_identifiers[0].alternate_identifier, "1234-5678");
}

#[test]
fn jats_abstracts_become_text_and_other_abstracts_stay_as_written() {
    let records = read_fixture("jats-abstract.json");
    let text = |i: usize| records[i].resource.descriptions[0].description.as_str();
    assert_eq!(text(0), "We grew Example coli at 37 °C & pH 7.\n\nGrowth scaled as t2 .");
    assert!(has(&records[0], crosswalk_rules::MARKUP_REMOVED, "/0/abstract"));
    assert!(has(&records[0], crosswalk_rules::MATH_FLATTENED, "/0/abstract"));
    assert_eq!(text(1), "Background\n\nLittle is known.\n\nResults\n\nMuch is now known; see here.");
    assert!(has(&records[1], codes::VALUE_INVALID, "/1/abstract"), "a foreign element is named");
    assert!(text(2).starts_with("<jats:p>"), "markup that is not well-formed is kept");
    assert!(has(&records[2], codes::VALUE_INVALID, "/2/abstract"));
    assert_eq!(text(3), "Effects were small (p < 0.05) for doses > 3 mg;<br/>see the table.");
    assert!(records[3].diagnostics.iter().all(|d| !d.location.path.as_deref().unwrap_or("").ends_with("abstract")));
}

#[test]
fn article_is_a_text_unless_its_genre_or_journal_says_more() {
    let records = read_fixture("article.json");
    let types = |key: &str| {
        let r = &by_key(&records, key).resource;
        (r.types.resource_type_general.clone().unwrap(), r.types.resource_type.clone())
    };
    assert_eq!(types("plain"), (ResourceTypeGeneral::Text, Some("Article".into())));
    assert_eq!(types("figshare-collection"), (ResourceTypeGeneral::Collection, Some("Collection".into())));
    assert_eq!(types("preprint"), (ResourceTypeGeneral::Preprint, Some("Preprint".into())));
    assert_eq!(types("working-paper"), (ResourceTypeGeneral::Preprint, Some("Working Paper".into())));
    assert_eq!(types("in-a-journal"), (ResourceTypeGeneral::JournalArticle, None));
    assert_eq!(types("on-a-platform"), (ResourceTypeGeneral::Text, Some("Article".into())));
    assert_eq!(types("lecture-notes"), (ResourceTypeGeneral::Text, Some("Lecture notes".into())));
    let journal = &by_key(&records, "in-a-journal");
    assert_eq!(journal.resource.related_items[0].related_item_type, Some(ResourceTypeGeneral::Journal));
    assert!(journal.diagnostics.iter().any(|d| d.code == crosswalk_csl::CSL_ARTICLE_TYPE));
    assert!(by_key(&records, "figshare-collection")
        .diagnostics
        .iter()
        .any(|d| d.code == crosswalk_csl::CSL_ARTICLE_TYPE));
    assert!(by_key(&records, "plain").diagnostics.iter().all(|d| d.code != crosswalk_csl::CSL_ARTICLE_TYPE));
    // Written back, each is an article again, with the genre that keeps its general type; the
    // collection gets CSL's own type for it.
    for (key, written) in [
        ("plain", "article"),
        ("figshare-collection", "collection"),
        ("preprint", "article"),
        ("working-paper", "article"),
        ("on-a-platform", "article"),
    ] {
        let item = crosswalk_csl::write_item(&by_key(&records, key).resource).0;
        assert_eq!(item.item_type, Some(crosswalk_csl::item::Scalar::text(written)), "{key}");
    }
}

#[test]
fn variables_in_the_note_are_read_as_citeproc_js_reads_them() {
    let records = read_fixture("zotero-note.json");
    let origin = &by_key(&records, "origin");
    let r = &origin.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5555/origin"));
    let original = r.dates.iter().find(|d| d.date_information.as_deref() == Some("Original date")).unwrap();
    assert_eq!(original.date, "1859-11-24");
    assert!(r.related_items.iter().any(|i| i.titles.iter().any(|t| t.title == "Example Classics")));
    // The rest stays the note; what the mapping says of a noted variable points at the note.
    assert_eq!(r.descriptions[0].description, "tex.ids: darwin1859\nThe first printing sold out on the day.");
    assert!(has(origin, crosswalk_csl::CSL_NOTE_VARIABLES, "/0/note"));
    assert!(has(origin, codes::FIELD_UNMAPPED, "/0/note"), "publisher-place from the note has no home");
    let inline = &by_key(&records, "inline").resource;
    assert_eq!(inline.doi.as_deref(), Some("10.5555/inline"));
    assert_eq!(inline.descriptions[0].description, "Reprinted from the original.");
    // The item's own DOI wins; the line stays.
    let conflict = &by_key(&records, "conflict");
    assert_eq!(conflict.resource.doi.as_deref(), Some("10.5555/own"));
    assert_eq!(conflict.resource.descriptions[0].description, "DOI: 10.5555/other");
    assert!(has(conflict, crosswalk_csl::CSL_NOTE_VARIABLES, "/2/note"));
    // `type` replaces the item's; names in `Family || Given` form; the citation key is the key.
    let typed = &by_key(&records, "curie2015").resource;
    assert_eq!(typed.types.resource_type_general, Some(ResourceTypeGeneral::Dataset));
    assert_eq!(typed.creators[0].family_name.as_deref(), Some("Curie"));
    assert_eq!(typed.creators[1].name_type, Some(NameType::Organizational));
    assert!(typed.descriptions.is_empty());
    // Prose is left alone, silently.
    let prose = &by_key(&records, "prose");
    assert_eq!(
        prose.resource.descriptions[0].description,
        "Accessed via the library: see shelf 3.\nNote: no variables here."
    );
    assert!(prose.diagnostics.iter().all(|d| d.code != crosswalk_csl::CSL_NOTE_VARIABLES));
}

/// The general types the deposit schema's rows named `name` read as.
fn crosswalk_crossref_like_row(name: &str) -> Vec<ResourceTypeGeneral> {
    crosswalk_rules::crossref_types::WORK_TYPES
        .iter()
        .filter(|row| row.resource_type == name)
        .map(|row| row.general.clone())
        .collect()
}

#[test]
fn lenient_values_and_their_reports() {
    let records = read_fixture("lenient.json");
    let first = &records[0];
    let r = &first.resource;
    assert_eq!(first.origin.key.as_deref(), Some("17"));
    assert_eq!(r.doi.as_deref(), Some("10.5555/Lenient.12"));
    assert_eq!(r.url, None, "a DOI resolver URL is no landing page");
    assert_eq!(r.titles[1].title_type, Some(TitleType::AlternativeTitle));
    let container = &r.related_items[0];
    assert_eq!(container.volume.as_deref(), Some("12"));
    assert_eq!(container.first_page.as_deref(), Some("17"));
    assert_eq!(container.related_item_identifier.as_ref().unwrap().related_item_identifier, "1111-2222");
    assert_eq!(r.related_identifiers.len(), 2);
    assert_eq!(r.publisher.as_ref().unwrap().name, "Padded Press");
    assert!(has(first, codes::VALUE_TRIMMED, "/0/publisher"));
    assert!(has(first, crosswalk_csl::CSL_TYPE, "/0/version"));
    assert!(has(first, crosswalk_csl::CSL_TYPE, "/0/note"));
    assert!(has(first, crosswalk_csl::CSL_DUPLICATE_KEY, "/0/type"));
    assert!(has(&records[1], codes::VOCAB_NORMALISED, "/1/type"));
    assert!(has(&records[1], codes::VALUE_INVALID, "/1/DOI"));
    // Crossref's type id is read by Crossref's table; its genre is the resourceType.
    let crossref_type = &records[2];
    assert!(has(crossref_type, crosswalk_csl::CSL_CROSSREF_TYPE, "/2/type"));
    assert_eq!(crossref_type.resource.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(crossref_type.resource.types.resource_type.as_deref(), Some("Research article"));
    assert!(has(&records[3], crosswalk_csl::CSL_NO_TYPE, "/3"));
    assert!(has(&records[3], crosswalk_csl::CSL_ID_MISMATCH, "/3/id"));
    assert_eq!(records[4].resource.alternate_identifiers.len(), 2, "a periodical's ISSNs are its own");
    assert!(has(&records[5], crosswalk_csl::CSL_CONTAINER_UNTITLED, "/5"));
    assert_eq!(records[5].resource.related_items[0].last_page.as_deref(), Some("12"));
}

#[test]
fn every_variable_lands_where_the_page_says() {
    let records = read_fixture("every-variable.json");
    let chapter = &records[0].resource;
    assert_eq!(records[0].origin.key.as_deref(), Some("morales2021tides"), "citation-key is the key");
    assert_eq!(chapter.types.resource_type.as_deref(), Some("Handbook chapter"));
    let container = &chapter.related_items[0];
    assert_eq!(container.related_item_type, Some(ResourceTypeGeneral::Book));
    // A chapter's ISBN is its book's identifier; the ISSN goes to the series.
    assert_eq!(container.related_item_identifier.as_ref().unwrap().related_item_identifier, "978-0-12-345678-9");
    let series = &chapter.related_items[1];
    assert_eq!(series.related_item_type, Some(ResourceTypeGeneral::Collection));
    assert_eq!(series.related_item_identifier.as_ref().unwrap().related_item_identifier, "1234-5678");
    assert_eq!((container.first_page.as_deref(), container.last_page.as_deref()), (Some("101"), Some("140")));
    let book = &records[1].resource;
    let original = book.related_items.iter().find(|i| i.relation_type == Some(RelationType::IsTranslationOf)).unwrap();
    assert_eq!(original.titles[0].title, "Los mares de plataforma en cifras");
    assert_eq!(original.publication_year.as_deref(), Some("2015"));
    let review = &records[2].resource;
    assert!(review.related_items.iter().any(|i| i.relation_type == Some(RelationType::Reviews)));
    let report = &records[3].resource;
    assert_eq!(report.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Report number"));
    assert_eq!(report.publication_year.as_deref(), Some("2018"));
    assert_eq!(report.dates[0].date, "2018-24", "Winter 2018 is an EDTF season");
}

#[test]
fn crossref_csl() {
    let records = read_fixture("crossref.json");
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "http://orcid.org/0000-0003-1419-2405");
    assert_eq!(r.funding_references[0].award_number.as_deref(), Some("1234567"));
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by/4.0/"));
    assert_eq!(r.content_url, ["https://example.org/jes/0042.pdf"]);
    assert!(has(record, crosswalk_csl::CSL_CROSSREF_BOOKKEEPING, "/indexed"));
    assert!(has(record, codes::FIELD_UNMAPPED, "/alternative-id"));
    assert!(!record.diagnostics.iter().any(|d| d.location.path.as_deref() == Some("/original-title")));
}

#[test]
fn broken_items_do_not_stop_the_others() {
    let records = read_fixture("broken.json");
    assert_eq!(records.len(), 5);
    assert_eq!(records[0].origin.key.as_deref(), Some("good-1"));
    assert_eq!(records[1].diagnostics[0].code, crosswalk_csl::CSL_SYNTAX);
    assert_eq!(
        (records[1].diagnostics[0].location.line, records[1].diagnostics[0].location.column),
        (Some(3), Some(58))
    );
    assert_eq!(records[2].diagnostics[0].code, crosswalk_csl::CSL_NOT_AN_ITEM);
    assert_eq!(records[3].diagnostics[0].code, crosswalk_csl::CSL_NOT_AN_ITEM);
    assert_eq!(records[4].origin.key.as_deref(), Some("good-2"));
    assert_eq!(records[4].origin.line, Some(6));

    // In JSON Lines, a line missing its `}` loses itself only.
    let lines = read_fixture("items.jsonl");
    let keys: Vec<Option<&str>> = lines.iter().map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(keys, [Some("line-1"), Some("line-2"), None, Some("line-4")]);
    assert_eq!(lines[2].diagnostics[0].location.line, Some(3));
    assert_eq!(lines[3].origin.line, Some(4));
    assert_eq!(lines.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2, 3]);

    for empty in [&b""[..], b"  \n", b"[]", b"[ ]\n"] {
        let records = crosswalk_csl::read(empty);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].diagnostics[0].code, crosswalk_csl::CSL_NO_ITEMS);
    }
}

#[test]
fn positions_point_into_the_input() {
    let input = "[\n  {\"type\": \"book\", \"id\": \"a\"},\n  {\"type\": \"book\", \"id\": \"b\",\n   \"bogus\": 1}\n]";
    let records = crosswalk_csl::read(input.as_bytes());
    let bogus = records[1].diagnostics.iter().find(|d| d.code == codes::FIELD_UNMAPPED).unwrap();
    assert_eq!(bogus.location.path.as_deref(), Some("/1/bogus"));
    assert_eq!((bogus.location.line, bogus.location.column), (Some(4), Some(13)));
    // A single item has pointers from its root.
    let records = crosswalk_csl::read(b"{\"type\": \"book\", \"id\": \"a\", \"bogus\": 1}");
    assert_eq!(records[0].diagnostics[0].location.path.as_deref(), Some("/bogus"));
    assert_eq!(records[0].diagnostics[0].location.column, Some(38));
    // A position on the item's first line counts from where the item starts. (`JsonItems` gives
    // that start in bytes, so non-ASCII text before an item on its line shifts the column.)
    let records =
        crosswalk_csl::read(b"[{\"id\": \"e\", \"type\": \"book\"}, {\"type\": \"book\", \"id\": \"x\", \"zz\": 1}]");
    let zz = &records[1].diagnostics[0];
    assert_eq!((zz.location.line, zz.location.column), (Some(1), Some(65)));
}

#[test]
fn encodings() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("{\"type\": \"book\", \"id\": \"u\", \"title\": \"Ça\"}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let records = crosswalk_csl::read(&utf16);
    assert_eq!(records[0].resource.titles[0].title, "Ça");
    let latin1 = b"{\"type\": \"book\", \"id\": \"l\", \"title\": \"Pe\xF1a\"}";
    let records = crosswalk_csl::read(latin1);
    assert_eq!(records[0].resource.titles[0].title, "Peña");
    assert!(records[0].diagnostics.iter().any(|d| d.code == "input.encoding"));
}

#[test]
fn a_broken_json_line_loses_itself_only() {
    // A line that is only `{`, a truncated line before an indented item, `null`: each is one
    // failed record at its line; every other line is its item (issue 14).
    let item = |i: usize| format!("{{\"type\": \"book\", \"id\": \"i{i}\", \"title\": \"T{i}\"}}");
    let mut lines: Vec<String> = (0..40).map(item).collect();
    lines[0] = "{".to_owned();
    lines[10] = item(10)[..20].to_owned();
    lines[11] = format!("   {}", item(11));
    lines[39] = "null".to_owned();
    let input = lines.join("\n");
    let whole = crosswalk_csl::read(input.as_bytes());
    let streamed: Vec<_> = Reader::new(std::io::BufReader::with_capacity(5, input.as_bytes())).collect();
    assert_eq!(whole, streamed);
    assert_eq!(whole.len(), 40);
    for (i, record) in whole.iter().enumerate() {
        assert_eq!((record.origin.index, record.origin.line), (i, Some(i as u32 + 1)));
        if [0, 10, 39].contains(&i) {
            assert!(record.has_errors(), "line {}", i + 1);
        } else {
            assert_eq!(record.origin.key, Some(format!("i{i}")), "line {}", i + 1);
        }
    }
}

#[test]
fn an_item_too_large_is_one_failed_record() {
    let huge =
        format!("{{\"type\": \"book\", \"id\": \"h\", \"title\": \"{}\"}}", "x".repeat(crosswalk_text::MAX_ITEM_BYTES));
    let input = format!("[{{\"type\": \"book\", \"id\": \"a\"}},\n {huge},\n {{\"type\": \"book\", \"id\": \"c\"}}]");
    // Streamed: the item over the cap is skipped, and the items after it are read.
    let records: Vec<_> = Reader::new(input.as_bytes()).collect();
    let keys: Vec<Option<&str>> = records.iter().map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(keys, [Some("a"), None, Some("c")]);
    let d = &records[1].diagnostics[0];
    assert_eq!(d.code, crosswalk_text::ITEM_TOO_LARGE);
    assert_eq!((d.location.line, d.location.column, d.location.path.as_deref()), (Some(2), Some(2), Some("/1")));
    assert!(d.message.contains("64 MiB"), "{}", d.message);
    assert_eq!(records[1].origin.line, Some(2));
    // Read whole, the input is over the cap on one document: one failed record, nothing parsed.
    let whole = crosswalk_csl::read(input.as_bytes());
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0].diagnostics[0].code, crosswalk_csl::CSL_TOO_LARGE);
}

#[test]
fn truncated_input_never_panics() {
    for path in common::fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        for end in (0..bytes.len()).step_by(7) {
            let records = crosswalk_csl::read(&bytes[..end]);
            assert!(!records.is_empty());
        }
    }
    for odd in [
        "{\"author\": [[[]]]}",
        "{\"issued\": {\"date-parts\": [[[2020]]]}}",
        "{\"issued\": {\"date-parts\": 5}}",
        "{\"page\": \"-\"}",
        "{\"page\": \"--\", \"volume\": 1}",
        "{\"author\": [{\"family\": {}}]}",
        "{\"custom\": [1]}",
        "{\"keyword\": \",;,\"}",
        "{\"issued\": {\"date-parts\": [[2020, 1, 1], [2020], [2021]]}}",
        "\u{feff}[{}]",
        "{\"funder\": [1, {\"award\": 5}], \"license\": \"x\", \"link\": [{\"URL\": 3}]}",
        "{\"issued\": {\"date-parts\": [[99999999999999999999]]}}",
        "{\"issued\": {\"date-parts\": [[2020, 99999999999]]}}",
    ] {
        let records = crosswalk_csl::read(odd.as_bytes());
        assert_eq!(records.len(), 1, "{odd}");
    }
}

#[test]
fn extreme_numbers_never_panic() {
    for odd in [
        "{\"issued\": {\"date-parts\": [[-9223372036854775808]]}}",
        "{\"issued\": {\"date-parts\": [[9223372036854775807, 12, 31]]}}",
        "{\"issued\": {\"date-parts\": [[2020]], \"season\": -9223372036854775808}}",
        "{\"issued\": {\"date-parts\": [[1e308]]}}",
        "{\"page\": \"99999999999999999999999-1\", \"volume\": 1}",
    ] {
        assert_eq!(crosswalk_csl::read(odd.as_bytes()).len(), 1, "{odd}");
    }
}

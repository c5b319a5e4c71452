//! Tests of the RIS reader: the Ruby converter's RIS fixtures (read from `../shared`, skipped
//! when absent), our own exporter-style and messy fixtures in `testdata/ris/` (snapshotted), every
//! tag and every type of the tables, positions, and hostile input.

use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, NameType, NumberType, Record, RelatedIdentifierType,
    RelationType, ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_ris::{read, Reader, CODES, TAGS, TYPES};
use crosswalk_testkit::{assert_snapshot, shared_or_skip, testdata_bytes};

// Counts allocations, so that "linear" is checked by counts instead of by the clock.
#[global_allocator]
static ALLOCATOR: crosswalk_robustness::CountingAllocator = crosswalk_robustness::CountingAllocator;

fn fixture(name: &str) -> Vec<Record> {
    read(&testdata_bytes(&format!("ris/{name}")))
}

fn count(record: &Record, code: &str) -> usize {
    record.diagnostics.iter().filter(|d| d.code == code).count()
}

fn lines_of(record: &Record, code: &str) -> Vec<u32> {
    record.diagnostics.iter().filter(|d| d.code == code).filter_map(|d| d.location.line).collect()
}

/// Every diagnostic has a code listed in `CODES` with the severity it is emitted with, and a line.
fn assert_documented(label: &str, records: &[Record]) {
    for record in records {
        for d in &record.diagnostics {
            let info = CODES.iter().find(|c| c.code == d.code);
            let info = info.unwrap_or_else(|| panic!("{label}: code {} is not in CODES ({d})", d.code));
            assert_eq!(info.severity, d.severity, "{label}: {d}");
            assert!(d.location.line.is_some(), "{label}: no line in {d}");
        }
    }
}

/// The records as a snapshot: each record's origin, resource (REST JSON) and diagnostics.
fn snapshot_text(records: &[Record]) -> String {
    let items: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "origin": r.origin,
                "resource": r.resource,
                "diagnostics": r.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("serialisable");
    text.push('\n');
    text
}

fn check_fixture(name: &str) -> Vec<Record> {
    let records = fixture(name);
    assert_documented(name, &records);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    assert_snapshot(&format!("ris-read/{stem}.json"), &snapshot_text(&records));
    records
}

// ---- the Ruby converter's fixtures -------------------------------------------------------------

#[test]
fn bolognese_crossref_ris() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/crossref.ris")).expect("read crossref.ris");
    let records = read(&bytes);
    assert_documented("crossref.ris", &records);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let r = &record.resource;
    assert!(!record.has_errors(), "{:?}", record.diagnostics);
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(r.types.derived().map(|d| d.ris), Some("JOUR"));
    assert_eq!(r.doi.as_deref(), Some("10.7554/eLife.01567"));
    assert_eq!(record.origin.key.as_deref(), Some("10.7554/eLife.01567"));
    assert_eq!(r.url.as_deref(), Some("http://elifesciences.org/lookup/doi/10.7554/eLife.01567"));
    assert_eq!(r.titles[0].title.len(), 110);
    assert_eq!(r.creators.len(), 5);
    assert_eq!(r.creators[4].name, "Hardtke, Christian S");
    assert_eq!(r.creators[4].given_name.as_deref(), Some("Christian S"));
    assert_eq!(r.publication_year.as_deref(), Some("2014"));
    assert_eq!(r.dates[0].date, "2014");
    assert_eq!(r.dates[0].date_type, Some(DateType::Issued));
    let journal = &r.related_items[0];
    assert_eq!(journal.relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(journal.related_item_type, Some(ResourceTypeGeneral::Journal));
    assert_eq!(journal.titles[0].title, "eLife");
    assert_eq!(journal.volume.as_deref(), Some("3"));
    let issn = journal.related_item_identifier.as_ref().expect("ISSN");
    assert_eq!(issn.related_item_identifier, "2050084X");
    assert_eq!(issn.related_item_identifier_type, Some(RelatedIdentifierType::Issn));
    assert_eq!(r.descriptions[0].description_type, Some(DescriptionType::Abstract));
    assert_eq!(record.origin.line, Some(1));
}

#[test]
fn bolognese_pure_ris() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/pure.ris")).expect("read pure.ris");
    let records = read(&bytes);
    assert_documented("pure.ris", &records);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Dissertation));
    assert_eq!(r.types.resource_type.as_deref(), Some("Phd Thesis 1 (Research TU/e / Graduation TU/e)"));
    assert_eq!(r.types.derived().map(|d| d.ris), Some("THES"));
    assert_eq!(r.creators[0].family_name.as_deref(), Some("Toparlar"));
    assert_eq!(r.creators[0].given_name.as_deref(), Some("Y."));
    assert_eq!(r.publication_year.as_deref(), Some("2018"));
    assert_eq!(r.dates[0].date, "2018-04-25");
    // PY and Y1 say the same: no repeated-field warning, one conversion note.
    assert_eq!(count(record, codes::FIELD_REPEATED), 0);
    assert_eq!(count(record, crosswalk_ris::DATE_CONVERTED), 1);
    // AB and N2 hold the same abstract: read once.
    let abstracts: Vec<_> =
        r.descriptions.iter().filter(|d| d.description_type == Some(DescriptionType::Abstract)).collect();
    assert_eq!(abstracts.len(), 1);
    assert!(r
        .descriptions
        .iter()
        .any(|d| d.description == "Bouwstenen" && d.description_type == Some(DescriptionType::SeriesInformation)));
    assert!(r
        .descriptions
        .iter()
        .any(|d| d.description == "Proefschrift" && d.description_type == Some(DescriptionType::Other)));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "978-90-386-4503-2");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("ISBN"));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Technische Universiteit Eindhoven"));
    // CY has no home: reported with its line.
    assert_eq!(lines_of(record, codes::FIELD_UNMAPPED), [14]);
    // The file ends "ER  - " without a line break.
    assert_eq!(count(record, crosswalk_ris::MISSING_ER), 0);
}

#[test]
fn bolognese_ris_bug_ris() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/ris_bug.ris")).expect("read ris_bug.ris");
    let records = read(&bytes);
    assert_documented("ris_bug.ris", &records);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    let r = &record.resource;
    // "TY -  BOOK": irregular spacing, read as a tag and reported once.
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Book));
    assert_eq!(r.types.derived().map(|d| d.ris), Some("BOOK"));
    assert_eq!(lines_of(record, crosswalk_ris::TAG_IRREGULAR), [1]);
    assert_eq!(r.doi.as_deref(), Some("10.17918/ERNK-6431"));
    assert!(r.titles[0].title.starts_with("Validation of an Image-based"));
    assert_eq!(r.creators[0].family_name.as_deref(), Some("Balakrishnan"));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Drexel University"));
    assert!(!record.has_errors());
}

// ---- our fixtures ---------------------------------------------------------------------------

#[test]
fn a_bad_record_among_good_ones() {
    let records = check_fixture("messy.ris");
    assert_eq!(records.len(), 6);
    let indexes: Vec<usize> = records.iter().map(|r| r.origin.index).collect();
    assert_eq!(indexes, [0, 1, 2, 3, 4, 5]);
    let starts: Vec<Option<u32>> = records.iter().map(|r| r.origin.line).collect();
    assert_eq!(starts, [Some(4), Some(23), Some(28), Some(34), Some(39), Some(46)]);

    // Header text before the first record, reported on it; BOM and CRLF invisible.
    let first = &records[0];
    assert_eq!(lines_of(first, crosswalk_ris::OUTSIDE_RECORD), [1]);
    let r = &first.resource;
    assert_eq!(r.titles[0].title, "Soil carbon under long-term no-till management");
    assert_eq!(lines_of(first, crosswalk_ris::CONTINUATION), [5]);
    assert_eq!(
        r.descriptions[0].description,
        "First paragraph of the abstract.\nIt goes on here.\n\nSecond paragraph."
    );
    assert_eq!(r.creators[1].name, "Long-Term Ecological Research Network");
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    assert_eq!(r.doi.as_deref(), Some("10.1234/SOIL.2019.12"));
    assert_eq!(r.related_items[0].first_page.as_deref(), Some("101"));
    assert_eq!(r.related_items[0].last_page.as_deref(), Some("118"));
    assert!(!first.has_errors());

    // No ER: the record ends at the next TY, with a warning; the next record is whole.
    let second = &records[1];
    assert_eq!(lines_of(second, crosswalk_ris::MISSING_ER), [28]);
    assert_eq!(second.resource.titles[0].title, "A record whose ER is missing");
    let third = &records[2];
    assert_eq!(third.resource.titles[0].title, "The report after it");
    assert_eq!(third.resource.dates[0].date, "2003-11-05");
    assert_eq!(third.resource.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Report number"));
    assert_eq!(third.diagnostics.iter().filter(|d| d.severity != Severity::Info).count(), 0, "{:?}", third.diagnostics);

    // No TY: an error for that record only; its fields are still read.
    let fourth = &records[3];
    assert!(fourth.has_errors());
    assert_eq!(lines_of(fourth, crosswalk_ris::MISSING_TY), [34]);
    assert_eq!(fourth.resource.titles[0].title, "A record without a TY line");
    assert_eq!(fourth.resource.types.resource_type_general, None);
    assert_eq!(records.iter().filter(|r| r.has_errors()).count(), 1);

    // Irregular and lower-case tags.
    let fifth = &records[4];
    assert_eq!(fifth.resource.types.resource_type_general, Some(ResourceTypeGeneral::BookChapter));
    assert_eq!(fifth.resource.titles[0].title, "Irregular tags: spacing and case");
    assert_eq!(fifth.resource.creators[0].name, "Lee, Min");
    assert_eq!(fifth.resource.related_items[0].titles[0].title, "A Book of Chapters");
    assert_eq!(
        fifth.resource.related_items[0].related_item_identifier.as_ref().map(|i| i.related_item_identifier.as_str()),
        Some("978-0-12-345678-9")
    );
    assert_eq!(count(fifth, crosswalk_ris::TAG_IRREGULAR), 1);

    // Stray text between records goes to the next one; an unknown type is Other, kept as written.
    let sixth = &records[5];
    assert_eq!(lines_of(sixth, crosswalk_ris::OUTSIDE_RECORD), [45, 50]);
    assert_eq!(sixth.resource.types.resource_type_general, Some(ResourceTypeGeneral::Other));
    assert_eq!(sixth.resource.types.resource_type.as_deref(), Some("DIGITAL"));
    assert_eq!(count(sixth, codes::VOCAB_UNKNOWN), 1);
}

/// Ovid writes tag lines after a record's `ER`: they belong to no record. They are reported where
/// they stand, fail nothing and make no record; tag lines that an `ER` ends are still a record
/// without `TY` (see `a_bad_record_among_good_ones`).
#[test]
fn tag_lines_after_er_belong_to_no_record() {
    let records = check_fixture("ovid.ris");
    assert_eq!(records.len(), 2);
    assert!(
        records.iter().all(|r| !r.has_errors()),
        "{:?}",
        records.iter().map(|r| &r.diagnostics).collect::<Vec<_>>()
    );
    assert_eq!(records[0].resource.titles[0].title, "Sleep duration and glucose tolerance in adolescents");
    assert_eq!(records[1].resource.titles[0].title, "Screen time before bed: a cohort study");
    assert_eq!(count(&records[0], crosswalk_ris::OUTSIDE_RECORD), 0);
    // Between the records: reported on the next one; after the last: on the last one.
    assert_eq!(lines_of(&records[1], crosswalk_ris::OUTSIDE_RECORD), [14, 25]);
    for d in records[1].diagnostics.iter().filter(|d| d.code == crosswalk_ris::OUTSIDE_RECORD) {
        assert_eq!(d.severity, Severity::Warning);
        assert!(d.message.contains("(NL, UK) belong to no record"), "{}", d.message);
    }
    assert_eq!(count(&records[1], codes::FIELD_UNMAPPED), 1, "only DB: {:?}", records[1].diagnostics);
    let bytes = testdata_bytes("ris/ovid.ris");
    for capacity in [1, 2, 3] {
        let trickled: Vec<Record> = Reader::new(std::io::BufReader::with_capacity(capacity, &bytes[..])).collect();
        assert_eq!(records, trickled, "through a {capacity}-byte buffer");
    }

    // Tag lines before the first TY that no ER ends, with text before them: one run of lines.
    let records = read(
        b"Exported 2024
DB  - Example
TY  - JOUR
TI  - t
ER  - 
",
    );
    assert_eq!(records.len(), 1);
    assert!(!records[0].has_errors());
    let d = &records[0].diagnostics[0];
    assert_eq!((d.code.as_ref(), d.location.line), (crosswalk_ris::OUTSIDE_RECORD, Some(1)));
    assert!(d.message.starts_with("2 lines of text"), "{}", d.message);
    // Tag lines alone, without TY or ER, are no record: the input holds none.
    let records = read(
        b"AU  - Doe, Jane
TI  - t
",
    );
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].diagnostics[0].code, crosswalk_ris::NO_RECORDS);
    assert!(records[0].diagnostics[0].message.contains("(AU, TI) belong to no record"));
    // Tag lines that an ER ends are a record without type, also after a record.
    let records = read(
        b"TY  - JOUR
TI  - one
ER  - 
AU  - Doe, Jane
TI  - two
ER  - 
",
    );
    assert_eq!(records.len(), 2);
    assert_eq!(lines_of(&records[1], crosswalk_ris::MISSING_TY), [4]);
    assert_eq!(records[1].resource.titles[0].title, "two");
}

#[test]
fn zotero_export() {
    let records = check_fixture("zotero.ris");
    assert_eq!(records.len(), 3);
    let article = &records[0].resource;
    assert_eq!(article.dates[0].date, "2021-03-09");
    assert_eq!(article.dates[0].date_type, Some(DateType::Issued));
    // UR is the DOI's resolver link: not the landing page.
    assert_eq!(article.url, None);
    assert_eq!(article.related_items[0].titles[1].title, "Remote Sens. Lett.");
    assert_eq!(article.related_items[0].titles[1].title_type, Some(TitleType::AlternativeTitle));
    assert_eq!(article.titles[1].title_type, Some(TitleType::AlternativeTitle));
    let accessed = article.dates.iter().find(|d| d.date_type == Some(DateType::Other)).expect("Y2");
    assert_eq!(accessed.date, "2022-01-20");
    assert_eq!(accessed.date_information.as_deref(), Some("Accessed; 10:15:00"));
    assert!(article.content_url.is_empty());
    assert_eq!(count(&records[0], codes::FIELD_UNMAPPED), 1);

    let chapter = &records[1].resource;
    assert_eq!(chapter.contributors.len(), 2);
    assert_eq!(chapter.contributors[0].contributor_type, Some(ContributorType::Editor));
    let book = &chapter.related_items[0];
    assert_eq!(book.related_item_type, Some(ResourceTypeGeneral::Book));
    assert_eq!(book.edition.as_deref(), Some("2"));
    assert_eq!(
        book.related_item_identifier.as_ref().map(|i| i.related_item_identifier_type.clone()),
        Some(Some(RelatedIdentifierType::Isbn))
    );
    assert!(chapter.descriptions.iter().any(|d| d.description_type == Some(DescriptionType::SeriesInformation)));

    let page = &records[2].resource;
    assert_eq!(page.types.resource_type.as_deref(), Some("Web page"));
    assert_eq!(page.related_items[0].related_item_type, Some(ResourceTypeGeneral::Collection));
    assert_eq!(page.url.as_deref(), Some("https://observatory.example.org/data"));
}

#[test]
fn endnote_export() {
    let records = check_fixture("endnote.ris");
    assert_eq!(records.len(), 4);
    let keys: Vec<Option<&str>> = records.iter().map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(keys, [Some("1042"), Some("1043"), Some("1044"), Some("1045")]);
    let article = &records[0].resource;
    // Continuation lines of KW and SN are further values.
    let keywords: Vec<&str> = article.subjects.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(keywords, ["plankton", "phytoplankton", "ocean colour"]);
    let journal = &article.related_items[0];
    assert_eq!(journal.related_item_identifier.as_ref().map(|i| i.related_item_identifier.as_str()), Some("1932-6203"));
    assert_eq!(article.related_identifiers[0].related_identifier, "1932-6204");
    assert_eq!(article.related_identifiers[0].relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(journal.number.as_deref(), Some("e0241"));
    assert_eq!(journal.number_type, Some(NumberType::Article));
    assert_eq!(article.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("PMCID"));
    assert!(article.dates.iter().any(|d| d.date == "2020-08-14" && d.date_type == Some(DateType::Available)));
    assert_eq!(article.dates[0].date, "2020-09");
    assert_eq!(article.language.as_deref(), Some("en"));
    assert_eq!(article.types.resource_type.as_deref(), Some("Research Article"));

    let book = &records[1].resource;
    assert_eq!(book.sizes, ["412 pages"]);
    assert_eq!(book.version.as_deref(), Some("3rd"));
    assert_eq!(book.related_items[0].related_item_type, Some(ResourceTypeGeneral::Collection));
    assert_eq!(book.related_items[0].titles[0].title, "Studies in Limnology");
    assert_eq!(book.related_items[0].volume.as_deref(), Some("8"));
    assert_eq!(book.alternate_identifiers[0].alternate_identifier, "3-16-148410-X");

    let thesis = &records[3].resource;
    assert_eq!(thesis.contributors[0].contributor_type, Some(ContributorType::Editor));
    assert_eq!(thesis.sizes, ["188 pages"]);
}

/// EndNote writes tags in alphabetical order, so `ST` comes before `TI`: the title is the title
/// whatever the order, and a short title equal to it is not repeated.
#[test]
fn a_short_title_before_the_title_does_not_take_its_place() {
    let records = check_fixture("alphabetical-tags.ris");
    assert_eq!(records.len(), 3);
    let titles = |i: usize| -> Vec<(&str, Option<TitleType>)> {
        records[i].resource.titles.iter().map(|t| (t.title.as_str(), t.title_type.clone())).collect()
    };
    assert_eq!(titles(0), [("Wetland methane fluxes after rewetting", None)]);
    assert_eq!(
        titles(1),
        [
            ("Alpine lakes: a field guide to their chemistry and biology", None),
            ("Alpine lakes", Some(TitleType::AlternativeTitle)),
            ("Lacs alpins", Some(TitleType::TranslatedTitle)),
        ]
    );
    // A short title alone stays a short title: the record has no main title.
    assert_eq!(titles(2), [("Drift ice survey", Some(TitleType::AlternativeTitle))]);
    for record in &records {
        assert!(!record.has_errors(), "{:?}", record.diagnostics);
    }
}

#[test]
fn web_of_science_export() {
    let records = check_fixture("web-of-science.ris");
    assert_eq!(records.len(), 2);
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.creators.len(), 3);
    assert_eq!(r.creators[2].name, "VISTA Consortium");
    assert_eq!(r.descriptions[0].description, "Questions\nDoes grazing reduce diversity?\nLocation\nExample Alps.");
    assert_eq!(r.dates[0].date, "2021-11");
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("WILEY"));
    let journal = &r.related_items[0];
    let titles: Vec<&str> = journal.titles.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["JOURNAL OF EXAMPLE VEGETATION SCIENCE", "J EX VEG SCI", "J. Ex. Veg. Sci."]);
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "WOS:000712345600001");
    assert!(r.descriptions.iter().any(|d| d.description.ends_with("Cited Reference Count:  58")));
    let unmapped: Vec<&str> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::FIELD_UNMAPPED)
        .filter_map(|d| d.location.path.as_deref())
        .collect();
    assert_eq!(unmapped, ["C3", "C6", "AD", "FU", "FX", "PI", "PA", "WE"]);
    let paper = &records[1];
    assert_eq!(paper.resource.related_items[0].related_item_type, Some(ResourceTypeGeneral::ConferenceProceeding));
    assert_eq!(count(paper, codes::FIELD_UNMAPPED), 1, "CP holds a conference name: {:?}", paper.diagnostics);
}

#[test]
fn mendeley_export() {
    let records = check_fixture("mendeley.ris");
    assert_eq!(records.len(), 2);
    let r = &records[0].resource;
    assert_eq!(r.related_items[0].titles[0].title, "Example Urban Climate");
    assert_eq!(r.descriptions[0].description_type, Some(DescriptionType::Abstract));
    assert_eq!(count(&records[0], codes::VALUE_EMPTY), 1);
    let proceedings = &records[1].resource;
    assert_eq!(proceedings.types.resource_type_general, Some(ResourceTypeGeneral::ConferenceProceeding));
    assert_eq!(proceedings.types.derived().map(|d| d.ris), Some("CONF"));
    assert_eq!(proceedings.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("ISBN"));
}

#[test]
fn scopus_export() {
    let records = check_fixture("scopus.ris");
    let r = &records[0].resource;
    let issn = r.related_items[0].related_item_identifier.as_ref().expect("ISSN");
    assert_eq!(issn.related_item_identifier, "02727714");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("PMID"));
    assert_eq!(r.types.resource_type.as_deref(), Some("Article"));
    assert_eq!(r.types.derived().map(|d| d.ris), Some("JOUR"));
}

#[test]
fn windows_1252_lines_warn_once_per_record() {
    let records = check_fixture("windows-1252.ris");
    assert_eq!(records[0].resource.titles[0].title, "Peñas y “cañones” del Duero");
    assert_eq!(records[0].resource.creators[0].family_name.as_deref(), Some("Muñoz"));
    assert_eq!(lines_of(&records[0], crosswalk_text::ENCODING_ASSUMED), [2]);
    assert_eq!(count(&records[1], crosswalk_text::ENCODING_ASSUMED), 0);
}

/// A line that is UTF-8 but for a few stray bytes keeps its UTF-8 (`café`, not `cafÃ©`): only
/// the stray bytes are decoded on their own, reported once, naming the first.
#[test]
fn utf8_lines_with_stray_bytes_keep_their_utf8() {
    let records = check_fixture("utf8-stray-bytes.ris");
    assert_eq!(records[0].resource.titles[0].title, "Café culture naïve – a study");
    assert_eq!(records[0].resource.creators[0].name, "Müller, Jürgen");
    assert_eq!(count(&records[0], crosswalk_text::ENCODING_ASSUMED), 0);
    let warning = records[0].diagnostics.iter().find(|d| d.code == crosswalk_text::ENCODING_INVALID).expect("reported");
    assert_eq!((warning.location.line, warning.location.column), (Some(2), Some(22)));
    assert!(warning.message.contains("byte 0xEF (read as Windows-1252 \"ï\")"), "{}", warning.message);
    assert_eq!(count(&records[1], crosswalk_text::ENCODING_INVALID), 0);
    assert_eq!(records[1].resource.titles[0].title, "Second café");
}

#[test]
fn utf16_input() {
    let records = check_fixture("utf16.ris");
    assert_eq!(records[0].resource.titles[0].title, "Messdaten der Station Zürich");
    assert_eq!(count(&records[0], crosswalk_text::ENCODING_UTF16), 1);
}

/// UTF-16 without a byte-order mark is told by the zero bytes of its first characters.
#[test]
fn utf16_without_a_byte_order_mark() {
    let records = check_fixture("utf16be-no-bom.ris");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].resource.titles[0].title, "Abflussmessungen am Zürichsee");
    let note = records[0].diagnostics.iter().find(|d| d.code == crosswalk_text::ENCODING_UTF16).expect("noted");
    assert!(note.message.contains("UTF-16BE (no byte-order mark"), "{}", note.message);
    assert!(!records[0].has_errors());
    let bytes = testdata_bytes("ris/utf16be-no-bom.ris");
    for capacity in [1, 2, 3] {
        let trickled: Vec<Record> = Reader::new(std::io::BufReader::with_capacity(capacity, &bytes[..])).collect();
        assert_eq!(records, trickled, "through a {capacity}-byte buffer");
    }
}

#[test]
fn complete_record_reads_cleanly() {
    let records = check_fixture("complete.ris");
    let warnings: Vec<String> =
        records[0].diagnostics.iter().filter(|d| d.severity != Severity::Info).map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn not_ris_is_one_failed_record() {
    let records = fixture("not-ris.txt");
    assert_documented("not-ris.txt", &records);
    assert_eq!(records.len(), 1);
    assert!(records[0].has_errors());
    let message = &records[0].diagnostics[0].message;
    assert!(message.contains("Web of Science"), "{message}");
}

/// Every input is accounted for: an empty or blank input is one failed record too.
#[test]
fn empty_and_blank_input_is_one_failed_record() {
    for input in [&b""[..], b"\n \r\n\n", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF\r\n\t\n", b"\xFF\xFE\n\0"] {
        let records = read(input);
        assert_documented("blank", &records);
        assert_eq!(records.len(), 1, "{input:?}");
        let d = &records[0].diagnostics[0];
        assert_eq!(d.code, crosswalk_ris::NO_RECORDS, "{input:?}");
        assert_eq!((d.location.line, d.location.column), (Some(1), Some(1)));
        assert!(records[0].has_errors());
        assert_eq!(records[0].origin.index, 0);
    }
    // Blank lines after a record are not a record of their own.
    assert_eq!(read(b"TY  - JOUR\nER  - \n\n  \n").len(), 1);
}

/// A byte-order mark is recognised however the input is buffered (a pipe may deliver one byte at
/// a time), and the records and diagnostics are the same.
#[test]
fn a_byte_order_mark_split_across_reads_is_recognised() {
    let utf8 = b"\xEF\xBB\xBFTY  - JOUR\r\nTI  - \xC3\xA9t\xC3\xA9\r\nPY  - 2020\r\nER  - \r\n".to_vec();
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("TY  - JOUR\r\nTI  - été\r\nER  - \r\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain("TY  - BOOK\nTI  - x\nER  - \n".encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    // Starts of marks that are not marks are text.
    let not_marks = [
        &b"\xEF\xBBTY  - JOUR\nER  - \n"[..],
        b"\xEFTY  - JOUR\nER  - \n",
        b"\xFF\n\xFE\nTY  - JOUR\nER  - \n",
        b"\xEF\xBB",
    ];
    for input in [&utf8[..], &utf16le, &utf16be].into_iter().chain(not_marks) {
        let whole = read(input);
        assert_documented("bom", &whole);
        for capacity in [1, 2, 3] {
            let trickled: Vec<Record> = Reader::new(std::io::BufReader::with_capacity(capacity, input)).collect();
            assert_eq!(whole, trickled, "{input:?} through a {capacity}-byte buffer");
        }
    }
    for input in [&utf8, &utf16le, &utf16be] {
        let record = &read(input)[0];
        assert!(!record.has_errors(), "{:?}", record.diagnostics);
        assert_eq!(count(record, crosswalk_ris::OUTSIDE_RECORD), 0);
    }
    assert_eq!(read(&utf8)[0].resource.titles[0].title, "été");
    assert_eq!(read(&utf16le)[0].resource.titles[0].title, "été");
    // "\xEF\xBB" before the TY line is text outside the record, decoded as Windows-1252.
    let records = read(not_marks[0]);
    assert_eq!(records.len(), 1);
    assert!(records[0].has_errors(), "the record has no TY line of its own");
}

// ---- every tag, every type -----------------------------------------------------------------

/// Every tag of the table is placed in the model or reported; a tag the table calls "reported" is
/// never placed, and any other is placed for at least one type.
#[test]
fn every_tag_is_mapped_or_reported() {
    for info in TAGS {
        if matches!(info.tag, "TY" | "ER") {
            continue;
        }
        let mut placed_somewhere = false;
        for ty in ["JOUR", "CPAPER", "BOOK", "RPRT"] {
            let value = match info.tag {
                "PY" | "Y1" | "DA" | "Y2" | "ET" => "2020/05/17/",
                "DO" | "M3" => "10.1234/abc",
                "UR" | "L1" | "L2" | "L3" | "L4" => "https://example.org/x",
                "SN" => "1234-5678",
                "C2" => "PMC123",
                "CP" => "4",
                _ => "Some value",
            };
            let base = read(format!("TY  - {ty}\nER  - \n").as_bytes()).remove(0);
            let record = read(format!("TY  - {ty}\n{}  - {value}\nER  - \n", info.tag).as_bytes()).remove(0);
            let reported = record.diagnostics.iter().any(|d| d.code == codes::FIELD_UNMAPPED);
            let placed =
                record.resource != base.resource || (info.tag == "ID" && record.origin.key.as_deref() == Some(value));
            assert!(placed != reported, "{} in a {ty} record: placed {placed}, reported {reported}", info.tag);
            if info.model.starts_with("reported") {
                assert!(!placed, "{} is placed in a {ty} record, but the table says {:?}", info.tag, info.model);
            }
            placed_somewhere |= placed;
        }
        assert_eq!(placed_somewhere, !info.model.starts_with("reported"), "{}: {:?}", info.tag, info.model);
    }
    let unknown = read(b"TY  - JOUR\nZZ  - something\nER  - \n").remove(0);
    assert_eq!(count(&unknown, codes::FIELD_UNMAPPED), 1);
    assert!(unknown.diagnostics[0].message.contains("is not a RIS tag"));
}

#[test]
fn every_type_is_read_and_derives_back_where_the_model_can() {
    let mut derived_back = Vec::new();
    for row in TYPES {
        let record = read(format!("TY  - {}\nTI  - x\nER  - \n", row.ty).as_bytes()).remove(0);
        let types = &record.resource.types;
        assert_eq!(types.resource_type_general.as_ref(), Some(&row.general), "{}", row.ty);
        assert!(
            record.diagnostics.iter().all(|d| d.severity == Severity::Info),
            "{}: {:?}",
            row.ty,
            record.diagnostics
        );
        let written = crosswalk_ris::write(&record.resource);
        let expected = row.alias_of.unwrap_or(row.ty);
        assert!(written.text.starts_with(&format!("TY  - {expected}\r\n")), "{}: {}", row.ty, written.text);
        if types.derived().map(|d| d.ris) == Some(expected) && row.alias_of.is_none() {
            derived_back.push(row.ty);
        }
    }
    // The model's own derivation gives these TY back (the writer's labels do it for all).
    assert_eq!(
        derived_back,
        [
            "BOOK", "CHAP", "COMP", "CONF", "CPAPER", "DATA", "DBASE", "EDBOOK", "ENCYC", "FIGURE", "GEN", "JFULL",
            "JOUR", "MPCT", "RPRT", "SER", "SOUND", "STAND", "THES"
        ]
    );
    let lower = read(b"TY  - jour\nER  - \n").remove(0);
    assert_eq!(lower.resource.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(count(&lower, codes::VOCAB_NORMALISED), 1);
    let empty = read(b"TY  - \nER  - \n").remove(0);
    assert_eq!(empty.resource.types.resource_type_general, Some(ResourceTypeGeneral::Other));
    assert_eq!(count(&empty, codes::VOCAB_UNKNOWN), 1);
}

// ---- details ------------------------------------------------------------------------------------

#[test]
fn repeated_single_valued_tags_keep_the_first() {
    let record = read(b"TY  - JOUR\nPB  - One\nPB  - Two\nPB  - One\nLA  - de\nLA  - fr\nER  - \n").remove(0);
    assert_eq!(record.resource.publisher.as_ref().map(|p| p.name.as_str()), Some("One"));
    assert_eq!(lines_of(&record, codes::FIELD_REPEATED), [3, 6]);
}

#[test]
fn dates_in_every_shape() {
    let record = read(b"TY  - JOUR\nPY  - 2014\nDA  - May 17\nER  - \n").remove(0);
    assert_eq!(record.resource.dates[0].date, "2014-05-17");
    let record = read(b"TY  - JOUR\nPY  - 2014\nDA  - Spring\nER  - \n").remove(0);
    assert_eq!(record.resource.dates[0].date, "2014");
    assert_eq!(record.resource.dates[0].date_information.as_deref(), Some("Spring"));
    let record = read(b"TY  - JOUR\nPY  - 2014\nDA  - 2013/12/01/\nER  - \n").remove(0);
    assert_eq!(record.resource.dates[0].date, "2014");
    assert_eq!(record.resource.dates[1].date, "2013-12-01");
    assert_eq!(record.resource.dates[1].date_information.as_deref(), Some("Date (RIS DA)"));
    let record = read(b"TY  - JOUR\nPY  - in press\nER  - \n").remove(0);
    assert_eq!(record.resource.publication_year, None);
    assert_eq!(count(&record, codes::VALUE_INVALID), 1);
    let record = read(b"TY  - JOUR\nDA  - 2011/02/03/\nER  - \n").remove(0);
    assert_eq!(record.resource.publication_year.as_deref(), Some("2011"));
}

/// Dates with a month name after the slash, with dots, with a trailing dash keep their year, and
/// every report says what was read, kept as information, or dropped.
#[test]
fn dates_with_names_dots_and_dashes_keep_their_year() {
    let records = check_fixture("dates.ris");
    let issued = |i: usize| {
        let r = &records[i].resource;
        let d = r.dates.iter().find(|d| d.date_type == Some(DateType::Issued));
        (r.publication_year.as_deref(), d.map(|d| d.date.as_str()), d.and_then(|d| d.date_information.as_deref()))
    };
    let message = |i: usize, code: &str| -> String {
        records[i]
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert_eq!(issued(0), (Some("2015"), Some("2015-10"), None));
    assert_eq!(message(0, crosswalk_ris::DATE_CONVERTED), "PY \"2015/october\" read as the date \"2015-10\"");
    assert_eq!(issued(1), (Some("2015"), Some("2015-10-05"), None));
    assert_eq!(issued(2), (Some("2015"), Some("2015"), None));
    assert_eq!(
        message(2, crosswalk_ris::DATE_CONVERTED),
        "PY \"2015-\" read as the date \"2015\"; the \"-\" at its end was dropped"
    );
    assert_eq!(issued(3), (Some("2016"), Some("2016-03-05"), None));
    // Parts that are no month or day are kept beside the year, and the report says so.
    assert_eq!(issued(4), (Some("2017"), Some("2017"), Some("13/45")));
    assert_eq!(
        message(4, crosswalk_ris::DATE_CONVERTED),
        "PY \"2017/13/45\" read as the date \"2017\", \"13/45\" kept as dateInformation"
    );
    // A year that does not stand alone is not taken, and the report does not claim there is none.
    assert_eq!(issued(5), (None, None, None));
    let invalid = message(5, codes::VALUE_INVALID);
    assert!(invalid.contains("holds no year (four digits standing alone"), "{invalid}");
    for record in &records[..5] {
        assert_eq!(count(record, codes::VALUE_INVALID), 0, "{:?}", record.diagnostics);
    }
}

/// A DA of words that no PY year can carry is reported, never dropped silently: with a PY
/// without a year as without a PY.
#[test]
fn date_words_without_a_year_are_reported() {
    for (input, line) in [
        (&b"TY  - JOUR\nPY  - nineteen ninety\nDA  - the day after\nER  - \n"[..], 3),
        (b"TY  - JOUR\nPY  - ///Spring\nDA  - the day after\nER  - \n", 3),
        (b"TY  - JOUR\nDA  - the day after\nER  - \n", 2),
    ] {
        let record = read(input).remove(0);
        let d = record
            .diagnostics
            .iter()
            .find(|d| d.code == codes::VALUE_INVALID && d.location.path.as_deref() == Some("DA"))
            .unwrap_or_else(|| panic!("DA is not reported: {:?}", record.diagnostics));
        assert_eq!((d.location.line, d.location.column), (Some(line), Some(7)));
        assert!(d.message.contains("\"the day after\""), "{}", d.message);
        assert!(record.resource.dates.is_empty());
    }
}

#[test]
fn names_with_commas_that_are_organisations() {
    let record = read(b"TY  - RPRT\nAU  - University of California, Santa Barbara\nER  - \n").remove(0);
    let creator = &record.resource.creators[0];
    assert_eq!(creator.name, "University of California, Santa Barbara");
    assert_eq!((creator.family_name.as_deref(), creator.name_type.as_ref()), (None, None));
    assert_eq!(count(&record, crosswalk_ris::NAME_KEPT), 1);
}

#[test]
fn diagnostics_point_at_their_lines_and_tags() {
    let record = read(b"TY  - JOUR\nTI  - t\nCY  - Paris\nER  - \n").remove(0);
    let d = record.diagnostics.iter().find(|d| d.code == codes::FIELD_UNMAPPED).expect("CY is reported");
    assert_eq!((d.location.line, d.location.column, d.location.path.as_deref()), (Some(3), Some(7), Some("CY")));
    assert!(d.message.contains("\"Paris\""), "{}", d.message);
}

#[test]
fn garbage_never_panics() {
    let mut seed = 0x2545F4914F6CDD1Du64;
    let alphabet = b"TYERAUPYDO -\r\n\t\xC3\xA9\xFF{},/0123456789";
    for _ in 0..300 {
        let len = (seed % 400) as usize;
        let mut input = Vec::with_capacity(len);
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            input.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let records = read(&input);
        assert_documented("garbage", &records);
        assert!(!records.is_empty(), "no record for {input:?}");
        for (i, record) in records.iter().enumerate() {
            assert_eq!(record.origin.index, i);
        }
    }
}

/// Random input behind each byte-order mark (and the starts of marks): the records and
/// diagnostics are the same through a buffer of 1, 2 or 3 bytes as read whole.
#[test]
fn random_input_reads_the_same_whatever_the_buffering() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let alphabet = b"TYERAUPYDO -\r\n\t\xC3\xA9\xFF\xFE\xEF\xBB\xBF\0";
    let prefixes: [&[u8]; 6] = [b"", b"\xEF\xBB\xBF", b"\xEF\xBB", b"\xEF", b"\xFF\xFE", b"\xFE\xFF"];
    for round in 0..300 {
        let len = usize::try_from(seed % 200).unwrap();
        let mut input = prefixes[round % prefixes.len()].to_vec();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            input.push(alphabet[usize::try_from(seed % alphabet.len() as u64).unwrap()]);
        }
        let whole = read(&input);
        assert!(!whole.is_empty(), "no record for {input:?}");
        for capacity in [1, 2, 3] {
            let trickled: Vec<Record> = Reader::new(std::io::BufReader::with_capacity(capacity, &input[..])).collect();
            assert_eq!(whole, trickled, "{input:?} through a {capacity}-byte buffer");
        }
    }
}

#[test]
fn huge_records_are_read_with_linear_work_and_capped() {
    let record_of = |keywords: usize| {
        let mut input = String::from("TY  - JOUR\n");
        for i in 0..keywords {
            input.push_str(&format!("KW  - keyword {i}\nN1  - note {}\n", i % 7));
        }
        input.push_str("ER  - \n");
        input
    };
    // Twice the lines, at most 2.5 times the allocations, bytes and memory (counted, not timed).
    crosswalk_robustness::assert_linear("a record of many keywords", 2_000, record_of, |input| {
        read(input.as_bytes());
    });
    let record = read(record_of(40_000).as_bytes()).remove(0);
    assert_eq!(record.resource.subjects.len(), 40_000);
    assert_eq!(record.resource.descriptions.len(), 7);
    assert!(!record.has_errors());

    let mut input = String::from("TY  - JOUR\n");
    for i in 0..100_010 {
        input.push_str(&format!("KW  - k{i}\n"));
    }
    let records = read(input.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].resource.subjects.len(), 100_000 - 1);
    assert_eq!(count(&records[0], crosswalk_ris::RECORD_TOO_LARGE), 1);
}

/// A value longer than a line may be (1 MiB) is cut, and the cut is a `value.cut` warning at the
/// tag, on the record it belongs to, also when its line is the `TY` line that starts a record.
#[test]
fn a_value_cut_at_the_line_limit_is_reported_as_cut() {
    let title = "x".repeat(1_200_000);
    let input = format!("TY  - DATA\nTI  - {title}\nPY  - 2020\nER  - \n\nTY  - DATA\nTI  - short\nER  - \n");
    let records = read(input.as_bytes());
    assert_eq!(records.len(), 2);
    let kept = &records[0].resource.titles[0].title;
    assert!(kept.len() < title.len() && kept.len() > 1_000_000, "{}", kept.len());
    let cut: Vec<_> = records[0].diagnostics.iter().filter(|d| d.code == codes::VALUE_CUT).collect();
    assert_eq!(cut.len(), 1, "{:?}", records[0].diagnostics);
    assert_eq!((cut[0].location.line, cut[0].location.path.as_deref()), (Some(2), Some("TI")));
    assert_eq!(cut[0].severity, Severity::Warning);
    assert!(!records[0].has_errors());
    assert_eq!(count(&records[1], codes::VALUE_CUT), 0);
    // A TY line that is cut ends the record before it and starts its own, which gets the warning.
    let input = format!("TY  - DATA\nTI  - first\nTY  - {title}\nER  - \n");
    let records = read(input.as_bytes());
    assert_eq!(records.len(), 2);
    assert_eq!(count(&records[0], codes::VALUE_CUT), 0);
    assert_eq!(lines_of(&records[1], codes::VALUE_CUT), [3]);
}

#[test]
fn io_errors_end_the_reading_with_a_record() {
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let records: Vec<Record> = Reader::new(std::io::BufReader::new(Failing)).collect();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].diagnostics[0].code, crosswalk_ris::IO_ERROR);
}

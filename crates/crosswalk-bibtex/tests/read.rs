//! Tests of the BibTeX reader: the Ruby converter's fixtures (read from `../shared`, skipped
//! when absent), and our own fixtures in `testdata/bibtex/`: a messy multi-record file with
//! malformed entries among good ones, inheritance, BibLaTeX fields, Latin-1 input.

use std::io::{BufRead, BufReader, Read};

use crosswalk_bibtex::{read, Reader, CODES};
use crosswalk_model::{
    ContributorType, DateType, DescriptionType, NameType, NumberType, Record, RelatedIdentifierType, RelationType,
    ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_testkit::{assert_official_xsd_valid, assert_snapshot, shared_or_skip, testdata, testdata_bytes};

// Counts allocations, so that "linear" is checked by counts instead of by the clock.
#[global_allocator]
static ALLOCATOR: crosswalk_robustness::CountingAllocator = crosswalk_robustness::CountingAllocator;

fn fixture(name: &str) -> Vec<Record> {
    let records = read(&testdata_bytes(&format!("bibtex/{name}")));
    for record in &records {
        assert_documented(name, record);
    }
    records
}

fn by_key<'r>(records: &'r [Record], key: &str) -> &'r Record {
    records.iter().find(|r| r.origin.key.as_deref() == Some(key)).unwrap_or_else(|| panic!("no record {key}"))
}

/// `code@line:column` of every diagnostic.
fn codes_at(record: &Record) -> Vec<String> {
    record
        .diagnostics
        .iter()
        .map(|d| format!("{}@{}:{}", d.code, d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)))
        .collect()
}

fn has(record: &Record, code: &str) -> bool {
    record.diagnostics.iter().any(|d| d.code == code)
}

/// Every diagnostic has a code listed in `CODES` with the severity it is emitted with, and a line.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code);
        let info = info.unwrap_or_else(|| panic!("{label}: code {} is not in CODES ({d})", d.code));
        assert_eq!(info.severity, d.severity, "{label}: {d}");
        assert!(d.location.line.is_some(), "{label}: no line in {d}");
    }
}

#[derive(serde::Serialize)]
struct Snapshot<'r> {
    origin: &'r crosswalk_model::Origin,
    resource: &'r crosswalk_model::Resource,
    diagnostics: Vec<String>,
}

fn snapshot_text(records: &[Record]) -> String {
    let snapshots: Vec<Snapshot<'_>> = records
        .iter()
        .map(|r| Snapshot {
            origin: &r.origin,
            resource: &r.resource,
            diagnostics: r.diagnostics.iter().map(ToString::to_string).collect(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&snapshots).expect("serialisable");
    text.push('\n');
    text
}

/// The record as DataCite XML, with a test DOI when it has none, checked against the official XSD.
fn assert_xsd_valid(label: &str, record: &Record) {
    let mut resource = record.resource.clone();
    if resource.doi.is_none() {
        resource.doi = Some("10.5072/bibtex-test".into());
    }
    let written = crosswalk_datacite::xml::write(&resource);
    assert_official_xsd_valid(label, &written.text);
}

// ---- the Ruby converter's fixtures ---------------------------------------------------------

#[test]
fn bolognese_crossref_bib() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/crossref.bib")).unwrap();
    let records = read(&bytes);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_documented("crossref.bib", record);
    assert!(!record.has_errors());
    assert_eq!(record.origin.key.as_deref(), Some("Sankar_2014"));
    assert_eq!(record.origin.line, Some(1));
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.7554/elife.01567"));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(r.types.derived().map(|d| d.bibtex), Some("article"));
    assert_eq!(r.creators.len(), 5);
    assert_eq!(r.creators[4].name, "Hardtke, Christian S");
    assert_eq!(r.creators[4].given_name.as_deref(), Some("Christian S"));
    // `{eLife} Sciences…`: the protecting braces are removed.
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("eLife Sciences Organisation, Ltd."));
    assert_eq!(r.publication_year.as_deref(), Some("2014"));
    assert_eq!(r.dates[0].date, "2014-02");
    assert_eq!(r.dates[0].date_type, Some(DateType::Issued));
    let item = &r.related_items[0];
    assert_eq!(item.relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(item.related_item_type, Some(ResourceTypeGeneral::Journal));
    assert_eq!(item.titles[0].title, "eLife");
    assert_eq!(item.volume.as_deref(), Some("3"));
    let issn = item.related_item_identifier.as_ref().unwrap();
    assert_eq!(issn.related_item_identifier, "2050-084X");
    assert_eq!(r.related_identifiers[0].relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("http://creativecommons.org/licenses/by/3.0/"));
    assert_eq!(r.descriptions[0].description_type, Some(DescriptionType::Abstract));
    assert_eq!(r.url.as_deref(), Some("http://elifesciences.org/lookup/doi/10.7554/eLife.01567"));
    assert_eq!(codes_at(record), ["bibtex.date-converted@5:3"]);
    assert_xsd_valid("crossref.bib", record);
}

#[test]
fn bolognese_pure_bib() {
    let shared = shared_or_skip!();
    let bytes = std::fs::read(shared.join("reference/bolognese-fixtures/pure.bib")).unwrap();
    let records = read(&bytes);
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_documented("pure.bib", record);
    let r = &record.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Dissertation));
    assert_eq!(r.creators[0].name, "Toparlar, Y.");
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Technische Universiteit Eindhoven"));
    // `school` beside `publisher` is the institution.
    assert_eq!(r.contributors[0].name, "Department of Built Environment");
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::HostingInstitution));
    // year, month "4" and the non-standard day "25".
    assert_eq!(r.dates[0].date, "2018-04-25");
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "978-90-386-4503-2");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("ISBN"));
    assert_eq!(r.related_items[0].titles[0].title, "Bouwstenen");
    assert_eq!(r.related_items[0].related_item_type, Some(ResourceTypeGeneral::Collection));
    assert_eq!(r.descriptions[1].description, "Proefschrift");
    assert!(record.diagnostics.iter().all(|d| d.severity == Severity::Info), "{:?}", record.diagnostics);
    assert_xsd_valid("pure.bib", record);
}

#[test]
fn every_shared_bib_file_reads_without_panicking() {
    let shared = shared_or_skip!();
    let files = crosswalk_testkit::files_with_suffix(&shared.join("reference/bolognese-fixtures"), ".bib");
    assert!(files.len() >= 2);
    for path in files {
        let records = read(&std::fs::read(&path).unwrap());
        assert!(!records.is_empty(), "{}", path.display());
        // Other formats read as BibTeX must not panic either.
    }
    for path in crosswalk_testkit::files_with_suffix(&shared.join("reference/bolognese-fixtures"), "")
        .into_iter()
        .filter(|p| p.is_file())
    {
        let _ = read(&std::fs::read(&path).unwrap());
    }
}

// ---- our messy multi-record file -------------------------------------------------------------

#[test]
fn messy_file_bad_entries_among_good_ones() {
    let records = fixture("messy.bib");
    let keys: Vec<Option<&str>> = records.iter().map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            Some("Müller2019"),
            Some("broken-comma"),
            Some("Dupont:2001"),
            Some("unclosed"),
            Some("wmo-report"),
            Some("hidden-type"),
            Some("odd-type"),
            Some("empty-and-repeated"),
            None
        ]
    );
    assert!(records.iter().enumerate().all(|(i, r)| r.origin.index == i));
    // The malformed ones are one error record each, with their line; the others convert.
    let failed: Vec<(usize, Vec<String>)> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.has_errors())
        .map(|(i, r)| {
            (
                i,
                r.diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{}@{}:{}", d.code, d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        failed,
        [(1, vec!["bibtex.syntax@30:3".to_owned()]), (3, vec!["bibtex.unclosed-entry@47:1".to_owned()])]
    );
    assert!(records[1].diagnostics[0].message.contains("after the value of `title`, found `year`"));
    assert_eq!(records[1].resource, Default::default());
    assert!(records[3].diagnostics.iter().any(|d| d.message.contains("before the entry on line 51")));
    assert_snapshot("bibtex/messy.json", &snapshot_text(&records));
}

#[test]
fn messy_file_values() {
    let records = fixture("messy.bib");
    let muller = &records[0];
    let r = &muller.resource;
    assert_eq!(r.titles[0].title, "Ice sheets and the $\\delta^{18}O$ record – a review");
    assert_eq!(r.creators.len(), 4);
    assert_eq!(r.creators[0].name, "Müller, Jörg");
    assert_eq!(r.creators[1].name, "Zola, Émile");
    assert_eq!(r.creators[2].family_name.as_deref(), Some("van der Berg"));
    assert_eq!(r.creators[3].name, "World Meteorological Organization");
    assert_eq!(r.creators[3].name_type, Some(NameType::Organizational));
    assert!(has(muller, "bibtex.and-others"));
    assert!(has(muller, "bibtex.latex-math"));
    assert_eq!(r.related_items[0].titles[0].title, "Journal of Geophysical Research");
    assert_eq!(r.related_items[0].issue.as_deref(), Some("3"));
    assert_eq!(r.related_items[0].first_page.as_deref(), Some("1021"));
    assert_eq!(r.related_items[0].last_page.as_deref(), Some("1045"));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Wiley & Sons"));
    assert_eq!(r.doi.as_deref(), Some("10.1029/2018JB016543"));
    let subjects: Vec<&str> = r.subjects.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(subjects, ["glaciology", "ice cores, Antarctica", "isotopes"]);
    assert_eq!(r.dates[0].date, "2019-03");
    assert!(muller
        .diagnostics
        .iter()
        .any(|d| d.code == "field.unmapped" && d.location.path.as_deref() == Some("owner")));

    let dupont = &records[2].resource;
    assert_eq!(dupont.titles[0].title, "Café culture and Übung ß in straße networks");
    assert_eq!(dupont.creators[0].name, "Dupont, Jean-François");
    assert_eq!(dupont.creators[1].name, "Smith, John, Jr.");
    assert_eq!(dupont.contributors[0].family_name.as_deref(), Some("de la Fontaine"));
    assert_eq!(dupont.contributors[0].contributor_type, Some(ContributorType::Editor));
    assert_eq!(dupont.types.resource_type_general, Some(ResourceTypeGeneral::ConferencePaper));
    let proceedings = &dupont.related_items[0];
    assert_eq!(proceedings.related_item_type, Some(ResourceTypeGeneral::ConferenceProceeding));
    assert_eq!(proceedings.titles[0].title, "Proceedings of the 3rd Workshop on Networks");
    let series = &dupont.related_items[1];
    assert_eq!(series.titles[0].title, "LNCS");
    assert_eq!(series.number.as_deref(), Some("2044"));
    // `organization` is the publisher when there is none.
    assert_eq!(dupont.publisher.as_ref().map(|p| p.name.as_str()), Some("ACM"));

    let report = &records[4];
    let r = &report.resource;
    assert_eq!(r.titles[0].title, "State of the Climate & 50% more");
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Report));
    assert_eq!(r.types.resource_type.as_deref(), Some("Technical Note"));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Report number"));
    assert_eq!(r.dates[0].date, "2020-09");
    assert_eq!(r.url.as_deref(), Some("https://library.wmo.int/idurl/4/1234"));
    assert_eq!(r.descriptions[0].description, "See https://example.org/wmo_1234 and \\cite{other}");
    assert!(has(report, "bibtex.stray-text"));
    assert!(has(report, "bibtex.latex-unknown"));

    let thesis = &records[5];
    let r = &thesis.resource;
    assert_eq!(r.types.resource_type.as_deref(), Some("Master's thesis"));
    assert_eq!(r.publication_year.as_deref(), Some("1999"));
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("Trinity College Dublin"));
    assert_eq!(r.titles[0].title, "Math: $E=mc^2$ and \\unknowncommand{x}");
    assert!(has(thesis, "bibtex.undefined-macro"));

    let odd = &records[6];
    assert_eq!(odd.resource.types.resource_type_general, Some(ResourceTypeGeneral::Other));
    assert_eq!(odd.resource.types.resource_type.as_deref(), Some("poem"));
    assert!(has(odd, "vocab.unknown"));
    assert_eq!(odd.resource.creators[0].name, "Aristotle");
    assert_eq!(odd.resource.creators[0].name_type, None);
    assert_eq!(odd.resource.publication_year, None);

    let repeated = &records[7];
    assert_eq!(repeated.resource.titles[0].title, "First title");
    assert_eq!(repeated.resource.related_items[0].titles[0].title, "J");
    assert_eq!(repeated.diagnostics.iter().filter(|d| d.code == "field.repeated").count(), 2);
    assert!(has(repeated, "value.empty"));

    assert!(has(&records[8], "bibtex.missing-key"));
    assert_eq!(records[8].resource.titles[0].title, "No key");
}

// ---- inheritance ---------------------------------------------------------------------------------

#[test]
fn crossref_and_xdata_inheritance() {
    let records = fixture("inheritance.bib");
    assert!(records.iter().all(|r| !r.has_errors()));
    let keys: Vec<&str> = records.iter().filter_map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(records.len(), keys.len());
    assert_eq!(
        keys,
        ["early-child", "chapter-of-volume", "late-child", "proc2001", "volume-one", "collected-works", "orphan"],
        "@xdata is not a record"
    );

    let early = &by_key(&records, "early-child").resource;
    let proceedings = &early.related_items[0];
    assert_eq!(proceedings.titles[0].title, "Proceedings of the First Symposium on Computing");
    assert_eq!(proceedings.titles[1].title_type, Some(TitleType::Subtitle));
    assert_eq!(early.publication_year.as_deref(), Some("2001"));
    assert_eq!(early.contributors[0].name, "Turing, Alan");
    assert_eq!(early.doi.as_deref(), Some("10.5555/child.1"), "the parent's DOI is not inherited");
    assert!(early.descriptions.is_empty(), "the parent's abstract is not inherited");
    // The parent's ISBN is the container's; its DOI a related identifier.
    assert_eq!(proceedings.related_item_identifier.as_ref().unwrap().related_item_identifier, "978-0-00-000000-2");
    assert!(early.related_identifiers.iter().any(
        |ri| ri.related_identifier == "10.5555/proc.2001" && ri.relation_type == Some(RelationType::IsPublishedIn)
    ));
    // The parent inherited the publisher from @xdata, and the child from the parent.
    assert_eq!(early.publisher.as_ref().map(|p| p.name.as_str()), Some("ACM Press"));
    let early_record = by_key(&records, "early-child");
    assert!(early_record.diagnostics.iter().any(|d| d.code == "bibtex.inherited" && d.message.contains("booktitle")));

    let late = &by_key(&records, "late-child").resource;
    assert_eq!(late.related_items[0].titles[0].title, "Proceedings of the First Symposium on Computing");
    assert_eq!(late.publisher.as_ref().map(|p| p.name.as_str()), Some("ACM Press"));

    // A chain: mvbook → book → inbook.
    let chapter = &by_key(&records, "chapter-of-volume").resource;
    assert_eq!(chapter.related_items[0].titles[0].title, "Collected Works, Volume One");
    assert_eq!(chapter.related_items[0].number.as_deref(), Some("3"));
    assert_eq!(chapter.related_items[0].number_type, Some(NumberType::Chapter));
    assert_eq!(chapter.related_items[0].creators[0].name, "Babbage, Charles");
    assert_eq!(chapter.publication_year.as_deref(), Some("1989"));
    assert_eq!(chapter.publisher.as_ref().map(|p| p.name.as_str()), Some("Pickering"));

    let volume = by_key(&records, "volume-one");
    assert!(volume
        .diagnostics
        .iter()
        .any(|d| d.code == "field.unmapped" && d.location.path.as_deref() == Some("maintitle")));

    let orphan = by_key(&records, "orphan");
    let missing: Vec<&str> =
        orphan.diagnostics.iter().filter(|d| d.code == "bibtex.parent-missing").map(|d| d.message.as_str()).collect();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(missing.iter().any(|m| m.contains("`no-such-parent` was not in the input")));
    assert_snapshot("bibtex/inheritance.json", &snapshot_text(&records));
}

#[test]
fn a_parent_beyond_the_window_is_reported() {
    let mut bib = String::from("@inproceedings{child, title = {C}, crossref = {parent}}\n");
    for i in 0..5 {
        bib.push_str(&format!("@misc{{m{i}, title = {{M}}}}\n"));
    }
    bib.push_str("@proceedings{parent, title = {P}, year = 2000}\n");
    let records: Vec<Record> = Reader::new(bib.as_bytes()).inheritance_window(3).collect();
    assert_eq!(records.len(), 7);
    assert!(records[0]
        .diagnostics
        .iter()
        .any(|d| d.code == "bibtex.parent-missing" && d.message.contains("within the next 3 entries")));
    let records = read(bib.as_bytes());
    assert_eq!(records[0].resource.related_items[0].titles[0].title, "P");
    // Parent first, child later, with the parent out of the window.
    let mut bib = String::from("@proceedings{parent, title = {P}, year = 2000}\n");
    for i in 0..5 {
        bib.push_str(&format!("@misc{{m{i}, title = {{M}}}}\n"));
    }
    bib.push_str("@inproceedings{child, title = {C}, crossref = {parent}}\n");
    let records: Vec<Record> = Reader::new(bib.as_bytes()).inheritance_window(3).collect();
    assert!(records[6]
        .diagnostics
        .iter()
        .any(|d| d.code == "bibtex.parent-missing" && d.message.contains("more than 3 entries before")));
    assert_eq!(read(bib.as_bytes())[6].resource.related_items[0].titles[0].title, "P");
}

// ---- BibLaTeX --------------------------------------------------------------------------------------

#[test]
fn biblatex_fields_and_types() {
    let records = fixture("biblatex.bib");
    assert!(records.iter().all(|r| !r.has_errors()));
    let kim = by_key(&records, "kim2023");
    let r = &kim.resource;
    assert_eq!(r.creators[1].name, "Ngũgĩ, Wanjirũ");
    assert_eq!(r.creators[2].name_type, Some(NameType::Organizational));
    assert_eq!(r.titles[1].title, "Lessons from three repositories");
    assert_eq!(r.titles[1].title_type, Some(TitleType::Subtitle));
    let journal = &r.related_items[0];
    assert_eq!(journal.titles[1].title, "J. Digit. Libr.");
    assert_eq!(journal.titles[1].title_type, Some(TitleType::AlternativeTitle));
    assert_eq!(journal.issue.as_deref(), Some("4"));
    assert_eq!(journal.number.as_deref(), Some("e1001"));
    assert_eq!(journal.number_type, Some(NumberType::Article));
    assert_eq!(r.dates[0].date, "2023-05-17");
    assert_eq!(r.dates[1].date_information.as_deref(), Some("Accessed"));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "2301.01234");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("arXiv"));
    assert!(r.subjects.iter().any(|s| s.subject == "cs.DL" && s.subject_scheme.as_deref() == Some("arXiv")));
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by/4.0/"));
    assert_eq!(
        r.descriptions[0].description,
        "We report on converting catalogues of one million records. A second paragraph."
    );
    assert_eq!(kim.diagnostics.iter().filter(|d| d.severity != Severity::Info).count(), 0, "{:?}", kim.diagnostics);

    let garcia = &by_key(&records, "garcia2020").resource;
    assert_eq!(garcia.creators[0].family_name.as_deref(), Some("García Márquez"));
    assert_eq!(garcia.types.resource_type.as_deref(), Some("Chapter in an edited book"));
    let book = &garcia.related_items[0];
    assert_eq!(book.edition.as_deref(), Some("2"));
    assert_eq!(
        book.related_item_identifier.as_ref().unwrap().related_item_identifier_type,
        Some(RelatedIdentifierType::Isbn)
    );
    assert_eq!(garcia.contributors.len(), 2);

    let blog = &by_key(&records, "blog2022").resource;
    assert_eq!(blog.dates[0].date, "2022-03/2022-04");
    assert_eq!(blog.publication_year.as_deref(), Some("2022"));
    assert_eq!(blog.url.as_deref(), Some("https://example.org/blog/2022/post?id=1&lang=en"));
    assert_eq!(blog.publisher.as_ref().map(|p| p.name.as_str()), Some("Example Blog"));

    let tool = &by_key(&records, "tool2021").resource;
    assert_eq!(tool.doi.as_deref(), Some("10.5281/zenodo.0000001"));
    assert_eq!(tool.version.as_deref(), Some("2.1.0"));
    assert_eq!(tool.types.resource_type_general, Some(ResourceTypeGeneral::Software));

    let data = &by_key(&records, "obs2019").resource;
    assert_eq!(data.doi.as_deref(), Some("10.1594/PANGAEA.000001"));
    assert_eq!(data.sizes, ["12 pages"]);
    assert_eq!(data.titles[0].title, "Ocean observations 2010–2018");

    let report = &by_key(&records, "rep2018").resource;
    assert_eq!(report.types.resource_type.as_deref(), Some("Research report"));
    let series = &report.related_items[0];
    assert_eq!(series.number.as_deref(), Some("7"));
    assert_eq!(series.number_type, Some(NumberType::Report));
    assert_eq!(series.related_item_identifier.as_ref().unwrap().related_item_identifier, "2222-3333");

    let thesis = &by_key(&records, "ma2017").resource;
    assert_eq!(thesis.types.resource_type.as_deref(), Some("Master's thesis"));
    assert_eq!(thesis.publisher.as_ref().map(|p| p.name.as_str()), Some("Université de Nulle Part"));

    let patent = &by_key(&records, "pat2015").resource;
    assert_eq!(patent.contributors[0].contributor_type, Some(ContributorType::RightsHolder));
    assert_eq!(patent.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Patent number"));
    assert_snapshot("bibtex/biblatex.json", &snapshot_text(&records));
}

/// Biber's extended name format names the parts: family, given, prefix (in the family name:
/// `van Dijk`), suffix; initials and options are reported and not kept, and so is a part the
/// model has no place for.
#[test]
fn names_in_the_extended_format() {
    let records = fixture("biber-names.bib");
    assert_eq!(records.len(), 3);
    let person = |record: &Record, i: usize| {
        let c = &record.resource.creators[i];
        (c.name.clone(), c.given_name.clone(), c.family_name.clone(), c.name_type.clone())
    };
    let some = |s: &str| Some(s.to_owned());
    let dijk = by_key(&records, "dijk2021");
    assert_eq!(person(dijk, 0), ("van Dijk, Marten".to_owned(), some("Marten"), some("van Dijk"), None));
    assert_eq!(person(dijk, 1), ("de Groot, Anne Sophie".to_owned(), some("Anne Sophie"), some("de Groot"), None));
    let notes: Vec<&str> = dijk
        .diagnostics
        .iter()
        .filter(|d| d.code == crosswalk_bibtex::NAME_OPTION)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("the name \"de Groot, Anne Sophie\" in `author` gives given-i={AS}"), "{}", notes[0]);

    let beumont = by_key(&records, "beumont2019");
    assert_eq!(beumont.resource.creators.len(), 2);
    assert_eq!(person(beumont, 0), ("Harman, Hans".to_owned(), some("Hans"), some("Harman"), None));
    assert_eq!(person(beumont, 1), ("de Beumont, Simon, Jr.".to_owned(), some("Simon"), some("de Beumont"), None));
    assert_eq!(beumont.resource.contributors[0].name, "Robert and Sons, Inc.");
    let options: Vec<&str> = beumont
        .diagnostics
        .iter()
        .filter(|d| d.code == crosswalk_bibtex::NAME_OPTION)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(options.len(), 2, "{options:?}");
    assert!(options.iter().any(|m| m.contains("nosortothers=true")));
    assert!(options.iter().any(|m| m.contains("useprefix=false")));

    let sidorov = by_key(&records, "sidorov2020");
    assert_eq!(person(sidorov, 0), ("Sidorov, Ivan".to_owned(), some("Ivan"), some("Sidorov"), None));
    let part = sidorov.diagnostics.iter().find(|d| d.code == crosswalk_bibtex::NAME_PART).expect("reported");
    assert_eq!(part.severity, Severity::Warning);
    assert!(part.message.contains("patronymic=Petrovich"), "{}", part.message);
    assert_eq!((part.location.line, part.location.path.as_deref()), (Some(21), Some("author")));
    assert_snapshot("bibtex/biber-names.json", &snapshot_text(&records));
}

/// biblatex's own macros, textcomp and tipa commands and accents inside them are text; a link is
/// its address in `url`, its text elsewhere (the address reported, or the url in `howpublished`).
#[test]
fn biblatex_macros_and_links() {
    let records = fixture("latex-macros.bib");
    for record in &records {
        assert!(!has(record, crosswalk_bibtex::LATEX_UNKNOWN), "{:?}", record.diagnostics);
    }
    let popescu = by_key(&records, "popescu2022");
    let r = &popescu.resource;
    assert_eq!(r.creators[1].name, "Ştefănescu, Ion");
    assert_eq!(r.titles[0].title, "“Ce's nou?”: Urban change in Brașov and Țimișoara, étude of a post-socialist city");
    assert_eq!(r.descriptions[0].description, "Data in (see the data portal); mean ¯x in [km].");
    let link = popescu.diagnostics.iter().find(|d| d.code == crosswalk_bibtex::LATEX_LINK).expect("reported");
    assert_eq!(link.severity, Severity::Warning);
    assert!(link.message.contains("\"https://data.example.org/ro/2022\""), "{}", link.message);
    assert_eq!((link.location.line, link.location.path.as_deref()), (Some(11), Some("note")));

    let schwa = by_key(&records, "schwa2020");
    assert_eq!(schwa.resource.titles[0].title, "The ə in Tunisian Arabic: ʃ, ʒ and ḥ");
    assert_eq!(schwa.resource.url.as_deref(), Some("https://phonetics.example.org/schwa"));
    assert!(!has(schwa, crosswalk_bibtex::LATEX_LINK));

    let toolkit = by_key(&records, "toolkit2019");
    assert_eq!(toolkit.resource.url.as_deref(), Some("https://lab.example.org/toolkit"));
    assert_eq!(toolkit.resource.publisher.as_ref().map(|p| p.name.as_str()), Some("Example Lab website"));
    assert!(!has(toolkit, crosswalk_bibtex::LATEX_LINK));
    assert_snapshot("bibtex/latex-macros.json", &snapshot_text(&records));
}

/// `language` and `langid` become one BCP 47 tag: `langid` first, biblatex keys and Babel names
/// and English names mapped, lists giving their first language, and what is no language left out;
/// each step reported.
#[test]
fn languages_become_bcp47_tags() {
    let records = fixture("languages.bib");
    let language = |key: &str| by_key(&records, key).resource.language.clone();
    let messages = |key: &str, code: &str| -> Vec<String> {
        by_key(&records, key).diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
    };
    assert_eq!(language("codex2016").as_deref(), Some("de"));
    assert_eq!(
        messages("codex2016", crosswalk_bibtex::LANGUAGE_MORE),
        ["DataCite has one language: `langid` \"german\" (de) is kept; not carried over: `language` \"langlatin\" (la)"]
    );
    assert_eq!(language("lin2021").as_deref(), Some("zh-Hant"));
    assert_eq!(messages("lin2021", "value.normalised").len(), 1);
    assert_eq!(language("rossi2018").as_deref(), Some("it"));
    let more = messages("rossi2018", crosswalk_bibtex::LANGUAGE_MORE);
    assert_eq!(more.len(), 1);
    assert!(more[0].contains("`language` \"English\" (en), `language` \"French\" (fr)"), "{}", more[0]);
    assert_eq!(language("survey2020"), None);
    let unknown =
        by_key(&records, "survey2020").diagnostics.iter().find(|d| d.code == crosswalk_bibtex::LANGUAGE_UNKNOWN);
    let unknown = unknown.expect("reported");
    assert_eq!((unknown.severity, unknown.location.line), (Severity::Warning, Some(32)));
    assert_eq!(language("notes2019").as_deref(), Some("en-GB"));
    assert_eq!(
        messages("notes2019", crosswalk_bibtex::LANGUAGE_UNKNOWN),
        ["`language` \"n/a\" is not a language Crosswalk can name as a BCP 47 tag; left out"]
    );
    for record in &records {
        if let Some(language) = &record.resource.language {
            assert!(!language.contains(' ') && !language.contains(','), "{language}");
        }
    }
    assert_snapshot("bibtex/languages.json", &snapshot_text(&records));
}

#[test]
fn complete_records_give_valid_datacite_xml() {
    let mut checked = 0;
    for name in [
        "biblatex.bib",
        "inheritance.bib",
        "messy.bib",
        "latin1.bib",
        "biber-names.bib",
        "latex-macros.bib",
        "languages.bib",
    ] {
        for record in fixture(name) {
            let r = &record.resource;
            if r.creators.is_empty() || r.titles.is_empty() || r.publisher.is_none() || r.publication_year.is_none() {
                continue;
            }
            assert_xsd_valid(&format!("{name} {:?}", record.origin.key), &record);
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} complete records");
}

// ---- encodings and streaming --------------------------------------------------------------

#[test]
fn latin1_lines_are_decoded_and_reported_per_record() {
    let records = fixture("latin1.bib");
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].resource.creators[0].name, "Müller, Jürgen");
    assert_eq!(records[0].resource.titles[0].title, "Straßen und Plätze");
    let encoding: Vec<String> = records[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "input.encoding")
        .map(|d| format!("{}:{}", d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)))
        .collect();
    assert_eq!(encoding, ["3:14"]);
    assert!(records[0].diagnostics[0].message.contains("and 1 more of its lines"));
    assert_eq!(records[1].resource.creators[0].name, "Núñez, María");
    assert!(records[1].diagnostics.is_empty(), "a UTF-8 entry in a Latin-1 file is not reported");
    assert_eq!(records[2].resource.titles[0].title, "“Quoted” – text");
}

/// A line that is UTF-8 but for a stray byte keeps its UTF-8; the byte is decoded on its own and
/// named in the entry's one warning.
#[test]
fn utf8_lines_with_stray_bytes_keep_their_utf8() {
    let records = fixture("utf8-stray-bytes.bib");
    assert_eq!(records[0].resource.titles[0].title, "Café culture naïve – a study");
    assert_eq!(records[0].resource.creators[0].name, "Müller, Jürgen");
    let warnings: Vec<_> = records[0].diagnostics.iter().filter(|d| d.code.starts_with("input.")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].code, "input.invalid-bytes");
    assert_eq!((warnings[0].location.line, warnings[0].location.column), (Some(3), Some(27)));
    assert!(warnings[0].message.contains("byte 0xEF (read as Windows-1252 \"ï\")"), "{}", warnings[0].message);
    assert!(records[1].diagnostics.iter().all(|d| !d.code.starts_with("input.")));
    assert_eq!(records[1].resource.titles[0].title, "Plain café");
}

#[test]
fn utf16_and_bom_input() {
    let text = "@misc{a, title = {Ünïcode}}";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let records = read(&bytes);
    assert_eq!(records[0].resource.titles[0].title, "Ünïcode");
    assert!(has(&records[0], "input.utf16"));
    let records = read(format!("\u{FEFF}{text}").as_bytes());
    assert_eq!(records[0].resource.titles[0].title, "Ünïcode");
    assert!(records[0].diagnostics.is_empty());
}

/// Classic Mac OS line ends (a lone CR) after JabRef's `% Encoding:` comment line, and UTF-16
/// without a byte-order mark, read like any other input, however the input is buffered.
#[test]
fn cr_line_ends_and_utf16_without_a_mark() {
    let records = fixture("jabref-classic-mac.bib");
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| !r.has_errors()));
    let lindgren = by_key(&records, "lindgren1998");
    assert_eq!(lindgren.resource.titles[0].title, "Snow cover on the Scandinavian mountains");
    assert_eq!(lindgren.origin.line, Some(3));
    assert_eq!(by_key(&records, "holm2001").origin.line, Some(11));
    assert_eq!(
        by_key(&records, "holm2001").resource.publisher.as_ref().map(|p| p.name.as_str()),
        Some("Example Förlag")
    );

    let records = fixture("utf16le-no-bom.bib");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].resource.titles[0].title, "Messdaten der Station Zürich");
    assert_eq!(records[0].resource.creators[0].name, "Müller, Jürg");
    let note = records[0].diagnostics.iter().find(|d| d.code == "input.utf16").expect("noted");
    assert!(note.message.contains("UTF-16LE (no byte-order mark"), "{}", note.message);

    // The same as UTF-16BE, and the same through any buffer.
    let text = String::from_utf16(
        &testdata_bytes("bibtex/utf16le-no-bom.bib")
            .chunks(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(read(&be)[0].resource, records[0].resource);
    for name in ["jabref-classic-mac.bib", "utf16le-no-bom.bib"] {
        let bytes = testdata_bytes(&format!("bibtex/{name}"));
        let whole = read(&bytes);
        for capacity in [1, 2, 3] {
            let trickled: Vec<Record> = Reader::new(BufReader::with_capacity(capacity, &bytes[..])).collect();
            assert_eq!(whole, trickled, "{name} through a {capacity}-byte buffer");
        }
    }
}

/// An input of many entries that counts how much has been read.
struct Counting<R> {
    inner: R,
    read: std::rc::Rc<std::cell::Cell<usize>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

#[test]
fn records_stream_out_before_the_input_ends() {
    let entries = 20_000;
    let text: String = (0..entries)
        .map(|i| format!("@article{{k{i},\n  author = {{Author, A.}},\n  title = {{Title {i}}},\n  year = 2000,\n}}\n"))
        .collect();
    let total = text.len();
    let read_so_far = std::rc::Rc::new(std::cell::Cell::new(0));
    let input = BufReader::with_capacity(4096, Counting { inner: text.as_bytes(), read: read_so_far.clone() });
    let mut reader = Reader::new(input);
    let first = reader.next().unwrap();
    assert_eq!(first.resource.titles[0].title, "Title 0");
    assert!(read_so_far.get() < 10_000, "read {} of {total} bytes for the first record", read_so_far.get());
    assert_eq!(reader.count(), entries - 1);
}

#[test]
fn empty_and_entryless_inputs() {
    // Every input is accounted for: without entries, it is one failed record.
    for input in [
        &b""[..],
        b"\n  \r\n",
        b"\xEF\xBB\xBF",
        b"% only a comment\n\n",
        b"% only a comment\n\n@comment{x}\n",
        b"@string{j = {J}}\n@preamble{\"x\"}\n",
        b"TY  - JOUR\nER  - \n",
    ] {
        let records = read(input);
        assert_eq!(records.len(), 1, "{input:?}");
        let record = &records[0];
        assert_documented("entryless", record);
        assert!(record.has_errors(), "{input:?}");
        let d = &record.diagnostics[0];
        assert_eq!(d.code, "bibtex.no-entries", "{input:?}");
        assert_eq!((d.location.line, d.location.column), (Some(1), Some(1)));
        assert_eq!(record.origin.index, 0);
    }
    assert!(has(&read(b"TY  - JOUR\nER  - \n")[0], "bibtex.stray-text"));
    assert!(has(&read(b"@preamble{\"x\"}\n")[0], "bibtex.preamble"));
    // Comments after the last entry are not a record of their own.
    assert_eq!(read(b"@misc{a}\n% the end\n").len(), 1);
}

/// An unclosed `@comment` or `@preamble` ends before the first line that starts an entry, so the
/// entries after it are read, and it is reported; a closed one keeps what it comments out.
#[test]
fn an_unclosed_comment_does_not_swallow_the_entries_after_it() {
    let input = "@comment{ an unclosed comment\n\n@article{a, title = {First}}\n@misc{b, title = {Second}}\n";
    let records = read(input.as_bytes());
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].resource.titles[0].title, "First");
    assert_eq!(records[1].resource.titles[0].title, "Second");
    assert_eq!(codes_at(&records[0]), ["bibtex.unclosed-comment@1:1"]);
    assert!(
        records[0].diagnostics[0].message.contains("before the entry on line 3"),
        "{}",
        records[0].diagnostics[0].message
    );
    assert!(!records[0].has_errors() && records[1].diagnostics.is_empty());

    // An entry before the comment keeps its record; the comment is reported on a record.
    let records = read(b"@misc{z, title = {Zero}}\n  @preamble( \"\\def\\x\n@misc{a, title = {One}}\n");
    assert_eq!(records.len(), 2);
    let codes: Vec<String> = records.iter().flat_map(codes_at).collect();
    assert!(codes.contains(&"bibtex.unclosed-comment@2:3".to_owned()), "{codes:?}");
    assert_eq!(records[1].resource.titles[0].title, "One");

    // Unclosed, with no entry after it: reported, and the input is one failed record.
    let records = read(b"@comment{ x\n@ not an entry\n");
    assert_eq!(records.len(), 1);
    assert!(has(&records[0], "bibtex.no-entries") && has(&records[0], "bibtex.unclosed-comment"));

    // Closed: the entries inside stay commented out.
    let records = read(b"@comment{\n@misc{old, title = {Old}}\n}\n@misc{new, title = {New}}\n");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].origin.key.as_deref(), Some("new"));
    assert!(records[0].diagnostics.is_empty(), "{:?}", records[0].diagnostics);

    // After the cut, an unclosed entry is still cut at the next entry, from text already read.
    let records = read(b"@comment{\n@misc{a, title = {A}\n@misc{b, title = {B}}\n@misc{c, title = {C}}\n");
    let keys: Vec<Option<&str>> = records.iter().map(|r| r.origin.key.as_deref()).collect();
    assert_eq!(keys, [Some("a"), Some("b"), Some("c")]);
    assert!(has(&records[0], "bibtex.unclosed-entry"));
    assert_eq!(records[2].resource.titles[0].title, "C");

    // An unclosed comment at the top of a large file: the entries are read with linear work
    // (twice the entries, at most 2.5 times the allocations, bytes and memory: counted, not timed).
    let after_unclosed_comment = |entries: usize| {
        (0..entries).fold(String::from("@comment{ unclosed\n"), |mut text, i| {
            text.push_str(&format!("@article{{k{i},\n  title = {{Title {i}}},\n  year = 2000,\n}}\n"));
            text
        })
    };
    crosswalk_robustness::assert_linear("entries after an unclosed comment", 1_000, after_unclosed_comment, |text| {
        read(text.as_bytes());
    });
    let entries = 20_000;
    let records = read(after_unclosed_comment(entries).as_bytes());
    assert_eq!(records.len(), entries);
    assert_eq!(records[entries - 1].resource.titles[0].title, format!("Title {}", entries - 1));
    assert_eq!(records[entries - 1].origin.line, Some(u32::try_from(entries * 4 - 2).unwrap()));

    // Many unclosed comments are read with linear work (the input is not scanned to its end
    // once per comment).
    let unclosed_comments = |comments: usize| "@comment{ x\n".repeat(comments) + "@misc{a, title = {A}}\n";
    crosswalk_robustness::assert_linear("unclosed comments", 1_000, unclosed_comments, |text| {
        read(text.as_bytes());
    });
    let records = read(unclosed_comments(50_000).as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].resource.titles[0].title, "A");
}

/// A byte-order mark is recognised however the input is buffered: records and diagnostics are
/// the same through a one-byte buffer as read whole.
#[test]
fn a_byte_order_mark_split_across_reads_is_recognised() {
    let text = "@misc{a, title = {Ünïcode}}\n@misc{b, title = {Two}}\n";
    let utf8: Vec<u8> = b"\xEF\xBB\xBF".iter().copied().chain(text.bytes()).collect();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let not_marks: [&[u8]; 4] = [b"\xEF\xBB@misc{a}\n", b"\xEF\n@misc{a}\n", b"\xFE@misc{a}", b"\xFF"];
    for input in [&utf8[..], &le, &be] {
        let whole = read(input);
        assert_eq!(whole.len(), 2);
        assert_eq!(whole[0].resource.titles[0].title, "Ünïcode");
        assert!(whole.iter().all(|r| !r.diagnostics.iter().any(|d| d.severity != Severity::Info)), "{whole:?}");
    }
    for input in [&utf8[..], &le, &be].into_iter().chain(not_marks) {
        let whole = read(input);
        for capacity in [1, 2, 3] {
            let trickled: Vec<Record> = Reader::new(BufReader::with_capacity(capacity, input)).collect();
            assert_eq!(whole, trickled, "{input:?} through a {capacity}-byte buffer");
        }
    }
    // The start of a mark that is not one is stray text before the entry.
    let records = read(not_marks[0]);
    assert!(has(&records[0], "bibtex.stray-text") && has(&records[0], "input.encoding"));
}

#[test]
fn never_panics_on_truncations() {
    // Cut at every seventh byte, through multi-byte characters too.
    let bytes = std::fs::read(testdata("bibtex/messy.bib")).unwrap();
    for end in (0..=bytes.len()).step_by(7) {
        for record in read(&bytes[..end]) {
            assert_documented("truncated", &record);
        }
    }
    // Arbitrary bytes, braces and quotes.
    for input in [
        &b"@"[..],
        b"@a",
        b"@a{",
        b"@a{k,",
        b"@a{k, t = ",
        b"@a{k, t = {",
        b"@a(k, t = \"x)",
        b"@string{",
        b"@a{k, t = x # }",
        b"\xFF\xFE@\0",
        b"@a{,,,}",
        b"@{}",
    ] {
        let _ = read(input);
    }
    let mut reader = BufReader::new(&b"@misc{a}"[..]);
    assert!(reader.fill_buf().is_ok());
}

/// Random inputs of BibTeX's syntax characters: every input gives a record (empty ones too),
/// records are numbered in order, and reading through a buffer of 1, 2 or 3 bytes gives the same
/// records and diagnostics as reading the bytes whole.
#[test]
fn random_input_keeps_the_reading_contract_whatever_the_buffering() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let alphabet = b"@comment{}()\"=,#% \n\r\tamisc\xEF\xBB\xBF\xFF\xFE\xC3\xA9preamble";
    let prefixes: [&[u8]; 5] = [b"", b"\xEF\xBB\xBF", b"\xEF\xBB", b"\xFF\xFE", b"@comment{\n"];
    for round in 0..400 {
        let len = usize::try_from(seed % 120).unwrap();
        let mut input = prefixes[round % prefixes.len()].to_vec();
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            input.push(alphabet[usize::try_from(seed % alphabet.len() as u64).unwrap()]);
        }
        let whole = read(&input);
        assert!(!whole.is_empty(), "no record for {input:?}");
        for (i, record) in whole.iter().enumerate() {
            assert_eq!(record.origin.index, i, "{input:?}");
            assert_documented("random", record);
        }
        for capacity in [1, 2, 3] {
            let trickled: Vec<Record> = Reader::new(BufReader::with_capacity(capacity, &input[..])).collect();
            assert_eq!(whole, trickled, "{input:?} through a {capacity}-byte buffer");
        }
    }
}

#[test]
fn the_reader_can_move_to_another_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Reader<BufReader<std::fs::File>>>();
    assert_send::<crosswalk_bibtex::Writer>();
}

#[test]
fn crlf_line_ends_read_like_lf() {
    let text = std::fs::read_to_string(testdata("bibtex/messy.bib")).unwrap();
    let lf = read(text.as_bytes());
    let crlf = read(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(lf.len(), crlf.len());
    for (a, b) in lf.iter().zip(&crlf) {
        assert_eq!(a.resource, b.resource, "{:?}", a.origin.key);
        assert_eq!(a.origin, b.origin);
        let locations =
            |r: &Record| r.diagnostics.iter().map(|d| (d.code.clone(), d.location.clone())).collect::<Vec<_>>();
        assert_eq!(locations(a), locations(b), "{:?}", a.origin.key);
    }
}

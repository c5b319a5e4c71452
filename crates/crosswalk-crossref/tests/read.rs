//! Tests of the Crossref XML reader: the Ruby converter's Crossref fixtures (read from
//! `../shared`, skipped when absent), our own fixtures in `testdata/crossref/` (one deposit per
//! work family, UNIXREF, UNIXSD, a deposit with a broken work among good ones), snapshots, the
//! official XSD, streaming and encodings.

use std::io::{BufReader, Read};
use std::path::Path;

use crosswalk_crossref::{read, Reader, CODES, WORK_TYPES};
use crosswalk_model::{
    ContributorType, DateType, FunderIdentifierType, NameType, NumberType, Record, RelatedItem, RelationType,
    ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_testkit::{
    assert_official_xsd_valid, assert_snapshot, files_with_suffix, shared_or_skip, testdata_bytes,
};

/// Our fixtures that hold only well-formed, readable works.
const GOOD: &[&str] = &[
    "deposit-journal.xml",
    "deposit-books.xml",
    "deposit-conference.xml",
    "deposit-posted-content.xml",
    "deposit-dissertation.xml",
    "deposit-report.xml",
    "deposit-standard.xml",
    "deposit-database.xml",
    "deposit-peer-review.xml",
    "deposit-sa-component.xml",
    "deposit-grant.xml",
    "deposit-pending-publication.xml",
    "deposit-roles.xml",
    "deposit-title-layout.xml",
    "deposit-components.xml",
    "deposit-et-al.xml",
    "unixref.xml",
    "unixsd.xml",
];

fn fixture_bytes(name: &str) -> Vec<u8> {
    testdata_bytes(&format!("crossref/{name}"))
}

fn fixture(name: &str) -> Vec<Record> {
    read(&fixture_bytes(name))
}

fn by_doi<'r>(records: &'r [Record], doi: &str) -> &'r Record {
    records.iter().find(|r| r.resource.doi.as_deref() == Some(doi)).unwrap_or_else(|| {
        panic!("no record {doi} in {:?}", records.iter().map(|r| &r.resource.doi).collect::<Vec<_>>())
    })
}

fn codes_of(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| &*d.code).collect()
}

fn count(record: &Record, code: &str) -> usize {
    record.diagnostics.iter().filter(|d| d.code == code).count()
}

/// Every diagnostic has a code listed in `CODES` with its severity, and a line.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code);
        let info = info.unwrap_or_else(|| panic!("{label}: code {} is not in CODES ({d})", d.code));
        if d.code != crosswalk_text::ENCODING_ASSUMED {
            assert_eq!(info.severity, d.severity, "{label}: {d}");
        }
        if d.code != crosswalk_crossref::NO_WORKS || d.location.line.is_some() {
            assert!(d.location.line.is_some() || d.code == crosswalk_crossref::NO_WORKS, "{label}: no line in {d}");
        }
    }
}

fn snapshot_text(records: &[Record]) -> String {
    let items: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "origin": {"index": r.origin.index, "key": r.origin.key, "line": r.origin.line, "schema": r.origin.schema},
                "resource": r.resource,
                "diagnostics": r.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("serialisable");
    text.push('\n');
    text
}

// ---- the Ruby converter's fixtures --------------------------------------------------------------

#[test]
fn bolognese_crossref_fixtures_read() {
    let shared = shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    let files: Vec<_> = files_with_suffix(&dir, ".xml")
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("crossref")))
        .collect();
    assert_eq!(files.len(), 2);
    for path in files {
        let records = read(&std::fs::read(&path).unwrap());
        let label = path.display().to_string();
        assert_eq!(records.len(), 1, "{label}");
        let record = &records[0];
        assert_documented(&label, record);
        assert!(!record.has_errors(), "{label}: {:?}", record.diagnostics);
        let xml = crosswalk_datacite::xml::write(&record.resource);
        assert_official_xsd_valid(&label, &xml.text);
    }
}

#[test]
fn bolognese_crossref_values() {
    let shared = shared_or_skip!();
    let records = read(&std::fs::read(shared.join("reference/bolognese-fixtures/crossref.xml")).unwrap());
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(record.origin.key.as_deref(), Some("10.7554/eLife.01567"));
    assert_eq!(record.origin.schema.as_deref(), Some("http://www.crossref.org/qrschema/3.0"));
    assert_eq!(r.doi.as_deref(), Some("10.7554/eLife.01567"));
    assert_eq!(r.url.as_deref(), Some("https://elifesciences.org/articles/01567"));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(r.types.derived().map(|d| d.ris), Some("JOUR"));
    assert_eq!(r.creators.len(), 5);
    assert_eq!(r.creators[0].name, "Sankar, Martial");
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
    assert_eq!(
        r.creators[0].affiliation[0].name,
        "Department of Plant Molecular Biology, University of Lausanne, Lausanne, Switzerland"
    );
    assert_eq!(
        r.titles[0].title,
        "Automated quantitative histology reveals vascular morphodynamics during Arabidopsis hypocotyl secondary growth"
    );
    assert_eq!(r.publisher.as_ref().map(|p| p.name.as_str()), Some("eLife Sciences Publications, Ltd"));
    assert_eq!(r.publication_year.as_deref(), Some("2014"));
    assert_eq!(r.dates[0].date, "2014-02-11");
    assert_eq!(r.dates[0].date_type, Some(DateType::Issued));
    assert_eq!(r.rights_list.len(), 1);
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("http://creativecommons.org/licenses/by/3.0/"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-3.0"));
    // The Ruby converter lists the funders of the work and of its Crossmark data twice; they are
    // the same funders, kept once.
    let funders: Vec<&str> = r.funding_references.iter().map(|f| f.funder_name.as_str()).collect();
    assert_eq!(
        funders,
        [
            "SystemsX",
            "EMBO longterm post-doctoral fellowships",
            "Marie Heim-Voegtlin",
            "University of Lausanne",
            "EMBO",
            "Swiss National Science Foundation"
        ]
    );
    assert_eq!(r.funding_references[3].funder_identifier.as_deref(), Some("https://doi.org/10.13039/501100006390"));
    assert_eq!(r.funding_references[3].funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    let journal = &r.related_items[0];
    assert_eq!(journal.related_item_type, Some(ResourceTypeGeneral::Journal));
    assert_eq!(journal.relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(journal.titles[0].title, "eLife");
    assert_eq!(journal.volume.as_deref(), Some("3"));
    assert_eq!(journal.number.as_deref(), Some("e01567"));
    assert_eq!(journal.number_type, Some(NumberType::Article));
    let issn = journal.related_item_identifier.as_ref().unwrap();
    assert_eq!(issn.related_item_identifier, "2050-084X");
    assert_eq!(r.related_identifiers[0].related_identifier, "2050-084X");
    assert_eq!(r.related_identifiers[0].relation_type, Some(RelationType::IsPartOf));
    let supplement = &r.related_identifiers[1];
    assert_eq!(supplement.related_identifier, "10.5061/dryad.b835k");
    assert_eq!(supplement.relation_type, Some(RelationType::IsSupplementedBy));
    let references = r.related_identifiers.iter().filter(|i| i.relation_type == Some(RelationType::References)).count();
    assert_eq!(references, 26);
    let parts = r.related_identifiers.iter().filter(|i| i.relation_type == Some(RelationType::HasPart)).count();
    assert_eq!(parts, 17);
    assert_eq!(r.descriptions.len(), 2);
    assert!(r.descriptions[1].description.contains("cancer.\n\nThale cress"));
    assert_eq!(r.content_url.len(), 2);
    assert_eq!(r.formats, ["application/pdf", "application/xml"]);
}

#[test]
fn bolognese_schema_46_values() {
    let shared = shared_or_skip!();
    let path = shared.join("reference/bolognese-fixtures/crossref_schema_4.6_values.xml");
    let records = read(&std::fs::read(path).unwrap());
    let r = &records[0].resource;
    assert_eq!(r.doi.as_deref(), Some("10.32013/4859104"));
    assert_eq!(r.titles[1].title_type, Some(TitleType::TranslatedTitle));
    assert_eq!(r.titles[1].lang.as_deref(), Some("en"));
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::Editor));
    assert_eq!(r.contributors[1].contributor_type, Some(ContributorType::Translator));
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "https://orcid.org/0000-0002-4011-3590");
    let translation = r.related_identifiers.iter().find(|i| i.related_identifier == "10.32013/zLl10OQ").unwrap();
    assert_eq!(translation.relation_type, Some(RelationType::HasTranslation));
    assert_eq!(translation.relation_type_information.as_deref(), Some("English language version"));
    let journal = &r.related_items[0];
    assert_eq!((journal.first_page.as_deref(), journal.last_page.as_deref()), (Some("1"), Some("3")));
    assert_eq!(journal.issue.as_deref(), Some("11"));
    let issued: Vec<_> = r.dates.iter().filter(|d| d.date_type == Some(DateType::Issued)).collect();
    assert_eq!(issued.len(), 2);
    assert_eq!(r.publication_year.as_deref(), Some("2018"));
    // ref6 has only its text: it is a related item titled with it, white space collapsed.
    let unstructured = r.related_items.iter().find(|i| i.relation_type == Some(RelationType::References)).unwrap();
    assert_eq!(unstructured.titles[0].title, "Riley, J. (2017). Understanding metadata. Bethesda,MD: NISO Press.");
}

// ---- our fixtures ---------------------------------------------------------------------------------

#[test]
fn fixtures_snapshots_and_documented_codes() {
    for name in GOOD.iter().chain(["deposit-broken.xml"].iter()) {
        let records = fixture(name);
        for record in &records {
            assert_documented(name, record);
        }
        let indices: Vec<usize> = records.iter().map(|r| r.origin.index).collect();
        assert_eq!(indices, (0..records.len()).collect::<Vec<_>>(), "{name}");
        let snapshot = format!("crossref/{}", name.replace(".xml", ".json"));
        assert_snapshot(&snapshot, &snapshot_text(&records));
    }
}

#[test]
fn every_work_type_is_read_from_a_fixture() {
    let mut seen = std::collections::BTreeSet::new();
    for name in GOOD {
        for record in fixture(name) {
            let t = &record.resource.types;
            if let (Some(general), Some(resource_type)) = (&t.resource_type_general, &t.resource_type) {
                seen.insert((general.as_str().to_owned(), resource_type.clone()));
            }
        }
    }
    for row in WORK_TYPES {
        let key = (row.general.as_str().to_owned(), row.resource_type.to_owned());
        assert!(seen.contains(&key), "no fixture record of {} ({key:?})", row.source);
    }
}

#[test]
fn complete_records_validate_against_the_official_xsd() {
    let mut validated = 0;
    for name in GOOD {
        for record in fixture(name) {
            let r = &record.resource;
            let complete = r.doi.is_some()
                && !r.creators.is_empty()
                && !r.titles.is_empty()
                && r.publisher.is_some()
                && r.publication_year.is_some();
            if !complete {
                continue;
            }
            let written = crosswalk_datacite::xml::write(r);
            let label = format!("{name} {}", r.doi.as_deref().unwrap_or(""));
            assert_official_xsd_valid(&label, &written.text);
            validated += 1;
        }
    }
    assert!(validated >= 30, "only {validated} complete records");
}

#[test]
fn journal_deposit() {
    let records = fixture("deposit-journal.xml");
    let dois: Vec<&str> = records.iter().filter_map(|r| r.resource.doi.as_deref()).collect();
    assert_eq!(
        dois,
        [
            "10.55555/jte",
            "10.55555/jte.v17",
            "10.55555/jte.v17i3",
            "10.55555/jte.2024.211",
            "10.55555/jte.2024.211.f1",
            "10.55555/jte.2024.211.s1",
            "10.55555/jte.2024.230"
        ]
    );
    let journal = by_doi(&records, "10.55555/jte");
    assert_eq!(journal.resource.types.resource_type.as_deref(), Some("Journal"));
    assert_eq!(journal.resource.alternate_identifiers.len(), 2);
    let volume = by_doi(&records, "10.55555/jte.v17");
    assert_eq!(volume.resource.titles[0].title, "Journal of Tidal Ecology, volume 17");
    let issue = by_doi(&records, "10.55555/jte.v17i3");
    assert_eq!(issue.resource.titles[0].title, "Special issue: Intertidal zones");
    assert_eq!(issue.resource.creators[0].name, "Quintero, Marisol");
    assert_eq!(issue.resource.related_items[0].volume.as_deref(), Some("17"));

    let article = by_doi(&records, "10.55555/jte.2024.211");
    let r = &article.resource;
    assert_eq!(article.origin.line, Some(66));
    assert_eq!(r.creators[0].name, "Te Rangi, Ngaio, Jr.");
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/05abcde12"));
    assert_eq!(r.creators[2].name, "Coastal Monitoring Consortium");
    assert_eq!(r.creators[2].name_type, Some(NameType::Organizational));
    assert_eq!(r.creators[3].name, "Anonymous");
    assert_eq!(r.contributors[1].contributor_type, Some(ContributorType::Other));
    assert_eq!(r.titles[0].title, "Barnacle settlement on Fucus fronds under CO2 enrichment");
    assert_eq!(r.titles[1].title_type, Some(TitleType::Subtitle));
    assert_eq!(r.titles[2].lang.as_deref(), Some("es"));
    assert_eq!(
        r.descriptions[0].description,
        "Background\n\nSettlement of Semibalanus balanoides depends on surface chemistry.\n\nResults\n\nCover fell by 40 % when pCO2 rose."
    );
    assert_eq!(r.publication_year.as_deref(), Some("2024"));
    assert_eq!(r.publisher.as_ref().unwrap().name, "Tidepool Press");
    assert_eq!(r.funding_references.len(), 4);
    assert_eq!(r.funding_references[1].award_number.as_deref(), Some("MFP-UOS2102"));
    assert_eq!(r.funding_references[3].funder_identifier_type, Some(FunderIdentifierType::Ror));
    let item = &r.related_items[0];
    assert_eq!((item.volume.as_deref(), item.issue.as_deref()), (Some("17"), Some("3")));
    assert_eq!((item.first_page.as_deref(), item.last_page.as_deref()), (Some("211"), Some("229")));
    assert_eq!(item.contributors[0].contributor_type, Some(ContributorType::Editor));
    let related: Vec<(&str, &str)> = r
        .related_identifiers
        .iter()
        .map(|i| (i.related_identifier.as_str(), i.relation_type.as_ref().map_or("", |t| t.as_str())))
        .collect();
    assert!(related.contains(&("10.5061/dryad.tide42", "IsSupplementedBy")));
    assert!(related.contains(&("https://data.tidepool.example/sets/88", "References")));
    assert!(related.contains(&("arXiv:2401.01234", "HasVersion")));
    assert!(related.contains(&("10.55555/jte.2024.211.f1", "HasPart")));
    assert!(related.contains(&("10.55555/jte.2024.211.s1", "References")));
    assert_eq!(r.related_items.len(), 4, "journal and three citations without DOI");
    assert_eq!(
        r.related_items[2].related_item_identifier.as_ref().unwrap().related_item_identifier,
        "978-0-412-44420-0"
    );
    assert_eq!(r.related_items[2].publication_year.as_deref(), Some("1994"));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("PII"));
    assert_eq!(r.content_url.len(), 2);
    for code in ["markup.removed", "markup.math-flattened", "crossref.role-other", "crossref.citation-as-title"] {
        assert!(codes_of(article).contains(&code), "{code}");
    }
    assert_eq!(count(article, "field.unmapped"), 11, "{:#?}", article.diagnostics);

    let figure = by_doi(&records, "10.55555/jte.2024.211.f1");
    assert_eq!(figure.resource.types.resource_type.as_deref(), Some("Component"));
    assert_eq!(figure.resource.related_identifiers[0].related_identifier, "10.55555/jte.2024.211");
    assert_eq!(figure.resource.related_identifiers[0].relation_type, Some(RelationType::IsPartOf));
    assert_eq!(figure.resource.sizes, ["48213 bytes"]);
    assert_eq!(figure.resource.formats, ["image/png"]);
    let table = by_doi(&records, "10.55555/jte.2024.211.s1");
    assert_eq!(table.resource.related_identifiers[0].relation_type, Some(RelationType::IsReferencedBy));

    let correction = by_doi(&records, "10.55555/jte.2024.230");
    let r = &correction.resource;
    assert_eq!(r.dates[0].date, "2024-36");
    assert_eq!(r.version.as_deref(), Some("2"));
    let update = &r.related_identifiers.iter().find(|i| i.related_identifier == "10.55555/jte.2023.077").unwrap();
    assert_eq!(update.relation_type, Some(RelationType::Other));
    assert_eq!(update.relation_type_information.as_deref(), Some("Crossmark update: correction (2024-06-01)"));
    assert!(r.dates.iter().any(|d| d.date == "2024-04-11" && d.date_type == Some(DateType::Submitted)));
}

#[test]
fn book_deposit() {
    let records = fixture("deposit-books.xml");
    assert_eq!(records.len(), 13);
    let series = by_doi(&records, "10.55556/sca");
    assert_eq!(series.resource.types.resource_type.as_deref(), Some("BookSeries"));
    let book = by_doi(&records, "10.55556/sca.12");
    let r = &book.resource;
    assert_eq!(r.types.resource_type.as_deref(), Some("EditedBook"));
    assert_eq!(r.version.as_deref(), Some("2"));
    assert_eq!(r.creators.len(), 2, "editors as creators");
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::Editor));
    assert_eq!(r.related_items[0].relation_type, Some(RelationType::IsPartOf));
    assert_eq!(r.related_items[0].volume.as_deref(), Some("12"));
    assert_eq!(r.publication_year.as_deref(), Some("2022"));
    let chapter = by_doi(&records, "10.55556/sca.12.ch3");
    let item = &chapter.resource.related_items[0];
    assert_eq!(item.related_item_type, Some(ResourceTypeGeneral::Book));
    assert_eq!(item.number_type, Some(NumberType::Chapter));
    assert_eq!(item.edition.as_deref(), Some("2"));
    assert_eq!(item.publisher.as_deref(), Some("Harrow & Vale"));
    assert_eq!(chapter.resource.related_items[1].titles[0].title, "Studies in Coastal Archaeology");
    let entry = by_doi(&records, "10.55556/ell.2.limpet");
    assert_eq!(entry.resource.types.resource_type.as_deref(), Some("ReferenceEntry"));
    assert_eq!(entry.resource.types.derived().map(|d| d.ris), Some("ENCYC"));
    // The book without a DOI of its own: its abstract has nowhere to go, and says so.
    let orphan = by_doi(&records, "10.55556/fn.ch1");
    assert_eq!(count(orphan, "field.unmapped"), 1);
}

#[test]
fn conference_deposit() {
    let records = fixture("deposit-conference.xml");
    let proceedings = by_doi(&records, "10.55557/icow2019");
    let r = &proceedings.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::ConferenceProceeding));
    assert_eq!(r.subjects[0].subject, "Physical oceanography");
    assert_eq!(r.related_items[0].relation_type_information.as_deref(), Some("Proceedings of"));
    assert_eq!(r.creators[0].name, "Virtanen, Sanna");
    let paper = by_doi(&records, "10.55557/icow2019.101");
    let items = &paper.resource.related_items;
    assert_eq!(items[0].related_item_type, Some(ResourceTypeGeneral::ConferenceProceeding));
    assert_eq!(items[0].contributors.len(), 2);
    assert_eq!(items[1].related_item_type, Some(ResourceTypeGeneral::Event));
    assert_eq!(items[1].relation_type_information.as_deref(), Some("Presented at"));
    assert_eq!(items[1].publication_year.as_deref(), Some("2019"));
    assert_eq!(paper.resource.types.derived().map(|d| d.citeproc), Some("paper-conference"));
}

#[test]
fn single_work_deposits() {
    let posted = fixture("deposit-posted-content.xml");
    let general: Vec<&str> =
        posted.iter().map(|r| r.resource.types.resource_type_general.as_ref().map_or("", |g| g.as_str())).collect();
    assert_eq!(general, ["Preprint", "Preprint", "Dissertation", "Report", "PeerReview"]);
    let preprint = &posted[0].resource;
    assert_eq!(preprint.subjects[0].subject, "Ecology");
    assert_eq!(preprint.publisher.as_ref().unwrap().publisher_identifier.as_deref(), Some("https://ror.org/02xyz7788"));
    // A person_name with only <name> is split by the shared splitter (people.name-split).
    assert_eq!(preprint.creators[1].name, "Tesfaye, Rahel");
    assert_eq!(preprint.creators[1].given_name.as_deref(), Some("Rahel"));
    assert_eq!(preprint.funding_references[0].funder_identifier_type, Some(FunderIdentifierType::Ror));
    assert_eq!(preprint.version.as_deref(), Some("v2"));
    let withdrawn = &posted[1].resource;
    assert_eq!(withdrawn.dates[1].date_type, Some(DateType::Withdrawn));
    assert_eq!(withdrawn.dates[1].date_information.as_deref(), Some("withdrawn: Withdrawn at the authors' request."));

    let thesis = &fixture("deposit-dissertation.xml")[0].resource;
    assert_eq!(thesis.creators[0].name, "Dubois-Mercier, Céline");
    assert_eq!(thesis.publisher.as_ref().unwrap().name, "Riverbend University");
    assert_eq!(thesis.dates[0].date_information.as_deref(), Some("approval date"));
    assert_eq!(thesis.publication_year.as_deref(), Some("2012"));
    assert_eq!(thesis.descriptions[0].description, "Degree: PhD");
    assert_eq!(thesis.language.as_deref(), Some("fr"));

    let review = &fixture("deposit-peer-review.xml")[0];
    assert_eq!(review.resource.creators.len(), 2, "reviewers are the authors of a review");
    assert_eq!(review.resource.related_identifiers[0].relation_type, Some(RelationType::Reviews));
    assert_eq!(count(review, "field.unmapped"), 5);

    let grant = &fixture("deposit-grant.xml")[0].resource;
    assert_eq!(grant.types.resource_type_general, Some(ResourceTypeGeneral::Award));
    assert_eq!(grant.titles[1].title_type, Some(TitleType::TranslatedTitle));
    assert_eq!(grant.creators[0].name, "Adeyemi, Oluwaseun");
    assert_eq!(grant.contributors[0].contributor_type, Some(ContributorType::ProjectMember));
    assert_eq!(grant.funding_references[0].award_number.as_deref(), Some("SRF-DOP-2022-014"));
    assert_eq!(grant.funding_references[0].award_title.as_deref(), Some("Microplastics in deep-sea sediments"));
    assert_eq!(grant.publisher.as_ref().unwrap().name, "Sea Research Fund");
    assert_eq!(grant.publication_year.as_deref(), Some("2022"));
    assert!(grant.dates.iter().any(|d| d.date == "2022-04-01/2025-03-31"));

    let pending = &fixture("deposit-pending-publication.xml")[0].resource;
    assert_eq!(pending.related_items[0].titles[0].title, "Journal of Tidal Ecology");
    assert_eq!(pending.publication_year.as_deref(), Some("2022"));

    let standard = fixture("deposit-standard.xml");
    assert_eq!(standard[0].resource.alternate_identifiers[0].alternate_identifier, "MSB 4410:2022");
    assert_eq!(standard[0].resource.creators[0].name, "Marine Standards Board");
    assert_eq!(standard[1].resource.publisher.as_ref().unwrap().name, "Marine Standards Board");

    let database = fixture("deposit-database.xml");
    assert_eq!(database[0].resource.types.resource_type.as_deref(), Some("Database"));
    let dates: Vec<_> = database[0].resource.dates.iter().map(|d| d.date_type.clone().unwrap()).collect();
    assert_eq!(dates, [DateType::Created, DateType::Issued, DateType::Updated]);
    assert_eq!(database[1].resource.related_items[0].relation_type, Some(RelationType::IsPartOf));

    let report = fixture("deposit-report.xml");
    assert_eq!(report.len(), 5);
    let shapefiles = by_doi(&report, "10.55560/ncs-tr.2021.07.shp");
    assert_eq!(shapefiles.resource.related_identifiers[0].related_identifier, "10.55560/ncs-tr.2021.07");

    let components = fixture("deposit-sa-component.xml");
    assert_eq!(components[1].resource.doi.as_deref(), Some("10.55555/jte.2014.009.c2"));
    let parent = &components[1].resource.related_identifiers[0];
    assert_eq!(parent.related_identifier, "10.55555/jte.2014.009");
    assert_eq!(parent.relation_type, Some(RelationType::IsRequiredBy));
}

#[test]
fn unixref_and_unixsd() {
    let unixref = fixture("unixref.xml");
    assert_eq!(unixref.len(), 3);
    assert_eq!(unixref[0].resource.doi.as_deref(), Some("10.55556/sca.12.ch3"), "the chapter, not its book");
    assert_eq!(unixref[0].origin.schema.as_deref(), Some("http://www.crossref.org/xschema/1.1"));
    assert_eq!(unixref[1].resource.types.resource_type.as_deref(), Some("ProceedingsArticle"));
    assert!(unixref[2].has_errors());
    assert_eq!(unixref[2].origin.key.as_deref(), Some("10.55555/does-not-exist"));

    let unixsd = fixture("unixsd.xml");
    assert_eq!(unixsd.len(), 2);
    let article = &unixsd[0];
    assert_eq!(article.resource.doi.as_deref(), Some("10.55555/jte.2024.211"));
    assert_eq!(article.resource.publisher.as_ref().unwrap().name, "Tidepool Press Ltd");
    assert!(unixsd[1].has_errors());
    assert_eq!(unixsd[1].origin.key.as_deref(), Some("10.55555/jte.missing"));
}

#[test]
fn broken_work_among_good_ones() {
    let records = fixture("deposit-broken.xml");
    assert_eq!(records.len(), 4);
    assert!(!records[0].has_errors());
    assert!(records[1].has_errors());
    assert_eq!(count(&records[1], "xml.malformed"), 3);
    assert_eq!(count(&records[1], "xml.undefined-entity"), 1);
    assert_eq!(records[1].resource.doi.as_deref(), Some("10.55565/broken.2"));
    assert!(!records[2].has_errors());
    assert_eq!(records[2].resource.doi.as_deref(), Some("10.55565/odd.3"));
    assert!(codes_of(&records[2]).contains(&"xml.unknown-attribute"));
    assert!(!records[3].has_errors());
    assert_eq!(records[3].resource.titles[0].title, "Last good work & friends");
    // The unknown element between works goes to the next record.
    assert!(codes_of(&records[3]).contains(&"xml.unknown-element"));
}

// ---- shapes of input ------------------------------------------------------------------------------

#[test]
fn refusals_and_empty_inputs() {
    let doctype = read(b"<?xml version=\"1.0\"?>\n<!DOCTYPE doi_batch [<!ENTITY x \"y\">]>\n<doi_batch/>");
    assert_eq!(doctype.len(), 1);
    assert_eq!(codes_of(&doctype[0]), ["xml.dtd-refused"]);
    let other = read(b"<resource xmlns=\"http://datacite.org/schema/kernel-4\"/>");
    assert_eq!(codes_of(&other[0]), ["crossref.not-crossref"]);
    assert_eq!(codes_of(&read(b"")[0]), ["crossref.not-crossref"]);
    let empty = read(b"<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><head/><body/></doi_batch>");
    assert_eq!(codes_of(&empty[0]), ["crossref.no-works"]);
    let version = read(b"<doi_batch xmlns=\"http://www.crossref.org/schema/9.9.9\"><body><posted_content><titles><title>T</title></titles><doi_data><doi>10.1/x</doi></doi_data></posted_content></body></doi_batch>");
    assert_eq!(codes_of(&version[0])[0], "crossref.schema-version");
}

#[test]
fn truncated_input_keeps_the_works_before() {
    let bytes = fixture_bytes("deposit-posted-content.xml");
    let cut = &bytes[..bytes.len() * 4 / 5];
    let records = read(cut);
    assert!(records.len() >= 2, "{}", records.len());
    assert!(!records[0].has_errors());
    assert!(records.last().unwrap().has_errors());
    assert!(codes_of(records.last().unwrap()).contains(&"xml.malformed"));
}

#[test]
fn encodings() {
    let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><body><dissertation><person_name contributor_role=\"author\" sequence=\"first\"><given_name>Jos\u{e9}</given_name><surname>Pe\u{f1}a</surname></person_name><titles><title>Tesis</title></titles><approval_date><year>2001</year></approval_date><doi_data><doi>10.1/t</doi><resource>https://example.org/t</resource></doi_data></dissertation></body></doi_batch>";
    let latin1: Vec<u8> = xml.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    let records = read(&latin1);
    assert_eq!(records[0].resource.creators[0].name, "Peña, José");
    assert_eq!(records[0].diagnostics[0].code, "input.encoding");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(xml.replace("ISO-8859-1", "UTF-16").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let records = read(&utf16);
    assert_eq!(records[0].resource.creators[0].name, "Peña, José");
    assert_eq!(records[0].diagnostics[0].code, "input.utf16");
}

/// A deposit of three posted-content works, the `n`th (0-based) with `bad` in its title, and
/// before its `</posted_content>` when `in_tag`.
fn three_works(n: usize, bad: &[u8], in_tag: bool) -> Vec<u8> {
    let mut xml = b"<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\" version=\"5.4.0\"><body>\n".to_vec();
    for i in 0..3 {
        xml.extend_from_slice(b"<posted_content type=\"preprint\"><titles><title>Work ");
        if i == n && !in_tag {
            xml.extend_from_slice(bad);
        }
        xml.extend_from_slice(format!("</title></titles><doi_data><doi>10.5555/{i}</doi></doi_data>").as_bytes());
        if i == n && in_tag {
            xml.extend_from_slice(b"<x a=\"");
            xml.extend_from_slice(bad);
            xml.extend_from_slice(b"\"/>");
        }
        xml.extend_from_slice(b"</posted_content>\n");
    }
    xml.extend_from_slice(b"</body></doi_batch>\n");
    xml
}

/// Which records hold `code`, reading `bytes` whole; reading through any small buffer gives the
/// same records.
fn records_with(bytes: &[u8], code: &str) -> (Vec<usize>, Vec<Record>) {
    let whole = read(bytes);
    for capacity in 1..14 {
        let streamed: Vec<Record> = Reader::new(BufReader::with_capacity(capacity, bytes)).collect();
        assert_eq!(whole, streamed, "through a {capacity}-byte buffer");
    }
    let with = whole.iter().enumerate().filter(|(_, r)| count(r, code) > 0).map(|(i, _)| i).collect();
    (with, whole)
}

#[test]
fn an_encoding_warning_goes_to_the_work_with_the_bad_byte() {
    // fuzz/regressions/read_crossref_xml/f5-bad-byte-in-third-work.xml: the conversion runs
    // ahead of the tokenizer, but the warning waits for the tokenizer to reach its byte.
    for n in 0..3 {
        let (with, records) = records_with(&three_works(n, b"caf\xE9", false), "input.encoding");
        assert_eq!(with, [n], "{records:#?}");
        let warning = records[n].diagnostics.iter().find(|d| d.code == "input.encoding").unwrap();
        assert_eq!((warning.location.line, warning.location.column), (Some(2 + n as u32), Some(56)));
        let path = format!("/doi_batch/body/posted_content[{}]/titles/title", n + 1);
        assert_eq!(warning.location.path.as_deref(), Some(path.as_str()));
        assert_eq!(records[n].resource.titles[0].title, "Work caf\u{e9}");
    }
    // A bad byte in a tag goes to the work the tag is in.
    let (with, _) = records_with(&three_works(1, b"\xFF", true), "input.encoding");
    assert_eq!(with, [1]);
    // Far from the start, beyond what one read converts.
    let mut long = three_works(2, b"\x93quoted\x94", false);
    let at = long.iter().position(|&b| b == b'\n').unwrap() + 1;
    let padding = format!("<!-- {} -->\n", "x".repeat(100_000));
    long.splice(at..at, padding.bytes());
    let (with, _) = records_with(&long, "input.encoding");
    assert_eq!(with, [2]);
    // Stray bytes on several lines of one work of UTF-8 text: one warning for that work, naming
    // the first.
    let mut xml = three_works(1, b"caf\xC3\xA9 na\xEFve", false);
    let titles_end: Vec<usize> = (0..xml.len()).filter(|&i| xml[i..].starts_with(b"</titles>")).collect();
    let at = titles_end[1] + b"</titles>".len();
    xml.splice(at..at, b"\n<!-- \x93 -->\n".iter().copied());
    let (with, records) = records_with(&xml, "input.invalid-bytes");
    assert_eq!(with, [1]);
    assert_eq!(count(&records[1], "input.invalid-bytes"), 1);
    assert_eq!(records[1].resource.titles[0].title, "Work café naïve");
    let warning = records[1].diagnostics.iter().find(|d| d.code == "input.invalid-bytes").unwrap();
    assert!(warning.message.contains("byte 0xEF (read as Windows-1252 \"ï\") at 3:60"), "{}", warning.message);
}

#[test]
fn an_invalid_utf16_warning_goes_to_the_work_with_the_bad_unit() {
    let text = String::from_utf8(three_works(1, b"\xC3\xA9X", false)).unwrap();
    let mut bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    // The `X` after `é` becomes a lone low surrogate.
    let x = bytes.windows(2).position(|w| w == [b'X', 0]).unwrap();
    bytes[x..x + 2].copy_from_slice(&0xDC00u16.to_le_bytes());
    let (with, records) = records_with(&bytes, "input.invalid-bytes");
    assert_eq!(with, [1], "{records:#?}");
    let warning = records[1].diagnostics.iter().find(|d| d.code == "input.invalid-bytes").unwrap();
    assert_eq!((warning.location.line, warning.location.column), (Some(3), Some(54)));
    assert_eq!(count(&records[0], "input.utf16"), 1);
}

#[test]
fn inputs_without_works_say_where() {
    for (xml, code, line, column) in [
        (&b""[..], "crossref.not-crossref", 1, 1),
        (b"<!-- nothing -->\n", "crossref.not-crossref", 2, 1),
        (
            b"<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><head/>\n<body/></doi_batch>",
            "crossref.no-works",
            2,
            20,
        ),
    ] {
        let records = read(xml);
        assert_eq!(records.len(), 1);
        let d = &records[0].diagnostics[0];
        assert_eq!((d.code.as_ref(), d.location.line, d.location.column), (code, Some(line), Some(column)));
    }
}

/// A reader that generates a deposit of `works` posted-content works on the fly and counts
/// what was read, to show that records come out while the input is still being read.
struct Generated {
    works: usize,
    next: usize,
    pending: Vec<u8>,
    pub read: usize,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.next == 0 {
                self.pending.extend_from_slice(
                    b"<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><head><registrant>R</registrant></head><body>\n",
                );
            }
            if self.next < self.works {
                let work = format!(
                    "<posted_content><contributors><person_name contributor_role=\"author\" sequence=\"first\"><given_name>A</given_name><surname>N{0}</surname></person_name></contributors><titles><title>Work {0}</title></titles><posted_date><year>2024</year></posted_date><doi_data><doi>10.5555/w{0}</doi><resource>https://example.org/{0}</resource></doi_data></posted_content>\n",
                    self.next
                );
                self.pending.extend_from_slice(work.as_bytes());
            } else if self.next == self.works {
                self.pending.extend_from_slice(b"</body></doi_batch>");
            }
            self.next += 1;
        }
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.read += n;
        Ok(n)
    }
}

#[test]
fn streams_works_one_at_a_time() {
    let works = 20_000;
    let source = Generated { works, next: 0, pending: Vec::new(), read: 0 };
    let mut reader = Reader::new(BufReader::with_capacity(4096, source));
    let first = reader.next().expect("a first record");
    assert_eq!(first.resource.doi.as_deref(), Some("10.5555/w0"));
    let mut n = 1;
    for record in reader.by_ref() {
        assert_eq!(record.origin.index, n);
        assert!(record.diagnostics.iter().all(|d| d.severity == Severity::Info), "{:?}", record.diagnostics);
        n += 1;
    }
    assert_eq!(n, works);
}

#[test]
fn reader_over_small_buffers_equals_read() {
    for name in GOOD {
        let bytes = fixture_bytes(name);
        let whole = read(&bytes);
        let streamed: Vec<Record> = Reader::new(BufReader::with_capacity(7, bytes.as_slice())).collect();
        assert_eq!(whole, streamed, "{name}");
    }
}

#[test]
fn every_shared_file_reads_without_panicking() {
    let shared = shared_or_skip!();
    let reference = shared.join("reference");
    let mut files = files_with_suffix(&reference.join("bolognese-fixtures"), ".xml");
    files.extend(files_with_suffix(&reference.join("crossref-schema-5.4"), ".xml"));
    files.extend(files_with_suffix(&reference.join("datacite-schema/kernel-4.7/example"), ".xml"));
    for path in files {
        let records = read(&std::fs::read(&path).unwrap());
        assert!(!records.is_empty(), "{}", path.display());
        for record in &records {
            assert_documented(&path.display().to_string(), record);
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with("datacite") {
            assert_eq!(codes_of(&records[0]), ["crossref.not-crossref"], "{name}");
        }
    }
    let _ = Path::new(".");
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    let depth = 100_000;
    let mut xml =
        String::from("<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><body><posted_content><titles><title>");
    xml.push_str(&"<i>".repeat(depth));
    xml.push('x');
    xml.push_str(&"</i>".repeat(depth));
    xml.push_str("</title></titles><doi_data><doi>10.1/deep</doi></doi_data></posted_content></body></doi_batch>");
    let records = read(xml.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].resource.doi.as_deref(), Some("10.1/deep"));
    assert_eq!(count(&records[0], "xml.malformed"), 1);
}

#[test]
fn reader_is_send() {
    fn send<T: Send>(_: &T) {}
    send(&Reader::new(&b""[..]));
}

#[test]
fn deep_nesting_outside_works_is_skipped() {
    let depth = 100_000;
    let mut xml = String::from("<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><body>");
    xml.push_str(&"<junk>".repeat(depth));
    xml.push_str(&"</junk>".repeat(depth));
    xml.push_str("<posted_content><titles><title>T</title></titles><doi_data><doi>10.1/x</doi></doi_data></posted_content></body></doi_batch>");
    let records = read(xml.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(codes_of(&records[0])[0], "xml.unknown-element");
}

/// A relation without `relationship-type` is read as Other and reported, with no empty
/// `relationTypeInformation` (found by the `end_to_end` fuzz target: DataCite JSON leaves an
/// empty value out, so the record did not read back the same).
#[test]
fn a_relation_without_a_type_keeps_no_empty_information() {
    let xml = r#"<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" xmlns:rel="http://www.crossref.org/relations.xsd" version="5.3.1">
<body><posted_content type="preprint">
<titles><title>T</title></titles>
<posted_date><year>2020</year></posted_date>
<rel:program><rel:related_item>
<rel:inter_work_relation identifier-type="doi">10.5555/other</rel:inter_work_relation>
</rel:related_item></rel:program>
<doi_data><doi>10.5555/x</doi><resource>https://example.org/x</resource></doi_data>
</posted_content></body></doi_batch>"#;
    let records = read(xml.as_bytes());
    let related = &records[0].resource.related_identifiers;
    assert_eq!(related.len(), 1, "{:?}", records[0].diagnostics);
    assert_eq!(related[0].relation_type, Some(RelationType::Other));
    assert_eq!(related[0].relation_type_information, None);
    assert!(codes_of(&records[0]).contains(&"vocab.unknown"), "{:?}", records[0].diagnostics);
}

/// An `<institution>` without `<institution_name>` is reported and not read (found by the
/// `end_to_end` fuzz target: it became a HostingInstitution contributor without a name).
#[test]
fn an_institution_without_a_name_is_reported_not_read() {
    let xml = r#"<doi_batch xmlns="http://www.crossref.org/schema/5.3.1" version="5.3.1">
<body><posted_content type="preprint">
<titles><title>T</title></titles>
<posted_date><year>2020</year></posted_date>
<institution><institution_acronym>ORD</institution_acronym></institution>
<doi_data><doi>10.5555/x</doi><resource>https://example.org/x</resource></doi_data>
</posted_content></body></doi_batch>"#;
    let records = read(xml.as_bytes());
    let record = &records[0];
    assert!(record.resource.contributors.is_empty(), "{:?}", record.resource.contributors);
    assert!(codes_of(record).contains(&"xml.missing-element"), "{:?}", record.diagnostics);
}

#[test]
fn schema_55_roles_are_read_from_role_elements() {
    let records = fixture("deposit-roles.xml");
    let record = by_doi(&records, "10.55555/el.2025.007");
    let r = &record.resource;
    // Authors by <role type="author"/>, the organisation's role among its text.
    let creators: Vec<&str> = r.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(creators, ["Whitehorse, Aiyana", "Chesapeake Reef Survey"], "{:#?}", record.diagnostics);
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    // Editors by <role type="editor"/> or the role as text: contributors, not authors.
    let editors: Vec<&str> = r
        .contributors
        .iter()
        .filter(|c| c.contributor_type == Some(ContributorType::Editor))
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(editors, ["Wróbel, Tomasz", "Haddad, Noor"]);
    // The element wins over an attribute it contradicts, with a warning.
    let okonkwo = r.contributors.iter().find(|c| c.name == "Okonkwo, Lena").unwrap();
    assert_eq!(okonkwo.contributor_type, Some(ContributorType::Other));
    assert_eq!(count(record, "field.repeated"), 1, "{:#?}", record.diagnostics);
    // No role is missing or unknown; the CRediT role has no place and says so.
    assert_eq!(count(record, "xml.missing-attribute"), 0, "{:#?}", record.diagnostics);
    assert_eq!(count(record, "xml.unknown-element"), 0, "{:#?}", record.diagnostics);
    assert_eq!(count(record, "crossref.schema-version"), 0, "{:#?}", record.diagnostics);
    let credit: Vec<&str> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == "field.unmapped" && d.message.contains("Conceptualization"))
        .map(|d| d.location.path.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(credit.len(), 1, "{:#?}", record.diagnostics);
    assert!(credit[0].ends_with("/person_name[1]/role[2]"), "{credit:?}");
}

#[test]
fn titles_are_one_line_whatever_the_layout_of_their_markup() {
    let records = fixture("deposit-title-layout.xml");
    let record = by_doi(&records, "10.55556/sr.2025.3");
    let r = &record.resource;
    assert_eq!(r.titles[0].title, "Seasonal CO2 uptake by Zostera marina meadows");
    assert_eq!(r.titles[1].title, "a two-year record");
    assert_eq!(r.titles[1].title_type, Some(TitleType::Subtitle));
    // The journal's title and a cited title too.
    assert_eq!(r.related_items[0].titles[0].title, "Seagrass Review");
    let cited = r.related_items.iter().find(|i| i.relation_type == Some(RelationType::References)).unwrap();
    assert_eq!(cited.titles[0].title, "Carbon burial in Posidonia beds");
    // Each collapse is said, at its element.
    let collapsed: Vec<&str> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == "value.normalised" && d.message.contains("collapsed"))
        .map(|d| d.location.path.as_deref().unwrap_or_default().rsplit('/').next().unwrap_or_default())
        .collect();
    assert_eq!(
        collapsed,
        ["full_title", "title", "subtitle", "journal_title", "article_title"],
        "{:#?}",
        record.diagnostics
    );
}

#[test]
fn components_without_creators_are_by_the_people_of_their_work() {
    let records = fixture("deposit-components.xml");
    assert_eq!(records.len(), 3);
    let article = by_doi(&records, "10.55557/ls.2025.14");
    let figure = by_doi(&records, "10.55557/ls.2025.14.f2");
    // The figure names nobody: its work's creators, identifiers included, reported.
    assert_eq!(figure.resource.creators, article.resource.creators);
    assert_eq!(
        figure.resource.creators[0].name_identifiers[0].name_identifier,
        "https://orcid.org/0000-0001-5109-3700"
    );
    let inherited: Vec<&str> =
        figure.diagnostics.iter().filter(|d| d.code == "crossref.inherited").map(|d| d.message.as_str()).collect();
    assert!(inherited.iter().any(|m| m.contains("2 creator(s)") && m.contains("Akana, Kalani")), "{inherited:#?}");
    // With publisher and year it has what DataCite requires.
    assert!(figure.resource.publisher.is_some() && figure.resource.publication_year.is_some());
    // A component that names its own creators keeps them.
    let video = by_doi(&records, "10.55557/ls.2025.14.v1");
    let names: Vec<&str> = video.resource.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Prado, Mateus"]);
    assert!(!video.diagnostics.iter().any(|d| d.message.contains("creator(s) of its parent")));
}

#[test]
fn et_al_is_no_contributor_and_an_empty_citation_is_not_carried() {
    let records = fixture("deposit-et-al.xml");
    let first = by_doi(&records, "10.55558/fsb.2024.5");
    let names: Vec<&str> = first.resource.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Solberg, Ragnhild"]);
    assert_eq!(count(first, "crossref.et-al"), 1, "{:#?}", first.diagnostics);
    let second = by_doi(&records, "10.55558/fsb.2024.6");
    let names: Vec<&str> = second.resource.creators.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Vik, Eirik"]);
    assert_eq!(count(second, "crossref.et-al"), 1, "{:#?}", second.diagnostics);
    // Citations: the text one is a related item; the empty one and the untitled one are not
    // carried, as their warnings say, and leave no empty related item behind.
    let cited: Vec<&RelatedItem> =
        first.resource.related_items.iter().filter(|i| i.relation_type == Some(RelationType::References)).collect();
    assert_eq!(cited.len(), 1, "{:#?}", first.resource.related_items);
    assert!(cited[0].titles[0].title.starts_with("Aure, J."));
    let not_carried: Vec<&str> = first
        .diagnostics
        .iter()
        .filter(|d| d.code == "field.unmapped" && d.message.contains("not carried"))
        .map(|d| d.location.path.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(not_carried.len(), 2, "{:#?}", first.diagnostics);
    assert!(not_carried.iter().all(|p| p.contains("/citation_list/citation")), "{not_carried:?}");
    let json = serde_json::to_value(&first.resource).unwrap();
    assert!(json["relatedItems"].as_array().unwrap().iter().all(|i| i.get("titles").is_some()));
}

#[test]
fn et_al_as_a_full_name_is_no_contributor_and_is_not_split() {
    // A `person_name` with only `<name>` is split by the shared splitter; an "et al." marker is
    // no name to split ("al., et."), and is left out as in `<surname>`.
    let xml = String::from_utf8(fixture_bytes("deposit-et-al.xml")).unwrap();
    for marker in ["et. al.", "u. a.", "Et Al.", "et al"] {
        let text = xml.replace("<surname>[et al.]</surname>", &format!("<name>{marker}</name>"));
        let records = read(text.as_bytes());
        let second = by_doi(&records, "10.55558/fsb.2024.6");
        let names: Vec<&str> = second.resource.creators.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Vik, Eirik"], "{marker}");
        assert_eq!(count(second, "crossref.et-al"), 1, "{marker}: {:#?}", second.diagnostics);
        assert_eq!(count(second, "people.name-split"), 0, "{marker}: {:#?}", second.diagnostics);
    }
}

//! Tests of the Dublin Core reader and the OAI-PMH splitter over our fixtures
//! (`testdata/dublin-core/`, `testdata/oai-pmh/`): snapshots, the mapping's judgments, positions,
//! documented codes, buffering, and the splitter's API.

use std::io::BufReader;

use crosswalk_dublincore::oai::{Content, MetadataKind, Splitter};
use crosswalk_dublincore::{read, CODES};
use crosswalk_model::{
    ContributorType, DateType, DescriptionType, NameType, Record, RelatedIdentifierType, RelationType,
    ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_testkit::{assert_snapshot, testdata_bytes};

const DC_FIXTURES: &[&str] = &["dspace-openaire.xml", "eprints.xml", "qualified.xml", "bare-record.xml"];
const OAI_FIXTURES: &[&str] = &[
    "list-records-oai-dc.xml",
    "list-records-oai-datacite.xml",
    "get-record-datacite.xml",
    "no-records-match.xml",
    "bad-resumption-token.xml",
];

fn dc(name: &str) -> Record {
    let records = read(&testdata_bytes(&format!("dublin-core/{name}")));
    assert_eq!(records.len(), 1, "{name}");
    records.into_iter().next().unwrap()
}

/// The records of an OAI-PMH response, as the facade reads them: each item with the DataCite
/// XML reader, then the failure of a response without items.
fn oai_records(bytes: &[u8]) -> Vec<Record> {
    oai_records_from(bytes)
}

fn oai_records_from<R: std::io::BufRead>(input: R) -> Vec<Record> {
    let mut splitter = Splitter::new(input);
    let mut records: Vec<Record> =
        splitter.by_ref().map(|item| item.into_record(crosswalk_datacite::xml::read)).collect();
    records.extend(splitter.failure());
    records
}

fn oai(name: &str) -> Vec<Record> {
    oai_records(&testdata_bytes(&format!("oai-pmh/{name}")))
}

fn codes_of(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| &*d.code).collect()
}

fn with_code<'r>(record: &'r Record, code: &str) -> Vec<&'r crosswalk_model::Diagnostic> {
    record.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// Every diagnostic's code is in `CODES` with its severity, and has a line (the DataCite
/// reader's codes are its own crate's business).
fn assert_documented(label: &str, record: &Record) {
    let datacite: Vec<&str> = crosswalk_datacite::codes().map(|c| c.code).collect();
    for d in &record.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code);
        match info {
            Some(info) => {
                let lenient = [crosswalk_text::ENCODING_ASSUMED, "field.unmapped", "field.repeated"];
                if !lenient.contains(&d.code.as_ref()) {
                    assert_eq!(info.severity, d.severity, "{label}: {d}");
                }
            }
            None => assert!(datacite.contains(&d.code.as_ref()), "{label}: code {} is not documented ({d})", d.code),
        }
        assert!(d.location.line.is_some(), "{label}: no line in {d}");
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

#[test]
fn snapshots() {
    for name in DC_FIXTURES {
        let record = dc(name);
        assert_documented(name, &record);
        assert_snapshot(&format!("dublin-core/{}", name.replace(".xml", ".json")), &snapshot_text(&[record]));
    }
    for name in OAI_FIXTURES {
        let records = oai(name);
        for record in &records {
            assert_documented(name, record);
        }
        assert_snapshot(&format!("oai-pmh/{}", name.replace(".xml", ".json")), &snapshot_text(&records));
    }
}

#[test]
fn every_fixture_reads_the_same_through_a_tiny_buffer() {
    for name in DC_FIXTURES {
        let bytes = testdata_bytes(&format!("dublin-core/{name}"));
        let whole = read(&bytes);
        // The Dublin Core reader takes bytes; the OAI splitter takes any BufRead.
        assert_eq!(whole, read(&bytes.clone()), "{name}");
    }
    for name in OAI_FIXTURES {
        let bytes = testdata_bytes(&format!("oai-pmh/{name}"));
        let whole = oai_records(&bytes);
        for capacity in [1, 3, 7] {
            let trickled = oai_records_from(BufReader::with_capacity(capacity, bytes.as_slice()));
            assert!(whole == trickled, "{name} through a {capacity}-byte buffer");
        }
    }
}

// ---- Dublin Core mapping ------------------------------------------------------------------------

#[test]
fn dspace_record_with_openaire_values() {
    let record = dc("dspace-openaire.xml");
    let r = &record.resource;
    assert!(!record.has_errors(), "{:?}", record.diagnostics);
    // People: "Family, Given" is a person, split; an organisation's word an organisation.
    assert_eq!(r.creators.len(), 3);
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
    assert_eq!(r.creators[0].family_name.as_deref(), Some("van der Berg"));
    assert_eq!(r.creators[2].name_type, Some(NameType::Organizational));
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::Other));
    // Titles: a second title in another language is a translation.
    assert_eq!(r.titles[1].title_type, Some(TitleType::TranslatedTitle));
    assert_eq!(r.titles[1].lang.as_deref(), Some("nl"));
    // Dates: DSpace's timestamps are Other (one kept), the earliest is Issued and the year.
    assert_eq!(r.publication_year.as_deref(), Some("2018"));
    let dates: Vec<(&str, Option<&DateType>)> =
        r.dates.iter().map(|d| (d.date.as_str(), d.date_type.as_ref())).collect();
    assert_eq!(
        dates,
        [
            ("2019-06-03T09:12:44Z", Some(&DateType::Other)),
            ("2018", Some(&DateType::Issued)),
            ("2020-01-01", Some(&DateType::Available)),
            ("2016/2017", Some(&DateType::Coverage)),
        ]
    );
    // The free-text type decides, the OpenAIRE one agrees, the version is reported as lost.
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(r.types.resource_type.as_deref(), Some("Article"));
    let lost = with_code(&record, "field.unmapped");
    assert_eq!(lost.len(), 1);
    assert!(lost[0].message.contains("publishedVersion") && lost[0].severity == Severity::Warning, "{}", lost[0]);
    // Identifiers by form.
    assert_eq!(r.doi.as_deref(), Some("10.55555/wadden.2018.17"));
    assert_eq!(r.url.as_deref(), Some("http://hdl.handle.net/20.500.12345/678"));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier, "20.500.12345/678");
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("Handle"));
    assert!(r
        .descriptions
        .iter()
        .any(|d| d.description.starts_with("van der Berg, J.") && d.description_type == Some(DescriptionType::Other)));
    let issn =
        r.related_identifiers.iter().find(|i| i.related_identifier_type == Some(RelatedIdentifierType::Issn)).unwrap();
    assert_eq!(
        (issn.related_identifier.as_str(), issn.relation_type.as_ref()),
        ("1234-5679", Some(&RelationType::IsPartOf))
    );
    // OpenAIRE: project, alternative identifier, dataset, access right.
    assert_eq!(r.funding_references[0].funder_name, "European Commission");
    assert_eq!(r.funding_references[0].award_number.as_deref(), Some("654321"));
    assert_eq!(r.alternate_identifiers[1].alternate_identifier_type.as_deref(), Some("DOI"));
    assert!(r.related_identifiers.iter().any(|i| i.relation_type == Some(RelationType::IsSupplementedBy)));
    assert_eq!(r.rights_list[0].rights.as_deref(), Some("Open Access"));
    assert_eq!(r.rights_list[1].rights_identifier.as_deref(), Some("CC-BY-4.0"));
    // Subjects: DDC written with its scheme.
    assert_eq!(r.subjects[2].subject_scheme.as_deref(), Some("DDC"));
    assert_eq!(r.subjects[3].classification_code.as_deref(), Some("551.46"));
    // A relation and a source that are text: related items.
    assert_eq!(r.related_items[0].relation_type, Some(RelationType::Other));
    assert_eq!(r.related_items[1].relation_type, Some(RelationType::IsDerivedFrom));
    assert_eq!(r.language.as_deref(), Some("en-US"));
    assert_eq!(
        (r.formats.as_slice(), r.sizes.as_slice()),
        (&["application/pdf".to_owned()][..], &["2.4 MB".to_owned()][..])
    );
    assert_eq!(r.geo_locations[0].places, ["Wadden Sea"]);
}

#[test]
fn eprints_record() {
    let record = dc("eprints.xml");
    let r = &record.resource;
    assert_eq!(r.content_url, ["https://eprints.example.ac.uk/4711/1/lexical-access.pdf"]);
    assert_eq!(r.url, None, "a file is no landing page");
    // EPrints' landing page and DOI come as dc:relation: relations of type Other; the DOI once.
    assert_eq!(r.related_identifiers.len(), 2);
    assert!(r.related_identifiers.iter().all(|i| i.relation_type == Some(RelationType::Other)));
    assert_eq!(r.related_identifiers[0].relation_type_information.as_deref(), Some(crosswalk_dublincore_relation()));
    // The citation, trimmed, is a description.
    assert!(r.descriptions[1].description.starts_with("Ferreira, Ana Luísa and Lindqvist"));
    assert!(r.descriptions[1].description.ends_with("ISSN 0141-0423"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-NC-4.0"));
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by-nc/4.0/"));
    assert!(with_code(&record, "field.unmapped")[0].message.contains("PeerReviewed"));
}

fn crosswalk_dublincore_relation() -> &'static str {
    "Dublin Core relation (no relation type given)"
}

#[test]
fn qualified_record_with_refinements_and_schemes() {
    let record = dc("qualified.xml");
    let r = &record.resource;
    let relation = |identifier: &str| {
        r.related_identifiers.iter().find(|i| i.related_identifier == identifier).and_then(|i| i.relation_type.clone())
    };
    assert_eq!(relation("10.55558/core-logs"), Some(RelationType::IsDerivedFrom));
    assert_eq!(relation("10.55558/ions.v1"), Some(RelationType::IsVersionOf));
    assert_eq!(
        relation("https://data.example.no/datasets/lomonosovfonna-ions.nc"),
        Some(RelationType::IsVariantFormOf)
    );
    assert_eq!(relation("10.55558/ions.v0"), Some(RelationType::Obsoletes));
    assert_eq!(relation("10.55558/ions.v4"), Some(RelationType::IsObsoletedBy));
    assert_eq!(r.related_items[0].relation_type, Some(RelationType::IsPartOf));
    let types: Vec<_> = r.dates.iter().filter_map(|d| d.date_type.clone()).collect();
    for t in [
        DateType::Issued,
        DateType::Created,
        DateType::Available,
        DateType::Updated,
        DateType::Accepted,
        DateType::Submitted,
        DateType::Copyrighted,
        DateType::Valid,
        DateType::Coverage,
    ] {
        assert!(types.contains(&t), "{t}");
    }
    assert_eq!(r.publication_year.as_deref(), Some("2012"));
    // The abstract is the Abstract; the description beside it Other.
    assert_eq!(r.descriptions[0].description_type, Some(DescriptionType::Other));
    assert_eq!(r.descriptions[1].description_type, Some(DescriptionType::Abstract));
    assert_eq!(r.subjects[0].subject_scheme.as_deref(), Some("DDC"));
    assert_eq!(r.subjects[1].subject_scheme.as_deref(), Some("LCSH"));
    assert_eq!(r.subjects[2].lang.as_deref(), Some("nb"));
    assert_eq!(r.titles[0].lang.as_deref(), Some("en"), "xml:lang of the root is inherited");
    assert_eq!(r.titles[1].title_type, Some(TitleType::AlternativeTitle));
    assert_eq!(r.geo_locations[1].points[0].point_longitude.0, "17.32");
    assert_eq!(r.geo_locations[2].boxes[0].north_bound_latitude.0, "80.8");
    assert_eq!(r.language.as_deref(), Some("no"));
    assert_eq!(r.contributors[1].contributor_type, Some(ContributorType::RightsHolder));
    assert_eq!(r.sizes, ["149 records"]);
    assert_eq!(with_code(&record, "field.unmapped").len(), 8);
    assert!(!record.has_errors());
}

#[test]
fn bare_wrappers_and_type_precedence() {
    let record = dc("bare-record.xml");
    let r = &record.resource;
    assert_eq!(r.titles.len(), 1);
    // "Recording, acoustical" says more than DCMI's Sound, though it comes last.
    assert_eq!(r.types.resource_type.as_deref(), Some("Recording, acoustical"));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Sound));
    assert_eq!(r.url.as_deref(), Some("https://archive.example.pl/recordings/2044"));
    assert_eq!(r.alternate_identifiers[1].alternate_identifier_type.as_deref(), Some("Local"));
    assert_eq!(r.language.as_deref(), Some("pl"));
    assert_eq!(r.dates[1].date, "2015-05-12T04:10:00Z/2015-05-12T05:40:00Z");
    let repeated = with_code(&record, "field.repeated");
    assert_eq!(repeated.len(), 2, "a second publisher and a second language");
    assert!(repeated.iter().all(|d| d.severity == Severity::Warning));
}

/// Every Dublin Core element of every fixture is mapped (its value, as written, is in the
/// resource) or reported (a diagnostic stands on its line).
#[test]
fn every_element_is_mapped_or_reported() {
    for name in DC_FIXTURES {
        let bytes = testdata_bytes(&format!("dublin-core/{name}"));
        let text = String::from_utf8(bytes.clone()).unwrap();
        let record = dc(name);
        let json = serde_json::to_string(&record.resource).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        for node in doc.descendants().filter(|n| n.is_element()) {
            let ns = node.tag_name().namespace().unwrap_or_default();
            if !ns.starts_with("http://purl.org/dc/") {
                continue;
            }
            let value = node.text().unwrap_or_default().trim();
            let line = doc.text_pos_at(node.range().start).row;
            let in_json =
                !value.is_empty() && json.contains(&serde_json::to_string(value).unwrap().trim_matches('"').to_owned());
            let reported = record.diagnostics.iter().any(|d| d.location.line == Some(line));
            assert!(
                in_json || reported,
                "{name}:{line} <{}> {value:?} is neither mapped nor reported",
                node.tag_name().name()
            );
        }
    }
}

#[test]
fn what_is_not_dublin_core_is_one_failed_record() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "xml.malformed"),
        (b"<resource xmlns='http://datacite.org/schema/kernel-4'/>", "dc.not-dublin-core"),
        (b"<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'/>", "dc.not-dublin-core"),
        (b"<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/'/>", "dc.no-elements"),
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]><dc/>", "xml.dtd-refused"),
        (b"<dc xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>T</dc:title>", "xml.malformed"),
    ];
    for (input, code) in cases {
        let records = read(input);
        assert_eq!(records.len(), 1, "{input:?}");
        assert!(records[0].has_errors(), "{input:?}");
        assert!(codes_of(&records[0]).contains(code), "{input:?}: {:?}", records[0].diagnostics);
        for d in &records[0].diagnostics {
            assert!(CODES.iter().any(|c| c.code == d.code), "{d}");
        }
    }
    // A truncated record keeps what it read.
    let records = read(b"<dc xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title>T</dc:title>");
    assert_eq!(records[0].resource.titles[0].title, "T");
}

#[test]
fn unknown_parts_are_reported_where_they_are() {
    let xml = "<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:x='urn:x' x:a='1'>\n  <dc:title lang='en'>T <b>bold</b></dc:title>\n  <x:extra>e</x:extra>\n  stray\n  <dc:type>Musical score</dc:type>\n</oai_dc:dc>";
    let record = &read(xml.as_bytes())[0];
    let found: Vec<(&str, Option<u32>, Option<&str>)> =
        record.diagnostics.iter().map(|d| (&*d.code, d.location.line, d.location.path.as_deref())).collect();
    assert!(found.contains(&("xml.unknown-attribute", Some(1), Some("/oai_dc:dc"))), "{found:?}");
    assert!(found.contains(&("xml.unknown-attribute", Some(2), Some("/oai_dc:dc/dc:title"))), "{found:?}");
    assert!(found.contains(&("xml.unknown-element", Some(2), Some("/oai_dc:dc/dc:title/b"))), "{found:?}");
    assert!(found.contains(&("xml.unknown-element", Some(3), Some("/oai_dc:dc/x:extra"))), "{found:?}");
    assert!(found.contains(&("xml.unexpected-text", Some(3), Some("/oai_dc:dc"))), "{found:?}");
    assert!(found.contains(&("vocab.unknown", Some(5), Some("/oai_dc:dc/dc:type"))), "{found:?}");
    assert_eq!(record.resource.types.resource_type_general, Some(ResourceTypeGeneral::Other));
    assert_eq!(record.resource.types.resource_type.as_deref(), Some("Musical score"));
    assert_eq!(record.resource.titles[0].title, "T");
}

// ---- OAI-PMH ------------------------------------------------------------------------------------

fn split(name: &str) -> (Vec<crosswalk_dublincore::oai::Item>, Splitter<&'static [u8]>) {
    let bytes: &'static [u8] = Box::leak(testdata_bytes(&format!("oai-pmh/{name}")).into_boxed_slice());
    let mut splitter = Splitter::new(bytes);
    let items: Vec<_> = splitter.by_ref().collect();
    (items, splitter)
}

#[test]
fn list_records_of_oai_dc() {
    let (items, mut splitter) = split("list-records-oai-dc.xml");
    assert_eq!(items.len(), 3);
    assert_eq!(items.iter().map(|i| i.index).collect::<Vec<_>>(), [0, 1, 2]);
    let first = &items[0];
    assert_eq!(first.header.identifier.as_deref(), Some("oai:repository.example.edu:20.500.12345/101"));
    assert_eq!(first.header.datestamp.as_deref(), Some("2024-03-14T08:22:10Z"));
    assert_eq!(first.header.sets, ["com_20.500.12345_1", "col_20.500.12345_7"]);
    assert_eq!((first.line, first.column), (10, 5));
    let metadata = first.metadata().unwrap();
    assert_eq!(metadata.kind, MetadataKind::DublinCore);
    assert_eq!((metadata.line, metadata.column), (18, 9));
    assert_eq!(metadata.path, "/OAI-PMH/ListRecords/record/metadata/oai_dc:dc");
    // The bytes are a document of their own: the envelope's prefixes are declared on them.
    let text = std::str::from_utf8(&metadata.bytes).unwrap();
    assert!(text.starts_with("<oai_dc:dc xsi:schemaLocation=") && text.ends_with("</oai_dc:dc>"), "{text}");
    assert!(text.contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\""), "{text}");
    let alone = &read(&metadata.bytes)[0];
    assert_eq!(alone.resource.titles[0].title, "Groundwater recharge under irrigated maize");
    // The deleted record has no metadata.
    assert!(items[1].header.deleted);
    assert_eq!(items[1].content, Content::Deleted);
    // After the last item: the resumption token and the request.
    let resumption = splitter.resumption().unwrap().clone();
    assert_eq!(resumption.token.as_deref(), Some("oai_dc/2024-01-01/2024-10-31/com_20.500.12345_1/100"));
    assert_eq!((resumption.complete_list_size, resumption.cursor), (Some(1250), Some(0)));
    assert_eq!(resumption.expiration_date.as_deref(), Some("2024-11-06T10:15:02Z"));
    assert!(!resumption.is_last_page());
    let response = splitter.response();
    assert_eq!(response.verb.as_deref(), Some("ListRecords"));
    assert_eq!(response.base_url.as_deref(), Some("https://repository.example.edu/oai/request"));
    assert_eq!(response.response_date.as_deref(), Some("2024-11-05T10:15:02Z"));
    for (name, value) in
        [("metadataPrefix", "oai_dc"), ("set", "com_20.500.12345_1"), ("from", "2024-01-01"), ("until", "2024-10-31")]
    {
        assert_eq!(response.argument(name), Some(value), "{name}");
    }
    assert!(splitter.errors().is_empty() && splitter.failure().is_none());
    // As records: positions in the response, the deleted one failed, the page's end noted.
    let records = oai("list-records-oai-dc.xml");
    let bogus = with_code(&records[0], "xml.unknown-element")[0];
    assert_eq!((bogus.location.line, bogus.location.column), (Some(27), Some(11)));
    assert_eq!(records[0].origin.line, Some(18));
    assert_eq!(records[0].origin.key.as_deref(), Some("oai:repository.example.edu:20.500.12345/101"));
    assert!(records[1].has_errors() && codes_of(&records[1]) == ["oai.deleted"]);
    assert_eq!(records[1].diagnostics[0].location.line, Some(32));
    assert_eq!(codes_of(&records[2]).last(), Some(&"oai.list-continues"));
}

#[test]
fn list_records_of_oai_datacite_and_get_record_of_datacite() {
    let (items, splitter) = split("list-records-oai-datacite.xml");
    assert_eq!(items.len(), 2);
    let metadata = items[0].metadata().unwrap();
    assert_eq!(metadata.kind, MetadataKind::DataCite);
    assert_eq!(metadata.namespace.as_deref(), Some("http://datacite.org/schema/kernel-4"));
    assert_eq!(
        metadata.envelope,
        [("schemaVersion".to_owned(), "4.5".to_owned()), ("datacentreSymbol".to_owned(), "EXAMPLE.REPO".to_owned())]
    );
    assert!(std::str::from_utf8(&metadata.bytes)
        .unwrap()
        .starts_with("<resource xmlns=\"http://datacite.org/schema/kernel-4\" xmlns:xsi="));
    assert!(splitter.resumption().unwrap().is_last_page());
    let records = oai("list-records-oai-datacite.xml");
    assert_eq!(records[0].resource.doi.as_deref(), Some("10.55560/EX-0001"));
    assert_eq!(records[0].origin.key.as_deref(), Some("doi:10.55560/ex-0001"));
    assert!(records[0].origin.document.is_none());
    let bogus = &records[0].diagnostics[0];
    assert_eq!((bogus.location.line, bogus.location.column), (Some(25), Some(34)), "{bogus}");
    assert_eq!(records[1].origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-3"));
    assert_eq!(records[1].resource.types.resource_type_general, Some(ResourceTypeGeneral::Audiovisual));

    // metadataPrefix datacite, its prefix declared on the envelope's root.
    let (items, _) = split("get-record-datacite.xml");
    let text = std::str::from_utf8(&items[0].metadata().unwrap().bytes).unwrap().to_owned();
    // The envelope's default namespace is in scope too (it names no element of the resource).
    assert!(text.starts_with("<datacite:resource xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:datacite=\"http://datacite.org/schema/kernel-4\">"), "{text}");
    let records = oai("get-record-datacite.xml");
    assert_eq!(records.len(), 1);
    assert!(records[0].diagnostics.is_empty(), "{:?}", records[0].diagnostics);
    assert_eq!(records[0].resource.titles[0].title, "Cocoa farm soil survey");
}

#[test]
fn protocol_errors() {
    let (items, mut splitter) = split("no-records-match.xml");
    assert!(items.is_empty());
    assert_eq!(splitter.errors().len(), 1);
    assert!(splitter.errors()[0].is_no_records_match());
    assert_eq!(splitter.response().argument("from"), Some("2030-01-01"));
    assert!(splitter.failure().is_none(), "noRecordsMatch: no record, no failure");

    let (items, mut splitter) = split("bad-resumption-token.xml");
    assert!(items.is_empty());
    assert_eq!(splitter.errors()[0].code, "badResumptionToken");
    assert_eq!(splitter.errors()[0].message, "The resumption token is invalid or has expired.");
    let failure = splitter.failure().unwrap();
    assert_eq!(codes_of(&failure), ["oai.error"]);
    assert_eq!(failure.diagnostics[0].location.line, Some(5));
    assert!(failure.diagnostics[0].message.contains("badResumptionToken"));
    assert!(splitter.failure().is_none(), "the failure is given once");
}

#[test]
fn responses_without_records() {
    let cases: &[(&str, &str)] = &[
        ("", "xml.malformed"),
        ("<Identify xmlns='http://www.openarchives.org/OAI/2.0/'/>", "oai.not-oai-pmh"),
        ("<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/'/>", "oai.not-oai-pmh"),
        ("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><Identify><repositoryName>R</repositoryName></Identify></OAI-PMH>", "oai.verb"),
        ("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords/></OAI-PMH>", "oai.empty"),
        ("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><error code='badArgument'/><error code='badVerb'>no</error></OAI-PMH>", "oai.error"),
        ("<!DOCTYPE OAI-PMH [<!ENTITY a 'b'>]><OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'/>", "xml.dtd-refused"),
        ("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords>", "xml.malformed"),
    ];
    for (input, code) in cases {
        let records = oai_records(input.as_bytes());
        assert_eq!(records.len(), 1, "{input}: {records:?}");
        assert!(records[0].has_errors(), "{input}");
        assert!(codes_of(&records[0]).contains(code), "{input}: {:?}", records[0].diagnostics);
        assert!(
            records[0].diagnostics.iter().all(|d| d.location.line.is_some()),
            "{input}: {:?}",
            records[0].diagnostics
        );
    }
    // Two protocol errors: both said.
    let records = oai_records(cases[5].0.as_bytes());
    assert_eq!(with_code(&records[0], "oai.error").len(), 2);
    // An empty last page of a list: no records, nothing wrong.
    let page = "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords><resumptionToken completeListSize='5' cursor='5'/></ListRecords></OAI-PMH>";
    assert!(oai_records(page.as_bytes()).is_empty());
}

#[test]
fn a_broken_record_costs_that_record_only() {
    let page = "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/' xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/'><ListRecords>\n\
        <record><header><identifier>a</identifier></header><metadata><oai_dc:dc><dc:title>A</dc:title></oai_dc:dc></metadata></record>\n\
        <record><header><identifier>b</identifier></header><metadata><oai_dc:dc><dc:title>B &nbsp; <dc:creator>x</oai_dc:dc></metadata></record>\n\
        <record><header><identifier>c</identifier></header><metadata><mods xmlns='http://www.loc.gov/mods/v3'><titleInfo/></mods></metadata></record>\n\
        <record><header><identifier>d</identifier></header></record>\n\
        <record><header><identifier>e</identifier></header><metadata><oai_dc:dc><dc:title>E</dc:title></oai_dc:dc></metadata></record>\n\
        </ListRecords></OAI-PMH>";
    let records = oai_records(page.as_bytes());
    let keys: Vec<_> = records.iter().map(|r| r.origin.key.as_deref().unwrap()).collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e"]);
    assert_eq!(records.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    assert!(!records[0].has_errors() && !records[4].has_errors());
    assert!(
        codes_of(&records[1]).contains(&"xml.undefined-entity") && codes_of(&records[1]).contains(&"xml.malformed"),
        "{:?}",
        records[1].diagnostics
    );
    assert!(records[1].diagnostics.iter().all(|d| d.location.line == Some(3)), "{:?}", records[1].diagnostics);
    assert_eq!(codes_of(&records[2]), ["oai.metadata-format"]);
    assert_eq!(codes_of(&records[3]), ["oai.no-metadata"]);
    assert_eq!(records[4].resource.titles[0].title, "E");
}

/// The splitter gives the first record before it has read the whole response: it holds two
/// records at most.
#[test]
fn the_splitter_streams() {
    struct Counting<'a> {
        bytes: &'a [u8],
        read: std::rc::Rc<std::cell::Cell<usize>>,
    }
    impl std::io::Read for Counting<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.bytes.len()).min(512);
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            self.read.set(self.read.get() + n);
            Ok(n)
        }
    }
    let record = "<record><header><identifier>x</identifier></header><metadata><oai_dc:dc><dc:title>T</dc:title></oai_dc:dc></metadata></record>\n";
    let mut page = String::from("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/' xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/'><ListRecords>\n");
    for _ in 0..2_000 {
        page.push_str(record);
    }
    page.push_str("</ListRecords></OAI-PMH>");
    let read = std::rc::Rc::new(std::cell::Cell::new(0));
    let input = BufReader::with_capacity(512, Counting { bytes: page.as_bytes(), read: read.clone() });
    let mut splitter = Splitter::new(input);
    assert!(splitter.next().is_some());
    assert!(read.get() < 128 * 1024, "{} of {} bytes read for the first record", read.get(), page.len());
    assert_eq!(1 + splitter.count(), 2_000);
}

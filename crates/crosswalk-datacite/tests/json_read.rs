//! The DataCite REST JSON reader and writer: the REST API seed pages, bolognese's JSON
//! fixtures, our own fixtures in `testdata/datacite-json/`, and snapshots.

use crosswalk_datacite::json;
use crosswalk_model::{Diagnostic, Location, Record, Severity};
use serde_json::{json, Value};

/// Records and their diagnostics as text, for snapshots and failure messages.
fn render(records: &[Record]) -> String {
    let mut out = String::new();
    for record in records {
        let origin = &record.origin;
        out.push_str(&format!(
            "## record {} key={} line={} schema={}\n",
            origin.index,
            origin.key.as_deref().unwrap_or("-"),
            origin.line.map_or("-".to_owned(), |l| l.to_string()),
            origin.schema.as_deref().unwrap_or("-")
        ));
        out.push_str(&serde_json::to_string_pretty(&json::write(&record.resource)).unwrap());
        out.push('\n');
        for diagnostic in &record.diagnostics {
            out.push_str(&format!("{diagnostic}\n"));
        }
    }
    out
}

/// The JSON blocks of a seed page: a line `{` after a line of prose, up to its balanced `}`.
fn seed_blocks(page: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut offset = 0;
    let mut previous = "";
    let mut skip_to = 0;
    for line in page.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < skip_to {
            continue;
        }
        let previous_line = previous.trim();
        let prose = !(previous_line.ends_with(['[', '{', ',']) || previous_line.starts_with('"'));
        if line.trim_end() == "{" && prose {
            if let Some(len) = balanced(&page[start..]) {
                blocks.push(&page[start..start + len]);
                skip_to = start + len;
            }
        }
        if !line.trim().is_empty() {
            previous = line;
        }
    }
    blocks
}

/// The length of the balanced `{…}` at the start of `text`, strings respected.
fn balanced(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, c) in text.char_indices() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (true, false, '"') => in_string = false,
            (true, false, _) => {}
            (false, _, '"') => in_string = true,
            (false, _, '{') => depth += 1,
            (false, _, '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

fn read_fixture(name: &str) -> Vec<Record> {
    json::read(&crosswalk_testkit::testdata_bytes(&format!("datacite-json/{name}")))
}

/// The diagnostics of a record with `code`, as `(pointer, line)`.
fn at(record: &Record, code: &str) -> Vec<(String, Option<u32>)> {
    record
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.location.path.clone().unwrap_or_default(), d.location.line))
        .collect()
}

/// The pointers of a record's diagnostics with `code`.
fn pointers(record: &Record, code: &str) -> Vec<String> {
    at(record, code).into_iter().map(|(p, _)| p).collect()
}

fn errors(record: &Record) -> Vec<&Diagnostic> {
    record.diagnostics.iter().filter(|d| d.is_error()).collect()
}

/// True once `xml::read` reads a minimal record (it was a stub while this reader was written).
fn xml_reader_available() -> bool {
    let xml = r#"<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title></titles></resource>"#;
    let available = !crosswalk_datacite::xml::read(xml.as_bytes()).resource.titles.is_empty();
    if !available {
        crosswalk_testkit::skipped("the embedded-XML checks (xml::read is still a stub)");
    }
    available
}

// ---------------------------------------------------------------------------------------------
// The REST API's own pages

#[test]
fn every_seed_json_block_reads_without_error() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let mut counts = Vec::new();
    for prefix in ["001", "002", "004"] {
        let page = crosswalk_testkit::seed_page(&shared, prefix);
        let blocks = seed_blocks(&page);
        counts.push(blocks.len());
        for block in blocks {
            let records = json::read(block.as_bytes());
            assert_eq!(records.len(), 1, "{prefix}: {block}");
            let record = &records[0];
            // One response in 001 is abridged with a line `...`: not JSON, and said so exactly.
            if let Some(elided) = block.lines().position(|l| l.trim() == "...") {
                assert_eq!(
                    at(record, "json.syntax"),
                    [(String::new(), Some(elided as u32 + 1))],
                    "{}",
                    render(&records)
                );
                continue;
            }
            assert!(errors(record).is_empty(), "{prefix}:\n{}", render(&records));
            // A response is read from its XML; where the API's view of it says something else,
            // that attribute's value is not used, and said so: 002 spells a contributor's name
            // otherwise; 004's view adds an Issued date to the XML's dates, shortens the language
            // and rewrites the licence's identifiers.
            let differs: Vec<String> = match prefix {
                "002" => vec!["/data/attributes/contributors/7/name".to_owned()],
                "004" => ["dates/1", "language", "rightsList/0/rightsIdentifier", "rightsList/0/rightsUri"]
                    .iter()
                    .map(|p| format!("/data/attributes/{p}"))
                    .collect(),
                _ => vec![],
            };
            assert_eq!(pointers(record, "json.attribute-value-lost"), differs, "{prefix}:\n{}", render(&records));
            // 004's example names another DOI than its XML's identifier: the doi is used.
            let other_doi = if prefix == "004" { vec!["/data/attributes/doi".to_owned()] } else { vec![] };
            assert_eq!(pointers(record, "json.xml-value-lost"), other_doi, "{prefix}:\n{}", render(&records));
            assert_eq!(
                record.count(Severity::Warning),
                differs.len() + other_doi.len(),
                "{prefix}:\n{}",
                render(&records)
            );
            // Every pointer points into the document and found its line.
            for d in &record.diagnostics {
                if d.code.starts_with("json.") || d.code == "legacy.mapped" {
                    let path = d.location.path.as_deref().unwrap_or_default();
                    assert!(path.starts_with("/data/") || path == "/included", "{d}");
                    assert!(d.location.line.is_some(), "{d}");
                }
            }
        }
    }
    // 001: two payloads with responses, the rich payload, the XML payload and its response, the
    // draft payload and its response; 002 and 004: one response each (004's fragments are not
    // blocks).
    assert_eq!(counts, [7, 1, 1]);
}

#[test]
fn seed_draft_response_drops_the_identifier_repeating_the_doi() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let page = crosswalk_testkit::seed_page(&shared, "001");
    let block = seed_blocks(&page).into_iter().last().unwrap();
    let record = &json::read(block.as_bytes())[0];
    assert_eq!(record.resource.doi.as_deref(), Some("10.5438/0012"));
    assert!(record.resource.alternate_identifiers.is_empty());
    assert_eq!(pointers(record, "legacy.mapped"), ["/data/attributes/identifiers/0"]);
    assert_eq!(pointers(record, "json.not-metadata"), ["/included"]);
    let server = &record.diagnostics.iter().find(|d| d.code == "json.server-attribute").unwrap().message;
    for key in ["prefix", "suffix", "state", "created", "metadataVersion", "schemaVersion", "isActive"] {
        assert!(server.contains(key), "{server}");
    }
    assert_eq!(serde_json::to_value(&record.resource).unwrap(), json!({"doi": "10.5438/0012"}));
}

/// A JSON value without `null` members, without `event`, and with `types` reduced to what is
/// not derived: what a read and a write must keep.
fn comparable(value: &Value) -> Value {
    let mut value = crosswalk_testkit::without_nulls(value);
    if let Some(object) = value.as_object_mut() {
        object.remove("event");
        if let Some(Value::Object(types)) = object.get_mut("types") {
            for derived in ["schemaOrg", "citeproc", "bibtex", "ris"] {
                types.remove(derived);
            }
        }
    }
    value
}

#[test]
fn seed_rich_payload_round_trips_through_read_and_write() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let page = crosswalk_testkit::seed_page(&shared, "001");
    let block = seed_blocks(&page)
        .into_iter()
        .find(|b| b.contains("\"doi\": \"10.17596/qf5s-pc52\""))
        .expect("the rich request payload");
    let records = json::read(block.as_bytes());
    let record = &records[0];
    assert!(errors(record).is_empty() && record.count(Severity::Warning) == 0, "{}", render(&records));
    let input: Value = serde_json::from_str(block).unwrap();
    let written = json::write(&record.resource);
    assert_eq!(comparable(&written), comparable(&input["data"]["attributes"]));
    // The derived types are written, from the resource type.
    assert_eq!(written["types"]["ris"], "COMP");
    // Reading what was written gives the same resource.
    let again = json::read(written.to_string().as_bytes());
    assert_eq!(again[0].resource, record.resource);
}

#[test]
fn seed_responses_merge_their_embedded_xml_as_the_api_does() {
    let shared = crosswalk_testkit::shared_or_skip!();
    if !xml_reader_available() {
        return;
    }
    // GET /dois/10.5438/0012, a response: the XML is the record, the attributes fill only what
    // it lacks. "version": null in the JSON, <version>4.0</version> in the XML.
    let page = crosswalk_testkit::seed_page(&shared, "002");
    let records = json::read(seed_blocks(&page)[0].as_bytes());
    let record = &records[0];
    let r = &record.resource;
    assert!(errors(record).is_empty(), "{}", render(&records));
    assert_eq!(r.version.as_deref(), Some("4.0"));
    assert_eq!(r.doi.as_deref(), Some("10.5438/0012"));
    assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-4"));
    // The XML's contributors: its spelling, its ORCIDs with their scheme URI …
    assert_eq!(r.contributors.len(), 17);
    assert_eq!(r.contributors[7].name, "Elliott, Jannean");
    assert_eq!(r.contributors[0].name_identifiers[0].name_identifier, "0000-0002-7285-027X");
    assert_eq!(r.contributors[0].name_identifiers[0].scheme_uri.as_deref(), Some("http://orcid.org"));
    assert_eq!(r.contributors[0].affiliation[0].name, "California Digital Library");
    // … with what the API's view adds (a name type, an Issued date the XML lacks).
    assert_eq!(r.contributors[0].name_type, Some(crosswalk_model::NameType::Personal));
    assert_eq!(r.dates[0].date, "2016");
    assert_eq!(pointers(record, "json.attribute-fills-xml").len(), 18, "{}", render(&records));
    assert_eq!(pointers(record, "json.xml-embedded"), ["/data/attributes/xml"]);
    assert!(pointers(record, "json.attribute-overrides-xml").is_empty());
    assert!(pointers(record, "json.xml-value-lost").is_empty());

    // The XML payload of 001: the metadata comes from the XML, the DOI (same, other case) from
    // the JSON without a word.
    let page = crosswalk_testkit::seed_page(&shared, "001");
    let block = seed_blocks(&page).into_iter().find(|b| b.contains("\"doi\": \"10.5438/2wnw-c484\"")).unwrap();
    let records = json::read(block.as_bytes());
    let record = &records[0];
    let r = &record.resource;
    assert!(errors(record).is_empty(), "{}", render(&records));
    assert_eq!(r.doi.as_deref(), Some("10.5438/2wnw-c484"));
    assert_eq!(r.creators[0].name, "DataCite Metadata Working Group");
    assert_eq!(r.publisher.as_ref().unwrap().name, "DataCite e.V.");
    assert_eq!(r.publication_year.as_deref(), Some("2016"));
    assert_eq!(r.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::Text));
    assert_eq!(r.url.as_deref(), Some("https://example.org/"));
    assert!(pointers(record, "json.attribute-overrides-xml").is_empty(), "{}", render(&records));
}

// ---------------------------------------------------------------------------------------------
// bolognese's DataCite JSON fixtures

#[test]
fn bolognese_json_fixtures_read_without_panic() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    let files = crosswalk_testkit::files_with_suffix(&dir, ".json");
    assert!(files.len() > 20);
    for file in &files {
        let records = json::read(&std::fs::read(file).unwrap());
        assert!(!records.is_empty(), "{}", file.display());
        let name = file.file_name().unwrap().to_string_lossy();
        if name.starts_with("datacite") || name == "crosscite.json" {
            let record = &records[0];
            if name == "datacite_software_missing_comma.json" {
                // `"doi": "10.5063/F1M61H5X"` ends line 3 without a comma; line 4 starts `  "creator"`.
                assert_eq!(record.diagnostics.len(), 1);
                assert_eq!(record.diagnostics[0].code, "json.syntax");
                assert_eq!(record.diagnostics[0].location, Location::at(4, 3));
            } else {
                assert!(errors(record).is_empty(), "{name}:\n{}", render(&records));
                assert!(record.resource.doi.is_some() && !record.resource.titles.is_empty(), "{name}");
            }
        }
    }
}

#[test]
fn older_shapes_of_bolognese_fixtures_are_mapped() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let read = |name: &str| {
        let path = shared.join("reference/bolognese-fixtures").join(name);
        json::read(&std::fs::read(path).unwrap()).remove(0)
    };
    let record = read("datacite.json");
    let creator = &record.resource.creators[0];
    assert_eq!(creator.name_type, Some(crosswalk_model::NameType::Personal));
    assert_eq!(creator.name_identifiers[0].name_identifier, "http://orcid.org/0000-0003-1419-2405");
    assert_eq!(creator.name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    assert_eq!(pointers(&record, "legacy.mapped")[..2], ["/creators/0/type", "/creators/0/id"]);
    assert_eq!(record.resource.alternate_identifiers[0].alternate_identifier, "MS-49-3632-5083");

    let record = read("datacite_software.json");
    assert_eq!(record.resource.publication_year.as_deref(), Some("2016"));
    assert_eq!(record.resource.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::Software));
    assert_eq!(record.resource.doi.as_deref(), Some("10.5063/F1M61H5X"));
    assert!(pointers(&record, "legacy.mapped").contains(&"/types/resource-type-general".to_owned()));

    let record = read("datacite_software_overlapping_keys.json");
    assert_eq!(record.resource.titles[0].title, "dataone: R interface to the DataONE network of data repositories");
    assert_eq!(record.resource.creators[0].name, "Matthew B. Jones");
    assert_eq!(record.resource.dates[0].date, "2016");
    assert_eq!(pointers(&record, "json.duplicate-key"), ["/id"]);

    let record = read("crosscite.json");
    assert_eq!(record.resource.rights_list.len(), 2);
    assert_eq!(record.resource.dates.len(), 1);
    assert_eq!(record.resource.alternate_identifiers[0].alternate_identifier, "http://zenodo.org/record/48440");
    assert_eq!(pointers(&record, "json.derived-type"), ["/types/citeproc"]);
}

// ---------------------------------------------------------------------------------------------
// Our own fixtures

#[test]
fn list_response_gives_one_record_per_item_and_loses_only_the_bad_attribute() {
    let records = read_fixture("list-response.json");
    assert_eq!(records.len(), 3, "{}", render(&records));
    let keys: Vec<_> = records.iter().map(|r| (r.origin.index, r.origin.key.clone().unwrap())).collect();
    assert_eq!(
        keys,
        [(0, "10.80001/list-one".into()), (1, "10.80001/list-two".into()), (2, "10.80001/list-three".into())]
    );
    assert_eq!(records.iter().map(|r| r.origin.line).collect::<Vec<_>>(), [Some(3), Some(18), Some(34)]);

    let first = &records[0];
    assert!(errors(first).is_empty());
    let ignored = first.diagnostics.iter().find(|d| d.code == "json.not-metadata").unwrap();
    assert!(ignored.message.contains("meta, links") || ignored.message.contains("links, meta"), "{ignored}");
    assert!(ignored.message.contains("relationships"), "{ignored}");

    let second = &records[1];
    assert_eq!(
        at(second, "json.type"),
        [
            ("/data/1/attributes/creators/0/nameIdentifiers".to_owned(), Some(24)),
            ("/data/1/attributes/publisher".to_owned(), Some(28)),
        ]
    );
    let r = &second.resource;
    assert!(r.publisher.is_none());
    assert_eq!(r.creators.len(), 1);
    assert_eq!(r.creators[0].name, "Ferreira, Tomás");
    assert_eq!(r.titles[0].title, "Snow depth survey 2019");
    assert_eq!(r.publication_year.as_deref(), Some("2019"));
    assert_eq!(r.types.resource_type.as_deref(), Some("Survey"));

    let third = &records[2];
    assert!(errors(third).is_empty());
    assert_eq!(third.resource.publisher.as_ref().unwrap().publisher_identifier_scheme.as_deref(), Some("ROR"));
    assert_eq!(third.resource.titles.len(), 2);
}

#[test]
fn json_lines_read_line_by_line_and_a_bad_line_fails_alone() {
    let records = read_fixture("json-lines.jsonl");
    assert_eq!(records.len(), 3, "{}", render(&records));
    assert!(errors(&records[0]).is_empty());
    assert_eq!(records[0].resource.doi.as_deref(), Some("10.80002/line-1"));
    assert_eq!(records[1].diagnostics[0].code, "json.syntax");
    assert_eq!(records[1].diagnostics[0].location.line, Some(2));
    assert_eq!(records[1].origin.line, Some(2));
    assert!(errors(&records[2]).is_empty());
    assert_eq!(records[2].resource.doi.as_deref(), Some("10.80002/line-3"));
    assert_eq!(records[2].origin.line, Some(3));
    assert_eq!(records.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn array_items_are_records_and_pointers_start_with_their_index() {
    let records = read_fixture("array.json");
    assert_eq!(records.len(), 3, "{}", render(&records));
    assert_eq!(records[0].resource.publication_year.as_deref(), Some("2018"));
    assert_eq!(at(&records[1], "json.shape"), [("/1".to_owned(), Some(7))]);
    let third = &records[2];
    assert_eq!(third.resource.doi.as_deref(), Some("10.80003/ARRAY-3"));
    assert_eq!(pointers(third, "value.normalised"), ["/2/doi"]);
    assert_eq!(third.resource.creators[0].name_type, Some(crosswalk_model::NameType::Personal));
    assert_eq!(pointers(third, "vocab.normalised"), ["/2/creators/0/nameType"]);
}

#[test]
fn unknown_nested_keys_are_reported_at_their_exact_pointer() {
    let records = read_fixture("unknown-keys.json");
    let record = &records[0];
    assert!(errors(record).is_empty(), "{}", render(&records));
    let mut unmapped = pointers(record, "field.unmapped");
    unmapped.sort();
    assert_eq!(
        unmapped,
        [
            "/data/attributes/colour",
            "/data/attributes/creators/1/affiliation/1/rorId",
            "/data/attributes/creators/1/favouriteColour",
            "/data/attributes/geoLocations/0/geoLocationPoint/elevation",
            "/data/attributes/relatedItems/0/issn",
            "/data/attributes/titles/0/subtitle",
            "/data/attributes/types/genre",
        ]
    );
    assert_eq!(at(record, "field.unmapped").iter().find(|(p, _)| p.ends_with("favouriteColour")).unwrap().1, Some(10));
    assert_eq!(
        pointers(record, "vocab.normalised"),
        ["/data/attributes/relatedItems/0/relationType", "/data/attributes/relatedItems/0/titles/1/titleType"]
    );
    let mut empty = pointers(record, "value.empty");
    empty.sort();
    assert_eq!(
        empty,
        ["/data/attributes/creators/0", "/data/attributes/creators/1/affiliation/0", "/data/attributes/version"]
    );
    assert_eq!(pointers(record, "value.trimmed"), ["/data/attributes/titles/0/title"]);
    let r = &record.resource;
    assert_eq!(r.creators.len(), 1);
    assert_eq!(r.creators[0].affiliation.len(), 1);
    assert_eq!(r.titles[0].title, "Padded title");
    assert!(r.version.is_none());
    assert_eq!(r.geo_locations[0].points[0].point_latitude.as_str(), "6.45");
}

#[test]
fn older_identifiers_become_alternate_identifiers_unless_they_repeat() {
    let records = read_fixture("identifiers.json");
    let record = &records[0];
    assert!(errors(record).is_empty(), "{}", render(&records));
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.80005/IDS"));
    let alternates: Vec<(&str, Option<&str>)> = r
        .alternate_identifiers
        .iter()
        .map(|a| (a.alternate_identifier.as_str(), a.alternate_identifier_type.as_deref()))
        .collect();
    assert_eq!(
        alternates,
        [
            ("https://example.org/records/17", Some("URL")),
            ("10.80005/older-version", Some("DOI")),
            ("978-0-00-000000-2", Some("ISBN")),
        ]
    );
    assert_eq!(
        pointers(record, "legacy.mapped"),
        ["/identifiers/0", "/identifiers/1", "/identifiers/2", "/identifiers/3"]
    );
    assert_eq!(pointers(record, "field.unmapped"), ["/identifiers/3/note", "/identifiers/4"]);
    // resourceType JournalArticle refines Text: RIS JOUR, not the input's RPRT.
    assert_eq!(pointers(record, "json.derived-type"), ["/types/ris"]);
}

#[test]
fn a_derived_type_that_differs_is_noted_and_the_derived_one_written() {
    let records = read_fixture("derived-types.json");
    let record = &records[0];
    let notes: Vec<&Diagnostic> = record.diagnostics.iter().filter(|d| d.code == "json.derived-type").collect();
    assert_eq!(notes.len(), 1, "{}", render(&records));
    assert_eq!(notes[0].severity, Severity::Info);
    assert!(notes[0].message.contains("\"RRPT\"") && notes[0].message.contains("\"RPRT\""), "{}", notes[0]);
    assert_eq!(json::write(&record.resource)["types"]["ris"], "RPRT");
}

#[test]
fn embedded_xml_merges_under_the_json_and_bad_xml_attributes_are_reported() {
    let records = read_fixture("embedded-xml.json");
    assert_eq!(records.len(), 3);
    assert_eq!(at(&records[1], "json.xml-base64"), [("/1/data/attributes/xml".to_owned(), Some(27))]);
    assert_eq!(pointers(&records[2], "json.xml-not-datacite"), ["/2/data/attributes/xml"]);
    assert_eq!(records[2].resource.doi.as_deref(), Some("10.80007/ris"));
    if !xml_reader_available() {
        return;
    }
    let record = &records[0];
    assert!(errors(record).is_empty(), "{}", render(&records));
    let r = &record.resource;
    assert_eq!(r.titles[0].title, "Salinity profiles, as titled in the JSON");
    assert_eq!(r.version.as_deref(), Some("1.0"));
    assert_eq!(r.creators[0].name, "Haddad, Layla");
    assert_eq!(r.doi.as_deref(), Some("10.80007/embedded"));
    assert_eq!(r.url.as_deref(), Some("https://example.org/salinity"));
    // A request payload (it has an event): the attribute wins, and the XML's title it replaces
    // is lost, which is a warning at the title that replaces it.
    assert_eq!(pointers(record, "json.xml-value-lost"), ["/0/data/attributes/titles/0/title"]);
    assert!(pointers(record, "json.attribute-overrides-xml").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Inputs at the edges

fn only(bytes: &[u8]) -> Record {
    let mut records = json::read(bytes);
    assert_eq!(records.len(), 1, "{}", render(&records));
    records.remove(0)
}

fn codes(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

#[test]
fn inputs_without_records_still_give_one_failed_record() {
    assert_eq!(codes(&only(b"")), ["json.syntax"]);
    assert_eq!(codes(&only(b"  \n ")), ["json.syntax"]);
    assert_eq!(codes(&only(b"42")), ["json.shape"]);
    assert_eq!(codes(&only(b"[]")), ["json.no-records"]);
    assert_eq!(codes(&only(br#"{"data": [], "meta": {"total": 0}}"#)), ["json.no-records"]);
    assert_eq!(codes(&only(br#"{"data": null}"#)), ["json.no-records"]);
    let record =
        only(br#"{"errors": [{"status": "404", "title": "The resource you are looking for doesn't exist."}]}"#);
    assert_eq!(codes(&record), ["json.api-errors"]);
    assert!(record.diagnostics[0].message.contains("404 The resource"), "{}", record.diagnostics[0]);
    let record = only(b"{\"doi\": \"10.1/x\",\n \"titles\": [");
    assert_eq!(codes(&record), ["json.syntax"]);
    assert!(record.diagnostics[0].message.contains("ends inside"), "{}", record.diagnostics[0]);
    let deep = "[".repeat(100_000);
    assert_eq!(codes(&only(deep.as_bytes())), ["json.syntax"]);
}

#[test]
fn concatenated_values_bom_and_utf16_are_read() {
    let records = json::read(br#"{"doi": "10.1/a"} {"doi": "10.1/b"}"#);
    assert_eq!(records.iter().map(|r| r.resource.doi.clone().unwrap()).collect::<Vec<_>>(), ["10.1/a", "10.1/b"]);
    assert_eq!(only(b"\xEF\xBB\xBF{\"doi\": \"10.1/bom\"}").resource.doi.as_deref(), Some("10.1/bom"));
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("{\"titles\": [{\"title\": \"Zürich\"}]}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let record = only(&utf16);
    assert_eq!(record.resource.titles[0].title, "Zürich");
    assert_eq!(codes(&record), ["input.utf16"]);
}

#[test]
fn jsonapi_envelope_is_checked() {
    let record = only(
        br#"{"data": {"type": "clients", "id": "https://doi.org/10.1/env", "attributes": {"titles": [{"title": "T"}]},
             "extra": 1}, "jsonapi": {"version": "1.0"}}"#,
    );
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/env"));
    assert_eq!(pointers(&record, "json.data-type"), ["/data/type"]);
    assert_eq!(pointers(&record, "field.unmapped"), ["/data/extra"]);
    assert_eq!(pointers(&record, "json.not-metadata"), ["/jsonapi"]);
    let record = only(br#"{"data": {"id": "10.1/one", "attributes": {"doi": "10.1/other"}}}"#);
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/other"));
    assert_eq!(pointers(&record, "json.id-mismatch"), ["/data/id"]);
}

#[test]
fn type_errors_lose_only_their_entry_and_nulls_mean_absent() {
    let record = only(
        br#"{"titles": [{"title": "Kept"}, {"title": {"nested": true}}, "Also kept"], "publicationYear": true,
             "language": null, "sizes": "3 files", "formats": ["a", 5], "dates": [{"date": "2020", "dateType": "Issued"}],
             "descriptions": [null, {"description": "D", "descriptionType": "Abstract"}]}"#,
    );
    assert_eq!(pointers(&record, "json.type"), ["/titles/1/title", "/publicationYear"]);
    let titles: Vec<&str> = record.resource.titles.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Kept", "Also kept"]);
    assert_eq!(record.resource.sizes, ["3 files"]);
    assert_eq!(record.resource.formats, ["a", "5"]);
    assert_eq!(record.resource.descriptions.len(), 1);
    assert_eq!(pointers(&record, "value.empty"), ["/descriptions/0"]);
    assert!(record.resource.language.is_none());
}

#[test]
fn objects_written_as_lists_are_type_errors_not_read_positionally() {
    let record = only(
        br#"{"titles": [["Positional", "Subtitle"], {"title": "Kept"}], "types": ["Dataset"],
             "creators": [["Doe", "Personal"], {"name": "Roe", "nameIdentifiers": [["0000", "ORCID"]]}],
             "geoLocations": [{"geoLocationPoint": [1, 2]}], "formats": ["a", "b"]}"#,
    );
    assert_eq!(
        at(&record, "json.type"),
        [
            ("/creators/0".to_owned(), Some(2)),
            ("/creators/1/nameIdentifiers/0".to_owned(), Some(2)),
            ("/titles/0".to_owned(), Some(1)),
            ("/types".to_owned(), Some(1)),
            ("/geoLocations/0/geoLocationPoint/0".to_owned(), Some(3)),
        ]
    );
    assert!(record.diagnostics[0].message.contains("sequence, expected struct Creator"), "{}", record.diagnostics[0]);
    let titles: Vec<&str> = record.resource.titles.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Kept"]);
    assert!(record.resource.creators.is_empty() && record.resource.geo_locations.is_empty());
    assert_eq!(record.resource.types, crosswalk_model::Types::default());
    assert_eq!(record.resource.formats, ["a", "b"]);
}

#[test]
fn a_number_beyond_f64_loses_only_its_value() {
    let record = only(
        b"{\"doi\": \"10.1/huge\", \"titles\": [{\"title\": \"Kept\"}],\n \"publicationYear\": 1e400,\n \
          \"sizes\": [\"1 MB\", -2E+999], \"geoLocations\": [{\"geoLocationPlace\": \"P\", \"geoLocationPoint\": \
          {\"pointLatitude\": 1e999, \"pointLongitude\": 2}}]}",
    );
    assert_eq!(record.resource.doi.as_deref(), Some("10.1/huge"));
    assert_eq!(record.resource.titles[0].title, "Kept");
    assert_eq!(record.resource.sizes, ["1 MB"]);
    assert_eq!(record.resource.geo_locations[0].places, ["P"]);
    assert_eq!(
        at(&record, "json.type"),
        [
            ("/publicationYear".to_owned(), Some(2)),
            ("/sizes/1".to_owned(), Some(3)),
            ("/geoLocations/0/geoLocationPoint/pointLatitude".to_owned(), Some(3)),
        ]
    );
    assert!(record.diagnostics[0].message.starts_with("number 1e400 is beyond"), "{}", record.diagnostics[0]);
    // The `null` a number is read as is not reported again; the point left with one coordinate
    // is no point (a point needs both).
    assert_eq!(codes(&record), ["json.type", "json.type", "json.type", "required.missing"]);
    assert!(record.resource.geo_locations[0].points.is_empty());

    // Several values, JSON Lines, and a number that was the value of a repeated key.
    let records = json::read(b"[{\"doi\": \"10.1/a\"}, {\"version\": 1e400, \"version\": 2}] {\"version\": 1e999}");
    assert_eq!(records.len(), 3, "{}", render(&records));
    assert_eq!(codes(&records[0]), Vec::<&str>::new());
    assert_eq!(codes(&records[1]), ["json.duplicate-key", "json.type"]);
    assert_eq!(records[1].diagnostics[1].location, Location::at(1, 33));
    assert_eq!(records[1].resource.version.as_deref(), Some("2"));
    assert_eq!(pointers(&records[2], "json.type"), ["/version"]);
    let records =
        json::read(b"{\"doi\": \"10.1/a\", \"version\": 1e400}\n{\"doi\": \"10.1/b\", \"formats\": [1e400]}\n");
    assert_eq!(records.iter().map(|r| r.resource.doi.clone().unwrap()).collect::<Vec<_>>(), ["10.1/a", "10.1/b"]);
    assert_eq!(at(&records[1], "json.type"), [("/formats/0".to_owned(), Some(2))]);

    // Many of them are patched in one pass, and the value parsed once more.
    let many = format!("{{\"doi\": \"10.1/many\", \"formats\": [{}, \"kept\"]}}", vec!["1e999"; 2_000].join(", "));
    let record = only(many.as_bytes());
    assert_eq!(record.resource.formats, ["kept"]);
    assert_eq!(pointers(&record, "json.type").len(), 2_000);
}

// ---------------------------------------------------------------------------------------------
// The writer

#[test]
fn writer_gives_the_rest_attributes_object() {
    assert_eq!(json::write(&crosswalk_model::Resource::default()), json!({}));
    let record = only(br#"{"doi": "10.1/w", "publicationYear": "2020", "types": {"resourceTypeGeneral": "Dataset"}}"#);
    assert_eq!(
        json::write(&record.resource),
        json!({"doi": "10.1/w", "publicationYear": 2020, "types": {"resourceTypeGeneral": "Dataset",
            "schemaOrg": "Dataset", "citeproc": "dataset", "bibtex": "misc", "ris": "DATA"}})
    );
}

// ---------------------------------------------------------------------------------------------
// Snapshots: the resource and every diagnostic, for review

#[test]
fn snapshots() {
    for (fixture, snapshot) in [
        ("list-response.json", "list-response.txt"),
        ("unknown-keys.json", "unknown-keys.txt"),
        ("identifiers.json", "identifiers.txt"),
        ("embedded-xml.json", "embedded-xml.txt"),
        ("xml-and-attributes.json", "xml-and-attributes.txt"),
    ] {
        if fixture.contains("xml") && !xml_reader_available() {
            continue;
        }
        crosswalk_testkit::assert_snapshot(&format!("json-read/{snapshot}"), &render(&read_fixture(fixture)));
    }
}

/// A line whose brackets do not close (cut off, or with a missing brace) fails alone: the lines
/// after it are still records, also in UTF-16, which the facade hands to this reader whole.
#[test]
fn json_lines_with_an_unclosed_line_keep_the_lines_after_it() {
    let text = "{\"doi\": \"10.5072/a\"}\n{\"doi\": \"10.5072/b\", \"titles\": [\n{\"doi\": \"10.5072/c\"}\n";
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for bytes in [text.as_bytes().to_vec(), utf16] {
        let records = crosswalk_datacite::json::read(&bytes);
        assert_eq!(records.len(), 3, "{}", render(&records));
        assert_eq!(records[0].resource.doi.as_deref(), Some("10.5072/a"));
        assert!(
            records[1].diagnostics.iter().any(|d| d.code == "json.syntax" && d.location.line == Some(2)),
            "{}",
            render(&records)
        );
        assert_eq!(records[2].resource.doi.as_deref(), Some("10.5072/c"));
    }
    // A pretty-printed document is not JSON Lines, although its lines open objects.
    let pretty = "{\n  \"doi\": \"10.5072/p\",\n  \"titles\": [\n    {\"title\": \"T\"}\n  ]\n}\n";
    let records = crosswalk_datacite::json::read(pretty.as_bytes());
    assert_eq!(records.len(), 1, "{}", render(&records));
    assert_eq!(records[0].resource.titles[0].title, "T");
}

/// An entry of a list without the text the model requires (a misspelt key) is left out and
/// reported, not read as an empty text.
#[test]
fn an_entry_without_its_text_is_left_out_and_reported() {
    let json = r#"{"titles": [{"titel": "Typo", "lang": "en"}, {"title": "Kept"}],
        "creators": [{"nameType": "Personal", "nmae": "Doe, Jane"}],
        "fundingReferences": [{"funderIdentifier": "https://ror.org/04wxnsj81", "awardNumber": "1"}]}"#;
    let records = crosswalk_datacite::json::read(json.as_bytes());
    let record = &records[0];
    assert_eq!(record.resource.titles.len(), 1, "{}", render(&records));
    assert_eq!(record.resource.titles[0].title, "Kept");
    assert!(record.resource.creators.is_empty(), "{}", render(&records));
    // A funding reference with an identifier but no name is kept (reported by the validator).
    assert_eq!(record.resource.funding_references.len(), 1, "{}", render(&records));
    let mut missing: Vec<_> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == "required.missing")
        .map(|d| d.location.path.clone().unwrap_or_default())
        .collect();
    missing.sort();
    assert_eq!(missing, ["/creators/0", "/titles/0"], "{}", render(&records));
}

#[test]
fn single_objects_where_lists_belong_are_read_as_lists_of_one_at_every_level() {
    let records = read_fixture("single-objects.json");
    let record = &records[0];
    let r = &record.resource;
    // The top-level titles and both related items are read; nothing is refused for its shape.
    assert_eq!(r.titles[0].title, "Ice core isotopes, Lomonosovfonna", "{}", render(&records));
    assert_eq!(r.related_items.len(), 2, "{}", render(&records));
    // (The third is left out for its bad title type, as it would be in a list: see below.)
    let journal = &r.related_items[0];
    assert_eq!(journal.titles[0].title, "Annals of Glaciology");
    assert_eq!(journal.creators[0].name, "Glaciological Society");
    assert_eq!(journal.volume.as_deref(), Some("52"));
    let book = &r.related_items[1];
    assert_eq!(book.contributors[0].name, "Isaksson, Elisabeth");
    // Each object read as a list is noted where it stands.
    assert_eq!(
        at(record, "value.normalised"),
        [
            ("/titles".to_owned(), Some(3)),
            ("/relatedItems/0/creators".to_owned(), Some(12)),
            ("/relatedItems/0/titles".to_owned(), Some(11)),
            ("/relatedItems/1/contributors".to_owned(), Some(19)),
            ("/relatedItems/1/titles".to_owned(), Some(18)),
        ],
        "{}",
        render(&records)
    );
    // Inside such an object, problems are located without an index the source does not have:
    // a bad title type loses that related item (as it would in a list) …
    assert_eq!(at(record, "json.type"), [("/relatedItems/2/titles/titleType".to_owned(), Some(24))]);
    // … and an unknown key is reported at its own place.
    assert_eq!(pointers(record, "field.unmapped"), ["/relatedItems/1/contributors/shoeSize"]);
}

#[test]
fn a_response_is_read_from_its_xml_and_a_payload_from_its_attributes() {
    if !xml_reader_available() {
        return;
    }
    let records = read_fixture("xml-and-attributes.json");
    assert_eq!(records.len(), 3);

    // A GET response: what the API's view left out of its attributes is the XML's.
    let response = &records[0];
    let r = &response.resource;
    assert!(errors(response).is_empty(), "{}", render(&records));
    let okafor = &r.creators[0];
    assert_eq!(okafor.affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/05rk03822"));
    assert_eq!(okafor.affiliation[0].scheme_uri.as_deref(), Some("https://ror.org"));
    assert_eq!(okafor.name_identifiers[0].scheme_uri.as_deref(), Some("https://orcid.org"));
    let publisher = r.publisher.as_ref().unwrap();
    assert_eq!(publisher.publisher_identifier.as_deref(), Some("https://ror.org/05rk03822"));
    assert_eq!(r.related_identifiers.len(), 3);
    assert_eq!(r.subjects[0].scheme_uri.as_deref(), Some("https://gcmd.earthdata.nasa.gov/kms"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-4.0"));
    // What the XML lacks is filled; what the view says otherwise is not used, with a warning.
    assert_eq!(r.dates[0].date, "2021");
    assert_eq!(at(response, "json.attribute-fills-xml"), [("/0/data/attributes/dates".to_owned(), Some(28))]);
    assert_eq!(r.language.as_deref(), Some("en-GB"));
    assert_eq!(at(response, "json.attribute-value-lost"), [("/0/data/attributes/language".to_owned(), Some(29))]);
    let lost = response.diagnostics.iter().find(|d| d.code == "json.attribute-value-lost").unwrap();
    assert_eq!(lost.severity, Severity::Warning);
    assert!(lost.message.contains("\"en\"") && lost.message.contains("\"en-GB\""), "{lost}");

    // A request payload with the same XML: its attributes win, as the API stores them, and each
    // value of the XML they lose is a warning at the attribute that replaces it.
    let payload = &records[1];
    let r = &payload.resource;
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier, None);
    assert_eq!(r.related_identifiers.len(), 1);
    assert_eq!(r.publisher.as_ref().unwrap().publisher_identifier.as_deref(), Some("https://ror.org/05rk03822"));
    let lost = pointers(payload, "json.xml-value-lost");
    assert_eq!(lost.iter().filter(|p| *p == "/1/data/attributes/creators/0/affiliation/0").count(), 3, "{lost:?}");
    assert_eq!(lost.iter().filter(|p| *p == "/1/data/attributes/relatedIdentifiers").count(), 2, "{lost:?}");
    assert!(payload
        .diagnostics
        .iter()
        .filter(|d| d.code == "json.xml-value-lost")
        .all(|d| d.severity == Severity::Warning));

    // Saved attributes of a response (a server attribute, no event): read from the XML too.
    let saved = &records[2];
    assert_eq!(saved.resource.titles[0].title, "Salinity of the Lagos lagoon, 2019-2021");
    assert_eq!(pointers(saved, "json.attribute-value-lost"), ["/2/titles/0/title"]);
}

#[test]
fn an_event_makes_a_document_a_request_whatever_else_it_has() {
    if !xml_reader_available() {
        return;
    }
    let xml = "<resource xmlns=\"http://datacite.org/schema/kernel-4\"><identifier identifierType=\"DOI\">10.80007/E</identifier>\
        <titles><title>From the XML</title></titles></resource>";
    let xml = base64_of(xml.as_bytes());
    let document = |event: &str| {
        format!(
            r#"{{"data": {{"id": "10.80007/e", "type": "dois", "attributes": {{{event}"titles": [{{"title": "From the JSON"}}], "xml": "{xml}"}}}}}}"#
        )
    };
    // data.id alone: a response (a PUT payload without event reads as one).
    let response = only(document("").as_bytes());
    assert_eq!(response.resource.titles[0].title, "From the XML");
    assert_eq!(pointers(&response, "json.attribute-value-lost"), ["/data/attributes/titles/0/title"]);
    // With an event: a request, whose attributes win.
    let request = only(document(r#""event": "publish", "#).as_bytes());
    assert_eq!(request.resource.titles[0].title, "From the JSON");
    assert_eq!(pointers(&request, "json.xml-value-lost"), ["/data/attributes/titles/0/title"]);
}

/// Standard base64, as the API takes `xml`.
fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn json_lines_of_api_records_read_as_records() {
    // Harvest scripts and DataCite's public data file: one JSON:API resource object a line.
    let records = json::read(&crosswalk_testkit::testdata_bytes("datacite-json/api-records.jsonl"));
    assert_eq!(records.len(), 2);
    for (record, doi) in records.iter().zip(["10.5072/harvest-1", "10.5072/harvest-2"]) {
        assert!(!record.has_errors(), "{:?}", record.diagnostics);
        assert_eq!(record.resource.doi.as_deref(), Some(doi));
        assert_eq!(record.resource.titles.len(), 1);
        assert!(
            !record.diagnostics.iter().any(|d| d.message.contains("attributes is not")),
            "{:?}",
            record.diagnostics
        );
    }
    assert_eq!(records[1].origin.line, Some(2));
}

#[test]
fn a_resource_object_on_its_own_is_a_response_unless_it_has_an_event() {
    if !xml_reader_available() {
        return;
    }
    // As harvests save a list response's items: each item is read as the response it comes
    // from, from its embedded XML; an event makes it a request, whose attributes win.
    let xml = "<resource xmlns=\"http://datacite.org/schema/kernel-4\"><identifier identifierType=\"DOI\">10.80007/R</identifier>\
        <titles><title>From the XML</title></titles></resource>";
    let xml = base64_of(xml.as_bytes());
    let line = |envelope: &str, attributes: &str| {
        format!(
            r#"{{{envelope}"type": "dois", "attributes": {{{attributes}"doi": "10.80007/r", "titles": [{{"title": "From the JSON"}}], "xml": "{xml}"}}}}"#
        )
    };
    let lines = [
        line(r#""id": "10.80007/r", "#, ""),
        line("", r#""state": "findable", "#),
        line(r#""id": "10.80007/r", "#, r#""event": "publish", "#),
    ]
    .join("\n");
    let records = json::read(lines.as_bytes());
    assert_eq!(records.len(), 3, "{}", render(&records));
    for (record, title) in records.iter().zip(["From the XML", "From the XML", "From the JSON"]) {
        assert_eq!(record.resource.titles[0].title, title, "{}", render(&records));
    }
    assert_eq!(pointers(&records[0], "json.attribute-value-lost"), ["/attributes/titles/0/title"]);
    assert_eq!(pointers(&records[1], "json.attribute-value-lost"), ["/attributes/titles/0/title"]);
    assert_eq!(pointers(&records[2], "json.xml-value-lost"), ["/attributes/titles/0/title"]);
}

/// A lone surrogate escape goes to the record whose value holds it (an array read whole), read
/// as U+FFFD with the text around it kept.
#[test]
fn a_lone_surrogate_escape_is_reported_in_the_record_that_holds_it() {
    let bytes = crosswalk_testkit::testdata_bytes("text/lone-surrogate-in-a-list.datacite.json");
    let records = json::read(&bytes);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1].resource.titles[0].title, "Two \u{FFFD} halves");
    let lone: Vec<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.diagnostics.iter().any(|d| d.code == crosswalk_text::LONE_SURROGATE))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(lone, [1], "{}", render(&records));
    assert!(records.iter().all(|r| !r.has_errors()), "{}", render(&records));
}

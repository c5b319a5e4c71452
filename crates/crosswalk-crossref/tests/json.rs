//! Tests of the Crossref REST JSON reader: our fixtures in `testdata/crossref-json/` (a
//! `/works/{doi}` response, a bare work, a `/works` list, a part of the public data file, JSON
//! Lines, malformed input), snapshots, the crosswalk page, streaming, caps, robustness, and the
//! same work in Crossref XML and Crossref JSON.

use std::collections::BTreeSet;
use std::io::BufReader;

use crosswalk_crossref::json::{read, Reader, MAPPING};
use crosswalk_crossref::{relation_type, CODES, RELATIONSHIP_TYPES};
use crosswalk_model::{ContributorType, DateType, NameType, Record, RelationType, ResourceTypeGeneral, Severity};
use crosswalk_rules::crossref_types::CROSSREF_TYPES;
use crosswalk_testkit::{assert_snapshot, files_with_suffix, testdata, testdata_bytes, workspace_root};
use serde_json::Value;

/// Our fixtures of well-formed works.
const GOOD: &[&str] = &[
    "journal-article.json",
    "book-chapter.json",
    "posted-content.json",
    "works-list.json",
    "public-data-part.json",
    "works.jsonl",
    "pair/article.json",
];

fn fixture(name: &str) -> Vec<Record> {
    read(&testdata_bytes(&format!("crossref-json/{name}")))
}

fn codes_of(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| &*d.code).collect()
}

/// Every diagnostic has a code listed in `CODES` with its severity, a line and a column.
fn assert_documented(label: &str, record: &Record) {
    for d in &record.diagnostics {
        let info = CODES.iter().find(|c| c.code == d.code);
        let info = info.unwrap_or_else(|| panic!("{label}: code {} is not in CODES ({d})", d.code));
        assert_eq!(info.severity, d.severity, "{label}: {d}");
        assert!(d.location.line.is_some() && d.location.column.is_some(), "{label}: no line:column in {d}");
        assert!(d.location.path.is_some(), "{label}: no pointer in {d}");
    }
}

fn snapshot_text(records: &[Record]) -> String {
    let items: Vec<Value> = records
        .iter()
        .map(|r| {
            serde_json::json!({
                "origin": {"index": r.origin.index, "key": r.origin.key, "line": r.origin.line},
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
fn fixtures_read_as_their_snapshots() {
    for name in GOOD.iter().chain(["malformed.jsonl"].iter()) {
        let records = fixture(name);
        for record in &records {
            assert_documented(name, record);
        }
        if GOOD.contains(name) {
            assert!(records.iter().all(|r| !r.has_errors()), "{name}: {:#?}", records);
        }
        let snapshot = format!("crossref-json/{}.json", name.replace('/', "-").trim_end_matches(".json"));
        assert_snapshot(&snapshot, &snapshot_text(&records));
    }
}

// ---- shapes ---------------------------------------------------------------------------------------

#[test]
fn every_shape_gives_one_record_per_work() {
    let single = fixture("journal-article.json");
    assert_eq!(single.len(), 1);
    assert_eq!(single[0].origin.key.as_deref(), Some("10.5555/limnol.2021.0042"));
    let bare = fixture("book-chapter.json");
    assert_eq!(bare.len(), 1);
    let list = fixture("works-list.json");
    let dois: Vec<_> = list.iter().map(|r| r.resource.doi.as_deref().unwrap()).collect();
    assert_eq!(dois, ["10.5555/thesis.2018.17", "10.5555/icecon.2022.9", "10.5555/review.ice.7.r1"]);
    assert_eq!(list.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(list.iter().map(|r| r.origin.line).collect::<Vec<_>>(), [Some(10), Some(29), Some(53)]);
    let part = fixture("public-data-part.json");
    assert_eq!(part.len(), 2);
    assert_eq!(part[1].origin.line, Some(2));
    let lines = fixture("works.jsonl");
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[1].resource.doi.as_deref(), Some("10.5555/std.ice.2"), "a response on a line");

    // A JSON array of works and responses, and JSON Lines of list responses.
    let array = br#"[{"DOI": "10.5555/a", "type": "dataset", "title": ["A"]},
 {"status": "ok", "message-type": "work", "message": {"DOI": "10.5555/b", "type": "dataset", "title": ["B"], "bogus": 1}},
 {"message-type": "work-list", "message": {"items": [{"DOI": "10.5555/c", "type": "dataset", "title": ["C"]}]}}]"#;
    let records = read(array);
    let dois: Vec<_> = records.iter().map(|r| r.resource.doi.as_deref().unwrap()).collect();
    assert_eq!(dois, ["10.5555/a", "10.5555/b", "10.5555/c"]);
    let bogus = records[1].diagnostics.iter().find(|d| d.code == "field.unmapped").unwrap();
    assert_eq!(bogus.location.path.as_deref(), Some("/1/message/bogus"));
    assert_eq!(bogus.location.line, Some(2));
    assert_eq!(records[2].origin.line, Some(3));
    let pages = "{\"message-type\":\"work-list\",\"message\":{\"items\":[{\"DOI\":\"10.5555/a\"},{\"DOI\":\"10.5555/b\"}]}}\n\
                 {\"message-type\":\"work-list\",\"message\":{\"next-cursor\":\"x\",\"items\":[{\"DOI\":\"10.5555/c\"}]}}\n";
    let records = read(pages.as_bytes());
    let dois: Vec<_> = records.iter().map(|r| r.resource.doi.as_deref().unwrap()).collect();
    assert_eq!(dois, ["10.5555/a", "10.5555/b", "10.5555/c"]);
    assert_eq!(records[2].origin.line, Some(2));
    assert_eq!(records.iter().map(|r| r.origin.index).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn input_without_works_is_one_failed_record() {
    for input in
        [&b""[..], b"  \n", b"[]", br#"{"items": []}"#, br#"{"message-type":"work-list","message":{"items":[]}}"#]
    {
        let records = read(input);
        assert_eq!(records.len(), 1, "{input:?}");
        assert_eq!(codes_of(&records[0]), [crosswalk_crossref::JSON_NO_WORKS], "{input:?}");
        assert!(records[0].has_errors());
    }
}

#[test]
fn what_is_not_a_work_is_a_failed_record_each() {
    let records = fixture("malformed.jsonl");
    assert_eq!(records.len(), 9);
    let first_error =
        |r: &Record| r.diagnostics.iter().find(|d| d.severity == Severity::Error).map(|d| d.code.to_string());
    let errors: Vec<Option<String>> = records.iter().map(first_error).collect();
    let expected = [
        None,
        None,
        Some("crossref-json.syntax"),
        None,
        Some("crossref-json.not-a-work"),
        Some("crossref-json.not-a-work"),
        Some("crossref-json.api-error"),
        Some("crossref-json.not-a-work"),
        Some("crossref-json.not-a-work"),
    ];
    assert_eq!(errors, expected.map(|e| e.map(str::to_owned)));
    assert!(records[6].diagnostics[0].message.contains("This route does not support rows"));
    assert_eq!(records.iter().map(|r| r.origin.line).collect::<Vec<_>>(), (1..=9).map(Some).collect::<Vec<_>>());
    // The works read keep what they could.
    assert_eq!(records[0].resource.titles[0].title, "twice");
    assert!(codes_of(&records[0]).contains(&"crossref-json.duplicate-key"));
    assert_eq!(records[3].resource.types.resource_type_general, Some(ResourceTypeGeneral::Other));
}

// ---- mapping decisions ------------------------------------------------------------------------------

#[test]
fn journal_article_values() {
    let record = &fixture("journal-article.json")[0];
    let r = &record.resource;
    assert_eq!(r.url.as_deref(), Some("https://example.org/limnol/0042"));
    assert_eq!(r.types.resource_type.as_deref(), Some("JournalArticle"));
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "https://orcid.org/0000-0002-1825-0097");
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier.as_deref(), Some("https://ror.org/05gq02987"));
    assert_eq!(r.creators[1].name, "Virtanen, Aino, Jr.");
    assert_eq!(r.publication_year.as_deref(), Some("2021"));
    let issued: Vec<(&str, Option<&str>)> = r
        .dates
        .iter()
        .filter(|d| d.date_type == Some(DateType::Issued))
        .map(|d| (d.date.as_str(), d.date_information.as_deref()))
        .collect();
    assert_eq!(issued, [("2021-06", Some("print")), ("2021-03-15", Some("online"))]);
    let journal = &r.related_items[0];
    assert_eq!(journal.related_item_type, Some(ResourceTypeGeneral::Journal));
    assert_eq!(journal.titles[1].title, "J. Ex. Limnol.");
    assert_eq!((journal.first_page.as_deref(), journal.last_page.as_deref()), (Some("201"), Some("215")));
    assert_eq!(r.funding_references.len(), 3);
    assert_eq!(r.funding_references[2].funder_identifier.as_deref(), Some("https://ror.org/00example1"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-4.0"));
    assert_eq!(
        r.descriptions[0].description,
        "Ice cover on small lakes shortens by 2.1 days per decade.\n\nWe discuss why."
    );
    let preprint = r.related_identifiers.iter().find(|i| i.related_identifier == "10.5555/preprint.ice.7").unwrap();
    assert_eq!(preprint.relation_type, Some(RelationType::HasVersion));
    assert_eq!(preprint.relation_type_information.as_deref(), Some("hasPreprint"));
    // The embargoed licence of the accepted manuscript says what rights cannot.
    let embargo = record.diagnostics.iter().find(|d| d.location.path.as_deref() == Some("/message/license/1/start"));
    assert!(embargo.is_some_and(|d| d.message.contains("365 days after publication")));
    assert_eq!(r.content_url, ["https://example.org/limnol/0042.pdf"]);
}

#[test]
fn people_and_types_follow_the_xml_reader() {
    let chapter = &fixture("book-chapter.json")[0];
    let r = &chapter.resource;
    assert_eq!(r.creators.len(), 2, "the et al. marker is left out");
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    assert!(codes_of(chapter).contains(&crosswalk_crossref::ET_AL));
    assert_eq!(r.contributors[0].contributor_type, Some(ContributorType::Editor));
    assert_eq!(r.contributors[1].contributor_type, Some(ContributorType::Translator));
    let book = &r.related_items[0];
    assert_eq!(book.related_item_type, Some(ResourceTypeGeneral::Book));
    assert_eq!(book.edition.as_deref(), Some("2"));
    assert_eq!(
        book.related_item_identifier.as_ref().map(|i| i.related_item_identifier.as_str()),
        Some("9780000000019")
    );

    let preprint = &fixture("posted-content.json")[0];
    assert_eq!(preprint.resource.types.resource_type_general, Some(ResourceTypeGeneral::Preprint));
    // A person known by one string, with an ORCID: split as every reader splits.
    assert_eq!(preprint.resource.creators[1].family_name.as_deref(), Some("Chen"));
    assert!(codes_of(preprint).contains(&"people.name-split"));

    let list = fixture("works-list.json");
    assert_eq!(list[0].resource.types.resource_type_general, Some(ResourceTypeGeneral::Dissertation));
    assert_eq!(list[0].resource.contributors[0].contributor_type, Some(ContributorType::HostingInstitution));
    assert_eq!(list[1].resource.related_items[1].related_item_type, Some(ResourceTypeGeneral::Event));
    assert_eq!(list[2].resource.types.resource_type_general, Some(ResourceTypeGeneral::PeerReview));
    let reviewed = &list[2].resource.related_identifiers[0];
    assert_eq!(reviewed.relation_type, Some(RelationType::Reviews));

    // A work with editors and no authors has its editors as creators, the rule every reader shares.
    let edited = read(
        br#"{"DOI": "10.5555/e", "type": "edited-book", "title": ["E"],
        "editor": [{"given": "Lars", "family": "Eklund"}]}"#,
    );
    assert_eq!(edited[0].resource.creators[0].name, "Eklund, Lars");
    let note = edited[0].diagnostics.iter().find(|d| d.code == "people.editors-as-creators").unwrap();
    assert_eq!(note.location.path.as_deref(), Some("/editor/0"));
}

#[test]
fn every_rest_type_reads_as_the_shared_table_says() {
    for t in CROSSREF_TYPES {
        let json = format!(r#"{{"DOI": "10.5555/t", "type": "{}", "title": ["T"]}}"#, t.id);
        let record = &read(json.as_bytes())[0];
        assert_eq!(record.resource.types.resource_type_general.as_ref(), Some(&t.general), "{}", t.id);
        assert_eq!(record.resource.types.resource_type.as_deref(), Some(t.resource_type), "{}", t.id);
    }
    for (subtype, general) in [
        ("preprint", ResourceTypeGeneral::Preprint),
        ("working_paper", ResourceTypeGeneral::Preprint),
        ("dissertation", ResourceTypeGeneral::Dissertation),
        ("report", ResourceTypeGeneral::Report),
        ("review", ResourceTypeGeneral::PeerReview),
    ] {
        let json = format!(r#"{{"DOI": "10.5555/t", "type": "posted-content", "subtype": "{subtype}"}}"#);
        assert_eq!(read(json.as_bytes())[0].resource.types.resource_type_general, Some(general), "{subtype}");
    }
}

#[test]
fn every_relation_key_is_a_relationship_type() {
    for crossref in RELATIONSHIP_TYPES {
        let mut key = String::new();
        for c in crossref.chars() {
            if c.is_ascii_uppercase() {
                key.push('-');
            }
            key.push(c.to_ascii_lowercase());
        }
        let json = format!(
            r#"{{"DOI": "10.5555/r", "type": "other", "relation": {{"{key}": [{{"id-type": "doi", "id": "10.5555/x"}}]}}}}"#
        );
        let record = &read(json.as_bytes())[0];
        let (expected, _) = relation_type(crossref).unwrap();
        assert_eq!(record.resource.related_identifiers[0].relation_type, Some(expected), "{key}");
        assert!(!codes_of(record).contains(&"vocab.unknown"), "{key}");
    }
}

// ---- the same work in Crossref XML and Crossref JSON ------------------------------------------------

#[test]
fn the_same_work_in_xml_and_json_gives_the_same_resource() {
    let xml = crosswalk_crossref::read(&testdata_bytes("crossref-json/pair/article.xml"));
    let json = fixture("pair/article.json");
    assert_eq!((xml.len(), json.len()), (1, 1));
    let xml = serde_json::to_value(&xml[0].resource).unwrap();
    let json = serde_json::to_value(&json[0].resource).unwrap();
    assert_eq!(xml, json);
}

// ---- streaming, caps, robustness ----------------------------------------------------------------------

#[test]
fn streaming_through_small_buffers_reads_the_same() {
    for name in GOOD.iter().chain(["malformed.jsonl"].iter()) {
        let bytes = testdata_bytes(&format!("crossref-json/{name}"));
        let whole = read(&bytes);
        for capacity in [1, 3, 64] {
            let streamed: Vec<Record> = Reader::new(BufReader::with_capacity(capacity, bytes.as_slice())).collect();
            assert!(whole == streamed, "{name} through a {capacity}-byte buffer");
        }
    }
}

#[test]
fn a_large_list_is_streamed_work_by_work() {
    // The items of a public data file's part: the reader hands out the first before it has read
    // the last.
    let mut file = String::from("{\"items\": [");
    for i in 0..2000 {
        if i > 0 {
            file.push(',');
        }
        file.push_str(&format!("{{\"DOI\": \"10.5555/w{i}\", \"type\": \"dataset\", \"title\": [\"W {i}\"]}}"));
    }
    file.push_str("]}");
    let mut served = 0usize;
    let source = CountingReader { bytes: file.as_bytes(), served: &mut served };
    let mut reader = Reader::new(BufReader::with_capacity(256, source));
    let first = reader.next().unwrap();
    assert_eq!(first.resource.doi.as_deref(), Some("10.5555/w0"));
    drop(reader);
    assert!(served < 1024, "{served} bytes read before the first work");
    assert_eq!(read(file.as_bytes()).len(), 2000);
}

struct CountingReader<'a> {
    bytes: &'a [u8],
    served: &'a mut usize,
}

impl std::io::Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        *self.served += n;
        Ok(n)
    }
}

#[test]
fn a_record_keeps_at_most_ten_thousand_diagnostics() {
    let mut work = String::from("{\"DOI\": \"10.5555/many\", \"type\": \"dataset\", \"title\": [\"Many\"]");
    for i in 0..12_000 {
        work.push_str(&format!(", \"x{i}\": 1"));
    }
    work.push('}');
    let record = &read(work.as_bytes())[0];
    assert_eq!(record.diagnostics.len(), crosswalk_crossref::json::DIAGNOSTIC_LIMIT + 1);
    assert!(codes_of(record).contains(&crosswalk_crossref::JSON_DIAGNOSTICS_TRUNCATED));
    assert_eq!(record.resource.titles[0].title, "Many");
}

#[test]
fn no_prefix_of_a_fixture_panics() {
    for name in ["journal-article.json", "works-list.json", "works.jsonl", "public-data-part.json"] {
        let bytes = testdata_bytes(&format!("crossref-json/{name}"));
        for cut in (0..bytes.len()).step_by(7) {
            let records = read(&bytes[..cut]);
            assert!(!records.is_empty(), "{name} cut at {cut}");
            let indexes: Vec<usize> = records.iter().map(|r| r.origin.index).collect();
            assert_eq!(indexes, (0..records.len()).collect::<Vec<_>>(), "{name} cut at {cut}");
        }
    }
}

#[test]
fn values_of_every_wrong_type_do_not_panic() {
    let work: Value = serde_json::from_slice(&testdata_bytes("crossref-json/journal-article.json")).unwrap();
    let work = &work["message"];
    let wrong = [
        Value::Null,
        serde_json::json!(-1.5),
        serde_json::json!("text"),
        serde_json::json!([1, [2], {"a": null}]),
        serde_json::json!({"date-parts": "x", "id": [[]], "name": {}}),
    ];
    let mut paths = Vec::new();
    collect_paths(work, String::new(), &mut paths);
    for path in paths {
        for value in &wrong {
            let mut mutated = work.clone();
            *mutated.pointer_mut(&path).unwrap() = value.clone();
            let bytes = serde_json::to_vec(&mutated).unwrap();
            let records = read(&bytes);
            assert_eq!(records.len(), 1, "{path} = {value}");
            assert_documented(&format!("{path} = {value}"), &records[0]);
        }
    }
}

fn collect_paths(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(path.clone());
                collect_paths(v, path, out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                let path = format!("{at}/{i}");
                out.push(path.clone());
                collect_paths(v, path, out);
            }
        }
        _ => {}
    }
}

#[test]
fn lone_surrogates_and_stray_bytes_are_read_and_reported() {
    let records = read(b"{\"DOI\": \"10.5555/s\", \"type\": \"dataset\", \"title\": [\"Caf\xe9 \\ud800 ice\"]}");
    let r = &records[0];
    assert_eq!(r.resource.titles[0].title, "Café \u{FFFD} ice");
    assert!(codes_of(r).contains(&"input.lone-surrogate"));
}

// ---- the crosswalk page ---------------------------------------------------------------------------------

const INTRO: &str = r#"# Crossref REST JSON → DataCite

What Crosswalk reads from Crossref's REST API JSON (`crossref-json`) and where it goes in the
DataCite 4.7 model (shown as the REST API's JSON attributes). Crosswalk reads Crossref JSON; it
does not write it, so this page has one direction. It is the form in which most people get
Crossref metadata: `api.crossref.org/works`, and Crossref's public data file.

This page is generated from the reader's table (`crosswalk_crossref::json::MAPPING`) and the
tables it shares with the Crossref XML reader (`crosswalk_rules::crossref_types::CROSSREF_TYPES`,
`crosswalk_crossref::relation_type`) by `crates/crosswalk-crossref/tests/json.rs`, which also
checks that every key of the test fixtures in `testdata/crossref-json/` has a row and that every
row names a key they hold. Run the test with `CROSSWALK_UPDATE_SNAPSHOTS=1` to regenerate it.

## Inputs

- **A work** (`{"DOI": …, "type": "journal-article", …}`), and a **`/works/{doi}` response**
  (`{"status": "ok", "message-type": "work", "message": {…}}`): one record.
- **A `/works` list response** (`{"message-type": "work-list", "message": {"items": [ … ],
  "next-cursor": …}}`) and **a part of the public data file** (`{"items": [ … ]}`): one record per
  item. The items are streamed: the reader holds one work at a time, however long the list.
  Crossref's public data file is a tar of gzip'd parts: extract it and give Crosswalk the parts
  (or their directory); each `.json.gz` is decompressed on the way.
- **JSON Lines** of works or of responses, and **a JSON array** of them.

A broken work is a failed record (`crossref-json.syntax`) and the works after it are read as
usual; a response whose status is not `ok` is one (`crossref-json.api-error`), and so is a list
of something other than works (`crossref-json.not-a-work`). Input without works is one failed
record (`crossref-json.no-works`). Caps: a work of more than 64 MiB is a failed record, read past
without being held (`crossref-json.too-large`); a record keeps at most 10,000 diagnostics.
Every diagnostic names the JSON pointer of its value (`/message/items/3/author/0/ORCID`) and its
line and column. Detection (no `--from`) knows Crossref JSON by `message-type` or by the keys
only Crossref's works have (`indexed`, `member`, `reference-count`, `deposited` …).

## Decisions

The Crossref XML reader's decisions ([crossref-xml.md](crossref-xml.md)), made by the same code
where the two formats say the same thing: the same work deposited in XML and read from the API
gives the same resource (a test holds the readers to it).

- **Types.** `type` is read with the REST ids of the type table both Crossref readers (and the
  CSL reader, for doi.org's CSL-JSON) share; posted content's `subtype` is the deposit's
  `posted_content/@type`.
- **Containers.** `container-title` and the numbers around it (`ISSN`, `ISBN`, `volume`,
  `issue`, `page`, `article-number`) make the related item the XML reader makes of
  `journal_metadata`, `book_metadata` or `proceedings_metadata`, typed by the work's type. The API
  does not say which ISSN is a book series': the ISSN of a book's or proceedings' container is
  read as its series' (IsPartOf, Collection), its ISBN as the book's. Further container titles
  (the API lists a book's series after the book) are alternative titles of the container.
- **People, abstracts, citations, relations, licences, funders, Crossmark** as in the XML reader:
  `Family, Given` names, ORCID as written, one affiliation identifier (ROR first); JATS reduced
  to paragraphs; references without DOI as related items built by the XML reader's citation rules
  (one code path); relation keys read as the deposit's relationship types (`is-preprint-of` is
  `isPreprintOf`), in the order of their names (the API's object keeps no order);
  Creative Commons licences with their SPDX id.
- **Dates.** `published-print` and `published-online` are the deposit's publication dates with
  their media type; `published` and `issued` are Crossref's summaries of them and stand in only
  for a work that has none. `created`, `deposited` and `indexed` say when Crossref registered,
  updated and indexed the record, not when the work was made: they are Crossref's bookkeeping,
  like the counts, `score`, `member` and `prefix`, and are neither carried nor reported, as the
  XML reader leaves the deposit's administrative data.
- **`URL`** is the DOI's own link at doi.org; a DataCite `url` must be the landing page
  (`resource.primary.URL`), or the DOI would resolve to itself.
- **What the API drops** the reader cannot restore: a subtitle's or original title's language, an
  alternative id's type (read as "Publisher identifier"), which ISSN belongs to a series.
"#;

fn render() -> String {
    let mut page = String::from(INTRO);
    let mut section = "";
    for row in MAPPING {
        if row.section != section {
            section = row.section;
            page.push_str(&format!("\n## {section}\n\n| Crossref JSON | DataCite | Notes |\n|---|---|---|\n"));
        }
        let sources: Vec<String> = row.source.split(", ").map(|s| format!("`{s}`")).collect();
        let target = if row.target == "–" { "–".to_owned() } else { format!("`{}`", row.target) };
        page.push_str(&format!("| {} | {target} | {} |\n", sources.join(", "), row.note));
    }
    page.push_str("\n## Work types\n\n`resourceType` is the Crossref type name, so that the citation types derived from it are Crossref's. The table is `crosswalk_rules::crossref_types::CROSSREF_TYPES`, shared with the CSL reader and, by type name, with the XML reader's `WORK_TYPES`.\n\n| `type` | resourceTypeGeneral | resourceType |\n|---|---|---|\n");
    for t in CROSSREF_TYPES {
        page.push_str(&format!("| `{}` | {} | {} |\n", t.id, t.general, t.resource_type));
    }
    page.push_str("\n## Relation types\n\n| `relation` key | DataCite relationType | Exact |\n|---|---|---|\n");
    for crossref in RELATIONSHIP_TYPES {
        let (relation, approximate) = relation_type(crossref).expect("every type maps");
        let exact = if approximate { "no: the deposit's name is kept in relationTypeInformation" } else { "yes" };
        page.push_str(&format!("| `{}` | {relation} | {exact} |\n", kebab(crossref)));
    }
    page.push_str("| `cites` | Cites | yes |\n| `is-cited-by` | IsCitedBy | yes |\n");
    page
}

fn kebab(camel: &str) -> String {
    let mut key = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            key.push('-');
        }
        key.push(c.to_ascii_lowercase());
    }
    key
}

#[test]
fn page_is_generated_from_the_tables() {
    let path = workspace_root().join("docs/crosswalks/crossref-json.md");
    let page = render();
    if crosswalk_testkit::updating_snapshots() {
        std::fs::write(&path, &page).expect("write the page");
        return;
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == page,
        "{} is stale: run the test with CROSSWALK_UPDATE_SNAPSHOTS=1 and review the change",
        path.display()
    );
}

/// Keys whose values the reader reports whole (or leaves as Crossref's bookkeeping): their
/// inner keys are no rows of their own.
const OPAQUE: &[&str] = &[
    "free-to-read",
    "resource/secondary",
    "project/award-amount",
    "project/funding/award-amount",
    "content-domain",
    "indexed",
    "created",
    "deposited",
];

/// The key paths of a work (lists add no level); the keys of date objects as `date/…`.
fn key_paths(value: &Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                // A relation's keys are relationship types (their own table), not keys of the format.
                if at.is_empty() && key == "relation" {
                    out.insert(key.clone());
                    for entries in v.as_object().into_iter().flat_map(|m| m.values()) {
                        key_paths(entries, "relation", out);
                    }
                    continue;
                }
                if matches!(key.as_str(), "date-parts" | "date-time" | "timestamp") {
                    out.insert(format!("date/{key}"));
                    continue;
                }
                let path = if at.is_empty() { key.clone() } else { format!("{at}/{key}") };
                out.insert(path.clone());
                if !OPAQUE.contains(&path.as_str()) {
                    key_paths(v, &path, out);
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| key_paths(v, at, out)),
        _ => {}
    }
}

/// The works of a fixture's JSON value (responses and lists unwrapped) and its envelope keys.
fn works_of(value: &Value, works: &mut Vec<Value>, envelope: &mut BTreeSet<String>) {
    let Value::Object(map) = value else { return };
    if map.contains_key("message") || map.contains_key("items") {
        for key in map.keys() {
            envelope.insert(key.clone());
        }
        match (map.get("message"), map.get("items")) {
            (Some(Value::Object(message)), _) if message.contains_key("items") => {
                envelope.extend(message.keys().cloned());
                works.extend(message["items"].as_array().into_iter().flatten().cloned());
            }
            (Some(message), _) => works.push(message.clone()),
            (None, Some(items)) => works.extend(items.as_array().into_iter().flatten().cloned()),
            _ => {}
        }
    } else {
        works.push(value.clone());
    }
}

/// The lists of people whose keys the rows of `author/…` stand for.
const PEOPLE: &[&str] = &[
    "editor",
    "translator",
    "chair",
    "project/lead-investigator",
    "project/co-lead-investigator",
    "project/investigator",
];

#[test]
fn every_key_of_the_fixtures_has_a_row_and_every_row_is_in_a_fixture() {
    let mut paths = BTreeSet::new();
    let dir = testdata("crossref-json");
    let mut files = files_with_suffix(&dir, ".json");
    files.extend(files_with_suffix(&dir, ".jsonl"));
    files.extend(files_with_suffix(&dir.join("pair"), ".json"));
    for path in files {
        if path.to_string_lossy().contains("malformed") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let values: Vec<Value> = serde_json::Deserializer::from_str(&text).into_iter().map(Result::unwrap).collect();
        let mut works = Vec::new();
        for value in &values {
            works_of(value, &mut works, &mut paths);
        }
        for work in &works {
            key_paths(work, "", &mut paths);
        }
    }
    let sources: BTreeSet<&str> = MAPPING.iter().flat_map(|row| row.source.split(", ")).collect();
    let covered = |path: &str| {
        let stands_for = |list: &str, row: &str| {
            path.strip_prefix(list)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|rest| sources.contains(format!("{row}/{rest}").as_str()))
        };
        sources.contains(path)
            || PEOPLE.iter().any(|list| stands_for(list, "author"))
            || stands_for("updated-by", "update-to")
            || path == "updated-by"
    };
    let missing: Vec<&String> = paths.iter().filter(|p| !covered(p)).collect();
    assert!(missing.is_empty(), "keys of the fixtures without a row in MAPPING: {missing:#?}");
    let absent: Vec<&&str> = sources.iter().filter(|s| !paths.contains(**s)).collect();
    assert!(absent.is_empty(), "rows naming nothing our fixtures hold: {absent:#?}");
}

//! What reading costs in memory, per reader, by counts (the binary's global allocator is
//! [`CountingAllocator`]), never by time (issue 14, item 8).
//!
//! - **Amplification.** Realistic input (the fixtures of `testdata/`, replicated to about 4 MiB)
//!   read with `crosswalk::read`, every record kept: the most bytes held at once is at most a
//!   factor of the input, plus a constant. The factor of each reader is stated in its test and in
//!   ARCHITECTURE.md ("Caps"), a little above what it measures; tree-building readers hold single
//!   digits to about twenty times their input (the records are part of it), and more would be a
//!   defect. Streaming readers read through `crosswalk::records`, each record dropped, hold a
//!   constant, whatever the input's size.
//! - **Caps.** An input over a reader's cap, produced by a `Read` that holds nothing (an endless
//!   one, as `/dev/zero` is), is one failed record with the cap's error, after at most about the
//!   cap in memory: nothing is read past it.

use std::io::{BufReader, Read};

use crosswalk::{Format, Record};
use crosswalk_robustness::{allocations, assert_linear, Allocations, CountingAllocator};
use crosswalk_testkit::testdata_bytes;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The size of the realistic inputs: "several MiB", small enough for a debug build.
const TARGET: usize = 4 << 20;

/// What any reading may hold besides its share of the input: tables built on first use, buffers.
const CONSTANT: u64 = 2 << 20;

fn text(path: &str) -> String {
    String::from_utf8(testdata_bytes(path)).expect("UTF-8 fixture")
}

/// `unit` repeated, joined by `separator`, to about `target` bytes.
fn repeat_to(unit: &str, separator: &str, target: usize) -> String {
    let copies = (target / (unit.len() + separator.len())).max(1);
    vec![unit; copies].join(separator)
}

/// A JSON array of `item` repeated to about `target` bytes.
fn json_array(item: &str, target: usize) -> String {
    format!("[{}]", repeat_to(item.trim(), ",\n", target))
}

/// The items of a JSON array fixture, without its brackets.
fn array_items(path: &str) -> String {
    let text = text(path);
    let inner = text.trim().strip_prefix('[').and_then(|t| t.strip_suffix(']')).expect("a JSON array");
    inner.trim().to_owned()
}

/// `xml` with the children of each element named in `wrappers` repeated, to about `target` bytes
/// in all: one document (one record) of realistic content, several MiB large.
fn grow_lists(xml: &str, wrappers: &[&str], target: usize) -> String {
    let mut inners: Vec<(usize, usize)> = wrappers
        .iter()
        .filter_map(|w| {
            let start = xml.find(&format!("<{w}>"))? + w.len() + 2;
            let end = xml.find(&format!("</{w}>"))?;
            Some((start, end))
        })
        .collect();
    inners.sort_unstable();
    let per_copy: usize = inners.iter().map(|(a, b)| b - a).sum();
    let copies = (target / per_copy.max(1)).max(1);
    let mut out = String::with_capacity(target + xml.len());
    let mut last = 0;
    for (start, end) in inners {
        out.push_str(&xml[last..end]);
        for _ in 1..copies {
            out.push_str(&xml[start..end]);
        }
        last = end;
    }
    out.push_str(&xml[last..]);
    out
}

/// Reads `input` whole with every record kept, and through the stream with each record dropped.
fn costs(format: Format, input: &[u8]) -> (Vec<Record>, Allocations, Allocations) {
    let (records, kept) = allocations(|| crosswalk::read(input, format).expect("readable format"));
    let ((), streamed) = allocations(|| {
        for record in crosswalk::records(input, format).expect("readable format") {
            drop(std::hint::black_box(record));
        }
    });
    (records, kept, streamed)
}

/// Checks that reading `input` holds at most `factor` times its size (plus [`CONSTANT`]) with
/// every record kept, and, for a streaming reader (`flat`), at most [`CONSTANT`] through the
/// stream; returns the records.
#[track_caller]
fn assert_amplification(label: &str, format: Format, input: &[u8], factor: f64, flat: bool) -> Vec<Record> {
    let (records, kept, streamed) = costs(format, input);
    let n = input.len() as f64;
    eprintln!(
        "{label}: input {} bytes, {} records; peak with records kept {} ({:.2}x, factor {factor}); streamed {} ({:.2}x)",
        input.len(),
        records.len(),
        kept.peak,
        kept.peak as f64 / n,
        streamed.peak,
        streamed.peak as f64 / n
    );
    assert!(input.len() >= TARGET / 2, "{label}: the input is only {} bytes", input.len());
    let limit = (factor * n) as u64 + CONSTANT;
    assert!(kept.peak <= limit, "{label}: held {} bytes at most for {} bytes of input (limit {limit})", kept.peak, n);
    if flat {
        assert!(
            streamed.peak <= CONSTANT,
            "{label}: the stream held {} bytes at most (limit {CONSTANT})",
            streamed.peak
        );
    }
    // (The DataCite JSON fixture holds an item that is not an object, on purpose.)
    assert!(records.iter().filter(|r| !r.has_errors()).count() * 2 > records.len(), "{label}: records failed");
    records
}

#[test]
fn datacite_xml_holds_at_most_9x() {
    let xml = text("datacite-xml/every-property.xml");
    let wrappers = [
        "creators",
        "titles",
        "subjects",
        "contributors",
        "dates",
        "alternateIdentifiers",
        "relatedIdentifiers",
        "sizes",
        "formats",
        "rightsList",
        "descriptions",
        "geoLocations",
        "fundingReferences",
        "relatedItems",
    ];
    let input = grow_lists(&xml, &wrappers, TARGET);
    let records = assert_amplification("DataCite XML", Format::DataciteXml, input.as_bytes(), 9.0, false);
    assert_eq!(records.len(), 1);
    assert!(records[0].resource.creators.len() > 500, "{} creators", records[0].resource.creators.len());
}

/// One DataCite JSON document with thousands of creators (a real shape: collaborations).
fn many_creators(target: usize) -> String {
    let creator = r#"{"name": "Nakamura, Aiko", "givenName": "Aiko", "familyName": "Nakamura", "nameType": "Personal", "nameIdentifiers": [{"nameIdentifier": "https://orcid.org/0000-0002-1825-0097", "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}], "affiliation": [{"name": "Tidepool University", "affiliationIdentifier": "https://ror.org/04wxnsj81", "affiliationIdentifierScheme": "ROR"}]}"#;
    format!(
        r#"{{"doi": "10.5072/many", "titles": [{{"title": "Many creators"}}], "publisher": "P", "publicationYear": 2024, "types": {{"resourceTypeGeneral": "Dataset"}}, "creators": [{}]}}"#,
        repeat_to(creator, ",\n", target)
    )
}

#[test]
fn datacite_json_holds_at_most_9x_for_one_document_and_20x_for_a_catalog() {
    let one = many_creators(TARGET);
    let records = assert_amplification("DataCite JSON, one document", Format::DataciteJson, one.as_bytes(), 9.0, false);
    assert!(records[0].resource.creators.len() > 5000);
    // A catalog of small records: each a Record of its own (the model's size, not the reader's).
    let catalog = json_array(&array_items("datacite-json/array.json"), TARGET);
    assert_amplification("DataCite JSON, catalog", Format::DataciteJson, catalog.as_bytes(), 20.0, true);
}

#[test]
fn payloads_hold_at_most_9x() {
    let payload = format!("{{\"data\": {{\"type\": \"dois\", \"attributes\": {}}}}}", many_creators(TARGET));
    assert_amplification("payload", Format::Payload, payload.as_bytes(), 9.0, false);
}

#[test]
fn citeproc_holds_at_most_11x() {
    let catalog = json_array(&array_items("citeproc/every-variable.json"), TARGET);
    assert_amplification("Citeproc", Format::Citeproc, catalog.as_bytes(), 11.0, true);
}

/// A catalog of whole InvenioRDM records (the fixture's, with its bookkeeping, which is read past
/// and so costs nothing held), one a line.
#[test]
fn invenio_holds_at_most_4x_and_streams_flat() {
    let record: serde_json::Value = serde_json::from_str(&text("invenio-rdm/dataset-record.json")).unwrap();
    let catalog = repeat_to(&record.to_string(), "\n", TARGET);
    assert_amplification("InvenioRDM", Format::InvenioRdm, catalog.as_bytes(), 4.0, true);
}

#[test]
fn schema_org_holds_at_most_14x() {
    let catalog = json_array(&text("schema-org/dataset-full.jsonld"), TARGET);
    assert_amplification("Schema.org, catalog", Format::SchemaOrg, catalog.as_bytes(), 12.0, false);
    let author = r#"{"@type": "Person", "givenName": "Maria", "familyName": "Okafor", "@id": "https://orcid.org/0000-0002-1825-0097", "affiliation": {"@type": "Organization", "name": "Coastal Lab"}}"#;
    let authors = format!(
        "{{\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"name\": \"N\", \"author\": [{}]}}",
        repeat_to(author, ",\n", TARGET)
    );
    assert_amplification("Schema.org, authors", Format::SchemaOrg, authors.as_bytes(), 14.0, false);
}

#[test]
fn codemeta_holds_at_most_14x() {
    let catalog = json_array(&text("codemeta/codemeta-v3.json"), TARGET);
    assert_amplification("Codemeta", Format::Codemeta, catalog.as_bytes(), 14.0, false);
}

/// A CITATION.cff with many authors and references, near the reader's 4 MiB cap.
#[test]
fn cff_holds_at_most_14x() {
    let fixture = text("cff/preferred-citation.cff");
    let (head, references) = fixture.split_once("references:\n").unwrap();
    let author = "  - family-names: Lindqvist\n    given-names: Maja\n    orcid: https://orcid.org/0000-0003-1415-9265\n    affiliation: Stockholm University\n";
    let (head, rest) = head.split_once("authors:\n").unwrap();
    let mut cff = format!("{head}authors:\n{}{rest}", author.repeat(8_000));
    cff.push_str("references:\n");
    while cff.len() < TARGET - (references.len() + 1024) {
        cff.push_str(references);
    }
    assert!(cff.len() < crosswalk_cff::MAX_DOCUMENT_BYTES);
    assert_amplification("cff", Format::Cff, cff.as_bytes(), 14.0, false);
}

#[test]
fn crossref_holds_at_most_5x_and_streams_flat() {
    let deposit = grow_lists(&text("crossref/deposit-journal.xml"), &["body"], TARGET);
    assert_amplification("Crossref XML", Format::CrossrefXml, deposit.as_bytes(), 5.0, true);
}

#[test]
fn bibtex_holds_at_most_21x_and_streams_flat() {
    // Unique keys, so that the inheritance window fills as in a real catalog.
    let bib = text("bibtex/biblatex.bib");
    let mut catalog = String::new();
    for copy in 0.. {
        if catalog.len() >= TARGET {
            break;
        }
        for line in bib.lines() {
            match line.strip_suffix(',').filter(|_| line.starts_with('@')) {
                Some(head) => catalog.push_str(&format!("{head}-{copy},")),
                None => catalog.push_str(line),
            }
            catalog.push('\n');
        }
    }
    // The window of parents holds up to 10,000 entries: more than the constant, less than a
    // small part of the input (its bound is INHERITANCE_WINDOW_BYTES).
    let (records, kept, streamed) = costs(Format::Bibtex, catalog.as_bytes());
    let n = catalog.len() as f64;
    eprintln!(
        "BibTeX: {} records, kept {} ({:.2}x), streamed {} ({:.2}x)",
        records.len(),
        kept.peak,
        kept.peak as f64 / n,
        streamed.peak,
        streamed.peak as f64 / n
    );
    assert!(kept.peak <= (21.0 * n) as u64 + CONSTANT, "{kept:?}");
    assert!(streamed.peak <= (6.0 * n) as u64 + CONSTANT, "{streamed:?}");
    assert!(streamed.peak <= 64 << 20, "{streamed:?}");
    // Without crossref or xdata nothing waits: concatenated copies of one file stream flat.
    let plain = repeat_to(&text("bibtex/messy.bib"), "\n", TARGET);
    assert_amplification("BibTeX, plain", Format::Bibtex, plain.as_bytes(), 21.0, true);
}

#[test]
fn ris_holds_at_most_18x_and_streams_flat() {
    let catalog = repeat_to(&text("ris/zotero.ris"), "\n", TARGET);
    assert_amplification("RIS", Format::Ris, catalog.as_bytes(), 18.0, true);
}

// ----- caps -----

/// The records of `input` (a reader that holds nothing) in `format`, and what reading them held.
fn read_stream(format: Format, input: impl Read + Send) -> (Vec<Record>, Allocations) {
    allocations(|| crosswalk::records(BufReader::new(input), format).expect("readable format").collect())
}

fn codes(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

/// Endless input (as `/dev/zero`) read as each format read whole or split into items: one failed
/// record (after the records before it) with the cap's error, holding about the cap. (A JSON item
/// over the cap is skipped in search of its end, four times the cap at most, holding nothing
/// more: `input.item-too-large`, the last record.)
#[test]
fn endless_input_stops_at_the_cap() {
    let xml_cap = crosswalk_datacite::xml::read::MAX_DOCUMENT_BYTES;
    let json_cap = crosswalk_text::MAX_ITEM_BYTES;
    assert_eq!(json_cap, crosswalk_datacite::json::read::MAX_DOCUMENT_BYTES);
    assert_eq!(json_cap, crosswalk_csl::MAX_DOCUMENT_BYTES);
    assert_eq!(json_cap, crosswalk_invenio::MAX_DOCUMENT_BYTES);
    let cases: [(Format, &[u8], &str, usize, usize); 9] = [
        (Format::Cff, b"cff-version: 1.2.0\nabstract: \"", "cff.too-large", crosswalk_cff::MAX_DOCUMENT_BYTES, 1),
        (Format::DataciteXml, b"<resource xmlns=\"http://datacite.org/schema/kernel-4\">", "xml.too-large", xml_cap, 1),
        (Format::SchemaOrg, b"{\"@context\": \"https://schema.org\", \"name\": \"", "jsonld.too-large", 64 << 20, 1),
        (Format::Codemeta, b"", "jsonld.too-large", 64 << 20, 1),
        (
            Format::DataciteJson,
            b"[{\"doi\": \"10.5072/a\"}, {\"titles\": [{\"title\": \"",
            crosswalk_text::ITEM_TOO_LARGE,
            json_cap,
            2,
        ),
        (Format::Payload, b"", crosswalk_text::ITEM_TOO_LARGE, json_cap, 1),
        (
            Format::Citeproc,
            b"{\"id\": \"a\", \"type\": \"book\"}\n{\"id\": \"",
            crosswalk_text::ITEM_TOO_LARGE,
            json_cap,
            2,
        ),
        (
            Format::InvenioRdm,
            b"{\"metadata\": {\"title\": \"A\"}}\n{\"metadata\": {\"title\": \"",
            crosswalk_text::ITEM_TOO_LARGE,
            json_cap,
            2,
        ),
        (
            Format::CrossrefXml,
            b"<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\"><body><posted_content><titles><title>",
            "crossref.too-large",
            crosswalk_crossref::MAX_WORK_BYTES,
            1,
        ),
    ];
    for (format, head, code, cap, count) in cases {
        let filler = if head.is_empty() { 0 } else { b'a' };
        let endless = head.chain(std::io::repeat(filler));
        let (records, cost) = read_stream(format, endless);
        eprintln!(
            "{format:?}, endless: {} records, peak {} ({:.2} x the cap)",
            records.len(),
            cost.peak,
            cost.peak as f64 / cap as f64
        );
        assert_eq!(records.len(), count, "{format:?}: {:?}", records.iter().map(codes).collect::<Vec<_>>());
        let last = records.last().unwrap();
        assert_eq!(codes(last), [code], "{format:?}");
        let message = &last.diagnostics[0].message;
        assert!(message.contains(&crosswalk_text::caps::size(cap)), "{format:?}: {message}");
        assert!(
            cost.peak <= cap as u64 + cap as u64 / 8 + CONSTANT,
            "{format:?}: held {} bytes for a cap of {cap}",
            cost.peak
        );
    }
}

/// A JSON item over the cap in the middle of a stream (an array element, a line of JSON Lines) is
/// skipped without being held, one failed record at its place, and the items after it are read.
#[test]
fn a_json_item_over_the_cap_is_skipped_in_bounded_memory() {
    let cap = crosswalk_text::MAX_ITEM_BYTES;
    let over = (cap + (1 << 20)) as u64;
    for (format, open, separator, close) in
        [(Format::DataciteJson, &b"["[..], &b",\n"[..], &b"]\n"[..]), (Format::Citeproc, b"", b"\n", b"\n")]
    {
        let (first, last): (&[u8], &[u8]) = match format {
            Format::Citeproc => (b"{\"id\": \"a\", \"type\": \"book\"}", b"{\"id\": \"c\", \"type\": \"book\"}"),
            _ => (b"{\"doi\": \"10.5072/a\"}", b"{\"doi\": \"10.5072/c\"}"),
        };
        let input = open
            .chain(first)
            .chain(separator)
            .chain(&b"{\"title\": \""[..])
            .chain(std::io::repeat(b'x').take(over))
            .chain(&b"\"}"[..])
            .chain(separator)
            .chain(last)
            .chain(close);
        let (records, cost) = read_stream(format, input);
        eprintln!(
            "{format:?}, an item over the cap: peak {} ({:.2} x the cap)",
            cost.peak,
            cost.peak as f64 / cap as f64
        );
        assert_eq!(records.len(), 3, "{format:?}: {:?}", records.iter().map(codes).collect::<Vec<_>>());
        assert!(!records[0].has_errors() && !records[2].has_errors(), "{format:?}");
        assert_eq!(codes(&records[1]), [crosswalk_text::ITEM_TOO_LARGE], "{format:?}");
        assert_eq!(records[1].origin.line, Some(2), "{format:?}");
        assert!(records[1].diagnostics[0].message.contains("64 MiB"), "{}", records[1].diagnostics[0].message);
        assert!(cost.peak <= cap as u64 + cap as u64 / 8 + CONSTANT, "{format:?}: held {} bytes", cost.peak);
    }
}

/// A document exactly one byte over its cap is refused; the cap is the size of the input, not of
/// what it decodes to.
#[test]
fn one_byte_over_the_cap_is_refused() {
    let cap = crosswalk_datacite::xml::read::MAX_DOCUMENT_BYTES;
    let head = b"<resource xmlns=\"http://datacite.org/schema/kernel-4\"><titles><title>T</title></titles></resource>";
    let padded = head.chain(std::io::repeat(b' ').take((cap + 1 - head.len()) as u64));
    let (records, cost) = read_stream(Format::DataciteXml, padded);
    assert_eq!(records.len(), 1);
    assert_eq!(codes(&records[0]), ["xml.too-large"]);
    assert!(cost.peak <= cap as u64 + CONSTANT, "{cost:?}");
    // Through the library calls as well.
    let mut bytes = head.to_vec();
    bytes.resize(cap + 1, b' ');
    assert_eq!(codes(&crosswalk_datacite::xml::read(&bytes)), ["xml.too-large"]);
    assert_eq!(codes(&crosswalk::read(&bytes, Format::SchemaOrg).unwrap()[0]), ["jsonld.too-large"]);
}

/// Streaming readers read inputs of any size in flat memory, even without a line end (BibTeX,
/// RIS) or over their record cap; the cap's error names the record.
#[test]
fn streaming_readers_stay_flat_on_huge_records() {
    let size = 3 * crosswalk_bibtex::MAX_ENTRY_BYTES as u64;
    for format in [Format::Bibtex, Format::Ris] {
        let (records, cost) = read_stream(format, std::io::repeat(0).take(size));
        assert_eq!(records.len(), 1, "{format:?}");
        assert!(records[0].has_errors());
        assert!(cost.peak <= 2 * CONSTANT, "{format:?}: {cost:?}");
    }
    let entry = b"@misc{big, title = {"
        .chain(std::io::repeat(b'a').take(size))
        .chain(&b"}}\n@misc{next, title = {Next}}\n"[..]);
    let (records, cost) = read_stream(Format::Bibtex, entry);
    assert_eq!(codes(&records[0]), ["bibtex.entry-too-large"]);
    assert_eq!(records[1].resource.titles[0].title, "Next");
    assert!(cost.peak <= 2 * crosswalk_bibtex::MAX_ENTRY_BYTES as u64 + CONSTANT, "{cost:?}");
}

/// Every reader keeps at most 10,000 diagnostics per record, counting the rest in one warning.
#[test]
fn diagnostics_per_record_are_capped() {
    let keys: String = (0..20_000).map(|i| format!("\"k{i}\": 1, ")).collect();
    let elements: String = (0..20_000).map(|i| format!("<k{i}/>")).collect();
    let fields: String = (0..20_000).map(|i| format!("f{i} = {{x}}, ")).collect();
    let tags: String = (0..20_000).map(|i| format!("Q{}  - x\n", i % 10)).collect();
    let cases = [
        (Format::DataciteJson, format!("{{{keys} \"doi\": \"10.5072/x\"}}"), "json.diagnostics-truncated"),
        (Format::Citeproc, format!("{{{keys} \"id\": \"x\", \"type\": \"book\"}}"), "csl.diagnostics-truncated"),
        (
            Format::SchemaOrg,
            format!("{{\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", {keys} \"name\": \"N\"}}"),
            "jsonld.diagnostics-truncated",
        ),
        (
            Format::DataciteXml,
            format!("<resource xmlns=\"http://datacite.org/schema/kernel-4\">{elements}</resource>"),
            "xml.diagnostics-truncated",
        ),
        (Format::Bibtex, format!("@misc{{k, {fields} title = {{T}}}}"), "bibtex.diagnostics-truncated"),
        (Format::Ris, format!("TY  - GEN\n{tags}ER  - \n"), "ris.diagnostics-truncated"),
    ];
    for (format, input, code) in cases {
        let records = crosswalk::read(input.as_bytes(), format).unwrap();
        assert_eq!(records.len(), 1, "{format:?}");
        let record = &records[0];
        assert!(record.diagnostics.len() <= 10_002, "{format:?}: {} diagnostics", record.diagnostics.len());
        assert!(codes(record).contains(&code), "{format:?}: {:?}", codes(record).iter().take(5).collect::<Vec<_>>());
    }
}

/// Schema.org reading grows linearly with the authors of a work, plain or given by `@id` (issue
/// 14, item 10): twice the authors, at most 2.5 times the allocations, bytes and peak. (The
/// quadratic search this replaced allocated nothing; `crosswalk-schemaorg` counts the comparisons
/// too.)
#[test]
fn schema_org_reading_is_linear_in_its_authors() {
    let plain = |n: usize| {
        let authors: Vec<String> =
            (0..n).map(|i| format!("{{\"@type\": \"Person\", \"name\": \"Person {i}\"}}")).collect();
        format!(
            "{{\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"name\": \"N\", \"author\": [{}]}}",
            authors.join(", ")
        )
    };
    let by_id = |n: usize| {
        let refs: Vec<String> = (0..n).map(|i| format!("{{\"@id\": \"#p{i}\"}}")).collect();
        let nodes: Vec<String> = (0..n)
            .map(|i| format!("{{\"@id\": \"#p{i}\", \"@type\": \"Person\", \"name\": \"Person {i}\"}}"))
            .collect();
        format!(
            "{{\"@context\": \"https://schema.org\", \"@graph\": [{{\"@type\": \"Dataset\", \"name\": \"N\", \"author\": [{}]}}, {}]}}",
            refs.join(", "),
            nodes.join(", ")
        )
    };
    for (label, make) in [("plain authors", &plain as &dyn Fn(usize) -> String), ("authors by @id", &by_id)] {
        assert_linear(label, 2000, make, |input: &String| {
            let records = crosswalk::read(input.as_bytes(), Format::SchemaOrg).unwrap();
            assert_eq!(records[0].resource.creators.len() % 2000, 0);
        });
    }
}

//! Hostile XML against the Dublin Core reader and the OAI-PMH splitter: entities (declared,
//! external, undefined), deep nesting, very large values. Each is read on a production worker's
//! stack, gives a record (or accounts for the response) with documented codes, and costs memory
//! bounded by counts: the most held at once at most a small multiple of the input.

use crosswalk_dublincore::oai::Splitter;
use crosswalk_dublincore::{read, CODES};
use crosswalk_model::Record;
use crosswalk_robustness::{allocations, on_worker_stack, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const DC_OPEN: &str = "<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/'>";
const OAI_OPEN: &str = "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/' xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/' xmlns:dc='http://purl.org/dc/elements/1.1/'><ListRecords><record><header><identifier>x</identifier></header><metadata>";
const OAI_CLOSE: &str = "</metadata></record></ListRecords></OAI-PMH>";

fn oai_records(bytes: &[u8]) -> Vec<Record> {
    let mut splitter = Splitter::new(bytes);
    let mut records: Vec<Record> = splitter.by_ref().map(|item| item.into_record(|_| Record::default())).collect();
    records.extend(splitter.failure());
    records
}

/// Reads the document and the response on a worker's stack; checks the contract and that the
/// most held at once is at most `factor` times the input plus a constant.
fn check(label: &str, dc: &str, oai: &str, factor: u64) -> (Vec<Record>, Vec<Record>) {
    let (dc, oai) = (dc.as_bytes().to_vec(), oai.as_bytes().to_vec());
    on_worker_stack(label, move || {
        let (from_dc, dc_cost) = allocations(|| read(&dc));
        let (from_oai, oai_cost) = allocations(|| oai_records(&oai));
        for (records, cost, size) in [(&from_dc, dc_cost, dc.len()), (&from_oai, oai_cost, oai.len())] {
            assert!(!records.is_empty(), "{label}: no record");
            for d in records.iter().flat_map(|r| &r.diagnostics) {
                assert!(CODES.iter().any(|c| c.code == d.code), "{label}: undocumented {d}");
            }
            let bound = factor * size as u64 + 4 * 1024 * 1024;
            assert!(cost.peak <= bound, "{label}: held {} bytes at most for {size} bytes of input", cost.peak);
        }
        (from_dc, from_oai)
    })
}

fn codes(records: &[Record]) -> Vec<&str> {
    records.iter().flat_map(|r| r.diagnostics.iter().map(|d| d.code.as_ref())).collect()
}

#[test]
fn entities_are_never_expanded() {
    let laughs = "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
    let dc = format!("{laughs}{DC_OPEN}<dc:title>&lol3;</dc:title></oai_dc:dc>");
    let oai = format!("{laughs}{OAI_OPEN}<oai_dc:dc><dc:title>&lol3;</dc:title></oai_dc:dc>{OAI_CLOSE}");
    let (a, b) = check("billion laughs", &dc, &oai, 8);
    assert!(codes(&a).contains(&"xml.dtd-refused") && codes(&b).contains(&"xml.dtd-refused"));
    assert!(a[0].resource.titles.is_empty());
    // Without a DTD an entity is undefined: kept as written, never fetched.
    let dc = format!("{DC_OPEN}<dc:title>&xxe;</dc:title></oai_dc:dc>");
    let oai = format!("{OAI_OPEN}<oai_dc:dc><dc:title>&xxe;</dc:title></oai_dc:dc>{OAI_CLOSE}");
    let (a, b) = check("external entity", &dc, &oai, 8);
    assert_eq!(a[0].resource.titles[0].title, "&xxe;");
    assert_eq!(b[0].resource.titles[0].title, "&xxe;");
    assert!(codes(&a).contains(&"xml.undefined-entity") && codes(&b).contains(&"xml.undefined-entity"));
}

#[test]
fn deep_nesting_is_cut_cheaply() {
    // The reader keeps every open element (to match end tags) but reads none deeper than
    // `MAX_DEPTH`: tens of bytes per element for the 7 bytes of each tag pair.
    let depth = 100_000;
    let nest = format!("{}{}", "<x>".repeat(depth), "</x>".repeat(depth));
    let dc = format!("{DC_OPEN}<dc:title>T{nest}</dc:title></oai_dc:dc>");
    let oai = format!("{OAI_OPEN}<oai_dc:dc><dc:title>T{nest}</dc:title></oai_dc:dc>{OAI_CLOSE}");
    let (a, b) = check("deep nesting in a record", &dc, &oai, 32);
    assert_eq!(a[0].resource.titles[0].title, "T");
    assert_eq!(b[0].resource.titles[0].title, "T");
    // In the envelope.
    let oai =
        format!("<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords>{nest}</ListRecords></OAI-PMH>");
    let (_, b) = check("deep nesting in the envelope", &dc, &oai, 32);
    assert!(codes(&b).contains(&"xml.malformed"));
}

#[test]
fn a_very_large_value_is_read_in_bounded_memory() {
    let big = "word ".repeat(12 * 1024 * 1024 / 5);
    let dc = format!("{DC_OPEN}<dc:description>{big}</dc:description></oai_dc:dc>");
    let oai = format!("{OAI_OPEN}<oai_dc:dc><dc:description>{big}</dc:description></oai_dc:dc>{OAI_CLOSE}");
    let (a, b) = check("a 12 MiB description", &dc, &oai, 8);
    assert_eq!(a[0].resource.descriptions[0].description.len(), big.trim_end().len());
    assert_eq!(b[0].resource.descriptions[0].description.len(), big.trim_end().len());
}

//! Fault injection over whole catalogs (issue 14, "Done when"): a catalog in each streamed input
//! format (100,000 records in most, see below), with corruptions at random positions (a seeded generator, so a failure
//! is reproduced by its seed), run as one batch through `crosswalk::batch::run` with the formats
//! detected, as the command line runs a catalog. Every good record comes out exactly once, in
//! order, with its number in its input and its `{index}` (its position in the whole run, every
//! input counted, as a payload's URL template expands it); every corrupted record is one failed
//! record with an error located at a line of that record. The run's counts add up.
//!
//! The formats: JSON Lines of DataCite JSON, a CSL-JSON array, a Crossref REST JSON list (a part
//! of Crossref's public data file), RIS, BibTeX and a Crossref XML deposit, [`RECORDS`] (100,000)
//! records each; an OAI-PMH ListRecords response of [`OAI_RECORDS`] (20,000), since each of its
//! records is a Dublin Core document read on its own, which costs a debug build about 0.2 ms a
//! record (three times a Crossref work); and DataCite XML, one record per document, as a directory
//! of [`XML_DOCUMENTS`] files (a directory of 100,000 files would measure the file system, not the
//! accounting). The first and last record of each are always corrupted, so that detection never
//! has a good first record to go by.
//!
//! Sized for CI (a debug build on two cores, under a minute): the whole test takes 36 to 46 s of
//! processor time (user and system, measured with `time` on the test binary on a two-core
//! machine shared with other builds), so it stays under a minute even on one core; the two
//! workers and the reader thread share it out on two. Nothing here depends on time.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crosswalk::batch::{run, Batch, Input, Outcome, Processed, Progress, Sunk};
use crosswalk::{JsonLayout, Record};

/// Records in each streamed catalog.
const RECORDS: usize = 100_000;

/// Records of the OAI-PMH response.
const OAI_RECORDS: usize = 20_000;

/// DataCite XML documents in the directory.
const XML_DOCUMENTS: usize = 2_000;

/// About one record in this many is corrupted (and the first and last always are).
const CORRUPT_ONE_IN: u64 = 100;

/// The generator's seed; `CROSSWALK_FAULT_SEED` overrides it to explore other positions.
const SEED: u64 = 0x1414_2026_0000_0014;

/// The landing page a payload's `--url-template` would give each record.
const TEMPLATE: &str = "https://repo.example.org/records/{index}";

/// SplitMix64: small, seedable, good enough to place corruptions (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What one record of a catalog should become.
struct Expected {
    /// The DOI of a good record; `None` for a corrupted one, which must fail.
    doi: Option<String>,
    /// The record's first and last line in its input.
    lines: (u32, u32),
    /// What was done to it, for messages.
    corruption: &'static str,
}

/// A catalog being written: its text, and what each record should become.
struct Catalog {
    name: String,
    text: String,
    line: u32,
    expected: Vec<Expected>,
}

impl Catalog {
    fn new(name: &str) -> Self {
        Catalog { name: name.to_owned(), text: String::new(), line: 1, expected: Vec::new() }
    }

    /// Text that belongs to no record (a document's head or tail).
    fn frame(&mut self, text: &str) {
        self.text.push_str(text);
        self.line += newlines(text);
    }

    /// One record's text, good (with its DOI) or corrupted.
    fn record(&mut self, text: &str, doi: Option<String>, corruption: &'static str) {
        let start = self.line;
        self.frame(text);
        // A record's last line: the one its text ends on (its final line end belongs to it).
        let last = if text.ends_with('\n') { self.line - 1 } else { self.line };
        self.expected.push(Expected { doi, lines: (start, last.max(start)), corruption });
    }
}

fn newlines(text: &str) -> u32 {
    text.bytes().filter(|&b| b == b'\n').count() as u32
}

/// Whether record `i` of `n` is corrupted.
fn corrupt(rng: &mut Rng, i: usize, n: usize) -> bool {
    i == 0 || i + 1 == n || rng.below(CORRUPT_ONE_IN) == 0
}

fn doi(prefix: &str, i: usize) -> String {
    format!("10.5072/{prefix}-{i}")
}

/// JSON Lines of DataCite JSON attributes.
fn datacite_json_lines(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("datacite.jsonl");
    for i in 0..n {
        let good = format!(r#"{{"doi": "{}", "titles": [{{"title": "Record {i}"}}]}}"#, doi("dj", i));
        if !corrupt(rng, i, n) {
            c.record(&(good + "\n"), Some(doi("dj", i)), "");
            continue;
        }
        let (line, what) = match rng.below(8) {
            0 => ("{".to_owned(), "a line that is only {"),
            1 => {
                // Cut anywhere before its end: never a whole value.
                let cut = 1 + rng.below(good.len() as u64 - 1) as usize;
                (good[..cut].to_owned(), "a truncated line")
            }
            2 => (format!(r#"{{"doi": "{}" "titles": []}}"#, doi("dj", i)), "a missing comma"),
            3 => ("null".to_owned(), "null"),
            4 => ("#garbage".to_owned(), "garbage"),
            5 => (
                format!(
                    r#"{{"id": "c{i}", "type": "book", "title": "CSL {i}", "issued": {{"date-parts": [[2020]]}}}}"#
                ),
                "a CSL item",
            ),
            6 => (r#"{"name": "Curie, Marie"}"#.to_owned(), "a creator, not a record"),
            _ => (format!(r#"{{"doi": "{}", "titles": 7}}"#, doi("dj", i)), "titles of the wrong type"),
        };
        c.record(&(line + "\n"), None, what);
    }
    c
}

/// JSON Lines of InvenioRDM records (whole records, the DOI under `pids`).
fn invenio_json_lines(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("invenio.jsonl");
    for i in 0..n {
        let good = format!(
            r#"{{"id": "iv-{i}", "pids": {{"doi": {{"identifier": "{}", "provider": "datacite"}}}}, "metadata": {{"resource_type": {{"id": "dataset"}}, "title": "Record {i}"}}}}"#,
            doi("iv", i)
        );
        if !corrupt(rng, i, n) {
            c.record(&(good + "\n"), Some(doi("iv", i)), "");
            continue;
        }
        let (line, what) = match rng.below(6) {
            0 => ("{".to_owned(), "a line that is only {"),
            1 => {
                let cut = 1 + rng.below(good.len() as u64 - 1) as usize;
                (good[..cut].to_owned(), "a truncated line")
            }
            2 => (format!(r#"{{"id": "iv-{i}" "metadata": {{}}}}"#), "a missing comma"),
            3 => ("null".to_owned(), "null"),
            4 => ("\"a string\"".to_owned(), "a string, not a record"),
            _ => {
                (format!(r#"{{"doi": "{}", "titles": [{{"title": "DataCite"}}]}}"#, doi("iv", i)), "a DataCite record")
            }
        };
        c.record(&(line + "\n"), None, what);
    }
    c
}

/// A CSL-JSON array, one item a line.
fn csl_array(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("items.json");
    c.frame("[\n");
    for i in 0..n {
        let comma = if i + 1 == n { "" } else { "," };
        let good = format!(r#"  {{"id": "cs-{i}", "type": "book", "DOI": "{}", "title": "Item {i}"}}"#, doi("cs", i));
        if !corrupt(rng, i, n) {
            c.record(&format!("{good}{comma}\n"), Some(doi("cs", i)), "");
            continue;
        }
        let (item, what) = match rng.below(5) {
            0 => (good.trim_end_matches('}').to_owned(), "an item missing its }"),
            1 => (format!(r#"  {{"id": "cs-{i}", "type": "book" "title": "missing comma"}}"#), "a missing comma"),
            2 => (good.replacen(&format!("Item {i}\""), &format!("Item {i}"), 1), "a string left open"),
            3 => ("  \"not an item\"".to_owned(), "a string, not an item"),
            _ => (
                format!(r#"  {{"doi": "{}", "titles": [{{"title": "DataCite"}}]}}"#, doi("cs", i)),
                "a DataCite record",
            ),
        };
        c.record(&format!("{item}{comma}\n"), None, what);
    }
    c.frame("]\n");
    c
}

/// A part of Crossref's public data file: `{"items": [ … ]}`, one work a line.
fn crossref_json_list(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("part-0001.json");
    c.frame("{\"items\": [\n");
    for i in 0..n {
        let comma = if i + 1 == n { "" } else { "," };
        let good =
            format!(r#"  {{"DOI": "{}", "type": "dataset", "title": ["Work {i}"], "publisher": "P"}}"#, doi("cj", i));
        if !corrupt(rng, i, n) {
            c.record(&format!("{good}{comma}\n"), Some(doi("cj", i)), "");
            continue;
        }
        let (item, what) = match rng.below(3) {
            0 => ("  \"not a work\"".to_owned(), "a string, not a work"),
            1 => (format!(r#"  {{"DOI": "{}", "type": "dataset" "title": ["x"]}}"#, doi("cj", i)), "a missing comma"),
            _ => (
                format!(r#"  {{"doi": "{}", "titles": [{{"title": "DataCite"}}]}}"#, doi("cj", i)),
                "a DataCite record",
            ),
        };
        c.record(&format!("{item}{comma}\n"), None, what);
    }
    c.frame("]}\n");
    c
}

fn ris(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("export.ris");
    for i in 0..n {
        if !corrupt(rng, i, n) {
            c.record(
                &format!("TY  - JOUR\nDO  - {}\nTI  - Article {i}\nER  - \n\n", doi("ri", i)),
                Some(doi("ri", i)),
                "",
            );
        } else {
            c.record(&format!("AU  - Doe, Jane\nTI  - Article {i}, no TY\nER  - \n\n"), None, "a record without TY");
        }
    }
    c
}

fn bibtex(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("library.bib");
    for i in 0..n {
        if !corrupt(rng, i, n) {
            let entry = format!("@misc{{bt-{i},\n  doi = {{{}}},\n  title = {{Entry {i}}}\n}}\n\n", doi("bt", i));
            c.record(&entry, Some(doi("bt", i)), "");
            continue;
        }
        let (entry, what) = match rng.below(2) {
            0 => (format!("@misc{{bt-{i},\n  title {{missing equals}}\n}}\n\n"), "a field without ="),
            _ => (format!("@misc{{bt-{i},\n  title = {{{{Unclosed {i}}}\n}}\n\n"), "an entry never closed"),
        };
        c.record(&entry, None, what);
    }
    c
}

fn crossref_xml(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("deposit.xml");
    c.frame(
        "<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\" version=\"5.4.0\">\n<head><doi_batch_id>b</doi_batch_id>\
         <timestamp>1</timestamp><depositor><depositor_name>D</depositor_name><email_address>d@example.org</email_address>\
         </depositor><registrant>R</registrant></head>\n<body>\n",
    );
    for i in 0..n {
        let end = if corrupt(rng, i, n) { "</titel>" } else { "</title>" };
        let work = format!(
            "<posted_content type=\"preprint\"><titles><title>Preprint {i}{end}</titles>\
             <posted_date><year>2020</year></posted_date><doi_data><doi>{}</doi>\
             <resource>https://example.org/{i}</resource></doi_data></posted_content>\n",
            doi("cx", i)
        );
        let good = end == "</title>";
        c.record(&work, good.then(|| doi("cx", i)), if good { "" } else { "a mismatched end tag" });
    }
    c.frame("</body>\n</doi_batch>\n");
    c
}

fn oai_pmh(rng: &mut Rng, n: usize) -> Catalog {
    let mut c = Catalog::new("list-records.xml");
    c.frame(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" \
         xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <responseDate>2024-11-05T10:15:02Z</responseDate>\n<request verb=\"ListRecords\" metadataPrefix=\"oai_dc\">https://repo.example.org/oai</request>\n<ListRecords>\n",
    );
    for i in 0..n {
        let header = format!("<header><identifier>oai:repo:{i}</identifier><datestamp>2024-01-01</datestamp></header>");
        let metadata = |title_end: &str| {
            format!(
                "<metadata><oai_dc:dc><dc:title>Record {i}{title_end}<dc:creator>Author{i}, Given</dc:creator>\
                 <dc:date>2020</dc:date><dc:type>Dataset</dc:type><dc:identifier>https://doi.org/{}</dc:identifier>\
                 <dc:publisher>Example</dc:publisher></oai_dc:dc></metadata>",
                doi("oa", i)
            )
        };
        if !corrupt(rng, i, n) {
            c.record(&format!("<record>{header}{}</record>\n", metadata("</dc:title>")), Some(doi("oa", i)), "");
            continue;
        }
        let (record, what) = match rng.below(2) {
            0 => (
                format!(
                    "<record><header status=\"deleted\"><identifier>oai:repo:{i}</identifier><datestamp>2024-01-01</datestamp></header></record>\n"
                ),
                "a deleted record",
            ),
            _ => (format!("<record>{header}{}</record>\n", metadata("</dc:creator>")), "a mismatched end tag"),
        };
        c.record(&record, None, what);
    }
    c.frame("</ListRecords>\n</OAI-PMH>\n");
    c
}

/// DataCite XML documents, one record each: good ones and broken ones (truncated, a mismatched
/// end tag, not XML at all).
fn datacite_xml_documents(rng: &mut Rng) -> Vec<Catalog> {
    (0..XML_DOCUMENTS)
        .map(|i| {
            let mut c = Catalog::new(&format!("record-{i:05}.xml"));
            let good = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n\
                 <identifier identifierType=\"DOI\">{}</identifier>\n<titles><title>Document {i}</title></titles>\n</resource>\n",
                doi("dx", i)
            );
            if !corrupt(rng, i, XML_DOCUMENTS) {
                c.record(&good, Some(doi("dx", i)), "");
                return c;
            }
            let (text, what) = match rng.below(2) {
                0 => (good.replace("</title>", "</titel>"), "a mismatched end tag"),
                _ => (good[..good.len() - 12].to_owned(), "a truncated document"),
            };
            c.record(&text, None, what);
            // A document cut short is reported where it ends: past its last line end.
            if let Some(expected) = c.expected.last_mut() {
                expected.lines.1 = c.line;
            }
            c
        })
        .collect()
}

/// Processing as a payload run with `--url-template` does it, without the payload: the record's
/// DOI and the landing page its `{index}` gives.
fn process(record: &Record, _layout: JsonLayout) -> Processed {
    let mut diagnostics = Vec::new();
    let doi = record.resource.doi.as_deref();
    match crosswalk::expand_url_template(TEMPLATE, doi, Some(&record.origin), &mut diagnostics) {
        Some(url) => Processed::output(format!("{} {url}", doi.unwrap_or_default()), diagnostics),
        None => Processed::failed(diagnostics),
    }
}

/// A directory for the DataCite XML documents, removed on drop.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Checks the outcomes of one catalog, whose first record has run position `first`; returns
/// what is wrong, at most a few lines per catalog.
fn check(catalog: &Catalog, outcomes: &[Outcome], first: u64, problems: &mut String) {
    let name = &catalog.name;
    if outcomes.len() != catalog.expected.len() {
        let _ = writeln!(problems, "{name}: {} outcomes for {} records", outcomes.len(), catalog.expected.len());
    }
    let mut shown = 0;
    for (i, (outcome, expected)) in outcomes.iter().zip(&catalog.expected).enumerate() {
        let position = first + i as u64;
        let (from, to) = expected.lines;
        let wrong = if outcome.input_name != *name {
            Some(format!("comes from {}", outcome.input_name))
        } else if outcome.origin.index != i {
            Some(format!("is numbered {} in its input", outcome.origin.index))
        } else if outcome.origin.position != Some(position) {
            Some(format!("has run position {:?}, not {position}", outcome.origin.position))
        } else if let Some(doi) = &expected.doi {
            let text = format!("{doi} {}", TEMPLATE.replace("{index}", &position.to_string()));
            (outcome.text.as_deref() != Some(text.as_str()))
                .then(|| format!("good, gave {:?} with {:?}", outcome.text, outcome.diagnostics))
        } else if !outcome.failed() {
            Some(format!("{} did not fail: {:?}", expected.corruption, outcome.text))
        } else if !outcome
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.location.line.is_some_and(|l| (from..=to).contains(&l)))
        {
            Some(format!(
                "{} failed without an error located in lines {from}-{to}: {:?}",
                expected.corruption, outcome.diagnostics
            ))
        } else {
            None
        };
        if let Some(wrong) = wrong {
            shown += 1;
            if shown <= 3 {
                let _ = writeln!(problems, "{name}: record {i} (lines {from}-{to}) {wrong}");
            }
        }
    }
    if shown > 3 {
        let _ = writeln!(problems, "{name}: {} more records wrong", shown - 3);
    }
}

#[test]
fn every_record_of_corrupted_catalogs_is_accounted_once_in_order_and_located() {
    let seed = std::env::var("CROSSWALK_FAULT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(SEED);
    let mut rng = Rng(seed);
    let streamed = [
        datacite_json_lines(&mut rng, RECORDS),
        csl_array(&mut rng, RECORDS),
        crossref_json_list(&mut rng, RECORDS),
        ris(&mut rng, RECORDS),
        bibtex(&mut rng, RECORDS),
        crossref_xml(&mut rng, RECORDS),
        oai_pmh(&mut rng, OAI_RECORDS),
        invenio_json_lines(&mut rng, RECORDS),
    ];
    let documents = datacite_xml_documents(&mut rng);
    let scratch = Scratch(std::env::temp_dir().join(format!("crosswalk-catalogs-{}", std::process::id())));
    std::fs::create_dir_all(&scratch.0).unwrap();

    // One run, the formats detected: run positions go on from input to input, and the XML
    // documents (small files) are read by the workers while the large inputs are streamed.
    let mut inputs = Vec::new();
    for (n, catalog) in streamed.iter().enumerate() {
        inputs.push(Input::bytes(catalog.name.clone(), catalog.text.clone().into_bytes()));
        if n == 2 {
            for document in &documents {
                let path = scratch.0.join(&document.name);
                std::fs::write(&path, &document.text).unwrap();
                let mut input = Input::path(&path);
                input.name = document.name.clone();
                inputs.push(input);
            }
        }
    }
    let cancel = AtomicBool::new(false);
    let progress = Progress::default();
    let batch = Batch { from: None, jobs: 2, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
    let mut outcomes: Vec<Outcome> = Vec::new();
    let summary = run(&batch, inputs, process, |outcome| {
        outcomes.push(outcome);
        Sunk::Kept
    });

    let catalogs: Vec<&Catalog> = streamed.iter().take(3).chain(&documents).chain(streamed.iter().skip(3)).collect();
    let records: usize = catalogs.iter().map(|c| c.expected.len()).sum();
    let corrupted = catalogs.iter().flat_map(|c| &c.expected).filter(|e| e.doi.is_none()).count() as u64;
    let mut problems = String::new();
    let mut at = 0usize;
    for catalog in &catalogs {
        let end = (at + catalog.expected.len()).min(outcomes.len());
        check(catalog, outcomes.get(at..end).unwrap_or_default(), at as u64 + 1, &mut problems);
        at = end;
    }
    assert!(problems.is_empty(), "seed {seed}:\n{problems}");
    assert_eq!(outcomes.len(), records, "seed {seed}: outcomes beyond the records");
    assert_eq!((summary.read, summary.failed), (records as u64, corrupted), "seed {seed}");
    assert_eq!(summary.read, summary.written + summary.failed);
    assert_eq!(summary.last_position, records as u64);
    assert!(corrupted > 7 * RECORDS as u64 / CORRUPT_ONE_IN / 2, "{corrupted} corrupted: too few to mean much");
}

//! Batch integrity: catalogs with good and bad records interleaved and a truncated tail, in every
//! multi-record format, through `crosswalk::batch::run` with one and with several workers. Every
//! record is accounted for, in input order, nothing duplicated or lost, and the run's summary
//! adds up (`read == written + failed`), also when the run is cancelled part-way.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use crosswalk::batch::{run, Batch, Input, Outcome, Processed, Progress, Summary, Sunk};
use crosswalk::{Format, JsonLayout, Record};

/// How many records each catalog holds (the last one truncated).
const RECORDS: usize = 61;

/// What a record of a catalog is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Reads without error, with the DOI `10.5072/good-<i>`.
    Good,
    /// Broken so that the reader reports an error for it (and for it alone).
    Bad,
    /// The last record, cut off: it must still be accounted for.
    Truncated,
}

fn kind(i: usize) -> Kind {
    if i + 1 == RECORDS {
        Kind::Truncated
    } else if i % 3 == 1 {
        Kind::Bad
    } else {
        Kind::Good
    }
}

fn good_doi(i: usize) -> String {
    format!("10.5072/good-{i}")
}

/// A catalog in `format` of [`RECORDS`] records: good ones, bad ones (a different kind of breakage
/// in turn), and a truncated tail.
fn catalog(format: Format) -> Vec<u8> {
    let mut out = String::new();
    match format {
        Format::DataciteJson => {
            for i in 0..RECORDS {
                let line = match (kind(i), i % 2) {
                    (Kind::Good, _) => format!(r#"{{"doi": "{}", "titles": [{{"title": "Good {i}"}}]}}"#, good_doi(i)),
                    // A missing comma (the brackets still balance, so the next line is its own).
                    (Kind::Bad, 0) => format!(r#"{{"doi": "10.5072/bad-{i}" "titles": []}}"#),
                    (Kind::Bad, _) => format!(r#"{{"doi": "10.5072/bad-{i}", "titles": 7}}"#),
                    (Kind::Truncated, _) => format!(r#"{{"doi": "10.5072/tail-{i}", "titles": [{{"tit"#),
                };
                out.push_str(&line);
                out.push('\n');
            }
        }
        Format::Citeproc => {
            out.push_str("[\n");
            for i in 0..RECORDS {
                let item = match (kind(i), i % 2) {
                    (Kind::Good, _) => {
                        format!(
                            r#"  {{"id": "good-{i}", "type": "book", "DOI": "{}", "title": "Good {i}"}},"#,
                            good_doi(i)
                        )
                    }
                    (Kind::Bad, 0) => "  \"not an item\",".to_owned(),
                    (Kind::Bad, _) => format!(r#"  {{"id": "bad-{i}", "type": "book" "title": "missing comma"}},"#),
                    (Kind::Truncated, _) => format!(r#"  {{"id": "tail-{i}", "type": "bo"#),
                };
                out.push_str(&item);
                out.push('\n');
            }
        }
        Format::Ris => {
            for i in 0..RECORDS {
                let record = match kind(i) {
                    Kind::Good => format!("TY  - JOUR\nDO  - {}\nTI  - Good {i}\nER  - \n\n", good_doi(i)),
                    Kind::Bad => format!("AU  - Doe, Jane\nTI  - Bad {i}, no TY\nER  - \n\n"),
                    Kind::Truncated => format!("TY  - JOUR\nDO  - 10.5072/tail-{i}\nTI  - Cut sh"),
                };
                out.push_str(&record);
            }
        }
        Format::Bibtex => {
            for i in 0..RECORDS {
                let entry = match kind(i) {
                    Kind::Good => {
                        format!("@misc{{good-{i},\n  doi = {{{}}},\n  title = {{Good {i}}}\n}}\n\n", good_doi(i))
                    }
                    Kind::Bad => format!("@misc{{bad-{i},\n  title {{missing equals}}\n}}\n\n"),
                    Kind::Truncated => format!("@misc{{tail-{i},\n  title = {{Cut sh"),
                };
                out.push_str(&entry);
            }
        }
        Format::CrossrefXml => {
            out.push_str(
                "<doi_batch xmlns=\"http://www.crossref.org/schema/5.4.0\" version=\"5.4.0\">\n  <head><doi_batch_id>b</doi_batch_id>\
                 <timestamp>1</timestamp><depositor><depositor_name>D</depositor_name><email_address>d@example.org</email_address>\
                 </depositor><registrant>R</registrant></head>\n  <body>\n",
            );
            for i in 0..RECORDS {
                let work = match kind(i) {
                    Kind::Good => format!(
                        "    <posted_content type=\"preprint\"><titles><title>Good {i}</title></titles>\
                         <posted_date><year>2020</year></posted_date><doi_data><doi>{}</doi>\
                         <resource>https://example.org/{i}</resource></doi_data></posted_content>\n",
                        good_doi(i)
                    ),
                    Kind::Bad => format!(
                        "    <posted_content type=\"preprint\"><titles><title>Bad {i}</titel></titles>\
                         <doi_data><doi>10.5072/bad-{i}</doi><resource>https://example.org/{i}</resource></doi_data>\
                         </posted_content>\n"
                    ),
                    Kind::Truncated => format!("    <posted_content type=\"preprint\"><titles><title>Cut {i}"),
                };
                out.push_str(&work);
            }
        }
        Format::CrossrefJson => {
            // A /works list response: its items are streamed one by one.
            out.push_str("{\"status\": \"ok\", \"message-type\": \"work-list\", \"message\": {\"items\": [\n");
            for i in 0..RECORDS {
                let item = match (kind(i), i % 2) {
                    (Kind::Good, _) => {
                        format!(r#"  {{"DOI": "{}", "type": "dataset", "title": ["Good {i}"]}},"#, good_doi(i))
                    }
                    (Kind::Bad, 0) => "  \"not a work\",".to_owned(),
                    (Kind::Bad, _) => {
                        format!(r#"  {{"DOI": "10.5072/bad-{i}", "type": "dataset" "title": ["missing comma"]}},"#)
                    }
                    (Kind::Truncated, _) => format!(r#"  {{"DOI": "10.5072/tail-{i}", "type": "da"#),
                };
                out.push_str(&item);
                out.push('\n');
            }
        }
        other => panic!("no catalog for {other}"),
    }
    out.into_bytes()
}

/// The formats with several records per input (and a reader today).
fn multi_record_formats() -> Vec<Format> {
    [Format::DataciteJson, Format::Citeproc, Format::Ris, Format::Bibtex, Format::CrossrefXml, Format::CrossrefJson]
        .into_iter()
        .filter(|f| f.can_read())
        .collect()
}

/// Processing: write DataCite XML; records whose DOI ends in `5` fail on purpose, so that
/// processing failures interleave with reading failures.
fn process(record: &Record, _layout: JsonLayout) -> Processed {
    let doi = record.resource.doi.clone().unwrap_or_default();
    if doi.ends_with('5') {
        return Processed::failed(vec![crosswalk::Diagnostic::error(
            "test.refused",
            format!("{doi} refused on purpose"),
        )]);
    }
    let written = crosswalk_datacite::xml::write(&record.resource);
    Processed::output(written.text, Vec::new())
}

fn run_batch(inputs: Vec<Input>, from: Option<Format>, jobs: usize) -> (Summary, Vec<Outcome>) {
    let cancel = AtomicBool::new(false);
    let progress = Progress::default();
    let batch = Batch { from, jobs, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
    let mut outcomes = Vec::new();
    let summary = run(&batch, inputs, process, |outcome| {
        outcomes.push(outcome);
        Sunk::Kept
    });
    (summary, outcomes)
}

/// Checks the outcomes of one catalog input against what it holds.
#[track_caller]
fn assert_catalog_accounted(label: &str, outcomes: &[&Outcome]) {
    assert_eq!(outcomes.len(), RECORDS, "{label}: {} outcomes for {RECORDS} records", outcomes.len());
    for (i, outcome) in outcomes.iter().enumerate() {
        assert_eq!(outcome.origin.index, i, "{label}: outcome {i} is record {}", outcome.origin.index);
        let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code.as_ref()).collect();
        match kind(i) {
            Kind::Good => {
                let doi = good_doi(i);
                assert_eq!(outcome.doi.as_deref(), Some(doi.as_str()), "{label}: record {i} {codes:?}");
                assert_eq!(outcome.failed(), doi.ends_with('5'), "{label}: record {i} ({doi}) {codes:?}");
            }
            Kind::Bad => assert!(outcome.failed(), "{label}: bad record {i} did not fail: {codes:?}"),
            Kind::Truncated => {}
        }
    }
}

#[track_caller]
fn assert_summary_adds_up(label: &str, summary: &Summary, outcomes: &[Outcome]) {
    let failed = outcomes.iter().filter(|o| o.failed()).count() as u64;
    assert_eq!(summary.read, outcomes.len() as u64, "{label}: read");
    assert_eq!(summary.failed, failed, "{label}: failed");
    assert_eq!(summary.read, summary.written + summary.failed, "{label}: read = written + failed");
}

#[test]
fn each_catalog_is_accounted_in_order_with_one_and_many_workers() {
    for format in multi_record_formats() {
        let bytes = catalog(format);
        let mut previous: Option<Vec<Outcome>> = None;
        for jobs in [1, 4] {
            for from in [Some(format), None] {
                let label =
                    format!("{format}, {jobs} job(s), format {}", if from.is_some() { "named" } else { "detected" });
                let (summary, outcomes) = run_batch(vec![Input::bytes("catalog", bytes.clone())], from, jobs);
                assert_summary_adds_up(&label, &summary, &outcomes);
                assert_catalog_accounted(&label, &outcomes.iter().collect::<Vec<_>>());
                if let Some(previous) = &previous {
                    assert!(*previous == outcomes, "{label}: the outcomes differ from those of the previous run");
                }
                previous = Some(outcomes);
            }
        }
    }
}

/// A directory of inputs for one test, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("crosswalk-robustness-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn many_inputs_small_and_large_files_bytes_and_failures_keep_their_order() {
    let scratch = Scratch::new("inputs");
    let formats = multi_record_formats();
    // A large RIS file (over the 1 MiB up to which workers read files themselves): streamed by the
    // reader thread, unlike the small files.
    let mut large = Vec::new();
    while large.len() <= (1 << 20) + 1 {
        large.extend_from_slice(&catalog(Format::Ris));
        large.extend_from_slice(b"\nER  - \n\n");
    }
    let large_records = crosswalk::read(&large, Format::Ris).unwrap().len();
    for jobs in [1, 4] {
        let mut inputs = Vec::new();
        let mut expected: Vec<(String, Option<usize>)> = Vec::new();
        for (n, format) in formats.iter().enumerate() {
            let name = format!("catalog-{n}.{}", format.extension());
            if n % 2 == 0 {
                inputs.push(Input::path(scratch.file(&name, &catalog(*format))));
                expected.push((scratch.0.join(&name).display().to_string(), Some(RECORDS)));
            } else {
                inputs.push(Input::bytes(name.clone(), catalog(*format)));
                expected.push((name, Some(RECORDS)));
            }
            if n == 1 {
                let missing = scratch.0.join("missing.json");
                inputs.push(Input::path(&missing));
                expected.push((missing.display().to_string(), None));
                inputs.push(Input::bytes("undetectable", b"neither here nor there".to_vec()));
                expected.push(("undetectable".into(), None));
                inputs.push(Input::path(scratch.file("large.ris", &large)));
                expected.push((scratch.0.join("large.ris").display().to_string(), Some(large_records)));
            }
        }
        let (summary, outcomes) = run_batch(inputs, None, jobs);
        assert_summary_adds_up(&format!("{jobs} job(s)"), &summary, &outcomes);
        let mut at = 0;
        for (position, (name, records)) in expected.iter().enumerate() {
            let count = records.unwrap_or(1);
            let mine: Vec<&Outcome> = outcomes.iter().skip(at).take(count).collect();
            assert!(
                mine.iter().all(|o| o.input == position && o.input_name == *name),
                "{jobs} job(s): outcomes {at}..{} are not all of input {position} ({name})",
                at + count
            );
            match records {
                Some(RECORDS) => assert_catalog_accounted(&format!("{name}, {jobs} job(s)"), &mine),
                Some(_) => {
                    let indexes: Vec<usize> = mine.iter().map(|o| o.origin.index).collect();
                    assert_eq!(indexes, (0..count).collect::<Vec<_>>(), "{name}: record order");
                }
                None => assert!(mine.len() == 1 && mine[0].failed(), "{name}: one failed outcome"),
            }
            at += count;
        }
        assert_eq!(at, outcomes.len(), "{jobs} job(s): outcomes beyond the inputs");
    }
}

#[test]
fn a_cancelled_run_accounts_for_every_record_it_read_without_gaps() {
    let bytes: Vec<u8> = (0..20).flat_map(|_| catalog(Format::Ris)).collect();
    for jobs in [1, 4] {
        let cancel = AtomicBool::new(false);
        let progress = Progress::default();
        let batch =
            Batch { from: Some(Format::Ris), jobs, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
        let mut outcomes = Vec::new();
        let summary = run(&batch, vec![Input::bytes("big", bytes.clone())], process, |outcome| {
            outcomes.push(outcome);
            if outcomes.len() == 100 {
                cancel.store(true, Ordering::Relaxed);
            }
            Sunk::Kept
        });
        assert!(summary.cancelled, "{jobs} job(s): not cancelled");
        assert_summary_adds_up(&format!("cancelled, {jobs} job(s)"), &summary, &outcomes);
        assert!(outcomes.len() >= 100 && outcomes.len() < 20 * RECORDS, "{jobs} job(s): {} outcomes", outcomes.len());
        let indexes: Vec<usize> = outcomes.iter().map(|o| o.origin.index).collect();
        assert_eq!(indexes, (0..outcomes.len()).collect::<Vec<_>>(), "{jobs} job(s): a gap or a duplicate");
    }
}

//! The reader's caps: a work over `MAX_WORK_BYTES`, endless text outside works, too much
//! container metadata, diagnostics outside works. Memory is bounded by counts (the counting
//! allocator), never by time.

use std::io::{BufReader, Read};

use crosswalk_crossref::{Reader, DIAGNOSTICS_TRUNCATED, MAX_CONTEXTS, MAX_DIAGNOSTICS, MAX_WORK_BYTES, TOO_LARGE};
use crosswalk_model::Record;
use crosswalk_robustness::{allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const HEAD: &str = r#"<doi_batch xmlns="http://www.crossref.org/schema/5.4.0" version="5.4.0"><head><doi_batch_id>b</doi_batch_id><timestamp>1</timestamp><depositor><depositor_name>D</depositor_name><email_address>d@example.org</email_address></depositor><registrant>R</registrant></head><body>"#;
const TAIL: &str = "</body></doi_batch>";

fn work(doi: &str, title: &str) -> String {
    format!(
        "<posted_content type=\"preprint\"><titles><title>{title}</title></titles><posted_date><year>2020</year></posted_date>\
         <doi_data><doi>{doi}</doi><resource>https://example.org/{doi}</resource></doi_data></posted_content>"
    )
}

fn codes(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

/// Reads `input` with the streaming reader, counting what it allocates.
fn read(input: impl Read) -> (Vec<Record>, crosswalk_robustness::Allocations) {
    allocations(|| Reader::new(BufReader::new(input)).collect())
}

#[test]
fn a_work_over_the_cap_fails_and_reading_stops() {
    let big = "a".repeat(MAX_WORK_BYTES);
    let input =
        format!("{HEAD}{}{}{}{TAIL}", work("10.5555/1", "One"), work("10.5555/2", &big), work("10.5555/3", "Three"));
    let (records, cost) = read(input.as_bytes());
    assert_eq!(records.len(), 2, "{records:#?}");
    assert_eq!(records[0].resource.doi.as_deref(), Some("10.5555/1"));
    assert_eq!(codes(&records[1]), [TOO_LARGE]);
    let message = &records[1].diagnostics[0].message;
    assert!(message.contains("<posted_content>") && message.contains("16 MiB"), "{message}");
    assert!(cost.peak < 4 * MAX_WORK_BYTES as u64, "{cost:?}");
    // Just under the cap is read.
    let fits = "a".repeat(MAX_WORK_BYTES - 1000);
    let (records, _) = read(format!("{HEAD}{}{TAIL}", work("10.5555/2", &fits)).as_bytes());
    assert_eq!(records[0].resource.titles[0].title.len(), fits.len(), "{:?}", codes(&records[0]));
}

#[test]
fn endless_input_stops_at_the_cap() {
    for (label, head) in [
        ("text in a work", format!("{HEAD}<posted_content><titles><title>")),
        ("text outside works", HEAD.to_owned()),
        ("no XML", String::new()),
    ] {
        let endless = head.as_bytes().chain(std::io::repeat(b'a'));
        let (records, cost) = read(endless);
        let last = records.last().unwrap();
        assert!(codes(last).contains(&TOO_LARGE), "{label}: {:?}", codes(last));
        assert!(cost.peak < 4 * MAX_WORK_BYTES as u64, "{label}: {cost:?}");
    }
}

#[test]
fn container_metadata_is_capped_per_group() {
    let issue = "<journal_issue><issue>1</issue></journal_issue>";
    let input = format!(
        "{HEAD}<journal><journal_metadata><full_title>J</full_title></journal_metadata>{}<journal_article><titles><title>A</title></titles>\
         <doi_data><doi>10.5555/a</doi><resource>https://example.org/a</resource></doi_data></journal_article></journal>{TAIL}",
        issue.repeat(MAX_CONTEXTS + 1)
    );
    let (records, _) = read(input.as_bytes());
    let last = records.last().unwrap();
    assert_eq!(codes(last), [TOO_LARGE], "{records:#?}");
    assert!(last.diagnostics[0].message.contains("64 pieces"), "{}", last.diagnostics[0]);
}

#[test]
fn diagnostics_outside_works_are_capped() {
    let input = format!("{HEAD}{}{}{TAIL}", "<unknown/>".repeat(2 * MAX_DIAGNOSTICS), work("10.5555/1", "One"));
    let (records, _) = read(input.as_bytes());
    assert_eq!(records.len(), 1);
    assert!(records[0].diagnostics.len() <= MAX_DIAGNOSTICS + 2, "{}", records[0].diagnostics.len());
    assert!(codes(&records[0]).contains(&DIAGNOSTICS_TRUNCATED));
    assert_eq!(records[0].resource.titles[0].title, "One");
}

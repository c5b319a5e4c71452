//! The reader's caps: entries over `MAX_ENTRY_BYTES` (as written and as expanded), `@string`
//! macros that double with each definition, lines without end, diagnostics per record. Each is
//! bounded in memory by counts (the counting allocator), never by time.

use crosswalk_bibtex::{
    read, Reader, BLOCK_TOO_LARGE, DIAGNOSTICS_TRUNCATED, ENTRY_TOO_LARGE, MAX_DIAGNOSTICS, MAX_ENTRY_BYTES,
    MAX_STRINGS_BYTES, MAX_STRING_BYTES, STRING_REFUSED,
};
use crosswalk_model::Record;
use crosswalk_robustness::{allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn codes(record: &Record) -> Vec<&str> {
    record.diagnostics.iter().map(|d| d.code.as_ref()).collect()
}

/// The doubling macros of issue 14: 1.1 KB of `@string` that would expand to gigabytes.
#[test]
fn doubling_macros_are_refused_past_the_cap() {
    let mut bib = String::from("@string{a0 = \"xx\"}\n");
    for i in 1..64 {
        bib.push_str(&format!("@string{{a{i} = a{} # a{}}}\n", i - 1, i - 1));
    }
    bib.push_str("@misc{k, title = a19, note = a63}\n");
    assert!(bib.len() < 2000);
    let (records, cost) = allocations(|| read(bib.as_bytes()));
    assert_eq!(records.len(), 1);
    let record = &records[0];
    // a19 is 2^20 bytes: the largest that fits. a20 is refused; a21 = a20 # a20 reads the
    // undefined a20 as its name ("a20a20"), and doubling that again reaches the cap at a39, then
    // at a58.
    assert_eq!(record.resource.titles[0].title.len(), MAX_STRING_BYTES, "{:?}", codes(record));
    let refused: Vec<&str> = record
        .diagnostics
        .iter()
        .filter(|d| d.code == STRING_REFUSED && d.message.contains("1 MiB"))
        .map(|d| d.message.split('`').nth(1).unwrap())
        .collect();
    assert_eq!(refused, ["a20", "a39", "a58"]);
    assert!(!record.has_errors(), "{:?}", codes(record));
    // The macros held (2 MiB in all) and the record: a small multiple of the 1 MiB value.
    assert!(cost.peak < 16 * MAX_STRING_BYTES as u64, "{cost:?}");
}

#[test]
fn the_macros_of_an_input_are_capped_together() {
    // Sixteen 1 MiB macros fill the input's 16 MiB; the seventeenth is refused.
    let value = "x".repeat(MAX_STRING_BYTES);
    let mut bib = String::new();
    for i in 0..=MAX_STRINGS_BYTES / MAX_STRING_BYTES {
        bib.push_str(&format!("@string{{m{i} = {{{value}}}}}\n"));
    }
    bib.push_str("@misc{k, title = {T}}\n");
    let records = read(bib.as_bytes());
    let refused: Vec<_> = records[0].diagnostics.iter().filter(|d| d.code == STRING_REFUSED).collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert!(refused[0].message.contains("16 MiB"), "{}", refused[0]);
}

#[test]
fn an_entry_whose_macros_expand_past_the_cap_fails() {
    let value = "x".repeat(MAX_STRING_BYTES);
    let parts = ["big"; MAX_ENTRY_BYTES / MAX_STRING_BYTES + 1].join(" # ");
    let bib = format!("@string{{big = {{{value}}}}}\n@misc{{k, note = {parts}}}\n@misc{{after, title = {{Read}}}}\n");
    let (records, cost) = allocations(|| read(bib.as_bytes()));
    assert_eq!(records.len(), 2);
    assert_eq!(codes(&records[0]), [ENTRY_TOO_LARGE]);
    assert!(records[0].diagnostics[0].message.contains("4 MiB"), "{}", records[0].diagnostics[0]);
    assert_eq!(records[0].origin.key.as_deref(), Some("k"));
    assert_eq!(records[1].resource.titles[0].title, "Read");
    assert!(cost.peak < 4 * MAX_ENTRY_BYTES as u64, "{cost:?}");
}

/// An entry of `size` bytes of text in one field, closed or not.
fn big_entry(size: usize, closed: bool) -> String {
    let body = "word ".repeat(size / 5);
    format!("@misc{{big, title = {{T}}, abstract = {{{body}{}\n", if closed { "}}" } else { "" })
}

#[test]
fn an_entry_over_the_cap_is_one_failed_record_and_the_next_is_read() {
    for closed in [true, false] {
        let bib = format!("{}@article{{next, title = {{Next}}}}\n", big_entry(MAX_ENTRY_BYTES + 100, closed));
        let (records, cost) = allocations(|| read(bib.as_bytes()));
        assert_eq!(records.len(), 2, "closed {closed}");
        assert_eq!(codes(&records[0]), [ENTRY_TOO_LARGE], "closed {closed}");
        assert_eq!(records[0].origin.key.as_deref(), Some("big"));
        let message = &records[0].diagnostics[0].message;
        assert!(message.contains("4 MiB"), "{message}");
        assert_eq!(records[1].resource.titles[0].title, "Next");
        assert_eq!(records[1].origin.line, Some(2), "closed {closed}");
        // The entry is never held whole past the cap, nor copied.
        assert!(cost.peak < 3 * MAX_ENTRY_BYTES as u64, "closed {closed}: {cost:?}");
    }
    // Just under the cap is read.
    let records = read(big_entry(MAX_ENTRY_BYTES - 100, true).as_bytes());
    assert!(!records[0].has_errors(), "{:?}", codes(&records[0]));
}

#[test]
fn a_comment_over_the_cap_ends_before_the_entries_inside_it() {
    let filler = "% filler\n".repeat(MAX_ENTRY_BYTES / 9 + 10);
    let bib = format!("@comment{{\n{filler}@misc{{inside, title = {{Inside}}}}\n{filler}");
    let records = read(bib.as_bytes());
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0].resource.titles[0].title, "Inside");
    assert!(codes(&records[0]).contains(&BLOCK_TOO_LARGE), "{:?}", codes(&records[0]));
}

/// Bytes without a line end, as from `/dev/zero`, are read in pieces: never held whole.
#[test]
fn a_line_without_end_is_not_held_whole() {
    let size = 3 * MAX_ENTRY_BYTES;
    let zeros = std::io::BufReader::new(std::io::Read::take(std::io::repeat(0), size as u64));
    let (records, cost) = allocations(|| Reader::new(zeros).collect::<Vec<_>>());
    assert_eq!(records.len(), 1);
    assert!(records[0].has_errors());
    assert!(cost.peak < 1 << 20, "{cost:?}");
    // An entry in one endless line: cut at the cap, and skipped to the end in little memory.
    let entry =
        std::io::Read::chain(&b"@misc{k, title = {"[..], std::io::Read::take(std::io::repeat(b'a'), size as u64));
    let (records, cost) = allocations(|| Reader::new(std::io::BufReader::new(entry)).collect::<Vec<_>>());
    assert_eq!(codes(&records[0]), [ENTRY_TOO_LARGE]);
    assert!(cost.peak < 3 * MAX_ENTRY_BYTES as u64, "{cost:?}");
}

#[test]
fn long_lines_read_the_same_in_pieces() {
    // Multi-byte characters across the piece boundaries, and a bad byte far into a line.
    let title = "é€😀x".repeat(40_000);
    let bib = format!("@misc{{a, title = {{{title}}}, note = {{caf\u{e9}}}}}\n@misc{{b,\n title = {{B}}}}\n");
    let records = read(bib.as_bytes());
    assert_eq!(records[0].resource.titles[0].title, title);
    assert_eq!(records[1].origin.line, Some(2));
    let mut latin1 = bib.replace("caf\u{e9}", "caf").into_bytes();
    let at = latin1.windows(4).position(|w| w == b"caf}").unwrap() + 3;
    latin1.insert(at, 0xE9);
    let records = read(&latin1);
    // The line holds UTF-8 beyond ASCII, so only the stray byte is decoded on its own.
    let assumed = records[0].diagnostics.iter().find(|d| d.code == "input.invalid-bytes").expect("reported");
    assert_eq!(assumed.location.line, Some(1));
}

#[test]
fn diagnostics_per_record_are_capped() {
    // Undefined macros: one warning each, up to the cap.
    let parts = vec!["undefined"; 2 * MAX_DIAGNOSTICS].join(" # ");
    let records = read(format!("@misc{{k, note = {parts}}}").as_bytes());
    let record = &records[0];
    assert!(record.diagnostics.len() <= MAX_DIAGNOSTICS + 2, "{}", record.diagnostics.len());
    assert!(codes(record).contains(&DIAGNOSTICS_TRUNCATED));
    // Unclosed comments before an entry: their warnings travel with it, capped too.
    let comments = "@comment{x\n".repeat(2 * MAX_DIAGNOSTICS);
    let records = read(format!("{comments}@misc{{k, title = {{T}}}}").as_bytes());
    assert!(records.iter().all(|r| r.diagnostics.len() <= MAX_DIAGNOSTICS + 2));
}

#[test]
fn the_inheritance_windows_are_bounded_in_bytes_too() {
    // Ten entries of 10 KiB after a child whose parent comes last: with a window of 32 KiB the
    // child is given up before the parent is read, and parents further back are forgotten.
    let filler = "x".repeat(10 * 1024);
    let mut bib = String::from("@inproceedings{child, crossref = {parent}, title = {C}}\n");
    for i in 0..10 {
        bib.push_str(&format!("@misc{{m{i}, note = {{{filler}}}}}\n"));
    }
    bib.push_str("@proceedings{parent, title = {P}}\n@inproceedings{late, crossref = {m0}, title = {L}}\n");
    let records: Vec<Record> = Reader::new(bib.as_bytes()).inheritance_window_bytes(32 * 1024).collect();
    assert_eq!(records.len(), 13);
    let missing = |r: &Record| r.diagnostics.iter().find(|d| d.code == "bibtex.parent-missing").cloned();
    let child = missing(&records[0]).expect("child given up");
    assert!(child.message.contains("32 KiB"), "{child}");
    assert!(missing(&records[12]).is_some(), "m0 forgotten: {:?}", codes(&records[12]));
    // With the default window, both inherit.
    let records = read(bib.as_bytes());
    assert!(missing(&records[0]).is_none() && missing(&records[12]).is_none());
}

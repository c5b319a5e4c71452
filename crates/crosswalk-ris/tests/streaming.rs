//! The reader streams: over a generated catalog of 200,000 records (about 70 MB, produced on the
//! fly so the input itself takes no memory), each record comes out as soon as the next one starts,
//! and the process's resident memory does not grow with the catalog.
//!
//! This test binary holds this one test only, so that the memory it measures is the reader's.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use crosswalk_ris::Reader;

const RECORDS: usize = 200_000;

/// The text of record `i`: every common tag, a continuation line, sizes that vary.
fn record(i: usize) -> String {
    let words = "lichen moss fern alga spore frond thallus ".repeat(1 + i % 5);
    format!(
        "TY  - JOUR\r\nAU  - Author{i}, Given\r\nAU  - Second, Author\r\nTI  - Record {i}: {words}\r\n\
         T2  - Journal of Generated Records\r\nPY  - 2020\r\nDA  - 2020/05/17/\r\nVL  - {}\r\nIS  - 2\r\n\
         SP  - 1-10\r\nDO  - 10.5555/gen.{i}\r\nKW  - generated\r\nKW  - test\r\nAB  - An abstract\r\n\
         that continues here.\r\nSN  - 1234-5678\r\nPB  - Example\r\nER  - \r\n",
        i % 100
    )
}

/// A `Read` that writes the catalog record by record, counting the bytes it has given out.
struct Catalog {
    next: usize,
    pending: Vec<u8>,
    at: usize,
    given: Rc<Cell<usize>>,
}

impl Read for Catalog {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            if self.next == RECORDS {
                return Ok(0);
            }
            self.pending = record(self.next).into_bytes();
            self.at = 0;
            self.next += 1;
        }
        let rest = self.pending.get(self.at..).unwrap_or_default();
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        self.given.set(self.given.get() + n);
        Ok(n)
    }
}

/// The resident set size of this process, in KiB (Linux), or `None`.
fn resident_kib() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn memory_stays_flat_over_200000_records() {
    let given = Rc::new(Cell::new(0));
    let catalog = Catalog { next: 0, pending: Vec::new(), at: 0, given: Rc::clone(&given) };
    let mut reader = Reader::new(BufReader::with_capacity(8192, catalog));
    let mut consumed_to = 0usize;
    let mut baseline = None;
    let mut highest = 0;
    for i in 0..RECORDS {
        let record = reader.next().unwrap_or_else(|| panic!("record {i} missing"));
        assert_eq!(record.origin.index, i);
        assert_eq!(record.resource.doi.as_deref(), Some(format!("10.5555/gen.{i}").as_str()));
        assert!(
            record.diagnostics.iter().all(|d| d.severity == crosswalk_model::Severity::Info),
            "{i}: {:?}",
            record.diagnostics
        );
        consumed_to += record_len(i);
        // The reader has read at most this record, the next one (whose TY line releases this one)
        // and one buffer ahead: it holds no more than one record besides the one it returns.
        let ahead = given.get().saturating_sub(consumed_to);
        assert!(ahead <= record_len(i + 1) + 8192, "record {i}: {ahead} bytes read ahead");
        if i == 1_000 {
            baseline = resident_kib();
        }
        if i % 10_000 == 0 {
            highest = highest.max(resident_kib().unwrap_or(0));
        }
    }
    assert!(reader.next().is_none());
    assert!(given.get() > 60_000_000, "the catalog is {} bytes", given.get());
    if let Some(baseline) = baseline {
        let growth = highest.saturating_sub(baseline);
        assert!(growth < 8 * 1024, "resident memory grew by {growth} KiB over {RECORDS} records");
    } else {
        crosswalk_testkit::skipped("the resident-memory check (/proc/self/status is not readable here)");
    }
}

fn record_len(i: usize) -> usize {
    if i >= RECORDS {
        return 0;
    }
    record(i).len()
}

//! The reader streams: over a generated catalog of 200,000 records (about 70 MB, produced on the
//! fly so the input itself takes no memory), each record comes out as soon as the next one starts,
//! and what the reader holds does not grow with the catalog: counted by the binary's counting
//! allocator on the test's thread (the reader's only thread), not sampled from the process.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use crosswalk_ris::Reader;
use crosswalk_robustness::{allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

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

#[test]
fn memory_stays_flat_over_200000_records() {
    let given = Rc::new(Cell::new(0));
    let catalog = Catalog { next: 0, pending: Vec::new(), at: 0, given: Rc::clone(&given) };
    let mut reader = Reader::new(BufReader::with_capacity(8192, catalog));
    let mut consumed_to = 0usize;
    let mut read = |range: std::ops::Range<usize>| {
        for i in range {
            let record = reader.next().unwrap_or_else(|| panic!("record {i} missing"));
            assert_eq!(record.origin.index, i);
            assert_eq!(record.resource.doi.as_deref(), Some(format!("10.5555/gen.{i}").as_str()));
            assert!(
                record.diagnostics.iter().all(|d| d.severity == crosswalk_model::Severity::Info),
                "{i}: {:?}",
                record.diagnostics
            );
            consumed_to += record_len(i);
            // The reader has read at most this record, the next one (whose TY line releases this
            // one) and one buffer ahead: it holds no more than one record besides the one it returns.
            let ahead = given.get().saturating_sub(consumed_to);
            assert!(ahead <= record_len(i + 1) + 8192, "record {i}: {ahead} bytes read ahead");
        }
    };
    // The first records set the reader's buffers to the largest record's size.
    read(0..1_000);
    let (_, rest) = allocations(|| read(1_000..RECORDS));
    // Nothing accumulates: the reader keeps what it held after the first 1,000 records, and holds at
    // most a few records' worth at any time (the largest record is under 2 KB).
    assert!(rest.retained <= 0, "the reader kept {} bytes more over {RECORDS} records", rest.retained);
    assert!(rest.peak <= 64 * 1024, "the reader held up to {} bytes more than after 1,000 records", rest.peak);
    assert!(reader.next().is_none());
    assert!(given.get() > 60_000_000, "the catalog is {} bytes", given.get());
}

fn record_len(i: usize) -> usize {
    if i >= RECORDS {
        return 0;
    }
    record(i).len()
}

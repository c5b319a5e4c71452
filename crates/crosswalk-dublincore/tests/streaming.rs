//! The OAI-PMH splitter streams: over a generated `ListRecords` response of 100,000 Dublin Core
//! records (produced on the fly, so the input itself takes no memory), each record comes out
//! once the next one has been read, and what the splitter holds does not grow with the
//! response: counted by the binary's counting allocator on the test's thread (the splitter's
//! only thread), not sampled from the process.

use std::cell::Cell;
use std::io::{BufReader, Read};
use std::rc::Rc;

use crosswalk_dublincore::oai::Splitter;
use crosswalk_robustness::{allocations, CountingAllocator};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const RECORDS: usize = 100_000;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<responseDate>2024-11-05T10:15:02Z</responseDate>\n<request verb=\"ListRecords\" metadataPrefix=\"oai_dc\">https://repo.example.org/oai</request>\n<ListRecords>\n";
const TAIL: &str =
    "<resumptionToken completeListSize=\"200000\" cursor=\"0\">next</resumptionToken>\n</ListRecords>\n</OAI-PMH>\n";

/// The text of record `i`: a deleted one now and then, sizes that vary.
fn record(i: usize) -> String {
    if i % 97 == 13 {
        return format!(
            "<record><header status=\"deleted\"><identifier>oai:repo:{i}</identifier><datestamp>2024-01-01</datestamp></header></record>\n"
        );
    }
    let words = "sediment tide channel estuary marsh ".repeat(1 + i % 5);
    format!(
        "<record><header><identifier>oai:repo:{i}</identifier><datestamp>2024-01-01</datestamp><setSpec>s{}</setSpec></header>\
         <metadata><oai_dc:dc><dc:title>Record {i}: {words}</dc:title><dc:creator>Author{i}, Given</dc:creator>\
         <dc:date>2020</dc:date><dc:type>info:eu-repo/semantics/article</dc:type><dc:identifier>https://doi.org/10.5555/gen.{i}</dc:identifier>\
         <dc:publisher>Example</dc:publisher><dc:language>eng</dc:language></oai_dc:dc></metadata></record>\n",
        i % 10
    )
}

/// A `Read` that writes the response record by record, counting the bytes it has given out.
struct Response {
    next: usize,
    pending: Vec<u8>,
    at: usize,
    given: Rc<Cell<usize>>,
}

impl Read for Response {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            self.pending = match self.next {
                0 => HEAD.as_bytes().to_vec(),
                n if n <= RECORDS => record(n - 1).into_bytes(),
                n if n == RECORDS + 1 => TAIL.as_bytes().to_vec(),
                _ => return Ok(0),
            };
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
fn memory_stays_flat_over_100000_records() {
    let given = Rc::new(Cell::new(0));
    let response = Response { next: 0, pending: Vec::new(), at: 0, given: Rc::clone(&given) };
    let mut splitter = Splitter::new(BufReader::with_capacity(8192, response));
    let mut consumed_to = HEAD.len();
    let mut read = |range: std::ops::Range<usize>| {
        for i in range {
            let item = splitter.next().unwrap_or_else(|| panic!("record {i} missing"));
            assert_eq!(item.index, i);
            assert_eq!(item.header.identifier.as_deref(), Some(format!("oai:repo:{i}").as_str()));
            // Read as the facade reads it: the metadata mapped, the record dropped.
            let record = item.into_record(|_| unreachable!("no DataCite metadata"));
            if i % 97 == 13 {
                assert!(record.has_errors());
            } else {
                assert_eq!(record.resource.doi.as_deref(), Some(format!("10.5555/gen.{i}").as_str()));
                assert!(!record.has_errors(), "{i}: {:?}", record.diagnostics);
            }
            consumed_to += record_len(i);
            // The splitter has read at most this record, the one after it (which releases this
            // one), the start of the next and a buffer (and for the last, the tail).
            let ahead = given.get().saturating_sub(consumed_to);
            assert!(
                ahead <= record_len(i + 1) + record_len(i + 2) + 64 * 1024 + TAIL.len(),
                "record {i}: {ahead} bytes read ahead"
            );
        }
    };
    // The first records set the splitter's buffers to the largest record's size.
    read(0..1_000);
    let (_, rest) = allocations(|| read(1_000..RECORDS));
    assert!(rest.retained <= 0, "the splitter kept {} bytes more over {RECORDS} records", rest.retained);
    assert!(rest.peak <= 256 * 1024, "the splitter held up to {} bytes more than after 1,000 records", rest.peak);
    assert!(splitter.next().is_none());
    assert_eq!(splitter.resumption().and_then(|r| r.token.as_deref()), Some("next"));
    assert!(given.get() > 50_000_000, "the response is {} bytes", given.get());
}

fn record_len(i: usize) -> usize {
    if i >= RECORDS {
        return 0;
    }
    record(i).len()
}

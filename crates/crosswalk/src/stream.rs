//! Reading records lazily from any `BufRead`, one at a time, so that a catalog of any size is
//! converted with flat memory.
//!
//! Multi-record formats stream natively (their readers hold one record at a time). JSON arrays
//! and JSON Lines are split into items before parsing ([`crosswalk_text::JsonItems`]), and each
//! item is read on its own; its diagnostics are moved to the item's place in the whole input. A
//! DataCite XML document is one record and is read whole.

use std::io::{BufRead, Read};

use crosswalk_model::{Diagnostic, Location, Record};
use crosswalk_text::{JsonItem, JsonItems};

use crate::formats::Format;
use crate::Error;

/// Code: the input could not be read (an I/O error part-way).
pub const INPUT_IO: &str = "input.io";

/// The codes of this module.
pub const CODES: &[crosswalk_model::CodeInfo] = &[crosswalk_model::CodeInfo {
    code: INPUT_IO,
    severity: crosswalk_model::Severity::Error,
    summary:
        "The input could not be read to its end (an I/O error); the records before it were read, the rest are missing.",
}];

/// A lazy sequence of records.
pub type Records<'a> = Box<dyn Iterator<Item = Record> + Send + 'a>;

/// Reads the records of `input` in `format` lazily.
///
/// Every record of the input comes out, in order, with `origin.index` counting from 0; an I/O
/// error ends the stream with one failed record saying so.
///
/// ```
/// use crosswalk::{records, Format};
///
/// let input = &b"[{\"titles\": [{\"title\": \"A\"}]}, {\"titles\": [{\"title\": \"B\"}]}]"[..];
/// let titles: Vec<String> = records(input, Format::DataciteJson)
///     .unwrap()
///     .map(|r| r.resource.titles[0].title.clone())
///     .collect();
/// assert_eq!(titles, ["A", "B"]);
/// ```
pub fn records<'a, R: BufRead + Send + 'a>(mut input: R, format: Format) -> Result<Records<'a>, Error> {
    match format {
        Format::DataciteXml => Ok(whole(input, |bytes| vec![crosswalk_datacite::xml::read(bytes)])),
        Format::DataciteJson | Format::Payload => {
            // UTF-16 input cannot be split byte-wise; the reader decodes it whole.
            let utf16 = matches!(input.fill_buf().map(|b| b.get(..2)), Ok(Some([0xFF, 0xFE] | [0xFE, 0xFF])));
            if utf16 {
                Ok(whole(input, crosswalk_datacite::json::read))
            } else {
                Ok(json_items(input, crosswalk_datacite::json::read))
            }
        }
        other => Err(Error::CannotRead(other)),
    }
}

/// Reads the whole input, then its records.
fn whole<'a, R: Read + Send + 'a>(mut input: R, read: fn(&[u8]) -> Vec<Record>) -> Records<'a> {
    let mut bytes = Vec::new();
    match input.read_to_end(&mut bytes) {
        Ok(_) => Box::new(read(&bytes).into_iter()),
        Err(e) => Box::new(std::iter::once(io_failure(&e, 0))),
    }
}

fn io_failure(error: &std::io::Error, index: usize) -> Record {
    let mut record = Record::failed(Diagnostic::error(INPUT_IO, format!("cannot read the input: {error}")));
    record.origin.index = index;
    record
}

/// Records of each top-level JSON item, read on its own.
fn json_items<'a, R: BufRead + Send + 'a>(input: R, read: fn(&[u8]) -> Vec<Record>) -> Records<'a> {
    let mut items = JsonItems::new(input);
    let mut next_index = 0usize;
    let mut failed = false;
    Box::new(
        std::iter::from_fn(move || {
            if failed {
                return None;
            }
            match items.next()? {
                Ok(item) => {
                    let in_array = items.is_array();
                    let records: Vec<Record> = read(&item.bytes)
                        .into_iter()
                        .map(|mut record| {
                            place(&mut record, &item, in_array, next_index);
                            next_index += 1;
                            record
                        })
                        .collect();
                    Some(records)
                }
                Err(e) => {
                    failed = true;
                    Some(vec![io_failure(&e, next_index)])
                }
            }
        })
        .flatten(),
    )
}

/// Moves a record read from one item to its place in the whole input: its index, its line, its
/// diagnostics' lines and columns, and (inside a top-level array) its JSON pointers.
fn place(record: &mut Record, item: &JsonItem, in_array: bool, index: usize) {
    record.origin.index = index;
    record.origin.line = Some(item.line + record.origin.line.unwrap_or(1) - 1);
    for d in &mut record.diagnostics {
        shift(&mut d.location, item, in_array);
    }
}

fn shift(location: &mut Location, item: &JsonItem, in_array: bool) {
    if let Some(line) = location.line {
        if line == 1 {
            location.column = location.column.map(|c| c + item.column - 1);
        }
        location.line = Some(line + item.line - 1);
    }
    if in_array {
        if let Some(path) = &location.path {
            if path.starts_with('/') || path.is_empty() {
                location.path = Some(format!("/{}{path}", item.index));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_items_keep_their_place() {
        let input = b"[\n  {\"titles\": [{\"title\": \"A\"}]},\n  {\"titles\": [{\"title\": \"B\", \"bogus\": 1}]}\n]";
        let all: Vec<Record> = records(&input[..], Format::DataciteJson).unwrap().collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].origin.index, 1);
        assert_eq!(all[1].origin.line, Some(3));
        let bogus = all[1].diagnostics.iter().find(|d| d.code == "field.unmapped").expect("unmapped key reported");
        assert_eq!(bogus.location.path.as_deref(), Some("/1/titles/0/bogus"));
        assert_eq!(bogus.location.line, Some(3));
    }

    #[test]
    fn json_lines_and_broken_lines() {
        let input = b"{\"titles\": [{\"title\": \"A\"}]}\n{\"titles\": \n{\"titles\": [{\"title\": \"C\"}]}\n";
        let all: Vec<Record> = records(&input[..], Format::DataciteJson).unwrap().collect();
        assert!(!all.is_empty());
        assert!(all.iter().any(Record::has_errors));
        assert_eq!(all.iter().map(|r| r.origin.index).collect::<Vec<_>>(), (0..all.len()).collect::<Vec<_>>());
    }

    #[test]
    fn xml_is_one_record() {
        let input =
            b"<resource xmlns=\"http://datacite.org/schema/kernel-4\"><titles><title>T</title></titles></resource>";
        let all: Vec<Record> = records(&input[..], Format::DataciteXml).unwrap().collect();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].resource.titles[0].title, "T");
    }
}

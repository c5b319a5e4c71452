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

/// A lazy sequence of [`Unit`]s.
pub type Units<'a> = Box<dyn Iterator<Item = Unit> + Send + 'a>;

/// A piece of an input on its way to becoming records: already read, or raw bytes whose parsing
/// is left to whoever takes the unit (a batch worker), so that parsing runs in parallel while one
/// thread reads the input in order.
pub enum Unit {
    /// A record read already.
    Ready(Box<Record>),
    /// A record whose last, costly step (mapping onto the model) is left to whoever takes it.
    Deferred(Box<dyn FnOnce() -> Record + Send>),
    /// Bytes to parse with `parse`, then to place in the whole input.
    Raw {
        /// The bytes of one document or item.
        bytes: Vec<u8>,
        /// The reader of the format.
        parse: fn(&[u8]) -> Vec<Record>,
        /// Where the bytes sit in the input.
        placement: Placement,
    },
}

/// Where a raw unit sits in its input, to move its records' positions there.
#[derive(Clone, Copy, Debug, Default)]
pub struct Placement {
    /// The item's 0-based position (for a JSON array or JSON Lines).
    pub index: usize,
    /// 1-based line of its first byte.
    pub line: u32,
    /// 1-based column of its first byte.
    pub column: u32,
    /// True inside a top-level JSON array: pointers get the item's index as a prefix.
    pub in_array: bool,
    /// True when the unit is a whole input (positions need no moving).
    pub whole: bool,
}

impl Unit {
    /// The unit's records, parsed if need be and placed in the whole input.
    pub fn into_records(self) -> Vec<Record> {
        match self {
            Unit::Ready(record) => vec![*record],
            Unit::Deferred(build) => vec![build()],
            Unit::Raw { bytes, parse, placement } => {
                let mut records = parse(&bytes);
                if !placement.whole {
                    let several = records.len() > 1;
                    for (offset, record) in records.iter_mut().enumerate() {
                        place(record, &placement, if several { offset } else { 0 });
                    }
                }
                records
            }
        }
    }
}

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
pub fn records<'a, R: BufRead + Send + 'a>(input: R, format: Format) -> Result<Records<'a>, Error> {
    Ok(Box::new(units(input, format)?.flat_map(Unit::into_records)))
}

/// Splits `input` in `format` into units lazily, without parsing what can be parsed later.
pub fn units<'a, R: BufRead + Send + 'a>(input: R, format: Format) -> Result<Units<'a>, Error> {
    match format {
        Format::DataciteXml => Ok(whole(input, read_datacite_xml)),
        Format::DataciteJson | Format::Payload => Ok(json(input, crosswalk_datacite::json::read)),
        Format::Citeproc => Ok(json(input, crosswalk_csl::read)),
        // JSON-LD documents are read whole: a @graph's nodes refer to each other.
        Format::SchemaOrg => Ok(whole(input, crosswalk_schemaorg::schemaorg::read)),
        Format::Codemeta => Ok(whole(input, crosswalk_schemaorg::codemeta::read)),
        Format::CrossrefXml => Ok(Box::new(crosswalk_crossref::Reader::new(input).map(|r| Unit::Ready(Box::new(r))))),
        // RIS records are assembled in order here and mapped by whoever takes the unit.
        Format::Ris => Ok(Box::new(
            crosswalk_ris::PendingReader::new(input).map(|pending| Unit::Deferred(Box::new(move || pending.build()))),
        )),
        Format::Bibtex => Ok(Box::new(crosswalk_bibtex::Reader::new(input).map(|r| Unit::Ready(Box::new(r))))),
    }
}

/// JSON input split into items (parsed by whoever takes them), or read whole when it is UTF-16,
/// which cannot be split byte-wise.
fn json<'a, R: BufRead + Send + 'a>(mut input: R, parse: fn(&[u8]) -> Vec<Record>) -> Units<'a> {
    let utf16 = matches!(input.fill_buf().map(|b| b.get(..2)), Ok(Some([0xFF, 0xFE] | [0xFE, 0xFF])));
    if utf16 {
        whole(input, parse)
    } else {
        json_items(input, parse)
    }
}

fn read_datacite_xml(bytes: &[u8]) -> Vec<Record> {
    vec![crosswalk_datacite::xml::read(bytes)]
}

/// The whole input as one raw unit.
fn whole<'a, R: Read + Send + 'a>(mut input: R, parse: fn(&[u8]) -> Vec<Record>) -> Units<'a> {
    let mut bytes = Vec::new();
    let unit = match input.read_to_end(&mut bytes) {
        Ok(_) => Unit::Raw { bytes, parse, placement: Placement { whole: true, ..Placement::default() } },
        Err(e) => Unit::Ready(Box::new(io_failure(&e, 0))),
    };
    Box::new(std::iter::once(unit))
}

fn io_failure(error: &std::io::Error, index: usize) -> Record {
    let mut record = Record::failed(Diagnostic::error(INPUT_IO, format!("cannot read the input: {error}")));
    record.origin.index = index;
    record
}

/// Each top-level JSON item as a raw unit.
fn json_items<'a, R: BufRead + Send + 'a>(input: R, parse: fn(&[u8]) -> Vec<Record>) -> Units<'a> {
    let mut items = JsonItems::new(input);
    let mut failed = false;
    let mut produced = 0usize;
    Box::new(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        match items.next()? {
            Ok(JsonItem { index, line, column, bytes }) => {
                produced += 1;
                let placement = Placement { index, line, column, in_array: items.is_array(), whole: false };
                Some(Unit::Raw { bytes, parse, placement })
            }
            Err(e) => {
                failed = true;
                Some(Unit::Ready(Box::new(io_failure(&e, produced))))
            }
        }
    }))
}

/// Moves a record read from one item to its place in the whole input: its index, its line, its
/// diagnostics' lines and columns, and (inside a top-level array) its JSON pointers.
fn place(record: &mut Record, placement: &Placement, offset: usize) {
    // Positions saturate rather than overflow: an item deep in a catalog of more than
    // `u32::MAX` lines cannot panic or wrap to a small line number.
    record.origin.index = placement.index.saturating_add(offset);
    record.origin.line = Some(placement.line.saturating_add(record.origin.line.unwrap_or(1)).saturating_sub(1));
    for d in &mut record.diagnostics {
        shift(&mut d.location, placement);
    }
}

fn shift(location: &mut Location, placement: &Placement) {
    if let Some(line) = location.line {
        if line == 1 {
            location.column = location.column.map(|c| c.saturating_add(placement.column).saturating_sub(1));
        }
        location.line = Some(line.saturating_add(placement.line).saturating_sub(1));
    }
    if placement.in_array {
        if let Some(path) = &location.path {
            if path.starts_with('/') || path.is_empty() {
                location.path = Some(format!("/{}{path}", placement.index));
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

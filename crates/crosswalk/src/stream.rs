//! Reading records lazily from any `BufRead`, one at a time, so that a catalog of any size is
//! converted with flat memory.
//!
//! Multi-record formats stream natively (their readers hold one record at a time). JSON arrays
//! and JSON Lines are split into items before parsing ([`crosswalk_text::JsonItems`]), and each
//! item is read on its own; its diagnostics are moved to the item's place in the whole input. A
//! DataCite XML document is one record and is read whole, as is a Dublin Core document. An
//! OAI-PMH response is split into its records by `crosswalk_dublincore::oai::Splitter`, which
//! hands each record's metadata on as bytes with its kind: the metadata is read here, by whoever
//! takes the unit, with the Dublin Core or the DataCite XML reader (the facade knows every
//! reader; format crates know none but their own).
//!
//! Nothing is held past a cap: a document read whole (DataCite XML, Schema.org and Codemeta
//! JSON-LD, UTF-16 JSON) is read up to one byte over its reader's cap (64 MiB) and, when it is
//! larger, is one failed record with the reader's `*.too-large` error; the rest of the input is
//! not read, so an endless input (`/dev/zero`) ends there too. A JSON item over the cap
//! ([`crosswalk_text::MAX_ITEM_BYTES`], the JSON readers' cap on one document) is skipped
//! without being held and is one failed record, [`INPUT_ITEM_TOO_LARGE`], at its place; the
//! items after it are read, unless it does not end within four times the cap: then it is the last
//! (where the next item starts is unknown), and the rest of the input is not read. Streaming
//! readers (RIS, BibTeX, Crossref XML) cap their records themselves.
//!
//! An item of a top-level array that is itself a list is one failed record (as the format's
//! reader says of it when it reads the whole array), and JSON input without any item (blank, a
//! BOM only, `[]`) is one failed record too, so that every input is accounted for. An item may
//! still give several records (a JSON:API list response is one object holding many), so the
//! numbers a unit gives its records are provisional: [`records`] and the batch number the
//! records of one input 0, 1, 2, … in order.

use std::io::{BufRead, Cursor, Read};

use crosswalk_model::{Diagnostic, Location, Record};
use crosswalk_text::{JsonContent, JsonItem, JsonItems};

use crate::formats::Format;
use crate::Error;

/// Code: the input could not be read (an I/O error part-way).
pub const INPUT_IO: &str = "input.io";

/// Code: one item of JSON input (an array element, a line of JSON Lines, a value of a document)
/// is larger than [`crosswalk_text::MAX_ITEM_BYTES`]: it was skipped, and is one failed record.
pub const INPUT_ITEM_TOO_LARGE: &str = crosswalk_text::ITEM_TOO_LARGE;

/// Code: one item of a JSON catalog (a line of JSON Lines, an array element, a Crossref work)
/// is not a record of the format its input is read as: its keys are another format's, or none of
/// this one's. It is one failed record, never read into an emptied one.
pub const INPUT_FORMAT_MISMATCH: &str = "input.format-mismatch";

/// The codes of this module.
pub const CODES: &[crosswalk_model::CodeInfo] = &[
    crosswalk_model::CodeInfo {
        code: INPUT_IO,
        severity: crosswalk_model::Severity::Error,
        summary: "The input could not be read to its end (an I/O error); the records before it were read, the rest are missing.",
    },
    crosswalk_model::CodeInfo {
        code: INPUT_FORMAT_MISMATCH,
        severity: crosswalk_model::Severity::Error,
        summary: "An item of a JSON catalog is not a record of the format the input is read as (named with --from or detected from its first records): its keys are another format's (the message names it), or none of this format's. It is a failed record and was not read. Convert the records of each format on their own, with --from FORMAT.",
    },
    crosswalk_text::ITEM_TOO_LARGE_INFO,
];

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
        /// The format the bytes must be a record of: one item of a JSON catalog whose keys are
        /// another format's, or none of this one's, is one failed record
        /// ([`INPUT_FORMAT_MISMATCH`]) instead of being read. `None` for a whole input.
        expect: Option<Format>,
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
    ///
    /// Their `origin.index` is the item's position (plus the record's position among the item's
    /// records when it gives several): taken alone, an item cannot know how many records the
    /// items before it gave. [`records`] and the batch renumber the records of an input in order.
    pub fn into_records(self) -> Vec<Record> {
        match self {
            Unit::Ready(record) => vec![*record],
            Unit::Deferred(build) => vec![build()],
            Unit::Raw { bytes, parse, placement, expect } => {
                let mut records = match expect.and_then(|format| crate::fit::misfit(&bytes, format)) {
                    Some(message) => {
                        // At the item's start, and (in a top-level array) at its pointer, once placed.
                        let mut location = Location::at(1, 1);
                        if placement.in_array {
                            location = location.with_path("");
                        }
                        vec![Record::failed(Diagnostic::error(INPUT_FORMAT_MISMATCH, message).at(location))]
                    }
                    None => parse(&bytes),
                };
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
    let mut next = 0usize;
    Ok(Box::new(units(input, format)?.flat_map(Unit::into_records).map(move |mut record| {
        record.origin.index = next;
        next = next.saturating_add(1);
        record
    })))
}

/// Splits `input` in `format` into units lazily, without parsing what can be parsed later.
pub fn units<'a, R: BufRead + Send + 'a>(input: R, format: Format) -> Result<Units<'a>, Error> {
    match format {
        Format::DataciteXml => Ok(whole(input, read_datacite_xml, crosswalk_datacite::xml::read::MAX_DOCUMENT_BYTES)),
        Format::DataciteJson | Format::Payload => Ok(json(input, JsonFormat { format, ..DATACITE_JSON })),
        Format::Citeproc => Ok(json(input, CITEPROC)),
        Format::InvenioRdm => Ok(json(input, INVENIO_RDM)),
        // JSON-LD documents are read whole: a @graph's nodes refer to each other.
        Format::SchemaOrg => {
            Ok(whole(input, crosswalk_schemaorg::schemaorg::read, crosswalk_schemaorg::MAX_DOCUMENT_BYTES))
        }
        Format::Codemeta => {
            Ok(whole(input, crosswalk_schemaorg::codemeta::read, crosswalk_schemaorg::MAX_DOCUMENT_BYTES))
        }
        Format::CrossrefXml => Ok(Box::new(crosswalk_crossref::Reader::new(input).map(|r| Unit::Ready(Box::new(r))))),
        Format::DublinCore => Ok(whole(input, crosswalk_dublincore::read, crosswalk_dublincore::MAX_DOCUMENT_BYTES)),
        Format::OaiPmh => Ok(oai_pmh(input)),
        Format::Cff => Ok(whole(input, crosswalk_cff::read, crosswalk_cff::MAX_DOCUMENT_BYTES)),
        Format::CrossrefJson => Ok(crossref_json(input)),
        Format::Jats => Err(Error::CannotRead(format)),
        // RIS records are assembled in order here and mapped by whoever takes the unit.
        Format::Ris => Ok(Box::new(
            crosswalk_ris::PendingReader::new(input).map(|pending| Unit::Deferred(Box::new(move || pending.build()))),
        )),
        Format::Bibtex => Ok(Box::new(crosswalk_bibtex::Reader::new(input).map(|r| Unit::Ready(Box::new(r))))),
        Format::Citation => Err(Error::CannotRead(format)),
    }
}

/// What the JSON split needs to know of a JSON format.
#[derive(Clone, Copy)]
struct JsonFormat {
    /// The format (the first of those the reader reads): each item must be a record of it.
    format: Format,
    /// The format's reader (of a whole input, or of one item).
    parse: fn(&[u8]) -> Vec<Record>,
    /// The format's code for an item that is not an object.
    shape: &'static str,
    /// What an item should be, for the message.
    expected: &'static str,
    /// The most bytes one item (or a UTF-16 input, read whole) may have: the reader's cap.
    cap: usize,
}

const DATACITE_JSON: JsonFormat = JsonFormat {
    format: Format::DataciteJson,
    parse: crosswalk_datacite::json::read,
    shape: crosswalk_datacite::json::read::JSON_SHAPE,
    expected: "a DataCite JSON object",
    cap: crosswalk_datacite::json::read::MAX_DOCUMENT_BYTES,
};

const CITEPROC: JsonFormat = JsonFormat {
    format: Format::Citeproc,
    parse: crosswalk_csl::read,
    shape: crosswalk_csl::CSL_NOT_AN_ITEM,
    expected: "a CSL item (a JSON object)",
    cap: crosswalk_csl::MAX_DOCUMENT_BYTES,
};

const INVENIO_RDM: JsonFormat = JsonFormat {
    format: Format::InvenioRdm,
    parse: crosswalk_invenio::read,
    shape: crosswalk_invenio::INVENIO_NOT_A_RECORD,
    expected: "an InvenioRDM record (a JSON object)",
    cap: crosswalk_invenio::MAX_DOCUMENT_BYTES,
};

/// How many bytes tell a byte-order mark: UTF-8's has three.
const BOM_LENGTH: usize = 3;

/// JSON input split into items (parsed by whoever takes them), or read whole when it is UTF-16,
/// which cannot be split byte-wise.
///
/// The first bytes are read before deciding, however the input hands them out (a pipe may give
/// one byte at a time), so that a byte-order mark is seen whatever the buffering; they are then
/// read again in front of the rest.
fn json<'a, R: BufRead + Send + 'a>(mut input: R, format: JsonFormat) -> Units<'a> {
    let mut head = Vec::with_capacity(BOM_LENGTH);
    if let Err(e) = (&mut input).take(BOM_LENGTH as u64).read_to_end(&mut head) {
        return Box::new(std::iter::once(Unit::Ready(Box::new(io_failure(&e, 0)))));
    }
    let utf16 = matches!(head.get(..2), Some([0xFF, 0xFE] | [0xFE, 0xFF]));
    let input = Cursor::new(head).chain(input);
    if utf16 {
        whole(input, format.parse, format.cap)
    } else {
        json_items(input, format)
    }
}

/// The records of an OAI-PMH response: each `<record>` a unit whose metadata is read by
/// whoever takes it (Dublin Core here, DataCite XML by the DataCite reader), in order, deleted
/// records included (failed: they have no metadata); then, for a response without records, the
/// failed record that accounts for it (none for `noRecordsMatch`). Harvested records saved as
/// JSON Lines (`crosswalk harvest --oai -o FILE.jsonl`) are split as JSON and read alike.
fn oai_pmh<'a, R: BufRead + Send + 'a>(mut input: R) -> Units<'a> {
    // The first byte that is not white space or a byte-order mark tells XML from JSON; what was
    // looked at is read again.
    let mut head = Vec::new();
    let is_json = loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) => return Box::new(std::iter::once(Unit::Ready(Box::new(io_failure(&e, 0))))),
        };
        if buffer.is_empty() {
            break false;
        }
        let seen = buffer.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF));
        let taken = seen.unwrap_or(buffer.len());
        let first = seen.and_then(|i| buffer.get(i)).copied();
        head.extend_from_slice(buffer.get(..taken).unwrap_or_default());
        input.consume(taken);
        if let Some(first) = first {
            break first == b'{' || first == b'[';
        }
        if head.len() > 1 << 20 {
            break false;
        }
    };
    let input = Cursor::new(head).chain(input);
    if is_json {
        return json(input, OAI_JSON);
    }
    let mut splitter = crosswalk_dublincore::oai::Splitter::new(input);
    let mut ended = false;
    Box::new(std::iter::from_fn(move || {
        if ended {
            return None;
        }
        match splitter.next() {
            Some(item) => Some(Unit::Deferred(Box::new(move || item.into_record(crosswalk_datacite::xml::read)))),
            None => {
                ended = true;
                splitter.failure().map(|record| Unit::Ready(Box::new(record)))
            }
        }
    }))
}

/// Harvested OAI-PMH records as JSON Lines (`crosswalk_dublincore::harvested`).
const OAI_JSON: JsonFormat = JsonFormat {
    format: Format::OaiPmh,
    parse: read_harvested_record,
    shape: crosswalk_dublincore::oai::NOT_OAI_PMH,
    expected: "a harvested OAI-PMH record (an object with identifier, metadataPrefix and metadata)",
    cap: crosswalk_dublincore::MAX_CAPTURE,
};

/// One harvested record of the JSON Lines form, its metadata read as in a response.
fn read_harvested_record(bytes: &[u8]) -> Vec<Record> {
    vec![crosswalk_dublincore::harvested::item_from_json(bytes, 0, 1).into_record(crosswalk_datacite::xml::read)]
}

/// Crossref REST JSON in UTF-16, read whole (to at most one byte past the reader's cap on a work,
/// [`crosswalk_crossref::json::DOCUMENT_CAP`]): over it, one failed record, nothing decoded.
fn read_crossref_json_whole(bytes: &[u8]) -> Vec<Record> {
    let cap = crosswalk_crossref::json::DOCUMENT_CAP;
    if bytes.len() <= cap {
        return crosswalk_crossref::json::read(bytes);
    }
    let message = format!(
        "UTF-16 input is read whole, and this one is larger than {}; it was not read (convert it \
         to UTF-8, which is read a work at a time)",
        crosswalk_text::caps::size(cap)
    );
    vec![Record::failed(Diagnostic::error(crosswalk_crossref::JSON_TOO_LARGE, message).at(Location::at(1, 1)))]
}

/// Crossref REST JSON: the reader finds the works in order (a list's items one by one, never the
/// whole list) and whoever takes a unit parses and maps its work; UTF-16 is read whole, as for
/// the other JSON formats.
fn crossref_json<'a, R: BufRead + Send + 'a>(mut input: R) -> Units<'a> {
    let mut head = Vec::with_capacity(BOM_LENGTH);
    if let Err(e) = (&mut input).take(BOM_LENGTH as u64).read_to_end(&mut head) {
        return Box::new(std::iter::once(Unit::Ready(Box::new(io_failure(&e, 0)))));
    }
    let utf16 = matches!(head.get(..2), Some([0xFF, 0xFE] | [0xFE, 0xFF]));
    let input = Cursor::new(head).chain(input);
    if utf16 {
        return whole(input, read_crossref_json_whole, crosswalk_crossref::json::DOCUMENT_CAP);
    }
    Box::new(crosswalk_crossref::json::PendingReader::new(input).map(|pending| {
        Unit::Deferred(Box::new(move || {
            match pending.text().and_then(|text| crate::fit::misfit(text, Format::CrossrefJson)) {
                Some(message) => pending.refuse(Diagnostic::error(INPUT_FORMAT_MISMATCH, message)),
                None => pending.build(),
            }
        }))
    }))
}

fn read_datacite_xml(bytes: &[u8]) -> Vec<Record> {
    vec![crosswalk_datacite::xml::read(bytes)]
}

/// The whole input as one raw unit, read up to one byte over `cap`, the reader's cap on one
/// document: nothing more is read.
///
/// An input over the cap is handed to `parse` at once, which refuses it (a reader's cap is
/// checked before anything else) with the reader's error: the bytes are freed right away instead
/// of waiting in the batch's queue for a worker.
fn whole<'a, R: BufRead + Send + 'a>(input: R, parse: fn(&[u8]) -> Vec<Record>, cap: usize) -> Units<'a> {
    let placement = Placement { whole: true, ..Placement::default() };
    let units: Vec<Unit> = match crosswalk_text::caps::read_capped(input, cap) {
        Ok((bytes, false)) => vec![Unit::Raw { bytes, parse, placement, expect: None }],
        Ok((bytes, true)) => parse(&bytes).into_iter().map(|record| Unit::Ready(Box::new(record))).collect(),
        Err(e) => vec![Unit::Ready(Box::new(io_failure(&e, 0)))],
    };
    Box::new(units.into_iter())
}

fn io_failure(error: &std::io::Error, index: usize) -> Record {
    let mut record = Record::failed(Diagnostic::error(INPUT_IO, format!("cannot read the input: {error}")));
    record.origin.index = index;
    record
}

/// Each top-level JSON item as a raw unit; input without any item as one raw unit that the
/// format's reader finds empty.
fn json_items<'a, R: BufRead + Send + 'a>(input: R, format: JsonFormat) -> Units<'a> {
    let mut items = JsonItems::new(input).max_item_bytes(format.cap);
    let mut ended = false;
    let mut produced = 0usize;
    Box::new(std::iter::from_fn(move || {
        if ended {
            return None;
        }
        let Some(next) = items.next() else {
            ended = true;
            if produced > 0 {
                return None;
            }
            // Nothing but white space, byte-order-mark bytes, or an empty list: the reader says
            // so of the same (at 1:1), and the input is accounted as one failed record.
            let bytes = if items.is_array() { b"[]".to_vec() } else { Vec::new() };
            let placement = Placement { whole: true, ..Placement::default() };
            return Some(Unit::Raw { bytes, parse: format.parse, placement, expect: None });
        };
        produced += 1;
        match next {
            Ok(item) if items.is_array() && item.bytes().and_then(<[u8]>::first) == Some(&b'[') => {
                Some(Unit::Ready(Box::new(not_an_object(&item, format))))
            }
            Ok(JsonItem { index, line, column, content: JsonContent::Bytes(bytes) }) => {
                let placement = Placement { index, line, column, in_array: items.is_array(), whole: false };
                Some(Unit::Raw { bytes, parse: format.parse, placement, expect: Some(format.format) })
            }
            Ok(item) => Some(Unit::Ready(Box::new(too_large(&item, items.is_array())))),
            Err(e) => {
                ended = true;
                Some(Unit::Ready(Box::new(io_failure(&e, produced.saturating_sub(1)))))
            }
        }
    }))
}

/// The failed record of an item too large to hold (`input.item-too-large`), at the item's start
/// (and, inside a top-level array, at its pointer).
fn too_large(item: &JsonItem, in_array: bool) -> Record {
    let message = item.too_large_message().unwrap_or_default();
    let mut location = Location::at(item.line, item.column);
    if in_array {
        location = location.with_path(format!("/{}", item.index));
    }
    let mut record = Record::failed(Diagnostic::error(INPUT_ITEM_TOO_LARGE, message).at(location));
    record.origin.index = item.index;
    record.origin.line = Some(item.line);
    record
}

/// The failed record of an item of a top-level array that is itself a list: one item is one
/// record, as the format's reader has it when it reads the whole array.
fn not_an_object(item: &JsonItem, format: JsonFormat) -> Record {
    // The item's start, white space folded, for the message.
    let bytes = item.bytes().unwrap_or_default();
    let start = bytes.get(..240).unwrap_or(bytes);
    let start = String::from_utf8_lossy(start);
    let folded = start.split_whitespace().collect::<Vec<_>>().join(" ");
    let message = format!(
        "expected {} here, found a list ({}); no record can be read from it",
        format.expected,
        crosswalk_text::message::shorten(&folded, 60)
    );
    let location = Location::at(item.line, item.column).with_path(format!("/{}", item.index));
    let mut record = Record::failed(Diagnostic::error(format.shape, message).at(location));
    record.origin.index = item.index;
    record.origin.line = Some(item.line);
    record
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

    fn indexes(records: &[Record]) -> Vec<usize> {
        records.iter().map(|r| r.origin.index).collect()
    }

    fn datacite(i: usize) -> String {
        format!("{{\"doi\": \"10.5072/{i}\", \"titles\": [{{\"title\": \"T{i}\"}}]}}")
    }

    /// Checks that record `i` of `all` is the good record `i` at `line(i)`, or a failed one when
    /// `i` is among `broken`.
    fn check_records(all: &[Record], n: usize, broken: &[usize], line: impl Fn(usize) -> u32) {
        assert_eq!(indexes(all), (0..n).collect::<Vec<_>>());
        for (i, record) in all.iter().enumerate() {
            assert_eq!(record.origin.line, Some(line(i)), "record {i}");
            if broken.contains(&i) {
                assert!(record.has_errors(), "record {i} should have failed");
            } else {
                assert_eq!(record.resource.doi, Some(format!("10.5072/{i}")), "record {i}");
            }
        }
    }

    #[test]
    fn a_broken_record_loses_itself_only() {
        // JSON Lines (issue 14): a line that is only `{`, a truncated line followed by an
        // indented record, `null`, garbage, a byte-order mark before a record (which the
        // reader skips).
        let n = 2000;
        let mut lines: Vec<String> = (0..n).map(datacite).collect();
        lines[1] = "{".to_owned();
        lines[500] = datacite(500)[..25].to_owned();
        lines[501] = format!("    {}", datacite(501));
        lines[1500] = "null".to_owned();
        lines[1700] = "#garbage".to_owned();
        lines[1999] = format!("\u{feff}{}", datacite(1999));
        let input = lines.join("\n") + "\n";
        let all: Vec<Record> = records(input.as_bytes(), Format::DataciteJson).unwrap().collect();
        check_records(&all, n, &[1, 500, 1500, 1700], |i| i as u32 + 1);

        // A pretty-printed array: an element missing its `}`, one missing a `]`, a string left
        // open, a stray `}`.
        let n = 300;
        let mut elements: Vec<String> = (0..n).map(datacite).collect();
        elements[0] = elements[0].trim_end_matches('}').to_owned();
        elements[100] = elements[100].replacen("}]", "}", 1);
        elements[200] = elements[200].replacen("T200\"", "T200", 1);
        elements[250] = elements[250].clone() + "}";
        let input = format!("[\n  {}\n]\n", elements.join(",\n  "));
        let all: Vec<Record> = records(input.as_bytes(), Format::DataciteJson).unwrap().collect();
        // The stray `}` is a failed record of its own, after the good record 250.
        assert_eq!(all.len(), n + 1);
        let (before, after) = all.split_at(251);
        check_records(before, 251, &[0, 100, 200], |i| i as u32 + 2);
        assert!(after[0].has_errors());
        assert_eq!(after[0].origin.line, Some(252));
        for (i, record) in after[1..].iter().enumerate() {
            assert_eq!(record.resource.doi, Some(format!("10.5072/{}", 251 + i)));
            assert_eq!(record.origin.index, 252 + i);
        }
    }

    /// The code and location of `record`'s first diagnostic.
    fn first_finding(record: &Record) -> (&str, Option<u32>, Option<u32>, Option<&str>) {
        let d = &record.diagnostics[0];
        (d.code.as_ref(), d.location.line, d.location.column, d.location.path.as_deref())
    }

    #[test]
    fn an_item_of_another_format_is_one_failed_record_never_an_emptied_one() {
        // Issue 14, item 6: DataCite records among CSL items and CSL items among DataCite
        // records were read into records holding next to nothing, without an error.
        let csl = |i: usize| {
            format!("{{\"id\": \"c{i}\", \"type\": \"book\", \"title\": \"C{i}\", \"issued\": {{\"date-parts\": [[2020]]}}}}")
        };
        let mut lines: Vec<String> = (0..20).map(datacite).collect();
        lines[3] = csl(3);
        lines[7] = "{\"a\": 1}".to_owned();
        lines[9] = "{\"name\": \"Curie, Marie\"}".to_owned();
        let input = lines.join("\n") + "\n";
        let all: Vec<Record> = records(input.as_bytes(), Format::DataciteJson).unwrap().collect();
        check_records(&all, 20, &[3, 7, 9], |i| i as u32 + 1);
        for i in [3, 7, 9] {
            assert_eq!(all[i].diagnostics.len(), 1, "{:?}", all[i].diagnostics);
            assert_eq!(first_finding(&all[i]), (INPUT_FORMAT_MISMATCH, Some(i as u32 + 1), Some(1), None));
        }
        assert!(all[3].diagnostics[0].message.contains("--from citeproc"), "{}", all[3].diagnostics[0]);
        // The same read as payloads (an API record's file), and the other way round in an array.
        let all: Vec<Record> = records(input.as_bytes(), Format::Payload).unwrap().collect();
        check_records(&all, 20, &[3, 7, 9], |i| i as u32 + 1);

        let items: Vec<String> = (0..10).map(|i| if i == 4 { datacite(i) } else { csl(i) }).collect();
        let input = format!("[\n  {}\n]\n", items.join(",\n  "));
        let all: Vec<Record> = records(input.as_bytes(), Format::Citeproc).unwrap().collect();
        assert_eq!(indexes(&all), (0..10).collect::<Vec<_>>());
        for (i, record) in all.iter().enumerate() {
            assert_eq!(record.origin.line, Some(i as u32 + 2));
            assert_eq!(record.has_errors(), i == 4, "{i}: {:?}", record.diagnostics);
        }
        assert_eq!(first_finding(&all[4]), (INPUT_FORMAT_MISMATCH, Some(6), Some(3), Some("/4")));
        assert!(all[4].diagnostics[0].message.contains("--from datacite-json"), "{}", all[4].diagnostics[0]);

        // Crossref REST JSON: a DataCite record among works, also in a list's items.
        let work = |i: usize| format!("{{\"DOI\": \"10.5555/{i}\", \"type\": \"dataset\", \"title\": [\"W{i}\"]}}");
        let input = format!("{}\n{}\n{}\n", work(0), datacite(1), work(2));
        let all: Vec<Record> = records(input.as_bytes(), Format::CrossrefJson).unwrap().collect();
        assert_eq!(indexes(&all), [0, 1, 2]);
        assert!(!all[0].has_errors() && !all[2].has_errors());
        assert_eq!(first_finding(&all[1]), (INPUT_FORMAT_MISMATCH, Some(2), Some(1), None));
        assert_eq!(all[1].origin.line, Some(2));
        let input = format!("{{\"items\": [\n{},\n{},\n{}]}}", work(0), datacite(1), work(2));
        let all: Vec<Record> = records(input.as_bytes(), Format::CrossrefJson).unwrap().collect();
        assert_eq!(first_finding(&all[1]), (INPUT_FORMAT_MISMATCH, Some(3), Some(1), Some("/items/1")));
        assert_eq!(all[2].resource.doi.as_deref(), Some("10.5555/2"));
        assert!(CODES.iter().any(|c| c.code == INPUT_FORMAT_MISMATCH));
    }

    #[test]
    fn an_item_too_large_is_one_failed_record() {
        let huge = format!(
            "{{\"doi\": \"10.5072/1\", \"titles\": [{{\"title\": \"{}\"}}]}}",
            "x".repeat(crosswalk_text::MAX_ITEM_BYTES)
        );
        for (input, path, column) in [
            (format!("{}\n{huge}\n{}\n", datacite(0), datacite(2)), None, 1),
            (format!("[{},\n {huge},\n {}]", datacite(0), datacite(2)), Some("/1"), 2),
        ] {
            let all: Vec<Record> = records(input.as_bytes(), Format::DataciteJson).unwrap().collect();
            assert_eq!(indexes(&all), [0, 1, 2]);
            assert_eq!(all[2].resource.doi.as_deref(), Some("10.5072/2"));
            assert_eq!(all[2].origin.line, Some(3));
            let record = &all[1];
            assert_eq!(record.origin.line, Some(2));
            assert_eq!(record.diagnostics.len(), 1);
            let d = &record.diagnostics[0];
            assert_eq!(d.code, INPUT_ITEM_TOO_LARGE);
            assert_eq!((d.location.line, d.location.column, d.location.path.as_deref()), (Some(2), Some(column), path));
            assert!(d.message.contains(&format!("{} bytes long", huge.len())), "{}", d.message);
        }
        assert!(CODES.iter().any(|c| c.code == INPUT_ITEM_TOO_LARGE));
    }

    #[test]
    fn a_list_inside_the_top_level_list_is_one_failed_record() {
        let input = b"[{\"doi\": \"10.5072/a\"},\n [{\"doi\": \"10.5072/b\"}, {\"doi\": \"10.5072/c\"}],\n {\"doi\": \"10.5072/d\"}]";
        let all: Vec<Record> = records(&input[..], Format::DataciteJson).unwrap().collect();
        assert_eq!(indexes(&all), [0, 1, 2]);
        assert!(all[1].has_errors());
        let shape = &all[1].diagnostics[0];
        assert_eq!(shape.code, crosswalk_datacite::json::read::JSON_SHAPE);
        assert_eq!((shape.location.line, shape.location.column), (Some(2), Some(2)));
        assert_eq!(shape.location.path.as_deref(), Some("/1"));
        assert!(shape.message.contains("found a list ([{\"doi\": \"10.5072/b\"}"), "{shape}");
        assert_eq!(all[1].origin.line, Some(2));
        assert_eq!(all[2].resource.doi.as_deref(), Some("10.5072/d"));
        // The same as the reader says of the whole list.
        let whole = crosswalk_datacite::json::read(input);
        assert_eq!(whole.len(), 3);
        assert_eq!(whole[1].diagnostics[0].code, shape.code);

        let input = b"[{\"type\": \"book\", \"id\": \"a\"}, [1, 2], {\"type\": \"book\", \"id\": \"c\"}]";
        let all: Vec<Record> = records(&input[..], Format::Citeproc).unwrap().collect();
        assert_eq!(indexes(&all), [0, 1, 2]);
        assert_eq!(all[1].diagnostics.len(), 1);
        assert_eq!(all[1].diagnostics[0].code, crosswalk_csl::CSL_NOT_AN_ITEM);
        assert_eq!(all[2].origin.key.as_deref(), Some("c"));
    }

    #[test]
    fn items_giving_several_records_do_not_renumber_the_others() {
        // JSON Lines of JSON:API list responses: each line holds several records.
        let page = |a: &str, b: &str| {
            format!(
                "{{\"data\": [{{\"attributes\": {{\"doi\": \"{a}\"}}}}, {{\"attributes\": {{\"doi\": \"{b}\"}}}}]}}\n"
            )
        };
        let input = page("10.5072/a", "10.5072/b") + &page("10.5072/c", "10.5072/d");
        let all: Vec<Record> = records(input.as_bytes(), Format::DataciteJson).unwrap().collect();
        assert_eq!(indexes(&all), [0, 1, 2, 3]);
        let dois: Vec<&str> = all.iter().filter_map(|r| r.resource.doi.as_deref()).collect();
        assert_eq!(dois, ["10.5072/a", "10.5072/b", "10.5072/c", "10.5072/d"]);
        assert_eq!(all[2].origin.line, Some(2));
    }

    #[test]
    fn json_without_items_is_one_failed_record() {
        let datacite = crosswalk_datacite::json::read::JSON_NO_RECORDS;
        for (input, format, code) in [
            (&b""[..], Format::DataciteJson, "json.syntax"),
            (b" \n\t\n", Format::DataciteJson, "json.syntax"),
            (b"\xEF", Format::DataciteJson, "json.syntax"),
            (b"\xEF\xBB\xBF ", Format::Payload, "json.syntax"),
            (b"[]", Format::DataciteJson, datacite),
            (b"\xEF\xBB\xBF [ ,\n ]\n", Format::DataciteJson, datacite),
            (b"", Format::Citeproc, crosswalk_csl::CSL_NO_ITEMS),
            (b"  ", Format::Citeproc, crosswalk_csl::CSL_NO_ITEMS),
            (b"[ ]", Format::Citeproc, crosswalk_csl::CSL_NO_ITEMS),
        ] {
            let all: Vec<Record> = records(input, format).unwrap().collect();
            assert_eq!(all.len(), 1, "{input:?}");
            assert!(all[0].has_errors(), "{input:?}");
            let d = &all[0].diagnostics[0];
            assert_eq!((d.code.as_ref(), d.location.line, d.location.column), (code, Some(1), Some(1)), "{input:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_seen_whatever_the_buffering() {
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "[{\"doi\": \"10.5072/a\", \"titles\": [{\"title\": \"\u{e9}t\u{e9}\"}]}]".encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let utf8 = b"\xEF\xBB\xBF[{\"doi\": \"10.5072/a\"},\n{\"doi\": \"10.5072/b\"}]".to_vec();
        for (input, count) in [(utf16, 1), (utf8, 2), (vec![0xFF], 1), (vec![0xFF, 0xFE], 1)] {
            let whole: Vec<Record> = records(input.as_slice(), Format::DataciteJson).unwrap().collect();
            assert_eq!(whole.len(), count, "{input:?}");
            for capacity in [1, 2, 3, 5] {
                let reader = std::io::BufReader::with_capacity(capacity, input.as_slice());
                let trickled: Vec<Record> = records(reader, Format::DataciteJson).unwrap().collect();
                assert!(whole == trickled, "{input:?} through a {capacity}-byte buffer");
            }
        }
        let whole: Vec<Record> = records(
            &[
                0xFF, 0xFE, b'{', 0, b'"', 0, b'd', 0, b'o', 0, b'i', 0, b'"', 0, b':', 0, b'"', 0, b'x', 0, b'"', 0,
                b'}', 0,
            ][..],
            Format::DataciteJson,
        )
        .unwrap()
        .collect();
        assert_eq!(whole[0].resource.doi.as_deref(), Some("x"));
    }

    #[test]
    fn a_truncated_list_of_works_keeps_the_complete_ones() {
        let input = b"[\n  {\"@context\": \"https://schema.org\", \"@type\": \"Dataset\", \"name\": \"A\"},\n  {\"@context\": \"https://schema.org\", \"na";
        for format in [Format::SchemaOrg, Format::Codemeta] {
            let all: Vec<Record> = records(&input[..], format).unwrap().collect();
            assert_eq!(indexes(&all), [0, 1]);
            assert_eq!(all[0].resource.titles[0].title, "A");
            assert!(!all[0].has_errors());
            assert!(all[1].has_errors());
        }
    }

    /// Hands out `bytes`, then fails.
    struct Failing(&'static [u8]);

    impl Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn an_io_error_ends_the_records_with_one_saying_so() {
        for (bytes, count) in [(&b""[..], 1), (b"[", 1), (b"[{\"doi\": \"10.5072/a\"}, ", 2)] {
            let reader = std::io::BufReader::with_capacity(2, Failing(bytes));
            let all: Vec<Record> = records(reader, Format::DataciteJson).unwrap().collect();
            assert_eq!(all.len(), count, "{bytes:?}");
            assert_eq!(indexes(&all), (0..count).collect::<Vec<_>>());
            let last = all.last().unwrap();
            assert_eq!(last.diagnostics[0].code, INPUT_IO, "{bytes:?}");
        }
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

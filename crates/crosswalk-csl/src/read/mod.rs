//! Reading CSL-JSON into the model.
//!
//! Input: one item (a JSON object), a JSON array of items, JSON Lines, or concatenated items.
//! [`crosswalk_text::JsonItems`] splits the input into its top-level items without parsing it,
//! so [`Reader`] holds one item at a time and broken JSON in one item does not stop the others:
//! a line of JSON Lines is one item whatever it holds, a broken element of an array is cut at the
//! next element boundary that can be proven, and each broken item is one failed record
//! (`csl.syntax`; `input.item-too-large` for one too large to hold).
//! Each item is deserialised into [`Item`](crate::item::Item) (which never fails on a
//! value of the wrong type) and mapped onto a [`Resource`](crosswalk_model::Resource) by
//! [`map`].
//!
//! Every diagnostic carries a JSON pointer into the input (`/3/author/0/family` for the fourth
//! item of an array, `/author/0/family` for a single item or a line of JSON Lines) and the
//! `line:column` of the value it is about.

mod crossref;
mod dates;
mod map;
mod names;
mod note;
mod pages;

use std::collections::HashSet;
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location, Record};
use crosswalk_text::json_items::JsonRecords;
use crosswalk_text::{json, JsonItem, LineIndex};

use crate::item::Item;
use crate::{CSL_IO, CSL_NOT_AN_ITEM, CSL_NO_ITEMS, CSL_SYNTAX, CSL_TOO_LARGE, MAX_DOCUMENT_BYTES};

pub(crate) use dates::{parse_w3cdtf, W3cDate};
pub(crate) use map::{ACCESSED, CALL_NUMBER, EVENT_DATE, NUMBER, ORIGINAL_DATE, REPORT_NUMBER};

/// Reads CSL-JSON: one item, an array of items, or JSON Lines. Returns one record per item (at
/// least one record); never panics.
///
/// ```
/// let records = crosswalk_csl::read(br#"[{"type": "article-journal", "id": "a1",
///     "title": "Stars", "author": [{"family": "Curie", "given": "Marie"}],
///     "issued": {"date-parts": [[1903, 6]]}, "DOI": "https://doi.org/10.1234/Stars"}]"#);
/// let resource = &records[0].resource;
/// assert_eq!(resource.doi.as_deref(), Some("10.1234/Stars"));
/// assert_eq!(resource.creators[0].name, "Curie, Marie");
/// assert_eq!(resource.publication_year.as_deref(), Some("1903"));
/// assert_eq!(resource.dates[0].date, "1903-06");
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    let input = crosswalk_text::json_items::WholeInput {
        max_bytes: MAX_DOCUMENT_BYTES,
        too_large_code: CSL_TOO_LARGE,
        document: "CSL document",
        advice: "split it into smaller files, or read it as a stream, which holds one item at a time",
        empty_code: CSL_NO_ITEMS,
        empty_message: "the input holds no CSL item: it is empty or an empty list",
    };
    crosswalk_text::json_items::read_whole(bytes, &input, |text| Reader::new(text).collect())
}

/// Reads the items of a CSL-JSON stream one at a time: a JSON array's elements, or each value
/// of JSON Lines. Memory holds one item, of at most [`MAX_DOCUMENT_BYTES`]: an item over it is
/// skipped without being held, one failed record (`input.item-too-large`), and the items after
/// it are read.
///
/// The input should be UTF-8, as JSON is; an item that is not is decoded as Windows-1252 with a
/// warning. (UTF-16 input needs [`read`], which decodes the whole input first.) Unlike
/// [`read`], an empty input gives no record.
///
/// ```
/// use crosswalk_csl::Reader;
///
/// let input = "{\"type\": \"book\", \"id\": \"b1\", \"title\": \"One\"}\n{\"type\": \"book\", \"id\": \"b2\", \"title\": \"Two\"}\n";
/// let records: Vec<_> = Reader::new(input.as_bytes()).collect();
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[1].origin.key.as_deref(), Some("b2"));
/// assert_eq!(records[1].origin.line, Some(2));
/// ```
pub struct Reader<R> {
    records: JsonRecords<R, fn(&JsonItem, bool) -> Record>,
}

impl<R: BufRead> Reader<R> {
    /// A reader of the CSL-JSON stream `input`.
    pub fn new(input: R) -> Self {
        Reader { records: JsonRecords::new(input, MAX_DOCUMENT_BYTES, CSL_IO, read_item) }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.records.next()
    }
}

/// Where an item sits in the whole input, to turn positions inside it into positions in the
/// input.
struct Placement<'a> {
    item: &'a JsonItem,
    in_array: bool,
}

impl Placement<'_> {
    /// The pointer of the item itself: `/3` inside a top-level array, empty otherwise.
    fn root(&self) -> String {
        if self.in_array {
            format!("/{}", self.item.index)
        } else {
            String::new()
        }
    }

    /// A line and column inside the item moved to the whole input.
    fn shift(&self, (line, column): (u32, u32)) -> (u32, u32) {
        let column = if line == 1 { column.saturating_add(self.item.column.saturating_sub(1)) } else { column };
        (line.saturating_add(self.item.line.saturating_sub(1)), column)
    }
}

/// Reads one top-level item into a record placed in the whole input.
fn read_item(item: &JsonItem, in_array: bool) -> Record {
    let placement = Placement { item, in_array };
    let Some(bytes) = item.bytes() else {
        // Too large to hold: skipped by the splitter.
        let message = item.too_large_message().unwrap_or_default();
        let location = Location::at(item.line, item.column).with_path(placement.root());
        let mut record = Record::failed(Diagnostic::error(crosswalk_text::ITEM_TOO_LARGE, message).at(location));
        record.origin.line = Some(item.line);
        return record;
    };
    let decoded = crosswalk_text::decode(bytes);
    // Lone surrogate escapes, which serde_json refuses, become U+FFFD (same offsets).
    let (text, lone) = json::patch_lone_surrogates(&decoded.text);
    let text: &str = &text;
    let mut record = match text.trim_start().as_bytes().first() {
        Some(b'{') => match serde_json::from_str::<Item>(text) {
            Ok(parsed) => {
                let mapped = map::map(parsed);
                let mut record = Record::new(mapped.resource);
                record.diagnostics = mapped.diagnostics;
                record.origin.key = mapped.key;
                record.origin.citation_key = mapped.citation_key;
                record.tidy();
                record
            }
            Err(error) => syntax_error(text, &error),
        },
        _ => match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(error) => syntax_error(text, &error),
            Ok(_) => {
                let shown: String = text.chars().take(60).collect();
                let message = format!(
                    "expected a CSL item (a JSON object) here, found {}; no record can be read from it",
                    shown.trim()
                );
                Record::failed(Diagnostic::error(CSL_NOT_AN_ITEM, message).at(Location::at(1, 1).with_path("")))
            }
        },
    };
    record.diagnostics.splice(0..0, decoded.diagnostics);
    if !lone.is_empty() {
        let lines = LineIndex::new(text);
        record.diagnostics.extend(lone.iter().map(|&lone| json::lone_surrogate_warning(text, &lines, lone)));
    }
    record.truncate_diagnostics(crate::MAX_DIAGNOSTICS, crate::CSL_DIAGNOSTICS_TRUNCATED);
    place(&mut record, text, &placement);
    record.origin.line = Some(item.line);
    record
}

/// A failed record for broken JSON, with the position serde_json reports.
fn syntax_error(text: &str, error: &serde_json::Error) -> Record {
    let message = json::syntax_message(&error.to_string(), error.is_eof());
    // serde_json counts columns in bytes; the location counts characters.
    let line_text = text.lines().nth(error.line().saturating_sub(1)).unwrap_or_default();
    let column = line_text.get(..error.column().min(line_text.len())).map_or(error.column(), |s| s.chars().count());
    let line = u32::try_from(error.line().max(1)).unwrap_or(u32::MAX);
    let column = u32::try_from(column.max(1)).unwrap_or(u32::MAX);
    Record::failed(Diagnostic::error(CSL_SYNTAX, message).at(Location::at(line, column).with_path("")))
}

/// Gives every diagnostic of an item its place in the whole input: the line and column of the
/// value its pointer names, and the pointer prefixed with the item's index in an array.
fn place(record: &mut Record, text: &str, placement: &Placement<'_>) {
    let wanted: HashSet<String> = record
        .diagnostics
        .iter()
        .filter(|d| d.location.line.is_none())
        .filter_map(|d| d.location.path.clone())
        .collect();
    let found = if wanted.is_empty() { Default::default() } else { json::locate(text, 0, &wanted) };
    let lines = (!found.is_empty()).then(|| LineIndex::new(text));
    let root = placement.root();
    for diagnostic in &mut record.diagnostics {
        let location = &mut diagnostic.location;
        match (location.line, &location.path, &lines) {
            (None, Some(path), Some(lines)) => {
                if let Some(&offset) = found.get(path) {
                    let (line, column) = placement.shift(lines.position(text, offset));
                    location.line = Some(line);
                    location.column = Some(column);
                }
            }
            (Some(line), _, _) => {
                let (line, column) = placement.shift((line, location.column.unwrap_or(1)));
                location.line = Some(line);
                location.column = Some(column);
            }
            _ => {}
        }
        if let Some(path) = &location.path {
            let full = format!("{root}{path}");
            location.path = (!full.is_empty()).then_some(full);
        }
    }
    // Source order reads best; diagnostics without a position keep their order at the end.
    record.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(u32::MAX), d.location.column.unwrap_or(u32::MAX)));
}

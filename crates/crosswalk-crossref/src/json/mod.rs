//! Crossref REST JSON (`crossref-json`): the works of Crossref's REST API, as most people get
//! Crossref metadata, read into the DataCite 4.7 model with the Crossref XML reader's mapping
//! decisions and tables.
//!
//! Accepted inputs, decided by content:
//! - a work object (`{"DOI": …, "type": "journal-article", …}`);
//! - a `/works/{doi}` response (`{"status": "ok", "message-type": "work", "message": {…}}`);
//! - a `/works` list response (`{"message-type": "work-list", "message": {"items": [ … ]}}`) and
//!   a part of Crossref's public data file (`{"items": [ … ]}`): one record per item, streamed:
//!   the items are read one at a time, never the whole list;
//! - JSON Lines of any of these, and a JSON array of them.
//!
//! ```
//! let json = br#"{"status": "ok", "message-type": "work", "message": {
//!   "DOI": "10.5555/notes", "type": "posted-content", "subtype": "preprint",
//!   "title": ["Notes"], "author": [{"given": "Ada", "family": "Lovelace", "sequence": "first"}],
//!   "posted": {"date-parts": [[1843]]}, "publisher": "Example Press",
//!   "resource": {"primary": {"URL": "https://example.org/notes"}}}}"#;
//! let records = crosswalk_crossref::json::read(json);
//! assert_eq!(records.len(), 1);
//! let r = &records[0].resource;
//! assert_eq!(r.doi.as_deref(), Some("10.5555/notes"));
//! assert_eq!(r.creators[0].name, "Lovelace, Ada");
//! assert_eq!(r.publication_year.as_deref(), Some("1843"));
//! assert_eq!(r.url.as_deref(), Some("https://example.org/notes"));
//! assert_eq!(r.types.resource_type.as_deref(), Some("PostedContent"));
//! ```
//!
//! What maps where is the table [`MAPPING`] (also `docs/crosswalks/crossref-json.md`). Every
//! diagnostic carries the JSON pointer of the value it is about (`/message/items/3/author/0`)
//! and its line and column. Caps: a work (or a top-level value that is no list) of more than
//! [`DOCUMENT_CAP`] bytes is a failed record, read past without being held; a record keeps at
//! most [`DIAGNOSTIC_LIMIT`] diagnostics.

mod ctx;
pub mod mapping;
mod parse;
mod programs;
mod split;
mod work;

use std::collections::{HashSet, VecDeque};
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location, Record};
use crosswalk_text::{json, JsonContent, JsonItems, LineIndex};
use serde_json::Value;

use crate::ctx::quote;
use crate::{
    INPUT_IO, JSON_API_ERROR, JSON_DUPLICATE_KEY, JSON_NOT_A_WORK, JSON_NO_WORKS, JSON_SYNTAX, JSON_TOO_LARGE,
};
pub use ctx::DIAGNOSTIC_LIMIT;
pub use mapping::MAPPING;
pub use split::DOCUMENT_CAP;
use split::{find_list, Found, Pos, Replay, Src, HEAD_LIMIT};

/// Reads every work of Crossref REST JSON. Returns at least one record; never panics.
///
/// The input is decoded as a whole first (UTF-8, UTF-16 with a byte-order mark, or bytes that
/// are not UTF-8 read as Windows-1252, reported on the first record); [`Reader`] reads a UTF-8
/// stream as it comes.
///
/// ```
/// // JSON Lines of works, as a harvest of the API saves them; a broken line costs that work only.
/// let lines = b"{\"DOI\": \"10.5555/a\", \"type\": \"journal-article\", \"title\": [\"A\"]}\n{\"DOI\": \n{\"DOI\": \"10.5555/c\", \"type\": \"dataset\"}\n";
/// let records = crosswalk_crossref::json::read(lines);
/// assert_eq!(records.len(), 3);
/// assert!(records[1].has_errors());
/// assert_eq!(records[2].resource.doi.as_deref(), Some("10.5555/c"));
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    let decoded = crosswalk_text::decode(bytes);
    let mut records: Vec<Record> = Reader::new(decoded.text.as_bytes()).collect();
    if let Some(first) = records.first_mut() {
        first.diagnostics.splice(0..0, decoded.diagnostics);
    }
    records
}

/// Reads the works of a Crossref REST JSON stream one at a time: memory holds one work (and
/// the list's envelope), however many works a list has.
///
/// Every work of the input comes out as a record, in order, with `origin.index` (0-based),
/// `origin.key` (its DOI) and `origin.line`; input without any work gives one failed record
/// (`crossref-json.no-works`). The input should be UTF-8, as JSON is; a work that is not is
/// decoded as Windows-1252 with a warning (UTF-16 input needs [`read`]).
///
/// ```
/// use crosswalk_crossref::json::Reader;
///
/// let file = br#"{"items": [
///   {"DOI": "10.5555/a", "type": "journal-article", "title": ["A"]},
///   {"DOI": "10.5555/b", "type": "journal-article", "title": ["B"]}
/// ]}"#;
/// let records: Vec<_> = Reader::new(&file[..]).collect();
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[1].origin.key.as_deref(), Some("10.5555/b"));
/// assert_eq!(records[1].origin.line, Some(3));
/// ```
pub struct Reader<R> {
    pending: PendingReader<R>,
}

impl<R: BufRead> Reader<R> {
    /// A reader of the stream `input`.
    pub fn new(input: R) -> Self {
        Reader { pending: PendingReader::new(input) }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.pending.next().map(Pending::build)
    }
}

/// Where a work's text sits in the input.
#[derive(Clone, Debug)]
struct Place {
    /// Where its first byte is.
    pos: Pos,
    /// The pointer of the value in its document (`/items/3`, `/2` in a top-level array), put
    /// before the pointers inside it.
    pointer: String,
}

/// A work found in the input and not parsed yet, so that a batch parses and maps works on its
/// workers while one thread reads the input in order ([`PendingReader`]).
pub struct Pending {
    index: usize,
    kind: PendingKind,
}

enum PendingKind {
    /// The text of a work (`work`), or of a top-level value that may be a response holding one.
    Value { bytes: Vec<u8>, place: Place, work: bool },
    /// A record that failed already (a value too large, a list of something else).
    Failed(Box<Record>),
}

impl Pending {
    /// The text of the work (or of the top-level value that may hold one), as found and not
    /// parsed; `None` for a record that failed already (a value too large, a list of something
    /// else).
    pub fn text(&self) -> Option<&[u8]> {
        match &self.kind {
            PendingKind::Value { bytes, .. } => Some(bytes),
            PendingKind::Failed(_) => None,
        }
    }

    /// Gives the work up without reading it: one failed record with `diagnostic` at the work's
    /// start (its line, column and pointer), for a caller that found it is not a Crossref work
    /// (the facade, when its keys are another format's).
    ///
    /// ```
    /// use crosswalk_crossref::json::PendingReader;
    /// use crosswalk_model::Diagnostic;
    ///
    /// let lines = "{\"DOI\": \"10.5555/a\", \"type\": \"dataset\"}\n{\"creators\": []}\n";
    /// let second = PendingReader::new(lines.as_bytes()).nth(1).unwrap();
    /// let record = second.refuse(Diagnostic::error("test.refused", "not a work"));
    /// assert!(record.has_errors());
    /// assert_eq!((record.origin.index, record.origin.line), (1, Some(2)));
    /// assert_eq!(record.diagnostics[0].location.line, Some(2));
    /// ```
    pub fn refuse(self, diagnostic: Diagnostic) -> Record {
        let mut record = match self.kind {
            PendingKind::Failed(record) => *record,
            PendingKind::Value { bytes, place, .. } => {
                let mut record = Record::failed(diagnostic.at(Location::at(1, 1).with_path("")));
                let decoded = crosswalk_text::decode(&bytes);
                place_record(&mut record, &decoded.text, &place);
                for d in &mut record.diagnostics {
                    // A line of JSON Lines has no pointer: its line says where it is.
                    if d.location.path.as_deref() == Some("") {
                        d.location.path = None;
                    }
                }
                record.origin.line = Some(place.pos.line);
                record
            }
        };
        record.origin.index = self.index;
        record
    }

    /// Parses and maps the work: its record, placed in the whole input.
    pub fn build(self) -> Record {
        let mut record = match self.kind {
            PendingKind::Failed(record) => *record,
            PendingKind::Value { bytes, place, work } => read_value(&bytes, &place, work),
        };
        record.origin.index = self.index;
        record
    }
}

/// Finds the works of a Crossref REST JSON stream, in order, without parsing them: the items of
/// a list are handed on one by one as they are read. [`Pending::build`] makes each a record.
///
/// ```
/// use crosswalk_crossref::json::PendingReader;
///
/// let lines = "{\"DOI\": \"10.5555/a\", \"type\": \"dataset\"}\n{\"DOI\": \"10.5555/b\", \"type\": \"dataset\"}\n";
/// let works: Vec<_> = PendingReader::new(lines.as_bytes()).collect();
/// assert_eq!(works.len(), 2);
/// assert_eq!(works.into_iter().last().unwrap().build().resource.doi.as_deref(), Some("10.5555/b"));
/// ```
pub struct PendingReader<R> {
    state: State<R>,
    queue: VecDeque<Pending>,
    index: usize,
    /// Whether a work (or a failed record) was found, so that input without any says so once.
    found: bool,
}

enum State<R> {
    Start(Replay<R>),
    /// Streaming the items of a list.
    List(Src<Replay<R>>, List),
    /// Value by value (JSON Lines, an array, what follows a list); the position where the
    /// values' text starts.
    Values(JsonItems<Replay<R>>, Pos),
    Done,
}

/// A list being streamed.
struct List {
    /// The items' pointer (`/items`, `/message/items`).
    pointer: String,
    count: usize,
    /// The objects the items are inside.
    depth: usize,
    /// The items are not works (a list response of another `message-type`): skipped.
    skip: bool,
}

impl<R: BufRead> PendingReader<R> {
    /// A reader of the stream `input`.
    pub fn new(input: R) -> Self {
        PendingReader { state: State::Start(Replay::new(input)), queue: VecDeque::new(), index: 0, found: false }
    }

    fn push(&mut self, kind: PendingKind) {
        self.queue.push_back(Pending { index: self.index, kind });
        self.index = self.index.saturating_add(1);
    }

    fn fail(&mut self, record: Record) {
        self.push(PendingKind::Failed(Box::new(record)));
    }

    fn io_error(&mut self, error: &std::io::Error) {
        let message = format!("the input could not be read to its end: {error}");
        self.fail(Record::failed(Diagnostic::error(INPUT_IO, message)));
    }

    fn start(&mut self, replay: Replay<R>) {
        let mut src = Src::new(replay, Pos::START, true);
        let found = match src.skip_white(false) {
            Ok(None) => return,
            Ok(Some(b'{')) => find_list(&mut src, Some(HEAD_LIMIT)),
            Ok(Some(_)) => Ok(Found::Other),
            Err(error) => return self.io_error(&error),
        };
        match found {
            Ok(Found::List { pointer, message_type, depth }) => {
                src.take_record();
                let skip = self.not_works(message_type.as_deref(), src.pos, pointer);
                self.state = State::List(src, List { pointer: pointer.to_owned(), count: 0, depth, skip });
            }
            Ok(Found::Other) => {
                // Read again value by value, from the start.
                let head = src.take_record();
                let mut replay = src.inner;
                replay.push_back(head);
                self.state = State::Values(JsonItems::new(replay).max_item_bytes(DOCUMENT_CAP), Pos::START);
            }
            Err(error) => self.io_error(&error),
        }
    }

    /// A list response of another kind than works (`member-list`): one failed record, and its
    /// items are skipped.
    fn not_works(&mut self, message_type: Option<&str>, pos: Pos, pointer: &str) -> bool {
        match message_type {
            Some(kind) if kind != "work-list" => {
                let message = format!("a {} response holds no works; nothing was read from it", quote(kind));
                let location = Location::at(pos.line, pos.column()).with_path(pointer);
                let mut record = Record::failed(Diagnostic::error(JSON_NOT_A_WORK, message).at(location));
                record.origin.line = Some(pos.line);
                self.fail(record);
                true
            }
            _ => false,
        }
    }

    fn list_step(&mut self, mut src: Src<Replay<R>>, mut list: List) {
        match src.element() {
            Ok(Some(element)) => {
                let pointer = format!("{}/{}", list.pointer, list.count);
                list.count += 1;
                if !list.skip {
                    let place = Place { pos: element.start, pointer };
                    self.work(element.bytes, element.size, place, true);
                }
                self.state = State::List(src, list);
            }
            Ok(None) => match src.close(list.depth) {
                Ok(()) => {
                    let pos = src.pos;
                    self.state = State::Values(JsonItems::new(src.inner).max_item_bytes(DOCUMENT_CAP), pos);
                }
                Err(error) => self.io_error(&error),
            },
            Err(error) => self.io_error(&error),
        }
    }

    /// A work's text (or a top-level value's), unless it is over the cap.
    fn work(&mut self, bytes: Vec<u8>, size: u64, place: Place, work: bool) {
        if size > DOCUMENT_CAP as u64 {
            let message = format!(
                "the value has {size} bytes, more than the {} MiB a work may have; it was not read",
                DOCUMENT_CAP / (1024 * 1024)
            );
            let location = Location::at(place.pos.line, place.pos.column()).with_path(place.pointer.clone());
            let mut record = Record::failed(Diagnostic::error(JSON_TOO_LARGE, message).at(location));
            record.origin.line = Some(place.pos.line);
            self.fail(record);
        } else {
            self.push(PendingKind::Value { bytes, place, work });
        }
    }

    fn values_step(&mut self, mut items: JsonItems<Replay<R>>, offset: Pos) {
        match items.next() {
            None => {}
            Some(Err(error)) => self.io_error(&error),
            Some(Ok(item)) => {
                let pos = offset.then(Pos { line: item.line, before: item.column.saturating_sub(1) });
                let in_array = items.is_array();
                let pointer = if in_array { format!("/{}", item.index) } else { String::new() };
                match item.content {
                    JsonContent::Bytes(bytes) => self.value(bytes, pos, pointer, in_array),
                    // Skipped by the splitter without being held.
                    JsonContent::TooLarge { size, .. } => self.work(Vec::new(), size, Place { pos, pointer }, false),
                }
                self.state = State::Values(items, offset);
            }
        }
    }

    /// One top-level value (or element of a top-level array): a list's items one by one, or
    /// the value as one.
    fn value(&mut self, bytes: Vec<u8>, pos: Pos, pointer: String, in_array: bool) {
        let size = bytes.len() as u64;
        if size > DOCUMENT_CAP as u64 {
            return self.work(Vec::new(), size, Place { pos, pointer }, false);
        }
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
        if in_array && first == Some(b'[') {
            let message = "expected a work or a response here, found a list; no record can be read from it".to_owned();
            let location = Location::at(pos.line, pos.column()).with_path(pointer);
            let mut record = Record::failed(Diagnostic::error(JSON_NOT_A_WORK, message).at(location));
            record.origin.line = Some(pos.line);
            return self.fail(record);
        }
        if first == Some(b'{') {
            let mut src = Src::new(bytes.as_slice(), pos, false);
            let found = src.skip_white(false).and_then(|_| find_list(&mut src, None));
            if let Ok(Found::List { pointer: items, message_type, .. }) = found {
                let items = format!("{pointer}{items}");
                if self.not_works(message_type.as_deref(), src.pos, &items) {
                    return;
                }
                let mut count = 0usize;
                while let Ok(Some(element)) = src.element() {
                    let place = Place { pos: element.start, pointer: format!("{items}/{count}") };
                    count += 1;
                    self.work(element.bytes, element.size, place, true);
                }
                return;
            }
        }
        self.work(bytes, size, Place { pos, pointer }, false);
    }
}

impl<R: BufRead> Iterator for PendingReader<R> {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        loop {
            if let Some(pending) = self.queue.pop_front() {
                self.found = true;
                return Some(pending);
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Start(replay) => self.start(replay),
                State::List(src, list) => self.list_step(src, list),
                State::Values(items, offset) => self.values_step(items, offset),
                State::Done if self.found => return None,
                State::Done => {
                    self.found = true;
                    let message = "the input holds no Crossref work: it is empty, or an empty list";
                    self.fail(Record::failed(Diagnostic::error(JSON_NO_WORKS, message).at(Location::at(1, 1))));
                }
            }
        }
    }
}

/// The record of one value: its work, or a failed record saying why it has none.
fn read_value(bytes: &[u8], place: &Place, work: bool) -> Record {
    let decoded = crosswalk_text::decode(bytes);
    // Lone surrogate escapes, which serde_json refuses, become U+FFFD (same offsets).
    let (text, lone) = json::patch_lone_surrogates(&decoded.text);
    let text: &str = &text;
    let mut record = match parse::parse(text) {
        Err(error) => syntax_error(&error),
        Ok(parsed) => {
            let mut record = from_value(&parsed.value, work);
            for pointer in parsed.duplicates {
                let key = pointer.rsplit('/').next().unwrap_or_default();
                let message = format!(
                    "key \"{}\" occurs more than once in its object; the last value is read and the others are lost",
                    json::unescape_segment(key)
                );
                record.diagnostics.push(Diagnostic::warning(JSON_DUPLICATE_KEY, message).at(Location::path(pointer)));
            }
            record
        }
    };
    record.diagnostics.splice(0..0, decoded.diagnostics);
    if !lone.is_empty() {
        let lines = LineIndex::new(text);
        record.diagnostics.extend(lone.iter().map(|&lone| json::lone_surrogate_warning(text, &lines, lone)));
    }
    place_record(&mut record, text, place);
    record.origin.line = Some(place.pos.line);
    record
}

/// A failed record at the value `path` names (found and placed later), or at the value's start.
fn failed(code: &'static str, message: String, path: &str) -> Record {
    let location = if path.is_empty() { Location::at(1, 1).with_path("") } else { Location::path(path) };
    Record::failed(Diagnostic::error(code, message).at(location))
}

/// The record of a parsed value: a work, a response holding one, or a failure.
fn from_value(value: &Value, work: bool) -> Record {
    let Value::Object(map) = value else {
        let message = format!(
            "expected a Crossref work (a JSON object) here, found {}; no record can be read from it",
            ctx::show(value)
        );
        return failed(JSON_NOT_A_WORK, message, "");
    };
    let response = !work
        && map.contains_key("message")
        && ["status", "message-type", "message-version"].iter().any(|k| map.contains_key(*k));
    let mut envelope = Vec::new();
    let mapped = if response {
        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::trim);
        if let Some(status) = text("status").filter(|s| *s != "ok") {
            let message = format!(
                "the response's status is {}, not ok: {}; it holds no work",
                quote(status),
                error_text(map.get("message").unwrap_or(&Value::Null))
            );
            return failed(JSON_API_ERROR, message, "/status");
        }
        match text("message-type") {
            Some("work") | None => {}
            Some(kind) => {
                let why = if kind == "work-list" { " whose items are not a list" } else { "" };
                let message = format!("a {} response{why} holds no work; nothing was read from it", quote(kind));
                return failed(JSON_NOT_A_WORK, message, "/message-type");
            }
        }
        for (key, value) in map {
            if !["status", "message-type", "message-version", "message"].contains(&key.as_str()) && !value.is_null() {
                let message =
                    format!("\"{key}\" {} is not a key of a Crossref response; not carried", ctx::show(value));
                let at = ctx::child("", key);
                envelope
                    .push(Diagnostic::warning(crosswalk_model::codes::FIELD_UNMAPPED, message).at(Location::path(at)));
            }
        }
        let message = map.get("message").unwrap_or(&Value::Null);
        if !message.is_object() {
            let message = format!("the response's message is {}, not a work", ctx::show(message));
            return failed(JSON_NOT_A_WORK, message, "/message");
        }
        work::map(message, "/message")
    } else {
        work::map(value, "")
    };
    let doi = mapped.resource.doi.clone();
    let mut record = Record::new(mapped.resource);
    record.diagnostics = envelope;
    record.diagnostics.extend(mapped.diagnostics);
    record.origin.key = doi;
    record.tidy();
    record
}

/// The text of an error response's message: its errors' messages, or the value shown.
fn error_text(message: &Value) -> String {
    let texts: Vec<&str> = match message {
        Value::Array(errors) => errors.iter().filter_map(|e| e.get("message").and_then(Value::as_str)).collect(),
        Value::String(text) => vec![text.as_str()],
        _ => Vec::new(),
    };
    if texts.is_empty() {
        ctx::show(message)
    } else {
        quote(&texts.join("; "))
    }
}

/// A failed record for broken JSON, at the position serde_json reports.
fn syntax_error(error: &serde_json::Error) -> Record {
    let message = json::syntax_message(&error.to_string(), error.is_eof());
    // serde_json counts columns in bytes, as the positions of the input do.
    let line = u32::try_from(error.line().max(1)).unwrap_or(u32::MAX);
    let column = u32::try_from(error.column().max(1)).unwrap_or(u32::MAX);
    Record::failed(Diagnostic::error(JSON_SYNTAX, message).at(Location::at(line, column).with_path("")))
}

/// Gives every diagnostic of a value its place in the whole input: the line and column of the
/// value its pointer names (else of the work itself), and the pointer prefixed with the value's
/// own.
fn place_record(record: &mut Record, text: &str, place: &Place) {
    let wanted: HashSet<String> = record
        .diagnostics
        .iter()
        .filter(|d| d.location.line.is_none())
        .filter_map(|d| d.location.path.clone())
        .collect();
    let found = if wanted.is_empty() { Default::default() } else { json::locate(text, 0, &wanted) };
    let lines = (!found.is_empty()).then(|| LineIndex::new(text));
    let start = text.bytes().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    for diagnostic in &mut record.diagnostics {
        let location = &mut diagnostic.location;
        let inner = match (location.line, &location.path, &lines) {
            (Some(line), _, _) => Pos { line, before: location.column.unwrap_or(1).saturating_sub(1) },
            (None, Some(path), Some(lines)) if found.contains_key(path) => {
                let (line, column) = lines.position(text, found.get(path).copied().unwrap_or(start));
                Pos { line, before: column.saturating_sub(1) }
            }
            // A value the reader made up (the model's own pointer after tidying): the work's start.
            _ => Pos { line: 1, before: u32::try_from(start).unwrap_or(0) },
        };
        let pos = place.pos.then(inner);
        location.line = Some(pos.line);
        location.column = Some(pos.column());
        let path = location.path.take().unwrap_or_default();
        location.path = Some(format!("{}{path}", place.pointer));
    }
    // Source order reads best.
    record.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(u32::MAX), d.location.column.unwrap_or(u32::MAX)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_work_over_the_cap_is_a_failed_record() {
        let mut reader = PendingReader::new(&b""[..]);
        let place = Place { pos: Pos { line: 3, before: 4 }, pointer: "/items/7".into() };
        reader.work(Vec::new(), DOCUMENT_CAP as u64 + 1, place, true);
        let record = reader.next().unwrap().build();
        let d = &record.diagnostics[0];
        assert_eq!(d.code, JSON_TOO_LARGE);
        assert_eq!(
            (d.location.line, d.location.column, d.location.path.as_deref()),
            (Some(3), Some(5), Some("/items/7"))
        );
        assert!(reader.next().is_none(), "a failed record accounts for the input");
    }
}

//! Reading DataCite REST JSON into the model.
//!
//! Accepted inputs, decided by content:
//! - an `attributes` object (what the API has under `data.attributes`), including the older
//!   kebab-case / crosscite shapes where the mapping is unambiguous;
//! - a JSON array of such objects, JSON Lines, or concatenated JSON values: one record each;
//! - a JSON:API document: a request payload or a `GET /dois/{id}` response
//!   (`{"data": {"type": "dois", "id": …, "attributes": …}}`), or a list response
//!   (`{"data": [ … ], "meta": …, "links": …}`) giving one record per item;
//! - a JSON:API resource object on its own (`{"id": …, "type": "dois", "attributes": …}`), as
//!   harvests save a list's items one per line and DataCite's public data file holds them.
//!
//! Each attribute is deserialised on its own with the model's serde forms, so one bad attribute
//! (or one bad entry of a list) is reported and left out while the rest of the record survives.
//! A plain resource object (as harvests and DataCite's public data file hold them) or a plain
//! attributes object (as Crosswalk writes DataCite JSON) is read straight from its text instead
//! (the plain path, `fast.rs`), giving the same record and diagnostics for a fraction of the
//! work; anything it cannot take the same way goes to the careful reader described here.
//! A list where an object belongs is such a type error (it is not read positionally), and so is a
//! number beyond the range of an `f64` (`1e400`), which is parsed as `null` and reported.
//! A base64 `xml` attribute is decoded, read with [`crate::xml::read()`] and merged with the
//! attributes. In a request payload an attribute given in the JSON (not `null`, not an empty
//! list) wins over the XML's value, as the API stores it; in a response (a document with
//! `data.id`, a resource object on its own with its `id`, `relationships` or attributes only the
//! server sets, such as `state`, and no `event`) the XML is the record and the attributes, the
//! API's reduced view of it, only fill what it lacks. Every value the losing side held that the
//! result lacks is a warning.
//!
//! Every JSON diagnostic carries a JSON pointer into the source (`/data/attributes/creators/0`,
//! `/data/3/attributes/…` in a list, `/3/…` for the 4th item of an array) and, where the value is
//! in the text, its `line:column`. Diagnostics of the embedded XML keep the XML's own positions.
//! Besides the codes below, the reader emits the shared codes `field.unmapped`, `value.empty`,
//! `value.trimmed`, `value.normalised`, `value.invalid`, `legacy.mapped`, `vocab.unknown` and
//! `vocab.normalised`, and `crosswalk-text`'s `input.*` codes for input that is not UTF-8 and for
//! lone surrogate escapes (`\ud800` without its pair: read as U+FFFD, since `serde_json` would
//! refuse the whole value).

mod attributes;
mod clean;
mod fast;
mod legacy;
mod merge;
mod parse;
mod pointer;
mod slots;
mod strict;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use crosswalk_model::{codes, CodeInfo, Diagnostic, Location, Record, Severity};
use crosswalk_text::json::{self, skip_white_space};
use crosswalk_text::LineIndex;
use serde_json::{Map, Value};

use parse::{HugeNumber, Parsed};

/// Code: the input is not valid JSON.
pub const JSON_SYNTAX: &str = "json.syntax";
/// Code: a value has the wrong JSON type for its property.
pub const JSON_TYPE: &str = "json.type";
/// Code: the input (or an item of it) is JSON but not an object DataCite JSON can be read from.
pub const JSON_SHAPE: &str = "json.shape";
/// Code: the input holds no record.
pub const JSON_NO_RECORDS: &str = "json.no-records";
/// Code: the input is a JSON:API error document.
pub const JSON_API_ERRORS: &str = "json.api-errors";
/// Code: a JSON:API `data` item has a `type` other than `dois`.
pub const JSON_DATA_TYPE: &str = "json.data-type";
/// Code: JSON:API members that are not metadata (`relationships`, `included`, `meta`, `links`).
pub const JSON_NOT_METADATA: &str = "json.not-metadata";
/// Code: attributes managed by the server or steering the request.
pub const JSON_SERVER_ATTRIBUTE: &str = "json.server-attribute";
/// Code: a derived type (`types.schemaOrg/citeproc/bibtex/ris`) differs from the one derived.
pub const JSON_DERIVED_TYPE: &str = "json.derived-type";
/// Code: the `xml` attribute is not valid base64.
pub const JSON_XML_BASE64: &str = "json.xml-base64";
/// Code: the record's metadata was read from the embedded `xml`.
pub const JSON_XML_EMBEDDED: &str = "json.xml-embedded";
/// Code: the `xml` attribute holds a format other than DataCite XML.
pub const JSON_XML_NOT_DATACITE: &str = "json.xml-not-datacite";
/// Code: an attribute given in the JSON replaces a different value of the embedded XML.
pub const JSON_ATTRIBUTE_OVERRIDES_XML: &str = "json.attribute-overrides-xml";
/// Code: a value of the embedded XML is lost to the attribute that replaces it (request payload).
pub const JSON_XML_VALUE_LOST: &str = "json.xml-value-lost";
/// Code: a value of an attribute is not used: the embedded XML, which a response is read from,
/// lacks it or holds another.
pub const JSON_ATTRIBUTE_VALUE_LOST: &str = "json.attribute-value-lost";
/// Code: an attribute of a response fills what its embedded XML lacks.
pub const JSON_ATTRIBUTE_FILLS_XML: &str = "json.attribute-fills-xml";
/// Code: an object has the same key more than once.
pub const JSON_DUPLICATE_KEY: &str = "json.duplicate-key";
/// Code: `data.id` or `id` disagrees with `doi`, or is no DOI.
pub const JSON_ID_MISMATCH: &str = "json.id-mismatch";
/// Code: the input of [`read`] is larger than [`MAX_DOCUMENT_BYTES`]; it was not read. (An item
/// of a stream over the cap is `input.item-too-large`, `crosswalk_text::ITEM_TOO_LARGE`.)
pub const JSON_TOO_LARGE: &str = "json.too-large";

/// The largest input [`read`] reads, and the largest item of a JSON array or JSON Lines that
/// the facade's streams hand it: 64 MiB, `crosswalk_text::MAX_ITEM_BYTES`. A document is read
/// whole (parsed into a `serde_json` tree, then into the model: about ten times its size at the
/// peak); a DataCite record with 5,000 creators takes about 2 MiB, so 64 MiB is room for any one
/// record or JSON:API page. Over it, the input is one failed record ([`JSON_TOO_LARGE`]) and
/// none of it is parsed. A larger catalog is read as a stream (`crosswalk::records`, the command
/// line), which splits it into items and holds one at a time; an item over the cap is skipped
/// there without being held (`input.item-too-large`), and the items after it are read.
pub const MAX_DOCUMENT_BYTES: usize = crosswalk_text::MAX_ITEM_BYTES;

/// The members of a JSON:API document or resource object this reader reads or sets aside.
const JSON_API_MEMBERS: &[&str] =
    &["data", "errors", "included", "meta", "links", "jsonapi", "attributes", "id", "type", "relationships"];

/// True for a key this reader knows at the top of a record: a JSON:API member (`data`,
/// `attributes`, `id`, `type` …) or an attribute in any spelling it reads (the model's, the
/// older kebab-case, snake_case and singular ones, the attributes the server sets).
///
/// The facade outlines each item of a catalog with it to tell a DataCite record from a record
/// of another format before reading it.
///
/// ```
/// use crosswalk_datacite::json::read::is_known_key;
///
/// assert!(is_known_key("creators") && is_known_key("publication-year") && is_known_key("data"));
/// assert!(!is_known_key("author") && !is_known_key("issued"));
/// ```
pub fn is_known_key(key: &str) -> bool {
    JSON_API_MEMBERS.contains(&key) || attributes::is_attribute(key)
}

/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const JSON_DIAGNOSTICS_TRUNCATED: &str = "json.diagnostics-truncated";

/// The most diagnostics one record keeps: 10,000; further ones are counted in one warning
/// ([`JSON_DIAGNOSTICS_TRUNCATED`]), and the first error among them is kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// The codes this module emits (besides the shared ones in [`crosswalk_model::codes`]).
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: JSON_SYNTAX,
        severity: Severity::Error,
        summary: "The input is not valid JSON at the position given; nothing from there on could be read. Fix the syntax (often a missing comma or quote).",
    },
    CodeInfo {
        code: JSON_TYPE,
        severity: Severity::Error,
        summary: "A value has the wrong JSON type for its DataCite property (e.g. a number or a list where an object is expected, or a number beyond the range of a 64-bit float); that value, attribute or list entry is left out. Correct the value in the source.",
    },
    CodeInfo {
        code: JSON_SHAPE,
        severity: Severity::Error,
        summary: "The input or one of its items is not a JSON object (it is a string, number or nested list), so no record can be read from it. Give an attributes object or a JSON:API document.",
    },
    CodeInfo {
        code: JSON_NO_RECORDS,
        severity: Severity::Error,
        summary: "The input holds no record (an empty list, or a JSON:API document whose data is empty or null); there is nothing to convert.",
    },
    CodeInfo {
        code: JSON_API_ERRORS,
        severity: Severity::Error,
        summary: "The input is a JSON:API error document (the API's answer to a failed request), not metadata; the message repeats the errors it lists.",
    },
    CodeInfo {
        code: JSON_DATA_TYPE,
        severity: Severity::Warning,
        summary: "A JSON:API data item's type is not \"dois\"; its attributes were read as DOI metadata anyway. Check that the document describes a DOI.",
    },
    CodeInfo {
        code: JSON_NOT_METADATA,
        severity: Severity::Info,
        summary: "JSON:API members that are not metadata (relationships, included, meta, links) were ignored.",
    },
    CodeInfo {
        code: JSON_SERVER_ATTRIBUTE,
        severity: Severity::Info,
        summary: "Attributes the DataCite server manages (state, created, counts, …) or that steer a request (event, prefix) are not metadata and were not read; give them to the payload builder if needed.",
    },
    CodeInfo {
        code: JSON_DERIVED_TYPE,
        severity: Severity::Info,
        summary: "A derived type (types.schemaOrg, citeproc, bibtex or ris) in the input differs from the one Crosswalk derives from the resource type; the derived one is written.",
    },
    CodeInfo {
        code: JSON_XML_BASE64,
        severity: Severity::Error,
        summary: "The xml attribute is not valid base64, so the metadata it should hold was not read. Re-encode the XML with standard base64.",
    },
    CodeInfo {
        code: JSON_XML_EMBEDDED,
        severity: Severity::Info,
        summary: "The record's metadata was read from the base64 DataCite XML in the xml attribute. In a request payload the attributes given in the JSON take precedence, as in the REST API; in a response (data.id, relationships or server attributes such as state, and no event) the XML is the record and the attributes only fill what it lacks.",
    },
    CodeInfo {
        code: JSON_XML_NOT_DATACITE,
        severity: Severity::Warning,
        summary: "The xml attribute holds another format than DataCite XML (the API also accepts RIS, BibTeX, Citeproc, …); it was not read here. Convert it with the reader of its format.",
    },
    CodeInfo {
        code: JSON_ATTRIBUTE_OVERRIDES_XML,
        severity: Severity::Info,
        summary: "In a request payload, an attribute given in the JSON replaces a different value read from the embedded XML, as the REST API does, and holds everything the XML's value held (it adds to it); remove one of them if that is not intended.",
    },
    CodeInfo {
        code: JSON_XML_VALUE_LOST,
        severity: Severity::Warning,
        summary: "In a request payload the attributes win over the embedded XML, as the REST API stores them, and the attribute that replaces an XML property lacks this value of it (an affiliation's ROR id, a title's language, a whole entry) or holds another; the XML's value is lost. Put it into the attribute, or leave the attribute out. Also: the XML's identifier names another DOI than the doi used.",
    },
    CodeInfo {
        code: JSON_ATTRIBUTE_VALUE_LOST,
        severity: Severity::Warning,
        summary: "In a response the embedded XML is the record and the attributes are the API's reduced view of it; this attribute value is not in the XML (or the XML holds another), so it is not used. Check which is right.",
    },
    CodeInfo {
        code: JSON_ATTRIBUTE_FILLS_XML,
        severity: Severity::Info,
        summary: "In a response the embedded XML is the record; it lacks this property, or this detail of an entry both hold, and the attribute's value is used.",
    },
    CodeInfo {
        code: JSON_DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "An object has the same key more than once; the last value is used, as the REST API does, and the earlier ones are lost. Remove the repetition.",
    },
    CodeInfo {
        code: JSON_TOO_LARGE,
        severity: Severity::Error,
        summary: "The input is larger than 64 MiB, the most read as one DataCite JSON document; it was not read. A record takes a few MiB at most, even with thousands of creators: check the input, and split it into smaller files, or read it as a stream (the command line does), which holds one item of a JSON array or JSON Lines at a time (an item over 64 MiB is then input.item-too-large).",
    },
    CodeInfo {
        code: JSON_DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them, if any), the rest only counted. Fix the ones listed and read it again.",
    },
    CodeInfo {
        code: JSON_ID_MISMATCH,
        severity: Severity::Warning,
        summary: "The JSON:API data.id (or an id attribute) is not a DOI or names another DOI than the doi attribute; the doi attribute is used. Make them agree.",
    },
];

/// Reads DataCite JSON: an `attributes` object, a list of them, JSON Lines, or a JSON:API
/// document (payload, single response, list response). Returns at least one record; never panics.
///
/// ```
/// let records = crosswalk_datacite::json::read(br#"{"data": {"type": "dois", "attributes": {
///     "doi": "https://doi.org/10.5438/0012", "titles": [{"title": "Schema"}], "event": "publish"}}}"#);
/// let record = &records[0];
/// assert_eq!(record.resource.doi.as_deref(), Some("10.5438/0012"));
/// assert_eq!(record.resource.titles[0].title, "Schema");
/// assert!(!record.has_errors());
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    read_with(bytes, true)
}

/// [`read()`] without the plain path: every record read by the careful reader. For the test that
/// compares the two (`crosswalk-robustness/tests/plain_path.rs`); not for other use.
#[doc(hidden)]
pub fn read_carefully(bytes: &[u8]) -> Vec<Record> {
    read_with(bytes, false)
}

/// True when `text` is one JSON:API resource object or attributes object that the plain path
/// reads (for the test that compares it with the careful reader, which counts how often it
/// applies).
#[doc(hidden)]
pub fn reads_plainly(text: &str) -> bool {
    fast::object(text, 0).is_some()
}

fn read_with(bytes: &[u8], plain_path: bool) -> Vec<Record> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let message = format!(
            "the input is larger than {}, the most read as one DataCite JSON document; it was not read \
             (split it into smaller files, or read it as a stream, which holds one item at a time)",
            crosswalk_text::caps::size(MAX_DOCUMENT_BYTES)
        );
        return vec![Record::failed(Diagnostic::error(JSON_TOO_LARGE, message).at(Location::at(1, 1)))];
    }
    let decoded = crosswalk_text::decode(bytes);
    // Lone surrogate escapes, which serde_json refuses, become U+FFFD (same offsets), each reported
    // in the record that holds it.
    let (text, lone) = json::patch_lone_surrogates(&decoded.text);
    let text: &str = &text;
    let mut reader = Reader { text, lines: LineIndex::new(text), records: Vec::new(), lone: lone.into(), plain_path };
    match json_lines(text) {
        Some(lines) => {
            for start in lines {
                reader.line(start);
            }
        }
        None => {
            if !reader.plain(0, text.len()) {
                reader.stream();
            }
        }
    }
    if reader.records.is_empty() {
        let message = "the input is empty: it holds no JSON value";
        reader.records.push(Record::failed(Diagnostic::error(JSON_SYNTAX, message).at(Location::at(1, 1))));
    }
    let mut records = reader.records;
    if let Some(first) = records.first_mut() {
        first.diagnostics.splice(0..0, decoded.diagnostics);
    }
    for record in &mut records {
        record.truncate_diagnostics(MAX_DIAGNOSTICS, JSON_DIAGNOSTICS_TRUNCATED);
    }
    records
}

/// The byte offsets of the lines of a JSON Lines text: at least two non-blank lines, each of them
/// starting an object or array, the first one whole. `None` for anything else, which is read as
/// a stream of JSON values. A later line need not be whole: a broken line is then one failed
/// record and the lines after it are still read.
fn json_lines(text: &str) -> Option<Vec<usize>> {
    // One item per call is the common case (the facade splits catalogs into items): one vector
    // search tells it.
    let first_end = memchr::memchr(b'\n', text.as_bytes())?;
    if text.get(first_end..).is_none_or(|rest| rest.trim_matches(clean::is_json_space).is_empty()) {
        return None;
    }
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_matches(clean::is_json_space);
        if !content.is_empty() {
            let whole = (content.starts_with('{') && content.ends_with('}'))
                || (content.starts_with('[') && content.ends_with(']'));
            let opens = content.starts_with('{') || content.starts_with('[');
            if !opens || (starts.is_empty() && !whole) {
                return None;
            }
            starts.push(offset);
        }
        offset += line.len();
    }
    (starts.len() >= 2).then_some(starts)
}

/// The offsets of some pointers, known without a scan of the text.
type Known<'k> = dyn Fn(&str) -> Option<usize> + 'k;

/// A record being built, with the pointer of the value it was read from.
struct Draft {
    record: Record,
    root: String,
}

impl Draft {
    fn failed(root: &str, diagnostic: Diagnostic) -> Self {
        Draft { record: Record::failed(diagnostic), root: root.to_owned() }
    }
}

struct Reader<'a> {
    text: &'a str,
    lines: LineIndex,
    records: Vec<Record>,
    /// The lone surrogate escapes not yet reported, in order.
    lone: VecDeque<json::LoneSurrogate>,
    /// True when plain records are read on the plain path ([`fast`]).
    plain_path: bool,
}

impl Reader<'_> {
    /// The lone surrogate escapes before byte `end`, as warnings, each with its offset.
    fn lone_before(&mut self, end: usize) -> Vec<(usize, Diagnostic)> {
        let count = self.lone.partition_point(|lone| lone.offset < end);
        let text = self.text;
        self.lone
            .drain(..count)
            .map(|lone| (lone.offset, json::lone_surrogate_warning(text, &self.lines, lone)))
            .collect()
    }

    /// Reads the text as a sequence of JSON values (usually one); stops at a syntax error.
    fn stream(&mut self) {
        // The text parsed: once numbers beyond f64 are patched, a copy with the same offsets.
        let mut parsed_text = Cow::Borrowed(self.text);
        // The numbers patched that the values parsed so far did not hold, in order.
        let mut huge: Vec<HugeNumber> = Vec::new();
        // Where the stream being parsed starts.
        let mut from = 0;
        'stream: loop {
            let mut values =
                serde_json::Deserializer::from_str(parsed_text.get(from..).unwrap_or_default()).into_iter::<Parsed>();
            loop {
                let start = skip_white_space(self.text, from + values.byte_offset());
                match values.next() {
                    None => break 'stream,
                    Some(Ok(parsed)) => {
                        let end = from + values.byte_offset();
                        let mine: Vec<HugeNumber> = huge.drain(..huge.partition_point(|n| n.offset < end)).collect();
                        self.document(parsed, start, end, mine);
                    }
                    Some(Err(error)) => {
                        let at = error_offset(&parsed_text, from, &error);
                        let patched = parse::patch_huge_numbers(&mut parsed_text, &error, at);
                        if patched.is_empty() {
                            self.syntax_error(&error, from, start, usize::MAX);
                            break 'stream;
                        }
                        // Parse again from this value's start, in the patched text.
                        huge.extend(patched);
                        from = start;
                        continue 'stream;
                    }
                }
            }
        }
    }

    /// Reads one line of JSON Lines, starting at byte `start`.
    fn line(&mut self, start: usize) {
        let text = self.text;
        let rest = text.get(start..).unwrap_or_default();
        // Without its line end, so that a line cut off is reported at its end, not the next line's start.
        let mut line = Cow::Borrowed(rest.split('\n').next().unwrap_or_default().trim_end_matches('\r'));
        if self.plain(start, start + line.len()) {
            return;
        }
        let value_start = skip_white_space(text, start);
        let mut huge = Vec::new();
        loop {
            let end = start + line.len();
            match serde_json::from_str::<Parsed>(&line) {
                Ok(parsed) => return self.document(parsed, value_start, end, huge),
                Err(error) => {
                    let at = error_offset(&line, 0, &error);
                    let patched = parse::patch_huge_numbers(&mut line, &error, at);
                    if patched.is_empty() {
                        return self.syntax_error(&error, start, value_start, end);
                    }
                    huge.extend(patched.into_iter().map(|n| HugeNumber { offset: start + n.offset, ..n }));
                }
            }
        }
    }

    /// Reads the text from byte `from` to `to` on the plain path ([`fast`]) when it is one plain
    /// JSON:API resource object or attributes object: the same record as [`Self::document`]
    /// gives, for a fraction of the work. False (nothing read) otherwise.
    fn plain(&mut self, from: usize, to: usize) -> bool {
        // A lone surrogate escape is reported where it stands: the careful reader's.
        if !self.plain_path || self.lone.front().is_some_and(|lone| lone.offset < to) {
            return false;
        }
        let text = self.text;
        let Some(item) = text.get(from..to).and_then(|text| fast::object(text, from)) else {
            return false;
        };
        let start = skip_white_space(text, from);
        let fast::Item { plain, data_id, set_aside, offsets, resource_object } = item;
        let mut draft = if resource_object {
            let [links, meta, relationships] = set_aside;
            let ignored: Vec<String> = [(links, "/links"), (meta, "/meta"), (relationships, "/relationships")]
                .into_iter()
                .filter(|&(given, _)| given)
                .map(|(_, at)| at.to_owned())
                .collect();
            let envelope = attributes::Envelope { data_id: data_id.map(|id| (id, "/id".to_owned())), relationships };
            let mut draft = draft_of(attributes::read_plain(plain, "/attributes", envelope), "");
            draft.record.diagnostics.splice(0..0, not_metadata(&ignored));
            draft
        } else {
            draft_of(attributes::read_plain(plain, "", attributes::Envelope::default()), "")
        };
        draft.record.tidy();
        let known = |pointer: &str| offsets.offset(pointer, start);
        self.locate(std::slice::from_mut(&mut draft), start, Vec::new(), Some(&known));
        let mut record = draft.record;
        record.origin.index = self.records.len();
        self.records.push(record);
        true
    }

    /// A failed record for a syntax error reported relative to byte `base` of the text, in the
    /// value that ends before byte `end`.
    fn syntax_error(&mut self, error: &serde_json::Error, base: usize, value_start: usize, end: usize) {
        let offset = error_offset(self.text, base, error);
        let message = json::syntax_message(&error.to_string(), error.is_eof());
        let mut record =
            Record::failed(Diagnostic::error(JSON_SYNTAX, message).at(self.lines.location(self.text, offset)));
        record.diagnostics.extend(self.lone_before(end).into_iter().map(|(_, warning)| warning));
        record.origin.line = Some(self.lines.position(self.text, value_start).0);
        record.origin.index = self.records.len();
        self.records.push(record);
    }

    /// Turns one parsed top-level value, from byte `start` to `end`, into records; `huge` are the
    /// numbers beyond f64 in it, which were parsed as `null`.
    fn document(&mut self, parsed: Parsed, start: usize, end: usize, huge: Vec<HugeNumber>) {
        let lone = self.lone_before(end);
        let places = parsed.places(self.text, start, &huge);
        let mut drafts = Vec::new();
        match parsed.value {
            Value::Object(object) if is_document(&object) => jsonapi(object, "", &mut drafts),
            Value::Object(object) if is_resource_object(&object) => drafts.push(data_item(object, "", Vec::new())),
            Value::Object(object) => drafts.push(attributes_draft(object, "", "", attributes::Envelope::default())),
            Value::Array(items) => {
                for (index, item) in items.into_iter().enumerate() {
                    let root = pointer::item("", index);
                    match item {
                        Value::Object(object) if is_document(&object) => jsonapi(object, &root, &mut drafts),
                        Value::Object(object) if is_resource_object(&object) => {
                            drafts.push(data_item(object, &root, Vec::new()))
                        }
                        Value::Object(object) => {
                            drafts.push(attributes_draft(object, &root, &root, attributes::Envelope::default()))
                        }
                        other => drafts.push(not_an_object(&root, &other)),
                    }
                }
                if drafts.is_empty() {
                    let message = "the input is an empty list: it holds no record";
                    drafts.push(Draft::failed("", Diagnostic::error(JSON_NO_RECORDS, message).at(Location::path(""))));
                }
            }
            other => drafts.push(not_an_object("", &other)),
        }
        if !parsed.duplicates.is_empty() || !huge.is_empty() {
            self.value_notes(&mut drafts, parsed.duplicates, places.into_iter().zip(huge), start);
        }
        // Tidied last, when the values' notes are in; its pointers are the model's, which are the
        // source's for a plain attributes object, so `locate` finds many of them.
        for draft in &mut drafts {
            draft.record.tidy();
        }
        self.locate(&mut drafts, start, lone, None);
        for draft in drafts {
            let mut record = draft.record;
            record.origin.index = self.records.len();
            self.records.push(record);
        }
    }

    /// Reports, each in the record whose value holds it, the keys repeated in an object and the
    /// numbers beyond f64 (with the pointer of the `null` they were parsed as, if any).
    fn value_notes(
        &self,
        drafts: &mut [Draft],
        duplicates: Vec<String>,
        huge: impl Iterator<Item = (Option<String>, HugeNumber)>,
        start: usize,
    ) {
        let roots: HashMap<&str, usize> = drafts.iter().enumerate().map(|(i, d)| (d.root.as_str(), i)).collect();
        // The record whose root is the pointer's longest prefix; a value outside every record (a
        // JSON:API document's own members) goes to the first.
        let owner = |pointer: &str| {
            let mut prefix = pointer;
            loop {
                if let Some(&index) = roots.get(prefix) {
                    return index;
                }
                match prefix.rfind('/') {
                    Some(cut) => prefix = prefix.get(..cut).unwrap_or_default(),
                    None => return 0,
                }
            }
        };
        let mut notes: Vec<(usize, Diagnostic)> = Vec::new();
        for duplicate in duplicates {
            let key = json::unescape_segment(duplicate.rsplit('/').next().unwrap_or_default());
            let message = format!("key \"{key}\" occurs more than once in its object; the last value is used");
            notes.push((
                owner(&duplicate),
                Diagnostic::warning(JSON_DUPLICATE_KEY, message).at(Location::path(duplicate)),
            ));
        }
        // The `null` a number was parsed as says nothing more than the number's own note.
        let mut nulls: HashSet<String> = HashSet::new();
        let mut root_starts = None;
        for (place, number) in huge {
            let message = format!(
                "number {} is beyond the range of a 64-bit floating-point number (about ±1.8e308); the value is left out",
                crosswalk_text::message::shorten(&number.spelling, 40)
            );
            let diagnostic = Diagnostic::error(JSON_TYPE, message);
            match place {
                Some(pointer) => {
                    notes.push((owner(&pointer), diagnostic.at(Location::path(pointer.clone()))));
                    nulls.insert(pointer);
                }
                // The value of a key given again later: lost with it, and reported where it
                // stands, in the record whose value starts last before it.
                None => {
                    let starts = root_starts.get_or_insert_with(|| {
                        let wanted: HashSet<String> = roots.keys().map(|root| (*root).to_owned()).collect();
                        let found = json::locate(self.text, start, &wanted);
                        let mut starts: Vec<(usize, usize)> =
                            roots.iter().filter_map(|(root, &i)| found.get(*root).map(|&o| (o, i))).collect();
                        starts.sort_unstable();
                        starts
                    });
                    let before = starts.partition_point(|&(offset, _)| offset <= number.offset);
                    let index = before.checked_sub(1).and_then(|i| starts.get(i)).map_or(0, |&(_, i)| i);
                    notes.push((index, diagnostic.at(self.lines.location(self.text, number.offset))));
                }
            }
        }
        if !nulls.is_empty() {
            for draft in drafts.iter_mut() {
                draft.record.diagnostics.retain(|d| {
                    d.code != codes::VALUE_EMPTY || !d.location.path.as_ref().is_some_and(|p| nulls.contains(p))
                });
            }
        }
        for (index, diagnostic) in notes {
            if let Some(draft) = drafts.get_mut(index) {
                draft.record.push(diagnostic);
            }
        }
    }

    /// Adds `line:column` to the diagnostics whose pointer is found in the value at `start`, and
    /// the line of each record's start to its origin.
    ///
    /// Each of `lone` (lone surrogate escapes, with their offsets) goes to the record whose value
    /// starts last before it (the first record when none does: a JSON:API document's own members).
    ///
    /// `known` gives the offsets of some pointers without a scan (the plain path knows where the
    /// members it read start); the text is scanned only for the others.
    fn locate(&self, drafts: &mut [Draft], start: usize, lone: Vec<(usize, Diagnostic)>, known: Option<&Known<'_>>) {
        // The plain path knows where each member starts: a record whose every pointer it knows
        // is placed without collecting, hashing or searching anything.
        if let (Some(known), true) = (known, lone.is_empty()) {
            if knows_every_pointer(drafts, known) {
                self.place(drafts, |path| if is_pointer(path) { known(path) } else { None });
                return;
            }
        }
        let mut wanted: HashSet<String> = drafts.iter().map(|d| d.root.clone()).collect();
        for draft in drafts.iter() {
            for diagnostic in &draft.record.diagnostics {
                if let (None, Some(path)) = (diagnostic.location.line, &diagnostic.location.path) {
                    if is_pointer(path) {
                        wanted.insert(path.clone());
                    }
                }
            }
        }
        let mut found = HashMap::new();
        if let Some(known) = known {
            wanted.retain(|pointer| match known(pointer) {
                Some(offset) => {
                    found.insert(pointer.clone(), offset);
                    false
                }
                None => true,
            });
        }
        if !wanted.is_empty() {
            found.extend(json::locate(self.text, start, &wanted));
        }
        if !lone.is_empty() {
            let mut starts: Vec<(usize, usize)> =
                drafts.iter().enumerate().filter_map(|(i, d)| found.get(&d.root).map(|&o| (o, i))).collect();
            starts.sort_unstable();
            for (offset, warning) in lone {
                let before = starts.partition_point(|&(root, _)| root <= offset);
                let index = before.checked_sub(1).and_then(|i| starts.get(i)).map_or(0, |&(_, i)| i);
                if let Some(draft) = drafts.get_mut(index) {
                    draft.record.push(warning);
                }
            }
        }
        self.place(drafts, |path| found.get(path).copied());
    }

    /// Gives each draft the line of its root, and each diagnostic without a position the one of
    /// its path, from `offset` (the byte offset of a pointer, when known).
    fn place(&self, drafts: &mut [Draft], offset: impl Fn(&str) -> Option<usize>) {
        for draft in drafts.iter_mut() {
            if let Some(at) = offset(&draft.root) {
                draft.record.origin.line = Some(self.lines.position(self.text, at).0);
            }
            for diagnostic in &mut draft.record.diagnostics {
                let location = &mut diagnostic.location;
                if location.line.is_some() {
                    continue;
                }
                if let Some(at) = location.path.as_deref().and_then(&offset) {
                    let (line, column) = self.lines.position(self.text, at);
                    location.line = Some(line);
                    location.column = Some(column);
                }
                // The empty pointer (the whole value) says nothing a position does not.
                if location.path.as_deref() == Some("") {
                    location.path = None;
                }
            }
        }
    }
}

/// True for a path that is a JSON pointer into the text (the whole value, or from its root).
fn is_pointer(path: &str) -> bool {
    path.is_empty() || path.starts_with('/')
}

/// True when `known` gives the offset of every pointer [`Reader::locate`] wants: each draft's
/// root, and each path of a diagnostic without a position.
fn knows_every_pointer(drafts: &[Draft], known: &Known<'_>) -> bool {
    drafts.iter().all(|draft| {
        known(&draft.root).is_some()
            && draft.record.diagnostics.iter().all(|d| match (d.location.line, d.location.path.as_deref()) {
                (None, Some(path)) if is_pointer(path) => known(path).is_some(),
                _ => true,
            })
    })
}

/// True for a JSON:API document: it has `data` (an object, a list or null), or `errors`.
fn is_document(object: &Map<String, Value>) -> bool {
    matches!(object.get("data"), Some(Value::Object(_) | Value::Array(_) | Value::Null))
        || matches!(object.get("errors"), Some(Value::Array(_)))
}

/// True for a JSON:API resource object on its own, `{"id": …, "type": "dois", "attributes":
/// {…}}`: a list item of a `GET /dois` response as harvest scripts save them one per line, and
/// the records of DataCite's public data file. (An attributes object never has an `attributes`
/// member.)
fn is_resource_object(object: &Map<String, Value>) -> bool {
    matches!(object.get("attributes"), Some(Value::Object(_)))
        && (object.get("type").and_then(Value::as_str) == Some("dois") || object.contains_key("id"))
}

/// Reads a JSON:API document found at `root`.
fn jsonapi(document: Map<String, Value>, root: &str, drafts: &mut Vec<Draft>) {
    let mut data = None;
    let mut errors = None;
    let mut ignored = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in document {
        match key.as_str() {
            "data" => data = Some(value),
            "errors" => errors = Some(value),
            "included" | "meta" | "links" | "jsonapi" => ignored.push(pointer::child(root, &key)),
            _ => unknown.push((pointer::child(root, &key), key, value)),
        }
    }
    let first = drafts.len();
    let data_root = pointer::child(root, "data");
    match data {
        Some(Value::Object(item)) => drafts.push(data_item(item, &data_root, ignored)),
        Some(Value::Array(items)) => {
            let mut document_notes = Some(ignored);
            for (index, item) in items.into_iter().enumerate() {
                let item_root = pointer::item(&data_root, index);
                match item {
                    Value::Object(item) => {
                        drafts.push(data_item(item, &item_root, document_notes.take().unwrap_or_default()))
                    }
                    other => drafts.push(not_an_object(&item_root, &other)),
                }
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => drafts.push(not_an_object(&data_root, &other)),
    }
    if let Some(errors) = errors {
        let message = format!("the document is a JSON:API error response: {}", api_errors(&errors));
        let diagnostic = Diagnostic::error(JSON_API_ERRORS, message).at(Location::path(pointer::child(root, "errors")));
        match drafts.get_mut(first) {
            Some(draft) => draft.record.push(diagnostic),
            None => drafts.push(Draft::failed(root, diagnostic)),
        }
    }
    if drafts.len() == first {
        let message = "the JSON:API document's data is empty: it holds no record";
        drafts.push(Draft::failed(root, Diagnostic::error(JSON_NO_RECORDS, message).at(Location::path(data_root))));
    }
    if let Some(draft) = drafts.get_mut(first) {
        for (at, key, value) in unknown {
            if !value.is_null() {
                let message = format!("member \"{key}\" of the JSON:API document is not understood; it is ignored");
                draft.record.push(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(Location::path(at)));
            }
        }
    }
}

/// The titles and details of a JSON:API `errors` list, for a message.
fn api_errors(errors: &Value) -> String {
    let texts: Vec<String> = errors
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|e| {
                    let parts: Vec<&str> = ["status", "title", "detail"]
                        .iter()
                        .filter_map(|k| e.get(*k).and_then(Value::as_str))
                        .collect();
                    (!parts.is_empty()).then(|| parts.join(" "))
                })
                .collect()
        })
        .unwrap_or_default();
    if texts.is_empty() {
        clean::show(errors)
    } else {
        texts.join("; ")
    }
}

/// Reads one JSON:API resource object (`{"type": "dois", "id": …, "attributes": …}`) at `root`;
/// `ignored` are pointers of document members already set aside.
fn data_item(item: Map<String, Value>, root: &str, mut ignored: Vec<String>) -> Draft {
    let mut notes = Vec::new();
    let mut attributes = Map::new();
    let mut id = None;
    let mut relationships = false;
    for (key, value) in item {
        let at = pointer::child(root, &key);
        match (key.as_str(), value) {
            ("attributes", Value::Object(object)) => attributes = object,
            ("attributes", Value::Null) => {}
            ("attributes", other) => notes.push(
                Diagnostic::error(
                    JSON_TYPE,
                    format!("attributes must be an object, not {}; no attribute is read", clean::show(&other)),
                )
                .at(Location::path(at)),
            ),
            ("id", Value::String(text)) => id = Some((text, at)),
            ("id", Value::Null) => {}
            ("type", Value::String(kind)) if kind == "dois" => {}
            ("type", other) => notes.push(
                Diagnostic::warning(
                    JSON_DATA_TYPE,
                    format!(
                        "data type is {}, not \"dois\"; its attributes are read as DOI metadata",
                        clean::show(&other)
                    ),
                )
                .at(Location::path(at)),
            ),
            ("relationships", _) => {
                relationships = true;
                ignored.push(at);
            }
            ("links" | "meta", _) => ignored.push(at),
            (_, value) if value.is_null() => {}
            (_, _) => notes.push(
                Diagnostic::warning(
                    codes::FIELD_UNMAPPED,
                    format!("member \"{key}\" of the JSON:API data is not understood; it is ignored"),
                )
                .at(Location::path(at)),
            ),
        }
    }
    notes.extend(not_metadata(&ignored));
    let envelope = attributes::Envelope { data_id: id, relationships };
    let mut draft = attributes_draft(attributes, &pointer::child(root, "attributes"), root, envelope);
    draft.record.diagnostics.splice(0..0, notes);
    draft
}

/// The note on the JSON:API members set aside (their pointers), if any.
fn not_metadata(ignored: &[String]) -> Option<Diagnostic> {
    let first = ignored.first()?;
    let names: Vec<&str> = ignored.iter().filter_map(|p| p.rsplit('/').next()).collect();
    let message = format!("JSON:API members that are not metadata were ignored: {}", names.join(", "));
    Some(Diagnostic::info(JSON_NOT_METADATA, message).at(Location::path(first.clone())))
}

/// A record read from an attributes object at pointer `prefix`; `root` is the pointer of the
/// value the record comes from.
fn attributes_draft(object: Map<String, Value>, prefix: &str, root: &str, envelope: attributes::Envelope) -> Draft {
    draft_of(attributes::read(object, prefix, envelope), root)
}

/// The record of what an attributes object read gave; `root` is the pointer of the value the
/// record comes from.
fn draft_of(read: attributes::Read, root: &str) -> Draft {
    let mut record = Record::new(read.resource);
    record.diagnostics = read.diagnostics;
    record.origin.key = record.resource.doi.clone();
    record.origin.schema = read.schema;
    record.origin.document = read.document;
    record.origin.request = read.request;
    Draft { record, root: root.to_owned() }
}

/// A failed record for a value that is not an object.
fn not_an_object(root: &str, value: &Value) -> Draft {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    let message = format!(
        "expected a DataCite JSON object here, found {kind} ({}); no record can be read from it",
        clean::show(value)
    );
    Draft::failed(root, Diagnostic::error(JSON_SHAPE, message).at(Location::path(root)))
}

/// The byte offset of a `serde_json` error whose line and column count from byte `base`.
fn error_offset(text: &str, base: usize, error: &serde_json::Error) -> usize {
    let rest = text.get(base..).unwrap_or_default();
    let line_start = rest.split_inclusive('\n').take(error.line().saturating_sub(1)).map(str::len).sum::<usize>();
    let line = rest.get(line_start..).unwrap_or_default();
    let line_len = line.find('\n').unwrap_or(line.len());
    // serde_json counts columns in bytes, and points at the last byte it read.
    base + line_start + error.column().saturating_sub(1).min(line_len)
}

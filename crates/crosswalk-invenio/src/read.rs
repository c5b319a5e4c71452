//! InvenioRDM record JSON → the DataCite model, as InvenioRDM's DataCite serializer maps it.

use std::collections::HashSet;
use std::io::BufRead;

use crosswalk_model::{
    codes, Affiliation, AlternateIdentifier, Contributor, ContributorType, Coordinate, Creator, Date, DateType,
    Description, DescriptionType, Diagnostic, FunderIdentifierType, FundingReference, GeoBox, GeoLocation, Location,
    NameIdentifier, NameType, Point, Polygon, Publisher, Record, RelatedIdentifier, RelatedIdentifierType,
    RelationType, Resource, ResourceTypeGeneral, Rights, Subject, Title, TitleType, Vocabulary,
};
use crosswalk_text::json_items::JsonRecords;
use crosswalk_text::{json, JsonItem, LineIndex};
use serde_json::{Map, Value};

use crate::vocab::{self, Table};
use crate::{
    INVENIO_COPYRIGHT_URI, INVENIO_IO, INVENIO_NOT_A_RECORD, INVENIO_NO_RECORDS, INVENIO_SYNTAX, INVENIO_TOO_LARGE,
    INVENIO_TYPE, MAX_DIAGNOSTICS, MAX_DOCUMENT_BYTES,
};

/// Reads InvenioRDM record JSON: one record (whole, or its bare `metadata` object), a JSON array
/// of them, or JSON Lines; one [`Record`] per item, never a panic.
///
/// ```
/// let json = br#"{"id": "abcd-1234", "pids": {"doi": {"identifier": "10.5281/zenodo.1", "provider": "datacite"}},
///   "metadata": {"resource_type": {"id": "dataset"}, "title": "Ice cores",
///     "creators": [{"person_or_org": {"type": "personal", "name": "Berg, Ana", "given_name": "Ana", "family_name": "Berg"}}],
///     "publisher": "Zenodo", "publication_date": "2024-03-01"}}"#;
/// let records = crosswalk_invenio::read(json);
/// let r = &records[0].resource;
/// assert_eq!(r.doi.as_deref(), Some("10.5281/zenodo.1"));
/// assert_eq!(r.types.resource_type_general.as_ref().unwrap().as_str(), "Dataset");
/// assert_eq!(r.publication_year.as_deref(), Some("2024"));
/// assert_eq!(records[0].origin.key.as_deref(), Some("abcd-1234"));
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    let input = crosswalk_text::json_items::WholeInput {
        max_bytes: MAX_DOCUMENT_BYTES,
        too_large_code: INVENIO_TOO_LARGE,
        document: "InvenioRDM document",
        advice: "read it as a stream, which holds one record at a time",
        empty_code: INVENIO_NO_RECORDS,
        empty_message: "the input holds no InvenioRDM record: it is empty or an empty list",
    };
    crosswalk_text::json_items::read_whole(bytes, &input, |text| Reader::new(text).collect())
}

/// Reads the records of an InvenioRDM JSON stream one at a time (an array's elements, or each
/// value of JSON Lines), holding one item of at most [`MAX_DOCUMENT_BYTES`]; an item over it is
/// one failed record (`input.item-too-large`) and the items after it are read.
///
/// ```
/// let input = "{\"metadata\": {\"title\": \"One\"}}\n{\"metadata\": {\"title\": \"Two\"}}\n";
/// let records: Vec<_> = crosswalk_invenio::Reader::new(input.as_bytes()).collect();
/// assert_eq!(records[1].resource.titles[0].title, "Two");
/// assert_eq!(records[1].origin.line, Some(2));
/// ```
pub struct Reader<R> {
    records: JsonRecords<R, fn(&JsonItem, bool) -> Record>,
}

impl<R: BufRead> Reader<R> {
    /// A reader of the InvenioRDM JSON stream `input`.
    pub fn new(input: R) -> Self {
        Reader { records: JsonRecords::new(input, MAX_DOCUMENT_BYTES, INVENIO_IO, read_item) }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.records.next()
    }
}

/// Reads one item into a record placed in the whole input.
fn read_item(item: &JsonItem, in_array: bool) -> Record {
    let root = if in_array { format!("/{}", item.index) } else { String::new() };
    let Some(bytes) = item.bytes() else {
        let message = item.too_large_message().unwrap_or_default();
        let location = Location::at(item.line, item.column).with_path(root);
        let mut record = Record::failed(Diagnostic::error(crosswalk_text::ITEM_TOO_LARGE, message).at(location));
        record.origin.line = Some(item.line);
        return record;
    };
    let decoded = crosswalk_text::decode(bytes);
    let (text, lone) = json::patch_lone_surrogates(&decoded.text);
    let text: &str = &text;
    let mut record = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => {
            let mut mapper = Mapper::default();
            mapper.record(&object);
            let mut record = Record::new(mapper.resource);
            record.diagnostics = mapper.diagnostics;
            record.origin.key = mapper.key;
            record.tidy();
            record
        }
        Ok(other) => {
            let shown: String = other.to_string().chars().take(60).collect();
            let message = format!(
                "expected an InvenioRDM record (a JSON object) here, found {shown}; no record can be read from it"
            );
            Record::failed(Diagnostic::error(INVENIO_NOT_A_RECORD, message).at(Location::at(1, 1).with_path("")))
        }
        Err(error) => syntax_error(text, &error),
    };
    record.diagnostics.splice(0..0, decoded.diagnostics);
    if !lone.is_empty() {
        let lines = LineIndex::new(text);
        record.diagnostics.extend(lone.iter().map(|&lone| json::lone_surrogate_warning(text, &lines, lone)));
    }
    record.truncate_diagnostics(MAX_DIAGNOSTICS, crate::INVENIO_DIAGNOSTICS_TRUNCATED);
    place(&mut record, text, item, &root);
    record.origin.line = Some(item.line);
    record
}

/// A failed record for broken JSON, at the position serde_json names (columns in characters).
fn syntax_error(text: &str, error: &serde_json::Error) -> Record {
    let message = json::syntax_message(&error.to_string(), error.is_eof());
    let line_text = text.lines().nth(error.line().saturating_sub(1)).unwrap_or_default();
    let column = line_text.get(..error.column().min(line_text.len())).map_or(error.column(), |s| s.chars().count());
    let line = u32::try_from(error.line().max(1)).unwrap_or(u32::MAX);
    let column = u32::try_from(column.max(1)).unwrap_or(u32::MAX);
    Record::failed(Diagnostic::error(INVENIO_SYNTAX, message).at(Location::at(line, column).with_path("")))
}

/// Gives every diagnostic of an item its line and column in the whole input, from its pointer,
/// and prefixes the pointer with the item's index in a top-level array.
fn place(record: &mut Record, text: &str, item: &JsonItem, root: &str) {
    let shift = |(line, column): (u32, u32)| {
        let column = if line == 1 { column.saturating_add(item.column.saturating_sub(1)) } else { column };
        (line.saturating_add(item.line.saturating_sub(1)), column)
    };
    let wanted: HashSet<String> = record
        .diagnostics
        .iter()
        .filter(|d| d.location.line.is_none())
        .filter_map(|d| d.location.path.clone())
        .collect();
    let found = if wanted.is_empty() { Default::default() } else { json::locate(text, 0, &wanted) };
    let lines = (!found.is_empty()).then(|| LineIndex::new(text));
    for diagnostic in &mut record.diagnostics {
        let location = &mut diagnostic.location;
        match (location.line, &location.path, &lines) {
            (None, Some(path), Some(lines)) => {
                if let Some(&offset) = found.get(path) {
                    let (line, column) = shift(lines.position(text, offset));
                    location.line = Some(line);
                    location.column = Some(column);
                }
            }
            (Some(line), _, _) => {
                let (line, column) = shift((line, location.column.unwrap_or(1)));
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
    record.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(u32::MAX), d.location.column.unwrap_or(u32::MAX)));
}

/// Keys of a whole record that are the repository's bookkeeping, not metadata of the work: read
/// past without a note.
const BOOKKEEPING: &[&str] = &[
    "$schema",
    "access",
    "created",
    "custom_fields",
    "deletion_status",
    "expanded",
    "files",
    "id",
    "is_draft",
    "is_published",
    "media_files",
    "pid",
    "provenance",
    "revision_id",
    "stats",
    "status",
    "swh",
    "tombstone",
    "uuid",
    "version_id",
    "versions",
    "conceptdoi",
    "conceptrecid",
    "recid",
    "owners",
];

/// The keys of `metadata` the reader maps (each has a row on the crosswalk page).
pub const METADATA_KEYS: &[&str] = &[
    "resource_type",
    "creators",
    "title",
    "additional_titles",
    "publisher",
    "publication_date",
    "subjects",
    "contributors",
    "dates",
    "languages",
    "identifiers",
    "related_identifiers",
    "sizes",
    "formats",
    "version",
    "rights",
    "copyright",
    "description",
    "additional_descriptions",
    "locations",
    "funding",
    "references",
];

/// True when `key` is a top-level key of a whole record or of a bare metadata object that the
/// reader knows (for the facade's fit of catalog items).
///
/// ```
/// assert!(crosswalk_invenio::is_known_key("resource_type"));
/// assert!(crosswalk_invenio::is_known_key("pids"));
/// assert!(!crosswalk_invenio::is_known_key("titles"));
/// ```
pub fn is_known_key(key: &str) -> bool {
    matches!(key, "metadata" | "pids" | "links" | "parent" | "updated")
        || BOOKKEEPING.contains(&key)
        || METADATA_KEYS.contains(&key)
}

#[derive(Default)]
struct Mapper {
    resource: Resource,
    diagnostics: Vec<Diagnostic>,
    key: Option<String>,
}

/// A pointer below `base`.
fn at(base: &str, key: &str) -> String {
    let mut pointer = base.to_owned();
    json::push_key(&mut pointer, key);
    pointer
}

fn at_index(base: &str, index: usize) -> String {
    let mut pointer = base.to_owned();
    json::push_index(&mut pointer, index);
    pointer
}

/// A short JSON type name for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl Mapper {
    fn note(&mut self, diagnostic: Diagnostic, pointer: &str) {
        self.diagnostics.push(diagnostic.at(Location::path(pointer)));
    }

    fn wrong_type(&mut self, value: &Value, expected: &str, pointer: &str) {
        let message = format!("expected {expected} here, found {}; not read", kind(value));
        self.note(Diagnostic::warning(INVENIO_TYPE, message), pointer);
    }

    /// A text value (a number is read as its digits); `None` for null and for other types, which
    /// are reported.
    fn text(&mut self, value: Option<&Value>, pointer: &str) -> Option<String> {
        match value? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => {
                self.wrong_type(other, "a string", pointer);
                None
            }
        }
    }

    fn list<'v>(&mut self, value: Option<&'v Value>, pointer: &str) -> &'v [Value] {
        match value {
            Some(Value::Array(items)) => items,
            None | Some(Value::Null) => &[],
            Some(other) => {
                self.wrong_type(other, "a list", pointer);
                &[]
            }
        }
    }

    fn object<'v>(&mut self, value: Option<&'v Value>, pointer: &str) -> Option<&'v Map<String, Value>> {
        match value? {
            Value::Object(map) => Some(map),
            Value::Null => None,
            other => {
                self.wrong_type(other, "an object", pointer);
                None
            }
        }
    }

    /// The `id` of a vocabulary reference (`{"id": "dataset", "title": {…}}`).
    fn vocabulary_id(&mut self, value: Option<&Value>, pointer: &str) -> Option<String> {
        let object = self.object(value, pointer)?;
        self.text(object.get("id"), &at(pointer, "id"))
    }

    /// A vocabulary id looked up in `table`: its DataCite value, or the id itself, reported,
    /// when the vocabulary does not have it.
    fn vocabulary<V: Vocabulary>(&mut self, table: Table, value: Option<&Value>, pointer: &str) -> Option<V> {
        let id = self.vocabulary_id(value, pointer)?;
        match vocab::datacite_of(table, &id) {
            Some(datacite) => Some(V::from_exact(datacite)),
            None => {
                let message =
                    format!("{:?} is not an id of InvenioRDM's vocabulary for {}; kept as written", id, V::PROPERTY);
                self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), &at(pointer, "id"));
                Some(V::unknown(&id))
            }
        }
    }

    /// A language reference (`{"id": "eng"}`: InvenioRDM's languages are ISO 639-3) as the BCP 47
    /// tag DataCite's `language` and `lang` take (`en`), the change noted; an id that is no
    /// language is kept as written and reported.
    fn language(&mut self, value: Option<&Value>, pointer: &str) -> Option<String> {
        let id = self.vocabulary_id(value, pointer)?;
        let id_pointer = at(pointer, "id");
        match crosswalk_rules::languages::language_tag(&id) {
            Some(tag) if tag.tag == id => Some(id),
            Some(tag) => {
                let message = format!(
                    "the language {id:?} (ISO 639-3, as InvenioRDM names languages) is the BCP 47 tag {:?}",
                    tag.tag
                );
                self.note(Diagnostic::info(codes::VALUE_NORMALISED, message), &id_pointer);
                Some(tag.tag)
            }
            None => {
                let message = format!("{id:?} is not a language code; kept as written");
                self.note(Diagnostic::warning(codes::VALUE_INVALID, message), &id_pointer);
                Some(id)
            }
        }
    }

    /// A multilingual text (`{"en": "…", "de": "…"}`): English, else the first language given.
    fn i18n(&mut self, value: Option<&Value>, pointer: &str) -> Option<String> {
        match value? {
            Value::String(s) => Some(s.clone()),
            Value::Object(map) => {
                let (language, text) = map.get_key_value("en").or_else(|| map.iter().next())?;
                self.text(Some(text), &at(pointer, language))
            }
            Value::Null => None,
            other => {
                self.wrong_type(other, "an object of texts by language", pointer);
                None
            }
        }
    }

    fn unmapped(&mut self, object: &Map<String, Value>, known: &[&str], pointer: &str) {
        for key in object.keys().filter(|k| !known.contains(&k.as_str())) {
            let message = format!("\"{key}\" has no place in the DataCite model; not carried over");
            self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &at(pointer, key));
        }
    }

    fn record(&mut self, object: &Map<String, Value>) {
        // A whole record holds its metadata under `metadata`; a bare metadata object is it.
        let Some(Value::Object(metadata)) = object.get("metadata") else {
            self.metadata(object, "");
            return;
        };
        self.key = self.text(object.get("id"), "/id");
        if let Some(pids) = self.object(object.get("pids"), "/pids") {
            for (scheme, pid) in pids {
                let pointer = at("/pids", scheme);
                let Some(pid) = self.object(Some(pid), &pointer) else { continue };
                let Some(identifier) = self.text(pid.get("identifier"), &at(&pointer, "identifier")) else { continue };
                if scheme == "doi" {
                    self.resource.doi = Some(identifier);
                } else {
                    self.resource.alternate_identifiers.push(AlternateIdentifier {
                        alternate_identifier: identifier,
                        alternate_identifier_type: Some(scheme.clone()),
                    });
                }
            }
        }
        if let Some(links) = self.object(object.get("links"), "/links") {
            self.resource.url = self.text(links.get("self_html"), "/links/self_html");
        }
        self.metadata(metadata, "/metadata");
        // The serializer's version relation: a version's record names its concept's DOI.
        if let Some(parent) = self.object(object.get("parent"), "/parent") {
            let doi = parent.get("pids").and_then(|p| p.get("doi")).and_then(|d| d.get("identifier"));
            if let Some(doi) = self.text(doi, "/parent/pids/doi/identifier") {
                if self.resource.doi.as_deref() != Some(doi.as_str()) {
                    self.resource.related_identifiers.push(RelatedIdentifier {
                        related_identifier: doi,
                        related_identifier_type: Some(RelatedIdentifierType::from_exact("DOI")),
                        relation_type: Some(RelationType::from_exact("IsVersionOf")),
                        ..RelatedIdentifier::default()
                    });
                }
            }
        }
        // As the serializer does: the record's last update is an `Updated` date unless the
        // metadata gives one.
        if let Some(updated) = self.text(object.get("updated"), "/updated") {
            let has_updated =
                self.resource.dates.iter().any(|d| d.date_type.as_ref().is_some_and(|t| t.as_str() == "Updated"));
            let day = updated.split('T').next().unwrap_or_default().to_owned();
            if !has_updated && !day.is_empty() {
                self.resource.dates.push(Date {
                    date: day,
                    date_type: Some(DateType::from_exact("Updated")),
                    date_information: None,
                });
            }
        }
        let mut known: Vec<&str> = BOOKKEEPING.to_vec();
        known.extend(["metadata", "pids", "links", "parent", "updated"]);
        self.unmapped(object, &known, "");
    }

    fn metadata(&mut self, m: &Map<String, Value>, base: &str) {
        let p = |key: &str| at(base, key);
        self.resource_type(m.get("resource_type"), &p("resource_type"));
        let creators = self.list(m.get("creators"), &p("creators"));
        for (i, value) in creators.iter().enumerate() {
            if let Some(creator) = self.person(value, &at_index(&p("creators"), i), false) {
                self.resource.creators.push(Creator {
                    name: creator.name,
                    name_type: creator.name_type,
                    given_name: creator.given_name,
                    family_name: creator.family_name,
                    lang: None,
                    name_identifiers: creator.name_identifiers,
                    affiliation: creator.affiliation,
                });
            }
        }
        if let Some(title) = self.text(m.get("title"), &p("title")) {
            self.resource.titles.push(Title { title: strip_html(&title), title_type: None, lang: None });
        }
        for (i, value) in self.list(m.get("additional_titles"), &p("additional_titles")).iter().enumerate() {
            let pointer = at_index(&p("additional_titles"), i);
            let Some(object) = self.object(Some(value), &pointer) else { continue };
            let Some(title) = self.text(object.get("title"), &at(&pointer, "title")) else { continue };
            let title_type =
                self.vocabulary::<TitleType>(vocab::TITLE_TYPES, object.get("type"), &at(&pointer, "type"));
            let lang = self.language(object.get("lang"), &at(&pointer, "lang"));
            self.resource.titles.push(Title { title: strip_html(&title), title_type, lang });
        }
        if let Some(publisher) = self.text(m.get("publisher"), &p("publisher")) {
            self.resource.publisher = Some(Publisher::named(publisher));
        }
        if let Some(date) = self.text(m.get("publication_date"), &p("publication_date")) {
            // EDTF: a day, month, year or an interval; the year is the lower bound's.
            let year: String = date.trim().chars().take_while(char::is_ascii_digit).collect();
            if year.len() == 4 {
                self.resource.publication_year = Some(year);
            } else {
                let message = format!("the publication date {date:?} does not start with a year; no publicationYear");
                self.note(Diagnostic::warning(codes::VALUE_INVALID, message), &p("publication_date"));
            }
            self.resource.dates.push(Date {
                date,
                date_type: Some(DateType::from_exact("Issued")),
                date_information: None,
            });
        }
        self.subjects(m.get("subjects"), &p("subjects"));
        let contributors = self.list(m.get("contributors"), &p("contributors"));
        for (i, value) in contributors.iter().enumerate() {
            if let Some(c) = self.person(value, &at_index(&p("contributors"), i), true) {
                self.resource.contributors.push(Contributor {
                    name: c.name,
                    name_type: c.name_type,
                    given_name: c.given_name,
                    family_name: c.family_name,
                    lang: None,
                    name_identifiers: c.name_identifiers,
                    affiliation: c.affiliation,
                    contributor_type: c.role,
                });
            }
        }
        for (i, value) in self.list(m.get("dates"), &p("dates")).iter().enumerate() {
            let pointer = at_index(&p("dates"), i);
            let Some(object) = self.object(Some(value), &pointer) else { continue };
            let Some(date) = self.text(object.get("date"), &at(&pointer, "date")) else { continue };
            let date_type = self.vocabulary::<DateType>(vocab::DATE_TYPES, object.get("type"), &at(&pointer, "type"));
            let date_information = self.text(object.get("description"), &at(&pointer, "description"));
            self.resource.dates.push(Date { date, date_type, date_information });
        }
        for (i, value) in self.list(m.get("languages"), &p("languages")).iter().enumerate() {
            let pointer = at_index(&p("languages"), i);
            let Some(language) = self.language(Some(value), &pointer) else { continue };
            if self.resource.language.is_none() {
                self.resource.language = Some(language);
            } else {
                let message = format!("DataCite has one language; {language:?} is not carried over");
                self.note(Diagnostic::warning(codes::FIELD_REPEATED, message), &pointer);
            }
        }
        for (i, value) in self.list(m.get("identifiers"), &p("identifiers")).iter().enumerate() {
            let pointer = at_index(&p("identifiers"), i);
            let Some((identifier, scheme)) = self.scheme_identifier(value, &pointer) else { continue };
            let kind = scheme
                .as_deref()
                .map(|s| vocab::datacite_of(vocab::IDENTIFIER_SCHEMES, s).map_or(s.to_owned(), str::to_owned));
            self.resource
                .alternate_identifiers
                .push(AlternateIdentifier { alternate_identifier: identifier, alternate_identifier_type: kind });
        }
        self.related_identifiers(m.get("related_identifiers"), &p("related_identifiers"));
        for (key, list) in [("sizes", 0), ("formats", 1)] {
            for (i, value) in self.list(m.get(key), &p(key)).iter().enumerate() {
                if let Some(text) = self.text(Some(value), &at_index(&p(key), i)) {
                    if list == 0 {
                        self.resource.sizes.push(text);
                    } else {
                        self.resource.formats.push(text);
                    }
                }
            }
        }
        self.resource.version = self.text(m.get("version"), &p("version"));
        self.rights(m.get("rights"), &p("rights"));
        if let Some(copyright) = self.text(m.get("copyright"), &p("copyright")) {
            self.resource.rights_list.push(Rights {
                rights: Some(copyright),
                rights_uri: Some(INVENIO_COPYRIGHT_URI.to_owned()),
                ..Rights::default()
            });
        }
        if let Some(description) = self.text(m.get("description"), &p("description")) {
            let description = self.html(&description, &p("description"));
            self.resource.descriptions.push(Description {
                description,
                description_type: Some(DescriptionType::from_exact("Abstract")),
                lang: None,
            });
        }
        for (i, value) in self.list(m.get("additional_descriptions"), &p("additional_descriptions")).iter().enumerate()
        {
            let pointer = at_index(&p("additional_descriptions"), i);
            let Some(object) = self.object(Some(value), &pointer) else { continue };
            let Some(text) = self.text(object.get("description"), &at(&pointer, "description")) else { continue };
            let description = self.html(&text, &at(&pointer, "description"));
            let description_type =
                self.vocabulary::<DescriptionType>(vocab::DESCRIPTION_TYPES, object.get("type"), &at(&pointer, "type"));
            let lang = self.language(object.get("lang"), &at(&pointer, "lang"));
            self.resource.descriptions.push(Description { description, description_type, lang });
        }
        self.locations(m.get("locations"), &p("locations"));
        self.funding(m.get("funding"), &p("funding"));
        if m.get("references").is_some_and(|r| r.as_array().is_some_and(|a| !a.is_empty())) {
            let message = "references (free-text citations) have no place in DataCite's model, as InvenioRDM's DataCite export also leaves them out; not carried over";
            self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &p("references"));
        }
        self.unmapped(m, METADATA_KEYS, base);
    }

    fn resource_type(&mut self, value: Option<&Value>, pointer: &str) {
        let Some(id) = self.vocabulary_id(value, pointer) else { return };
        match vocab::resource_type(&id) {
            Some(t) => {
                self.resource.types.resource_type_general = Some(ResourceTypeGeneral::from_exact(t.general));
                self.resource.types.resource_type = (!t.datacite_type.is_empty()).then(|| t.datacite_type.to_owned());
            }
            None => {
                let message = format!(
                    "{id:?} is not an id of InvenioRDM's resource types; resourceTypeGeneral Other, the id kept as resourceType"
                );
                self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), &at(pointer, "id"));
                self.resource.types.resource_type_general = Some(ResourceTypeGeneral::from_exact("Other"));
                self.resource.types.resource_type = Some(id);
            }
        }
    }

    /// `{"identifier": …, "scheme": …}`.
    fn scheme_identifier(&mut self, value: &Value, pointer: &str) -> Option<(String, Option<String>)> {
        let object = self.object(Some(value), pointer)?;
        let identifier = self.text(object.get("identifier"), &at(pointer, "identifier"))?;
        let scheme = self.text(object.get("scheme"), &at(pointer, "scheme"));
        Some((identifier, scheme))
    }

    fn person(&mut self, value: &Value, pointer: &str, contributor: bool) -> Option<Person> {
        let entry = self.object(Some(value), pointer)?;
        let po_pointer = at(pointer, "person_or_org");
        let po = self.object(entry.get("person_or_org"), &po_pointer);
        let mut person = Person::default();
        if let Some(po) = po {
            let given = self.text(po.get("given_name"), &at(&po_pointer, "given_name"));
            let family = self.text(po.get("family_name"), &at(&po_pointer, "family_name"));
            person.name_type = match self.text(po.get("type"), &at(&po_pointer, "type")).as_deref() {
                Some("personal") => Some(NameType::from_exact("Personal")),
                Some("organizational") => Some(NameType::from_exact("Organizational")),
                Some(other) => {
                    let message = format!("{other:?} is neither personal nor organizational; no nameType");
                    self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), &at(&po_pointer, "type"));
                    None
                }
                None => None,
            };
            // InvenioRDM writes `Family, Given` as the name of a person; one given without a
            // name is composed the same way.
            person.name =
                self.text(po.get("name"), &at(&po_pointer, "name")).unwrap_or_else(|| match (&family, &given) {
                    (Some(f), Some(g)) => format!("{f}, {g}"),
                    (Some(f), None) => f.clone(),
                    (None, Some(g)) => g.clone(),
                    (None, None) => String::new(),
                });
            person.given_name = given;
            person.family_name = family;
            for (i, id) in self.list(po.get("identifiers"), &at(&po_pointer, "identifiers")).iter().enumerate() {
                let id_pointer = at_index(&at(&po_pointer, "identifiers"), i);
                let Some((identifier, scheme)) = self.scheme_identifier(id, &id_pointer) else { continue };
                let scheme = scheme.map(|s| match s.as_str() {
                    "orcid" => "ORCID".to_owned(),
                    "isni" => "ISNI".to_owned(),
                    "gnd" => "GND".to_owned(),
                    "ror" => "ROR".to_owned(),
                    _ => s,
                });
                person.name_identifiers.push(NameIdentifier {
                    name_identifier: identifier,
                    name_identifier_scheme: scheme,
                    scheme_uri: None,
                });
            }
        }
        for (i, value) in self.list(entry.get("affiliations"), &at(pointer, "affiliations")).iter().enumerate() {
            let a_pointer = at_index(&at(pointer, "affiliations"), i);
            let Some(a) = self.object(Some(value), &a_pointer) else { continue };
            let name = self.text(a.get("name"), &at(&a_pointer, "name")).unwrap_or_default();
            let mut affiliation = Affiliation { name, ..Affiliation::default() };
            if let Some(id) = self.text(a.get("id"), &at(&a_pointer, "id")) {
                // The affiliations vocabulary is ROR's: its ids are ROR ids, which the
                // serializer writes as ROR URLs.
                if is_ror_id(&id) {
                    affiliation.affiliation_identifier = Some(format!("https://ror.org/{id}"));
                    affiliation.affiliation_identifier_scheme = Some("ROR".to_owned());
                    affiliation.scheme_uri = Some("https://ror.org".to_owned());
                } else {
                    affiliation.affiliation_identifier = Some(id);
                }
            }
            person.affiliation.push(affiliation);
        }
        if contributor {
            person.role = self.vocabulary::<ContributorType>(vocab::ROLES, entry.get("role"), &at(pointer, "role"));
        } else if entry.get("role").is_some_and(|r| !r.is_null()) {
            let message = "a creator's role has no place in DataCite (creators have none); not carried over";
            self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &at(pointer, "role"));
        }
        Some(person)
    }

    fn subjects(&mut self, value: Option<&Value>, pointer: &str) {
        for (i, value) in self.list(value, pointer).iter().enumerate() {
            let s_pointer = at_index(pointer, i);
            let Some(s) = self.object(Some(value), &s_pointer) else { continue };
            let subject = self.text(s.get("subject"), &at(&s_pointer, "subject"));
            let id = self.text(s.get("id"), &at(&s_pointer, "id"));
            let scheme = self.text(s.get("scheme"), &at(&s_pointer, "scheme"));
            let Some(subject) = subject.or_else(|| id.clone()) else { continue };
            let is_uri = |id: &String| id.starts_with("http://") || id.starts_with("https://");
            if let Some(id) = id.as_ref().filter(|id| !is_uri(id) && **id != subject) {
                // A vocabulary's own id (`euroscivoc:425`): DataCite's subject holds a
                // valueURI, not an id of InvenioRDM's vocabularies.
                let message = format!(
                    "the subject id {id:?} is no URI, which is all DataCite's valueURI holds; not carried over"
                );
                self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &at(&s_pointer, "id"));
            }
            let value_uri = id.filter(is_uri);
            self.resource.subjects.push(Subject { subject, subject_scheme: scheme, value_uri, ..Subject::default() });
        }
    }

    fn related_identifiers(&mut self, value: Option<&Value>, pointer: &str) {
        for (i, value) in self.list(value, pointer).iter().enumerate() {
            let r_pointer = at_index(pointer, i);
            let Some((identifier, scheme)) = self.scheme_identifier(value, &r_pointer) else { continue };
            let Some(object) = value.as_object() else { continue };
            let related_identifier_type = scheme.map(|s| {
                let datacite = vocab::datacite_of(vocab::IDENTIFIER_SCHEMES, &s).unwrap_or(&s);
                let (kind, _) = RelatedIdentifierType::lookup(datacite);
                if !kind.is_known() {
                    let message = format!("the scheme {s:?} is no DataCite relatedIdentifierType; kept as written");
                    self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), &at(&r_pointer, "scheme"));
                }
                kind
            });
            let relation_type = self.vocabulary::<RelationType>(
                vocab::RELATION_TYPES,
                object.get("relation_type"),
                &at(&r_pointer, "relation_type"),
            );
            let resource_type_general = self
                .vocabulary_id(object.get("resource_type"), &at(&r_pointer, "resource_type"))
                .map(|id| match vocab::resource_type(&id) {
                    Some(t) => ResourceTypeGeneral::from_exact(t.general),
                    None => {
                        let message =
                            format!("{id:?} is not an id of InvenioRDM's resource types; resourceTypeGeneral Other");
                        self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), &at(&r_pointer, "resource_type"));
                        ResourceTypeGeneral::from_exact("Other")
                    }
                });
            self.resource.related_identifiers.push(RelatedIdentifier {
                related_identifier: identifier,
                related_identifier_type,
                relation_type,
                resource_type_general,
                ..RelatedIdentifier::default()
            });
        }
    }

    fn rights(&mut self, value: Option<&Value>, pointer: &str) {
        for (i, value) in self.list(value, pointer).iter().enumerate() {
            let r_pointer = at_index(pointer, i);
            let Some(r) = self.object(Some(value), &r_pointer) else { continue };
            let id = self.text(r.get("id"), &at(&r_pointer, "id"));
            let title = self.i18n(r.get("title"), &at(&r_pointer, "title"));
            let props = self.object(r.get("props"), &at(&r_pointer, "props"));
            let (url, scheme) = match props {
                Some(props) => (
                    self.text(props.get("url"), &at(&r_pointer, "props/url")),
                    self.text(props.get("scheme"), &at(&r_pointer, "props/scheme")),
                ),
                None => (None, None),
            };
            let link = self.text(r.get("link"), &at(&r_pointer, "link"));
            // The licences vocabulary's ids are SPDX identifiers in lower case.
            let scheme = scheme.or_else(|| id.as_ref().map(|_| "spdx".to_owned())).map(|s| {
                if s.eq_ignore_ascii_case("spdx") {
                    "SPDX".to_owned()
                } else {
                    s
                }
            });
            self.resource.rights_list.push(Rights {
                rights: title,
                rights_uri: url.or(link),
                rights_identifier_scheme: id.as_ref().and(scheme),
                rights_identifier: id,
                ..Rights::default()
            });
        }
    }

    fn locations(&mut self, value: Option<&Value>, pointer: &str) {
        let Some(locations) = self.object(value, pointer) else { return };
        let features_pointer = at(pointer, "features");
        for (i, value) in self.list(locations.get("features"), &features_pointer).iter().enumerate() {
            let f_pointer = at_index(&features_pointer, i);
            let Some(f) = self.object(Some(value), &f_pointer) else { continue };
            let mut location = GeoLocation::default();
            if let Some(place) = self.text(f.get("place"), &at(&f_pointer, "place")) {
                location.places.push(place);
            }
            let g_pointer = at(&f_pointer, "geometry");
            if let Some(g) = self.object(f.get("geometry"), &g_pointer) {
                let coordinates = g.get("coordinates");
                match g.get("type").and_then(Value::as_str) {
                    Some("Point") => match coordinates.and_then(point) {
                        Some(p) => location.points.push(p),
                        None => self.bad_geometry(&g_pointer),
                    },
                    Some("Polygon") => {
                        let ring: Option<Vec<Point>> = coordinates
                            .and_then(|c| c.get(0))
                            .and_then(Value::as_array)
                            .and_then(|ring| ring.iter().map(point).collect());
                        match ring {
                            Some(points) => match as_box(&points) {
                                Some(b) => location.boxes.push(b),
                                None => location.polygons.push(Polygon { points, in_polygon_point: None }),
                            },
                            None => self.bad_geometry(&g_pointer),
                        }
                    }
                    _ => self.bad_geometry(&g_pointer),
                }
            }
            if f.get("identifiers").is_some() {
                let message =
                    "a location's identifiers (GeoNames, …) have no place in DataCite's geoLocation; not carried over";
                self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &at(&f_pointer, "identifiers"));
            }
            if f.get("description").is_some() {
                let message = "a location's description has no place in DataCite's geoLocation; not carried over";
                self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message), &at(&f_pointer, "description"));
            }
            if location != GeoLocation::default() {
                self.resource.geo_locations.push(location);
            }
        }
    }

    fn bad_geometry(&mut self, pointer: &str) {
        let message = "a geometry that is not a GeoJSON Point or Polygon with numeric coordinates; not read";
        self.note(Diagnostic::warning(codes::VALUE_INVALID, message), pointer);
    }

    fn funding(&mut self, value: Option<&Value>, pointer: &str) {
        for (i, value) in self.list(value, pointer).iter().enumerate() {
            let f_pointer = at_index(pointer, i);
            let Some(f) = self.object(Some(value), &f_pointer) else { continue };
            let mut reference = FundingReference::default();
            let funder_pointer = at(&f_pointer, "funder");
            if let Some(funder) = self.object(f.get("funder"), &funder_pointer) {
                reference.funder_name = self.text(funder.get("name"), &at(&funder_pointer, "name")).unwrap_or_default();
                let id = self.text(funder.get("id"), &at(&funder_pointer, "id"));
                let mut identifiers: Vec<(String, Option<String>)> = Vec::new();
                for (j, value) in
                    self.list(funder.get("identifiers"), &at(&funder_pointer, "identifiers")).iter().enumerate()
                {
                    let id_pointer = at_index(&at(&funder_pointer, "identifiers"), j);
                    if let Some(pair) = self.scheme_identifier(value, &id_pointer) {
                        identifiers.push(pair);
                    }
                }
                if let Some(id) = id.filter(|id| is_ror_id(id)) {
                    identifiers.push((id, Some("ror".to_owned())));
                }
                // The serializer's preference: ROR, a Crossref Funder ID (doi), GRID, ISNI, GND.
                let preferred = ["ror", "doi", "grid", "isni", "gnd"]
                    .iter()
                    .find_map(|wanted| identifiers.iter().find(|(_, s)| s.as_deref() == Some(wanted)))
                    .or_else(|| identifiers.first());
                if let Some((identifier, scheme)) = preferred {
                    let kind = match scheme.as_deref() {
                        Some("ror") => "ROR",
                        Some("doi") => "Crossref Funder ID",
                        Some("grid") => "GRID",
                        Some("isni") => "ISNI",
                        Some("gnd") => "GND",
                        _ => "Other",
                    };
                    reference.funder_identifier = Some(if kind == "ROR" && is_ror_id(identifier) {
                        format!("https://ror.org/{identifier}")
                    } else {
                        identifier.clone()
                    });
                    reference.funder_identifier_type = Some(FunderIdentifierType::from_exact(kind));
                }
            }
            let award_pointer = at(&f_pointer, "award");
            if let Some(award) = self.object(f.get("award"), &award_pointer) {
                reference.award_title = self.i18n(award.get("title"), &at(&award_pointer, "title"));
                reference.award_number = self.text(award.get("number"), &at(&award_pointer, "number"));
                let mut uris = Vec::new();
                for (j, value) in
                    self.list(award.get("identifiers"), &at(&award_pointer, "identifiers")).iter().enumerate()
                {
                    let id_pointer = at_index(&at(&award_pointer, "identifiers"), j);
                    if let Some(pair) = self.scheme_identifier(value, &id_pointer) {
                        uris.push(pair);
                    }
                }
                reference.award_uri = ["doi", "url"]
                    .iter()
                    .find_map(|wanted| uris.iter().find(|(_, s)| s.as_deref() == Some(wanted)))
                    .map(|(identifier, _)| identifier.clone());
                if reference.award_number.is_none() {
                    // A vocabulary award (`{"id": "00k4n6c32::755021"}`) names its number after the funder.
                    if let Some(id) = self.text(award.get("id"), &at(&award_pointer, "id")) {
                        reference.award_number = Some(id.rsplit("::").next().unwrap_or(&id).to_owned());
                    }
                }
            }
            if reference == FundingReference::default() {
                // Nothing was read from it (what was wrong is reported): no empty entry.
                continue;
            }
            if reference.funder_name.is_empty() {
                let message = "a funding entry without a funder name, which DataCite requires";
                self.note(Diagnostic::warning(codes::REQUIRED_MISSING, message), &funder_pointer);
            }
            self.resource.funding_references.push(reference);
        }
    }

    /// InvenioRDM descriptions are HTML; the serializer strips the markup, and so does the reader
    /// (reported when there was some).
    fn html(&mut self, text: &str, pointer: &str) -> String {
        let plain = strip_html(text);
        if plain != text.trim() {
            let message = "the HTML markup of the description was removed, as InvenioRDM's DataCite export does";
            self.note(Diagnostic::info(crate::MARKUP_REMOVED, message), pointer);
        }
        plain
    }
}

#[derive(Default)]
struct Person {
    name: String,
    name_type: Option<NameType>,
    given_name: Option<String>,
    family_name: Option<String>,
    name_identifiers: Vec<NameIdentifier>,
    affiliation: Vec<Affiliation>,
    role: Option<ContributorType>,
}

/// A ROR id as InvenioRDM's vocabularies hold it: nine characters, a leading `0`, letters and
/// digits.
pub(crate) fn is_ror_id(id: &str) -> bool {
    id.len() == 9 && id.starts_with('0') && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A GeoJSON position `[longitude, latitude]`, numbers kept as written.
fn point(value: &Value) -> Option<Point> {
    let pair = value.as_array()?;
    let number = |v: Option<&Value>| match v? {
        Value::Number(n) => Some(Coordinate(n.to_string())),
        _ => None,
    };
    Some(Point { point_longitude: number(pair.first())?, point_latitude: number(pair.get(1))? })
}

/// A ring of four or five positions on two longitudes and two latitudes is a box, as the
/// serializer decides.
fn as_box(points: &[Point]) -> Option<GeoBox> {
    if !(4..=5).contains(&points.len()) {
        return None;
    }
    let number = |c: &Coordinate| c.0.parse::<f64>().ok();
    let mut xs: Vec<(f64, &Coordinate)> = Vec::new();
    let mut ys: Vec<(f64, &Coordinate)> = Vec::new();
    for p in points {
        let (x, y) = (number(&p.point_longitude)?, number(&p.point_latitude)?);
        if !xs.iter().any(|(v, _)| *v == x) {
            xs.push((x, &p.point_longitude));
        }
        if !ys.iter().any(|(v, _)| *v == y) {
            ys.push((y, &p.point_latitude));
        }
    }
    if xs.len() != 2 || ys.len() != 2 {
        return None;
    }
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    ys.sort_by(|a, b| a.0.total_cmp(&b.0));
    Some(GeoBox {
        west_bound_longitude: xs.first()?.1.clone(),
        east_bound_longitude: xs.get(1)?.1.clone(),
        south_bound_latitude: ys.first()?.1.clone(),
        north_bound_latitude: ys.get(1)?.1.clone(),
    })
}

/// Text without HTML tags, with the five predefined entities and `&nbsp;` decoded; block
/// elements and `<br>` end in a space, runs of white space become one.
pub(crate) fn strip_html(text: &str) -> String {
    if !text.contains('<') && !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start..).unwrap_or_default();
        let Some(end) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after.get(1..end).unwrap_or_default();
        let looks_like_tag = tag.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if looks_like_tag {
            out.push(' ');
        } else {
            out.push('<');
            rest = after.get(1..).unwrap_or_default();
            continue;
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_stripped_to_text() {
        assert_eq!(strip_html("<h1>A description</h1> <p>with HTML&nbsp;tags</p>"), "A description with HTML tags");
        assert_eq!(strip_html("a < b &amp; c"), "a < b & c");
        assert_eq!(strip_html("plain"), "plain");
    }

    #[test]
    fn boxes_are_told_from_polygons() {
        let p =
            |x: &str, y: &str| Point { point_longitude: Coordinate(x.into()), point_latitude: Coordinate(y.into()) };
        let ring = [p("1", "2"), p("3", "2"), p("3", "4"), p("1", "4"), p("1", "2")];
        let b = as_box(&ring).unwrap();
        assert_eq!((b.west_bound_longitude.0.as_str(), b.north_bound_latitude.0.as_str()), ("1", "4"));
        assert!(as_box(&[p("1", "2"), p("3", "5"), p("0", "4"), p("1", "2")]).is_none());
    }

    #[test]
    fn ror_ids() {
        assert!(is_ror_id("01ggx4157"));
        assert!(!is_ror_id("cern"));
    }
}

//! Reading one REST `attributes` object into a resource.
//!
//! Each top-level attribute is deserialised on its own, and each entry of a list attribute on its
//! own, with the model's serde forms: a type error loses that entry or attribute and nothing else.
//! `serde_ignored` names every key the model has no place for, `serde_path_to_error` the place of
//! a type error; the value is read through [`Strict`], so that an array where an object belongs
//! is a type error rather than an object read positionally. Before that, values are tidied
//! ([`clean`](super::clean)) and older shapes rewritten ([`legacy`](super::legacy)); every path
//! is mapped back to a pointer into the source.

use std::borrow::Cow;
use std::collections::HashMap;

use base64::Engine as _;
use crosswalk_model::{codes, doi, AlternateIdentifier, Diagnostic, Location, Origin, Record, Resource};
use serde::Deserialize as _;
use serde_json::{Map, Value};

use super::clean::{self, shorten, show, Removals};
use super::legacy::{self, Alias, DERIVED_TYPES};
use super::merge::{self, Kind, Rule};
use super::pointer::{self, Seg};
use super::slots::{on_slot, Absorb, Overridden, Override, METADATA};
use super::strict::{Notes, Strict};
use super::{
    JSON_ATTRIBUTE_FILLS_XML, JSON_ATTRIBUTE_OVERRIDES_XML, JSON_ATTRIBUTE_VALUE_LOST, JSON_DERIVED_TYPE,
    JSON_ID_MISMATCH, JSON_SERVER_ATTRIBUTE, JSON_TYPE, JSON_XML_BASE64, JSON_XML_EMBEDDED, JSON_XML_NOT_DATACITE,
    JSON_XML_VALUE_LOST,
};

/// Attributes the DataCite server manages or that steer a request (`event`): not metadata.
pub(super) const SERVER: &[&str] = &[
    "prefix",
    "suffix",
    "event",
    "state",
    "created",
    "registered",
    "updated",
    "published",
    "metadataVersion",
    "schemaVersion",
    "source",
    "isActive",
    "reason",
    "landingPage",
    "viewCount",
    "viewsOverTime",
    "downloadCount",
    "downloadsOverTime",
    "referenceCount",
    "citationCount",
    "citationsOverTime",
    "partCount",
    "partOfCount",
    "versionCount",
    "versionOfCount",
    "container",
    "agency",
    "provider",
    "providerId",
    "client",
    "clientId",
    "mode",
];

/// What reading an attributes object gives.
pub(super) struct Read {
    /// The resource, merged with the embedded XML when there was one.
    pub resource: Resource,
    /// Diagnostics, JSON ones with pointers into the source document.
    pub diagnostics: Vec<Diagnostic>,
    /// The schema the embedded XML declared.
    pub schema: Option<String>,
    /// The embedded XML document, when there was one.
    pub document: Option<std::sync::Arc<str>>,
    /// What a request payload asked besides its metadata (`event`, `prefix`).
    pub request: Option<crosswalk_model::Request>,
}

/// Attributes only the API's responses have: a document holding one of them is a response.
pub(super) const RESPONSE_ONLY: &[&str] = &[
    "state",
    "created",
    "registered",
    "updated",
    "published",
    "metadataVersion",
    "isActive",
    "viewCount",
    "viewsOverTime",
    "downloadCount",
    "downloadsOverTime",
    "referenceCount",
    "citationCount",
    "citationsOverTime",
    "partCount",
    "partOfCount",
    "versionCount",
    "versionOfCount",
];

/// What the JSON:API resource object around an attributes object says about the document.
#[derive(Debug, Default)]
pub(super) struct Envelope {
    /// `data.id` with its pointer.
    pub data_id: Option<(String, String)>,
    /// True when the resource object has `relationships`, which only responses carry.
    pub relationships: bool,
}

/// Reads the attributes object found at `prefix` (a pointer into the source document), with
/// what its JSON:API resource object (if any) says.
pub(super) fn read(attributes: Map<String, Value>, prefix: &str, envelope: Envelope) -> Read {
    let Envelope { data_id, relationships } = envelope;
    let mut reader = Reader::new(prefix);
    // A response (`GET /dois/{id}`, or a list's item) is told by its `data.id`, its
    // `relationships` or the attributes only the server sets; `event` is a request's alone and
    // outweighs them (a `PUT` payload may name its DOI in `data.id`).
    let response =
        (data_id.is_some() || relationships || attributes.keys().any(|k| RESPONSE_ONLY.contains(&k.as_str())))
            && attributes.get("event").is_none_or(Value::is_null);
    reader.rule = if response { Rule::XmlWins } else { Rule::AttributesWin };
    let mut found = Found::default();
    // Keys spelled as the model spells them win over older spellings of the same property.
    let mut taken: Vec<&'static str> =
        METADATA.iter().copied().filter(|key| *key != "doi" && attributes.contains_key(*key)).collect();
    for (key, value) in attributes {
        match classify(&key) {
            Class::Metadata(model_key) => {
                let legacy = model_key != key;
                if legacy && taken.contains(&model_key) {
                    reader.unmapped(
                        &pointer::child(prefix, &key),
                        format!("attribute \"{key}\" repeats \"{model_key}\", which is read instead; its value is not carried over"),
                        &value,
                    );
                } else {
                    taken.push(model_key);
                    found.metadata.push(Attr { key: model_key, source_key: key, value, legacy });
                }
            }
            Class::Doi => found.doi = Some(value),
            Class::Id => found.id = Some(value),
            Class::Identifiers => found.identifiers = Some(value),
            Class::Xml => found.xml = Some(value),
            Class::Server => {
                found.steer(&key, &value);
                found.server.push(Cow::Owned(key));
            }
            Class::LegacyType(types_key) => found.injections.push(("types", types_key, key, value)),
            Class::DatePublished => found.injections.push(("dates", "Issued", key, value)),
            Class::Unknown => {
                let message = format!("attribute \"{key}\" is not a DataCite property; its value is not carried over");
                reader.unmapped(&pointer::child(prefix, &key), message, &value);
            }
        }
    }
    finish(reader, found, data_id, response)
}

/// An attributes object as the plain path ([`super::fast`]) read it: the list attributes
/// already in the model, the rest as values for the careful reader's code.
#[derive(Default)]
pub(super) struct Plain {
    /// The list attributes read from the text (plain entries only).
    pub lists: Resource,
    /// The other metadata attributes, in the model's spelling.
    pub metadata: Vec<(&'static str, Value)>,
    pub doi: Option<Value>,
    pub identifiers: Option<Value>,
    pub xml: Option<Value>,
    /// `event` and `prefix`, with their values.
    pub steering: Vec<(&'static str, Value)>,
    /// True when `event` is given and not `null`.
    pub event_given: bool,
    /// True when an attribute only responses have is given.
    pub response_only: bool,
    /// True when `publisher` is given as a string (its name).
    pub publisher_is_name: bool,
    /// The derived types `types` gives (`schemaOrg`, …), in the order of [`DERIVED_TYPES`].
    pub input_derived: Vec<(&'static str, Value)>,
    /// The server's attributes, sorted.
    pub server: Vec<&'static str>,
}

/// Reads an attributes object the plain path read, as [`read`] reads it.
pub(super) fn read_plain(plain: Plain, prefix: &str, envelope: Envelope) -> Read {
    let Envelope { data_id, relationships } = envelope;
    let mut reader = Reader::new(prefix);
    let response = (data_id.is_some() || relationships || plain.response_only) && !plain.event_given;
    reader.rule = if response { Rule::XmlWins } else { Rule::AttributesWin };
    reader.resource = plain.lists;
    reader.publisher_is_name = plain.publisher_is_name;
    if !plain.input_derived.is_empty() {
        let base = pointer::child(prefix, "types");
        reader.input_derived =
            plain.input_derived.into_iter().map(|(key, value)| (key, value, pointer::child(&base, key))).collect();
    }
    let mut found = Found {
        metadata: plain
            .metadata
            .into_iter()
            .map(|(key, value)| Attr { key, source_key: key.to_owned(), value, legacy: false })
            .collect(),
        doi: plain.doi,
        identifiers: plain.identifiers,
        xml: plain.xml,
        server: plain.server.into_iter().map(Cow::Borrowed).collect(),
        ..Found::default()
    };
    for (key, value) in plain.steering {
        found.steer(key, &value);
    }
    finish(reader, found, data_id, response)
}

/// What [`read`] and [`read_plain`] share once the attributes are sorted.
fn finish(mut reader: Reader, mut found: Found, data_id: Option<(String, String)>, response: bool) -> Read {
    reader.metadata(found.metadata, found.injections);
    reader.doi(found.doi, data_id, found.id);
    reader.identifiers(found.identifiers);
    reader.server(&found.server);
    reader.normalise_vocabularies();
    let (schema, document) =
        found.xml.and_then(|xml| reader.embedded_xml(xml)).map_or((None, None), |o| (o.schema, o.document));
    reader.derived_types();
    let request = if response { None } else { found.request.take() };
    Read { resource: reader.resource, diagnostics: reader.diagnostics, schema, document, request }
}

/// One metadata attribute: its model key, the key the source used, and its value.
struct Attr {
    key: &'static str,
    source_key: String,
    value: Value,
    legacy: bool,
}

/// A value of an older top-level key that goes into another attribute: (target attribute, key or
/// date type, source key, value).
type Injection = (&'static str, &'static str, String, Value);

/// The attributes sorted by what they are.
#[derive(Default)]
struct Found {
    metadata: Vec<Attr>,
    injections: Vec<Injection>,
    doi: Option<Value>,
    id: Option<Value>,
    identifiers: Option<Value>,
    xml: Option<Value>,
    server: Vec<Cow<'static, str>>,
    request: Option<crosswalk_model::Request>,
}

impl Found {
    /// Keeps a request's steering (`event`, `prefix`) for whoever sends the payload again.
    fn steer(&mut self, key: &str, value: &Value) {
        if let (Some(text), "event" | "prefix") = (value.as_str(), key) {
            let request = self.request.get_or_insert_with(crosswalk_model::Request::default);
            let text = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
            if key == "event" {
                request.event = text;
            } else {
                request.prefix = text;
            }
        }
    }
}

/// What a top-level attribute is.
pub(super) enum Class {
    Metadata(&'static str),
    Doi,
    Id,
    Identifiers,
    Xml,
    Server,
    LegacyType(&'static str),
    DatePublished,
    Unknown,
}

/// True for a key the reader takes as an attribute (metadata in any spelling it reads, or the
/// server's).
pub(super) fn is_attribute(key: &str) -> bool {
    !matches!(classify(key), Class::Unknown)
}

pub(super) fn classify(key: &str) -> Class {
    match key {
        "doi" => return Class::Doi,
        "id" => return Class::Id,
        "identifiers" => return Class::Identifiers,
        "xml" => return Class::Xml,
        _ => {}
    }
    if let Some(known) = METADATA.iter().find(|k| **k == key) {
        return Class::Metadata(known);
    }
    if SERVER.contains(&key) {
        return Class::Server;
    }
    let camel = legacy::camel_case(key);
    let name = camel.as_deref().unwrap_or(key);
    let name = legacy::plural(name).unwrap_or(name);
    if let Some(known) = METADATA.iter().find(|k| **k == name && **k != "doi") {
        return Class::Metadata(known);
    }
    match name {
        "resourceTypeGeneral" => Class::LegacyType("resourceTypeGeneral"),
        "resourceType" => Class::LegacyType("resourceType"),
        "datePublished" if key == "date-published" => Class::DatePublished,
        _ if SERVER.contains(&name) => Class::Server,
        _ => Class::Unknown,
    }
}

/// How a list attribute's value is held.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// One value (`publisher`, `types`, …).
    Single,
    /// A list of strings, which the model also reads from a single string.
    TextList,
    /// A list of objects.
    ObjectList,
}

pub(super) fn shape(key: &str) -> Shape {
    match key {
        "sizes" | "formats" | "contentUrl" => Shape::TextList,
        "alternateIdentifiers"
        | "creators"
        | "titles"
        | "subjects"
        | "contributors"
        | "dates"
        | "relatedIdentifiers"
        | "relatedItems"
        | "rightsList"
        | "descriptions"
        | "geoLocations"
        | "fundingReferences" => Shape::ObjectList,
        _ => Shape::Single,
    }
}

/// Which part of an attribute is being deserialised.
#[derive(Clone, Copy)]
enum Part {
    /// The whole value.
    Whole,
    /// One entry of a list; its index in the tidied list, or `None` for a single object read as
    /// a list of one.
    Entry(Option<usize>),
}

struct Reader {
    prefix: String,
    resource: Resource,
    diagnostics: Vec<Diagnostic>,
    removals: Removals,
    /// Source pointer of each attribute read.
    sources: HashMap<&'static str, String>,
    /// Values the reader rewrote, by attribute: path in the tidied value → source pointer.
    aliases: HashMap<&'static str, Vec<Alias>>,
    /// For list attributes: the tidied index of each entry that made it into the resource.
    entries: HashMap<&'static str, Vec<Option<usize>>>,
    /// The derived `types` the input gave: key, value, pointer.
    input_derived: Vec<(&'static str, Value, String)>,
    /// Which side wins when the embedded XML and the attributes disagree.
    rule: Rule,
    /// True when the source gave the publisher as a string (its name).
    publisher_is_name: bool,
}

impl Reader {
    fn new(prefix: &str) -> Self {
        Reader {
            prefix: prefix.to_owned(),
            resource: Resource::default(),
            diagnostics: Vec::new(),
            removals: Removals::default(),
            sources: HashMap::new(),
            aliases: HashMap::new(),
            entries: HashMap::new(),
            input_derived: Vec::new(),
            rule: Rule::AttributesWin,
            publisher_is_name: false,
        }
    }

    /// A `field.unmapped` warning, unless the value holds nothing that could be lost.
    fn unmapped(&mut self, pointer: &str, message: String, value: &Value) {
        let holds_nothing = match value {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::Bool(_) | Value::Number(_) => false,
        };
        if !holds_nothing {
            self.diagnostics.push(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(Location::path(pointer)));
        }
    }

    /// Reads the metadata attributes in the model's order, with the values of older top-level
    /// keys that belong inside them.
    fn metadata(&mut self, mut attrs: Vec<Attr>, mut injections: Vec<Injection>) {
        for key in METADATA {
            let attr = attrs.iter().position(|a| a.key == *key).map(|i| attrs.swap_remove(i));
            // Older top-level keys are rare: the list is split only when one belongs here.
            let mut mine = Vec::new();
            if injections.iter().any(|i| i.0 == *key) {
                (mine, injections) = injections.into_iter().partition(|i| i.0 == *key);
            }
            if attr.is_some() || !mine.is_empty() {
                self.attribute(key, attr, mine);
            }
        }
    }

    /// Reads one metadata attribute (absent when only injected values make it).
    fn attribute(&mut self, key: &'static str, attr: Option<Attr>, injections: Vec<Injection>) {
        let mut value = Value::Null;
        let base = match attr {
            Some(attr) => {
                let base = pointer::child(&self.prefix, &attr.source_key);
                if attr.legacy {
                    let message = format!("attribute \"{}\" read as \"{key}\"", attr.source_key);
                    self.diagnostics.push(legacy::mapped(&base, message));
                }
                value = attr.value;
                if !clean::attribute(&mut value, &base, &mut self.removals, &mut self.diagnostics) {
                    value = Value::Null;
                }
                self.sources.insert(key, base.clone());
                base
            }
            // Only older top-level keys make this attribute: it has no place of its own.
            None => {
                self.sources.insert(key, self.prefix.clone());
                self.prefix.clone()
            }
        };
        for injection in injections {
            self.inject(key, &mut value, injection);
        }
        if value.is_null() {
            return;
        }
        self.publisher_is_name |= key == "publisher" && value.is_string();
        if key == "types" {
            if let Value::Object(types) = &mut value {
                let aliases = legacy::types_keys(types, &base, &mut self.diagnostics);
                self.aliases.entry(key).or_default().extend(aliases);
                // The derived types are compared on their own (`json.derived-type`), and the
                // model derives them: taken out here, they are not skipped keys, which would
                // send the value to the slower reading that names every skipped key.
                for derived in DERIVED_TYPES {
                    if let Some(given) = types.remove(*derived) {
                        self.input_derived.push((derived, given, pointer::child(&base, derived)));
                    }
                }
            }
        }
        match (shape(key), value) {
            (Shape::Single, value) | (Shape::TextList, value @ Value::String(_)) => {
                self.deserialize(key, value, Part::Whole);
            }
            (_, Value::Array(entries)) => {
                for (index, entry) in entries.into_iter().enumerate() {
                    let source = pointer::item(&base, self.removals.source_index(&base, index));
                    self.entry(key, entry, Some(index), &source);
                }
            }
            (Shape::ObjectList, value @ Value::Object(_)) => {
                self.diagnostics.push(
                    Diagnostic::info(
                        codes::VALUE_NORMALISED,
                        format!("\"{key}\" is a single object where a list is expected; read as a list of one"),
                    )
                    .at(Location::path(&base)),
                );
                self.entry(key, value, None, &base);
            }
            (Shape::ObjectList, value @ Value::String(_)) if legacy::text_key(key).is_some() => {
                self.entry(key, value, None, &base);
            }
            (_, value) => {
                self.deserialize(key, value, Part::Whole);
            }
        }
    }

    /// Puts the value of an older top-level key into the attribute it belongs to.
    fn inject(&mut self, key: &'static str, value: &mut Value, (_, name, source_key, mut extra): Injection) {
        let source = pointer::child(&self.prefix, &source_key);
        if !clean::attribute(&mut extra, &source, &mut self.removals, &mut self.diagnostics) {
            return;
        }
        if value.is_null() {
            *value = if key == "dates" { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
        }
        let placed = match value {
            Value::Object(types) if key == "types" && !types.contains_key(name) => {
                types.insert(name.to_owned(), extra.clone());
                Some(vec![Seg::Key(name.to_owned())])
            }
            Value::Array(dates) if key == "dates" => {
                let issued = |d: &Value| d.get("dateType").and_then(Value::as_str) == Some(name);
                if dates.iter().any(issued) {
                    None
                } else {
                    dates.push(serde_json::json!({"date": extra.clone(), "dateType": name}));
                    Some(vec![Seg::Index(dates.len() - 1), Seg::Key("date".into())])
                }
            }
            _ => None,
        };
        match placed {
            Some(path) => {
                let message = format!("attribute \"{source_key}\" read as {key} {name}");
                self.diagnostics.push(legacy::mapped(&source, message));
                self.aliases.entry(key).or_default().push((path, source));
            }
            None => {
                let message =
                    format!("attribute \"{source_key}\" has no place: the record already has {key} {name}; its value is not carried over");
                self.unmapped(&source, message, &extra);
            }
        }
    }

    /// Reads one entry of a list attribute; `source` is its source pointer.
    fn entry(&mut self, key: &'static str, mut entry: Value, index: Option<usize>, source: &str) {
        let lead: Vec<Seg> = index.map(Seg::Index).into_iter().collect();
        let mut aliases: Vec<Alias> = Vec::new();
        if let (Value::String(text), Some(text_key)) = (&entry, legacy::text_key(key)) {
            let message = format!("text {} of \"{key}\" read as its \"{text_key}\"", shorten(text));
            self.diagnostics.push(legacy::mapped(source, message));
            aliases.push((vec![Seg::Key(text_key.to_owned())], source.to_owned()));
            entry = serde_json::json!({ text_key: text });
        }
        if let ("creators" | "contributors", Value::Object(person)) = (key, &mut entry) {
            aliases.extend(legacy::person(person, source, &mut self.diagnostics));
        }
        // Most entries have no alias: the map is only touched for those that do (an absent key
        // and an empty list are read alike).
        if !aliases.is_empty() {
            let known = self.aliases.entry(key).or_default();
            for (path, alias_source) in aliases {
                known.push((lead.iter().cloned().chain(path).collect(), alias_source));
            }
        }
        // An entry without its text (only other keys left, e.g. a misspelt "title") is no entry:
        // read, it would hold an empty text that no writer writes back.
        if let (Value::Object(object), Some(required)) = (&entry, crosswalk_model::tidy::entry_needs(key)) {
            if !required.iter().any(|k| object.get(*k).is_some_and(|v| !v.is_null())) {
                let message = crosswalk_model::tidy::entry_left_out(key);
                self.diagnostics.push(Diagnostic::warning(codes::REQUIRED_MISSING, message).at(Location::path(source)));
                return;
            }
        }
        if key == "descriptions" {
            self.line_break_notes(&entry, source);
        }
        let read = match self.entry_directly(key, &entry) {
            Some(read) => read,
            None => self.deserialize(key, Value::Array(vec![entry]), Part::Entry(index)),
        };
        if read {
            self.entries.entry(key).or_default().push(index);
        }
    }

    /// Reads one entry of a list attribute straight into its list, when it reads cleanly: no
    /// key skipped, no object read as a list of one, no type error. `None` otherwise (and for an
    /// attribute that is not a list of objects), and [`Self::deserialize`] reads it again
    /// through a one-entry resource, which names what it met; the same deserializer underneath
    /// gives the same entry either way. Most entries read cleanly, and building, moving and
    /// dropping a whole resource for each was a fifth of the reading.
    fn entry_directly(&mut self, key: &str, entry: &Value) -> Option<bool> {
        fn read<T: serde::de::DeserializeOwned>(entry: &Value, list: &mut Vec<T>) -> Option<bool> {
            let notes = Notes::default();
            let item = T::deserialize(Strict::new(entry, &notes)).ok()?;
            if notes.ignored_any() || !notes.into_paths().is_empty() {
                return None;
            }
            list.push(item);
            Some(true)
        }
        let r = &mut self.resource;
        match key {
            "alternateIdentifiers" => read(entry, &mut r.alternate_identifiers),
            "creators" => read(entry, &mut r.creators),
            "titles" => read(entry, &mut r.titles),
            "subjects" => read(entry, &mut r.subjects),
            "contributors" => read(entry, &mut r.contributors),
            "dates" => read(entry, &mut r.dates),
            "relatedIdentifiers" => read(entry, &mut r.related_identifiers),
            "relatedItems" => read(entry, &mut r.related_items),
            "rightsList" => read(entry, &mut r.rights_list),
            "descriptions" => read(entry, &mut r.descriptions),
            "geoLocations" => read(entry, &mut r.geo_locations),
            "fundingReferences" => read(entry, &mut r.funding_references),
            _ => None,
        }
    }

    /// Reports what the description's JSON form reads as a line break (the model's U+2028, written
    /// back as `<br/>`) other than `<br/>` itself: the spellings `<br>` and `<br />`, and the
    /// character U+2028 written as such.
    fn line_break_notes(&mut self, entry: &Value, source: &str) {
        let Some(text) = entry.get("description").and_then(Value::as_str) else { return };
        let at = pointer::child(source, "description");
        if let Some(markup) = ["<br>", "<br />"].into_iter().find(|markup| text.contains(markup)) {
            let message = format!("\"{markup}\" in the description is a line break; it is written back as \"<br/>\"");
            self.diagnostics.push(Diagnostic::info(codes::VALUE_NORMALISED, message).at(Location::path(&at)));
        }
        if text.contains(crosswalk_model::chars::LINE_BREAK) {
            let message = "U+2028 (LINE SEPARATOR) in the description is a line break; it is written back as \"<br/>\""
                .to_owned();
            self.diagnostics.push(Diagnostic::info(codes::VALUE_NORMALISED, message).at(Location::path(at)));
        }
    }

    /// Deserialises `value` as the attribute `key` (or one entry of it) and moves it into the
    /// resource; reports ignored keys and type errors. True when it was read.
    fn deserialize(&mut self, key: &'static str, value: Value, part: Part) -> bool {
        let mut wrapper = Map::new();
        wrapper.insert(key.to_owned(), value);
        let wrapper = Value::Object(wrapper);
        let mut track = serde_path_to_error::Track::new();
        let mut ignored: Vec<Vec<Seg>> = Vec::new();
        // Most values read cleanly: first without `serde_ignored` and `serde_path_to_error`, whose
        // wrappers allocate a copy of every key on the way (most of this function's cost). Only
        // when that fails or skips a key is the value read again with them, for their paths;
        // the same deserializer underneath gives the same outcome either way.
        let notes = Notes::default();
        let fast: Result<Resource, serde_json::Error> = Resource::deserialize(Strict::new(&wrapper, &notes));
        let (result, notes) = match fast {
            Ok(partial) if !notes.ignored_any() => (Ok(partial), notes),
            _ => {
                let notes = Notes::default();
                let result: Result<Resource, serde_json::Error> = serde_ignored::deserialize(
                    serde_path_to_error::Deserializer::new(Strict::new(&wrapper, &notes), &mut track),
                    |path| ignored.push(pointer::from_ignored(&path)),
                );
                (result, notes)
            }
        };
        let as_lists = notes.into_paths();
        // The wrapper adds the key, and for an entry the index 0 of its one-entry list; an object
        // read as a list of one adds the index 0 of that list, which the source does not have.
        let (skip, lead) = match part {
            Part::Whole => (1, None),
            Part::Entry(index) => (2, index.map(Seg::Index)),
        };
        let relative = |segs: &[Seg]| -> Vec<Seg> {
            let segs = without_list_indices(segs, &as_lists);
            lead.iter().cloned().chain(segs.into_iter().skip(skip)).collect()
        };
        match result {
            Ok(mut partial) => {
                for segs in &as_lists {
                    let path = relative(segs);
                    let name = match path.last() {
                        Some(Seg::Key(k)) => k.clone(),
                        _ => key.to_owned(),
                    };
                    let message =
                        format!("\"{name}\" is a single object where a list is expected; read as a list of one");
                    let at = self.to_source(key, &path);
                    self.diagnostics.push(Diagnostic::info(codes::VALUE_NORMALISED, message).at(Location::path(at)));
                }
                for segs in ignored {
                    let path = relative(&segs);
                    // The derived types are compared on their own (`json.derived-type`).
                    if key == "types" && matches!(path.as_slice(), [Seg::Key(k)] if DERIVED_TYPES.contains(&k.as_str()))
                    {
                        continue;
                    }
                    let name = match path.last() {
                        Some(Seg::Key(k)) => k.clone(),
                        _ => key.to_owned(),
                    };
                    let message =
                        format!("key \"{name}\" has no place in the DataCite model; its value is not carried over");
                    let at = self.to_source(key, &path);
                    self.diagnostics.push(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(Location::path(at)));
                }
                on_slot(key, &mut self.resource, &mut partial, Absorb);
                true
            }
            Err(error) => {
                let path = relative(&pointer::from_tracked(&track.path()));
                let lost = match part {
                    Part::Whole => format!("attribute \"{key}\" is left out"),
                    Part::Entry(_) => format!("this entry of \"{key}\" is left out"),
                };
                let at = self.to_source(key, &path);
                self.diagnostics.push(Diagnostic::error(JSON_TYPE, format!("{error}; {lost}")).at(Location::path(at)));
                false
            }
        }
    }

    /// The source pointer of a path inside the tidied value of attribute `key`.
    fn to_source(&self, key: &str, path: &[Seg]) -> String {
        let alias = self
            .aliases
            .get(key)
            .and_then(|aliases| aliases.iter().filter(|(p, _)| path.starts_with(p)).max_by_key(|(p, _)| p.len()));
        let (mut out, rest) = match alias {
            Some((p, source)) => (source.clone(), path.get(p.len()..).unwrap_or_default()),
            None => (self.sources.get(key).cloned().unwrap_or_else(|| pointer::child(&self.prefix, key)), path),
        };
        for seg in rest {
            match seg {
                Seg::Key(k) => pointer::push_key(&mut out, k),
                Seg::Index(i) => {
                    let index = self.removals.source_index(&out, *i);
                    pointer::push_index(&mut out, index);
                }
            }
        }
        out
    }

    /// `doi`, then the JSON:API `data.id`, then an `id` holding a DOI URL (older formats).
    fn doi(&mut self, doi: Option<Value>, data_id: Option<(String, String)>, id: Option<Value>) {
        if let Some(value) = doi {
            let at = pointer::child(&self.prefix, "doi");
            match value {
                Value::String(text) => self.set_doi(&text, &at),
                Value::Null => {}
                other => self.type_error(&at, format!("doi must be a string, not {}; it is left out", show(&other))),
            }
        }
        if let Some((text, at)) = data_id {
            self.other_doi(&text, &at, "data.id");
        }
        if let Some(value) = id {
            let at = pointer::child(&self.prefix, "id");
            match &value {
                Value::String(text) if doi::normalise(text).is_some() => self.other_doi(text, &at, "id"),
                _ => self.unmapped(
                    &at,
                    format!("attribute \"id\" {} is not a DOI; its value is not carried over", show(&value)),
                    &value,
                ),
            }
        }
    }

    fn set_doi(&mut self, text: &str, at: &str) {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.diagnostics.push(Diagnostic::info(codes::VALUE_EMPTY, "empty doi left out").at(Location::path(at)));
            return;
        }
        self.sources.insert("doi", at.to_owned());
        match doi::normalise(trimmed) {
            Some(name) => {
                if name != trimmed {
                    let message = format!("DOI {} read as \"{name}\" (resolver removed)", shorten(text));
                    self.diagnostics.push(Diagnostic::info(codes::VALUE_NORMALISED, message).at(Location::path(at)));
                } else if trimmed != text {
                    let message = format!("white space around {} removed", shorten(text));
                    self.diagnostics.push(Diagnostic::info(codes::VALUE_TRIMMED, message).at(Location::path(at)));
                }
                self.resource.doi = Some(name);
            }
            None => {
                let message = format!("doi {} is not a DOI (10.<registrant>/<suffix>); kept as written", shorten(text));
                self.diagnostics.push(Diagnostic::warning(codes::VALUE_INVALID, message).at(Location::path(at)));
                self.resource.doi = Some(trimmed.to_owned());
            }
        }
    }

    /// A DOI given somewhere other than `doi`: used when `doi` is absent, checked otherwise.
    fn other_doi(&mut self, text: &str, at: &str, what: &str) {
        let Some(name) = doi::normalise(text) else {
            let message = format!("{what} {} is not a DOI; it is not used", shorten(text));
            self.diagnostics.push(Diagnostic::warning(JSON_ID_MISMATCH, message).at(Location::path(at)));
            return;
        };
        match &self.resource.doi {
            None => {
                if what == "id" {
                    self.diagnostics.push(legacy::mapped(at, format!("\"id\" {} read as the doi", shorten(text))));
                }
                self.sources.insert("doi", at.to_owned());
                self.resource.doi = Some(name);
            }
            Some(existing) if existing.eq_ignore_ascii_case(&name) => {}
            Some(existing) => {
                let message =
                    format!("{what} {} names another DOI than doi \"{existing}\"; the doi is used", shorten(text));
                self.diagnostics.push(Diagnostic::warning(JSON_ID_MISMATCH, message).at(Location::path(at)));
            }
        }
    }

    /// The older API's `identifiers`: the entry repeating the DOI is dropped, the others become
    /// alternate identifiers.
    fn identifiers(&mut self, value: Option<Value>) {
        let Some(mut value) = value else { return };
        let base = pointer::child(&self.prefix, "identifiers");
        if !clean::attribute(&mut value, &base, &mut self.removals, &mut self.diagnostics) {
            return;
        }
        let entries: Vec<(Value, String)> = match value {
            Value::Array(entries) => entries
                .into_iter()
                .enumerate()
                .map(|(i, entry)| {
                    let at = pointer::item(&base, self.removals.source_index(&base, i));
                    (entry, at)
                })
                .collect(),
            entry @ Value::Object(_) => vec![(entry, base.clone())],
            other => {
                self.type_error(
                    &base,
                    format!("identifiers must be a list of objects, not {}; it is left out", show(&other)),
                );
                return;
            }
        };
        for (entry, at) in entries {
            let members = match entry {
                Value::Object(members) => members,
                other => {
                    self.type_error(
                        &at,
                        format!("identifiers entry {} is not an object; it is left out", show(&other)),
                    );
                    continue;
                }
            };
            let mut identifier = None;
            let mut kind = None;
            for (name, member) in members {
                let target = match name.as_str() {
                    "identifier" | "Identifier" => &mut identifier,
                    "identifierType" => &mut kind,
                    _ => {
                        let message =
                            format!("key \"{name}\" has no place in the DataCite model; its value is not carried over");
                        self.unmapped(&pointer::child(&at, &name), message, &member);
                        continue;
                    }
                };
                match member {
                    Value::String(text) => *target = Some(text),
                    Value::Number(n) => *target = Some(n.to_string()),
                    other => {
                        let message = format!("{name} must be a string, not {}; it is left out", show(&other));
                        self.type_error(&pointer::child(&at, &name), message);
                    }
                }
            }
            let Some(identifier) = identifier else {
                let message = "identifiers entry without an identifier; its identifierType is not carried over";
                self.diagnostics.push(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(Location::path(at)));
                continue;
            };
            if kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("DOI")) {
                if let Some(name) = doi::normalise(&identifier) {
                    match &self.resource.doi {
                        Some(existing) if existing.eq_ignore_ascii_case(&name) => {
                            let message =
                                format!("identifiers entry {} repeats the DOI; dropped", shorten(&identifier));
                            self.diagnostics.push(legacy::mapped(&at, message));
                            continue;
                        }
                        None => {
                            let message = format!("identifiers entry {} read as the doi", shorten(&identifier));
                            self.diagnostics.push(legacy::mapped(&at, message));
                            self.sources.insert("doi", at.clone());
                            self.resource.doi = Some(name);
                            continue;
                        }
                        Some(_) => {}
                    }
                }
            }
            let alternate = AlternateIdentifier { alternate_identifier: identifier, alternate_identifier_type: kind };
            let message = if self.resource.alternate_identifiers.contains(&alternate) {
                format!(
                    "identifiers entry {} is already in alternateIdentifiers",
                    shorten(&alternate.alternate_identifier)
                )
            } else {
                let message = format!(
                    "identifiers entry {} read as an alternateIdentifier",
                    shorten(&alternate.alternate_identifier)
                );
                self.resource.alternate_identifiers.push(alternate);
                message
            };
            self.diagnostics.push(legacy::mapped(&at, message));
        }
    }

    /// One note listing the server-managed attributes present.
    fn server(&mut self, keys: &[Cow<'static, str>]) {
        let Some(first) = keys.first() else { return };
        let message = format!(
            "attributes managed by the DataCite server (or steering the request) are not metadata and were not read: {}",
            keys.join(", ")
        );
        let at = pointer::child(&self.prefix, first);
        self.diagnostics.push(Diagnostic::info(JSON_SERVER_ATTRIBUTE, message).at(Location::path(at)));
    }

    /// Checks controlled values, and maps the model's pointers back to the source.
    fn normalise_vocabularies(&mut self) {
        for mut diagnostic in self.resource.normalise_vocabularies() {
            let segs = pointer::parse(diagnostic.location.path.as_deref().unwrap_or_default());
            if let Some((Seg::Key(first), rest)) = segs.split_first() {
                if let Some(key) = METADATA.iter().find(|k| *k == first) {
                    diagnostic.location.path = Some(self.model_to_source(key, rest));
                }
            }
            self.diagnostics.push(diagnostic);
        }
    }

    /// The source pointer of a path inside the resource's property `key` as read from the JSON.
    fn model_to_source(&self, key: &str, path: &[Seg]) -> String {
        let mut rest = path.to_vec();
        // List entries the resource holds may sit elsewhere in the source list (entries before
        // them were left out, or a single object was read as a list of one).
        if let (Some(entries), Some(Seg::Index(model_index))) = (self.entries.get(key), rest.first()) {
            match entries.get(*model_index).copied() {
                Some(Some(index)) => {
                    rest.splice(..1, [Seg::Index(index)]);
                }
                Some(None) => {
                    rest.remove(0);
                }
                None => {}
            }
        }
        // A publisher given as a string is its name.
        if key == "publisher" && self.publisher_is_name && rest == [Seg::Key("name".to_owned())] {
            rest.clear();
        }
        self.to_source(key, &rest)
    }

    /// Reads the base64 `xml` attribute and merges it with the JSON attributes by the reader's
    /// rule; gives the embedded document's origin (its schema and text).
    fn embedded_xml(&mut self, value: Value) -> Option<Origin> {
        let at = pointer::child(&self.prefix, "xml");
        let text = match value {
            Value::Null => return None,
            Value::String(text) => text,
            other => {
                self.type_error(&at, format!("xml must be a base64 string, not {}; it is not read", show(&other)));
                return None;
            }
        };
        let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if compact.is_empty() {
            return None;
        }
        let bytes = match base64::engine::general_purpose::STANDARD_PAD_INDIFFERENT.decode(&compact) {
            Ok(bytes) => bytes,
            Err(error) => {
                let message = format!("the xml attribute is not valid base64 ({error}); its metadata is not read");
                self.diagnostics.push(Diagnostic::error(JSON_XML_BASE64, message).at(Location::path(at)));
                return None;
            }
        };
        if !looks_like_xml(&bytes) {
            let start: String = String::from_utf8_lossy(&bytes).chars().take(40).collect();
            let message = format!(
                "the xml attribute holds another format than DataCite XML (it starts with {}); convert it with the reader of that format",
                shorten(start.lines().next().unwrap_or_default())
            );
            self.diagnostics.push(Diagnostic::warning(JSON_XML_NOT_DATACITE, message).at(Location::path(at)));
            return None;
        }
        let Record { resource: merged, diagnostics, origin } = crate::xml::read(&bytes);
        let rule = match self.rule {
            Rule::AttributesWin => "a request payload: the attributes given in the JSON take precedence over it, as in the REST API",
            Rule::XmlWins => "a response: the XML is the record, and the attributes, the API's reduced view of it, only fill what it lacks",
        };
        let message = format!(
            "metadata read from the embedded DataCite XML ({} bytes; positions in its diagnostics count in that XML); {rule}",
            bytes.len()
        );
        self.diagnostics.push(Diagnostic::info(JSON_XML_EMBEDDED, message).at(Location::path(at)));
        self.diagnostics.extend(diagnostics);
        let json = std::mem::take(&mut self.resource);
        self.resource = self.merge(merged, json);
        Some(origin)
    }

    /// Merges the resource read from the embedded XML and the one read from the attributes by
    /// the reader's rule (see [`merge`]), reporting what the losing side held that the result
    /// lacks, and what the attributes filled in.
    fn merge(&mut self, mut xml: Resource, mut json: Resource) -> Resource {
        self.merge_doi(&mut xml, &mut json);
        // The REST form of each side, property by property: one walk compares them all.
        let form = |r: &Resource| match serde_json::to_value(r) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        let (xml_form, json_form) = (form(&xml), form(&json));
        for key in METADATA.iter().copied().filter(|k| *k != "doi") {
            let Some(json_value) = json_form.get(key) else { continue };
            let mut xml_value = xml_form.get(key).cloned().unwrap_or(Value::Null);
            match self.rule {
                Rule::AttributesWin => {
                    let findings = merge::merge(key, &mut json_value.clone(), &xml_value, false);
                    for finding in &findings {
                        let at = self.model_to_source(key, &finding.winner_at);
                        let path = model_path(key, &finding.loser_at);
                        let message = match &finding.kept {
                            Some(kept) => format!(
                                "the embedded XML's {path} {} differs from the attribute's {}, which is used (a request payload: the attributes win); the XML's value is lost",
                                show(&finding.value),
                                show(kept)
                            ),
                            None => format!(
                                "the embedded XML's {path} {} is not in the attribute that replaces it (a request payload: the attributes win); it is lost",
                                show(&finding.value)
                            ),
                        };
                        self.diagnostics.push(Diagnostic::warning(JSON_XML_VALUE_LOST, message).at(Location::path(at)));
                    }
                    if findings.is_empty() && !xml_value.is_null() && !merge::equivalent(key, json_value, &xml_value) {
                        let message =
                            format!("\"{key}\" given in the JSON replaces the embedded XML's, adding to what it holds");
                        let at = self.model_to_source(key, &[]);
                        self.diagnostics
                            .push(Diagnostic::info(JSON_ATTRIBUTE_OVERRIDES_XML, message).at(Location::path(at)));
                    }
                    on_slot(key, &mut xml, &mut json, Override);
                }
                Rule::XmlWins => {
                    let findings = merge::merge(key, &mut xml_value, json_value, true);
                    let mut filled = false;
                    for finding in &findings {
                        let at = self.model_to_source(key, &finding.loser_at);
                        let path = model_path(key, &finding.loser_at);
                        let (diagnostic, fill) = match (finding.kind, &finding.kept) {
                            // The landing page and content URLs are REST attributes alone: the
                            // XML never has them, so taking them is no news.
                            (Kind::Filled, _) if matches!(key, "url" | "contentUrl") => (None, true),
                            (Kind::Filled, _) => {
                                let message = format!(
                                    "the embedded XML has no {path}; the attribute's {} is used",
                                    show(&finding.value)
                                );
                                (Some(Diagnostic::info(JSON_ATTRIBUTE_FILLS_XML, message)), true)
                            }
                            (Kind::Lost, Some(kept)) => {
                                let message = format!(
                                    "the attribute's {path} {} differs from the embedded XML's {}, which is used (a response is read from its XML); the attribute's value is not used",
                                    show(&finding.value),
                                    show(kept)
                                );
                                (Some(Diagnostic::warning(JSON_ATTRIBUTE_VALUE_LOST, message)), false)
                            }
                            (Kind::Lost, None) => {
                                let message = format!(
                                    "the attribute's {path} {} is not in the embedded XML, which a response is read from; it is not used",
                                    show(&finding.value)
                                );
                                (Some(Diagnostic::warning(JSON_ATTRIBUTE_VALUE_LOST, message)), false)
                            }
                        };
                        filled |= fill;
                        if let Some(diagnostic) = diagnostic {
                            self.diagnostics.push(diagnostic.at(Location::path(at)));
                        }
                    }
                    if filled {
                        self.take_merged(key, xml_value, &mut xml, &mut json);
                    }
                }
            }
        }
        xml
    }

    /// Puts the merged REST form of property `key` into `xml`; when it does not read back (it
    /// always should: both sides are the model's own form), the attribute's value is used, as
    /// for a property the XML lacks.
    fn take_merged(&mut self, key: &str, value: Value, xml: &mut Resource, json: &mut Resource) {
        let mut wrapper = Map::new();
        wrapper.insert(key.to_owned(), value);
        match serde_json::from_value::<Resource>(Value::Object(wrapper)) {
            Ok(mut partial) => {
                on_slot(key, xml, &mut partial, Override);
            }
            Err(_) => {
                if on_slot(key, xml, json, Override) == Some(Overridden::Replaced) {
                    let message = format!("\"{key}\" given in the JSON replaces the embedded XML's");
                    let at = self.model_to_source(key, &[]);
                    self.diagnostics
                        .push(Diagnostic::info(JSON_ATTRIBUTE_OVERRIDES_XML, message).at(Location::path(at)));
                }
            }
        }
    }

    /// The DOI: the attributes' (the registered name, `data.id` in a response) whatever the
    /// rule; the XML's identifier is reported when it names another DOI (not just in other case:
    /// DOIs are case-insensitive, and the XML usually spells them in capitals).
    fn merge_doi(&mut self, xml: &mut Resource, json: &mut Resource) {
        let Some(doi) = json.doi.take() else { return };
        if let Some(xml_doi) = xml.doi.as_ref().filter(|x| !x.eq_ignore_ascii_case(&doi)) {
            let message = format!(
                "the embedded XML's identifier {} names another DOI than the doi \"{doi}\", which is used; the XML's is lost",
                shorten(xml_doi)
            );
            let at = self.sources.get("doi").cloned().unwrap_or_else(|| pointer::child(&self.prefix, "doi"));
            self.diagnostics.push(Diagnostic::warning(JSON_XML_VALUE_LOST, message).at(Location::path(at)));
        }
        xml.doi = Some(doi);
    }

    /// Compares the derived types the input gave with the ones the model derives.
    fn derived_types(&mut self) {
        let ours = self.resource.types.derived();
        for (key, given, at) in std::mem::take(&mut self.input_derived) {
            let derived = ours.map(|d| match key {
                "schemaOrg" => d.schema_org,
                "citeproc" => d.citeproc,
                "bibtex" => d.bibtex,
                _ => d.ris,
            });
            let message = match derived {
                Some(derived) if given.as_str() == Some(derived) => continue,
                Some(derived) => format!(
                    "types.{key} is {} in the input; Crosswalk derives \"{derived}\" from the resource type and writes that",
                    show(&given)
                ),
                None => format!(
                    "types.{key} {} is not kept: it is derived from resourceTypeGeneral, which the record lacks",
                    show(&given)
                ),
            };
            self.diagnostics.push(Diagnostic::info(JSON_DERIVED_TYPE, message).at(Location::path(at)));
        }
    }

    fn type_error(&mut self, at: &str, message: String) {
        self.diagnostics.push(Diagnostic::error(JSON_TYPE, message).at(Location::path(at)));
    }
}

/// True when decoded bytes start like an XML document (after a byte-order mark and white space).
fn looks_like_xml(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    rest.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

/// `segs` without the index 0 that follows the path of an object read as a list of one: that
/// object is the list in the source, not an entry of it.
fn without_list_indices(segs: &[Seg], as_lists: &[Vec<Seg>]) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut rest = segs.iter();
    while let Some(seg) = rest.next() {
        out.push(seg.clone());
        if as_lists.contains(&out) {
            // Skip the list index the deserializer added (serde_path_to_error and
            // serde_ignored count the object as item 0).
            if let Some(next) = rest.clone().next() {
                if *next == Seg::Index(0) {
                    rest.next();
                }
            }
        }
    }
    out
}

/// A path inside property `key` for a message: `creators/0/affiliation/0/affiliationIdentifier`.
fn model_path(key: &str, path: &[Seg]) -> String {
    let mut out = key.to_owned();
    for seg in path {
        out.push('/');
        match seg {
            Seg::Key(k) => out.push_str(k),
            Seg::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

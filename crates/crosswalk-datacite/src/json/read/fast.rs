//! The plain path: a JSON:API resource object, or an attributes object on its own, read straight
//! from its text into the model.
//!
//! Why: DataCite's public data file and every harvest are millions of resource objects, almost
//! all of them plain: the model's own keys, every string trimmed and non-empty, no key twice, no
//! shape the API no longer writes; so is the DataCite JSON Crosswalk writes. The careful reader
//! (the rest of this module's parent) parses each into a `serde_json::Value` tree, tidies the
//! tree, deserialises it attribute by attribute and entry by entry, then scans the text again for
//! the position of each diagnostic: about five times the instructions of a RIS record.
//!
//! Here the object is read from its text in one pass by [`by_hand`]'s cursor: its structure,
//! and in their plain shape the list attributes (most of a record), the single attributes and
//! `types`, straight into the model. A value in another shape is delimited by hand and read by
//! `serde_json` from its own text: a list attribute through the model's serde forms and
//! [`Checked`], a wrapper that refuses everything the careful reader would change or report: a
//! string with white space around it or none in it, a `null` or empty entry, an object that is
//! or becomes empty, a key the model has no place for, an array where an object belongs and a
//! single object where a list belongs, a key given twice, the line break spellings it notes in a
//! description, an entry without the key that makes it one. The single attributes and `types`
//! go through the model's `Resource` and `Types` forms the same way (the derived types set aside
//! for the careful reader's comparison); `doi`, `identifiers`, `xml`, `geoLocations`,
//! `relatedItems`, `event` and `prefix` are parsed into `Value`s and read by the careful reader's
//! own code; the server's other attributes are skipped (checked as JSON, and for keys given
//! twice). The cursor knows where each member's value starts, so the position of every member is
//! known without a second scan.
//!
//! Anything refused (or any other shape of document) returns `None`, and the careful reader reads
//! the record from the start, as before. Both give the same records and the same diagnostics:
//! `crosswalk-robustness/tests/plain_path.rs` compares them on every fixture served as the API
//! serves it, under thousands of seeded mutations, and on the attributes objects alone.

mod by_hand;

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

use crosswalk_model::{
    AlternateIdentifier, Contributor, Creator, Date, Description, FundingReference, RelatedIdentifier, Resource,
    Rights, Subject, Title, Types,
};
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::attributes::{self, classify, shape, Class, Plain, RESPONSE_ONLY, SERVER};
use super::clean;
use super::legacy::DERIVED_TYPES;
use super::parse::ValueSeed;
use super::pointer::At;
use super::slots::{on_slot, Absorb, METADATA};

/// The message of the error that sends a record to the careful reader (never shown).
const NOT_PLAIN: &str = "not a plain record";

fn not_plain<E: de::Error>() -> E {
    E::custom(NOT_PLAIN)
}

/// An object read on the plain path.
pub(super) struct Item<'t> {
    /// The attributes, ready for [`super::attributes::read_plain`].
    pub plain: Plain,
    /// `id`, when it is a string.
    pub data_id: Option<String>,
    /// Which of `links`, `meta`, `relationships` the object has (in that order).
    pub set_aside: [bool; 3],
    /// Where the values of its members and attributes start.
    pub offsets: Offsets<'t>,
    /// True for a resource object; false for an attributes object on its own (whose
    /// attributes are its members).
    pub resource_object: bool,
}

/// Where the values of an object's members (and of a resource object's attributes) start, by key.
#[derive(Default)]
pub(super) struct Offsets<'t> {
    members: Vec<(&'t str, usize)>,
    attributes: Vec<(&'t str, usize)>,
}

impl Offsets<'_> {
    /// The byte offset of the value at `pointer`, when it is a member of the object or of its
    /// attributes (`start` is the object's own).
    pub(super) fn offset(&self, pointer: &str, start: usize) -> Option<usize> {
        if pointer.is_empty() {
            return Some(start);
        }
        let (list, key) = match pointer.strip_prefix("/attributes/") {
            Some(key) => (&self.attributes, key),
            None => (&self.members, pointer.strip_prefix('/')?),
        };
        // A key with `/` or `~` is escaped in a pointer: not found here, and found by a scan.
        list.iter().find(|(k, _)| *k == key).map(|&(_, offset)| offset)
    }
}

/// Reads `text` (found at byte `base` of the whole input) as one JSON:API resource object
/// (`{"id": …, "type": "dois", "attributes": {…}, "relationships": …}`) or one attributes object
/// (`{"doi": …, "creators": […], …}`, what Crosswalk writes as DataCite JSON) on the plain path;
/// `None` when it is anything else or anything in it needs the careful reader.
///
/// One pass over the object, which tells what it is only at its end: a resource object
/// (`attributes` and no attribute beside it) or an attributes object (attributes only). Its
/// structure, and every value in a shape [`by_hand`] takes, are read by hand; every other value
/// is delimited by hand and read by `serde_json` from its own text, so each byte is read once.
pub(super) fn object(text: &str, base: usize) -> Option<Item<'_>> {
    let c = &mut by_hand::Cursor::new(text);
    let mut item = Item {
        plain: Plain::default(),
        data_id: None,
        set_aside: [false; 3],
        offsets: Offsets::default(),
        resource_object: false,
    };
    let (mut has_id, mut dois, mut attributes) = (false, false, false);
    // The members of a resource object other than `attributes`, and the attributes of an
    // attributes object, met.
    let (mut envelope_members, mut top_attributes) = (false, Attributes::new(text, base));
    c.object(|c, key| {
        if item.offsets.members.iter().any(|(k, _)| *k == key) {
            return None;
        }
        let offset = base + c.value_start();
        item.offsets.members.push((key, offset));
        match key {
            "id" => {
                has_id = true;
                envelope_members = true;
                item.data_id = c.any_string()?;
            }
            "type" => {
                envelope_members = true;
                dois = c.borrowed_string()? == "dois";
                if !dois {
                    return None;
                }
            }
            "attributes" => {
                attributes = true;
                let mut inner = Attributes::new(text, base);
                c.object(|c, key| {
                    let offset = base + c.value_start();
                    item.offsets.attributes.push((key, offset));
                    inner.take(key, offset, c)
                })?;
                item.plain = inner.finish();
            }
            "links" | "meta" | "relationships" => {
                envelope_members = true;
                let slot = ["links", "meta", "relationships"].iter().position(|k| *k == key);
                if let Some(given) = slot.and_then(|slot| item.set_aside.get_mut(slot)) {
                    *given = true;
                }
                if !by_hand::skip_scalar(c) {
                    c.value(Skip)?;
                }
            }
            _ => top_attributes.take(key, offset, c)?,
        }
        Some(())
    })?;
    if c.peek().is_some() {
        return None;
    }
    if attributes {
        // A resource object: `type` is "dois" or it has an `id`, and nothing else beside it.
        if top_attributes.any || !(dois || has_id) {
            return None;
        }
        item.resource_object = true;
    } else {
        // An attributes object: none of a resource object's members, and not empty.
        if envelope_members || !top_attributes.any {
            return None;
        }
        item.plain = top_attributes.finish();
    }
    Some(item)
}

/// The attributes of an object, taken one at a time as its keys come.
struct Attributes<'t> {
    text: &'t str,
    base: usize,
    plain: Plain,
    /// Each attribute this path takes has a bit: one given twice is the careful reader's to report.
    seen: u64,
    /// The server's attributes given, by their bits.
    server: u64,
    /// True once an attribute was taken.
    any: bool,
}

impl<'t> Attributes<'t> {
    fn new(text: &'t str, base: usize) -> Self {
        Attributes { text, base, plain: Plain::default(), seen: 0, server: 0, any: false }
    }

    /// Takes the attribute `key`, whose value starts at `offset`, from `c`.
    fn take(&mut self, key: &str, offset: usize, c: &mut by_hand::Cursor<'t>) -> Option<()> {
        let plain = &mut self.plain;
        let lists = &mut plain.lists;
        // Older spellings, `id`, and keys that are no attribute: the careful reader's.
        let table = attribute_table();
        // Keys of a length mostly differ in their last byte: compared first, without a call.
        let last = key.as_bytes().last();
        let known = table
            .get(key.len())
            .and_then(|same_length| same_length.iter().find(|a| a.key.as_bytes().last() == last && a.key == key));
        let &Attribute { key, bit, take } = known?;
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        self.any = true;
        match take {
            Take::List => {
                if !by_hand::list(key, c, lists) && !read_list(key, lists, c)? {
                    plain.metadata.push((key, c.value(Tree)?));
                }
            }
            Take::Single => {
                if key == "publisher" {
                    // The careful reader knows a publisher given as a string for its name.
                    let at = offset.checked_sub(self.base)?;
                    plain.publisher_is_name = self.text.as_bytes().get(at) == Some(&b'"');
                }
                if !by_hand::single(key, c, lists) {
                    c.value(Single { key, resource: lists })?;
                }
            }
            Take::Types => {
                let (types, derived) = match by_hand::types(c) {
                    Some(read) => read,
                    None => c.value(TypesSeed)?,
                };
                lists.types = types;
                plain.input_derived = derived;
            }
            Take::Tree => plain.metadata.push((key, c.value(Tree)?)),
            Take::Doi => plain.doi = Some(c.value(Tree)?),
            Take::Identifiers => plain.identifiers = Some(c.value(Tree)?),
            Take::Xml => plain.xml = Some(c.value(Tree)?),
            Take::Steering => {
                let value = c.value(Tree)?;
                plain.event_given |= key == "event" && !value.is_null();
                plain.steering.push((key, value));
                self.server |= bit;
            }
            Take::Server { response_only } => {
                if !by_hand::skip_scalar(c) {
                    c.value(Skip)?;
                }
                plain.response_only |= response_only;
                self.server |= bit;
            }
        }
        Some(())
    }

    fn finish(self) -> Plain {
        let mut plain = self.plain;
        // The careful reader meets the server's attributes in the order of its (sorted) map.
        if self.server != 0 {
            let server = self.server;
            plain.server = server_in_order().iter().filter(|a| server & a.bit != 0).map(|a| a.key).collect();
        }
        plain
    }
}

/// How the plain path takes an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Take {
    /// A list of objects: into the model's list when [`read_list`] takes it, else a `Tree`.
    List,
    /// A single value or a list of strings, through the model's `Resource`.
    Single,
    /// `types`, with the derived types it gives set aside.
    Types,
    /// A value for the careful reader's code (`types`, `geoLocations`, `relatedItems`).
    Tree,
    Doi,
    Identifiers,
    Xml,
    /// `event` and `prefix`: a request's, kept with their values.
    Steering,
    /// Another attribute the server sets, skipped.
    Server {
        response_only: bool,
    },
}

/// The server's attributes (and the request's steering) in the order of their keys.
fn server_in_order() -> &'static [Attribute] {
    static ORDER: OnceLock<Vec<Attribute>> = OnceLock::new();
    ORDER.get_or_init(|| {
        let mut order: Vec<Attribute> = attribute_table()
            .iter()
            .flatten()
            .filter(|a| matches!(a.take, Take::Server { .. } | Take::Steering))
            .copied()
            .collect();
        order.sort_unstable_by_key(|a| a.key);
        order
    })
}

/// An attribute the plain path takes: its key (as the model spells it), its bit, and how.
#[derive(Clone, Copy, Debug)]
struct Attribute {
    key: &'static str,
    bit: u64,
    take: Take,
}

/// The attributes the plain path takes, by the length of their key (a key is found among the
/// few of its length): the metadata in the model's spelling and the server's attributes, as
/// [`classify`] tells them (built once).
fn attribute_table() -> &'static [Vec<Attribute>] {
    static TABLE: OnceLock<Vec<Vec<Attribute>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut attributes: Vec<Attribute> = Vec::new();
        for key in METADATA.iter().chain(["identifiers", "xml"].iter()).chain(SERVER.iter()) {
            let take = match (classify(key), *key) {
                (Class::Doi, _) => Take::Doi,
                (Class::Identifiers, _) => Take::Identifiers,
                (Class::Xml, _) => Take::Xml,
                (Class::Server, "event" | "prefix") => Take::Steering,
                (Class::Server, _) => Take::Server { response_only: RESPONSE_ONLY.contains(key) },
                (Class::Metadata(model), _) if model == *key => match (shape(model), model) {
                    (attributes::Shape::ObjectList, _) => Take::List,
                    (attributes::Shape::TextList, _)
                    | (_, "publicationYear" | "language" | "version" | "url" | "publisher") => Take::Single,
                    (_, "types") => Take::Types,
                    _ => Take::Tree,
                },
                _ => continue,
            };
            let bit = 1u64.checked_shl(attributes.len() as u32).unwrap_or(0);
            attributes.push(Attribute { key, bit, take });
        }
        let mut table: Vec<Vec<Attribute>> = Vec::new();
        for attribute in attributes {
            if table.len() <= attribute.key.len() {
                table.resize_with(attribute.key.len() + 1, Vec::new);
            }
            if let Some(same_length) = table.get_mut(attribute.key.len()) {
                same_length.push(attribute);
            }
        }
        table
    })
}

/// Reads the list attribute `key` into its list of `lists`, entry by entry through [`Checked`]
/// (a shape [`by_hand`] does not take); `Some(false)` (nothing read) for a list of objects this
/// path leaves to the careful reader's code (`relatedItems`, `geoLocations`: nested lists and
/// shapes of their own).
fn read_list(key: &str, lists: &mut Resource, c: &mut by_hand::Cursor<'_>) -> Option<bool> {
    match key {
        "alternateIdentifiers" => lists.alternate_identifiers = c.value(List::new())?,
        "creators" => lists.creators = c.value(List::new())?,
        "titles" => lists.titles = c.value(List::new())?,
        "subjects" => lists.subjects = c.value(List::new())?,
        "contributors" => lists.contributors = c.value(List::new())?,
        "dates" => lists.dates = c.value(List::new())?,
        "relatedIdentifiers" => lists.related_identifiers = c.value(List::new())?,
        "rightsList" => lists.rights_list = c.value(List::new())?,
        "descriptions" => lists.descriptions = c.value(List::with_markup())?,
        "fundingReferences" => lists.funding_references = c.value(List::new())?,
        _ => return Some(false),
    }
    Some(true)
}

/// A single attribute (or a list of strings) read into its property of `resource`, as the
/// careful reader reads it: through the model's `Resource`, with this one key.
struct Single<'r> {
    key: &'static str,
    resource: &'r mut Resource,
}

impl<'de> DeserializeSeed<'de> for Single<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let empty = Cell::new(false);
        let value = Checked { inner: d, entry: false, empty: &empty, markup: false };
        let mut partial = Resource::deserialize(OneMember { key: Some(self.key), value: Some(value) })?;
        on_slot(self.key, self.resource, &mut partial, Absorb);
        Ok(())
    }
}

/// An object of one member, whose value is read by a deserializer.
struct OneMember<D> {
    key: Option<&'static str>,
    value: Option<D>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for OneMember<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, D: Deserializer<'de>> MapAccess<'de> for OneMember<D> {
    type Error = D::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, D::Error> {
        match self.key.take() {
            Some(key) => seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, D::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(not_plain()),
        }
    }
}

/// `types`: `resourceTypeGeneral` and `resourceType` read through the model's `Types` (one at
/// a time: they are independent), the derived types (`schemaOrg`, …) set aside in the order of
/// `DERIVED_TYPES`, as the careful reader compares them with the ones the model derives. `null`
/// is absent; any other key is the careful reader's.
struct TypesSeed;

impl<'de> DeserializeSeed<'de> for TypesSeed {
    type Value = (Types, Vec<(&'static str, Value)>);

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TypesSeed {
    type Value = (Types, Vec<(&'static str, Value)>);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a types object")
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok((Types::default(), Vec::new()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut types = Types::default();
        let mut derived: Vec<(usize, Value)> = Vec::new();
        let mut seen = 0u8;
        while let Some(key) = map.next_key::<&'de str>()? {
            let slot = types_slot(key).ok_or_else(not_plain)?;
            if seen & (1 << slot) != 0 {
                return Err(not_plain());
            }
            seen |= 1 << slot;
            if slot < 2 {
                let key = if slot == 0 { "resourceTypeGeneral" } else { "resourceType" };
                let one = map.next_value_seed(TypesMember { key })?;
                types.resource_type_general = types.resource_type_general.or(one.resource_type_general);
                types.resource_type = types.resource_type.or(one.resource_type);
                continue;
            }
            match map.next_value_seed(Tree)? {
                Value::Null => {}
                Value::String(text) if plain_text(&text, false) => derived.push((slot, Value::String(text))),
                _ => return Err(not_plain()),
            }
        }
        Ok((types, in_derived_order(derived)))
    }
}

/// The slot of a member of `types`: 0 for `resourceTypeGeneral`, 1 for `resourceType`, then the
/// derived types in the order of `DERIVED_TYPES`; `None` for a key that is none of them.
fn types_slot(key: &str) -> Option<usize> {
    match key {
        "resourceTypeGeneral" => Some(0),
        "resourceType" => Some(1),
        _ => DERIVED_TYPES.iter().position(|k| *k == key).map(|i| i + 2),
    }
}

/// The derived types given, by their slots ([`types_slot`]), named and in the order of
/// `DERIVED_TYPES`, as the careful reader compares them.
fn in_derived_order(mut derived: Vec<(usize, Value)>) -> Vec<(&'static str, Value)> {
    derived.sort_unstable_by_key(|&(slot, _)| slot);
    derived.into_iter().filter_map(|(slot, value)| Some((*DERIVED_TYPES.get(slot.checked_sub(2)?)?, value))).collect()
}

/// One member of `types`, read through the model's `Types`.
struct TypesMember {
    key: &'static str,
}

impl<'de> DeserializeSeed<'de> for TypesMember {
    type Value = Types;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Types, D::Error> {
        let empty = Cell::new(false);
        let value = Checked { inner: d, entry: false, empty: &empty, markup: false };
        Types::deserialize(OneMember { key: Some(self.key), value: Some(value) })
    }
}

/// A value parsed into a `Value` for the careful reader's code; a key given twice in it is
/// refused (the careful reader reports it).
struct Tree;

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let mut duplicates = Vec::new();
        let root = At::root("");
        let value = ValueSeed::new(&root, &mut duplicates).deserialize(d)?;
        if duplicates.is_empty() {
            Ok(value)
        } else {
            Err(not_plain())
        }
    }
}

/// A value that is not read (the server's attributes, `relationships`), checked for keys given
/// twice, which the careful reader reports wherever they are.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: Vec<&'de str> = Vec::new();
        while let Some(key) = map.next_key::<&'de str>()? {
            if keys.contains(&key) {
                return Err(not_plain());
            }
            keys.push(key);
            map.next_value_seed(Skip)?;
        }
        Ok(())
    }
}

/// An entry of a list attribute: true when it has one of the keys that make it an entry
/// (`crosswalk_model::tidy::ENTRY_NEEDS`); the careful reader leaves out, with a warning, an
/// entry that has none. (Read through [`Checked`], a key given holds a non-empty value.)
trait Entry {
    fn has_needed(&self) -> bool;
}

impl Entry for AlternateIdentifier {
    fn has_needed(&self) -> bool {
        !self.alternate_identifier.is_empty()
    }
}

/// A creator or contributor is an entry with a name, a name part, an identifier or an affiliation.
fn person_has_needed(
    name: &str,
    given: &Option<String>,
    family: &Option<String>,
    identifiers: usize,
    affiliations: usize,
) -> bool {
    !name.is_empty() || given.is_some() || family.is_some() || identifiers > 0 || affiliations > 0
}

impl Entry for Creator {
    fn has_needed(&self) -> bool {
        let c = self;
        person_has_needed(&c.name, &c.given_name, &c.family_name, c.name_identifiers.len(), c.affiliation.len())
    }
}

impl Entry for Contributor {
    fn has_needed(&self) -> bool {
        let c = self;
        person_has_needed(&c.name, &c.given_name, &c.family_name, c.name_identifiers.len(), c.affiliation.len())
    }
}

impl Entry for Title {
    fn has_needed(&self) -> bool {
        !self.title.is_empty()
    }
}

impl Entry for Subject {
    fn has_needed(&self) -> bool {
        !self.subject.is_empty() || self.value_uri.is_some() || self.classification_code.is_some()
    }
}

impl Entry for Date {
    fn has_needed(&self) -> bool {
        !self.date.is_empty()
    }
}

impl Entry for RelatedIdentifier {
    fn has_needed(&self) -> bool {
        !self.related_identifier.is_empty()
    }
}

impl Entry for Rights {
    fn has_needed(&self) -> bool {
        self.rights.is_some() || self.rights_uri.is_some() || self.rights_identifier.is_some()
    }
}

impl Entry for Description {
    fn has_needed(&self) -> bool {
        !self.description.is_empty()
    }
}

impl Entry for FundingReference {
    fn has_needed(&self) -> bool {
        !self.funder_name.is_empty()
            || self.funder_identifier.is_some()
            || self.award_number.is_some()
            || self.award_title.is_some()
            || self.award_uri.is_some()
    }
}

/// A list attribute: `null` or `[]` (absent, as the careful reader takes them), or a list of
/// plain entries. `markup`: the entries' strings are also refused for the line break spellings
/// the careful reader notes (in descriptions only).
struct List<T> {
    markup: bool,
    entries: PhantomData<T>,
}

impl<T> List<T> {
    fn new() -> Self {
        List { markup: false, entries: PhantomData }
    }

    fn with_markup() -> Self {
        List { markup: true, entries: PhantomData }
    }
}

impl<'de, T: Deserialize<'de> + Entry> DeserializeSeed<'de> for List<T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de> + Entry> Visitor<'de> for List<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let empty = Cell::new(false);
        while let Some(entry) = seq.next_element_seed(CheckedSeed {
            seed: PhantomData::<T>,
            entry: true,
            empty: &empty,
            markup: self.markup,
        })? {
            if !entry.has_needed() {
                return Err(not_plain());
            }
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// True for a string the careful reader takes as it is: not empty, no JSON white space around
/// it, and with `markup`, none of the line break spellings it notes in a description (`<br>`,
/// `<br />`, U+2028).
fn plain_text(text: &str, markup: bool) -> bool {
    if !clean::keeps_as_is(text) {
        return false;
    }
    // Most descriptions hold neither `<` nor a byte 0xE2 (which starts U+2028).
    if !markup || !holds_lt_or_e2(text.as_bytes()) {
        return true;
    }
    !(text.contains("<br>") || text.contains("<br />") || text.contains('\u{2028}'))
}

/// True when `bytes` hold `<` or 0xE2.
fn holds_lt_or_e2(bytes: &[u8]) -> bool {
    crosswalk_text::bytes::find_byte(bytes, 0, b"<\xE2", 0).is_some()
}

/// What a value may be, as asked by the `Deserialize` reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// Whatever the text holds.
    Any,
    /// A struct: an object only (`serde_json` would take an array's items as its fields).
    Struct,
    /// A list: an array only (the careful reader reads a single object as a list of one, and
    /// notes it).
    Seq,
}

/// A deserializer over `serde_json`'s that refuses what the careful reader would change or
/// report (see the module's documentation). `entry` is true for an entry of an array, where a
/// `null` is reported; `empty` is set when the value is `null` or `[]`, which the careful reader
/// removes as a member (an object left with nothing is refused); `markup` refuses the line break
/// spellings the careful reader notes in a description.
struct Checked<'c, D> {
    inner: D,
    entry: bool,
    empty: &'c Cell<bool>,
    markup: bool,
}

impl<'c, D> Checked<'c, D> {
    fn look<V>(&self, inner: V, asked: Asked) -> Look<'c, V> {
        Look { inner, entry: self.entry, empty: self.empty, asked, markup: self.markup }
    }
}

macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            let look = self.look(visitor, Asked::Any);
            self.inner.$method(look)
        }
    )*};
}

impl<'de, 'c, D: Deserializer<'de>> Deserializer<'de> for Checked<'c, D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_map deserialize_identifier
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, D::Error> {
        // A key the model has no place for.
        Err(not_plain())
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Any);
        self.inner.deserialize_unit_struct(name, look)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Any);
        self.inner.deserialize_newtype_struct(name, look)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Seq);
        self.inner.deserialize_seq(look)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Seq);
        self.inner.deserialize_tuple(len, look)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Seq);
        self.inner.deserialize_tuple_struct(name, len, look)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Struct);
        self.inner.deserialize_struct(name, fields, look)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let look = self.look(visitor, Asked::Any);
        self.inner.deserialize_enum(name, variants, look)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<V> Look<'_, V> {
    /// Refuses a string the careful reader would change or report.
    fn plain<E: de::Error>(&self, text: &str) -> Result<(), E> {
        if plain_text(text, self.markup) {
            Ok(())
        } else {
            Err(not_plain())
        }
    }
}

/// The visitor of a [`Checked`] value: checks what the text holds, then hands it on.
struct Look<'c, V> {
    inner: V,
    entry: bool,
    empty: &'c Cell<bool>,
    asked: Asked,
    markup: bool,
}

macro_rules! pass {
    ($($method:ident: $t:ty)*) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Look<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    pass! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64 visit_i128: i128
        visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64 visit_u128: u128 visit_f32: f32
        visit_f64: f64 visit_char: char visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8]
        visit_byte_buf: Vec<u8>
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.plain(v)?;
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.plain(v)?;
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.plain(&v)?;
        self.inner.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        if self.entry {
            return Err(not_plain());
        }
        self.empty.set(true);
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        if self.entry {
            return Err(not_plain());
        }
        self.empty.set(true);
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Checked { inner: d, entry: self.entry, empty: self.empty, markup: self.markup })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Checked { inner: d, entry: self.entry, empty: self.empty, markup: self.markup })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.asked == Asked::Struct {
            return Err(not_plain());
        }
        let mut items = CheckedSeq { inner: seq, count: 0, markup: self.markup };
        let value = self.inner.visit_seq(&mut items)?;
        if items.count == 0 {
            // An empty entry is removed (and shifts the entries after it); an empty member is absent.
            if self.entry {
                return Err(not_plain());
            }
            self.empty.set(true);
        }
        Ok(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if self.asked == Asked::Seq {
            return Err(not_plain());
        }
        let mut members = CheckedMap { inner: map, kept: 0, markup: self.markup };
        let value = self.inner.visit_map(&mut members)?;
        // `{}`, or an object of nulls and empty lists, which the careful reader removes.
        if members.kept == 0 {
            return Err(not_plain());
        }
        Ok(value)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        Err(not_plain())
    }
}

/// A seed whose value is read through [`Checked`].
struct CheckedSeed<'c, S> {
    seed: S,
    entry: bool,
    empty: &'c Cell<bool>,
    markup: bool,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for CheckedSeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Checked { inner: d, entry: self.entry, empty: self.empty, markup: self.markup })
    }
}

struct CheckedSeq<A> {
    inner: A,
    count: usize,
    markup: bool,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for CheckedSeq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        let empty = Cell::new(false);
        let next =
            self.inner.next_element_seed(CheckedSeed { seed, entry: true, empty: &empty, markup: self.markup })?;
        self.count += usize::from(next.is_some());
        Ok(next)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct CheckedMap<A> {
    inner: A,
    /// Members whose value is not `null` or `[]`.
    kept: usize,
    markup: bool,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CheckedMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let empty = Cell::new(false);
        let value =
            self.inner.next_value_seed(CheckedSeed { seed, entry: false, empty: &empty, markup: self.markup })?;
        self.kept += usize::from(!empty.get());
        Ok(value)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lt_and_the_lead_byte_of_u2028_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                for byte in [b'<', 0xE2] {
                    let mut bytes = vec![b'a'; len];
                    if let Some(slot) = bytes.get_mut(at) {
                        *slot = byte;
                    }
                    assert!(holds_lt_or_e2(&bytes), "{len} {at} {byte}");
                }
            }
            let others: Vec<u8> = (0..=255u8).filter(|b| *b != b'<' && *b != 0xE2).cycle().take(len * 7).collect();
            assert!(!holds_lt_or_e2(&others), "{len}");
        }
    }

    #[test]
    fn every_attribute_has_its_own_bit() {
        let attributes: Vec<&Attribute> = attribute_table().iter().flatten().collect();
        assert!(attributes.len() <= 64, "{} attributes: more than a u64 has bits", attributes.len());
        let all = attributes.iter().fold(0u64, |all, a| {
            assert!(a.bit != 0 && all & a.bit == 0, "{} shares a bit", a.key);
            all | a.bit
        });
        assert_eq!(all.count_ones() as usize, attributes.len());
        for key in METADATA.iter().chain(SERVER) {
            assert!(attributes.iter().any(|a| a.key == *key), "{key} is not taken");
        }
        let order: Vec<&str> = server_in_order().iter().map(|a| a.key).collect();
        assert!(order.windows(2).all(|pair| pair.first() < pair.last()) && order.len() == SERVER.len());
    }

    #[test]
    fn takes_plain_objects_and_refuses_what_the_careful_reader_would_change() {
        let plain = r#"{"id": "10.5072/a", "type": "dois", "attributes": {"doi": "10.5072/a",
            "titles": [{"title": "T"}], "state": "findable"}, "relationships": {}}"#;
        let item = object(plain, 0).expect("plain");
        assert!(item.resource_object && item.set_aside == [false, false, true]);
        assert_eq!(item.plain.lists.titles[0].title, "T");
        assert_eq!(item.plain.server, ["state"]);
        assert_eq!(item.offsets.offset("/attributes/titles", 0).map(|at| &plain[at..at + 2]), Some("[{"));
        assert!(object(r#"{"titles": [{"title": "T"}], "publisher": "P"}"#, 0).is_some_and(|i| !i.resource_object));
        // Line break spellings are the careful reader's note in a description only.
        assert!(
            object(r#"{"titles": [{"title": "a<br>b"}], "descriptions": [{"description": "a<br/>b"}]}"#, 0).is_some()
        );
        for refused in [
            r#"{"titles": [{"title": " T"}]}"#,
            r#"{"titles": [{"title": "T"}, null]}"#,
            r#"{"titles": [{"title": "T", "lang": null}, {}]}"#,
            r#"{"titles": [{"lang": "en"}]}"#,
            r#"{"titles": {"title": "T"}}"#,
            r#"{"titles": [["T"]]}"#,
            r#"{"titles": [{"title": "T", "extra": 1}]}"#,
            r#"{"titles": [{"title": "T"}], "titles": []}"#,
            r#"{"publication-year": 2020}"#,
            r#"{"descriptions": [{"description": "a<br>b"}]}"#,
            r#"{"descriptions": [{"description": "a\u2028b"}]}"#,
            r#"{"id": "10.5072/a", "attributes": {}, "titles": []}"#,
            r#"{}"#,
            r#"[]"#,
        ] {
            assert!(object(refused, 0).is_none(), "{refused}");
        }
    }
}

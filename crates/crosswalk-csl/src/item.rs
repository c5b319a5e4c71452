//! The CSL-JSON item: our own serde types following CSL 1.0.2's `csl-data.json` schema.
//!
//! Reading is lenient, because real data is: a text variable may arrive as a string, a number or
//! (from Crossref) a list; names as objects, plain strings or a single object instead of a list;
//! dates as `date-parts`, `raw`, `literal`, an EDTF string or a bare year. Deserialising an item
//! never fails on a value of the wrong type: the value is kept ([`Scalar::Invalid`],
//! [`NameEntry::Invalid`], [`DateVariable::Invalid`]) for the reader to report with its JSON
//! pointer. Keys outside the schema are kept in [`Item::unknown`], keys named twice in
//! [`Item::duplicates`]; only broken JSON syntax stops an item.
//!
//! Writing uses the same types and emits the schema's spelling, in the schema's key order.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A string, number or flag value as written, or what stood in its place.
///
/// The schema types CSL variables as strings, numbers (`["string", "number"]`) or flags
/// (`["string", "number", "boolean"]`); this keeps any of them, plus the lists Crossref writes
/// for `title`, `ISSN` and the like, and any other value so that it can be reported.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// A JSON string.
    String(String),
    /// A JSON number, in its JSON spelling.
    Number(String),
    /// A JSON boolean.
    Bool(bool),
    /// A JSON list (of anything).
    List(Vec<Scalar>),
    /// JSON `null`.
    Null,
    /// A JSON object, which no scalar variable can hold.
    Invalid(Value),
}

impl Scalar {
    /// The text of a string or number, untrimmed; `None` for anything else.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Scalar::String(text) | Scalar::Number(text) => Some(text),
            _ => None,
        }
    }

    /// A string scalar.
    pub fn text(text: impl Into<String>) -> Self {
        Scalar::String(text.into())
    }

    /// The JSON kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Scalar::String(_) => "a string",
            Scalar::Number(_) => "a number",
            Scalar::Bool(_) => "a boolean",
            Scalar::List(_) => "a list",
            Scalar::Null => "null",
            Scalar::Invalid(_) => "an object",
        }
    }

    /// True for a flag that is set: `true`, a non-zero number, or a string other than `""`,
    /// `"0"` and `"false"`.
    pub fn is_set(&self) -> bool {
        match self {
            Scalar::Bool(b) => *b,
            Scalar::Number(n) => n.parse::<f64>().is_ok_and(|v| v != 0.0),
            Scalar::String(s) => !matches!(s.trim(), "" | "0" | "false"),
            _ => false,
        }
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Number(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            items.push(item);
        }
        Ok(Scalar::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        Ok(Scalar::Invalid(Value::Object(Map::deserialize(de::value::MapAccessDeserializer::new(map))?)))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::String(text) => s.serialize_str(text),
            Scalar::Number(text) => match text.parse::<serde_json::Number>() {
                Ok(number) => number.serialize(s),
                Err(_) => s.serialize_str(text),
            },
            Scalar::Bool(b) => s.serialize_bool(*b),
            Scalar::List(items) => items.serialize(s),
            Scalar::Null => s.serialize_unit(),
            Scalar::Invalid(value) => value.serialize(s),
        }
    }
}

/// Records a value for a key: a key named twice keeps its last value (as JSON parsers do) and
/// is listed in `duplicates`.
fn put<T>(slot: &mut Option<T>, value: T, key: &str, duplicates: &mut Vec<String>) {
    if slot.is_some() {
        duplicates.push(key.to_owned());
    }
    *slot = Some(value);
}

/// A CSL name: a person's name in parts, or an institution's as a `literal`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Name {
    /// `family`.
    pub family: Option<Scalar>,
    /// `given`.
    pub given: Option<Scalar>,
    /// `dropping-particle` (e.g. "von" in "Alexander von Humboldt").
    pub dropping_particle: Option<Scalar>,
    /// `non-dropping-particle` (e.g. "van" in "Vincent van Gogh").
    pub non_dropping_particle: Option<Scalar>,
    /// `suffix` (e.g. "Jr.").
    pub suffix: Option<Scalar>,
    /// `comma-suffix`: a rendering flag.
    pub comma_suffix: Option<Scalar>,
    /// `static-ordering`: a rendering flag.
    pub static_ordering: Option<Scalar>,
    /// `literal`: the name as one string, used for institutions.
    pub literal: Option<Scalar>,
    /// `parse-names`: a processing flag.
    pub parse_names: Option<Scalar>,
    /// `ORCID` (not in the schema; Crossref writes it).
    pub orcid: Option<Scalar>,
    /// `authenticated-orcid` (not in the schema; Crossref writes it).
    pub authenticated_orcid: Option<Scalar>,
    /// `affiliation` (not in the schema; Crossref writes a list of `{"name": …}`).
    pub affiliation: Option<Value>,
    /// `sequence` (not in the schema; Crossref writes `first` or `additional`).
    pub sequence: Option<Scalar>,
    /// Keys outside the schema and the extensions above, with their values, in source order.
    pub unknown: Vec<(String, Value)>,
    /// Keys named more than once.
    pub duplicates: Vec<String>,
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(NameVisitor)
    }
}

struct NameVisitor;

impl<'de> Visitor<'de> for NameVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CSL name object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Name, A::Error> {
        let mut name = Name::default();
        let mut duplicates = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let d = &mut duplicates;
            match key.as_str() {
                "family" => put(&mut name.family, map.next_value()?, &key, d),
                "given" => put(&mut name.given, map.next_value()?, &key, d),
                "dropping-particle" => put(&mut name.dropping_particle, map.next_value()?, &key, d),
                "non-dropping-particle" => put(&mut name.non_dropping_particle, map.next_value()?, &key, d),
                "suffix" => put(&mut name.suffix, map.next_value()?, &key, d),
                "comma-suffix" => put(&mut name.comma_suffix, map.next_value()?, &key, d),
                "static-ordering" => put(&mut name.static_ordering, map.next_value()?, &key, d),
                "literal" => put(&mut name.literal, map.next_value()?, &key, d),
                "parse-names" => put(&mut name.parse_names, map.next_value()?, &key, d),
                "ORCID" => put(&mut name.orcid, map.next_value()?, &key, d),
                "authenticated-orcid" => put(&mut name.authenticated_orcid, map.next_value()?, &key, d),
                "affiliation" => put(&mut name.affiliation, map.next_value()?, &key, d),
                "sequence" => put(&mut name.sequence, map.next_value()?, &key, d),
                _ => {
                    let value: Value = map.next_value()?;
                    if name.unknown.iter().any(|(k, _)| *k == key) {
                        d.push(key.clone());
                        name.unknown.retain(|(k, _)| *k != key);
                    }
                    name.unknown.push((key, value));
                }
            }
        }
        name.duplicates = duplicates;
        Ok(name)
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        let fields: [(&str, &Option<Scalar>); 9] = [
            ("family", &self.family),
            ("given", &self.given),
            ("dropping-particle", &self.dropping_particle),
            ("non-dropping-particle", &self.non_dropping_particle),
            ("suffix", &self.suffix),
            ("comma-suffix", &self.comma_suffix),
            ("static-ordering", &self.static_ordering),
            ("literal", &self.literal),
            ("parse-names", &self.parse_names),
        ];
        for (key, value) in fields {
            if let Some(value) = value {
                map.serialize_entry(key, value)?;
            }
        }
        if let Some(orcid) = &self.orcid {
            map.serialize_entry("ORCID", orcid)?;
        }
        if let Some(flag) = &self.authenticated_orcid {
            map.serialize_entry("authenticated-orcid", flag)?;
        }
        if let Some(affiliation) = &self.affiliation {
            map.serialize_entry("affiliation", affiliation)?;
        }
        if let Some(sequence) = &self.sequence {
            map.serialize_entry("sequence", sequence)?;
        }
        for (key, value) in &self.unknown {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// One entry of a name list.
#[derive(Clone, Debug, PartialEq)]
pub enum NameEntry {
    /// A name object.
    Name(Box<Name>),
    /// A plain string where an object belongs (not in the schema, but seen in real data).
    Text(String),
    /// Anything else (a number, a list, `null`), kept for the report.
    Invalid(Value),
}

impl<'de> Deserialize<'de> for NameEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NameEntryVisitor)
    }
}

struct NameEntryVisitor;

impl<'de> Visitor<'de> for NameEntryVisitor {
    type Value = NameEntry;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CSL name")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NameEntry, A::Error> {
        Ok(NameEntry::Name(Box::new(NameVisitor.visit_map(map)?)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NameEntry, E> {
        Ok(NameEntry::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<NameEntry, E> {
        Ok(NameEntry::Text(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::from(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<NameEntry, E> {
        Ok(NameEntry::Invalid(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<NameEntry, A::Error> {
        Ok(NameEntry::Invalid(Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?))
    }
}

impl Serialize for NameEntry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NameEntry::Name(name) => name.serialize(s),
            NameEntry::Text(text) => s.serialize_str(text),
            NameEntry::Invalid(value) => value.serialize(s),
        }
    }
}

/// How a name variable was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NameListForm {
    /// A list, as the schema says.
    #[default]
    List,
    /// A single name object or string, not wrapped in a list.
    Single,
    /// `null`.
    Null,
    /// A number or boolean: no name could be read.
    Invalid,
}

/// A name variable (`author`, `editor`, …): its names, and how they were written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameList {
    /// The names, in order.
    pub names: Vec<NameEntry>,
    /// How the variable was written.
    pub form: NameListForm,
}

impl NameList {
    /// A list of name objects.
    pub fn of(names: Vec<Name>) -> Self {
        NameList { names: names.into_iter().map(|n| NameEntry::Name(Box::new(n))).collect(), form: NameListForm::List }
    }
}

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NameListVisitor)
    }
}

struct NameListVisitor;

impl NameListVisitor {
    fn invalid(value: Value) -> NameList {
        NameList { names: vec![NameEntry::Invalid(value)], form: NameListForm::Invalid }
    }
}

impl<'de> Visitor<'de> for NameListVisitor {
    type Value = NameList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of CSL names")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NameList, A::Error> {
        let mut names = Vec::new();
        while let Some(entry) = seq.next_element::<NameEntry>()? {
            names.push(entry);
        }
        Ok(NameList { names, form: NameListForm::List })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NameList, A::Error> {
        Ok(NameList { names: vec![NameEntry::Name(Box::new(NameVisitor.visit_map(map)?))], form: NameListForm::Single })
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NameList, E> {
        Ok(NameList { names: vec![NameEntry::Text(v.to_owned())], form: NameListForm::Single })
    }
    fn visit_unit<E: de::Error>(self) -> Result<NameList, E> {
        Ok(NameList { names: Vec::new(), form: NameListForm::Null })
    }
    fn visit_none<E: de::Error>(self) -> Result<NameList, E> {
        self.visit_unit()
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<NameList, E> {
        Ok(Self::invalid(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NameList, E> {
        Ok(Self::invalid(Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NameList, E> {
        Ok(Self::invalid(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NameList, E> {
        Ok(Self::invalid(Value::from(v)))
    }
}

impl Serialize for NameList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.names.len()))?;
        for name in &self.names {
            seq.serialize_element(name)?;
        }
        seq.end()
    }
}

/// A date in CSL's structured form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DateObject {
    /// `date-parts`: one or two lists (a range) of year, month, day.
    pub date_parts: Option<Scalar>,
    /// `season`: 1–4 or a season's name.
    pub season: Option<Scalar>,
    /// `circa`: the date is approximate.
    pub circa: Option<Scalar>,
    /// `literal`: a date to be printed as written.
    pub literal: Option<Scalar>,
    /// `raw`: a date for the citation processor to parse.
    pub raw: Option<Scalar>,
    /// `edtf` (in the schema's development versions): an EDTF string.
    pub edtf: Option<Scalar>,
    /// Keys outside the schema, with their values.
    pub unknown: Vec<(String, Value)>,
    /// Keys named more than once.
    pub duplicates: Vec<String>,
}

impl DateObject {
    /// A date of one set of parts (`[[2020, 5, 17]]`).
    pub fn parts(parts: &[i64]) -> Self {
        let parts = Scalar::List(parts.iter().map(|p| Scalar::Number(p.to_string())).collect());
        DateObject { date_parts: Some(Scalar::List(vec![parts])), ..Default::default() }
    }
}

/// A date variable (`issued`, `accessed`, …) as written.
#[derive(Clone, Debug, PartialEq)]
pub enum DateVariable {
    /// The structured form (`{"date-parts": …}`, `{"raw": …}`, …).
    Object(Box<DateObject>),
    /// A string: an EDTF date, as the schema's later versions allow.
    Text(String),
    /// A number (not in the schema; a year, in real data).
    Number(String),
    /// `null`.
    Null,
    /// A boolean or a list, kept for the report.
    Invalid(Value),
}

impl<'de> Deserialize<'de> for DateVariable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = DateVariable;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a CSL date")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DateVariable, A::Error> {
        let mut date = DateObject::default();
        let mut duplicates = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let d = &mut duplicates;
            match key.as_str() {
                "date-parts" => put(&mut date.date_parts, map.next_value()?, &key, d),
                "season" => put(&mut date.season, map.next_value()?, &key, d),
                "circa" => put(&mut date.circa, map.next_value()?, &key, d),
                "literal" => put(&mut date.literal, map.next_value()?, &key, d),
                "raw" => put(&mut date.raw, map.next_value()?, &key, d),
                "edtf" => put(&mut date.edtf, map.next_value()?, &key, d),
                _ => {
                    let value: Value = map.next_value()?;
                    if date.unknown.iter().any(|(k, _)| *k == key) {
                        d.push(key.clone());
                        date.unknown.retain(|(k, _)| *k != key);
                    }
                    date.unknown.push((key, value));
                }
            }
        }
        date.duplicates = duplicates;
        Ok(DateVariable::Object(Box::new(date)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateVariable, E> {
        Ok(DateVariable::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<DateVariable, E> {
        Ok(DateVariable::Text(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateVariable, E> {
        Ok(DateVariable::Number(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateVariable, E> {
        Ok(DateVariable::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateVariable, E> {
        Ok(DateVariable::Number(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<DateVariable, E> {
        Ok(DateVariable::Invalid(Value::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<DateVariable, E> {
        Ok(DateVariable::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<DateVariable, E> {
        Ok(DateVariable::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<DateVariable, A::Error> {
        Ok(DateVariable::Invalid(Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?))
    }
}

impl Serialize for DateVariable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            DateVariable::Object(date) => {
                let mut map = s.serialize_map(None)?;
                let fields: [(&str, &Option<Scalar>); 6] = [
                    ("date-parts", &date.date_parts),
                    ("season", &date.season),
                    ("circa", &date.circa),
                    ("literal", &date.literal),
                    ("raw", &date.raw),
                    ("edtf", &date.edtf),
                ];
                for (key, value) in fields {
                    if let Some(value) = value {
                        map.serialize_entry(key, value)?;
                    }
                }
                for (key, value) in &date.unknown {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            DateVariable::Text(text) => s.serialize_str(text),
            DateVariable::Number(text) => Scalar::Number(text.clone()).serialize(s),
            DateVariable::Null => s.serialize_unit(),
            DateVariable::Invalid(value) => value.serialize(s),
        }
    }
}

/// Declares [`Item`] from the schema's variables: one field per variable, the key lists, and the
/// (de)serialisation that matches keys to fields.
macro_rules! csl_item {
    (
        names { $($name_field:ident = $name_key:literal),+ $(,)? }
        dates { $($date_field:ident = $date_key:literal),+ $(,)? }
        scalars { $($scalar_field:ident = $scalar_key:literal),+ $(,)? }
        extensions { $($ext_field:ident = $ext_key:literal),+ $(,)? }
        structured_extensions { $($raw_field:ident = $raw_key:literal),+ $(,)? }
    ) => {
        /// One CSL-JSON item: every variable of CSL 1.0.2's `csl-data.json`, the extensions
        /// Crossref writes that the reader maps, and whatever else the item held.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Item {
            /// `type`: the CSL item type.
            pub item_type: Option<Scalar>,
            /// `id`: the item's key for citation processors.
            pub id: Option<Scalar>,
            /// `citation-key`: the key a user cites the item by.
            pub citation_key: Option<Scalar>,
            /// `categories`: a list of strings.
            pub categories: Option<Scalar>,
            /// `custom`: free key-value pairs.
            pub custom: Option<Value>,
            $(
                #[doc = concat!("`", $name_key, "`: a name variable.")]
                pub $name_field: Option<NameList>,
            )+
            $(
                #[doc = concat!("`", $date_key, "`: a date variable.")]
                pub $date_field: Option<DateVariable>,
            )+
            $(
                #[doc = concat!("`", $scalar_key, "`: a string or number variable.")]
                pub $scalar_field: Option<Scalar>,
            )+
            $(
                #[doc = concat!("`", $ext_key, "`: not in the schema; written by Crossref.")]
                pub $ext_field: Option<Scalar>,
            )+
            $(
                #[doc = concat!("`", $raw_key, "`: not in the schema; written by Crossref (a list of objects).")]
                pub $raw_field: Option<Value>,
            )+
            /// Keys outside the schema and the extensions, with their values, in source order.
            pub unknown: Vec<(String, Value)>,
            /// Keys named more than once (the last value is kept).
            pub duplicates: Vec<String>,
        }

        /// The name variables of CSL 1.0.2, in the schema's order.
        pub const NAME_VARIABLES: &[&str] = &[$($name_key),+];
        /// The date variables of CSL 1.0.2, in the schema's order.
        pub const DATE_VARIABLES: &[&str] = &[$($date_key),+];
        /// The string and number variables of CSL 1.0.2, in the schema's order.
        pub const SCALAR_VARIABLES: &[&str] = &[$($scalar_key),+];
        /// The keys outside the schema that the reader maps (written by Crossref), never written.
        pub const EXTENSION_KEYS: &[&str] = &[$($ext_key),+, $($raw_key),+];

        impl Item {
            /// The name variables that are present, in the schema's order.
            pub fn name_lists(&self) -> Vec<(&'static str, &NameList)> {
                let mut out = Vec::new();
                $( if let Some(list) = &self.$name_field { out.push(($name_key, list)); } )+
                out
            }

            /// The name variable called `key`, for writing.
            pub fn name_list_mut(&mut self, key: &str) -> Option<&mut Option<NameList>> {
                match key {
                    $( $name_key => Some(&mut self.$name_field), )+
                    _ => None,
                }
            }

            /// The date variable called `key`.
            pub fn date_mut(&mut self, key: &str) -> Option<&mut Option<DateVariable>> {
                match key {
                    $( $date_key => Some(&mut self.$date_field), )+
                    _ => None,
                }
            }

            /// The string or number variable called `key`.
            pub fn scalar_mut(&mut self, key: &str) -> Option<&mut Option<Scalar>> {
                match key {
                    $( $scalar_key => Some(&mut self.$scalar_field), )+
                    _ => None,
                }
            }
        }

        struct ItemVisitor;

        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = Item;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CSL item (a JSON object)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                let mut item = Item::default();
                let mut duplicates = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let d = &mut duplicates;
                    match key.as_str() {
                        "type" => put(&mut item.item_type, map.next_value()?, &key, d),
                        "id" => put(&mut item.id, map.next_value()?, &key, d),
                        "citation-key" => put(&mut item.citation_key, map.next_value()?, &key, d),
                        "categories" => put(&mut item.categories, map.next_value()?, &key, d),
                        "custom" => put(&mut item.custom, map.next_value()?, &key, d),
                        $( $name_key => put(&mut item.$name_field, map.next_value()?, &key, d), )+
                        $( $date_key => put(&mut item.$date_field, map.next_value()?, &key, d), )+
                        $( $scalar_key => put(&mut item.$scalar_field, map.next_value()?, &key, d), )+
                        $( $ext_key => put(&mut item.$ext_field, map.next_value()?, &key, d), )+
                        $( $raw_key => put(&mut item.$raw_field, map.next_value()?, &key, d), )+
                        _ => {
                            let value: Value = map.next_value()?;
                            if item.unknown.iter().any(|(k, _)| *k == key) {
                                d.push(key.clone());
                                item.unknown.retain(|(k, _)| *k != key);
                            }
                            item.unknown.push((key, value));
                        }
                    }
                }
                item.duplicates = duplicates;
                Ok(item)
            }
        }

        impl Serialize for Item {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                if let Some(value) = &self.item_type {
                    map.serialize_entry("type", value)?;
                }
                if let Some(value) = &self.id {
                    map.serialize_entry("id", value)?;
                }
                if let Some(value) = &self.citation_key {
                    map.serialize_entry("citation-key", value)?;
                }
                if let Some(value) = &self.categories {
                    map.serialize_entry("categories", value)?;
                }
                $( if let Some(value) = &self.$name_field { map.serialize_entry($name_key, value)?; } )+
                $( if let Some(value) = &self.$date_field { map.serialize_entry($date_key, value)?; } )+
                $( if let Some(value) = &self.$scalar_field { map.serialize_entry($scalar_key, value)?; } )+
                if let Some(value) = &self.custom {
                    map.serialize_entry("custom", value)?;
                }
                $( if let Some(value) = &self.$ext_field { map.serialize_entry($ext_key, value)?; } )+
                $( if let Some(value) = &self.$raw_field { map.serialize_entry($raw_key, value)?; } )+
                for (key, value) in &self.unknown {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    };
}

csl_item! {
    names {
        author = "author",
        chair = "chair",
        collection_editor = "collection-editor",
        compiler = "compiler",
        composer = "composer",
        container_author = "container-author",
        contributor = "contributor",
        curator = "curator",
        director = "director",
        editor = "editor",
        editorial_director = "editorial-director",
        executive_producer = "executive-producer",
        guest = "guest",
        host = "host",
        interviewer = "interviewer",
        illustrator = "illustrator",
        narrator = "narrator",
        organizer = "organizer",
        original_author = "original-author",
        performer = "performer",
        producer = "producer",
        recipient = "recipient",
        reviewed_author = "reviewed-author",
        script_writer = "script-writer",
        series_creator = "series-creator",
        translator = "translator",
    }
    dates {
        accessed = "accessed",
        available_date = "available-date",
        event_date = "event-date",
        issued = "issued",
        original_date = "original-date",
        submitted = "submitted",
    }
    scalars {
        language = "language",
        journal_abbreviation = "journalAbbreviation",
        short_title_camel = "shortTitle",
        abstract_text = "abstract",
        annote = "annote",
        archive = "archive",
        archive_collection = "archive_collection",
        archive_location = "archive_location",
        archive_place = "archive-place",
        authority = "authority",
        call_number = "call-number",
        chapter_number = "chapter-number",
        citation_number = "citation-number",
        citation_label = "citation-label",
        collection_number = "collection-number",
        collection_title = "collection-title",
        container_title = "container-title",
        container_title_short = "container-title-short",
        dimensions = "dimensions",
        division = "division",
        doi = "DOI",
        edition = "edition",
        event = "event",
        event_title = "event-title",
        event_place = "event-place",
        first_reference_note_number = "first-reference-note-number",
        genre = "genre",
        isbn = "ISBN",
        issn = "ISSN",
        issue = "issue",
        jurisdiction = "jurisdiction",
        keyword = "keyword",
        locator = "locator",
        medium = "medium",
        note = "note",
        number = "number",
        number_of_pages = "number-of-pages",
        number_of_volumes = "number-of-volumes",
        original_publisher = "original-publisher",
        original_publisher_place = "original-publisher-place",
        original_title = "original-title",
        page = "page",
        page_first = "page-first",
        part = "part",
        part_title = "part-title",
        pmcid = "PMCID",
        pmid = "PMID",
        printing = "printing",
        publisher = "publisher",
        publisher_place = "publisher-place",
        references = "references",
        reviewed_genre = "reviewed-genre",
        reviewed_title = "reviewed-title",
        scale = "scale",
        section = "section",
        source = "source",
        status = "status",
        supplement = "supplement",
        title = "title",
        title_short = "title-short",
        url = "URL",
        version = "version",
        volume = "volume",
        volume_title = "volume-title",
        volume_title_short = "volume-title-short",
        year_suffix = "year-suffix",
    }
    extensions {
        subject = "subject",
        subtitle = "subtitle",
        short_container_title = "short-container-title",
        short_title_crossref = "short-title",
    }
    structured_extensions {
        funder = "funder",
        license = "license",
        link = "link",
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ItemVisitor)
    }
}

/// The keys of an item that are neither variables nor extensions but known to the schema.
pub const OTHER_KEYS: &[&str] = &["type", "id", "citation-key", "categories", "custom"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_values_are_kept_for_the_report() {
        let item: Item = serde_json::from_str(
            r#"{"type": "book", "id": 7, "title": ["A", "B"], "volume": 3, "page": true,
                "author": {"family": "Doe", "given": "Jane", "x-extra": 1},
                "editor": ["Smith, J.", 5], "issued": 2016, "accessed": {"raw": "2020-01-02", "junk": 1},
                "title": "Last", "stray": {"a": 1}}"#,
        )
        .unwrap();
        assert_eq!(item.id, Some(Scalar::Number("7".into())));
        assert_eq!(item.title, Some(Scalar::String("Last".into())));
        assert_eq!(item.duplicates, ["title"]);
        assert_eq!(item.volume, Some(Scalar::Number("3".into())));
        assert_eq!(item.page, Some(Scalar::Bool(true)));
        let author = item.author.unwrap();
        assert_eq!(author.form, NameListForm::Single);
        let NameEntry::Name(name) = &author.names[0] else { panic!("a name object") };
        assert_eq!(name.unknown[0].0, "x-extra");
        let editor = item.editor.unwrap();
        assert_eq!(editor.names[0], NameEntry::Text("Smith, J.".into()));
        assert_eq!(editor.names[1], NameEntry::Invalid(Value::from(5)));
        assert_eq!(item.issued, Some(DateVariable::Number("2016".into())));
        let Some(DateVariable::Object(accessed)) = item.accessed else { panic!("a date object") };
        assert_eq!(accessed.unknown[0].0, "junk");
        assert_eq!(item.unknown[0].0, "stray");
    }

    #[test]
    fn writes_schema_keys_in_order() {
        let item = Item {
            item_type: Some(Scalar::text("book")),
            id: Some(Scalar::text("x")),
            title: Some(Scalar::text("T")),
            author: Some(NameList::of(vec![Name {
                family: Some(Scalar::text("Doe")),
                given: Some(Scalar::text("Jane")),
                ..Default::default()
            }])),
            issued: Some(DateVariable::Object(Box::new(DateObject::parts(&[2020, 5])))),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"type":"book","id":"x","author":[{"family":"Doe","given":"Jane"}],"issued":{"date-parts":[[2020,5]]},"title":"T"}"#
        );
    }
}

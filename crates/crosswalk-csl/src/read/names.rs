//! CSL names into the model's names.
//!
//! A name with `family` and `given` is a person: `name` is "Family, Given" (with a `suffix`
//! after a further comma), `familyName` holds the family name with its particles ("van Gogh",
//! "von Humboldt"), `givenName` the given names, and `nameType` is Personal. A `literal` alone is
//! an institution (Organizational), kept whole. An ORCID (Crossref writes one) makes a name
//! Personal, and a `literal` with an ORCID is split by the shared splitter ("Given Family" →
//! `Family, Given`, `crosswalk_rules::names`). A plain string where a name object belongs is kept as written, without a nameType.

use crosswalk_model::{
    codes, Affiliation, Contributor, Creator, Location, NameIdentifier, NameType, RelatedItemCreator,
};
use serde_json::Value;

use super::map::{child, show, Mapper};
use crate::item::{Name, NameEntry, Scalar};
use crate::{CSL_NAME_STRING, CSL_PROCESSOR_VARIABLE};

/// A name as the model holds it, before it becomes a creator, contributor or related item's name.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Person {
    pub name: String,
    pub name_type: Option<NameType>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub name_identifiers: Vec<NameIdentifier>,
    pub affiliation: Vec<Affiliation>,
}

impl Person {
    pub fn creator(self) -> Creator {
        Creator {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given_name,
            family_name: self.family_name,
            lang: None,
            name_identifiers: self.name_identifiers,
            affiliation: self.affiliation,
        }
    }

    pub fn contributor(self) -> Contributor {
        Contributor {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given_name,
            family_name: self.family_name,
            lang: None,
            name_identifiers: self.name_identifiers,
            affiliation: self.affiliation,
            contributor_type: None,
        }
    }

    pub fn related_creator(self) -> RelatedItemCreator {
        RelatedItemCreator {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given_name,
            family_name: self.family_name,
            lang: None,
        }
    }
}

/// Reads one entry of a name list at `pointer`; `None` (reported) when it holds no name.
pub(super) fn name_entry(m: &mut Mapper, pointer: &str, entry: &NameEntry) -> Option<Person> {
    match entry {
        NameEntry::Name(name) => name_object(m, pointer, name),
        NameEntry::Text(text) => {
            let text = m.trimmed(pointer, text)?;
            let message = format!(
                "name \"{text}\" is a plain string, not a CSL name object; it is kept as written, without a nameType"
            );
            m.info(CSL_NAME_STRING, message, pointer);
            Some(Person { name: text, ..Default::default() })
        }
        NameEntry::Invalid(Value::Null) => {
            m.info(codes::VALUE_EMPTY, "a null name was skipped".to_owned(), pointer);
            None
        }
        NameEntry::Invalid(value) => {
            m.wrong_type(pointer, "a CSL name object", &show(value));
            None
        }
    }
}

fn part(m: &mut Mapper, pointer: &str, key: &str, value: &Option<Scalar>) -> Option<String> {
    value.as_ref().and_then(|v| m.text(&child(pointer, key), v))
}

/// Collapses runs of white space, for comparing a `literal` with the name built from parts.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name_object(m: &mut Mapper, pointer: &str, name: &Name) -> Option<Person> {
    m.duplicates(pointer, &name.duplicates);
    m.unknown_keys(pointer, &name.unknown, "name");
    let family = part(m, pointer, "family", &name.family);
    let given = part(m, pointer, "given", &name.given);
    let dropping = part(m, pointer, "dropping-particle", &name.dropping_particle);
    let non_dropping = part(m, pointer, "non-dropping-particle", &name.non_dropping_particle);
    let suffix = part(m, pointer, "suffix", &name.suffix);
    let literal = part(m, pointer, "literal", &name.literal);
    for (key, flag) in [
        ("comma-suffix", &name.comma_suffix),
        ("static-ordering", &name.static_ordering),
        ("parse-names", &name.parse_names),
    ] {
        if let Some(flag) = flag {
            if !matches!(flag, Scalar::Null) {
                let message =
                    format!("{key} is an instruction for rendering the name, not part of it; it is not carried over");
                m.info(CSL_PROCESSOR_VARIABLE, message, &child(pointer, key));
            }
        }
    }
    let orcid = part(m, pointer, "ORCID", &name.orcid);
    if let Some(flag) = &name.authenticated_orcid {
        if !matches!(flag, Scalar::Bool(_) | Scalar::Null | Scalar::String(_) | Scalar::Number(_)) {
            m.wrong_type(&child(pointer, "authenticated-orcid"), "a boolean", flag.kind());
        }
    }
    if let Some(sequence) = &name.sequence {
        // The order of the list already says it; read only to check its type.
        if sequence.as_text().is_none() && !matches!(sequence, Scalar::Null) {
            m.wrong_type(&child(pointer, "sequence"), "a string", sequence.kind());
        }
    }
    let affiliation =
        name.affiliation.as_ref().map(|a| affiliations(m, &child(pointer, "affiliation"), a)).unwrap_or_default();

    let particles: Vec<&str> = [dropping.as_deref(), non_dropping.as_deref()].into_iter().flatten().collect();
    let family_name = match (&family, particles.is_empty()) {
        (Some(family), true) => Some(family.clone()),
        (Some(family), false) => {
            let joined = format!("{} {family}", particles.join(" "));
            let message =
                format!("the particle \"{}\" is joined to the family name: \"{joined}\"", particles.join(" "));
            m.info(codes::VALUE_NORMALISED, message, pointer);
            Some(joined)
        }
        (None, false) if given.is_some() => {
            let message = format!("particle \"{}\" without a family name is not carried over", particles.join(" "));
            m.warn(codes::FIELD_UNMAPPED, message, pointer);
            None
        }
        (None, _) => None,
    };
    let built = match (&family_name, &given) {
        (Some(family), Some(given)) => Some(format!("{family}, {given}")),
        (Some(family), None) => Some(family.clone()),
        (None, Some(given)) => Some(given.clone()),
        (None, None) => None,
    };
    let built = match (built, &suffix) {
        (Some(built), Some(suffix)) => Some(format!("{built}, {suffix}")),
        (built, None) => built,
        (None, Some(suffix)) => {
            let message = format!("suffix \"{suffix}\" without a family or given name is not carried over");
            m.warn(codes::FIELD_UNMAPPED, message, &child(pointer, "suffix"));
            None
        }
    };
    let mut name_identifiers = Vec::new();
    if let Some(orcid) = &orcid {
        name_identifiers.push(NameIdentifier {
            name_identifier: orcid.clone(),
            name_identifier_scheme: Some("ORCID".to_owned()),
            scheme_uri: Some("https://orcid.org".to_owned()),
        });
    }
    let person = match (built, literal) {
        (Some(built), literal) => {
            if let Some(literal) = literal {
                let natural = [given.as_deref(), family_name.as_deref(), suffix.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                let same = [&built, &natural].iter().any(|form| squeeze(form) == squeeze(&literal));
                if !same {
                    let message = format!(
                        "literal \"{literal}\" differs from the name \"{built}\" built from its parts; the parts are used and the literal is not carried over"
                    );
                    m.warn(codes::FIELD_UNMAPPED, message, &child(pointer, "literal"));
                }
            }
            let personal = (family.is_some() && given.is_some()) || orcid.is_some();
            Person {
                name: built,
                name_type: personal.then_some(NameType::Personal),
                given_name: given,
                family_name,
                name_identifiers,
                affiliation,
            }
        }
        (None, Some(literal)) => {
            let name_type = if orcid.is_some() { NameType::Personal } else { NameType::Organizational };
            // A literal with an ORCID is a person's name in one string: split it as DataCite
            // asks (the shared splitter); an institution's literal is never split.
            let split = crosswalk_rules::names::split_person(&literal, Some(&name_type), &name_identifiers);
            match split {
                Some(split) => {
                    let diagnostic = split.diagnostic(&literal);
                    m.diagnostics.push(diagnostic.at(Location::path(child(pointer, "literal"))));
                    Person {
                        name: split.display(),
                        name_type: Some(name_type),
                        given_name: Some(split.given),
                        family_name: Some(split.family),
                        name_identifiers,
                        affiliation,
                    }
                }
                None => Person {
                    name: literal,
                    name_type: Some(name_type),
                    name_identifiers,
                    affiliation,
                    ..Default::default()
                },
            }
        }
        (None, None) => {
            if orcid.is_some() || !affiliation.is_empty() {
                let message = "the name has an ORCID or affiliation but no name; it is not carried over".to_owned();
                m.warn(codes::VALUE_EMPTY, message, pointer);
            } else {
                m.info(
                    codes::VALUE_EMPTY,
                    "a name with no family, given or literal name was skipped".to_owned(),
                    pointer,
                );
            }
            return None;
        }
    };
    Some(person)
}

/// Crossref's affiliations: a list of `{"name": …, "id": […]}` objects (or strings).
fn affiliations(m: &mut Mapper, pointer: &str, value: &Value) -> Vec<Affiliation> {
    let items: Vec<(String, &Value)> = match value {
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (child(pointer, &i.to_string()), v)).collect(),
        Value::Null => Vec::new(),
        other => vec![(pointer.to_owned(), other)],
    };
    let mut out = Vec::new();
    for (at, item) in items {
        match item {
            Value::String(text) => out.extend(m.trimmed(&at, text).map(Affiliation::named)),
            Value::Object(fields) => {
                let mut affiliation = Affiliation::default();
                for (key, field) in fields {
                    let field_at = child(&at, key);
                    match (key.as_str(), field) {
                        ("name", Value::String(text)) => {
                            if let Some(name) = m.trimmed(&field_at, text) {
                                affiliation.name = name;
                            }
                        }
                        ("name", other) => m.wrong_type(&field_at, "a string", &show(other)),
                        ("id", ids) => {
                            if let Some((id, scheme)) = affiliation_id(m, &field_at, ids) {
                                if scheme.eq_ignore_ascii_case("ROR") {
                                    affiliation.scheme_uri = Some("https://ror.org".to_owned());
                                }
                                affiliation.affiliation_identifier = Some(id);
                                affiliation.affiliation_identifier_scheme = Some(scheme);
                            }
                        }
                        (_, Value::Null) => {}
                        (_, other) => {
                            let message = format!(
                                "affiliation key \"{key}\" ({}) has no home in the model; it is not carried over",
                                show(other)
                            );
                            m.warn(codes::FIELD_UNMAPPED, message, &field_at);
                        }
                    }
                }
                if !affiliation.name.is_empty() {
                    out.push(affiliation);
                } else if affiliation.affiliation_identifier.is_some() {
                    let message = "an affiliation with an identifier but no name is not carried over".to_owned();
                    m.warn(codes::VALUE_EMPTY, message, &at);
                }
            }
            Value::Null => {}
            other => m.wrong_type(&at, "an affiliation object or string", &show(other)),
        }
    }
    out
}

/// The first identifier of Crossref's affiliation `id` list
/// (`[{"id": "https://ror.org/…", "id-type": "ROR", "asserted-by": "publisher"}]`) with its
/// scheme; further identifiers are reported.
fn affiliation_id(m: &mut Mapper, pointer: &str, ids: &Value) -> Option<(String, String)> {
    let list = match ids {
        Value::Array(list) => list.as_slice(),
        Value::Null => return None,
        other => {
            m.wrong_type(pointer, "a list of identifier objects", &show(other));
            return None;
        }
    };
    let mut found: Option<(String, String)> = None;
    for (index, entry) in list.iter().enumerate() {
        let at = child(pointer, &index.to_string());
        let id = entry.get("id").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        let scheme = entry.get("id-type").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
        match (id, scheme) {
            (Some(id), Some(scheme)) if found.is_none() => found = Some((id.to_owned(), scheme.to_owned())),
            (Some(id), _) => {
                let message = format!(
                    "affiliation identifier \"{id}\" has no home: an affiliation holds one identifier with its scheme; not carried over"
                );
                m.warn(codes::FIELD_UNMAPPED, message, &at);
            }
            (None, _) => m.wrong_type(&at, "an object with \"id\" and \"id-type\"", &show(entry)),
        }
    }
    found
}

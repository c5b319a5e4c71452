//! The rules of the CFF 1.2.0 schema (`schema.json` of the citation-file-format repository),
//! checked by hand on a YAML document: required keys, the keys each object may have (the schema
//! allows no others), the patterns of DOIs, URLs, ORCIDs, dates and Software Heritage
//! identifiers, the enumerations of `type`, reference types and identifier types, non-empty
//! strings and lists, unique list items. The schema itself is not copied here (its licence is
//! CC-BY 4.0): these are its facts, written as code. SPDX licence identifiers are checked for
//! their form only (the schema's list of 459 is not copied).

use serde_json::Value;

/// A YAML document as JSON, by YAML 1.2's core schema (what the schema is written against): a
/// plain scalar that is a decimal integer or float is a number, `true`/`false` a boolean,
/// `~`/`null`/nothing null, anything else (and every quoted scalar) a string.
pub fn yaml_to_json(text: &str) -> Value {
    use saphyr_parser::{Event, Parser, ScalarStyle};
    enum Open {
        Seq(Vec<Value>),
        Map(serde_json::Map<String, Value>, Option<String>),
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut root = None;
    let push = |stack: &mut Vec<Open>, value: Value, root: &mut Option<Value>| match stack.last_mut() {
        None => *root = Some(value),
        Some(Open::Seq(items)) => items.push(value),
        Some(Open::Map(map, key)) => match key.take() {
            None => *key = Some(value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string())),
            Some(k) => {
                assert!(!map.contains_key(&k), "repeated key {k}");
                map.insert(k, value);
            }
        },
    };
    for event in Parser::new_from_str(text) {
        let (event, _) = event.unwrap_or_else(|e| panic!("not YAML: {e:?}\n{text}"));
        match event {
            Event::Scalar(s, style, _, _) => {
                let value = if style != ScalarStyle::Plain {
                    Value::String(s.into_owned())
                } else if matches!(s.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                    Value::Null
                } else if matches!(s.as_ref(), "true" | "false") {
                    Value::Bool(s == "true")
                } else if let Ok(n) = s.parse::<i64>() {
                    Value::from(n)
                } else if let Some(n) =
                    s.parse::<f64>().ok().filter(|_| s.chars().all(|c| c.is_ascii_digit() || c == '.'))
                {
                    Value::from(n)
                } else {
                    Value::String(s.into_owned())
                };
                push(&mut stack, value, &mut root);
            }
            Event::SequenceStart(..) => stack.push(Open::Seq(Vec::new())),
            Event::MappingStart(..) => stack.push(Open::Map(serde_json::Map::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match stack.pop() {
                    Some(Open::Seq(items)) => Value::Array(items),
                    Some(Open::Map(map, _)) => Value::Object(map),
                    None => panic!("unbalanced"),
                };
                push(&mut stack, value, &mut root);
            }
            Event::Alias(_) => panic!("the writer writes no aliases"),
            _ => {}
        }
    }
    root.unwrap_or(Value::Null)
}

const TOP_KEYS: &[&str] = &[
    "abstract",
    "authors",
    "cff-version",
    "commit",
    "contact",
    "date-released",
    "doi",
    "identifiers",
    "keywords",
    "license",
    "license-url",
    "message",
    "preferred-citation",
    "references",
    "repository",
    "repository-artifact",
    "repository-code",
    "title",
    "type",
    "url",
    "version",
];
const PERSON_KEYS: &[&str] = &[
    "address",
    "affiliation",
    "alias",
    "city",
    "country",
    "email",
    "family-names",
    "fax",
    "given-names",
    "name-particle",
    "name-suffix",
    "orcid",
    "post-code",
    "region",
    "tel",
    "website",
];
const ENTITY_KEYS: &[&str] = &[
    "address",
    "alias",
    "city",
    "country",
    "date-end",
    "date-start",
    "email",
    "fax",
    "location",
    "name",
    "orcid",
    "post-code",
    "region",
    "tel",
    "website",
];
const REFERENCE_KEYS: &[&str] = &[
    "abbreviation",
    "abstract",
    "authors",
    "collection-doi",
    "collection-title",
    "collection-type",
    "commit",
    "conference",
    "contact",
    "copyright",
    "data-type",
    "database",
    "database-provider",
    "date-accessed",
    "date-downloaded",
    "date-published",
    "date-released",
    "department",
    "doi",
    "edition",
    "editors",
    "editors-series",
    "end",
    "entry",
    "filename",
    "format",
    "identifiers",
    "institution",
    "isbn",
    "issn",
    "issue",
    "issue-date",
    "issue-title",
    "journal",
    "keywords",
    "languages",
    "license",
    "license-url",
    "loc-end",
    "loc-start",
    "location",
    "medium",
    "month",
    "nihmsid",
    "notes",
    "number",
    "number-volumes",
    "pages",
    "patent-states",
    "pmcid",
    "publisher",
    "recipients",
    "repository",
    "repository-artifact",
    "repository-code",
    "scope",
    "section",
    "senders",
    "start",
    "status",
    "term",
    "thesis-type",
    "title",
    "translators",
    "type",
    "url",
    "version",
    "volume",
    "volume-title",
    "year",
    "year-original",
];
const REFERENCE_TYPES: &[&str] = &[
    "art",
    "article",
    "audiovisual",
    "bill",
    "blog",
    "book",
    "catalogue",
    "conference-paper",
    "conference",
    "data",
    "database",
    "dictionary",
    "edited-work",
    "encyclopedia",
    "film-broadcast",
    "generic",
    "government-document",
    "grant",
    "hearing",
    "historical-work",
    "legal-case",
    "legal-rule",
    "magazine-article",
    "manual",
    "map",
    "multimedia",
    "music",
    "newspaper-article",
    "pamphlet",
    "patent",
    "personal-communication",
    "proceedings",
    "report",
    "serial",
    "slides",
    "software-code",
    "software-container",
    "software-executable",
    "software-virtual-machine",
    "software",
    "sound-recording",
    "standard",
    "statute",
    "thesis",
    "unpublished",
    "video",
    "website",
];

/// The problems the schema would find in `doc` (empty when valid).
pub fn check(doc: &Value) -> Vec<String> {
    let mut c = Checker { problems: Vec::new() };
    c.top(doc);
    c.problems
}

struct Checker {
    problems: Vec<String>,
}

fn is_doi(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("10.") else { return false };
    let Some((registrant, suffix)) = rest.split_once('/') else { return false };
    let mut parts = registrant.splitn(2, '.');
    let first = parts.next().unwrap_or_default();
    let first_ok = (4..=9).contains(&first.len()) && first.chars().all(|c| c.is_ascii_digit());
    let second_ok = parts.next().is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    first_ok
        && second_ok
        && !suffix.is_empty()
        && suffix.chars().all(|c| c.is_ascii_alphanumeric() || ":/_;-.()[]\\".contains(c))
}

fn is_url(s: &str) -> bool {
    ["https://", "http://", "ftp://", "sftp://"].iter().any(|p| s.strip_prefix(p).is_some_and(|r| !r.is_empty()))
}

fn is_orcid(s: &str) -> bool {
    // The schema's pattern is unanchored: an orcid.org URL with 16 digits (the last may be X).
    s.find("https://orcid.org/").is_some_and(|at| {
        let id: Vec<char> = s[at + 18..].chars().take(19).collect();
        id.len() == 19
            && id.iter().enumerate().all(|(i, c)| match i {
                4 | 9 | 14 => *c == '-',
                18 => c.is_ascii_digit() || *c == 'X',
                _ => c.is_ascii_digit(),
            })
    })
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| b[i].is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

fn is_swh(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("swh:1:") else { return false };
    let Some((kind, hash)) = rest.split_once(':') else { return false };
    ["snp", "rel", "rev", "dir", "cnt"].contains(&kind)
        && hash.len() == 40
        && hash.chars().all(|c| c.is_ascii_hexdigit())
}

fn is_spdx_form(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+'))
}

impl Checker {
    fn problem(&mut self, at: &str, what: impl std::fmt::Display) {
        self.problems.push(format!("{at}: {what}"));
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        at: &str,
        keys: &[&str],
        required: &[&str],
    ) -> Option<&'v serde_json::Map<String, Value>> {
        let Some(map) = value.as_object() else {
            self.problem(at, "not an object");
            return None;
        };
        for key in map.keys() {
            if !keys.contains(&key.as_str()) {
                self.problem(at, format!("key {key} is not allowed"));
            }
        }
        for key in required {
            if !map.contains_key(*key) {
                self.problem(at, format!("required key {key} is missing"));
            }
        }
        Some(map)
    }

    fn string(&mut self, value: &Value, at: &str) -> Option<String> {
        match value.as_str() {
            Some(s) if !s.is_empty() => Some(s.to_owned()),
            Some(_) => {
                self.problem(at, "empty string");
                None
            }
            None => {
                self.problem(at, format!("not a string: {value}"));
                None
            }
        }
    }

    fn pattern(&mut self, value: &Value, at: &str, ok: fn(&str) -> bool, what: &str) {
        if let Some(s) = self.string(value, at) {
            if !ok(&s) {
                self.problem(at, format!("{s:?} is not {what}"));
            }
        }
    }

    /// A string, or a number (`version`, `issue`, …).
    fn string_or_number(&mut self, value: &Value, at: &str) {
        if !value.is_number() {
            self.string(value, at);
        }
    }

    fn list<'v>(&mut self, value: &'v Value, at: &str) -> &'v [Value] {
        match value.as_array() {
            Some(items) if items.is_empty() => {
                self.problem(at, "empty list");
                items
            }
            Some(items) => {
                for (i, a) in items.iter().enumerate() {
                    if items[..i].contains(a) {
                        self.problem(at, format!("item {i} repeats an earlier one"));
                    }
                }
                items
            }
            None => {
                self.problem(at, "not a list");
                &[]
            }
        }
    }

    fn top(&mut self, doc: &Value) {
        let Some(map) = self.object(doc, "", TOP_KEYS, &["authors", "cff-version", "message", "title"]) else { return };
        for (key, value) in map {
            let at = format!("/{key}");
            match key.as_str() {
                "cff-version" => {
                    if value.as_str() != Some("1.2.0") {
                        self.problem(&at, "not the string 1.2.0");
                    }
                }
                "type" => {
                    if !matches!(value.as_str(), Some("software" | "dataset")) {
                        self.problem(&at, "neither software nor dataset");
                    }
                }
                "authors" | "contact" => self.agents(value, &at),
                "date-released" => self.pattern(value, &at, is_date, "a date"),
                "doi" => self.pattern(value, &at, is_doi, "a DOI"),
                "identifiers" => self.identifiers(value, &at),
                "keywords" => {
                    for (i, k) in self.list(value, &at).iter().enumerate() {
                        self.string(k, &format!("{at}/{i}"));
                    }
                }
                "license" => self.license(value, &at),
                "license-url" | "repository" | "repository-artifact" | "repository-code" | "url" => {
                    self.pattern(value, &at, is_url, "a URL")
                }
                "preferred-citation" => self.reference(value, &at),
                "references" => {
                    for (i, r) in self.list(value, &at).iter().enumerate() {
                        self.reference(r, &format!("{at}/{i}"));
                    }
                }
                "version" => self.string_or_number(value, &at),
                _ => {
                    self.string(value, &at);
                }
            }
        }
    }

    fn license(&mut self, value: &Value, at: &str) {
        if value.is_array() {
            for (i, id) in self.list(value, at).iter().enumerate() {
                self.pattern(id, &format!("{at}/{i}"), is_spdx_form, "an SPDX identifier");
            }
        } else {
            self.pattern(value, at, is_spdx_form, "an SPDX identifier");
        }
    }

    fn agents(&mut self, value: &Value, at: &str) {
        for (i, agent) in self.list(value, at).iter().enumerate() {
            self.agent(agent, &format!("{at}/{i}"));
        }
    }

    fn agent(&mut self, value: &Value, at: &str) {
        // anyOf person, entity: an entity is the one with a name.
        let entity = value.get("name").is_some();
        let keys = if entity { ENTITY_KEYS } else { PERSON_KEYS };
        let required: &[&str] = if entity { &["name"] } else { &[] };
        let Some(map) = self.object(value, at, keys, required) else { return };
        for (key, v) in map {
            let at = format!("{at}/{key}");
            match key.as_str() {
                "orcid" => self.pattern(v, &at, is_orcid, "an ORCID URL"),
                "website" => self.pattern(v, &at, is_url, "a URL"),
                "date-start" | "date-end" => self.pattern(v, &at, is_date, "a date"),
                "post-code" => self.string_or_number(v, &at),
                _ => {
                    self.string(v, &at);
                }
            }
        }
    }

    fn identifiers(&mut self, value: &Value, at: &str) {
        for (i, id) in self.list(value, at).iter().enumerate() {
            let at = format!("{at}/{i}");
            let Some(map) = self.object(id, &at, &["type", "value", "description"], &["type", "value"]) else {
                continue;
            };
            let kind = map.get("type").and_then(Value::as_str).unwrap_or_default();
            let value = map.get("value").cloned().unwrap_or(Value::Null);
            let value_at = format!("{at}/value");
            match kind {
                "doi" => self.pattern(&value, &value_at, is_doi, "a DOI"),
                "url" => self.pattern(&value, &value_at, is_url, "a URL"),
                "swh" => self.pattern(&value, &value_at, is_swh, "a SWHID"),
                "other" => {
                    self.string(&value, &value_at);
                }
                other => self.problem(&at, format!("identifier type {other:?}")),
            }
            if let Some(d) = map.get("description") {
                self.string(d, &format!("{at}/description"));
            }
        }
    }

    fn reference(&mut self, value: &Value, at: &str) {
        let Some(map) = self.object(value, at, REFERENCE_KEYS, &["authors", "title", "type"]) else { return };
        for (key, v) in map {
            let at = format!("{at}/{key}");
            match key.as_str() {
                "type" => {
                    if !v.as_str().is_some_and(|t| REFERENCE_TYPES.contains(&t)) {
                        self.problem(&at, format!("{v} is not a reference type"));
                    }
                }
                "authors" | "editors" | "translators" | "contact" | "editors-series" | "recipients" | "senders" => {
                    self.agents(v, &at)
                }
                "publisher" | "conference" | "institution" | "location" | "database-provider" => {
                    let Some(_) = self.object(v, &at, ENTITY_KEYS, &["name"]) else { continue };
                    self.agent(v, &at);
                }
                "doi" | "collection-doi" => self.pattern(v, &at, is_doi, "a DOI"),
                "url" | "repository" | "repository-artifact" | "repository-code" | "license-url" => {
                    self.pattern(v, &at, is_url, "a URL")
                }
                "date-published" | "date-released" | "date-accessed" | "date-downloaded" => {
                    self.pattern(v, &at, is_date, "a date")
                }
                "isbn" => self.pattern(
                    v,
                    &at,
                    |s| {
                        let body = s.strip_suffix('X').unwrap_or(s);
                        (10..=17).contains(&body.len())
                            && body.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
                    },
                    "an ISBN",
                ),
                "issn" => self.pattern(
                    v,
                    &at,
                    |s| {
                        let b = s.as_bytes();
                        b.len() == 9
                            && b[4] == b'-'
                            && b[..4].iter().chain(&b[5..8]).all(u8::is_ascii_digit)
                            && (b[8].is_ascii_digit() || b[8] == b'x' || b[8] == b'X')
                    },
                    "an ISSN",
                ),
                "identifiers" => self.identifiers(v, &at),
                "license" => self.license(v, &at),
                "start" | "end" | "volume" | "year" | "pages" | "issue" | "number" | "section" | "version"
                | "loc-start" | "loc-end" | "number-volumes" | "year-original" => self.string_or_number(v, &at),
                "keywords" | "languages" | "patent-states" => {
                    for (i, k) in self.list(v, &at).iter().enumerate() {
                        self.string(k, &format!("{at}/{i}"));
                    }
                }
                _ => {
                    self.string(v, &at);
                }
            }
        }
    }
}

//! A check of CSL-JSON items against the CSL 1.0.2 data schema (`csl-data.json`): the required
//! keys, every key's JSON type, the name and date objects, and no key outside the schema
//! (`additionalProperties: false`). Written from the schema's facts for the tests; no network.

use serde_json::{Map, Value};

/// The item types of CSL 1.0.2.
const TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];

const NAMES: &[&str] = &[
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "interviewer",
    "illustrator",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
];

const DATES: &[&str] = &["accessed", "available-date", "event-date", "issued", "original-date", "submitted"];

/// Keys typed `string`.
const STRINGS: &[&str] = &[
    "citation-key",
    "language",
    "journalAbbreviation",
    "shortTitle",
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "citation-label",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "event",
    "event-title",
    "event-place",
    "genre",
    "ISBN",
    "ISSN",
    "jurisdiction",
    "keyword",
    "medium",
    "note",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "part-title",
    "PMCID",
    "PMID",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "title",
    "title-short",
    "URL",
    "version",
    "volume-title",
    "volume-title-short",
    "year-suffix",
];

/// Keys typed `["string", "number"]`.
const STRING_OR_NUMBER: &[&str] = &[
    "id",
    "chapter-number",
    "citation-number",
    "collection-number",
    "edition",
    "first-reference-note-number",
    "issue",
    "locator",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "page",
    "page-first",
    "part",
    "printing",
    "supplement",
    "volume",
];

fn string_or_number(value: &Value) -> bool {
    value.is_string() || value.is_number()
}

fn flag(value: &Value) -> bool {
    value.is_string() || value.is_number() || value.is_boolean()
}

fn check_name(path: &str, name: &Value, errors: &mut Vec<String>) {
    let Some(fields) = name.as_object() else {
        errors.push(format!("{path}: a name must be an object"));
        return;
    };
    for (key, value) in fields {
        let ok = match key.as_str() {
            "family" | "given" | "dropping-particle" | "non-dropping-particle" | "suffix" | "literal" => {
                value.is_string()
            }
            "comma-suffix" | "static-ordering" | "parse-names" => flag(value),
            _ => {
                errors.push(format!("{path}/{key}: not a key of a CSL name"));
                continue;
            }
        };
        if !ok {
            errors.push(format!("{path}/{key}: wrong type"));
        }
    }
}

fn check_date(path: &str, date: &Value, errors: &mut Vec<String>) {
    let Some(fields) = date.as_object() else {
        errors.push(format!("{path}: a date must be an object in CSL 1.0.2"));
        return;
    };
    for (key, value) in fields {
        match key.as_str() {
            "date-parts" => {
                let ranges = value.as_array();
                let ok = ranges.is_some_and(|r| {
                    (1..=2).contains(&r.len())
                        && r.iter().all(|parts| {
                            parts
                                .as_array()
                                .is_some_and(|p| (1..=3).contains(&p.len()) && p.iter().all(string_or_number))
                        })
                });
                if !ok {
                    errors.push(format!("{path}/date-parts: must be 1–2 lists of 1–3 strings or numbers"));
                }
            }
            "season" => {
                if !string_or_number(value) {
                    errors.push(format!("{path}/season: wrong type"));
                }
            }
            "circa" => {
                if !flag(value) {
                    errors.push(format!("{path}/circa: wrong type"));
                }
            }
            "literal" | "raw" => {
                if !value.is_string() {
                    errors.push(format!("{path}/{key}: must be a string"));
                }
            }
            other => errors.push(format!("{path}/{other}: not a key of a CSL date")),
        }
    }
}

/// The schema violations of one item; empty when it is valid.
pub fn violations(item: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(fields): Option<&Map<String, Value>> = item.as_object() else {
        return vec!["an item must be an object".to_owned()];
    };
    for required in ["type", "id"] {
        if !fields.contains_key(required) {
            errors.push(format!("/{required}: required"));
        }
    }
    for (key, value) in fields {
        let path = format!("/{key}");
        let k = key.as_str();
        if k == "type" {
            if !value.as_str().is_some_and(|t| TYPES.contains(&t)) {
                errors.push(format!("{path}: {value} is not a CSL 1.0.2 type"));
            }
        } else if NAMES.contains(&k) {
            match value.as_array() {
                Some(names) => {
                    for (i, name) in names.iter().enumerate() {
                        check_name(&format!("{path}/{i}"), name, &mut errors);
                    }
                }
                None => errors.push(format!("{path}: must be a list of names")),
            }
        } else if DATES.contains(&k) {
            check_date(&path, value, &mut errors);
        } else if STRINGS.contains(&k) {
            if !value.is_string() {
                errors.push(format!("{path}: must be a string"));
            }
        } else if STRING_OR_NUMBER.contains(&k) {
            if !string_or_number(value) {
                errors.push(format!("{path}: must be a string or a number"));
            }
        } else if k == "categories" {
            if !value.as_array().is_some_and(|c| c.iter().all(Value::is_string)) {
                errors.push(format!("{path}: must be a list of strings"));
            }
        } else if k == "custom" {
            if !value.is_object() {
                errors.push(format!("{path}: must be an object"));
            }
        } else {
            errors.push(format!("{path}: not a key of the CSL 1.0.2 schema"));
        }
    }
    errors
}

/// Panics with the violations when `item` is not a valid CSL 1.0.2 item.
#[track_caller]
pub fn assert_valid(label: &str, item: &Value) {
    let errors = violations(item);
    assert!(errors.is_empty(), "{label}: not valid CSL 1.0.2:\n{}\n{item:#}", errors.join("\n"));
}

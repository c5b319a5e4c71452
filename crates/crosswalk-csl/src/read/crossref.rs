//! The keys Crossref adds to the CSL-JSON it serves (`https://doi.org/…` with
//! `Accept: application/vnd.citationstyles.csl+json`): funders, licences and full-text links have
//! a home in the model; its bookkeeping (citation counts, deposit and index dates, member ids)
//! says nothing about the work and is noted as info.

use crosswalk_model::{codes, FunderIdentifierType, FundingReference, Rights};
use serde_json::{Map, Value};

use super::map::{at, child, show, Mapper};
use crate::item::Item;
use crate::CSL_CROSSREF_BOOKKEEPING;

/// Crossref's keys about its own records, not about the work.
pub(super) const BOOKKEEPING: &[&str] = &[
    "indexed",
    "reference-count",
    "references-count",
    "is-referenced-by-count",
    "content-domain",
    "created",
    "deposited",
    "published",
    "published-print",
    "published-online",
    "score",
    "member",
    "prefix",
    "relation",
    "journal-issue",
    "issn-type",
    "isbn-type",
    "resource",
    "update-policy",
    "assertion",
];

/// True for a key of [`BOOKKEEPING`].
pub(super) fn is_bookkeeping(key: &str) -> bool {
    BOOKKEEPING.contains(&key)
}

/// Reports a Crossref bookkeeping key.
pub(super) fn bookkeeping(m: &mut Mapper, key: &str) {
    let message = format!(
        "\"{key}\" is Crossref's bookkeeping (counts, deposit and index dates, ids), not metadata of the work; it is not carried over"
    );
    m.info(CSL_CROSSREF_BOOKKEEPING, message, &at(key));
}

/// The entries of a list of objects, with their pointers; anything else is reported.
fn objects<'a>(m: &mut Mapper, key: &str, value: &'a Value) -> Vec<(String, &'a Map<String, Value>)> {
    let pointer = at(key);
    match value {
        Value::Array(list) => list
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let entry_pointer = child(&pointer, &index.to_string());
                match entry {
                    Value::Object(fields) => Some((entry_pointer, fields)),
                    Value::Null => None,
                    other => {
                        m.wrong_type(&entry_pointer, "an object", &show(other));
                        None
                    }
                }
            })
            .collect(),
        Value::Object(fields) => vec![(pointer, fields)],
        Value::Null => Vec::new(),
        other => {
            m.wrong_type(&pointer, "a list of objects", &show(other));
            Vec::new()
        }
    }
}

/// A string member of a Crossref object, trimmed.
fn string_of(m: &mut Mapper, pointer: &str, fields: &Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key)? {
        Value::String(text) => m.trimmed(&child(pointer, key), text),
        Value::Null => None,
        other => {
            m.wrong_type(&child(pointer, key), "a string", &show(other));
            None
        }
    }
}

/// Reports the members of a Crossref object that were not read.
fn rest(m: &mut Mapper, pointer: &str, fields: &Map<String, Value>, read: &[&str], what: &str) {
    for (key, value) in fields {
        if read.contains(&key.as_str()) || value.is_null() {
            continue;
        }
        let message =
            format!("{what} key \"{key}\" ({}) has no home in the model; it is not carried over", show(value));
        m.warn(codes::FIELD_UNMAPPED, message, &child(pointer, key));
    }
}

/// `funder`, `license` and `link`.
pub(super) fn extensions(m: &mut Mapper, item: &Item) {
    if let Some(funders) = &item.funder {
        for (pointer, fields) in objects(m, "funder", funders) {
            let Some(name) = string_of(m, &pointer, fields, "name") else {
                m.warn(codes::VALUE_EMPTY, "a funder without a name is not carried over".to_owned(), &pointer);
                continue;
            };
            let funder_doi = string_of(m, &pointer, fields, "DOI");
            let reference = FundingReference {
                funder_name: name,
                funder_identifier: funder_doi.as_ref().map(|doi| format!("https://doi.org/{doi}")),
                funder_identifier_type: funder_doi.as_ref().map(|_| FunderIdentifierType::CrossrefFunderId),
                ..Default::default()
            };
            let awards: Vec<String> = match fields.get("award") {
                Some(Value::Array(list)) => list
                    .iter()
                    .enumerate()
                    .filter_map(|(index, award)| match award {
                        Value::String(text) => m.trimmed(&child(&child(&pointer, "award"), &index.to_string()), text),
                        Value::Number(number) => Some(number.to_string()),
                        _ => None,
                    })
                    .collect(),
                Some(Value::String(text)) => m.trimmed(&child(&pointer, "award"), text).into_iter().collect(),
                _ => Vec::new(),
            };
            if awards.is_empty() {
                m.resource.funding_references.push(reference);
            } else {
                for award in awards {
                    m.resource
                        .funding_references
                        .push(FundingReference { award_number: Some(award), ..reference.clone() });
                }
            }
            rest(m, &pointer, fields, &["name", "DOI", "award", "doi-asserted-by", "id"], "funder");
        }
    }
    if let Some(licenses) = &item.license {
        for (pointer, fields) in objects(m, "license", licenses) {
            if let Some(url) = string_of(m, &pointer, fields, "URL") {
                if !m.resource.rights_list.iter().any(|r| r.rights_uri.as_deref() == Some(url.as_str())) {
                    m.resource.rights_list.push(Rights { rights_uri: Some(url), ..Default::default() });
                }
            }
            rest(m, &pointer, fields, &["URL"], "license");
        }
    }
    if let Some(links) = &item.link {
        for (pointer, fields) in objects(m, "link", links) {
            if let Some(url) = string_of(m, &pointer, fields, "URL") {
                if !m.resource.content_url.contains(&url) {
                    m.resource.content_url.push(url);
                }
            }
            rest(m, &pointer, fields, &["URL", "content-type", "content-version", "intended-application"], "link");
        }
    }
}

//! The CSL item of a record (crosswalk-csl's mapping) as the processor's entry: a
//! `citationberg::json::Item`, which hayagriva renders variable by variable.
//!
//! This is a change of representation, not a mapping: every variable keeps its CSL name. It is
//! also where the processor's assumptions are met, since it takes its entry as given: a date is
//! one date with a year and a month and day in range (a range is its start), a name has a family
//! name or is a literal, numbers fit.

use std::collections::BTreeMap;

use crosswalk_model::{Diagnostic, Resource};
use hayagriva::citationberg::json::{DateValue, Item, LiteralName, NameItem, NameValue, Value, VecDate, VecDateRange};
use serde_json::Value as Json;

use crate::CITATION_DATE_RANGE;

/// The date variables of CSL 1.0.2.
const DATE_VARIABLES: &[&str] = &["accessed", "available-date", "event-date", "issued", "original-date", "submitted"];

/// The entry of `resource`, keyed `key` (the record's citation key) when given, and the notes
/// on what it could not carry as the model has it.
pub(crate) fn entry(resource: &Resource, key: Option<&str>) -> (Item, Vec<Diagnostic>) {
    // The CSL writer's notes say what CSL-JSON cannot hold; a citation shows less still, by
    // design, so they are not repeated here.
    let (item, _) = crosswalk_csl::write_item_keyed(resource, key);
    let mut notes = Vec::new();
    let mut fields = BTreeMap::new();
    let Ok(Json::Object(object)) = serde_json::to_value(&item) else { return (Item(fields), notes) };
    for (variable, value) in object {
        let converted = if DATE_VARIABLES.contains(&variable.as_str()) {
            date(&value, &variable, &mut notes)
        } else {
            match value {
                Json::Array(entries) if entries.iter().all(Json::is_object) => names(&entries),
                other => scalar(other),
            }
        };
        if let Some(converted) = converted {
            fields.insert(variable, converted);
        }
    }
    (Item(fields), notes)
}

/// A text or number variable; lists (which the writer does not make for these) become their
/// texts joined.
fn scalar(value: Json) -> Option<Value> {
    match value {
        Json::String(text) if !text.trim().is_empty() => Some(Value::String(text)),
        // The processor reads numbers as unsigned 32-bit values; larger ones stay text.
        Json::Number(number) => match number.as_i64().filter(|n| (0..=i64::from(u32::MAX)).contains(n)) {
            Some(n) => Some(Value::Number(n)),
            None => Some(Value::String(number.to_string())),
        },
        Json::Array(items) => {
            let texts: Vec<String> =
                items.into_iter().filter_map(|v| scalar(v)?.to_str().map(|t| t.into_owned())).collect();
            (!texts.is_empty()).then(|| Value::String(texts.join(", ")))
        }
        _ => None,
    }
}

/// A name list: a person in parts, else an organisation (or a person known by one string) as a
/// literal.
fn names(entries: &[Json]) -> Option<Value> {
    let text = |name: &Json, key: &str| {
        name.get(key).and_then(|v| match v {
            Json::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Json::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let list: Vec<NameValue> = entries
        .iter()
        .filter_map(|name| {
            if let Some(literal) = text(name, "literal") {
                return Some(NameValue::Literal(LiteralName { literal }));
            }
            match (text(name, "family"), text(name, "given")) {
                (Some(family), given) => {
                    let (particle, family) = match text(name, "non-dropping-particle") {
                        Some(particle) => (Some(particle), family),
                        None => split_particle(&family),
                    };
                    Some(NameValue::Item(NameItem {
                        family,
                        given,
                        non_dropping_particle: particle,
                        dropping_particle: text(name, "dropping-particle"),
                        suffix: text(name, "suffix"),
                        comma_suffix: name.get("comma-suffix").and_then(Json::as_bool),
                    }))
                }
                // A given name alone: shown as written rather than as an empty family name.
                (None, Some(given)) => Some(NameValue::Literal(LiteralName { literal: given })),
                (None, None) => None,
            }
        })
        .collect();
    (!list.is_empty()).then_some(Value::Names(list))
}

/// A family name's leading lower-case words (`van der` in `van der Berg`) as its
/// non-dropping particle, as citeproc-js reads a family name: kept with the name in every
/// style (`van der Berg, J.`). Left to itself, the processor would take them for a dropping
/// particle and write `Berg, J. van der`.
fn split_particle(family: &str) -> (Option<String>, String) {
    let words: Vec<&str> = family.split(' ').collect();
    let lead = words.iter().take_while(|w| w.chars().next().is_some_and(char::is_lowercase)).count();
    match (words.get(..lead), words.get(lead..)) {
        (Some(particle), Some(rest)) if lead > 0 && !rest.is_empty() => (Some(particle.join(" ")), rest.join(" ")),
        _ => (None, family.to_owned()),
    }
}

/// A date as `date-parts` the processor takes: the first date of a range, parts in range, or
/// nothing (a date the writer could give only as `raw` text is not shown).
fn date(value: &Json, variable: &str, notes: &mut Vec<Diagnostic>) -> Option<Value> {
    let ranges = value.get("date-parts")?.as_array()?;
    let first = ranges.first()?.as_array()?;
    if ranges.len() > 1 {
        notes.push(Diagnostic::info(
            CITATION_DATE_RANGE,
            format!("{variable} is a range; the citation shows its start"),
        ));
    }
    let number = |i: usize| first.get(i).and_then(Json::as_i64);
    let year = i16::try_from(number(0)?).ok()?;
    let mut parts = vec![year];
    if let Some(month) = number(1).filter(|m| (1..=12).contains(m)) {
        parts.push(month as i16);
        if let Some(day) = number(2).filter(|d| (1..=31).contains(d)) {
            parts.push(day as i16);
        }
    }
    let season = value.get("season").and_then(|s| match s {
        Json::Number(n) => n.as_u64().filter(|n| (1..=4).contains(n)).map(|n| n.to_string()),
        _ => None,
    });
    let circa = value.get("circa").is_some_and(|c| c.as_bool() == Some(true));
    Some(Value::Date(DateValue::DateParts {
        date_parts: VecDateRange(vec![VecDate(parts)]),
        literal: None,
        season,
        circa,
    }))
}

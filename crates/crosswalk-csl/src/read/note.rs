//! CSL variables written in `note`: Zotero's "cheater syntax".
//!
//! Zotero has fields for fewer variables than CSL, so its users write the others into the Extra
//! field, which Zotero exports as `note`, one `variable: value` per line (`original-date:
//! 1859-11-24`, `DOI: 10.5555/x`, `container-title: …`, `author: Family || Given`), or in the
//! older inline form `{:DOI: 10.5555/x}`. citeproc-js reads them as the variables they name; so
//! does this reader, for the variables CSL has (the item's own tables say which: every name,
//! date, string and number variable, `type` and `citation-key`; keys are compared ignoring case,
//! `-`, `_` and spaces, so Zotero's own labels such as `Original Date` count too). A variable
//! the item gives itself wins: its line stays in the note. `type` is the exception, as in
//! citeproc-js: it is how Zotero users give a type Zotero lacks, so it replaces the item's. The
//! rest of the note stays the note. Everything is reported (`csl.note-variables`), and what the
//! mapping says about a variable taken from the note points at `/note`.

use crate::item::{
    DateVariable, Item, Name, NameEntry, NameList, Scalar, DATE_VARIABLES, NAME_VARIABLES, SCALAR_VARIABLES,
};
use crate::types;
use crate::CSL_NOTE_VARIABLES;

use super::map::Mapper;

/// Folds a key for the comparison: lower case, without `-`, `_` and spaces.
fn fold(key: &str) -> String {
    key.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).flat_map(char::to_lowercase).collect()
}

/// The CSL variable a note key names, in its schema spelling; `None` for anything else (and
/// for `note` itself, which a line of prose such as "Note: …" would otherwise be).
fn variable(key: &str) -> Option<&'static str> {
    let key = key.trim();
    let plausible = !key.is_empty()
        && key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '));
    if !plausible {
        return None;
    }
    let folded = fold(key);
    NAME_VARIABLES
        .iter()
        .chain(DATE_VARIABLES)
        .chain(SCALAR_VARIABLES)
        .chain(&["type", "citation-key"])
        .copied()
        .filter(|v| *v != "note")
        .find(|v| fold(v) == folded)
}

/// What one `variable: value` did.
enum Outcome {
    /// The value is the variable's now.
    Taken,
    /// The item gives the variable itself; the line stays in the note.
    Given,
    /// The value cannot be the variable's (a `type` that is no CSL type); the line stays.
    Refused,
}

/// Sets `variable` to `value` unless the item gave it (`given`: the variables the item had
/// before its note was read).
fn apply(item: &mut Item, variable: &'static str, value: &str, given: &[&str]) -> Outcome {
    if variable == "type" {
        if types::lookup(value).is_none() {
            return Outcome::Refused;
        }
        item.item_type = Some(Scalar::text(value));
        return Outcome::Taken;
    }
    if given.contains(&variable) {
        return Outcome::Given;
    }
    if variable == "citation-key" {
        item.citation_key = Some(Scalar::text(value));
    } else if let Some(slot) = item.name_list_mut(variable) {
        // citeproc-js's form: `Family || Given`; a name without `||` is one literal name.
        let name = match value.split_once("||") {
            Some((family, given)) => Name {
                family: Some(Scalar::text(family.trim())),
                given: Some(Scalar::text(given.trim())),
                ..Name::default()
            },
            None => Name { literal: Some(Scalar::text(value)), ..Name::default() },
        };
        slot.get_or_insert_with(NameList::default).names.push(NameEntry::Name(Box::new(name)));
    } else if let Some(slot) = item.date_mut(variable) {
        *slot = Some(DateVariable::Text(value.to_owned()));
    } else if let Some(slot) = item.scalar_mut(variable) {
        *slot = Some(Scalar::text(value));
    }
    Outcome::Taken
}

/// The variables the item gives itself.
fn given(item: &mut Item) -> Vec<&'static str> {
    let mut out = Vec::new();
    for variable in NAME_VARIABLES.iter().chain(DATE_VARIABLES).chain(SCALAR_VARIABLES).chain(&["citation-key"]) {
        let present = if *variable == "citation-key" {
            item.citation_key.is_some()
        } else if let Some(slot) = item.name_list_mut(variable) {
            slot.as_ref().is_some_and(|l| !l.names.is_empty())
        } else if let Some(slot) = item.date_mut(variable) {
            slot.as_ref().is_some_and(|d| *d != DateVariable::Null)
        } else {
            item.scalar_mut(variable).and_then(|s| s.as_ref()).is_some_and(|s| *s != Scalar::Null)
        };
        if present {
            out.push(*variable);
        }
    }
    out
}

/// Reads the CSL variables of the item's `note` into the item and leaves the rest as its note;
/// returns the variables taken, whose diagnostics belong at `/note`.
pub(super) fn variables_in_note(m: &mut Mapper, item: &mut Item) -> Vec<&'static str> {
    let Some(Scalar::String(note)) = &item.note else { return Vec::new() };
    let note = note.clone();
    if !note.contains(':') {
        return Vec::new();
    }
    let given = given(item);
    let mut taken: Vec<&'static str> = Vec::new();
    let mut kept_lines: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut consider = |item: &mut Item, variable: &'static str, value: &str, written: &str| -> bool {
        let before = item.item_type.as_ref().and_then(Scalar::as_text).map(str::to_owned);
        match apply(item, variable, value, &given) {
            Outcome::Taken => {
                if variable == "type" {
                    let replaced = before.map_or(String::new(), |b| format!(" in place of the item's \"{b}\""));
                    notes.push(format!("the note's \"{written}\" sets the type{replaced}, as citeproc-js does"));
                }
                if !taken.contains(&variable) {
                    taken.push(variable);
                }
                true
            }
            Outcome::Given => {
                notes.push(format!("the note's \"{written}\" names {variable}, which the item gives itself; the line stays in the note"));
                false
            }
            Outcome::Refused => {
                notes.push(format!("the note's \"{written}\" names no CSL type; the line stays in the note"));
                false
            }
        }
    };
    // The inline form first: `{:DOI: 10.5555/x}` anywhere in the text.
    let mut rest = String::with_capacity(note.len());
    let mut text = note.as_str();
    while let Some(start) = text.find("{:") {
        let (before, from) = text.split_at(start);
        rest.push_str(before);
        let inner = from.get(2..).unwrap_or_default();
        let Some(end) = inner.find('}') else {
            rest.push_str(from);
            text = "";
            break;
        };
        let group = inner.get(..end).unwrap_or_default();
        let after = inner.get(end + 1..).unwrap_or_default();
        let used = match group.split_once(':') {
            Some((key, value)) if !value.trim().is_empty() => match variable(key) {
                Some(variable) => consider(item, variable, value.trim(), &format!("{{:{group}}}")),
                None => false,
            },
            _ => false,
        };
        if used {
            // The group's place leaves no double space behind.
            if rest.ends_with([' ', '\t']) {
                text = after.trim_start_matches([' ', '\t']);
                continue;
            }
        } else {
            rest.push_str(from.get(..end + 3).unwrap_or(from));
        }
        text = after;
    }
    rest.push_str(text);
    // Then `variable: value` lines.
    for line in rest.lines() {
        let used = match line.split_once(':') {
            Some((key, value)) if !value.trim().is_empty() => match variable(key) {
                Some(variable) => consider(item, variable, value.trim(), line.trim()),
                None => false,
            },
            _ => false,
        };
        if !used {
            kept_lines.push(line.to_owned());
        }
    }
    if taken.is_empty() && notes.is_empty() {
        return Vec::new();
    }
    let left = kept_lines.join("\n").trim().to_owned();
    item.note = (!left.is_empty()).then(|| Scalar::String(left.clone()));
    if !taken.is_empty() {
        let rest = if left.is_empty() {
            "nothing else is left of it".to_owned()
        } else {
            "the rest stays the note".to_owned()
        };
        let message = format!(
            "the note gives CSL variables in Zotero's \"variable: value\" form, which citeproc-js reads: {} read from it; {rest}",
            taken.join(", ")
        );
        m.info(CSL_NOTE_VARIABLES, message, "/note");
    }
    for message in notes {
        m.info(CSL_NOTE_VARIABLES, message, "/note");
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_csl_variables() {
        assert_eq!(variable("original-date"), Some("original-date"));
        assert_eq!(variable("Original Date"), Some("original-date"));
        assert_eq!(variable("doi"), Some("DOI"));
        assert_eq!(variable("Citation Key"), Some("citation-key"));
        assert_eq!(variable("note"), None);
        assert_eq!(variable("tex.ids"), None);
        assert_eq!(variable("https"), None);
    }

    #[test]
    fn folded_variables_are_unique() {
        let all: Vec<&str> = NAME_VARIABLES.iter().chain(DATE_VARIABLES).chain(SCALAR_VARIABLES).copied().collect();
        for (i, a) in all.iter().enumerate() {
            for b in all.iter().skip(i + 1) {
                assert_ne!(fold(a), fold(b), "{a} and {b}");
            }
        }
    }
}

//! Tidying an attribute's JSON before it is deserialised: `null` and empty strings, objects and
//! lists mean "absent" (the REST API writes `"version": null`, `"affiliation": []`,
//! `"container": {}`), and white space around a string is not part of the value. White space is
//! JSON's (space, tab, line feed, carriage return), as the XML reader trims XML's (the same four):
//! other spaces, such as a no-break space, are characters of the value and kept.
//!
//! Array entries that are removed shift the entries after them, so the removals are recorded and
//! [`Removals::source_index`] maps an index in the tidied value back to the index in the source.

use std::collections::HashMap;

use crosswalk_model::{codes, Diagnostic, Location};
use serde_json::Value;

use super::pointer::At;

/// The array entries removed while tidying, by the source pointer of their array.
#[derive(Debug, Default)]
pub(super) struct Removals(HashMap<String, Vec<usize>>);

impl Removals {
    /// The source index of the entry at `index` of the tidied array at `array` (a source pointer).
    ///
    /// The kept entry of rank `index` is the smallest source index `s` such that more than
    /// `index` entries up to `s` are kept. That count only grows with `s`, so it is found by
    /// binary search over `index..=index + removed` (a walk over the removed entries for each
    /// kept one was quadratic: an array of millions of entries, every other one `null`, would
    /// have taken hours).
    pub(super) fn source_index(&self, array: &str, index: usize) -> usize {
        let Some(removed) = self.0.get(array) else { return index };
        // Entries kept up to `s`, `s` included (never negative: at most `s + 1` are removed).
        let kept_up_to = |s: usize| s + 1 - removed.partition_point(|&r| r <= s);
        let (mut low, mut high) = (index, index + removed.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if kept_up_to(middle) <= index {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// Where a value sits, which decides whether removing it is worth a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A top-level attribute.
    Attribute,
    /// A member of an object.
    Member,
    /// An entry of an array.
    Entry,
}

/// Tidies a top-level attribute value found at `pointer`; false when nothing is left of it.
pub(super) fn attribute(
    value: &mut Value,
    pointer: &str,
    removals: &mut Removals,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    Cleaner { removals, diagnostics }.keep(value, Place::Attribute, &At::root(pointer))
}

struct Cleaner<'a> {
    removals: &'a mut Removals,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Cleaner<'_> {
    /// Tidies `value`, found `at`, in place; false when it should be removed from its parent.
    fn keep(&mut self, value: &mut Value, place: Place, at: &At<'_>) -> bool {
        match value {
            Value::Null => {
                if place == Place::Entry {
                    self.empty(at, "null entry left out");
                }
                false
            }
            Value::String(text) => {
                let trimmed = text.trim_matches(is_json_space);
                if trimmed.is_empty() {
                    let what = if place == Place::Entry { "empty entry" } else { "empty value" };
                    self.empty(at, &format!("{what} {} left out", shorten(text)));
                    false
                } else {
                    if trimmed.len() != text.len() {
                        self.diagnostics.push(
                            Diagnostic::info(
                                codes::VALUE_TRIMMED,
                                format!("white space around {} removed", shorten(text)),
                            )
                            .at(Location::path(at.pointer())),
                        );
                        *text = trimmed.to_owned();
                    }
                    true
                }
            }
            Value::Object(members) => {
                let was_empty = members.is_empty();
                // Members are tidied in place, in order, and the few that go are removed after:
                // `retain` on the map went through its removal machinery for every member.
                let mut gone: Vec<String> = Vec::new();
                for (key, member) in members.iter_mut() {
                    if !self.keep(member, Place::Member, &at.key(key)) {
                        gone.push(key.clone());
                    }
                }
                if !gone.is_empty() {
                    // `retain` visits the members in the order just walked, so the keys that go
                    // come up in the order of `gone`: one pass, however many go.
                    let mut next_gone = gone.iter().peekable();
                    members.retain(|key, _| {
                        let goes = next_gone.peek().is_some_and(|gone| *gone == key);
                        if goes {
                            next_gone.next();
                        }
                        !goes
                    });
                }
                if members.is_empty() {
                    // An entry `{}` of a list is worth a word; a member `"container": {}` is the
                    // API's way of writing "absent", and an object emptied here was reported
                    // member by member.
                    if was_empty && place == Place::Entry {
                        self.empty(at, "empty object left out");
                    }
                    false
                } else {
                    true
                }
            }
            Value::Array(entries) => {
                let mut index = 0;
                let mut removed = Vec::new();
                entries.retain_mut(|entry| {
                    let keep = self.keep(entry, Place::Entry, &at.index(index));
                    if !keep {
                        removed.push(index);
                    }
                    index += 1;
                    keep
                });
                if !removed.is_empty() {
                    self.removals.0.insert(at.pointer(), removed);
                }
                !entries.is_empty()
            }
            Value::Bool(_) | Value::Number(_) => true,
        }
    }

    fn empty(&mut self, at: &At<'_>, message: &str) {
        self.diagnostics.push(Diagnostic::info(codes::VALUE_EMPTY, message).at(Location::path(at.pointer())));
    }
}

/// JSON's white space: space, tab, line feed, carriage return.
pub(super) fn is_json_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// True for a string the tidying above keeps as it is: not empty (nor only white space), no
/// white space around it. By bytes: the four are ASCII, so its first and last bytes tell.
pub(super) fn keeps_as_is(text: &str) -> bool {
    let space = |b: &u8| is_json_space(char::from(*b));
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) => !space(first) && !space(last),
        _ => false,
    }
}

/// A string for a message: quoted, escaped, and cut after 80 characters.
pub(super) fn shorten(text: &str) -> String {
    const LIMIT: usize = 80;
    match text.char_indices().nth(LIMIT).and_then(|(cut, _)| text.get(..cut)) {
        Some(head) => format!("{head:?}…"),
        None => format!("{text:?}"),
    }
}

/// A JSON value for a message: its JSON text, cut after 80 characters.
pub(super) fn show(value: &serde_json::Value) -> String {
    crosswalk_text::message::shorten(&value.to_string(), 80).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removes_empties_trims_and_maps_indices_back() {
        let mut value = json!([
            {"name": " Miller ", "affiliation": ["", "DataCite", {}], "x": null},
            null,
            {"name": "B", "nameIdentifiers": []}
        ]);
        let mut removals = Removals::default();
        let mut diagnostics = Vec::new();
        assert!(attribute(&mut value, "/creators", &mut removals, &mut diagnostics));
        assert_eq!(value, json!([{"name": "Miller", "affiliation": ["DataCite"]}, {"name": "B"}]));
        let codes: Vec<(&str, &str)> =
            diagnostics.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref().unwrap_or_default())).collect();
        assert_eq!(
            codes,
            [
                ("value.empty", "/creators/0/affiliation/0"),
                ("value.empty", "/creators/0/affiliation/2"),
                ("value.trimmed", "/creators/0/name"),
                ("value.empty", "/creators/1"),
            ]
        );
        assert_eq!(removals.source_index("/creators", 1), 2);
        assert_eq!(removals.source_index("/creators/0/affiliation", 0), 1);
        assert_eq!(removals.source_index("/elsewhere", 4), 4);
        assert!(!attribute(&mut json!({"a": null}), "", &mut removals, &mut diagnostics));
    }

    #[test]
    fn source_indices_are_found_without_walking_the_removed_entries() {
        // Against the plain walk, on removals of every shape.
        let walk = |removed: &[usize], index: usize| {
            let mut source = index;
            for &r in removed {
                if r <= source {
                    source += 1;
                }
            }
            source
        };
        let patterns: [&[usize]; 6] = [&[], &[0], &[0, 1, 2], &[1, 3, 5, 7], &[2, 3, 9], &[0, 2, 4, 5, 6, 10, 11]];
        for removed in patterns {
            let mut removals = Removals::default();
            removals.0.insert("/a".into(), removed.to_vec());
            for index in 0..12 {
                assert_eq!(removals.source_index("/a", index), walk(removed, index), "{removed:?} {index}");
            }
        }
        // A million entries, every other one removed: each lookup is a few dozen steps.
        let mut removals = Removals::default();
        removals.0.insert("/a".into(), (0..1_000_000).map(|i| 2 * i).collect());
        assert_eq!(removals.source_index("/a", 0), 1);
        assert_eq!(removals.source_index("/a", 999_999), 1_999_999);
    }

    #[test]
    fn many_members_go_and_the_others_stay_in_order() {
        let members: serde_json::Map<String, Value> =
            (0..2000).map(|i| (format!("k{i:04}"), if i % 3 == 0 { Value::Null } else { Value::from(i) })).collect();
        let mut value = Value::Object(members);
        let mut diagnostics = Vec::new();
        assert!(attribute(&mut value, "", &mut Removals::default(), &mut diagnostics));
        let kept: Vec<&String> = value.as_object().unwrap().keys().collect();
        let expected: Vec<String> = (0..2000).filter(|i| i % 3 != 0).map(|i| format!("k{i:04}")).collect();
        assert_eq!(kept, expected.iter().collect::<Vec<_>>());
        // A member that is null is absent, not worth a word.
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn only_json_white_space_is_trimmed() {
        let mut value = json!({"a": " \t\u{a0}x\u{3000}\r\n", "b": "\u{2003}", "c": "\n "});
        let mut diagnostics = Vec::new();
        assert!(attribute(&mut value, "", &mut Removals::default(), &mut diagnostics));
        assert_eq!(value, json!({"a": "\u{a0}x\u{3000}", "b": "\u{2003}"}));
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(codes, ["value.trimmed", "value.empty"]);
    }
}

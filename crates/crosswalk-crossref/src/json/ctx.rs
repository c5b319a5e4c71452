//! The diagnostics of one work while it is mapped, and the helpers that read values from the
//! parsed JSON and report what they change or leave out, each at its JSON pointer.

use crosswalk_model::{codes, Diagnostic, Location};
use crosswalk_rules::markup::{self, Fragment, MarkupNode};
use crosswalk_text::json::escape_key;
use serde_json::{Map, Value};

use crate::ctx::{collapse, quote};
use crate::{JSON_DIAGNOSTICS_TRUNCATED, JSON_MISSING_KEY, JSON_TYPE};

/// The most diagnostics one record keeps: a hostile work (a million unknown keys) must not make
/// the record a million diagnostics long.
pub const DIAGNOSTIC_LIMIT: usize = 10_000;

/// `pointer/key`.
pub(crate) fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_key(key))
}

/// `pointer/index`.
pub(crate) fn item(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// A JSON value shown in a message: quoted and shortened.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::String(text) => quote(text),
        other => crosswalk_text::message::shorten(&other.to_string(), 80).into_owned(),
    }
}

/// The key a pointer ends in, for messages: `"acronym"`, or `"secondary" entry 2` for an entry
/// of a list.
fn key_of(at: &str) -> String {
    let mut segments = at.rsplit('/');
    let last = segments.next().unwrap_or_default();
    match last.parse::<usize>() {
        Ok(index) => {
            let key = segments.next().unwrap_or_default();
            format!("\"{}\" entry {}", crosswalk_text::json::unescape_segment(key), index + 1)
        }
        Err(_) => format!("\"{}\"", crosswalk_text::json::unescape_segment(last)),
    }
}

/// What a JSON value is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The diagnostics of the work being mapped.
#[derive(Default)]
pub(crate) struct J {
    pub(crate) diagnostics: Vec<Diagnostic>,
    truncated: bool,
}

impl J {
    /// Adds a diagnostic, up to [`DIAGNOSTIC_LIMIT`] (the first one beyond says so).
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() < DIAGNOSTIC_LIMIT {
            self.diagnostics.push(diagnostic);
        } else if !self.truncated {
            self.truncated = true;
            let message = format!("more than {DIAGNOSTIC_LIMIT} diagnostics in this work; the rest are not listed");
            self.diagnostics.push(Diagnostic::warning(JSON_DIAGNOSTICS_TRUNCATED, message).at(diagnostic.location));
        }
    }

    /// A warning at `at`.
    pub(crate) fn warn(&mut self, code: &'static str, at: &str, message: String) {
        self.push(Diagnostic::warning(code, message).at(Location::path(at)));
    }

    /// An info at `at`.
    pub(crate) fn info(&mut self, code: &'static str, at: &str, message: String) {
        self.push(Diagnostic::info(code, message).at(Location::path(at)));
    }

    /// Reports a value of the wrong JSON type; it is not read.
    pub(crate) fn wrong_type(&mut self, at: &str, expected: &str, value: &Value) {
        let message = format!("expected {expected} here, found {} ({}); it is not read", kind(value), show(value));
        self.warn(JSON_TYPE, at, message);
    }

    /// Reports an object that lacks a key it needs.
    pub(crate) fn missing(&mut self, at: &str, message: String) {
        self.warn(JSON_MISSING_KEY, at, message);
    }

    /// Reports a value with no home in the model (`field.unmapped`): `"key" (value) why`.
    pub(crate) fn unmapped(&mut self, at: &str, value: &Value, why: &str) {
        let message = format!("{} {} {why}", key_of(at), show(value));
        self.warn(codes::FIELD_UNMAPPED, at, message);
    }

    /// Trims `raw`, reporting removed white space, and reports an empty value.
    pub(crate) fn trimmed(&mut self, at: &str, raw: &str) -> Option<String> {
        let value = raw.trim();
        if value.is_empty() {
            self.info(codes::VALUE_EMPTY, at, "an empty value was skipped".to_owned());
            return None;
        }
        if value.len() != raw.len() {
            self.info(codes::VALUE_TRIMMED, at, format!("white space around {} removed", quote(value)));
        }
        Some(value.to_owned())
    }

    /// The text of a string (trimmed) or a number; `None` for null, and for other types
    /// (reported).
    pub(crate) fn text(&mut self, at: &str, value: &Value) -> Option<String> {
        match value {
            Value::String(text) => self.trimmed(at, text),
            Value::Number(number) => Some(number.to_string()),
            Value::Null => None,
            other => {
                self.wrong_type(at, "a string", other);
                None
            }
        }
    }

    /// A name's text: [`J::text`] with runs of white space as one space, as the deposit schema
    /// collapses names.
    pub(crate) fn name(&mut self, at: &str, value: &Value) -> Option<String> {
        self.text(at, value).map(|text| collapse(&text))
    }

    /// The entries of a list with their pointers (nulls left out); one value where a list
    /// belongs is read as a list of one.
    pub(crate) fn list<'v>(&mut self, at: &str, value: &'v Value) -> Vec<(String, &'v Value)> {
        match value {
            Value::Array(entries) => {
                entries.iter().enumerate().filter(|(_, v)| !v.is_null()).map(|(i, v)| (item(at, i), v)).collect()
            }
            Value::Null => Vec::new(),
            other => vec![(at.to_owned(), other)],
        }
    }

    /// The texts of a list (or of one value).
    pub(crate) fn texts(&mut self, at: &str, value: &Value) -> Vec<(String, String)> {
        let entries = self.list(at, value);
        entries.into_iter().filter_map(|(at, v)| self.text(&at, v).map(|text| (at, text))).collect()
    }

    /// The object `value`, or `None` (reported unless null).
    pub(crate) fn object<'v>(&mut self, at: &str, value: &'v Value) -> Option<Obj<'v>> {
        match value {
            Value::Object(map) => Some(Obj::new(map, at.to_owned())),
            Value::Null => None,
            other => {
                self.wrong_type(at, "an object", other);
                None
            }
        }
    }

    /// The objects of a list (or one object).
    pub(crate) fn objects<'v>(&mut self, at: &str, value: &'v Value) -> Vec<Obj<'v>> {
        let entries = self.list(at, value);
        entries.into_iter().filter_map(|(at, v)| self.object(&at, v)).collect()
    }

    /// Reports what a markup reduction met at `at` (`subject` names the value).
    fn reduced<N: MarkupNode>(&mut self, at: &str, subject: &str, reduced: &markup::Reduced<N>) {
        for diagnostic in reduced.diagnostics(subject) {
            self.push(diagnostic.at(Location::path(at)));
        }
        for foreign in &reduced.foreign {
            let name = foreign.element().map_or("", |e| e.qname);
            let message =
                format!("element <{name}> in {subject} is neither face markup, JATS nor MathML; its text is not read");
            self.warn(codes::VALUE_INVALID, at, message);
        }
    }

    /// A text that may hold face markup, JATS or MathML (a title, a citation's text), reduced to
    /// plain text by the rule the XML reader applies to the same markup in its elements. Text
    /// without well-formed markup (`p < 0.05`) is kept as written.
    pub(crate) fn rich(&mut self, at: &str, value: &Value) -> Option<String> {
        let text = self.text(at, value)?;
        if !text.contains('<') {
            return Some(text);
        }
        let Some(fragment) = Fragment::parse(&text) else { return Some(text) };
        let reduced = markup::inline_text(fragment.root());
        let key = at.rsplit('/').find(|s| s.parse::<usize>().is_err()).unwrap_or("");
        self.reduced(at, &format!("\"{key}\""), &reduced);
        let value = reduced.text.trim();
        if value.is_empty() {
            self.info(codes::VALUE_EMPTY, at, "a value holding only markup was skipped".to_owned());
            return None;
        }
        Some(value.to_owned())
    }

    /// A title (or another one-line name: a subtitle, a journal's or a cited title): [`J::rich`]
    /// with runs of white space collapsed to one space, reported when that changes it.
    pub(crate) fn title(&mut self, at: &str, value: &Value) -> Option<String> {
        let text = self.rich(at, value)?;
        let collapsed = collapse(&text);
        if collapsed != text {
            let message = format!(
                "line breaks and runs of white space inside a title collapsed to single spaces (a title is one line): {}",
                quote(&collapsed)
            );
            self.info(codes::VALUE_NORMALISED, at, message);
        }
        Some(collapsed)
    }

    /// A JATS abstract (`<jats:p>…</jats:p>`) as plain text, paragraphs separated by a blank
    /// line: the rule the XML reader applies to `<jats:abstract>`. Markup that is not
    /// well-formed is kept as written (reported).
    pub(crate) fn jats(&mut self, at: &str, value: &Value) -> Option<String> {
        let text = self.text(at, value)?;
        if !text.contains('<') {
            return Some(text);
        }
        let Some(fragment) = Fragment::parse(&text) else {
            if text.contains("<jats:") {
                let message = "the abstract holds JATS markup that is not well-formed XML (a tag left open or misspelt); it is kept as written with its markup".to_owned();
                self.warn(codes::VALUE_INVALID, at, message);
            }
            return Some(text);
        };
        let reduced = markup::abstract_text(fragment.root());
        for diagnostic in reduced.diagnostics("\"abstract\"") {
            self.push(diagnostic.at(Location::path(at)));
        }
        for foreign in &reduced.foreign {
            let name = foreign.element().map_or("", |e| e.qname);
            let message =
                format!("element <{name}> in the abstract is not JATS; its text is kept and its markup removed");
            self.warn(codes::VALUE_INVALID, at, message);
        }
        if reduced.text.is_empty() {
            self.info(codes::VALUE_EMPTY, at, "the abstract's markup holds no text; skipped".to_owned());
            return None;
        }
        Some(reduced.text)
    }
}

/// An object being read: the keys taken are marked, so that the ones left over are reported.
pub(crate) struct Obj<'v> {
    map: &'v Map<String, Value>,
    pub(crate) at: String,
    taken: Vec<&'v str>,
}

impl<'v> Obj<'v> {
    pub(crate) fn new(map: &'v Map<String, Value>, at: String) -> Self {
        Obj { map, at, taken: Vec::new() }
    }

    /// The value of `key` with its pointer, marked as read; `None` when absent or null.
    pub(crate) fn get(&mut self, key: &str) -> Option<(String, &'v Value)> {
        let (name, value) = self.map.get_key_value(key)?;
        self.taken.push(name.as_str());
        (!value.is_null()).then(|| (child(&self.at, key), value))
    }

    /// The value of `key` without marking it (to look ahead).
    pub(crate) fn peek(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Marks keys as read that are not carried and need no report (Crossref's bookkeeping).
    pub(crate) fn skip(&mut self, keys: &[&str]) {
        for key in keys {
            if let Some((name, _)) = self.map.get_key_value(*key) {
                self.taken.push(name.as_str());
            }
        }
    }

    /// True when the object has no keys.
    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Reports every key not read (`field.unmapped`): `what` names the object (`a work`, `an
    /// author`).
    pub(crate) fn rest(self, j: &mut J, what: &str) {
        for (key, value) in self.map {
            if value.is_null() || self.taken.contains(&key.as_str()) {
                continue;
            }
            let at = child(&self.at, key);
            j.unmapped(
                &at,
                value,
                &format!("is not a key of {what} Crosswalk knows (see the crosswalk page); not carried"),
            );
        }
    }
}

//! Parsing one item found by the scanner: an entry into its type, key and fields (values with
//! `@string` macros expanded and `#` concatenations joined, LaTeX still raw), or `@string`
//! definitions into the macro table.
//!
//! The parser is tolerant where BibTeX's meaning is clear (a trailing comma, doubled commas,
//! `%` comment lines between fields, a missing citation key, an undefined macro, a repeated
//! field) and reports each of these; where it is not (a field without `=`, a value without
//! delimiter, two fields without a comma between them) the entry is malformed and the parser
//! returns one error with the exact position, so that the caller can give the user a failed
//! record and go on with the next entry.

use std::collections::HashMap;

use crosswalk_model::{codes, Diagnostic, Location};

use crate::scan::{Item, ItemEnd};
use crate::{MAX_ENTRY_BYTES, MAX_STRINGS_BYTES, MAX_STRING_BYTES};

/// Code: an entry is malformed; it was not read.
pub const SYNTAX: &str = "bibtex.syntax";
/// Code: an entry is not closed; it was not read.
pub const UNCLOSED: &str = "bibtex.unclosed-entry";
/// Code: an entry has no citation key.
pub const MISSING_KEY: &str = "bibtex.missing-key";
/// Code: a value names a macro that no `@string` defines.
pub const UNDEFINED_MACRO: &str = "bibtex.undefined-macro";
/// Code: an `@string` is malformed; the definitions after the problem are lost.
pub const STRING_SYNTAX: &str = "bibtex.string-syntax";
/// Code: an `@comment` or `@preamble` is not closed.
pub const UNCLOSED_COMMENT: &str = "bibtex.unclosed-comment";
/// Code: an entry is larger than [`MAX_ENTRY_BYTES`] (as written or expanded); it was not read.
pub const ENTRY_TOO_LARGE: &str = "bibtex.entry-too-large";
/// Code: an `@string` macro was refused (see [`MAX_STRING_BYTES`], [`MAX_STRINGS_BYTES`]).
pub const STRING_REFUSED: &str = "bibtex.string-refused";
/// Code: an `@comment` or `@preamble` is larger than [`MAX_ENTRY_BYTES`]; it was skipped.
pub const BLOCK_TOO_LARGE: &str = "bibtex.block-too-large";

/// `@string` macros by lowercase name: their raw values. Month macros are predefined.
pub(crate) struct Macros {
    values: HashMap<String, String>,
    /// The bytes of all values defined by the input, against [`MAX_STRINGS_BYTES`].
    bytes: usize,
}

/// The month macros every BibTeX style defines, with the text `plain.bst` gives them.
pub(crate) const MONTHS: [(&str, &str); 12] = [
    ("jan", "January"),
    ("feb", "February"),
    ("mar", "March"),
    ("apr", "April"),
    ("may", "May"),
    ("jun", "June"),
    ("jul", "July"),
    ("aug", "August"),
    ("sep", "September"),
    ("oct", "October"),
    ("nov", "November"),
    ("dec", "December"),
];

impl Macros {
    pub(crate) fn new() -> Self {
        let values = MONTHS.iter().map(|&(name, text)| (name.to_owned(), text.to_owned())).collect();
        Macros { values, bytes: 0 }
    }

    /// Defines macro `name` (lowercase) as `value`, unless the input's macros would then hold
    /// more than [`MAX_STRINGS_BYTES`]: false then, and nothing changes.
    fn define(&mut self, name: String, value: String) -> bool {
        let replaced = self.values.get(&name).map_or(0, String::len);
        let bytes = self.bytes.saturating_sub(replaced).saturating_add(value.len());
        if bytes > MAX_STRINGS_BYTES {
            return false;
        }
        self.bytes = bytes;
        self.values.insert(name, value);
        true
    }

    fn get(&self, name: &str) -> Option<&str> {
        if name.bytes().all(|b| !b.is_ascii_uppercase()) {
            self.values.get(name).map(String::as_str)
        } else {
            self.values.get(&name.to_ascii_lowercase()).map(String::as_str)
        }
    }
}

/// One field of an entry.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    /// The name, lowercase.
    pub name: String,
    /// The value: raw LaTeX, macros expanded, parts joined.
    pub raw: String,
    /// Where the field's name stands (path: the field name).
    pub location: Location,
    /// The macro the value consists of, when it is exactly one (`month = feb`).
    pub macro_name: Option<String>,
    /// The key of the entry the field was inherited from.
    pub inherited_from: Option<String>,
}

/// A parsed entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The entry type, lowercase.
    pub kind: String,
    /// The citation key as written (empty when missing).
    pub key: String,
    /// Line of the `@`.
    pub line: u32,
    /// Location of the `@`.
    pub location: Location,
    /// Fields in source order, each name once.
    pub fields: Vec<Field>,
    /// What parsing noticed (missing key, undefined macros, repeated fields).
    pub diagnostics: Vec<Diagnostic>,
}

impl Entry {
    /// The field with a (lowercase) name.
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// About how many bytes the entry holds: its fields' names and values (what the
    /// inheritance windows count).
    pub(crate) fn size(&self) -> usize {
        self.fields.iter().map(|f| f.name.len() + f.raw.len()).sum::<usize>() + self.key.len()
    }
}

/// What an item turned out to be.
pub(crate) enum Parsed {
    /// An entry.
    Entry(Entry),
    /// A malformed entry: its key (if it could be read) and the error.
    Failed { key: Option<String>, error: Diagnostic },
    /// `@string` definitions (already added to the macros), `@comment`, or `@preamble`.
    Definitions { diagnostics: Vec<Diagnostic> },
}

/// The cursor over an item's text, tracking lines for locations.
struct Parser<'t> {
    text: &'t str,
    pos: usize,
    line: u32,
    line_start: usize,
    /// Column of `text[0]` on its line.
    first_column: u32,
    first_line: u32,
}

/// Why parsing stopped.
struct Stop {
    message: String,
    location: Location,
    /// [`SYNTAX`], or [`ENTRY_TOO_LARGE`] for an entry whose values expand past the cap.
    code: &'static str,
}

/// A value as parsed: its text, the macro it consists of (when it is exactly one), and whether
/// it was cut at the room it was given.
struct ParsedValue {
    raw: String,
    macro_name: Option<String>,
    over: bool,
}

impl<'t> Parser<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn advance(&mut self, n: usize) {
        let end = self.pos.saturating_add(n).min(self.text.len());
        for (i, b) in self.text.as_bytes().get(self.pos..end).unwrap_or_default().iter().enumerate() {
            if *b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.line_start = self.pos + i + 1;
            }
        }
        self.pos = end;
    }

    fn location(&self) -> Location {
        self.location_of(self.pos)
    }

    /// The location of an offset on the current line or before it on the same line.
    fn location_of(&self, offset: usize) -> Location {
        let chars = self.text.get(self.line_start..offset).map_or(0, |s| s.chars().count());
        let base = if self.line == self.first_line { self.first_column } else { 1 };
        Location::at(self.line, base.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX)))
    }

    fn stop(&self, message: String) -> Stop {
        Stop { message, location: self.location(), code: SYNTAX }
    }

    /// What stands at the cursor, for messages.
    fn found(&self) -> String {
        match self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            None => "the end of the entry".to_owned(),
            Some(c) if c.is_whitespace() => "a line break".to_owned(),
            Some(_) => {
                let rest = self.text.get(self.pos..).unwrap_or_default();
                let word: String = rest.chars().take_while(|c| !c.is_whitespace()).take(20).collect();
                format!("`{word}`")
            }
        }
    }

    /// Skips white space and `%` comments running to the end of their line.
    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if b.is_ascii_whitespace() {
                self.advance(1);
            } else if b == b'%' {
                let rest = self.text.get(self.pos..).unwrap_or_default();
                self.advance(rest.find('\n').map_or(rest.len(), |i| i + 1));
            } else {
                break;
            }
        }
    }

    /// A run of identifier bytes (field names, macro names, entry types).
    fn identifier(&mut self) -> &'t str {
        let start = self.pos;
        while self.peek().is_some_and(is_name_byte) {
            self.advance(1);
        }
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// A value: parts joined by `#`, expanded to at most `room` bytes (the rest of a value
    /// that would be longer is parsed but not kept, and the value says it is `over`).
    fn value(&mut self, macros: &Macros, diagnostics: &mut Vec<Diagnostic>, room: usize) -> Result<ParsedValue, Stop> {
        let mut raw = String::new();
        let mut parts = 0;
        let mut macro_name = None;
        let mut over = false;
        // Appends a part unless the value would outgrow its room: macros defined from each
        // other expand exponentially, so the length is checked before anything is copied.
        let mut push = |raw: &mut String, part: &str| {
            if over || raw.len().saturating_add(part.len()) > room {
                over = true;
            } else {
                raw.push_str(part);
            }
        };
        loop {
            self.skip_space();
            let part_location = self.location();
            match self.peek() {
                Some(b'{') => {
                    let inner = self.balanced(b'}')?;
                    push(&mut raw, inner);
                }
                Some(b'"') => {
                    let inner = self.balanced(b'"')?;
                    push(&mut raw, inner);
                }
                Some(b) if b.is_ascii_digit() => {
                    let start = self.pos;
                    while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                        self.advance(1);
                    }
                    push(&mut raw, self.text.get(start..self.pos).unwrap_or_default());
                }
                Some(b) if is_name_byte(b) => {
                    let name = self.identifier();
                    match macros.get(name) {
                        Some(value) => push(&mut raw, value),
                        None => {
                            crate::push_capped(
                                diagnostics,
                                Diagnostic::warning(
                                    UNDEFINED_MACRO,
                                    format!("macro `{name}` is not defined by any earlier @string; kept as the text \"{name}\""),
                                )
                                .at(part_location),
                            );
                            push(&mut raw, name);
                        }
                    }
                    macro_name = Some(name.to_owned());
                }
                _ => {
                    return Err(self.stop(format!(
                        "expected a value (`{{…}}`, `\"…\"`, a number or a macro name), found {}",
                        self.found()
                    )))
                }
            }
            parts += 1;
            self.skip_space();
            if self.peek() == Some(b'#') {
                self.advance(1);
            } else {
                break;
            }
        }
        Ok(ParsedValue { raw, macro_name: if parts == 1 { macro_name } else { None }, over })
    }

    /// The text inside `{…}` or `"…"` (the cursor on the opening one), braces balanced.
    fn balanced(&mut self, close: u8) -> Result<&'t str, Stop> {
        let open_location = self.location();
        self.advance(1);
        let start = self.pos;
        let mut depth = 0usize;
        let bytes = self.text.as_bytes();
        let mut pos = self.pos;
        while let Some(&b) = bytes.get(pos) {
            match b {
                b'{' => depth += 1,
                b'}' if depth == 0 && close == b'}' => {
                    self.advance(pos - self.pos + 1);
                    return Ok(self.text.get(start..pos).unwrap_or_default());
                }
                b'}' if depth == 0 => {
                    self.advance(pos - self.pos);
                    return Err(self.stop("a `}` closes a brace that was never opened in this quoted value".to_owned()));
                }
                b'}' => depth -= 1,
                b'"' if depth == 0 && close == b'"' => {
                    self.advance(pos - self.pos + 1);
                    return Ok(self.text.get(start..pos).unwrap_or_default());
                }
                _ => {}
            }
            pos += 1;
        }
        let what = if close == b'}' { "`{` is never closed" } else { "`\"` is never closed" };
        Err(Stop { message: format!("the value's {what}"), location: open_location, code: SYNTAX })
    }
}

/// True for the bytes of field, macro and type names.
fn is_name_byte(b: u8) -> bool {
    !b.is_ascii_whitespace()
        && !matches!(b, b'=' | b',' | b'{' | b'}' | b'(' | b')' | b'"' | b'#' | b'%' | b'\'')
        && b != 0
}

/// Parses an item (with the scanner's account of how it ended).
pub(crate) fn parse(item: &Item, macros: &mut Macros) -> Parsed {
    let mut parser = Parser {
        text: &item.text,
        pos: 0,
        line: item.line,
        line_start: 0,
        first_column: item.column,
        first_line: item.line,
    };
    let start = Location::at(item.line, item.column);
    parser.advance(1);
    let kind = parser.identifier().to_ascii_lowercase();
    if item.oversized {
        return oversized(&mut parser, kind, item, start);
    }
    parser.skip_space();
    let close = match parser.peek() {
        Some(b'{') => b'}',
        Some(b'(') => b')',
        _ => {
            let error =
                Diagnostic::error(SYNTAX, format!("@{kind} is not followed by `{{` or `(`; the entry was not read"))
                    .at(parser.location());
            return Parsed::Failed { key: None, error };
        }
    };
    parser.advance(1);
    match kind.as_str() {
        "comment" | "preamble" => return Parsed::Definitions { diagnostics: unclosed_block(&kind, close, item) },
        "string" => return strings(&mut parser, close, macros, item),
        _ => {}
    }
    let mut entry = Entry {
        kind,
        key: String::new(),
        line: item.line,
        location: start.clone(),
        fields: Vec::new(),
        diagnostics: Vec::new(),
    };
    let result = entry_body(&mut parser, close, macros, &mut entry, &mut 0);
    let key = (!entry.key.is_empty()).then(|| entry.key.clone());
    match (item.end, result) {
        (ItemEnd::CutAt(next), _) => Parsed::Failed {
            key,
            error: Diagnostic::error(
                UNCLOSED,
                format!(
                    "{} is not closed before the entry on line {next}; it was not read (look for a missing `{}` or an extra `{{`)",
                    describe(&entry.kind, &entry.key),
                    char::from(close)
                ),
            )
            .at(start),
        },
        (ItemEnd::EndOfInput | ItemEnd::NoDelimiter, _) => Parsed::Failed {
            key,
            error: Diagnostic::error(
                UNCLOSED,
                format!(
                    "{} is not closed before the end of the input; it was not read (look for a missing `{}`)",
                    describe(&entry.kind, &entry.key),
                    char::from(close)
                ),
            )
            .at(start),
        },
        (ItemEnd::Closed, Err(stop)) => Parsed::Failed {
            key,
            error: Diagnostic::error(
                stop.code,
                format!("{}: {}; the entry was not read", describe(&entry.kind, &entry.key), stop.message),
            )
            .at(stop.location),
        },
        (ItemEnd::Closed, Ok(())) => Parsed::Entry(entry),
    }
}

/// An item larger than [`MAX_ENTRY_BYTES`] (`item.text` holds only its start, and the cursor
/// stands after its type): an entry is one failed record (with its key, when its start shows
/// it); the definitions of an `@string` are lost; an `@comment` or `@preamble` is reported.
fn oversized(parser: &mut Parser<'_>, kind: String, item: &Item, start: Location) -> Parsed {
    let cap = crosswalk_text::caps::size(MAX_ENTRY_BYTES);
    let ended = match item.end {
        ItemEnd::Closed => "the rest of it was skipped".to_owned(),
        ItemEnd::CutAt(line) => {
            format!("it was ended before line {line}, which starts an entry, and read from there on")
        }
        ItemEnd::EndOfInput | ItemEnd::NoDelimiter => "the rest of the input was skipped: it does not close".to_owned(),
    };
    let diagnostic = match kind.as_str() {
        "string" => Diagnostic::warning(
            STRING_REFUSED,
            format!("@string is larger than {cap}; its macros were not defined, and {ended}"),
        ),
        "comment" | "preamble" => {
            Diagnostic::warning(BLOCK_TOO_LARGE, format!("@{kind} is larger than {cap}; {ended}"))
        }
        _ => {
            // `@type{key,` (or `(`): the key, when the start shows it.
            parser.skip_space();
            parser.advance(1);
            parser.skip_space();
            let key_start = parser.pos;
            while parser.peek().is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b',' | b'}' | b')' | b'=')) {
                parser.advance(1);
            }
            let key_end = parser.pos;
            parser.skip_space();
            // `@misc{title = …`: no key, the word is a field's name.
            let key = (parser.peek() != Some(b'='))
                .then(|| parser.text.get(key_start..key_end))
                .flatten()
                .filter(|k| !k.is_empty())
                .map(str::to_owned);
            let error = Diagnostic::error(
                ENTRY_TOO_LARGE,
                format!(
                    "{} is larger than {cap}, the most read as one entry; it was not read, and {ended} \
                     (look for a missing closing brace, or a field holding a file's contents)",
                    describe(&kind, key.as_deref().unwrap_or_default())
                ),
            )
            .at(start);
            return Parsed::Failed { key, error };
        }
    };
    Parsed::Definitions { diagnostics: vec![diagnostic.at(start)] }
}

/// An `@comment` or `@preamble` that is not closed, reported: the scanner ended it before the
/// next line that starts an entry (the entries from there on are read) or at the end of the
/// input.
fn unclosed_block(kind: &str, close: u8, item: &Item) -> Vec<Diagnostic> {
    let what = match item.end {
        ItemEnd::Closed => return Vec::new(),
        ItemEnd::CutAt(next) => {
            format!("before the entry on line {next}; it was ended there, and the entries from there on are read")
        }
        ItemEnd::EndOfInput | ItemEnd::NoDelimiter => {
            "before the end of the input; the text after it, which holds no entry, was skipped".to_owned()
        }
    };
    vec![Diagnostic::warning(
        UNCLOSED_COMMENT,
        format!("@{kind} is not closed {what} (look for a missing `{}`)", char::from(close)),
    )
    .at(Location::at(item.line, item.column))]
}

/// `@article{key}` for messages.
fn describe(kind: &str, key: &str) -> String {
    if key.is_empty() {
        format!("the @{kind} entry")
    } else {
        format!("@{kind}{{{key}}}")
    }
}

/// The key and fields of an entry.
///
/// `expanded` counts the bytes of the values as expanded, against [`MAX_ENTRY_BYTES`].
fn entry_body(
    parser: &mut Parser<'_>,
    close: u8,
    macros: &Macros,
    entry: &mut Entry,
    expanded: &mut usize,
) -> Result<(), Stop> {
    parser.skip_space();
    let key_start = parser.pos;
    let key_location = parser.location();
    while parser.peek().is_some_and(|b| !b.is_ascii_whitespace() && b != b',' && b != close && b != b'=') {
        parser.advance(1);
    }
    let key = parser.text.get(key_start..parser.pos).unwrap_or_default();
    parser.skip_space();
    if parser.peek() == Some(b'=') || key.is_empty() {
        // `@misc{title = …}`: no key; the word read is the first field's name.
        entry.diagnostics.push(
            Diagnostic::warning(MISSING_KEY, format!("the @{} entry has no citation key", entry.kind))
                .at(key_location.clone()),
        );
        if parser.peek() == Some(b'=') {
            parser.pos = key_start;
            parser.line = key_location.line.unwrap_or(parser.line);
            parser.line_start = parser.text.get(..key_start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        }
    } else {
        entry.key = key.to_owned();
        match parser.peek() {
            Some(b',') => parser.advance(1),
            Some(b) if b == close => return Ok(()),
            _ => return Err(parser.stop(format!("expected `,` after the citation key, found {}", parser.found()))),
        }
    }
    // The fields' names seen: searched while they are few (most entries), a set once there are
    // many (an entry may have many thousands of fields).
    let mut names: Option<std::collections::HashSet<String>> = None;
    loop {
        parser.skip_space();
        while parser.peek() == Some(b',') {
            parser.advance(1);
            parser.skip_space();
        }
        match parser.peek() {
            Some(b) if b == close => return Ok(()),
            None => return Ok(()),
            _ => {}
        }
        let location = parser.location();
        let name = parser.identifier();
        if name.is_empty() {
            return Err(parser.stop(format!("expected a field name, found {}", parser.found())));
        }
        let name = name.to_ascii_lowercase();
        parser.skip_space();
        if parser.peek() != Some(b'=') {
            return Err(parser.stop(format!("expected `=` after the field name `{name}`, found {}", parser.found())));
        }
        parser.advance(1);
        let before = entry.diagnostics.len();
        let room = MAX_ENTRY_BYTES.saturating_sub(*expanded);
        let ParsedValue { raw, macro_name, over } = parser.value(macros, &mut entry.diagnostics, room)?;
        if over {
            return Err(Stop {
                message: format!(
                    "with its @string macros expanded, it is larger than {} (at field `{name}`)",
                    crosswalk_text::caps::size(MAX_ENTRY_BYTES)
                ),
                location,
                code: ENTRY_TOO_LARGE,
            });
        }
        *expanded = expanded.saturating_add(raw.len());
        for d in entry.diagnostics.iter_mut().skip(before) {
            d.location.path = Some(name.clone());
        }
        parser.skip_space();
        match parser.peek() {
            Some(b',') => parser.advance(1),
            Some(b) if b == close => {}
            _ => {
                return Err(parser.stop(format!(
                    "expected `,` or `{}` after the value of `{name}`, found {} (a missing comma?)",
                    char::from(close),
                    parser.found()
                )))
            }
        }
        let location = location.with_path(name.clone());
        let repeated = match &mut names {
            Some(set) => !set.insert(name.clone()),
            None if entry.fields.len() < FIELDS_SEARCHED => entry.fields.iter().any(|field| field.name == name),
            None => {
                let mut set: std::collections::HashSet<String> =
                    entry.fields.iter().map(|field| field.name.clone()).collect();
                let repeated = !set.insert(name.clone());
                names = Some(set);
                repeated
            }
        };
        if repeated {
            crate::push_capped(
                &mut entry.diagnostics,
                Diagnostic::warning(
                    codes::FIELD_REPEATED,
                    format!("field `{name}` occurs again; the first value is kept and this one is lost"),
                )
                .at(location),
            );
            continue;
        }
        entry.fields.push(Field { name, raw, location, macro_name, inherited_from: None });
    }
}

/// `@string{name = value, …}`: defines the macros.
fn strings(parser: &mut Parser<'_>, close: u8, macros: &mut Macros, item: &Item) -> Parsed {
    let mut diagnostics = Vec::new();
    let result = (|| -> Result<(), Stop> {
        loop {
            parser.skip_space();
            match parser.peek() {
                Some(b) if b == close => return Ok(()),
                None => return Ok(()),
                Some(b',') => {
                    parser.advance(1);
                    continue;
                }
                _ => {}
            }
            let name = parser.identifier().to_ascii_lowercase();
            if name.is_empty() {
                return Err(parser.stop(format!("expected a macro name, found {}", parser.found())));
            }
            parser.skip_space();
            if parser.peek() != Some(b'=') {
                return Err(
                    parser.stop(format!("expected `=` after the macro name `{name}`, found {}", parser.found()))
                );
            }
            parser.advance(1);
            let location = parser.location();
            let value = parser.value(macros, &mut diagnostics, MAX_STRING_BYTES)?;
            let refused = if value.over {
                Some(format!(
                    "its value would be longer than {} expanded",
                    crosswalk_text::caps::size(MAX_STRING_BYTES)
                ))
            } else if !macros.define(name.clone(), value.raw) {
                Some(format!(
                    "the input's macros would hold more than {} together",
                    crosswalk_text::caps::size(MAX_STRINGS_BYTES)
                ))
            } else {
                None
            };
            if let Some(why) = refused {
                let message = format!("macro `{name}` was not defined: {why}; entries naming it read its name as text");
                diagnostics.push(Diagnostic::warning(STRING_REFUSED, message).at(location));
            }
        }
    })();
    if item.end != ItemEnd::Closed {
        diagnostics.push(
            Diagnostic::warning(
                STRING_SYNTAX,
                "@string is not closed; the macros it defines up to the break were kept".to_owned(),
            )
            .at(Location::at(item.line, item.column)),
        );
    } else if let Err(stop) = result {
        diagnostics.push(
            Diagnostic::warning(
                STRING_SYNTAX,
                format!("@string: {}; the definitions after it were not read", stop.message),
            )
            .at(stop.location),
        );
    }
    Parsed::Definitions { diagnostics }
}

/// How many fields an entry's new field's name is searched among before a set takes over.
const FIELDS_SEARCHED: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{Found, Scanner};

    fn parse_all(text: &str) -> Vec<Parsed> {
        let mut scanner = Scanner::new(text.as_bytes());
        let mut macros = Macros::new();
        std::iter::from_fn(|| scanner.next_found())
            .filter_map(|f| match f {
                Found::Item(item) => Some(parse(&item, &mut macros)),
                Found::Stray(_) => None,
            })
            .collect()
    }

    fn entry(parsed: &Parsed) -> &Entry {
        match parsed {
            Parsed::Entry(e) => e,
            _ => panic!("not an entry"),
        }
    }

    fn error(parsed: &Parsed) -> &Diagnostic {
        match parsed {
            Parsed::Failed { error, .. } => error,
            _ => panic!("not a failure"),
        }
    }

    #[test]
    fn macros_concatenation_and_numbers() {
        let parsed = parse_all(
            "@STRING(jn = \"J. \" # {Mol.})\n@string{ x = jn # \" Biol.\" }\n@article{k,\n journal = x,\n year = 2014, month = feb, title = \"A {B} \" # jn}",
        );
        let e = entry(&parsed[2]);
        assert_eq!(e.key, "k");
        assert_eq!(e.field("journal").unwrap().raw, "J. Mol. Biol.");
        assert_eq!(e.field("year").unwrap().raw, "2014");
        let month = e.field("month").unwrap();
        assert_eq!((month.raw.as_str(), month.macro_name.as_deref()), ("February", Some("feb")));
        assert_eq!(e.field("title").unwrap().raw, "A {B} J. Mol.");
        assert_eq!(e.field("journal").unwrap().location, Location::at(4, 2).with_path("journal"));
        assert!(e.diagnostics.is_empty());
    }

    #[test]
    fn tolerated_oddities_are_reported() {
        let parsed = parse_all("@misc{title = {x},, % note\n title = {y}, note = undefinedmacro,}");
        let e = entry(&parsed[0]);
        assert_eq!(e.key, "");
        let codes: Vec<&str> = e.diagnostics.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(codes, [MISSING_KEY, "field.repeated", UNDEFINED_MACRO]);
        assert_eq!(e.field("title").unwrap().raw, "x");
        assert_eq!(e.field("note").unwrap().raw, "undefinedmacro");
    }

    #[test]
    fn malformed_entries_give_one_positioned_error() {
        let parsed =
            parse_all("@article{a,\n  title = {x}\n  year = 2000\n}\n@article{b, title {x}}\n@book{c, title = }");
        let e = error(&parsed[0]);
        assert_eq!((e.code.as_ref(), e.location.line, e.location.column), (SYNTAX, Some(3), Some(3)));
        assert!(e.message.contains("after the value of `title`, found `year`"), "{}", e.message);
        assert!(error(&parsed[1]).message.contains("expected `=` after the field name `title`"));
        assert!(error(&parsed[2]).message.contains("expected a value"));
        match &parsed[0] {
            Parsed::Failed { key, .. } => assert_eq!(key.as_deref(), Some("a")),
            _ => unreachable!(),
        }
    }

    #[test]
    fn unclosed_entries() {
        let parsed = parse_all("@article{a,\n  title = {x\n@misc{b}");
        let e = error(&parsed[0]);
        assert_eq!((e.code.as_ref(), e.location.line), (UNCLOSED, Some(1)));
        assert!(e.message.contains("before the entry on line 3"), "{}", e.message);
        assert_eq!(entry(&parsed[1]).key, "b");
    }
}

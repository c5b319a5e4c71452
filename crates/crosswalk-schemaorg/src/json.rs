//! JSON text in and out, keeping what a JSON-LD reader needs and `serde_json::Value` loses.
//!
//! Reading builds a small tree in which every value knows the byte offset it starts at (so a
//! diagnostic can say `line:column` as well as its JSON pointer), numbers keep the digits the
//! source wrote (a coordinate `41.090` stays `41.090`), objects keep their members in source
//! order, and a key repeated in one object is noticed (the last value wins, as in every JSON
//! parser, and the earlier ones are reported). Nesting is limited so that hostile input cannot
//! exhaust the stack.
//!
//! Writing serialises a tree of [`Out`] values with two-space indentation and members in the order
//! they were added, escaping `</` so that the text can be embedded in an HTML `<script>` element.

use std::fmt::Write as _;

use crosswalk_text::json::{push_index, push_key, skip_white_space};

/// The deepest nesting of arrays and objects accepted; real metadata stays far below it.
const MAX_DEPTH: usize = 200;

/// A parsed JSON value and the byte offset where it starts in the source text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// Byte offset of the value's first character.
    pub start: usize,
    /// The value.
    pub value: Value,
}

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A number, spelled as in the source.
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// One member of an object.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Member {
    pub key: String,
    pub value: Node,
}

/// A key that occurred more than once in its object.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Duplicate {
    /// JSON pointer of the key, relative to the parsed value.
    pub pointer: String,
    /// Byte offset of the earlier, discarded occurrence's key.
    pub offset: usize,
}

/// Why the text is not JSON, and where.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SyntaxError {
    /// Byte offset of the offending character (the end of the text for a value cut short).
    pub offset: usize,
    /// What was wrong, for people.
    pub message: String,
}

impl Node {
    /// The members of an object; empty for anything else.
    pub fn members(&self) -> &[Member] {
        match &self.value {
            Value::Object(members) => members,
            _ => &[],
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members().iter().find(|m| m.key == key).map(|m| &m.value)
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The text of a string or the spelling of a number.
    pub fn as_scalar_text(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) | Value::Number(text) => Some(text),
            _ => None,
        }
    }

    /// True for an object.
    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    /// A short name of the value's JSON type, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

/// Parses the JSON value starting at byte `start` of `text` (after white space). Returns the value,
/// the offset just after it, and the keys repeated in some object.
pub(crate) fn parse_value(text: &str, start: usize) -> Result<(Node, usize, Vec<Duplicate>), SyntaxError> {
    let mut parser =
        Parser { text, bytes: text.as_bytes(), pos: start, pointer: String::new(), duplicates: Vec::new() };
    parser.skip_ws();
    let node = parser.value(0)?;
    Ok((node, parser.pos, parser.duplicates))
}

/// The complete items at the start of the list at byte `start` of `text` (after white space),
/// for a list that is not JSON as a whole (cut short, or broken in a later item): the items, the
/// keys repeated in them (pointers relative to the list, `/0/name`), and the offset where the
/// first item that is not complete starts (or the offending character between two items).
/// Nothing when the value at `start` is not a list.
pub(crate) fn complete_list_items(text: &str, start: usize) -> (Vec<Node>, Vec<Duplicate>, usize) {
    let mut parser =
        Parser { text, bytes: text.as_bytes(), pos: start, pointer: String::new(), duplicates: Vec::new() };
    parser.skip_ws();
    let mut items = Vec::new();
    if parser.peek() != Some(b'[') {
        return (items, parser.duplicates, parser.pos);
    }
    parser.pos += 1;
    loop {
        parser.skip_ws();
        let item_start = parser.pos;
        let kept = parser.duplicates.len();
        push_index(&mut parser.pointer, items.len());
        // Items are at depth 1, as when the whole list is parsed.
        match parser.value(1) {
            Ok(item) => items.push(item),
            Err(_) => {
                parser.duplicates.truncate(kept);
                return (items, parser.duplicates, item_start);
            }
        }
        parser.pointer.clear();
        parser.skip_ws();
        if parser.peek() == Some(b',') {
            parser.pos += 1;
        } else {
            return (items, parser.duplicates, parser.pos);
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    pointer: String,
    duplicates: Vec<Duplicate>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        self.pos = skip_white_space(self.text, self.pos);
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError { offset: self.pos, message: message.into() }
    }

    /// Describes the character at the current position, for messages.
    fn found(&self) -> String {
        match self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            Some(c) if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
            None => "the end of the input".to_owned(),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let value = match self.peek() {
            None => return Err(self.error("the input ends where a JSON value was expected")),
            Some(b'{') => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(format!("objects and lists are nested deeper than {MAX_DEPTH} levels")));
                }
                self.object(depth)?
            }
            Some(b'[') => {
                if depth >= MAX_DEPTH {
                    return Err(self.error(format!("objects and lists are nested deeper than {MAX_DEPTH} levels")));
                }
                self.array(depth)?
            }
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(_) => return Err(self.error(format!("expected a JSON value, found {}", self.found()))),
        };
        Ok(Node { start, value })
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error(format!("expected a JSON value, found {}", self.found())))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        // Slots in source order; a key seen again empties its earlier slot (the last value wins,
        // as in JavaScript). Keys are found through a map, so huge objects stay linear.
        let mut slots: Vec<Option<Member>> = Vec::new();
        let mut key_offsets: Vec<usize> = Vec::new();
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let finish = |slots: Vec<Option<Member>>| Value::Object(slots.into_iter().flatten().collect());
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(finish(slots));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error(format!("expected a quoted object key, found {}", self.found())));
            }
            let key_offset = self.pos;
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error(format!("expected `:` after the object key \"{key}\", found {}", self.found())));
            }
            self.pos += 1;
            self.skip_ws();
            let base = self.pointer.len();
            push_key(&mut self.pointer, &key);
            let value = self.value(depth + 1)?;
            if let Some(index) = seen.insert(key.clone(), slots.len()) {
                let offset = key_offsets.get(index).copied().unwrap_or(key_offset);
                self.duplicates.push(Duplicate { pointer: self.pointer.clone(), offset });
                if let Some(slot) = slots.get_mut(index) {
                    *slot = None;
                }
            }
            self.pointer.truncate(base);
            slots.push(Some(Member { key, value }));
            key_offsets.push(key_offset);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(finish(slots));
                }
                _ => {
                    return Err(
                        self.error(format!("expected `,` or `}}` after an object member, found {}", self.found()))
                    )
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            let base = self.pointer.len();
            push_index(&mut self.pointer, items.len());
            let item = self.value(depth + 1)?;
            self.pointer.truncate(base);
            items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error(format!("expected `,` or `]` after a list item, found {}", self.found()))),
            }
        }
    }

    fn number(&mut self) -> Result<String, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(format!("expected a digit in a number, found {}", self.found()))),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(format!("expected a digit after the decimal point, found {}", self.found())));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(format!("expected a digit in the exponent, found {}", self.found())));
            }
            self.digits();
        }
        Ok(self.text.get(start..self.pos).unwrap_or_default().to_owned())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// Reads a string starting at its opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(format!(
                        "{} must be escaped inside a string (write \\n, \\t or \\u00XX)",
                        self.found()
                    )))
                }
                None => return Err(self.error("the input ends inside a string (a closing `\"` is missing)")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                // The reader replaces lone surrogate escapes before parsing (and reports them);
                // should one still come, it is U+FFFD, and an escape after it that is not its
                // low half is read on its own, never swallowed.
                let c = if (0xD800..0xDC00).contains(&first) {
                    let pair_at = self.pos;
                    let second = if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                        self.pos += 2;
                        Some(self.hex4()?)
                    } else {
                        None
                    };
                    match second {
                        Some(second @ 0xDC00..=0xDFFF) => {
                            let code = 0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                            char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                        }
                        _ => {
                            self.pos = pair_at;
                            char::REPLACEMENT_CHARACTER
                        }
                    }
                } else {
                    char::from_u32(u32::from(first)).unwrap_or(char::REPLACEMENT_CHARACTER)
                };
                out.push(c);
                return Ok(());
            }
            _ => return Err(self.error(format!("`\\` followed by {} is not a JSON escape", self.found()))),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, SyntaxError> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u16::from_str_radix(d, 16).ok()) {
            Some(value) => {
                self.pos += 4;
                Ok(value)
            }
            None => Err(self.error("`\\u` must be followed by four hexadecimal digits")),
        }
    }
}

/// True when `text` is a number in JSON's grammar (`-0.5`, `12`, `1e3`; not `01`, `.5`, `1.`).
pub(crate) fn is_json_number(text: &str) -> bool {
    text.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        && parse_value(text, 0).is_ok_and(|(node, end, _)| end == text.len() && matches!(node.value, Value::Number(_)))
}

/// A JSON value to write, with object members in the order they were added.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Out {
    /// A string.
    Str(String),
    /// A number or literal, written as is.
    Raw(String),
    /// A list.
    Arr(Vec<Out>),
    /// An object.
    Obj(Vec<(String, Out)>),
}

impl Out {
    /// A string value.
    pub fn str(text: impl Into<String>) -> Out {
        Out::Str(text.into())
    }

    /// An object from its members.
    pub fn obj() -> ObjBuilder {
        ObjBuilder(Vec::new())
    }

    /// One value as itself, several as a list; `None` for none.
    pub fn one_or_many(mut values: Vec<Out>) -> Option<Out> {
        match values.len() {
            0 => None,
            1 => values.pop(),
            _ => Some(Out::Arr(values)),
        }
    }

    /// The text, pretty-printed with two-space indentation.
    pub fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Out::Str(text) => write_string(out, text),
            Out::Raw(text) => out.push_str(text),
            Out::Arr(items) if items.is_empty() => out.push_str("[]"),
            Out::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 1);
                    item.write(out, indent + 1);
                }
                newline(out, indent);
                out.push(']');
            }
            Out::Obj(members) if members.is_empty() => out.push_str("{}"),
            Out::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, indent + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                }
                newline(out, indent);
                out.push('}');
            }
        }
    }
}

/// Builds an object member by member, leaving out absent values.
#[derive(Debug, Default)]
pub(crate) struct ObjBuilder(Vec<(String, Out)>);

impl ObjBuilder {
    /// Adds a member.
    pub fn set(mut self, key: &str, value: Out) -> Self {
        self.0.push((key.to_owned(), value));
        self
    }

    /// Adds a string member when the text is present and not blank.
    pub fn text(self, key: &str, text: Option<&str>) -> Self {
        match text.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => self.set(key, Out::str(t)),
            None => self,
        }
    }

    /// Adds a member when the value is present.
    pub fn opt(self, key: &str, value: Option<Out>) -> Self {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// Adds a member in place.
    pub fn push(&mut self, key: &str, value: Out) {
        self.0.push((key.to_owned(), value));
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The object.
    pub fn build(self) -> Out {
        Out::Obj(self.0)
    }
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    let mut previous = '\0';
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `</` would end an HTML script element the JSON-LD is embedded in.
            '/' if previous == '<' => out.push_str("\\/"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
        previous = c;
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Node, usize, Vec<Duplicate>), SyntaxError> {
        parse_value(text, 0)
    }

    #[test]
    fn keeps_offsets_number_spelling_and_order() {
        let (node, end, dups) = parse(r#" {"b": [1.50, -0, 2e3], "a": "x\u00e9\ud83d\ude00", "n": null} "#).unwrap();
        assert_eq!(end, 62);
        assert!(dups.is_empty());
        assert_eq!(node.start, 1);
        let keys: Vec<&str> = node.members().iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "n"]);
        let Value::Array(items) = &node.get("b").unwrap().value else { panic!() };
        assert_eq!(items[0].value, Value::Number("1.50".into()));
        assert_eq!(items[1].value, Value::Number("-0".into()));
        assert_eq!(items[0].start, 8);
        assert_eq!(node.get("a").unwrap().as_str(), Some("xé😀"));
    }

    #[test]
    fn a_surrogate_without_its_pair_swallows_nothing() {
        let (node, _, _) = parse(r#"["\ud800x", "\ud800\u0041", "\udc00\ud800\ud834\udd1e"]"#).unwrap();
        let texts: Vec<_> = node_items(&node).iter().map(|n| n.as_str().unwrap().to_owned()).collect();
        assert_eq!(texts, ["\u{FFFD}x", "\u{FFFD}A", "\u{FFFD}\u{FFFD}𝄞"]);
    }

    fn node_items(node: &Node) -> &[Node] {
        match &node.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    #[test]
    fn repeated_keys_keep_the_last_and_are_reported() {
        let (node, _, dups) = parse(r#"{"a": {"k": 1, "k": 2}, "a": {"k": 3}}"#).unwrap();
        assert_eq!(node.get("a").unwrap().get("k").unwrap().as_scalar_text(), Some("3"));
        assert_eq!(dups.len(), 2);
        assert_eq!(dups[0].pointer, "/a/k");
        assert_eq!(dups[0].offset, 7);
        assert_eq!(dups[1].pointer, "/a");
    }

    #[test]
    fn syntax_errors_name_the_problem_and_offset() {
        let e = parse(r#"{"a": 1 "b": 2}"#).unwrap_err();
        assert_eq!(e.offset, 8);
        assert!(e.message.contains("expected `,` or `}`"), "{}", e.message);
        assert!(parse(r#"{"a": "x"#).unwrap_err().message.contains("ends inside a string"));
        assert!(parse("[01]").is_err());
        assert!(parse("[1.]").is_err());
        assert!(parse("\"a\tb\"").unwrap_err().message.contains("U+0009"));
        assert!(parse(r#""\x""#).is_err());
        assert!(parse("tru").is_err());
        let deep = "[".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).unwrap_err().message.contains("nested deeper"));
    }

    #[test]
    fn the_complete_items_of_a_broken_list() {
        let text = r#"[{"a": 1, "a": 2}, [3], {"b": "#;
        assert!(parse(text).is_err());
        let (items, dups, rest) = complete_list_items(text, 0);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].start, 19);
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].pointer, "/0/a");
        assert_eq!(rest, 24);
        // A missing comma: the items before it.
        let (items, _, rest) = complete_list_items(r#" [1, 2 3]"#, 0);
        assert_eq!((items.len(), rest), (2, 7));
        // A broken first item, or no list at all: nothing.
        assert!(complete_list_items(r#"[{"a" 1}]"#, 0).0.is_empty());
        assert!(complete_list_items(r#"{"a": [1, 2"#, 0).0.is_empty());
    }

    #[test]
    fn json_numbers() {
        for good in ["0", "-0.5", "12", "1e3", "2.10", "-123.456E-7"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in ["01", ".5", "1.", "+1", "-", "1 ", " 1", "NaN", "inf", "0x1"] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn writes_pretty_and_escaped() {
        let out = Out::obj()
            .set("@context", Out::str("https://schema.org"))
            .set("list", Out::Arr(vec![Out::str("a\"b</script>"), Out::Raw("2".into())]))
            .set("empty", Out::Arr(vec![]))
            .build();
        assert_eq!(
            out.to_pretty(),
            "{\n  \"@context\": \"https://schema.org\",\n  \"list\": [\n    \"a\\\"b<\\/script>\",\n    2\n  ],\n  \"empty\": []\n}\n"
        );
    }
}

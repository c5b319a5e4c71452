//! Helpers for the readers of JSON text: building JSON pointers (RFC 6901), finding the byte
//! offsets that pointers point at in the source (so that a diagnostic can give `line:column` as
//! well as its pointer), JSON white space, and `serde_json`'s syntax messages.
//!
//! The readers parse JSON with different parsers (serde with `serde_ignored` and
//! `serde_path_to_error`, our own position-keeping parser); what they share is the pointer
//! convention and the way a pointer is traced back to the text.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// A key as a pointer segment: `~` becomes `~0` and `/` becomes `~1` (RFC 6901).
///
/// ```
/// use crosswalk_text::json::escape_key;
///
/// assert_eq!(escape_key("title"), "title");
/// assert_eq!(escape_key("a/b~c"), "a~1b~0c");
/// ```
pub fn escape_key(key: &str) -> Cow<'_, str> {
    // Bytewise: both are ASCII, and this runs for every key of every pointer built.
    if key.bytes().any(|b| b == b'~' || b == b'/') {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// A pointer segment as the key it names: `~1` becomes `/` and `~0` becomes `~` (RFC 6901; in
/// that order, so `~01` is `~1`).
///
/// ```
/// use crosswalk_text::json::unescape_segment;
///
/// assert_eq!(unescape_segment("a~1b~0c"), "a/b~c");
/// assert_eq!(unescape_segment("~01"), "~1");
/// ```
pub fn unescape_segment(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Appends an object key to a pointer (`/` and the escaped key).
///
/// ```
/// let mut pointer = String::from("/creators");
/// crosswalk_text::json::push_key(&mut pointer, "a/b");
/// assert_eq!(pointer, "/creators/a~1b");
/// ```
pub fn push_key(pointer: &mut String, key: &str) {
    pointer.reserve(1 + key.len());
    pointer.push('/');
    match escape_key(key) {
        Cow::Borrowed(key) => pointer.push_str(key),
        Cow::Owned(escaped) => pointer.push_str(&escaped),
    }
}

/// Appends an array index to a pointer.
///
/// ```
/// let mut pointer = String::from("/creators");
/// crosswalk_text::json::push_index(&mut pointer, 2);
/// assert_eq!(pointer, "/creators/2");
/// ```
pub fn push_index(pointer: &mut String, index: usize) {
    pointer.push('/');
    // Digits written by hand into a buffer on the stack: `to_string` allocated a string per
    // index, and `write!` goes through the formatting machinery, which cost more than the rest of
    // building a pointer.
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = index;
    loop {
        start -= 1;
        if let Some(digit) = digits.get_mut(start) {
            // `rest % 10` is a single digit.
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    // ASCII digits: pushed as characters, without checking the buffer is UTF-8.
    pointer.extend(digits.get(start..).unwrap_or_default().iter().map(|&d| char::from(d)));
}

/// The offset of the first byte at or after `offset` that is not JSON white space (space, tab,
/// line feed, carriage return); the text's length when there is none.
///
/// ```
/// assert_eq!(crosswalk_text::json::skip_white_space("a \n\t{", 1), 4);
/// ```
pub fn skip_white_space(text: &str, offset: usize) -> usize {
    let rest = text.as_bytes().get(offset..).unwrap_or_default();
    offset + rest.iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')).count()
}

/// The message of a JSON syntax error for a diagnostic, from `serde_json`'s message (its
/// `Display`) and whether the input ended early (`is_eof`): the trailing ` at line L column C`
/// is dropped, since the diagnostic's location says where.
///
/// ```
/// use crosswalk_text::json::syntax_message;
///
/// assert_eq!(syntax_message("expected `:` at line 1 column 7", false), "not valid JSON: expected `:`");
/// assert_eq!(
///     syntax_message("EOF while parsing an object at line 3 column 0", true),
///     "the input ends inside a JSON value (EOF while parsing an object)"
/// );
/// ```
pub fn syntax_message(message: &str, at_end: bool) -> String {
    let message = match message.rfind(" at line ") {
        Some(cut) => message.get(..cut).unwrap_or_default(),
        None => message,
    };
    if at_end {
        format!("the input ends inside a JSON value ({message})")
    } else {
        format!("not valid JSON: {message}")
    }
}

/// The byte offsets of the `wanted` pointers inside the JSON value that starts at byte `start`
/// of `text` (white space before it is skipped).
///
/// The text must have parsed already: the scan trusts its syntax, builds pointers only along the
/// branches that lead to a wanted one and skips the rest, so it costs one pass at most. Pointers
/// that do not exist in the text (values a reader made up) are left out; of a key repeated in one
/// object, the last occurrence is found, as it is the one a parser keeps. Should the text end
/// early after all, the offsets found until then are returned.
///
/// ```
/// use std::collections::HashSet;
///
/// let text = r#"{"creators": [{"name": "A"}, {"name": "B"}]}"#;
/// let wanted: HashSet<String> = ["/creators/1/name".to_owned()].into();
/// let found = crosswalk_text::json::locate(text, 0, &wanted);
/// assert_eq!(&text[found["/creators/1/name"]..], r#""B"}]}"#);
/// ```
pub fn locate(text: &str, start: usize, wanted: &HashSet<String>) -> HashMap<String, usize> {
    let mut ancestors: HashSet<&str> = HashSet::new();
    for pointer in wanted {
        let mut rest = pointer.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            rest = parent;
            if !ancestors.insert(rest) {
                break;
            }
        }
    }
    let wanted_lengths = Lengths::of(wanted.iter().map(String::as_str));
    let ancestor_lengths = Lengths::of(ancestors.iter().copied());
    let mut scanner = Scanner {
        text,
        pos: start,
        pointer: String::new(),
        wanted,
        ancestors,
        wanted_lengths,
        ancestor_lengths,
        found: HashMap::new(),
    };
    // `None` here can only come from a value cut short; the offsets found so far are still right.
    let _ = scanner.value();
    scanner.found
}

/// The state of one [`locate`] pass.
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    /// The pointer of the value being scanned.
    pointer: String,
    wanted: &'a HashSet<String>,
    /// The pointers of the containers that hold a wanted pointer: the only ones entered.
    ancestors: HashSet<&'a str>,
    found: HashMap<String, usize>,
    /// The lengths of the wanted pointers, and of their ancestors: a pointer of another length is
    /// not looked up (hashing every pointer passed was most of a scan's cost).
    wanted_lengths: Lengths,
    ancestor_lengths: Lengths,
}

/// A set of string lengths.
struct Lengths(Vec<bool>);

impl Lengths {
    fn of<'a>(strings: impl Iterator<Item = &'a str>) -> Self {
        let mut set = Vec::new();
        for string in strings {
            if set.len() <= string.len() {
                set.resize(string.len() + 1, false);
            }
            if let Some(slot) = set.get_mut(string.len()) {
                *slot = true;
            }
        }
        Lengths(set)
    }

    fn has(&self, length: usize) -> bool {
        self.0.get(length).copied().unwrap_or(false)
    }
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_white_space(&mut self) {
        self.pos = skip_white_space(self.text, self.pos);
    }

    /// Scans one value; `None` when the text ends early or is not JSON.
    fn value(&mut self) -> Option<()> {
        self.skip_white_space();
        if self.wanted_lengths.has(self.pointer.len()) && self.wanted.contains(&self.pointer) {
            self.found.insert(self.pointer.clone(), self.pos);
        }
        let next = self.peek()?;
        let descend = matches!(next, b'{' | b'[')
            && self.ancestor_lengths.has(self.pointer.len())
            && self.ancestors.contains(self.pointer.as_str());
        match next {
            b'{' | b'[' if !descend => self.skip_container(),
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.skip_string(),
            _ => {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self) -> Option<()> {
        self.pos += 1;
        let base = self.pointer.len();
        loop {
            self.skip_white_space();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                b'"' => {
                    let key = self.string()?;
                    self.skip_white_space();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.pos += 1;
                    push_key(&mut self.pointer, &key);
                    self.value()?;
                    self.pointer.truncate(base);
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self) -> Option<()> {
        self.pos += 1;
        let base = self.pointer.len();
        let mut index = 0;
        loop {
            self.skip_white_space();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                _ => {
                    push_index(&mut self.pointer, index);
                    self.value()?;
                    self.pointer.truncate(base);
                    index += 1;
                }
            }
        }
    }

    /// Reads a string starting at its opening quote and returns its decoded text: borrowed from
    /// the text unless it has escapes (keys rarely do), so that no key costs an allocation.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let open = self.pos;
        let escaped = self.skip_string_raw()?;
        let body = self.text.get(open + 1..self.pos - 1)?;
        if escaped {
            unescape(body).map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(body))
        }
    }

    /// Skips a string starting at its opening quote, without decoding it.
    fn skip_string(&mut self) -> Option<()> {
        self.skip_string_raw().map(drop)
    }

    /// Moves past a string starting at its opening quote; true when it holds an escape. Jumps
    /// from one quote or backslash to the next (the text has parsed: no need to look at the rest).
    fn skip_string_raw(&mut self) -> Option<bool> {
        let bytes = self.text.as_bytes();
        self.pos += 1;
        let mut escaped = false;
        loop {
            let rest = bytes.get(self.pos..)?;
            let at = memchr::memchr2(b'"', b'\\', rest)?;
            self.pos += at;
            if self.peek()? == b'\\' {
                escaped = true;
                self.pos += 2;
            } else {
                self.pos += 1;
                return Some(escaped);
            }
        }
    }

    /// Skips an object or array without building pointers inside it.
    fn skip_container(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                b'"' => self.skip_string()?,
                _ => self.pos += 1,
            }
        }
    }
}

/// The escapes of lone UTF-16 surrogates in JSON text, made readable: every `\uD800`–`\uDFFF`
/// escape that is not half of a pair (a high surrogate followed by a low one) becomes `\uFFFD`.
/// Returns the text (borrowed when there was none) and the escapes replaced.
///
/// Why: such an escape names no character. `serde_json` refuses the whole value for it ("lone
/// leading surrogate in hex escape"), so one broken character would cost a record; replacing it
/// by U+FFFD loses only that character, which is what a decoder does with invalid UTF-16. The
/// replacement has the escape's length, so every offset, line and column stays, and the readers
/// (serde's and our own parser alike) see the same text and report each offset
/// ([`lone_surrogate_warning`]). One pass over the bytes, allocating only when something is
/// replaced.
///
/// ```
/// use crosswalk_text::json::patch_lone_surrogates;
///
/// let (text, offsets) = patch_lone_surrogates(r#"{"t": "\ud800x \uD834\uDD1E \\ud800 \udc00"}"#);
/// assert_eq!(text, r#"{"t": "\ufffdx \uD834\uDD1E \\ud800 \ufffd"}"#);
/// let offsets: Vec<usize> = offsets.iter().map(|lone| lone.offset).collect();
/// assert_eq!(offsets, [7, 36]);
/// assert!(matches!(patch_lone_surrogates(r#"{"t": "\u00e9"}"#).0, std::borrow::Cow::Borrowed(_)));
/// ```
pub fn patch_lone_surrogates(text: &str) -> (Cow<'_, str>, Vec<LoneSurrogate>) {
    let bytes = text.as_bytes();
    let unit_at = |at: usize| -> Option<u16> {
        let escape = bytes.get(at..at + 6)?;
        if escape.get(..2)? != b"\\u" {
            return None;
        }
        let digits = std::str::from_utf8(escape.get(2..)?).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    let mut lone = Vec::new();
    let mut at = 0;
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        at += found;
        match unit_at(at) {
            Some(0xD800..=0xDBFF) if matches!(unit_at(at + 6), Some(0xDC00..=0xDFFF)) => at += 12,
            Some(unit @ 0xD800..=0xDFFF) => {
                lone.push(LoneSurrogate { offset: at, unit });
                at += 6;
            }
            Some(_) => at += 6,
            // Any other escape is two characters (`\\` among them, so that the text after it
            // is never taken for an escape).
            None => at += 2,
        }
    }
    if lone.is_empty() {
        return (Cow::Borrowed(text), lone);
    }
    let mut patched = text.as_bytes().to_vec();
    for &LoneSurrogate { offset, .. } in &lone {
        if let Some(digits) = patched.get_mut(offset + 2..offset + 6) {
            digits.copy_from_slice(b"fffd");
        }
    }
    // Only ASCII digits were replaced by ASCII digits: the text is still UTF-8.
    match String::from_utf8(patched) {
        Ok(patched) => (Cow::Owned(patched), lone),
        Err(_) => (Cow::Borrowed(text), Vec::new()),
    }
}

/// A lone surrogate escape that [`patch_lone_surrogates`] replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoneSurrogate {
    /// The byte offset of its `\u` in the text.
    pub offset: usize,
    /// The code unit it named (D800–DFFF).
    pub unit: u16,
}

/// The warning for a lone surrogate escape that [`patch_lone_surrogates`] replaced in `text`
/// (the original text or the patched one: offsets are the same), at its line and column.
///
/// ```
/// use crosswalk_text::json::{lone_surrogate_warning, patch_lone_surrogates};
/// use crosswalk_text::LineIndex;
///
/// let text = "{\"t\":\n \"a\\uD800b\"}";
/// let (patched, lone) = patch_lone_surrogates(text);
/// let warning = lone_surrogate_warning(&patched, &LineIndex::new(&patched), lone[0]);
/// assert_eq!(warning.code, "input.lone-surrogate");
/// assert_eq!(warning.location, crosswalk_model::Location::at(2, 4));
/// assert!(warning.message.starts_with("the escape \\ud800 "), "{}", warning.message);
/// ```
pub fn lone_surrogate_warning(
    text: &str,
    lines: &crate::LineIndex,
    lone: LoneSurrogate,
) -> crosswalk_model::Diagnostic {
    let half = if lone.unit < 0xDC00 { "high (first)" } else { "low (second)" };
    let message = format!(
        "the escape \\u{:04x} is the {half} half of a UTF-16 surrogate pair, without its other half: it names no character and was read as U+FFFD (the text around it is kept)",
        lone.unit
    );
    crosswalk_model::Diagnostic::warning(crate::LONE_SURROGATE, message).at(lines.location(text, lone.offset))
}

/// The text of a JSON string's body (between its quotes) with its escapes decoded; `None` for an
/// escape JSON does not have or a surrogate without its pair, which a JSON parser refuses.
fn unescape(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next()? {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = hex_unit(&mut chars)?;
                match unit {
                    0xD800..=0xDBFF => {
                        if chars.next()? != '\\' || chars.next()? != 'u' {
                            return None;
                        }
                        let low = hex_unit(&mut chars)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))?
                    }
                    _ => char::from_u32(u32::from(unit))?,
                }
            }
            _ => return None,
        };
        out.push(decoded);
    }
    Some(out)
}

/// The four hex digits of a `\u` escape.
fn hex_unit(chars: &mut std::str::Chars<'_>) -> Option<u16> {
    (0..4).try_fold(0u16, |unit, _| Some((unit << 4) | u16::try_from(chars.next()?.to_digit(16)?).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(pointers: &[&str]) -> HashSet<String> {
        pointers.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pointers_are_built_with_escaped_keys() {
        let mut pointer = String::new();
        push_key(&mut pointer, "fam/ily~x");
        push_index(&mut pointer, 12);
        assert_eq!(pointer, "/fam~1ily~0x/12");
        assert!(matches!(escape_key("plain"), Cow::Borrowed("plain")));
        for key in ["plain", "a/b", "~", "~1", "/~0/"] {
            assert_eq!(unescape_segment(&escape_key(key)), key);
        }
    }

    #[test]
    fn finds_wanted_pointers_only() {
        let text =
            "{\"a\": 1, \"author\": [{\"family\": \"X\"}, {\"fam/ily\": \"Y\", \"g\": [1, {\"k\": true}]}], \"a\": 2}";
        let found = locate(text, 0, &wanted(&["/author/1/fam~1ily", "/author/1/g/1/k", "/a", "/nowhere", ""]));
        assert_eq!(&text[found["/author/1/fam~1ily"]..][..3], "\"Y\"");
        assert_eq!(&text[found["/author/1/g/1/k"]..][..4], "true");
        assert_eq!(&text[found["/a"]..][..1], "2", "the last of a repeated key");
        assert_eq!(found[""], 0);
        assert!(!found.contains_key("/nowhere"));
    }

    #[test]
    fn starts_inside_the_text_and_decodes_escaped_keys() {
        let text = "x {\"data\": [{\"a\": 1}, {\"a\": [true, {\"k/\\\"y\": \"v\"}], \"b\": {\"c\": 2}}], \"z\": 3}";
        let found = locate(text, 2, &wanted(&["/data/1/a/1/k~1\"y", "/z", "/data/1", "/missing", ""]));
        assert_eq!(&text[found["/data/1/a/1/k~1\"y"]..][..3], "\"v\"");
        assert_eq!(&text[found["/z"]..][..1], "3");
        assert_eq!(&text[found["/data/1"]..][..5], "{\"a\":");
        assert_eq!(found[""], 2);
        assert!(!found.contains_key("/missing"));
    }

    #[test]
    fn unicode_escapes_in_keys() {
        let text = r#"{"caf\u00e9": 1, "\ud834\udd1e": 2, "t\tab": 3}"#;
        let found = locate(text, 0, &wanted(&["/café", "/𝄞", "/t\tab"]));
        assert_eq!(&text[found["/café"]..][..1], "1");
        assert_eq!(&text[found["/𝄞"]..][..1], "2");
        assert_eq!(&text[found["/t\tab"]..][..1], "3");
        assert_eq!(unescape(r"\ud834"), None);
        assert_eq!(unescape(r"\x"), None);
        assert_eq!(unescape(r"a\/b\\c\u0041"), Some("a/b\\cA".to_owned()));
    }

    #[test]
    fn text_cut_short_keeps_what_was_found() {
        let text = "{\"a\": 1, \"b\": [2, ";
        let found = locate(text, 0, &wanted(&["/a", "/b/0", "/b/1"]));
        assert_eq!(found.len(), 2);
        assert_eq!(locate("", 0, &wanted(&["/a"])).len(), 0);
    }

    #[test]
    fn white_space_and_messages() {
        assert_eq!(skip_white_space(" \r\n x", 0), 4);
        assert_eq!(skip_white_space("ab", 9), 9);
        assert_eq!(syntax_message("trailing comma", false), "not valid JSON: trailing comma");
    }
}

//! Source text for Crosswalk's readers: turning input bytes into text, and byte offsets into
//! `line:column` positions.
//!
//! Decoding never fails. UTF-8 (with or without BOM) is used as is; UTF-16 is recognised by its
//! BOM, or without one by the zero bytes of its first two characters ([`utf16_unmarked`]). Text
//! that is not valid UTF-8 is one of two things, told apart by whether it holds any valid
//! multi-byte UTF-8 sequence:
//!
//! - none: a legacy single-byte export, decoded as Windows-1252 (a superset of Latin-1 for
//!   printable text) with a warning (`input.encoding`), so that it converts and the user learns
//!   what was assumed;
//! - some: UTF-8 text with a few stray bytes (a Latin-1 line pasted into a UTF-8 file, a cut
//!   sequence). Re-decoding it all as Windows-1252 would garble every character that was right
//!   (`café` → `cafÃ©`), so its UTF-8 is kept and only the stray bytes are decoded on their own
//!   ([`stray_byte_char`]), with a warning naming the first of them (`input.invalid-bytes`).
//!
//! Line-oriented readers decode each line on its own with [`decode_line`]; streaming decoders
//! map single bytes with [`single_byte_char`]. The modules hold what several readers share
//! beyond decoding: [`xml`] (the encoding an XML document declares), [`json`] (JSON pointers
//! and where they point in the text), [`dates`] (month names, W3CDTF from its parts),
//! [`message`] (source values shortened and quoted for diagnostics), [`bytes`] (a search for a
//! few byte values at once, for the strings every record holds) and, for the writers of
//! reference lists, [`keys`] (record keys kept unique in one output).

// Library code never panics on input: these lints hold outside unit tests (`cfg(test)` code may
// unwrap and index freely; integration tests and doc tests are separate crates).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

use std::borrow::Cow;

pub mod bytes;
pub mod caps;
pub mod dates;
pub mod json;
pub mod json_items;
pub mod keys;
pub mod message;
pub mod xml;

pub use json_items::{JsonContent, JsonItem, JsonItems, JsonShape, MAX_ITEM_BYTES};

use crosswalk_model::{CodeInfo, Diagnostic, Location, Severity};

/// Code: the input was not UTF-8 and was decoded as another encoding.
pub const ENCODING_ASSUMED: &str = "input.encoding";
/// Code: the input is UTF-16 (recognised by its byte-order mark, or by the zero bytes of its first
/// characters) and was transcoded.
pub const ENCODING_UTF16: &str = "input.utf16";
/// Code: the input holds bytes that are invalid in its encoding: stray bytes in UTF-8 text (read
/// as their Windows-1252 character, or U+FFFD), or invalid UTF-16 sequences (U+FFFD).
pub const ENCODING_INVALID: &str = "input.invalid-bytes";
/// Code: an item of a JSON stream (an element of a top-level array, a line of JSON Lines, a
/// value of a document) is larger than [`MAX_ITEM_BYTES`]; it was skipped, not read.
pub const ITEM_TOO_LARGE: &str = "input.item-too-large";

/// The documentation of [`ITEM_TOO_LARGE`], for the tables of the readers that report it.
pub const ITEM_TOO_LARGE_INFO: CodeInfo = CodeInfo {
    code: ITEM_TOO_LARGE,
    severity: Severity::Error,
    summary: "One item of the JSON input (an array element, a line of JSON Lines, a value of a document) is larger than the 64 MiB an item may have; it was skipped without being held, and the items around it were read. An item that does not end within four times that (256 MiB) is the last: the rest of the input is not read (an endless input ends there). Real records take a few MiB at most: split the record, or check the input for a value that never ends.",
};

/// Code: a JSON string holds the escape of a lone UTF-16 surrogate (`\ud800` without its pair),
/// which names no character; it was read as U+FFFD.
pub const LONE_SURROGATE: &str = "input.lone-surrogate";

/// The codes this crate emits.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "The input is not valid UTF-8; it was decoded as the encoding the message names (Windows-1252 unless declared). Check accented characters, or convert the file to UTF-8.",
    },
    CodeInfo {
        code: ENCODING_UTF16,
        severity: Severity::Info,
        summary: "The input is UTF-16 (recognised by its byte-order mark, or without one by the zero bytes of its first characters) and was transcoded to UTF-8.",
    },
    CodeInfo {
        code: ENCODING_INVALID,
        severity: Severity::Warning,
        summary: INVALID_BYTES_SUMMARY,
    },
    CodeInfo { code: LONE_SURROGATE, severity: Severity::Warning, summary: LONE_SURROGATE_SUMMARY },
    ITEM_TOO_LARGE_INFO,
];

/// The documentation of [`LONE_SURROGATE`], which every JSON reader's crate lists as is.
pub const LONE_SURROGATE_SUMMARY: &str = "A JSON string holds a \\uD800–\\uDFFF escape that is not half of a surrogate pair: it names no character, so it was read as U+FFFD and the rest of the string kept (every JSON reader alike). Fix the program that wrote it: it cut a character outside the Basic Multilingual Plane (an emoji, a rare CJK character) in half.";

/// The documentation of [`ENCODING_INVALID`], which every crate that emits it lists as is.
pub const INVALID_BYTES_SUMMARY: &str = "The input is UTF-8 but holds bytes that are not (a line pasted from a Latin-1 file, a cut character): its UTF-8 was kept and each stray byte was read as its Windows-1252 character (U+FFFD for the five bytes Windows-1252 leaves undefined); the message names the first byte and where it is. In UTF-16 input: invalid sequences, each replaced by U+FFFD. Check the characters named, or fix the file's encoding.";

/// An encoding the decoder can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, the default.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// ISO-8859-1.
    Latin1,
    /// Windows-1252.
    Windows1252,
}

impl Encoding {
    /// The encoding's usual label.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Latin1 => "ISO-8859-1",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// The encoding named by a label such as an XML declaration's `encoding`, if supported.
    pub fn from_label(label: &str) -> Option<Encoding> {
        match label.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-16le" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf-16" => Some(Encoding::Utf16Be),
            "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" => Some(Encoding::Latin1),
            "windows-1252" | "cp1252" | "us-ascii" | "ascii" => Some(Encoding::Windows1252),
            _ => None,
        }
    }
}

/// Decoded source text.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without any byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding it was read as.
    pub encoding: Encoding,
    /// What decoding assumed or replaced.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes input bytes: a BOM decides; else UTF-16 when the first two characters say so
/// ([`utf16_unmarked`]); else UTF-8 when valid; else Windows-1252, reported.
///
/// ```
/// use crosswalk_text::{decode, Encoding};
///
/// assert_eq!(decode(b"\xEF\xBB\xBFTY  - JOUR").text, "TY  - JOUR");
/// let latin = decode(b"Pati\xF1o");
/// assert_eq!(latin.text, "Patiño");
/// assert_eq!(latin.encoding, Encoding::Windows1252);
/// assert_eq!(latin.diagnostics.len(), 1);
/// ```
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    decode_with(bytes, None)
}

/// Like [`decode`], with an encoding the source declared (an XML declaration, a header) used when
/// the bytes are not valid UTF-8.
pub fn decode_with<'a>(bytes: &'a [u8], declared: Option<Encoding>) -> Decoded<'a> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, declared);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, Encoding::Utf16Le, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Encoding::Utf16Be, true);
    }
    if let Some(encoding) = utf16_unmarked(bytes) {
        return decode_utf16(bytes, encoding, false);
    }
    decode_utf8(bytes, declared)
}

/// The byte order of UTF-16 text written without a byte-order mark, told by its first two
/// characters: when both are ASCII (as the first characters of every text format Crosswalk reads
/// are: `@`, `%`, `T`, `<`, `{`, white space), each has a zero byte, first (`00 40`, big-endian) or
/// second (`40 00`, little-endian). UTF-8 and single-byte text never start with a zero byte next
/// to an ASCII one, so nothing else is taken for UTF-16. `None` for fewer than four bytes.
///
/// ```
/// use crosswalk_text::{utf16_unmarked, Encoding};
///
/// assert_eq!(utf16_unmarked(b"@\0a\0r\0"), Some(Encoding::Utf16Le));
/// assert_eq!(utf16_unmarked(b"\0T\0Y"), Some(Encoding::Utf16Be));
/// assert_eq!(utf16_unmarked(b"@article"), None);
/// assert_eq!(utf16_unmarked(b"\xFF\xFE@\0"), None);
/// ```
pub fn utf16_unmarked(head: &[u8]) -> Option<Encoding> {
    match head.get(..4)? {
        [a, 0, b, 0] if is_ascii_char(*a) && is_ascii_char(*b) => Some(Encoding::Utf16Le),
        [0, a, 0, b] if is_ascii_char(*a) && is_ascii_char(*b) => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// An ASCII character other than NUL.
fn is_ascii_char(byte: u8) -> bool {
    (1..0x80).contains(&byte)
}

/// What the first bytes of a text input say about its encoding, for a reader that reads them one
/// at a time (a pipe may deliver its first bytes one by one): see [`sniff`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    /// The bytes so far may still start a byte-order mark or UTF-16 text: read another.
    Undecided,
    /// The bytes so far are a UTF-8 byte-order mark.
    Utf8Mark,
    /// The bytes so far are a UTF-16 byte-order mark (`marked`), or the first two characters of
    /// UTF-16 text without one (which are text, to be decoded with the rest).
    Utf16 {
        /// The byte order.
        encoding: Encoding,
        /// True when the bytes are a byte-order mark.
        marked: bool,
    },
    /// Neither a mark nor UTF-16: the input is UTF-8 (or single-byte) text. Given a byte at a
    /// time, the last byte decided it and the bytes before it are the start of the text; at the
    /// end of the input (`at_end`), all the bytes given are.
    Plain,
}

/// Tells what the first bytes of an input (`head`, one more byte at each call) say: a byte-order
/// mark (UTF-8 or UTF-16), UTF-16 without a mark ([`utf16_unmarked`]), or neither. `at_end` says
/// that the input has no more bytes, so that a short input is decided.
///
/// ```
/// use crosswalk_text::{sniff, Encoding, Sniffed};
///
/// assert_eq!(sniff(b"\xEF\xBB", false), Sniffed::Undecided);
/// assert_eq!(sniff(b"\xEF\xBB\xBF", false), Sniffed::Utf8Mark);
/// assert_eq!(sniff(b"\xFF\xFE", false), Sniffed::Utf16 { encoding: Encoding::Utf16Le, marked: true });
/// assert_eq!(sniff(b"@\0a", false), Sniffed::Undecided);
/// assert_eq!(sniff(b"@\0a\0", false), Sniffed::Utf16 { encoding: Encoding::Utf16Le, marked: false });
/// assert_eq!(sniff(b"@a", false), Sniffed::Plain);
/// assert_eq!(sniff(b"@\0", true), Sniffed::Plain);
/// ```
pub fn sniff(head: &[u8], at_end: bool) -> Sniffed {
    const MARKS: [(&[u8], Sniffed); 3] = [
        (b"\xEF\xBB\xBF", Sniffed::Utf8Mark),
        (b"\xFF\xFE", Sniffed::Utf16 { encoding: Encoding::Utf16Le, marked: true }),
        (b"\xFE\xFF", Sniffed::Utf16 { encoding: Encoding::Utf16Be, marked: true }),
    ];
    if let Some(&(_, found)) = MARKS.iter().find(|(mark, _)| *mark == head) {
        return found;
    }
    if let Some(encoding) = utf16_unmarked(head) {
        return Sniffed::Utf16 { encoding, marked: false };
    }
    let mark_prefix = MARKS.iter().any(|(mark, _)| mark.starts_with(head));
    // Where a zero byte stands in the first two characters of unmarked UTF-16, in either order.
    let unmarked_prefix = |zero_first: bool| {
        head.len() < 4
            && head.iter().enumerate().all(|(i, &b)| if (i % 2 == 0) == zero_first { b == 0 } else { is_ascii_char(b) })
    };
    if !at_end && !head.is_empty() && (mark_prefix || unmarked_prefix(false) || unmarked_prefix(true)) {
        Sniffed::Undecided
    } else {
        Sniffed::Plain
    }
}

fn decode_utf8(bytes: &[u8], declared: Option<Encoding>) -> Decoded<'_> {
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Decoded { text: Cow::Borrowed(text), encoding: Encoding::Utf8, diagnostics: Vec::new() },
        Err(e) => e,
    };
    let declared_single = matches!(declared, Some(Encoding::Latin1 | Encoding::Windows1252));
    let index = LineIndex::from_bytes(bytes);
    if !declared_single && has_multibyte_utf8(bytes) {
        // UTF-8 with stray bytes: keep what is UTF-8, decode the rest byte by byte.
        let (text, stray) = decode_stray_bytes(bytes);
        let mut diagnostics = Vec::new();
        if let Some(first) = stray {
            let (line, column) = index.position_bytes(bytes, first.offset);
            let message = format!(
                "{} at {line}:{column} is not UTF-8, though the rest of the input is; {}",
                first.describe(),
                first.kept_note()
            );
            diagnostics.push(Diagnostic::warning(ENCODING_INVALID, message).at(Location::at(line, column)));
        }
        return Decoded { text: Cow::Owned(text), encoding: Encoding::Utf8, diagnostics };
    }
    let encoding = match declared {
        Some(Encoding::Latin1) => Encoding::Latin1,
        _ => Encoding::Windows1252,
    };
    let (line, column) = index.position_bytes(bytes, e.valid_up_to());
    let text: String = bytes.iter().map(|&b| single_byte_char(b, encoding)).collect();
    let (message, severity) = if declared_single {
        (format!("input decoded as its declared encoding {}", encoding.label()), Severity::Info)
    } else {
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        (
            format!(
                "input is not valid UTF-8 and holds no UTF-8 character beyond ASCII (first byte that is not: 0x{byte:02X} at {line}:{column}); decoded as {}",
                encoding.label()
            ),
            Severity::Warning,
        )
    };
    Decoded {
        text: Cow::Owned(text),
        encoding,
        diagnostics: vec![Diagnostic::new(severity, ENCODING_ASSUMED, message).at(Location::at(line, column))],
    }
}

/// True when `bytes` hold at least one valid multi-byte UTF-8 sequence: text that is not valid
/// UTF-8 but holds one is UTF-8 with stray bytes, not a single-byte encoding (whose text almost
/// never happens to form one: `Ã©` would have to stand side by side).
fn has_multibyte_utf8(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// The first byte that is not UTF-8 in text that otherwise is (see [`decode_stray_bytes`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrayByte {
    /// Its byte offset in the input.
    pub offset: usize,
    /// The byte.
    pub byte: u8,
    /// How many stray bytes the input holds in all.
    pub count: usize,
}

impl StrayByte {
    /// The byte and what it was read as, for messages: `byte 0xE9 (read as Windows-1252 "é")`.
    ///
    /// ```
    /// use crosswalk_text::StrayByte;
    ///
    /// let stray = StrayByte { offset: 3, byte: 0xE9, count: 1 };
    /// assert_eq!(stray.describe(), "byte 0xE9 (read as Windows-1252 \"é\")");
    /// let stray = StrayByte { offset: 0, byte: 0x81, count: 1 };
    /// assert_eq!(stray.describe(), "byte 0x81 (undefined in Windows-1252: U+FFFD)");
    /// ```
    pub fn describe(&self) -> String {
        match stray_byte_char(self.byte) {
            char::REPLACEMENT_CHARACTER => format!("byte 0x{:02X} (undefined in Windows-1252: U+FFFD)", self.byte),
            c => format!("byte 0x{:02X} (read as Windows-1252 \"{c}\")", self.byte),
        }
    }

    /// What happened to the text around it and to the other stray bytes, for messages.
    ///
    /// ```
    /// let stray = crosswalk_text::StrayByte { offset: 3, byte: 0xE9, count: 3 };
    /// assert_eq!(stray.kept_note(), "the UTF-8 around it was kept (2 more stray bytes were read likewise)");
    /// ```
    pub fn kept_note(&self) -> String {
        let others = match self.count {
            0 | 1 => String::new(),
            2 => " (1 more stray byte was read likewise)".to_owned(),
            n => format!(" ({} more stray bytes were read likewise)", n - 1),
        };
        format!("the UTF-8 around it was kept{others}")
    }
}

/// Decodes UTF-8 text that holds stray bytes: every valid UTF-8 sequence stays as it is, every
/// byte that is not part of one becomes [`stray_byte_char`]. Returns the text and the first stray
/// byte (with the count of all), `None` when there was none.
///
/// ```
/// use crosswalk_text::decode_stray_bytes;
///
/// let (text, stray) = decode_stray_bytes(b"caf\xC3\xA9 \x96 na\xEFve");
/// assert_eq!(text, "café – naïve");
/// let stray = stray.unwrap();
/// assert_eq!((stray.offset, stray.byte, stray.count), (6, 0x96, 2));
/// ```
pub fn decode_stray_bytes(bytes: &[u8]) -> (String, Option<StrayByte>) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut first: Option<StrayByte> = None;
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        offset += chunk.valid().len();
        for &byte in chunk.invalid() {
            match &mut first {
                Some(first) => first.count += 1,
                None => first = Some(StrayByte { offset, byte, count: 1 }),
            }
            text.push(stray_byte_char(byte));
            offset += 1;
        }
    }
    (text, first)
}

/// The character a stray byte of UTF-8 text stands for: its Windows-1252 character (the legacy
/// encoding such bytes nearly always come from: `0xE9` is `é`, `0x96` is `–`), or U+FFFD for the
/// five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), which stand for no
/// character at all. (ASCII bytes are never stray.)
///
/// ```
/// use crosswalk_text::stray_byte_char;
///
/// assert_eq!(stray_byte_char(0xF1), 'ñ');
/// assert_eq!(stray_byte_char(0x93), '“');
/// assert_eq!(stray_byte_char(0x9D), '\u{FFFD}');
/// ```
pub fn stray_byte_char(byte: u8) -> char {
    match single_byte_char(byte, Encoding::Windows1252) {
        '\u{80}'..='\u{9F}' => char::REPLACEMENT_CHARACTER,
        c => c,
    }
}

/// Decodes UTF-16 (after its byte-order mark, if it has one: `marked`). Both diagnostics point
/// into the text: the transcoding at 1:1, invalid sequences at the first of them (an odd byte at
/// the end is one, at the end of the text).
fn decode_utf16(bytes: &[u8], encoding: Encoding, marked: bool) -> Decoded<'static> {
    let units = bytes.chunks(2).map(|pair| match (pair, encoding) {
        ([a, b], Encoding::Utf16Le) => u16::from_le_bytes([*a, *b]),
        ([a, b], _) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    // The byte offset (in the text) of the first invalid sequence.
    let mut first_invalid: Option<usize> = None;
    let mut text = String::with_capacity(bytes.len());
    for c in char::decode_utf16(units) {
        let c = c.unwrap_or_else(|_| {
            first_invalid.get_or_insert(text.len());
            char::REPLACEMENT_CHARACTER
        });
        text.push(c);
    }
    if bytes.len() % 2 == 1 && first_invalid.is_none() {
        // The odd byte became the last character.
        first_invalid = Some(text.len().saturating_sub(char::REPLACEMENT_CHARACTER.len_utf8()));
    }
    let how =
        if marked { "byte-order mark" } else { "no byte-order mark; told by the zero bytes of its first characters" };
    let mut diagnostics =
        vec![Diagnostic::info(ENCODING_UTF16, format!("input is {} ({how}); transcoded to UTF-8", encoding.label()))
            .at(Location::at(1, 1))];
    if let Some(offset) = first_invalid {
        let location = LineIndex::new(&text).location(&text, offset);
        let message = format!(
            "invalid UTF-16 sequences were replaced by U+FFFD (the first at {}:{})",
            location.line.unwrap_or(1),
            location.column.unwrap_or(1)
        );
        diagnostics.push(Diagnostic::warning(ENCODING_INVALID, message).at(location));
    }
    Decoded { text: Cow::Owned(text), encoding, diagnostics }
}

/// The character of one byte in a single-byte encoding: Windows-1252's characters for
/// 0x80–0x9F (its five undefined positions keep their C1 control), and for every other byte (and
/// every byte in [`Encoding::Latin1`]) the Latin-1 character of the same number.
///
/// For streaming decoders that convert byte by byte; [`decode_with`] and [`decode_line`] use it.
/// Multi-byte encodings have no such mapping: they are read as Latin-1 here.
///
/// ```
/// use crosswalk_text::{single_byte_char, Encoding};
///
/// assert_eq!(single_byte_char(0x93, Encoding::Windows1252), '“');
/// assert_eq!(single_byte_char(0x93, Encoding::Latin1), '\u{93}');
/// assert_eq!(single_byte_char(0xE9, Encoding::Windows1252), 'é');
/// ```
pub fn single_byte_char(byte: u8, encoding: Encoding) -> char {
    match encoding {
        Encoding::Windows1252 => crosswalk_model::chars::windows_1252(byte),
        _ => char::from(byte),
    }
}

/// One line decoded by [`decode_line`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedLine<'a> {
    /// The text of the line (borrowed when it was UTF-8).
    pub text: Cow<'a, str>,
    /// When the line was not UTF-8: its first byte that is not, and how the line was decoded.
    pub not_utf8: Option<NotUtf8>,
}

/// What [`decode_line`] met in a line that is not valid UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    /// The 1-based column, in characters of the decoded line, of the first byte that is not UTF-8.
    pub column: u32,
    /// The first byte, with the count of all (its `offset` is the byte offset in the line).
    pub stray: StrayByte,
    /// True when the line holds valid multi-byte UTF-8 too: only the stray bytes were decoded on
    /// their own (report [`ENCODING_INVALID`]). False when the whole line was decoded as
    /// Windows-1252 (report [`ENCODING_ASSUMED`]).
    pub mixed: bool,
}

impl NotUtf8 {
    /// The code to report this line with: [`ENCODING_INVALID`] when only stray bytes of UTF-8
    /// were decoded otherwise, else [`ENCODING_ASSUMED`].
    pub fn code(&self) -> &'static str {
        if self.mixed {
            ENCODING_INVALID
        } else {
            ENCODING_ASSUMED
        }
    }

    /// How the line was decoded, for messages: names the first byte and, for a whole line decoded
    /// as Windows-1252, says so.
    ///
    /// ```
    /// let line = crosswalk_text::decode_line(b"Pati\xF1o");
    /// let note = line.not_utf8.unwrap();
    /// assert_eq!(note.describe(), "byte 0xF1 (read as Windows-1252 \"ñ\") at column 5; the line holds no UTF-8 beyond ASCII and was decoded as Windows-1252");
    /// ```
    pub fn describe(&self) -> String {
        let column = self.column;
        if self.mixed {
            format!("{} at column {column}; {}", self.stray.describe(), self.stray.kept_note())
        } else {
            format!(
                "{} at column {column}; the line holds no UTF-8 beyond ASCII and was decoded as Windows-1252",
                self.stray.describe()
            )
        }
    }
}

/// Decodes one line of a line-oriented format: UTF-8 when valid; else, when the line holds valid
/// multi-byte UTF-8 as well, that UTF-8 with each stray byte decoded on its own
/// ([`decode_stray_bytes`]); else the whole line as Windows-1252. What was met is returned
/// ([`NotUtf8`]), so that the reader can report it (once per record, say) in its own words.
///
/// Unlike [`decode`], which works on whole inputs, this looks for no byte-order mark: a line in
/// the middle of a file is no start of one, and a Windows-1252 line may well begin with the bytes
/// of a mark (`ÿþ`). Reading lines one by one lets a file that mixes UTF-8 and Latin-1
/// lines (concatenated exports) read correctly.
///
/// ```
/// use crosswalk_text::decode_line;
///
/// assert_eq!(decode_line("AU  - Patiño".as_bytes()).not_utf8, None);
/// let line = decode_line(b"AU  - Pati\xF1o \x93x\x94");
/// assert_eq!(line.text, "AU  - Patiño “x”");
/// assert_eq!(line.not_utf8.map(|n| (n.column, n.mixed)), Some((11, false)));
/// // A line that is UTF-8 but for one byte keeps its UTF-8.
/// let line = decode_line("TI  - Café \u{2014} ".as_bytes().iter().copied().chain(*b"na\xEFve").collect::<Vec<_>>().as_slice()).text.into_owned();
/// assert_eq!(line, "TI  - Café \u{2014} naïve");
/// assert_eq!(decode_line(b"\xFF\xFE").text, "ÿþ");
/// ```
pub fn decode_line(bytes: &[u8]) -> DecodedLine<'_> {
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return DecodedLine { text: Cow::Borrowed(text), not_utf8: None },
        Err(error) => error,
    };
    let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
    let column = to_u32(valid.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1);
    if has_multibyte_utf8(bytes) {
        let (text, stray) = decode_stray_bytes(bytes);
        let not_utf8 = stray.map(|stray| NotUtf8 { column, stray, mixed: true });
        return DecodedLine { text: Cow::Owned(text), not_utf8 };
    }
    let text = bytes.iter().map(|&b| single_byte_char(b, Encoding::Windows1252)).collect();
    let byte = bytes.get(error.valid_up_to()).copied().unwrap_or_default();
    let count = bytes.iter().filter(|b| !b.is_ascii()).count();
    let stray = StrayByte { offset: error.valid_up_to(), byte, count };
    DecodedLine { text: Cow::Owned(text), not_utf8: Some(NotUtf8 { column, stray, mixed: false }) }
}

/// Maps byte offsets in a text to 1-based `line:column` (columns counted in characters), each in
/// time independent of the line's length and of the order positions are asked in: JSON is often
/// one long line (a catalog of thousands of records, a record of thousands of keys), and
/// counting characters from the line's start for each diagnostic made reporting quadratic.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The number of characters before each block of [`LINE_INDEX_BLOCK`] bytes (one word per
    /// KiB of text).
    chars_before_block: Vec<usize>,
}

/// The block size of [`LineIndex`]'s character counts.
const LINE_INDEX_BLOCK: usize = 1024;

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        Self::from_bytes(text.as_bytes())
    }

    fn from_bytes(bytes: &[u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        // The characters of the last block are never needed: counted from its start when asked.
        let blocks = bytes.len().div_ceil(LINE_INDEX_BLOCK).max(1);
        let mut chars_before_block = Vec::with_capacity(blocks);
        let mut count = 0;
        chars_before_block.push(0);
        for block in bytes.chunks(LINE_INDEX_BLOCK).take(blocks - 1) {
            count += chars_in(block);
            chars_before_block.push(count);
        }
        LineIndex { line_starts, chars_before_block }
    }

    /// The number of characters before byte `offset` (at most one block counted).
    fn chars_before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / LINE_INDEX_BLOCK;
        let base = self.chars_before_block.get(block).copied().unwrap_or(0);
        base + bytes.get(block * LINE_INDEX_BLOCK..offset).map_or(0, chars_in)
    }

    /// The 1-based line and character column of byte `offset` in `text`.
    ///
    /// ```
    /// use crosswalk_text::LineIndex;
    ///
    /// let text = "ab\nçd\n";
    /// let index = LineIndex::new(text);
    /// assert_eq!(index.position(text, 0), (1, 1));
    /// assert_eq!(index.position(text, 5), (2, 2)); // after the two-byte 'ç'
    /// ```
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        self.position_bytes(text.as_bytes(), offset)
    }

    fn position_bytes(&self, bytes: &[u8], offset: usize) -> (u32, u32) {
        let offset = offset.min(bytes.len());
        let line = self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = self.chars_before(bytes, offset).saturating_sub(self.chars_before(bytes, start));
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// A [`Location`] for byte `offset` in `text`.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let (line, column) = self.position(text, offset);
        Location::at(line, column)
    }
}

/// The number of characters in UTF-8 `bytes` (the bytes that are not continuation bytes).
fn chars_in(bytes: &[u8]) -> usize {
    // A byte starts a character unless it is 0x80..=0xBF, i.e. unless it is below -64 as an i8.
    // Counted in a `u8` per run of at most 255 bytes, which the compiler vectorises: this runs
    // over every byte of every JSON item read.
    bytes.chunks(255).map(|run| usize::from(run.iter().map(|&b| u8::from(b.cast_signed() >= -64)).sum::<u8>())).sum()
}

/// The 1-based line and character column of byte `offset` in `bytes`, for a single position
/// (several positions in one text: [`LineIndex`]).
///
/// ```
/// assert_eq!(crosswalk_text::position_in("ab\nçd".as_bytes(), 5), (2, 2));
/// ```
pub fn position_in(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = bytes.get(..offset.min(bytes.len())).unwrap_or_default();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before.get(line_start..).unwrap_or_default().iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
    (to_u32(line), to_u32(column))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_positions_in_any_order_match_a_count() {
        // Long lines of multi-byte characters across the blocks, asked backwards and at random.
        let text = format!("{}\n{}\nend", "aé€😀".repeat(700), "x".repeat(3000));
        let index = LineIndex::new(&text);
        let naive = |offset: usize| {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            (line as u32, column as u32)
        };
        let offsets: Vec<usize> = (0..=text.len()).rev().filter(|&o| text.is_char_boundary(o)).collect();
        for &offset in offsets.iter().chain(offsets.iter().step_by(7).rev()) {
            assert_eq!(index.position(&text, offset), naive(offset), "{offset}");
        }
    }

    #[test]
    fn positions_in_any_order_on_one_line_agree() {
        let text = "[\"é\", \"ab\", \"ç\"]\n  x";
        let index = LineIndex::new(text);
        let fresh = |offset| LineIndex::new(text).position(text, offset);
        for offset in [0, 5, 3, 12, 9, 1, 20, 19, 13, 2] {
            if text.is_char_boundary(offset) {
                assert_eq!(index.position(text, offset), fresh(offset), "offset {offset}");
            }
        }
    }

    #[test]
    fn utf16_with_bom() {
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a>é</a>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let d = decode(&bytes);
        assert_eq!(d.text, "<a>é</a>");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        let bytes: Vec<u8> = [0xFE, 0xFF].into_iter().chain("x".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&bytes).text, "x");
    }

    #[test]
    fn utf16_without_bom() {
        let le: Vec<u8> = "@misc{a, title={é}}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le);
        assert_eq!(d.text, "@misc{a, title={é}}");
        assert_eq!(d.encoding, Encoding::Utf16Le);
        assert!(d.diagnostics[0].message.contains("no byte-order mark"), "{}", d.diagnostics[0].message);
        let be: Vec<u8> = "TY  - JOUR".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).text, "TY  - JOUR");
        // Not UTF-16: too short, a NUL beside a byte that is not ASCII, text.
        assert_eq!(decode(b"a\0").text, "a\0");
        assert_eq!(utf16_unmarked(b"\xE9\0a\0"), None);
        assert_eq!(utf16_unmarked(b"\0\0\0\0"), None);
        assert_eq!(decode(b"plain text").encoding, Encoding::Utf8);
    }

    #[test]
    fn sniffing_a_byte_at_a_time() {
        let decide = |input: &[u8]| {
            for len in 1..=input.len() {
                match sniff(&input[..len], len == input.len()) {
                    Sniffed::Undecided => continue,
                    other => return (other, len),
                }
            }
            (Sniffed::Plain, input.len())
        };
        assert_eq!(decide(b"\xEF\xBB\xBFx"), (Sniffed::Utf8Mark, 3));
        assert_eq!(decide(b"\xFE\xFFx"), (Sniffed::Utf16 { encoding: Encoding::Utf16Be, marked: true }, 2));
        assert_eq!(decide(b"\0@\0a\0"), (Sniffed::Utf16 { encoding: Encoding::Utf16Be, marked: false }, 4));
        // Plain at the first byte that cannot continue a mark or UTF-16.
        assert_eq!(decide(b"@article"), (Sniffed::Plain, 2));
        assert_eq!(decide(b"\xEFabc"), (Sniffed::Plain, 2));
        assert_eq!(decide(b"\n\0\n\x01"), (Sniffed::Plain, 4));
        assert_eq!(decide(b""), (Sniffed::Plain, 0));
    }

    #[test]
    fn utf16_diagnostics_point_into_the_text() {
        let utf16 = |text: &str| -> Vec<u8> {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        };
        let bytes = utf16("<a/>");
        let d = decode(&bytes);
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].code, ENCODING_UTF16);
        assert_eq!(d.diagnostics[0].location, Location::at(1, 1));
        // A lone surrogate on the second line, after a character outside the BMP.
        let mut bytes = utf16("a\n\u{1D11E}b");
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&utf16("c")[2..]);
        let d = decode(&bytes);
        assert_eq!(d.text, "a\n\u{1D11E}b\u{FFFD}c");
        assert_eq!(d.diagnostics[1].code, ENCODING_INVALID);
        assert_eq!(d.diagnostics[1].location, Location::at(2, 3));
        assert!(d.diagnostics[1].message.contains("2:3"), "{}", d.diagnostics[1].message);
        // An odd byte at the end: the last character.
        let mut bytes = utf16("ab\ncd");
        bytes.push(b'e');
        let d = decode(&bytes);
        assert_eq!(d.text, "ab\ncd\u{FFFD}");
        assert_eq!(d.diagnostics[1].location, Location::at(2, 3));
        // A BOM and nothing else.
        let d = decode(&[0xFE, 0xFF, 0x00]);
        assert_eq!(d.diagnostics[1].location, Location::at(1, 1));
    }

    #[test]
    fn windows_1252_specials_and_declared_latin1() {
        assert_eq!(decode(b"\x93quoted\x94 \x80").text, "“quoted” €");
        let d = decode_with(b"\x93", Some(Encoding::Latin1));
        assert_eq!(d.text, "\u{93}");
        assert_eq!(d.diagnostics[0].severity, Severity::Info);
    }

    #[test]
    fn positions_of_invalid_bytes() {
        let d = decode(b"line one\nab\xE9");
        assert_eq!(d.diagnostics[0].location, Location::at(2, 3));
    }

    #[test]
    fn lines_decode_as_utf8_or_windows_1252_without_looking_for_marks() {
        assert_eq!(decode_line(b"Pati\xC3\xB1o"), DecodedLine { text: Cow::Borrowed("Patiño"), not_utf8: None });
        // UTF-8 with stray bytes keeps its UTF-8.
        let line = decode_line(b"\xC3\xA7a\x80\x81");
        assert_eq!(line.text, "ça€\u{FFFD}");
        let note = line.not_utf8.unwrap();
        assert_eq!((note.column, note.mixed, note.stray.byte, note.stray.count), (3, true, 0x80, 2));
        assert_eq!(note.code(), ENCODING_INVALID);
        // No mark is looked for: the bytes of a UTF-8 mark are the character U+FEFF of a line
        // that is UTF-8 but for its stray bytes; UTF-16's are Windows-1252 like the rest.
        assert_eq!(decode_line(b"\xEF\xBB\xBF\xE9").text, "\u{FEFF}é");
        let line = decode_line(b"\xFE\xFF\xE9");
        assert_eq!(line.text, "þÿé");
        assert_eq!(line.not_utf8.unwrap().code(), ENCODING_ASSUMED);
        assert_eq!(decode_line(b"").text, "");
    }

    #[test]
    fn utf8_with_stray_bytes_keeps_its_utf8() {
        let d = decode(b"title: caf\xC3\xA9\nnote: na\xEFve \x96 x");
        assert_eq!(d.text, "title: café\nnote: naïve – x");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.diagnostics.len(), 1);
        let warning = &d.diagnostics[0];
        assert_eq!(warning.code, ENCODING_INVALID);
        assert_eq!(warning.location, Location::at(2, 9));
        assert!(warning.message.contains("byte 0xEF (read as Windows-1252 \"ï\") at 2:9"), "{}", warning.message);
        assert!(warning.message.contains("1 more stray byte was read likewise"), "{}", warning.message);
        // A cut sequence and an undefined byte: U+FFFD only where Windows-1252 has no character.
        let (text, _) = decode_stray_bytes(b"\xC3\xA9\xE2\x82 \x8D");
        assert_eq!(text, "éâ‚ \u{FFFD}");
        // A consistently single-byte input is still Windows-1252 as a whole.
        let d = decode(b"caf\xE9 \x81");
        assert_eq!(d.text, "café \u{81}");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.diagnostics[0].code, ENCODING_ASSUMED);
        assert!(d.diagnostics[0].message.contains("0xE9 at 1:4"), "{}", d.diagnostics[0].message);
    }

    #[test]
    fn single_bytes_by_encoding() {
        let windows: String = (0x80..=0x9Fu8).map(|b| single_byte_char(b, Encoding::Windows1252)).collect();
        assert_eq!(windows.chars().count(), 32);
        assert!(windows.starts_with('€') && windows.ends_with('Ÿ'));
        assert_eq!(single_byte_char(0x81, Encoding::Windows1252), '\u{81}');
        assert!((0..=255u8).all(|b| single_byte_char(b, Encoding::Latin1) == char::from(b)));
        assert_eq!(single_byte_char(b'a', Encoding::Windows1252), 'a');
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let index = LineIndex::new("a\nb");
        assert_eq!(index.position("a\nb", 99), (2, 2));
    }
}

//! Source text for Crosswalk's readers: turning input bytes into text, and byte offsets into
//! `line:column` positions.
//!
//! Decoding never fails. UTF-8 (with or without BOM) is used as is; UTF-16 is recognised by its
//! BOM; bytes that are not UTF-8 are decoded as Windows-1252 (a superset of Latin-1 for printable
//! text) with a warning, so a legacy export converts and the user learns what was assumed.
//!
//! Line-oriented readers decode each line on its own with [`decode_line`]; streaming decoders
//! map single bytes with [`single_byte_char`]. The modules hold what several readers share
//! beyond decoding: [`xml`] (the encoding an XML document declares), [`json`] (JSON pointers
//! and where they point in the text), [`dates`] (month names, W3CDTF from its parts) and
//! [`message`] (source values shortened and quoted for diagnostics).

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

pub mod dates;
pub mod json;
pub mod json_items;
pub mod message;
pub mod xml;

pub use json_items::{JsonContent, JsonItem, JsonItems, JsonShape, MAX_ITEM_BYTES};

use crosswalk_model::{CodeInfo, Diagnostic, Location, Severity};

/// Code: the input was not UTF-8 and was decoded as another encoding.
pub const ENCODING_ASSUMED: &str = "input.encoding";
/// Code: the input is UTF-16 (recognised by its byte-order mark) and was transcoded.
pub const ENCODING_UTF16: &str = "input.utf16";
/// Code: the input holds bytes that are invalid in its encoding; they became U+FFFD.
pub const ENCODING_INVALID: &str = "input.invalid-bytes";
/// Code: an item of a JSON stream (an element of a top-level array, a line of JSON Lines, a
/// value of a document) is larger than [`MAX_ITEM_BYTES`]; it was skipped, not read.
pub const ITEM_TOO_LARGE: &str = "input.item-too-large";

/// The documentation of [`ITEM_TOO_LARGE`], for the tables of the readers that report it.
pub const ITEM_TOO_LARGE_INFO: CodeInfo = CodeInfo {
    code: ITEM_TOO_LARGE,
    severity: Severity::Error,
    summary: "One item of the JSON input (an array element, a line of JSON Lines) is larger than the 32 MiB an item may have; it was skipped without being read, and the items around it were read. Split the record, or check the input for a value that never ends.",
};

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
        summary: "The input is UTF-16 (it starts with a byte-order mark) and was transcoded to UTF-8.",
    },
    CodeInfo {
        code: ENCODING_INVALID,
        severity: Severity::Warning,
        summary: "The input holds byte sequences that are invalid in its encoding; each was replaced by U+FFFD.",
    },
    ITEM_TOO_LARGE_INFO,
];

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

/// Decodes input bytes: a BOM decides; else UTF-8 when valid; else Windows-1252, reported.
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
        return decode_utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, Encoding::Utf16Be);
    }
    decode_utf8(bytes, declared)
}

fn decode_utf8(bytes: &[u8], declared: Option<Encoding>) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded { text: Cow::Borrowed(text), encoding: Encoding::Utf8, diagnostics: Vec::new() },
        Err(e) => {
            let encoding = match declared {
                Some(Encoding::Latin1) => Encoding::Latin1,
                _ => Encoding::Windows1252,
            };
            let index = LineIndex::from_bytes(bytes);
            let (line, column) = index.position_bytes(bytes, e.valid_up_to());
            let text: String = bytes.iter().map(|&b| single_byte_char(b, encoding)).collect();
            let message = match declared {
                Some(Encoding::Latin1 | Encoding::Windows1252) => {
                    format!("input decoded as its declared encoding {}", encoding.label())
                }
                _ => format!(
                    "input is not valid UTF-8 (first bad byte at {line}:{column}); decoded as {}",
                    encoding.label()
                ),
            };
            let severity = if matches!(declared, Some(Encoding::Latin1 | Encoding::Windows1252)) {
                Severity::Info
            } else {
                Severity::Warning
            };
            Decoded {
                text: Cow::Owned(text),
                encoding,
                diagnostics: vec![Diagnostic::new(severity, ENCODING_ASSUMED, message).at(Location::at(line, column))],
            }
        }
    }
}

/// Decodes UTF-16 (after its byte-order mark). Both diagnostics point into the text: the
/// transcoding at 1:1, invalid sequences at the first of them (an odd byte at the end is one, at
/// the end of the text).
fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Decoded<'static> {
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
    let mut diagnostics = vec![Diagnostic::info(
        ENCODING_UTF16,
        format!("input is {} (byte-order mark); transcoded to UTF-8", encoding.label()),
    )
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

/// Windows-1252's characters for 0x80–0x9F; the rest of the byte range is Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

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
    match (byte, encoding) {
        (0x80..=0x9F, Encoding::Windows1252) => {
            CP1252_HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or_else(|| char::from(byte))
        }
        _ => char::from(byte),
    }
}

/// One line decoded by [`decode_line`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedLine<'a> {
    /// The text of the line (borrowed when it was UTF-8).
    pub text: Cow<'a, str>,
    /// When the line was not UTF-8 (and was decoded as Windows-1252): the 1-based column, in
    /// characters, of its first byte that is not UTF-8.
    pub not_utf8_at: Option<u32>,
}

/// Decodes one line of a line-oriented format: UTF-8 when valid, else Windows-1252, with the
/// column of the first byte that is not UTF-8 so that the reader can report it (once per record,
/// say) in its own words.
///
/// Unlike [`decode`], which works on whole inputs, this looks for no byte-order mark: a line in
/// the middle of a file is no start of one, and a Windows-1252 line may well begin with the bytes
/// of a mark (`ÿþ`, `ï»¿`). Reading lines one by one lets a file that mixes UTF-8 and Latin-1
/// lines (concatenated exports) read correctly.
///
/// ```
/// use crosswalk_text::decode_line;
///
/// assert_eq!(decode_line("AU  - Patiño".as_bytes()).not_utf8_at, None);
/// let line = decode_line(b"AU  - Pati\xF1o \x93x\x94");
/// assert_eq!(line.text, "AU  - Patiño “x”");
/// assert_eq!(line.not_utf8_at, Some(11));
/// assert_eq!(decode_line(b"\xFF\xFE").text, "ÿþ");
/// ```
pub fn decode_line(bytes: &[u8]) -> DecodedLine<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => DecodedLine { text: Cow::Borrowed(text), not_utf8_at: None },
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let column = valid.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
            let text = bytes.iter().map(|&b| single_byte_char(b, Encoding::Windows1252)).collect();
            DecodedLine { text: Cow::Owned(text), not_utf8_at: Some(to_u32(column)) }
        }
    }
}

/// Maps byte offsets in a text to 1-based `line:column` (columns counted in characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// The last position computed (byte offset, 0-based character column): positions asked in
    /// increasing order on one long line (a one-line JSON list of thousands of records) count
    /// characters from there, not from the line's start, which would be quadratic.
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        Self::from_bytes(text.as_bytes())
    }

    fn from_bytes(bytes: &[u8]) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        LineIndex { line_starts, last: std::cell::Cell::new((0, 0)) }
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
        let (last_offset, last_column) = self.last.get();
        let (from, counted) =
            if (start..=offset).contains(&last_offset) { (last_offset, last_column) } else { (start, 0) };
        let chars = |s: &[u8]| s.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        let column = counted + bytes.get(from..offset).map_or(0, chars);
        self.last.set((offset, column));
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// A [`Location`] for byte `offset` in `text`.
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let (line, column) = self.position(text, offset);
        Location::at(line, column)
    }
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
        assert_eq!(decode_line(b"Pati\xC3\xB1o"), DecodedLine { text: Cow::Borrowed("Patiño"), not_utf8_at: None });
        let line = decode_line(b"\xC3\xA7a\x80\x81");
        assert_eq!(line.text, "Ã§a€\u{81}");
        assert_eq!(line.not_utf8_at, Some(3), "after the two characters that are UTF-8");
        assert_eq!(decode_line(b"\xEF\xBB\xBF\xE9").text, "ï»¿é");
        assert_eq!(decode_line(b"\xFE\xFF\xE9").text, "þÿé");
        assert_eq!(decode_line(b"").text, "");
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

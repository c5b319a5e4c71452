//! Lines of RIS input: reading them one at a time from any `BufRead` (UTF-8 with or without a
//! byte-order mark, UTF-16 recognised by its byte-order mark or, without one, by the zero bytes of
//! its first characters, and transcoded as it streams), and
//! telling a tag line from a continuation line. The reader decodes each line on its own (UTF-8,
//! else Windows-1252) with `crosswalk_text::decode_line`.
//!
//! Lines are read into one reused buffer and capped at [`MAX_LINE`] bytes, so neither a large file
//! nor a hostile line without line breaks makes memory grow.

use std::io::{self, BufRead};

use crosswalk_text::{sniff, Encoding, Sniffed};

use crate::tags;

/// The longest line kept, in bytes; the rest of a longer line is skipped and reported.
pub(crate) const MAX_LINE: usize = 1 << 20;

/// One line as read: its bytes (without the line break) and what reading it noticed.
pub(crate) struct RawLine<'b> {
    /// The line's bytes, without `\n` or `\r\n`, and without a UTF-8 byte-order mark.
    pub(crate) bytes: &'b [u8],
    /// True when the line was longer than [`MAX_LINE`] and was cut.
    pub(crate) truncated: bool,
    /// The input's encoding when it is UTF-16.
    pub(crate) utf16: Option<Utf16>,
    /// True when the UTF-16 input starts with a byte-order mark (else its first characters told).
    pub(crate) utf16_marked: bool,
    /// True once the UTF-16 input held invalid sequences (up to this line).
    pub(crate) utf16_invalid: bool,
}

/// The byte order of UTF-16 input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Utf16 {
    /// Little-endian (BOM `FF FE`).
    Le,
    /// Big-endian (BOM `FE FF`).
    Be,
}

/// Reads lines from `input`, one at a time, into a reused buffer.
pub(crate) struct LineSource<R> {
    input: R,
    buffer: Vec<u8>,
    /// Set once the start of the input was checked for a byte-order mark.
    started: bool,
    /// The encoding, when the input is UTF-16.
    pub(crate) utf16: Option<Utf16>,
    /// True when the UTF-16 input starts with a byte-order mark.
    utf16_marked: bool,
    /// Bytes read at the start to look for a byte-order mark that are text: read before the rest
    /// of the input (at most four: the first two characters of UTF-16 without a mark).
    head: Vec<u8>,
    /// True once UTF-16 input held an unpaired surrogate or an odd byte.
    pub(crate) utf16_invalid: bool,
    /// A high surrogate waiting for its pair (UTF-16 only).
    pending_high: Option<u16>,
    /// Set when the last line ended with `\r`: a `\n` right after it belongs to that line end.
    after_cr: bool,
}

impl<R: BufRead> LineSource<R> {
    pub(crate) fn new(input: R) -> Self {
        LineSource {
            input,
            buffer: Vec::new(),
            started: false,
            utf16: None,
            utf16_marked: false,
            head: Vec::new(),
            utf16_invalid: false,
            pending_high: None,
            after_cr: false,
        }
    }

    /// The next line, or `None` at the end of the input.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<RawLine<'_>>> {
        self.buffer.clear();
        if !self.started {
            self.started = true;
            let (utf16, marked, head) = read_start(&mut self.input)?;
            self.utf16 = utf16;
            self.utf16_marked = marked;
            // The start of a mark that was not one is the start of the text; so are the first
            // characters of UTF-16 without a mark.
            self.head = head;
        }
        let (found, truncated) = match self.utf16 {
            Some(order) => self.read_utf16_line(order)?,
            None => self.read_line()?,
        };
        if truncated {
            // The cut may fall inside a UTF-8 character: its first bytes are no text of their own.
            trim_cut_character(&mut self.buffer);
        }
        if !found {
            return Ok(None);
        }
        Ok(Some(RawLine {
            bytes: &self.buffer,
            truncated,
            utf16: self.utf16,
            utf16_marked: self.utf16_marked,
            utf16_invalid: self.utf16_invalid,
        }))
    }

    /// Reads bytes up to a line end (`\n`, `\r\n`, or a lone `\r` as classic Mac OS programs
    /// wrote; consumed, not kept): whether anything was read, and whether the line was cut at
    /// [`MAX_LINE`].
    fn read_line(&mut self) -> io::Result<(bool, bool)> {
        let mut found = false;
        let mut truncated = false;
        loop {
            // Bytes read at the start while looking for a mark come first.
            let from_head = !self.head.is_empty();
            let available: &[u8] = if from_head {
                &self.head
            } else {
                match self.input.fill_buf() {
                    Ok(available) => available,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            if std::mem::take(&mut self.after_cr) && available.first() == Some(&b'\n') {
                consume(&mut self.input, &mut self.head, from_head, 1);
                continue;
            }
            if available.is_empty() {
                return Ok((found, truncated));
            }
            found = true;
            let (chunk, used, done) = match available.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(at) => {
                    self.after_cr = available.get(at) == Some(&b'\r');
                    (available.get(..at).unwrap_or_default(), at + 1, true)
                }
                None => (available, available.len(), false),
            };
            let room = MAX_LINE.saturating_sub(self.buffer.len());
            if chunk.len() > room {
                truncated = true;
            }
            self.buffer.extend_from_slice(chunk.get(..chunk.len().min(room)).unwrap_or_default());
            consume(&mut self.input, &mut self.head, from_head, used);
            if done {
                return Ok((true, truncated));
            }
        }
    }

    /// Reads one UTF-16 code unit, or `None` at the end (an odd last byte is reported).
    fn next_unit(&mut self, order: Utf16) -> io::Result<Option<u16>> {
        let mut pair = [0u8; 2];
        let mut have = 0;
        while have < 2 {
            // The first characters of UTF-16 without a mark were read at the start.
            if !self.head.is_empty() {
                if let Some(slot) = pair.get_mut(have) {
                    *slot = self.head.remove(0);
                }
                have += 1;
                continue;
            }
            let available = match self.input.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let Some(&byte) = available.first() else {
                if have == 1 {
                    self.utf16_invalid = true;
                }
                return Ok(None);
            };
            if let Some(slot) = pair.get_mut(have) {
                *slot = byte;
            }
            have += 1;
            self.input.consume(1);
        }
        Ok(Some(match order {
            Utf16::Le => u16::from_le_bytes(pair),
            Utf16::Be => u16::from_be_bytes(pair),
        }))
    }

    /// Reads a UTF-16 line, transcoding it to UTF-8 in the buffer.
    fn read_utf16_line(&mut self, order: Utf16) -> io::Result<(bool, bool)> {
        let mut found = false;
        let mut truncated = false;
        let mut utf8 = [0u8; 4];
        while let Some(unit) = self.next_unit(order)? {
            found = true;
            let decoded = match (self.pending_high.take(), unit) {
                (Some(high), 0xDC00..=0xDFFF) => {
                    char::decode_utf16([high, unit]).next().and_then(Result::ok).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
                (high, 0xD800..=0xDBFF) => {
                    if high.is_some() {
                        self.utf16_invalid = true;
                        self.push_char(char::REPLACEMENT_CHARACTER, &mut utf8, &mut truncated);
                    }
                    self.pending_high = Some(unit);
                    continue;
                }
                (high, 0xDC00..=0xDFFF) => {
                    if high.is_some() {
                        self.push_char(char::REPLACEMENT_CHARACTER, &mut utf8, &mut truncated);
                    }
                    self.utf16_invalid = true;
                    char::REPLACEMENT_CHARACTER
                }
                (high, _) => {
                    if high.is_some() {
                        self.utf16_invalid = true;
                        self.push_char(char::REPLACEMENT_CHARACTER, &mut utf8, &mut truncated);
                    }
                    char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
            };
            if std::mem::take(&mut self.after_cr) && decoded == '\n' {
                // The LF of a CRLF whose CR ended the last line: this line has not started yet
                // (the CRLF at the end of an input makes no empty line).
                found = false;
                continue;
            }
            if decoded == '\n' || decoded == '\r' {
                self.after_cr = decoded == '\r';
                return Ok((true, truncated));
            }
            self.push_char(decoded, &mut utf8, &mut truncated);
        }
        if self.pending_high.take().is_some() {
            self.utf16_invalid = true;
            self.push_char(char::REPLACEMENT_CHARACTER, &mut utf8, &mut truncated);
        }
        Ok((found, truncated))
    }

    fn push_char(&mut self, c: char, utf8: &mut [u8; 4], truncated: &mut bool) {
        let encoded = c.encode_utf8(utf8).as_bytes();
        if self.buffer.len() + encoded.len() > MAX_LINE {
            *truncated = true;
        } else {
            self.buffer.extend_from_slice(encoded);
        }
    }
}

/// Removes the first bytes of a UTF-8 character that a cut left at the end of `bytes` (a lead byte
/// followed by fewer continuation bytes than it announces). Bytes that are not UTF-8 anyway stay.
fn trim_cut_character(bytes: &mut Vec<u8>) {
    let tail_start = bytes.len().saturating_sub(3);
    let tail = bytes.get(tail_start..).unwrap_or_default();
    // The last lead byte, counted from the end.
    let Some(back) = tail.iter().rev().position(|&b| b & 0xC0 != 0x80) else { return };
    let lead = tail.get(tail.len() - 1 - back).copied().unwrap_or_default();
    let needs = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return,
    };
    if back + 1 < needs {
        bytes.truncate(bytes.len() - 1 - back);
    }
}

/// Consumes `used` bytes of the chunk just read: of `head` when it came from there, else of
/// `input`.
fn consume<R: BufRead>(input: &mut R, head: &mut Vec<u8>, from_head: bool, used: usize) {
    if from_head {
        head.drain(..used.min(head.len()));
    } else {
        input.consume(used);
    }
}

/// Reads the start of `input` a byte at a time (see `crosswalk_text::sniff`), so that a mark split
/// across reads (a pipe, a one-byte buffer) is recognised as when it comes whole: the UTF-16 byte
/// order (if the input is UTF-16), whether a byte-order mark said so, and the bytes read that are
/// text (the start of a mark that was not one, or the first two characters of UTF-16 without a
/// mark). Only bytes that may still be part of a mark are consumed.
fn read_start<R: BufRead>(input: &mut R) -> io::Result<(Option<Utf16>, bool, Vec<u8>)> {
    let mut seen: Vec<u8> = Vec::with_capacity(4);
    loop {
        let next = match input.fill_buf() {
            Ok(available) => available.first().copied(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let Some(byte) = next else { return Ok((None, false, seen)) };
        seen.push(byte);
        match sniff(&seen, false) {
            Sniffed::Undecided => input.consume(1),
            Sniffed::Plain => {
                seen.pop();
                return Ok((None, false, seen));
            }
            Sniffed::Utf8Mark => {
                input.consume(1);
                return Ok((None, false, Vec::new()));
            }
            Sniffed::Utf16 { encoding, marked } => {
                input.consume(1);
                let order = if encoding == Encoding::Utf16Be { Utf16::Be } else { Utf16::Le };
                return Ok((Some(order), marked, if marked { Vec::new() } else { seen }));
            }
        }
    }
}

/// How a line was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Empty or white space only.
    Blank,
    /// A tag line.
    Tag {
        /// The tag, upper case.
        tag: [u8; 2],
        /// Where the value starts (a byte offset into the line).
        value_start: usize,
        /// True when the tag was not written as `XX  - ` (other spacing, lower case).
        irregular: bool,
    },
    /// A line without a tag: a continuation of the previous value, or stray text.
    Text,
}

/// Tells what a decoded line is.
///
/// The standard form is two characters (`A`–`Z`, then `A`–`Z` or `0`–`9`), two spaces, `-`, a
/// space, the value. Exporters also write `TY -  BOOK`, `TY - JOUR` or `ER  -`: a *known* tag in
/// upper case with other spacing around the dash is read too, and so is a known tag in lower case
/// in the standard spacing. Anything else is text, so that a continuation line such as
/// `US - based studies` is not taken for a tag.
pub(crate) fn classify(line: &str) -> LineKind {
    let bytes = line.as_bytes();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return LineKind::Blank;
    }
    let (Some(&first), Some(&second)) = (bytes.first(), bytes.get(1)) else { return LineKind::Text };
    if !first.is_ascii_alphabetic() || !second.is_ascii_alphanumeric() {
        return LineKind::Text;
    }
    let upper = [first.to_ascii_uppercase(), second.to_ascii_uppercase()];
    let lower_case = upper != [first, second];
    let known = tags::lookup_bytes(upper).is_some();
    let rest = bytes.get(2..).unwrap_or_default();
    let standard = rest.starts_with(b"  -") && matches!(rest.get(3), None | Some(b' '));
    if standard {
        if lower_case && !known {
            return LineKind::Text;
        }
        let value_start = (6).min(bytes.len());
        return LineKind::Tag { tag: upper, value_start, irregular: lower_case };
    }
    if lower_case || !known {
        return LineKind::Text;
    }
    let spaces = rest.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    if spaces > 4 || rest.get(spaces) != Some(&b'-') {
        return LineKind::Text;
    }
    let after_dash = rest.get(spaces + 1..).unwrap_or_default();
    if !matches!(after_dash.first(), None | Some(b' ' | b'\t')) {
        return LineKind::Text;
    }
    let gap = after_dash.iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
    LineKind::Tag { tag: upper, value_start: 2 + spaces + 1 + gap, irregular: true }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(line: &str) -> Option<(String, String, bool)> {
        match classify(line) {
            LineKind::Tag { tag, value_start, irregular } => Some((
                String::from_utf8_lossy(&tag).into_owned(),
                line.get(value_start..).unwrap_or("").to_owned(),
                irregular,
            )),
            _ => None,
        }
    }

    #[test]
    fn standard_and_irregular_tags() {
        assert_eq!(tag("TY  - JOUR"), Some(("TY".into(), "JOUR".into(), false)));
        assert_eq!(tag("ER  - "), Some(("ER".into(), "".into(), false)));
        assert_eq!(tag("ER  -"), Some(("ER".into(), "".into(), false)));
        assert_eq!(tag("XY  - unknown but standard"), Some(("XY".into(), "unknown but standard".into(), false)));
        assert_eq!(tag("TY -  BOOK"), Some(("TY".into(), "BOOK".into(), true)));
        assert_eq!(tag("TY - JOUR"), Some(("TY".into(), "JOUR".into(), true)));
        assert_eq!(tag("AU-  Smith"), Some(("AU".into(), "Smith".into(), true)));
        assert_eq!(tag("ty  - jour"), Some(("TY".into(), "jour".into(), true)));
        assert_eq!(tag("A1  - x"), Some(("A1".into(), "x".into(), false)));
    }

    #[test]
    fn text_that_looks_a_little_like_a_tag() {
        for line in
            ["US - based studies", "us  - based", "Total Times Cited:  49", "   Methods", "AB  -x", "1A  - x", "T"]
        {
            assert_eq!(classify(line), LineKind::Text, "{line:?}");
        }
        assert_eq!(classify("  \t"), LineKind::Blank);
        assert_eq!(classify(""), LineKind::Blank);
    }

    fn lines(input: &[u8]) -> Vec<String> {
        let mut source = LineSource::new(input);
        let mut out = Vec::new();
        while let Some(line) = source.next_line().unwrap() {
            out.push(String::from_utf8_lossy(line.bytes).into_owned());
        }
        out
    }

    #[test]
    fn line_ends_and_byte_order_marks() {
        assert_eq!(lines(b"\xEF\xBB\xBFTY  - JOUR\r\nER  - \r\n"), ["TY  - JOUR", "ER  - "]);
        assert_eq!(lines(b"a\nb"), ["a", "b"]);
        assert_eq!(lines(b"a\n\n"), ["a", ""]);
        assert_eq!(lines(b"a\rb\r\nc\r"), ["a", "b", "c"]);
        assert_eq!(lines(b"a\r\r\nb"), ["a", "", "b"]);
        assert!(lines(b"").is_empty());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("TY  - JOUR\r\nTI  - 𝔄é\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(lines(&utf16), ["TY  - JOUR", "TI  - 𝔄é"]);
        let utf16: Vec<u8> = [0xFE, 0xFF].into_iter().chain("x\ny".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(lines(&utf16), ["x", "y"]);
    }

    #[test]
    fn utf16_without_a_mark_and_text_read_while_looking_for_one() {
        let le: Vec<u8> = "TY  - JOUR\r\nTI  - é\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "TY  - JOUR\nER  - ".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for capacity in [1, 2, 3, 64] {
            let (lines, order) = lines_through(&le, capacity);
            assert_eq!((lines, order), (vec![b"TY  - JOUR".to_vec(), "TI  - é".as_bytes().to_vec()], Some(Utf16::Le)));
            let (lines, order) = lines_through(&be, capacity);
            assert_eq!((lines, order), (vec![b"TY  - JOUR".to_vec(), b"ER  - ".to_vec()], Some(Utf16::Be)));
            // Line ends among the bytes read while looking: lines of their own.
            let (lines, order) = lines_through(b"\n\0\r\x01\n", capacity);
            assert_eq!((lines, order), (vec![b"".to_vec(), b"\0".to_vec(), b"\x01".to_vec()], None));
        }
    }

    #[test]
    fn broken_utf16_is_replaced() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&u16::from(b'x').to_le_bytes());
        bytes.push(0x41);
        let mut source = LineSource::new(&bytes[..]);
        let line = source.next_line().unwrap().map(|l| String::from_utf8_lossy(l.bytes).into_owned());
        assert_eq!(line.as_deref(), Some("\u{FFFD}x"));
        assert!(source.utf16_invalid);
    }

    fn lines_through(input: &[u8], capacity: usize) -> (Vec<Vec<u8>>, Option<Utf16>) {
        let mut source = LineSource::new(std::io::BufReader::with_capacity(capacity, input));
        let mut out = Vec::new();
        while let Some(line) = source.next_line().unwrap() {
            out.push(line.bytes.to_vec());
        }
        (out, source.utf16)
    }

    #[test]
    fn byte_order_marks_split_across_reads() {
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a\nb".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        type Case<'a> = (&'a [u8], &'a [&'a [u8]], Option<Utf16>);
        let cases: [Case<'_>; 9] = [
            (b"\xEF\xBB\xBFTY  - JOUR\n", &[b"TY  - JOUR"], None),
            (&utf16, &[b"a", b"b"], Some(Utf16::Le)),
            (b"\xFE\xFF\0x", &[b"x"], Some(Utf16::Be)),
            // Starts of a mark that are not one stay in the first line.
            (b"\xEF\xBBx\ny", &[b"\xEF\xBBx", b"y"], None),
            (b"\xEF\n", &[b"\xEF"], None),
            (b"\xEF\xBB", &[b"\xEF\xBB"], None),
            (b"\xFF", &[b"\xFF"], None),
            (b"\xFEx\r\ny", &[b"\xFEx", b"y"], None),
            (b"\xEF\xBB\xBF", &[], None),
        ];
        for (input, expected, utf16) in cases {
            for capacity in [1, 2, 3, 64] {
                let (lines, order) = lines_through(input, capacity);
                assert_eq!(lines, expected, "{input:?} through {capacity} bytes");
                assert_eq!(order, utf16, "{input:?} through {capacity} bytes");
            }
        }
    }

    #[test]
    fn long_lines_are_cut() {
        let mut input = vec![b'a'; MAX_LINE + 10];
        input.extend_from_slice(b"\nnext\n");
        let mut source = LineSource::new(&input[..]);
        let first = source.next_line().unwrap().unwrap();
        assert!(first.truncated);
        assert_eq!(first.bytes.len(), MAX_LINE);
        let second = source.next_line().unwrap().unwrap();
        assert_eq!(second.bytes, b"next");
    }

    #[test]
    fn a_cut_never_leaves_part_of_a_character() {
        // `é` (two bytes) straddles the cut: it goes whole.
        let mut input = vec![b'a'; MAX_LINE - 1];
        input.extend_from_slice("é tail\n".as_bytes());
        let mut source = LineSource::new(&input[..]);
        let first = source.next_line().unwrap().unwrap();
        assert!(first.truncated);
        assert_eq!(first.bytes.len(), MAX_LINE - 1);
        let mut bytes = b"ab\xE2\x82".to_vec();
        trim_cut_character(&mut bytes);
        assert_eq!(bytes, b"ab");
        for whole in [&b"ab\xE2\x82\xAC"[..], b"ab\xC3\xA9", b"ab\x82\x82\x82\x82"] {
            let mut bytes = whole.to_vec();
            trim_cut_character(&mut bytes);
            assert_eq!(bytes, whole);
        }
    }
}

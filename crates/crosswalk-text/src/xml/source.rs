//! An XML input as UTF-8 for a streaming tokenizer, read in chunks, with the line and column of
//! what has been consumed: [`Utf8Source`], shared by the streaming XML readers (Crossref XML,
//! Dublin Core and OAI-PMH), so that they decode bytes by one rule.
//!
//! The tokenizer (quick-xml) accepts UTF-8 only and fails on the first invalid byte, so this
//! adapter turns whatever arrives into UTF-8 first: UTF-8 passes through (a byte-order mark is
//! dropped), UTF-16 is recognised by its byte-order mark or by `<?` in its first two units and
//! transcoded, an XML declaration naming ISO-8859-1 or Windows-1252 makes every byte one
//! character, and a stray byte that is not valid UTF-8 in UTF-8 input is read on its own
//! (`crosswalk_text::stray_byte_char`: its Windows-1252 character, or U+FFFD), the UTF-8 around it
//! kept. Each of these assumptions is reported at the position it is about (1:1 for the input as
//! a whole; stray bytes at the first of each line that holds any, which the reader reduces to the
//! first of each record); the reader takes each report when the tokenizer has passed its
//! position, so that it goes to the record it is about however far ahead the conversion ran.
//!
//! The tokenizer consumes exactly the bytes of each event, so the adapter's count of consumed
//! lines and characters after one event is the position where the next one starts.

use std::io::{self, BufRead, Read};

use super::{declared_encoding, utf16_without_bom};
use crate::{
    single_byte_char, stray_byte_char, Encoding, StrayByte, ENCODING_ASSUMED, ENCODING_INVALID, ENCODING_UTF16,
};
use crosswalk_model::{Diagnostic, Location};

/// How many bytes are converted at a time.
const CHUNK: usize = 64 * 1024;

/// How the input bytes become UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Utf8,
    Utf16 { little_endian: bool },
    SingleByte(Encoding),
}

/// A `BufRead` of UTF-8 over any input, counting lines and characters as they are consumed.
///
/// ```
/// use std::io::Read;
/// use crosswalk_text::xml::Utf8Source;
///
/// let mut source = Utf8Source::new(&b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>\xE9</a>"[..]);
/// let mut text = String::new();
/// source.read_to_string(&mut text).unwrap();
/// assert!(text.ends_with("<a>\u{e9}</a>"));
/// assert_eq!(source.position(), (2, 9));
/// // What was assumed: the declared encoding.
/// assert_eq!(source.take_diagnostics(None)[0].code, "input.encoding");
/// ```
pub struct Utf8Source<R> {
    inner: R,
    mode: Option<Mode>,
    out: Vec<u8>,
    pos: usize,
    carry: Vec<u8>,
    line: u32,
    column: u32,
    invalid_reported: bool,
    /// The line of the last stray byte reported (0: none yet): one report per line at most.
    stray_line: u32,
    /// True once valid UTF-8 beyond ASCII was met: stray bytes after it are UTF-8 text's
    /// (`input.invalid-bytes`); before it, the input looks single-byte (`input.encoding`), as
    /// `crosswalk_text::decode` tells the two apart for a whole input.
    seen_multibyte: bool,
    /// How far into `out` the position `marked` was counted (so that positions in `out` are
    /// counted once, however many stray bytes a chunk holds).
    marked_at: usize,
    /// The line and column at `out[marked_at]`.
    marked: (u32, u32),
    /// What the conversion assumed or replaced, each at the position it is about, in order;
    /// taken by the reader with [`Utf8Source::take_diagnostics`].
    diagnostics: Vec<Diagnostic>,
    /// Bytes of converted text consumed so far.
    consumed: u64,
    /// Where the text ends early ([`Utf8Source::stop_at`]), as a count of consumed bytes.
    stop_at: u64,
    /// Set when the text was ended early at [`Self::stop_at`].
    capped: bool,
}

impl<R: BufRead> Utf8Source<R> {
    /// Wraps `inner`; nothing is read until the tokenizer asks.
    pub fn new(inner: R) -> Self {
        Utf8Source {
            inner,
            mode: None,
            out: Vec::new(),
            pos: 0,
            carry: Vec::new(),
            line: 1,
            column: 1,
            invalid_reported: false,
            stray_line: 0,
            seen_multibyte: false,
            marked_at: 0,
            marked: (1, 1),
            diagnostics: Vec::new(),
            consumed: 0,
            stop_at: u64::MAX,
            capped: false,
        }
    }

    /// How many bytes of converted text were consumed so far.
    pub fn consumed(&self) -> u64 {
        self.consumed
    }

    /// Makes the text end (as if the input ended) once `at` bytes of it have been consumed, so
    /// that the tokenizer cannot buffer more of one event (the reader's cap on a work); whether
    /// that happened is [`Self::capped`].
    pub fn stop_at(&mut self, at: u64) {
        self.stop_at = at;
    }

    /// True once the text was ended early by [`Self::stop_at`].
    pub fn capped(&self) -> bool {
        self.capped
    }

    /// The 1-based line and column (in characters) of the next unconsumed byte.
    pub fn position(&self) -> (u32, u32) {
        (self.line, self.column)
    }

    /// Takes the diagnostics about what lies before `line:column` (all of them with `None`), in
    /// order, leaving those about what the tokenizer has not reached yet.
    ///
    /// Input is converted ahead of the tokenizer, as far ahead as the underlying reader's buffer
    /// reaches; taking only what lies before the tokenizer's position gives each diagnostic to
    /// the event (so to the record) its position falls in, whatever the buffering.
    pub fn take_diagnostics(&mut self, before: Option<(u32, u32)>) -> Vec<Diagnostic> {
        if self.diagnostics.is_empty() {
            return Vec::new();
        }
        let count = match before {
            None => self.diagnostics.len(),
            Some(end) => self
                .diagnostics
                .iter()
                .position(|d| (d.location.line.unwrap_or(1), d.location.column.unwrap_or(1)) >= end)
                .unwrap_or(self.diagnostics.len()),
        };
        if count == self.diagnostics.len() {
            std::mem::take(&mut self.diagnostics)
        } else {
            self.diagnostics.drain(..count).collect()
        }
    }

    /// Decides how to read the input from its first bytes.
    fn sniff(&mut self) -> io::Result<Mode> {
        let mut head = std::mem::take(&mut self.carry);
        while head.len() < 256 {
            let available = self.inner.fill_buf()?;
            if available.is_empty() {
                break;
            }
            let chunk = available.get(..256 - head.len()).unwrap_or(available);
            head.extend_from_slice(chunk);
            let take = chunk.len();
            self.inner.consume(take);
        }
        let (mode, skip) = match head.get(..4) {
            Some([0xEF, 0xBB, 0xBF, _]) => (Mode::Utf8, 3),
            Some([0xFF, 0xFE, _, _]) => (Mode::Utf16 { little_endian: true }, 2),
            Some([0xFE, 0xFF, _, _]) => (Mode::Utf16 { little_endian: false }, 2),
            _ if head.starts_with(&[0xEF, 0xBB, 0xBF]) => (Mode::Utf8, 3),
            _ => match utf16_without_bom(&head) {
                Some(encoding) => (Mode::Utf16 { little_endian: encoding == Encoding::Utf16Le }, 0),
                None => (self.declared_mode(&head), 0),
            },
        };
        if let Mode::Utf16 { little_endian } = mode {
            let label = if little_endian { "UTF-16LE" } else { "UTF-16BE" };
            self.diagnostics.push(
                Diagnostic::info(ENCODING_UTF16, format!("input is {label}; transcoded to UTF-8"))
                    .at(Location::at(1, 1)),
            );
        }
        self.carry = head.get(skip..).unwrap_or_default().to_vec();
        Ok(mode)
    }

    /// UTF-8, or the single-byte encoding the XML declaration names (reported either way when
    /// the declaration names something else).
    fn declared_mode(&mut self, head: &[u8]) -> Mode {
        let Some(label) = declared_encoding(head) else { return Mode::Utf8 };
        match Encoding::from_label(label) {
            Some(Encoding::Utf8) => Mode::Utf8,
            Some(encoding @ (Encoding::Latin1 | Encoding::Windows1252)) => {
                self.diagnostics.push(
                    Diagnostic::info(ENCODING_ASSUMED, format!("input decoded as its declared encoding {label}"))
                        .at(Location::at(1, 1)),
                );
                Mode::SingleByte(encoding)
            }
            _ => {
                self.diagnostics.push(
                    Diagnostic::warning(
                        ENCODING_ASSUMED,
                        format!("the declared encoding {label:?} is not supported; the input is read as UTF-8"),
                    )
                    .at(Location::at(1, 1)),
                );
                Mode::Utf8
            }
        }
    }

    /// Converts the next chunk of input into `out`; `out` stays empty only at the end.
    fn refill(&mut self) -> io::Result<()> {
        let mode = match self.mode {
            Some(mode) => mode,
            None => {
                let mode = self.sniff()?;
                self.mode = Some(mode);
                mode
            }
        };
        self.out.clear();
        self.pos = 0;
        // Everything before `out` has been consumed: its start is the consumed position.
        self.marked_at = 0;
        self.marked = (self.line, self.column);
        loop {
            let mut pending = std::mem::take(&mut self.carry);
            let available = self.inner.fill_buf()?;
            let chunk = available.get(..CHUNK).unwrap_or(available);
            pending.extend_from_slice(chunk);
            let take = chunk.len();
            self.inner.consume(take);
            let at_end = take == 0;
            if pending.is_empty() {
                return Ok(());
            }
            match mode {
                Mode::Utf8 => self.convert_utf8(&pending, at_end),
                Mode::Utf16 { little_endian } => self.convert_utf16(&pending, little_endian, at_end),
                Mode::SingleByte(encoding) => {
                    for &b in &pending {
                        push_char(&mut self.out, single_byte_char(b, encoding));
                    }
                }
            }
            if !self.out.is_empty() || at_end {
                return Ok(());
            }
        }
    }

    fn convert_utf8(&mut self, mut rest: &[u8], at_end: bool) {
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.seen_multibyte |= !text.is_ascii();
                    self.out.extend_from_slice(text.as_bytes());
                    return;
                }
                Err(error) => {
                    let (valid, tail) = rest.split_at(error.valid_up_to());
                    self.seen_multibyte |= !valid.is_ascii();
                    self.out.extend_from_slice(valid);
                    let bad_len = match error.error_len() {
                        Some(len) => len,
                        // An incomplete sequence at the end of the chunk: wait for the next one.
                        None if !at_end => {
                            self.carry = tail.to_vec();
                            return;
                        }
                        None => tail.len(),
                    };
                    let (bad, after) = tail.split_at(bad_len.min(tail.len()));
                    if let Some(&byte) = bad.first() {
                        self.report_stray_byte(byte);
                    }
                    for &b in bad {
                        push_char(&mut self.out, stray_byte_char(b));
                    }
                    rest = after;
                }
            }
        }
    }

    /// Reports a stray byte about to be converted at the end of `out`, unless one was reported on
    /// its line already.
    fn report_stray_byte(&mut self, byte: u8) {
        let written = self.out.get(self.marked_at..).unwrap_or_default();
        self.marked = advance(self.marked.0, self.marked.1, written);
        self.marked_at = self.out.len();
        let (line, column) = self.marked;
        if line == self.stray_line {
            return;
        }
        self.stray_line = line;
        let stray = StrayByte { offset: 0, byte, count: 1 }.describe();
        let (code, message) = if self.seen_multibyte {
            (
                ENCODING_INVALID,
                format!("{stray} at {line}:{column} is not UTF-8; the UTF-8 around it was kept (later stray bytes of this work likewise)"),
            )
        } else {
            (
                ENCODING_ASSUMED,
                format!("{stray} at {line}:{column} is not UTF-8, and no UTF-8 beyond ASCII came before it; such bytes are read as Windows-1252 (later ones of this work likewise)"),
            )
        };
        // The message starts with the byte (`byte 0x…`): the reader keeps the first per record.
        self.diagnostics.push(Diagnostic::warning(code, message).at(Location::at(line, column)));
    }

    fn convert_utf16(&mut self, bytes: &[u8], little_endian: bool, at_end: bool) {
        let pairs = bytes.len() / 2;
        let mut units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| match pair {
                [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            })
            .collect();
        let mut keep_from = pairs * 2;
        // A high surrogate at the end of the chunk pairs with the first unit of the next one.
        if !at_end && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            keep_from -= 2;
        }
        // Where in `out` the first invalid sequence went.
        let mut invalid: Option<usize> = None;
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or_else(|_| {
                invalid.get_or_insert(self.out.len());
                char::REPLACEMENT_CHARACTER
            });
            push_char(&mut self.out, c);
        }
        let tail = bytes.get(keep_from..).unwrap_or_default();
        if at_end && !tail.is_empty() {
            invalid.get_or_insert(self.out.len());
        } else {
            self.carry = tail.to_vec();
        }
        if let Some(at) = invalid.filter(|_| !self.invalid_reported) {
            self.invalid_reported = true;
            let (line, column) = advance(self.line, self.column, self.out.get(..at).unwrap_or_default());
            self.diagnostics.push(
                Diagnostic::warning(ENCODING_INVALID, "invalid UTF-16 sequences were replaced by U+FFFD")
                    .at(Location::at(line, column)),
            );
        }
    }
}

impl<R: BufRead> Read for Utf8Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Reading from a byte slice copies as much as fits and cannot fail.
        let mut available = self.fill_buf()?;
        let n = available.read(buf)?;
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Utf8Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.out.len() {
            self.refill()?;
        }
        let available = self.out.get(self.pos..).unwrap_or_default();
        let room = usize::try_from(self.stop_at.saturating_sub(self.consumed)).unwrap_or(usize::MAX);
        if room == 0 && !available.is_empty() {
            self.capped = true;
        }
        Ok(available.get(..room).unwrap_or(available))
    }

    fn consume(&mut self, amount: usize) {
        let end = (self.pos + amount).min(self.out.len());
        let consumed = self.out.get(self.pos..end).unwrap_or_default();
        (self.line, self.column) = advance(self.line, self.column, consumed);
        self.consumed = self.consumed.saturating_add(consumed.len() as u64);
        self.pos = end;
    }
}

/// The position after `bytes` (UTF-8), starting from `line:column`.
fn advance(mut line: u32, mut column: u32, bytes: &[u8]) -> (u32, u32) {
    for &b in bytes {
        if b == b'\n' {
            line = line.saturating_add(1);
            column = 1;
        } else if b & 0xC0 != 0x80 {
            column = column.saturating_add(1);
        }
    }
    (line, column)
}

fn push_char(out: &mut Vec<u8>, c: char) {
    let mut utf8 = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> (String, Vec<Diagnostic>) {
        let mut source = Utf8Source::new(bytes);
        let mut text = String::new();
        source.read_to_string(&mut text).unwrap();
        (text, source.diagnostics)
    }

    #[test]
    fn utf8_passes_through_and_counts_positions() {
        let mut source = Utf8Source::new(&b"\xEF\xBB\xBFab\n\xC3\xA7d"[..]);
        let available = source.fill_buf().unwrap().to_vec();
        assert_eq!(available, "ab\nçd".as_bytes());
        source.consume(5);
        assert_eq!(source.position(), (2, 2));
    }

    #[test]
    fn stray_bytes_are_read_on_their_own_and_reported_once_per_line() {
        let (text, diagnostics) = read_all(b"<a>Pati\xF1o \x93x\x94 caf\xC3\xA9 \x81</a>\n<b>\xE9</b>");
        assert_eq!(text, "<a>Pati\u{f1}o \u{201c}x\u{201d} café \u{FFFD}</a>\n<b>é</b>");
        let found: Vec<_> = diagnostics.iter().map(|d| (d.code.as_ref(), d.location.clone())).collect();
        // Before the first UTF-8 beyond ASCII, the input looks single-byte; after it, UTF-8.
        assert_eq!(found, [(ENCODING_ASSUMED, Location::at(1, 8)), (ENCODING_INVALID, Location::at(2, 4))]);
        assert!(
            diagnostics[0].message.contains("byte 0xF1 (read as Windows-1252 \"ñ\")"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn declared_latin1_and_utf16() {
        let (text, diagnostics) = read_all(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xE9</a>");
        assert!(text.ends_with("<a>\u{e9}</a>"));
        assert_eq!(diagnostics[0].code, ENCODING_ASSUMED);
        let bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a>é𝄞</a>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(read_all(&bytes).0, "<a>é𝄞</a>");
    }

    #[test]
    fn diagnostics_are_taken_once_the_tokenizer_passes_their_position() {
        let mut source = Utf8Source::new(&b"<a>x</a>\n<b>\xE9</b>"[..]);
        // One read converts the whole input, the bad byte (at 2:4) with it.
        assert_eq!(source.fill_buf().unwrap().len(), 18);
        assert!(source.take_diagnostics(Some((1, 1))).is_empty());
        assert!(source.take_diagnostics(Some((2, 4))).is_empty());
        let taken = source.take_diagnostics(Some((2, 5)));
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].location, Location::at(2, 4));
        assert!(source.take_diagnostics(None).is_empty());
        // `None` takes everything, the reports at 1:1 first.
        let mut source = Utf8Source::new(&b"<?xml version=\"1.0\" encoding=\"KOI8-R\"?><a>\xE9</a>"[..]);
        source.fill_buf().unwrap();
        let taken = source.take_diagnostics(None);
        assert_eq!(
            taken.iter().map(|d| d.location.clone()).collect::<Vec<_>>(),
            [Location::at(1, 1), Location::at(1, 43)]
        );
    }

    #[test]
    fn invalid_utf16_is_reported_where_it_is() {
        let mut bytes: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a>\nxy".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        bytes.extend_from_slice(&0xDC00u16.to_le_bytes());
        bytes.extend(" and more text".encode_utf16().flat_map(u16::to_le_bytes));
        let (text, diagnostics) = read_all(&bytes);
        assert_eq!(text, "<a>\nxy\u{FFFD} and more text");
        assert_eq!(diagnostics[1].code, ENCODING_INVALID);
        assert_eq!(diagnostics[1].location, Location::at(2, 3));
        // An odd byte at the end: after the last character.
        let mut odd: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<a/>".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        odd.push(b'x');
        assert_eq!(read_all(&odd).1[1].location, Location::at(1, 5));
    }

    #[test]
    fn chunk_boundaries_inside_sequences() {
        let text = "é".repeat(CHUNK);
        let reader = io::BufReader::with_capacity(7, text.as_bytes());
        let mut source = Utf8Source::new(reader);
        let mut out = String::new();
        source.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert!(source.diagnostics.is_empty());
    }
}

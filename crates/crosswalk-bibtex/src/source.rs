//! Input bytes to text, one line at a time, so that reading a catalog holds one line (and the
//! entry being read) in memory rather than the file.
//!
//! A UTF-8 byte-order mark is skipped. A line that is not valid UTF-8 is decoded as
//! Windows-1252 (a superset of Latin-1 for printable text), or, when it holds valid multi-byte
//! UTF-8 too, keeps that and has only its stray bytes decoded on their own
//! (`crosswalk_text::decode_line`); it is remembered, so that the record holding it gets a
//! warning (`input.encoding` or `input.invalid-bytes`); lines are decoded one by one, so a file that
//! mixes UTF-8 and Latin-1 lines (concatenated exports) reads correctly. UTF-16 input,
//! recognised by its byte-order mark or, without one, by the zero bytes of its first characters,
//! is the exception: it is read whole and transcoded first.
//!
//! Lines end at LF, CRLF, or a lone CR, as classic Mac OS programs (and old JabRef files, whose
//! first line is a `% Encoding:` comment) wrote them; every line is handed out ending in LF.
//!
//! A line longer than [`LINE_CHUNK`] is handed out in pieces of at most that size (cut between
//! characters, the last piece ending in LF), so that a file without line ends (one minified line,
//! or endless bytes) is never held whole: the scanner caps what it keeps of an item
//! ([`crate::MAX_ENTRY_BYTES`]). UTF-16 input, read whole, is read up to
//! [`crate::MAX_UTF16_BYTES`].

use std::collections::VecDeque;
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location};
use crosswalk_text::{decode, decode_line, sniff, NotUtf8, Sniffed};

/// Where the text comes from.
enum Input<R> {
    /// Bytes read line by line.
    Stream(R),
    /// Text decoded whole (UTF-16 input), handed out line by line.
    Whole { text: String, pos: usize },
}

/// A line source over a reader.
pub(crate) struct Source<R> {
    input: Input<R>,
    started: bool,
    done: bool,
    /// Lines handed out so far.
    line: u32,
    bytes: Vec<u8>,
    /// Lines that were not UTF-8 (line, what decoding met), oldest first.
    redecoded: VecDeque<(u32, NotUtf8)>,
    /// Diagnostics about the whole input (UTF-16, read errors), not yet claimed by a record.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Lines handed back to be handed out again (see [`Source::unread`]), and how far.
    replay: String,
    replay_pos: usize,
    /// Bytes read at the start to look for a byte-order mark that turned out to be text: they
    /// are read before the rest of the input (at most three).
    head: Vec<u8>,
    /// The last line ended with CR: an LF right after it belongs to the same line end.
    after_cr: bool,
    /// The characters of the current line handed out so far in earlier pieces (a line longer
    /// than [`LINE_CHUNK`]), for the column of a bad byte in a later piece.
    chars_before: u32,
    /// Whether the last piece handed out starts a line (not a later piece of a long line).
    started_line: bool,
}

/// Code: reading the input failed.
pub const READ_ERROR: &str = "bibtex.read-error";
/// Code: UTF-16 input larger than [`crate::MAX_UTF16_BYTES`]; only that much was read.
pub const UTF16_TOO_LARGE: &str = "bibtex.utf16-too-large";

/// The longest piece of a line handed out at once (see the module notes).
pub(crate) const LINE_CHUNK: usize = 64 * 1024;

impl<R: BufRead> Source<R> {
    pub(crate) fn new(input: R) -> Self {
        Source {
            input: Input::Stream(input),
            started: false,
            done: false,
            line: 0,
            bytes: Vec::new(),
            redecoded: VecDeque::new(),
            diagnostics: Vec::new(),
            replay: String::new(),
            replay_pos: 0,
            head: Vec::new(),
            after_cr: false,
            chars_before: 0,
            started_line: true,
        }
    }

    /// Hands back lines already handed out, `text` (whole lines, the first of them line
    /// `first_line`), to be handed out again before the rest of the input.
    pub(crate) fn unread(&mut self, text: String, first_line: u32) {
        let mut text = text;
        if let Some(rest) = self.replay.get(self.replay_pos..) {
            text.push_str(rest);
        }
        self.replay = text;
        self.replay_pos = 0;
        self.line = first_line.saturating_sub(1);
    }

    /// True when the last piece [`Self::read_line`] handed out starts a line, false for a later
    /// piece of a line longer than [`LINE_CHUNK`].
    pub(crate) fn started_line(&self) -> bool {
        self.started_line
    }

    /// Appends the next line (with its line end) to `buf`, or the next piece of a line longer than
    /// [`LINE_CHUNK`] (without a line end); false at the end of the input.
    pub(crate) fn read_line(&mut self, buf: &mut String) -> bool {
        self.started_line = self.chars_before == 0;
        if let Some(rest) = self.replay.get(self.replay_pos..).filter(|rest| !rest.is_empty()) {
            let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
            buf.push_str(rest.get(..end).unwrap_or_default());
            self.replay_pos += end;
            if self.replay_pos >= self.replay.len() {
                self.replay = String::new();
                self.replay_pos = 0;
            }
            self.line = self.line.saturating_add(1);
            return true;
        }
        if self.done {
            return false;
        }
        if !self.started {
            self.started = true;
            self.start();
        }
        let more = match &mut self.input {
            Input::Whole { text, pos } => match text.get(*pos..).filter(|rest| !rest.is_empty()) {
                Some(rest) => {
                    match rest.find(['\n', '\r']) {
                        Some(at) => {
                            buf.push_str(rest.get(..at).unwrap_or_default());
                            buf.push('\n');
                            let ending = if rest.get(at..).is_some_and(|r| r.starts_with("\r\n")) { 2 } else { 1 };
                            *pos += at + ending;
                        }
                        None => {
                            buf.push_str(rest);
                            *pos += rest.len();
                        }
                    }
                    true
                }
                None => false,
            },
            Input::Stream(reader) => {
                let read = read_line_bytes(reader, &mut self.head, &mut self.after_cr, &mut self.bytes);
                let more = match read {
                    Ok(None) => false,
                    Ok(Some(piece)) => {
                        let line = self.line.saturating_add(1);
                        let cut_character = match piece {
                            Piece::Part => self.bytes.split_off(self.bytes.len() - incomplete_tail(&self.bytes)),
                            Piece::Ended | Piece::Last => Vec::new(),
                        };
                        let decoded = decode_line(&self.bytes);
                        if let Some(mut note) = decoded.not_utf8 {
                            // Only the first bad byte of a line is reported.
                            if self.redecoded.back().is_none_or(|&(last, _)| last != line) {
                                note.column = note.column.saturating_add(self.chars_before);
                                self.redecoded.push_back((line, note));
                            }
                        }
                        buf.push_str(&decoded.text);
                        match piece {
                            Piece::Ended => buf.push('\n'),
                            Piece::Last => {}
                            Piece::Part => {
                                // More of the same line follows: it is not counted yet, and a
                                // character cut in two goes on with it.
                                let chars = decoded.text.chars().count();
                                self.chars_before =
                                    self.chars_before.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
                                self.bytes = cut_character;
                                return true;
                            }
                        }
                        self.chars_before = 0;
                        true
                    }
                    Err(error) => {
                        self.diagnostics.push(
                            Diagnostic::error(
                                READ_ERROR,
                                format!("reading the input failed after line {}: {error}", self.line),
                            )
                            .at(Location::at(self.line.max(1), 1)),
                        );
                        false
                    }
                };
                self.bytes.clear();
                more
            }
        };
        if more {
            self.line = self.line.saturating_add(1);
        } else {
            self.done = true;
        }
        more
    }

    /// How many lines were handed out so far.
    pub(crate) fn lines_read(&self) -> u32 {
        self.line
    }

    /// Looks at the first bytes: skips a UTF-8 BOM, reads UTF-16 (with a BOM, or told by the zero
    /// bytes of its first characters) whole.
    ///
    /// The first bytes are read one at a time, so that a mark split across reads (a pipe, a
    /// one-byte buffer) is recognised as when it comes whole. Only bytes that may still be part of
    /// a mark (or of UTF-16's first characters) are consumed; when they turn out not to be one,
    /// they are the start of the text.
    fn start(&mut self) {
        let Input::Stream(reader) = &mut self.input else { return };
        let mut seen: Vec<u8> = Vec::with_capacity(4);
        let utf16 = loop {
            let next = match reader.fill_buf() {
                Ok(available) => available.first().copied(),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                // Reading the first line meets the error again and reports it.
                Err(_) => None,
            };
            let Some(byte) = next else { break false };
            seen.push(byte);
            match sniff(&seen, false) {
                Sniffed::Undecided => reader.consume(1),
                Sniffed::Plain => {
                    seen.pop();
                    break false;
                }
                Sniffed::Utf8Mark => {
                    reader.consume(1);
                    seen.clear();
                    break false;
                }
                Sniffed::Utf16 { .. } => {
                    reader.consume(1);
                    break true;
                }
            }
        };
        if !utf16 {
            self.head = seen;
            return;
        }
        // The mark, or the first characters, are decoded with the rest, up to the cap.
        let cap = crate::MAX_UTF16_BYTES.saturating_sub(seen.len());
        let mut all = seen;
        match crosswalk_text::caps::read_capped(reader, cap) {
            Ok((rest, over)) => {
                all.extend_from_slice(rest.get(..cap).unwrap_or(&rest));
                if over {
                    let message = format!(
                        "the input is UTF-16, which is read whole, and larger than {}: only that much of it was \
                         read (convert it to UTF-8, which is read as a stream of any size)",
                        crosswalk_text::caps::size(crate::MAX_UTF16_BYTES)
                    );
                    self.diagnostics.push(Diagnostic::error(UTF16_TOO_LARGE, message).at(Location::at(1, 1)));
                    // Whole code units only.
                    all.truncate(all.len() & !1);
                }
            }
            Err(error) => self.diagnostics.push(
                Diagnostic::error(READ_ERROR, format!("reading the input failed: {error}")).at(Location::at(1, 1)),
            ),
        }
        let decoded = decode(&all);
        self.diagnostics.extend(decoded.diagnostics.into_iter().map(|d| d.at(Location::at(1, 1))));
        self.input = Input::Whole { text: decoded.text.into_owned(), pos: 0 };
    }

    /// The first line that was not UTF-8 within lines `first..=last`, as a diagnostic naming its
    /// first byte that is not (`input.encoding` for a line decoded as Windows-1252 as a whole,
    /// `input.invalid-bytes` for UTF-8 with stray bytes); lines before `first` are forgotten.
    pub(crate) fn redecoded_in(&mut self, first: u32, last: u32) -> Option<Diagnostic> {
        while self.redecoded.front().is_some_and(|&(line, _)| line < first) {
            self.redecoded.pop_front();
        }
        let &(line, note) = self.redecoded.front().filter(|&&(line, _)| line <= last)?;
        let lines = self.redecoded.iter().take_while(|&&(l, _)| l <= last).count();
        let more = if lines > 1 { format!(" (and {} more of its lines)", lines - 1) } else { String::new() };
        let what = if note.mixed { "is UTF-8 but for stray bytes" } else { "is not valid UTF-8" };
        Some(
            Diagnostic::warning(note.code(), format!("line {line} {what}{more}; first {}", note.describe()))
                .at(Location::at(line, note.column)),
        )
    }
}

/// How many bytes at the end of `bytes` begin a UTF-8 character that they do not complete
/// (0 to 3), so that a line handed out in pieces is not cut inside a character.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=3 {
        let Some(&b) = bytes.len().checked_sub(back).and_then(|i| bytes.get(i)) else { return 0 };
        let needs = match b {
            0x80..=0xBF => continue,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return 0,
        };
        return if needs > back { back } else { 0 };
    }
    0
}

/// What [`read_line_bytes`] read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// A line with its line end.
    Ended,
    /// The last line, without a line end.
    Last,
    /// [`LINE_CHUNK`] bytes of a line that goes on.
    Part,
}

/// Reads one line's bytes into `line` (without its line end), or its next [`LINE_CHUNK`] bytes:
/// `head` (bytes read at the start that are text) first, then `reader`. A line ends at LF, CRLF
/// or a lone CR; `after_cr` carries a CR at the end of one read over to the next, whose LF then
/// belongs to it. `None` at the end of the input.
fn read_line_bytes<R: BufRead>(
    reader: &mut R,
    head: &mut Vec<u8>,
    after_cr: &mut bool,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<Piece>> {
    let mut found = false;
    loop {
        if line.len() >= LINE_CHUNK {
            return Ok(Some(Piece::Part));
        }
        // A chunk that is not empty is always used in part, so the loop moves on.
        let (_, ended, took) = if head.is_empty() {
            let available = match reader.fill_buf() {
                Ok(available) => available,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if available.is_empty() {
                return Ok(found.then_some(Piece::Last));
            }
            let taken = take_line(line, after_cr, available);
            reader.consume(taken.0);
            taken
        } else {
            let taken = take_line(line, after_cr, head);
            head.drain(..taken.0.min(head.len()));
            taken
        };
        found |= took;
        if ended {
            return Ok(Some(Piece::Ended));
        }
    }
}

/// Takes the bytes of `chunk` up to a line end into `line`, but no more than fills `line` to
/// [`LINE_CHUNK`] bytes: how many bytes were used (the line end included), whether the line
/// ended, and whether anything of the line was taken.
fn take_line(line: &mut Vec<u8>, after_cr: &mut bool, chunk: &[u8]) -> (usize, bool, bool) {
    let skip = usize::from(std::mem::take(after_cr) && chunk.first() == Some(&b'\n'));
    let rest = chunk.get(skip..).unwrap_or_default();
    let room = LINE_CHUNK.saturating_sub(line.len());
    let end = rest.iter().position(|&b| b == b'\n' || b == b'\r');
    match end {
        Some(at) if at <= room => {
            line.extend_from_slice(rest.get(..at).unwrap_or_default());
            *after_cr = rest.get(at) == Some(&b'\r');
            (skip + at + 1, true, true)
        }
        _ if rest.len() > room => {
            // The piece is full; `Source::read_line` keeps a character cut in two for the next.
            line.extend_from_slice(rest.get(..room).unwrap_or_default());
            (skip + room, false, true)
        }
        _ => {
            line.extend_from_slice(rest);
            (chunk.len(), false, !rest.is_empty())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], capacity: usize) -> Vec<String> {
        let mut source = Source::new(std::io::BufReader::with_capacity(capacity, input));
        let mut out = Vec::new();
        let mut buf = String::new();
        while source.read_line(&mut buf) {
            out.push(std::mem::take(&mut buf));
        }
        out
    }

    #[test]
    fn every_line_end_and_any_buffering() {
        for input in [&b"a\nb\r\nc\rd\r\re"[..], b"a\nb\r\nc\rd\r\re"] {
            for capacity in [1, 2, 3, 64] {
                assert_eq!(lines(input, capacity), ["a\n", "b\n", "c\n", "d\n", "\n", "e"], "{capacity}");
            }
        }
        assert_eq!(lines(b"x\r", 1), ["x\n"]);
        assert_eq!(lines(b"\r\n\r\n", 1), ["\n", "\n"]);
        // Bytes read while looking for a mark hold line ends of their own.
        assert_eq!(lines(b"\n\0\n\x01", 1), ["\n", "\0\n", "\x01"]);
        assert_eq!(lines(b"\xEF\xBB\xBF%x\r@a", 2), ["%x\n", "@a"]);
    }

    #[test]
    fn utf16_without_a_mark() {
        let text = "% Encoding: UTF-16\r@misc{a}\r";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for input in [le, be] {
            for capacity in [1, 3, 64] {
                assert_eq!(lines(&input, capacity), ["% Encoding: UTF-16\n", "@misc{a}\n"]);
            }
        }
    }
}

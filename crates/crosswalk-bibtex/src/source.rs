//! Input bytes to text, one line at a time, so that reading a catalog holds one line (and the
//! entry being read) in memory rather than the file.
//!
//! A UTF-8 byte-order mark is skipped. A line that is not valid UTF-8 is decoded as
//! Windows-1252 (a superset of Latin-1 for printable text) and remembered, so that the record
//! holding it gets a warning (`input.encoding`); lines are decoded one by one, so a file that
//! mixes UTF-8 and Latin-1 lines (concatenated exports) reads correctly. UTF-16 input,
//! recognised by its byte-order mark, is the exception: it is read whole and transcoded first.

use std::collections::VecDeque;
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location};
use crosswalk_text::{decode, decode_line, ENCODING_ASSUMED};

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
    /// Lines decoded as Windows-1252 (line, column of the first bad byte), oldest first.
    redecoded: VecDeque<(u32, u32)>,
    /// Diagnostics about the whole input (UTF-16, read errors), not yet claimed by a record.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Lines handed back to be handed out again (see [`Source::unread`]), and how far.
    replay: String,
    replay_pos: usize,
}

/// What a byte-order mark says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// UTF-8 (skipped).
    Utf8,
    /// UTF-16, either byte order (the input is decoded whole, mark included).
    Utf16,
}

/// The byte-order marks recognised.
const MARKS: [(&[u8], Mark); 3] =
    [(b"\xEF\xBB\xBF", Mark::Utf8), (b"\xFF\xFE", Mark::Utf16), (b"\xFE\xFF", Mark::Utf16)];

/// Code: reading the input failed.
pub const READ_ERROR: &str = "bibtex.read-error";

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

    /// Appends the next line (with its line end) to `buf`; false at the end of the input.
    pub(crate) fn read_line(&mut self, buf: &mut String) -> bool {
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
                    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                    buf.push_str(rest.get(..end).unwrap_or_default());
                    *pos += end;
                    true
                }
                None => false,
            },
            Input::Stream(reader) => {
                // `bytes` is empty here, but for the first line when the input started with the
                // first bytes of a byte-order mark that was not one (see `start`).
                let read = reader.read_until(b'\n', &mut self.bytes);
                let more = match read {
                    Ok(_) if self.bytes.is_empty() => false,
                    Ok(_) => {
                        let line = self.line.saturating_add(1);
                        let decoded = decode_line(&self.bytes);
                        if let Some(column) = decoded.not_utf8_at {
                            self.redecoded.push_back((line, column));
                        }
                        buf.push_str(&decoded.text);
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

    /// Looks at the first bytes: skips a UTF-8 BOM, reads UTF-16 whole.
    ///
    /// The mark is read a byte at a time, so that one split across reads (a pipe, a one-byte
    /// buffer) is recognised as when it comes whole. Only bytes that may still be part of a mark
    /// are consumed; when they turn out not to be one, they start the first line.
    fn start(&mut self) {
        let Input::Stream(reader) = &mut self.input else { return };
        let mut head = [0u8; 3];
        let mut len = 0;
        let mut mark = None;
        loop {
            let next = match reader.fill_buf() {
                Ok(available) => available.first().copied(),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                // Reading the first line meets the error again and reports it.
                Err(_) => None,
            };
            let Some(byte) = next else { break };
            let Some(slot) = head.get_mut(len) else { break };
            *slot = byte;
            let seen = head.get(..=len).unwrap_or_default();
            if !MARKS.iter().any(|(m, _)| m.starts_with(seen)) {
                break;
            }
            reader.consume(1);
            len += 1;
            if let Some(&(_, found)) = MARKS.iter().find(|(m, _)| *m == seen) {
                mark = Some(found);
                break;
            }
        }
        let seen = head.get(..len).unwrap_or_default();
        match mark {
            None => {
                self.bytes.extend_from_slice(seen);
                return;
            }
            Some(Mark::Utf8) => return,
            Some(Mark::Utf16) => {}
        }
        let mut all = seen.to_vec();
        if let Err(error) = reader.read_to_end(&mut all) {
            self.diagnostics.push(
                Diagnostic::error(READ_ERROR, format!("reading the input failed: {error}")).at(Location::at(1, 1)),
            );
        }
        let decoded = decode(&all);
        self.diagnostics.extend(decoded.diagnostics.into_iter().map(|d| d.at(Location::at(1, 1))));
        self.input = Input::Whole { text: decoded.text.into_owned(), pos: 0 };
    }

    /// The first line decoded as Windows-1252 within lines `first..=last`, as a diagnostic;
    /// lines before `first` are forgotten.
    pub(crate) fn redecoded_in(&mut self, first: u32, last: u32) -> Option<Diagnostic> {
        while self.redecoded.front().is_some_and(|&(line, _)| line < first) {
            self.redecoded.pop_front();
        }
        let &(line, column) = self.redecoded.front().filter(|&&(line, _)| line <= last)?;
        let lines = self.redecoded.iter().take_while(|&&(l, _)| l <= last).count();
        let more = if lines > 1 { format!(" (and {} more of its lines)", lines - 1) } else { String::new() };
        Some(
            Diagnostic::warning(
                ENCODING_ASSUMED,
                format!(
                    "line {line} is not valid UTF-8 (first bad byte at column {column}){more}; decoded as Windows-1252"
                ),
            )
            .at(Location::at(line, column)),
        )
    }
}

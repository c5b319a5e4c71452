//! Streaming RIS reading: lines are grouped into records, one record at a time, and each record
//! is mapped into the model as soon as it ends.
//!
//! A record starts at a `TY` line and ends at its `ER` line. A record without `ER` ends at the
//! next `TY` line or at the end of the input (warning `ris.missing-er`). Tag lines met outside a
//! record are a record without `TY` (error `ris.missing-ty`, for that record only) when an `ER`
//! line ends them; when the next `TY` line or the end of the input comes first, they belong to no
//! record (Ovid writes `NL` and `UK` lines after a record's `ER`) and are text outside records.
//! Lines without a tag continue the previous tag's value ([`Continuation`]); outside a record they
//! are skipped and reported once per run of lines (`ris.outside-record`), on the record that
//! follows them, or on the last record when they end the input.
//!
//! The reader holds one record's text (in one reused `String`), its field positions, and at most
//! one finished record that waits for the next line to see whether stray text follows it (also
//! while tag lines outside records are read, until it is known whether they are a record), so its
//! memory does not grow with the input.

use std::io::BufRead;

use crosswalk_model::{codes, Diagnostic, Location, Origin, Record};
use crosswalk_text::{decode_line, DecodedLine, NotUtf8};

use crate::lines::{classify, LineKind, LineSource, Utf16};
use crate::tags::{self, Continuation};
use crate::{map, quote};

/// The most value text one record keeps, in bytes; the rest of a larger record is skipped.
pub(crate) const MAX_RECORD_TEXT: usize = 16 << 20;
/// The most fields one record keeps; the rest of a larger record is skipped.
pub(crate) const MAX_FIELDS: usize = 100_000;

/// One tag's value in a record under construction: a range of [`RawRecord::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Field {
    /// The tag, upper case.
    pub(crate) tag: [u8; 2],
    /// Where the value starts in the record's text.
    pub(crate) start: usize,
    /// Where the value ends in the record's text.
    pub(crate) end: usize,
    /// The line of the tag.
    pub(crate) line: u32,
    /// The 1-based column where the value starts.
    pub(crate) column: u32,
    /// True when wrapped lines were joined to the value with spaces.
    pub(crate) wrapped: bool,
}

/// A count of something that happened on several lines of a record, reported once.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    pub(crate) count: u32,
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) sample: String,
}

impl Tally {
    pub(crate) fn add(&mut self, line: u32, column: u32, sample: impl FnOnce() -> String) {
        if self.count == 0 {
            self.line = line;
            self.column = column;
            self.sample = sample();
        }
        self.count = self.count.saturating_add(1);
    }
}

/// The lines of one record, grouped by tag, with what reading them noticed.
#[derive(Debug, Default)]
pub(crate) struct RawRecord {
    /// Every value of the record, one after the other.
    pub(crate) text: String,
    /// The record's fields, in source order.
    pub(crate) fields: Vec<Field>,
    /// The line the record starts on.
    pub(crate) start_line: u32,
    /// True when the record started with a `TY` line.
    pub(crate) has_ty: bool,
    /// Diagnostics of reading (stray text before the record, a missing `ER` …), in line order.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Lines that were not UTF-8.
    pub(crate) not_utf8: Tally,
    /// Lines that are UTF-8 but for stray bytes, which were decoded on their own.
    pub(crate) stray_bytes: Tally,
    /// Tags not written in the standard form.
    pub(crate) irregular: Tally,
    /// Values with white space around them.
    pub(crate) trimmed: Tally,
    /// Blank lines since the last line with text (kept in free-text values as paragraph breaks).
    blank_run: u32,
    /// Set when the record outgrew [`MAX_RECORD_TEXT`] or [`MAX_FIELDS`].
    overflowed: bool,
}

impl RawRecord {
    /// Tallies a line that is not valid UTF-8: decoded as Windows-1252 as a whole, or UTF-8 with
    /// stray bytes. The sample says which byte, where, in the line's own words.
    fn note_not_utf8(&mut self, text: &str, line: u32, not_utf8: Option<NotUtf8>) {
        let Some(note) = not_utf8 else { return };
        let sample = || format!("{}: {}", quote(&text.chars().take(40).collect::<String>()), note.describe());
        if note.mixed {
            self.stray_bytes.add(line, note.column, sample);
        } else {
            self.not_utf8.add(line, note.column, sample);
        }
    }

    /// The value of a field.
    pub(crate) fn value(&self, field: &Field) -> &str {
        self.text.get(field.start..field.end).unwrap_or_default()
    }

    /// False (reported once) when the record cannot take `extra` more bytes or another field.
    fn room(&mut self, extra: usize, new_field: bool, line: u32) -> bool {
        if self.overflowed {
            return false;
        }
        let full =
            self.text.len().saturating_add(extra) > MAX_RECORD_TEXT || (new_field && self.fields.len() >= MAX_FIELDS);
        if full {
            self.overflowed = true;
            self.diagnostics.push(
                Diagnostic::error(
                    crate::RECORD_TOO_LARGE,
                    format!(
                        "the record holds more than {} MiB of text or {MAX_FIELDS} tags; the rest of it, from this line to its end, was skipped",
                        MAX_RECORD_TEXT >> 20
                    ),
                )
                .at(Location::at(line, 1)),
            );
        }
        !full
    }

    /// Adds a tag line's value.
    fn push_field(&mut self, tag: [u8; 2], raw_value: &str, line: u32, value_column: u32) {
        let value = raw_value.trim();
        if value.len() != raw_value.len() && !value.is_empty() {
            self.trimmed.add(line, value_column, || tag_text(&tag).to_owned());
        }
        if !self.room(value.len(), true, line) {
            return;
        }
        let start = self.text.len();
        self.text.push_str(value);
        let leading = raw_value.len() - raw_value.trim_start().len();
        let column = value_column.saturating_add(u32::try_from(leading).unwrap_or(0));
        self.fields.push(Field { tag, start, end: self.text.len(), line, column, wrapped: false });
        self.blank_run = 0;
    }

    /// Adds a line without a tag to the last field, as the field's tag says.
    fn continue_field(&mut self, line_text: &str, line: u32) {
        let text = line_text.trim();
        let blank_run = std::mem::take(&mut self.blank_run);
        let Some(last) = self.fields.last().copied() else { return };
        let continuation = tags::lookup_bytes(last.tag).map_or(Continuation::Wrapped, |t| t.continuation);
        match continuation {
            Continuation::List => {
                let leading = line_text.len() - line_text.trim_start().len();
                let column = u32::try_from(line_text.get(..leading).map_or(0, |s| s.chars().count()) + 1).unwrap_or(1);
                self.push_field(last.tag, text, line, column);
            }
            Continuation::Text | Continuation::Wrapped => {
                // Only the last field's value can grow: it ends the record's text. Free text keeps
                // its line breaks, and blank lines inside it as paragraph breaks.
                let (separator, repeat) = match continuation {
                    Continuation::Text => ('\n', usize::try_from(blank_run).unwrap_or(usize::MAX).saturating_add(1)),
                    _ => (' ', 1),
                };
                let empty = last.start == last.end;
                let extra = text.len().saturating_add(if empty { 0 } else { repeat });
                if !self.room(extra, false, line) {
                    return;
                }
                if !empty {
                    self.text.extend(std::iter::repeat_n(separator, repeat));
                }
                self.text.push_str(text);
                if let Some(field) = self.fields.last_mut() {
                    field.end = self.text.len();
                    field.wrapped |= continuation == Continuation::Wrapped && !empty;
                }
            }
        }
    }
}

/// The text of a tag (two ASCII letters or digits, as [`classify`] accepts them).
pub(crate) fn tag_text(tag: &[u8; 2]) -> &str {
    std::str::from_utf8(tag).unwrap_or("??")
}

/// The most tags a message about lines outside records names.
const STRAY_TAGS_NAMED: usize = 8;

/// Lines met outside any record, reported together.
#[derive(Debug)]
struct Stray {
    first_line: u32,
    lines: u32,
    sample: String,
    /// The tags of the tag lines among them (each once, the first [`STRAY_TAGS_NAMED`]).
    tags: Vec<[u8; 2]>,
}

impl Stray {
    /// The lines of text starting with `text` at line `first_line`.
    fn new(first_line: u32, text: &str) -> Self {
        Stray { first_line, lines: 1, sample: text.trim().chars().take(60).collect(), tags: Vec::new() }
    }

    /// Notes a tag line among the lines.
    fn add_tag(&mut self, tag: [u8; 2]) {
        if self.tags.len() < STRAY_TAGS_NAMED && !self.tags.contains(&tag) {
            self.tags.push(tag);
        }
    }

    /// Appends a later run of lines (`other`) to this one.
    fn extend(&mut self, other: Stray) {
        self.lines = self.lines.saturating_add(other.lines);
        for tag in other.tags {
            self.add_tag(tag);
        }
    }

    /// What a message adds when tag lines were among the lines.
    fn tags_note(&self) -> String {
        if self.tags.is_empty() {
            return String::new();
        }
        let tags: Vec<&str> = self.tags.iter().map(tag_text).collect();
        format!(
            "; its tag lines ({}) belong to no record: no TY line starts them and no ER line ends them",
            tags.join(", ")
        )
    }

    fn diagnostic(&self, before_record: bool) -> Diagnostic {
        let place = if before_record { "before this record" } else { "after the last record" };
        let count = if self.lines == 1 { "1 line".to_owned() } else { format!("{} lines", self.lines) };
        let mut message = format!(
            "{count} of text outside any record ({place}), starting {}, skipped{}",
            quote(&self.sample),
            self.tags_note()
        );
        if looks_like_web_of_science(&self.sample) {
            message.push_str(
                "; this looks like Web of Science's tagged plain text, which is not RIS: export the records as RIS instead",
            );
        }
        Diagnostic::warning(crate::OUTSIDE_RECORD, message).at(Location::at(self.first_line, 1))
    }
}

/// Web of Science's own tagged export starts `FN Clarivate …`/`FN Thomson Reuters …` and tags
/// with one space (`PT J`); it is a different format.
fn looks_like_web_of_science(line: &str) -> bool {
    line.starts_with("FN ") || line.starts_with("PT ") || line.starts_with("VR ")
}

/// Tag lines read outside a record, not yet known to be a record (see [`Assembler::headless`]).
#[derive(Debug)]
struct Headless {
    /// The tag of the first line.
    tag: [u8; 2],
    /// The lines so far, as they are reported if they turn out to be no record.
    lines: Stray,
}

/// Whether the reader is inside a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Outside,
    Inside,
}

/// A record read from the input whose mapping onto the model may not have happened yet: the
/// assembled tags of one record. [`Pending::build`] maps it; it may run on another thread, so a
/// pipeline can assemble records in input order on one thread and map them on many.
#[derive(Debug)]
pub struct Pending {
    inner: Finished,
}

#[derive(Debug)]
enum Finished {
    /// Assembled, not yet mapped.
    Raw(Box<RawRecord>, usize),
    /// A record that needs no mapping (a failure of the input).
    Ready(Box<Record>),
}

impl Finished {
    fn push(&mut self, diagnostic: Diagnostic) {
        match self {
            Finished::Raw(raw, _) => raw.diagnostics.push(diagnostic),
            Finished::Ready(record) => record.diagnostics.push(diagnostic),
        }
    }

    fn extend(&mut self, diagnostics: Vec<Diagnostic>) {
        for d in diagnostics {
            self.push(d);
        }
    }
}

impl Pending {
    /// Maps the record onto the model.
    pub fn build(self) -> Record {
        match self.inner {
            Finished::Raw(raw, index) => map::build(&raw, index),
            Finished::Ready(record) => *record,
        }
    }
}

/// A streaming RIS reader that leaves the mapping of each record to the caller: an iterator of
/// [`Pending`] records in input order (see [`Reader`] for everything else it does).
pub struct PendingReader<R> {
    lines: LineSource<R>,
    assembler: Assembler,
}

impl<R: BufRead> PendingReader<R> {
    /// A reader of the RIS records in `input`.
    pub fn new(input: R) -> Self {
        PendingReader { lines: LineSource::new(input), assembler: Assembler::new() }
    }
}

impl<R: BufRead> Iterator for PendingReader<R> {
    type Item = Pending;

    fn next(&mut self) -> Option<Pending> {
        let a = &mut self.assembler;
        if a.done {
            return None;
        }
        loop {
            let line = match self.lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    a.utf16_invalid |= self.lines.utf16_invalid;
                    return a.at_end().map(|inner| Pending { inner });
                }
                Err(error) => return Some(Pending { inner: a.io_error(&error) }),
            };
            a.utf16 = line.utf16;
            a.utf16_marked = line.utf16_marked;
            a.utf16_invalid |= line.utf16_invalid;
            if let Some(inner) = a.line(line.bytes, line.truncated) {
                return Some(Pending { inner });
            }
        }
    }
}

/// A streaming RIS reader: an iterator over the records of any `BufRead`, one [`Record`] per
/// record of the input, in order, each with its diagnostics.
///
/// It never fails: a record that cannot be read comes back with an error diagnostic, and reading
/// goes on with the next one; an I/O error ends the iteration with a record holding the error.
///
/// ```
/// use crosswalk_ris::Reader;
///
/// let input = "TY  - JOUR\nTI  - One\nER  - \nTY  - BOOK\nTI  - Two\nER  - \n";
/// let titles: Vec<String> = Reader::new(input.as_bytes())
///     .map(|record| record.resource.titles[0].title.clone())
///     .collect();
/// assert_eq!(titles, ["One", "Two"]);
/// ```
pub struct Reader<R> {
    pending: PendingReader<R>,
}

/// The state of reading, apart from the line source (whose buffer the current line borrows).
struct Assembler {
    line_number: u32,
    state: State,
    record: RawRecord,
    /// A finished record waiting to see whether stray text follows it.
    held: Option<Finished>,
    stray: Option<Stray>,
    /// While the record under construction started with another tag than `TY`: its lines so far.
    /// An `ER` line makes them a record (without type); a `TY` line or the end of the input makes
    /// them text outside records.
    headless: Option<Headless>,
    next_index: usize,
    done: bool,
    /// The input's encoding when it is UTF-16.
    utf16: Option<Utf16>,
    /// True when the UTF-16 input starts with a byte-order mark.
    utf16_marked: bool,
    /// True once the UTF-16 input held invalid sequences.
    utf16_invalid: bool,
    /// Reported on the first record: the input was UTF-16.
    utf16_noted: bool,
    /// Reported once: the UTF-16 input held invalid sequences.
    utf16_invalid_noted: bool,
}

impl<R: BufRead> Reader<R> {
    /// A reader of the RIS records in `input`.
    pub fn new(input: R) -> Self {
        Reader { pending: PendingReader::new(input) }
    }
}

impl Assembler {
    fn new() -> Self {
        Assembler {
            line_number: 0,
            state: State::Outside,
            record: RawRecord::default(),
            held: None,
            stray: None,
            headless: None,
            next_index: 0,
            done: false,
            utf16: None,
            utf16_marked: false,
            utf16_invalid: false,
            utf16_noted: false,
            utf16_invalid_noted: false,
        }
    }

    /// Ends the record under construction (to be mapped later) and starts the next one.
    fn finish(&mut self) -> Finished {
        let index = self.next_index;
        self.next_index += 1;
        self.state = State::Outside;
        let raw = std::mem::take(&mut self.record);
        Finished::Raw(Box::new(raw), index)
    }

    /// Starts a record at a `TY` line.
    fn start(&mut self) {
        self.state = State::Inside;
        self.record.start_line = self.line_number;
        self.record.has_ty = true;
        self.note_start();
    }

    /// Starts reading tag lines outside a record, at the line of `tag`, as a record without `TY`
    /// that waits for its `ER` line (see [`Assembler::headless`]).
    fn start_headless(&mut self, tag: [u8; 2], text: &str) {
        self.state = State::Inside;
        self.record.start_line = self.line_number;
        self.record.has_ty = false;
        let mut lines = Stray::new(self.line_number, text);
        lines.add_tag(tag);
        self.headless = Some(Headless { tag, lines });
    }

    /// An `ER` line ended the tag lines read outside a record: they are a record without type.
    fn confirm_headless(&mut self, headless: &Headless) {
        self.note_start();
        self.record.diagnostics.push(
            Diagnostic::error(
                crate::MISSING_TY,
                format!(
                    "the record starts with {} instead of TY: it has no type, and counts as failed (the rest of the file is read on)",
                    tag_text(&headless.tag)
                ),
            )
            .at(Location::at(self.record.start_line, 1)),
        );
    }

    /// A `TY` line or the end of the input came before an `ER` line ended the tag lines read
    /// outside a record: they are no record, only text outside records, reported with any text
    /// before them. What was gathered of them is dropped.
    fn drop_headless(&mut self) {
        let Some(headless) = self.headless.take() else { return };
        self.state = State::Outside;
        self.record = RawRecord::default();
        match &mut self.stray {
            Some(stray) => stray.extend(headless.lines),
            None => self.stray = Some(headless.lines),
        }
    }

    /// What a record notes when it starts: the text outside records before it, and (on the first
    /// record) that the input was UTF-16.
    fn note_start(&mut self) {
        if let Some(stray) = self.stray.take() {
            self.record.diagnostics.push(stray.diagnostic(true));
        }
        if !self.utf16_noted {
            if let Some(order) = self.utf16 {
                self.utf16_noted = true;
                let label = if order == Utf16::Le { "UTF-16LE" } else { "UTF-16BE" };
                self.record.diagnostics.push(
                    Diagnostic::info(
                        crosswalk_text::ENCODING_UTF16,
                        format!(
                            "input is {label} ({}); transcoded to UTF-8",
                            if self.utf16_marked {
                                "byte-order mark"
                            } else {
                                "no byte-order mark; told by the zero bytes of its first characters"
                            }
                        ),
                    )
                    .at(Location::at(1, 1)),
                );
            }
        }
    }

    /// Notes invalid UTF-16 on the record being read, once.
    fn note_utf16_invalid(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        if self.utf16_invalid && !self.utf16_invalid_noted {
            self.utf16_invalid_noted = true;
            diagnostics.push(
                Diagnostic::warning(
                    crosswalk_text::ENCODING_INVALID,
                    "the UTF-16 input holds invalid sequences; each was replaced by U+FFFD",
                )
                .at(Location::at(self.line_number.max(1), 1)),
            );
        }
    }

    /// What to do at the end of the input.
    fn at_end(&mut self) -> Option<Finished> {
        self.done = true;
        self.drop_headless();
        if self.state == State::Inside {
            let mut notes = Vec::new();
            self.note_utf16_invalid(&mut notes);
            self.record.diagnostics.extend(notes);
            let line = self.line_number;
            self.record.diagnostics.push(
                Diagnostic::warning(
                    crate::MISSING_ER,
                    "the record has no ER line; it ends at the end of the input".to_owned(),
                )
                .at(Location::at(line.max(1), 1)),
            );
            return Some(self.finish());
        }
        if let Some(mut held) = self.held.take() {
            if let Some(stray) = self.stray.take() {
                held.push(stray.diagnostic(false));
            }
            let mut notes = Vec::new();
            self.note_utf16_invalid(&mut notes);
            held.extend(notes);
            return Some(held);
        }
        let Some(stray) = self.stray.take() else {
            // Nothing at all: an empty input, or only blank lines (or a byte-order mark). The input
            // is still accounted for, by one failed record.
            if self.next_index > 0 {
                return None;
            }
            self.next_index = 1;
            let what = if self.line_number == 0 { "the input is empty" } else { "the input holds only blank lines" };
            let mut record = Record::failed(
                Diagnostic::error(
                    crate::NO_RECORDS,
                    format!("no RIS record found (a record starts with a line \"TY  - \"): {what}"),
                )
                .at(Location::at(1, 1)),
            );
            record.origin = Origin { index: 0, key: None, line: Some(1), ..Origin::default() };
            self.note_utf16_invalid(&mut record.diagnostics);
            return Some(Finished::Ready(Box::new(record)));
        };
        let index = self.next_index;
        self.next_index += 1;
        let message = format!(
            "no RIS record found (a record starts with a line \"TY  - \"); {} line{} of text, starting {}, were not read{}{}",
            stray.lines,
            if stray.lines == 1 { "" } else { "s" },
            quote(&stray.sample),
            stray.tags_note(),
            if looks_like_web_of_science(&stray.sample) {
                "; this looks like Web of Science's tagged plain text, which is not RIS: export the records as RIS instead"
            } else {
                ""
            }
        );
        let mut record =
            Record::failed(Diagnostic::error(crate::NO_RECORDS, message).at(Location::at(stray.first_line, 1)));
        record.origin = Origin { index, key: None, line: Some(stray.first_line), ..Origin::default() };
        self.note_utf16_invalid(&mut record.diagnostics);
        Some(Finished::Ready(Box::new(record)))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.pending.next().map(Pending::build)
    }
}

impl Assembler {
    /// The record of a read error, which ends the reading.
    fn io_error(&mut self, error: &std::io::Error) -> Finished {
        self.done = true;
        let index = self.next_index;
        self.next_index += 1;
        let line = self.line_number.saturating_add(1);
        let mut record = Record::failed(
            Diagnostic::error(crate::IO_ERROR, format!("reading the input failed: {error}; reading stopped"))
                .at(Location::at(line, 1)),
        );
        record.origin = Origin { index, key: None, line: Some(line), ..Origin::default() };
        Finished::Ready(Box::new(record))
    }

    /// Reads one line; a record when the line ends one (or shows that the held one is complete).
    ///
    /// A line cut at [`crate::lines::MAX_LINE`] cuts the value it adds to, which is reported on
    /// the record that value belongs to once the line has been placed (a `TY` line may end one
    /// record and start the next).
    fn line(&mut self, bytes: &[u8], truncated: bool) -> Option<Finished> {
        let finished = self.place_line(bytes);
        if truncated && self.state == State::Inside {
            let number = self.line_number;
            let tag = self.record.fields.last().map(|f| tag_text(&f.tag).to_owned());
            let what = tag.as_deref().map_or_else(|| "a value".to_owned(), |tag| format!("the value of {tag}"));
            let mut location = Location::at(number, 1);
            if let Some(tag) = tag {
                location = location.with_path(tag);
            }
            self.record.diagnostics.push(
                Diagnostic::warning(
                    codes::VALUE_CUT,
                    format!(
                        "line {number} is longer than {} MiB; the rest of it was skipped, so {what} is cut short",
                        crate::lines::MAX_LINE >> 20
                    ),
                )
                .at(location),
            );
        }
        finished
    }

    /// Reads one line into the record it belongs to.
    fn place_line(&mut self, bytes: &[u8]) -> Option<Finished> {
        self.line_number = self.line_number.saturating_add(1);
        let number = self.line_number;
        let DecodedLine { text, not_utf8 } = decode_line(bytes);
        let kind = classify(&text);
        if let LineKind::Tag { tag: [b'T', b'Y'], .. } = kind {
            // A TY line before any ER: the tag lines read outside a record were none.
            self.drop_headless();
        }
        if let (Some(headless), LineKind::Tag { .. } | LineKind::Text) = (&mut self.headless, kind) {
            headless.lines.lines = headless.lines.lines.saturating_add(1);
            if let LineKind::Tag { tag, .. } = kind {
                headless.lines.add_tag(tag);
            }
        }
        match (self.state, kind) {
            (_, LineKind::Blank) => {
                if self.state == State::Inside {
                    self.record.blank_run = self.record.blank_run.saturating_add(1);
                }
            }
            (State::Inside, LineKind::Tag { tag: [b'T', b'Y'], value_start, irregular }) => {
                let mut notes = Vec::new();
                self.note_utf16_invalid(&mut notes);
                self.record.diagnostics.extend(notes);
                let finished = self.record_missing_er(number);
                self.start();
                self.add_tag_line(*b"TY", &text, value_start, irregular, not_utf8);
                return Some(finished);
            }
            (State::Inside, LineKind::Tag { tag: [b'E', b'R'], value_start, irregular }) => {
                self.note_line(&text, number, irregular, not_utf8);
                let rest = text.get(value_start..).unwrap_or_default().trim();
                if !rest.is_empty() {
                    self.record.diagnostics.push(
                        Diagnostic::warning(
                            codes::FIELD_UNMAPPED,
                            format!("text after the ER tag, {}, was not read", quote(rest)),
                        )
                        .at(Location::at(number, 7).with_path("ER")),
                    );
                }
                if let Some(headless) = self.headless.take() {
                    self.confirm_headless(&headless);
                }
                let mut notes = Vec::new();
                self.note_utf16_invalid(&mut notes);
                self.record.diagnostics.extend(notes);
                let finished = self.finish();
                // A record held while the tag lines after it were read, until they turned out to
                // be a record of their own, is released now; this one waits in its place.
                if let Some(previous) = self.held.replace(finished) {
                    return Some(previous);
                }
            }
            (State::Inside, LineKind::Tag { tag, value_start, irregular }) => {
                self.add_tag_line(tag, &text, value_start, irregular, not_utf8);
            }
            (State::Inside, LineKind::Text) => {
                self.record.note_not_utf8(&text, number, not_utf8);
                self.record.continue_field(&text, number);
            }
            (State::Outside, LineKind::Tag { tag: [b'E', b'R'], .. }) | (State::Outside, LineKind::Text) => {
                match &mut self.stray {
                    Some(stray) => stray.lines = stray.lines.saturating_add(1),
                    None => self.stray = Some(Stray::new(number, &text)),
                }
            }
            (State::Outside, LineKind::Tag { tag: [b'T', b'Y'], value_start, irregular }) => {
                let held = self.held.take();
                self.start();
                self.add_tag_line(*b"TY", &text, value_start, irregular, not_utf8);
                if held.is_some() {
                    return held;
                }
            }
            (State::Outside, LineKind::Tag { tag, value_start, irregular }) => {
                // Whether these tag lines are a record is known at their end: the record held
                // before them waits until then.
                self.start_headless(tag, &text);
                self.add_tag_line(tag, &text, value_start, irregular, not_utf8);
            }
        }
        None
    }

    /// Ends the record under construction because a `TY` line started the next one.
    fn record_missing_er(&mut self, line: u32) -> Finished {
        self.record.diagnostics.push(
            Diagnostic::warning(
                crate::MISSING_ER,
                format!("the record has no ER line; it ends before the TY line {line} that starts the next record"),
            )
            .at(Location::at(line, 1)),
        );
        self.finish()
    }

    /// Tallies what a tag line tells about the record's form.
    fn note_line(&mut self, text: &str, number: u32, irregular: bool, not_utf8: Option<NotUtf8>) {
        if irregular {
            let sample: String = text.chars().take(12).collect();
            self.record.irregular.add(number, 1, || sample);
        }
        self.record.note_not_utf8(text, number, not_utf8);
    }

    fn add_tag_line(
        &mut self,
        tag: [u8; 2],
        text: &str,
        value_start: usize,
        irregular: bool,
        not_utf8: Option<NotUtf8>,
    ) {
        let number = self.line_number;
        self.note_line(text, number, irregular, not_utf8);
        let before = text.get(..value_start).unwrap_or_default();
        let column = u32::try_from(before.chars().count() + 1).unwrap_or(u32::MAX);
        self.record.push_field(tag, text.get(value_start..).unwrap_or_default(), number, column);
    }
}

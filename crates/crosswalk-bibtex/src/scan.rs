//! Finding the items of a BibTeX file in a stream of lines: each `@type{…}` or `@type(…)`
//! (entries, `@string`, `@preamble`, `@comment`) with its text and position, and the text
//! found between items.
//!
//! Outside items BibTeX ignores everything, so only an `@` starts something. An `@` inside a
//! word (an e-mail address in a comment) is not an entry. An item ends at the delimiter that
//! closes its opening one, counting braces as BibTeX does (a backslash does not escape a brace)
//! and, in a parenthesised item, minding quoted values.
//!
//! A missing closing brace would make BibTeX swallow the rest of the file. To keep the damage
//! to one entry, a line that starts with `@type{` or `@type(` while an entry or `@string` is
//! still open ends that item there: it is handed on as incomplete, and the new entry is read
//! normally. `@comment` and `@preamble` are not cut this way while they may still close, since
//! commented-out entries live inside them; but one that is still open at the end of the input
//! ends before its first such line, and the lines from there on are read again, as what
//! follows it. (The scanner has read the rest of the input by then, as BibTeX would have; from
//! there on, `@comment` and `@preamble` are cut like entries, so that a file of unclosed
//! comments is not scanned to its end once per comment.)
//!
//! An item is held until it ends, but not past [`MAX_ENTRY_BYTES`]: an item that grows larger is
//! handed on [`Item::oversized`], with its first bytes only (enough for a citation key), and the
//! rest of it is read without being kept, up to its closing delimiter or the next line that
//! starts an entry, whichever comes first (an `@comment` that already holds such a line ends
//! before it, as when it is not closed). So memory holds at most one item's cap, whatever the
//! input.

use std::io::BufRead;

use crate::source::{Source, LINE_CHUNK};
use crate::types::entry_type;
use crate::MAX_ENTRY_BYTES;

/// How much of an oversized item is kept: its start, for the type and the citation key.
const OVERSIZED_HEAD: usize = 1024;

/// The longest stretch from an `@` to its opening delimiter (a type name and white space):
/// an `@` followed by more without a delimiter is not an item.
const MAX_ITEM_START: usize = 4096;

/// What kind of item an `@` starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A bibliographic entry (any other type name).
    Entry,
    /// `@string`: macro definitions.
    String,
    /// `@preamble`: LaTeX for the document.
    Preamble,
    /// `@comment`.
    Comment,
}

impl ItemKind {
    fn of(type_name: &str) -> ItemKind {
        if type_name.eq_ignore_ascii_case("string") {
            ItemKind::String
        } else if type_name.eq_ignore_ascii_case("preamble") {
            ItemKind::Preamble
        } else if type_name.eq_ignore_ascii_case("comment") {
            ItemKind::Comment
        } else {
            ItemKind::Entry
        }
    }
}

/// One item: its text from the `@` to the closing delimiter (or to where it was cut).
#[derive(Debug)]
pub(crate) struct Item {
    /// What the `@type` says it is.
    pub kind: ItemKind,
    /// The text, starting with `@`.
    pub text: String,
    /// Line of the `@` (1-based).
    pub line: u32,
    /// Column of the `@` (1-based, in characters).
    pub column: u32,
    /// The last line the item spans.
    pub last_line: u32,
    /// How the item ended.
    pub end: ItemEnd,
    /// True when the item is larger than [`MAX_ENTRY_BYTES`]: `text` holds only its start.
    pub oversized: bool,
}

/// How an item ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ItemEnd {
    /// At its closing delimiter.
    Closed,
    /// Not closed: cut before a line starting a new entry (that line's number).
    CutAt(u32),
    /// Not closed: the input ended.
    EndOfInput,
    /// `@type` is not followed by `{` or `(`: the item is the rest of its line.
    NoDelimiter,
}

/// Text outside any item that is not white space or a `%` comment.
#[derive(Debug)]
pub(crate) struct Stray {
    /// Where it starts.
    pub line: u32,
    /// Its column.
    pub column: u32,
    /// Its first characters.
    pub sample: String,
}

/// What the scanner found next.
#[derive(Debug)]
pub(crate) enum Found {
    /// An item.
    Item(Item),
    /// Stray text between items.
    Stray(Stray),
}

/// The longest sample of stray text kept for a message.
const SAMPLE_CHARS: usize = 60;

/// The scanner over a line source.
pub(crate) struct Scanner<R> {
    pub(crate) source: Source<R>,
    /// Text read but not yet consumed; `buf[0]` is at `buf_line`:`buf_column`.
    buf: String,
    buf_line: u32,
    buf_column: u32,
    /// Scan position in `buf`.
    pos: usize,
    /// Stray text being collected.
    stray: Option<Stray>,
    eof: bool,
    /// Set once an `@comment` or `@preamble` was found unclosed: from then on they are cut at a
    /// line that starts an entry, like entries.
    cut_blocks: bool,
}

impl<R: BufRead> Scanner<R> {
    pub(crate) fn new(input: R) -> Self {
        Scanner {
            source: Source::new(input),
            buf: String::new(),
            buf_line: 1,
            buf_column: 1,
            pos: 0,
            stray: None,
            eof: false,
            cut_blocks: false,
        }
    }

    /// Reads one more line into the buffer; false at the end of the input.
    fn more(&mut self) -> bool {
        if self.eof {
            return false;
        }
        // Room for one more piece of a line (a piece of `LINE_CHUNK` bytes decodes to at most
        // three times as many), grown by doubling but never much past an item's cap, so that
        // an item at the cap is not held in a buffer of twice the size.
        let room = 4 * LINE_CHUNK;
        if self.buf.capacity() - self.buf.len() < room {
            let wanted =
                self.buf.capacity().saturating_mul(2).min(MAX_ENTRY_BYTES + 2 * room).max(self.buf.len() + room);
            self.buf.reserve_exact(wanted - self.buf.len());
        }
        if !self.source.read_line(&mut self.buf) {
            self.eof = true;
            return false;
        }
        true
    }

    /// The line and column of byte `offset` of the buffer.
    fn position(&self, offset: usize) -> (u32, u32) {
        let before = self.buf.get(..offset).unwrap_or_default();
        let newlines = before.bytes().filter(|&b| b == b'\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let chars = before.get(line_start..).unwrap_or_default().chars().count();
        let line = self.buf_line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        let column = if newlines == 0 { self.buf_column } else { 1 };
        (line, column.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX)))
    }

    /// Drops the buffer up to `offset`, keeping positions right.
    fn consume(&mut self, offset: usize) {
        let offset = offset.min(self.buf.len());
        let (line, column) = self.position(offset);
        self.buf.drain(..offset);
        self.buf_line = line;
        self.buf_column = column;
        self.pos = self.pos.saturating_sub(offset);
    }

    /// Notes outside text `buf[from..to]`: lines that are blank or start with `%` are comments.
    fn outside(&mut self, from: usize, to: usize) {
        let text = self.buf.get(from..to).unwrap_or_default();
        let mut offset = from;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('%') {
                let lead = line.len() - line.trim_start().len();
                let (l, c) = self.position(offset + lead);
                match &mut self.stray {
                    Some(stray) => {
                        let room = SAMPLE_CHARS.saturating_sub(stray.sample.chars().count());
                        if room > 1 {
                            stray.sample.push(' ');
                            stray.sample.extend(trimmed.chars().take(room - 1));
                        }
                    }
                    None => {
                        self.stray =
                            Some(Stray { line: l, column: c, sample: trimmed.chars().take(SAMPLE_CHARS).collect() })
                    }
                }
            }
            offset += line.len();
        }
    }

    /// The next item or stray text; `None` at the end of the input.
    pub(crate) fn next_found(&mut self) -> Option<Found> {
        loop {
            let Some(at) = find_at(&self.buf, self.pos) else {
                let end = self.buf.len();
                self.outside(self.pos, end);
                self.consume(end);
                if !self.more() {
                    return self.stray.take().map(Found::Stray);
                }
                continue;
            };
            self.outside(self.pos, at);
            self.pos = at;
            match self.item_start(at) {
                Start::NeedMore => {
                    if !self.more() {
                        // `@type` at the very end of the input.
                        if let Some(stray) = self.stray.take() {
                            return Some(Found::Stray(stray));
                        }
                        let end = self.buf.len();
                        return Some(Found::Item(self.take_item(at, end, ItemKind::Entry, ItemEnd::NoDelimiter)));
                    }
                }
                Start::NotAnItem(skip) => {
                    self.outside(at, at + skip);
                    self.pos = at + skip;
                }
                Start::Comment(end) => {
                    self.consume(end);
                }
                Start::NoDelimiter(kind) => {
                    if let Some(stray) = self.stray.take() {
                        return Some(Found::Stray(stray));
                    }
                    let end = self.buf.get(at..).and_then(|rest| rest.find('\n')).map_or(self.buf.len(), |i| at + i);
                    return Some(Found::Item(self.take_item(at, end, kind, ItemEnd::NoDelimiter)));
                }
                Start::Open { kind, delimiter } => {
                    if let Some(stray) = self.stray.take() {
                        return Some(Found::Stray(stray));
                    }
                    let item = match self.find_end(at, delimiter, kind) {
                        End::At(end, how) => self.take_item(at, end, kind, how),
                        End::Oversized(item) => item,
                    };
                    return Some(Found::Item(item));
                }
            }
        }
    }

    /// Classifies the `@` at `at`.
    fn item_start(&self, at: usize) -> Start {
        let text = self.buf.get(at..).unwrap_or_default();
        let name_len = text.bytes().skip(1).take_while(|&b| is_type_byte(b)).count();
        if name_len == 0 {
            return Start::NotAnItem(1);
        }
        let name = text.get(1..=name_len).unwrap_or_default();
        let after = text.get(1 + name_len..).unwrap_or_default();
        let gap = after.len() - after.trim_start().len();
        let kind = ItemKind::of(name);
        match after.trim_start().bytes().next() {
            // A type name and white space this long are not an item's start: skipped as text.
            None if text.len() > MAX_ITEM_START => Start::NotAnItem(1 + name_len),
            None => Start::NeedMore,
            Some(b'{' | b'(') => Start::Open { kind, delimiter: at + 1 + name_len + gap },
            Some(_) if kind == ItemKind::Comment => {
                // `@comment` without delimiter comments out the rest of its line.
                let end = text.find('\n').map_or(self.buf.len(), |i| at + i + 1);
                Start::Comment(end)
            }
            Some(_) if kind != ItemKind::Entry || entry_type(name).is_some() || self.at_line_start(at) => {
                Start::NoDelimiter(kind)
            }
            // `@word` in running text (a handle, a decorator): not an entry.
            Some(_) => Start::NotAnItem(1 + name_len),
        }
    }

    /// True when only white space stands before `at` on its line.
    fn at_line_start(&self, at: usize) -> bool {
        let before = self.buf.get(..at).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |n| n + 1);
        before.get(line_start..).is_some_and(|head| head.trim().is_empty()) && (line_start > 0 || self.buf_column == 1)
    }

    /// Scans from the opening delimiter at `open` (of the item at `at`) to its closing one,
    /// reading lines as needed.
    ///
    /// An entry or `@string` is cut before a line that starts an entry; an `@comment` or
    /// `@preamble` that is still open at the end of the input, before the first such line. An
    /// item that grows past [`MAX_ENTRY_BYTES`] is handed on oversized ([`Self::skip_oversized`]).
    fn find_end(&mut self, at: usize, open: usize, kind: ItemKind) -> End {
        let parenthesised = self.buf.as_bytes().get(open) == Some(&b'(');
        let cuttable = self.cut_blocks || matches!(kind, ItemKind::Entry | ItemKind::String);
        let mut closing = Closing { parenthesised, depth: usize::from(!parenthesised), in_quote: false };
        let mut pos = open + 1;
        // The first line inside the item that starts an entry (an item that is not cuttable).
        let mut first_entry_line: Option<usize> = None;
        loop {
            if let Some(end) = closing.scan(self.buf.as_bytes().get(pos..).unwrap_or_default()) {
                return End::At(pos + end, ItemEnd::Closed);
            }
            pos = self.buf.len();
            if pos.saturating_sub(open) > MAX_ENTRY_BYTES {
                return End::Oversized(self.skip_oversized(at, kind, closing, first_entry_line));
            }
            let line_start = self.buf.len();
            if !self.more() {
                if let Some(cut) = first_entry_line {
                    // The lines from the cut on are read again, as what follows the item.
                    let (line, _) = self.position(cut);
                    let rest = self.buf.split_off(cut);
                    self.source.unread(rest, line);
                    self.eof = false;
                    self.cut_blocks = true;
                    return End::At(cut, ItemEnd::CutAt(line));
                }
                return End::At(self.buf.len(), ItemEnd::EndOfInput);
            }
            if self.source.started_line() && starts_entry(self.buf.get(line_start..).unwrap_or_default()) {
                if cuttable {
                    let (line, _) = self.position(line_start);
                    return End::At(line_start, ItemEnd::CutAt(line));
                }
                first_entry_line.get_or_insert(line_start);
            }
        }
    }

    /// The item at `at`, grown past [`MAX_ENTRY_BYTES`] before its end: its start is kept, the
    /// rest is read without being kept (the buffer is emptied line by line) up to its closing
    /// delimiter or the next line that starts an entry. An item that already holds such a line
    /// (an `@comment`, which is not cut at them) ends before the first one, whose lines are read
    /// again.
    fn skip_oversized(&mut self, at: usize, kind: ItemKind, mut closing: Closing, entry_line: Option<usize>) -> Item {
        let (line, column) = self.position(at);
        let head_end = floor_char_boundary(&self.buf, at.saturating_add(OVERSIZED_HEAD));
        let text = self.buf.get(at..head_end).unwrap_or_default().to_owned();
        let item = |end: ItemEnd, last_line: u32| Item { kind, text, line, column, last_line, end, oversized: true };
        if let Some(cut) = entry_line {
            let (cut_line, _) = self.position(cut);
            let rest = self.buf.split_off(cut);
            self.source.unread(rest, cut_line);
            self.cut_blocks = true;
            self.pos = cut;
            self.consume(cut);
            return item(ItemEnd::CutAt(cut_line), cut_line.saturating_sub(1));
        }
        let all = self.buf.len();
        self.pos = all;
        self.consume(all);
        // The buffer grew to the cap; what follows is held in a small one again.
        self.buf.shrink_to(4 * LINE_CHUNK);
        loop {
            if !self.more() {
                let (last, _) = self.position(self.buf.len());
                return item(ItemEnd::EndOfInput, last);
            }
            if self.source.started_line() && starts_entry(&self.buf) {
                // The line is read next, as an entry.
                if kind != ItemKind::Entry && kind != ItemKind::String {
                    self.cut_blocks = true;
                }
                return item(ItemEnd::CutAt(self.buf_line), self.buf_line.saturating_sub(1));
            }
            if let Some(end) = closing.scan(self.buf.as_bytes()) {
                let (last, _) = self.position(end);
                self.pos = end;
                self.consume(end);
                return item(ItemEnd::Closed, last);
            }
            let all = self.buf.len();
            self.pos = all;
            self.consume(all);
        }
    }

    /// Takes `buf[start..end]` out as an item.
    fn take_item(&mut self, start: usize, end: usize, kind: ItemKind, how: ItemEnd) -> Item {
        let (line, column) = self.position(start);
        let text = self.buf.get(start..end).unwrap_or_default().to_owned();
        let newlines = u32::try_from(text.trim_end().bytes().filter(|&b| b == b'\n').count()).unwrap_or(u32::MAX);
        self.pos = end;
        self.consume(end);
        Item { kind, text, line, column, last_line: line.saturating_add(newlines), end: how, oversized: false }
    }
}

/// Where [`Scanner::find_end`] found an item to end.
enum End {
    /// At this offset of the buffer, in this way.
    At(usize, ItemEnd),
    /// Past the cap: the item, already taken out.
    Oversized(Item),
}

/// The search for an item's closing delimiter, counting braces as BibTeX does (a backslash does
/// not escape a brace) and, in a parenthesised item, minding quoted values.
#[derive(Clone, Copy)]
struct Closing {
    parenthesised: bool,
    depth: usize,
    in_quote: bool,
}

impl Closing {
    /// Scans `bytes`: the offset just after the closing delimiter, if it is among them.
    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' => self.depth += 1,
                b'}' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 && !self.parenthesised {
                        return Some(i + 1);
                    }
                }
                b'"' if self.parenthesised && self.depth == 0 => self.in_quote = !self.in_quote,
                b')' if self.parenthesised && self.depth == 0 && !self.in_quote => return Some(i + 1),
                _ => {}
            }
        }
        None
    }
}

/// The largest character boundary of `text` at or before `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// How the text at an `@` begins.
enum Start {
    /// The text ends before the delimiter could be seen.
    NeedMore,
    /// Not an item: skip this many bytes as outside text.
    NotAnItem(usize),
    /// `@comment` without delimiter: skip to this offset.
    Comment(usize),
    /// `@type` without `{` or `(`.
    NoDelimiter(ItemKind),
    /// An item whose opening delimiter is at this offset.
    Open { kind: ItemKind, delimiter: usize },
}

/// Bytes of an entry type name.
fn is_type_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The offset of the next `@` in `text` from `from` that is not inside a word (e-mail
/// addresses are not entries) nor on a `%` comment line.
fn find_at(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = from;
    while let Some(i) = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'@')).map(|i| from + i) {
        let inside_word = i
            .checked_sub(1)
            .and_then(|p| bytes.get(p))
            .is_some_and(|&p| p.is_ascii_alphanumeric() || matches!(p, b'.' | b'_' | b'-' | b'+'));
        let line_start = text.get(..i).and_then(|before| before.rfind('\n')).map_or(0, |n| n + 1);
        let commented = text.get(line_start..i).is_some_and(|head| head.trim_start().starts_with('%'));
        if !inside_word && !commented {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// True when a line starts (after white space) with `@type{` or `@type(`.
fn starts_entry(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix('@') else { return false };
    let name_len = rest.bytes().take_while(|&b| is_type_byte(b)).count();
    name_len > 0
        && matches!(rest.get(name_len..).map(str::trim_start).and_then(|r| r.bytes().next()), Some(b'{' | b'('))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Found> {
        let mut scanner = Scanner::new(text.as_bytes());
        std::iter::from_fn(|| scanner.next_found()).collect()
    }

    fn items(text: &str) -> Vec<(ItemKind, String, u32, u32, ItemEnd)> {
        scan(text)
            .into_iter()
            .filter_map(|f| match f {
                Found::Item(i) => Some((i.kind, i.text, i.line, i.column, i.end)),
                Found::Stray(_) => None,
            })
            .collect()
    }

    #[test]
    fn items_with_braces_and_parentheses() {
        let found =
            items("% c\n@string{a = \"x\"}\n  @Article(k, title = \"a) b\", x = {(})\n@comment{ @misc{x, } }\n");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].0, ItemKind::String);
        assert_eq!((found[1].2, found[1].3), (3, 3));
        assert_eq!(found[1].1, "@Article(k, title = \"a) b\", x = {(})");
        assert_eq!(found[2].0, ItemKind::Comment);
        assert!(found.iter().all(|f| f.4 == ItemEnd::Closed));
    }

    #[test]
    fn unclosed_entry_is_cut_at_the_next_entry() {
        let found = items("@misc{a,\n title = {x\n@misc{b, title = {y}}\n");
        assert_eq!(found[0].4, ItemEnd::CutAt(3));
        assert_eq!(found[0].1, "@misc{a,\n title = {x\n");
        assert_eq!((found[1].2, found[1].4), (3, ItemEnd::Closed));
        let found = items("@misc{a, title = {x}\n");
        assert_eq!(found[0].4, ItemEnd::EndOfInput);
    }

    #[test]
    fn stray_text_and_email_addresses() {
        let found = scan("me@example.org wrote\n@misc{a}\ntitle = {lost}\n");
        let strays: Vec<(u32, u32, String)> = found
            .iter()
            .filter_map(|f| match f {
                Found::Stray(s) => Some((s.line, s.column, s.sample.clone())),
                Found::Item(_) => None,
            })
            .collect();
        assert_eq!(strays, [(1, 1, "me@example.org wrote".to_owned()), (3, 1, "title = {lost}".to_owned())]);
    }

    #[test]
    fn comment_without_delimiter_and_missing_delimiter() {
        let found = items("@comment this line\n% @xdata, in a comment\nsee @twitter here\n@misc key,\n@misc{b}");
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].1.as_str(), found[0].4), ("@misc key,", ItemEnd::NoDelimiter));
        assert_eq!(found[1].1, "@misc{b}");
    }

    #[test]
    fn type_and_delimiter_on_different_lines() {
        let found = items("@misc\n  {a, title={x}}");
        assert_eq!(found[0].4, ItemEnd::Closed);
        assert_eq!(found[0].1, "@misc\n  {a, title={x}}");
    }
}

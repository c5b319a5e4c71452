//! Finding the works in Crossref REST JSON without parsing it: the works of a list (`items`,
//! directly or in a response's `message`) one at a time, so that a part of Crossref's public data
//! file (`{"items": [ … ]}`, thousands of works) or a saved page of `/works` is never held whole.
//!
//! The scan is structural only: it follows strings, brackets, keys and commas, and leaves the
//! parsing (and the reporting of broken JSON) to the reader of each work. Everything outside a
//! list's items (a single work, a response holding one, JSON Lines, an array) is handed on as a
//! whole value.

use std::io::{self, BufRead, Read};

/// The most bytes one work may have (and one top-level value that is not a list): a larger one is
/// a failed record, skipped without being held. Real works are a few kilobytes; the largest, with
/// thousands of references, a few megabytes.
pub const DOCUMENT_CAP: usize = 64 * 1024 * 1024;

/// How far into a stream the reader looks for a list's `items` to stream them. A list response
/// names its items after a few short members (`status`, `message-type`, `next-cursor` …); what
/// has not found them by then (a large single work, a broken first line of JSON Lines) is read
/// value by value instead.
pub(crate) const HEAD_LIMIT: u64 = 1024 * 1024;

/// A position in the input: a 1-based line, and the bytes before it on its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) before: u32,
}

impl Pos {
    /// The start of the input.
    pub(crate) const START: Pos = Pos { line: 1, before: 0 };

    /// The 1-based column (in bytes).
    pub(crate) fn column(self) -> u32 {
        self.before.saturating_add(1)
    }

    fn advance(&mut self, bytes: &[u8]) {
        // Lines and columns saturate rather than wrap on inputs of more than `u32::MAX` lines.
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                let lines = bytes.iter().filter(|&&b| b == b'\n').count();
                self.line = self.line.saturating_add(u32::try_from(lines).unwrap_or(u32::MAX));
                self.before = u32::try_from(bytes.len() - last - 1).unwrap_or(u32::MAX);
            }
            None => self.before = self.before.saturating_add(u32::try_from(bytes.len()).unwrap_or(u32::MAX)),
        }
    }

    /// `inner`, a position counted from the start of a text that itself starts at `self`.
    pub(crate) fn then(self, inner: Pos) -> Pos {
        if inner.line <= 1 {
            Pos { line: self.line, before: self.before.saturating_add(inner.before) }
        } else {
            Pos { line: self.line.saturating_add(inner.line - 1), before: inner.before }
        }
    }
}

/// The input, behind bytes handed back to be read again (the head of a stream that holds no list
/// to stream, read again value by value).
pub(crate) struct Replay<R> {
    again: Vec<u8>,
    at: usize,
    inner: R,
}

impl<R> Replay<R> {
    pub(crate) fn new(inner: R) -> Self {
        Replay { again: Vec::new(), at: 0, inner }
    }

    /// Hands `bytes` back, to be read before the rest.
    pub(crate) fn push_back(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(self.again.get(self.at..).unwrap_or_default());
        self.again = bytes;
        self.at = 0;
    }
}

impl<R: BufRead> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = {
            let mut available = self.fill_buf()?;
            available.read(buf)?
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.again.len() {
            return Ok(self.again.get(self.at..).unwrap_or_default());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.at < self.again.len() {
            self.at = self.at.saturating_add(amount);
            if self.at >= self.again.len() {
                self.again = Vec::new();
                self.at = 0;
            }
        } else {
            self.inner.consume(amount);
        }
    }
}

/// How a value's scan ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// After its last byte.
    Done,
    /// The input ended first.
    Eof,
    /// The byte limit was reached first.
    Limit,
}

/// A scanned value: how it ended and how many bytes it had (all of them, kept or not).
pub(crate) struct Scanned {
    pub(crate) end: End,
    pub(crate) size: u64,
}

/// A byte source that knows its position and can record what it consumes.
pub(crate) struct Src<S> {
    pub(crate) inner: S,
    pub(crate) pos: Pos,
    consumed: u64,
    /// Everything consumed, while recording.
    record: Option<Vec<u8>>,
}

impl<S: BufRead> Src<S> {
    pub(crate) fn new(inner: S, pos: Pos, recording: bool) -> Self {
        Src { inner, pos, consumed: 0, record: recording.then(Vec::new) }
    }

    /// Stops recording and returns what was recorded.
    pub(crate) fn take_record(&mut self) -> Vec<u8> {
        self.record.take().unwrap_or_default()
    }

    /// Consumes `used` bytes of the current buffer (as `fill_buf` gave it), keeping them in `out`.
    fn take(&mut self, used: usize, out: Option<&mut Vec<u8>>) -> io::Result<()> {
        let Src { inner, pos, consumed, record } = self;
        let buf = inner.fill_buf()?;
        let taken = buf.get(..used).unwrap_or(buf);
        pos.advance(taken);
        if let Some(record) = record {
            record.extend_from_slice(taken);
        }
        if let Some(out) = out {
            out.extend_from_slice(taken);
        }
        let n = taken.len();
        *consumed = consumed.saturating_add(n as u64);
        inner.consume(n);
        Ok(())
    }

    fn bump(&mut self) -> io::Result<()> {
        self.take(1, None)
    }

    /// Skips white space (and commas between a list's elements, and a byte-order mark at the
    /// very start); the next byte, not consumed.
    pub(crate) fn skip_white(&mut self, commas: bool) -> io::Result<Option<u8>> {
        loop {
            let at_start = self.consumed < 3;
            let buf = self.inner.fill_buf()?;
            let Some(&first) = buf.first() else { return Ok(None) };
            let skipped = buf
                .iter()
                .position(|&b| {
                    !(matches!(b, b' ' | b'\t' | b'\r' | b'\n')
                        || (commas && b == b',')
                        || (at_start && matches!(b, 0xEF | 0xBB | 0xBF)))
                })
                .unwrap_or(buf.len());
            if skipped == 0 {
                return Ok(Some(first));
            }
            // A byte-order mark only at the start: consume one at a time while it may be one.
            let skipped = if at_start { 1 } else { skipped };
            self.take(skipped, None)?;
        }
    }

    /// Reads the string at the current `"`; its raw content (escapes as written) goes to `out`,
    /// at most `max` bytes of it. False when the input ends first.
    fn string(&mut self, out: &mut Vec<u8>, max: usize) -> io::Result<bool> {
        self.bump()?;
        let mut escaped = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(false);
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    end = Some(i);
                    break;
                }
            }
            let used = end.unwrap_or(buf.len());
            let room = max.saturating_sub(out.len());
            out.extend_from_slice(buf.get(..used.min(room)).unwrap_or_default());
            self.take(used, None)?;
            if end.is_some() {
                self.bump()?;
                return Ok(true);
            }
        }
    }

    /// Consumes one complete value (object, list, string or scalar) starting at the current
    /// byte, keeping its bytes in `out` up to `cap` (a larger value leaves `out` empty: compare
    /// the size). Stops at `limit` bytes consumed in all, when given.
    pub(crate) fn value(
        &mut self,
        mut out: Option<&mut Vec<u8>>,
        cap: usize,
        limit: Option<u64>,
    ) -> io::Result<Scanned> {
        let start = self.consumed;
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut started = false;
        // Over the cap: nothing more is kept, and the caller tells by the size.
        let mut over = false;
        loop {
            let room = match limit {
                Some(limit) if self.consumed >= limit => {
                    return Ok(Scanned { end: End::Limit, size: self.consumed - start })
                }
                Some(limit) => usize::try_from(limit - self.consumed).unwrap_or(usize::MAX),
                None => usize::MAX,
            };
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(Scanned { end: End::Eof, size: self.consumed - start });
            }
            let scanned = buf.get(..room.min(buf.len())).unwrap_or(buf);
            let mut used = scanned.len();
            let mut finished = false;
            for (i, &b) in scanned.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            used = i + 1;
                            finished = true;
                            break;
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            used = i + 1;
                            finished = true;
                            break;
                        }
                    }
                    // A delimiter ends a scalar.
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 && started => {
                        used = i;
                        finished = true;
                        break;
                    }
                    // A closing bracket with nothing open: a value of its own, for the parser to refuse.
                    b'}' | b']' => {
                        used = i + 1;
                        finished = true;
                        break;
                    }
                    _ => {}
                }
                started = true;
            }
            if let Some(kept) = out.as_deref_mut().filter(|_| !over) {
                if kept.len().saturating_add(used) > cap {
                    over = true;
                    *kept = Vec::new();
                }
            }
            self.take(used, if over { None } else { out.as_deref_mut() })?;
            if finished {
                return Ok(Scanned { end: End::Done, size: self.consumed - start });
            }
        }
    }

    /// Consumes the rest of the `depth` objects or lists the scan is inside.
    pub(crate) fn close(&mut self, mut depth: usize) -> io::Result<()> {
        let mut in_string = false;
        let mut escaped = false;
        while depth > 0 {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let mut used = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            used = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            self.take(used, None)?;
        }
        Ok(())
    }

    /// Reads the next element of a list whose `[` was consumed: its bytes (empty when over
    /// [`DOCUMENT_CAP`]) and where it starts; `None` after the closing `]` or at the end.
    pub(crate) fn element(&mut self) -> io::Result<Option<Element>> {
        match self.skip_white(true)? {
            None => Ok(None),
            Some(b']') => {
                self.bump()?;
                Ok(None)
            }
            Some(_) => {
                let start = self.pos;
                let mut bytes = Vec::new();
                let scanned = self.value(Some(&mut bytes), DOCUMENT_CAP, None)?;
                Ok(Some(Element { bytes, start, size: scanned.size }))
            }
        }
    }
}

/// An element of a list.
pub(crate) struct Element {
    /// Its bytes; empty when it has more than [`DOCUMENT_CAP`].
    pub(crate) bytes: Vec<u8>,
    pub(crate) start: Pos,
    pub(crate) size: u64,
}

/// What the structure of a top-level object says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// A list of works: the scan stands after the `[` of its items.
    List {
        /// `/items` or `/message/items`.
        pointer: &'static str,
        /// The response's `message-type`, when it came before the items.
        message_type: Option<String>,
        /// The objects the items are inside (1 or 2).
        depth: usize,
    },
    /// Something else (a work, a response holding one, broken JSON, a head too long to tell):
    /// the whole value is read as one.
    Other,
}

/// Looks into the object at the current `{` for the items of a list: `items` at its top, or in
/// its `message`, a list. A work has no `items`, so a list is told by its structure, whatever
/// `message-type` says. Gives up at the first byte that does not fit or at `limit` bytes.
pub(crate) fn find_list<S: BufRead>(src: &mut Src<S>, limit: Option<u64>) -> io::Result<Found> {
    src.bump()?;
    let mut message_type = None;
    let mut first = true;
    loop {
        match src.skip_white(false)? {
            Some(b'}') if first => return Ok(Found::Other),
            Some(b'"') => {}
            _ => return Ok(Found::Other),
        }
        first = false;
        let mut key = Vec::new();
        if !src.string(&mut key, 64)? {
            return Ok(Found::Other);
        }
        if src.skip_white(false)? != Some(b':') {
            return Ok(Found::Other);
        }
        src.bump()?;
        match (key.as_slice(), src.skip_white(false)?) {
            (b"items", Some(b'[')) => {
                src.bump()?;
                return Ok(Found::List { pointer: "/items", message_type, depth: 1 });
            }
            (b"message-type", Some(b'"')) => {
                let mut text = Vec::new();
                if !src.string(&mut text, 256)? {
                    return Ok(Found::Other);
                }
                message_type = Some(String::from_utf8_lossy(&text).into_owned());
            }
            (b"message", Some(b'{')) => {
                if let Some(found) = find_in_message(src, limit, &mut message_type)? {
                    return Ok(found);
                }
            }
            (_, None) => return Ok(Found::Other),
            _ => {
                if src.value(None, 0, limit)?.end != End::Done {
                    return Ok(Found::Other);
                }
            }
        }
        if limit.is_some_and(|limit| src.consumed >= limit) {
            return Ok(Found::Other);
        }
        match src.skip_white(false)? {
            Some(b',') => src.bump()?,
            _ => return Ok(Found::Other),
        }
    }
}

/// [`find_list`] inside `message`: `Some` when its items were found or the structure broke,
/// `None` when the message ended without items (a work).
fn find_in_message<S: BufRead>(
    src: &mut Src<S>,
    limit: Option<u64>,
    message_type: &mut Option<String>,
) -> io::Result<Option<Found>> {
    src.bump()?;
    let mut first = true;
    loop {
        match src.skip_white(false)? {
            Some(b'}') if first => {
                src.bump()?;
                return Ok(None);
            }
            Some(b'"') => {}
            _ => return Ok(Some(Found::Other)),
        }
        first = false;
        let mut key = Vec::new();
        if !src.string(&mut key, 64)? || src.skip_white(false)? != Some(b':') {
            return Ok(Some(Found::Other));
        }
        src.bump()?;
        match (key.as_slice(), src.skip_white(false)?) {
            (b"items", Some(b'[')) => {
                src.bump()?;
                return Ok(Some(Found::List {
                    pointer: "/message/items",
                    message_type: message_type.take(),
                    depth: 2,
                }));
            }
            (_, None) => return Ok(Some(Found::Other)),
            _ => {
                if src.value(None, 0, limit)?.end != End::Done {
                    return Ok(Some(Found::Other));
                }
            }
        }
        match src.skip_white(false)? {
            Some(b',') => src.bump()?,
            Some(b'}') => {
                src.bump()?;
                return Ok(None);
            }
            _ => return Ok(Some(Found::Other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Found {
        let mut src = Src::new(text.as_bytes(), Pos::START, false);
        assert_eq!(src.skip_white(false).unwrap(), Some(b'{'));
        find_list(&mut src, None).unwrap()
    }

    #[test]
    fn lists_are_told_by_their_items() {
        assert_eq!(
            found(r#"{"items": [{"DOI": "a"}]}"#),
            Found::List { pointer: "/items", message_type: None, depth: 1 }
        );
        assert_eq!(
            found(r#"{"status":"ok","message-type":"work-list","message":{"facets":{},"items":[]}}"#),
            Found::List { pointer: "/message/items", message_type: Some("work-list".into()), depth: 2 }
        );
        assert_eq!(found(r#"{"status":"ok","message-type":"work","message":{"DOI":"a","title":["x"]}}"#), Found::Other);
        assert_eq!(found(r#"{"DOI": "a", "items": "x"}"#), Found::Other);
        assert_eq!(found(r#"{"DOI": "a" "broken": 1}"#), Found::Other);
        assert_eq!(found("{}"), Found::Other);
    }

    #[test]
    fn elements_and_their_places() {
        let text = "{\"items\": [\n  {\"DOI\": \"a\"},\n  {\"DOI\": \"b\", \"x\": [1, \"]\"]}\n], \"next\": {\"a\": 1}}\n{\"DOI\": \"c\"}";
        let mut src = Src::new(text.as_bytes(), Pos::START, false);
        src.skip_white(false).unwrap();
        assert!(matches!(find_list(&mut src, None).unwrap(), Found::List { depth: 1, .. }));
        let a = src.element().unwrap().unwrap();
        assert_eq!((a.bytes.as_slice(), a.start), (&b"{\"DOI\": \"a\"}"[..], Pos { line: 2, before: 2 }));
        let b = src.element().unwrap().unwrap();
        assert_eq!(b.bytes, b"{\"DOI\": \"b\", \"x\": [1, \"]\"]}");
        assert!(src.element().unwrap().is_none());
        src.close(1).unwrap();
        assert_eq!(src.skip_white(false).unwrap(), Some(b'{'));
        assert_eq!(src.pos, Pos { line: 5, before: 0 });
    }

    #[test]
    fn a_value_over_the_cap_is_read_past_without_being_kept() {
        let text = format!("[{{\"a\": \"{}\"}}, 2]", "x".repeat(100));
        let mut src = Src::new(text.as_bytes(), Pos::START, false);
        src.skip_white(false).unwrap();
        src.take(1, None).unwrap();
        let mut kept = Vec::new();
        let scanned = src.value(Some(&mut kept), 10, None).unwrap();
        assert_eq!((scanned.end, scanned.size, kept.len()), (End::Done, 109, 0));
        let next = src.element().unwrap().unwrap();
        assert_eq!(next.bytes, b"2");
    }

    #[test]
    fn positions_compose() {
        let outer = Pos { line: 3, before: 4 };
        assert_eq!(outer.then(Pos { line: 1, before: 2 }), Pos { line: 3, before: 6 });
        assert_eq!(outer.then(Pos { line: 2, before: 2 }), Pos { line: 4, before: 2 });
    }
}

//! The part of the input [`JsonItems`](super::JsonItems) holds: the bytes from the start of the
//! item being read to as far as it has looked ahead, addressed by their offset in the whole
//! input, with the line and column of any offset at or after the last one asked for.

use std::io::{self, BufRead};

/// How many bytes one read takes from the input at most (an in-memory input hands out all of
/// itself at once).
const CHUNK: usize = 64 * 1024;

/// Below this many released bytes, the held bytes are not moved to the front of the buffer.
const COMPACT: usize = 64 * 1024;

/// A window on the input.
pub(super) struct Window<R> {
    reader: R,
    /// The bytes held, from `start`; those before `start` are released.
    data: Vec<u8>,
    start: usize,
    /// Up to this capacity the buffer doubles as it grows; past it, it grows by an eighth: the
    /// splitter's cap and some room, so that an item held up to the cap is not held in a buffer
    /// of twice its size.
    soft: usize,
    /// The offset in the input of the first byte held.
    base: u64,
    /// True once the input has ended.
    eof: bool,
    /// An error met while reading ahead, handed over when the bytes before it are used up.
    deferred: Option<io::Error>,
    /// The offset up to which lines have been counted, and the line and column there (the
    /// column counts the bytes before the offset on its line).
    mark: u64,
    line: u32,
    column: u32,
}

impl<R: BufRead> Window<R> {
    pub(super) fn new(reader: R) -> Self {
        Window {
            reader,
            data: Vec::new(),
            start: 0,
            soft: 2 * CHUNK,
            base: 0,
            eof: false,
            deferred: None,
            mark: 0,
            line: 1,
            column: 0,
        }
    }

    /// Sets the most bytes the splitter holds in the usual case (its cap on one item): the
    /// buffer doubles up to that and some room, and grows more slowly past it.
    pub(super) fn set_cap(&mut self, cap: usize) {
        self.soft = cap.saturating_add(2 * CHUNK);
    }

    fn held(&self) -> &[u8] {
        self.data.get(self.start..).unwrap_or_default()
    }

    /// The offset of the first byte held.
    pub(super) fn base(&self) -> u64 {
        self.base
    }

    /// The offset just after the last byte read.
    pub(super) fn end(&self) -> u64 {
        self.base.saturating_add(self.held().len() as u64)
    }

    /// How many bytes the window's buffer can hold without growing.
    #[cfg(test)]
    pub(super) fn held_capacity(&self) -> usize {
        self.data.capacity()
    }

    /// Reads more of the input when it can: an error is kept to be handed over by the next
    /// [`fill`](Self::fill), once the bytes read before it are used up. False when nothing more
    /// can be read now.
    pub(super) fn fill_ahead(&mut self) -> bool {
        if self.deferred.is_some() {
            return false;
        }
        match self.fill() {
            Ok(more) => more,
            Err(error) => {
                self.deferred = Some(error);
                false
            }
        }
    }

    /// Whether the input has ended (all of it was read).
    pub(super) fn at_eof(&self) -> bool {
        self.eof
    }

    /// Reads more of the input; false when it has ended.
    pub(super) fn fill(&mut self) -> io::Result<bool> {
        if let Some(error) = self.deferred.take() {
            return Err(error);
        }
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.reader.fill_buf() {
                Ok([]) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(buf) => {
                    let taken = buf.get(..CHUNK).unwrap_or(buf);
                    make_room(&mut self.data, &mut self.start, self.soft, taken.len());
                    self.data.extend_from_slice(taken);
                    let n = taken.len();
                    self.reader.consume(n);
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The byte at `at`, reading the input up to it if need be; `None` past the end of the
    /// input (or before the bytes held).
    pub(super) fn byte(&mut self, at: u64) -> io::Result<Option<u8>> {
        while at >= self.end() {
            if !self.fill()? {
                return Ok(None);
            }
        }
        Ok(self.peek(at))
    }

    /// The byte at `at` if it is held.
    pub(super) fn peek(&self, at: u64) -> Option<u8> {
        let i = usize::try_from(at.checked_sub(self.base)?).ok()?;
        self.held().get(i).copied()
    }

    /// The bytes held from `at` on (empty when `at` is not held).
    pub(super) fn from(&self, at: u64) -> &[u8] {
        let Some(i) = at.checked_sub(self.base).and_then(|i| usize::try_from(i).ok()) else {
            return &[];
        };
        self.held().get(i..).unwrap_or_default()
    }

    /// The bytes held from `from` to `to` (what of them is held).
    pub(super) fn slice(&self, from: u64, to: u64) -> &[u8] {
        let bytes = self.from(from);
        let length = usize::try_from(to.saturating_sub(from)).unwrap_or(usize::MAX);
        bytes.get(..length).unwrap_or(bytes)
    }

    /// Forgets the bytes before `at` (they are counted for lines first).
    pub(super) fn release(&mut self, at: u64) {
        let at = at.min(self.end());
        if at <= self.base {
            return;
        }
        self.count_to(at);
        let n = usize::try_from(at - self.base).unwrap_or(usize::MAX);
        self.start = self.start.saturating_add(n).min(self.data.len());
        self.base = at;
    }

    /// Counts lines and columns up to `at` (no further than the bytes held).
    fn count_to(&mut self, at: u64) {
        if at <= self.mark {
            return;
        }
        let bytes = self.slice(self.mark, at);
        let counted = bytes.len() as u64;
        // With `memchr`: every byte of the input passes here, and line ends are sparse.
        let (line, column) = match memchr::memrchr(b'\n', bytes) {
            None => (self.line, self.column.saturating_add(u32::try_from(bytes.len()).unwrap_or(u32::MAX))),
            Some(last) => {
                let ends = memchr::memchr_iter(b'\n', bytes).count();
                let after = bytes.len().saturating_sub(last).saturating_sub(1);
                (
                    self.line.saturating_add(u32::try_from(ends).unwrap_or(u32::MAX)),
                    u32::try_from(after).unwrap_or(u32::MAX),
                )
            }
        };
        self.line = line;
        self.column = column;
        self.mark = self.mark.saturating_add(counted);
    }

    /// The 1-based line and column (in bytes) of the byte at `at`, which must be held and at or
    /// after every offset asked for before. Both saturate: a minified catalog can hold more
    /// than `u32::MAX` bytes on one line.
    pub(super) fn position(&mut self, at: u64) -> (u32, u32) {
        self.count_to(at);
        (self.line, self.column.saturating_add(1))
    }

    /// Whether the byte at `at` (held) starts its line: only spaces and tabs before it on its line.
    /// Unknown (false) when the line start is no longer held.
    pub(super) fn at_line_start(&self, at: u64) -> bool {
        self.indent_at(at).is_some()
    }

    /// How many spaces and tabs precede the byte at `at` (held) on its line, when nothing else
    /// does; `None` when something else does, or the line start is no longer held.
    pub(super) fn indent_at(&self, at: u64) -> Option<u32> {
        let before = self.slice(self.base, at);
        let indent = match before.iter().rposition(|&b| !matches!(b, b' ' | b'\t')) {
            Some(i) if before.get(i) == Some(&b'\n') => before.len().saturating_sub(i).saturating_sub(1),
            Some(_) => return None,
            None if self.base == 0 => before.len(),
            None => return None,
        };
        Some(u32::try_from(indent).unwrap_or(u32::MAX))
    }
}

/// Makes room in `data` for `more` bytes after those held (from `start`): released bytes are
/// dropped first when they are many (an eighth of the buffer at least, so that the moves stay
/// linear), then the buffer grows, doubling up to `soft` and by an eighth past it.
fn make_room(data: &mut Vec<u8>, start: &mut usize, soft: usize, more: usize) {
    let full = data.len().saturating_add(more) > data.capacity();
    if *start >= COMPACT && (*start >= data.len() / 2 || (full && *start >= data.len() / 8)) {
        data.drain(..*start);
        *start = 0;
    }
    let needed = data.len().saturating_add(more);
    let capacity = data.capacity();
    if needed <= capacity {
        return;
    }
    let grown = if capacity < soft {
        capacity.saturating_mul(2).max(CHUNK).min(soft)
    } else {
        capacity.saturating_add(capacity / 8)
    };
    data.reserve_exact(grown.max(needed).saturating_sub(data.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_survive_releases() {
        let mut w = Window::new(std::io::BufReader::with_capacity(3, &b"ab\ncd\n\nefg"[..]));
        assert_eq!(w.byte(4).unwrap(), Some(b'd'));
        assert_eq!(w.position(1), (1, 2));
        w.release(4);
        assert_eq!(w.position(4), (2, 2));
        assert_eq!(w.byte(8).unwrap(), Some(b'f'));
        assert_eq!(w.slice(4, 9), b"d\n\nef");
        assert!(w.at_line_start(7));
        assert!(!w.at_line_start(8));
        w.release(8);
        assert_eq!(w.position(9), (4, 3));
        assert_eq!(w.byte(10).unwrap(), None);
        assert_eq!(w.end(), 10);
    }
}

//! Splitting a JSON stream into its top-level items without parsing them, so that a catalog of
//! a million records in one JSON array or in JSON Lines is read one record at a time.

use std::io::{self, BufRead, Read};

/// One top-level item: an element of a top-level array, or one value of JSON Lines (or of
/// concatenated JSON values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonItem {
    /// 0-based position among the items.
    pub index: usize,
    /// 1-based line where the item starts.
    pub line: u32,
    /// 1-based column (in bytes) where the item starts.
    pub column: u32,
    /// The item's bytes, exactly as in the input; empty when [`Self::too_large`].
    pub bytes: Vec<u8>,
    /// True when the item is larger than the splitter's limit ([`JsonItems::with_limit`]): its
    /// bytes were not kept, and the splitter stopped there (this is its last item), since the
    /// next item can only be found by reading this one to its end.
    pub too_large: bool,
}

/// The largest item [`JsonItems::new`] hands over: 64 MiB. One JSON item is one record (or one
/// JSON:API document); the largest real ones (a DataCite record with 5,000 creators) take a few
/// MiB, so an item over this is not metadata to convert in one piece, and holding it would let
/// an endless input (`/dev/zero`) take all memory.
pub const MAX_ITEM_BYTES: usize = 64 << 20;

/// Where the scanner is in the top-level structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Before anything but white space (and a BOM).
    Start,
    /// Inside a top-level array, between elements.
    ArrayGap,
    /// Reading a sequence of top-level values (JSON Lines), between values.
    ValueGap,
    /// After the closing `]` of the top-level array.
    Done,
}

/// An iterator over the top-level items of a JSON stream.
///
/// A top-level array gives its elements; anything else gives each top-level value in turn (one
/// object is one item; JSON Lines give one item per line). Nothing is parsed: the bytes of each
/// item are handed over as written, and malformed JSON ends up in an item for a JSON parser to
/// report. Memory holds one item at a time.
///
/// In JSON Lines a line whose brackets do not balance ends at its line end, so that the lines
/// after it are still items: a value outside a top-level array that has not ended at the end of
/// a line ends there when the next line starts with `{` or `[` in its first column, and either
///
/// - the input is JSON Lines: its first value ends on the line it starts on; or
/// - the value never ends (the input ends first): the value then ends at the first such line
///   end, and the rest is read again as JSON Lines.
///
/// A value whose first line holds nothing but its opening bracket is never cut: that is how
/// pretty-printed JSON starts. So a pretty-printed document (or a top-level array, or several
/// documents one after the other) spanning many lines is one item (or one per element) as
/// before; only a value that is broken anyway can be cut.
///
/// ```
/// use crosswalk_text::JsonItems;
///
/// let items: Vec<_> = JsonItems::new(&b"[{\"a\": [1, 2]},\n {\"b\": \"]\"}]"[..]).map(Result::unwrap).collect();
/// assert_eq!(items.len(), 2);
/// assert_eq!(items[1].bytes, b"{\"b\": \"]\"}");
/// assert_eq!(items[1].line, 2);
///
/// let lines: Vec<_> = JsonItems::new(&b"{\"x\": 1}\n{\"x\": 2}\n"[..]).map(Result::unwrap).collect();
/// assert_eq!(lines.len(), 2);
///
/// // A broken line of JSON Lines is an item of its own; the lines after it are items too.
/// let broken: Vec<_> =
///     JsonItems::new(&b"{\"x\": 1}\n{\"x\": [\n{\"x\": 3}\n"[..]).map(Result::unwrap).collect();
/// assert_eq!(broken.len(), 3);
/// assert_eq!(broken[1].bytes, b"{\"x\": [");
/// assert_eq!(broken[2].line, 3);
/// ```
pub struct JsonItems<R> {
    reader: Replay<R>,
    mode: Mode,
    index: usize,
    line: u32,
    /// Bytes since the last line break, for the start column of the next item.
    column: u32,
    /// True when the input was a single top-level array (so a value after it is an error item).
    array: bool,
    /// True once the input is known to be JSON Lines (its first value ended on its first line),
    /// so that a value still open at a line end ends there when the next line starts a value.
    json_lines: bool,
    /// The most bytes one item may have.
    limit: usize,
    /// Set when the item being read outgrew [`Self::limit`].
    over_limit: bool,
    /// Set after an item over the limit: nothing more is read.
    stopped: bool,
}

/// The input, behind bytes handed back to be read again (the rest of a value that never ended,
/// read again as JSON Lines).
struct Replay<R> {
    inner: R,
    again: Vec<u8>,
    pos: usize,
}

impl<R: BufRead> Replay<R> {
    /// Hands `bytes` back: they are read before the rest of the input (and before what was
    /// handed back earlier and not read yet).
    fn push_back(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(self.again.get(self.pos..).unwrap_or_default());
        self.again = bytes;
        self.pos = 0;
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
        if self.pos < self.again.len() {
            return Ok(self.again.get(self.pos..).unwrap_or_default());
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.pos < self.again.len() {
            self.pos = self.pos.saturating_add(amount);
            if self.pos >= self.again.len() {
                self.again = Vec::new();
                self.pos = 0;
            }
        } else {
            self.inner.consume(amount);
        }
    }
}

impl<R: BufRead> JsonItems<R> {
    /// Items of the stream `reader`, each at most [`MAX_ITEM_BYTES`] long.
    pub fn new(reader: R) -> Self {
        Self::with_limit(reader, MAX_ITEM_BYTES)
    }

    /// Items of the stream `reader`, each at most `limit` bytes long. An item over the limit is
    /// handed over as [`JsonItem::too_large`], without its bytes, once `limit + 1` of them have
    /// been read, and it is the last item: nothing after it is read. So the splitter holds at
    /// most about `limit` bytes, whatever the input (an endless one included).
    ///
    /// ```
    /// use crosswalk_text::JsonItems;
    ///
    /// let items: Vec<_> =
    ///     JsonItems::with_limit(&b"[{\"a\": 1}, {\"b\": \"far too long\"}, {}]"[..], 10).map(Result::unwrap).collect();
    /// assert_eq!(items.len(), 2);
    /// assert!(!items[0].too_large);
    /// assert!(items[1].too_large && items[1].bytes.is_empty());
    /// ```
    pub fn with_limit(reader: R, limit: usize) -> Self {
        JsonItems {
            reader: Replay { inner: reader, again: Vec::new(), pos: 0 },
            mode: Mode::Start,
            index: 0,
            line: 1,
            column: 0,
            array: false,
            json_lines: false,
            limit,
            over_limit: false,
            stopped: false,
        }
    }

    /// True when the stream turned out to be a top-level array.
    pub fn is_array(&self) -> bool {
        self.array
    }

    /// Skips white space (and commas between array elements); returns the next significant byte
    /// without consuming it, or `None` at the end.
    fn skip_gap(&mut self, commas: bool) -> io::Result<Option<u8>> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut used = 0;
            let mut found = None;
            for &b in buf {
                let skipped = match b {
                    b'\n' | b' ' | b'\t' | b'\r' => true,
                    b',' => commas,
                    0xEF | 0xBB | 0xBF => self.mode == Mode::Start,
                    _ => false,
                };
                if !skipped {
                    found = Some(b);
                    break;
                }
                advance(&mut self.line, &mut self.column, b);
                used += 1;
            }
            self.reader.consume(used);
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Reads one complete value starting at the current byte. Stops after its last byte for
    /// objects, arrays and strings; for scalars, at the first delimiter.
    ///
    /// With `lines` (a value outside a top-level array), a value still open at a line end may
    /// end there (see [`JsonItems`]): at once in JSON Lines, else only when the input ends before
    /// the value does, in which case what follows the cut is handed back to be read again.
    ///
    /// Each buffer is scanned first, then copied and counted (lines, columns) in one go.
    fn read_value(&mut self, lines: bool) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut started = false;
        // Whether a cut at a line end is allowed: not for a value whose first line is nothing
        // but its opening bracket (pretty-printed JSON), decided at its first line end.
        let mut cuttable = lines;
        let mut seen_line_end = false;
        // The previous buffer ended with a line end inside the value, where it could end.
        let mut at_line_start = false;
        // Where the value could have ended (the length of `out` and the line then), should the
        // input end before it does.
        let mut fallback: Option<(usize, u32)> = None;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                if depth > 0 || in_string {
                    if let Some((at, line)) = fallback {
                        // The value never ends: it ends at its first possible cut, and the rest
                        // is read again, as JSON Lines.
                        let rest = if at <= out.len() { out.split_off(at) } else { Vec::new() };
                        self.reader.push_back(rest);
                        self.line = line;
                        self.column = 0;
                        self.json_lines = true;
                        trim_end(&mut out);
                    }
                }
                return Ok(out);
            }
            // How much of `buf` belongs to the value, whether the value ends there, and whether
            // it ends at a line end (a cut).
            let mut used = buf.len();
            let mut finished = false;
            let mut cut = false;
            if std::mem::take(&mut at_line_start) && matches!(buf.first(), Some(b'{' | b'[')) {
                if self.json_lines {
                    used = 0;
                    finished = true;
                    cut = true;
                } else if fallback.is_none() {
                    fallback = Some((out.len(), self.line));
                }
            }
            let scanned = if finished { &[][..] } else { buf };
            for (i, &b) in scanned.iter().enumerate() {
                let line_end = if in_string {
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
                    // A line end in a string: the string is broken anyway.
                    b == b'\n' && cuttable
                } else {
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
                        // A delimiter ends a scalar at the top level.
                        b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 && started => {
                            used = i;
                            finished = true;
                            break;
                        }
                        // A closing bracket with nothing open: an item of its own.
                        b'}' | b']' => {
                            used = i + 1;
                            finished = true;
                            break;
                        }
                        _ => {}
                    }
                    started = true;
                    // A line end inside the value.
                    b == b'\n' && cuttable && depth > 0
                };
                if line_end {
                    // The value could end here if the next line starts a value.
                    cuttable = first_line_holds_more(&out, buf.get(..i), &mut seen_line_end);
                    if cuttable {
                        match buf.get(i + 1) {
                            None => at_line_start = true,
                            Some(b'{' | b'[') if self.json_lines => {
                                used = i + 1;
                                finished = true;
                                cut = true;
                                break;
                            }
                            Some(b'{' | b'[') if fallback.is_none() => {
                                let line = self.line.saturating_add(buf.get(..=i).map_or(0, count_line_ends));
                                fallback = Some((out.len().saturating_add(i + 1), line));
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
            let taken = buf.get(..used).unwrap_or_default();
            if out.len().saturating_add(taken.len()) > self.limit {
                // Over the limit: nothing more is kept, and nothing more is read (the caller
                // ends the items here).
                self.over_limit = true;
                return Ok(Vec::new());
            }
            reserve_within(&mut out, taken.len(), self.limit);
            out.extend_from_slice(taken);
            advance_over(&mut self.line, &mut self.column, taken);
            self.reader.consume(used);
            if finished {
                if cut {
                    // A broken line of JSON Lines ends at its line end.
                    trim_end(&mut out);
                }
                return Ok(out);
            }
        }
    }

    /// Where the next item starts: the byte after the current column.
    fn start(&self) -> (u32, u32) {
        (self.line, self.column.saturating_add(1))
    }

    fn item(&mut self, (line, column): (u32, u32), bytes: Vec<u8>) -> Option<io::Result<JsonItem>> {
        let too_large = std::mem::take(&mut self.over_limit);
        if too_large {
            // The item's end is unknown, so is where the next one starts: stop here.
            self.mode = Mode::Done;
            self.stopped = true;
        }
        let item = JsonItem { index: self.index, line, column, bytes, too_large };
        self.index = self.index.saturating_add(1);
        Some(Ok(item))
    }
}

/// At the first line end of a value: whether its first line (`before`, then `line`: what of it
/// is in the current buffer) holds more than an opening bracket, that is, at least two bytes
/// that are not white space. Later line ends do not change the answer.
fn first_line_holds_more(before: &[u8], line: Option<&[u8]>, seen_line_end: &mut bool) -> bool {
    if *seen_line_end {
        return true;
    }
    *seen_line_end = true;
    let significant = before.iter().chain(line.unwrap_or_default()).filter(|b| !b.is_ascii_whitespace()).take(2);
    significant.count() > 1
}

/// How many line ends `bytes` hold, as a line count.
fn count_line_ends(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.iter().filter(|&&b| b == b'\n').count()).unwrap_or(u32::MAX)
}

/// Moves `line` and `column` past `bytes` (see [`advance`]).
fn advance_over(line: &mut u32, column: &mut u32, bytes: &[u8]) {
    match bytes.iter().rposition(|&b| b == b'\n') {
        None => *column = column.saturating_add(u32::try_from(bytes.len()).unwrap_or(u32::MAX)),
        Some(last) => {
            *line = line.saturating_add(count_line_ends(bytes));
            *column = u32::try_from(bytes.len().saturating_sub(last).saturating_sub(1)).unwrap_or(u32::MAX);
        }
    }
}

/// Makes room in `out` for `more` bytes without letting its capacity pass `limit`, so that an item
/// just under the limit is not held in a buffer of twice its size.
fn reserve_within(out: &mut Vec<u8>, more: usize, limit: usize) {
    let needed = out.len().saturating_add(more);
    if needed > out.capacity() {
        let wanted = out.capacity().saturating_mul(2).max(needed).max(64).min(limit.max(needed));
        out.reserve_exact(wanted - out.len());
    }
}

/// Drops the white space (the line end) at the end of a value cut at a line end.
fn trim_end(out: &mut Vec<u8>) {
    let kept = out.trim_ascii_end().len();
    out.truncate(kept);
}

/// Moves `line` and `column` past byte `b`. Both saturate: a minified catalog can hold more
/// than `u32::MAX` bytes on one line.
fn advance(line: &mut u32, column: &mut u32, b: u8) {
    if b == b'\n' {
        *line = line.saturating_add(1);
        *column = 0;
    } else {
        *column = column.saturating_add(1);
    }
}

impl<R: BufRead> Iterator for JsonItems<R> {
    type Item = io::Result<JsonItem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.mode {
                Mode::Start => match self.skip_gap(false) {
                    Err(e) => return Some(Err(e)),
                    Ok(None) => {
                        self.mode = Mode::Done;
                        return None;
                    }
                    Ok(Some(b'[')) => {
                        self.reader.consume(1);
                        advance(&mut self.line, &mut self.column, b'[');
                        self.mode = Mode::ArrayGap;
                        self.array = true;
                    }
                    Ok(Some(_)) => self.mode = Mode::ValueGap,
                },
                Mode::ArrayGap => match self.skip_gap(true) {
                    Err(e) => return Some(Err(e)),
                    Ok(None) => {
                        self.mode = Mode::Done;
                        return None;
                    }
                    Ok(Some(b']')) => {
                        self.reader.consume(1);
                        advance(&mut self.line, &mut self.column, b']');
                        self.mode = Mode::Done;
                    }
                    Ok(Some(_)) => {
                        let line = self.start();
                        return match self.read_value(false) {
                            Ok(bytes) => self.item(line, bytes),
                            Err(e) => Some(Err(e)),
                        };
                    }
                },
                Mode::ValueGap => match self.skip_gap(false) {
                    Err(e) => return Some(Err(e)),
                    Ok(None) => {
                        self.mode = Mode::Done;
                        return None;
                    }
                    Ok(Some(_)) => {
                        let line = self.start();
                        let read = self.read_value(true);
                        // A first value that ends on the line it starts on: JSON Lines.
                        if self.index == 0 && self.line == line.0 {
                            self.json_lines = true;
                        }
                        return match read {
                            Ok(bytes) if self.over_limit => self.item(line, bytes),
                            Ok(bytes) if bytes.is_empty() => {
                                // A stray delimiter: hand it over as its own item, so the parser
                                // reports it, and move past it.
                                let mut stray = [0u8; 1];
                                if let Err(e) = self.reader.read_exact(&mut stray) {
                                    return Some(Err(e));
                                }
                                self.column = self.column.saturating_add(1);
                                self.item(line, stray.to_vec())
                            }
                            Ok(bytes) => self.item(line, bytes),
                            Err(e) => Some(Err(e)),
                        };
                    }
                },
                Mode::Done if self.stopped => return None,
                Mode::Done => {
                    // Anything after the top-level array is not JSON: hand it over whole (up to
                    // the limit, like any item).
                    return match self.skip_gap(false) {
                        Err(e) => Some(Err(e)),
                        Ok(None) => None,
                        Ok(Some(_)) => {
                            let line = self.start();
                            match crate::caps::read_capped(&mut self.reader, self.limit) {
                                Ok((rest, over)) => {
                                    self.stopped = true;
                                    self.over_limit = over;
                                    self.item(line, if over { Vec::new() } else { rest })
                                }
                                Err(e) => Some(Err(e)),
                            }
                        }
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str) -> Vec<String> {
        JsonItems::new(input.as_bytes()).map(|i| String::from_utf8(i.unwrap().bytes).unwrap()).collect()
    }

    #[test]
    fn arrays_lines_and_single_values() {
        assert_eq!(items("[1, \"a,b\", {\"k\": [\"]\"]}, null]"), ["1", "\"a,b\"", "{\"k\": [\"]\"]}", "null"]);
        assert_eq!(items("{\"a\":1}{\"a\":2}\n\n{\"a\":3}"), ["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"]);
        assert_eq!(items("  {\"data\": [1, 2]}  "), ["{\"data\": [1, 2]}"]);
        assert_eq!(items("[]"), Vec::<String>::new());
        assert_eq!(items(""), Vec::<String>::new());
        assert_eq!(items("\u{feff}[{\"x\": \"\\\"\"}]"), ["{\"x\": \"\\\"\"}"]);
    }

    #[test]
    fn malformed_input_is_handed_over() {
        assert_eq!(items("[{\"a\": 1}, {\"b\": "), ["{\"a\": 1}", "{\"b\": "]);
        assert_eq!(items("[1] trailing"), ["1", "trailing"]);
        // What follows the array starts where it is.
        assert_eq!(placed("[1] x"), [("1".to_owned(), 1, 2), ("x".to_owned(), 1, 5)]);
        assert_eq!(items("{\"a\": 1}\n}\n{\"b\": 2}"), ["{\"a\": 1}", "}", "{\"b\": 2}"]);
    }

    #[test]
    fn lines_and_indexes() {
        let all: Vec<JsonItem> = JsonItems::new(&b"[\n{\"a\":\n1},\n\n{\"b\":2}\n]"[..]).map(Result::unwrap).collect();
        assert_eq!((all[0].index, all[0].line, all[0].column), (0, 2, 1));
        assert_eq!((all[1].index, all[1].line, all[1].column), (1, 5, 1));
        let all: Vec<JsonItem> = JsonItems::new(&b"[ {\"a\": 1},  {\"b\": 2}]"[..]).map(Result::unwrap).collect();
        assert_eq!((all[0].line, all[0].column), (1, 3));
        assert_eq!((all[1].line, all[1].column), (1, 14));
    }

    /// Each item with its line and column.
    fn placed(input: &str) -> Vec<(String, u32, u32)> {
        JsonItems::new(input.as_bytes())
            .map(|i| {
                let i = i.unwrap();
                (String::from_utf8(i.bytes).unwrap(), i.line, i.column)
            })
            .collect()
    }

    fn item(bytes: &str, line: u32) -> (String, u32, u32) {
        (bytes.to_owned(), line, 1)
    }

    #[test]
    fn a_broken_json_line_ends_at_its_line_end() {
        // The second line's `[` is not closed: it is an item of its own, and so is every line
        // after it (fuzz/regressions/read_datacite_json/f7-broken-line-swallows-lines.jsonl).
        let input = "{\"doi\": \"10.5072/a\"}\n{\"doi\": \"10.5072/b\", \"titles\": [\n{\"doi\": \"10.5072/c\"}\n{\"doi\": \"10.5072/d\"}\n";
        assert_eq!(
            placed(input),
            [
                item("{\"doi\": \"10.5072/a\"}", 1),
                item("{\"doi\": \"10.5072/b\", \"titles\": [", 2),
                item("{\"doi\": \"10.5072/c\"}", 3),
                item("{\"doi\": \"10.5072/d\"}", 4),
            ]
        );
        // A missing value, CRLF line ends, a blank line after the broken one.
        let input = "{\"id\": \"a\"}\r\n{\"id\": \"b\", \"type\": \r\n\r\n{\"id\": \"c\"}\r\n";
        assert_eq!(
            placed(input),
            [item("{\"id\": \"a\"}", 1), item("{\"id\": \"b\", \"type\":", 2), item("{\"id\": \"c\"}", 4)]
        );
        // A string left open at the line end.
        let input = "{\"a\": 1}\n{\"a\": \"open\n{\"b\": 2}\n[3]\n";
        assert_eq!(
            placed(input),
            [item("{\"a\": 1}", 1), item("{\"a\": \"open", 2), item("{\"b\": 2}", 3), item("[3]", 4)]
        );
        // An extra closing bracket is a stray item; the lines after it are items.
        assert_eq!(items("{\"a\": 1}\n{\"a\": 2}}\n{\"a\": 3}"), ["{\"a\": 1}", "{\"a\": 2}", "}", "{\"a\": 3}"]);
    }

    #[test]
    fn a_broken_first_line_ends_at_its_line_end_when_the_input_ends_first() {
        let input = "{\"a\": [\n{\"b\": 1}\n{\"c\": 2}\n";
        assert_eq!(placed(input), [item("{\"a\": [", 1), item("{\"b\": 1}", 2), item("{\"c\": 2}", 3)]);
        // What follows the cut is JSON Lines: a broken line there ends at its line end too.
        let input = "{\"a\": [\n{\"b\": [\n{\"c\": 2}\n";
        assert_eq!(placed(input), [item("{\"a\": [", 1), item("{\"b\": [", 2), item("{\"c\": 2}", 3)]);
        // Brackets that balance keep the lines together (a valid document, or one error).
        assert_eq!(items("{\"a\": [\n{\"b\": 1}\n]}\n{\"c\": 2}"), ["{\"a\": [\n{\"b\": 1}\n]}", "{\"c\": 2}"]);
    }

    #[test]
    fn pretty_printed_json_is_not_cut() {
        let pretty = "{\n  \"a\": [\n    {\"b\": 1},\n    {\"b\": [2]}\n  ]\n}";
        assert_eq!(items(pretty), [pretty]);
        // Several documents one after the other, the first of them on one line.
        let after = format!("{{}}\n{pretty}\n{pretty}\n");
        assert_eq!(items(&after), ["{}", pretty, pretty]);
        // No indentation at all (Python's `indent=0`), also after a value on one line.
        let flat = "{\n\"a\": [\n{\n\"b\": 1\n},\n[\n2\n]\n]\n}";
        assert_eq!(items(flat), [flat]);
        assert_eq!(items(&format!("1\n{flat}")), ["1", flat]);
        // One element a line inside a document whose first line holds more than a bracket.
        let wrapped = "{\"data\": [\n{\"id\": 1},\n{\"id\": 2}\n]}";
        assert_eq!(items(wrapped), [wrapped]);
        // A top-level array: its elements, whatever their lines.
        assert_eq!(items("[\n{\"a\": [\n{\"b\": 1}\n]}\n]"), ["{\"a\": [\n{\"b\": 1}\n]}"]);
        // A truncated pretty-printed document stays one (broken) item.
        let truncated = "{\n\"a\": [\n{\"b\": 1},\n{\"b\": 2";
        assert_eq!(items(truncated), [truncated]);
    }

    #[test]
    fn broken_lines_read_the_same_through_any_buffer() {
        for input in [
            "{\"a\": 1}\n{\"a\": [\n{\"b\": 1}\n{\"c\": \"x\n[1, 2]\n",
            "{\"a\": [\n{\"b\": [\n{\"c\": 2}\n\n{\"d\": {\n",
            "{\n  \"a\": [\n{\"b\": 1}\n]\n}\n",
        ] {
            let whole: Vec<JsonItem> = JsonItems::new(input.as_bytes()).map(Result::unwrap).collect();
            for capacity in 1..14 {
                let reader = std::io::BufReader::with_capacity(capacity, input.as_bytes());
                let buffered: Vec<JsonItem> = JsonItems::new(reader).map(Result::unwrap).collect();
                assert_eq!(buffered, whole, "{input:?} through {capacity} bytes");
            }
        }
    }

    #[test]
    fn works_across_small_buffers() {
        let input = b"[{\"title\": \"a long value with \\\"quotes\\\" and ] brackets\"}, [1, [2, [3]]], 42]";
        let reader = std::io::BufReader::with_capacity(3, &input[..]);
        let got: Vec<Vec<u8>> = JsonItems::new(reader).map(|i| i.unwrap().bytes).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[2], b"42");
    }

    /// Every item of `input` split with `limit`: its bytes as text, or `TOO LARGE`.
    fn limited(input: &[u8], limit: usize, capacity: usize) -> Vec<String> {
        let reader = std::io::BufReader::with_capacity(capacity, input);
        JsonItems::with_limit(reader, limit)
            .map(|item| {
                let item = item.unwrap();
                if item.too_large {
                    assert!(item.bytes.is_empty());
                    "TOO LARGE".to_owned()
                } else {
                    String::from_utf8(item.bytes).unwrap()
                }
            })
            .collect()
    }

    #[test]
    fn an_item_over_the_limit_is_the_last_one() {
        for capacity in [1, 3, 64] {
            let array = b"[{\"a\": 1}, {\"b\": \"0123456789\"}, {\"c\": 3}]";
            assert_eq!(limited(array, 10, capacity), ["{\"a\": 1}", "TOO LARGE"], "{capacity}");
            // Exactly at the limit is not over it.
            assert_eq!(limited(array, 19, capacity), ["{\"a\": 1}", "{\"b\": \"0123456789\"}", "{\"c\": 3}"]);
            let lines = b"{\"a\": 1}\n{\"b\": \"0123456789\"}\n{\"c\": 3}\n";
            assert_eq!(limited(lines, 10, capacity), ["{\"a\": 1}", "TOO LARGE"], "{capacity}");
            // What follows a top-level array is an item too, and limited like one.
            assert_eq!(limited(b"[1] 0123456789", 5, capacity), ["1", "TOO LARGE"], "{capacity}");
            assert_eq!(limited(b"[1] 0123", 5, capacity), ["1", "0123"], "{capacity}");
        }
    }

    #[test]
    fn an_endless_item_stops_at_the_limit() {
        for endless in [b'0', b'['] {
            let mut items = JsonItems::with_limit(std::io::BufReader::new(std::io::repeat(endless)), 100_000);
            let item = items.next().unwrap().unwrap();
            assert!(item.too_large);
            assert!(items.next().is_none());
        }
    }
}

//! Splitting a JSON stream into its top-level items without parsing them, so that a catalog of
//! a million records in one JSON array or in JSON Lines is read one record at a time.

use std::io::{self, BufRead};

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
    /// The item's bytes, exactly as in the input.
    pub bytes: Vec<u8>,
}

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
/// ```
pub struct JsonItems<R> {
    reader: R,
    mode: Mode,
    index: usize,
    line: u32,
    /// Bytes since the last line break, for the start column of the next item.
    column: u32,
    /// True when the input was a single top-level array (so a value after it is an error item).
    array: bool,
}

impl<R: BufRead> JsonItems<R> {
    /// Items of the stream `reader`.
    pub fn new(reader: R) -> Self {
        JsonItems { reader, mode: Mode::Start, index: 0, line: 1, column: 0, array: false }
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
    fn read_value(&mut self) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut started = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(out);
            }
            let mut used = 0;
            let mut finished = false;
            for &b in buf {
                if in_string {
                    used += 1;
                    out.push(b);
                    advance(&mut self.line, &mut self.column, b);
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            finished = true;
                            break;
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' if depth > 0 => depth -= 1,
                    // A delimiter ends a scalar at the top level.
                    b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n' if depth == 0 && started => {
                        finished = true;
                        break;
                    }
                    _ => {}
                }
                started = true;
                used += 1;
                out.push(b);
                advance(&mut self.line, &mut self.column, b);
                if depth == 0 && matches!(b, b'}' | b']') {
                    finished = true;
                    break;
                }
            }
            self.reader.consume(used);
            if finished {
                return Ok(out);
            }
        }
    }

    /// Where the next item starts: the byte after the current column.
    fn start(&self) -> (u32, u32) {
        (self.line, self.column.saturating_add(1))
    }

    fn item(&mut self, (line, column): (u32, u32), bytes: Vec<u8>) -> Option<io::Result<JsonItem>> {
        let item = JsonItem { index: self.index, line, column, bytes };
        self.index = self.index.saturating_add(1);
        Some(Ok(item))
    }
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
                        self.mode = Mode::Done;
                    }
                    Ok(Some(_)) => {
                        let line = self.start();
                        return match self.read_value() {
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
                        return match self.read_value() {
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
                Mode::Done => {
                    // Anything after the top-level array is not JSON: hand it over whole.
                    return match self.skip_gap(false) {
                        Err(e) => Some(Err(e)),
                        Ok(None) => None,
                        Ok(Some(_)) => {
                            let line = self.start();
                            let mut rest = Vec::new();
                            match self.reader.read_to_end(&mut rest) {
                                Ok(_) => self.item(line, rest),
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

    #[test]
    fn works_across_small_buffers() {
        let input = b"[{\"title\": \"a long value with \\\"quotes\\\" and ] brackets\"}, [1, [2, [3]]], 42]";
        let reader = std::io::BufReader::with_capacity(3, &input[..]);
        let got: Vec<Vec<u8>> = JsonItems::new(reader).map(|i| i.unwrap().bytes).collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[2], b"42");
    }
}

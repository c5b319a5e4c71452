//! The byte scanners behind [`JsonItems`](super::JsonItems): a validating JSON syntax scanner
//! (for array elements), a bracket balancer (for concatenated documents), and the line
//! classification that decides whether an input is JSON Lines.
//!
//! Both scanners are fed the bytes of one value in pieces (whatever the buffering) and say where
//! the value ends or, for the validating scanner, at which byte its syntax fails.

/// How deep the validating scanner follows nested containers. A value nested deeper fails there
/// (JSON parsers refuse far less: `serde_json` stops at 128).
const MAX_DEPTH: usize = 1024;

/// How much of a value's first key is kept to compare elements.
const KEY_BYTES: usize = 256;

/// What a scanner found in the bytes it was fed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Event {
    /// The value ends before the byte at the position returned.
    Done,
    /// The value's syntax fails at the byte at the position returned.
    Fail,
}

/// A scanner of one value.
pub(super) trait Feed {
    /// Scans `bytes`, the continuation of what was fed before. Returns how many bytes belong to
    /// the value (all of them when the value goes on) and what ended the scan, if anything.
    fn feed(&mut self, bytes: &[u8]) -> (usize, Option<Event>);

    /// Whether the value is complete when the input ends here (a number at the top level).
    fn complete_at_end(&self) -> bool;
}

/// JSON white space.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// A byte a JSON value can start with.
pub(super) fn starts_value(b: u8) -> bool {
    matches!(b, b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
}

/// `bytes` without the JSON white space at their end.
pub(super) fn trim_end(bytes: &[u8]) -> &[u8] {
    let kept = bytes.iter().rposition(|&b| !is_space(b)).map_or(0, |last| last.saturating_add(1));
    bytes.get(..kept).unwrap_or_default()
}

/// `bytes` without JSON white space at either end.
fn trim(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    trim_end(bytes.get(first..).unwrap_or_default())
}

/// The kind of a value, told by its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Object,
    Array,
    String,
    Number,
    Literal,
}

impl Kind {
    /// Every kind.
    pub(super) const ALL: [Kind; 5] = [Kind::Object, Kind::Array, Kind::String, Kind::Number, Kind::Literal];

    /// The kind's place in [`Kind::ALL`].
    pub(super) fn index(self) -> usize {
        match self {
            Kind::Object => 0,
            Kind::Array => 1,
            Kind::String => 2,
            Kind::Number => 3,
            Kind::Literal => 4,
        }
    }

    /// The kind of the value starting with `b`, if a value can start with it.
    pub(super) fn of(b: u8) -> Option<Kind> {
        match b {
            b'{' => Some(Kind::Object),
            b'[' => Some(Kind::Array),
            b'"' => Some(Kind::String),
            b'-' | b'0'..=b'9' => Some(Kind::Number),
            b't' | b'f' | b'n' => Some(Kind::Literal),
            _ => None,
        }
    }
}

/// What the validating scanner expects next, outside strings and scalars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A value (the top level, after a colon, after a comma in an array).
    Value,
    /// A value or `]` (after `[`).
    ValueOrClose,
    /// A key or `}` (after `{`).
    KeyOrClose,
    /// A key (after a comma in an object).
    Key,
    /// A colon (after a key).
    Colon,
    /// A comma or the container's closing bracket (after a value inside a container).
    CommaOrClose,
}

/// Where the validating scanner is in a number: the state of the grammar
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` after the bytes seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Number {
    Minus,
    Zero,
    Integer,
    Dot,
    Fraction,
    E,
    ESign,
    Exponent,
}

impl Number {
    /// The state after `b`, or `None` when `b` cannot continue the number.
    fn next(self, b: u8) -> Option<Number> {
        use Number::*;
        match (self, b) {
            (Minus, b'0') => Some(Zero),
            (Minus, b'1'..=b'9') => Some(Integer),
            (Integer, b'0'..=b'9') => Some(Integer),
            (Zero | Integer, b'.') => Some(Dot),
            (Dot | Fraction, b'0'..=b'9') => Some(Fraction),
            (Zero | Integer | Fraction, b'e' | b'E') => Some(E),
            (E, b'+' | b'-') => Some(ESign),
            (E | ESign | Exponent, b'0'..=b'9') => Some(Exponent),
            _ => None,
        }
    }

    /// Whether a number can end in this state.
    fn complete(self) -> bool {
        matches!(self, Number::Zero | Number::Integer | Number::Fraction | Number::Exponent)
    }
}

/// The validating scanner's lexical state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lex {
    /// Between tokens.
    Structure,
    /// Inside a string (a key or a value).
    Str { key: bool },
    /// After a backslash in a string.
    Escape { key: bool },
    /// Inside a `\u` escape, with `left` hex digits to come.
    Hex { key: bool, left: u8 },
    /// Inside a number.
    Number(Number),
    /// Inside `true`, `false` or `null`, `at` bytes of `word` seen.
    Literal { word: &'static [u8], at: usize },
}

/// A small JSON syntax state machine: a container stack with types, what is expected next, and
/// strings with their escapes and scalars with their grammar. It finds where one value ends, and
/// when the value is broken, the first byte at which its syntax fails (a `{` where an object
/// expects a key, a closing bracket of the wrong kind, a line end inside a string, …).
#[derive(Clone, Debug)]
pub(super) struct Validator {
    /// The open containers, innermost last: `true` for an object.
    stack: Vec<bool>,
    expect: Expect,
    lex: Lex,
    /// The value's first key, when it is an object with one (its first bytes, as written).
    first_key: Option<Vec<u8>>,
    /// True while the first key is being read.
    capturing: bool,
}

impl Validator {
    /// A scanner of one value.
    pub(super) fn new() -> Self {
        Validator { stack: Vec::new(), expect: Expect::Value, lex: Lex::Structure, first_key: None, capturing: false }
    }

    /// The first key of the value when it is an object and the key was read (as written, at most
    /// its first 256 bytes).
    pub(super) fn first_key(&self) -> Option<&[u8]> {
        if self.capturing {
            return None;
        }
        self.first_key.as_deref()
    }

    fn capture(&mut self, bytes: &[u8]) {
        if let Some(key) = self.first_key.as_mut().filter(|_| self.capturing) {
            let room = KEY_BYTES.saturating_sub(key.len());
            key.extend_from_slice(bytes.get(..room).unwrap_or(bytes));
        }
    }

    /// After a value: the top-level value is done, or a comma or closing bracket comes next.
    fn value_done(&mut self) -> bool {
        self.lex = Lex::Structure;
        if self.stack.is_empty() {
            return true;
        }
        self.expect = Expect::CommaOrClose;
        false
    }

    fn open(&mut self, object: bool) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            return false;
        }
        self.stack.push(object);
        self.expect = if object { Expect::KeyOrClose } else { Expect::ValueOrClose };
        true
    }

    /// One byte outside strings and scalars: `Some(done)` when it was taken (and whether it ends
    /// the value), `None` when the syntax fails at it.
    fn structure(&mut self, b: u8) -> Option<bool> {
        match self.expect {
            Expect::Value | Expect::ValueOrClose => match b {
                b'{' => self.open(true).then_some(false),
                b'[' => self.open(false).then_some(false),
                b'"' => {
                    self.lex = Lex::Str { key: false };
                    Some(false)
                }
                b'-' => {
                    self.lex = Lex::Number(Number::Minus);
                    Some(false)
                }
                b'0' => {
                    self.lex = Lex::Number(Number::Zero);
                    Some(false)
                }
                b'1'..=b'9' => {
                    self.lex = Lex::Number(Number::Integer);
                    Some(false)
                }
                b't' => {
                    self.lex = Lex::Literal { word: b"true", at: 1 };
                    Some(false)
                }
                b'f' => {
                    self.lex = Lex::Literal { word: b"false", at: 1 };
                    Some(false)
                }
                b'n' => {
                    self.lex = Lex::Literal { word: b"null", at: 1 };
                    Some(false)
                }
                b']' if self.expect == Expect::ValueOrClose => self.close(false),
                _ => None,
            },
            Expect::KeyOrClose | Expect::Key => match b {
                b'"' => {
                    if self.expect == Expect::KeyOrClose && self.stack.len() == 1 && self.first_key.is_none() {
                        self.first_key = Some(Vec::new());
                        self.capturing = true;
                    }
                    self.lex = Lex::Str { key: true };
                    Some(false)
                }
                b'}' if self.expect == Expect::KeyOrClose => self.close(true),
                _ => None,
            },
            Expect::Colon => (b == b':').then(|| {
                self.expect = Expect::Value;
                false
            }),
            Expect::CommaOrClose => match (b, self.stack.last()) {
                (b',', Some(&object)) => {
                    self.expect = if object { Expect::Key } else { Expect::Value };
                    Some(false)
                }
                (b'}', Some(true)) => self.close(true),
                (b']', Some(false)) => self.close(false),
                _ => None,
            },
        }
    }

    fn close(&mut self, object: bool) -> Option<bool> {
        match self.stack.pop() {
            Some(open) if open == object => Some(self.value_done()),
            _ => None,
        }
    }
}

impl Feed for Validator {
    fn feed(&mut self, bytes: &[u8]) -> (usize, Option<Event>) {
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            match self.lex {
                Lex::Str { key } => {
                    let rest = bytes.get(i..).unwrap_or_default();
                    let Some(k) = rest.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20) else {
                        self.capture(rest);
                        return (bytes.len(), None);
                    };
                    self.capture(rest.get(..k).unwrap_or_default());
                    i = i.saturating_add(k);
                    match bytes.get(i) {
                        Some(b'"') => {
                            i = i.saturating_add(1);
                            if key {
                                self.capturing = false;
                                self.lex = Lex::Structure;
                                self.expect = Expect::Colon;
                            } else if self.value_done() {
                                return (i, Some(Event::Done));
                            }
                        }
                        Some(b'\\') => {
                            self.capture(b"\\");
                            i = i.saturating_add(1);
                            self.lex = Lex::Escape { key };
                        }
                        // A control character (a line end) inside a string.
                        _ => return (i, Some(Event::Fail)),
                    }
                }
                Lex::Escape { key } => {
                    self.lex = match b {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Lex::Str { key },
                        b'u' => Lex::Hex { key, left: 4 },
                        _ => return (i, Some(Event::Fail)),
                    };
                    self.capture(&[b]);
                    i = i.saturating_add(1);
                }
                Lex::Hex { key, left } => {
                    if !b.is_ascii_hexdigit() {
                        return (i, Some(Event::Fail));
                    }
                    self.capture(&[b]);
                    i = i.saturating_add(1);
                    self.lex = if left <= 1 { Lex::Str { key } } else { Lex::Hex { key, left: left - 1 } };
                }
                Lex::Number(state) => match state.next(b) {
                    Some(next) => {
                        self.lex = Lex::Number(next);
                        i = i.saturating_add(1);
                    }
                    // The byte ends the number: it is read again as structure.
                    None if state.complete() => {
                        if self.value_done() {
                            return (i, Some(Event::Done));
                        }
                    }
                    None => return (i, Some(Event::Fail)),
                },
                Lex::Literal { word, at } => {
                    if word.get(at) != Some(&b) {
                        return (i, Some(Event::Fail));
                    }
                    i = i.saturating_add(1);
                    if at.saturating_add(1) >= word.len() {
                        if self.value_done() {
                            return (i, Some(Event::Done));
                        }
                    } else {
                        self.lex = Lex::Literal { word, at: at.saturating_add(1) };
                    }
                }
                Lex::Structure => {
                    if is_space(b) {
                        i = i.saturating_add(1);
                        continue;
                    }
                    match self.structure(b) {
                        None => return (i, Some(Event::Fail)),
                        Some(done) => {
                            i = i.saturating_add(1);
                            if done {
                                return (i, Some(Event::Done));
                            }
                        }
                    }
                }
            }
        }
        (bytes.len(), None)
    }

    fn complete_at_end(&self) -> bool {
        matches!(self.lex, Lex::Number(state) if state.complete()) && self.stack.is_empty()
    }
}

/// Bracket and string balancing: where a value ends when it is valid, without checking that it
/// is. A closing bracket with nothing open is a value of its own (one byte); a scalar ends at
/// white space, a comma or a closing bracket.
#[derive(Clone, Debug, Default)]
pub(super) struct Balancer {
    depth: u64,
    string: bool,
    escape: bool,
    started: bool,
}

impl Feed for Balancer {
    fn feed(&mut self, bytes: &[u8]) -> (usize, Option<Event>) {
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            if self.string {
                if self.escape {
                    self.escape = false;
                } else {
                    let rest = bytes.get(i..).unwrap_or_default();
                    let Some(k) = rest.iter().position(|&c| c == b'"' || c == b'\\') else {
                        return (bytes.len(), None);
                    };
                    i = i.saturating_add(k);
                    if bytes.get(i) == Some(&b'\\') {
                        self.escape = true;
                    } else {
                        self.string = false;
                        if self.depth == 0 {
                            return (i.saturating_add(1), Some(Event::Done));
                        }
                    }
                }
                i = i.saturating_add(1);
                continue;
            }
            match b {
                b'"' => self.string = true,
                b'{' | b'[' => self.depth = self.depth.saturating_add(1),
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i.saturating_add(1), Some(Event::Done));
                    }
                }
                // A scalar ends before a closing bracket; a stray one is a value of its own.
                b'}' | b']' => {
                    return if self.started { (i, Some(Event::Done)) } else { (i.saturating_add(1), Some(Event::Done)) }
                }
                b',' | b' ' | b'\t' | b'\r' | b'\n' if self.depth == 0 && self.started => {
                    return (i, Some(Event::Done))
                }
                _ => {}
            }
            self.started = true;
            i = i.saturating_add(1);
        }
        (bytes.len(), None)
    }

    fn complete_at_end(&self) -> bool {
        self.depth == 0 && !self.string && self.started
    }
}

/// Whether `bytes` hold one valid JSON value and white space.
pub(super) fn is_valid(bytes: &[u8]) -> bool {
    let bytes = trim(bytes);
    let mut validator = Validator::new();
    match validator.feed(bytes) {
        (used, Some(Event::Done)) => used == bytes.len(),
        (_, Some(Event::Fail)) => false,
        (_, None) => validator.complete_at_end(),
    }
}

/// What one line of the head of an input says about its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    /// A complete JSON value by itself (brackets balanced, strings closed, nothing after it):
    /// what the lines of JSON Lines are.
    Value,
    /// A line of pretty-printed JSON: a key and its colon (`"titles": [`), a line ending with a
    /// comma, or nothing but closing brackets and commas.
    Pretty,
    /// Anything else (an opening bracket alone, a broken line).
    Other,
}

/// Classifies one line (without its line end).
pub(super) fn classify_line(line: &[u8]) -> LineKind {
    let line = trim(line);
    let Some(&first) = line.first() else {
        return LineKind::Other;
    };
    let mut balancer = Balancer::default();
    let (used, event) = balancer.feed(line);
    let end = match event {
        Some(_) => Some(used),
        None if balancer.complete_at_end() => Some(line.len()),
        None => None,
    };
    let after = end.map(|end| trim(line.get(end..).unwrap_or_default()));
    if starts_value(first) && after.is_some_and(<[u8]>::is_empty) {
        return LineKind::Value;
    }
    let key = first == b'"' && after.is_some_and(|after| after.first() == Some(&b':'));
    let closers = line.iter().all(|&b| matches!(b, b'}' | b']' | b',') || is_space(b));
    if key || closers || line.last() == Some(&b',') {
        LineKind::Pretty
    } else {
        LineKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the validating scanner stops on `input`, fed in one piece and byte by byte.
    fn validate(input: &str) -> (usize, Option<Event>) {
        let mut whole = Validator::new();
        let (used, event) = whole.feed(input.as_bytes());
        let event = event.or_else(|| whole.complete_at_end().then_some(Event::Done));
        let mut piecewise = Validator::new();
        let mut at = 0;
        let mut found = None;
        for chunk in input.as_bytes().chunks(1) {
            let (n, e) = piecewise.feed(chunk);
            at += n;
            if e.is_some() {
                found = e;
                break;
            }
        }
        let found = found.or_else(|| piecewise.complete_at_end().then_some(Event::Done));
        assert_eq!((at, found), (used, event), "{input:?} byte by byte");
        (used, event)
    }

    #[test]
    fn the_validator_finds_the_end_of_valid_values() {
        for value in [
            "{}",
            "[]",
            "{\"a\": [1, -2.5e+3, true, false, null, \"x\\\"y\\u00e9\"], \"b\": {\"c\": {}}}",
            "\"just a string\"",
            "[[[]], {\"k\": [0]}]",
        ] {
            assert_eq!(validate(value), (value.len(), Some(Event::Done)), "{value}");
            // Whatever follows the value is not scanned.
            let followed = format!("{value}, {{");
            assert_eq!(validate(&followed), (value.len(), Some(Event::Done)), "{followed}");
        }
        // A number ends before the byte that ends it; at the end of the input it is complete.
        assert_eq!(validate("12.5,"), (4, Some(Event::Done)));
        assert_eq!(validate("12.5"), (4, Some(Event::Done)));
        assert_eq!(validate("true"), (4, Some(Event::Done)));
    }

    #[test]
    fn the_validator_fails_at_the_first_wrong_byte() {
        for (input, at) in [
            // A `{` where the object expects a key: the classic missing `}`.
            ("{\"a\": 1, {\"b\": 2}", 9),
            ("{\"a\": [1, 2}", 11),
            ("[1, 2}", 5),
            ("{\"a\" 1}", 5),
            ("{\"a\": \"line\nend\"}", 11),
            ("{\"a\": \"\\x\"}", 8),
            ("{\"a\": tru}", 9),
            ("{\"a\": 01}", 7),
            ("{\"a\": -}", 7),
            ("{\"a\": 1,}", 8),
            ("}", 0),
            ("\u{feff}{}", 0),
        ] {
            assert_eq!(validate(input), (at, Some(Event::Fail)), "{input:?}");
        }
        // A value that has not ended when the input ends.
        assert_eq!(validate("{\"a\": [1, 2"), (11, None));
        assert_eq!(validate("\"open"), (5, None));
    }

    #[test]
    fn the_validator_keeps_the_first_key() {
        let mut v = Validator::new();
        v.feed(b"{\"doi\": \"10.5072/x\", \"a\": {\"b\": 1}}");
        assert_eq!(v.first_key(), Some(&b"doi"[..]));
        let mut v = Validator::new();
        v.feed(b"{}");
        assert_eq!(v.first_key(), None);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(validate(&deep), (MAX_DEPTH, Some(Event::Fail)));
    }

    #[test]
    fn the_balancer_ends_values_as_before() {
        let balance = |input: &str| {
            let mut b = Balancer::default();
            let (used, event) = b.feed(input.as_bytes());
            (used, event.is_some() || b.complete_at_end())
        };
        assert_eq!(balance("{\"a\": \"}\"} {"), (10, true));
        assert_eq!(balance("}{"), (1, true));
        assert_eq!(balance("abc def"), (3, true));
        assert_eq!(balance("abc}"), (3, true));
        assert_eq!(balance("{\"a\": ["), (7, false));
    }

    #[test]
    fn lines_are_classified() {
        use LineKind::*;
        for (line, kind) in [
            ("{\"a\": 1}", Value),
            ("  [1, 2]\r", Value),
            ("null", Value),
            ("\"text\"", Value),
            ("{", Other),
            ("{\"a\": [", Other),
            ("{\"a\": 1}}", Other),
            ("garbage", Other),
            ("\"titles\": [", Pretty),
            ("\"a\": 1", Pretty),
            ("{\"b\": 1},", Pretty),
            ("],", Pretty),
            ("}", Pretty),
        ] {
            assert_eq!(classify_line(line.as_bytes()), kind, "{line:?}");
        }
    }
}

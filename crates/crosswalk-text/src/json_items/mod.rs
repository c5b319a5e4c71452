//! Splitting a JSON stream into its top-level items without parsing them, so that a catalog of
//! a million records in one JSON array or in JSON Lines is read one record at a time, and so
//! that a broken record loses itself only: every good item comes out, in order, with its index,
//! line and column, whatever breaks around it.
//!
//! # Shapes
//!
//! [`JsonItems`] reads an input in one of three [`JsonShape`]s, decided once, from the head of
//! the input, before anything is split ([`JsonItems::new`]), or given ([`JsonItems::with_shape`]):
//!
//! - **[`Array`](JsonShape::Array)**: the first significant byte (after a UTF-8 byte-order mark
//!   and white space) is `[`. The items are the array's elements; what follows the array's
//!   closing `]` (white space aside) is one more item.
//! - **[`Lines`](JsonShape::Lines)**: JSON Lines. Every non-blank line is exactly one item,
//!   whatever it holds (`{`, `null`, garbage, a stray `}`): a line is never joined with the next
//!   one, nor split. Line ends are LF or CRLF; the last line needs none; blank lines are no
//!   items; an item's column is that of its first byte that is not white space.
//! - **[`Document`](JsonShape::Document)**: values one after the other (a pretty-printed
//!   document, or several; white space and commas between them are skipped), each of which may
//!   span lines; their ends are found by balancing brackets and strings. A value that never ends
//!   is one item holding the rest of the input: it is one broken document.
//!
//! The input is JSON Lines when its head looks line-shaped. The head is its first 16 non-blank
//! lines (fewer when the input ends first, or once it holds 64 KiB and two whole lines; it
//! never grows past the item cap). Each whole line of the head is a *value* (a complete JSON
//! value by itself: brackets balanced, strings closed, nothing but white space after it),
//! *pretty* (a key and its colon as in `"titles": [`, a line ending with a comma, or nothing but
//! closing brackets and commas: how pretty-printed JSON looks), or neither. The head is
//! line-shaped when its first line is a value or at least two lines are, and values outnumber
//! pretty lines, unless the head read as a document holds nothing but valid values, one of
//! which spans lines (`{"a": [` then `{"b": 1}` then `]}`). So a first line that is only `{`
//! followed by good lines is still JSON Lines, and a pretty-printed document whose lists end
//! with a short object on its own line is not. An input starting with `[` is an array, unless
//! its first line (in the first 64 KiB) is no valid JSON value while the others are
//! line-shaped, two of them at least valid objects or lists: JSON Lines whose first line broke.
//!
//! ```
//! use crosswalk_text::{JsonItems, JsonShape};
//!
//! let mut lines = JsonItems::new(&b"{\n{\"x\": 2}\n{\"x\": 3}\n"[..]);
//! let items: Vec<_> = lines.by_ref().map(Result::unwrap).collect();
//! assert_eq!(lines.shape(), Some(JsonShape::Lines));
//! assert_eq!(items[0].bytes(), Some(&b"{"[..]));
//! assert_eq!((items[2].bytes(), items[2].line), (Some(&b"{\"x\": 3}"[..]), 3));
//!
//! let mut document = JsonItems::new(&b"{\n  \"titles\": [\n    {\"title\": \"A\"}\n  ]\n}\n"[..]);
//! assert_eq!(document.by_ref().count(), 1);
//! assert_eq!(document.shape(), Some(JsonShape::Document));
//! ```
//!
//! # Resynchronising in an array
//!
//! Each element of an array is scanned by a validating scanner (a small JSON syntax state
//! machine: a stack of containers with their types, what is expected next, strings with their
//! escapes, scalars with their grammar), so that a broken element is found at the first byte
//! where its syntax fails: a `{` where an object expects a key after a comma (the classic
//! missing `}`), a closing bracket of the wrong kind, a line end inside a string, the end of the
//! input. Reading then resumes at the first position `q` after the broken element's start that
//! is a **proven** element boundary:
//!
//! 1. **An element starts at `q`.** When all elements so far (the broken one too) started
//!    their lines at the same column (a pretty-printed catalog, one element a line), the line
//!    starts at that indentation holding any value are tried first (as far as the cap reaches);
//!    then those and every `{`, or first byte of the kind most complete elements have (`"`, a
//!    digit, …), after a comma (white space aside). The broken element is cut at that comma,
//!    or after its last byte when there is none.
//! 2. **The chain of elements from `q` proves it.** From `q`, complete and valid values follow
//!    one another, separated by commas (where two elements or more set the layout, each value
//!    after the first starts a line at the elements' indentation). The chain proves `q` when
//!    - it reaches the array's closing `]` (at a line start where the layout is settled)
//!      followed by nothing but white space to the end of the input;
//!    - it reaches 1 MiB past `q`, or holds one value larger than the cap, having passed the
//!      failure;
//!    - another broken element ends it: a broken value or a stray byte, the chain having passed
//!      the failure or its first value having the elements' key; a `]` followed by more than
//!      white space, its first value having the elements' key (the broken element had taken
//!      good elements for its own up to that other one);
//!    - the end of the input cuts it short, having passed the failure, when `q` is at the
//!      elements' indentation or its first value has their key.
//!
//!    A `]` followed by more ends a list nested in the broken element, and a first value
//!    followed by neither a comma nor a `]` was a key or inside an object (unless it surely is
//!    an element: with the elements' key, or of their kind at a settled indentation): such
//!    chains prove nothing. An element starts at `q` all the same when its own first value is
//!    broken, where the scan failed on it (the `{` after a comma where the broken element
//!    expected a key) or at a settled indentation: it is another broken element,
//!    resynchronised from when it is read.
//! 3. **Passing the failure**: `q` lies after the byte where the scan failed, or one of the
//!    chain's values ends after it (when `q` lies in what the scanner took for a string, or in
//!    a list the broken element left open).
//! 4. **The chain holds the elements' key**: when most complete elements (two at least) are
//!    objects with the same first key, one of the chain's values starts with it; before the
//!    failure, so it does when most complete elements and the broken one have the same first
//!    key, however few they are. A list among elements of another kind (which may hold the rest
//!    of the array) needs another value after it.
//!
//! The broken element becomes one item holding its bytes up to the cut (it fails to parse
//! downstream: one failed record); the element at `q` and every later one are items as usual.
//! When no boundary can be proven, the rest of the input is one broken item. Three more cases
//! count as broken elements: an element that grows past the cap is searched for a boundary
//! within its first cap bytes, as if it had failed there (a broken element that took the
//! elements after it for its own); a `]` followed by more than white space is searched after
//! (a `]` too many); and an element of another kind than most elements that neither a comma
//! nor the `]` follows is broken where it ends (a quote inserted into an element made a string
//! of the next element's start).
//!
//! The work stays bounded: a chain that proved nothing is remembered, so that no element is
//! scanned for it twice, and a large array with one broken element costs about one extra pass
//! over 1 MiB. (Pathological input, past 16 times the cap and 1 MiB of searching, gets one
//! broken item for the rest.)
//!
//! ```
//! use crosswalk_text::JsonItems;
//!
//! // The first element misses its `}`; the string of the third is left open.
//! let input = br#"[{"id": "a", "titles": [{"title": "A"}], {"id": "b"}, {"id": "c", "t": "open}, {"id": "d"}]"#;
//! let items: Vec<_> = JsonItems::new(&input[..]).map(|i| i.unwrap().bytes().unwrap().to_vec()).collect();
//! assert_eq!(items, [
//!     &br#"{"id": "a", "titles": [{"title": "A"}]"#[..],
//!     br#"{"id": "b"}"#,
//!     br#"{"id": "c", "t": "open}"#,
//!     br#"{"id": "d"}"#,
//! ]);
//! ```
//!
//! # The item cap
//!
//! An item larger than [`MAX_ITEM_BYTES`] (64 MiB, the JSON readers' cap on one document;
//! [`JsonItems::max_item_bytes`] sets another) is not held in memory: the splitter skips to its
//! end (the line end in JSON Lines; the end of the value, or the next proven boundary,
//! otherwise) and hands over a [`JsonContent::TooLarge`] item with its size, for the reader to
//! report as one failed record ([`ITEM_TOO_LARGE`](crate::ITEM_TOO_LARGE)); the items after it
//! are read. An item that has not ended [`SKIP_FACTOR`] times the cap past its start (256 MiB)
//! is not searched further: it is handed over as too large (`ended: false`) and is the last item,
//! the rest of the input unread, so that an endless input (`/dev/zero`) ends too. So memory stays
//! bounded whatever the input (a 1 GB line, a value that never ends): at most about twice the
//! cap and 1 MiB, and about the cap for an item too large; and so does the reading.
//!
//! ```
//! use crosswalk_text::{JsonContent, JsonItems};
//!
//! let input = &b"{\"a\": 1}\n{\"a\": \"a long, long value\"}\n{\"a\": 3}\n"[..];
//! let items: Vec<_> = JsonItems::new(input).max_item_bytes(16).map(Result::unwrap).collect();
//! assert_eq!(items[1].content, JsonContent::TooLarge { size: 27, limit: 16, ended: true });
//! assert_eq!((items[2].bytes(), items[2].line), (Some(&b"{\"a\": 3}"[..]), 3));
//!
//! // A line that does not end within four times the cap: the last item.
//! let endless = std::io::Read::chain(&b"{\"a\": 1}\n{\"a\": \""[..], std::io::repeat(b'x'));
//! let items: Vec<_> =
//!     JsonItems::new(std::io::BufReader::new(endless)).max_item_bytes(16).map(Result::unwrap).collect();
//! assert_eq!(items.len(), 2);
//! assert!(matches!(items[1].content, JsonContent::TooLarge { ended: false, .. }));
//! ```

mod resync;
mod scan;
#[cfg(test)]
mod tests;
mod window;

use std::io::{self, BufRead};

use scan::{is_space, trim_end, Balancer, Feed, Kind, LineKind, Validator};
use window::Window;

/// The largest item [`JsonItems`] holds in memory, in bytes (64 MiB, the cap of the JSON
/// readers on one document, so that an item held is an item they read): a larger one is handed
/// over as [`JsonContent::TooLarge`]. A DataCite or CSL record is a few kilobytes (a few MiB with
/// thousands of creators); a JSON:API page of 1,000 records some megabytes.
pub const MAX_ITEM_BYTES: usize = 64 << 20;

/// How far past its start an item too large to hold is searched for its end, in multiples of
/// the cap ([`MAX_ITEM_BYTES`]: 256 MiB): an item that has not ended by then is the last one
/// handed over ([`JsonContent::TooLarge`] with `ended: false`), and the rest of the input is not
/// read, so that an endless input ends, after a bounded amount of reading.
pub const SKIP_FACTOR: u64 = 4;

/// How much of the input's head decides its shape, in bytes, once two of its lines are whole.
const HEAD_BYTES: u64 = 64 * 1024;

/// How many non-blank lines of the head decide its shape.
const HEAD_LINES: usize = 16;

/// How an input is split into items (see the [module documentation](self)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonShape {
    /// A top-level array: its elements are the items.
    Array,
    /// JSON Lines: every non-blank line is one item.
    Lines,
    /// Values one after the other, each of which may span lines.
    Document,
}

/// What an item holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonContent {
    /// The item's bytes, exactly as in the input (without the white space around them).
    Bytes(Vec<u8>),
    /// The item is larger than the cap ([`MAX_ITEM_BYTES`] unless set otherwise): it was
    /// skipped, not held.
    TooLarge {
        /// The item's size in bytes; when it did not end, how much of it was read.
        size: u64,
        /// The cap it is larger than, in bytes.
        limit: u64,
        /// False when the item did not end within [`SKIP_FACTOR`] times the cap: then it is the
        /// last item, and the rest of the input was not read.
        ended: bool,
    },
}

/// One top-level item: an element of a top-level array, a line of JSON Lines, or one value of
/// a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonItem {
    /// 0-based position among the items.
    pub index: usize,
    /// 1-based line where the item starts.
    pub line: u32,
    /// 1-based column (in bytes) where the item starts.
    pub column: u32,
    /// The item's bytes, or its size when it is too large to hold.
    pub content: JsonContent,
}

impl JsonItem {
    /// The item's bytes; `None` when it is too large to hold.
    pub fn bytes(&self) -> Option<&[u8]> {
        match &self.content {
            JsonContent::Bytes(bytes) => Some(bytes),
            JsonContent::TooLarge { .. } => None,
        }
    }

    /// What to say of an item too large to hold (for a diagnostic coded
    /// [`ITEM_TOO_LARGE`](crate::ITEM_TOO_LARGE)); `None` for an item held.
    ///
    /// ```
    /// use crosswalk_text::JsonItems;
    ///
    /// let item = JsonItems::new(&b"[\"0123456789\"]"[..]).max_item_bytes(8).next().unwrap().unwrap();
    /// assert_eq!(item.too_large_message().unwrap(), "this item is 12 bytes long, more than the 8 bytes an item may have: it was skipped, not read");
    /// let endless = std::io::BufReader::new(std::io::repeat(b'1'));
    /// let item = JsonItems::new(endless).max_item_bytes(1 << 20).next().unwrap().unwrap();
    /// assert!(item.too_large_message().unwrap().starts_with("this item did not end within 4 MiB, four times the 1 MiB an item may have"));
    /// ```
    pub fn too_large_message(&self) -> Option<String> {
        match self.content {
            JsonContent::Bytes(_) => None,
            JsonContent::TooLarge { size, limit, ended: true } => Some(format!(
                "this item is {size} bytes long, more than the {} an item may have: it was skipped, not read",
                crate::caps::size(usize::try_from(limit).unwrap_or(usize::MAX))
            )),
            JsonContent::TooLarge { limit, ended: false, .. } => {
                let limit = usize::try_from(limit).unwrap_or(usize::MAX);
                let far = usize::try_from(SKIP_FACTOR).unwrap_or(usize::MAX).saturating_mul(limit);
                Some(format!(
                    "this item did not end within {}, four times the {} an item may have: it was not read, and \
                     neither was the rest of the input (where the next item starts is unknown until this one \
                     ends); check the input for a value that never ends, or split it",
                    crate::caps::size(far),
                    crate::caps::size(limit)
                ))
            }
        }
    }
}

/// What the elements of a top-level array read so far have in common.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Common<T> {
    /// No element yet.
    Nothing,
    /// All `n` elements so far have this.
    Same(T, usize),
    /// Not all elements have the same.
    Mixed,
}

impl<T: PartialEq> Common<T> {
    fn add(&mut self, value: T) {
        *self = match std::mem::replace(self, Common::Mixed) {
            Common::Nothing => Common::Same(value, 1),
            Common::Same(same, n) if same == value => Common::Same(same, n.saturating_add(1)),
            _ => Common::Mixed,
        };
    }
}

/// What the elements of a top-level array have in common, to recognise the next one after a
/// broken element.
#[derive(Clone, Debug)]
struct Elements {
    /// How many complete elements there were, and of each kind.
    total: usize,
    kinds: [usize; 5],
    /// The column of every element when each starts its line (`None` when one does not).
    layout: Common<Option<u32>>,
    /// The first key of the first complete element that has one, and how many complete
    /// elements start with it.
    key: Option<Vec<u8>>,
    keyed: usize,
}

impl Elements {
    fn new() -> Self {
        Elements { total: 0, kinds: [0; 5], layout: Common::Nothing, key: None, keyed: 0 }
    }

    /// Counts a complete element of `kind` whose first key is `key`.
    fn add(&mut self, kind: Option<Kind>, key: Option<&[u8]>) {
        self.total = self.total.saturating_add(1);
        if let Some(count) = kind.and_then(|kind| self.kinds.get_mut(kind.index())) {
            *count = count.saturating_add(1);
        }
        if self.key.is_none() {
            self.key = key.map(<[u8]>::to_vec);
        }
        if key.is_some() && key == self.key.as_deref() {
            self.keyed = self.keyed.saturating_add(1);
        }
    }

    /// The kind most complete elements so far have (more than half of them).
    fn kind(&self) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|kind| self.kinds.get(kind.index()).is_some_and(|&n| n.saturating_mul(2) > self.total))
    }

    /// The column all elements so far start their lines at, if they do.
    fn layout(&self) -> Option<u32> {
        match self.layout {
            Common::Same(Some(column), _) => Some(column),
            _ => None,
        }
    }

    /// The column at least two elements so far (the broken one too) and all of them start their
    /// lines at.
    fn settled_layout(&self) -> Option<u32> {
        match self.layout {
            Common::Same(Some(column), n) if n >= 2 => Some(column),
            _ => None,
        }
    }

    /// Whether an element can start with `b`: `{`, or the first byte of the kind most complete
    /// elements so far have.
    fn starts(&self, b: u8) -> bool {
        b == b'{' || (Kind::of(b).is_some() && Kind::of(b) == self.kind())
    }

    /// The first key most complete elements so far (two at least) start with.
    fn key(&self) -> Option<&[u8]> {
        (self.keyed >= 2 && self.keyed.saturating_mul(2) > self.total).then_some(self.key.as_deref()).flatten()
    }

    /// The first key most complete elements so far and a broken one (with `broken`, its first
    /// key if it was read) start with, however few they are.
    fn key_with<'a>(&'a self, broken: Option<&'a [u8]>) -> Option<&'a [u8]> {
        if self.total == 0 {
            return broken;
        }
        let key = (self.keyed.saturating_mul(2) > self.total).then_some(self.key.as_deref()).flatten()?;
        (broken.is_none() || broken == Some(key)).then_some(key)
    }
}

/// Where the splitter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Nothing read yet: the shape is to be decided (or the opening bracket skipped).
    Start,
    /// Reading items.
    Items,
    /// After the closing `]` of the top-level array: anything else is one item.
    AfterArray,
    /// No more items.
    Finished,
}

/// How a scan of one value ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    /// The value ends before this offset.
    Done(u64),
    /// The syntax fails at this offset (`eof`: the input ended there).
    Fail { at: u64, eof: bool },
    /// The scan reached its limit first.
    Limit,
}

/// An iterator over the top-level items of a JSON stream (see the [module documentation](self)
/// for the shapes, the resynchronisation after a broken array element and the item cap).
///
/// Nothing is parsed: the bytes of each item are handed over as written, and malformed JSON
/// ends up in an item for a JSON parser to report. Memory holds about one item at a time. An
/// I/O error ends the items, after those read before it (also when it was met reading ahead).
///
/// ```
/// use crosswalk_text::JsonItems;
///
/// let items: Vec<_> = JsonItems::new(&b"[{\"a\": [1, 2]},\n {\"b\": \"]\"}]"[..]).map(Result::unwrap).collect();
/// assert_eq!(items.len(), 2);
/// assert_eq!(items[1].bytes(), Some(&b"{\"b\": \"]\"}"[..]));
/// assert_eq!((items[1].line, items[1].column), (2, 2));
///
/// // A broken line of JSON Lines is an item of its own; the lines after it are items too.
/// let broken: Vec<_> =
///     JsonItems::new(&b"{\"x\": 1}\n{\"x\": [\n{\"x\": 3}\n"[..]).map(Result::unwrap).collect();
/// assert_eq!(broken.len(), 3);
/// assert_eq!(broken[1].bytes(), Some(&b"{\"x\": ["[..]));
/// assert_eq!(broken[2].line, 3);
/// ```
pub struct JsonItems<R> {
    window: Window<R>,
    shape: Option<JsonShape>,
    state: State,
    /// The offset of the next byte to read.
    cursor: u64,
    /// Whether only white space lies between the last line start and the cursor.
    clean: bool,
    index: usize,
    /// The largest item held, in bytes.
    cap: usize,
    elements: Elements,
    /// How many bytes the scanners have looked at (to keep the work bounded, in tests).
    ops: u64,
}

impl<R: BufRead> JsonItems<R> {
    /// Items of the stream `reader`, whose shape is decided from its head (see the [module
    /// documentation](self)).
    pub fn new(reader: R) -> Self {
        let mut window = Window::new(reader);
        window.set_cap(MAX_ITEM_BYTES);
        JsonItems {
            window,
            shape: None,
            state: State::Start,
            cursor: 0,
            clean: true,
            index: 0,
            cap: MAX_ITEM_BYTES,
            elements: Elements::new(),
            ops: 0,
        }
    }

    /// Items of the stream `reader` read as `shape`, whatever its head looks like. A byte-order
    /// mark at the start is skipped; as an array, the opening `[` is skipped when it is there
    /// (else the input is read as the elements of an array whose brackets are missing).
    pub fn with_shape(reader: R, shape: JsonShape) -> Self {
        let mut items = JsonItems::new(reader);
        items.shape = Some(shape);
        items
    }

    /// Sets the largest item held in memory, in bytes ([`MAX_ITEM_BYTES`] by default): a larger
    /// item is handed over as [`JsonContent::TooLarge`].
    #[must_use]
    pub fn max_item_bytes(mut self, limit: usize) -> Self {
        self.cap = limit.max(1);
        self.window.set_cap(self.cap);
        self
    }

    /// The shape the input is read as: `None` until the first item is asked for (the shape is
    /// decided then), unless it was given.
    pub fn shape(&self) -> Option<JsonShape> {
        self.shape
    }

    /// True when the input is read as a top-level array.
    pub fn is_array(&self) -> bool {
        self.shape == Some(JsonShape::Array)
    }

    fn cap(&self) -> u64 {
        self.cap as u64
    }

    /// How far past its start an item is searched for its end ([`SKIP_FACTOR`] times the cap).
    fn far(&self) -> u64 {
        self.cap().saturating_mul(SKIP_FACTOR)
    }

    fn next_item(&mut self) -> io::Result<Option<JsonItem>> {
        if self.state == State::Start {
            self.begin()?;
        }
        match (self.state, self.shape) {
            (State::Finished | State::Start, _) => Ok(None),
            (State::AfterArray, _) => self.after_array(),
            (State::Items, Some(JsonShape::Lines)) => self.next_line(),
            (State::Items, Some(JsonShape::Document)) => self.next_value(),
            (State::Items, Some(JsonShape::Array) | None) => self.next_element(),
        }
    }

    /// Skips a byte-order mark and white space, decides the shape if need be, and skips the
    /// array's opening bracket.
    fn begin(&mut self) -> io::Result<()> {
        let first = self.skip(|b| is_space(b) || matches!(b, 0xEF | 0xBB | 0xBF))?;
        let shape = match (self.shape, first) {
            (Some(shape), _) => shape,
            (None, None) => JsonShape::Document,
            (None, Some(first)) => self.decide(first)?,
        };
        if shape == JsonShape::Array && first == Some(b'[') {
            self.consume(1);
        }
        self.shape = Some(shape);
        self.state = State::Items;
        Ok(())
    }

    /// The shape of an input whose first significant byte is `first` (the cursor is there),
    /// from its head, which is read into the window, not consumed.
    fn decide(&mut self, first: u8) -> io::Result<JsonShape> {
        let start = self.cursor;
        // An array's head is only looked at in its first 64 KiB: a minified array is one line.
        let limit = if first == b'[' { HEAD_BYTES } else { self.cap().max(HEAD_BYTES) };
        let lines = self.head_lines(start, limit);
        let kinds: Vec<LineKind> =
            lines.iter().map(|&(from, to)| scan::classify_line(self.window.slice(from, to))).collect();
        let count = |kinds: &[LineKind], kind: LineKind| kinds.iter().filter(|&&k| k == kind).count();
        let shaped = |kinds: &[LineKind]| {
            let values = count(kinds, LineKind::Value);
            let first_is_value = kinds.first() == Some(&LineKind::Value);
            (first_is_value || values >= 2) && values > count(kinds, LineKind::Pretty)
        };
        Ok(if first == b'[' {
            // JSON Lines whose first line is broken and starts with `[`: the first line is no
            // valid value, and the others are JSON Lines, two of them at least valid objects or
            // lists (not fragments of a minified array that line ends cut).
            let valid = |&(from, to): &(u64, u64)| scan::is_valid(self.window.slice(from, to));
            let broken_first = lines.first().is_some_and(|line| !valid(line));
            let containers = lines
                .iter()
                .skip(1)
                .filter(|&&(from, to)| {
                    let line = self.window.slice(from, to);
                    line.iter().find(|&&b| !is_space(b)).is_some_and(|&b| b == b'{' || b == b'[') && valid(&(from, to))
                })
                .count();
            let rest = kinds.get(1..).unwrap_or_default();
            if broken_first && containers >= 2 && shaped(rest) && !self.document_fits(start) {
                JsonShape::Lines
            } else {
                JsonShape::Array
            }
        } else if shaped(&kinds) && !self.document_fits(start) {
            JsonShape::Lines
        } else {
            JsonShape::Document
        })
    }

    /// The whole non-blank lines of the head (from `start`): reads until it holds 16 of them,
    /// or the input ends, or it holds 64 KiB and two whole lines, or `limit` bytes.
    fn head_lines(&mut self, start: u64, limit: u64) -> Vec<(u64, u64)> {
        let mut lines: Vec<(u64, u64)> = Vec::new();
        // Where the current line starts, and how far it was searched for its end.
        let mut line_start = start;
        let mut searched = start;
        loop {
            while lines.len() < HEAD_LINES {
                let rest = self.window.from(searched);
                let Some(k) = rest.iter().position(|&b| b == b'\n') else {
                    searched = self.window.end();
                    break;
                };
                let line_end = searched.saturating_add(k as u64);
                if self.window.slice(line_start, line_end).iter().any(|&b| !is_space(b)) {
                    lines.push((line_start, line_end));
                }
                line_start = line_end.saturating_add(1);
                searched = line_start;
            }
            let size = self.window.end().saturating_sub(start);
            if lines.len() >= HEAD_LINES || (size >= HEAD_BYTES && lines.len() >= 2) || size >= limit {
                return lines;
            }
            // An error reading the head is handed over after the items before it.
            if !self.window.fill_ahead() {
                // The last line needs no line end.
                let end = self.window.end();
                if self.window.slice(line_start, end).iter().any(|&b| !is_space(b)) {
                    lines.push((line_start, end));
                }
                return lines;
            }
        }
    }

    /// Whether the head (the bytes held from `start`) read as a document holds valid values
    /// only (the last may go on past the head), one of which spans lines: then the input is a
    /// document even when its lines look like JSON Lines (`{"a": [` then `{"b": 1}` then `]}`).
    fn document_fits(&self, start: u64) -> bool {
        let head = self.window.from(start);
        // No value spans lines in a head of one line (a single item, a minified array): the
        // common case, answered without scanning the values.
        let end = head.iter().rposition(|&b| !is_space(b)).map_or(0, |last| last + 1);
        if !head.get(..end).unwrap_or_default().contains(&b'\n') {
            return false;
        }
        let mut at = 0usize;
        let mut spans_lines = false;
        loop {
            let rest = head.get(at..).unwrap_or_default();
            let Some(skip) = rest.iter().position(|&b| !is_space(b)) else {
                return spans_lines;
            };
            at = at.saturating_add(skip);
            let rest = head.get(at..).unwrap_or_default();
            let mut validator = Validator::new();
            match validator.feed(rest) {
                (used, Some(scan::Event::Done)) => {
                    spans_lines |= rest.get(..used).is_some_and(|value| value.contains(&b'\n'));
                    at = at.saturating_add(used);
                }
                (_, Some(scan::Event::Fail)) => return false,
                // The head ends inside a value: what it holds of it is valid.
                (_, None) if !self.window.at_eof() => return spans_lines,
                (_, None) => return spans_lines && validator.complete_at_end(),
            }
        }
    }

    /// Moves the cursor past `n` bytes that are not white space.
    fn consume(&mut self, n: u64) {
        self.cursor = self.cursor.saturating_add(n);
        self.window.release(self.cursor);
        self.clean = false;
    }

    /// Skips the bytes `skipped` says so of, from the cursor; returns the next byte (not
    /// consumed), or `None` at the end of the input.
    fn skip(&mut self, skipped: impl Fn(u8) -> bool) -> io::Result<Option<u8>> {
        self.cursor = self.cursor.max(self.window.base());
        loop {
            if self.cursor >= self.window.end() && !self.window.fill()? {
                return Ok(None);
            }
            let rest = self.window.from(self.cursor);
            let mut found = None;
            let mut n = 0usize;
            for &b in rest {
                if !skipped(b) {
                    found = Some(b);
                    break;
                }
                match b {
                    b'\n' => self.clean = true,
                    b' ' | b'\t' | b'\r' => {}
                    _ => self.clean = false,
                }
                n += 1;
            }
            self.ops = self.ops.saturating_add(n as u64);
            self.cursor = self.cursor.saturating_add(n as u64);
            self.window.release(self.cursor);
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Feeds the bytes from `from` on to `scanner` until the value ends, fails, or the scan
    /// reaches `limit`. With `hold` (the item's start), bytes beyond the cap after it are
    /// released as they are scanned, and the second value returned says so.
    fn drive(&mut self, scanner: &mut impl Feed, from: u64, hold: Option<u64>, limit: u64) -> io::Result<(Scan, bool)> {
        let mut at = from;
        let mut overflowed = false;
        loop {
            if at >= limit {
                return Ok((Scan::Limit, overflowed));
            }
            if at >= self.window.end() && !self.window.fill()? {
                let scan = if scanner.complete_at_end() { Scan::Done(at) } else { Scan::Fail { at, eof: true } };
                return Ok((scan, overflowed));
            }
            let rest = self.window.from(at);
            let room = usize::try_from(limit.saturating_sub(at)).unwrap_or(usize::MAX);
            let rest = rest.get(..room).unwrap_or(rest);
            let (used, event) = scanner.feed(rest);
            self.ops = self.ops.saturating_add(used as u64);
            at = at.saturating_add(used as u64);
            match event {
                Some(scan::Event::Done) => return Ok((Scan::Done(at), overflowed)),
                Some(scan::Event::Fail) => return Ok((Scan::Fail { at, eof: false }, overflowed)),
                None => {}
            }
            if let Some(start) = hold {
                if at.saturating_sub(start) > self.cap() {
                    overflowed = true;
                    self.window.release(at);
                }
            }
        }
    }

    /// The item from `from` to `to` (trimmed of white space at its end with `trim`), or its size
    /// when it is too large or no longer held.
    fn emit(&mut self, (line, column): (u32, u32), from: u64, to: u64, overflowed: bool, trim: bool) -> JsonItem {
        let size = to.saturating_sub(from);
        let content = if overflowed || size > self.cap() || from < self.window.base() {
            JsonContent::TooLarge { size, limit: self.cap(), ended: true }
        } else {
            let bytes = self.window.slice(from, to);
            JsonContent::Bytes(if trim { trim_end(bytes) } else { bytes }.to_vec())
        };
        let item = JsonItem { index: self.index, line, column, content };
        self.index = self.index.saturating_add(1);
        item
    }

    /// The item starting at `from` that did not end by `to`, [`SKIP_FACTOR`] times the cap past
    /// its start: too large, and the last item (nothing more is read).
    fn give_up(&mut self, (line, column): (u32, u32), from: u64, to: u64) -> JsonItem {
        let size = to.saturating_sub(from);
        let content = JsonContent::TooLarge { size, limit: self.cap(), ended: false };
        let item = JsonItem { index: self.index, line, column, content };
        self.index = self.index.saturating_add(1);
        self.cursor = self.cursor.max(to);
        self.window.release(to);
        self.state = State::Finished;
        item
    }

    /// The rest of the input from `from` on as one item; no item comes after it. When it goes on
    /// past [`SKIP_FACTOR`] times the cap, it is given up there ([`Self::give_up`]).
    fn rest(&mut self, position: (u32, u32), from: u64) -> io::Result<Option<JsonItem>> {
        let far = from.saturating_add(self.far());
        let mut overflowed = false;
        loop {
            if self.window.end().saturating_sub(from) > self.cap() {
                overflowed = true;
                self.window.release(self.window.end());
            }
            if self.window.end() > far {
                let end = self.window.end();
                return Ok(Some(self.give_up(position, from, end)));
            }
            if !self.window.fill()? {
                break;
            }
        }
        let end = self.window.end();
        self.ops = self.ops.saturating_add(end.saturating_sub(self.cursor));
        let item = self.emit(position, from, end, overflowed, false);
        self.cursor = end;
        self.window.release(end);
        self.state = State::Finished;
        Ok(Some(item))
    }

    /// JSON Lines: the next non-blank line.
    fn next_line(&mut self) -> io::Result<Option<JsonItem>> {
        if self.skip(is_space)?.is_none() {
            self.state = State::Finished;
            return Ok(None);
        }
        let start = self.cursor;
        let position = self.window.position(start);
        let mut at = start;
        let mut overflowed = false;
        let end = loop {
            if at >= self.window.end() && !self.window.fill()? {
                break at;
            }
            let rest = self.window.from(at);
            // memchr: a line of JSON Lines is a whole record, often kilobytes long.
            let found = memchr::memchr(b'\n', rest);
            let n = found.unwrap_or(rest.len()) as u64;
            self.ops = self.ops.saturating_add(n);
            at = at.saturating_add(n);
            if found.is_some() {
                break at;
            }
            if at.saturating_sub(start) > self.cap() {
                overflowed = true;
                self.window.release(at);
            }
            if at.saturating_sub(start) > self.far() {
                return Ok(Some(self.give_up(position, start, at)));
            }
        };
        let item = self.emit(position, start, end, overflowed, true);
        self.cursor = end;
        self.window.release(end);
        Ok(Some(item))
    }

    /// A document: the next value.
    fn next_value(&mut self) -> io::Result<Option<JsonItem>> {
        if self.skip(|b| is_space(b) || b == b',')?.is_none() {
            self.state = State::Finished;
            return Ok(None);
        }
        let start = self.cursor;
        let position = self.window.position(start);
        let far = start.saturating_add(self.far()).saturating_add(1);
        let (scan, overflowed) = self.drive(&mut Balancer::default(), start, Some(start), far)?;
        match scan {
            Scan::Done(end) => {
                let item = self.emit(position, start, end, overflowed, false);
                self.consume(end.saturating_sub(start));
                Ok(Some(item))
            }
            // The value never ends: it is one broken document (given up past the far limit).
            Scan::Fail { .. } | Scan::Limit => self.rest(position, start),
        }
    }

    /// A top-level array: the next element.
    fn next_element(&mut self) -> io::Result<Option<JsonItem>> {
        let Some(first) = self.skip(|b| is_space(b) || b == b',')? else {
            self.state = State::Finished;
            return Ok(None);
        };
        if first == b']' {
            return self.closing_bracket();
        }
        let start = self.cursor;
        let position = self.window.position(start);
        self.elements.layout.add(self.clean.then_some(position.1));
        let mut validator = Validator::new();
        // The element is scanned as far as the cap without releasing anything, so that, should
        // it turn out to be broken, the boundaries inside it can be tried.
        let (mut scan, _) =
            self.drive(&mut validator, start, None, start.saturating_add(self.cap()).saturating_add(1))?;
        let mut overflowed = false;
        if let Scan::Limit = scan {
            // Larger than the cap: a broken element that took the elements after it for its
            // own, or a (valid) element too large to hold.
            let held = self.window.end().min(start.saturating_add(self.cap()).saturating_add(1));
            let key = validator.first_key().map(<[u8]>::to_vec);
            if let Some(cut) = self.resync(start, held, key, held)? {
                return Ok(Some(self.cut(position, start, cut)));
            }
            // Its end is searched as far as the far limit; past it, it is given up.
            let far = start.saturating_add(self.far()).saturating_add(1);
            (scan, overflowed) = self.drive(&mut validator, held, Some(start), far)?;
        }
        if let Scan::Done(end) = scan {
            if let Some(at) = self.suspicious(first, end)? {
                scan = Scan::Fail { at, eof: false };
            }
        }
        match scan {
            Scan::Done(end) => {
                self.elements.add(Kind::of(first), validator.first_key());
                let item = self.emit(position, start, end, overflowed, false);
                self.consume(end.saturating_sub(start));
                Ok(Some(item))
            }
            Scan::Fail { at, .. } => {
                match self.resync(start, at, validator.first_key().map(<[u8]>::to_vec), u64::MAX)? {
                    Some(cut) => Ok(Some(self.cut(position, start, cut))),
                    None => self.rest(position, start),
                }
            }
            Scan::Limit => self.rest(position, start),
        }
    }

    /// Where a complete element starting with `first` and ending before `end` is broken after
    /// all: when it is not of the kind most elements so far are, and neither a comma nor the
    /// array's `]` follows it (`"5},{"` then `id": …`: a quote inserted into an element made a
    /// string of the next one's start; `[{…}, …]` to the end of the input: a `[` inserted
    /// between elements made a list of the rest of the array).
    fn suspicious(&mut self, first: u8, end: u64) -> io::Result<Option<u64>> {
        let odd = self.elements.kind().is_some_and(|kind| Kind::of(first) != Some(kind));
        if !odd {
            return Ok(None);
        }
        let far = end.saturating_add(self.cap());
        Ok(match self.next_after(end, far, is_space)? {
            resync::Next::Byte(b',' | b']', _) | resync::Next::Far => None,
            resync::Next::Byte(_, at) => Some(at),
            resync::Next::End => Some(self.window.end()),
        })
    }

    /// The broken element from `start` to the cut, as one item; the next starts after the cut.
    fn cut(&mut self, position: (u32, u32), start: u64, cut: resync::Cut) -> JsonItem {
        let item = self.emit(position, start, cut.end, false, true);
        self.clean = self.window.at_line_start(cut.next);
        self.cursor = cut.next;
        self.window.release(cut.next);
        item
    }

    /// A `]` between elements: the array's end, unless elements follow it. When something other
    /// than white space follows, and a boundary can be proven after it (a `]` too many, or one
    /// that ended a list of a broken element early), the bracket and what follows it up to the
    /// boundary are one broken item and the array goes on.
    fn closing_bracket(&mut self) -> io::Result<Option<JsonItem>> {
        let start = self.cursor;
        let far = start.saturating_add(self.cap());
        if let resync::Next::Byte(_, after) = self.next_after(start.saturating_add(1), far, is_space)? {
            let position = self.window.position(start);
            let trailing = self.window.position(after);
            if let Some(cut) = self.resync(start, start, None, u64::MAX)? {
                return Ok(Some(self.cut(position, start, cut)));
            }
            // What follows the array: one item.
            return self.rest(trailing, after);
        }
        self.consume(1);
        self.state = State::AfterArray;
        self.after_array()
    }

    /// After the top-level array: anything but white space is one item.
    fn after_array(&mut self) -> io::Result<Option<JsonItem>> {
        if self.skip(is_space)?.is_none() {
            self.state = State::Finished;
            return Ok(None);
        }
        let start = self.cursor;
        let position = self.window.position(start);
        self.rest(position, start)
    }
}

impl<R: BufRead> Iterator for JsonItems<R> {
    type Item = io::Result<JsonItem>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_item() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => {
                self.state = State::Finished;
                None
            }
            Err(e) => {
                // An I/O error ends the items.
                self.state = State::Finished;
                Some(Err(e))
            }
        }
    }
}

/// What a reader of a JSON item stream says about a whole input it cannot read ([`read_whole`]).
#[derive(Clone, Copy, Debug)]
pub struct WholeInput<'a> {
    /// The most bytes read as one document.
    pub max_bytes: usize,
    /// The code of an input over `max_bytes`.
    pub too_large_code: &'static str,
    /// What the reader reads, in the too-large message ("CSL document").
    pub document: &'a str,
    /// What to do instead, in the too-large message.
    pub advice: &'a str,
    /// The code of an input that holds no record.
    pub empty_code: &'static str,
    /// Its message.
    pub empty_message: &'a str,
}

/// Reads a whole JSON input with a reader of its item stream (`read`, given the decoded text):
/// an input over the size cap is one failed record, not read; one that gives no record is one
/// failed record; what decoding noticed (a byte-order mark, bytes that are not UTF-8) is put on
/// the first record.
///
/// ```
/// use crosswalk_model::Record;
/// use crosswalk_text::json_items::{read_whole, WholeInput};
///
/// let input = WholeInput {
///     max_bytes: 8,
///     too_large_code: "x.too-large",
///     document: "X document",
///     advice: "read it as a stream",
///     empty_code: "x.no-records",
///     empty_message: "the input holds no X record",
/// };
/// let none = read_whole(b"[]", &input, |_| Vec::new());
/// assert_eq!(none[0].diagnostics[0].code, "x.no-records");
/// let large = read_whole(b"[1, 2, 3, 4]", &input, |_| Vec::new());
/// assert_eq!(large[0].diagnostics[0].code, "x.too-large");
/// ```
pub fn read_whole(
    bytes: &[u8],
    input: &WholeInput<'_>,
    read: impl FnOnce(&[u8]) -> Vec<crosswalk_model::Record>,
) -> Vec<crosswalk_model::Record> {
    use crosswalk_model::{Diagnostic, Location, Record};
    if bytes.len() > input.max_bytes {
        let message = format!(
            "the input is larger than {}, the most read as one {}; it was not read ({})",
            crate::caps::size(input.max_bytes),
            input.document,
            input.advice
        );
        return vec![Record::failed(Diagnostic::error(input.too_large_code, message).at(Location::at(1, 1)))];
    }
    let decoded = crate::decode(bytes);
    let mut records = read(decoded.text.as_bytes());
    if records.is_empty() {
        let empty = Diagnostic::error(input.empty_code, input.empty_message.to_owned());
        records.push(Record::failed(empty.at(Location::at(1, 1))));
    }
    if let Some(first) = records.first_mut() {
        first.diagnostics.splice(0..0, decoded.diagnostics);
    }
    records
}

/// The records of a JSON item stream, one per item, read by a reader's `read_item` (given the
/// item and whether the input is an array): numbered in order; an input that cannot be read to
/// its end gives one failed record (`io_code`) and ends the stream. The shell of the item-stream
/// readers (CSL-JSON, InvenioRDM).
///
/// ```
/// use crosswalk_model::{Record, Resource};
/// use crosswalk_text::json_items::JsonRecords;
///
/// let input = "{\"a\": 1}\n{\"a\": 2}\n";
/// let read_item = |item: &crosswalk_text::JsonItem, _in_array: bool| {
///     let mut record = Record::new(Resource::default());
///     record.origin.line = Some(item.line);
///     record
/// };
/// let records: Vec<_> = JsonRecords::new(input.as_bytes(), 1 << 20, "x.io", read_item).collect();
/// assert_eq!((records[1].origin.index, records[1].origin.line), (1, Some(2)));
/// ```
pub struct JsonRecords<R, F> {
    items: JsonItems<R>,
    read_item: F,
    io_code: &'static str,
    failed: bool,
    index: usize,
}

impl<R: BufRead, F: FnMut(&JsonItem, bool) -> crosswalk_model::Record> JsonRecords<R, F> {
    /// The records of `input`, whose items hold at most `max_item_bytes` each.
    pub fn new(input: R, max_item_bytes: usize, io_code: &'static str, read_item: F) -> Self {
        let items = JsonItems::new(input).max_item_bytes(max_item_bytes);
        JsonRecords { items, read_item, io_code, failed: false, index: 0 }
    }
}

impl<R: BufRead, F: FnMut(&JsonItem, bool) -> crosswalk_model::Record> Iterator for JsonRecords<R, F> {
    type Item = crosswalk_model::Record;

    fn next(&mut self) -> Option<crosswalk_model::Record> {
        if self.failed {
            return None;
        }
        let mut record = match self.items.next()? {
            Ok(item) => (self.read_item)(&item, self.items.is_array()),
            Err(error) => {
                self.failed = true;
                let message = format!("the input could not be read to its end: {error}");
                crosswalk_model::Record::failed(crosswalk_model::Diagnostic::error(self.io_code, message))
            }
        };
        record.origin.index = self.index;
        self.index = self.index.saturating_add(1);
        Some(record)
    }
}

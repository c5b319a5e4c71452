//! The streaming reader: records come out in input order while the input is read line by line.
//!
//! # Inheritance and memory
//!
//! `crossref` and `xdata` make an entry depend on another one, which BibTeX expects *after*
//! its children and BibLaTeX accepts anywhere. Streaming keeps both working at a bounded cost:
//!
//! - **Parent later** (the classic layout): a child whose parent has not been read yet waits,
//!   and the records after it wait behind it (output stays in input order), until the parent
//!   arrives. Memory therefore grows with the distance from a child to its parent, not with the
//!   file. When more than [`INHERITANCE_WINDOW`] records wait behind a child, the child is
//!   given up: it is converted without its parent and reported (`bibtex.parent-missing`).
//! - **Parent earlier**: the last [`INHERITANCE_WINDOW`] entries are remembered (their fields,
//!   inheritance resolved) so that a child can find its parent among them. A parent further
//!   back is not found, and the child is reported.
//! - `@xdata` entries are definitions, like `@string`: all are kept for the whole file (they
//!   are few), and they are not records.
//! - Both windows are bounded in bytes too: the entries remembered as parents by
//!   [`INHERITANCE_WINDOW_BYTES`] of field text (the oldest are forgotten first), and the records
//!   waiting behind a child by as much text of the entries they were read from (the child is
//!   then given up as when too many records wait). So the reader holds a bounded amount whatever
//!   the size of its entries (each at most [`crate::MAX_ENTRY_BYTES`]).
//! - To report a citation key used twice, the keys seen are remembered as 64-bit hashes (some
//!   20 bytes per entry: 20 MB for a million entries).
//!
//! A file without `crossref` or `xdata` never waits: each record is handed out as soon as the
//! next entry (or the end of the input) is seen, which is when text after it can no longer
//! belong to it.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::io::BufRead;
use std::sync::Arc;

use crosswalk_model::{Diagnostic, Location, Origin, Record, RelatedIdentifier, RelatedIdentifierType, RelationType};

use crate::inherit;
use crate::map;
use crate::parse::{self, Entry, Macros, Parsed};
use crate::scan::{Found, Item, ItemKind, Scanner};
use crate::types::{entry_type, Container};
use crate::{push_capped, DIAGNOSTICS_TRUNCATED, MAX_DIAGNOSTICS};

/// How many entries back a `crossref` parent is looked for, and how many records may wait
/// behind a child whose parent has not been read yet.
pub const INHERITANCE_WINDOW: usize = 10_000;

/// How much field text the entries remembered as parents may hold together, and the entries of
/// the records waiting behind a child: 64 MiB each. Ten thousand real entries take some 10 MiB;
/// the bound matters for entries of megabytes, which would otherwise make the window gigabytes.
pub const INHERITANCE_WINDOW_BYTES: usize = 64 << 20;

/// Code: text outside any entry was ignored.
pub const STRAY_TEXT: &str = "bibtex.stray-text";
/// Code: an `@preamble` was ignored.
pub const PREAMBLE: &str = "bibtex.preamble";
/// Code: the input holds no entry.
pub const NO_ENTRIES: &str = "bibtex.no-entries";
/// Code: a citation key is used again.
pub const DUPLICATE_KEY: &str = "bibtex.duplicate-key";
/// Code: fields were inherited through `crossref` or `xdata`.
pub const INHERITED: &str = "bibtex.inherited";
/// Code: a `crossref` or `xdata` entry was not found.
pub const PARENT_MISSING: &str = "bibtex.parent-missing";

/// A streaming BibTeX/BibLaTeX reader: an iterator of [`Record`]s, one per entry, in input
/// order, holding one entry at a time (plus what inheritance needs; see the module notes).
///
/// ```
/// use crosswalk_bibtex::Reader;
///
/// let bib = "@article{a, title = {One}}\n@article{b, title = {Two\n@book{c, title = {Three}}";
/// let records: Vec<_> = Reader::new(bib.as_bytes()).collect();
/// assert_eq!(records.len(), 3);
/// assert_eq!(records[0].resource.titles[0].title, "One");
/// assert!(records[1].has_errors()); // not closed: one error record
/// assert_eq!(records[1].origin.key.as_deref(), Some("b"));
/// assert_eq!(records[2].resource.titles[0].title, "Three");
/// ```
pub struct Reader<R> {
    scanner: Scanner<R>,
    macros: Macros,
    next_index: usize,
    queue: VecDeque<Slot>,
    /// The size of the entry each slot of `queue` was read from, in the same order.
    queue_sizes: VecDeque<usize>,
    /// Their sum: what the records in the queue hold, about.
    queue_bytes: usize,
    parents: Parents,
    xdata: HashMap<String, Entry>,
    /// Keys (lowercase, hashed) of the entries seen, for duplicates.
    keys: HashSet<u64>,
    /// How many waiting entries want each key (lowercase).
    wanted: HashMap<String, usize>,
    /// Diagnostics for the next record.
    pending: Vec<Diagnostic>,
    window: usize,
    /// The windows' bound in bytes ([`INHERITANCE_WINDOW_BYTES`]).
    window_bytes: usize,
    finished: bool,
}

enum Slot {
    Ready(Box<Record>),
    Waiting(Box<Waiting>),
}

/// An entry waiting for its parent or `@xdata` entries.
struct Waiting {
    entry: Entry,
    index: usize,
    crossref: Option<String>,
    xdata: Vec<String>,
    extra: Vec<Diagnostic>,
}

/// The last entries read, by lowercase key, for `crossref` lookups.
struct Parents {
    map: HashMap<String, Arc<Entry>>,
    /// Keys in the order read, with the size of each entry.
    order: VecDeque<(String, usize)>,
    /// The sizes of the entries remembered, together.
    bytes: usize,
}

impl Parents {
    fn insert(&mut self, key: String, entry: Arc<Entry>, limit: usize, limit_bytes: usize) {
        if key.is_empty() || self.map.contains_key(&key) {
            return;
        }
        let size = entry.size();
        self.order.push_back((key.clone(), size));
        self.map.insert(key, entry);
        self.bytes = self.bytes.saturating_add(size);
        while self.order.len() > limit || (self.bytes > limit_bytes && self.order.len() > 1) {
            if let Some((old, size)) = self.order.pop_front() {
                self.map.remove(&old);
                self.bytes = self.bytes.saturating_sub(size);
            }
        }
    }
}

impl<R: BufRead> Reader<R> {
    /// A reader over any buffered input (a file, stdin, bytes).
    pub fn new(input: R) -> Self {
        Reader {
            scanner: Scanner::new(input),
            macros: Macros::new(),
            next_index: 0,
            queue: VecDeque::new(),
            queue_sizes: VecDeque::new(),
            queue_bytes: 0,
            parents: Parents { map: HashMap::new(), order: VecDeque::new(), bytes: 0 },
            xdata: HashMap::new(),
            keys: HashSet::new(),
            wanted: HashMap::new(),
            pending: Vec::new(),
            window: INHERITANCE_WINDOW,
            window_bytes: INHERITANCE_WINDOW_BYTES,
            finished: false,
        }
    }

    /// Sets how many entries back a parent is looked for and how many records may wait for a
    /// parent (default [`INHERITANCE_WINDOW`]).
    pub fn inheritance_window(mut self, entries: usize) -> Self {
        self.window = entries.max(1);
        self
    }

    /// Puts a slot at the back of the queue; `size` is the size of the entry it was read from.
    fn enqueue(&mut self, slot: Slot, size: usize) {
        self.queue.push_back(slot);
        self.queue_sizes.push_back(size);
        self.queue_bytes = self.queue_bytes.saturating_add(size);
    }

    /// Sets how much field text the remembered parents, and the entries of the records waiting
    /// behind a child, may hold (default [`INHERITANCE_WINDOW_BYTES`]).
    pub fn inheritance_window_bytes(mut self, bytes: usize) -> Self {
        self.window_bytes = bytes;
        self
    }

    /// Attaches a diagnostic to the latest record (not yet handed out), or to the next one.
    fn attach(&mut self, diagnostic: Diagnostic) {
        match self.queue.back_mut() {
            Some(Slot::Ready(record)) => push_capped(&mut record.diagnostics, diagnostic),
            Some(Slot::Waiting(waiting)) => push_capped(&mut waiting.extra, diagnostic),
            None => push_capped(&mut self.pending, diagnostic),
        }
    }

    /// Reads the next thing from the input; false at its end.
    fn step(&mut self) -> bool {
        let found = self.scanner.next_found();
        let source_diagnostics = std::mem::take(&mut self.scanner.source.diagnostics);
        for diagnostic in source_diagnostics {
            push_capped(&mut self.pending, diagnostic);
        }
        match found {
            None => false,
            Some(Found::Stray(stray)) => {
                let diagnostic = Diagnostic::warning(
                    STRAY_TEXT,
                    format!(
                        "text outside any entry ignored: \"{}\" (an entry closed too early, or a missing `@`?)",
                        stray.sample
                    ),
                )
                .at(Location::at(stray.line, stray.column));
                self.attach(diagnostic);
                true
            }
            Some(Found::Item(item)) => {
                self.item(item);
                true
            }
        }
    }

    fn item(&mut self, item: Item) {
        let parsed = parse::parse(&item, &mut self.macros);
        let encoding = self.scanner.source.redecoded_in(item.line, item.last_line);
        match parsed {
            Parsed::Definitions { diagnostics } => {
                if item.kind == ItemKind::Preamble {
                    self.attach(
                        Diagnostic::info(
                            PREAMBLE,
                            "@preamble (LaTeX definitions for typesetting) has no place in the model; ignored",
                        )
                        .at(Location::at(item.line, item.column)),
                    );
                }
                diagnostics.into_iter().chain(encoding).for_each(|d| self.attach(d));
            }
            Parsed::Failed { key, error } => {
                let index = self.take_index();
                let mut diagnostics = std::mem::take(&mut self.pending);
                diagnostics.extend(encoding);
                diagnostics.push(error);
                let origin = Origin { index, key, line: Some(item.line), ..Origin::default() };
                let mut record = Record { resource: Default::default(), diagnostics, origin };
                record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
                self.enqueue(Slot::Ready(Box::new(record)), item.text.len());
            }
            Parsed::Entry(mut entry) => {
                if let Some(d) = encoding {
                    entry.diagnostics.push(d);
                }
                if entry.kind == "xdata" {
                    self.xdata_entry(entry);
                } else {
                    self.entry(entry);
                }
            }
        }
    }

    fn take_index(&mut self) -> usize {
        let index = self.next_index;
        self.next_index += 1;
        index
    }

    fn check_duplicate(&mut self, entry: &mut Entry) {
        if entry.key.is_empty() {
            return;
        }
        if !self.keys.insert(hash_key(&entry.key)) {
            entry.diagnostics.push(
                Diagnostic::warning(
                    DUPLICATE_KEY,
                    format!(
                        "citation key `{}` is used by an earlier entry too; `crossref` and `xdata` find the earlier one",
                        entry.key
                    ),
                )
                .at(entry.location.clone()),
            );
        }
    }

    fn xdata_entry(&mut self, mut entry: Entry) {
        self.check_duplicate(&mut entry);
        let key = entry.key.to_lowercase();
        // Problems of the @xdata entry itself travel with the next record.
        self.pending.append(&mut entry.diagnostics);
        if key.is_empty() || self.xdata.contains_key(&key) {
            return;
        }
        self.xdata.insert(key.clone(), entry);
        self.wake(key);
    }

    fn entry(&mut self, mut entry: Entry) {
        self.check_duplicate(&mut entry);
        let index = self.take_index();
        let extra = std::mem::take(&mut self.pending);
        let crossref = entry.field("crossref").map(|f| reference(&f.raw)).filter(|k| !k.is_empty());
        let xdata: Vec<String> = entry
            .field("xdata")
            .map(|f| f.raw.split(',').map(reference).filter(|k| !k.is_empty()).collect())
            .unwrap_or_default();
        let size = entry.size();
        let waiting = Waiting { entry, index, crossref, xdata, extra };
        if self.available(&waiting) {
            let record = self.resolve(waiting, false);
            self.enqueue(Slot::Ready(Box::new(record)), size);
        } else {
            for key in waiting.crossref.iter().chain(&waiting.xdata) {
                *self.wanted.entry(key.clone()).or_insert(0) += 1;
            }
            self.enqueue(Slot::Waiting(Box::new(waiting)), size);
        }
    }

    fn available(&self, waiting: &Waiting) -> bool {
        waiting.crossref.as_ref().is_none_or(|k| self.parents.map.contains_key(k))
            && waiting.xdata.iter().all(|k| self.xdata.contains_key(k))
    }

    /// Resolves the waiting entries that wanted `key` and now have all they want.
    fn wake(&mut self, key: String) {
        let mut keys = vec![key];
        while let Some(key) = keys.pop() {
            if !self.wanted.contains_key(&key) {
                continue;
            }
            for i in 0..self.queue.len() {
                let ready = match self.queue.get(i) {
                    Some(Slot::Waiting(w)) => {
                        (w.crossref.as_deref() == Some(key.as_str()) || w.xdata.contains(&key)) && self.available(w)
                    }
                    _ => false,
                };
                if ready {
                    if let Some(resolved_key) = self.resolve_slot(i, false) {
                        keys.push(resolved_key);
                    }
                }
            }
        }
    }

    /// Resolves the waiting entry at `i` in place; returns its key.
    fn resolve_slot(&mut self, i: usize, forced: bool) -> Option<String> {
        let slot = self.queue.get_mut(i)?;
        let Slot::Waiting(waiting) = std::mem::replace(slot, Slot::Ready(Box::default())) else { return None };
        for key in waiting.crossref.iter().chain(&waiting.xdata) {
            if let Some(count) = self.wanted.get_mut(key) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    self.wanted.remove(key);
                }
            }
        }
        let key = waiting.entry.key.to_lowercase();
        let record = self.resolve(*waiting, forced);
        if let Some(slot) = self.queue.get_mut(i) {
            *slot = Slot::Ready(Box::new(record));
        }
        Some(key)
    }

    /// Converts an entry, inheriting what is available (`forced`: the rest will not come).
    fn resolve(&mut self, waiting: Waiting, forced: bool) -> Record {
        let Waiting { mut entry, index, crossref, xdata, extra } = waiting;
        let mut diagnostics = extra;
        for key in &xdata {
            let location = entry.field("xdata").map(|f| f.location.clone()).unwrap_or_default();
            match self.xdata.get(key) {
                Some(data) => {
                    let inherited = inherit::xdata(&mut entry, data);
                    if !inherited.is_empty() {
                        diagnostics.push(
                            Diagnostic::info(
                                INHERITED,
                                format!("{} inherited from @xdata `{}`", inherited.join(", "), data.key),
                            )
                            .at(location),
                        );
                    }
                }
                None => diagnostics.push(
                    Diagnostic::warning(
                        PARENT_MISSING,
                        format!("@xdata entry `{key}` is not in the input; its fields are not inherited"),
                    )
                    .at(location),
                ),
            }
        }
        let mut parent_doi = None;
        if let Some(key) = &crossref {
            let location = entry.field("crossref").map(|f| f.location.clone()).unwrap_or_default();
            match self.parents.map.get(key).cloned() {
                Some(parent) => {
                    let inherited = inherit::crossref(&mut entry, &parent);
                    if !inherited.is_empty() {
                        diagnostics.push(
                            Diagnostic::info(
                                INHERITED,
                                format!("{} inherited from `{}` (crossref)", inherited.join(", "), parent.key),
                            )
                            .at(location),
                        );
                    }
                    parent_doi = parent
                        .field("doi")
                        .and_then(|f| crosswalk_model::doi::normalise(&f.raw.replace(['{', '}'], "")));
                }
                None => {
                    let why = if forced && !self.finished {
                        format!(
                            "not read within the next {} entries (or {} of them)",
                            self.window,
                            crosswalk_text::caps::size(self.window_bytes)
                        )
                    } else if self.keys.contains(&hash_key(key)) {
                        format!("more than {} entries before it, or itself unresolved", self.window)
                    } else {
                        "not in the input".to_owned()
                    };
                    diagnostics.push(
                        Diagnostic::warning(
                            PARENT_MISSING,
                            format!("crossref parent `{key}` was {why}; its fields are not inherited"),
                        )
                        .at(location),
                    );
                }
            }
        }
        let (mut resource, mapped) = map::resource(&entry);
        if let Some(doi) = parent_doi {
            let contained = entry_type(&entry.kind).is_some_and(|row| row.container != Container::None);
            resource.related_identifiers.push(RelatedIdentifier {
                related_identifier: doi,
                related_identifier_type: Some(RelatedIdentifierType::Doi),
                relation_type: Some(if contained { RelationType::IsPublishedIn } else { RelationType::IsPartOf }),
                ..RelatedIdentifier::default()
            });
        }
        let mut all = std::mem::take(&mut entry.diagnostics);
        all.append(&mut diagnostics);
        all.extend(mapped);
        all.sort_by_key(|d| (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)));
        let key = (!entry.key.is_empty()).then(|| entry.key.clone());
        // The entry's key is also how documents cite it: writers of reference lists reuse it.
        let origin = Origin { index, citation_key: key.clone(), key, line: Some(entry.line), ..Origin::default() };
        let key = entry.key.to_lowercase();
        self.parents.insert(key, Arc::new(entry), self.window, self.window_bytes);
        let mut record = Record { resource, diagnostics: all, origin };
        record.tidy();
        record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
        record
    }

    /// At the end of the input: resolves the waiting entries with what is there, parents first.
    fn resolve_remaining(&mut self) {
        loop {
            let waiting_keys: HashSet<String> = self
                .queue
                .iter()
                .filter_map(|s| match s {
                    Slot::Waiting(w) => Some(w.entry.key.to_lowercase()),
                    Slot::Ready(_) => None,
                })
                .collect();
            if waiting_keys.is_empty() {
                return;
            }
            // An entry none of whose wants is itself waiting; in a cycle, the first one.
            let pick = self
                .queue
                .iter()
                .position(|s| match s {
                    Slot::Waiting(w) => w.crossref.iter().chain(&w.xdata).all(|k| !waiting_keys.contains(k)),
                    Slot::Ready(_) => false,
                })
                .or_else(|| self.queue.iter().position(|s| matches!(s, Slot::Waiting(_))));
            let Some(i) = pick else { return };
            if let Some(key) = self.resolve_slot(i, true) {
                self.wake(key);
            }
        }
    }
}

fn hash_key(key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    key.to_lowercase().hash(&mut hasher);
    hasher.finish()
}

/// A citation key as a `crossref`/`xdata` value names it: trimmed, braces removed, lowercase.
fn reference(raw: &str) -> String {
    raw.trim().trim_matches(['{', '}']).trim().to_lowercase()
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let front_ready = matches!(self.queue.front(), Some(Slot::Ready(_)));
            if front_ready && (self.queue.len() > 1 || self.finished) {
                if let Some(Slot::Ready(record)) = self.queue.pop_front() {
                    let size = self.queue_sizes.pop_front().unwrap_or(0);
                    self.queue_bytes = self.queue_bytes.saturating_sub(size);
                    return Some(*record);
                }
            }
            if self.finished {
                if self.queue.is_empty() {
                    return None;
                }
                self.resolve_remaining();
                continue;
            }
            let full = self.queue.len() > self.window || (self.queue_bytes > self.window_bytes && self.queue.len() > 1);
            if full && matches!(self.queue.front(), Some(Slot::Waiting(_))) {
                if let Some(key) = self.resolve_slot(0, true) {
                    self.wake(key);
                }
                continue;
            }
            if !self.step() {
                self.finish();
            }
        }
    }
}

impl<R: BufRead> Reader<R> {
    /// The input has ended: what is pending goes to the last record, or into a record of its
    /// own when the input held no entry at all (an empty input, comments, definitions only), so
    /// that every input is accounted for.
    fn finish(&mut self) {
        self.finished = true;
        let pending = std::mem::take(&mut self.pending);
        if self.next_index == 0 {
            let what = if self.scanner.source.lines_read() == 0 {
                "the input is empty"
            } else {
                "the input holds no BibTeX entry (`@type{key, …}`), only comments, definitions or blank lines"
            };
            let mut diagnostics =
                vec![Diagnostic::error(NO_ENTRIES, format!("{what}; nothing was read")).at(Location::at(1, 1))];
            diagnostics.extend(pending);
            self.next_index = 1;
            let origin = Origin { index: 0, line: Some(1), ..Origin::default() };
            let mut record = Record { diagnostics, origin, ..Record::default() };
            record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
            self.enqueue(Slot::Ready(Box::new(record)), 0);
            return;
        }
        for diagnostic in pending {
            self.attach(diagnostic);
        }
    }
}

//! The streaming reader: tokenizes the input with quick-xml, walks the document's outer
//! structure (batch, body, journal, book …) without keeping it, builds a small tree for each
//! piece that matters (the head, each container's metadata, each work, each UNIXREF/UNIXSD
//! record), maps it, and drops it. Memory holds one work and the metadata of its container.
//!
//! Well-formedness is checked here rather than by the tokenizer, so that a broken work does not
//! stop the file: an end tag that closes elements left open closes them (reported), an end tag
//! that matches nothing is ignored (reported), and the work they are in carries the error while
//! the works after it are read as usual. Namespaces are resolved here too, with the same stack.
//! References are resolved once: the five predefined entities and character references; any
//! other entity is refused (kept as written, reported as an error), and a DOCTYPE refuses the
//! document (no entity can be declared, expanded or fetched).

use std::collections::VecDeque;
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location, Record};
use crosswalk_text::xml::AttributeProblem;
use crosswalk_text::xml::Utf8Source;
use quick_xml::events::{BytesStart, Event};

use crate::ctx::quote;
use crate::records::{self, add_tree_diagnostics, Part, GROUPS, SINGLE_WORKS};
use crate::tree::{Attr, ElementData, Ns, Tree};
use crate::work::{Env, Parent};
use crate::{
    BARE_AMPERSAND, DIAGNOSTICS_TRUNCATED, DTD_REFUSED, INPUT_IO, MALFORMED, MAX_CONTEXTS, MAX_DIAGNOSTICS,
    MAX_WORK_BYTES, NOT_CROSSREF, NO_WORKS, SCHEMA_VERSION, TOO_LARGE, UNDEFINED_ENTITY, UNEXPECTED_TEXT,
    UNKNOWN_ELEMENT,
};

/// The deposit schema versions whose namespaces exist (`http://www.crossref.org/schema/<v>`).
pub const DEPOSIT_VERSIONS: &[&str] = &[
    "4.3.0", "4.3.1", "4.3.2", "4.3.3", "4.3.4", "4.3.5", "4.3.6", "4.3.7", "4.4.0", "4.4.1", "4.4.2", "4.5.0",
    "4.6.0", "4.7.0", "4.8.0", "4.8.1", "5.0.0", "5.1.0", "5.2.0", "5.3.0", "5.3.1", "5.4.0", "5.5.0",
];

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// How deep elements may nest inside a work: deeper ones are refused (the mapping walks the
/// tree recursively, and no Crossref work needs more than a few dozen levels).
const MAX_NESTING: usize = 256;

/// What an element of the outer structure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Document,
    Batch,
    Body,
    Group,
    ComponentList,
    DoiRecords,
    CrossrefResult,
    QueryResult,
    QueryBody,
    Skip,
}

/// A piece the reader collects whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    Head,
    Context,
    Work,
    Component,
    DoiRecord,
    Query,
}

enum Action {
    Descend(Role),
    Unit(UnitKind),
    Unknown,
}

/// An open element of the outer structure.
struct Frame {
    role: Role,
    path: String,
    counts: Vec<(Box<str>, u32)>,
    /// For a group: the group element itself (its attributes), and the context pieces read so far.
    shell: Option<Tree>,
    contexts: Vec<Tree>,
    /// The bytes of XML the contexts were read from, together.
    context_bytes: u64,
    /// For a component list: what its components inherit.
    parent: Option<Parent>,
}

impl Frame {
    fn new(role: Role, path: String) -> Self {
        Frame { role, path, counts: Vec::new(), shell: None, contexts: Vec::new(), context_bytes: 0, parent: None }
    }

    /// Counts a child named `qname`; its 1-based index among same-named siblings.
    fn count(&mut self, qname: &str) -> u32 {
        match self.counts.iter_mut().find(|(name, _)| &**name == qname) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.push((qname.into(), 1));
                1
            }
        }
    }
}

/// Any open element: for matching end tags and scoping namespace declarations.
struct Open {
    qname: Box<str>,
    ns_mark: usize,
    line: u32,
    column: u32,
    in_unit: bool,
    /// False for an element nested too deep to be kept in its work's tree.
    kept: bool,
}

struct Unit {
    tree: Tree,
    current: u32,
    kind: UnitKind,
    /// `open.len()` once the unit's root was pushed.
    depth: usize,
    /// Where its start tag starts: converted bytes consumed before it.
    start: u64,
}

/// Reads the works of Crossref XML one at a time from any [`BufRead`].
///
/// Memory holds the work being read and the metadata of its container, whatever the size of
/// the input. Every work comes out as a [`Record`], in order; problems are diagnostics of the
/// record they concern (problems outside any work go to the next record, or to the last one).
pub struct Reader<R: BufRead> {
    xml: quick_xml::Reader<Utf8Source<R>>,
    buf: Vec<u8>,
    ns: Vec<(Box<str>, Box<str>)>,
    open: Vec<Open>,
    frames: Vec<Frame>,
    unit: Option<Unit>,
    env: Env,
    out: VecDeque<Record>,
    stray: Vec<Diagnostic>,
    next_index: usize,
    root_seen: bool,
    done: bool,
    /// Where the event being handled ends (the source's position after it).
    event_end: (u32, u32),
    /// Where the event being handled starts, in converted bytes consumed before it.
    event_start: u64,
}

impl<R: BufRead> Reader<R> {
    /// A reader over `input` (UTF-8, UTF-16 with a byte-order mark, or a single-byte encoding
    /// the XML declaration names).
    pub fn new(input: R) -> Self {
        let mut xml = quick_xml::Reader::from_reader(Utf8Source::new(input));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Reader {
            xml,
            buf: Vec::with_capacity(4096),
            ns: Vec::new(),
            open: Vec::new(),
            frames: vec![Frame::new(Role::Document, String::new())],
            unit: None,
            env: Env::default(),
            out: VecDeque::new(),
            stray: Vec::new(),
            next_index: 0,
            root_seen: false,
            done: false,
            event_end: (1, 1),
            event_start: 0,
        }
    }

    fn source_position(&self) -> (u32, u32) {
        self.xml.get_ref().position()
    }

    /// Reads one event.
    fn step(&mut self) {
        let (line, column) = self.source_position();
        // No event may take the work it is in past the cap, nor, outside works, be larger than
        // it: the source ends the text there, and reading stops.
        self.event_start = self.xml.get_ref().consumed();
        let from = self.unit.as_ref().map_or(self.event_start, |unit| unit.start);
        self.xml.get_mut().stop_at(from.saturating_add(MAX_WORK_BYTES as u64));
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let event = self.xml.read_event_into(&mut buf);
        if self.xml.get_ref().capped() {
            drop(event);
            // The event buffer grew to the cap; nothing more is read.
            self.buf = Vec::new();
            self.too_large(line, column);
            return;
        }
        // What the source reported about the bytes of this event (and before) goes where the
        // event goes: after a start tag has opened its element (so to the work the tag opens),
        // else before the event is handled (so to the work an end tag closes).
        self.event_end = self.source_position();
        match &event {
            Ok(Event::Start(_) | Event::Empty(_)) => {}
            Ok(Event::Eof) => self.source_diagnostics(None),
            _ => self.source_diagnostics(Some(self.event_end)),
        }
        match event {
            Err(error) => {
                let (code, message) = match &error {
                    quick_xml::Error::Io(e) => (INPUT_IO, format!("cannot read the input: {e}")),
                    other => (MALFORMED, format!("the XML is not well-formed: {other}; reading stops here")),
                };
                let (l, c) = self.source_position();
                self.diagnostic(Diagnostic::error(code, message).at(Location::at(l, c)));
                self.end_of_input(false);
            }
            Ok(Event::Eof) => self.end_of_input(true),
            Ok(Event::Start(start)) => self.start(&start, line, column, false),
            Ok(Event::Empty(start)) => self.start(&start, line, column, true),
            Ok(Event::End(end)) => self.end(&end, line, column),
            Ok(Event::Text(text)) => {
                let content = text.xml10_content();
                if content.contains('&') {
                    let message =
                        "a \"&\" that starts no reference is kept as a literal \"&\"; write it as &amp;".to_owned();
                    self.diagnostic(Diagnostic::warning(BARE_AMPERSAND, message).at(Location::at(line, column)));
                }
                self.text(&content, line, column);
            }
            Ok(Event::CData(data)) => {
                let content = data.xml10_content();
                self.text(&content, line, column);
            }
            Ok(Event::GeneralRef(reference)) => {
                let name: &str = &reference;
                let resolved = if reference.is_char_ref() {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        _ => {
                            let message = format!("character reference &{name}; is not a character; kept as written");
                            self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
                            None
                        }
                    }
                } else {
                    match crosswalk_text::xml::predefined_entity(name) {
                        Some(c) => Some(c.to_string()),
                        None => {
                            let message =
                                format!("entity &{name}; is not one of XML's five and no DTD is read; kept as written");
                            self.diagnostic(
                                Diagnostic::error(UNDEFINED_ENTITY, message).at(Location::at(line, column)),
                            );
                            None
                        }
                    }
                };
                let text = resolved.unwrap_or_else(|| format!("&{name};"));
                self.text(&text, line, column);
            }
            Ok(Event::DocType(_)) => {
                let message =
                    "the document has a DOCTYPE, which is refused (no entity may be declared or fetched); nothing is read"
                        .to_owned();
                let mut record = Record::failed(Diagnostic::error(DTD_REFUSED, message).at(Location::at(line, column)));
                record.diagnostics.splice(0..0, std::mem::take(&mut self.stray));
                self.unit = None;
                self.emit(record);
                self.done = true;
            }
            Ok(Event::Decl(_) | Event::PI(_) | Event::Comment(_)) => {}
        }
        self.buf = buf;
    }

    /// Adds the source's diagnostics about what lies before `before` (all with `None`) like
    /// [`Reader::diagnostic`].
    ///
    /// The source reports stray bytes once per line; a record keeps the first (its message says
    /// that later ones were read likewise).
    fn source_diagnostics(&mut self, before: Option<(u32, u32)>) {
        for diagnostic in self.xml.get_mut().take_diagnostics(before) {
            if is_stray_byte_report(&diagnostic) && self.holds_stray_byte_report() {
                continue;
            }
            self.diagnostic(diagnostic);
        }
    }

    /// True when the piece being read (or the diagnostics waiting for the next record) already
    /// holds a report of stray bytes.
    fn holds_stray_byte_report(&self) -> bool {
        let held = match &self.unit {
            Some(unit) => &unit.tree.diagnostics,
            None => match self.out.back() {
                Some(last) if self.done => &last.diagnostics,
                _ => &self.stray,
            },
        };
        held.iter().any(is_stray_byte_report)
    }

    /// Adds a diagnostic to the piece being read, or to the file's stray diagnostics (or, once
    /// reading has stopped, to the last record).
    fn diagnostic(&mut self, mut diagnostic: Diagnostic) {
        match &mut self.unit {
            Some(unit) => {
                if diagnostic.location.path.is_none() && diagnostic.location.line.is_some() {
                    diagnostic.location.path = Some(unit.tree.path_of(unit.current));
                }
                unit.tree.diagnostics.push(diagnostic);
            }
            None => {
                if diagnostic.location.path.is_none() && diagnostic.location.line.is_some() {
                    diagnostic.location.path = self.frames.last().map(|f| f.path.clone()).filter(|p| !p.is_empty());
                }
                match self.out.back_mut() {
                    Some(last) if self.done => last.diagnostics.push(diagnostic),
                    _ => push_capped(&mut self.stray, diagnostic),
                }
            }
        }
    }

    /// A work (or an event outside works) outgrew [`MAX_WORK_BYTES`], or a group's container
    /// metadata did: one failed record, and reading stops (the event at `line:column`).
    fn too_large(&mut self, line: u32, column: u32) {
        let cap = crosswalk_text::caps::size(MAX_WORK_BYTES);
        let (what, location) = match self.unit.take() {
            Some(unit) => {
                let root = unit.tree.root();
                (format!("<{}>", root.name()), root.location())
            }
            None => ("a text, tag or comment".to_owned(), Location::at(line, column)),
        };
        let message = format!(
            "{what} is larger than {cap}, the most read as one work; it was not read, and neither was the \
             rest of the input (split the file into several)"
        );
        self.emit(Record::failed(Diagnostic::error(TOO_LARGE, message).at(location)));
        self.done = true;
    }

    /// A group's container metadata outgrew [`MAX_WORK_BYTES`] or [`MAX_CONTEXTS`] pieces: one
    /// failed record at the piece that did, and reading stops.
    fn too_large_container(&mut self, location: Location) {
        let message = format!(
            "the container metadata of this group (the metadata its works are read with) is larger than {} or \
             holds more than {MAX_CONTEXTS} pieces; it was not read, and neither was the rest of the input \
             (split the file into several)",
            crosswalk_text::caps::size(MAX_WORK_BYTES)
        );
        self.emit(Record::failed(Diagnostic::error(TOO_LARGE, message).at(location)));
        self.done = true;
    }

    fn emit(&mut self, mut record: Record) {
        if !self.stray.is_empty() {
            record.diagnostics.splice(0..0, std::mem::take(&mut self.stray));
        }
        record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
        record.origin.index = self.next_index;
        self.next_index += 1;
        self.out.push_back(record);
    }

    // ---- elements ---------------------------------------------------------------------------

    fn start(&mut self, start: &BytesStart<'_>, line: u32, column: u32, empty: bool) {
        let qname: Box<str> = start.name().0.into();
        let ns_mark = self.ns.len();
        let mut raw_attributes = Vec::new();
        let mut attributes = start.attributes();
        attributes.with_checks(true);
        for attribute in attributes {
            match attribute {
                Ok(attribute) => {
                    let name = attribute.key.0.to_owned();
                    let value = self.unescape_attribute(&attribute.value, line, column);
                    if name == "xmlns" {
                        self.ns.push(("".into(), value.into()));
                    } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                        self.ns.push((prefix.into(), value.into()));
                    } else {
                        raw_attributes.push((name, value));
                    }
                }
                Err(error) => {
                    let message = format!("a malformed attribute in <{qname}> is not read: {error}");
                    self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
                }
            }
        }
        let (prefix, local) = split_qname(&qname);
        let uri = self.resolve(prefix, line, column, &qname);
        let attrs = raw_attributes
            .into_iter()
            .map(|(name, value)| {
                let (prefix, local) = split_qname(&name);
                let local_start = name.len() - local.len();
                let ns = match prefix {
                    None => Ns::Crossref,
                    Some("xml") => Ns::Xml,
                    Some(p) => Ns::of(self.lookup(p).or(Some(""))),
                };
                let ns = if prefix.is_some() && ns == Ns::Crossref { Ns::Other } else { ns };
                Attr::new(ns, name.into(), local_start, value)
            })
            .collect();
        let element = ElementData {
            local: qname.len() - local.len(),
            ns: Ns::of(uri.as_deref()),
            uri: uri.map(Into::into),
            qname: qname.clone(),
            attrs,
            line,
            column,
        };
        let in_unit = self.unit.is_some();
        let nesting = self.unit.as_ref().map_or(0, |unit| self.open.len().saturating_sub(unit.depth));
        let kept = nesting < MAX_NESTING;
        self.open.push(Open { qname, ns_mark, line, column, in_unit, kept });
        if !kept {
            if nesting == MAX_NESTING {
                let message = format!(
                    "elements nested more than {MAX_NESTING} deep in a work are not read (from <{}> on)",
                    element.qname
                );
                self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
            }
        } else if let Some(unit) = &mut self.unit {
            let id = unit.tree.add_element(unit.current, element);
            unit.current = id;
        } else {
            self.outer_start(element);
            if self.unit.is_some() {
                if let Some(open) = self.open.last_mut() {
                    open.in_unit = true;
                }
            }
        }
        // The source's reports about the tag go to the element it opened.
        self.source_diagnostics(Some(self.event_end));
        if empty {
            self.close_top();
        }
    }

    /// The namespace URI bound to `prefix` (`None`: the default namespace).
    fn resolve(&mut self, prefix: Option<&str>, line: u32, column: u32, qname: &str) -> Option<String> {
        match prefix {
            None => self.lookup("").filter(|uri| !uri.is_empty()).map(str::to_owned),
            Some("xml") => Some(XML_NS.to_owned()),
            Some(p) => match self.lookup(p) {
                Some(uri) => Some(uri.to_owned()),
                None => {
                    let message = format!("the prefix of <{qname}> is not declared");
                    self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
                    Some(format!("urn:undeclared:{p}"))
                }
            },
        }
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.ns.iter().rev().find(|(p, _)| &**p == prefix).map(|(_, uri)| &**uri)
    }

    fn unescape_attribute(&mut self, raw: &str, line: u32, column: u32) -> String {
        let mut problems = Vec::new();
        let value = crosswalk_text::xml::unescape_attribute(raw, |p| problems.push(p));
        for problem in problems {
            let diagnostic = match problem {
                AttributeProblem::Unresolved(name) => Diagnostic::error(
                    UNDEFINED_ENTITY,
                    format!("reference &{name}; in an attribute is refused; kept as written"),
                ),
                AttributeProblem::BareAmpersand => Diagnostic::warning(
                    BARE_AMPERSAND,
                    "a \"&\" that starts no reference in an attribute is kept as a literal \"&\"",
                ),
            };
            self.diagnostic(diagnostic.at(Location::at(line, column)));
        }
        value
    }

    /// An element of the outer structure opens.
    fn outer_start(&mut self, element: ElementData) {
        let Some(frame) = self.frames.last_mut() else { return };
        if frame.role == Role::Skip {
            // Inside an element that is not read: nothing is reported, so no path is kept.
            self.frames.push(Frame::new(Role::Skip, String::new()));
            return;
        }
        let index = frame.count(&element.qname);
        let base = frame.path.clone();
        let role = frame.role;
        let mut path = format!("{base}/{}", element.qname);
        if index > 1 {
            path.push_str(&format!("[{index}]"));
        }
        let name = element.qname.get(element.local..).unwrap_or("").to_owned();
        let crossref = element.ns == Ns::Crossref;
        let action = if !crossref && !matches!(role, Role::Skip | Role::Document) {
            Action::Unknown
        } else {
            match role {
                Role::Document => self.root(&element, &name),
                Role::Batch => match name.as_str() {
                    "head" => Action::Unit(UnitKind::Head),
                    "body" => Action::Descend(Role::Body),
                    _ => Action::Unknown,
                },
                Role::Body if GROUPS.contains(&name.as_str()) => Action::Descend(Role::Group),
                Role::Body if SINGLE_WORKS.contains(&name.as_str()) => Action::Unit(UnitKind::Work),
                Role::Group => {
                    let group = frame_group_name(&self.frames);
                    match records::part_of_group(&group, &name) {
                        Part::Context => Action::Unit(UnitKind::Context),
                        Part::Work => Action::Unit(UnitKind::Work),
                        Part::Components => Action::Descend(Role::ComponentList),
                        Part::Unknown => Action::Unknown,
                    }
                }
                Role::ComponentList if name == "component" => Action::Unit(UnitKind::Component),
                Role::DoiRecords if name == "doi_record" => Action::Unit(UnitKind::DoiRecord),
                Role::CrossrefResult if name == "query_result" => Action::Descend(Role::QueryResult),
                Role::QueryResult if name == "head" => Action::Descend(Role::Skip),
                Role::QueryResult if name == "body" => Action::Descend(Role::QueryBody),
                Role::QueryBody if name == "query" => Action::Unit(UnitKind::Query),
                Role::Skip => Action::Descend(Role::Skip),
                _ => Action::Unknown,
            }
        };
        if self.done {
            return;
        }
        match action {
            Action::Descend(role) => {
                let mut frame = Frame::new(role, path);
                match role {
                    Role::Group => {
                        frame.shell = Some(Tree::new(element, base, index));
                    }
                    Role::ComponentList => frame.parent = Some(self.component_parent()),
                    _ => {}
                }
                self.frames.push(frame);
            }
            Action::Unit(kind) => {
                let tree = Tree::new(element, base, index);
                let start = self.event_start;
                self.unit = Some(Unit { tree, current: 0, kind, depth: self.open.len(), start });
            }
            Action::Unknown => {
                let parent = base.rsplit('/').next().unwrap_or("").to_owned();
                let message = if crossref {
                    format!("element <{}> has no place in <{parent}>; not read", element.qname)
                } else {
                    format!(
                        "element <{}> of namespace {} in <{parent}> is not read",
                        element.qname,
                        element.uri.as_deref().unwrap_or("(none)")
                    )
                };
                let location = Location::at(element.line, element.column).with_path(path.clone());
                push_capped(&mut self.stray, Diagnostic::warning(UNKNOWN_ELEMENT, message).at(location));
                self.frames.push(Frame::new(Role::Skip, path));
            }
        }
    }

    /// The root element decides the shape of the input.
    fn root(&mut self, element: &ElementData, name: &str) -> Action {
        self.root_seen = true;
        self.env.schema = element.uri.as_deref().map(str::to_owned);
        match name {
            "doi_batch" => {
                self.check_version(element);
                Action::Descend(Role::Batch)
            }
            "doi_records" => Action::Descend(Role::DoiRecords),
            "crossref_result" => Action::Descend(Role::CrossrefResult),
            "doi_record" | "crossref" => Action::Unit(UnitKind::DoiRecord),
            _ => {
                let message = format!(
                    "the root element <{}>{} is not Crossref XML (doi_batch, doi_records, crossref_result); nothing is read",
                    element.qname,
                    element.uri.as_deref().map(|u| format!(" of namespace {u}")).unwrap_or_default()
                );
                let location = Location::at(element.line, element.column).with_path(format!("/{}", element.qname));
                let mut record = Record::failed(Diagnostic::error(NOT_CROSSREF, message).at(location));
                record.diagnostics.splice(0..0, std::mem::take(&mut self.stray));
                self.emit(record);
                self.done = true;
                Action::Descend(Role::Skip)
            }
        }
    }

    fn check_version(&mut self, element: &ElementData) {
        let location = Location::at(element.line, element.column).with_path(format!("/{}", element.qname));
        match element.uri.as_deref() {
            None => {
                let message = "<doi_batch> has no namespace; read with the rules of schema 5.4.0".to_owned();
                self.stray.push(Diagnostic::warning(SCHEMA_VERSION, message).at(location));
            }
            Some(uri) => {
                let version = uri.strip_prefix("http://www.crossref.org/schema/");
                if let Some(version) = version.filter(|v| !DEPOSIT_VERSIONS.contains(v)) {
                    let message =
                        format!("deposit schema version {} is not known; read with the rules of 5.4.0", quote(version));
                    self.stray.push(Diagnostic::warning(SCHEMA_VERSION, message).at(location));
                }
            }
        }
    }

    /// What the components of the innermost group inherit from it.
    fn component_parent(&self) -> Parent {
        let Some(frame) = self.frames.iter().rev().find(|f| f.role == Role::Group) else {
            return Parent { doi: None, publisher: None, year: None, relation: None, creators: Vec::new() };
        };
        let Some(shell) = &frame.shell else {
            return Parent { doi: None, publisher: None, year: None, relation: None, creators: Vec::new() };
        };
        let contexts: Vec<_> = frame.contexts.iter().map(Tree::root).collect();
        records::group_parent(shell.root(), &contexts, &self.env)
    }

    fn end(&mut self, end: &quick_xml::events::BytesEnd<'_>, line: u32, column: u32) {
        let name: &str = end.name().0;
        let Some(position) = self.open.iter().rposition(|o| &*o.qname == name) else {
            let message = format!("end tag </{name}> matches no open element; ignored");
            self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
            return;
        };
        while self.open.len() > position + 1 {
            if let Some(open) = self.open.last() {
                let message = format!(
                    "element <{}> opened at {}:{} is not closed before </{name}>; closed there",
                    open.qname, open.line, open.column
                );
                self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
            }
            self.close_top();
        }
        self.close_top();
    }

    /// Closes the innermost open element.
    fn close_top(&mut self) {
        let Some(open) = self.open.pop() else { return };
        self.ns.truncate(open.ns_mark);
        if open.in_unit {
            let finished = match &mut self.unit {
                Some(unit) if self.open.len() < unit.depth => true,
                Some(_) if !open.kept => false,
                Some(unit) => {
                    unit.current = unit.tree.parent_of(unit.current);
                    false
                }
                None => false,
            };
            if finished {
                if let Some(unit) = self.unit.take() {
                    self.finish_unit(unit);
                }
            }
        } else if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    fn text(&mut self, text: &str, line: u32, column: u32) {
        if self.open.last().is_some_and(|o| !o.kept) {
            return;
        }
        if let Some(unit) = &mut self.unit {
            unit.tree.add_text(unit.current, text, line, column);
            return;
        }
        let trimmed = text.trim();
        let skipping = self.frames.last().is_some_and(|f| f.role == Role::Skip);
        if !trimmed.is_empty() && !skipping && !self.done {
            let path = self.frames.last().map(|f| f.path.clone()).unwrap_or_default();
            let message = format!("text {} stands where only elements belong; not read", quote(trimmed));
            let diagnostic =
                Diagnostic::warning(UNEXPECTED_TEXT, message).at(Location::at(line, column).with_path(path));
            push_capped(&mut self.stray, diagnostic);
        }
    }

    // ---- pieces -----------------------------------------------------------------------------

    fn finish_unit(&mut self, unit: Unit) {
        let Unit { tree, kind, start, .. } = unit;
        if kind == UnitKind::Context {
            // The container metadata is held for every work of its group: it counts together.
            let size = self.xml.get_ref().consumed().saturating_sub(start);
            if let Some(frame) = self.frames.last_mut() {
                frame.context_bytes = frame.context_bytes.saturating_add(size);
                if frame.context_bytes > MAX_WORK_BYTES as u64 || frame.contexts.len() >= MAX_CONTEXTS {
                    let location = tree.root().location();
                    drop(tree);
                    self.too_large_container(location);
                    return;
                }
            }
        }
        let root = tree.root();
        match kind {
            UnitKind::Head => {
                self.env.registrant =
                    root.child("registrant").map(|r| crate::ctx::collapse(&r.own_text())).filter(|r| !r.is_empty());
                self.stray.extend(tree.diagnostics.iter().cloned());
            }
            UnitKind::Context => {
                let records = {
                    let frame = self.frames.last();
                    let shell = frame.and_then(|f| f.shell.as_ref());
                    let earlier: Vec<_> =
                        frame.map(|f| f.contexts.iter().map(Tree::root).collect()).unwrap_or_default();
                    let mut records = records::context_records(root, shell.map(Tree::root), &earlier, &self.env);
                    for record in &mut records {
                        let mut trees: Vec<&[Diagnostic]> = Vec::new();
                        if let Some(frame) = frame {
                            trees.extend(frame.contexts.iter().map(|t| t.diagnostics.as_slice()));
                        }
                        trees.push(&tree.diagnostics);
                        add_tree_diagnostics(record, &trees);
                    }
                    records
                };
                for record in records {
                    self.emit(record);
                }
                match self.frames.last_mut() {
                    Some(frame) => frame.contexts.push(tree),
                    None => self.stray.extend(tree.diagnostics),
                }
            }
            UnitKind::Work => {
                let records = {
                    let frame = self.frames.last().filter(|f| f.role == Role::Group);
                    let shell = frame.and_then(|f| f.shell.as_ref());
                    let contexts: Vec<_> =
                        frame.map(|f| f.contexts.iter().map(Tree::root).collect()).unwrap_or_default();
                    let mut records = records::work_records(root, shell.map(Tree::root), &contexts, &self.env, true);
                    let mut trees: Vec<&[Diagnostic]> = Vec::new();
                    if let Some(frame) = frame {
                        trees.extend(frame.contexts.iter().map(|t| t.diagnostics.as_slice()));
                    }
                    trees.push(&tree.diagnostics);
                    if let Some(first) = records.first_mut() {
                        add_tree_diagnostics(first, &trees);
                    }
                    records
                };
                for record in records {
                    self.emit(record);
                }
            }
            UnitKind::Component => {
                let fallback = Parent { doi: None, publisher: None, year: None, relation: None, creators: Vec::new() };
                let parent = self.frames.last().and_then(|f| f.parent.as_ref()).unwrap_or(&fallback);
                let mut record = records::component_record(root, parent, &self.env);
                add_tree_diagnostics(&mut record, &[&tree.diagnostics]);
                self.emit(record);
            }
            UnitKind::DoiRecord => {
                let mut record = records::doi_record(root, &self.env, None);
                add_tree_diagnostics(&mut record, &[&tree.diagnostics]);
                self.emit(record);
            }
            UnitKind::Query => {
                let mut record = records::query_record(root, &self.env);
                add_tree_diagnostics(&mut record, &[&tree.diagnostics]);
                self.emit(record);
            }
        }
    }

    /// The input ended (`clean`: at its end, else at an error that stops reading).
    fn end_of_input(&mut self, clean: bool) {
        if let Some(open) = self.open.last() {
            if clean {
                let message = format!("the input ends inside <{}> opened at {}:{}", open.qname, open.line, open.column);
                let (line, column) = self.source_position();
                self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
            }
        }
        while !self.open.is_empty() {
            self.close_top();
        }
        if self.next_index == 0 {
            let message = if self.root_seen {
                "the input holds no Crossref work".to_owned()
            } else {
                "the input holds no XML element".to_owned()
            };
            let code = if self.root_seen { NO_WORKS } else { NOT_CROSSREF };
            let has_error = self.stray.iter().any(Diagnostic::is_error);
            let mut record = if has_error {
                Record::failed(self.stray.remove(self.stray.iter().position(Diagnostic::is_error).unwrap_or(0)))
            } else {
                // Where a work was looked for last: the end of the input (1:1 when it is empty).
                let (line, column) = self.source_position();
                Record::failed(Diagnostic::error(code, message).at(Location::at(line, column)))
            };
            record.origin.schema = self.env.schema.clone();
            self.emit(record);
        } else if !self.stray.is_empty() {
            let stray = std::mem::take(&mut self.stray);
            match self.out.back_mut() {
                Some(last) => last.diagnostics.extend(stray),
                None => self.stray = stray,
            }
        }
        self.done = true;
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            // One record is held back so that diagnostics after the last work can join it.
            if self.out.len() > 1 || (self.done && !self.out.is_empty()) {
                return self.out.pop_front();
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }
}

/// Adds a diagnostic found outside any work (it goes to the next record) to `stray`, holding
/// at most [`MAX_DIAGNOSTICS`]: one warning then says that more are not listed, and the others
/// are dropped, but for the first error. (Diagnostics outside works are not bounded by the cap on a
/// work: a file of a million unknown elements between works must not gather a million.)
fn push_capped(stray: &mut Vec<Diagnostic>, diagnostic: Diagnostic) {
    // Past the cap, one error is still kept, so that the record fails as it should.
    let first_error = diagnostic.is_error() && !stray.iter().skip(MAX_DIAGNOSTICS).any(Diagnostic::is_error);
    if stray.len() < MAX_DIAGNOSTICS || first_error {
        stray.push(diagnostic);
    } else if !stray.iter().skip(MAX_DIAGNOSTICS).any(|d| d.code == DIAGNOSTICS_TRUNCATED) {
        let message = format!("more diagnostics here are not listed: a record keeps at most {MAX_DIAGNOSTICS}");
        stray.push(Diagnostic::warning(DIAGNOSTICS_TRUNCATED, message).at(diagnostic.location));
    }
}

fn frame_group_name(frames: &[Frame]) -> String {
    frames.last().and_then(|f| f.shell.as_ref()).map(|t| t.root().name().to_owned()).unwrap_or_default()
}

fn split_qname(qname: &str) -> (Option<&str>, &str) {
    match qname.split_once(':') {
        Some((prefix, local)) => (Some(prefix), local),
        None => (None, qname),
    }
}

/// True for the source's report of a stray byte (its messages start with the byte, `byte 0x…`;
/// its other reports under the same codes are about the whole input).
fn is_stray_byte_report(d: &Diagnostic) -> bool {
    matches!(d.code.as_ref(), crosswalk_text::ENCODING_INVALID | crosswalk_text::ENCODING_ASSUMED)
        && d.message.starts_with("byte 0x")
}

//! The XML layer both readers of this crate stand on: quick-xml's tokenizer over
//! [`Utf8Source`] (the bytes decoded as the Crossref reader decodes them), with namespaces
//! resolved, references resolved once, and well-formedness checked here rather than by the
//! tokenizer, so that a broken record does not stop a file of many.
//!
//! - Only XML's five entities and character references are resolved; any other entity is kept as
//!   written and reported; a DOCTYPE stops reading (no entity can be declared, expanded or
//!   fetched).
//! - An end tag that closes elements left open closes them (reported); an end tag that matches
//!   nothing is ignored (reported); the input ending inside elements closes them (reported).
//! - Elements nested deeper than [`MAX_DEPTH`] are not reported as events (reported once).
//! - Every event's bytes, exactly as the tokenizer consumed them (after decoding to UTF-8), can
//!   be kept from a start tag to its end tag ([`XmlReader::capture`]), up to [`MAX_CAPTURE`]
//!   bytes: the OAI-PMH splitter hands each record's metadata on as bytes.
//!
//! The reader's consumer sees a flat stream of [`Ev`]s, every `Start` matched by one `End`.

use std::collections::VecDeque;
use std::io::{BufRead, Read};

use crosswalk_model::{Diagnostic, Location};
use crosswalk_text::xml::AttributeProblem;
use crosswalk_text::xml::Utf8Source;
use quick_xml::events::{BytesStart, Event};

use crate::{BARE_AMPERSAND, DTD_REFUSED, INPUT_IO, MALFORMED, UNDEFINED_ENTITY};

/// The `xml:` namespace.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// XML Schema instance attributes (`xsi:type`, `xsi:schemaLocation`).
pub(crate) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// How deep elements may nest: deeper ones are not read (no Dublin Core record or OAI-PMH
/// envelope needs more than a dozen levels; the limit keeps hostile nesting cheap).
pub const MAX_DEPTH: usize = 256;

/// The most bytes one captured element may hold (64 MiB): a record's metadata larger than this
/// is not kept, and its record fails (`oai.record-too-large`).
pub const MAX_CAPTURE: usize = 64 * 1024 * 1024;

/// Where a document read on its own stands in a larger one (an OAI-PMH record's metadata in its
/// response): the position of its first character, and where namespace declarations were added
/// to its start tag (line and column in the document, how many characters), so that positions
/// are the larger document's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Offset {
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) added: Option<(u32, u32, u32)>,
    /// Every position is `line:column`: the document is a string in one line of JSON Lines,
    /// where its own lines and columns cannot be shown.
    pub(crate) flat: bool,
}

impl Default for Offset {
    fn default() -> Self {
        Offset { line: 1, column: 1, added: None, flat: false }
    }
}

impl Offset {
    /// A position in the document moved to the larger one.
    pub(crate) fn place(&self, line: u32, column: u32) -> (u32, u32) {
        if self.flat {
            return (self.line, self.column);
        }
        let mut column = column;
        if let Some((at_line, at_column, added)) = self.added {
            if line == at_line && column > at_column {
                column = column.saturating_sub(added).max(at_column);
            }
        }
        if line == 1 {
            column = column.saturating_add(self.column).saturating_sub(1);
        }
        (line.saturating_add(self.line).saturating_sub(1), column)
    }
}

/// An attribute: its name as written, namespace URI (`None` for an unprefixed attribute), and
/// value with references resolved and white space normalised (XML 1.0 §3.3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attr {
    pub(crate) qname: Box<str>,
    pub(crate) uri: Option<Box<str>>,
    pub(crate) value: String,
    /// For `xsi:type`, whose value is a qualified name (`dcterms:W3CDTF`): the namespace its
    /// prefix is bound to where the attribute stands.
    pub(crate) value_uri: Option<Box<str>>,
}

impl Attr {
    /// The local part of the name.
    pub(crate) fn local(&self) -> &str {
        self.qname.rsplit(':').next().unwrap_or(&self.qname)
    }
}

/// A start tag.
#[derive(Clone, Debug)]
pub(crate) struct Element {
    /// The name as written (`oai_dc:dc`).
    pub(crate) qname: Box<str>,
    /// The namespace URI (`None`: no namespace).
    pub(crate) uri: Option<Box<str>>,
    pub(crate) attrs: Vec<Attr>,
    /// The bindings in scope that the tag does not declare itself, when asked for
    /// ([`XmlReader::want_scope`]): what a copy of the element needs to mean the same alone.
    pub(crate) inherited: Option<Vec<(Box<str>, Box<str>)>>,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

impl Element {
    /// The local part of the name.
    pub(crate) fn local(&self) -> &str {
        self.qname.rsplit(':').next().unwrap_or(&self.qname)
    }

    /// True when the element is `local` in namespace `uri`.
    pub(crate) fn is(&self, uri: &str, local: &str) -> bool {
        self.uri.as_deref() == Some(uri) && self.local() == local
    }
}

/// What the reader met.
#[derive(Debug)]
pub(crate) enum Ev {
    /// An element opens.
    Start(Element),
    /// The innermost open element closes (`line:column` of its end tag, or where it was closed).
    End { line: u32, column: u32 },
    /// Text (also CDATA and resolved references), as written.
    Text { text: String, line: u32, column: u32 },
    /// The input ended (repeated once reached).
    Eof,
}

/// A `BufRead` that keeps a copy of what is consumed while asked to.
struct Tee<R> {
    inner: R,
    kept: Vec<u8>,
    /// True when more than [`MAX_CAPTURE`] bytes were to be kept since the last clear.
    overflow: bool,
}

impl<R: BufRead> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut available = self.fill_buf()?;
        let n = available.read(buf)?;
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tee<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if amount > 0 && !self.overflow {
            // The bytes are still in the inner buffer: `fill_buf` hands them out again without
            // reading (it reads only when everything was consumed).
            if let Ok(buffer) = self.inner.fill_buf() {
                let taken = buffer.get(..amount).unwrap_or(buffer);
                if self.kept.len() + taken.len() > MAX_CAPTURE {
                    self.overflow = true;
                    self.kept = Vec::new();
                } else {
                    self.kept.extend_from_slice(taken);
                }
            }
        }
        self.inner.consume(amount);
    }
}

/// An open element.
struct Open {
    qname: Box<str>,
    ns_mark: usize,
    line: u32,
    column: u32,
    /// False for an element nested deeper than [`MAX_DEPTH`]: no events for it.
    kept: bool,
}

/// The event reader (see the module documentation).
pub(crate) struct XmlReader<R: BufRead> {
    xml: quick_xml::Reader<Tee<Utf8Source<R>>>,
    buf: Vec<u8>,
    ns: Vec<(Box<str>, Box<str>)>,
    open: Vec<Open>,
    queue: VecDeque<Ev>,
    diagnostics: Vec<Diagnostic>,
    /// True while bytes are kept ([`XmlReader::capture`]).
    capturing: bool,
    want_scope: bool,
    offset: Offset,
    done: bool,
    depth_reported: bool,
}

impl<R: BufRead> XmlReader<R> {
    pub(crate) fn new(input: R) -> Self {
        let tee = Tee { inner: Utf8Source::new(input), kept: Vec::new(), overflow: false };
        let mut xml = quick_xml::Reader::from_reader(tee);
        let config = xml.config_mut();
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.allow_dangling_amp = true;
        config.check_comments = false;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            xml,
            buf: Vec::with_capacity(4096),
            ns: Vec::new(),
            open: Vec::new(),
            queue: VecDeque::new(),
            diagnostics: Vec::new(),
            capturing: false,
            want_scope: false,
            offset: Offset::default(),
            done: false,
            depth_reported: false,
        }
    }

    /// A reader of a document that stands at `offset` in a larger one: every position it gives
    /// (of events and in messages) is the larger document's.
    pub(crate) fn placed(input: R, offset: Offset) -> Self {
        XmlReader { offset, ..XmlReader::new(input) }
    }

    /// The 1-based line and column of the next unread character.
    pub(crate) fn position(&self) -> (u32, u32) {
        let (line, column) = self.xml.get_ref().inner.position();
        self.offset.place(line, column)
    }

    /// How many elements are open (after the last event).
    #[cfg(test)]
    pub(crate) fn depth(&self) -> usize {
        self.open.iter().filter(|o| o.kept).count()
    }

    /// The diagnostics of what was read so far, in order (taken).
    pub(crate) fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// Starts keeping bytes: call right after the `Start` of the element to keep (its start tag
    /// is kept already). [`XmlReader::captured`] gives them after its `End`.
    pub(crate) fn capture(&mut self) {
        self.capturing = true;
    }

    /// True while bytes are kept.
    pub(crate) fn is_capturing(&self) -> bool {
        self.capturing
    }

    /// The bytes kept since [`XmlReader::capture`] (`Err` with nothing when there were more than
    /// [`MAX_CAPTURE`]); keeping stops.
    pub(crate) fn captured(&mut self) -> Result<Vec<u8>, ()> {
        self.capturing = false;
        let tee = self.xml.get_mut();
        let overflow = std::mem::take(&mut tee.overflow);
        let kept = std::mem::take(&mut tee.kept);
        if overflow {
            Err(())
        } else {
            Ok(kept)
        }
    }

    /// Asks for the inherited namespace bindings of the elements that start from now on
    /// ([`Element::inherited`]), or stops asking.
    pub(crate) fn want_scope(&mut self, wanted: bool) {
        self.want_scope = wanted;
    }

    /// The bindings in scope before a tag's own declarations that it does not redeclare, in
    /// declaration order.
    fn scope_without(&self, declared: &[(Box<str>, Box<str>)]) -> Vec<(Box<str>, Box<str>)> {
        let mut found: Vec<(Box<str>, Box<str>)> = Vec::new();
        for (i, (prefix, uri)) in self.ns.iter().enumerate() {
            let shadowed =
                self.ns.iter().skip(i + 1).any(|(p, _)| p == prefix) || declared.iter().any(|(p, _)| p == prefix);
            if !shadowed {
                found.push((prefix.clone(), uri.clone()));
            }
        }
        found
    }

    /// The next event.
    pub(crate) fn next_event(&mut self) -> Ev {
        loop {
            if let Some(ev) = self.queue.pop_front() {
                return ev;
            }
            if self.done {
                return Ev::Eof;
            }
            self.step();
        }
    }

    fn diagnostic(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn source_diagnostics(&mut self, before: Option<(u32, u32)>) {
        let taken = self.xml.get_mut().inner.take_diagnostics(before);
        self.diagnostics.extend(taken);
    }

    /// Reads one event of the tokenizer.
    fn step(&mut self) {
        let (line, column) = self.position();
        if !self.capturing {
            self.xml.get_mut().kept.clear();
            self.xml.get_mut().overflow = false;
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let event = self.xml.read_event_into(&mut buf);
        let end = self.position();
        match &event {
            Ok(Event::Start(_) | Event::Empty(_)) => {}
            Ok(Event::Eof) => self.source_diagnostics(None),
            _ => self.source_diagnostics(Some(end)),
        }
        match event {
            Err(error) => {
                let (code, message) = match &error {
                    quick_xml::Error::Io(e) => (INPUT_IO, format!("cannot read the input: {e}")),
                    other => (MALFORMED, format!("the XML is not well-formed: {other}; reading stops here")),
                };
                let (l, c) = self.position();
                self.diagnostic(Diagnostic::error(code, message).at(Location::at(l, c)));
                self.end_of_input(false);
            }
            Ok(Event::Eof) => self.end_of_input(true),
            Ok(Event::Start(start)) => self.start(&start, line, column, false, end),
            Ok(Event::Empty(start)) => self.start(&start, line, column, true, end),
            Ok(Event::End(end_tag)) => {
                let name = end_tag.name().0.to_owned();
                self.end(&name, line, column);
            }
            Ok(Event::Text(text)) => {
                let content = text.xml10_content();
                if content.contains('&') {
                    let message =
                        "a \"&\" that starts no reference is kept as a literal \"&\"; write it as &amp;".to_owned();
                    self.diagnostic(Diagnostic::warning(BARE_AMPERSAND, message).at(Location::at(line, column)));
                }
                self.text(content.into_owned(), line, column);
            }
            Ok(Event::CData(data)) => {
                let content = data.xml10_content().into_owned();
                self.text(content, line, column);
            }
            Ok(Event::GeneralRef(reference)) => {
                let name: &str = &reference;
                let resolved = if reference.is_char_ref() {
                    match reference.resolve_char_ref() {
                        Ok(Some(c)) if c != '\0' => Some(c.to_string()),
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
                self.text(text, line, column);
            }
            Ok(Event::DocType(_)) => {
                let message =
                    "the document has a DOCTYPE, which is refused (no entity may be declared or fetched); nothing more is read"
                        .to_owned();
                self.diagnostic(Diagnostic::error(DTD_REFUSED, message).at(Location::at(line, column)));
                self.end_of_input(false);
            }
            Ok(Event::Decl(_) | Event::PI(_) | Event::Comment(_)) => {}
        }
        self.buf = buf;
    }

    fn start(&mut self, start: &BytesStart<'_>, line: u32, column: u32, empty: bool, end: (u32, u32)) {
        let qname: Box<str> = start.name().0.into();
        let ns_mark = self.ns.len();
        let mut raw = Vec::new();
        let mut declared = Vec::new();
        let mut attributes = start.attributes();
        attributes.with_checks(true);
        for attribute in attributes {
            match attribute {
                Ok(attribute) => {
                    let name = attribute.key.0.to_owned();
                    let value = self.unescape_attribute(&attribute.value, line, column);
                    if name == "xmlns" {
                        declared.push(("".into(), value.into()));
                    } else if let Some(prefix) = name.strip_prefix("xmlns:") {
                        declared.push((prefix.into(), value.into()));
                    } else {
                        raw.push((name, value));
                    }
                }
                Err(error) => {
                    let message = format!("a malformed attribute in <{qname}> is not read: {error}");
                    self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
                }
            }
        }
        let inherited = self.want_scope.then(|| self.scope_without(&declared));
        self.ns.extend(declared.iter().cloned());
        let uri = self.resolve(qname.split_once(':').map(|(p, _)| p), line, column, &qname);
        let attrs = raw
            .into_iter()
            .map(|(name, value)| {
                let uri = match name.split_once(':') {
                    None => None,
                    Some(("xml", _)) => Some(XML_NS.into()),
                    Some((prefix, _)) => Some(self.lookup(prefix).map_or_else(
                        || format!("urn:undeclared:{prefix}").into_boxed_str(),
                        |u| u.to_owned().into_boxed_str(),
                    )),
                };
                let value_uri = (uri.as_deref() == Some(XSI_NS) && name.ends_with(":type"))
                    .then(|| value.trim().split_once(':').and_then(|(prefix, _)| self.lookup(prefix)))
                    .flatten()
                    .map(Into::into);
                Attr { qname: name.into(), uri, value, value_uri }
            })
            .collect();
        let kept = self.open.len() < MAX_DEPTH;
        if !kept && !self.depth_reported {
            self.depth_reported = true;
            let message = format!("elements nested more than {MAX_DEPTH} deep are not read (from <{qname}> on)");
            self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
        }
        self.open.push(Open { qname: qname.clone(), ns_mark, line, column, kept });
        if kept {
            let element = Element { qname, uri: uri.map(Into::into), attrs, inherited, line, column };
            self.queue.push_back(Ev::Start(element));
        }
        // The source's reports about the tag go after the element it opened.
        self.source_diagnostics(Some(end));
        if empty {
            self.close_top(line, column);
        }
    }

    fn end(&mut self, name: &str, line: u32, column: u32) {
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
            self.close_top(line, column);
        }
        self.close_top(line, column);
    }

    fn close_top(&mut self, line: u32, column: u32) {
        let Some(open) = self.open.pop() else { return };
        self.ns.truncate(open.ns_mark);
        if open.kept {
            self.queue.push_back(Ev::End { line, column });
        }
    }

    fn text(&mut self, text: String, line: u32, column: u32) {
        if self.open.last().is_some_and(|o| !o.kept) {
            return;
        }
        self.queue.push_back(Ev::Text { text, line, column });
    }

    fn end_of_input(&mut self, clean: bool) {
        if clean {
            if let Some(open) = self.open.last() {
                let message = format!("the input ends inside <{}> opened at {}:{}", open.qname, open.line, open.column);
                let (line, column) = self.position();
                self.diagnostic(Diagnostic::error(MALFORMED, message).at(Location::at(line, column)));
            }
        }
        let (line, column) = self.position();
        while !self.open.is_empty() {
            self.close_top(line, column);
        }
        self.source_diagnostics(None);
        self.done = true;
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> (Vec<String>, Vec<Diagnostic>) {
        let mut reader = XmlReader::new(xml.as_bytes());
        let mut out = Vec::new();
        loop {
            match reader.next_event() {
                Ev::Start(e) => out.push(format!("<{}|{}>", e.qname, e.uri.as_deref().unwrap_or(""))),
                Ev::End { .. } => out.push("</>".into()),
                Ev::Text { text, .. } => out.push(text),
                Ev::Eof => break,
            }
        }
        (out, reader.take_diagnostics())
    }

    #[test]
    fn namespaces_references_and_recovery() {
        let (ev, d) = events("<a xmlns='u' xmlns:p='v'><p:b>x&amp;&#233;&nbsp;</p:b><c/></a>");
        assert_eq!(ev, ["<a|u>", "<p:b|v>", "x", "&", "é", "&nbsp;", "</>", "<c|u>", "</>", "</>"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, UNDEFINED_ENTITY);
        let (ev, d) = events("<a><b>x</a><c></d></c>");
        assert_eq!(ev, ["<a|>", "<b|>", "x", "</>", "</>", "<c|>", "</>"]);
        assert_eq!(d.iter().map(|d| d.code.as_ref()).collect::<Vec<_>>(), [MALFORMED, MALFORMED]);
        let (ev, d) = events("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>");
        assert!(ev.is_empty());
        assert_eq!(d[0].code, DTD_REFUSED);
    }

    #[test]
    fn capture_keeps_the_bytes_of_an_element() {
        let xml = "<r xmlns:x='u'><k>1</k><x:m a='1'>t<i/>&amp;</x:m><k/></r>";
        let mut reader = XmlReader::new(xml.as_bytes());
        reader.want_scope(true);
        let mut captured = None;
        loop {
            match reader.next_event() {
                Ev::Start(e) if e.local() == "m" => {
                    reader.capture();
                    assert_eq!(e.inherited, Some(vec![("x".into(), "u".into())]));
                }
                Ev::End { .. } if reader.is_capturing() && reader.depth() < 2 => {
                    captured = Some(reader.captured().unwrap());
                }
                Ev::Eof => break,
                _ => {}
            }
        }
        assert_eq!(String::from_utf8(captured.unwrap()).unwrap(), "<x:m a='1'>t<i/>&amp;</x:m>");
    }

    #[test]
    fn deep_nesting_is_cut() {
        let xml = format!("{}{}", "<a>".repeat(MAX_DEPTH + 10), "</a>".repeat(MAX_DEPTH + 10));
        let (ev, d) = events(&xml);
        assert_eq!(ev.len(), 2 * MAX_DEPTH);
        assert_eq!(d.len(), 1);
    }
}

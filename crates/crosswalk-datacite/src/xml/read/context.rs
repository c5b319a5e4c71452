//! The reading context shared by every property reader: the diagnostics gathered so far and the
//! helpers that turn nodes into values while reporting what they meet (stray text, foreign or
//! misplaced elements, unknown attributes, trimmed or empty values, vocabulary matches), each with
//! a `line:column` and an element path.
//!
//! Positions and paths are computed only when a diagnostic is emitted, so a clean document pays
//! for neither. A path's indexes among same-named siblings are computed once per parent, for all
//! its children, the first time one of them is in a diagnostic: walking the siblings for every
//! diagnostic made a document with many siblings and many findings quadratic (2,000 padded
//! titles after 200,000 clean ones took seconds).

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use crosswalk_model::chars::{LINE_BREAK, LINE_BREAK_STR};
use crosswalk_model::{codes, Diagnostic, Location, Match, Vocabulary};
use crosswalk_text::LineIndex;
use roxmltree::{Attribute, Node, NodeId, NodeType};

use super::{DIAGNOSTICS_TRUNCATED, UNEXPECTED_TEXT, UNKNOWN_ATTRIBUTE, UNKNOWN_ELEMENT};
use crate::xml::{is_xml_space, trim_xml_space};

/// The namespace of `xml:lang`.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xsi:type`, `xsi:schemaLocation` …, which carry no metadata.
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// The longest value quoted in a message, in characters.
const QUOTE_LIMIT: usize = 60;

/// The most diagnostics one record keeps: what one record says stays readable, and a hostile
/// document (100,000 unknown siblings) cannot make its diagnostics many times its size.
pub(super) const DIAGNOSTIC_LIMIT: usize = 10_000;

/// The state of one document's reading.
pub(super) struct Reader<'d> {
    /// The decoded text; node offsets are relative to `source[base..]`.
    source: &'d str,
    /// Where the parsed text starts in `source` (white space before the XML declaration is skipped).
    base: usize,
    /// Built on the first diagnostic that needs a position.
    lines: OnceCell<LineIndex>,
    /// The root's namespace: elements in any other namespace are not DataCite elements.
    namespace: Option<&'d str>,
    /// Everything reported so far, in source order.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// True once [`DIAGNOSTIC_LIMIT`] was reached and said so.
    truncated: bool,
    /// Each element's 1-based index among its same-named siblings, and whether it has any: filled
    /// for all children of a parent at once, when the first of them needs a path.
    steps: RefCell<Steps>,
}

/// The sibling indexes of the elements of the parents indexed so far (see [`Reader::path`]).
#[derive(Default)]
struct Steps {
    /// Element → (index among same-named siblings, more than one of that name).
    of: HashMap<NodeId, (usize, bool)>,
    /// The parents whose children are in `of`.
    parents: std::collections::HashSet<NodeId>,
}

#[cfg(test)]
thread_local! {
    /// How many sibling elements paths looked at, on this thread (tests only): a walk over the
    /// siblings per diagnostic is what made paths quadratic.
    pub(super) static SIBLING_VISITS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// What makes elements same-named: the same namespace and local name, as `tag_name()` compares.
fn key<'a, 'i: 'a>(node: Node<'a, 'i>) -> (Option<&'a str>, &'a str) {
    (node.tag_name().namespace(), node.tag_name().name())
}

impl Steps {
    /// The index of `node` among its same-named siblings and whether it has any, indexing its
    /// parent's children if this is the first time one of them is asked about.
    fn of<'a, 'i: 'a>(&mut self, node: Node<'a, 'i>) -> (usize, bool) {
        let Some(parent) = node.parent() else { return (1, false) };
        if self.parents.insert(parent.id()) {
            let mut counts: HashMap<(Option<&'a str>, &'a str), usize> = HashMap::new();
            let elements = parent.children().filter(Node::is_element);
            for child in elements.clone() {
                let count = counts.entry(key(child)).or_insert(0);
                *count += 1;
                self.of.insert(child.id(), (*count, false));
            }
            for child in elements {
                #[cfg(test)]
                SIBLING_VISITS.with(|v| v.set(v.get() + 1));
                if counts.get(&key(child)).is_some_and(|&n| n > 1) {
                    if let Some(step) = self.of.get_mut(&child.id()) {
                        step.1 = true;
                    }
                }
            }
        }
        self.of.get(&node.id()).copied().unwrap_or((1, false))
    }
}

impl<'d> Reader<'d> {
    /// A reader of the document parsed from `source[base..]` whose root is in `namespace`.
    pub(super) fn new(source: &'d str, base: usize, namespace: Option<&'d str>, diagnostics: Vec<Diagnostic>) -> Self {
        Reader {
            source,
            base,
            lines: OnceCell::new(),
            namespace,
            diagnostics,
            truncated: false,
            steps: RefCell::new(Steps::default()),
        }
    }

    /// The element path of `node`: `/resource/creators/creator[2]/affiliation[1]`, with a 1-based
    /// index among same-named siblings where there can be several (or where there are). Elements
    /// of another namespace than the root's keep their prefix (`/resource/dim:field`).
    pub(super) fn path(&self, node: Node<'_, '_>) -> String {
        let root_namespace = node.document().root_element().tag_name().namespace();
        let mut steps: Vec<Node<'_, '_>> = node.ancestors().filter(Node::is_element).collect();
        steps.reverse();
        let mut index = self.steps.borrow_mut();
        let mut path = String::new();
        for step in steps {
            let name = step.tag_name();
            path.push('/');
            let prefix =
                name.namespace().filter(|ns| Some(*ns) != root_namespace).and_then(|ns| step.lookup_prefix(ns));
            if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
                path.push_str(prefix);
                path.push(':');
            }
            path.push_str(name.name());
            let (position, has_namesakes) = index.of(step);
            if has_namesakes || crosswalk_model::diagnostic::is_repeatable_xml_element(name.name()) {
                path.push('[');
                path.push_str(&position.to_string());
                path.push(']');
            }
        }
        path
    }

    /// The location of byte `offset` of the parsed text.
    pub(super) fn position(&self, offset: usize) -> Location {
        let lines = self.lines.get_or_init(|| LineIndex::new(self.source));
        lines.location(self.source, self.base.saturating_add(offset))
    }

    /// The location of an element: where its start tag begins, and its path.
    pub(super) fn at(&self, node: Node<'_, '_>) -> Location {
        self.position(node.range().start).with_path(self.path(node))
    }

    /// The location of an attribute, with the path `…/element/@name`.
    pub(super) fn at_attribute(&self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Location {
        let mut path = self.path(node);
        path.push_str("/@");
        path.push_str(&qualified_name(node, attribute));
        self.position(attribute.range().start).with_path(path)
    }

    /// True while diagnostics may still be recorded; at the limit, records that the rest are not.
    fn room(&mut self) -> bool {
        if self.diagnostics.len() < DIAGNOSTIC_LIMIT {
            return true;
        }
        if !self.truncated {
            self.truncated = true;
            let message = format!("more than {DIAGNOSTIC_LIMIT} diagnostics; the rest are not listed");
            let location = self.position(0);
            self.diagnostics.push(Diagnostic::warning(DIAGNOSTICS_TRUNCATED, message).at(location));
        }
        false
    }

    /// Reports an informational diagnostic at an element.
    pub(super) fn info(&mut self, code: &'static str, node: Node<'_, '_>, message: String) {
        if !self.room() {
            return;
        }
        let location = self.at(node);
        self.diagnostics.push(Diagnostic::info(code, message).at(location));
    }

    /// Reports a warning at an element.
    pub(super) fn warn(&mut self, code: &'static str, node: Node<'_, '_>, message: String) {
        if !self.room() {
            return;
        }
        let location = self.at(node);
        self.diagnostics.push(Diagnostic::warning(code, message).at(location));
    }

    /// Reports a diagnostic at an attribute.
    pub(super) fn report_at_attribute(
        &mut self,
        diagnostic: Diagnostic,
        node: Node<'_, '_>,
        attribute: &Attribute<'_, '_>,
    ) {
        if !self.room() {
            return;
        }
        let location = self.at_attribute(node, attribute);
        self.diagnostics.push(diagnostic.at(location));
    }

    /// True when `node` is an element of the document's DataCite namespace.
    fn is_datacite(&self, node: Node<'_, '_>) -> bool {
        node.tag_name().namespace() == self.namespace
    }

    /// Filters the children of an element that holds only elements: returns the DataCite elements,
    /// reports stray text and elements of other namespaces, and skips comments and processing
    /// instructions (which carry no metadata).
    pub(super) fn element<'a, 'i>(&mut self, child: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
        match child.node_type() {
            NodeType::Element if self.is_datacite(child) => Some(child),
            NodeType::Element => {
                self.unknown_element(child);
                None
            }
            NodeType::Text => {
                let raw = child.text().unwrap_or_default();
                let text = trim_xml_space(raw);
                if !text.is_empty() && self.room() {
                    if let Some(parent) = child.parent_element() {
                        let message = format!(
                            "text {} in <{}>, which holds only elements, is not read",
                            quote(text),
                            parent.tag_name().name()
                        );
                        // Point at the text itself, not at the line break before it. The offset is
                        // exact unless the text holds entity references before its first word.
                        let leading = raw.len() - raw.trim_start_matches(is_xml_space).len();
                        let location = self.position(child.range().start + leading).with_path(self.path(parent));
                        self.diagnostics.push(Diagnostic::warning(UNEXPECTED_TEXT, message).at(location));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// Reports an element that has no place where it stands (unknown, misplaced, from another
    /// namespace, or inside an element that holds only text); its content is not read.
    pub(super) fn unknown_element(&mut self, node: Node<'_, '_>) {
        let name = node.tag_name().name();
        let parent = node.parent_element().map_or("", |p| p.tag_name().name());
        let message = if !self.is_datacite(node) {
            match node.tag_name().namespace() {
                Some(ns) => {
                    let prefix =
                        node.lookup_prefix(ns).filter(|p| !p.is_empty()).map_or(String::new(), |p| format!("{p}:"));
                    format!("element <{prefix}{name}> of namespace {ns} in <{parent}> is not DataCite; not read")
                }
                None => format!("element <{name}> without namespace in <{parent}> is not DataCite; not read"),
            }
        } else if node.parent_element().is_some_and(is_text_only) {
            format!("element <{name}> inside <{parent}>, which holds only text, is not read")
        } else {
            format!("element <{name}> has no place in <{parent}>; not read")
        };
        self.warn(UNKNOWN_ELEMENT, node, message);
    }

    /// The name of a metadata attribute: a DataCite attribute (no namespace) by its name,
    /// `xml:lang` as `"xml:lang"`; `None` for `xsi:` attributes, which carry no metadata, and
    /// for attributes of other namespaces, which are reported.
    pub(super) fn attribute_name<'a>(&mut self, node: Node<'_, '_>, attribute: &Attribute<'a, '_>) -> Option<&'a str> {
        match attribute.namespace() {
            None => Some(attribute.name()),
            Some(XML_NS) if attribute.name() == "lang" => Some("xml:lang"),
            Some(XSI_NS) => None,
            Some(_) => {
                self.unknown_attribute(node, attribute);
                None
            }
        }
    }

    /// Reports an attribute that has no place on its element.
    pub(super) fn unknown_attribute(&mut self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>) {
        let name = qualified_name(node, attribute);
        let message = format!(
            "attribute {name}={} has no place on <{}>; not read",
            quote(attribute.value()),
            node.tag_name().name()
        );
        self.report_at_attribute(Diagnostic::warning(UNKNOWN_ATTRIBUTE, message), node, attribute);
    }

    /// Reports every metadata attribute of an element that takes none.
    pub(super) fn no_attributes(&mut self, node: Node<'_, '_>) {
        for attribute in node.attributes() {
            if self.attribute_name(node, &attribute).is_some() {
                self.unknown_attribute(node, &attribute);
            }
        }
    }

    /// An attribute's value without surrounding white space (reported when removed); `None`,
    /// reported, when nothing is left.
    pub(super) fn attribute_value<'a>(&mut self, node: Node<'_, '_>, attribute: &Attribute<'a, '_>) -> Option<&'a str> {
        let raw = attribute.value();
        let value = trim_xml_space(raw);
        if value.is_empty() {
            let message = format!("empty attribute {} on <{}> skipped", attribute.name(), node.tag_name().name());
            self.report_at_attribute(Diagnostic::info(codes::VALUE_EMPTY, message), node, attribute);
            return None;
        }
        if value.len() != raw.len() {
            let message = format!("white space around {} removed", quote(value));
            self.report_at_attribute(Diagnostic::info(codes::VALUE_TRIMMED, message), node, attribute);
        }
        Some(value)
    }

    /// An attribute's trimmed value as an owned string.
    pub(super) fn attribute_text(&mut self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> Option<String> {
        self.attribute_value(node, attribute).map(str::to_owned)
    }

    /// An attribute's value looked up in a controlled list: the exact value, the canonical value
    /// of a loose match (reported), or the value as written in `Unknown` (reported).
    pub(super) fn attribute_vocab<V: Vocabulary>(
        &mut self,
        node: Node<'_, '_>,
        attribute: &Attribute<'_, '_>,
    ) -> Option<V> {
        let text = self.attribute_value(node, attribute)?;
        Some(self.vocab(node, attribute, text))
    }

    /// Looks `text`, the value of `attribute`, up in a controlled list and reports how it matched.
    pub(super) fn vocab<V: Vocabulary>(&mut self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>, text: &str) -> V {
        let (value, matched) = V::lookup(text);
        match matched {
            Match::Exact => {}
            Match::Normalised => {
                let message = format!("{} {} read as \"{}\"", V::PROPERTY, quote(text), value.as_str());
                self.report_at_attribute(Diagnostic::info(codes::VOCAB_NORMALISED, message), node, attribute);
            }
            Match::Unknown => {
                let message = format!("{} {} is not a DataCite 4.7 value; kept as written", V::PROPERTY, quote(text));
                self.report_at_attribute(Diagnostic::warning(codes::VOCAB_UNKNOWN, message), node, attribute);
            }
        }
        value
    }

    /// Reports a legacy construct mapped onto 4.7 at an attribute.
    pub(super) fn legacy_attribute(&mut self, node: Node<'_, '_>, attribute: &Attribute<'_, '_>, message: String) {
        self.report_at_attribute(Diagnostic::info(codes::LEGACY_MAPPED, message), node, attribute);
    }

    /// The text of an element that holds only text, without surrounding white space (reported
    /// when removed); `None` when nothing is left (the caller decides whether that is worth a
    /// report). Elements inside it are reported and not read.
    pub(super) fn text(&mut self, node: Node<'_, '_>) -> Option<String> {
        let raw = self.raw_text(node, false);
        self.trimmed(node, &raw)
    }

    /// The text of a `<description>`: text with each `<br/>` element as the model's line break
    /// ([`LINE_BREAK`]); text that reads `<br/>` (escaped in the source, `&lt;br/&gt;`) is text
    /// and stays text.
    pub(super) fn description_text(&mut self, node: Node<'_, '_>) -> Option<String> {
        let raw = self.raw_text(node, true);
        self.trimmed(node, &raw)
    }

    fn trimmed(&mut self, node: Node<'_, '_>, raw: &str) -> Option<String> {
        let value = trim_xml_space(raw);
        if value.is_empty() {
            return None;
        }
        if value.len() != raw.len() {
            self.info(codes::VALUE_TRIMMED, node, format!("white space around {} removed", quote(value)));
        }
        Some(value.to_owned())
    }

    /// The concatenated text children of `node` (usually one, borrowed).
    fn raw_text<'a>(&mut self, node: Node<'a, '_>, with_br: bool) -> Cow<'a, str> {
        let mut text: Cow<'a, str> = Cow::Borrowed("");
        for child in node.children() {
            match child.node_type() {
                NodeType::Text => {
                    let part = child.text().unwrap_or_default();
                    if with_br && part.contains(LINE_BREAK) {
                        // The character the model marks line breaks with: it is one, and is
                        // written back as the element.
                        let message = format!(
                            "the text of <{}> holds U+2028 (LINE SEPARATOR), which is a line break; it will be written back as a <br/> element",
                            node.tag_name().name()
                        );
                        self.info(codes::VALUE_NORMALISED, node, message);
                    }
                    append(&mut text, part);
                }
                NodeType::Element if with_br && self.is_datacite(child) && child.tag_name().name() == "br" => {
                    self.no_attributes(child);
                    let has_content = child.children().any(|c| {
                        c.is_element() || (c.is_text() && !trim_xml_space(c.text().unwrap_or_default()).is_empty())
                    });
                    if has_content {
                        self.warn(UNEXPECTED_TEXT, child, "content inside <br/> is not read".to_owned());
                    }
                    append(&mut text, LINE_BREAK_STR);
                }
                NodeType::Element => self.unknown_element(child),
                _ => {}
            }
        }
        text
    }

    /// Reports that an empty element was skipped.
    pub(super) fn empty(&mut self, node: Node<'_, '_>) {
        self.info(codes::VALUE_EMPTY, node, format!("empty <{}> skipped", node.tag_name().name()));
    }

    /// Keeps `value` in `slot` unless the slot already holds one: a single-valued element that
    /// occurs again is reported and its value lost.
    pub(super) fn keep_first<T>(&mut self, node: Node<'_, '_>, slot: &mut Option<T>, value: Option<T>) {
        match value {
            Some(value) if slot.is_none() => *slot = Some(value),
            Some(_) => self.repeated(node),
            None => {}
        }
    }

    /// Reports a single-valued element that occurs again; its value is lost.
    pub(super) fn repeated(&mut self, node: Node<'_, '_>) {
        let name = node.tag_name().name();
        let parent = node.parent_element().map_or("", |p| p.tag_name().name());
        let text = trim_xml_space(node.text().unwrap_or_default());
        let what = if text.is_empty() { String::new() } else { format!(" {}", quote(text)) };
        let message = format!("another <{name}>{what} in <{parent}> ignored: it may occur once; the first is kept");
        self.warn(codes::FIELD_REPEATED, node, message);
    }

    /// Calls `read` with each child element of `wrapper` named `name`, after reporting the
    /// wrapper's attributes and every other child.
    pub(super) fn each<'a, 'i>(
        &mut self,
        wrapper: Node<'a, 'i>,
        name: &str,
        mut read: impl FnMut(&mut Self, Node<'a, 'i>),
    ) {
        self.no_attributes(wrapper);
        for child in wrapper.children() {
            let Some(element) = self.element(child) else { continue };
            if element.tag_name().name() == name {
                read(self, element);
            } else {
                self.unknown_element(element);
            }
        }
    }
}

/// Appends `part` to `text`, borrowing while there is only one part.
fn append<'a>(text: &mut Cow<'a, str>, part: &'a str) {
    if text.is_empty() {
        *text = Cow::Borrowed(part);
    } else {
        text.to_mut().push_str(part);
    }
}

/// True for the elements whose content is text only (everything except wrappers and compounds).
fn is_text_only(node: Node<'_, '_>) -> bool {
    !matches!(
        node.tag_name().name(),
        "resource"
            | "creators"
            | "creator"
            | "titles"
            | "subjects"
            | "contributors"
            | "contributor"
            | "dates"
            | "alternateIdentifiers"
            | "relatedIdentifiers"
            | "sizes"
            | "formats"
            | "rightsList"
            | "descriptions"
            | "geoLocations"
            | "geoLocation"
            | "geoLocationPoint"
            | "geoLocationBox"
            | "geoLocationPolygon"
            | "polygonPoint"
            | "inPolygonPoint"
            | "fundingReferences"
            | "fundingReference"
            | "relatedItems"
            | "relatedItem"
    )
}

/// The name of an attribute as written, with its prefix (`xml:lang`, `dim:source`).
fn qualified_name(node: Node<'_, '_>, attribute: &Attribute<'_, '_>) -> String {
    match attribute.namespace() {
        None => attribute.name().to_owned(),
        Some(XML_NS) => format!("xml:{}", attribute.name()),
        Some(ns) => match node.lookup_prefix(ns) {
            Some(prefix) => format!("{prefix}:{}", attribute.name()),
            None => format!("{{{ns}}}{}", attribute.name()),
        },
    }
}

/// A value quoted for a message, shortened to [`QUOTE_LIMIT`] characters.
pub(super) fn quote(text: &str) -> String {
    crosswalk_text::message::quote(text, QUOTE_LIMIT)
}

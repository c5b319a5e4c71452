//! The diagnostics of one record while it is mapped, and the helpers that read values from the
//! tree and report what they change or leave out.

use crosswalk_model::{codes, Diagnostic};

use crate::tree::{Attr, Node, Ns};
use crate::{UNEXPECTED_TEXT, UNKNOWN_ATTRIBUTE, UNKNOWN_ELEMENT};

/// How many characters of a value a message quotes.
const QUOTE_LIMIT: usize = 80;

/// A value quoted for a message, shortened to [`QUOTE_LIMIT`] characters.
pub(crate) fn quote(text: &str) -> String {
    crosswalk_text::message::quote(text, QUOTE_LIMIT)
}

/// The diagnostics of the record being mapped.
#[derive(Default)]
pub(crate) struct Ctx {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Ctx {
    /// Adds a diagnostic located at `node`.
    pub(crate) fn report(&mut self, diagnostic: Diagnostic, node: Node<'_>) {
        self.diagnostics.push(diagnostic.at(node.location()));
    }

    /// A warning at `node`.
    pub(crate) fn warn(&mut self, code: &'static str, node: Node<'_>, message: String) {
        self.report(Diagnostic::warning(code, message), node);
    }

    /// An info at `node`.
    pub(crate) fn info(&mut self, code: &'static str, node: Node<'_>, message: String) {
        self.report(Diagnostic::info(code, message), node);
    }

    /// Reports an element that has no place where it stands; its content is not read.
    pub(crate) fn unknown_element(&mut self, node: Node<'_>) {
        let parent = node.parent().map_or("", |p| p.qname());
        let message = match node.ns() {
            Ns::Other => match node.uri() {
                Some(uri) => format!("element <{}> of namespace {uri} in <{parent}> is not read", node.qname()),
                None => format!("element <{}> in <{parent}> is not read", node.qname()),
            },
            _ => format!("element <{}> has no place in <{parent}>; not read", node.qname()),
        };
        self.warn(UNKNOWN_ELEMENT, node, message);
    }

    /// Reports a source element with no home in the model (`field.unmapped`).
    pub(crate) fn unmapped(&mut self, node: Node<'_>, why: &str) {
        let text = flat_text(node);
        let value = if text.trim().is_empty() { String::new() } else { format!(" {}", quote(text.trim())) };
        let message = format!("<{}>{value} in <{}> {why}", node.qname(), node.parent().map_or("", |p| p.qname()));
        self.warn(codes::FIELD_UNMAPPED, node, message);
    }

    /// Reports an attribute with no home in the model (`field.unmapped`).
    pub(crate) fn unmapped_attribute(&mut self, node: Node<'_>, attribute: &str, why: &str) {
        if let Some(value) = node.attr(attribute) {
            let message = format!("{attribute}={} on <{}> {why}", quote(value), node.qname());
            self.warn(codes::FIELD_UNMAPPED, node, message);
        }
    }

    /// Reports every attribute of `node` that is not in `known` (nor `xml:lang` when `lang` is
    /// allowed); namespace declarations and `xsi:` attributes carry no metadata and pass.
    pub(crate) fn check_attributes(&mut self, node: Node<'_>, known: &[&str]) {
        for attribute in node.attrs() {
            let fine = match attribute.ns {
                Ns::Crossref => known.contains(&attribute.name()),
                Ns::Xml => known.contains(&"xml:lang") && attribute.name() == "lang",
                Ns::Xsi => true,
                _ => false,
            };
            if !fine {
                self.unknown_attribute(node, attribute);
            }
        }
    }

    fn unknown_attribute(&mut self, node: Node<'_>, attribute: &Attr) {
        let message = format!(
            "attribute {}={} has no place on <{}>; not read",
            attribute.qname,
            quote(&attribute.value),
            node.qname()
        );
        self.warn(UNKNOWN_ATTRIBUTE, node, message);
    }

    /// The text of an element that holds text only, trimmed (reported), `None` when empty
    /// (reported). Child elements are reported and not read.
    pub(crate) fn text(&mut self, node: Node<'_>) -> Option<String> {
        let mut raw = String::new();
        for child in node.children() {
            if child.is_element() {
                self.unknown_element(child);
            } else {
                raw.push_str(child.text_value());
            }
        }
        self.trimmed(node, &raw)
    }

    /// The text of an element whose content the schema collapses (names): runs of white space
    /// become one space.
    pub(crate) fn collapsed_text(&mut self, node: Node<'_>) -> Option<String> {
        let text = self.text(node)?;
        Some(collapse(&text))
    }

    /// Trims `raw`, reporting removed white space, and reports an empty value.
    pub(crate) fn trimmed(&mut self, node: Node<'_>, raw: &str) -> Option<String> {
        let value = raw.trim();
        if value.is_empty() {
            self.info(codes::VALUE_EMPTY, node, format!("empty <{}> skipped", node.qname()));
            return None;
        }
        if value.len() != raw.len() {
            self.info(codes::VALUE_TRIMMED, node, format!("white space around {} removed", quote(value)));
        }
        Some(value.to_owned())
    }

    /// Reports a non-blank text child of an element that holds only elements.
    pub(crate) fn stray_text(&mut self, node: Node<'_>) {
        for child in node.children() {
            let text = child.text_value().trim();
            if !child.is_element() && !text.is_empty() {
                let message =
                    format!("text {} in <{}>, which holds only elements, is not read", quote(text), node.qname());
                self.warn(UNEXPECTED_TEXT, child, message);
            }
        }
    }

    /// Reports the second and later occurrence of a single-valued element.
    pub(crate) fn repeated(&mut self, node: Node<'_>) {
        let message = format!(
            "another <{}> in <{}> ignored: it may occur once; the first is kept",
            node.qname(),
            node.parent().map_or("", |p| p.qname())
        );
        self.warn(codes::FIELD_REPEATED, node, message);
    }

    /// Keeps `value` in `slot` unless it is full (then the element is reported as repeated).
    pub(crate) fn keep_first<T>(&mut self, node: Node<'_>, slot: &mut Option<T>, value: Option<T>) {
        match value {
            Some(value) if slot.is_none() => *slot = Some(value),
            Some(_) => self.repeated(node),
            None => {}
        }
    }
}

// Runs of white space as one space, as the shared markup rule collapses them.
pub(crate) use crosswalk_rules::markup::collapse;

/// All the text inside `node`, nested elements included.
pub(crate) fn flat_text(node: Node<'_>) -> String {
    crosswalk_rules::markup::flat_text(node)
}

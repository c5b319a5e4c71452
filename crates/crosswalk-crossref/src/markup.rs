//! Text with markup: Crossref's face markup in titles and descriptions, and JATS abstracts.
//!
//! The reduction itself is the shared rule of `crosswalk_rules::markup` (the CSL reader reduces
//! the JATS abstracts Crossref puts into CSL-JSON with it too): face markup and JATS keep their
//! text, MathML the text of its symbols, an abstract's block elements become paragraphs
//! separated by a blank line. This module tells the rule which vocabulary each element of the
//! reader's tree belongs to, and reports what it met at the element's place.

use crosswalk_rules::markup::{self, Element, MarkupNode, Reduced, Vocabulary, FACE_ELEMENTS};

use crate::ctx::{collapse, quote, Ctx};
use crate::tree::{Node, Ns};

impl MarkupNode for Node<'_> {
    fn element(&self) -> Option<Element<'_>> {
        if !self.is_element() {
            return None;
        }
        let vocabulary = match self.ns() {
            Ns::Jats => Vocabulary::Jats,
            Ns::MathMl => Vocabulary::MathMl,
            Ns::Crossref | Ns::Relations if FACE_ELEMENTS.contains(&self.name()) => Vocabulary::Face,
            _ => Vocabulary::Foreign,
        };
        Some(Element { vocabulary, name: self.name(), qname: self.qname() })
    }

    fn text(&self) -> &str {
        self.text_value()
    }

    fn children(&self) -> impl Iterator<Item = Self> {
        Node::children(self)
    }
}

/// Reports what a reduction met at `node`: the markup removed and MathML flattened.
fn report(ctx: &mut Ctx, node: Node<'_>, reduced: &Reduced<Node<'_>>) {
    for diagnostic in reduced.diagnostics(&format!("<{}>", node.qname())) {
        ctx.report(diagnostic, node);
    }
}

/// The text of a mixed-content element (title, subtitle, description, citation text) with its
/// face markup and MathML reduced to text; trimmed, `None` when empty (both reported). Elements
/// of other vocabularies are reported and not read.
pub(crate) fn rich_text(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    let reduced = markup::inline_text(node);
    for foreign in &reduced.foreign {
        ctx.unknown_element(*foreign);
    }
    report(ctx, node, &reduced);
    ctx.trimmed(node, &reduced.text)
}

/// The text of a title (or another one-line name of a work: a subtitle, a journal or
/// proceedings title, a cited title): [`rich_text`] with runs of white space collapsed to one
/// space. A title is one line; the line breaks and indentation inside it are the XML's layout
/// (`CO<sub>2</sub>` written over several indented lines), not part of the title. The schema
/// does not collapse mixed content, so a change is reported.
pub(crate) fn title_text(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    let text = rich_text(ctx, node)?;
    let collapsed = collapse(&text);
    if collapsed != text {
        let message = format!(
            "line breaks and runs of white space inside <{}> collapsed to single spaces (a title is one line): {}",
            node.qname(),
            quote(&collapsed)
        );
        ctx.info(crosswalk_model::codes::VALUE_NORMALISED, node, message);
    }
    Some(collapsed)
}

/// A JATS abstract as plain text: paragraphs separated by a blank line; `None` when empty.
/// Elements that are not JATS keep their text, with a warning.
pub(crate) fn abstract_text(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    let reduced = markup::abstract_text(node);
    for foreign in &reduced.foreign {
        let text = markup::flat_text(*foreign);
        let message = format!(
            "element <{}> in an abstract is not JATS; its text {} is kept",
            foreign.qname(),
            quote(text.trim())
        );
        ctx.warn(crate::UNKNOWN_ELEMENT, *foreign, message);
    }
    report(ctx, node, &reduced);
    if reduced.text.is_empty() {
        ctx.info(crosswalk_model::codes::VALUE_EMPTY, node, format!("empty <{}> skipped", node.qname()));
        return None;
    }
    Some(reduced.text)
}

//! Text with markup: Crossref's face markup in titles and descriptions, and JATS abstracts.
//!
//! DataCite titles are plain text and descriptions allow only the `<br/>` line-break element, so
//! markup is reduced to its text:
//!
//! - face markup (`<i>`, `<b>`, `<sup>`, `<sub>`, `<scp>`, …) keeps its text and loses the
//!   formatting (reported as info, naming the elements);
//! - MathML keeps the text of its leaves (`x2` for x²), reported as a warning because the
//!   formula's meaning may be lost;
//! - a JATS abstract becomes paragraphs separated by a blank line (`"\n\n"`): every block element
//!   (`p`, `sec`, `title`, `list-item`, `disp-quote`, …) is a paragraph of its own, white space
//!   inside a paragraph is collapsed (it is source layout in JATS), inline elements keep their
//!   text, and a leading heading that only says "Abstract" is dropped. Plain text with blank
//!   lines, rather than `<br/>`, survives every output format unchanged.

use crate::ctx::{collapse, quote, Ctx};
use crate::tree::{Node, Ns};
use crate::{MARKUP_REMOVED, MATH_FLATTENED};

/// Crossref's face markup elements.
const FACES: &[&str] = &["b", "i", "em", "strong", "u", "ovl", "sup", "sub", "scp", "tt", "font", "a"];

/// JATS elements that make a paragraph of their own.
const JATS_BLOCKS: &[&str] = &[
    "p",
    "sec",
    "title",
    "list",
    "list-item",
    "def-list",
    "def-item",
    "term",
    "def",
    "disp-quote",
    "boxed-text",
    "fig",
    "table-wrap",
    "caption",
    "label",
    "statement",
    "verse-group",
    "verse-line",
    "attrib",
    "disp-formula",
    "preformat",
    "table",
    "tr",
    "speech",
    "address",
];

/// What reducing markup met.
#[derive(Default)]
struct Reduced {
    elements: Vec<String>,
    math: bool,
}

impl Reduced {
    fn saw(&mut self, node: Node<'_>) {
        let name = node.qname();
        if !self.elements.iter().any(|e| e == name) {
            self.elements.push(name.to_owned());
        }
    }

    fn report(self, ctx: &mut Ctx, node: Node<'_>, what: &str) {
        if !self.elements.is_empty() {
            let list: Vec<String> = self.elements.iter().map(|e| format!("<{e}>")).collect();
            let message = format!("{what} of <{}> reduced to text: {} removed", node.qname(), list.join(", "));
            ctx.info(MARKUP_REMOVED, node, message);
        }
        if self.math {
            let message = format!("MathML in <{}> reduced to the text of its symbols; check the formula", node.qname());
            ctx.warn(MATH_FLATTENED, node, message);
        }
    }
}

/// The text of a mixed-content element (title, subtitle, description, citation text) with its
/// face markup and MathML reduced to text; trimmed, `None` when empty (both reported).
pub(crate) fn rich_text(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    let mut out = String::new();
    let mut reduced = Reduced::default();
    inline(ctx, node, &mut out, &mut reduced);
    reduced.report(ctx, node, "markup");
    ctx.trimmed(node, &out)
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

fn inline(ctx: &mut Ctx, node: Node<'_>, out: &mut String, reduced: &mut Reduced) {
    for child in node.children() {
        if !child.is_element() {
            out.push_str(child.text_value());
            continue;
        }
        match child.ns() {
            Ns::Crossref | Ns::Relations if FACES.contains(&child.name()) => {
                reduced.saw(child);
                inline(ctx, child, out, reduced);
            }
            Ns::Jats => {
                reduced.saw(child);
                inline(ctx, child, out, reduced);
            }
            Ns::MathMl => {
                reduced.math = true;
                math_text(child, out);
            }
            _ => ctx.unknown_element(child),
        }
    }
}

/// The text of a MathML element's leaves, without the layout white space between them.
fn math_text(node: Node<'_>, out: &mut String) {
    for child in node.children() {
        if child.is_element() {
            math_text(child, out);
        } else {
            out.push_str(child.text_value().trim());
        }
    }
}

/// A JATS abstract as plain text: paragraphs separated by a blank line; `None` when empty.
pub(crate) fn abstract_text(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut reduced = Reduced::default();
    let mut first = true;
    for child in node.children() {
        if first && child.is_element() && child.ns() == Ns::Jats && child.name() == "title" {
            first = false;
            let heading = collapse(&crate::ctx::flat_text(child));
            let plain = heading.trim_end_matches([':', '.']).trim();
            if plain.eq_ignore_ascii_case("abstract") || plain.eq_ignore_ascii_case("summary") {
                reduced.saw(child);
                continue;
            }
        }
        if child.is_element() {
            first = false;
        }
        block(ctx, child, &mut paragraphs, &mut current, &mut reduced, true);
    }
    flush(&mut paragraphs, &mut current);
    reduced.report(ctx, node, "JATS markup");
    let text = paragraphs.join("\n\n");
    if text.is_empty() {
        ctx.info(crosswalk_model::codes::VALUE_EMPTY, node, format!("empty <{}> skipped", node.qname()));
        return None;
    }
    Some(text)
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let paragraph = collapse(current);
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

fn block(
    ctx: &mut Ctx,
    node: Node<'_>,
    paragraphs: &mut Vec<String>,
    current: &mut String,
    reduced: &mut Reduced,
    top: bool,
) {
    if !node.is_element() {
        current.push_str(node.text_value());
        return;
    }
    match node.ns() {
        Ns::Jats if JATS_BLOCKS.contains(&node.name()) => {
            if !(top && node.name() == "p") {
                reduced.saw(node);
            }
            flush(paragraphs, current);
            for child in node.children() {
                block(ctx, child, paragraphs, current, reduced, false);
            }
            flush(paragraphs, current);
        }
        Ns::Jats | Ns::Crossref if node.ns() == Ns::Jats || FACES.contains(&node.name()) => {
            reduced.saw(node);
            for child in node.children() {
                block(ctx, child, paragraphs, current, reduced, false);
            }
        }
        Ns::MathMl => {
            reduced.math = true;
            current.push(' ');
            math_text(node, current);
            current.push(' ');
        }
        _ => {
            let text = crate::ctx::flat_text(node);
            let message = format!(
                "element <{}> in an abstract is not JATS; its text {} is kept",
                node.qname(),
                quote(text.trim())
            );
            ctx.warn(crate::UNKNOWN_ELEMENT, node, message);
            current.push_str(&text);
        }
    }
}

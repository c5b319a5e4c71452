//! Text with markup reduced to plain text: Crossref's face markup in titles, JATS abstracts and
//! MathML, wherever a reader meets them (Crossref XML, and the JATS abstracts that Crossref puts
//! into the CSL-JSON it serves).
//!
//! DataCite titles are plain text and descriptions allow only the `<br/>` line-break element, so
//! markup is reduced to its text:
//!
//! - face markup (`<i>`, `<b>`, `<sup>`, `<sub>`, `<scp>`, …) keeps its text and loses the
//!   formatting (reported as info, naming the elements: [`MARKUP_REMOVED`]);
//! - MathML keeps the text of its leaves (`x2` for x²), reported as a warning because the
//!   formula's meaning may be lost ([`MATH_FLATTENED`]);
//! - a JATS abstract becomes paragraphs separated by a blank line (`"\n\n"`): every block element
//!   (`p`, `sec`, `title`, `list-item`, `disp-quote`, …) is a paragraph of its own, white space
//!   inside a paragraph is collapsed (it is source layout in JATS), inline elements keep their
//!   text, and a leading heading that only says "Abstract" is dropped. Plain text with blank
//!   lines, rather than `<br/>`, survives every output format unchanged.
//!
//! The reducers work on any tree that implements [`MarkupNode`]: the Crossref reader's own
//! element tree, or a [`Fragment`] parsed from a string (a CSL `abstract`). They return what they
//! met ([`Reduced`]); the reader reports it at its own location.
//!
//! ```
//! use crosswalk_rules::markup::{abstract_text, Fragment};
//!
//! let fragment = Fragment::parse("<jats:title>Abstract</jats:title><jats:p>Cells <jats:italic>in\n vitro</jats:italic>.</jats:p><jats:p>More.</jats:p>").unwrap();
//! let reduced = abstract_text(fragment.root());
//! assert_eq!(reduced.text, "Cells in vitro.\n\nMore.");
//! assert_eq!(reduced.removed, ["<jats:title>", "<jats:italic>"]);
//! ```

use crosswalk_model::Diagnostic;

use crate::{MARKUP_REMOVED, MATH_FLATTENED};

/// Crossref's face markup elements (also CSL's rich-text tags where they share a name).
pub const FACE_ELEMENTS: &[&str] = &["b", "i", "em", "strong", "u", "ovl", "sup", "sub", "scp", "tt", "font", "a"];

/// JATS elements that make a paragraph of their own.
pub const JATS_BLOCKS: &[&str] = &[
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

/// The markup vocabulary an element belongs to, which decides how it is reduced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocabulary {
    /// JATS (`http://www.ncbi.nlm.nih.gov/JATS1`, conventionally the `jats:` prefix).
    Jats,
    /// MathML.
    MathMl,
    /// Face markup in titles (Crossref's `<i>`, `<b>`, `<sup>` …).
    Face,
    /// Anything else: not markup the reducers know.
    Foreign,
}

/// What the reducers need to know about an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element<'a> {
    /// Its vocabulary.
    pub vocabulary: Vocabulary,
    /// Its local name (`p` for `<jats:p>`).
    pub name: &'a str,
    /// Its name as written (`jats:p`), for messages.
    pub qname: &'a str,
}

/// A node of a markup tree: an element or a run of text.
pub trait MarkupNode: Copy {
    /// The element this node is, or `None` for text.
    fn element(&self) -> Option<Element<'_>>;
    /// The text of a text node (empty for an element).
    fn text(&self) -> &str;
    /// The children of an element, in order (none for text).
    fn children(&self) -> impl Iterator<Item = Self>;
}

/// A reducer's result: the text, and what was reduced to make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reduced<N> {
    /// The plain text (an abstract's paragraphs separated by `"\n\n"`); untrimmed for inline
    /// text, as the caller trims and reports.
    pub text: String,
    /// The elements whose markup was removed, as `<qname>`, each once, in the order met.
    pub removed: Vec<String>,
    /// True when MathML was reduced to the text of its symbols.
    pub math: bool,
    /// Elements of no known vocabulary. Inline text leaves them out (their text is not read);
    /// an abstract keeps their text. The caller reports them.
    pub foreign: Vec<N>,
    /// `"markup"` or `"JATS markup"`, for the message.
    what: &'static str,
}

impl<N> Reduced<N> {
    fn new(what: &'static str) -> Self {
        Reduced { text: String::new(), removed: Vec::new(), math: false, foreign: Vec::new(), what }
    }

    fn saw(&mut self, element: Element<'_>) {
        let tagged = format!("<{}>", element.qname);
        if !self.removed.contains(&tagged) {
            self.removed.push(tagged);
        }
    }

    /// The diagnostics to report, without a location: [`MARKUP_REMOVED`] naming the elements,
    /// [`MATH_FLATTENED`] when MathML was met. `subject` names the value (`<jats:abstract>`,
    /// `abstract`).
    ///
    /// ```
    /// use crosswalk_rules::markup::{inline_text, Fragment};
    ///
    /// let fragment = Fragment::parse("H<sub>2</sub>O").unwrap();
    /// let notes = inline_text(fragment.root()).diagnostics("<title>");
    /// assert_eq!(notes[0].message, "markup of <title> reduced to text: <sub> removed");
    /// ```
    pub fn diagnostics(&self, subject: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !self.removed.is_empty() {
            let message = format!("{} of {subject} reduced to text: {} removed", self.what, self.removed.join(", "));
            out.push(Diagnostic::info(MARKUP_REMOVED, message));
        }
        if self.math {
            let message = format!("MathML in {subject} reduced to the text of its symbols; check the formula");
            out.push(Diagnostic::warning(MATH_FLATTENED, message));
        }
        out
    }
}

/// The text of a mixed-content value (a title, a subtitle, a citation's text) with its face
/// markup, JATS and MathML reduced to text. Elements of no known vocabulary are left out and
/// listed in [`Reduced::foreign`].
pub fn inline_text<N: MarkupNode>(node: N) -> Reduced<N> {
    let mut reduced = Reduced::new("markup");
    let mut out = String::new();
    inline(node, &mut out, &mut reduced);
    reduced.text = out;
    reduced
}

fn inline<N: MarkupNode>(node: N, out: &mut String, reduced: &mut Reduced<N>) {
    for child in node.children() {
        let Some(element) = child.element() else {
            out.push_str(child.text());
            continue;
        };
        match element.vocabulary {
            Vocabulary::Face | Vocabulary::Jats => {
                reduced.saw(element);
                inline(child, out, reduced);
            }
            Vocabulary::MathMl => {
                reduced.math = true;
                math_text(child, out);
            }
            Vocabulary::Foreign => reduced.foreign.push(child),
        }
    }
}

/// The text of a MathML element's leaves, without the layout white space between them.
fn math_text<N: MarkupNode>(node: N, out: &mut String) {
    for child in node.children() {
        if child.element().is_some() {
            math_text(child, out);
        } else {
            out.push_str(child.text().trim());
        }
    }
}

/// All the text inside `node`, nested elements included, as written.
pub fn flat_text<N: MarkupNode>(node: N) -> String {
    let mut out = String::new();
    push_flat_text(node, &mut out);
    out
}

fn push_flat_text<N: MarkupNode>(node: N, out: &mut String) {
    for child in node.children() {
        if child.element().is_some() {
            push_flat_text(child, out);
        } else {
            out.push_str(child.text());
        }
    }
}

/// Runs of white space as one space, without white space at the ends.
///
/// ```
/// assert_eq!(crosswalk_rules::markup::collapse("  a \n b "), "a b");
/// ```
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A JATS abstract (the children of `node`) as plain text: paragraphs separated by a blank
/// line; the text is empty when the abstract holds none. Elements of no known vocabulary keep
/// their text and are listed in [`Reduced::foreign`].
pub fn abstract_text<N: MarkupNode>(node: N) -> Reduced<N> {
    let mut reduced = Reduced::new("JATS markup");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut first = true;
    for child in node.children() {
        let element = child.element();
        if let Some(element) = element.filter(|_| first) {
            first = false;
            if element.vocabulary == Vocabulary::Jats && element.name == "title" {
                let heading = collapse(&flat_text(child));
                let plain = heading.trim_end_matches([':', '.']).trim();
                if plain.eq_ignore_ascii_case("abstract") || plain.eq_ignore_ascii_case("summary") {
                    reduced.saw(element);
                    continue;
                }
            }
        }
        block(child, &mut paragraphs, &mut current, &mut reduced, true);
    }
    flush(&mut paragraphs, &mut current);
    reduced.text = paragraphs.join("\n\n");
    reduced
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let paragraph = collapse(current);
    if !paragraph.is_empty() {
        paragraphs.push(paragraph);
    }
    current.clear();
}

fn block<N: MarkupNode>(
    node: N,
    paragraphs: &mut Vec<String>,
    current: &mut String,
    reduced: &mut Reduced<N>,
    top: bool,
) {
    let Some(element) = node.element() else {
        current.push_str(node.text());
        return;
    };
    match element.vocabulary {
        Vocabulary::Jats if JATS_BLOCKS.contains(&element.name) => {
            // A paragraph directly in the abstract is the abstract's own structure, which the
            // blank lines keep: nothing is lost, so it is not named as removed.
            if !(top && element.name == "p") {
                reduced.saw(element);
            }
            flush(paragraphs, current);
            for child in node.children() {
                block(child, paragraphs, current, reduced, false);
            }
            flush(paragraphs, current);
        }
        Vocabulary::Jats | Vocabulary::Face => {
            reduced.saw(element);
            for child in node.children() {
                block(child, paragraphs, current, reduced, false);
            }
        }
        Vocabulary::MathMl => {
            reduced.math = true;
            current.push(' ');
            math_text(node, current);
            current.push(' ');
        }
        Vocabulary::Foreign => {
            current.push_str(&flat_text(node));
            reduced.foreign.push(node);
        }
    }
}

/// How deep a [`Fragment`] may nest: real abstracts nest a few levels, and the reducers recurse.
const MAX_DEPTH: usize = 64;

/// Markup held in a string (a CSL `abstract`), parsed into a small tree for the reducers.
///
/// Parsing is strict where it must be and lenient where text is: tags must be well-formed and
/// balanced (else there is no fragment, and the caller keeps the text as written), a `<` that
/// starts no tag is text, XML's five entities and character references are resolved and any
/// other `&…;` is kept as written. Comments and processing instructions are dropped, CDATA is
/// text. Prefixes say the vocabulary: `jats:` is JATS, `mml:` (or `math`) MathML, an element
/// without prefix face markup when it has a face element's name and JATS otherwise; any other
/// prefix is foreign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    nodes: Vec<FragmentData>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct FragmentData {
    kind: FragmentKind,
    children: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum FragmentKind {
    Root,
    Element { qname: String, local: usize, vocabulary: Vocabulary },
    Text(String),
}

/// A handle on a node of a [`Fragment`].
#[derive(Clone, Copy, Debug)]
pub struct FragmentNode<'f> {
    fragment: &'f Fragment,
    id: usize,
}

impl<'f> FragmentNode<'f> {
    fn data(&self) -> Option<&'f FragmentData> {
        self.fragment.nodes.get(self.id)
    }
}

impl MarkupNode for FragmentNode<'_> {
    fn element(&self) -> Option<Element<'_>> {
        match &self.data()?.kind {
            FragmentKind::Element { qname, local, vocabulary } => {
                Some(Element { vocabulary: *vocabulary, name: qname.get(*local..).unwrap_or(qname), qname })
            }
            FragmentKind::Root | FragmentKind::Text(_) => None,
        }
    }

    fn text(&self) -> &str {
        match self.data().map(|d| &d.kind) {
            Some(FragmentKind::Text(text)) => text,
            _ => "",
        }
    }

    fn children(&self) -> impl Iterator<Item = Self> {
        let fragment = self.fragment;
        self.data().into_iter().flat_map(|d| d.children.iter()).map(move |&id| FragmentNode { fragment, id })
    }
}

impl Fragment {
    /// Parses `text` as markup; `None` when it holds no element or its tags are not
    /// well-formed and balanced.
    ///
    /// ```
    /// use crosswalk_rules::markup::Fragment;
    ///
    /// assert!(Fragment::parse("<jats:p>a &amp; b</jats:p>").is_some());
    /// assert!(Fragment::parse("p < 0.05 and q > 3").is_none()); // no element: plain text
    /// assert!(Fragment::parse("<jats:p>unclosed").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Fragment> {
        Parser { text, pos: 0, fragment: Fragment { nodes: Vec::new() }, stack: Vec::new(), elements: 0 }.run()
    }

    /// The fragment itself: an element-less root whose children are the top-level nodes.
    pub fn root(&self) -> FragmentNode<'_> {
        FragmentNode { fragment: self, id: 0 }
    }
}

struct Parser<'t> {
    text: &'t str,
    pos: usize,
    fragment: Fragment,
    /// The open elements, innermost last; the root is at the bottom.
    stack: Vec<usize>,
    elements: usize,
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '\u{b7}')
}

impl Parser<'_> {
    fn run(mut self) -> Option<Fragment> {
        self.fragment.nodes.push(FragmentData { kind: FragmentKind::Root, children: Vec::new() });
        self.stack.push(0);
        let mut text = String::new();
        while let Some(c) = self.peek() {
            if c == '<' {
                let rest = self.rest();
                let next = rest.chars().nth(1);
                match next {
                    Some('/') => {
                        self.push_text(&mut text);
                        self.end_tag()?;
                    }
                    Some('!') if rest.starts_with("<!--") => {
                        let end = rest.find("-->")?;
                        self.pos += end + 3;
                    }
                    Some('!') if rest.starts_with("<![CDATA[") => {
                        let end = rest.find("]]>")?;
                        text.push_str(rest.get(9..end)?);
                        self.pos += end + 3;
                    }
                    Some('?') => {
                        let end = rest.find("?>")?;
                        self.pos += end + 2;
                    }
                    Some(c) if is_name_start(c) => {
                        self.push_text(&mut text);
                        self.start_tag()?;
                    }
                    // A `<` that starts no tag ("p < 0.05") is text.
                    _ => {
                        text.push('<');
                        self.pos += 1;
                    }
                }
            } else if c == '&' {
                self.entity(&mut text);
            } else {
                text.push(c);
                self.pos += c.len_utf8();
            }
        }
        self.push_text(&mut text);
        (self.stack.len() == 1 && self.elements > 0).then_some(self.fragment)
    }

    fn rest(&self) -> &str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn name(&mut self) -> Option<String> {
        let start = self.pos;
        match self.peek() {
            Some(c) if is_name_start(c) => self.pos += c.len_utf8(),
            _ => return None,
        }
        while let Some(c) = self.peek().filter(|c| is_name_char(*c)) {
            self.pos += c.len_utf8();
        }
        self.text.get(start..self.pos).map(str::to_owned)
    }

    fn add(&mut self, kind: FragmentKind) -> Option<usize> {
        let id = self.fragment.nodes.len();
        self.fragment.nodes.push(FragmentData { kind, children: Vec::new() });
        let parent = *self.stack.last()?;
        self.fragment.nodes.get_mut(parent)?.children.push(id);
        Some(id)
    }

    fn push_text(&mut self, text: &mut String) {
        if !text.is_empty() {
            let _ = self.add(FragmentKind::Text(std::mem::take(text)));
        }
    }

    fn start_tag(&mut self) -> Option<()> {
        self.pos += 1;
        let qname = self.name()?;
        loop {
            let before = self.pos;
            self.skip_space();
            match self.peek()? {
                '>' => {
                    self.pos += 1;
                    let id = self.open(qname)?;
                    self.stack.push(id);
                    if self.stack.len() > MAX_DEPTH {
                        return None;
                    }
                    return Some(());
                }
                '/' => {
                    self.pos += 1;
                    if self.peek()? != '>' {
                        return None;
                    }
                    self.pos += 1;
                    self.open(qname)?;
                    return Some(());
                }
                // An attribute needs white space before it.
                _ if self.pos == before => return None,
                _ => self.attribute()?,
            }
        }
    }

    fn attribute(&mut self) -> Option<()> {
        self.name()?;
        self.skip_space();
        if self.peek()? != '=' {
            return None;
        }
        self.pos += 1;
        self.skip_space();
        let quote = self.peek().filter(|c| *c == '"' || *c == '\'')?;
        self.pos += 1;
        let end = self.rest().find(quote)?;
        self.pos += end + 1;
        Some(())
    }

    fn open(&mut self, qname: String) -> Option<usize> {
        self.elements += 1;
        let (prefix, local) = match qname.split_once(':') {
            Some((prefix, local)) => (prefix, local),
            None => ("", qname.as_str()),
        };
        let vocabulary = match prefix {
            "jats" => Vocabulary::Jats,
            "mml" => Vocabulary::MathMl,
            "" if local == "math" => Vocabulary::MathMl,
            "" if FACE_ELEMENTS.contains(&local) => Vocabulary::Face,
            "" => Vocabulary::Jats,
            _ => Vocabulary::Foreign,
        };
        let local = qname.len() - local.len();
        self.add(FragmentKind::Element { qname, local, vocabulary })
    }

    fn end_tag(&mut self) -> Option<()> {
        self.pos += 2;
        let qname = self.name()?;
        self.skip_space();
        if self.peek()? != '>' {
            return None;
        }
        self.pos += 1;
        let open = self.stack.pop()?;
        match &self.fragment.nodes.get(open)?.kind {
            FragmentKind::Element { qname: open_name, .. } if *open_name == qname => Some(()),
            _ => None,
        }
    }

    /// An entity reference: XML's five and character references are resolved; anything else
    /// (an HTML `&nbsp;`, a bare `&`) is text as written.
    fn entity(&mut self, text: &mut String) {
        let rest = self.rest();
        let reference = rest.get(1..).and_then(|r| r.find(';').filter(|&end| end <= 10).and_then(|end| r.get(..end)));
        let resolved = reference.and_then(|name| match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (resolved, reference) {
            (Some(c), Some(name)) => {
                text.push(c);
                self.pos += name.len() + 2;
            }
            _ => {
                text.push('&');
                self.pos += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abstract_of(text: &str) -> Reduced<FragmentNode<'static>> {
        let fragment: &'static Fragment = Box::leak(Box::new(Fragment::parse(text).unwrap()));
        abstract_text(fragment.root())
    }

    #[test]
    fn paragraphs_and_headings() {
        let reduced =
            abstract_of("<jats:sec><jats:title>Background</jats:title><jats:p>One\n  two.</jats:p></jats:sec>");
        assert_eq!(reduced.text, "Background\n\nOne two.");
        assert_eq!(reduced.removed, ["<jats:sec>", "<jats:title>", "<jats:p>"]);
        let reduced = abstract_of("<jats:p>Only a paragraph</jats:p>");
        assert!(reduced.removed.is_empty());
        assert!(reduced.diagnostics("abstract").is_empty());
    }

    #[test]
    fn math_and_foreign() {
        let reduced = abstract_of("<jats:p>Let <mml:math><mml:msup><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math> be.</jats:p><x:y>kept</x:y>");
        assert_eq!(reduced.text, "Let x2 be.\n\nkept");
        assert!(reduced.math);
        assert_eq!(reduced.foreign.len(), 1);
        let notes = reduced.diagnostics("abstract");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].code, MATH_FLATTENED);
    }

    #[test]
    fn entities_and_lenient_text() {
        let fragment = Fragment::parse("<i>a</i> &amp; &#x3b1; &nbsp; & < 5").unwrap();
        let reduced = inline_text(fragment.root());
        assert_eq!(reduced.text, "a & α &nbsp; & < 5");
        assert!(Fragment::parse("<jats:p>a</jats:q>").is_none());
        assert!(Fragment::parse("<jats:p a=1>a</jats:p>").is_none());
        assert!(Fragment::parse("<jats:p a='1' b=\"2\">a</jats:p>").is_some());
        assert!(Fragment::parse("no markup").is_none());
        let deep = "<jats:p>".repeat(MAX_DEPTH + 1);
        assert!(Fragment::parse(&deep).is_none());
    }
}

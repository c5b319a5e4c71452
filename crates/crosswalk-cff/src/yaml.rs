//! The YAML layer: saphyr-parser's events built into a small tree of our own, every node with the
//! line and column it starts at.
//!
//! The tree is built here, not by a YAML library's document loader, so that the three ways a YAML
//! document can cost more than its size are bounded where we can see them:
//!
//! - **Aliases.** An alias is a copy of its anchor's node. Every copy is weighed (its text bytes
//!   and 32 bytes a node), and the copies of one document may weigh at most
//!   [`MAX_ALIAS_EXPANSION`] in all: "billion laughs" (anchors that alias the anchor before them
//!   many times over) stops at the budget with an error instead of doubling with each level.
//! - **Nesting.** Nodes nested deeper than [`MAX_DEPTH`] stop reading with an error, so that
//!   neither our code nor the tree's drop recurses without bound.
//! - **Keys.** A key repeated in one mapping is found by hash, never by searching the mapping, and
//!   the first is kept (reported).
//!
//! A syntax error stops reading there with an error at its line and column; what was read before
//! it is kept (the mappings and lists left open are closed), so that a file cut short still gives
//! what it held. A second document in the stream is not read (reported).

use std::collections::{HashMap, HashSet};

use crosswalk_model::{Diagnostic, Location};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// The deepest nesting read: CITATION.cff nests four levels (a reference's author's fields);
/// a document nested deeper is not a citation file.
pub const MAX_DEPTH: usize = 64;

/// The most bytes the copies that aliases make may weigh in one document (text bytes plus 32 a
/// node): 4 MiB, the size of the largest document read, so aliases can at most double what a
/// document holds.
pub const MAX_ALIAS_EXPANSION: usize = 4 << 20;

/// What one node weighs for the alias budget besides its text.
const NODE_WEIGHT: usize = 32;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// What it is.
    pub kind: Kind,
    /// 1-based line of its first character.
    pub line: u32,
    /// 1-based column (in characters) of its first character.
    pub column: u32,
    /// Its weight for the alias budget (itself and everything under it).
    weight: usize,
}

/// The kinds of node.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// A scalar as written (after YAML's escapes and folding), with whether it was plain.
    /// (Boxed: the parser's string may have spare capacity, and the tree is held whole.)
    Scalar { text: Box<str>, plain: bool },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar that is not null (`~`, `null` or nothing, written plain).
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, plain } if !(*plain && is_null(text)) => Some(text),
            _ => None,
        }
    }

    /// True for a null scalar (`~`, `null` or nothing, written plain).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if is_null(text))
    }

    /// The entries of a mapping.
    pub fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// What the node is, for messages.
    pub fn what(&self) -> &'static str {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "null",
            Kind::Scalar { .. } => "text",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// Its place, with a path.
    pub fn at(&self, path: &str) -> Location {
        let location = Location::at(self.line, self.column);
        if path.is_empty() {
            location
        } else {
            location.with_path(path)
        }
    }

    fn scalar(text: String, plain: bool, line: u32, column: u32) -> Node {
        let weight = NODE_WEIGHT.saturating_add(text.len());
        Node { kind: Kind::Scalar { text: text.into_boxed_str(), plain }, line, column, weight }
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A parsed document: its root (absent when the stream holds no node), and what parsing said.
#[derive(Debug, Default)]
pub(crate) struct Document {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A container being read.
struct Frame {
    line: u32,
    column: u32,
    anchor: usize,
    weight: usize,
    open: Open,
}

enum Open {
    Seq(Vec<Node>),
    Map { entries: Vec<(Node, Node)>, key: Option<Node>, seen: HashSet<String> },
}

/// Parses the first YAML document of `text`.
pub(crate) fn parse(text: &str) -> Document {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => {
                let marker = error.marker();
                let (line, column) = position(marker.line(), marker.col());
                let message = format!("the YAML is not well-formed: {}", error.info());
                builder.diagnostics.push(Diagnostic::error(crate::YAML, message).at(Location::at(line, column)));
                break;
            }
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let (line, column) = start_of(&span);
                    let message = "the stream holds a second YAML document; a CITATION.cff is one document, \
                                   and only the first was read";
                    builder
                        .diagnostics
                        .push(Diagnostic::warning(crate::SECOND_DOCUMENT, message).at(Location::at(line, column)));
                    break;
                }
            }
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
            event => {
                if !builder.event(event, &span) {
                    break;
                }
            }
        }
    }
    builder.finish()
}

/// 1-based line and column of saphyr's marker (line 1-based, column 0-based in characters).
fn position(line: usize, col: usize) -> (u32, u32) {
    let line = u32::try_from(line.max(1)).unwrap_or(u32::MAX);
    let column = u32::try_from(col.saturating_add(1)).unwrap_or(u32::MAX);
    (line, column)
}

fn start_of(span: &Span) -> (u32, u32) {
    position(span.start.line(), span.start.col())
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: HashMap<usize, Node>,
    expanded: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Builder {
    /// Takes one event; false when reading must stop.
    fn event(&mut self, event: Event<'_>, span: &Span) -> bool {
        let (line, column) = start_of(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.note_tag(tag.as_deref(), line, column);
                let node = Node::scalar(text.into_owned(), style == ScalarStyle::Plain, line, column);
                self.complete(node, anchor)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                self.note_tag(tag.as_deref(), line, column);
                if self.stack.len() >= MAX_DEPTH {
                    let message = format!(
                        "the YAML nests deeper than {MAX_DEPTH} levels, which no citation file does; \
                         nothing from here on was read"
                    );
                    self.diagnostics.push(Diagnostic::error(crate::TOO_DEEP, message).at(Location::at(line, column)));
                    return false;
                }
                let open = if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(Vec::new())
                } else {
                    Open::Map { entries: Vec::new(), key: None, seen: HashSet::new() }
                };
                self.stack.push(Frame { line, column, anchor, weight: NODE_WEIGHT, open });
                true
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some(frame) => {
                    let anchor = frame.anchor;
                    self.complete(close(frame), anchor)
                }
                None => true,
            },
            Event::Alias(id) => {
                let Some(node) = self.anchors.get(&id) else {
                    let message = "an alias names no anchor defined before it; it was read as null";
                    self.diagnostics.push(Diagnostic::warning(crate::YAML, message).at(Location::at(line, column)));
                    return self.complete(Node::scalar(String::new(), true, line, column), 0);
                };
                self.expanded = self.expanded.saturating_add(node.weight);
                if self.expanded > MAX_ALIAS_EXPANSION {
                    let message = format!(
                        "the YAML's aliases expand to more than {} of copies (anchors that repeat \
                         each other, as in \"billion laughs\"); nothing from here on was read",
                        crosswalk_text::caps::size(MAX_ALIAS_EXPANSION)
                    );
                    self.diagnostics
                        .push(Diagnostic::error(crate::ALIAS_BUDGET, message).at(Location::at(line, column)));
                    return false;
                }
                let mut copy = node.clone();
                copy.line = line;
                copy.column = column;
                self.complete(copy, 0)
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentStart(_) | Event::DocumentEnd => {
                true
            }
        }
    }

    /// A tag is ignored: a value is its text (or list, or mapping), never what a tag asks for.
    fn note_tag(&mut self, tag: Option<&saphyr_parser::Tag>, line: u32, column: u32) {
        let Some(tag) = tag else { return };
        let handle = if tag.handle == "tag:yaml.org,2002:" { "!!" } else { tag.handle.as_str() };
        let message = format!("the YAML tag {handle}{} is ignored: the value is read as written", tag.suffix);
        self.diagnostics.push(Diagnostic::info(crate::TAG, message).at(Location::at(line, column)));
    }

    /// Places a finished node in its container (or as the root).
    fn complete(&mut self, node: Node, anchor: usize) -> bool {
        if anchor != 0 {
            // Kept for aliases; the copy costs what the node costs, once.
            self.anchors.insert(anchor, node.clone());
        }
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return true;
        };
        frame.weight = frame.weight.saturating_add(node.weight);
        match &mut frame.open {
            Open::Seq(items) => items.push(node),
            Open::Map { entries, key, seen } => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let repeated = match k.text() {
                        Some(text) => !seen.insert(text.to_owned()),
                        None => false,
                    };
                    if repeated {
                        let message = format!(
                            "the key {} is repeated in this mapping; the first is kept",
                            crate::quote(k.text().unwrap_or_default())
                        );
                        self.diagnostics.push(
                            Diagnostic::warning(crate::DUPLICATE_KEY, message).at(Location::at(k.line, k.column)),
                        );
                    } else {
                        entries.push((k, node));
                    }
                }
            },
        }
        true
    }

    /// The root, with the containers still open closed (a document cut short).
    fn finish(mut self) -> Document {
        while let Some(frame) = self.stack.pop() {
            let node = close(frame);
            self.complete(node, 0);
        }
        Document { root: self.root, diagnostics: self.diagnostics }
    }
}

fn close(frame: Frame) -> Node {
    // A closed container keeps no spare capacity: the tree is held while the record is built.
    let kind = match frame.open {
        Open::Seq(mut items) => {
            items.shrink_to_fit();
            Kind::Seq(items)
        }
        Open::Map { entries, key, .. } => {
            let mut entries = entries;
            // A key whose value never came (a document cut short) has a null value.
            if let Some(k) = key {
                let (line, column) = (k.line, k.column);
                entries.push((k, Node::scalar(String::new(), true, line, column)));
            }
            entries.shrink_to_fit();
            Kind::Map(entries)
        }
    };
    Node { kind, line: frame.line, column: frame.column, weight: frame.weight }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let doc = parse("a: 1\nb:\n  - x\n  - \"y\"\n");
        let root = doc.root.unwrap();
        let entries = root.entries().unwrap();
        assert_eq!((entries[1].0.line, entries[1].0.column), (2, 1));
        let items = entries[1].1.items().unwrap();
        assert_eq!((items[0].line, items[0].column), (3, 5));
        assert_eq!(items[1].text(), Some("y"));
        assert!(doc.diagnostics.is_empty());
    }

    #[test]
    fn billion_laughs_stops_at_the_budget() {
        let mut yaml =
            String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for level in 1..12 {
            let refs = vec![format!("*a{}", level - 1); 8].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let doc = parse(&yaml);
        assert!(doc.diagnostics.iter().any(|d| d.code == crate::ALIAS_BUDGET), "{:?}", doc.diagnostics);
    }

    #[test]
    fn deep_nesting_stops() {
        // Block nesting: our cap.
        let yaml: String = (0..200).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        let doc = parse(&yaml);
        assert!(doc.diagnostics.iter().any(|d| d.code == crate::TOO_DEEP), "{:?}", doc.diagnostics);
        // Flow nesting: saphyr-parser's own limit (or ours) stops it, as a syntax error.
        let doc = parse(&"[".repeat(100_000));
        assert!(doc.diagnostics.iter().any(|d| d.is_error()));
    }

    #[test]
    fn repeated_keys_keep_the_first() {
        let doc = parse("a: 1\na: 2\n");
        let root = doc.root.unwrap();
        assert_eq!(root.entries().unwrap().len(), 1);
        assert_eq!(root.entries().unwrap()[0].1.text(), Some("1"));
        assert_eq!(doc.diagnostics[0].code, crate::DUPLICATE_KEY);
    }

    #[test]
    fn a_cut_document_keeps_what_came_before() {
        let doc = parse("title: T\nauthors:\n  - name: \"X\n");
        let root = doc.root.unwrap();
        assert_eq!(root.entries().unwrap()[0].1.text(), Some("T"));
        assert_eq!(doc.diagnostics[0].code, crate::YAML);
    }
}

//! A small element tree for one piece of the input (a work, or the container data around works),
//! built from the tokenizer's events and dropped once the piece is mapped, so that memory does
//! not grow with the number of works in a file.
//!
//! Nodes live in one vector and link to their parent, first child and next sibling; a [`Node`]
//! is a copyable handle with the accessors the mapping needs (local name, namespace class,
//! attributes, children, text, position, element path).

use crosswalk_model::{Diagnostic, Location};

/// The namespaces the reader knows, as classes: every Crossref schema version is one class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// A Crossref deposit, UNIXREF, UNIXSD or grant namespace, or no namespace at all.
    Crossref,
    /// JATS (`http://www.ncbi.nlm.nih.gov/JATS1`), used for abstracts.
    Jats,
    /// Funding data: `fundref.xsd` and the 5.x `fundingdata` schema.
    Fundref,
    /// Access indicators (`AccessIndicators.xsd`) and NISO ALI.
    Access,
    /// Relations (`relations.xsd`).
    Relations,
    /// Linked clinical trials (`clinicaltrials.xsd`).
    Trials,
    /// MathML.
    MathMl,
    /// The `xml:` namespace (attributes only).
    Xml,
    /// XML Schema instance attributes (`xsi:schemaLocation`).
    Xsi,
    /// Anything else.
    Other,
}

impl Ns {
    /// The class of a namespace URI (`None`: no namespace).
    pub(crate) fn of(uri: Option<&str>) -> Ns {
        let Some(uri) = uri else { return Ns::Crossref };
        let rest = uri.strip_prefix("http://").or_else(|| uri.strip_prefix("https://")).unwrap_or(uri);
        if let Some(path) = rest.strip_prefix("www.crossref.org/") {
            if path.starts_with("schema/")
                || path.starts_with("xschema/")
                || path.starts_with("qrschema/")
                || path.starts_with("grant_id/")
            {
                return Ns::Crossref;
            }
            if path.starts_with("fundref.xsd") || path.starts_with("fundingdata") {
                return Ns::Fundref;
            }
            return match path {
                "AccessIndicators.xsd" => Ns::Access,
                "relations.xsd" => Ns::Relations,
                "clinicaltrials.xsd" => Ns::Trials,
                _ => Ns::Other,
            };
        }
        match rest {
            "www.ncbi.nlm.nih.gov/JATS1" => Ns::Jats,
            "www.niso.org/schemas/ali/1.0/" | "www.niso.org/schemas/ali/1.0" => Ns::Access,
            "www.w3.org/1998/Math/MathML" => Ns::MathMl,
            "www.w3.org/XML/1998/namespace" => Ns::Xml,
            "www.w3.org/2001/XMLSchema-instance" => Ns::Xsi,
            _ => Ns::Other,
        }
    }
}

/// An attribute as read: namespace class, name as written, value with references resolved.
#[derive(Clone, Debug)]
pub(crate) struct Attr {
    pub(crate) ns: Ns,
    pub(crate) qname: Box<str>,
    local: usize,
    pub(crate) value: String,
}

impl Attr {
    /// An attribute; `qname` is the name as written (`xml:lang`), `local` where its local part starts.
    pub(crate) fn new(ns: Ns, qname: Box<str>, local: usize, value: String) -> Self {
        Attr { ns, qname, local, value }
    }

    /// The local name (`lang` for `xml:lang`).
    pub(crate) fn name(&self) -> &str {
        self.qname.get(self.local..).unwrap_or(&self.qname)
    }
}

/// An element as it opens: everything but its content.
pub(crate) struct ElementData {
    pub(crate) qname: Box<str>,
    pub(crate) local: usize,
    pub(crate) ns: Ns,
    pub(crate) uri: Option<Box<str>>,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

enum Kind {
    Element { qname: Box<str>, local: usize, ns: Ns, uri: Option<Box<str>>, attrs: Vec<Attr> },
    Text(String),
}

const NONE: u32 = u32::MAX;

struct NodeData {
    kind: Kind,
    parent: u32,
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    line: u32,
    column: u32,
}

/// One piece of the input: its root element and everything inside.
pub(crate) struct Tree {
    nodes: Vec<NodeData>,
    /// The element path of the root's parent (`/doi_batch/body/journal[1]`).
    base: String,
    /// The root's 1-based position among same-named siblings in its source.
    root_index: u32,
    /// Problems met while building the tree (malformed markup, unknown entities).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Tree {
    /// A tree holding only its root.
    pub(crate) fn new(root: ElementData, base: String, root_index: u32) -> Self {
        let mut tree = Tree { nodes: Vec::with_capacity(64), base, root_index, diagnostics: Vec::new() };
        tree.push(NONE, element_kind(root.qname, root.local, root.ns, root.uri, root.attrs), root.line, root.column);
        tree
    }

    /// The root element.
    pub(crate) fn root(&self) -> Node<'_> {
        Node { tree: self, id: 0 }
    }

    fn push(&mut self, parent: u32, kind: Kind, line: u32, column: u32) -> u32 {
        let id = u32::try_from(self.nodes.len()).unwrap_or(NONE - 1);
        self.nodes.push(NodeData {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            line,
            column,
        });
        if let Some(parent_data) = self.nodes.get_mut(parent as usize) {
            let previous = parent_data.last_child;
            parent_data.last_child = id;
            if previous == NONE {
                parent_data.first_child = id;
            } else if let Some(previous) = self.nodes.get_mut(previous as usize) {
                previous.next_sibling = id;
            }
        }
        id
    }

    /// Adds an element under `parent`; its id.
    pub(crate) fn add_element(&mut self, parent: u32, element: ElementData) -> u32 {
        let kind = element_kind(element.qname, element.local, element.ns, element.uri, element.attrs);
        self.push(parent, kind, element.line, element.column)
    }

    /// Appends text under `parent`, joining it to a text node that ends its content.
    pub(crate) fn add_text(&mut self, parent: u32, text: &str, line: u32, column: u32) {
        let last = self.nodes.get(parent as usize).map_or(NONE, |p| p.last_child);
        if let Some(NodeData { kind: Kind::Text(existing), .. }) = self.nodes.get_mut(last as usize) {
            existing.push_str(text);
            return;
        }
        self.push(parent, Kind::Text(text.to_owned()), line, column);
    }

    /// The parent of node `id` (itself for the root).
    pub(crate) fn parent_of(&self, id: u32) -> u32 {
        self.nodes.get(id as usize).map_or(0, |n| if n.parent == NONE { 0 } else { n.parent })
    }

    /// The element path of node `id`.
    pub(crate) fn path_of(&self, id: u32) -> String {
        self.node(id).map_or_else(|| self.base.clone(), |n| n.path())
    }

    fn node(&self, id: u32) -> Option<Node<'_>> {
        ((id as usize) < self.nodes.len()).then_some(Node { tree: self, id })
    }
}

fn element_kind(qname: Box<str>, local: usize, ns: Ns, uri: Option<Box<str>>, attrs: Vec<Attr>) -> Kind {
    Kind::Element { qname, local, ns, uri, attrs }
}

/// A handle on a node of a [`Tree`].
#[derive(Clone, Copy)]
pub(crate) struct Node<'t> {
    tree: &'t Tree,
    id: u32,
}

impl<'t> Node<'t> {
    fn data(&self) -> Option<&'t NodeData> {
        self.tree.nodes.get(self.id as usize)
    }

    /// True for an element.
    pub(crate) fn is_element(&self) -> bool {
        matches!(self.data().map(|d| &d.kind), Some(Kind::Element { .. }))
    }

    /// The local name of an element (`""` for text).
    pub(crate) fn name(&self) -> &'t str {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Element { qname, local, .. }) => qname.get(*local..).unwrap_or(qname),
            _ => "",
        }
    }

    /// The name as written, with its prefix (`jats:p`).
    pub(crate) fn qname(&self) -> &'t str {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Element { qname, .. }) => qname,
            _ => "",
        }
    }

    /// The namespace class of an element.
    pub(crate) fn ns(&self) -> Ns {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Element { ns, .. }) => *ns,
            _ => Ns::Other,
        }
    }

    /// The namespace URI of an element, when it has one.
    pub(crate) fn uri(&self) -> Option<&'t str> {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Element { uri, .. }) => uri.as_deref(),
            _ => None,
        }
    }

    /// True for a Crossref element named `name`.
    pub(crate) fn is(&self, name: &str) -> bool {
        self.ns() == Ns::Crossref && self.name() == name
    }

    /// The text of a text node (`""` for an element).
    pub(crate) fn text_value(&self) -> &'t str {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Text(text)) => text,
            _ => "",
        }
    }

    /// The attributes of an element.
    pub(crate) fn attrs(&self) -> &'t [Attr] {
        match self.data().map(|d| &d.kind) {
            Some(Kind::Element { attrs, .. }) => attrs,
            _ => &[],
        }
    }

    /// The value of an attribute without namespace.
    pub(crate) fn attr(&self, name: &str) -> Option<&'t str> {
        self.attrs().iter().find(|a| a.ns == Ns::Crossref && a.name() == name).map(|a| a.value.as_str())
    }

    /// The value of `xml:lang`.
    pub(crate) fn xml_lang(&self) -> Option<&'t str> {
        self.attrs().iter().find(|a| a.ns == Ns::Xml && a.name() == "lang").map(|a| a.value.as_str())
    }

    /// The child nodes, text included.
    pub(crate) fn children(&self) -> Children<'t> {
        Children { tree: self.tree, next: self.data().map_or(NONE, |d| d.first_child) }
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = Node<'t>> {
        self.children().filter(Node::is_element)
    }

    /// The first Crossref child element named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<Node<'t>> {
        self.elements().find(|c| c.is(name))
    }

    /// The parent element (`None` for the root of the tree).
    pub(crate) fn parent(&self) -> Option<Node<'t>> {
        let parent = self.data()?.parent;
        (parent != NONE).then_some(Node { tree: self.tree, id: parent })
    }

    /// The 1-based line where the node starts.
    pub(crate) fn line(&self) -> u32 {
        self.data().map_or(0, |d| d.line)
    }

    /// Where the node starts, with its element path.
    pub(crate) fn location(&self) -> Location {
        let (line, column) = self.data().map_or((0, 0), |d| (d.line, d.column));
        Location::at(line, column).with_path(self.path())
    }

    /// The concatenated text of the node's text children (not of nested elements).
    pub(crate) fn own_text(&self) -> String {
        let mut text = String::new();
        for child in self.children() {
            text.push_str(child.text_value());
        }
        text
    }

    /// The element path: the tree's base, then each element's name as written, with a 1-based
    /// index among same-named siblings where there are several.
    pub(crate) fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut current = Some(*self);
        while let Some(node) = current {
            if node.is_element() {
                steps.push(node);
            }
            current = node.parent();
        }
        let mut path = self.tree.base.clone();
        for step in steps.iter().rev() {
            path.push('/');
            path.push_str(step.qname());
            let index = match step.parent() {
                None => Some(self.tree.root_index),
                Some(parent) => {
                    let same: Vec<u32> =
                        parent.elements().filter(|s| s.qname() == step.qname()).map(|s| s.id).collect();
                    (same.len() > 1).then(|| {
                        let position = same.iter().position(|id| *id == step.id).map_or(1, |p| p.saturating_add(1));
                        u32::try_from(position).unwrap_or(u32::MAX)
                    })
                }
            };
            if let Some(index) = index {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
        path
    }
}

/// The children of a node.
pub(crate) struct Children<'t> {
    tree: &'t Tree,
    next: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let node = self.tree.node(self.next)?;
        self.next = node.data().map_or(NONE, |d| d.next_sibling);
        Some(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, line: u32) -> ElementData {
        ElementData {
            qname: name.into(),
            local: name.find(':').map_or(0, |i| i + 1),
            ns: Ns::Crossref,
            uri: None,
            attrs: vec![Attr::new(Ns::Crossref, "a".into(), 0, "v".into())],
            line,
            column: 1,
        }
    }

    #[test]
    fn builds_and_walks() {
        let mut tree = Tree::new(element("journal_article", 3), "/doi_batch/body/journal[1]".into(), 2);
        let titles = tree.add_element(0, element("titles", 4));
        let first = tree.add_element(titles, element("title", 5));
        tree.add_text(first, "A ", 5, 8);
        tree.add_text(first, "&", 5, 10);
        let second = tree.add_element(titles, element("title", 6));
        tree.add_text(second, "B", 6, 8);
        let root = tree.root();
        assert_eq!(root.attr("a"), Some("v"));
        let titles = root.child("titles").unwrap();
        let texts: Vec<String> = titles.elements().map(|t| t.own_text()).collect();
        assert_eq!(texts, ["A &", "B"]);
        let second = titles.elements().nth(1).unwrap();
        assert_eq!(second.path(), "/doi_batch/body/journal[1]/journal_article[2]/titles/title[2]");
        assert_eq!(second.location().line, Some(6));
        assert_eq!(Ns::of(Some("http://www.crossref.org/schema/5.3.1")), Ns::Crossref);
        assert_eq!(Ns::of(Some("http://www.crossref.org/fundingdata5.4.0.xsd")), Ns::Fundref);
    }
}

//! The JSON-LD Crosswalk understands: enough of JSON-LD 1.1 to read Schema.org and Codemeta
//! documents as they are written in the wild, without fetching anything.
//!
//! - `@context` as a string, an object or a list of both: the Schema.org context (http or https,
//!   with or without a trailing slash), the Codemeta 1.0, 2.0 and 3.0 contexts, `@vocab`, prefixes
//!   (`schema:name`, `codemeta:readme`), term definitions that alias a Schema.org or Codemeta term,
//!   `@language`, and the `id`/`type` aliases of `@id`/`@type` those contexts define. A context
//!   nested in a node extends the one around it. Remote contexts are known by name, never loaded.
//! - Keys as plain terms, compact IRIs or full IRIs (`http://schema.org/name`).
//! - Values as one value or a list, `@list`/`@set` containers, value objects (`@value`,
//!   `@language`, `@type`), and node references (`{"@id": …}`) to nodes elsewhere in the document
//!   (an [`IdIndex`]).
//!
//! Positions: an [`At`] is the JSON pointer of a value, built as a chain on the stack and turned
//! into text only when a diagnostic needs it.

use std::collections::HashMap;
use std::fmt::Write as _;

use crosswalk_text::json::{push_index, push_key};

use crate::json::{Node, Value};

/// The vocabulary a key belongs to once the context is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// `http(s)://schema.org/`.
    SchemaOrg,
    /// `https://codemeta.github.io/terms/` (or the 3.0 context's own namespace).
    Codemeta,
}

/// A Codemeta context version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CodemetaVersion {
    /// The 1.0 context (`agents`, `tags`, `licenseId`, …).
    V1,
    /// The 2.0 context.
    V2,
    /// The 3.0 context.
    V3,
    /// A context that names no version (the repository's `master` file).
    Unversioned,
}

/// What a key means once the context is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Term<'a> {
    /// A JSON-LD keyword (`@id`, `@type`, …) or an alias of one, given without its `@`.
    Keyword(&'a str),
    /// A term of a namespace, by its local name.
    Name(Ns, &'a str),
    /// A term with no prefix and no definition: a Schema.org term under the Schema.org context,
    /// also a Codemeta term under a Codemeta context.
    Plain(&'a str),
    /// A key of another vocabulary (an unknown prefix or IRI).
    Foreign,
}

/// A term definition of an inline context that renames a term.
#[derive(Clone, Debug, PartialEq)]
enum Definition {
    Keyword(String),
    Name(Ns, String),
    Foreign,
}

/// The active context.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Context {
    /// Some part of the context is Schema.org.
    pub schema_org: bool,
    /// The Codemeta context, when one is in effect.
    pub codemeta: Option<CodemetaVersion>,
    /// `@language`: the default language of text values.
    pub language: Option<String>,
    /// Some `@context` was given.
    pub declared: bool,
    prefixes: Vec<(String, Option<Ns>)>,
    terms: HashMap<String, Definition>,
}

/// Something about a `@context` worth telling the user.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ContextNote {
    /// A context IRI that is neither Schema.org nor Codemeta.
    Unknown { iri: String, start: usize, pointer: String },
    /// A context entry of the wrong JSON type.
    Invalid { start: usize, pointer: String, kind: &'static str },
}

/// The namespace of an IRI that ends a vocabulary (`http://schema.org/`), if it is one we read.
fn namespace_of(iri: &str) -> Option<Ns> {
    let iri = iri.trim();
    let rest = iri.strip_prefix("https://").or_else(|| iri.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    match rest.trim_end_matches(['/', '#']) {
        "schema.org" => Some(Ns::SchemaOrg),
        "codemeta.github.io/terms" | "w3id.org/codemeta/3.0" | "w3id.org/codemeta/v3" => Some(Ns::Codemeta),
        _ => None,
    }
}

/// Splits a full IRI into a namespace we read and the local name.
fn split_iri(iri: &str) -> Option<(Ns, &str)> {
    let cut = iri.rfind(['/', '#'])?;
    let (base, name) = (iri.get(..=cut)?, iri.get(cut + 1..)?);
    let ns = namespace_of(base)?;
    (!name.is_empty()).then_some((ns, name))
}

/// The Codemeta version a context IRI names, if it is a Codemeta context.
pub(crate) fn codemeta_context(iri: &str) -> Option<CodemetaVersion> {
    let lower = iri.trim().to_ascii_lowercase();
    if !lower.contains("codemeta") {
        return None;
    }
    let version = if lower.contains("codemeta-1") || lower.contains("/1.0") || lower.contains("/v1") {
        CodemetaVersion::V1
    } else if lower.contains("codemeta-2") || lower.contains("/2.0") || lower.contains("/v2") {
        CodemetaVersion::V2
    } else if lower.contains("codemeta-3") || lower.contains("/3.0") || lower.contains("/v3") {
        CodemetaVersion::V3
    } else {
        CodemetaVersion::Unversioned
    };
    Some(version)
}

impl Context {
    /// The context in effect inside `node`: `self` extended by the node's own `@context`.
    /// Problems are appended to `notes`; `pointer` is the node's JSON pointer.
    pub fn extended(&self, node: &Node, pointer: &At<'_>, notes: &mut Vec<ContextNote>) -> Context {
        let mut context = self.clone();
        if let Some(value) = node.get("@context") {
            context.declared = true;
            let at = pointer.key("@context");
            context.apply(value, &at, notes);
        }
        context
    }

    fn apply(&mut self, value: &Node, at: &At<'_>, notes: &mut Vec<ContextNote>) {
        match &value.value {
            Value::String(iri) => self.apply_iri(iri, value.start, at, notes),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.apply(item, &at.index(index), notes);
                }
            }
            Value::Object(members) => {
                for member in members {
                    self.define(&member.key, &member.value, &at.key(&member.key), notes);
                }
            }
            Value::Null => *self = Context { declared: true, ..Context::default() },
            Value::Bool(_) | Value::Number(_) => {
                notes.push(ContextNote::Invalid { start: value.start, pointer: at.pointer(), kind: value.kind() })
            }
        }
    }

    fn apply_iri(&mut self, iri: &str, start: usize, at: &At<'_>, notes: &mut Vec<ContextNote>) {
        if let Some(version) = codemeta_context(iri) {
            self.codemeta = Some(version);
            // Every Codemeta context maps its terms onto Schema.org's.
            self.schema_org = true;
        } else if namespace_of(iri) == Some(Ns::SchemaOrg) || schema_org_context_file(iri) {
            self.schema_org = true;
        } else {
            notes.push(ContextNote::Unknown { iri: iri.to_owned(), start, pointer: at.pointer() });
        }
    }

    fn define(&mut self, key: &str, value: &Node, at: &At<'_>, notes: &mut Vec<ContextNote>) {
        match key {
            "@vocab" => {
                if let Some(iri) = value.as_str() {
                    match namespace_of(iri) {
                        Some(Ns::SchemaOrg) => self.schema_org = true,
                        Some(Ns::Codemeta) => self.codemeta = self.codemeta.or(Some(CodemetaVersion::V3)),
                        None => notes.push(ContextNote::Unknown {
                            iri: iri.to_owned(),
                            start: value.start,
                            pointer: at.pointer(),
                        }),
                    }
                }
            }
            "@language" => self.language = value.as_str().map(str::to_owned),
            _ if key.starts_with('@') => {}
            _ => {
                let target = match &value.value {
                    Value::String(target) => Some(target.as_str()),
                    Value::Object(_) => value.get("@id").and_then(Node::as_str),
                    _ => None,
                };
                let Some(target) = target else { return };
                if let Some(ns) = namespace_of(target) {
                    // A prefix such as `"schema": "http://schema.org/"`.
                    self.prefixes.push((key.to_owned(), Some(ns)));
                    if ns == Ns::SchemaOrg {
                        self.schema_org = true;
                    }
                    return;
                }
                if target.ends_with(['/', '#']) && !target.starts_with('@') {
                    self.prefixes.push((key.to_owned(), None));
                    return;
                }
                let definition = match target.strip_prefix('@') {
                    Some(keyword) => Definition::Keyword(keyword.to_owned()),
                    None => match self.resolve(target) {
                        Term::Name(ns, name) => Definition::Name(ns, name.to_owned()),
                        // A term defined as itself changes nothing.
                        Term::Plain(name) if name == key => return,
                        Term::Plain(name) => Definition::Name(Ns::SchemaOrg, name.to_owned()),
                        Term::Keyword(keyword) => Definition::Keyword(keyword.to_owned()),
                        Term::Foreign => Definition::Foreign,
                    },
                };
                self.terms.insert(key.to_owned(), definition);
            }
        }
    }

    /// What `key` means in this context.
    pub fn resolve<'a>(&'a self, key: &'a str) -> Term<'a> {
        if let Some(keyword) = key.strip_prefix('@') {
            return Term::Keyword(keyword);
        }
        if let Some(definition) = self.terms.get(key) {
            return match definition {
                Definition::Keyword(keyword) => Term::Keyword(keyword),
                Definition::Name(ns, name) => Term::Name(*ns, name),
                Definition::Foreign => Term::Foreign,
            };
        }
        // The Schema.org and Codemeta contexts both alias `id` and `type`.
        match key {
            "id" if self.schema_org || self.codemeta.is_some() || !self.declared => return Term::Keyword("id"),
            "type" if self.schema_org || self.codemeta.is_some() || !self.declared => return Term::Keyword("type"),
            _ => {}
        }
        if key.starts_with("http://") || key.starts_with("https://") {
            return match split_iri(key) {
                Some((ns, name)) => Term::Name(ns, name),
                None => Term::Foreign,
            };
        }
        if let Some((prefix, name)) = key.split_once(':') {
            if name.starts_with("//") {
                return Term::Foreign;
            }
            let declared = self.prefixes.iter().rev().find(|(p, _)| p == prefix).map(|(_, ns)| *ns);
            let ns = match declared {
                Some(ns) => ns,
                None => match prefix {
                    "schema" | "schemaorg" | "sdo" => Some(Ns::SchemaOrg),
                    "codemeta" => Some(Ns::Codemeta),
                    _ => None,
                },
            };
            return match ns {
                Some(ns) if !name.is_empty() => Term::Name(ns, name),
                _ => Term::Foreign,
            };
        }
        Term::Plain(key)
    }
}

/// The Schema.org context file itself (`https://schema.org/docs/jsonldcontext.json`).
fn schema_org_context_file(iri: &str) -> bool {
    let lower = iri.trim().to_ascii_lowercase();
    lower.contains("schema.org/docs/jsonldcontext")
}

/// One step of a JSON pointer.
#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

/// The JSON pointer of a value, as a chain of steps on the stack.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    seg: Seg<'a>,
}

impl<'a> At<'a> {
    /// The pointer `root` (`""` for the whole document, `/2` for its third item).
    pub fn root(root: &'a str) -> At<'a> {
        At { parent: None, seg: Seg::Root(root) }
    }

    /// The pointer of member `key`.
    pub fn key(&'a self, key: &'a str) -> At<'a> {
        At { parent: Some(self), seg: Seg::Key(key) }
    }

    /// The pointer of item `index`.
    pub fn index(&'a self, index: usize) -> At<'a> {
        At { parent: Some(self), seg: Seg::Index(index) }
    }

    /// The pointer as text.
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
        }
        match self.seg {
            Seg::Root(root) => out.push_str(root),
            Seg::Key(key) => push_key(out, key),
            Seg::Index(index) => push_index(out, index),
        }
    }
}

/// Calls `f` for each value of a property: the value itself, or each item of a list, of a
/// `@list` or `@set` object, recursively; `null`s are skipped.
pub(crate) fn each_value<'n>(node: &'n Node, at: &At<'_>, f: &mut dyn FnMut(&'n Node, &At<'_>)) {
    match &node.value {
        Value::Null => {}
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                each_value(item, &at.index(index), f);
            }
        }
        Value::Object(_) => match container(node) {
            Some((key, inner)) => each_value(inner, &at.key(key), f),
            None => f(node, at),
        },
        _ => f(node, at),
    }
}

/// The values of a property as a list (see [`each_value`]), each with its pointer as text.
pub(crate) fn values<'n>(node: &'n Node, at: &At<'_>) -> Vec<(&'n Node, String)> {
    let mut out = Vec::new();
    each_value(node, at, &mut |value, at| out.push((value, at.pointer())));
    out
}

/// The value that starts at byte `offset` inside `root` (whose pointer is `root_pointer`), with
/// its pointer: values are nested spans, so the one holding the offset is the last child that
/// starts at or before it.
pub(crate) fn find_at<'n>(root: &'n Node, root_pointer: &str, offset: usize) -> Option<(&'n Node, String)> {
    let mut node = root;
    let mut pointer = root_pointer.to_owned();
    // Bounded by the parser's nesting limit.
    for _ in 0..=256 {
        if node.start == offset {
            return Some((node, pointer));
        }
        let next = match &node.value {
            Value::Array(items) => {
                let index = items.partition_point(|item| item.start <= offset).checked_sub(1)?;
                let item = items.get(index)?;
                push_index(&mut pointer, index);
                item
            }
            Value::Object(members) => {
                let index = members.partition_point(|m| m.value.start <= offset).checked_sub(1)?;
                let member = members.get(index)?;
                push_key(&mut pointer, &member.key);
                &member.value
            }
            _ => return None,
        };
        if next.start > offset {
            return None;
        }
        node = next;
    }
    None
}

/// `{"@list": […]}` or `{"@set": […]}`: the key and the inner value.
fn container(node: &Node) -> Option<(&'static str, &Node)> {
    let members = node.members();
    if members.len() != 1 {
        return None;
    }
    for key in ["@list", "@set"] {
        if let Some(inner) = node.get(key) {
            return Some((key, inner));
        }
    }
    None
}

/// The member of a node object that names the term `name` in `context`, however the key is
/// written (`name`, `schema:name`, `http://schema.org/name`, an alias).
pub(crate) fn get<'n>(node: &'n Node, context: &Context, name: &str) -> Option<&'n Node> {
    if let Some(value) = node.get(name) {
        return Some(value);
    }
    node.members()
        .iter()
        .find(|m| matches!(context.resolve(&m.key), Term::Name(_, local) | Term::Plain(local) if local == name))
        .map(|m| &m.value)
}

/// A literal's text and language: a string, a number's spelling, a boolean, or a value object
/// (`{"@value": …, "@language": …}`); also the `@id` of a bare node reference, which is how
/// IRI-valued properties are often written.
pub(crate) fn literal(node: &Node) -> Option<(&str, Option<&str>)> {
    match &node.value {
        Value::String(text) | Value::Number(text) => Some((text, None)),
        Value::Bool(true) => Some(("true", None)),
        Value::Bool(false) => Some(("false", None)),
        Value::Object(members) => {
            if let Some(value) = node.get("@value") {
                let language = node.get("@language").and_then(Node::as_str);
                return value.as_scalar_text().map(|text| (text, language));
            }
            let only_id = members.iter().all(|m| matches!(m.key.as_str(), "@id" | "id" | "@type" | "type"));
            if only_id {
                return node.get("@id").or_else(|| node.get("id")).and_then(Node::as_str).map(|id| (id, None));
            }
            None
        }
        Value::Null | Value::Array(_) => None,
    }
}

/// A literal's text and language, but not the `@id` of a node reference: for values that name
/// something (an agent, a publisher), where a bare identifier is not a name.
pub(crate) fn text_literal(node: &Node) -> Option<(&str, Option<&str>)> {
    match &node.value {
        Value::Object(_) if !is_value_object(node) => None,
        _ => literal(node),
    }
}

/// True for a value object (`{"@value": …}`).
pub(crate) fn is_value_object(node: &Node) -> bool {
    node.get("@value").is_some()
}

/// The `@id` of a node object (or its `id` alias), as written.
pub(crate) fn node_id<'n>(node: &'n Node, context: &Context) -> Option<&'n str> {
    node.members().iter().find(|m| context.resolve(&m.key) == Term::Keyword("id")).and_then(|m| m.value.as_str())
}

/// The `@type`s of a node object, as written (a string or a list of strings), and the value
/// holding them.
pub(crate) fn node_types<'n>(node: &'n Node, context: &Context) -> (Vec<&'n str>, Option<&'n Node>) {
    let Some(member) = node.members().iter().find(|m| context.resolve(&m.key) == Term::Keyword("type")) else {
        return (Vec::new(), None);
    };
    let mut types = Vec::new();
    match &member.value.value {
        Value::String(text) => types.push(text.as_str()),
        Value::Array(items) => types.extend(items.iter().filter_map(Node::as_str)),
        _ => {}
    }
    (types, Some(&member.value))
}

/// The local name of a type as written (`schema:Dataset`, `http://schema.org/Dataset` → `Dataset`).
pub(crate) fn type_name<'a>(written: &'a str, context: &'a Context) -> &'a str {
    match context.resolve(written) {
        Term::Name(_, name) | Term::Plain(name) => name,
        Term::Keyword(_) | Term::Foreign => written,
    }
}

/// True when a node object is only a reference: an `@id` and perhaps a `@type`.
pub(crate) fn is_reference(node: &Node, context: &Context) -> bool {
    let members = node.members();
    !members.is_empty()
        && node_id(node, context).is_some()
        && members.iter().all(|m| matches!(context.resolve(&m.key), Term::Keyword("id" | "type")))
}

/// The node objects of a document by `@id`, to resolve references (`{"@id": "_:b1"}`) to the
/// node that describes them elsewhere in the document.
#[derive(Debug, Default)]
pub(crate) struct IdIndex<'n> {
    nodes: HashMap<&'n str, &'n Node>,
    referenced: HashMap<&'n str, usize>,
}

impl<'n> IdIndex<'n> {
    /// Indexes every node object of `root` that says more than its `@id`, and counts the
    /// references to each identifier.
    pub fn build(root: &'n Node, context: &Context) -> IdIndex<'n> {
        let mut index = IdIndex::default();
        index.walk(root, context, 0);
        index
    }

    fn walk(&mut self, node: &'n Node, context: &Context, depth: usize) {
        if depth > 64 {
            return;
        }
        match &node.value {
            Value::Array(items) => {
                for item in items {
                    self.walk(item, context, depth + 1);
                }
            }
            Value::Object(members) => {
                if let Some(id) = node_id(node, context) {
                    if is_reference(node, context) {
                        *self.referenced.entry(id).or_default() += 1;
                    } else {
                        self.nodes.entry(id).or_insert(node);
                    }
                }
                for member in members {
                    if member.key != "@context" {
                        self.walk(&member.value, context, depth + 1);
                    }
                }
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => {}
        }
    }

    /// The node a reference points to, when the document describes it.
    pub fn resolve(&self, node: &'n Node, context: &Context) -> Option<&'n Node> {
        if !is_reference(node, context) {
            return None;
        }
        let id = node_id(node, context)?;
        self.nodes.get(id).copied().filter(|target| !std::ptr::eq(*target, node))
    }

    /// The node described with identifier `id`.
    pub fn get(&self, id: &str) -> Option<&'n Node> {
        self.nodes.get(id).copied()
    }

    /// True when some reference in the document points to `id`.
    pub fn is_referenced(&self, id: &str) -> bool {
        self.referenced.get(id).is_some_and(|&n| n > 0)
    }
}

/// Text for a message: a short rendering of a value.
pub(crate) fn show(node: &Node) -> String {
    let mut out = String::new();
    render(node, &mut out, 0);
    if out.chars().count() > 80 {
        let cut: String = out.chars().take(77).collect();
        return format!("{cut}…");
    }
    out
}

fn render(node: &Node, out: &mut String, depth: usize) {
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Number(n) => out.push_str(n),
        Value::String(s) => {
            let _ = write!(out, "\"{s}\"");
        }
        Value::Array(items) if depth > 1 => {
            let _ = write!(out, "[… {} items]", items.len());
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Object(_) if depth > 1 => out.push_str("{…}"),
        Value::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "\"{}\": ", member.key);
                render(&member.value, out, depth + 1);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_value;

    fn context_of(json: &str) -> (Context, Vec<ContextNote>) {
        let (node, _, _) = parse_value(json, 0).unwrap();
        let mut notes = Vec::new();
        let context = Context::default().extended(&node, &At::root(""), &mut notes);
        (context, notes)
    }

    #[test]
    fn context_variants() {
        for json in [
            r#"{"@context": "http://schema.org"}"#,
            r#"{"@context": "https://schema.org/"}"#,
            r#"{"@context": ["https://schema.org", {"@language": "en"}]}"#,
            r#"{"@context": {"@vocab": "http://schema.org/"}}"#,
            r#"{"@context": "https://schema.org/docs/jsonldcontext.jsonld"}"#,
        ] {
            let (context, notes) = context_of(json);
            assert!(context.schema_org, "{json}");
            assert!(notes.is_empty(), "{json}");
        }
        let (context, _) = context_of(r#"{"@context": ["https://schema.org", {"@language": "en"}]}"#);
        assert_eq!(context.language.as_deref(), Some("en"));
        let (context, notes) = context_of(r#"{"@context": "https://example.org/ctx"}"#);
        assert!(!context.schema_org);
        assert!(
            matches!(&notes[0], ContextNote::Unknown { iri, pointer, .. } if iri == "https://example.org/ctx" && pointer == "/@context")
        );
    }

    #[test]
    fn codemeta_versions() {
        assert_eq!(codemeta_context("https://doi.org/10.5063/schema/codemeta-2.0"), Some(CodemetaVersion::V2));
        assert_eq!(codemeta_context("https://w3id.org/codemeta/3.0"), Some(CodemetaVersion::V3));
        assert_eq!(codemeta_context("https://w3id.org/codemeta/v2"), Some(CodemetaVersion::V2));
        assert_eq!(
            codemeta_context("https://raw.githubusercontent.com/codemeta/codemeta/master/codemeta.jsonld"),
            Some(CodemetaVersion::Unversioned)
        );
        assert_eq!(
            codemeta_context("https://raw.githubusercontent.com/codemeta/codemeta/1.0/codemeta.jsonld"),
            Some(CodemetaVersion::V1)
        );
        assert_eq!(codemeta_context("https://schema.org"), None);
    }

    #[test]
    fn keys_resolve_through_prefixes_iris_and_aliases() {
        let (context, _) = context_of(
            r#"{"@context": {"@vocab": "https://schema.org/", "s": "http://schema.org/", "cm": "https://codemeta.github.io/terms/",
                "dc": "http://purl.org/dc/terms/", "headline2": {"@id": "s:alternativeHeadline"}, "ident": "@id", "title": "dc:title"}}"#,
        );
        assert_eq!(context.resolve("name"), Term::Plain("name"));
        assert_eq!(context.resolve("s:name"), Term::Name(Ns::SchemaOrg, "name"));
        assert_eq!(context.resolve("schema:name"), Term::Name(Ns::SchemaOrg, "name"));
        assert_eq!(context.resolve("https://schema.org/name"), Term::Name(Ns::SchemaOrg, "name"));
        assert_eq!(context.resolve("http://www.schema.org/name"), Term::Name(Ns::SchemaOrg, "name"));
        assert_eq!(context.resolve("cm:readme"), Term::Name(Ns::Codemeta, "readme"));
        assert_eq!(context.resolve("codemeta:readme"), Term::Name(Ns::Codemeta, "readme"));
        assert_eq!(context.resolve("headline2"), Term::Name(Ns::SchemaOrg, "alternativeHeadline"));
        assert_eq!(context.resolve("ident"), Term::Keyword("id"));
        assert_eq!(context.resolve("@type"), Term::Keyword("type"));
        assert_eq!(context.resolve("type"), Term::Keyword("type"));
        assert_eq!(context.resolve("dc:creator"), Term::Foreign);
        assert_eq!(context.resolve("title"), Term::Foreign);
        assert_eq!(context.resolve("http://example.org/x"), Term::Foreign);
    }

    #[test]
    fn values_lists_and_literals() {
        let (node, _, _) = parse_value(
            r#"{"a": ["x", {"@list": ["y", null, {"@value": "z", "@language": "de"}]}], "b": {"@id": "https://x"}, "c": 2.50}"#,
            0,
        )
        .unwrap();
        let root = At::root("");
        let at = root.key("a");
        type Found<'a> = Vec<(Option<(&'a str, Option<&'a str>)>, String)>;
        let found: Found<'_> = values(node.get("a").unwrap(), &at).into_iter().map(|(n, p)| (literal(n), p)).collect();
        assert_eq!(
            found,
            vec![
                (Some(("x", None)), "/a/0".to_owned()),
                (Some(("y", None)), "/a/1/@list/0".to_owned()),
                (Some(("z", Some("de"))), "/a/1/@list/2".to_owned()),
            ]
        );
        assert_eq!(literal(node.get("b").unwrap()), Some(("https://x", None)));
        assert_eq!(literal(node.get("c").unwrap()), Some(("2.50", None)));
    }

    #[test]
    fn references_resolve_within_the_document() {
        let (node, _, _) = parse_value(
            r##"{"@graph": [{"@id": "#ds", "@type": "Dataset", "creator": {"@id": "_:p1"}},
                {"@id": "_:p1", "@type": "Person", "name": "A"}]}"##,
            0,
        )
        .unwrap();
        let context = Context::default();
        let index = IdIndex::build(&node, &context);
        let reference = node.get("@graph").and_then(|g| g.get_index(0)).and_then(|d| d.get("creator")).unwrap();
        let target = index.resolve(reference, &context).unwrap();
        assert_eq!(target.get("name").and_then(Node::as_str), Some("A"));
        assert!(index.is_referenced("_:p1"));
        assert!(!index.is_referenced("#ds"));
    }

    impl Node {
        fn get_index(&self, index: usize) -> Option<&Node> {
            match &self.value {
                Value::Array(items) => items.get(index),
                _ => None,
            }
        }
    }
}

//! Turning libxml2's messages into Crosswalk diagnostics: a stable code chosen from libxml2's
//! domain and error code, a message in the user's terms (no `{namespace}` noise), and a location
//! with line, column and element path.
//!
//! libxml2 gives columns for parse errors only; for validity errors the element (or attribute)
//! is found in the source by its path, which also corrects libxml2's line when they differ.

use crosswalk_model::{Diagnostic, Location, Severity};
use crosswalk_text::xml::declared_encoding;
use crosswalk_text::{decode_with, Encoding, LineIndex};

use crate::codes;
use crate::libxml::{domain, Level, Outcome, RawMessage};
use crate::paths;

/// The DataCite kernel-4 namespace, as libxml2 writes it in messages.
const KERNEL_4: &str = "{http://datacite.org/schema/kernel-4}";

/// libxml2 error codes (`xmlParserErrors`) that decide our codes.
mod libxml_code {
    pub const INTERNAL: i32 = 1818;
    pub const DATATYPE_VALID: i32 = 1824;
    pub const FACET_FIRST: i32 = 1829;
    pub const PATTERN: i32 = 1839;
    pub const ENUMERATION: i32 = 1840;
    pub const NO_GLOBAL_DECLARATION: i32 = 1845;
    pub const ATTRIBUTE_NOT_ALLOWED: i32 = 1866;
    pub const ATTRIBUTE_NOT_ALLOWED_WILDCARD: i32 = 1867;
    pub const ATTRIBUTE_MISSING: i32 = 1868;
    pub const ELEMENT_CONTENT: i32 = 1871;
}

/// The diagnostics of a validation of `xml`.
pub(crate) fn diagnostics(outcome: Outcome, xml: &[u8]) -> Vec<Diagnostic> {
    let mut outcome = outcome;
    outcome.messages.iter_mut().for_each(point_at_attribute);
    let mut source = Source::new(xml, &outcome.messages);
    let mut out: Vec<Diagnostic> = Vec::with_capacity(outcome.messages.len() + 1);
    let mut last_facet_path: Option<String> = None;
    if outcome.has_doctype {
        let location = source.find("<!DOCTYPE").unwrap_or_default();
        out.push(
            Diagnostic::warning(
                codes::DOCTYPE,
                "the document has a DOCTYPE declaration; no DTD was loaded and no entity was expanded",
            )
            .at(location),
        );
    }
    for message in outcome.messages {
        let path = message.node.as_ref().map(|n| n.path.clone());
        // libxml2 follows a failed facet with a second message on the same value ("… is not a
        // valid value of the local atomic type"); the first says it all.
        if message.code == libxml_code::DATATYPE_VALID && path.is_some() && path == last_facet_path {
            continue;
        }
        last_facet_path = (is_facet(message.code) && path.is_some()).then(|| path.clone()).flatten();
        let code = code_of(&message);
        let severity = match (code, message.level) {
            (codes::PARSER_WARNING, _) | (_, Level::Warning) => Severity::Warning,
            _ => Severity::Error,
        };
        let text = match code {
            codes::ENTITY_REFERENCE => "the document uses entity references (&name;), which are not expanded; \
                                        write the characters themselves"
                .to_owned(),
            codes::WRONG_ROOT => wrong_root(&message.message),
            codes::MISSING_ELEMENT => name_required(clean(&message.message)),
            _ => clean(&message.message),
        };
        let diagnostic = Diagnostic::new(severity, code, text).at(source.locate(&message));
        // libxml2 repeats some parser messages once per nesting level (an entity loop).
        if out.last() != Some(&diagnostic) {
            out.push(diagnostic);
        }
    }
    if !outcome.valid && !out.iter().any(Diagnostic::is_error) {
        out.push(Diagnostic::error(codes::INVALID, "the document is not valid (libxml2 gave no reason)"));
    }
    out
}

/// libxml2 reports an attribute's problems on its element, naming the attribute in the text
/// (`Element 'title', attribute 'titleType': …`); the path then gets `/@titleType`.
fn point_at_attribute(message: &mut RawMessage) {
    let Some(node) = message.node.as_mut() else { return };
    if node.attribute.is_some() {
        return;
    }
    let Some(attribute) = message.message.split_once("', attribute '").and_then(|(_, rest)| rest.split_once("': "))
    else {
        return;
    };
    let name = match attribute.0.strip_prefix("{http://www.w3.org/XML/1998/namespace}") {
        Some(local) => format!("xml:{local}"),
        None => attribute.0.to_owned(),
    };
    node.path.push_str("/@");
    node.path.push_str(&name);
    node.attribute = Some(name);
}

fn is_facet(code: i32) -> bool {
    (libxml_code::FACET_FIRST..=libxml_code::ENUMERATION).contains(&code)
}

/// The diagnostic code of a libxml2 message.
fn code_of(message: &RawMessage) -> &'static str {
    match message.domain {
        domain::CROSSWALK if message.message.starts_with("refused to load") => codes::EXTERNAL_REFUSED,
        domain::CROSSWALK if message.node.is_none() && message.line.is_none() && !message.message.is_empty() => {
            codes::INVALID
        }
        domain::SCHEMAS_PARSER => codes::SCHEMA_UNUSABLE,
        domain::SCHEMAS_VALIDATOR => match message.code {
            libxml_code::INTERNAL if message.message.contains("entity reference") => codes::ENTITY_REFERENCE,
            libxml_code::ELEMENT_CONTENT if message.message.contains("Missing child element") => codes::MISSING_ELEMENT,
            libxml_code::ELEMENT_CONTENT if message.message.contains("not expected") => codes::UNEXPECTED_ELEMENT,
            libxml_code::NO_GLOBAL_DECLARATION => codes::WRONG_ROOT,
            libxml_code::ATTRIBUTE_NOT_ALLOWED
            | libxml_code::ATTRIBUTE_NOT_ALLOWED_WILDCARD
            | libxml_code::ATTRIBUTE_MISSING => codes::BAD_ATTRIBUTE,
            libxml_code::ENUMERATION => codes::NOT_IN_LIST,
            code if code == libxml_code::DATATYPE_VALID || is_facet(code) || code == libxml_code::PATTERN => {
                codes::BAD_VALUE
            }
            _ => codes::INVALID,
        },
        _ if message.level == Level::Warning => codes::PARSER_WARNING,
        _ => codes::NOT_WELL_FORMED,
    }
}

/// libxml2's message in the user's terms: without the kernel-4 namespace, with element and
/// attribute names as they are written, without libxml2's facet jargon.
pub(crate) fn clean(message: &str) -> String {
    let mut text = message
        .trim()
        .replace(KERNEL_4, "")
        .replace("is not an element of the set", "is not in the controlled list")
        .replace("is not accepted by the pattern", "does not match the pattern")
        .replace("Expected is one of ( ", "expected one of: ")
        .replace("Expected is ( ", "expected: ")
        .replace(" ).", ".");
    // libxml2 names the failed facet in brackets ("[facet 'minInclusive'] "); the sentence after
    // it says the same in words.
    while let Some(start) = text.find("[facet '") {
        let Some(length) = text.get(start..).and_then(|rest| rest.find("] ")) else { break };
        text.replace_range(start..start + length + 2, "");
    }
    // A controlled list as libxml2 writes it, {'A', 'B'}, becomes (A, B).
    if let Some(start) = text.find("controlled list {") {
        if let Some(length) = text.get(start..).and_then(|rest| rest.find('}')) {
            let list =
                text.get(start + "controlled list {".len()..start + length).unwrap_or_default().replace('\'', "");
            text = format!(
                "{}controlled list ({list}){}",
                text.get(..start).unwrap_or_default(),
                text.get(start + length + 1..).unwrap_or_default()
            );
        }
    }
    if let Some(rest) = text.strip_prefix("Element '") {
        if let Some((element, rest)) = rest.split_once('\'') {
            text = match rest.strip_prefix(", attribute '").and_then(|r| r.split_once("': ")) {
                Some((attribute, rest)) => format!("attribute {attribute} of <{element}>: {}", lower_first(rest)),
                None => format!("<{element}>: {}", lower_first(rest.trim_start_matches(':').trim_start())),
            };
        }
    }
    text
}

/// The required children of the kernel-4 elements whose content is an `xs:all` group: for a
/// missing child of these, libxml2 lists every element that may still come, optional or not
/// (ten names for a record without a DOI), so the message names the required ones instead.
const REQUIRED_IN_ALL_GROUPS: &[(&str, &[&str])] = &[
    ("resource", &["identifier", "creators", "titles", "publisher", "publicationYear", "resourceType"]),
    ("fundingReference", &["funderName"]),
];

/// A cleaned "missing child element(s)" message of an `xs:all` element, naming only the
/// required elements among those libxml2 lists.
fn name_required(text: String) -> String {
    // libxml2 writes "Expected is one of ( a, b )." or, when one element may still come,
    // "Expected is ( a )."
    let Some((head, list)) = text
        .split_once(": missing child element(s). expected one of: ")
        .or_else(|| text.split_once(": missing child element(s). expected: "))
    else {
        return text;
    };
    let element = head.trim_start_matches('<').trim_end_matches('>');
    let Some((_, required)) = REQUIRED_IN_ALL_GROUPS.iter().find(|(name, _)| *name == element) else { return text };
    let listed: Vec<&str> = list.trim_end_matches('.').split(", ").map(str::trim).collect();
    let missing: Vec<&str> = required.iter().copied().filter(|name| listed.contains(name)).collect();
    if missing.is_empty() {
        return text;
    }
    required_missing_text(head, &missing)
}

/// `<element>: the required element(s) <a>, <b> … missing`, for `head` (`<element>`) lacking
/// the (non-empty) `missing` children.
pub(crate) fn required_missing_text(head: &str, missing: &[&str]) -> String {
    let names: Vec<String> = missing.iter().map(|name| format!("<{name}>")).collect();
    match names.as_slice() {
        [one] => format!("{head}: the required element {one} is missing"),
        several => format!("{head}: the required elements {} are missing", several.join(", ")),
    }
}

/// The message for a root element that is not the kernel-4 `resource`.
fn wrong_root(message: &str) -> String {
    let element = message.strip_prefix("Element '").and_then(|rest| rest.split_once('\'')).map(|(e, _)| e);
    match element.and_then(|e| e.strip_prefix('{')).and_then(|e| e.split_once('}')) {
        Some((namespace, name)) => format!(
            "the root element <{name}> is in the namespace {namespace}; DataCite 4.7 needs <resource> in http://datacite.org/schema/kernel-4"
        ),
        None => format!(
            "the root element <{}> has no namespace; DataCite 4.7 needs <resource> in http://datacite.org/schema/kernel-4",
            element.unwrap_or("?")
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}

/// The document's text, decoded only when a message needs a position, and the offsets of the
/// elements the messages name, found in one parse.
struct Source<'a> {
    xml: &'a [u8],
    text: Option<(String, LineIndex)>,
    /// Offsets of the messages' paths (`None`: not found, or the text does not parse).
    offsets: Vec<(String, Option<usize>)>,
}

impl<'a> Source<'a> {
    fn new(xml: &'a [u8], messages: &[RawMessage]) -> Self {
        let mut source = Source { xml, text: None, offsets: Vec::new() };
        let mut wanted: Vec<&str> = messages.iter().filter_map(|m| m.node.as_ref().map(|n| n.path.as_str())).collect();
        wanted.sort_unstable();
        wanted.dedup();
        if !wanted.is_empty() {
            let (text, _) = source.text();
            let document = roxmltree::Document::parse(text).ok();
            source.offsets = wanted
                .iter()
                .map(|path| ((*path).to_owned(), document.as_ref().and_then(|doc| paths::offset_of(doc, path))))
                .collect();
        }
        source
    }

    /// The decoded text and its line index.
    fn text(&mut self) -> (&str, &LineIndex) {
        let xml = self.xml;
        let (text, lines) = self.text.get_or_insert_with(|| {
            let declared = declared_encoding(xml).and_then(Encoding::from_label);
            let text = decode_with(xml, declared).text.into_owned();
            let lines = LineIndex::new(&text);
            (text, lines)
        });
        (text.as_str(), lines)
    }

    /// The location of the first occurrence of `needle` in the text.
    fn find(&mut self, needle: &str) -> Option<Location> {
        let (text, lines) = self.text();
        text.find(needle).map(|offset| lines.location(text, offset))
    }

    fn locate(&mut self, message: &RawMessage) -> Location {
        let mut location = Location { line: message.line, column: message.column, path: None };
        let Some(node) = &message.node else {
            // A document that does not parse and has no position for it (an empty document):
            // parsing stops at its start.
            if message.line.is_none() && message.domain == domain::PARSER {
                return Location::at(1, 1);
            }
            return location;
        };
        location.path = Some(node.path.clone());
        let offset = self.offsets.iter().find(|(path, _)| *path == node.path).and_then(|(_, offset)| *offset);
        if let Some(offset) = offset {
            let (text, lines) = self.text();
            let (line, column) = lines.position(text, offset);
            location.line = Some(line);
            location.column = Some(column);
        } else if let Some(line) = message.line {
            location.column = self.column_on_line(line, &node.element, node.attribute.as_deref());
        }
        location
    }

    /// The column of `<element` (or of its attribute) on `line`, for a document whose tree could
    /// not be parsed here (one with a DOCTYPE, say).
    fn column_on_line(&mut self, line: u32, element: &str, attribute: Option<&str>) -> Option<u32> {
        let (text, _) = self.text();
        let line_text = text.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
        let tag = format!("<{element}");
        let start = line_text.match_indices(&tag).map(|(i, _)| i).find(|&i| {
            line_text
                .get(i + tag.len()..)
                .and_then(|rest| rest.chars().next())
                .is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
        })?;
        let mut at = start;
        if let Some(attribute) = attribute {
            if let Some(found) = line_text.get(start..).and_then(|rest| rest.find(&format!(" {attribute}="))) {
                at = start + found + 1;
            }
        }
        u32::try_from(line_text.get(..at)?.chars().count() + 1).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_document_is_not_well_formed_at_its_start() {
        for xml in [&b""[..], b"  \n\t", b"\xEF\xBB\xBF"] {
            let diagnostics = crate::validate(xml);
            assert!(!diagnostics.is_empty(), "{xml:?}");
            for d in &diagnostics {
                assert_eq!(d.code, codes::NOT_WELL_FORMED, "{xml:?}: {d}");
                assert!(d.location.line.is_some() && d.location.column.is_some(), "{xml:?}: {d}");
            }
        }
        let empty = crate::validate(b"");
        assert_eq!(empty[0].location, Location::at(1, 1));
        assert!(empty[0].message.contains("empty"), "{}", empty[0]);
    }

    #[test]
    fn messages_lose_namespace_noise() {
        assert_eq!(
            clean("Element '{http://datacite.org/schema/kernel-4}creator': Missing child element(s). Expected is ( {http://datacite.org/schema/kernel-4}creatorName ).\n"),
            "<creator>: missing child element(s). expected: creatorName."
        );
        assert_eq!(
            clean("Element '{http://datacite.org/schema/kernel-4}resourceType', attribute 'resourceTypeGeneral': [facet 'enumeration'] The value 'Film' is not an element of the set {'Audiovisual', 'Award'}."),
            "attribute resourceTypeGeneral of <resourceType>: the value 'Film' is not in the controlled list (Audiovisual, Award)."
        );
        assert_eq!(
            clean("Element '{http://datacite.org/schema/kernel-4}publicationYear': [facet 'pattern'] The value '20' is not accepted by the pattern '\\d{4}'."),
            "<publicationYear>: the value '20' does not match the pattern '\\d{4}'."
        );
        assert_eq!(
            name_required(clean("Element '{http://datacite.org/schema/kernel-4}resource': Missing child element(s). Expected is one of ( {http://datacite.org/schema/kernel-4}identifier, {http://datacite.org/schema/kernel-4}subjects, {http://datacite.org/schema/kernel-4}sizes ).")),
            "<resource>: the required element <identifier> is missing"
        );
        assert_eq!(
            name_required(clean("Element '{http://datacite.org/schema/kernel-4}resource': Missing child element(s). Expected is one of ( {http://datacite.org/schema/kernel-4}publisher, {http://datacite.org/schema/kernel-4}identifier, {http://datacite.org/schema/kernel-4}sizes ).")),
            "<resource>: the required elements <identifier>, <publisher> are missing"
        );
        assert_eq!(
            name_required(clean("Element '{http://datacite.org/schema/kernel-4}creator': Missing child element(s). Expected is ( {http://datacite.org/schema/kernel-4}creatorName ).")),
            "<creator>: missing child element(s). expected: creatorName."
        );
        assert_eq!(
            clean("Opening and ending tag mismatch: a line 1 and b"),
            "Opening and ending tag mismatch: a line 1 and b"
        );
        assert_eq!(
            wrong_root("Element '{http://datacite.org/schema/kernel-3}resource': No matching global declaration available for the validation root."),
            "the root element <resource> is in the namespace http://datacite.org/schema/kernel-3; DataCite 4.7 needs <resource> in http://datacite.org/schema/kernel-4"
        );
        assert!(wrong_root("Element 'resource': No matching global declaration available for the validation root.")
            .contains("has no namespace"));
    }
}

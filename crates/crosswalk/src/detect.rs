//! Format detection from content (used when no `--from` is given).
//!
//! The decision is made from what the bytes say, never from a file name, and names the rule that
//! fired so users can see why. Only the first few kilobytes are looked at for XML and text; JSON
//! is looked at through its first value (the first item of an array or of JSON Lines).

use std::fmt;

use serde_json::Value;

use crate::formats::Format;

/// How far into the input detection looks for a root element or a RIS/BibTeX marker.
const SNIFF_LIMIT: usize = 64 * 1024;

/// A successful detection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detection {
    /// The format.
    pub format: Format,
    /// The rule that decided, for messages (`root element <resource> in a DataCite kernel namespace`).
    pub rule: &'static str,
}

/// Detection failed: the content matched no rule, or several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetectError {
    /// What the content looked like.
    pub reason: String,
    /// Formats it could be, if any.
    pub candidates: Vec<Format>,
}

impl fmt::Display for DetectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot tell the input format: {}", self.reason)?;
        if !self.candidates.is_empty() {
            let names: Vec<&str> = self.candidates.iter().map(|c| c.name()).collect();
            write!(f, " (it could be {})", names.join(", "))?;
        }
        f.write_str("; name it with --from")
    }
}

impl std::error::Error for DetectError {}

/// Detects the format of `bytes`.
///
/// ```
/// use crosswalk::{detect, Format};
///
/// let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4"/>"#;
/// assert_eq!(detect(xml).unwrap().format, Format::DataciteXml);
/// assert_eq!(detect(b"\xEF\xBB\xBF\nTY  - JOUR\nER  - \n").unwrap().format, Format::Ris);
/// assert_eq!(detect(br#"{"data": {"type": "dois", "attributes": {}}}"#).unwrap().format, Format::Payload);
/// assert!(detect(b"hello").is_err());
/// ```
pub fn detect(bytes: &[u8]) -> Result<Detection, DetectError> {
    let head = bytes.get(..SNIFF_LIMIT).unwrap_or(bytes);
    let decoded = crosswalk_text::decode(head);
    let text = decoded.text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    match text.chars().next() {
        None => Err(DetectError { reason: "the input is empty".into(), candidates: Vec::new() }),
        Some('<') => detect_xml(text),
        Some('{' | '[') => detect_json(bytes),
        Some(_) => detect_text(text),
    }
}

fn detect_xml(text: &str) -> Result<Detection, DetectError> {
    let head = text.get(..text.len().min(4096)).unwrap_or(text).to_ascii_lowercase();
    if (head.starts_with("<!doctype html") || head.contains("<html")) && text.contains("application/ld+json") {
        return Ok(Detection { format: Format::SchemaOrg, rule: "an HTML page with embedded JSON-LD" });
    }
    let Some(root) = root_start_tag(text) else {
        return Err(DetectError {
            reason: "XML without a root element in its first 64 KB".into(),
            candidates: vec![Format::DataciteXml, Format::CrossrefXml],
        });
    };
    let local = root.name.rsplit(':').next().unwrap_or(root.name);
    let prefix = root.name.split_once(':').map(|(p, _)| p);
    let namespace = root.namespace_of(prefix);
    if matches!(local, "crossref_result" | "doi_records" | "doi_batch" | "doi_record")
        || namespace.is_some_and(|ns| ns.contains("crossref.org"))
    {
        return Ok(Detection { format: Format::CrossrefXml, rule: "Crossref root element or namespace" });
    }
    if namespace.is_some_and(|ns| ns.starts_with("http://datacite.org/schema/kernel")) {
        return Ok(Detection { format: Format::DataciteXml, rule: "root element in a DataCite kernel namespace" });
    }
    if local == "resource" {
        return Ok(Detection { format: Format::DataciteXml, rule: "root element <resource> (no DataCite namespace)" });
    }
    Err(DetectError {
        reason: format!("XML with root element <{}>, which is neither DataCite nor Crossref", root.name),
        candidates: vec![Format::DataciteXml, Format::CrossrefXml],
    })
}

/// The root element's name and its namespace declarations, from a cheap scan of its start tag.
struct StartTag<'a> {
    name: &'a str,
    attributes: &'a str,
}

impl<'a> StartTag<'a> {
    fn namespace_of(&self, prefix: Option<&str>) -> Option<&'a str> {
        let wanted = match prefix {
            Some(p) => format!("xmlns:{p}"),
            None => "xmlns".to_owned(),
        };
        let mut rest = self.attributes;
        while let Some((name, after)) = rest.split_once('=') {
            let after = after.trim_start();
            let quote = after.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            let (value, after_value) = after.strip_prefix(quote)?.split_once(quote)?;
            if name.trim() == wanted {
                return Some(value);
            }
            rest = after_value;
        }
        None
    }
}

fn root_start_tag(text: &str) -> Option<StartTag<'_>> {
    let mut rest = text;
    loop {
        let (_, markup) = rest.split_once('<')?;
        if let Some(after) = markup.strip_prefix('?') {
            (_, rest) = after.split_once("?>")?;
        } else if let Some(after) = markup.strip_prefix("!--") {
            (_, rest) = after.split_once("-->")?;
        } else if let Some(after) = markup.strip_prefix('!') {
            (_, rest) = after.split_once('>')?;
        } else {
            let tag = markup.split_once('>').map_or(markup, |(tag, _)| tag);
            let tag = tag.trim_end_matches('/');
            let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
            let (name, attributes) = tag.split_at_checked(name_end)?;
            return Some(StartTag { name, attributes });
        }
    }
}

fn detect_json(bytes: &[u8]) -> Result<Detection, DetectError> {
    // The first item decides: an array's first element, or the first of several values. A
    // catalog whose tail is broken is still recognised by its head.
    let mut items = crosswalk_text::JsonItems::new(bytes);
    let candidates =
        || vec![Format::DataciteJson, Format::Payload, Format::Citeproc, Format::SchemaOrg, Format::Codemeta];
    let item = match items.next() {
        Some(Ok(item)) => item,
        Some(Err(e)) => {
            return Err(DetectError { reason: format!("the input cannot be read ({e})"), candidates: candidates() })
        }
        None if bytes.contains(&b'[') => {
            return Err(DetectError {
                reason: "an empty JSON array".into(),
                candidates: vec![Format::DataciteJson, Format::Citeproc],
            })
        }
        None => return Err(DetectError { reason: "the input is empty".into(), candidates: Vec::new() }),
    };
    let Some(bytes) = item.bytes() else {
        return Err(DetectError {
            reason: format!(
                "the input starts like JSON, but its first item is too large to look at (line {})",
                item.line
            ),
            candidates: candidates(),
        });
    };
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => detect_json_value(&value),
        Err(e) => Err(DetectError {
            reason: format!("the input starts like JSON but is not ({e}, in the item starting at line {})", item.line),
            candidates: candidates(),
        }),
    }
}

/// Keys only DataCite's attributes use.
const DATACITE_KEYS: &[&str] = &[
    "doi",
    "types",
    "subjects",
    "contributors",
    "descriptions",
    "dates",
    "sizes",
    "formats",
    "relatedItems",
    "creators",
    "titles",
    "publicationYear",
    "rightsList",
    "relatedIdentifiers",
    "fundingReferences",
    "geoLocations",
    "alternateIdentifiers",
    "resource-type-general",
    "publication-year",
];

fn detect_json_value(value: &Value) -> Result<Detection, DetectError> {
    let Value::Object(map) = value else {
        return Err(DetectError { reason: "JSON whose first value is not an object".into(), candidates: Vec::new() });
    };
    if let Some(data) = map.get("data") {
        let first = match data {
            Value::Array(items) => items.first(),
            other => Some(other),
        };
        if first.and_then(|d| d.get("type")).and_then(Value::as_str) == Some("dois")
            || first.is_some_and(|d| d.get("attributes").is_some())
        {
            return Ok(Detection { format: Format::Payload, rule: "a JSON:API \"data\" object of type \"dois\"" });
        }
    }
    if let Some(context) = map.get("@context") {
        let text = context.to_string().to_ascii_lowercase();
        if text.contains("codemeta") {
            return Ok(Detection { format: Format::Codemeta, rule: "an @context naming codemeta" });
        }
        if text.contains("schema.org") {
            return Ok(Detection { format: Format::SchemaOrg, rule: "an @context naming schema.org" });
        }
    }
    let csl_type = map
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| crosswalk_csl::types::ITEM_TYPES.iter().any(|item| item.csl == t));
    let csl_date = ["issued", "accessed", "submitted"]
        .iter()
        .any(|k| map.get(*k).is_some_and(|d| d.get("date-parts").is_some() || d.get("raw").is_some()));
    let csl_keys = ["container-title", "citation-key", "page", "DOI", "URL"].iter().any(|k| map.contains_key(*k));
    if csl_date || (csl_type && csl_keys) {
        return Ok(Detection {
            format: Format::Citeproc,
            rule: "CSL item keys (issued/date-parts, container-title, CSL type)",
        });
    }
    if DATACITE_KEYS.iter().any(|k| map.contains_key(*k)) {
        return Ok(Detection {
            format: Format::DataciteJson,
            rule: "DataCite attribute names (types, creators, titles …)",
        });
    }
    if csl_type {
        return Ok(Detection { format: Format::Citeproc, rule: "a CSL item type" });
    }
    Err(DetectError {
        reason: "JSON with none of the keys that mark DataCite, JSON:API, CSL, schema.org or codemeta".into(),
        candidates: vec![Format::DataciteJson, Format::Payload, Format::Citeproc, Format::SchemaOrg, Format::Codemeta],
    })
}

fn detect_text(text: &str) -> Result<Detection, DetectError> {
    for line in text.lines().take(50) {
        let line = line.trim_start_matches('\u{feff}');
        let tag = line.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("TY"));
        if tag && line.len() >= 5 && line.get(2..).is_some_and(|rest| rest.trim_start().starts_with('-')) {
            return Ok(Detection { format: Format::Ris, rule: "a RIS \"TY  - \" line" });
        }
    }
    let mut rest = text;
    while let Some((_, after)) = rest.split_once('@') {
        let after_name = after.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        let has_name = after_name.len() < after.len();
        if has_name && after_name.trim_start().starts_with(['{', '(']) {
            return Ok(Detection { format: Format::Bibtex, rule: "a BibTeX \"@type{\" entry" });
        }
        rest = after;
    }
    Err(DetectError { reason: "text that is neither XML, JSON, RIS nor BibTeX".into(), candidates: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(text: &str) -> Option<Format> {
        detect(text.as_bytes()).ok().map(|d| d.format)
    }

    #[test]
    fn xml_roots() {
        assert_eq!(
            format_of(
                r#"<?xml version="1.0"?><!-- c --><ns0:resource xmlns:ns0="http://datacite.org/schema/kernel-2.2"/>"#
            ),
            Some(Format::DataciteXml)
        );
        assert_eq!(format_of("<doi_batch version=\"5.3.1\"/>"), Some(Format::CrossrefXml));
        assert_eq!(format_of("<crossref_result/>"), Some(Format::CrossrefXml));
        assert_eq!(format_of("<html/>"), None);
    }

    #[test]
    fn json_shapes() {
        assert_eq!(format_of(r#"[{"titles": [], "creators": []}]"#), Some(Format::DataciteJson));
        assert_eq!(format_of(r#"{"data": [{"type": "dois"}], "meta": {}}"#), Some(Format::Payload));
        assert_eq!(format_of(r#"{"@context": "https://schema.org", "@type": "Dataset"}"#), Some(Format::SchemaOrg));
        assert_eq!(
            format_of(r#"{"@context": ["https://doi.org/10.5063/schema/codemeta-2.0", "http://schema.org"]}"#),
            Some(Format::Codemeta)
        );
        assert_eq!(
            format_of(r#"{"type": "article-journal", "issued": {"date-parts": [[2020]]}}"#),
            Some(Format::Citeproc)
        );
        assert_eq!(format_of("{\"a\": 1}\n{\"b\": 2}"), None);
    }

    #[test]
    fn text_formats() {
        assert_eq!(format_of("\n\nTY  - JOUR\nAU  - Smith\nER  - \n"), Some(Format::Ris));
        assert_eq!(format_of("% comment\n@Article{key,\n title = {x}}"), Some(Format::Bibtex));
        assert_eq!(format_of("@string(x = \"y\")"), Some(Format::Bibtex));
        let err = detect(b"plain words").unwrap_err();
        assert!(err.to_string().contains("--from"));
    }
}

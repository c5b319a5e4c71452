//! Format detection from content (used when no `--from` is given).
//!
//! The decision is made from what the bytes say, never from a file name, and names the rule that
//! fired so users can see why. Only the first few kilobytes are looked at for XML and text; JSON
//! is looked at through an outline of its first value, and JSON Lines (and an array laid out one
//! element a line) through a vote of its first lines that are records, so that a broken, empty
//! or foreign first record does not decide for the whole file.

use std::fmt;

use crate::formats::Format;

/// OAI-PMH's namespace.
const OAI_PMH: &str = "http://www.openarchives.org/OAI/2.0/";

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
        // Not JSON at its start, but perhaps JSON Lines whose first line is broken (`null`,
        // garbage): lines that are records decide, when RIS and BibTeX markers do not.
        Some(_) => detect_text(text).or_else(|e| vote(&record_lines(head, false)).ok_or(e)),
    }
}

fn detect_xml(text: &str) -> Result<Detection, DetectError> {
    // A landing page: its JSON-LD may come after anything (a large <style> block), so the page
    // is recognised as HTML by its start, and the Schema.org reader looks for the JSON-LD.
    let head = text.get(..text.len().min(4096)).unwrap_or(text).to_ascii_lowercase();
    let root_is_html = root_start_tag(text).is_some_and(|root| root.name.eq_ignore_ascii_case("html"));
    if head.starts_with("<!doctype html") || root_is_html {
        return Ok(Detection {
            format: Format::SchemaOrg,
            rule: "an HTML page (its embedded schema.org JSON-LD is read)",
        });
    }
    let Some(root) = root_start_tag(text) else {
        return Err(DetectError {
            reason: "XML without a root element in its first 64 KB".into(),
            candidates: vec![Format::DataciteXml, Format::CrossrefXml, Format::DublinCore, Format::OaiPmh],
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
    if namespace == Some(OAI_PMH) || (local == "OAI-PMH" && namespace.is_none()) {
        return Ok(Detection { format: Format::OaiPmh, rule: "root element in the OAI-PMH namespace" });
    }
    if namespace == Some(crosswalk_dublincore::OAI_DC) {
        return Ok(Detection { format: Format::DublinCore, rule: "root element in the oai_dc namespace" });
    }
    // A bare wrapper (`<dc>`, `<metadata>`, `<record>`) of Dublin Core elements: the Dublin Core
    // namespaces are declared on it or, further in, on what it holds.
    let dublin_core = |t: &str| t.contains("http://purl.org/dc/elements/1.1") || t.contains("http://purl.org/dc/terms");
    if matches!(local, "dc" | "qualifieddc" | "metadata" | "record") && dublin_core(text) {
        return Ok(Detection {
            format: Format::DublinCore,
            rule: "a dc, metadata or record root holding Dublin Core elements",
        });
    }
    Err(DetectError {
        reason: format!(
            "XML with root element <{}>, which is neither DataCite, Crossref, Dublin Core nor OAI-PMH",
            root.name
        ),
        candidates: vec![Format::DataciteXml, Format::CrossrefXml, Format::DublinCore, Format::OaiPmh],
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
    // The first record decides a document: an array's first element, or the first of several
    // values. It is read as far as the head goes, without needing its end: a large first record,
    // a catalog whose tail is broken are still recognised. JSON Lines and arrays of one element a
    // line are decided by several lines: the head's lines that are a record all by themselves
    // vote, so that a broken, empty, undecidable or foreign first line (`{`, `{}`, `null`, a CSL
    // item among DataCite records) does not decide for the whole file.
    let candidates = || {
        vec![
            Format::DataciteJson,
            Format::Payload,
            Format::Citeproc,
            Format::SchemaOrg,
            Format::Codemeta,
            Format::CrossrefJson,
            Format::OaiPmh,
            Format::InvenioRdm,
        ]
    };
    let whole = outline(bytes);
    let first_line_ends = whole.complete
        && bytes.get(whole.end..).is_some_and(|rest| {
            let line = rest.split(|&b| b == b'\n').next().unwrap_or_default();
            line.trim_ascii().is_empty() && rest.len() > line.len()
        });
    let array = whole.first == Some(b'[');
    if first_line_ends || !whole.complete || array {
        // JSON Lines, an array (one element a line: a broken or foreign first element does not
        // decide either), or a first value that does not end in the head: a record larger than
        // the head (its keys so far decide), or a broken first line of JSON Lines (the later
        // lines decide).
        if let Some(detection) = vote(&record_lines(bytes, array)) {
            return Ok(detection);
        }
    }
    let seen = whole;
    if let Some(detection) = detect_json_outline(&seen) {
        return Ok(detection);
    }
    // Nothing decided yet: perhaps a list of records inside an object (Crossref's `{"items": [`,
    // a JSON:API `data` list) whose first record is broken or foreign: its records laid out one
    // a line decide, as an array's do.
    if let Some(detection) = vote(&record_lines(bytes, true)) {
        return Ok(detection);
    }
    if seen.keys.is_empty() {
        return Err(match seen.first {
            Some(b'[') => DetectError {
                reason: "an empty JSON array, or one whose first item is not an object".into(),
                candidates: vec![Format::DataciteJson, Format::Citeproc],
            },
            Some(b'{') => DetectError {
                reason: "JSON whose first object has no keys, or is not JSON".into(),
                candidates: candidates(),
            },
            _ => DetectError { reason: "JSON whose first value is not an object".into(), candidates: Vec::new() },
        });
    }
    Err(DetectError {
        reason:
            "JSON with none of the keys that mark DataCite, JSON:API, CSL, schema.org, codemeta, Crossref or InvenioRDM"
                .into(),
        candidates: candidates(),
    })
}

/// How many lines of JSON Lines detection looks at.
const VOTING_LINES: usize = 16;

/// The outlines of the head's first lines (at most [`VOTING_LINES`], blank ones not counted)
/// that are a record all by themselves: one whole object with keys and nothing after it. A line
/// of JSON Lines starts in its first column (so that a line of a pretty-printed document is not
/// taken for a record); a line of an `array` may be indented and end in the `,` or `]` after an
/// element.
fn record_lines(bytes: &[u8], array: bool) -> Vec<Outline> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.trim_ascii().is_empty())
        .take(VOTING_LINES)
        .filter_map(|line| {
            let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            if !array {
                return (line.first() == Some(&b'{')).then_some(line);
            }
            let element = line.trim_ascii();
            let element = element.strip_prefix(b"[").unwrap_or(element).trim_ascii_start();
            let element = element.strip_suffix(b",").or_else(|| element.strip_suffix(b"]")).unwrap_or(element);
            Some(element.trim_ascii_end()).filter(|e| e.first() == Some(&b'{'))
        })
        .map(|line| (line, outline(line)))
        .filter(|(line, o)| {
            o.complete && !o.keys.is_empty() && line.get(o.end..).is_some_and(|rest| rest.trim_ascii().is_empty())
        })
        .map(|(_, o)| o)
        .collect()
}

/// The format most of `lines` are detected as (the first line's on a tie); `None` when no line
/// decides.
fn vote(lines: &[Outline]) -> Option<Detection> {
    let mut tally: Vec<(Detection, usize)> = Vec::new();
    for detection in lines.iter().filter_map(detect_json_outline) {
        match tally.iter_mut().find(|(d, _)| d.format == detection.format) {
            Some((_, votes)) => *votes += 1,
            None => tally.push((detection, 1)),
        }
    }
    // `max_by_key` keeps the last of equals: reversed, the earliest.
    tally.into_iter().rev().max_by_key(|(_, votes)| *votes).map(|(d, _)| d)
}

/// What the head of a JSON input says about its first record: the keys of the first object
/// (of a top-level array's first element, of the first value of JSON Lines) down to three
/// levels, the string values found there, and every string of an `@context`.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// The first significant byte.
    pub(crate) first: Option<u8>,
    /// Paths of keys, `/`-joined from the record (`data`, `data/type`, `issued/date-parts`);
    /// lists add no level (a list's first element stands for it).
    pub(crate) keys: Vec<String>,
    /// String values at those paths.
    strings: Vec<(String, String)>,
    /// Paths whose value is a list (`title` of `{"title": ["A"]}`).
    lists: Vec<String>,
    /// The bytes stopped being JSON before the first record ended (not merely ran out).
    pub(crate) broken: bool,
    /// The first record ended within the bytes.
    pub(crate) complete: bool,
    /// Where the scan stopped (after the first record, when it is complete).
    end: usize,
}

impl Outline {
    fn has(&self, path: &str) -> bool {
        self.keys.iter().any(|k| k == path)
    }

    fn is_list(&self, path: &str) -> bool {
        self.lists.iter().any(|p| p == path)
    }

    /// The string value at `path`, when the outline recorded one.
    pub(crate) fn string(&self, path: &str) -> Option<&str> {
        self.strings.iter().find(|(p, _)| p == path).map(|(_, v)| v.as_str())
    }

    /// The strings at `path` and below it.
    fn strings_under<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.strings
            .iter()
            .filter(move |(p, _)| p == path || p.strip_prefix(path).is_some_and(|rest| rest.starts_with('/')))
            .map(|(_, v)| v.as_str())
    }
}

/// A container met while outlining: its path, whether it is an object, the key last read in
/// it, and, for a list, whether its first element is done (later ones are not recorded).
struct Level {
    path: String,
    object: bool,
    key: Option<String>,
    first_done: bool,
}

/// How deep an outline records (`@context` is recorded whole).
const OUTLINE_DEPTH: usize = 3;
/// How many keys and strings an outline keeps at most.
const OUTLINE_ENTRIES: usize = 1024;

pub(crate) fn skip_white(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF)) {
        i += 1;
    }
    i
}

/// Where a value about to be read stands, and whether it is recorded.
fn value_place(stack: &[Level]) -> (String, bool) {
    match stack.last() {
        None => (String::new(), true),
        Some(level) if level.object => match &level.key {
            Some(key) if level.path.is_empty() => (key.clone(), true),
            Some(key) => (format!("{}/{key}", level.path), true),
            None => (level.path.clone(), true),
        },
        Some(level) => (level.path.clone(), !level.first_done),
    }
}

/// A value ended in the container on top of `stack`: a list has had its first element.
fn value_done(stack: &mut [Level]) {
    if let Some(level) = stack.last_mut() {
        if !level.object {
            level.first_done = true;
        }
    }
}

/// Scans the head of a JSON input into an [`Outline`]: a small tokenizer that records keys and
/// short strings and stops at the end of the first record, at the end of the bytes, or at the
/// first byte that is not JSON, whichever comes first.
pub(crate) fn outline(bytes: &[u8]) -> Outline {
    outline_with(bytes, &mut |_| {})
}

/// [`outline`], handing every key of the record's top level to `top_key` as it is read, also
/// those past the [`OUTLINE_ENTRIES`] the outline keeps (a record's one key of its format may
/// come after thousands of others).
pub(crate) fn outline_with(bytes: &[u8], top_key: &mut dyn FnMut(&str)) -> Outline {
    let mut out = Outline::default();
    let mut i = skip_white(bytes, 0);
    out.first = bytes.get(i).copied();
    if out.first == Some(b'[') {
        // A top-level list: its first element is the record.
        i = skip_white(bytes, i + 1);
    }
    if bytes.get(i) != Some(&b'{') {
        out.broken = bytes.get(i).is_some_and(|&b| b != b']');
        return out;
    }
    let mut stack: Vec<Level> = Vec::new();
    loop {
        i = skip_white(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        let expecting_key = stack.last().is_some_and(|l| l.object && l.key.is_none());
        match b {
            b'"' => {
                let Some(end) = string_end(bytes, i) else { break };
                let start = i;
                i = end;
                let (path, recorded) = value_place(&stack);
                if expecting_key {
                    let text = unescape(bytes, start, end);
                    i = skip_white(bytes, i);
                    if bytes.get(i).is_some_and(|&c| c != b':') {
                        out.broken = true;
                        break;
                    }
                    i += 1;
                    if stack.len() == 1 {
                        top_key(&text);
                    }
                    let key = if path.is_empty() { text.clone() } else { format!("{path}/{text}") };
                    if out.keys.len() < OUTLINE_ENTRIES {
                        out.keys.push(key);
                    }
                    if let Some(level) = stack.last_mut() {
                        level.key = Some(text);
                    }
                    continue;
                }
                // Only the strings recorded are unescaped: an item's outline (`fit`) scans every
                // string of the item, and most are values nobody asks about.
                if recorded && end - start <= 514 && out.strings.len() < OUTLINE_ENTRIES {
                    out.strings.push((path, unescape(bytes, start, end)));
                }
                value_done(&mut stack);
            }
            _ if expecting_key && b != b'}' => {
                out.broken = true;
                break;
            }
            b'{' | b'[' => {
                let (path, recorded) = value_place(&stack);
                let deep = path.split('/').count() > OUTLINE_DEPTH && !path.starts_with("@context");
                if stack.is_empty() || (recorded && !deep) {
                    if b == b'[' && !path.is_empty() && out.lists.len() < OUTLINE_ENTRIES {
                        out.lists.push(path.clone());
                    }
                    stack.push(Level { path, object: b == b'{', key: None, first_done: false });
                    i += 1;
                } else {
                    match skip_value(bytes, i) {
                        Some(end) => i = end,
                        None => break,
                    }
                    value_done(&mut stack);
                }
            }
            b'}' | b']' => {
                if stack.last().is_none_or(|l| l.object != (b == b'}')) {
                    out.broken = true;
                    break;
                }
                stack.pop();
                i += 1;
                if stack.is_empty() {
                    out.complete = true;
                    out.end = i;
                    break;
                }
                value_done(&mut stack);
            }
            b',' => {
                i += 1;
                if let Some(level) = stack.last_mut() {
                    level.key = None;
                }
            }
            _ => {
                // A number, true, false or null: up to the next delimiter.
                let rest = bytes.get(i..).unwrap_or_default();
                let length = rest
                    .iter()
                    .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                    .unwrap_or(rest.len());
                let word = rest.get(..length).unwrap_or_default();
                let scalar = matches!(word, b"true" | b"false" | b"null")
                    || word.first().is_some_and(|c| c.is_ascii_digit() || *c == b'-');
                if !scalar && length < rest.len() {
                    out.broken = true;
                    break;
                }
                i += length.max(1);
                value_done(&mut stack);
            }
        }
    }
    out
}

/// The index after the closing quote of the string starting at `start` (its opening quote);
/// `None` when the bytes end first.
pub(crate) fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut escaped = false;
    while let Some(&b) = bytes.get(i) {
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// The text of the string `bytes[start..end]` (quotes included), unescaped; as written when its
/// escapes are not JSON's.
fn unescape(bytes: &[u8], start: usize, end: usize) -> String {
    let raw = bytes.get(start..end).unwrap_or_default();
    let inner = bytes.get(start + 1..end.saturating_sub(1)).unwrap_or_default();
    if !inner.contains(&b'\\') {
        return String::from_utf8_lossy(inner).into_owned();
    }
    serde_json::from_str::<String>(&String::from_utf8_lossy(raw))
        .unwrap_or_else(|_| String::from_utf8_lossy(inner).into_owned())
}

/// The index after the object or list starting at `start`; `None` when the bytes end first.
pub(crate) fn skip_value(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &b) in bytes.get(start..)?.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(start + offset + 1);
                }
            }
            _ => {}
        }
    }
    None
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

/// Keys of npm's `package.json` that codemeta's crosswalk reads.
const NPM_KEYS: &[&str] =
    &["dependencies", "devDependencies", "scripts", "main", "repository", "license", "author", "keywords", "bugs"];

/// True when the object at `prefix` (`""`, `items/`) is a work of Crossref's REST API: a DOI, a
/// type that is a Crossref type id (`journal-article`), and its titles as lists. doi.org's CSL-JSON
/// for a Crossref DOI carries the same bookkeeping keys (`indexed`, `member` …) and often the
/// same type ids, but its `title` and `container-title` are strings, as CSL has them.
fn crossref_work(o: &Outline, prefix: &str) -> bool {
    let at = |key: &str| format!("{prefix}{key}");
    o.has(&at("DOI"))
        && o.string(&at("type")).is_some_and(|t| crosswalk_rules::crossref_types::crossref_type(t).is_some())
        && (o.is_list(&at("title")) || o.is_list(&at("container-title")))
}

/// True when the outline is of an InvenioRDM record, whole or its bare metadata.
pub(crate) fn invenio_record(o: &Outline) -> bool {
    ["", "metadata/"]
        .iter()
        .any(|prefix| o.has(&format!("{prefix}resource_type/id")) || o.has(&format!("{prefix}creators/person_or_org")))
        || o.has("pids/doi")
}

pub(crate) fn detect_json_outline(o: &Outline) -> Option<Detection> {
    // Records harvested from OAI-PMH and saved as JSON Lines by `crosswalk harvest --oai`.
    if o.has("metadataPrefix") && (o.has("identifier") || o.has("metadata")) {
        return Some(Detection {
            format: Format::OaiPmh,
            rule: "harvested OAI-PMH records (identifier, metadataPrefix, metadata), as crosswalk harvest --oai saves them",
        });
    }
    // A CITATION.cff written in JSON's syntax (JSON is YAML): its own key says what it is.
    if o.has("cff-version") {
        return Some(Detection { format: Format::Cff, rule: "a \"cff-version\" key (CITATION.cff in JSON syntax)" });
    }
    // An InvenioRDM record: its resource type is a vocabulary id (`{"id": "dataset"}`), in its
    // `metadata` or in a bare metadata object, and its DOI stands under `pids`. No other format
    // has either (DataCite's types are `types`), nor creators that are a `person_or_org`.
    if invenio_record(o) {
        return Some(Detection {
            format: Format::InvenioRdm,
            rule: "an InvenioRDM record (metadata.resource_type.id, creators' person_or_org, or pids.doi)",
        });
    }
    // Crossref's REST API, before the CSL rules: its works have CSL-like keys (DOI, type,
    // container-title, issued/date-parts).
    if o.string("message-type").is_some_and(|t| t.starts_with("work")) {
        return Some(Detection {
            format: Format::CrossrefJson,
            rule: "a Crossref REST API response (message-type work or work-list)",
        });
    }
    if crossref_work(o, "") || crossref_work(o, "items/") || crossref_work(o, "message/") {
        return Some(Detection {
            format: Format::CrossrefJson,
            rule: "a Crossref REST API work (DOI, a Crossref type id, titles as lists)",
        });
    }
    let dois = |path: &str| o.string(path) == Some("dois");
    if dois("data/type") || o.has("data/attributes") {
        return Some(Detection { format: Format::Payload, rule: "a JSON:API \"data\" object of type \"dois\"" });
    }
    if o.has("attributes") && (dois("type") || o.has("id")) {
        return Some(Detection {
            format: Format::Payload,
            rule: "a JSON:API resource object of type \"dois\" (an API record)",
        });
    }
    if o.has("@context") {
        let context: Vec<String> = o.strings_under("@context").map(str::to_ascii_lowercase).collect();
        if context.iter().any(|t| t.contains("codemeta")) {
            return Some(Detection { format: Format::Codemeta, rule: "an @context naming codemeta" });
        }
        if context.iter().any(|t| t.contains("schema.org")) {
            return Some(Detection { format: Format::SchemaOrg, rule: "an @context naming schema.org" });
        }
    }
    let csl_type = o.string("type").is_some_and(|t| crosswalk_csl::types::ITEM_TYPES.iter().any(|item| item.csl == t));
    let csl_date = ["issued", "accessed", "submitted"]
        .iter()
        .any(|k| o.has(&format!("{k}/date-parts")) || o.has(&format!("{k}/raw")));
    let csl_keys = ["container-title", "citation-key", "page", "DOI", "URL"].iter().any(|k| o.has(k));
    if csl_date || (csl_type && csl_keys) {
        return Some(Detection {
            format: Format::Citeproc,
            rule: "CSL item keys (issued/date-parts, container-title, CSL type)",
        });
    }
    if DATACITE_KEYS.iter().any(|k| o.has(k)) {
        return Some(Detection {
            format: Format::DataciteJson,
            rule: "DataCite attribute names (types, creators, titles …)",
        });
    }
    if csl_type {
        return Some(Detection { format: Format::Citeproc, rule: "a CSL item type" });
    }
    if o.has("name") && o.has("version") && NPM_KEYS.iter().any(|k| o.has(k)) {
        return Some(Detection {
            format: Format::Codemeta,
            rule: "an npm package.json (name, version, dependencies …), read through codemeta's crosswalk",
        });
    }
    None
}

fn detect_text(text: &str) -> Result<Detection, DetectError> {
    // CFF before BibTeX: a citation file's abstract or references may quote a BibTeX entry. The
    // key stands at the start of a line (a top-level key of the YAML mapping), after comments,
    // a `---`, or other keys.
    if text.lines().take(200).any(|line| line.starts_with("cff-version:")) {
        return Ok(Detection { format: Format::Cff, rule: "a YAML \"cff-version:\" key (CITATION.cff)" });
    }
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
    Err(DetectError {
        reason: "text that is neither XML, JSON, RIS, BibTeX nor CFF (YAML with cff-version)".into(),
        candidates: Vec::new(),
    })
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
        assert_eq!(format_of("<html/>"), Some(Format::SchemaOrg));
        assert_eq!(format_of("<!DOCTYPE html>\n<html lang=\"en\"><head>"), Some(Format::SchemaOrg));
        assert_eq!(format_of("<?xml version=\"1.0\"?><feed/>"), None);
        // OAI-PMH responses and Dublin Core records.
        assert_eq!(
            format_of("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><ListRecords/></OAI-PMH>"),
            Some(Format::OaiPmh)
        );
        assert_eq!(format_of("<oai:record xmlns:oai='http://www.openarchives.org/OAI/2.0/'/>"), Some(Format::OaiPmh));
        assert_eq!(
            format_of("<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"/>"),
            Some(Format::DublinCore)
        );
        assert_eq!(
            format_of("<dc xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>T</dc:title></dc>"),
            Some(Format::DublinCore)
        );
        assert_eq!(
            format_of(
                "<record>\n <metadata>\n  <dc xmlns:dc=\"http://purl.org/dc/elements/1.1/\"/></metadata></record>"
            ),
            Some(Format::DublinCore)
        );
        assert_eq!(format_of("<record><title>not Dublin Core</title></record>"), None);
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
        // An API record on a line (harvests, DataCite's public data file).
        assert_eq!(
            format_of(r#"{"id":"10.5072/a","type":"dois","attributes":{"doi":"10.5072/a"}}"#),
            Some(Format::Payload)
        );
        // npm's package.json, read through codemeta's crosswalk.
        assert_eq!(
            format_of(r#"{"name": "left-pad", "version": "1.3.0", "license": "WTFPL", "main": "index.js"}"#),
            Some(Format::Codemeta)
        );
    }

    #[test]
    fn json_detection_needs_no_whole_first_record() {
        // A first record larger than the head: its first keys decide.
        let mut big =
            String::from("{\"data\": [{\"id\": \"10.5072/a\", \"type\": \"dois\", \"attributes\": {\"creators\": [");
        for i in 0..20_000 {
            big.push_str(&format!("{{\"name\": \"Person {i}\"}},"));
        }
        assert!(big.len() > 2 * 64 * 1024);
        assert_eq!(format_of(&big[..64 * 1024]), Some(Format::Payload));
        let mut attrs = String::from("[{\"doi\": \"10.5072/x\", \"creators\": [");
        attrs.push_str(&"{\"name\": \"A\"},".repeat(10_000));
        assert_eq!(format_of(&attrs[..64 * 1024]), Some(Format::DataciteJson));
        // Pretty-printed, one creator a line: a creator is not taken for the record.
        let mut pretty = String::from("{\n  \"doi\": \"10.5072/x\",\n  \"creators\": [\n");
        pretty.push_str(&"{\"name\": \"A\"},\n".repeat(10_000));
        assert_eq!(format_of(&pretty[..64 * 1024]), Some(Format::DataciteJson));
        // A broken first line of JSON Lines: the next line decides.
        assert_eq!(format_of("{\n{\"doi\": \"10.5072/a\", \"titles\": []}\n"), Some(Format::DataciteJson));
        assert_eq!(
            format_of("{\"type\": \n{\"type\": \"book\", \"issued\": {\"date-parts\": [[2020]]}}\n"),
            Some(Format::Citeproc)
        );
        // Nested @context strings count; deep values do not confuse.
        assert_eq!(
            format_of(r#"{"@context": [{"@vocab": "https://schema.org/"}, {"x": "y"}], "@type": "Dataset"}"#),
            Some(Format::SchemaOrg)
        );
    }

    #[test]
    fn harvested_oai_records_in_json_lines() {
        let line = r#"{"identifier":"oai:x:1","datestamp":"2024-01-01","setSpec":[],"metadataPrefix":"oai_dc","metadata":"<oai_dc:dc/>"}"#;
        assert_eq!(format_of(&format!("{line}\n{line}\n")), Some(Format::OaiPmh));
        assert_eq!(
            format_of(r#"{"identifier":"oai:x:2","deleted":true,"metadataPrefix":"oai_dc"}"#),
            Some(Format::OaiPmh)
        );
    }

    #[test]
    fn json_lines_are_detected_from_several_lines() {
        // Issue 14, item 6: an empty, undecidable or broken first line failed the whole catalog.
        let datacite = "{\"doi\": \"10.5072/a\", \"titles\": [{\"title\": \"A\"}]}\n".repeat(5);
        for first in ["{}", "{\"a\": 1}", "null", "#garbage", "{", "[1, 2]", "\"text\""] {
            assert_eq!(format_of(&format!("{first}\n{datacite}")), Some(Format::DataciteJson), "{first}");
        }
        // Most lines decide: one CSL item first does not make a DataCite catalog CSL.
        let csl = "{\"type\": \"book\", \"title\": \"T\", \"issued\": {\"date-parts\": [[2020]]}}\n";
        assert_eq!(format_of(&format!("{csl}{datacite}")), Some(Format::DataciteJson));
        assert_eq!(format_of(&format!("{datacite}{}", csl.repeat(6))), Some(Format::Citeproc));
        // A tie goes to the first line's format; nothing that decides is still an error.
        assert_eq!(format_of(&format!("{csl}{}", datacite.lines().next().unwrap())), Some(Format::Citeproc));
        assert_eq!(format_of("{\"a\": 1}\n{\"b\": 2}\n"), None);
        assert_eq!(format_of("null\nnull\n"), None);
        // An array, one element a line: a foreign or broken first element does not decide.
        let csl_item = csl.trim_end();
        let records: Vec<&str> = datacite.lines().collect();
        assert_eq!(format_of(&format!("[\n  {csl_item},\n  {}\n]", records.join(",\n  "))), Some(Format::DataciteJson));
        assert_eq!(format_of(&format!("[{{\"doi\": ,\n{}]", records.join(",\n"))), Some(Format::DataciteJson));
        // A list inside an object (a part of Crossref's public data file) whose first work is broken.
        let work = "{\"DOI\": \"10.5555/a\", \"type\": \"dataset\", \"title\": [\"A\"]}";
        assert_eq!(
            format_of(&format!("{{\"items\": [\n  {{\"DOI\": \"x\" \"type\": 1}},\n  {work},\n  {work}\n]}}")),
            Some(Format::CrossrefJson)
        );
        // Text formats are not taken for JSON Lines.
        assert_eq!(format_of("TY  - JOUR\n{\"doi\": \"10.5072/a\"}\nER  - \n"), Some(Format::Ris));
    }

    #[test]
    fn crossref_rest_json_is_told_from_csl() {
        let work = r#"{"DOI": "10.5555/a", "type": "journal-article", "title": ["A"], "container-title": ["J"]}"#;
        assert_eq!(format_of(work), Some(Format::CrossrefJson));
        assert_eq!(format_of(&format!("[{work}]")), Some(Format::CrossrefJson));
        assert_eq!(format_of(&format!("{work}\n{work}\n")), Some(Format::CrossrefJson));
        assert_eq!(format_of(&format!("{{\"items\": [{work}]}}")), Some(Format::CrossrefJson));
        assert_eq!(
            format_of(r#"{"status":"ok","message-type":"work-list","message":{"facets":{},"items":[]}}"#),
            Some(Format::CrossrefJson)
        );
        assert_eq!(format_of(r#"{"status":"ok","message-type":"work","message":{}}"#), Some(Format::CrossrefJson));
        // CSL-JSON, also doi.org's for a Crossref DOI with Crossref's bookkeeping keys and type ids:
        // its titles are strings.
        assert_eq!(
            format_of(
                r#"{"DOI": "10.5555/a", "type": "journal-article", "title": "A", "container-title": "J", "indexed": {"date-parts": [[2024]]}, "member": "1", "issued": {"date-parts": [[2021]]}}"#
            ),
            Some(Format::Citeproc)
        );
        assert_eq!(
            format_of(
                r#"{"DOI": "10.5555/a", "type": "article-journal", "title": ["A"], "issued": {"date-parts": [[2020]]}}"#
            ),
            Some(Format::Citeproc)
        );
        // Every fixture of either format is detected as it is.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
        for (dir, format) in [("citeproc", Format::Citeproc), ("crossref-json", Format::CrossrefJson)] {
            let mut seen = 0;
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.to_string_lossy().into_owned();
                if !(name.ends_with(".json") || name.ends_with(".jsonl"))
                    || name.contains("broken")
                    || name.contains("malformed")
                {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                assert_eq!(detect(&bytes).map(|d| d.format), Ok(format), "{name}");
                seen += 1;
            }
            assert!(seen >= 5, "{dir}: {seen} fixtures");
        }
    }

    #[test]
    fn text_formats() {
        assert_eq!(format_of("\n\nTY  - JOUR\nAU  - Smith\nER  - \n"), Some(Format::Ris));
        assert_eq!(format_of("% comment\n@Article{key,\n title = {x}}"), Some(Format::Bibtex));
        assert_eq!(format_of("@string(x = \"y\")"), Some(Format::Bibtex));
        let err = detect(b"plain words").unwrap_err();
        assert!(err.to_string().contains("--from"));
        // Classic Mac OS line ends after JabRef's header line.
        assert_eq!(format_of("% Encoding: UTF-8\r\r@article{a,\r title = {x}}\r"), Some(Format::Bibtex));
        // CITATION.cff: the top-level key, also after comments and other keys, and before a
        // BibTeX entry quoted in an abstract.
        assert_eq!(format_of("# generated\n\ncff-version: 1.2.0\ntitle: T\n"), Some(Format::Cff));
        assert_eq!(format_of("title: T\nabstract: \"@misc{a, title={x}}\"\ncff-version: 1.2.0\n"), Some(Format::Cff));
        assert_eq!(format_of("---\ncff-version: \"1.2.0\"\n"), Some(Format::Cff));
        assert_eq!(format_of("{\"cff-version\": \"1.2.0\", \"title\": \"T\"}"), Some(Format::Cff));
        // Indented, it is no top-level key.
        assert_eq!(format_of("x:\n  cff-version: 1.2.0\n"), None);
    }

    #[test]
    fn utf16_text_without_a_byte_order_mark() {
        let le: Vec<u8> = "@misc{a, title = {x}}".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(detect(&le).map(|d| d.format), Ok(Format::Bibtex));
        let be: Vec<u8> = "TY  - JOUR\r\nER  - \r\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect(&be).map(|d| d.format), Ok(Format::Ris));
    }
}

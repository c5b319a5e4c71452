//! Reading DataCite XML (kernels 2.1 to 4.7) into the model: one document, one [`Record`].
//!
//! The bytes are decoded with the encoding the XML declaration names when they are not UTF-8
//! (BOMs and UTF-16 are recognised), then parsed by `roxmltree` with DTDs refused, so no entity
//! can be declared, expanded or fetched: only the five predefined entities and character
//! references are decoded, once. The root must be `resource` in a
//! `http://datacite.org/schema/kernel-*` namespace (any prefix); a document without namespace
//! is read with a warning. Reading walks the tree once; every element, attribute and text is
//! either read into the model or reported with its `line:column` and element path.
//!
//! # Older kernels
//!
//! Constructs of kernels 2.x and 3.x are mapped onto 4.7 wherever they occur (documents often
//! mix vintages), each mapping reported as `legacy.mapped` at its source:
//!
//! | source | read as |
//! |---|---|
//! | `contributor contributorType="Funder"` (2.2–3.1; removed in 4.0) | a `fundingReference`: `funderName` from `contributorName`; a `nameIdentifier` becomes `funderIdentifier`, typed `Crossref Funder ID` for FundRef/Crossref schemes or `10.13039/` DOIs, `ISNI`/`GRID`/`ROR` for those schemes, `Other` otherwise; parts with no place there (affiliations, given and family names, further identifiers) are reported as `field.unmapped` |
//! | `<geoLocationPoint>lat lon</geoLocationPoint>` (3.x) | `Point` with `pointLatitude`, `pointLongitude`, digits as written |
//! | `<geoLocationBox>south west north east</geoLocationBox>` (3.x) | `GeoBox`, digits as written |
//! | `<rights>` directly under `<resource>` (2.x) | a `rightsList` entry |
//! | `resourceTypeGeneral="Film"` (2.x; removed in 3.0) | `Audiovisual` (also for `relatedItemType` and a related identifier's `resourceTypeGeneral`) |
//! | `dateType="StartDate"` + `dateType="EndDate"` (2.x; removed in 3.0, which introduced ranges) | the n-th StartDate and n-th EndDate of a `<dates>` become one date `start/end` with `dateType="Other"` and `dateInformation="StartDate/EndDate (DataCite kernel 2)"`; an unpaired one keeps its date with `dateType="Other"` and `dateInformation="StartDate (DataCite kernel 2)"` (or `EndDate …`); a `dateInformation` of the source is appended after `; ` |
//!
//! The kernel-2 administrative attributes `lastMetadataUpdate` and `metadataVersionNumber` of
//! `<resource>` (removed in 3.0) have no place in 4.7: they are reported as `field.unmapped`.
//!
//! # Values
//!
//! Values are kept as written: surrounding XML white space (space, tab, line feed, carriage
//! return) is removed (`value.trimmed`), inner white space and other spaces (a no-break space)
//! kept; empty values are skipped (`value.empty`) unless the element carries
//! attributes that are values of their own (a `rightsURI`, an `affiliationIdentifier`, a
//! `resourceTypeGeneral`, an `awardURI`, a subject's `valueURI`/`classificationCode`, a
//! publisher's identifier). Controlled values go through [`Vocabulary::lookup`](crosswalk_model::Vocabulary::lookup)
//! (`vocab.normalised` for a loose match, `vocab.unknown` for a value kept as written).
//! In descriptions the `<br/>` element becomes the model's line break (U+2028,
//! `crosswalk_model::chars::LINE_BREAK`); text that reads `<br/>` stays text.

mod context;
mod geo;
mod items;
mod names;
mod properties;

use crosswalk_model::{codes, CodeInfo, Diagnostic, Location, Origin, Record, Severity};
use crosswalk_text::xml::{declared_encoding, utf16_without_bom};
use crosswalk_text::{decode_with, Encoding, LineIndex};
use roxmltree::{Document, Node, ParsingOptions};

use context::{quote, Reader};

/// Code: the document is not well-formed XML.
pub const MALFORMED: &str = "xml.malformed";
/// Code: the document has a DOCTYPE, which is refused.
pub const DTD_REFUSED: &str = "xml.dtd-refused";
/// Code: the root element is not a DataCite `resource`.
pub const NOT_DATACITE: &str = "xml.not-datacite";
/// Code: the root element has no namespace.
pub const NO_NAMESPACE: &str = "xml.no-namespace";
/// Code: the root's namespace names a kernel version this reader does not know.
pub const UNKNOWN_KERNEL: &str = "xml.unknown-kernel";
/// Code: white space before the XML declaration was skipped.
pub const LEADING_WHITESPACE: &str = "xml.leading-whitespace";
/// Code: the declared encoding is unsupported or contradicts the bytes.
pub const ENCODING: &str = "xml.encoding";
/// Code: an element has no place where it stands; its content is not read.
pub const UNKNOWN_ELEMENT: &str = "xml.unknown-element";
/// Code: an attribute has no place on its element; its value is not read.
pub const UNKNOWN_ATTRIBUTE: &str = "xml.unknown-attribute";
/// Code: text stands where only elements belong; it is not read.
pub const UNEXPECTED_TEXT: &str = "xml.unexpected-text";
/// Code: a creator or contributor with several names was split into several.
pub const NAME_SPLIT: &str = "xml.name-split";
/// Code: a compound element lacks a part it needs.
pub const MISSING_ELEMENT: &str = "xml.missing-element";
/// Code: a required attribute is missing and its value was assumed.
pub const MISSING_ATTRIBUTE: &str = "xml.missing-attribute";
/// Code: the `identifier` is not a DOI.
pub const IDENTIFIER_TYPE: &str = "xml.identifier-type";
/// Code: so many diagnostics that the rest are not listed.
pub const DIAGNOSTICS_TRUNCATED: &str = "xml.diagnostics-truncated";
/// Code: the document is larger than [`MAX_DOCUMENT_BYTES`]; it was not read.
pub const TOO_LARGE: &str = "xml.too-large";

/// The largest document read: 64 MiB. A document is one record, read whole (decoded, then parsed
/// into a tree of about four to five times its size); the largest real records (thousands of
/// creators, long abstracts) take a few MiB, so a document over this is not one record's metadata,
/// and reading it would let one input take gigabytes. Over it, the document is one failed record
/// ([`TOO_LARGE`]) and none of it is decoded or parsed.
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Every code this module emits: its own, the shared codes it uses, and the decoder's.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: MALFORMED,
        severity: Severity::Error,
        summary: "The document is not well-formed XML; nothing was read. Fix the XML at the line and column given.",
    },
    CodeInfo {
        code: DTD_REFUSED,
        severity: Severity::Error,
        summary: "The document has a DOCTYPE; DTDs are refused so that no entity can be declared, expanded or fetched, and nothing was read. Remove the DOCTYPE (DataCite XML needs none).",
    },
    CodeInfo {
        code: NOT_DATACITE,
        severity: Severity::Error,
        summary: "The root element is not <resource> in a http://datacite.org/schema/kernel-* namespace; nothing was read. Check the input format.",
    },
    CodeInfo {
        code: NO_NAMESPACE,
        severity: Severity::Warning,
        summary: "The root <resource> has no namespace; it was read as DataCite XML. Add xmlns=\"http://datacite.org/schema/kernel-4\".",
    },
    CodeInfo {
        code: UNKNOWN_KERNEL,
        severity: Severity::Warning,
        summary: "The root's DataCite namespace names a kernel version this reader does not know; it was read with the kernel-4.7 rules.",
    },
    CodeInfo {
        code: LEADING_WHITESPACE,
        severity: Severity::Info,
        summary: "White space before the XML declaration (not allowed by XML) was skipped.",
    },
    CodeInfo {
        code: ENCODING,
        severity: Severity::Warning,
        summary: "The encoding the XML declaration names is not supported or contradicts the bytes; the message says how the text was read. Check accented characters.",
    },
    CodeInfo {
        code: UNKNOWN_ELEMENT,
        severity: Severity::Warning,
        summary: "An element has no place where it stands (unknown, misspelt, misplaced, of another namespace, or inside an element that holds only text); its content is not read.",
    },
    CodeInfo {
        code: UNKNOWN_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "An attribute has no place on its element (unknown, misspelt, or of another namespace); its value is not read.",
    },
    CodeInfo {
        code: UNEXPECTED_TEXT,
        severity: Severity::Warning,
        summary: "Text stands in an element that holds only elements; it is not read. Move it into the element it belongs to.",
    },
    CodeInfo {
        code: NAME_SPLIT,
        severity: Severity::Warning,
        summary: "A creator or contributor holds several names; each name, with the elements after it, was read as a creator or contributor of its own. Check the split and give each its own element.",
    },
    CodeInfo {
        code: MISSING_ELEMENT,
        severity: Severity::Warning,
        summary: "A compound element lacks a part it needs (a name, a coordinate); the message says what was kept or built instead.",
    },
    CodeInfo {
        code: MISSING_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "A required attribute is missing and the reader had to assume its value; the message says what was assumed.",
    },
    CodeInfo {
        code: IDENTIFIER_TYPE,
        severity: Severity::Warning,
        summary: "The <identifier> is not a DOI; it was kept as an alternateIdentifier and the record has no DOI.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "The record has more than 10,000 diagnostics; the rest are not listed (the record was still read in full). Fix the ones listed and read it again.",
    },
    CodeInfo {
        code: TOO_LARGE,
        severity: Severity::Error,
        summary: "The document is larger than 64 MiB, the most read as one DataCite XML record; nothing of it was read. A record's XML takes a few MiB at most, even with thousands of creators: check that the file is one record, and split a collection into one file per record.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "An attribute's value is not in its DataCite 4.7 controlled list; it is kept as written and will fail validation until corrected.",
    },
    CodeInfo {
        code: codes::VOCAB_NORMALISED,
        severity: Severity::Info,
        summary: "An attribute's value matched its controlled list only when case or separators were ignored; the canonical spelling is used.",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A value of an older kernel, or of a legacy mapping, has no place in the 4.7 model; it is not carried over.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "An element that may occur once occurs again; the first is kept and the others are lost.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty element or attribute (or one holding only white space) was skipped.",
    },
    CodeInfo {
        code: codes::VALUE_TRIMMED,
        severity: Severity::Info,
        summary: "White space around a value was removed.",
    },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "The DOI lost a resolver prefix (https://doi.org/, doi:); its case is kept.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value does not have the expected form (a DOI, a four-digit year, a coordinate in range); the message says whether it was kept as written or dropped.",
    },
    CodeInfo {
        code: codes::LEGACY_MAPPED,
        severity: Severity::Info,
        summary: "A construct of DataCite kernel 2 or 3 was mapped onto its 4.7 equivalent (see the reader's table of mappings).",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "The bytes are not valid UTF-8 and hold no UTF-8 character beyond ASCII; they were decoded as the declared single-byte encoding (info), or as Windows-1252 (warning; the message names the first byte that is not UTF-8).",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_UTF16,
        severity: Severity::Info,
        summary: "The document is UTF-16 and was transcoded to UTF-8.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_INVALID,
        severity: Severity::Warning,
        summary: crosswalk_text::INVALID_BYTES_SUMMARY,
    },
];

/// The namespace every DataCite kernel shares up to its version.
const KERNEL_PREFIX: &str = "http://datacite.org/schema/kernel-";
/// The kernel versions whose namespaces exist.
const KNOWN_KERNELS: &[&str] =
    &["2.1", "2.2", "3", "3.0", "3.1", "4", "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"];

/// Reads one DataCite XML document (any kernel) from bytes; never panics.
///
/// ```
/// let xml = r#"<resource xmlns="http://datacite.org/schema/kernel-4">
///   <identifier identifierType="DOI">10.5438/ABC</identifier>
///   <titles><title>A title</title></titles>
/// </resource>"#;
/// let record = crosswalk_datacite::xml::read(xml.as_bytes());
/// assert_eq!(record.resource.doi.as_deref(), Some("10.5438/ABC"));
/// assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-4"));
/// assert!(record.diagnostics.is_empty());
/// ```
pub fn read(bytes: &[u8]) -> Record {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Record::failed(too_large());
    }
    let with_bom;
    let bytes = match bomless_utf16(bytes) {
        Some(prefixed) => {
            with_bom = prefixed;
            with_bom.as_slice()
        }
        None => bytes,
    };
    let label = declared_encoding(bytes);
    let declared = label.and_then(Encoding::from_label);
    let decoded = decode_with(bytes, declared);
    let mut diagnostics = decoded.diagnostics;
    if let Some(label) = label {
        if let Some(message) = encoding_mismatch(label, declared, decoded.encoding, bytes) {
            diagnostics.push(Diagnostic::warning(ENCODING, message).at(Location::at(1, 1)));
        }
    }
    read_text(&decoded.text, diagnostics)
}

/// Reads one DataCite XML document (any kernel) from text; never panics.
pub fn read_str(text: &str) -> Record {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Record::failed(too_large());
    }
    read_text(text.strip_prefix('\u{FEFF}').unwrap_or(text), Vec::new())
}

/// The error of a document over [`MAX_DOCUMENT_BYTES`].
fn too_large() -> Diagnostic {
    let message = format!(
        "the document is larger than {}, the most read as one DataCite XML record; it was not read \
         (a record takes a few MiB at most: split a collection into one file per record)",
        crosswalk_text::caps::size(MAX_DOCUMENT_BYTES)
    );
    Diagnostic::error(TOO_LARGE, message).at(Location::at(1, 1))
}

/// UTF-16 without a byte-order mark, recognised by `<?` in its first two units (XML 1.0
/// appendix F): the bytes with a BOM put in front, for the decoder.
fn bomless_utf16(bytes: &[u8]) -> Option<Vec<u8>> {
    let bom: &[u8] = match utf16_without_bom(bytes)? {
        Encoding::Utf16Le => b"\xFF\xFE",
        _ => b"\xFE\xFF",
    };
    Some([bom, bytes].concat())
}

/// A message when the declared encoding is unsupported or says something the bytes contradict.
fn encoding_mismatch(label: &str, declared: Option<Encoding>, used: Encoding, bytes: &[u8]) -> Option<String> {
    match declared {
        None if used == Encoding::Utf8 && !bytes.is_ascii() => Some(format!(
            "the declared encoding {} is not supported; the bytes are valid UTF-8 and were read as UTF-8",
            quote(label)
        )),
        None if used != Encoding::Utf8 && !matches!(used, Encoding::Utf16Le | Encoding::Utf16Be) => Some(format!(
            "the declared encoding {} is not supported; the text was read as {}",
            quote(label),
            used.label()
        )),
        Some(Encoding::Latin1 | Encoding::Windows1252) if used == Encoding::Utf8 && !bytes.is_ascii() => {
            Some(format!("the declaration says {} but the bytes are valid UTF-8; read as UTF-8", quote(label)))
        }
        // UTF-16 is recognised by its byte-order mark or by `<?` in two-byte units; a declaration
        // readable byte by byte was not written in UTF-16, whatever it says.
        Some(Encoding::Utf16Le | Encoding::Utf16Be) if !matches!(used, Encoding::Utf16Le | Encoding::Utf16Be) => {
            Some(format!(
                "the declaration says {} but the document is not UTF-16 (no byte-order mark, single-byte characters); read as {}",
                quote(label),
                used.label()
            ))
        }
        _ => None,
    }
}

/// Parses decoded text and reads its resource.
fn read_text(text: &str, mut diagnostics: Vec<Diagnostic>) -> Record {
    let base = leading_whitespace(text);
    if base > 0 {
        diagnostics.push(
            Diagnostic::info(LEADING_WHITESPACE, "white space before the XML declaration skipped")
                .at(Location::at(1, 1)),
        );
    }
    let parsed = text.get(base..).unwrap_or_default();
    let options = ParsingOptions { allow_dtd: false, ..ParsingOptions::default() };
    let document = match Document::parse_with_options(parsed, options) {
        Ok(document) => document,
        Err(error) => {
            diagnostics.push(parse_error(text, base, &error));
            return Record { diagnostics, ..Record::default() };
        }
    };
    let root = document.root_element();
    let root_offset = base + root.range().start;
    let line =
        text.get(..root_offset).map(|before| u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX));
    let namespace = root.tag_name().namespace();
    let mut origin = Origin {
        index: 0,
        key: None,
        citation_key: None,
        line,
        schema: namespace.map(str::to_owned),
        request: None,
        input: None,
        position: None,
        document: Some(std::sync::Arc::from(text)),
    };
    let mut reader = Reader::new(text, base, namespace, diagnostics);
    if !check_root(&mut reader, root) {
        return Record { diagnostics: reader.diagnostics, origin, ..Record::default() };
    }
    let resource = properties::resource(&mut reader, root);
    origin.key = resource.doi.clone();
    let mut record = Record { resource, diagnostics: reader.diagnostics, origin };
    record.tidy();
    record
}

/// The length of the white space before an XML declaration, which XML does not allow but
/// hand-edited files and string concatenation produce.
fn leading_whitespace(text: &str) -> usize {
    let rest = text.trim_start();
    if rest.len() != text.len() && rest.starts_with("<?xml") {
        text.len() - rest.len()
    } else {
        0
    }
}

/// The diagnostic of a parse failure, at its position in the whole text.
fn parse_error(text: &str, base: usize, error: &roxmltree::Error) -> Diagnostic {
    let index = LineIndex::new(text);
    if matches!(error, roxmltree::Error::DtdDetected) {
        let offset = text.get(base..).and_then(|t| t.find("<!DOCTYPE")).map_or(base, |o| base + o);
        return Diagnostic::error(
            DTD_REFUSED,
            "the document has a DOCTYPE; DTDs are refused (no entity is declared, expanded or fetched), so it was not read",
        )
        .at(index.location(text, offset));
    }
    let location = match error {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => {
            index.location(text, text.len())
        }
        _ => {
            // roxmltree counts from the parsed text, which starts after the skipped white space.
            let pos = error.pos();
            let skipped = text.get(..base).unwrap_or_default();
            let skipped_lines = u32::try_from(skipped.matches('\n').count()).unwrap_or(0);
            let last_line = skipped.rsplit('\n').next().unwrap_or_default();
            let column_shift = if pos.row == 1 { u32::try_from(last_line.chars().count()).unwrap_or(0) } else { 0 };
            Location::at(pos.row.saturating_add(skipped_lines), pos.col.saturating_add(column_shift))
        }
    };
    let message = error.to_string();
    let suffix = format!(" at {}", error.pos());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    Diagnostic::error(MALFORMED, format!("not well-formed XML: {message}")).at(location)
}

/// Checks that the root is a DataCite `resource`: false (reported) when it is not; warnings for
/// a missing namespace or an unknown kernel version.
fn check_root(reader: &mut Reader<'_>, root: Node<'_, '_>) -> bool {
    let name = root.tag_name().name();
    let namespace = root.tag_name().namespace();
    let kernel = namespace.and_then(|ns| {
        ns.strip_prefix(KERNEL_PREFIX).or_else(|| ns.strip_prefix("https://datacite.org/schema/kernel-"))
    });
    if name != "resource" || (namespace.is_some() && kernel.is_none()) {
        let found = match namespace {
            Some(ns) => format!("<{name}> of namespace {ns}"),
            None => format!("<{name}> without namespace"),
        };
        let message = format!(
            "the root element {found} is not a DataCite <resource> (namespace http://datacite.org/schema/kernel-*); not read"
        );
        let location = reader.at(root);
        reader.diagnostics.push(Diagnostic::error(NOT_DATACITE, message).at(location));
        return false;
    }
    match (namespace, kernel) {
        (None, _) => reader.warn(
            NO_NAMESPACE,
            root,
            "<resource> has no namespace; read as DataCite XML (kernel 4.7 rules)".to_owned(),
        ),
        (Some(ns), Some(version)) if !ns.starts_with(KERNEL_PREFIX) || !KNOWN_KERNELS.contains(&version) => reader
            .warn(UNKNOWN_KERNEL, root, format!("namespace {ns} is not a known DataCite kernel; read as kernel 4.7")),
        _ => {}
    }
    true
}

/// A controlled value that older kernels spelled differently, or `None`: `Film` is
/// `Audiovisual` since kernel 3.0.
fn legacy_general_type(text: &str) -> Option<crosswalk_model::ResourceTypeGeneral> {
    text.eq_ignore_ascii_case("Film").then_some(crosswalk_model::ResourceTypeGeneral::Audiovisual)
}

/// Reads a `resourceTypeGeneral`-valued attribute (also `relatedItemType`), mapping `Film`.
fn general_type(
    reader: &mut Reader<'_>,
    node: Node<'_, '_>,
    attribute: &roxmltree::Attribute<'_, '_>,
) -> Option<crosswalk_model::ResourceTypeGeneral> {
    let text = reader.attribute_value(node, attribute)?;
    if let Some(mapped) = legacy_general_type(text) {
        let message =
            format!("{} {} (removed in kernel 3.0) read as \"{}\"", attribute.name(), quote(text), mapped.as_str());
        reader.legacy_attribute(node, attribute, message);
        return Some(mapped);
    }
    Some(reader.vocab(node, attribute, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many sibling elements the paths of reading `xml` looked at.
    fn sibling_visits(xml: &str) -> (u64, Record) {
        context::SIBLING_VISITS.with(|v| v.set(0));
        let record = read_str(xml);
        (context::SIBLING_VISITS.with(std::cell::Cell::get), record)
    }

    /// `clean` titles, then 2,000 padded ones (a `value.trimmed` each, with its path).
    fn titles(clean: usize) -> String {
        let mut xml = String::from("<resource xmlns=\"http://datacite.org/schema/kernel-4\"><titles>");
        xml.push_str(&"<title>T</title>".repeat(clean));
        xml.push_str(&"<title> padded </title>".repeat(2000));
        xml.push_str("</titles></resource>");
        xml
    }

    #[test]
    fn paths_look_at_each_sibling_once() {
        let (small, record) = sibling_visits(&titles(5_000));
        let last = record.diagnostics.last().unwrap();
        assert_eq!(last.location.path.as_deref(), Some("/resource/titles/title[7000]"));
        let (double, _) = sibling_visits(&titles(10_000));
        // Linear: each of the titles' siblings is looked at once (a walk per diagnostic looked at
        // 2,000 times as many).
        assert!(
            small <= 7_000 + 16 && double <= 12_000 + 16,
            "{small} visits for 5,000 clean titles, {double} for 10,000"
        );
    }

    #[test]
    fn declared_encoding_is_read_from_the_declaration() {
        assert_eq!(declared_encoding(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>"), Some("ISO-8859-1"));
        assert_eq!(declared_encoding(b"\xEF\xBB\xBF  <?xml version=\"1.0\" encoding = \"utf-8\" ?>"), Some("utf-8"));
        assert_eq!(declared_encoding(b"<?xml version='1.0'?><a encoding='x'/>"), None);
        assert_eq!(declared_encoding(b"<a/>"), None);
        assert_eq!(declared_encoding(b"<?xml encoding='unterminated"), None);
        assert_eq!(declared_encoding(b""), None);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        assert_eq!(bomless_utf16(b"<\0?\0x\0").as_deref(), Some(&b"\xFF\xFE<\0?\0x\0"[..]));
        assert_eq!(bomless_utf16(b"\0<\0?").as_deref(), Some(&b"\xFE\xFF\0<\0?"[..]));
        assert_eq!(bomless_utf16(b"<?xml"), None);
        assert_eq!(bomless_utf16(b"<"), None);
    }

    #[test]
    fn a_declared_utf16_the_bytes_contradict_is_reported() {
        let encoding_warnings = |bytes: &[u8]| {
            let record = read(bytes);
            let at: Vec<(u32, u32)> = record
                .diagnostics
                .iter()
                .filter(|d| d.code == ENCODING)
                .map(|d| (d.location.line.unwrap_or(0), d.location.column.unwrap_or(0)))
                .collect();
            (record.resource.version, at)
        };
        for label in ["UTF-16", "utf-16le", "UTF-16BE"] {
            // UTF-8 (also plain ASCII) under a UTF-16 declaration: read as UTF-8, with a warning.
            let xml = format!("<?xml version='1.0' encoding='{label}'?><resource><version>é</version></resource>");
            assert_eq!(encoding_warnings(xml.as_bytes()), (Some("é".to_owned()), vec![(1, 1)]), "{label}");
            let ascii = format!("<?xml version='1.0' encoding='{label}'?><resource><version>1</version></resource>");
            assert_eq!(encoding_warnings(ascii.as_bytes()).1, [(1, 1)], "{label}");
        }
        // Not UTF-8 either: decoded as Windows-1252 (`input.encoding`), and the declaration reported.
        let latin = b"<?xml version='1.0' encoding='UTF-16'?><resource><version>\xE9</version></resource>";
        assert_eq!(encoding_warnings(latin), (Some("é".to_owned()), vec![(1, 1)]));
        // Real UTF-16, with or without a byte-order mark, says what it is.
        let xml = "<?xml version='1.0' encoding='UTF-16'?><resource><version>é</version></resource>";
        let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [[&b"\xFF\xFE"[..], &le].concat(), le.clone(), [&b"\xFE\xFF"[..], &be].concat(), be.clone()] {
            assert_eq!(encoding_warnings(&bytes), (Some("é".to_owned()), vec![]));
        }
    }

    #[test]
    fn only_xml_white_space_is_trimmed_from_values() {
        let xml = "<resource xmlns='http://datacite.org/schema/kernel-4'><titles>\
            <title xml:lang=' en\t'>\n \u{a0}No-break\u{3000} \r\n</title><title>\u{2003}</title><title> \t</title>\
            </titles></resource>";
        let record = read(xml.as_bytes());
        let titles: Vec<(&str, Option<&str>)> =
            record.resource.titles.iter().map(|t| (t.title.as_str(), t.lang.as_deref())).collect();
        assert_eq!(titles, [("\u{a0}No-break\u{3000}", Some("en")), ("\u{2003}", None)]);
        let codes: Vec<&str> = record.diagnostics.iter().map(|d| d.code.as_ref()).collect();
        assert_eq!(codes, ["value.trimmed", "value.trimmed", "value.empty"]);
    }

    #[test]
    fn only_white_space_before_a_declaration_is_skipped() {
        assert_eq!(leading_whitespace(" \n<?xml version='1.0'?><a/>"), 2);
        assert_eq!(leading_whitespace("  <a/>"), 0);
        assert_eq!(leading_whitespace("<?xml version='1.0'?><a/>"), 0);
    }

    #[test]
    fn quoted_values_are_shortened() {
        assert_eq!(quote("ab\"c"), "\"ab\\\"c\"");
        let long = "é".repeat(100);
        assert_eq!(quote(&long), format!("\"{}…\"", "é".repeat(60)));
    }
}

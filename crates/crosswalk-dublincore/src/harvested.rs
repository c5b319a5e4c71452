//! The two forms a harvest saves OAI-PMH records in, written by `crosswalk harvest --oai` and
//! read back by `convert` like any response:
//!
//! - **XML**: one OAI-PMH `ListRecords` document holding every record harvested, each
//!   `<record>` with its header and its metadata element as the server sent it ([`xml_start`],
//!   [`xml_record`], [`xml_end`]); [`crate::oai::Splitter`] reads it as it reads any response.
//!   `oai_datacite`'s envelope is not kept: the record's metadata is its payload's `resource`,
//!   as a `datacite` harvest's is.
//! - **JSON Lines**: one object a record ([`json_line`]): its header's `identifier`,
//!   `datestamp`, `setSpec` list and `deleted` (only when true), the `metadataPrefix` asked for,
//!   and `metadata`, the metadata element as a string of XML (absent for a deleted record).
//!   [`item_from_json`] makes an [`Item`] of one such object, whose positions are the line's.
//!
//! ```
//! use crosswalk_dublincore::harvested;
//! use crosswalk_dublincore::oai::Splitter;
//!
//! let response = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>
//!   <record><header><identifier>oai:repo:1</identifier><datestamp>2024-01-02</datestamp><setSpec>a</setSpec></header>
//!   <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
//!     xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>One</dc:title></oai_dc:dc></metadata></record>
//! </ListRecords></OAI-PMH>"#;
//! let item = Splitter::new(&response[..]).next().unwrap();
//!
//! let line = harvested::json_line(&item, "oai_dc");
//! assert!(line.starts_with(r#"{"identifier":"oai:repo:1","datestamp":"2024-01-02","setSpec":["a"],"metadataPrefix":"oai_dc","metadata":"<oai_dc:dc "#));
//! let again = harvested::item_from_json(line.as_bytes(), 0, 7);
//! let record = again.into_record(|_| unreachable!());
//! assert_eq!(record.resource.titles[0].title, "One");
//! assert_eq!(record.origin.key.as_deref(), Some("oai:repo:1"));
//!
//! let xml = format!("{}{}{}", harvested::xml_start("https://repo.example.org/oai", "oai_dc", None), harvested::xml_record(&item), harvested::xml_end());
//! let read_back: Vec<_> = Splitter::new(xml.as_bytes()).collect();
//! assert_eq!(read_back[0].header, Header { line: read_back[0].header.line, column: read_back[0].header.column, ..item.header.clone() });
//! # use crosswalk_dublincore::oai::Header;
//! ```

use quick_xml::escape::escape;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use serde_json::Value;

use crate::doc::{DC_ELEMENTS, DC_TERMS, OAI_DC, OAI_PMH};
use crate::oai::{Content, Header, Item, Metadata, MetadataKind, DATACITE_KERNEL};
use crate::xml::Offset;

/// The start of the XML form: the declaration, `OAI-PMH`, `responseDate`, the `request` and
/// `<ListRecords>`.
pub fn xml_start(base_url: &str, metadata_prefix: &str, response_date: Option<&str>) -> String {
    let date = response_date.map(|d| format!("  <responseDate>{}</responseDate>\n", escape(d))).unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH xmlns=\"{OAI_PMH}\">\n{date}  <request verb=\"ListRecords\" metadataPrefix=\"{}\">{}</request>\n  <ListRecords>\n",
        escape(metadata_prefix),
        escape(base_url)
    )
}

/// One record of the XML form: its header, and its metadata unless it is deleted.
pub fn xml_record(item: &Item) -> String {
    let header = &item.header;
    let mut out = String::from("    <record>\n      <header");
    if header.deleted {
        out.push_str(" status=\"deleted\"");
    }
    out.push('>');
    if let Some(identifier) = &header.identifier {
        out.push_str(&format!("<identifier>{}</identifier>", escape(identifier)));
    }
    if let Some(datestamp) = &header.datestamp {
        out.push_str(&format!("<datestamp>{}</datestamp>", escape(datestamp)));
    }
    for set in &header.sets {
        out.push_str(&format!("<setSpec>{}</setSpec>", escape(set)));
    }
    out.push_str("</header>\n");
    if let Some(metadata) = item.metadata() {
        out.push_str("      <metadata>");
        out.push_str(&String::from_utf8_lossy(&metadata.bytes));
        out.push_str("</metadata>\n");
    }
    out.push_str("    </record>\n");
    out
}

/// The end of the XML form.
pub fn xml_end() -> &'static str {
    "  </ListRecords>\n</OAI-PMH>\n"
}

/// One record as a line of the JSON Lines form (without the line end).
pub fn json_line(item: &Item, metadata_prefix: &str) -> String {
    // Keys in this order (a map would sort them): the header's, then what was asked, then the
    // metadata, the longest, last.
    let quoted = |text: &str| Value::from(text).to_string();
    let header = &item.header;
    let mut fields = Vec::with_capacity(6);
    if let Some(identifier) = &header.identifier {
        fields.push(format!("\"identifier\":{}", quoted(identifier)));
    }
    if let Some(datestamp) = &header.datestamp {
        fields.push(format!("\"datestamp\":{}", quoted(datestamp)));
    }
    fields.push(format!("\"setSpec\":{}", Value::from(header.sets.clone())));
    if header.deleted {
        fields.push("\"deleted\":true".to_owned());
    }
    fields.push(format!("\"metadataPrefix\":{}", quoted(metadata_prefix)));
    if let Some(metadata) = item.metadata() {
        fields.push(format!("\"metadata\":{}", quoted(&String::from_utf8_lossy(&metadata.bytes))));
    }
    format!("{{{}}}", fields.join(","))
}

/// True when a JSON object's keys are those of the JSON Lines form (`metadataPrefix` and
/// `identifier` or `metadata`), for detection.
pub fn is_json_form(keys: &[&str]) -> bool {
    keys.contains(&"metadataPrefix") && (keys.contains(&"identifier") || keys.contains(&"metadata"))
}

/// An [`Item`] of one line of the JSON Lines form; `index` is its 0-based place, `line` its
/// 1-based line. Positions inside the metadata are the line's (a string of JSON cannot show
/// its own lines). A line that is not such an object is an item without metadata
/// ([`Content::Missing`]) whose diagnostics say why.
pub fn item_from_json(bytes: &[u8], index: usize, line: u32) -> Item {
    let mut item = Item {
        index,
        header: Header { line, column: 1, ..Header::default() },
        content: Content::Missing,
        line,
        column: 1,
        // JSON pointers within the line; the caller adds an array index where there is one.
        path: String::new(),
        diagnostics: Vec::new(),
    };
    let object = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return broken(item, "the line is not a JSON object"),
        Err(e) => return broken(item, &format!("the line is not JSON: {e}")),
    };
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    item.header.identifier = text("identifier");
    item.header.datestamp = text("datestamp");
    item.header.sets = match object.get("setSpec") {
        Some(Value::Array(sets)) => sets.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        Some(Value::String(set)) => vec![set.clone()],
        _ => Vec::new(),
    };
    item.header.deleted = object.get("deleted").and_then(Value::as_bool).unwrap_or(false);
    item.content = match (item.header.deleted, text("metadata")) {
        (true, _) => Content::Deleted,
        (false, None) => Content::Missing,
        (false, Some(xml)) => {
            if xml.len() > crate::MAX_CAPTURE {
                Content::TooLarge
            } else {
                let (kind, element, namespace) = classify(xml.as_bytes());
                Content::Metadata(Metadata {
                    kind,
                    element,
                    namespace,
                    bytes: xml.into_bytes(),
                    line,
                    column: 1,
                    path: "/metadata".to_owned(),
                    envelope: Vec::new(),
                    offset: Offset { line, column: 1, added: None, flat: true },
                })
            }
        }
    };
    item
}

/// An item whose line could not be read: no metadata, and the reason.
fn broken(mut item: Item, why: &str) -> Item {
    let message =
        format!("{why}; a harvested OAI-PMH record is an object with identifier, metadataPrefix and metadata");
    let at = crosswalk_model::Location::at(item.line, 1).with_path(item.path.clone());
    item.diagnostics.push(crosswalk_model::Diagnostic::error(crate::oai::NOT_OAI_PMH, message).at(at));
    item
}

/// The kind, name and namespace of a metadata document's root element, by the rule the
/// splitter applies to a record's metadata element.
fn classify(bytes: &[u8]) -> (MetadataKind, String, Option<String>) {
    let mut reader = NsReader::from_reader(bytes);
    let mut buffer = Vec::new();
    loop {
        match reader.read_resolved_event_into(&mut buffer) {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => {
                let uri = match ns {
                    ResolveResult::Bound(ns) => Some(ns.into_inner().to_owned()),
                    _ => None,
                };
                let qname = e.name().into_inner().to_owned();
                let local = e.local_name().into_inner().to_owned();
                let kind = match (uri.as_deref(), local.as_str()) {
                    (Some(OAI_DC), _) => MetadataKind::DublinCore,
                    (uri, "dc") if !matches!(uri, Some(DC_ELEMENTS | DC_TERMS | OAI_PMH)) => MetadataKind::DublinCore,
                    (uri, "resource") if uri.is_none_or(|u| u.starts_with(DATACITE_KERNEL)) => MetadataKind::DataCite,
                    _ => MetadataKind::Other,
                };
                return (kind, qname, uri);
            }
            Ok((_, Event::Eof)) | Err(_) => return (MetadataKind::Other, String::new(), None),
            Ok(_) => buffer.clear(),
        }
    }
}

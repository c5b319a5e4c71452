//! A Dublin Core document read into its fields: the root (`oai_dc:dc`, or a bare `dc`,
//! `metadata` or `record` wrapper), and each `dc:` or `dcterms:` element in document order with
//! its text, language, encoding scheme (`xsi:type`) and position. What is not Dublin Core is
//! reported here; what the fields mean is the mapping's business (`map.rs`).

use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location};

use crate::xml::{Ev, XmlReader, XML_NS, XSI_NS};
use crate::{quote, NOT_DUBLIN_CORE, UNEXPECTED_TEXT, UNKNOWN_ATTRIBUTE, UNKNOWN_ELEMENT};

/// Dublin Core's fifteen elements (`dc:`).
pub const DC_ELEMENTS: &str = "http://purl.org/dc/elements/1.1/";
/// DCMI Metadata Terms (`dcterms:`).
pub const DC_TERMS: &str = "http://purl.org/dc/terms/";
/// The `oai_dc` container of OAI-PMH.
pub const OAI_DC: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
/// OAI-PMH itself.
pub(crate) const OAI_PMH: &str = "http://www.openarchives.org/OAI/2.0/";

/// Names of the elements that wrap a record's Dublin Core elements (in any namespace but
/// Dublin Core's own): the root, and wrappers inside it, which are read through.
pub(crate) const WRAPPERS: &[&str] = &["dc", "qualifieddc", "metadata", "record"];

/// Which vocabulary a field is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vocab {
    /// `http://purl.org/dc/elements/1.1/`.
    Elements,
    /// `http://purl.org/dc/terms/`.
    Terms,
}

impl Vocab {
    fn of(uri: Option<&str>) -> Option<Vocab> {
        // The namespaces are also met without their final slash.
        match uri?.trim_end_matches('/') {
            "http://purl.org/dc/elements/1.1" => Some(Vocab::Elements),
            "http://purl.org/dc/terms" => Some(Vocab::Terms),
            _ => None,
        }
    }
}

/// One Dublin Core element.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub(crate) vocab: Vocab,
    /// The local name (`title`, `abstract`).
    pub(crate) name: String,
    /// The name as written (`dc:title`).
    pub(crate) qname: String,
    /// The text, as written (references resolved).
    pub(crate) text: String,
    /// `xml:lang`, its own or inherited.
    pub(crate) lang: Option<String>,
    /// `xsi:type` as written (`dcterms:W3CDTF`), with its local name when its prefix is
    /// DCMI Terms' (`W3CDTF`).
    pub(crate) scheme: Option<(String, Option<String>)>,
    pub(crate) line: u32,
    pub(crate) column: u32,
    pub(crate) path: String,
}

impl Field {
    /// The location of the element.
    pub(crate) fn location(&self) -> Location {
        Location::at(self.line, self.column).with_path(self.path.clone())
    }

    /// The encoding scheme's DCMI Terms name (`W3CDTF`, `DDC`), if it names one.
    pub(crate) fn scheme_term(&self) -> Option<&str> {
        self.scheme.as_ref().and_then(|(_, term)| term.as_deref())
    }
}

/// The root of a document.
#[derive(Clone, Debug)]
pub(crate) struct Root {
    pub(crate) qname: String,
    pub(crate) uri: Option<String>,
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// A document read into fields.
#[derive(Default)]
pub(crate) struct Doc {
    pub(crate) root: Option<Root>,
    /// False when the root is not a Dublin Core record (reported).
    pub(crate) is_dc: bool,
    pub(crate) fields: Vec<Field>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// An open element while reading.
struct Frame {
    path: String,
    counts: Vec<(String, u32)>,
    lang: Option<String>,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The root or a wrapper: holds fields.
    Container,
    /// A field (index into `fields`).
    Field(usize),
    /// Inside a field, or an element that is not read: nothing below it is read.
    Skip,
}

impl Frame {
    fn child_path(&mut self, qname: &str) -> String {
        let index = match self.counts.iter_mut().find(|(name, _)| name == qname) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.push((qname.to_owned(), 1));
                1
            }
        };
        if index > 1 {
            format!("{}/{qname}[{index}]", self.path)
        } else {
            format!("{}/{qname}", self.path)
        }
    }
}

/// Reads a whole document.
pub(crate) fn read<R: BufRead>(xml: &mut XmlReader<R>) -> Doc {
    let mut doc = Doc::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut stopped = false;
    loop {
        let event = xml.next_event();
        let at_eof = matches!(event, Ev::Eof);
        if !stopped {
            handle(&mut doc, &mut frames, event, &mut stopped);
        }
        for mut d in xml.take_diagnostics() {
            if d.location.path.is_none() {
                d.location.path = frames.last().map(|f| f.path.clone()).filter(|p| !p.is_empty());
            }
            doc.diagnostics.push(d);
        }
        // Once the root says the input is not Dublin Core, the rest is not read.
        if at_eof || stopped {
            break;
        }
    }
    doc
}

fn handle(doc: &mut Doc, frames: &mut Vec<Frame>, event: Ev, stopped: &mut bool) {
    match event {
        Ev::Start(element) => {
            let lang_attr = element.attrs.iter().find(|a| a.uri.as_deref() == Some(XML_NS) && a.local() == "lang");
            let inherited = frames.last().and_then(|f| f.lang.clone());
            let lang = lang_attr.map(|a| a.value.trim().to_owned()).filter(|l| !l.is_empty()).or(inherited);
            let Some(parent) = frames.last_mut() else {
                // The root.
                let path = format!("/{}", element.qname);
                doc.root = Some(Root {
                    qname: element.qname.to_string(),
                    uri: element.uri.as_deref().map(str::to_owned),
                    line: element.line,
                    column: element.column,
                });
                let location = Location::at(element.line, element.column).with_path(path.clone());
                if element.is(OAI_PMH, "OAI-PMH") || element.uri.as_deref() == Some(OAI_PMH) {
                    let message = format!(
                        "<{}> is an OAI-PMH response, not a Dublin Core record; read it as oai-pmh (--from oai-pmh), which reads each of its records",
                        element.qname
                    );
                    doc.diagnostics.push(Diagnostic::error(NOT_DUBLIN_CORE, message).at(location));
                    *stopped = true;
                    return;
                }
                let wrapper = Vocab::of(element.uri.as_deref()).is_none() && WRAPPERS.contains(&element.local());
                if !wrapper {
                    let message = format!(
                        "the root element <{}>{} is not a Dublin Core record (oai_dc:dc, or a dc, metadata or record element holding dc: elements); nothing is read",
                        element.qname,
                        element.uri.as_deref().map(|u| format!(" of namespace {u}")).unwrap_or_default()
                    );
                    doc.diagnostics.push(Diagnostic::error(NOT_DUBLIN_CORE, message).at(location));
                    *stopped = true;
                    return;
                }
                doc.is_dc = true;
                check_container_attributes(doc, &element.attrs, &location);
                frames.push(Frame { path, counts: Vec::new(), lang, kind: Kind::Container });
                return;
            };
            let path = parent.child_path(&element.qname);
            let location = Location::at(element.line, element.column).with_path(path.clone());
            let kind = match parent.kind {
                Kind::Skip => Kind::Skip,
                Kind::Field(i) => {
                    let name = doc.fields.get(i).map(|f| f.qname.clone()).unwrap_or_default();
                    let message = format!(
                        "element <{}> inside <{name}> is not read (a Dublin Core element holds text only)",
                        element.qname
                    );
                    doc.diagnostics.push(Diagnostic::warning(UNKNOWN_ELEMENT, message).at(location));
                    Kind::Skip
                }
                Kind::Container => match Vocab::of(element.uri.as_deref()) {
                    Some(vocab) => {
                        let scheme = field_attributes(doc, &element, &location);
                        doc.fields.push(Field {
                            vocab,
                            name: element.local().to_owned(),
                            qname: element.qname.to_string(),
                            text: String::new(),
                            lang: lang.clone(),
                            scheme,
                            line: element.line,
                            column: element.column,
                            path: path.clone(),
                        });
                        Kind::Field(doc.fields.len() - 1)
                    }
                    None if WRAPPERS.contains(&element.local()) => {
                        check_container_attributes(doc, &element.attrs, &location);
                        Kind::Container
                    }
                    None => {
                        let message = format!(
                            "element <{}>{} is not Dublin Core; not read",
                            element.qname,
                            element.uri.as_deref().map(|u| format!(" of namespace {u}")).unwrap_or_default()
                        );
                        doc.diagnostics.push(Diagnostic::warning(UNKNOWN_ELEMENT, message).at(location));
                        Kind::Skip
                    }
                },
            };
            frames.push(Frame { path, counts: Vec::new(), lang, kind });
        }
        Ev::End { .. } => {
            frames.pop();
        }
        Ev::Text { text, line, column } => match frames.last().map(|f| (f.kind, f.path.clone())) {
            Some((Kind::Field(i), _)) => {
                if let Some(field) = doc.fields.get_mut(i) {
                    field.text.push_str(&text);
                }
            }
            Some((Kind::Container, path)) if !text.trim().is_empty() => {
                let message = format!("text {} stands where only elements belong; not read", quote(text.trim()));
                doc.diagnostics
                    .push(Diagnostic::warning(UNEXPECTED_TEXT, message).at(Location::at(line, column).with_path(path)));
            }
            None if !text.trim().is_empty() => {
                let message = format!("text {} stands outside the root element; not read", quote(text.trim()));
                doc.diagnostics.push(Diagnostic::warning(UNEXPECTED_TEXT, message).at(Location::at(line, column)));
            }
            _ => {}
        },
        Ev::Eof => {}
    }
}

/// The attributes of the root or a wrapper: `xml:lang` (inherited by the fields) and XML
/// Schema's `xsi:schemaLocation` are understood; anything else is reported.
fn check_container_attributes(doc: &mut Doc, attrs: &[crate::xml::Attr], location: &Location) {
    for attribute in attrs {
        let understood = match attribute.uri.as_deref() {
            Some(XML_NS) => attribute.local() == "lang",
            Some(XSI_NS) => matches!(attribute.local(), "schemaLocation" | "noNamespaceSchemaLocation"),
            _ => false,
        };
        if !understood {
            let message = format!("attribute {}={} is not read", attribute.qname, quote(&attribute.value));
            doc.diagnostics.push(Diagnostic::warning(UNKNOWN_ATTRIBUTE, message).at(location.clone()));
        }
    }
}

/// A field's attributes: `xml:lang` (read by the caller) and `xsi:type` (the encoding scheme,
/// returned); anything else is reported.
fn field_attributes(
    doc: &mut Doc,
    element: &crate::xml::Element,
    location: &Location,
) -> Option<(String, Option<String>)> {
    let mut scheme = None;
    for attribute in &element.attrs {
        match (attribute.uri.as_deref(), attribute.local()) {
            (Some(XML_NS), "lang") => {}
            (Some(XSI_NS), "type") => {
                let value = attribute.value.trim();
                // `dcterms:W3CDTF`: the prefix is bound in the document; its binding decides.
                // `dcterms:W3CDTF`: the namespace bound to the prefix decides; an unbound
                // `dcterms:` is taken at its word.
                let term = value.split_once(':').and_then(|(prefix, local)| {
                    let terms = match attribute.value_uri.as_deref() {
                        Some(uri) => Vocab::of(Some(uri)) == Some(Vocab::Terms),
                        None => prefix == "dcterms",
                    };
                    terms.then(|| local.to_owned())
                });
                scheme = Some((value.to_owned(), term));
            }
            _ => {
                let message = format!(
                    "attribute {}={} on <{}> is not read",
                    attribute.qname,
                    quote(&attribute.value),
                    element.qname
                );
                doc.diagnostics.push(Diagnostic::warning(UNKNOWN_ATTRIBUTE, message).at(location.clone()));
            }
        }
    }
    scheme
}

//! OAI-PMH responses (`http://www.openarchives.org/OAI/2.0/`) split into their records, streamed:
//! [`Splitter`] reads a `ListRecords` or `GetRecord` response (or a bare `record`) event by
//! event and yields one [`Item`] per `<record>`, in order, holding at most two records at a
//! time whatever the size of the response. Each item has its [`Header`] (identifier, datestamp,
//! sets, deleted or not) and its metadata as bytes with their kind ([`Metadata`]): Dublin Core
//! (`oai_dc`), DataCite XML (`oai_datacite`'s payload, or a `resource` of metadataPrefix
//! `datacite`), or another format. The bytes are the metadata element exactly as the response
//! holds it (decoded to UTF-8), a document of its own: namespaces it inherits from the envelope
//! are declared on it.
//!
//! What the response says besides its records is there once the splitter has given its last
//! item: the `resumptionToken` ([`Splitter::resumption`]), the protocol errors
//! ([`Splitter::errors`]: `noRecordsMatch` means no records, not a failure), the request
//! ([`Splitter::response`]).
//!
//! ```
//! use crosswalk_dublincore::oai::{MetadataKind, Splitter};
//!
//! let response = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
//!   <responseDate>2024-05-01T12:00:00Z</responseDate>
//!   <request verb="ListRecords" metadataPrefix="oai_dc">https://repo.example.org/oai</request>
//!   <ListRecords>
//!     <record><header><identifier>oai:repo:1</identifier><datestamp>2024-01-02</datestamp></header>
//!       <metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
//!           xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>One</dc:title></oai_dc:dc></metadata></record>
//!     <record><header status="deleted"><identifier>oai:repo:2</identifier><datestamp>2024-01-03</datestamp></header></record>
//!     <resumptionToken completeListSize="3" cursor="0">page-2</resumptionToken>
//!   </ListRecords>
//! </OAI-PMH>"#;
//! let mut splitter = Splitter::new(&response[..]);
//! let items: Vec<_> = splitter.by_ref().collect();
//! assert_eq!(items.len(), 2);
//! assert_eq!(items[0].header.identifier.as_deref(), Some("oai:repo:1"));
//! assert_eq!(items[0].metadata().map(|m| m.kind), Some(MetadataKind::DublinCore));
//! assert!(items[1].header.deleted);
//! let resumption = splitter.resumption().unwrap();
//! assert_eq!(resumption.token.as_deref(), Some("page-2"));
//! assert_eq!(resumption.complete_list_size, Some(3));
//! assert!(splitter.errors().is_empty());
//!
//! // Each item becomes a record; the caller supplies the DataCite XML reader.
//! let record = items.into_iter().next().unwrap().into_record(|_| unreachable!("no DataCite here"));
//! assert_eq!(record.resource.titles[0].title, "One");
//! assert_eq!(record.origin.key.as_deref(), Some("oai:repo:1"));
//! ```

use std::collections::VecDeque;
use std::io::BufRead;

use crosswalk_model::{Diagnostic, Location, Record};

use crate::doc::{DC_ELEMENTS, DC_TERMS, OAI_DC, OAI_PMH};
use crate::xml::{Element, Ev, Offset, XmlReader};
use crate::{quote, MISSING_ELEMENT, UNEXPECTED_TEXT, UNKNOWN_ATTRIBUTE, UNKNOWN_ELEMENT};

/// The OAI-PMH 2.0 namespace.
pub const OAI_PMH_NS: &str = OAI_PMH;
/// The namespace of DataCite's OAI-PMH envelope (`oai_datacite`).
pub const OAI_DATACITE: &str = "http://schema.datacite.org/oai/oai-1.1/";
/// The namespace every DataCite kernel shares up to its version.
pub const DATACITE_KERNEL: &str = "http://datacite.org/schema/kernel-";

/// Code: the root element is not an OAI-PMH response.
pub const NOT_OAI_PMH: &str = "oai.not-oai-pmh";
/// Code: the response holds an OAI-PMH error.
pub const PROTOCOL_ERROR: &str = "oai.error";
/// Code: the response is of a verb that returns no records.
pub const VERB: &str = "oai.verb";
/// Code: a `ListRecords` without records and without `noRecordsMatch`.
pub const EMPTY: &str = "oai.empty";
/// Code: a record is deleted: it has no metadata.
pub const DELETED: &str = "oai.deleted";
/// Code: a record has no metadata and is not deleted.
pub const NO_METADATA: &str = "oai.no-metadata";
/// Code: a record's metadata is in a format Crosswalk does not read from OAI-PMH.
pub const METADATA_FORMAT: &str = "oai.metadata-format";
/// Code: a record's metadata is larger than [`crate::MAX_CAPTURE`].
pub const TOO_LARGE: &str = "oai.record-too-large";
/// Code: the list continues on another page (a `resumptionToken`).
pub const LIST_CONTINUES: &str = "oai.list-continues";

/// What kind of metadata a record holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetadataKind {
    /// Dublin Core: `oai_dc:dc` (metadataPrefix `oai_dc`), read by [`crate::read`].
    DublinCore,
    /// DataCite XML: the `resource` in `oai_datacite`'s `payload` (metadataPrefix
    /// `oai_datacite`), or a `resource` of a DataCite kernel (metadataPrefix `datacite`).
    DataCite,
    /// Anything else (MODS, MARCXML, METS …): not read.
    Other,
}

/// A record's metadata: one element of the response, as bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// What it is.
    pub kind: MetadataKind,
    /// The element's name as written (`oai_dc:dc`, `resource`).
    pub element: String,
    /// The element's namespace.
    pub namespace: Option<String>,
    /// The element, exactly as the response holds it but decoded to UTF-8, with the namespace
    /// declarations it inherits from the envelope added to its start tag: a document of its own.
    pub bytes: Vec<u8>,
    /// The 1-based line of the element's `<` in the response.
    pub line: u32,
    /// The 1-based column of the element's `<` in the response.
    pub column: u32,
    /// The element's path in the response (`/OAI-PMH/ListRecords/record[2]/metadata/oai_dc:dc`).
    pub path: String,
    /// `oai_datacite`'s own elements (`schemaVersion`, `datacentreSymbol`, …) with their text.
    pub envelope: Vec<(String, String)>,
    /// Where `bytes` stand in the response, and where declarations were added to them.
    pub(crate) offset: Offset,
}

impl Metadata {
    /// Moves a position in [`Metadata::bytes`] to its place in the response.
    ///
    /// ```
    /// # use crosswalk_dublincore::oai::Splitter;
    /// let response = "<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><GetRecord><record>\n<header><identifier>x</identifier></header>\n<metadata>  <resource xmlns='http://datacite.org/schema/kernel-4'><titles/></resource></metadata></record></GetRecord></OAI-PMH>";
    /// let item = Splitter::new(response.as_bytes()).next().unwrap();
    /// let metadata = item.metadata().unwrap();
    /// assert_eq!((metadata.line, metadata.column), (3, 13));
    /// // `<titles/>` is at 1:57 of the bytes: 3:69 of the response.
    /// assert_eq!(metadata.place(1, 57), (3, 69));
    /// ```
    pub fn place(&self, line: u32, column: u32) -> (u32, u32) {
        self.offset.place(line, column)
    }

    /// Moves a diagnostic of the bytes' reader to the response.
    fn place_diagnostic(&self, d: &mut Diagnostic) {
        if let Some(line) = d.location.line {
            let (l, c) = self.place(line, d.location.column.unwrap_or(0));
            d.location.line = Some(l);
            d.location.column = d.location.column.map(|_| c);
        }
    }
}

/// A record's header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The record's unique identifier (`oai:repo.example.org:123`).
    pub identifier: Option<String>,
    /// When the record was created, changed or deleted (`YYYY-MM-DD` or with a time).
    pub datestamp: Option<String>,
    /// The sets the record belongs to (`setSpec`).
    pub sets: Vec<String>,
    /// `status="deleted"`: the record is gone and has no metadata.
    pub deleted: bool,
    /// The 1-based line of `<header>`.
    pub line: u32,
    /// The 1-based column of `<header>`.
    pub column: u32,
}

/// What a record holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// Its metadata.
    Metadata(Metadata),
    /// Nothing: the record is deleted (its header says `status="deleted"`).
    Deleted,
    /// Nothing, though it is not deleted (a broken response).
    Missing,
    /// Metadata larger than [`crate::MAX_CAPTURE`], not kept.
    TooLarge,
}

/// One `<record>` of a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its 0-based position in the response.
    pub index: usize,
    /// Its header.
    pub header: Header,
    /// Its metadata, or why there is none.
    pub content: Content,
    /// The 1-based line of `<record>`.
    pub line: u32,
    /// The 1-based column of `<record>`.
    pub column: u32,
    /// The path of `<record>` in the response.
    pub path: String,
    /// What the splitter says about the record's envelope (its header, the XML around it, and
    /// for the last record what follows it), in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Item {
    /// The metadata, when the record has some.
    pub fn metadata(&self) -> Option<&Metadata> {
        match &self.content {
            Content::Metadata(m) => Some(m),
            _ => None,
        }
    }

    /// The record: its metadata read (Dublin Core by this crate, DataCite XML by `datacite`, the
    /// caller's reader of one document), its diagnostics moved to their place in the response,
    /// `origin.key` the header's identifier and `origin.index` the item's; a failed record
    /// saying why when there is no metadata to read (deleted, missing, too large, another
    /// format).
    ///
    /// The record's `origin.document` is left out: its positions would be those of the bytes,
    /// not of the response (validation checks such a record as Crosswalk writes it).
    ///
    /// ```
    /// use crosswalk_dublincore::oai::Splitter;
    ///
    /// let response = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record>
    ///   <header><identifier>doi:10.5555/x</identifier></header>
    ///   <metadata><resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>X</title></titles></resource></metadata>
    /// </record></GetRecord></OAI-PMH>"#;
    /// let item = Splitter::new(&response[..]).next().unwrap();
    /// // The caller's DataCite XML reader (the facade gives crosswalk_datacite::xml::read).
    /// let record = item.into_record(|bytes| {
    ///     assert!(bytes.starts_with(b"<resource xmlns=\"http://datacite.org/schema/kernel-4\""));
    ///     crosswalk_model::Record::default()
    /// });
    /// assert_eq!(record.origin.key.as_deref(), Some("doi:10.5555/x"));
    /// ```
    pub fn into_record(self, datacite: impl FnOnce(&[u8]) -> Record) -> Record {
        let Item { index, header, content, line, column, path, diagnostics } = self;
        let id = header.identifier.clone();
        let named = || id.as_deref().map(|i| format!("record {}", quote(i))).unwrap_or_else(|| "the record".to_owned());
        let failed = |code: &'static str, message: String, at: Location| {
            let mut record = Record::failed(Diagnostic::error(code, message).at(at));
            record.origin.line = Some(line);
            record
        };
        let header_at = Location::at(header.line, header.column).with_path(format!("{path}/header"));
        let mut record = match content {
            Content::Deleted => {
                let when = header.datestamp.as_deref().map(|d| format!(" on {d}")).unwrap_or_default();
                let message = format!(
                    "{} was deleted{when} (its header says status=\"deleted\"): it has no metadata; not converted",
                    named()
                );
                failed(DELETED, message, header_at)
            }
            Content::Missing => {
                let message = format!(
                    "{} has no metadata (and its header does not say it is deleted); nothing to convert",
                    named()
                );
                failed(NO_METADATA, message, Location::at(line, column).with_path(path.clone()))
            }
            Content::TooLarge => {
                let message = format!(
                    "the metadata of {} is larger than {} MiB; not read",
                    named(),
                    crate::MAX_CAPTURE / (1024 * 1024)
                );
                failed(TOO_LARGE, message, Location::at(line, column).with_path(path.clone()))
            }
            Content::Metadata(metadata) => {
                let mut record = match metadata.kind {
                    // Read in place: its positions, also those in messages, are the response's.
                    MetadataKind::DublinCore => crate::read_placed(&metadata.bytes, metadata.offset),
                    MetadataKind::DataCite => {
                        let mut record = datacite(&metadata.bytes);
                        for d in &mut record.diagnostics {
                            metadata.place_diagnostic(d);
                        }
                        record
                    }
                    MetadataKind::Other => {
                        let message = format!(
                            "the metadata of {} is <{}>{}, which Crosswalk does not read from OAI-PMH (it reads oai_dc, oai_datacite and datacite); harvest with one of those metadataPrefixes",
                            named(),
                            metadata.element,
                            metadata.namespace.as_deref().map(|n| format!(" of namespace {n}")).unwrap_or_default()
                        );
                        let at = Location::at(metadata.line, metadata.column).with_path(metadata.path.clone());
                        failed(METADATA_FORMAT, message, at)
                    }
                };
                if metadata.kind != MetadataKind::Other {
                    record.origin.line = Some(metadata.line);
                    record.origin.document = None;
                }
                record
            }
        };
        record.origin.index = index;
        if id.is_some() {
            record.origin.key = id;
        }
        // The envelope's diagnostics before the record's own where they stand before them.
        let split = record.origin.line.unwrap_or(u32::MAX);
        let (before, after): (Vec<_>, Vec<_>) =
            diagnostics.into_iter().partition(|d| d.location.line.is_none_or(|l| l <= split));
        record.diagnostics.splice(0..0, before);
        record.diagnostics.extend(after);
        record
    }
}

/// The `resumptionToken` of a list response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resumption {
    /// The token to ask for the next page with; `None` (an empty element) on the last page.
    pub token: Option<String>,
    /// `completeListSize`: how many records the whole list has.
    pub complete_list_size: Option<u64>,
    /// `cursor`: how many records came before this page.
    pub cursor: Option<u64>,
    /// `expirationDate`: until when the token can be used.
    pub expiration_date: Option<String>,
    /// The 1-based line of `<resumptionToken>`.
    pub line: u32,
    /// The 1-based column of `<resumptionToken>`.
    pub column: u32,
}

impl Resumption {
    /// True when the list is complete (the token is empty).
    pub fn is_last_page(&self) -> bool {
        self.token.is_none()
    }
}

/// An OAI-PMH error of the response (`<error code="badResumptionToken">…</error>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OaiError {
    /// The protocol's code: `badArgument`, `badResumptionToken`, `badVerb`,
    /// `cannotDisseminateFormat`, `idDoesNotExist`, `noRecordsMatch`, `noMetadataFormats`,
    /// `noSetHierarchy`.
    pub code: String,
    /// The server's message.
    pub message: String,
    /// The 1-based line of `<error>`.
    pub line: u32,
    /// The 1-based column of `<error>`.
    pub column: u32,
}

impl OaiError {
    /// True for `noRecordsMatch`: the request is fine and matches no record.
    pub fn is_no_records_match(&self) -> bool {
        self.code == "noRecordsMatch"
    }
}

/// What the response says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Response {
    /// `responseDate`.
    pub response_date: Option<String>,
    /// The base URL of the repository (the text of `request`).
    pub base_url: Option<String>,
    /// The request's arguments (`verb`, `metadataPrefix`, `set`, `from`, `until`,
    /// `resumptionToken`, `identifier`), as the server echoes them.
    pub request: Vec<(String, String)>,
    /// The verb whose element the response holds (`ListRecords`, `GetRecord` …).
    pub verb: Option<String>,
}

impl Response {
    /// The value of a request argument.
    pub fn argument(&self, name: &str) -> Option<&str> {
        self.request.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// What an open element of the envelope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Root,
    Verb,
    Record,
    Header,
    Metadata,
    /// `oai_datacite` and its `payload`.
    DataciteEnvelope,
    DatacitePayload,
    /// The metadata element being kept as bytes.
    Captured,
    /// An element whose text is read.
    Text(TextOf),
    Skip,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TextOf {
    ResponseDate,
    Request,
    Error,
    Resumption,
    Identifier,
    Datestamp,
    SetSpec,
    Envelope,
}

struct Frame {
    role: Role,
    path: String,
    counts: Vec<(Box<str>, u32)>,
    text: String,
    /// The element's name, for `oai_datacite`'s own elements.
    name: Box<str>,
}

impl Frame {
    fn new(role: Role, path: String, name: &str) -> Self {
        Frame { role, path, counts: Vec::new(), text: String::new(), name: name.into() }
    }

    fn child_path(&mut self, qname: &str) -> String {
        let index = match self.counts.iter_mut().find(|(name, _)| &**name == qname) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.counts.push((qname.into(), 1));
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

/// A record being read.
struct Building {
    header: Header,
    header_seen: bool,
    content: Option<Content>,
    /// The metadata element being kept: its start (kind, name, namespace, position, path, added
    /// declarations) until its end.
    pending: Option<Metadata>,
    envelope: Vec<(String, String)>,
    line: u32,
    column: u32,
    path: String,
    diagnostics: Vec<Diagnostic>,
}

/// The streaming splitter (see the [module documentation](self)).
pub struct Splitter<R: BufRead> {
    xml: XmlReader<R>,
    frames: Vec<Frame>,
    building: Option<Building>,
    out: VecDeque<Item>,
    /// Diagnostics outside any record: they go to the next record, or after the end to the last.
    stray: Vec<Diagnostic>,
    next_index: usize,
    response: Response,
    resumption: Option<Resumption>,
    pending_resumption: Option<Resumption>,
    resumption_path: String,
    pending_error: Option<OaiError>,
    errors: Vec<OaiError>,
    root: Option<(String, Option<String>, u32, u32)>,
    is_oai: bool,
    done: bool,
    given: usize,
    failure_given: bool,
}

impl<R: BufRead> Splitter<R> {
    /// A splitter over `input` (UTF-8, UTF-16 with a byte-order mark, or a single-byte encoding
    /// the XML declaration names).
    pub fn new(input: R) -> Self {
        Splitter {
            xml: XmlReader::new(input),
            frames: Vec::new(),
            building: None,
            out: VecDeque::new(),
            stray: Vec::new(),
            next_index: 0,
            response: Response::default(),
            resumption: None,
            pending_resumption: None,
            resumption_path: String::new(),
            pending_error: None,
            errors: Vec::new(),
            root: None,
            is_oai: false,
            done: false,
            given: 0,
            failure_given: false,
        }
    }

    /// The response's date, request and verb, as far as read.
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// The `resumptionToken`, once read (it follows the last record: read every item first).
    pub fn resumption(&self) -> Option<&Resumption> {
        self.resumption.as_ref()
    }

    /// The OAI-PMH errors of the response, once read.
    pub fn errors(&self) -> &[OaiError] {
        &self.errors
    }

    /// True once the whole input was read.
    pub fn is_finished(&self) -> bool {
        self.done
    }

    /// After the last item: the failed record that accounts for a response that gave no item
    /// and is not an empty list (not OAI-PMH, not XML, an OAI-PMH error other than
    /// `noRecordsMatch`, a verb that returns no records, a `ListRecords` with neither records
    /// nor `noRecordsMatch`); `None` otherwise (and before the end). A response that says
    /// `noRecordsMatch` has no record and no failure. It is given once.
    ///
    /// ```
    /// use crosswalk_dublincore::oai::Splitter;
    ///
    /// let none = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="noRecordsMatch"/></OAI-PMH>"#;
    /// let mut splitter = Splitter::new(&none[..]);
    /// assert_eq!(splitter.by_ref().count(), 0);
    /// assert!(splitter.errors()[0].is_no_records_match());
    /// assert!(splitter.failure().is_none());
    ///
    /// let bad = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="badResumptionToken">expired</error></OAI-PMH>"#;
    /// let mut splitter = Splitter::new(&bad[..]);
    /// assert_eq!(splitter.by_ref().count(), 0);
    /// let failed = splitter.failure().unwrap();
    /// assert_eq!(failed.diagnostics[0].code, "oai.error");
    /// ```
    pub fn failure(&mut self) -> Option<Record> {
        if !self.done || self.given > 0 || !self.out.is_empty() || self.failure_given {
            return None;
        }
        self.failure_given = true;
        let stray = std::mem::take(&mut self.stray);
        let root_at = self
            .root
            .as_ref()
            .map(|(qname, _, line, column)| Location::at(*line, *column).with_path(format!("/{qname}")))
            .unwrap_or_default();
        let mut record = if let Some((qname, uri, _, _)) = self.root.as_ref().filter(|_| !self.is_oai) {
            let message = format!(
                "the root element <{qname}>{} is not an OAI-PMH response (OAI-PMH in {OAI_PMH}); nothing is read",
                uri.as_deref().map(|u| format!(" of namespace {u}")).unwrap_or_default()
            );
            Record::failed(Diagnostic::error(NOT_OAI_PMH, message).at(root_at))
        } else if self.root.is_none() {
            match stray.iter().position(Diagnostic::is_error) {
                Some(_) => Record::default(),
                None => Record::failed(
                    Diagnostic::error(crate::MALFORMED, "the input holds no XML element").at(Location::at(1, 1)),
                ),
            }
        } else if self.errors.iter().any(|e| !e.is_no_records_match()) {
            let mut record = Record::default();
            for e in self.errors.iter().filter(|e| !e.is_no_records_match()) {
                let message = if e.message.is_empty() {
                    format!("the repository answered with the OAI-PMH error {}; no record", e.code)
                } else {
                    format!(
                        "the repository answered with the OAI-PMH error {}: {}; no record",
                        e.code,
                        quote(&e.message)
                    )
                };
                let at = Location::at(e.line, e.column).with_path(self.error_path());
                record.diagnostics.push(Diagnostic::error(PROTOCOL_ERROR, message).at(at));
            }
            record
        } else if !self.errors.is_empty() {
            // noRecordsMatch: nothing to account for.
            self.stray = stray;
            return None;
        } else if let Some(verb) = self.response.verb.as_deref().filter(|v| !matches!(*v, "ListRecords" | "GetRecord"))
        {
            let message = format!(
                "an OAI-PMH {verb} response holds no records (only ListRecords and GetRecord do); nothing to read"
            );
            Record::failed(Diagnostic::error(VERB, message).at(root_at))
        } else if self.resumption.is_some() {
            // An empty last page: no records, and nothing wrong.
            self.stray = stray;
            return None;
        } else {
            let message = "the response holds no record and no noRecordsMatch error".to_owned();
            Record::failed(Diagnostic::error(EMPTY, message).at(root_at))
        };
        record.diagnostics.splice(0..0, stray);
        record.origin.line = self.root.as_ref().map(|r| r.2);
        Some(record)
    }

    fn error_path(&self) -> String {
        self.root.as_ref().map(|(q, _, _, _)| format!("/{q}/error")).unwrap_or_default()
    }

    /// Adds a diagnostic to the record being read, or to the stray ones.
    fn diagnostic(&mut self, mut d: Diagnostic) {
        if d.location.path.is_none() && d.location.line.is_some() {
            d.location.path = self.frames.last().map(|f| f.path.clone()).filter(|p| !p.is_empty());
        }
        match &mut self.building {
            Some(b) => b.diagnostics.push(d),
            None => self.stray.push(d),
        }
    }

    fn step(&mut self) {
        let event = self.xml.next_event();
        let capturing = self.xml.is_capturing();
        let eof = matches!(event, Ev::Eof);
        match event {
            Ev::Start(element) => self.start(element),
            Ev::End { line, column } => self.end(line, column),
            Ev::Text { text, line, column } => self.text(text, line, column),
            Ev::Eof => {}
        }
        for d in self.xml.take_diagnostics() {
            // What the tokenizer says inside kept metadata, the metadata's reader says again
            // from the bytes (with the same positions); only the decoding is not seen twice.
            if capturing && !d.code.starts_with("input.") {
                continue;
            }
            self.diagnostic(d);
        }
        // Not OAI-PMH: nothing more to read (the failure says what the root is).
        if eof || (self.root.is_some() && !self.is_oai) {
            self.finish();
        }
    }

    fn start(&mut self, element: Element) {
        let Some(parent) = self.frames.last_mut() else {
            self.root(element);
            return;
        };
        let parent_role = parent.role;
        let path = parent.child_path(&element.qname);
        let oai = element.uri.as_deref() == Some(OAI_PMH);
        let local = element.local().to_owned();
        let role = match parent_role {
            Role::Captured | Role::Skip | Role::Text(_) => {
                if let Role::Text(_) = parent_role {
                    let message = format!("element <{}> inside a text element is not read", element.qname);
                    self.diagnostic(Diagnostic::warning(UNKNOWN_ELEMENT, message).at(at(&element, &path)));
                    Role::Skip
                } else {
                    parent_role
                }
            }
            Role::Root if oai => match local.as_str() {
                "responseDate" => Role::Text(TextOf::ResponseDate),
                "request" => {
                    self.response.request = element
                        .attrs
                        .iter()
                        .filter(|a| a.uri.is_none())
                        .map(|a| (a.qname.to_string(), a.value.clone()))
                        .collect();
                    Role::Text(TextOf::Request)
                }
                "error" => {
                    let code =
                        element.attrs.iter().find(|a| a.qname.as_ref() == "code").map(|a| a.value.trim().to_owned());
                    self.pending_error = Some(OaiError {
                        code: code.unwrap_or_default(),
                        message: String::new(),
                        line: element.line,
                        column: element.column,
                    });
                    Role::Text(TextOf::Error)
                }
                "ListRecords" | "GetRecord" | "ListIdentifiers" | "Identify" | "ListSets" | "ListMetadataFormats" => {
                    self.response.verb = Some(local.clone());
                    if matches!(local.as_str(), "ListRecords" | "GetRecord") {
                        Role::Verb
                    } else {
                        Role::Skip
                    }
                }
                _ => self.unknown(&element, &path),
            },
            Role::Verb if oai && local == "record" => {
                self.begin_record(&element, &path);
                Role::Record
            }
            Role::Verb if oai && local == "resumptionToken" => {
                let number = |name: &str| {
                    element
                        .attrs
                        .iter()
                        .find(|a| a.qname.as_ref() == name)
                        .and_then(|a| a.value.trim().parse::<u64>().ok())
                };
                let expiration = element
                    .attrs
                    .iter()
                    .find(|a| a.qname.as_ref() == "expirationDate")
                    .map(|a| a.value.trim().to_owned());
                self.pending_resumption = Some(Resumption {
                    token: None,
                    complete_list_size: number("completeListSize"),
                    cursor: number("cursor"),
                    expiration_date: expiration,
                    line: element.line,
                    column: element.column,
                });
                self.resumption_path = path.clone();
                Role::Text(TextOf::Resumption)
            }
            Role::Record if oai && local == "header" => {
                self.header(&element, &path);
                Role::Header
            }
            Role::Record if oai && local == "metadata" => {
                if let Some(b) = &mut self.building {
                    if b.content.is_none() && b.pending.is_none() {
                        self.xml.want_scope(true);
                    }
                }
                Role::Metadata
            }
            // Statements about the metadata (its provenance, its rights): not the resource's.
            Role::Record if oai && local == "about" => Role::Skip,
            Role::Header if oai && local == "identifier" => Role::Text(TextOf::Identifier),
            Role::Header if oai && local == "datestamp" => Role::Text(TextOf::Datestamp),
            Role::Header if oai && local == "setSpec" => Role::Text(TextOf::SetSpec),
            Role::Metadata => self.metadata_element(element, &path),
            Role::DataciteEnvelope if element.uri.as_deref() == Some(OAI_DATACITE) => {
                if local == "payload" {
                    Role::DatacitePayload
                } else {
                    Role::Text(TextOf::Envelope)
                }
            }
            Role::DatacitePayload => self.metadata_element(element, &path),
            _ => self.unknown(&element, &path),
        };
        self.frames.push(Frame::new(role, path, &local));
    }

    /// The root decides what the input is.
    fn root(&mut self, element: Element) {
        let path = format!("/{}", element.qname);
        self.root =
            Some((element.qname.to_string(), element.uri.as_deref().map(str::to_owned), element.line, element.column));
        let oai = element.uri.as_deref() == Some(OAI_PMH);
        let role = match element.local() {
            "OAI-PMH" if oai => Role::Root,
            // A record saved on its own.
            "record" if oai => {
                self.begin_record(&element, &path);
                Role::Record
            }
            _ => Role::Skip,
        };
        self.is_oai = role != Role::Skip;
        self.frames.push(Frame::new(role, path, element.local()));
    }

    fn unknown(&mut self, element: &Element, path: &str) -> Role {
        let message = format!(
            "element <{}>{} has no place in the OAI-PMH envelope here; not read",
            element.qname,
            element.uri.as_deref().map(|u| format!(" of namespace {u}")).unwrap_or_default()
        );
        self.diagnostic(Diagnostic::warning(UNKNOWN_ELEMENT, message).at(at(element, path)));
        Role::Skip
    }

    fn begin_record(&mut self, element: &Element, path: &str) {
        self.building = Some(Building {
            header: Header::default(),
            header_seen: false,
            content: None,
            pending: None,
            envelope: Vec::new(),
            line: element.line,
            column: element.column,
            path: path.to_owned(),
            diagnostics: std::mem::take(&mut self.stray),
        });
    }

    fn header(&mut self, element: &Element, path: &str) {
        let mut problems = Vec::new();
        if let Some(b) = &mut self.building {
            b.header_seen = true;
            b.header.line = element.line;
            b.header.column = element.column;
            for attribute in &element.attrs {
                match (attribute.uri.as_deref(), attribute.qname.as_ref(), attribute.value.trim()) {
                    (None, "status", "deleted") => b.header.deleted = true,
                    (None, "status", other) => problems
                        .push(format!("status={} is not OAI-PMH's (only \"deleted\" is); not read", quote(other))),
                    _ => {
                        problems.push(format!("attribute {}={} is not read", attribute.qname, quote(&attribute.value)))
                    }
                }
            }
        }
        for message in problems {
            self.diagnostic(Diagnostic::warning(UNKNOWN_ATTRIBUTE, message).at(at(element, path)));
        }
    }

    /// The element that is a record's metadata (in `<metadata>`, or in `oai_datacite`'s payload).
    fn metadata_element(&mut self, element: Element, path: &str) -> Role {
        self.xml.want_scope(false);
        let taken = self.building.as_ref().is_none_or(|b| b.content.is_some() || b.pending.is_some());
        if taken {
            let message = format!("<metadata> holds one element; <{}> after the first is not read", element.qname);
            self.diagnostic(Diagnostic::warning(UNKNOWN_ELEMENT, message).at(at(&element, path)));
            return Role::Skip;
        }
        let uri = element.uri.as_deref();
        let local = element.local();
        if uri == Some(OAI_DATACITE) && local == "oai_datacite" {
            // The envelope: its payload's resource is the metadata; it may be declared far up.
            self.xml.want_scope(true);
            return Role::DataciteEnvelope;
        }
        let kind = if uri == Some(OAI_DC) || (local == "dc" && !matches!(uri, Some(DC_ELEMENTS | DC_TERMS | OAI_PMH))) {
            MetadataKind::DublinCore
        } else if local == "resource" && uri.is_none_or(|u| u.starts_with(DATACITE_KERNEL)) {
            MetadataKind::DataCite
        } else {
            MetadataKind::Other
        };
        let prefix_text = declarations(element.inherited.as_deref().unwrap_or_default());
        self.xml.capture();
        if let Some(b) = &mut self.building {
            b.pending = Some(Metadata {
                kind,
                element: element.qname.to_string(),
                namespace: element.uri.as_deref().map(str::to_owned),
                bytes: prefix_text.into_bytes(),
                line: element.line,
                column: element.column,
                path: path.to_owned(),
                envelope: std::mem::take(&mut b.envelope),
                offset: Offset { line: element.line, column: element.column, added: None, flat: false },
            });
        }
        Role::Captured
    }

    fn end(&mut self, line: u32, column: u32) {
        let Some(frame) = self.frames.pop() else { return };
        match frame.role {
            Role::Captured if self.frames.last().is_some_and(|f| f.role != Role::Captured) => self.end_captured(),
            Role::Text(of) => self.end_text(of, frame),
            Role::Record => self.end_record(),
            Role::Metadata => self.xml.want_scope(false),
            Role::DataciteEnvelope => {
                let missing = self.building.as_ref().is_some_and(|b| b.content.is_none() && b.pending.is_none());
                if missing {
                    let message = "oai_datacite holds no payload with a resource".to_owned();
                    let at = Location::at(line, column).with_path(frame.path.clone());
                    self.diagnostic(Diagnostic::warning(MISSING_ELEMENT, message).at(at));
                }
            }
            _ => {}
        }
    }

    fn end_captured(&mut self) {
        let captured = self.xml.captured();
        let Some(b) = &mut self.building else { return };
        let Some(mut metadata) = b.pending.take() else { return };
        match captured {
            Ok(bytes) => {
                let declared = String::from_utf8_lossy(&std::mem::take(&mut metadata.bytes)).into_owned();
                metadata.bytes = insert_declarations(bytes, &declared, &mut metadata.offset.added);
                b.content = Some(Content::Metadata(metadata));
            }
            Err(()) => b.content = Some(Content::TooLarge),
        }
    }

    fn end_text(&mut self, of: TextOf, frame: Frame) {
        let text = frame.text.trim().to_owned();
        let value = (!text.is_empty()).then(|| text.clone());
        match of {
            TextOf::ResponseDate => self.response.response_date = value,
            TextOf::Request => self.response.base_url = value,
            TextOf::Error => {
                if let Some(mut e) = self.pending_error.take() {
                    e.message = text;
                    self.errors.push(e);
                }
            }
            TextOf::Resumption => {
                if let Some(mut r) = self.pending_resumption.take() {
                    r.token = value;
                    self.resumption = Some(r);
                }
            }
            TextOf::Identifier | TextOf::Datestamp | TextOf::SetSpec | TextOf::Envelope => {
                let Some(b) = &mut self.building else { return };
                match of {
                    TextOf::Identifier => b.header.identifier = value,
                    TextOf::Datestamp => b.header.datestamp = value,
                    TextOf::SetSpec => b.header.sets.extend(value),
                    _ => b.envelope.push((frame.name.to_string(), text)),
                }
            }
        }
    }

    fn end_record(&mut self) {
        self.xml.want_scope(false);
        let Some(mut b) = self.building.take() else { return };
        if b.pending.take().is_some() {
            // The metadata did not end inside the record (a broken response).
            let _ = self.xml.captured();
        }
        let record_at = Location::at(b.line, b.column).with_path(b.path.clone());
        if !b.header_seen {
            b.diagnostics
                .push(Diagnostic::warning(MISSING_ELEMENT, "the record has no <header>").at(record_at.clone()));
        } else if b.header.identifier.is_none() {
            let at = Location::at(b.header.line, b.header.column).with_path(format!("{}/header", b.path));
            b.diagnostics.push(Diagnostic::warning(MISSING_ELEMENT, "the record's header has no <identifier>").at(at));
        }
        let content = match b.content.take() {
            Some(content) => {
                if b.header.deleted {
                    let message =
                        "the header says the record is deleted, yet it has metadata; the metadata is read".to_owned();
                    b.diagnostics.push(Diagnostic::warning(MISSING_ELEMENT, message).at(record_at));
                }
                content
            }
            None if b.header.deleted => Content::Deleted,
            None => Content::Missing,
        };
        let item = Item {
            index: self.next_index,
            header: b.header,
            content,
            line: b.line,
            column: b.column,
            path: b.path,
            diagnostics: b.diagnostics,
        };
        self.next_index += 1;
        self.out.push_back(item);
    }

    fn text(&mut self, text: String, line: u32, column: u32) {
        let Some(frame) = self.frames.last_mut() else {
            if !text.trim().is_empty() {
                let message = format!("text {} stands outside the root element; not read", quote(text.trim()));
                self.diagnostic(Diagnostic::warning(UNEXPECTED_TEXT, message).at(Location::at(line, column)));
            }
            return;
        };
        match frame.role {
            Role::Text(_) => frame.text.push_str(&text),
            Role::Captured | Role::Skip => {}
            _ if text.trim().is_empty() => {}
            _ => {
                let path = frame.path.clone();
                let message = format!("text {} stands where only elements belong; not read", quote(text.trim()));
                self.diagnostic(
                    Diagnostic::warning(UNEXPECTED_TEXT, message).at(Location::at(line, column).with_path(path)),
                );
            }
        }
    }

    /// The input ended: what is left goes to the last record.
    fn finish(&mut self) {
        self.done = true;
        if let Some(b) = &self.building {
            // Broken off inside a record (the tokenizer closed it): end it as it stands.
            let _ = b;
            self.end_record();
        }
        if let Some(resumption) = &self.resumption {
            if let (Some(token), Some(last)) = (&resumption.token, self.out.back_mut()) {
                let of = match (resumption.cursor, resumption.complete_list_size) {
                    (Some(cursor), Some(size)) => format!(" (this page follows {cursor} of the list's {size} records)"),
                    (None, Some(size)) => format!(" (the list has {size} records)"),
                    _ => String::new(),
                };
                let message = format!(
                    "the list continues beyond this response{of}: the next page is asked for with resumptionToken {}",
                    quote(token)
                );
                let at = Location::at(resumption.line, resumption.column).with_path(self.resumption_path.clone());
                last.diagnostics.push(Diagnostic::info(LIST_CONTINUES, message).at(at));
            }
        }
        if let Some(last) = self.out.back_mut() {
            last.diagnostics.append(&mut self.stray);
        }
    }
}

impl<R: BufRead> Iterator for Splitter<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            // One item is held back so that what follows the last record can join it.
            if self.out.len() > 1 || (self.done && !self.out.is_empty()) {
                self.given += 1;
                return self.out.pop_front();
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }
}

fn at(element: &Element, path: &str) -> Location {
    Location::at(element.line, element.column).with_path(path.to_owned())
}

/// The namespace declarations to add to a kept element's start tag (` xmlns:p="uri"` …).
fn declarations(inherited: &[(Box<str>, Box<str>)]) -> String {
    let mut text = String::new();
    for (prefix, uri) in inherited.iter().filter(|(_, uri)| !uri.is_empty()) {
        let escaped = uri.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
        if prefix.is_empty() {
            text.push_str(&format!(" xmlns=\"{escaped}\""));
        } else {
            text.push_str(&format!(" xmlns:{prefix}=\"{escaped}\""));
        }
    }
    text
}

/// Puts `declarations` into the start tag that `bytes` begin with (before its `>` or `/>`),
/// recording where (`added`: line, column, characters).
fn insert_declarations(bytes: Vec<u8>, declarations: &str, added: &mut Option<(u32, u32, u32)>) -> Vec<u8> {
    if declarations.is_empty() {
        *added = None;
        return bytes;
    }
    // The end of the start tag: the first `>` outside a quoted attribute value.
    let mut quote_char: Option<u8> = None;
    let mut end = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote_char {
            Some(q) if b == q => quote_char = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote_char = Some(b),
            None if b == b'>' => {
                end = Some(i);
                break;
            }
            None => {}
        }
    }
    let Some(mut at) = end else {
        *added = None;
        return bytes;
    };
    if at > 0 && bytes.get(at - 1) == Some(&b'/') {
        at -= 1;
    }
    let before = bytes.get(..at).unwrap_or_default();
    let line = 1 + u32::try_from(before.iter().filter(|&&b| b == b'\n').count()).unwrap_or(u32::MAX);
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let on_line = before.get(line_start..).unwrap_or_default();
    let column = 1 + u32::try_from(on_line.iter().filter(|&&b| b & 0xC0 != 0x80).count()).unwrap_or(u32::MAX);
    let count = u32::try_from(declarations.chars().count()).unwrap_or(u32::MAX);
    *added = Some((line, column, count));
    let mut out = Vec::with_capacity(bytes.len() + declarations.len());
    out.extend_from_slice(before);
    out.extend_from_slice(declarations.as_bytes());
    out.extend_from_slice(bytes.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_go_before_the_end_of_the_start_tag() {
        let mut added = None;
        let out = insert_declarations(b"<a x='>'\n  y=\"1\"/>".to_vec(), " xmlns:p=\"u\"", &mut added);
        assert_eq!(String::from_utf8(out).unwrap(), "<a x='>'\n  y=\"1\" xmlns:p=\"u\"/>");
        assert_eq!(added, Some((2, 8, 12)));
        let out = insert_declarations(b"<a>text</a>".to_vec(), " xmlns=\"u\"", &mut added);
        assert_eq!(String::from_utf8(out).unwrap(), "<a xmlns=\"u\">text</a>");
        assert_eq!(added, Some((1, 3, 10)));
    }
}

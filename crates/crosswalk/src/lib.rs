//! Crosswalk's library facade: read research metadata in any supported format, convert it through
//! the DataCite 4.7 model, write it out, and build DataCite REST API payloads.
//!
//! This is the crate repository software embeds; the `crosswalk` command line is a thin layer
//! over it.
//!
//! ```
//! use crosswalk::{read, write, Format};
//!
//! let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
//! <resource xmlns="http://datacite.org/schema/kernel-4">
//!   <identifier identifierType="DOI">10.5438/2wnw-c484</identifier>
//!   <creators><creator><creatorName>DataCite Metadata Working Group</creatorName></creator></creators>
//!   <titles><title>DataCite Metadata Schema Documentation</title></titles>
//!   <publisher>DataCite e.V.</publisher>
//!   <publicationYear>2016</publicationYear>
//!   <resourceType resourceTypeGeneral="Text"/>
//! </resource>"#;
//! let records = read(xml, Format::DataciteXml).unwrap();
//! assert_eq!(records.len(), 1);
//! assert!(!records[0].has_errors());
//! let json = write(&records[0].resource, Format::DataciteJson).unwrap();
//! assert!(json.text.contains("\"publicationYear\": 2016"));
//! ```

// Library code never panics on input: these lints hold outside unit tests (`cfg(test)` code may
// unwrap and index freely; integration tests and doc tests are separate crates).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod batch;
mod detect;
mod fit;
mod formats;
pub mod harvest;
mod payload;
mod stream;
pub mod upload;
mod validation;

use std::fmt;

/// Formatted citations: CSL styles and locales ([`citation::Style`], [`citation::Locale`]) and
/// what renders them ([`citation::Citations`]), for [`WriteOptions::citations`].
pub use crosswalk_citation as citation;
/// The DataCite REST API client: registering DOIs exactly once (the only part of Crosswalk that
/// touches the network, and only when called).
pub use crosswalk_client as client;
pub use crosswalk_model as model;

/// The Crossref deposit writer's options and the pieces that join documents into one deposit:
/// [`crossref::Head`] (for [`WriteOptions::deposit`]), [`crossref::split`],
/// [`crossref::body_kind`].
pub mod crossref {
    pub use crosswalk_crossref::write::{
        body_kind, split, utc_timestamp, Head, DEFAULT_DEPOSITOR_EMAIL, DEFAULT_DEPOSITOR_NAME, DEFAULT_REGISTRANT,
        NAMESPACE, SCHEMA_VERSION,
    };
}
pub use crosswalk_model::{CodeInfo, Diagnostic, Location, Record, Resource, Severity, Written};
pub use crosswalk_validate as validate;

/// OAI-PMH: the response splitter ([`oai::Splitter`]) and the forms harvested records are saved
/// in ([`oai::harvested`]).
pub mod oai {
    pub use crosswalk_dublincore::harvested;
    pub use crosswalk_dublincore::oai::*;

    /// The record of one OAI-PMH record: its metadata read by the Dublin Core or the DataCite
    /// XML reader (the facade is where readers meet); a deleted record, or one without
    /// metadata Crosswalk reads, is a failed record saying so.
    ///
    /// ```
    /// let response = br#"<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><GetRecord><record>
    ///   <header><identifier>oai:x:1</identifier></header>
    ///   <metadata><resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>X</title></titles></resource></metadata>
    /// </record></GetRecord></OAI-PMH>"#;
    /// let item = crosswalk::oai::Splitter::new(&response[..]).next().unwrap();
    /// assert_eq!(crosswalk::oai::record(item).resource.titles[0].title, "X");
    /// ```
    pub fn record(item: Item) -> crate::Record {
        item.into_record(crosswalk_datacite::xml::read)
    }
}

/// Puts documents written separately (in parallel) together in file order, fixing what depends
/// on that order: the keys of reference lists are made unique in the output (BibTeX citation
/// keys, CSL-JSON item ids, RIS IDs), each renaming reported.
#[derive(Debug, Default)]
pub struct Assembler {
    bibtex_keys: crosswalk_bibtex::UniqueKeys,
    csl_ids: crosswalk_csl::UniqueIds,
    ris_ids: crosswalk_ris::UniqueIds,
}

impl Assembler {
    /// An assembler that has seen nothing yet.
    pub fn new() -> Self {
        Assembler::default()
    }

    /// The document as it goes into the output at this place, with a note when it changed.
    pub fn add(&mut self, format: Format, text: String) -> (String, Option<Diagnostic>) {
        match format {
            Format::Bibtex => self.bibtex_keys.take_entry(text),
            Format::Citeproc => self.csl_ids.take_item(text),
            Format::Ris => self.ris_ids.take_record(text),
            _ => (text, None),
        }
    }
}
pub use detect::{detect, DetectError, Detection};
pub use formats::{Format, FormatInfo, Framing, FORMATS};
pub use payload::{
    expand_url_template, payload, payload_for_record, Defaults, Event, Payload, PayloadMetadata, PayloadOptions,
    Refused,
};
pub use stream::{records, units, Placement, Records, Unit, Units, INPUT_FORMAT_MISMATCH};
pub use validation::{
    as_warnings, escalate_warnings, fold, validate_converted, validate_payload, validate_record, validate_written,
    write_validated_xml, SchemaChoice, ValidateOptions,
};

/// Why a read or write could not even start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Crosswalk cannot read this format (yet).
    CannotRead(Format),
    /// Crosswalk cannot write this format (yet).
    CannotWrite(Format),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CannotRead(format) => write!(f, "reading {format} is not supported yet (see `crosswalk formats`)"),
            Error::CannotWrite(format) => write!(f, "writing {format} is not supported yet (see `crosswalk formats`)"),
        }
    }
}

impl std::error::Error for Error {}

/// Reads every record of `bytes` in `format`.
///
/// Reading never fails on bad input: each record carries its diagnostics, and input that could
/// not be read at all gives one record with an error. Only an unsupported format is an `Err`.
pub fn read(bytes: &[u8], format: Format) -> Result<Vec<Record>, Error> {
    Ok(records(bytes, format)?.collect())
}

/// How JSON output is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum JsonLayout {
    /// Indented, for one document.
    #[default]
    Pretty,
    /// One line, for JSON Lines.
    Line,
}

/// Writes `resource` in `format` (JSON pretty-printed; see [`write_with`]).
///
/// Writing does **not validate**: the diagnostics say what the format could not hold, not
/// whether DataCite would accept the result. Check DataCite output against the kernel-4.7 XSD
/// with [`validate_converted`] (or [`validate_written`] for the XML text itself), as the
/// command line does for every conversion:
///
/// ```
/// use crosswalk::{validate_converted, write, Format, Resource, ValidateOptions};
///
/// let resource = Resource::default(); // no creators, titles, publisher, …
/// let written = write(&resource, Format::DataciteXml).unwrap();
/// assert!(!written.text.is_empty()); // written all the same
/// let findings = validate_converted(&resource, &ValidateOptions::default());
/// assert!(findings.iter().any(|d| d.is_error())); // but DataCite would refuse it
/// ```
pub fn write(resource: &Resource, format: Format) -> Result<Written, Error> {
    write_with(resource, format, JsonLayout::Pretty)
}

/// Writes `resource` in `format`, laying JSON out as asked.
///
/// The `payload` format gives a Draft payload (no event) with the metadata as attributes; use
/// [`payload`] for the other options. Keys of reference lists (BibTeX keys, CSL ids) are made
/// from the resource; [`write_record`] keeps a record's own. A citation is APA in `en-US`, as
/// text; [`write_record_with`] takes other styles.
pub fn write_with(resource: &Resource, format: Format, layout: JsonLayout) -> Result<Written, Error> {
    let options = WriteOptions { layout, ..WriteOptions::default() };
    write_keyed(resource, None, None, format, &options)
}

/// Writes a record in `format`, laying JSON out as asked, keeping its identity in reference
/// lists: the key it is cited by in its source ([`Origin::citation_key`](model::Origin::citation_key):
/// a BibTeX key, a CSL `id`, a RIS `ID`) is the BibTeX key, the CSL `id` and the RIS `ID`
/// written, so that BibTeX → BibTeX (or → CSL for pandoc) keeps every citation of a document
/// working. A key BibTeX cannot take (a DOI, white space) is replaced and reported. Keys are
/// made unique in one output by the [`Assembler`]. Other formats are written as by [`write_with`].
///
/// ```
/// use crosswalk::{read, write_record, Format, JsonLayout};
///
/// let bib = b"@article{Sankar_2014, title = {Automated crosswalks}, author = {Sankar, Ravi}, year = {2014}}";
/// let records = read(bib, Format::Bibtex).unwrap();
/// let again = write_record(&records[0], Format::Bibtex, JsonLayout::Pretty).unwrap();
/// assert!(again.text.starts_with("@article{Sankar_2014,"));
/// let csl = write_record(&records[0], Format::Citeproc, JsonLayout::Line).unwrap();
/// assert!(csl.text.contains(r#""id":"Sankar_2014""#));
/// ```
pub fn write_record(record: &Record, format: Format, layout: JsonLayout) -> Result<Written, Error> {
    write_record_with(record, format, &WriteOptions { layout, ..WriteOptions::default() })
}

/// How [`write_record_with`] writes: the JSON layout, and the options of the formats that have
/// some.
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    /// How JSON is laid out.
    pub layout: JsonLayout,
    /// The style, locale and output form of the `citation` format; `None` is APA (7th edition)
    /// in `en-US`, as text. Put together once ([`citation::Citations::new`]) and shared by every
    /// record of a run.
    pub citations: Option<std::sync::Arc<citation::Citations>>,
    /// The head of a Crossref deposit (`crossref-xml`): depositor, registrant, batch id and
    /// timestamp. Its defaults are placeholders, reported, and timestamp 0: the library never
    /// reads the clock (the command line gives the time of the run).
    pub deposit: crossref::Head,
}

/// Writes a record in `format` as [`write_record`] does, with the options of the formats that
/// have some (see [`WriteOptions`]).
///
/// A citation is the record's entry in a bibliography of the style, on one line; in a numbered
/// style (IEEE, Vancouver) it is numbered by the record's position in its run
/// ([`Origin::position`](model::Origin::position), set by the batch; 1 for a record read on its
/// own), so that a list of records is numbered in order.
///
/// ```
/// use std::sync::Arc;
/// use crosswalk::citation::{Citations, Locale, Output, Style};
/// use crosswalk::{read, write_record_with, Format, WriteOptions};
///
/// let ris = b"TY  - JOUR\nAU  - Sankar, Ravi\nTI  - Automated crosswalks\nT2  - Journal of Metadata\nVL  - 3\nIS  - 2\nSP  - 10\nEP  - 19\nPY  - 2014\nDO  - 10.1234/jm.2014.3\nER  - \n";
/// let records = read(ris, Format::Ris).unwrap();
/// let apa = write_record_with(&records[0], Format::Citation, &WriteOptions::default()).unwrap();
/// assert_eq!(
///     apa.text,
///     "Sankar, R. (2014). Automated crosswalks. Journal of Metadata, 3(2), 10–19. https://doi.org/10.1234/jm.2014.3"
/// );
///
/// let ieee = Citations::new(Style::by_name("ieee").unwrap(), Some(Locale::by_tag("en-GB").unwrap()), Output::Html).unwrap();
/// let options = WriteOptions { citations: Some(Arc::new(ieee)), ..WriteOptions::default() };
/// let html = write_record_with(&records[0], Format::Citation, &options).unwrap();
/// assert!(html.text.starts_with(r#"<div class="csl-entry"><div class="csl-left-margin">[1]</div>"#));
/// ```
pub fn write_record_with(record: &Record, format: Format, options: &WriteOptions) -> Result<Written, Error> {
    write_keyed(&record.resource, record.origin.citation_key.as_deref(), record.origin.position, format, options)
}

/// The citations of [`WriteOptions`] without any: APA in `en-US`, decoded once per process.
fn default_citations() -> &'static citation::Citations {
    static DEFAULT: std::sync::OnceLock<citation::Citations> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(citation::Citations::apa)
}

/// Writes `resource` in `format` with `key` as its key in reference lists and `position` as its
/// number in a numbered citation style.
fn write_keyed(
    resource: &Resource,
    key: Option<&str>,
    position: Option<u64>,
    format: Format,
    options: &WriteOptions,
) -> Result<Written, Error> {
    let layout = options.layout;
    let to_json = |value: &dyn erased::Json| match layout {
        JsonLayout::Pretty => value.pretty(),
        JsonLayout::Line => value.line(),
    };
    match format {
        Format::DataciteXml => Ok(crosswalk_datacite::xml::write(resource)),
        Format::Ris => Ok(crosswalk_ris::write_keyed(resource, key)),
        Format::Jats => Ok(crosswalk_jats::write(resource)),
        // A whole deposit; several are joined into one doi_batch by the output (`Framing::Deposit`).
        Format::CrossrefXml => Ok(crosswalk_crossref::write::write(resource, &options.deposit)),
        Format::Cff => {
            // One document, framed by the caller as the XML is (which adds the final line end).
            let written = crosswalk_cff::write(resource);
            Ok(Written { text: written.text.trim_end().to_owned(), diagnostics: written.diagnostics })
        }
        Format::Bibtex => Ok(crosswalk_bibtex::write_keyed(resource, key)),
        Format::SchemaOrg | Format::Codemeta => {
            let written = if format == Format::SchemaOrg {
                crosswalk_schemaorg::schemaorg::write(resource)
            } else {
                crosswalk_schemaorg::codemeta::write(resource)
            };
            let text = match layout {
                JsonLayout::Pretty => written.text.trim_end().to_owned(),
                JsonLayout::Line => compact_json(&written.text),
            };
            Ok(Written { text, diagnostics: written.diagnostics })
        }
        Format::InvenioRdm => {
            let (value, diagnostics) = crosswalk_invenio::write_value(resource);
            Ok(Written { text: to_json(&value), diagnostics })
        }
        Format::Citeproc => {
            let (item, diagnostics) = crosswalk_csl::write_item_keyed(resource, key);
            Ok(Written { text: to_json(&item), diagnostics })
        }
        Format::DataciteJson => {
            Ok(Written { text: to_json(resource), diagnostics: crosswalk_datacite::json::write_notes(resource) })
        }
        Format::Payload => {
            let options = PayloadOptions::default();
            match payload(resource, &options) {
                Ok(p) => Ok(Written { text: to_json(&p), diagnostics: p.diagnostics.clone() }),
                Err(refused) => Ok(Written { text: String::new(), diagnostics: refused.diagnostics }),
            }
        }
        Format::Citation => {
            let citations = options.citations.as_deref().unwrap_or_else(|| default_citations());
            Ok(citations.write(resource, key, position))
        }
        other => Err(Error::CannotWrite(other)),
    }
}

/// JSON text without the white space between its tokens (strings untouched), for JSON Lines.
fn compact_json(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in pretty.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

mod erased {
    /// JSON output of any serialisable value, without making callers generic.
    pub trait Json {
        fn pretty(&self) -> String;
        fn line(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap_or_default()
        }
        fn line(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

/// Every diagnostic code Crosswalk can emit, with its documentation.
pub fn codes() -> Vec<&'static CodeInfo> {
    let mut all: Vec<&'static CodeInfo> = crosswalk_model::codes::CODES
        .iter()
        .chain(crosswalk_text::CODES)
        .chain(crosswalk_rules::CODES)
        .chain(crosswalk_datacite::codes())
        .chain(crosswalk_validate::CODES)
        .chain(crosswalk_ris::CODES)
        .chain(crosswalk_csl::CODES)
        .chain(crosswalk_jats::CODES)
        .chain(crosswalk_citation::CODES)
        .chain(crosswalk_crossref::CODES)
        .chain(crosswalk_dublincore::CODES)
        .chain(crosswalk_cff::CODES)
        .chain(crosswalk_invenio::CODES)
        .chain(crosswalk_bibtex::CODES)
        .chain(crosswalk_schemaorg::CODES)
        .chain(payload::CODES)
        .chain(stream::CODES)
        .chain(batch::CODES)
        .chain(validation::CODES)
        .chain(crosswalk_client::errors::CODES)
        .collect();
    all.sort_by_key(|c| c.code);
    all.dedup_by_key(|c| c.code);
    all
}

//! Dublin Core for Crosswalk: `oai_dc` records (and bare `dc`/`metadata`/`record` wrappers of
//! `dc:` and `dcterms:` elements) read into the DataCite 4.7 model, and a streaming splitter of
//! OAI-PMH responses ([`oai`]), which legacy repositories (DSpace, EPrints, Islandora) expose
//! their records through.
//!
//! ```
//! let xml = br#"<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
//!     xmlns:dc="http://purl.org/dc/elements/1.1/">
//!   <dc:title>Notes on the Analytical Engine</dc:title>
//!   <dc:creator>Lovelace, Ada</dc:creator>
//!   <dc:date>1843</dc:date>
//!   <dc:type>info:eu-repo/semantics/article</dc:type>
//!   <dc:identifier>https://doi.org/10.5555/notes</dc:identifier>
//!   <dc:language>eng</dc:language>
//! </oai_dc:dc>"#;
//! let records = crosswalk_dublincore::read(xml);
//! let r = &records[0].resource;
//! assert_eq!(r.doi.as_deref(), Some("10.5555/notes"));
//! assert_eq!(r.creators[0].family_name.as_deref(), Some("Lovelace"));
//! assert_eq!(r.publication_year.as_deref(), Some("1843"));
//! assert_eq!(r.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::JournalArticle));
//! assert_eq!(r.language.as_deref(), Some("en"));
//! ```
//!
//! Dublin Core is flat and untyped: a name does not say whether it is a person's, a date what
//! happened then, a relation which way it points. Every such judgment is a diagnostic (mostly
//! informational) at the element it concerns, so that nothing is assumed silently; the table
//! [`MAPPING`] and the type table [`types::TYPES`] are `docs/crosswalks/dublin-core.md`.
//!
//! Readers never fail and never panic: every input gives a record (a document that is not
//! Dublin Core, or not XML, a failed one). XML is read by quick-xml event by event; only XML's
//! five entities and character references are resolved, a DOCTYPE stops reading, and elements
//! nested deeper than [`MAX_DEPTH`] are not read.
//!
//! # The API boundary with the facade
//!
//! This crate depends on no other format crate. An OAI-PMH response may carry DataCite XML
//! (`oai_datacite`, `datacite`): the splitter hands each record's metadata on as bytes with its
//! kind ([`oai::Metadata`]), and the caller (the `crosswalk` facade, which knows every reader)
//! gives [`oai::Item::into_record`] the DataCite XML reader.

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

mod coverage;
mod doc;
pub mod harvested;
mod ids;
mod map;
pub mod mapping;
pub mod oai;
pub mod types;
mod xml;

use crosswalk_model::{codes, CodeInfo, Record, Severity};

pub use doc::{DC_ELEMENTS, DC_TERMS, OAI_DC};
pub use mapping::MAPPING;
pub use xml::{MAX_CAPTURE, MAX_DEPTH};

/// Reads a Dublin Core document: one record.
///
/// The root is `oai_dc:dc`, or a `dc`, `qualifieddc`, `metadata` or `record` element (in no
/// namespace or any but Dublin Core's) holding `dc:` and `dcterms:` elements, perhaps inside
/// another such wrapper. Any other input gives one failed record saying what it is (an OAI-PMH
/// response is read with [`oai::Splitter`]).
///
/// ```
/// let xml = br#"<record><metadata><dc xmlns:dc="http://purl.org/dc/elements/1.1/">
///   <dc:creator>NASA</dc:creator>
///   <dc:relation>https://example.org/other</dc:relation>
/// </dc></metadata></record>"#;
/// let record = &crosswalk_dublincore::read(xml)[0];
/// // Whether "NASA" is a person or an organisation, Dublin Core does not say: no nameType, noted.
/// assert_eq!(record.resource.creators[0].name_type, None);
/// assert!(record.diagnostics.iter().any(|d| d.code == "dc.name-type" && d.location.line == Some(2)));
/// // A relation says no direction: relationType Other, with why.
/// let related = &record.resource.related_identifiers[0];
/// assert_eq!(related.relation_type, Some(crosswalk_model::RelationType::Other));
///
/// let not_dc = crosswalk_dublincore::read(b"<rss/>");
/// assert!(not_dc[0].has_errors());
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let message = format!(
            "the document is larger than {}, the most read as one Dublin Core record; it was not read \
             (a record takes a few KiB: split a collection into one file per record, or read an \
             OAI-PMH response as oai-pmh, which streams)",
            crosswalk_text::caps::size(MAX_DOCUMENT_BYTES)
        );
        let diagnostic = crosswalk_model::Diagnostic::error(TOO_LARGE, message).at(crosswalk_model::Location::at(1, 1));
        return vec![Record::failed(diagnostic)];
    }
    vec![read_one(bytes)]
}

/// The largest Dublin Core document read by [`read()`]: 64 MiB. A document is one record, held
/// whole while it is read; real records take a few KiB, so a document over this is not one
/// record's metadata. Over it, the document is one failed record ([`TOO_LARGE`]) and none of it
/// is parsed. (An OAI-PMH response is not held whole: [`oai::Splitter`] streams it, and caps
/// each record's metadata at [`MAX_CAPTURE`].)
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Reads one record from a Dublin Core document.
pub(crate) fn read_one(bytes: &[u8]) -> Record {
    read_placed(bytes, xml::Offset::default())
}

/// Reads one record from a Dublin Core document that stands at `offset` in a larger one.
pub(crate) fn read_placed(bytes: &[u8], offset: xml::Offset) -> Record {
    let mut xml = xml::XmlReader::placed(bytes, offset);
    let doc = doc::read(&mut xml);
    let mut record = map::record(doc);
    record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
    record
}

/// The most diagnostics one record keeps: the rest are counted in one warning
/// ([`DIAGNOSTICS_TRUNCATED`]), the first error always kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Quotes a value for a message.
pub(crate) fn quote(text: &str) -> String {
    crosswalk_text::message::quote(text, 80)
}

/// Code: the XML is not well-formed.
pub const MALFORMED: &str = "xml.malformed";
/// Code: the document has a DOCTYPE, which is refused.
pub const DTD_REFUSED: &str = "xml.dtd-refused";
/// Code: an entity other than XML's five predefined ones.
pub const UNDEFINED_ENTITY: &str = "xml.undefined-entity";
/// Code: a `&` that starts no reference.
pub const BARE_AMPERSAND: &str = "xml.bare-ampersand";
/// Code: an element with no place where it stands.
pub const UNKNOWN_ELEMENT: &str = "xml.unknown-element";
/// Code: an attribute with no place on its element.
pub const UNKNOWN_ATTRIBUTE: &str = "xml.unknown-attribute";
/// Code: text where only elements belong.
pub const UNEXPECTED_TEXT: &str = "xml.unexpected-text";
/// Code: a compound element lacks a part it needs.
pub const MISSING_ELEMENT: &str = "xml.missing-element";
/// Code: an I/O error part-way through the input.
pub const INPUT_IO: &str = "input.io";
/// Code: the document is larger than [`MAX_DOCUMENT_BYTES`]; it was not read.
pub const TOO_LARGE: &str = "dc.too-large";
/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const DIAGNOSTICS_TRUNCATED: &str = "dc.diagnostics-truncated";
/// Code: the root element is not a Dublin Core record.
pub const NOT_DUBLIN_CORE: &str = "dc.not-dublin-core";
/// Code: the record holds no Dublin Core element.
pub const NO_ELEMENTS: &str = "dc.no-elements";
/// Code: how a name's type was judged (organisation, person, unknown).
pub const NAME_TYPE: &str = "dc.name-type";
/// Code: a contributor is of type Other.
pub const CONTRIBUTOR_TYPE: &str = "dc.contributor-type";
/// Code: a further title was typed.
pub const TITLE_TYPE: &str = "dc.title-type";
/// Code: a description was typed.
pub const DESCRIPTION_TYPE: &str = "dc.description-type";
/// Code: a date was typed (and the publication year taken from it).
pub const DATE_TYPE: &str = "dc.date-type";
/// Code: how `dc:type` was read.
pub const TYPE: &str = "dc.type";
/// Code: a `dc:format` is a size.
pub const FORMAT: &str = "dc.format";
/// Code: how an identifier was read by its form.
pub const IDENTIFIER: &str = "dc.identifier";
/// Code: a citation was read as a description.
pub const CITATION: &str = "dc.citation";
/// Code: a relation's type was chosen.
pub const RELATION: &str = "dc.relation";
/// Code: a coverage was read as a time or a place.
pub const COVERAGE: &str = "dc.coverage";
/// Code: a licence URL was given its SPDX identifier.
pub const LICENSE_IDENTIFIED: &str = "dc.license-identified";
/// Code: an OpenAIRE (`info:eu-repo/…`) value was read.
pub const OPENAIRE: &str = "dc.openaire";

/// Every code this crate emits (the Dublin Core reader's, the OAI-PMH splitter's and their XML
/// layer's), with its documentation.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: MALFORMED,
        severity: Severity::Error,
        summary: "The XML is not well-formed at the line given (an element left open, an end tag that matches nothing, a malformed attribute, an undeclared prefix, elements nested too deep); the record it is in may be incomplete, and in an OAI-PMH response the records after it are read as usual. Fix the XML.",
    },
    CodeInfo {
        code: DTD_REFUSED,
        severity: Severity::Error,
        summary: "The document has a DOCTYPE; DTDs are refused so that no entity can be declared, expanded or fetched, and nothing after it was read. Remove the DOCTYPE (Dublin Core and OAI-PMH need none).",
    },
    CodeInfo {
        code: UNDEFINED_ENTITY,
        severity: Severity::Error,
        summary: "An entity reference other than &lt; &gt; &amp; &apos; &quot; or a character reference (e.g. an HTML &nbsp;) cannot be resolved without a DTD; it is kept as written. Replace it by the character or a character reference.",
    },
    CodeInfo {
        code: BARE_AMPERSAND,
        severity: Severity::Warning,
        summary: "A \"&\" that starts no reference was kept as a literal \"&\"; XML requires &amp;.",
    },
    CodeInfo {
        code: UNKNOWN_ELEMENT,
        severity: Severity::Warning,
        summary: "An element has no place where it stands (not Dublin Core, misspelt, inside a Dublin Core element, or unknown in the OAI-PMH envelope); its content is not read.",
    },
    CodeInfo {
        code: UNKNOWN_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "An attribute has no place on its element (Dublin Core elements take xml:lang and xsi:type); its value is not read.",
    },
    CodeInfo {
        code: UNEXPECTED_TEXT,
        severity: Severity::Warning,
        summary: "Text stands where only elements belong; it is not read.",
    },
    CodeInfo {
        code: MISSING_ELEMENT,
        severity: Severity::Warning,
        summary: "An OAI-PMH record lacks a part it needs (its header, the header's identifier); the message says what was read.",
    },
    CodeInfo {
        code: INPUT_IO,
        severity: Severity::Error,
        summary: "The input could not be read to its end (an I/O error); the records before it were read, the rest are missing.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "The document declares a single-byte encoding (ISO-8859-1, Windows-1252) and was decoded as it (info), or declares an encoding Crosswalk does not read and was read as UTF-8 (warning).",
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

    CodeInfo {
        code: TOO_LARGE,
        severity: Severity::Error,
        summary: "The document is larger than 64 MiB, the most read as one Dublin Core record; none of it was read. Split a collection into one file per record, or read an OAI-PMH response as oai-pmh, which streams.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "The record has more than 10,000 diagnostics; the rest are counted in this one and not listed (the first error is always kept). Fix what is listed and read it again.",
    },
    CodeInfo {
        code: NOT_DUBLIN_CORE,
        severity: Severity::Error,
        summary: "The root element is not a Dublin Core record (oai_dc:dc, or a dc, qualifieddc, metadata or record element holding dc: elements); nothing was read. An OAI-PMH response is read as oai-pmh.",
    },
    CodeInfo {
        code: NO_ELEMENTS,
        severity: Severity::Error,
        summary: "The record holds no dc: or dcterms: element; there is nothing to read.",
    },
    CodeInfo {
        code: NAME_TYPE,
        severity: Severity::Info,
        summary: "Dublin Core gives a creator's or contributor's name in one string without saying what it is: a name with an organisation's word (University, Institute, GmbH …) is Organizational; one written \"Family, Given\" is Personal and split at the comma; any other is kept whole without nameType (\"Jane Smith\" and \"NASA\" cannot be told apart). Add the nameType where you know it.",
    },
    CodeInfo {
        code: CONTRIBUTOR_TYPE,
        severity: Severity::Info,
        summary: "A dc:contributor is a contributor of type Other: Dublin Core does not say what a contributor did. Set the contributorType where you know it (an advisor is a Supervisor, an editor an Editor).",
    },
    CodeInfo {
        code: TITLE_TYPE,
        severity: Severity::Info,
        summary: "A dc:title after the first is a TranslatedTitle when its xml:lang differs from the first title's, else an AlternativeTitle: Dublin Core does not say what a further title is.",
    },
    CodeInfo {
        code: DESCRIPTION_TYPE,
        severity: Severity::Info,
        summary: "The first dc:description is the Abstract (unless a dcterms:abstract is given), later ones are of type Other: Dublin Core does not say what a description is.",
    },
    CodeInfo {
        code: DATE_TYPE,
        severity: Severity::Info,
        summary: "dc:date does not say what happened at a date: the earliest is the date of issue (Issued) and gives the publicationYear, the others are of type Other. (DSpace writes its accession and availability timestamps as dc:dates beside the date of issue, which is the earliest.)",
    },
    CodeInfo {
        code: TYPE,
        severity: Severity::Info,
        summary: "How dc:type was read: the most specific value (a repository's or OpenAIRE's type over the DCMI Type Vocabulary's general ones) gives the resourceTypeGeneral and is kept as resourceType; further values are not carried. See the type table of the Dublin Core crosswalk page.",
    },
    CodeInfo {
        code: FORMAT,
        severity: Severity::Info,
        summary: "A dc:format that is a number with a unit of size (2.4 MB, 312 p.) is a size, not a format.",
    },
    CodeInfo {
        code: IDENTIFIER,
        severity: Severity::Info,
        summary: "A dc:identifier was read by its form: the first web address that is not a file is the landing page (url), one naming a file a contentUrl, a further DOI an alternateIdentifier, an ISSN a related identifier IsPartOf (the journal's), a value of no known form an alternateIdentifier of type Local.",
    },
    CodeInfo {
        code: CITATION,
        severity: Severity::Info,
        summary: "A citation (a dc:identifier with white space in it, as EPrints and DSpace write the bibliographic citation, or a dcterms:bibliographicCitation) is a description of type Other: DataCite has no citation.",
    },
    CodeInfo {
        code: RELATION,
        severity: Severity::Info,
        summary: "A dc:relation says no relation type, and DataCite has no IsRelatedTo: it is relationType Other (DataCite 4.7) with relationTypeInformation \"Dublin Core relation (no relation type given)\"; a dc:source is IsDerivedFrom (Dublin Core's definition and DataCite's mapping); text that is no identifier becomes a related item titled with it. Set the relation type where you know it.",
    },
    CodeInfo {
        code: COVERAGE,
        severity: Severity::Info,
        summary: "dc:coverage may be a place or a time: a date or period (1990/2000, 1990-2000, a DCMI Period) is a date of type Coverage, a DCMI Point or Box a geolocation, anything else a geoLocationPlace.",
    },
    CodeInfo {
        code: LICENSE_IDENTIFIED,
        severity: Severity::Info,
        summary: "A Creative Commons or spdx.org licence URL was given its SPDX identifier (rightsIdentifier); the URL is kept as written.",
    },
    CodeInfo {
        code: OPENAIRE,
        severity: Severity::Info,
        summary: "A value of the OpenAIRE guidelines (info:eu-repo/…) was read as what it means: a project (grantAgreement) as a funding reference, an alternative identifier (altIdentifier) as an alternateIdentifier, a dataset link as IsSupplementedBy, an embargo end as an Available date, an access right with its statement.",
    },
    crosswalk_rules::NAME_SPLIT_INFO,
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A Dublin Core element or value has no place in DataCite (dcterms:audience, a status written as dc:type such as publishedVersion or PeerReviewed); it is not carried. As info: an encoding scheme (xsi:type) Crosswalk does not know.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "An element DataCite holds once (publisher, language) occurs again; the first is kept. As info: a date given twice was kept once.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty element was skipped.",
    },
    CodeInfo {
        code: codes::VALUE_TRIMMED,
        severity: Severity::Info,
        summary: "White space around a value was removed.",
    },
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "A value was written in its normal form: a DOI or handle without resolver, an ISBN, ISSN or PMID without its label, a language as a BCP 47 tag (en_US → en-US, eng → en, English → en), a period as start/end, a DDC class from ddc:004.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value does not have the form its property needs (a date, a language); it is kept as written and will fail validation until corrected.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "A dc:type is no type Crosswalk knows; resourceTypeGeneral is Other and the value is kept as resourceType.",
    },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: oai::NOT_OAI_PMH,
        severity: Severity::Error,
        summary: "The root element is not an OAI-PMH response (OAI-PMH in http://www.openarchives.org/OAI/2.0/, or a record saved on its own); nothing was read. A single Dublin Core record is read as dublin-core.",
    },
    CodeInfo {
        code: oai::PROTOCOL_ERROR,
        severity: Severity::Error,
        summary: "The repository answered with an OAI-PMH error (badArgument, badResumptionToken, badVerb, cannotDisseminateFormat, idDoesNotExist, noMetadataFormats, noSetHierarchy): there are no records; the message names the error and the server's words. (noRecordsMatch is no error: the response has no records and nothing fails.)",
    },
    CodeInfo {
        code: oai::VERB,
        severity: Severity::Error,
        summary: "The response is of a verb that returns no records (Identify, ListSets, ListMetadataFormats, ListIdentifiers); only ListRecords and GetRecord responses are read.",
    },
    CodeInfo {
        code: oai::EMPTY,
        severity: Severity::Error,
        summary: "The ListRecords or GetRecord response holds no record, no noRecordsMatch error and no resumptionToken: a broken response.",
    },
    CodeInfo {
        code: oai::DELETED,
        severity: Severity::Error,
        summary: "The record is deleted (its header says status=\"deleted\"): it has no metadata, so it is counted as a failed record and not converted. A harvester removes it from its copy (the splitter's API says which records are deleted).",
    },
    CodeInfo {
        code: oai::NO_METADATA,
        severity: Severity::Error,
        summary: "The record has no <metadata> and its header does not say it is deleted; there is nothing to convert.",
    },
    CodeInfo {
        code: oai::METADATA_FORMAT,
        severity: Severity::Error,
        summary: "The record's metadata is in a format Crosswalk does not read from OAI-PMH (MODS, MARCXML, METS …); it reads oai_dc, oai_datacite and datacite. Harvest with one of those metadataPrefixes.",
    },
    CodeInfo {
        code: oai::TOO_LARGE,
        severity: Severity::Error,
        summary: "The record's metadata is larger than 64 MiB, the most one record may hold; it was not read.",
    },
    CodeInfo {
        code: oai::LIST_CONTINUES,
        severity: Severity::Info,
        summary: "The response ends with a resumptionToken: the list has more records, on pages asked for with the token (noted on the page's last record).",
    },
];

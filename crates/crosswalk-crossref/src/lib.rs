//! Crossref XML for Crosswalk: deposit files (`doi_batch`, schemas 4.3 to 5.5, and the grant
//! schema), UNIXREF (`doi_records`) and UNIXSD (`crossref_result`) read into the DataCite 4.7
//! model, one record per work, streamed.
//!
//! ```
//! let xml = br#"<doi_batch xmlns="http://www.crossref.org/schema/5.4.0" version="5.4.0">
//!   <head><doi_batch_id>b1</doi_batch_id><timestamp>1</timestamp>
//!     <depositor><depositor_name>D</depositor_name><email_address>d@example.org</email_address></depositor>
//!     <registrant>Example Press</registrant></head>
//!   <body><posted_content type="preprint">
//!     <contributors><person_name contributor_role="author" sequence="first">
//!       <given_name>Ada</given_name><surname>Lovelace</surname></person_name></contributors>
//!     <titles><title>Notes</title></titles>
//!     <posted_date><year>1843</year></posted_date>
//!     <doi_data><doi>10.5555/notes</doi><resource>https://example.org/notes</resource></doi_data>
//!   </posted_content></body>
//! </doi_batch>"#;
//! let records = crosswalk_crossref::read(xml);
//! assert_eq!(records.len(), 1);
//! let r = &records[0].resource;
//! assert_eq!(r.doi.as_deref(), Some("10.5555/notes"));
//! assert_eq!(r.creators[0].name, "Lovelace, Ada");
//! assert_eq!(r.publication_year.as_deref(), Some("1843"));
//! assert_eq!(r.types.resource_type.as_deref(), Some("PostedContent"));
//! ```
//!
//! What maps where is the table [`MAPPING`] (also `docs/crosswalks/crossref-xml.md`); work types
//! are [`WORK_TYPES`]. Readers never fail: every work comes out as a record whose diagnostics
//! say what was wrong, lost or assumed, each with its line, column and element path.
//!
//! Crossref's REST API JSON (works, `/works` responses and lists, the public data file) is read
//! by [`json`], with the same decisions and the tables and rules shared with the XML reader.
//!
//! Records are written as Crossref deposits (schema 5.4.0) by [`write`](mod@write), which shares the
//! reader's tables (work types, relation types) read backwards.
//! The readers' and the writer's codes are in [`CODES`].
//!
//! # Caps
//!
//! The reader streams: it holds one work and its container's metadata, whatever the input's size.
//!
//! | what | cap | over it |
//! |---|---|---|
//! | one work (or head, container metadata, UNIXREF record), from start tag to end tag; any text, tag or comment outside works | [`MAX_WORK_BYTES`] (16 MiB) | one failed record, [`TOO_LARGE`]; **reading stops** (the works before it are read); the tokenizer never buffers past it |
//! | a group's container metadata | [`MAX_WORK_BYTES`] in all, [`MAX_CONTEXTS`] (64) pieces | as above |
//! | nesting inside a work | 256 elements | deeper elements are not read, [`MALFORMED`] |
//! | diagnostics per record (those outside works, which go to the next record, included) | [`MAX_DIAGNOSTICS`] (10,000) | the rest counted in one warning, [`DIAGNOSTICS_TRUNCATED`] (the first error kept) |

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

mod citations;
mod container;
mod ctx;
mod dates;
mod grant;
pub mod json;
pub mod mapping;
mod markup;
mod people;
mod programs;
mod records;
mod scan;
mod tree;
mod work;
pub mod write;

use crosswalk_model::{codes, CodeInfo, Record, Severity};

pub use citations::{citation_type, CITATION_TYPES};
pub use mapping::MAPPING;
pub use programs::{relation_type, RELATIONSHIP_TYPES};
pub use scan::{Reader, DEPOSIT_VERSIONS};
// The work-type table is shared with the CSL reader, which meets Crossref's type ids.
pub use crosswalk_rules::crossref_types::{WorkType, WORK_TYPES};

/// The largest work read: 16 MiB of XML from its start tag to its end tag (and the same for the
/// other pieces read whole: the `<head>`, each piece of a container's metadata, a UNIXREF
/// `doi_record`). A work is built into a tree and mapped whole; the largest real ones (thousands
/// of authors and citations) take a few MiB. A work over the cap, or any single text, tag or
/// comment over it outside works, is one failed record ([`TOO_LARGE`]) and **reading stops
/// there** (where the next work starts is known only by reading this one to its end), with the
/// works before it read. So memory holds at most about one cap's worth of XML at a time,
/// however large or endless the input. The container metadata kept for the works of a group
/// counts together against the same cap, and at most [`MAX_CONTEXTS`] pieces of it are kept.
pub const MAX_WORK_BYTES: usize = 16 << 20;

/// The most pieces of container metadata (`journal_metadata`, `journal_issue`, …) one group may
/// hold: 64 (real groups have two or three). Every work of the group is read with all of them,
/// so a group of thousands would make reading its works quadratic; past this, reading stops as
/// for a work over [`MAX_WORK_BYTES`].
pub const MAX_CONTEXTS: usize = 64;

/// The most diagnostics one record keeps: 10,000; further ones are counted in one warning
/// ([`DIAGNOSTICS_TRUNCATED`]), and the first error among them is kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Reads every work of a Crossref XML document.
pub fn read(bytes: &[u8]) -> Vec<Record> {
    Reader::new(bytes).collect()
}

/// Code: the XML is not well-formed (an element left open, an end tag matching nothing, a
/// malformed attribute, an undeclared prefix).
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
/// Code: a required attribute is missing and its value was assumed.
pub const MISSING_ATTRIBUTE: &str = "xml.missing-attribute";
/// Code: an I/O error part-way through the input.
pub const INPUT_IO: &str = "input.io";
/// Code: a work (or a text, tag or comment) is larger than [`MAX_WORK_BYTES`], or a group holds
/// more container metadata than [`MAX_WORK_BYTES`] or [`MAX_CONTEXTS`] pieces; reading stopped.
pub const TOO_LARGE: &str = "crossref.too-large";
/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const DIAGNOSTICS_TRUNCATED: &str = "crossref.diagnostics-truncated";
/// Code: the root element is not Crossref XML.
pub const NOT_CROSSREF: &str = "crossref.not-crossref";
/// Code: the deposit's namespace names a schema version this reader does not know.
pub const SCHEMA_VERSION: &str = "crossref.schema-version";
/// Code: the input holds no work.
pub const NO_WORKS: &str = "crossref.no-works";
/// Code: a UNIXSD query did not resolve, or UNIXREF holds an error.
pub const QUERY_FAILED: &str = "crossref.query-failed";
/// Code: a work has no DOI.
pub const NO_DOI: &str = "crossref.no-doi";
/// Code: markup was reduced to text (the shared rule's code, `markup.removed`; it was
/// `crossref.markup-removed` before the rule was shared with the CSL reader).
pub const MARKUP_REMOVED: &str = crosswalk_rules::MARKUP_REMOVED;
/// Code: MathML was reduced to the text of its symbols (the shared rule's code,
/// `markup.math-flattened`; it was `crossref.math-flattened`).
pub const MATH_FLATTENED: &str = crosswalk_rules::MATH_FLATTENED;
/// Code: a work without authors has its editors as creators (the shared rule's code,
/// `people.editors-as-creators`; it was `crossref.editors-as-creators` before every reader
/// applied the rule).
pub const EDITORS_AS_CREATORS: &str = crosswalk_rules::EDITORS_AS_CREATORS;
/// Code: a contributor role has no DataCite contributor type.
pub const ROLE_OTHER: &str = "crossref.role-other";
/// Code: an anonymous contributor.
pub const ANONYMOUS: &str = "crossref.anonymous";
/// Code: a value taken from the container, parent work or deposit.
pub const INHERITED: &str = "crossref.inherited";
/// Code: values given twice were kept once.
pub const DUPLICATES_MERGED: &str = "crossref.duplicates-merged";
/// Code: a date's parts were rewritten (padding, quarters as EDTF).
pub const DATE_CONVERTED: &str = "crossref.date-converted";
/// Code: a Creative Commons licence URL was given its SPDX identifier.
pub const LICENSE_IDENTIFIED: &str = "crossref.license-identified";
/// Code: a Crossref relation was read as the nearest DataCite relation type.
pub const RELATION_APPROXIMATED: &str = "crossref.relation-approximated";
/// Code: a citation with only its text became a related item titled with it.
pub const CITATION_AS_TITLE: &str = "crossref.citation-as-title";
/// Code: an "et al." marker written as a contributor was left out.
pub const ET_AL: &str = "crossref.et-al";
/// Code (REST JSON): the input, or one work of it, is not valid JSON.
pub const JSON_SYNTAX: &str = "crossref-json.syntax";
/// Code (REST JSON): a value where a work belongs is no work (a string, a list in a list, a
/// response of another kind).
pub const JSON_NOT_A_WORK: &str = "crossref-json.not-a-work";
/// Code (REST JSON): the input holds no work.
pub const JSON_NO_WORKS: &str = "crossref-json.no-works";
/// Code (REST JSON): the response is the API's answer to a failed request.
pub const JSON_API_ERROR: &str = "crossref-json.api-error";
/// Code (REST JSON): a value has a JSON type its key cannot have.
pub const JSON_TYPE: &str = "crossref-json.type";
/// Code (REST JSON): an object names a key twice.
pub const JSON_DUPLICATE_KEY: &str = "crossref-json.duplicate-key";
/// Code (REST JSON): an object lacks a key it needs.
pub const JSON_MISSING_KEY: &str = "crossref-json.missing-key";
/// Code (REST JSON): a work is larger than the reader's cap.
pub const JSON_TOO_LARGE: &str = "crossref-json.too-large";
/// Code (REST JSON): a record has more diagnostics than the reader keeps.
pub const JSON_DIAGNOSTICS_TRUNCATED: &str = "crossref-json.diagnostics-truncated";

/// Every element name of the Crossref schemas this reader knows, to tell an element that has
/// no place where it stands from a misspelt one.
pub(crate) const KNOWN_ELEMENTS: &[&str] = &[
    "doi_batch",
    "head",
    "body",
    "doi_batch_id",
    "timestamp",
    "depositor",
    "depositor_name",
    "email_address",
    "registrant",
    "journal",
    "journal_metadata",
    "full_title",
    "abbrev_title",
    "journal_issue",
    "journal_volume",
    "special_numbering",
    "journal_article",
    "conference",
    "event_metadata",
    "conference_name",
    "conference_theme",
    "conference_acronym",
    "conference_sponsor",
    "conference_number",
    "conference_location",
    "conference_date",
    "proceedings_metadata",
    "proceedings_series_metadata",
    "proceedings_title",
    "proceedings_subject",
    "conference_paper",
    "book",
    "book_metadata",
    "book_series_metadata",
    "book_set_metadata",
    "content_item",
    "series_metadata",
    "set_metadata",
    "series_number",
    "part_number",
    "dissertation",
    "report-paper",
    "report-paper_metadata",
    "report-paper_series_metadata",
    "standard",
    "standard_metadata",
    "database",
    "database_metadata",
    "dataset",
    "publication",
    "intent_statement",
    "peer_review",
    "competing_interest_statement",
    "running_number",
    "pending_publication",
    "posted_content",
    "group_title",
    "status",
    "institution",
    "institution_name",
    "institution_id",
    "institution_acronym",
    "institution_place",
    "institution_department",
    "degree",
    "contract_number",
    "contributors",
    "organization",
    "person_name",
    "anonymous",
    "name",
    "given_name",
    "surname",
    "suffix",
    "ORCID",
    "role",
    "affiliations",
    "affiliation",
    "sa_component",
    "component_list",
    "component",
    "titles",
    "title",
    "original_language_title",
    "subtitle",
    "month",
    "day",
    "year",
    "database_date",
    "creation_date",
    "content_date",
    "posted_date",
    "acceptance_date",
    "update_date",
    "publication_date",
    "review_date",
    "approval_date",
    "pages",
    "first_page",
    "last_page",
    "other_pages",
    "noisbn",
    "coden",
    "publisher_item",
    "item_number",
    "identifier",
    "publisher",
    "publisher_place",
    "publisher_name",
    "description",
    "format",
    "archive_locations",
    "archive",
    "version_info",
    "version",
    "component_number",
    "edition_number",
    "issue",
    "doi_data",
    "resource",
    "collection",
    "item",
    "doi",
    "isbn",
    "issn",
    "volume",
    "citation_list",
    "citation",
    "unstructured_citation",
    "journal_title",
    "series_title",
    "volume_title",
    "author",
    "cYear",
    "article_title",
    "elocation_id",
    "crossmark",
    "crossmark_policy",
    "crossmark_version",
    "crossmark_domains",
    "crossmark_domain",
    "domain",
    "filter",
    "crossmark_domain_exclusive",
    "updates",
    "update",
    "custom_metadata",
    "assertion",
    "designators",
    "std_as_published",
    "std_alt_as_published",
    "std_family_designator",
    "std_set_designator",
    "std_undated_designator",
    "std_supersedes",
    "std_adopted_from",
    "std_revision_of",
    "standards_body",
    "standards_body_name",
    "standards_body_acronym",
    "std_designator",
    "std_alt_script",
    "std_variant_form",
    "scn_policies",
    "scn_policy_set",
    "scn_policy_ref",
    "grant",
    "project",
    "project-title",
    "investigators",
    "person",
    "givenName",
    "familyName",
    "alternateName",
    "ROR",
    "award_amount",
    "award-amount",
    "funding",
    "funder-name",
    "funder-id",
    "funding-scheme",
    "award-dates",
    "award-number",
    "award-start-date",
];

/// Every code this crate emits, with its documentation.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: MALFORMED,
        severity: Severity::Error,
        summary: "The XML is not well-formed at the line given (an element left open, an end tag that matches nothing, a malformed attribute, an undeclared prefix); the work it is in may be incomplete, and the works after it are read as usual. Fix the XML.",
    },
    CodeInfo {
        code: DTD_REFUSED,
        severity: Severity::Error,
        summary: "The document has a DOCTYPE; DTDs are refused so that no entity can be declared, expanded or fetched, and nothing was read. Remove the DOCTYPE (Crossref XML needs none).",
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
        summary: "An element has no place where it stands (unknown, misspelt, misplaced, or of another namespace); its content is not read.",
    },
    CodeInfo {
        code: UNKNOWN_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "An attribute has no place on its element (unknown, misspelt, or of another namespace); its value is not read.",
    },
    CodeInfo {
        code: UNEXPECTED_TEXT,
        severity: Severity::Warning,
        summary: "Text stands where only elements belong; it is not read.",
    },
    CodeInfo {
        code: MISSING_ELEMENT,
        severity: Severity::Warning,
        summary: "A compound element lacks a part it needs (a year, a name, a relation); the message says what was kept.",
    },
    CodeInfo {
        code: MISSING_ATTRIBUTE,
        severity: Severity::Warning,
        summary: "A required attribute is missing (a contributor_role, a parent_relation); the message says what was assumed.",
    },
    CodeInfo {
        code: INPUT_IO,
        severity: Severity::Error,
        summary: "The input could not be read to its end (an I/O error); the works before it were read, the rest are missing.",
    },
    CodeInfo {
        code: TOO_LARGE,
        severity: Severity::Error,
        summary: "A work is larger than 16 MiB of XML (or a text, tag or comment outside works is, or a group's container metadata is, or it has more than 64 pieces): it was not read, and reading stopped there (the works before it were read). Real works take a few MiB at most: check the input, and split a deposit into several files.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them, if any), the rest only counted. Fix the ones listed and read the file again.",
    },
    CodeInfo {
        code: NOT_CROSSREF,
        severity: Severity::Error,
        summary: "The root element is not Crossref XML (doi_batch, doi_records, crossref_result, doi_record); nothing was read. Check the input format.",
    },
    CodeInfo {
        code: SCHEMA_VERSION,
        severity: Severity::Warning,
        summary: "The deposit's namespace names no schema version this reader knows (4.3.0 to 5.5.0), or none; it was read with the 5.4.0 rules.",
    },
    CodeInfo {
        code: NO_WORKS,
        severity: Severity::Error,
        summary: "The input is Crossref XML but holds no work (an empty body, a record without metadata).",
    },
    CodeInfo {
        code: QUERY_FAILED,
        severity: Severity::Error,
        summary: "A UNIXSD query did not resolve (or UNIXREF holds an error) so there is no metadata for the DOI; the record is empty.",
    },
    CodeInfo {
        code: NO_DOI,
        severity: Severity::Warning,
        summary: "A work has no DOI (no doi_data); the record has none. Supply one with --doi or --prefix when building payloads.",
    },
    crosswalk_rules::MARKUP_REMOVED_INFO,
    crosswalk_rules::MATH_FLATTENED_INFO,
    crosswalk_rules::EDITORS_AS_CREATORS_INFO,
    crosswalk_rules::NAME_SPLIT_INFO,
    CodeInfo {
        code: ROLE_OTHER,
        severity: Severity::Warning,
        summary: "A contributor role (chair, reader, reviewer outside a peer review) has no DataCite contributorType; the person is a contributor of type Other and the role is lost.",
    },
    CodeInfo {
        code: ANONYMOUS,
        severity: Severity::Info,
        summary: "An anonymous contributor was read with the name \"Anonymous\".",
    },
    CodeInfo {
        code: INHERITED,
        severity: Severity::Info,
        summary: "A value the work lacks was taken from elsewhere: the publisher from the deposit's registrant or the parent work, the publication year from the container, parent or acceptance date, or a title composed for a journal issue or volume.",
    },
    CodeInfo {
        code: DUPLICATES_MERGED,
        severity: Severity::Info,
        summary: "Values given twice (the same funder in the work and in its Crossmark data, the same reference) were kept once.",
    },
    CodeInfo {
        code: DATE_CONVERTED,
        severity: Severity::Info,
        summary: "A date part was rewritten: a one-digit month or day zero-padded, a Crossref quarter (31–34) written as the EDTF quarter (33–36).",
    },
    CodeInfo {
        code: LICENSE_IDENTIFIED,
        severity: Severity::Info,
        summary: "A Creative Commons licence URL was given its SPDX identifier (rightsIdentifier); the URL is kept as written.",
    },
    CodeInfo {
        code: RELATION_APPROXIMATED,
        severity: Severity::Info,
        summary: "A Crossref relationship type has no exact DataCite relation type; the nearest one is used and the Crossref type is kept in relationTypeInformation.",
    },
    CodeInfo {
        code: ET_AL,
        severity: Severity::Warning,
        summary: "A contributor is an \"et al.\" marker (et al., et. al., and others, u. a., in brackets or not), not a person or organisation; it is left out. The work has more contributors than the deposit lists: add them if they are known.",
    },
    CodeInfo {
        code: CITATION_AS_TITLE,
        severity: Severity::Info,
        summary: "A citation with neither DOI nor structured title became a related item (References) whose title is the citation's text.",
    },
    CodeInfo {
        code: JSON_SYNTAX,
        severity: Severity::Error,
        summary: "Crossref REST JSON: the input, or one work of it, is not valid JSON at the position given; that work could not be read (the others were). Fix the syntax, often a missing comma or quote, or a file cut short.",
    },
    CodeInfo {
        code: JSON_NOT_A_WORK,
        severity: Severity::Error,
        summary: "Crossref REST JSON: where a work belongs there is something else (a string or number, a list inside the list, a response of another message-type such as member-list); no record can be read from it.",
    },
    CodeInfo {
        code: JSON_NO_WORKS,
        severity: Severity::Error,
        summary: "Crossref REST JSON: the input holds no work (it is empty, or an empty list); there is nothing to convert.",
    },
    CodeInfo {
        code: JSON_API_ERROR,
        severity: Severity::Error,
        summary: "Crossref REST JSON: the response's status is not ok (the API's answer to a failed request, such as a validation failure); the message quotes its errors, and the response holds no work.",
    },
    CodeInfo {
        code: JSON_TYPE,
        severity: Severity::Warning,
        summary: "Crossref REST JSON: a value has a JSON type its key cannot have (an object where a title belongs, a number where a list of people does); it is not read.",
    },
    CodeInfo {
        code: JSON_DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "Crossref REST JSON: an object names the same key twice; the last value is read, as JSON parsers do, and the earlier ones are lost.",
    },
    CodeInfo {
        code: JSON_MISSING_KEY,
        severity: Severity::Warning,
        summary: "Crossref REST JSON: an object lacks a key it needs (a work its type, a person a family name, a funder its name, a date its date-parts, a relation its id); the message says what was kept.",
    },
    CodeInfo {
        code: JSON_TOO_LARGE,
        severity: Severity::Error,
        summary: "Crossref REST JSON: a work (or a top-level value that is not a list) has more than 64 MiB, far beyond any real work; it was read past without being held and makes a failed record.",
    },
    CodeInfo {
        code: JSON_DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "Crossref REST JSON: a work has more than 10,000 diagnostics; the rest are not listed (the work was still read in full).",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A Crossref element or attribute has no home in the DataCite model (see the crosswalk page); its value is not carried.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "An element that DataCite holds once occurs again (a second publisher, DOI or resource URL); the first is kept.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty element or attribute was skipped.",
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
        summary: "A value was written in its normal form: a DOI without resolver, a Crossref Funder ID as https://doi.org/10.13039/…, a citation year cut to four digits, a title's line breaks and indentation collapsed to single spaces.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value does not have the form its element needs (a DOI, a four-digit year, a month or day in range); the message says what was kept.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "An attribute value is not in its Crossref list (a contributor_role, a relationship-type, a book_type); the message says how it was read.",
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
    // The deposit writer's (`write`).
    write::MISSING_DOI_INFO,
    write::MISSING_URL_INFO,
    write::NO_TYPE_INFO,
    write::MISSING_REQUIRED_INFO,
    write::UNREPRESENTABLE_INFO,
    write::INVALID_VALUE_INFO,
    write::NEAREST_INFO,
    write::HEAD_DEFAULT_INFO,
];

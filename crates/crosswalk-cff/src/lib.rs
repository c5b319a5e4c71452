//! Citation File Format for Crosswalk: a `CITATION.cff` (CFF 1.2.0, YAML) read into the
//! DataCite 4.7 model, and a record written as one.
//!
//! GitHub shows a repository's `CITATION.cff` as "Cite this repository" and Zenodo reads it when
//! it archives a release: it is how most research software says how to cite it. This crate reads
//! every key of CFF 1.2.0 onto the model or reports why not, and writes what the model holds that
//! CFF has a place for, reporting the rest.
//!
//! ```
//! let cff = b"cff-version: 1.2.0
//! message: If you use this software, please cite it as below.
//! title: Crosswalk
//! version: 0.1.0
//! doi: 10.5281/zenodo.1234567
//! date-released: 2026-11-30
//! authors:
//!   - family-names: Lovelace
//!     given-names: Ada
//!     orcid: https://orcid.org/0000-0002-1825-0097
//! license: MIT
//! ";
//! let records = crosswalk_cff::read(cff);
//! let r = &records[0].resource;
//! assert_eq!(r.titles[0].title, "Crosswalk");
//! assert_eq!(r.creators[0].name, "Lovelace, Ada");
//! assert_eq!(r.publication_year.as_deref(), Some("2026"));
//! assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("MIT"));
//! assert_eq!(r.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::Software));
//!
//! let written = crosswalk_cff::write(r);
//! assert!(written.text.starts_with("cff-version: 1.2.0\n"));
//! assert_eq!(crosswalk_cff::read(written.text.as_bytes())[0].resource, *r);
//! ```
//!
//! # What the record is
//!
//! A CITATION.cff describes the software (or dataset) it sits beside, and may ask users to cite
//! another work instead (`preferred-citation`, usually a paper). The record is the software: its
//! DOI, version and release date are the file's own; the preferred citation is a related item
//! `IsDescribedBy` (and a related identifier when it has a DOI). References are related items
//! `References`. The table [`MAPPING`] (and [`types::TYPES`]) is `docs/crosswalks/cff.md`.
//!
//! # Safety
//!
//! Reading never fails and never panics: every input gives one record (a failed one when it is
//! not a CFF document). A document over [`MAX_DOCUMENT_BYTES`] is not read; YAML aliases may
//! copy at most [`MAX_ALIAS_EXPANSION`] (so "billion laughs" stops there), nesting stops at
//! [`MAX_DEPTH`], and a record keeps at most [`MAX_DIAGNOSTICS`] diagnostics. YAML tags are
//! ignored: a value is its text, never an object a tag asks for.
//!
//! # The API boundary
//!
//! [`read()`], [`write()`], [`CODES`], [`MAPPING`], [`types::TYPES`] and the caps; the facade
//! (`crosswalk`) routes the format `cff` here. The crate depends on the model, `crosswalk-text`
//! and `crosswalk-rules` only, and on `saphyr-parser` for YAML events.

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

pub mod mapping;
mod read;
pub mod types;
mod write;
mod yaml;

use crosswalk_model::{codes, CodeInfo, Diagnostic, Location, Record, Severity};

pub use mapping::MAPPING;
pub use write::write;
pub use yaml::{MAX_ALIAS_EXPANSION, MAX_DEPTH};

/// The largest document read: 4 MiB. A CITATION.cff takes a few KiB (one with hundreds of
/// authors and references some hundreds); a document over this is not a citation file, and
/// none of it is parsed.
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// The most diagnostics one record keeps: the rest are counted in one warning
/// ([`DIAGNOSTICS_TRUNCATED`]), the first error always kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// The CFF version written, and the one read without a warning.
pub const CFF_VERSION: &str = "1.2.0";

/// Reads a CITATION.cff: one record.
///
/// ```
/// // Not YAML at all: one failed record, located.
/// let records = crosswalk_cff::read(b"cff-version: 1.2.0\ntitle: [unclosed\n");
/// assert!(records[0].has_errors());
/// let error = records[0].diagnostics.iter().find(|d| d.is_error()).unwrap();
/// assert_eq!(error.code, "cff.yaml");
/// assert_eq!(error.location.line, Some(3));
///
/// // An e-mail address has no place in DataCite: reported where it stands.
/// let records = crosswalk_cff::read(b"cff-version: 1.2.0\nmessage: Cite me\ntitle: T\nauthors:\n  - name: Team\n    email: team@example.org\n");
/// let lost = records[0].diagnostics.iter().find(|d| d.code == "field.unmapped").unwrap();
/// assert_eq!(lost.location.to_string(), "6:5 /authors/0/email");
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        let message = format!(
            "the document is larger than {}, the most read as one CITATION.cff (which takes a few KiB); \
             it was not read",
            crosswalk_text::caps::size(MAX_DOCUMENT_BYTES)
        );
        return vec![Record::failed(Diagnostic::error(TOO_LARGE, message).at(Location::at(1, 1)))];
    }
    let decoded = crosswalk_text::decode(bytes);
    let mut record = read::record(&decoded.text, decoded.diagnostics);
    record.truncate_diagnostics(MAX_DIAGNOSTICS, DIAGNOSTICS_TRUNCATED);
    vec![record]
}

/// Quotes a value for a message.
pub(crate) fn quote(text: &str) -> String {
    crosswalk_text::message::quote(text, 80)
}

/// Code: the document is larger than [`MAX_DOCUMENT_BYTES`]; it was not read.
pub const TOO_LARGE: &str = "cff.too-large";
/// Code: the YAML is not well-formed (or an alias names no anchor).
pub const YAML: &str = "cff.yaml";
/// Code: the YAML nests deeper than [`MAX_DEPTH`].
pub const TOO_DEEP: &str = "cff.too-deep";
/// Code: the YAML's aliases expand past [`MAX_ALIAS_EXPANSION`].
pub const ALIAS_BUDGET: &str = "cff.alias-budget";
/// Code: a YAML tag was ignored.
pub const TAG: &str = "cff.tag";
/// Code: a key is repeated in one mapping.
pub const DUPLICATE_KEY: &str = "cff.duplicate-key";
/// Code: the stream holds a second YAML document.
pub const SECOND_DOCUMENT: &str = "cff.second-document";
/// Code: the document is not a CFF mapping.
pub const NOT_CFF: &str = "cff.not-cff";
/// Code: `cff-version` is missing or not 1.2.0.
pub const VERSION: &str = "cff.version";
/// Code: `message` is not carried.
pub const MESSAGE: &str = "cff.message";
/// Code: how `type` was read.
pub const TYPE: &str = "cff.type";
/// Code: a person's name particle or suffix was placed.
pub const NAME: &str = "cff.name";
/// Code: an entity's website was read as its ROR identifier.
pub const ROR: &str = "cff.ror";
/// Code: how an item of `identifiers` was read.
pub const IDENTIFIER: &str = "cff.identifier";
/// Code: a list of licences is a choice.
pub const LICENSE: &str = "cff.license";
/// Code: `commit` was kept as a technical description.
pub const COMMIT: &str = "cff.commit";
/// Code: how `preferred-citation` was read.
pub const PREFERRED_CITATION: &str = "cff.preferred-citation";
/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics.
pub const DIAGNOSTICS_TRUNCATED: &str = "cff.diagnostics-truncated";
/// Code: the writer wrote a value in a form of CFF's that says less than the model.
pub const WRITTEN_APPROXIMATELY: &str = "cff.written-approximately";

/// Every code this crate emits, with its documentation.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: TOO_LARGE,
        severity: Severity::Error,
        summary: "The document is larger than 4 MiB, the most read as one CITATION.cff (which takes a few KiB); none of it was read.",
    },
    CodeInfo {
        code: YAML,
        severity: Severity::Error,
        summary: "The YAML is not well-formed at the line and column given (an unclosed quote or bracket, a tab in indentation, a bad indentation); what came before it was read, nothing after. As a warning: an alias names no anchor defined before it (read as null). Fix the YAML (a YAML linter shows the same place).",
    },
    CodeInfo {
        code: TOO_DEEP,
        severity: Severity::Error,
        summary: "The YAML nests deeper than 64 levels, which no citation file does (CFF nests four); nothing from there on was read.",
    },
    CodeInfo {
        code: ALIAS_BUDGET,
        severity: Severity::Error,
        summary: "The YAML's aliases (*name) copy more than 4 MiB of their anchors (&name) in all: anchors that repeat each other, as in the \"billion laughs\" attack, would grow without bound. Nothing from there on was read. A citation file needs no aliases: write the values out.",
    },
    CodeInfo {
        code: TAG,
        severity: Severity::Info,
        summary: "A YAML tag (!!binary, !custom …) was ignored: a value is read as the text (or list, or mapping) written, never as what a tag asks for, so that no tag can make the reader build anything else.",
    },
    CodeInfo {
        code: DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "A key occurs twice in one mapping, which YAML does not allow; the first is kept (some YAML readers keep the last). Remove one.",
    },
    CodeInfo {
        code: SECOND_DOCUMENT,
        severity: Severity::Warning,
        summary: "The stream holds a second YAML document (after ---); a CITATION.cff is one document, and only the first was read.",
    },
    CodeInfo {
        code: NOT_CFF,
        severity: Severity::Error,
        summary: "The document is empty or its top level is not a mapping of CFF keys (a list, a text); nothing could be read.",
    },
    CodeInfo {
        code: VERSION,
        severity: Severity::Warning,
        summary: "cff-version is missing or is not 1.2.0 (the version Crosswalk reads); the document was read as CFF 1.2.0, whose keys include those of 1.0.3 and 1.1.0.",
    },
    CodeInfo {
        code: MESSAGE,
        severity: Severity::Info,
        summary: "message (what the authors ask of users) has no place in DataCite; it is not carried. The CFF writer writes CFF's default message.",
    },
    CodeInfo {
        code: TYPE,
        severity: Severity::Info,
        summary: "The file has no type: it describes software (CFF's default), resourceTypeGeneral Software.",
    },
    CodeInfo {
        code: NAME,
        severity: Severity::Info,
        summary: "A person's name-particle was put before the family name (van der + Waals → familyName \"van der Waals\"), or a name-suffix kept in the name after the given names (\"Family, Given, Jr.\"): DataCite has no places of their own for them.",
    },
    CodeInfo {
        code: ROR,
        severity: Severity::Info,
        summary: "An entity's website is a ROR URL: it is the organisation's ROR identifier (CFF 1.2.0 has no ROR key of its own).",
    },
    CodeInfo {
        code: IDENTIFIER,
        severity: Severity::Info,
        summary: "How an item of identifiers was read: a DOI is the record's doi when the file has no doi key (else an alternate identifier; the doi itself is not repeated), a url, swh or other identifier an alternate identifier of type URL, SWHID or Other; its description has no place in DataCite.",
    },
    CodeInfo {
        code: LICENSE,
        severity: Severity::Info,
        summary: "license lists several licences: CFF means a choice among them (OR), and each is one entry of rightsList, which cannot say so.",
    },
    CodeInfo {
        code: COMMIT,
        severity: Severity::Info,
        summary: "DataCite has no commit: it is kept as a description of type TechnicalInfo, \"Commit: <hash>\", which the CFF writer writes back as commit.",
    },
    CodeInfo {
        code: PREFERRED_CITATION,
        severity: Severity::Info,
        summary: "The record is the software (or dataset) the file describes; the work its authors ask to be cited instead is a related item IsDescribedBy (and a related identifier when it has a DOI). Register the paper with its own record if it needs one.",
    },
    CodeInfo {
        code: DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "The record has more than 10,000 diagnostics; the rest are counted in this one and not listed (the first error is always kept).",
    },
    CodeInfo {
        code: WRITTEN_APPROXIMATELY,
        severity: Severity::Info,
        summary: "The CFF writer wrote a value in a form of CFF's that says less than the model: an alternate identifier of a type CFF does not list (or of a form its schema does not take for that type) as an identifier of type other, a related item of a type CFF does not list as generic, a creator without nameType or name parts as an entity.",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A CFF key has no place in DataCite (an e-mail address, a postal address, a reference's journal), or is not a CFF 1.2.0 key at all; it is not carried. The message says which.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value is not of the form its key needs (a list where text belongs, a date that is not YYYY-MM-DD, a DOI that is no DOI); it is kept as written where the model has a place, else not read.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty value (null, an empty text or list) was skipped.",
    },
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "A value was written in its normal form: a DOI without resolver (https://doi.org/…).",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "A type is not one of CFF's (software or dataset for the file, the schema's list for references); the file's type is Other and kept as resourceType, a reference's Other.",
    },
    CodeInfo {
        code: codes::REQUIRED_MISSING,
        severity: Severity::Warning,
        summary: "A key CFF requires is missing (cff-version, message, title and authors of the file; authors, title and type of a reference). Read: what is there is read. Written (an error): the record lacks what CFF requires, and the file written is not valid CFF.",
    },
    CodeInfo {
        code: codes::WRITE_UNREPRESENTABLE,
        severity: Severity::Warning,
        summary: "CFF has no place for a value the record holds (a publisher, contributors other than contacts, dates other than the release, funding, geolocations); it is not written. The message names it and the path is its JSON pointer.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_ASSUMED,
        severity: Severity::Warning,
        summary: "The file is not valid UTF-8 (as CFF requires) and was decoded as Windows-1252; check accented characters, or save the file as UTF-8.",
    },
    CodeInfo {
        code: crosswalk_text::ENCODING_UTF16,
        severity: Severity::Info,
        summary: "The file is UTF-16 and was transcoded to UTF-8.",
    },
    CodeInfo { code: crosswalk_text::ENCODING_INVALID, severity: Severity::Warning, summary: crosswalk_text::INVALID_BYTES_SUMMARY },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: codes::VALUE_TRIMMED,
        severity: Severity::Info,
        summary: "White space around a value was removed.",
    },
];

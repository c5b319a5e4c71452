//! InvenioRDM record JSON for Crosswalk: a reader into the DataCite model and a writer from it.
//!
//! InvenioRDM (Zenodo's software since 2023, and many institutional repositories) serves and
//! takes records as JSON whose `metadata` holds the work: `resource_type` ids, `creators` with
//! `person_or_org` and `affiliations`, `identifiers`, `related_identifiers`, `dates`, `rights`,
//! `funding`. This crate maps that metadata to and from the model the way InvenioRDM's own
//! DataCite serializer does (`invenio_rdm_records/resources/serializers/datacite/schema.py`),
//! with its vocabularies' DataCite values ([`vocab`]); reading follows the serializer, writing
//! is its inverse.
//!
//! - [`read`] and the streaming [`Reader`] take one record (whole, `{"id", "metadata", "pids",
//!   …}`, or a bare `metadata` object), a JSON array of them or JSON Lines, and give one
//!   [`Record`](crosswalk_model::Record) per item, every problem a diagnostic at the value's
//!   JSON pointer and `line:column`. Unknown vocabulary ids are kept where the model can hold
//!   them (`Unknown` values, `resourceType`) and reported (`vocab.unknown`).
//! - [`write()`] writes one record, `{"metadata": {…}, "pids": {"doi": {"identifier", "provider":
//!   "datacite"}}}`, and reports what InvenioRDM's metadata cannot hold
//!   (`write.unrepresentable`); the facade frames several as a JSON array.
//!
//! # Caps
//!
//! | what | cap | over it |
//! |---|---|---|
//! | the input of [`read`] | [`MAX_DOCUMENT_BYTES`] (64 MiB) | one failed record, [`INVENIO_TOO_LARGE`]; nothing of it parsed |
//! | one item of [`Reader`] (and of the facade's streams) | [`MAX_DOCUMENT_BYTES`] (64 MiB, `crosswalk_text::MAX_ITEM_BYTES`) | skipped without being held: one failed record, `input.item-too-large`; the items after it are read |
//! | nesting of arrays and objects | 128 levels (`serde_json`'s limit) | the item is one failed record, [`INVENIO_SYNTAX`] |
//! | diagnostics per record | [`MAX_DIAGNOSTICS`] (10,000) | the rest counted in one warning, [`INVENIO_DIAGNOSTICS_TRUNCATED`] |

// Library code never panics on input: these lints hold outside unit tests.
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

mod read;
pub mod vocab;
mod write;

use crosswalk_model::{codes, CodeInfo, Severity};

pub use read::{is_known_key, read, Reader, METADATA_KEYS};
pub use write::{write, write_value};

/// Code: the input (or an item of it) is not valid JSON.
pub const INVENIO_SYNTAX: &str = "invenio.syntax";
/// Code: an item of the input is not a JSON object, so it is no record.
pub const INVENIO_NOT_A_RECORD: &str = "invenio.not-a-record";
/// Code: the input holds no record.
pub const INVENIO_NO_RECORDS: &str = "invenio.no-records";
/// Code: the input could not be read to its end.
pub const INVENIO_IO: &str = "invenio.io";
/// Code: the input of [`read`] is larger than [`MAX_DOCUMENT_BYTES`]; it was not read.
pub const INVENIO_TOO_LARGE: &str = "invenio.too-large";
/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics.
pub const INVENIO_DIAGNOSTICS_TRUNCATED: &str = "invenio.diagnostics-truncated";
/// Code: a value has a JSON type its field cannot have.
pub const INVENIO_TYPE: &str = "invenio.type";
/// Code: HTML markup was removed from a description or title (`crosswalk-rules`' code).
pub const MARKUP_REMOVED: &str = "markup.removed";

/// The largest input [`read`] reads, and the largest item [`Reader`] (and the facade's streams)
/// read: 64 MiB, `crosswalk_text::MAX_ITEM_BYTES`. An item is parsed whole (a `serde_json`
/// tree and the model); real InvenioRDM records take kilobytes.
pub const MAX_DOCUMENT_BYTES: usize = crosswalk_text::MAX_ITEM_BYTES;
/// The most diagnostics one record keeps: 10,000; further ones are counted in one warning.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// The rights statement InvenioRDM's serializer gives a record's `copyright` text: read back
/// into `copyright`.
pub const INVENIO_COPYRIGHT_URI: &str = "http://rightsstatements.org/vocab/InC/1.0/";

/// The codes this crate emits. It also emits the shared codes `vocab.unknown`,
/// `field.unmapped`, `field.repeated`, `value.invalid`, `required.missing`,
/// `write.unrepresentable`, `crosswalk-text`'s `input.*` codes, and the text rules' codes of
/// `Record::tidy`.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: INVENIO_SYNTAX,
        severity: Severity::Error,
        summary: "The input, or one item of it, is not valid JSON at the position given; that item could not be read (the others were). Fix the syntax.",
    },
    CodeInfo {
        code: INVENIO_NOT_A_RECORD,
        severity: Severity::Error,
        summary: "An item of the input is a string, number or nested list, not a JSON object, so no InvenioRDM record can be read from it.",
    },
    CodeInfo {
        code: INVENIO_NO_RECORDS,
        severity: Severity::Error,
        summary: "The input holds no InvenioRDM record (it is empty or an empty list); there is nothing to convert.",
    },
    CodeInfo {
        code: INVENIO_IO,
        severity: Severity::Error,
        summary: "The input could not be read to its end; the records before the error were read, the rest are missing.",
    },
    CodeInfo {
        code: INVENIO_TOO_LARGE,
        severity: Severity::Error,
        summary: "The input is larger than 64 MiB, the most read as one InvenioRDM document; it was not read. Read it as a stream (the command line does), which holds one record at a time.",
    },
    CodeInfo {
        code: INVENIO_DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them), the rest only counted.",
    },
    CodeInfo {
        code: INVENIO_TYPE,
        severity: Severity::Warning,
        summary: "A value has a JSON type its InvenioRDM field cannot have (a list where a text belongs, a number where an object does); it is not carried over. Correct the value.",
    },
];

/// The shared codes this crate emits besides [`CODES`].
pub const SHARED_CODES: &[&str] = &[
    codes::VOCAB_UNKNOWN,
    codes::FIELD_UNMAPPED,
    codes::FIELD_REPEATED,
    codes::VALUE_INVALID,
    codes::VALUE_NORMALISED,
    codes::REQUIRED_MISSING,
    codes::WRITE_UNREPRESENTABLE,
    MARKUP_REMOVED,
];

//! DataCite's own formats for Crosswalk: DataCite XML (kernels 2.2, 3, 3.1 and 4.0–4.7 read,
//! kernel 4.7 written) and the REST API's JSON (`attributes`, and whole JSON:API documents:
//! request payloads, single-DOI responses and list responses).
//!
//! Readers never fail: they return [`Record`](crosswalk_model::Record)s whose diagnostics say
//! what was wrong, lost or mapped, each with a source location.
//!
//! # Caps
//!
//! Both readers read a document whole, so each has a cap on its size:
//!
//! | what | cap | over it |
//! |---|---|---|
//! | a DataCite XML document | [`xml::read::MAX_DOCUMENT_BYTES`] (64 MiB) | one failed record, `xml.too-large`; nothing decoded or parsed |
//! | the input of [`json::read()`] | [`json::read::MAX_DOCUMENT_BYTES`] (64 MiB) | one failed record, `json.too-large`; nothing decoded or parsed |
//! | one item of a JSON array or JSON Lines in the facade's streams | the same (`crosswalk_text::MAX_ITEM_BYTES`) | skipped without being held: one failed record, `input.item-too-large`, and the items after it are read (one that does not end within four times the cap is the last: the rest of the input is not read) |
//! | XML nesting | none needed: the tree is built without recursion, and the reader descends only into DataCite's fixed structure | |
//! | JSON nesting | 128 levels (`serde_json`'s limit) | one failed record, `json.syntax` |
//! | diagnostics per record | 10,000 (XML: as they come; JSON: [`json::read::MAX_DIAGNOSTICS`]) | the rest counted in one warning, `xml.diagnostics-truncated` / `json.diagnostics-truncated` |
//!
//! The XML reader computes element paths for diagnostics once per parent, so many findings
//! among many siblings stay linear.

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

pub mod json;
pub mod xml;

use crosswalk_model::CodeInfo;

/// Every diagnostic code this crate emits, with its documentation.
pub fn codes() -> impl Iterator<Item = &'static CodeInfo> {
    xml::read::CODES.iter().chain(xml::write::CODES).chain(json::read::CODES)
}

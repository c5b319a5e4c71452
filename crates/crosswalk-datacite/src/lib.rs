//! DataCite's own formats for Crosswalk: DataCite XML (kernels 2.2, 3, 3.1 and 4.0–4.7 read,
//! kernel 4.7 written) and the REST API's JSON (`attributes`, and whole JSON:API documents:
//! request payloads, single-DOI responses and list responses).
//!
//! Readers never fail: they return [`Record`](crosswalk_model::Record)s whose diagnostics say
//! what was wrong, lost or mapped, each with a source location.

pub mod json;
pub mod xml;

use crosswalk_model::CodeInfo;

/// Every diagnostic code this crate emits, with its documentation.
pub fn codes() -> impl Iterator<Item = &'static CodeInfo> {
    xml::read::CODES.iter().chain(xml::write::CODES).chain(json::read::CODES)
}

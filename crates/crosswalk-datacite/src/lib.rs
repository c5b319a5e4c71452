//! DataCite's own formats for Crosswalk: DataCite XML (kernels 2.2, 3, 3.1 and 4.0–4.7 read,
//! kernel 4.7 written) and the REST API's JSON (`attributes`, and whole JSON:API documents:
//! request payloads, single-DOI responses and list responses).
//!
//! Readers never fail: they return [`Record`](crosswalk_model::Record)s whose diagnostics say
//! what was wrong, lost or mapped, each with a source location.

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

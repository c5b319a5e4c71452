//! Formatted citations for Crosswalk: one bibliography entry per record, in any CSL 1.0.2 style
//! and locale, as plain text or HTML.
//!
//! The record goes through the model → CSL item mapping that the CSL-JSON writer uses
//! ([`crosswalk_csl::write_item_keyed`]), so there is one mapping of the model onto CSL
//! variables, documented in `docs/crosswalks/citeproc.md`; this crate only hands that item to the
//! CSL processor ([`hayagriva`], Typst's) and writes what it renders.
//!
//! - [`Style`]: a style of the official CSL repository that hayagriva bundles, by name
//!   ([`Style::by_name`], listed by [`styles`]), or a `.csl` file ([`Style::from_file`], read
//!   from disk only, at most [`MAX_STYLE_BYTES`]; a dependent style's parent must be bundled).
//! - [`Locale`]: a bundled CSL locale by tag (`en-US`, `de-DE`, or just `de`; listed by
//!   [`locales`]); without one, the style's own default locale, else `en-US`.
//! - [`Citations`]: a style, a locale and an [`Output`] form put together once and shared by
//!   every worker of a batch; [`Citations::write`] renders one record.
//!
//! ```
//! use crosswalk_citation::{Citations, Output, Style};
//! use crosswalk_model::{Creator, Publisher, Resource, ResourceTypeGeneral, Title, Types};
//!
//! let mut resource = Resource::default();
//! resource.doi = Some("10.5438/0012".into());
//! resource.creators.push(Creator::named("DataCite Metadata Working Group"));
//! resource.titles.push(Title::new("DataCite Metadata Schema Documentation"));
//! resource.publisher = Some(Publisher::named("DataCite e.V."));
//! resource.publication_year = Some("2016".into());
//! resource.types = Types::new(ResourceTypeGeneral::Report, None);
//!
//! let apa = Citations::new(Style::by_name("apa").unwrap(), None, Output::Text).unwrap();
//! let written = apa.write(&resource, None, None);
//! assert_eq!(
//!     written.text,
//!     "DataCite Metadata Working Group. (2016). DataCite Metadata Schema Documentation. \
//!      DataCite e.V. https://doi.org/10.5438/0012"
//! );
//! ```
//!
//! # What is an error
//!
//! A style shows what it shows: everything the model holds that the style leaves out is not
//! reported. A record with neither a title nor a creator has nothing to cite and is refused
//! ([`CITATION_UNRENDERABLE`]), as is one the style renders as nothing
//! ([`CITATION_EMPTY`]). An unknown style or locale, an unreadable style file and a style without
//! a bibliography are a [`StyleError`] before any record is read.

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

mod item;
mod output;
mod render;
mod style;

use crosswalk_model::{CodeInfo, Severity};

pub use output::Output;
pub use render::Citations;
pub use style::{locales, styles, Locale, Style, StyleError, StyleInfo, DEFAULT_LOCALE, MAX_STYLE_BYTES};

/// Code: the record has neither a title nor a creator, so there is nothing to cite; no entry is
/// written.
pub const CITATION_UNRENDERABLE: &str = "citation.unrenderable";
/// Code: the style rendered the record as nothing (it shows none of the variables the record
/// has); no entry is written.
pub const CITATION_EMPTY: &str = "citation.empty";
/// Code: a date is a range; the citation shows its start, as the processor takes single dates.
pub const CITATION_DATE_RANGE: &str = "citation.date-range";
/// Code: the CSL processor failed on the record (a defect of the processor, caught so that the
/// other records go on); no entry is written.
pub const CITATION_FAILED: &str = "citation.failed";

/// Every code this crate emits, documented.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: CITATION_UNRENDERABLE,
        severity: Severity::Error,
        summary: "The record has neither a title nor a creator: there is nothing to cite, and no citation is written. Add a title or a creator to the record.",
    },
    CodeInfo {
        code: CITATION_EMPTY,
        severity: Severity::Error,
        summary: "The style rendered the record as nothing: it shows none of the variables the record has. Try another --style.",
    },
    CodeInfo {
        code: CITATION_DATE_RANGE,
        severity: Severity::Info,
        summary: "A date of the record is a range (2019/2021); the citation shows its start, since the CSL processor renders single dates.",
    },
    CodeInfo {
        code: CITATION_FAILED,
        severity: Severity::Error,
        summary: "The CSL processor failed on this record (a defect of the processor, not of the record); no citation is written and the other records go on. Please report it with the record.",
    },
];

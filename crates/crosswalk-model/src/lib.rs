//! The canonical model of Crosswalk: DataCite Metadata Schema 4.7 as plain typed Rust.
//!
//! Every reader turns its format into a [`Record`] (a [`Resource`] plus [`Diagnostic`]s) and
//! every writer turns a [`Resource`] back into bytes; this crate is the only thing they share.
//! Its serde form is the REST API's `attributes` object: `serde_json::to_value(&resource)` is a
//! DataCite JSON record.
//!
//! Controlled lists are enums ([`vocab`]) whose `Unknown(String)` variant keeps a value outside
//! the list as written, so a reader never has to drop one.

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

pub mod chars;
pub mod diagnostic;
pub mod doi;
mod normalise;
pub mod record;
pub mod resource;
mod serde_forms;
pub mod tidy;
pub mod types;
pub mod vocab;

pub use diagnostic::{codes, CodeInfo, Diagnostic, Location, Severity};
pub use record::{Origin, Record, Request, Written};
pub use resource::{
    Affiliation, AlternateIdentifier, Contributor, Coordinate, Creator, Date, Description, FundingReference, GeoBox,
    GeoLocation, NameIdentifier, Point, Polygon, Publisher, RelatedIdentifier, RelatedItem, RelatedItemContributor,
    RelatedItemCreator, RelatedItemIdentifier, Resource, Rights, Subject, Title,
};
pub use types::{DerivedTypes, Types};
pub use vocab::{
    ContributorType, DateType, DescriptionType, FunderIdentifierType, Match, NameType, NumberType,
    RelatedIdentifierType, RelationType, ResourceTypeGeneral, TitleType, Vocabulary,
};

//! DataCite XML.

pub mod read;
pub mod write;

pub use read::{read, read_str};
pub use write::write;

/// The kernel-4 namespace, used by every 4.x schema and written by [`write`].
pub const KERNEL_4: &str = "http://datacite.org/schema/kernel-4";
/// The schema location written by [`write`] (as in DataCite's own payload examples).
pub const KERNEL_4_SCHEMA_LOCATION: &str = "http://schema.datacite.org/meta/kernel-4/metadata.xsd";

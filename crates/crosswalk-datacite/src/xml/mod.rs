//! DataCite XML.

pub mod read;
pub mod write;

pub use read::{read, read_str};
pub use write::{judge, write, write_checked, Breaks, Checked, OutsideList, Verdict};

/// The kernel-4 namespace, used by every 4.x schema and written by [`write()`].
pub const KERNEL_4: &str = "http://datacite.org/schema/kernel-4";
/// The schema location written by [`write()`] (as in DataCite's own payload examples).
pub const KERNEL_4_SCHEMA_LOCATION: &str = "http://schema.datacite.org/meta/kernel-4/metadata.xsd";

/// XML's white space (the `S` production): space, tab, line feed, carriage return. Only these
/// are trimmed from the ends of a value read, and only these are left out at the ends of a value
/// written after characters XML cannot hold were dropped; other spaces (no-break space, ideographic
/// space, …) are characters of the value, kept both ways.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `text` without XML white space at its ends.
pub(crate) fn trim_xml_space(text: &str) -> &str {
    text.trim_matches(is_xml_space)
}

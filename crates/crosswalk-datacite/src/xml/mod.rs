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

/// [`trim_xml_space`] for bytes: XML white space is ASCII (the bytes of [`is_xml_space`]), so a
/// caller that works on bytes (the writer's URI check, asked of every URI attribute) need not go
/// through characters.
pub(crate) fn trim_xml_space_bytes(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\n' | b'\r', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\n' | b'\r'] = bytes {
        bytes = rest;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_xml_white_space_is_trimmed() {
        assert_eq!(trim_xml_space(" \t\r\n a b \n"), "a b");
        assert_eq!(trim_xml_space("\u{A0}kept\u{3000}"), "\u{A0}kept\u{3000}");
        for text in [" x ", "\u{85}x\u{2028}", "\t\u{FEFF}y", "é ", " \n ", "", "plain"] {
            assert_eq!(trim_xml_space_bytes(text.as_bytes()), trim_xml_space(text).as_bytes(), "{text:?}");
        }
    }
}

//! What the first bytes of an XML document say about its encoding, before it is decoded: the
//! `encoding` of its XML declaration, and UTF-16 written without a byte-order mark (XML 1.0,
//! appendix F). The XML readers and the validator decode their input with these; the streaming
//! readers read through [`Utf8Source`], which applies them (and the stray-byte rule) chunk by chunk.

mod source;

pub use source::Utf8Source;

use crate::Encoding;

/// How far after its start an XML declaration is looked for its end. A declaration is a few
/// dozen bytes; the limit keeps a document that merely starts with `<?xml` from being scanned.
const DECLARATION_LIMIT: usize = 200;

/// The `encoding` label of the XML declaration at the start of `head` (the first bytes of a
/// document; a UTF-8 byte-order mark and white space before the declaration are passed over),
/// as written; `None` without a declaration or without an `encoding` in it.
///
/// The label is read from the raw bytes: the declaration is ASCII in every encoding a label can
/// be read from this way. [`Encoding::from_label`] tells whether it is one the decoder reads.
///
/// ```
/// use crosswalk_text::xml::declared_encoding;
///
/// assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><a/>"), Some("ISO-8859-1"));
/// assert_eq!(declared_encoding(b"\xEF\xBB\xBF\n<?xml version=\"1.0\" encoding = \"utf-8\"?>"), Some("utf-8"));
/// assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><a encoding=\"x\"/>"), None);
/// assert_eq!(declared_encoding(b"<a/>"), None);
/// ```
pub fn declared_encoding(head: &[u8]) -> Option<&str> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = head.get(start..)?;
    let head = head.get(..head.len().min(DECLARATION_LIMIT))?;
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(head.get(..end)?).ok()?;
    let after = declaration.split_once("encoding")?.1.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after.get(1..)?;
    value.split_once(quote).map(|(label, _)| label)
}

/// The UTF-16 byte order of a document that starts with `<?` in UTF-16 without a byte-order
/// mark (`3C 00 3F 00` little-endian, `00 3C 00 3F` big-endian), as XML 1.0 appendix F
/// recognises it; `None` for anything else (a document with a mark is recognised by the mark).
///
/// ```
/// use crosswalk_text::{xml::utf16_without_bom, Encoding};
///
/// assert_eq!(utf16_without_bom(b"<\0?\0x\0m\0l\0"), Some(Encoding::Utf16Le));
/// assert_eq!(utf16_without_bom(b"\0<\0?\0x\0m\0l"), Some(Encoding::Utf16Be));
/// assert_eq!(utf16_without_bom(b"<?xml"), None);
/// ```
pub fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    match head.get(..4)? {
        [b'<', 0, b'?', 0] => Some(Encoding::Utf16Le),
        [0, b'<', 0, b'?'] => Some(Encoding::Utf16Be),
        _ => None,
    }
}

/// The character of one of XML's five predefined entities (`lt`, `gt`, `amp`, `apos`, `quot`).
pub fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// What an attribute value held that [`unescape_attribute`] could not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttributeProblem {
    /// A reference to an entity other than the five predefined ones (or a character reference to
    /// no character): kept as written.
    Unresolved(String),
    /// A `&` that starts no reference: kept as a literal `&`.
    BareAmpersand,
}

/// An attribute value with its references resolved (XML's five entities and character
/// references only: no DTD is ever read) and normalised (XML 1.0 §3.3.3: tab and line ends become
/// spaces); `problem` hears of each reference it could not resolve, which stays as written.
///
/// ```
/// use crosswalk_text::xml::{unescape_attribute, AttributeProblem};
///
/// let mut problems = Vec::new();
/// let value = unescape_attribute("a&amp;b&#x41;\t&nbsp;& c", |p| problems.push(p));
/// assert_eq!(value, "a&bA &nbsp;& c");
/// assert_eq!(problems, [AttributeProblem::Unresolved("nbsp".into()), AttributeProblem::BareAmpersand]);
/// ```
pub fn unescape_attribute(raw: &str, mut problem: impl FnMut(AttributeProblem)) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((before, after)) = rest.split_once('&') {
        out.push_str(before);
        match after.split_once(';').filter(|(name, _)| name.len() <= 32) {
            Some((name, after_reference)) => {
                let resolved = match name.strip_prefix('#') {
                    Some(number) => {
                        let code = match number.strip_prefix('x') {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => number.parse().ok(),
                        };
                        code.and_then(char::from_u32).filter(|c| *c != '\0')
                    }
                    None => predefined_entity(name),
                };
                match resolved {
                    Some(c) => out.push(c),
                    None => {
                        problem(AttributeProblem::Unresolved(name.to_owned()));
                        out.push('&');
                        out.push_str(name);
                        out.push(';');
                    }
                }
                rest = after_reference;
            }
            None => {
                problem(AttributeProblem::BareAmpersand);
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // Attribute-value normalisation: each white-space character is a space (rare: most values
    // are taken as they are).
    if out.contains(['\t', '\n', '\r']) {
        out = out.replace(['\t', '\n', '\r'], " ");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations() {
        assert_eq!(
            declared_encoding(b"  <?xml version='1.0' encoding=\"windows-1252\" standalone='yes'?>"),
            Some("windows-1252")
        );
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding=\"UTF-8?>"), None, "unterminated value");
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding=UTF-8?>"), None, "unquoted value");
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding=\"latin1\""), None, "no end of the declaration");
        assert_eq!(declared_encoding(b""), None);
        assert_eq!(declared_encoding(b"\xEF\xBB\xBF"), None);
    }

    #[test]
    fn a_declaration_is_looked_for_near_the_start_only() {
        let near = format!("<?xml{}encoding=\"latin1\"?>", " ".repeat(150));
        assert_eq!(declared_encoding(near.as_bytes()), Some("latin1"));
        let far = format!("<?xml{}encoding=\"latin1\"?>", " ".repeat(DECLARATION_LIMIT));
        assert_eq!(declared_encoding(far.as_bytes()), None);
    }

    #[test]
    fn utf16_needs_four_bytes() {
        assert_eq!(utf16_without_bom(b"<\0?"), None);
        assert_eq!(utf16_without_bom(b"\xFF\xFE<\0"), None);
    }
}

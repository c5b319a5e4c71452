//! Source values shown in diagnostic messages: cut to a length a message can hold, and quoted so
//! that white space and quotes inside them stay visible.

use std::borrow::Cow;

/// `text` when it has at most `limit` characters; else its first `limit` characters followed by
/// `…`.
///
/// ```
/// use crosswalk_text::message::shorten;
///
/// assert_eq!(shorten("short", 10), "short");
/// assert_eq!(shorten("Müller-Lüdenscheidt", 6), "Müller…");
/// ```
pub fn shorten(text: &str, limit: usize) -> Cow<'_, str> {
    match text.char_indices().nth(limit) {
        Some((end, _)) => Cow::Owned(format!("{}…", text.get(..end).unwrap_or(text))),
        None => Cow::Borrowed(text),
    }
}

/// A value for a message: [`shorten`]ed to `limit` characters, in double quotes, with quotes,
/// backslashes and control characters escaped as Rust and JSON write them (`\"`, `\n`).
///
/// ```
/// use crosswalk_text::message::quote;
///
/// assert_eq!(quote("a \"b\"\n", 60), r#""a \"b\"\n""#);
/// assert_eq!(quote("abcdef", 3), "\"abc…\"");
/// ```
pub fn quote(text: &str, limit: usize) -> String {
    format!("{:?}", shorten(text, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortening_counts_characters() {
        assert!(matches!(shorten("abc", 3), Cow::Borrowed("abc")));
        assert_eq!(shorten("abcd", 3), "abc…");
        assert_eq!(shorten("東京都", 2), "東京…");
        assert_eq!(shorten("", 0), "");
        assert_eq!(shorten("a", 0), "…");
    }

    #[test]
    fn quoting_escapes_and_keeps_the_ellipsis_inside() {
        assert_eq!(quote("", 5), "\"\"");
        assert_eq!(quote("tab\there", 80), "\"tab\\there\"");
        assert_eq!(quote("x\"yz", 2), "\"x\\\"…\"");
    }
}

//! Characters that need care in text values, in one place for every reader (through
//! [`crate::tidy`]), writer and name generator: control characters, the C1 controls that stand
//! for Windows-1252 characters, line and paragraph separators, the controls of bidirectional
//! text, and the model's mark for DataCite XML's line-break element ([`LINE_BREAK`]).

use std::borrow::Cow;

/// A line break in a description: DataCite XML's `<br/>` element, and `<br/>` in DataCite JSON's
/// descriptions, are this character in the model, U+2028 LINE SEPARATOR (a line break within a
/// paragraph, as `<br/>` is in HTML).
///
/// Why a character of its own: kept as the text `<br/>`, the element could not be told from the
/// text `<br/>` (escaped in XML, `&lt;br/&gt;`, or plain text in RIS, BibTeX, CSL), which then
/// came out as an element; text is text. The XML writer writes this character as the element,
/// the model's JSON form as `<br/>`, the text formats as a line feed. In other properties,
/// which have no line-break element, [`crate::tidy`] replaces it with a space.
pub const LINE_BREAK: char = '\u{2028}';

/// [`LINE_BREAK`] as a string.
pub const LINE_BREAK_STR: &str = "\u{2028}";

/// The spellings of the line-break element in a DataCite JSON description, which the JSON form
/// reads as [`LINE_BREAK`] (and writes as the first).
pub const LINE_BREAK_MARKUP: [&str; 3] = ["<br/>", "<br>", "<br />"];

/// `text` with every [`LINE_BREAK`] written as `with` (a line feed for text formats).
///
/// ```
/// use crosswalk_model::chars::{line_breaks_as, LINE_BREAK};
///
/// assert_eq!(line_breaks_as(&format!("one{LINE_BREAK}two"), "\n"), "one\ntwo");
/// assert!(matches!(line_breaks_as("plain", "\n"), std::borrow::Cow::Borrowed("plain")));
/// ```
pub fn line_breaks_as<'a>(text: &'a str, with: &str) -> Cow<'a, str> {
    if text.contains(LINE_BREAK) {
        Cow::Owned(text.replace(LINE_BREAK, with))
    } else {
        Cow::Borrowed(text)
    }
}

/// The note of a writer whose format has no line-break element and writes the description at
/// `pointer`'s line breaks ([`LINE_BREAK`]) as line feeds, which read back as line feeds (and so
/// as text line breaks in DataCite XML, not `<br/>`); `None` when the text has none.
///
/// ```
/// let note = crosswalk_model::chars::line_breaks_note("a\u{2028}b", "/descriptions/0/description").unwrap();
/// assert_eq!(note.code, "value.normalised");
/// assert!(crosswalk_model::chars::line_breaks_note("a\nb", "/descriptions/0/description").is_none());
/// ```
pub fn line_breaks_note(text: &str, pointer: &str) -> Option<crate::Diagnostic> {
    text.contains(LINE_BREAK).then(|| {
        crate::Diagnostic::info(
            crate::codes::VALUE_NORMALISED,
            "the description's line breaks (DataCite XML's <br/>) are written as line feeds, which read back as line feeds",
        )
        .at(crate::Location::path(pointer))
    })
}

/// A DataCite JSON description's text as the model holds it: each spelling of the line-break
/// element ([`LINE_BREAK_MARKUP`]) becomes [`LINE_BREAK`].
///
/// ```
/// use crosswalk_model::chars::{line_breaks_from_markup, LINE_BREAK};
///
/// assert_eq!(line_breaks_from_markup("a<br/>b<br>c<br />d<brown>"), format!("a{LINE_BREAK}b{LINE_BREAK}c{LINE_BREAK}d<brown>"));
/// ```
pub fn line_breaks_from_markup(text: &str) -> Cow<'_, str> {
    if !text.contains("<br") {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_owned();
    for markup in LINE_BREAK_MARKUP {
        if out.contains(markup) {
            out = out.replace(markup, LINE_BREAK_STR);
        }
    }
    Cow::Owned(out)
}

/// Windows-1252's characters for bytes 0x80–0x9F; its five undefined positions keep their C1
/// control. Every other byte is the Latin-1 character of the same number.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 character of `byte`: its own characters for 0x80–0x9F (the five undefined
/// positions give their C1 control), Latin-1's for every other byte.
///
/// ```
/// use crosswalk_model::chars::windows_1252;
///
/// assert_eq!(windows_1252(0x93), '“');
/// assert_eq!(windows_1252(0xE9), 'é');
/// assert_eq!(windows_1252(0x81), '\u{81}');
/// ```
pub fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or(char::from(byte)),
        _ => char::from(byte),
    }
}

/// The Windows-1252 character a C1 control (U+0080–U+009F) stands for. Text decoded as Latin-1
/// (or a JSON `\u0096` written by a program that did) holds C1 controls where its source meant
/// Windows-1252's punctuation and letters (a dash, curly quotes, `Š`): no text means the control
/// itself. `None` for the five positions Windows-1252 leaves undefined and for every other
/// character.
///
/// ```
/// use crosswalk_model::chars::cp1252_for_c1;
///
/// assert_eq!(cp1252_for_c1('\u{96}'), Some('–'));
/// assert_eq!(cp1252_for_c1('\u{81}'), None);
/// assert_eq!(cp1252_for_c1('–'), None);
/// ```
pub fn cp1252_for_c1(c: char) -> Option<char> {
    let byte = u8::try_from(u32::from(c)).ok().filter(|b| (0x80..=0x9F).contains(b))?;
    Some(windows_1252(byte)).filter(|&mapped| mapped != c)
}

/// True for control characters a text value should not hold: C0 controls other than tab, line
/// feed and carriage return, DEL, and C1 controls. XML 1.0 cannot hold most of them at all, RIS
/// and BibTeX lines break or end at some, and none is text.
///
/// ```
/// use crosswalk_model::chars::is_stray_control;
///
/// assert!(is_stray_control('\0') && is_stray_control('\u{7F}') && is_stray_control('\u{85}'));
/// assert!(!is_stray_control('\t') && !is_stray_control('\n') && !is_stray_control('\r'));
/// ```
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` with the rule for control characters applied, as [`crate::tidy`] applies it to every
/// value read: a C1 control that stands for a Windows-1252 character is that character
/// ([`cp1252_for_c1`]), every other control but tab, line feed and carriage return is left out
/// ([`is_stray_control`]). For writers of text formats, which must never write a raw NUL or
/// another control, whatever resource they are given. Borrowed when nothing changes.
///
/// ```
/// use crosswalk_model::chars::without_controls;
///
/// assert_eq!(without_controls("a\u{96}b\0c\r\n"), "a–bc\r\n");
/// assert!(matches!(without_controls("plain\ttext"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn without_controls(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII with tabs and line ends; only C0, DEL and C1 need a look.
    let clean = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r');
    if text.chars().all(clean) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter_map(|c| cp1252_for_c1(c).or_else(|| (!is_stray_control(c)).then_some(c))).collect())
}

/// True for the characters that control the order in which bidirectional text is displayed:
/// the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069, the marks U+200E,
/// U+200F and U+061C. They belong in right-to-left text, but can also make a displayed value
/// (a file name, an identifier, a citation key) read differently from what it is.
///
/// ```
/// use crosswalk_model::chars::is_bidi_control;
///
/// assert!(is_bidi_control('\u{202E}') && is_bidi_control('\u{2067}') && is_bidi_control('\u{200F}'));
/// assert!(!is_bidi_control('ا') && !is_bidi_control('\u{200B}'));
/// ```
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character's code point as people read it in messages: `U+202E`.
///
/// ```
/// assert_eq!(crosswalk_model::chars::code_point('\u{202E}'), "U+202E");
/// assert_eq!(crosswalk_model::chars::code_point('\0'), "U+0000");
/// ```
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_map_to_windows_1252_where_it_has_a_character() {
        let mapped: Vec<char> = ('\u{80}'..='\u{9F}').filter_map(cp1252_for_c1).collect();
        assert_eq!(mapped.len(), 27, "all but the five undefined positions");
        assert!(mapped.iter().all(|c| !c.is_control()));
        assert!((0..=255u8).filter(|b| !(0x80..=0x9F).contains(b)).all(|b| windows_1252(b) == char::from(b)));
    }
}

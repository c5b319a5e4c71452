//! Values whose meaning is decided by their form: `SN` (ISSN, ISBN, or another number),
//! identifiers in `C2`, and language names in `LA`.

/// What an `SN` value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Serial {
    /// `NNNN-NNNC` (hyphen optional).
    Issn,
    /// Ten or thirteen digits (`X` last in ten), with hyphens or spaces.
    Isbn,
    /// Neither.
    Other,
}

/// Splits an `SN` value into its numbers: exporters write several in one line, separated by `;`
/// or `,`.
pub(crate) fn split_serials(value: &str) -> impl Iterator<Item = &str> {
    value.split([';', ',']).map(str::trim).filter(|s| !s.is_empty())
}

/// The number of an `SN` value without what exporters add around it (`ISSN 1234-5678`,
/// `0028-0836 (Print)`, `00280836 (ISSN)`), and what it is.
pub(crate) fn classify_serial(value: &str) -> (&str, Serial) {
    let mut number = value.trim();
    if let Some(open) = number.rfind('(') {
        if number.ends_with(')') && open > 0 {
            number = number.get(..open).unwrap_or(number).trim_end();
        }
    }
    for prefix in ["ISSN", "EISSN", "E-ISSN", "PISSN", "P-ISSN", "ISBN-13", "ISBN-10", "ISBN13", "ISBN10", "ISBN"] {
        let head = number.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            number = number.get(prefix.len()..).unwrap_or_default().trim_start_matches([':', ' ']).trim();
            break;
        }
    }
    let valid_chars = number.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b' ' | b'X' | b'x'));
    let symbols: Vec<u8> = number.bytes().filter(|b| b.is_ascii_alphanumeric()).collect();
    let x_only_last = symbols.iter().rev().skip(1).all(u8::is_ascii_digit);
    let kind = match symbols.len() {
        _ if !valid_chars || !x_only_last || number.is_empty() => Serial::Other,
        8 if number.len() <= 9 => Serial::Issn,
        10 => Serial::Isbn,
        13 if symbols.iter().all(u8::is_ascii_digit)
            && (symbols.starts_with(b"978") || symbols.starts_with(b"979")) =>
        {
            Serial::Isbn
        }
        _ => Serial::Other,
    };
    (number, kind)
}

/// English names of common languages and their ISO 639-1 codes.
const LANGUAGES: &[(&str, &str)] = &[
    ("afrikaans", "af"),
    ("arabic", "ar"),
    ("bulgarian", "bg"),
    ("catalan", "ca"),
    ("chinese", "zh"),
    ("croatian", "hr"),
    ("czech", "cs"),
    ("danish", "da"),
    ("dutch", "nl"),
    ("english", "en"),
    ("estonian", "et"),
    ("finnish", "fi"),
    ("french", "fr"),
    ("german", "de"),
    ("greek", "el"),
    ("hebrew", "he"),
    ("hindi", "hi"),
    ("hungarian", "hu"),
    ("icelandic", "is"),
    ("indonesian", "id"),
    ("irish", "ga"),
    ("italian", "it"),
    ("japanese", "ja"),
    ("korean", "ko"),
    ("latin", "la"),
    ("latvian", "lv"),
    ("lithuanian", "lt"),
    ("malay", "ms"),
    ("norwegian", "no"),
    ("persian", "fa"),
    ("polish", "pl"),
    ("portuguese", "pt"),
    ("romanian", "ro"),
    ("russian", "ru"),
    ("serbian", "sr"),
    ("slovak", "sk"),
    ("slovenian", "sl"),
    ("spanish", "es"),
    ("swedish", "sv"),
    ("thai", "th"),
    ("turkish", "tr"),
    ("ukrainian", "uk"),
    ("vietnamese", "vi"),
    ("welsh", "cy"),
];

/// The ISO 639-1 code of an English language name (`English`, `ENGLISH` → `en`).
pub(crate) fn language_code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    LANGUAGES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, code)| *code)
}

/// `PMC` followed by digits.
pub(crate) fn is_pmcid(value: &str) -> bool {
    value.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("PMC"))
        && value.len() > 3
        && value.bytes().skip(3).all(|b| b.is_ascii_digit())
}

/// Digits only (a PubMed ID).
pub(crate) fn is_pmid(value: &str) -> bool {
    !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit())
}

/// True for a web address the model can link to (`http`, `https`, `ftp`).
pub(crate) fn is_web_address(value: &str) -> bool {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://"))
        && !value.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers() {
        assert_eq!(classify_serial("2050084X"), ("2050084X", Serial::Issn));
        assert_eq!(classify_serial("1654-1103"), ("1654-1103", Serial::Issn));
        assert_eq!(classify_serial("00280836 (ISSN)"), ("00280836", Serial::Issn));
        assert_eq!(classify_serial("ISSN: 0028-0836"), ("0028-0836", Serial::Issn));
        assert_eq!(classify_serial("978-90-386-4503-2"), ("978-90-386-4503-2", Serial::Isbn));
        assert_eq!(classify_serial("0-19-852663-6 (pbk.)"), ("0-19-852663-6", Serial::Isbn));
        assert_eq!(classify_serial("ISBN 978 1 4822 5326 9"), ("978 1 4822 5326 9", Serial::Isbn));
        assert_eq!(classify_serial("TR-2019-04"), ("TR-2019-04", Serial::Other));
        assert_eq!(classify_serial("12X45678"), ("12X45678", Serial::Other));
        assert_eq!(classify_serial("1234567890123"), ("1234567890123", Serial::Other));
        assert_eq!(split_serials("1234-5678; 8765-4321,").collect::<Vec<_>>(), ["1234-5678", "8765-4321"]);
    }

    #[test]
    fn languages_and_ids() {
        assert_eq!(language_code("English"), Some("en"));
        assert_eq!(language_code(" GERMAN"), Some("de"));
        assert_eq!(language_code("en"), None);
        assert!(is_pmcid("PMC123456") && !is_pmcid("PMC") && !is_pmcid("PMCx1"));
        assert!(is_pmid("42727861") && !is_pmid("WOS:000"));
        assert!(is_web_address("HTTPS://example.org/a") && !is_web_address("internal-pdf://x.pdf"));
    }
}

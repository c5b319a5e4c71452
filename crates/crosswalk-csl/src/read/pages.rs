//! CSL `page` ranges into `firstPage` and `lastPage`.
//!
//! CSL writes a page range as free text: `12-34`, `12–34` (en dash), `12--34`, `e1234`,
//! `123-45` (the last page abbreviated), or several ranges (`1-5, 10-12`). DataCite has a first
//! and a last page, so a list of ranges becomes its outer bounds, reported.

/// What became of a `page` text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pages {
    /// The first page.
    pub first: String,
    /// The last page, when the text is a range.
    pub last: Option<String>,
    /// Set when the text was more than one range or page: only the outer bounds are kept.
    pub simplified: bool,
    /// Set when an abbreviated last page was written out in full (`123-45` → `145`).
    pub expanded_from: Option<String>,
}

/// True for the characters that separate the ends of a range.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// The two ends of one range (`12-34`, `12 -- 34`), or the page alone.
fn range(text: &str) -> (&str, Option<&str>) {
    match text.find(is_dash) {
        Some(cut) => {
            let first = text.get(..cut).unwrap_or_default().trim();
            let last = text.get(cut..).unwrap_or_default().trim_start_matches(is_dash).trim();
            if first.is_empty() || last.is_empty() {
                (text.trim(), None)
            } else {
                (first, Some(last))
            }
        }
        None => (text.trim(), None),
    }
}

/// Splits a CSL `page` text; `None` when it holds no page.
pub(crate) fn split_pages(text: &str) -> Option<Pages> {
    let parts: Vec<&str> = text.split([',', ';', '&']).map(str::trim).filter(|p| !p.is_empty()).collect();
    let (first_part, last_part) = (parts.first()?, parts.last()?);
    let (first, single_last) = range(first_part);
    let simplified = parts.len() > 1;
    let last = if simplified {
        let (start, end) = range(last_part);
        Some(end.unwrap_or(start))
    } else {
        single_last
    };
    let mut pages = Pages { first: first.to_owned(), last: last.map(str::to_owned), simplified, expanded_from: None };
    // `123-45` abbreviates `123-145`: write the last page in full when both are plain numbers.
    if let Some(last) = &pages.last {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(first) && digits(last) && last.len() < first.len() {
            let head = first.get(..first.len() - last.len()).unwrap_or_default();
            let full = format!("{head}{last}");
            if full.parse::<u64>().ok() > first.parse::<u64>().ok() {
                pages.expanded_from = Some(last.clone());
                pages.last = Some(full);
            }
        }
    }
    Some(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ends(text: &str) -> (String, Option<String>) {
        let pages = split_pages(text).unwrap();
        (pages.first, pages.last)
    }

    #[test]
    fn ranges_in_their_spellings() {
        assert_eq!(ends("12-34"), ("12".into(), Some("34".into())));
        assert_eq!(ends("12–34"), ("12".into(), Some("34".into())));
        assert_eq!(ends("12 -- 34"), ("12".into(), Some("34".into())));
        assert_eq!(ends("e1234"), ("e1234".into(), None));
        assert_eq!(ends("S12-S19"), ("S12".into(), Some("S19".into())));
        assert_eq!(ends("iv-xii"), ("iv".into(), Some("xii".into())));
        assert!(split_pages(" , ").is_none());
    }

    #[test]
    fn abbreviated_and_multiple_ranges() {
        let pages = split_pages("123-45").unwrap();
        assert_eq!(pages.last.as_deref(), Some("145"));
        assert_eq!(pages.expanded_from.as_deref(), Some("45"));
        // 95-7 → 97; 199-12 would give 112, below the first page, so it stays as written.
        assert_eq!(ends("95-7").1.as_deref(), Some("97"));
        assert_eq!(ends("199-12").1.as_deref(), Some("12"));
        let pages = split_pages("1-5, 10-12").unwrap();
        assert!(pages.simplified);
        assert_eq!((pages.first.as_str(), pages.last.as_deref()), ("1", Some("12")));
        assert_eq!(ends("3, 7").1.as_deref(), Some("7"));
    }
}

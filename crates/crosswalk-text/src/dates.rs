//! Pieces of dates that the readers of citation formats share: English month names, and the
//! W3CDTF text (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) that DataCite takes, built from its parts.
//!
//! Each reader decides what its format's date fields may hold and what to report; these are
//! only the parts whose meaning does not depend on the format.

/// The English month names, January first, in lower case.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True for a year as the citation formats write it: four ASCII digits.
///
/// ```
/// use crosswalk_text::dates::is_year;
///
/// assert!(is_year("1998"));
/// assert!(!is_year("98") && !is_year("c1998") && !is_year("１９９８"));
/// ```
pub fn is_year(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The month (1–12) an English month name names: the full name or an abbreviation of at least
/// three letters (`Feb`, `Sept`, `Febr`), in any case, with any final `.` ignored.
///
/// ```
/// use crosswalk_text::dates::month_from_name;
///
/// assert_eq!(month_from_name("February"), Some(2));
/// assert_eq!(month_from_name("Sept."), Some(9));
/// assert_eq!(month_from_name("ma"), None);
/// assert_eq!(month_from_name("Spring"), None);
/// ```
pub fn month_from_name(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    // Three letters tell every month apart, so at most one name starts with the word.
    let index = MONTH_NAMES.iter().position(|name| name.starts_with(word.as_str()))?;
    u8::try_from(index + 1).ok()
}

/// The W3CDTF date of a year (as written, four digits as a rule), a month (1–12, or an EDTF
/// season 21–24) and a day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, month and day zero-padded. A day
/// without a month is left out, as W3CDTF has no place for it.
///
/// ```
/// use crosswalk_text::dates::w3cdtf;
///
/// assert_eq!(w3cdtf("2014", Some(2), Some(7)), "2014-02-07");
/// assert_eq!(w3cdtf("2014", Some(11), None), "2014-11");
/// assert_eq!(w3cdtf("2014", None, Some(7)), "2014");
/// ```
pub fn w3cdtf(year: &str, month: Option<u32>, day: Option<u32>) -> String {
    match (month, day) {
        (Some(month), Some(day)) => format!("{year}-{month:02}-{day:02}"),
        (Some(month), None) => format!("{year}-{month:02}"),
        (None, _) => year.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_names_full_and_abbreviated() {
        for (index, name) in MONTH_NAMES.iter().enumerate() {
            let month = u8::try_from(index + 1).unwrap();
            assert_eq!(month_from_name(name), Some(month));
            assert_eq!(month_from_name(&name[..3]), Some(month));
            assert_eq!(month_from_name(&name.to_ascii_uppercase()), Some(month));
        }
        assert_eq!(month_from_name("dec."), Some(12));
        assert_eq!(month_from_name("Janu"), Some(1));
        assert_eq!(month_from_name("Mar.."), Some(3));
        assert_eq!(month_from_name("Januaryx"), None);
        assert_eq!(month_from_name("13"), None);
        assert_eq!(month_from_name(""), None);
        assert_eq!(month_from_name("Mä"), None);
    }

    #[test]
    fn years_are_four_ascii_digits() {
        assert!(is_year("0000") && is_year("2024"));
        assert!(!is_year("") && !is_year("20245") && !is_year("202a") && !is_year("-202"));
    }

    #[test]
    fn w3cdtf_pads_and_drops_a_day_without_month() {
        assert_eq!(w3cdtf("1998", Some(1), Some(1)), "1998-01-01");
        assert_eq!(w3cdtf("2020", Some(21), None), "2020-21");
        assert_eq!(w3cdtf("-0050", Some(3), None), "-0050-03");
        assert_eq!(w3cdtf("2020", None, None), "2020");
    }
}

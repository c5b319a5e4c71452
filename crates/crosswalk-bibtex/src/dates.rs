//! Dates: BibLaTeX's `date` (ISO 8601 / EDTF, ranges), BibTeX's `year`, `month` and the
//! non-standard `day`, checked and joined into the W3CDTF/EDTF forms DataCite accepts.

pub(crate) use crosswalk_text::dates::is_year;
use crosswalk_text::dates::month_from_name;

/// A month from `month`'s text: a number (`2`, `02`), an English name or abbreviation (`feb`,
/// `Feb.`, `February`, `sept`).
pub(crate) fn month_number(text: &str) -> Option<u8> {
    let text = text.trim().trim_end_matches('.').trim();
    if let Ok(n) = text.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    month_from_name(text)
}

/// A day of the month from `day`'s text.
pub(crate) fn day_number(text: &str) -> Option<u8> {
    text.trim().parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

/// What a `year` field holds.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Year<'a> {
    /// Four digits.
    Plain(&'a str),
    /// `1999--2000`, `1999-2000`, `1999/2000`: a range of years.
    Range(&'a str, &'a str),
    /// Other text with one four-digit number in it (`c1999`, `[2001]`, `2001a`).
    Within(&'a str),
    /// Nothing that looks like a year (`in press`, `n.d.`).
    None,
}

/// Reads a `year` field.
pub(crate) fn year(text: &str) -> Year<'_> {
    let text = text.trim();
    if is_year(text) {
        return Year::Plain(text);
    }
    let runs: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()).collect();
    if let ([a, b], Some(gap)) = (runs.as_slice(), text.get(4..text.len().saturating_sub(4))) {
        let gap = gap.trim();
        if is_year(a) && is_year(b) && text.starts_with(a) && text.ends_with(b) && matches!(gap, "-" | "--" | "–" | "/")
        {
            return Year::Range(a, b);
        }
    }
    let years: Vec<&str> = runs.into_iter().filter(|run| is_year(run)).collect();
    match years.as_slice() {
        [one] => Year::Within(one),
        _ => Year::None,
    }
}

/// True when `text` is a date DataCite accepts as written: W3CDTF (`YYYY`, `YYYY-MM`,
/// `YYYY-MM-DD`, with a time), EDTF level 1 additions (qualifiers `?`, `~`, `%`, unspecified
/// digits `X`, seasons `21`–`24`) and ranges `a/b` with open ends (`a/`, `/b`, `a/..`).
pub(crate) fn is_date(text: &str) -> bool {
    match text.split_once('/') {
        Some((start, end)) => {
            let open = |part: &str| part.is_empty() || part == "..";
            (open(start) || is_single_date(start)) && (open(end) || is_single_date(end)) && !(open(start) && open(end))
        }
        None => is_single_date(text),
    }
}

fn is_single_date(text: &str) -> bool {
    let text = text.trim_end_matches(['?', '~', '%']);
    let text = text.strip_prefix('-').unwrap_or(text);
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year_ok = parts.next().is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit() || b == b'X'));
    let month = parts.next();
    let day = parts.next();
    let digits2 = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit() || b == b'X');
    let month_ok = month.is_none_or(|m| {
        digits2(m)
            && (m.contains('X') || m.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n) || (21..=24).contains(&n)))
    });
    let day_ok =
        day.is_none_or(|d| digits2(d) && (d.contains('X') || d.parse::<u8>().is_ok_and(|n| (1..=31).contains(&n))));
    let time_ok = time.is_none_or(|t| day.is_some() && is_time(t));
    year_ok && month_ok && day_ok && parts.next().is_none() && time_ok
}

fn is_time(text: &str) -> bool {
    let body = text.trim_end_matches('Z');
    let body = match body.rfind(['+', '-']) {
        Some(i) if i >= 5 => body.get(..i).unwrap_or(body),
        _ => body,
    };
    let parts: Vec<&str> = body.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            let digits = p.split('.').next().unwrap_or_default();
            digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_digit())
        })
}

/// The four-digit year a date starts with (its start, for a range).
pub(crate) fn year_of(date: &str) -> Option<&str> {
    let start = date.split('/').find(|part| !part.is_empty() && *part != "..")?;
    let start = start.strip_prefix('-').unwrap_or(start);
    let year = start.get(..4)?;
    is_year(year).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(month_number("feb"), Some(2));
        assert_eq!(month_number("February"), Some(2));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("09"), Some(9));
        assert_eq!(month_number("13"), None);
        assert_eq!(month_number("ma"), None);
        assert_eq!(month_number("Spring"), None);
    }

    #[test]
    fn years() {
        assert_eq!(year("2014"), Year::Plain("2014"));
        assert_eq!(year("1999--2000"), Year::Range("1999", "2000"));
        assert_eq!(year("1999 – 2000"), Year::Range("1999", "2000"));
        assert_eq!(year("c1999"), Year::Within("1999"));
        assert_eq!(year("[2001]"), Year::Within("2001"));
        assert_eq!(year("in press"), Year::None);
        assert_eq!(year("12345"), Year::None);
    }

    #[test]
    fn dates() {
        for ok in [
            "2014",
            "2014-02",
            "2014-02-17",
            "2014-02-17T10:00:00Z",
            "1997/2003",
            "1997-05/",
            "/2003",
            "2004?",
            "2004-06~",
            "19XX",
            "2001-21",
            "2014-02-17T10:00+01:00",
            "1997/..",
        ] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in ["Spring 2001", "2014-13", "2014-02-30x", "14", "/", "2014/02/17"] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!(year_of("1997-05/2003"), Some("1997"));
        assert_eq!(year_of("/2003"), Some("2003"));
        assert_eq!(year_of("19XX"), None);
    }
}

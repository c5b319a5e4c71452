//! Dates in the forms DataCite documents: W3CDTF (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with a time
//! and zone), ranges `a/b` and open ranges `a/`, `/b`; and EDTF levels 0 and 1: qualifiers
//! `?`, `~`, `%`, unspecified digits `X`, seasons (`2001-21`), long years (`Y170000002`), open
//! (`..`) and unknown (empty) interval ends; plus `unknown` / `open` range ends of DataCite's
//! schema pattern.

/// What a date text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A recognised form.
    Valid,
    /// A recognised form holding an impossible value (month 13, 30 February, 25 o'clock).
    Impossible(String),
    /// Not a documented form.
    Unrecognised,
}

/// Checks a date text.
pub(crate) fn check(text: &str) -> Verdict {
    let text = text.trim();
    match text.split_once('/') {
        Some((start, end)) => {
            let (Some(start), Some(end)) = (range_end(start, false), range_end(end, true)) else {
                return Verdict::Unrecognised;
            };
            match (start, end) {
                (End::Open, End::Open) => Verdict::Unrecognised,
                (End::Date(Verdict::Impossible(reason)), _) | (_, End::Date(Verdict::Impossible(reason))) => {
                    Verdict::Impossible(reason)
                }
                _ => Verdict::Valid,
            }
        }
        None if text.is_empty() => Verdict::Unrecognised,
        None => single(text),
    }
}

/// One end of a range.
enum End {
    /// An empty, `..`, `unknown` or `open` end.
    Open,
    /// A date, valid or impossible (never unrecognised).
    Date(Verdict),
}

fn range_end(text: &str, is_end: bool) -> Option<End> {
    match text {
        "" | ".." | "unknown" => Some(End::Open),
        "open" if is_end => Some(End::Open),
        _ => match single(text) {
            Verdict::Unrecognised => None,
            verdict => Some(End::Date(verdict)),
        },
    }
}

/// A date or date-time, with an optional trailing EDTF qualifier.
fn single(text: &str) -> Verdict {
    let text = text.strip_suffix(['?', '~', '%']).unwrap_or(text);
    // EDTF level 1 long years: `Y` and more than four digits.
    if let Some(year) = text.strip_prefix('Y') {
        let digits = year.strip_prefix('-').unwrap_or(year);
        return if digits.len() > 4 && digits.chars().all(|c| c.is_ascii_digit()) {
            Verdict::Valid
        } else {
            Verdict::Unrecognised
        };
    }
    let (date, time) = match text.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (text, None),
    };
    let unsigned = date.strip_prefix('-').unwrap_or(date);
    let parts: Vec<&str> = unsigned.split('-').collect();
    let (year, month, day) = match parts.as_slice() {
        [year] => (*year, None, None),
        [year, month] => (*year, Some(*month), None),
        [year, month, day] => (*year, Some(*month), Some(*day)),
        _ => return Verdict::Unrecognised,
    };
    if !component(year, 4) || !month.is_none_or(|m| component(m, 2)) || !day.is_none_or(|d| component(d, 2)) {
        return Verdict::Unrecognised;
    }
    // A time needs a full, fully specified date.
    if time.is_some() && (day.is_none() || date.contains('X')) {
        return Verdict::Unrecognised;
    }
    let month_number = month.and_then(number);
    if let Some(m) = month_number {
        let season = (21..=24).contains(&m);
        if season && day.is_some() {
            return Verdict::Impossible(format!("month {m} is a season, which has no days"));
        }
        if !season && !(1..=12).contains(&m) {
            return Verdict::Impossible(format!("there is no month {m}"));
        }
    }
    if let Some(d) = day.and_then(number) {
        let longest = match (month_number, number(year)) {
            (Some(m), Some(y)) => days_in_month(y, m),
            (Some(m), None) => days_in_month(2000, m),
            _ => 31,
        };
        if d == 0 || d > longest {
            return Verdict::Impossible(format!("day {d} is not in the month"));
        }
    }
    match time {
        Some(time) => check_time(time),
        None => Verdict::Valid,
    }
}

/// `len` characters, each a digit or the EDTF unspecified digit `X`.
fn component(text: &str, len: usize) -> bool {
    text.len() == len && text.chars().all(|c| c.is_ascii_digit() || c == 'X')
}

/// The value of an all-digit text.
fn number(text: &str) -> Option<u32> {
    text.chars().all(|c| c.is_ascii_digit()).then(|| text.parse().ok()).flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.fraction`, then `Z`, `±hh:mm`, `±hhmm`, `±hh` or nothing.
fn check_time(text: &str) -> Verdict {
    let (clock, zone) = match text.find(['Z', '+', '-']) {
        Some(at) => (text.get(..at).unwrap_or_default(), text.get(at..).unwrap_or_default()),
        None => (text, ""),
    };
    let (clock, fraction) = match clock.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (clock, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return Verdict::Unrecognised;
    }
    let fields: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&fields.len()) || fields.iter().any(|f| f.len() != 2) {
        return Verdict::Unrecognised;
    }
    let Some(values) = fields.iter().map(|f| number(f)).collect::<Option<Vec<u32>>>() else {
        return Verdict::Unrecognised;
    };
    if fraction.is_some() && values.len() != 3 {
        return Verdict::Unrecognised;
    }
    let (hour, minute, second) = (values.first().copied(), values.get(1).copied(), values.get(2).copied().unwrap_or(0));
    let midnight_end = hour == Some(24) && minute == Some(0) && second == 0;
    if hour.is_some_and(|h| h > 23) && !midnight_end {
        return Verdict::Impossible(format!("there is no hour {}", hour.unwrap_or(0)));
    }
    if minute.is_some_and(|m| m > 59) || second > 60 {
        return Verdict::Impossible("minutes or seconds out of range".to_owned());
    }
    let zone_ok = match zone {
        "" | "Z" => true,
        _ => {
            let offset = zone.get(1..).unwrap_or_default();
            let digits: String = offset.chars().filter(|c| *c != ':').collect();
            let shaped = matches!(offset.len(), 2 | 4 | 5)
                && (offset.len() != 5 || offset.get(2..3) == Some(":"))
                && digits.chars().all(|c| c.is_ascii_digit());
            shaped && number(digits.get(..2).unwrap_or("99")).is_some_and(|h| h <= 14)
        }
    };
    if zone_ok {
        Verdict::Valid
    } else {
        Verdict::Unrecognised
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3cdtf_forms() {
        for good in [
            "2020",
            "2020-02",
            "2020-02-29",
            "2020-02-29T10:15Z",
            "2020-02-29T10:15:30+01:00",
            "2020-02-29T10:15:30.25-05:00",
            "2020-02-29T10:15:30",
            "2020-12-31T24:00:00Z",
            "-0500",
        ] {
            assert_eq!(check(good), Verdict::Valid, "{good}");
        }
        for bad in [
            "20",
            "2020-2",
            "2020/02/03",
            "March 2020",
            "2020-02-29T10",
            "2020-02-29T10:15:30+1",
            "",
            "2020-02-29 10:15",
        ] {
            assert_eq!(check(bad), Verdict::Unrecognised, "{bad}");
        }
    }

    #[test]
    fn ranges() {
        for good in [
            "2004-03-02/2005-06-02",
            "2004/",
            "/2005",
            "2004/..",
            "../2005-06",
            "unknown/2005",
            "2004/open",
            "2004-03-02T10:00Z/2004-03-02T11:00Z",
        ] {
            assert_eq!(check(good), Verdict::Valid, "{good}");
        }
        for bad in ["/", "../..", "open/2005", "2004/soon", "2004/2005/2006"] {
            assert_eq!(check(bad), Verdict::Unrecognised, "{bad}");
        }
        assert!(matches!(check("2004-13/2005"), Verdict::Impossible(_)));
    }

    #[test]
    fn edtf_level_1() {
        for good in [
            "1984?",
            "2004-06~",
            "2004-06-11%",
            "201X",
            "20XX",
            "2004-XX",
            "1985-04-XX",
            "1985-XX-XX",
            "2001-21",
            "2001-24",
            "Y170000002",
            "Y-170000002",
            "1984~/2004-06",
        ] {
            assert_eq!(check(good), Verdict::Valid, "{good}");
        }
        for bad in ["Y2001", "2004-?06", "19XX-XX-XXT10:00Z"] {
            assert_eq!(check(bad), Verdict::Unrecognised, "{bad}");
        }
    }

    #[test]
    fn impossible_values() {
        for bad in [
            "2020-13",
            "2020-00",
            "2019-02-29",
            "2020-04-31",
            "2020-01-00",
            "2001-21-03",
            "2020-01-01T25:00Z",
            "2020-01-01T10:60Z",
        ] {
            assert!(matches!(check(bad), Verdict::Impossible(_)), "{bad}");
        }
    }
}

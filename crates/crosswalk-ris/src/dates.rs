//! RIS dates: the specification's `YYYY/MM/DD/other info` (any part may be empty, the slashes
//! stay: `2015///`, `///Spring`; exporters also write the month's name: `2015/october`), ISO
//! dates some exporters write instead, dates with dots or dashes (`2015.10.05`, `05.10.2015`,
//! `2015-`), and the free text found in `DA` (`NOV`, `JAN 1`, `May 17, 2014`, `Spring 2014`),
//! turned into W3CDTF (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) with the rest of the text kept as
//! `dateInformation`. A year at the start of a text is never lost for the parts after it that
//! cannot be read: those are kept as information.

use crosswalk_text::dates::{is_year, month_from_name, w3cdtf, MONTH_NAMES};

/// What a date text says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DateParts {
    /// The four-digit year.
    pub(crate) year: Option<String>,
    /// The month, 1–12.
    pub(crate) month: Option<u8>,
    /// The day, 1–31 (only with a month).
    pub(crate) day: Option<u8>,
    /// Text that is not part of the date (`Spring`, a time of day).
    pub(crate) info: Option<String>,
    /// A text DataCite accepts as it is (an ISO date with a time, a range), kept as written.
    pub(crate) kept: Option<String>,
    /// Text of the value that is neither in the date nor in `info` (the trailing `-` of
    /// `2015-`), for the report.
    pub(crate) dropped: Option<String>,
}

impl DateParts {
    /// True when the text held anything of a date (a year or a month, or a text kept as written).
    pub(crate) fn has_date(&self) -> bool {
        self.year.is_some() || self.month.is_some() || self.kept.is_some()
    }

    /// The year: of the date, or the first four characters of a kept text.
    pub(crate) fn year(&self) -> Option<&str> {
        self.year.as_deref().or_else(|| self.kept.as_deref().and_then(|k| k.get(..4)).filter(|y| is_year(y)))
    }

    /// The W3CDTF form with `year` standing in for a missing year: `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`; a kept text as written; `None` without a year.
    pub(crate) fn format(&self, year: Option<&str>) -> Option<String> {
        if let Some(kept) = &self.kept {
            return Some(kept.clone());
        }
        let year = self.year.as_deref().or(year)?;
        Some(w3cdtf(year, self.month.map(u32::from), self.day.map(u32::from)))
    }
}

fn small_number(text: &str, max: u8) -> Option<u8> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u8>().ok().filter(|n| (1..=max).contains(n))
}

/// The month a word names (English, full or abbreviated to three letters, any case, a final `.`;
/// `Sept` too). Longer abbreviations (`Janu`, `Marc`), which the other readers take, are not
/// months here: they are kept with the rest of the free text.
fn month_name(word: &str) -> Option<u8> {
    let month = month_from_name(word)?;
    let word = word.trim_end_matches('.');
    let full = MONTH_NAMES.get(usize::from(month).saturating_sub(1)).is_some_and(|name| name.len() == word.len());
    (full || word.len() == 3 || word.eq_ignore_ascii_case("sept")).then_some(month)
}

/// Reads a date text; [`DateParts::has_date`] tells whether anything of a date was found.
pub(crate) fn parse(text: &str) -> DateParts {
    let text = text.trim();
    if let Some(parts) = ris_form(text) {
        return parts;
    }
    if is_iso_date(text) || is_iso_range(text) {
        return iso(text);
    }
    if let Some(parts) = separated(text) {
        return parts;
    }
    if let Some(parts) = leading_date(text) {
        return parts;
    }
    if let Some(parts) = year_and_rest(text) {
        return parts;
    }
    words(text)
}

/// A month as the date forms write it: a number (1–12) or an English name (see [`month_name`]).
fn month_part(text: &str) -> Option<u8> {
    small_number(text, 12).or_else(|| month_name(text))
}

/// `YYYY/MM/DD/other`, the month also as a name (`2015/october`, `2015/Oct/05/`): `None` unless
/// every part is readable.
fn ris_form(text: &str) -> Option<DateParts> {
    if !text.contains('/') {
        return None;
    }
    let mut parts = text.splitn(4, '/');
    let year = parts.next().unwrap_or_default().trim();
    let month = parts.next().unwrap_or_default().trim();
    let day = parts.next().unwrap_or_default().trim();
    let other = parts.next().unwrap_or_default().trim();
    if !(year.is_empty() || is_year(year)) {
        return None;
    }
    let month_value = if month.is_empty() { None } else { Some(month_part(month)?) };
    let day_value = if day.is_empty() { None } else { Some(small_number(day, 31)?) };
    if day_value.is_some() && month_value.is_none() {
        return None;
    }
    if year.is_empty() && month_value.is_none() && other.is_empty() {
        return None;
    }
    Some(DateParts {
        year: (!year.is_empty()).then(|| year.to_owned()),
        month: month_value,
        day: day_value,
        info: (!other.is_empty()).then(|| other.to_owned()),
        kept: None,
        dropped: None,
    })
}

/// A date whose parts are separated by dots or dashes: year first (`2015.10.05`, `2015.10`,
/// `2015-Oct-05`), or, with dots, day first as written in much of Europe (`05.10.2015`,
/// `10.2015`). A month may be a name. Separators at the end (`2015-`, `2015.10.`) are dropped and
/// reported: an export that joins empty parts leaves them.
fn separated(text: &str) -> Option<DateParts> {
    let separator = if text.contains('.') {
        '.'
    } else if text.contains('-') {
        '-'
    } else {
        return None;
    };
    let body = text.trim_end_matches(separator);
    let dropped = (body.len() < text.len()).then(|| text.get(body.len()..).unwrap_or_default().to_owned());
    let pieces: Vec<&str> = body.split(separator).map(str::trim).collect();
    let (year, month, day) = match pieces.as_slice() {
        [year] => (*year, None, None),
        [year, month] if is_year(year) => (*year, Some(*month), None),
        [year, month, day] if is_year(year) => (*year, Some(*month), Some(*day)),
        [month, year] if separator == '.' => (*year, Some(*month), None),
        [day, month, year] if separator == '.' => (*year, Some(*month), Some(*day)),
        _ => return None,
    };
    if !is_year(year) {
        return None;
    }
    let month = match month {
        Some(m) => Some(month_part(m)?),
        None => None,
    };
    let day = match day {
        Some(d) => Some(small_number(d, 31)?),
        None => None,
    };
    Some(DateParts { year: Some(year.to_owned()), month, day, info: None, kept: None, dropped })
}

/// A date in one of the forms above followed by other words (`2015-10-05 10:00`,
/// `2015/10/05 evening`): the date, and the words kept as information.
fn leading_date(text: &str) -> Option<DateParts> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let mut parts = ris_form(first)
        .or_else(|| (is_iso_date(first) && !first.contains('T')).then(|| iso(first)))
        .or_else(|| separated(first))?;
    if parts.year.is_none() || parts.info.is_some() {
        return None;
    }
    parts.info = Some(rest.trim().to_owned());
    Some(parts)
}

/// A text that starts with a year followed by a separator and something no other form reads
/// (`2015/13/45`, `2015-summer`): the year, and the rest kept as information, so that a year is
/// never lost for what follows it.
fn year_and_rest(text: &str) -> Option<DateParts> {
    let year = text.get(..4).filter(|y| is_year(y))?;
    let rest = text.get(4..)?;
    if !rest.starts_with(['/', '.', '-']) {
        return None;
    }
    let info = rest.trim_matches(|c: char| c == '/' || c == '.' || c == '-' || c.is_whitespace());
    Some(DateParts {
        year: Some(year.to_owned()),
        info: (!info.is_empty()).then(|| info.to_owned()),
        ..DateParts::default()
    })
}

/// `YYYY`, `YYYY-M(M)`, `YYYY-M(M)-D(D)`, optionally followed by `T` and a time.
fn is_iso_date(text: &str) -> bool {
    let (date, _time) = text.split_once('T').unwrap_or((text, ""));
    let mut parts = date.split('-');
    let year_ok = parts.next().is_some_and(is_year);
    let month = parts.next();
    let day = parts.next();
    year_ok
        && parts.next().is_none()
        && month.is_none_or(|m| small_number(m, 12).is_some())
        && day.is_none_or(|d| month.is_some() && small_number(d, 31).is_some())
}

/// A range `start/end` of ISO dates (either side may be open, `..`), as DataCite writes them.
fn is_iso_range(text: &str) -> bool {
    let Some((start, end)) = text.split_once('/') else { return false };
    let side = |s: &str| s.is_empty() || s == ".." || is_iso_date(s);
    side(start) && side(end) && !(start.is_empty() && end.is_empty()) && (is_iso_date(start) || is_iso_date(end))
}

/// An ISO date: zero-padded when it has no time, kept as written otherwise.
fn iso(text: &str) -> DateParts {
    if text.contains('T') || text.contains('/') {
        return DateParts { kept: Some(text.to_owned()), ..DateParts::default() };
    }
    let mut parts = text.split('-');
    let year = parts.next().map(str::to_owned);
    let month = parts.next().and_then(|m| small_number(m, 12));
    let day = parts.next().and_then(|d| small_number(d, 31));
    DateParts { year, month, day, ..DateParts::default() }
}

/// Free text: a four-digit year, an English month name, a day beside the month, each also in
/// brackets or followed by punctuation (`[2015]`, `2015;`); the other words are kept, as written,
/// as information.
fn words(text: &str) -> DateParts {
    let tokens: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let bare = |w: &&str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let year_at = tokens.iter().position(|w| is_year(&bare(w)));
    let month_at = tokens.iter().position(|w| month_name(&bare(w)).is_some());
    let day_at = month_at.and_then(|_| tokens.iter().position(|w| small_number(&bare(w), 31).is_some()));
    let rest: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != year_at && Some(*i) != month_at && Some(*i) != day_at)
        .map(|(_, w)| *w)
        .collect();
    DateParts {
        year: year_at.and_then(|i| tokens.get(i)).map(bare),
        month: month_at.and_then(|i| tokens.get(i)).and_then(|w| month_name(&bare(w))),
        day: day_at.and_then(|i| tokens.get(i)).and_then(|w| small_number(&bare(w), 31)),
        info: (!rest.is_empty()).then(|| rest.join(" ")),
        ..DateParts::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(text: &str) -> (Option<String>, Option<String>) {
        let parts = parse(text);
        (parts.format(None), parts.info)
    }

    #[test]
    fn ris_slash_dates() {
        assert_eq!(formatted("2018/4/25"), (Some("2018-04-25".into()), None));
        assert_eq!(formatted("2014/05/17/"), (Some("2014-05-17".into()), None));
        assert_eq!(formatted("2015///"), (Some("2015".into()), None));
        assert_eq!(formatted("1998///Spring"), (Some("1998".into()), Some("Spring".into())));
        assert_eq!(formatted("2020/01/20/10:15:00"), (Some("2020-01-20".into()), Some("10:15:00".into())));
        assert_eq!(formatted("2014/05"), (Some("2014-05".into()), None));
        let spring = parse("///Spring");
        assert_eq!((spring.year, spring.info.as_deref()), (None, Some("Spring")));
    }

    #[test]
    fn iso_dates_and_ranges() {
        assert_eq!(formatted("2014"), (Some("2014".into()), None));
        assert_eq!(formatted("2014-5-7"), (Some("2014-05-07".into()), None));
        assert_eq!(formatted("2020-01-20T10:15:00Z"), (Some("2020-01-20T10:15:00Z".into()), None));
        assert_eq!(formatted("2014/2015"), (Some("2014/2015".into()), None));
        assert_eq!(formatted("2014-01/2014-05"), (Some("2014-01/2014-05".into()), None));
        assert_eq!(parse("2014-01/2014-05").year(), Some("2014"));
    }

    #[test]
    fn free_text_dates() {
        assert_eq!(parse("NOV").month, Some(11));
        assert_eq!(parse("NOV").format(Some("2021")).as_deref(), Some("2021-11"));
        assert_eq!(parse("JAN 1").format(Some("2020")).as_deref(), Some("2020-01-01"));
        assert_eq!(formatted("May 17, 2014"), (Some("2014-05-17".into()), None));
        assert_eq!(formatted("17 Sept. 2014"), (Some("2014-09-17".into()), None));
        assert_eq!(formatted("Spring 2014"), (Some("2014".into()), Some("Spring".into())));
        assert_eq!(formatted("July"), (None, None));
        let none = parse("in press");
        assert!(!none.has_date());
        assert_eq!(none.info.as_deref(), Some("in press"));
        assert_eq!(parse("3 ways").info.as_deref(), Some("3 ways"));
        assert_eq!(parse("Sept 2014").month, Some(9));
        assert_eq!(formatted("Marc 2014"), (Some("2014".into()), Some("Marc".into())));
        assert_eq!(formatted("[2015]"), (Some("2015".into()), None));
        assert_eq!(formatted("c2015"), (None, Some("c2015".into())));
    }

    #[test]
    fn month_names_in_slash_dates() {
        assert_eq!(formatted("2015/october"), (Some("2015-10".into()), None));
        assert_eq!(formatted("2015/Oct/05/"), (Some("2015-10-05".into()), None));
        assert_eq!(formatted("2015/Sept/5/evening"), (Some("2015-09-05".into()), Some("evening".into())));
        // A longer abbreviation is no month here (see `month_name`): the year stays.
        assert_eq!(formatted("2015/Octo"), (Some("2015".into()), Some("Octo".into())));
    }

    #[test]
    fn dates_with_dots_and_dashes() {
        assert_eq!(formatted("2015.10.05"), (Some("2015-10-05".into()), None));
        assert_eq!(formatted("2015.10"), (Some("2015-10".into()), None));
        assert_eq!(formatted("05.10.2015"), (Some("2015-10-05".into()), None));
        assert_eq!(formatted("10.2015"), (Some("2015-10".into()), None));
        assert_eq!(formatted("2015-Oct-05"), (Some("2015-10-05".into()), None));
        let open = parse("2015-");
        assert_eq!((open.format(None).as_deref(), open.dropped.as_deref()), (Some("2015"), Some("-")));
        assert_eq!(parse("2015.10.05.").dropped.as_deref(), Some("."));
        // Not dates: the numbers are not in range, or no part is a year.
        assert!(!parse("10.05").has_date());
        assert!(!parse("1.2.3").has_date());
        assert_eq!(formatted("2015.13.40"), (Some("2015".into()), Some("13.40".into())));
    }

    #[test]
    fn a_leading_year_is_never_lost() {
        assert_eq!(formatted("2015/13/45"), (Some("2015".into()), Some("13/45".into())));
        assert_eq!(formatted("2015-summer"), (Some("2015".into()), Some("summer".into())));
        assert_eq!(formatted("2015-10-05 10:00"), (Some("2015-10-05".into()), Some("10:00".into())));
        assert_eq!(formatted("2020/01/20 10:15"), (Some("2020-01-20".into()), Some("10:15".into())));
        assert_eq!(formatted("May 17, 2014"), (Some("2014-05-17".into()), None));
        // ISO ranges are still ranges.
        assert_eq!(formatted("2014/2015"), (Some("2014/2015".into()), None));
    }
}

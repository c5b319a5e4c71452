//! CSL dates into W3CDTF/EDTF text.
//!
//! `date-parts` give `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (two lists give a range `start/end`);
//! a season (the `season` key, or the months 13–16 some processors write) gives EDTF's
//! `YYYY-21`…`YYYY-24`; `circa` adds EDTF's `~`. `raw`, `literal`, `edtf` and date strings are
//! kept as written when they are W3CDTF or EDTF already; common free forms (`May 2020`,
//! `2020/05/17`) are converted; anything else is kept as written and reported. Every conversion
//! is reported, so the source form is never lost without a word.

use crosswalk_model::codes;
use crosswalk_text::dates::{month_from_name, w3cdtf};

use super::map::{child, show, Mapper};
use crate::item::{DateObject, DateVariable, Scalar};
use crate::{CSL_DATE_CONVERTED, CSL_DATE_UNPARSED};

/// A W3CDTF date: a year, perhaps a month, perhaps a day (a time after it is ignored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct W3cDate {
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (and `YYYY-MM-DDThh:mm…`, `-YYYY` for years BCE).
pub(crate) fn parse_w3cdtf(text: &str) -> Option<W3cDate> {
    let text = text.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let date = rest.split('T').next().unwrap_or_default();
    let mut parts = date.split('-');
    let year_text = parts.next()?;
    if year_text.len() < 4 || !digits(year_text) {
        return None;
    }
    let year: i64 = year_text.parse().ok()?;
    let month = match parts.next() {
        Some(m) if m.len() == 2 && digits(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
        None => None,
    };
    let day = match parts.next() {
        Some(d) if d.len() == 2 && digits(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() || (rest.contains('T') && day.is_none()) {
        return None;
    }
    Some(W3cDate { year: if negative { -year } else { year }, month, day })
}

/// True for one EDTF/W3CDTF date: W3CDTF, or a year with a season (`2020-21`), with EDTF's
/// qualifiers `~`, `?`, `%` at the end.
fn is_single_date(text: &str) -> bool {
    let bare = text.trim_end_matches(['~', '?', '%']);
    if parse_w3cdtf(bare).is_some() {
        return true;
    }
    match bare.rsplit_once('-') {
        Some((year, season)) => {
            parse_w3cdtf(year).is_some_and(|d| d.month.is_none())
                && season.parse::<u32>().is_ok_and(|s| (21..=24).contains(&s))
        }
        None => false,
    }
}

/// True when DataCite and EDTF readers take `text` as it is: a date, or a range `a/b` whose ends
/// are dates (or open, `..` or empty).
pub(crate) fn is_accepted(text: &str) -> bool {
    match text.split_once('/') {
        Some((start, end)) => {
            let open = |s: &str| s.is_empty() || s == "..";
            (is_single_date(start) || open(start)) && (is_single_date(end) || open(end)) && !(open(start) && open(end))
        }
        None => is_single_date(text),
    }
}

/// W3CDTF text of a year (four digits at least, `-` before years BCE), a month and a day.
fn render(year: i64, month: Option<u32>, day: Option<u32>) -> String {
    let year = if year < 0 { format!("-{:04}", year.unsigned_abs()) } else { format!("{year:04}") };
    w3cdtf(&year, month, day)
}

/// Reads the free forms real data uses for dates: `2020/05/17`, `2020.5.17`, `2020-5-7`,
/// `May 2020`, `17 May 2020`, `May 17, 2020`. `None` for anything else.
fn parse_loose(text: &str) -> Option<String> {
    let text = text.trim();
    let numeric: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    if numeric.iter().all(|p| digits(p)) && (2..=3).contains(&numeric.len()) {
        let year_text = numeric.first()?;
        if year_text.len() == 4 {
            let year: i64 = year_text.parse().ok()?;
            let month: u32 = numeric.get(1)?.parse().ok().filter(|m| (1..=12).contains(m))?;
            let day = match numeric.get(2) {
                Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
                None => None,
            };
            return Some(render(year, Some(month), day));
        }
        return None;
    }
    let words: Vec<&str> = text.split([' ', ',']).map(str::trim).filter(|w| !w.is_empty()).collect();
    let year_at = words.iter().position(|w| w.len() == 4 && digits(w))?;
    if year_at + 1 != words.len() {
        return None;
    }
    let year: i64 = words.get(year_at)?.parse().ok()?;
    let before = words.get(..year_at)?;
    if let [season] = before {
        let named = season_code(&Scalar::text(*season)).filter(|_| season.chars().all(char::is_alphabetic));
        if let Some(code) = named {
            return Some(format!("{}-{code}", render(year, None, None)));
        }
    }
    let month_named = |w: &str| month_from_name(w).map(u32::from);
    let day_of = |w: &str| w.trim_end_matches('.').parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    match before {
        [month] => Some(render(year, Some(month_named(month)?), None)),
        [a, b] => match (month_named(a), month_named(b)) {
            (Some(month), None) => Some(render(year, Some(month), Some(day_of(b)?))),
            (None, Some(month)) => Some(render(year, Some(month), Some(day_of(a)?))),
            _ => None,
        },
        _ => None,
    }
}

/// A date given as text (`raw`, `literal`, `edtf`, or the whole variable): kept when W3CDTF or
/// EDTF, converted when a known free form, else kept as written and reported.
fn text_date(m: &mut Mapper, pointer: &str, text: &str, what: &str) -> String {
    if is_accepted(text) {
        return text.to_owned();
    }
    if let Some(converted) = parse_loose(text) {
        m.info(CSL_DATE_CONVERTED, format!("{what} \"{text}\" read as {converted}"), pointer);
        return converted;
    }
    let message = format!("{what} \"{text}\" is not a W3CDTF or EDTF date; it is kept as written");
    m.warn(CSL_DATE_UNPARSED, message, pointer);
    text.to_owned()
}

/// An integer date part (a number, or a string of digits).
fn part_number(value: &Scalar) -> Option<i64> {
    value.as_text().and_then(|t| {
        t.trim()
            .parse::<i64>()
            .ok()
            .or_else(|| t.trim().parse::<f64>().ok().filter(|f| f.fract() == 0.0).map(|f| f as i64))
    })
}

/// One list of date parts as text: year, month (13–16: a season), day.
fn one_date(parts: &[Scalar]) -> Result<String, String> {
    let numbers: Vec<Option<i64>> = parts.iter().map(part_number).collect();
    match numbers.as_slice() {
        [] => Err("it is empty".to_owned()),
        [Some(year), rest @ ..] if rest.len() <= 2 => {
            let month = rest.first().copied();
            let day = rest.get(1).copied();
            match (month, day) {
                (None, _) => Ok(render(*year, None, None)),
                (Some(Some(month @ 1..=12)), None) => Ok(render(*year, Some(month as u32), None)),
                (Some(Some(month @ 1..=12)), Some(Some(day @ 1..=31))) => {
                    Ok(render(*year, Some(month as u32), Some(day as u32)))
                }
                (Some(Some(season @ 13..=16)), None) => Ok(format!("{}-{}", render(*year, None, None), season + 8)),
                _ => Err("its month or day is out of range or not a number".to_owned()),
            }
        }
        [Some(_), ..] => Err("it has more than three parts".to_owned()),
        _ => Err("its year is not a number".to_owned()),
    }
}

/// The season number of EDTF (21 spring … 24 winter) for CSL's `season`.
fn season_code(value: &Scalar) -> Option<u32> {
    if let Some(n) = part_number(value) {
        return match n {
            1..=4 => Some(n as u32 + 20),
            21..=24 => Some(n as u32),
            _ => None,
        };
    }
    match value.as_text()?.trim().to_ascii_lowercase().as_str() {
        "spring" => Some(21),
        "summer" => Some(22),
        "autumn" | "fall" => Some(23),
        "winter" => Some(24),
        _ => None,
    }
}

/// The text of `date-parts`, or `None` (reported) when it cannot be read.
fn date_parts(m: &mut Mapper, pointer: &str, value: &Scalar) -> Option<String> {
    let Scalar::List(ranges) = value else {
        m.wrong_type(pointer, "a list of lists of date parts", value.kind());
        return None;
    };
    let mut ends = Vec::new();
    for (index, range) in ranges.iter().enumerate() {
        let at = child(pointer, &index.to_string());
        let parts = match range {
            Scalar::List(parts) => parts,
            other => {
                m.wrong_type(&at, "a list of date parts", other.kind());
                return None;
            }
        };
        if parts.iter().all(|p| matches!(p, Scalar::Null)) {
            m.info(codes::VALUE_EMPTY, "date-parts without a year were skipped".to_owned(), &at);
            return None;
        }
        match one_date(parts) {
            Ok(text) => ends.push(text),
            Err(why) => {
                let shown = serde_json::to_string(range).unwrap_or_default();
                m.warn(codes::VALUE_INVALID, format!("date-parts {shown} cannot be read: {why}"), &at);
                return None;
            }
        }
    }
    match ends.as_slice() {
        [] => {
            m.info(codes::VALUE_EMPTY, "empty date-parts were skipped".to_owned(), pointer);
            None
        }
        [single] => Some(single.clone()),
        [start, end] if start == end => Some(start.clone()),
        [start, end] => Some(format!("{start}/{end}")),
        _ => {
            m.warn(
                codes::VALUE_INVALID,
                format!(
                    "date-parts hold {} dates, at most two (a range) are allowed; only the first two are read",
                    ends.len()
                ),
                pointer,
            );
            let start = ends.first()?;
            let end = ends.get(1)?;
            Some(format!("{start}/{end}"))
        }
    }
}

/// Adds EDTF's `~` to each end of a date or range.
fn approximate(text: &str) -> String {
    text.split('/')
        .map(|end| if end.is_empty() || end == ".." || end.ends_with('~') { end.to_owned() } else { format!("{end}~") })
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a date variable at `pointer`; `None` (reported) when it holds no date.
pub(super) fn date_variable(m: &mut Mapper, pointer: &str, value: &DateVariable) -> Option<String> {
    match value {
        DateVariable::Object(date) => date_object(m, pointer, date),
        DateVariable::Text(text) => {
            let text = m.trimmed(pointer, text)?;
            Some(text_date(m, pointer, &text, "date"))
        }
        DateVariable::Number(number) => {
            let message = format!("the date is the number {number}; read as the year \"{number}\"");
            if digits(number) && number.len() == 4 {
                m.info(CSL_DATE_CONVERTED, message, pointer);
                Some(number.clone())
            } else {
                m.warn(
                    CSL_DATE_UNPARSED,
                    format!("the date is the number {number}, which is not a year; it is kept as written"),
                    pointer,
                );
                Some(number.clone())
            }
        }
        DateVariable::Null => None,
        DateVariable::Invalid(value) => {
            m.wrong_type(pointer, "a CSL date object or an EDTF string", &show(value));
            None
        }
    }
}

fn date_object(m: &mut Mapper, pointer: &str, date: &DateObject) -> Option<String> {
    m.duplicates(pointer, &date.duplicates);
    m.unknown_keys(pointer, &date.unknown, "date");
    let parts_pointer = child(pointer, "date-parts");
    let from_parts = date.date_parts.as_ref().and_then(|p| date_parts(m, &parts_pointer, p));
    let circa = date.circa.as_ref().is_some_and(Scalar::is_set);
    let mut chosen: Option<String> = None;
    if let Some(text) = from_parts {
        let mut converted = text;
        let mut season_applied = false;
        if let Some(season) = &date.season {
            let season_pointer = child(pointer, "season");
            match season_code(season) {
                Some(code) if !converted.contains(['-', '/']) => {
                    converted = format!("{converted}-{code}");
                    season_applied = true;
                }
                Some(_) => {
                    let message = "season is ignored: the date-parts already give a month".to_owned();
                    m.warn(codes::FIELD_UNMAPPED, message, &season_pointer);
                }
                None => {
                    let shown = season.as_text().unwrap_or(season.kind()).to_owned();
                    let message = format!("season \"{shown}\" is not a season EDTF can express (1–4, spring … winter); it is not carried over");
                    m.warn(codes::VALUE_INVALID, message, &season_pointer);
                }
            }
        }
        if circa {
            converted = approximate(&converted);
        }
        let shown = date.date_parts.as_ref().and_then(|p| serde_json::to_string(p).ok()).unwrap_or_default();
        let mut message = format!("date-parts {shown}");
        if season_applied {
            message.push_str(" with its season");
        }
        if circa {
            message.push_str(" (circa)");
        }
        m.info(CSL_DATE_CONVERTED, format!("{message} read as {converted}"), &parts_pointer);
        chosen = Some(converted);
    } else if let Some(season) = &date.season {
        if !matches!(season, Scalar::Null) {
            let message = "season without date-parts is not carried over".to_owned();
            m.warn(codes::FIELD_UNMAPPED, message, &child(pointer, "season"));
        }
    }
    for (key, value) in [("edtf", &date.edtf), ("raw", &date.raw), ("literal", &date.literal)] {
        let Some(value) = value else { continue };
        let at = child(pointer, key);
        let Some(text) = m.text(&at, value) else { continue };
        match &chosen {
            Some(used) => {
                let message =
                    format!("{key} \"{text}\" is set aside: the date is read as {used} from the fields before it");
                m.info(CSL_DATE_CONVERTED, message, &at);
            }
            None => {
                let mut read = text_date(m, &at, &text, key);
                if circa && is_accepted(&read) {
                    let approximated = approximate(&read);
                    m.info(CSL_DATE_CONVERTED, format!("{key} \"{read}\" (circa) read as {approximated}"), &at);
                    read = approximated;
                }
                chosen = Some(read);
            }
        }
    }
    if chosen.is_none() && date.date_parts.is_none() && date.unknown.is_empty() && date.season.is_none() {
        m.info(codes::VALUE_EMPTY, "a date object with no date in it was skipped".to_owned(), pointer);
    }
    chosen
}

/// The year a date text starts with (`2016` of `2016-12-20`), if any.
pub(crate) fn leading_year(text: &str) -> Option<String> {
    let head = text.get(..4)?;
    let next = text.as_bytes().get(4);
    (digits(head) && !next.is_some_and(u8::is_ascii_digit)).then(|| head.to_owned())
}

/// `publicationYear` from the issued date: its leading year, else the one year-like number in
/// it (reported).
pub(super) fn year_of(m: &mut Mapper, text: &str) -> Option<String> {
    if let Some(year) = leading_year(text) {
        return Some(year);
    }
    if text.starts_with('-') {
        let message = format!("the issued date \"{text}\" lies before the year 1; publicationYear (YYYY) is not set");
        m.warn(codes::VALUE_INVALID, message, "/issued");
        return None;
    }
    let bytes = text.as_bytes();
    let found = (0..bytes.len()).find(|&i| {
        let window = bytes.get(i..i + 4);
        window.is_some_and(|w| w.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit))
    })?;
    let year = text.get(found..found + 4)?.to_owned();
    let message = format!("publicationYear {year} is taken from the issued date \"{text}\"");
    m.info(CSL_DATE_CONVERTED, message, "/issued");
    Some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3cdtf_and_edtf_are_accepted() {
        for ok in [
            "2016",
            "2016-12",
            "2016-12-20",
            "2016-12-20T10:00:00Z",
            "2020-21",
            "2020~",
            "2020/2021",
            "2020-05/..",
            "-0044",
        ] {
            assert!(is_accepted(ok), "{ok}");
        }
        for bad in ["May 2020", "2016-13", "16-12-20", "2020-25", "../..", "2016-1-2", "circa 1900"] {
            assert!(!is_accepted(bad), "{bad}");
        }
    }

    #[test]
    fn free_forms() {
        assert_eq!(parse_loose("2020/05/17").as_deref(), Some("2020-05-17"));
        assert_eq!(parse_loose("2020-5-7").as_deref(), Some("2020-05-07"));
        assert_eq!(parse_loose("May 2020").as_deref(), Some("2020-05"));
        assert_eq!(parse_loose("17 May 2020").as_deref(), Some("2020-05-17"));
        assert_eq!(parse_loose("Sept. 3, 2019").as_deref(), Some("2019-09-03"));
        assert_eq!(parse_loose("Spring 2020").as_deref(), Some("2020-21"));
        assert_eq!(parse_loose("Early 2020"), None);
        assert_eq!(parse_loose("17/05/2020"), None);
    }

    #[test]
    fn parts() {
        let n = |v: i64| Scalar::Number(v.to_string());
        assert_eq!(one_date(&[n(2016), n(12), n(20)]).unwrap(), "2016-12-20");
        assert_eq!(one_date(&[Scalar::text("2016"), Scalar::text("5")]).unwrap(), "2016-05");
        assert_eq!(one_date(&[n(2016), n(14)]).unwrap(), "2016-22");
        assert_eq!(one_date(&[n(-44), n(3), n(15)]).unwrap(), "-0044-03-15");
        assert!(one_date(&[n(2016), n(13), n(1)]).is_err());
        assert!(one_date(&[Scalar::text("spring")]).is_err());
        assert_eq!(approximate("2020/2021"), "2020~/2021~");
        assert_eq!(leading_year("2016-12"), Some("2016".into()));
        assert_eq!(leading_year("20161"), None);
    }
}

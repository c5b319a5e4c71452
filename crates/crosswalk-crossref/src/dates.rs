//! Crossref dates (`<month>`, `<day>`, `<year>` parts) as W3CDTF or EDTF text.
//!
//! Parts become `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, zero-padded (padding reported). Crossref's
//! season months 21–24 are EDTF seasons already (`2020-21` is spring 2020) and are kept; its
//! quarters 31–34 become EDTF's 33–36 (reported). A part that is not a number in range is
//! reported and left out together with the parts finer than it.

use crosswalk_model::codes;

use crate::ctx::{quote, Ctx};
use crate::tree::Node;
use crate::DATE_CONVERTED;

/// A date read from parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateValue {
    /// W3CDTF or EDTF text.
    pub(crate) date: String,
    /// `YYYY`.
    pub(crate) year: String,
    /// For choosing the earliest of several dates: (year, month or 0, day or 0).
    pub(crate) key: (u32, u32, u32),
}

/// Reads a `date_t` element (`publication_date`, `acceptance_date`, …): `None` without a
/// usable year (reported).
pub(crate) fn date_parts(ctx: &mut Ctx, node: Node<'_>) -> Option<DateValue> {
    let (mut year, mut month, mut day) = (None, None, None);
    for child in node.elements() {
        match child.name() {
            "year" if child.is("year") => ctx.keep_first(child, &mut year, Some(child)),
            "month" if child.is("month") => ctx.keep_first(child, &mut month, Some(child)),
            "day" if child.is("day") => ctx.keep_first(child, &mut day, Some(child)),
            _ => ctx.unknown_element(child),
        }
    }
    ctx.stray_text(node);
    let Some(year_node) = year else {
        let message = format!("<{}> has no <year>; the date is not read", node.qname());
        ctx.warn(crate::MISSING_ELEMENT, node, message);
        return None;
    };
    let year_text = ctx.text(year_node)?;
    let Some(year_number) = number(&year_text).filter(|_| year_text.len() == 4) else {
        let message = format!("year {} is not a four-digit year; the date is not read", quote(&year_text));
        ctx.warn(codes::VALUE_INVALID, year_node, message);
        return None;
    };
    let mut value = DateValue { date: year_text.clone(), year: year_text.clone(), key: (year_number, 0, 0) };
    let Some(month_node) = month else {
        if let Some(day_node) = day {
            let message = "a <day> without <month> is not read; the year is kept".to_owned();
            ctx.warn(codes::VALUE_INVALID, day_node, message);
        }
        return Some(value);
    };
    let Some(month_text) = ctx.text(month_node) else { return Some(value) };
    let Some(month_number) = number(&month_text).filter(|m| matches!(m, 1..=12 | 21..=24 | 31..=34)) else {
        let message = format!("month {} is not 1–12, 21–24 or 31–34; only the year is kept", quote(&month_text));
        ctx.warn(codes::VALUE_INVALID, month_node, message);
        return Some(value);
    };
    let edtf_month = if (31..=34).contains(&month_number) { month_number + 2 } else { month_number };
    value.date = format!("{year_text}-{edtf_month:02}");
    value.key.1 = month_number;
    if edtf_month != month_number {
        let message = format!("quarter {month_text} of {year_text} written as EDTF {}", value.date);
        ctx.info(DATE_CONVERTED, month_node, message);
    } else if month_text.len() == 1 {
        let message = format!("month {month_text} written as {edtf_month:02}");
        ctx.info(DATE_CONVERTED, month_node, message);
    }
    let Some(day_node) = day else { return Some(value) };
    let Some(day_text) = ctx.text(day_node) else { return Some(value) };
    if month_number > 12 {
        let message = format!("day {} of a season or quarter is not read", quote(&day_text));
        ctx.warn(codes::VALUE_INVALID, day_node, message);
        return Some(value);
    }
    let Some(day_number) = number(&day_text).filter(|d| (1..=days_in(year_number, month_number)).contains(d)) else {
        let message = format!("day {} is not a day of {}; the day is not read", quote(&day_text), value.date);
        ctx.warn(codes::VALUE_INVALID, day_node, message);
        return Some(value);
    };
    value.date = format!("{}-{day_number:02}", value.date);
    value.key.2 = day_number;
    if day_text.len() == 1 {
        ctx.info(DATE_CONVERTED, day_node, format!("day {day_text} written as {day_number:02}"));
    }
    Some(value)
}

/// A decimal number of at most four digits.
fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

pub(crate) fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// True when `text` is a W3CDTF date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), the only shapes the
/// reader takes from free text (Crossmark assertions, attribute dates).
pub(crate) fn is_w3cdtf_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    }
}

//! Dates and places as Dublin Core writes them: W3CDTF dates and the years they start with,
//! year ranges, and the DCMI Period, Point and Box encodings of `dcterms:temporal` and
//! `dcterms:spatial` (`name=Perth; east=115.86; north=-31.95`).

use crosswalk_model::{Coordinate, GeoBox, GeoLocation, Point};

/// The year a date starts with: four digits not followed by a digit (`2014`, `2014-05-06`,
/// `2014-05-06T10:00:00Z`, `2014/2015`).
pub(crate) fn year_of(date: &str) -> Option<&str> {
    let year = date.get(..4)?;
    let rest = date.get(4..).unwrap_or_default();
    (year.bytes().all(|b| b.is_ascii_digit()) && !rest.starts_with(|c: char| c.is_ascii_digit())).then_some(year)
}

/// True for a W3CDTF date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with a time after `T`).
pub(crate) fn is_w3cdtf(text: &str) -> bool {
    let (date, time) = text.split_once('T').map_or((text, None), |(d, t)| (d, Some(t)));
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let date_ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
        _ => false,
    };
    date_ok
        && time.is_none_or(|t| {
            !t.is_empty()
                && parts.len() == 3
                && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | '+' | '-'))
        })
}

/// A period written as a date, a range of dates (`1990/2000`, `1990-2000`, `1990 – 2000`), or
/// the DCMI Period encoding (`start=1990; end=2000;`): the date or range in DataCite's form
/// (`1990/2000`), and whether it was rewritten; `None` when the text is no period.
pub(crate) fn period(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    if is_w3cdtf(text) {
        return Some((text.to_owned(), false));
    }
    if let Some((start, end)) = text.split_once('/') {
        let side = |s: &str| s.trim().is_empty() || s.trim() == ".." || is_w3cdtf(s.trim());
        if side(start) && side(end) && !(start.trim().is_empty() && end.trim().is_empty()) {
            let written = format!("{}/{}", start.trim(), end.trim());
            let changed = written != text;
            return Some((written, changed));
        }
        return None;
    }
    // Two years joined by a hyphen or a dash: `YYYY-YYYY` is no W3CDTF date (the part after the
    // hyphen would be a month).
    for dash in ['–', '—', '-'] {
        if let Some((start, end)) = text.split_once(dash) {
            let (start, end) = (start.trim(), end.trim());
            let year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
            if year(start) && year(end) {
                return Some((format!("{start}/{end}"), true));
            }
        }
    }
    let parts = encoded(text)?;
    let start = parts.iter().find(|(k, _)| k == "start").map(|(_, v)| v.as_str());
    let end = parts.iter().find(|(k, _)| k == "end").map(|(_, v)| v.as_str());
    match (start, end) {
        (Some(s), Some(e)) if is_w3cdtf(s) && is_w3cdtf(e) => Some((format!("{s}/{e}"), true)),
        (Some(s), None) if is_w3cdtf(s) => Some((format!("{s}/.."), true)),
        (None, Some(e)) if is_w3cdtf(e) => Some((format!("../{e}"), true)),
        _ => None,
    }
}

/// The `name=value` components of a DCMI encoding (Period, Point, Box), names in lower case;
/// `None` when the text is not one (every `;`-separated part must be a component).
fn encoded(text: &str) -> Option<Vec<(String, String)>> {
    let parts: Vec<(String, String)> = text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned())))
        .collect::<Option<Vec<_>>>()?;
    (!parts.is_empty()).then_some(parts)
}

/// A place written in the DCMI Point or Box encoding: a geolocation with the point or box (and
/// the place's `name`); `None` when the text is neither, or its coordinates are not numbers in
/// range.
pub(crate) fn dcmi_place(text: &str) -> Option<GeoLocation> {
    let parts = encoded(text)?;
    let get = |key: &str| parts.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let number = |value: &Option<String>, limit: f64| {
        value.as_ref().filter(|v| v.parse::<f64>().is_ok_and(|n| n.is_finite() && n.abs() <= limit)).cloned()
    };
    let mut location = GeoLocation::default();
    if let Some(name) = get("name").filter(|n| !n.is_empty()) {
        location.places.push(name);
    }
    let (east, north) = (get("east"), get("north"));
    if east.is_some() || north.is_some() {
        let (Some(lon), Some(lat)) = (number(&east, 180.0), number(&north, 90.0)) else { return None };
        location.points.push(Point { point_latitude: Coordinate(lat), point_longitude: Coordinate(lon) });
        return Some(location);
    }
    let limits = [get("northlimit"), get("southlimit"), get("eastlimit"), get("westlimit")];
    if limits.iter().any(Option::is_some) {
        let [north, south, east, west] = limits;
        let (Some(n), Some(s), Some(e), Some(w)) =
            (number(&north, 90.0), number(&south, 90.0), number(&east, 180.0), number(&west, 180.0))
        else {
            return None;
        };
        location.boxes.push(GeoBox {
            west_bound_longitude: Coordinate(w),
            east_bound_longitude: Coordinate(e),
            south_bound_latitude: Coordinate(s),
            north_bound_latitude: Coordinate(n),
        });
        return Some(location);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_dates() {
        assert_eq!(year_of("2014-05-06T10:00:00Z"), Some("2014"));
        assert_eq!(year_of("2014"), Some("2014"));
        assert_eq!(year_of("20145"), None);
        assert_eq!(year_of("May 2014"), None);
        assert!(
            is_w3cdtf("2014-05-06T10:00:00Z") && is_w3cdtf("2014-05") && !is_w3cdtf("2014-5") && !is_w3cdtf("2014T1")
        );
    }

    #[test]
    fn periods() {
        assert_eq!(period("1990/2000"), Some(("1990/2000".into(), false)));
        assert_eq!(period("1990 / 2000"), Some(("1990/2000".into(), true)));
        assert_eq!(period("1990-2000"), Some(("1990/2000".into(), true)));
        assert_eq!(period("1990 – 2000"), Some(("1990/2000".into(), true)));
        assert_eq!(period("start=1990; end=2000;"), Some(("1990/2000".into(), true)));
        assert_eq!(period("name=Holocene; start=-9700"), None);
        assert_eq!(period("2014-05"), Some(("2014-05".into(), false)));
        assert_eq!(period("Scotland"), None);
        assert_eq!(period("19th century"), None);
    }

    #[test]
    fn points_and_boxes() {
        let point = dcmi_place("name=Perth, W.A.; east=115.85717; north=-31.95301").unwrap();
        assert_eq!(point.places, ["Perth, W.A."]);
        assert_eq!(point.points[0].point_latitude.0, "-31.95301");
        let b = dcmi_place("northlimit=-10; southlimit=-40; westlimit=110; eastlimit=155; name=Australia").unwrap();
        assert_eq!(b.boxes[0].west_bound_longitude.0, "110");
        assert!(dcmi_place("east=500; north=1").is_none());
        assert!(dcmi_place("Perth").is_none());
    }
}

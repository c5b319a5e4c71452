//! Geo locations: places, points, boxes and polygons (several of each per `geoLocation`), in
//! the structured form of kernel 4 and the text form of kernel 3 (`"lat lon"` points,
//! `"south west north east"` boxes). Coordinates keep the digits as written; one that is not a
//! number, or out of range, is reported and kept.

use crosswalk_model::{codes, Coordinate, GeoBox, GeoLocation, Point, Polygon};
use roxmltree::Node;

use super::context::{quote, Reader};
use super::MISSING_ELEMENT;

/// Which coordinate a value is, for its range check and messages.
#[derive(Clone, Copy)]
enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    fn limit(self) -> f64 {
        match self {
            Axis::Latitude => 90.0,
            Axis::Longitude => 180.0,
        }
    }
}

/// Reads the `<geoLocation>`s of a `<geoLocations>`.
pub(super) fn geo_locations(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<GeoLocation>) {
    r.each(wrapper, "geoLocation", |r, el| {
        r.no_attributes(el);
        let mut location = GeoLocation::default();
        for child in el.children() {
            let Some(part) = r.element(child) else { continue };
            match part.tag_name().name() {
                "geoLocationPlace" => {
                    r.no_attributes(part);
                    match r.text(part) {
                        Some(place) => location.places.push(place),
                        None => r.empty(part),
                    }
                }
                "geoLocationPoint" => location.points.extend(point(r, part)),
                "geoLocationBox" => location.boxes.extend(geo_box(r, part)),
                "geoLocationPolygon" => location.polygons.extend(polygon(r, part)),
                _ => r.unknown_element(part),
            }
        }
        if location.is_empty() {
            r.empty(el);
        } else {
            out.push(location);
        }
    });
}

/// A point (`geoLocationPoint`, `polygonPoint`, `inPolygonPoint`): structured, or kernel 3's
/// `"latitude longitude"` text.
fn point(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Point> {
    r.no_attributes(node);
    if !node.children().any(|c| c.is_element()) {
        return text_point(r, node);
    }
    let mut latitude = None;
    let mut longitude = None;
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "pointLatitude" => coordinate_element(r, el, Axis::Latitude, &mut latitude),
            "pointLongitude" => coordinate_element(r, el, Axis::Longitude, &mut longitude),
            _ => r.unknown_element(el),
        }
    }
    match (latitude, longitude) {
        (Some(point_latitude), Some(point_longitude)) => Some(Point { point_latitude, point_longitude }),
        (latitude, _) => {
            let missing = if latitude.is_none() { "pointLatitude" } else { "pointLongitude" };
            incomplete(r, node, missing);
            None
        }
    }
}

/// A box: structured, or kernel 3's `"south west north east"` text.
fn geo_box(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<GeoBox> {
    r.no_attributes(node);
    if !node.children().any(|c| c.is_element()) {
        return text_box(r, node);
    }
    let [mut west, mut east, mut south, mut north] = [None, None, None, None];
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "westBoundLongitude" => coordinate_element(r, el, Axis::Longitude, &mut west),
            "eastBoundLongitude" => coordinate_element(r, el, Axis::Longitude, &mut east),
            "southBoundLatitude" => coordinate_element(r, el, Axis::Latitude, &mut south),
            "northBoundLatitude" => coordinate_element(r, el, Axis::Latitude, &mut north),
            _ => r.unknown_element(el),
        }
    }
    match (west, east, south, north) {
        (
            Some(west_bound_longitude),
            Some(east_bound_longitude),
            Some(south_bound_latitude),
            Some(north_bound_latitude),
        ) => Some(GeoBox { west_bound_longitude, east_bound_longitude, south_bound_latitude, north_bound_latitude }),
        (west, east, south, _) => {
            let missing = match (west, east, south) {
                (None, _, _) => "westBoundLongitude",
                (_, None, _) => "eastBoundLongitude",
                (_, _, None) => "southBoundLatitude",
                _ => "northBoundLatitude",
            };
            incomplete(r, node, missing);
            None
        }
    }
}

fn polygon(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Polygon> {
    r.no_attributes(node);
    let mut polygon = Polygon::default();
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "polygonPoint" => polygon.points.extend(point(r, el)),
            "inPolygonPoint" => {
                let inside = point(r, el);
                r.keep_first(el, &mut polygon.in_polygon_point, inside);
            }
            _ => r.unknown_element(el),
        }
    }
    if polygon.points.is_empty() && polygon.in_polygon_point.is_none() {
        r.empty(node);
        return None;
    }
    Some(polygon)
}

/// Reports a point or box that lacks a coordinate; it is not kept.
fn incomplete(r: &mut Reader<'_>, node: Node<'_, '_>, missing: &str) {
    let message = format!("<{}> has no <{missing}>; not kept", node.tag_name().name());
    r.warn(MISSING_ELEMENT, node, message);
}

/// Reads a coordinate element into `slot`; a repeated one is reported.
fn coordinate_element(r: &mut Reader<'_>, node: Node<'_, '_>, axis: Axis, slot: &mut Option<Coordinate>) {
    r.no_attributes(node);
    let Some(text) = r.text(node) else {
        r.empty(node);
        return;
    };
    let coordinate = coordinate(r, node, node.tag_name().name(), text, axis);
    r.keep_first(node, slot, Some(coordinate));
}

/// A coordinate as written; a non-number or a value out of range is reported and kept.
fn coordinate(r: &mut Reader<'_>, node: Node<'_, '_>, name: &str, text: String, axis: Axis) -> Coordinate {
    let coordinate = Coordinate(text);
    match coordinate.value() {
        None => {
            let message = format!("{name} {} is not a number; kept as written", quote(coordinate.as_str()));
            r.warn(codes::VALUE_INVALID, node, message);
        }
        Some(value) if value.abs() > axis.limit() => {
            let limit = axis.limit();
            let message = format!("{name} {} is outside -{limit}…{limit}; kept as written", quote(coordinate.as_str()));
            r.warn(codes::VALUE_INVALID, node, message);
        }
        Some(_) => {}
    }
    coordinate
}

/// A kernel-3 point: `"latitude longitude"`.
fn text_point(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Point> {
    let text = r.text(node);
    let Some(text) = text else {
        r.empty(node);
        return None;
    };
    let [latitude, longitude] = split_numbers::<2>(r, node, &text, "\"latitude longitude\"")?;
    let message = format!(
        "<{}> text {} (kernel 3, \"latitude longitude\") read as pointLatitude {latitude}, pointLongitude {longitude}",
        node.tag_name().name(),
        quote(&text)
    );
    r.info(codes::LEGACY_MAPPED, node, message);
    Some(Point {
        point_latitude: coordinate(r, node, "pointLatitude", latitude.to_owned(), Axis::Latitude),
        point_longitude: coordinate(r, node, "pointLongitude", longitude.to_owned(), Axis::Longitude),
    })
}

/// A kernel-3 box: `"south west north east"` (its lower left and upper right corners).
fn text_box(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<GeoBox> {
    let Some(text) = r.text(node) else {
        r.empty(node);
        return None;
    };
    let [south, west, north, east] = split_numbers::<4>(r, node, &text, "\"south west north east\"")?;
    let message = format!(
        "<{}> text {} (kernel 3, \"south west north east\") read as southBoundLatitude {south}, \
         westBoundLongitude {west}, northBoundLatitude {north}, eastBoundLongitude {east}",
        node.tag_name().name(),
        quote(&text)
    );
    r.info(codes::LEGACY_MAPPED, node, message);
    Some(GeoBox {
        west_bound_longitude: coordinate(r, node, "westBoundLongitude", west.to_owned(), Axis::Longitude),
        east_bound_longitude: coordinate(r, node, "eastBoundLongitude", east.to_owned(), Axis::Longitude),
        south_bound_latitude: coordinate(r, node, "southBoundLatitude", south.to_owned(), Axis::Latitude),
        north_bound_latitude: coordinate(r, node, "northBoundLatitude", north.to_owned(), Axis::Latitude),
    })
}

/// Exactly `N` white-space separated parts of `text`, or `None` (reported: the value is lost).
fn split_numbers<'t, const N: usize>(
    r: &mut Reader<'_>,
    node: Node<'_, '_>,
    text: &'t str,
    form: &str,
) -> Option<[&'t str; N]> {
    let mut parts = [""; N];
    let mut words = text.split_whitespace();
    let complete = parts.iter_mut().all(|slot| words.next().map(|word| *slot = word).is_some());
    if complete && words.next().is_none() {
        return Some(parts);
    }
    let message =
        format!("<{}> text {} is not {N} numbers {form} (kernel 3); not kept", node.tag_name().name(), quote(text));
    r.warn(codes::VALUE_INVALID, node, message);
    None
}

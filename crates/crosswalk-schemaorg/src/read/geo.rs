//! Places: `spatialCoverage` as place names, `Place`s with `geo`, `GeoCoordinates`, and
//! `GeoShape` boxes and polygons.
//!
//! Schema.org writes a point as "latitude longitude" (a comma or space between them): a box is
//! two points, the lower (south-west) corner first, and a polygon is four or more points, the
//! last equal to the first. Coordinates keep the digits the source wrote.

use crosswalk_model::{codes, Coordinate, GeoBox, GeoLocation, Point, Polygon, Severity};

use super::ItemReader;
use crate::json::Node;
use crate::jsonld::{self, At, Context};

/// The numbers of a point list (`"-64.3 -168.5 79.6 174.9"` or `"1,2 3,4"`), as written.
pub(crate) fn numbers(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.split([' ', ',', '\t', '\n']).filter(|p| !p.is_empty()).collect();
    parts.iter().all(|p| p.parse::<f64>().is_ok_and(f64::is_finite)).then_some(parts)
}

impl<'n> ItemReader<'_, 'n> {
    /// `spatialCoverage`, `spatial`, `contentLocation`: one geo location per value.
    pub(super) fn spatial(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let mut location = GeoLocation::default();
            if let Some((text, _)) = jsonld::literal(node) {
                if let Some(text) = self.clean(text, node.start, &pointer) {
                    location.places.push(text);
                }
            } else if node.is_object() {
                let node = self.resolved(node, context);
                self.place(node, &node_at, context, &mut location, 0);
            } else {
                let message = format!("a place must be a name or a Place, not {}", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
            }
            if !location.is_empty() && !self.seen.has_geo_location(&self.resource.geo_locations, &location) {
                self.resource.geo_locations.push(location);
            }
        }
    }

    /// A `Place`, `GeoCoordinates`, `GeoShape` or `GeoCircle`, into `location`.
    fn place(&mut self, node: &'n Node, at: &At<'_>, context: &Context, location: &mut GeoLocation, depth: usize) {
        if depth > 3 {
            return;
        }
        let text = |key: &str| {
            self.get_one(node, context, key)
                .and_then(jsonld::literal)
                .map(|(t, _)| t.trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        for key in ["name", "address"] {
            if let Some(value) = jsonld::get(node, context, key) {
                let value = self.resolved(value, context);
                if let Some(place) = text(key).or_else(|| self.postal_address(value, context)) {
                    if !location.places.contains(&place) {
                        location.places.push(place);
                    }
                }
            }
        }
        // Coordinates directly on the node (GeoCoordinates, or a Place that has them).
        let latitude = self.get_one(node, context, "latitude");
        let longitude = self.get_one(node, context, "longitude");
        match (latitude, longitude) {
            (Some(lat), Some(lon)) => self.point(lat, lon, at, location),
            (Some(only), None) | (None, Some(only)) => {
                let message = "a point needs both latitude and longitude; this one is not carried over".to_owned();
                self.warn(codes::VALUE_INVALID, message, only, at);
            }
            (None, None) => {}
        }
        if let Some(value) = jsonld::get(node, context, "box") {
            let value_at = at.key("box");
            for (text, _, start, pointer) in self.texts(value, &value_at, "a box") {
                match numbers(&text).as_deref() {
                    Some(&[south, west, north, east]) => {
                        let geo_box = GeoBox {
                            south_bound_latitude: Coordinate::from(south),
                            west_bound_longitude: Coordinate::from(west),
                            north_bound_latitude: Coordinate::from(north),
                            east_bound_longitude: Coordinate::from(east),
                        };
                        self.check_point(&geo_box.south_bound_latitude, &geo_box.west_bound_longitude, start, &pointer);
                        self.check_point(&geo_box.north_bound_latitude, &geo_box.east_bound_longitude, start, &pointer);
                        location.boxes.push(geo_box);
                    }
                    _ => {
                        let message = format!("box \"{text}\" is not two points (south-west and north-east corners, four numbers); it is not carried over");
                        self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
                    }
                }
            }
        }
        if let Some(value) = jsonld::get(node, context, "polygon") {
            let value_at = at.key("polygon");
            for (text, _, start, pointer) in self.texts(value, &value_at, "a polygon") {
                let points = numbers(&text).filter(|n| n.len() % 2 == 0 && n.len() >= 8);
                let Some(n) = points else {
                    let message = format!("polygon \"{}\" is not a list of at least four points (latitude longitude pairs); it is not carried over", super::shorten(&text));
                    self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
                    continue;
                };
                let points: Vec<Point> = n
                    .chunks(2)
                    .filter_map(|pair| match pair {
                        [lat, lon] => Some(Point {
                            point_latitude: Coordinate::from(*lat),
                            point_longitude: Coordinate::from(*lon),
                        }),
                        _ => None,
                    })
                    .collect();
                for point in &points {
                    self.check_point(&point.point_latitude, &point.point_longitude, start, &pointer);
                }
                let closed = points.first().zip(points.last()).is_some_and(|(a, b)| {
                    a.point_latitude.value() == b.point_latitude.value()
                        && a.point_longitude.value() == b.point_longitude.value()
                });
                if !closed {
                    let message = "the polygon's last point is not its first; it is kept as written, and DataCite will reject it until closed".to_owned();
                    self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
                }
                location.polygons.push(Polygon { points, in_polygon_point: None });
            }
        }
        if let Some(value) = self.get_one(node, context, "geoMidpoint") {
            let value = self.resolved(value, context);
            let midpoint_at = at.key("geoMidpoint");
            if let (Some(lat), Some(lon)) =
                (self.get_one(value, context, "latitude"), self.get_one(value, context, "longitude"))
            {
                self.point(lat, lon, &midpoint_at, location);
            }
        }
        if let Some(value) = jsonld::get(node, context, "geo") {
            let geo_at = at.key("geo");
            for (geo, pointer) in self.items(value, &geo_at, context) {
                let geo = self.resolved(geo, context);
                let item_at = At::root(&pointer);
                self.place(geo, &item_at, context, location, depth + 1);
            }
        }
        let handled = ["name", "address", "latitude", "longitude", "box", "polygon", "geo", "geoMidpoint"];
        self.leftovers(node, at, context, &handled);
    }

    fn point(&mut self, lat: &Node, lon: &Node, at: &At<'_>, location: &mut GeoLocation) {
        let (Some((lat_text, _)), Some((lon_text, _))) = (jsonld::literal(lat), jsonld::literal(lon)) else {
            let message = "latitude and longitude must be numbers".to_owned();
            self.warn(codes::VALUE_INVALID, message, lat, at);
            return;
        };
        let (lat_text, lon_text) = (lat_text.trim(), lon_text.trim());
        if lat_text.parse::<f64>().is_err() || lon_text.parse::<f64>().is_err() {
            let message = format!("point \"{lat_text} {lon_text}\" is not two numbers; it is not carried over");
            self.warn(codes::VALUE_INVALID, message, lat, at);
            return;
        }
        let point = Point { point_latitude: Coordinate::from(lat_text), point_longitude: Coordinate::from(lon_text) };
        self.check_point(&point.point_latitude, &point.point_longitude, lat.start, &at.pointer());
        location.points.push(point);
    }

    /// Reports coordinates outside their range (they are kept as written).
    /// A `PostalAddress` as one line (street, locality, region, postal code, country).
    fn postal_address(&self, node: &Node, context: &Context) -> Option<String> {
        let parts: Vec<String> = ["streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"]
            .iter()
            .filter_map(|key| {
                let value = self.get_one(node, context, key)?;
                jsonld::literal(value)
                    .or_else(|| self.get_one(value, context, "name").and_then(jsonld::literal))
                    .map(|(t, _)| t.trim().to_owned())
            })
            .filter(|t| !t.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    fn check_point(&mut self, lat: &Coordinate, lon: &Coordinate, start: usize, pointer: &str) {
        let lat_bad = lat.value().is_some_and(|v| !(-90.0..=90.0).contains(&v));
        let lon_bad = lon.value().is_some_and(|v| !(-180.0..=180.0).contains(&v));
        if lat_bad {
            let swapped = if lon.value().is_some_and(|v| (-90.0..=90.0).contains(&v)) {
                " (latitude and longitude swapped?)"
            } else {
                ""
            };
            let message = format!("latitude {} is outside -90 to 90{swapped}; it is kept as written", lat.as_str());
            self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer.to_owned());
        }
        if lon_bad {
            let message = format!("longitude {} is outside -180 to 180; it is kept as written", lon.as_str());
            self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_lists() {
        assert_eq!(
            numbers("-64.3088 -168.5182 79.6753 174.9006"),
            Some(vec!["-64.3088", "-168.5182", "79.6753", "174.9006"])
        );
        assert_eq!(numbers("1,2 3,4"), Some(vec!["1", "2", "3", "4"]));
        assert_eq!(numbers("1 2 north"), None);
    }
}

//! The REST JSON forms that are not plain derives: values the API has written in more than one
//! shape over the years (a publisher as a string or an object, an affiliation as a string, a
//! list or a list of objects, numbers as strings), and the geoLocation lists.
//!
//! Reading accepts every form; writing uses one canonical form.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::resource::{Affiliation, Coordinate, GeoBox, GeoLocation, Point, Polygon, Publisher};

/// Text that may arrive as a string or a number (`"2016"` or `2016`, `"4.2"` or `4.2`).
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Serializes a description's text as DataCite JSON writes it: each line break
/// ([`crate::chars::LINE_BREAK`]) as the element's markup `<br/>`.
pub(crate) fn line_breaks_as_markup<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::chars::line_breaks_as(text, "<br/>"))
}

/// Deserializes a description's text from DataCite JSON: `<br/>` (also `<br>`, `<br />`) is a
/// line break ([`crate::chars::LINE_BREAK`]).
pub(crate) fn line_breaks_from_markup<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    Ok(match crate::chars::line_breaks_from_markup(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(changed) => changed,
    })
}

/// Deserializes optional text from a string, a number or `null`.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(TextVisitor)
}

/// Serializes a year as a JSON number when it is a plain integer (`2016`), else as a string.
pub(crate) fn year_as_number<S: Serializer>(year: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match year {
        Some(text) => match canonical_integer(text) {
            Some(n) => s.serialize_u64(n),
            None => s.serialize_str(text),
        },
        None => s.serialize_none(),
    }
}

fn canonical_integer(text: &str) -> Option<u64> {
    let n: u64 = text.parse().ok()?;
    (n.to_string() == text).then_some(n)
}

/// One value or a list of values; `null` gives an empty list.
struct OneOrMany<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for OneOrMany<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or a list of objects")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<T>()? {
            out.push(item);
        }
        Ok(out)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(vec![T::deserialize(de::value::MapAccessDeserializer::new(map))?])
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// Deserializes a list that some sources write as a single object.
pub(crate) fn one_or_many<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(OneOrMany(PhantomData))
}

/// A list of strings that may be a single string or contain numbers; `null` gives an empty list.
pub(crate) fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct TextListVisitor;
    impl<'de> Visitor<'de> for TextListVisitor {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a list of strings")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element_seed(TextSeed)? {
                out.extend(item);
            }
            Ok(out)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(TextListVisitor)
}

struct TextSeed;

impl<'de> de::DeserializeSeed<'de> for TextSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Affiliations as the API has written them: `"DataCite"`, `["DataCite"]`,
/// `[{"name": "DataCite", "affiliationIdentifier": …}]`, or a single object.
pub(crate) fn affiliations<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Affiliation>, D::Error> {
    struct AffiliationsVisitor;
    impl<'de> Visitor<'de> for AffiliationsVisitor {
        type Value = Vec<Affiliation>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an affiliation name, an affiliation object, or a list of them")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![Affiliation::named(v)])
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            Ok(vec![Affiliation::deserialize(de::value::MapAccessDeserializer::new(map))?])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element::<AffiliationForm>()? {
                out.push(item.0);
            }
            Ok(out)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }
    d.deserialize_any(AffiliationsVisitor)
}

/// One affiliation as a name or an object.
struct AffiliationForm(Affiliation);

impl<'de> Deserialize<'de> for AffiliationForm {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FormVisitor;
        impl<'de> Visitor<'de> for FormVisitor {
            type Value = AffiliationForm;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an affiliation name or object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(AffiliationForm(Affiliation::named(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(AffiliationForm(Affiliation::deserialize(de::value::MapAccessDeserializer::new(map))?))
            }
        }
        d.deserialize_any(FormVisitor)
    }
}

/// The object form of [`Publisher`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[derive(Default)]
struct PublisherObject {
    #[serde(skip_serializing_if = "String::is_empty")]
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher_identifier_scheme: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    scheme_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
}

impl Serialize for Publisher {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_name_only() {
            return s.serialize_str(&self.name);
        }
        PublisherObject {
            name: self.name.clone(),
            publisher_identifier: self.publisher_identifier.clone(),
            publisher_identifier_scheme: self.publisher_identifier_scheme.clone(),
            scheme_uri: self.scheme_uri.clone(),
            lang: self.lang.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Publisher {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PublisherVisitor;
        impl<'de> Visitor<'de> for PublisherVisitor {
            type Value = Publisher;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a publisher name or a publisher object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Publisher, E> {
                Ok(Publisher::named(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Publisher, A::Error> {
                let o = PublisherObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Publisher {
                    name: o.name,
                    publisher_identifier: o.publisher_identifier,
                    publisher_identifier_scheme: o.publisher_identifier_scheme,
                    scheme_uri: o.scheme_uri,
                    lang: o.lang,
                })
            }
        }
        d.deserialize_any(PublisherVisitor)
    }
}

impl Serialize for Coordinate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.value() {
            // Only when the number prints back as the same text: then nothing of the source's
            // spelling is lost by writing a number.
            Some(v) if format_number(v) == self.0 => match whole_number(v) {
                Some(n) => s.serialize_i64(n),
                None => s.serialize_f64(v),
            },
            _ => s.serialize_str(&self.0),
        }
    }
}

/// The shortest decimal form of a number, as `serde_json` would print it for a whole number
/// stored in an `f64` (`42` rather than `42.0`).
fn format_number(v: f64) -> String {
    match whole_number(v) {
        Some(n) => n.to_string(),
        None => format!("{v}"),
    }
}

/// The integer a whole number is, when it is one that an `i64` holds exactly.
fn whole_number(v: f64) -> Option<i64> {
    // -0.0 is whole but prints as "-0"; leave it to the string form.
    (v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative())).then_some(v as i64)
}

impl<'de> Deserialize<'de> for Coordinate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Coordinate(d.deserialize_any(TextVisitor)?.unwrap_or_default()))
    }
}

/// One entry of a REST polygon list: `{"polygonPoint": …}` or `{"inPolygonPoint": …}`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum PolygonEntry {
    PolygonPoint(Point),
    InPolygonPoint(Point),
}

fn polygon_entries(p: &Polygon) -> Vec<PolygonEntry> {
    let mut entries: Vec<PolygonEntry> = p.points.iter().cloned().map(PolygonEntry::PolygonPoint).collect();
    if let Some(inside) = &p.in_polygon_point {
        entries.push(PolygonEntry::InPolygonPoint(inside.clone()));
    }
    entries
}

fn polygon_from_entries(entries: Vec<PolygonEntry>) -> Polygon {
    let mut polygon = Polygon::default();
    for entry in entries {
        match entry {
            PolygonEntry::PolygonPoint(p) => polygon.points.push(p),
            PolygonEntry::InPolygonPoint(p) => polygon.in_polygon_point = Some(p),
        }
    }
    polygon
}

/// A single value, or a list when there are several.
struct OneOrList<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for OneOrList<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            [one] => one.serialize(s),
            many => {
                let mut seq = s.serialize_seq(Some(many.len()))?;
                for item in many {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
        }
    }
}

impl Serialize for GeoLocation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if !self.places.is_empty() {
            map.serialize_entry("geoLocationPlace", &OneOrList(&self.places))?;
        }
        if !self.points.is_empty() {
            map.serialize_entry("geoLocationPoint", &OneOrList(&self.points))?;
        }
        if !self.boxes.is_empty() {
            map.serialize_entry("geoLocationBox", &OneOrList(&self.boxes))?;
        }
        let polygons: Vec<Vec<PolygonEntry>> = self.polygons.iter().map(polygon_entries).collect();
        if !polygons.is_empty() {
            map.serialize_entry("geoLocationPolygon", &OneOrList(&polygons))?;
        }
        map.end()
    }
}

/// A polygon list: one polygon (a list of entries) or several (a list of lists).
struct Polygons(Vec<Polygon>);

impl<'de> Deserialize<'de> for Polygons {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PolygonsVisitor;
        impl<'de> Visitor<'de> for PolygonsVisitor {
            type Value = Polygons;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of polygon points, or a list of such lists")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Polygons, A::Error> {
                let mut single = Vec::new();
                let mut several = Vec::new();
                while let Some(item) = seq.next_element::<EntryOrList>()? {
                    match item {
                        EntryOrList::Entry(e) => single.push(e),
                        EntryOrList::List(l) => several.push(polygon_from_entries(l)),
                    }
                }
                if !single.is_empty() {
                    several.insert(0, polygon_from_entries(single));
                }
                Ok(Polygons(several))
            }
            fn visit_none<E: de::Error>(self) -> Result<Polygons, E> {
                Ok(Polygons(Vec::new()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Polygons, E> {
                Ok(Polygons(Vec::new()))
            }
        }
        d.deserialize_any(PolygonsVisitor)
    }
}

enum EntryOrList {
    Entry(PolygonEntry),
    List(Vec<PolygonEntry>),
}

impl<'de> Deserialize<'de> for EntryOrList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EntryOrList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a polygon point entry or a list of them")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EntryOrList, A::Error> {
                Ok(EntryOrList::Entry(PolygonEntry::deserialize(de::value::MapAccessDeserializer::new(map))?))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EntryOrList, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = seq.next_element::<PolygonEntry>()? {
                    out.push(e);
                }
                Ok(EntryOrList::List(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Place names: a string or a list of strings.
fn places<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    text_list(d)
}

impl<'de> Deserialize<'de> for GeoLocation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize, Default)]
        #[serde(rename_all = "camelCase", default, expecting = "struct GeoLocation")]
        struct Form {
            #[serde(deserialize_with = "places")]
            geo_location_place: Vec<String>,
            #[serde(deserialize_with = "one_or_many")]
            geo_location_point: Vec<Point>,
            #[serde(deserialize_with = "one_or_many")]
            geo_location_box: Vec<GeoBox>,
            geo_location_polygon: Option<Polygons>,
        }
        let form = Form::deserialize(d)?;
        Ok(GeoLocation {
            places: form.geo_location_place,
            points: form.geo_location_point,
            boxes: form.geo_location_box,
            polygons: form.geo_location_polygon.map(|p| p.0).unwrap_or_default(),
        })
    }
}

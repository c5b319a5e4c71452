//! A deserializer over a parsed [`Value`] that reads the model's serde forms like `serde_json`'s
//! own `&Value` deserializer, except where that one is lenient beyond the REST form: a struct (or
//! a struct variant) is read from an object only. `serde_json` also hands a struct an array, and
//! serde's derived `Deserialize` then takes the array's items as the fields in declaration order,
//! so that `"titles": [["A title", "Subtitle"]]` became a subtitle without a word. Here an array
//! where an object belongs is a type error (`invalid type: sequence, expected struct Title`),
//! which the reader reports as `json.type` at that value and leaves out.
//!
//! Scalars are handed to `serde_json`'s deserializer as they are; arrays and objects are visited
//! here, so that their items and members are deserialized strictly too. Nothing is copied.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::Deserialize;
use serde_json::{Error, Map, Value};

/// Deserializes the value it holds, strictly: see the module's documentation.
#[derive(Clone, Copy)]
pub(super) struct Strict<'de>(pub(super) &'de Value);

/// Deserializer methods whose visitors take no struct: `serde_json` answers them.
macro_rules! delegate {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.0.$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Strict<'de> {
    type Error = Error;

    delegate! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(members) => visit_object(members, visitor),
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(members) => visit_object(members, visitor),
            other => other.deserialize_map(visitor),
        }
    }

    /// An object only: where `serde_json` would read the fields from an array's items in order.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// A unit variant as a string (`serde_json` reads it); any other as an object with one key,
    /// the variant's name, whose value is read strictly.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(members) if members.len() == 1 => match members.iter().next() {
                Some((name, value)) => visitor.visit_enum(Variant { name, value }),
                None => Err(de::Error::invalid_length(0, &"an object with a single key")),
            },
            other => other.deserialize_enum(name, variants, visitor),
        }
    }
}

/// Visits an array's items, each deserialized strictly; all of them must be taken.
fn visit_array<'de, V: Visitor<'de>>(items: &'de [Value], visitor: V) -> Result<V::Value, Error> {
    let mut seq = Items(items.iter());
    let value = visitor.visit_seq(&mut seq)?;
    match seq.0.len() {
        0 => Ok(value),
        _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in array")),
    }
}

/// Visits an object's members, each value deserialized strictly; all of them must be taken.
fn visit_object<'de, V: Visitor<'de>>(members: &'de Map<String, Value>, visitor: V) -> Result<V::Value, Error> {
    let mut map = Members { iter: members.iter(), value: None };
    let value = visitor.visit_map(&mut map)?;
    match map.iter.len() {
        0 => Ok(value),
        _ => Err(de::Error::invalid_length(members.len(), &"fewer elements in map")),
    }
}

struct Items<'de>(std::slice::Iter<'de, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|item| seed.deserialize(Strict(item))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'de> {
    iter: serde_json::map::Iter<'de>,
    /// The value of the key last given out.
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(de::Error::custom("a map value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written as an object with one key: the variant's name and its content.
struct Variant<'de> {
    name: &'de str,
    value: &'de Value,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Strict<'de>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Strict<'de>), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((variant, Strict(self.value)))
    }
}

impl<'de> VariantAccess<'de> for Strict<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        <()>::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosswalk_model::{Creator, GeoLocation, Resource, Title, TitleType, Types};
    use serde_json::json;

    fn strictly<T: Deserialize<'static>>(value: Value) -> Result<T, String> {
        let value: &'static Value = Box::leak(Box::new(value));
        T::deserialize(Strict(value)).map_err(|e| e.to_string())
    }

    #[test]
    fn objects_are_read_as_serde_json_reads_them() {
        let value = json!({
            "doi": "10.1/x",
            "titles": [{"title": "T", "titleType": "Subtitle", "lang": null}],
            "creators": [{"name": "Doe", "affiliation": ["A", {"name": "B"}], "nameIdentifiers": {"nameIdentifier": "0"}}],
            "publicationYear": 2020,
            "types": {"resourceTypeGeneral": "Dataset", "ris": "DATA"},
            "geoLocations": [{"geoLocationPoint": {"pointLatitude": 1.5, "pointLongitude": "-2"},
                              "geoLocationPolygon": [{"polygonPoint": {"pointLatitude": 1, "pointLongitude": 2}},
                                                     {"inPolygonPoint": {"pointLatitude": 3, "pointLongitude": 4}}]}],
            "sizes": ["1 MB", 2],
            "version": 1.5
        });
        let ours: Resource = strictly(value.clone()).unwrap();
        let theirs: Resource = serde_json::from_value(value).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(ours.titles[0].title_type, Some(TitleType::Subtitle));
        assert_eq!(ours.geo_locations[0].polygons[0].in_polygon_point.as_ref().unwrap().point_latitude.as_str(), "3");
    }

    #[test]
    fn an_array_where_an_object_belongs_is_a_type_error() {
        // serde_json alone reads these positionally.
        let positional: Title = serde_json::from_value(json!(["T", "Subtitle"])).unwrap();
        assert_eq!(positional.title_type, Some(TitleType::Subtitle));

        assert_eq!(
            strictly::<Title>(json!(["T", "Subtitle"])).unwrap_err(),
            "invalid type: sequence, expected struct Title"
        );
        assert!(strictly::<Creator>(json!(["Doe", "Personal"])).is_err());
        assert!(strictly::<Types>(json!(["Dataset"])).is_err());
        assert!(strictly::<GeoLocation>(json!([["Berlin"]])).is_err());
        assert!(strictly::<GeoLocation>(json!({"geoLocationPoint": [1, 2]})).is_err());
        assert!(strictly::<GeoLocation>(json!({"geoLocationPolygon": [{"polygonPoint": [1, 2]}]})).is_err());
        assert!(strictly::<Creator>(json!({"name": "D", "nameIdentifiers": [["0000", "ORCID"]]})).is_err());
        assert!(strictly::<Resource>(json!({"relatedItems": [{"relatedItemIdentifier": ["x"]}]})).is_err());
        // Lists of strings are still lists.
        let r: Resource = strictly(json!({"formats": ["a", "b"], "sizes": "1 MB"})).unwrap();
        assert_eq!(r.formats, ["a", "b"]);
        assert_eq!(r.sizes, ["1 MB"]);
    }

    #[test]
    fn other_type_errors_read_as_serde_json_words_them() {
        for value in [json!(42), json!("T"), json!(true), json!(null)] {
            let ours = strictly::<Title>(value.clone()).unwrap_err();
            let theirs = serde_json::from_value::<Title>(value).unwrap_err().to_string();
            assert_eq!(ours, theirs);
        }
        assert_eq!(
            strictly::<Resource>(json!({"titles": 5})).unwrap_err(),
            serde_json::from_value::<Resource>(json!({"titles": 5})).unwrap_err().to_string()
        );
    }
}

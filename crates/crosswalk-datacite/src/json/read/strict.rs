//! A deserializer over a parsed [`Value`] that reads the model's serde forms like `serde_json`'s
//! own `&Value` deserializer, except where that one is lenient beyond the REST form, or strict
//! where the API itself was not:
//!
//! - A struct (or a struct variant) is read from an object only. `serde_json` also hands a struct
//!   an array, and serde's derived `Deserialize` then takes the array's items as the fields in
//!   declaration order, so that `"titles": [["A title", "Subtitle"]]` became a subtitle without a
//!   word. Here an array where an object belongs is a type error (`invalid type: sequence,
//!   expected struct Title`), which the reader reports as `json.type` at that value and leaves out.
//! - A list is also read from a single object, as a list of one. The API has served single
//!   objects where its schema has lists (`"relatedItems": [{"titles": {"title": …}}]` in older
//!   records), and `serde_json` refuses them, which lost the whole entry. Each such object is
//!   noted (its path, in [`Notes`]), so that the reader reports it: nothing is read silently.
//!
//! Scalars are handed to `serde_json`'s deserializer as they are; arrays and objects are visited
//! here, so that their items and members are deserialized strictly too. Nothing is copied; each
//! value knows its path through a chain of borrowed steps, built only as deep as the value is.

use std::cell::{Cell, RefCell};

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::Deserialize;
use serde_json::{Error, Map, Value};

use super::pointer::Seg;

/// The paths (from the deserialized value's root) of the single objects read as lists of one.
#[derive(Debug, Default)]
pub(super) struct Notes(RefCell<Vec<Vec<Seg>>>, Cell<bool>);

impl Notes {
    /// The paths noted, in the order met.
    pub(super) fn into_paths(self) -> Vec<Vec<Seg>> {
        self.0.into_inner()
    }

    /// True when a value was skipped (`deserialize_ignored_any`: a key the model has no place
    /// for). Every such skip is one that `serde_ignored`, wrapped around this deserializer,
    /// reports; none means it would report nothing.
    pub(super) fn ignored_any(&self) -> bool {
        self.1.get()
    }
}

/// One step of the path to a value: the chain ends at the root.
#[derive(Clone, Copy)]
struct Step<'p> {
    parent: Option<&'p Step<'p>>,
    seg: StepSeg<'p>,
}

#[derive(Clone, Copy)]
enum StepSeg<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl Step<'_> {
    /// The path from the root to this step.
    fn path(&self) -> Vec<Seg> {
        let mut out = Vec::new();
        let mut step = Some(self);
        while let Some(s) = step {
            match s.seg {
                StepSeg::Root => {}
                StepSeg::Key(key) => out.push(Seg::Key(key.to_owned())),
                StepSeg::Index(index) => out.push(Seg::Index(index)),
            }
            step = s.parent;
        }
        out.reverse();
        out
    }
}

/// Deserializes the value it holds, strictly: see the module's documentation.
#[derive(Clone, Copy)]
pub(super) struct Strict<'de, 'p> {
    value: &'de Value,
    step: Step<'p>,
    notes: &'p Notes,
}

impl<'de, 'p> Strict<'de, 'p> {
    /// A deserializer of `value`, the root of the paths noted in `notes`.
    pub(super) fn new(value: &'de Value, notes: &'p Notes) -> Self {
        Strict { value, step: Step { parent: None, seg: StepSeg::Root }, notes }
    }
}

/// Deserializer methods whose visitors take no struct: `serde_json` answers them.
macro_rules! delegate {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.value.$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Strict<'de, '_> {
    type Error = Error;

    delegate! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.notes.1.set(true);
        self.value.deserialize_ignored_any(visitor)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => visit_array(items, &self.step, self.notes, visitor),
            Value::Object(members) => visit_object(members, &self.step, self.notes, visitor),
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.value.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// A list, or a single object read as a list of one (noted).
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => visit_array(items, &self.step, self.notes, visitor),
            Value::Object(_) => {
                self.notes.0.borrow_mut().push(self.step.path());
                // The object is the list's only item, at the list's own place in the source.
                visit_items(std::slice::from_ref(self.value), &self.step, false, self.notes, visitor)
            }
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => visit_array(items, &self.step, self.notes, visitor),
            other => other.deserialize_seq(visitor),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(members) => visit_object(members, &self.step, self.notes, visitor),
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
        match self.value {
            Value::Object(members) if members.len() == 1 => match members.iter().next() {
                Some((key, value)) => {
                    let step = Step { parent: Some(&self.step), seg: StepSeg::Key(key) };
                    visitor.visit_enum(Variant { name: key, content: Strict { value, step, notes: self.notes } })
                }
                None => Err(de::Error::invalid_length(0, &"an object with a single key")),
            },
            other => other.deserialize_enum(name, variants, visitor),
        }
    }
}

/// Visits an array's items, each deserialized strictly; all of them must be taken.
fn visit_array<'de, V: Visitor<'de>>(
    items: &'de [Value],
    parent: &Step<'_>,
    notes: &Notes,
    visitor: V,
) -> Result<V::Value, Error> {
    visit_items(items, parent, true, notes, visitor)
}

/// Visits `items` as a sequence; `indexed` when they are an array's (their paths then end with
/// their index), not when one object stands for a list of itself.
fn visit_items<'de, V: Visitor<'de>>(
    items: &'de [Value],
    parent: &Step<'_>,
    indexed: bool,
    notes: &Notes,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut seq = Items { iter: items.iter().enumerate(), parent, indexed, notes };
    let value = visitor.visit_seq(&mut seq)?;
    match seq.iter.len() {
        0 => Ok(value),
        _ => Err(de::Error::invalid_length(items.len(), &"fewer elements in array")),
    }
}

/// Visits an object's members, each value deserialized strictly; all of them must be taken.
fn visit_object<'de, V: Visitor<'de>>(
    members: &'de Map<String, Value>,
    parent: &Step<'_>,
    notes: &Notes,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut map = Members { iter: members.iter(), value: None, parent, notes };
    let value = visitor.visit_map(&mut map)?;
    match map.iter.len() {
        0 => Ok(value),
        _ => Err(de::Error::invalid_length(members.len(), &"fewer elements in map")),
    }
}

struct Items<'de, 'p> {
    iter: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    parent: &'p Step<'p>,
    indexed: bool,
    notes: &'p Notes,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some((index, item)) = self.iter.next() else { return Ok(None) };
        let step =
            if self.indexed { Step { parent: Some(self.parent), seg: StepSeg::Index(index) } } else { *self.parent };
        seed.deserialize(Strict { value: item, step, notes: self.notes }).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct Members<'de, 'p> {
    iter: serde_json::map::Iter<'de>,
    /// The key and value of the member last given out.
    value: Option<(&'de str, &'de Value)>,
    parent: &'p Step<'p>,
    notes: &'p Notes,
}

impl<'de> MapAccess<'de> for Members<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some((key, value));
                seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        match self.value.take() {
            Some((key, value)) => {
                let step = Step { parent: Some(self.parent), seg: StepSeg::Key(key) };
                seed.deserialize(Strict { value, step, notes: self.notes })
            }
            None => Err(de::Error::custom("a map value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written as an object with one key: the variant's name and its content.
struct Variant<'de, 'p> {
    name: &'de str,
    content: Strict<'de, 'p>,
}

impl<'de, 'p> EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Error;
    type Variant = Strict<'de, 'p>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Strict<'de, 'p>), Error> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((variant, self.content))
    }
}

impl<'de> VariantAccess<'de> for Strict<'de, '_> {
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
        noted(value).0
    }

    /// Deserializes `value` strictly; also gives the paths of the objects read as lists.
    fn noted<T: Deserialize<'static>>(value: Value) -> (Result<T, String>, Vec<Vec<Seg>>) {
        let value: &'static Value = Box::leak(Box::new(value));
        let notes = Notes::default();
        let result = T::deserialize(Strict::new(value, &notes)).map_err(|e| e.to_string());
        (result, notes.into_paths())
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
        // A list of objects is not an object read from its first item either.
        assert!(strictly::<Resource>(json!({"relatedItems": [{"relatedItemIdentifier": [{"x": 1}]}]})).is_err());
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

    #[test]
    fn a_single_object_where_a_list_belongs_is_a_list_of_one_and_noted() {
        let (read, paths) = noted::<Resource>(json!({"relatedItems": [
            {"relationType": "IsPublishedIn", "titles": {"title": "Journal", "titleType": "Subtitle"},
             "creators": {"name": "Doe"}},
            {"titles": [{"title": "Second"}], "contributors": {"name": "Roe", "contributorType": "Editor"}}
        ]}));
        let r = read.unwrap();
        assert_eq!(r.related_items[0].titles[0].title, "Journal");
        assert_eq!(r.related_items[0].titles[0].title_type, Some(TitleType::Subtitle));
        assert_eq!(r.related_items[0].creators[0].name, "Doe");
        assert_eq!(r.related_items[1].titles[0].title, "Second");
        assert_eq!(r.related_items[1].contributors[0].name, "Roe");
        let key = |k: &str| Seg::Key(k.to_owned());
        // Members in key order: the parsed value's objects keep no source order.
        assert_eq!(
            paths,
            [
                vec![key("relatedItems"), Seg::Index(0), key("creators")],
                vec![key("relatedItems"), Seg::Index(0), key("titles")],
                vec![key("relatedItems"), Seg::Index(1), key("contributors")],
            ]
        );
        // A type error inside the object is located in it, without an index of its own.
        let value: &'static Value =
            Box::leak(Box::new(json!({"relatedItems": [{"titles": {"title": "T", "titleType": 5}}]})));
        let notes = Notes::default();
        let mut track = serde_path_to_error::Track::new();
        let error =
            Resource::deserialize(serde_path_to_error::Deserializer::new(Strict::new(value, &notes), &mut track))
                .unwrap_err();
        assert!(error.to_string().contains("invalid type: integer `5`"), "{error}");
        assert_eq!(track.path().to_string(), "relatedItems[0].titles[0].titleType");
        // Lists of lists are no lists of one, and an array never fills an object.
        assert!(strictly::<Resource>(json!({"relatedItems": [{"titles": [[{"title": "T"}]]}]})).is_err());
    }
}

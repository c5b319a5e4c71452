//! Parsing JSON text into a `serde_json::Value` while noticing what `Value` itself would hide:
//! an object that names the same key twice (the last value wins, as in the REST API, and the
//! earlier ones would otherwise vanish without a word).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

use super::pointer;

/// A parsed JSON value and the pointers of the keys that occurred more than once.
pub(super) struct Parsed {
    /// The value; of repeated keys, the last occurrence.
    pub value: Value,
    /// Pointers to repeated keys, one per repetition, in source order.
    pub duplicates: Vec<String>,
}

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut pointer = String::new();
        let mut duplicates = Vec::new();
        let value = ValueSeed { pointer: &mut pointer, duplicates: &mut duplicates }.deserialize(d)?;
        Ok(Parsed { value, duplicates })
    }
}

/// Builds a `Value`, keeping the pointer of the current position to name repeated keys.
struct ValueSeed<'a> {
    pointer: &'a mut String,
    duplicates: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let ValueSeed { pointer, duplicates } = self;
        let base = pointer.len();
        let mut items = Vec::new();
        loop {
            pointer::push_index(pointer, items.len());
            let next = seq.next_element_seed(ValueSeed { pointer: &mut *pointer, duplicates: &mut *duplicates });
            pointer.truncate(base);
            match next? {
                Some(value) => items.push(value),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let ValueSeed { pointer, duplicates } = self;
        let base = pointer.len();
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            pointer::push_key(pointer, &key);
            let value = map.next_value_seed(ValueSeed { pointer: &mut *pointer, duplicates: &mut *duplicates })?;
            if object.insert(key, value).is_some() {
                duplicates.push(pointer.clone());
            }
            pointer.truncate(base);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_repeated_keys_with_their_pointer() {
        let parsed: Parsed =
            serde_json::from_str(r#"{"id": 1, "a": [{"x": 1, "x": 2}], "id": "last", "e": 1.5, "n": null}"#).unwrap();
        assert_eq!(parsed.duplicates, ["/a/0/x", "/id"]);
        assert_eq!(parsed.value["id"], "last");
        assert_eq!(parsed.value["a"][0]["x"], 2);
        assert_eq!(parsed.value["e"], 1.5);
        assert!(parsed.value["n"].is_null());
    }
}

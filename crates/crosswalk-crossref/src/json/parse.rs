//! Parsing one work's JSON into a `serde_json::Value` while noticing what `Value` hides: an
//! object that names a key twice keeps its last value, and the earlier ones would vanish without
//! a word. Their pointers are kept to be reported.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A parsed value and the pointers of the keys named more than once, in source order.
pub(crate) struct Parsed {
    pub(crate) value: Value,
    pub(crate) duplicates: Vec<String>,
}

/// Parses `text` as one JSON value.
pub(crate) fn parse(text: &str) -> Result<Parsed, serde_json::Error> {
    let mut duplicates = Vec::new();
    let mut pointer = String::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Seed { pointer: &mut pointer, duplicates: &mut duplicates }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(Parsed { value, duplicates })
}

struct Seed<'a> {
    pointer: &'a mut String,
    duplicates: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
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

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        let length = self.pointer.len();
        loop {
            crosswalk_text::json::push_index(self.pointer, list.len());
            let next = seq.next_element_seed(Seed { pointer: self.pointer, duplicates: self.duplicates });
            self.pointer.truncate(length);
            match next? {
                Some(value) => list.push(value),
                None => return Ok(Value::Array(list)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        let length = self.pointer.len();
        while let Some(key) = access.next_key::<String>()? {
            crosswalk_text::json::push_key(self.pointer, &key);
            let value = access.next_value_seed(Seed { pointer: self.pointer, duplicates: self.duplicates });
            if map.contains_key(&key) {
                self.duplicates.push(self.pointer.clone());
            }
            self.pointer.truncate(length);
            map.insert(key, value?);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_noticed() {
        let parsed = parse(r#"{"a": 1, "b": [{"c": 1, "c": 2}], "a": 3}"#).unwrap();
        assert_eq!(parsed.value["a"], 3);
        assert_eq!(parsed.value["b"][0]["c"], 2);
        assert_eq!(parsed.duplicates, ["/b/0/c", "/a"]);
        assert!(parse("{\"a\": 1} x").is_err());
    }
}

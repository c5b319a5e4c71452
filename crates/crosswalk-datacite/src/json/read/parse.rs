//! Parsing JSON text into a `serde_json::Value` while noticing what `Value` itself would hide:
//! an object that names the same key twice (the last value wins, as in the REST API, and the
//! earlier ones would otherwise vanish without a word).
//!
//! Also the one thing `serde_json` refuses in valid JSON: a number beyond the range of an `f64`
//! (`1e400`), which fails the whole value it stands in. [`patch_huge_numbers`] replaces such a
//! number with `null` padded to its length, so that the value parses again with every offset
//! unchanged, and [`Parsed::places`] finds the pointer of that `null` afterwards; the reader
//! reports the number there and loses only that value.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

use super::pointer::{self, At};

/// A parsed JSON value and the pointers of the keys that occurred more than once.
pub(super) struct Parsed {
    /// The value; of repeated keys, the last occurrence.
    pub value: Value,
    /// Pointers to repeated keys, one per repetition, in source order.
    pub duplicates: Vec<String>,
}

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut duplicates = Vec::new();
        let root = At::root("");
        let value = ValueSeed { at: &root, duplicates: &mut duplicates }.deserialize(d)?;
        Ok(Parsed { value, duplicates })
    }
}

/// A number of the text beyond the range of an `f64`, replaced with `null` before parsing.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct HugeNumber {
    /// The byte offset of the number in the text.
    pub offset: usize,
    /// The number as written.
    pub spelling: String,
}

/// When `error`, met at byte `at` of `text`, is `serde_json`'s refusal of a number beyond the
/// range of an `f64`: replaces that number, and every such number after it, with `null` and
/// spaces (the same length, so that offsets, lines and columns stay) and returns them in order of
/// offset. Empty for every other error, with `text` untouched.
///
/// Patching every number after the one met, with one pass over the text, lets the reader parse
/// again once rather than once per number.
pub(super) fn patch_huge_numbers(text: &mut Cow<'_, str>, error: &serde_json::Error, at: usize) -> Vec<HugeNumber> {
    if !error.is_syntax() || !error.to_string().starts_with("number out of range") {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let in_number =
        |i: usize| bytes.get(i).is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'));
    // `serde_json` points at the number's last byte, or into its exponent when that overflows.
    let Some(inside) = (if in_number(at) { Some(at) } else { at.checked_sub(1).filter(|&i| in_number(i)) }) else {
        return Vec::new();
    };
    let Some(first) = (0..=inside).rev().take_while(|&i| in_number(i)).last() else { return Vec::new() };
    let mut spans = Vec::new();
    let mut pos = first;
    // From the number met on, the text is outside any string: numbers are found by skipping strings.
    while let Some(&byte) = bytes.get(pos) {
        match byte {
            b'"' => {
                pos += 1;
                while let Some(&b) = bytes.get(pos) {
                    pos += if b == b'\\' { 2 } else { 1 };
                    if b == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = pos;
                while in_number(pos) {
                    pos += 1;
                }
                // At least `1e309`, so never shorter than `null`.
                let huge = pos - start >= 4
                    && text.get(start..pos).and_then(|t| t.parse::<f64>().ok()).is_some_and(f64::is_infinite);
                if huge {
                    spans.push((start, pos));
                }
            }
            _ => pos += 1,
        }
    }
    // The number met is one of them, unless the text is not what `serde_json` read.
    if spans.first().is_none_or(|&(start, _)| start != first) {
        return Vec::new();
    }
    let mut patched = String::with_capacity(text.len());
    let mut numbers = Vec::with_capacity(spans.len());
    let mut copied = 0;
    for (start, end) in spans {
        let (Some(before), Some(spelling)) = (text.get(copied..start), text.get(start..end)) else {
            return Vec::new();
        };
        patched.push_str(before);
        patched.push_str("null");
        patched.extend(std::iter::repeat_n(' ', end - start - 4));
        numbers.push(HugeNumber { offset: start, spelling: spelling.to_owned() });
        copied = end;
    }
    patched.push_str(text.get(copied..).unwrap_or_default());
    *text = Cow::Owned(patched);
    numbers
}

impl Parsed {
    /// The pointers of the `null`s that stand for `numbers` in this value, which starts at byte
    /// `start` of `text` (the original text), in the order of `numbers`; `None` for a number the
    /// value does not hold (the value of a key repeated later in its object).
    pub(super) fn places(&self, text: &str, start: usize, numbers: &[HugeNumber]) -> Vec<Option<String>> {
        if numbers.is_empty() {
            return Vec::new();
        }
        let mut nulls = HashSet::new();
        null_pointers(&self.value, &mut String::new(), &mut nulls);
        let at: HashMap<usize, String> = crosswalk_text::json::locate(text, start, &nulls)
            .into_iter()
            .map(|(pointer, offset)| (offset, pointer))
            .collect();
        numbers.iter().map(|number| at.get(&number.offset).cloned()).collect()
    }
}

/// Collects the pointers of the `null`s in `value`, found at `pointer`.
fn null_pointers(value: &Value, pointer: &mut String, out: &mut HashSet<String>) {
    let base = pointer.len();
    match value {
        Value::Null => {
            out.insert(pointer.clone());
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer::push_index(pointer, index);
                null_pointers(item, pointer, out);
                pointer.truncate(base);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                pointer::push_key(pointer, key);
                null_pointers(member, pointer, out);
                pointer.truncate(base);
            }
        }
        Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// Builds a `Value`, knowing where it is, to name repeated keys.
pub(super) struct ValueSeed<'a> {
    at: &'a At<'a>,
    duplicates: &'a mut Vec<String>,
}

impl<'a> ValueSeed<'a> {
    /// Builds the value found `at`, adding the pointers of its repeated keys to `duplicates`.
    pub(super) fn new(at: &'a At<'a>, duplicates: &'a mut Vec<String>) -> Self {
        ValueSeed { at, duplicates }
    }
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
        let ValueSeed { at, duplicates } = self;
        let mut items = Vec::new();
        loop {
            let item_at = at.index(items.len());
            let next = seq.next_element_seed(ValueSeed { at: &item_at, duplicates: &mut *duplicates });
            match next? {
                Some(value) => items.push(value),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let ValueSeed { at, duplicates } = self;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = {
                let member_at = at.key(&key);
                map.next_value_seed(ValueSeed { at: &member_at, duplicates: &mut *duplicates })?
            };
            match object.entry(key) {
                Entry::Vacant(vacant) => {
                    vacant.insert(value);
                }
                Entry::Occupied(mut occupied) => {
                    let mut pointer = at.pointer();
                    pointer::push_key(&mut pointer, occupied.key());
                    duplicates.push(pointer);
                    occupied.insert(value);
                }
            }
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

    /// Parses `text`, patching numbers out of range as the reader does; also says how often it
    /// parsed.
    fn parse_patched(text: &str) -> (Parsed, Vec<(Option<String>, HugeNumber)>, String, usize) {
        let mut text = Cow::Borrowed(text);
        let mut numbers = Vec::new();
        for parses in 1.. {
            match serde_json::from_str::<Parsed>(&text) {
                Ok(parsed) => {
                    let places = parsed.places(&text, 0, &numbers);
                    return (parsed, places.into_iter().zip(numbers).collect(), text.into_owned(), parses);
                }
                Err(error) => {
                    let line_start: usize = text.split_inclusive('\n').take(error.line() - 1).map(str::len).sum();
                    let at = line_start + error.column() - 1;
                    let patched = patch_huge_numbers(&mut text, &error, at);
                    assert!(!patched.is_empty(), "{error}");
                    numbers.extend(patched);
                }
            }
        }
        unreachable!()
    }

    #[test]
    fn numbers_beyond_f64_become_null_at_their_place() {
        let text = "{\"a\": 1e400, \"b\": [1, -2.5E+999, null],\n \"c\": {\"d\":1e99999999999999999999}, \"e\": 1e308}";
        let (parsed, numbers, patched, parses) = parse_patched(text);
        assert_eq!(parses, 2);
        assert_eq!(patched.len(), text.len());
        assert_eq!(
            patched,
            "{\"a\": null , \"b\": [1, null     , null],\n \"c\": {\"d\":null                  }, \"e\": 1e308}"
        );
        let places: Vec<(Option<&str>, &str)> =
            numbers.iter().map(|(p, n)| (p.as_deref(), n.spelling.as_str())).collect();
        assert_eq!(
            places,
            [(Some("/a"), "1e400"), (Some("/b/1"), "-2.5E+999"), (Some("/c/d"), "1e99999999999999999999")]
        );
        assert_eq!(parsed.value["e"], 1e308);
        // A key repeated later in its object: its first value (the huge number) is not in the value.
        let (parsed, numbers, _, _) = parse_patched(r#"{"a": 1e999, "a": 2}"#);
        assert_eq!(parsed.duplicates, ["/a"]);
        assert_eq!(numbers[0].0, None);
        // A huge number is the whole value.
        let (_, numbers, _, _) = parse_patched(" 1e400 ");
        assert_eq!(numbers[0].0.as_deref(), Some(""));
        // Strings are not numbers, and many numbers cost one more parse.
        let many = format!(r#"["1e999", {}, "\"1e999"]"#, vec!["1e999"; 1000].join(","));
        let (parsed, numbers, _, parses) = parse_patched(&many);
        assert_eq!((numbers.len(), parses), (1000, 2));
        assert_eq!(parsed.value[0], "1e999");
        assert_eq!(numbers[999].0.as_deref(), Some("/1000"));
    }

    #[test]
    fn other_errors_are_left_alone() {
        for text in [r#"{"a": 1e400x"#, r#"["1e400"#, "[\"1e400\u{1}\"]", r#"{"a" 1}"#, "[1e-400, 0e999]"] {
            let Err(error) = serde_json::from_str::<Parsed>(text) else {
                assert_eq!(text, "[1e-400, 0e999]", "underflow is zero");
                continue;
            };
            let line_start: usize = text.split_inclusive('\n').take(error.line() - 1).map(str::len).sum();
            let at = line_start + error.column().saturating_sub(1);
            let mut patched = Cow::Borrowed(text);
            let patch = patch_huge_numbers(&mut patched, &error, at);
            if text == r#"{"a": 1e400x"# {
                // serde_json meets the number before the stray `x`.
                assert_eq!(patch, [HugeNumber { offset: 6, spelling: "1e400".to_owned() }]);
            } else {
                assert_eq!(patch, [], "{text}: {error}");
                assert_eq!(patched, text);
            }
        }
    }
}

//! Finding the byte offsets of JSON pointers in an item's text, so that a diagnostic can give
//! `line:column` as well as its pointer.
//!
//! The text has parsed already, so the scan trusts its syntax and only walks into the objects
//! and lists that lead to a wanted pointer; a key that occurs twice is found at its last
//! occurrence, the one whose value was kept.

use std::collections::{HashMap, HashSet};

/// The offsets of those `wanted` pointers that exist in `text` (a JSON value).
pub(super) fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, usize> {
    let mut prefixes: HashSet<&str> = HashSet::new();
    for pointer in wanted {
        let mut rest = pointer.as_str();
        while let Some(cut) = rest.rfind('/') {
            rest = rest.get(..cut).unwrap_or_default();
            if !prefixes.insert(rest) {
                break;
            }
        }
    }
    let mut scan =
        Scan { bytes: text.as_bytes(), text, at: 0, pointer: String::new(), wanted, prefixes, found: HashMap::new() };
    scan.value();
    scan.found
}

struct Scan<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    pointer: String,
    wanted: &'a HashSet<String>,
    prefixes: HashSet<&'a str>,
    found: HashMap<String, usize>,
}

impl Scan<'_> {
    fn byte(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn white_space(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Scans one value; `None` when the text ends early.
    fn value(&mut self) -> Option<()> {
        self.white_space();
        if self.wanted.contains(&self.pointer) {
            self.found.insert(self.pointer.clone(), self.at);
        }
        let enter = self.prefixes.contains(self.pointer.as_str());
        match self.byte()? {
            b'{' if enter => self.object(),
            b'[' if enter => self.list(),
            b'{' | b'[' => self.skip_container(),
            b'"' => self.string().map(drop),
            _ => {
                while self.byte().is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self) -> Option<()> {
        self.at += 1;
        let length = self.pointer.len();
        loop {
            self.white_space();
            match self.byte()? {
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                b'"' => {
                    let key = self.string()?;
                    self.white_space();
                    if self.byte()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    self.pointer.push('/');
                    self.pointer.push_str(&crate::pointer_segment(&key));
                    let scanned = self.value();
                    self.pointer.truncate(length);
                    scanned?;
                }
                _ => return None,
            }
        }
    }

    fn list(&mut self) -> Option<()> {
        self.at += 1;
        let length = self.pointer.len();
        let mut index = 0usize;
        loop {
            self.white_space();
            match self.byte()? {
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                _ => {
                    self.pointer.push('/');
                    self.pointer.push_str(&index.to_string());
                    let scanned = self.value();
                    self.pointer.truncate(length);
                    scanned?;
                    index += 1;
                }
            }
        }
    }

    /// Reads a string from its opening quote; returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        let mut escaped = false;
        loop {
            match self.byte()? {
                b'\\' => {
                    escaped = true;
                    self.at += 2;
                }
                b'"' => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        let literal = self.text.get(start..self.at)?;
        if escaped {
            serde_json::from_str(literal).ok()
        } else {
            literal.get(1..literal.len().saturating_sub(1)).map(str::to_owned)
        }
    }

    fn skip_container(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.byte()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.at += 1;
                }
                b'}' | b']' => {
                    self.at += 1;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(());
                    }
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_wanted_pointers_only() {
        let text =
            "{\"a\": 1, \"author\": [{\"family\": \"X\"}, {\"fam/ily\": \"Y\", \"g\": [1, {\"k\": true}]}], \"a\": 2}";
        let wanted: HashSet<String> =
            ["/author/1/fam~1ily", "/author/1/g/1/k", "/a", "/nowhere", ""].iter().map(|s| s.to_string()).collect();
        let found = locate(text, &wanted);
        assert_eq!(&text[found["/author/1/fam~1ily"]..][..3], "\"Y\"");
        assert_eq!(&text[found["/author/1/g/1/k"]..][..4], "true");
        assert_eq!(&text[found["/a"]..][..1], "2");
        assert_eq!(found[""], 0);
        assert!(!found.contains_key("/nowhere"));
    }
}

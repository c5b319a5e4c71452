//! Finding where JSON pointers point in the source text, so that a diagnostic can say
//! `line:column` as well as `/creators/0/foo`.
//!
//! One pass over a value that has already parsed (so its syntax is known to be good), building
//! pointers only along the branches that lead to a wanted one and skipping the rest.

use std::collections::{HashMap, HashSet};

use super::pointer;

/// The byte offsets of the `wanted` pointers inside the JSON value starting at `start` in `text`.
/// Pointers that do not exist in the text (values the reader made up) are left out. Of a key
/// repeated in one object, the last occurrence is found, as it is the one the value holds.
pub(super) fn locate(text: &str, start: usize, wanted: &HashSet<String>) -> HashMap<String, usize> {
    let mut ancestors: HashSet<&str> = HashSet::new();
    for p in wanted {
        let mut rest = p.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            rest = parent;
            if !ancestors.insert(rest) {
                break;
            }
        }
    }
    let mut scanner = Scanner { text, pos: start, pointer: String::new(), wanted, ancestors, found: HashMap::new() };
    // The text parsed, so a `None` here can only come from a value cut short; the offsets found
    // so far are still right.
    let _ = scanner.value();
    scanner.found
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    pointer: String,
    wanted: &'a HashSet<String>,
    ancestors: HashSet<&'a str>,
    found: HashMap<String, usize>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    fn value(&mut self) -> Option<()> {
        self.skip_ws();
        if self.wanted.contains(&self.pointer) {
            self.found.insert(self.pointer.clone(), self.pos);
        }
        let descend = self.ancestors.contains(self.pointer.as_str());
        match self.peek()? {
            b'{' | b'[' if !descend => self.skip_container(),
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(drop),
            _ => {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    fn object(&mut self) -> Option<()> {
        self.pos += 1;
        let base = self.pointer.len();
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                b'"' => {
                    let key = self.string()?;
                    self.expect(b':')?;
                    pointer::push_key(&mut self.pointer, &key);
                    self.value()?;
                    self.pointer.truncate(base);
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self) -> Option<()> {
        self.pos += 1;
        let base = self.pointer.len();
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => {
                    self.pos += 1;
                    return Some(());
                }
                b',' => self.pos += 1,
                _ => {
                    pointer::push_index(&mut self.pointer, index);
                    self.value()?;
                    self.pointer.truncate(base);
                    index += 1;
                }
            }
        }
    }

    /// Reads a string starting at its opening quote and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let open = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            match self.peek()? {
                b'\\' => {
                    escaped = true;
                    self.pos += 2;
                }
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let literal = self.text.get(open..self.pos)?;
        if escaped {
            serde_json::from_str(literal).ok()
        } else {
            literal.get(1..literal.len().saturating_sub(1)).map(str::to_owned)
        }
    }

    /// Skips an object or array without building pointers inside it.
    fn skip_container(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => {
                    depth += 1;
                    self.pos += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    self.pos += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                b'"' => {
                    self.string()?;
                }
                _ => self.pos += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_offsets_of_wanted_pointers() {
        let text = "x {\"data\": [{\"a\": 1}, {\"a\": [true, {\"k/\\\"y\": \"v\"}], \"b\": {\"c\": 2}}], \"z\": 3}";
        let wanted: HashSet<String> =
            ["/data/1/a/1/k~1\"y", "/z", "/data/1", "/missing", ""].iter().map(|s| s.to_string()).collect();
        let found = locate(text, 2, &wanted);
        assert_eq!(&text[found["/data/1/a/1/k~1\"y"]..][..3], "\"v\"");
        assert_eq!(&text[found["/z"]..][..1], "3");
        assert_eq!(&text[found["/data/1"]..][..5], "{\"a\":");
        assert_eq!(found[""], 2);
        assert!(!found.contains_key("/missing"));
    }
}

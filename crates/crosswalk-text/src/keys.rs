//! Record keys that must be unique in one output: BibTeX citation keys, CSL-JSON ids, RIS IDs.
//!
//! A key already taken gets `a`, `b`, … `z`, `aa`, `ab`, … appended, the way BibTeX styles
//! disambiguate, so that the same records in the same order always get the same keys.

use std::collections::HashSet;

/// The keys taken so far in one output.
#[derive(Debug, Default)]
pub struct UniqueKeys {
    keys: HashSet<String>,
}

impl UniqueKeys {
    /// No keys yet.
    pub fn new() -> Self {
        UniqueKeys::default()
    }

    /// Takes `key`, or the first free disambiguated form of it; `Some(new)` when renamed.
    ///
    /// ```
    /// let mut keys = crosswalk_text::keys::UniqueKeys::new();
    /// assert_eq!(keys.take("smith2020"), None);
    /// assert_eq!(keys.take("smith2020").as_deref(), Some("smith2020a"));
    /// assert_eq!(keys.take("smith2020").as_deref(), Some("smith2020b"));
    /// ```
    pub fn take(&mut self, key: &str) -> Option<String> {
        if self.keys.insert(key.to_owned()) {
            return None;
        }
        let mut n = 0usize;
        loop {
            let candidate = format!("{key}{}", letters(n));
            if self.keys.insert(candidate.clone()) {
                return Some(candidate);
            }
            n += 1;
        }
    }
}

/// `a`, `b`, … `z`, `aa`, `ab`, … for the n-th repeat of a key.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_count_on_past_z() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(25), "z");
        assert_eq!(letters(26), "aa");
        assert_eq!(letters(27), "ab");
        assert_eq!(letters(26 + 26 * 26), "aaa");
    }

    #[test]
    fn a_taken_disambiguated_form_is_skipped() {
        let mut keys = UniqueKeys::new();
        assert_eq!(keys.take("ka"), None);
        assert_eq!(keys.take("k"), None);
        assert_eq!(keys.take("k").as_deref(), Some("kb"));
    }
}

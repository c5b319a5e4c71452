//! Name lists (`author`, `editor`, …) in every form BibTeX knows.
//!
//! A list is split at the word `and` outside braces; `and others` ends a list whose other
//! names are unknown. Each name is read as BibTeX reads it:
//!
//! - `First von Last` (no comma): `von` is the run of words starting with a lower-case letter
//!   before the last word;
//! - `von Last, First` (one comma) and `von Last, Jr, First` (two commas);
//! - a name that is one brace group, `{World Health Organization}`, is an organisation's name,
//!   never split.
//!
//! Words are separated by white space and ties (`~`) outside braces; a word in braces that does
//! not start with a command (`{van}`) has no case, as in BibTeX, so it is never a `von` part.
//! The parts are decoded from LaTeX after splitting, since braces decide the split.

use crate::latex::{self, Notes};

/// One name, its parts decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Name {
    /// Given names.
    pub first: String,
    /// The `von` particle(s).
    pub von: String,
    /// The family name.
    pub last: String,
    /// The `Jr` part.
    pub jr: String,
    /// The name was one brace group: an organisation.
    pub organization: bool,
    /// More than two commas: the words after the second are read as given names.
    pub extra_commas: bool,
}

impl Name {
    /// The family name with its `von` particle (`van Gogh`).
    pub(crate) fn family(&self) -> String {
        match (self.von.is_empty(), self.last.is_empty()) {
            (true, _) => self.last.clone(),
            (false, true) => self.von.clone(),
            (false, false) => format!("{} {}", self.von, self.last),
        }
    }

    /// The name as DataCite writes it: `Family, Given` (and `, Jr` after the given names), the
    /// organisation's name, or a single word as written.
    pub(crate) fn display(&self) -> String {
        if self.organization {
            return self.last.clone();
        }
        let family = self.family();
        let mut text = family;
        if !self.first.is_empty() {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(&self.first);
        }
        if !self.jr.is_empty() {
            text.push_str(", ");
            text.push_str(&self.jr);
        }
        text
    }
}

/// A parsed name list.
#[derive(Debug, Default)]
pub(crate) struct NameList {
    /// The names, in order.
    pub names: Vec<Name>,
    /// The list ended with `and others`.
    pub others: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str),
    Comma,
}

/// Splits a raw name list into words and commas outside braces.
fn tokens(raw: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start: Option<usize> = None;
    for (i, b) in raw.bytes().enumerate() {
        let separator = depth == 0 && (b.is_ascii_whitespace() || b == b'~' || b == b',');
        if separator {
            if let Some(s) = start.take() {
                out.push(Token::Word(raw.get(s..i).unwrap_or_default()));
            }
            if b == b',' {
                out.push(Token::Comma);
            }
            continue;
        }
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Token::Word(raw.get(s..).unwrap_or_default()));
    }
    out
}

/// True when a word starts with a lower-case letter in BibTeX's sense (a `von` word).
fn is_lower(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some('{') => {
            if !word.starts_with("{\\") {
                // A protected group has no case.
                return false;
            }
            let mut notes = Notes::default();
            latex::decode(word, &mut notes).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
        }
        Some('\\') => {
            let mut notes = Notes::default();
            latex::decode(word, &mut notes).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
        }
        Some(c) if c.is_alphabetic() => c.is_lowercase(),
        Some(_) => {
            let mut notes = Notes::default();
            latex::decode(word, &mut notes).chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
        }
        None => false,
    }
}

/// True when a word is one brace group from its first to its last character.
fn is_one_group(word: &str) -> bool {
    if !word.starts_with('{') || !word.ends_with('}') {
        return false;
    }
    let mut depth = 0usize;
    for (i, b) in word.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1 == word.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// Parses a raw name list, decoding each part.
pub(crate) fn parse(raw: &str, notes: &mut Notes) -> NameList {
    let tokens = tokens(raw);
    let mut list = NameList::default();
    for group in tokens.split(|t| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("and"))) {
        match group {
            [] => {}
            [Token::Word(w)] if w.eq_ignore_ascii_case("others") => list.others = true,
            [Token::Word(w)] if is_one_group(w) => {
                let name = latex::decode(w, notes);
                if !name.is_empty() {
                    list.names.push(Name { last: name, organization: true, ..Name::default() });
                }
            }
            _ => {
                let name = one_name(group, notes);
                if name != Name::default() {
                    list.names.push(name);
                }
            }
        }
    }
    list
}

fn join(words: &[&str], notes: &mut Notes) -> String {
    latex::decode(&words.join(" "), notes)
}

/// One name that is not a single brace group.
fn one_name(group: &[Token<'_>], notes: &mut Notes) -> Name {
    let parts: Vec<Vec<&str>> = group
        .split(|t| *t == Token::Comma)
        .map(|part| part.iter().filter_map(|t| if let Token::Word(w) = t { Some(*w) } else { None }).collect())
        .collect();
    match parts.as_slice() {
        [words] => first_von_last(words, notes),
        [von_last, first] => {
            let (von, last) = split_von_last(von_last);
            Name { first: join(first, notes), von: join(von, notes), last: join(last, notes), ..Name::default() }
        }
        [von_last, jr, first, rest @ ..] => {
            let (von, last) = split_von_last(von_last);
            let mut given: Vec<&str> = first.clone();
            rest.iter().for_each(|more| given.extend(more.iter().copied()));
            Name {
                first: join(&given, notes),
                von: join(von, notes),
                last: join(last, notes),
                jr: join(jr, notes),
                extra_commas: !rest.is_empty(),
                organization: false,
            }
        }
        [] => Name::default(),
    }
}

/// `First von Last`.
fn first_von_last(words: &[&str], notes: &mut Notes) -> Name {
    let Some((last_word, before)) = words.split_last() else { return Name::default() };
    let von_start = before.iter().position(|w| is_lower(w));
    match von_start {
        Some(start) => {
            // The von part runs to its last lower-case word before the last word.
            let von_end = before.iter().rposition(|w| is_lower(w)).map_or(start, |i| i + 1);
            let first = before.get(..start).unwrap_or_default();
            let von = before.get(start..von_end).unwrap_or_default();
            let mut last: Vec<&str> = before.get(von_end..).unwrap_or_default().to_vec();
            last.push(last_word);
            Name { first: join(first, notes), von: join(von, notes), last: join(&last, notes), ..Name::default() }
        }
        None => Name { first: join(before, notes), last: join(&[last_word], notes), ..Name::default() },
    }
}

/// `von Last` of the comma forms: as BibTeX does, `von` runs from the first word to the last
/// lower-case word before the final one (`Van der Berg` → `Van der` + `Berg`).
fn split_von_last<'a>(words: &'a [&'a str]) -> (&'a [&'a str], &'a [&'a str]) {
    let Some((_, before)) = words.split_last() else { return (&[], words) };
    let von_end = before.iter().rposition(|w| is_lower(w)).map_or(0, |i| i + 1);
    (words.get(..von_end).unwrap_or_default(), words.get(von_end..).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(raw: &str) -> Vec<(String, String, String, String, bool)> {
        let mut notes = Notes::default();
        parse(raw, &mut notes).names.into_iter().map(|n| (n.first, n.von, n.last, n.jr, n.organization)).collect()
    }

    fn n(first: &str, von: &str, last: &str, jr: &str) -> (String, String, String, String, bool) {
        (first.into(), von.into(), last.into(), jr.into(), false)
    }

    #[test]
    fn every_bibtex_form() {
        assert_eq!(names("Donald E. Knuth"), [n("Donald E.", "", "Knuth", "")]);
        assert_eq!(names("Ludwig van Beethoven"), [n("Ludwig", "van", "Beethoven", "")]);
        assert_eq!(names("van Beethoven, Ludwig"), [n("Ludwig", "van", "Beethoven", "")]);
        assert_eq!(
            names("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin"),
            [n("Charles Louis Xavier Joseph", "de la", "Vallée Poussin", "")]
        );
        assert_eq!(names("King, Jr, Martin Luther"), [n("Martin Luther", "", "King", "Jr")]);
        assert_eq!(names("D.~E. Knuth"), [n("D. E.", "", "Knuth", "")]);
        assert_eq!(names("Aristotle"), [n("", "", "Aristotle", "")]);
        assert_eq!(names("{\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e"), [n("Ayşe", "", "Öztürk", "")]);
        assert_eq!(names("Jean {de la} Fontaine"), [n("Jean de la", "", "Fontaine", "")]);
    }

    #[test]
    fn lists_organisations_and_others() {
        let mut notes = Notes::default();
        let list = parse("{Barnes and Noble} and Smith, John AND others", &mut notes);
        assert!(list.others);
        assert_eq!(list.names.len(), 2);
        assert!(list.names[0].organization);
        assert_eq!(list.names[0].last, "Barnes and Noble");
        assert_eq!(list.names[1].display(), "Smith, John");
        let list = parse("{University of California, Santa Barbara}", &mut notes);
        assert_eq!(list.names[0].display(), "University of California, Santa Barbara");
    }

    #[test]
    fn display_forms() {
        let mut notes = Notes::default();
        let list = parse("King, Jr, Martin Luther and van Gogh, Vincent", &mut notes);
        assert_eq!(list.names[0].display(), "King, Martin Luther, Jr");
        assert_eq!(list.names[1].display(), "van Gogh, Vincent");
        assert_eq!(list.names[1].family(), "van Gogh");
        let list = parse("a, b, c, d", &mut notes);
        assert!(list.names[0].extra_commas);
    }
}

//! Name lists (`author`, `editor`, …) in every form BibTeX knows.
//!
//! A list is split at the word `and` outside braces; `and others` ends a list whose other
//! names are unknown. Each name is read as BibTeX reads it:
//!
//! - `First von Last` (no comma): `von` is the run of words starting with a lower-case letter
//!   before the last word;
//! - `von Last, First` (one comma) and `von Last, Jr, First` (two commas);
//! - a name that is one brace group, `{World Health Organization}`, is an organisation's name,
//!   never split;
//! - Biber's extended name format, which names the parts (`family=Dijk, given=Marten,
//!   prefix=van, useprefix=true`; values in braces, a part holding a comma in quotes:
//!   `"family={Robert and Sons, Inc.}"`). Initials (`given-i=M`) and options (`useprefix`, `id`,
//!   a list's `nosortothers=true`) say how to label and sort the name, not what it is: they are
//!   kept aside for the caller to report, and so is a part the model has no place for (a custom
//!   name part such as a patronymic).
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
    /// Written in the extended name format, whose parts are named: a lone family name is a
    /// family name, not a word that may be a mononym or an organisation.
    pub extended: bool,
    /// Initials and options of an extended name, not carried over (`given-i=M`,
    /// `useprefix=false`), as written.
    pub ignored: Vec<String>,
    /// Parts of an extended name that the model has no place for (`patronymic=Ivanovich`, text
    /// without `key=`), as written.
    pub unplaced: Vec<String>,
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
    /// Options of the whole list in the extended name format (`nosortothers=true`), as
    /// written; they say how to sort and label the list and are not carried over.
    pub ignored: Vec<String>,
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
            _ => match extended_name(group, notes) {
                Some(Extended::Name(name)) => list.names.push(name),
                Some(Extended::ListOptions(options)) => list.ignored.extend(options),
                None => {
                    let name = one_name(group, notes);
                    if name != Name::default() {
                        list.names.push(name);
                    }
                }
            },
        }
    }
    list
}

/// The name parts of the extended name format and where the model's name keeps each.
const NAME_PARTS: [&str; 4] = ["family", "given", "prefix", "suffix"];

/// Options biblatex takes on a name or a name list in the extended format: how to sort, label
/// and tell names apart, not parts of the name.
const NAME_OPTIONS: &[&str] = &[
    "id",
    "labelalphanametemplatename",
    "namehashtemplatename",
    "nohashothers",
    "nosortothers",
    "sortingnamekeytemplatename",
    "uniquelist",
    "uniquename",
    "uniquenametemplatename",
    "useprefix",
];

/// What a name of the extended format is.
enum Extended {
    /// A name.
    Name(Name),
    /// Options only: they apply to the whole list.
    ListOptions(Vec<String>),
}

/// The `key` of a `key=value` part of the extended name format (lower case), and its value;
/// `None` when the part has no `=` after a key of letters, digits and `-`.
fn key_value(part: &str) -> Option<(String, &str)> {
    let (key, value) = part.split_once('=')?;
    let key = key.trim();
    let valid = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    valid.then(|| (key.to_ascii_lowercase(), value.trim()))
}

/// A name in the extended format, or `None` when the name is in BibTeX's own format (its first
/// part is no `key=value`).
fn extended_name(group: &[Token<'_>], notes: &mut Notes) -> Option<Extended> {
    let parts: Vec<String> = group
        .split(|t| *t == Token::Comma)
        .map(|part| {
            let words: Vec<&str> =
                part.iter().filter_map(|t| if let Token::Word(w) = t { Some(*w) } else { None }).collect();
            let joined = words.join(" ");
            // A part holding a comma is written in quotes: `"family={Robert and Sons, Inc.}"`.
            match joined.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')) {
                Some(inner) => inner.to_owned(),
                None => joined,
            }
        })
        .filter(|part| !part.is_empty())
        .collect();
    key_value(parts.first()?)?;
    let mut name = Name { extended: true, ..Name::default() };
    let mut has_part = false;
    let mut options = Vec::new();
    for part in &parts {
        let Some((key, value)) = key_value(part) else {
            name.unplaced.push(part.clone());
            continue;
        };
        let slot = match key.as_str() {
            "family" => Some(&mut name.last),
            "given" => Some(&mut name.first),
            "prefix" => Some(&mut name.von),
            "suffix" => Some(&mut name.jr),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = latex::decode(value, notes);
            has_part = true;
        } else if key.strip_suffix("-i").is_some_and(|base| NAME_PARTS.contains(&base)) {
            name.ignored.push(part.clone());
        } else if key == "useprefix" && !value.eq_ignore_ascii_case("false") {
            // With `useprefix=true` biblatex sorts the name with its prefix, as the family name
            // here holds it: nothing is lost.
        } else if NAME_OPTIONS.contains(&key.as_str()) {
            options.push(part.clone());
        } else {
            name.unplaced.push(part.clone());
        }
    }
    if !has_part && name.unplaced.is_empty() {
        options.append(&mut name.ignored);
        return Some(Extended::ListOptions(options));
    }
    name.ignored.append(&mut options);
    Some(Extended::Name(name))
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
                ..Name::default()
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
    fn the_extended_name_format() {
        let mut notes = Notes::default();
        let list = parse(
            "family=Dijk, given=Marten, prefix=van, useprefix=true and given={Jean Pierre}, family={Rousse}, given-i=JP and \"family={Robert and Sons, Inc.}\"",
            &mut notes,
        );
        assert_eq!(list.names.len(), 3);
        let dijk = &list.names[0];
        assert_eq!((dijk.first.as_str(), dijk.von.as_str(), dijk.last.as_str()), ("Marten", "van", "Dijk"));
        assert_eq!(dijk.family(), "van Dijk");
        assert_eq!(dijk.display(), "van Dijk, Marten");
        assert!(dijk.ignored.is_empty() && dijk.unplaced.is_empty());
        assert_eq!(list.names[1].display(), "Rousse, Jean Pierre");
        assert_eq!(list.names[1].ignored, ["given-i=JP"]);
        assert_eq!(list.names[2].display(), "Robert and Sons, Inc.");
        assert!(list.names[2].extended);

        let list = parse(
            "nosortothers=true and Hans Harman and given=Simon, prefix=de, family=Beumont, useprefix=false, suffix=Jr and given = Ivan, patronymic=Petrovich, family=Sidorov, id=p1",
            &mut notes,
        );
        assert_eq!(list.ignored, ["nosortothers=true"]);
        assert_eq!(list.names[0].display(), "Harman, Hans");
        let beumont = &list.names[1];
        assert_eq!(beumont.display(), "de Beumont, Simon, Jr");
        assert_eq!(beumont.ignored, ["useprefix=false"]);
        let sidorov = &list.names[2];
        assert_eq!(sidorov.display(), "Sidorov, Ivan");
        assert_eq!(sidorov.unplaced, ["patronymic=Petrovich"]);
        assert_eq!(sidorov.ignored, ["id=p1"]);
        // A BibTeX name is not read as extended.
        assert!(!parse("Dijk, Marten van", &mut notes).names[0].extended);
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

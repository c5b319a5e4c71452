//! The plain path's reader by hand: a cursor over the text of a record, and what it reads
//! straight into the model, the list attributes, single attributes and `types` in their plain
//! shape.
//!
//! Why: a record's lists (creators with their identifiers and affiliations, titles, subjects,
//! dates, related identifiers, rights, descriptions, funding) are most of its bytes and were most
//! of the plain path's time. Through the model's serde forms and [`Checked`](super::Checked)
//! every string passed half a dozen layers (the wrapper's deserializer and visitor, `Option`'s,
//! the derive's field visitor, `String`'s); and `serde_json`, driving the whole object, could
//! not pass over a value read elsewhere without scanning it again. Here each byte is read once:
//! a string is a scan for its closing quote eight bytes at a time, the plain-string check and
//! one copy.
//!
//! This reader takes only the model's own spelling of each entry: every key one the entry has
//! (no alias, no key in escapes), every string plain (as [`plain_text`] says), `null` or `[]`
//! only where they mean "absent", no key twice, no entry empty or without the key that makes it
//! one. Anything else, a number where text may be a number included, leaves the cursor where it
//! was, and the value is delimited ([`Cursor::value`]) and read by `serde_json` through
//! [`Checked`](super::Checked) as before, which takes what it can and sends the rest to the
//! careful reader. So what this reader takes, it reads as the serde forms would: the tests below
//! compare the two on every shape, and `crosswalk-robustness`'s `plain_path.rs` compares the
//! whole path with the careful reader.
//!
//! What the cursor takes it checks as JSON (white space, punctuation, strings with their escapes,
//! literals, plain integers); a value it only delimits, `serde_json` checks. So malformed JSON
//! is refused as before, and the record goes to the careful reader, which reports it.

use std::borrow::Cow;

use serde::de::DeserializeSeed;

use crosswalk_model::chars::line_breaks_from_markup;
use crosswalk_model::{
    Affiliation, AlternateIdentifier, Contributor, Creator, Date, Description, FundingReference, NameIdentifier,
    Publisher, RelatedIdentifier, Resource, Rights, Subject, Title, Types, Vocabulary,
};
use serde_json::Value;

use super::{in_derived_order, plain_text, types_slot, Entry};

/// Reads the list attribute `key`, whose value comes next at `c`, into its list of `lists`;
/// false (the cursor where it was, nothing changed) when the value is not in the shape this
/// reader takes, or `key` is not one of its lists.
pub(super) fn list(key: &str, c: &mut Cursor<'_>, lists: &mut Resource) -> bool {
    c.attempt(|c| match key {
        "creators" => set(&mut lists.creators, entries(c, false, creator)?),
        "contributors" => set(&mut lists.contributors, entries(c, false, contributor)?),
        "titles" => set(&mut lists.titles, entries(c, false, title)?),
        "subjects" => set(&mut lists.subjects, entries(c, false, subject)?),
        "dates" => set(&mut lists.dates, entries(c, false, date)?),
        "relatedIdentifiers" => set(&mut lists.related_identifiers, entries(c, false, related_identifier)?),
        "rightsList" => set(&mut lists.rights_list, entries(c, false, rights)?),
        "descriptions" => set(&mut lists.descriptions, entries(c, true, description)?),
        "fundingReferences" => set(&mut lists.funding_references, entries(c, false, funding_reference)?),
        "alternateIdentifiers" => set(&mut lists.alternate_identifiers, entries(c, false, alternate_identifier)?),
        _ => None,
    })
    .is_some()
}

/// Reads the single attribute (or list of strings) `key`, whose value comes next at `c`, into
/// its property of `resource` when it is in the plain shape: a plain string (a year also a
/// plain integer; `publisher` a name), `null`, or for a list of strings `[]` or plain strings.
/// False (the cursor where it was, nothing changed) for any other shape, which the model's
/// serde forms read.
pub(super) fn single(key: &str, c: &mut Cursor<'_>, resource: &mut Resource) -> bool {
    c.attempt(|c| match key {
        "language" => optional(c, &mut resource.language, false),
        "version" => optional(c, &mut resource.version, false),
        "url" => optional(c, &mut resource.url, false),
        "publicationYear" => year(c, &mut resource.publication_year),
        "publisher" => {
            let name = if c.null() { None } else { Some(plain(c, false)?) };
            resource.publisher = name.map(Publisher::named);
            Some(resource.publisher.is_some())
        }
        "formats" => texts(c, &mut resource.formats),
        "sizes" => texts(c, &mut resource.sizes),
        "contentUrl" => texts(c, &mut resource.content_url),
        _ => None,
    })
    .is_some()
}

/// `types` in the plain shape: `null`, or an object of `resourceTypeGeneral`, `resourceType`
/// and the derived types, each a plain string or `null`; the derived ones set aside in the order
/// of `DERIVED_TYPES`, as [`TypesSeed`](super::TypesSeed) does. `None` (the cursor where it
/// was) for any other shape, which that seed reads.
pub(super) fn types(c: &mut Cursor<'_>) -> Option<(Types, Vec<(&'static str, Value)>)> {
    c.attempt(|c| {
        let mut types = Types::default();
        let mut derived: Vec<(usize, Value)> = Vec::new();
        if c.null() {
            return Some((types, Vec::new()));
        }
        let mut seen = 0u8;
        c.object(|c, key| {
            let slot = types_slot(key)?;
            if seen & (1 << slot) != 0 {
                return None;
            }
            seen |= 1 << slot;
            match slot {
                0 => vocabulary(c, &mut types.resource_type_general, false).map(drop),
                1 => optional(c, &mut types.resource_type, false).map(drop),
                _ => {
                    let mut text = None;
                    optional(c, &mut text, false)?;
                    derived.extend(text.map(|text| (slot, Value::String(text))));
                    Some(())
                }
            }
        })?;
        Some((types, in_derived_order(derived)))
    })
}

/// A year: a plain string, a plain integer (kept as its digits, which are what the serde form
/// writes for it), or `null`.
fn year(c: &mut Cursor<'_>, slot: &mut Option<String>) -> Option<bool> {
    if c.peek().is_some_and(|b| b.is_ascii_digit()) {
        *slot = Some(c.integer()?.to_owned());
        return Some(true);
    }
    optional(c, slot, false)
}

/// A list of strings: `null`, `[]` or plain strings. The slot is set only when the whole list
/// is read: the serde form that reads it otherwise appends to it.
fn texts(c: &mut Cursor<'_>, slot: &mut Vec<String>) -> Option<bool> {
    if c.null() {
        return Some(false);
    }
    let mut texts = Vec::new();
    c.array(|c| {
        texts.push(plain(c, false)?);
        Some(())
    })?;
    *slot = texts;
    Some(!slot.is_empty())
}

/// Passes over a value the plain path does not read when it is a string, a literal or a plain
/// integer (most of the server's attributes); false (the cursor where it was) for any other,
/// which `serde_json` checks.
pub(super) fn skip_scalar(c: &mut Cursor<'_>) -> bool {
    c.attempt(|c| {
        let skipped = match c.peek()? {
            b'"' => c.string().is_some(),
            b't' => c.literal(b"true"),
            b'f' => c.literal(b"false"),
            b'n' => c.null(),
            b'0'..=b'9' => c.integer().is_some(),
            _ => false,
        };
        skipped.then_some(())
    })
    .is_some()
}

fn set<T>(slot: &mut Vec<T>, list: Vec<T>) -> Option<()> {
    *slot = list;
    Some(())
}

/// A list attribute: `null` or `[]` (absent), or entries each read by `entry` and each having
/// a key that makes it an entry. `markup`: its strings are refused for the line break spellings
/// the careful reader notes (descriptions).
fn entries<T: Entry + Default>(
    c: &mut Cursor<'_>,
    markup: bool,
    entry: fn(&mut Cursor<'_>, bool, &mut T) -> Option<()>,
) -> Option<Vec<T>> {
    let mut list: Vec<T> = Vec::new();
    if c.null() {
        return Some(list);
    }
    // Each entry is read where it stays (an entry is a few hundred bytes, moved by `memcpy`).
    c.array(|c| {
        list.push(T::default());
        let read = list.last_mut()?;
        entry(c, markup, read)?;
        read.has_needed().then_some(())
    })?;
    Some(list)
}

/// An entry's reader, which fills a default entry from the members it takes: `"key" => field:
/// kind`, where `kind` is one of the functions below that read a member's value into its field,
/// `Some(true)` when the value counts (is not `null` or `[]`). An entry with no member that
/// counts is refused, as the careful reader removes it.
macro_rules! entry {
    ($(#[$doc:meta])* $read:ident -> $entry:ident { $($key:literal => $field:ident: $kind:ident),+ $(,)? }) => {
        $(#[$doc])*
        fn $read(c: &mut Cursor<'_>, markup: bool, entry: &mut $entry) -> Option<()> {
            let (mut seen, mut kept) = (0u32, false);
            c.object(|c, key| {
                let mut bit = 1u32;
                $(
                    if key == $key {
                        if seen & bit != 0 {
                            return None;
                        }
                        seen |= bit;
                        kept |= $kind(c, &mut entry.$field, markup)?;
                        return Some(());
                    }
                    bit <<= 1;
                )+
                let _ = bit;
                None
            })?;
            kept.then_some(())
        }
    };
}

/// A creator's or contributor's reader: the members of a person, and `extra` ones.
macro_rules! person {
    ($read:ident -> $entry:ident { $($extra:tt)* }) => {
        entry! {
            $read -> $entry {
                "name" => name: text,
                "nameType" => name_type: vocabulary,
                "givenName" => given_name: optional,
                "familyName" => family_name: optional,
                "lang" => lang: optional,
                "nameIdentifiers" => name_identifiers: name_identifiers,
                "affiliation" => affiliation: affiliations,
                $($extra)*
            }
        }
    };
}

person! { creator -> Creator {} }
person! { contributor -> Contributor { "contributorType" => contributor_type: vocabulary } }

entry! {
    name_identifier -> NameIdentifier {
        "nameIdentifier" => name_identifier: text,
        "nameIdentifierScheme" => name_identifier_scheme: optional,
        "schemeUri" => scheme_uri: optional,
    }
}

entry! {
    affiliation -> Affiliation {
        "name" => name: text,
        "affiliationIdentifier" => affiliation_identifier: optional,
        "affiliationIdentifierScheme" => affiliation_identifier_scheme: optional,
        "schemeUri" => scheme_uri: optional,
        "lang" => lang: optional,
    }
}

entry! {
    title -> Title {
        "title" => title: text,
        "titleType" => title_type: vocabulary,
        "lang" => lang: optional,
    }
}

entry! {
    subject -> Subject {
        "subject" => subject: text,
        "subjectScheme" => subject_scheme: optional,
        "schemeUri" => scheme_uri: optional,
        "valueUri" => value_uri: optional,
        "classificationCode" => classification_code: optional,
        "lang" => lang: optional,
    }
}

entry! {
    date -> Date {
        "date" => date: text,
        "dateType" => date_type: vocabulary,
        "dateInformation" => date_information: optional,
    }
}

entry! {
    related_identifier -> RelatedIdentifier {
        "relatedIdentifier" => related_identifier: text,
        "relatedIdentifierType" => related_identifier_type: vocabulary,
        "relationType" => relation_type: vocabulary,
        "relationTypeInformation" => relation_type_information: optional,
        "relatedMetadataScheme" => related_metadata_scheme: optional,
        "schemeUri" => scheme_uri: optional,
        "schemeType" => scheme_type: optional,
        "resourceTypeGeneral" => resource_type_general: vocabulary,
    }
}

entry! {
    rights -> Rights {
        "rights" => rights: optional,
        "rightsUri" => rights_uri: optional,
        "rightsIdentifier" => rights_identifier: optional,
        "rightsIdentifierScheme" => rights_identifier_scheme: optional,
        "schemeUri" => scheme_uri: optional,
        "lang" => lang: optional,
    }
}

entry! {
    description -> Description {
        "description" => description: described,
        "descriptionType" => description_type: vocabulary,
        "lang" => lang: optional,
    }
}

entry! {
    funding_reference -> FundingReference {
        "funderName" => funder_name: text,
        "funderIdentifier" => funder_identifier: optional,
        "funderIdentifierType" => funder_identifier_type: vocabulary,
        "schemeUri" => scheme_uri: optional,
        "awardNumber" => award_number: optional,
        "awardUri" => award_uri: optional,
        "awardTitle" => award_title: optional,
    }
}

entry! {
    alternate_identifier -> AlternateIdentifier {
        "alternateIdentifier" => alternate_identifier: text,
        "alternateIdentifierType" => alternate_identifier_type: optional,
    }
}

/// A plain string.
fn plain(c: &mut Cursor<'_>, markup: bool) -> Option<String> {
    let text = c.string()?;
    plain_text(&text, markup).then(|| text.into_owned())
}

/// Text the entry must have when the key is given (`null` is not text).
fn text(c: &mut Cursor<'_>, slot: &mut String, markup: bool) -> Option<bool> {
    *slot = plain(c, markup)?;
    Some(true)
}

/// Optional text: `null` is absent.
fn optional(c: &mut Cursor<'_>, slot: &mut Option<String>, markup: bool) -> Option<bool> {
    if c.null() {
        return Some(false);
    }
    *slot = Some(plain(c, markup)?);
    Some(true)
}

/// A value of a controlled list, as written (an unknown one kept as `Unknown`, for the careful
/// reader's own report); `null` is absent.
fn vocabulary<T: Vocabulary>(c: &mut Cursor<'_>, slot: &mut Option<T>, markup: bool) -> Option<bool> {
    if c.null() {
        return Some(false);
    }
    let text = c.string()?;
    if !plain_text(&text, markup) {
        return None;
    }
    *slot = Some(T::from_exact(&text));
    Some(true)
}

/// A description's text: the line-break element's spelling `<br/>` becomes the model's line
/// break (the spellings the careful reader notes were refused by `markup`).
fn described(c: &mut Cursor<'_>, slot: &mut String, markup: bool) -> Option<bool> {
    let text = plain(c, markup)?;
    *slot = match line_breaks_from_markup(&text) {
        Cow::Owned(changed) => changed,
        Cow::Borrowed(_) => text,
    };
    Some(true)
}

/// A person's identifiers: a list of objects; `null` and `[]` are absent.
fn name_identifiers(c: &mut Cursor<'_>, slot: &mut Vec<NameIdentifier>, markup: bool) -> Option<bool> {
    if c.null() {
        return Some(false);
    }
    c.array(|c| {
        slot.push(NameIdentifier::default());
        name_identifier(c, markup, slot.last_mut()?)
    })?;
    Some(!slot.is_empty())
}

/// A person's affiliations: a list of names and objects; `null` and `[]` are absent.
fn affiliations(c: &mut Cursor<'_>, slot: &mut Vec<Affiliation>, markup: bool) -> Option<bool> {
    if c.null() {
        return Some(false);
    }
    c.array(|c| {
        if c.peek() == Some(b'"') {
            slot.push(Affiliation::named(plain(c, markup)?));
            return Some(());
        }
        slot.push(Affiliation::default());
        affiliation(c, markup, slot.last_mut()?)
    })?;
    Some(!slot.is_empty())
}

/// How deep a value skipped by [`Cursor::value`] may nest: deeper, the careful reader decides
/// (`serde_json` refuses what nests deeper than 128, counted from the document's top).
const DEPTH: usize = 100;

/// A position in a JSON text, read by hand. What it takes, it has checked as JSON: white space,
/// punctuation, strings (a control character or an unknown escape in one is refused) and
/// `null`; a value it only delimits ([`Cursor::value`]) is checked by `serde_json`.
pub(super) struct Cursor<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Cursor<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Cursor { text, bytes: text.as_bytes(), at: 0 }
    }

    /// The next byte that is not JSON white space, not taken.
    pub(super) fn peek(&mut self) -> Option<u8> {
        while let Some(&byte) = self.bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(byte);
            }
            self.at += 1;
        }
        None
    }

    /// What `read` reads from here; `None`, and the cursor back where it was, when it refuses.
    fn attempt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.at;
        let read = read(self);
        if read.is_none() {
            self.at = start;
        }
        read
    }

    /// Where the next value starts, past white space.
    pub(super) fn value_start(&mut self) -> usize {
        self.peek();
        self.at
    }

    /// Takes `byte` when it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Takes `null` when it comes next.
    fn null(&mut self) -> bool {
        self.literal(b"null")
    }

    /// Takes `literal` (`null`, `true`, `false`) when it comes next. (What follows is checked by
    /// the object or array it is in: `nullx` is refused there.)
    fn literal(&mut self, literal: &[u8]) -> bool {
        let next = self.peek() == literal.first().copied()
            && self.bytes.get(self.at..self.at + literal.len()) == Some(literal);
        if next {
            self.at += literal.len();
        }
        next
    }

    /// A plain integer as JSON writes it (no sign, no leading zero, no fraction or exponent) of
    /// at most 15 digits, which any reader holds exactly; `None` for any other number.
    fn integer(&mut self) -> Option<&'t str> {
        let start = self.value_start();
        let digits = self.bytes.get(start..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        let after = self.bytes.get(start + digits).copied();
        let leading_zero = digits > 1 && self.bytes.get(start) == Some(&b'0');
        if digits == 0 || digits > 15 || leading_zero || matches!(after, Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.at = start + digits;
        self.text.get(start..self.at)
    }

    /// The string that comes next, when it is one without escapes (the text's own).
    pub(super) fn borrowed_string(&mut self) -> Option<&'t str> {
        match self.string()? {
            Cow::Borrowed(text) => Some(text),
            Cow::Owned(_) => None,
        }
    }

    /// The string or `null` that comes next, whatever the string holds.
    pub(super) fn any_string(&mut self) -> Option<Option<String>> {
        if self.null() {
            return Some(None);
        }
        self.string().map(|text| Some(text.into_owned()))
    }

    /// An object, each member read by `member` from its key (borrowed: a key in escapes is not
    /// one this reader takes), which leaves the cursor past the member's value.
    pub(super) fn object(&mut self, mut member: impl FnMut(&mut Self, &'t str) -> Option<()>) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return None;
            }
            let start = self.at + 1;
            let end = string_stop(self.bytes, start)?;
            if self.bytes.get(end) != Some(&b'"') {
                return None;
            }
            let key = self.text.get(start..end)?;
            self.at = end + 1;
            if !self.eat(b':') {
                return None;
            }
            member(self, key)?;
            if !self.eat(b',') {
                return self.eat(b'}').then_some(());
            }
        }
    }

    /// An array, each entry read by `entry`.
    fn array(&mut self, mut entry: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        if !self.eat(b'[') {
            return None;
        }
        if self.eat(b']') {
            return Some(());
        }
        loop {
            entry(self)?;
            if !self.eat(b',') {
                return self.eat(b']').then_some(());
            }
        }
    }

    /// A string, its escapes decoded (borrowed from the text when it has none).
    fn string(&mut self) -> Option<Cow<'t, str>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let mut end = string_stop(self.bytes, start)?;
        if self.bytes.get(end) == Some(&b'"') {
            self.at = end + 1;
            return self.text.get(start..end).map(Cow::Borrowed);
        }
        // Quotes and backslashes are ASCII: every cut below falls between characters.
        let mut decoded = String::with_capacity(end - start + 16);
        let mut from = start;
        loop {
            decoded.push_str(self.text.get(from..end)?);
            match self.bytes.get(end)? {
                b'"' => {
                    self.at = end + 1;
                    return Some(Cow::Owned(decoded));
                }
                b'\\' => {
                    let (c, next) = escape(self.bytes, end + 1)?;
                    decoded.push(c);
                    from = next;
                    end = string_stop(self.bytes, from)?;
                }
                // A control character, which JSON does not allow in a string.
                _ => return None,
            }
        }
    }

    /// The next value's text, delimited (not checked: the caller gives it to `serde_json`).
    /// A value nesting deeper than [`DEPTH`] is refused.
    fn delimit(&mut self) -> Option<&'t str> {
        let start = self.value_start();
        let mut depth = 0usize;
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => {
                    // To the closing quote, past each escaped character.
                    let mut at = self.at + 1;
                    loop {
                        at = string_stop(self.bytes, at)?;
                        match self.bytes.get(at)? {
                            b'"' => break,
                            b'\\' => at += 2,
                            _ => return None,
                        }
                    }
                    self.at = at + 1;
                }
                b'{' | b'[' => {
                    depth += 1;
                    if depth > DEPTH {
                        return None;
                    }
                    self.at += 1;
                }
                b'}' | b']' => {
                    if depth == 0 {
                        // The end of the object or array the value is in.
                        break;
                    }
                    depth -= 1;
                    self.at += 1;
                }
                b',' if depth == 0 => break,
                _ => self.at += 1,
            }
            if depth == 0 && self.bytes.get(self.at).is_none_or(|b| matches!(b, b',' | b'}' | b']')) {
                break;
            }
        }
        self.text.get(start..self.at)
    }

    /// The next value read by `seed` with `serde_json`, which checks it as JSON.
    pub(super) fn value<S: DeserializeSeed<'t>>(&mut self, seed: S) -> Option<S::Value> {
        let text = self.delimit()?;
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let value = seed.deserialize(&mut deserializer).ok()?;
        deserializer.end().ok()?;
        Some(value)
    }
}

/// The character of the escape whose letter is at `at` (past the backslash), and where the text
/// goes on. A UTF-16 surrogate must be a high one followed by an escaped low one (`serde_json`
/// refuses any other, and so does the careful reader).
fn escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let simple = match bytes.get(at)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(bytes, at + 1)?;
            if !(0xD800..0xE000).contains(&high) {
                return Some((char::from_u32(high)?, at + 5));
            }
            if high >= 0xDC00 || bytes.get(at + 5..at + 7) != Some(b"\\u") {
                return None;
            }
            let low = hex4(bytes, at + 7)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            return Some((char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))?, at + 11));
        }
        _ => return None,
    };
    Some((simple, at + 1))
}

/// The four hexadecimal digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4)?.iter().try_fold(0u32, |n, &b| Some(n * 16 + char::from(b).to_digit(16)?))
}

/// The first byte at or after `from` that ends a string's run of plain characters: `"`, `\`, or
/// a control character.
fn string_stop(bytes: &[u8], from: usize) -> Option<usize> {
    crosswalk_text::bytes::find_byte(bytes, from, b"\"\\", 0x20)
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeSeed;

    use super::super::List;
    use super::*;

    /// What the serde forms through `Checked` read from `text` as the list attribute `key`.
    fn through_serde(key: &str, text: &str) -> Option<Resource> {
        let mut resource = Resource::default();
        let mut d = serde_json::Deserializer::from_str(text);
        macro_rules! read {
            ($($key:literal => $field:ident $(, $markup:ident)?;)*) => {
                match key {
                    $($key => resource.$field = read!(@seed $($markup)?).deserialize(&mut d).ok()?,)*
                    _ => return None,
                }
            };
            (@seed markup) => { List::with_markup() };
            (@seed) => { List::new() };
        }
        read! {
            "creators" => creators; "contributors" => contributors; "titles" => titles;
            "subjects" => subjects; "dates" => dates; "relatedIdentifiers" => related_identifiers;
            "rightsList" => rights_list; "descriptions" => descriptions, markup;
            "fundingReferences" => funding_references; "alternateIdentifiers" => alternate_identifiers;
        }
        d.end().ok()?;
        Some(resource)
    }

    fn by_hand(key: &str, text: &str) -> Option<Resource> {
        let mut resource = Resource::default();
        let c = &mut Cursor::new(text);
        (list(key, c, &mut resource) && c.peek().is_none()).then_some(resource)
    }

    /// Every list this reader takes, the serde forms take alike.
    fn agree(key: &str, text: &str) -> bool {
        let hand = by_hand(key, text);
        if let Some(hand) = &hand {
            assert_eq!(Some(hand), through_serde(key, text).as_ref(), "{key}: {text}");
        }
        hand.is_some()
    }

    #[test]
    fn reads_each_list_as_the_serde_forms_do() {
        for (key, text) in [
            (
                "creators",
                r#"[{"name": "Doe, Jane", "nameType": "Personal", "givenName": "Jane", "familyName": "Doe",
                    "lang": "en", "nameIdentifiers": [{"nameIdentifier": "https://orcid.org/0000-0001-5000-0007",
                    "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}],
                    "affiliation": [{"name": "DataCite", "affiliationIdentifier": "https://ror.org/04wxnsj81",
                    "affiliationIdentifierScheme": "ROR", "schemeUri": "https://ror.org", "lang": "en"}, "CERN"]},
                   {"name": "Org", "nameType": "Organisation", "nameIdentifiers": [], "affiliation": null}]"#,
            ),
            (
                "contributors",
                r#"[{"name": "A", "contributorType": "Editor", "givenName": null, "affiliation": ["X"]}]"#,
            ),
            ("titles", r#"[{"title": "T", "titleType": "Subtitle", "lang": "en"}, {"title": "U"}]"#),
            ("titles", r#" [ { "title" : "A \"quoted\" \u00e9\ud83d\ude00 \/ \\ \t." } ] "#),
            (
                "subjects",
                r#"[{"subject": "S", "subjectScheme": "x", "schemeUri": "u", "valueUri": "v",
                    "classificationCode": "c", "lang": "de"}]"#,
            ),
            ("dates", r#"[{"date": "2020", "dateType": "Issued", "dateInformation": "i"}]"#),
            (
                "relatedIdentifiers",
                r#"[{"relatedIdentifier": "10.1/x", "relatedIdentifierType": "DOI", "relationType": "Cites",
                    "relationTypeInformation": "r", "relatedMetadataScheme": "m", "schemeUri": "s",
                    "schemeType": "t", "resourceTypeGeneral": "Dataset"}]"#,
            ),
            (
                "rightsList",
                r#"[{"rights": "CC", "rightsUri": "u", "rightsIdentifier": "cc-by", "rightsIdentifierScheme":
                    "SPDX", "schemeUri": "s", "lang": "en"}, {"rightsUri": "u"}]"#,
            ),
            ("descriptions", r#"[{"description": "a<br/>b", "descriptionType": "Abstract", "lang": "en"}]"#),
            (
                "fundingReferences",
                r#"[{"funderName": "F", "funderIdentifier": "i", "funderIdentifierType": "ROR", "schemeUri":
                    "s", "awardNumber": "1", "awardUri": "u", "awardTitle": "t"}]"#,
            ),
            ("alternateIdentifiers", r#"[{"alternateIdentifier": "x", "alternateIdentifierType": "Local"}]"#),
            ("titles", "null"),
            ("titles", "[]"),
        ] {
            assert!(agree(key, text), "not taken by hand: {key}: {text}");
        }
        let creators = by_hand("creators", r#"[{"name": "A", "affiliation": ["X", {"name": "Y"}]}]"#);
        assert_eq!(creators.map(|r| r.creators[0].affiliation.len()), Some(2));
        let titles = by_hand("titles", r#"[{"title": "é\ud83d\ude00"}]"#);
        assert_eq!(titles.map(|r| r.titles[0].title.clone()).as_deref(), Some("é😀"));
    }

    #[test]
    fn leaves_every_other_shape_to_the_serde_forms() {
        for (key, text) in [
            // Taken by the serde forms, not here.
            ("creators", r#"[{"name": "A", "schemeURI": "x"}]"#),
            ("creators", r#"[{"name": "A", "affiliation": "X"}]"#),
            ("creators", r#"[{"name": "A", "nameIdentifiers": {"nameIdentifier": "x"}}]"#),
            ("rightsList", r#"[{"rights": 4}]"#),
            ("fundingReferences", r#"[{"funderName": "F", "awardNumber": 12}]"#),
            ("titles", r#"[{"ti\u0074le": "T"}]"#),
            ("alternateIdentifiers", r#"[{"identifier": "x"}]"#),
            // Refused by both.
            ("titles", r#"[{"title": " T"}]"#),
            ("titles", r#"[{"title": ""}]"#),
            ("titles", r#"[{"title": "T"}, null]"#),
            ("titles", r#"[{"title": "T", "lang": null}, {}]"#),
            ("titles", r#"[{"lang": null}]"#),
            ("titles", r#"[{"lang": "en"}]"#),
            ("titles", r#"[{"title": null}]"#),
            ("titles", r#"[{"title": "T", "title": "U"}]"#),
            ("titles", r#"[{"title": "T", "extra": "x"}]"#),
            ("titles", r#"{"title": "T"}"#),
            ("titles", r#"[["T"]]"#),
            ("titles", r#"[{"title": "a\ud800b"}]"#),
            ("titles", r#"[{"title": "a\udc00\ud800b"}]"#),
            ("titles", r#"[{"title": "a\q"}]"#),
            ("titles", r#"[{"title": "T"}"#),
            ("titles", r#""T""#),
            ("creators", r#"[{"name": "A", "affiliation": [null]}]"#),
            ("creators", r#"[{"name": "A", "affiliation": [{}]}]"#),
            ("creators", r#"[{"name": "A", "nameIdentifiers": [{"nameIdentifier": " x"}]}]"#),
            ("descriptions", r#"[{"description": "a<br>b"}]"#),
            ("descriptions", r#"[{"description": "a", "lang": "<br />"}]"#),
            ("descriptions", r#"[{"description": "a\u2028b"}]"#),
            ("geoLocations", r#"[]"#),
        ] {
            assert!(!agree(key, text), "taken by hand: {key}: {text}");
        }
    }

    #[test]
    fn reads_singles_and_types_as_the_serde_forms_do() {
        for (key, text, taken) in [
            ("language", r#""en""#, true),
            ("version", "null", true),
            ("url", r#""https://example.org/a""#, true),
            ("publicationYear", "2020", true),
            ("publicationYear", r#""2020-21""#, true),
            ("publisher", r#""P""#, true),
            ("publisher", "null", true),
            ("formats", r#"["text/csv", "PDF"]"#, true),
            ("sizes", "[]", true),
            ("contentUrl", "null", true),
            ("publicationYear", "2020.0", false),
            ("publicationYear", "02020", false),
            ("version", "2", false),
            ("language", r#"" en""#, false),
            ("publisher", r#"{"name": "P"}"#, false),
            ("formats", r#""text/csv""#, false),
            ("formats", "[null]", false),
            ("formats", r#"["a", 5]"#, false),
            ("publicationYear", r#"" 2020""#, false),
        ] {
            let mut hand = Resource::default();
            let c = &mut Cursor::new(text);
            assert_eq!(single(key, c, &mut hand) && c.peek().is_none(), taken, "{key}: {text}");
            // What is not taken leaves nothing behind: the serde form reads it into the same slots.
            assert!(taken || hand == Resource::default(), "{key}: {text}");
            if taken {
                let mut serde = Resource::default();
                let key = super::super::attribute_table().iter().flatten().find(|a| a.key == key).map(|a| a.key);
                let seed = super::super::Single { key: key.unwrap_or_default(), resource: &mut serde };
                assert!(seed.deserialize(&mut serde_json::Deserializer::from_str(text)).is_ok(), "{text}");
                assert_eq!(hand, serde, "{text}");
            }
        }
        for (text, taken) in [
            ("null", true),
            ("{}", true),
            (r#"{"ris": "DATA", "resourceType": "R", "schemaOrg": null, "resourceTypeGeneral": "Dataset"}"#, true),
            (r#"{"resourceTypeGeneral": "Unheard"}"#, true),
            (r#"{"resourceType": 4}"#, false),
            (r#"{"ris": "DATA", "ris": "JOUR"}"#, false),
            (r#"{"other": "x"}"#, false),
            (r#"{"ris": " DATA"}"#, false),
        ] {
            let c = &mut Cursor::new(text);
            let hand = types(c).filter(|_| c.peek().is_none());
            assert_eq!(hand.is_some(), taken, "{text}");
            if let Some(hand) = hand {
                let serde = super::super::TypesSeed.deserialize(&mut serde_json::Deserializer::from_str(text));
                assert_eq!(Some(hand), serde.ok(), "{text}");
            }
        }
    }

    #[test]
    fn finds_the_first_quote_backslash_or_control_character_anywhere() {
        for len in 0..40 {
            for at in 0..len {
                for (first, second) in [(b'"', b'\\'), (b'\\', 0x1F), (0, b'"')] {
                    let mut bytes = vec![0xA9u8; len + 3];
                    if let (Some(a), Some(b)) = (bytes.get(at).copied(), bytes.get(len).copied()) {
                        assert_eq!((a, b), (0xA9, 0xA9));
                    }
                    bytes.splice(at..=at, [first]);
                    bytes.splice(len..=len, [second]);
                    assert_eq!(string_stop(&bytes, 0), Some(at), "{len} {at}");
                    assert_eq!(string_stop(&bytes, at + 1), Some(len), "{len} {at}");
                }
            }
            let others: Vec<u8> = (0x20..=255u8).filter(|b| *b != b'"' && *b != b'\\').cycle().take(len * 7).collect();
            assert_eq!(string_stop(&others, 0), None, "{len}");
        }
    }

    #[test]
    fn delimits_values_as_json_has_them() {
        for (text, value) in [
            (r#"12 , "x""#, "12 "),
            (r#""a\"b}" }"#, r#""a\"b}" "#),
            (r#"{"a": [1, {"b": "]"}], "c": null}, 3"#, r#"{"a": [1, {"b": "]"}], "c": null}"#),
            ("[[]]]", "[[]]"),
            ("true}", "true"),
        ] {
            assert_eq!(Cursor::new(text).delimit(), Some(value), "{text}");
        }
        let deep = format!("{}{}", "[".repeat(DEPTH + 1), "]".repeat(DEPTH + 1));
        assert_eq!(Cursor::new(&deep).delimit(), None);
        assert_eq!(Cursor::new(r#""a"#).delimit(), None, "unterminated");
        assert_eq!(Cursor::new("\"a\u{1}b\"").delimit(), None);
    }
}

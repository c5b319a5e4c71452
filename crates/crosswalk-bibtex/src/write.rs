//! Writing resources as BibTeX entries.
//!
//! # Dialect and characters
//!
//! Entries use the classic BibTeX entry types and field names wherever one exists (`article`,
//! `inproceedings`, `phdthesis`, `journal`, `school`), which BibTeX, BibLaTeX and every
//! reference manager read; BibLaTeX's own types and fields are used only where BibTeX has none
//! (`@dataset`, `@software`, `@online`, `doi`, `date`, `subtitle`, `eprint`); a classic BibTeX
//! style treats an unknown type as `@misc` and skips unknown fields, so nothing breaks.
//!
//! Text is written as **UTF-8**, with only the characters LaTeX gives a meaning escaped
//! (`\ { } & % $ # _ ~ ^`, and `--`, `''`, `` ` `` sequences that would turn into
//! typography). UTF-8 is lossless for every script, is what Biber/BibLaTeX and LaTeX (UTF-8 by
//! default since 2018) read, and reads back exactly through Crosswalk's reader; escaping
//! accents (`{\"u}`) would only cover Latin letters and lose the rest. Titles are wrapped in a
//! second pair of braces so that styles keep their case as written.
//!
//! # Citation keys
//!
//! A record read from a reference list keeps its key: [`Writer::write_keyed`] writes the
//! source's citation key (a BibTeX key, a CSL `id`, a RIS `ID`: `Origin::citation_key`, which
//! the facade's `write_record` passes), so that BibTeX → BibTeX keeps every `\cite` of a
//! document working. A key BibTeX cannot take (white space, braces, a DOI or URL) is replaced
//! (`bibtex.key-replaced`).
//!
//! Otherwise a [`Writer`] makes each key from the record, ASCII-folded and lowercase: the first creator's
//! (or else the first editor's) family name, the publication year and the first significant
//! title word
//! (`sankar2014automated`). A key already written by the same writer gets `a`, `b`, … appended
//! (reported as `bibtex.key-disambiguated`), so keys are unique in a file and the same records
//! in the same order always get the same keys.
//!
//! What BibTeX cannot hold (identifiers of people, affiliations, funding, geolocations, most
//! related identifiers, dates other than issued/accessed, …) is reported as
//! `write.unrepresentable` with the JSON pointer of the value.

use std::borrow::Cow;
use std::fmt::Write as _;

use crosswalk_model::chars::{line_breaks_as, line_breaks_note, without_controls};
use crosswalk_model::tidy::control_pointers;
use crosswalk_model::types::crossref_type;
use crosswalk_model::{
    codes, Contributor, ContributorType, DateType, DescriptionType, Diagnostic, Location, NameType, NumberType,
    RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral, TitleType, Written,
};

use crate::dates;
use crate::latex::ascii_fold;
use crate::map::{ACCESSED, EVENT, ORIGINAL};
use crate::types::{entry_type, entry_type_for, is_label, Container};

/// Code: a citation key was already used and got a letter appended.
pub const KEY_DISAMBIGUATED: &str = "bibtex.key-disambiguated";
/// Code: the source's key cannot be a BibTeX key; one was made from the record.
pub const KEY_REPLACED: &str = "bibtex.key-replaced";

/// Writes BibTeX entries with citation keys unique across everything it wrote.
///
/// ```
/// use crosswalk_bibtex::Writer;
/// use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource::default();
/// r.creators.push(Creator { family_name: Some("Müller".into()), given_name: Some("Jörg".into()),
///     name: "Müller, Jörg".into(), ..Creator::default() });
/// r.titles.push(Title::new("The Structure of Data & Code"));
/// r.publication_year = Some("2020".into());
/// r.types = Types::new(ResourceTypeGeneral::Dataset, None);
/// let mut writer = Writer::new();
/// let first = writer.write(&r);
/// assert!(first.text.starts_with("@dataset{muller2020structure,\n  author = {Müller, Jörg},\n"));
/// assert!(first.text.contains("title = {{The Structure of Data \\& Code}}"));
/// assert!(writer.write(&r).text.starts_with("@dataset{muller2020structurea,"));
/// ```
#[derive(Debug, Default)]
pub struct Writer {
    keys: UniqueKeys,
}

/// The citation keys written so far, to keep each one unique: a repeated key gets `a`, `b`, …
/// `z`, `aa`, … appended. Also used by whoever assembles entries written separately (in
/// parallel) into one file, in file order.
#[derive(Debug, Default)]
pub struct UniqueKeys {
    keys: crosswalk_text::keys::UniqueKeys,
}

impl UniqueKeys {
    /// No keys yet.
    pub fn new() -> Self {
        UniqueKeys::default()
    }

    /// Takes `key`, or the first free disambiguated form of it; `Some(new)` when renamed.
    pub fn take(&mut self, key: &str) -> Option<String> {
        self.keys.take(key)
    }

    /// Makes the key of a written entry (`@type{key,` on its first line) unique, rewriting the
    /// entry if needed and saying so.
    pub fn take_entry(&mut self, entry: String) -> (String, Option<Diagnostic>) {
        let Some((head, after_open)) = entry.split_once('{') else { return (entry, None) };
        let Some((key, tail)) = after_open.find([',', '\n']).and_then(|end| after_open.split_at_checked(end)) else {
            return (entry, None);
        };
        let key = key.trim().to_owned();
        match self.take(&key) {
            None => (entry, None),
            Some(renamed) => {
                let message =
                    format!("citation key {key} was already written for an earlier record; this one is {renamed}");
                let text = format!("{head}{{{renamed}{tail}");
                (text, Some(Diagnostic::info(KEY_DISAMBIGUATED, message)))
            }
        }
    }
}

/// Writes one resource as a BibTeX entry (a fresh [`Writer`]: keys are not checked against
/// other records).
pub fn write(resource: &Resource) -> Written {
    Writer::new().write(resource)
}

/// Writes one resource as a BibTeX entry whose key is `key`, the record's citation key in its
/// source ([`Origin::citation_key`](crosswalk_model::Origin::citation_key)), when it can be one;
/// see [`Writer::write_keyed`].
pub fn write_keyed(resource: &Resource, key: Option<&str>) -> Written {
    Writer::new().write_keyed(resource, key)
}

/// Why `key` cannot be a BibTeX citation key, if it cannot: it must be one word of characters
/// that BibTeX and Biber take in a key, and not a DOI or URL (a CSL `id` often is one; as a key
/// it would be cited as `\cite{https://doi.org/…}`).
fn unusable_key(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        Some("it is empty")
    } else if key.chars().any(char::is_whitespace) {
        Some("it holds white space")
    } else if key.chars().any(|c| matches!(c, '{' | '}' | '(' | ')' | ',' | '=' | '"' | '#' | '%' | '\'' | '\\' | '~'))
    {
        Some("it holds a character BibTeX does not take in a key")
    } else if key.contains("://") || crosswalk_model::doi::normalise(key).is_some() {
        Some("it is a DOI or URL, not a citation key")
    } else {
        None
    }
}

impl Writer {
    /// A writer that has written nothing yet.
    pub fn new() -> Self {
        Writer::default()
    }

    /// Writes a resource as one entry (ending with a line break), with what BibTeX cannot hold;
    /// the key is made from the record.
    pub fn write(&mut self, resource: &Resource) -> Written {
        self.write_keyed(resource, None)
    }

    /// Writes a resource as one entry with `key`, the record's citation key in its source (a
    /// BibTeX key, a CSL `id`, a RIS `ID`), so that the citations of a document keep working
    /// (`\cite{key}`). A key that cannot be a BibTeX key (white space, braces, a DOI or URL) is
    /// replaced by one made from the record, reported as `bibtex.key-replaced`; without a key the
    /// key is made from the record. Either way it is unique among the keys this writer wrote.
    pub fn write_keyed(&mut self, resource: &Resource, key: Option<&str>) -> Written {
        let mut entry =
            EntryWriter { r: resource, eprint_class: None, fields: Vec::new(), d: Vec::new(), kind: "misc" };
        entry.build();
        let key = self.key(resource, key.map(str::trim), &mut entry.d);
        let mut text =
            String::with_capacity(64 + entry.fields.iter().map(|(n, v)| n.len() + v.len() + 8).sum::<usize>());
        let _ = writeln!(text, "@{}{{{key},", entry.kind);
        for (name, value) in &entry.fields {
            let _ = writeln!(text, "  {name} = {value},");
        }
        text.push_str("}\n");
        // No control character but tab and line ends goes out: BibTeX programs stop at a NUL or
        // choke on an escape. A resource read by Crosswalk has none (the tidy pass); one built
        // otherwise may. (Citation keys are ASCII letters and digits: see `base_key`.)
        if let Cow::Owned(clean) = without_controls(&text) {
            text = clean;
            for pointer in control_pointers(resource) {
                entry.d.push(
                    Diagnostic::warning(
                        codes::WRITE_UNREPRESENTABLE,
                        "the value holds control characters, which BibTeX cannot hold; they are not written (one that stands for a Windows-1252 character is written as that character)",
                    )
                    .at(Location::path(pointer)),
                );
            }
        }
        Written { text, diagnostics: entry.d }
    }

    /// A key for the resource: its source's key when it can be one, else made from the record;
    /// unique among the keys this writer made.
    fn key(&mut self, r: &Resource, source: Option<&str>, d: &mut Vec<Diagnostic>) -> String {
        let base = match source.map(|k| (k, unusable_key(k))) {
            Some((key, None)) => key.to_owned(),
            Some((key, Some(why))) => {
                let base = base_key(r);
                let message = format!(
                    "the source's key {} cannot be a BibTeX citation key ({why}); the key {base} is made from the record",
                    crosswalk_text::message::quote(key, 80)
                );
                d.push(Diagnostic::info(KEY_REPLACED, message));
                base
            }
            None => base_key(r),
        };
        match self.keys.take(&base) {
            None => base,
            Some(candidate) => {
                d.push(Diagnostic::info(
                    KEY_DISAMBIGUATED,
                    format!("citation key {base} was already written for an earlier record; this one is {candidate}"),
                ));
                candidate
            }
        }
    }
}

/// Words skipped when picking a title word for a key.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "on", "of", "in", "for", "and", "to", "at", "by", "from", "with", "is", "are", "der", "die",
    "das", "ein", "eine", "le", "la", "les", "un", "une", "el", "los", "las", "il", "lo", "de",
];

/// The ASCII letters and digits of a text, lowercase.
fn folded(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let mut buffer = String::new();
        if ascii_fold(c, &mut buffer) {
            out.extend(buffer.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

/// The key before disambiguation: family name, year, first significant title word, each folded
/// to ASCII letters and digits ([`folded`]), so that a key never holds a control character, a
/// control of bidirectional text, or anything else a key cannot hold, whatever the values.
fn base_key(r: &Resource) -> String {
    // The first creator, else the first editor.
    let person = r.creators.first().map(|c| (&c.name, c.name_type.as_ref(), c.family_name.as_ref())).or_else(|| {
        r.contributors
            .iter()
            .find(|c| c.contributor_type == Some(ContributorType::Editor))
            .map(|c| (&c.name, c.name_type.as_ref(), c.family_name.as_ref()))
    });
    let family = person.map(|(name, name_type, family)| {
        family.cloned().unwrap_or_else(|| match name_type {
            Some(NameType::Organizational) => name.split_whitespace().next().unwrap_or_default().to_owned(),
            _ => name.split(',').next().and_then(|f| f.split_whitespace().last()).unwrap_or_default().to_owned(),
        })
    });
    let year = r.publication_year.clone().or_else(|| {
        r.dates
            .iter()
            .find(|d| d.date_type == Some(DateType::Issued))
            .and_then(|d| dates::year_of(&d.date).map(str::to_owned))
    });
    let word = r.titles.iter().find(|t| t.title_type.is_none()).or(r.titles.first()).and_then(|t| {
        t.title
            .split(|c: char| c.is_whitespace() || c == '-' || c == '/')
            .map(folded)
            .find(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
    });
    let mut key = family.map(|f| folded(&f)).unwrap_or_default();
    key.push_str(&year.map(|y| folded(&y)).unwrap_or_default());
    key.push_str(&word.unwrap_or_default());
    if key.is_empty() {
        key.push_str("entry");
    }
    key
}

/// Escapes text for a braced BibTeX value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous = '\0';
    // After a line break and any white space: an `@` there could start a line that readers
    // (ours included) take for a new entry, so it is braced.
    let mut line_start = false;
    for c in text.chars() {
        match c {
            '@' if line_start => out.push_str("{@}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '`' => out.push_str("\\textasciigrave{}"),
            // `--` and `''` would be read as typography: keep them apart.
            '-' if previous == '-' => out.push_str("{}-"),
            '\'' if previous == '\'' => out.push_str("{}'"),
            c => out.push(c),
        }
        line_start = c == '\n' || (line_start && matches!(c, ' ' | '\t' | '\r'));
        previous = c;
    }
    out
}

/// Braces a word `and` (any case) so that a name list does not split there.
fn protect_and(text: &str) -> String {
    if !text.split_whitespace().any(|w| w.eq_ignore_ascii_case("and")) {
        return text.to_owned();
    }
    text.split(' ')
        .map(|w| if w.eq_ignore_ascii_case("and") { format!("{{{w}}}") } else { w.to_owned() })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name part (family or given) for a name list: escaped, braced when it holds a comma.
fn name_part(text: &str) -> String {
    let escaped = protect_and(&escape(text));
    if text.contains(',') {
        format!("{{{escaped}}}")
    } else {
        escaped
    }
}

/// One name as BibTeX writes it.
fn bibtex_name(name: &str, name_type: Option<&NameType>, given: Option<&str>, family: Option<&str>) -> String {
    if name_type == Some(&NameType::Organizational) {
        return format!("{{{}}}", escape(name));
    }
    match (family, given) {
        (Some(family), given) => {
            let given = given.filter(|g| !g.is_empty());
            // A `Jr` part kept at the end of the display name: "King, Martin Luther, Jr".
            let jr = given.and_then(|g| name.strip_prefix(&format!("{family}, {g}, "))).filter(|j| !j.is_empty());
            match (given, jr) {
                (Some(g), Some(jr)) => format!("{}, {}, {}", name_part(family), name_part(jr), name_part(g)),
                (Some(g), None) => format!("{}, {}", name_part(family), name_part(g)),
                (None, _) => name_part(family),
            }
        }
        (None, _) => {
            let single_word = !name.contains(char::is_whitespace) && !name.contains(',');
            let personal_inverted = name_type == Some(&NameType::Personal) && name.matches(',').count() == 1;
            if single_word || (name_type == Some(&NameType::Personal) && !name.contains(',')) || personal_inverted {
                protect_and(&escape(name))
            } else {
                // Without given and family names the name is written whole, in braces.
                format!("{{{}}}", escape(name))
            }
        }
    }
}

/// Month macros by number.
const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Entry types whose `edition` is the resource's version.
const EDITION_TYPES: &[&str] = &[
    "book",
    "mvbook",
    "booklet",
    "collection",
    "mvcollection",
    "proceedings",
    "mvproceedings",
    "reference",
    "mvreference",
    "manual",
];

/// A related item with its position in `relatedItems`.
type Indexed<'r> = (usize, &'r RelatedItem);

struct EntryWriter<'r> {
    r: &'r Resource,
    /// The subject written as `eprintclass` (not repeated in `keywords`).
    eprint_class: Option<usize>,
    /// Fields in writing order: name and value (braced, or a bare macro).
    fields: Vec<(&'static str, String)>,
    d: Vec<Diagnostic>,
    kind: &'static str,
}

impl<'r> EntryWriter<'r> {
    fn lost(&mut self, path: String, what: String) {
        self.d.push(
            Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, format!("BibTeX has no place for {what}; not written"))
                .at(Location::path(path)),
        );
    }

    fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| *n == name)
    }

    /// Adds a field with an escaped, braced value (unless the field is already there).
    fn text(&mut self, name: &'static str, value: &str) -> bool {
        if value.trim().is_empty() || self.has(name) {
            return false;
        }
        self.fields.push((name, format!("{{{}}}", escape(value))));
        true
    }

    /// Adds a title-like field, double-braced to keep its case.
    fn title(&mut self, name: &'static str, value: &str) -> bool {
        if value.trim().is_empty() || self.has(name) {
            return false;
        }
        self.fields.push((name, format!("{{{{{}}}}}", escape(value))));
        true
    }

    /// Adds a verbatim field (URL, DOI): written as is, since Biber reads these fields verbatim
    /// (an escape would stay in the URL) and the `url` package copes with `%`, `#`, `&`, `_`;
    /// only braces, backslashes and white space, which would break the entry or the URL, are
    /// percent-encoded.
    fn verbatim(&mut self, name: &'static str, value: &str) -> bool {
        if value.trim().is_empty() || self.has(name) {
            return false;
        }
        let mut escaped = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '{' | '}' | '\\' => {
                    let _ = write!(escaped, "%{:02X}", u32::from(c));
                }
                c if c.is_whitespace() => escaped.push_str("%20"),
                c => escaped.push(c),
            }
        }
        self.fields.push((name, format!("{{{escaped}}}")));
        true
    }

    fn build(&mut self) {
        let r = self.r;
        self.kind = entry_type_for(&r.types);
        let row = entry_type(self.kind);
        let container = row.map_or(Container::None, |row| row.container);
        self.names_fields();
        self.titles();
        let (item, series) = self.related_items(container);
        self.container(item, series, container);
        self.publisher();
        self.dates();
        self.identifiers();
        self.descriptions();
        self.keywords();
        if let Some(language) = &r.language {
            self.text("language", language);
        }
        self.rights();
        if let Some(version) = &r.version {
            let name = if EDITION_TYPES.contains(&self.kind) { "edition" } else { "version" };
            if !self.text(name, version) {
                self.lost("/version".into(), format!("the version \"{version}\" (the container's edition is written)"));
            }
        }
        if let Some(resource_type) = &r.types.resource_type {
            if !is_label(resource_type) && crossref_type(resource_type).is_none() {
                self.text("type", resource_type);
            }
        }
        self.sizes();
        self.rest();
    }

    fn names_fields(&mut self) {
        let r = self.r;
        // Editors made creators are written once, as `editor`: an edited book or proceedings
        // has no `author`, and reading it back makes them creators again.
        let editors_only = crosswalk_rules::editors::creators_are_the_editors(r);
        if editors_only {
            self.d.push(crosswalk_rules::editors::written_once());
        }
        let creators = if editors_only { &[][..] } else { &r.creators[..] };
        let authors: Vec<String> = creators
            .iter()
            .map(|c| bibtex_name(&c.name, c.name_type.as_ref(), c.given_name.as_deref(), c.family_name.as_deref()))
            .collect();
        if !authors.is_empty() {
            self.fields.push(("author", format!("{{{}}}", authors.join(" and "))));
        }
        for (i, c) in creators.iter().enumerate() {
            self.person_extras(
                &format!("/creators/{i}"),
                !c.name_identifiers.is_empty(),
                !c.affiliation.is_empty(),
                c.lang.is_some(),
            );
        }
        let mut by_role: Vec<(&'static str, Vec<String>)> = Vec::new();
        for (i, c) in r.contributors.iter().enumerate() {
            let field = match c.contributor_type.as_ref() {
                Some(ContributorType::Editor) => "editor",
                Some(ContributorType::Translator) => "translator",
                Some(ContributorType::RightsHolder) => "holder",
                // Institutions and sponsors are written by `rest`, the others reported there.
                _ => continue,
            };
            self.person_extras(
                &format!("/contributors/{i}"),
                !c.name_identifiers.is_empty(),
                !c.affiliation.is_empty(),
                c.lang.is_some(),
            );
            let name = bibtex_name(&c.name, c.name_type.as_ref(), c.given_name.as_deref(), c.family_name.as_deref());
            match by_role.iter_mut().find(|(f, _)| *f == field) {
                Some((_, names)) => names.push(name),
                None => by_role.push((field, vec![name])),
            }
        }
        for (field, names) in by_role {
            self.fields.push((field, format!("{{{}}}", names.join(" and "))));
        }
    }

    fn person_extras(&mut self, path: &str, identifiers: bool, affiliations: bool, lang: bool) {
        if identifiers {
            self.lost(format!("{path}/nameIdentifiers"), "name identifiers (ORCID, ISNI …)".into());
        }
        if affiliations {
            self.lost(format!("{path}/affiliation"), "affiliations".into());
        }
        if lang {
            self.lost(format!("{path}/lang"), "the language of a name".into());
        }
    }

    fn titles(&mut self) {
        let r = self.r;
        for (i, title) in r.titles.iter().enumerate() {
            let written = match &title.title_type {
                None => self.title("title", &title.title),
                Some(TitleType::Subtitle) => self.title("subtitle", &title.title),
                Some(TitleType::Other) => self.title("titleaddon", &title.title),
                Some(TitleType::AlternativeTitle) => self.title("shorttitle", &title.title),
                Some(_) => false,
            };
            if !written {
                self.lost(format!("/titles/{i}"), format!("the title \"{}\"", title.title));
            } else if title.lang.is_some() {
                self.lost(format!("/titles/{i}/lang"), "the language of a title".into());
            }
        }
    }

    /// The container item and the series item among the related items; the others are lost.
    fn related_items(&mut self, container: Container) -> (Option<Indexed<'r>>, Option<Indexed<'r>>) {
        let mut item = None;
        let mut series = None;
        for (i, related) in self.r.related_items.iter().enumerate() {
            let published_in = related.relation_type == Some(RelationType::IsPublishedIn);
            let is_series = related.related_item_type == Some(ResourceTypeGeneral::Collection);
            if published_in && is_series && series.is_none() {
                series = Some((i, related));
            } else if item.is_none()
                && ((published_in && !is_series)
                    || (container != Container::None && related.relation_type == Some(RelationType::IsPartOf)))
            {
                item = Some((i, related));
            } else {
                let title = related.titles.first().map_or_else(String::new, |t| format!(" \"{}\"", t.title));
                self.lost(format!("/relatedItems/{i}"), format!("the related item{title}"));
            }
        }
        (item, series)
    }

    fn container(&mut self, item: Option<Indexed<'r>>, series: Option<Indexed<'r>>, container: Container) {
        if let Some((i, item)) = item {
            let journal = container == Container::Journal
                || (container == Container::None && item.related_item_type == Some(ResourceTypeGeneral::Journal));
            let path = format!("/relatedItems/{i}");
            for (j, title) in item.titles.iter().enumerate() {
                let written = match (&title.title_type, journal) {
                    (None, true) => self.title("journal", &title.title),
                    (None, false) => self.title("booktitle", &title.title),
                    (Some(TitleType::Subtitle), true) => self.title("journalsubtitle", &title.title),
                    (Some(TitleType::Subtitle), false) => self.title("booksubtitle", &title.title),
                    (Some(TitleType::Other), true) => self.title("journaltitleaddon", &title.title),
                    (Some(TitleType::Other), false) => self.title("booktitleaddon", &title.title),
                    (Some(TitleType::AlternativeTitle), true) => self.text("shortjournal", &title.title),
                    _ => false,
                };
                if !written {
                    self.lost(format!("{path}/titles/{j}"), format!("the container title \"{}\"", title.title));
                } else if title.lang.is_some() {
                    self.lost(format!("{path}/titles/{j}/lang"), "the language of a title".into());
                }
            }
            for (j, c) in item.creators.iter().enumerate() {
                if c.lang.is_some() {
                    self.lost(format!("{path}/creators/{j}/lang"), "the language of a name".into());
                }
            }
            let authors: Vec<String> = item
                .creators
                .iter()
                .map(|c| bibtex_name(&c.name, c.name_type.as_ref(), c.given_name.as_deref(), c.family_name.as_deref()))
                .collect();
            if !authors.is_empty() {
                self.fields.push(("bookauthor", format!("{{{}}}", authors.join(" and "))));
            }
            // The editors of a book are an `@in…` entry's `editor`; elsewhere `editor` means the
            // entry's own editors.
            let contained = container != Container::None;
            let own_editors = self.r.contributors.iter().any(|c| c.contributor_type == Some(ContributorType::Editor));
            for (j, c) in item.contributors.iter().enumerate() {
                let name =
                    bibtex_name(&c.name, c.name_type.as_ref(), c.given_name.as_deref(), c.family_name.as_deref());
                let contributor_path = format!("{path}/contributors/{j}");
                if c.contributor_type == Some(ContributorType::Editor) && contained && !own_editors {
                    if self.has("editor") {
                        self.append_name("editor", &name, &contributor_path);
                    } else {
                        self.fields.push(("editor", format!("{{{name}}}")));
                    }
                    if c.lang.is_some() {
                        self.lost(format!("{contributor_path}/lang"), "the language of a name".into());
                    }
                } else {
                    self.lost(contributor_path, format!("the container's contributor \"{}\"", c.name));
                }
            }
            if let Some(volume) = &item.volume {
                self.text("volume", volume);
            }
            if let Some(issue) = &item.issue {
                let field = if journal { "number" } else { "issue" };
                self.text(field, issue);
            }
            if let Some(number) = &item.number {
                let field = match item.number_type {
                    Some(NumberType::Article) => "eid",
                    Some(NumberType::Chapter) => "chapter",
                    _ => "number",
                };
                if !self.text(field, number) {
                    self.lost(format!("{path}/number"), format!("the container's number \"{number}\""));
                }
            }
            if let Some(first) = &item.first_page {
                let pages = match &item.last_page {
                    Some(last) => format!("{first}--{last}"),
                    None => first.clone(),
                };
                self.fields.push(("pages", format!("{{{}}}", escape(&pages).replace("{}-", "-"))));
            } else if let Some(last) = &item.last_page {
                self.lost(format!("{path}/lastPage"), format!("a last page ({last}) without a first page"));
            }
            if let Some(edition) = &item.edition {
                // A standalone entry's `edition` is its own version.
                if !(contained && self.text("edition", edition)) {
                    self.lost(format!("{path}/edition"), format!("the container's edition \"{edition}\""));
                }
            }
            if let Some(publisher) = &item.publisher {
                let same = self.r.publisher.as_ref().is_some_and(|p| &p.name == publisher);
                if !same && self.r.publisher.is_some() {
                    self.lost(format!("{path}/publisher"), format!("the container's publisher \"{publisher}\""));
                } else if !same {
                    self.text("publisher", publisher);
                }
            }
            self.item_identifier(item, &path);
            let record_year = self.r.publication_year.as_deref();
            if let Some(year) = item.publication_year.as_deref().filter(|y| Some(*y) != record_year) {
                self.lost(format!("{path}/publicationYear"), format!("the container's publication year {year}"));
            }
            if item.relation_type_information.is_some() {
                self.lost(format!("{path}/relationTypeInformation"), "relationTypeInformation".into());
            }
        }
        if let Some((i, series)) = series {
            let path = format!("/relatedItems/{i}");
            for (j, title) in series.titles.iter().enumerate() {
                let written = title.title_type.is_none() && self.text("series", &title.title);
                if !written {
                    self.lost(format!("{path}/titles/{j}"), format!("the series title \"{}\"", title.title));
                }
            }
            if let Some(volume) = &series.volume {
                if !self.text("volume", volume) {
                    self.lost(format!("{path}/volume"), format!("the series volume \"{volume}\""));
                }
            }
            if let Some(number) = series.number.as_ref().or(series.issue.as_ref()) {
                if !self.text("number", number) {
                    self.lost(format!("{path}/number"), format!("the series number \"{number}\""));
                }
            }
            self.item_identifier(series, &path);
        }
    }

    fn append_name(&mut self, field: &'static str, name: &str, path: &str) {
        match self.fields.iter_mut().find(|(n, _)| *n == field) {
            Some((_, value)) => {
                value.pop();
                value.push_str(" and ");
                value.push_str(name);
                value.push('}');
            }
            None => self.lost(path.to_owned(), format!("the name {name}")),
        }
    }

    fn item_identifier(&mut self, item: &RelatedItem, path: &str) {
        let Some(identifier) = &item.related_item_identifier else { return };
        let value = &identifier.related_item_identifier;
        let written = match identifier.related_item_identifier_type {
            Some(RelatedIdentifierType::Issn | RelatedIdentifierType::Eissn) => self.text("issn", value),
            Some(RelatedIdentifierType::Isbn) => self.text("isbn", value),
            _ => false,
        };
        if !written {
            self.lost(format!("{path}/relatedItemIdentifier"), format!("the identifier \"{value}\""));
        } else if identifier.related_metadata_scheme.is_some()
            || identifier.scheme_uri.is_some()
            || identifier.scheme_type.is_some()
        {
            self.lost(format!("{path}/relatedItemIdentifier"), "the identifier's metadata scheme".into());
        }
    }

    fn publisher(&mut self) {
        let Some(publisher) = &self.r.publisher else { return };
        let field = match self.kind {
            "phdthesis" | "mastersthesis" | "thesis" if !self.has("school") && !self.has_institution() => "school",
            "techreport" | "report" if !self.has_institution() => "institution",
            _ => "publisher",
        };
        if !self.has(field) {
            self.text(field, &publisher.name);
        }
        if !publisher.is_name_only() {
            self.lost("/publisher".into(), "the publisher's identifier and language".into());
        }
    }

    fn has_institution(&self) -> bool {
        self.r.contributors.iter().any(|c| c.contributor_type == Some(ContributorType::HostingInstitution))
    }

    fn dates(&mut self) {
        let r = self.r;
        let issued = r.dates.iter().position(|d| d.date_type == Some(DateType::Issued));
        let issued_date = issued.and_then(|i| r.dates.get(i)).map(|d| d.date.as_str());
        let year = r.publication_year.as_deref().or_else(|| issued_date.and_then(dates::year_of));
        if let Some(year) = year {
            self.text("year", year);
        }
        if let Some(date) = issued_date {
            let plain_month = date.len() >= 7
                && dates::is_year(date.get(..4).unwrap_or_default())
                && date.as_bytes().get(4) == Some(&b'-')
                && (date.len() == 7 || (date.len() == 10 && date.as_bytes().get(7) == Some(&b'-')));
            let month = date.get(5..7).and_then(|m| m.parse::<usize>().ok()).filter(|m| (1..=12).contains(m));
            match (plain_month, month) {
                (true, Some(m)) => {
                    if let Some(name) = MONTHS.get(m - 1) {
                        self.fields.push(("month", (*name).to_owned()));
                    }
                    if date.len() == 10 || dates::year_of(date) != year {
                        self.text("date", date);
                    }
                }
                _ => {
                    if date.len() != 4 || Some(date) != year {
                        self.text("date", date);
                    }
                }
            }
        }
        for (i, date) in r.dates.iter().enumerate() {
            if Some(i) == issued {
                continue;
            }
            let field = match (&date.date_type, date.date_information.as_deref()) {
                (Some(DateType::Other), Some(ACCESSED)) => Some("urldate"),
                (Some(DateType::Other), Some(ORIGINAL)) => Some("origdate"),
                (Some(DateType::Other), Some(EVENT)) => Some("eventdate"),
                _ => None,
            };
            if !field.is_some_and(|field| self.text(field, &date.date)) {
                let kind = date.date_type.as_ref().map_or("untyped", |t| t.as_str());
                self.lost(format!("/dates/{i}"), format!("the {kind} date {}", date.date));
            }
        }
    }

    fn identifiers(&mut self) {
        let r = self.r;
        if let Some(doi) = &r.doi {
            self.verbatim("doi", doi);
        }
        let mut eprint_class_scheme = None;
        for (i, id) in r.alternate_identifiers.iter().enumerate() {
            let value = &id.alternate_identifier;
            let kind = id.alternate_identifier_type.as_deref().unwrap_or_default();
            let written = match kind {
                "ISBN" => self.text("isbn", value),
                "ISSN" => self.text("issn", value),
                "PMID" => self.verbatim("pmid", value),
                "Report number" | "Patent number" | "Manual number" => self.text("number", value),
                "ISAN" => self.text("isan", value),
                "ISMN" => self.text("ismn", value),
                "ISRN" => self.text("isrn", value),
                "ISWC" => self.text("iswc", value),
                "LCCN" => self.text("lccn", value),
                "PMCID" => self.text("pmcid", value),
                "MR" => self.text("mrnumber", value),
                "URL" => self.verbatim("howpublished", value),
                "arXiv" | "Handle" | "JSTOR" | "Google Books" | "eprint" if !self.has("eprint") => {
                    self.verbatim("eprint", value);
                    let eprint_type = match kind {
                        "arXiv" => Some("arxiv"),
                        "Handle" => Some("hdl"),
                        "JSTOR" => Some("jstor"),
                        "Google Books" => Some("googlebooks"),
                        _ => None,
                    };
                    if let Some(t) = eprint_type {
                        self.text("eprinttype", t);
                        eprint_class_scheme = Some(kind);
                    }
                    true
                }
                _ => false,
            };
            if !written {
                self.lost(format!("/alternateIdentifiers/{i}"), format!("the identifier \"{value}\" ({kind})"));
            }
        }
        if let Some(scheme) = eprint_class_scheme {
            if let Some(i) = r.subjects.iter().position(|s| s.subject_scheme.as_deref() == Some(scheme)) {
                if let Some(subject) = r.subjects.get(i) {
                    self.text("eprintclass", &subject.subject);
                    self.eprint_class = Some(i);
                }
            }
        }
        if let Some(url) = &r.url {
            self.verbatim("url", url);
        }
        let item_ids: Vec<&str> = r
            .related_items
            .iter()
            .filter_map(|item| item.related_item_identifier.as_ref().map(|id| id.related_item_identifier.as_str()))
            .collect();
        for (i, related) in r.related_identifiers.iter().enumerate() {
            let mirror = item_ids.contains(&related.related_identifier.as_str())
                && matches!(related.relation_type, Some(RelationType::IsPublishedIn | RelationType::IsPartOf));
            if mirror {
                continue;
            }
            let written = related.relation_type == Some(RelationType::IsPartOf)
                && related.related_identifier_type == Some(RelatedIdentifierType::Issn)
                && self.text("issn", &related.related_identifier);
            if !written {
                let relation = related.relation_type.as_ref().map_or("related", |t| t.as_str());
                self.lost(
                    format!("/relatedIdentifiers/{i}"),
                    format!("the related identifier {} ({relation})", related.related_identifier),
                );
            }
        }
    }

    fn descriptions(&mut self) {
        for (i, description) in self.r.descriptions.iter().enumerate() {
            // The model's line break (DataCite XML's `<br/>`) is a line break in a BibTeX value.
            let text = line_breaks_as(&description.description, "\n");
            let written = match description.description_type {
                Some(DescriptionType::Abstract) => self.text("abstract", &text),
                Some(DescriptionType::Other) => self.text("note", &text) || self.text("addendum", &text),
                _ => false,
            };
            if written {
                self.d.extend(line_breaks_note(&description.description, &format!("/descriptions/{i}/description")));
            }
            if !written {
                let kind = description.description_type.as_ref().map_or("untyped", |t| t.as_str());
                let what = match description.description_type {
                    Some(DescriptionType::Abstract | DescriptionType::Other) => {
                        format!("a further description ({kind})")
                    }
                    _ => format!("a description of type {kind}"),
                };
                self.lost(format!("/descriptions/{i}"), what);
            } else if description.lang.is_some() {
                self.lost(format!("/descriptions/{i}/lang"), "the language of a description".into());
            }
        }
    }

    fn keywords(&mut self) {
        let r = self.r;
        let mut keywords = Vec::new();
        for (i, subject) in r.subjects.iter().enumerate() {
            if Some(i) == self.eprint_class {
                continue;
            }
            let text = escape(&subject.subject);
            keywords.push(if subject.subject.contains([',', ';']) { format!("{{{text}}}") } else { text });
            if subject.subject_scheme.is_some() || subject.value_uri.is_some() || subject.classification_code.is_some()
            {
                self.lost(format!("/subjects/{i}"), format!("the scheme of the subject \"{}\"", subject.subject));
            }
        }
        if !keywords.is_empty() {
            self.fields.push(("keywords", format!("{{{}}}", keywords.join(", "))));
        }
    }

    fn rights(&mut self) {
        for (i, rights) in self.r.rights_list.iter().enumerate() {
            if i > 0 {
                self.lost(format!("/rightsList/{i}"), "a further rights statement".into());
                continue;
            }
            if let Some(text) = &rights.rights {
                self.text("copyright", text);
            }
            if let Some(uri) = &rights.rights_uri {
                self.verbatim("license", uri);
            }
            if rights.rights_identifier.is_some() || rights.scheme_uri.is_some() || rights.lang.is_some() {
                self.lost(format!("/rightsList/{i}"), "the rights identifier, scheme and language".into());
            }
        }
    }

    fn sizes(&mut self) {
        for (i, size) in self.r.sizes.iter().enumerate() {
            let written = match size.rsplit_once(' ') {
                Some((n, "pages")) => self.text("pagetotal", n),
                Some((n, "volumes")) => self.text("volumes", n),
                _ => false,
            };
            if !written {
                self.lost(format!("/sizes/{i}"), format!("the size \"{size}\""));
            }
        }
    }

    /// Contributors in roles BibTeX has no field for, and the properties it has none for.
    fn rest(&mut self) {
        let r = self.r;
        let mut institutions = Vec::new();
        let mut organizations = Vec::new();
        for (i, c) in r.contributors.iter().enumerate() {
            match c.contributor_type {
                Some(ContributorType::Editor | ContributorType::Translator | ContributorType::RightsHolder) => {}
                Some(ContributorType::HostingInstitution) => institutions.push(c),
                Some(ContributorType::Sponsor) => organizations.push(c),
                _ => {
                    let role = c.contributor_type.as_ref().map_or("untyped", |t| t.as_str());
                    self.lost(format!("/contributors/{i}"), format!("the contributor \"{}\" ({role})", c.name));
                }
            }
        }
        let institution_field =
            if matches!(self.kind, "phdthesis" | "mastersthesis" | "thesis") { "school" } else { "institution" };
        self.join_contributors(institution_field, &institutions);
        self.join_contributors("organization", &organizations);
        if !r.formats.is_empty() {
            self.lost("/formats".into(), "formats".into());
        }
        if !r.geo_locations.is_empty() {
            self.lost("/geoLocations".into(), "geolocations".into());
        }
        if !r.funding_references.is_empty() {
            self.lost("/fundingReferences".into(), "funding references".into());
        }
        if !r.content_url.is_empty() {
            self.lost("/contentUrl".into(), "content URLs".into());
        }
    }

    fn join_contributors(&mut self, field: &'static str, contributors: &[&Contributor]) {
        if contributors.is_empty() || self.has(field) {
            for c in contributors {
                self.d.push(
                    Diagnostic::warning(
                        codes::WRITE_UNREPRESENTABLE,
                        format!(
                            "BibTeX has no place for \"{}\" next to the `{field}` already written; not written",
                            c.name
                        ),
                    )
                    .at(Location::path("/contributors")),
                );
            }
            return;
        }
        let names: Vec<String> = contributors.iter().map(|c| escape(&c.name)).collect();
        self.fields.push((field, format!("{{{}}}", names.join(" and "))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("50% of $5 & #1_x"), "50\\% of \\$5 \\& \\#1\\_x");
        assert_eq!(escape("a--b ''q'' `x` {y} \\ ~^"), "a-{}-b '{}'q'{}' \\textasciigrave{}x\\textasciigrave{} \\textbraceleft{}y\\textbraceright{} \\textbackslash{} \\textasciitilde{}\\textasciicircum{}");
        assert_eq!(escape("Müller – 東京"), "Müller – 東京");
        assert_eq!(escape("a@b\n  @misc(x\n@"), "a@b\n  {@}misc(x\n{@}");
    }

    /// Found by the `end_to_end` fuzz target: a description with a line `@misc(…` was written as
    /// is, and read back as the start of a second entry.
    #[test]
    fn a_value_line_starting_with_at_reads_back_as_one_entry() {
        let mut resource = Resource::default();
        resource.titles.push(crosswalk_model::Title { title: "T".into(), ..Default::default() });
        resource.descriptions.push(crosswalk_model::Description {
            description: "first line\n@misc(x, title = {y}\n  @article{z,".into(),
            ..Default::default()
        });
        let written = write(&resource);
        let records = crate::read(written.text.as_bytes());
        assert_eq!(records.len(), 1, "{}", written.text);
        assert!(!records[0].has_errors(), "{:?}\n{}", records[0].diagnostics, written.text);
    }

    #[test]
    fn names() {
        assert_eq!(
            bibtex_name("World Health Organization", Some(&NameType::Organizational), None, None),
            "{World Health Organization}"
        );
        assert_eq!(
            bibtex_name("King, Martin Luther, Jr", None, Some("Martin Luther"), Some("King")),
            "King, Jr, Martin Luther"
        );
        assert_eq!(bibtex_name("Smith and Sons", None, None, None), "{Smith and Sons}");
        assert_eq!(bibtex_name("Aristotle", None, None, None), "Aristotle");
        assert_eq!(bibtex_name("Rand, Ayn", Some(&NameType::Personal), None, None), "Rand, Ayn");
        assert_eq!(bibtex_name("x", None, Some("Mary Ann"), Some("Jones, Smith")), "{Jones, Smith}, Mary Ann");
    }
}

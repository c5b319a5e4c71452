//! Mapping one CSL item onto a resource.
//!
//! The field table in [`crate::mapping`] documents every decision made here; the page
//! `docs/crosswalks/citeproc.md` is generated from it. In short: `author` gives the creators,
//! the other name roles contributors (or the creators of a related item); the container
//! (`container-title`, `volume`, `issue`, `page`, `ISSN` …) becomes a `relatedItems` entry with
//! relation `IsPublishedIn`, and so does the series (`collection-title`); the reviewed work, the
//! original of a translation or reprint, and the event become related items of their own.

use crosswalk_model::vocab::{Match, Vocabulary};
use crosswalk_model::{
    codes, doi, AlternateIdentifier, Contributor, ContributorType, Date, DateType, Description, DescriptionType,
    Diagnostic, Location, NameType, NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem,
    RelatedItemContributor, RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Severity, Subject,
    Title, TitleType, Types,
};
use crosswalk_rules::editors;
use crosswalk_rules::markup::{self, Fragment, MarkupNode};
use crosswalk_text::json::escape_key;
use serde_json::Value;

use super::crossref;
use super::dates::{self, date_variable};
use super::names::{name_entry, Person};
use super::note;
use super::pages::split_pages;
use crate::item::{Item, NameListForm, Scalar};
use crate::mapping::{RoleTarget, NAME_ROLES};
use crate::types::{self, ItemType};
use crate::{
    CSL_ARTICLE_TYPE, CSL_CONTAINER_UNTITLED, CSL_CROSSREF_TYPE, CSL_DUPLICATE_KEY, CSL_ID_MISMATCH,
    CSL_KEYWORDS_SPLIT, CSL_NO_TYPE, CSL_PAGE_RANGE, CSL_PROCESSOR_VARIABLE, CSL_ROLE_APPROXIMATED, CSL_ROLE_LOST,
    CSL_TYPE, CSL_TYPE_APPROXIMATED,
};

/// `dateInformation` of the CSL dates that have no DataCite date type (kept as `Other`).
pub(crate) const ACCESSED: &str = "Accessed";
/// See [`ACCESSED`].
pub(crate) const EVENT_DATE: &str = "Event date";
/// See [`ACCESSED`].
pub(crate) const ORIGINAL_DATE: &str = "Original date";

/// `alternateIdentifierType` of the identifiers CSL holds as plain variables.
pub(crate) const CALL_NUMBER: &str = "Call number";
/// See [`CALL_NUMBER`].
pub(crate) const REPORT_NUMBER: &str = "Report number";
/// See [`CALL_NUMBER`].
pub(crate) const NUMBER: &str = "Number";

/// Variables that citation processors set while citing: not metadata.
const PROCESSOR_VARIABLES: &[&str] =
    &["citation-number", "citation-label", "first-reference-note-number", "locator", "year-suffix"];

/// What one item gave.
pub(super) struct Mapped {
    pub resource: Resource,
    pub diagnostics: Vec<Diagnostic>,
    /// The item's key: `citation-key`, else `id`, else the DOI.
    pub key: Option<String>,
    /// How documents cite the item: its `id` (what pandoc and citeproc cite by), else its
    /// `citation-key`; writers of reference lists reuse it.
    pub citation_key: Option<String>,
}

/// The resource being built and what was said about it. Pointers are relative to the item.
#[derive(Default)]
pub(super) struct Mapper {
    pub resource: Resource,
    pub diagnostics: Vec<Diagnostic>,
    /// The pointer of the variable each of `resource.contributors` came from, in order.
    pub contributor_sources: Vec<String>,
}

/// `/key` for a top-level key.
pub(super) fn at(key: &str) -> String {
    format!("/{}", escape_key(key))
}

/// `pointer/key`.
pub(super) fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_key(key))
}

/// A short rendering of a JSON value for messages.
pub(super) fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}…")
    } else {
        text
    }
}

impl Mapper {
    /// Adds a diagnostic at a pointer.
    pub fn report(&mut self, severity: Severity, code: &'static str, message: String, pointer: &str) {
        self.diagnostics.push(Diagnostic::new(severity, code, message).at(Location::path(pointer)));
    }

    /// Adds a warning at a pointer.
    pub fn warn(&mut self, code: &'static str, message: String, pointer: &str) {
        self.report(Severity::Warning, code, message, pointer);
    }

    /// Adds an info at a pointer.
    pub fn info(&mut self, code: &'static str, message: String, pointer: &str) {
        self.report(Severity::Info, code, message, pointer);
    }

    /// Reports a variable that has no home in the model.
    pub fn unmapped(&mut self, pointer: &str, what: &str, value: &str) {
        let message = format!("{what} \"{value}\" has no home in the DataCite model; it is not carried over");
        self.warn(codes::FIELD_UNMAPPED, message, pointer);
    }

    /// Reports a value of the wrong JSON type.
    pub fn wrong_type(&mut self, pointer: &str, expected: &str, found: &str) {
        let message = format!("expected {expected} here, found {found}; the value is not carried over");
        self.warn(CSL_TYPE, message, pointer);
    }

    /// Reports keys named twice in the object at `pointer`.
    pub fn duplicates(&mut self, pointer: &str, keys: &[String]) {
        for key in keys {
            let message =
                format!("key \"{key}\" occurs more than once; the last value is used and the others are lost");
            self.warn(CSL_DUPLICATE_KEY, message, &child(pointer, key));
        }
    }

    /// Reports keys outside the schema in the object at `pointer`.
    pub fn unknown_keys(&mut self, pointer: &str, keys: &[(String, Value)], what: &str) {
        for (key, value) in keys {
            if value.is_null() {
                continue;
            }
            let message = format!("\"{key}\" is not a CSL {what} key; its value {} is not carried over", show(value));
            self.warn(codes::FIELD_UNMAPPED, message, &child(pointer, key));
        }
    }

    /// The text of one string or number value, trimmed; `None` (reported) when empty or of the
    /// wrong type. A list gives its first value, and the rest are reported.
    pub fn text(&mut self, pointer: &str, value: &Scalar) -> Option<String> {
        match value {
            Scalar::String(text) => self.trimmed(pointer, text),
            Scalar::Number(text) => Some(text.clone()),
            Scalar::Null => None,
            Scalar::List(items) => {
                let mut texts = self.texts(pointer, value).into_iter();
                let first = texts.next();
                if texts.next().is_some() {
                    let message = format!(
                        "the list holds {} values where CSL has one; only the first is kept, the others are lost",
                        items.len()
                    );
                    self.warn(codes::FIELD_REPEATED, message, pointer);
                }
                first
            }
            Scalar::Bool(_) | Scalar::Invalid(_) => {
                self.wrong_type(pointer, "a string or a number", &shown(value));
                None
            }
        }
    }

    /// The texts of a value that may be a list (Crossref's `ISSN`, `subject` …) or one value.
    pub fn texts(&mut self, pointer: &str, value: &Scalar) -> Vec<String> {
        match value {
            Scalar::List(items) => items
                .iter()
                .enumerate()
                .filter_map(|(index, item)| match item {
                    Scalar::List(_) => {
                        self.wrong_type(&child(pointer, &index.to_string()), "a string", "a nested list");
                        None
                    }
                    other => self.text(&child(pointer, &index.to_string()), other),
                })
                .collect(),
            other => self.text(pointer, other).into_iter().collect(),
        }
    }

    /// A string trimmed of surrounding white space (reported), or `None` (reported) when empty.
    pub fn trimmed(&mut self, pointer: &str, text: &str) -> Option<String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            if !text.is_empty() {
                self.info(codes::VALUE_EMPTY, "a value holding only white space was skipped".to_owned(), pointer);
            } else {
                self.info(codes::VALUE_EMPTY, "an empty value was skipped".to_owned(), pointer);
            }
            return None;
        }
        if trimmed.len() != text.len() {
            let message = format!("white space around \"{trimmed}\" was removed");
            self.info(codes::VALUE_TRIMMED, message, pointer);
        }
        Some(trimmed.to_owned())
    }

    /// The text of an optional top-level variable.
    fn var(&mut self, key: &str, value: &Option<Scalar>) -> Option<String> {
        value.as_ref().and_then(|v| self.text(&at(key), v))
    }

    /// The texts of an optional top-level variable that may be a list.
    fn vars(&mut self, key: &str, value: &Option<Scalar>) -> Vec<String> {
        value.as_ref().map(|v| self.texts(&at(key), v)).unwrap_or_default()
    }
}

/// A JSON kind with the value, for messages.
fn shown(value: &Scalar) -> String {
    match value {
        Scalar::Bool(b) => format!("a boolean ({b})"),
        Scalar::Invalid(v) => format!("an object ({})", show(v)),
        other => other.kind().to_owned(),
    }
}

/// True when a variable is present with something in it (Crossref writes `[]` for "none").
fn present(value: &Option<Scalar>) -> bool {
    match value {
        None | Some(Scalar::Null) => false,
        Some(Scalar::List(items)) => items.iter().any(|i| present(&Some(i.clone()))),
        Some(Scalar::String(text)) => !text.trim().is_empty(),
        Some(_) => true,
    }
}

/// The related items an item can give, built up while its variables are read.
#[derive(Default)]
struct Related {
    container: Option<RelatedItem>,
    series: Option<RelatedItem>,
    event: Option<RelatedItem>,
    reviewed: Option<RelatedItem>,
    original: Option<RelatedItem>,
}

fn related_item(item_type: ResourceTypeGeneral, relation: RelationType) -> RelatedItem {
    RelatedItem { related_item_type: Some(item_type), relation_type: Some(relation), ..Default::default() }
}

fn titled(title: String, title_type: Option<TitleType>) -> Title {
    Title { title, title_type, lang: None }
}

/// Maps one item.
pub(super) fn map(mut item: Item) -> Mapped {
    let mut m = Mapper::default();
    m.duplicates("", &item.duplicates);
    let from_note = note::variables_in_note(&mut m, &mut item);
    let noted = m.diagnostics.len();
    let item_type = read_type(&mut m, &item);
    let (key, citation_key) = identifiers(&mut m, &item);
    titles(&mut m, &item);
    let general = m.resource.types.resource_type_general.clone().unwrap_or(ResourceTypeGeneral::Other);
    let mut related = plan_related(&item, item_type, general);
    container(&mut m, &item, item_type, &mut related);
    series_event_review_original(&mut m, &item, &mut related);
    names(&mut m, &item, &mut related);
    read_dates(&mut m, &item, &mut related);
    descriptive(&mut m, &item);
    crossref::extensions(&mut m, &item);
    not_carried(&mut m, &item);
    let Related { mut container, series, event, reviewed, original } = related;
    if let Some(container) = container.as_mut() {
        // The DataCite related-item guidance repeats the publisher and year in the container.
        container.publisher = m.resource.publisher.as_ref().map(|p| p.name.clone());
        container.publication_year = m.resource.publication_year.clone();
    }
    m.resource.related_items.extend([container, series, event, reviewed, original].into_iter().flatten());
    // An edited work without authors: its editors are its creators, as in every reader.
    if let Some(promoted) = editors::editors_as_creators(&mut m.resource) {
        let pointer = m.contributor_sources.get(promoted.first).cloned().unwrap_or_default();
        m.diagnostics.push(promoted.diagnostic().at(Location::path(pointer)));
    }
    // What is said about a variable the note gave is said about the note, where it is written.
    for diagnostic in m.diagnostics.iter_mut().skip(noted) {
        let Some(path) = &diagnostic.location.path else { continue };
        let from_the_note = from_note.iter().any(|variable| {
            path.strip_prefix('/')
                .and_then(|p| p.strip_prefix(*variable))
                .is_some_and(|r| r.is_empty() || r.starts_with('/'))
        });
        if from_the_note {
            diagnostic.location.path = Some("/note".to_owned());
        }
    }
    Mapped { resource: m.resource, diagnostics: m.diagnostics, key, citation_key }
}

/// `type` → `types`; `genre` → `resourceType`. Returns the CSL type whose container and ISBN
/// rules the item follows.
fn read_type(m: &mut Mapper, item: &Item) -> Option<&'static ItemType> {
    let genre = m.var("genre", &item.genre);
    let Some(text) = m.var("type", &item.item_type) else {
        if !present(&item.item_type) {
            m.warn(CSL_NO_TYPE, "the item has no type; resourceTypeGeneral is left empty".to_owned(), "");
        }
        m.resource.types.resource_type = genre;
        return None;
    };
    let (general, label, found) = if let Some((found, matched)) = types::lookup(&text) {
        if matched == Match::Normalised {
            let message = format!("CSL type \"{text}\" read as \"{}\"", found.csl);
            m.info(codes::VOCAB_NORMALISED, message, "/type");
        }
        if found.csl == "article" {
            article(m, item, genre.as_deref(), found)
        } else {
            (found.general.clone(), found.label, found)
        }
    } else if let Some((crossref, found)) = types::crossref_lookup(&text) {
        // doi.org's CSL-JSON for Crossref DOIs gives Crossref's own type ids: the table the
        // Crossref XML reader uses reads them, so that a work reads the same from either format.
        let message = format!(
            "type \"{text}\" is a Crossref work type, not a CSL 1.0.2 type; Crossref's type table reads it as {} (resourceType \"{}\"), in a container as CSL type \"{}\" is",
            crossref.general, crossref.resource_type, found.csl
        );
        m.info(CSL_CROSSREF_TYPE, message, "/type");
        (crossref.general.clone(), Some(crossref.resource_type), found)
    } else {
        let message = format!(
            "CSL type \"{text}\" is not a CSL 1.0.2 type; resourceTypeGeneral is Other and the type is kept as resourceType"
        );
        m.warn(codes::VOCAB_UNKNOWN, message, "/type");
        if let Some(genre) = genre {
            m.unmapped("/genre", "genre", &genre);
        }
        m.resource.types = Types { resource_type_general: Some(ResourceTypeGeneral::Other), resource_type: Some(text) };
        return None;
    };
    let resource_type = match (genre, label) {
        (Some(genre), Some(label)) if !genre.eq_ignore_ascii_case(label) => {
            let written = Types::new(general.clone(), Some(&genre)).derived().map_or("", |d| d.citeproc);
            // Reported only when the genre loses the type: a Crossref type name refines nothing
            // that the general type does not already say.
            if written != found.csl {
                let message = format!(
                    "CSL type \"{text}\" is read as {general} with its genre \"{genre}\" as resourceType; the label \"{label}\" that would keep the exact type is not set, so the type written back is \"{written}\""
                );
                m.info(CSL_TYPE_APPROXIMATED, message, "/genre");
            }
            Some(genre)
        }
        (Some(genre), _) => Some(genre),
        (None, label) => label.map(str::to_owned),
    };
    m.resource.types = Types { resource_type_general: Some(general), resource_type };
    Some(found)
}

/// Words of a `genre` that make an `article` a preprint.
const PREPRINT_GENRES: &[&str] = &["preprint", "pre-print", "working paper", "e-print", "eprint", "posted content"];

/// CSL's `article`: "a self-contained work made widely available but not published in a
/// journal", which the CSL 1.0.2 specification suggests for preprints and working papers, but
/// which is also the CSL type DataCite derives for Collection, Award, Project, Other and many
/// more, and the generic article of tools that have no better type. Alone it says only that the
/// item is a text (`Text`, with the label `Article` that writes it back). Other fields say more:
/// a `genre` that names a resourceTypeGeneral (`Collection`, `Preprint`) or a preprint
/// (`Working paper`) gives that type; a `container-title` with a volume, issue or ISSN names the
/// journal the article is published in (`JournalArticle`, in a `Journal`). Both reported.
fn article(
    m: &mut Mapper,
    item: &Item,
    genre: Option<&str>,
    found: &'static ItemType,
) -> (ResourceTypeGeneral, Option<&'static str>, &'static ItemType) {
    if let Some(genre) = genre {
        let (named, matched) = ResourceTypeGeneral::lookup(genre);
        let lower = genre.to_lowercase();
        let general = if matched != Match::Unknown {
            Some(named)
        } else if PREPRINT_GENRES.iter().any(|w| lower.contains(w)) {
            Some(ResourceTypeGeneral::Preprint)
        } else {
            None
        };
        if let Some(general) = general {
            if general != found.general {
                let message = format!(
                    "CSL type \"article\" says only that the item is a self-contained text; its genre \"{genre}\" makes it a {general}"
                );
                m.info(CSL_ARTICLE_TYPE, message, "/genre");
            }
            return (general, found.label, found);
        }
    }
    let in_journal = present(&item.container_title) && [&item.volume, &item.issue, &item.issn].into_iter().any(present);
    if let (true, Some((journal_article, _))) = (in_journal, types::lookup("article-journal")) {
        let message = "CSL type \"article\" is for works not published in a journal, but the item names its journal (container-title with a volume, issue or ISSN); it is read as a JournalArticle".to_owned();
        m.info(CSL_ARTICLE_TYPE, message, "/type");
        return (journal_article.general.clone(), journal_article.label, journal_article);
    }
    (found.general.clone(), found.label, found)
}

/// `DOI`, `id`, `citation-key` and `URL`; returns the item's key and its citation key.
fn identifiers(m: &mut Mapper, item: &Item) -> (Option<String>, Option<String>) {
    if let Some(text) = m.var("DOI", &item.doi) {
        match doi::normalise(&text) {
            Some(name) => {
                if name != text {
                    m.info(codes::VALUE_NORMALISED, format!("DOI \"{text}\" read as \"{name}\""), "/DOI");
                }
                m.resource.doi = Some(name);
            }
            None => {
                let message = format!("DOI \"{text}\" is not a DOI (10.prefix/suffix); it is not carried over");
                m.warn(codes::VALUE_INVALID, message, "/DOI");
            }
        }
    }
    let id = m.var("id", &item.id);
    if let Some(id) = &id {
        if let Some(name) = doi::normalise(id) {
            match &m.resource.doi {
                None => {
                    m.info(codes::VALUE_NORMALISED, format!("the DOI \"{name}\" is taken from the id \"{id}\""), "/id");
                    m.resource.doi = Some(name);
                }
                Some(existing) if existing.eq_ignore_ascii_case(&name) => {}
                Some(existing) => {
                    let message = format!("id \"{id}\" names another DOI than DOI \"{existing}\"; DOI is used");
                    m.warn(CSL_ID_MISMATCH, message, "/id");
                }
            }
        }
    }
    let citation_key = m.var("citation-key", &item.citation_key);
    if let Some(url) = m.var("URL", &item.url) {
        let lower = url.to_ascii_lowercase();
        let resolver = lower.starts_with("http") && doi::normalise(&url).is_some();
        match (resolver, doi::normalise(&url)) {
            (true, Some(name)) => {
                if m.resource.doi.is_none() {
                    m.resource.doi = Some(name.clone());
                }
                let message = format!(
                    "URL \"{url}\" is the DOI's resolver address, not a landing page; it gives the DOI \"{name}\" and is not used as url"
                );
                m.info(codes::VALUE_NORMALISED, message, "/URL");
            }
            _ => m.resource.url = Some(url),
        }
    }
    let cited_by = id.clone().or_else(|| citation_key.clone());
    (citation_key.or(id).or_else(|| m.resource.doi.clone()), cited_by)
}

/// `title`, `title-short`/`shortTitle`, Crossref's `subtitle`.
fn titles(m: &mut Mapper, item: &Item) {
    let mut titles = m.vars("title", &item.title).into_iter();
    if let Some(main) = titles.next() {
        m.resource.titles.push(titled(main, None));
    }
    // Crossref lists a title's other forms after the first.
    for other in titles {
        m.resource.titles.push(titled(other, Some(TitleType::AlternativeTitle)));
    }
    for subtitle in m.vars("subtitle", &item.subtitle) {
        m.resource.titles.push(titled(subtitle, Some(TitleType::Subtitle)));
    }
    let short = m.var("title-short", &item.title_short);
    let short_camel = m.var("shortTitle", &item.short_title_camel);
    let short_crossref = m.vars("short-title", &item.short_title_crossref);
    for text in [short, short_camel].into_iter().flatten().chain(short_crossref) {
        let known = m.resource.titles.iter().any(|t| t.title == text);
        if !known {
            m.resource.titles.push(titled(text, Some(TitleType::AlternativeTitle)));
        }
    }
}

/// Which related items the item has, before their variables are read; `general` is the item's
/// own type, which the original of a translation shares.
fn plan_related(item: &Item, item_type: Option<&ItemType>, general: ResourceTypeGeneral) -> Related {
    let mut related = Related::default();
    let container_type = item_type.map_or(ResourceTypeGeneral::Other, |t| t.container.clone());
    let periodical = item_type.is_some_and(|t| t.csl == "periodical");
    let part_of_book = item_type.is_some_and(|t| t.part_of_book);
    let container_fields = [
        &item.container_title,
        &item.container_title_short,
        &item.journal_abbreviation,
        &item.short_container_title,
        &item.volume,
        &item.issue,
        &item.page,
        &item.page_first,
        &item.chapter_number,
    ]
    .into_iter()
    .any(present)
        || item.container_author.as_ref().is_some_and(|l| !l.names.is_empty());
    let series = present(&item.collection_title) || present(&item.collection_number);
    // An ISSN is the container's, else the series', else (for a periodical) the item's own.
    let issn_to_container = present(&item.issn) && !periodical && !series;
    let isbn_to_container = present(&item.isbn) && part_of_book;
    if container_fields || issn_to_container || isbn_to_container {
        related.container = Some(related_item(container_type, RelationType::IsPublishedIn));
    }
    if series {
        related.series = Some(related_item(ResourceTypeGeneral::Collection, RelationType::IsPublishedIn));
    }
    if present(&item.event_title) || present(&item.event) {
        related.event = Some(related_item(ResourceTypeGeneral::Event, RelationType::IsPartOf));
    }
    if present(&item.reviewed_title) || item.reviewed_author.as_ref().is_some_and(|l| !l.names.is_empty()) {
        let reviewed_type = match item_type.map(|t| t.csl) {
            Some("review-book") => ResourceTypeGeneral::Book,
            _ => ResourceTypeGeneral::Other,
        };
        related.reviewed = Some(related_item(reviewed_type, RelationType::Reviews));
    }
    let original = present(&item.original_title)
        || present(&item.original_publisher)
        || item.original_author.as_ref().is_some_and(|l| !l.names.is_empty());
    if original {
        let translated = item.translator.as_ref().is_some_and(|l| !l.names.is_empty());
        let relation = if translated { RelationType::IsTranslationOf } else { RelationType::IsVariantFormOf };
        related.original = Some(related_item(general, relation));
    }
    related
}

/// The container: titles, volume, issue, pages, numbers, edition, ISSN/ISBN.
fn container(m: &mut Mapper, item: &Item, item_type: Option<&ItemType>, related: &mut Related) {
    let title = m.var("container-title", &item.container_title);
    let short = m.var("container-title-short", &item.container_title_short);
    let abbreviation = m.var("journalAbbreviation", &item.journal_abbreviation);
    let crossref_short = m.vars("short-container-title", &item.short_container_title);
    let volume = m.var("volume", &item.volume);
    let issue = m.var("issue", &item.issue);
    let page = m.var("page", &item.page);
    let page_first = m.var("page-first", &item.page_first);
    let number = m.var("number", &item.number);
    let chapter_number = m.var("chapter-number", &item.chapter_number);
    let edition = m.var("edition", &item.edition);
    let issns = m.vars("ISSN", &item.issn).iter().flat_map(|t| split_identifiers(t, true)).collect::<Vec<_>>();
    let isbns = m.vars("ISBN", &item.isbn).iter().flat_map(|t| split_identifiers(t, false)).collect::<Vec<_>>();
    let csl_type = item_type.map(|t| t.csl);

    let Some(container) = related.container.as_mut() else {
        // No container: an ISSN is the series' (or a periodical's own), the rest the item's own.
        match related.series.as_mut() {
            Some(series) if csl_type != Some("periodical") => {
                place_identifiers(m, Some(series), &issns, RelatedIdentifierType::Issn);
            }
            _ => own_identifiers(m, &issns, "ISSN"),
        }
        own_identifiers(m, &isbns, "ISBN");
        if let Some(number) = number {
            let kind = if csl_type == Some("report") { REPORT_NUMBER } else { NUMBER };
            m.resource.alternate_identifiers.push(AlternateIdentifier {
                alternate_identifier: number,
                alternate_identifier_type: Some(kind.to_owned()),
            });
        }
        if let Some(edition) = edition {
            edition_without_container(m, item, edition);
        }
        return;
    };

    if let Some(title) = title {
        container.titles.push(titled(title, None));
    } else {
        let message = "the item has container data (volume, issue, pages, ISSN …) but no container-title; it is kept in a relatedItem without title".to_owned();
        m.warn(CSL_CONTAINER_UNTITLED, message, "");
    }
    for alternative in [short, abbreviation].into_iter().flatten().chain(crossref_short) {
        if !container.titles.iter().any(|t| t.title == alternative) {
            container.titles.push(titled(alternative, Some(TitleType::AlternativeTitle)));
        }
    }
    container.volume = volume;
    container.issue = issue;
    container.edition = edition;
    if let Some(page) = page {
        if let Some(pages) = split_pages(&page) {
            if pages.simplified {
                let message = format!(
                    "page \"{page}\" holds several pages or ranges; firstPage \"{}\" and lastPage \"{}\" keep only its bounds",
                    pages.first,
                    pages.last.as_deref().unwrap_or_default()
                );
                m.warn(CSL_PAGE_RANGE, message, "/page");
            }
            if let (Some(short), Some(full)) = (&pages.expanded_from, &pages.last) {
                let message =
                    format!("the abbreviated last page \"{short}\" of \"{page}\" is written in full: \"{full}\"");
                m.info(codes::VALUE_NORMALISED, message, "/page");
            }
            if let Some(first) = &page_first {
                if *first != pages.first {
                    let message = format!(
                        "page-first \"{first}\" disagrees with page \"{page}\"; the first page of page is used"
                    );
                    m.warn(codes::FIELD_UNMAPPED, message, "/page-first");
                }
            }
            container.first_page = Some(pages.first);
            container.last_page = pages.last;
        }
    } else {
        container.first_page = page_first;
    }
    let number_type = match csl_type {
        Some("report") => NumberType::Report,
        Some("article" | "article-journal" | "article-magazine" | "article-newspaper") => NumberType::Article,
        _ => NumberType::Other,
    };
    match (number, chapter_number) {
        (Some(number), chapter) => {
            container.number = Some(number);
            container.number_type = Some(number_type);
            if let Some(chapter) = chapter {
                let message = format!(
                    "chapter-number \"{chapter}\" cannot be kept beside number, as the container holds one number; it is not carried over"
                );
                m.warn(codes::FIELD_UNMAPPED, message, "/chapter-number");
            }
        }
        (None, Some(chapter)) => {
            container.number = Some(chapter);
            container.number_type = Some(NumberType::Chapter);
        }
        (None, None) => {}
    }
    // A book's ISBN comes first, so that it is the identifier of a book container; an ISSN
    // belongs to the series when the container is a book (or the item a periodical's own).
    let part_of_book = item_type.is_some_and(|t| t.part_of_book);
    if part_of_book {
        place_identifiers(m, related.container.as_mut(), &isbns, RelatedIdentifierType::Isbn);
    } else {
        own_identifiers(m, &isbns, "ISBN");
    }
    if csl_type == Some("periodical") {
        own_identifiers(m, &issns, "ISSN");
    } else if part_of_book && related.series.is_some() {
        place_identifiers(m, related.series.as_mut(), &issns, RelatedIdentifierType::Issn);
    } else {
        place_identifiers(m, related.container.as_mut(), &issns, RelatedIdentifierType::Issn);
    }
}

/// Splits a text holding several ISSNs (`1234-5678, 2345-6789` or with spaces) or ISBNs
/// (separated by commas or semicolons; spaces may be inside an ISBN).
fn split_identifiers(text: &str, spaces_separate: bool) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || (spaces_separate && c.is_whitespace()))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Identifiers of a container or series: the first as its `relatedItemIdentifier`, each also as
/// a related identifier `IsPublishedIn`, as the DataCite related-item guidance asks. Without a
/// related item to hold them, they become related identifiers only.
fn place_identifiers(m: &mut Mapper, item: Option<&mut RelatedItem>, values: &[String], kind: RelatedIdentifierType) {
    let Some(first) = values.first() else { return };
    if let Some(item) = item {
        if item.related_item_identifier.is_none() {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: first.clone(),
                related_item_identifier_type: Some(kind.clone()),
                ..Default::default()
            });
        }
    }
    for value in values {
        m.resource.related_identifiers.push(RelatedIdentifier {
            related_identifier: value.clone(),
            related_identifier_type: Some(kind.clone()),
            relation_type: Some(RelationType::IsPublishedIn),
            ..Default::default()
        });
    }
}

/// Identifiers of the item itself (a book's ISBN, a periodical's ISSN).
fn own_identifiers(m: &mut Mapper, values: &[String], kind: &str) {
    for value in values {
        m.resource.alternate_identifiers.push(AlternateIdentifier {
            alternate_identifier: value.clone(),
            alternate_identifier_type: Some(kind.to_owned()),
        });
    }
}

/// `edition` of an item without container: the version, unless `version` is given too.
fn edition_without_container(m: &mut Mapper, item: &Item, edition: String) {
    if present(&item.version) {
        let message = format!(
            "edition \"{edition}\" has no home beside version (the item has no container to hold it); it is not carried over"
        );
        m.warn(codes::FIELD_UNMAPPED, message, "/edition");
    } else {
        m.resource.version = Some(edition);
    }
}

/// The series, the event, the reviewed work and the original.
fn series_event_review_original(m: &mut Mapper, item: &Item, related: &mut Related) {
    let collection_title = m.var("collection-title", &item.collection_title);
    let collection_number = m.var("collection-number", &item.collection_number);
    if let Some(series) = related.series.as_mut() {
        series.titles.extend(collection_title.map(|t| titled(t, None)));
        if let Some(number) = collection_number {
            series.number = Some(number);
            series.number_type = Some(NumberType::Other);
        }
    }
    let event_title = m.var("event-title", &item.event_title);
    let event = m.var("event", &item.event);
    if let Some(related_event) = related.event.as_mut() {
        match (event_title, event) {
            (Some(title), Some(old)) => {
                if title != old {
                    let message = format!(
                        "event \"{old}\" (the deprecated name of event-title) disagrees with event-title \"{title}\"; event-title is used"
                    );
                    m.warn(codes::FIELD_UNMAPPED, message, "/event");
                }
                related_event.titles.push(titled(title, None));
            }
            (Some(title), None) | (None, Some(title)) => related_event.titles.push(titled(title, None)),
            (None, None) => {}
        }
    }
    let reviewed_title = m.var("reviewed-title", &item.reviewed_title);
    if let (Some(reviewed), Some(title)) = (related.reviewed.as_mut(), reviewed_title) {
        reviewed.titles.push(titled(title, None));
    }
    let original_title = m.var("original-title", &item.original_title);
    let original_publisher = m.var("original-publisher", &item.original_publisher);
    if let Some(original) = related.original.as_mut() {
        original.titles.extend(original_title.map(|t| titled(t, None)));
        original.publisher = original_publisher;
    }
}

/// Every name variable, routed by [`NAME_ROLES`].
fn names(m: &mut Mapper, item: &Item, related: &mut Related) {
    for (variable, list) in item.name_lists() {
        let pointer = at(variable);
        match list.form {
            NameListForm::Invalid => {
                let found = list.names.first().map_or("nothing".to_owned(), |n| match n {
                    crate::item::NameEntry::Invalid(v) => show(v),
                    _ => "a name".to_owned(),
                });
                m.wrong_type(&pointer, "a list of names", &found);
                continue;
            }
            NameListForm::Null => continue,
            NameListForm::List | NameListForm::Single => {}
        }
        let people: Vec<Person> = list
            .names
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let name_pointer = if list.form == NameListForm::Single {
                    pointer.clone()
                } else {
                    child(&pointer, &index.to_string())
                };
                name_entry(m, &name_pointer, entry).map(|person| (name_pointer, person))
            })
            .map(|(_, person)| person)
            .collect();
        if people.is_empty() {
            continue;
        }
        let Some(role) = NAME_ROLES.iter().find(|r| r.variable == variable) else { continue };
        route(m, variable, &pointer, role.target.clone(), people, related);
    }
}

/// Puts the names of one variable where its role says.
fn route(
    m: &mut Mapper,
    variable: &str,
    pointer: &str,
    target: RoleTarget,
    people: Vec<Person>,
    related: &mut Related,
) {
    match target {
        RoleTarget::Creators => m.resource.creators.extend(people.into_iter().map(Person::creator)),
        RoleTarget::Contributor(contributor_type) => {
            contributors(m, pointer, people, contributor_type);
        }
        RoleTarget::Approximated(contributor_type) => {
            let message = format!(
                "CSL role {variable} has no exact DataCite contributorType; its names are contributors of type {contributor_type}"
            );
            m.info(CSL_ROLE_APPROXIMATED, message, pointer);
            contributors(m, pointer, people, contributor_type);
        }
        RoleTarget::RoleLost => {
            let message = format!(
                "CSL role {variable} has no DataCite contributorType; its names are contributors of type Other and the role is lost"
            );
            m.warn(CSL_ROLE_LOST, message, pointer);
            contributors(m, pointer, people, ContributorType::Other);
        }
        RoleTarget::ContainerCreators => related_creators(m, pointer, people, related.container.as_mut()),
        RoleTarget::ReviewedCreators => related_creators(m, pointer, people, related.reviewed.as_mut()),
        RoleTarget::OriginalCreators => related_creators(m, pointer, people, related.original.as_mut()),
        RoleTarget::SeriesEditors => match related.series.as_mut() {
            Some(series) => {
                lost_identifiers(m, pointer, &people);
                series.contributors.extend(people.into_iter().map(|p| RelatedItemContributor {
                    name: p.name,
                    name_type: p.name_type,
                    given_name: p.given_name,
                    family_name: p.family_name,
                    lang: None,
                    contributor_type: Some(ContributorType::Editor),
                }));
            }
            None => {
                let message = format!(
                    "CSL role {variable} names the editors of a series, but the item has no collection-title; they are contributors of type Editor"
                );
                m.info(CSL_ROLE_APPROXIMATED, message, pointer);
                contributors(m, pointer, people, ContributorType::Editor);
            }
        },
    }
}

fn contributors(m: &mut Mapper, pointer: &str, people: Vec<Person>, contributor_type: ContributorType) {
    m.contributor_sources.extend(std::iter::repeat_n(pointer.to_owned(), people.len()));
    m.resource.contributors.extend(people.into_iter().map(|p| {
        let mut contributor: Contributor = p.contributor();
        contributor.contributor_type = Some(contributor_type.clone());
        contributor
    }));
}

/// Reports identifiers and affiliations that a related item's names cannot hold.
fn lost_identifiers(m: &mut Mapper, pointer: &str, people: &[Person]) {
    for person in people {
        if !person.name_identifiers.is_empty() || !person.affiliation.is_empty() {
            let message = format!(
                "the ORCID or affiliation of \"{}\" has no home: names of related items carry neither; not carried over",
                person.name
            );
            m.warn(codes::FIELD_UNMAPPED, message, pointer);
        }
    }
}

fn related_creators(m: &mut Mapper, pointer: &str, people: Vec<Person>, item: Option<&mut RelatedItem>) {
    lost_identifiers(m, pointer, &people);
    if let Some(item) = item {
        item.creators.extend(people.into_iter().map(Person::related_creator));
    }
}

/// The date variables.
fn read_dates(m: &mut Mapper, item: &Item, related: &mut Related) {
    let dated = [
        ("issued", &item.issued, DateType::Issued, None),
        ("available-date", &item.available_date, DateType::Available, None),
        ("submitted", &item.submitted, DateType::Submitted, None),
        ("accessed", &item.accessed, DateType::Other, Some(ACCESSED)),
        ("event-date", &item.event_date, DateType::Other, Some(EVENT_DATE)),
        ("original-date", &item.original_date, DateType::Other, Some(ORIGINAL_DATE)),
    ];
    for (key, value, date_type, information) in dated {
        let Some(value) = value else { continue };
        let Some(text) = date_variable(m, &at(key), value) else { continue };
        if key == "issued" {
            m.resource.publication_year = dates::year_of(m, &text);
        }
        if key == "original-date" {
            if let Some(original) = related.original.as_mut() {
                original.publication_year = dates::leading_year(&text);
            }
        }
        m.resource.dates.push(Date {
            date: text,
            date_type: Some(date_type),
            date_information: information.map(str::to_owned),
        });
    }
}

/// Descriptions, subjects, language, publisher, version, formats, sizes and identifiers.
fn descriptive(m: &mut Mapper, item: &Item) {
    if let Some(language) = m.var("language", &item.language) {
        m.resource.language = Some(language);
    }
    if let Some(publisher) = m.var("publisher", &item.publisher) {
        m.resource.publisher = Some(Publisher::named(publisher));
    }
    if let Some(version) = m.var("version", &item.version) {
        m.resource.version = Some(version);
    }
    let described = [
        ("abstract", &item.abstract_text, DescriptionType::Abstract),
        ("note", &item.note, DescriptionType::Other),
        ("annote", &item.annote, DescriptionType::Other),
    ];
    for (key, value, description_type) in described {
        let text = m.var(key, value);
        let text = if key == "abstract" { text.and_then(|text| jats_abstract(m, text)) } else { text };
        if let Some(text) = text {
            m.resource.descriptions.push(Description {
                description: text,
                description_type: Some(description_type),
                lang: None,
            });
        }
    }
    let mut subjects = m.vars("categories", &item.categories);
    if let Some(keywords) = m.var("keyword", &item.keyword) {
        let split = split_keywords(&keywords);
        if split.len() > 1 {
            let message = format!("keyword \"{keywords}\" holds {} keywords; each became a subject", split.len());
            m.info(CSL_KEYWORDS_SPLIT, message, "/keyword");
        }
        subjects.extend(split);
    }
    subjects.extend(m.vars("subject", &item.subject));
    for subject in subjects {
        if !m.resource.subjects.iter().any(|s| s.subject == subject) {
            m.resource.subjects.push(Subject { subject, ..Default::default() });
        }
    }
    if let Some(medium) = m.var("medium", &item.medium) {
        m.resource.formats.push(medium);
    }
    if let Some(dimensions) = m.var("dimensions", &item.dimensions) {
        m.resource.sizes.push(dimensions);
    }
    if let Some(pages) = m.var("number-of-pages", &item.number_of_pages) {
        m.resource.sizes.push(format!("{pages} pages"));
    }
    if let Some(volumes) = m.var("number-of-volumes", &item.number_of_volumes) {
        m.resource.sizes.push(format!("{volumes} volumes"));
    }
    let own = [
        ("PMID", &item.pmid, "PMID"),
        ("PMCID", &item.pmcid, "PMCID"),
        ("call-number", &item.call_number, CALL_NUMBER),
    ];
    for (key, value, kind) in own {
        if let Some(text) = m.var(key, value) {
            m.resource.alternate_identifiers.push(AlternateIdentifier {
                alternate_identifier: text,
                alternate_identifier_type: Some(kind.to_owned()),
            });
        }
    }
    if let Some(archive) = m.var("archive", &item.archive) {
        let message = format!(
            "archive \"{archive}\" is read as a contributor of type HostingInstitution, the nearest DataCite role"
        );
        m.info(CSL_ROLE_APPROXIMATED, message, "/archive");
        m.contributor_sources.push("/archive".to_owned());
        m.resource.contributors.push(Contributor {
            name: archive,
            name_type: Some(NameType::Organizational),
            contributor_type: Some(ContributorType::HostingInstitution),
            ..Default::default()
        });
    }
}

/// An abstract with JATS markup (Crossref's CSL-JSON has `<jats:p>…<jats:italic>…`) as plain
/// text, reduced by the rule the Crossref XML reader uses and reported with the same note; text
/// without a JATS element is kept as written, so that `<` in prose and the `<br/>` of a DataCite
/// description are left alone. `None` (reported) when the markup holds no text.
fn jats_abstract(m: &mut Mapper, text: String) -> Option<String> {
    if !text.contains("<jats:") {
        return Some(text);
    }
    let Some(fragment) = Fragment::parse(&text) else {
        let message =
            "the abstract holds JATS markup that is not well-formed XML (a tag left open or misspelt); it is kept as written with its markup".to_owned();
        m.warn(codes::VALUE_INVALID, message, "/abstract");
        return Some(text);
    };
    let reduced = markup::abstract_text(fragment.root());
    for foreign in &reduced.foreign {
        let name = foreign.element().map_or("", |e| e.qname);
        let message = format!("element <{name}> in the abstract is not JATS; its text is kept and its markup removed");
        m.warn(codes::VALUE_INVALID, message, "/abstract");
    }
    for diagnostic in reduced.diagnostics("the abstract") {
        m.diagnostics.push(diagnostic.at(Location::path("/abstract")));
    }
    if reduced.text.is_empty() {
        m.info(codes::VALUE_EMPTY, "the abstract's markup holds no text; skipped".to_owned(), "/abstract");
        return None;
    }
    Some(reduced.text)
}

/// Splits a `keyword` text at commas and semicolons outside parentheses.
pub(super) fn split_keywords(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            ',' | ';' if depth == 0 => {
                let word = current.trim();
                if !word.is_empty() {
                    out.push(word.to_owned());
                }
                current.clear();
            }
            _ => current.push(c),
        }
    }
    let word = current.trim();
    if !word.is_empty() {
        out.push(word.to_owned());
    }
    out
}

/// Variables with no home, variables processors set, `custom`, and keys outside the schema.
fn not_carried(m: &mut Mapper, item: &Item) {
    let processor = [
        ("citation-number", &item.citation_number),
        ("citation-label", &item.citation_label),
        ("first-reference-note-number", &item.first_reference_note_number),
        ("locator", &item.locator),
        ("year-suffix", &item.year_suffix),
    ];
    debug_assert_eq!(processor.len(), PROCESSOR_VARIABLES.len());
    for (key, value) in processor {
        if let Some(text) = m.var(key, value) {
            let message = format!(
                "{key} \"{text}\" is set by citation processors while citing; it is not metadata of the work and is not carried over"
            );
            m.info(CSL_PROCESSOR_VARIABLE, message, &at(key));
        }
    }
    let unmapped = [
        ("archive_collection", &item.archive_collection),
        ("archive_location", &item.archive_location),
        ("archive-place", &item.archive_place),
        ("authority", &item.authority),
        ("division", &item.division),
        ("event-place", &item.event_place),
        ("jurisdiction", &item.jurisdiction),
        ("original-publisher-place", &item.original_publisher_place),
        ("part", &item.part),
        ("part-title", &item.part_title),
        ("printing", &item.printing),
        ("publisher-place", &item.publisher_place),
        ("references", &item.references),
        ("reviewed-genre", &item.reviewed_genre),
        ("scale", &item.scale),
        ("section", &item.section),
        ("source", &item.source),
        ("status", &item.status),
        ("supplement", &item.supplement),
        ("volume-title", &item.volume_title),
        ("volume-title-short", &item.volume_title_short),
    ];
    for (key, value) in unmapped {
        if let Some(text) = m.var(key, value) {
            m.unmapped(&at(key), key, &text);
        }
    }
    match &item.custom {
        Some(Value::Object(pairs)) => {
            for (key, value) in pairs {
                let message = format!(
                    "custom \"{key}\" ({}) has no home in the DataCite model; it is not carried over",
                    show(value)
                );
                m.warn(codes::FIELD_UNMAPPED, message, &child("/custom", key));
            }
        }
        Some(Value::Null) | None => {}
        Some(other) => m.wrong_type("/custom", "an object", &show(other)),
    }
    for (key, value) in &item.unknown {
        let empty = match value {
            Value::Null => true,
            Value::Array(list) => list.is_empty(),
            Value::Object(map) => map.is_empty(),
            _ => false,
        };
        if empty {
            continue;
        }
        if crossref::is_bookkeeping(key) {
            crossref::bookkeeping(m, key);
        } else {
            let message = format!("\"{key}\" is not a CSL item key; its value {} is not carried over", show(value));
            m.warn(codes::FIELD_UNMAPPED, message, &at(key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_split_outside_parentheses() {
        assert_eq!(split_keywords("a, b (c, d); e"), ["a", "b (c, d)", "e"]);
        assert_eq!(split_keywords(" single "), ["single"]);
        assert!(split_keywords(" , ").is_empty());
    }

    #[test]
    fn identifiers_split() {
        assert_eq!(split_identifiers("1234-5678 2345-6789", true), ["1234-5678", "2345-6789"]);
        assert_eq!(
            split_identifiers("978 0 12 345678 9; 0-12-345678-1", false),
            ["978 0 12 345678 9", "0-12-345678-1"]
        );
    }
}

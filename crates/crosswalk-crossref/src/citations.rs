//! Citation lists: every citation becomes a `References` relation.
//!
//! - A citation with a DOI becomes a related identifier (`DOI`, `References`, with the cited
//!   work's `resourceTypeGeneral` when the citation's `type` gives it). The DOI identifies the
//!   cited work; the citation's other parts describe that same work and are not repeated.
//! - A citation without a DOI becomes a related item (`References`) built from its parts: the
//!   article, volume, journal or series title (the first present) as its title, `author` as its
//!   creator, `cYear`, `volume`, `issue`, `first_page`, `edition_number`, `elocation_id` or
//!   `component_number` as its number, and the ISBN or ISSN when the item is the book or journal
//!   itself. A citation with nothing but its text keeps that text as the item's title (reported
//!   as info), so no reference is lost.
//! - What a related item cannot hold (a journal title next to an article title, an ISSN of the
//!   journal of a cited article, a standards body) is reported once per record and part, with
//!   the number of citations concerned.

use crosswalk_model::{
    codes, NumberType, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemCreator,
    RelatedItemIdentifier, RelationType, ResourceTypeGeneral, Title,
};

use crate::ctx::{quote, Ctx};
use crate::markup::{rich_text, title_text};
use crate::tree::{Node, Ns};
use crate::CITATION_AS_TITLE;

/// What a citation list gives.
#[derive(Default)]
pub(crate) struct Cited {
    pub(crate) identifiers: Vec<RelatedIdentifier>,
    pub(crate) items: Vec<RelatedItem>,
}

/// The `resourceTypeGeneral` of a citation `type`.
pub fn citation_type(crossref: &str) -> Option<ResourceTypeGeneral> {
    use ResourceTypeGeneral as R;
    Some(match crossref {
        "book" => R::Book,
        "book_chapter" => R::BookChapter,
        "collection" => R::Collection,
        "conference_paper" => R::ConferencePaper,
        "conference_proceedings" => R::ConferenceProceeding,
        "dataset" => R::Dataset,
        "dissertation" => R::Dissertation,
        "journal" => R::Journal,
        "journal_article" => R::JournalArticle,
        "peer_review" => R::PeerReview,
        "poster" => R::Poster,
        "preprint" => R::Preprint,
        "report" => R::Report,
        "software" => R::Software,
        "standard" => R::Standard,
        "blog" | "blog_post" | "protocol" | "registered_report" => R::Text,
        "other" | "patent" | "web_resource" => R::Other,
        _ => return None,
    })
}

/// Every citation `type` of the deposit schema.
pub const CITATION_TYPES: &[&str] = &[
    "blog",
    "blog_post",
    "book",
    "book_chapter",
    "collection",
    "conference_paper",
    "conference_proceedings",
    "dataset",
    "dissertation",
    "journal",
    "journal_article",
    "other",
    "patent",
    "peer_review",
    "poster",
    "preprint",
    "protocol",
    "registered_report",
    "report",
    "software",
    "standard",
    "web_resource",
];

/// A part of a citation that a related item could not hold, reported once per record and part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lost {
    ArticleTitle,
    VolumeTitle,
    JournalTitle,
    SeriesTitle,
    Year,
    ComponentNumber,
    Issn,
    Isbn,
    Designator,
    StandardsBody,
}

/// Where a citation's parts were read and how the format names them: the XML reader's elements,
/// the JSON reader's pointers. The rules below are the same for both readers; only the places
/// and names in the messages differ.
pub(crate) trait CitationSink<L> {
    /// Reports an info at `at`.
    fn info(&mut self, code: &'static str, at: L, message: String);
    /// Reports a warning at `at`.
    fn warn(&mut self, code: &'static str, at: L, message: String);
    /// How the format names a lost part in a message (`<journal_title>`, `"journal-title"`).
    fn part_name(&self, lost: Lost) -> &'static str;
    /// What the format calls a citation in a message (`citation`, `reference`).
    fn citation_word(&self) -> &'static str;
}

/// Parts of citations a related item could not hold, counted per part: the place of the first
/// and the key of its citation.
pub(crate) struct Losses<L> {
    parts: Vec<(Lost, usize, L, String)>,
}

impl<L: Copy> Losses<L> {
    pub(crate) fn new() -> Self {
        Losses { parts: Vec::new() }
    }

    fn add(&mut self, lost: Lost, at: L, key: &str) {
        match self.parts.iter_mut().find(|(n, _, _, _)| *n == lost) {
            Some((_, count, _, _)) => *count += 1,
            None => self.parts.push((lost, 1, at, key.to_owned())),
        }
    }

    /// Reports every part lost, once each, with the number of citations concerned.
    pub(crate) fn report(self, sink: &mut impl CitationSink<L>) {
        for (lost, count, first, key) in self.parts {
            let why = match lost {
                Lost::JournalTitle | Lost::SeriesTitle | Lost::VolumeTitle => {
                    "a related item holds one title, and the citation's own title was used"
                }
                Lost::Issn | Lost::Isbn => {
                    "the identifier is that of the journal or book the cited work is in, not of the work"
                }
                _ => "a related item has no place for it",
            };
            let word = sink.citation_word();
            let message = format!(
                "{} of {count} {word}{} without DOI not carried: {why} (first in {word} {})",
                sink.part_name(lost),
                if count == 1 { "" } else { "s" },
                quote(&key)
            );
            sink.warn(codes::FIELD_UNMAPPED, first, message);
        }
    }
}

impl<'t> CitationSink<Node<'t>> for Ctx {
    fn info(&mut self, code: &'static str, at: Node<'t>, message: String) {
        Ctx::info(self, code, at, message);
    }

    fn warn(&mut self, code: &'static str, at: Node<'t>, message: String) {
        Ctx::warn(self, code, at, message);
    }

    fn part_name(&self, lost: Lost) -> &'static str {
        match lost {
            Lost::ArticleTitle => "<article_title>",
            Lost::VolumeTitle => "<volume_title>",
            Lost::JournalTitle => "<journal_title>",
            Lost::SeriesTitle => "<series_title>",
            Lost::Year => "<cYear>",
            Lost::ComponentNumber => "<component_number>",
            Lost::Issn => "<issn>",
            Lost::Isbn => "<isbn>",
            Lost::Designator => "<std_designator>",
            Lost::StandardsBody => "<standards_body>",
        }
    }

    fn citation_word(&self) -> &'static str {
        "citation"
    }
}

/// Reads a `citation_list`.
pub(crate) fn citations(ctx: &mut Ctx, list: Node<'_>) -> Cited {
    ctx.check_attributes(list, &[]);
    ctx.stray_text(list);
    let mut cited = Cited::default();
    let mut losses = Losses::new();
    for citation in list.elements() {
        if citation.is("citation") {
            read_citation(ctx, citation, &mut cited, &mut losses);
        } else {
            ctx.unknown_element(citation);
        }
    }
    losses.report(ctx);
    cited
}

/// A part of a citation and where it was read.
#[derive(Clone, Debug)]
pub(crate) struct Part<L> {
    pub(crate) value: String,
    pub(crate) at: L,
}

/// The parts of one citation, as read from either format.
pub(crate) struct Parts<L> {
    pub(crate) doi: Option<Part<L>>,
    pub(crate) article_title: Option<Part<L>>,
    pub(crate) volume_title: Option<Part<L>>,
    pub(crate) journal_title: Option<Part<L>>,
    pub(crate) series_title: Option<Part<L>>,
    pub(crate) unstructured: Option<Part<L>>,
    pub(crate) author: Option<String>,
    pub(crate) year: Option<Part<L>>,
    pub(crate) volume: Option<String>,
    pub(crate) issue: Option<String>,
    pub(crate) first_page: Option<String>,
    pub(crate) edition: Option<String>,
    pub(crate) elocation: Option<Part<L>>,
    pub(crate) component: Option<Part<L>>,
    pub(crate) issn: Option<Part<L>>,
    pub(crate) isbn: Option<Part<L>>,
    pub(crate) designator: Option<Part<L>>,
    pub(crate) standards_body: Option<L>,
}

impl<L> Default for Parts<L> {
    fn default() -> Self {
        Parts {
            doi: None,
            article_title: None,
            volume_title: None,
            journal_title: None,
            series_title: None,
            unstructured: None,
            author: None,
            year: None,
            volume: None,
            issue: None,
            first_page: None,
            edition: None,
            elocation: None,
            component: None,
            issn: None,
            isbn: None,
            designator: None,
            standards_body: None,
        }
    }
}

/// One citation: where it is, its key, whether it holds nothing at all, its parts and the
/// `resourceTypeGeneral` its type gives.
pub(crate) struct Citation<L> {
    pub(crate) at: L,
    pub(crate) key: Option<String>,
    pub(crate) empty: bool,
    pub(crate) parts: Parts<L>,
    pub(crate) general: Option<ResourceTypeGeneral>,
}

fn read_citation<'t>(ctx: &mut Ctx, citation: Node<'t>, cited: &mut Cited, losses: &mut Losses<Node<'t>>) {
    ctx.check_attributes(citation, &["key", "type"]);
    ctx.stray_text(citation);
    let mut p = Parts::default();
    for child in citation.elements() {
        if child.ns() != Ns::Crossref {
            ctx.unknown_element(child);
            continue;
        }
        let with_node = |value: Option<String>| value.map(|value| Part { value, at: child });
        match child.name() {
            "doi" => {
                ctx.check_attributes(child, &["provider"]);
                let value = ctx.text(child).map(|t| crate::programs::doi_value(ctx, child, &t));
                ctx.keep_first(child, &mut p.doi, with_node(value));
            }
            "article_title" => {
                let value = title_text(ctx, child);
                ctx.keep_first(child, &mut p.article_title, with_node(value));
            }
            "volume_title" => {
                let value = title_text(ctx, child);
                ctx.keep_first(child, &mut p.volume_title, with_node(value));
            }
            "journal_title" => {
                let value = title_text(ctx, child);
                ctx.keep_first(child, &mut p.journal_title, with_node(value));
            }
            "series_title" => {
                let value = title_text(ctx, child);
                ctx.keep_first(child, &mut p.series_title, with_node(value));
            }
            "unstructured_citation" => {
                let value = rich_text(ctx, child);
                ctx.keep_first(child, &mut p.unstructured, with_node(value));
            }
            "author" => {
                let value = ctx.collapsed_text(child);
                ctx.keep_first(child, &mut p.author, value);
            }
            "cYear" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.year, with_node(value));
            }
            "volume" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.volume, value);
            }
            "issue" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.issue, value);
            }
            "first_page" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.first_page, value);
            }
            "edition_number" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.edition, value);
            }
            "elocation_id" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.elocation, with_node(value));
            }
            "component_number" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.component, with_node(value));
            }
            "issn" => {
                ctx.check_attributes(child, &["media_type"]);
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.issn, with_node(value));
            }
            "isbn" => {
                ctx.check_attributes(child, &["media_type"]);
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.isbn, with_node(value));
            }
            "std_designator" => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut p.designator, with_node(value));
            }
            "standards_body" => ctx.keep_first(child, &mut p.standards_body, Some(child)),
            _ => ctx.unknown_element(child),
        }
    }
    let type_text = citation.attr("type").map(str::trim);
    let general = match type_text {
        Some(t) => {
            let general = citation_type(t);
            if general.is_none() {
                let message = format!("citation type {} is not a Crossref citation type; not read", quote(t));
                ctx.warn(codes::VOCAB_UNKNOWN, citation, message);
            }
            general
        }
        None => None,
    };
    let citation = Citation {
        at: citation,
        key: citation.attr("key").map(str::to_owned),
        empty: citation.elements().next().is_none(),
        parts: p,
        general,
    };
    cite(ctx, citation, cited, losses);
}

/// What one citation gives: a related identifier when it has a DOI, else a related item built
/// from its parts (or nothing, reported, when it has nothing to title one with).
pub(crate) fn cite<L: Copy>(
    sink: &mut impl CitationSink<L>,
    citation: Citation<L>,
    cited: &mut Cited,
    losses: &mut Losses<L>,
) {
    if let Some(doi) = &citation.parts.doi {
        cited.identifiers.push(RelatedIdentifier {
            related_identifier: doi.value.clone(),
            related_identifier_type: Some(RelatedIdentifierType::Doi),
            relation_type: Some(RelationType::References),
            resource_type_general: citation.general,
            ..Default::default()
        });
        return;
    }
    cited.items.extend(item_without_doi(sink, citation, losses));
}

fn item_without_doi<L: Copy>(
    sink: &mut impl CitationSink<L>,
    citation: Citation<L>,
    losses: &mut Losses<L>,
) -> Option<RelatedItem> {
    let Citation { at, key: key_given, empty, parts: p, general } = citation;
    let key = key_given.clone().unwrap_or_default();
    // A related item needs a title; a citation without anything to title it with (an empty
    // `<citation/>`, or only an author and a year) is not carried, and says so.
    let titled = [&p.article_title, &p.volume_title, &p.journal_title, &p.series_title, &p.unstructured, &p.designator]
        .iter()
        .any(|part| part.is_some());
    if !titled {
        let word = sink.citation_word();
        let shown = key_given.map(|k| format!(" {}", quote(&k))).unwrap_or_default();
        let message = if empty {
            format!("{word}{shown} is empty; it is not carried")
        } else {
            format!("{word}{shown} has neither DOI, title nor text, which a related item needs; it is not carried")
        };
        sink.warn(codes::FIELD_UNMAPPED, at, message);
        return None;
    }
    let guessed = if p.designator.is_some() {
        ResourceTypeGeneral::Standard
    } else if p.article_title.is_some() && p.journal_title.is_some() {
        ResourceTypeGeneral::JournalArticle
    } else if p.article_title.is_some() && p.volume_title.is_some() {
        ResourceTypeGeneral::BookChapter
    } else if p.volume_title.is_some() || p.isbn.is_some() {
        ResourceTypeGeneral::Book
    } else if p.journal_title.is_some() {
        ResourceTypeGeneral::Journal
    } else {
        ResourceTypeGeneral::Other
    };
    let item_type = general.unwrap_or(guessed);
    let mut item = RelatedItem {
        related_item_type: Some(item_type.clone()),
        relation_type: Some(RelationType::References),
        volume: p.volume,
        issue: p.issue,
        first_page: p.first_page,
        edition: p.edition,
        ..Default::default()
    };
    // The item's title: the most specific title the citation has.
    let mut titles = [
        (p.article_title, Lost::ArticleTitle),
        (p.volume_title, Lost::VolumeTitle),
        (p.journal_title, Lost::JournalTitle),
        (p.series_title, Lost::SeriesTitle),
    ]
    .into_iter()
    .filter_map(|(part, lost)| part.map(|part| (part, lost)));
    let title = titles.next();
    for (part, lost) in titles {
        losses.add(lost, part.at, &key);
    }
    match (title, p.unstructured) {
        (Some((title, _)), _) => item.titles.push(Title::new(title.value)),
        (None, Some(text)) => {
            // The text's line breaks are the source's layout; a title is one line.
            let message =
                "a citation without DOI or title keeps its text (white space collapsed) as the related item's title"
                    .to_owned();
            sink.info(CITATION_AS_TITLE, text.at, message);
            item.titles.push(Title::new(crate::ctx::collapse(&text.value)));
        }
        (None, None) => {
            if let Some(designator) = &p.designator {
                item.titles.push(Title::new(designator.value.clone()));
            }
        }
    }
    if let Some(author) = p.author {
        item.creators.push(RelatedItemCreator { name: author, ..Default::default() });
    }
    if let Some(year) = p.year {
        match year.value.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
            Some(y) => {
                if y.len() != year.value.len() {
                    sink.info(
                        codes::VALUE_NORMALISED,
                        year.at,
                        format!("citation year {} read as {y}", quote(&year.value)),
                    );
                }
                item.publication_year = Some(y.to_owned());
            }
            None => losses.add(Lost::Year, year.at, &key),
        }
    }
    match (p.elocation, p.component) {
        (Some(number), other) => {
            item.number = Some(number.value);
            item.number_type = Some(NumberType::Article);
            if let Some(other) = other {
                losses.add(Lost::ComponentNumber, other.at, &key);
            }
        }
        (None, Some(number)) => {
            item.number = Some(number.value);
            item.number_type = Some(NumberType::Chapter);
        }
        (None, None) => {}
    }
    let identifies_item = matches!(item_type, ResourceTypeGeneral::Book | ResourceTypeGeneral::Journal);
    if let Some(isbn) = p.isbn {
        if identifies_item && item_type == ResourceTypeGeneral::Book {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: isbn.value,
                related_item_identifier_type: Some(RelatedIdentifierType::Isbn),
                ..Default::default()
            });
        } else {
            losses.add(Lost::Isbn, isbn.at, &key);
        }
    }
    if let Some(issn) = p.issn {
        if identifies_item && item_type == ResourceTypeGeneral::Journal && item.related_item_identifier.is_none() {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: issn.value,
                related_item_identifier_type: Some(RelatedIdentifierType::Issn),
                ..Default::default()
            });
        } else {
            losses.add(Lost::Issn, issn.at, &key);
        }
    }
    if let Some(designator) = p.designator {
        if item.titles.first().map(|t| t.title.as_str()) != Some(designator.value.as_str()) {
            losses.add(Lost::Designator, designator.at, &key);
        }
    }
    if let Some(at) = p.standards_body {
        losses.add(Lost::StandardsBody, at, &key);
    }
    Some(item)
}

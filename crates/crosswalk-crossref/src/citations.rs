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

/// Parts of citations a related item could not hold, counted per element name.
struct Losses<'t> {
    parts: Vec<(&'static str, usize, Node<'t>)>,
}

impl<'t> Losses<'t> {
    fn add(&mut self, name: &'static str, node: Node<'t>) {
        match self.parts.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, count, _)) => *count += 1,
            None => self.parts.push((name, 1, node)),
        }
    }
}

/// Reads a `citation_list`.
pub(crate) fn citations(ctx: &mut Ctx, list: Node<'_>) -> Cited {
    ctx.check_attributes(list, &[]);
    ctx.stray_text(list);
    let mut cited = Cited::default();
    let mut losses = Losses { parts: Vec::new() };
    for citation in list.elements() {
        if citation.is("citation") {
            read_citation(ctx, citation, &mut cited, &mut losses);
        } else {
            ctx.unknown_element(citation);
        }
    }
    for (name, count, first) in losses.parts {
        let key = first.parent().and_then(|c| c.attr("key")).unwrap_or("");
        let why = match name {
            "journal_title" | "series_title" | "volume_title" => {
                "a related item holds one title, and the citation's own title was used"
            }
            "issn" | "isbn" => "the identifier is that of the journal or book the cited work is in, not of the work",
            _ => "a related item has no place for it",
        };
        let message = format!(
            "<{name}> of {count} citation{} without DOI not carried: {why} (first in citation {})",
            if count == 1 { "" } else { "s" },
            quote(key)
        );
        ctx.warn(codes::FIELD_UNMAPPED, first, message);
    }
    cited
}

#[derive(Default)]
struct Parts<'t> {
    doi: Option<(String, Node<'t>)>,
    article_title: Option<(String, Node<'t>)>,
    volume_title: Option<(String, Node<'t>)>,
    journal_title: Option<(String, Node<'t>)>,
    series_title: Option<(String, Node<'t>)>,
    unstructured: Option<(String, Node<'t>)>,
    author: Option<String>,
    year: Option<(String, Node<'t>)>,
    volume: Option<String>,
    issue: Option<String>,
    first_page: Option<String>,
    edition: Option<String>,
    elocation: Option<(String, Node<'t>)>,
    component: Option<(String, Node<'t>)>,
    issn: Option<(String, Node<'t>)>,
    isbn: Option<(String, Node<'t>)>,
    designator: Option<(String, Node<'t>)>,
    standards_body: Option<Node<'t>>,
}

fn read_citation<'t>(ctx: &mut Ctx, citation: Node<'t>, cited: &mut Cited, losses: &mut Losses<'t>) {
    ctx.check_attributes(citation, &["key", "type"]);
    ctx.stray_text(citation);
    let mut p = Parts::default();
    for child in citation.elements() {
        if child.ns() != Ns::Crossref {
            ctx.unknown_element(child);
            continue;
        }
        let with_node = |value: Option<String>| value.map(|v| (v, child));
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
    if let Some((doi, _)) = p.doi {
        cited.identifiers.push(RelatedIdentifier {
            related_identifier: doi,
            related_identifier_type: Some(RelatedIdentifierType::Doi),
            relation_type: Some(RelationType::References),
            resource_type_general: general,
            ..Default::default()
        });
        return;
    }
    cited.items.extend(item_without_doi(ctx, citation, p, general, losses));
}

fn item_without_doi<'t>(
    ctx: &mut Ctx,
    citation: Node<'t>,
    p: Parts<'t>,
    general: Option<ResourceTypeGeneral>,
    losses: &mut Losses<'t>,
) -> Option<RelatedItem> {
    // A related item needs a title; a citation without anything to title it with (an empty
    // `<citation/>`, or only an author and a year) is not carried, and says so.
    let titled = [&p.article_title, &p.volume_title, &p.journal_title, &p.series_title, &p.unstructured, &p.designator]
        .iter()
        .any(|part| part.is_some());
    if !titled {
        let key = citation.attr("key").map(|k| format!(" {}", quote(k))).unwrap_or_default();
        let message = if citation.elements().next().is_none() {
            format!("citation{key} is empty; it is not carried")
        } else {
            format!("citation{key} has neither DOI, title nor text, which a related item needs; it is not carried")
        };
        ctx.warn(codes::FIELD_UNMAPPED, citation, message);
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
    let mut titles = [p.article_title, p.volume_title, p.journal_title, p.series_title].into_iter().flatten();
    let title = titles.next();
    for (_, node) in titles {
        losses.add(static_name(node.name()), node);
    }
    match (title, p.unstructured) {
        (Some((title, _)), _) => item.titles.push(Title::new(title)),
        (None, Some((text, node))) => {
            // The text's line breaks are the source's layout; a title is one line.
            let message =
                "a citation without DOI or title keeps its text (white space collapsed) as the related item's title"
                    .to_owned();
            ctx.info(CITATION_AS_TITLE, node, message);
            item.titles.push(Title::new(crate::ctx::collapse(&text)));
        }
        (None, None) => {
            if let Some((designator, _)) = &p.designator {
                item.titles.push(Title::new(designator.clone()));
            }
        }
    }
    if let Some(author) = p.author {
        item.creators.push(RelatedItemCreator { name: author, ..Default::default() });
    }
    if let Some((year, node)) = p.year {
        match year.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
            Some(y) => {
                if y.len() != year.len() {
                    ctx.info(codes::VALUE_NORMALISED, node, format!("citation year {} read as {y}", quote(&year)));
                }
                item.publication_year = Some(y.to_owned());
            }
            None => losses.add("cYear", node),
        }
    }
    match (p.elocation, p.component) {
        (Some((number, _)), other) => {
            item.number = Some(number);
            item.number_type = Some(NumberType::Article);
            if let Some((_, node)) = other {
                losses.add("component_number", node);
            }
        }
        (None, Some((number, _))) => {
            item.number = Some(number);
            item.number_type = Some(NumberType::Chapter);
        }
        (None, None) => {}
    }
    let identifies_item = matches!(item_type, ResourceTypeGeneral::Book | ResourceTypeGeneral::Journal);
    if let Some((isbn, node)) = p.isbn {
        if identifies_item && item_type == ResourceTypeGeneral::Book {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: isbn,
                related_item_identifier_type: Some(RelatedIdentifierType::Isbn),
                ..Default::default()
            });
        } else {
            losses.add("isbn", node);
        }
    }
    if let Some((issn, node)) = p.issn {
        if identifies_item && item_type == ResourceTypeGeneral::Journal && item.related_item_identifier.is_none() {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: issn,
                related_item_identifier_type: Some(RelatedIdentifierType::Issn),
                ..Default::default()
            });
        } else {
            losses.add("issn", node);
        }
    }
    if let Some((_, node)) = p.designator {
        if item.titles.first().map(|t| t.title.as_str()) != node.children().next().map(|t| t.text_value().trim()) {
            losses.add("std_designator", node);
        }
    }
    if let Some(node) = p.standards_body {
        losses.add("standards_body", node);
    }
    Some(item)
}

fn static_name(name: &str) -> &'static str {
    match name {
        "volume_title" => "volume_title",
        "journal_title" => "journal_title",
        "series_title" => "series_title",
        _ => "article_title",
    }
}

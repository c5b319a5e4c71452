//! The data around a work: the journal (with its issue and volume), book, proceedings (with the
//! conference), report, standard or database it is published in, as a related item.
//!
//! The container becomes one related item with `relationType` `IsPublishedIn` (`IsPartOf` for a
//! database), typed `Journal`, `Book`, `ConferenceProceeding`, `Report`, `Standard` or
//! `Collection`, with its titles, creators and contributors (names only: the schema's related
//! items hold no identifiers or affiliations), publication year, volume, issue, edition and
//! publisher; the work's pages and number are added to it by the work. Its identifier is the
//! first ISSN or ISBN (else its DOI); every ISSN, ISBN and container DOI (of the journal, volume
//! and issue too) is also a related identifier `IsPartOf`, because a related item holds only one
//! identifier and DataCite indexes relations by related identifier. A series or set is a related
//! item of its own (`IsPartOf`, `Collection`), and so is the conference (`Event`, relation
//! `Other`, "Presented at").
//!
//! Parts of a container that have no place in a related item (its abstract, funding, citations)
//! belong to the container's own record, which is written when the container has a DOI; they
//! are reported as lost only when it has none.

use crosswalk_model::{
    codes, ContributorType, Diagnostic, NameType, NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType,
    RelatedItem, RelatedItemContributor, RelatedItemCreator, RelatedItemIdentifier, RelationType, ResourceTypeGeneral,
    Subject, Title, TitleType,
};

use crate::ctx::{quote, Ctx};
use crate::dates::date_parts;
use crate::markup::title_text;
use crate::people::{self, Role};
use crate::tree::{Node, Ns};
use crate::KNOWN_ELEMENTS;

/// What the containers of a work give it.
#[derive(Default)]
pub(crate) struct Container {
    /// The main container (journal, book, proceedings, ...), which comes first among the
    /// related items.
    pub(crate) main: Option<RelatedItem>,
    /// The other related items: series, set and event.
    pub(crate) items: Vec<RelatedItem>,
    /// `IsPartOf` identifiers.
    pub(crate) related: Vec<RelatedIdentifier>,
    /// The container's publisher.
    pub(crate) publisher: Option<Publisher>,
    /// The year of the container's earliest publication date.
    pub(crate) year: Option<String>,
    /// The container's `language`.
    pub(crate) language: Option<String>,
    /// Subjects of the container (`proceedings_subject`).
    pub(crate) subjects: Vec<Subject>,
    /// The container's DOI (the innermost: issue over volume over journal).
    pub(crate) doi: Option<String>,
    /// The diagnostics of reading it.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Container {
    /// The main related item, created with `kind` and `relation` if there is none yet.
    fn main(&mut self, kind: &ResourceTypeGeneral, relation: &RelationType) -> &mut RelatedItem {
        self.main.get_or_insert_with(|| RelatedItem {
            related_item_type: Some(kind.clone()),
            relation_type: Some(relation.clone()),
            ..RelatedItem::default()
        })
    }
}

/// Reads the containers of a work: the context elements before it in its group (and the
/// group's own conference contributors), in order.
pub(crate) fn build(contexts: &[Node<'_>], event_relation: &str) -> Container {
    let mut c = Container::default();
    let mut ctx = Ctx::default();
    let mut conference_people = Vec::new();
    for node in contexts {
        let node = *node;
        match node.name() {
            "journal_metadata" => journal_metadata(&mut ctx, &mut c, node),
            "journal_issue" => journal_issue(&mut ctx, &mut c, node),
            "book_metadata" | "book_series_metadata" | "book_set_metadata" => {
                generic(&mut ctx, &mut c, node, ResourceTypeGeneral::Book, RelationType::IsPublishedIn)
            }
            "proceedings_metadata" | "proceedings_series_metadata" => {
                generic(&mut ctx, &mut c, node, ResourceTypeGeneral::ConferenceProceeding, RelationType::IsPublishedIn)
            }
            "report-paper_metadata" | "report-paper_series_metadata" => {
                generic(&mut ctx, &mut c, node, ResourceTypeGeneral::Report, RelationType::IsPublishedIn)
            }
            "standard_metadata" => {
                generic(&mut ctx, &mut c, node, ResourceTypeGeneral::Standard, RelationType::IsPublishedIn)
            }
            "database_metadata" => {
                generic(&mut ctx, &mut c, node, ResourceTypeGeneral::Collection, RelationType::IsPartOf)
            }
            "event_metadata" => {
                let item = event(&mut ctx, node, event_relation);
                c.items.push(item);
            }
            "contributors" => conference_people.extend(people::contributors(&mut ctx, node)),
            _ => {}
        }
    }
    if !conference_people.is_empty() {
        // Conference-level people (chairs, editors) edit the proceedings.
        let main = c.main(&ResourceTypeGeneral::ConferenceProceeding, &RelationType::IsPublishedIn);
        for contribution in conference_people {
            add_person(&mut ctx, main, contribution);
        }
    }
    c.diagnostics = ctx.diagnostics;
    c
}

/// Adds a person to a related item: authors as creators, everyone else as contributors.
fn add_person(ctx: &mut Ctx, item: &mut RelatedItem, contribution: people::Contribution<'_>) {
    let person = contribution.person;
    match people::contributor_type(&contribution.role) {
        None => item.creators.push(RelatedItemCreator {
            name: person.name,
            name_type: person.name_type,
            given_name: person.given,
            family_name: person.family,
            lang: person.lang,
        }),
        Some(kind) => {
            if let Role::Reviewer(role) | Role::Other(role) = &contribution.role {
                people::report_other_role(ctx, contribution.node, role);
            }
            item.contributors.push(RelatedItemContributor {
                name: person.name,
                name_type: person.name_type,
                given_name: person.given,
                family_name: person.family,
                lang: person.lang,
                contributor_type: Some(kind),
            });
        }
    }
}

/// Reports a part of a container that has no place in a related item, when the container has
/// no DOI (and so no record of its own that carries it).
fn lost(ctx: &mut Ctx, node: Node<'_>, has_own_record: bool) {
    if has_own_record {
        return;
    }
    if node.ns() == Ns::Crossref && !KNOWN_ELEMENTS.contains(&node.name()) {
        ctx.unknown_element(node);
        return;
    }
    ctx.unmapped(
        node,
        "belongs to a container that has no DOI of its own, and a related item has no place for it; not carried",
    );
}

fn identifier(kind: RelatedIdentifierType, value: String) -> RelatedItemIdentifier {
    RelatedItemIdentifier {
        related_item_identifier: value,
        related_item_identifier_type: Some(kind),
        ..Default::default()
    }
}

/// Adds an ISSN or ISBN of the main container: its identifier if it has none, and an `IsPartOf`
/// relation.
fn add_id(c: &mut Container, kind: RelatedIdentifierType, value: String, general: ResourceTypeGeneral) {
    if let Some(item) = c.main.as_mut() {
        if item.related_item_identifier.is_none() {
            item.related_item_identifier = Some(identifier(kind.clone(), value.clone()));
        }
    }
    part_of(c, kind, value, general);
}

fn part_of(c: &mut Container, kind: RelatedIdentifierType, value: String, general: ResourceTypeGeneral) {
    let related = RelatedIdentifier {
        related_identifier: value,
        related_identifier_type: Some(kind),
        relation_type: Some(RelationType::IsPartOf),
        resource_type_general: Some(general),
        ..Default::default()
    };
    if !c.related.contains(&related) {
        c.related.push(related);
    }
}

/// The DOI of a `doi_data`.
pub(crate) fn doi_of(ctx: &mut Ctx, doi_data: Node<'_>) -> Option<String> {
    let doi = doi_data.child("doi")?;
    let text = ctx.text(doi)?;
    Some(crate::programs::doi_value(ctx, doi, &text))
}

/// An ISSN or ISBN element's value.
fn standard_number(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    ctx.check_attributes(node, &["media_type"]);
    ctx.text(node)
}

fn journal_metadata(ctx: &mut Ctx, c: &mut Container, node: Node<'_>) {
    ctx.check_attributes(node, &["language"]);
    ctx.stray_text(node);
    let own = node.child("doi_data").is_some();
    let (kind, relation) = (ResourceTypeGeneral::Journal, RelationType::IsPublishedIn);
    c.main(&kind, &relation);
    if let Some(language) = node.attr("language") {
        c.language = Some(language.trim().to_owned());
    }
    for child in node.elements() {
        match (child.ns(), child.name()) {
            (Ns::Crossref, "full_title" | "abbrev_title") => {
                ctx.check_attributes(child, &[]);
                if let Some(title) = title_text(ctx, child) {
                    let main = c.main(&kind, &relation);
                    let title_type = (!main.titles.is_empty()).then_some(TitleType::AlternativeTitle);
                    main.titles.push(Title { title, title_type, lang: None });
                }
            }
            (Ns::Crossref, "issn") => {
                if let Some(issn) = standard_number(ctx, child) {
                    add_id(c, RelatedIdentifierType::Issn, issn, ResourceTypeGeneral::Journal);
                }
            }
            (Ns::Crossref, "doi_data") => container_doi(ctx, c, child, ResourceTypeGeneral::Journal),
            (Ns::Crossref, "archive_locations") => {}
            _ => lost(ctx, child, own),
        }
    }
}

/// A container's DOI: an `IsPartOf` relation, and the main item's identifier when it has none.
fn container_doi(ctx: &mut Ctx, c: &mut Container, doi_data: Node<'_>, general: ResourceTypeGeneral) {
    if let Some(doi) = doi_of(ctx, doi_data) {
        if let Some(main) = c.main.as_mut().filter(|main| main.related_item_identifier.is_none()) {
            main.related_item_identifier = Some(identifier(RelatedIdentifierType::Doi, doi.clone()));
        }
        c.doi = Some(doi.clone());
        part_of(c, RelatedIdentifierType::Doi, doi, general);
    }
}

fn journal_issue(ctx: &mut Ctx, c: &mut Container, node: Node<'_>) {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let own = node.child("doi_data").is_some();
    let (kind, relation) = (ResourceTypeGeneral::Journal, RelationType::IsPublishedIn);
    c.main(&kind, &relation);
    let mut earliest: Option<crate::dates::DateValue> = None;
    for child in node.elements() {
        match (child.ns(), child.name()) {
            (Ns::Crossref, "contributors") => {
                for contribution in people::contributors(ctx, child) {
                    add_person(ctx, c.main(&kind, &relation), contribution);
                }
            }
            (Ns::Crossref, "publication_date") => {
                ctx.check_attributes(child, &["media_type"]);
                if let Some(date) = date_parts(ctx, child) {
                    if earliest.as_ref().is_none_or(|e| date.key < e.key) {
                        earliest = Some(date);
                    }
                }
            }
            (Ns::Crossref, "journal_volume") => {
                ctx.check_attributes(child, &[]);
                ctx.stray_text(child);
                let own_volume = child.child("doi_data").is_some();
                for part in child.elements() {
                    match (part.ns(), part.name()) {
                        (Ns::Crossref, "volume") => {
                            let volume = ctx.text(part);
                            ctx.keep_first(part, &mut c.main(&kind, &relation).volume, volume);
                        }
                        (Ns::Crossref, "doi_data") => container_doi(ctx, c, part, ResourceTypeGeneral::Journal),
                        (Ns::Crossref, "archive_locations") => {}
                        _ => lost(ctx, part, own_volume),
                    }
                }
            }
            (Ns::Crossref, "issue") => {
                let issue = ctx.text(child);
                ctx.keep_first(child, &mut c.main(&kind, &relation).issue, issue);
            }
            (Ns::Crossref, "special_numbering") => {
                let value = ctx.text(child);
                let main = c.main(&kind, &relation);
                if main.issue.is_none() {
                    main.issue = value;
                } else if !own {
                    ctx.unmapped(child, "has no place next to the issue number; not carried");
                }
            }
            (Ns::Crossref, "doi_data") => container_doi(ctx, c, child, ResourceTypeGeneral::Journal),
            (Ns::Crossref, "archive_locations") => {}
            _ => lost(ctx, child, own),
        }
    }
    if let Some(date) = earliest {
        c.main(&kind, &relation).publication_year = Some(date.year.clone());
        c.year.get_or_insert(date.year);
    }
}

/// A book, proceedings, report, standard or database as the main container.
fn generic(ctx: &mut Ctx, c: &mut Container, node: Node<'_>, kind: ResourceTypeGeneral, relation: RelationType) {
    ctx.check_attributes(node, &["language", "publication_status"]);
    ctx.stray_text(node);
    let own = node.child("doi_data").is_some();
    c.main(&kind, &relation);
    if let Some(language) = node.attr("language") {
        c.language = Some(language.trim().to_owned());
    }
    let mut earliest: Option<crate::dates::DateValue> = None;
    for child in node.elements() {
        if child.ns() != Ns::Crossref {
            lost(ctx, child, own);
            continue;
        }
        match child.name() {
            "contributors" => {
                for contribution in people::contributors(ctx, child) {
                    add_person(ctx, c.main(&kind, &relation), contribution);
                }
            }
            "titles" => {
                let titles = titles(ctx, child);
                c.main(&kind, &relation).titles.extend(titles);
            }
            "proceedings_title" => {
                if let Some(title) = title_text(ctx, child) {
                    c.main(&kind, &relation).titles.push(Title::new(title));
                }
            }
            "proceedings_subject" => {
                if let Some(subject) = ctx.text(child) {
                    c.subjects.push(Subject { subject, ..Default::default() });
                }
            }
            "publication_date" | "database_date" => {
                let dates: Vec<Node<'_>> = if child.name() == "database_date" {
                    child.elements().filter(|d| d.is("publication_date")).collect()
                } else {
                    vec![child]
                };
                for date in dates {
                    ctx.check_attributes(date, &["media_type"]);
                    if let Some(date) = date_parts(ctx, date) {
                        if earliest.as_ref().is_none_or(|e| date.key < e.key) {
                            earliest = Some(date);
                        }
                    }
                }
            }
            "isbn" => {
                if let Some(isbn) = standard_number(ctx, child) {
                    add_id(c, RelatedIdentifierType::Isbn, isbn, kind.clone());
                }
            }
            "publisher" => {
                if let Some(publisher) = publisher(ctx, child) {
                    let main = c.main(&kind, &relation);
                    if main.publisher.is_none() {
                        main.publisher = Some(publisher.name.clone());
                        c.publisher = Some(publisher);
                    } else if !own {
                        ctx.repeated(child);
                    }
                }
            }
            "edition_number" => {
                let edition = ctx.text(child);
                ctx.keep_first(child, &mut c.main(&kind, &relation).edition, edition);
            }
            "volume" => {
                let volume = ctx.text(child);
                ctx.keep_first(child, &mut c.main(&kind, &relation).volume, volume);
            }
            "series_metadata" | "set_metadata" => {
                let (item, ids) = series(ctx, child);
                for (kind, value) in ids {
                    part_of(c, kind, value, ResourceTypeGeneral::Collection);
                }
                c.items.push(item);
            }
            "standards_body" => {
                // A standard's body publishes it when no publisher is named.
                let name = child.child("standards_body_name").map(|n| crate::ctx::collapse(&n.own_text()));
                if let Some(name) = name.filter(|n| !n.is_empty()) {
                    let main = c.main(&kind, &relation);
                    if main.publisher.is_none() {
                        main.publisher = Some(name.clone());
                        c.publisher = Some(Publisher::named(name));
                    }
                }
            }
            "doi_data" => container_doi(ctx, c, child, kind.clone()),
            "noisbn" | "archive_locations" => {}
            _ => lost(ctx, child, own),
        }
    }
    if let Some(date) = earliest {
        c.main(&kind, &relation).publication_year = Some(date.year.clone());
        c.year.get_or_insert(date.year);
    }
}

/// The titles of a `titles` element: the title, subtitle (`Subtitle`), and the original
/// language title (`TranslatedTitle` with its language) with its subtitle.
pub(crate) fn titles(ctx: &mut Ctx, node: Node<'_>) -> Vec<Title> {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut titles = Vec::new();
    let mut lang: Option<String> = None;
    for child in node.elements() {
        match (child.ns(), child.name()) {
            (Ns::Crossref, "title") => {
                ctx.check_attributes(child, &[]);
                lang = None;
                if let Some(title) = title_text(ctx, child) {
                    titles.push(Title::new(title));
                }
            }
            (Ns::Crossref, "subtitle") => {
                ctx.check_attributes(child, &[]);
                if let Some(title) = title_text(ctx, child) {
                    titles.push(Title { title, title_type: Some(TitleType::Subtitle), lang: lang.clone() });
                }
            }
            (Ns::Crossref, "original_language_title") => {
                ctx.check_attributes(child, &["language"]);
                lang = child.attr("language").map(|l| l.trim().to_owned());
                if let Some(title) = title_text(ctx, child) {
                    titles.push(Title { title, title_type: Some(TitleType::TranslatedTitle), lang: lang.clone() });
                }
            }
            _ => ctx.unknown_element(child),
        }
    }
    titles
}

/// A `publisher`: its name; the place has no place in DataCite (reported).
pub(crate) fn publisher(ctx: &mut Ctx, node: Node<'_>) -> Option<Publisher> {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut name = None;
    for child in node.elements() {
        match (child.ns(), child.name()) {
            (Ns::Crossref, "publisher_name") => {
                let value = ctx.text(child);
                ctx.keep_first(child, &mut name, value);
            }
            (Ns::Crossref, "publisher_place") => {
                ctx.unmapped(child, "(the publisher's place) has no place in DataCite; not carried")
            }
            _ => ctx.unknown_element(child),
        }
    }
    name.map(Publisher::named)
}

/// A `series_metadata` or `set_metadata` as a related item (`IsPartOf`, `Collection`), with the
/// identifiers that also become `IsPartOf` relations.
pub(crate) fn series(ctx: &mut Ctx, node: Node<'_>) -> (RelatedItem, Vec<(RelatedIdentifierType, String)>) {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let own = node.child("doi_data").is_some();
    let mut item = RelatedItem {
        related_item_type: Some(ResourceTypeGeneral::Collection),
        relation_type: Some(RelationType::IsPartOf),
        ..RelatedItem::default()
    };
    let mut ids = Vec::new();
    for child in node.elements() {
        if child.ns() != Ns::Crossref {
            lost(ctx, child, own);
            continue;
        }
        match child.name() {
            "titles" => item.titles.extend(titles(ctx, child)),
            "contributors" => {
                for contribution in people::contributors(ctx, child) {
                    add_person(ctx, &mut item, contribution);
                }
            }
            "issn" | "isbn" => {
                let kind =
                    if child.name() == "issn" { RelatedIdentifierType::Issn } else { RelatedIdentifierType::Isbn };
                if let Some(value) = standard_number(ctx, child) {
                    if item.related_item_identifier.is_none() {
                        item.related_item_identifier = Some(identifier(kind.clone(), value.clone()));
                    }
                    ids.push((kind, value));
                }
            }
            "series_number" | "part_number" => {
                let number = ctx.text(child);
                if item.number.is_none() && number.is_some() {
                    item.number = number;
                    item.number_type = Some(NumberType::Other);
                } else if number.is_some() {
                    ctx.repeated(child);
                }
            }
            "doi_data" => {
                if let Some(doi) = doi_of(ctx, child) {
                    if item.related_item_identifier.is_none() {
                        item.related_item_identifier = Some(identifier(RelatedIdentifierType::Doi, doi.clone()));
                    }
                    ids.push((RelatedIdentifierType::Doi, doi));
                }
            }
            "noisbn" | "archive_locations" => {}
            _ => lost(ctx, child, own),
        }
    }
    (item, ids)
}

/// The conference as a related item: type `Event`, relation `Other` with `relation` ("Presented
/// at") as the relation's information.
fn event(ctx: &mut Ctx, node: Node<'_>, relation: &str) -> RelatedItem {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut item = RelatedItem {
        related_item_type: Some(ResourceTypeGeneral::Event),
        relation_type: Some(RelationType::Other),
        relation_type_information: Some(relation.to_owned()),
        ..RelatedItem::default()
    };
    for child in node.elements() {
        if child.ns() != Ns::Crossref {
            ctx.unknown_element(child);
            continue;
        }
        match child.name() {
            "conference_name" => {
                if let Some(name) = title_text(ctx, child) {
                    item.titles.insert(0, Title::new(name));
                }
            }
            "conference_acronym" => {
                if let Some(acronym) = title_text(ctx, child) {
                    item.titles.push(Title {
                        title: acronym,
                        title_type: Some(TitleType::AlternativeTitle),
                        lang: None,
                    });
                }
            }
            "conference_theme" => {
                if let Some(theme) = title_text(ctx, child) {
                    item.titles.push(Title { title: theme, title_type: Some(TitleType::Other), lang: None });
                }
            }
            "conference_sponsor" => {
                if let Some(name) = ctx.text(child) {
                    item.contributors.push(RelatedItemContributor {
                        name,
                        name_type: Some(NameType::Organizational),
                        contributor_type: Some(ContributorType::Sponsor),
                        ..Default::default()
                    });
                }
            }
            "conference_number" => {
                let number = ctx.text(child);
                if item.number.is_none() {
                    item.number_type = number.as_ref().map(|_| NumberType::Other);
                }
                ctx.keep_first(child, &mut item.number, number);
            }
            "conference_location" => {
                ctx.unmapped(child, "(where the conference took place) has no place in a related item; not carried")
            }
            "conference_date" => {
                ctx.check_attributes(
                    child,
                    &["start_day", "start_month", "start_year", "end_day", "end_month", "end_year"],
                );
                let year = child.attr("start_year").map(str::trim).filter(|y| y.len() == 4).map(str::to_owned);
                match year {
                    Some(year) => {
                        item.publication_year = Some(year.clone());
                        let message = format!(
                            "the conference dates {} have no place in a related item; only the year {year} is kept",
                            quote(&conference_dates(child))
                        );
                        ctx.warn(codes::FIELD_UNMAPPED, child, message);
                    }
                    None => ctx.unmapped(child, "(the conference dates) has no place in a related item; not carried"),
                }
            }
            _ => ctx.unknown_element(child),
        }
    }
    if item.titles.is_empty() {
        ctx.warn(crate::MISSING_ELEMENT, node, "<event_metadata> has no <conference_name>".to_owned());
    }
    item
}

/// The conference dates as written: the text, else the attributes.
fn conference_dates(node: Node<'_>) -> String {
    let text = node.own_text();
    if !text.trim().is_empty() {
        return text.trim().to_owned();
    }
    let part = |name: &str| node.attr(name).unwrap_or("").trim().to_owned();
    let start = [part("start_year"), part("start_month"), part("start_day")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let end = [part("end_year"), part("end_month"), part("end_day")]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if end.is_empty() {
        start
    } else {
        format!("{start}/{end}")
    }
}

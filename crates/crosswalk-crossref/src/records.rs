//! Which elements are works, which are the data around works, and the records each gives, for
//! deposits (every work is a record) and for UNIXREF/UNIXSD (one record per `doi_record`).

use crosswalk_model::{codes, Creator, Diagnostic, Origin, Record};

use crate::container;
use crate::ctx::{quote, Ctx};
use crate::tree::{Node, Ns};
use crate::work::{component_relation, Env, Mapper, Parent};
use crate::{NO_WORKS, QUERY_FAILED};
use crosswalk_rules::crossref_types::{work_type as by_source, WorkType, WORK_TYPES};

/// Group elements: containers whose children are the data around works, and works.
pub(crate) const GROUPS: &[&str] =
    &["journal", "book", "conference", "report-paper", "standard", "database", "sa_component"];

/// Works that stand alone in a deposit's body.
pub(crate) const SINGLE_WORKS: &[&str] =
    &["dissertation", "peer_review", "posted_content", "pending_publication", "grant"];

/// What a child of a group is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Data around the works (journal metadata, issue, book metadata, event, …).
    Context,
    /// A work.
    Work,
    /// A list of components, each a work.
    Components,
    /// Nothing the group holds.
    Unknown,
}

/// What `name` is inside the group `group`.
pub(crate) fn part_of_group(group: &str, name: &str) -> Part {
    match (group, name) {
        ("journal", "journal_metadata" | "journal_issue") => Part::Context,
        ("journal", "journal_article") => Part::Work,
        ("book", "book_metadata" | "book_series_metadata" | "book_set_metadata") => Part::Context,
        ("book" | "report-paper" | "standard", "content_item") => Part::Work,
        ("conference", "contributors" | "event_metadata" | "proceedings_metadata" | "proceedings_series_metadata") => {
            Part::Context
        }
        ("conference", "conference_paper") => Part::Work,
        ("report-paper", "report-paper_metadata" | "report-paper_series_metadata") => Part::Context,
        ("standard", "standard_metadata") => Part::Context,
        ("database", "database_metadata") => Part::Context,
        ("database", "dataset") => Part::Work,
        ("report-paper" | "standard" | "database" | "sa_component", "component_list") => Part::Components,
        _ => Part::Unknown,
    }
}

/// The attributes each work element may carry.
fn work_attributes(name: &str) -> &'static [&'static str] {
    match name {
        "journal_article" | "conference_paper" | "dissertation" => {
            &["publication_type", "language", "reference_distribution_opts", "metadata_distribution_opts"]
        }
        "content_item" => {
            &["component_type", "level_sequence_number", "publication_type", "language", "reference_distribution_opts"]
        }
        "posted_content" => &["type", "language", "metadata_distribution_opts", "reference_distribution_opts"],
        "peer_review" => {
            &["stage", "type", "recommendation", "revision-round", "language", "metadata_distribution_opts"]
        }
        "dataset" => &["dataset_type", "reference_distribution_opts"],
        "component" => &["parent_relation", "reg-agency", "language", "component_size"],
        "standard_metadata" => &["publication_status", "language"],
        "journal_metadata"
        | "book_metadata"
        | "book_series_metadata"
        | "book_set_metadata"
        | "proceedings_metadata"
        | "report-paper_metadata"
        | "report-paper_series_metadata"
        | "database_metadata"
        | "pending_publication" => &["language", "reference_distribution_opts"],
        _ => &["language"],
    }
}

/// The type row of a work element in its group.
fn work_type(ctx: &mut Ctx, node: Node<'_>, group: Option<Node<'_>>) -> &'static WorkType {
    let group_name = group.map_or("", |g| g.name());
    match node.name() {
        "content_item" if group_name == "report-paper" => by_source("report-paper/content_item"),
        "content_item" if group_name == "standard" => by_source("standard/content_item"),
        "content_item" => {
            let kind = node.attr("component_type").map(str::trim).unwrap_or("chapter");
            let source = format!("content_item[@component_type={kind}]");
            match WORK_TYPES.iter().find(|t| t.source == source) {
                Some(row) => row,
                None => {
                    let message = format!("component_type {} is not a Crossref value; read as a chapter", quote(kind));
                    ctx.warn(codes::VOCAB_UNKNOWN, node, message);
                    by_source("content_item[@component_type=chapter]")
                }
            }
        }
        "posted_content" => {
            let kind = node.attr("type").map(str::trim).unwrap_or("preprint");
            let source = format!("posted_content[@type={kind}]");
            match WORK_TYPES.iter().find(|t| t.source == source) {
                Some(row) => row,
                None => {
                    let message =
                        format!("posted_content type {} is not a Crossref value; read as a preprint", quote(kind));
                    ctx.warn(codes::VOCAB_UNKNOWN, node, message);
                    by_source("posted_content[@type=preprint]")
                }
            }
        }
        "book_metadata" | "book_series_metadata" | "book_set_metadata" => {
            let kind = group.and_then(|g| g.attr("book_type")).map(str::trim).unwrap_or("other");
            let source = format!("book[@book_type={kind}]");
            match WORK_TYPES.iter().find(|t| t.source == source) {
                Some(row) => row,
                None => {
                    if let Some(group) = group {
                        let message = format!("book_type {} is not a Crossref value; read as a book", quote(kind));
                        ctx.warn(codes::VOCAB_UNKNOWN, group, message);
                    }
                    by_source("book[@book_type=other]")
                }
            }
        }
        "series_metadata" => match node.parent().map(|p| p.name()) {
            Some("proceedings_series_metadata") => by_source("proceedings_series_metadata/series_metadata"),
            Some("report-paper_series_metadata") => by_source("report-paper_series_metadata/series_metadata"),
            _ => by_source("book/…/series_metadata"),
        },
        "set_metadata" => by_source("book/book_set_metadata/set_metadata"),
        other => by_source(other),
    }
}

/// Reports the attributes of a work that have no place in DataCite, and reads those that do.
fn work_attributes_into(m: &mut Mapper<'_, '_>, node: Node<'_>) {
    m.ctx.check_attributes(node, work_attributes(node.name()));
    for attribute in ["stage", "type", "recommendation", "revision-round"] {
        if node.name() == "peer_review" {
            m.ctx.unmapped_attribute(node, attribute, "has no place in DataCite; not carried");
        }
    }
    if let Some(kind) = node.attr("dataset_type").map(str::trim).filter(|k| *k != "record") {
        let message =
            format!("dataset_type {} has no place in DataCite; the dataset is read as a Dataset", quote(kind));
        m.ctx.warn(codes::FIELD_UNMAPPED, node, message);
    }
    if node.attr("publication_status").map(str::trim) == Some("withdrawn") {
        m.ctx.unmapped_attribute(
            node,
            "publication_status",
            "(a withdrawn standard without a date) has no place in DataCite; not carried",
        );
    }
    if let Some(size) = node.attr("component_size").map(str::trim).filter(|s| !s.is_empty()) {
        m.r.sizes.push(format!("{size} bytes"));
    }
}

/// Puts the problems met while building the trees of a record's source before its own.
pub(crate) fn add_tree_diagnostics(record: &mut Record, trees: &[&[Diagnostic]]) {
    let mut diagnostics: Vec<Diagnostic> = trees.iter().flat_map(|d| d.iter().cloned()).collect();
    if diagnostics.is_empty() {
        return;
    }
    diagnostics.append(&mut record.diagnostics);
    record.diagnostics = diagnostics;
}

/// The records of a context element that has DOIs of its own (a journal, issue, volume, book,
/// series, set, proceedings, report, standard or database), outermost first.
pub(crate) fn context_records(node: Node<'_>, group: Option<Node<'_>>, earlier: &[Node<'_>], env: &Env) -> Vec<Record> {
    let mut records = Vec::new();
    match node.name() {
        "journal_issue" => {
            if let Some(volume) = node.child("journal_volume").filter(|v| v.child("doi_data").is_some()) {
                records.push(map_one(volume, group, earlier, env));
            }
            if node.child("doi_data").is_some() {
                records.push(map_one(node, group, earlier, env));
            }
        }
        "book_series_metadata"
        | "book_set_metadata"
        | "proceedings_series_metadata"
        | "report-paper_series_metadata" => {
            let inner = if node.name() == "book_set_metadata" { "set_metadata" } else { "series_metadata" };
            if let Some(series) = node.child(inner).filter(|s| s.child("doi_data").is_some()) {
                records.push(map_one(series, group, &[], env));
            }
            if node.child("doi_data").is_some() {
                records.push(context_work(node, group, earlier, env));
            }
        }
        "journal_metadata"
        | "book_metadata"
        | "proceedings_metadata"
        | "report-paper_metadata"
        | "standard_metadata"
        | "database_metadata"
            if node.child("doi_data").is_some() =>
        {
            records.push(context_work(node, group, earlier, env));
        }
        _ => {}
    }
    records
}

/// A context element as a work: its containers are only the conference (for proceedings).
fn context_work(node: Node<'_>, group: Option<Node<'_>>, earlier: &[Node<'_>], env: &Env) -> Record {
    let events: Vec<Node<'_>> = earlier.iter().copied().filter(|c| c.name() == "event_metadata").collect();
    let people: Vec<Node<'_>> = earlier.iter().copied().filter(|c| c.name() == "contributors").collect();
    let mut ctx = Ctx::default();
    let work_type = work_type(&mut ctx, node, group);
    let container = container::build(&events, "Proceedings of");
    let mut m = Mapper::new(env, work_type, container);
    m.ctx.diagnostics.append(&mut ctx.diagnostics);
    work_attributes_into(&mut m, node);
    for contributors in people {
        let found = crate::people::contributors(&mut m.ctx, contributors);
        m.add_people(found);
    }
    m.work(node);
    m.finish(node, None)
}

fn map_one(node: Node<'_>, group: Option<Node<'_>>, contexts: &[Node<'_>], env: &Env) -> Record {
    let mut ctx = Ctx::default();
    let work_type = work_type(&mut ctx, node, group);
    let container = container::build(contexts, "Presented at");
    let mut m = Mapper::new(env, work_type, container);
    m.ctx.diagnostics.append(&mut ctx.diagnostics);
    work_attributes_into(&mut m, node);
    m.work(node);
    m.finish(node, None)
}

/// The records of a work: the work, then (when `with_components`) each of its components.
pub(crate) fn work_records(
    node: Node<'_>,
    group: Option<Node<'_>>,
    contexts: &[Node<'_>],
    env: &Env,
    with_components: bool,
) -> Vec<Record> {
    let mut ctx = Ctx::default();
    let work_type = work_type(&mut ctx, node, group);
    let container = container::build(contexts, "Presented at");
    let mut m = Mapper::new(env, work_type, container);
    m.ctx.diagnostics.append(&mut ctx.diagnostics);
    work_attributes_into(&mut m, node);
    m.work(node);
    let components = std::mem::take(&mut m.components);
    let record = m.finish(node, None);
    let mut records = Vec::with_capacity(1 + components.len());
    if !with_components || components.is_empty() {
        records.push(record);
        return records;
    }
    // What the components inherit, copied only for a work that has some.
    let parent = Parent {
        doi: record.resource.doi.clone(),
        publisher: record.resource.publisher.clone(),
        year: record.resource.publication_year.clone(),
        relation: None,
        creators: record.resource.creators.clone(),
    };
    records.push(record);
    for component in components {
        let parent = Parent { relation: component.relation, ..parent.clone_shallow() };
        records.push(component_record(component.node, &parent, env));
    }
    records
}

impl Parent {
    fn clone_shallow(&self) -> Parent {
        Parent {
            doi: self.doi.clone(),
            publisher: self.publisher.clone(),
            year: self.year.clone(),
            relation: self.relation.clone(),
            creators: self.creators.clone(),
        }
    }
}

/// A component's record, related to its parent.
pub(crate) fn component_record(node: Node<'_>, parent: &Parent, env: &Env) -> Record {
    let mut m = Mapper::new(env, by_source("component"), container::Container::default());
    let relation = match &parent.relation {
        Some(relation) => Some(relation.clone()),
        None => component_relation(&mut m.ctx, node),
    };
    work_attributes_into(&mut m, node);
    m.work(node);
    let parent = Parent { relation, ..parent.clone_shallow() };
    m.finish(node, Some(&parent))
}

/// The parent of the components of a group (a report, standard or database), from its
/// contexts; `sa_component` names it in `parent_doi`.
pub(crate) fn group_parent(group: Node<'_>, contexts: &[Node<'_>], env: &Env) -> Parent {
    if group.name() == "sa_component" {
        let doi =
            group.attr("parent_doi").map(|d| crosswalk_model::doi::normalise(d).unwrap_or_else(|| d.trim().to_owned()));
        return Parent { doi, publisher: None, year: None, relation: None, creators: Vec::new() };
    }
    let c = container::build(contexts, "");
    let _ = env;
    // The group's people, as its related item holds them (names only).
    let creators = c
        .main
        .map(|item| {
            item.creators
                .into_iter()
                .map(|p| Creator {
                    name: p.name,
                    name_type: p.name_type,
                    given_name: p.given_name,
                    family_name: p.family_name,
                    lang: p.lang,
                    ..Creator::default()
                })
                .collect()
        })
        .unwrap_or_default();
    Parent { doi: c.doi, publisher: c.publisher, year: c.year, relation: None, creators }
}

/// A failed record: nothing but an error.
pub(crate) fn failed(
    code: &'static str,
    message: String,
    node: Option<Node<'_>>,
    key: Option<String>,
    env: &Env,
) -> Record {
    let mut diagnostic = Diagnostic::error(code, message);
    if let Some(node) = node {
        diagnostic = diagnostic.at(node.location());
    }
    let mut record = Record::failed(diagnostic);
    record.origin =
        Origin { index: 0, key, line: node.map(|n| n.line()), schema: env.schema.clone(), ..Origin::default() };
    record
}

/// The one record of a UNIXREF `doi_record` (or a bare `crossref` element): the work whose DOI
/// is `wanted` (the DOI a UNIXSD query asked for), else the innermost work.
pub(crate) fn doi_record(root: Node<'_>, env: &Env, wanted: Option<&str>) -> Record {
    let mut ctx = Ctx::default();
    let crossref = if root.is("crossref") {
        Some(root)
    } else {
        ctx.check_attributes(root, &["owner", "timestamp"]);
        ctx.stray_text(root);
        let mut found = None;
        for child in root.elements() {
            if child.is("crossref") && found.is_none() {
                found = Some(child);
            } else {
                ctx.unknown_element(child);
            }
        }
        found
    };
    let Some(crossref) = crossref else {
        let message = format!("<{}> holds no <crossref> record", root.qname());
        return failed(NO_WORKS, message, Some(root), wanted.map(str::to_owned), env);
    };
    ctx.check_attributes(crossref, &[]);
    ctx.stray_text(crossref);
    let mut candidates: Vec<Record> = Vec::new();
    for group in crossref.elements() {
        if group.is("error") {
            let text = crate::ctx::flat_text(group);
            let message = format!("Crossref returned an error instead of metadata: {}", quote(text.trim()));
            let key = wanted.map(str::to_owned).or_else(|| crosswalk_model::doi::normalise(text.trim()));
            return failed(QUERY_FAILED, message, Some(group), key, env);
        }
        if group.ns() == Ns::Crossref && SINGLE_WORKS.contains(&group.name()) {
            candidates.extend(work_records(group, None, &[], env, false));
            continue;
        }
        if group.ns() != Ns::Crossref || !GROUPS.contains(&group.name()) {
            ctx.unknown_element(group);
            continue;
        }
        ctx.check_attributes(group, &["book_type", "parent_doi", "publication_type"]);
        ctx.stray_text(group);
        let mut contexts: Vec<Node<'_>> = Vec::new();
        for child in group.elements() {
            if child.ns() != Ns::Crossref {
                ctx.unknown_element(child);
                continue;
            }
            match part_of_group(group.name(), child.name()) {
                Part::Context => {
                    candidates.extend(context_records(child, Some(group), &contexts, env));
                    contexts.push(child);
                }
                Part::Work => candidates.extend(work_records(child, Some(group), &contexts, env, false)),
                Part::Components => {
                    let parent = group_parent(group, &contexts, env);
                    for component in child.elements() {
                        if component.is("component") {
                            candidates.push(component_record(component, &parent, env));
                        } else {
                            ctx.unknown_element(component);
                        }
                    }
                }
                Part::Unknown => ctx.unknown_element(child),
            }
        }
    }
    let chosen = wanted
        .and_then(|doi| {
            candidates.iter().position(|r| r.resource.doi.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(doi)))
        })
        .or_else(|| candidates.len().checked_sub(1));
    let Some(index) = chosen else {
        let message = format!("<{}> holds no work", crossref.qname());
        return failed(NO_WORKS, message, Some(crossref), wanted.map(str::to_owned), env);
    };
    let mut record = candidates.swap_remove(index);
    record.diagnostics.splice(0..0, ctx.diagnostics);
    if record.origin.schema.is_none() {
        record.origin.schema = crossref.uri().map(str::to_owned);
    }
    record
}

/// The record of a UNIXSD `query`: its `doi_record`, or an error when the query did not
/// resolve.
pub(crate) fn query_record(query: Node<'_>, env: &Env) -> Record {
    let mut ctx = Ctx::default();
    ctx.check_attributes(query, &["status", "key", "fl_count", "expanded-results", "query-type", "forward-match"]);
    let doi = query.child("doi").map(|d| d.own_text().trim().to_owned()).filter(|d| !d.is_empty());
    let mut env = env.clone();
    let mut record_node = None;
    let mut message = None;
    for child in query.elements() {
        if child.ns() != Ns::Crossref {
            ctx.unknown_element(child);
            continue;
        }
        match child.name() {
            "crm-item" => {
                ctx.check_attributes(child, &["name", "type"]);
                if child.attr("name") == Some("publisher-name") {
                    env.query_publisher = ctx.text(child);
                }
            }
            "doi_record" => record_node = Some(child),
            "msg" => message = Some(crate::ctx::flat_text(child).trim().to_owned()),
            "doi" => ctx.check_attributes(child, &["type"]),
            // The query's own input echoed back: not metadata of the work.
            "issn"
            | "isbn"
            | "journal_title"
            | "author"
            | "volume"
            | "issue"
            | "first_page"
            | "year"
            | "article_title"
            | "series_title"
            | "volume_title"
            | "edition_number"
            | "component_number"
            | "cYear"
            | "unstructured_citation" => {}
            _ => ctx.unknown_element(child),
        }
    }
    let status = query.attr("status").map(str::trim).unwrap_or("");
    let mut record = match record_node {
        Some(node) if status.is_empty() || status == "resolved" => doi_record(node, &env, doi.as_deref()),
        _ => {
            let what = message.filter(|m| !m.is_empty()).map(|m| format!(": {}", quote(&m))).unwrap_or_default();
            let message = format!(
                "query for {} has status {} and no metadata{what}",
                quote(doi.as_deref().unwrap_or("")),
                quote(if status.is_empty() { "none" } else { status })
            );
            failed(QUERY_FAILED, message, Some(query), doi.clone(), &env)
        }
    };
    record.diagnostics.splice(0..0, ctx.diagnostics);
    if record.origin.key.is_none() {
        record.origin.key = doi;
    }
    record
}

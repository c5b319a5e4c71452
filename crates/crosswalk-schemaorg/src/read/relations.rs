//! Relations to other works, containers (the journal, book or catalog a work is published in),
//! and distributions (the files of a work).
//!
//! A related work given by an identifier (a string, a reference, or a described work with an
//! `@id`, `identifier` or `url`) becomes a related identifier typed from the identifier's form; a
//! described work without one becomes a related item with its title, so nothing named is lost.
//! Of a described work with an identifier only the identifier is kept: its other details describe
//! another resource, which is reported once (`schemaorg.related-details`).

use crosswalk_model::{
    codes, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemCreator, RelatedItemIdentifier,
    RelationType, ResourceTypeGeneral, Severity, Title,
};

use super::values::{classify, is_local_id, lookup_vocab};
use super::{shorten, ItemReader};
use crate::json::Node;
use crate::jsonld::{self, At, Context};
use crate::props::Rel;
use crate::types;
use crate::SCHEMAORG_RELATED_DETAILS;

/// Schema.org types that hold works published in them, and the related item type they give.
const CONTAINER_TYPES: &[(&str, ResourceTypeGeneral)] = &[
    ("Periodical", ResourceTypeGeneral::Journal),
    ("PublicationIssue", ResourceTypeGeneral::Journal),
    ("PublicationVolume", ResourceTypeGeneral::Journal),
    ("Newspaper", ResourceTypeGeneral::Journal),
    ("Book", ResourceTypeGeneral::Book),
    ("BookSeries", ResourceTypeGeneral::Book),
    ("CreativeWorkSeries", ResourceTypeGeneral::Collection),
    ("Blog", ResourceTypeGeneral::Text),
];

/// The members of a described related work that a related item holds.
const ITEM_MEMBERS: &[&str] =
    &["name", "headline", "identifier", "url", "author", "creator", "datePublished", "publisher"];

impl<'n> ItemReader<'_, 'n> {
    /// A relation property (`citation`, `hasPart`, Codemeta links …); `reverse` for `@reverse`.
    pub(super) fn relations(
        &mut self,
        key: &str,
        rel: &Rel,
        reverse: bool,
        value: &'n Node,
        at: &At<'_>,
        context: &Context,
    ) {
        let relation = if reverse { rel.reverse.clone() } else { rel.forward.clone() };
        let information = rel.information.map(str::to_owned);
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            self.related(key, &relation, information.as_deref(), node, &node_at, context);
        }
    }

    /// One related work.
    fn related(
        &mut self,
        key: &str,
        relation: &RelationType,
        information: Option<&str>,
        node: &'n Node,
        at: &At<'_>,
        context: &Context,
    ) {
        let default_item_type = match relation {
            RelationType::Requires | RelationType::IsRequiredBy => ResourceTypeGeneral::Software,
            _ if information == Some("softwareSuggestions") => ResourceTypeGeneral::Software,
            _ => ResourceTypeGeneral::Other,
        };
        if let Some((text, language)) = jsonld::text_literal(node) {
            let pointer = at.pointer();
            let Some(text) = self.clean(text, node.start, &pointer) else { return };
            match classify(&text) {
                Some((kind, identifier)) => self.push_related(identifier, kind, relation, information, None),
                None => {
                    // A work named by text only: a related item keeps the name.
                    let item = RelatedItem {
                        related_item_type: Some(default_item_type),
                        relation_type: Some(relation.clone()),
                        relation_type_information: information.map(str::to_owned),
                        titles: vec![Title { title: text, lang: language.map(str::to_owned), ..Title::default() }],
                        ..RelatedItem::default()
                    };
                    self.push_related_item(item);
                }
            }
            return;
        }
        if !node.is_object() {
            let message =
                format!("{key} must name a work (an identifier, a reference or an object), not {}", jsonld::show(node));
            self.warn(codes::VALUE_INVALID, message, node, at);
            return;
        }
        let node = self.resolved(node, context);
        let item_type = self.related_type(node, context);
        // A work named by its DOI (`"name": "https://doi.org/10.…"`) is identified, not titled, by it.
        let named_by_doi = self
            .get_one(node, context, "name")
            .and_then(jsonld::literal)
            .and_then(|(name, _)| crosswalk_model::doi::normalise(name).map(|doi| (name.trim().to_owned(), doi)));
        let mut identified = self.work_identifier(node, context);
        if let (None, Some((name, doi))) = (&identified, &named_by_doi) {
            let message = format!(
                "the related work's name \"{}\" is its DOI; it is read as a related identifier, not as a title",
                shorten(name)
            );
            self.inform(codes::VALUE_NORMALISED, message, node, at);
            identified = Some((doi.clone(), RelatedIdentifierType::Doi));
        }
        if let Some((identifier, kind)) = identified {
            self.push_related(identifier, kind, relation, information, item_type);
            let handled: &[&str] =
                if named_by_doi.is_some() { &["identifier", "url", "name"] } else { &["identifier", "url"] };
            let dropped = self.leftover_names(node, context, handled);
            if !dropped.is_empty() {
                let message = format!(
                    "details of the related work ({}) describe another resource; only its identifier is kept",
                    dropped.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", ")
                );
                self.inform(SCHEMAORG_RELATED_DETAILS, message, node, at);
            }
            return;
        }
        match self.described_item(node, at, context, item_type.unwrap_or(default_item_type)) {
            Some(mut item) => {
                item.relation_type = Some(relation.clone());
                item.relation_type_information = information.map(str::to_owned);
                self.push_related_item(item);
            }
            None if self.leftover_names(node, context, &[]).is_empty() => {
                let message = format!("the related work {} is empty; it is skipped", jsonld::show(node));
                self.inform(codes::VALUE_EMPTY, message, node, at);
            }
            None => {
                let message = format!(
                    "the related work {} has neither identifier nor name, so it cannot be a related identifier or item; it is not carried over",
                    jsonld::show(node)
                );
                self.warn(codes::FIELD_UNMAPPED, message, node, at);
            }
        }
    }

    /// The identifier of a related work: its `@id` (unless local), `identifier`, or `url`.
    fn work_identifier(&self, node: &Node, context: &Context) -> Option<(String, RelatedIdentifierType)> {
        let mut candidates: Vec<(&str, Option<&str>)> = Vec::new();
        if let Some(id) = jsonld::node_id(node, context).filter(|id| !is_local_id(id)) {
            candidates.push((id, None));
        }
        if let Some(identifier) = jsonld::get(node, context, "identifier") {
            jsonld::each_value(identifier, &At::root(""), &mut |item, _| {
                if let Some((text, _)) = jsonld::literal(item) {
                    candidates.push((text, None));
                } else if let Some((text, _)) = self.get_one(item, context, "value").and_then(jsonld::literal) {
                    let property = self.get_one(item, context, "propertyID").and_then(jsonld::literal).map(|(p, _)| p);
                    candidates.push((text, property));
                }
            });
        }
        if let Some((url, _)) = self.get_one(node, context, "url").and_then(jsonld::literal) {
            candidates.push((url, None));
        }
        // The form decides; a PropertyValue's propertyID types a value that has no telling form (an ISBN).
        let classified: Vec<(RelatedIdentifierType, String)> = candidates
            .iter()
            .filter_map(|(text, property)| {
                classify(text).or_else(|| {
                    let (kind, matched) = lookup_vocab::<RelatedIdentifierType>((*property)?);
                    (matched != crosswalk_model::Match::Unknown).then(|| (kind, text.trim().to_owned()))
                })
            })
            .collect();
        // A DOI wins over a URL naming the same work.
        classified
            .iter()
            .find(|(kind, _)| *kind == RelatedIdentifierType::Doi)
            .or_else(|| classified.first())
            .map(|(kind, value)| (value.clone(), kind.clone()))
    }

    /// The general type of a related work's `@type`, when it says more than "a creative work".
    fn related_type(&self, node: &Node, context: &Context) -> Option<ResourceTypeGeneral> {
        let (type_names, _) = jsonld::node_types(node, context);
        type_names
            .iter()
            .map(|t| jsonld::type_name(t, context))
            .filter(|t| !matches!(*t, "CreativeWork" | "Thing"))
            .find_map(|t| types::lookup(t).or_else(|| types::lookup_loosely(t)).map(|(_, general)| general.clone()))
    }

    fn push_related(
        &mut self,
        identifier: String,
        kind: RelatedIdentifierType,
        relation: &RelationType,
        information: Option<&str>,
        resource_type_general: Option<ResourceTypeGeneral>,
    ) {
        let related = RelatedIdentifier {
            related_identifier: identifier,
            related_identifier_type: Some(kind),
            relation_type: Some(relation.clone()),
            relation_type_information: information.map(str::to_owned),
            resource_type_general,
            ..RelatedIdentifier::default()
        };
        if !self.seen.has_related_identifier(&self.resource.related_identifiers, &related) {
            self.resource.related_identifiers.push(related);
        }
    }

    /// A described work without identifier, as a related item (title, creators, year,
    /// publisher); `None` when it has no name.
    fn described_item(
        &mut self,
        node: &'n Node,
        at: &At<'_>,
        context: &Context,
        item_type: ResourceTypeGeneral,
    ) -> Option<RelatedItem> {
        let (title, language) = self
            .get_one(node, context, "name")
            .or_else(|| self.get_one(node, context, "headline"))
            .and_then(jsonld::literal)?;
        let title = title.trim();
        if title.is_empty() {
            return None;
        }
        let mut item = RelatedItem {
            related_item_type: Some(item_type),
            titles: vec![Title { title: title.to_owned(), lang: language.map(str::to_owned), ..Title::default() }],
            ..RelatedItem::default()
        };
        item.creators = self.item_creators(node, at, context);
        if let Some((date, _)) = self.get_one(node, context, "datePublished").and_then(jsonld::literal) {
            item.publication_year = super::values::year_of(date).map(str::to_owned);
        }
        if let Some(publisher) = self.get_one(node, context, "publisher") {
            let publisher = self.resolved(publisher, context);
            item.publisher = jsonld::literal(publisher)
                .or_else(|| self.get_one(publisher, context, "name").and_then(jsonld::literal))
                .map(|(t, _)| t.trim().to_owned());
        }
        let dropped = self.leftover_names(node, context, ITEM_MEMBERS);
        if !dropped.is_empty() {
            let message = format!(
                "details of the related work \"{}\" ({}) have no place in a related item; they are not kept",
                shorten(title),
                dropped.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", ")
            );
            self.inform(SCHEMAORG_RELATED_DETAILS, message, node, at);
        }
        Some(item)
    }

    /// The creators of a related work (names only, as related items hold them).
    fn item_creators(&mut self, node: &'n Node, at: &At<'_>, context: &Context) -> Vec<RelatedItemCreator> {
        let mut creators = Vec::new();
        for key in ["author", "creator"] {
            if let Some(value) = jsonld::get(node, context, key) {
                for (agent_node, _) in self.items(value, at, context) {
                    let agent_node = self.resolved(agent_node, context);
                    let name = jsonld::literal(agent_node)
                        .or_else(|| self.get_one(agent_node, context, "name").and_then(jsonld::literal))
                        .map(|(t, _)| t.trim().to_owned());
                    let family = self
                        .get_one(agent_node, context, "familyName")
                        .and_then(jsonld::literal)
                        .map(|(t, _)| t.trim().to_owned());
                    let given = self
                        .get_one(agent_node, context, "givenName")
                        .and_then(jsonld::literal)
                        .map(|(t, _)| t.trim().to_owned());
                    let name = name.or_else(|| match (&family, &given) {
                        (Some(f), Some(g)) => Some(format!("{f}, {g}")),
                        (Some(f), None) => Some(f.clone()),
                        _ => None,
                    });
                    let (type_names, _) = jsonld::node_types(agent_node, context);
                    let name_type = type_names.iter().map(|t| jsonld::type_name(t, context)).find_map(|t| {
                        if t.eq_ignore_ascii_case("Person") {
                            Some(crosswalk_model::NameType::Personal)
                        } else if types::is_organization_type(t) {
                            Some(crosswalk_model::NameType::Organizational)
                        } else {
                            None
                        }
                    });
                    if let Some(name) = name.filter(|n| !n.is_empty()) {
                        creators.push(RelatedItemCreator {
                            name,
                            name_type,
                            given_name: given,
                            family_name: family,
                            ..RelatedItemCreator::default()
                        });
                    }
                }
            }
        }
        creators
    }

    /// `isPartOf`: a container the work is published in, or a work it is part of.
    pub(super) fn is_part_of(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        let rel = Rel { forward: RelationType::IsPartOf, reverse: RelationType::HasPart, information: None };
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let resolved = if node.is_object() { self.resolved(node, context) } else { node };
            let container = resolved.is_object() && self.container_type(resolved, context).is_some();
            if container && !jsonld::is_reference(resolved, context) {
                self.container(resolved, &node_at, context);
            } else {
                self.related("isPartOf", &rel.forward, None, node, &node_at, context);
            }
        }
    }

    /// The Ruby converter's `periodical` key: a container.
    pub(super) fn periodical(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let node = if node.is_object() { self.resolved(node, context) } else { node };
            if node.is_object() {
                self.container(node, &node_at, context);
            } else {
                let message = format!("periodical must be an object, not {}", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
            }
        }
    }

    /// The related item type of a container, from the first container type in its chain.
    fn container_type(&self, node: &Node, context: &Context) -> Option<ResourceTypeGeneral> {
        let (type_names, _) = jsonld::node_types(node, context);
        type_names.iter().map(|t| jsonld::type_name(t, context)).find_map(|t| {
            CONTAINER_TYPES.iter().find(|(name, _)| name.eq_ignore_ascii_case(t)).map(|(_, general)| general.clone())
        })
    }

    /// A container as a related item `IsPublishedIn`: the chain issue → volume → periodical is
    /// flattened into one item (title of the periodical, volume, issue, ISSN or ISBN).
    fn container(&mut self, node: &'n Node, at: &At<'_>, context: &Context) {
        let mut item = RelatedItem { relation_type: Some(RelationType::IsPublishedIn), ..RelatedItem::default() };
        let mut current = Some(node);
        let mut depth = 0;
        let mut dropped = Vec::new();
        let mut identifier: Option<RelatedItemIdentifier> = None;
        while let Some(level) = current.take() {
            depth += 1;
            if depth > 5 {
                break;
            }
            if let Some(kind) = self.container_type(level, context) {
                // The outermost typed level (the periodical) decides the item type.
                item.related_item_type = Some(kind);
            }
            // Takes the reader, so that it is not held between the calls.
            let text = |reader: &Self, key: &str| {
                reader
                    .get_one(level, context, key)
                    .and_then(jsonld::literal)
                    .map(|(t, _)| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
            };
            if let Some(title) = text(self, "name") {
                let lang = self
                    .get_one(level, context, "name")
                    .and_then(jsonld::literal)
                    .and_then(|(_, l)| l)
                    .map(str::to_owned);
                item.titles.insert(0, Title { title, lang, ..Title::default() });
            }
            fill(&mut item.volume, text(self, "volumeNumber"));
            fill(&mut item.issue, text(self, "issueNumber"));
            fill(&mut item.first_page, text(self, "pageStart"));
            fill(&mut item.last_page, text(self, "pageEnd"));
            if let Some(pages) = text(self, "pagination") {
                let (first, last) = super::values::split_pages(&pages);
                fill(&mut item.first_page, first);
                fill(&mut item.last_page, last);
            }
            fill(&mut item.edition, text(self, "bookEdition").or_else(|| text(self, "version")));
            if item.publication_year.is_none() {
                item.publication_year =
                    text(self, "datePublished").as_deref().and_then(super::values::year_of).map(str::to_owned);
            }
            if item.creators.is_empty() {
                item.creators = self.item_creators(level, at, context);
            }
            if let Some(publisher) = self.get_one(level, context, "publisher") {
                let publisher = self.resolved(publisher, context);
                let name = jsonld::literal(publisher)
                    .or_else(|| self.get_one(publisher, context, "name").and_then(jsonld::literal));
                fill(&mut item.publisher, name.map(|(t, _)| t.trim().to_owned()));
            }
            for (key, kind) in [("issn", RelatedIdentifierType::Issn), ("isbn", RelatedIdentifierType::Isbn)] {
                if let Some(value) = text(self, key) {
                    identifier = Some(RelatedItemIdentifier {
                        related_item_identifier: value,
                        related_item_identifier_type: Some(kind),
                        ..RelatedItemIdentifier::default()
                    });
                }
            }
            if identifier.is_none() {
                if let Some((value, kind)) = self.work_identifier(level, context) {
                    identifier = Some(RelatedItemIdentifier {
                        related_item_identifier: value,
                        related_item_identifier_type: Some(kind),
                        ..RelatedItemIdentifier::default()
                    });
                }
            }
            let handled = [
                "name",
                "volumeNumber",
                "issueNumber",
                "pageStart",
                "pageEnd",
                "pagination",
                "bookEdition",
                "version",
                "publisher",
                "issn",
                "isbn",
                "identifier",
                "url",
                "isPartOf",
                "author",
                "creator",
                "datePublished",
            ];
            dropped.extend(self.leftover_names(level, context, &handled));
            current = self
                .get_one(level, context, "isPartOf")
                .map(|next| self.resolved(next, context))
                .filter(|next| next.is_object());
        }
        item.related_item_identifier = identifier;
        if item.related_item_type.is_none() {
            item.related_item_type = Some(ResourceTypeGeneral::Other);
        }
        if item.titles.is_empty() {
            // Known only by its identifier: a related identifier, as any work it is part of.
            if let Some(identifier) = item.related_item_identifier.take() {
                let kind = identifier.related_item_identifier_type.clone().unwrap_or(RelatedIdentifierType::Url);
                let general = item.related_item_type.clone().filter(|g| *g != ResourceTypeGeneral::Other);
                self.push_related(identifier.related_item_identifier, kind, &RelationType::IsPartOf, None, general);
                return;
            }
            let message = format!("the container {} has no title and no identifier; it is skipped", jsonld::show(node));
            self.inform(codes::VALUE_EMPTY, message, node, at);
            return;
        }
        if !dropped.is_empty() {
            let message = format!(
                "details of the container ({}) have no place in a related item; they are not kept",
                dropped.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", ")
            );
            self.inform(SCHEMAORG_RELATED_DETAILS, message, node, at);
        }
        let index = self.push_related_item(item);
        self.containers.push(index);
    }

    /// `includedInDataCatalog`: the catalog as a related item `IsPublishedIn` of type Collection.
    pub(super) fn data_catalogs(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if jsonld::literal(node).is_some() && !node.is_object() {
                self.related("includedInDataCatalog", &RelationType::IsPublishedIn, None, node, &node_at, context);
                continue;
            }
            let node = self.resolved(node, context);
            let title = self
                .get_one(node, context, "name")
                .and_then(jsonld::literal)
                .map(|(t, l)| (t.trim().to_owned(), l.map(str::to_owned)));
            let Some((title, lang)) = title.filter(|(t, _)| !t.is_empty()) else {
                self.related("includedInDataCatalog", &RelationType::IsPublishedIn, None, node, &node_at, context);
                continue;
            };
            let identifier = self.work_identifier(node, context).map(|(value, kind)| RelatedItemIdentifier {
                related_item_identifier: value,
                related_item_identifier_type: Some(kind),
                ..RelatedItemIdentifier::default()
            });
            let item = RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Collection),
                relation_type: Some(RelationType::IsPublishedIn),
                titles: vec![Title { title: title.clone(), lang, ..Title::default() }],
                related_item_identifier: identifier,
                ..RelatedItem::default()
            };
            let dropped = self.leftover_names(node, context, &["name", "url", "identifier"]);
            if !dropped.is_empty() {
                let message = format!(
                    "details of the data catalog \"{}\" ({}) have no place in a related item; they are not kept",
                    shorten(&title),
                    dropped.iter().map(|d| format!("\"{d}\"")).collect::<Vec<_>>().join(", ")
                );
                self.inform(SCHEMAORG_RELATED_DETAILS, message, node, &node_at);
            }
            if !self.seen.has_related_item(&self.resource.related_items, &item) {
                self.push_related_item(item);
            }
        }
    }

    /// Codemeta 1.0 `relationship`: `{relationshipType, relatedIdentifier, relatedIdentifierType}`.
    pub(super) fn codemeta_relationships(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            // Takes the reader, so that it is not held between the calls.
            let text = |reader: &Self, key: &str| {
                reader
                    .get_one(node, context, key)
                    .and_then(jsonld::literal)
                    .map(|(t, _)| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
            };
            let (Some(identifier), Some(relation_text)) =
                (text(self, "relatedIdentifier"), text(self, "relationshipType"))
            else {
                let message = format!(
                    "relationship {} needs a relatedIdentifier and a relationshipType; it is not carried over",
                    jsonld::show(node)
                );
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
                continue;
            };
            let (relation, matched) = lookup_vocab::<RelationType>(&relation_text);
            match matched {
                crosswalk_model::Match::Exact => {}
                crosswalk_model::Match::Normalised => {
                    let message = format!("relationshipType \"{relation_text}\" is read as {relation}");
                    self.note(
                        Severity::Info,
                        codes::VOCAB_NORMALISED,
                        message,
                        node.start,
                        node_at.key("relationshipType").pointer(),
                    );
                }
                crosswalk_model::Match::Unknown => {
                    let message = format!(
                        "relationshipType \"{relation_text}\" is not a DataCite relation type; kept as written"
                    );
                    self.note(
                        Severity::Warning,
                        codes::VOCAB_UNKNOWN,
                        message,
                        node.start,
                        node_at.key("relationshipType").pointer(),
                    );
                }
            }
            let declared = text(self, "relatedIdentifierType");
            let by_form = classify(&identifier);
            let kind = match declared.as_deref().map(lookup_vocab::<RelatedIdentifierType>) {
                Some((kind, crosswalk_model::Match::Exact | crosswalk_model::Match::Normalised)) => Some(kind),
                Some((_, crosswalk_model::Match::Unknown)) => {
                    let declared = declared.clone().unwrap_or_default();
                    let message = match &by_form {
                        Some((kind, _)) => format!("relatedIdentifierType \"{declared}\" is not a DataCite type; \"{identifier}\" is typed {kind} from its form"),
                        None => format!("relatedIdentifierType \"{declared}\" is not a DataCite type and \"{identifier}\" has no recognisable form; kept as written"),
                    };
                    self.note(
                        Severity::Warning,
                        codes::VOCAB_UNKNOWN,
                        message,
                        node.start,
                        node_at.key("relatedIdentifierType").pointer(),
                    );
                    by_form.as_ref().map(|(kind, _)| kind.clone()).or(Some(RelatedIdentifierType::Unknown(declared)))
                }
                None => by_form.as_ref().map(|(kind, _)| kind.clone()),
            };
            let value = match &by_form {
                Some((RelatedIdentifierType::Doi, doi)) => doi.clone(),
                _ => identifier,
            };
            self.leftovers(
                node,
                &node_at,
                context,
                &["relationshipType", "relatedIdentifier", "relatedIdentifierType"],
            );
            let related = RelatedIdentifier {
                related_identifier: value,
                related_identifier_type: kind,
                relation_type: Some(relation),
                ..RelatedIdentifier::default()
            };
            if !self.seen.has_related_identifier(&self.resource.related_identifiers, &related) {
                self.resource.related_identifiers.push(related);
            }
        }
    }

    /// `distribution`, `encoding`, `associatedMedia`: the files of the work.
    pub(super) fn distributions(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, _)) = jsonld::literal(node) {
                if let Some(url) = self.clean(text, node.start, &pointer) {
                    if !self.seen.has_content_url(&self.resource.content_url, &url) {
                        self.resource.content_url.push(url);
                    }
                }
                continue;
            }
            let node = self.resolved(node, context);
            let mut urls: Vec<String> = Vec::new();
            for key in ["contentUrl", "url"] {
                if let Some(value) = jsonld::get(node, context, key) {
                    jsonld::each_value(value, &node_at, &mut |item, _| {
                        if let Some((text, _)) = jsonld::literal(item) {
                            urls.push(text.trim().to_owned());
                        }
                    });
                }
                if !urls.is_empty() {
                    break;
                }
            }
            if urls.is_empty() {
                if let Some(id) = jsonld::node_id(node, context).filter(|id| !is_local_id(id)) {
                    urls.push(id.trim().to_owned());
                }
            }
            for url in urls.into_iter().filter(|u| !u.is_empty()) {
                if !self.seen.has_content_url(&self.resource.content_url, &url) {
                    self.resource.content_url.push(url);
                }
            }
            for key in ["encodingFormat", "fileFormat"] {
                if let Some(value) = jsonld::get(node, context, key) {
                    let value_at = node_at.key(key);
                    self.text_list(value, &value_at, super::ListTarget::Formats);
                }
            }
            for key in ["contentSize", "fileSize"] {
                if let Some(value) = jsonld::get(node, context, key) {
                    let value_at = node_at.key(key);
                    self.text_list(value, &value_at, super::ListTarget::Sizes);
                }
            }
            self.leftovers(
                node,
                &node_at,
                context,
                &["contentUrl", "url", "encodingFormat", "fileFormat", "contentSize", "fileSize"],
            );
        }
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

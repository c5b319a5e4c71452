//! One work → one record: the work element's own metadata, its container's related item, and
//! the values inherited from its container, parent or deposit when it has none of its own.

use crosswalk_model::{
    codes, AlternateIdentifier, ContributorType, Creator, Date, DateType, Description, DescriptionType, NumberType,
    Origin, Publisher, Record, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelationType, Resource, Subject,
    Title,
};

use crate::container::{self, Container};
use crate::ctx::{quote, Ctx};
use crate::dates::{date_parts, is_w3cdtf_date, DateValue};
use crate::markup::{abstract_text, rich_text, title_text};
use crate::people::{self, Role};
use crate::programs;
use crate::tree::{Node, Ns};
use crate::{DUPLICATES_MERGED, INHERITED, KNOWN_ELEMENTS, NO_DOI};
use crosswalk_rules::crossref_types::WorkType;
use crosswalk_rules::editors::editors_as_creators;

/// What the whole input says that a work may need: set once per file or query.
#[derive(Clone, Debug, Default)]
pub(crate) struct Env {
    /// The root element's namespace.
    pub(crate) schema: Option<String>,
    /// The deposit's `registrant`, a last resort for the publisher.
    pub(crate) registrant: Option<String>,
    /// UNIXSD: the `publisher-name` the query result gives.
    pub(crate) query_publisher: Option<String>,
}

/// What a component inherits from the work it is a component of.
pub(crate) struct Parent {
    pub(crate) doi: Option<String>,
    pub(crate) publisher: Option<Publisher>,
    pub(crate) year: Option<String>,
    pub(crate) relation: Option<RelationType>,
    /// The parent's creators, for a component that names none.
    pub(crate) creators: Vec<Creator>,
}

/// A component met inside a work: mapped as a record of its own in deposits.
pub(crate) struct ComponentRef<'t> {
    pub(crate) node: Node<'t>,
    pub(crate) relation: Option<RelationType>,
}

/// Builds one record.
pub(crate) struct Mapper<'e, 't> {
    pub(crate) ctx: Ctx,
    pub(crate) r: Resource,
    env: &'e Env,
    work_type: &'static WorkType,
    issued: Vec<DateValue>,
    people: Vec<people::Contribution<'t>>,
    main_item: Option<usize>,
    container_publisher: Option<Publisher>,
    container_year: Option<String>,
    container_language: Option<String>,
    institutions: Vec<people::Institution>,
    organisations_as_creators: Vec<people::Person>,
    pub(crate) components: Vec<ComponentRef<'t>>,
    has_publication_date: bool,
    pub(crate) grant: crate::grant::GrantState,
}

impl<'e, 't> Mapper<'e, 't> {
    /// A mapper for a work of `work_type`, with what its containers give.
    pub(crate) fn new(env: &'e Env, work_type: &'static WorkType, container: Container) -> Self {
        let mut r = Resource { types: work_type.types(), ..Resource::default() };
        // The main container comes first among the related items.
        let main_item = container.main.is_some().then_some(0);
        r.related_items = container.main.into_iter().chain(container.items).collect();
        r.related_identifiers = container.related;
        r.subjects = container.subjects;
        Mapper {
            ctx: Ctx { diagnostics: container.diagnostics },
            r,
            env,
            work_type,
            issued: Vec::new(),
            people: Vec::new(),
            main_item,
            container_publisher: container.publisher,
            container_year: container.year,
            container_language: container.language,
            institutions: Vec::new(),
            organisations_as_creators: Vec::new(),
            components: Vec::new(),
            has_publication_date: false,
            grant: crate::grant::GrantState::default(),
        }
    }

    fn main(&mut self) -> Option<&mut RelatedItem> {
        self.main_item.and_then(|i| self.r.related_items.get_mut(i))
    }

    /// Adds people read elsewhere (a conference's contributors, for its proceedings).
    pub(crate) fn add_people(&mut self, people: Vec<people::Contribution<'t>>) {
        self.people.extend(people);
    }

    /// Reads the work element.
    pub(crate) fn work(&mut self, node: Node<'t>) {
        self.has_publication_date = node.child("publication_date").is_some();
        if let Some(language) = node.attr("language") {
            self.r.language = Some(language.trim().to_owned());
        }
        self.ctx.stray_text(node);
        for child in node.elements() {
            self.child(child);
        }
    }

    /// Reads one child of a work element.
    fn child(&mut self, child: Node<'t>) {
        match child.ns() {
            Ns::Crossref => self.crossref_child(child),
            Ns::Jats if child.name() == "abstract" => {
                self.ctx.check_attributes(child, &["abstract-type", "xml:lang", "specific-use"]);
                self.ctx.unmapped_attribute(
                    child,
                    "abstract-type",
                    "has no place in DataCite; the abstract is read as an Abstract",
                );
                if let Some(text) = abstract_text(&mut self.ctx, child) {
                    self.r.descriptions.push(Description {
                        description: text,
                        description_type: Some(crosswalk_model::DescriptionType::Abstract),
                        lang: child.xml_lang().map(str::to_owned),
                    });
                }
            }
            Ns::Fundref if child.name() == "program" => {
                let funding = programs::funding(&mut self.ctx, child);
                self.r.funding_references.extend(funding);
            }
            Ns::Access if child.name() == "program" => {
                let rights = programs::licences(&mut self.ctx, child);
                self.r.rights_list.extend(rights);
            }
            Ns::Relations if child.name() == "program" => {
                let relations = programs::relations(&mut self.ctx, child);
                self.r.related_identifiers.extend(relations);
            }
            Ns::Trials if child.name() == "program" => programs::trials(&mut self.ctx, child),
            _ => self.ctx.unknown_element(child),
        }
    }

    fn crossref_child(&mut self, child: Node<'t>) {
        match child.name() {
            "titles" => {
                let titles = container::titles(&mut self.ctx, child);
                self.r.titles.extend(titles);
            }
            "full_title" | "abbrev_title" | "proceedings_title" => {
                self.ctx.check_attributes(child, &[]);
                if let Some(title) = title_text(&mut self.ctx, child) {
                    let title_type =
                        (!self.r.titles.is_empty()).then_some(crosswalk_model::TitleType::AlternativeTitle);
                    self.r.titles.push(Title { title, title_type, lang: None });
                }
            }
            "contributors" => {
                let people = people::contributors(&mut self.ctx, child);
                self.people.extend(people);
            }
            "person_name" => {
                if let Some(contribution) = people::contributor(&mut self.ctx, child) {
                    self.people.push(contribution);
                }
            }
            "publication_date" => self.date(child, DateType::Issued, true),
            "acceptance_date" => self.date(child, DateType::Accepted, false),
            "posted_date" | "review_date" => self.date(child, DateType::Issued, true),
            "approval_date" => {
                // The date a thesis, report or standard was approved: its date of issue, unless
                // the work also has publication dates.
                if self.has_publication_date {
                    self.date_with(child, DateType::Other, Some("approval date"), false);
                } else {
                    self.date_with(child, DateType::Issued, Some("approval date"), true);
                }
            }
            "database_date" => {
                self.ctx.check_attributes(child, &[]);
                self.ctx.stray_text(child);
                for date in child.elements() {
                    match (date.ns(), date.name()) {
                        (Ns::Crossref, "creation_date") => self.date(date, DateType::Created, false),
                        (Ns::Crossref, "publication_date") => self.date(date, DateType::Issued, true),
                        (Ns::Crossref, "update_date") => self.date(date, DateType::Updated, false),
                        _ => self.ctx.unknown_element(date),
                    }
                }
            }
            "pages" => self.pages(child),
            "publisher_item" => {
                self.ctx.check_attributes(child, &[]);
                self.ctx.stray_text(child);
                for part in child.elements() {
                    match (part.ns(), part.name()) {
                        (Ns::Crossref, "item_number") => self.item_number(part),
                        (Ns::Crossref, "identifier") => self.identifier(part),
                        _ => self.ctx.unknown_element(part),
                    }
                }
            }
            "item_number" => self.item_number(child),
            "crossmark" => self.crossmark(child),
            "doi_data" => self.doi_data(child),
            "doi" => {
                self.ctx.check_attributes(child, &[]);
                if let Some(text) = self.ctx.text(child) {
                    let doi = programs::doi_value(&mut self.ctx, child, &text);
                    self.set_doi(child, doi);
                }
            }
            "citation_list" => {
                let cited = crate::citations::citations(&mut self.ctx, child);
                self.r.related_identifiers.extend(cited.identifiers);
                self.r.related_items.extend(cited.items);
            }
            "component_list" => self.component_list(child),
            "version_info" => self.version_info(child),
            "edition_number" => {
                self.ctx.check_attributes(child, &[]);
                let edition = self.ctx.text(child);
                let mut version = self.r.version.take();
                self.ctx.keep_first(child, &mut version, edition);
                self.r.version = version;
            }
            "isbn" | "issn" => {
                self.ctx.check_attributes(child, &["media_type"]);
                if let Some(value) = self.ctx.text(child) {
                    let kind = if child.name() == "isbn" { "ISBN" } else { "ISSN" };
                    self.alternate(value, kind);
                }
            }
            "publisher" => {
                if let Some(publisher) = container::publisher(&mut self.ctx, child) {
                    if self.r.publisher.is_none() {
                        self.r.publisher = Some(publisher);
                    } else {
                        self.ctx.repeated(child);
                    }
                }
            }
            "institution" => {
                let institution = people::institution(&mut self.ctx, child);
                if institution.name.is_empty() {
                    let message = "<institution> has no <institution_name>; not read".to_owned();
                    self.ctx.warn(crate::MISSING_ELEMENT, child, message);
                } else {
                    self.institutions.push(institution);
                }
            }
            "degree" => {
                self.ctx.check_attributes(child, &[]);
                if let Some(degree) = self.ctx.text(child) {
                    self.description(format!("Degree: {degree}"), DescriptionType::Other, None);
                }
            }
            "description" => {
                self.ctx.check_attributes(child, &["language", "xml:lang"]);
                if let Some(text) = rich_text(&mut self.ctx, child) {
                    let lang = child.xml_lang().or(child.attr("language")).map(|l| l.trim().to_owned());
                    let kind = match child.parent().map(|p| p.name()) {
                        Some("version_info") => DescriptionType::Other,
                        _ => DescriptionType::Abstract,
                    };
                    self.description(text, kind, lang);
                }
            }
            "competing_interest_statement" | "intent_statement" => {
                self.ctx.check_attributes(child, &["language"]);
                if let Some(text) = rich_text(&mut self.ctx, child) {
                    let lang = child.attr("language").map(|l| l.trim().to_owned());
                    self.description(text, DescriptionType::Other, lang);
                }
            }
            "format" => {
                self.ctx.check_attributes(child, &["mime_type"]);
                let mime = child.attr("mime_type").map(|m| m.trim().to_owned()).filter(|m| !m.is_empty());
                let text = child.own_text().trim().to_owned();
                for value in mime.into_iter().chain((!text.is_empty()).then_some(text)) {
                    if !self.r.formats.contains(&value) {
                        self.r.formats.push(value);
                    }
                }
            }
            "group_title" | "proceedings_subject" => {
                self.ctx.check_attributes(child, &[]);
                if let Some(subject) = self.ctx.text(child) {
                    self.r.subjects.push(Subject { subject, ..Default::default() });
                }
            }
            "status" => self.status(child),
            "component_number" => {
                self.ctx.check_attributes(child, &[]);
                if let Some(number) = self.ctx.text(child) {
                    self.number(child, number, NumberType::Chapter);
                }
            }
            "volume" => {
                // A book's or report's volume number within its series, which comes before it.
                self.ctx.check_attributes(child, &[]);
                let Some(volume) = self.ctx.text(child) else { return };
                let series = self.r.related_items.iter_mut().rev().find(|i| {
                    i.relation_type == Some(RelationType::IsPartOf)
                        && i.related_item_type == Some(crosswalk_model::ResourceTypeGeneral::Collection)
                });
                match series {
                    Some(series) if series.volume.is_none() => series.volume = Some(volume),
                    Some(_) => self.ctx.repeated(child),
                    // A journal volume's own record: the volume of its journal.
                    None => match self.main() {
                        Some(item) if item.volume.is_none() => item.volume = Some(volume),
                        _ => self.ctx.unmapped(child, "has no series or journal to be the volume of; not carried"),
                    },
                }
            }
            "series_metadata" | "set_metadata" => {
                let (item, ids) = container::series(&mut self.ctx, child);
                for (kind, value) in ids {
                    self.r.related_identifiers.push(RelatedIdentifier {
                        related_identifier: value,
                        related_identifier_type: Some(kind),
                        relation_type: Some(RelationType::IsPartOf),
                        resource_type_general: Some(crosswalk_model::ResourceTypeGeneral::Collection),
                        ..Default::default()
                    });
                }
                self.r.related_items.push(item);
            }
            "journal_volume" => self.journal_volume(child),
            "issue" | "special_numbering" => {
                self.ctx.check_attributes(child, &[]);
                let value = self.ctx.text(child);
                match self.main() {
                    Some(item) if item.issue.is_none() => item.issue = value,
                    _ => self.ctx.unmapped(child, "has no place next to the issue number; not carried"),
                }
            }
            "designators" => self.designators(child),
            "standards_body" => self.standards_body(child),
            "publication" => self.publication(child),
            "award-number" | "award-start-date" | "project" => crate::grant::child(self, child),
            "archive_locations" | "scn_policies" | "noisbn" => {}
            "coden" | "contract_number" | "running_number" | "publisher_place" | "series_number" | "part_number" => {
                self.ctx.unmapped(child, "has no place in DataCite; not carried")
            }
            name if KNOWN_ELEMENTS.contains(&name) => self.ctx.unknown_element(child),
            _ => self.ctx.unknown_element(child),
        }
    }

    pub(crate) fn description(&mut self, text: String, kind: DescriptionType, lang: Option<String>) {
        self.r.descriptions.push(Description { description: text, description_type: Some(kind), lang });
    }

    pub(crate) fn alternate(&mut self, value: String, kind: &str) {
        let id = AlternateIdentifier { alternate_identifier: value, alternate_identifier_type: Some(kind.to_owned()) };
        if !self.r.alternate_identifiers.contains(&id) {
            self.r.alternate_identifiers.push(id);
        }
    }

    fn date(&mut self, node: Node<'_>, date_type: DateType, issued: bool) {
        let information = match node.attr("media_type").map(str::trim) {
            Some("online") => Some("online"),
            Some("print") => Some("print"),
            Some("other") => Some("other media"),
            _ => None,
        };
        self.date_with(node, date_type, information, issued);
    }

    fn date_with(&mut self, node: Node<'_>, date_type: DateType, information: Option<&str>, issued: bool) {
        self.ctx.check_attributes(node, &["media_type"]);
        if let Some(media) = node.attr("media_type") {
            if !matches!(media.trim(), "online" | "print" | "other") {
                let message = format!("media_type {} is not online, print or other; not read", quote(media));
                self.ctx.warn(codes::VOCAB_UNKNOWN, node, message);
            }
        }
        let Some(value) = date_parts(&mut self.ctx, node) else { return };
        self.push_date(value.date.clone(), date_type, information.map(str::to_owned));
        if issued {
            self.issued.push(value);
        }
    }

    pub(crate) fn push_date(&mut self, date: String, date_type: DateType, information: Option<String>) {
        let date = Date { date, date_type: Some(date_type), date_information: information };
        if !self.r.dates.contains(&date) {
            self.r.dates.push(date);
        }
    }

    /// Records a year for `publicationYear` from a date given as text.
    pub(crate) fn issued_year(&mut self, date: &str) {
        if let Some(year) = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
            let key = (year.parse().unwrap_or(0), 0, 0);
            self.issued.push(DateValue { date: date.to_owned(), year: year.to_owned(), key });
        }
    }

    fn pages(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        let (mut first, mut last) = (None, None);
        for part in node.elements() {
            match (part.ns(), part.name()) {
                (Ns::Crossref, "first_page") => {
                    let value = self.ctx.text(part);
                    self.ctx.keep_first(part, &mut first, value);
                }
                (Ns::Crossref, "last_page") => {
                    let value = self.ctx.text(part);
                    self.ctx.keep_first(part, &mut last, value);
                }
                (Ns::Crossref, "other_pages") => {
                    self.ctx.unmapped(part, "has no place in a related item (first and last page only); not carried")
                }
                _ => self.ctx.unknown_element(part),
            }
        }
        match self.main_item {
            Some(_) => {
                if let Some(item) = self.main() {
                    item.first_page = first;
                    item.last_page = last;
                }
            }
            None if first.is_some() || last.is_some() => {
                let pages = [first, last].into_iter().flatten().collect::<Vec<_>>().join("-");
                self.r.sizes.push(format!("pages {pages}"));
            }
            None => {}
        }
    }

    /// An article, chapter or report number: the container item's number, or an alternate
    /// identifier when there is no container (or it has one already).
    fn item_number(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &["item_number_type"]);
        let Some(number) = self.ctx.text(node) else { return };
        let kind = node.attr("item_number_type").map(str::trim).unwrap_or("");
        let number_type = match kind {
            "article_number" | "article-number" | "article" => NumberType::Article,
            "chapter" | "chapter_number" => NumberType::Chapter,
            "report_number" | "report-number" | "report" => NumberType::Report,
            _ => NumberType::Other,
        };
        let free = self.main_item.is_some() && self.main().is_some_and(|i| i.number.is_none());
        if free {
            self.number(node, number, number_type);
        } else {
            let label = if kind.is_empty() { "item number" } else { kind };
            self.alternate(number, label);
        }
    }

    fn number(&mut self, node: Node<'_>, number: String, number_type: NumberType) {
        match self.main() {
            Some(item) if item.number.is_none() => {
                item.number = Some(number);
                item.number_type = Some(number_type);
            }
            Some(_) => self.ctx.repeated(node),
            None => self.alternate(number, "item number"),
        }
    }

    /// A `publisher_item/identifier`: an alternate identifier typed by its `id_type` (the DOI
    /// of the work itself is not repeated).
    fn identifier(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &["id_type"]);
        let Some(value) = self.ctx.text(node) else { return };
        let kind = node.attr("id_type").map(str::trim).unwrap_or("other");
        let label = match kind {
            "doi" => {
                if self.r.doi.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(&value))
                    || node
                        .parent()
                        .and_then(|p| p.parent())
                        .and_then(|w| w.child("doi_data"))
                        .and_then(|d| d.child("doi"))
                        .is_some_and(|d| d.own_text().trim().eq_ignore_ascii_case(&value))
                {
                    return;
                }
                "DOI"
            }
            "pii" => "PII",
            "sici" => "SICI",
            "dai" => "DAI",
            "pmid" => "PMID",
            other => other,
        };
        self.alternate(value, label);
    }

    fn doi_data(&mut self, node: Node<'t>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for child in node.elements() {
            if child.ns() != Ns::Crossref {
                self.ctx.unknown_element(child);
                continue;
            }
            match child.name() {
                "doi" => {
                    self.ctx.check_attributes(child, &[]);
                    if let Some(text) = self.ctx.text(child) {
                        let doi = programs::doi_value(&mut self.ctx, child, &text);
                        self.set_doi(child, doi);
                    }
                }
                "resource" => {
                    self.ctx.check_attributes(child, &["mime_type", "content_version"]);
                    let url = self.ctx.text(child);
                    let mut slot = self.r.url.take();
                    self.ctx.keep_first(child, &mut slot, url);
                    self.r.url = slot;
                }
                "collection" => self.collection(child),
                "timestamp" => {}
                _ => self.ctx.unknown_element(child),
            }
        }
    }

    fn set_doi(&mut self, node: Node<'t>, doi: String) {
        if self.r.doi.is_none() {
            self.r.doi = Some(doi);
        } else {
            self.ctx.repeated(node);
        }
    }

    /// A `collection` of `doi_data`: text-mining, syndication and unspecified resources are
    /// direct links to the content (`contentUrl`, their MIME types `formats`); list- and
    /// country-based alternatives to the landing page have no place; crawler and link-header
    /// resources are for Crossref's services.
    fn collection(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &["property", "multi-resolution"]);
        self.ctx.stray_text(node);
        let property = node.attr("property").map(str::trim).unwrap_or("");
        for item in node.elements() {
            if !item.is("item") {
                self.ctx.unknown_element(item);
                continue;
            }
            self.ctx.check_attributes(item, &["crawler", "label", "country", "link_header_relationship"]);
            self.ctx.stray_text(item);
            for part in item.elements() {
                match (part.ns(), part.name(), property) {
                    (Ns::Crossref, "resource", "text-mining" | "syndication" | "unspecified") => {
                        self.ctx.check_attributes(part, &["mime_type", "content_version"]);
                        let Some(url) = self.ctx.text(part) else { continue };
                        if !self.r.content_url.contains(&url) {
                            self.r.content_url.push(url);
                        }
                        if let Some(mime) = part.attr("mime_type").map(str::trim).filter(|m| !m.is_empty()) {
                            if !self.r.formats.iter().any(|f| f == mime) {
                                self.r.formats.push(mime.to_owned());
                            }
                        }
                    }
                    (Ns::Crossref, "resource" | "doi", "crawler-based" | "link-header") => {
                        self.ctx.check_attributes(part, &["mime_type", "content_version"]);
                    }
                    (Ns::Crossref, "resource" | "doi", _) => {
                        self.ctx.check_attributes(part, &["mime_type", "content_version"]);
                        let why = format!(
                            "(a {property} alternative of the landing page) has no place in DataCite; not carried"
                        );
                        self.ctx.unmapped(part, &why);
                    }
                    _ => self.ctx.unknown_element(part),
                }
            }
        }
        if !matches!(
            property,
            "text-mining"
                | "syndication"
                | "unspecified"
                | "crawler-based"
                | "link-header"
                | "list-based"
                | "country-based"
        ) {
            let message = format!("collection property {} is not a Crossref value", quote(property));
            self.ctx.warn(codes::VOCAB_UNKNOWN, node, message);
        }
    }

    fn crossmark(&mut self, node: Node<'t>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for child in node.elements() {
            match (child.ns(), child.name()) {
                (
                    Ns::Crossref,
                    "crossmark_version" | "crossmark_policy" | "crossmark_domains" | "crossmark_domain_exclusive",
                ) => {}
                (Ns::Crossref, "updates") => {
                    self.ctx.check_attributes(child, &[]);
                    self.ctx.stray_text(child);
                    for update in child.elements() {
                        if update.is("update") {
                            if let Some(related) = programs::update(&mut self.ctx, update) {
                                self.r.related_identifiers.push(related);
                            }
                        } else {
                            self.ctx.unknown_element(update);
                        }
                    }
                }
                (Ns::Crossref, "custom_metadata") => {
                    self.ctx.check_attributes(child, &[]);
                    self.ctx.stray_text(child);
                    for part in child.elements() {
                        if part.is("assertion") {
                            self.assertion(part);
                        } else {
                            self.child(part);
                        }
                    }
                }
                _ => self.ctx.unknown_element(child),
            }
        }
    }

    /// A Crossmark assertion: publication history dates become dates; others have no place.
    fn assertion(&mut self, node: Node<'_>) {
        self.ctx
            .check_attributes(node, &["name", "label", "group_name", "group_label", "order", "explanation", "href"]);
        let name = node.attr("name").map(str::trim).unwrap_or("");
        let text = rich_text(&mut self.ctx, node);
        let date_type = match name {
            "received" => Some(DateType::Submitted),
            "accepted" => Some(DateType::Accepted),
            "published" => Some(DateType::Issued),
            _ => None,
        };
        match (date_type, text) {
            (Some(date_type), Some(date)) if is_w3cdtf_date(&date) => {
                let known = self.r.dates.iter().any(|d| d.date == date && d.date_type.as_ref() == Some(&date_type));
                if !known {
                    self.push_date(date, date_type, Some(format!("Crossmark: {name}")));
                }
            }
            (_, Some(text)) => {
                let label = node.attr("label").unwrap_or(name);
                let message = format!(
                    "Crossmark assertion {} ({}) has no place in DataCite; not carried",
                    quote(label),
                    quote(&text)
                );
                self.ctx.warn(codes::FIELD_UNMAPPED, node, message);
            }
            (_, None) => {}
        }
    }

    fn version_info(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for child in node.elements() {
            match (child.ns(), child.name()) {
                (Ns::Crossref, "version") => {
                    self.ctx.check_attributes(child, &["xml:lang"]);
                    let version = self.ctx.text(child);
                    let mut slot = self.r.version.take();
                    self.ctx.keep_first(child, &mut slot, version);
                    self.r.version = slot;
                }
                (Ns::Crossref, "description") => {
                    self.ctx.check_attributes(child, &["language", "xml:lang"]);
                    if let Some(text) = rich_text(&mut self.ctx, child) {
                        let lang = child.xml_lang().or(child.attr("language")).map(|l| l.trim().to_owned());
                        self.description(text, DescriptionType::Other, lang);
                    }
                }
                _ => self.ctx.unknown_element(child),
            }
        }
    }

    /// A `component_list`: each component is a part of this work (`HasPart`, or the inverse of
    /// its `parent_relation`), and a record of its own in deposits.
    fn component_list(&mut self, node: Node<'t>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for component in node.elements() {
            if !component.is("component") {
                self.ctx.unknown_element(component);
                continue;
            }
            let relation = component_relation(&mut self.ctx, component);
            let doi = component
                .child("doi_data")
                .and_then(|d| d.child("doi"))
                .or_else(|| component.child("doi"))
                .map(|d| d.own_text().trim().to_owned())
                .filter(|d| !d.is_empty());
            if let (Some(doi), Some(relation)) = (doi, &relation) {
                let inverse = match relation {
                    RelationType::IsReferencedBy => RelationType::References,
                    RelationType::IsRequiredBy => RelationType::Requires,
                    RelationType::IsTranslationOf => RelationType::HasTranslation,
                    _ => RelationType::HasPart,
                };
                let doi = crosswalk_model::doi::normalise(&doi).unwrap_or(doi);
                self.r.related_identifiers.push(RelatedIdentifier {
                    related_identifier: doi,
                    related_identifier_type: Some(RelatedIdentifierType::Doi),
                    relation_type: Some(inverse),
                    ..Default::default()
                });
            }
            self.components.push(ComponentRef { node: component, relation });
        }
    }

    fn status(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &["type", "date"]);
        self.ctx.stray_text(node);
        let kind = node.attr("type").map(str::trim).unwrap_or("withdrawn");
        let mut texts = Vec::new();
        for child in node.elements() {
            if child.is("description") {
                self.ctx.check_attributes(child, &["language", "xml:lang"]);
                texts.extend(rich_text(&mut self.ctx, child));
            } else {
                self.ctx.unknown_element(child);
            }
        }
        let information = std::iter::once(kind.to_owned()).chain(texts).collect::<Vec<_>>().join(": ");
        match node.attr("date").map(str::trim).filter(|d| !d.is_empty()) {
            Some(date) => self.push_date(date.to_owned(), DateType::Withdrawn, Some(information)),
            None => {
                let message = format!(
                    "status {} has no date, which a DataCite Withdrawn date needs; not carried",
                    quote(&information)
                );
                self.ctx.warn(codes::FIELD_UNMAPPED, node, message);
            }
        }
    }

    fn journal_volume(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for part in node.elements() {
            match (part.ns(), part.name()) {
                (Ns::Crossref, "volume") => {
                    let value = self.ctx.text(part);
                    match self.main() {
                        Some(item) if item.volume.is_none() => item.volume = value,
                        _ => self.ctx.repeated(part),
                    }
                }
                (Ns::Crossref, "doi_data") => {
                    if let Some(doi) = container::doi_of(&mut self.ctx, part) {
                        self.r.related_identifiers.push(RelatedIdentifier {
                            related_identifier: doi,
                            related_identifier_type: Some(RelatedIdentifierType::Doi),
                            relation_type: Some(RelationType::IsPartOf),
                            resource_type_general: Some(crosswalk_model::ResourceTypeGeneral::Journal),
                            ..Default::default()
                        });
                    }
                }
                (Ns::Crossref, "archive_locations") => {}
                (Ns::Crossref, "publisher_item") => {
                    self.ctx.unmapped(part, "(of the volume) has no place in DataCite; not carried")
                }
                _ => self.ctx.unknown_element(part),
            }
        }
    }

    /// A standard's designators: the designator as published is an alternate identifier;
    /// relations to other standards name them by designator, which no DataCite identifier type
    /// holds.
    fn designators(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        for child in node.elements() {
            if child.ns() != Ns::Crossref {
                self.ctx.unknown_element(child);
                continue;
            }
            match child.name() {
                "std_as_published"
                | "std_alt_as_published"
                | "std_family_designator"
                | "std_set_designator"
                | "std_undated_designator" => {
                    self.ctx.check_attributes(
                        child,
                        &["family", "set", "undated", "reason", "approvedMonth", "approvedYear"],
                    );
                    self.ctx.stray_text(child);
                    for part in child.elements() {
                        let label = match (part.ns(), part.name()) {
                            (Ns::Crossref, "std_designator") => match child.name() {
                                "std_as_published" => "Standard designator",
                                "std_alt_as_published" => "Standard designator (alternative)",
                                "std_family_designator" => "Standard family designator",
                                "std_set_designator" => "Standard set designator",
                                _ => "Standard undated designator",
                            },
                            (Ns::Crossref, "std_alt_script") => "Standard designator (alternative script)",
                            (Ns::Crossref, "std_variant_form") => "Standard designator (variant form)",
                            _ => {
                                self.ctx.unknown_element(part);
                                continue;
                            }
                        };
                        self.ctx.check_attributes(part, &[]);
                        if let Some(value) = self.ctx.text(part) {
                            self.alternate(value, label);
                        }
                    }
                }
                "std_supersedes" | "std_adopted_from" | "std_revision_of" => self.ctx.unmapped(
                    child,
                    "names another standard by its designator, which no DataCite identifier type holds; not carried",
                ),
                _ => self.ctx.unknown_element(child),
            }
        }
    }

    /// A standard's body: a creator (organisation), and the publisher when there is none.
    fn standards_body(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        let mut name = None;
        for child in node.elements() {
            match (child.ns(), child.name()) {
                (Ns::Crossref, "standards_body_name") => {
                    let value = self.ctx.collapsed_text(child);
                    self.ctx.keep_first(child, &mut name, value);
                }
                (Ns::Crossref, "standards_body_acronym") => {
                    self.ctx.unmapped(child, "(the standards body's acronym) has no place in DataCite; not carried")
                }
                _ => self.ctx.unknown_element(child),
            }
        }
        if let Some(name) = name {
            self.organisations_as_creators.push(people::Person {
                name,
                name_type: Some(crosswalk_model::NameType::Organizational),
                ..people::Person::default()
            });
        }
    }

    /// A pending publication's `publication`: the journal or book it will appear in.
    fn publication(&mut self, node: Node<'_>) {
        self.ctx.check_attributes(node, &[]);
        self.ctx.stray_text(node);
        let is_book = node.child("isbn").is_some();
        let kind = if is_book {
            crosswalk_model::ResourceTypeGeneral::Book
        } else {
            crosswalk_model::ResourceTypeGeneral::Journal
        };
        let mut item = RelatedItem {
            related_item_type: Some(kind.clone()),
            relation_type: Some(RelationType::IsPublishedIn),
            ..Default::default()
        };
        let mut related = Vec::new();
        for child in node.elements() {
            match (child.ns(), child.name()) {
                (Ns::Crossref, "full_title") => {
                    if let Some(title) = title_text(&mut self.ctx, child) {
                        let title_type =
                            (!item.titles.is_empty()).then_some(crosswalk_model::TitleType::AlternativeTitle);
                        item.titles.push(Title { title, title_type, lang: None });
                    }
                }
                (Ns::Crossref, "issn" | "isbn" | "doi") => {
                    self.ctx.check_attributes(child, &["media_type"]);
                    let Some(mut value) = self.ctx.text(child) else { continue };
                    let id_type = match child.name() {
                        "issn" => RelatedIdentifierType::Issn,
                        "isbn" => RelatedIdentifierType::Isbn,
                        _ => {
                            value = programs::doi_value(&mut self.ctx, child, &value);
                            RelatedIdentifierType::Doi
                        }
                    };
                    if item.related_item_identifier.is_none() {
                        item.related_item_identifier = Some(crosswalk_model::RelatedItemIdentifier {
                            related_item_identifier: value.clone(),
                            related_item_identifier_type: Some(id_type.clone()),
                            ..Default::default()
                        });
                    }
                    related.push(RelatedIdentifier {
                        related_identifier: value,
                        related_identifier_type: Some(id_type),
                        relation_type: Some(RelationType::IsPartOf),
                        resource_type_general: Some(kind.clone()),
                        ..Default::default()
                    });
                }
                _ => self.ctx.unknown_element(child),
            }
        }
        self.r.related_items.insert(0, item);
        self.main_item = Some(0);
        self.r.related_identifiers.extend(related);
    }

    /// Completes the record: people, publisher, publication year, language, DOI checks.
    pub(crate) fn finish(mut self, node: Node<'_>, parent: Option<&Parent>) -> Record {
        self.people_into_place();
        for organisation in std::mem::take(&mut self.organisations_as_creators) {
            if self.r.publisher.is_none() {
                self.r.publisher = Some(Publisher::named(organisation.name.clone()));
            }
            self.r.creators.push(organisation.into_creator());
        }
        // Institutions: the publisher when the work has none, contributors otherwise.
        for institution in std::mem::take(&mut self.institutions) {
            if self.r.publisher.is_none() {
                let mut publisher = Publisher::named(institution.name.clone());
                if let Some((id, scheme, uri)) = &institution.id {
                    publisher.publisher_identifier = Some(id.clone());
                    publisher.publisher_identifier_scheme = Some((*scheme).to_owned());
                    publisher.scheme_uri = Some((*uri).to_owned());
                }
                self.r.publisher = Some(publisher);
                continue;
            }
            self.r.contributors.push(institution.into_person().into_contributor(ContributorType::HostingInstitution));
        }
        crate::grant::finish(&mut self);
        self.inherit(node, parent);
        if self.r.doi.is_none() {
            let message = format!("<{}> has no DOI; the record has none", node.qname());
            self.ctx.warn(NO_DOI, node, message);
        }
        if self.r.titles.is_empty() {
            self.compose_title(node);
        }
        self.dedupe(node);
        let doi = self.r.doi.clone();
        let mut record = Record {
            resource: self.r,
            diagnostics: self.ctx.diagnostics,
            origin: Origin {
                index: 0,
                key: doi,
                line: Some(node.line()),
                schema: self.env.schema.clone(),
                ..Origin::default()
            },
        };
        record.tidy();
        record
    }

    /// Authors (and, in a peer review, reviewers) are creators; editors, translators and others
    /// are contributors; a work without authors has its editors as creators too (the rule every
    /// reader shares, `crosswalk_rules::editors`).
    fn people_into_place(&mut self) {
        let peer_review = self.work_type.resource_type == "PeerReview";
        let people = std::mem::take(&mut self.people);
        let before = self.r.contributors.len();
        let mut contributor_nodes = Vec::new();
        for contribution in people {
            if people::is_creator_role(&contribution.role, peer_review) {
                self.r.creators.push(contribution.person.into_creator());
                continue;
            }
            if let Role::Reviewer(role) | Role::Other(role) = &contribution.role {
                people::report_other_role(&mut self.ctx, contribution.node, role);
            }
            let kind = people::contributor_type(&contribution.role).unwrap_or(ContributorType::Other);
            self.r.contributors.push(contribution.person.into_contributor(kind));
            contributor_nodes.push(contribution.node);
        }
        if let Some(promoted) = editors_as_creators(&mut self.r) {
            let node = promoted.first.checked_sub(before).and_then(|i| contributor_nodes.get(i));
            match node {
                Some(node) => self.ctx.report(promoted.diagnostic(), *node),
                None => self.ctx.diagnostics.push(promoted.diagnostic()),
            }
        }
    }

    /// Values the work lacks, taken from its container, parent, query result or deposit.
    fn inherit(&mut self, node: Node<'_>, parent: Option<&Parent>) {
        if self.r.publisher.is_none() {
            if let Some(publisher) = self.container_publisher.take() {
                self.r.publisher = Some(publisher);
            } else if let Some(publisher) = parent.and_then(|p| p.publisher.clone()) {
                let message = format!("publisher {} taken from the parent work", quote(&publisher.name));
                self.ctx.info(INHERITED, node, message);
                self.r.publisher = Some(publisher);
            } else if let Some(name) = self.env.query_publisher.clone() {
                self.r.publisher = Some(Publisher::named(name));
            } else if let Some(name) = self.env.registrant.clone() {
                let message = format!(
                    "the work names no publisher; the deposit's registrant {} is read as its publisher",
                    quote(&name)
                );
                self.ctx.info(INHERITED, node, message);
                self.r.publisher = Some(Publisher::named(name));
            }
        }
        if self.r.publication_year.is_none() {
            let earliest = self.issued.iter().min_by_key(|d| d.key).map(|d| d.year.clone());
            if let Some(year) = earliest {
                self.r.publication_year = Some(year);
            } else if let Some(year) = self.container_year.clone() {
                let message = format!("the work has no publication date; the year {year} of its container is read");
                self.ctx.info(INHERITED, node, message);
                self.r.publication_year = Some(year);
            } else if let Some(year) = parent.and_then(|p| p.year.clone()) {
                let message = format!("the work has no publication date; the year {year} of its parent work is read");
                self.ctx.info(INHERITED, node, message);
                self.r.publication_year = Some(year);
            } else if let Some(accepted) = self.r.dates.iter().find(|d| d.date_type == Some(DateType::Accepted)) {
                let year = accepted.date.get(..4).map(str::to_owned);
                if let Some(year) = year {
                    let message =
                        format!("the work has no publication date; the year {year} of its acceptance is read");
                    self.ctx.info(INHERITED, node, message);
                    self.r.publication_year = Some(year);
                }
            }
        }
        if self.r.language.is_none() {
            self.r.language = self.container_language.take();
        }
        // A component (a figure, a table, a supplement) is by the people of the work it is part
        // of, which deposits seldom repeat for each of them; without creators DataCite refuses it.
        if self.r.creators.is_empty() {
            if let Some(creators) = parent.map(|p| &p.creators).filter(|c| !c.is_empty()) {
                let names: Vec<&str> = creators.iter().map(|c| c.name.as_str()).collect();
                let message = format!(
                    "the work names no creator; the {} creator(s) of its parent work are read as its creators: {}",
                    creators.len(),
                    quote(&names.join("; "))
                );
                self.ctx.info(INHERITED, node, message);
                self.r.creators = creators.clone();
            }
        }
        if let Some(parent) = parent {
            if let (Some(doi), Some(relation)) = (&parent.doi, &parent.relation) {
                self.r.related_identifiers.insert(
                    0,
                    RelatedIdentifier {
                        related_identifier: doi.clone(),
                        related_identifier_type: Some(RelatedIdentifierType::Doi),
                        relation_type: Some(relation.clone()),
                        ..Default::default()
                    },
                );
            }
        }
    }

    /// A journal issue or volume without a title of its own is named after its journal and
    /// numbers (reported).
    fn compose_title(&mut self, node: Node<'_>) {
        let resource_type = self.work_type.resource_type;
        if !matches!(resource_type, "JournalIssue" | "JournalVolume") {
            return;
        }
        let Some(item) = self.main_item.and_then(|i| self.r.related_items.get(i)) else { return };
        let Some(journal) = item.titles.first().map(|t| t.title.clone()) else { return };
        let mut title = journal;
        if let Some(volume) = &item.volume {
            title.push_str(&format!(", volume {volume}"));
        }
        if resource_type == "JournalIssue" {
            if let Some(issue) = &item.issue {
                title.push_str(&format!(", issue {issue}"));
            }
        }
        let message = format!("the {} has no title of its own; it is named {}", node.qname(), quote(&title));
        self.ctx.info(INHERITED, node, message);
        self.r.titles.push(Title::new(title));
    }

    /// Removes repeated identical values (the same funder listed in the work and in its
    /// Crossmark data, the same citation twice), reported once.
    fn dedupe(&mut self, node: Node<'_>) {
        let before = self.r.funding_references.len()
            + self.r.related_identifiers.len()
            + self.r.rights_list.len()
            + self.r.related_items.len();
        dedupe(&mut self.r.funding_references);
        dedupe(&mut self.r.related_identifiers);
        dedupe(&mut self.r.rights_list);
        dedupe(&mut self.r.related_items);
        let after = self.r.funding_references.len()
            + self.r.related_identifiers.len()
            + self.r.rights_list.len()
            + self.r.related_items.len();
        if after < before {
            let message = format!("{} value(s) given twice were kept once", before - after);
            self.ctx.info(DUPLICATES_MERGED, node, message);
        }
    }
}

fn dedupe<T: PartialEq + Clone>(list: &mut Vec<T>) {
    let mut kept: Vec<T> = Vec::with_capacity(list.len());
    for value in list.drain(..) {
        if !kept.contains(&value) {
            kept.push(value);
        }
    }
    *list = kept;
}

/// The relation of a component to its parent, from `parent_relation`.
pub(crate) fn component_relation(ctx: &mut Ctx, component: Node<'_>) -> Option<RelationType> {
    match component.attr("parent_relation").map(str::trim) {
        Some("isPartOf") => Some(RelationType::IsPartOf),
        Some("isReferencedBy") => Some(RelationType::IsReferencedBy),
        Some("isRequiredBy") => Some(RelationType::IsRequiredBy),
        Some("isTranslationOf") => Some(RelationType::IsTranslationOf),
        Some(other) => {
            let message = format!("parent_relation {} is not a Crossref value; read as isPartOf", quote(other));
            ctx.warn(codes::VOCAB_UNKNOWN, component, message);
            Some(RelationType::IsPartOf)
        }
        None => {
            let message = "<component> has no parent_relation; read as isPartOf".to_owned();
            ctx.warn(crate::MISSING_ATTRIBUTE, component, message);
            Some(RelationType::IsPartOf)
        }
    }
}

//! One work of Crossref's REST API → one resource, with the Crossref XML reader's decisions:
//! the same type table, container as a related item, people, dates, funders, licences,
//! relations and citations (`super::programs`), each value the model cannot hold reported at its
//! JSON pointer.

use crosswalk_model::{
    codes, AlternateIdentifier, ContributorType, Date, DateType, Description, DescriptionType, Diagnostic, NameType,
    NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemContributor,
    RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Subject, Title, TitleType, Types,
};
use crosswalk_rules::crossref_types::{crossref_type, work_type};
use crosswalk_rules::editors::editors_as_creators;
use serde_json::Value;

use super::ctx::{item, Obj, J};
use crate::ctx::quote;
use crate::dates::{days_in, DateValue};
use crate::people::{self, Institution, Person, Role};
use crate::{DATE_CONVERTED, DUPLICATES_MERGED, ET_AL, INHERITED, NO_DOI, ROLE_OTHER};

/// What one work gave.
pub(crate) struct Mapped {
    pub(crate) resource: Resource,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Crossref's keys about its own records and services, not about the work: not carried, and
/// not reported, as the XML reader treats the deposit's administrative data.
pub(crate) const BOOKKEEPING: &[&str] = &[
    "indexed",
    "created",
    "deposited",
    "reference-count",
    "references-count",
    "is-referenced-by-count",
    "score",
    "source",
    "member",
    "prefix",
    "content-domain",
    "update-policy",
    "archive",
];

/// Where a work of a type is published: the related item its container becomes.
struct ContainerKind {
    general: ResourceTypeGeneral,
    relation: RelationType,
    /// The type is always in such a container (an article in a journal), so its container data
    /// makes the related item even without a container title.
    always: bool,
}

fn container_kind(type_id: &str) -> ContainerKind {
    use ResourceTypeGeneral as R;
    let (general, relation, always) = match type_id {
        "journal-article" | "journal-issue" | "journal-volume" => (R::Journal, RelationType::IsPublishedIn, true),
        "book-chapter" | "book-section" | "book-part" | "book-track" | "reference-entry" => {
            (R::Book, RelationType::IsPublishedIn, true)
        }
        "proceedings-article" => (R::ConferenceProceeding, RelationType::IsPublishedIn, true),
        "report-component" => (R::Report, RelationType::IsPublishedIn, true),
        // A dataset's container is its database; a book's, proceedings', report's or standard's
        // its series.
        "dataset" | "book" | "monograph" | "edited-book" | "reference-book" | "book-set" | "proceedings" | "report"
        | "standard" => (R::Collection, RelationType::IsPartOf, false),
        _ => (R::Other, RelationType::IsPublishedIn, false),
    };
    ContainerKind { general, relation, always }
}

/// Maps the work object `value` at pointer `at`.
pub(crate) fn map(value: &Value, at: &str) -> Mapped {
    let mut j = J::default();
    let Some(work) = j.object(at, value) else {
        return Mapped { resource: Resource::default(), diagnostics: j.diagnostics };
    };
    let mut m = M {
        j,
        r: Resource::default(),
        at: at.to_owned(),
        work,
        type_id: String::new(),
        resource_type: "",
        kind: container_kind(""),
        main: None,
        issued: Vec::new(),
        container_year: None,
        people: Vec::new(),
        institutions: Vec::new(),
        organisations: Vec::new(),
        grant: super::programs::Grant::default(),
        article_number: None,
    };
    m.run();
    m.finish()
}

/// Builds one record.
pub(crate) struct M<'v> {
    pub(crate) j: J,
    pub(crate) r: Resource,
    /// The work's pointer.
    at: String,
    pub(crate) work: Obj<'v>,
    /// `type` as written, lower case.
    type_id: String,
    /// The model's `resourceType` the type gave.
    resource_type: &'static str,
    kind: ContainerKind,
    /// The container's related item, at index 0 of `relatedItems` once made.
    main: Option<usize>,
    /// Dates of issue, for `publicationYear`.
    pub(crate) issued: Vec<DateValue>,
    /// The year of the journal issue, when the work has none of its own.
    container_year: Option<String>,
    /// People with their role and pointer, in order.
    pub(crate) people: Vec<(Person, Role, String)>,
    institutions: Vec<Institution>,
    /// Organisations that are creators (a standards body).
    organisations: Vec<String>,
    pub(crate) grant: super::programs::Grant,
    article_number: Option<String>,
}

impl<'v> M<'v> {
    /// The value of `key` of the work, marked as read.
    pub(crate) fn get(&mut self, key: &str) -> Option<(String, &'v Value)> {
        self.work.get(key)
    }

    fn run(&mut self) {
        self.types();
        self.identifiers();
        self.titles();
        for (key, role) in [
            ("author", Role::Author),
            ("editor", Role::Editor),
            ("translator", Role::Translator),
            ("chair", Role::Other("chair".into())),
        ] {
            self.people(key, &role);
        }
        self.container();
        self.publisher();
        self.dates();
        self.descriptive();
        self.event();
        super::programs::read(self);
        let bookkeeping = BOOKKEEPING;
        self.work.skip(bookkeeping);
    }

    // ---- types and identifiers -------------------------------------------------------------

    fn types(&mut self) {
        let subtype = self.get("subtype");
        let Some((at, value)) = self.get("type") else {
            let message = "the work has no \"type\"; resourceTypeGeneral is Other".to_owned();
            self.j.missing(&self.at, message);
            self.r.types = Types::new(ResourceTypeGeneral::Other, None);
            return;
        };
        let Some(id) = self.j.text(&at, value) else { return };
        self.type_id = id.to_ascii_lowercase();
        let Some(found) = crossref_type(&id) else {
            let message = format!(
                "type {} is not a Crossref work type; resourceTypeGeneral is Other and the type is kept in resourceType",
                quote(&id)
            );
            self.j.warn(codes::VOCAB_UNKNOWN, &at, message);
            self.r.types = Types::new(ResourceTypeGeneral::Other, Some(&id));
            return;
        };
        self.r.types = found.types();
        self.resource_type = found.resource_type;
        self.kind = container_kind(&self.type_id);
        let Some((at, value)) = subtype else { return };
        let Some(subtype) = self.j.text(&at, value) else { return };
        // Posted content says what it is by its subtype, as the deposit's `posted_content/@type`
        // does: the same row of the type table.
        if self.type_id == "posted-content" {
            let source = format!("posted_content[@type={}]", subtype.to_ascii_lowercase().replace('-', "_"));
            let row = work_type(&source);
            if row.source == source {
                self.r.types = row.types();
                self.resource_type = row.resource_type;
            } else {
                let message =
                    format!("subtype {} is not a kind of posted content; read as a preprint", quote(&subtype));
                self.j.warn(codes::VOCAB_UNKNOWN, &at, message);
            }
        } else {
            self.j.unmapped(
                &at,
                value,
                "(a subtype of a work other than posted content) has no place in DataCite; not carried",
            );
        }
    }

    fn identifiers(&mut self) {
        if let Some((at, value)) = self.get("DOI") {
            if let Some(text) = self.j.text(&at, value) {
                self.r.doi = Some(self.doi(&at, &text));
            }
        }
        // `URL` is the DOI's link at doi.org, which a DataCite url must not be (the DOI would
        // resolve to itself); the landing page is `resource.primary.URL`.
        if let Some((at, value)) = self.get("URL") {
            if let Some(url) = self.j.text(&at, value) {
                let doi = self.r.doi.clone().unwrap_or_default();
                let same = crosswalk_model::doi::normalise(&url).is_some_and(|d| d.eq_ignore_ascii_case(&doi));
                if !same {
                    self.j.unmapped(
                        &at,
                        value,
                        "is not the link of the work's DOI; the landing page is resource.primary.URL; not carried",
                    );
                }
            }
        }
        if let Some((at, value)) = self.get("resource") {
            if let Some(mut resource) = self.j.object(&at, value) {
                if let Some((at, value)) = resource.get("primary") {
                    if let Some(mut primary) = self.j.object(&at, value) {
                        if let Some((at, value)) = primary.get("URL") {
                            self.r.url = self.j.text(&at, value);
                        }
                        primary.rest(&mut self.j, "a primary resource");
                    }
                }
                if let Some((at, value)) = resource.get("secondary") {
                    for (at, entry) in self.j.list(&at, value) {
                        self.j.unmapped(
                            &at,
                            entry,
                            "(an alternative landing page) has no place in DataCite; not carried",
                        );
                    }
                }
                resource.rest(&mut self.j, "a resource");
            }
        }
        if let Some((at, value)) = self.get("alternative-id") {
            for (_, id) in self.j.texts(&at, value) {
                self.alternate(id, "Publisher identifier");
            }
        }
        if let Some((at, value)) = self.get("aliases") {
            for (at, alias) in self.j.texts(&at, value) {
                let doi = self.doi(&at, &alias);
                self.r.related_identifiers.push(RelatedIdentifier {
                    related_identifier: doi,
                    related_identifier_type: Some(RelatedIdentifierType::Doi),
                    relation_type: Some(RelationType::IsIdenticalTo),
                    ..Default::default()
                });
            }
        }
    }

    /// A DOI without resolver (reported); kept as written, reported, when not a DOI.
    pub(crate) fn doi(&mut self, at: &str, text: &str) -> String {
        match crosswalk_model::doi::normalise(text) {
            Some(doi) => {
                if doi != text {
                    self.j.info(codes::VALUE_NORMALISED, at, format!("DOI {} written as {doi}", quote(text)));
                }
                doi
            }
            None => {
                self.j.warn(codes::VALUE_INVALID, at, format!("{} is not a DOI; kept as written", quote(text)));
                text.to_owned()
            }
        }
    }

    pub(crate) fn alternate(&mut self, value: String, kind: &str) {
        let id = AlternateIdentifier { alternate_identifier: value, alternate_identifier_type: Some(kind.to_owned()) };
        if !self.r.alternate_identifiers.contains(&id) {
            self.r.alternate_identifiers.push(id);
        }
    }

    // ---- titles ------------------------------------------------------------------------------

    fn titles(&mut self) {
        for (key, title_type) in [
            ("title", None),
            ("subtitle", Some(TitleType::Subtitle)),
            ("original-title", Some(TitleType::TranslatedTitle)),
            ("short-title", Some(TitleType::AlternativeTitle)),
        ] {
            let Some((at, value)) = self.get(key) else { continue };
            for (at, entry) in self.j.list(&at, value) {
                if let Some(title) = self.j.title(&at, entry) {
                    self.r.titles.push(Title { title, title_type: title_type.clone(), lang: None });
                }
            }
        }
    }

    // ---- people --------------------------------------------------------------------------------

    fn people(&mut self, key: &str, role: &Role) {
        let Some((at, value)) = self.get(key) else { return };
        for object in self.j.objects(&at, value) {
            let at = object.at.clone();
            if let Some(person) = self.person(object) {
                self.people.push((person, role.clone(), at));
            }
        }
    }

    /// A person (`given`, `family`) or an organisation (`name`), with ORCID and affiliations;
    /// `None` (reported) without a name, or for an "et al." marker.
    pub(crate) fn person(&mut self, mut o: Obj<'_>) -> Option<Person> {
        let mut person = Person::default();
        let given = o.get("given");
        let family = o.get("family");
        let name = o.get("name");
        let suffix = o.get("suffix");
        if let Some((at, value)) = o.get("ORCID") {
            if let Some(orcid) = self.j.text(&at, value) {
                person.ids.push(people::orcid_identifier(orcid));
            }
        }
        if let Some((at, value)) = o.get("affiliation") {
            for object in self.j.objects(&at, value) {
                person.affiliations.extend(self.affiliation(object));
            }
        }
        // Crossref's verification flag and the order, which is the list's.
        o.skip(&["authenticated-orcid", "sequence"]);
        let at = o.at.clone();
        o.rest(&mut self.j, "a contributor");
        person.given = given.and_then(|(at, v)| self.j.name(&at, v));
        person.family = family.and_then(|(at, v)| self.j.name(&at, v));
        let full = name.and_then(|(at, v)| self.j.name(&at, v).map(|n| (n, at)));
        let has_parts = person.family.is_some() || person.given.is_some();
        match (&person.family, &person.given) {
            (Some(family), Some(given)) => person.name = format!("{family}, {given}"),
            (Some(family), None) => person.name = family.clone(),
            (None, Some(given)) => {
                let message = format!("the contributor has a given name {} but no family name", quote(given));
                self.j.missing(&at, message);
                person.name = given.clone();
            }
            (None, None) => match &full {
                // An organisation is a `name` alone; a person known by one string (one with an
                // ORCID) is split by the splitter every reader shares.
                Some((name, name_at)) if !person.ids.is_empty() && !people::is_et_al(name) => {
                    match crosswalk_rules::names::split_personal_name(name) {
                        Some(split) => {
                            self.j.push(split.diagnostic(name).at(crosswalk_model::Location::path(name_at)));
                            person.name = split.display();
                            person.given = Some(split.given);
                            person.family = Some(split.family);
                        }
                        None => person.name = name.clone(),
                    }
                    person.name_type = Some(NameType::Personal);
                }
                Some((name, _)) => {
                    person.name = name.clone();
                    person.name_type = Some(NameType::Organizational);
                }
                None => {
                    self.j.missing(&at, "the contributor has no given, family or name; not read".to_owned());
                    return None;
                }
            },
        }
        if has_parts {
            person.name_type = Some(NameType::Personal);
            if let Some((name, name_at)) = &full {
                let value = Value::String(name.clone());
                self.j.unmapped(name_at, &value, "is another form of a name already read from its parts; not carried");
            }
        }
        if let Some(suffix) = suffix.and_then(|(at, v)| self.j.name(&at, v)) {
            person.name = format!("{}, {suffix}", person.name);
        }
        // "et al." is a marker that the list goes on, not a name.
        if people::is_et_al(&person.name) || person.family.as_deref().is_some_and(people::is_et_al) {
            let message = format!(
                "the contributor {} is an \"et al.\" marker, not a contributor; left out (the work has more contributors than listed)",
                quote(&person.name)
            );
            self.j.warn(ET_AL, &at, message);
            return None;
        }
        Some(person)
    }

    /// An affiliation: its name and one identifier (a ROR ID first).
    fn affiliation(&mut self, o: Obj<'_>) -> Option<crosswalk_model::Affiliation> {
        let at = o.at.clone();
        let institution = self.institution(o, "an affiliation");
        let affiliation = institution.into_affiliation();
        if affiliation.name.is_empty() && affiliation.affiliation_identifier.is_none() {
            self.j.missing(&at, "the affiliation has neither name nor identifier; not read".to_owned());
            return None;
        }
        Some(affiliation)
    }

    /// An institution or affiliation object: `name`, `id` (ROR, ISNI, Wikidata; one kept, a ROR
    /// ID first); `acronym`, `place` and `department` have no place in an affiliation.
    fn institution(&mut self, mut o: Obj<'_>, what: &str) -> Institution {
        let mut result = Institution::default();
        if let Some((at, value)) = o.get("name") {
            result.name = self.j.name(&at, value).unwrap_or_default();
        }
        let mut ids: Vec<(String, &'static str, &'static str, String)> = Vec::new();
        if let Some((at, value)) = o.get("id") {
            for mut id in self.j.objects(&at, value) {
                let text = id.get("id").and_then(|(at, v)| self.j.text(&at, v));
                let kind = id.get("id-type").and_then(|(at, v)| self.j.text(&at, v)).unwrap_or_default();
                id.skip(&["asserted-by"]);
                let id_at = id.at.clone();
                id.rest(&mut self.j, "an identifier");
                let Some(text) = text else { continue };
                let (scheme, uri) = match kind.to_ascii_lowercase().as_str() {
                    "ror" => ("ROR", "https://ror.org"),
                    "isni" => ("ISNI", "https://isni.org/isni/"),
                    "wikidata" => ("Wikidata", "https://www.wikidata.org/wiki/"),
                    _ => {
                        let message = format!(
                            "identifier type {} is not ROR, ISNI or Wikidata; the identifier {} is not read",
                            quote(&kind),
                            quote(&text)
                        );
                        self.j.warn(codes::VOCAB_UNKNOWN, &id_at, message);
                        continue;
                    }
                };
                ids.push((text, scheme, uri, id_at));
            }
        }
        for key in ["acronym", "place", "department"] {
            if let Some((at, value)) = o.get(key) {
                self.j.unmapped(&at, value, "has no place in a DataCite affiliation; not carried");
            }
        }
        let at = o.at.clone();
        o.rest(&mut self.j, what);
        // The schema admits one identifier per affiliation: a ROR ID first, as DataCite recommends.
        if let Some(best) = ids.iter().position(|(_, s, _, _)| *s == "ROR").or((!ids.is_empty()).then_some(0)) {
            let (id, scheme, uri, _) = ids.remove(best);
            result.id = Some((id, scheme, uri));
        }
        for (id, _, _, id_at) in ids {
            let value = Value::String(id);
            self.j.unmapped(
                &id_at,
                &value,
                "is a further identifier of an institution that already has one; not carried",
            );
        }
        if result.name.is_empty() && result.id.is_some() {
            self.j.missing(&at, format!("{what} has an identifier but no name; its name is left empty"));
        }
        result
    }

    // ---- the container -------------------------------------------------------------------------

    /// The container's related item, made when the type is always in a container.
    fn main_item(&mut self, make: bool) -> Option<&mut RelatedItem> {
        if self.main.is_none() && (make || self.kind.always) && self.kind.general != ResourceTypeGeneral::Other {
            self.r.related_items.insert(
                0,
                RelatedItem {
                    related_item_type: Some(self.kind.general.clone()),
                    relation_type: Some(self.kind.relation.clone()),
                    ..Default::default()
                },
            );
            self.main = Some(0);
        }
        self.main.and_then(|i| self.r.related_items.get_mut(i))
    }

    /// A related identifier `IsPartOf` of the container (every ISSN, ISBN), once.
    fn part_of(&mut self, kind: RelatedIdentifierType, value: String, general: ResourceTypeGeneral) {
        let related = RelatedIdentifier {
            related_identifier: value,
            related_identifier_type: Some(kind),
            relation_type: Some(RelationType::IsPartOf),
            resource_type_general: Some(general),
            ..Default::default()
        };
        if !self.r.related_identifiers.contains(&related) {
            self.r.related_identifiers.push(related);
        }
    }

    /// An identifier of the container: its related item's identifier (the first), and a
    /// related identifier `IsPartOf`.
    fn container_id(&mut self, kind: RelatedIdentifierType, value: String, general: ResourceTypeGeneral) {
        if let Some(item) = self.main_item(false) {
            if item.related_item_identifier.is_none() {
                item.related_item_identifier = Some(RelatedItemIdentifier {
                    related_item_identifier: value.clone(),
                    related_item_identifier_type: Some(kind.clone()),
                    ..Default::default()
                });
            }
        }
        self.part_of(kind, value, general);
    }

    fn container(&mut self) {
        use ResourceTypeGeneral as R;
        let general = self.kind.general.clone();
        if let Some((at, value)) = self.get("container-title") {
            let titles: Vec<String> =
                self.j.list(&at, value).into_iter().filter_map(|(at, v)| self.j.title(&at, v)).collect();
            if !titles.is_empty() {
                match self.main_item(true) {
                    Some(item) => {
                        for title in titles {
                            let title_type = (!item.titles.is_empty()).then_some(TitleType::AlternativeTitle);
                            item.titles.push(Title { title, title_type, lang: None });
                        }
                    }
                    None => {
                        let message = format!(
                            "a {} has no container a related item could stand for; the container title is not carried",
                            self.type_label()
                        );
                        self.j.unmapped(&at, value, &format!("({message})"));
                    }
                }
            }
        }
        if let Some((at, value)) = self.get("short-container-title") {
            let titles: Vec<String> =
                self.j.list(&at, value).into_iter().filter_map(|(at, v)| self.j.title(&at, v)).collect();
            match self.main_item(false) {
                Some(item) => {
                    for title in titles {
                        let known = item.titles.iter().any(|t| t.title == title);
                        if !known {
                            let title_type = (!item.titles.is_empty()).then_some(TitleType::AlternativeTitle);
                            item.titles.push(Title { title, title_type, lang: None });
                        }
                    }
                }
                None if !titles.is_empty() => self.j.unmapped(
                    &at,
                    value,
                    "(an abbreviated container title) has no container to go with; not carried",
                ),
                None => {}
            }
        }
        // ISSNs and ISBNs: `ISSN` and `ISBN` list them, `issn-type` and `isbn-type` say which is
        // print and which electronic (not carried, as the deposit's media_type is not).
        let mut issns = self.numbers("ISSN", "issn-type");
        let isbns = self.numbers("ISBN", "isbn-type");
        for issn in issns.drain(..) {
            match general {
                R::Journal | R::Collection => self.container_id(RelatedIdentifierType::Issn, issn, general.clone()),
                // The ISSN of a book's or proceedings' series.
                R::Book | R::ConferenceProceeding | R::Report => {
                    self.part_of(RelatedIdentifierType::Issn, issn, R::Collection)
                }
                _ => self.alternate(issn, "ISSN"),
            }
        }
        for isbn in isbns {
            match general {
                R::Book | R::ConferenceProceeding | R::Report => {
                    self.container_id(RelatedIdentifierType::Isbn, isbn, general.clone())
                }
                _ => self.alternate(isbn, "ISBN"),
            }
        }
        if let Some((at, value)) = self.get("volume") {
            if let Some(volume) = self.j.text(&at, value) {
                match self.main_item(false) {
                    Some(item) if item.volume.is_none() => item.volume = Some(volume),
                    Some(_) => self.j.warn(codes::FIELD_REPEATED, &at, "a second volume is not read".to_owned()),
                    None => self.j.unmapped(&at, value, "has no series or journal to be the volume of; not carried"),
                }
            }
        }
        let issue = self.get("issue");
        if let Some((at, value)) = self.get("journal-issue") {
            self.journal_issue(&at, value);
        }
        if let Some((at, value)) = issue {
            if let Some(text) = self.j.text(&at, value) {
                match self.main_item(false) {
                    Some(item) if item.issue.is_none() || item.issue.as_deref() == Some(text.as_str()) => {
                        item.issue = Some(text)
                    }
                    Some(_) => self.j.warn(codes::FIELD_REPEATED, &at, "a second issue number is not read".to_owned()),
                    None => self.j.unmapped(&at, value, "has no journal to be the issue of; not carried"),
                }
            }
        }
        if let Some((at, value)) = self.get("page") {
            if let Some(pages) = self.j.text(&at, value) {
                self.pages(&at, &pages);
            }
        }
        if let Some((at, value)) = self.get("article-number") {
            if let Some(number) = self.j.text(&at, value) {
                self.article_number = Some(number.clone());
                match self.main_item(false) {
                    Some(item) if item.number.is_none() => {
                        item.number = Some(number);
                        item.number_type = Some(NumberType::Article);
                    }
                    _ => self.alternate(number, "article_number"),
                }
            }
        }
        if let Some((at, value)) = self.get("edition-number") {
            if let Some(edition) = self.j.text(&at, value) {
                // A chapter's edition is its book's.
                let in_book = matches!(general, R::Book | R::ConferenceProceeding | R::Report);
                let version_free = self.r.version.is_none();
                match self.main_item(false).filter(|_| in_book) {
                    Some(item) if item.edition.is_none() => item.edition = Some(edition),
                    Some(_) => self.j.warn(codes::FIELD_REPEATED, &at, "a second edition is not read".to_owned()),
                    None if version_free => self.r.version = Some(edition),
                    None => self.j.warn(codes::FIELD_REPEATED, &at, "a second version is not read".to_owned()),
                }
            }
        }
        // The alternative ids repeat the article number often.
        if let Some(number) = &self.article_number {
            let number = number.clone();
            self.r.alternate_identifiers.retain(|id| {
                id.alternate_identifier != number
                    || id.alternate_identifier_type.as_deref() != Some("Publisher identifier")
            });
        }
    }

    /// The type's name for messages.
    fn type_label(&self) -> String {
        if self.type_id.is_empty() {
            "work".to_owned()
        } else {
            self.type_id.clone()
        }
    }

    /// The values of `key` (`ISSN`), with those of `typed` (`issn-type`) it lacks.
    fn numbers(&mut self, key: &str, typed: &str) -> Vec<String> {
        let mut values: Vec<String> = match self.get(key) {
            Some((at, value)) => self.j.texts(&at, value).into_iter().map(|(_, v)| v).collect(),
            None => Vec::new(),
        };
        if let Some((at, value)) = self.get(typed) {
            for mut entry in self.j.objects(&at, value) {
                let text = entry.get("value").and_then(|(at, v)| self.j.text(&at, v));
                entry.skip(&["type"]);
                entry.rest(&mut self.j, "a typed number");
                if let Some(text) = text.filter(|t| !values.contains(t)) {
                    values.push(text);
                }
            }
        }
        values.dedup();
        values
    }

    /// `journal-issue`: the issue number and the issue's dates (its year is the work's when the
    /// work has no date of its own, as the deposit's `journal_issue/publication_date`).
    fn journal_issue(&mut self, at: &str, value: &'v Value) {
        let Some(mut issue) = self.j.object(at, value) else { return };
        if let Some((at, value)) = issue.get("issue") {
            if let Some(text) = self.j.text(&at, value) {
                match self.main_item(false) {
                    Some(item) if item.issue.is_none() => item.issue = Some(text),
                    Some(_) => {}
                    None => self.j.unmapped(&at, value, "has no journal to be the issue of; not carried"),
                }
            }
        }
        let mut earliest: Option<DateValue> = None;
        for key in ["published-print", "published-online", "published"] {
            if let Some((at, value)) = issue.get(key) {
                if let Some(date) = self.date(&at, value) {
                    if earliest.as_ref().is_none_or(|e| date.key < e.key) {
                        earliest = Some(date);
                    }
                }
            }
        }
        issue.rest(&mut self.j, "a journal issue");
        if let Some(date) = earliest {
            if let Some(item) = self.main_item(false) {
                item.publication_year = Some(date.year.clone());
            }
            self.container_year.get_or_insert(date.year);
        }
    }

    /// `page`: the container's first and last page; without a container, a size.
    fn pages(&mut self, at: &str, pages: &str) {
        let ranges: Vec<&str> = pages.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
        let first_range = ranges.first().copied().unwrap_or(pages);
        let last_range = ranges.last().copied().unwrap_or(pages);
        let split = |range: &str| -> (String, Option<String>) {
            match range.split_once(['-', '–']) {
                Some((a, b)) => (a.trim().to_owned(), Some(b.trim().to_owned()).filter(|b| !b.is_empty())),
                None => (range.trim().to_owned(), None),
            }
        };
        let (first, _) = split(first_range);
        let (last_start, last_end) = split(last_range);
        let last = if ranges.len() > 1 { Some(last_end.unwrap_or(last_start)) } else { last_end };
        if ranges.len() > 1 {
            let message = format!(
                "pages {} hold several ranges; a related item has a first and a last page, so {first}–{} are kept and the gaps between the ranges are not carried",
                quote(pages),
                last.as_deref().unwrap_or("")
            );
            self.j.warn(codes::FIELD_UNMAPPED, at, message);
        }
        match self.main_item(false) {
            Some(item) => {
                item.first_page = Some(first).filter(|f| !f.is_empty());
                item.last_page = last;
            }
            None => self.r.sizes.push(format!("pages {pages}")),
        }
    }

    // ---- publisher and dates -------------------------------------------------------------------

    fn publisher(&mut self) {
        if let Some((at, value)) = self.get("publisher") {
            if let Some(name) = self.j.name(&at, value) {
                self.r.publisher = Some(Publisher::named(name));
            }
        }
        if let Some((at, value)) = self.get("publisher-location") {
            self.j.unmapped(&at, value, "(the publisher's place) has no place in DataCite; not carried");
        }
    }

    fn dates(&mut self) {
        let mut publication = false;
        for (key, information) in [
            ("published-print", Some("print")),
            ("published-online", Some("online")),
            ("published-other", Some("other media")),
        ] {
            if let Some(date) = self.date_of(key) {
                publication = true;
                self.issued_date(date, information);
            }
        }
        if let Some(date) = self.date_of("posted") {
            publication = true;
            self.issued_date(date, None);
        }
        if let Some(date) = self.date_of("approved") {
            // The date a thesis, report or standard was approved: its date of issue, unless the
            // work also has publication dates.
            if publication {
                self.push_date(date.date, DateType::Other, Some("approval date".into()));
            } else {
                self.issued_date(date, Some("approval date"));
            }
        }
        if let Some(date) = self.date_of("accepted") {
            self.push_date(date.date, DateType::Accepted, None);
        }
        if let Some(date) = self.date_of("content-created") {
            self.push_date(date.date, DateType::Created, None);
        }
        if let Some(date) = self.date_of("content-updated") {
            self.push_date(date.date, DateType::Updated, None);
        }
        // `published` is Crossref's earliest of the dates above, and `issued` its earliest date of
        // any kind: they repeat what is read, and stand in only for a work that has none.
        for key in ["published", "issued"] {
            let date = self.date_of(key);
            if let Some(date) = date.filter(|_| self.issued.is_empty()) {
                self.issued_date(date, None);
            }
        }
    }

    /// The date at `key` of the work.
    fn date_of(&mut self, key: &str) -> Option<DateValue> {
        let (at, value) = self.get(key)?;
        self.date(&at, value)
    }

    fn issued_date(&mut self, date: DateValue, information: Option<&str>) {
        self.push_date(date.date.clone(), DateType::Issued, information.map(str::to_owned));
        self.issued.push(date);
    }

    pub(crate) fn push_date(&mut self, date: String, date_type: DateType, information: Option<String>) {
        let date = Date { date, date_type: Some(date_type), date_information: information };
        if !self.r.dates.contains(&date) {
            self.r.dates.push(date);
        }
    }

    /// A Crossref date (`{"date-parts": [[2020, 3, 5]]}`) as `YYYY-MM-DD` with the XML reader's
    /// rules: seasons 21–24 kept (EDTF), quarters 31–34 as EDTF 33–36 (reported), parts out of
    /// range reported and left out with the finer ones. `[[null]]`, Crossref's date without
    /// parts, is no date.
    pub(crate) fn date(&mut self, at: &str, value: &Value) -> Option<DateValue> {
        let mut date = self.j.object(at, value)?;
        let parts = date.get("date-parts");
        // The same date as a time stamp, which Crossref derives from the parts.
        date.skip(&["date-time", "timestamp"]);
        date.rest(&mut self.j, "a date");
        let Some((parts_at, parts)) = parts else {
            self.j.missing(at, "a date without \"date-parts\" is not read".to_owned());
            return None;
        };
        let mut lists = self.j.list(&parts_at, parts).into_iter();
        let (first_at, first) = lists.next()?;
        for (extra_at, extra) in lists {
            self.j.unmapped(&extra_at, extra, "(the end of a date range) has no place here; not carried");
        }
        let Value::Array(parts) = first else {
            self.j.wrong_type(&first_at, "a list of year, month and day", first);
            return None;
        };
        let part = |i: usize| parts.get(i).filter(|v| !v.is_null()).map(|v| (item(&first_at, i), v));
        let (year_at, year) = part(0)?;
        for i in 3..parts.len() {
            if let Some((at, extra)) = part(i) {
                self.j.unmapped(&at, extra, "is a date part beyond the day; not carried");
            }
        }
        let year_text = self.j.text(&year_at, year)?;
        let Some(year_number) = number(&year_text).filter(|_| year_text.len() == 4) else {
            let message = format!("year {} is not a four-digit year; the date is not read", quote(&year_text));
            self.j.warn(codes::VALUE_INVALID, &year_at, message);
            return None;
        };
        let mut value = DateValue { date: year_text.clone(), year: year_text.clone(), key: (year_number, 0, 0) };
        let Some((month_at, month)) = part(1) else {
            if let Some((day_at, _)) = part(2) {
                let message = "a day without month is not read; the year is kept".to_owned();
                self.j.warn(codes::VALUE_INVALID, &day_at, message);
            }
            return Some(value);
        };
        let Some(month_text) = self.j.text(&month_at, month) else { return Some(value) };
        let Some(month_number) = number(&month_text).filter(|m| matches!(m, 1..=12 | 21..=24 | 31..=34)) else {
            let message = format!("month {} is not 1–12, 21–24 or 31–34; only the year is kept", quote(&month_text));
            self.j.warn(codes::VALUE_INVALID, &month_at, message);
            return Some(value);
        };
        let edtf_month = if (31..=34).contains(&month_number) { month_number + 2 } else { month_number };
        value.date = format!("{year_text}-{edtf_month:02}");
        value.key.1 = month_number;
        if edtf_month != month_number {
            let message = format!("quarter {month_text} of {year_text} written as EDTF {}", value.date);
            self.j.info(DATE_CONVERTED, &month_at, message);
        } else if month.is_string() && month_text.len() == 1 {
            self.j.info(DATE_CONVERTED, &month_at, format!("month {month_text} written as {edtf_month:02}"));
        }
        let Some((day_at, day)) = part(2) else { return Some(value) };
        let Some(day_text) = self.j.text(&day_at, day) else { return Some(value) };
        if month_number > 12 {
            let message = format!("day {} of a season or quarter is not read", quote(&day_text));
            self.j.warn(codes::VALUE_INVALID, &day_at, message);
            return Some(value);
        }
        let Some(day_number) = number(&day_text).filter(|d| (1..=days_in(year_number, month_number)).contains(d))
        else {
            let message = format!("day {} is not a day of {}; the day is not read", quote(&day_text), value.date);
            self.j.warn(codes::VALUE_INVALID, &day_at, message);
            return Some(value);
        };
        value.date = format!("{}-{day_number:02}", value.date);
        value.key.2 = day_number;
        if day.is_string() && day_text.len() == 1 {
            self.j.info(DATE_CONVERTED, &day_at, format!("day {day_text} written as {day_number:02}"));
        }
        Some(value)
    }

    /// A date written as text (an assertion's, a licence's), for `publicationYear`.
    pub(crate) fn issued_year(&mut self, date: &str) {
        if let Some(year) = date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
            let key = (year.parse().unwrap_or(0), 0, 0);
            self.issued.push(DateValue { date: date.to_owned(), year: year.to_owned(), key });
        }
    }

    // ---- descriptions, subjects, the rest of the work ---------------------------------------------

    pub(crate) fn description(&mut self, text: String, kind: DescriptionType, lang: Option<String>) {
        self.r.descriptions.push(Description { description: text, description_type: Some(kind), lang });
    }

    fn descriptive(&mut self) {
        if let Some((at, value)) = self.get("abstract") {
            if let Some(text) = self.j.jats(&at, value) {
                self.description(text, DescriptionType::Abstract, None);
            }
        }
        for key in ["subject", "group-title"] {
            if let Some((at, value)) = self.get(key) {
                for (_, subject) in self.j.texts(&at, value) {
                    let subject = Subject { subject, ..Default::default() };
                    if !self.r.subjects.contains(&subject) {
                        self.r.subjects.push(subject);
                    }
                }
            }
        }
        if let Some((at, value)) = self.get("language") {
            self.r.language = self.j.text(&at, value);
        }
        if let Some((at, value)) = self.get("degree") {
            for (_, degree) in self.j.texts(&at, value) {
                self.description(format!("Degree: {degree}"), DescriptionType::Other, None);
            }
        }
        if let Some((at, value)) = self.get("institution") {
            for object in self.j.objects(&at, value) {
                let at = object.at.clone();
                let institution = self.institution(object, "an institution");
                if institution.name.is_empty() {
                    self.j.missing(&at, "the institution has no name; not read".to_owned());
                } else {
                    self.institutions.push(institution);
                }
            }
        }
        if let Some((at, value)) = self.get("standards-body") {
            for mut body in self.j.objects(&at, value) {
                if let Some(name) = body.get("name").and_then(|(at, v)| self.j.name(&at, v)) {
                    self.organisations.push(name);
                }
                if let Some((at, value)) = body.get("acronym") {
                    self.j.unmapped(&at, value, "(the standards body's acronym) has no place in DataCite; not carried");
                }
                body.rest(&mut self.j, "a standards body");
            }
        }
        if let Some((at, value)) = self.get("review") {
            if let Some(mut review) = self.j.object(&at, value) {
                if let Some((at, value)) = review.get("competing-interest-statement") {
                    if let Some(text) = self.j.rich(&at, value) {
                        self.description(text, DescriptionType::Other, None);
                    }
                }
                if let Some((at, value)) = review.get("language") {
                    let language = self.j.text(&at, value);
                    if self.r.language.is_none() {
                        self.r.language = language;
                    }
                }
                for key in ["type", "stage", "recommendation", "revision-round", "running-number"] {
                    if let Some((at, value)) = review.get(key) {
                        self.j.unmapped(&at, value, "(of the peer review) has no place in DataCite; not carried");
                    }
                }
                review.rest(&mut self.j, "a review");
            }
        }
    }

    /// `event`: the conference, a related item `Event` (relation `Other`, "Presented at").
    fn event(&mut self) {
        let Some((at, value)) = self.get("event") else { return };
        let Some(mut event) = self.j.object(&at, value) else { return };
        let mut item = RelatedItem {
            related_item_type: Some(ResourceTypeGeneral::Event),
            relation_type: Some(RelationType::Other),
            relation_type_information: Some(
                if self.type_id == "proceedings" { "Proceedings of" } else { "Presented at" }.to_owned(),
            ),
            ..Default::default()
        };
        if let Some((at, value)) = event.get("name") {
            item.titles.extend(self.j.title(&at, value).map(Title::new));
        }
        if let Some((at, value)) = event.get("acronym") {
            if let Some(title) = self.j.title(&at, value) {
                item.titles.push(Title { title, title_type: Some(TitleType::AlternativeTitle), lang: None });
            }
        }
        if let Some((at, value)) = event.get("theme") {
            if let Some(title) = self.j.title(&at, value) {
                item.titles.push(Title { title, title_type: Some(TitleType::Other), lang: None });
            }
        }
        if let Some((at, value)) = event.get("sponsor") {
            for (_, name) in self.j.texts(&at, value) {
                item.contributors.push(RelatedItemContributor {
                    name,
                    name_type: Some(NameType::Organizational),
                    contributor_type: Some(ContributorType::Sponsor),
                    ..Default::default()
                });
            }
        }
        if let Some((at, value)) = event.get("number") {
            if let Some(number) = self.j.text(&at, value) {
                item.number = Some(number);
                item.number_type = Some(NumberType::Other);
            }
        }
        if let Some((at, value)) = event.get("location") {
            self.j.unmapped(
                &at,
                value,
                "(where the conference took place) has no place in a related item; not carried",
            );
        }
        let start = event.get("start");
        let end = event.get("end");
        let event_at = event.at.clone();
        event.rest(&mut self.j, "an event");
        let start_date = start.as_ref().and_then(|(at, v)| self.date(at, v));
        let end_date = end.as_ref().and_then(|(at, v)| self.date(at, v));
        if let Some(start) = &start_date {
            item.publication_year = Some(start.year.clone());
        }
        if start.is_some() || end.is_some() {
            let shown = [&start_date, &end_date]
                .iter()
                .filter_map(|d| d.as_ref().map(|d| d.date.clone()))
                .collect::<Vec<_>>()
                .join("/");
            let at = start.as_ref().or(end.as_ref()).map_or(event_at, |(at, _)| at.clone());
            let message = match &start_date {
                Some(start) => format!(
                    "the conference dates {} have no place in a related item; only the year {} is kept",
                    quote(&shown),
                    start.year
                ),
                None => format!("the conference dates {} have no place in a related item; not carried", quote(&shown)),
            };
            self.j.warn(codes::FIELD_UNMAPPED, &at, message);
        }
        if item.titles.is_empty() {
            self.j.missing(&at, "the event has no \"name\"".to_owned());
        }
        self.r.related_items.push(item);
    }

    // ---- finishing -----------------------------------------------------------------------------

    fn finish(mut self) -> Mapped {
        let at = self.at.clone();
        let work = std::mem::replace(&mut self.work, Obj::new(empty_map(), String::new()));
        work.rest(&mut self.j, "a Crossref work");
        self.people_into_place();
        for name in std::mem::take(&mut self.organisations) {
            if self.r.publisher.is_none() {
                self.r.publisher = Some(Publisher::named(name.clone()));
            }
            self.r
                .creators
                .push(Person { name, name_type: Some(NameType::Organizational), ..Person::default() }.into_creator());
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
        super::programs::finish_grant(&mut self);
        self.publication_year(&at);
        if self.r.doi.is_none() {
            self.j.warn(NO_DOI, &at, "the work has no \"DOI\"; the record has none".to_owned());
        }
        if self.r.titles.is_empty() {
            self.compose_title(&at);
        }
        self.dedupe(&at);
        Mapped { resource: self.r, diagnostics: self.j.diagnostics }
    }

    /// Authors are creators; editors, translators and chairs contributors; a work without
    /// authors has its editors as creators too (the rule every reader shares).
    fn people_into_place(&mut self) {
        let peer_review = self.resource_type == "PeerReview";
        let mut contributor_at = Vec::new();
        for (person, role, at) in std::mem::take(&mut self.people) {
            if people::is_creator_role(&role, peer_review) {
                self.r.creators.push(person.into_creator());
                continue;
            }
            if let Role::Reviewer(role) | Role::Other(role) = &role {
                let message = format!(
                    "the role {} has no DataCite contributorType; the contributor is read with type Other",
                    quote(role)
                );
                self.j.warn(ROLE_OTHER, &at, message);
            }
            let kind = people::contributor_type(&role).unwrap_or(ContributorType::Other);
            self.r.contributors.push(person.into_contributor(kind));
            contributor_at.push(at);
        }
        if let Some(promoted) = editors_as_creators(&mut self.r) {
            let at = contributor_at.get(promoted.first).cloned().unwrap_or_else(|| self.at.clone());
            self.j.push(promoted.diagnostic().at(crosswalk_model::Location::path(at)));
        }
    }

    fn publication_year(&mut self, at: &str) {
        if let Some(earliest) = self.issued.iter().min_by_key(|d| d.key) {
            self.r.publication_year = Some(earliest.year.clone());
        } else if let Some(year) = self.container_year.clone() {
            let message = format!("the work has no publication date; the year {year} of its journal issue is read");
            self.j.info(INHERITED, at, message);
            self.r.publication_year = Some(year);
        } else if let Some(accepted) = self.r.dates.iter().find(|d| d.date_type == Some(DateType::Accepted)) {
            if let Some(year) = accepted.date.get(..4).map(str::to_owned) {
                let message = format!("the work has no publication date; the year {year} of its acceptance is read");
                self.j.info(INHERITED, at, message);
                self.r.publication_year = Some(year);
            }
        }
    }

    /// A journal issue or volume without a title of its own is named after its journal and
    /// numbers (reported).
    fn compose_title(&mut self, at: &str) {
        if !matches!(self.resource_type, "JournalIssue" | "JournalVolume") {
            return;
        }
        let Some(item) = self.main.and_then(|i| self.r.related_items.get(i)) else { return };
        let Some(journal) = item.titles.first().map(|t| t.title.clone()) else { return };
        let mut title = journal;
        if let Some(volume) = &item.volume {
            title.push_str(&format!(", volume {volume}"));
        }
        if self.resource_type == "JournalIssue" {
            if let Some(issue) = &item.issue {
                title.push_str(&format!(", issue {issue}"));
            }
        }
        let message = format!("the {} has no title of its own; it is named {}", self.type_id, quote(&title));
        self.j.info(INHERITED, at, message);
        self.r.titles.push(Title::new(title));
    }

    /// Removes repeated identical values (the same reference twice), reported once.
    fn dedupe(&mut self, at: &str) {
        let count = |r: &Resource| {
            r.funding_references.len() + r.related_identifiers.len() + r.rights_list.len() + r.related_items.len()
        };
        let before = count(&self.r);
        dedupe(&mut self.r.funding_references);
        dedupe(&mut self.r.related_identifiers);
        dedupe(&mut self.r.rights_list);
        dedupe(&mut self.r.related_items);
        let after = count(&self.r);
        if after < before {
            let message = format!("{} value(s) given twice were kept once", before - after);
            self.j.info(DUPLICATES_MERGED, at, message);
        }
    }
}

fn dedupe<T: PartialEq>(list: &mut Vec<T>) {
    let mut kept: Vec<T> = Vec::with_capacity(list.len());
    for value in list.drain(..) {
        if !kept.contains(&value) {
            kept.push(value);
        }
    }
    *list = kept;
}

/// An empty object, to put in place of the work once it is read.
fn empty_map() -> &'static serde_json::Map<String, Value> {
    static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> = std::sync::OnceLock::new();
    EMPTY.get_or_init(serde_json::Map::new)
}

/// A decimal number of at most four digits.
fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
}

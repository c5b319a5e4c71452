//! One work of a deposit: the element of its kind (with its container), written in the order
//! Crossref's 5.4.0 XSD requires, every value checked against the schema's facets first.

use crosswalk_model::{
    Affiliation, ContributorType, DateType, DescriptionType, Diagnostic, FunderIdentifierType, Location,
    NameIdentifier, NameType, RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral,
    TitleType,
};

use super::{
    escape_into, relations, INVALID_VALUE, MISSING_DOI, MISSING_REQUIRED, MISSING_URL, NO_TYPE, UNREPRESENTABLE,
};

/// The kinds of work the writer deposits, each with the attribute value that selects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkKind {
    /// `journal/journal_article`.
    JournalArticle,
    /// `book[@book_type]/book_metadata`.
    Book(&'static str),
    /// `book/content_item[@component_type]`.
    Chapter(&'static str),
    /// `conference/conference_paper`.
    ConferencePaper,
    /// `database/dataset`.
    Dataset,
    /// `dissertation`.
    Dissertation,
    /// `report-paper/report-paper_metadata`.
    Report,
    /// `posted_content[@type]`.
    Posted(&'static str),
}

impl WorkKind {
    /// The element the body holds (Crossref's body holds one kind of them).
    pub fn body_element(self) -> &'static str {
        match self {
            WorkKind::JournalArticle => "journal",
            WorkKind::Book(_) | WorkKind::Chapter(_) => "book",
            WorkKind::ConferencePaper => "conference",
            WorkKind::Dataset => "database",
            WorkKind::Dissertation => "dissertation",
            WorkKind::Report => "report-paper",
            WorkKind::Posted(_) => "posted_content",
        }
    }
}

/// The kind of work a resource is deposited as, or why it cannot be deposited
/// ([`NO_TYPE`](super::NO_TYPE)).
///
/// ```
/// use crosswalk_crossref::write::{work_element, WorkKind};
/// use crosswalk_model::{Resource, ResourceTypeGeneral, Types};
/// let mut r = Resource::default();
/// r.types = Types::new(ResourceTypeGeneral::BookChapter, None);
/// assert_eq!(work_element(&r).unwrap(), WorkKind::Chapter("chapter"));
/// r.types = Types::new(ResourceTypeGeneral::Award, None);
/// assert!(work_element(&r).is_err());
/// ```
pub fn work_element(resource: &Resource) -> Result<WorkKind, Diagnostic> {
    use ResourceTypeGeneral as G;
    let specific = resource.types.resource_type.as_deref().unwrap_or("");
    let posted = specific == "PostedContent";
    let kind = match resource.types.resource_type_general.as_ref() {
        Some(G::JournalArticle | G::DataPaper) => WorkKind::JournalArticle,
        Some(G::Book) => WorkKind::Book(match specific {
            "EditedBook" => "edited_book",
            "ReferenceBook" => "reference",
            _ => "monograph",
        }),
        Some(G::BookChapter) => WorkKind::Chapter(match specific {
            "BookSection" => "section",
            "BookPart" => "part",
            "BookTrack" => "track",
            "ReferenceEntry" => "reference_entry",
            _ => "chapter",
        }),
        Some(G::ConferencePaper) => WorkKind::ConferencePaper,
        Some(G::Dataset) => WorkKind::Dataset,
        Some(G::Dissertation) if posted => WorkKind::Posted("dissertation"),
        Some(G::Dissertation) => WorkKind::Dissertation,
        Some(G::Report) if posted => WorkKind::Posted("report"),
        Some(G::Report) => WorkKind::Report,
        Some(G::Preprint) => WorkKind::Posted("preprint"),
        Some(G::PeerReview) if posted => WorkKind::Posted("review"),
        other => {
            let named = other.map(|g| g.as_str().to_owned()).unwrap_or_else(|| "no resourceTypeGeneral".into());
            return Err(Diagnostic::error(
                NO_TYPE,
                format!("a Crossref deposit has no place for a work of type {named}: journal articles, books, chapters, conference papers, datasets, dissertations, reports and posted content only"),
            )
            .at(Location::path("/types/resourceTypeGeneral")));
        }
    };
    Ok(kind)
}

/// Writes one resource as the element of its work (the work inside its container), with
/// notes on what was left out; or the errors that refuse it.
pub fn write_work(resource: &Resource) -> Result<(String, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let kind = work_element(resource).map_err(|e| errors.push(e)).ok();
    let doi = resource.doi.as_deref().map(str::trim).filter(|d| !d.is_empty());
    match doi {
        None => errors.push(
            Diagnostic::error(MISSING_DOI, "the record has no DOI: Crossref deposits register one per work")
                .at(Location::path("/doi")),
        ),
        Some(doi) if !valid_doi(doi) => errors.push(
            Diagnostic::error(
                MISSING_DOI,
                format!("\"{doi}\" is not a DOI Crossref takes (10.NNNN/…, at most 200 characters after the prefix)"),
            )
            .at(Location::path("/doi")),
        ),
        Some(_) => {}
    }
    let url = resource.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
    match url {
        None => errors.push(
            Diagnostic::error(
                MISSING_URL,
                "the record has no URL: Crossref requires the landing page its DOI resolves to (doi_data/resource)",
            )
            .at(Location::path("/url")),
        ),
        Some(url) if !is_url(url) || url.chars().count() > 2048 => errors.push(
            Diagnostic::error(
                MISSING_URL,
                format!("the URL \"{url}\" is not one Crossref takes (http, https or ftp, at most 2048 characters)"),
            )
            .at(Location::path("/url")),
        ),
        Some(_) => {}
    }
    let (Some(kind), Some(doi), Some(url)) = (kind, doi, url) else { return Err(errors) };
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut w = Work {
        r: resource,
        kind,
        out: String::with_capacity(4096),
        notes: Vec::new(),
        errors: Vec::new(),
        doi,
        url,
        used: Used::default(),
    };
    w.write();
    if !w.errors.is_empty() {
        return Err(w.errors);
    }
    w.lost();
    Ok((indent(&w.out, 2), w.notes))
}

/// The work's lines indented two spaces per level, starting at `level`. Only a line that starts
/// with a tag is indented: a value's own line breaks (an abstract's, a title's) continue with
/// text, never with `<` (escaped), so no value changes. Levels are counted from the tags, which
/// the writer's escaping keeps unambiguous.
fn indent(work: &str, level: usize) -> String {
    let mut out = String::with_capacity(work.len() + work.len() / 4);
    let mut depth = level;
    let mut line_start = true;
    let mut rest = work;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest.get(..end).unwrap_or(rest);
            let closing = tag.starts_with("</");
            if closing {
                depth = depth.saturating_sub(1);
            }
            if line_start {
                out.extend(std::iter::repeat_n("  ", depth));
            }
            if !closing && !tag.ends_with("/>") {
                depth += 1;
            }
            out.push_str(tag);
            rest = rest.get(end..).unwrap_or("");
            line_start = false;
        } else {
            out.push(c);
            line_start = c == '\n';
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    out
}

fn valid_doi(doi: &str) -> bool {
    let Some(rest) = doi.strip_prefix("10.") else { return false };
    let Some((registrant, suffix)) = rest.split_once('/') else { return false };
    (4..=9).contains(&registrant.len())
        && registrant.bytes().all(|b| b.is_ascii_digit())
        && (1..=200).contains(&suffix.chars().count())
        && !suffix.contains(['\n', '\r'])
}

fn is_url(value: &str) -> bool {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://"))
        && !value.contains(char::is_whitespace)
}

/// What the work wrote, so that the rest is reported.
#[derive(Default)]
struct Used {
    publisher: bool,
    version: bool,
    container: Option<usize>,
    accepted: bool,
    abstracts: bool,
    language: bool,
    /// The identifier type of the container's identifiers written as `issn` or `isbn` (the
    /// relations program leaves them out).
    container_ids: Option<RelatedIdentifierType>,
}

/// Year, month and day of a date.
#[derive(Clone, Copy)]
struct Ymd<'a> {
    year: &'a str,
    month: Option<&'a str>,
    day: Option<&'a str>,
}

struct Work<'a> {
    r: &'a Resource,
    kind: WorkKind,
    out: String,
    notes: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    doi: &'a str,
    url: &'a str,
    used: Used,
}

impl<'a> Work<'a> {
    fn text(&mut self, element: &str, value: &str) {
        self.out.push('<');
        self.out.push_str(element);
        self.out.push('>');
        escape_into(&mut self.out, value);
        self.out.push_str("</");
        self.out.push_str(element);
        self.out.push_str(">\n");
    }

    fn open(&mut self, tag: &str) {
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    fn close(&mut self, element: &str) {
        self.out.push_str("</");
        self.out.push_str(element);
        self.out.push_str(">\n");
    }

    fn missing(&mut self, pointer: &str, what: &str) {
        let kind = self.kind.body_element();
        self.errors.push(
            Diagnostic::error(
                MISSING_REQUIRED,
                format!("a Crossref {kind} deposit requires {what}, which the record lacks"),
            )
            .at(Location::path(pointer)),
        );
    }

    fn invalid(&mut self, pointer: &str, message: String) {
        self.notes.push(Diagnostic::warning(INVALID_VALUE, message).at(Location::path(pointer)));
    }

    fn lost_at(&mut self, pointer: &str, what: &str) {
        self.notes.push(
            Diagnostic::warning(UNREPRESENTABLE, format!("a Crossref deposit has no place for {what}"))
                .at(Location::path(pointer)),
        );
    }

    fn write(&mut self) {
        let r = self.r;
        let container = container(r);
        self.used.container = container.map(|(i, _)| i);
        let item = container.map(|(_, item)| item);
        match self.kind {
            WorkKind::JournalArticle => self.journal_article(item),
            WorkKind::Book(book_type) => self.book(book_type),
            WorkKind::Chapter(component_type) => self.chapter(component_type, item),
            WorkKind::ConferencePaper => self.conference_paper(item),
            WorkKind::Dataset => self.dataset(item),
            WorkKind::Dissertation => self.dissertation(),
            WorkKind::Report => self.report(),
            WorkKind::Posted(posted_type) => self.posted(posted_type),
        }
    }

    // ---- kinds ----------------------------------------------------------------------------

    fn journal_article(&mut self, item: Option<&RelatedItem>) {
        let Some(journal) = item.and_then(|i| container_title(i)) else {
            return self.missing("/relatedItems", "the journal (a related item IsPublishedIn with a title)");
        };
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a publication year") };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.open("journal");
        self.open("journal_metadata");
        self.limited("full_title", journal, 255, "/relatedItems");
        self.issns(item);
        self.close("journal_metadata");
        let volume = item.and_then(|i| i.volume.as_deref());
        let issue = item.and_then(|i| i.issue.as_deref());
        if volume.is_some() || issue.is_some() {
            self.open("journal_issue");
            self.date_element("publication_date", date);
            if let Some(v) = volume {
                self.open("journal_volume");
                self.limited("volume", v, 32, "/relatedItems");
                self.close("journal_volume");
            }
            if let Some(i) = issue {
                self.limited("issue", i, 32, "/relatedItems");
            }
            self.close("journal_issue");
        }
        let language = self.language();
        self.open(&format!("journal_article publication_type=\"full_text\"{language}"));
        self.titles();
        self.contributors();
        self.abstracts();
        self.date_element("publication_date", date);
        self.acceptance_date();
        self.pages(item);
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("journal_article");
        self.close("journal");
    }

    fn book(&mut self, book_type: &str) {
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a publication year") };
        let Some(publisher) = self.publisher() else { return self.missing("/publisher", "the publisher") };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.open(&format!("book book_type=\"{book_type}\""));
        let language = self.language();
        self.open(&format!("book_metadata{language}"));
        self.contributors();
        self.titles();
        self.abstracts();
        self.date_element("publication_date", date);
        self.acceptance_date();
        self.isbns(None, Some("monograph"));
        self.publisher_element(publisher);
        self.programs();
        self.doi_data();
        self.close("book_metadata");
        self.close("book");
    }

    fn chapter(&mut self, component_type: &str, item: Option<&RelatedItem>) {
        let Some(book_title) = item.and_then(|i| container_title(i)) else {
            return self.missing("/relatedItems", "the book (a related item IsPublishedIn with a title)");
        };
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a publication year") };
        let Some(publisher) = item.and_then(|i| i.publisher.as_deref()).or_else(|| self.publisher()) else {
            return self.missing("/publisher", "the book's publisher");
        };
        self.used.publisher = true;
        self.open("book book_type=\"edited_book\"");
        self.open("book_metadata");
        self.open("titles");
        self.text("title", book_title);
        self.close("titles");
        self.edition(item.and_then(|i| i.edition.as_deref()));
        self.date_element("publication_date", date);
        self.isbns(item, Some("monograph"));
        self.publisher_element(publisher);
        self.close("book_metadata");
        let language = self.language();
        self.open(&format!("content_item component_type=\"{component_type}\"{language}"));
        self.contributors();
        if self.has_title() {
            self.titles();
        }
        self.abstracts();
        self.date_element("publication_date", date);
        self.acceptance_date();
        self.pages(item);
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("content_item");
        self.close("book");
    }

    fn conference_paper(&mut self, item: Option<&RelatedItem>) {
        let Some(proceedings) = item.and_then(|i| container_title(i)) else {
            return self.missing("/relatedItems", "the proceedings (a related item IsPublishedIn with a title)");
        };
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a publication year") };
        let Some(publisher) = item.and_then(|i| i.publisher.as_deref()).or_else(|| self.publisher()) else {
            return self.missing("/publisher", "the proceedings' publisher");
        };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.used.publisher = true;
        self.open("conference");
        self.open("event_metadata");
        // The event is known by its proceedings' title: the model has no place for the event.
        let name = if proceedings.chars().filter(|c| xml_char(*c)).count() >= 3 { proceedings } else { "Proceedings" };
        self.limited("conference_name", name, 512, "/relatedItems");
        self.close("event_metadata");
        self.open("proceedings_metadata");
        self.limited("proceedings_title", proceedings, 511, "/relatedItems");
        self.publisher_element(publisher);
        self.date_element("publication_date", date);
        self.isbns(item, Some("archive_volume"));
        self.close("proceedings_metadata");
        let language = self.language();
        self.open(&format!("conference_paper publication_type=\"full_text\"{language}"));
        self.contributors();
        self.titles();
        self.abstracts();
        self.date_element("publication_date", date);
        self.acceptance_date();
        self.pages(item);
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("conference_paper");
        self.close("conference");
    }

    fn dataset(&mut self, item: Option<&RelatedItem>) {
        // The database a dataset belongs to: its container, else its repository (the publisher).
        let database =
            item.and_then(|i| container_title(i)).or_else(|| self.r.publisher.as_ref().map(|p| p.name.as_str()));
        let Some(database) = database else {
            return self.missing("/publisher", "the database (a related item IsPublishedIn, or the publisher)");
        };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.open("database");
        self.open("database_metadata");
        self.open("titles");
        self.text("title", database);
        self.close("titles");
        if let Some(publisher) = self.publisher() {
            self.publisher_element(publisher);
        }
        self.close("database_metadata");
        self.open("dataset dataset_type=\"record\"");
        self.contributors();
        self.titles();
        if let Some(date) = self.date() {
            self.open("database_date");
            self.date_element("publication_date", date);
            self.close("database_date");
        }
        if let Some(text) = self.abstract_text() {
            self.used.abstracts = true;
            self.text("description", &text);
        }
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("dataset");
        self.close("database");
    }

    fn dissertation(&mut self) {
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a year of approval") };
        let Some(institution) = self.r.publisher.as_ref().and_then(|p| present(&p.name)) else {
            return self.missing("/publisher", "the institution (the publisher)");
        };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.used.publisher = true;
        let language = self.language();
        self.open(&format!("dissertation publication_type=\"full_text\"{language}"));
        if self.contributors() == 0 {
            return self.missing("/creators", "an author with a name");
        }
        self.titles();
        self.abstracts();
        self.date_element("approval_date", date);
        self.open("institution");
        self.limited("institution_name", institution, 1024, "/publisher");
        self.close("institution");
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("dissertation");
    }

    fn report(&mut self) {
        let Some(date) = self.date() else { return self.missing("/publicationYear", "a publication year") };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        self.open("report-paper");
        let language = self.language();
        self.open(&format!("report-paper_metadata{language}"));
        self.contributors();
        self.titles();
        self.abstracts();
        self.date_element("publication_date", date);
        if let Some(publisher) = self.publisher() {
            self.publisher_element(publisher);
        }
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("report-paper_metadata");
        self.close("report-paper");
    }

    fn posted(&mut self, posted_type: &str) {
        let Some(date) = self.date() else {
            return self.missing("/publicationYear", "a date posted (publication year)");
        };
        if !self.has_title() {
            return self.missing("/titles", "a title");
        }
        let language = self.language();
        self.open(&format!("posted_content type=\"{posted_type}\"{language}"));
        self.contributors();
        self.titles();
        self.date_element("posted_date", date);
        self.acceptance_date();
        // The repository that posted it is its institution.
        if let Some(publisher) = self.r.publisher.as_ref().and_then(|p| present(&p.name)) {
            self.used.publisher = true;
            self.open("institution");
            self.limited("institution_name", publisher, 1024, "/publisher");
            self.close("institution");
        }
        self.abstracts();
        self.programs();
        self.version_info();
        self.doi_data();
        self.close("posted_content");
    }

    // ---- parts ----------------------------------------------------------------------------

    /// Writes a text element of at most `max` characters (the XSD's facet), cut there and said;
    /// nothing for a value without text.
    fn limited(&mut self, element: &str, value: &str, max: usize, pointer: &str) {
        let Some(value) = present(value) else { return };
        if value.chars().count() > max {
            let cut: String = value.chars().take(max).collect();
            self.invalid(pointer, format!("{element} holds at most {max} characters: the value was cut there"));
            self.text(element, cut.trim_end());
        } else {
            self.text(element, value);
        }
    }

    /// The work's `language` attribute: the language's ISO 639-1 code, which Crossref's list
    /// holds (a tag's region or script is not kept); empty when there is none.
    fn language(&mut self) -> String {
        let Some(tag) = self.r.language.as_deref() else { return String::new() };
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        if crosswalk_rules::languages::ISO_639.iter().any(|l| l.code == primary) {
            self.used.language = true;
            format!(" language=\"{primary}\"")
        } else {
            String::new()
        }
    }

    fn has_title(&self) -> bool {
        self.r.titles.iter().any(|t| !matches!(t.title_type, Some(TitleType::Subtitle)) && present(&t.title).is_some())
    }

    fn titles(&mut self) {
        let r = self.r;
        let main = r
            .titles
            .iter()
            .position(|t| t.title_type.is_none())
            .or_else(|| r.titles.iter().position(|t| !matches!(t.title_type, Some(TitleType::Subtitle))));
        let Some(main) = main else { return };
        let subtitle = r.titles.iter().position(|t| matches!(t.title_type, Some(TitleType::Subtitle)));
        self.open("titles");
        if let Some(t) = r.titles.get(main) {
            self.text("title", t.title.trim());
        }
        if let Some(s) = subtitle.and_then(|i| r.titles.get(i)) {
            self.text("subtitle", s.title.trim());
        }
        self.close("titles");
        let others = r.titles.len() - 1 - usize::from(subtitle.is_some());
        if others > 0 {
            self.lost_at("/titles", "more than one title and one subtitle (alternative and translated titles)");
        }
    }

    /// Writes the creators and the contributors Crossref has roles for; how many were written.
    fn contributors(&mut self) -> usize {
        let r = self.r;
        let mut people: Vec<Person<'a>> = r
            .creators
            .iter()
            .map(|c| {
                Person::new(
                    "/creators",
                    "author",
                    &c.name,
                    c.name_type.as_ref(),
                    c.given_name.as_deref(),
                    c.family_name.as_deref(),
                    &c.name_identifiers,
                    &c.affiliation,
                )
            })
            .collect();
        let mut other_roles = false;
        for c in &r.contributors {
            let role = match c.contributor_type {
                Some(ContributorType::Editor) => "editor",
                Some(ContributorType::Translator) => "translator",
                _ => {
                    other_roles = true;
                    continue;
                }
            };
            people.push(Person::new(
                "/contributors",
                role,
                &c.name,
                c.name_type.as_ref(),
                c.given_name.as_deref(),
                c.family_name.as_deref(),
                &c.name_identifiers,
                &c.affiliation,
            ));
        }
        if other_roles {
            self.lost_at("/contributors", "contributors other than editors and translators");
        }
        if people.is_empty() {
            return 0;
        }
        // A person without any name is left out; `contributors` without anyone is not written.
        let mark = self.out.len();
        self.open("contributors");
        let mut written = 0;
        for p in &people {
            let sequence = if written == 0 { "first" } else { "additional" };
            if self.person(p, sequence) {
                written += 1;
            }
        }
        if written == 0 {
            self.out.truncate(mark);
        } else {
            self.close("contributors");
        }
        written
    }

    /// Writes one person or organisation; false for one without a name (left out).
    fn person(&mut self, p: &Person<'_>, sequence: &str) -> bool {
        let attributes = format!("contributor_role=\"{}\" sequence=\"{sequence}\"", p.role);
        let organisation = matches!(p.name_type, Some(NameType::Organizational));
        let name = present(p.name);
        let (given, family) = match (p.given.and_then(present), p.family.and_then(present)) {
            (g, Some(f)) => (g, Some(f)),
            _ if !organisation && name.is_some_and(|n| n.contains(',')) => {
                let (f, g) = name.and_then(|n| n.split_once(',')).unwrap_or(("", ""));
                (present(g), present(f))
            }
            _ => (None, None),
        };
        let person = !organisation && (family.is_some() || matches!(p.name_type, Some(NameType::Personal)));
        let Some(name) = family.or(name) else {
            self.lost_at(p.pointer, "a person or organisation without a name");
            return false;
        };
        if !person {
            if !p.ids.is_empty() || !p.affiliations.is_empty() {
                self.lost_at(p.pointer, "an organisation's identifiers and affiliations");
            }
            self.out.push_str(&format!("<organization {attributes}>"));
            let name: String = name.chars().take(511).collect();
            escape_into(&mut self.out, name.trim_end());
            self.out.push_str("</organization>\n");
            return true;
        }
        let mark = self.out.len();
        self.out.push_str(&format!("<person_name {attributes}>\n"));
        match family.filter(|f| name_part_ok(f)) {
            Some(f) => {
                if let Some(g) = given {
                    if name_part_ok(g) {
                        self.text("given_name", g);
                    } else {
                        self.invalid(p.pointer, format!("the given name \"{g}\" is not one Crossref takes (at most 60 characters, no digits or ?)"));
                    }
                }
                self.text("surname", f);
            }
            None => {
                if name_part_ok(name) {
                    self.text("surname", name);
                } else {
                    // Crossref refuses digits and more than 60 characters in a name: keep what
                    // a surname can hold, said; a name with nothing left is left out.
                    let kept: String =
                        name.chars().filter(|c| !c.is_numeric() && *c != '?' && xml_char(*c)).take(60).collect();
                    let Some(kept) = present(&kept).filter(|k| name_part_ok(k)) else {
                        self.out.truncate(mark);
                        self.invalid(
                            p.pointer,
                            format!("the name \"{name}\" is not one Crossref takes (no digits or ?): left out"),
                        );
                        return false;
                    };
                    self.invalid(p.pointer, format!("the name \"{name}\" is not one Crossref takes (at most 60 characters, no digits or ?): written as \"{kept}\""));
                    // The given name goes before the surname; the family name was the one refused.
                    if let Some(g) = given {
                        if name_part_ok(g) {
                            self.text("given_name", g);
                        } else {
                            self.invalid(p.pointer, format!("the given name \"{g}\" is not one Crossref takes (at most 60 characters, no digits or ?)"));
                        }
                    }
                    self.text("surname", kept);
                }
            }
        }
        let institutions: Vec<(&str, Option<&str>, Option<&str>)> = p.affiliations.clone();
        let mut wrote_affiliations = false;
        for (name, id, scheme) in institutions {
            let id = id.and_then(|id| institution_id(id, scheme));
            let name = present(name).unwrap_or("");
            if name.is_empty() && id.is_none() {
                continue;
            }
            if !wrote_affiliations {
                self.open("affiliations");
                wrote_affiliations = true;
            }
            self.open("institution");
            if !name.is_empty() {
                let name: String = name.chars().take(1024).collect();
                self.text("institution_name", &name);
            }
            if let Some((kind, id)) = id {
                self.out.push_str(&format!("<institution_id type=\"{kind}\">"));
                escape_into(&mut self.out, &id);
                self.out.push_str("</institution_id>\n");
            }
            self.close("institution");
        }
        if wrote_affiliations {
            self.close("affiliations");
        }
        let mut orcid_written = false;
        for (id, scheme) in &p.ids {
            if !scheme.is_some_and(|s| s.eq_ignore_ascii_case("ORCID")) {
                self.lost_at(p.pointer, "name identifiers other than ORCID iDs");
                continue;
            }
            match orcid(id) {
                Some(url) if !orcid_written => {
                    self.text("ORCID", &url);
                    orcid_written = true;
                }
                Some(_) => self.lost_at(p.pointer, "a second ORCID iD of one person"),
                None => self.invalid(p.pointer, format!("\"{id}\" is not an ORCID iD Crossref takes")),
            }
        }
        self.close("person_name");
        true
    }

    /// The date of the work: the Issued date, else the publication year.
    fn date(&self) -> Option<Ymd<'a>> {
        let r = self.r;
        let issued = r.dates.iter().find(|d| matches!(d.date_type, Some(DateType::Issued))).and_then(|d| ymd(&d.date));
        issued.or_else(|| r.publication_year.as_deref().and_then(ymd))
    }

    fn date_element(&mut self, element: &str, date: Ymd<'_>) {
        self.out.push('<');
        self.out.push_str(element);
        self.out.push_str(">\n");
        if let Some(m) = date.month {
            self.text("month", m);
            if let Some(d) = date.day {
                self.text("day", d);
            }
        }
        self.text("year", date.year);
        self.close(element);
    }

    fn acceptance_date(&mut self) {
        let accepted =
            self.r.dates.iter().find(|d| matches!(d.date_type, Some(DateType::Accepted))).and_then(|d| ymd(&d.date));
        if let Some(date) = accepted {
            self.used.accepted = true;
            self.date_element("acceptance_date", date);
        }
    }

    fn abstract_text(&self) -> Option<String> {
        let r = self.r;
        r.descriptions
            .iter()
            .find(|d| matches!(d.description_type, Some(DescriptionType::Abstract)))
            .map(|d| d.description.trim().to_owned())
            .filter(|d| !d.is_empty())
    }

    fn abstracts(&mut self) {
        let r = self.r;
        let mut any = false;
        for d in r.descriptions.iter().filter(|d| matches!(d.description_type, Some(DescriptionType::Abstract))) {
            let paragraphs: Vec<&str> = d.description.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
            if paragraphs.is_empty() {
                continue;
            }
            any = true;
            self.out.push_str("<jats:abstract>\n");
            for p in paragraphs {
                self.text("jats:p", p);
            }
            self.out.push_str("</jats:abstract>\n");
        }
        self.used.abstracts = any;
    }

    fn pages(&mut self, item: Option<&RelatedItem>) {
        let Some(item) = item else { return };
        let Some(first) = item.first_page.as_deref() else { return };
        self.open("pages");
        self.limited("first_page", first, 32, "/relatedItems");
        if let Some(last) = item.last_page.as_deref() {
            self.limited("last_page", last, 32, "/relatedItems");
        }
        self.close("pages");
    }

    fn edition(&mut self, edition: Option<&str>) {
        if let Some(e) = edition {
            self.limited("edition_number", e, 15, "/relatedItems");
        }
    }

    fn publisher(&mut self) -> Option<&'a str> {
        let name = self.r.publisher.as_ref().and_then(|p| present(&p.name))?;
        self.used.publisher = true;
        Some(name)
    }

    fn publisher_element(&mut self, name: &str) {
        self.open("publisher");
        self.limited("publisher_name", name, 255, "/publisher");
        self.close("publisher");
    }

    /// ISSNs of the container: its identifier, and related identifiers of type ISSN.
    fn issns(&mut self, item: Option<&RelatedItem>) {
        self.used.container_ids = Some(RelatedIdentifierType::Issn);
        let mut written = 0;
        for issn in container_ids(self.r, item, RelatedIdentifierType::Issn) {
            if written == 6 {
                break;
            }
            if valid_issn(issn) {
                self.text("issn", issn);
                written += 1;
            } else {
                self.invalid("/relatedIdentifiers", format!("\"{issn}\" is not an ISSN Crossref takes (NNNN-NNNN)"));
            }
        }
    }

    /// ISBNs of the book, or `noisbn` where an ISBN or its absence must be said.
    fn isbns(&mut self, item: Option<&RelatedItem>, noisbn: Option<&str>) {
        self.used.container_ids = Some(RelatedIdentifierType::Isbn);
        let mut written = 0;
        for isbn in container_ids(self.r, item, RelatedIdentifierType::Isbn) {
            if valid_isbn(isbn) {
                if written < 100 {
                    self.text("isbn", isbn);
                }
                written += 1;
            } else {
                self.invalid("/relatedIdentifiers", format!("\"{isbn}\" is not an ISBN Crossref takes"));
            }
        }
        if let (0, Some(reason)) = (written, noisbn) {
            self.out.push_str(&format!("<noisbn reason=\"{reason}\"/>\n"));
        }
    }

    fn version_info(&mut self) {
        if let Some(v) = self.r.version.as_deref().and_then(present) {
            self.used.version = true;
            self.open("version_info");
            self.limited("version", v, 100, "/version");
            self.close("version_info");
        }
    }

    /// `fr:program`, `ai:program` and `rel:program`, in the schema's order.
    fn programs(&mut self) {
        self.funding();
        self.licences();
        relations::write(self.r, self.used.container_ids.as_ref(), &mut self.out, &mut self.notes);
    }

    fn funding(&mut self) {
        let r = self.r;
        if r.funding_references.is_empty() {
            return;
        }
        let mut program = String::new();
        let mut award_extras = false;
        let mut other_ids = false;
        for f in &r.funding_references {
            // Crossref's funder identifiers are its Funder Registry DOIs and ROR IDs.
            let id = f.funder_identifier.as_deref().and_then(present).and_then(|id| {
                let ror =
                    matches!(f.funder_identifier_type, Some(FunderIdentifierType::Ror)) || id.contains("ror.org/");
                let registry = matches!(f.funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId))
                    || id.contains("10.13039/");
                if ror {
                    Some(("ror", if id.starts_with("http") { id.to_owned() } else { format!("https://ror.org/{id}") }))
                } else if registry {
                    Some((
                        "funder_identifier",
                        if id.starts_with("http") { id.to_owned() } else { format!("https://doi.org/{id}") },
                    ))
                } else {
                    other_ids = true;
                    None
                }
            });
            let name = present(&f.funder_name);
            if name.is_none() && id.is_none() {
                continue;
            }
            program.push_str("<fr:assertion name=\"fundgroup\">\n<fr:assertion name=\"funder_name\">");
            escape_into(&mut program, name.unwrap_or(""));
            if let Some((kind, value)) = id {
                program.push_str(&format!("<fr:assertion name=\"{kind}\">"));
                escape_into(&mut program, &value);
                program.push_str("</fr:assertion>");
            }
            program.push_str("</fr:assertion>\n");
            if let Some(award) = f.award_number.as_deref().and_then(present) {
                program.push_str("<fr:assertion name=\"award_number\">");
                escape_into(&mut program, award);
                program.push_str("</fr:assertion>\n");
            }
            award_extras |= f.award_title.is_some() || f.award_uri.is_some();
            program.push_str("</fr:assertion>\n");
        }
        if other_ids {
            self.lost_at("/fundingReferences", "funder identifiers other than Crossref Funder IDs and ROR IDs");
        }
        if !program.is_empty() {
            self.out.push_str("<fr:program name=\"fundref\">\n");
            self.out.push_str(&program);
            self.out.push_str("</fr:program>\n");
        }
        if award_extras {
            self.lost_at("/fundingReferences", "an award's title or URI");
        }
    }

    fn licences(&mut self) {
        let r = self.r;
        let mut uris = Vec::new();
        for rights in &r.rights_list {
            match rights.rights_uri.as_deref().map(str::trim) {
                Some(uri) if is_url(uri) && uri.chars().count() >= 10 => uris.push(uri),
                Some(uri) => self.invalid("/rightsList", format!("the licence \"{uri}\" is not a URL Crossref takes")),
                None => self.lost_at("/rightsList", "rights without a URL"),
            }
        }
        if uris.is_empty() {
            return;
        }
        self.out.push_str("<ai:program name=\"AccessIndicators\">\n");
        for uri in uris {
            self.out.push_str("<ai:license_ref applies_to=\"vor\">");
            escape_into(&mut self.out, uri);
            self.out.push_str("</ai:license_ref>\n");
        }
        self.out.push_str("</ai:program>\n");
    }

    fn doi_data(&mut self) {
        self.open("doi_data");
        self.text("doi", self.doi);
        self.text("resource", self.url);
        self.close("doi_data");
    }

    /// Reports what the work wrote no place for.
    fn lost(&mut self) {
        let r = self.r;
        for (pointer, present, what) in [
            ("/subjects", !r.subjects.is_empty(), "subjects"),
            ("/geoLocations", !r.geo_locations.is_empty(), "geolocations"),
            ("/sizes", !r.sizes.is_empty(), "sizes"),
            ("/formats", !r.formats.is_empty(), "formats"),
            (
                "/language",
                r.language.is_some() && !self.used.language,
                "this language (only ISO 639-1 codes), or a dataset's",
            ),
            ("/alternateIdentifiers", !r.alternate_identifiers.is_empty(), "alternate identifiers"),
            ("/contentUrl", !r.content_url.is_empty(), "content URLs"),
            ("/publisher", r.publisher.is_some() && !self.used.publisher, "the publisher of this kind of work"),
            ("/version", r.version.is_some() && !self.used.version, "the version of this kind of work"),
        ] {
            if present {
                self.lost_at(pointer, what);
            }
        }
        let other_descriptions =
            r.descriptions.iter().any(|d| !matches!(d.description_type, Some(DescriptionType::Abstract)))
                || (!self.used.abstracts && !r.descriptions.is_empty());
        if other_descriptions {
            self.lost_at("/descriptions", "descriptions other than abstracts");
        }
        let other_dates = r.dates.iter().any(|d| match d.date_type {
            Some(DateType::Issued) => false,
            Some(DateType::Accepted) => !self.used.accepted,
            _ => true,
        });
        if other_dates {
            self.lost_at("/dates", "dates other than the issued and accepted dates");
        }
        let other_items = r.related_items.iter().enumerate().any(|(i, _)| Some(i) != self.used.container);
        if other_items {
            self.lost_at("/relatedItems", "related items other than the work's container");
        }
        // What the container holds beyond what the work's kind writes of it.
        let container = self.used.container.and_then(|i| r.related_items.get(i).map(|item| (i, item)));
        if let Some((i, item)) = container {
            let journal = self.kind == WorkKind::JournalArticle;
            let with_pages =
                matches!(self.kind, WorkKind::JournalArticle | WorkKind::Chapter(_) | WorkKind::ConferencePaper);
            for (present, what) in [
                (
                    !item.creators.is_empty() || !item.contributors.is_empty(),
                    "the container's creators and contributors",
                ),
                (item.number.is_some(), "the container's number"),
                (
                    !journal && (item.volume.is_some() || item.issue.is_some()),
                    "the volume and issue of this kind of work's container",
                ),
                (!with_pages && (item.first_page.is_some() || item.last_page.is_some()), "pages of this kind of work"),
                (item.titles.len() > 1, "the container's other titles"),
            ] {
                if present {
                    self.lost_at(&format!("/relatedItems/{i}"), what);
                }
            }
        }
        let abstracts =
            r.descriptions.iter().filter(|d| matches!(d.description_type, Some(DescriptionType::Abstract))).count();
        if self.kind == WorkKind::Dataset && abstracts > 1 {
            self.lost_at("/descriptions", "more than one abstract of a dataset");
        }
    }
}

struct Person<'a> {
    pointer: &'static str,
    role: &'static str,
    name: &'a str,
    name_type: Option<&'a NameType>,
    given: Option<&'a str>,
    family: Option<&'a str>,
    ids: Vec<(&'a str, Option<&'a str>)>,
    affiliations: Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
}

impl<'a> Person<'a> {
    /// A creator or contributor of the model (the two share these parts), as `role` at `pointer`.
    #[allow(clippy::too_many_arguments)]
    fn new(
        pointer: &'static str,
        role: &'static str,
        name: &'a str,
        name_type: Option<&'a NameType>,
        given: Option<&'a str>,
        family: Option<&'a str>,
        ids: &'a [NameIdentifier],
        affiliations: &'a [Affiliation],
    ) -> Self {
        Person {
            pointer,
            role,
            name,
            name_type,
            given,
            family,
            ids: ids.iter().map(|n| (n.name_identifier.as_str(), n.name_identifier_scheme.as_deref())).collect(),
            affiliations: affiliations
                .iter()
                .map(|a| {
                    (a.name.as_str(), a.affiliation_identifier.as_deref(), a.affiliation_identifier_scheme.as_deref())
                })
                .collect(),
        }
    }
}

/// The related item the work is published in, and its index.
fn container(r: &Resource) -> Option<(usize, &RelatedItem)> {
    r.related_items.iter().enumerate().find(|(_, i)| matches!(i.relation_type, Some(RelationType::IsPublishedIn)))
}

fn container_title(item: &RelatedItem) -> Option<&str> {
    item.titles.first().and_then(|t| present(&t.title))
}

/// A value trimmed, if it holds text once what XML 1.0 cannot hold is left out (the writer's
/// escaping leaves it out): the XSD's lengths and collapsed white space count only that.
fn present(value: &str) -> Option<&str> {
    let value = value.trim();
    value.chars().any(|c| xml_char(c) && !c.is_whitespace()).then_some(value)
}

/// A character XML 1.0 can hold (Rust's `char` is never a surrogate).
fn xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Identifiers of one type that name the container: the related item's own, and related
/// identifiers IsPartOf or IsPublishedIn.
fn container_ids<'r>(r: &'r Resource, item: Option<&'r RelatedItem>, kind: RelatedIdentifierType) -> Vec<&'r str> {
    let mut ids: Vec<&str> = Vec::new();
    if let Some(id) = item.and_then(|i| i.related_item_identifier.as_ref()) {
        if id.related_item_identifier_type.as_ref() == Some(&kind) {
            ids.push(id.related_item_identifier.trim());
        }
    }
    for ri in &r.related_identifiers {
        if ri.related_identifier_type.as_ref() == Some(&kind)
            && matches!(ri.relation_type, Some(RelationType::IsPartOf | RelationType::IsPublishedIn))
        {
            let id = ri.related_identifier.trim();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

pub(super) fn valid_issn(issn: &str) -> bool {
    let b = issn.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    match b.len() {
        9 => {
            b.get(4) == Some(&b'-')
                && digits(b.get(..4).unwrap_or(&[]))
                && digits(b.get(5..8).unwrap_or(&[]))
                && b.get(8).is_some_and(|c| c.is_ascii_digit() || *c == b'X')
        }
        8 => digits(b.get(..7).unwrap_or(&[])) && b.get(7).is_some_and(|c| c.is_ascii_digit() || *c == b'X'),
        _ => false,
    }
}

pub(super) fn valid_isbn(isbn: &str) -> bool {
    // (97(8|9)-)?\d[\d \-]+[\dX], 10 to 17 characters.
    let rest = isbn.strip_prefix("978-").or_else(|| isbn.strip_prefix("979-")).unwrap_or(isbn);
    let b = rest.as_bytes();
    (10..=17).contains(&isbn.len())
        && b.len() >= 3
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(|c| c.is_ascii_digit() || *c == b'X')
        && b.get(1..b.len() - 1).is_some_and(|m| m.iter().all(|c| c.is_ascii_digit() || *c == b' ' || *c == b'-'))
}

/// A name part Crossref takes: 1 to 60 characters, no digit (of any script: the XSD's `\d`), no
/// `?`, nothing XML cannot hold.
fn name_part_ok(part: &str) -> bool {
    present(part).is_some_and(|part| {
        part.chars().count() <= 60 && !part.contains(|c: char| c.is_numeric() || c == '?' || !xml_char(c))
    })
}

/// An ORCID iD as the URL Crossref takes.
fn orcid(id: &str) -> Option<String> {
    let id = id.trim();
    let bare = id.strip_prefix("https://orcid.org/").or_else(|| id.strip_prefix("http://orcid.org/")).unwrap_or(id);
    let b = bare.as_bytes();
    let ok = b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 9 | 14 => *c == b'-',
            18 => c.is_ascii_digit() || *c == b'X',
            _ => c.is_ascii_digit(),
        });
    ok.then(|| format!("https://orcid.org/{bare}"))
}

/// An affiliation identifier as `institution_id`: its type and URL (`https://…`, at most 50
/// characters after the scheme).
fn institution_id(id: &str, scheme: Option<&str>) -> Option<(&'static str, String)> {
    let id = id.trim();
    let scheme = scheme.unwrap_or("").to_ascii_lowercase();
    let (kind, url) = if scheme == "ror" || id.contains("ror.org/") {
        (
            "ror",
            if id.starts_with("https://") {
                id.to_owned()
            } else {
                format!("https://ror.org/{}", id.trim_start_matches("http://ror.org/"))
            },
        )
    } else if scheme == "isni" {
        (
            "isni",
            if id.starts_with("https://") {
                id.to_owned()
            } else {
                format!("https://isni.org/isni/{}", id.replace(' ', ""))
            },
        )
    } else if scheme == "wikidata" {
        (
            "wikidata",
            if id.starts_with("https://") { id.to_owned() } else { format!("https://www.wikidata.org/wiki/{id}") },
        )
    } else {
        return None;
    };
    let rest = url.strip_prefix("https://")?;
    ((1..=50).contains(&rest.chars().count()) && !rest.contains(char::is_whitespace)).then_some((kind, url))
}

/// Year, month and day of a W3CDTF date, each in the range Crossref takes.
fn ymd(date: &str) -> Option<Ymd<'_>> {
    let date = date.trim();
    let date = date.split('/').next().unwrap_or(date);
    let year = date.get(..4)?;
    let y: u32 = year.parse().ok()?;
    if !(1400..=2200).contains(&y) {
        return None;
    }
    let rest = date.get(4..).unwrap_or("");
    if !year.bytes().all(|b| b.is_ascii_digit()) || rest.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let two = |s: &'_ str, max: u32| -> bool { s.len() == 2 && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n)) };
    let mut month = None;
    let mut day = None;
    if let Some(m) = rest.strip_prefix('-').and_then(|s| s.get(..2)) {
        if two(m, 12) {
            month = Some(m);
            if let Some(d) = rest.get(3..).and_then(|s| s.strip_prefix('-')).and_then(|s| s.get(..2)) {
                if two(d, 31) {
                    day = Some(d);
                }
            }
        }
    }
    Some(Ymd { year, month, day })
}

#[cfg(test)]
pub(super) fn ymd_parts(date: &str) -> Option<(String, Option<String>, Option<String>)> {
    ymd(date).map(|d| (d.year.to_owned(), d.month.map(str::to_owned), d.day.map(str::to_owned)))
}

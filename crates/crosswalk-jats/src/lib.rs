//! JATS for Crosswalk: a record of the DataCite model written as the reference a journal article
//! cites it by, a JATS 1.3 `<element-citation>` (bolognese's `jats` output, done as the JATS4R
//! recommendations on data and software citations say). Several records are a `<ref-list>`,
//! which the facade's output frames (one `<ref>` a record).
//!
//! ```
//! use crosswalk_model::{Creator, NameType, Publisher, Resource, ResourceTypeGeneral, Title, Types};
//!
//! let mut resource = Resource::default();
//! resource.doi = Some("10.5281/zenodo.3967327".into());
//! let mut creator = Creator::named("Wang, Yafei");
//! creator.name_type = Some(NameType::Personal);
//! creator.given_name = Some("Yafei".into());
//! creator.family_name = Some("Wang".into());
//! resource.creators.push(creator);
//! resource.titles.push(Title::new("pc4covid19/pharmacodynamics2GUI"));
//! resource.publisher = Some(Publisher::named("Zenodo"));
//! resource.publication_year = Some("2022".into());
//! resource.version = Some("2.0".into());
//! resource.types = Types::new(ResourceTypeGeneral::Software, None);
//!
//! let written = crosswalk_jats::write(&resource);
//! assert!(written.text.starts_with(r#"<element-citation publication-type="software">"#));
//! assert!(written.text.contains("<name><surname>Wang</surname><given-names>Yafei</given-names></name>"));
//! assert!(written.text.contains("<part-title>pc4covid19/pharmacodynamics2GUI</part-title>"));
//! assert!(written.text.contains("<source>Zenodo</source>"));
//! assert!(written.text.contains(r#"<version designator="2.0">2.0</version>"#));
//! assert!(written.text.contains(r#"<pub-id pub-id-type="doi">10.5281/zenodo.3967327</pub-id>"#));
//! ```
//!
//! What goes where is the table [`MAPPING`] (`docs/crosswalks/jats.md`). A citation holds what
//! a reader needs to find the work; the rest of the record (identifiers of people, affiliations,
//! subjects, descriptions, rights, funding, places, most relations) has no place in it and is
//! reported once per property as `write.unrepresentable`, with the model's JSON pointer.
//!
//! # The API boundary
//!
//! Write only (JATS citations are not an input Crosswalk reads); depends on the model and the
//! shared rules (editors who stand for the creators are written once, as editors), never on
//! another format crate.

// Library code never panics on input.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

use crosswalk_model::{
    codes, ContributorType, DateType, Diagnostic, Location, NameType, RelatedItem, RelationType, Resource,
    ResourceTypeGeneral, TitleType, Written,
};

/// The XLink namespace, declared on a citation that links (`ext-link`, `pub-id` with a URL).
pub const XLINK: &str = "http://www.w3.org/1999/xlink";

/// One row of the mapping: a model property, where a JATS citation puts it, and when.
#[derive(Clone, Copy, Debug)]
pub struct Mapping {
    /// The model's property (DataCite JSON's name).
    pub property: &'static str,
    /// The JATS element or attribute.
    pub jats: &'static str,
    /// When, and what is decided.
    pub note: &'static str,
}

/// What the writer puts where; `docs/crosswalks/jats.md` is made from it.
pub const MAPPING: &[Mapping] = &[
    Mapping { property: "types.resourceTypeGeneral", jats: "@publication-type", note: "journal (JournalArticle, DataPaper), book, chapter (BookChapter), data (Dataset), software (Software, ComputationalNotebook), preprint, thesis (Dissertation), report, confproc (ConferencePaper, ConferenceProceeding), standard, periodical (Journal), webpage (InteractiveResource, Service), other (the rest)" },
    Mapping { property: "creators", jats: "person-group[@person-group-type=author]", note: "a person with name parts as name/surname, given-names (a suffix after a second comma as suffix); an organisation as collab; a name without parts as string-name. Creators that are the editors (the shared editor rule) are written once, as editors" },
    Mapping { property: "contributors (Editor, Translator, DataCurator)", jats: "person-group[@person-group-type=editor | translator | curator]", note: "the container's editors join the editors; other roles have no person-group type and are reported" },
    Mapping { property: "titles (the main title, with its subtitle after a colon)", jats: "article-title | chapter-title | data-title | part-title | source", note: "journal, preprint and conference papers: article-title; chapters: chapter-title; data: data-title; software: part-title (JATS4R); books, reports, theses and the rest: source. Other titles are reported" },
    Mapping { property: "relatedItems (IsPublishedIn, the first not a series)", jats: "source, volume, issue, fpage, lpage, edition, elocation-id (an article number)", note: "the container: the journal, the book of a chapter, the proceedings" },
    Mapping { property: "publisher", jats: "source (data and software: the repository, JATS4R) or publisher-name", note: "" },
    Mapping { property: "dates (Issued), publicationYear", jats: "year[@iso-8601-date], month, day", note: "the Issued date when there is one, else the publicationYear" },
    Mapping { property: "version", jats: "version[@designator]", note: "" },
    Mapping { property: "doi", jats: "pub-id[@pub-id-type=doi]", note: "" },
    Mapping { property: "url", jats: "ext-link[@ext-link-type=uri]/@xlink:href", note: "only without a DOI: the DOI is the link (JATS4R)" },
    Mapping { property: "dates (Accessed: Other with dateInformation Accessed)", jats: "date-in-citation[@content-type=access-date]", note: "" },
];

/// Writes one resource as a JATS `<element-citation>` (one line), and says what a citation
/// cannot hold.
pub fn write(resource: &Resource) -> Written {
    let mut w = Writer { r: resource, out: String::with_capacity(1024), diagnostics: Vec::new(), xlink: false };
    w.citation();
    let Writer { out, mut diagnostics, xlink, .. } = w;
    let publication_type = publication_type(resource);
    let namespace = if xlink { format!(" xmlns:xlink=\"{XLINK}\"") } else { String::new() };
    let text = format!("<element-citation publication-type=\"{publication_type}\"{namespace}>{out}</element-citation>");
    lost_properties(resource, &mut diagnostics);
    Written { text, diagnostics }
}

/// The `publication-type` of a resource.
///
/// ```
/// use crosswalk_model::{Resource, ResourceTypeGeneral, Types};
/// let mut r = Resource::default();
/// r.types = Types::new(ResourceTypeGeneral::Dataset, None);
/// assert_eq!(crosswalk_jats::publication_type(&r), "data");
/// ```
pub fn publication_type(resource: &Resource) -> &'static str {
    use ResourceTypeGeneral as G;
    match resource.types.resource_type_general.as_ref() {
        Some(G::JournalArticle | G::DataPaper) => "journal",
        Some(G::Book) => "book",
        Some(G::BookChapter) => "chapter",
        Some(G::Dataset) => "data",
        Some(G::Software | G::ComputationalNotebook) => "software",
        Some(G::Preprint) => "preprint",
        Some(G::Dissertation) => "thesis",
        Some(G::Report) => "report",
        Some(G::ConferencePaper | G::ConferenceProceeding) => "confproc",
        Some(G::Standard) => "standard",
        Some(G::Journal) => "periodical",
        Some(G::InteractiveResource | G::Service) => "webpage",
        _ => "other",
    }
}

/// Where the title goes, by publication type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TitleSlot {
    Article,
    Chapter,
    Data,
    Part,
    Source,
}

fn title_slot(resource: &Resource) -> TitleSlot {
    use ResourceTypeGeneral as G;
    match resource.types.resource_type_general.as_ref() {
        Some(G::JournalArticle | G::DataPaper | G::Preprint | G::ConferencePaper | G::PeerReview) => TitleSlot::Article,
        Some(G::BookChapter) => TitleSlot::Chapter,
        Some(G::Dataset) => TitleSlot::Data,
        Some(G::Software | G::ComputationalNotebook) => TitleSlot::Part,
        _ => TitleSlot::Source,
    }
}

/// Escapes text for element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no place for other controls; the model's tidy pass keeps none but
            // these, which a line of text does not need.
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

struct Writer<'a> {
    r: &'a Resource,
    out: String,
    diagnostics: Vec<Diagnostic>,
    xlink: bool,
}

/// A name to write, from any of the model's name-bearing structs.
struct NameParts<'a> {
    name: &'a str,
    name_type: Option<&'a NameType>,
    given: Option<&'a str>,
    family: Option<&'a str>,
}

impl Writer<'_> {
    fn element(&mut self, name: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.out.push_str(&format!("<{name}>{}</{name}>", escape(text.trim())));
    }

    fn lost(&mut self, pointer: impl Into<String>, message: String) {
        self.diagnostics.push(Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, message).at(Location::path(pointer)));
    }

    fn citation(&mut self) {
        let r = self.r;
        let editors_only = crosswalk_rules::editors::creators_are_the_editors(r);
        if editors_only {
            self.diagnostics.push(crosswalk_rules::editors::written_once());
        } else {
            let authors: Vec<NameParts<'_>> = r
                .creators
                .iter()
                .map(|c| NameParts {
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    given: c.given_name.as_deref(),
                    family: c.family_name.as_deref(),
                })
                .collect();
            self.person_group("author", &authors);
        }
        let container = r.related_items.iter().position(|item| {
            item.relation_type == Some(RelationType::IsPublishedIn)
                && item.related_item_type != Some(ResourceTypeGeneral::Collection)
        });
        let container_item = container.and_then(|i| r.related_items.get(i));
        self.contributors(container_item);
        let slot = title_slot(r);
        let title = main_title(&r.titles);
        let container_title = container_item.and_then(|c| main_title(&c.titles));
        let publisher = r.publisher.as_ref().map(|p| p.name.as_str()).filter(|p| !p.trim().is_empty());
        match slot {
            TitleSlot::Source => {
                if let Some(title) = &title {
                    self.element("source", title);
                }
            }
            _ => {
                let element = match slot {
                    TitleSlot::Article => "article-title",
                    TitleSlot::Chapter => "chapter-title",
                    TitleSlot::Data => "data-title",
                    _ => "part-title",
                };
                if let Some(title) = &title {
                    self.element(element, title);
                }
                // The work it is in: a journal, a book; for data and software, the repository.
                let source = match slot {
                    TitleSlot::Data | TitleSlot::Part => container_title.clone().or(publisher.map(str::to_owned)),
                    _ => container_title.clone(),
                };
                if let Some(source) = &source {
                    self.element("source", source);
                }
            }
        }
        if let Some(c) = container_item {
            if let Some(edition) = c.edition.as_deref() {
                self.element("edition", edition);
            }
        }
        let publisher_is_source = matches!(slot, TitleSlot::Data | TitleSlot::Part) && container_title.is_none();
        if let Some(publisher) = publisher.filter(|_| !publisher_is_source) {
            self.element("publisher-name", publisher);
        }
        self.date();
        if let Some(c) = container_item {
            self.container_numbers(c);
        }
        if let Some(version) = r.version.as_deref().filter(|v| !v.trim().is_empty()) {
            let v = escape(version.trim());
            self.out.push_str(&format!("<version designator=\"{v}\">{v}</version>"));
        }
        self.accessed();
        match (&r.doi, &r.url) {
            (Some(doi), _) => self.element_attr("pub-id", "pub-id-type", "doi", doi),
            (None, Some(url)) => {
                self.xlink = true;
                let u = escape(url);
                self.out.push_str(&format!("<ext-link ext-link-type=\"uri\" xlink:href=\"{u}\">{u}</ext-link>"));
            }
            (None, None) => {}
        }
        // A title and a way to find the work: without them there is nothing to cite by.
        if title.is_none() {
            self.diagnostics.push(
                Diagnostic::warning(NO_TITLE, "the record has no title; the citation names none")
                    .at(Location::path("/titles")),
            );
        }
        if let Some(i) = container {
            self.container_lost(i);
        }
    }

    fn element_attr(&mut self, name: &str, attribute: &str, value: &str, text: &str) {
        self.out.push_str(&format!("<{name} {attribute}=\"{value}\">{}</{name}>", escape(text.trim())));
    }

    fn person_group(&mut self, kind: &str, names: &[NameParts<'_>]) {
        if names.is_empty() {
            return;
        }
        self.out.push_str(&format!("<person-group person-group-type=\"{kind}\">"));
        for n in names {
            self.name(n);
        }
        self.out.push_str("</person-group>");
    }

    fn name(&mut self, n: &NameParts<'_>) {
        let organisation = matches!(n.name_type, Some(NameType::Organizational));
        let (family, given) = match (n.family, n.given) {
            (Some(f), g) if !organisation => (Some(f), g),
            (None, Some(g)) if !organisation => (None, Some(g)),
            // A personal name written "Family, Given" without its parts.
            _ if matches!(n.name_type, Some(NameType::Personal)) => match n.name.split_once(", ") {
                Some((f, g)) if !f.trim().is_empty() && !g.trim().is_empty() => (Some(f.trim()), Some(g.trim())),
                _ => (None, None),
            },
            _ => (None, None),
        };
        if organisation {
            self.element("collab", n.name);
            return;
        }
        match (family, given) {
            (None, None) => self.element("string-name", n.name),
            (family, given) => {
                self.out.push_str("<name>");
                match family {
                    Some(f) => self.element("surname", f),
                    // JATS requires a surname: a lone given name is the name's only part.
                    None => self.element("surname", given.unwrap_or_default()),
                }
                if let (Some(_), Some(g)) = (family, given) {
                    self.element("given-names", g);
                }
                // A suffix shows after a second comma: "King, Martin Luther, Jr.".
                if let (Some(f), Some(g)) = (family, given) {
                    let built = format!("{f}, {g}, ");
                    if let Some(suffix) = n.name.strip_prefix(built.as_str()).filter(|s| !s.contains(',')) {
                        self.element("suffix", suffix);
                    }
                }
                self.out.push_str("</name>");
            }
        }
    }

    fn contributors(&mut self, container: Option<&RelatedItem>) {
        let r = self.r;
        let mut groups: Vec<(&str, Vec<NameParts<'_>>)> =
            vec![("editor", Vec::new()), ("translator", Vec::new()), ("curator", Vec::new())];
        let mut lost = Vec::new();
        for (index, c) in r.contributors.iter().enumerate() {
            let group = match c.contributor_type {
                Some(ContributorType::Editor) => 0,
                Some(ContributorType::Translator) => 1,
                Some(ContributorType::DataCurator) => 2,
                _ => {
                    lost.push(index);
                    continue;
                }
            };
            if let Some((_, names)) = groups.get_mut(group) {
                names.push(NameParts {
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    given: c.given_name.as_deref(),
                    family: c.family_name.as_deref(),
                });
            }
        }
        if let Some(container) = container {
            for c in container.contributors.iter().filter(|c| c.contributor_type == Some(ContributorType::Editor)) {
                if let Some((_, names)) = groups.get_mut(0) {
                    names.push(NameParts {
                        name: &c.name,
                        name_type: c.name_type.as_ref(),
                        given: c.given_name.as_deref(),
                        family: c.family_name.as_deref(),
                    });
                }
            }
        }
        for (kind, names) in &groups {
            self.person_group(kind, names);
        }
        if !lost.is_empty() {
            let names: Vec<String> = lost
                .iter()
                .filter_map(|&i| r.contributors.get(i))
                .map(|c| format!("{} ({})", c.name, c.contributor_type.as_ref().map_or("no role", |t| t.as_str())))
                .collect();
            let first = lost.first().copied().unwrap_or_default();
            self.lost(
                format!("/contributors/{first}"),
                format!(
                    "a JATS citation names editors, translators and curators only; not written: {}",
                    names.join("; ")
                ),
            );
        }
    }

    fn date(&mut self) {
        let r = self.r;
        let issued = r
            .dates
            .iter()
            .find(|d| d.date_type == Some(DateType::Issued))
            .map(|d| d.date.split('/').next().unwrap_or_default().trim().to_owned())
            .filter(|d| d.len() >= 4 && d.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit())));
        let date = issued.or_else(|| r.publication_year.clone());
        let Some(date) = date else { return };
        let day_part = date.get(..10).filter(|d| d.len() == 10).unwrap_or(&date);
        let mut parts = day_part.split('-');
        let year = parts.next().unwrap_or_default();
        if year.is_empty() {
            return;
        }
        self.out.push_str(&format!("<year iso-8601-date=\"{}\">{}</year>", escape(day_part), escape(year)));
        if let Some(month) = parts.next().filter(|m| m.len() == 2) {
            self.element("month", month);
            if let Some(day) = parts.next().filter(|d| d.len() == 2) {
                self.element("day", day);
            }
        }
    }

    fn accessed(&mut self) {
        let accessed = self.r.dates.iter().find(|d| {
            d.date_type == Some(DateType::Other)
                && d.date_information.as_deref().is_some_and(|i| i.trim().eq_ignore_ascii_case("accessed"))
        });
        if let Some(date) = accessed {
            let d = escape(date.date.trim());
            self.out.push_str(&format!(
                "<date-in-citation content-type=\"access-date\" iso-8601-date=\"{d}\">{d}</date-in-citation>"
            ));
        }
    }

    fn container_numbers(&mut self, c: &RelatedItem) {
        if let Some(volume) = c.volume.as_deref() {
            self.element("volume", volume);
        }
        if let Some(issue) = c.issue.as_deref() {
            self.element("issue", issue);
        }
        if let Some(first) = c.first_page.as_deref() {
            self.element("fpage", first);
        }
        if let Some(last) = c.last_page.as_deref() {
            self.element("lpage", last);
        }
        if let (Some(number), None) = (c.number.as_deref(), c.first_page.as_deref()) {
            // An article number stands where pages would (eLocators).
            self.element("elocation-id", number);
        }
    }

    /// What of the container a citation has no place for.
    fn container_lost(&mut self, index: usize) {
        let Some(c) = self.r.related_items.get(index) else { return };
        let pointer = format!("/relatedItems/{index}");
        if !c.creators.is_empty() {
            self.lost(
                format!("{pointer}/creators"),
                "a JATS citation has no place for the container's creators".into(),
            );
        }
        if c.related_item_identifier.is_some() {
            self.lost(
                format!("{pointer}/relatedItemIdentifier"),
                "a JATS citation has no place for the container's identifier (an ISSN, an ISBN)".into(),
            );
        }
        if c.publisher.as_deref().is_some_and(|p| self.r.publisher.as_ref().is_none_or(|own| own.name != p)) {
            self.lost(
                format!("{pointer}/publisher"),
                "the container's publisher is not written beside the record's".into(),
            );
        }
    }
}

/// The main title (the first without a type), with its subtitle after a colon.
fn main_title(titles: &[crosswalk_model::Title]) -> Option<String> {
    let main = titles.iter().find(|t| t.title_type.is_none()).or(titles.first())?;
    let subtitle = titles.iter().find(|t| t.title_type == Some(TitleType::Subtitle));
    Some(match subtitle {
        Some(sub) if !std::ptr::eq(sub, main) => format!("{}: {}", main.title.trim(), sub.title.trim()),
        _ => main.title.trim().to_owned(),
    })
}

/// Properties a citation has no place for, reported once each.
fn lost_properties(r: &Resource, diagnostics: &mut Vec<Diagnostic>) {
    let mut lost = |pointer: &str, what: &str| {
        diagnostics.push(
            Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, format!("a JATS citation has no place for {what}"))
                .at(Location::path(pointer)),
        );
    };
    let people = r.creators.iter().map(|c| (&c.name_identifiers, &c.affiliation));
    let contributors = r.contributors.iter().map(|c| (&c.name_identifiers, &c.affiliation));
    let (ids, affiliations) =
        people.chain(contributors).fold((false, false), |(i, a), (ni, af)| (i || !ni.is_empty(), a || !af.is_empty()));
    if ids {
        lost("/creators", "the identifiers of people (ORCID iDs)");
    }
    if affiliations {
        lost("/creators", "affiliations");
    }
    let extra_titles = r.titles.iter().filter(|t| !matches!(t.title_type, None | Some(TitleType::Subtitle))).count()
        + r.titles.iter().filter(|t| t.title_type.is_none()).count().saturating_sub(1);
    if extra_titles > 0 {
        lost("/titles", "alternative and translated titles");
    }
    for (pointer, present, what) in [
        ("/alternateIdentifiers", !r.alternate_identifiers.is_empty(), "alternate identifiers"),
        ("/subjects", !r.subjects.is_empty(), "subjects"),
        ("/descriptions", !r.descriptions.is_empty(), "descriptions (abstracts)"),
        ("/rightsList", !r.rights_list.is_empty(), "rights"),
        ("/fundingReferences", !r.funding_references.is_empty(), "funding"),
        ("/geoLocations", !r.geo_locations.is_empty(), "geolocations"),
        ("/relatedIdentifiers", !r.related_identifiers.is_empty(), "related identifiers"),
        ("/sizes", !r.sizes.is_empty(), "sizes"),
        ("/formats", !r.formats.is_empty(), "formats"),
        ("/language", r.language.is_some(), "the language"),
        ("/contentUrl", !r.content_url.is_empty(), "content URLs"),
    ] {
        if present {
            lost(pointer, what);
        }
    }
    let others = r
        .related_items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            !(item.relation_type == Some(RelationType::IsPublishedIn)
                && item.related_item_type != Some(ResourceTypeGeneral::Collection))
        })
        .count();
    let containers = r
        .related_items
        .iter()
        .filter(|item| {
            item.relation_type == Some(RelationType::IsPublishedIn)
                && item.related_item_type != Some(ResourceTypeGeneral::Collection)
        })
        .count();
    if others + containers.saturating_sub(1) > 0 {
        lost("/relatedItems", "related items other than the container it is published in");
    }
    let other_dates = r
        .dates
        .iter()
        .filter(|d| {
            !(d.date_type == Some(DateType::Issued)
                || (d.date_type == Some(DateType::Other)
                    && d.date_information.as_deref().is_some_and(|i| i.trim().eq_ignore_ascii_case("accessed"))))
        })
        .count();
    if other_dates > 0 {
        lost("/dates", "dates other than the issued and accessed dates");
    }
}

/// Code: the record has no title, so the citation names none.
pub const NO_TITLE: &str = "jats.no-title";

/// Every code this crate emits besides the shared `write.unrepresentable`, documented.
pub const CODES: &[crosswalk_model::CodeInfo] = &[crosswalk_model::CodeInfo {
    code: NO_TITLE,
    severity: crosswalk_model::Severity::Warning,
    summary: "The record has no title, so the JATS citation names none (a reader cannot tell what is cited but by its DOI or URL). Give the record a title.",
}];

//! One entry (its inheritance resolved) into a resource: the field table
//! ([`crate::fields::FIELDS`]) says where each field goes; fields that depend on each other
//! (the date parts, `eprint` and its type, the publisher and the institutions that stand in for
//! it, the container data and the series) are collected first and assembled at the end.
//!
//! Container data follows the entry type ([`crate::types::Container`]): an article's journal,
//! a chapter's book or a paper's proceedings become one related item with relation
//! `IsPublishedIn`, holding the title, volume, issue or number, pages, edition, publisher, and
//! the ISSN or ISBN as its identifier (also given as a related identifier `IsPublishedIn`, as
//! DataCite's related-item guide asks). A series is a related item of its own (`Collection`,
//! `IsPublishedIn`, as DataCite's `SeriesInformation` guidance asks), which also takes the
//! volume and number of an entry that stands alone.

use crosswalk_model::{
    codes, doi, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description,
    DescriptionType, Diagnostic, NameType, NumberType, Publisher, RelatedIdentifier, RelatedIdentifierType,
    RelatedItem, RelatedItemCreator, RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Rights,
    Subject, Title, TitleType, Types,
};
use crosswalk_text::dates::w3cdtf;

use crate::dates::{self, Year};
use crate::fields::{field_info, Target};
use crate::languages;
use crate::latex::{self, Notes};
use crate::names::{self, Name};
use crate::parse::{Entry, Field};
use crate::types::{entry_type, type_field_key, Container, EntryType};

/// Code: LaTeX commands were not decoded and are kept as written.
pub const LATEX_UNKNOWN: &str = "bibtex.latex-unknown";
/// Code: math mode is kept as written.
pub const LATEX_MATH: &str = "bibtex.latex-math";
/// Code: the address of a `\href{url}{text}` link in a text field is not carried over.
pub const LATEX_LINK: &str = "bibtex.latex-link";
/// Code: a name list ends with `and others`.
pub const AND_OTHERS: &str = "bibtex.and-others";
/// Code: year, month and day were joined into a date.
pub const DATE_CONVERTED: &str = "bibtex.date-converted";
/// Code: `year`/`month` contradict `date`.
pub const DATE_CONFLICT: &str = "bibtex.date-conflict";
/// Code: a field stands in for the missing publisher.
pub const PUBLISHER_TAKEN: &str = "bibtex.publisher-taken";
/// Code: initials or options of a name in the extended name format are not carried over.
pub const NAME_OPTION: &str = "bibtex.name-option";
/// Code: a `language` or `langid` value is no language and was left out.
pub const LANGUAGE_UNKNOWN: &str = "bibtex.language-unknown";
/// Code: the entry names more languages than the one `language` holds.
pub const LANGUAGE_MORE: &str = "bibtex.language-more";
/// Code: a part of a name in the extended name format has no place in the model.
pub const NAME_PART: &str = "bibtex.name-part";

/// `dateInformation` of the dates read from `urldate`, `origdate` and `eventdate` (the writer
/// recognises them).
pub(crate) const ACCESSED: &str = "Accessed";
pub(crate) const ORIGINAL: &str = "Original publication";
pub(crate) const EVENT: &str = "Event";

/// The resource of an entry whose inheritance is resolved, and what mapping noticed.
pub(crate) fn resource(entry: &Entry) -> (Resource, Vec<Diagnostic>) {
    let row = entry_type(&entry.kind);
    let mut builder = Builder {
        entry,
        row,
        container: row.map_or(Container::None, |r| r.container),
        r: Resource::default(),
        d: Vec::new(),
        slots: Slots::default(),
    };
    for field in &entry.fields {
        builder.field(field);
    }
    builder.assemble();
    // An edited work without authors (`@proceedings`, `@collection`, a `@book` with `editor`):
    // its editors are its creators, as in every reader.
    if let Some(promoted) = crosswalk_rules::editors::editors_as_creators(&mut builder.r) {
        let editor = entry.fields.iter().find(|f| field_info(&f.name).is_some_and(|i| i.target == Target::Editor));
        let location = editor.map(|f| f.location.clone()).unwrap_or_default();
        builder.d.push(promoted.diagnostic().at(location));
    }
    (builder.r, builder.d)
}

/// Values collected for assembly, with the fields they came from.
#[derive(Default)]
struct Slots<'e> {
    seen: Vec<(Target, &'e Field)>,
    main_title: Option<Title>,
    other_titles: Vec<Title>,
    item: RelatedItem,
    item_type: Option<ResourceTypeGeneral>,
    item_used: bool,
    series: RelatedItem,
    volume: Option<(String, &'e Field)>,
    number: Option<(String, &'e Field)>,
    issue: Option<(String, &'e Field)>,
    pages: Option<(String, &'e Field)>,
    eid: Option<(String, &'e Field)>,
    chapter: Option<(String, &'e Field)>,
    edition: Option<(String, &'e Field)>,
    isbn: Option<(String, &'e Field)>,
    issn: Option<(String, &'e Field)>,
    date: Option<&'e Field>,
    year: Option<&'e Field>,
    month: Option<&'e Field>,
    day: Option<&'e Field>,
    eprint: Option<(String, &'e Field)>,
    eprint_type: Option<(String, &'e Field)>,
    eprint_class: Option<(String, &'e Field)>,
    doi: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
    institutions: Vec<(String, &'e Field)>,
    organizations: Vec<(String, &'e Field)>,
    how_published: Option<(String, &'e Field)>,
    /// `language` and `langid`, resolved together at the end.
    languages: Vec<&'e Field>,
    /// The addresses of links in `howpublished`.
    how_links: Vec<(String, &'e Field)>,
    type_field: Option<(String, &'e Field)>,
}

struct Builder<'e> {
    entry: &'e Entry,
    row: Option<&'static EntryType>,
    container: Container,
    r: Resource,
    d: Vec<Diagnostic>,
    slots: Slots<'e>,
}

/// " (inherited from `key`)" for messages about inherited fields.
fn origin(field: &Field) -> String {
    match &field.inherited_from {
        Some(key) => format!(" (inherited from `{key}`)"),
        None => String::new(),
    }
}

/// True for a value that is a web address.
fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("ftp://")
}

impl<'e> Builder<'e> {
    fn push(&mut self, diagnostic: Diagnostic) {
        crate::push_capped(&mut self.d, diagnostic);
    }

    fn warn(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::warning(code, format!("{message}{}", origin(field))).at(field.location.clone()));
    }

    fn info(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::info(code, format!("{message}{}", origin(field))).at(field.location.clone()));
    }

    fn unmapped(&mut self, field: &Field, why: &str) {
        let why = if why.is_empty() { String::new() } else { format!(" ({})", why.trim_end_matches('.')) };
        self.warn(
            codes::FIELD_UNMAPPED,
            field,
            format!("field `{}` has no place in the DataCite model; its value is not carried over{why}", field.name),
        );
    }

    /// Reports LaTeX the decoder kept as written.
    fn notes(&mut self, field: &Field, notes: Notes) {
        if !notes.unknown.is_empty() {
            let mut commands = notes.unknown;
            commands.sort();
            commands.dedup();
            self.warn(
                LATEX_UNKNOWN,
                field,
                format!("LaTeX {} in `{}` kept as written", commands.join(", "), field.name),
            );
        }
        if notes.math {
            self.warn(LATEX_MATH, field, format!("math in `{}` kept as written in LaTeX", field.name));
        }
        if !notes.links.is_empty() {
            let links: Vec<String> = notes.links.iter().map(|l| format!("\"{l}\"")).collect();
            self.warn(
                LATEX_LINK,
                field,
                format!(
                    "`{}` links its text to {}: the text is kept, the address is not carried over",
                    field.name,
                    links.join(", ")
                ),
            );
        }
    }

    /// The decoded text of a field; `None` (reported) when empty.
    fn text(&mut self, field: &Field) -> Option<String> {
        let mut notes = Notes::default();
        let text = latex::decode(&field.raw, &mut notes);
        self.notes(field, notes);
        self.non_empty(field, text)
    }

    /// The text of a verbatim field (`url`, `doi`, `eprint`).
    fn verbatim(&mut self, field: &Field) -> Option<String> {
        let text = latex::decode_verbatim(&field.raw);
        self.non_empty(field, text)
    }

    fn non_empty(&mut self, field: &Field, text: String) -> Option<String> {
        if text.is_empty() {
            self.info(codes::VALUE_EMPTY, field, format!("field `{}` is empty; skipped", field.name));
            None
        } else {
            Some(text)
        }
    }

    /// True (and reported) when a single-valued target was already filled by another field.
    fn repeated(&mut self, target: Target, field: &'e Field) -> bool {
        let earlier = self.slots.seen.iter().find(|(t, _)| *t == target).map(|(_, f)| f.name.clone());
        match earlier {
            Some(earlier) => {
                self.warn(
                    codes::FIELD_REPEATED,
                    field,
                    format!(
                        "field `{}` says again what `{earlier}` says; `{earlier}` is kept and this value is lost",
                        field.name
                    ),
                );
                true
            }
            None => {
                self.slots.seen.push((target, field));
                false
            }
        }
    }

    fn field(&mut self, field: &'e Field) {
        let info = field_info(&field.name);
        let target = info.map_or(Target::Unmapped, |i| i.target);
        use Target as T;
        let single = !matches!(
            target,
            T::Author
                | T::Editor
                | T::Translator
                | T::Holder
                | T::OtherRole
                | T::BookAuthor
                | T::AlternativeTitle
                | T::Note
                | T::Rights
                | T::OtherIdentifier
                | T::Organization
                | T::Unmapped
                | T::Crossref
                | T::Xdata
                | T::Language
        );
        if single && self.repeated(target, field) {
            return;
        }
        match target {
            T::Author => self.names(field, Role::Creator),
            T::Editor => self.names(field, Role::Contributor(ContributorType::Editor)),
            T::Translator => self.names(field, Role::Contributor(ContributorType::Translator)),
            T::Holder => self.names(field, Role::Contributor(ContributorType::RightsHolder)),
            T::OtherRole => self.names(field, Role::Contributor(ContributorType::Other)),
            T::BookAuthor => self.names(field, Role::ItemCreator),
            T::Title => {
                if let Some(text) = self.text(field) {
                    self.slots.main_title = Some(Title::new(text));
                }
            }
            T::Subtitle => self.title(field, TitleType::Subtitle),
            T::TitleAddon => self.title(field, TitleType::Other),
            T::AlternativeTitle => self.title(field, TitleType::AlternativeTitle),
            T::ContainerTitle | T::ContainerSubtitle | T::ContainerAddon | T::ContainerShortTitle => {
                self.container_title(field, target)
            }
            T::Series => {
                if let Some(text) = self.text(field) {
                    self.slots.series.titles.insert(0, Title::new(text));
                }
            }
            T::Volume => self.slot(field, |s| &mut s.volume),
            T::Number => self.slot(field, |s| &mut s.number),
            T::Issue => self.slot(field, |s| &mut s.issue),
            T::Pages => self.slot(field, |s| &mut s.pages),
            T::Eid => self.slot(field, |s| &mut s.eid),
            T::Chapter => self.slot(field, |s| &mut s.chapter),
            T::Edition => self.slot(field, |s| &mut s.edition),
            T::Isbn => self.slot(field, |s| &mut s.isbn),
            T::Issn => self.slot(field, |s| &mut s.issn),
            T::Type => self.slot(field, |s| &mut s.type_field),
            T::EprintType => self.slot(field, |s| &mut s.eprint_type),
            T::EprintClass => self.slot(field, |s| &mut s.eprint_class),
            T::HowPublished => {
                // The address of a link (`\href{url}{text}`) is kept for the record's url: the
                // text goes where a `howpublished` text goes.
                let mut notes = Notes::default();
                let text = latex::decode(&field.raw, &mut notes);
                for link in std::mem::take(&mut notes.links) {
                    self.slots.how_links.push((link, field));
                }
                self.notes(field, notes);
                if let Some(text) = self.non_empty(field, text) {
                    self.slots.how_published = Some((text, field));
                }
            }
            T::Version => {
                if let Some(text) = self.text(field) {
                    self.r.version = Some(text);
                }
            }
            T::Publisher => self.slots.publisher = self.text(field),
            T::Institution => {
                if let Some(text) = self.text(field) {
                    self.slots.institutions.push((text, field));
                }
            }
            T::Organization => {
                if let Some(text) = self.text(field) {
                    self.slots.organizations.push((text, field));
                }
            }
            T::OtherIdentifier => {
                if let Some(text) = self.text(field) {
                    let kind = match field.name.as_str() {
                        "mrnumber" => "MR".to_owned(),
                        other => other.to_ascii_uppercase(),
                    };
                    self.alternate(text, kind);
                }
            }
            T::Pmid => {
                if let Some(text) = self.verbatim(field) {
                    self.alternate(text, "PMID".to_owned());
                }
            }
            T::Doi => self.doi_field(field),
            T::Url => self.slots.url = self.verbatim(field),
            T::Eprint => {
                if let Some(text) = self.verbatim(field) {
                    self.slots.eprint = Some((text, field));
                }
            }
            T::UrlDate => self.other_date(field, ACCESSED),
            T::OrigDate => self.other_date(field, ORIGINAL),
            T::EventDate => self.other_date(field, EVENT),
            T::Abstract => self.description(field, DescriptionType::Abstract),
            T::Note => self.description(field, DescriptionType::Other),
            T::Keywords => self.keywords(field),
            T::Language => self.slots.languages.push(field),
            T::Date => self.slots.date = Some(field),
            T::Year => self.slots.year = Some(field),
            T::Month => self.slots.month = Some(field),
            T::Day => self.slots.day = Some(field),
            T::Rights => self.rights(field),
            T::PageTotal => self.size(field, "pages"),
            T::Volumes => self.size(field, "volumes"),
            T::Crossref | T::Xdata => {}
            T::Unmapped => {
                let why = info.map_or("", |i| i.note);
                self.unmapped(field, why);
            }
        }
    }

    /// Keeps the decoded text of a field in a slot for assembly.
    fn slot(
        &mut self,
        field: &'e Field,
        slot: impl for<'s> FnOnce(&'s mut Slots<'e>) -> &'s mut Option<(String, &'e Field)>,
    ) {
        if let Some(text) = self.text(field) {
            *slot(&mut self.slots) = Some((text, field));
        }
    }

    fn title(&mut self, field: &Field, title_type: TitleType) {
        if let Some(text) = self.text(field) {
            self.slots.other_titles.push(Title { title: text, title_type: Some(title_type), lang: None });
        }
    }

    fn container_title(&mut self, field: &Field, target: Target) {
        let Some(text) = self.text(field) else { return };
        if self.slots.item_type.is_none() {
            self.slots.item_type = self.container.item_type().or(Some(if field.name.starts_with("journal") {
                ResourceTypeGeneral::Journal
            } else {
                ResourceTypeGeneral::Book
            }));
        }
        self.slots.item_used = true;
        let title_type = match target {
            Target::ContainerSubtitle => Some(TitleType::Subtitle),
            Target::ContainerAddon => Some(TitleType::Other),
            Target::ContainerShortTitle => Some(TitleType::AlternativeTitle),
            _ => None,
        };
        let title = Title { title: text, title_type: title_type.clone(), lang: None };
        if title_type.is_none() {
            self.slots.item.titles.insert(0, title);
        } else {
            self.slots.item.titles.push(title);
        }
    }

    fn names(&mut self, field: &Field, role: Role) {
        let mut notes = Notes::default();
        let list = names::parse(&field.raw, &mut notes);
        self.notes(field, notes);
        if list.others {
            self.warn(
                AND_OTHERS,
                field,
                format!("`{}` ends with \"and others\": the other names are unknown and not listed", field.name),
            );
        }
        if list.names.is_empty() && !list.others {
            self.info(codes::VALUE_EMPTY, field, format!("field `{}` holds no name; skipped", field.name));
        }
        if !list.ignored.is_empty() {
            self.info(
                NAME_OPTION,
                field,
                format!(
                    "the name list in `{}` gives the options {}, which say how to sort and label it; not carried over",
                    field.name,
                    list.ignored.join(", ")
                ),
            );
        }
        for name in &list.names {
            if !name.ignored.is_empty() {
                self.info(
                    NAME_OPTION,
                    field,
                    format!(
                        "the name \"{}\" in `{}` gives {}: initials and options, which say how to sort and label it, not what it is; not carried over",
                        name.display(),
                        field.name,
                        name.ignored.join(", ")
                    ),
                );
            }
            if !name.unplaced.is_empty() {
                self.warn(
                    NAME_PART,
                    field,
                    format!(
                        "the name \"{}\" in `{}` gives {}, which DataCite's name has no place for (it has family, given, prefix and suffix); not carried over",
                        name.display(),
                        field.name,
                        name.unplaced.join(", ")
                    ),
                );
            }
            if name.extra_commas {
                self.warn(
                    codes::VALUE_INVALID,
                    field,
                    format!(
                        "the name \"{}\" in `{}` has more than two commas; the words after the second were read as given names",
                        name.display(),
                        field.name
                    ),
                );
            }
            let (display, name_type, given, family) = parts(name);
            match &role {
                Role::Creator => self.r.creators.push(Creator {
                    name: display,
                    name_type,
                    given_name: given,
                    family_name: family,
                    ..Creator::default()
                }),
                Role::Contributor(contributor_type) => self.r.contributors.push(Contributor {
                    name: display,
                    name_type,
                    given_name: given,
                    family_name: family,
                    contributor_type: Some(contributor_type.clone()),
                    ..Contributor::default()
                }),
                Role::ItemCreator => {
                    self.slots.item_used = true;
                    self.slots.item.creators.push(RelatedItemCreator {
                        name: display,
                        name_type,
                        given_name: given,
                        family_name: family,
                        lang: None,
                    });
                }
            }
        }
    }

    fn alternate(&mut self, identifier: String, kind: String) {
        self.r
            .alternate_identifiers
            .push(AlternateIdentifier { alternate_identifier: identifier, alternate_identifier_type: Some(kind) });
    }

    fn doi_field(&mut self, field: &Field) {
        let Some(text) = self.verbatim(field) else { return };
        match doi::normalise(&text) {
            Some(name) => {
                if name != text {
                    self.info(
                        codes::VALUE_NORMALISED,
                        field,
                        format!("DOI \"{text}\" read as \"{name}\" (resolver prefix removed)"),
                    );
                }
                self.slots.doi = Some(name);
            }
            None => self.warn(
                codes::VALUE_INVALID,
                field,
                format!("`doi` \"{text}\" is not a DOI (10.prefix/suffix); not kept"),
            ),
        }
    }

    fn other_date(&mut self, field: &Field, information: &str) {
        let Some(text) = self.text(field) else { return };
        if dates::is_date(&text) {
            self.r.dates.push(Date {
                date: text,
                date_type: Some(DateType::Other),
                date_information: Some(information.to_owned()),
            });
        } else {
            self.warn(
                codes::VALUE_INVALID,
                field,
                format!("`{}` \"{text}\" is not an ISO 8601 or EDTF date; not kept", field.name),
            );
        }
    }

    fn description(&mut self, field: &Field, description_type: DescriptionType) {
        if let Some(text) = self.text(field) {
            self.r.descriptions.push(Description {
                description: text,
                description_type: Some(description_type),
                lang: None,
            });
        }
    }

    fn keywords(&mut self, field: &Field) {
        let mut depth = 0usize;
        let mut start = 0;
        let raw = field.raw.as_str();
        let mut pieces = Vec::new();
        for (i, b) in raw.bytes().enumerate() {
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b',' | b';' if depth == 0 => {
                    pieces.push(raw.get(start..i).unwrap_or_default());
                    start = i + 1;
                }
                _ => {}
            }
        }
        pieces.push(raw.get(start..).unwrap_or_default());
        let mut notes = Notes::default();
        for piece in pieces {
            let subject = latex::decode(piece, &mut notes);
            if !subject.is_empty() {
                self.r.subjects.push(Subject { subject, ..Subject::default() });
            }
        }
        self.notes(field, notes);
    }

    /// `language` and `langid` into the one `language` DataCite has, as a BCP 47 tag.
    ///
    /// `langid` is preferred: it is one Babel or polyglossia name, by which biblatex itself
    /// typesets the entry, while `language` is free text or a list. Failing that, the first
    /// language of `language`. Whatever is no language is left out (DataCite refuses it), and
    /// languages that do not fit in the one `language` are named; both are reported.
    fn languages(&mut self) {
        let mut fields = std::mem::take(&mut self.slots.languages);
        // A stable sort: `langid` first, each name in its order.
        fields.sort_by_key(|field| field.name != "langid");
        let mut kept: Option<(String, String, &Field)> = None;
        let mut more: Vec<String> = Vec::new();
        for field in fields {
            let mut notes = Notes::default();
            let text = latex::decode(&field.raw, &mut notes);
            self.notes(field, notes);
            let Some(text) = self.non_empty(field, text) else { continue };
            for piece in languages::pieces(&text) {
                let Some(tag) = piece.tag else {
                    self.warn(
                        LANGUAGE_UNKNOWN,
                        field,
                        format!(
                            "`{}` \"{}\" is not a language Crosswalk can name as a BCP 47 tag; left out",
                            field.name, piece.written
                        ),
                    );
                    continue;
                };
                match &kept {
                    None => {
                        if tag != piece.written {
                            self.info(
                                codes::VALUE_NORMALISED,
                                field,
                                format!("`{}` \"{}\" read as the language \"{tag}\"", field.name, piece.written),
                            );
                        }
                        kept = Some((tag, piece.written, field));
                    }
                    Some((kept_tag, _, _)) if kept_tag.eq_ignore_ascii_case(&tag) => {}
                    Some(_) => {
                        let other = format!("`{}` \"{}\" ({tag})", field.name, piece.written);
                        if !more.contains(&other) {
                            more.push(other);
                        }
                    }
                }
            }
        }
        if let Some((tag, written, field)) = kept {
            if !more.is_empty() {
                self.warn(
                    LANGUAGE_MORE,
                    field,
                    format!(
                        "DataCite has one language: `{}` \"{written}\" ({tag}) is kept; not carried over: {}",
                        field.name,
                        more.join(", ")
                    ),
                );
            }
            self.r.language = Some(tag);
        }
    }

    fn rights(&mut self, field: &Field) {
        let Some(text) = self.text(field) else { return };
        let uri = is_url(&text);
        // `copyright = {text}` with `license = {URL}` describe one licence.
        if let Some(last) = self.r.rights_list.last_mut() {
            if uri && last.rights_uri.is_none() {
                last.rights_uri = Some(latex::decode_verbatim(&field.raw));
                return;
            }
            if !uri && last.rights.is_none() {
                last.rights = Some(text);
                return;
            }
        }
        let rights = if uri {
            Rights { rights_uri: Some(latex::decode_verbatim(&field.raw)), ..Rights::default() }
        } else {
            Rights { rights: Some(text), ..Rights::default() }
        };
        self.r.rights_list.push(rights);
    }

    fn size(&mut self, field: &Field, unit: &str) {
        if let Some(text) = self.text(field) {
            self.r.sizes.push(format!("{text} {unit}"));
        }
    }

    fn assemble(&mut self) {
        self.types();
        let mut titles: Vec<Title> = self.slots.main_title.take().into_iter().collect();
        titles.append(&mut self.slots.other_titles);
        self.r.titles = titles;
        self.dates();
        self.languages();
        self.identifiers();
        self.publisher();
        self.container_data();
    }

    fn types(&mut self) {
        let type_field = self.slots.type_field.take();
        let mut types = match self.row {
            Some(row) => {
                Types { resource_type_general: Some(row.general.clone()), resource_type: row.label.map(Into::into) }
            }
            None => {
                let location = self.entry.location.clone();
                self.push(
                    Diagnostic::warning(
                        codes::VOCAB_UNKNOWN,
                        format!(
                            "entry type @{} is not a BibTeX or BibLaTeX type; read as resourceTypeGeneral \"Other\" with resourceType \"{}\"",
                            self.entry.kind, self.entry.kind
                        ),
                    )
                    .at(location),
                );
                Types {
                    resource_type_general: Some(ResourceTypeGeneral::Other),
                    resource_type: Some(self.entry.kind.clone()),
                }
            }
        };
        if let Some((text, field)) = type_field {
            let row_label = self.row.and_then(|row| row.label);
            let dissertation = self.row.is_some_and(|row| row.general == ResourceTypeGeneral::Dissertation);
            match type_field_key(&text) {
                Some(label) if row_label.is_none() || dissertation => types.resource_type = label.map(Into::into),
                None if row_label.is_none() || dissertation => types.resource_type = Some(text),
                _ => self.unmapped(field, "resourceType already holds the entry type; the type field would hide it"),
            }
        }
        self.r.types = types;
    }

    fn dates(&mut self) {
        let mut issued: Option<String> = None;
        let mut year_text: Option<String> = None;
        if let Some(field) = self.slots.date {
            match self.text(field) {
                Some(text) if dates::is_date(&text) => issued = Some(text),
                Some(text) => self.warn(
                    codes::VALUE_INVALID,
                    field,
                    format!("`date` \"{text}\" is not an ISO 8601 or EDTF date; not kept"),
                ),
                None => {}
            }
        }
        let year = self.slots.year.and_then(|field| self.text(field).map(|text| (text, field)));
        let month = self.slots.month.and_then(|field| self.text(field).map(|text| (text, field)));
        let day = self.slots.day.and_then(|field| self.text(field).map(|text| (text, field)));
        if let Some(date) = &issued {
            self.check_against_date(date, year.as_ref(), month.as_ref(), day.as_ref());
        } else if let Some((text, field)) = &year {
            let mut date = match dates::year(text) {
                Year::Plain(y) => Some(y.to_owned()),
                Year::Range(a, b) => {
                    let range = format!("{a}/{b}");
                    self.info(DATE_CONVERTED, field, format!("year \"{text}\" read as the date range {range}"));
                    issued = Some(range);
                    None
                }
                Year::Within(y) => {
                    self.warn(
                        codes::VALUE_INVALID,
                        field,
                        format!("`year` \"{text}\" is not a plain year; {y} was taken from it"),
                    );
                    Some(y.to_owned())
                }
                Year::None => {
                    self.warn(
                        codes::VALUE_INVALID,
                        field,
                        format!("`year` \"{text}\" holds no year; the record has no publication year from it"),
                    );
                    None
                }
            };
            match (date.as_mut(), &month) {
                (Some(base), Some((month_text, month_field))) => {
                    self.join_month(base, text, month_text, month_field, day.as_ref());
                }
                (None, Some(_)) => {
                    for (_, field) in month.iter().chain(day.iter()) {
                        self.warn(
                            codes::VALUE_INVALID,
                            field,
                            format!("`{}` cannot join `year` \"{text}\" into a date; not kept", field.name),
                        );
                    }
                }
                (_, None) => {
                    if let Some((_, day_field)) = &day {
                        self.unmapped(day_field, "a day without a month");
                    }
                }
            }
            if issued.is_none() {
                issued = date;
            }
        } else {
            for (_, field) in month.iter().chain(day.iter()) {
                self.warn(
                    codes::VALUE_INVALID,
                    field,
                    format!("`{}` without `year` or `date` cannot make a date; not kept", field.name),
                );
            }
        }
        if let Some(date) = issued {
            year_text = dates::year_of(&date).map(str::to_owned);
            self.r.dates.insert(0, Date { date, date_type: Some(DateType::Issued), date_information: None });
        }
        self.r.publication_year = year_text;
    }

    /// Adds month (and day) to a plain year, reporting the conversion.
    fn join_month(
        &mut self,
        base: &mut String,
        year_text: &str,
        month_text: &str,
        month_field: &Field,
        day: Option<&(String, &Field)>,
    ) {
        let Some(month) = dates::month_number(month_text) else {
            self.warn(
                codes::VALUE_INVALID,
                month_field,
                format!("`month` \"{month_text}\" is not a month; the date holds only the year"),
            );
            return;
        };
        let written = match &month_field.macro_name {
            Some(name) => format!("month macro `{name}`"),
            None => format!("month \"{month_text}\""),
        };
        let mut what = format!("year {year_text} and {written}");
        let mut day_number = None;
        if let Some((day_text, day_field)) = day {
            match dates::day_number(day_text) {
                Some(day) => {
                    day_number = Some(u32::from(day));
                    what = format!("{what} and day {day_text}");
                }
                None => self.warn(
                    codes::VALUE_INVALID,
                    day_field,
                    format!("`day` \"{day_text}\" is not a day of the month; not kept"),
                ),
            }
        }
        let converted = w3cdtf(base, Some(u32::from(month)), day_number);
        self.info(DATE_CONVERTED, month_field, format!("{what} read as the date {converted}"));
        *base = converted;
    }

    /// `year` and `month` next to `date`: consumed when they agree, reported when they do not.
    fn check_against_date(
        &mut self,
        date: &str,
        year: Option<&(String, &Field)>,
        month: Option<&(String, &Field)>,
        day: Option<&(String, &Field)>,
    ) {
        if let Some((text, field)) = year {
            if Some(text.trim()) != dates::year_of(date) {
                self.warn(
                    DATE_CONFLICT,
                    field,
                    format!("`year` \"{text}\" differs from `date` \"{date}\"; the date is kept"),
                );
            }
        }
        if let Some((text, field)) = month {
            let date_month = date.get(5..7).and_then(|m| m.parse::<u8>().ok());
            if dates::month_number(text) != date_month {
                self.warn(
                    DATE_CONFLICT,
                    field,
                    format!("`month` \"{text}\" differs from `date` \"{date}\"; the date is kept"),
                );
            }
        }
        if let Some((text, field)) = day {
            let date_day = date.get(8..10).and_then(|d| d.parse::<u8>().ok());
            if dates::day_number(text) != date_day {
                self.warn(
                    DATE_CONFLICT,
                    field,
                    format!("`day` \"{text}\" differs from `date` \"{date}\"; the date is kept"),
                );
            }
        }
    }

    fn identifiers(&mut self) {
        let eprint_type = self.slots.eprint_type.take();
        if let Some((text, field)) = self.slots.eprint.take() {
            let kind = eprint_type.as_ref().map(|(t, _)| t.to_ascii_lowercase());
            match kind.as_deref() {
                Some("doi") => match doi::normalise(&text) {
                    Some(name) if self.slots.doi.is_none() => self.slots.doi = Some(name),
                    Some(name) if self.slots.doi.as_deref() == Some(name.as_str()) => {}
                    Some(name) => self.alternate(name, "DOI".to_owned()),
                    None => self.warn(
                        codes::VALUE_INVALID,
                        field,
                        format!("`eprint` \"{text}\" of type doi is not a DOI; not kept"),
                    ),
                },
                Some("arxiv") => self.alternate(text, "arXiv".to_owned()),
                Some("pubmed" | "pmid") => self.alternate(text, "PMID".to_owned()),
                Some("hdl" | "handle") => self.alternate(text, "Handle".to_owned()),
                Some("pmcid") => self.alternate(text, "PMCID".to_owned()),
                Some("jstor") => self.alternate(text, "JSTOR".to_owned()),
                Some("googlebooks") => self.alternate(text, "Google Books".to_owned()),
                _ => {
                    let kind = eprint_type.as_ref().map_or_else(|| "eprint".to_owned(), |(t, _)| t.clone());
                    self.alternate(text, kind);
                }
            }
        } else if let Some((_, field)) = &eprint_type {
            self.unmapped(field, "there is no eprint for it to qualify");
        }
        if let Some((class, _)) = self.slots.eprint_class.take() {
            let scheme = match eprint_type.as_ref().map(|(t, _)| t.as_str()) {
                Some(t) if t.eq_ignore_ascii_case("arxiv") => "arXiv".to_owned(),
                Some(t) => t.to_owned(),
                None => "arXiv".to_owned(),
            };
            self.r.subjects.push(Subject { subject: class, subject_scheme: Some(scheme), ..Subject::default() });
        }
        if let Some(url) = self.slots.url.take() {
            let doi_host = {
                let lower = url.to_ascii_lowercase();
                ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"]
                    .iter()
                    .any(|p| lower.starts_with(p))
            };
            if doi_host && self.slots.doi.is_none() {
                if let Some(name) = doi::normalise(&url) {
                    let location = self.entry.field("url").map(|f| f.location.clone()).unwrap_or_default();
                    self.push(
                        Diagnostic::info(codes::VALUE_NORMALISED, format!("DOI {name} taken from `url` \"{url}\""))
                            .at(location),
                    );
                    self.slots.doi = Some(name);
                }
            }
            self.r.url = Some(url);
        }
        self.r.doi = self.slots.doi.take();
    }

    fn publisher(&mut self) {
        let mut publisher = self.slots.publisher.take();
        let institutions = std::mem::take(&mut self.slots.institutions);
        let organizations = std::mem::take(&mut self.slots.organizations);
        let how = self.slots.how_published.take();
        for (name, field) in institutions {
            if publisher.is_none() {
                self.info(
                    PUBLISHER_TAKEN,
                    field,
                    format!("`{}` \"{name}\" read as the publisher (there is no `publisher`)", field.name),
                );
                publisher = Some(name);
            } else {
                self.r.contributors.push(organisation(name, ContributorType::HostingInstitution));
            }
        }
        for (name, field) in organizations {
            if publisher.is_none() {
                self.info(
                    PUBLISHER_TAKEN,
                    field,
                    format!("`organization` \"{name}\" read as the publisher (there is no `publisher`)"),
                );
                publisher = Some(name);
            } else {
                self.r.contributors.push(organisation(name, ContributorType::Sponsor));
            }
        }
        for (link, _) in std::mem::take(&mut self.slots.how_links) {
            if self.r.url.is_none() {
                self.r.url = Some(link);
            } else if self.r.url.as_deref() != Some(link.as_str()) {
                self.alternate(link, "URL".to_owned());
            }
        }
        if let Some((text, field)) = how {
            if is_url(&text) || field.raw.contains("\\url") {
                let url = latex::decode_verbatim(&field.raw);
                if self.r.url.is_none() {
                    self.r.url = Some(url);
                } else if self.r.url.as_deref() != Some(url.as_str()) {
                    self.alternate(url, "URL".to_owned());
                }
            } else if publisher.is_none() {
                self.info(
                    PUBLISHER_TAKEN,
                    field,
                    format!("`howpublished` \"{text}\" read as the publisher (there is no `publisher`)"),
                );
                publisher = Some(text);
            } else {
                self.r.descriptions.push(Description {
                    description: text,
                    description_type: Some(DescriptionType::Other),
                    lang: None,
                });
            }
        }
        self.r.publisher = publisher.map(Publisher::named);
    }

    /// Volume, number, pages, edition and identifiers into the container item, the series item
    /// or the resource itself, by the entry's kind.
    fn container_data(&mut self) {
        let contained = self.container != Container::None;
        let volume = self.slots.volume.take();
        let number = self.slots.number.take();
        let issue = self.slots.issue.take();
        let pages = self.slots.pages.take();
        let eid = self.slots.eid.take();
        let chapter = self.slots.chapter.take();
        let edition = self.slots.edition.take();
        let isbn = self.slots.isbn.take();
        let issn = self.slots.issn.take();
        let has_series = !self.slots.series.titles.is_empty();
        let journal_like =
            self.container == Container::Journal || self.slots.item_type == Some(ResourceTypeGeneral::Journal);
        // Where volume and number go: the container, else the series, else nowhere.
        let in_item = contained || self.slots.item_used;
        if in_item {
            if let Some((text, _)) = volume {
                self.slots.item.volume = Some(text);
                self.slots.item_used = true;
            }
        } else if let Some((text, field)) = volume {
            if has_series {
                self.slots.series.volume = Some(text);
            } else {
                self.unmapped(field, "the volume of an entry that has no series or container");
            }
        }
        if let Some((text, field)) = number {
            if journal_like {
                self.slots.item.issue = Some(text);
                self.slots.item_used = true;
            } else if has_series {
                self.slots.series.number = Some(text);
                self.slots.series.number_type = Some(self.number_type());
            } else if in_item {
                self.slots.item.number = Some(text);
                self.slots.item.number_type = Some(NumberType::Other);
                self.slots.item_used = true;
            } else if let Some(kind) = self.own_number_kind() {
                self.alternate(text, kind.to_owned());
            } else {
                self.unmapped(field, "the number of an entry that has no series or container");
            }
        }
        if let Some((text, field)) = issue {
            if self.slots.item.issue.is_none() && (in_item || journal_like) {
                self.slots.item.issue = Some(text);
                self.slots.item_used = true;
            } else if self.slots.item.issue.is_some() {
                self.warn(
                    codes::FIELD_REPEATED,
                    field,
                    "`issue` and `number` both give the issue; `number` is kept".to_owned(),
                );
            } else {
                self.unmapped(field, "the issue of an entry that has no container");
            }
        }
        for (value, number_type) in [(eid, NumberType::Article), (chapter, NumberType::Chapter)] {
            let Some((text, field)) = value else { continue };
            if !in_item {
                self.unmapped(field, "a number within a container, but the entry has none");
            } else if self.slots.item.number.is_some() {
                self.warn(
                    codes::FIELD_REPEATED,
                    field,
                    format!("the container already has a number; `{}` is lost", field.name),
                );
            } else {
                self.slots.item.number = Some(text);
                self.slots.item.number_type = Some(number_type);
                self.slots.item_used = true;
            }
        }
        if let Some((text, field)) = pages {
            if in_item {
                let (first, last) = split_pages(&text);
                self.slots.item.first_page = Some(first);
                self.slots.item.last_page = last;
                self.slots.item_used = true;
            } else {
                self.unmapped(field, "pages of an entry that has no container");
            }
        }
        if let Some((text, field)) = edition {
            if contained {
                self.slots.item.edition = Some(text);
                self.slots.item_used = true;
            } else if self.r.version.is_none() {
                self.r.version = Some(text);
            } else {
                self.warn(
                    codes::FIELD_REPEATED,
                    field,
                    "`edition` and `version` both give the version; `version` is kept".to_owned(),
                );
            }
        }
        if let Some((text, _)) = isbn {
            if in_item {
                self.item_identifier(text, RelatedIdentifierType::Isbn, false);
            } else {
                self.alternate(text, "ISBN".to_owned());
            }
        }
        if let Some((text, _)) = issn {
            if in_item {
                self.item_identifier(text, RelatedIdentifierType::Issn, false);
            } else if has_series {
                self.item_identifier(text, RelatedIdentifierType::Issn, true);
            } else if self.r.types.resource_type_general == Some(ResourceTypeGeneral::Journal) {
                self.alternate(text, "ISSN".to_owned());
            } else {
                self.r.related_identifiers.push(RelatedIdentifier {
                    related_identifier: text,
                    related_identifier_type: Some(RelatedIdentifierType::Issn),
                    relation_type: Some(RelationType::IsPartOf),
                    ..RelatedIdentifier::default()
                });
            }
        }
        if self.slots.item_used {
            let mut item = std::mem::take(&mut self.slots.item);
            item.related_item_type = Some(
                self.slots
                    .item_type
                    .clone()
                    .or_else(|| self.container.item_type())
                    .unwrap_or(ResourceTypeGeneral::Book),
            );
            item.relation_type = Some(RelationType::IsPublishedIn);
            if contained || journal_like {
                item.publisher = self.r.publisher.as_ref().map(|p| p.name.clone());
            }
            self.r.related_items.push(item);
        }
        if has_series || self.slots.series.related_item_identifier.is_some() {
            let mut series = std::mem::take(&mut self.slots.series);
            series.related_item_type = Some(ResourceTypeGeneral::Collection);
            series.relation_type = Some(RelationType::IsPublishedIn);
            self.r.related_items.push(series);
        }
    }

    /// The identifier of the container (or the series), also as a related identifier.
    fn item_identifier(&mut self, text: String, kind: RelatedIdentifierType, series: bool) {
        let item = if series { &mut self.slots.series } else { &mut self.slots.item };
        if item.related_item_identifier.is_none() {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: text.clone(),
                related_item_identifier_type: Some(kind.clone()),
                ..RelatedItemIdentifier::default()
            });
        }
        if !series {
            self.slots.item_used = true;
        }
        self.r.related_identifiers.push(RelatedIdentifier {
            related_identifier: text,
            related_identifier_type: Some(kind),
            relation_type: Some(RelationType::IsPublishedIn),
            ..RelatedIdentifier::default()
        });
    }

    /// The `numberType` of a series number: `Report` for reports.
    fn number_type(&self) -> NumberType {
        match self.r.types.resource_type_general {
            Some(ResourceTypeGeneral::Report) => NumberType::Report,
            _ => NumberType::Other,
        }
    }

    /// The alternate identifier type of the number of a standalone report or patent.
    fn own_number_kind(&self) -> Option<&'static str> {
        match self.row.map(|row| row.alias_of.unwrap_or(row.name)) {
            Some("report") => Some("Report number"),
            Some("patent") => Some("Patent number"),
            Some("manual") => Some("Manual number"),
            _ => None,
        }
    }
}

/// Which list a name list goes to.
enum Role {
    Creator,
    Contributor(ContributorType),
    ItemCreator,
}

/// The model's parts of a name: the display name, its type, given and family names.
fn parts(name: &Name) -> (String, Option<NameType>, Option<String>, Option<String>) {
    if name.organization {
        return (name.last.clone(), Some(NameType::Organizational), None, None);
    }
    if name.first.is_empty() && name.von.is_empty() && name.jr.is_empty() && !name.extended {
        // One word: a mononym or an unbraced organisation; nothing says which.
        return (name.last.clone(), None, None, None);
    }
    let family = name.family();
    let given = (!name.first.is_empty()).then(|| name.first.clone());
    (name.display(), None, given, (!family.is_empty()).then_some(family))
}

fn organisation(name: String, contributor_type: ContributorType) -> Contributor {
    Contributor {
        name,
        name_type: Some(NameType::Organizational),
        contributor_type: Some(contributor_type),
        ..Contributor::default()
    }
}

/// `12--34`, `12-34`, `12–34` into first and last page; anything else is the first page.
fn split_pages(text: &str) -> (String, Option<String>) {
    for separator in ["--", "–", "—", "-"] {
        if let Some((first, last)) = text.split_once(separator) {
            let (first, last) = (first.trim(), last.trim().trim_start_matches('-').trim());
            if !first.is_empty() && !last.is_empty() {
                return (first.to_owned(), Some(last.to_owned()));
            }
        }
    }
    (text.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        assert_eq!(split_pages("12--34"), ("12".to_owned(), Some("34".to_owned())));
        assert_eq!(split_pages("12–34"), ("12".to_owned(), Some("34".to_owned())));
        assert_eq!(split_pages("e1234"), ("e1234".to_owned(), None));
        assert_eq!(split_pages("12---34"), ("12".to_owned(), Some("34".to_owned())));
    }
}

//! Mapping one record's fields into the model, as the tag table ([`crate::tags::TAGS`]) and the
//! type table ([`crate::types::TYPES`]) say.
//!
//! The record type is read first (it decides where container data goes), then every field in
//! source order; values that depend on each other (dates, pages, container titles, serial
//! numbers, web addresses) are gathered and placed at the end. Every value is either placed or
//! reported, with the line, the column of the value and the tag (as the location's path).

use std::collections::HashSet;

use crosswalk_model::{
    codes, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType,
    Diagnostic, Location, NameType, NumberType, Origin, Publisher, Record, RelatedIdentifier, RelatedIdentifierType,
    RelatedItem, RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Rights, Subject, Title, TitleType,
    Types,
};

use crate::dates::{self, DateParts};
use crate::ids::{self, Serial};
use crate::names;
use crate::reader::{tag_text, Field, RawRecord, Tally};
use crate::tags::{self, Target};
use crate::types::{self, Family, RisType};
use crate::{quote, DIAGNOSTICS_TRUNCATED, DIAGNOSTIC_LIMIT};

/// `relationTypeInformation` of further `UR` addresses.
pub(crate) const ADDITIONAL_URL: &str = "Additional URL (RIS UR)";
/// `relationTypeInformation` of `L3` addresses.
pub(crate) const RELATED_RECORD: &str = "Related record (RIS L3)";
/// `dateInformation` of `Y2` dates.
pub(crate) const ACCESSED: &str = "Accessed";
/// `dateInformation` of a `DA` date that disagrees with `PY`.
pub(crate) const DA_DATE: &str = "Date (RIS DA)";
/// `alternateIdentifierType` of `AN` (the writer writes it back as `AN`).
pub(crate) const ACCESSION_NUMBER: &str = "Accession number";
/// `alternateIdentifierType` of `CN`.
pub(crate) const CALL_NUMBER: &str = "Call number";
/// `alternateIdentifierType` of an `SN` of a report that is neither ISSN nor ISBN.
pub(crate) const REPORT_NUMBER: &str = "Report number";
/// `alternateIdentifierType` of an `SN` of a patent.
pub(crate) const PATENT_NUMBER: &str = "Patent number";
/// `alternateIdentifierType` of any other `SN` that is neither ISSN nor ISBN.
pub(crate) const SERIAL_NUMBER: &str = "Serial number";

/// What a value was placed as, for skipping exact repetitions (a set, so that a hostile record of
/// 100,000 keywords is not read in quadratic time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Seen {
    Title,
    ContainerTitle,
    Abstract,
    Note,
    Series,
    Subject,
    ContentUrl,
    Rights,
    Related,
    Alternate(&'static str),
}

/// A value waiting for the end of the record, with the field it came from.
struct Pending<'r> {
    value: &'r str,
    field: Field,
}

/// The state of one record's mapping.
struct Mapper<'r> {
    raw: &'r RawRecord,
    resource: Resource,
    diagnostics: Vec<Diagnostic>,
    truncated: bool,
    row: Option<&'static RisType>,
    family: Family,
    key: Option<String>,
    type_of_work: Option<String>,
    container: RelatedItem,
    /// `T2`/`BT` titles, then `JF`/`JO`, then `C3`: the first becomes the container's title.
    container_titles: [Vec<Pending<'r>>; 3],
    /// Abbreviations and alternate titles of the container (`JA`, `J1`, `J9`, `JI`).
    container_alternates: Vec<Pending<'r>>,
    /// `J2` values: the container's when there is one, the work's otherwise.
    alternate_titles: Vec<Pending<'r>>,
    /// `ST` and `TT` values, with their title types: placed after the main titles, because
    /// exporters that sort tags alphabetically (EndNote) write `ST` before `TI`, and a short title
    /// equal to the title must not take the title's place.
    other_titles: Vec<(Pending<'r>, TitleType)>,
    years: Vec<Pending<'r>>,
    dates: Vec<Pending<'r>>,
    start_pages: Vec<Pending<'r>>,
    end_pages: Vec<Pending<'r>>,
    serials: Vec<Pending<'r>>,
    urls: Vec<Pending<'r>>,
    empty_tags: Tally,
    /// Values placed so far, by what they were placed as.
    seen: HashSet<(Seen, &'r str)>,
    /// True once the work has a main title.
    has_main_title: bool,
    /// Where each of `resource.contributors` was read, in order.
    contributor_locations: Vec<Location>,
}

/// Maps a record's fields into a [`Record`].
pub(crate) fn build(raw: &RawRecord, index: usize) -> Record {
    let mut m = Mapper {
        raw,
        resource: Resource::default(),
        diagnostics: Vec::new(),
        truncated: false,
        row: None,
        family: Family::Work,
        key: None,
        type_of_work: None,
        container: RelatedItem::default(),
        container_titles: [Vec::new(), Vec::new(), Vec::new()],
        container_alternates: Vec::new(),
        alternate_titles: Vec::new(),
        other_titles: Vec::new(),
        years: Vec::new(),
        dates: Vec::new(),
        start_pages: Vec::new(),
        end_pages: Vec::new(),
        serials: Vec::new(),
        urls: Vec::new(),
        empty_tags: Tally::default(),
        seen: HashSet::new(),
        has_main_title: false,
        contributor_locations: Vec::new(),
    };
    for d in &raw.diagnostics {
        m.push(d.clone());
    }
    m.report_tallies();
    let type_field = raw.fields.first().filter(|f| raw.has_ty && f.tag == *b"TY");
    if let Some(field) = type_field {
        m.record_type(field);
    }
    for field in raw.fields.iter().skip(usize::from(type_field.is_some())) {
        m.field(field);
    }
    m.finish();
    // A work with only editors (ED, A2 …): its editors are its creators, as in every reader.
    if let Some(promoted) = crosswalk_rules::editors::editors_as_creators(&mut m.resource) {
        let location = m.contributor_locations.get(promoted.first).cloned().unwrap_or_default();
        m.push(promoted.diagnostic().at(location));
    }
    // The `ID` is how documents cite the record: writers of reference lists reuse it.
    let citation_key = m.key.clone();
    let key = m.key.clone().or_else(|| m.resource.doi.clone());
    let mut diagnostics = m.diagnostics;
    diagnostics.sort_by_key(|d| d.location.line.unwrap_or(0));
    let mut record = Record {
        resource: m.resource,
        diagnostics,
        origin: Origin { index, key, citation_key, line: Some(raw.start_line), ..Origin::default() },
    };
    record.tidy();
    record
}

/// The location of a field's value.
fn at(field: &Field) -> Location {
    Location::at(field.line, field.column).with_path(tag_text(&field.tag))
}

impl<'r> Mapper<'r> {
    fn push(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() < DIAGNOSTIC_LIMIT {
            self.diagnostics.push(diagnostic);
        } else if !self.truncated {
            self.truncated = true;
            let line = diagnostic.location.line.unwrap_or(self.raw.start_line);
            self.diagnostics.push(
                Diagnostic::warning(
                    DIAGNOSTICS_TRUNCATED,
                    format!("more than {DIAGNOSTIC_LIMIT} diagnostics in this record; the rest are not listed"),
                )
                .at(Location::at(line, 1)),
            );
        }
    }

    fn info(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::info(code, message).at(at(field)));
    }

    fn warn(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::warning(code, message).at(at(field)));
    }

    fn unmapped(&mut self, field: &Field, value: &str, why: &str) {
        let tag = tag_text(&field.tag);
        let meaning = tags::lookup_bytes(field.tag).map_or("unknown tag", |t| t.meaning);
        let message = format!("RIS tag {tag} ({meaning}) {why}: {} is not carried over", quote(value));
        self.warn(codes::FIELD_UNMAPPED, field, message);
    }

    fn repeated(&mut self, field: &Field, value: &str, kept: &str) {
        let tag = tag_text(&field.tag);
        let message =
            format!("{tag} {} repeats a single-valued field; {} is kept, this one is lost", quote(value), quote(kept));
        self.warn(codes::FIELD_REPEATED, field, message);
    }

    /// The diagnostics that reading counted over the record's lines.
    fn report_tallies(&mut self) {
        let raw = self.raw;
        let t = &raw.not_utf8;
        if t.count > 0 {
            let more = if t.count > 1 { format!(" (and {} more of its lines)", t.count - 1) } else { String::new() };
            self.push(
                Diagnostic::warning(
                    crosswalk_text::ENCODING_ASSUMED,
                    format!("line {} of this record is not valid UTF-8{more}; first {}", t.line, t.sample),
                )
                .at(Location::at(t.line, t.column)),
            );
        }
        let t = &raw.stray_bytes;
        if t.count > 0 {
            let more = if t.count > 1 { format!(" (and {} more of its lines)", t.count - 1) } else { String::new() };
            self.push(
                Diagnostic::warning(
                    crosswalk_text::ENCODING_INVALID,
                    format!("line {} of this record is UTF-8 but for stray bytes{more}; first {}", t.line, t.sample),
                )
                .at(Location::at(t.line, t.column)),
            );
        }
        let t = &raw.irregular;
        if t.count > 0 {
            let more = if t.count > 1 { format!(" (and {} more tag lines)", t.count - 1) } else { String::new() };
            self.push(
                Diagnostic::info(
                    crate::TAG_IRREGULAR,
                    format!(
                        "tag written as {}{more} instead of the standard \"XX  - \"; read as a tag",
                        quote(&t.sample)
                    ),
                )
                .at(Location::at(t.line, 1)),
            );
        }
        let t = &raw.trimmed;
        if t.count > 0 {
            let more = if t.count > 1 { format!(" and {} more values", t.count - 1) } else { String::new() };
            self.push(
                Diagnostic::info(
                    codes::VALUE_TRIMMED,
                    format!("white space around the value of {}{more} was removed", t.sample),
                )
                .at(Location::at(t.line, t.column).with_path(t.sample.clone())),
            );
        }
    }

    // ---- the record type ------------------------------------------------------------------

    fn record_type(&mut self, field: &Field) {
        let value = self.raw.value(field);
        if value.is_empty() {
            self.warn(codes::VOCAB_UNKNOWN, field, "TY has no value; resourceTypeGeneral set to Other".to_owned());
            self.resource.types.resource_type_general = Some(ResourceTypeGeneral::Other);
            return;
        }
        let upper = value.to_ascii_uppercase();
        let Some(spelled) = types::TYPES.iter().find(|t| t.ty == upper) else {
            self.warn(
                codes::VOCAB_UNKNOWN,
                field,
                format!(
                    "TY {} is not a RIS reference type; resourceTypeGeneral set to Other, the value kept in resourceType",
                    quote(value)
                ),
            );
            self.resource.types = Types::new(ResourceTypeGeneral::Other, Some(value));
            return;
        };
        let row = types::lookup(spelled.ty).unwrap_or(spelled);
        if spelled.alias_of.is_some() {
            self.info(
                codes::VOCAB_NORMALISED,
                field,
                format!("TY {} is a variant spelling, read as {}", quote(value), row.ty),
            );
        } else if spelled.ty != value {
            self.info(codes::VOCAB_NORMALISED, field, format!("TY {} read as {}", quote(value), row.ty));
        }
        self.row = Some(row);
        self.family = row.family;
        self.resource.types.resource_type_general = Some(row.general.clone());
    }

    // ---- one field ----------------------------------------------------------------------------

    /// True the first time a value is placed as `kind`.
    fn first_time(&mut self, kind: Seen, value: &'r str) -> bool {
        self.seen.insert((kind, value))
    }

    fn field(&mut self, field: &Field) {
        let raw = self.raw;
        let value = raw.value(field);
        let target = tags::lookup_bytes(field.tag).map_or(Target::Unmapped, |t| t.target);
        if value.is_empty() {
            if target != Target::End {
                self.empty_tags.add(field.line, field.column, String::new);
                let tags = &mut self.empty_tags.sample;
                if !tags.split(", ").any(|t| t == tag_text(&field.tag)) {
                    if !tags.is_empty() {
                        tags.push_str(", ");
                    }
                    tags.push_str(tag_text(&field.tag));
                }
            }
            return;
        }
        if field.wrapped && target != Target::Unmapped {
            self.info(
                crate::CONTINUATION,
                field,
                format!("{} continues on the next line(s); the lines were joined with spaces", tag_text(&field.tag)),
            );
        }
        let pending = Pending { value, field: *field };
        match target {
            Target::Type => {
                // A TY inside a record cannot happen: TY always starts a record.
                self.unmapped(field, value, "stands inside a record");
            }
            Target::End => {}
            Target::Key => match &self.key {
                None => self.key = Some(value.to_owned()),
                Some(kept) if kept == value => {}
                Some(kept) => {
                    let kept = kept.clone();
                    self.repeated(field, value, &kept);
                }
            },
            Target::Title => self.title(value, None),
            Target::BookTitle => {
                if self.family == Family::Book || self.row.is_some_and(|r| r.ty == "UNPB") {
                    self.title(value, None);
                } else {
                    self.container_titles[0].push(pending);
                }
            }
            Target::SecondaryTitle => self.container_titles[0].push(pending),
            Target::Periodical => self.container_titles[1].push(pending),
            Target::Custom3 if self.family == Family::Paper => self.container_titles[2].push(pending),
            Target::PeriodicalAbbreviation => self.container_alternates.push(pending),
            Target::AlternateTitle => self.alternate_titles.push(pending),
            Target::SeriesTitle => self.description(value, DescriptionType::SeriesInformation),
            Target::ShortTitle => self.other_titles.push((pending, TitleType::AlternativeTitle)),
            Target::TranslatedTitle => self.other_titles.push((pending, TitleType::TranslatedTitle)),
            Target::Author => self.creator(field, value),
            Target::Editor => self.contributor(field, value, ContributorType::Editor),
            Target::TertiaryAuthor => {
                let role = if self.family == Family::Audiovisual {
                    ContributorType::Producer
                } else {
                    ContributorType::Editor
                };
                self.contributor(field, value, role);
            }
            Target::SubsidiaryAuthor => self.contributor(field, value, ContributorType::Translator),
            Target::Year => self.years.push(pending),
            Target::Date => self.dates.push(pending),
            Target::AccessDate => self.access_date(field, value),
            Target::Doi => self.doi(field, value),
            Target::Url => self.urls.push(pending),
            Target::ContentLink => {
                if ids::is_web_address(value) {
                    if self.first_time(Seen::ContentUrl, value) {
                        self.resource.content_url.push(value.to_owned());
                    }
                } else {
                    self.unmapped(field, value, "is not a web address (a local file?)");
                }
            }
            Target::RelatedLink => {
                if ids::is_web_address(value) {
                    self.related_url(value, RELATED_RECORD);
                } else {
                    self.unmapped(field, value, "is not a web address");
                }
            }
            Target::Abstract => self.description(value, DescriptionType::Abstract),
            Target::Note => self.description(value, DescriptionType::Other),
            Target::Keyword => {
                if self.first_time(Seen::Subject, value) {
                    self.resource.subjects.push(Subject { subject: value.to_owned(), ..Subject::default() });
                }
            }
            Target::Publisher => match &self.resource.publisher {
                None => self.resource.publisher = Some(Publisher::named(value)),
                Some(kept) if kept.name == value => {}
                Some(kept) => {
                    let kept = kept.name.clone();
                    self.repeated(field, value, &kept);
                }
            },
            Target::Language => self.language(field, value),
            Target::Edition => self.edition(field, value),
            Target::Volume => self.container_value(field, value, |c| &mut c.volume),
            Target::Issue => self.container_value(field, value, |c| &mut c.issue),
            Target::IssueOrConference => {
                let looks_like_issue = value.len() <= 10 && value.starts_with(|c: char| c.is_ascii_digit());
                if looks_like_issue {
                    self.container_value(field, value, |c| &mut c.issue);
                } else {
                    self.unmapped(field, value, "is not an issue number (a conference name?)");
                }
            }
            Target::StartPage => self.start_pages.push(pending),
            Target::EndPage => self.end_pages.push(pending),
            Target::SerialNumber => self.serials.push(pending),
            Target::AccessionNumber => self.alternate(value, ACCESSION_NUMBER),
            Target::CallNumber => self.alternate(value, CALL_NUMBER),
            Target::TypeOfWork => {
                if crosswalk_model::doi::normalise(value).is_some() {
                    self.info(crate::REMAPPED, field, format!("M3 {} is a DOI; read as DO", quote(value)));
                    self.doi(field, value);
                } else {
                    match &self.type_of_work {
                        None => self.type_of_work = Some(value.to_owned()),
                        Some(kept) if kept == value => {}
                        Some(kept) => {
                            let kept = kept.clone();
                            self.repeated(field, value, &kept);
                        }
                    }
                }
            }
            Target::Custom2 if self.family == Family::Article => {
                if ids::is_pmcid(value) {
                    self.alternate(value, "PMCID");
                } else if ids::is_pmid(value) {
                    self.alternate(value, "PMID");
                } else {
                    self.unmapped(field, value, "is neither a PMCID nor a PMID");
                }
            }
            Target::Custom7 if self.family == Family::Article => {
                self.container_value(field, value, |c| &mut c.number);
                if self.container.number.as_deref() == Some(value) {
                    self.container.number_type = Some(NumberType::Article);
                }
            }
            Target::Rights => {
                if self.first_time(Seen::Rights, value) {
                    self.resource.rights_list.push(Rights { rights: Some(value.to_owned()), ..Rights::default() });
                }
            }
            Target::Custom2 | Target::Custom3 | Target::Custom7 => {
                let ty = self.row.map_or("this type", |r| r.ty);
                let why = format!("has no meaning the model can hold for {ty}");
                self.unmapped(field, value, &why);
            }
            Target::Unmapped => {
                let why = match tags::lookup_bytes(field.tag) {
                    Some(_) => "has no home in the model",
                    None => "is not a RIS tag",
                };
                self.unmapped(field, value, why);
            }
        }
    }

    /// Places a title of the work. A text already placed as a title is not repeated, so a short
    /// title equal to the title adds nothing.
    fn title(&mut self, value: &'r str, title_type: Option<TitleType>) {
        let title_type = match title_type {
            None if self.has_main_title => Some(TitleType::AlternativeTitle),
            other => other,
        };
        if !self.first_time(Seen::Title, value) {
            return;
        }
        self.has_main_title |= title_type.is_none();
        self.resource.titles.push(Title { title: value.to_owned(), title_type, lang: None });
    }

    fn description(&mut self, value: &'r str, kind: DescriptionType) {
        let seen = match kind {
            DescriptionType::Abstract => Seen::Abstract,
            DescriptionType::SeriesInformation => Seen::Series,
            _ => Seen::Note,
        };
        if self.first_time(seen, value) {
            self.resource.descriptions.push(Description {
                description: value.to_owned(),
                description_type: Some(kind),
                lang: None,
            });
        }
    }

    fn creator(&mut self, field: &Field, value: &str) {
        let name = self.name(field, value);
        self.resource.creators.push(Creator {
            name: name.name,
            name_type: name.organizational.then_some(NameType::Organizational),
            given_name: name.given,
            family_name: name.family,
            ..Creator::default()
        });
    }

    fn contributor(&mut self, field: &Field, value: &str, role: ContributorType) {
        let name = self.name(field, value);
        self.contributor_locations.push(at(field));
        self.resource.contributors.push(Contributor {
            name: name.name,
            name_type: name.organizational.then_some(NameType::Organizational),
            given_name: name.given,
            family_name: name.family,
            contributor_type: Some(role),
            ..Contributor::default()
        });
    }

    fn name(&mut self, field: &Field, value: &str) -> names::Name {
        let name = names::parse(value);
        if name.kept_whole {
            self.info(
                crate::NAME_KEPT,
                field,
                format!(
                    "{} reads like an organisation's name; its comma was not taken as \"Family, Given\"",
                    quote(value)
                ),
            );
        }
        name
    }

    fn access_date(&mut self, field: &Field, value: &str) {
        let parts = dates::parse(value);
        let Some(date) = parts.format(None) else {
            self.warn(
                codes::VALUE_INVALID,
                field,
                format!("Y2 {} is not a date with a year; not carried over", quote(value)),
            );
            return;
        };
        self.converted(field, value, &date, &parts);
        let information = match &parts.info {
            Some(info) => format!("{ACCESSED}; {info}"),
            None => ACCESSED.to_owned(),
        };
        self.resource.dates.push(Date { date, date_type: Some(DateType::Other), date_information: Some(information) });
    }

    /// Reports a date written in another form than the source's: what it was read as, what of it
    /// is kept as `dateInformation`, and what was dropped.
    fn converted(&mut self, field: &Field, value: &str, date: &str, parts: &DateParts) {
        if date == value {
            return;
        }
        let mut message = format!("{} {} read as the date {}", tag_text(&field.tag), quote(value), quote(date));
        if let Some(info) = &parts.info {
            message.push_str(&format!(", {} kept as dateInformation", quote(info)));
        }
        if let Some(dropped) = &parts.dropped {
            message.push_str(&format!("; the {} at its end was dropped", quote(dropped)));
        }
        self.info(crate::DATE_CONVERTED, field, message);
    }

    fn doi(&mut self, field: &Field, value: &'r str) {
        let Some(doi) = crosswalk_model::doi::normalise(value) else {
            self.warn(
                codes::VALUE_INVALID,
                field,
                format!(
                    "{} {} is not a DOI; kept as an alternate identifier of type DOI",
                    tag_text(&field.tag),
                    quote(value)
                ),
            );
            self.alternate(value, "DOI");
            return;
        };
        if doi != value {
            self.info(codes::VALUE_NORMALISED, field, format!("DOI {} read as {}", quote(value), quote(&doi)));
        }
        match &self.resource.doi {
            None => {
                self.resource.doi = Some(doi);
            }
            Some(kept) if kept.eq_ignore_ascii_case(&doi) => {}
            Some(kept) => {
                let kept = kept.clone();
                self.repeated(field, value, &kept);
            }
        }
    }

    fn language(&mut self, field: &Field, value: &str) {
        let language = match ids::language_code(value) {
            Some(code) => {
                self.info(codes::VALUE_NORMALISED, field, format!("language {} read as {}", quote(value), quote(code)));
                code.to_owned()
            }
            None => value.to_owned(),
        };
        match &self.resource.language {
            None => self.resource.language = Some(language),
            Some(kept) if *kept == language => {}
            Some(kept) => {
                let kept = kept.clone();
                self.repeated(field, value, &kept);
            }
        }
    }

    fn edition(&mut self, field: &Field, value: &str) {
        if self.family == Family::Article {
            let parts = dates::parse(value);
            if let (true, Some(date)) = (parts.info.is_none() && parts.dropped.is_none(), parts.format(None)) {
                self.info(
                    crate::REMAPPED,
                    field,
                    format!(
                        "ET of a journal article is its e-publication date: {} read as the Available date {}",
                        quote(value),
                        quote(&date)
                    ),
                );
                self.resource.dates.push(Date { date, date_type: Some(DateType::Available), date_information: None });
                return;
            }
        }
        if self.family.is_part() {
            self.container_value(field, value, |c| &mut c.edition);
        } else {
            match &self.resource.version {
                None => self.resource.version = Some(value.to_owned()),
                Some(kept) if kept == value => {}
                Some(kept) => {
                    let kept = kept.clone();
                    self.repeated(field, value, &kept);
                }
            }
        }
    }

    /// Sets a single-valued property of the container.
    fn container_value(&mut self, field: &Field, value: &str, slot: fn(&mut RelatedItem) -> &mut Option<String>) {
        let place = slot(&mut self.container);
        match place {
            None => *place = Some(value.to_owned()),
            Some(kept) if kept == value => {}
            Some(kept) => {
                let kept = kept.clone();
                self.repeated(field, value, &kept);
            }
        }
    }

    fn alternate(&mut self, value: &'r str, kind: &'static str) {
        if self.first_time(Seen::Alternate(kind), value) {
            self.resource.alternate_identifiers.push(AlternateIdentifier {
                alternate_identifier: value.to_owned(),
                alternate_identifier_type: Some(kind.to_owned()),
            });
        }
    }

    fn related_url(&mut self, value: &'r str, information: &str) {
        if self.first_time(Seen::Related, value) {
            self.resource.related_identifiers.push(RelatedIdentifier {
                related_identifier: value.to_owned(),
                related_identifier_type: Some(RelatedIdentifierType::Url),
                relation_type: Some(RelationType::Other),
                relation_type_information: Some(information.to_owned()),
                ..RelatedIdentifier::default()
            });
        }
    }

    // ---- the end of the record -------------------------------------------------------------------

    fn finish(&mut self) {
        if self.empty_tags.count > 0 {
            let t = &self.empty_tags;
            let message = format!("empty values skipped: {}", t.sample);
            let location = Location::at(t.line, t.column);
            self.push(Diagnostic::info(codes::VALUE_EMPTY, message).at(location));
        }
        self.types();
        for (p, title_type) in std::mem::take(&mut self.other_titles) {
            self.title(p.value, Some(title_type));
        }
        self.publication_dates();
        self.pages();
        self.serial_numbers();
        self.container_titles();
        self.web_addresses();
        let container = std::mem::take(&mut self.container);
        if container != RelatedItem::default() {
            self.resource.related_items.insert(
                0,
                RelatedItem {
                    related_item_type: Some(self.family.container_type()),
                    relation_type: Some(RelationType::IsPublishedIn),
                    ..container
                },
            );
        }
    }

    /// `resourceType`: `M3` when given, else the type's label; an unknown `TY` keeps its value.
    fn types(&mut self) {
        let unknown_type = self.row.is_none() && self.resource.types.resource_type.is_some();
        match (&self.type_of_work, unknown_type) {
            (Some(text), true) => {
                let text = text.clone();
                let message =
                    format!("M3 {} is not kept: resourceType holds the unknown TY value as written", quote(&text));
                let line = self.raw.fields.iter().find(|f| f.tag == *b"M3").copied();
                if let Some(field) = line {
                    self.warn(codes::FIELD_UNMAPPED, &field, message);
                }
            }
            (Some(text), false) => self.resource.types.resource_type = Some(text.clone()),
            (None, _) => {
                if let Some(label) = self.row.and_then(|r| r.label) {
                    self.resource.types.resource_type = Some(label.to_owned());
                }
            }
        }
    }

    /// `PY`/`Y1` and `DA`: `publicationYear` and the `Issued` date.
    fn publication_dates(&mut self) {
        let years = std::mem::take(&mut self.years);
        let chosen = years.iter().position(|p| p.field.tag == *b"PY").or_else(|| (!years.is_empty()).then_some(0));
        let mut year_parts: Option<(DateParts, Field, &str)> = None;
        if let Some(i) = chosen {
            let Some(p) = years.get(i) else { return };
            let parts = dates::parse(p.value);
            match parts.year() {
                Some(year) => self.resource.publication_year = Some(year.to_owned()),
                None => self.warn(
                    codes::VALUE_INVALID,
                    &p.field,
                    format!(
                        "{} {} holds no year (four digits standing alone, as in 2015 or 2015/10/05); not carried over",
                        tag_text(&p.field.tag),
                        quote(p.value)
                    ),
                ),
            }
            year_parts = Some((parts, p.field, p.value));
        }
        for (i, p) in years.iter().enumerate() {
            if Some(i) == chosen {
                continue;
            }
            let same = year_parts.as_ref().is_some_and(|(parts, _, _)| dates::parse(p.value) == *parts);
            if !same {
                let kept = year_parts.as_ref().map_or("", |(_, _, value)| *value).to_owned();
                self.repeated(&p.field, p.value, &kept);
            }
        }
        let py_year = year_parts.as_ref().and_then(|(parts, _, _)| parts.year().map(str::to_owned));

        let dates = std::mem::take(&mut self.dates);
        // The Issued date, its information, and the value it was read from (field, text, parts).
        let mut issued: Option<(String, Option<String>, Field, &str, DateParts)> = None;
        for (i, p) in dates.iter().enumerate() {
            let parts = dates::parse(p.value);
            if i > 0 {
                let same = dates.first().is_some_and(|first| dates::parse(first.value) == parts);
                if !same {
                    let kept = dates.first().map_or("", |f| f.value).to_owned();
                    self.repeated(&p.field, p.value, &kept);
                }
                continue;
            }
            let conflicting = matches!((parts.year(), &py_year), (Some(a), Some(b)) if a != b);
            if conflicting {
                if let Some(date) = parts.format(None) {
                    self.converted(&p.field, p.value, &date, &parts);
                    self.resource.dates.push(Date {
                        date,
                        date_type: Some(DateType::Other),
                        date_information: Some(match &parts.info {
                            Some(info) => format!("{DA_DATE}; {info}"),
                            None => DA_DATE.to_owned(),
                        }),
                    });
                }
                continue;
            }
            if parts.has_date() {
                match parts.format(py_year.as_deref()) {
                    Some(date) => issued = Some((date, parts.info.clone(), p.field, p.value, parts)),
                    None => self.warn(
                        codes::VALUE_INVALID,
                        &p.field,
                        format!("DA {} has no year, and no PY gives one; not carried over", quote(p.value)),
                    ),
                }
            } else if let Some((py, date, field, value)) =
                year_parts.as_ref().and_then(|(py, field, value)| Some((py, py.format(None)?, field, value)))
            {
                // A date that is only words ("Spring"): the information of the PY date.
                let info = match &py.info {
                    Some(more) => format!("{more}; {}", p.value),
                    None => p.value.to_owned(),
                };
                self.info(
                    crate::DATE_CONVERTED,
                    &p.field,
                    format!("DA {} holds no date; kept as the dateInformation of the Issued date", quote(p.value)),
                );
                issued = Some((date, Some(info), *field, value, py.clone()));
            } else {
                // No PY, or a PY without a year (reported on its own): the words have no date to
                // describe.
                self.warn(
                    codes::VALUE_INVALID,
                    &p.field,
                    format!("DA {} is not a date and no PY gives a year; not carried over", quote(p.value)),
                );
            }
        }
        if issued.is_none() {
            if let Some((parts, field, value)) = &year_parts {
                if let Some(date) = parts.format(None) {
                    issued = Some((date, parts.info.clone(), *field, value, parts.clone()));
                }
            }
        }
        if let Some((date, info, field, value, parts)) = issued {
            self.converted(&field, value, &date, &parts);
            if self.resource.publication_year.is_none() {
                self.resource.publication_year =
                    date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())).map(str::to_owned);
            }
            self.resource.dates.insert(0, Date { date, date_type: Some(DateType::Issued), date_information: info });
        }
    }

    /// `SP`/`EP`: the container's pages, or the number of pages of a book or thesis.
    fn pages(&mut self) {
        let starts = std::mem::take(&mut self.start_pages);
        let ends = std::mem::take(&mut self.end_pages);
        for (i, p) in starts.iter().enumerate() {
            if i > 0 {
                self.container_value(&p.field, p.value, |c| &mut c.first_page);
                continue;
            }
            let range = p
                .value
                .split_once(['-', '–', '—'])
                .map(|(a, b)| (a.trim(), b.trim()))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty());
            let counts_pages = matches!(self.family, Family::Book | Family::Thesis)
                && ends.is_empty()
                && range.is_none()
                && p.value.bytes().all(|b| b.is_ascii_digit());
            if counts_pages {
                self.info(
                    crate::REMAPPED,
                    &p.field,
                    format!(
                        "SP {} of a book or thesis is its number of pages; read as the size \"{} pages\"",
                        quote(p.value),
                        p.value
                    ),
                );
                self.resource.sizes.push(format!("{} pages", p.value));
            } else if let Some((first, last)) = range {
                self.container_value(&p.field, first, |c| &mut c.first_page);
                self.container_value(&p.field, last, |c| &mut c.last_page);
            } else {
                self.container_value(&p.field, p.value, |c| &mut c.first_page);
            }
        }
        for p in &ends {
            self.container_value(&p.field, p.value, |c| &mut c.last_page);
        }
    }

    /// `SN`: ISSN and ISBN to the container or the work, other numbers to alternate identifiers.
    fn serial_numbers(&mut self) {
        let serials = std::mem::take(&mut self.serials);
        for p in &serials {
            for piece in ids::split_serials(p.value) {
                let (number, kind) = ids::classify_serial(piece);
                if number != piece {
                    self.info(
                        codes::VALUE_NORMALISED,
                        &p.field,
                        format!("SN {} read as {}", quote(piece), quote(number)),
                    );
                }
                let identifier_type = match kind {
                    Serial::Issn => RelatedIdentifierType::Issn,
                    Serial::Isbn => RelatedIdentifierType::Isbn,
                    Serial::Other => {
                        let label = match self.row.map(|r| r.ty) {
                            Some("RPRT" | "GOVDOC") => REPORT_NUMBER,
                            Some("PAT") => PATENT_NUMBER,
                            _ => {
                                self.warn(
                                    codes::VALUE_INVALID,
                                    &p.field,
                                    format!("SN {} is neither an ISSN nor an ISBN; kept as an alternate identifier of type \"{SERIAL_NUMBER}\"", quote(number)),
                                );
                                SERIAL_NUMBER
                            }
                        };
                        self.alternate(number, label);
                        continue;
                    }
                };
                if self.family.container_takes(&identifier_type) {
                    self.container_identifier(number, identifier_type);
                } else {
                    let label = if identifier_type == RelatedIdentifierType::Issn { "ISSN" } else { "ISBN" };
                    self.alternate(number, label);
                }
            }
        }
    }

    /// The container's identifier; a further one is a related identifier `IsPublishedIn`.
    fn container_identifier(&mut self, number: &'r str, kind: RelatedIdentifierType) {
        match &self.container.related_item_identifier {
            None => {
                self.container.related_item_identifier = Some(RelatedItemIdentifier {
                    related_item_identifier: number.to_owned(),
                    related_item_identifier_type: Some(kind),
                    ..RelatedItemIdentifier::default()
                });
            }
            Some(kept) if kept.related_item_identifier == number => {}
            Some(_) => {
                if self.first_time(Seen::Related, number) {
                    self.resource.related_identifiers.push(RelatedIdentifier {
                        related_identifier: number.to_owned(),
                        related_identifier_type: Some(kind),
                        relation_type: Some(RelationType::IsPublishedIn),
                        resource_type_general: Some(self.family.container_type()),
                        ..RelatedIdentifier::default()
                    });
                }
            }
        }
    }

    /// The container's titles, and `J2`.
    fn container_titles(&mut self) {
        let groups = std::mem::take(&mut self.container_titles);
        let alternates = std::mem::take(&mut self.container_alternates);
        for p in groups.iter().flatten() {
            let main = self.container.titles.is_empty();
            self.container_title(p.value, (!main).then_some(TitleType::AlternativeTitle));
        }
        for p in &alternates {
            self.container_title(p.value, Some(TitleType::AlternativeTitle));
        }
        let has_container = self.family.is_part() || self.container != RelatedItem::default();
        for p in std::mem::take(&mut self.alternate_titles) {
            if has_container {
                self.container_title(p.value, Some(TitleType::AlternativeTitle));
            } else {
                self.title(p.value, Some(TitleType::AlternativeTitle));
            }
        }
    }

    fn container_title(&mut self, value: &'r str, title_type: Option<TitleType>) {
        if self.first_time(Seen::ContainerTitle, value) {
            self.container.titles.push(Title { title: value.to_owned(), title_type, lang: None });
        }
    }

    /// `UR`: the landing page, a DOI, or further addresses.
    fn web_addresses(&mut self) {
        let urls = std::mem::take(&mut self.urls);
        for p in &urls {
            for url in split_urls(p.value) {
                let resolver = is_doi_resolver(url);
                if let (true, Some(doi)) = (resolver, crosswalk_model::doi::normalise(url)) {
                    match &self.resource.doi {
                        Some(kept) if kept.eq_ignore_ascii_case(&doi) => {
                            self.info(
                                crate::REMAPPED,
                                &p.field,
                                format!("UR {} is the DOI's resolver link; not used as the landing page", quote(url)),
                            );
                            continue;
                        }
                        None => {
                            self.info(
                                crate::REMAPPED,
                                &p.field,
                                format!("UR {} is a DOI link; read as DO {}", quote(url), quote(&doi)),
                            );
                            self.resource.doi = Some(doi);
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                if self.resource.url.is_none() {
                    if !ids::is_web_address(url) {
                        self.warn(
                            codes::VALUE_INVALID,
                            &p.field,
                            format!(
                                "UR {} is not an http(s) address; kept as the url, which DataCite will refuse",
                                quote(url)
                            ),
                        );
                    }
                    self.resource.url = Some(url.to_owned());
                } else if self.resource.url.as_deref() != Some(url) {
                    self.related_url(url, ADDITIONAL_URL);
                }
            }
        }
    }
}

/// The addresses of a `UR` value: exporters join several with `; `.
fn split_urls(value: &str) -> Vec<&str> {
    let pieces: Vec<&str> = value.split("; ").map(str::trim).filter(|p| !p.is_empty()).collect();
    if pieces.len() > 1 && pieces.iter().all(|p| ids::is_web_address(p)) {
        pieces
    } else {
        vec![value]
    }
}

/// True for a `doi.org` (or `dx.doi.org`) address.
fn is_doi_resolver(url: &str) -> bool {
    let lower = url.get(..url.len().min(24)).unwrap_or(url).to_ascii_lowercase();
    ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/"]
        .iter()
        .any(|p| lower.starts_with(p))
}

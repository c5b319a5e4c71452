//! The mapping: a Dublin Core document's fields onto the DataCite model, every judgment
//! reported (see `docs/crosswalks/dublin-core.md`, generated from [`crate::MAPPING`] and
//! [`crate::types::TYPES`]).
//!
//! Fields are read property by property (titles, then people, …), each in document order, since
//! some decisions need every field of a kind (the publication year is the earliest date; the
//! most specific `dc:type` wins); the diagnostics are then put in document order.

use crosswalk_model::{
    codes, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description, DescriptionType,
    Diagnostic, FunderIdentifierType, FundingReference, GeoLocation, NameType, Origin, Publisher, Record,
    RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral, Rights,
    Subject, Title, TitleType, Types,
};
use crosswalk_rules::languages::{language_tag, How};
use crosswalk_rules::licences::{spdx_of_url, SPDX_SCHEME_URI};
use crosswalk_rules::names::{looks_like_organisation, split_personal_name};

use crate::coverage::{dcmi_place, is_w3cdtf, period, year_of};
use crate::doc::{Doc, Field, Vocab};
use crate::ids::{classify, is_file_url, Id};
use crate::types::{dc_type, TypeKind};
use crate::{
    quote, CITATION, CONTRIBUTOR_TYPE, COVERAGE, DATE_TYPE, DESCRIPTION_TYPE, FORMAT, IDENTIFIER, LICENSE_IDENTIFIED,
    NAME_TYPE, NO_ELEMENTS, OPENAIRE, RELATION, TITLE_TYPE, TYPE, UNKNOWN_ELEMENT,
};

/// `relationTypeInformation` of a relation Dublin Core gives no type.
pub(crate) const DC_RELATION: &str = "Dublin Core relation (no relation type given)";

/// The diagnostics of the record being mapped.
#[derive(Default)]
struct Ctx {
    diagnostics: Vec<Diagnostic>,
}

impl Ctx {
    fn push(&mut self, diagnostic: Diagnostic, field: &Field) {
        self.diagnostics.push(diagnostic.at(field.location()));
    }

    fn info(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::info(code, message), field);
    }

    fn warn(&mut self, code: &'static str, field: &Field, message: String) {
        self.push(Diagnostic::warning(code, message), field);
    }

    /// The field's value: XML white space around it removed (reported), `None` when empty
    /// (reported).
    fn value(&mut self, field: &Field) -> Option<String> {
        let trimmed = field.text.trim_matches([' ', '\t', '\n', '\r']);
        if trimmed.is_empty() {
            self.info(codes::VALUE_EMPTY, field, format!("<{}> is empty; skipped", field.qname));
            return None;
        }
        if trimmed.len() != field.text.len() {
            self.info(
                codes::VALUE_TRIMMED,
                field,
                format!("white space around the value of <{}> removed", field.qname),
            );
        }
        Some(trimmed.to_owned())
    }
}

/// The record of a document read into fields.
pub(crate) fn record(doc: Doc) -> Record {
    let Doc { root, is_dc, fields, diagnostics } = doc;
    let mut ctx = Ctx { diagnostics };
    let mut origin = Origin {
        line: root.as_ref().map(|r| r.line),
        schema: root.as_ref().and_then(|r| r.uri.clone()),
        ..Origin::default()
    };
    if !is_dc {
        if !ctx.diagnostics.iter().any(Diagnostic::is_error) {
            // No root at all: the reader said why (an empty input is a malformed one).
            ctx.diagnostics.push(
                Diagnostic::error(crate::MALFORMED, "the input holds no XML element")
                    .at(crosswalk_model::Location::at(1, 1)),
            );
        }
        return Record { resource: Resource::default(), diagnostics: ctx.diagnostics, origin };
    }
    let mut r = Resource::default();
    if fields.is_empty() {
        let root = root.as_ref();
        let location = crosswalk_model::Location {
            line: root.map(|r| r.line),
            column: root.map(|r| r.column),
            path: root.map(|r| format!("/{}", r.qname)),
        };
        let message = "the record holds no Dublin Core element (dc: or dcterms:); nothing to read".to_owned();
        ctx.diagnostics.push(Diagnostic::error(NO_ELEMENTS, message).at(location));
        return Record { resource: r, diagnostics: ctx.diagnostics, origin };
    }
    let of = |names: &[(Vocab, &str)]| -> Vec<&Field> {
        fields.iter().filter(|f| names.iter().any(|(v, n)| f.vocab == *v && f.name == *n)).collect()
    };
    use Vocab::{Elements as E, Terms as T};
    titles(&mut ctx, &mut r, &of(&[(E, "title"), (T, "title"), (T, "alternative")]));
    people(
        &mut ctx,
        &mut r,
        &of(&[(E, "creator"), (T, "creator"), (E, "contributor"), (T, "contributor"), (T, "rightsHolder")]),
    );
    publisher(&mut ctx, &mut r, &of(&[(E, "publisher"), (T, "publisher")]));
    subjects(&mut ctx, &mut r, &of(&[(E, "subject"), (T, "subject")]));
    descriptions(
        &mut ctx,
        &mut r,
        &of(&[(E, "description"), (T, "description"), (T, "abstract"), (T, "tableOfContents")]),
    );
    dates(
        &mut ctx,
        &mut r,
        &of(&[
            (E, "date"),
            (T, "date"),
            (T, "issued"),
            (T, "created"),
            (T, "available"),
            (T, "modified"),
            (T, "dateAccepted"),
            (T, "dateSubmitted"),
            (T, "dateCopyrighted"),
            (T, "valid"),
        ]),
    );
    types(&mut ctx, &mut r, &of(&[(E, "type"), (T, "type")]));
    formats(&mut ctx, &mut r, &of(&[(E, "format"), (T, "format"), (T, "extent"), (T, "medium")]));
    identifiers(&mut ctx, &mut r, &of(&[(E, "identifier"), (T, "identifier"), (T, "bibliographicCitation")]));
    relations(
        &mut ctx,
        &mut r,
        &of(&[
            (E, "source"),
            (T, "source"),
            (E, "relation"),
            (T, "relation"),
            (T, "isPartOf"),
            (T, "hasPart"),
            (T, "isVersionOf"),
            (T, "hasVersion"),
            (T, "isFormatOf"),
            (T, "hasFormat"),
            (T, "references"),
            (T, "isReferencedBy"),
            (T, "replaces"),
            (T, "isReplacedBy"),
            (T, "requires"),
            (T, "isRequiredBy"),
            (T, "conformsTo"),
        ]),
    );
    language(&mut ctx, &mut r, &of(&[(E, "language"), (T, "language")]));
    coverage(&mut ctx, &mut r, &of(&[(E, "coverage"), (T, "coverage"), (T, "spatial"), (T, "temporal")]));
    rights(&mut ctx, &mut r, &of(&[(E, "rights"), (T, "rights"), (T, "license"), (T, "accessRights")]));
    for field in &fields {
        report_scheme(&mut ctx, field);
        if crate::mapping::handled(field.vocab, &field.name) {
            continue;
        }
        if field.vocab == Vocab::Terms && crate::mapping::UNMAPPED_TERMS.contains(&field.name.as_str()) {
            let message = format!("<{}> has no place in DataCite; not carried", field.qname);
            ctx.warn(codes::FIELD_UNMAPPED, field, message);
        } else {
            let message = format!("<{}> is no Dublin Core element this reader knows; not read", field.qname);
            ctx.warn(UNKNOWN_ELEMENT, field, message);
        }
    }
    origin.key = r.doi.clone().or_else(|| r.url.clone());
    // Diagnostics in document order (those without a line keep their place at the end).
    ctx.diagnostics.sort_by_key(|d| (d.location.line.unwrap_or(u32::MAX), d.location.column.unwrap_or(0)));
    let mut record = Record { resource: r, diagnostics: ctx.diagnostics, origin };
    record.tidy();
    record
}

// ---- titles -------------------------------------------------------------------------------------

fn titles(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    let mut main_lang: Option<Option<String>> = None;
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let mut title = Title { title: value.clone(), title_type: None, lang: field.lang.clone() };
        if field.name == "alternative" {
            title.title_type = Some(TitleType::AlternativeTitle);
        } else if let Some(main) = &main_lang {
            // A language of its own that is not the first title's: a translation.
            let translated =
                field.lang.as_deref().is_some_and(|b| main.as_deref().is_none_or(|a| !a.eq_ignore_ascii_case(b)));
            let (kind, why) = if translated {
                (TitleType::TranslatedTitle, "its xml:lang is not the first title's")
            } else {
                (TitleType::AlternativeTitle, "Dublin Core does not say what a further title is")
            };
            ctx.info(
                TITLE_TYPE,
                field,
                format!("the title {} after the first is of type {kind}: {why}", quote(&value)),
            );
            title.title_type = Some(kind);
        } else {
            main_lang = Some(field.lang.clone());
        }
        r.titles.push(title);
    }
}

// ---- people -------------------------------------------------------------------------------------

/// A name's parts and type, as far as Dublin Core's one string tells them.
struct Name {
    name: String,
    name_type: Option<NameType>,
    given: Option<String>,
    family: Option<String>,
}

/// Reads a creator's or contributor's name. Dublin Core gives a name in one string and no type:
/// an organisation's word (`University`, `Institute`, `GmbH` …) makes it Organizational; the
/// form `Family, Given` (as DSpace and EPrints write people) makes it Personal, split at the
/// comma with the shared splitter; anything else ("Jane Smith", "NASA") keeps its name whole
/// with no nameType, since a string without a comma may be either. Each judgment is reported.
fn name(ctx: &mut Ctx, field: &Field, value: String) -> Name {
    if looks_like_organisation(&value) {
        let message = format!(
            "{} is read as an organisation (nameType Organizational): it has an organisation's word",
            quote(&value)
        );
        ctx.info(NAME_TYPE, field, message);
        return Name { name: value, name_type: Some(NameType::Organizational), given: None, family: None };
    }
    if value.contains(',') {
        if let Some(split) = split_personal_name(&value) {
            let mut d = split.diagnostic(&value);
            d.message.push_str("; nameType Personal: the name is written \"Family, Given\"");
            ctx.push(d, field);
            return Name {
                name: split.display(),
                name_type: Some(NameType::Personal),
                given: Some(split.given),
                family: Some(split.family),
            };
        }
    }
    let message = format!(
        "Dublin Core does not say whether {} is a person or an organisation; nameType is left out and the name kept whole",
        quote(&value)
    );
    ctx.info(NAME_TYPE, field, message);
    Name { name: value, name_type: None, given: None, family: None }
}

fn people(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let Name { name, name_type, given, family } = name(ctx, field, value);
        if field.name == "creator" {
            r.creators.push(Creator {
                name,
                name_type,
                given_name: given,
                family_name: family,
                lang: field.lang.clone(),
                ..Creator::default()
            });
            continue;
        }
        let contributor_type = if field.name == "rightsHolder" {
            ContributorType::RightsHolder
        } else {
            let message = format!(
                "{} is a contributor of type Other: Dublin Core does not say what a contributor did",
                quote(&name)
            );
            ctx.info(CONTRIBUTOR_TYPE, field, message);
            ContributorType::Other
        };
        r.contributors.push(Contributor {
            name,
            name_type,
            given_name: given,
            family_name: family,
            lang: field.lang.clone(),
            contributor_type: Some(contributor_type),
            ..Contributor::default()
        });
    }
}

fn publisher(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        if r.publisher.is_some() {
            let message = format!("DataCite holds one publisher; {} is not carried", quote(&value));
            ctx.warn(codes::FIELD_REPEATED, field, message);
            continue;
        }
        r.publisher = Some(Publisher { name: value, lang: field.lang.clone(), ..Publisher::default() });
    }
}

// ---- subjects and descriptions -----------------------------------------------------------------

/// Classification schemes named by `xsi:type` (DCMI Terms' encoding schemes), with the
/// `subjectScheme` written and whether the value is a classification code.
const SUBJECT_SCHEMES: &[(&str, &str, bool)] = &[
    ("DDC", "DDC", true),
    ("LCC", "LCC", true),
    ("UDC", "UDC", true),
    ("LCSH", "LCSH", false),
    ("MESH", "MeSH", false),
    ("TGN", "TGN", false),
];

fn subjects(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let mut subject = Subject { subject: value.clone(), lang: field.lang.clone(), ..Subject::default() };
        let by_scheme =
            field.scheme_term().and_then(|t| SUBJECT_SCHEMES.iter().find(|(term, _, _)| t.eq_ignore_ascii_case(term)));
        if let Some((_, scheme, code)) = by_scheme {
            subject.subject_scheme = Some((*scheme).to_owned());
            if *code {
                subject.classification_code = Some(value.clone());
            }
        } else if let Some((scheme, code)) = classification(&value) {
            let message = format!("subject {} read as {scheme} classification {}", quote(&value), quote(&code));
            ctx.info(codes::VALUE_NORMALISED, field, message);
            subject.subject = code.clone();
            subject.subject_scheme = Some(scheme);
            subject.classification_code = Some(code);
        }
        r.subjects.push(subject);
    }
}

/// A classification written with its scheme: `ddc:004` (DINI's form) or OpenAIRE's
/// `info:eu-repo/classification/ddc/004`; the scheme in upper case and the code.
fn classification(value: &str) -> Option<(String, String)> {
    let (scheme, code) = if let Some(rest) = value.strip_prefix("info:eu-repo/classification/") {
        rest.split_once('/')?
    } else {
        let (scheme, code) = value.split_once(':')?;
        if !scheme.eq_ignore_ascii_case("ddc") {
            return None;
        }
        (scheme, code)
    };
    let code = code.trim();
    let plausible = !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphanumeric())
        && !code.is_empty()
        && !code.chars().any(char::is_whitespace);
    plausible.then(|| (scheme.to_ascii_uppercase(), code.to_owned()))
}

fn descriptions(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    let mut abstract_given = false;
    let has_abstract = fields.iter().any(|f| f.name == "abstract");
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let description_type = match field.name.as_str() {
            "abstract" => DescriptionType::Abstract,
            "tableOfContents" => DescriptionType::TableOfContents,
            _ if !abstract_given && !has_abstract => {
                let message = format!(
                    "the first <{}> is the Abstract (Dublin Core does not say what a description is)",
                    field.qname
                );
                ctx.info(DESCRIPTION_TYPE, field, message);
                DescriptionType::Abstract
            }
            _ => {
                let why = if has_abstract { "the record has a dcterms:abstract" } else { "it is not the first" };
                let message = format!(
                    "<{}> is of type Other ({why}; Dublin Core does not say what a description is)",
                    field.qname
                );
                ctx.info(DESCRIPTION_TYPE, field, message);
                DescriptionType::Other
            }
        };
        abstract_given |= description_type == DescriptionType::Abstract;
        r.descriptions.push(Description {
            description: value,
            description_type: Some(description_type),
            lang: field.lang.clone(),
        });
    }
}

// ---- dates --------------------------------------------------------------------------------------

/// The date type of a DCMI Terms refinement of `date`.
fn date_type_of(name: &str) -> Option<DateType> {
    Some(match name {
        "issued" => DateType::Issued,
        "created" => DateType::Created,
        "available" => DateType::Available,
        "modified" => DateType::Updated,
        "dateAccepted" => DateType::Accepted,
        "dateSubmitted" => DateType::Submitted,
        "dateCopyrighted" => DateType::Copyrighted,
        "valid" => DateType::Valid,
        _ => return None,
    })
}

/// The prefix of OpenAIRE's embargo end (`info:eu-repo/date/embargoEnd/2025-01-01`).
const EMBARGO_END: &str = "info:eu-repo/date/embargoEnd/";

fn dates(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    // The publication year: the earliest dcterms:issued, else the earliest plain dc:date (DSpace
    // writes its accession and availability timestamps as dc:date before the date of issue, and
    // a work is not published after it is deposited).
    let dated = |f: &&&Field, issued: bool| {
        let is_issued = f.name == "issued";
        let plain = f.name == "date";
        (if issued { is_issued } else { plain }) && year_of(f.text.trim()).is_some()
    };
    // Among dates of one year, one without a time of day: repositories stamp their own events
    // with times, authors date their works with a year or a day.
    let earliest = |issued: bool| {
        fields
            .iter()
            .filter(|f| dated(f, issued))
            .min_by_key(|f| {
                let text = f.text.trim();
                (year_of(text).and_then(|y| y.parse::<u32>().ok()).unwrap_or(u32::MAX), text.contains('T'))
            })
            .map(|f| (f.line, f.column))
    };
    let year_from = earliest(true).or_else(|| earliest(false));
    let mut seen: Vec<(String, Option<DateType>)> = Vec::new();
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let mut date = Date { date: value.clone(), date_type: date_type_of(&field.name), date_information: None };
        if let Some(end) = value.strip_prefix(EMBARGO_END) {
            date.date = end.to_owned();
            date.date_type = Some(DateType::Available);
            date.date_information = Some("embargo end (OpenAIRE)".to_owned());
            let message = format!("{} is OpenAIRE's embargo end: a date of type Available", quote(&value));
            ctx.info(OPENAIRE, field, message);
        } else if year_from == Some((field.line, field.column)) {
            let year = year_of(&value).unwrap_or_default().to_owned();
            if field.name == "date" {
                let message = format!(
                    "publicationYear {year} and dateType Issued from the earliest <{}> {} (Dublin Core does not say what happened at a date)",
                    field.qname,
                    quote(&value)
                );
                ctx.info(DATE_TYPE, field, message);
                date.date_type = Some(DateType::Issued);
            }
            r.publication_year = Some(year);
        } else if field.name == "date" {
            let message =
                format!("<{}> {} does not say what happened then: dateType Other", field.qname, quote(&value));
            ctx.info(DATE_TYPE, field, message);
            date.date_type = Some(DateType::Other);
        }
        if !is_w3cdtf(&date.date) && period(&date.date).is_none() {
            let message = format!(
                "{} is no date DataCite reads (YYYY, YYYY-MM-DD, a range with /); kept as written",
                quote(&date.date)
            );
            ctx.warn(codes::VALUE_INVALID, field, message);
        }
        // DSpace gives its accession and availability timestamps as two equal dc:dates.
        let key = (date.date.clone(), date.date_type.clone());
        if seen.contains(&key) {
            ctx.info(codes::FIELD_REPEATED, field, format!("the date {} is given twice; kept once", quote(&date.date)));
            continue;
        }
        seen.push(key);
        r.dates.push(date);
    }
}

// ---- types and formats --------------------------------------------------------------------------

fn types(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    // Each value with what it says; the most specific decides: a repository's own or OpenAIRE's
    // type over DCMI's general ones, which come before a table row meaning Other, before a value
    // no table knows.
    let mut values: Vec<(&Field, String, Option<&'static crate::types::DcType>)> = Vec::new();
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let row = dc_type(&value);
        if let Some(row) = row.filter(|t| t.kind == TypeKind::Status) {
            let what =
                if row.value.contains("Version") || row.value.ends_with("draft") { "version" } else { "review status" };
            let message = format!(
                "<{}> {} says the work's {what}, not its type; DataCite has no place for it; not carried",
                field.qname,
                quote(&value)
            );
            ctx.warn(codes::FIELD_UNMAPPED, field, message);
            continue;
        }
        values.push((field, value, row));
    }
    let rank = |row: Option<&crate::types::DcType>| match row {
        Some(t) if t.general == Some(ResourceTypeGeneral::Other) => 2,
        Some(t) if t.kind == TypeKind::Dcmi => 1,
        Some(_) => 0,
        None => 3,
    };
    let Some(best) = values.iter().enumerate().min_by_key(|(i, (_, _, row))| (rank(*row), *i)).map(|(i, _)| i) else {
        return;
    };
    for (i, (field, value, row)) in values.iter().enumerate() {
        if i != best {
            let message = format!(
                "<{}> {} is not carried: a record has one type, and an earlier or more specific value decided it",
                field.qname,
                quote(value)
            );
            ctx.info(TYPE, field, message);
            continue;
        }
        let general = match row.and_then(|t| t.general.clone()) {
            Some(general) => {
                let source = match row.map(|t| t.kind) {
                    Some(TypeKind::Dcmi) => "the DCMI Type Vocabulary",
                    Some(TypeKind::OpenAire) => "the OpenAIRE vocabulary",
                    _ => "the common repository types",
                };
                let message = format!(
                    "<{}> {} is resourceTypeGeneral {general} ({source}); the value is kept as resourceType",
                    field.qname,
                    quote(value)
                );
                ctx.info(TYPE, field, message);
                general
            }
            None => {
                let message = format!(
                    "<{}> {} is no type Crosswalk knows; resourceTypeGeneral Other, the value kept as resourceType",
                    field.qname,
                    quote(value)
                );
                ctx.warn(codes::VOCAB_UNKNOWN, field, message);
                ResourceTypeGeneral::Other
            }
        };
        r.types = Types { resource_type_general: Some(general), resource_type: Some(value.clone()) };
    }
}

/// True for a size: a number and a unit of size (`1.2 MB`, `345 pages`, `xii, 234 p.`).
fn is_size(value: &str) -> bool {
    let lower = value.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let units = [
        "b", "bytes", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "tib", "p.", "pp.", "pages", "page", "p", "files",
        "records",
    ];
    words.len() >= 2
        && words.windows(2).any(|w| match w {
            [number, unit] => number.chars().all(|c| c.is_ascii_digit() || c == '.') && units.contains(unit),
            _ => false,
        })
}

fn formats(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        if field.name == "extent" {
            r.sizes.push(value);
        } else if field.name == "format" && field.vocab == Vocab::Elements && is_size(&value) {
            ctx.info(
                FORMAT,
                field,
                format!("<{}> {} is a size (a number and a unit): sizes", field.qname, quote(&value)),
            );
            r.sizes.push(value);
        } else {
            r.formats.push(value);
        }
    }
}

// ---- identifiers --------------------------------------------------------------------------------

fn identifiers(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        if field.name == "bibliographicCitation" {
            r.descriptions.push(Description {
                description: value,
                description_type: Some(DescriptionType::Other),
                lang: field.lang.clone(),
            });
            ctx.info(
                CITATION,
                field,
                "the bibliographic citation is a description of type Other (DataCite has no citation)".to_owned(),
            );
            continue;
        }
        let id = classify(&value);
        if id.changed() {
            if let Some((kind, written)) = id.related() {
                let message = format!("{} is the {kind} {}", quote(&value), quote(&written));
                ctx.info(codes::VALUE_NORMALISED, field, message);
            }
        }
        let alternate = |r: &mut Resource, identifier: String, kind: &str| {
            r.alternate_identifiers.push(AlternateIdentifier {
                alternate_identifier: identifier,
                alternate_identifier_type: Some(kind.to_owned()),
            });
        };
        match id {
            Id::Doi(doi, _) if r.doi.is_none() => r.doi = Some(doi),
            Id::Doi(doi, _) => {
                ctx.info(IDENTIFIER, field, format!("a further DOI {} is an alternateIdentifier", quote(&doi)));
                alternate(r, doi, "DOI");
            }
            Id::Url(url) if is_file_url(&url) => {
                ctx.info(IDENTIFIER, field, format!("{} names a file: a contentUrl", quote(&url)));
                r.content_url.push(url);
            }
            Id::Url(url) if r.url.is_none() => {
                ctx.info(IDENTIFIER, field, format!("{} is read as the landing page (url)", quote(&url)));
                r.url = Some(url);
            }
            Id::Url(url) => alternate(r, url, "URL"),
            Id::Handle(handle, _) => {
                if r.url.is_none() && !is_file_url(&value) && crate::ids::is_web_address(&value) {
                    ctx.info(IDENTIFIER, field, format!("{} is read as the landing page (url)", quote(&value)));
                    r.url = Some(value.clone());
                }
                alternate(r, handle, "Handle");
            }
            Id::Issn(issn, _) => {
                ctx.info(
                    IDENTIFIER,
                    field,
                    format!("ISSN {} names the journal or series: a related identifier IsPartOf", quote(&issn)),
                );
                r.related_identifiers.push(RelatedIdentifier {
                    related_identifier: issn,
                    related_identifier_type: Some(RelatedIdentifierType::Issn),
                    relation_type: Some(RelationType::IsPartOf),
                    ..RelatedIdentifier::default()
                });
            }
            Id::Isbn(isbn, _) => alternate(r, isbn, "ISBN"),
            Id::Urn(urn) => alternate(r, urn, "URN"),
            Id::ArXiv(arxiv) => alternate(r, arxiv, "arXiv"),
            Id::Pmid(pmid, _) => alternate(r, pmid, "PMID"),
            Id::Text => {
                ctx.info(
                    CITATION,
                    field,
                    format!(
                        "{} is no identifier (it has white space): read as a citation, a description of type Other",
                        quote(&value)
                    ),
                );
                r.descriptions.push(Description {
                    description: value,
                    description_type: Some(DescriptionType::Other),
                    lang: field.lang.clone(),
                });
            }
            Id::Local => {
                ctx.info(
                    IDENTIFIER,
                    field,
                    format!("{} has no known identifier form: an alternateIdentifier of type Local", quote(&value)),
                );
                alternate(r, value, "Local");
            }
        }
    }
}

// ---- relations ---------------------------------------------------------------------------------

/// The relation type of a DCMI Terms refinement of `relation` (`dcterms:source` included), the
/// reverse of DataCite's Dublin Core mapping.
fn relation_type_of(name: &str) -> Option<RelationType> {
    Some(match name {
        "source" => RelationType::IsDerivedFrom,
        "isPartOf" => RelationType::IsPartOf,
        "hasPart" => RelationType::HasPart,
        "isVersionOf" => RelationType::IsVersionOf,
        "hasVersion" => RelationType::HasVersion,
        "isFormatOf" => RelationType::IsVariantFormOf,
        "hasFormat" => RelationType::IsOriginalFormOf,
        "references" => RelationType::References,
        "isReferencedBy" => RelationType::IsReferencedBy,
        "replaces" => RelationType::Obsoletes,
        "isReplacedBy" => RelationType::IsObsoletedBy,
        "requires" => RelationType::Requires,
        "isRequiredBy" => RelationType::IsRequiredBy,
        _ => return None,
    })
}

/// OpenAIRE's alternative identifiers of the same work (`info:eu-repo/semantics/altIdentifier/doi/…`).
const ALT_IDENTIFIER: &str = "info:eu-repo/semantics/altIdentifier/";
/// OpenAIRE's links to the datasets of a publication (`info:eu-repo/semantics/dataset/doi/…`).
const DATASET_LINK: &str = "info:eu-repo/semantics/dataset/";
/// OpenAIRE's projects (`info:eu-repo/grantAgreement/EC/FP7/123456/EU/Title/Acronym`).
const GRANT_AGREEMENT: &str = "info:eu-repo/grantAgreement/";

fn relations(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        if openaire_relation(ctx, r, field, &value) {
            continue;
        }
        let id = classify(&value);
        let (relation, information) = match (relation_type_of(&field.name), field.name.as_str()) {
            (Some(_), _) if matches!(id, Id::Issn(..)) => (RelationType::IsPartOf, None),
            (Some(relation), "source") => {
                let message = format!(
                    "<{}> {} is read as IsDerivedFrom (Dublin Core: the resource is derived from it)",
                    field.qname,
                    quote(&value)
                );
                ctx.info(RELATION, field, message);
                (relation, None)
            }
            (Some(relation), _) => (relation, None),
            (None, "conformsTo") => (RelationType::Other, Some("conforms to".to_owned())),
            (None, _) if matches!(id, Id::Issn(..)) => {
                ctx.info(RELATION, field, format!("ISSN {} names the journal or series: IsPartOf", quote(&value)));
                (RelationType::IsPartOf, None)
            }
            (None, _) => {
                let message = format!("<{}> {} says no relation type: relationType Other (DataCite 4.7), relationTypeInformation \"{DC_RELATION}\"", field.qname, quote(&value));
                ctx.info(RELATION, field, message);
                (RelationType::Other, Some(DC_RELATION.to_owned()))
            }
        };
        if id.changed() {
            if let Some((kind, written)) = id.related() {
                ctx.info(
                    codes::VALUE_NORMALISED,
                    field,
                    format!("{} is the {kind} {}", quote(&value), quote(&written)),
                );
            }
        }
        match id.related() {
            Some((kind, identifier)) => {
                let related = RelatedIdentifier {
                    related_identifier: identifier,
                    related_identifier_type: Some(kind),
                    relation_type: Some(relation),
                    relation_type_information: information,
                    ..RelatedIdentifier::default()
                };
                // EPrints gives a DOI as a URL and as a name: one relation.
                if r.related_identifiers.contains(&related) {
                    let message = format!("{} is given twice; kept once", quote(&related.related_identifier));
                    ctx.info(codes::FIELD_REPEATED, field, message);
                    continue;
                }
                r.related_identifiers.push(related);
            }
            None => {
                let message = format!("{} is no identifier: a related item (type Other) titled with it", quote(&value));
                ctx.info(RELATION, field, message);
                r.related_items.push(RelatedItem {
                    related_item_type: Some(ResourceTypeGeneral::Other),
                    relation_type: Some(relation),
                    relation_type_information: information,
                    titles: vec![Title { title: value, title_type: None, lang: field.lang.clone() }],
                    ..RelatedItem::default()
                });
            }
        }
    }
}

/// OpenAIRE's relation values: projects, alternative identifiers, dataset links. True when the
/// value was one (and is read).
fn openaire_relation(ctx: &mut Ctx, r: &mut Resource, field: &Field, value: &str) -> bool {
    if let Some(rest) = value.strip_prefix(GRANT_AGREEMENT) {
        // funder/programme/project id/jurisdiction/title/acronym; the parts after the id may be
        // missing (and may hold escaped slashes: the title is kept as written up to the next).
        let parts: Vec<&str> = rest.split('/').collect();
        let funder = parts.first().copied().unwrap_or_default();
        let award = parts.get(2).copied().filter(|a| !a.is_empty());
        let title = parts.get(4).copied().filter(|t| !t.is_empty());
        let (funder_name, funder_id) = match funder {
            "EC" => ("European Commission".to_owned(), Some("https://doi.org/10.13039/501100000780")),
            other => (other.to_owned(), None),
        };
        if funder_name.is_empty() {
            return false;
        }
        r.funding_references.push(FundingReference {
            funder_name: funder_name.clone(),
            funder_identifier: funder_id.map(str::to_owned),
            funder_identifier_type: funder_id.map(|_| FunderIdentifierType::CrossrefFunderId),
            award_number: award.map(str::to_owned),
            award_title: title.map(str::to_owned),
            ..FundingReference::default()
        });
        let message = format!("{} is an OpenAIRE project: a funding reference of {funder_name}", quote(value));
        ctx.info(OPENAIRE, field, message);
        return true;
    }
    let (prefix, is_alt) = if value.starts_with(ALT_IDENTIFIER) {
        (ALT_IDENTIFIER, true)
    } else if value.starts_with(DATASET_LINK) {
        (DATASET_LINK, false)
    } else {
        return false;
    };
    let Some((scheme, identifier)) = value.get(prefix.len()..).and_then(|rest| rest.split_once('/')) else {
        return false;
    };
    let kind = match scheme.to_ascii_lowercase().as_str() {
        "doi" => RelatedIdentifierType::Doi,
        "handle" | "hdl" => RelatedIdentifierType::Handle,
        "urn" => RelatedIdentifierType::Urn,
        "isbn" => RelatedIdentifierType::Isbn,
        "issn" => RelatedIdentifierType::Issn,
        "eissn" => RelatedIdentifierType::Eissn,
        "pmid" => RelatedIdentifierType::Pmid,
        "arxiv" => RelatedIdentifierType::ArXiv,
        "ark" => RelatedIdentifierType::Ark,
        "purl" => RelatedIdentifierType::Purl,
        "url" => RelatedIdentifierType::Url,
        _ => return false,
    };
    if is_alt {
        let message =
            format!("{} is OpenAIRE's alternative identifier of the work: an alternateIdentifier {kind}", quote(value));
        ctx.info(OPENAIRE, field, message);
        r.alternate_identifiers.push(AlternateIdentifier {
            alternate_identifier: identifier.to_owned(),
            alternate_identifier_type: Some(kind.as_str().to_owned()),
        });
    } else {
        let message = format!("{} is OpenAIRE's link to a dataset of the work: IsSupplementedBy", quote(value));
        ctx.info(OPENAIRE, field, message);
        r.related_identifiers.push(RelatedIdentifier {
            related_identifier: identifier.to_owned(),
            related_identifier_type: Some(kind),
            relation_type: Some(RelationType::IsSupplementedBy),
            resource_type_general: Some(ResourceTypeGeneral::Dataset),
            ..RelatedIdentifier::default()
        });
    }
    true
}

// ---- language, coverage, rights ----------------------------------------------------------------

fn language(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        if r.language.is_some() {
            let message = format!("DataCite holds one language; {} is not carried", quote(&value));
            ctx.warn(codes::FIELD_REPEATED, field, message);
            continue;
        }
        match language_tag(&value) {
            Some(tag) => {
                let why = match tag.how {
                    How::AsWritten => None,
                    How::Normalised => Some("BCP 47's spelling"),
                    How::Iso639_2 => Some("the ISO 639-1 code BCP 47 uses for this ISO 639-2 code"),
                    How::Name => Some("the code of the language named"),
                };
                if let Some(why) = why {
                    let message = format!("language {} is written {} ({why})", quote(&value), quote(&tag.tag));
                    ctx.info(codes::VALUE_NORMALISED, field, message);
                }
                r.language = Some(tag.tag);
            }
            None => {
                let message = format!(
                    "language {} is no BCP 47 tag, ISO 639 code or language name; kept as written",
                    quote(&value)
                );
                ctx.warn(codes::VALUE_INVALID, field, message);
                r.language = Some(value);
            }
        }
    }
}

fn coverage(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let scheme = field.scheme_term().unwrap_or_default();
        let temporal_hint = field.name == "temporal" || matches!(scheme, "Period" | "W3CDTF");
        let spatial_hint = field.name == "spatial" || matches!(scheme, "Point" | "Box" | "ISO3166" | "TGN");
        if !spatial_hint {
            if let Some((date, changed)) = period(&value) {
                if changed {
                    ctx.info(
                        codes::VALUE_NORMALISED,
                        field,
                        format!("period {} is written {}", quote(&value), quote(&date)),
                    );
                }
                if field.name != "temporal" {
                    ctx.info(COVERAGE, field, format!("coverage {} is a time: a date of type Coverage", quote(&value)));
                }
                r.dates.push(Date {
                    date,
                    date_type: Some(crosswalk_model::DateType::Coverage),
                    date_information: None,
                });
                continue;
            }
        }
        if let Some(location) = dcmi_place(&value) {
            ctx.info(COVERAGE, field, format!("{} is a DCMI Point or Box: a geolocation", quote(&value)));
            r.geo_locations.push(location);
            continue;
        }
        if temporal_hint {
            let message =
                format!("{} is no date or period DataCite reads; kept as a date of type Coverage", quote(&value));
            ctx.warn(codes::VALUE_INVALID, field, message);
            r.dates.push(Date {
                date: value,
                date_type: Some(crosswalk_model::DateType::Coverage),
                date_information: None,
            });
            continue;
        }
        if field.name != "spatial" {
            ctx.info(
                COVERAGE,
                field,
                format!("coverage {} is no date or period: read as a place (geoLocationPlace)", quote(&value)),
            );
        }
        r.geo_locations.push(GeoLocation { places: vec![value], ..GeoLocation::default() });
    }
}

/// OpenAIRE's access rights (`info:eu-repo/semantics/openAccess` …) with the statement DataCite's
/// OpenAIRE guidance writes beside the URI.
const ACCESS_RIGHTS: &[(&str, &str)] = &[
    ("info:eu-repo/semantics/openAccess", "Open Access"),
    ("info:eu-repo/semantics/embargoedAccess", "Embargoed Access"),
    ("info:eu-repo/semantics/restrictedAccess", "Restricted Access"),
    ("info:eu-repo/semantics/closedAccess", "Closed Access"),
];

fn rights(ctx: &mut Ctx, r: &mut Resource, fields: &[&Field]) {
    for field in fields {
        let Some(value) = ctx.value(field) else { continue };
        let mut rights = Rights { lang: field.lang.clone(), ..Rights::default() };
        if let Some((uri, statement)) = ACCESS_RIGHTS.iter().find(|(uri, _)| uri.eq_ignore_ascii_case(&value)) {
            ctx.info(OPENAIRE, field, format!("{} is OpenAIRE's access right {statement:?}", quote(&value)));
            rights.rights = Some((*statement).to_owned());
            rights.rights_uri = Some((*uri).to_owned());
        } else if crate::ids::is_web_address(&value) || field.scheme_term() == Some("URI") {
            if let Some(spdx) = spdx_of_url(&value) {
                ctx.info(LICENSE_IDENTIFIED, field, format!("licence {} identified as SPDX {spdx}", quote(&value)));
                rights.rights_identifier = Some(spdx);
                rights.rights_identifier_scheme = Some("SPDX".to_owned());
                rights.scheme_uri = Some(SPDX_SCHEME_URI.to_owned());
            }
            rights.rights_uri = Some(value);
        } else if let Some((spdx, url)) = eprints_licence(&value) {
            let message = format!("{} is EPrints' code of the licence {spdx}", quote(&value));
            ctx.info(LICENSE_IDENTIFIED, field, message);
            rights.rights = Some(value);
            rights.rights_uri = Some(url);
            rights.rights_identifier = Some(spdx);
            rights.rights_identifier_scheme = Some("SPDX".to_owned());
            rights.scheme_uri = Some(SPDX_SCHEME_URI.to_owned());
        } else {
            rights.rights = Some(value);
        }
        r.rights_list.push(rights);
    }
}

/// EPrints' codes of the Creative Commons 4.0 licences (`cc_by_nc_4`), which its Dublin Core
/// export writes as `dc:rights`: the SPDX identifier and the licence's URL. (Its codes without a
/// version name licences whose version depends on the repository's configuration: left as text.)
fn eprints_licence(code: &str) -> Option<(String, String)> {
    let kind = code.strip_prefix("cc_")?.strip_suffix("_4")?;
    if !matches!(kind, "by" | "by_sa" | "by_nd" | "by_nc" | "by_nc_sa" | "by_nc_nd") {
        return None;
    }
    let dashed = kind.replace('_', "-");
    Some((
        format!("CC-{}-4.0", dashed.to_ascii_uppercase()),
        format!("https://creativecommons.org/licenses/{dashed}/4.0/"),
    ))
}

/// Reports an encoding scheme (`xsi:type`) that is not one of DCMI Terms' schemes the reader
/// knows: the known ones say what the value's form says already, or are used (a subject's
/// classification, a coverage's Point, Box or Period).
fn report_scheme(ctx: &mut Ctx, field: &Field) {
    let Some((written, term)) = &field.scheme else { return };
    if term.as_deref().is_some_and(|t| crate::mapping::SCHEMES.contains(&t)) {
        return;
    }
    let message = format!(
        "encoding scheme xsi:type={} on <{}> is not one Crosswalk knows; not used",
        quote(written),
        field.qname
    );
    ctx.info(codes::FIELD_UNMAPPED, field, message);
}

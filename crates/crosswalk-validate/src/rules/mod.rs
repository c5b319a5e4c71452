//! The strict checks: what DataCite's XML Schema cannot say about a record, run on the model.
//!
//! [`check`] looks at every value that has a documented form: DOIs; ORCID, ISNI and ROR
//! identifiers (form and check digits) wherever their scheme or type names them; dates (W3CDTF,
//! ranges, EDTF levels 0–1); `language` and every `lang` (BCP 47, subtags in the IANA registry);
//! SPDX licence identifiers; URLs; the publication year; empty affiliation names and name
//! identifiers (which the official XSD lets through); and values outside the controlled lists.
//! [`check_findable`] adds what a Findable DOI needs.
//!
//! Paths are JSON pointers into the REST form (`/creators/0/nameIdentifiers/0`); for an XML
//! source, [`crate::pointer_to_xml_path`] and [`crate::locate`] find the element.
//!
//! Severities: **error** for what DataCite would reject or what is certainly wrong (a bad check
//! digit, 30 February, a URL with spaces); **warning** for what is doubtful (an unregistered
//! language subtag, an undocumented date form, an unlisted SPDX id, an implausible year);
//! **info** for an SPDX id written in other letter case.

mod dates;
mod identifiers;
mod text;

use crosswalk_model::{
    codes as shared, Diagnostic, FunderIdentifierType, Location, RelatedIdentifierType, Resource, Severity,
};

use identifiers::Problem;
use text::{LanguageProblem, Spdx, YearProblem};

/// The diagnostic codes of the strict checks.
pub mod codes {
    /// A DOI is not a DOI name.
    pub const DOI: &str = "strict.doi";
    /// An ORCID iD has the wrong form or check digit.
    pub const ORCID: &str = "strict.orcid";
    /// An ISNI has the wrong form or check digit.
    pub const ISNI: &str = "strict.isni";
    /// A ROR identifier has the wrong form or checksum.
    pub const ROR: &str = "strict.ror";
    /// A date is not in a documented form.
    pub const DATE: &str = "strict.date";
    /// A date names a day, month or time that does not exist.
    pub const DATE_IMPOSSIBLE: &str = "strict.date-impossible";
    /// A language is not a BCP 47 tag.
    pub const LANGUAGE: &str = "strict.language";
    /// A language tag has a subtag outside the IANA registry.
    pub const LANGUAGE_UNREGISTERED: &str = "strict.language-unregistered";
    /// An SPDX licence identifier is not in the SPDX list.
    pub const SPDX_UNKNOWN: &str = "strict.spdx-unknown";
    /// An SPDX licence identifier is written in other letter case than SPDX's.
    pub const SPDX_CASE: &str = "strict.spdx-case";
    /// A URL or URI is malformed.
    pub const URL: &str = "strict.url";
    /// The publication year is not four digits.
    pub const PUBLICATION_YEAR: &str = "strict.publication-year";
    /// The publication year is outside 1000 … five years from now.
    pub const PUBLICATION_YEAR_IMPLAUSIBLE: &str = "strict.publication-year-implausible";
    /// An affiliation name or a name identifier is empty.
    pub const EMPTY: &str = "strict.empty";
    /// An attribute that DataCite's schema documentation makes mandatory, and its API requires,
    /// is missing, although the XSD lets it through.
    pub const ATTRIBUTE_MISSING: &str = "strict.attribute-missing";
}

/// The attributes DataCite requires although its XML Schema leaves them out: the official XSD
/// declares `nameIdentifier` and `affiliation` as untyped elements (its `xsi:type` on an element
/// declaration has no effect), so their own required attribute is never checked, and it makes
/// the identifier schemes of affiliations and publishers optional, while the schema
/// documentation says "if … is used, … is mandatory". DataCite's API refuses a document without
/// them for a Findable or Registered DOI, with a message that does not name the element.
/// Each entry: (the element, the attribute it needs, when).
///
/// ```
/// assert!(crosswalk_validate::rules::REQUIRED_ATTRIBUTES
///     .iter()
///     .any(|(element, attribute, _)| *element == "nameIdentifier" && *attribute == "nameIdentifierScheme"));
/// ```
pub const REQUIRED_ATTRIBUTES: &[(&str, &str, &str)] = &[
    ("nameIdentifier", "nameIdentifierScheme", "always (creators and contributors)"),
    ("affiliation", "affiliationIdentifierScheme", "when it has an affiliationIdentifier"),
    ("publisher", "publisherIdentifierScheme", "when it has a publisherIdentifier"),
];

/// Runs every strict check on `resource`; the diagnostics' paths are JSON pointers.
///
/// ```
/// use crosswalk_model::{Creator, NameIdentifier, Resource};
///
/// let mut r = Resource::default();
/// let mut creator = Creator::named("Carberry, Josiah");
/// creator.name_identifiers.push(NameIdentifier {
///     name_identifier: "https://orcid.org/0000-0002-1825-0098".into(),
///     name_identifier_scheme: Some("ORCID".into()),
///     scheme_uri: None,
/// });
/// r.creators.push(creator);
/// let diagnostics = crosswalk_validate::rules::check(&r);
/// assert_eq!(diagnostics[0].code, "strict.orcid");
/// assert_eq!(diagnostics[0].location.path.as_deref(), Some("/creators/0/nameIdentifiers/0"));
/// ```
pub fn check(resource: &Resource) -> Vec<Diagnostic> {
    let mut c = Checks { out: Vec::new(), current_year: text::current_year() };
    c.resource(resource);
    c.out
}

/// What a Findable DOI needs besides [`check`]: creators, titles, publisher, publication year,
/// `resourceTypeGeneral`, and an http(s) `url` (the payload's, or else the resource's).
/// Each missing one is a `required.missing` error.
///
/// ```
/// let diagnostics = crosswalk_validate::rules::check_findable(&Default::default(), None);
/// assert_eq!(diagnostics.len(), 6);
/// assert!(diagnostics.iter().all(|d| d.code == "required.missing"));
/// ```
pub fn check_findable(resource: &Resource, url: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut missing = |pointer: &str, what: &str| {
        out.push(
            Diagnostic::error(shared::REQUIRED_MISSING, format!("a Findable DOI needs {what}"))
                .at(Location::path(pointer)),
        );
    };
    if !resource.creators.iter().any(|c| !c.name.trim().is_empty()) {
        missing("/creators", "at least one creator with a name");
    }
    if !resource.titles.iter().any(|t| !t.title.trim().is_empty()) {
        missing("/titles", "at least one title");
    }
    if resource.publisher.as_ref().is_none_or(|p| p.name.trim().is_empty()) {
        missing("/publisher", "a publisher");
    }
    if resource.publication_year.as_deref().is_none_or(|y| y.trim().is_empty()) {
        missing("/publicationYear", "a publication year");
    }
    if resource.types.resource_type_general.is_none() {
        missing("/types/resourceTypeGeneral", "a resourceTypeGeneral");
    }
    match url.or(resource.url.as_deref()) {
        None => missing("/url", "a url (the landing page the DOI resolves to)"),
        Some(url) => {
            if let Err(reason) = text::url(url, true) {
                out.push(
                    Diagnostic::error(codes::URL, format!("the url \"{url}\" cannot be a landing page: {reason}"))
                        .at(Location::path("/url")),
                );
            }
        }
    }
    out
}

/// The attributes of [`REQUIRED_ATTRIBUTES`] that `resource` lacks, each a `strict.attribute-missing`
/// **warning** at its JSON pointer. Callers make them errors where DataCite checks them: a
/// payload that registers or publishes a DOI, `validate --findable` or `--strict`.
///
/// ```
/// use crosswalk_model::{Creator, NameIdentifier, Resource};
///
/// let mut r = Resource::default();
/// let mut creator = Creator::named("Carberry, Josiah");
/// creator.name_identifiers.push(NameIdentifier {
///     name_identifier: "0000-0002-1825-0097".into(),
///     name_identifier_scheme: None,
///     scheme_uri: None,
/// });
/// r.creators.push(creator);
/// let found = crosswalk_validate::rules::check_required_attributes(&r);
/// assert_eq!(found[0].code, "strict.attribute-missing");
/// assert_eq!(found[0].location.path.as_deref(), Some("/creators/0/nameIdentifiers/0/nameIdentifierScheme"));
/// ```
pub fn check_required_attributes(resource: &Resource) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut missing = |element: &str, attribute: &str, pointer: String| {
        let message = format!(
            "<{element}> has no {attribute}: DataCite's schema documentation makes it mandatory and DataCite refuses \
             the record without it, although the XSD lets it through"
        );
        out.push(Diagnostic::warning(codes::ATTRIBUTE_MISSING, message).at(Location::path(pointer)));
    };
    // A person's pointer is made only for a finding: most records have none.
    let people = resource
        .creators
        .iter()
        .map(|c| (&c.name_identifiers, &c.affiliation))
        .enumerate()
        .map(|(i, parts)| (("/creators", i), parts))
        .chain(
            resource
                .contributors
                .iter()
                .map(|c| (&c.name_identifiers, &c.affiliation))
                .enumerate()
                .map(|(i, parts)| (("/contributors", i), parts)),
        );
    for ((list, i), (identifiers, affiliations)) in people {
        let person = || at(list, i);
        for (j, id) in identifiers.iter().enumerate() {
            if id.name_identifier_scheme.as_deref().is_none_or(|s| s.trim().is_empty()) {
                let pointer = at(&at(&at(&person(), "nameIdentifiers"), j), "nameIdentifierScheme");
                missing("nameIdentifier", "nameIdentifierScheme", pointer);
            }
        }
        for (j, affiliation) in affiliations.iter().enumerate() {
            let identified = affiliation.affiliation_identifier.as_deref().is_some_and(|id| !id.trim().is_empty());
            if identified && affiliation.affiliation_identifier_scheme.as_deref().is_none_or(|s| s.trim().is_empty()) {
                let pointer = at(&at(&at(&person(), "affiliation"), j), "affiliationIdentifierScheme");
                missing("affiliation", "affiliationIdentifierScheme", pointer);
            }
        }
    }
    if let Some(publisher) = &resource.publisher {
        let identified = publisher.publisher_identifier.as_deref().is_some_and(|id| !id.trim().is_empty());
        if identified && publisher.publisher_identifier_scheme.as_deref().is_none_or(|s| s.trim().is_empty()) {
            missing("publisher", "publisherIdentifierScheme", "/publisher/publisherIdentifierScheme".to_owned());
        }
    }
    out
}

/// The defects of a source document that its reader tidied away, as the strict checks report
/// them: a reader leaves out an empty `<nameIdentifier>` or `<affiliation>` (an info note,
/// `value.empty` or `required.missing`), so the model no longer shows what the document holds;
/// here each becomes the `strict.empty` **warning** it is about the document, at the reader's
/// location. `reader` are the reader's diagnostics; their paths may be XML element paths or
/// JSON pointers.
///
/// ```
/// use crosswalk_model::{Diagnostic, Location};
///
/// let note = Diagnostic::info("value.empty", "empty <nameIdentifier> skipped")
///     .at(Location::at(11, 7).with_path("/resource/creators/creator[1]/nameIdentifier[1]"));
/// let found = crosswalk_validate::rules::tidied_defects(&[note]);
/// assert_eq!(found[0].code, "strict.empty");
/// assert_eq!(found[0].location.line, Some(11));
/// ```
pub fn tidied_defects(reader: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in reader {
        if d.code != shared::VALUE_EMPTY && d.code != shared::REQUIRED_MISSING {
            continue;
        }
        let Some(path) = d.location.path.as_deref() else { continue };
        let pointer =
            if path.starts_with("/resource") { crate::xml_path_to_pointer(path) } else { Some(path.to_owned()) };
        let Some(what) = pointer.as_deref().and_then(emptied_part) else { continue };
        let message = format!("the document has an empty {what}, which DataCite's schema documentation does not allow; the reader left it out");
        out.push(Diagnostic::warning(codes::EMPTY, message).at(d.location.clone()));
    }
    out
}

/// `<nameIdentifier>` or `<affiliation>` when `pointer` is one of a creator's or contributor's
/// (or its text).
fn emptied_part(pointer: &str) -> Option<&'static str> {
    let mut steps = pointer.strip_prefix('/')?.split('/');
    let (person, index, list, item) = (steps.next()?, steps.next()?, steps.next()?, steps.next()?);
    let text = steps.next();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !matches!(person, "creators" | "contributors") || !numeric(index) || !numeric(item) || steps.next().is_some() {
        return None;
    }
    match (list, text) {
        ("nameIdentifiers", None | Some("nameIdentifier")) => Some("<nameIdentifier>"),
        ("affiliation", None | Some("name")) => Some("<affiliation>"),
        _ => None,
    }
}

struct Checks {
    out: Vec<Diagnostic>,
    current_year: i64,
}

/// A pointer with a key or index appended.
fn at(base: &str, step: impl std::fmt::Display) -> String {
    format!("{base}/{step}")
}

impl Checks {
    fn push(&mut self, severity: Severity, code: &'static str, message: String, pointer: String) {
        self.out.push(Diagnostic::new(severity, code, message).at(Location::path(pointer)));
    }

    fn resource(&mut self, r: &Resource) {
        if let Some(doi) = &r.doi {
            if let Err(problem) = identifiers::bare_doi(doi) {
                self.identifier_problem(codes::DOI, "DOI", doi, problem, "/doi".to_owned());
            }
        }
        for (i, a) in r.alternate_identifiers.iter().enumerate() {
            let pointer = at("/alternateIdentifiers", i);
            self.typed_identifier(a.alternate_identifier_type.as_deref(), &a.alternate_identifier, pointer);
        }
        for (i, creator) in r.creators.iter().enumerate() {
            let pointer = at("/creators", i);
            self.lang(creator.lang.as_deref(), &pointer);
            self.name_identifiers(&creator.name_identifiers, &pointer);
            self.affiliations(&creator.affiliation, &pointer);
        }
        for (i, title) in r.titles.iter().enumerate() {
            self.lang(title.lang.as_deref(), &at("/titles", i));
        }
        if let Some(publisher) = &r.publisher {
            self.lang(publisher.lang.as_deref(), "/publisher");
            self.uri(publisher.scheme_uri.as_deref(), "/publisher/schemeUri");
            if let Some(id) = &publisher.publisher_identifier {
                let pointer = "/publisher/publisherIdentifier".to_owned();
                self.scheme_identifier(publisher.publisher_identifier_scheme.as_deref(), id, pointer);
            }
        }
        if let Some(year) = &r.publication_year {
            self.publication_year(year, "/publicationYear".to_owned());
        }
        for (i, subject) in r.subjects.iter().enumerate() {
            let pointer = at("/subjects", i);
            self.lang(subject.lang.as_deref(), &pointer);
            self.uri(subject.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
            self.uri(subject.value_uri.as_deref(), &at(&pointer, "valueUri"));
        }
        for (i, contributor) in r.contributors.iter().enumerate() {
            let pointer = at("/contributors", i);
            self.lang(contributor.lang.as_deref(), &pointer);
            self.name_identifiers(&contributor.name_identifiers, &pointer);
            self.affiliations(&contributor.affiliation, &pointer);
        }
        for (i, date) in r.dates.iter().enumerate() {
            self.date(&date.date, at(&at("/dates", i), "date"));
        }
        if let Some(language) = &r.language {
            self.language(language, "/language".to_owned());
        }
        for (i, related) in r.related_identifiers.iter().enumerate() {
            let pointer = at("/relatedIdentifiers", i);
            let value = &related.related_identifier;
            self.related_identifier(related.related_identifier_type.as_ref(), value, at(&pointer, "relatedIdentifier"));
            self.uri(related.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
        }
        for (i, item) in r.related_items.iter().enumerate() {
            let pointer = at("/relatedItems", i);
            if let Some(id) = &item.related_item_identifier {
                let id_pointer = at(&pointer, "relatedItemIdentifier");
                let value = &id.related_item_identifier;
                let kind = id.related_item_identifier_type.as_ref();
                self.related_identifier(kind, value, at(&id_pointer, "relatedItemIdentifier"));
                self.uri(id.scheme_uri.as_deref(), &at(&id_pointer, "schemeUri"));
            }
            for (j, creator) in item.creators.iter().enumerate() {
                self.lang(creator.lang.as_deref(), &at(&at(&pointer, "creators"), j));
            }
            for (j, title) in item.titles.iter().enumerate() {
                self.lang(title.lang.as_deref(), &at(&at(&pointer, "titles"), j));
            }
            for (j, contributor) in item.contributors.iter().enumerate() {
                self.lang(contributor.lang.as_deref(), &at(&at(&pointer, "contributors"), j));
            }
            if let Some(year) = &item.publication_year {
                self.publication_year(year, at(&pointer, "publicationYear"));
            }
        }
        for (i, rights) in r.rights_list.iter().enumerate() {
            let pointer = at("/rightsList", i);
            self.lang(rights.lang.as_deref(), &pointer);
            self.uri(rights.rights_uri.as_deref(), &at(&pointer, "rightsUri"));
            self.uri(rights.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
            let spdx_scheme =
                rights.rights_identifier_scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("SPDX"));
            if let (true, Some(id)) = (spdx_scheme, &rights.rights_identifier) {
                self.spdx(id, at(&pointer, "rightsIdentifier"));
            }
        }
        for (i, description) in r.descriptions.iter().enumerate() {
            self.lang(description.lang.as_deref(), &at("/descriptions", i));
        }
        for (i, funding) in r.funding_references.iter().enumerate() {
            let pointer = at("/fundingReferences", i);
            if let Some(id) = &funding.funder_identifier {
                self.funder_identifier(funding.funder_identifier_type.as_ref(), id, at(&pointer, "funderIdentifier"));
            }
            self.uri(funding.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
            self.uri(funding.award_uri.as_deref(), &at(&pointer, "awardUri"));
        }
        if let Some(url) = &r.url {
            if let Err(reason) = text::url(url, true) {
                self.push(Severity::Error, codes::URL, format!("url \"{url}\": {reason}"), "/url".to_owned());
            }
        }
        for (i, url) in r.content_url.iter().enumerate() {
            self.uri(Some(url), &at("/contentUrl", i));
        }
        self.vocabularies(r);
    }

    /// Values outside the controlled lists, found by the model's own vocabulary check (on a copy:
    /// nothing is rewritten here).
    fn vocabularies(&mut self, r: &Resource) {
        let mut copy = r.clone();
        for d in copy.normalise_vocabularies() {
            if d.code == shared::VOCAB_UNKNOWN {
                self.out.push(d);
            } else if d.code == shared::VOCAB_NORMALISED {
                // A loose spelling the model would accept on reading is still not the list's.
                let message = format!("{}; DataCite accepts only the list's exact spelling", d.message);
                self.out.push(Diagnostic::warning(shared::VOCAB_UNKNOWN, message).at(d.location));
            }
        }
    }

    fn lang(&mut self, lang: Option<&str>, object: &str) {
        if let Some(lang) = lang.filter(|l| !l.is_empty()) {
            self.language(lang, at(object, "lang"));
        }
    }

    fn language(&mut self, tag: &str, pointer: String) {
        match text::language(tag) {
            Ok(()) => {}
            Err(LanguageProblem::Syntax(reason)) => self.push(
                Severity::Error,
                codes::LANGUAGE,
                format!("language \"{tag}\" is not a BCP 47 language tag (such as en or de-CH): {reason}"),
                pointer,
            ),
            Err(LanguageProblem::Unregistered(reason)) => self.push(
                Severity::Warning,
                codes::LANGUAGE_UNREGISTERED,
                format!("language \"{tag}\" is not a registered BCP 47 tag: {reason}"),
                pointer,
            ),
        }
    }

    fn uri(&mut self, uri: Option<&str>, pointer: &str) {
        let Some(uri) = uri else { return };
        if let Err(reason) = text::url(uri, false) {
            self.push(
                Severity::Error,
                codes::URL,
                format!("\"{uri}\" is not a well-formed URI: {reason}"),
                pointer.to_owned(),
            );
        }
    }

    fn date(&mut self, date: &str, pointer: String) {
        match dates::check(date) {
            dates::Verdict::Valid => {}
            dates::Verdict::Impossible(reason) => self.push(
                Severity::Error,
                codes::DATE_IMPOSSIBLE,
                format!("date \"{date}\" does not exist: {reason}"),
                pointer,
            ),
            dates::Verdict::Unrecognised => self.push(
                Severity::Warning,
                codes::DATE,
                format!(
                    "date \"{date}\" is not in a form DataCite documents (YYYY, YYYY-MM-DD, YYYY-MM-DDThh:mm:ssTZD, a range a/b, or EDTF)"
                ),
                pointer,
            ),
        }
    }

    fn publication_year(&mut self, year: &str, pointer: String) {
        match text::publication_year(year, self.current_year) {
            Ok(()) => {}
            Err(YearProblem::Form) => self.push(
                Severity::Error,
                codes::PUBLICATION_YEAR,
                format!("publicationYear \"{year}\" is not a four-digit year"),
                pointer,
            ),
            Err(YearProblem::Implausible { latest }) => self.push(
                Severity::Warning,
                codes::PUBLICATION_YEAR_IMPLAUSIBLE,
                format!("publicationYear {year} is implausible (expected 1000 to {latest})"),
                pointer,
            ),
        }
    }

    fn spdx(&mut self, id: &str, pointer: String) {
        match text::spdx(id) {
            Spdx::Known => {}
            Spdx::Case(canonical) => self.push(
                Severity::Info,
                codes::SPDX_CASE,
                format!("SPDX identifier \"{id}\" is spelled \"{canonical}\" in the SPDX list"),
                pointer,
            ),
            Spdx::Unknown => self.push(
                Severity::Warning,
                codes::SPDX_UNKNOWN,
                format!("\"{id}\" is not in the SPDX licence list (version {})", text::spdx_list_version()),
                pointer,
            ),
        }
    }

    fn name_identifiers(&mut self, ids: &[crosswalk_model::NameIdentifier], person: &str) {
        for (j, id) in ids.iter().enumerate() {
            let pointer = at(&at(person, "nameIdentifiers"), j);
            self.uri(id.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
            if id.name_identifier.trim().is_empty() {
                self.push(Severity::Error, codes::EMPTY, "the name identifier is empty".to_owned(), pointer);
                continue;
            }
            self.scheme_identifier(id.name_identifier_scheme.as_deref(), &id.name_identifier, pointer);
        }
    }

    fn affiliations(&mut self, affiliations: &[crosswalk_model::Affiliation], person: &str) {
        for (j, affiliation) in affiliations.iter().enumerate() {
            let pointer = at(&at(person, "affiliation"), j);
            if affiliation.name.trim().is_empty() {
                let message = match &affiliation.affiliation_identifier {
                    Some(id) => format!("the affiliation identified as \"{id}\" has no name"),
                    None => "the affiliation name is empty".to_owned(),
                };
                self.push(Severity::Error, codes::EMPTY, message, at(&pointer, "name"));
            }
            self.lang(affiliation.lang.as_deref(), &pointer);
            self.uri(affiliation.scheme_uri.as_deref(), &at(&pointer, "schemeUri"));
            if let Some(id) = &affiliation.affiliation_identifier {
                let scheme = affiliation.affiliation_identifier_scheme.as_deref();
                self.scheme_identifier(scheme, id, at(&pointer, "affiliationIdentifier"));
            }
        }
    }

    /// An identifier whose scheme is named by text (nameIdentifierScheme, affiliationIdentifierScheme,
    /// publisherIdentifierScheme); an ORCID, ISNI or ROR URL is checked whatever the scheme says.
    fn scheme_identifier(&mut self, scheme: Option<&str>, value: &str, pointer: String) {
        let scheme = scheme.map(str::trim).unwrap_or_default().to_ascii_uppercase();
        let lower = value.trim().to_ascii_lowercase();
        let looks = |host: &str| {
            lower.starts_with(&format!("https://{host}/")) || lower.starts_with(&format!("http://{host}/"))
        };
        if scheme == "ORCID" || looks("orcid.org") {
            self.checked(codes::ORCID, "ORCID iD", value, identifiers::orcid(value), pointer);
        } else if scheme == "ISNI" || looks("isni.org") {
            self.checked(codes::ISNI, "ISNI", value, identifiers::isni(value), pointer);
        } else if scheme == "ROR" || looks("ror.org") {
            self.checked(codes::ROR, "ROR id", value, identifiers::ror(value), pointer);
        } else if scheme == "DOI" {
            self.checked(codes::DOI, "DOI", value, identifiers::doi(value), pointer);
        }
    }

    fn funder_identifier(&mut self, kind: Option<&FunderIdentifierType>, value: &str, pointer: String) {
        match kind {
            Some(FunderIdentifierType::Isni) => {
                self.checked(codes::ISNI, "ISNI", value, identifiers::isni(value), pointer);
            }
            Some(FunderIdentifierType::Ror) => {
                self.checked(codes::ROR, "ROR id", value, identifiers::ror(value), pointer)
            }
            Some(FunderIdentifierType::CrossrefFunderId) => {
                self.checked(codes::DOI, "Crossref Funder ID (a DOI)", value, identifiers::doi(value), pointer);
            }
            _ => self.scheme_identifier(None, value, pointer),
        }
    }

    fn related_identifier(&mut self, kind: Option<&RelatedIdentifierType>, value: &str, pointer: String) {
        match kind {
            Some(RelatedIdentifierType::Doi) => {
                self.checked(codes::DOI, "DOI", value, identifiers::doi(value), pointer)
            }
            Some(RelatedIdentifierType::Url) => {
                if let Err(reason) = text::url(value, false) {
                    self.push(Severity::Error, codes::URL, format!("URL \"{value}\": {reason}"), pointer);
                }
            }
            _ => {}
        }
    }

    /// An identifier with a free-text type (alternateIdentifierType).
    fn typed_identifier(&mut self, kind: Option<&str>, value: &str, pointer: String) {
        match kind.map(str::trim) {
            Some(k) if k.eq_ignore_ascii_case("URL") => {
                if let Err(reason) = text::url(value, false) {
                    self.push(
                        Severity::Error,
                        codes::URL,
                        format!("URL \"{value}\": {reason}"),
                        at(&pointer, "alternateIdentifier"),
                    );
                }
            }
            Some(k) => self.scheme_identifier(Some(k), value, at(&pointer, "alternateIdentifier")),
            None => {}
        }
    }

    fn checked(&mut self, code: &'static str, what: &str, value: &str, result: Result<(), Problem>, pointer: String) {
        if let Err(problem) = result {
            self.identifier_problem(code, what, value, problem, pointer);
        }
    }

    fn identifier_problem(&mut self, code: &'static str, what: &str, value: &str, problem: Problem, pointer: String) {
        let message = match problem {
            Problem::Form(form) => format!("{what} \"{value}\" is malformed: {form}"),
            Problem::CheckDigit(expected) => {
                format!(
                    "{what} \"{value}\" has a wrong check digit (it should end in {expected}): probably a typing error"
                )
            }
        };
        self.push(Severity::Error, code, message, pointer);
    }
}

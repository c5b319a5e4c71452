//! DataCite REST API payloads: the JSON:API document sent with `POST /dois` (or `PUT /dois/{id}`).
//!
//! The rules follow DataCite's documentation (the seed pages): `type` is `dois`; `doi` names the
//! DOI, or `prefix` alone asks DataCite to generate a suffix; `event` is `publish` (Findable),
//! `register` (Registered) or `hide` (Findable → Registered), and no event creates a Draft;
//! metadata travels as attributes, or as base64 DataCite XML in `xml`. A Findable or Registered
//! DOI needs creators, titles, publisher, publicationYear, resourceTypeGeneral and a `url`: a
//! payload missing any of them is refused with one error per missing property. A Draft needs none.
//! A record whose reader cut a value short (`value.cut`) is refused for an event too
//! (`payload.value-cut`): registering would publish the cut value, while a Draft can still be
//! completed in Fabrica.

use std::fmt;

use base64::Engine as _;
use crosswalk_model::{
    codes, doi, CodeInfo, DateType, Diagnostic, Location, Origin, Publisher, Record, RelatedIdentifier,
    RelatedIdentifierType, RelationType, Resource, ResourceTypeGeneral, Severity,
};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Code: the payload has neither a DOI nor a prefix.
pub const DOI_MISSING: &str = "payload.doi-missing";
/// Code: `--doi` or `--prefix` is not a DOI / DOI prefix.
pub const DOI_INVALID: &str = "payload.doi-invalid";
/// Code: the payload's DOI replaces a different DOI of the record.
pub const DOI_REPLACED: &str = "payload.doi-replaced";
/// Code: the payload's URL replaces a different URL of the record.
pub const URL_REPLACED: &str = "payload.url-replaced";
/// Code: a default supplied on the command line filled a missing property.
pub const DEFAULT_USED: &str = "payload.default-used";
/// Code: the URL template names a placeholder the record has no value for.
pub const URL_TEMPLATE: &str = "payload.url-template";
/// Code: a payload with an event would register a value the reader cut short.
pub const VALUE_CUT: &str = "payload.value-cut";

/// The codes payload building emits (besides `required.missing`).
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: DOI_MISSING,
        severity: Severity::Error,
        summary: "The payload names no DOI: give --doi, or --prefix to let DataCite generate a suffix, or use a record that carries its DOI.",
    },
    CodeInfo {
        code: DOI_INVALID,
        severity: Severity::Error,
        summary: "The DOI or prefix given is not of the form 10.NNNN/suffix (DOI) or 10.NNNN (prefix).",
    },
    CodeInfo {
        code: DOI_REPLACED,
        severity: Severity::Warning,
        summary: "The record carried a different DOI than the one the payload registers (--doi names another; with --prefix, a DOI under another prefix, such as a journal article's Crossref DOI). The payload's DOI is written into the metadata; with --prefix the record's DOI is kept as a relatedIdentifier with relationType IsIdenticalTo.",
    },
    CodeInfo {
        code: DEFAULT_USED,
        severity: Severity::Info,
        summary: "A value given with --publisher, --resource-type-general or --publication-year-from-date filled a property the record lacked.",
    },
    CodeInfo {
        code: URL_TEMPLATE,
        severity: Severity::Error,
        summary: "The --url-template names a placeholder ({doi}, {suffix}, {key}, {id}, {index}) that this record has no value for; the payload gets no url.",
    },
    CodeInfo {
        code: VALUE_CUT,
        severity: Severity::Error,
        summary: "The reader cut a value of this record short (value.cut: a line or value longer than its limit), and the payload's event would register (publish or register) the cut value: it is refused. Shorten the value in the source, or build a Draft (no event) and complete it before registering.",
    },
    CodeInfo {
        code: URL_REPLACED,
        severity: Severity::Info,
        summary: "The record carried a different landing-page URL than the one given for the payload; the given URL is used.",
    },
];

/// The `event` of a payload: the state transition DataCite performs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// Make the DOI Findable.
    Publish,
    /// Make the DOI Registered (resolvable, not indexed).
    Register,
    /// Turn a Findable DOI into a Registered one.
    Hide,
}

impl Event {
    /// The REST value.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Publish => "publish",
            Event::Register => "register",
            Event::Hide => "hide",
        }
    }

    /// Parses a REST value (`publish`, `register`, `hide`).
    pub fn from_name(name: &str) -> Option<Event> {
        match name.trim().to_ascii_lowercase().as_str() {
            "publish" => Some(Event::Publish),
            "register" => Some(Event::Register),
            "hide" => Some(Event::Hide),
            _ => None,
        }
    }
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to build a payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PayloadOptions {
    /// The DOI to create or update; wins over the record's own DOI.
    pub doi: Option<String>,
    /// A prefix: DataCite generates the suffix. Used when `doi` is absent. A record whose own
    /// DOI is under this prefix keeps that DOI (an update of a catalog that carries its DOIs);
    /// a record with a DOI under another prefix gets a new one, and its DOI is kept as a
    /// relatedIdentifier `IsIdenticalTo` (warning `payload.doi-replaced`).
    pub prefix: Option<String>,
    /// The event; `None` creates a Draft.
    pub event: Option<Event>,
    /// The landing page; wins over the record's own `url`.
    pub url: Option<String>,
    /// Send the metadata as base64 DataCite XML in `xml` instead of as attributes.
    pub xml: bool,
    /// A landing-page URL built from the record: `{doi}`, `{suffix}`, `{key}`, `{id}` and
    /// `{index}` are replaced (see [`expand_url_template`]). Used when `url` is absent.
    pub url_template: Option<String>,
    /// Values for required properties the record lacks, each use reported.
    pub defaults: Defaults,
    /// A partial payload, to update a DOI that exists: what the record holds and nothing more
    /// (an event alone, a url alone, some attributes); the properties a new Findable DOI needs
    /// are not required, since DataCite checks the DOI as updated.
    pub partial: bool,
}

/// Values supplied for required properties that records of a legacy catalog may lack.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Defaults {
    /// The publisher of records that name none.
    pub publisher: Option<String>,
    /// The resourceTypeGeneral of records that have none.
    pub resource_type_general: Option<ResourceTypeGeneral>,
    /// Take a missing publicationYear from the record's dates (Issued first).
    pub publication_year_from_date: bool,
}

/// How the metadata travels in the payload.
#[derive(Clone, Debug, PartialEq)]
pub enum PayloadMetadata {
    /// As REST attributes (the payload's [`Payload::resource`]).
    Attributes,
    /// As DataCite XML (base64-encoded when serialised), written from the payload's resource.
    Xml {
        /// The document.
        text: String,
        /// What the writer proved of the document against the kernel-4.7 XSD as DataCite will
        /// check it, with the identifier DataCite puts into a payload that names only a prefix
        /// ([`crosswalk_datacite::xml::Verdict::breaks`]): empty breaks, proven valid; others,
        /// valid but for these known breaks; `None`, not proven, left to libxml2. Validating the
        /// payload need not parse a proven document again.
        breaks: Option<crosswalk_datacite::xml::Breaks>,
    },
}

/// A payload ready to send, with what was noted while building it.
#[derive(Clone, Debug, PartialEq)]
pub struct Payload {
    /// The event, if any.
    pub event: Option<Event>,
    /// The DOI, when one is named.
    pub doi: Option<String>,
    /// The prefix, when DataCite is to generate the suffix.
    pub prefix: Option<String>,
    /// The landing page.
    pub url: Option<String>,
    /// The metadata the payload registers, with its DOI (when named) and url written in.
    pub resource: Box<Resource>,
    /// How the metadata travels.
    pub metadata: PayloadMetadata,
    /// A partial payload (see [`PayloadOptions::partial`]).
    pub partial: bool,
    /// Warnings and notes (errors refuse the payload instead: see [`Refused`]).
    pub diagnostics: Vec<Diagnostic>,
}

/// A payload that cannot be sent: the reasons, one error per problem.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The errors (and any warnings met on the way).
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors: Vec<String> = self.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
        write!(f, "payload refused: {}", errors.join("; "))
    }
}

impl std::error::Error for Refused {}

/// Builds the payload for `resource`.
///
/// Building checks what a payload needs (a DOI or prefix; for an event, the properties a
/// Findable or Registered DOI needs) but does **not validate** the metadata against DataCite's
/// schema: check it with [`crate::validate_payload`] before sending, as `crosswalk payload`
/// does (errors for a payload with an event, which DataCite would reject).
///
/// ```
/// use crosswalk::{payload, Event, PayloadOptions};
/// use crosswalk_model::{Creator, Publisher, Resource, ResourceTypeGeneral, Title};
///
/// let mut r = Resource::default();
/// r.creators.push(Creator::named("DataCite Metadata Working Group"));
/// r.titles.push(Title::new("Example"));
/// r.publisher = Some(Publisher::named("DataCite e.V."));
/// r.publication_year = Some("2016".into());
/// r.types.resource_type_general = Some(ResourceTypeGeneral::Text);
///
/// let options = PayloadOptions {
///     prefix: Some("10.5438".into()),
///     event: Some(Event::Publish),
///     url: Some("https://example.org".into()),
///     ..Default::default()
/// };
/// let p = payload(&r, &options).unwrap();
/// let json = serde_json::to_value(&p).unwrap();
/// assert_eq!(json["data"]["attributes"]["prefix"], "10.5438");
/// assert_eq!(json["data"]["attributes"]["event"], "publish");
///
/// // Not validated yet: validate it as DataCite will.
/// assert!(crosswalk::validate_payload(&p, &Default::default()).is_empty());
///
/// // Publishing without a URL is refused, with a precise error.
/// let refused = payload(&r, &PayloadOptions { url: None, ..options }).unwrap_err();
/// assert!(refused.to_string().contains("url"));
/// ```
pub fn payload(resource: &Resource, options: &PayloadOptions) -> Result<Payload, Refused> {
    build(resource, None, &[], options)
}

/// Builds the payload for a record read from a catalog: like [`payload`], with the record's
/// origin (its key and position) available to the URL template, and its reading checked: with an
/// event, a value the reader cut short (`value.cut`) refuses the payload (`payload.value-cut`),
/// since registering would publish it cut.
///
/// Why here and not in the reader: a cut value is a fact about reading, and a conversion that
/// shows it (with its warning) is still useful for review; what must not happen is that a DOI is
/// registered with it. The payload builder is where the event is decided and where what a
/// registered DOI must not lack is already refused. A bare [`Resource`] ([`payload`]) carries no
/// reading history; a record does.
pub fn payload_for_record(record: &Record, options: &PayloadOptions) -> Result<Payload, Refused> {
    build(&record.resource, Some(&record.origin), &record.diagnostics, options)
}

fn build(
    resource: &Resource,
    origin: Option<&Origin>,
    read: &[Diagnostic],
    options: &PayloadOptions,
) -> Result<Payload, Refused> {
    let mut diagnostics = Vec::new();
    // A payload read back keeps what it asked (its event, its prefix) unless the options say
    // otherwise: `crosswalk upload payloads.jsonl` sends them as they were written.
    let merged;
    let options = match origin.and_then(|o| o.request.as_ref()) {
        Some(request) => {
            let mut own = options.clone();
            if own.event.is_none() {
                own.event = request.event.as_deref().and_then(Event::from_name);
                if let (None, Some(event)) = (own.event, &request.event) {
                    diagnostics.push(
                        Diagnostic::warning(
                            codes::VALUE_INVALID,
                            format!("the payload's event {event:?} is not publish, register or hide; it is not kept"),
                        )
                        .at(Location::path("/event")),
                    );
                }
            }
            if own.prefix.is_none() && own.doi.is_none() && resource.doi.is_none() {
                own.prefix.clone_from(&request.prefix);
            }
            merged = own;
            &merged
        }
        None => options,
    };
    let mut resource = resource.clone();
    apply_defaults(&mut resource, &options.defaults, &mut diagnostics);

    let (doi, prefix) = identify(&mut resource, options, &mut diagnostics);

    let templated;
    let given_url = match (&options.url, &options.url_template) {
        (Some(url), _) => Some(url),
        (None, Some(template)) => {
            templated = expand_url_template(template, doi.as_deref(), origin, &mut diagnostics);
            templated.as_ref()
        }
        (None, None) => None,
    };
    let url = match (given_url, &resource.url) {
        (Some(given), Some(own)) if given != own => {
            diagnostics.push(Diagnostic::info(
                URL_REPLACED,
                format!("the record's url {own} is replaced by the given url {given}"),
            ));
            Some(given.clone())
        }
        (Some(given), _) => Some(given.clone()),
        (None, own) => own.clone(),
    };
    resource.url = url.clone();

    if options.event.is_some() && !options.partial {
        check_registrable(&resource, options.event, &mut diagnostics);
        check_whole(read, options.event, &mut diagnostics);
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Refused { diagnostics });
    }

    let metadata = if options.xml {
        // The url travels as a payload attribute, not in the XML (taken out while writing, not
        // copied out: the resource is ours).
        let url = resource.url.take();
        let checked = crosswalk_datacite::xml::write_checked(&resource);
        resource.url = url;
        // DataCite puts the identifier into a payload that names only a prefix, and checks that.
        let breaks = if prefix.is_some() { checked.verdict.breaks_with_identifier() } else { checked.verdict.breaks };
        diagnostics.extend(checked.written.diagnostics);
        PayloadMetadata::Xml { text: checked.written.text, breaks }
    } else {
        diagnostics.extend(crosswalk_datacite::json::write_notes(&resource));
        PayloadMetadata::Attributes
    };
    Ok(Payload {
        event: options.event,
        doi,
        prefix,
        url,
        resource: Box::new(resource),
        metadata,
        partial: options.partial,
        diagnostics,
    })
}

/// Decides the payload's DOI or prefix and writes the DOI into the resource.
fn identify(
    resource: &mut Resource,
    options: &PayloadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<String>) {
    if let Some(given) = &options.doi {
        let Some(normal) = doi::normalise(given) else {
            diagnostics.push(Diagnostic::error(DOI_INVALID, format!("--doi {given:?} is not a DOI (10.NNNN/suffix)")));
            return (None, None);
        };
        if let Some(own) = &resource.doi {
            if !own.eq_ignore_ascii_case(&normal) {
                diagnostics
                    .push(Diagnostic::warning(DOI_REPLACED, format!("the record's DOI {own} is replaced by {normal}")));
            }
        }
        resource.doi = Some(normal.clone());
        return (Some(normal), None);
    }
    if let Some(prefix) = &options.prefix {
        let prefix = prefix.trim().trim_end_matches('/');
        if !doi::is_prefix(prefix) {
            diagnostics
                .push(Diagnostic::error(DOI_INVALID, format!("--prefix {prefix:?} is not a DOI prefix (10.NNNN)")));
            return (None, None);
        }
        match resource.doi.take() {
            // A record that already has a DOI under this prefix keeps it (a re-registration or
            // an update of a catalog whose records carry their DOIs).
            Some(own) if doi::prefix(&own).is_some_and(|p| p == prefix) => {
                resource.doi = Some(own.clone());
                return (Some(own), None);
            }
            // Any other DOI is someone else's registration of the same work (a journal's
            // Crossref DOI in a reference-manager export): the new DOI registers another
            // instance of it, which the schema's IsIdenticalTo describes ("for use when there is
            // a need to register two separate instances of the same resource").
            Some(own) => {
                diagnostics.push(
                    Diagnostic::warning(
                        DOI_REPLACED,
                        format!(
                            "the record's DOI {own} is not under prefix {prefix}: DataCite generates a new DOI under \
                             {prefix}, and {own} is kept as a relatedIdentifier (IsIdenticalTo)"
                        ),
                    )
                    .at(Location::path("/doi")),
                );
                keep_as_identical(resource, own);
            }
            None => {}
        }
        return (None, Some(prefix.to_owned()));
    }
    match &resource.doi {
        Some(own) => (Some(own.clone()), None),
        None => {
            diagnostics.push(Diagnostic::error(
                DOI_MISSING,
                "the record has no DOI: give --doi DOI, or --prefix PREFIX to let DataCite generate one",
            ));
            (None, None)
        }
    }
}

/// Adds `doi` to the resource's related identifiers as `IsIdenticalTo`, unless it is there.
fn keep_as_identical(resource: &mut Resource, doi: String) {
    let known = resource.related_identifiers.iter().any(|r| {
        r.related_identifier_type == Some(RelatedIdentifierType::Doi) && r.related_identifier.eq_ignore_ascii_case(&doi)
    });
    if !known {
        resource.related_identifiers.push(RelatedIdentifier {
            related_identifier: doi,
            related_identifier_type: Some(RelatedIdentifierType::Doi),
            relation_type: Some(RelationType::IsIdenticalTo),
            resource_type_general: resource.types.resource_type_general.clone(),
            ..RelatedIdentifier::default()
        });
    }
}

/// Fills missing required properties from the defaults, reporting each use.
fn apply_defaults(resource: &mut Resource, defaults: &Defaults, diagnostics: &mut Vec<Diagnostic>) {
    let mut used = |path: &str, what: String| {
        diagnostics.push(Diagnostic::info(DEFAULT_USED, what).at(Location::path(path)));
    };
    if let Some(publisher) = &defaults.publisher {
        if resource.publisher.as_ref().is_none_or(|p| p.name.trim().is_empty()) {
            resource.publisher = Some(Publisher::named(publisher.clone()));
            used("/publisher", format!("publisher set to {publisher:?} (--publisher)"));
        }
    }
    if let Some(general) = &defaults.resource_type_general {
        if resource.types.resource_type_general.is_none() {
            resource.types.resource_type_general = Some(general.clone());
            used(
                "/types/resourceTypeGeneral",
                format!("resourceTypeGeneral set to {general} (--resource-type-general)"),
            );
        }
    }
    if defaults.publication_year_from_date && resource.publication_year.is_none() {
        let year = [DateType::Issued, DateType::Available, DateType::Created, DateType::Submitted, DateType::Accepted]
            .iter()
            .find_map(|wanted| {
                resource.dates.iter().find(|d| d.date_type.as_ref() == Some(wanted)).and_then(|d| leading_year(&d.date))
            })
            .or_else(|| resource.dates.iter().find_map(|d| leading_year(&d.date)));
        if let Some(year) = year {
            used(
                "/publicationYear",
                format!("publicationYear {year} taken from the record's dates (--publication-year-from-date)"),
            );
            resource.publication_year = Some(year);
        }
    }
}

/// The four-digit year a date starts with.
fn leading_year(date: &str) -> Option<String> {
    let year = date.trim().get(..4)?;
    year.chars().all(|c| c.is_ascii_digit()).then(|| year.to_owned())
}

/// Expands a URL template for one record. `{doi}` is the payload's DOI, `{suffix}` its suffix,
/// `{key}` and `{id}` the record's key in its source (a RIS `ID`, a BibTeX key) or else its DOI,
/// `{index}` its 1-based position in the whole run (`origin.position`, which the batch sets:
/// every input counts, so a catalog split into files gives every record its own number), or in
/// its input for a record read on its own. A placeholder without a value is an error.
///
/// ```
/// use crosswalk::expand_url_template;
///
/// let mut diagnostics = Vec::new();
/// let url = expand_url_template("https://repo.example.org/records/{suffix}", Some("10.5072/abc"), None, &mut diagnostics);
/// assert_eq!(url.as_deref(), Some("https://repo.example.org/records/abc"));
/// ```
pub fn expand_url_template(
    template: &str,
    doi: Option<&str>,
    origin: Option<&Origin>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let key = origin.and_then(|o| o.key.as_deref()).or(doi);
    let index = origin.map(|o| o.position.unwrap_or(o.index.saturating_add(1) as u64).to_string());
    let mut out = String::with_capacity(template.len().saturating_add(32));
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, after_placeholder)) = after.split_once('}') else {
            out.push('{');
            out.push_str(after);
            rest = "";
            break;
        };
        let value = match name {
            "doi" => doi.map(str::to_owned),
            "suffix" => doi.and_then(|d| d.split_once('/')).map(|(_, s)| s.to_owned()),
            "key" | "id" => key.map(str::to_owned),
            "index" => index.clone(),
            _ => {
                diagnostics.push(Diagnostic::error(
                    URL_TEMPLATE,
                    format!("--url-template has an unknown placeholder {{{name}}}; use {{doi}}, {{suffix}}, {{key}}, {{id}} or {{index}}"),
                ));
                return None;
            }
        };
        let Some(value) = value else {
            diagnostics.push(Diagnostic::error(
                URL_TEMPLATE,
                format!("--url-template needs {{{name}}}, and this record has none (with --prefix, the DOI is not known before DataCite generates it)"),
            ));
            return None;
        };
        out.push_str(&percent_encode_path(&value));
        rest = after_placeholder;
    }
    out.push_str(rest);
    Some(out)
}

/// Escapes what may not stand in a URL path segment, keeping `/` (DOI suffixes often hold it).
fn percent_encode_path(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b':' | b'@' | b'!' | b'$' | b'+' | b',' | b';' | b'=')
        {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Errors for each property a Findable or Registered DOI needs and the resource lacks.
fn check_registrable(resource: &Resource, event: Option<Event>, diagnostics: &mut Vec<Diagnostic>) {
    let event = event.map_or("draft", Event::as_str);
    let mut missing = |path: &str, what: &str| {
        diagnostics.push(
            Diagnostic::error(codes::REQUIRED_MISSING, format!("event {event} needs {what}, and the record has none"))
                .at(Location::path(path)),
        );
    };
    if resource.creators.is_empty() {
        missing("/creators", "at least one creator");
    }
    for (i, c) in resource.creators.iter().enumerate() {
        if c.name.trim().is_empty() {
            missing(&format!("/creators/{i}/name"), "a name for every creator");
        }
    }
    if !resource.titles.iter().any(|t| !t.title.trim().is_empty()) {
        missing("/titles", "a title");
    }
    if resource.publisher.as_ref().is_none_or(|p| p.name.trim().is_empty()) {
        missing("/publisher", "a publisher");
    }
    if resource.publication_year.as_deref().is_none_or(|y| y.trim().is_empty()) {
        missing("/publicationYear", "a publicationYear");
    }
    if resource.types.resource_type_general.is_none() {
        missing("/types/resourceTypeGeneral", "a resourceTypeGeneral");
    }
    if resource.url.as_deref().is_none_or(|u| u.trim().is_empty()) {
        missing("/url", "a url (the landing page the DOI resolves to; give --url)");
    }
}

/// Errors for each value the reader cut short (`value.cut` among the record's diagnostics), at
/// the cut value's location.
fn check_whole(read: &[Diagnostic], event: Option<Event>, diagnostics: &mut Vec<Diagnostic>) {
    let event = event.map_or("draft", Event::as_str);
    for cut in read.iter().filter(|d| d.code == codes::VALUE_CUT) {
        let message = format!(
            "event {event} would register a value cut short by the reader ({}); shorten it in the source, or build a Draft (no event)",
            cut.message
        );
        diagnostics.push(Diagnostic::error(VALUE_CUT, message).at(cut.location.clone()));
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut document = s.serialize_map(Some(1))?;
        document.serialize_entry("data", &Data(self))?;
        document.end()
    }
}

struct Data<'a>(&'a Payload);

impl Serialize for Data<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut data = s.serialize_map(Some(2))?;
        data.serialize_entry("type", "dois")?;
        data.serialize_entry("attributes", &Attributes(self.0))?;
        data.end()
    }
}

struct Attributes<'a>(&'a Payload);

/// The metadata attributes of a payload: the resource's REST form without `doi` and `url`,
/// which the payload writes itself (in the order of DataCite's examples).
#[derive(Serialize)]
struct MetadataAttributes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<&'a str>,
    #[serde(flatten)]
    metadata: &'a Resource,
}

impl Serialize for Attributes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = self.0;
        match &p.metadata {
            PayloadMetadata::Attributes => {
                // The resource carries `doi` and `url` itself; the payload's values were written
                // into it, so it is serialised whole after the control attributes.
                let mut resource = (*p.resource).clone();
                let doi = resource.doi.take();
                MetadataAttributes {
                    event: p.event.map(Event::as_str),
                    doi: doi.as_deref(),
                    prefix: p.prefix.as_deref(),
                    metadata: &resource,
                }
                .serialize(s)
            }
            PayloadMetadata::Xml { text: xml, .. } => {
                let mut map = s.serialize_map(None)?;
                if let Some(event) = p.event {
                    map.serialize_entry("event", event.as_str())?;
                }
                if let Some(doi) = &p.doi {
                    map.serialize_entry("doi", doi)?;
                }
                if let Some(prefix) = &p.prefix {
                    map.serialize_entry("prefix", prefix)?;
                }
                map.serialize_entry("xml", &base64::engine::general_purpose::STANDARD.encode(xml))?;
                if let Some(url) = &p.url {
                    map.serialize_entry("url", url)?;
                }
                map.end()
            }
        }
    }
}

impl Payload {
    /// The payload as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The payload as one line of JSON (for JSON Lines).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

//! The Crossref deposit writer: records of the model as a Crossref deposit (`doi_batch`,
//! schema 5.4.0), one work per record, valid against Crossref's XSD or not written at all.
//!
//! ```
//! use crosswalk_crossref::write::{write, Head};
//! use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title, Types};
//!
//! let mut r = Resource::default();
//! r.doi = Some("10.5555/notes".into());
//! r.url = Some("https://example.org/notes".into());
//! r.titles.push(Title::new("Notes"));
//! let mut ada = Creator::named("Lovelace, Ada");
//! ada.given_name = Some("Ada".into());
//! ada.family_name = Some("Lovelace".into());
//! r.creators.push(ada);
//! r.publication_year = Some("1843".into());
//! r.types = Types::new(ResourceTypeGeneral::Preprint, None);
//! let head = Head { timestamp: Some(20260101000000), ..Head::default() };
//! let written = write(&r, &head);
//! assert!(written.text.contains(r#"<posted_content type="preprint">"#));
//! assert!(written.text.contains("<doi>10.5555/notes</doi>"));
//! assert!(!written.diagnostics.iter().any(|d| d.is_error()));
//!
//! r.url = None; // Crossref requires the resource URL: the record is refused, not written.
//! let refused = write(&r, &head);
//! assert!(refused.text.is_empty());
//! assert!(refused.diagnostics.iter().any(|d| d.code == crosswalk_crossref::write::MISSING_URL));
//! ```
//!
//! A deposit's `<head>` comes from [`Head`] (the depositor, the registrant, the batch id and the
//! timestamp), never from the records; its defaults are documented on each field and are
//! deterministic (the writer never reads the clock: the command line gives the time of the run).
//! Several records are one `doi_batch` whose one `<body>` holds every work: [`deposit`] puts works
//! written by [`write_work`] together, and [`split`] takes a written document apart so that
//! documents written in parallel can be joined in order. Crossref's schema lets one body hold one
//! kind of container only (journals, books, conferences, …), which [`work_element`] names.
//!
//! What goes where is [`WRITE_MAPPING`] (`docs/crosswalks/crossref-xml-write.md`). What the model
//! holds that a deposit has no place for is reported once per property
//! ([`UNREPRESENTABLE`]); a value Crossref's schema refuses (an ORCID that is not one, an ISSN
//! of the wrong shape, a name with digits) is left out and reported ([`INVALID_VALUE`]); a record
//! without what Crossref requires (DOI, URL, title, date, the container of an article, …) or of
//! a type Crossref has no place for (an award, an instrument, software) is refused with an error
//! and nothing is written for it.

mod relations;
mod work;

use crosswalk_model::{CodeInfo, Diagnostic, Resource, Severity, Written};

pub use relations::crossref_relation;
pub use work::{work_element, write_work, WorkKind};

/// The deposit schema written: 5.4.0.
pub const SCHEMA_VERSION: &str = "5.4.0";
/// The deposit schema's namespace.
pub const NAMESPACE: &str = "http://www.crossref.org/schema/5.4.0";
/// The JATS namespace of abstracts.
pub const JATS_NAMESPACE: &str = "http://www.ncbi.nlm.nih.gov/JATS1";
/// The funding (FundRef) namespace.
pub const FUNDREF_NAMESPACE: &str = "http://www.crossref.org/fundref.xsd";
/// The access indicators (licences) namespace.
pub const ACCESS_INDICATORS_NAMESPACE: &str = "http://www.crossref.org/AccessIndicators.xsd";
/// The relations namespace.
pub const RELATIONS_NAMESPACE: &str = "http://www.crossref.org/relations.xsd";

/// The depositor's name written when none is given.
pub const DEFAULT_DEPOSITOR_NAME: &str = "Crosswalk";
/// The depositor's e-mail address written when none is given (a reserved domain: Crossref
/// sends its submission log there, so a real deposit needs a real one).
pub const DEFAULT_DEPOSITOR_EMAIL: &str = "depositor@example.org";
/// The registrant written when none is given.
pub const DEFAULT_REGISTRANT: &str = "Crosswalk";

/// The `<head>` of a deposit: who deposits, for whom, and which batch it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Head {
    /// `depositor/depositor_name`; default [`DEFAULT_DEPOSITOR_NAME`] (noted in every document
    /// written; the command line warns once).
    pub depositor_name: Option<String>,
    /// `depositor/email_address` (6 to 200 characters); default [`DEFAULT_DEPOSITOR_EMAIL`]
    /// (reported).
    pub depositor_email: Option<String>,
    /// `registrant`, the organisation that owns the DOIs; default [`DEFAULT_REGISTRANT`]
    /// (reported).
    pub registrant: Option<String>,
    /// `doi_batch_id` (4 to 100 characters); default `crosswalk-` and the timestamp.
    pub batch_id: Option<String>,
    /// `timestamp`, which Crossref requires to grow from one deposit of a DOI to the next
    /// (conventionally `yyyymmddhhmmss`); default 0. The writer never reads the clock: the
    /// command line gives the time of the run.
    pub timestamp: Option<u64>,
}

impl Head {
    /// The timestamp written.
    pub fn timestamp(&self) -> u64 {
        self.timestamp.unwrap_or(0)
    }

    /// The batch id written.
    pub fn batch_id(&self) -> String {
        match &self.batch_id {
            Some(id) => id.clone(),
            None => format!("crosswalk-{}", self.timestamp()),
        }
    }

    /// The `<head>` element, and a note for each placeholder written in place of what was not
    /// given.
    fn element(&self, out: &mut String) -> Vec<Diagnostic> {
        let mut notes = Vec::new();
        let mut value = |given: &Option<String>, default: &'static str, option: &str| -> String {
            match given.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                Some(v) => v.to_owned(),
                None => {
                    notes.push(
                        Diagnostic::info(
                            HEAD_DEFAULT,
                            format!("no {option} was given: the deposit's head has \"{default}\" in its place"),
                        )
                        .at(crosswalk_model::Location::path("/")),
                    );
                    default.to_owned()
                }
            }
        };
        let name = value(&self.depositor_name, DEFAULT_DEPOSITOR_NAME, "--depositor-name");
        let email = value(&self.depositor_email, DEFAULT_DEPOSITOR_EMAIL, "--depositor-email");
        let registrant = value(&self.registrant, DEFAULT_REGISTRANT, "--registrant");
        out.push_str("  <head>\n    <doi_batch_id>");
        escape_into(out, &self.batch_id());
        out.push_str("</doi_batch_id>\n    <timestamp>");
        out.push_str(&self.timestamp().to_string());
        out.push_str("</timestamp>\n    <depositor>\n      <depositor_name>");
        escape_into(out, &name);
        out.push_str("</depositor_name>\n      <email_address>");
        escape_into(out, &email);
        out.push_str("</email_address>\n    </depositor>\n    <registrant>");
        escape_into(out, &registrant);
        out.push_str("</registrant>\n  </head>\n");
        notes
    }

    /// Why the head as given cannot be written (a value outside the schema's lengths), if it
    /// cannot.
    pub fn check(&self) -> Result<(), String> {
        let id = self.batch_id();
        if !(4..=100).contains(&id.chars().count()) {
            return Err(format!("the batch id must have 4 to 100 characters (\"{id}\" has {})", id.chars().count()));
        }
        if let Some(email) = self.depositor_email.as_deref().map(str::trim) {
            if !(6..=200).contains(&email.chars().count()) || !email.contains('@') {
                return Err(format!("the depositor's e-mail address \"{email}\" is not one Crossref takes (6 to 200 characters, with an @)"));
            }
        }
        for (what, v, max) in [("depositor name", &self.depositor_name, 130), ("registrant", &self.registrant, 255)] {
            if let Some(v) = v.as_deref() {
                if v.chars().count() > max {
                    return Err(format!("the {what} has more than {max} characters"));
                }
            }
        }
        Ok(())
    }
}

/// The text before the first work of a written deposit: the XML declaration, the `doi_batch`
/// start tag with its namespaces, the head and `<body>` on a line of its own.
fn opening(head: &Head, out: &mut String) -> Vec<Diagnostic> {
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<doi_batch xmlns=\"{NAMESPACE}\" xmlns:jats=\"{JATS_NAMESPACE}\" xmlns:fr=\"{FUNDREF_NAMESPACE}\" xmlns:ai=\"{ACCESS_INDICATORS_NAMESPACE}\" xmlns:rel=\"{RELATIONS_NAMESPACE}\" version=\"{SCHEMA_VERSION}\">\n"
    ));
    let notes = head.element(out);
    out.push_str(BODY_OPEN);
    notes
}

/// What opens the body, on its own line: [`split`] cuts a document after it.
pub const BODY_OPEN: &str = "  <body>\n";
/// What closes the body and the deposit: [`split`] cuts a document before it.
pub const BODY_CLOSE: &str = "  </body>\n</doi_batch>";

/// Writes one resource as a whole deposit: a `doi_batch` with `head` and one work. A record that
/// cannot be a valid deposit is refused: the text is empty and the diagnostics hold an error
/// saying why.
pub fn write(resource: &Resource, head: &Head) -> Written {
    match write_work(resource) {
        Ok((work, mut diagnostics)) => {
            let mut text = String::with_capacity(work.len() + 1024);
            let notes = opening(head, &mut text);
            text.push_str(&work);
            text.push_str(BODY_CLOSE);
            diagnostics.extend(notes);
            Written { text, diagnostics }
        }
        Err(diagnostics) => Written { text: String::new(), diagnostics },
    }
}

/// Puts works written by [`write_work`] into one deposit (their kinds must be one:
/// Crossref's body holds one kind of container).
pub fn deposit<'a>(works: impl IntoIterator<Item = &'a str>, head: &Head) -> String {
    let mut text = String::new();
    opening(head, &mut text);
    for work in works {
        text.push_str(work);
    }
    text.push_str(BODY_CLOSE);
    text
}

/// A document written by [`write()`] taken apart: the text up to and including [`BODY_OPEN`],
/// the work, and the text from [`BODY_CLOSE`] on; `None` for text not written so.
pub fn split(document: &str) -> Option<(&str, &str, &str)> {
    let open = document.find(BODY_OPEN)? + BODY_OPEN.len();
    let close = document.rfind(BODY_CLOSE)?;
    if close < open {
        return None;
    }
    Some((document.get(..open)?, document.get(open..close)?, document.get(close..)?))
}

/// The element a work written by [`write_work`] starts with (`journal`, `book`, …): the kind
/// that a deposit's body holds one of.
pub fn body_kind(work: &str) -> Option<&str> {
    let start = work.trim_start().strip_prefix('<')?;
    let end = start.find([' ', '>'])?;
    start.get(..end)
}

/// Escapes text for XML content and attribute values, leaving out characters XML 1.0 cannot
/// hold.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Code: the record has no DOI; Crossref registers DOIs, so nothing was written.
pub const MISSING_DOI: &str = "crossref.write-missing-doi";
/// Code: the record has no URL (`doi_data/resource`, which Crossref requires).
pub const MISSING_URL: &str = "crossref.write-missing-url";
/// Code: the work's type has no place in a Crossref deposit.
pub const NO_TYPE: &str = "crossref.write-no-type";
/// Code: the record lacks something else Crossref requires of its type.
pub const MISSING_REQUIRED: &str = "crossref.write-missing-required";
/// Code: a property the model holds has no place in a deposit.
pub const UNREPRESENTABLE: &str = "crossref.write-unrepresentable";
/// Code: a value Crossref's schema refuses was left out.
pub const INVALID_VALUE: &str = "crossref.write-invalid-value";
/// Code: a value was written as the nearest Crossref has (a relation type, a role).
pub const NEAREST: &str = "crossref.write-nearest";
/// Code: a placeholder stands in the head for a value not given.
pub const HEAD_DEFAULT: &str = "crossref.write-head-default";

/// The documentation of [`MISSING_DOI`].
pub const MISSING_DOI_INFO: CodeInfo = CodeInfo { code: MISSING_DOI, severity: Severity::Error, summary: "The record has no DOI: a Crossref deposit registers a DOI per work, so nothing was written for it. Give the record its DOI." };
/// The documentation of [`MISSING_URL`].
pub const MISSING_URL_INFO: CodeInfo = CodeInfo { code: MISSING_URL, severity: Severity::Error, summary: "The record has no URL: Crossref requires the landing page a DOI resolves to (doi_data/resource, http, https or ftp), so nothing was written for it." };
/// The documentation of [`NO_TYPE`].
pub const NO_TYPE_INFO: CodeInfo = CodeInfo { code: NO_TYPE, severity: Severity::Error, summary: "The work's resourceTypeGeneral has no place in a Crossref deposit (an award, an instrument, software, an image …): it is refused, never written as something else. Crossref deposits journal articles, books and chapters, conference papers, datasets, dissertations, reports and posted content (preprints)." };
/// The documentation of [`MISSING_REQUIRED`].
pub const MISSING_REQUIRED_INFO: CodeInfo = CodeInfo { code: MISSING_REQUIRED, severity: Severity::Error, summary: "The record lacks something Crossref requires of its type (a title, a publication year, an article's journal, a book's or a report's publisher, a dissertation's author and institution …); the message names it. Nothing was written for it." };
/// The documentation of [`UNREPRESENTABLE`].
pub const UNREPRESENTABLE_INFO: CodeInfo = CodeInfo { code: UNREPRESENTABLE, severity: Severity::Warning, summary: "A property the record holds has no place in a Crossref deposit (subjects, geolocations, sizes, formats, other identifiers, other titles and descriptions, some roles, relations and dates); it is not written. The pointer names it." };
/// The documentation of [`INVALID_VALUE`].
pub const INVALID_VALUE_INFO: CodeInfo = CodeInfo { code: INVALID_VALUE, severity: Severity::Warning, summary: "A value that Crossref's schema refuses (an ORCID or ROR identifier not as a URL, an ISSN or ISBN of the wrong shape, a licence that is not a URL, a name with digits or over 60 characters, a date outside 1400-2200) was left out, so that the deposit stays valid." };
/// The documentation of [`NEAREST`].
pub const NEAREST_INFO: CodeInfo = CodeInfo { code: NEAREST, severity: Severity::Info, summary: "A value was written as the nearest Crossref has: a DataCite relation type as a Crossref relationship type, a creator without name parts as a person's single name." };
/// The documentation of [`HEAD_DEFAULT`].
pub const HEAD_DEFAULT_INFO: CodeInfo = CodeInfo { code: HEAD_DEFAULT, severity: Severity::Info, summary: "The deposit's head has a placeholder for the depositor's name or e-mail address or the registrant, which were not given (--depositor-name, --depositor-email, --registrant); Crossref mails its log to the depositor, so give real ones before depositing." };

/// The writer's codes (all of them also in the crate's `CODES`).
pub const CODES: &[CodeInfo] = &[
    MISSING_DOI_INFO,
    MISSING_URL_INFO,
    NO_TYPE_INFO,
    MISSING_REQUIRED_INFO,
    UNREPRESENTABLE_INFO,
    INVALID_VALUE_INFO,
    NEAREST_INFO,
    HEAD_DEFAULT_INFO,
];

/// One row of what the writer puts where.
#[derive(Clone, Copy, Debug)]
pub struct WriteMapping {
    /// The model's property (DataCite JSON's name).
    pub property: &'static str,
    /// Where the deposit puts it.
    pub crossref: &'static str,
    /// When, and what is decided.
    pub note: &'static str,
}

/// What the writer puts where; `docs/crosswalks/crossref-xml-write.md` is made from it.
pub const WRITE_MAPPING: &[WriteMapping] = &[
    WriteMapping { property: "types.resourceTypeGeneral (and resourceType)", crossref: "the work's element", note: "JournalArticle, DataPaper: journal/journal_article; Book: book/book_metadata (book_type from resourceType EditedBook, ReferenceBook, else monograph); BookChapter: book/content_item[@component_type=chapter] (section, part … from resourceType); ConferencePaper: conference/conference_paper; Dataset: database/dataset; Dissertation: dissertation; Report: report-paper/report-paper_metadata; Preprint: posted_content[@type=preprint] (PeerReview: review). Any other type is refused (crossref.write-no-type)" },
    WriteMapping { property: "doi", crossref: "doi_data/doi", note: "required (crossref.write-missing-doi)" },
    WriteMapping { property: "url", crossref: "doi_data/resource", note: "required, http(s) or ftp (crossref.write-missing-url)" },
    WriteMapping { property: "titles", crossref: "titles/title, titles/subtitle", note: "the first title without titleType and the first Subtitle; a TranslatedTitle as original_language_title is not written; the rest reported. Required" },
    WriteMapping { property: "creators", crossref: "contributors/person_name[@contributor_role=author] | organization", note: "a person: given_name, surname, affiliations/institution (institution_name, institution_id type ror | isni | wikidata), ORCID as https://orcid.org/…; an organisation as organization; sequence first for the first" },
    WriteMapping { property: "contributors (Editor, Translator)", crossref: "contributors/person_name[@contributor_role=editor | translator]", note: "other roles are reported" },
    WriteMapping { property: "publicationYear, dates (Issued)", crossref: "publication_date (posted_date for posted content, approval_date for dissertations, database_date/publication_date for datasets)", note: "year, month and day from the Issued date, else the publication year. Dates of other types are reported. Required (but for datasets and chapters)" },
    WriteMapping { property: "dates (Accepted)", crossref: "acceptance_date", note: "journal articles, books, chapters, conference papers, posted content" },
    WriteMapping { property: "publisher", crossref: "publisher/publisher_name (books, proceedings, reports, datasets), institution (dissertations, posted content)", note: "required for books, chapters and proceedings; a dissertation's institution is its publisher" },
    WriteMapping { property: "relatedItems (IsPublishedIn)", crossref: "journal_metadata/full_title, issn; journal_issue/journal_volume/volume, issue; pages; book_metadata/titles, isbn; proceedings_metadata/proceedings_title; database_metadata/titles", note: "the container; an article without its journal, a chapter without its book, a conference paper without its proceedings are refused (crossref.write-missing-required). Its ISSN or ISBN from its identifier or from relatedIdentifiers IsPartOf/IsPublishedIn" },
    WriteMapping { property: "relatedIdentifiers (ISSN, ISBN of the container)", crossref: "issn, isbn", note: "" },
    WriteMapping { property: "relatedIdentifiers (the rest)", crossref: "rel:program/rel:related_item/rel:inter_work_relation | rel:intra_work_relation", note: "relationship-type from the relation type (the nearest, reported as crossref.write-nearest; a Crossref type kept in relationTypeInformation is written back), identifier-type from the identifier type" },
    WriteMapping { property: "descriptions (Abstract)", crossref: "jats:abstract/jats:p (dataset: description)", note: "paragraphs at blank lines; other descriptions reported" },
    WriteMapping { property: "fundingReferences", crossref: "fr:program[@name=fundref]/fr:assertion[@name=fundgroup]", note: "funder_name, funder_identifier (a Crossref Funder ID as its DOI URL), ror (a ROR ID as its URL), award_number; other funder identifiers (ISNI, GRID), awardTitle and awardURI reported" },
    WriteMapping { property: "rightsList (rightsUri)", crossref: "ai:program[@name=AccessIndicators]/ai:license_ref[@applies_to=vor]", note: "a right without a URL is reported" },
    WriteMapping { property: "version", crossref: "version_info/version", note: "where the work has version_info" },
    WriteMapping { property: "language", crossref: "the work's @language", note: "the ISO 639-1 code of the tag (de-AT: de); a language without one, and a dataset's (dataset has no language attribute), reported" },
    WriteMapping { property: "subjects, geoLocations, sizes, formats, alternateIdentifiers, contentUrl, other relatedItems", crossref: "—", note: "reported (crossref.write-unrepresentable)" },
];

/// Seconds since 1970 as yyyymmddhhmmss (UTC), by the civil-from-days rule of the proleptic
/// Gregorian calendar: Crossref's conventional [`Head::timestamp`] for a deposit made at that
/// time (the writer never reads the clock; its callers give it the time).
///
/// ```
/// use crosswalk_crossref::write::utc_timestamp;
///
/// assert_eq!(utc_timestamp(0), 19700101000000);
/// // 2000-02-29T23:59:59Z, a leap day of a century year.
/// assert_eq!(utc_timestamp(951_868_799), 20000229235959);
/// // 2024-03-15T12:00:00Z.
/// assert_eq!(utc_timestamp(1_710_504_000), 20240315120000);
/// ```
pub fn utc_timestamp(seconds: u64) -> u64 {
    let days = (seconds / 86_400) as i64;
    let second_of_day = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = (year as u64) * 10_000 + (month as u64) * 100 + day as u64;
    date * 1_000_000 + (second_of_day / 3600) * 10_000 + (second_of_day % 3600 / 60) * 100 + second_of_day % 60
}

#[cfg(test)]
mod tests;

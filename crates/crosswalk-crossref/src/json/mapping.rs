//! The crosswalk table of Crossref REST JSON: every key of a work the reader handles, and where
//! it goes in the model. `docs/crosswalks/crossref-json.md` is generated from it, and tests keep
//! it true: every key of the test fixtures has a row, and every row names a key the fixtures
//! hold.
//!
//! A source is a key's path in a work, nested keys joined by `/` (lists add no level:
//! `author/affiliation/id/id-type`). A row of `author/…` stands for the same key of every list
//! of people (`editor`, `translator`, `chair`, a grant's investigators), `update-to/…` for
//! `updated-by/…`, and `date/…` for the keys of every date object.

pub use crate::mapping::Row;

const fn row(section: &'static str, source: &'static str, target: &'static str, note: &'static str) -> Row {
    Row { section, source, target, note }
}

const SHAPES: &str = "Responses and lists";
const WORKS: &str = "Types, identifiers, titles";
const PEOPLE: &str = "People";
const CONTAINER: &str = "Container";
const DATES: &str = "Dates and publisher";
const TEXT: &str = "Abstracts, subjects and type-specific keys";
const PROGRAMS: &str = "Funding, licences, links, relations, Crossmark";
const REFERENCES: &str = "References";
const GRANTS: &str = "Grants";
const BOOKKEEPING: &str = "Crossref's bookkeeping";

/// The crosswalk table.
///
/// ```
/// let row = crosswalk_crossref::json::MAPPING.iter().find(|r| r.source == "DOI").unwrap();
/// assert_eq!(row.target, "doi");
/// ```
pub const MAPPING: &[Row] = &[
    // ---- shapes -----------------------------------------------------------------------------------
    row(SHAPES, "status", "–", "A status other than `ok` makes a failed record (`crossref-json.api-error`) quoting the message."),
    row(SHAPES, "message-type", "–", "`work`: the message is the work; `work-list`: its items are; any other kind holds no work (`crossref-json.not-a-work`)."),
    row(SHAPES, "message-version", "–", "The API's version."),
    row(SHAPES, "message", "–", "The work, or the list."),
    row(SHAPES, "items", "–", "A list's works (in `message`, or at the top of a public data file's part): one record each, streamed."),
    row(SHAPES, "facets, next-cursor, total-results, items-per-page, query", "–", "A list's paging and search; not metadata of any work."),
    // ---- types, identifiers, titles ----------------------------------------------------------------
    row(WORKS, "type", "types", "See the work types table: the REST ids of `crosswalk_rules::crossref_types`, the table the XML reader's elements share. An id of no row: Other, the id kept in resourceType (`vocab.unknown`)."),
    row(WORKS, "subtype", "types.resourceTypeGeneral", "Of posted content: `preprint`, `working_paper`, `letter`, `other` → Preprint; `dissertation` → Dissertation; `report` → Report; `review` → PeerReview, as the deposit's `posted_content/@type`. On another type reported (`field.unmapped`)."),
    row(WORKS, "DOI", "doi", "Without resolver (reported)."),
    row(WORKS, "URL", "–", "The DOI's link at doi.org, which a DataCite `url` must not be (the DOI would resolve to itself); another link is reported."),
    row(WORKS, "resource, resource/primary, resource/primary/URL", "url", "The landing page, as the deposit's `doi_data/resource`."),
    row(WORKS, "resource/secondary", "–", "Alternative landing pages (list- and country-based), reported as the XML reader's."),
    row(WORKS, "alternative-id", "alternateIdentifiers[]", "Typed \"Publisher identifier\" (the deposit's `publisher_item`; the API does not keep its `id_type`); one equal to the article number is left out."),
    row(WORKS, "aliases", "relatedIdentifiers[] (IsIdenticalTo)", "DOIs that are aliases of this one."),
    row(WORKS, "title", "titles[].title", "Face markup and MathML reduced to text (`markup.removed`, `markup.math-flattened`), a title one line (`value.normalised`), as in the XML reader; text that is not well-formed markup (`p < 0.05`) is kept as written."),
    row(WORKS, "subtitle", "titles[] (Subtitle)", "Without language: the API drops the deposit's."),
    row(WORKS, "original-title", "titles[] (TranslatedTitle)", "The deposit's `original_language_title`, without its language (the API drops it)."),
    row(WORKS, "short-title", "titles[] (AlternativeTitle)", ""),
    // ---- people -------------------------------------------------------------------------------------
    row(PEOPLE, "author", "creators[]", "In order; an \"et al.\" marker is left out (`crossref.et-al`)."),
    row(PEOPLE, "editor", "contributors[] (Editor)", "A work without authors has its editors as creators too (`people.editors-as-creators`)."),
    row(PEOPLE, "translator", "contributors[] (Translator)", ""),
    row(PEOPLE, "chair", "contributors[] (Other)", "`crossref.role-other`: DataCite has no chair."),
    row(PEOPLE, "author/given, author/family", "creators[].givenName, creators[].familyName", "`Family, Given` (`Personal`); white space collapsed. So for every list of people."),
    row(PEOPLE, "author/suffix", "creators[].name", "Appended after a comma."),
    row(PEOPLE, "author/name", "creators[].name (Organizational)", "An organisation (the deposit's `organization`); with an ORCID a person, split by the splitter every reader shares (`people.name-split`)."),
    row(PEOPLE, "author/ORCID", "creators[].nameIdentifiers[] (ORCID)", "As written, scheme URI https://orcid.org."),
    row(PEOPLE, "author/authenticated-orcid", "–", "Crossref's verification flag."),
    row(PEOPLE, "author/sequence", "–", "The order is the list's."),
    row(PEOPLE, "author/affiliation", "creators[].affiliation[]", ""),
    row(PEOPLE, "author/affiliation/name", "creators[].affiliation[].name", ""),
    row(PEOPLE, "author/affiliation/id, author/affiliation/id/id", "creators[].affiliation[].affiliationIdentifier", "One per affiliation, a ROR ID first; others reported."),
    row(PEOPLE, "author/affiliation/id/id-type", "creators[].affiliation[].affiliationIdentifierScheme", "ROR, ISNI, Wikidata (any case); others reported (`vocab.unknown`)."),
    row(PEOPLE, "author/affiliation/id/asserted-by", "–", "Who matched the identifier."),
    row(PEOPLE, "author/affiliation/acronym, author/affiliation/place, author/affiliation/department", "–", "No place in an affiliation (`field.unmapped`)."),
    // ---- container -------------------------------------------------------------------------------------
    row(CONTAINER, "container-title", "relatedItems[].titles[]", "The container: a related item first among them, typed by the work's type (journal-article → Journal, book-chapter → Book, proceedings-article → ConferenceProceeding, report-component → Report, IsPublishedIn; a dataset's database, a book's or report's series: Collection, IsPartOf). Further container titles are AlternativeTitle. A type without a container reports it."),
    row(CONTAINER, "short-container-title", "relatedItems[].titles[] (AlternativeTitle)", "The deposit's `abbrev_title`."),
    row(CONTAINER, "ISSN, ISBN", "relatedItems[].relatedItemIdentifier, relatedIdentifiers[] (IsPartOf)", "Of a container: the first is its related item's identifier, all are IsPartOf relations (an ISSN of a book's series: Collection). Of the work itself (a book, a journal, a report): alternateIdentifiers."),
    row(CONTAINER, "issn-type, isbn-type, issn-type/value, issn-type/type, isbn-type/value, isbn-type/type", "–", "Print or electronic (not carried, as the deposit's `media_type`); a value `ISSN` or `ISBN` lacks is read as theirs."),
    row(CONTAINER, "volume", "relatedItems[].volume", "Of the journal, book series or report; without a container reported."),
    row(CONTAINER, "issue, journal-issue, journal-issue/issue", "relatedItems[].issue", ""),
    row(CONTAINER, "journal-issue/published-print, journal-issue/published-online", "relatedItems[].publicationYear", "The issue's year; the work's when it has no date of its own (`crossref.inherited`)."),
    row(CONTAINER, "page", "relatedItems[].firstPage, relatedItems[].lastPage", "`100-110`; several ranges keep the outer bounds (the gaps reported, `field.unmapped`). Without a container: `sizes` (\"pages 1-3\")."),
    row(CONTAINER, "article-number", "relatedItems[].number (Article)", "Without a container an alternateIdentifier."),
    row(CONTAINER, "edition-number", "relatedItems[].edition, version", "A chapter's edition is its book's; a book's edition its version."),
    // ---- dates and publisher --------------------------------------------------------------------------
    row(DATES, "published-print, published-online, published-other", "dates[] (Issued), publicationYear", "`dateInformation` print / online / other media; publicationYear from the earliest date of issue, as the deposit's `publication_date` with its media_type."),
    row(DATES, "posted", "dates[] (Issued), publicationYear", "The deposit's `posted_date`."),
    row(DATES, "accepted", "dates[] (Accepted)", ""),
    row(DATES, "approved", "dates[] (Issued, or Other with a publication date)", "dateInformation \"approval date\"."),
    row(DATES, "content-created, content-updated", "dates[] (Created, Updated)", "The deposit's `database_date`."),
    row(DATES, "published, issued", "dates[] (Issued), publicationYear", "Crossref's earliest date of issue: they repeat the dates above and stand in only for a work that has none."),
    row(DATES, "date/date-parts", "dates[].date", "`[[year, month, day]]` as `YYYY-MM-DD`; seasons 21–24 kept (EDTF), quarters 31–34 → EDTF 33–36 (`crossref.date-converted`), parts out of range reported and left out with the finer ones; `[[null]]` is no date. A second list (a range's end) is reported."),
    row(DATES, "date/date-time, date/timestamp", "–", "The same date, derived by Crossref."),
    row(DATES, "publisher", "publisher", ""),
    row(DATES, "publisher-location", "–", "No place in DataCite (`field.unmapped`)."),
    // ---- text and type-specific -----------------------------------------------------------------------
    row(TEXT, "abstract", "descriptions[] (Abstract)", "JATS reduced to paragraphs separated by a blank line (`markup.removed`), the rule of the XML reader's `jats:abstract`; markup that is not well-formed is kept as written (`value.invalid`)."),
    row(TEXT, "subject", "subjects[]", "Crossref's subject categories of the journal, without scheme."),
    row(TEXT, "group-title", "subjects[]", "The posting's subject group."),
    row(TEXT, "language", "language", ""),
    row(TEXT, "degree", "descriptions[] (Other)", "\"Degree: …\"."),
    row(TEXT, "institution, institution/name", "contributors[] (HostingInstitution), publisher", "The publisher when the work has none, else a contributor."),
    row(TEXT, "institution/id, institution/id/id, institution/id/id-type, institution/id/asserted-by", "contributors[].nameIdentifiers[], publisher.publisherIdentifier", "As an affiliation's."),
    row(TEXT, "institution/place, institution/acronym, institution/department", "–", "Reported (`field.unmapped`)."),
    row(TEXT, "event, event/name", "relatedItems[] (Event, Other)", "The conference, relationTypeInformation \"Presented at\" (\"Proceedings of\" for proceedings)."),
    row(TEXT, "event/acronym, event/theme", "relatedItems[].titles[]", "AlternativeTitle; Other."),
    row(TEXT, "event/sponsor", "relatedItems[].contributors[] (Sponsor)", ""),
    row(TEXT, "event/number", "relatedItems[].number (Other)", ""),
    row(TEXT, "event/location", "–", "Reported."),
    row(TEXT, "event/start, event/end", "relatedItems[].publicationYear", "The start year; the dates are reported."),
    row(TEXT, "standards-body, standards-body/name", "creators[] (Organizational), publisher", "The publisher when there is none."),
    row(TEXT, "standards-body/acronym", "–", "Reported."),
    row(TEXT, "review", "–", "A peer review's details: its parts below."),
    row(TEXT, "review/competing-interest-statement", "descriptions[] (Other)", ""),
    row(TEXT, "review/language", "language", "When the work names none."),
    row(TEXT, "review/type, review/stage, review/recommendation, review/revision-round, review/running-number", "–", "Reported (`field.unmapped`), as the XML reader's `peer_review` attributes."),
    // ---- programs ----------------------------------------------------------------------------------------
    row(PROGRAMS, "funder, funder/name", "fundingReferences[].funderName", "One per funder and award number."),
    row(PROGRAMS, "funder/DOI", "fundingReferences[].funderIdentifier (Crossref Funder ID)", "As https://doi.org/10.13039/… (`value.normalised`)."),
    row(PROGRAMS, "funder/id, funder/id/id, funder/id/id-type", "fundingReferences[].funderIdentifier", "DOI (as `DOI`) or ROR when the funder has no DOI; a further identifier is reported."),
    row(PROGRAMS, "funder/award", "fundingReferences[].awardNumber", ""),
    row(PROGRAMS, "funder/doi-asserted-by, funder/id/asserted-by", "–", "Who matched the funder."),
    row(PROGRAMS, "license, license/URL", "rightsList[].rightsUri", "One per distinct URL; Creative Commons URLs get their SPDX id (`crossref.license-identified`)."),
    row(PROGRAMS, "license/content-version", "–", "With several licences, one that does not cover the version of record is reported."),
    row(PROGRAMS, "license/start, license/delay-in-days", "–", "A licence that starts after publication (an embargo: `delay-in-days` above 0) is reported; one that starts with it says nothing more."),
    row(PROGRAMS, "link, link/URL", "contentUrl[]", "Links for text mining, syndication or unspecified use; similarity-checking links are for Crossref's service."),
    row(PROGRAMS, "link/content-type", "formats[]", "Unless `unspecified`."),
    row(PROGRAMS, "link/intended-application, link/content-version", "–", "Select the link."),
    row(PROGRAMS, "relation", "relatedIdentifiers[]", "Each key is a relationship type (`is-preprint-of` is the deposit's `isPreprintOf`), mapped by the relation table; an approximate one keeps the deposit's name in relationTypeInformation. `cites` and `is-cited-by` are Cites and IsCitedBy."),
    row(PROGRAMS, "relation/id", "relatedIdentifiers[].relatedIdentifier", "DOIs without resolver."),
    row(PROGRAMS, "relation/id-type", "relatedIdentifiers[].relatedIdentifierType", "doi, issn, isbn, uri (URL), pmid, purl, arxiv, ark, handle; others are reported unless the value is a URL."),
    row(PROGRAMS, "relation/asserted-by", "–", "Who asserted the relation."),
    row(PROGRAMS, "update-to, update-to/DOI", "relatedIdentifiers[]", "new_version, new_edition → IsNewVersionOf; other updates → Other with \"Crossmark update: correction (date)\"."),
    row(PROGRAMS, "updated-by", "relatedIdentifiers[]", "The inverse: IsPreviousVersionOf, or Other \"Crossmark update: updated by a correction (date)\"."),
    row(PROGRAMS, "update-to/type, update-to/updated", "relatedIdentifiers[].relationTypeInformation", ""),
    row(PROGRAMS, "update-to/label, update-to/source", "–", "The type's label; who told Crossref."),
    row(PROGRAMS, "assertion, assertion/name, assertion/value", "dates[]", "received → Submitted, accepted → Accepted, published → Issued (a W3CDTF date, unless the same date is there); other assertions are reported with their label."),
    row(PROGRAMS, "assertion/label, assertion/order, assertion/group, assertion/group/name, assertion/group/label, assertion/URL, assertion/explanation, assertion/explanation/URL", "–", "How the assertion is shown."),
    row(PROGRAMS, "clinical-trial-number, clinical-trial-number/clinical-trial-number, clinical-trial-number/registry, clinical-trial-number/type", "–", "Trial numbers have no DataCite identifier type (`field.unmapped`)."),
    row(PROGRAMS, "free-to-read", "–", "Reported."),
    // ---- references ----------------------------------------------------------------------------------
    row(REFERENCES, "reference, reference/DOI", "relatedIdentifiers[] (References), relatedItems[] (References)", "With a DOI: a related identifier. Without: a related item built from the parts below, by the rules of the XML reader's citations (one code path)."),
    row(REFERENCES, "reference/key", "–", "A local label, quoted in reports."),
    row(REFERENCES, "reference/article-title, reference/volume-title, reference/journal-title, reference/series-title", "relatedItems[].titles[]", "The most specific title; the others are reported (once per record)."),
    row(REFERENCES, "reference/author", "relatedItems[].creators[].name", ""),
    row(REFERENCES, "reference/year", "relatedItems[].publicationYear", "Its first four digits (`1994a` → 1994, reported)."),
    row(REFERENCES, "reference/volume, reference/issue, reference/first-page, reference/edition", "relatedItems[].volume, relatedItems[].issue, relatedItems[].firstPage, relatedItems[].edition", ""),
    row(REFERENCES, "reference/component", "relatedItems[].number (Chapter)", ""),
    row(REFERENCES, "reference/ISSN, reference/ISBN", "relatedItems[].relatedItemIdentifier", "When the item is the journal or book itself; else reported."),
    row(REFERENCES, "reference/unstructured", "relatedItems[].titles[]", "Only when the reference has no DOI and no title (`crossref.citation-as-title`)."),
    row(REFERENCES, "reference/standard-designator, reference/standards-body", "relatedItems[].titles[]", "A standard's designator titles it; the body is reported."),
    row(REFERENCES, "reference/doi-asserted-by, reference/issn-type, reference/isbn-type", "–", "Who supplied the DOI; print or electronic."),
    // ---- grants ---------------------------------------------------------------------------------------------
    row(GRANTS, "award", "fundingReferences[].awardNumber, alternateIdentifiers[]", "A grant's award number."),
    row(GRANTS, "award-start", "dates[] (Issued), publicationYear", "\"award start date\"."),
    row(GRANTS, "project", "–", "A grant's project: its parts below."),
    row(GRANTS, "project/project-title, project/project-title/title", "titles[]", "The first the main title, the others TranslatedTitle (with a language) or AlternativeTitle."),
    row(GRANTS, "project/project-title/language", "titles[].lang", ""),
    row(GRANTS, "project/project-description, project/project-description/description, project/project-description/language", "descriptions[] (Abstract)", ""),
    row(GRANTS, "project/lead-investigator, project/co-lead-investigator", "creators[]", ""),
    row(GRANTS, "project/investigator", "contributors[] (ProjectMember)", ""),
    row(GRANTS, "project/lead-investigator/role-start, project/investigator/role-start", "–", "When the person held the role."),
    row(GRANTS, "project/funding, project/funding/funder, project/funding/funder/name, project/funding/funder/id, project/funding/funder/id/id, project/funding/funder/id/id-type, project/funding/funder/id/asserted-by", "fundingReferences[]", "With the award number and first project title; the first funder is the publisher."),
    row(GRANTS, "project/funding/type", "–", "The kind of funding."),
    row(GRANTS, "project/funding/scheme, project/funding/award-amount, project/award-amount", "–", "Reported."),
    row(GRANTS, "project/award-start, project/award-end, project/award-planned-start, project/award-planned-end", "dates[] (Other)", "A range, dateInformation \"award period\" (\"planned award period\")."),
    // ---- bookkeeping ----------------------------------------------------------------------------------------
    row(BOOKKEEPING, "indexed, created, deposited", "–", "When Crossref registered, updated and indexed the record, not dates of the work: not carried and not reported, as the XML reader leaves the deposit's administrative data."),
    row(BOOKKEEPING, "reference-count, references-count, is-referenced-by-count, score", "–", "Counts and search relevance."),
    row(BOOKKEEPING, "member, prefix, source", "–", "Crossref's member id and the DOI prefix (the DOI says it)."),
    row(BOOKKEEPING, "content-domain, update-policy, archive", "–", "Crossmark's domains and policy, the preservation archives: the XML reader's `crossmark_domains`, `crossmark_policy`, `archive_locations`."),
];

//! The mapping tables: CSL name roles, and every CSL key → model property (reading) and model
//! property → CSL key (writing), with notes.
//!
//! `docs/crosswalks/citeproc.md` is generated from these tables (a test fails when the page is
//! stale, and checks each row against what the reader and writer really do), so the page and the
//! code cannot drift apart.

use crosswalk_model::ContributorType;

/// Where the names of a CSL name variable go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleTarget {
    /// `creators`.
    Creators,
    /// `contributors` with this contributorType, an exact match.
    Contributor(ContributorType),
    /// `contributors` with the nearest contributorType (reported as info).
    Approximated(ContributorType),
    /// `contributors` of type `Other`: DataCite has no such role (reported as a warning).
    RoleLost,
    /// The creators of the container's related item.
    ContainerCreators,
    /// The editors (contributors of type Editor) of the series' related item.
    SeriesEditors,
    /// The creators of the reviewed work's related item.
    ReviewedCreators,
    /// The creators of the original's related item (translation or reprint).
    OriginalCreators,
}

/// One CSL name variable and where its names go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRole {
    /// The CSL variable.
    pub variable: &'static str,
    /// Where its names go.
    pub target: RoleTarget,
}

const fn role(variable: &'static str, target: RoleTarget) -> NameRole {
    NameRole { variable, target }
}

/// Every name variable of CSL 1.0.2 and where the reader puts its names.
pub const NAME_ROLES: &[NameRole] = &[
    role("author", RoleTarget::Creators),
    role("chair", RoleTarget::RoleLost),
    role("collection-editor", RoleTarget::SeriesEditors),
    role("compiler", RoleTarget::RoleLost),
    role("composer", RoleTarget::RoleLost),
    role("container-author", RoleTarget::ContainerCreators),
    role("contributor", RoleTarget::Contributor(ContributorType::Other)),
    role("curator", RoleTarget::Approximated(ContributorType::DataCurator)),
    role("director", RoleTarget::RoleLost),
    role("editor", RoleTarget::Contributor(ContributorType::Editor)),
    role("editorial-director", RoleTarget::Approximated(ContributorType::Editor)),
    role("executive-producer", RoleTarget::Approximated(ContributorType::Producer)),
    role("guest", RoleTarget::RoleLost),
    role("host", RoleTarget::RoleLost),
    role("interviewer", RoleTarget::RoleLost),
    role("illustrator", RoleTarget::RoleLost),
    role("narrator", RoleTarget::RoleLost),
    role("organizer", RoleTarget::RoleLost),
    role("original-author", RoleTarget::OriginalCreators),
    role("performer", RoleTarget::RoleLost),
    role("producer", RoleTarget::Contributor(ContributorType::Producer)),
    role("recipient", RoleTarget::RoleLost),
    role("reviewed-author", RoleTarget::ReviewedCreators),
    role("script-writer", RoleTarget::RoleLost),
    role("series-creator", RoleTarget::RoleLost),
    role("translator", RoleTarget::Contributor(ContributorType::Translator)),
];

/// One row of a mapping table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The CSL key (`author[].family` for a key inside a name, `issued.date-parts` inside a date).
    pub csl: &'static str,
    /// The model properties, as REST JSON paths in backticks (`relatedItems[].volume`), or `–`.
    pub model: &'static str,
    /// What happens, and what is reported.
    pub note: &'static str,
}

const fn row(csl: &'static str, model: &'static str, note: &'static str) -> Row {
    Row { csl, model, note }
}

/// Reading: every key of a CSL item (the schema's and the extensions the reader knows).
pub const READ: &[Row] = &[
    row("type", "`types.resourceTypeGeneral`, `types.resourceType`", "See [Item types](#item-types). A type matched only ignoring case, `-` and `_` is reported (`vocab.normalised`); a Crossref work type id (`journal-article`) is read by Crossref's table, see [Crossref types](#crossref-types) (`csl.crossref-type`); an unknown type gives `Other`, kept as `resourceType` (`vocab.unknown`); no type: `csl.no-type`."),
    row("id", "`doi`", "The item's key (`Origin.key` unless `citation-key` is given) and its citation key (`Origin.citation_key`, which writers of reference lists reuse: see Writing). A DOI (or DOI URL) fills `doi` when `DOI` is absent (`value.normalised`); another DOI than `DOI` is reported (`csl.id-mismatch`)."),
    row("citation-key", "–", "The record's key (`Origin.key`), used for file names and URL templates; its citation key when there is no `id`; not metadata."),
    row("categories", "`subjects[].subject`", "One subject each; repeated subjects are kept once."),
    row("custom", "–", "Each key is reported (`field.unmapped`)."),
    row("author", "`creators[]`", "See [Decisions](#decisions): names."),
    row("chair", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("collection-editor", "`relatedItems[].contributors[].contributorType`", "Editors of the series' related item; without a series, contributors of type `Editor` (`csl.role-approximated`)."),
    row("compiler", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("composer", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("container-author", "`relatedItems[].creators[].name`", "Creators of the container's related item (ORCIDs and affiliations are reported: related items' names hold none)."),
    row("contributor", "`contributors[].contributorType`", "`Other`, CSL's generic role."),
    row("curator", "`contributors[].contributorType`", "`DataCurator`, the nearest role (`csl.role-approximated`)."),
    row("director", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("editor", "`contributors[].contributorType`", "`Editor`."),
    row("editorial-director", "`contributors[].contributorType`", "`Editor`, the nearest role (`csl.role-approximated`)."),
    row("executive-producer", "`contributors[].contributorType`", "`Producer`, the nearest role (`csl.role-approximated`)."),
    row("guest", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("host", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("interviewer", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("illustrator", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("narrator", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("organizer", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("original-author", "`relatedItems[].creators[].name`", "Creators of the original's related item (`IsTranslationOf` when the item has a translator, else `IsVariantFormOf`)."),
    row("performer", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("producer", "`contributors[].contributorType`", "`Producer`."),
    row("recipient", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("reviewed-author", "`relatedItems[].creators[].name`", "Creators of the reviewed work's related item (relation `Reviews`)."),
    row("script-writer", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("series-creator", "`contributors[].contributorType`", "`Other`; the role is lost (`csl.role-lost`)."),
    row("translator", "`contributors[].contributorType`", "`Translator`."),
    row("accessed", "`dates[].date`, `dates[].dateInformation`", "dateType `Other` with dateInformation `Accessed`. See [Decisions](#decisions): dates."),
    row("available-date", "`dates[].dateType`", "`Available`."),
    row("event-date", "`dates[].dateInformation`", "dateType `Other` with dateInformation `Event date`."),
    row("issued", "`dates[].dateType`, `publicationYear`", "`Issued`; `publicationYear` is its year (taken from inside a free-text date with `csl.date-converted`)."),
    row("original-date", "`dates[].dateInformation`, `relatedItems[].publicationYear`", "dateType `Other` with dateInformation `Original date`; its year is also the original's related item's `publicationYear`."),
    row("submitted", "`dates[].dateType`", "`Submitted`."),
    row("language", "`language`", "As written."),
    row("journalAbbreviation", "`relatedItems[].titles[].titleType`", "A container title of type `AlternativeTitle` (once, if equal to `container-title-short`)."),
    row("shortTitle", "`titles[].titleType`", "A title of type `AlternativeTitle` (once, if equal to `title-short`)."),
    row("abstract", "`descriptions[].descriptionType`", "`Abstract`. JATS markup (`<jats:p>`, `<jats:italic>` …, as Crossref's CSL-JSON has it) is reduced to text as the Crossref XML reader reduces it: paragraphs separated by a blank line, the elements named (`markup.removed`), MathML flattened (`markup.math-flattened`); markup that is not well-formed is kept as written (`value.invalid`). Text without JATS is kept as written."),
    row("annote", "`descriptions[].description`", "descriptionType `Other`."),
    row("archive", "`contributors[].contributorType`", "An Organizational contributor of type `HostingInstitution`, the nearest role (`csl.role-approximated`)."),
    row("archive_collection", "–", "`field.unmapped`."),
    row("archive_location", "–", "`field.unmapped`."),
    row("archive-place", "–", "`field.unmapped`."),
    row("authority", "–", "`field.unmapped`."),
    row("call-number", "`alternateIdentifiers[].alternateIdentifierType`", "Type `Call number`."),
    row("chapter-number", "`relatedItems[].number`, `relatedItems[].numberType`", "The container's number, numberType `Chapter` (reported when `number` took the place)."),
    row("citation-number", "–", "Set by citation processors: `csl.processor-variable` (info)."),
    row("citation-label", "–", "Set by citation processors: `csl.processor-variable` (info)."),
    row("collection-number", "`relatedItems[].number`", "The series' number, numberType `Other`."),
    row("collection-title", "`relatedItems[].titles[].title`", "The series: a related item `IsPublishedIn` of type `Collection`, as the DataCite related-item guidance replaces SeriesInformation."),
    row("container-title", "`relatedItems[].titles[].title`", "The container: a related item `IsPublishedIn`, its type from the item type (see [Item types](#item-types)); it repeats the item's `publisher` and `publicationYear`, as the DataCite related-item guidance does."),
    row("container-title-short", "`relatedItems[].titles[].titleType`", "A container title of type `AlternativeTitle`."),
    row("dimensions", "`sizes[]`", "As written."),
    row("division", "–", "`field.unmapped`."),
    row("DOI", "`doi`", "A resolver prefix (`https://doi.org/`, `doi:`) is removed (`value.normalised`); a value that is no DOI is reported (`value.invalid`)."),
    row("edition", "`relatedItems[].edition`, `version`", "The container's edition; without a container, `version` (reported when `version` is given too)."),
    row("event", "`relatedItems[].titles[].title`", "Deprecated name of `event-title`; read when that is absent."),
    row("event-title", "`relatedItems[].relatedItemType`", "The event: a related item of type `Event`, relation `IsPartOf`."),
    row("event-place", "–", "`field.unmapped`: related items have no place."),
    row("first-reference-note-number", "–", "Set by citation processors: `csl.processor-variable` (info)."),
    row("genre", "`types.resourceType`", "Takes `resourceType` before the type's label (`csl.type-approximated` when that loses the exact CSL type). With type `article`, a genre that names a resourceTypeGeneral (`Collection`) or a preprint (`Working paper`) also gives `resourceTypeGeneral` (`csl.article-type`)."),
    row("ISBN", "`relatedItems[].relatedItemIdentifier.relatedItemIdentifier`, `relatedIdentifiers[].relatedIdentifier`, `alternateIdentifiers[].alternateIdentifier`", "For chapters, entries and conference papers the container's (first as its identifier, each also as a related identifier `IsPublishedIn`); otherwise the item's own alternate identifiers `ISBN`. Several ISBNs are split at `,` and `;`."),
    row("ISSN", "`relatedItems[].relatedItemIdentifier.relatedItemIdentifierType`, `relatedIdentifiers[].relatedIdentifierType`", "The container's (or, without one, the series'): first as its identifier, each also as a related identifier `IsPublishedIn`, as the DataCite guidance asks. A periodical's own ISSN is an alternate identifier. Split at `,`, `;` and spaces."),
    row("issue", "`relatedItems[].issue`", "The container's."),
    row("jurisdiction", "–", "`field.unmapped`."),
    row("keyword", "`subjects[].subject`", "Split at `,` and `;` outside parentheses (`csl.keywords-split`)."),
    row("locator", "–", "Set by citation processors: `csl.processor-variable` (info)."),
    row("medium", "`formats[]`", "As written."),
    row("note", "`descriptions[].description`", "descriptionType `Other`. Lines `variable: value` (and `{:variable: value}`) naming a CSL variable, as Zotero's Extra field holds them and citeproc-js reads them, are read as that variable unless the item gives it (`type` always); the rest is the note (`csl.note-variables`)."),
    row("number", "`relatedItems[].numberType`, `alternateIdentifiers[].alternateIdentifierType`", "The container's number (numberType `Report` for reports, `Article` for articles, else `Other`); without a container, an alternate identifier of type `Report number` (reports) or `Number`."),
    row("number-of-pages", "`sizes[]`", "`N pages`."),
    row("number-of-volumes", "`sizes[]`", "`N volumes`."),
    row("original-publisher", "`relatedItems[].publisher`", "The original's related item."),
    row("original-publisher-place", "–", "`field.unmapped`."),
    row("original-title", "`relatedItems[].relationType`", "The original's related item: `IsTranslationOf` when the item has a translator, else `IsVariantFormOf`; its type is the item's."),
    row("page", "`relatedItems[].firstPage`, `relatedItems[].lastPage`", "Split at the dash (`-`, `–`, `--`); an abbreviated last page is written in full (`123-45` → `145`, `value.normalised`); several ranges keep their outer bounds (`csl.page-range`)."),
    row("page-first", "`relatedItems[].firstPage`", "Used when `page` is absent; reported when it disagrees with `page`."),
    row("part", "–", "`field.unmapped`."),
    row("part-title", "–", "`field.unmapped`."),
    row("PMCID", "`alternateIdentifiers[].alternateIdentifierType`", "Type `PMCID`."),
    row("PMID", "`alternateIdentifiers[].alternateIdentifier`", "Type `PMID`."),
    row("printing", "–", "`field.unmapped`."),
    row("publisher", "`publisher`, `relatedItems[].publisher`", "The name; also the container's publisher."),
    row("publisher-place", "–", "`field.unmapped`: DataCite's publisher has no place."),
    row("references", "–", "`field.unmapped`."),
    row("reviewed-genre", "–", "`field.unmapped`: related items have no free-text type."),
    row("reviewed-title", "`relatedItems[].titles[].title`", "The reviewed work: a related item with relation `Reviews` (type `Book` for `review-book`, else `Other`)."),
    row("scale", "–", "`field.unmapped`."),
    row("section", "–", "`field.unmapped`."),
    row("source", "–", "`field.unmapped`."),
    row("status", "–", "`field.unmapped`."),
    row("supplement", "–", "`field.unmapped`."),
    row("title", "`titles[].title`", "The main title. Crossref's list form: the first is the main title, the others `AlternativeTitle`."),
    row("title-short", "`titles[].titleType`", "A title of type `AlternativeTitle`."),
    row("URL", "`url`", "The landing page. A DOI resolver URL is not a landing page: it gives `doi` (when absent) and is not used (`value.normalised`)."),
    row("version", "`version`", "As written."),
    row("volume", "`relatedItems[].volume`", "The container's."),
    row("volume-title", "–", "`field.unmapped`."),
    row("volume-title-short", "–", "`field.unmapped`."),
    row("year-suffix", "–", "Set by citation processors: `csl.processor-variable` (info)."),
    row("subject", "`subjects[].subject`", "Not in the schema (Crossref): a list of subjects."),
    row("subtitle", "`titles[].titleType`", "Not in the schema (Crossref): titles of type `Subtitle`."),
    row("short-container-title", "`relatedItems[].titles[].titleType`", "Not in the schema (Crossref): container titles of type `AlternativeTitle`."),
    row("short-title", "`titles[].titleType`", "Not in the schema (Crossref): titles of type `AlternativeTitle`."),
    row("funder", "`fundingReferences[]`", "Not in the schema (Crossref): `name` → funderName, `DOI` → funderIdentifier `https://doi.org/…` of type `Crossref Funder ID`, one reference per `award` (awardNumber); `doi-asserted-by` and `id` are read and not kept, other keys reported."),
    row("license", "`rightsList[].rightsUri`", "Not in the schema (Crossref): each distinct `URL`; `start`, `delay-in-days`, `content-version` are reported (`field.unmapped`)."),
    row("link", "`contentUrl[]`", "Not in the schema (Crossref): each distinct `URL` (its content type, version and intended application are read and not kept)."),
    row("indexed, created, deposited, published, published-print, published-online, reference-count, references-count, is-referenced-by-count, score, member, prefix, content-domain, relation, journal-issue, issn-type, isbn-type, resource, update-policy, assertion", "–", "Crossref's bookkeeping: `csl.crossref-bookkeeping` (info)."),
    row("any other key", "–", "`field.unmapped`, with its JSON pointer (keys whose value is `null`, `[]` or `{}` hold nothing and are passed over)."),
    row("author[].family", "`creators[].familyName`", "With the particles before it (`van Gogh`, `value.normalised`)."),
    row("author[].given", "`creators[].givenName`", ""),
    row("author[].dropping-particle", "`creators[].familyName`", "Joined to the family name."),
    row("author[].non-dropping-particle", "`creators[].familyName`", "Joined to the family name."),
    row("author[].suffix", "`creators[].name`", "After the given name: `King, Martin Luther, Jr.`."),
    row("author[].literal", "`creators[].name`, `creators[].nameType`", "Alone: the name, `Organizational`. With an `ORCID`: a person's name, `Personal`, split into family and given names by the splitter every reader shares (`people.name-split`; never when it reads like an organisation's). Beside family/given: checked against them, reported (`field.unmapped`) when it differs."),
    row("author[].comma-suffix", "–", "A rendering flag: `csl.processor-variable` (info)."),
    row("author[].static-ordering", "–", "A rendering flag: `csl.processor-variable` (info)."),
    row("author[].parse-names", "–", "A processing flag: `csl.processor-variable` (info)."),
    row("author[].ORCID", "`creators[].nameIdentifiers[].nameIdentifier`", "Not in the schema (Crossref): scheme `ORCID`, as written; makes the name `Personal`."),
    row("author[].authenticated-orcid", "–", "Not in the schema (Crossref): read and not kept; it says nothing about the work."),
    row("author[].affiliation", "`creators[].affiliation[].name`", "Not in the schema (Crossref): a list of `{\"name\": …}` or strings; other affiliation keys are reported."),
    row("author[].sequence", "–", "Not in the schema (Crossref): `first`/`additional`, which the list's order already says."),
    row("issued.date-parts", "`dates[].date`", "`YYYY`, `YYYY-MM`, `YYYY-MM-DD`; two lists give a range `start/end`; months 13–16 are seasons (`csl.date-converted`, info)."),
    row("issued.season", "`dates[].date`", "EDTF season `YYYY-21`…`YYYY-24` (1–4 or spring … winter)."),
    row("issued.circa", "`dates[].date`", "EDTF `~` after each end."),
    row("issued.raw", "`dates[].date`", "Kept when W3CDTF/EDTF; common free forms converted (`csl.date-converted`); else kept as written (`csl.date-unparsed`). Set aside when `date-parts` are given."),
    row("issued.literal", "`dates[].date`", "As `raw`."),
    row("issued.edtf", "`dates[].date`", "Not in 1.0.2 (the schema's later versions): as `raw`."),
];

/// Writing: every model property and the CSL key it becomes (or why it cannot).
pub const WRITE: &[Row] = &[
    row("type", "`types.resourceTypeGeneral`, `types.resourceType`", "`Types::derived().citeproc`, refined by a `resourceType` that is one of the labels of [Item types](#item-types) (with the matching general type). No type: `document` (`csl.write-no-type`)."),
    row("genre", "`types.resourceType`", "Unless it is a type label, or a Crossref type name (which `type` already says; `csl.write-type-name`, info). With type `article` and no other genre, the resourceTypeGeneral (`Collection`, `Preprint` …), so that the item reads back as that type."),
    row("id", "`doi`, `url`, `alternateIdentifiers[].alternateIdentifier`", "The record's citation key in its source (a CSL `id`, a BibTeX key, a RIS `ID`), when `crosswalk::write_record` passes one; else `https://doi.org/` + the DOI; else the URL; else the first alternate identifier; else `item-` + a hash of the record (stable). Unique in one output (`csl.id-disambiguated`)."),
    row("DOI", "`doi`", ""),
    row("URL", "`url`", ""),
    row("title", "`titles[].title`", "The first title without titleType, with the first `Subtitle` joined by `: ` (`csl.write-subtitle-joined`)."),
    row("title-short", "`titles[].titleType`", "The first `AlternativeTitle`; further titles (translated, other, more alternatives) and titles' languages are `write.unrepresentable`."),
    row("author", "`creators[]`", "`family`/`given` from familyName/givenName (a suffix from the name after them); a Personal name without parts is split at its first `, `; any other name is a `literal`. nameIdentifiers, affiliations and lang are `write.unrepresentable`."),
    row("editor", "`contributors[].contributorType`, `relatedItems[].contributors[].contributorType`", "`Editor` contributors, and the container's editors."),
    row("translator", "`contributors[].contributorType`", "`Translator`."),
    row("producer", "`contributors[].contributorType`", "`Producer`."),
    row("curator", "`contributors[].contributorType`", "`DataCurator`."),
    row("contributor", "`contributors[].contributorType`", "`Other`; any other contributorType too, its role reported (`write.unrepresentable`)."),
    row("archive", "`contributors[].contributorType`", "The first `HostingInstitution`'s name."),
    row("container-author", "`relatedItems[].creators[]`", "The container's creators."),
    row("collection-editor", "`relatedItems[].contributors[]`", "The series' editors."),
    row("reviewed-author", "`relatedItems[].creators[]`", "The reviewed work's creators."),
    row("original-author", "`relatedItems[].creators[]`", "The original's creators."),
    row("issued", "`dates[].dateType`, `publicationYear`", "The `Issued` date, else `publicationYear`. W3CDTF dates and ranges become `date-parts` (EDTF seasons `season`, `~` `circa`); other text `raw`."),
    row("available-date", "`dates[].dateType`", "`Available`."),
    row("submitted", "`dates[].dateType`", "`Submitted`."),
    row("accessed", "`dates[].dateInformation`", "`Other` dates with dateInformation `Accessed`."),
    row("event-date", "`dates[].dateInformation`", "`Other` dates with dateInformation `Event date`."),
    row("original-date", "`dates[].dateInformation`, `relatedItems[].publicationYear`", "`Other` dates with dateInformation `Original date`, else the original's publicationYear. Dates of other types (`Created`, `Updated`, `Collected` …) are `write.unrepresentable`."),
    row("container-title", "`relatedItems[].titles[].title`", "The first related item `IsPublishedIn` that is not a `Collection`."),
    row("container-title-short", "`relatedItems[].titles[].titleType`", "Its first `AlternativeTitle`."),
    row("volume", "`relatedItems[].volume`", ""),
    row("issue", "`relatedItems[].issue`", ""),
    row("page", "`relatedItems[].firstPage`, `relatedItems[].lastPage`", "`first-last`."),
    row("number", "`relatedItems[].number`, `alternateIdentifiers[].alternateIdentifierType`", "The container's number unless numberType `Chapter`; else an alternate identifier `Report number` or `Number`."),
    row("chapter-number", "`relatedItems[].numberType`", "The container's number of type `Chapter`."),
    row("edition", "`relatedItems[].edition`", "The container's."),
    row("collection-title", "`relatedItems[].relatedItemType`, `descriptions[].descriptionType`", "The related item `IsPublishedIn` of type `Collection`; else the first `SeriesInformation` description."),
    row("collection-number", "`relatedItems[].number`", "The series' number."),
    row("event-title", "`relatedItems[].relationType`", "The related item of type `Event`, relation `IsPartOf`."),
    row("reviewed-title", "`relatedItems[].relationType`", "The related item with relation `Reviews`."),
    row("original-title", "`relatedItems[].relationType`", "The related item `IsTranslationOf` or `IsVariantFormOf`."),
    row("original-publisher", "`relatedItems[].publisher`", "The original's publisher. Other related items are `write.unrepresentable`."),
    row("ISSN", "`relatedItems[].relatedItemIdentifier.relatedItemIdentifier`, `relatedIdentifiers[].relatedIdentifier`, `alternateIdentifiers[].alternateIdentifier`", "ISSN, EISSN and LISSN of related items, related identifiers `IsPublishedIn`/`IsPartOf`, and alternate identifiers `ISSN`, each once, joined with `, `."),
    row("ISBN", "`relatedItems[].relatedItemIdentifier.relatedItemIdentifierType`, `relatedIdentifiers[].relatedIdentifierType`, `alternateIdentifiers[].alternateIdentifierType`", "As ISSN. Other related identifiers are `write.unrepresentable`."),
    row("PMID", "`alternateIdentifiers[].alternateIdentifierType`", "Type `PMID`."),
    row("PMCID", "`alternateIdentifiers[].alternateIdentifierType`", "Type `PMCID`."),
    row("call-number", "`alternateIdentifiers[].alternateIdentifierType`", "Type `Call number`. Other alternate identifiers are `write.unrepresentable`."),
    row("publisher", "`publisher`", "The name; its identifier and language are `write.unrepresentable`. A container's publisher when the item has none."),
    row("language", "`language`", ""),
    row("categories", "`subjects[].subject`", "Schemes, URIs, codes and languages of subjects are `write.unrepresentable`."),
    row("abstract", "`descriptions[].descriptionType`", "The first `Abstract`."),
    row("note", "`descriptions[].description`", "The first `Other` description. Further descriptions, and Methods, TechnicalInfo, TableOfContents, are `write.unrepresentable`."),
    row("version", "`version`", ""),
    row("number-of-pages", "`sizes[]`", "A size `N pages`."),
    row("number-of-volumes", "`sizes[]`", "A size `N volumes`."),
    row("dimensions", "`sizes[]`", "The first other size; the rest are `write.unrepresentable`."),
    row("medium", "`formats[]`", "The first format; the rest are `write.unrepresentable`."),
    row("–", "`rightsList[]`, `fundingReferences[]`, `geoLocations[]`, `contentUrl[]`", "CSL 1.0.2 has no place for them: `write.unrepresentable`."),
];

/// The round trip model → CSL → model keeps these properties (for records whose values CSL can
/// hold: one main title, the contributor types above, W3CDTF dates …).
pub const ROUND_TRIP: &[&str] = &[
    "doi",
    "url",
    "types.resourceTypeGeneral",
    "types.resourceType",
    "titles[].title",
    "titles[].titleType",
    "creators[].name",
    "creators[].nameType",
    "creators[].givenName",
    "creators[].familyName",
    "contributors[].name",
    "contributors[].nameType",
    "contributors[].givenName",
    "contributors[].familyName",
    "contributors[].contributorType",
    "publisher",
    "publicationYear",
    "dates[].date",
    "dates[].dateType",
    "dates[].dateInformation",
    "language",
    "subjects[].subject",
    "descriptions[].description",
    "descriptions[].descriptionType",
    "version",
    "sizes[]",
    "formats[]",
    "alternateIdentifiers[].alternateIdentifier",
    "alternateIdentifiers[].alternateIdentifierType",
    "relatedIdentifiers[].relatedIdentifier",
    "relatedIdentifiers[].relatedIdentifierType",
    "relatedIdentifiers[].relationType",
    "relatedItems[].relatedItemType",
    "relatedItems[].relationType",
    "relatedItems[].relatedItemIdentifier.relatedItemIdentifier",
    "relatedItems[].relatedItemIdentifier.relatedItemIdentifierType",
    "relatedItems[].titles[].title",
    "relatedItems[].titles[].titleType",
    "relatedItems[].creators[].name",
    "relatedItems[].creators[].givenName",
    "relatedItems[].creators[].familyName",
    "relatedItems[].contributors[].name",
    "relatedItems[].contributors[].contributorType",
    "relatedItems[].publicationYear",
    "relatedItems[].volume",
    "relatedItems[].issue",
    "relatedItems[].number",
    "relatedItems[].numberType",
    "relatedItems[].firstPage",
    "relatedItems[].lastPage",
    "relatedItems[].publisher",
    "relatedItems[].edition",
];

/// Renders the generated part of `docs/crosswalks/citeproc.md`: the item types, the name roles
/// and both field tables.
pub fn render_tables() -> String {
    let mut out = String::new();
    out.push_str("## Item types\n\n");
    out.push_str(
        "| CSL type | resourceTypeGeneral | resourceType | container's relatedItemType |\n|---|---|---|---|\n",
    );
    for t in crate::types::ITEM_TYPES {
        out.push_str(&format!(
            "| `{}` | `{}` | {} | `{}` |\n",
            t.csl,
            t.general,
            t.label.map_or("–".to_owned(), |l| format!("`{l}`")),
            t.container
        ));
    }
    out.push_str("\n## Crossref types\n\nThe CSL-JSON that doi.org serves for Crossref DOIs often gives Crossref's work type id as `type` (`journal-article`, not `article-journal`). A `type` that is no CSL type but one of these ids is read with Crossref's own table (`crosswalk_rules::crossref_types::CROSSREF_TYPES`, shared with the Crossref XML reader), reported as `csl.crossref-type`: `resourceType` is the Crossref type name, so the derived citation types are Crossref's, and the container is that of the CSL type the id stands for.\n\n| `type` | resourceTypeGeneral | resourceType | read as CSL type | container's relatedItemType |\n|---|---|---|---|---|\n");
    for crossref in crosswalk_rules::crossref_types::CROSSREF_TYPES {
        let (_, item_type) = match crate::types::crossref_lookup(crossref.id) {
            Some(found) if crate::types::lookup(crossref.id).is_none() => found,
            // An id that is also a CSL type (`book`, `dataset`) is read as the CSL type.
            _ => continue,
        };
        out.push_str(&format!(
            "| `{}` | `{}` | `{}` | `{}` | `{}` |\n",
            crossref.id, crossref.general, crossref.resource_type, item_type.csl, item_type.container
        ));
    }
    out.push_str("\n## Name roles\n\n| CSL variable | goes to |\n|---|---|\n");
    for r in NAME_ROLES {
        let target = match &r.target {
            RoleTarget::Creators => "`creators`".to_owned(),
            RoleTarget::Contributor(t) => format!("`contributors`, contributorType `{t}`"),
            RoleTarget::Approximated(t) => {
                format!("`contributors`, contributorType `{t}` (nearest; `csl.role-approximated`)")
            }
            RoleTarget::RoleLost => "`contributors`, contributorType `Other` (role lost; `csl.role-lost`)".to_owned(),
            RoleTarget::ContainerCreators => "the container's `relatedItems[].creators`".to_owned(),
            RoleTarget::SeriesEditors => {
                "the series' `relatedItems[].contributors`, contributorType `Editor`".to_owned()
            }
            RoleTarget::ReviewedCreators => "the reviewed work's `relatedItems[].creators`".to_owned(),
            RoleTarget::OriginalCreators => "the original's `relatedItems[].creators`".to_owned(),
        };
        out.push_str(&format!("| `{}` | {target} |\n", r.variable));
    }
    out.push_str("\n## Reading: CSL → model\n\n| CSL | model | notes |\n|---|---|---|\n");
    for r in READ {
        out.push_str(&format!("| `{}` | {} | {} |\n", r.csl, r.model, r.note));
    }
    out.push_str("\n## Writing: model → CSL\n\n| CSL | model | notes |\n|---|---|---|\n");
    for r in WRITE {
        let csl = if r.csl == "–" { "–".to_owned() } else { format!("`{}`", r.csl) };
        out.push_str(&format!("| {csl} | {} | {} |\n", r.model, r.note));
    }
    out.push_str("\n## Round trip\n\nmodel → CSL → model keeps:\n\n");
    for p in ROUND_TRIP {
        out.push_str(&format!("- `{p}`\n"));
    }
    out
}

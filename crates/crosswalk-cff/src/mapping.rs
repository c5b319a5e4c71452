//! The crosswalk table: every key of CFF 1.2.0 and where it goes in the model, both ways.
//! `docs/crosswalks/cff.md` is generated from it and from [`crate::types::TYPES`]; the reader
//! dispatches on the same keys (a key without a row is reported as not CFF), and a test checks
//! that every row's key is read as its row says.

/// One row: a CFF key, the model property it becomes (`–` when not carried), how it is read,
/// and what the writer writes it from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The part of the file the key belongs to (a heading of the page).
    pub section: Section,
    /// The CFF key.
    pub key: &'static str,
    /// The model property (REST JSON path), or `–`.
    pub target: &'static str,
    /// How it is read, or why it is not carried.
    pub note: &'static str,
    /// What the writer writes it from (`–`: never written).
    pub written_from: &'static str,
}

/// The parts of a CITATION.cff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The keys of the document itself.
    Document,
    /// The keys of a person (`authors`, `contact`, a reference's people).
    Person,
    /// The keys of an entity (an organisation, a team, a conference).
    Entity,
    /// The keys of an item of `identifiers`.
    Identifier,
    /// The keys of a reference (`references`, `preferred-citation`).
    Reference,
}

impl Section {
    /// The heading of the section on the crosswalk page.
    pub fn heading(self) -> &'static str {
        match self {
            Section::Document => "The document",
            Section::Person => "Persons",
            Section::Entity => "Entities",
            Section::Identifier => "Identifiers",
            Section::Reference => "References and the preferred citation",
        }
    }

    /// Every section, in page order.
    pub const ALL: [Section; 5] =
        [Section::Document, Section::Person, Section::Entity, Section::Identifier, Section::Reference];
}

const fn row(
    section: Section,
    key: &'static str,
    target: &'static str,
    note: &'static str,
    written_from: &'static str,
) -> Row {
    Row { section, key, target, note, written_from }
}

use Section::{Document as D, Entity as E, Identifier as I, Person as P, Reference as R};

const NOT_CARRIED: &str = "DataCite has no place for it: not carried (`field.unmapped`).";

/// The crosswalk table.
pub const MAPPING: &[Row] = &[
    row(D, "cff-version", "–", "Must be `1.2.0`; another version (1.0.3, 1.1.0, whose keys 1.2.0 kept) is read as 1.2.0 with a warning (`cff.version`). The record's `origin.schema` is the version's schema URL.", "always `1.2.0`"),
    row(D, "message", "–", "What the authors ask of users; no place in DataCite (`cff.message`, info).", "the schema's default message (software or dataset)"),
    row(D, "type", "types.resourceTypeGeneral", "`software` → `Software`, `dataset` → `Dataset`; absent, CFF's default `software` (`cff.type`, info); any other value `Other`, kept as `resourceType` (`vocab.unknown`).", "`Software`, `Dataset`; any other type is written without `type` (which CFF reads as software) and reported"),
    row(D, "title", "titles[]", "The main title.", "the first title without `titleType`; other titles reported"),
    row(D, "authors", "creators[]", "Persons (`Personal`) and entities (`Organizational`), see below.", "creators: `Personal` (or with given or family name) as persons, others as entities"),
    row(D, "abstract", "descriptions[] (Abstract)", "", "the first `Abstract` (else the first description without type); others reported"),
    row(D, "commit", "descriptions[] (TechnicalInfo)", "DataCite has no commit: a `TechnicalInfo` description `Commit: <hash>` (`cff.commit`, info).", "a `TechnicalInfo` description `Commit: …`"),
    row(D, "contact", "contributors[] (ContactPerson)", "Persons and entities as `authors`, `contributorType` `ContactPerson`.", "contributors of type `ContactPerson`"),
    row(D, "date-released", "dates[] (Issued), publicationYear", "`YYYY-MM-DD` (a YAML date too: the text as written); the year is the `publicationYear`. Another form is kept with a warning (`value.invalid`).", "the first `Issued` date of the form `YYYY-MM-DD`; a year alone cannot be written (reported)"),
    row(D, "doi", "doi", "Without resolver (`value.normalised`); a value that is no DOI is kept as an alternate identifier (`value.invalid`).", "`doi`"),
    row(D, "identifiers", "doi, alternateIdentifiers[]", "See Identifiers below.", "alternate identifiers"),
    row(D, "keywords", "subjects[]", "One subject each, without scheme.", "subjects' text (schemes, URIs and classification codes reported)"),
    row(D, "license", "rightsList[]", "An SPDX identifier, or a list of them (alternatives: CFF reads a list as OR, `cff.license`, info): `rightsIdentifier` of scheme `SPDX`.", "rights with an SPDX `rightsIdentifier` (or an spdx.org or Creative Commons `rightsUri`); one is written as text, several as a list"),
    row(D, "license-url", "rightsList[].rightsUri", "A licence that is not on SPDX's list; an spdx.org or Creative Commons URL also gets its SPDX identifier.", "the first `rightsUri` without an SPDX identifier; rights given only as text are reported"),
    row(D, "repository-code", "relatedIdentifiers[] (URL, IsVersionOf)", "As the Codemeta reader reads `codeRepository`: DataCite's software guidance has a version be `IsVersionOf` its code repository.", "the first `URL` related identifier `IsVersionOf`"),
    row(D, "repository-artifact", "relatedIdentifiers[] (URL, IsVariantFormOf)", "The built artifact (a package, an image) is another form of the work.", "the first `URL` related identifier `IsVariantFormOf`"),
    row(D, "repository", "relatedIdentifiers[] (URL, Other)", "The work in another repository or archive: `relationType` `Other` with `relationTypeInformation` \"repository\".", "the first `URL` related identifier `Other` with that information"),
    row(D, "url", "url", "The landing page.", "`url`"),
    row(D, "version", "version", "As written (a YAML number keeps its spelling: `1.10` stays `1.10`).", "`version`"),
    row(D, "preferred-citation", "relatedItems[] (IsDescribedBy), relatedIdentifiers[]", "The record stays the software or dataset the file describes (its DOI, version and date are the file's); the work its authors ask to be cited instead (a paper) is a related item `IsDescribedBy`, read as a reference (below), and also a related identifier when it has a DOI (`cff.preferred-citation`, info).", "the first related item `IsDescribedBy`"),
    row(D, "references", "relatedItems[] (References)", "Each reference is a related item `References` (below).", "related items `References` or `Cites` (other related items reported)"),
    row(P, "family-names", "creators[].familyName", "With `name-particle` before it (`van der` + `Waals` → `van der Waals`).", "`familyName`"),
    row(P, "given-names", "creators[].givenName", "", "`givenName`"),
    row(P, "name-particle", "creators[].familyName", "Put before the family name, as DataCite writes it (`cff.name`, info).", "–"),
    row(P, "name-suffix", "creators[].name", "Kept in the name after the given names (`Family, Given, Jr.`): DataCite has no place of its own for it (`cff.name`, info).", "a name `Family, Given, Suffix`"),
    row(P, "orcid", "creators[].nameIdentifiers[] (ORCID)", "The URL as written, scheme `ORCID`, `schemeUri` `https://orcid.org`.", "an `ORCID` name identifier (as a URL)"),
    row(P, "affiliation", "creators[].affiliation[]", "One affiliation, by name (CFF has no affiliation identifiers).", "the first affiliation's name; further affiliations and affiliation identifiers reported"),
    row(P, "alias", "creators[].name", "The name of a person known only by an alias; beside names, not carried (`field.unmapped`).", "–"),
    row(P, "email", "–", "Not carried: DataCite holds no e-mail addresses (`field.unmapped`).", "–"),
    row(P, "website", "–", NOT_CARRIED, "–"),
    row(P, "address", "–", NOT_CARRIED, "–"),
    row(P, "city", "–", NOT_CARRIED, "–"),
    row(P, "region", "–", NOT_CARRIED, "–"),
    row(P, "post-code", "–", NOT_CARRIED, "–"),
    row(P, "country", "–", NOT_CARRIED, "–"),
    row(P, "tel", "–", NOT_CARRIED, "–"),
    row(P, "fax", "–", NOT_CARRIED, "–"),
    row(E, "name", "creators[].name (Organizational)", "", "the name of an `Organizational` creator (or one without parts)"),
    row(E, "website", "creators[].nameIdentifiers[] (ROR)", "A `https://ror.org/…` website is the entity's ROR identifier (`cff.ror`, info): CFF 1.2.0 has no ROR key. Another website is not carried (`field.unmapped`).", "a `ROR` name identifier, as its URL"),
    row(E, "orcid", "creators[].nameIdentifiers[] (ORCID)", "As for persons.", "an `ORCID` name identifier of an organisation"),
    row(E, "alias", "–", NOT_CARRIED, "–"),
    row(E, "email", "–", "Not carried: DataCite holds no e-mail addresses (`field.unmapped`).", "–"),
    row(E, "date-start", "–", "The dates of a conference or event: not carried (`field.unmapped`).", "–"),
    row(E, "date-end", "–", "The dates of a conference or event: not carried (`field.unmapped`).", "–"),
    row(E, "location", "–", NOT_CARRIED, "–"),
    row(E, "address", "–", NOT_CARRIED, "–"),
    row(E, "city", "–", NOT_CARRIED, "–"),
    row(E, "region", "–", NOT_CARRIED, "–"),
    row(E, "post-code", "–", NOT_CARRIED, "–"),
    row(E, "country", "–", NOT_CARRIED, "–"),
    row(E, "tel", "–", NOT_CARRIED, "–"),
    row(E, "fax", "–", NOT_CARRIED, "–"),
    row(I, "type", "alternateIdentifiers[].alternateIdentifierType", "`doi` → `DOI` (the first is the `doi` when the file has no `doi` key, and one equal to `doi` is not repeated), `url` → `URL`, `swh` → `SWHID`, `other` → `Other` (`cff.identifier`, info).", "`DOI` → `doi`, `URL` → `url`, `SWHID` → `swh` (when the value has the form CFF's schema gives it), any other → `other`"),
    row(I, "value", "alternateIdentifiers[].alternateIdentifier", "", "the identifier"),
    row(I, "description", "–", "Says what the identifier is (\"the concept DOI\"); DataCite has no place for it (`cff.identifier`, info).", "–"),
    row(R, "type", "relatedItems[].relatedItemType", "See the type table below; an unknown type is `Other` (`vocab.unknown`).", "`relatedItemType`"),
    row(R, "title", "relatedItems[].titles[]", "", "the first title"),
    row(R, "authors", "relatedItems[].creators[]", "Persons and entities, by name (`nameType`, given and family names); their ORCIDs and affiliations have no place in a related item (`field.unmapped`).", "creators"),
    row(R, "editors", "relatedItems[].contributors[] (Editor)", "", "contributors `Editor`"),
    row(R, "translators", "relatedItems[].contributors[] (Translator)", "", "contributors `Translator`"),
    row(R, "year", "relatedItems[].publicationYear", "", "`publicationYear`"),
    row(R, "date-published", "relatedItems[].publicationYear", "Its year, when no `year` is given.", "–"),
    row(R, "doi", "relatedItems[].relatedItemIdentifier (DOI), relatedIdentifiers[]", "The related item's identifier; also a related identifier with the item's relation type, which DataCite's services index.", "a `DOI` identifier"),
    row(R, "url", "relatedItems[].relatedItemIdentifier (URL)", "When the reference has no DOI; else not carried (`field.unmapped`).", "a `URL` identifier"),
    row(R, "isbn", "relatedItems[].relatedItemIdentifier (ISBN)", "When the reference has no DOI or URL.", "an `ISBN` identifier"),
    row(R, "issn", "relatedItems[].relatedItemIdentifier (ISSN)", "When the reference has no DOI, URL or ISBN (the journal's: DataCite's related item has no place for a container's identifier).", "an `ISSN` identifier"),
    row(R, "identifiers", "relatedItems[].relatedItemIdentifier", "The first, when the reference has no `doi`, `url`, `isbn` or `issn`; the others not carried.", "–"),
    row(R, "volume", "relatedItems[].volume", "", "`volume`"),
    row(R, "issue", "relatedItems[].issue", "", "`issue`"),
    row(R, "start", "relatedItems[].firstPage", "", "`firstPage`"),
    row(R, "end", "relatedItems[].lastPage", "", "`lastPage`"),
    row(R, "number", "relatedItems[].number", "", "`number`"),
    row(R, "edition", "relatedItems[].edition", "", "`edition`"),
    row(R, "publisher", "relatedItems[].publisher", "An entity: its name.", "`publisher` (as an entity)"),
    row(R, "abbreviation", "–", NOT_CARRIED, "–"),
    row(R, "abstract", "–", NOT_CARRIED, "–"),
    row(R, "collection-doi", "–", NOT_CARRIED, "–"),
    row(R, "collection-title", "–", "The book or collection it is in: DataCite's related item has no container title (`field.unmapped`).", "–"),
    row(R, "collection-type", "–", NOT_CARRIED, "–"),
    row(R, "commit", "–", NOT_CARRIED, "–"),
    row(R, "conference", "–", NOT_CARRIED, "–"),
    row(R, "contact", "–", NOT_CARRIED, "–"),
    row(R, "copyright", "–", NOT_CARRIED, "–"),
    row(R, "data-type", "–", NOT_CARRIED, "–"),
    row(R, "database", "–", NOT_CARRIED, "–"),
    row(R, "database-provider", "–", NOT_CARRIED, "–"),
    row(R, "date-accessed", "–", NOT_CARRIED, "–"),
    row(R, "date-downloaded", "–", NOT_CARRIED, "–"),
    row(R, "date-released", "relatedItems[].publicationYear", "Its year, when no `year` or `date-published` is given.", "–"),
    row(R, "department", "–", NOT_CARRIED, "–"),
    row(R, "editors-series", "–", NOT_CARRIED, "–"),
    row(R, "entry", "–", NOT_CARRIED, "–"),
    row(R, "filename", "–", NOT_CARRIED, "–"),
    row(R, "format", "–", NOT_CARRIED, "–"),
    row(R, "institution", "–", NOT_CARRIED, "–"),
    row(R, "issue-date", "–", NOT_CARRIED, "–"),
    row(R, "issue-title", "–", NOT_CARRIED, "–"),
    row(R, "journal", "–", "The journal an article is in: DataCite's related item has no container title (`field.unmapped`).", "–"),
    row(R, "keywords", "–", NOT_CARRIED, "–"),
    row(R, "languages", "–", NOT_CARRIED, "–"),
    row(R, "license", "–", NOT_CARRIED, "–"),
    row(R, "license-url", "–", NOT_CARRIED, "–"),
    row(R, "loc-start", "–", NOT_CARRIED, "–"),
    row(R, "loc-end", "–", NOT_CARRIED, "–"),
    row(R, "location", "–", NOT_CARRIED, "–"),
    row(R, "medium", "–", NOT_CARRIED, "–"),
    row(R, "month", "–", NOT_CARRIED, "–"),
    row(R, "nihmsid", "–", NOT_CARRIED, "–"),
    row(R, "notes", "–", NOT_CARRIED, "–"),
    row(R, "number-volumes", "–", NOT_CARRIED, "–"),
    row(R, "pages", "–", "The number of pages: not carried (`field.unmapped`).", "–"),
    row(R, "patent-states", "–", NOT_CARRIED, "–"),
    row(R, "pmcid", "–", NOT_CARRIED, "–"),
    row(R, "recipients", "–", NOT_CARRIED, "–"),
    row(R, "repository", "–", NOT_CARRIED, "–"),
    row(R, "repository-artifact", "–", NOT_CARRIED, "–"),
    row(R, "repository-code", "–", NOT_CARRIED, "–"),
    row(R, "scope", "–", NOT_CARRIED, "–"),
    row(R, "section", "–", NOT_CARRIED, "–"),
    row(R, "senders", "–", NOT_CARRIED, "–"),
    row(R, "status", "–", NOT_CARRIED, "–"),
    row(R, "term", "–", NOT_CARRIED, "–"),
    row(R, "thesis-type", "–", NOT_CARRIED, "–"),
    row(R, "version", "–", NOT_CARRIED, "–"),
    row(R, "volume-title", "–", NOT_CARRIED, "–"),
    row(R, "year-original", "–", NOT_CARRIED, "–"),
];

/// The row of `key` in `section`.
pub fn row_of(section: Section, key: &str) -> Option<&'static Row> {
    MAPPING.iter().find(|r| r.section == section && r.key == key)
}

/// Every key of a section.
pub fn keys(section: Section) -> impl Iterator<Item = &'static str> {
    MAPPING.iter().filter(move |r| r.section == section).map(|r| r.key)
}

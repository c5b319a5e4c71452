//! The properties the readers understand: one table that drives the readers' dispatch and
//! generates the mapping tables of the crosswalk pages (`docs/crosswalks/schema-org.md`,
//! `codemeta.md`), so the pages cannot drift from the code.

use crosswalk_model::RelationType;

/// Which vocabulary a property name belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocab {
    /// A Schema.org property (read in Schema.org and Codemeta documents).
    SchemaOrg,
    /// A Codemeta 2.0/3.0 term (read in Codemeta documents, or with the `codemeta:` prefix).
    Codemeta,
    /// A Codemeta 1.0 term (read in Codemeta documents; reported as a legacy term).
    Codemeta1,
}

impl Vocab {
    /// The vocabulary's name on the crosswalk pages.
    pub fn label(self) -> &'static str {
        match self {
            Vocab::SchemaOrg => "schema.org",
            Vocab::Codemeta => "codemeta",
            Vocab::Codemeta1 => "codemeta 1.0",
        }
    }
}

/// A relation property: the relation type it stands for, the one its `@reverse` stands for, and
/// the `relationTypeInformation` that tells it apart from another property of the same type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rel {
    pub forward: RelationType,
    pub reverse: RelationType,
    pub information: Option<&'static str>,
}

const fn rel(forward: RelationType, reverse: RelationType) -> Rel {
    Rel { forward, reverse, information: None }
}

const fn rel_info(forward: RelationType, reverse: RelationType, information: &'static str) -> Rel {
    Rel { forward, reverse, information: Some(information) }
}

/// What the reader does with a property.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum P {
    Identifier,
    Url,
    Name,
    Headline,
    AlternateName,
    Description,
    Abstract,
    DisambiguatingDescription,
    AdditionalType,
    MeasurementTechnique,
    Creator,
    Agents,
    Contributor,
    Editor,
    Translator,
    Producer,
    Sponsor,
    CopyrightHolder,
    Maintainer,
    Provider,
    Publisher,
    Funder,
    Funding,
    DatePublished,
    DateCreated,
    DateModified,
    CopyrightYear,
    TemporalCoverage,
    EmbargoEnd,
    Keywords,
    About,
    Category,
    Language,
    License,
    LicenseId,
    RightsStatement,
    Relation(Rel),
    IsPartOf,
    Relationship,
    DataCatalog,
    Periodical,
    PageStart,
    PageEnd,
    Pagination,
    VolumeNumber,
    IssueNumber,
    Isbn,
    Issn,
    Spatial,
    ContentUrl,
    ContentSize,
    EncodingFormat,
    Distribution,
    Version,
    SoftwareVersion,
    ProgrammingLanguage,
    TechnicalInfo(&'static str),
    SchemaVersion,
    MainEntity,
}

/// One row of a mapping table: a source property and where it goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropertyDoc {
    /// The property as written in a document (without prefix).
    pub property: &'static str,
    /// Its vocabulary.
    pub vocab: Vocab,
    /// The model properties it fills (REST JSON paths, `[]` for lists).
    pub target: &'static str,
    /// How it is read.
    pub note: &'static str,
}

struct Row {
    property: &'static str,
    vocab: Vocab,
    p: P,
    target: &'static str,
    note: &'static str,
}

const fn row(property: &'static str, vocab: Vocab, p: P, target: &'static str, note: &'static str) -> Row {
    Row { property, vocab, p, target, note }
}

use RelationType as R;
use Vocab::{Codemeta as CM, Codemeta1 as CM1, SchemaOrg as SO};

/// The software properties DataCite has no property for, kept as `TechnicalInfo` descriptions
/// that start with their label (`Operating system: Linux`); the writers turn them back.
pub(crate) const TECHNICAL_LABELS: &[(&str, &str)] = &[
    ("runtimePlatform", "Runtime platform"),
    ("operatingSystem", "Operating system"),
    ("processorRequirements", "Processor requirements"),
    ("memoryRequirements", "Memory requirements"),
    ("storageRequirements", "Storage requirements"),
    ("permissions", "Permissions"),
    ("releaseNotes", "Release notes"),
    ("developmentStatus", "Development status"),
];

const TABLE: &[Row] = &[
    row("@id", SO, P::Identifier, "`doi` or `alternateIdentifiers[]`", "A DOI (any resolver form) is the DOI; an http(s) IRI is an alternate identifier of type `URL`; a blank-node or relative identifier only links nodes of the document."),
    row("identifier", SO, P::Identifier, "`doi` or `alternateIdentifiers[]`", "A string, an `@id` reference or a `PropertyValue` (`propertyID` → type, `value`). A DOI becomes the DOI (a second, different DOI an alternate identifier); other values are typed from their form (URL, ARK, URN, Handle, ISBN, ISSN) or their `propertyID`."),
    row("url", SO, P::Url, "`url`", "The landing page. A DOI's resolver address (`https://doi.org/10.…`, as Dataverse writes) is no landing page: it is the DOI when `identifier` and `@id` give none, nothing more when it repeats the DOI, an alternate identifier (`field.repeated`) when it names another DOI; reported (`value.normalised`)."),
    row("name", SO, P::Name, "`titles[].title`", "The first is the main title; more names are alternative titles, or translated titles when their `@language` differs."),
    row("headline", SO, P::Headline, "`titles[].title`", "The main title when there is no `name`; else an alternative title (left out when equal to the name)."),
    row("alternateName", SO, P::AlternateName, "`titles[].title` (`AlternativeTitle`)", ""),
    row("alternativeHeadline", SO, P::AlternateName, "`titles[].title` (`AlternativeTitle`)", ""),
    row("description", SO, P::Description, "`descriptions[]` (`Abstract`)", "One description per value; `@language` → `lang`."),
    row("abstract", SO, P::Abstract, "`descriptions[]` (`Abstract`)", "Left out when equal to a `description`."),
    row("disambiguatingDescription", SO, P::DisambiguatingDescription, "`descriptions[]` (`Other`)", ""),
    row("measurementTechnique", SO, P::MeasurementTechnique, "`descriptions[]` (`Methods`)", "Text, or a `DefinedTerm`'s name."),
    row("@type", SO, P::AdditionalType, "`types.resourceTypeGeneral`, `types.resourceType`", "See [Types](#types). With several types, the first known one decides."),
    row("additionalType", SO, P::AdditionalType, "`types.resourceType`", "A DataCite `resourceTypeGeneral` name that derives the `@type` sets the general type instead."),
    row("author", SO, P::Creator, "`creators[]`", "See [Agents](#agents)."),
    row("creator", SO, P::Creator, "`creators[]`", "After the authors; a name already listed is not repeated."),
    row("contributor", SO, P::Contributor, "`contributors[]` (`Other`)", "A `Role` with a `roleName` that is a DataCite contributor type gives that type."),
    row("editor", SO, P::Editor, "`contributors[]` (`Editor`)", "A work with editors and no `author` or `creator` has its editors as creators too (`people.editors-as-creators`, the rule every reader shares)."),
    row("translator", SO, P::Translator, "`contributors[]` (`Translator`)", ""),
    row("producer", SO, P::Producer, "`contributors[]` (`Producer`)", ""),
    row("sponsor", SO, P::Sponsor, "`contributors[]` (`Sponsor`)", ""),
    row("copyrightHolder", SO, P::CopyrightHolder, "`contributors[]` (`RightsHolder`)", ""),
    row("maintainer", SO, P::Maintainer, "`contributors[]` (`ContactPerson`)", "Also the Codemeta term."),
    row("provider", SO, P::Provider, "`contributors[]` (`Distributor`)", "A provider named DataCite, Crossref or another DOI registration agency names the agency, not a contributor: it is reported and left out."),
    row("publisher", SO, P::Publisher, "`publisher`", "A name, or an `Organization` (`name`; `@id`/`identifier` → `publisherIdentifier`, a ROR with its scheme)."),
    row("funder", SO, P::Funder, "`fundingReferences[]`", "`name` → `funderName`; `@id`/`identifier` → `funderIdentifier`, typed Crossref Funder ID, ROR, ISNI or GRID from its form (or `Other`)."),
    row("funding", SO, P::Funding, "`fundingReferences[]`", "A `Grant`/`MonetaryGrant`: `funder` → funder, `identifier` → `awardNumber`, `name` → `awardTitle`, `url`/`@id` → `awardUri`. Codemeta's text form: see the Codemeta page."),
    row("datePublished", SO, P::DatePublished, "`dates[]` (`Issued`), `publicationYear`", "The year is the date's first four digits."),
    row("dateCreated", SO, P::DateCreated, "`dates[]` (`Created`)", ""),
    row("dateModified", SO, P::DateModified, "`dates[]` (`Updated`)", ""),
    row("copyrightYear", SO, P::CopyrightYear, "`dates[]` (`Copyrighted`)", ""),
    row("temporalCoverage", SO, P::TemporalCoverage, "`dates[]` (`Coverage`)", "Kept as written (an interval `start/end`, `..` for open ends)."),
    row("temporal", SO, P::TemporalCoverage, "`dates[]` (`Coverage`)", ""),
    row("keywords", SO, P::Keywords, "`subjects[]`", "A list, or a comma-separated text split at commas outside parentheses and brackets; a `DefinedTerm` gives `subject`, `inDefinedTermSet` → `schemeUri` (or `subjectScheme` when not a URL), `termCode` → `classificationCode`, `@id`/`url` → `valueUri`."),
    row("about", SO, P::About, "`subjects[]`", "Text or a `Thing`/`DefinedTerm`, read like a keyword."),
    row("applicationCategory", SO, P::Category, "`subjects[]`", ""),
    row("applicationSubCategory", SO, P::Category, "`subjects[]`", ""),
    row("inLanguage", SO, P::Language, "`language`", "A language code, or a `Language` (`alternateName`, else `name`). A second language is reported as lost."),
    row("language", SO, P::Language, "`language`", "Superseded by `inLanguage`."),
    row("license", SO, P::License, "`rightsList[]`", "A URL → `rightsUri` (an spdx.org licence URL also gives the SPDX identifier); an SPDX identifier → `rightsIdentifier` with scheme SPDX; other text → `rights`; a `CreativeWork` → `name` as `rights`, `url`/`@id` as `rightsUri`, `identifier` as `rightsIdentifier`."),
    row("copyrightNotice", SO, P::RightsStatement, "`rightsList[].rights`", ""),
    row("conditionsOfAccess", SO, P::RightsStatement, "`rightsList[].rights`", ""),
    row("citation", SO, P::Relation(rel(R::References, R::IsReferencedBy)), "`relatedIdentifiers[]` (`References`)", "See [Relations](#relations)."),
    row("isBasedOn", SO, P::Relation(rel(R::IsDerivedFrom, R::IsSourceOf)), "`relatedIdentifiers[]` (`IsDerivedFrom`)", "Schema.org's meaning (\"a resource from which this work is derived\"); the Ruby converter reads `IsSupplementedBy`."),
    row("isBasedOnUrl", SO, P::Relation(rel(R::IsDerivedFrom, R::IsSourceOf)), "`relatedIdentifiers[]` (`IsDerivedFrom`)", "Superseded by `isBasedOn`."),
    row("sameAs", SO, P::Relation(rel(R::IsIdenticalTo, R::IsIdenticalTo)), "`relatedIdentifiers[]` (`IsIdenticalTo`)", ""),
    row("archivedAt", SO, P::Relation(rel(R::IsIdenticalTo, R::IsIdenticalTo)), "`relatedIdentifiers[]` (`IsIdenticalTo`)", ""),
    row("isPartOf", SO, P::IsPartOf, "`relatedIdentifiers[]` (`IsPartOf`) or `relatedItems[]`", "A reference → `IsPartOf`; a described container (a `Periodical`, `PublicationIssue`, `PublicationVolume`, `Book`, series …) → a related item `IsPublishedIn` (see [Containers](#containers)); another described work → a related item `IsPartOf`."),
    row("hasPart", SO, P::Relation(rel(R::HasPart, R::IsPartOf)), "`relatedIdentifiers[]` (`HasPart`)", ""),
    row("workTranslation", SO, P::Relation(rel(R::HasTranslation, R::IsTranslationOf)), "`relatedIdentifiers[]` (`HasTranslation`)", ""),
    row("translationOfWork", SO, P::Relation(rel(R::IsTranslationOf, R::HasTranslation)), "`relatedIdentifiers[]` (`IsTranslationOf`)", ""),
    row("workExample", SO, P::Relation(rel(R::HasVersion, R::IsVersionOf)), "`relatedIdentifiers[]` (`HasVersion`)", ""),
    row("exampleOfWork", SO, P::Relation(rel(R::IsVersionOf, R::HasVersion)), "`relatedIdentifiers[]` (`IsVersionOf`)", ""),
    row("subjectOf", SO, P::Relation(rel(R::IsDescribedBy, R::Describes)), "`relatedIdentifiers[]` (`IsDescribedBy`)", ""),
    row("review", SO, P::Relation(rel(R::IsReviewedBy, R::Reviews)), "`relatedIdentifiers[]` (`IsReviewedBy`)", ""),
    row("itemReviewed", SO, P::Relation(rel(R::Reviews, R::IsReviewedBy)), "`relatedIdentifiers[]` (`Reviews`)", ""),
    row("codeRepository", SO, P::Relation(rel(R::IsVersionOf, R::HasVersion)), "`relatedIdentifiers[]` (`IsVersionOf`)", "DataCite's software guidance: a version is `IsVersionOf` its code repository."),
    row("softwareRequirements", SO, P::Relation(rel(R::Requires, R::IsRequiredBy)), "`relatedIdentifiers[]` (`Requires`)", "A requirement without identifier (`numpy>=1.20`) is a related item of type Software."),
    row("softwareHelp", SO, P::Relation(rel(R::IsDocumentedBy, R::Documents)), "`relatedIdentifiers[]` (`IsDocumentedBy`)", ""),
    row("includedInDataCatalog", SO, P::DataCatalog, "`relatedItems[]` (`IsPublishedIn`, `Collection`)", "`name` → title, `url`/`@id` → identifier. A catalog known only by its identifier is a related identifier `IsPublishedIn`."),
    row("pageStart", SO, P::PageStart, "`relatedItems[].firstPage`", "Of the container (see [Containers](#containers))."),
    row("pageEnd", SO, P::PageEnd, "`relatedItems[].lastPage`", "Of the container."),
    row("pagination", SO, P::Pagination, "`relatedItems[].firstPage`, `lastPage`", "`12-34` is split at the dash; one page is the first page."),
    row("volumeNumber", SO, P::VolumeNumber, "`relatedItems[].volume`", "Of the container."),
    row("issueNumber", SO, P::IssueNumber, "`relatedItems[].issue`", "Of the container."),
    row("isbn", SO, P::Isbn, "`alternateIdentifiers[]` (`ISBN`)", ""),
    row("issn", SO, P::Issn, "`alternateIdentifiers[]` (`ISSN`)", ""),
    row("spatialCoverage", SO, P::Spatial, "`geoLocations[]`", "See [Places](#places)."),
    row("spatial", SO, P::Spatial, "`geoLocations[]`", ""),
    row("contentLocation", SO, P::Spatial, "`geoLocations[]`", ""),
    row("contentUrl", SO, P::ContentUrl, "`contentUrl[]`", ""),
    row("downloadUrl", SO, P::ContentUrl, "`contentUrl[]`", ""),
    row("contentSize", SO, P::ContentSize, "`sizes[]`", ""),
    row("fileSize", SO, P::ContentSize, "`sizes[]`", ""),
    row("encodingFormat", SO, P::EncodingFormat, "`formats[]`", ""),
    row("fileFormat", SO, P::EncodingFormat, "`formats[]`", ""),
    row("distribution", SO, P::Distribution, "`contentUrl[]`, `formats[]`, `sizes[]`", "Each `DataDownload`: `contentUrl` (else its `url`/`@id`), `encodingFormat`/`fileFormat`, `contentSize`."),
    row("encoding", SO, P::Distribution, "`contentUrl[]`, `formats[]`, `sizes[]`", "Each `MediaObject`, read like a distribution."),
    row("associatedMedia", SO, P::Distribution, "`contentUrl[]`, `formats[]`, `sizes[]`", ""),
    row("version", SO, P::Version, "`version`", "A number keeps its spelling (`1.0`)."),
    row("softwareVersion", SO, P::SoftwareVersion, "`version`", "When it differs from `version`, it is reported as lost."),
    row("programmingLanguage", SO, P::ProgrammingLanguage, "`formats[]`", "Text or a `ComputerLanguage`'s `name` (the Codemeta–DataCite crosswalk)."),
    row("runtimePlatform", SO, P::TechnicalInfo("runtimePlatform"), "`descriptions[]` (`TechnicalInfo`)", "As `Runtime platform: …`."),
    row("operatingSystem", SO, P::TechnicalInfo("operatingSystem"), "`descriptions[]` (`TechnicalInfo`)", "As `Operating system: …`."),
    row("processorRequirements", SO, P::TechnicalInfo("processorRequirements"), "`descriptions[]` (`TechnicalInfo`)", "As `Processor requirements: …`."),
    row("memoryRequirements", SO, P::TechnicalInfo("memoryRequirements"), "`descriptions[]` (`TechnicalInfo`)", "As `Memory requirements: …`."),
    row("storageRequirements", SO, P::TechnicalInfo("storageRequirements"), "`descriptions[]` (`TechnicalInfo`)", "As `Storage requirements: …`."),
    row("permissions", SO, P::TechnicalInfo("permissions"), "`descriptions[]` (`TechnicalInfo`)", "As `Permissions: …`."),
    row("releaseNotes", SO, P::TechnicalInfo("releaseNotes"), "`descriptions[]` (`TechnicalInfo`)", "As `Release notes: …`."),
    row("schemaVersion", SO, P::SchemaVersion, "the record's origin (`schema`)", "DataCite's Schema.org output names its kernel here; it is not metadata of the resource."),
    row("mainEntity", SO, P::MainEntity, "the record", "Of a `WebPage` (or other page type) at the top: the described work is read as the record."),
    // Codemeta 2.0 and 3.0
    row("softwareSuggestions", CM, P::Relation(rel_info(R::Other, R::Other, "softwareSuggestions")), "`relatedIdentifiers[]` (`Other`, `softwareSuggestions`)", "The relation type information names the Codemeta term."),
    row("issueTracker", CM, P::Relation(rel_info(R::Other, R::Other, "issueTracker")), "`relatedIdentifiers[]` (`Other`, `issueTracker`)", ""),
    row("contIntegration", CM, P::Relation(rel_info(R::Other, R::Other, "continuousIntegration")), "`relatedIdentifiers[]` (`Other`, `continuousIntegration`)", "The 2.0 name of `continuousIntegration`."),
    row("continuousIntegration", CM, P::Relation(rel_info(R::Other, R::Other, "continuousIntegration")), "`relatedIdentifiers[]` (`Other`, `continuousIntegration`)", ""),
    row("readme", CM, P::Relation(rel_info(R::IsDocumentedBy, R::Documents, "readme")), "`relatedIdentifiers[]` (`IsDocumentedBy`, `readme`)", ""),
    row("buildInstructions", CM, P::Relation(rel_info(R::IsDocumentedBy, R::Documents, "buildInstructions")), "`relatedIdentifiers[]` (`IsDocumentedBy`, `buildInstructions`)", ""),
    row("referencePublication", CM, P::Relation(rel(R::IsDescribedBy, R::Describes)), "`relatedIdentifiers[]` (`IsDescribedBy`)", "A publication without identifier is a related item."),
    row("relatedLink", SO, P::Relation(rel_info(R::Other, R::Other, "relatedLink")), "`relatedIdentifiers[]` (`Other`, `relatedLink`)", ""),
    row("hasSourceCode", CM, P::Relation(rel_info(R::Other, R::Other, "hasSourceCode")), "`relatedIdentifiers[]` (`Other`, `hasSourceCode`)", "Codemeta 3.0."),
    row("isSourceCodeOf", CM, P::Relation(rel_info(R::Other, R::Other, "isSourceCodeOf")), "`relatedIdentifiers[]` (`Other`, `isSourceCodeOf`)", "Codemeta 3.0."),
    row("developmentStatus", CM, P::TechnicalInfo("developmentStatus"), "`descriptions[]` (`TechnicalInfo`)", "As `Development status: …`."),
    row("embargoDate", CM, P::EmbargoEnd, "`dates[]` (`Available`)", "The 2.0 name of `embargoEndDate`."),
    row("embargoEndDate", CM, P::EmbargoEnd, "`dates[]` (`Available`)", "The date the embargo ends is the date the software is available."),
    row("funding", CM, P::Funding, "`fundingReferences[]`", "Text (Codemeta 1.0–3.0): paired with the funders by position as `awardNumber`; with no funder, the text is the `funderName` (reported)."),
    // Codemeta 1.0
    row("agents", CM1, P::Agents, "`creators[]`, `contributors[]`", "An agent with `mustBeCited`, or a role `author`, `originator` or `principalInvestigator`, is a creator; the others are contributors typed by their role code; `isRightsHolder` adds a `RightsHolder`, `isMaintainer` a `ContactPerson`."),
    row("authors", CM1, P::Agents, "`creators[]`, `contributors[]`", "Read like `agents` (an agent without flags or roles is a creator)."),
    row("title", CM1, P::Name, "`titles[].title`", ""),
    row("tags", CM1, P::Keywords, "`subjects[]`", ""),
    row("controlledTerms", CM1, P::Keywords, "`subjects[]`", ""),
    row("licenseId", CM1, P::LicenseId, "`rightsList[]`", "An SPDX identifier."),
    row("depends", CM1, P::Relation(rel(R::Requires, R::IsRequiredBy)), "`relatedIdentifiers[]` (`Requires`)", ""),
    row("suggests", CM1, P::Relation(rel_info(R::Other, R::Other, "softwareSuggestions")), "`relatedIdentifiers[]` (`Other`, `softwareSuggestions`)", ""),
    row("downloadLink", CM1, P::ContentUrl, "`contentUrl[]`", ""),
    row("zippedCode", CM1, P::ContentUrl, "`contentUrl[]`", ""),
    row("uploadedBy", CM1, P::Maintainer, "`contributors[]` (`ContactPerson`)", ""),
    row("relatedPublications", CM1, P::Relation(rel(R::IsDescribedBy, R::Describes)), "`relatedIdentifiers[]` (`IsDescribedBy`)", ""),
    row("softwarePaperCitationIdentifiers", CM1, P::Relation(rel(R::IsDescribedBy, R::Describes)), "`relatedIdentifiers[]` (`IsDescribedBy`)", ""),
    row("relationship", CM1, P::Relationship, "`relatedIdentifiers[]`", "`relationshipType` → `relationType` (matched loosely), `relatedIdentifier`, `relatedIdentifierType` (typed from the value when not a DataCite type)."),
    row("operatingSystems", CM1, P::TechnicalInfo("operatingSystem"), "`descriptions[]` (`TechnicalInfo`)", "As `Operating system: …`."),
    row("periodical", SO, P::Periodical, "`relatedItems[]` (`IsPublishedIn`)", "Not Schema.org: the Ruby converter's name for the journal; read like a container."),
];

/// The property a key of the given vocabulary names, with the vocabulary it was found in.
/// Schema.org names are found in every profile; Codemeta names only when `codemeta` is true
/// (a Codemeta context, or an explicit `codemeta:` prefix).
pub(crate) fn lookup(name: &str, schema_org: bool, codemeta: bool) -> Option<(&'static P, Vocab)> {
    // A name may be in both vocabularies (`funding`): in a Codemeta document the Codemeta
    // reading wins, since it accepts both its forms.
    let mut found = None;
    for row in TABLE {
        if row.property != name {
            continue;
        }
        let accepted = match row.vocab {
            Vocab::SchemaOrg => schema_org,
            Vocab::Codemeta | Vocab::Codemeta1 => codemeta,
        };
        if accepted {
            found = Some((&row.p, row.vocab));
            if row.vocab != Vocab::SchemaOrg {
                break;
            }
        }
    }
    found
}

/// Every Schema.org property the Schema.org reader maps, with its target and notes.
pub fn schema_org_properties() -> impl Iterator<Item = PropertyDoc> {
    TABLE.iter().filter(|r| r.vocab == Vocab::SchemaOrg).map(doc)
}

/// Every property the Codemeta reader maps beyond Schema.org's (Codemeta 2.0/3.0 and 1.0 terms).
pub fn codemeta_properties() -> impl Iterator<Item = PropertyDoc> {
    TABLE.iter().filter(|r| r.vocab != Vocab::SchemaOrg).map(doc)
}

fn doc(row: &Row) -> PropertyDoc {
    PropertyDoc { property: row.property, vocab: row.vocab, target: row.target, note: row.note }
}

/// The mapping table of a crosswalk page, as Markdown.
pub fn markdown_table(rows: impl Iterator<Item = PropertyDoc>) -> String {
    let mut out = String::from("| Property | Vocabulary | DataCite (REST JSON) | Notes |\n|---|---|---|---|\n");
    for row in rows {
        let note = if row.note.is_empty() { "–" } else { row.note };
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", row.property, row.vocab.label(), row.target, note));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_the_vocabulary() {
        assert!(matches!(lookup("name", true, false), Some((P::Name, Vocab::SchemaOrg))));
        assert!(lookup("issueTracker", true, false).is_none());
        assert!(matches!(lookup("issueTracker", true, true), Some((P::Relation(_), Vocab::Codemeta))));
        assert!(matches!(lookup("tags", true, true), Some((P::Keywords, Vocab::Codemeta1))));
        assert!(matches!(lookup("funding", true, true), Some((P::Funding, Vocab::Codemeta))));
        assert!(matches!(lookup("funding", true, false), Some((P::Funding, Vocab::SchemaOrg))));
    }

    #[test]
    fn every_row_is_unique_per_vocabulary_and_documented() {
        for (i, a) in TABLE.iter().enumerate() {
            assert!(!a.target.is_empty(), "{} has no target", a.property);
            for b in TABLE.iter().skip(i + 1) {
                assert!(!(a.property == b.property && a.vocab == b.vocab), "{} twice", a.property);
            }
        }
        for (name, _) in TECHNICAL_LABELS {
            assert!(TABLE.iter().any(|r| r.p == P::TechnicalInfo(name)), "{name}");
        }
    }
}

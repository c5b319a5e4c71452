//! The crosswalk table: every element and attribute of a Dublin Core record the reader handles,
//! and where it goes in the model. `docs/crosswalks/dublin-core.md` is generated from it (with
//! [`crate::types::TYPES`]), and a test keeps it true: every element and attribute of the test
//! fixtures has a row, and every row names something the fixtures hold.

use crate::doc::Vocab;

/// One row: Dublin Core elements or attributes (with their usual prefixes, `dc:`, `dcterms:`,
/// `oai_dc:`; several separated by `, `), the model property they become (`–` when not
/// carried), and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// The part of the record the row belongs to (a heading of the page).
    pub section: &'static str,
    /// The source elements or attributes.
    pub source: &'static str,
    /// The model property (REST JSON path), or `–`.
    pub target: &'static str,
    /// How, or why not.
    pub note: &'static str,
}

const fn row(section: &'static str, source: &'static str, target: &'static str, note: &'static str) -> Row {
    Row { section, source, target, note }
}

const RECORDS: &str = "Records";
const ELEMENTS: &str = "The fifteen elements";
const TERMS: &str = "DCMI Terms refinements";
const OAI: &str = "OAI-PMH responses";

/// The crosswalk table.
pub const MAPPING: &[Row] = &[
    row(RECORDS, "oai_dc:dc", "–", "A record: OAI-PMH's container of Dublin Core (`http://www.openarchives.org/OAI/2.0/oai_dc/`). Its namespace is the record's `origin.schema`."),
    row(RECORDS, "dc, qualifieddc, metadata, record", "–", "A bare wrapper of `dc:` and `dcterms:` elements (in no namespace, or any but Dublin Core's), as the root or inside it: read through."),
    row(RECORDS, "@xml:lang", "titles[].lang, descriptions[].lang, subjects[].lang, creators[].lang, rightsList[].lang, publisher.lang", "On an element or inherited from a wrapper."),
    row(RECORDS, "@xsi:schemaLocation", "–", "Says where the schema is; not metadata."),
    row(RECORDS, "@xsi:type", "subjects[].subjectScheme", "A DCMI Terms encoding scheme. `DDC`, `LCC`, `UDC` (also the `classificationCode`), `LCSH`, `MESH`, `TGN` name a subject's scheme; `Point`, `Box`, `Period`, `W3CDTF`, `ISO3166`, `TGN` tell a coverage's place from its time; `URI` makes a rights value a `rightsURI`; the others (`W3CDTF`, `ISO639-2`, `RFC4646`, `DCMIType`, `IMT` …) say what the value's form says. An unknown scheme is reported (`field.unmapped`, info)."),
    row(ELEMENTS, "dc:title, dcterms:title", "titles[]", "The first is the main title. A later one is a `TranslatedTitle` when it has an `xml:lang` that is not the first title's, else an `AlternativeTitle` (`dc.title-type`)."),
    row(ELEMENTS, "dc:creator, dcterms:creator", "creators[]", "The name as written, with the judgment of `dc.name-type`: an organisation's word makes it `Organizational`; `Family, Given` makes it `Personal`, split with the shared splitter (`people.name-split`); any other name has no `nameType`."),
    row(ELEMENTS, "dc:contributor, dcterms:contributor", "contributors[] (Other)", "Named as creators are; `contributorType` `Other` (`dc.contributor-type`): Dublin Core does not say what a contributor did."),
    row(ELEMENTS, "dc:subject, dcterms:subject", "subjects[]", "A keyword. `ddc:004` and OpenAIRE's `info:eu-repo/classification/ddc/004` are classification `004` of scheme `DDC` (`value.normalised`); a value that merely looks like a class number or a subject heading gets no scheme."),
    row(ELEMENTS, "dc:description, dcterms:description", "descriptions[]", "The first is the `Abstract` (unless a `dcterms:abstract` is given), later ones `Other` (`dc.description-type`)."),
    row(ELEMENTS, "dc:publisher, dcterms:publisher", "publisher", "The first; a further one is reported (`field.repeated`)."),
    row(ELEMENTS, "dc:date, dcterms:date", "dates[], publicationYear", "Kept as written. The earliest (by year; of one year, one without a time of day) is `Issued` and gives the `publicationYear` (unless a `dcterms:issued` does); the others are `Other` (`dc.date-type`). OpenAIRE's `info:eu-repo/date/embargoEnd/2025-01-01` is an `Available` date. A value that is no date is kept with a warning (`value.invalid`); a date given twice is kept once."),
    row(ELEMENTS, "dc:type, dcterms:type", "types.resourceTypeGeneral, types.resourceType", "See the type table below: the most specific value decides and is kept as `resourceType`; an unknown value is `Other` (`vocab.unknown`). A status written as a type (`publishedVersion`, `PeerReviewed`) is reported (`field.unmapped`)."),
    row(ELEMENTS, "dc:format, dcterms:format", "formats[]", "As written (a MIME type or free text); a number with a unit of size (`2.4 MB`, `xii, 312 p.`) is a size (`dc.format`)."),
    row(ELEMENTS, "dc:identifier, dcterms:identifier", "doi, url, contentUrl, alternateIdentifiers[], relatedIdentifiers[], descriptions[]", "By form (`dc.identifier`): the first DOI in any form is the `doi` (later ones alternate identifiers); the first web address that is not a file is the landing page `url` (a handle's too), one that names a file (`…/paper.pdf`) a `contentUrl`; a handle, URN, ISBN, arXiv id or PMID is an alternate identifier of its type; an ISSN is a related identifier `IsPartOf`; text with white space is a citation, a description of type `Other` (`dc.citation`); anything else is an alternate identifier of type `Local`."),
    row(ELEMENTS, "dc:source, dcterms:source", "relatedIdentifiers[], relatedItems[] (IsDerivedFrom)", "`IsDerivedFrom`, as DataCite's own mapping and Dublin Core's definition have it (`dc.relation`); an ISSN is `IsPartOf`. An identifier is a related identifier of its type; text is a related item titled with it."),
    row(ELEMENTS, "dc:language, dcterms:language", "language", "One language: the first (a further one is `field.repeated`), as a BCP 47 tag: `en_US` → `en-US`, `eng`/`ger` → `en`/`de`, `English` → `en` (`value.normalised`); anything else is kept with a warning (`value.invalid`)."),
    row(ELEMENTS, "dc:relation, dcterms:relation", "relatedIdentifiers[], relatedItems[] (Other)", "Dublin Core gives no direction, and DataCite has no `IsRelatedTo`: `relationType` `Other` (4.7) with `relationTypeInformation` \"Dublin Core relation (no relation type given)\" (`dc.relation`). OpenAIRE's projects, alternative identifiers and dataset links are read as such (see Decisions)."),
    row(ELEMENTS, "dc:coverage, dcterms:coverage", "dates[] (Coverage), geoLocations[]", "A date or period (`1990/2000`, `1990-2000`, DCMI Period) is a date of type `Coverage`; a DCMI Point or Box is a geolocation point or box; anything else is a `geoLocationPlace` (`dc.coverage`)."),
    row(ELEMENTS, "dc:rights, dcterms:rights", "rightsList[]", "A web address is a `rightsURI` (Creative Commons and spdx.org URLs also get their SPDX `rightsIdentifier`, `dc.license-identified`); OpenAIRE's access rights (`info:eu-repo/semantics/openAccess` …) keep the URI with its statement (`Open Access`); any other text is a `rights` statement."),
    row(TERMS, "dcterms:alternative", "titles[] (AlternativeTitle)", ""),
    row(TERMS, "dcterms:abstract", "descriptions[] (Abstract)", ""),
    row(TERMS, "dcterms:tableOfContents", "descriptions[] (TableOfContents)", ""),
    row(TERMS, "dcterms:issued", "dates[] (Issued), publicationYear", "The earliest gives the `publicationYear`."),
    row(TERMS, "dcterms:created", "dates[] (Created)", ""),
    row(TERMS, "dcterms:available", "dates[] (Available)", ""),
    row(TERMS, "dcterms:modified", "dates[] (Updated)", ""),
    row(TERMS, "dcterms:dateAccepted", "dates[] (Accepted)", ""),
    row(TERMS, "dcterms:dateSubmitted", "dates[] (Submitted)", ""),
    row(TERMS, "dcterms:dateCopyrighted", "dates[] (Copyrighted)", ""),
    row(TERMS, "dcterms:valid", "dates[] (Valid)", ""),
    row(TERMS, "dcterms:extent", "sizes[]", ""),
    row(TERMS, "dcterms:medium", "formats[]", ""),
    row(TERMS, "dcterms:bibliographicCitation", "descriptions[] (Other)", "DataCite has no citation (`dc.citation`)."),
    row(TERMS, "dcterms:isPartOf", "relatedIdentifiers[] (IsPartOf)", "Like `dc:source`: an identifier, or a related item titled with the text."),
    row(TERMS, "dcterms:hasPart", "relatedIdentifiers[] (HasPart)", ""),
    row(TERMS, "dcterms:isVersionOf", "relatedIdentifiers[] (IsVersionOf)", ""),
    row(TERMS, "dcterms:hasVersion", "relatedIdentifiers[] (HasVersion)", ""),
    row(TERMS, "dcterms:isFormatOf", "relatedIdentifiers[] (IsVariantFormOf)", ""),
    row(TERMS, "dcterms:hasFormat", "relatedIdentifiers[] (IsOriginalFormOf)", ""),
    row(TERMS, "dcterms:references", "relatedIdentifiers[] (References)", ""),
    row(TERMS, "dcterms:isReferencedBy", "relatedIdentifiers[] (IsReferencedBy)", ""),
    row(TERMS, "dcterms:replaces", "relatedIdentifiers[] (Obsoletes)", ""),
    row(TERMS, "dcterms:isReplacedBy", "relatedIdentifiers[] (IsObsoletedBy)", ""),
    row(TERMS, "dcterms:requires", "relatedIdentifiers[] (Requires)", ""),
    row(TERMS, "dcterms:isRequiredBy", "relatedIdentifiers[] (IsRequiredBy)", ""),
    row(TERMS, "dcterms:conformsTo", "relatedIdentifiers[] (Other)", "`relationTypeInformation` \"conforms to\"."),
    row(TERMS, "dcterms:spatial", "geoLocations[]", "A DCMI Point or Box, else a place name."),
    row(TERMS, "dcterms:temporal", "dates[] (Coverage)", "A value that is no date or period is kept with a warning."),
    row(TERMS, "dcterms:license", "rightsList[]", "As `dc:rights`."),
    row(TERMS, "dcterms:accessRights", "rightsList[]", "As `dc:rights`."),
    row(TERMS, "dcterms:rightsHolder", "contributors[] (RightsHolder)", "Named as creators are."),
    row(TERMS, "dcterms:audience, dcterms:educationLevel, dcterms:mediator, dcterms:instructionalMethod, dcterms:accrualMethod, dcterms:accrualPeriodicity, dcterms:accrualPolicy, dcterms:provenance", "–", "No place in DataCite: reported (`field.unmapped`)."),
    row(OAI, "oai:OAI-PMH", "–", "A response. `ListRecords` and `GetRecord` give their records; a response of another verb is one failed record (`oai.verb`); a root that is not OAI-PMH one failed record (`oai.not-oai-pmh`)."),
    row(OAI, "oai:responseDate, oai:request", "–", "What the response says about itself: the splitter's `Response` (date, base URL, arguments), for the harvester."),
    row(OAI, "oai:request/@verb, oai:request/@metadataPrefix, oai:request/@set, oai:request/@from, oai:request/@until, oai:request/@resumptionToken, oai:request/@identifier", "–", "The request's arguments as the server echoes them (`Response::argument`)."),
    row(OAI, "oai:error, oai:error/@code", "–", "A protocol error (`Splitter::errors`). `noRecordsMatch`: no records, and no failure. Any other (`badResumptionToken`, `badArgument`, `cannotDisseminateFormat` …): one failed record with an error per protocol error (`oai.error`)."),
    row(OAI, "oai:ListRecords, oai:GetRecord", "–", "Hold the records."),
    row(OAI, "oai:record", "–", "One record each, in document order (`origin.index`), deleted ones included; a record is read by itself, so a broken one costs that record only."),
    row(OAI, "oai:header", "–", "The splitter's `Header`. A record without header, or a header without identifier, is reported (`xml.missing-element`)."),
    row(OAI, "oai:header/@status", "–", "`deleted`: the record has no metadata; it is one failed record (`oai.deleted`), not converted, and the splitter's `Header::deleted` says so."),
    row(OAI, "oai:identifier", "origin.key", "The record's key (`{key}` in URL templates), also of DataCite records (whose DOI is their `doi`)."),
    row(OAI, "oai:datestamp, oai:setSpec", "–", "Administrative (when the record changed, which sets hold it): the splitter's `Header`; not metadata of the work."),
    row(OAI, "oai:metadata", "–", "Holds one element, the record's metadata: `oai_dc:dc` (read as above), DataCite's `oai_datacite` or a DataCite `resource` (read by the DataCite XML reader: see [datacite.md](datacite.md)); any other format is one failed record (`oai.metadata-format`). Positions of its diagnostics are the response's lines and columns; paths are the metadata reader's own (`/oai_dc:dc/dc:title[2]`, `/resource/titles/title`)."),
    row(OAI, "oai:about", "–", "Statements about the metadata (its provenance, its rights): not the work's; not read, not reported."),
    row(OAI, "oai:resumptionToken, oai:resumptionToken/@completeListSize, oai:resumptionToken/@cursor, oai:resumptionToken/@expirationDate", "–", "The splitter's `Resumption`, for the harvester; a token that is not empty is noted on the page's last record (`oai.list-continues`)."),
    row(OAI, "oai_datacite:oai_datacite, oai_datacite:payload", "–", "DataCite's envelope (metadataPrefix `oai_datacite`): its payload's `resource` is the metadata."),
    row(OAI, "oai_datacite:schemaVersion, oai_datacite:datacentreSymbol, oai_datacite:isReferenceQuality", "–", "About the envelope: `Metadata::envelope`, for the harvester; the resource says its own kernel."),
    row(OAI, "datacite:resource", "(every property)", "DataCite XML, any kernel, read as a DataCite XML file is (metadataPrefix `datacite`, or the payload of `oai_datacite`)."),
];

/// The Dublin Core elements the mapping reads.
const ELEMENT_NAMES: &[&str] = &[
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
];

/// The DCMI Terms the mapping reads besides the fifteen.
const TERM_NAMES: &[&str] = &[
    "alternative",
    "abstract",
    "tableOfContents",
    "issued",
    "created",
    "available",
    "modified",
    "dateAccepted",
    "dateSubmitted",
    "dateCopyrighted",
    "valid",
    "extent",
    "medium",
    "bibliographicCitation",
    "isPartOf",
    "hasPart",
    "isVersionOf",
    "hasVersion",
    "isFormatOf",
    "hasFormat",
    "references",
    "isReferencedBy",
    "replaces",
    "isReplacedBy",
    "requires",
    "isRequiredBy",
    "conformsTo",
    "spatial",
    "temporal",
    "license",
    "accessRights",
    "rightsHolder",
];

/// DCMI Terms with no place in DataCite (reported as `field.unmapped`).
pub(crate) const UNMAPPED_TERMS: &[&str] = &[
    "audience",
    "educationLevel",
    "mediator",
    "instructionalMethod",
    "accrualMethod",
    "accrualPeriodicity",
    "accrualPolicy",
    "provenance",
];

/// DCMI Terms' encoding schemes the reader knows (`xsi:type` values without their prefix).
pub(crate) const SCHEMES: &[&str] = &[
    "W3CDTF", "Period", "Point", "Box", "ISO3166", "TGN", "URI", "ISO639-2", "ISO639-3", "RFC1766", "RFC3066",
    "RFC4646", "RFC5646", "DCMIType", "IMT", "DDC", "LCC", "UDC", "LCSH", "MESH", "NLM",
];

/// True when the mapping reads the element.
pub(crate) fn handled(vocab: Vocab, name: &str) -> bool {
    ELEMENT_NAMES.contains(&name) || (vocab == Vocab::Terms && TERM_NAMES.contains(&name))
}

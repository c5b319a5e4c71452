//! InvenioRDM's vocabularies as its DataCite serializer maps them (facts from
//! `invenio_rdm_records/fixtures/data/vocabularies/*.yaml`: each id's `props.datacite`, or
//! `props.datacite_general` and `props.datacite_type` for resource types).
//!
//! Both directions read the same tables, so that a value read is written back with the id it
//! came from.

/// One resource type of InvenioRDM's `resourcetypes` vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// The vocabulary id (`publication-article`).
    pub id: &'static str,
    /// `props.datacite_general`: the DataCite `resourceTypeGeneral`.
    pub general: &'static str,
    /// `props.datacite_type`: the DataCite `resourceType` (empty when the vocabulary gives none).
    pub datacite_type: &'static str,
}

const fn rt(id: &'static str, general: &'static str, datacite_type: &'static str) -> ResourceType {
    ResourceType { id, general, datacite_type }
}

/// InvenioRDM's resource types, in the vocabulary's order. The first id of a general type
/// without a `datacite_type` is the one written for that general type.
pub const RESOURCE_TYPES: &[ResourceType] = &[
    rt("publication", "Text", ""),
    rt("publication-annotationcollection", "Collection", ""),
    rt("publication-book", "Book", ""),
    rt("publication-section", "BookChapter", ""),
    rt("publication-conferencepaper", "ConferencePaper", ""),
    rt("publication-conferenceproceeding", "ConferenceProceeding", ""),
    rt("publication-datamanagementplan", "OutputManagementPlan", ""),
    rt("publication-journal", "Journal", ""),
    rt("publication-article", "JournalArticle", ""),
    rt("publication-patent", "Text", "Patent"),
    rt("publication-peerreview", "PeerReview", ""),
    rt("publication-preprint", "Preprint", ""),
    rt("publication-deliverable", "Text", "Project deliverable"),
    rt("publication-milestone", "Text", "Project milestone"),
    rt("publication-proposal", "Text", "Proposal"),
    rt("publication-report", "Report", ""),
    rt("publication-softwaredocumentation", "Text", "Software documentation"),
    rt("publication-taxonomictreatment", "Text", "Taxonomic treatment"),
    rt("publication-technicalnote", "Text", "Technical note"),
    rt("publication-workingpaper", "Text", "Working paper"),
    rt("publication-datapaper", "DataPaper", ""),
    rt("publication-dissertation", "Dissertation", ""),
    rt("publication-standard", "Standard", ""),
    rt("publication-studyregistration", "StudyRegistration", ""),
    rt("publication-other", "Text", "Other"),
    rt("poster", "Poster", ""),
    rt("presentation", "Presentation", ""),
    rt("event", "Event", ""),
    rt("dataset", "Dataset", ""),
    rt("image", "Image", ""),
    rt("image-figure", "Image", "Figure"),
    rt("image-plot", "Image", "Plot"),
    rt("image-drawing", "Image", "Drawing"),
    rt("image-diagram", "Image", "Diagram"),
    rt("image-photo", "Image", "Photo"),
    rt("image-other", "Image", "Other"),
    rt("model", "Model", ""),
    rt("video", "Audiovisual", ""),
    rt("audio", "Sound", ""),
    rt("software", "Software", ""),
    rt("lesson", "InteractiveResource", ""),
    rt("software-computationalnotebook", "ComputationalNotebook", ""),
    rt("other", "Other", ""),
    rt("physicalobject", "PhysicalObject", ""),
    rt("workflow", "Workflow", ""),
    rt("project", "Project", ""),
    rt("instrument", "Instrument", ""),
];

/// The resource type of an InvenioRDM id.
///
/// ```
/// let t = crosswalk_invenio::vocab::resource_type("image-photo").unwrap();
/// assert_eq!((t.general, t.datacite_type), ("Image", "Photo"));
/// ```
pub fn resource_type(id: &str) -> Option<&'static ResourceType> {
    RESOURCE_TYPES.iter().find(|t| t.id == id)
}

/// The InvenioRDM id for a DataCite general type and free-text type: the id with both, when the
/// vocabulary has one (`Image`, `Photo`: `image-photo`), else the general type's own id
/// (`JournalArticle`: `publication-article`); `None` for a general type the vocabulary lacks.
///
/// ```
/// use crosswalk_invenio::vocab::resource_type_id;
/// assert_eq!(resource_type_id("Text", Some("Working paper")), Some("publication-workingpaper"));
/// assert_eq!(resource_type_id("Text", Some("Manuscript")), Some("publication"));
/// assert_eq!(resource_type_id("Dataset", None), Some("dataset"));
/// ```
pub fn resource_type_id(general: &str, datacite_type: Option<&str>) -> Option<&'static str> {
    let typed = datacite_type.filter(|t| !t.is_empty()).and_then(|wanted| {
        RESOURCE_TYPES.iter().find(|t| t.general == general && t.datacite_type.eq_ignore_ascii_case(wanted))
    });
    typed.or_else(|| RESOURCE_TYPES.iter().find(|t| t.general == general && t.datacite_type.is_empty())).map(|t| t.id)
}

/// A vocabulary whose ids each stand for one DataCite value (`props.datacite`).
pub type Table = &'static [(&'static str, &'static str)];

/// `contributorsroles`: role id → DataCite `contributorType`.
pub const ROLES: Table = &[
    ("contactperson", "ContactPerson"),
    ("datacollector", "DataCollector"),
    ("datacurator", "DataCurator"),
    ("datamanager", "DataManager"),
    ("distributor", "Distributor"),
    ("editor", "Editor"),
    ("hostinginstitution", "HostingInstitution"),
    ("producer", "Producer"),
    ("projectleader", "ProjectLeader"),
    ("projectmanager", "ProjectManager"),
    ("projectmember", "ProjectMember"),
    ("registrationagency", "RegistrationAgency"),
    ("registrationauthority", "RegistrationAuthority"),
    ("relatedperson", "RelatedPerson"),
    ("researcher", "Researcher"),
    ("researchgroup", "ResearchGroup"),
    ("rightsholder", "RightsHolder"),
    ("sponsor", "Sponsor"),
    ("supervisor", "Supervisor"),
    ("translator", "Translator"),
    ("workpackageleader", "WorkPackageLeader"),
    ("other", "Other"),
];

/// `relationtypes`: relation id → DataCite `relationType`.
pub const RELATION_TYPES: Table = &[
    ("iscitedby", "IsCitedBy"),
    ("cites", "Cites"),
    ("issupplementto", "IsSupplementTo"),
    ("issupplementedby", "IsSupplementedBy"),
    ("iscontinuedby", "IsContinuedBy"),
    ("continues", "Continues"),
    ("isdescribedby", "IsDescribedBy"),
    ("describes", "Describes"),
    ("hasmetadata", "HasMetadata"),
    ("ismetadatafor", "IsMetadataFor"),
    ("hasversion", "HasVersion"),
    ("isversionof", "IsVersionOf"),
    ("isnewversionof", "IsNewVersionOf"),
    ("ispreviousversionof", "IsPreviousVersionOf"),
    ("ispartof", "IsPartOf"),
    ("haspart", "HasPart"),
    ("ispublishedin", "IsPublishedIn"),
    ("isreferencedby", "IsReferencedBy"),
    ("references", "References"),
    ("isdocumentedby", "IsDocumentedBy"),
    ("documents", "Documents"),
    ("iscompiledby", "IsCompiledBy"),
    ("compiles", "Compiles"),
    ("isvariantformof", "IsVariantFormOf"),
    ("isoriginalformof", "IsOriginalFormOf"),
    ("isidenticalto", "IsIdenticalTo"),
    ("isreviewedby", "IsReviewedBy"),
    ("reviews", "Reviews"),
    ("isderivedfrom", "IsDerivedFrom"),
    ("issourceof", "IsSourceOf"),
    ("isrequiredby", "IsRequiredBy"),
    ("requires", "Requires"),
    ("isobsoletedby", "IsObsoletedBy"),
    ("obsoletes", "Obsoletes"),
    ("istranslationof", "IsTranslationOf"),
    ("hastranslation", "HasTranslation"),
    ("iscollectedby", "IsCollectedBy"),
    ("collects", "Collects"),
    ("other", "Other"),
];

/// `datetypes`: date type id → DataCite `dateType`.
pub const DATE_TYPES: Table = &[
    ("accepted", "Accepted"),
    ("available", "Available"),
    ("collected", "Collected"),
    ("copyrighted", "Copyrighted"),
    ("created", "Created"),
    ("issued", "Issued"),
    ("other", "Other"),
    ("submitted", "Submitted"),
    ("updated", "Updated"),
    ("valid", "Valid"),
    ("withdrawn", "Withdrawn"),
    ("coverage", "Coverage"),
];

/// `titletypes`: title type id → DataCite `titleType`.
pub const TITLE_TYPES: Table = &[
    ("alternative-title", "AlternativeTitle"),
    ("subtitle", "Subtitle"),
    ("translated-title", "TranslatedTitle"),
    ("other", "Other"),
];

/// `descriptiontypes`: description type id → DataCite `descriptionType`.
pub const DESCRIPTION_TYPES: Table = &[
    ("abstract", "Abstract"),
    ("methods", "Methods"),
    ("series-information", "SeriesInformation"),
    ("table-of-contents", "TableOfContents"),
    ("technical-info", "TechnicalInfo"),
    ("other", "Other"),
];

/// InvenioRDM identifier schemes (`RDM_RECORDS_IDENTIFIERS_SCHEMES`, idutils' names) → DataCite
/// identifier types.
pub const IDENTIFIER_SCHEMES: Table = &[
    ("ark", "ARK"),
    ("arxiv", "arXiv"),
    ("ads", "bibcode"),
    ("bibcode", "bibcode"),
    ("crossreffunderid", "Crossref Funder ID"),
    ("doi", "DOI"),
    ("ean13", "EAN13"),
    ("eissn", "EISSN"),
    ("grid", "GRID"),
    ("handle", "Handle"),
    ("igsn", "IGSN"),
    ("isbn", "ISBN"),
    ("isni", "ISNI"),
    ("issn", "ISSN"),
    ("istc", "ISTC"),
    ("lissn", "LISSN"),
    ("lsid", "LSID"),
    ("pmid", "PMID"),
    ("purl", "PURL"),
    ("upc", "UPC"),
    ("url", "URL"),
    ("urn", "URN"),
    ("w3id", "w3id"),
    ("swh", "SWHID"),
    ("cstr", "CSTR"),
    ("rrid", "RRID"),
];

/// The DataCite value of `id` in `table`.
///
/// ```
/// use crosswalk_invenio::vocab::{datacite_of, ROLES};
/// assert_eq!(datacite_of(ROLES, "datacurator"), Some("DataCurator"));
/// assert_eq!(datacite_of(ROLES, "author"), None);
/// ```
pub fn datacite_of(table: Table, id: &str) -> Option<&'static str> {
    table.iter().find(|(i, _)| *i == id).map(|(_, d)| *d)
}

/// The InvenioRDM id of the DataCite value `value` in `table` (case ignored: identifier types).
///
/// ```
/// use crosswalk_invenio::vocab::{id_of, IDENTIFIER_SCHEMES, RELATION_TYPES};
/// assert_eq!(id_of(RELATION_TYPES, "IsSupplementTo"), Some("issupplementto"));
/// assert_eq!(id_of(IDENTIFIER_SCHEMES, "arXiv"), Some("arxiv"));
/// ```
pub fn id_of(table: Table, value: &str) -> Option<&'static str> {
    table.iter().find(|(_, d)| d.eq_ignore_ascii_case(value)).map(|(i, _)| *i)
}

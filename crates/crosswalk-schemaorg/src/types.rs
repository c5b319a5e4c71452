//! Schema.org types and DataCite's `resourceTypeGeneral`, both ways.
//!
//! Reading: [`SCHEMA_ORG_TYPES`] maps every type of Schema.org's CreativeWork family (and the
//! other types a DataCite record can describe: Event, Project, Grant, Service, Product) to a
//! general type. Where the Schema.org type is more specific than what the general type derives
//! back (`BlogPosting` → `Text`, which derives `ScholarlyArticle`), the reader keeps it in
//! `resourceType`, and the writer writes it back as `@type`, so that types round-trip.
//!
//! Writing: `Types::derived()` gives the Schema.org type of a general type (refined by a
//! Crossref type name in `resourceType`); [`written_type`] prefers a Schema.org type kept in
//! `resourceType`.

use crosswalk_model::types::derive_from_general;
use crosswalk_model::{ResourceTypeGeneral, Types};

use ResourceTypeGeneral as G;

/// Every Schema.org type the reader knows, with the general type it is read as.
pub const SCHEMA_ORG_TYPES: &[(&str, ResourceTypeGeneral)] = &[
    // Articles and text
    ("Article", G::Text),
    ("AdvertiserContentArticle", G::Text),
    ("AnalysisNewsArticle", G::Text),
    ("APIReference", G::Text),
    ("AskPublicNewsArticle", G::Text),
    ("BackgroundNewsArticle", G::Text),
    ("BlogPosting", G::Text),
    ("DiscussionForumPosting", G::Text),
    ("LiveBlogPosting", G::Text),
    ("MedicalScholarlyArticle", G::Text),
    ("NewsArticle", G::Text),
    ("OpinionNewsArticle", G::Text),
    ("ReportageNewsArticle", G::Text),
    ("ReviewNewsArticle", G::Text),
    ("SatiricalArticle", G::Text),
    ("ScholarlyArticle", G::Text),
    ("SocialMediaPosting", G::Text),
    ("TechArticle", G::Text),
    ("Blog", G::Text),
    ("Answer", G::Text),
    ("Claim", G::Text),
    ("Comment", G::Text),
    ("Conversation", G::Text),
    ("CorrectionComment", G::Text),
    ("DigitalDocument", G::Text),
    ("EmailMessage", G::Text),
    ("Guide", G::Text),
    ("HowTo", G::Text),
    ("Legislation", G::Text),
    ("LegislationObject", G::Text),
    ("Letter", G::Text),
    ("Manuscript", G::Text),
    ("Menu", G::Text),
    ("Message", G::Text),
    ("NoteDigitalDocument", G::Text),
    ("Question", G::Text),
    ("Quotation", G::Text),
    ("Recipe", G::Text),
    ("SpecialAnnouncement", G::Text),
    ("Statement", G::Text),
    ("TextDigitalDocument", G::Text),
    ("TextObject", G::Text),
    ("WebContent", G::Text),
    ("WebPage", G::Text),
    ("AboutPage", G::Text),
    ("CheckoutPage", G::Text),
    ("CollectionPage", G::Text),
    ("ContactPage", G::Text),
    ("FAQPage", G::Text),
    ("ItemPage", G::Text),
    ("MedicalWebPage", G::Text),
    ("ProfilePage", G::Text),
    ("QAPage", G::Text),
    ("RealEstateListing", G::Text),
    ("SearchResultsPage", G::Text),
    ("WebPageElement", G::Text),
    // Books, chapters, theses, reports, periodicals
    ("Book", G::Book),
    ("Atlas", G::Book),
    ("Audiobook", G::Book),
    ("BookSeries", G::Book),
    ("Chapter", G::BookChapter),
    ("Thesis", G::Dissertation),
    ("Report", G::Report),
    ("Periodical", G::Journal),
    ("Newspaper", G::Journal),
    ("ComicSeries", G::Journal),
    ("PublicationIssue", G::Journal),
    ("ComicIssue", G::Journal),
    ("PublicationVolume", G::Journal),
    ("CreativeWorkSeries", G::Collection),
    ("Review", G::PeerReview),
    ("ClaimReview", G::PeerReview),
    ("CriticReview", G::PeerReview),
    ("EmployerReview", G::PeerReview),
    ("MediaReview", G::PeerReview),
    ("Recommendation", G::PeerReview),
    ("UserReview", G::PeerReview),
    // Data
    ("Dataset", G::Dataset),
    ("DataFeed", G::Dataset),
    ("DataDownload", G::Dataset),
    ("SpreadsheetDigitalDocument", G::Dataset),
    ("DataCatalog", G::Collection),
    ("Collection", G::Collection),
    ("ProductCollection", G::Collection),
    ("ArchiveComponent", G::PhysicalObject),
    // Software
    ("SoftwareSourceCode", G::Software),
    ("Code", G::Software),
    ("SoftwareApplication", G::Software),
    ("MobileApplication", G::Software),
    ("VideoGame", G::Software),
    ("WebApplication", G::Software),
    ("ComputationalWorkflow", G::Workflow),
    // Images and media
    ("ImageObject", G::Image),
    ("Barcode", G::Image),
    ("Drawing", G::Image),
    ("ImageObjectSnapshot", G::Image),
    ("Map", G::Image),
    ("Painting", G::Image),
    ("Photograph", G::Image),
    ("VisualArtwork", G::Image),
    ("CoverArt", G::Image),
    ("ComicCoverArt", G::Image),
    ("Sculpture", G::PhysicalObject),
    ("MediaObject", G::Audiovisual),
    ("VideoObject", G::Audiovisual),
    ("VideoObjectSnapshot", G::Audiovisual),
    ("MusicVideoObject", G::Audiovisual),
    ("Movie", G::Audiovisual),
    ("MovieSeries", G::Audiovisual),
    ("MovieClip", G::Audiovisual),
    ("Clip", G::Audiovisual),
    ("Episode", G::Audiovisual),
    ("TVClip", G::Audiovisual),
    ("TVEpisode", G::Audiovisual),
    ("TVSeason", G::Audiovisual),
    ("TVSeries", G::Audiovisual),
    ("VideoGameClip", G::Audiovisual),
    ("VideoGameSeries", G::Audiovisual),
    ("AmpStory", G::Audiovisual),
    ("3DModel", G::Model),
    ("AudioObject", G::Sound),
    ("AudioObjectSnapshot", G::Sound),
    ("MusicAlbum", G::Sound),
    ("MusicComposition", G::Sound),
    ("MusicPlaylist", G::Sound),
    ("MusicRecording", G::Sound),
    ("MusicRelease", G::Sound),
    ("Podcast", G::Sound),
    ("PodcastEpisode", G::Sound),
    ("PodcastSeason", G::Sound),
    ("PodcastSeries", G::Sound),
    ("RadioClip", G::Sound),
    ("RadioEpisode", G::Sound),
    ("RadioSeason", G::Sound),
    ("RadioSeries", G::Sound),
    ("Song", G::Sound),
    // Presentations, posters, learning resources, web sites
    ("PresentationDigitalDocument", G::Presentation),
    ("Poster", G::Poster),
    ("Course", G::InteractiveResource),
    ("LearningResource", G::InteractiveResource),
    ("Quiz", G::InteractiveResource),
    ("Syllabus", G::InteractiveResource),
    ("Game", G::InteractiveResource),
    ("WebSite", G::InteractiveResource),
    // Things DataCite registers that are not creative works
    ("Event", G::Event),
    ("EventSeries", G::Event),
    ("BusinessEvent", G::Event),
    ("CourseInstance", G::Event),
    ("EducationEvent", G::Event),
    ("ExhibitionEvent", G::Event),
    ("Hackathon", G::Event),
    ("PublicationEvent", G::Event),
    ("ScreeningEvent", G::Event),
    ("SocialEvent", G::Event),
    ("Project", G::Project),
    ("ResearchProject", G::Project),
    ("FundingScheme", G::Project),
    ("Grant", G::Award),
    ("MonetaryGrant", G::Award),
    ("Service", G::Service),
    ("WebAPI", G::Service),
    ("Product", G::PhysicalObject),
    ("IndividualProduct", G::PhysicalObject),
    ("ProductModel", G::PhysicalObject),
    ("Certification", G::Standard),
    ("DefinedTermSet", G::Collection),
    ("CategoryCodeSet", G::Collection),
    ("Play", G::Other),
    ("CreativeWork", G::Other),
    ("Thing", G::Other),
];

/// Schema.org's organisation types: an agent of one of them is `Organizational`.
pub(crate) const ORGANIZATION_TYPES: &[&str] = &[
    "Organization",
    "Corporation",
    "Consortium",
    "CollegeOrUniversity",
    "EducationalOrganization",
    "FundingAgency",
    "GovernmentOrganization",
    "LibrarySystem",
    "Library",
    "MedicalOrganization",
    "NGO",
    "NewsMediaOrganization",
    "OnlineBusiness",
    "PerformingGroup",
    "ResearchOrganization",
    "SearchRescueOrganization",
    "SportsOrganization",
    "WorkersUnion",
    "ArchiveOrganization",
    "Airline",
    "LocalBusiness",
    "PoliticalParty",
];

/// Types that describe a part of a record (people, places, identifiers …), never a record.
pub(crate) const DETAIL_TYPES: &[&str] = &[
    "Person",
    "Place",
    "AdministrativeArea",
    "Country",
    "City",
    "State",
    "Continent",
    "Landform",
    "GeoCoordinates",
    "GeoShape",
    "GeoCircle",
    "PostalAddress",
    "ContactPoint",
    "PropertyValue",
    "Language",
    "DefinedTerm",
    "CategoryCode",
    "Role",
    "OrganizationRole",
    "PerformanceRole",
    "ComputerLanguage",
    "Audience",
    "Offer",
    "QuantitativeValue",
    "MonetaryAmount",
    "Rating",
    "AggregateRating",
    "EntryPoint",
    "ReadAction",
    "SearchAction",
    "DownloadAction",
];

/// The general type of a Schema.org type name, matched exactly (Schema.org names are
/// case-sensitive; a lowercase spelling is matched by [`lookup_loosely`]).
pub(crate) fn lookup(name: &str) -> Option<&'static (&'static str, ResourceTypeGeneral)> {
    SCHEMA_ORG_TYPES.iter().find(|(type_name, _)| *type_name == name)
}

/// A type name matched ignoring case (`dataset`, `DataSet`).
pub(crate) fn lookup_loosely(name: &str) -> Option<&'static (&'static str, ResourceTypeGeneral)> {
    SCHEMA_ORG_TYPES.iter().find(|(type_name, _)| type_name.eq_ignore_ascii_case(name))
}

/// True for a type that names a part of a record (a person, a place …).
pub(crate) fn is_detail_type(name: &str) -> bool {
    DETAIL_TYPES.iter().chain(ORGANIZATION_TYPES).any(|t| t.eq_ignore_ascii_case(name))
}

/// True for an organisation type.
pub(crate) fn is_organization_type(name: &str) -> bool {
    ORGANIZATION_TYPES.iter().any(|t| t.eq_ignore_ascii_case(name))
}

/// True when the general type's own Schema.org type is `name`, so that `resourceType` need not
/// keep it.
pub(crate) fn general_gives(general: &ResourceTypeGeneral, name: &str) -> bool {
    derive_from_general(general).schema_org == name
}

/// The general type a reader gives `@type` `schema_type` with `additionalType` `additional`,
/// in a work published in a journal or not (the reader's rules, for the writers to predict).
pub(crate) fn read_back_general(
    schema_type: &str,
    additional: Option<&str>,
    in_journal: bool,
) -> Option<ResourceTypeGeneral> {
    let (_, general) = lookup(schema_type)?;
    if let Some(additional) = additional {
        let (named, matched) = <ResourceTypeGeneral as crosswalk_model::Vocabulary>::lookup(additional);
        if matched == crosswalk_model::Match::Exact && general_gives(&named, schema_type) {
            return Some(named);
        }
    }
    if schema_type == "ScholarlyArticle" && in_journal {
        return Some(ResourceTypeGeneral::JournalArticle);
    }
    Some(general.clone())
}

/// The `@type` a writer gives a record, and the `additionalType` it adds.
///
/// A `resourceType` that is a Schema.org type read as the same general type is the `@type`
/// (so a `BlogPosting` stays one); otherwise the derived type (refined by a Crossref type name
/// only when that reads back as the same general type), with `resourceType` as
/// `additionalType`. When neither names the general type so that a reader gets it back (a
/// `JournalArticle` is written as `ScholarlyArticle`, which reads as `Text`), the general type's
/// name is the `additionalType`.
pub(crate) fn written_type(types: &Types) -> (Option<&'static str>, Option<String>) {
    let general = types.resource_type_general.as_ref();
    if let (Some(resource_type), Some(general)) = (types.resource_type.as_deref(), general) {
        if let Some((name, read_as)) = lookup(resource_type.trim()) {
            // A reader keeps a @type in resourceType only when the general type does not give it.
            if read_as == general && !general_gives(general, name) && *name == resource_type.trim() {
                return (Some(name), None);
            }
        }
    }
    let refined = types.derived().map(|d| d.schema_org);
    let derived = match (refined, general) {
        (Some(refined), Some(general)) if lookup(refined).map(|(_, g)| g) != Some(general) => {
            Some(derive_from_general(general).schema_org)
        }
        (refined, _) => refined,
    };
    let additional = match (types.resource_type.as_deref(), general, derived) {
        (Some(resource_type), _, _) if !resource_type.trim().is_empty() => Some(resource_type.trim().to_owned()),
        (_, Some(general), Some(schema_type)) if general.is_known_value() => {
            let read_back = lookup(schema_type).map(|(_, g)| g);
            (read_back != Some(general)).then(|| general.as_str().to_owned())
        }
        _ => None,
    };
    (derived, additional)
}

trait KnownValue {
    fn is_known_value(&self) -> bool;
}

impl KnownValue for ResourceTypeGeneral {
    fn is_known_value(&self) -> bool {
        !matches!(self, ResourceTypeGeneral::Unknown(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_general_type_is_reachable() {
        let mut names: Vec<&str> = SCHEMA_ORG_TYPES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a type is listed twice");
        for general in ResourceTypeGeneral::ALL {
            let schema_type = derive_from_general(general).schema_org;
            assert!(lookup(schema_type).is_some(), "{general} derives {schema_type}, which the reader does not know");
        }
        for detail in DETAIL_TYPES.iter().chain(ORGANIZATION_TYPES) {
            assert!(lookup(detail).is_none(), "{detail} is both a record type and a detail type");
        }
    }

    #[test]
    fn written_types_read_back_to_the_same_general_type() {
        for general in ResourceTypeGeneral::ALL {
            let types = Types::new(general.clone(), None);
            let (schema_type, additional) = written_type(&types);
            let schema_type = schema_type.unwrap();
            let read_back = &lookup(schema_type).unwrap().1;
            match additional {
                None => assert_eq!(read_back, general, "{general} → {schema_type}"),
                Some(name) => {
                    assert_eq!(name, general.as_str());
                    assert_eq!(derive_from_general(general).schema_org, schema_type);
                }
            }
        }
        let blog = Types::new(ResourceTypeGeneral::Text, Some("BlogPosting"));
        assert_eq!(written_type(&blog), (Some("BlogPosting"), None));
        let cram = Types::new(ResourceTypeGeneral::Dataset, Some("CRAM file"));
        assert_eq!(written_type(&cram), (Some("Dataset"), Some("CRAM file".to_owned())));
        let article = Types::new(ResourceTypeGeneral::Text, Some("JournalArticle"));
        assert_eq!(written_type(&article), (Some("ScholarlyArticle"), Some("JournalArticle".to_owned())));
    }
}

//! The controlled lists of DataCite Metadata Schema 4.7.
//!
//! Each list is an enum with one variant per value and an `Unknown(String)` variant that keeps a
//! value outside the list exactly as written, so that nothing is dropped: a reader reports it
//! (code `vocab.unknown`) and validation rejects it until the user fixes the source.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// How a text matched a controlled list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The text is a value of the list, spelled exactly.
    Exact,
    /// The text matched once case, spaces, `-` and `_` were ignored (`isPartOf`, `is_part_of`).
    Normalised,
    /// The text is not in the list; it is kept in the `Unknown` variant.
    Unknown,
}

/// A DataCite controlled list.
pub trait Vocabulary: Sized + Clone {
    /// The XML attribute / JSON key the list belongs to, for messages.
    const PROPERTY: &'static str;
    /// Every value of the list, in the schema's spelling.
    const VALUES: &'static [&'static str];

    /// Looks a text up: an exact match, a match ignoring case and separators, or `Unknown`.
    fn lookup(text: &str) -> (Self, Match);

    /// The value as written in the schema (or as the source wrote an unknown value).
    fn as_str(&self) -> &str;

    /// True unless this is the `Unknown` variant.
    fn is_known(&self) -> bool;

    /// The exact-match parse: known values by their schema spelling, anything else `Unknown`.
    fn from_exact(text: &str) -> Self {
        match Self::lookup(text) {
            (value, Match::Exact) => value,
            _ => Self::unknown(text),
        }
    }

    /// The `Unknown` variant holding `text`.
    fn unknown(text: &str) -> Self;
}

/// Folds a vocabulary text for the lenient comparison: ASCII lowercase, without spaces, `-`, `_`.
fn fold(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '\t')).map(|c| c.to_ascii_lowercase())
}

fn folded_eq(a: &str, b: &str) -> bool {
    fold(a).eq(fold(b))
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $property:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $text, "`")] $variant, )+
            /// A value outside the controlled list, kept exactly as the source wrote it.
            Unknown(String),
        }

        impl Vocabulary for $name {
            const PROPERTY: &'static str = $property;
            const VALUES: &'static [&'static str] = &[$($text),+];

            fn lookup(text: &str) -> (Self, Match) {
                match text {
                    $( $text => return ($name::$variant, Match::Exact), )+
                    _ => {}
                }
                $( if folded_eq(text, $text) { return ($name::$variant, Match::Normalised); } )+
                ($name::Unknown(text.to_owned()), Match::Unknown)
            }

            fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Unknown(text) => text,
                }
            }

            fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }

            fn unknown(text: &str) -> Self {
                $name::Unknown(text.to_owned())
            }
        }

        impl $name {
            /// Every known value, in the schema's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the schema (or as the source wrote an unknown value).
            pub fn as_str(&self) -> &str {
                Vocabulary::as_str(self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(VocabVisitor::<$name>(std::marker::PhantomData))
            }
        }
    };
}

/// Deserializes a vocabulary from a string with [`Vocabulary::from_exact`]: lenient matching is
/// left to [`crate::Resource::normalise_vocabularies`], which reports what it changes.
struct VocabVisitor<T>(std::marker::PhantomData<T>);

impl<T: Vocabulary> Visitor<'_> for VocabVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} value as a string", T::PROPERTY)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok(T::from_exact(v))
    }
}

vocabulary! {
    /// `resourceTypeGeneral`: the general type of a resource (also `relatedItemType` and a related
    /// identifier's `resourceTypeGeneral`).
    ResourceTypeGeneral, "resourceTypeGeneral" {
        Audiovisual = "Audiovisual",
        Award = "Award",
        Book = "Book",
        BookChapter = "BookChapter",
        Collection = "Collection",
        ComputationalNotebook = "ComputationalNotebook",
        ConferencePaper = "ConferencePaper",
        ConferenceProceeding = "ConferenceProceeding",
        DataPaper = "DataPaper",
        Dataset = "Dataset",
        Dissertation = "Dissertation",
        Event = "Event",
        Image = "Image",
        Instrument = "Instrument",
        InteractiveResource = "InteractiveResource",
        Journal = "Journal",
        JournalArticle = "JournalArticle",
        Model = "Model",
        OutputManagementPlan = "OutputManagementPlan",
        PeerReview = "PeerReview",
        PhysicalObject = "PhysicalObject",
        Poster = "Poster",
        Preprint = "Preprint",
        Presentation = "Presentation",
        Project = "Project",
        Report = "Report",
        Service = "Service",
        Software = "Software",
        Sound = "Sound",
        Standard = "Standard",
        StudyRegistration = "StudyRegistration",
        Text = "Text",
        Workflow = "Workflow",
        Other = "Other",
    }
}

vocabulary! {
    /// `nameType` of a creator or contributor name.
    NameType, "nameType" {
        Organizational = "Organizational",
        Personal = "Personal",
    }
}

vocabulary! {
    /// `titleType`.
    TitleType, "titleType" {
        AlternativeTitle = "AlternativeTitle",
        Subtitle = "Subtitle",
        TranslatedTitle = "TranslatedTitle",
        Other = "Other",
    }
}

vocabulary! {
    /// `contributorType`.
    ContributorType, "contributorType" {
        ContactPerson = "ContactPerson",
        DataCollector = "DataCollector",
        DataCurator = "DataCurator",
        DataManager = "DataManager",
        Distributor = "Distributor",
        Editor = "Editor",
        HostingInstitution = "HostingInstitution",
        Other = "Other",
        Producer = "Producer",
        ProjectLeader = "ProjectLeader",
        ProjectManager = "ProjectManager",
        ProjectMember = "ProjectMember",
        RegistrationAgency = "RegistrationAgency",
        RegistrationAuthority = "RegistrationAuthority",
        RelatedPerson = "RelatedPerson",
        ResearchGroup = "ResearchGroup",
        RightsHolder = "RightsHolder",
        Researcher = "Researcher",
        Sponsor = "Sponsor",
        Supervisor = "Supervisor",
        Translator = "Translator",
        WorkPackageLeader = "WorkPackageLeader",
    }
}

vocabulary! {
    /// `dateType`.
    DateType, "dateType" {
        Accepted = "Accepted",
        Available = "Available",
        Collected = "Collected",
        Copyrighted = "Copyrighted",
        Coverage = "Coverage",
        Created = "Created",
        Issued = "Issued",
        Other = "Other",
        Submitted = "Submitted",
        Updated = "Updated",
        Valid = "Valid",
        Withdrawn = "Withdrawn",
    }
}

vocabulary! {
    /// `descriptionType`.
    DescriptionType, "descriptionType" {
        Abstract = "Abstract",
        Methods = "Methods",
        SeriesInformation = "SeriesInformation",
        TableOfContents = "TableOfContents",
        TechnicalInfo = "TechnicalInfo",
        Other = "Other",
    }
}

vocabulary! {
    /// `funderIdentifierType`.
    FunderIdentifierType, "funderIdentifierType" {
        Isni = "ISNI",
        Grid = "GRID",
        Ror = "ROR",
        CrossrefFunderId = "Crossref Funder ID",
        Other = "Other",
    }
}

vocabulary! {
    /// `numberType` of a related item's number.
    NumberType, "numberType" {
        Article = "Article",
        Chapter = "Chapter",
        Report = "Report",
        Other = "Other",
    }
}

vocabulary! {
    /// `relatedIdentifierType` (also `relatedItemIdentifierType`).
    RelatedIdentifierType, "relatedIdentifierType" {
        Ark = "ARK",
        ArXiv = "arXiv",
        Bibcode = "bibcode",
        Cstr = "CSTR",
        Doi = "DOI",
        Ean13 = "EAN13",
        Eissn = "EISSN",
        Handle = "Handle",
        Igsn = "IGSN",
        Isbn = "ISBN",
        Issn = "ISSN",
        Istc = "ISTC",
        Lissn = "LISSN",
        Lsid = "LSID",
        Pmid = "PMID",
        Purl = "PURL",
        Raid = "RAiD",
        Rrid = "RRID",
        Swhid = "SWHID",
        Upc = "UPC",
        Url = "URL",
        Urn = "URN",
        W3id = "w3id",
    }
}

vocabulary! {
    /// `relationType` of a related identifier or related item.
    RelationType, "relationType" {
        IsCitedBy = "IsCitedBy",
        Cites = "Cites",
        IsSupplementTo = "IsSupplementTo",
        IsSupplementedBy = "IsSupplementedBy",
        IsContinuedBy = "IsContinuedBy",
        Continues = "Continues",
        IsNewVersionOf = "IsNewVersionOf",
        IsPreviousVersionOf = "IsPreviousVersionOf",
        IsPartOf = "IsPartOf",
        HasPart = "HasPart",
        IsPublishedIn = "IsPublishedIn",
        IsReferencedBy = "IsReferencedBy",
        References = "References",
        IsDocumentedBy = "IsDocumentedBy",
        Documents = "Documents",
        IsCompiledBy = "IsCompiledBy",
        Compiles = "Compiles",
        IsVariantFormOf = "IsVariantFormOf",
        IsOriginalFormOf = "IsOriginalFormOf",
        IsIdenticalTo = "IsIdenticalTo",
        HasMetadata = "HasMetadata",
        IsMetadataFor = "IsMetadataFor",
        Reviews = "Reviews",
        IsReviewedBy = "IsReviewedBy",
        IsDerivedFrom = "IsDerivedFrom",
        IsSourceOf = "IsSourceOf",
        Describes = "Describes",
        IsDescribedBy = "IsDescribedBy",
        HasVersion = "HasVersion",
        IsVersionOf = "IsVersionOf",
        Requires = "Requires",
        IsRequiredBy = "IsRequiredBy",
        Obsoletes = "Obsoletes",
        IsObsoletedBy = "IsObsoletedBy",
        Collects = "Collects",
        IsCollectedBy = "IsCollectedBy",
        HasTranslation = "HasTranslation",
        IsTranslationOf = "IsTranslationOf",
        Other = "Other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_normalised_and_unknown_lookups() {
        assert_eq!(RelationType::lookup("IsPartOf"), (RelationType::IsPartOf, Match::Exact));
        assert_eq!(RelationType::lookup("isPartOf"), (RelationType::IsPartOf, Match::Normalised));
        assert_eq!(RelationType::lookup("is_part_of"), (RelationType::IsPartOf, Match::Normalised));
        assert_eq!(
            FunderIdentifierType::lookup("crossref funder id"),
            (FunderIdentifierType::CrossrefFunderId, Match::Normalised)
        );
        let (value, m) = ResourceTypeGeneral::lookup("Film");
        assert_eq!(m, Match::Unknown);
        assert_eq!(value.as_str(), "Film");
        assert!(!value.is_known());
    }

    #[test]
    fn serde_keeps_unknown_values_as_written() {
        let v: ContributorType = serde_json::from_str("\"Funder\"").unwrap();
        assert_eq!(v, ContributorType::Unknown("Funder".into()));
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"Funder\"");
        let v: RelatedIdentifierType = serde_json::from_str("\"arXiv\"").unwrap();
        assert_eq!(v, RelatedIdentifierType::ArXiv);
    }

    #[test]
    fn every_listed_value_round_trips() {
        for v in RelationType::ALL {
            assert_eq!(&RelationType::from_exact(v.as_str()), v);
        }
        assert_eq!(RelationType::VALUES.len(), RelationType::ALL.len());
    }
}

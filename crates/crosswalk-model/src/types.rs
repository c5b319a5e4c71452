//! `types`: the resource type and the citation types derived from it.
//!
//! `schemaOrg`, `citeproc`, `bibtex` and `ris` are not stored: they are derived from
//! `resourceTypeGeneral` with the table in `crosswalk-notes` (which fixes the Ruby converter's
//! `RRPT`, `paper-conference` and `DataPaper` rows and covers every 4.7 value), refined when
//! `resourceType` names a Crossref work type, as the REST API does.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::vocab::ResourceTypeGeneral;

/// The resource type: the controlled `resourceTypeGeneral` and the free-text `resourceType`.
///
/// ```
/// use crosswalk_model::{ResourceTypeGeneral, Types};
///
/// let t = Types::new(ResourceTypeGeneral::Text, Some("JournalArticle"));
/// let derived = t.derived().unwrap();
/// assert_eq!(derived.ris, "JOUR");
/// assert_eq!(Types::new(ResourceTypeGeneral::Text, None).derived().unwrap().ris, "RPRT");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Types {
    /// The general type (required for registration).
    pub resource_type_general: Option<ResourceTypeGeneral>,
    /// A free-text description of the type.
    pub resource_type: Option<String>,
}

/// The citation types derived from [`Types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DerivedTypes {
    /// A schema.org `@type`.
    pub schema_org: &'static str,
    /// A CSL item type.
    pub citeproc: &'static str,
    /// A BibTeX entry type.
    pub bibtex: &'static str,
    /// A RIS `TY` value.
    pub ris: &'static str,
}

const fn row(
    schema_org: &'static str,
    citeproc: &'static str,
    bibtex: &'static str,
    ris: &'static str,
) -> DerivedTypes {
    DerivedTypes { schema_org, citeproc, bibtex, ris }
}

const CREATIVE_WORK: DerivedTypes = row("CreativeWork", "article", "misc", "GEN");

/// The derived types of a `resourceTypeGeneral`.
pub fn derive_from_general(general: &ResourceTypeGeneral) -> DerivedTypes {
    use ResourceTypeGeneral as R;
    match general {
        R::Audiovisual => row("MediaObject", "motion_picture", "misc", "MPCT"),
        R::Book => row("Book", "book", "book", "BOOK"),
        R::BookChapter => row("Chapter", "chapter", "inbook", "CHAP"),
        R::Collection => row("Collection", "article", "misc", "GEN"),
        R::ComputationalNotebook | R::Software => row("SoftwareSourceCode", "software", "misc", "COMP"),
        R::ConferencePaper => row("ScholarlyArticle", "paper-conference", "inproceedings", "CPAPER"),
        R::ConferenceProceeding => row("Book", "book", "proceedings", "CONF"),
        R::DataPaper | R::JournalArticle => row("ScholarlyArticle", "article-journal", "article", "JOUR"),
        R::Text => row("ScholarlyArticle", "article-journal", "article", "RPRT"),
        R::Dataset => row("Dataset", "dataset", "misc", "DATA"),
        R::Dissertation => row("Thesis", "thesis", "phdthesis", "THES"),
        R::Event => row("Event", "event", "misc", "GEN"),
        R::Image => row("ImageObject", "graphic", "misc", "FIGURE"),
        R::Journal => row("Periodical", "periodical", "misc", "JFULL"),
        R::PeerReview => row("Review", "review", "misc", "GEN"),
        R::Preprint => row("ScholarlyArticle", "article", "unpublished", "GEN"),
        R::Report => row("Report", "report", "techreport", "RPRT"),
        R::Sound => row("AudioObject", "song", "misc", "SOUND"),
        R::Standard => row("CreativeWork", "standard", "misc", "STAND"),
        R::Award => row("Grant", "article", "misc", "GEN"),
        R::Project => row("Project", "article", "misc", "GEN"),
        R::Service => row("Service", "article", "misc", "GEN"),
        R::Instrument
        | R::InteractiveResource
        | R::Model
        | R::OutputManagementPlan
        | R::PhysicalObject
        | R::Poster
        | R::Presentation
        | R::StudyRegistration
        | R::Workflow
        | R::Other
        | R::Unknown(_) => CREATIVE_WORK,
    }
}

/// Crossref work types (CamelCase, as the REST API writes them in `resourceType`) and their rows.
const CROSSREF_TYPES: &[(&str, DerivedTypes)] = &[
    ("JournalArticle", row("ScholarlyArticle", "article-journal", "article", "JOUR")),
    ("ProceedingsArticle", row("ScholarlyArticle", "paper-conference", "inproceedings", "CPAPER")),
    ("BookChapter", row("Chapter", "chapter", "inbook", "CHAP")),
    ("BookSection", row("Chapter", "chapter", "inbook", "CHAP")),
    ("BookPart", row("Chapter", "chapter", "inbook", "CHAP")),
    ("BookTrack", row("Chapter", "chapter", "inbook", "CHAP")),
    ("Book", row("Book", "book", "book", "BOOK")),
    ("Monograph", row("Book", "book", "book", "BOOK")),
    ("EditedBook", row("Book", "book", "book", "EDBOOK")),
    ("ReferenceBook", row("Book", "book", "book", "BOOK")),
    ("BookSet", row("Book", "book", "book", "BOOK")),
    ("BookSeries", row("BookSeries", "book", "book", "SER")),
    ("Dissertation", row("Thesis", "thesis", "phdthesis", "THES")),
    ("Report", row("Report", "report", "techreport", "RPRT")),
    ("ReportComponent", row("Report", "report", "techreport", "RPRT")),
    ("ReportSeries", row("Report", "report", "techreport", "SER")),
    ("Dataset", row("Dataset", "dataset", "misc", "DATA")),
    ("Database", row("Dataset", "dataset", "misc", "DBASE")),
    ("Journal", row("Periodical", "periodical", "misc", "JFULL")),
    ("JournalIssue", row("PublicationIssue", "periodical", "misc", "JFULL")),
    ("JournalVolume", row("PublicationVolume", "periodical", "misc", "JFULL")),
    ("Proceedings", row("Book", "book", "proceedings", "CONF")),
    ("ProceedingsSeries", row("Book", "book", "proceedings", "CONF")),
    ("PostedContent", row("ScholarlyArticle", "article", "unpublished", "GEN")),
    ("PeerReview", row("Review", "review", "misc", "GEN")),
    ("ReferenceEntry", row("CreativeWork", "entry", "misc", "ENCYC")),
    ("Standard", row("CreativeWork", "standard", "misc", "STAND")),
    ("StandardSeries", row("CreativeWork", "standard", "misc", "STAND")),
    ("Component", CREATIVE_WORK),
    ("Grant", row("Grant", "article", "misc", "GEN")),
    ("Other", CREATIVE_WORK),
];

/// The row of a Crossref work type named in `resourceType`, ignoring case, spaces, `-` and `_`
/// (`JournalArticle`, `journal-article`, `Journal Article`).
pub fn crossref_type(resource_type: &str) -> Option<DerivedTypes> {
    // Compared character by character, without allocating: this runs for every record written.
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase())
    }
    let wanted = resource_type.trim();
    if wanted.len() > 40 {
        return None;
    }
    CROSSREF_TYPES.iter().find(|(name, _)| folded(name).eq(folded(wanted))).map(|(_, row)| *row)
}

impl Types {
    /// Types with a general type and an optional free-text type.
    pub fn new(general: ResourceTypeGeneral, resource_type: Option<&str>) -> Self {
        Types { resource_type_general: Some(general), resource_type: resource_type.map(str::to_owned) }
    }

    /// True when neither type is known.
    pub fn is_empty(&self) -> bool {
        self.resource_type_general.is_none() && self.resource_type.is_none()
    }

    /// The derived citation types, or `None` when nothing is known to derive them from.
    pub fn derived(&self) -> Option<DerivedTypes> {
        self.resource_type
            .as_deref()
            .and_then(crossref_type)
            .or_else(|| self.resource_type_general.as_ref().map(derive_from_general))
    }
}

impl Serialize for Types {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(general) = &self.resource_type_general {
            map.serialize_entry("resourceTypeGeneral", general.as_str())?;
        }
        if let Some(resource_type) = &self.resource_type {
            map.serialize_entry("resourceType", resource_type)?;
        }
        if let Some(d) = self.derived() {
            map.serialize_entry("schemaOrg", d.schema_org)?;
            map.serialize_entry("citeproc", d.citeproc)?;
            map.serialize_entry("bibtex", d.bibtex)?;
            map.serialize_entry("ris", d.ris)?;
        }
        map.end()
    }
}

/// The REST form of `types`, derived keys included so that they count as known when read.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default, expecting = "struct Types")]
struct TypesForm {
    resource_type_general: Option<ResourceTypeGeneral>,
    #[serde(deserialize_with = "crate::serde_forms::opt_text")]
    resource_type: Option<String>,
    #[allow(dead_code)]
    schema_org: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    citeproc: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    bibtex: Option<serde::de::IgnoredAny>,
    #[allow(dead_code)]
    ris: Option<serde::de::IgnoredAny>,
}

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let form = TypesForm::deserialize(d)?;
        Ok(Types { resource_type_general: form.resource_type_general, resource_type: form.resource_type })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_general_type_has_a_row() {
        for general in ResourceTypeGeneral::ALL {
            let d = derive_from_general(general);
            assert!(!d.ris.is_empty() && !d.schema_org.is_empty(), "{general}");
        }
    }

    #[test]
    fn notes_fixes_are_applied() {
        assert_eq!(derive_from_general(&ResourceTypeGeneral::Report).ris, "RPRT");
        assert_eq!(derive_from_general(&ResourceTypeGeneral::ConferencePaper).citeproc, "paper-conference");
        assert_eq!(derive_from_general(&ResourceTypeGeneral::DataPaper).citeproc, "article-journal");
        assert_eq!(derive_from_general(&ResourceTypeGeneral::Award).schema_org, "Grant");
    }

    #[test]
    fn crossref_resource_type_refines() {
        let t = Types::new(ResourceTypeGeneral::Text, Some("Journal Article"));
        assert_eq!(t.derived().unwrap().ris, "JOUR");
        let t = Types::new(ResourceTypeGeneral::Software, Some("XML"));
        assert_eq!(t.derived().unwrap().ris, "COMP");
    }

    #[test]
    fn serialises_in_rest_shape() {
        let t = Types::new(ResourceTypeGeneral::Text, None);
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"resourceTypeGeneral": "Text", "schemaOrg": "ScholarlyArticle",
                "citeproc": "article-journal", "bibtex": "article", "ris": "RPRT"})
        );
        let back: Types = serde_json::from_value(v).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn type_errors_name_the_public_types() {
        let error = serde_json::from_value::<Types>(serde_json::json!(5)).unwrap_err();
        assert_eq!(error.to_string(), "invalid type: integer `5`, expected struct Types");
        let error = serde_json::from_value::<crate::GeoLocation>(serde_json::json!("Berlin")).unwrap_err();
        assert_eq!(error.to_string(), "invalid type: string \"Berlin\", expected struct GeoLocation");
    }
}

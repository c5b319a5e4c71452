//! `dc:type` values read as DataCite's `resourceTypeGeneral`: the DCMI Type Vocabulary, the
//! OpenAIRE/DRIVER publication types (`info:eu-repo/semantics/…`, which DSpace and EPrints
//! write for OpenAIRE), and the free-text types repositories write (`Article`, `Thesis`,
//! `Book Section`). `docs/crosswalks/dublin-core.md` lists the table.

use crosswalk_model::ResourceTypeGeneral;

/// Where a `dc:type` value comes from, which decides how much it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// The DCMI Type Vocabulary (`Text`, `StillImage`, also as `http://purl.org/dc/dcmitype/…`):
    /// general types, used when no more specific one is given.
    Dcmi,
    /// The OpenAIRE/DRIVER vocabulary (`info:eu-repo/semantics/article`).
    OpenAire,
    /// A free-text type that repositories commonly write.
    FreeText,
    /// Not a type of the resource but a status written as a `dc:type` (OpenAIRE's
    /// `publishedVersion`, EPrints' `PeerReviewed`): DataCite has no place for it.
    Status,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DcType {
    /// The value (matched ignoring case, and for free text also spaces, `-` and `_`).
    pub value: &'static str,
    /// The kind of value.
    pub kind: TypeKind,
    /// The `resourceTypeGeneral` (`None` for a status).
    pub general: Option<ResourceTypeGeneral>,
}

const fn dcmi(value: &'static str, general: ResourceTypeGeneral) -> DcType {
    DcType { value, kind: TypeKind::Dcmi, general: Some(general) }
}

const fn openaire(value: &'static str, general: ResourceTypeGeneral) -> DcType {
    DcType { value, kind: TypeKind::OpenAire, general: Some(general) }
}

const fn free(value: &'static str, general: ResourceTypeGeneral) -> DcType {
    DcType { value, kind: TypeKind::FreeText, general: Some(general) }
}

const fn status(value: &'static str) -> DcType {
    DcType { value, kind: TypeKind::Status, general: None }
}

/// The prefix of the OpenAIRE/DRIVER publication types.
pub const OPENAIRE_TYPES: &str = "info:eu-repo/semantics/";
/// The namespace of the DCMI Type Vocabulary.
pub const DCMI_TYPES: &str = "http://purl.org/dc/dcmitype/";

/// The table, in the order the crosswalk page lists it.
pub const TYPES: &[DcType] = {
    use ResourceTypeGeneral as R;
    &[
        dcmi("Collection", R::Collection),
        dcmi("Dataset", R::Dataset),
        dcmi("Event", R::Event),
        dcmi("Image", R::Image),
        dcmi("InteractiveResource", R::InteractiveResource),
        dcmi("MovingImage", R::Audiovisual),
        dcmi("PhysicalObject", R::PhysicalObject),
        dcmi("Service", R::Service),
        dcmi("Software", R::Software),
        dcmi("Sound", R::Sound),
        dcmi("StillImage", R::Image),
        dcmi("Text", R::Text),
        openaire("info:eu-repo/semantics/article", R::JournalArticle),
        openaire("info:eu-repo/semantics/bachelorThesis", R::Dissertation),
        openaire("info:eu-repo/semantics/masterThesis", R::Dissertation),
        openaire("info:eu-repo/semantics/doctoralThesis", R::Dissertation),
        openaire("info:eu-repo/semantics/book", R::Book),
        openaire("info:eu-repo/semantics/bookPart", R::BookChapter),
        openaire("info:eu-repo/semantics/review", R::Text),
        openaire("info:eu-repo/semantics/conferenceObject", R::ConferencePaper),
        openaire("info:eu-repo/semantics/lecture", R::Presentation),
        openaire("info:eu-repo/semantics/workingPaper", R::Preprint),
        openaire("info:eu-repo/semantics/preprint", R::Preprint),
        openaire("info:eu-repo/semantics/report", R::Report),
        openaire("info:eu-repo/semantics/annotation", R::Text),
        openaire("info:eu-repo/semantics/contributionToPeriodical", R::Text),
        openaire("info:eu-repo/semantics/patent", R::Text),
        openaire("info:eu-repo/semantics/other", R::Other),
        status("info:eu-repo/semantics/draft"),
        status("info:eu-repo/semantics/submittedVersion"),
        status("info:eu-repo/semantics/acceptedVersion"),
        status("info:eu-repo/semantics/publishedVersion"),
        status("info:eu-repo/semantics/updatedVersion"),
        status("PeerReviewed"),
        status("NonPeerReviewed"),
        free("Article", R::JournalArticle),
        free("Journal Article", R::JournalArticle),
        free("Book", R::Book),
        free("Monograph", R::Book),
        free("Book Section", R::BookChapter),
        free("Book Chapter", R::BookChapter),
        free("Chapter", R::BookChapter),
        free("Conference or Workshop Item", R::ConferencePaper),
        free("Conference Paper", R::ConferencePaper),
        free("Conference Proceedings", R::ConferenceProceeding),
        free("Thesis", R::Dissertation),
        free("Dissertation", R::Dissertation),
        free("Doctoral Thesis", R::Dissertation),
        free("Master Thesis", R::Dissertation),
        free("Report", R::Report),
        free("Technical Report", R::Report),
        free("Working Paper", R::Preprint),
        free("Preprint", R::Preprint),
        free("Computer Program", R::Software),
        free("Photograph", R::Image),
        free("Image, 3-D", R::Image),
        free("Map", R::Image),
        free("Plan or Blueprint", R::Image),
        free("Video", R::Audiovisual),
        free("Animation", R::Audiovisual),
        free("Film", R::Audiovisual),
        free("Audio", R::Sound),
        free("Recording, acoustical", R::Sound),
        free("Recording, musical", R::Sound),
        free("Recording, oral", R::Sound),
        free("Presentation", R::Presentation),
        free("Lecture", R::Presentation),
        free("Poster", R::Poster),
        free("Artefact", R::PhysicalObject),
        free("Show/Exhibition", R::Event),
        free("Exhibition", R::Event),
        free("Performance", R::Event),
        free("Journal", R::Journal),
        free("Peer Review", R::PeerReview),
        free("Standard", R::Standard),
        free("Learning Object", R::Other),
        free("Teaching Resource", R::Other),
        free("Other", R::Other),
    ]
};

/// Folds a free-text type for comparison: lower case, without spaces, `-`, `_`, `/`, `,` and `.`.
fn fold(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '/' | ',' | '.')).flat_map(char::to_lowercase).collect()
}

/// The row of a `dc:type` value: a DCMI type by name or URI, an OpenAIRE type (its prefix and
/// name matched ignoring case), or a free-text type (ignoring case and separators).
///
/// ```
/// use crosswalk_dublincore::types::{dc_type, TypeKind};
/// use crosswalk_model::ResourceTypeGeneral;
///
/// assert_eq!(dc_type("StillImage").unwrap().general, Some(ResourceTypeGeneral::Image));
/// assert_eq!(dc_type("http://purl.org/dc/dcmitype/MovingImage").unwrap().general, Some(ResourceTypeGeneral::Audiovisual));
/// assert_eq!(dc_type("info:eu-repo/semantics/doctoralThesis").unwrap().general, Some(ResourceTypeGeneral::Dissertation));
/// assert_eq!(dc_type("book section").unwrap().general, Some(ResourceTypeGeneral::BookChapter));
/// assert_eq!(dc_type("info:eu-repo/semantics/publishedVersion").unwrap().kind, TypeKind::Status);
/// assert!(dc_type("Musical score").is_none());
/// ```
pub fn dc_type(value: &str) -> Option<&'static DcType> {
    let value = value.trim();
    let lower = value.to_lowercase();
    if let Some(name) = lower.strip_prefix(DCMI_TYPES) {
        return TYPES.iter().find(|t| t.kind == TypeKind::Dcmi && t.value.to_lowercase() == name);
    }
    if lower.starts_with(OPENAIRE_TYPES) {
        return TYPES
            .iter()
            .find(|t| matches!(t.kind, TypeKind::OpenAire | TypeKind::Status) && t.value.to_lowercase() == lower);
    }
    let folded = fold(value);
    TYPES.iter().find(|t| !t.value.starts_with("info:") && fold(t.value) == folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_found_by_its_value_and_values_are_unique() {
        for row in TYPES {
            assert_eq!(dc_type(row.value), Some(row), "{}", row.value);
            assert_eq!(row.general.is_none(), row.kind == TypeKind::Status, "{}", row.value);
        }
        assert_eq!(dc_type("text").map(|t| t.kind), Some(TypeKind::Dcmi));
        assert_eq!(dc_type("INFO:EU-REPO/SEMANTICS/ARTICLE").map(|t| t.value), Some("info:eu-repo/semantics/article"));
        assert_eq!(dc_type("Journal-Article").map(|t| t.value), Some("Journal Article"));
        assert!(dc_type("info:eu-repo/semantics/unknownThing").is_none());
        assert!(dc_type("http://purl.org/dc/dcmitype/Nothing").is_none());
    }
}

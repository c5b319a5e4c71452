//! The reference types of CFF 1.2.0 and their `resourceTypeGeneral`, both ways.

use crosswalk_model::ResourceTypeGeneral;

/// A reference type, its general type, and whether the writer writes it for that general type
/// (the first row of a general type marked so is the one written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRow {
    /// The CFF reference `type`.
    pub cff: &'static str,
    /// The related item type it is read as.
    pub general: ResourceTypeGeneral,
    /// True when a related item of `general` is written with this type.
    pub written: bool,
}

const fn t(cff: &'static str, general: ResourceTypeGeneral, written: bool) -> TypeRow {
    TypeRow { cff, general, written }
}

use ResourceTypeGeneral as G;

/// Every reference type of CFF 1.2.0 (the schema's `reference.type` list).
pub const TYPES: &[TypeRow] = &[
    t("art", G::Image, true),
    t("article", G::JournalArticle, true),
    t("audiovisual", G::Audiovisual, true),
    t("bill", G::Text, false),
    t("blog", G::Text, false),
    t("book", G::Book, true),
    t("catalogue", G::Collection, true),
    t("conference-paper", G::ConferencePaper, true),
    t("conference", G::Event, true),
    t("data", G::Dataset, true),
    t("database", G::Dataset, false),
    t("dictionary", G::Book, false),
    t("edited-work", G::Book, false),
    t("encyclopedia", G::Book, false),
    t("film-broadcast", G::Audiovisual, false),
    t("generic", G::Other, true),
    t("government-document", G::Report, false),
    t("grant", G::Award, true),
    t("hearing", G::Text, false),
    t("historical-work", G::Text, false),
    t("legal-case", G::Text, false),
    t("legal-rule", G::Text, false),
    t("magazine-article", G::Text, false),
    t("manual", G::Text, false),
    t("map", G::Image, false),
    t("multimedia", G::InteractiveResource, true),
    t("music", G::Sound, false),
    t("newspaper-article", G::Text, false),
    t("pamphlet", G::Text, false),
    t("patent", G::Text, false),
    t("personal-communication", G::Text, false),
    t("proceedings", G::ConferenceProceeding, true),
    t("report", G::Report, true),
    t("serial", G::Journal, true),
    t("slides", G::Presentation, true),
    t("software-code", G::Software, false),
    t("software-container", G::Software, false),
    t("software-executable", G::Software, false),
    t("software-virtual-machine", G::Software, false),
    t("software", G::Software, true),
    t("sound-recording", G::Sound, true),
    t("standard", G::Standard, true),
    t("statute", G::Text, false),
    t("thesis", G::Dissertation, true),
    t("unpublished", G::Preprint, true),
    t("video", G::Audiovisual, false),
    t("website", G::InteractiveResource, false),
];

/// The general type of a reference type (exact spelling, as the schema lists them).
pub fn general_of(cff: &str) -> Option<&'static ResourceTypeGeneral> {
    TYPES.iter().find(|row| row.cff == cff).map(|row| &row.general)
}

/// The reference type written for a related item type: the row marked `written` of that type,
/// else `generic` (reported by the writer).
pub fn cff_of(general: &ResourceTypeGeneral) -> Option<&'static str> {
    TYPES.iter().find(|row| row.written && &row.general == general).map(|row| row.cff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_types_read_back() {
        for row in TYPES.iter().filter(|r| r.written) {
            assert_eq!(general_of(row.cff), Some(&row.general));
            assert_eq!(cff_of(&row.general), Some(row.cff), "one written row per general type");
        }
    }
}

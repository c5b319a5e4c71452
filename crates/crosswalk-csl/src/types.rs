//! CSL item types both ways: every CSL 1.0.2 type to a `resourceTypeGeneral` (and, where that
//! loses the type, a `resourceType` label that brings it back), and the model's types to a CSL
//! type for writing.
//!
//! The writer starts from `Types::derived().citeproc`, as every writer does. The derived table
//! has one CSL type per `resourceTypeGeneral` (Text gives `article-journal`), so a blog post
//! read as Text would come back as a journal article; the labels in [`ITEM_TYPES`] let the
//! writer recover the exact type when `resourceType` holds one (with a matching general type).

use crosswalk_model::vocab::Match;
use crosswalk_model::{ResourceTypeGeneral as General, Types};
use crosswalk_rules::crossref_types::CrossrefType;

/// One CSL item type and what it maps to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemType {
    /// The CSL type.
    pub csl: &'static str,
    /// Its `resourceTypeGeneral`.
    pub general: General,
    /// The `resourceType` written when `general` alone would derive another CSL type; `None`
    /// when `Types::derived()` of `general` is this type already.
    pub label: Option<&'static str>,
    /// The `relatedItemType` of the item's container (`container-title` …).
    pub container: General,
    /// True for types that are parts of a book or proceedings volume: their `ISBN` is the
    /// container's.
    pub part_of_book: bool,
}

const fn t(
    csl: &'static str,
    general: General,
    label: Option<&'static str>,
    container: General,
    part_of_book: bool,
) -> ItemType {
    ItemType { csl, general, label, container, part_of_book }
}

/// Every item type of CSL 1.0.2, in the schema's order.
pub const ITEM_TYPES: &[ItemType] = &[
    // CSL 1.0.2: "a self-contained work … not published in a journal"; DataCite derives it for
    // a dozen general types, so alone it says "a text" (the reader refines it by genre and
    // container: `read::map::article`).
    t("article", General::Text, Some("Article"), General::Other, false),
    t("article-journal", General::JournalArticle, None, General::Journal, false),
    t("article-magazine", General::Text, Some("Magazine article"), General::Journal, false),
    t("article-newspaper", General::Text, Some("Newspaper article"), General::Journal, false),
    t("bill", General::Text, Some("Bill"), General::Other, false),
    t("book", General::Book, None, General::Book, false),
    t("broadcast", General::Audiovisual, Some("Broadcast"), General::Audiovisual, false),
    t("chapter", General::BookChapter, None, General::Book, true),
    t("classic", General::Text, Some("Classic"), General::Book, false),
    t("collection", General::Collection, Some("Collection"), General::Other, false),
    t("dataset", General::Dataset, None, General::Other, false),
    t("document", General::Text, Some("Document"), General::Other, false),
    t("entry", General::Text, Some("ReferenceEntry"), General::Book, true),
    t("entry-dictionary", General::Text, Some("Dictionary entry"), General::Book, true),
    t("entry-encyclopedia", General::Text, Some("Encyclopedia entry"), General::Book, true),
    t("event", General::Event, None, General::Event, false),
    t("figure", General::Image, Some("Figure"), General::Other, false),
    t("graphic", General::Image, None, General::Other, false),
    t("hearing", General::Text, Some("Hearing"), General::Other, false),
    t("interview", General::Text, Some("Interview"), General::Other, false),
    t("legal_case", General::Text, Some("Legal case"), General::Other, false),
    t("legislation", General::Text, Some("Legislation"), General::Other, false),
    t("manuscript", General::Text, Some("Manuscript"), General::Other, false),
    t("map", General::Image, Some("Map"), General::Other, false),
    t("motion_picture", General::Audiovisual, None, General::Audiovisual, false),
    t("musical_score", General::Text, Some("Musical score"), General::Other, false),
    t("pamphlet", General::Text, Some("Pamphlet"), General::Other, false),
    t("paper-conference", General::ConferencePaper, None, General::ConferenceProceeding, true),
    t("patent", General::Text, Some("Patent"), General::Other, false),
    t("performance", General::Event, Some("Performance"), General::Other, false),
    t("periodical", General::Journal, None, General::Other, false),
    t("personal_communication", General::Text, Some("Personal communication"), General::Other, false),
    t("post", General::Text, Some("Post"), General::Other, false),
    t("post-weblog", General::Text, Some("Blog post"), General::Other, false),
    t("regulation", General::Text, Some("Regulation"), General::Other, false),
    t("report", General::Report, None, General::Report, false),
    t("review", General::PeerReview, None, General::Journal, false),
    t("review-book", General::PeerReview, Some("Book review"), General::Journal, false),
    t("software", General::Software, None, General::Software, false),
    t("song", General::Sound, None, General::Sound, false),
    t("speech", General::Presentation, Some("Speech"), General::Other, false),
    t("standard", General::Standard, None, General::Other, false),
    t("thesis", General::Dissertation, None, General::Other, false),
    t("treaty", General::Text, Some("Treaty"), General::Other, false),
    t("webpage", General::Text, Some("Webpage"), General::Other, false),
];

/// Folds a type name for the lenient comparison: lowercase, without `-`, `_` and spaces.
fn fold(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).map(|c| c.to_ascii_lowercase())
}

/// The item type named `text`: exactly, or ignoring case, `-`, `_` and spaces
/// (`motion-picture`, `Article_Journal`).
pub fn lookup(text: &str) -> Option<(&'static ItemType, Match)> {
    if let Some(found) = ITEM_TYPES.iter().find(|t| t.csl == text) {
        return Some((found, Match::Exact));
    }
    ITEM_TYPES.iter().find(|t| fold(t.csl).eq(fold(text))).map(|found| (found, Match::Normalised))
}

/// A Crossref work type id given as CSL `type` (`journal-article`, `posted-content`), as the
/// CSL-JSON that doi.org serves for Crossref DOIs has it: the Crossref type (from the table the
/// Crossref XML reader uses, [`crosswalk_rules::crossref_types`]) and the CSL type it stands for,
/// whose container and ISBN rules the item follows (`journal-article` is an `article-journal`).
/// `None` for anything else.
///
/// ```
/// let (crossref, csl) = crosswalk_csl::types::crossref_lookup("journal-article").unwrap();
/// assert_eq!(crossref.resource_type, "JournalArticle");
/// assert_eq!(csl.csl, "article-journal");
/// assert!(crosswalk_csl::types::crossref_lookup("article-journal").is_none());
/// ```
pub fn crossref_lookup(text: &str) -> Option<(&'static CrossrefType, &'static ItemType)> {
    let crossref = crosswalk_rules::crossref_types::crossref_type(text)?;
    let citeproc = crossref.types().derived()?.citeproc;
    let item_type = ITEM_TYPES.iter().find(|t| t.csl == citeproc)?;
    Some((crossref, item_type))
}

/// The CSL type to write for `types`: the type a `resourceType` label (or CSL type name) names
/// when its general type agrees, else `Types::derived().citeproc`; `None` when nothing is known.
pub fn csl_type(types: &Types) -> Option<&'static str> {
    if let (Some(general), Some(resource_type)) = (&types.resource_type_general, &types.resource_type) {
        let wanted = resource_type.trim();
        let named = ITEM_TYPES.iter().find(|t| {
            &t.general == general
                && (t.label.is_some_and(|label| label.eq_ignore_ascii_case(wanted)) || t.csl == wanted)
        });
        if let Some(found) = named {
            return Some(found.csl);
        }
    }
    types.derived().map(|d| d.citeproc)
}

/// True when `text` is one of the labels of [`ITEM_TYPES`] or a CSL type name, so that the
/// writer does not repeat it as `genre`.
pub fn is_type_label(text: &str) -> bool {
    let wanted = text.trim();
    ITEM_TYPES.iter().any(|t| t.csl == wanted || t.label.is_some_and(|label| label.eq_ignore_ascii_case(wanted)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_comes_back() {
        for item_type in ITEM_TYPES {
            let types = Types {
                resource_type_general: Some(item_type.general.clone()),
                resource_type: item_type.label.map(str::to_owned),
            };
            assert_eq!(csl_type(&types), Some(item_type.csl), "{}", item_type.csl);
            match item_type.label {
                // Without a label, the shared derived table gives the type back on its own.
                None => assert_eq!(types.derived().map(|d| d.citeproc), Some(item_type.csl)),
                // With one, the derived table alone would not.
                Some(_) => {
                    let general_only =
                        Types { resource_type_general: Some(item_type.general.clone()), resource_type: None };
                    assert_ne!(general_only.derived().map(|d| d.citeproc), Some(item_type.csl), "{}", item_type.csl);
                }
            }
        }
        assert_eq!(ITEM_TYPES.len(), 45);
    }

    #[test]
    fn every_crossref_type_stands_for_a_csl_type() {
        for crossref in crosswalk_rules::crossref_types::CROSSREF_TYPES {
            let (found, item_type) = crossref_lookup(crossref.id).expect(crossref.id);
            assert_eq!(found, crossref);
            // CSL's own spelling wins where a Crossref id is also a CSL type (`book`, `dataset`).
            if lookup(crossref.id).is_some() {
                assert_eq!(lookup(crossref.id).unwrap().0.csl, crossref.id);
            }
            assert_eq!(Some(item_type.csl), crossref.types().derived().map(|d| d.citeproc));
        }
    }

    #[test]
    fn lenient_lookup() {
        assert_eq!(lookup("motion-picture").map(|(t, m)| (t.csl, m)), Some(("motion_picture", Match::Normalised)));
        assert_eq!(lookup("book").map(|(t, m)| (t.csl, m)), Some(("book", Match::Exact)));
        assert!(lookup("journal-article").is_none());
    }

    #[test]
    fn a_label_needs_its_general_type() {
        let types = Types { resource_type_general: Some(General::Dataset), resource_type: Some("Map".into()) };
        assert_eq!(csl_type(&types), Some("dataset"));
        let types = Types { resource_type_general: Some(General::Image), resource_type: Some("map".into()) };
        assert_eq!(csl_type(&types), Some("map"));
    }
}

//! The RIS reference types (`TY`): the whole list of the 2011 specification, the 2001 types it
//! kept, and the variant spellings exporters write, each mapped to a `resourceTypeGeneral` and a
//! `resourceType` label.
//!
//! The labels are chosen so that the model's derived RIS type (`Types::derived().ris`) gives the
//! `TY` back wherever the derivation table allows it (a label that names a Crossref work type,
//! such as `Journal article` or `Edited book`, refines the derivation), and the writer recognises
//! every label, so every `TY` survives model → RIS → model.

use crosswalk_model::ResourceTypeGeneral as G;
use crosswalk_model::{RelatedIdentifierType, ResourceTypeGeneral};

/// What kind of work a type is, which decides where container data goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// An article in a periodical: the container is a `Journal`; `C2`, `C7` and the
    /// e-publication date in `ET` apply.
    Article,
    /// A part of a book (chapter, entry): the container is a `Book` and takes the ISBN.
    BookPart,
    /// A conference paper: the container is a `ConferenceProceeding` and takes the ISBN.
    Paper,
    /// A web page, post or message: the container (the website) is a `Collection`.
    WebPart,
    /// A whole book: `SP` alone is its number of pages; `BT` is its title.
    Book,
    /// A thesis: `SP` alone is its number of pages.
    Thesis,
    /// An audiovisual work: `A3` is its producer.
    Audiovisual,
    /// A periodical or series itself: an ISSN identifies the work, not a container.
    Serial,
    /// Any other whole work: a container holds its series.
    Work,
}

impl Family {
    /// True when the record is a part of something (an article, a chapter, a paper, a page).
    pub fn is_part(self) -> bool {
        matches!(self, Family::Article | Family::BookPart | Family::Paper | Family::WebPart)
    }

    /// The `relatedItemType` of the container (`IsPublishedIn`) of a record of this family.
    pub fn container_type(self) -> ResourceTypeGeneral {
        match self {
            Family::Article => G::Journal,
            Family::BookPart => G::Book,
            Family::Paper => G::ConferenceProceeding,
            _ => G::Collection,
        }
    }

    /// The identifier type that belongs to the container rather than to the work itself.
    pub fn container_takes(self, kind: &RelatedIdentifierType) -> bool {
        match kind {
            RelatedIdentifierType::Issn => self != Family::Serial,
            RelatedIdentifierType::Isbn => matches!(self, Family::BookPart | Family::Paper),
            _ => false,
        }
    }
}

/// One `TY` value.
#[derive(Clone, Debug)]
pub struct RisType {
    /// The `TY` value.
    pub ty: &'static str,
    /// What the specification calls it.
    pub meaning: &'static str,
    /// The `resourceTypeGeneral` it is read as.
    pub general: ResourceTypeGeneral,
    /// The `resourceType` it is read as (`None` for `GEN`, which says nothing more than `Other`).
    pub label: Option<&'static str>,
    /// What kind of work it is.
    pub family: Family,
    /// For a variant spelling: the `TY` the writer writes instead.
    pub alias_of: Option<&'static str>,
}

const fn ty(
    ty: &'static str,
    meaning: &'static str,
    general: ResourceTypeGeneral,
    label: &'static str,
    family: Family,
) -> RisType {
    RisType { ty, meaning, general, label: Some(label), family, alias_of: None }
}

const fn alias(ty: &'static str, of: &'static str, general: ResourceTypeGeneral, label: &'static str) -> RisType {
    RisType { ty, meaning: "variant spelling", general, label: Some(label), family: Family::Work, alias_of: Some(of) }
}

use Family as F;

/// Every `TY` value the reader knows, in alphabetical order, variant spellings last.
pub const TYPES: &[RisType] = &[
    ty("ABST", "Abstract", G::Text, "Abstract", F::Article),
    ty("ADVS", "Audiovisual material", G::Audiovisual, "Audiovisual material", F::Audiovisual),
    ty("AGGR", "Aggregated database", G::Dataset, "Aggregated database", F::Work),
    ty("ANCIENT", "Ancient text", G::Text, "Ancient text", F::Work),
    ty("ART", "Art work", G::Image, "Artwork", F::Work),
    ty("BILL", "Bill", G::Text, "Bill", F::Work),
    ty("BLOG", "Blog", G::Text, "Blog post", F::WebPart),
    ty("BOOK", "Whole book", G::Book, "Book", F::Book),
    ty("CASE", "Case", G::Text, "Case", F::Work),
    ty("CHAP", "Book chapter", G::BookChapter, "Book chapter", F::BookPart),
    ty("CHART", "Chart", G::Image, "Chart", F::Work),
    ty("CLSWK", "Classical work", G::Text, "Classical work", F::Work),
    ty("COMP", "Computer program", G::Software, "Computer program", F::Work),
    ty("CONF", "Conference proceeding", G::ConferenceProceeding, "Proceedings", F::Work),
    ty("CPAPER", "Conference paper", G::ConferencePaper, "Conference paper", F::Paper),
    ty("CTLG", "Catalog", G::Text, "Catalog", F::Work),
    ty("DATA", "Data file", G::Dataset, "Dataset", F::Work),
    ty("DBASE", "Online database", G::Dataset, "Database", F::Work),
    ty("DICT", "Dictionary", G::Text, "Dictionary entry", F::BookPart),
    ty("EBOOK", "Electronic book", G::Book, "Electronic book", F::Book),
    ty("ECHAP", "Electronic book section", G::BookChapter, "Electronic book section", F::BookPart),
    ty("EDBOOK", "Edited book", G::Book, "Edited book", F::Book),
    ty("EJOUR", "Electronic article", G::JournalArticle, "Electronic article", F::Article),
    ty("ELEC", "Web page", G::Text, "Web page", F::WebPart),
    ty("ENCYC", "Encyclopedia", G::Text, "Reference entry", F::BookPart),
    ty("EQUA", "Equation", G::Text, "Equation", F::Work),
    ty("FIGURE", "Figure", G::Image, "Figure", F::Work),
    RisType { ty: "GEN", meaning: "Generic", general: G::Other, label: None, family: F::Work, alias_of: None },
    ty("GOVDOC", "Government document", G::Report, "Government document", F::Work),
    ty("GRANT", "Grant", G::Award, "Grant", F::Work),
    ty("HEAR", "Hearing", G::Text, "Hearing", F::Work),
    ty("ICOMM", "Internet communication", G::Text, "Internet communication", F::WebPart),
    ty("INPR", "In press", G::JournalArticle, "In press", F::Article),
    ty("JFULL", "Journal (full)", G::Journal, "Journal", F::Serial),
    ty("JOUR", "Journal", G::JournalArticle, "Journal article", F::Article),
    ty("LEGAL", "Legal rule or regulation", G::Text, "Legal rule or regulation", F::Work),
    ty("MANSCPT", "Manuscript", G::Text, "Manuscript", F::Work),
    ty("MAP", "Map", G::Image, "Map", F::Work),
    ty("MGZN", "Magazine article", G::Text, "Magazine article", F::Article),
    ty("MPCT", "Motion picture", G::Audiovisual, "Motion picture", F::Audiovisual),
    ty("MULTI", "Online multimedia", G::Audiovisual, "Online multimedia", F::Audiovisual),
    ty("MUSIC", "Music score", G::Text, "Music score", F::Work),
    ty("NEWS", "Newspaper", G::Text, "Newspaper article", F::Article),
    ty("PAMP", "Pamphlet", G::Text, "Pamphlet", F::Work),
    ty("PAT", "Patent", G::Text, "Patent", F::Work),
    ty("PCOMM", "Personal communication", G::Text, "Personal communication", F::Work),
    ty("RPRT", "Report", G::Report, "Report", F::Work),
    ty("SER", "Serial publication", G::Collection, "Book series", F::Serial),
    ty("SLIDE", "Slide", G::Presentation, "Slide", F::Work),
    ty("SOUND", "Sound recording", G::Sound, "Sound recording", F::Audiovisual),
    ty("STAND", "Standard", G::Standard, "Standard", F::Work),
    ty("STAT", "Statute", G::Text, "Statute", F::Work),
    ty("THES", "Thesis/Dissertation", G::Dissertation, "Thesis", F::Thesis),
    ty("UNBILL", "Unenacted bill", G::Text, "Unenacted bill", F::Work),
    ty("UNPB", "Unpublished work", G::Text, "Unpublished work", F::Work),
    ty("VIDEO", "Video recording", G::Audiovisual, "Video recording", F::Audiovisual),
    alias("GRNT", "GRANT", G::Award, "Grant"),
    alias("UNPD", "UNPB", G::Text, "Unpublished work"),
    alias("WEB", "ELEC", G::Text, "Web page"),
];

/// The type of a `TY` value spelled exactly.
pub fn lookup(ty: &str) -> Option<&'static RisType> {
    TYPES.iter().find(|t| t.ty == ty).map(resolve)
}

/// A variant spelling's own row stands for the type it spells; its family is that type's.
fn resolve(row: &'static RisType) -> &'static RisType {
    match row.alias_of {
        Some(of) => TYPES.iter().find(|t| t.ty == of).unwrap_or(row),
        None => row,
    }
}

/// The type whose label is `resource_type` (ignoring case, spaces, `-`, `_`) and whose general
/// type is `general`: the writer's refinement of the derived `TY`.
pub fn by_label(general: &ResourceTypeGeneral, resource_type: &str) -> Option<&'static RisType> {
    let wanted = fold(resource_type);
    TYPES
        .iter()
        .filter(|t| t.alias_of.is_none() && &t.general == general)
        .find(|t| t.label.is_some_and(|label| fold(label) == wanted))
}

/// The row of a `TY` value of the derivation table (never an alias).
pub fn by_ty(ty: &str) -> Option<&'static RisType> {
    TYPES.iter().find(|t| t.ty == ty && t.alias_of.is_none())
}

fn fold(text: &str) -> String {
    text.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_unique_and_aliases_resolve() {
        let mut seen = std::collections::BTreeSet::new();
        for t in TYPES {
            assert!(seen.insert(t.ty), "{} twice", t.ty);
            if let Some(of) = t.alias_of {
                assert!(by_ty(of).is_some(), "{} is an alias of the unknown {of}", t.ty);
                assert_eq!(lookup(t.ty).map(|r| r.ty), Some(of));
            }
        }
        assert_eq!(lookup("UNPD").map(|t| t.family), Some(Family::Work));
        assert_eq!(lookup("WEB").map(|t| t.family), Some(Family::WebPart));
    }

    #[test]
    fn labels_find_their_type() {
        for t in TYPES.iter().filter(|t| t.alias_of.is_none()) {
            if let Some(label) = t.label {
                assert_eq!(by_label(&t.general, label).map(|r| r.ty), Some(t.ty), "{label}");
            }
        }
        assert_eq!(by_label(&G::Text, "magazine-article").map(|t| t.ty), Some("MGZN"));
        assert!(by_label(&G::Report, "Magazine article").is_none());
    }
}

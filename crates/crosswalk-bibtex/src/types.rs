//! Entry types both ways: every BibTeX and BibLaTeX entry type to a `resourceTypeGeneral`
//! (and, where the general type says less than the entry type, a `resourceType` label), and a
//! resource's types back to an entry type.
//!
//! A label is set exactly where [`Types::derived`] of the general type alone would not give
//! the entry type back (a booklet is a `Book`, whose derived BibTeX type is `book`): the writer
//! finds the entry type again from the label, so reading and writing keeps the type. Labels
//! that are Crossref work type names (`Edited book`, `Reference book`, `Reference entry`) also
//! refine the derived RIS and CSL types.

use crosswalk_model::{ResourceTypeGeneral, Types};

/// Where an entry type's container data (journal, book title, volume, pages …) belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// The entry stands alone: `series` is its container.
    None,
    /// Published in a journal or periodical (`journal`/`journaltitle`).
    Journal,
    /// Published in a book or collection (`booktitle`).
    Book,
    /// Published in conference proceedings (`booktitle`).
    Proceedings,
}

impl Container {
    /// The `relatedItemType` of the container.
    pub fn item_type(self) -> Option<ResourceTypeGeneral> {
        match self {
            Container::None => None,
            Container::Journal => Some(ResourceTypeGeneral::Journal),
            Container::Book => Some(ResourceTypeGeneral::Book),
            Container::Proceedings => Some(ResourceTypeGeneral::ConferenceProceeding),
        }
    }
}

/// Where an entry type is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// A type of classic BibTeX (also a BibLaTeX type or alias).
    Bibtex,
    /// A regular BibLaTeX type.
    Biblatex,
    /// A BibLaTeX alias of another type.
    BiblatexAlias,
    /// A type BibLaTeX lists as known to some styles ("unsupported" by the standard styles).
    BiblatexStyles,
    /// BibLaTeX's `customa`–`customf`, which have no meaning of their own.
    BiblatexCustom,
}

/// One entry type and how it maps.
#[derive(Clone, Debug)]
pub struct EntryType {
    /// The type name, lowercase (`article`).
    pub name: &'static str,
    /// Its `resourceTypeGeneral`.
    pub general: ResourceTypeGeneral,
    /// The `resourceType` it is read with, where the general type needs it.
    pub label: Option<&'static str>,
    /// Where its container data goes.
    pub container: Container,
    /// Where it is defined.
    pub dialect: Dialect,
    /// The type it is an alias of (BibLaTeX reads it as that type).
    pub alias_of: Option<&'static str>,
}

const fn t(
    name: &'static str,
    general: ResourceTypeGeneral,
    label: Option<&'static str>,
    container: Container,
    dialect: Dialect,
) -> EntryType {
    EntryType { name, general, label, container, dialect, alias_of: None }
}

const fn alias(
    name: &'static str,
    of: &'static str,
    general: ResourceTypeGeneral,
    label: Option<&'static str>,
    container: Container,
    dialect: Dialect,
) -> EntryType {
    EntryType { name, general, label, container, dialect, alias_of: Some(of) }
}

use Container as C;
use Dialect as D;
use ResourceTypeGeneral as G;

/// Every entry type of BibTeX and BibLaTeX (regular types, aliases, types known to styles,
/// custom types), in the BibLaTeX manual's order. `@xdata` is not here: it holds fields for
/// other entries and is not a record.
pub const ENTRY_TYPES: &[EntryType] = &[
    t("article", G::JournalArticle, None, C::Journal, D::Bibtex),
    t("book", G::Book, None, C::None, D::Bibtex),
    t("mvbook", G::Book, Some("Multi-volume book"), C::None, D::Biblatex),
    t("inbook", G::BookChapter, None, C::Book, D::Bibtex),
    t("bookinbook", G::BookChapter, Some("Book in book"), C::Book, D::Biblatex),
    t("suppbook", G::BookChapter, Some("Book supplement"), C::Book, D::Biblatex),
    t("booklet", G::Book, Some("Booklet"), C::None, D::Bibtex),
    t("collection", G::Book, Some("Edited book"), C::None, D::Biblatex),
    t("mvcollection", G::Book, Some("Multi-volume edited book"), C::None, D::Biblatex),
    t("incollection", G::BookChapter, Some("Chapter in an edited book"), C::Book, D::Bibtex),
    t("suppcollection", G::BookChapter, Some("Edited book supplement"), C::Book, D::Biblatex),
    t("dataset", G::Dataset, None, C::None, D::Biblatex),
    t("manual", G::Text, Some("Manual"), C::None, D::Bibtex),
    t("misc", G::Other, None, C::None, D::Bibtex),
    t("online", G::Text, Some("Online resource"), C::None, D::Biblatex),
    t("patent", G::Text, Some("Patent"), C::None, D::Biblatex),
    t("periodical", G::Journal, None, C::None, D::Biblatex),
    t("suppperiodical", G::Text, Some("Periodical supplement"), C::Journal, D::Biblatex),
    t("proceedings", G::ConferenceProceeding, None, C::None, D::Bibtex),
    t("mvproceedings", G::ConferenceProceeding, Some("Multi-volume proceedings"), C::None, D::Biblatex),
    t("inproceedings", G::ConferencePaper, None, C::Proceedings, D::Bibtex),
    t("reference", G::Book, Some("Reference book"), C::None, D::Biblatex),
    t("mvreference", G::Book, Some("Multi-volume reference book"), C::None, D::Biblatex),
    t("inreference", G::BookChapter, Some("Reference entry"), C::Book, D::Biblatex),
    t("report", G::Report, None, C::None, D::Biblatex),
    t("set", G::Collection, Some("Entry set"), C::None, D::Biblatex),
    t("software", G::Software, None, C::None, D::Biblatex),
    t("thesis", G::Dissertation, None, C::None, D::Biblatex),
    t("unpublished", G::Preprint, None, C::None, D::Bibtex),
    t("customa", G::Other, Some("customa"), C::None, D::BiblatexCustom),
    t("customb", G::Other, Some("customb"), C::None, D::BiblatexCustom),
    t("customc", G::Other, Some("customc"), C::None, D::BiblatexCustom),
    t("customd", G::Other, Some("customd"), C::None, D::BiblatexCustom),
    t("custome", G::Other, Some("custome"), C::None, D::BiblatexCustom),
    t("customf", G::Other, Some("customf"), C::None, D::BiblatexCustom),
    alias("conference", "inproceedings", G::ConferencePaper, None, C::Proceedings, D::Bibtex),
    alias("electronic", "online", G::Text, Some("Online resource"), C::None, D::BiblatexAlias),
    alias("mastersthesis", "thesis", G::Dissertation, Some("Master's thesis"), C::None, D::Bibtex),
    alias("phdthesis", "thesis", G::Dissertation, None, C::None, D::Bibtex),
    alias("techreport", "report", G::Report, None, C::None, D::Bibtex),
    alias("www", "online", G::Text, Some("Online resource"), C::None, D::BiblatexAlias),
    t("artwork", G::Image, Some("Artwork"), C::None, D::BiblatexStyles),
    t("audio", G::Sound, Some("Audio"), C::None, D::BiblatexStyles),
    t("bibnote", G::Text, Some("Bibliography note"), C::None, D::BiblatexStyles),
    t("commentary", G::Text, Some("Commentary"), C::None, D::BiblatexStyles),
    t("image", G::Image, Some("Image"), C::None, D::BiblatexStyles),
    t("jurisdiction", G::Text, Some("Jurisdiction"), C::None, D::BiblatexStyles),
    t("legislation", G::Text, Some("Legislation"), C::None, D::BiblatexStyles),
    t("legal", G::Text, Some("Legal document"), C::None, D::BiblatexStyles),
    t("letter", G::Text, Some("Letter"), C::None, D::BiblatexStyles),
    t("movie", G::Audiovisual, Some("Movie"), C::None, D::BiblatexStyles),
    t("music", G::Sound, Some("Music"), C::None, D::BiblatexStyles),
    t("performance", G::Event, Some("Performance"), C::None, D::BiblatexStyles),
    t("review", G::Text, Some("Review"), C::None, D::BiblatexStyles),
    t("standard", G::Standard, Some("Standard"), C::None, D::BiblatexStyles),
    t("video", G::Audiovisual, Some("Video"), C::None, D::BiblatexStyles),
];

/// The row of an entry type name (any case).
pub fn entry_type(name: &str) -> Option<&'static EntryType> {
    ENTRY_TYPES.iter().find(|row| row.name.eq_ignore_ascii_case(name))
}

/// `resourceType` values of BibLaTeX's `type` field keys for theses and reports (its
/// localisation keys), read as the label they stand for; `None` for the key that is the
/// entry's default (`phdthesis` in `@thesis`, `techreport` in `@report`).
pub(crate) fn type_field_key(value: &str) -> Option<Option<&'static str>> {
    Some(match value {
        "phdthesis" | "techreport" => None,
        "mathesis" => Some("Master's thesis"),
        "candthesis" => Some("Candidate thesis"),
        "resreport" => Some("Research report"),
        _ => return None,
    })
}

/// Compares type texts ignoring case, spaces, `-`, `_` and apostrophes.
fn same_label(a: &str, b: &str) -> bool {
    let fold = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '\'' | '’'))
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
    };
    fold(a) == fold(b)
}

/// The entry type to write for a resource's types: the type its `resourceType` label names
/// (for the same general type), else BibLaTeX's own type for datasets, software and periodicals,
/// else the derived BibTeX type ([`Types::derived`]), else `misc`.
pub fn entry_type_for(types: &Types) -> &'static str {
    let general = types.resource_type_general.as_ref();
    if let (Some(resource_type), Some(general)) = (types.resource_type.as_deref(), general) {
        if let Some(row) = ENTRY_TYPES
            .iter()
            .find(|row| &row.general == general && row.label.is_some_and(|label| same_label(label, resource_type)))
        {
            return row.name;
        }
    }
    match general {
        Some(G::Dataset) => return "dataset",
        Some(G::Software | G::ComputationalNotebook) => return "software",
        Some(G::Journal) => return "periodical",
        _ => {}
    }
    types.derived().map_or("misc", |derived| derived.bibtex)
}

/// True when a `resourceType` text is the label of an entry type (so it is not written as the
/// `type` field).
pub(crate) fn is_label(resource_type: &str) -> bool {
    ENTRY_TYPES.iter().any(|row| row.label.is_some_and(|label| same_label(label, resource_type)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_type_comes_back_from_what_it_is_read_as() {
        for row in ENTRY_TYPES {
            let types =
                Types { resource_type_general: Some(row.general.clone()), resource_type: row.label.map(Into::into) };
            let written = entry_type_for(&types);
            let expected = match row.name {
                "electronic" | "www" => "online",
                "report" => "techreport",
                "thesis" => "phdthesis",
                "conference" => "inproceedings",
                name => name,
            };
            assert_eq!(written, expected, "{}", row.name);
        }
    }

    #[test]
    fn derived_types_give_the_entry_type_back_where_the_table_allows() {
        // Where no label is needed, the model's own derived BibTeX type is the entry type.
        for row in ENTRY_TYPES.iter().filter(|row| row.label.is_none()) {
            let types = Types { resource_type_general: Some(row.general.clone()), resource_type: None };
            let derived = types.derived().map(|d| d.bibtex);
            match row.name {
                // BibLaTeX types the derived table writes as their BibTeX equivalents or `misc`.
                "report" => assert_eq!(derived, Some("techreport")),
                "thesis" => assert_eq!(derived, Some("phdthesis")),
                "dataset" | "software" | "periodical" => assert_eq!(derived, Some("misc")),
                "conference" => assert_eq!(derived, Some("inproceedings")),
                name => assert_eq!(derived, Some(name), "{name}"),
            }
        }
    }

    #[test]
    fn names_are_unique_and_lowercase() {
        for (i, row) in ENTRY_TYPES.iter().enumerate() {
            assert_eq!(row.name, row.name.to_ascii_lowercase());
            assert!(ENTRY_TYPES.iter().skip(i + 1).all(|other| other.name != row.name), "{}", row.name);
            if let Some(of) = row.alias_of {
                assert!(entry_type(of).is_some_and(|target| target.alias_of.is_none()), "{}", row.name);
            }
        }
        assert_eq!(entry_type("ARTICLE").map(|r| r.name), Some("article"));
    }
}

//! Crossref's work types → `resourceTypeGeneral` and `resourceType`, one table for every reader.
//!
//! Crossref names a work's type in two ways. Its deposit schema says it by element (and an
//! attribute): `journal_article`, `book[@book_type=monograph]`, `posted_content[@type=preprint]`
//! ([`WORK_TYPES`], what the Crossref XML reader meets). Its REST API says it by an id:
//! `journal-article`, `monograph`, `posted-content` ([`CROSSREF_TYPES`]); and doi.org's content
//! negotiation for a Crossref DOI returns CSL-JSON whose `type` is often that id rather than a CSL
//! type, so the CSL reader meets these too.
//!
//! Both tables give the same answers: `resourceType` is the type's name in the REST API's
//! CamelCase (`JournalArticle`, `BookChapter`, `PostedContent` …), so that the citation types the
//! model derives from it (`Types::derived`) are Crossref's own; `resourceTypeGeneral` is the
//! nearest DataCite 4.7 value. A deposit element can say more than the id (a `posted_content`
//! of type `dissertation` is a Dissertation, the id `posted-content` a Preprint).
//!
//! ```
//! use crosswalk_model::ResourceTypeGeneral;
//! use crosswalk_rules::crossref_types::{crossref_type, work_type};
//!
//! let article = crossref_type("journal-article").unwrap();
//! assert_eq!(article.general, ResourceTypeGeneral::JournalArticle);
//! assert_eq!(article.resource_type, "JournalArticle");
//! assert_eq!(article.types().derived().unwrap().citeproc, "article-journal");
//! assert_eq!(work_type("journal_article").resource_type, "JournalArticle");
//! ```

use crosswalk_model::{ResourceTypeGeneral, Types};

/// One row of the deposit schema's table: the Crossref element (and attribute value) and what
/// it reads as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkType {
    /// The element, with the attribute value that selects the row (`content_item[@component_type=chapter]`).
    pub source: &'static str,
    /// `resourceTypeGeneral`.
    pub general: ResourceTypeGeneral,
    /// `resourceType`: a Crossref type name the model knows.
    pub resource_type: &'static str,
}

impl WorkType {
    /// The model's types.
    pub fn types(&self) -> Types {
        Types::new(self.general.clone(), Some(self.resource_type))
    }
}

const fn row(source: &'static str, general: ResourceTypeGeneral, resource_type: &'static str) -> WorkType {
    WorkType { source, general, resource_type }
}

use ResourceTypeGeneral as R;

/// Every work the Crossref XML reader makes a record of, by its element.
pub const WORK_TYPES: &[WorkType] = &[
    row("journal_article", R::JournalArticle, "JournalArticle"),
    row("journal_metadata", R::Journal, "Journal"),
    row("journal_issue", R::Journal, "JournalIssue"),
    row("journal_volume", R::Journal, "JournalVolume"),
    row("book[@book_type=monograph]", R::Book, "Monograph"),
    row("book[@book_type=edited_book]", R::Book, "EditedBook"),
    row("book[@book_type=reference]", R::Book, "ReferenceBook"),
    row("book[@book_type=other]", R::Book, "Book"),
    row("book/…/series_metadata", R::Collection, "BookSeries"),
    row("book/book_set_metadata/set_metadata", R::Book, "BookSet"),
    row("content_item[@component_type=chapter]", R::BookChapter, "BookChapter"),
    row("content_item[@component_type=section]", R::BookChapter, "BookSection"),
    row("content_item[@component_type=part]", R::BookChapter, "BookPart"),
    row("content_item[@component_type=track]", R::BookChapter, "BookTrack"),
    row("content_item[@component_type=reference_entry]", R::BookChapter, "ReferenceEntry"),
    row("content_item[@component_type=other]", R::Text, "Other"),
    row("report-paper/content_item", R::Report, "ReportComponent"),
    row("standard/content_item", R::Standard, "Standard"),
    row("conference_paper", R::ConferencePaper, "ProceedingsArticle"),
    row("proceedings_metadata", R::ConferenceProceeding, "Proceedings"),
    row("proceedings_series_metadata", R::ConferenceProceeding, "Proceedings"),
    row("proceedings_series_metadata/series_metadata", R::Collection, "ProceedingsSeries"),
    row("posted_content[@type=preprint]", R::Preprint, "PostedContent"),
    row("posted_content[@type=working_paper]", R::Preprint, "PostedContent"),
    row("posted_content[@type=letter]", R::Preprint, "PostedContent"),
    row("posted_content[@type=dissertation]", R::Dissertation, "PostedContent"),
    row("posted_content[@type=report]", R::Report, "PostedContent"),
    row("posted_content[@type=review]", R::PeerReview, "PostedContent"),
    row("posted_content[@type=other]", R::Preprint, "PostedContent"),
    row("dissertation", R::Dissertation, "Dissertation"),
    row("report-paper_metadata", R::Report, "Report"),
    row("report-paper_series_metadata", R::Report, "Report"),
    row("report-paper_series_metadata/series_metadata", R::Collection, "ReportSeries"),
    row("standard_metadata", R::Standard, "Standard"),
    row("database_metadata", R::Dataset, "Database"),
    row("dataset", R::Dataset, "Dataset"),
    row("peer_review", R::PeerReview, "PeerReview"),
    row("component", R::Other, "Component"),
    row("grant", R::Award, "Grant"),
    row("pending_publication", R::Text, "PendingPublication"),
];

/// What an element of no row reads as.
static OTHER_WORK: WorkType = row("other", R::Other, "Other");

/// The row whose source is `source` (an element with its selecting attribute, as written in
/// [`WORK_TYPES`]); `Other` for anything else.
pub fn work_type(source: &str) -> &'static WorkType {
    WORK_TYPES.iter().find(|t| t.source == source).unwrap_or(&OTHER_WORK)
}

/// A Crossref work type as the REST API names it (`journal-article`), with what it reads as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossrefType {
    /// The REST API's id, which doi.org's CSL-JSON gives as `type`.
    pub id: &'static str,
    /// `resourceTypeGeneral`.
    pub general: ResourceTypeGeneral,
    /// `resourceType`: the id in CamelCase, a Crossref type name the model derives from.
    pub resource_type: &'static str,
}

impl CrossrefType {
    /// The model's types.
    pub fn types(&self) -> Types {
        Types::new(self.general.clone(), Some(self.resource_type))
    }
}

const fn id(id: &'static str, general: ResourceTypeGeneral, resource_type: &'static str) -> CrossrefType {
    CrossrefType { id, general, resource_type }
}

/// Every work type of Crossref's REST API (`GET /types`), with `standard-series`, which older
/// records carry.
pub const CROSSREF_TYPES: &[CrossrefType] = &[
    id("journal-article", R::JournalArticle, "JournalArticle"),
    id("journal", R::Journal, "Journal"),
    id("journal-issue", R::Journal, "JournalIssue"),
    id("journal-volume", R::Journal, "JournalVolume"),
    id("book", R::Book, "Book"),
    id("monograph", R::Book, "Monograph"),
    id("edited-book", R::Book, "EditedBook"),
    id("reference-book", R::Book, "ReferenceBook"),
    id("book-set", R::Book, "BookSet"),
    id("book-series", R::Collection, "BookSeries"),
    id("book-chapter", R::BookChapter, "BookChapter"),
    id("book-section", R::BookChapter, "BookSection"),
    id("book-part", R::BookChapter, "BookPart"),
    id("book-track", R::BookChapter, "BookTrack"),
    id("reference-entry", R::BookChapter, "ReferenceEntry"),
    id("proceedings-article", R::ConferencePaper, "ProceedingsArticle"),
    id("proceedings", R::ConferenceProceeding, "Proceedings"),
    id("proceedings-series", R::Collection, "ProceedingsSeries"),
    id("posted-content", R::Preprint, "PostedContent"),
    id("dissertation", R::Dissertation, "Dissertation"),
    id("report", R::Report, "Report"),
    id("report-component", R::Report, "ReportComponent"),
    id("report-series", R::Collection, "ReportSeries"),
    id("standard", R::Standard, "Standard"),
    id("standard-series", R::Collection, "StandardSeries"),
    id("database", R::Dataset, "Database"),
    id("dataset", R::Dataset, "Dataset"),
    id("peer-review", R::PeerReview, "PeerReview"),
    id("component", R::Other, "Component"),
    id("grant", R::Award, "Grant"),
    id("other", R::Other, "Other"),
];

/// The Crossref type whose REST id is `text`, compared ignoring case and white space around it
/// (`journal-article`, `Journal-Article`); `None` for anything else.
pub fn crossref_type(text: &str) -> Option<&'static CrossrefType> {
    let wanted = text.trim();
    CROSSREF_TYPES.iter().find(|t| t.id.eq_ignore_ascii_case(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_derives_crossref_types_or_its_general_type() {
        for t in WORK_TYPES {
            let derived = t.types().derived().expect("derived types");
            match crosswalk_model::types::crossref_type(t.resource_type) {
                Some(crossref) => assert_eq!(derived, crossref, "{}", t.source),
                None => {
                    assert_eq!(t.resource_type, "PendingPublication");
                    assert_eq!(derived, crosswalk_model::types::derive_from_general(&t.general));
                }
            }
        }
    }

    #[test]
    fn every_id_is_a_type_name_the_model_derives_from() {
        for t in CROSSREF_TYPES {
            assert!(crosswalk_model::types::crossref_type(t.resource_type).is_some(), "{}", t.id);
            // The id and its CamelCase name are the same words.
            let folded: String = t.id.chars().filter(|c| *c != '-').collect();
            assert!(folded.eq_ignore_ascii_case(t.resource_type), "{}", t.id);
        }
    }

    #[test]
    fn the_two_tables_agree() {
        // Where a deposit element has the id's name, one of its rows reads as the id does; the
        // rows that differ say more than the id (posted_content's types, a book's part of
        // type other, which is text).
        for t in CROSSREF_TYPES {
            let rows: Vec<&WorkType> = WORK_TYPES.iter().filter(|w| w.resource_type == t.resource_type).collect();
            if rows.is_empty() || t.id == "other" {
                continue;
            }
            assert!(rows.iter().any(|w| w.general == t.general), "{}: {rows:?}", t.id);
        }
        for w in WORK_TYPES {
            let named = CROSSREF_TYPES.iter().any(|t| t.resource_type == w.resource_type);
            assert!(named || w.resource_type == "PendingPublication", "{}", w.source);
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(crossref_type(" Posted-Content ").map(|t| &t.general), Some(&R::Preprint));
        assert!(crossref_type("article-journal").is_none());
        assert_eq!(work_type("no_such_element").general, R::Other);
    }
}

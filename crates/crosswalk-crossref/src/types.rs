//! Crossref work types → `resourceTypeGeneral` and `resourceType`.
//!
//! `resourceType` is the Crossref type name in the REST API's CamelCase (`JournalArticle`,
//! `BookChapter`, `ProceedingsArticle` …), so that the citation types the model derives from it
//! (`Types::derived`) are Crossref's own; `resourceTypeGeneral` is the nearest DataCite 4.7
//! value.

use crosswalk_model::{ResourceTypeGeneral, Types};

/// One row of the type table: the Crossref element (and attribute value) and what it reads as.
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

/// Every work the reader makes a record of.
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

/// The row whose source is `source`.
pub(crate) fn by_source(source: &str) -> &'static WorkType {
    static OTHER: WorkType = row("other", R::Other, "Other");
    WORK_TYPES.iter().find(|t| t.source == source).unwrap_or(&OTHER)
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
}

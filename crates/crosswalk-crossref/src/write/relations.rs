//! Related identifiers as Crossref's relations program (`rel:program`): the reader's relation
//! table read backwards, so that what the reader reads as a relation type is written as the
//! Crossref type it came from.

use crosswalk_model::{Diagnostic, Location, RelatedIdentifierType, RelationType, Resource};

use super::{escape_into, NEAREST, UNREPRESENTABLE};
use crate::programs::{relation_type, RELATIONSHIP_TYPES};

/// The first intra-work relationship type in [`RELATIONSHIP_TYPES`] (the ones before it are
/// inter-work).
const FIRST_INTRA: &str = "isTranslationOf";

/// The Crossref relationship type of a DataCite relation, and whether it is only the nearest.
/// `information` is the relation's `relationTypeInformation`: a Crossref type kept there by the
/// reader is written back when it reads as this relation.
///
/// ```
/// use crosswalk_model::RelationType;
/// use crosswalk_crossref::write::crossref_relation;
/// assert_eq!(crossref_relation(&RelationType::IsSupplementedBy, None), Some(("isSupplementedBy", false)));
/// assert_eq!(crossref_relation(&RelationType::References, Some("basedOnData")), Some(("basedOnData", false)));
/// assert_eq!(crossref_relation(&RelationType::Cites, None), Some(("references", true)));
/// assert_eq!(crossref_relation(&RelationType::HasMetadata, None), None);
/// ```
pub fn crossref_relation(relation: &RelationType, information: Option<&str>) -> Option<(&'static str, bool)> {
    if let Some(info) = information.map(str::trim) {
        if let Some(kept) = RELATIONSHIP_TYPES.iter().find(|t| **t == info) {
            if relation_type(kept).is_some_and(|(r, _)| &r == relation) {
                return Some((kept, false));
            }
        }
    }
    // An exact row of the reader's table, read backwards.
    if let Some(exact) = RELATIONSHIP_TYPES.iter().find(|t| relation_type(t) == Some((relation.clone(), false))) {
        return Some((exact, false));
    }
    use RelationType as R;
    let near = match relation {
        R::Cites => "references",
        R::IsCitedBy => "isReferencedBy",
        R::IsNewVersionOf => "isVersionOf",
        R::IsPreviousVersionOf => "hasVersion",
        R::IsObsoletedBy => "isReplacedBy",
        R::Obsoletes => "replaces",
        R::Describes => "documents",
        R::IsDescribedBy => "isDocumentedBy",
        R::Collects => "hasPart",
        R::IsCollectedBy => "isPartOf",
        R::IsPublishedIn => "isPartOf",
        R::Other => "hasRelatedMaterial",
        _ => return None,
    };
    Some((near, true))
}

fn is_intra(crossref: &str) -> bool {
    let first = RELATIONSHIP_TYPES.iter().position(|t| *t == FIRST_INTRA).unwrap_or(RELATIONSHIP_TYPES.len());
    RELATIONSHIP_TYPES.iter().position(|t| *t == crossref).is_some_and(|i| i >= first)
}

fn identifier_type(kind: Option<&RelatedIdentifierType>) -> &'static str {
    use RelatedIdentifierType as T;
    match kind {
        Some(T::Doi) => "doi",
        Some(T::Issn | T::Eissn | T::Lissn) => "issn",
        Some(T::Isbn) => "isbn",
        Some(T::Url) => "uri",
        Some(T::Pmid) => "pmid",
        Some(T::Purl) => "purl",
        Some(T::ArXiv) => "arxiv",
        Some(T::Ark) => "ark",
        Some(T::Handle) => "handle",
        _ => "other",
    }
}

/// Writes the relations program of `r`. `container_ids` is the type of the identifiers the
/// work's container carries (`issn` of a journal, `isbn` of a book or proceedings): related
/// identifiers of that type IsPartOf or IsPublishedIn are written there, so not here.
pub(super) fn write(
    r: &Resource,
    container_ids: Option<&RelatedIdentifierType>,
    out: &mut String,
    notes: &mut Vec<Diagnostic>,
) {
    let mut items = String::new();
    let mut lost = false;
    for (i, ri) in r.related_identifiers.iter().enumerate() {
        let container_id = container_ids.is_some_and(|kind| ri.related_identifier_type.as_ref() == Some(kind))
            && matches!(ri.relation_type, Some(RelationType::IsPartOf | RelationType::IsPublishedIn));
        if container_id {
            continue;
        }
        let id = ri.related_identifier.trim();
        let Some(relation) = ri.relation_type.as_ref() else {
            lost = true;
            continue;
        };
        let Some((crossref, nearest)) = crossref_relation(relation, ri.relation_type_information.as_deref()) else {
            lost = true;
            continue;
        };
        if id.is_empty() {
            continue;
        }
        if nearest {
            notes.push(
                Diagnostic::info(
                    NEAREST,
                    format!("the relation {relation} is written as Crossref's nearest, {crossref}"),
                )
                .at(Location::path(format!("/relatedIdentifiers/{i}/relationType"))),
            );
        }
        let element = if is_intra(crossref) { "rel:intra_work_relation" } else { "rel:inter_work_relation" };
        let kind = identifier_type(ri.related_identifier_type.as_ref());
        items.push_str(&format!(
            "<rel:related_item>\n<{element} relationship-type=\"{crossref}\" identifier-type=\"{kind}\">"
        ));
        escape_into(&mut items, id);
        items.push_str(&format!("</{element}>\n</rel:related_item>\n"));
    }
    if lost {
        notes.push(
            Diagnostic::warning(UNREPRESENTABLE, "a Crossref deposit has no relationship type for some related identifiers (HasMetadata, IsMetadataFor, or none given)")
                .at(Location::path("/relatedIdentifiers")),
        );
    }
    if !items.is_empty() {
        out.push_str("<rel:program name=\"relations\">\n");
        out.push_str(&items);
        out.push_str("</rel:program>\n");
    }
}

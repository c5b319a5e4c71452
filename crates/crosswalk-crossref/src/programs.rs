//! The `program` elements of the auxiliary namespaces: funding (`fr:`/`fd:`), licences
//! (`ai:`/`ali:`), relations (`rel:`), clinical trials (`ct:`), and Crossmark updates.

use crosswalk_model::{
    codes, FunderIdentifierType, FundingReference, RelatedIdentifier, RelatedIdentifierType, RelationType, Rights,
};

use crate::ctx::{flat_text, quote, Ctx};
use crate::tree::{Node, Ns};
use crate::{LICENSE_IDENTIFIED, MISSING_ELEMENT, RELATION_APPROXIMATED};

// ---- funding --------------------------------------------------------------------------------

/// A funder being read: its name, identifier and award numbers.
struct Funder<'t> {
    name: Option<String>,
    id: Option<(String, FunderIdentifierType)>,
    awards: Vec<String>,
    node: Node<'t>,
}

/// The funding references of a funding `program`: one per funder and award number.
pub(crate) fn funding(ctx: &mut Ctx, program: Node<'_>) -> Vec<FundingReference> {
    ctx.check_attributes(program, &["name"]);
    ctx.stray_text(program);
    let mut references = Vec::new();
    let mut loose = Vec::new();
    for assertion in program.elements() {
        let is_group = assertion.ns() == Ns::Fundref
            && assertion.name() == "assertion"
            && assertion.attr("name").map(str::trim) == Some("fundgroup");
        if is_group {
            if !loose.is_empty() {
                group(ctx, std::mem::take(&mut loose).into_iter(), &mut references);
            }
            ctx.check_attributes(assertion, &["name", "provider"]);
            ctx.stray_text(assertion);
            group(ctx, assertion.elements(), &mut references);
        } else {
            loose.push(assertion);
        }
    }
    group(ctx, loose.into_iter(), &mut references);
    references
}

/// Reads the assertions of one group: each `funder_name` starts a funder, `award_number` and
/// `ror` belong to the funder before them.
fn group<'t>(ctx: &mut Ctx, assertions: impl Iterator<Item = Node<'t>>, out: &mut Vec<FundingReference>) {
    let mut funders: Vec<Funder<'t>> = Vec::new();
    let mut orphan_awards: Vec<(String, Node<'t>)> = Vec::new();
    for assertion in assertions {
        if assertion.ns() != Ns::Fundref || assertion.name() != "assertion" {
            ctx.unknown_element(assertion);
            continue;
        }
        ctx.check_attributes(assertion, &["name", "provider"]);
        match assertion.attr("name").map(str::trim) {
            Some("funder_name") => funders.push(funder_name(ctx, assertion)),
            Some("award_number") => {
                if let Some(award) = ctx.text(assertion) {
                    match funders.last_mut() {
                        Some(funder) => funder.awards.push(award),
                        None => orphan_awards.push((award, assertion)),
                    }
                }
            }
            Some("funder_identifier" | "ror") => {
                let identifier = funder_identifier(ctx, assertion);
                match (funders.last_mut(), identifier) {
                    (Some(funder), Some(id)) if funder.id.is_none() => funder.id = Some(id),
                    (_, Some((id, _))) => {
                        let message = format!(
                            "funder identifier {} has no funder name of its own to go with; not carried",
                            quote(&id)
                        );
                        ctx.warn(codes::FIELD_UNMAPPED, assertion, message);
                    }
                    _ => {}
                }
            }
            Some("fundgroup") => group(ctx, assertion.elements(), out),
            other => {
                let message = format!("funding assertion name {} is not known; not read", quote(other.unwrap_or("")));
                ctx.warn(codes::VOCAB_UNKNOWN, assertion, message);
            }
        }
    }
    for (award, node) in orphan_awards {
        let message = format!("award number {} has no funder name before it; not carried", quote(&award));
        ctx.warn(MISSING_ELEMENT, node, message);
    }
    for funder in funders {
        let Some(name) = funder.name else {
            let message = "a funder without a name is not read".to_owned();
            ctx.warn(MISSING_ELEMENT, funder.node, message);
            continue;
        };
        let (funder_identifier, funder_identifier_type) = match funder.id {
            Some((id, kind)) => (Some(id), Some(kind)),
            None => (None, None),
        };
        let base =
            FundingReference { funder_name: name, funder_identifier, funder_identifier_type, ..Default::default() };
        if funder.awards.is_empty() {
            out.push(base);
            continue;
        }
        for award in funder.awards {
            out.push(FundingReference { award_number: Some(award), ..base.clone() });
        }
    }
}

/// A `funder_name` assertion: its own text is the name; nested assertions give the identifier
/// (and, in some deposits, award numbers).
fn funder_name<'t>(ctx: &mut Ctx, assertion: Node<'t>) -> Funder<'t> {
    // Mixed content: the name's text is laid out around the nested identifier, so its white
    // space is layout, not data.
    let name = if assertion.elements().next().is_some() {
        Some(crate::ctx::collapse(&assertion.own_text())).filter(|n| !n.is_empty())
    } else {
        ctx.trimmed(assertion, &assertion.own_text())
    };
    let mut funder = Funder { name, id: None, awards: Vec::new(), node: assertion };
    for nested in assertion.elements() {
        if nested.ns() != Ns::Fundref || nested.name() != "assertion" {
            ctx.unknown_element(nested);
            continue;
        }
        ctx.check_attributes(nested, &["name", "provider"]);
        match nested.attr("name").map(str::trim) {
            Some("funder_identifier" | "ror") => {
                let id = funder_identifier(ctx, nested);
                if funder.id.is_none() {
                    funder.id = id;
                } else if id.is_some() {
                    ctx.unmapped(nested, "is a second identifier of the funder; a funding reference holds one");
                }
            }
            Some("award_number") => funder.awards.extend(ctx.text(nested)),
            other => {
                let message = format!(
                    "funding assertion name {} is not known in a funder name; not read",
                    quote(other.unwrap_or(""))
                );
                ctx.warn(codes::VOCAB_UNKNOWN, nested, message);
            }
        }
    }
    funder
}

/// A funder identifier: a Crossref Funder ID as `https://doi.org/10.13039/…` (a bare number or
/// another resolver is rewritten, reported), a ROR ID, or anything else as `Other`.
fn funder_identifier(ctx: &mut Ctx, assertion: Node<'_>) -> Option<(String, FunderIdentifierType)> {
    let value = ctx.text(assertion)?;
    let lower = value.to_ascii_lowercase();
    if assertion.attr("name") == Some("ror") || lower.contains("ror.org/") {
        return Some((value, FunderIdentifierType::Ror));
    }
    let doi = crosswalk_model::doi::normalise(&value)
        .or_else(|| value.bytes().all(|b| b.is_ascii_digit()).then(|| format!("10.13039/{value}")));
    match doi {
        Some(doi) if doi.starts_with("10.13039/") => {
            let normal = format!("https://doi.org/{doi}");
            if normal != value {
                let message = format!("Crossref Funder ID {} written as {normal}", quote(&value));
                ctx.info(codes::VALUE_NORMALISED, assertion, message);
            }
            Some((normal, FunderIdentifierType::CrossrefFunderId))
        }
        _ => Some((value, FunderIdentifierType::Other)),
    }
}

// ---- licences -------------------------------------------------------------------------------

/// The licences of an access indicators `program`, one per distinct URL.
pub(crate) fn licences(ctx: &mut Ctx, program: Node<'_>) -> Vec<Rights> {
    ctx.check_attributes(program, &["name"]);
    ctx.stray_text(program);
    let mut rights: Vec<(Rights, Vec<String>)> = Vec::new();
    for child in program.elements() {
        if child.ns() != Ns::Access {
            ctx.unknown_element(child);
            continue;
        }
        match child.name() {
            "license_ref" => {
                ctx.check_attributes(child, &["applies_to", "start_date"]);
                ctx.unmapped_attribute(
                    child,
                    "start_date",
                    "(when the licence starts to apply) has no place in DataCite rights; not carried",
                );
                let Some(url) = ctx.text(child) else { continue };
                let applies = child.attr("applies_to").unwrap_or("").trim().to_owned();
                if let Some((_, scopes)) =
                    rights.iter_mut().find(|(r, _)| r.rights_uri.as_deref() == Some(url.as_str()))
                {
                    scopes.push(applies);
                    continue;
                }
                let mut entry = Rights { rights_uri: Some(url.clone()), ..Rights::default() };
                if let Some(spdx) = crosswalk_rules::licences::creative_commons_spdx(&url) {
                    entry.rights_identifier = Some(spdx.clone());
                    entry.rights_identifier_scheme = Some("SPDX".into());
                    entry.scheme_uri = Some(crosswalk_rules::licences::SPDX_SCHEME_URI.into());
                    let message = format!("licence {} identified as SPDX {spdx}", quote(&url));
                    ctx.info(LICENSE_IDENTIFIED, child, message);
                }
                rights.push((entry, vec![applies]));
            }
            "free_to_read" => {
                ctx.check_attributes(child, &["start_date", "end_date"]);
                ctx.unmapped(child, "(free-to-read period) has no place in DataCite rights; not carried");
            }
            _ => ctx.unknown_element(child),
        }
    }
    // A licence that covers only some versions (the accepted manuscript, text mining) says so
    // in `applies_to`, which DataCite rights cannot hold.
    if rights.len() > 1 {
        for (entry, scopes) in &rights {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
            if !scopes.is_empty() && !scopes.contains(&"vor") {
                let message = format!(
                    "licence {} applies to {} only, which DataCite rights cannot say; it is listed as a licence of the work",
                    quote(entry.rights_uri.as_deref().unwrap_or("")),
                    scopes.join(", ")
                );
                ctx.warn(codes::FIELD_UNMAPPED, program, message);
            }
        }
    }
    rights.into_iter().map(|(r, _)| r).collect()
}

// ---- relations ------------------------------------------------------------------------------

/// How a Crossref relationship type reads in DataCite: the relation type, and whether it is only
/// the nearest one (then the Crossref type is kept in `relationTypeInformation`).
///
/// ```
/// use crosswalk_model::RelationType;
///
/// assert_eq!(crosswalk_crossref::relation_type("isSupplementedBy"), Some((RelationType::IsSupplementedBy, false)));
/// assert_eq!(crosswalk_crossref::relation_type("basedOnData"), Some((RelationType::References, true)));
/// ```
pub fn relation_type(crossref: &str) -> Option<(RelationType, bool)> {
    use RelationType as R;
    let exact = |r| Some((r, false));
    let near = |r| Some((r, true));
    match crossref {
        "isDerivedFrom" => exact(R::IsDerivedFrom),
        "hasDerivation" => exact(R::IsSourceOf),
        "isReviewOf" => exact(R::Reviews),
        "hasReview" => exact(R::IsReviewedBy),
        "isCommentOn" | "hasComment" | "isReplyTo" | "hasReply" | "hasRelatedMaterial" | "isRelatedMaterial"
        | "finances" | "isFinancedBy" => near(R::Other),
        "basedOnData" => near(R::References),
        "isDataBasisFor" => near(R::IsReferencedBy),
        "isCompiledBy" => exact(R::IsCompiledBy),
        "compiles" => exact(R::Compiles),
        "isDocumentedBy" => exact(R::IsDocumentedBy),
        "documents" => exact(R::Documents),
        "isSupplementTo" => exact(R::IsSupplementTo),
        "isSupplementedBy" => exact(R::IsSupplementedBy),
        "isContinuedBy" => exact(R::IsContinuedBy),
        "continues" => exact(R::Continues),
        "isPartOf" => exact(R::IsPartOf),
        "hasPart" => exact(R::HasPart),
        "references" => exact(R::References),
        "isReferencedBy" => exact(R::IsReferencedBy),
        "isBasedOn" => near(R::IsDerivedFrom),
        "isBasisFor" => near(R::IsSourceOf),
        "requires" => exact(R::Requires),
        "isRequiredBy" => exact(R::IsRequiredBy),
        "isTranslationOf" => exact(R::IsTranslationOf),
        "hasTranslation" => exact(R::HasTranslation),
        "isPreprintOf" | "isManuscriptOf" | "isExpressionOf" => near(R::IsVersionOf),
        "hasPreprint" | "hasManuscript" | "hasExpression" => near(R::HasVersion),
        "isManifestationOf" | "isFormatOf" => near(R::IsVariantFormOf),
        "hasManifestation" | "hasFormat" => near(R::IsOriginalFormOf),
        "isReplacedBy" => near(R::IsObsoletedBy),
        "replaces" => near(R::Obsoletes),
        "isSameAs" => near(R::IsIdenticalTo),
        "isIdenticalTo" => exact(R::IsIdenticalTo),
        "isVariantFormOf" => exact(R::IsVariantFormOf),
        "isOriginalFormOf" => exact(R::IsOriginalFormOf),
        "isVersionOf" => exact(R::IsVersionOf),
        "hasVersion" => exact(R::HasVersion),
        _ => None,
    }
}

/// Every relationship type of the relations schema (inter- and intra-work), for tests and the
/// crosswalk page.
pub const RELATIONSHIP_TYPES: &[&str] = &[
    "isDerivedFrom",
    "hasDerivation",
    "isReviewOf",
    "hasReview",
    "isCommentOn",
    "hasComment",
    "isReplyTo",
    "hasReply",
    "basedOnData",
    "isDataBasisFor",
    "hasRelatedMaterial",
    "isRelatedMaterial",
    "isCompiledBy",
    "compiles",
    "isDocumentedBy",
    "documents",
    "isSupplementTo",
    "isSupplementedBy",
    "isContinuedBy",
    "continues",
    "isPartOf",
    "hasPart",
    "references",
    "isReferencedBy",
    "isBasedOn",
    "isBasisFor",
    "requires",
    "isRequiredBy",
    "finances",
    "isFinancedBy",
    "isTranslationOf",
    "hasTranslation",
    "isPreprintOf",
    "hasPreprint",
    "isManuscriptOf",
    "hasManuscript",
    "isExpressionOf",
    "hasExpression",
    "isManifestationOf",
    "hasManifestation",
    "isReplacedBy",
    "replaces",
    "isSameAs",
    "isIdenticalTo",
    "isVariantFormOf",
    "isOriginalFormOf",
    "isVersionOf",
    "hasVersion",
    "isFormatOf",
    "hasFormat",
];

/// The DataCite identifier type of a relations `identifier-type`.
pub(crate) fn identifier_type(crossref: &str) -> Option<RelatedIdentifierType> {
    use RelatedIdentifierType as T;
    Some(match crossref {
        "doi" => T::Doi,
        "issn" => T::Issn,
        "isbn" => T::Isbn,
        "uri" => T::Url,
        "pmid" => T::Pmid,
        "purl" => T::Purl,
        "arxiv" => T::ArXiv,
        "ark" => T::Ark,
        "handle" => T::Handle,
        _ => return None,
    })
}

/// The related identifiers of a relations `program`.
pub(crate) fn relations(ctx: &mut Ctx, program: Node<'_>) -> Vec<RelatedIdentifier> {
    ctx.check_attributes(program, &["name"]);
    ctx.stray_text(program);
    let mut out = Vec::new();
    for item in program.elements() {
        if item.ns() != Ns::Relations || item.name() != "related_item" {
            ctx.unknown_element(item);
            continue;
        }
        ctx.check_attributes(item, &[]);
        ctx.stray_text(item);
        let mut description = None;
        let mut relation = None;
        for child in item.elements() {
            match (child.ns(), child.name()) {
                (Ns::Relations, "description") => {
                    ctx.check_attributes(child, &["language"]);
                    let text = crate::markup::rich_text(ctx, child);
                    ctx.keep_first(child, &mut description, text);
                }
                (Ns::Relations, "inter_work_relation" | "intra_work_relation") => {
                    if relation.is_some() {
                        ctx.repeated(child);
                    } else {
                        relation = Some(child);
                    }
                }
                _ => ctx.unknown_element(child),
            }
        }
        let Some(node) = relation else {
            ctx.warn(MISSING_ELEMENT, item, "<related_item> has no relation; not read".to_owned());
            continue;
        };
        if let Some(related) = read_relation(ctx, node, description) {
            out.push(related);
        }
    }
    out
}

fn read_relation(ctx: &mut Ctx, node: Node<'_>, description: Option<String>) -> Option<RelatedIdentifier> {
    ctx.check_attributes(node, &["relationship-type", "identifier-type", "namespace"]);
    let value = crate::markup::rich_text(ctx, node)?;
    let crossref_type = node.attr("relationship-type").unwrap_or("").trim();
    let (relation_type, approximate) = match relation_type(crossref_type) {
        Some(found) => found,
        None => {
            let message =
                format!("relationship-type {} is not a Crossref relation; read as Other", quote(crossref_type));
            ctx.warn(codes::VOCAB_UNKNOWN, node, message);
            (RelationType::Other, true)
        }
    };
    let id_type_text = node.attr("identifier-type").unwrap_or("").trim();
    let mut identifier = value;
    let id_type = match identifier_type(id_type_text) {
        Some(RelatedIdentifierType::Doi) => {
            identifier = doi_value(ctx, node, &identifier);
            RelatedIdentifierType::Doi
        }
        Some(kind) => kind,
        None if identifier.starts_with("http://") || identifier.starts_with("https://") => {
            let message = format!("identifier-type {} read as URL for {}", quote(id_type_text), quote(&identifier));
            ctx.info(codes::VALUE_NORMALISED, node, message);
            RelatedIdentifierType::Url
        }
        None => {
            let namespace = node.attr("namespace").map(|n| format!(" (namespace {})", quote(n))).unwrap_or_default();
            let message = format!(
                "{crossref_type} relation to {} of identifier-type {}{namespace} not carried: DataCite has no such identifier type",
                quote(&identifier),
                quote(id_type_text)
            );
            ctx.warn(codes::FIELD_UNMAPPED, node, message);
            return None;
        }
    };
    let mut information: Vec<String> = Vec::new();
    // A relation without relationship-type (reported above) has no Crossref type to keep.
    if approximate && !crossref_type.is_empty() {
        let message = format!("relationship-type {crossref_type} read as {relation_type}; the Crossref type is kept in relationTypeInformation");
        ctx.info(RELATION_APPROXIMATED, node, message);
        information.push(crossref_type.to_owned());
    }
    information.extend(description.filter(|d| !d.trim().is_empty()));
    Some(RelatedIdentifier {
        related_identifier: identifier,
        related_identifier_type: Some(id_type),
        relation_type: Some(relation_type),
        relation_type_information: (!information.is_empty()).then(|| information.join(": ")),
        ..Default::default()
    })
}

/// A DOI as written, without resolver (reported); kept as is, reported, when not a DOI.
pub(crate) fn doi_value(ctx: &mut Ctx, node: Node<'_>, text: &str) -> String {
    match crosswalk_model::doi::normalise(text) {
        Some(doi) => {
            if doi != text {
                ctx.info(codes::VALUE_NORMALISED, node, format!("DOI {} written as {doi}", quote(text)));
            }
            doi
        }
        None => {
            ctx.warn(codes::VALUE_INVALID, node, format!("{} is not a DOI; kept as written", quote(text)));
            text.to_owned()
        }
    }
}

// ---- clinical trials, Crossmark ---------------------------------------------------------------

/// A clinical trials `program`: trial numbers are not identifiers DataCite can type.
pub(crate) fn trials(ctx: &mut Ctx, program: Node<'_>) {
    ctx.check_attributes(program, &[]);
    ctx.stray_text(program);
    for child in program.elements() {
        if child.ns() == Ns::Trials && child.name() == "clinical-trial-number" {
            ctx.check_attributes(child, &["registry", "type"]);
            let text = flat_text(child);
            let message = format!(
                "clinical trial number {} (registry {}) not carried: DataCite has no identifier type for it",
                quote(text.trim()),
                quote(child.attr("registry").unwrap_or(""))
            );
            ctx.warn(codes::FIELD_UNMAPPED, child, message);
        } else {
            ctx.unknown_element(child);
        }
    }
}

/// A Crossmark `update` (this work updates the DOI given): relation type Other, with the kind
/// of update and its date in `relationTypeInformation`, or IsNewVersionOf for a new version or
/// edition.
pub(crate) fn update(ctx: &mut Ctx, node: Node<'_>) -> Option<RelatedIdentifier> {
    ctx.check_attributes(node, &["type", "date"]);
    let text = ctx.text(node)?;
    let doi = doi_value(ctx, node, &text);
    let kind = node.attr("type").unwrap_or("update").trim();
    let date = node.attr("date").map(|d| format!(" ({})", d.trim())).unwrap_or_default();
    let (relation_type, information) = match kind {
        "new_version" | "new_edition" => (RelationType::IsNewVersionOf, None),
        _ => (RelationType::Other, Some(format!("Crossmark update: {kind}{date}"))),
    };
    let information = information.or_else(|| (!date.is_empty()).then(|| format!("Crossmark update: {kind}{date}")));
    Some(RelatedIdentifier {
        related_identifier: doi,
        related_identifier_type: Some(RelatedIdentifierType::Doi),
        relation_type: Some(relation_type),
        relation_type_information: information,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relationship_type_has_a_datacite_type() {
        for t in RELATIONSHIP_TYPES {
            assert!(relation_type(t).is_some(), "{t}");
        }
    }
}

//! Grants (the Crossref grant schema, `http://www.crossref.org/grant_id/…`): a grant is an
//! `Award` record.
//!
//! Project titles are its titles and project descriptions its abstracts; lead and co-lead
//! investigators are its creators, other investigators contributors (`ProjectMember`); each
//! `funding` is a funding reference with the grant's award number and first project title, and
//! the first funder is the publisher (the grant is the funder's). The award number is also an
//! alternate identifier, the award start date the date of issue, and the award dates a date
//! range (`Other`, "award period"). Amounts, currencies and funding schemes have no place in
//! DataCite and are reported.

use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, FundingReference, NameType, Publisher, Title, TitleType,
};

use crate::ctx::quote;
use crate::people::{orcid_identifier, Person};
use crate::tree::{Node, Ns};
use crate::work::Mapper;

/// What a grant record collects before it is finished.
#[derive(Default)]
pub(crate) struct GrantState {
    award_number: Option<String>,
    funders: Vec<FundingReference>,
    first_title: Option<String>,
}

/// Reads a child of `grant` that only grants have.
pub(crate) fn child<'t>(m: &mut Mapper<'_, 't>, node: Node<'t>) {
    match node.name() {
        "award-number" => {
            m.ctx.check_attributes(node, &[]);
            if let Some(number) = m.ctx.text(node) {
                m.alternate(number.clone(), "Award number");
                let mut slot = m.grant.award_number.take();
                m.ctx.keep_first(node, &mut slot, Some(number));
                m.grant.award_number = slot;
            }
        }
        "award-start-date" => {
            m.ctx.check_attributes(node, &[]);
            if let Some(date) = m.ctx.text(node) {
                m.issued_year(&date);
                m.push_date(date, DateType::Issued, Some("award start date".into()));
            }
        }
        _ => project(m, node),
    }
}

fn project<'t>(m: &mut Mapper<'_, 't>, node: Node<'t>) {
    m.ctx.check_attributes(node, &[]);
    m.ctx.stray_text(node);
    for child in node.elements() {
        if child.ns() != Ns::Crossref {
            m.ctx.unknown_element(child);
            continue;
        }
        match child.name() {
            "project-title" => {
                m.ctx.check_attributes(child, &["xml:lang"]);
                if let Some(title) = crate::markup::title_text(&mut m.ctx, child) {
                    m.grant.first_title.get_or_insert_with(|| title.clone());
                    let title_type = (!m.r.titles.is_empty()).then_some(if child.xml_lang().is_some() {
                        TitleType::TranslatedTitle
                    } else {
                        TitleType::AlternativeTitle
                    });
                    m.r.titles.push(Title { title, title_type, lang: child.xml_lang().map(str::to_owned) });
                }
            }
            "investigators" => investigators(m, child),
            "description" => {
                m.ctx.check_attributes(child, &["xml:lang"]);
                if let Some(text) = crate::markup::rich_text(&mut m.ctx, child) {
                    m.description(text, DescriptionType::Abstract, child.xml_lang().map(str::to_owned));
                }
            }
            "award_amount" | "award-amount" => {
                m.ctx.check_attributes(child, &["currency"]);
                m.ctx.unmapped(child, "(the amount awarded) has no place in DataCite; not carried");
            }
            "funding" => funding(m, child),
            "award-dates" => {
                m.ctx.check_attributes(child, &["start-date", "end-date", "planned-start-date", "planned-end-date"]);
                let start = child.attr("start-date").or(child.attr("planned-start-date")).map(str::trim).unwrap_or("");
                let end = child.attr("end-date").or(child.attr("planned-end-date")).map(str::trim).unwrap_or("");
                let planned = child.attr("start-date").is_none() && child.attr("planned-start-date").is_some();
                let range = match (start.is_empty(), end.is_empty()) {
                    (false, false) => format!("{start}/{end}"),
                    (false, true) => format!("{start}/.."),
                    (true, false) => format!("../{end}"),
                    (true, true) => continue,
                };
                let information = if planned { "planned award period" } else { "award period" };
                m.push_date(range, DateType::Other, Some(information.into()));
                if !start.is_empty() {
                    m.issued_year(start);
                }
            }
            _ => m.ctx.unknown_element(child),
        }
    }
}

fn investigators(m: &mut Mapper<'_, '_>, node: Node<'_>) {
    m.ctx.check_attributes(node, &[]);
    m.ctx.stray_text(node);
    for person in node.elements() {
        if !person.is("person") {
            m.ctx.unknown_element(person);
            continue;
        }
        m.ctx.check_attributes(person, &["role"]);
        m.ctx.stray_text(person);
        let mut p = Person { name_type: Some(NameType::Personal), ..Person::default() };
        for part in person.elements() {
            if part.ns() != Ns::Crossref {
                m.ctx.unknown_element(part);
                continue;
            }
            match part.name() {
                "givenName" => {
                    let value = m.ctx.collapsed_text(part);
                    m.ctx.keep_first(part, &mut p.given, value);
                }
                "familyName" => {
                    let value = m.ctx.collapsed_text(part);
                    m.ctx.keep_first(part, &mut p.family, value);
                }
                "alternateName" => m.ctx.unmapped(part, "has no place in DataCite; not carried"),
                "affiliation" => {
                    m.ctx.check_attributes(part, &[]);
                    m.ctx.stray_text(part);
                    let mut affiliation = crosswalk_model::Affiliation::default();
                    for detail in part.elements() {
                        match (detail.ns(), detail.name()) {
                            (Ns::Crossref, "institution") => {
                                m.ctx.check_attributes(detail, &["country"]);
                                m.ctx.unmapped_attribute(
                                    detail,
                                    "country",
                                    "has no place in an affiliation; not carried",
                                );
                                affiliation.name = m.ctx.collapsed_text(detail).unwrap_or_default();
                            }
                            (Ns::Crossref, "ROR") => {
                                affiliation.affiliation_identifier = m.ctx.text(detail);
                                affiliation.affiliation_identifier_scheme = Some("ROR".into());
                                affiliation.scheme_uri = Some("https://ror.org".into());
                            }
                            _ => m.ctx.unknown_element(detail),
                        }
                    }
                    if affiliation.name.is_empty() && affiliation.affiliation_identifier.is_none() {
                        let message = "<affiliation> has neither an institution name nor a ROR id; not read".to_owned();
                        m.ctx.warn(crate::MISSING_ELEMENT, part, message);
                    } else {
                        p.affiliations.push(affiliation);
                    }
                }
                "ORCID" => {
                    m.ctx.check_attributes(part, &["authenticated"]);
                    if let Some(orcid) = m.ctx.text(part) {
                        p.ids.push(orcid_identifier(orcid));
                    }
                }
                _ => m.ctx.unknown_element(part),
            }
        }
        p.name = match (&p.family, &p.given) {
            (Some(family), Some(given)) => format!("{family}, {given}"),
            (Some(family), None) => family.clone(),
            (None, Some(given)) => given.clone(),
            (None, None) => {
                m.ctx.warn(crate::MISSING_ELEMENT, person, "an investigator without a name is not read".to_owned());
                continue;
            }
        };
        match person.attr("role").map(str::trim) {
            Some("lead_investigator" | "co-lead_investigator") => m.r.creators.push(p.into_creator()),
            Some("investigator") => m.r.contributors.push(p.into_contributor(ContributorType::ProjectMember)),
            other => {
                let message =
                    format!("investigator role {} is not known; read as a project member", quote(other.unwrap_or("")));
                m.ctx.warn(codes::VOCAB_UNKNOWN, person, message);
                m.r.contributors.push(p.into_contributor(ContributorType::ProjectMember));
            }
        }
    }
}

fn funding(m: &mut Mapper<'_, '_>, node: Node<'_>) {
    m.ctx.check_attributes(node, &["amount", "currency", "funding-type", "funding-percentage"]);
    for attribute in ["amount", "currency", "funding-percentage"] {
        m.ctx.unmapped_attribute(node, attribute, "has no place in a DataCite funding reference; not carried");
    }
    m.ctx.stray_text(node);
    let mut reference = FundingReference::default();
    for child in node.elements() {
        match (child.ns(), child.name()) {
            (Ns::Crossref, "funder-name") => reference.funder_name = m.ctx.collapsed_text(child).unwrap_or_default(),
            (Ns::Crossref, "funder-id" | "ROR") => {
                let Some(id) = m.ctx.text(child) else { continue };
                let kind = if child.name() == "ROR" || id.contains("ror.org/") {
                    crosswalk_model::FunderIdentifierType::Ror
                } else {
                    crosswalk_model::FunderIdentifierType::CrossrefFunderId
                };
                if reference.funder_identifier.is_none() {
                    reference.funder_identifier = Some(id);
                    reference.funder_identifier_type = Some(kind);
                } else {
                    m.ctx.unmapped(child, "is a second identifier of the funder; a funding reference holds one");
                }
            }
            (Ns::Crossref, "funding-scheme") => {
                m.ctx.unmapped(child, "(the funding scheme) has no place in a DataCite funding reference; not carried")
            }
            _ => m.ctx.unknown_element(child),
        }
    }
    if reference.funder_name.is_empty() {
        m.ctx.warn(crate::MISSING_ELEMENT, node, "<funding> has no <funder-name>".to_owned());
    }
    m.grant.funders.push(reference);
}

/// Completes a grant: funding references with the award number and title; the first funder as
/// publisher.
pub(crate) fn finish(m: &mut Mapper<'_, '_>) {
    let state = std::mem::take(&mut m.grant);
    for mut reference in state.funders {
        if m.r.publisher.is_none() && !reference.funder_name.is_empty() {
            let mut publisher = Publisher::named(reference.funder_name.clone());
            if let (Some(id), Some(kind)) = (&reference.funder_identifier, &reference.funder_identifier_type) {
                publisher.publisher_identifier = Some(id.clone());
                publisher.publisher_identifier_scheme = Some(kind.as_str().to_owned());
            }
            m.r.publisher = Some(publisher);
        }
        reference.award_number = state.award_number.clone();
        reference.award_title = state.first_title.clone();
        m.r.funding_references.push(reference);
    }
}

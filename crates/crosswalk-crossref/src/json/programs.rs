//! What the deposit's programs say, as the REST API gives it: funders, licences, full-text
//! links, relations, references, Crossmark updates and assertions, clinical trials, and a
//! grant's project. The decisions are the XML reader's (`crate::programs`, `crate::citations`,
//! `crate::grant`), its tables shared.

use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, FunderIdentifierType, FundingReference, NameType, Publisher,
    RelatedIdentifier, RelatedIdentifierType, RelationType, Rights, Title, TitleType,
};
use serde_json::Value;

use super::ctx::{Obj, J};
use super::work::M;
use crate::citations::{cite, Citation, CitationSink, Cited, Losses, Lost, Part, Parts};
use crate::ctx::quote;
use crate::dates::is_w3cdtf_date;
use crate::programs::{identifier_type, relation_type};
use crate::{LICENSE_IDENTIFIED, RELATION_APPROXIMATED};
use crosswalk_rules::licences::creative_commons_spdx;

/// Reads every program key of the work.
pub(crate) fn read(m: &mut M<'_>) {
    funders(m);
    licences(m);
    links(m);
    relations(m);
    references(m);
    updates(m, "update-to", false);
    updates(m, "updated-by", true);
    trials(m);
    assertions(m);
    if let Some((at, value)) = m.get("free-to-read") {
        m.j.unmapped(&at, value, "(free-to-read period) has no place in DataCite rights; not carried");
    }
    grant(m);
}

// ---- funding ------------------------------------------------------------------------------------

/// A funder identifier: a Crossref Funder ID as `https://doi.org/10.13039/…` (another form is
/// rewritten, reported), a ROR ID, or anything else as `Other`.
fn funder_identifier(j: &mut J, at: &str, value: String, ror: bool) -> (String, FunderIdentifierType) {
    if ror || value.to_ascii_lowercase().contains("ror.org/") {
        return (value, FunderIdentifierType::Ror);
    }
    let doi = crosswalk_model::doi::normalise(&value)
        .or_else(|| value.bytes().all(|b| b.is_ascii_digit()).then(|| format!("10.13039/{value}")));
    match doi {
        Some(doi) if doi.starts_with("10.13039/") => {
            let normal = format!("https://doi.org/{doi}");
            if normal != value {
                j.info(
                    codes::VALUE_NORMALISED,
                    at,
                    format!("Crossref Funder ID {} written as {normal}", quote(&value)),
                );
            }
            (normal, FunderIdentifierType::CrossrefFunderId)
        }
        _ => (value, FunderIdentifierType::Other),
    }
}

/// `funder`: one funding reference per funder and award number.
fn funders(m: &mut M<'_>) {
    let Some((at, value)) = m.get("funder") else { return };
    for mut funder in m.j.objects(&at, value) {
        let name = funder.get("name").and_then(|(at, v)| m.j.name(&at, v));
        let mut id = None;
        if let Some((at, value)) = funder.get("DOI") {
            if let Some(text) = m.j.text(&at, value) {
                id = Some(funder_identifier(&mut m.j, &at, text, false));
            }
        }
        if let Some((at, value)) = funder.get("id") {
            for mut entry in m.j.objects(&at, value) {
                let text = entry.get("id").and_then(|(at, v)| m.j.text(&at, v));
                let kind = entry.get("id-type").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_default();
                entry.skip(&["asserted-by"]);
                let entry_at = entry.at.clone();
                entry.rest(&mut m.j, "a funder identifier");
                let Some(text) = text else { continue };
                let read = match kind.to_ascii_lowercase().as_str() {
                    "doi" => funder_identifier(&mut J::default(), &entry_at, text.clone(), false),
                    "ror" => funder_identifier(&mut J::default(), &entry_at, text.clone(), true),
                    _ => {
                        let message =
                            format!("funder identifier {} of type {} is not read", quote(&text), quote(&kind));
                        m.j.warn(codes::VOCAB_UNKNOWN, &entry_at, message);
                        continue;
                    }
                };
                match &id {
                    None => id = Some(funder_identifier(&mut m.j, &entry_at, text, kind.eq_ignore_ascii_case("ror"))),
                    Some(known) if known.0 == read.0 => {}
                    Some(_) => m.j.unmapped(
                        &entry_at,
                        &Value::String(text),
                        "is a second identifier of the funder; a funding reference holds one",
                    ),
                }
            }
        }
        let awards: Vec<String> = match funder.get("award") {
            Some((at, value)) => m.j.texts(&at, value).into_iter().map(|(_, a)| a).collect(),
            None => Vec::new(),
        };
        // Who matched the funder's DOI.
        funder.skip(&["doi-asserted-by"]);
        let funder_at = funder.at.clone();
        funder.rest(&mut m.j, "a funder");
        let Some(name) = name else {
            m.j.missing(&funder_at, "a funder without a name is not read".to_owned());
            continue;
        };
        let (funder_identifier, funder_identifier_type) = match id {
            Some((id, kind)) => (Some(id), Some(kind)),
            None => (None, None),
        };
        let base =
            FundingReference { funder_name: name, funder_identifier, funder_identifier_type, ..Default::default() };
        if awards.is_empty() {
            m.r.funding_references.push(base);
            continue;
        }
        let mut seen = Vec::new();
        for award in awards {
            if !seen.contains(&award) {
                seen.push(award.clone());
                m.r.funding_references.push(FundingReference { award_number: Some(award), ..base.clone() });
            }
        }
    }
}

// ---- licences and links ---------------------------------------------------------------------------

/// `license`: one right per distinct URL, Creative Commons URLs with their SPDX id. What a
/// licence's `content-version` and `start` say (it covers only the accepted manuscript, it
/// starts after an embargo) DataCite rights cannot say: reported.
fn licences(m: &mut M<'_>) {
    let Some((at, value)) = m.get("license") else { return };
    let mut rights: Vec<(Rights, Vec<String>)> = Vec::new();
    for mut licence in m.j.objects(&at, value) {
        let url = licence.get("URL").and_then(|(at, v)| m.j.text(&at, v));
        let version = licence.get("content-version").and_then(|(at, v)| m.j.text(&at, v));
        let delay = licence.get("delay-in-days");
        let start = licence.get("start");
        let licence_at = licence.at.clone();
        licence.rest(&mut m.j, "a licence");
        let Some(url) = url else {
            m.j.missing(&licence_at, "a licence without \"URL\" is not read".to_owned());
            continue;
        };
        // `start` is the publication date unless the licence starts later (an embargo, which
        // `delay-in-days` counts): only then does it say something rights cannot.
        let days = delay.as_ref().and_then(|(_, v)| v.as_i64());
        if let Some((start_at, start_value)) = &start {
            if days.is_none_or(|d| d > 0) {
                let date = m.date(start_at, start_value).map(|d| d.date).unwrap_or_default();
                let after = days.map(|d| format!(", {d} days after publication")).unwrap_or_default();
                let message = format!(
                    "licence {} applies from {}{after}, which DataCite rights cannot say; it is listed as a licence of the work",
                    quote(&url),
                    quote(&date)
                );
                m.j.warn(codes::FIELD_UNMAPPED, start_at, message);
            }
        }
        let scope = version.filter(|v| v != "unspecified").unwrap_or_default();
        if let Some((_, scopes)) = rights.iter_mut().find(|(r, _)| r.rights_uri.as_deref() == Some(url.as_str())) {
            scopes.push(scope);
            continue;
        }
        let mut entry = Rights { rights_uri: Some(url.clone()), ..Rights::default() };
        if let Some(spdx) = creative_commons_spdx(&url) {
            entry.rights_identifier = Some(spdx.clone());
            entry.rights_identifier_scheme = Some("SPDX".into());
            entry.scheme_uri = Some("https://spdx.org/licenses/".into());
            m.j.info(LICENSE_IDENTIFIED, &licence_at, format!("licence {} identified as SPDX {spdx}", quote(&url)));
        }
        rights.push((entry, vec![scope]));
    }
    if rights.len() > 1 {
        for (entry, scopes) in &rights {
            let scopes: Vec<&str> = scopes.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
            if !scopes.is_empty() && !scopes.contains(&"vor") {
                let message = format!(
                    "licence {} applies to {} only, which DataCite rights cannot say; it is listed as a licence of the work",
                    quote(entry.rights_uri.as_deref().unwrap_or("")),
                    scopes.join(", ")
                );
                m.j.warn(codes::FIELD_UNMAPPED, &at, message);
            }
        }
    }
    m.r.rights_list.extend(rights.into_iter().map(|(r, _)| r));
}

/// `link`: full-text links for text mining, syndication or unspecified use are the content's
/// URLs (and their media types formats); similarity-checking links are for Crossref's service.
fn links(m: &mut M<'_>) {
    let Some((at, value)) = m.get("link") else { return };
    for mut link in m.j.objects(&at, value) {
        let url = link.get("URL").and_then(|(at, v)| m.j.text(&at, v));
        let media = link.get("content-type").and_then(|(at, v)| m.j.text(&at, v));
        let application = link.get("intended-application");
        // Whether the file is the version of record or the accepted manuscript.
        link.skip(&["content-version"]);
        link.rest(&mut m.j, "a link");
        let application = application.and_then(|(at, v)| m.j.text(&at, v).map(|t| (at, t)));
        let (application_at, application) = application.unwrap_or_default();
        match application.as_str() {
            "text-mining" | "syndication" | "unspecified" | "" => {
                if let Some(url) = url {
                    if !m.r.content_url.contains(&url) {
                        m.r.content_url.push(url);
                    }
                }
                if let Some(media) = media.filter(|t| t != "unspecified") {
                    if !m.r.formats.contains(&media) {
                        m.r.formats.push(media);
                    }
                }
            }
            "similarity-checking" => {}
            other => {
                let message =
                    format!("intended-application {} is not a Crossref value; the link is not read", quote(other));
                m.j.warn(codes::VOCAB_UNKNOWN, &application_at, message);
            }
        }
    }
}

// ---- relations -----------------------------------------------------------------------------------------

/// A relation key of the REST API (`is-preprint-of`) as the deposit schema names the type
/// (`isPreprintOf`).
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '-' || c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `relation`: each type's list of related identifiers, read as the deposit's relations are.
fn relations(m: &mut M<'_>) {
    let Some((at, value)) = m.get("relation") else { return };
    let Some(mut relation) = m.j.object(&at, value) else { return };
    let keys: Vec<String> = match value {
        Value::Object(map) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    for key in keys {
        let Some((key_at, entries)) = relation.get(&key) else { continue };
        let crossref = camel(&key);
        // `cites` and `is-cited-by` are the API's own (from the references of works); DataCite
        // has them exactly.
        let (relation_type, approximate) = match key.as_str() {
            "cites" => (RelationType::Cites, false),
            "is-cited-by" => (RelationType::IsCitedBy, false),
            _ => match relation_type(&crossref) {
                Some(found) => found,
                None => {
                    let message = format!("relation {} is not a Crossref relation type; read as Other", quote(&key));
                    m.j.warn(codes::VOCAB_UNKNOWN, &key_at, message);
                    (RelationType::Other, true)
                }
            },
        };
        for mut entry in m.j.objects(&key_at, entries) {
            let id = entry.get("id").and_then(|(at, v)| m.j.text(&at, v));
            let id_type = entry.get("id-type").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_default();
            // Who asserted the relation: the work's publisher or the related one's.
            entry.skip(&["asserted-by"]);
            let entry_at = entry.at.clone();
            entry.rest(&mut m.j, "a relation");
            let Some(mut identifier) = id else {
                m.j.missing(&entry_at, format!("a {key} relation without \"id\" is not read"));
                continue;
            };
            let kind = match identifier_type(&id_type.to_ascii_lowercase()) {
                Some(RelatedIdentifierType::Doi) => {
                    identifier = m.doi(&entry_at, &identifier);
                    RelatedIdentifierType::Doi
                }
                Some(kind) => kind,
                None if identifier.starts_with("http://") || identifier.starts_with("https://") => {
                    let message = format!("id-type {} read as URL for {}", quote(&id_type), quote(&identifier));
                    m.j.info(codes::VALUE_NORMALISED, &entry_at, message);
                    RelatedIdentifierType::Url
                }
                None => {
                    let kind = if id_type.is_empty() {
                        "without id-type".to_owned()
                    } else {
                        format!("of id-type {}", quote(&id_type))
                    };
                    let message = format!(
                        "{key} relation to {} {kind} not carried: DataCite has no such identifier type",
                        quote(&identifier)
                    );
                    m.j.warn(codes::FIELD_UNMAPPED, &entry_at, message);
                    continue;
                }
            };
            let mut information = None;
            if approximate {
                let message = format!(
                    "relation {key} read as {relation_type}; the Crossref type is kept in relationTypeInformation as {crossref}"
                );
                m.j.info(RELATION_APPROXIMATED, &entry_at, message);
                information = Some(crossref.clone());
            }
            m.r.related_identifiers.push(RelatedIdentifier {
                related_identifier: identifier,
                related_identifier_type: Some(kind),
                relation_type: Some(relation_type.clone()),
                relation_type_information: information,
                ..Default::default()
            });
        }
    }
    relation.rest(&mut m.j, "relations");
}

// ---- references ---------------------------------------------------------------------------------

/// Reports a reference's parts at their pointers, held by index (a citation's places are
/// `Copy`).
struct ReferenceSink<'a> {
    j: &'a mut J,
    at: &'a [String],
}

impl CitationSink<usize> for ReferenceSink<'_> {
    fn info(&mut self, code: &'static str, at: usize, message: String) {
        let at = self.at.get(at).map_or("", String::as_str);
        self.j.info(code, at, message);
    }

    fn warn(&mut self, code: &'static str, at: usize, message: String) {
        let at = self.at.get(at).map_or("", String::as_str);
        self.j.warn(code, at, message);
    }

    fn part_name(&self, lost: Lost) -> &'static str {
        match lost {
            Lost::ArticleTitle => "\"article-title\"",
            Lost::VolumeTitle => "\"volume-title\"",
            Lost::JournalTitle => "\"journal-title\"",
            Lost::SeriesTitle => "\"series-title\"",
            Lost::Year => "\"year\"",
            Lost::ComponentNumber => "\"component\"",
            Lost::Issn => "\"ISSN\"",
            Lost::Isbn => "\"ISBN\"",
            Lost::Designator => "\"standard-designator\"",
            Lost::StandardsBody => "\"standards-body\"",
        }
    }

    fn citation_word(&self) -> &'static str {
        "reference"
    }
}

/// `reference`: with a DOI a related identifier `References`; without, a related item built
/// from its parts, as the XML reader builds one from a citation.
fn references(m: &mut M<'_>) {
    let Some((at, value)) = m.get("reference") else { return };
    let mut places: Vec<String> = Vec::new();
    let mut citations = Vec::new();
    for mut reference in m.j.objects(&at, value) {
        let mut place = |at: String| {
            places.push(at);
            places.len() - 1
        };
        let reference_at = reference.at.clone();
        let mut parts: Parts<usize> = Parts::default();
        let empty = reference.is_empty();
        let key = reference.get("key").and_then(|(at, v)| m.j.text(&at, v));
        macro_rules! part {
            ($key:literal, $slot:expr, $read:ident) => {
                if let Some((at, v)) = reference.get($key) {
                    if let Some(value) = m.j.$read(&at, v) {
                        $slot = Some(Part { value, at: place(at) });
                    }
                }
            };
        }
        if let Some((at, v)) = reference.get("DOI") {
            if let Some(text) = m.j.text(&at, v) {
                let value = m.doi(&at, &text);
                parts.doi = Some(Part { value, at: place(at) });
            }
        }
        part!("article-title", parts.article_title, title);
        part!("volume-title", parts.volume_title, title);
        part!("journal-title", parts.journal_title, title);
        part!("series-title", parts.series_title, title);
        part!("unstructured", parts.unstructured, rich);
        part!("year", parts.year, text);
        part!("elocation-id", parts.elocation, text);
        part!("component", parts.component, text);
        part!("ISSN", parts.issn, text);
        part!("ISBN", parts.isbn, text);
        part!("standard-designator", parts.designator, text);
        parts.author = reference.get("author").and_then(|(at, v)| m.j.name(&at, v));
        parts.volume = reference.get("volume").and_then(|(at, v)| m.j.text(&at, v));
        parts.issue = reference.get("issue").and_then(|(at, v)| m.j.text(&at, v));
        parts.first_page = reference.get("first-page").and_then(|(at, v)| m.j.text(&at, v));
        parts.edition = reference.get("edition").and_then(|(at, v)| m.j.text(&at, v));
        if let Some((at, _)) = reference.get("standards-body") {
            parts.standards_body = Some(place(at));
        }
        let general = match reference.get("type") {
            Some((at, v)) => m.j.text(&at, v).and_then(|t| {
                let general = crate::citation_type(&t.replace('-', "_"));
                if general.is_none() {
                    let message = format!("reference type {} is not a Crossref citation type; not read", quote(&t));
                    m.j.warn(codes::VOCAB_UNKNOWN, &at, message);
                }
                general
            }),
            None => None,
        };
        // Who supplied the DOI, and whether the ISSN or ISBN is print or electronic.
        reference.skip(&["doi-asserted-by", "issn-type", "isbn-type"]);
        reference.rest(&mut m.j, "a reference");
        let at = place(reference_at);
        citations.push(Citation { at, key, empty, parts, general });
    }
    let mut cited = Cited::default();
    let mut losses = Losses::new();
    let mut sink = ReferenceSink { j: &mut m.j, at: &places };
    for citation in citations {
        cite(&mut sink, citation, &mut cited, &mut losses);
    }
    losses.report(&mut sink);
    m.r.related_identifiers.extend(cited.identifiers);
    m.r.related_items.extend(cited.items);
}

// ---- Crossmark, trials ---------------------------------------------------------------------------

/// `update-to` (this work updates the DOI given) and `updated-by` (the DOI given updates this
/// work): a new version or edition is `IsNewVersionOf` (`IsPreviousVersionOf`); other updates
/// (corrections, retractions) are `Other`, with the kind and date in `relationTypeInformation`.
fn updates(m: &mut M<'_>, key: &str, inverse: bool) {
    let Some((at, value)) = m.get(key) else { return };
    for mut update in m.j.objects(&at, value) {
        let doi = update.get("DOI").and_then(|(at, v)| m.j.text(&at, v).map(|t| (at, t)));
        let kind = update.get("type").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_else(|| "update".into());
        let date = update.get("updated").and_then(|(at, v)| m.date(&at, v)).map(|d| d.date);
        // The kind's label, and who told Crossref (the publisher, Retraction Watch).
        update.skip(&["label", "source"]);
        let update_at = update.at.clone();
        update.rest(&mut m.j, "an update");
        let Some((doi_at, doi)) = doi else {
            m.j.missing(&update_at, "an update without \"DOI\" is not read".to_owned());
            continue;
        };
        let doi = m.doi(&doi_at, &doi);
        let date = date.map(|d| format!(" ({d})")).unwrap_or_default();
        let (relation_type, information) = match (kind.replace('-', "_").as_str(), inverse) {
            ("new_version" | "new_edition", false) => (RelationType::IsNewVersionOf, None),
            ("new_version" | "new_edition", true) => (RelationType::IsPreviousVersionOf, None),
            (_, false) => (RelationType::Other, Some(format!("Crossmark update: {kind}{date}"))),
            (_, true) => (RelationType::Other, Some(format!("Crossmark update: updated by a {kind}{date}"))),
        };
        let information = information.or_else(|| (!date.is_empty()).then(|| format!("Crossmark update: {kind}{date}")));
        m.r.related_identifiers.push(RelatedIdentifier {
            related_identifier: doi,
            related_identifier_type: Some(RelatedIdentifierType::Doi),
            relation_type: Some(relation_type),
            relation_type_information: information,
            ..Default::default()
        });
    }
}

/// `clinical-trial-number`: trial numbers are not identifiers DataCite can type.
fn trials(m: &mut M<'_>) {
    let Some((at, value)) = m.get("clinical-trial-number") else { return };
    for mut trial in m.j.objects(&at, value) {
        let number = trial.get("clinical-trial-number").and_then(|(at, v)| m.j.text(&at, v));
        let registry = trial.get("registry").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_default();
        trial.skip(&["type"]);
        let trial_at = trial.at.clone();
        trial.rest(&mut m.j, "a clinical trial number");
        let message = format!(
            "clinical trial number {} (registry {}) not carried: DataCite has no identifier type for it",
            quote(number.as_deref().unwrap_or("")),
            quote(&registry)
        );
        m.j.warn(codes::FIELD_UNMAPPED, &trial_at, message);
    }
}

/// `assertion`: Crossmark's publication history (received, accepted, published) becomes dates;
/// other assertions have no place.
fn assertions(m: &mut M<'_>) {
    let Some((at, value)) = m.get("assertion") else { return };
    for mut assertion in m.j.objects(&at, value) {
        let name = assertion.get("name").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_default();
        let label = assertion.get("label").and_then(|(at, v)| m.j.text(&at, v));
        let text = assertion.get("value").and_then(|(at, v)| m.j.rich(&at, v));
        // How the assertion is shown: its order, group, explanation and link.
        assertion.skip(&["order", "group", "explanation", "URL"]);
        let assertion_at = assertion.at.clone();
        assertion.rest(&mut m.j, "an assertion");
        let date_type = match name.as_str() {
            "received" => Some(DateType::Submitted),
            "accepted" => Some(DateType::Accepted),
            "published" => Some(DateType::Issued),
            _ => None,
        };
        match (date_type, text) {
            (Some(date_type), Some(date)) if is_w3cdtf_date(&date) => {
                let known = m.r.dates.iter().any(|d| d.date == date && d.date_type.as_ref() == Some(&date_type));
                if !known {
                    m.push_date(date, date_type, Some(format!("Crossmark: {name}")));
                }
            }
            (_, Some(text)) => {
                let label = label.unwrap_or(name);
                let message = format!(
                    "Crossmark assertion {} ({}) has no place in DataCite; not carried",
                    quote(&label),
                    quote(&text)
                );
                m.j.warn(codes::FIELD_UNMAPPED, &assertion_at, message);
            }
            (_, None) => {}
        }
    }
}

// ---- grants ------------------------------------------------------------------------------------------

/// What a grant record collects before it is finished.
#[derive(Default)]
pub(crate) struct Grant {
    award_number: Option<String>,
    funders: Vec<FundingReference>,
    first_title: Option<String>,
}

/// A grant (`type` `grant`): `award` is the award number (an alternate identifier too),
/// `award-start` the date of issue; each `project` gives titles, descriptions, investigators,
/// funding and the award period, as the grant schema's elements do in the XML reader.
fn grant(m: &mut M<'_>) {
    if let Some((at, value)) = m.get("award") {
        if let Some(number) = m.j.text(&at, value) {
            m.alternate(number.clone(), "Award number");
            m.grant.award_number = Some(number);
        }
    }
    if let Some((at, value)) = m.get("award-start") {
        if let Some(date) = m.date(&at, value) {
            m.issued_year(&date.date);
            m.push_date(date.date, DateType::Issued, Some("award start date".into()));
        }
    }
    let Some((at, value)) = m.get("project") else { return };
    for mut project in m.j.objects(&at, value) {
        if let Some((at, value)) = project.get("project-title") {
            for mut title in m.j.objects(&at, value) {
                let text = title.get("title").and_then(|(at, v)| m.j.title(&at, v));
                let lang = title.get("language").and_then(|(at, v)| m.j.text(&at, v));
                title.rest(&mut m.j, "a project title");
                let Some(text) = text else { continue };
                m.grant.first_title.get_or_insert_with(|| text.clone());
                let title_type = (!m.r.titles.is_empty()).then_some(if lang.is_some() {
                    TitleType::TranslatedTitle
                } else {
                    TitleType::AlternativeTitle
                });
                m.r.titles.push(Title { title: text, title_type, lang });
            }
        }
        if let Some((at, value)) = project.get("project-description") {
            for mut description in m.j.objects(&at, value) {
                let text = description.get("description").and_then(|(at, v)| m.j.rich(&at, v));
                let lang = description.get("language").and_then(|(at, v)| m.j.text(&at, v));
                description.rest(&mut m.j, "a project description");
                if let Some(text) = text {
                    m.description(text, DescriptionType::Abstract, lang);
                }
            }
        }
        for (key, creator) in [("lead-investigator", true), ("co-lead-investigator", true), ("investigator", false)] {
            let Some((at, value)) = project.get(key) else { continue };
            for mut investigator in m.j.objects(&at, value) {
                // When the person held the role.
                investigator.skip(&["role-start", "role-end"]);
                let Some(mut person) = m.person(investigator) else { continue };
                person.name_type = Some(NameType::Personal);
                if creator {
                    m.r.creators.push(person.into_creator());
                } else {
                    m.r.contributors.push(person.into_contributor(ContributorType::ProjectMember));
                }
            }
        }
        if let Some((at, value)) = project.get("funding") {
            for funding in m.j.objects(&at, value) {
                project_funding(m, funding);
            }
        }
        if let Some((at, value)) = project.get("award-amount") {
            m.j.unmapped(&at, value, "(the amount awarded) has no place in DataCite; not carried");
        }
        let start = project.get("award-start").or_else(|| project.get("award-planned-start"));
        let planned = project.peek("award-start").is_none();
        let end = project.get("award-end").or_else(|| project.get("award-planned-end"));
        project.skip(&["award-planned-start", "award-planned-end"]);
        project.rest(&mut m.j, "a project");
        let start = start.and_then(|(at, v)| m.date(&at, v)).map(|d| d.date);
        let end = end.and_then(|(at, v)| m.date(&at, v)).map(|d| d.date);
        let range = match (&start, &end) {
            (Some(start), Some(end)) => format!("{start}/{end}"),
            (Some(start), None) => format!("{start}/.."),
            (None, Some(end)) => format!("../{end}"),
            (None, None) => continue,
        };
        let information = if planned { "planned award period" } else { "award period" };
        m.push_date(range, DateType::Other, Some(information.into()));
        if let Some(start) = start {
            m.issued_year(&start);
        }
    }
}

/// A project's `funding`: a funding reference of the grant's funder.
fn project_funding(m: &mut M<'_>, mut funding: Obj<'_>) {
    let mut reference = FundingReference::default();
    if let Some((at, value)) = funding.get("funder") {
        if let Some(mut funder) = m.j.object(&at, value) {
            reference.funder_name = funder.get("name").and_then(|(at, v)| m.j.name(&at, v)).unwrap_or_default();
            if let Some((at, value)) = funder.get("id") {
                for mut entry in m.j.objects(&at, value) {
                    let text = entry.get("id").and_then(|(at, v)| m.j.text(&at, v));
                    let kind = entry.get("id-type").and_then(|(at, v)| m.j.text(&at, v)).unwrap_or_default();
                    entry.skip(&["asserted-by"]);
                    let entry_at = entry.at.clone();
                    entry.rest(&mut m.j, "a funder identifier");
                    let Some(text) = text else { continue };
                    if reference.funder_identifier.is_some() {
                        m.j.unmapped(
                            &entry_at,
                            &Value::String(text),
                            "is a second identifier of the funder; a funding reference holds one",
                        );
                        continue;
                    }
                    let (id, kind) = funder_identifier(&mut m.j, &entry_at, text, kind.eq_ignore_ascii_case("ror"));
                    reference.funder_identifier = Some(id);
                    reference.funder_identifier_type = Some(kind);
                }
            }
            funder.rest(&mut m.j, "a funder");
        }
    }
    for key in ["scheme", "award-amount"] {
        if let Some((at, value)) = funding.get(key) {
            m.j.unmapped(&at, value, "has no place in a DataCite funding reference; not carried");
        }
    }
    // The kind of funding (a grant, a loan).
    funding.skip(&["type"]);
    let at = funding.at.clone();
    funding.rest(&mut m.j, "a funding");
    if reference.funder_name.is_empty() {
        m.j.missing(&at, "a funding without a funder's name".to_owned());
    }
    m.grant.funders.push(reference);
}

/// Completes a grant: funding references with the award number and title; the first funder as
/// publisher.
pub(crate) fn finish_grant(m: &mut M<'_>) {
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

#[cfg(test)]
mod tests {
    #[test]
    fn relation_keys_are_the_schema_types() {
        assert_eq!(super::camel("is-preprint-of"), "isPreprintOf");
        assert_eq!(super::camel("has-review"), "hasReview");
        assert_eq!(super::camel("references"), "references");
    }
}

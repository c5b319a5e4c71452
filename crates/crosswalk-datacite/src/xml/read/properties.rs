//! The properties of `<resource>`: the walk over its children, and the readers of the
//! properties that are one element each (identifier, titles, publisher, dates, rights …).
//! Names, geo locations and related items have modules of their own.

use crosswalk_model::{
    codes, doi, AlternateIdentifier, DateType, Description, Diagnostic, FundingReference, Publisher, RelatedIdentifier,
    Resource, Rights, Subject, Title, Types,
};
use roxmltree::Node;

use super::context::{quote, Reader};
use super::{general_type, geo, items, names, IDENTIFIER_TYPE, MISSING_ATTRIBUTE, MISSING_ELEMENT};

/// Reads the `<resource>` element.
pub(super) fn resource(r: &mut Reader<'_>, root: Node<'_, '_>) -> Resource {
    let mut res = Resource::default();
    let mut identifier_read = false;
    root_attributes(r, root);
    for child in root.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "identifier" => identifier(r, el, &mut res, &mut identifier_read),
            "creators" => names::creators(r, el, &mut res.creators),
            "titles" => titles(r, el, &mut res.titles),
            "publisher" => {
                let publisher = publisher(r, el);
                r.keep_first(el, &mut res.publisher, publisher);
            }
            "publicationYear" => {
                let year = publication_year(r, el);
                r.keep_first(el, &mut res.publication_year, year);
            }
            "resourceType" => {
                if let Some(types) = resource_type(r, el) {
                    if res.types.is_empty() {
                        res.types = types;
                    } else {
                        r.repeated(el);
                    }
                }
            }
            "subjects" => r.each(el, "subject", |r, el| res.subjects.extend(subject(r, el))),
            "contributors" => names::contributors(r, el, &mut res.contributors, &mut res.funding_references),
            "dates" => dates::dates(r, el, &mut res.dates),
            "language" => single_text(r, el, &mut res.language),
            "alternateIdentifiers" => {
                r.each(el, "alternateIdentifier", |r, el| {
                    res.alternate_identifiers.extend(alternate_identifier(r, el))
                });
            }
            "relatedIdentifiers" => {
                r.each(el, "relatedIdentifier", |r, el| res.related_identifiers.extend(related_identifier(r, el)));
            }
            "sizes" => r.each(el, "size", |r, el| res.sizes.extend(list_text(r, el))),
            "formats" => r.each(el, "format", |r, el| res.formats.extend(list_text(r, el))),
            "version" => single_text(r, el, &mut res.version),
            "rightsList" => r.each(el, "rights", |r, el| res.rights_list.extend(rights(r, el))),
            "rights" => {
                if let Some(rights) = rights(r, el) {
                    let message = "<rights> directly under <resource> (kernel 2) read as a rightsList entry".to_owned();
                    r.info(codes::LEGACY_MAPPED, el, message);
                    res.rights_list.push(rights);
                }
            }
            "descriptions" => r.each(el, "description", |r, el| res.descriptions.extend(description(r, el))),
            "geoLocations" => geo::geo_locations(r, el, &mut res.geo_locations),
            "fundingReferences" => {
                r.each(el, "fundingReference", |r, el| res.funding_references.extend(funding_reference(r, el)));
            }
            "relatedItems" => items::related_items(r, el, &mut res.related_items),
            _ => r.unknown_element(el),
        }
    }
    res
}

/// The attributes of `<resource>`: none in kernels 3 and 4; kernel 2's administrative ones have
/// no place in 4.7.
fn root_attributes(r: &mut Reader<'_>, root: Node<'_, '_>) {
    for attribute in root.attributes() {
        match r.attribute_name(root, &attribute) {
            Some(name @ ("lastMetadataUpdate" | "metadataVersionNumber")) => {
                let message = format!(
                    "kernel-2 administrative attribute {name}={} (removed in kernel 3.0) has no place in 4.7; not carried over",
                    quote(attribute.value())
                );
                r.report_at_attribute(Diagnostic::warning(codes::FIELD_UNMAPPED, message), root, &attribute);
            }
            Some(_) => r.unknown_attribute(root, &attribute),
            None => {}
        }
    }
}

/// The `<identifier>`: a DOI (its resolver prefix removed), or another identifier kept as an
/// alternate identifier. Only the first is read.
fn identifier(r: &mut Reader<'_>, node: Node<'_, '_>, res: &mut Resource, already_read: &mut bool) {
    let mut kind = None;
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("identifierType") => {
                if let Some(value) = r.attribute_value(node, &attribute) {
                    if value != "DOI" && value.eq_ignore_ascii_case("DOI") {
                        let message = format!("identifierType {} read as \"DOI\"", quote(value));
                        r.report_at_attribute(Diagnostic::info(codes::VOCAB_NORMALISED, message), node, &attribute);
                    }
                    kind = Some(value);
                }
            }
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(value) = r.text(node) else {
        r.empty(node);
        return;
    };
    if *already_read {
        r.repeated(node);
        return;
    }
    *already_read = true;
    match kind {
        Some(kind) if kind.eq_ignore_ascii_case("DOI") => read_doi(r, node, value, res),
        Some(kind) => {
            let message = format!(
                "identifier {} has identifierType {}, not DOI; kept as an alternateIdentifier",
                quote(&value),
                quote(kind)
            );
            r.warn(IDENTIFIER_TYPE, node, message);
            res.alternate_identifiers.push(AlternateIdentifier {
                alternate_identifier: value,
                alternate_identifier_type: Some(kind.to_owned()),
            });
        }
        None if doi::normalise(&value).is_some() => {
            let message =
                format!("<identifier> has no identifierType; {} has the shape of a DOI: read as one", quote(&value));
            r.warn(MISSING_ATTRIBUTE, node, message);
            read_doi(r, node, value, res);
        }
        None => {
            let message = format!(
                "<identifier> has no identifierType and {} is not a DOI; kept as an alternateIdentifier",
                quote(&value)
            );
            r.warn(MISSING_ATTRIBUTE, node, message);
            res.alternate_identifiers
                .push(AlternateIdentifier { alternate_identifier: value, alternate_identifier_type: None });
        }
    }
}

/// Sets the DOI: without a resolver prefix (reported), or as written when it is not DOI-shaped.
fn read_doi(r: &mut Reader<'_>, node: Node<'_, '_>, value: String, res: &mut Resource) {
    match doi::normalise(&value) {
        Some(name) if name == value => res.doi = Some(value),
        Some(name) => {
            r.info(codes::VALUE_NORMALISED, node, format!("DOI {} read as {}", quote(&value), quote(&name)));
            res.doi = Some(name);
        }
        None => {
            let message = format!(
                "identifier {} does not have the shape of a DOI (10.prefix/suffix); kept as written",
                quote(&value)
            );
            r.warn(codes::VALUE_INVALID, node, message);
            res.doi = Some(value);
        }
    }
}

/// Reads the `<title>`s of a `<titles>` (of the resource or of a related item).
pub(super) fn titles(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<Title>) {
    r.each(wrapper, "title", |r, el| out.extend(title(r, el)));
}

fn title(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Title> {
    let mut title = Title::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("titleType") => title.title_type = r.attribute_vocab(node, &attribute),
            Some("xml:lang") => title.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(text) = r.text(node) else {
        r.empty(node);
        return None;
    };
    title.title = text;
    Some(title)
}

fn publisher(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Publisher> {
    let mut publisher = Publisher::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("publisherIdentifier") => publisher.publisher_identifier = r.attribute_text(node, &attribute),
            Some("publisherIdentifierScheme") => {
                publisher.publisher_identifier_scheme = r.attribute_text(node, &attribute)
            }
            Some("schemeURI") => publisher.scheme_uri = r.attribute_text(node, &attribute),
            Some("xml:lang") => publisher.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    match r.text(node) {
        Some(name) => publisher.name = name,
        // An identified publisher without a name still says who published.
        None if publisher.publisher_identifier.is_some() => {}
        None => {
            r.empty(node);
            return None;
        }
    }
    Some(publisher)
}

/// A `publicationYear` (of the resource or of a related item), kept as written.
pub(super) fn publication_year(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<String> {
    r.no_attributes(node);
    let Some(year) = r.text(node) else {
        r.empty(node);
        return None;
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        r.warn(
            codes::VALUE_INVALID,
            node,
            format!("publicationYear {} is not a four-digit year; kept as written", quote(&year)),
        );
    }
    Some(year)
}

fn resource_type(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Types> {
    let mut types = Types::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("resourceTypeGeneral") => types.resource_type_general = general_type(r, node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    types.resource_type = r.text(node);
    if types.is_empty() {
        r.empty(node);
        return None;
    }
    Some(types)
}

fn subject(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Subject> {
    let mut subject = Subject::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("subjectScheme") => subject.subject_scheme = r.attribute_text(node, &attribute),
            Some("schemeURI") => subject.scheme_uri = r.attribute_text(node, &attribute),
            Some("valueURI") => subject.value_uri = r.attribute_text(node, &attribute),
            Some("classificationCode") => subject.classification_code = r.attribute_text(node, &attribute),
            Some("xml:lang") => subject.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    match r.text(node) {
        Some(text) => subject.subject = text,
        // A term identified by URI or code is a subject even without its label.
        None if subject.value_uri.is_some() || subject.classification_code.is_some() => {}
        None => {
            r.empty(node);
            return None;
        }
    }
    Some(subject)
}

/// Reads a single-valued text element into `slot`; a repeated one is reported.
pub(super) fn single_text(r: &mut Reader<'_>, node: Node<'_, '_>, slot: &mut Option<String>) {
    r.no_attributes(node);
    match r.text(node) {
        Some(text) => r.keep_first(node, slot, Some(text)),
        None => r.empty(node),
    }
}

/// The text of an item of a text list (`size`, `format`), skipped (reported) when empty.
fn list_text(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<String> {
    r.no_attributes(node);
    let text = r.text(node);
    if text.is_none() {
        r.empty(node);
    }
    text
}

fn alternate_identifier(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<AlternateIdentifier> {
    let mut kind = None;
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("alternateIdentifierType") => kind = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(value) = r.text(node) else {
        r.empty(node);
        return None;
    };
    Some(AlternateIdentifier { alternate_identifier: value, alternate_identifier_type: kind })
}

fn related_identifier(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<RelatedIdentifier> {
    let mut related = RelatedIdentifier::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("relatedIdentifierType") => related.related_identifier_type = r.attribute_vocab(node, &attribute),
            Some("relationType") => related.relation_type = r.attribute_vocab(node, &attribute),
            Some("relationTypeInformation") => related.relation_type_information = r.attribute_text(node, &attribute),
            Some("relatedMetadataScheme") => related.related_metadata_scheme = r.attribute_text(node, &attribute),
            Some("schemeURI") => related.scheme_uri = r.attribute_text(node, &attribute),
            Some("schemeType") => related.scheme_type = r.attribute_text(node, &attribute),
            Some("resourceTypeGeneral") => related.resource_type_general = general_type(r, node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(value) = r.text(node) else {
        r.empty(node);
        return None;
    };
    related.related_identifier = value;
    Some(related)
}

fn rights(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Rights> {
    let mut rights = Rights::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("rightsURI") => rights.rights_uri = r.attribute_text(node, &attribute),
            Some("rightsIdentifier") => rights.rights_identifier = r.attribute_text(node, &attribute),
            Some("rightsIdentifierScheme") => rights.rights_identifier_scheme = r.attribute_text(node, &attribute),
            Some("schemeURI") => rights.scheme_uri = r.attribute_text(node, &attribute),
            Some("xml:lang") => rights.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    rights.rights = r.text(node);
    // A licence given only by URI or identifier is kept: `<rights rightsURI="…"/>`.
    if rights.rights.is_none() && rights.rights_uri.is_none() && rights.rights_identifier.is_none() {
        r.empty(node);
        return None;
    }
    Some(rights)
}

fn description(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Description> {
    let mut description = Description::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("descriptionType") => description.description_type = r.attribute_vocab(node, &attribute),
            Some("xml:lang") => description.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(text) = r.description_text(node) else {
        r.empty(node);
        return None;
    };
    description.description = text;
    Some(description)
}

fn funding_reference(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<FundingReference> {
    r.no_attributes(node);
    let mut funding = FundingReference::default();
    let mut funder_name = None;
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            "funderName" => single_text(r, el, &mut funder_name),
            "funderIdentifier" => {
                let mut kind = None;
                let mut scheme_uri = None;
                for attribute in el.attributes() {
                    match r.attribute_name(el, &attribute) {
                        Some("funderIdentifierType") => kind = r.attribute_vocab(el, &attribute),
                        Some("schemeURI") => scheme_uri = r.attribute_text(el, &attribute),
                        Some(_) => r.unknown_attribute(el, &attribute),
                        None => {}
                    }
                }
                match r.text(el) {
                    Some(id) if funding.funder_identifier.is_none() => {
                        funding.funder_identifier = Some(id);
                        funding.funder_identifier_type = kind;
                        funding.scheme_uri = scheme_uri;
                    }
                    Some(_) => r.repeated(el),
                    None => r.empty(el),
                }
            }
            "awardNumber" => {
                let mut award_uri = None;
                for attribute in el.attributes() {
                    match r.attribute_name(el, &attribute) {
                        Some("awardURI") => award_uri = r.attribute_text(el, &attribute),
                        Some(_) => r.unknown_attribute(el, &attribute),
                        None => {}
                    }
                }
                let number = r.text(el);
                if funding.award_number.is_some() || funding.award_uri.is_some() {
                    r.repeated(el);
                } else if number.is_none() && award_uri.is_none() {
                    r.empty(el);
                } else {
                    // An award known only by its URI is kept.
                    funding.award_number = number;
                    funding.award_uri = award_uri;
                }
            }
            "awardTitle" => single_text(r, el, &mut funding.award_title),
            _ => r.unknown_element(el),
        }
    }
    match funder_name {
        Some(name) => funding.funder_name = name,
        None if funding == FundingReference::default() => {
            r.empty(node);
            return None;
        }
        None => {
            r.warn(MISSING_ELEMENT, node, "<fundingReference> has no <funderName>; kept with what it holds".to_owned())
        }
    }
    Some(funding)
}

/// Dates, and the kernel-2 `StartDate`/`EndDate` pairs.
mod dates {
    use super::*;

    /// A date whose type was kernel 2's `StartDate` or `EndDate`, awaiting its pair.
    struct LegacyDate<'a, 'i> {
        /// Its index in the list of dates.
        index: usize,
        /// StartDate (true) or EndDate (false).
        start: bool,
        /// The source's own `dateInformation`.
        information: Option<String>,
        node: Node<'a, 'i>,
    }

    /// Reads the `<date>`s of a `<dates>` into `out`, then pairs its StartDates with its
    /// EndDates (see the module's table of legacy mappings).
    pub(super) fn dates(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<crosswalk_model::Date>) {
        let mut legacy = Vec::new();
        r.each(wrapper, "date", |r, el| {
            let mut date = crosswalk_model::Date::default();
            let mut start = None;
            for attribute in el.attributes() {
                match r.attribute_name(el, &attribute) {
                    Some("dateType") => match r.attribute_value(el, &attribute) {
                        Some(kind) if kind.eq_ignore_ascii_case("StartDate") => start = Some(true),
                        Some(kind) if kind.eq_ignore_ascii_case("EndDate") => start = Some(false),
                        Some(kind) => date.date_type = Some(r.vocab(el, &attribute, kind)),
                        None => {}
                    },
                    Some("dateInformation") => date.date_information = r.attribute_text(el, &attribute),
                    Some(_) => r.unknown_attribute(el, &attribute),
                    None => {}
                }
            }
            let Some(text) = r.text(el) else {
                r.empty(el);
                return;
            };
            date.date = text;
            if let Some(start) = start {
                let information = date.date_information.take();
                date.date_type = Some(DateType::Other);
                date.date_information =
                    Some(legacy_information(if start { "StartDate" } else { "EndDate" }, &information));
                legacy.push(LegacyDate { index: out.len(), start, information, node: el });
            }
            out.push(date);
        });
        if !legacy.is_empty() {
            pair(r, out, &legacy);
        }
    }

    /// The `dateInformation` naming a kernel-2 date type, followed by the source's own.
    fn legacy_information(kind: &str, source: &Option<String>) -> String {
        match source {
            Some(source) => format!("{kind} (DataCite kernel 2); {source}"),
            None => format!("{kind} (DataCite kernel 2)"),
        }
    }

    /// Joins the n-th StartDate with the n-th EndDate into a range; reports every mapping.
    fn pair(r: &mut Reader<'_>, out: &mut Vec<crosswalk_model::Date>, legacy: &[LegacyDate<'_, '_>]) {
        let starts = legacy.iter().filter(|d| d.start);
        let ends = legacy.iter().filter(|d| !d.start);
        let mut paired = 0;
        let mut merged_away = Vec::new();
        for (start, end) in starts.clone().zip(ends.clone()) {
            paired += 1;
            let start_text = out.get(start.index).map(|d| d.date.clone()).unwrap_or_default();
            let end_text = out.get(end.index).map(|d| d.date.clone()).unwrap_or_default();
            let range = format!("{start_text}/{end_text}");
            let information = match (&start.information, &end.information) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.clone().or_else(|| b.clone()),
            };
            let message = format!(
                "dateType \"StartDate\" {} and \"EndDate\" {} (removed in kernel 3.0) read as the range {} with dateType \"Other\"",
                quote(&start_text),
                quote(&end_text),
                quote(&range)
            );
            r.info(codes::LEGACY_MAPPED, start.node, message);
            if let Some(kept) = out.get_mut(start.index.min(end.index)) {
                *kept = crosswalk_model::Date {
                    date: range,
                    date_type: Some(DateType::Other),
                    date_information: Some(legacy_information("StartDate/EndDate", &information)),
                };
            }
            merged_away.push(start.index.max(end.index));
        }
        for lone in starts.skip(paired).chain(ends.skip(paired)) {
            let kind = if lone.start { "StartDate" } else { "EndDate" };
            let information = out.get(lone.index).and_then(|d| d.date_information.clone()).unwrap_or_default();
            let message = format!(
                "dateType \"{kind}\" (removed in kernel 3.0) has no pair; read as dateType \"Other\" with dateInformation {}",
                quote(&information)
            );
            r.info(codes::LEGACY_MAPPED, lone.node, message);
        }
        merged_away.sort_unstable();
        for index in merged_away.into_iter().rev() {
            if index < out.len() {
                out.remove(index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::xml::read_str;
    use crosswalk_model::DateType;

    #[test]
    fn start_and_end_dates_pair_in_order() {
        let record = read_str(
            r#"<resource xmlns="http://datacite.org/schema/kernel-2.2"><dates>
                <date dateType="EndDate">2002</date>
                <date dateType="Issued">2003</date>
                <date dateType="StartDate">2001</date>
                <date dateType="StartDate">2010</date>
            </dates></resource>"#,
        );
        let dates = &record.resource.dates;
        assert_eq!(dates.len(), 3);
        assert_eq!(dates[0].date, "2001/2002");
        assert_eq!(dates[0].date_type, Some(DateType::Other));
        assert_eq!(dates[0].date_information.as_deref(), Some("StartDate/EndDate (DataCite kernel 2)"));
        assert_eq!(dates[1].date, "2003");
        assert_eq!(dates[2].date, "2010");
        assert_eq!(dates[2].date_information.as_deref(), Some("StartDate (DataCite kernel 2)"));
    }
}

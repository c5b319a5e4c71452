//! Creators and contributors (of the resource and of related items), and the contributor of
//! type `Funder` of kernels 2.2–3.1, which becomes a funding reference.
//!
//! A creator element that holds several names (a malformed export) is split: each name starts a
//! new creator, which takes the given and family names, identifiers and affiliations after it.

use crosswalk_model::{
    codes, Affiliation, Contributor, ContributorType, Creator, FunderIdentifierType, FundingReference, NameIdentifier,
    NameType, RelatedItemContributor, RelatedItemCreator,
};
use roxmltree::{Attribute, Node};

use super::context::{quote, Reader};
use super::{MISSING_ELEMENT, NAME_SPLIT};

/// One person or organisation as read from a creator or contributor element.
struct Name<'a, 'i> {
    /// The creator or contributor element.
    node: Node<'a, 'i>,
    /// True once the name element was met (even an empty one): the next one starts a new name.
    has_name_element: bool,
    name: Option<String>,
    name_type: Option<NameType>,
    lang: Option<String>,
    given: Option<String>,
    family: Option<String>,
    identifiers: Vec<NameIdentifier>,
    affiliations: Vec<Affiliation>,
}

impl<'a, 'i> Name<'a, 'i> {
    fn new(node: Node<'a, 'i>) -> Self {
        Name {
            node,
            has_name_element: false,
            name: None,
            name_type: None,
            lang: None,
            given: None,
            family: None,
            identifiers: Vec::new(),
            affiliations: Vec::new(),
        }
    }

    fn name(&self) -> &str {
        self.name.as_deref().unwrap_or_default()
    }
}

/// Reads the `<creator>`s of the resource.
pub(super) fn creators(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<Creator>) {
    r.each(wrapper, "creator", |r, el| {
        r.no_attributes(el);
        read_names(r, el, "creatorName", true, |_, name| {
            out.push(Creator {
                name: name.name.unwrap_or_default(),
                name_type: name.name_type,
                given_name: name.given,
                family_name: name.family,
                lang: name.lang,
                name_identifiers: name.identifiers,
                affiliation: name.affiliations,
            });
        });
    });
}

/// Reads the `<contributor>`s of the resource; those of type `Funder` become funding references.
pub(super) fn contributors(
    r: &mut Reader<'_>,
    wrapper: Node<'_, '_>,
    out: &mut Vec<Contributor>,
    funders: &mut Vec<FundingReference>,
) {
    r.each(wrapper, "contributor", |r, el| {
        let mut role = None;
        let mut funder = None;
        for attribute in el.attributes() {
            match r.attribute_name(el, &attribute) {
                Some("contributorType") => match r.attribute_value(el, &attribute) {
                    Some(kind) if kind.eq_ignore_ascii_case("Funder") => funder = Some(attribute),
                    Some(kind) => role = Some(r.vocab::<ContributorType>(el, &attribute, kind)),
                    None => {}
                },
                Some(_) => r.unknown_attribute(el, &attribute),
                None => {}
            }
        }
        read_names(r, el, "contributorName", true, |r, name| match &funder {
            Some(attribute) => funders.push(funding_reference(r, name, attribute)),
            None => out.push(Contributor {
                name: name.name.unwrap_or_default(),
                name_type: name.name_type,
                given_name: name.given,
                family_name: name.family,
                lang: name.lang,
                name_identifiers: name.identifiers,
                affiliation: name.affiliations,
                contributor_type: role.clone(),
            }),
        });
    });
}

/// Reads the `<creator>`s of a related item (names only).
pub(super) fn item_creators(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<RelatedItemCreator>) {
    r.each(wrapper, "creator", |r, el| {
        r.no_attributes(el);
        read_names(r, el, "creatorName", false, |_, name| {
            out.push(RelatedItemCreator {
                name: name.name.unwrap_or_default(),
                name_type: name.name_type,
                given_name: name.given,
                family_name: name.family,
                lang: name.lang,
            });
        });
    });
}

/// Reads the `<contributor>`s of a related item (names and roles only).
pub(super) fn item_contributors(r: &mut Reader<'_>, wrapper: Node<'_, '_>, out: &mut Vec<RelatedItemContributor>) {
    r.each(wrapper, "contributor", |r, el| {
        let mut role = None;
        for attribute in el.attributes() {
            match r.attribute_name(el, &attribute) {
                Some("contributorType") => role = r.attribute_vocab::<ContributorType>(el, &attribute),
                Some(_) => r.unknown_attribute(el, &attribute),
                None => {}
            }
        }
        read_names(r, el, "contributorName", false, |_, name| {
            out.push(RelatedItemContributor {
                name: name.name.unwrap_or_default(),
                name_type: name.name_type,
                given_name: name.given,
                family_name: name.family,
                lang: name.lang,
                contributor_type: role.clone(),
            });
        });
    });
}

/// Reads the children of a creator or contributor element and hands each name it holds to
/// `emit` (one, unless the element holds several name elements). `full`: identifiers and
/// affiliations belong here (not in related items).
fn read_names<'a, 'i>(
    r: &mut Reader<'_>,
    node: Node<'a, 'i>,
    name_tag: &str,
    full: bool,
    mut emit: impl FnMut(&mut Reader<'_>, Name<'a, 'i>),
) {
    let mut current = Name::new(node);
    for child in node.children() {
        let Some(el) = r.element(child) else { continue };
        match el.tag_name().name() {
            tag if tag == name_tag => {
                if current.has_name_element {
                    let done = std::mem::replace(&mut current, Name::new(node));
                    finish(r, done, &mut emit);
                    let text = crate::xml::trim_xml_space(el.text().unwrap_or_default());
                    let message = format!(
                        "<{}> holds several <{name_tag}>s; {} read as a {} of its own",
                        node.tag_name().name(),
                        quote(text),
                        node.tag_name().name()
                    );
                    r.warn(NAME_SPLIT, el, message);
                }
                current.has_name_element = true;
                for attribute in el.attributes() {
                    match r.attribute_name(el, &attribute) {
                        Some("nameType") => current.name_type = r.attribute_vocab(el, &attribute),
                        Some("xml:lang") => current.lang = r.attribute_text(el, &attribute),
                        Some(_) => r.unknown_attribute(el, &attribute),
                        None => {}
                    }
                }
                current.name = r.text(el);
                if current.name.is_none() {
                    r.empty(el);
                }
            }
            "givenName" => super::properties::single_text(r, el, &mut current.given),
            "familyName" => super::properties::single_text(r, el, &mut current.family),
            "nameIdentifier" if full => current.identifiers.extend(name_identifier(r, el)),
            "affiliation" if full => current.affiliations.extend(affiliation(r, el)),
            _ => r.unknown_element(el),
        }
    }
    finish(r, current, &mut emit);
}

/// Hands a name on, building a missing name from the given and family names (reported); an
/// entirely empty creator or contributor is skipped (reported).
fn finish<'a, 'i>(r: &mut Reader<'_>, mut name: Name<'a, 'i>, emit: &mut impl FnMut(&mut Reader<'_>, Name<'a, 'i>)) {
    if name.name.is_none() {
        let element = name.node.tag_name().name();
        let built = match (&name.family, &name.given) {
            (Some(family), Some(given)) => Some(format!("{family}, {given}")),
            (Some(part), None) | (None, Some(part)) => Some(part.clone()),
            (None, None) => None,
        };
        match built {
            Some(built) => {
                let message = format!(
                    "<{element}> has no name element; name built from familyName and givenName: {}",
                    quote(&built)
                );
                r.warn(MISSING_ELEMENT, name.node, message);
                name.name = Some(built);
            }
            None if name.identifiers.is_empty() && name.affiliations.is_empty() => {
                if !name.has_name_element {
                    r.empty(name.node);
                }
                return;
            }
            None => {
                let message = format!("<{element}> has no name; kept with its identifiers and affiliations");
                r.warn(MISSING_ELEMENT, name.node, message);
            }
        }
    }
    emit(r, name);
}

fn name_identifier(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<NameIdentifier> {
    let mut identifier = NameIdentifier::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("nameIdentifierScheme") => identifier.name_identifier_scheme = r.attribute_text(node, &attribute),
            Some("schemeURI") => identifier.scheme_uri = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    let Some(value) = r.text(node) else {
        r.empty(node);
        return None;
    };
    identifier.name_identifier = value;
    Some(identifier)
}

fn affiliation(r: &mut Reader<'_>, node: Node<'_, '_>) -> Option<Affiliation> {
    let mut affiliation = Affiliation::default();
    for attribute in node.attributes() {
        match r.attribute_name(node, &attribute) {
            Some("affiliationIdentifier") => affiliation.affiliation_identifier = r.attribute_text(node, &attribute),
            Some("affiliationIdentifierScheme") => {
                affiliation.affiliation_identifier_scheme = r.attribute_text(node, &attribute);
            }
            Some("schemeURI") => affiliation.scheme_uri = r.attribute_text(node, &attribute),
            Some("xml:lang") => affiliation.lang = r.attribute_text(node, &attribute),
            Some(_) => r.unknown_attribute(node, &attribute),
            None => {}
        }
    }
    match r.text(node) {
        Some(name) => affiliation.name = name,
        // An organisation given only by its identifier is still an affiliation.
        None if affiliation.affiliation_identifier.is_some() => {}
        None => {
            r.empty(node);
            return None;
        }
    }
    Some(affiliation)
}

/// The funding reference of a kernel-2/3 contributor of type `Funder`; what has no place in a
/// funding reference is reported.
fn funding_reference(r: &mut Reader<'_>, name: Name<'_, '_>, attribute: &Attribute<'_, '_>) -> FundingReference {
    let node = name.node;
    let funder = name.name().to_owned();
    let message = format!(
        "contributorType \"Funder\" (removed in kernel 4.0): contributor {} read as a fundingReference",
        quote(&funder)
    );
    r.legacy_attribute(node, attribute, message);
    let mut funding = FundingReference { funder_name: funder.clone(), ..FundingReference::default() };
    let mut unmapped = Vec::new();
    let mut identifiers = name.identifiers.into_iter();
    if let Some(identifier) = identifiers.next() {
        let (kind, lost_scheme) = funder_identifier_type(&identifier);
        if let Some(scheme) = lost_scheme {
            let message = format!(
                "nameIdentifierScheme {} of funder {} has no funderIdentifierType; \"Other\" used and the scheme name not carried over",
                quote(scheme),
                quote(&funder)
            );
            r.warn(codes::FIELD_UNMAPPED, node, message);
        }
        funding.funder_identifier = Some(identifier.name_identifier);
        funding.funder_identifier_type = Some(kind);
        funding.scheme_uri = identifier.scheme_uri;
    }
    unmapped.extend(identifiers.map(|i| format!("further nameIdentifier {}", quote(&i.name_identifier))));
    unmapped.extend(name.affiliations.iter().map(|a| format!("affiliation {}", quote(&a.name))));
    unmapped.extend(name.given.iter().map(|g| format!("givenName {}", quote(g))));
    unmapped.extend(name.family.iter().map(|f| format!("familyName {}", quote(f))));
    unmapped.extend(name.lang.iter().map(|l| format!("xml:lang {}", quote(l))));
    if let Some(kind) = name.name_type.filter(|k| *k != NameType::Organizational) {
        unmapped.push(format!("nameType {}", quote(kind.as_str())));
    }
    for part in unmapped {
        let message =
            format!("{part} of funder {} has no place in a fundingReference; not carried over", quote(&funder));
        r.warn(codes::FIELD_UNMAPPED, node, message);
    }
    funding
}

/// The funder identifier type of a funder's name identifier, and the scheme name when it has no
/// equivalent (and is lost).
fn funder_identifier_type(identifier: &NameIdentifier) -> (FunderIdentifierType, Option<&str>) {
    let scheme = identifier.name_identifier_scheme.as_deref().unwrap_or_default();
    let folded: String =
        scheme.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).map(|c| c.to_ascii_lowercase()).collect();
    // 10.13039 is the DOI prefix of the Crossref Funder Registry (formerly FundRef).
    if folded.starts_with("fundref")
        || folded.starts_with("crossref")
        || identifier.name_identifier.contains("10.13039/")
    {
        return (FunderIdentifierType::CrossrefFunderId, None);
    }
    match folded.as_str() {
        "isni" => (FunderIdentifierType::Isni, None),
        "grid" => (FunderIdentifierType::Grid, None),
        "ror" => (FunderIdentifierType::Ror, None),
        "" => (FunderIdentifierType::Other, None),
        _ => (FunderIdentifierType::Other, Some(scheme)),
    }
}

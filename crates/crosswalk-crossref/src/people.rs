//! Contributors (`person_name`, `organization`, `anonymous`) and institutions.
//!
//! A person's name is written `Surname, Given` (with `, Suffix` when there is one), the parts
//! kept as `familyName`/`givenName` (a `person_name` with only a `name` is split by the shared
//! splitter, `crosswalk_rules::names`); the schema collapses white space inside names, and so does
//! the reader. `person_name` is a `Personal` name and `organization` an `Organizational` one (the
//! element says which). An ORCID becomes a name identifier; affiliations come from the 4.x
//! `affiliation` text and from the 5.3+ `affiliations/institution` elements with their ROR, ISNI
//! or Wikidata identifier.

use crosswalk_model::{codes, Affiliation, ContributorType, Creator, NameIdentifier, NameType};

use crate::ctx::{quote, Ctx};
use crate::tree::{Node, Ns};
use crate::{ANONYMOUS, ET_AL, MISSING_ELEMENT, ROLE_OTHER};

/// A person or organisation as read, before its role decides where it goes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Person {
    pub(crate) name: String,
    pub(crate) name_type: Option<NameType>,
    pub(crate) given: Option<String>,
    pub(crate) family: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) ids: Vec<NameIdentifier>,
    pub(crate) affiliations: Vec<Affiliation>,
}

impl Person {
    pub(crate) fn into_creator(self) -> Creator {
        Creator {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given,
            family_name: self.family,
            lang: self.lang,
            name_identifiers: self.ids,
            affiliation: self.affiliations,
        }
    }

    pub(crate) fn into_contributor(self, role: ContributorType) -> crosswalk_model::Contributor {
        crosswalk_model::Contributor {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given,
            family_name: self.family,
            lang: self.lang,
            name_identifiers: self.ids,
            affiliation: self.affiliations,
            contributor_type: Some(role),
        }
    }
}

/// Crossref's `contributor_role`, as it decides a person's place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// `author`.
    Author,
    /// `editor`.
    Editor,
    /// `translator`.
    Translator,
    /// `reviewer`, `review-assistant`, `stats-reviewer`, `reviewer-external`: authors of a peer
    /// review, contributors elsewhere.
    Reviewer(String),
    /// `chair`, `reader`, an unknown role or none: a contributor of type `Other`.
    Other(String),
}

/// A person with the role the source gave.
pub(crate) struct Contribution<'t> {
    pub(crate) person: Person,
    pub(crate) role: Role,
    pub(crate) node: Node<'t>,
}

/// The people of a `<contributors>` element, in order.
pub(crate) fn contributors<'t>(ctx: &mut Ctx, node: Node<'t>) -> Vec<Contribution<'t>> {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut people = Vec::new();
    for child in node.elements() {
        if let Some(contribution) = contributor(ctx, child) {
            people.push(contribution);
        }
    }
    people
}

/// One `person_name`, `organization` or `anonymous`; other elements are reported.
pub(crate) fn contributor<'t>(ctx: &mut Ctx, node: Node<'t>) -> Option<Contribution<'t>> {
    let person = match node.name() {
        "person_name" if node.ns() == Ns::Crossref => person_name(ctx, node)?,
        "organization" if node.ns() == Ns::Crossref => organization(ctx, node)?,
        "anonymous" if node.ns() == Ns::Crossref => anonymous(ctx, node),
        _ => {
            ctx.unknown_element(node);
            return None;
        }
    };
    let role = role(ctx, node);
    // "et al." is a marker that the list goes on, not a name: as a creator it would be an
    // author named "et al.".
    if is_et_al(&person.name) || person.family.as_deref().is_some_and(is_et_al) {
        let message = format!(
            "<{}> {} is an \"et al.\" marker, not a contributor; left out (the work has more contributors than listed)",
            node.qname(),
            quote(&person.name)
        );
        ctx.warn(ET_AL, node, message);
        return None;
    }
    Some(Contribution { person, role, node })
}

/// True for a text that only says "and others": `et al.`, `et al`, `et. al.`, `et alii`,
/// `and others`, `u. a.` (German), in brackets or not, in any case.
pub(crate) fn is_et_al(text: &str) -> bool {
    // Asked of every name: a text with more letters than the longest marker is none, and is
    // not read to its end; the markers are ASCII letters, so any other letter ends the look.
    const LONGEST: usize = "andothers".len();
    let mut letters = [0u8; LONGEST];
    let mut count = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '.' | ',' | '[' | ']' | '(' | ')')) {
        let Some(slot) = letters.get_mut(count).filter(|_| c.is_ascii_alphabetic()) else { return false };
        // An ASCII letter: one byte.
        *slot = (c as u8).to_ascii_lowercase();
        count += 1;
    }
    matches!(letters.get(..count), Some(b"etal" | b"etalii" | b"etalia" | b"andothers" | b"ua"))
}

/// The role of a contributor: its `contributor_role` attribute (schemas up to 5.4) or its child
/// `<role>` element (schema 5.5, which replaces the attribute: `<role type="editor"/>`; the
/// JATS-like forms `<role content-type="editor"/>` and `<role>editor</role>` are read too). When
/// both are given and disagree, the element, the newer form, is read (reported).
fn role(ctx: &mut Ctx, node: Node<'_>) -> Role {
    let attribute = node.attr("contributor_role").map(str::trim);
    let mut element: Option<(String, Node<'_>)> = None;
    for child in node.elements().filter(|c| is_role_element(*c)) {
        match role_element(ctx, child) {
            Some(word) if element.is_none() => element = Some((word, child)),
            Some(word) => {
                let message = format!(
                    "<{}> {} is a further role of a contributor already read as {}; a person has one role in DataCite, so it is not carried",
                    child.qname(),
                    quote(&word),
                    quote(element.as_ref().map_or("", |(w, _)| w.as_str()))
                );
                ctx.warn(codes::FIELD_UNMAPPED, child, message);
            }
            None => {}
        }
    }
    match (attribute, element) {
        (Some(attribute), Some((word, child))) if !attribute.eq_ignore_ascii_case(&word) => {
            let message = format!(
                "contributor_role {} and <{}> {} disagree; the element (schema 5.5's form) is read",
                quote(attribute),
                child.qname(),
                quote(&word)
            );
            ctx.warn(codes::FIELD_REPEATED, child, message);
            role_of(ctx, &word, child)
        }
        (Some(attribute), _) => role_of(ctx, attribute, node),
        (None, Some((word, child))) => role_of(ctx, &word, child),
        (None, None) => {
            let message = format!("<{}> has no contributor_role and no <role>; read as an author", node.qname());
            ctx.warn(crate::MISSING_ATTRIBUTE, node, message);
            Role::Author
        }
    }
}

/// True for a contributor's `<role>` child, in the Crossref or the JATS namespace.
fn is_role_element(node: Node<'_>) -> bool {
    node.name() == "role" && matches!(node.ns(), Ns::Crossref | Ns::Jats)
}

/// The Crossref role word of a `<role>` element: its `type` (schema 5.5), else its JATS
/// `content-type`, else its text. A CRediT role (`vocab="credit"`, a `vocab-term`) says what a
/// person did, not whether they are an author or editor: DataCite has no place for it (reported).
fn role_element(ctx: &mut Ctx, node: Node<'_>) -> Option<String> {
    ctx.check_attributes(node, ROLE_ATTRIBUTES);
    let attribute = |name: &str| node.attr(name).map(str::trim).filter(|v| !v.is_empty());
    if let Some(word) = attribute("type").or_else(|| attribute("content-type")) {
        return Some(word.to_owned());
    }
    let vocabulary = attribute("vocab").or_else(|| attribute("vocabulary"));
    let term = attribute("vocab-term").or_else(|| attribute("term"));
    if vocabulary.is_some() || term.is_some() {
        let text = crate::ctx::collapse(&crate::ctx::flat_text(node));
        let what = term.map(str::to_owned).or((!text.is_empty()).then_some(text)).unwrap_or_default();
        let message = format!(
            "contribution role {} ({} vocabulary) has no place in DataCite; not carried",
            quote(&what),
            vocabulary.unwrap_or("its")
        );
        ctx.warn(codes::FIELD_UNMAPPED, node, message);
        return None;
    }
    let text = crate::ctx::collapse(&crate::ctx::flat_text(node));
    if text.is_empty() {
        let message = format!("<{}> names no role (no type, content-type or text); not read", node.qname());
        ctx.warn(MISSING_ELEMENT, node, message);
        return None;
    }
    Some(text)
}

/// The role a Crossref role word names (ignoring case); an unknown word is reported and read as
/// a contributor of type Other.
fn role_of(ctx: &mut Ctx, word: &str, node: Node<'_>) -> Role {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "author" => Role::Author,
        "editor" => Role::Editor,
        "translator" => Role::Translator,
        "reviewer" | "review-assistant" | "stats-reviewer" | "reviewer-external" => Role::Reviewer(lower),
        "chair" | "reader" => Role::Other(lower),
        _ => {
            let message =
                format!("contributor role {} is not a Crossref role; read as contributor type Other", quote(word));
            ctx.warn(codes::VOCAB_UNKNOWN, node, message);
            Role::Other(word.to_owned())
        }
    }
}

/// Reports that a role has no DataCite contributor type, for a contributor of type `Other`.
pub(crate) fn report_other_role(ctx: &mut Ctx, node: Node<'_>, role: &str) {
    let message = format!(
        "contributor_role {} has no DataCite contributorType; the contributor is read with type Other",
        quote(role)
    );
    ctx.warn(ROLE_OTHER, node, message);
}

const CONTRIBUTOR_ATTRIBUTES: &[&str] = &["contributor_role", "sequence", "name-style", "language"];

/// The attributes of a `<role>`: schema 5.5's `type`, JATS's `content-type`, and a vocabulary
/// term's (CRediT).
const ROLE_ATTRIBUTES: &[&str] = &[
    "type",
    "content-type",
    "vocab",
    "vocabulary",
    "vocab-identifier",
    "vocabulary-identifier",
    "vocab-term",
    "term",
    "vocab-term-identifier",
    "term-identifier",
    "degree-contribution",
];

/// A `person_name`: `None` when it has no name at all (reported).
pub(crate) fn person_name(ctx: &mut Ctx, node: Node<'_>) -> Option<Person> {
    ctx.check_attributes(node, CONTRIBUTOR_ATTRIBUTES);
    ctx.stray_text(node);
    let mut person = Person {
        name_type: Some(NameType::Personal),
        lang: node.attr("language").map(str::to_owned),
        ..Person::default()
    };
    let mut full_names = Vec::new();
    let mut suffix = None;
    for child in node.elements() {
        if is_role_element(child) {
            continue;
        }
        if child.ns() == Ns::Crossref {
            match child.name() {
                "given_name" => {
                    let value = ctx.collapsed_text(child);
                    ctx.keep_first(child, &mut person.given, value);
                    continue;
                }
                "surname" => {
                    let value = ctx.collapsed_text(child);
                    ctx.keep_first(child, &mut person.family, value);
                    continue;
                }
                "name" => {
                    if let Some(name) = ctx.collapsed_text(child) {
                        full_names.push((name, child));
                    }
                    continue;
                }
                "suffix" => {
                    let value = ctx.collapsed_text(child);
                    ctx.keep_first(child, &mut suffix, value);
                    continue;
                }
                "affiliation" => {
                    ctx.check_attributes(child, &[]);
                    if let Some(name) = ctx.text(child) {
                        person.affiliations.push(Affiliation::named(name));
                    }
                    continue;
                }
                "affiliations" => {
                    person.affiliations.extend(affiliations(ctx, child));
                    continue;
                }
                "ORCID" => {
                    ctx.check_attributes(child, &["authenticated"]);
                    if let Some(orcid) = ctx.text(child) {
                        person.ids.push(orcid_identifier(orcid));
                    }
                    continue;
                }
                _ => {}
            }
        }
        ctx.unknown_element(child);
    }
    let mut full_names = full_names.into_iter();
    match (&person.family, &person.given) {
        (Some(family), Some(given)) => person.name = format!("{family}, {given}"),
        (Some(family), None) => person.name = family.clone(),
        (None, Some(given)) => {
            let message = format!("<person_name> has a given name {} but no surname", quote(given));
            ctx.warn(MISSING_ELEMENT, node, message);
            person.name = given.clone();
        }
        (None, None) => match full_names.next() {
            // A person known only by one string ("Given Family"): split as DataCite asks, by
            // the splitter every reader shares; kept whole when it cannot be split with
            // confidence. An "et al." marker is no name to split: kept whole, it is left out
            // by `contributor`.
            Some((name, _)) if is_et_al(&name) => person.name = name,
            Some((name, child)) => match crosswalk_rules::names::split_personal_name(&name) {
                Some(split) => {
                    ctx.report(split.diagnostic(&name), child);
                    person.name = split.display();
                    person.given = Some(split.given);
                    person.family = Some(split.family);
                }
                None => person.name = name,
            },
            None => {
                let message = "<person_name> has no name; the contributor is not read".to_owned();
                ctx.warn(MISSING_ELEMENT, node, message);
                return None;
            }
        },
    }
    for (_, extra) in full_names {
        ctx.unmapped(extra, "is another form of a name already read from its parts; not carried");
    }
    if let Some(suffix) = suffix {
        person.name = format!("{}, {suffix}", person.name);
    }
    Some(person)
}

/// An ORCID as a name identifier, as written.
pub(crate) fn orcid_identifier(orcid: String) -> NameIdentifier {
    NameIdentifier {
        name_identifier: orcid,
        name_identifier_scheme: Some("ORCID".into()),
        scheme_uri: Some("https://orcid.org".into()),
    }
}

/// An `organization` contributor.
fn organization(ctx: &mut Ctx, node: Node<'_>) -> Option<Person> {
    ctx.check_attributes(node, CONTRIBUTOR_ATTRIBUTES);
    // The name is the element's text; a `<role>` child is the contributor's role (read by `role`).
    let mut raw = String::new();
    for child in node.children() {
        if is_role_element(child) {
            continue;
        }
        if child.is_element() {
            ctx.unknown_element(child);
        } else {
            raw.push_str(child.text_value());
        }
    }
    let name = crate::ctx::collapse(&ctx.trimmed(node, &raw)?);
    Some(Person {
        name,
        name_type: Some(NameType::Organizational),
        lang: node.attr("language").map(str::to_owned),
        ..Person::default()
    })
}

/// An `anonymous` contributor: named "Anonymous" (reported), with its affiliations.
fn anonymous(ctx: &mut Ctx, node: Node<'_>) -> Person {
    ctx.check_attributes(node, CONTRIBUTOR_ATTRIBUTES);
    ctx.stray_text(node);
    let mut person = Person { name: "Anonymous".into(), ..Person::default() };
    for child in node.elements() {
        if child.is("affiliations") {
            person.affiliations.extend(affiliations(ctx, child));
        } else if !is_role_element(child) {
            ctx.unknown_element(child);
        }
    }
    ctx.info(ANONYMOUS, node, "an anonymous contributor is read with the name \"Anonymous\"".to_owned());
    person
}

/// The institutions of an `affiliations` element.
fn affiliations(ctx: &mut Ctx, node: Node<'_>) -> Vec<Affiliation> {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut list = Vec::new();
    for child in node.elements() {
        if child.is("institution") {
            let affiliation = institution(ctx, child).into_affiliation();
            if affiliation.name.is_empty() && affiliation.affiliation_identifier.is_none() {
                ctx.warn(crate::MISSING_ELEMENT, child, "<institution> has no <institution_name>; not read".to_owned());
            } else {
                list.push(affiliation);
            }
        } else {
            ctx.unknown_element(child);
        }
    }
    list
}

/// An institution as read.
#[derive(Clone, Debug, Default)]
pub(crate) struct Institution {
    pub(crate) name: String,
    /// The identifier, its scheme and the scheme's URI.
    pub(crate) id: Option<(String, &'static str, &'static str)>,
}

impl Institution {
    pub(crate) fn into_affiliation(self) -> Affiliation {
        let (identifier, scheme, uri) = match self.id {
            Some((id, scheme, uri)) => (Some(id), Some(scheme.to_owned()), Some(uri.to_owned())),
            None => (None, None, None),
        };
        Affiliation {
            name: self.name,
            affiliation_identifier: identifier,
            affiliation_identifier_scheme: scheme,
            scheme_uri: uri,
            lang: None,
        }
    }

    /// The institution as an organisational person (a contributor, a creator).
    pub(crate) fn into_person(self) -> Person {
        let ids = self
            .id
            .map(|(id, scheme, uri)| NameIdentifier {
                name_identifier: id,
                name_identifier_scheme: Some(scheme.to_owned()),
                scheme_uri: Some(uri.to_owned()),
            })
            .into_iter()
            .collect();
        Person { name: self.name, name_type: Some(NameType::Organizational), ids, ..Person::default() }
    }
}

/// An `institution`: its name and its first identifier (a ROR ID preferred); acronyms, places,
/// departments and further identifiers have no place in an affiliation and are reported.
pub(crate) fn institution(ctx: &mut Ctx, node: Node<'_>) -> Institution {
    ctx.check_attributes(node, &[]);
    ctx.stray_text(node);
    let mut result = Institution::default();
    let mut name = None;
    let mut ids: Vec<(String, &'static str, &'static str, Node<'_>)> = Vec::new();
    for child in node.elements() {
        match child.name() {
            "institution_name" if child.ns() == Ns::Crossref => {
                ctx.check_attributes(child, &[]);
                let value = ctx.collapsed_text(child);
                ctx.keep_first(child, &mut name, value);
            }
            "institution_id" if child.ns() == Ns::Crossref => {
                ctx.check_attributes(child, &["type"]);
                let Some(value) = ctx.text(child) else { continue };
                let (scheme, uri) = match child.attr("type").map(str::trim) {
                    Some("ror") => ("ROR", "https://ror.org"),
                    Some("isni") => ("ISNI", "https://isni.org/isni/"),
                    Some("wikidata") => ("Wikidata", "https://www.wikidata.org/wiki/"),
                    other => {
                        let message = format!(
                            "institution_id type {} is not ror, isni or wikidata; the identifier {} is not read",
                            quote(other.unwrap_or("")),
                            quote(&value)
                        );
                        ctx.warn(codes::VOCAB_UNKNOWN, child, message);
                        continue;
                    }
                };
                ids.push((value, scheme, uri, child));
            }
            "institution_acronym" | "institution_place" | "institution_department" if child.ns() == Ns::Crossref => {
                ctx.unmapped(child, "has no place in a DataCite affiliation; not carried");
            }
            _ => ctx.unknown_element(child),
        }
    }
    // The schema admits one identifier per affiliation: a ROR ID first, as DataCite recommends.
    if let Some(best) = ids.iter().position(|(_, scheme, _, _)| *scheme == "ROR").or((!ids.is_empty()).then_some(0)) {
        let (id, scheme, uri, _) = ids.remove(best);
        result.id = Some((id, scheme, uri));
    }
    for (_, _, _, extra) in ids {
        ctx.unmapped(extra, "is a further identifier of an institution that already has one; not carried");
    }
    match name {
        Some(name) => result.name = name,
        None => {
            let message = "<institution> has no <institution_name>; its name is left empty".to_owned();
            ctx.warn(MISSING_ELEMENT, node, message);
        }
    }
    result
}

/// True when a role makes its person a creator of the work.
pub(crate) fn is_creator_role(role: &Role, peer_review: bool) -> bool {
    matches!(role, Role::Author) || (peer_review && matches!(role, Role::Reviewer(_)))
}

/// The DataCite contributor type of a role that does not make a creator (`None` for authors).
pub(crate) fn contributor_type(role: &Role) -> Option<ContributorType> {
    match role {
        Role::Author => None,
        Role::Editor => Some(ContributorType::Editor),
        Role::Translator => Some(ContributorType::Translator),
        Role::Reviewer(_) | Role::Other(_) => Some(ContributorType::Other),
    }
}

#[cfg(test)]
mod tests {
    use super::is_et_al;

    #[test]
    fn et_al_markers_in_their_spellings() {
        for marker in
            ["et al.", "et al", "et. al.", "Et Al.", "[et al.]", "(et al.)", "et alii", "and others", "u. a.", "u.a."]
        {
            assert!(is_et_al(marker), "{marker}");
        }
        for name in ["Etal, Jonas", "Alba", "et", "Others Ltd", "", "Ua Foundation"] {
            assert!(!is_et_al(name), "{name}");
        }
    }
}

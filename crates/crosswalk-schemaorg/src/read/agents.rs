//! People and organisations: creators, contributors, the publisher, funders and grants.
//!
//! An agent is a `Person` or `Organization` object (or one of Schema.org's organisation types), a
//! plain name, a reference to a node of the document, or a `Role` that wraps one of those with a
//! `roleName`. `nameType` is set only on evidence: the agent's type, an ORCID (Personal), a ROR
//! (Organizational), or a given or family name (Personal).

use crosswalk_model::vocab::Vocabulary;
use crosswalk_model::{
    codes, Affiliation, Contributor, ContributorType, Creator, FunderIdentifierType, FundingReference, Match,
    NameIdentifier, NameType, Publisher, Severity,
};

use super::values::is_local_id;
use super::{shorten, FundingText, ItemReader};
use crate::json::{Node, Value};
use crate::jsonld::{self, At, Context, Term};
use crate::props::P;
use crate::types;
use crate::{
    CODEMETA_FUNDING_TEXT, SCHEMAORG_AGENCY, SCHEMAORG_AGENT_UNNAMED, SCHEMAORG_GRANT_WITHOUT_FUNDER,
    SCHEMAORG_NAME_COMPOSED, SCHEMAORG_NAME_LIST, SCHEMAORG_ROLE_UNKNOWN,
};

/// DOI registration agencies: a `provider` with one of these names names the agency.
const AGENCIES: &[&str] = &["DataCite", "Crossref", "mEDRA", "JaLC", "KISTI", "CNKI", "Airiti", "EIDR", "OP", "ISTIC"];

/// An agent as read, before it becomes a creator or a contributor.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Agent {
    pub name: String,
    pub name_type: Option<NameType>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub lang: Option<String>,
    pub name_identifiers: Vec<NameIdentifier>,
    pub affiliation: Vec<Affiliation>,
    /// A `Role`'s `roleName`.
    pub role: Option<(String, usize, String)>,
    /// Codemeta 1.0 agent flags and role codes.
    pub codemeta1: Codemeta1Agent,
}

/// What a Codemeta 1.0 agent says about its roles.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Codemeta1Agent {
    pub must_be_cited: Option<bool>,
    pub is_maintainer: bool,
    pub is_rights_holder: bool,
    pub role_codes: Vec<(String, usize, String)>,
}

impl Agent {
    fn creator(self) -> Creator {
        Creator {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given_name,
            family_name: self.family_name,
            lang: self.lang,
            name_identifiers: self.name_identifiers,
            affiliation: self.affiliation,
        }
    }

    fn contributor(self, contributor_type: ContributorType) -> Contributor {
        Contributor {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given_name,
            family_name: self.family_name,
            lang: self.lang,
            name_identifiers: self.name_identifiers,
            affiliation: self.affiliation,
            contributor_type: Some(contributor_type),
        }
    }
}

/// The scheme of a person or organisation identifier, and its scheme URI, from its form.
pub(crate) fn name_identifier(text: &str, property_id: Option<&str>) -> NameIdentifier {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let host = lower.split("//").nth(1).unwrap_or(&lower);
    let (scheme, uri) = if host.starts_with("orcid.org/") || is_orcid(text) {
        (Some("ORCID"), Some("https://orcid.org"))
    } else if host.starts_with("ror.org/") {
        (Some("ROR"), Some("https://ror.org"))
    } else if host.starts_with("isni.org/") || host.starts_with("www.isni.org/") {
        (Some("ISNI"), Some("https://isni.org/isni/"))
    } else if host.starts_with("grid.ac/") || host.starts_with("www.grid.ac/") {
        (Some("GRID"), Some("https://www.grid.ac/"))
    } else if host.starts_with("www.wikidata.org/") || host.starts_with("wikidata.org/") {
        (Some("Wikidata"), Some("https://www.wikidata.org/wiki/"))
    } else if host.starts_with("viaf.org/") {
        (Some("VIAF"), Some("https://viaf.org/viaf/"))
    } else {
        (None, None)
    };
    let scheme = property_id.map(str::trim).filter(|p| !p.is_empty()).or(scheme);
    NameIdentifier {
        name_identifier: text.to_owned(),
        name_identifier_scheme: Some(scheme.unwrap_or("URL").to_owned()),
        scheme_uri: uri.filter(|_| property_id.is_none() || scheme.is_some()).map(str::to_owned),
    }
}

/// A bare ORCID iD (`0000-0002-1825-0097`).
fn is_orcid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 4
        && groups.iter().enumerate().all(|(i, g)| {
            g.len() == 4 && g.chars().enumerate().all(|(j, c)| c.is_ascii_digit() || (i == 3 && j == 3 && c == 'X'))
        })
}

/// True for an identifier that is only a resolver with nothing after it (`https://orcid.org/`).
fn is_empty_identifier(text: &str) -> bool {
    let lower = text.trim().trim_end_matches('/').to_ascii_lowercase();
    let host = lower.split("//").nth(1).unwrap_or(&lower);
    !host.contains('/') && matches!(host, "orcid.org" | "ror.org" | "isni.org" | "www.wikidata.org" | "viaf.org")
}

/// The type of a funder identifier, from its form.
pub(crate) fn funder_identifier_type(text: &str) -> FunderIdentifierType {
    let lower = text.to_ascii_lowercase();
    if lower.contains("10.13039/") {
        FunderIdentifierType::CrossrefFunderId
    } else if lower.contains("ror.org/") {
        FunderIdentifierType::Ror
    } else if lower.contains("isni.org/") {
        FunderIdentifierType::Isni
    } else if lower.contains("grid.ac/") || lower.starts_with("grid.") {
        FunderIdentifierType::Grid
    } else {
        FunderIdentifierType::Other
    }
}

/// True when a name text looks like several names (`A, B., C, D., and E, F.`).
fn looks_like_name_list(name: &str) -> bool {
    name.contains(';') || name.contains(" and ") || name.contains(" & ") || name.matches(',').count() >= 2
}

impl<'n> ItemReader<'_, 'n> {
    /// Reads one agent value (object, name or reference). `None` when it is not an agent.
    pub(super) fn agent(&mut self, node: &'n Node, at: &At<'_>, context: &Context) -> Option<Agent> {
        // Roles and references can point back at themselves; a real agent is a few levels deep.
        if self.depth > 8 {
            let message = "the agent refers to itself through roles or references; it is not read".to_owned();
            self.warn(codes::VALUE_INVALID, message, node, at);
            return None;
        }
        self.depth += 1;
        let agent = self.agent_value(node, at, context);
        self.depth -= 1;
        agent
    }

    fn agent_value(&mut self, node: &'n Node, at: &At<'_>, context: &Context) -> Option<Agent> {
        if let Some((text, language)) = jsonld::text_literal(node) {
            // A string may name a node of the document (`"_:a1"`), as Codemeta 3.0 roles do.
            if let Some(target) = self.index.get(text.trim()) {
                return self.agent(target, at, context);
            }
            let pointer = at.pointer();
            let name = self.clean(text, node.start, &pointer)?;
            if name.starts_with("http://") || name.starts_with("https://") {
                // Only an identifier: where it is used says what becomes of it ([`Self::unnamed`]).
                return Some(Agent { name_identifiers: vec![name_identifier(&name, None)], ..Agent::default() });
            }
            if looks_like_name_list(&name) {
                let message = format!(
                    "agent \"{}\" looks like several names in one text; it is kept as one name (give each person as its own value)",
                    shorten(&name)
                );
                self.note(Severity::Warning, SCHEMAORG_NAME_LIST, message, node.start, pointer);
            }
            return Some(Agent { name, lang: language.map(str::to_owned), ..Agent::default() });
        }
        if !node.is_object() {
            let message = format!("an agent must be a Person, an Organization or a name, not {}", jsonld::show(node));
            self.warn(codes::VALUE_INVALID, message, node, at);
            return None;
        }
        let node = self.resolved(node, context);
        let (type_names, _) = jsonld::node_types(node, context);
        let type_names: Vec<&str> = type_names.iter().map(|t| jsonld::type_name(t, context)).collect();
        if type_names.iter().any(|t| t.eq_ignore_ascii_case("Role") || t.eq_ignore_ascii_case("OrganizationRole")) {
            return self.role(node, at, context);
        }
        // A node referred to twice (a person and a Role naming them) is read, and reported, once.
        if let Some(agent) = self.agents_read.get(&node.start) {
            return Some(agent.clone());
        }
        let agent = self.agent_object(node, &type_names, at, context);
        if let Some(agent) = &agent {
            self.agents_read.insert(node.start, agent.clone());
        }
        agent
    }

    /// Reads a `Person` or `Organization` object.
    fn agent_object(&mut self, node: &'n Node, type_names: &[&str], at: &At<'_>, context: &Context) -> Option<Agent> {
        let mut agent = Agent::default();
        if type_names.iter().any(|t| t.eq_ignore_ascii_case("Person")) {
            agent.name_type = Some(NameType::Personal);
        } else if type_names.iter().any(|t| types::is_organization_type(t)) {
            agent.name_type = Some(NameType::Organizational);
        }
        let codemeta1 = self.codemeta == Some(jsonld::CodemetaVersion::V1)
            || self.codemeta == Some(jsonld::CodemetaVersion::Unversioned);
        let mut handled: Vec<&str> = vec!["name", "givenName", "familyName", "identifier", "sameAs", "affiliation"];
        if codemeta1 {
            handled.extend(["mustBeCited", "isMaintainer", "isRightsHolder", "role"]);
        }
        let mut identifiers = Vec::new();
        // Where `name` was read, to report its split there.
        let mut name_at: Option<(usize, String)> = None;
        for member in node.members() {
            let member_at = at.key(&member.key);
            let value = &member.value;
            let name = match context.resolve(&member.key) {
                Term::Keyword("id") => {
                    if let Some(id) = value.as_str() {
                        identifiers.push((id.to_owned(), None, value.start, member_at.pointer(), true));
                    }
                    continue;
                }
                Term::Name(_, name) | Term::Plain(name) => name,
                _ => continue,
            };
            match name {
                "name" => {
                    if let Some((text, language)) = jsonld::literal(self.one(value)) {
                        if let Some(text) = self.clean(text, value.start, &member_at.pointer()) {
                            agent.name = text;
                            agent.lang = language.map(str::to_owned);
                            name_at = Some((value.start, member_at.pointer()));
                        }
                    }
                }
                "givenName" => agent.given_name = self.first_text(value, &member_at, "a given name"),
                "familyName" => agent.family_name = self.first_text(value, &member_at, "a family name"),
                "identifier" | "sameAs" => {
                    for (item, pointer) in self.items(value, &member_at, context) {
                        if let Some((text, _)) = jsonld::literal(item) {
                            identifiers.push((text.to_owned(), None, item.start, pointer, false));
                        } else if let Some((text, _)) = self.get_one(item, context, "value").and_then(jsonld::literal) {
                            let property_id = self
                                .get_one(item, context, "propertyID")
                                .and_then(jsonld::literal)
                                .map(|(p, _)| p.to_owned());
                            identifiers.push((text.to_owned(), property_id, item.start, pointer, false));
                        }
                    }
                }
                "affiliation" => self.affiliations(value, &member_at, context, &mut agent.affiliation),
                "mustBeCited" if codemeta1 => agent.codemeta1.must_be_cited = Some(value.value == Value::Bool(true)),
                "isMaintainer" if codemeta1 => agent.codemeta1.is_maintainer = value.value == Value::Bool(true),
                "isRightsHolder" if codemeta1 => agent.codemeta1.is_rights_holder = value.value == Value::Bool(true),
                "role" if codemeta1 => {
                    let codes_at = member_at.key("roleCode");
                    if let Some(codes_node) = jsonld::get(value, context, "roleCode") {
                        for (item, pointer) in self.items(codes_node, &codes_at, context) {
                            if let Some((code, _)) = jsonld::literal(item) {
                                agent.codemeta1.role_codes.push((code.trim().to_owned(), item.start, pointer));
                            }
                        }
                    }
                    self.leftovers(value, &member_at, context, &["namespace", "roleCode"]);
                }
                _ => {}
            }
        }
        for (text, property_id, start, pointer, is_node_id) in identifiers {
            let text = text.trim();
            if text.is_empty() || (is_node_id && is_local_id(text)) {
                continue;
            }
            if is_empty_identifier(text) {
                let message = format!("identifier \"{text}\" names only its resolver; it is skipped");
                self.note(Severity::Info, codes::VALUE_EMPTY, message, start, pointer);
                continue;
            }
            let identifier = name_identifier(text, property_id.as_deref());
            match identifier.name_identifier_scheme.as_deref() {
                Some("ORCID") if agent.name_type.is_none() => agent.name_type = Some(NameType::Personal),
                Some("ROR") if agent.name_type.is_none() => agent.name_type = Some(NameType::Organizational),
                _ => {}
            }
            if !agent.name_identifiers.iter().any(|i| i.name_identifier == identifier.name_identifier) {
                agent.name_identifiers.push(identifier);
            }
        }
        if agent.name_type.is_none() && (agent.given_name.is_some() || agent.family_name.is_some()) {
            agent.name_type = Some(NameType::Personal);
        }
        // A `Person` (or an agent with an ORCID) known only by "Given Family": DataCite asks for
        // `Family, Given` and the parts. The shared splitter refuses organisations and whatever
        // it cannot split with confidence.
        if agent.given_name.is_none() && agent.family_name.is_none() {
            let split =
                crosswalk_rules::names::split_person(&agent.name, agent.name_type.as_ref(), &agent.name_identifiers);
            if let (Some(split), Some((start, pointer))) = (split, name_at) {
                let diagnostic = split.diagnostic(&agent.name);
                self.note(diagnostic.severity, crosswalk_rules::NAME_SPLIT, diagnostic.message, start, pointer);
                agent.name = split.display();
                agent.given_name = Some(split.given);
                agent.family_name = Some(split.family);
            }
        }
        if agent.name.is_empty() {
            match (&agent.family_name, &agent.given_name) {
                (Some(family), Some(given)) => agent.name = format!("{family}, {given}"),
                (Some(family), None) => agent.name = family.clone(),
                (None, Some(given)) => agent.name = given.clone(),
                (None, None) => {}
            }
            if !agent.name.is_empty() {
                let message =
                    format!("the agent has no name; \"{}\" is composed from its family and given names", agent.name);
                self.inform(SCHEMAORG_NAME_COMPOSED, message, node, at);
            } else if agent.name_identifiers.is_empty() {
                let message =
                    format!("agent {} has neither name nor identifier; it is not carried over", jsonld::show(node));
                self.warn(SCHEMAORG_AGENT_UNNAMED, message, node, at);
                return None;
            }
            // With an identifier only, where it is used says what becomes of it ([`Self::unnamed`]).
        }
        self.leftovers(node, at, context, &handled);
        Some(agent)
    }

    /// The first text of a value (a list gives its first; the rest are reported).
    fn first_text(&mut self, value: &Node, at: &At<'_>, what: &str) -> Option<String> {
        let texts = self.texts(value, at, what);
        let mut iter = texts.into_iter();
        let first = iter.next().map(|(text, _, _, _)| text);
        let rest: Vec<String> = iter.map(|(text, _, _, _)| text).collect();
        if let (Some(first), false) = (&first, rest.is_empty()) {
            let joined =
                std::iter::once(first.as_str()).chain(rest.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
            let message = format!("{what} has several values; they are joined as \"{joined}\"");
            self.inform(codes::VALUE_NORMALISED, message, value, at);
            return Some(joined);
        }
        first
    }

    /// A `Role` that wraps an agent: the agent, with the role's name.
    fn role(&mut self, node: &'n Node, at: &At<'_>, context: &Context) -> Option<Agent> {
        let mut inner = None;
        for member in node.members() {
            let local = match context.resolve(&member.key) {
                Term::Name(_, name) | Term::Plain(name) => name,
                _ => continue,
            };
            if let Some((p, _)) = self.property(&member.key, context) {
                if matches!(
                    p,
                    P::Creator
                        | P::Contributor
                        | P::Editor
                        | P::Translator
                        | P::Producer
                        | P::Sponsor
                        | P::CopyrightHolder
                        | P::Maintainer
                        | P::Provider
                        | P::Funder
                ) {
                    inner = Some((member.key.as_str(), local, &member.value));
                    break;
                }
            }
        }
        let Some((key, local, value)) = inner else {
            let message = format!(
                "the Role {} wraps no agent (author, contributor …); it is not carried over",
                jsonld::show(node)
            );
            self.warn(codes::VALUE_INVALID, message, node, at);
            return None;
        };
        let inner_at = at.key(key);
        let mut agent = self.agent(value, &inner_at, context)?;
        if let Some(role_node) = self.get_one(node, context, "roleName") {
            if let Some((role, _)) = jsonld::literal(role_node) {
                agent.role = Some((role.trim().to_owned(), role_node.start, at.key("roleName").pointer()));
            }
        }
        self.leftovers(node, at, context, &["roleName", local]);
        Some(agent)
    }

    /// Affiliations: names, organisations or references.
    fn affiliations(&mut self, value: &'n Node, at: &At<'_>, context: &Context, out: &mut Vec<Affiliation>) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, language)) = jsonld::text_literal(node) {
                if let Some(name) = self.clean(text, node.start, &pointer) {
                    out.push(Affiliation { name, lang: language.map(str::to_owned), ..Affiliation::default() });
                }
                continue;
            }
            let node = self.resolved(node, context);
            let mut affiliation = Affiliation::default();
            if let Some((name, language)) = self.get_one(node, context, "name").and_then(jsonld::literal) {
                affiliation.name = name.trim().to_owned();
                affiliation.lang = language.map(str::to_owned);
            }
            let id = jsonld::node_id(node, context)
                .filter(|id| !is_local_id(id))
                .or_else(|| self.get_one(node, context, "identifier").and_then(jsonld::literal).map(|(t, _)| t));
            if let Some(id) = id {
                let identifier = name_identifier(id, None);
                affiliation.affiliation_identifier = Some(identifier.name_identifier);
                if identifier.name_identifier_scheme.as_deref() != Some("URL") {
                    affiliation.affiliation_identifier_scheme = identifier.name_identifier_scheme;
                    affiliation.scheme_uri = identifier.scheme_uri;
                }
            }
            if affiliation.name.is_empty() && affiliation.affiliation_identifier.is_none() {
                let message = format!("affiliation {} has no name; it is not carried over", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
                continue;
            }
            self.leftovers(node, &node_at, context, &["name", "identifier"]);
            out.push(affiliation);
        }
    }

    /// `author`, `creator`, Codemeta 1.0 `authors`.
    pub(super) fn creators(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let Some(agent) = self.agent(node, &node_at, context) else { continue };
            if agent.name.is_empty() {
                self.unnamed(&agent, true, node, &node_at);
            }
            let role = agent.role.clone();
            let creator = agent.creator();
            let known = self.seen.creators.knows(&self.resource.creators, &creator);
            if let Some((role, start, role_pointer)) = role {
                let message = format!(
                    "role \"{role}\" of creator \"{}\" is not kept: DataCite creators have no role",
                    creator.name
                );
                self.note(Severity::Info, SCHEMAORG_ROLE_UNKNOWN, message, start, role_pointer);
            }
            if !known {
                self.resource.creators.push(creator);
            }
        }
    }

    /// Contributors of a property; `None` for `contributor`, whose type comes from a `Role`.
    pub(super) fn contributors(
        &mut self,
        value: &'n Node,
        at: &At<'_>,
        context: &Context,
        kind: Option<ContributorType>,
    ) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let Some(mut agent) = self.agent(node, &node_at, context) else { continue };
            if agent.name.is_empty() {
                self.unnamed(&agent, false, node, &node_at);
                continue;
            }
            let role = agent.role.take();
            let contributor_type = match (role, &kind) {
                (Some((role, start, role_pointer)), _) => {
                    self.contributor_type(&role, start, role_pointer, kind.clone())
                }
                (None, Some(kind)) => kind.clone(),
                (None, None) => ContributorType::Other,
            };
            self.push_contributor(agent.contributor(contributor_type), node.start, &pointer);
        }
    }

    /// The contributor type a role name gives: a DataCite type (matched loosely), else the
    /// property's own type or `Other`, reported.
    fn contributor_type(
        &mut self,
        role: &str,
        start: usize,
        pointer: String,
        fallback: Option<ContributorType>,
    ) -> ContributorType {
        let (found, matched) = ContributorType::lookup(role);
        match matched {
            Match::Exact => found,
            Match::Normalised => {
                let message = format!("roleName \"{role}\" is read as the contributor type {found}");
                self.note(Severity::Info, codes::VOCAB_NORMALISED, message, start, pointer);
                found
            }
            Match::Unknown => {
                let kind = fallback.unwrap_or(ContributorType::Other);
                let message =
                    format!("roleName \"{role}\" is not a DataCite contributor type; the contributor is typed {kind}");
                self.note(Severity::Warning, SCHEMAORG_ROLE_UNKNOWN, message, start, pointer);
                kind
            }
        }
    }

    /// Reports an agent known by its identifiers only. DataCite needs a name for every creator and
    /// contributor: a creator is kept (`as_creator`), since a record cannot do without creators
    /// and its identifier tells whom to name; a contributor is left out, since a `<contributor>`
    /// without `<contributorName>` makes the whole record invalid.
    fn unnamed(&mut self, agent: &Agent, as_creator: bool, node: &Node, at: &At<'_>) {
        let identifiers: Vec<&str> = agent.name_identifiers.iter().map(|i| i.name_identifier.as_str()).collect();
        let identifiers = identifiers.join(", ");
        let message = if as_creator {
            format!(
                "creator {} has no name, only its identifier \"{}\"; it is kept for its identifier, but DataCite needs a name for every creator: add it",
                jsonld::show(node),
                shorten(&identifiers)
            )
        } else {
            format!(
                "contributor {} has no name, only its identifier \"{}\"; a DataCite contributor needs a name, so it is left out",
                jsonld::show(node),
                shorten(&identifiers)
            )
        };
        self.warn(SCHEMAORG_AGENT_UNNAMED, message, node, at);
    }

    /// Adds a contributor read at byte `start`, pointer `pointer`, unless it is known already.
    fn push_contributor(&mut self, contributor: Contributor, start: usize, pointer: &str) {
        if !self.seen.has_contributor(&self.resource.contributors, &contributor) {
            self.resource.contributors.push(contributor);
            self.contributor_sources.push((start, pointer.to_owned()));
        }
    }

    /// `provider`: distributors, except a registration agency.
    pub(super) fn providers(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let resolved = self.resolved(node, context);
            let name = jsonld::literal(resolved)
                .map(|(t, _)| t)
                .or_else(|| self.get_one(resolved, context, "name").and_then(jsonld::literal).map(|(t, _)| t))
                .map(str::trim);
            if let Some(name) = name.filter(|n| AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(n))) {
                let message = format!(
                    "provider \"{name}\" is the DOI registration agency, which registration records itself; it is not read as a contributor"
                );
                self.inform(SCHEMAORG_AGENCY, message, node, &node_at);
                continue;
            }
            if let Some(mut agent) = self.agent(node, &node_at, context) {
                if agent.name.is_empty() {
                    self.unnamed(&agent, false, node, &node_at);
                    continue;
                }
                agent.role = None;
                self.push_contributor(agent.contributor(ContributorType::Distributor), node.start, &pointer);
            }
        }
    }

    /// Codemeta 1.0 `agents`: creators and contributors by their flags and role codes.
    pub(super) fn codemeta_agents(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let Some(agent) = self.agent(node, &node_at, context) else { continue };
            let flags = agent.codemeta1.clone();
            let creator_role = |code: &str| matches!(code, "author" | "originator" | "principalInvestigator");
            let is_creator = flags.must_be_cited == Some(true)
                || flags.role_codes.iter().any(|(c, _, _)| creator_role(c))
                || (flags.must_be_cited.is_none() && flags.role_codes.is_empty());
            let mut kinds = Vec::new();
            for (code, start, code_pointer) in &flags.role_codes {
                if creator_role(code) || (is_creator && code == "contributor") {
                    continue;
                }
                let kind = match code.as_str() {
                    "resourceProvider" | "distributor" | "publisher" => ContributorType::Distributor,
                    "custodian" => ContributorType::DataCurator,
                    "owner" | "copyrightHolder" | "rightsHolder" => ContributorType::RightsHolder,
                    "pointOfContact" | "maintainer" => ContributorType::ContactPerson,
                    "processor" => ContributorType::DataManager,
                    "editor" => ContributorType::Editor,
                    "sponsor" | "funder" => ContributorType::Sponsor,
                    "user" | "contributor" => ContributorType::Other,
                    other => {
                        let message = format!("Codemeta 1.0 role code \"{other}\" has no DataCite contributor type; the agent is a contributor of type Other");
                        self.note(Severity::Warning, SCHEMAORG_ROLE_UNKNOWN, message, *start, code_pointer.clone());
                        ContributorType::Other
                    }
                };
                kinds.push(kind);
            }
            if flags.is_rights_holder {
                kinds.push(ContributorType::RightsHolder);
            }
            if flags.is_maintainer {
                kinds.push(ContributorType::ContactPerson);
            }
            if !is_creator && kinds.is_empty() {
                kinds.push(ContributorType::Other);
            }
            if agent.name.is_empty() {
                self.unnamed(&agent, is_creator, node, &node_at);
                kinds.clear();
            }
            for kind in kinds {
                self.push_contributor(agent.clone().contributor(kind), node.start, &pointer);
            }
            if is_creator {
                let creator = agent.creator();
                if !self.seen.creators.knows(&self.resource.creators, &creator) {
                    self.resource.creators.push(creator);
                }
            }
        }
    }

    /// `publisher`.
    pub(super) fn publisher(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let publisher = if let Some((text, language)) = jsonld::text_literal(node) {
                let Some(name) = self.clean(text, node.start, &pointer) else { continue };
                Publisher { name, lang: language.map(str::to_owned), ..Publisher::default() }
            } else if node.is_object() {
                let node = self.resolved(node, context);
                let mut publisher = Publisher::default();
                if let Some((name, language)) = self.get_one(node, context, "name").and_then(jsonld::literal) {
                    publisher.name = name.trim().to_owned();
                    publisher.lang = language.map(str::to_owned);
                }
                let id = jsonld::node_id(node, context)
                    .filter(|id| !is_local_id(id))
                    .or_else(|| self.get_one(node, context, "identifier").and_then(jsonld::literal).map(|(t, _)| t))
                    .or_else(|| self.get_one(node, context, "sameAs").and_then(jsonld::literal).map(|(t, _)| t));
                if let Some(id) = id {
                    let identifier = name_identifier(id, None);
                    publisher.publisher_identifier = Some(identifier.name_identifier);
                    if identifier.name_identifier_scheme.as_deref() != Some("URL") {
                        publisher.publisher_identifier_scheme = identifier.name_identifier_scheme;
                        publisher.scheme_uri = identifier.scheme_uri;
                    }
                }
                if publisher.name.is_empty() {
                    let message = format!("publisher {} has no name; it is not carried over", jsonld::show(node));
                    self.warn(codes::VALUE_INVALID, message, node, &node_at);
                    continue;
                }
                self.leftovers(node, &node_at, context, &["name", "identifier", "sameAs"]);
                publisher
            } else {
                let message = format!("a publisher must be a name or an Organization, not {}", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
                continue;
            };
            match &self.resource.publisher {
                None => self.resource.publisher = Some(publisher),
                Some(existing) if existing.name == publisher.name => {}
                Some(_) => {
                    let message = format!(
                        "publisher \"{}\" is a second publisher; the model holds one, so it is not carried over",
                        publisher.name
                    );
                    self.warn(codes::FIELD_REPEATED, message, node, &node_at);
                }
            }
        }
    }

    /// A funder as a funding reference.
    fn funder_reference(&mut self, node: &'n Node, at: &At<'_>, context: &Context) -> Option<FundingReference> {
        let mut reference = FundingReference::default();
        if let Some((text, _)) = jsonld::text_literal(node) {
            if let Some(target) = self.index.get(text.trim()) {
                return self.funder_reference(target, at, context);
            }
            reference.funder_name = self.clean(text, node.start, &at.pointer())?;
            return Some(reference);
        }
        if !node.is_object() {
            let message = format!("a funder must be an Organization, a Person or a name, not {}", jsonld::show(node));
            self.warn(codes::VALUE_INVALID, message, node, at);
            return None;
        }
        let node = self.resolved(node, context);
        if let Some((name, _)) = self.get_one(node, context, "name").and_then(jsonld::literal) {
            reference.funder_name = name.trim().to_owned();
        }
        let mut identifier =
            jsonld::node_id(node, context).filter(|id| !is_local_id(id)).map(|id| (id.trim().to_owned(), None));
        if let Some(value) = self.get_one(node, context, "identifier") {
            if let Some((text, _)) = jsonld::literal(value) {
                identifier = identifier.or(Some((text.trim().to_owned(), None)));
            } else if let Some((text, _)) = self.get_one(value, context, "value").and_then(jsonld::literal) {
                let property = self
                    .get_one(value, context, "propertyID")
                    .and_then(jsonld::literal)
                    .map(|(p, _)| p.trim().to_owned());
                identifier = identifier.or(Some((text.trim().to_owned(), property)));
            }
        }
        if let Some((id, property)) = identifier {
            let kind = match property {
                Some(property) => {
                    let (kind, matched) = FunderIdentifierType::lookup(&property);
                    if matched == Match::Unknown {
                        FunderIdentifierType::Other
                    } else {
                        kind
                    }
                }
                None => funder_identifier_type(&id),
            };
            reference.funder_identifier = Some(id);
            reference.funder_identifier_type = Some(kind);
        }
        if reference.funder_name.is_empty() && reference.funder_identifier.is_none() {
            let message = format!("funder {} has no name; it is not carried over", jsonld::show(node));
            self.warn(codes::VALUE_INVALID, message, node, at);
            return None;
        }
        self.leftovers(node, at, context, &["name", "identifier"]);
        Some(reference)
    }

    /// `funder`.
    pub(super) fn funders(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some(reference) = self.funder_reference(node, &node_at, context) {
                if !self.seen.has_funding_reference(&self.resource.funding_references, &reference) {
                    self.resource.funding_references.push(reference);
                    self.funder_refs.push(self.resource.funding_references.len() - 1);
                }
            }
        }
    }

    /// `funding`: grants (Schema.org) or texts (Codemeta).
    pub(super) fn funding(&mut self, value: &'n Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, _)) = jsonld::literal(node) {
                if self.index.get(text.trim()).is_none() {
                    if let Some(text) = self.clean(text, node.start, &pointer) {
                        self.funding_texts.push(FundingText { text, start: node.start, pointer });
                    }
                    continue;
                }
            }
            let grant = match jsonld::literal(node) {
                Some((text, _)) => self.index.get(text.trim()).unwrap_or(node),
                None => self.resolved(node, context),
            };
            if !grant.is_object() {
                let message = format!("funding must be a Grant or a text, not {}", jsonld::show(grant));
                self.warn(codes::VALUE_INVALID, message, grant, &node_at);
                continue;
            }
            let (type_names, _) = jsonld::node_types(grant, context);
            let is_agent = type_names
                .iter()
                .map(|t| jsonld::type_name(t, context))
                .any(|t| t.eq_ignore_ascii_case("Person") || types::is_organization_type(t));
            if is_agent {
                // `funding` names the funder itself (a common slip for `funder`).
                let message = "funding names an organisation or person, not a Grant; it is read as a funder".to_owned();
                self.inform(codes::VALUE_NORMALISED, message, grant, &node_at);
                if let Some(reference) = self.funder_reference(grant, &node_at, context) {
                    if !self.seen.has_funding_reference(&self.resource.funding_references, &reference) {
                        self.resource.funding_references.push(reference);
                        self.funder_refs.push(self.resource.funding_references.len() - 1);
                    }
                }
                continue;
            }
            self.grant(grant, &node_at, context);
        }
    }

    /// A `Grant`/`MonetaryGrant`: one funding reference per funder.
    fn grant(&mut self, node: &'n Node, at: &At<'_>, context: &Context) {
        let mut award = FundingReference::default();
        if let Some(value) = self.get_one(node, context, "identifier") {
            let text = jsonld::literal(value)
                .or_else(|| self.get_one(value, context, "value").and_then(jsonld::literal))
                .map(|(t, _)| t);
            award.award_number = text.map(|t| t.trim().to_owned());
        }
        award.award_title =
            self.get_one(node, context, "name").and_then(jsonld::literal).map(|(t, _)| t.trim().to_owned());
        award.award_uri = self
            .get_one(node, context, "url")
            .and_then(jsonld::literal)
            .map(|(t, _)| t)
            .or_else(|| jsonld::node_id(node, context).filter(|id| !is_local_id(id)))
            .map(|t| t.trim().to_owned());
        let mut references = Vec::new();
        let funder_key = node.members().iter().find(|m| {
            matches!(self.property(&m.key, context), Some((P::Funder, _)))
                || matches!(context.resolve(&m.key), Term::Plain("sponsor") | Term::Name(_, "sponsor"))
        });
        if let Some(member) = funder_key {
            let funder_at = at.key(&member.key);
            for (funder, pointer) in self.items(&member.value, &funder_at, context) {
                if let Some(reference) = self.funder_reference(funder, &At::root(&pointer), context) {
                    references.push(reference);
                }
            }
        }
        if references.is_empty() {
            let message = format!(
                "grant {} names no funder; its funding reference has no funderName, which DataCite requires",
                award
                    .award_number
                    .as_deref()
                    .or(award.award_title.as_deref())
                    .map(|t| format!("\"{t}\""))
                    .unwrap_or_else(|| jsonld::show(node))
            );
            self.warn(SCHEMAORG_GRANT_WITHOUT_FUNDER, message, node, at);
            references.push(FundingReference::default());
        }
        let funder_key_name = funder_key.map(|m| m.key.as_str()).unwrap_or("funder");
        self.leftovers(node, at, context, &["identifier", "name", "url", funder_key_name, "funder", "sponsor"]);
        for mut reference in references {
            reference.award_number = award.award_number.clone();
            reference.award_title = award.award_title.clone();
            reference.award_uri = award.award_uri.clone();
            if !self.seen.has_funding_reference(&self.resource.funding_references, &reference) {
                self.resource.funding_references.push(reference);
            }
        }
    }

    /// Pairs Codemeta's `funding` texts with the funders read from `funder`.
    pub(super) fn pair_funding_texts(&mut self) {
        let texts = std::mem::take(&mut self.funding_texts);
        if texts.is_empty() {
            return;
        }
        let mut open: Vec<usize> = self
            .funder_refs
            .iter()
            .copied()
            .filter(|&i| {
                self.resource
                    .funding_references
                    .get(i)
                    .is_some_and(|r| r.award_number.is_none() && r.award_title.is_none())
            })
            .collect();
        open.reverse();
        let single_funder = (self.funder_refs.len() == 1).then(|| self.funder_refs.first().copied()).flatten();
        for FundingText { text, start, pointer } in texts {
            if let Some(i) = open.pop() {
                if let Some(reference) = self.resource.funding_references.get_mut(i) {
                    reference.award_number = Some(text);
                }
                continue;
            }
            if let Some(funder) = single_funder.and_then(|i| self.resource.funding_references.get(i)).cloned() {
                self.resource.funding_references.push(FundingReference { award_number: Some(text), ..funder });
                continue;
            }
            let message = format!(
                "funding \"{}\" names no funder the document gives; the text is kept as the funder name",
                shorten(&text)
            );
            self.note(Severity::Info, CODEMETA_FUNDING_TEXT, message, start, pointer);
            self.resource
                .funding_references
                .push(FundingReference { funder_name: text, ..FundingReference::default() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_schemes_by_form() {
        let orcid = name_identifier("https://orcid.org/0000-0003-1419-2405", None);
        assert_eq!(orcid.name_identifier_scheme.as_deref(), Some("ORCID"));
        assert_eq!(orcid.scheme_uri.as_deref(), Some("https://orcid.org"));
        assert_eq!(name_identifier("0000-0002-1825-009X", None).name_identifier_scheme.as_deref(), Some("ORCID"));
        assert_eq!(name_identifier("https://ror.org/04wxnsj81", None).name_identifier_scheme.as_deref(), Some("ROR"));
        assert_eq!(name_identifier("https://example.org/me", None).name_identifier_scheme.as_deref(), Some("URL"));
        assert_eq!(name_identifier("123", Some("Scopus")).name_identifier_scheme.as_deref(), Some("Scopus"));
        assert!(is_empty_identifier("https://orcid.org/"));
        assert!(!is_empty_identifier("https://orcid.org/0000-0003-1419-2405"));
    }

    #[test]
    fn funder_identifier_types() {
        assert_eq!(
            funder_identifier_type("https://doi.org/10.13039/100000050"),
            FunderIdentifierType::CrossrefFunderId
        );
        assert_eq!(funder_identifier_type("https://ror.org/021nxhr62"), FunderIdentifierType::Ror);
        assert_eq!(funder_identifier_type("https://example.org/f"), FunderIdentifierType::Other);
    }

    #[test]
    fn name_lists() {
        assert!(looks_like_name_list("McNeill, L.C., Dugan, B., and Zhao, X."));
        assert!(!looks_like_name_list("Fenner, Martin"));
        assert!(!looks_like_name_list("University of California, Santa Barbara"));
    }
}

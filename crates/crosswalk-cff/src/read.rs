//! The mapping of a CFF document onto the model, key by key, every judgment a diagnostic at the
//! key's line and column (and its path in the document, as a JSON pointer).

use std::collections::HashSet;

use crosswalk_model::{
    codes, Affiliation, AlternateIdentifier, Contributor, ContributorType, Creator, Date, DateType, Description,
    DescriptionType, Diagnostic, Location, NameIdentifier, NameType, Record, RelatedIdentifier, RelatedIdentifierType,
    RelatedItem, RelatedItemContributor, RelatedItemCreator, RelatedItemIdentifier, RelationType, Resource,
    ResourceTypeGeneral, Rights, Subject, Title, Types,
};
use crosswalk_rules::licences::{spdx_of_url, SPDX_SCHEME_URI};

use crate::mapping::{row_of, Section};
use crate::yaml::{self, Node};
use crate::{quote, types};

/// The `relationTypeInformation` of `repository`.
pub(crate) const REPOSITORY_INFORMATION: &str = "repository";
/// How `commit` is kept in a description.
pub(crate) const COMMIT_PREFIX: &str = "Commit: ";

/// Reads the decoded text of a CITATION.cff into one record.
pub(crate) fn record(text: &str, decoding: Vec<Diagnostic>) -> Record {
    let (reader, schema) = map(text, decoding);
    // The tree is gone by now: the record is tidied without it.
    let mut record = Record::new(reader.resource);
    record.diagnostics = reader.diagnostics;
    record.origin.line = Some(1);
    record.origin.key = record.resource.doi.clone();
    record.origin.schema = schema;
    record.tidy();
    record
}

/// Parses the text and maps its tree; the tree is dropped on return.
fn map(text: &str, decoding: Vec<Diagnostic>) -> (Reader, Option<String>) {
    let document = yaml::parse(text);
    let mut reader = Reader { diagnostics: decoding, resource: Resource::default(), related: HashSet::new() };
    reader.diagnostics.extend(document.diagnostics);
    let mut schema = None;
    match &document.root {
        Some(root) if root.entries().is_some() => schema = reader.document(root),
        Some(root) => {
            let message = format!(
                "the document is {}, not a mapping of CFF keys (cff-version, title, authors …); nothing was read",
                root.what()
            );
            reader.diagnostics.push(Diagnostic::error(crate::NOT_CFF, message).at(root.at("")));
        }
        None if !reader.diagnostics.iter().any(Diagnostic::is_error) => {
            let message = "the document is empty: no CFF keys";
            reader.diagnostics.push(Diagnostic::error(crate::NOT_CFF, message).at(Location::at(1, 1)));
        }
        None => {}
    }
    (reader, schema)
}

struct Reader {
    diagnostics: Vec<Diagnostic>,
    resource: Resource,
    /// The related identifiers made from references' DOIs (relation and DOI), so that a DOI
    /// cited twice is one related identifier, found without searching the list.
    related: HashSet<(String, String)>,
}

/// A person or entity as CFF gives it.
#[derive(Debug, Default)]
struct Agent {
    name: String,
    name_type: Option<NameType>,
    given: Option<String>,
    family: Option<String>,
    identifiers: Vec<NameIdentifier>,
    affiliations: Vec<Affiliation>,
}

impl Reader {
    fn note(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn unmapped(&mut self, key: &Node, path: &str, why: &str) {
        let message = format!("{} is not carried: {why}", quote(key.text().unwrap_or_default()));
        self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(path)));
    }

    /// The text of a scalar value; a null or empty one is noted, another kind is invalid.
    fn text(&mut self, value: &Node, path: &str) -> Option<String> {
        if let Some(text) = value.text() {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                self.note(Diagnostic::info(codes::VALUE_EMPTY, "an empty value was skipped").at(value.at(path)));
                return None;
            }
            if trimmed.len() != text.len() {
                self.note(
                    Diagnostic::info(codes::VALUE_TRIMMED, "white space around the value was removed")
                        .at(value.at(path)),
                );
            }
            return Some(trimmed.to_owned());
        }
        if value.is_null() {
            self.note(Diagnostic::info(codes::VALUE_EMPTY, "an empty value was skipped").at(value.at(path)));
        } else {
            let message = format!("expected text, found {}; not read", value.what());
            self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(path)));
        }
        None
    }

    /// The items of a list; a single value where a list belongs is a list of one (noted).
    fn list<'n>(&mut self, value: &'n Node, path: &str) -> Vec<(&'n Node, String)> {
        match value.items() {
            Some(items) => items.iter().enumerate().map(|(i, item)| (item, format!("{path}/{i}"))).collect(),
            None if value.is_null() => {
                self.note(Diagnostic::info(codes::VALUE_EMPTY, "an empty value was skipped").at(value.at(path)));
                Vec::new()
            }
            None => {
                let message = format!("expected a list, found {}; read as a list of one", value.what());
                self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(path)));
                vec![(value, path.to_owned())]
            }
        }
    }

    /// The entries of a mapping with text keys and their paths; other keys are reported.
    fn entries<'n>(&mut self, value: &'n Node, path: &str, what: &str) -> Vec<(&'n Node, &'n str, &'n Node, String)> {
        let Some(entries) = value.entries() else {
            let message = format!("expected {what} (a mapping), found {}; not read", value.what());
            self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(path)));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(entries.len());
        for (key, item) in entries {
            match key.text() {
                Some(name) => out.push((key, name, item, format!("{path}/{}", pointer_escape(name)))),
                None => {
                    let message =
                        format!("a key that is {}, not text, has no meaning in CFF; its value is not read", key.what());
                    self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(path)));
                }
            }
        }
        out
    }

    /// Reads the document; gives the schema URL of its version.
    fn document(&mut self, root: &Node) -> Option<String> {
        let entries = self.entries(root, "", "the document");
        let mut version = None;
        let has = |key: &str| entries.iter().any(|(_, k, _, _)| *k == key);
        let required: Vec<&str> =
            ["cff-version", "message", "title", "authors"].into_iter().filter(|k| !has(k)).collect();
        let doi_key = has("doi");
        let has_type = has("type");
        let mut preferred = None;
        for (key, name, value, path) in &entries {
            let (key, value, path) = (*key, *value, path.as_str());
            match *name {
                "cff-version" => version = self.text(value, path).map(|v| (v, value.at(path))),
                "message" => {
                    if self.text(value, path).is_some() {
                        let message = "message (what the authors ask of users) has no place in DataCite; not carried";
                        self.note(Diagnostic::info(crate::MESSAGE, message).at(key.at(path)));
                    }
                }
                "type" => self.file_type(value, path),
                "title" => {
                    if let Some(title) = self.text(value, path) {
                        self.resource.titles.push(Title::new(title));
                    }
                }
                "authors" => {
                    for (item, item_path) in self.list(value, path) {
                        if let Some(agent) = self.agent(item, &item_path) {
                            self.resource.creators.push(agent.creator());
                        }
                    }
                }
                "contact" => {
                    for (item, item_path) in self.list(value, path) {
                        if let Some(agent) = self.agent(item, &item_path) {
                            let mut contributor = agent.contributor();
                            contributor.contributor_type = Some(ContributorType::ContactPerson);
                            self.resource.contributors.push(contributor);
                        }
                    }
                }
                "abstract" => {
                    if let Some(text) = self.text(value, path) {
                        self.resource.descriptions.push(Description {
                            description: text,
                            description_type: Some(DescriptionType::Abstract),
                            lang: None,
                        });
                    }
                }
                "commit" => {
                    if let Some(text) = self.text(value, path) {
                        let message = "DataCite has no commit: kept as a TechnicalInfo description \"Commit: …\"";
                        self.note(Diagnostic::info(crate::COMMIT, message).at(key.at(path)));
                        self.resource.descriptions.push(Description {
                            description: format!("{COMMIT_PREFIX}{text}"),
                            description_type: Some(DescriptionType::TechnicalInfo),
                            lang: None,
                        });
                    }
                }
                "date-released" => {
                    if let Some(date) = self.text(value, path) {
                        if !is_date(&date) {
                            let message =
                                format!("date-released {} is not a date YYYY-MM-DD; kept as written", quote(&date));
                            self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(path)));
                        }
                        if self.resource.publication_year.is_none() {
                            self.resource.publication_year = year_of(&date).map(str::to_owned);
                        }
                        self.resource.dates.push(Date {
                            date,
                            date_type: Some(DateType::Issued),
                            date_information: None,
                        });
                    }
                }
                "doi" => {
                    if let Some(text) = self.text(value, path) {
                        self.doi(&text, value, path);
                    }
                }
                "identifiers" => {
                    for (item, item_path) in self.list(value, path) {
                        self.identifier(item, &item_path, doi_key);
                    }
                }
                "keywords" => {
                    for (item, item_path) in self.list(value, path) {
                        if let Some(text) = self.text(item, &item_path) {
                            self.resource.subjects.push(Subject { subject: text, ..Subject::default() });
                        }
                    }
                }
                "license" => self.license(value, path),
                "license-url" => {
                    if let Some(url) = self.text(value, path) {
                        self.license_url(url);
                    }
                }
                "repository-code" => self.repository(value, path, RelationType::IsVersionOf, None),
                "repository-artifact" => self.repository(value, path, RelationType::IsVariantFormOf, None),
                "repository" => self.repository(value, path, RelationType::Other, Some(REPOSITORY_INFORMATION)),
                "url" => {
                    if let Some(url) = self.text(value, path) {
                        self.resource.url = Some(url);
                    }
                }
                "version" => {
                    if let Some(version) = self.text(value, path) {
                        self.resource.version = Some(version);
                    }
                }
                "preferred-citation" => preferred = Some((key, value, path.to_owned())),
                "references" => {
                    for (item, item_path) in self.list(value, path) {
                        self.reference(item, &item_path, RelationType::References);
                    }
                }
                other => {
                    let message = format!("{} is not a key of CFF 1.2.0; not read", quote(other));
                    self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(path)));
                }
            }
        }
        // The preferred citation goes first among the related items, whatever its place in the file.
        if let Some((key, value, path)) = preferred {
            let message = "the record is the software (or dataset) this file describes; the preferred citation is a \
                           related item IsDescribedBy";
            self.note(Diagnostic::info(crate::PREFERRED_CITATION, message).at(key.at(&path)));
            let before = self.resource.related_items.len();
            self.reference(value, &path, RelationType::IsDescribedBy);
            if self.resource.related_items.len() > before {
                let item = self.resource.related_items.remove(before);
                self.resource.related_items.insert(0, item);
            }
        }
        if !has_type {
            let message = "the file has no type: it describes software (CFF's default)";
            self.note(Diagnostic::info(crate::TYPE, message).at(root.at("")));
            self.resource.types = Types::new(ResourceTypeGeneral::Software, None);
        }
        for key in required {
            let message = format!("CFF requires {key}, which the file lacks");
            self.note(Diagnostic::warning(codes::REQUIRED_MISSING, message).at(root.at("")));
        }
        let (version, at) = match version {
            Some((v, at)) => (v, at),
            None => {
                let message = "the file does not say its cff-version; read as CFF 1.2.0";
                self.note(Diagnostic::warning(crate::VERSION, message).at(root.at("")));
                return None;
            }
        };
        if version != crate::CFF_VERSION {
            let message =
                format!("cff-version {} is not 1.2.0, the version Crosswalk reads; read as 1.2.0", quote(&version));
            self.note(Diagnostic::warning(crate::VERSION, message).at(at));
        }
        let safe = version.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
        safe.then(|| format!("https://citation-file-format.github.io/{version}/schema.json"))
    }

    fn file_type(&mut self, value: &Node, path: &str) {
        let Some(text) = self.text(value, path) else { return };
        let general = match text.as_str() {
            "software" => ResourceTypeGeneral::Software,
            "dataset" => ResourceTypeGeneral::Dataset,
            _ => {
                let message =
                    format!("type {} is neither software nor dataset; resourceTypeGeneral Other", quote(&text));
                self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message).at(value.at(path)));
                self.resource.types = Types::new(ResourceTypeGeneral::Other, Some(&text));
                return;
            }
        };
        self.resource.types = Types::new(general, None);
    }

    fn doi(&mut self, text: &str, value: &Node, path: &str) {
        match crosswalk_model::doi::normalise(text) {
            Some(doi) => {
                if doi != text {
                    let message = format!("the DOI {} was read without its resolver", quote(text));
                    self.note(Diagnostic::info(codes::VALUE_NORMALISED, message).at(value.at(path)));
                }
                if self.resource.doi.is_none() {
                    self.resource.doi = Some(doi);
                } else if self.resource.doi.as_deref() != Some(doi.as_str()) {
                    self.alternate(doi, "DOI");
                }
            }
            None => {
                let message = format!("{} is not a DOI; kept as an alternate identifier", quote(text));
                self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(path)));
                self.alternate(text.to_owned(), "DOI");
            }
        }
    }

    fn alternate(&mut self, value: String, kind: &str) {
        let identifier =
            AlternateIdentifier { alternate_identifier: value, alternate_identifier_type: Some(kind.into()) };
        self.resource.alternate_identifiers.push(identifier);
    }

    fn identifier(&mut self, node: &Node, path: &str, doi_key: bool) {
        let mut kind = None;
        let mut value = None;
        let mut described = None;
        for (key, name, item, item_path) in self.entries(node, path, "an identifier") {
            match name {
                "type" => kind = self.text(item, &item_path).map(|k| (k, item.at(&item_path))),
                "value" => value = self.text(item, &item_path).map(|v| (v, item.at(&item_path))),
                "description" => described = self.text(item, &item_path).map(|_| key.at(&item_path)),
                other => {
                    let message = format!("{} is not a key of an identifier; not read", quote(other));
                    self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(&item_path)));
                }
            }
        }
        let Some((value, value_at)) = value else {
            let message = "an identifier without value was skipped";
            self.note(Diagnostic::warning(codes::REQUIRED_MISSING, message).at(node.at(path)));
            return;
        };
        let kind_text = kind.as_ref().map_or("", |(k, _)| k.as_str());
        let note = match kind_text {
            "doi" => {
                let first = !doi_key && self.resource.doi.is_none();
                match crosswalk_model::doi::normalise(&value) {
                    Some(doi) if self.resource.doi.as_deref() == Some(doi.as_str()) => {
                        "the record's DOI, given again: not repeated".to_owned()
                    }
                    Some(doi) if first => {
                        self.resource.doi = Some(doi);
                        "the file has no doi key: this first DOI of identifiers is the record's doi".to_owned()
                    }
                    Some(doi) => {
                        self.alternate(doi, "DOI");
                        "a further DOI: an alternate identifier of type DOI".to_owned()
                    }
                    None => {
                        let message = format!("{} is not a DOI; kept as an alternate identifier", quote(&value));
                        self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value_at));
                        self.alternate(value, "DOI");
                        return;
                    }
                }
            }
            "url" => {
                self.alternate(value, "URL");
                "an alternate identifier of type URL".to_owned()
            }
            "swh" => {
                self.alternate(value, "SWHID");
                "a Software Heritage identifier: an alternate identifier of type SWHID".to_owned()
            }
            "other" => {
                self.alternate(value, "Other");
                "an alternate identifier of type Other".to_owned()
            }
            _ => {
                let at = kind.as_ref().map_or_else(|| node.at(path), |(_, at)| at.clone());
                let message = format!(
                    "identifier type {} is not doi, url, swh or other; the identifier is an alternate identifier of type Other",
                    quote(kind_text)
                );
                self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message).at(at));
                self.alternate(value, "Other");
                return;
            }
        };
        let note = match described {
            Some(_) => format!("{note}; its description has no place in DataCite"),
            None => note,
        };
        self.note(Diagnostic::info(crate::IDENTIFIER, note).at(node.at(path)));
    }

    fn license(&mut self, value: &Node, path: &str) {
        // One identifier, or a list of them.
        let items = if value.items().is_some() { self.list(value, path) } else { vec![(value, path.to_owned())] };
        if items.len() > 1 {
            let message = "several licences: CFF means a choice among them (OR); each is one entry of rightsList";
            self.note(Diagnostic::info(crate::LICENSE, message).at(value.at(path)));
        }
        for (item, item_path) in items {
            if let Some(id) = self.text(item, &item_path) {
                self.resource.rights_list.push(Rights {
                    rights_identifier: Some(id),
                    rights_identifier_scheme: Some("SPDX".into()),
                    scheme_uri: Some(SPDX_SCHEME_URI.into()),
                    ..Rights::default()
                });
            }
        }
    }

    fn license_url(&mut self, url: String) {
        let id = spdx_of_url(&url);
        // The URL of a licence named already (its spdx.org or Creative Commons page) joins it.
        if let Some(id) = &id {
            if let Some(rights) = self
                .resource
                .rights_list
                .iter_mut()
                .find(|r| r.rights_identifier.as_deref() == Some(id.as_str()) && r.rights_uri.is_none())
            {
                rights.rights_uri = Some(url);
                return;
            }
        }
        let mut rights = Rights { rights_uri: Some(url), ..Rights::default() };
        if let Some(id) = id {
            rights.rights_identifier = Some(id);
            rights.rights_identifier_scheme = Some("SPDX".into());
            rights.scheme_uri = Some(SPDX_SCHEME_URI.into());
        }
        self.resource.rights_list.push(rights);
    }

    fn repository(&mut self, value: &Node, path: &str, relation: RelationType, information: Option<&str>) {
        let Some(url) = self.text(value, path) else { return };
        self.resource.related_identifiers.push(RelatedIdentifier {
            related_identifier: url,
            related_identifier_type: Some(RelatedIdentifierType::Url),
            relation_type: Some(relation),
            relation_type_information: information.map(str::to_owned),
            ..RelatedIdentifier::default()
        });
    }

    /// A person or an entity (one with `name`).
    fn agent(&mut self, node: &Node, path: &str) -> Option<Agent> {
        let entries = self.entries(node, path, "a person or an entity");
        if entries.is_empty() {
            return None;
        }
        let entity = entries.iter().any(|(_, k, _, _)| *k == "name");
        let section = if entity { Section::Entity } else { Section::Person };
        let mut agent = Agent::default();
        let (mut given, mut family, mut particle, mut suffix, mut alias) = (None, None, None, None, None);
        for (key, name, value, item_path) in entries {
            let item_path = item_path.as_str();
            match (entity, name) {
                (true, "name") => agent.name = self.text(value, item_path).unwrap_or_default(),
                (false, "given-names") => given = self.text(value, item_path),
                (false, "family-names") => family = self.text(value, item_path),
                (false, "name-particle") => particle = self.text(value, item_path).map(|p| (p, key.at(item_path))),
                (false, "name-suffix") => suffix = self.text(value, item_path).map(|s| (s, key.at(item_path))),
                (false, "alias") => alias = self.text(value, item_path).map(|a| (a, key)),
                (false, "affiliation") => {
                    if let Some(name) = self.text(value, item_path) {
                        agent.affiliations.push(Affiliation::named(name));
                    }
                }
                (_, "orcid") => {
                    if let Some(orcid) = self.text(value, item_path) {
                        agent.identifiers.push(NameIdentifier {
                            name_identifier: orcid,
                            name_identifier_scheme: Some("ORCID".into()),
                            scheme_uri: Some("https://orcid.org".into()),
                        });
                    }
                }
                (true, "website") => {
                    let Some(url) = self.text(value, item_path) else { continue };
                    if is_ror(&url) {
                        let message = "the entity's website is a ROR URL: its ROR identifier";
                        self.note(Diagnostic::info(crate::ROR, message).at(value.at(item_path)));
                        agent.identifiers.push(NameIdentifier {
                            name_identifier: url,
                            name_identifier_scheme: Some("ROR".into()),
                            scheme_uri: Some("https://ror.org".into()),
                        });
                    } else {
                        self.unmapped(key, item_path, "DataCite has no place for an organisation's website");
                    }
                }
                (_, other) => match row_of(section, other) {
                    Some(row) => self.unmapped(key, item_path, &why(row.note)),
                    None => {
                        let what = if entity { "an entity" } else { "a person" };
                        let message = format!("{} is not a key of {what} in CFF 1.2.0; not read", quote(other));
                        self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(item_path)));
                    }
                },
            }
        }
        if entity {
            agent.name_type = Some(NameType::Organizational);
            if agent.name.is_empty() {
                let message = "an entity without a name was skipped";
                self.note(Diagnostic::warning(codes::VALUE_EMPTY, message).at(node.at(path)));
                return None;
            }
            return Some(agent);
        }
        agent.name_type = Some(NameType::Personal);
        let family = match (particle, family) {
            (Some((particle, at)), Some(family)) => {
                let message = format!("the name particle {} is put before the family name", quote(&particle));
                self.note(Diagnostic::info(crate::NAME, message).at(at));
                Some(format!("{particle} {family}"))
            }
            (Some((particle, at)), None) => {
                let message = format!("the name particle {} is the family name: no family-names", quote(&particle));
                self.note(Diagnostic::info(crate::NAME, message).at(at));
                Some(particle)
            }
            (None, family) => family,
        };
        agent.name = match (&family, &given) {
            (Some(f), Some(g)) => format!("{f}, {g}"),
            (Some(f), None) => f.clone(),
            (None, Some(g)) => g.clone(),
            (None, None) => String::new(),
        };
        if let Some((suffix, at)) = suffix {
            if !agent.name.is_empty() {
                let message = format!("the name suffix {} is kept in the name after the given names", quote(&suffix));
                self.note(Diagnostic::info(crate::NAME, message).at(at));
                agent.name = format!("{}, {suffix}", agent.name);
            }
        }
        match alias {
            Some((alias, _)) if agent.name.is_empty() => agent.name = alias,
            Some((_, key)) => {
                let at = format!("{path}/alias");
                self.unmapped(key, &at, "the person has names; DataCite has no place for an alias beside them");
            }
            None => {}
        }
        if agent.name.is_empty() {
            let message = "a person without names or alias was skipped";
            self.note(Diagnostic::warning(codes::VALUE_EMPTY, message).at(node.at(path)));
            return None;
        }
        agent.given = given;
        agent.family = family;
        Some(agent)
    }

    /// A reference (or the preferred citation) as a related item.
    fn reference(&mut self, node: &Node, path: &str, relation: RelationType) {
        let mut item = RelatedItem { relation_type: Some(relation.clone()), ..RelatedItem::default() };
        let mut doi = None;
        let (mut url, mut isbn, mut issn, mut other_id) = (None, None, None, None);
        let (mut year, mut published, mut released) = (None, None, None);
        let mut lost_people = None;
        let mut seen = (false, false, false);
        for (key, name, value, item_path) in self.entries(node, path, "a reference") {
            let item_path = item_path.as_str();
            match name {
                "type" => {
                    seen.0 = true;
                    let Some(text) = self.text(value, item_path) else { continue };
                    match types::general_of(&text) {
                        Some(general) => item.related_item_type = Some(general.clone()),
                        None => {
                            let message = format!("{} is not a reference type of CFF 1.2.0; Other", quote(&text));
                            self.note(Diagnostic::warning(codes::VOCAB_UNKNOWN, message).at(value.at(item_path)));
                            item.related_item_type = Some(ResourceTypeGeneral::Other);
                        }
                    }
                }
                "title" => {
                    seen.1 = true;
                    if let Some(title) = self.text(value, item_path) {
                        item.titles.push(Title::new(title));
                    }
                }
                "authors" | "editors" | "translators" => {
                    seen.2 |= name == "authors";
                    for (person, person_path) in self.list(value, item_path) {
                        let Some(agent) = self.agent(person, &person_path) else { continue };
                        if (!agent.identifiers.is_empty() || !agent.affiliations.is_empty()) && lost_people.is_none() {
                            lost_people = Some(person.at(&person_path));
                        }
                        match name {
                            "authors" => item.creators.push(RelatedItemCreator {
                                name: agent.name,
                                name_type: agent.name_type,
                                given_name: agent.given,
                                family_name: agent.family,
                                lang: None,
                            }),
                            _ => item.contributors.push(RelatedItemContributor {
                                name: agent.name,
                                name_type: agent.name_type,
                                given_name: agent.given,
                                family_name: agent.family,
                                lang: None,
                                contributor_type: Some(if name == "editors" {
                                    ContributorType::Editor
                                } else {
                                    ContributorType::Translator
                                }),
                            }),
                        }
                    }
                }
                "year" => year = self.text(value, item_path),
                "date-published" => published = self.text(value, item_path),
                "date-released" => released = self.text(value, item_path),
                "doi" => {
                    if let Some(text) = self.text(value, item_path) {
                        match crosswalk_model::doi::normalise(&text) {
                            Some(d) => doi = Some(d),
                            None => {
                                let message = format!("{} is not a DOI; not read", quote(&text));
                                self.note(Diagnostic::warning(codes::VALUE_INVALID, message).at(value.at(item_path)));
                            }
                        }
                    }
                }
                "url" => url = self.text(value, item_path).map(|u| (u, key, item_path.to_owned())),
                "isbn" => isbn = self.text(value, item_path).map(|u| (u, key, item_path.to_owned())),
                "issn" => issn = self.text(value, item_path).map(|u| (u, key, item_path.to_owned())),
                "identifiers" => {
                    for (id, id_path) in self.list(value, item_path) {
                        let mut kind = None;
                        let mut text = None;
                        for (_, id_key, id_value, id_value_path) in self.entries(id, &id_path, "an identifier") {
                            match id_key {
                                "type" => kind = self.text(id_value, &id_value_path),
                                "value" => text = self.text(id_value, &id_value_path),
                                _ => {}
                            }
                        }
                        if let (Some(kind), Some(text)) = (kind, text) {
                            let kind = match kind.as_str() {
                                "doi" => RelatedIdentifierType::Doi,
                                "url" => RelatedIdentifierType::Url,
                                "swh" => RelatedIdentifierType::Swhid,
                                _ => continue,
                            };
                            if other_id.is_none() {
                                other_id = Some((text, kind));
                            }
                        }
                    }
                }
                "volume" => item.volume = self.text(value, item_path),
                "issue" => item.issue = self.text(value, item_path),
                "start" => item.first_page = self.text(value, item_path),
                "end" => item.last_page = self.text(value, item_path),
                "number" => item.number = self.text(value, item_path),
                "edition" => item.edition = self.text(value, item_path),
                "publisher" => {
                    if let Some(agent) = self.agent(value, item_path) {
                        item.publisher = Some(agent.name);
                    }
                }
                other => match row_of(Section::Reference, other) {
                    Some(row) => self.unmapped(key, item_path, &why(row.note)),
                    None => {
                        let message = format!("{} is not a key of a reference in CFF 1.2.0; not read", quote(other));
                        self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(key.at(item_path)));
                    }
                },
            }
        }
        if let Some(at) = lost_people {
            let message =
                "ORCIDs and affiliations of a reference's people have no place in a related item; not carried";
            self.note(Diagnostic::warning(codes::FIELD_UNMAPPED, message).at(at));
        }
        for (present, key) in [(seen.0, "type"), (seen.1, "title"), (seen.2, "authors")] {
            if !present {
                let message = format!("CFF requires a reference's {key}, which this one lacks");
                self.note(Diagnostic::warning(codes::REQUIRED_MISSING, message).at(node.at(path)));
            }
        }
        item.publication_year = year
            .or_else(|| published.as_deref().and_then(year_of).map(str::to_owned))
            .or_else(|| released.as_deref().and_then(year_of).map(str::to_owned));
        // One identifier: the DOI, else the URL, the ISBN, the ISSN, the first of identifiers.
        let mut candidates = [
            url.map(|(u, k, p)| (u, RelatedIdentifierType::Url, k, p)),
            isbn.map(|(u, k, p)| (u, RelatedIdentifierType::Isbn, k, p)),
            issn.map(|(u, k, p)| (u, RelatedIdentifierType::Issn, k, p)),
        ];
        let identifier = match &doi {
            Some(d) => Some((d.clone(), RelatedIdentifierType::Doi)),
            None => match candidates.iter_mut().find_map(Option::take) {
                Some((value, kind, _, _)) => Some((value, kind)),
                None => other_id,
            },
        };
        let by = if doi.is_some() { "its DOI" } else { "an identifier" };
        for (_, _, key, key_path) in candidates.into_iter().flatten() {
            self.unmapped(key, &key_path, &format!("the related item is identified by {by} already"));
        }
        if let Some((value, kind)) = identifier {
            item.related_item_identifier = Some(RelatedItemIdentifier {
                related_item_identifier: value,
                related_item_identifier_type: Some(kind),
                ..RelatedItemIdentifier::default()
            });
        }
        if let Some(doi) = doi {
            let related = RelatedIdentifier {
                related_identifier: doi,
                related_identifier_type: Some(RelatedIdentifierType::Doi),
                relation_type: Some(relation),
                resource_type_general: item.related_item_type.clone(),
                ..RelatedIdentifier::default()
            };
            let seen = (related.related_identifier.to_ascii_lowercase(), relation_name(&related));
            if self.related.insert(seen) {
                self.resource.related_identifiers.push(related);
            }
        }
        if item.titles.is_empty() && item.related_item_identifier.is_none() {
            let message = "a reference without title or identifier was skipped";
            self.note(Diagnostic::warning(codes::VALUE_EMPTY, message).at(node.at(path)));
            return;
        }
        self.resource.related_items.push(item);
    }
}

impl Agent {
    fn creator(self) -> Creator {
        Creator {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given,
            family_name: self.family,
            lang: None,
            name_identifiers: self.identifiers,
            affiliation: self.affiliations,
        }
    }

    fn contributor(self) -> Contributor {
        Contributor {
            name: self.name,
            name_type: self.name_type,
            given_name: self.given,
            family_name: self.family,
            lang: None,
            name_identifiers: self.identifiers,
            affiliation: self.affiliations,
            contributor_type: None,
        }
    }
}

/// Why a key is not carried, from its row's note (without the code the note names).
fn why(note: &str) -> String {
    let note = note.trim_end_matches('.').trim_end_matches(" (`field.unmapped`)");
    let note = note.strip_prefix("Not carried: ").unwrap_or(note);
    note.trim_end_matches(": not carried").replace('`', "")
}

fn relation_name(related: &RelatedIdentifier) -> String {
    related.relation_type.as_ref().map(|r| r.as_str().to_owned()).unwrap_or_default()
}

/// A key escaped for a JSON pointer.
fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// True for `YYYY-MM-DD` with a month 01–12 and a day 01–31 (the schema's pattern).
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|t| t.parse::<u8>().ok()).unwrap_or(0);
    b.len() == 10
        && digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10))
}

/// The year of a date or year (`2021-07-18` → `2021`).
pub(crate) fn year_of(text: &str) -> Option<&str> {
    let year = text.get(..4)?;
    let rest = text.get(4..).unwrap_or_default();
    (year.bytes().all(|b| b.is_ascii_digit()) && (rest.is_empty() || rest.starts_with('-'))).then_some(year)
}

/// True for a ROR URL (`https://ror.org/02mhbdp94`).
pub(crate) fn is_ror(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or("");
    rest.strip_prefix("ror.org/").is_some_and(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_years() {
        assert!(is_date("2021-07-18"));
        assert!(!is_date("2021-13-01"));
        assert!(!is_date("2021-7-18"));
        assert_eq!(year_of("2021-07-18"), Some("2021"));
        assert_eq!(year_of("2021"), Some("2021"));
        assert_eq!(year_of("20210"), None);
        assert!(is_ror("https://ror.org/02mhbdp94"));
        assert!(!is_ror("https://example.org/"));
    }
}

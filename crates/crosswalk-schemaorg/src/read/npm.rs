//! npm `package.json` files, read through Codemeta's NodeJS crosswalk: a software package's
//! manifest is Codemeta's most common source, and DataCite's own converter reads it too.
//!
//! `name` → title, `version`, `description` → abstract, `author`/`contributors`/`maintainers`
//! (objects or `"Name <email> (url)"` strings), `license` (SPDX expression, or the legacy object
//! and list forms), `keywords`, `homepage` → `url`, `repository` → the code repository,
//! `bugs` → the issue tracker, `dependencies`/`peerDependencies`/`bundledDependencies` →
//! requirements, `engines`/`os`/`cpu` → technical information. Everything else (scripts,
//! development dependencies, build settings) is reported as unmapped.

use crosswalk_model::{
    codes, Contributor, ContributorType, Creator, Description, DescriptionType, Record, RelatedIdentifier,
    RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral, Severity, Subject, Title, Types,
};

use super::values::{classify, license_text};
use super::Source;
use crate::json::{Node, Value};
use crate::jsonld::{self, At};
use crate::CODEMETA_NPM_PACKAGE;

/// True for an object that looks like an npm manifest: a `name` and one of the keys only a
/// manifest has, and no JSON-LD.
pub(crate) fn is_package(node: &Node) -> bool {
    let has = |key: &str| node.get(key).is_some();
    node.get("name").and_then(Node::as_str).is_some()
        && !has("@type")
        && ["version", "dependencies", "devDependencies", "scripts", "main", "repository", "engines"]
            .iter()
            .any(|k| has(k))
}

struct Npm<'s> {
    source: &'s Source<'s>,
    resource: Resource,
    diagnostics: Vec<crosswalk_model::Diagnostic>,
}

impl Npm<'_> {
    fn note(&mut self, severity: Severity, code: &'static str, message: String, node: &Node, at: &At<'_>) {
        self.diagnostics.push(
            crosswalk_model::Diagnostic::new(severity, code, message)
                .at(self.source.location(node.start, at.pointer())),
        );
    }

    fn unmapped(&mut self, key: &str, node: &Node, at: &At<'_>) {
        if matches!(&node.value, Value::Array(items) if items.is_empty())
            || matches!(&node.value, Value::Object(m) if m.is_empty())
        {
            return;
        }
        let message = format!(
            "package.json \"{key}\" ({}) has no home in the DataCite model; it is not carried over",
            jsonld::show(node)
        );
        self.note(Severity::Warning, codes::FIELD_UNMAPPED, message, node, at);
    }

    fn text(&mut self, node: &Node, at: &At<'_>, key: &str) -> Option<String> {
        match node.as_scalar_text() {
            Some(text) if text.trim().is_empty() => {
                self.note(Severity::Info, codes::VALUE_EMPTY, format!("\"{key}\" is empty; it is skipped"), node, at);
                None
            }
            Some(text) => {
                if text.trim().len() != text.len() {
                    let message = format!("white space around \"{key}\" was removed");
                    self.note(Severity::Info, codes::VALUE_TRIMMED, message, node, at);
                }
                Some(text.trim().to_owned())
            }
            None => {
                let message = format!("\"{key}\" must be text, not {}; it is not carried over", jsonld::show(node));
                self.note(Severity::Warning, codes::VALUE_INVALID, message, node, at);
                None
            }
        }
    }

    /// A person: `{"name", "email", "url"}` or `"Name <email> (url)"`.
    fn person(&mut self, node: &Node, at: &At<'_>, key: &str) -> Option<String> {
        match &node.value {
            Value::String(text) => {
                let name = text.split(['<', '(']).next().unwrap_or_default().trim();
                if name.is_empty() {
                    self.note(
                        Severity::Info,
                        codes::VALUE_EMPTY,
                        format!("\"{key}\" names nobody; it is skipped"),
                        node,
                        at,
                    );
                    return None;
                }
                if name.len() < text.trim().len() {
                    let message = format!("the e-mail address or URL of {key} \"{name}\" has no home in the DataCite model; it is not carried over");
                    self.note(Severity::Warning, codes::FIELD_UNMAPPED, message, node, at);
                }
                Some(name.to_owned())
            }
            Value::Object(members) => {
                let name =
                    node.get("name").and_then(Node::as_str).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
                for member in members {
                    if member.key != "name" {
                        let member_at = at.key(&member.key);
                        self.unmapped(&format!("{key}.{}", member.key), &member.value, &member_at);
                    }
                }
                if name.is_none() {
                    let message = format!("{key} {} has no name; it is not carried over", jsonld::show(node));
                    self.note(Severity::Warning, codes::VALUE_INVALID, message, node, at);
                }
                name
            }
            _ => {
                let message = format!("{key} must be a person object or a name, not {}", jsonld::show(node));
                self.note(Severity::Warning, codes::VALUE_INVALID, message, node, at);
                None
            }
        }
    }

    fn people(&mut self, node: &Node, at: &At<'_>, key: &str) -> Vec<String> {
        let mut names = Vec::new();
        match &node.value {
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let item_at = at.index(index);
                    names.extend(self.person(item, &item_at, key));
                }
            }
            _ => names.extend(self.person(node, at, key)),
        }
        names
    }

    fn technical(&mut self, node: &Node, at: &At<'_>, label: &str) {
        let text = match &node.value {
            Value::Object(members) => members
                .iter()
                .filter_map(|m| m.value.as_str().map(|v| format!("{} {}", m.key, v.trim())))
                .collect::<Vec<_>>()
                .join(", "),
            Value::Array(items) => items.iter().filter_map(Node::as_str).map(str::trim).collect::<Vec<_>>().join(", "),
            _ => node.as_str().map(str::trim).unwrap_or_default().to_owned(),
        };
        if text.is_empty() {
            return;
        }
        let _ = at;
        self.resource.descriptions.push(Description {
            description: format!("{label}: {text}"),
            description_type: Some(DescriptionType::TechnicalInfo),
            lang: None,
        });
    }

    fn repository(&mut self, node: &Node, at: &At<'_>) {
        let url = match &node.value {
            Value::String(text) => Some(text.trim().to_owned()),
            Value::Object(_) => node.get("url").and_then(Node::as_str).map(|u| u.trim().to_owned()),
            _ => None,
        };
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            let message = format!("repository {} has no URL; it is not carried over", jsonld::show(node));
            self.note(Severity::Warning, codes::VALUE_INVALID, message, node, at);
            return;
        };
        let expanded = expand_repository(&url);
        if expanded != url {
            let message = format!("repository \"{url}\" is written as \"{expanded}\"");
            self.note(Severity::Info, codes::VALUE_NORMALISED, message, node, at);
        }
        if let Value::Object(members) = &node.value {
            for member in members {
                if !matches!(member.key.as_str(), "url" | "type") {
                    let member_at = at.key(&member.key);
                    self.unmapped(&format!("repository.{}", member.key), &member.value, &member_at);
                }
            }
        }
        self.related(expanded, RelationType::IsVersionOf, None);
    }

    fn related(&mut self, identifier: String, relation: RelationType, information: Option<&str>) {
        let kind = classify(&identifier).map(|(kind, _)| kind).unwrap_or(RelatedIdentifierType::Url);
        self.resource.related_identifiers.push(RelatedIdentifier {
            related_identifier: identifier,
            related_identifier_type: Some(kind),
            relation_type: Some(relation),
            relation_type_information: information.map(str::to_owned),
            ..RelatedIdentifier::default()
        });
    }

    fn dependencies(&mut self, node: &Node, at: &At<'_>, key: &str) {
        match &node.value {
            Value::Object(members) => {
                for member in members {
                    let range = member.value.as_str().map(str::trim).unwrap_or_default();
                    let title = if range.is_empty() || range == "*" {
                        member.key.clone()
                    } else {
                        format!("{} {range}", member.key)
                    };
                    self.resource.related_items.push(RelatedItem {
                        related_item_type: Some(ResourceTypeGeneral::Software),
                        relation_type: Some(RelationType::Requires),
                        titles: vec![Title::new(title)],
                        ..RelatedItem::default()
                    });
                }
            }
            Value::Array(items) => {
                for item in items.iter().filter_map(Node::as_str) {
                    self.resource.related_items.push(RelatedItem {
                        related_item_type: Some(ResourceTypeGeneral::Software),
                        relation_type: Some(RelationType::Requires),
                        titles: vec![Title::new(item.trim())],
                        ..RelatedItem::default()
                    });
                }
            }
            _ => self.unmapped(key, node, at),
        }
    }
}

/// npm's repository shorthands (`user/repo`, `github:user/repo`, `gitlab:…`, `bitbucket:…`) as URLs.
fn expand_repository(url: &str) -> String {
    for (prefix, host) in [
        ("github:", "https://github.com/"),
        ("gitlab:", "https://gitlab.com/"),
        ("bitbucket:", "https://bitbucket.org/"),
    ] {
        if let Some(rest) = url.strip_prefix(prefix) {
            return format!("{host}{rest}");
        }
    }
    let shorthand = !url.contains(':') && url.matches('/').count() == 1 && !url.starts_with('/') && !url.ends_with('/');
    if shorthand {
        return format!("https://github.com/{url}");
    }
    url.to_owned()
}

/// Reads a `package.json` into a Software record.
pub(crate) fn read(source: &Source<'_>, node: &Node, at: &At<'_>) -> Record {
    let mut npm = Npm { source, resource: Resource::default(), diagnostics: Vec::new() };
    let message =
        "the document is an npm package.json (no JSON-LD @context); it is read through Codemeta's NodeJS crosswalk"
            .to_owned();
    npm.note(Severity::Info, CODEMETA_NPM_PACKAGE, message, node, at);
    npm.resource.types = Types::new(ResourceTypeGeneral::Software, Some("npm package"));
    for member in node.members() {
        let value = &member.value;
        let member_at = at.key(&member.key);
        if value.value == Value::Null {
            continue;
        }
        match member.key.as_str() {
            "name" => {
                if let Some(title) = npm.text(value, &member_at, "name") {
                    npm.resource.titles.push(Title::new(title));
                }
            }
            "version" => npm.resource.version = npm.text(value, &member_at, "version"),
            "description" => {
                if let Some(description) = npm.text(value, &member_at, "description") {
                    npm.resource.descriptions.push(Description {
                        description,
                        description_type: Some(DescriptionType::Abstract),
                        lang: None,
                    });
                }
            }
            "author" => {
                for name in npm.people(value, &member_at, "author") {
                    npm.resource.creators.push(Creator::named(name));
                }
            }
            "contributors" | "maintainers" => {
                let kind =
                    if member.key == "maintainers" { ContributorType::ContactPerson } else { ContributorType::Other };
                for name in npm.people(value, &member_at, &member.key) {
                    npm.resource.contributors.push(Contributor {
                        name,
                        contributor_type: Some(kind.clone()),
                        ..Contributor::default()
                    });
                }
            }
            "license" => match &value.value {
                Value::String(text) if !text.trim().is_empty() => {
                    npm.resource.rights_list.push(license_text(text.trim()))
                }
                Value::Object(_) => {
                    let kind = value.get("type").and_then(Node::as_str).map(str::trim).unwrap_or_default();
                    let mut rights = license_text(kind);
                    rights.rights_uri = value.get("url").and_then(Node::as_str).map(|u| u.trim().to_owned());
                    npm.resource.rights_list.push(rights);
                }
                _ => npm.unmapped("license", value, &member_at),
            },
            "licenses" => {
                if let Value::Array(items) = &value.value {
                    for item in items {
                        let kind = item
                            .get("type")
                            .and_then(Node::as_str)
                            .or_else(|| item.as_str())
                            .map(str::trim)
                            .unwrap_or_default();
                        if !kind.is_empty() {
                            let mut rights = license_text(kind);
                            rights.rights_uri = item
                                .get("url")
                                .and_then(Node::as_str)
                                .map(|u| u.trim().to_owned())
                                .or(rights.rights_uri);
                            npm.resource.rights_list.push(rights);
                        }
                    }
                }
            }
            "keywords" => match &value.value {
                Value::Array(items) => {
                    for keyword in items.iter().filter_map(Node::as_str).map(str::trim).filter(|k| !k.is_empty()) {
                        npm.resource.subjects.push(Subject { subject: keyword.to_owned(), ..Subject::default() });
                    }
                }
                _ => npm.unmapped("keywords", value, &member_at),
            },
            "homepage" => npm.resource.url = npm.text(value, &member_at, "homepage"),
            "repository" => npm.repository(value, &member_at),
            "bugs" => {
                let url = match &value.value {
                    Value::String(text) => Some(text.trim().to_owned()),
                    _ => value.get("url").and_then(Node::as_str).map(|u| u.trim().to_owned()),
                };
                if let Some(email) = value.get("email") {
                    let email_at = member_at.key("email");
                    npm.unmapped("bugs.email", email, &email_at);
                }
                if let Some(url) = url.filter(|u| !u.is_empty()) {
                    npm.related(url, RelationType::Other, Some("issueTracker"));
                }
            }
            "dependencies" | "peerDependencies" | "bundledDependencies" | "bundleDependencies" => {
                npm.dependencies(value, &member_at, &member.key)
            }
            "engines" => npm.technical(value, &member_at, "Runtime platform"),
            "os" => npm.technical(value, &member_at, "Operating system"),
            "cpu" => npm.technical(value, &member_at, "Processor requirements"),
            key => npm.unmapped(key, value, &member_at),
        }
    }
    let mut record = Record::new(npm.resource);
    record.diagnostics = npm.diagnostics;
    record.tidy();
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_shorthands() {
        assert_eq!(expand_repository("npm/cli"), "https://github.com/npm/cli");
        assert_eq!(expand_repository("gitlab:user/repo"), "https://gitlab.com/user/repo");
        assert_eq!(expand_repository("git+https://github.com/a/b.git"), "git+https://github.com/a/b.git");
    }
}

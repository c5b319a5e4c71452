//! Plain values of a work: identifiers, dates, subjects, language, licences, formats.

use crosswalk_model::vocab::Vocabulary;
use crosswalk_model::{codes, doi, AlternateIdentifier, RelatedIdentifierType, Rights, Severity, Subject};

use super::{shorten, ItemReader};
use crate::json::Node;
use crate::jsonld::{self, At, Context};

/// The SPDX licence identifiers recognised in text (`MIT`, `Apache-2.0`): the common ones; an
/// identifier outside the list is kept as rights text, since without the list it cannot be told
/// apart from a word.
pub(crate) const SPDX_IDS: &[&str] = &[
    "0BSD",
    "AFL-3.0",
    "AGPL-3.0",
    "AGPL-3.0-only",
    "AGPL-3.0-or-later",
    "Apache-1.1",
    "Apache-2.0",
    "APSL-2.0",
    "Artistic-1.0",
    "Artistic-2.0",
    "BSD-1-Clause",
    "BSD-2-Clause",
    "BSD-2-Clause-Patent",
    "BSD-3-Clause",
    "BSD-3-Clause-Clear",
    "BSD-4-Clause",
    "BSL-1.0",
    "CC-BY-1.0",
    "CC-BY-2.0",
    "CC-BY-2.5",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-NC-3.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-ND-3.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-NC-SA-3.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-3.0",
    "CC-BY-ND-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "CC-PDDC",
    "CC0-1.0",
    "CDDL-1.0",
    "CDDL-1.1",
    "CECILL-2.1",
    "CECILL-B",
    "CECILL-C",
    "ECL-2.0",
    "EPL-1.0",
    "EPL-2.0",
    "EUPL-1.1",
    "EUPL-1.2",
    "GFDL-1.3",
    "GFDL-1.3-only",
    "GFDL-1.3-or-later",
    "GPL-2.0",
    "GPL-2.0-only",
    "GPL-2.0-or-later",
    "GPL-3.0",
    "GPL-3.0-only",
    "GPL-3.0-or-later",
    "HPND",
    "ISC",
    "LGPL-2.0",
    "LGPL-2.0-only",
    "LGPL-2.0-or-later",
    "LGPL-2.1",
    "LGPL-2.1-only",
    "LGPL-2.1-or-later",
    "LGPL-3.0",
    "LGPL-3.0-only",
    "LGPL-3.0-or-later",
    "LPPL-1.3c",
    "MIT",
    "MIT-0",
    "MPL-1.1",
    "MPL-2.0",
    "MS-PL",
    "MS-RL",
    "NCSA",
    "ODbL-1.0",
    "ODC-By-1.0",
    "OFL-1.1",
    "OSL-3.0",
    "PDDL-1.0",
    "PostgreSQL",
    "Python-2.0",
    "Ruby",
    "Unlicense",
    "UPL-1.0",
    "Vim",
    "W3C",
    "WTFPL",
    "X11",
    "Zlib",
    "ZPL-2.1",
];

/// The SPDX spelling of an identifier, matched ignoring case.
pub(crate) fn spdx_id(text: &str) -> Option<&'static str> {
    SPDX_IDS.iter().copied().find(|id| id.eq_ignore_ascii_case(text.trim()))
}

/// The SPDX identifier of an spdx.org licence URL (`https://spdx.org/licenses/MIT.html`).
pub(crate) fn spdx_from_url(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://").or_else(|| url.trim().strip_prefix("http://"))?;
    let rest = rest.strip_prefix("spdx.org/licenses/")?;
    let id = rest.trim_end_matches('/').trim_end_matches(".html").trim_end_matches(".json");
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+')))
        .then(|| id.to_owned())
}

/// The SPDX scheme URI.
pub(crate) const SPDX_SCHEME_URI: &str = "https://spdx.org/licenses/";

/// The year of a date: its first four characters when they are digits (`2016-12-20` → `2016`).
pub(crate) fn year_of(date: &str) -> Option<&str> {
    let year = date.trim().get(..4)?;
    let rest = date.trim().get(4..).unwrap_or_default();
    (year.bytes().all(|b| b.is_ascii_digit()) && !rest.starts_with(|c: char| c.is_ascii_digit())).then_some(year)
}

/// Splits a page range (`12-34`, `12–34`, `12`).
pub(crate) fn split_pages(text: &str) -> (Option<String>, Option<String>) {
    let mut parts = text.splitn(2, ['-', '–', '—']);
    let first = parts.next().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let last =
        parts.next().map(|s| s.trim_start_matches(['-', '–', '—']).trim()).filter(|s| !s.is_empty()).map(str::to_owned);
    (first, last)
}

/// Splits a comma-separated keyword text at commas outside parentheses and brackets.
pub(crate) fn split_keywords(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth = depth.saturating_add(1),
            ')' | ']' | '}' => depth = (depth - 1).max(0),
            ',' if depth == 0 => {
                parts.push(text.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(text.get(start..).unwrap_or_default());
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// True when a date text has a shape DataCite accepts: W3CDTF/ISO 8601 dates and times, EDTF
/// (`2004?`, `2004-06~`, `-0050`, `1950X`), and ranges of them with `/` (`..` for an open end).
pub(crate) fn is_date(text: &str) -> bool {
    if text.contains('/') {
        return text.split('/').all(|part| part.is_empty() || part == ".." || is_date(part));
    }
    let text = text.trim_end_matches(['?', '~', '%']);
    let text = text.strip_prefix('-').unwrap_or(text);
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year_ok = parts.next().is_some_and(|y| y.len() >= 4 && y.bytes().all(|b| b.is_ascii_digit() || b == b'X'));
    let rest_ok = parts.all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit() || b == b'X'));
    let time_ok = time.is_none_or(|t| {
        !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'+' | b'-' | b'Z'))
    });
    year_ok && rest_ok && time_ok && date.split('-').count() <= 3
}

/// What an identifier text is: its type and the value to keep.
pub(crate) fn classify(text: &str) -> Option<(RelatedIdentifierType, String)> {
    let text = text.trim();
    if let Some(doi) = doi::normalise(text) {
        return Some((RelatedIdentifierType::Doi, doi));
    }
    let lower = text.to_ascii_lowercase();
    let strip = |prefix: &str| text.get(prefix.len()..).map(|rest| rest.trim().to_owned()).filter(|r| !r.is_empty());
    let class = if lower.starts_with("ark:") || lower.contains("/ark:") {
        (RelatedIdentifierType::Ark, text.to_owned())
    } else if lower.starts_with("urn:") {
        (RelatedIdentifierType::Urn, text.to_owned())
    } else if lower.starts_with("arxiv:") {
        (RelatedIdentifierType::ArXiv, text.to_owned())
    } else if lower.starts_with("isbn:") {
        (RelatedIdentifierType::Isbn, strip("isbn:")?)
    } else if lower.starts_with("issn:") {
        (RelatedIdentifierType::Issn, strip("issn:")?)
    } else if lower.starts_with("pmid:") {
        (RelatedIdentifierType::Pmid, strip("pmid:")?)
    } else if lower.starts_with("swh:") {
        (RelatedIdentifierType::Swhid, text.to_owned())
    } else if lower.starts_with("http://") || lower.starts_with("https://") {
        let host = lower.split("//").nth(1).unwrap_or_default();
        let kind = if host.starts_with("hdl.handle.net/") {
            RelatedIdentifierType::Handle
        } else if host.starts_with("purl.org/") {
            RelatedIdentifierType::Purl
        } else if host.starts_with("w3id.org/") {
            RelatedIdentifierType::W3id
        } else if host.starts_with("arxiv.org/abs/") {
            RelatedIdentifierType::ArXiv
        } else {
            RelatedIdentifierType::Url
        };
        (kind, text.to_owned())
    } else {
        return None;
    };
    Some(class)
}

/// True for an identifier that only links nodes of the document (`_:b0`, `#dataset`, `./x`).
pub(crate) fn is_local_id(id: &str) -> bool {
    let id = id.trim();
    id.starts_with("_:") || id.starts_with('#') || id.starts_with("./") || !id.contains(':')
}

impl ItemReader<'_, '_> {
    /// The work's `@id`.
    pub(super) fn node_id(&mut self, value: &Node, at: &At<'_>) {
        let Some(id) = value.as_str() else {
            let message = format!("@id must be a string, not {}; it is ignored", jsonld::show(value));
            self.warn(codes::VALUE_INVALID, message, value, at);
            return;
        };
        self.identifier_text(id, None, value, at, true);
    }

    /// `identifier`: strings, references and `PropertyValue`s.
    pub(super) fn identifiers(&mut self, value: &Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, _)) = jsonld::literal(node) {
                self.identifier_text(text, None, node, &node_at, false);
            } else if node.is_object() {
                let property_id = self.get_one(node, context, "propertyID").and_then(jsonld::literal).map(|(t, _)| t);
                let value_text = self.get_one(node, context, "value").and_then(jsonld::literal).map(|(t, _)| t);
                match value_text {
                    Some(text) => self.identifier_text(text, property_id, node, &node_at, false),
                    None => {
                        let message = format!("identifier {} has no value; it is not carried over", jsonld::show(node));
                        self.warn(codes::VALUE_INVALID, message, node, &node_at);
                        continue;
                    }
                }
                self.leftovers(node, &node_at, context, &["propertyID", "value", "url", "name"]);
            } else {
                let message =
                    format!("an identifier must be text or a PropertyValue, not {}; it is ignored", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
            }
        }
    }

    /// One identifier of the work: the DOI, or an alternate identifier.
    fn identifier_text(&mut self, text: &str, property_id: Option<&str>, node: &Node, at: &At<'_>, is_node_id: bool) {
        let pointer = at.pointer();
        let Some(text) = self.clean(text, node.start, &pointer) else { return };
        let named_doi = property_id.is_some_and(|p| p.trim().eq_ignore_ascii_case("doi"));
        if let Some(doi) = doi::normalise(&text) {
            if self.resource.doi.as_deref().is_some_and(|existing| existing.eq_ignore_ascii_case(&doi)) {
                return;
            }
            if doi != text {
                let message = format!("DOI \"{text}\" is kept without its resolver as \"{doi}\"");
                self.note(Severity::Info, codes::VALUE_NORMALISED, message, node.start, pointer.clone());
            }
            match &self.resource.doi {
                None => self.resource.doi = Some(doi),
                Some(_) => self.push_alternate(doi, Some("DOI".to_owned())),
            }
            return;
        }
        if is_node_id && is_local_id(&text) {
            return;
        }
        if named_doi {
            let message = format!(
                "identifier \"{text}\" is labelled a DOI but is not one; it is kept as an alternate identifier"
            );
            self.note(Severity::Warning, codes::VALUE_INVALID, message, node.start, pointer);
        }
        let kind = match property_id.map(str::trim).filter(|p| !p.is_empty()) {
            Some(property) => property.to_owned(),
            None => classify(&text).map(|(kind, _)| kind.as_str().to_owned()).unwrap_or_else(|| "Other".to_owned()),
        };
        self.push_alternate(text, Some(kind));
    }

    /// `isbn`, `issn`: alternate identifiers of the given type.
    pub(super) fn typed_identifiers(&mut self, value: &Node, at: &At<'_>, kind: &str) {
        for (text, _, _, _) in self.texts(value, at, kind) {
            self.push_alternate(text, Some(kind.to_owned()));
        }
    }

    fn push_alternate(&mut self, identifier: String, kind: Option<String>) {
        let alternate = AlternateIdentifier { alternate_identifier: identifier, alternate_identifier_type: kind };
        if !self.seen.has_alternate_identifier(&self.resource.alternate_identifiers, &alternate) {
            self.resource.alternate_identifiers.push(alternate);
        }
    }

    /// A date as the model keeps it: as written, `YYYY.MM.DD` rewritten with dashes (reported),
    /// other shapes kept and reported.
    pub(super) fn date_value(&mut self, text: &str, start: usize, pointer: &str) -> String {
        if is_date(text) {
            return text.to_owned();
        }
        let dotted: Vec<&str> = text.split('.').collect();
        if dotted.len() >= 2
            && dotted.len() <= 3
            && dotted.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let converted = dotted.join("-");
            if is_date(&converted) {
                let message = format!("date \"{text}\" is written as \"{converted}\" (W3CDTF)");
                self.note(Severity::Info, codes::VALUE_NORMALISED, message, start, pointer.to_owned());
                return converted;
            }
        }
        let message = format!("date \"{}\" is not a W3CDTF or EDTF date; it is kept as written", shorten(text));
        self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer.to_owned());
        text.to_owned()
    }

    /// `keywords`, `about`, `applicationCategory`: subjects.
    pub(super) fn subjects(&mut self, value: &Node, at: &At<'_>, context: &Context, split: bool) {
        // Only a single text is a comma-separated list; the items of a list are keywords as they are.
        let split = split && value.as_str().is_some();
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, language)) = jsonld::literal(node) {
                let lang = language.map(str::to_owned).or_else(|| self.language.clone());
                let pieces: Vec<String> = if split && node.as_str().is_some() {
                    split_keywords(text).into_iter().map(str::to_owned).collect()
                } else {
                    self.clean(text, node.start, &pointer).into_iter().collect()
                };
                if pieces.is_empty() && split {
                    self.clean(text, node.start, &pointer);
                }
                for piece in pieces {
                    self.push_subject(Subject { subject: piece, lang: lang.clone(), ..Subject::default() });
                }
            } else if node.is_object() {
                let node = self.resolved(node, context);
                let Some((name, language)) = self.get_one(node, context, "name").and_then(jsonld::literal) else {
                    let message = format!("a subject needs a name; {} is not carried over", jsonld::show(node));
                    self.warn(codes::VALUE_INVALID, message, node, &node_at);
                    continue;
                };
                let Some(name) = self.clean(name, node.start, &pointer) else { continue };
                let mut subject = Subject {
                    subject: name,
                    lang: language.map(str::to_owned).or_else(|| self.language.clone()),
                    ..Subject::default()
                };
                subject.value_uri = jsonld::node_id(node, context)
                    .filter(|id| !is_local_id(id))
                    .or_else(|| self.get_one(node, context, "url").and_then(jsonld::literal).map(|(t, _)| t))
                    .map(|t| t.trim().to_owned());
                subject.classification_code =
                    self.get_one(node, context, "termCode").and_then(jsonld::literal).map(|(t, _)| t.trim().to_owned());
                if let Some(set) = self.get_one(node, context, "inDefinedTermSet") {
                    let set = self.resolved(set, context);
                    match jsonld::text_literal(set) {
                        // A text is the set's URI when it looks like one, else its name.
                        Some((text, _)) if text.contains("://") => subject.scheme_uri = Some(text.trim().to_owned()),
                        Some((text, _)) => subject.subject_scheme = Some(text.trim().to_owned()),
                        None => {
                            subject.scheme_uri = jsonld::node_id(set, context)
                                .filter(|id| !is_local_id(id))
                                .or_else(|| self.get_one(set, context, "url").and_then(jsonld::literal).map(|(t, _)| t))
                                .map(|t| t.trim().to_owned());
                            subject.subject_scheme = self
                                .get_one(set, context, "name")
                                .and_then(jsonld::literal)
                                .map(|(t, _)| t.trim().to_owned());
                        }
                    }
                }
                self.leftovers(node, &node_at, context, &["name", "url", "termCode", "inDefinedTermSet"]);
                self.push_subject(subject);
            } else {
                let message =
                    format!("a subject must be text or a DefinedTerm, not {}; it is ignored", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
            }
        }
    }

    fn push_subject(&mut self, subject: Subject) {
        if !self.seen.has_subject(&self.resource.subjects, &subject) {
            self.resource.subjects.push(subject);
        }
    }

    /// `inLanguage`.
    pub(super) fn language(&mut self, value: &Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node = self.resolved(node, context);
            let text = match jsonld::literal(node) {
                Some((text, _)) => Some(text),
                None => self
                    .get_one(node, context, "alternateName")
                    .and_then(jsonld::literal)
                    .or_else(|| self.get_one(node, context, "name").and_then(jsonld::literal))
                    .map(|(t, _)| t),
            };
            let Some(text) = text.and_then(|t| self.clean(t, node.start, &pointer)) else {
                let message =
                    format!("a language must be a code or a Language with a name, not {}", jsonld::show(node));
                self.note(Severity::Warning, codes::VALUE_INVALID, message, node.start, pointer);
                continue;
            };
            match &self.resource.language {
                None => self.resource.language = Some(text),
                Some(existing) if existing.eq_ignore_ascii_case(&text) => {}
                Some(existing) => {
                    let message = format!("language \"{text}\" is a second language; the model holds one (\"{existing}\"), so it is not carried over");
                    self.note(Severity::Warning, codes::FIELD_REPEATED, message, node.start, pointer);
                }
            }
        }
    }

    /// `license`: URLs, SPDX identifiers, texts and `CreativeWork`s.
    pub(super) fn licenses(&mut self, value: &Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            if let Some((text, language)) = jsonld::literal(node) {
                let Some(text) = self.clean(text, node.start, &pointer) else { continue };
                let mut rights = license_text(&text);
                if rights.rights.is_some() {
                    rights.lang = language.map(str::to_owned).or_else(|| self.language.clone());
                }
                self.push_rights(rights);
            } else if node.is_object() {
                let node = self.resolved(node, context);
                let mut rights = Rights {
                    rights: self
                        .get_one(node, context, "name")
                        .and_then(jsonld::literal)
                        .map(|(t, _)| t.trim().to_owned()),
                    ..Rights::default()
                };
                let uri = self
                    .get_one(node, context, "url")
                    .and_then(jsonld::literal)
                    .map(|(t, _)| t)
                    .or_else(|| jsonld::node_id(node, context).filter(|id| !is_local_id(id)));
                if let Some(uri) = uri {
                    rights.rights_uri = Some(uri.trim().to_owned());
                    if let Some(id) = spdx_from_url(uri) {
                        rights.rights_identifier = Some(id);
                        rights.rights_identifier_scheme = Some("SPDX".to_owned());
                        rights.scheme_uri = Some(SPDX_SCHEME_URI.to_owned());
                    }
                }
                if let Some((identifier, _)) = self.get_one(node, context, "identifier").and_then(jsonld::literal) {
                    let identifier = identifier.trim();
                    match spdx_id(identifier) {
                        Some(id) => {
                            rights.rights_identifier = Some(id.to_owned());
                            rights.rights_identifier_scheme = Some("SPDX".to_owned());
                            rights.scheme_uri = Some(SPDX_SCHEME_URI.to_owned());
                        }
                        None => rights.rights_identifier = Some(identifier.to_owned()),
                    }
                }
                if rights == Rights::default() {
                    let message =
                        format!("licence {} names no licence (no name, url or identifier)", jsonld::show(node));
                    self.warn(codes::VALUE_INVALID, message, node, &node_at);
                    continue;
                }
                rights.lang = rights.rights.as_ref().and_then(|_| self.language.clone());
                self.leftovers(node, &node_at, context, &["name", "url", "identifier"]);
                self.push_rights(rights);
            } else {
                let message = format!("a licence must be a URL, a text or a CreativeWork, not {}", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
            }
        }
    }

    /// Codemeta 1.0 `licenseId`: SPDX identifiers.
    pub(super) fn license_ids(&mut self, value: &Node, at: &At<'_>) {
        for (text, _, start, pointer) in self.texts(value, at, "a licence identifier") {
            let rights = match spdx_id(&text) {
                Some(id) => Rights {
                    rights_identifier: Some(id.to_owned()),
                    rights_identifier_scheme: Some("SPDX".to_owned()),
                    scheme_uri: Some(SPDX_SCHEME_URI.to_owned()),
                    ..Rights::default()
                },
                None => {
                    let message = format!(
                        "licenseId \"{text}\" is not an SPDX identifier Crosswalk knows; it is kept as rights text"
                    );
                    self.note(Severity::Warning, codes::VALUE_INVALID, message, start, pointer);
                    Rights { rights: Some(text), ..Rights::default() }
                }
            };
            self.push_rights(rights);
        }
    }

    /// `copyrightNotice`, `conditionsOfAccess`: rights statements.
    pub(super) fn rights_statements(&mut self, value: &Node, at: &At<'_>) {
        for (text, language, _, _) in self.texts(value, at, "a rights statement") {
            let lang = language.or_else(|| self.language.clone());
            self.push_rights(Rights { rights: Some(text), lang, ..Rights::default() });
        }
    }

    fn push_rights(&mut self, rights: Rights) {
        if !self.resource.rights_list.contains(&rights) {
            self.resource.rights_list.push(rights);
        }
    }

    /// `programmingLanguage`: formats.
    pub(super) fn programming_languages(&mut self, value: &Node, at: &At<'_>, context: &Context) {
        for (node, pointer) in self.items(value, at, context) {
            let node_at = At::root(&pointer);
            let node = self.resolved(node, context);
            let name = match jsonld::literal(node) {
                Some((text, _)) => Some(text),
                None => self.get_one(node, context, "name").and_then(jsonld::literal).map(|(t, _)| t),
            };
            let Some(name) = name.and_then(|n| self.clean(n, node.start, &pointer)) else {
                let message =
                    format!("a programming language needs a name; {} is not carried over", jsonld::show(node));
                self.warn(codes::VALUE_INVALID, message, node, &node_at);
                continue;
            };
            if node.is_object() && !jsonld::is_value_object(node) {
                self.leftovers(node, &node_at, context, &["name"]);
            }
            if !self.resource.formats.contains(&name) {
                self.resource.formats.push(name);
            }
        }
    }
}

/// A licence given as text: an spdx.org URL, another URL, an SPDX identifier, or a statement.
pub(crate) fn license_text(text: &str) -> Rights {
    if text.starts_with("http://") || text.starts_with("https://") {
        let mut rights = Rights { rights_uri: Some(text.to_owned()), ..Rights::default() };
        if let Some(id) = spdx_from_url(text) {
            rights.rights_identifier = Some(id);
            rights.rights_identifier_scheme = Some("SPDX".to_owned());
            rights.scheme_uri = Some(SPDX_SCHEME_URI.to_owned());
        }
        return rights;
    }
    match spdx_id(text) {
        Some(id) => Rights {
            rights_identifier: Some(id.to_owned()),
            rights_identifier_scheme: Some("SPDX".to_owned()),
            scheme_uri: Some(SPDX_SCHEME_URI.to_owned()),
            ..Rights::default()
        },
        None => Rights { rights: Some(text.to_owned()), ..Rights::default() },
    }
}

/// The relation type of a vocabulary name written loosely (`isPartOf`).
pub(crate) fn lookup_vocab<V: Vocabulary>(text: &str) -> (V, crosswalk_model::Match) {
    V::lookup(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_split_outside_parentheses() {
        assert_eq!(split_keywords("a, b (c, d), [e, f], g"), ["a", "b (c, d)", "[e, f]", "g"]);
        assert_eq!(split_keywords("Nevada, Sierra (mountain range)"), ["Nevada", "Sierra (mountain range)"]);
        assert_eq!(split_keywords(" , x,,"), ["x"]);
        assert_eq!(split_keywords("unbalanced ), a, b"), ["unbalanced )", "a", "b"]);
    }

    #[test]
    fn dates_and_years() {
        for good in [
            "2016",
            "2016-12",
            "2016-12-20",
            "2009-09-07T00:00:00/2013-10-27T00:00:00",
            "2020-01-01T10:00:00Z",
            "2004?",
            "../2010",
            "-0050",
            "1950-XX",
        ] {
            assert!(is_date(good), "{good}");
        }
        for bad in ["2019.04.10", "May 2010", "16-12-2020", "2016-1-2", ""] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!(year_of("2016-12-20"), Some("2016"));
        assert_eq!(year_of("20161"), None);
        assert_eq!(year_of("abc"), None);
    }

    #[test]
    fn identifiers_are_typed_by_form() {
        assert_eq!(classify("https://doi.org/10.5438/0012"), Some((RelatedIdentifierType::Doi, "10.5438/0012".into())));
        assert_eq!(classify("ISBN:0201703726"), Some((RelatedIdentifierType::Isbn, "0201703726".into())));
        assert_eq!(classify("urn:uuid:F1A0"), Some((RelatedIdentifierType::Urn, "urn:uuid:F1A0".into())));
        assert_eq!(classify("ark:/99999/fk4"), Some((RelatedIdentifierType::Ark, "ark:/99999/fk4".into())));
        assert_eq!(classify("https://hdl.handle.net/10013/x").map(|c| c.0), Some(RelatedIdentifierType::Handle));
        assert_eq!(classify("http://doi.org/0000/0000").map(|c| c.0), Some(RelatedIdentifierType::Url));
        assert_eq!(classify("numpy>=1.2"), None);
        assert!(is_local_id("_:b0") && is_local_id("#ds") && is_local_id("record-1"));
        assert!(!is_local_id("https://example.org/x"));
    }

    #[test]
    fn licences_from_text() {
        assert_eq!(license_text("MIT").rights_identifier.as_deref(), Some("MIT"));
        assert_eq!(license_text("apache-2.0").rights_identifier.as_deref(), Some("Apache-2.0"));
        let url = license_text("https://spdx.org/licenses/CC-BY-4.0.html");
        assert_eq!(url.rights_identifier.as_deref(), Some("CC-BY-4.0"));
        assert_eq!(url.rights_uri.as_deref(), Some("https://spdx.org/licenses/CC-BY-4.0.html"));
        assert_eq!(license_text("Restricted access").rights.as_deref(), Some("Restricted access"));
        assert_eq!(license_text("https://creativecommons.org/licenses/by/4.0/").rights_identifier, None);
    }

    #[test]
    fn pages() {
        assert_eq!(split_pages("12-34"), (Some("12".into()), Some("34".into())));
        assert_eq!(split_pages("150023"), (Some("150023".into()), None));
        assert_eq!(split_pages("e12–e20"), (Some("e12".into()), Some("e20".into())));
    }
}

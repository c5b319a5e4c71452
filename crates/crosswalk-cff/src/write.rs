//! Writing a record as a CITATION.cff (CFF 1.2.0).
//!
//! The YAML is written by hand, key by key in a fixed order, so that the output is deterministic
//! and every value is a string to every YAML reader: text that a YAML 1.1 reader (PyYAML, which
//! `cffconvert` uses) would take for a number, a date, a boolean or null is double-quoted, as is
//! anything with characters YAML gives a meaning to. Every value the model holds that CFF has no
//! place for is a `write.unrepresentable` warning at its JSON pointer.

use std::collections::HashSet;

use crosswalk_model::{
    codes, Affiliation, ContributorType, DateType, DescriptionType, Diagnostic, Location, NameIdentifier, NameType,
    RelatedIdentifierType, RelatedItem, RelationType, Resource, ResourceTypeGeneral, TitleType, Written,
};
use crosswalk_rules::licences::spdx_of_url;

use crate::read::{is_date, is_ror, COMMIT_PREFIX, REPOSITORY_INFORMATION};
use crate::{types, CFF_VERSION, WRITTEN_APPROXIMATELY};

/// The message written for software (the schema's default).
pub const SOFTWARE_MESSAGE: &str = "If you use this software, please cite it using the metadata from this file.";
/// The message written for a dataset.
pub const DATASET_MESSAGE: &str = "If you use this dataset, please cite it using the metadata from this file.";

/// Writes a record as a CITATION.cff, reporting what CFF cannot hold.
///
/// ```
/// use crosswalk_model::{Creator, NameType, Publisher, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource::default();
/// r.titles.push(Title::new("Analysis scripts"));
/// r.creators.push(Creator {
///     name: "Lovelace, Ada".into(),
///     name_type: Some(NameType::Personal),
///     given_name: Some("Ada".into()),
///     family_name: Some("Lovelace".into()),
///     ..Creator::default()
/// });
/// r.types = Types::new(ResourceTypeGeneral::Software, None);
/// r.publisher = Some(Publisher::named("Zenodo"));
/// let written = crosswalk_cff::write(&r);
/// assert!(written.text.contains("authors:\n  - family-names: Lovelace\n    given-names: Ada\n"));
/// // CFF has no publisher: reported at its JSON pointer.
/// let lost = &written.diagnostics[0];
/// assert_eq!(lost.code, "write.unrepresentable");
/// assert_eq!(lost.location.path.as_deref(), Some("/publisher"));
/// ```
pub fn write(resource: &Resource) -> Written {
    let mut w = Writer { out: String::new(), diagnostics: Vec::new() };
    w.document(resource);
    Written { text: w.out, diagnostics: w.diagnostics }
}

struct Writer {
    out: String,
    diagnostics: Vec<Diagnostic>,
}

/// A person or entity to write.
struct Agent<'a> {
    name: &'a str,
    name_type: Option<&'a NameType>,
    given: Option<&'a str>,
    family: Option<&'a str>,
    identifiers: &'a [NameIdentifier],
    affiliations: &'a [Affiliation],
    lang: Option<&'a str>,
}

impl Writer {
    fn lose(&mut self, what: &str, path: impl Into<String>) {
        let message = format!("CFF has no place for {what}; not written");
        self.diagnostics.push(Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, message).at(Location::path(path)));
    }

    fn approximately(&mut self, message: String, path: impl Into<String>) {
        self.diagnostics.push(Diagnostic::info(WRITTEN_APPROXIMATELY, message).at(Location::path(path)));
    }

    /// `key: value` at `indent`, the first key of a list item when `item`.
    fn pair(&mut self, indent: usize, item: bool, key: &str, value: &str) {
        self.key(indent, item, key);
        self.out.push(' ');
        self.out.push_str(&scalar(value));
        self.out.push('\n');
    }

    /// `key:` at `indent` (a list item's first key after `- `).
    fn key(&mut self, indent: usize, item: bool, key: &str) {
        if item {
            self.out.push_str(&" ".repeat(indent.saturating_sub(2)));
            self.out.push_str("- ");
        } else {
            self.out.push_str(&" ".repeat(indent));
        }
        self.out.push_str(key);
        self.out.push(':');
    }

    fn list_of_text(&mut self, indent: usize, key: &str, values: &[&str]) {
        self.key(indent, false, key);
        self.out.push('\n');
        for value in values {
            self.out.push_str(&" ".repeat(indent + 2));
            self.out.push_str("- ");
            self.out.push_str(&scalar(value));
            self.out.push('\n');
        }
    }

    fn document(&mut self, r: &Resource) {
        // Plain: `1.2.0` is text to every YAML reader (no number has two dots).
        self.out.push_str(&format!("cff-version: {CFF_VERSION}\n"));
        let general = r.types.resource_type_general.as_ref();
        let kind = match general {
            Some(ResourceTypeGeneral::Software) => Some("software"),
            Some(ResourceTypeGeneral::Dataset) => Some("dataset"),
            _ => None,
        };
        let message = if kind == Some("dataset") { DATASET_MESSAGE } else { SOFTWARE_MESSAGE };
        self.pair(0, false, "message", message);
        match (kind, general) {
            (Some(kind), _) => self.pair(0, false, "type", kind),
            (None, Some(general)) => {
                let what = format!(
                    "a resource of type {} (CFF describes software and datasets: the file is written without type, which CFF reads as software)",
                    general.as_str()
                );
                self.lose(&what, "/types/resourceTypeGeneral");
            }
            (None, None) => {}
        }
        self.title(r);
        self.creators(r);
        self.abstract_and_commit(r);
        self.contacts(r);
        if let Some(version) = &r.version {
            self.pair(0, false, "version", version);
        }
        self.dates(r);
        if let Some(doi) = &r.doi {
            if rules::doi(doi) {
                self.pair(0, false, "doi", doi);
            } else {
                self.lose("a DOI of a form CFF's schema does not take (10., 4 to 9 digits, /, a suffix)", "/doi");
            }
        }
        self.identifiers(r);
        self.rights(r);
        if let Some(url) = &r.url {
            if rules::url(url) {
                self.pair(0, false, "url", url);
            } else {
                self.lose("a landing page that is no http, https, ftp or sftp URL", "/url");
            }
        }
        self.related_identifiers(r);
        self.keywords(r);
        self.related_items(r);
        self.rest(r);
    }

    fn title(&mut self, r: &Resource) {
        let main =
            r.titles.iter().position(|t| t.title_type.is_none()).or(if r.titles.is_empty() { None } else { Some(0) });
        match main.and_then(|i| r.titles.get(i).map(|t| (i, t))) {
            Some((i, title)) => {
                self.pair(0, false, "title", &title.title);
                if title.title_type.is_some() {
                    self.approximately(
                        "the record has no main title: its first title is the title".into(),
                        format!("/titles/{i}"),
                    );
                }
                if title.lang.is_some() {
                    self.lose("the language of a title", format!("/titles/{i}/lang"));
                }
                for (j, other) in r.titles.iter().enumerate().filter(|(j, _)| *j != i) {
                    let what = match &other.title_type {
                        Some(TitleType::Subtitle) => "a subtitle",
                        Some(TitleType::TranslatedTitle) => "a translated title",
                        _ => "a further title",
                    };
                    self.lose(what, format!("/titles/{j}"));
                }
            }
            None => self.required("title", "/titles"),
        }
    }

    fn required(&mut self, key: &str, path: &str) {
        let message = format!("CFF requires {key}, which the record lacks: the file written is not valid CFF");
        self.diagnostics.push(Diagnostic::error(codes::REQUIRED_MISSING, message).at(Location::path(path)));
    }

    fn creators(&mut self, r: &Resource) {
        if r.creators.is_empty() {
            self.required("authors", "/creators");
            return;
        }
        self.key(0, false, "authors");
        self.out.push('\n');
        let mut seen = HashSet::new();
        for (i, c) in r.creators.iter().enumerate() {
            let start = self.out.len();
            let agent = Agent {
                name: &c.name,
                name_type: c.name_type.as_ref(),
                given: c.given_name.as_deref(),
                family: c.family_name.as_deref(),
                identifiers: &c.name_identifiers,
                affiliations: &c.affiliation,
                lang: c.lang.as_deref(),
            };
            self.agent(4, &agent, &format!("/creators/{i}"), true);
            self.unique_item(start, &mut seen, "an author written as an earlier one is", format!("/creators/{i}"));
        }
    }

    /// Keeps the list item written since `start` when it is not one written before (CFF's lists
    /// hold each item once: `uniqueItems`); else takes it back and reports it.
    fn unique_item(&mut self, start: usize, seen: &mut HashSet<String>, what: &str, path: String) {
        let item = self.out.get(start..).unwrap_or_default().to_owned();
        if !seen.insert(item) {
            self.out.truncate(start);
            self.lose(&format!("{what} (CFF lists each item once)"), path);
        }
    }

    fn contacts(&mut self, r: &Resource) {
        let contacts: Vec<(usize, &crosswalk_model::Contributor)> = r
            .contributors
            .iter()
            .enumerate()
            .filter(|(_, c)| c.contributor_type == Some(ContributorType::ContactPerson))
            .collect();
        if !contacts.is_empty() {
            self.key(0, false, "contact");
            self.out.push('\n');
            let mut seen = HashSet::new();
            for (i, c) in contacts {
                let start = self.out.len();
                let agent = Agent {
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    given: c.given_name.as_deref(),
                    family: c.family_name.as_deref(),
                    identifiers: &c.name_identifiers,
                    affiliations: &c.affiliation,
                    lang: c.lang.as_deref(),
                };
                self.agent(4, &agent, &format!("/contributors/{i}"), true);
                self.unique_item(
                    start,
                    &mut seen,
                    "a contact written as an earlier one is",
                    format!("/contributors/{i}"),
                );
            }
        }
        for (i, c) in r.contributors.iter().enumerate() {
            if c.contributor_type != Some(ContributorType::ContactPerson) {
                let kind = c.contributor_type.as_ref().map_or("of no type", |t| t.as_str());
                self.lose(&format!("a contributor {kind} (only contacts)"), format!("/contributors/{i}"));
            }
        }
    }

    /// A person or an entity, as a list item (`item`) or as a mapping value.
    fn agent(&mut self, indent: usize, a: &Agent<'_>, path: &str, item: bool) {
        let organisational = a.name_type == Some(&NameType::Organizational);
        let has_parts = a.given.is_some() || a.family.is_some();
        let person = !organisational && (has_parts || a.name_type == Some(&NameType::Personal));
        let mut first = item;
        let mut put = |w: &mut Writer, key: &str, value: &str| {
            w.pair(indent, first, key, value);
            first = false;
        };
        if person {
            let (family, given, suffix) = match (a.family, a.given) {
                (None, None) => match crosswalk_rules::names::split_personal_name(a.name) {
                    Some(split) => {
                        self.approximately(
                            format!(
                                "the person's name {:?} is written as its parts (family-names, given-names)",
                                a.name
                            ),
                            format!("{path}/name"),
                        );
                        (Some(split.family), Some(split.given), split.suffix)
                    }
                    None => (None, None, None),
                },
                (family, given) => {
                    let family = family.map(str::to_owned);
                    let given = given.map(str::to_owned);
                    // A suffix kept in the name after the given names (`Family, Given, Jr.`).
                    let suffix = match (&family, &given) {
                        (Some(f), Some(g)) => a
                            .name
                            .strip_prefix(&format!("{f}, {g}, "))
                            .filter(|s| !s.is_empty() && !s.contains(','))
                            .map(str::to_owned),
                        _ => None,
                    };
                    (family, given, suffix)
                }
            };
            match (&family, &given) {
                (None, None) => {
                    self.approximately(
                        format!("the person {:?} has no name parts: written as an alias", a.name),
                        format!("{path}/name"),
                    );
                    put(self, "alias", a.name);
                }
                _ => {
                    if let Some(family) = &family {
                        put(self, "family-names", family);
                    }
                    if let Some(given) = &given {
                        put(self, "given-names", given);
                    }
                    if let Some(suffix) = &suffix {
                        put(self, "name-suffix", suffix);
                    }
                }
            }
        } else {
            if a.name_type.is_none() {
                self.approximately(
                    format!("{:?} has no nameType and no name parts: written as an entity", a.name),
                    format!("{path}/name"),
                );
            }
            put(self, "name", a.name);
        }
        let mut orcid_written = false;
        let mut website_written = false;
        for (j, id) in a.identifiers.iter().enumerate() {
            let scheme = id.name_identifier_scheme.as_deref().unwrap_or_default();
            let value = id.name_identifier.as_str();
            if scheme.eq_ignore_ascii_case("ORCID")
                && !orcid_written
                && rules::orcid(&as_url(value, "https://orcid.org/"))
            {
                put(self, "orcid", &as_url(value, "https://orcid.org/"));
                orcid_written = true;
            } else if scheme.eq_ignore_ascii_case("ROR") && !person && !website_written {
                let url = as_url(value, "https://ror.org/");
                if is_ror(&url) {
                    put(self, "website", &url);
                    website_written = true;
                } else {
                    self.lose("a ROR identifier that is not a ror.org id", format!("{path}/nameIdentifiers/{j}"));
                }
            } else {
                let what =
                    format!("a name identifier of scheme {}", if scheme.is_empty() { "unknown" } else { scheme });
                self.lose(&what, format!("{path}/nameIdentifiers/{j}"));
            }
        }
        for (j, affiliation) in a.affiliations.iter().enumerate() {
            if person && j == 0 {
                put(self, "affiliation", &affiliation.name);
                if affiliation.affiliation_identifier.is_some() {
                    self.lose("an affiliation's identifier", format!("{path}/affiliation/{j}/affiliationIdentifier"));
                }
            } else {
                let what =
                    if person { "a further affiliation (a person has one)" } else { "an organisation's affiliation" };
                self.lose(what, format!("{path}/affiliation/{j}"));
            }
        }
        if a.lang.is_some() {
            self.lose("the language of a name", format!("{path}/lang"));
        }
    }

    fn abstract_and_commit(&mut self, r: &Resource) {
        let is_commit = |d: &crosswalk_model::Description| {
            d.description_type == Some(DescriptionType::TechnicalInfo)
                && d.description
                    .strip_prefix(COMMIT_PREFIX)
                    .is_some_and(|c| !c.is_empty() && !c.contains(char::is_whitespace))
        };
        let abstract_at = r
            .descriptions
            .iter()
            .position(|d| d.description_type == Some(DescriptionType::Abstract))
            .or_else(|| r.descriptions.iter().position(|d| d.description_type.is_none()));
        let commit_at = r.descriptions.iter().position(is_commit);
        if let Some(d) = abstract_at.and_then(|i| r.descriptions.get(i)) {
            let text = crosswalk_model::chars::line_breaks_as(&d.description, "\n");
            self.pair(0, false, "abstract", &text);
        }
        if let Some(d) = commit_at.and_then(|i| r.descriptions.get(i)) {
            self.pair(0, false, "commit", d.description.strip_prefix(COMMIT_PREFIX).unwrap_or_default());
        }
        for (i, d) in r.descriptions.iter().enumerate() {
            if Some(i) == abstract_at || Some(i) == commit_at {
                if d.lang.is_some() {
                    self.lose("the language of a description", format!("/descriptions/{i}/lang"));
                }
                continue;
            }
            let kind = d.description_type.as_ref().map_or("of no type", |t| t.as_str());
            self.lose(&format!("a further description ({kind})"), format!("/descriptions/{i}"));
        }
    }

    fn dates(&mut self, r: &Resource) {
        let released = r.dates.iter().position(|d| d.date_type == Some(DateType::Issued) && is_date(&d.date));
        if let Some(d) = released.and_then(|i| r.dates.get(i)) {
            self.pair(0, false, "date-released", &d.date);
        }
        for (i, d) in r.dates.iter().enumerate() {
            if Some(i) != released {
                let kind = d.date_type.as_ref().map_or("of no type", |t| t.as_str());
                let what = if d.date_type == Some(DateType::Issued) {
                    "an Issued date that is not a full date (YYYY-MM-DD)".to_owned()
                } else {
                    format!("a date {kind} (only the release date)")
                };
                self.lose(&what, format!("/dates/{i}"));
            } else if d.date_information.is_some() {
                self.lose("a date's information", format!("/dates/{i}/dateInformation"));
            }
        }
        let year_written = released.and_then(|i| r.dates.get(i)).and_then(|d| d.date.get(..4));
        if let Some(year) = &r.publication_year {
            if year_written != Some(year.as_str()) {
                self.lose("a publication year without a full release date", "/publicationYear");
            }
        }
    }

    fn identifiers(&mut self, r: &Resource) {
        if r.alternate_identifiers.is_empty() {
            return;
        }
        self.key(0, false, "identifiers");
        self.out.push('\n');
        let mut seen = HashSet::new();
        for (i, id) in r.alternate_identifiers.iter().enumerate() {
            let start = self.out.len();
            let kind = id.alternate_identifier_type.as_deref().unwrap_or_default();
            let value = id.alternate_identifier.as_str();
            let cff = match kind.to_ascii_lowercase().as_str() {
                "doi" if rules::doi(value) => "doi",
                "url" if rules::url(value) => "url",
                "swhid" | "swh" if rules::swhid(value) => "swh",
                "other" => "other",
                _ => {
                    self.approximately(
                        format!(
                            "the alternate identifier of type {kind:?} is written as of type other, without its type"
                        ),
                        format!("/alternateIdentifiers/{i}"),
                    );
                    "other"
                }
            };
            self.pair(4, true, "type", cff);
            self.pair(4, false, "value", value);
            let path = format!("/alternateIdentifiers/{i}");
            self.unique_item(start, &mut seen, "an identifier written as an earlier one is", path);
        }
    }

    fn rights(&mut self, r: &Resource) {
        let mut ids: Vec<String> = Vec::new();
        let mut url: Option<&str> = None;
        // The page of a licence named by its identifier, when no other licence URL is written.
        let mut own_page: Option<&str> = None;
        for (i, rights) in r.rights_list.iter().enumerate() {
            let path = format!("/rightsList/{i}");
            let spdx = rights
                .rights_identifier
                .as_deref()
                .filter(|_| rights.rights_identifier_scheme.as_deref().is_none_or(|s| s.eq_ignore_ascii_case("SPDX")))
                .map(str::to_owned)
                .or_else(|| rights.rights_uri.as_deref().and_then(spdx_of_url));
            match spdx {
                Some(id) if !rules::spdx_form(&id) => {
                    self.lose("a licence identifier that is not of an SPDX identifier's form", path.clone())
                }
                Some(id) => {
                    // A URL that is not the identifier's own page is lost beside it.
                    if let Some(uri) = &rights.rights_uri {
                        if spdx_of_url(uri).as_deref() != Some(id.as_str()) {
                            self.lose("a licence URL beside its SPDX identifier", format!("{path}/rightsUri"));
                        } else if own_page.is_none() && rules::url(uri) {
                            own_page = Some(uri);
                        }
                    }
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                None => match (&rights.rights_uri, url) {
                    (Some(uri), _) if !rules::url(uri) => {
                        self.lose("a licence URL that is no http(s) URL", path.clone())
                    }
                    (Some(uri), None) => url = Some(uri),
                    (Some(_), Some(_)) => self.lose("a further licence URL (CFF has one license-url)", path.clone()),
                    (None, _) => self.lose("rights given only as text", path.clone()),
                },
            }
            if rights.rights.is_some() && (rights.rights_identifier.is_some() || rights.rights_uri.is_some()) {
                self.lose("the rights statement beside a licence identifier or URL", format!("{path}/rights"));
            }
            if rights.lang.is_some() {
                self.lose("the language of a rights statement", format!("{path}/lang"));
            }
        }
        match ids.as_slice() {
            [] => {}
            [one] => self.pair(0, false, "license", one),
            several => {
                let several: Vec<&str> = several.iter().map(String::as_str).collect();
                self.list_of_text(0, "license", &several);
            }
        }
        if let (Some(_), Some(_)) = (url, own_page) {
            self.lose("a licence's spdx.org or Creative Commons URL beside another licence URL", "/rightsList");
        }
        if let Some(url) = url.or(own_page) {
            self.pair(0, false, "license-url", url);
        }
    }

    fn related_identifiers(&mut self, r: &Resource) {
        // repository-code, repository-artifact, repository: each written once.
        let (mut code, mut artifact, mut repository) = (false, false, false);
        let in_items = |value: &str| {
            r.related_items.iter().any(|item| {
                item.related_item_identifier
                    .as_ref()
                    .is_some_and(|id| id.related_item_identifier.eq_ignore_ascii_case(value))
            })
        };
        for (i, related) in r.related_identifiers.iter().enumerate() {
            let url = related.related_identifier_type == Some(RelatedIdentifierType::Url)
                && rules::url(&related.related_identifier);
            let slot = match (&related.relation_type, related.relation_type_information.as_deref()) {
                (Some(RelationType::IsVersionOf), _) if url => Some((&mut code, "repository-code")),
                (Some(RelationType::IsVariantFormOf), _) if url => Some((&mut artifact, "repository-artifact")),
                (Some(RelationType::Other), Some(REPOSITORY_INFORMATION)) if url => {
                    Some((&mut repository, "repository"))
                }
                _ => None,
            };
            match slot {
                Some((done, key)) if !*done => {
                    *done = true;
                    self.pair(0, false, key, &related.related_identifier);
                }
                _ if in_items(&related.related_identifier) => {}
                _ => {
                    let relation = related.relation_type.as_ref().map_or("of no type", |t| t.as_str());
                    self.lose(&format!("a related identifier ({relation})"), format!("/relatedIdentifiers/{i}"));
                }
            }
        }
    }

    fn keywords(&mut self, r: &Resource) {
        let mut keywords: Vec<&str> = Vec::new();
        for (i, subject) in r.subjects.iter().enumerate() {
            if !keywords.contains(&subject.subject.as_str()) {
                keywords.push(&subject.subject);
            }
            if subject.subject_scheme.is_some() || subject.classification_code.is_some() || subject.value_uri.is_some()
            {
                self.lose("a subject's scheme, URI or classification code", format!("/subjects/{i}"));
            }
            if subject.lang.is_some() {
                self.lose("the language of a subject", format!("/subjects/{i}/lang"));
            }
        }
        if !keywords.is_empty() {
            self.list_of_text(0, "keywords", &keywords);
        }
    }

    fn related_items(&mut self, r: &Resource) {
        let mut preferred = false;
        let mut references = Vec::new();
        for (i, item) in r.related_items.iter().enumerate() {
            let path = format!("/relatedItems/{i}");
            let writable = !item.creators.is_empty() && !item.titles.is_empty();
            match &item.relation_type {
                Some(RelationType::IsDescribedBy) if !preferred && writable => {
                    preferred = true;
                    self.key(0, false, "preferred-citation");
                    self.out.push('\n');
                    self.reference(2, false, item, &path);
                }
                Some(RelationType::References | RelationType::Cites) if writable => references.push((item, path)),
                Some(RelationType::IsDescribedBy | RelationType::References | RelationType::Cites) => {
                    self.lose("a related item without creators or title (a CFF reference needs both)", path)
                }
                relation => {
                    let relation = relation.as_ref().map_or("of no type", |t| t.as_str());
                    self.lose(&format!("a related item {relation} (only the preferred citation and references)"), path);
                }
            }
        }
        if !references.is_empty() {
            self.key(0, false, "references");
            self.out.push('\n');
            let mut seen = HashSet::new();
            for (item, path) in references {
                let start = self.out.len();
                self.reference(4, true, item, &path);
                self.unique_item(start, &mut seen, "a reference written as an earlier one is", path);
            }
        }
    }

    fn reference(&mut self, indent: usize, item: bool, r: &RelatedItem, path: &str) {
        let general = r.related_item_type.clone().unwrap_or(ResourceTypeGeneral::Other);
        let kind = match types::cff_of(&general) {
            Some(kind) => kind,
            None => {
                self.approximately(
                    format!("a related item of type {} is written as a generic reference", general.as_str()),
                    format!("{path}/relatedItemType"),
                );
                "generic"
            }
        };
        self.pair(indent, item, "type", kind);
        self.key(indent, false, "authors");
        self.out.push('\n');
        let mut seen = HashSet::new();
        for (j, c) in r.creators.iter().enumerate() {
            let start = self.out.len();
            let agent = Agent {
                name: &c.name,
                name_type: c.name_type.as_ref(),
                given: c.given_name.as_deref(),
                family: c.family_name.as_deref(),
                identifiers: &[],
                affiliations: &[],
                lang: c.lang.as_deref(),
            };
            self.agent(indent + 4, &agent, &format!("{path}/creators/{j}"), true);
            let at = format!("{path}/creators/{j}");
            self.unique_item(start, &mut seen, "a related item's creator written as an earlier one is", at);
        }
        if let Some(title) = r.titles.first() {
            self.pair(indent, false, "title", &title.title);
        }
        for j in 1..r.titles.len() {
            self.lose("a related item's further title", format!("{path}/titles/{j}"));
        }
        for (role, key) in [(ContributorType::Editor, "editors"), (ContributorType::Translator, "translators")] {
            let people: Vec<(usize, &crosswalk_model::RelatedItemContributor)> =
                r.contributors.iter().enumerate().filter(|(_, c)| c.contributor_type.as_ref() == Some(&role)).collect();
            if people.is_empty() {
                continue;
            }
            self.key(indent, false, key);
            self.out.push('\n');
            let mut seen = HashSet::new();
            for (j, c) in people {
                let start = self.out.len();
                let agent = Agent {
                    name: &c.name,
                    name_type: c.name_type.as_ref(),
                    given: c.given_name.as_deref(),
                    family: c.family_name.as_deref(),
                    identifiers: &[],
                    affiliations: &[],
                    lang: c.lang.as_deref(),
                };
                self.agent(indent + 4, &agent, &format!("{path}/contributors/{j}"), true);
                let at = format!("{path}/contributors/{j}");
                self.unique_item(start, &mut seen, "a related item's contributor written as an earlier one is", at);
            }
        }
        for (j, c) in r.contributors.iter().enumerate() {
            if !matches!(c.contributor_type, Some(ContributorType::Editor | ContributorType::Translator)) {
                self.lose(
                    "a related item's contributor other than editors and translators",
                    format!("{path}/contributors/{j}"),
                );
            }
        }
        if let Some(year) = &r.publication_year {
            self.pair(indent, false, "year", year);
        }
        if let Some(id) = &r.related_item_identifier {
            let value = id.related_item_identifier.as_str();
            let key = match id.related_item_identifier_type {
                Some(RelatedIdentifierType::Doi) => Some("doi"),
                Some(RelatedIdentifierType::Url) => Some("url"),
                Some(RelatedIdentifierType::Isbn) => Some("isbn"),
                Some(RelatedIdentifierType::Issn | RelatedIdentifierType::Eissn | RelatedIdentifierType::Lissn) => {
                    Some("issn")
                }
                _ => None,
            };
            let fits = match key {
                Some("doi") => rules::doi(value),
                Some("url") => rules::url(value),
                Some("isbn") => rules::isbn(value),
                Some("issn") => rules::issn(value),
                _ => false,
            };
            match key.filter(|_| fits) {
                Some(key) => self.pair(indent, false, key, value),
                None => self.lose("a related item's identifier of this type", format!("{path}/relatedItemIdentifier")),
            }
        }
        for (key, value) in [
            ("volume", &r.volume),
            ("issue", &r.issue),
            ("start", &r.first_page),
            ("end", &r.last_page),
            ("number", &r.number),
            ("edition", &r.edition),
        ] {
            if let Some(value) = value {
                self.pair(indent, false, key, value);
            }
        }
        if let Some(publisher) = &r.publisher {
            self.key(indent, false, "publisher");
            self.out.push('\n');
            self.pair(indent + 2, false, "name", publisher);
        }
        if r.number_type.is_some() {
            self.lose("a related item's number type", format!("{path}/numberType"));
        }
        if r.relation_type_information.is_some() {
            self.lose("a relation's information", format!("{path}/relationTypeInformation"));
        }
    }

    /// What the model holds and CFF has no key for at all.
    fn rest(&mut self, r: &Resource) {
        if r.publisher.is_some() {
            self.lose("the publisher", "/publisher");
        }
        if r.language.is_some() {
            self.lose("the language", "/language");
        }
        for i in 0..r.sizes.len() {
            self.lose("sizes", format!("/sizes/{i}"));
        }
        for i in 0..r.formats.len() {
            self.lose("formats", format!("/formats/{i}"));
        }
        for i in 0..r.geo_locations.len() {
            self.lose("geolocations", format!("/geoLocations/{i}"));
        }
        for i in 0..r.funding_references.len() {
            self.lose("funding references", format!("/fundingReferences/{i}"));
        }
        for i in 0..r.content_url.len() {
            self.lose("content URLs", format!("/contentUrl/{i}"));
        }
        if r.types.resource_type.is_some() {
            self.lose("the resourceType text", "/types/resourceType");
        }
    }
}

/// A name identifier as a URL (`0000-0002-1825-0097` → `https://orcid.org/0000-0002-1825-0097`).
fn as_url(value: &str, base: &str) -> String {
    if value.starts_with("http://") || value.starts_with("https://") {
        value.to_owned()
    } else {
        format!("{base}{value}")
    }
}

/// The forms CFF 1.2.0's schema gives values (its patterns), so that nothing is written that the
/// schema refuses: a value of another form is reported instead.
mod rules {
    fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    /// `^10\.\d{4,9}(\.\d+)?/[A-Za-z0-9:/_;\-\.\(\)\[\]\\]+$`
    pub fn doi(s: &str) -> bool {
        let Some((registrant, suffix)) = s.strip_prefix("10.").and_then(|rest| rest.split_once('/')) else {
            return false;
        };
        let (first, rest) = registrant.split_once('.').map_or((registrant, None), |(a, b)| (a, Some(b)));
        (4..=9).contains(&first.len())
            && digits(first)
            && rest.is_none_or(digits)
            && !suffix.is_empty()
            && suffix.chars().all(|c| c.is_ascii_alphanumeric() || ":/_;-.()[]\\".contains(c))
    }

    /// `^(https|http|ftp|sftp)://.+` (and no white space or control, which a URI cannot hold).
    pub fn url(s: &str) -> bool {
        ["https://", "http://", "ftp://", "sftp://"]
            .iter()
            .any(|scheme| s.strip_prefix(scheme).is_some_and(|r| !r.is_empty()))
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
    }

    /// `https://orcid.org/` and 16 digits in groups of four, the last perhaps `X`.
    pub fn orcid(s: &str) -> bool {
        let Some(id) = s.strip_prefix("https://orcid.org/") else { return false };
        let b = id.as_bytes();
        b.len() == 19
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 9 | 14 => *c == b'-',
                18 => c.is_ascii_digit() || *c == b'X',
                _ => c.is_ascii_digit(),
            })
    }

    /// `^swh:1:(snp|rel|rev|dir|cnt):[0-9a-fA-F]{40}$`
    pub fn swhid(s: &str) -> bool {
        let Some((kind, hash)) = s.strip_prefix("swh:1:").and_then(|rest| rest.split_once(':')) else { return false };
        ["snp", "rel", "rev", "dir", "cnt"].contains(&kind)
            && hash.len() == 40
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    }

    /// `^[0-9\- ]{10,17}X?$`
    pub fn isbn(s: &str) -> bool {
        let body = s.strip_suffix('X').unwrap_or(s);
        (10..=17).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
    }

    /// `^\d{4}-\d{3}[\dxX]$`
    pub fn issn(s: &str) -> bool {
        let b = s.as_bytes();
        b.len() == 9
            && b.get(4) == Some(&b'-')
            && s.get(..4).is_some_and(digits)
            && s.get(5..8).is_some_and(digits)
            && b.get(8).is_some_and(|c| c.is_ascii_digit() || *c == b'x' || *c == b'X')
    }

    /// The form of an SPDX licence identifier (the schema lists them; Crosswalk checks the form,
    /// and `crosswalk validate --strict` the list).
    pub fn spdx_form(s: &str) -> bool {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+'))
    }
}

/// Words a YAML 1.1 reader takes for booleans or null.
const YAML_WORDS: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on",
    "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
];

/// A scalar as YAML: plain when every YAML reader reads it as this text, else double-quoted.
pub(crate) fn scalar(text: &str) -> String {
    let plain = text.starts_with(|c: char| c.is_ascii_alphabetic())
        && !YAML_WORDS.contains(&text)
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '-'
                        | '_'
                        | '.'
                        | ','
                        | '/'
                        | ':'
                        | '('
                        | ')'
                        | '\''
                        | '+'
                        | '@'
                        | '&'
                        | '='
                        | '?'
                        | '~'
                        | ';'
                )
        });
    if plain {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_quote_what_yaml_would_take_for_something_else() {
        assert_eq!(scalar("Lovelace"), "Lovelace");
        assert_eq!(scalar("https://github.com/x/y"), "https://github.com/x/y");
        assert_eq!(scalar("1.0"), "\"1.0\"");
        assert_eq!(scalar("2021-07-18"), "\"2021-07-18\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(scalar("Müller"), "Müller");
    }
}

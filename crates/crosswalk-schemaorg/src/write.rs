//! Writing the model as Schema.org JSON-LD (as a landing page embeds it) or as Codemeta 3.0.
//!
//! Both writers build the same tree of Schema.org properties; the Codemeta writer then names the
//! properties and types its context does not define with the `schema:` prefix the context
//! declares, so nothing depends on a term Codemeta lacks. Every value the format cannot hold is a
//! `write.unrepresentable` diagnostic with the JSON pointer of the value in the model's REST form.

use crosswalk_model::chars::{line_breaks_as, line_breaks_note};
use crosswalk_model::types::derive_from_general;
use crosswalk_model::{
    codes, Affiliation, ContributorType, DateType, DescriptionType, Diagnostic, FundingReference, GeoLocation,
    Location, NameIdentifier, NameType, Point, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelationType,
    Resource, ResourceTypeGeneral, Rights, Subject, TitleType, Written,
};

use crate::json::{ObjBuilder, Out};
use crate::props::TECHNICAL_LABELS;
use crate::read::values_for_writer::{funder_identifier_type_of, spdx_id_of};
use crate::types::{self, written_type};
use crate::SCHEMAORG_RELATION_APPROXIMATED;

/// Which format is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    SchemaOrg,
    Codemeta,
}

/// The Schema.org context a landing page declares.
pub(crate) const SCHEMA_ORG_CONTEXT: &str = "https://schema.org";
/// The Codemeta 3.0 context.
pub(crate) const CODEMETA_CONTEXT: &str = "https://w3id.org/codemeta/3.0";

/// Every Schema.org property the writers may emit (the validation tests check output against it).
pub const SCHEMA_ORG_PROPERTIES_WRITTEN: &[&str] = &[
    "identifier",
    "url",
    "name",
    "alternateName",
    "additionalType",
    "author",
    "contributor",
    "editor",
    "translator",
    "producer",
    "sponsor",
    "copyrightHolder",
    "maintainer",
    "provider",
    "publisher",
    "datePublished",
    "dateCreated",
    "dateModified",
    "copyrightYear",
    "temporalCoverage",
    "description",
    "disambiguatingDescription",
    "measurementTechnique",
    "keywords",
    "inLanguage",
    "license",
    "version",
    "contentSize",
    "encodingFormat",
    "fileFormat",
    "contentUrl",
    "distribution",
    "encoding",
    "downloadUrl",
    "spatialCoverage",
    "funder",
    "funding",
    "sameAs",
    "isPartOf",
    "hasPart",
    "citation",
    "isBasedOn",
    "workTranslation",
    "translationOfWork",
    "workExample",
    "exampleOfWork",
    "subjectOf",
    "review",
    "itemReviewed",
    "codeRepository",
    "softwareRequirements",
    "softwareHelp",
    "relatedLink",
    "includedInDataCatalog",
    "pageStart",
    "pageEnd",
    "programmingLanguage",
    "runtimePlatform",
    "operatingSystem",
    "processorRequirements",
    "memoryRequirements",
    "storageRequirements",
    "permissions",
    "releaseNotes",
    "givenName",
    "familyName",
    "affiliation",
    "propertyID",
    "value",
    "roleName",
    "inDefinedTermSet",
    "termCode",
    "geo",
    "latitude",
    "longitude",
    "box",
    "polygon",
    "issueNumber",
    "volumeNumber",
    "issn",
    "isbn",
    "bookEdition",
    "fileSize",
];

/// The Schema.org types the writers may emit besides the work types of [`crate::SCHEMA_ORG_TYPES`].
pub const SCHEMA_ORG_DETAIL_TYPES_WRITTEN: &[&str] = &[
    "Person",
    "Organization",
    "PropertyValue",
    "Role",
    "DefinedTerm",
    "DefinedTermSet",
    "CreativeWork",
    "Place",
    "GeoCoordinates",
    "GeoShape",
    "Grant",
    "DataDownload",
    "MediaObject",
    "DataCatalog",
    "PublicationIssue",
    "PublicationVolume",
    "Periodical",
    "Book",
    "CreativeWorkSeries",
];

/// The Codemeta terms written, besides Schema.org's: the Codemeta-only properties.
pub const CODEMETA_PROPERTIES_WRITTEN: &[&str] = &[
    "issueTracker",
    "continuousIntegration",
    "readme",
    "buildInstructions",
    "softwareSuggestions",
    "referencePublication",
    "developmentStatus",
    "embargoEndDate",
    "hasSourceCode",
    "isSourceCodeOf",
];

/// The terms the Codemeta 3.0 context defines (its Schema.org and Codemeta properties and types);
/// any other Schema.org term is written with the `schema:` prefix.
const CODEMETA_TERMS: &[&str] = &[
    "address",
    "affiliation",
    "applicationCategory",
    "applicationSubCategory",
    "author",
    "buildInstructions",
    "citation",
    "codeRepository",
    "continuousIntegration",
    "contIntegration",
    "contributor",
    "copyrightHolder",
    "copyrightYear",
    "creator",
    "dateCreated",
    "dateModified",
    "datePublished",
    "description",
    "developmentStatus",
    "downloadUrl",
    "editor",
    "email",
    "embargoDate",
    "embargoEndDate",
    "encoding",
    "endDate",
    "familyName",
    "fileFormat",
    "fileSize",
    "funder",
    "funding",
    "givenName",
    "hasPart",
    "hasSourceCode",
    "identifier",
    "installUrl",
    "isAccessibleForFree",
    "isPartOf",
    "isSourceCodeOf",
    "issueTracker",
    "keywords",
    "license",
    "maintainer",
    "memoryRequirements",
    "name",
    "operatingSystem",
    "permissions",
    "position",
    "processorRequirements",
    "producer",
    "programmingLanguage",
    "provider",
    "publisher",
    "readme",
    "referencePublication",
    "relatedLink",
    "releaseNotes",
    "review",
    "reviewAspect",
    "reviewBody",
    "roleName",
    "runtimePlatform",
    "sameAs",
    "softwareHelp",
    "softwareRequirements",
    "softwareSuggestions",
    "softwareVersion",
    "sponsor",
    "startDate",
    "storageRequirements",
    "supportingData",
    "targetProduct",
    "url",
    "version",
];

const CODEMETA_TYPES: &[&str] =
    &["SoftwareSourceCode", "SoftwareApplication", "Person", "Organization", "Role", "Review", "Text", "URL"];

/// Writes a resource in `target`'s format.
pub(crate) fn write(resource: &Resource, target: Target) -> Written {
    let mut writer =
        Writer { target, resource, diagnostics: Vec::new(), software: is_software(resource), lost_langs: Vec::new() };
    let tree = writer.document();
    let tree = match target {
        Target::SchemaOrg => tree,
        Target::Codemeta => codemeta_names(tree, true),
    };
    Written { text: tree.to_pretty(), diagnostics: writer.diagnostics }
}

fn is_software(resource: &Resource) -> bool {
    matches!(
        resource.types.resource_type_general,
        Some(ResourceTypeGeneral::Software | ResourceTypeGeneral::ComputationalNotebook)
    )
}

/// Renames, for Codemeta, the keys and types its context does not define to `schema:` terms.
fn codemeta_names(tree: Out, top: bool) -> Out {
    match tree {
        Out::Obj(members) => Out::Obj(
            members
                .into_iter()
                .map(|(key, value)| {
                    let value = if key == "@type" {
                        match value {
                            Out::Str(name) if !CODEMETA_TYPES.contains(&name.as_str()) => {
                                Out::Str(format!("schema:{name}"))
                            }
                            other => other,
                        }
                    } else if key == "@context" && top {
                        value
                    } else {
                        codemeta_names(value, false)
                    };
                    let key = if key.starts_with('@') || CODEMETA_TERMS.contains(&key.as_str()) {
                        key
                    } else {
                        format!("schema:{key}")
                    };
                    (key, value)
                })
                .collect(),
        ),
        Out::Arr(items) => Out::Arr(items.into_iter().map(|item| codemeta_names(item, false)).collect()),
        other => other,
    }
}

struct Writer<'r> {
    target: Target,
    resource: &'r Resource,
    diagnostics: Vec<Diagnostic>,
    software: bool,
    /// Pointers of language tags that plain text values cannot carry.
    lost_langs: Vec<String>,
}

/// The parts of a creator or contributor a writer uses.
#[derive(Clone, Copy)]
struct AgentView<'a> {
    name: &'a str,
    name_type: Option<&'a NameType>,
    given: Option<&'a str>,
    family: Option<&'a str>,
    ids: &'a [NameIdentifier],
    affiliations: &'a [Affiliation],
    lang: Option<&'a str>,
}

/// The relation-property routes: relation type, `relationTypeInformation`, reverse or not, and
/// the property for each target (`None`: not expressible there).
struct Route {
    relation: RelationType,
    information: Option<&'static str>,
    schema_org: Option<&'static str>,
    codemeta: Option<&'static str>,
    reverse: bool,
    /// The relation type the written property reads back as, when it is not `relation`.
    approximates: Option<RelationType>,
    software_only: bool,
}

#[allow(clippy::too_many_arguments)]
const fn full(
    relation: RelationType,
    information: Option<&'static str>,
    schema_org: Option<&'static str>,
    codemeta: Option<&'static str>,
    reverse: bool,
    approximates: Option<RelationType>,
    software_only: bool,
) -> Route {
    Route { relation, information, schema_org, codemeta, reverse, approximates, software_only }
}

const fn route(relation: RelationType, property: &'static str) -> Route {
    full(relation, None, Some(property), Some(property), false, None, false)
}

const fn reverse_route(relation: RelationType, property: &'static str) -> Route {
    full(relation, None, Some(property), Some(property), true, None, false)
}

const fn software_route(relation: RelationType, property: &'static str, reverse: bool) -> Route {
    full(relation, None, Some(property), Some(property), reverse, None, true)
}

const fn codemeta_route(relation: RelationType, information: &'static str, property: &'static str) -> Route {
    full(relation, Some(information), None, Some(property), false, None, false)
}

const ROUTES: &[Route] = &[
    route(RelationType::IsIdenticalTo, "sameAs"),
    route(RelationType::IsPartOf, "isPartOf"),
    route(RelationType::HasPart, "hasPart"),
    route(RelationType::References, "citation"),
    full(RelationType::Cites, None, Some("citation"), Some("citation"), false, Some(RelationType::References), false),
    reverse_route(RelationType::IsReferencedBy, "citation"),
    full(
        RelationType::IsCitedBy,
        None,
        Some("citation"),
        Some("citation"),
        true,
        Some(RelationType::IsReferencedBy),
        false,
    ),
    route(RelationType::IsDerivedFrom, "isBasedOn"),
    reverse_route(RelationType::IsSourceOf, "isBasedOn"),
    route(RelationType::HasTranslation, "workTranslation"),
    route(RelationType::IsTranslationOf, "translationOfWork"),
    route(RelationType::HasVersion, "workExample"),
    route(RelationType::IsVersionOf, "exampleOfWork"),
    full(RelationType::IsDescribedBy, None, Some("subjectOf"), Some("referencePublication"), false, None, false),
    reverse_route(RelationType::Describes, "subjectOf"),
    route(RelationType::IsReviewedBy, "review"),
    route(RelationType::Reviews, "itemReviewed"),
    software_route(RelationType::Requires, "softwareRequirements", false),
    software_route(RelationType::IsRequiredBy, "softwareRequirements", true),
    codemeta_route(RelationType::IsDocumentedBy, "readme", "readme"),
    codemeta_route(RelationType::IsDocumentedBy, "buildInstructions", "buildInstructions"),
    software_route(RelationType::IsDocumentedBy, "softwareHelp", false),
    codemeta_route(RelationType::Other, "issueTracker", "issueTracker"),
    codemeta_route(RelationType::Other, "continuousIntegration", "continuousIntegration"),
    codemeta_route(RelationType::Other, "softwareSuggestions", "softwareSuggestions"),
    codemeta_route(RelationType::Other, "hasSourceCode", "hasSourceCode"),
    codemeta_route(RelationType::Other, "isSourceCodeOf", "isSourceCodeOf"),
    full(RelationType::Other, Some("relatedLink"), Some("relatedLink"), Some("relatedLink"), false, None, false),
];

/// The Schema.org container type of a related item type, for `isPartOf`.
fn container_schema_type(item_type: Option<&ResourceTypeGeneral>) -> Option<&'static str> {
    match item_type? {
        ResourceTypeGeneral::Journal => Some("Periodical"),
        ResourceTypeGeneral::Book => Some("Book"),
        ResourceTypeGeneral::Collection => Some("CreativeWorkSeries"),
        _ => None,
    }
}

impl Writer<'_> {
    fn lose(&mut self, pointer: String, message: String) {
        self.diagnostics.push(Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, message).at(Location::path(pointer)));
    }

    fn format_name(&self) -> &'static str {
        match self.target {
            Target::SchemaOrg => "Schema.org",
            Target::Codemeta => "Codemeta",
        }
    }

    fn document(&mut self) -> Out {
        let r = self.resource;
        let mut doc = Out::obj().set(
            "@context",
            Out::str(match self.target {
                Target::SchemaOrg => SCHEMA_ORG_CONTEXT,
                Target::Codemeta => CODEMETA_CONTEXT,
            }),
        );
        let (schema_type, additional_type) = self.record_type();
        doc.push("@type", Out::str(schema_type));
        if let Some(doi) = &r.doi {
            doc.push("@id", Out::str(format!("https://doi.org/{doi}")));
        }
        doc = doc.opt("identifier", self.identifiers());
        doc = doc.text("url", r.url.as_deref());
        self.titles(&mut doc);
        doc = doc.text("additionalType", additional_type.as_deref());
        self.agents(&mut doc);
        doc = doc.opt("publisher", self.publisher());
        self.dates(&mut doc);
        self.descriptions(&mut doc);
        doc = doc.opt("keywords", self.keywords());
        doc = doc.text("inLanguage", r.language.as_deref());
        doc = doc.opt("license", self.licenses());
        doc = doc.text("version", r.version.as_deref());
        self.files(&mut doc);
        doc = doc.opt("spatialCoverage", self.places());
        self.funding(&mut doc);
        self.relations(&mut doc);
        self.report_langs();
        doc.build()
    }

    fn record_type(&mut self) -> (&'static str, Option<String>) {
        let types = &self.resource.types;
        if self.target == Target::Codemeta {
            let schema_type = match types.resource_type.as_deref().map(str::trim) {
                Some("SoftwareApplication") if self.software => return ("SoftwareApplication", None),
                _ => "SoftwareSourceCode",
            };
            if !self.software {
                if let Some(general) = &types.resource_type_general {
                    let message = format!("Codemeta describes software; the resourceTypeGeneral {general} is written as SoftwareSourceCode");
                    self.lose("/types/resourceTypeGeneral".to_owned(), message);
                }
            }
            return (schema_type, types.resource_type.clone().filter(|t| !t.trim().is_empty()));
        }
        let (schema_type, additional) = written_type(types);
        let schema_type = schema_type.unwrap_or("CreativeWork");
        if let Some(general) = &types.resource_type_general {
            let in_journal = self.resource.related_items.iter().any(|i| {
                i.relation_type == Some(RelationType::IsPublishedIn)
                    && i.related_item_type == Some(ResourceTypeGeneral::Journal)
            });
            let read_back = types::read_back_general(schema_type, additional.as_deref(), in_journal);
            if read_back.as_ref() != Some(general) {
                let message = format!(
                    "resourceTypeGeneral {general} is written as @type {schema_type} with additionalType \"{}\" (the resourceType), which reads back as {}",
                    additional.as_deref().unwrap_or_default(),
                    read_back.map(|g| g.to_string()).unwrap_or_else(|| "no type".to_owned())
                );
                self.lose("/types/resourceTypeGeneral".to_owned(), message);
            }
        }
        (schema_type, additional)
    }

    fn identifiers(&mut self) -> Option<Out> {
        let r = self.resource;
        let mut list = Vec::new();
        if let Some(doi) = &r.doi {
            list.push(
                Out::obj()
                    .set("@type", Out::str("PropertyValue"))
                    .set("propertyID", Out::str("DOI"))
                    .set("value", Out::str(doi.as_str()))
                    .set("url", Out::str(format!("https://doi.org/{doi}")))
                    .build(),
            );
        }
        for alternate in &r.alternate_identifiers {
            if alternate.alternate_identifier.trim().is_empty() {
                continue;
            }
            match alternate.alternate_identifier_type.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(kind) => list.push(
                    Out::obj()
                        .set("@type", Out::str("PropertyValue"))
                        .set("propertyID", Out::str(kind))
                        .set("value", Out::str(alternate.alternate_identifier.trim()))
                        .build(),
                ),
                None => list.push(Out::str(alternate.alternate_identifier.trim())),
            }
        }
        Out::one_or_many(list)
    }

    fn titles(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let main =
            r.titles.iter().position(|t| t.title_type.is_none()).or(if r.titles.is_empty() { None } else { Some(0) });
        let mut alternates = Vec::new();
        for (i, title) in r.titles.iter().enumerate() {
            if title.title.trim().is_empty() {
                continue;
            }
            self.check_lang(title.lang.as_deref(), format!("/titles/{i}/lang"));
            if Some(i) == main {
                doc.push("name", Out::str(title.title.trim()));
                if let Some(kind) = &title.title_type {
                    self.lose(
                        format!("/titles/{i}/titleType"),
                        format!(
                            "the only title's type {kind} has no place in {}; it is written as the name",
                            self.format_name()
                        ),
                    );
                }
                continue;
            }
            match &title.title_type {
                Some(TitleType::AlternativeTitle) => {}
                Some(kind) => self.lose(
                    format!("/titles/{i}/titleType"),
                    format!(
                        "{} has no title type {kind}; \"{}\" is written as an alternateName",
                        self.format_name(),
                        title.title.trim()
                    ),
                ),
                None => self.lose(
                    format!("/titles/{i}/titleType"),
                    format!(
                        "{} holds one main title; \"{}\" is written as an alternateName",
                        self.format_name(),
                        title.title.trim()
                    ),
                ),
            }
            alternates.push(Out::str(title.title.trim()));
        }
        if let Some(alternates) = Out::one_or_many(alternates) {
            doc.push("alternateName", alternates);
        }
    }

    /// Notes a language tag: plain text values carry none (reported once, in [`Self::report_langs`]).
    fn check_lang(&mut self, lang: Option<&str>, pointer: String) {
        if lang.is_some_and(|l| !l.trim().is_empty()) {
            self.lost_langs.push(pointer);
        }
    }

    /// Reports a scheme URI that a reader would not derive again from the identifier's form:
    /// identifiers are written without their scheme URI.
    fn check_scheme_uri(&mut self, identifier: &str, scheme_uri: Option<&str>, pointer: String) {
        let Some(stored) = scheme_uri.map(str::trim).filter(|s| !s.is_empty()) else { return };
        let derived = crate::read::agents_for_writer::scheme_uri_of(identifier);
        if derived.as_deref() != Some(stored) {
            self.lose(
                pointer,
                format!("scheme URI \"{stored}\" has no place in {}; it is not written", self.format_name()),
            );
        }
    }

    /// One diagnostic for every language tag not written.
    fn report_langs(&mut self) {
        let Some(first) = self.lost_langs.first().cloned() else { return };
        let count = self.lost_langs.len();
        let message = format!(
            "{count} language tag{} (the first at {first}) {} not written: {} text values carry no language (the work's own language is inLanguage)",
            if count == 1 { "" } else { "s" },
            if count == 1 { "is" } else { "are" },
            self.format_name()
        );
        self.lose(first, message);
    }

    fn agent(&mut self, agent: &AgentView<'_>, pointer: &str) -> Out {
        let AgentView { name, name_type, given, family, ids, affiliations, lang } = *agent;
        let mut obj = Out::obj();
        match name_type {
            Some(NameType::Personal) => obj.push("@type", Out::str("Person")),
            Some(NameType::Organizational) => obj.push("@type", Out::str("Organization")),
            _ => {}
        }
        let mut rest = Vec::new();
        let mut id_written = false;
        for (k, identifier) in ids.iter().enumerate() {
            let text = identifier.name_identifier.trim();
            if text.is_empty() {
                continue;
            }
            self.check_scheme_uri(
                text,
                identifier.scheme_uri.as_deref(),
                format!("{pointer}/nameIdentifiers/{k}/schemeUri"),
            );
            let by_form = crate::read::agents_for_writer::scheme_of(text);
            let scheme = identifier.name_identifier_scheme.as_deref().unwrap_or("URL");
            if !id_written && text.starts_with("http") && by_form.as_deref() == Some(scheme) {
                obj.push("@id", Out::str(text));
                id_written = true;
            } else {
                rest.push(
                    Out::obj()
                        .set("@type", Out::str("PropertyValue"))
                        .set("propertyID", Out::str(scheme))
                        .set("value", Out::str(text))
                        .build(),
                );
            }
        }
        if !name.trim().is_empty() {
            obj.push("name", Out::str(name.trim()));
        }
        self.check_lang(lang, format!("{pointer}/lang"));
        obj = obj.text("givenName", given).text("familyName", family);
        if let Some(rest) = Out::one_or_many(rest) {
            obj.push("identifier", rest);
        }
        let mut affiliation_list = Vec::new();
        for (i, affiliation) in affiliations.iter().enumerate() {
            let mut org = Out::obj().set("@type", Out::str("Organization"));
            if let Some(id) = affiliation.affiliation_identifier.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
                self.check_scheme_uri(
                    id,
                    affiliation.scheme_uri.as_deref(),
                    format!("{pointer}/affiliation/{i}/schemeUri"),
                );
                if id.starts_with("http") {
                    org.push("@id", Out::str(id));
                } else {
                    let scheme = affiliation.affiliation_identifier_scheme.as_deref().unwrap_or("URL");
                    org.push(
                        "identifier",
                        Out::obj()
                            .set("@type", Out::str("PropertyValue"))
                            .set("propertyID", Out::str(scheme))
                            .set("value", Out::str(id))
                            .build(),
                    );
                }
            }
            org = org.text("name", Some(&affiliation.name));
            self.check_lang(affiliation.lang.as_deref(), format!("{pointer}/affiliation/{i}/lang"));
            if org.len() > 1 {
                affiliation_list.push(org.build());
            }
        }
        if let Some(list) = Out::one_or_many(affiliation_list) {
            obj.push("affiliation", list);
        }
        obj.build()
    }

    fn agents(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let mut authors = Vec::new();
        for (i, c) in r.creators.iter().enumerate() {
            let pointer = format!("/creators/{i}");
            if c.name.trim().is_empty() && c.name_identifiers.is_empty() {
                self.lose(format!("{pointer}/name"), "a creator without name or identifier is not written".to_owned());
                continue;
            }
            let view = AgentView {
                name: &c.name,
                name_type: c.name_type.as_ref(),
                given: c.given_name.as_deref(),
                family: c.family_name.as_deref(),
                ids: &c.name_identifiers,
                affiliations: &c.affiliation,
                lang: c.lang.as_deref(),
            };
            authors.push(self.agent(&view, &pointer));
        }
        if !authors.is_empty() {
            doc.push("author", Out::Arr(authors));
        }
        let mut by_property: Vec<(&'static str, Vec<Out>)> = Vec::new();
        for (i, c) in r.contributors.iter().enumerate() {
            let pointer = format!("/contributors/{i}");
            if c.name.trim().is_empty() && c.name_identifiers.is_empty() {
                self.lose(
                    format!("{pointer}/name"),
                    "a contributor without name or identifier is not written".to_owned(),
                );
                continue;
            }
            let view = AgentView {
                name: &c.name,
                name_type: c.name_type.as_ref(),
                given: c.given_name.as_deref(),
                family: c.family_name.as_deref(),
                ids: &c.name_identifiers,
                affiliations: &c.affiliation,
                lang: c.lang.as_deref(),
            };
            let agent = self.agent(&view, &pointer);
            let (property, value) = match &c.contributor_type {
                Some(ContributorType::Editor) => ("editor", agent),
                Some(ContributorType::Translator) => ("translator", agent),
                Some(ContributorType::Producer) => ("producer", agent),
                Some(ContributorType::Sponsor) => ("sponsor", agent),
                Some(ContributorType::RightsHolder) => ("copyrightHolder", agent),
                Some(ContributorType::ContactPerson) => ("maintainer", agent),
                Some(ContributorType::Distributor) => ("provider", agent),
                None | Some(ContributorType::Other) => ("contributor", agent),
                Some(kind) => (
                    "contributor",
                    Out::obj()
                        .set("@type", Out::str("Role"))
                        .set("roleName", Out::str(kind.as_str()))
                        .set("contributor", agent)
                        .build(),
                ),
            };
            match by_property.iter_mut().find(|(p, _)| *p == property) {
                Some((_, list)) => list.push(value),
                None => by_property.push((property, vec![value])),
            }
        }
        for (property, list) in by_property {
            doc.push(property, Out::Arr(list));
        }
    }

    fn publisher(&mut self) -> Option<Out> {
        let publisher = self.resource.publisher.as_ref()?;
        if publisher.name.trim().is_empty() {
            return None;
        }
        let mut obj = Out::obj().set("@type", Out::str("Organization"));
        if let Some(id) = publisher.publisher_identifier.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
            self.check_scheme_uri(id, publisher.scheme_uri.as_deref(), "/publisher/schemeUri".to_owned());
            if id.starts_with("http") {
                obj.push("@id", Out::str(id));
            } else {
                let scheme = publisher.publisher_identifier_scheme.as_deref().unwrap_or("URL");
                obj.push(
                    "identifier",
                    Out::obj()
                        .set("@type", Out::str("PropertyValue"))
                        .set("propertyID", Out::str(scheme))
                        .set("value", Out::str(id))
                        .build(),
                );
            }
        }
        self.check_lang(publisher.lang.as_deref(), "/publisher/lang".to_owned());
        Some(obj.set("name", Out::str(publisher.name.trim())).build())
    }

    fn dates(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let mut written: Vec<DateType> = Vec::new();
        for (i, date) in r.dates.iter().enumerate() {
            let text = date.date.trim();
            if text.is_empty() {
                continue;
            }
            if date.date_information.is_some() {
                self.lose(
                    format!("/dates/{i}/dateInformation"),
                    format!("{} dates carry no date information; it is not written", self.format_name()),
                );
            }
            let Some(date_type) = &date.date_type else {
                self.lose(
                    format!("/dates/{i}"),
                    format!("date \"{text}\" has no dateType, so it has no {} property", self.format_name()),
                );
                continue;
            };
            let property = match date_type {
                DateType::Issued => Some("datePublished"),
                DateType::Created => Some("dateCreated"),
                DateType::Updated => Some("dateModified"),
                DateType::Coverage => Some("temporalCoverage"),
                DateType::Copyrighted if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) => {
                    Some("copyrightYear")
                }
                DateType::Available if self.target == Target::Codemeta => Some("embargoEndDate"),
                _ => None,
            };
            match property {
                Some(property) if !written.contains(date_type) => {
                    let value = if property == "copyrightYear" && crate::json::is_json_number(text) {
                        Out::Raw(text.to_owned())
                    } else {
                        Out::str(text)
                    };
                    doc.push(property, value);
                    written.push(date_type.clone());
                }
                Some(property) => self.lose(
                    format!("/dates/{i}"),
                    format!("{property} holds one date; the {date_type} date \"{text}\" is not written"),
                ),
                None => self.lose(
                    format!("/dates/{i}"),
                    format!("{} has no property for a {date_type} date; \"{text}\" is not written", self.format_name()),
                ),
            }
        }
        if let Some(year) = r.publication_year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
            if !written.contains(&DateType::Issued) {
                doc.push("datePublished", Out::str(year));
            } else {
                let issued = r
                    .dates
                    .iter()
                    .find(|d| d.date_type == Some(DateType::Issued))
                    .map(|d| d.date.trim())
                    .unwrap_or_default();
                if !issued.starts_with(year) {
                    self.lose("/publicationYear".to_owned(), format!("publicationYear {year} differs from the issued date \"{issued}\", which is written as datePublished"));
                }
            }
        }
    }

    fn descriptions(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let mut abstracts = Vec::new();
        let mut methods = Vec::new();
        let mut others = Vec::new();
        let mut technical: Vec<(&'static str, Vec<Out>)> = Vec::new();
        for (i, d) in r.descriptions.iter().enumerate() {
            // The model's line break (DataCite XML's `<br/>`) is a line feed in JSON-LD text.
            let text = line_breaks_as(&d.description, "\n");
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            self.diagnostics.extend(line_breaks_note(&d.description, &format!("/descriptions/{i}/description")));
            self.check_lang(d.lang.as_deref(), format!("/descriptions/{i}/lang"));
            match &d.description_type {
                Some(DescriptionType::Abstract) | None => abstracts.push(Out::str(text)),
                Some(DescriptionType::Methods) => methods.push(Out::str(text)),
                Some(DescriptionType::Other) => others.push(Out::str(text)),
                Some(DescriptionType::TechnicalInfo) => {
                    let labelled = TECHNICAL_LABELS.iter().find_map(|(property, label)| {
                        text.strip_prefix(label)
                            .and_then(|rest| rest.strip_prefix(':'))
                            .map(|rest| (*property, rest.trim()))
                    });
                    match labelled {
                        Some((property, value))
                            if self.software
                                && (self.target == Target::Codemeta || property != "developmentStatus") =>
                        {
                            match technical.iter_mut().find(|(p, _)| *p == property) {
                                Some((_, list)) => list.push(Out::str(value)),
                                None => technical.push((property, vec![Out::str(value)])),
                            }
                        }
                        _ => self.lose(
                            format!("/descriptions/{i}"),
                            format!(
                                "{} has no property for this technical information; it is not written",
                                self.format_name()
                            ),
                        ),
                    }
                }
                Some(kind) => self.lose(
                    format!("/descriptions/{i}"),
                    format!("{} has no property for a {kind} description; it is not written", self.format_name()),
                ),
            }
        }
        if let Some(v) = Out::one_or_many(abstracts) {
            doc.push("description", v);
        }
        if let Some(v) = Out::one_or_many(others) {
            doc.push("disambiguatingDescription", v);
        }
        if let Some(v) = Out::one_or_many(methods) {
            doc.push("measurementTechnique", v);
        }
        for (property, list) in technical {
            if let Some(v) = Out::one_or_many(list) {
                doc.push(property, v);
            }
        }
    }

    fn keywords(&mut self) -> Option<Out> {
        let mut list = Vec::new();
        for (i, subject) in self.resource.subjects.iter().enumerate() {
            let text = subject.subject.trim();
            if text.is_empty() {
                continue;
            }
            self.check_lang(subject.lang.as_deref(), format!("/subjects/{i}/lang"));
            list.push(defined_term(subject, text));
        }
        (!list.is_empty()).then_some(Out::Arr(list))
    }

    fn licenses(&mut self) -> Option<Out> {
        let mut list = Vec::new();
        for (i, rights) in self.resource.rights_list.iter().enumerate() {
            if let Some(value) = self.license(rights, i) {
                list.push(value);
            }
        }
        Out::one_or_many(list)
    }

    fn license(&mut self, rights: &Rights, i: usize) -> Option<Out> {
        let text = rights.rights.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let uri = rights.rights_uri.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let identifier = rights.rights_identifier.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let spdx = identifier
            .filter(|_| rights.rights_identifier_scheme.as_deref().is_none_or(|s| s.eq_ignore_ascii_case("SPDX")));
        // The scheme travels only as the form of an SPDX identifier a reader recognises.
        let recognised = identifier.is_some_and(|id| spdx_id_of(id) == Some(id));
        if rights.rights_identifier_scheme.as_deref().is_some_and(|s| !s.eq_ignore_ascii_case("SPDX") || !recognised) {
            let message = if recognised {
                "only SPDX licence identifiers can be written; the scheme is not written".to_owned()
            } else {
                "the licence identifier is not one of the SPDX identifiers a reader recognises, so its scheme is not written".to_owned()
            };
            self.lose(format!("/rightsList/{i}/rightsIdentifierScheme"), message);
        }
        if rights
            .scheme_uri
            .as_deref()
            .is_some_and(|s| s.trim() != crate::read::values_for_writer::SPDX_SCHEME_URI || !recognised)
        {
            self.lose(
                format!("/rightsList/{i}/schemeUri"),
                "the licence identifier's scheme URI is not written".to_owned(),
            );
        }
        if text.is_some() {
            self.check_lang(rights.lang.as_deref(), format!("/rightsList/{i}/lang"));
        }
        let derived_id = uri.and_then(crate::read::values_for_writer::spdx_from_url);
        let id_from_uri = derived_id.as_deref().zip(identifier).is_some_and(|(a, b)| a == b);
        match (text, uri, identifier) {
            (None, Some(uri), None) => Some(Out::str(uri)),
            (None, Some(uri), Some(_)) if id_from_uri => Some(Out::str(uri)),
            (None, None, Some(id)) if spdx.is_some() && spdx_id_of(id).is_some() => match self.target {
                Target::SchemaOrg => Some(Out::str(id)),
                Target::Codemeta => Some(Out::str(format!("https://spdx.org/licenses/{id}"))),
            },
            (None, None, None) => None,
            _ => Some(
                Out::obj()
                    .set("@type", Out::str("CreativeWork"))
                    .text("name", text)
                    .text("url", uri)
                    .text("identifier", identifier.filter(|_| !id_from_uri))
                    .build(),
            ),
        }
    }

    fn files(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let (formats, languages): (Vec<&String>, Vec<&String>) = match self.target {
            Target::Codemeta => r.formats.iter().filter(|f| !f.trim().is_empty()).partition(|f| f.contains('/')),
            Target::SchemaOrg => (r.formats.iter().filter(|f| !f.trim().is_empty()).collect(), Vec::new()),
        };
        let sizes: Vec<Out> = r.sizes.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).map(Out::str).collect();
        if let Some(v) = Out::one_or_many(sizes) {
            doc.push(if self.target == Target::Codemeta { "fileSize" } else { "contentSize" }, v);
        }
        if let Some(v) = Out::one_or_many(formats.iter().map(|f| Out::str(f.trim())).collect()) {
            doc.push(if self.target == Target::Codemeta { "fileFormat" } else { "encodingFormat" }, v);
        }
        if let Some(v) = Out::one_or_many(languages.iter().map(|f| Out::str(f.trim())).collect()) {
            doc.push("programmingLanguage", v);
        }
        let urls: Vec<&str> = r.content_url.iter().map(|u| u.trim()).filter(|u| !u.is_empty()).collect();
        if urls.is_empty() {
            return;
        }
        let media = matches!(
            r.types.resource_type_general,
            Some(ResourceTypeGeneral::Image | ResourceTypeGeneral::Sound | ResourceTypeGeneral::Audiovisual)
        );
        if self.software || self.target == Target::Codemeta {
            doc.push(
                "downloadUrl",
                Out::one_or_many(urls.iter().map(|u| Out::str(*u)).collect()).unwrap_or(Out::Arr(vec![])),
            );
        } else if media {
            doc.push(
                "contentUrl",
                Out::one_or_many(urls.iter().map(|u| Out::str(*u)).collect()).unwrap_or(Out::Arr(vec![])),
            );
        } else {
            let (property, kind) = if r.types.resource_type_general == Some(ResourceTypeGeneral::Dataset) {
                ("distribution", "DataDownload")
            } else {
                ("encoding", "MediaObject")
            };
            let list = urls
                .iter()
                .map(|u| Out::obj().set("@type", Out::str(kind)).set("contentUrl", Out::str(*u)).build())
                .collect();
            doc.push(property, Out::Arr(list));
        }
    }

    fn places(&mut self) -> Option<Out> {
        let mut list = Vec::new();
        for (i, location) in self.resource.geo_locations.iter().enumerate() {
            if let Some(place) = self.place(location, i) {
                list.push(place);
            }
        }
        Out::one_or_many(list)
    }

    fn place(&mut self, location: &GeoLocation, i: usize) -> Option<Out> {
        if location.is_empty() {
            return None;
        }
        let mut place = Out::obj().set("@type", Out::str("Place"));
        let names: Vec<Out> =
            location.places.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).map(Out::str).collect();
        if let Some(names) = Out::one_or_many(names) {
            place.push("name", names);
        }
        let mut geos = Vec::new();
        for point in &location.points {
            geos.push(coordinates(point));
        }
        for b in &location.boxes {
            let text = format!(
                "{} {} {} {}",
                b.south_bound_latitude.as_str().trim(),
                b.west_bound_longitude.as_str().trim(),
                b.north_bound_latitude.as_str().trim(),
                b.east_bound_longitude.as_str().trim()
            );
            geos.push(Out::obj().set("@type", Out::str("GeoShape")).set("box", Out::str(text)).build());
        }
        for (j, polygon) in location.polygons.iter().enumerate() {
            let text = polygon
                .points
                .iter()
                .map(|p| format!("{} {}", p.point_latitude.as_str().trim(), p.point_longitude.as_str().trim()))
                .collect::<Vec<_>>()
                .join(" ");
            if polygon.in_polygon_point.is_some() {
                self.lose(
                    format!("/geoLocations/{i}/geoLocationPolygon/{j}/inPolygonPoint"),
                    "a GeoShape polygon has no inside point; it is not written".to_owned(),
                );
            }
            geos.push(Out::obj().set("@type", Out::str("GeoShape")).set("polygon", Out::str(text)).build());
        }
        if let Some(geo) = Out::one_or_many(geos) {
            place.push("geo", geo);
        }
        Some(place.build())
    }

    fn funder(&self, reference: &FundingReference) -> Out {
        let mut org = Out::obj().set("@type", Out::str("Organization"));
        if let Some(id) = reference.funder_identifier.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
            let kind = reference.funder_identifier_type.clone();
            if id.starts_with("http") && kind.as_ref().is_none_or(|k| *k == funder_identifier_type_of(id)) {
                org.push("@id", Out::str(id));
            } else {
                let property = kind.map(|k| k.as_str().to_owned()).unwrap_or_else(|| "Other".to_owned());
                org.push(
                    "identifier",
                    Out::obj()
                        .set("@type", Out::str("PropertyValue"))
                        .set("propertyID", Out::str(property))
                        .set("value", Out::str(id))
                        .build(),
                );
            }
        }
        org.text("name", Some(&reference.funder_name)).build()
    }

    fn funding(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let mut funders = Vec::new();
        let mut grants = Vec::new();
        for (i, reference) in r.funding_references.iter().enumerate() {
            if reference.scheme_uri.is_some() {
                self.lose(
                    format!("/fundingReferences/{i}/schemeUri"),
                    "the funder identifier's scheme URI is not written".to_owned(),
                );
            }
            let has_award =
                reference.award_number.is_some() || reference.award_title.is_some() || reference.award_uri.is_some();
            let funder = self.funder(reference);
            if !has_award {
                if !funders.contains(&funder) {
                    funders.push(funder);
                }
                continue;
            }
            match self.target {
                Target::SchemaOrg => grants.push(
                    Out::obj()
                        .set("@type", Out::str("Grant"))
                        .text("identifier", reference.award_number.as_deref())
                        .text("name", reference.award_title.as_deref())
                        .text("url", reference.award_uri.as_deref())
                        .set("funder", funder)
                        .build(),
                ),
                Target::Codemeta => {
                    // Codemeta's funding is text: the award number (or title), beside its funder.
                    if !funders.contains(&funder) {
                        funders.push(funder);
                    }
                    let text = reference.award_number.as_deref().or(reference.award_title.as_deref());
                    if let Some(text) = text {
                        grants.push(Out::str(text.trim()));
                    }
                    if reference.award_number.is_some() && reference.award_title.is_some() {
                        self.lose(
                            format!("/fundingReferences/{i}/awardTitle"),
                            "Codemeta's funding is one text; the award number is written, the title is not".to_owned(),
                        );
                    }
                    if reference.award_uri.is_some() {
                        self.lose(
                            format!("/fundingReferences/{i}/awardUri"),
                            "Codemeta's funding is text; the award URI is not written".to_owned(),
                        );
                    }
                }
            }
        }
        if let Some(v) = Out::one_or_many(funders) {
            doc.push("funder", v);
        }
        if let Some(v) = Out::one_or_many(grants) {
            doc.push("funding", v);
        }
    }

    /// The property a relation type is written as, if any; reports what is approximated or lost.
    fn route(
        &mut self,
        relation: &RelationType,
        information: Option<&str>,
        pointer: &str,
        identifier: Option<&RelatedIdentifier>,
    ) -> Option<(&'static str, bool)> {
        // `codeRepository`: a software version IsVersionOf its repository's URL.
        if *relation == RelationType::IsVersionOf && self.software {
            if let Some(id) = identifier {
                if id.related_identifier_type == Some(RelatedIdentifierType::Url) {
                    return Some(("codeRepository", false));
                }
            }
        }
        let candidates: Vec<&Route> = ROUTES.iter().filter(|r| r.relation == *relation).collect();
        let chosen = candidates
            .iter()
            .find(|r| r.information.is_some() && r.information == information)
            .or_else(|| candidates.iter().find(|r| r.information.is_none()))
            .copied();
        let property = chosen.and_then(|r| {
            let property = match self.target {
                Target::SchemaOrg => r.schema_org,
                Target::Codemeta => r.codemeta,
            };
            property.filter(|_| !r.software_only || self.software).map(|p| (p, r))
        });
        match property {
            Some((property, r)) => {
                if let Some(read_as) = &r.approximates {
                    let message =
                        format!("relation type {relation} is written as {property}, which reads back as {read_as}");
                    self.diagnostics.push(
                        Diagnostic::info(SCHEMAORG_RELATION_APPROXIMATED, message)
                            .at(Location::path(pointer.to_owned())),
                    );
                }
                if information.is_some() && r.information != information {
                    self.lose(
                        format!("{pointer}/relationTypeInformation"),
                        format!("{} has no place for relation type information; it is not written", self.format_name()),
                    );
                }
                Some((property, r.reverse))
            }
            None => {
                let detail = information.map(|i| format!(" ({i})")).unwrap_or_default();
                self.lose(
                    pointer.to_owned(),
                    format!(
                        "{} has no property for the relation type {relation}{detail}; it is not written",
                        self.format_name()
                    ),
                );
                None
            }
        }
    }

    fn relations(&mut self, doc: &mut ObjBuilder) {
        let r = self.resource;
        let mut forward: Vec<(&'static str, Vec<Out>)> = Vec::new();
        let mut reverse: Vec<(&'static str, Vec<Out>)> = Vec::new();
        let push = |list: &mut Vec<(&'static str, Vec<Out>)>, property: &'static str, value: Out| match list
            .iter_mut()
            .find(|(p, _)| *p == property)
        {
            Some((_, values)) => values.push(value),
            None => list.push((property, vec![value])),
        };
        let mut catalogs = Vec::new();
        let mut pages: Option<(Option<String>, Option<String>)> = None;
        for (i, related) in r.related_identifiers.iter().enumerate() {
            let pointer = format!("/relatedIdentifiers/{i}");
            let text = related.related_identifier.trim();
            if text.is_empty() {
                continue;
            }
            for (field, present) in [
                ("relatedMetadataScheme", related.related_metadata_scheme.is_some()),
                ("schemeUri", related.scheme_uri.is_some()),
                ("schemeType", related.scheme_type.is_some()),
            ] {
                if present {
                    self.lose(
                        format!("{pointer}/{field}"),
                        format!(
                            "{} has no place for a related identifier's {field}; it is not written",
                            self.format_name()
                        ),
                    );
                }
            }
            let Some(relation) = &related.relation_type else {
                self.lose(pointer, format!("related identifier \"{text}\" has no relationType; it is not written"));
                continue;
            };
            if *relation == RelationType::IsPublishedIn {
                if r.types.resource_type_general == Some(ResourceTypeGeneral::Dataset) {
                    catalogs.push(self.work_reference(related, &pointer, "DataCatalog"));
                } else {
                    let message = "relation type IsPublishedIn of a work known by its identifier is written as isPartOf, which reads back as IsPartOf".to_owned();
                    self.diagnostics.push(
                        Diagnostic::info(SCHEMAORG_RELATION_APPROXIMATED, message).at(Location::path(pointer.clone())),
                    );
                    push(&mut forward, "isPartOf", self.work_reference(related, &pointer, "Periodical"));
                }
                continue;
            }
            let Some((property, is_reverse)) =
                self.route(relation, related.relation_type_information.as_deref(), &pointer, Some(related))
            else {
                continue;
            };
            let linkable = matches!(
                related.related_identifier_type,
                Some(RelatedIdentifierType::Doi | RelatedIdentifierType::Url)
            );
            let value = if property == "codeRepository"
                || (property == "sameAs" && linkable && related.resource_type_general.is_none())
                || (self.target == Target::Codemeta && is_codemeta_link(property))
            {
                Out::str(identifier_url(related))
            } else {
                self.work_reference(related, &pointer, "CreativeWork")
            };
            push(if is_reverse { &mut reverse } else { &mut forward }, property, value);
        }
        for (i, item) in r.related_items.iter().enumerate() {
            let pointer = format!("/relatedItems/{i}");
            let Some(relation) = &item.relation_type else {
                self.lose(pointer, "a related item without relationType is not written".to_owned());
                continue;
            };
            if *relation == RelationType::IsPublishedIn {
                let dataset = r.types.resource_type_general == Some(ResourceTypeGeneral::Dataset);
                if dataset && item.related_item_type == Some(ResourceTypeGeneral::Collection) {
                    catalogs.push(self.described_work(item, &pointer, "DataCatalog", false));
                    continue;
                }
                if let Some(container) = self.container(item, &pointer) {
                    if pages.is_none() && (item.first_page.is_some() || item.last_page.is_some()) {
                        pages = Some((item.first_page.clone(), item.last_page.clone()));
                    } else if item.first_page.is_some() || item.last_page.is_some() {
                        self.lose(
                            format!("{pointer}/firstPage"),
                            "the work's pages are written once; this container's pages are not written".to_owned(),
                        );
                    }
                    push(&mut forward, "isPartOf", container);
                    continue;
                }
            }
            let Some((property, is_reverse)) =
                self.route(relation, item.relation_type_information.as_deref(), &pointer, None)
            else {
                continue;
            };
            let kind =
                item.related_item_type.as_ref().map(|g| derive_from_general(g).schema_org).unwrap_or("CreativeWork");
            let value = self.described_work(item, &pointer, kind, true);
            push(if is_reverse { &mut reverse } else { &mut forward }, property, value);
        }
        if let Some((first, last)) = pages {
            if let Some(first) = first {
                doc.push("pageStart", Out::str(first.trim()));
            }
            if let Some(last) = last {
                doc.push("pageEnd", Out::str(last.trim()));
            }
        }
        for (property, list) in forward {
            if let Some(v) = Out::one_or_many(list) {
                doc.push(property, v);
            }
        }
        if let Some(v) = Out::one_or_many(catalogs) {
            doc.push("includedInDataCatalog", v);
        }
        if !reverse.is_empty() {
            let mut obj = Out::obj();
            for (property, list) in reverse {
                if let Some(v) = Out::one_or_many(list) {
                    obj.push(property, v);
                }
            }
            doc.push("@reverse", obj.build());
        }
    }

    /// A related work known by its identifier: `{"@type", "@id"}`, or an `identifier` when it is
    /// not a URL.
    fn work_reference(&mut self, related: &RelatedIdentifier, pointer: &str, default_type: &str) -> Out {
        let schema_type =
            related.resource_type_general.as_ref().map(|g| derive_from_general(g).schema_org).unwrap_or(default_type);
        if let Some(general) = &related.resource_type_general {
            let reads_back = types::lookup(schema_type).map(|(_, g)| g);
            if reads_back != Some(general) && schema_type != "CreativeWork" {
                self.lose(format!("{pointer}/resourceTypeGeneral"), format!("the related resource's type {general} is written as {schema_type}, which reads back as another type"));
            } else if schema_type == "CreativeWork" && *general != ResourceTypeGeneral::Other {
                self.lose(
                    format!("{pointer}/resourceTypeGeneral"),
                    format!(
                        "the related resource's type {general} has no Schema.org type of its own; it is not written"
                    ),
                );
            }
        }
        let mut obj = Out::obj().set("@type", Out::str(schema_type));
        let text = related.related_identifier.trim();
        match &related.related_identifier_type {
            Some(RelatedIdentifierType::Doi) => {
                obj.push("@id", Out::str(format!("https://doi.org/{}", doi_name(text))))
            }
            _ if text.starts_with("http://") || text.starts_with("https://") => obj.push("@id", Out::str(text)),
            Some(kind) => obj.push(
                "identifier",
                Out::obj()
                    .set("@type", Out::str("PropertyValue"))
                    .set("propertyID", Out::str(kind.as_str()))
                    .set("value", Out::str(text))
                    .build(),
            ),
            None => obj.push("identifier", Out::str(text)),
        }
        obj.build()
    }

    /// A related item as a described work (title, identifier, creators, year, publisher).
    fn described_work(&mut self, item: &RelatedItem, pointer: &str, schema_type: &str, report: bool) -> Out {
        let mut obj = Out::obj().set("@type", Out::str(schema_type));
        self.item_identifier(item, pointer, &mut obj);
        self.item_titles(item, pointer, &mut obj);
        self.item_creators(item, pointer, &mut obj);
        obj = obj.text("datePublished", item.publication_year.as_deref());
        if let Some(publisher) = item.publisher.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            obj.push(
                "publisher",
                Out::obj().set("@type", Out::str("Organization")).set("name", Out::str(publisher)).build(),
            );
        }
        if report {
            for (field, present) in [
                ("volume", item.volume.is_some()),
                ("issue", item.issue.is_some()),
                ("firstPage", item.first_page.is_some()),
                ("lastPage", item.last_page.is_some()),
                ("number", item.number.is_some()),
                ("edition", item.edition.is_some()),
            ] {
                if present {
                    self.lose(
                        format!("{pointer}/{field}"),
                        format!(
                            "a related work written as {schema_type} has no place for its {field}; it is not written"
                        ),
                    );
                }
            }
        }
        self.item_common_losses(item, pointer);
        obj.build()
    }

    fn item_identifier(&mut self, item: &RelatedItem, pointer: &str, obj: &mut ObjBuilder) {
        let Some(identifier) = &item.related_item_identifier else { return };
        for (field, present) in [
            ("relatedMetadataScheme", identifier.related_metadata_scheme.is_some()),
            ("schemeUri", identifier.scheme_uri.is_some()),
            ("schemeType", identifier.scheme_type.is_some()),
        ] {
            if present {
                self.lose(
                    format!("{pointer}/relatedItemIdentifier/{field}"),
                    format!("a related work's identifier has no {field} in {}; it is not written", self.format_name()),
                );
            }
        }
        let text = identifier.related_item_identifier.trim();
        if text.is_empty() {
            return;
        }
        match &identifier.related_item_identifier_type {
            Some(RelatedIdentifierType::Issn) => obj.push("issn", Out::str(text)),
            Some(RelatedIdentifierType::Isbn) => obj.push("isbn", Out::str(text)),
            Some(RelatedIdentifierType::Doi) => {
                obj.push("@id", Out::str(format!("https://doi.org/{}", doi_name(text))))
            }
            _ if text.starts_with("http://") || text.starts_with("https://") => obj.push("url", Out::str(text)),
            Some(kind) => obj.push(
                "identifier",
                Out::obj()
                    .set("@type", Out::str("PropertyValue"))
                    .set("propertyID", Out::str(kind.as_str()))
                    .set("value", Out::str(text))
                    .build(),
            ),
            None => obj.push("identifier", Out::str(text)),
        }
    }

    fn item_titles(&mut self, item: &RelatedItem, pointer: &str, obj: &mut ObjBuilder) {
        let mut titles = item.titles.iter().enumerate().filter(|(_, t)| !t.title.trim().is_empty());
        if let Some((j, first)) = titles.next() {
            obj.push("name", Out::str(first.title.trim()));
            if first.title_type.is_some() {
                self.lose(
                    format!("{pointer}/titles/{j}/titleType"),
                    "a related work's title is written as its name, without a title type".to_owned(),
                );
            }
            self.check_lang(first.lang.as_deref(), format!("{pointer}/titles/{j}/lang"));
        }
        for (j, _) in titles {
            self.lose(
                format!("{pointer}/titles/{j}"),
                "a related work is written with one title; this one is not written".to_owned(),
            );
        }
    }

    fn item_creators(&mut self, item: &RelatedItem, pointer: &str, obj: &mut ObjBuilder) {
        for (j, creator) in item.creators.iter().enumerate() {
            self.check_lang(creator.lang.as_deref(), format!("{pointer}/creators/{j}/lang"));
        }
        let authors: Vec<Out> = item
            .creators
            .iter()
            .filter(|c| !c.name.trim().is_empty())
            .map(|c| {
                let mut agent = Out::obj();
                match c.name_type {
                    Some(NameType::Personal) => agent.push("@type", Out::str("Person")),
                    Some(NameType::Organizational) => agent.push("@type", Out::str("Organization")),
                    _ => {}
                }
                agent
                    .text("name", Some(&c.name))
                    .text("givenName", c.given_name.as_deref())
                    .text("familyName", c.family_name.as_deref())
                    .build()
            })
            .collect();
        if !authors.is_empty() {
            obj.push("author", Out::Arr(authors));
        }
    }

    fn item_common_losses(&mut self, item: &RelatedItem, pointer: &str) {
        if !item.contributors.is_empty() {
            self.lose(format!("{pointer}/contributors"), "a related work's contributors are not written".to_owned());
        }
        if item.number_type.is_some() {
            self.lose(format!("{pointer}/numberType"), "a related work's numberType is not written".to_owned());
        }
        if item.relation_type_information.is_some() && item.relation_type != Some(RelationType::Other) {
            self.lose(
                format!("{pointer}/relationTypeInformation"),
                "relation type information of a related work is not written".to_owned(),
            );
        }
    }

    /// A container (journal, book, series) as nested `isPartOf` objects; `None` when the item
    /// type has no container form.
    fn container(&mut self, item: &RelatedItem, pointer: &str) -> Option<Out> {
        let schema_type = container_schema_type(item.related_item_type.as_ref())?;
        let mut outer = Out::obj().set("@type", Out::str(schema_type));
        self.item_identifier(item, pointer, &mut outer);
        self.item_titles(item, pointer, &mut outer);
        self.item_creators(item, pointer, &mut outer);
        outer = outer.text("datePublished", item.publication_year.as_deref());
        if let Some(publisher) = item.publisher.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            outer.push(
                "publisher",
                Out::obj().set("@type", Out::str("Organization")).set("name", Out::str(publisher)).build(),
            );
        }
        if schema_type == "Book" {
            outer = outer.text("bookEdition", item.edition.as_deref());
        } else if item.edition.is_some() {
            self.lose(format!("{pointer}/edition"), format!("a {schema_type} has no edition; it is not written"));
        }
        if item.number.is_some() {
            self.lose(format!("{pointer}/number"), "a container's number is not written".to_owned());
        }
        self.item_common_losses(item, pointer);
        let mut container = outer.build();
        let volume = item.volume.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let issue = item.issue.as_deref().map(str::trim).filter(|v| !v.is_empty());
        if schema_type == "Periodical" {
            if let Some(volume) = volume {
                container = Out::obj()
                    .set("@type", Out::str("PublicationVolume"))
                    .set("volumeNumber", Out::str(volume))
                    .set("isPartOf", container)
                    .build();
            }
            if let Some(issue) = issue {
                container = Out::obj()
                    .set("@type", Out::str("PublicationIssue"))
                    .set("issueNumber", Out::str(issue))
                    .set("isPartOf", container)
                    .build();
            }
        } else {
            for (field, present) in [("volume", volume.is_some()), ("issue", issue.is_some())] {
                if present {
                    self.lose(
                        format!("{pointer}/{field}"),
                        format!("a {schema_type} has no {field}; it is not written"),
                    );
                }
            }
        }
        Some(container)
    }
}

/// A Codemeta property whose value is a plain URL.
fn is_codemeta_link(property: &str) -> bool {
    matches!(property, "issueTracker" | "continuousIntegration" | "readme" | "buildInstructions" | "relatedLink")
}

/// A related identifier as a URL where it has one.
fn identifier_url(related: &RelatedIdentifier) -> String {
    let text = related.related_identifier.trim();
    match related.related_identifier_type {
        Some(RelatedIdentifierType::Doi) => format!("https://doi.org/{}", doi_name(text)),
        _ => text.to_owned(),
    }
}

fn doi_name(text: &str) -> String {
    crosswalk_model::doi::normalise(text).unwrap_or_else(|| text.to_owned())
}

fn coordinates(point: &Point) -> Out {
    let number = |c: &crosswalk_model::Coordinate| {
        let text = c.as_str().trim();
        if crate::json::is_json_number(text) {
            Out::Raw(text.to_owned())
        } else {
            Out::str(text)
        }
    };
    Out::obj()
        .set("@type", Out::str("GeoCoordinates"))
        .set("latitude", number(&point.point_latitude))
        .set("longitude", number(&point.point_longitude))
        .build()
}

fn defined_term(subject: &Subject, text: &str) -> Out {
    let scheme = subject.subject_scheme.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let scheme_uri = subject.scheme_uri.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let value_uri = subject.value_uri.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let code = subject.classification_code.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if scheme.is_none() && scheme_uri.is_none() && value_uri.is_none() && code.is_none() {
        return Out::str(text);
    }
    // A text reads back as a URI when it has `://`, as a name otherwise; anything else is an object.
    let set = match (scheme, scheme_uri) {
        (Some(name), None) if !name.contains("://") => Some(Out::str(name)),
        (None, Some(uri)) if uri.contains("://") => Some(Out::str(uri)),
        (None, None) => None,
        (name, uri) => {
            Some(Out::obj().set("@type", Out::str("DefinedTermSet")).text("name", name).text("url", uri).build())
        }
    };
    Out::obj()
        .set("@type", Out::str("DefinedTerm"))
        .set("name", Out::str(text))
        .opt("inDefinedTermSet", set)
        .text("termCode", code)
        .text("url", value_uri)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codemeta_prefixes_terms_outside_its_context() {
        let tree = Out::obj()
            .set("@context", Out::str(CODEMETA_CONTEXT))
            .set("@type", Out::str("SoftwareSourceCode"))
            .set("name", Out::str("x"))
            .set("spatialCoverage", Out::obj().set("@type", Out::str("Place")).set("name", Out::str("Oslo")).build())
            .build();
        let renamed = codemeta_names(tree, true).to_pretty();
        assert!(renamed.contains("\"schema:spatialCoverage\""), "{renamed}");
        assert!(renamed.contains("\"@type\": \"schema:Place\""), "{renamed}");
        assert!(renamed.contains("\"name\": \"Oslo\""), "{renamed}");
        assert!(renamed.contains("\"@type\": \"SoftwareSourceCode\""), "{renamed}");
    }

    #[test]
    fn every_route_names_a_written_property() {
        for route in ROUTES {
            for property in [route.schema_org, route.codemeta].into_iter().flatten() {
                assert!(
                    SCHEMA_ORG_PROPERTIES_WRITTEN.contains(&property)
                        || CODEMETA_PROPERTIES_WRITTEN.contains(&property),
                    "{property}"
                );
            }
        }
    }
}

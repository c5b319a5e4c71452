//! The Codemeta reader: the 1.0, 2.0 and 3.0 vocabularies on our own fixtures
//! (`testdata/codemeta/`), and npm `package.json` manifests.

mod common;

use common::{assert_diagnostic, assert_located, fixture, no_errors, render, with_code};
use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, RelatedIdentifierType, RelationType, ResourceTypeGeneral,
};
use crosswalk_schemaorg::codemeta::read;

fn relation(record: &crosswalk_model::Record, identifier: &str) -> (RelationType, Option<String>) {
    let found = record
        .resource
        .related_identifiers
        .iter()
        .find(|r| r.related_identifier == identifier)
        .unwrap_or_else(|| panic!("no related identifier {identifier}: {}", render(std::slice::from_ref(record))));
    (found.relation_type.clone().unwrap(), found.relation_type_information.clone())
}

#[test]
fn codemeta_3_document() {
    let records = read(&fixture("codemeta/codemeta-v3.json"));
    assert!(no_errors(&records), "{}", render(&records));
    assert_located(&records);
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5072/tidewatch-1.4.0"), "the 3.0 context's `id` alias");
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Software), "the 3.0 context's `type` alias");
    assert_eq!(r.version.as_deref(), Some("1.4.0"));
    // The person and the Role naming them are one creator; the role is reported, not lost silently.
    assert_eq!(r.creators.len(), 2, "{}", render(&records));
    assert_eq!(r.creators[0].name, "Okafor, Maria");
    assert_eq!(with_code(record, crosswalk_schemaorg::SCHEMAORG_NAME_COMPOSED).len(), 1, "the person is read once");
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_ROLE_UNKNOWN, "/author/1/roleName");
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/author/1/startDate");
    let contributors: Vec<(&str, ContributorType)> =
        r.contributors.iter().map(|c| (c.name.as_str(), c.contributor_type.clone().unwrap())).collect();
    assert_eq!(
        contributors,
        [
            // Persons known by "Given Family" are split (people.name-split).
            ("Lima, Ana", ContributorType::ProjectMember),
            ("Okafor, Maria", ContributorType::ContactPerson),
            ("Coastal Lab", ContributorType::RightsHolder)
        ]
    );
    assert!(r.dates.iter().any(|d| d.date_type == Some(DateType::Available) && d.date == "2023-06-01"));
    assert!(r.dates.iter().any(|d| d.date_type == Some(DateType::Copyrighted) && d.date == "2023"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("Apache-2.0"));
    assert_eq!(relation(record, "https://git.example.org/coastal/tidewatch"), (RelationType::IsVersionOf, None));
    assert_eq!(
        relation(record, "https://git.example.org/coastal/tidewatch/issues"),
        (RelationType::Other, Some("issueTracker".into()))
    );
    assert_eq!(
        relation(record, "https://ci.example.org/coastal/tidewatch"),
        (RelationType::Other, Some("continuousIntegration".into()))
    );
    assert_eq!(
        relation(record, "https://git.example.org/coastal/tidewatch/README.md"),
        (RelationType::IsDocumentedBy, Some("readme".into()))
    );
    assert_eq!(relation(record, "10.5072/tidewatch-paper"), (RelationType::IsDescribedBy, None));
    assert_eq!(relation(record, "https://pypi.org/project/scipy/"), (RelationType::Requires, None));
    // A requirement without identifier is a related item of type Software.
    let numpy = r.related_items.iter().find(|i| i.titles[0].title == "numpy>=1.24").unwrap();
    assert_eq!(
        (numpy.related_item_type.clone(), numpy.relation_type.clone()),
        (Some(ResourceTypeGeneral::Software), Some(RelationType::Requires))
    );
    assert_eq!(r.formats, ["Python", "Fortran"]);
    let technical: Vec<&str> = r
        .descriptions
        .iter()
        .filter(|d| d.description_type == Some(DescriptionType::TechnicalInfo))
        .map(|d| d.description.as_str())
        .collect();
    assert_eq!(
        technical,
        [
            "Runtime platform: Python 3.9+",
            "Operating system: Linux",
            "Operating system: macOS",
            "Development status: active"
        ]
    );
    let funding = &r.funding_references[0];
    assert_eq!(
        (funding.funder_name.as_str(), funding.award_number.as_deref()),
        ("Ocean Science Foundation", Some("OSF-2022-17"))
    );
    assert_eq!(r.subjects.last().unwrap().subject, "Scientific software", "applicationCategory");
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/review");
}

#[test]
fn codemeta_2_document() {
    let record = &read(&fixture("codemeta/codemeta-v2.json"))[0];
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5072/gridder-0.9"));
    assert_eq!(
        relation(record, "https://ci.example.org/gridder"),
        (RelationType::Other, Some("continuousIntegration".into()))
    );
    assert_eq!(r.dates[0].date_type, Some(DateType::Available), "embargoDate");
    assert_eq!(r.rights_list.len(), 2);
    assert_eq!(r.subjects[2].subject, "interpolation (kriging, splines)");
    // Funding texts pair with the funders by position.
    let pairs: Vec<(&str, Option<&str>)> =
        r.funding_references.iter().map(|f| (f.funder_name.as_str(), f.award_number.as_deref())).collect();
    assert_eq!(pairs, [("Agency A", Some("Grant 123")), ("Agency B", Some("Grant 456"))]);
}

#[test]
fn codemeta_1_terms_are_read_and_reported() {
    let json = br#"{
      "@context": "https://raw.githubusercontent.com/codemeta/codemeta/1.0/codemeta.jsonld",
      "@type": "SoftwareSourceCode",
      "title": "Old style",
      "agents": [
        {"@type": "person", "name": "Author One", "mustBeCited": true, "isMaintainer": true,
         "role": {"namespace": "http://www.ngdc.noaa.gov/metadata/published/xsd/schema/resources/Codelist/gmxCodelists.xml#CI_RoleCode", "roleCode": ["originator"]}},
        {"@type": "organization", "name": "Host, Inc.", "role": {"roleCode": "custodian"}},
        {"@type": "person", "name": "Stranger", "role": {"roleCode": "astronaut"}}
      ],
      "tags": ["a", "b"],
      "licenseId": "GPL-3.0",
      "depends": "https://example.org/lib",
      "relationship": {"relationshipType": "isSupplementTo", "relatedIdentifier": "https://doi.org/10.5072/x", "relatedIdentifierType": "DOI"},
      "funding": "A grant statement"
    }"#;
    let record = &read(json)[0];
    let r = &record.resource;
    assert_eq!(r.titles[0].title, "Old style");
    assert_eq!(r.creators.len(), 1);
    assert_eq!(r.creators[0].name, "One, Author", "a person's \"Given Family\" is split");
    let contributors: Vec<(&str, ContributorType)> =
        r.contributors.iter().map(|c| (c.name.as_str(), c.contributor_type.clone().unwrap())).collect();
    assert_eq!(
        contributors,
        [
            ("One, Author", ContributorType::ContactPerson),
            ("Host, Inc.", ContributorType::DataCurator),
            ("Stranger", ContributorType::Other)
        ]
    );
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_ROLE_UNKNOWN, "/agents/2/role/roleCode");
    assert_eq!(r.subjects.len(), 2);
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("GPL-3.0"));
    assert_eq!(relation(record, "https://example.org/lib"), (RelationType::Requires, None));
    let related = r.related_identifiers.iter().find(|x| x.related_identifier == "10.5072/x").unwrap();
    assert_eq!(
        (related.relation_type.clone(), related.related_identifier_type.clone()),
        (Some(RelationType::IsSupplementTo), Some(RelatedIdentifierType::Doi))
    );
    assert_diagnostic(record, codes::VOCAB_NORMALISED, "/relationship/relationshipType");
    assert_eq!(r.funding_references[0].funder_name, "A grant statement");
    assert_diagnostic(record, crosswalk_schemaorg::CODEMETA_FUNDING_TEXT, "/funding");
    assert!(with_code(record, crosswalk_schemaorg::CODEMETA_LEGACY_TERM).len() >= 5);
}

#[test]
fn no_type_is_software_and_codemeta_terms_need_a_codemeta_context() {
    let record = &read(br#"{"@context": "https://w3id.org/codemeta/3.0", "name": "untyped"}"#)[0];
    assert_eq!(record.resource.types.resource_type_general, Some(ResourceTypeGeneral::Software));
    assert_eq!(with_code(record, crosswalk_schemaorg::CODEMETA_TYPE_ASSUMED).len(), 1);
    // In a Schema.org document, Codemeta's terms are not Schema.org's, unless prefixed.
    let schema = &crosswalk_schemaorg::schemaorg::read(
        br#"{"@context": ["https://schema.org", {"codemeta": "https://codemeta.github.io/terms/"}], "@type": "SoftwareSourceCode",
            "issueTracker": "https://example.org/issues", "codemeta:readme": "https://example.org/readme"}"#,
    )[0];
    assert_diagnostic(schema, codes::FIELD_UNMAPPED, "/issueTracker");
    assert_eq!(relation(schema, "https://example.org/readme"), (RelationType::IsDocumentedBy, Some("readme".into())));
}

#[test]
fn npm_package_json() {
    let records = read(&fixture("codemeta/package.json"));
    let record = &records[0];
    assert_located(&records);
    let r = &record.resource;
    assert_eq!(r.titles[0].title, "wave-tools");
    assert_eq!(r.creators[0].name, "Lena Fischer");
    assert_eq!(r.contributors[0].name, "Omar Said");
    assert_eq!(r.version.as_deref(), Some("2.3.1"));
    assert_eq!(r.url.as_deref(), Some("https://wave-tools.example.org"));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("BSD-3-Clause"));
    assert_eq!(relation(record, "https://github.com/example/wave-tools"), (RelationType::IsVersionOf, None));
    assert_eq!(
        relation(record, "https://github.com/example/wave-tools/issues"),
        (RelationType::Other, Some("issueTracker".into()))
    );
    assert_eq!(r.related_items[0].titles[0].title, "mathjs ^11.0.0");
    assert!(r.descriptions.iter().any(|d| d.description == "Runtime platform: node >=18"));
    assert_eq!(with_code(record, crosswalk_schemaorg::CODEMETA_NPM_PACKAGE).len(), 1);
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/devDependencies");
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/main");
    assert_diagnostic(record, codes::VALUE_NORMALISED, "/repository");
}

//! The Ruby converter's Schema.org and Codemeta fixtures in `../shared`: every one reads without a
//! panic, every diagnostic is located, and the values the fixtures exist for come out right.

mod common;

use std::path::Path;

use common::{assert_located, render, with_code};
use crosswalk_model::{
    codes, ContributorType, FunderIdentifierType, NameType, Record, RelationType, ResourceTypeGeneral,
};
use crosswalk_schemaorg::{codemeta, schemaorg};

fn fixture(shared: &Path, name: &str) -> Vec<Record> {
    let path = shared.join("reference/bolognese-fixtures").join(name);
    let bytes = crosswalk_testkit::read_bytes(&path);
    let records = if name.contains("codemeta") || name.ends_with("_package.json") {
        codemeta::read(&bytes)
    } else {
        schemaorg::read(&bytes)
    };
    assert!(!records.is_empty(), "{name}");
    assert_located(&records);
    records
}

#[test]
fn every_fixture_of_the_shared_directory_reads_without_panic() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.extend(std::fs::read_dir(dir.join("maremma")).unwrap().filter_map(|e| e.ok().map(|e| e.path())));
    for path in files.iter().filter(|p| p.is_file()) {
        let bytes = std::fs::read(path).unwrap();
        // Any input, JSON-LD or not, gives records and never a panic.
        for records in [schemaorg::read(&bytes), codemeta::read(&bytes)] {
            assert!(!records.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn schema_org_blog_posting() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "schema_org.json");
    let r = &records[0].resource;
    assert_eq!(r.doi.as_deref(), Some("10.5438/4K3M-NYVG"));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Text));
    assert_eq!(r.types.resource_type.as_deref(), Some("BlogPosting"));
    assert_eq!(r.creators[0].name, "Martin Fenner", "the name as written, not rewritten to Family, Given");
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    assert_eq!(r.publisher.as_ref().unwrap().publisher_identifier_scheme.as_deref(), Some("ROR"));
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.subjects.len(), 4);
    assert_eq!(r.related_identifiers.iter().filter(|x| x.relation_type == Some(RelationType::References)).count(), 2);
    let blog = &r.related_items[0];
    assert_eq!(
        (blog.relation_type.clone(), blog.titles[0].title.as_str()),
        (Some(RelationType::IsPublishedIn), "DataCite Blog")
    );
    assert_eq!(r.formats, ["application/xml"]);
    assert!(!with_code(&records[0], codes::FIELD_UNMAPPED).is_empty(), "image has no home");
}

#[test]
fn schema_org_type_as_array() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "schema_org_type_as_array.json");
    let r = &records[0].resource;
    assert_eq!(r.creators[0].name_type, Some(NameType::Personal), "@type [\"Person\"]");
    assert_eq!(r.creators[0].affiliation[0].name, "DataCite");
    assert_eq!(r.doi.as_deref(), Some("10.5438/4k3m-nyvg"));
}

#[test]
fn schema_org_datacite_4_6_attributes() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "schema_org_4.6_attributes.json");
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Project));
    assert_eq!(r.types.resource_type.as_deref(), Some("Research Project"));
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    let translator = r.contributors.iter().find(|c| c.contributor_type == Some(ContributorType::Translator)).unwrap();
    assert_eq!(translator.family_name.as_deref(), Some("Ross"));
    let translations: Vec<RelationType> =
        r.related_identifiers.iter().map(|x| x.relation_type.clone().unwrap()).collect();
    assert_eq!(translations, [RelationType::HasTranslation, RelationType::IsTranslationOf]);
    assert_eq!(r.sizes, ["1 MB"], "contentSize (the Ruby converter reads a misspelt key and loses it)");
    assert_eq!(r.geo_locations[0].places, ["Vancouver, British Columbia, Canada"]);
    assert_eq!(r.geo_locations[0].points[0].point_latitude.as_str(), "49.2827");
    assert_eq!(record.origin.schema.as_deref(), Some("http://datacite.org/schema/kernel-4"));
    assert_eq!(with_code(record, crosswalk_schemaorg::SCHEMAORG_AGENCY).len(), 1);
}

#[test]
fn schema_org_geolocation_and_geoshape() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let r = &fixture(&shared, "schema_org_geolocation.json")[0].resource;
    assert_eq!(r.geo_locations[0].places, ["Providence Creek (Lower, Upper and P301)"]);
    assert_eq!(r.geo_locations[0].points[0].point_longitude.as_str(), "-119.221094");
    assert_eq!(r.subjects.last().unwrap().subject, "Sierra (mountain range)");
    assert_eq!(
        r.funding_references[0].funder_name,
        "National Science Foundation, Division of Earth Sciences, Critical Zone Observatories"
    );
    let records = fixture(&shared, "schema_org_geoshape.json");
    let r = &records[0].resource;
    let b = &r.geo_locations[0].boxes[0];
    assert_eq!(
        (
            b.south_bound_latitude.as_str(),
            b.west_bound_longitude.as_str(),
            b.north_bound_latitude.as_str(),
            b.east_bound_longitude.as_str()
        ),
        ("-64.3088", "-168.5182", "79.6753", "174.9006")
    );
    assert_eq!(r.dates[1].date, "2009-09-07T00:00:00/2013-10-27T00:00:00");
    assert_eq!(r.content_url.len(), 2, "distribution");
    assert_eq!(r.creators[0].name, "Tara Oceans Consortium, Coordinators", "an organisation's name is not split");
    assert_eq!(r.related_items[0].titles[0].title, "PANGAEA", "includedInDataCatalog");
    assert_eq!(r.related_identifiers[0].related_identifier, "10.1038/sdata.2015.23");
    assert!(!with_code(&records[0], codes::FIELD_UNMAPPED).is_empty(), "variableMeasured has no home");
}

#[test]
fn schema_org_gtex_and_topmed() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let r = &fixture(&shared, "schema_org_gtex.json")[0].resource;
    assert_eq!(r.funding_references.len(), 7);
    assert!(r
        .funding_references
        .iter()
        .all(|f| f.funder_identifier_type == Some(FunderIdentifierType::CrossrefFunderId)));
    assert_eq!(r.alternate_identifiers[0].alternate_identifier_type.as_deref(), Some("md5"));
    assert_eq!(r.version.as_deref(), Some("v7"));
    let r = &fixture(&shared, "schema_org_topmed.json")[0].resource;
    assert_eq!(r.content_url.len(), 2);
    assert_eq!(r.types.resource_type.as_deref(), Some("CRAM file"));
    assert_eq!(r.related_identifiers[0].resource_type_general, Some(ResourceTypeGeneral::Dataset));
}

#[test]
fn schema_org_list_gives_one_record_per_item() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "schema_org_list.json");
    assert!(records.len() > 200, "{}", records.len());
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record.origin.index, i);
        assert!(record.resource.doi.is_some(), "record {i}");
        assert!(!record.has_errors(), "{}", render(std::slice::from_ref(record)));
    }
    // `funding` naming an Organization is read as the funder.
    let funded = records.iter().find(|r| !r.resource.funding_references.is_empty()).unwrap();
    assert!(funded.resource.funding_references[0].funder_name.contains("NHLBI"));
}

#[test]
fn schema_org_invalid_authors() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "schema_org_tdl_iodp_invalid_authors.json");
    let record = &records[0];
    assert_eq!(record.resource.creators.len(), 1, "a name list is kept as written, and reported");
    assert_eq!(with_code(record, crosswalk_schemaorg::SCHEMAORG_NAME_LIST).len(), 1);
    assert_eq!(record.resource.types.resource_type_general, Some(ResourceTypeGeneral::Dataset), "DataSet");
    assert!(with_code(record, codes::VALUE_INVALID).iter().any(|d| d.message.contains("swapped")));
}

#[test]
fn aida_dataset() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let records = fixture(&shared, "aida.json");
    let r = &records[0].resource;
    assert_eq!(r.creators.len(), 4);
    assert!(r.creators[1].name_identifiers.is_empty(), "a bare ORCID resolver is not an identifier");
    assert_eq!(r.rights_list[0].rights.as_deref(), Some("Restricted access"));
    assert!(r.rights_list[0].rights_uri.as_deref().unwrap().ends_with("#license"));
    assert_eq!(r.subjects[0].subject, "Pathology", "about");
    assert!(r.dates.iter().any(|d| d.date == "2019" && d.date_type == Some(crosswalk_model::DateType::Copyrighted)));
    assert_eq!(r.contributors.iter().filter(|c| c.contributor_type == Some(ContributorType::RightsHolder)).count(), 2);
    assert_eq!(r.contributors.iter().filter(|c| c.contributor_type == Some(ContributorType::Distributor)).count(), 4);
}

#[test]
fn codemeta_fixtures() {
    let shared = crosswalk_testkit::shared_or_skip!();
    for name in ["codemeta.json", "codemeta_v2.json"] {
        let records = fixture(&shared, name);
        let r = &records[0].resource;
        assert_eq!(r.doi.as_deref(), Some("10.5063/F1M61H5X"), "{name}");
        assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Software), "{name}");
        assert_eq!(r.titles[0].title, "R Interface to the DataONE REST API", "{name}");
        assert_eq!(r.creators.len(), 2, "{name}: {}", render(&records));
        assert_eq!(r.creators[0].name_type, Some(NameType::Personal));
        let holder = r.contributors.iter().find(|c| c.name == "University of California, Santa Barbara").unwrap();
        assert_eq!(
            (holder.contributor_type.clone(), holder.name_type.clone()),
            (Some(ContributorType::RightsHolder), Some(NameType::Organizational))
        );
        assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("Apache-2.0"));
        assert_eq!(r.subjects.len(), 3);
        assert_eq!(r.content_url.len(), 1, "downloadLink and zippedCode name the same file");
        assert!(
            r.related_identifiers.iter().any(|x| x.relation_type == Some(RelationType::IsVersionOf)),
            "codeRepository"
        );
    }
    let records = fixture(&shared, "maremma/codemeta.json");
    let r = &records[0].resource;
    assert_eq!(r.doi.as_deref(), Some("10.5438/QEG0-3GM3"));
    // A `Person` known by "Given Family" is split, as DataCite asks (people.name-split).
    assert_eq!(r.creators[0].name, "Fenner, Martin");
    assert_eq!(r.creators[0].given_name.as_deref(), Some("Martin"));
    assert_eq!(r.creators[0].family_name.as_deref(), Some("Fenner"));
    assert!(records[0].diagnostics.iter().any(|d| d.code == crosswalk_rules::NAME_SPLIT));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("MIT"));
    assert_eq!(r.formats, ["Ruby"]);
}

#[test]
fn npm_packages() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let r = &fixture(&shared, "cgimp_package.json")[0].resource;
    assert_eq!((r.titles[0].title.as_str(), r.version.as_deref()), ("fullstack_app", Some("1.0.0")));
    assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("ISC"));
    assert_eq!(r.related_items.len(), 3, "dependencies");
    assert!(r.creators.is_empty(), "an empty author is nobody");
    let r = &fixture(&shared, "edam_package.json")[0].resource;
    assert_eq!(r.creators[0].name, "Bryan Brancotte");
    let r = &fixture(&shared, "cit_package.json")[0].resource;
    assert_eq!(r.descriptions[0].description, "Concealed Information Test app");
}

#[test]
fn crosscite_json_is_not_json_ld() {
    let shared = crosswalk_testkit::shared_or_skip!();
    // crosscite.json is DataCite's older JSON, not JSON-LD: the reader says so rather than guess.
    let records = fixture(&shared, "crosscite.json");
    let record = &records[0];
    assert_eq!(with_code(record, crosswalk_schemaorg::JSONLD_CONTEXT_MISSING).len(), 1);
    assert_eq!(with_code(record, crosswalk_schemaorg::SCHEMAORG_TYPE_MISSING).len(), 1);
    assert!(with_code(record, codes::FIELD_UNMAPPED).len() > 5);
}

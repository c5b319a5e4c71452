//! The Schema.org reader on our own fixtures (`testdata/schema-org/`) and on small inline
//! documents, one per variant the reader accepts.

mod common;

use common::{assert_diagnostic, assert_located, fixture, no_errors, render, with_code};
use crosswalk_model::{
    codes, ContributorType, DateType, DescriptionType, FunderIdentifierType, NameType, RelatedIdentifierType,
    RelationType, ResourceTypeGeneral, Severity, TitleType,
};
use crosswalk_schemaorg::schemaorg::read;
use crosswalk_schemaorg::{SCHEMAORG_TYPE_UNKNOWN, SCHEMA_ORG_TYPES};

fn one(json: &str) -> crosswalk_model::Record {
    let mut records = read(json.as_bytes());
    assert_eq!(records.len(), 1, "{}", render(&records));
    records.remove(0)
}

#[test]
fn full_dataset_maps_every_part() {
    let records = read(&fixture("schema-org/dataset-full.jsonld"));
    assert_located(&records);
    let record = &records[0];
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5072/ocean-temp-2021"));
    assert_eq!(r.url.as_deref(), Some("https://data.example.org/datasets/ocean-temp-2021"));
    let alternates: Vec<(&str, &str)> = r
        .alternate_identifiers
        .iter()
        .map(|a| (a.alternate_identifier.as_str(), a.alternate_identifier_type.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        alternates,
        [("OT-2021-044", "Local accession number"), ("https://hdl.handle.net/20.500.12345/044", "Handle")]
    );
    assert_eq!(r.titles[0].title, "Sea surface temperature of the Skagerrak, 2019–2021");
    assert_eq!(r.titles[0].lang.as_deref(), Some("en"));
    assert_eq!(r.titles[1].title_type, Some(TitleType::AlternativeTitle));
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::Dataset));
    assert_eq!(r.types.resource_type.as_deref(), Some("Gridded observations"));

    // Agents: a Person with ORCID and a ROR affiliation, an organisation subtype, a plain name.
    assert_eq!(r.creators.len(), 3);
    assert_eq!(r.creators[0].name, "Nilsen, Ingrid");
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    assert_eq!(r.creators[0].affiliation[0].affiliation_identifier_scheme.as_deref(), Some("ROR"));
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    assert_eq!(r.creators[2].name, "Erik Haugen");
    assert_eq!(r.creators[2].name_type, None, "no evidence, no nameType");
    let contributors: Vec<(&str, ContributorType)> =
        r.contributors.iter().map(|c| (c.name.as_str(), c.contributor_type.clone().unwrap())).collect();
    assert_eq!(
        contributors,
        [
            // Persons known by "Given Family" are split (people.name-split).
            ("Berg, Solveig", ContributorType::DataCurator),
            ("Moe, Lars", ContributorType::Other),
            ("Lund, Kari", ContributorType::Editor)
        ]
    );
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_ROLE_UNKNOWN, "/contributor/1/roleName");
    assert_eq!(r.publisher.as_ref().unwrap().publisher_identifier_scheme.as_deref(), Some("ROR"));

    // Dates, year, keywords split outside parentheses and brackets.
    assert_eq!(r.publication_year.as_deref(), Some("2021"));
    let dates: Vec<(&str, DateType)> =
        r.dates.iter().map(|d| (d.date.as_str(), d.date_type.clone().unwrap())).collect();
    assert_eq!(
        dates,
        [
            ("2021-11-03", DateType::Issued),
            ("2021-10-15", DateType::Created),
            ("2022-01-20", DateType::Updated),
            ("2019-01-01/2021-12-31", DateType::Coverage)
        ]
    );
    let subjects: Vec<&str> = r.subjects.iter().map(|s| s.subject.as_str()).collect();
    assert_eq!(
        subjects,
        ["ocean temperature", "Skagerrak", "remote sensing (satellite, buoys)", "climate [North Sea, Baltic]"]
    );
    assert_eq!(r.language.as_deref(), Some("en"));
    assert_eq!(r.version.as_deref(), Some("2.10"), "a number keeps its spelling");

    // Descriptions: a language-tagged one and the method.
    assert_eq!(r.descriptions[1].lang.as_deref(), Some("no"));
    assert_eq!(r.descriptions[2].description_type, Some(DescriptionType::Methods));

    // Files.
    assert_eq!(r.content_url.len(), 2);
    assert_eq!(r.formats, ["application/x-netcdf", "text/csv"]);
    assert_eq!(r.sizes, ["1.2 GB"]);

    // Places: a named box, a polygon written with commas, a point keeping its digits, a name.
    assert_eq!(r.geo_locations.len(), 4);
    assert_eq!(r.geo_locations[0].places, ["Skagerrak"]);
    let b = &r.geo_locations[0].boxes[0];
    assert_eq!(
        (
            b.south_bound_latitude.as_str(),
            b.west_bound_longitude.as_str(),
            b.north_bound_latitude.as_str(),
            b.east_bound_longitude.as_str()
        ),
        ("57.0", "7.5", "59.5", "11.0")
    );
    assert_eq!(r.geo_locations[1].polygons[0].points.len(), 4);
    assert_eq!(r.geo_locations[2].points[0].point_latitude.as_str(), "58.150");
    assert_eq!(r.geo_locations[3].places, ["Oslofjord"]);

    // Funding: a funder and a MonetaryGrant with its own funder.
    let funding = &r.funding_references;
    assert_eq!(funding[0].funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    assert_eq!(funding[1].funder_name, "Nordic Ocean Fund");
    assert_eq!(funding[1].funder_identifier_type, Some(FunderIdentifierType::Ror));
    assert_eq!(funding[1].award_number.as_deref(), Some("301234"));
    assert_eq!(funding[1].award_title.as_deref(), Some("Coastal heat waves"));

    // Relations, with @reverse, and a cited work known only by its description.
    let relations: Vec<(&str, RelationType)> = r
        .related_identifiers
        .iter()
        .map(|x| (x.related_identifier.as_str(), x.relation_type.clone().unwrap()))
        .collect();
    assert_eq!(
        relations,
        [
            ("10.5072/buoys-raw", RelationType::IsDerivedFrom),
            ("10.5072/method-paper", RelationType::References),
            ("https://data.example.org/mirror/ot-2021", RelationType::IsIdenticalTo),
            ("10.5072/ocean-temp-2021.part1", RelationType::HasPart),
            ("10.5072/uses-it", RelationType::IsReferencedBy),
        ]
    );
    assert_eq!(r.related_identifiers[0].resource_type_general, Some(ResourceTypeGeneral::Dataset));
    let cited = &r.related_items[0];
    assert_eq!(cited.relation_type, Some(RelationType::References));
    assert_eq!(cited.titles[0].title, "A regional temperature climatology");
    assert_eq!(cited.creators[0].name, "Dahl, Per");
    assert_eq!(cited.publication_year.as_deref(), Some("2018"));
    let catalog = &r.related_items[1];
    assert_eq!(catalog.relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(catalog.related_item_type, Some(ResourceTypeGeneral::Collection));

    // What has no home is reported with its pointer and position.
    let image = assert_diagnostic(record, codes::FIELD_UNMAPPED, "/image");
    assert_eq!(image.location.line, Some(78));
}

#[test]
fn context_variants_are_all_schema_org() {
    for context in [
        r#""http://schema.org""#,
        r#""https://schema.org/""#,
        r#"["https://schema.org", {"@language": "en"}]"#,
        r#"{"@vocab": "http://schema.org/"}"#,
        r#"{"@vocab": "https://schema.org/", "schema": "https://schema.org/"}"#,
        r#""https://schema.org/docs/jsonldcontext.jsonld""#,
    ] {
        let record =
            one(&format!(r#"{{"@context": {context}, "@type": "Dataset", "name": "x", "schema:version": "1"}}"#));
        assert!(record.diagnostics.is_empty(), "{context}: {}", render(std::slice::from_ref(&record)));
        assert_eq!(record.resource.version.as_deref(), Some("1"), "{context}");
    }
    let record = one(
        r#"{"@context": "https://schema.org", "@type": "Dataset", "http://schema.org/name": "Full IRI key", "https://schema.org/version": "2"}"#,
    );
    assert_eq!(record.resource.titles[0].title, "Full IRI key");
    assert_eq!(record.resource.version.as_deref(), Some("2"));
    let record = one(r#"{"@type": "Dataset", "name": "no context"}"#);
    let missing = with_code(&record, crosswalk_schemaorg::JSONLD_CONTEXT_MISSING);
    assert_eq!((missing.len(), missing[0].location.line), (1, Some(1)));
    assert_eq!(record.resource.titles[0].title, "no context");
}

#[test]
fn graph_gives_one_record_per_work_and_resolves_references() {
    let records = read(&fixture("schema-org/graph.jsonld"));
    assert_eq!(records.len(), 2, "{}", render(&records));
    assert_located(&records);
    let first = &records[0];
    assert_eq!(first.resource.titles[0].title, "Lake ice phenology, Finland");
    assert_eq!(first.resource.creators[0].name, "Finnish Environment Institute");
    assert_eq!(first.resource.publisher.as_ref().unwrap().name, "Finnish Environment Institute");
    assert_eq!(
        first.resource.publisher.as_ref().unwrap().publisher_identifier.as_deref(),
        Some("https://ror.org/013nat269")
    );
    assert_diagnostic(first, crosswalk_schemaorg::JSONLD_NODE_UNUSED, "/@graph/4");
    assert_diagnostic(first, codes::FIELD_UNMAPPED, "/@graph/0/dct:conformsTo");
    let second = &records[1];
    assert_eq!(second.origin.index, 1);
    assert_eq!(second.resource.creators.len(), 2);
    let researcher = &second.resource.creators[1];
    assert_eq!(researcher.name_identifiers[0].name_identifier, "0000-0002-5555-1234");
    assert_eq!(researcher.name_identifiers[0].name_identifier_scheme.as_deref(), Some("ORCID"));
    // isPartOf the other work of the graph, which has a name but no public identifier.
    assert_eq!(second.resource.related_items[0].titles[0].title, "Lake ice phenology, Finland");
    assert_eq!(second.resource.related_items[0].relation_type, Some(RelationType::IsPartOf));
}

#[test]
fn html_landing_page_main_entity() {
    let records = read(&fixture("schema-org/landing-page.html"));
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert!(no_errors(&records), "{}", render(&records));
    assert_eq!(record.resource.doi.as_deref(), Some("10.5072/soil-c-jutland"));
    assert_eq!(record.resource.titles[0].title, "Soil carbon stocks, Jutland");
    assert_eq!(record.resource.rights_list[0].rights_identifier.as_deref(), Some("CC-BY-4.0"));
    assert_eq!(with_code(record, crosswalk_schemaorg::JSONLD_HTML).len(), 1);
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_MAIN_ENTITY, "/mainEntity");
    let html = read(b"<html><body>no data</body></html>");
    assert!(html[0].has_errors());
}

#[test]
fn article_in_journal_is_a_journal_article_with_its_container() {
    let record = &read(&fixture("schema-org/article-in-journal.jsonld"))[0];
    let r = &record.resource;
    assert_eq!(r.types.resource_type_general, Some(ResourceTypeGeneral::JournalArticle));
    assert_eq!(r.types.derived().unwrap().schema_org, "ScholarlyArticle");
    assert_eq!(r.titles.len(), 1, "headline equal to name is one title");
    assert_eq!(r.titles[0].lang.as_deref(), Some("de"), "the context's @language");
    let journal = &r.related_items[0];
    assert_eq!(journal.relation_type, Some(RelationType::IsPublishedIn));
    assert_eq!(journal.related_item_type, Some(ResourceTypeGeneral::Journal));
    assert_eq!(journal.titles[0].title, "Zeitschrift für Flechtenkunde");
    assert_eq!((journal.volume.as_deref(), journal.issue.as_deref()), (Some("44"), Some("2")));
    assert_eq!((journal.first_page.as_deref(), journal.last_page.as_deref()), (Some("201"), Some("219")));
    let issn = journal.related_item_identifier.as_ref().unwrap();
    assert_eq!(
        (issn.related_item_identifier.as_str(), issn.related_item_identifier_type.clone()),
        ("1234-5679", Some(RelatedIdentifierType::Issn))
    );
    assert_eq!(journal.publisher.as_deref(), Some("Verlag Beispiel"));
    assert_eq!(r.subjects[0].classification_code.as_deref(), Some("LI-1"));
    assert_eq!(r.subjects[0].scheme_uri.as_deref(), Some("https://example.org/subjects"));
    assert!(r.related_identifiers.is_empty(), "the ISSN is the related item's identifier only");
}

#[test]
fn type_variants() {
    let records = read(&fixture("schema-org/type-variants.jsonld"));
    let types: Vec<(Option<ResourceTypeGeneral>, Option<&str>)> = records
        .iter()
        .map(|r| (r.resource.types.resource_type_general.clone(), r.resource.types.resource_type.as_deref()))
        .collect();
    assert_eq!(
        types,
        [
            (Some(ResourceTypeGeneral::Text), Some("BlogPosting")),
            (Some(ResourceTypeGeneral::Software), Some("SoftwareApplication")),
            (Some(ResourceTypeGeneral::Dissertation), None),
            (Some(ResourceTypeGeneral::Other), Some("Hovercraft")),
            (Some(ResourceTypeGeneral::JournalArticle), None),
            (None, None),
        ]
    );
    assert_eq!(records[2].resource.language.as_deref(), Some("fr"));
    assert_diagnostic(&records[3], SCHEMAORG_TYPE_UNKNOWN, "/3/@type");
    assert_diagnostic(&records[5], crosswalk_schemaorg::SCHEMAORG_TYPE_MISSING, "/5");
    assert!(records.iter().enumerate().all(|(i, r)| r.origin.index == i));
}

#[test]
fn every_schema_org_type_reads_and_derives_back_where_it_can() {
    for (name, general) in SCHEMA_ORG_TYPES {
        let record = one(&format!(r#"{{"@context": "https://schema.org", "@type": "{name}", "name": "x"}}"#));
        assert_eq!(record.resource.types.resource_type_general.as_ref(), Some(general), "{name}");
        assert!(with_code(&record, SCHEMAORG_TYPE_UNKNOWN).is_empty(), "{name}");
        // The type is recoverable: derived from the general type, or kept in resourceType.
        let derived = record.resource.types.derived().unwrap().schema_org;
        let kept = record.resource.types.resource_type.as_deref();
        assert!(derived == *name || kept == Some(*name), "{name}: derived {derived}, kept {kept:?}");
    }
}

#[test]
fn messy_input_is_reported_precisely() {
    let records = read(&fixture("schema-org/messy.jsonld"));
    let record = &records[0];
    assert_located(&records);
    let r = &record.resource;
    assert_eq!(r.titles[0].title, "Messy record, second name wins");
    assert_diagnostic(record, crosswalk_schemaorg::JSONLD_DUPLICATE_KEY, "/name");
    assert_diagnostic(record, crosswalk_schemaorg::JSONLD_CONTEXT_UNKNOWN, "/@context");
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_NAME_LIST, "/author");
    assert_eq!(r.creators.len(), 1, "a name list stays one name; the nameless Person is left out");
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_AGENT_UNNAMED, "/creator");
    assert_diagnostic(record, codes::FIELD_REPEATED, "/publisher/1");
    assert_diagnostic(record, codes::FIELD_REPEATED, "/url/1");
    assert_diagnostic(record, codes::FIELD_REPEATED, "/inLanguage/1");
    let converted = assert_diagnostic(record, codes::VALUE_NORMALISED, "/datePublished");
    assert_eq!(converted.severity, Severity::Info);
    assert_eq!(r.dates.iter().find(|d| d.date_type == Some(DateType::Issued)).unwrap().date, "2019-04-10");
    assert_diagnostic(record, codes::VALUE_INVALID, "/dateCreated");
    assert_diagnostic(record, codes::VALUE_INVALID, "/spatialCoverage/geo/box");
    assert_diagnostic(record, crosswalk_schemaorg::SCHEMAORG_GRANT_WITHOUT_FUNDER, "/funding");
    assert_diagnostic(record, codes::VALUE_EMPTY, "/keywords/0");
    assert_diagnostic(record, codes::VALUE_INVALID, "/version");
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/foaf:homepage");
    assert_diagnostic(record, codes::FIELD_UNMAPPED, "/thumbnailUrl");
    let lines: Vec<u32> = record.diagnostics.iter().filter_map(|d| d.location.line).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "diagnostics in source order: {lines:?}");
}

#[test]
fn bad_json_is_an_error_with_line_and_column() {
    let records = read(&fixture("schema-org/broken.jsonld"));
    assert_eq!(records.len(), 1);
    let d = &records[0].diagnostics[0];
    assert_eq!(d.code, crosswalk_schemaorg::JSONLD_SYNTAX);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!((d.location.line, d.location.column), (Some(5), Some(3)));
    for (input, code) in [
        ("", crosswalk_schemaorg::JSONLD_SYNTAX),
        ("   \n", crosswalk_schemaorg::JSONLD_SYNTAX),
        ("[]", crosswalk_schemaorg::JSONLD_NO_ITEMS),
        ("\"a string\"", crosswalk_schemaorg::JSONLD_SHAPE),
        (
            "{\"@context\": \"https://schema.org\", \"@graph\": [{\"@type\": \"Person\", \"name\": \"A\"}]}",
            crosswalk_schemaorg::JSONLD_NO_ITEMS,
        ),
        ("{\"name\": \"x\"", crosswalk_schemaorg::JSONLD_SYNTAX),
    ] {
        let records = read(input.as_bytes());
        assert!(
            records[0].diagnostics.iter().any(|d| d.code == code && d.is_error()),
            "{input:?}: {}",
            render(&records)
        );
    }
}

#[test]
fn lists_and_json_lines_give_one_record_each_in_order() {
    let lines = concat!(
        r#"{"@context": "https://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5072/a", "name": "A"}"#,
        "\n",
        r#"{"@context": "https://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5072/b", "name": "B"}"#,
        "\n",
        "not json\n"
    );
    let records = read(lines.as_bytes());
    assert_eq!(records.len(), 3, "{}", render(&records));
    assert_eq!(records[0].origin.key.as_deref(), Some("10.5072/a"));
    assert_eq!((records[1].origin.key.as_deref(), records[1].origin.line), (Some("10.5072/b"), Some(2)));
    assert!(records[2].has_errors());
    assert_eq!(records[2].diagnostics[0].location.line, Some(3));
    let list = read(br#"[{"@type": "Dataset", "name": "A"}, 5, {"@type": "Book", "name": "B"}]"#);
    assert_eq!(list.len(), 3);
    assert_diagnostic(&list[1], crosswalk_schemaorg::JSONLD_SHAPE, "/1");
    assert_eq!(list[2].resource.types.resource_type_general, Some(ResourceTypeGeneral::Book));
}

#[test]
fn identifiers_in_every_form() {
    let record = one(r##"{"@context": "https://schema.org", "@type": "Dataset", "@id": "#local",
            "identifier": ["doi:10.5072/ABC", {"@id": "https://example.org/record/1"}, "ark:/12345/x9",
                {"@type": "PropertyValue", "propertyID": "DOI", "value": "not-a-doi"},
                {"@type": "PropertyValue", "propertyID": "DOI", "value": "https://doi.org/10.5072/other"}]}"##);
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.5072/ABC"), "case kept, scheme removed");
    let alternates: Vec<(&str, &str)> = r
        .alternate_identifiers
        .iter()
        .map(|a| (a.alternate_identifier.as_str(), a.alternate_identifier_type.as_deref().unwrap()))
        .collect();
    assert_eq!(
        alternates,
        [
            ("https://example.org/record/1", "URL"),
            ("ark:/12345/x9", "ARK"),
            ("not-a-doi", "DOI"),
            ("10.5072/other", "DOI")
        ]
    );
    assert_diagnostic(&record, codes::VALUE_INVALID, "/identifier/3");
}

#[test]
fn licences_in_every_form() {
    let record = one(r#"{"@context": "https://schema.org", "@type": "SoftwareSourceCode",
            "license": ["https://spdx.org/licenses/GPL-3.0-or-later.html", "MIT", "All rights reserved",
                {"@type": "CreativeWork", "name": "Custom licence", "url": "https://example.org/licence"},
                {"@id": "https://creativecommons.org/licenses/by/4.0/"}]}"#);
    let rights = &record.resource.rights_list;
    assert_eq!(rights[0].rights_identifier.as_deref(), Some("GPL-3.0-or-later"));
    assert_eq!(rights[0].rights_uri.as_deref(), Some("https://spdx.org/licenses/GPL-3.0-or-later.html"));
    assert_eq!(
        (rights[1].rights_identifier.as_deref(), rights[1].rights_identifier_scheme.as_deref()),
        (Some("MIT"), Some("SPDX"))
    );
    assert_eq!(rights[2].rights.as_deref(), Some("All rights reserved"));
    assert_eq!(
        (rights[3].rights.as_deref(), rights[3].rights_uri.as_deref()),
        (Some("Custom licence"), Some("https://example.org/licence"))
    );
    assert_eq!(rights[4].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by/4.0/"));
}

#[test]
fn agents_as_strings_arrays_objects_and_roles() {
    let record = one(r#"{"@context": "https://schema.org", "@type": "Dataset",
            "author": "University of California, Santa Barbara",
            "creator": [{"@type": "Organization", "name": "Lab, Dept. of Ocean Science", "@id": "https://ror.org/02t274463"},
                        {"name": "No Type", "sameAs": ["https://orcid.org/0000-0002-1825-0097", "https://www.wikidata.org/wiki/Q42"]}],
            "contributor": {"@type": "Role", "roleName": "data curator", "contributor": {"@type": "Person", "name": "Pat"}},
            "copyrightHolder": {"@type": "Corporation", "name": "Acme"},
            "provider": [{"@type": "Organization", "name": "DataCite"}, {"@type": "Organization", "name": "Host Archive"}]}"#);
    let r = &record.resource;
    assert_eq!(r.creators[0].name, "University of California, Santa Barbara");
    assert!(with_code(&record, crosswalk_schemaorg::SCHEMAORG_NAME_LIST).is_empty(), "one comma is not a list");
    assert_eq!(r.creators[1].name, "Lab, Dept. of Ocean Science", "an organisation's name is never split");
    assert_eq!(r.creators[1].name_type, Some(NameType::Organizational));
    assert_eq!(r.creators[2].name_type, Some(NameType::Personal), "an ORCID is evidence");
    assert_eq!(r.creators[2].name_identifiers.len(), 2);
    assert_eq!(r.creators[2].name_identifiers[1].name_identifier_scheme.as_deref(), Some("Wikidata"));
    let types: Vec<ContributorType> = r.contributors.iter().map(|c| c.contributor_type.clone().unwrap()).collect();
    assert_eq!(types, [ContributorType::DataCurator, ContributorType::RightsHolder, ContributorType::Distributor]);
    assert_diagnostic(&record, codes::VOCAB_NORMALISED, "/contributor/roleName");
    assert_diagnostic(&record, crosswalk_schemaorg::SCHEMAORG_AGENCY, "/provider/0");
}

#[test]
fn funders_and_grants() {
    let record = one(r#"{"@context": "https://schema.org", "@type": "Dataset",
            "funder": [{"@type": "Organization", "name": "ISNI Funder", "identifier": "https://isni.org/isni/0000000123456789"},
                       {"@type": "Organization", "name": "Typed", "identifier": {"@type": "PropertyValue", "propertyID": "Crossref Funder ID", "value": "501100000780"}}],
            "funding": [{"@type": "Grant", "identifier": {"@type": "PropertyValue", "value": "ERC-123"}, "name": "Big grant",
                         "funder": [{"@type": "Organization", "name": "ERC"}, {"@type": "Organization", "name": "EU"}]},
                        {"@type": "Organization", "name": "Funding given as an organisation", "@id": "https://doi.org/10.13039/100000001"}]}"#);
    let f = &record.resource.funding_references;
    assert_eq!(f.len(), 5, "{}", render(std::slice::from_ref(&record)));
    assert_eq!(f[0].funder_identifier_type, Some(FunderIdentifierType::Isni));
    assert_eq!(f[1].funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    assert_eq!((f[2].funder_name.as_str(), f[2].award_number.as_deref()), ("ERC", Some("ERC-123")));
    assert_eq!((f[3].funder_name.as_str(), f[3].award_title.as_deref()), ("EU", Some("Big grant")));
    assert_eq!(f[4].funder_identifier_type, Some(FunderIdentifierType::CrossrefFunderId));
    assert_diagnostic(&record, codes::VALUE_NORMALISED, "/funding/1");
}

#[test]
fn places_and_coordinates() {
    let record = one(r#"{"@context": "https://schema.org", "@type": "Dataset",
            "spatialCoverage": [
              {"@type": "Place", "name": "Inverted", "geo": {"@type": "GeoCoordinates", "latitude": 91.6, "longitude": 3.0}},
              {"@type": "GeoShape", "polygon": "1 1 1 2 2 2 1 3"},
              {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Tromsø", "addressCountry": "NO"},
               "geo": {"@type": "GeoCircle", "geoMidpoint": {"@type": "GeoCoordinates", "latitude": "69.65", "longitude": "18.96"}, "geoRadius": "5000"}}
            ]}"#);
    let geo = &record.resource.geo_locations;
    assert_eq!(geo[0].points[0].point_latitude.as_str(), "91.6", "kept as written");
    let swapped = assert_diagnostic(&record, codes::VALUE_INVALID, "/spatialCoverage/0/geo");
    assert!(swapped.message.contains("swapped"), "{}", swapped.message);
    assert_eq!(geo[1].polygons[0].points.len(), 4);
    assert_diagnostic(&record, codes::VALUE_INVALID, "/spatialCoverage/1/polygon");
    assert_eq!(geo[2].places, ["Tromsø, NO"]);
    assert_eq!(geo[2].points[0].point_longitude.as_str(), "18.96");
    assert_diagnostic(&record, codes::FIELD_UNMAPPED, "/spatialCoverage/2/geo/geoRadius");
}

#[test]
fn relations_as_strings_references_and_unidentified_works() {
    let record = one(r#"{"@context": "https://schema.org", "@type": "Dataset",
            "isPartOf": [{"@type": "Dataset", "@id": "https://doi.org/10.5072/parent"}, {"@type": "Periodical", "@id": "https://doi.org/10.5072/journal"}],
            "workExample": "https://example.org/edition-2",
            "exampleOfWork": {"@id": "urn:nbn:de:1234"},
            "subjectOf": {"@type": "ScholarlyArticle", "name": "Data paper", "url": "https://example.org/paper", "author": "X"},
            "citation": ["Smith J (2010) An untitled citation text", {"@type": "CreativeWork"}],
            "review": {"@type": "Review", "reviewBody": "good"}}"#);
    let r = &record.resource;
    let relations: Vec<(&str, RelatedIdentifierType, RelationType)> = r
        .related_identifiers
        .iter()
        .map(|x| {
            (
                x.related_identifier.as_str(),
                x.related_identifier_type.clone().unwrap(),
                x.relation_type.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        relations,
        [
            ("10.5072/parent", RelatedIdentifierType::Doi, RelationType::IsPartOf),
            ("10.5072/journal", RelatedIdentifierType::Doi, RelationType::IsPartOf),
            ("https://example.org/edition-2", RelatedIdentifierType::Url, RelationType::HasVersion),
            ("urn:nbn:de:1234", RelatedIdentifierType::Urn, RelationType::IsVersionOf),
            ("https://example.org/paper", RelatedIdentifierType::Url, RelationType::IsDescribedBy),
        ]
    );
    assert_diagnostic(&record, crosswalk_schemaorg::SCHEMAORG_RELATED_DETAILS, "/subjectOf");
    assert_eq!(r.related_items[0].titles[0].title, "Smith J (2010) An untitled citation text");
    assert_diagnostic(&record, codes::VALUE_EMPTY, "/citation/1");
    assert_diagnostic(&record, codes::FIELD_UNMAPPED, "/review");
}

#[test]
fn lists_of_one_value_are_that_value_where_one_value_is_expected() {
    let records = read(&fixture("schema-org/one-element-lists.jsonld"));
    let record = &records[0];
    assert!(no_errors(&records), "{}", render(&records));
    let r = &record.resource;
    assert_eq!(r.doi.as_deref(), Some("10.80008/gw-nitrate"));
    assert_eq!(r.creators[0].name, "Ngata, Aroha");
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "0000-0002-9079-593X");
    assert_eq!(r.creators[0].affiliation[0].name, "Lincoln University");
    assert_eq!(r.creators[1].name, "Canterbury Groundwater Group");
    assert_eq!(r.creators[1].lang.as_deref(), Some("en"));
    assert_eq!(r.publisher.as_ref().unwrap().name, "Canterbury Data Archive");
    assert_eq!(r.geo_locations[0].points[0].point_latitude.as_str(), "-43.5");
    assert_eq!(r.rights_list[0].rights_uri.as_deref(), Some("https://creativecommons.org/licenses/by/4.0/"));
    assert_eq!(r.related_items[0].titles[0].title, "Nitrate leaching under irrigated pasture");
    // Nothing is refused, and each list read as its value is noted where it stands.
    assert!(with_code(record, "value.invalid").is_empty(), "{}", render(&records));
    assert!(with_code(record, "schemaorg.agent-unnamed").is_empty(), "{}", render(&records));
    let note = assert_diagnostic(record, "value.normalised", "/creator/0/name");
    assert_eq!(note.severity, Severity::Info);
    assert!(note.message.contains("[\"Ngata, Aroha\"]"), "{note}");
    assert_diagnostic(record, "value.normalised", "/spatialCoverage/0/geo/0/latitude");
    assert_diagnostic(record, "value.normalised", "/creator/0/identifier/0/value");
    assert_located(&records);
    // A longer list where one value is expected is not taken for one (an agent with two names).
    let two = one(r#"{"@context": "https://schema.org", "@type": "Dataset", "name": "T",
        "creator": {"@type": "Person", "name": ["A", "B"]}}"#);
    assert!(two.resource.creators.is_empty(), "{}", render(std::slice::from_ref(&two)));
}

#[test]
fn a_doi_resolver_url_is_the_doi_and_no_landing_page() {
    let records = read(&fixture("schema-org/doi-url.jsonld"));
    assert_eq!(records.len(), 3);
    assert!(no_errors(&records), "{}", render(&records));
    // Only the url names the DOI (Dataverse): it is the DOI, and the record has no landing page.
    let first = &records[0];
    assert_eq!(first.resource.doi.as_deref(), Some("10.80009/FK2/QXW7TN"));
    assert_eq!(first.resource.url, None);
    assert_diagnostic(first, "value.normalised", "/0/url");
    // A cited work named by its DOI is a related identifier, not an item titled with the DOI.
    let cited = &first.resource.related_identifiers[0];
    assert_eq!(cited.related_identifier, "10.80009/ferry-paper");
    assert_eq!(cited.related_identifier_type, Some(RelatedIdentifierType::Doi));
    assert_eq!(cited.relation_type, Some(RelationType::References));
    assert_eq!(first.resource.related_items.len(), 1);
    assert_eq!(first.resource.related_items[0].titles[0].title, "Transit pricing in coastal cities");
    assert_diagnostic(first, "value.normalised", "/0/citation/0");
    // The url repeats the identifier's DOI (in other case): not a landing page either.
    let second = &records[1];
    assert_eq!(second.resource.doi.as_deref(), Some("10.80009/FK2/ABC123"));
    assert_eq!(second.resource.url, None);
    assert_diagnostic(second, "value.normalised", "/1/url");
    // Another DOI's resolver beside a landing page: an alternate identifier, with a warning.
    let third = &records[2];
    assert_eq!(third.resource.url.as_deref(), Some("https://harbour.example/dataset/v2"));
    assert_eq!(third.resource.alternate_identifiers[0].alternate_identifier, "10.80009/FK2/V1");
    let warning = assert_diagnostic(third, "field.repeated", "/2/url/1");
    assert_eq!(warning.severity, Severity::Warning);
}

#[test]
fn a_contributor_known_only_by_its_identifier_is_left_out() {
    let records = read(&fixture("schema-org/unnamed-agents.jsonld"));
    let record = &records[0];
    let r = &record.resource;
    // Contributors need a name: the identifier-only ones (an @id, a URL text, an organisation
    // with an @id) are left out, each reported where it stands.
    let contributors: Vec<&str> = r.contributors.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(contributors, ["Sutherland, Ewan"], "{}", render(&records));
    for pointer in ["/contributor/0", "/editor", "/provider"] {
        let d = assert_diagnostic(record, "schemaorg.agent-unnamed", pointer);
        assert!(d.message.contains("left out"), "{d}");
    }
    // A creator known by its identifier is kept with it, and the missing name said.
    assert_eq!(r.creators.len(), 2);
    assert_eq!(r.creators[0].name_identifiers[0].name_identifier, "https://orcid.org/0000-0003-1419-2405");
    let d = assert_diagnostic(record, "schemaorg.agent-unnamed", "/creator/0");
    assert!(d.message.contains("kept"), "{d}");
    // What is written as DataCite XML has no contributor without <contributorName>.
    let written = crosswalk_datacite::xml::write(r);
    assert_eq!(written.text.matches("<contributor ").count(), 1, "{}", written.text);
    assert!(!written.diagnostics.iter().any(|d| d
        .location
        .path
        .as_deref()
        .is_some_and(|p| p.starts_with("/contributors"))));
}

#[test]
fn persons_known_by_one_string_are_split_and_organisations_never() {
    let records = read(&fixture("schema-org/people.jsonld"));
    let r = &records[0].resource;
    let parts = |i: usize| {
        let c = &r.creators[i];
        (c.name.as_str(), c.family_name.as_deref(), c.given_name.as_deref())
    };
    assert_eq!(parts(0), ("Fenner, Martin", Some("Fenner"), Some("Martin")));
    assert_eq!(parts(1), ("van Beethoven, Ludwig", Some("van Beethoven"), Some("Ludwig")));
    assert_eq!(parts(2), ("King, Martin Luther, Jr.", Some("King"), Some("Martin Luther")));
    assert_eq!(parts(3), ("山田, 太郎", Some("山田"), Some("太郎")));
    // An ORCID says "person" without a type.
    assert_eq!(parts(5), ("da Silva, Ana María", Some("da Silva"), Some("Ana María")));
    // Not split: one word, an organisation's words (even typed Person), an Organization, a ROR,
    // a plain string (no evidence it is a person).
    for (i, name) in [
        (7, "Plato"),
        (8, "Max Planck Institute for Chemistry"),
        (9, "Example Survey Consortium"),
        (10, "Example Research Group"),
        (11, "Jane Doe"),
    ] {
        assert_eq!(parts(i), (name, None, None), "{name}");
    }
    let splits = with_code(&records[0], crosswalk_rules::NAME_SPLIT);
    assert_eq!(splits.len(), 8, "seven authors and the editor");
    assert_eq!(splits[0].location.path.as_deref(), Some("/author/0/name"));
}

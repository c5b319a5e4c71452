//! The Schema.org and Codemeta writers: output checked structurally (the context, a type, only
//! properties and types of the lists the writers declare), round trips model → format → model
//! that keep every field the format can hold, every loss reported, and DataCite XML from records
//! read from complete sources valid against the official XSD.

mod common;

use std::collections::BTreeSet;

use common::{fixture, render};
use crosswalk_model::{
    Affiliation, AlternateIdentifier, Contributor, ContributorType, Coordinate, Creator, Date, DateType, Description,
    DescriptionType, FunderIdentifierType, FundingReference, GeoBox, GeoLocation, NameIdentifier, NameType, Point,
    Polygon, Publisher, Record, RelatedIdentifier, RelatedIdentifierType, RelatedItem, RelatedItemCreator,
    RelatedItemIdentifier, RelationType, Resource, ResourceTypeGeneral, Rights, Subject, Title, TitleType, Types,
};
use crosswalk_schemaorg::{
    codemeta, schemaorg, CODEMETA_PROPERTIES_WRITTEN, SCHEMA_ORG_DETAIL_TYPES_WRITTEN, SCHEMA_ORG_PROPERTIES_WRITTEN,
    SCHEMA_ORG_TYPES,
};
use serde_json::Value;

/// Checks written Schema.org JSON-LD: `@context`, a known `@type` on the root and on every
/// typed object, and only declared Schema.org properties.
fn check_schema_org(text: &str) {
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"));
    assert_eq!(value["@context"], "https://schema.org", "{text}");
    let root_type = value["@type"].as_str().unwrap_or_else(|| panic!("no @type:\n{text}"));
    assert!(SCHEMA_ORG_TYPES.iter().any(|(name, _)| *name == root_type), "root @type {root_type}");
    walk(&value, &mut |key, value| {
        if key == "@type" {
            let name = value.as_str().unwrap();
            assert!(
                SCHEMA_ORG_TYPES.iter().any(|(n, _)| *n == name) || SCHEMA_ORG_DETAIL_TYPES_WRITTEN.contains(&name),
                "unknown type {name}\n{text}"
            );
        } else if !key.starts_with('@') {
            assert!(SCHEMA_ORG_PROPERTIES_WRITTEN.contains(&key), "unknown property {key}\n{text}");
        }
    });
}

/// Checks written Codemeta: the 3.0 context, a software type, Codemeta and `schema:` terms only.
fn check_codemeta(text: &str) {
    let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON: {e}\n{text}"));
    assert_eq!(value["@context"], "https://w3id.org/codemeta/3.0", "{text}");
    assert!(matches!(value["@type"].as_str(), Some("SoftwareSourceCode" | "SoftwareApplication")), "{text}");
    walk(&value, &mut |key, value| {
        if key == "@type" {
            let name = value.as_str().unwrap();
            let name = name.strip_prefix("schema:").unwrap_or(name);
            assert!(
                SCHEMA_ORG_TYPES.iter().any(|(n, _)| *n == name) || SCHEMA_ORG_DETAIL_TYPES_WRITTEN.contains(&name),
                "unknown type {name}\n{text}"
            );
        } else if !key.starts_with('@') {
            let name = key.strip_prefix("schema:").unwrap_or(key);
            assert!(
                SCHEMA_ORG_PROPERTIES_WRITTEN.contains(&name) || CODEMETA_PROPERTIES_WRITTEN.contains(&name),
                "unknown term {key}\n{text}"
            );
        }
    });
}

fn walk(value: &Value, f: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                f(key, child);
                walk(child, f);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk(item, f)),
        _ => {}
    }
}

fn read_back(records: Vec<Record>) -> Resource {
    assert_eq!(records.len(), 1, "{}", render(&records));
    assert!(!records[0].has_errors(), "{}", render(&records));
    records.into_iter().next().unwrap().resource
}

/// A dataset holding only what Schema.org can hold.
fn schema_org_resource() -> Resource {
    Resource {
        doi: Some("10.5072/round-trip".into()),
        alternate_identifiers: vec![AlternateIdentifier {
            alternate_identifier: "RT-1".into(),
            alternate_identifier_type: Some("Local accession number".into()),
        }],
        creators: vec![
            Creator {
                name: "Ekström, Sara".into(),
                name_type: Some(NameType::Personal),
                given_name: Some("Sara".into()),
                family_name: Some("Ekström".into()),
                name_identifiers: vec![NameIdentifier {
                    name_identifier: "https://orcid.org/0000-0001-5000-0007".into(),
                    name_identifier_scheme: Some("ORCID".into()),
                    scheme_uri: Some("https://orcid.org".into()),
                }],
                affiliation: vec![Affiliation {
                    name: "Lund University".into(),
                    affiliation_identifier: Some("https://ror.org/012a77v79".into()),
                    affiliation_identifier_scheme: Some("ROR".into()),
                    scheme_uri: Some("https://ror.org".into()),
                    lang: None,
                }],
                lang: None,
            },
            Creator {
                name: "Coastal Survey Group".into(),
                name_type: Some(NameType::Organizational),
                ..Creator::default()
            },
            Creator::named("Anonymous Helper"),
        ],
        titles: vec![
            Title::new("Eelgrass meadows of Öresund, 2018–2022"),
            Title { title: "Eelgrass Öresund".into(), title_type: Some(TitleType::AlternativeTitle), lang: None },
        ],
        publisher: Some(Publisher {
            name: "Lund University".into(),
            publisher_identifier: Some("https://ror.org/012a77v79".into()),
            publisher_identifier_scheme: Some("ROR".into()),
            scheme_uri: Some("https://ror.org".into()),
            lang: None,
        }),
        publication_year: Some("2023".into()),
        subjects: vec![
            Subject { subject: "seagrass, eelgrass".into(), ..Subject::default() },
            Subject {
                subject: "Marine ecology".into(),
                subject_scheme: Some("Example thesaurus".into()),
                scheme_uri: Some("https://example.org/thesaurus".into()),
                value_uri: Some("https://example.org/thesaurus/42".into()),
                classification_code: Some("42".into()),
                lang: None,
            },
        ],
        contributors: vec![
            Contributor {
                name: "Holm, Per".into(),
                contributor_type: Some(ContributorType::Editor),
                ..Contributor::default()
            },
            Contributor {
                name: "Field Team".into(),
                contributor_type: Some(ContributorType::DataCollector),
                ..Contributor::default()
            },
            Contributor {
                name: "Helper".into(),
                contributor_type: Some(ContributorType::Other),
                ..Contributor::default()
            },
            Contributor {
                name: "Owner AB".into(),
                name_type: Some(NameType::Organizational),
                contributor_type: Some(ContributorType::RightsHolder),
                ..Contributor::default()
            },
        ],
        dates: vec![
            Date { date: "2023-03-01".into(), date_type: Some(DateType::Issued), date_information: None },
            Date { date: "2022-12-01".into(), date_type: Some(DateType::Created), date_information: None },
            Date { date: "2023-04-15".into(), date_type: Some(DateType::Updated), date_information: None },
            Date { date: "2018-05-01/2022-09-30".into(), date_type: Some(DateType::Coverage), date_information: None },
            Date { date: "2023".into(), date_type: Some(DateType::Copyrighted), date_information: None },
        ],
        language: Some("sv".into()),
        types: Types::new(ResourceTypeGeneral::Dataset, Some("Field survey")),
        related_identifiers: vec![
            related(
                "10.5072/source",
                RelatedIdentifierType::Doi,
                RelationType::IsDerivedFrom,
                Some(ResourceTypeGeneral::Dataset),
            ),
            related("https://example.org/mirror", RelatedIdentifierType::Url, RelationType::IsIdenticalTo, None),
            related("10.5072/paper", RelatedIdentifierType::Doi, RelationType::References, None),
            related("10.5072/citing", RelatedIdentifierType::Doi, RelationType::IsReferencedBy, None),
            related("ark:/12345/part", RelatedIdentifierType::Ark, RelationType::HasPart, None),
            related("10.5072/translation", RelatedIdentifierType::Doi, RelationType::HasTranslation, None),
            related("10.5072/description", RelatedIdentifierType::Doi, RelationType::IsDescribedBy, None),
        ],
        related_items: vec![
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Collection),
                relation_type: Some(RelationType::IsPublishedIn),
                titles: vec![Title::new("Nordic Marine Archive")],
                related_item_identifier: Some(RelatedItemIdentifier {
                    related_item_identifier: "https://archive.example.org/".into(),
                    related_item_identifier_type: Some(RelatedIdentifierType::Url),
                    ..RelatedItemIdentifier::default()
                }),
                ..RelatedItem::default()
            },
            RelatedItem {
                related_item_type: Some(ResourceTypeGeneral::Text),
                relation_type: Some(RelationType::References),
                titles: vec![Title::new("An unpublished field report")],
                creators: vec![RelatedItemCreator { name: "Berg, Ola".into(), ..RelatedItemCreator::default() }],
                publication_year: Some("2017".into()),
                publisher: Some("Field Station".into()),
                ..RelatedItem::default()
            },
        ],
        sizes: vec!["3 files".into(), "42 MB".into()],
        formats: vec!["text/csv".into()],
        version: Some("1.2".into()),
        rights_list: vec![
            Rights { rights_uri: Some("https://creativecommons.org/licenses/by/4.0/".into()), ..Rights::default() },
            Rights {
                rights: Some("Creative Commons Zero".into()),
                rights_uri: Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
                rights_identifier: Some("CC0-1.0".into()),
                rights_identifier_scheme: Some("SPDX".into()),
                scheme_uri: Some("https://spdx.org/licenses/".into()),
                lang: None,
            },
        ],
        descriptions: vec![
            Description {
                description: "Abundance of eelgrass in 40 transects.".into(),
                description_type: Some(DescriptionType::Abstract),
                lang: None,
            },
            Description {
                description: "Snorkel transects, 1 m quadrats.".into(),
                description_type: Some(DescriptionType::Methods),
                lang: None,
            },
            Description {
                description: "Part of the Öresund monitoring.".into(),
                description_type: Some(DescriptionType::Other),
                lang: None,
            },
        ],
        geo_locations: vec![
            GeoLocation {
                places: vec!["Öresund".into()],
                points: vec![Point {
                    point_latitude: Coordinate::from("55.70"),
                    point_longitude: Coordinate::from("12.80"),
                }],
                boxes: vec![GeoBox {
                    south_bound_latitude: Coordinate::from("55.3"),
                    west_bound_longitude: Coordinate::from("12.4"),
                    north_bound_latitude: Coordinate::from("56.1"),
                    east_bound_longitude: Coordinate::from("13.0"),
                }],
                polygons: vec![Polygon {
                    points: ["55.5 12.5", "55.5 12.9", "55.9 12.9", "55.5 12.5"]
                        .iter()
                        .map(|p| {
                            let (lat, lon) = p.split_once(' ').unwrap();
                            Point { point_latitude: Coordinate::from(lat), point_longitude: Coordinate::from(lon) }
                        })
                        .collect(),
                    in_polygon_point: None,
                }],
            },
            GeoLocation { places: vec!["Kattegat".into()], ..GeoLocation::default() },
        ],
        funding_references: vec![
            FundingReference {
                funder_name: "Swedish Research Council".into(),
                funder_identifier: Some("https://doi.org/10.13039/501100004359".into()),
                funder_identifier_type: Some(FunderIdentifierType::CrossrefFunderId),
                award_number: Some("2019-0001".into()),
                award_title: Some("Seagrass futures".into()),
                award_uri: Some("https://example.org/award/2019-0001".into()),
                ..FundingReference::default()
            },
            FundingReference {
                funder_name: "Local Foundation".into(),
                funder_identifier: Some("0000000123456789".into()),
                funder_identifier_type: Some(FunderIdentifierType::Isni),
                ..FundingReference::default()
            },
        ],
        url: Some("https://archive.example.org/rt".into()),
        content_url: vec!["https://archive.example.org/rt/data.csv".into()],
    }
}

fn related(
    identifier: &str,
    kind: RelatedIdentifierType,
    relation: RelationType,
    general: Option<ResourceTypeGeneral>,
) -> RelatedIdentifier {
    RelatedIdentifier {
        related_identifier: identifier.into(),
        related_identifier_type: Some(kind),
        relation_type: Some(relation),
        resource_type_general: general,
        ..RelatedIdentifier::default()
    }
}

/// The REST form, lists that mix several Schema.org properties sorted: a writer groups values by
/// property, so their order across properties is not kept (creators and titles keep theirs).
fn comparable(resource: &Resource) -> Value {
    let mut value = serde_json::to_value(resource).unwrap();
    for key in [
        "descriptions",
        "relatedIdentifiers",
        "relatedItems",
        "fundingReferences",
        "dates",
        "contributors",
        "rightsList",
        "formats",
    ] {
        if let Some(Value::Array(items)) = value.get_mut(key) {
            items.sort_by_key(|item| item.to_string());
        }
    }
    value
}

#[track_caller]
fn assert_same(before: &Resource, after: &Resource) {
    let a = comparable(before);
    let b = comparable(after);
    let mut differences = Vec::new();
    for key in a.as_object().unwrap().keys().chain(b.as_object().unwrap().keys()).collect::<BTreeSet<_>>() {
        if a.get(key) != b.get(key) {
            differences.push(format!(
                "{key}:\n  before {}\n  after  {}",
                a.get(key).unwrap_or(&Value::Null),
                b.get(key).unwrap_or(&Value::Null)
            ));
        }
    }
    assert!(differences.is_empty(), "the round trip changed:\n{}", differences.join("\n"));
}

#[test]
fn schema_org_round_trip_keeps_everything_it_can_hold() {
    let before = schema_org_resource();
    let written = schemaorg::write(&before);
    assert!(written.diagnostics.is_empty(), "nothing is lost: {:?}", written.diagnostics);
    check_schema_org(&written.text);
    crosswalk_testkit::assert_snapshot("schema-org/write-round-trip.jsonld", &written.text);
    let after = read_back(schemaorg::read(written.text.as_bytes()));
    assert_same(&before, &after);
}

/// Software holding only what Codemeta can hold.
fn codemeta_resource() -> Resource {
    let mut r = schema_org_resource();
    r.types = Types::new(ResourceTypeGeneral::Software, None);
    r.doi = Some("10.5072/tool-2.0".into());
    r.geo_locations.clear();
    r.language = None;
    r.formats = vec!["Rust".into(), "application/gzip".into()];
    r.dates.push(Date { date: "2023-06-01".into(), date_type: Some(DateType::Available), date_information: None });
    r.related_items.retain(|i| i.relation_type != Some(RelationType::IsPublishedIn));
    r.funding_references = vec![FundingReference {
        funder_name: "Swedish Research Council".into(),
        funder_identifier: Some("https://doi.org/10.13039/501100004359".into()),
        funder_identifier_type: Some(FunderIdentifierType::CrossrefFunderId),
        award_number: Some("2019-0001".into()),
        ..FundingReference::default()
    }];
    r.related_identifiers.extend([
        related("https://git.example.org/tool", RelatedIdentifierType::Url, RelationType::IsVersionOf, None),
        related("https://pypi.org/project/dep/", RelatedIdentifierType::Url, RelationType::Requires, None),
        RelatedIdentifier {
            relation_type_information: Some("issueTracker".into()),
            ..related("https://git.example.org/tool/issues", RelatedIdentifierType::Url, RelationType::Other, None)
        },
        RelatedIdentifier {
            relation_type_information: Some("readme".into()),
            ..related(
                "https://git.example.org/tool/README.md",
                RelatedIdentifierType::Url,
                RelationType::IsDocumentedBy,
                None,
            )
        },
    ]);
    r.descriptions.push(Description {
        description: "Operating system: Linux".into(),
        description_type: Some(DescriptionType::TechnicalInfo),
        lang: None,
    });
    r.descriptions.push(Description {
        description: "Development status: active".into(),
        description_type: Some(DescriptionType::TechnicalInfo),
        lang: None,
    });
    r
}

#[test]
fn codemeta_round_trip_keeps_everything_it_can_hold() {
    let before = codemeta_resource();
    let written = codemeta::write(&before);
    assert!(written.diagnostics.is_empty(), "nothing is lost: {:?}", written.diagnostics);
    check_codemeta(&written.text);
    crosswalk_testkit::assert_snapshot("codemeta/write-round-trip.json", &written.text);
    let after = read_back(codemeta::read(written.text.as_bytes()));
    assert_same(&before, &after);
}

/// True when everything `before` holds is in `after` (which may hold more): objects key by key,
/// lists item by item in any order.
fn covers(before: &Value, after: &Value) -> bool {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => a.iter().all(|(k, v)| b.get(k).is_some_and(|w| covers(v, w))),
        (Value::Array(a), Value::Array(b)) => a.iter().all(|v| b.iter().any(|w| covers(v, w))),
        (a, b) => a == b,
    }
}

/// The keys of the REST form whose values lost something in a round trip.
fn lost_keys(before: &Resource, after: &Resource) -> Vec<String> {
    let strip = |r: &Resource| {
        let mut value = comparable(r);
        remove_key(&mut value, "lang");
        // A publisher with only a name is serialised as its name.
        if let Some(name) = value
            .get("publisher")
            .and_then(|p| p.as_object())
            .filter(|p| p.len() == 1)
            .and_then(|p| p.get("name"))
            .cloned()
        {
            value["publisher"] = name;
        }
        value
    };
    let (a, b) = (strip(before), strip(after));
    a.as_object().unwrap().keys().filter(|k| !b.get(*k).is_some_and(|after| covers(&a[*k], after))).cloned().collect()
}

fn remove_key(value: &mut Value, key: &str) {
    match value {
        Value::Object(map) => {
            map.remove(key);
            map.values_mut().for_each(|v| remove_key(v, key));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| remove_key(v, key)),
        _ => {}
    }
}

/// Writes, checks the output, reads back, and asserts that every changed property was reported.
fn every_loss_is_reported(label: &str, resource: &Resource) {
    for (format, written) in [("schema-org", schemaorg::write(resource)), ("codemeta", codemeta::write(resource))] {
        if format == "schema-org" {
            check_schema_org(&written.text);
        } else {
            check_codemeta(&written.text);
        }
        let records = if format == "schema-org" {
            schemaorg::read(written.text.as_bytes())
        } else {
            codemeta::read(written.text.as_bytes())
        };
        assert!(!records[0].has_errors(), "{label} via {format}: {}", render(&records));
        let after = &records[0].resource;
        for key in lost_keys(resource, after) {
            let reported = written
                .diagnostics
                .iter()
                .any(|d| d.location.path.as_deref().is_some_and(|p| p.starts_with(&format!("/{key}"))));
            assert!(
                reported,
                "{label} via {format}: {key} changed without a diagnostic\n  before {}\n  after  {}\n{}",
                serde_json::to_value(resource).unwrap()[&key],
                serde_json::to_value(after).unwrap()[&key],
                written.text
            );
        }
    }
}

#[test]
fn every_loss_is_reported_for_datacite_records() {
    let every = crosswalk_datacite::xml::read(&fixture("datacite-xml/every-property.xml"));
    every_loss_is_reported("every-property.xml", &every.resource);
    let shared = crosswalk_testkit::shared_or_skip!();
    for dir in ["reference/datacite-schema/kernel-4.7", "reference/datacite-schema/kernel-4-examples"] {
        for path in crosswalk_testkit::files_with_suffix(&shared.join(dir), ".xml") {
            let record = crosswalk_datacite::xml::read(&std::fs::read(&path).unwrap());
            every_loss_is_reported(&path.display().to_string(), &record.resource);
        }
    }
}

#[test]
fn bolognese_fixtures_round_trip_through_both_writers() {
    let shared = crosswalk_testkit::shared_or_skip!();
    let dir = shared.join("reference/bolognese-fixtures");
    for name in [
        "schema_org.json",
        "schema_org_4.6_attributes.json",
        "schema_org_geolocation.json",
        "schema_org_geoshape.json",
        "schema_org_gtex.json",
        "schema_org_topmed.json",
        "schema_org_type_as_array.json",
        "aida.json",
        "codemeta.json",
        "maremma/codemeta.json",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let records = if name.contains("codemeta") { codemeta::read(&bytes) } else { schemaorg::read(&bytes) };
        every_loss_is_reported(name, &records[0].resource);
        // Schema.org read, written, read again: the same record.
        if !name.contains("codemeta") {
            let written = schemaorg::write(&records[0].resource);
            let again = read_back(schemaorg::read(written.text.as_bytes()));
            let mut expected = records[0].resource.clone();
            // datePublished carries the year; reading it back adds the Issued date it implies.
            for date in &again.dates {
                if !expected.dates.contains(date) && date.date_type == Some(DateType::Issued) {
                    expected.dates.push(date.clone());
                }
            }
            expected.dates.sort_by_key(|d| format!("{:?}", d.date_type));
            let mut again = again;
            again.dates.sort_by_key(|d| format!("{:?}", d.date_type));
            if written.diagnostics.is_empty() {
                assert_same(&expected, &again);
            }
        }
    }
}

#[test]
fn written_schema_org_for_a_landing_page() {
    let record = crosswalk_datacite::xml::read(&fixture("datacite-xml/every-property.xml"));
    let written = schemaorg::write(&record.resource);
    check_schema_org(&written.text);
    crosswalk_testkit::assert_snapshot("schema-org/write-every-property.jsonld", &written.text);
    let diagnostics: String = written.diagnostics.iter().map(|d| format!("{d}\n")).collect();
    crosswalk_testkit::assert_snapshot("schema-org/write-every-property.diagnostics.txt", &diagnostics);
    // Safe inside <script>: no `</` in the text.
    assert!(!written.text.contains("</"));
    let written = codemeta::write(&record.resource);
    check_codemeta(&written.text);
    crosswalk_testkit::assert_snapshot("codemeta/write-every-property.json", &written.text);
}

#[test]
fn unrepresentable_values_are_reported_with_their_pointer() {
    let mut r = schema_org_resource();
    r.dates.push(Date {
        date: "2020".into(),
        date_type: Some(DateType::Collected),
        date_information: Some("summer".into()),
    });
    r.related_identifiers.push(related("10.5072/old", RelatedIdentifierType::Doi, RelationType::IsNewVersionOf, None));
    r.related_identifiers.push(related("10.5072/cited", RelatedIdentifierType::Doi, RelationType::Cites, None));
    r.titles.push(Title { title: "Sub".into(), title_type: Some(TitleType::Subtitle), lang: Some("de".into()) });
    r.descriptions.push(Description {
        description: "ToC".into(),
        description_type: Some(DescriptionType::TableOfContents),
        lang: None,
    });
    let written = schemaorg::write(&r);
    let paths: Vec<(&str, &str)> =
        written.diagnostics.iter().map(|d| (d.code.as_ref(), d.location.path.as_deref().unwrap_or(""))).collect();
    for expected in [
        ("write.unrepresentable", "/dates/5/dateInformation"),
        ("write.unrepresentable", "/dates/5"),
        ("write.unrepresentable", "/relatedIdentifiers/7"),
        ("schemaorg.relation-approximated", "/relatedIdentifiers/8"),
        ("write.unrepresentable", "/titles/2/titleType"),
        ("write.unrepresentable", "/titles/2/lang"),
        ("write.unrepresentable", "/descriptions/3"),
    ] {
        assert!(paths.contains(&expected), "{expected:?} missing from {paths:?}");
    }
}

#[test]
fn xml_from_complete_sources_is_valid() {
    let mut sources: Vec<(String, Vec<Record>)> = Vec::new();
    for name in ["schema-org/dataset-full.jsonld", "schema-org/landing-page.html"] {
        sources.push((name.into(), schemaorg::read(&fixture(name))));
    }
    sources.push(("codemeta/codemeta-v3.json".into(), codemeta::read(&fixture("codemeta/codemeta-v3.json"))));
    if let Some(shared) = crosswalk_testkit::shared_dir_for("the reference fixtures part of this test") {
        let dir = shared.join("reference/bolognese-fixtures");
        for name in [
            "schema_org.json",
            "schema_org_geoshape.json",
            "schema_org_gtex.json",
            "schema_org_4.6_attributes.json",
            "schema_org_list.json",
        ] {
            sources.push((name.into(), schemaorg::read(&std::fs::read(dir.join(name)).unwrap())));
        }
        for name in ["codemeta.json", "maremma/codemeta.json"] {
            sources.push((name.into(), codemeta::read(&std::fs::read(dir.join(name)).unwrap())));
        }
    }
    let mut checked = 0;
    for (name, records) in sources {
        for record in records.iter().take(5) {
            let r = &record.resource;
            let complete = r.doi.is_some()
                && !r.creators.is_empty()
                && !r.titles.is_empty()
                && r.publisher.is_some()
                && r.publication_year.is_some()
                && r.types.resource_type_general.is_some();
            assert!(
                complete || name.starts_with("schema_org_list"),
                "{name} should be complete: {}",
                render(std::slice::from_ref(record))
            );
            if complete {
                let xml = crosswalk_datacite::xml::write(r);
                crosswalk_testkit::assert_official_xsd_valid(&name, &xml.text);
                checked += 1;
            }
        }
    }
    assert!(checked >= 3);
}

#[test]
fn odd_values_still_give_valid_json() {
    let mut r = schema_org_resource();
    r.geo_locations = vec![GeoLocation {
        points: vec![Point { point_latitude: Coordinate::from("01.5"), point_longitude: Coordinate::from("-.5") }],
        ..GeoLocation::default()
    }];
    r.dates.push(Date { date: "0123".into(), date_type: Some(DateType::Copyrighted), date_information: None });
    r.titles.push(Title::new("quote \" backslash \\ control \u{1} </script> \u{2028}"));
    r.creators.push(Creator::named(""));
    for written in [
        schemaorg::write(&r),
        codemeta::write(&r),
        schemaorg::write(&Resource::default()),
        codemeta::write(&Resource::default()),
    ] {
        let value: Value = serde_json::from_str(&written.text).unwrap_or_else(|e| panic!("{e}\n{}", written.text));
        assert!(value.is_object());
        assert!(!written.text.contains("</"));
    }
    let back = schemaorg::read(schemaorg::write(&r).text.as_bytes());
    assert_eq!(back[0].resource.geo_locations[0].points[0].point_latitude.as_str(), "01.5");
}

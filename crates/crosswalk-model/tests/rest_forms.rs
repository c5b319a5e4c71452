//! The model's serde form is the REST `attributes` shape, and it reads the older shapes too.

use crosswalk_model::{Coordinate, Resource};
use serde_json::json;

#[test]
fn reads_alternative_shapes_and_writes_canonical_ones() {
    let input = json!({
        "publisher": {"name": "DataCite", "publisherIdentifier": "https://ror.org/04wxnsj81",
                      "publisherIdentifierScheme": "ROR", "schemeUri": "https://ror.org/"},
        "publicationYear": "2014",
        "creators": [
            {"name": "A", "affiliation": "Somewhere"},
            {"name": "B", "affiliation": ["X", {"name": "Y", "affiliationIdentifier": "https://ror.org/1"}]},
            {"name": "C", "nameIdentifiers": {"nameIdentifier": "0000-0001-5000-0007", "nameIdentifierScheme": "ORCID"}}
        ],
        "version": 4.2,
        "sizes": "4 kB",
        "contentUrl": null,
        "geoLocations": [
            {"geoLocationPoint": {"pointLatitude": "41.090", "pointLongitude": -67.302},
             "geoLocationPlace": ["Atlantic Ocean", "North Sea"],
             "geoLocationPolygon": [
                [{"polygonPoint": {"pointLatitude": 1, "pointLongitude": 2}}],
                [{"polygonPoint": {"pointLatitude": 3, "pointLongitude": 4}},
                 {"inPolygonPoint": {"pointLatitude": 5, "pointLongitude": 6}}]
             ]}
        ]
    });
    let r: Resource = serde_json::from_value(input).unwrap();
    assert_eq!(r.publication_year.as_deref(), Some("2014"));
    assert_eq!(r.creators[0].affiliation[0].name, "Somewhere");
    assert_eq!(r.creators[1].affiliation.len(), 2);
    assert_eq!(r.creators[2].name_identifiers.len(), 1);
    assert_eq!(r.version.as_deref(), Some("4.2"));
    assert_eq!(r.sizes, ["4 kB"]);
    let geo = &r.geo_locations[0];
    assert_eq!(geo.points[0].point_latitude, Coordinate::from("41.090"));
    assert_eq!(geo.points[0].point_longitude, Coordinate::from("-67.302"));
    assert_eq!(geo.places.len(), 2);
    assert_eq!(geo.polygons.len(), 2);
    assert!(geo.polygons[1].in_polygon_point.is_some());

    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(out["publicationYear"], json!(2014));
    assert_eq!(out["publisher"]["publisherIdentifierScheme"], "ROR");
    // "41.090" keeps its spelling as a string; -67.302 is a number in its shortest form.
    assert_eq!(
        out["geoLocations"][0]["geoLocationPoint"],
        json!({"pointLatitude": "41.090", "pointLongitude": -67.302})
    );
    assert_eq!(
        out["geoLocations"][0]["geoLocationPolygon"][1][1],
        json!({"inPolygonPoint": {"pointLatitude": 5, "pointLongitude": 6}})
    );
    let again: Resource = serde_json::from_value(out).unwrap();
    assert_eq!(again, r);
}

#[test]
fn name_only_publisher_is_a_string_and_empty_resource_is_an_empty_object() {
    let r: Resource = serde_json::from_value(json!({"publisher": "DataCite e.V."})).unwrap();
    assert_eq!(serde_json::to_value(&r).unwrap(), json!({"publisher": "DataCite e.V."}));
    assert_eq!(serde_json::to_value(Resource::default()).unwrap(), json!({}));
}

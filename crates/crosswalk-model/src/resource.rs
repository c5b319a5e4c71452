//! The resource: every property of DataCite Metadata Schema 4.7.
//!
//! Field names follow the REST API's `attributes` (camelCase, `lang` for `xml:lang`,
//! `schemeUri` for `schemeURI`), and `serde_json::to_value(&resource)` gives exactly that shape.
//! Empty lists and absent values are left out of the serialised form.

use serde::{Deserialize, Serialize};

use crate::serde_forms;
use crate::types::Types;
use crate::vocab::{
    ContributorType, DateType, DescriptionType, FunderIdentifierType, NameType, NumberType, RelatedIdentifierType,
    RelationType, ResourceTypeGeneral, TitleType,
};

/// One described resource: the DataCite Metadata Schema 4.7 record plus the REST API's
/// registration attributes (`url`, `contentUrl`) that travel with it.
///
/// ```
/// use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title};
///
/// let mut r = Resource::default();
/// r.doi = Some("10.5438/2wnw-c484".into());
/// r.creators.push(Creator::named("DataCite Metadata Working Group"));
/// r.titles.push(Title::new("DataCite Metadata Schema Documentation"));
/// r.types.resource_type_general = Some(ResourceTypeGeneral::Text);
/// let json = serde_json::to_value(&r).unwrap();
/// assert_eq!(json["types"]["ris"], "RPRT");
/// assert_eq!(json["creators"][0]["name"], "DataCite Metadata Working Group");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Resource {
    /// The DOI (`identifier` with `identifierType="DOI"`), as the source wrote it, without resolver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    /// Identifiers other than the DOI.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternate_identifiers: Vec<AlternateIdentifier>,
    /// The main researchers or authors, in priority order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub creators: Vec<Creator>,
    /// Names or titles of the resource.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// The publisher: a string when only a name is known, an object otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// `YYYY`, kept as text; serialised as a number when it is a plain integer.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serde_forms::year_as_number",
        deserialize_with = "serde_forms::opt_text"
    )]
    pub publication_year: Option<String>,
    /// Subjects, keywords, classification codes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Subject>,
    /// Contributors with their roles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Contributor>,
    /// Dates with their types.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<Date>,
    /// The primary language (BCP 47), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `resourceTypeGeneral`, `resourceType`, and the derived citation types.
    #[serde(skip_serializing_if = "Types::is_empty")]
    pub types: Types,
    /// Identifiers of related resources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_identifiers: Vec<RelatedIdentifier>,
    /// Related resources described in place (journals, books, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_items: Vec<RelatedItem>,
    /// Free-text size statements.
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::text_list")]
    pub sizes: Vec<String>,
    /// Technical formats (file extension or MIME type).
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::text_list")]
    pub formats: Vec<String>,
    /// Version of the resource.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub version: Option<String>,
    /// Rights and licences.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rights_list: Vec<Rights>,
    /// Abstracts, methods, other descriptions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub descriptions: Vec<Description>,
    /// Spatial coverage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub geo_locations: Vec<GeoLocation>,
    /// Funding of the resource.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub funding_references: Vec<FundingReference>,
    /// The landing page the DOI resolves to (REST attribute; not part of the XML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Direct links to the content (REST attribute; not part of the XML).
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::text_list")]
    pub content_url: Vec<String>,
}

/// An identifier other than the primary DOI.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AlternateIdentifier {
    /// The identifier.
    #[serde(alias = "identifier", skip_serializing_if = "String::is_empty")]
    pub alternate_identifier: String,
    /// Its type (free text, e.g. `URL`, `ISBN`, `Local accession number`).
    #[serde(alias = "identifierType", skip_serializing_if = "Option::is_none")]
    pub alternate_identifier_type: Option<String>,
}

/// An identifier of a person or organisation (ORCID, ISNI, ROR, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NameIdentifier {
    /// The identifier, as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name_identifier: String,
    /// The scheme, e.g. `ORCID`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_identifier_scheme: Option<String>,
    /// The scheme's URI (`schemeURI` in XML).
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
}

/// An affiliation of a creator or contributor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Affiliation {
    /// The organisation's name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// An identifier of the organisation, e.g. a ROR URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation_identifier: Option<String>,
    /// The identifier's scheme, e.g. `ROR`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation_identifier_scheme: Option<String>,
    /// The scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// `xml:lang` of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Affiliation {
    /// An affiliation known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Affiliation { name: name.into(), ..Default::default() }
    }
}

/// A creator: a person or organisation responsible for the resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Creator {
    /// The full name, as written (`Family, Given` for people by convention).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Personal or Organizational.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_type: Option<NameType>,
    /// Given name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `xml:lang` of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// ORCID, ISNI, ROR … identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::one_or_many")]
    pub name_identifiers: Vec<NameIdentifier>,
    /// Affiliations (the REST key is singular, the value a list).
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::affiliations")]
    pub affiliation: Vec<Affiliation>,
}

impl Creator {
    /// A creator known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Creator { name: name.into(), ..Default::default() }
    }
}

/// A contributor with its role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Contributor {
    /// The full name, as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Personal or Organizational.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_type: Option<NameType>,
    /// Given name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `xml:lang` of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// ORCID, ISNI, ROR … identifiers.
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::one_or_many")]
    pub name_identifiers: Vec<NameIdentifier>,
    /// Affiliations.
    #[serde(skip_serializing_if = "Vec::is_empty", deserialize_with = "serde_forms::affiliations")]
    pub affiliation: Vec<Affiliation>,
    /// The role (required by the schema).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor_type: Option<ContributorType>,
}

/// A title.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Title {
    /// The title text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Absent for the main title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_type: Option<TitleType>,
    /// `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Title {
    /// A main title without language.
    pub fn new(title: impl Into<String>) -> Self {
        Title { title: title.into(), ..Default::default() }
    }
}

/// The publisher, with the identifier attributes of schema 4.5.
///
/// Serialised as a plain string when only the name is known (the REST API's default form) and as
/// an object otherwise; both forms are read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Publisher {
    /// The publisher's name.
    pub name: String,
    /// An identifier, e.g. a ROR URL.
    pub publisher_identifier: Option<String>,
    /// The identifier's scheme.
    pub publisher_identifier_scheme: Option<String>,
    /// The scheme's URI.
    pub scheme_uri: Option<String>,
    /// `xml:lang` of the name.
    pub lang: Option<String>,
}

impl Publisher {
    /// A publisher known only by name.
    pub fn named(name: impl Into<String>) -> Self {
        Publisher { name: name.into(), ..Default::default() }
    }

    /// True when the publisher has nothing but a name.
    pub fn is_name_only(&self) -> bool {
        self.publisher_identifier.is_none()
            && self.publisher_identifier_scheme.is_none()
            && self.scheme_uri.is_none()
            && self.lang.is_none()
    }
}

/// A subject, keyword or classification.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subject {
    /// The subject text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The scheme's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_scheme: Option<String>,
    /// The scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// The URI of the term.
    #[serde(skip_serializing_if = "Option::is_none", alias = "valueURI")]
    pub value_uri: Option<String>,
    /// The classification code of the term.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification_code: Option<String>,
    /// `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A date with its type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Date {
    /// The date as written (W3CDTF, a range with `/`, EDTF, …).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// What the date means (required by the schema).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_type: Option<DateType>,
    /// Free-text information about the date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_information: Option<String>,
}

/// The identifier of a related resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedIdentifier {
    /// The identifier, as written.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub related_identifier: String,
    /// Its type (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_identifier_type: Option<RelatedIdentifierType>,
    /// How the resource relates to it (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_type: Option<RelationType>,
    /// Free text qualifying the relation (schema 4.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_type_information: Option<String>,
    /// For `HasMetadata`/`IsMetadataFor`: the metadata scheme's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_metadata_scheme: Option<String>,
    /// The metadata scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// The metadata scheme's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_type: Option<String>,
    /// The general type of the related resource.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type_general: Option<ResourceTypeGeneral>,
}

/// Rights or a licence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Rights {
    /// The rights statement (may be absent when only a URI is given).
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub rights: Option<String>,
    /// The URI of the licence.
    #[serde(skip_serializing_if = "Option::is_none", alias = "rightsURI")]
    pub rights_uri: Option<String>,
    /// A short identifier, e.g. an SPDX id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights_identifier: Option<String>,
    /// The identifier's scheme, e.g. `SPDX`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights_identifier_scheme: Option<String>,
    /// The scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A description. DataCite XML's line-break element `<br/>` is the character
/// [`LINE_BREAK`](crate::chars::LINE_BREAK) (U+2028) in the text, and `<br/>` in its REST JSON
/// form; any other text, `<br/>` included, is text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Description {
    /// The text; [`LINE_BREAK`](crate::chars::LINE_BREAK) marks a line break (the XML `<br/>`).
    #[serde(
        skip_serializing_if = "String::is_empty",
        serialize_with = "serde_forms::line_breaks_as_markup",
        deserialize_with = "serde_forms::line_breaks_from_markup"
    )]
    pub description: String,
    /// What kind of description (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_type: Option<DescriptionType>,
    /// `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A decimal coordinate, kept with the digits the source wrote (`41.090` stays `41.090`).
///
/// Serialised as a JSON number when the text is the number's shortest form, and as a string
/// otherwise, so that both the value and its spelling survive a round trip.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Coordinate(pub String);

impl Coordinate {
    /// The coordinate as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The numeric value, if the text is a decimal number.
    pub fn value(&self) -> Option<f64> {
        self.0.trim().parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

impl From<&str> for Coordinate {
    fn from(text: &str) -> Self {
        Coordinate(text.to_owned())
    }
}

/// A point: latitude and longitude.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Point {
    /// Latitude, -90 to 90.
    pub point_latitude: Coordinate,
    /// Longitude, -180 to 180.
    pub point_longitude: Coordinate,
}

/// A bounding box.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GeoBox {
    /// Western longitude.
    pub west_bound_longitude: Coordinate,
    /// Eastern longitude.
    pub east_bound_longitude: Coordinate,
    /// Southern latitude.
    pub south_bound_latitude: Coordinate,
    /// Northern latitude.
    pub north_bound_latitude: Coordinate,
}

/// A closed polygon of at least four points, with an optional point inside it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Polygon {
    /// The points, the last equal to the first.
    pub points: Vec<Point>,
    /// A point inside the polygon, telling which side is meant.
    pub in_polygon_point: Option<Point>,
}

/// A spatial region or named place.
///
/// The schema lets one `geoLocation` hold several places, points, boxes and polygons; the REST
/// form writes a single one as a value and several as a list (for polygons: a list of point
/// lists).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GeoLocation {
    /// Place names (`geoLocationPlace`).
    pub places: Vec<String>,
    /// Points (`geoLocationPoint`).
    pub points: Vec<Point>,
    /// Boxes (`geoLocationBox`).
    pub boxes: Vec<GeoBox>,
    /// Polygons (`geoLocationPolygon`).
    pub polygons: Vec<Polygon>,
}

impl GeoLocation {
    /// True when the location holds nothing.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty() && self.points.is_empty() && self.boxes.is_empty() && self.polygons.is_empty()
    }
}

/// A funder and award.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FundingReference {
    /// The funder's name (required).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub funder_name: String,
    /// The funder's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder_identifier: Option<String>,
    /// The identifier's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funder_identifier_type: Option<FunderIdentifierType>,
    /// The identifier scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// The award (grant) number.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub award_number: Option<String>,
    /// The award's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "awardURI")]
    pub award_uri: Option<String>,
    /// The award's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_title: Option<String>,
}

/// The identifier of a related item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedItemIdentifier {
    /// The identifier.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub related_item_identifier: String,
    /// Its type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_item_identifier_type: Option<RelatedIdentifierType>,
    /// For metadata relations: the scheme's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_metadata_scheme: Option<String>,
    /// The scheme's URI.
    #[serde(skip_serializing_if = "Option::is_none", alias = "schemeURI")]
    pub scheme_uri: Option<String>,
    /// The scheme's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme_type: Option<String>,
}

/// A creator of a related item (names only: the schema gives related items no identifiers).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedItemCreator {
    /// The full name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Personal or Organizational.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_type: Option<NameType>,
    /// Given name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `xml:lang` of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// A contributor of a related item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedItemContributor {
    /// The full name.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Personal or Organizational.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_type: Option<NameType>,
    /// Given name(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `xml:lang` of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The role (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor_type: Option<ContributorType>,
}

/// A related resource described in place, such as the journal an article is published in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelatedItem {
    /// The item's general type (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_item_type: Option<ResourceTypeGeneral>,
    /// How the resource relates to the item (required).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_type: Option<RelationType>,
    /// Free text qualifying the relation (schema 4.7).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_type_information: Option<String>,
    /// The item's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_item_identifier: Option<RelatedItemIdentifier>,
    /// The item's creators.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub creators: Vec<RelatedItemCreator>,
    /// The item's titles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<Title>,
    /// `YYYY`.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub publication_year: Option<String>,
    /// Volume.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub volume: Option<String>,
    /// Issue.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub issue: Option<String>,
    /// A number such as an article or report number.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub number: Option<String>,
    /// The kind of number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_type: Option<NumberType>,
    /// First page.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub first_page: Option<String>,
    /// Last page.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub last_page: Option<String>,
    /// The item's publisher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Edition or version.
    #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "serde_forms::opt_text")]
    pub edition: Option<String>,
    /// The item's contributors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<RelatedItemContributor>,
}

//! Writing the model as DataCite REST JSON: the `attributes` object of the REST API.
//!
//! The model's serde form *is* that object (camelCase keys, `lang` for `xml:lang`, the publisher
//! as a string when it is only a name, years as numbers, the derived `types.schemaOrg/citeproc/
//! bibtex/ris`, empty lists and absent values left out), so writing is serialising. What
//! [`read`](super::read()) reads, this writes back: the round trip keeps every metadata attribute
//! except `null`s, which mean "absent" on both sides.

use crosswalk_model::Resource;

/// The REST `attributes` object of a resource, as `POST /dois` takes it under `data.attributes`.
///
/// Request-steering attributes (`event`, `prefix`) are not metadata and are not written; the
/// payload builder adds them.
///
/// ```
/// use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut resource = Resource::default();
/// resource.doi = Some("10.5438/0012".into());
/// resource.creators.push(Creator::named("DataCite Metadata Working Group"));
/// resource.titles.push(Title::new("DataCite Metadata Schema Documentation"));
/// resource.publication_year = Some("2016".into());
/// resource.types = Types::new(ResourceTypeGeneral::Text, None);
/// let attributes = crosswalk_datacite::json::write(&resource);
/// assert_eq!(attributes["publicationYear"], 2016);
/// assert_eq!(attributes["types"]["ris"], "RPRT");
/// assert_eq!(attributes["creators"][0]["name"], "DataCite Metadata Working Group");
/// ```
pub fn write(resource: &Resource) -> serde_json::Value {
    // Serialising the model cannot fail (every map key is a string); `Null` would only stand for
    // a bug in the model's serde forms, never for a panic.
    serde_json::to_value(resource).unwrap_or_default()
}

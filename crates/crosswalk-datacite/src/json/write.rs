//! Writing the model as DataCite REST JSON: the `attributes` object of the REST API.
//!
//! The model's serde form *is* that object (camelCase keys, `lang` for `xml:lang`, the publisher
//! as a string when it is only a name, years as numbers, the derived `types.schemaOrg/citeproc/
//! bibtex/ris`, empty lists and absent values left out), so writing is serialising. What
//! [`read`](super::read()) reads, this writes back: the round trip keeps every metadata attribute
//! except `null`s, which mean "absent" on both sides.

use crosswalk_model::chars::LINE_BREAK_MARKUP;
use crosswalk_model::{codes, Diagnostic, Location, Resource};

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

/// What [`write()`] cannot say exactly: a description whose text reads like the line-break element
/// (`<br/>`, `<br>`, `<br />`: text in the source, escaped in XML). DataCite JSON writes the
/// model's line break as `<br/>` in a description, so such text reads back as a line break; it
/// is written as it is, and reported (`write.unrepresentable`) at its JSON pointer.
///
/// ```
/// use crosswalk_model::{Description, Resource};
///
/// let mut resource = Resource::default();
/// resource.descriptions.push(Description { description: "Use <br> for breaks".into(), ..Default::default() });
/// let notes = crosswalk_datacite::json::write_notes(&resource);
/// assert_eq!(notes[0].location.path.as_deref(), Some("/descriptions/0/description"));
/// ```
pub fn write_notes(resource: &Resource) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for (i, d) in resource.descriptions.iter().enumerate() {
        if let Some(markup) = LINE_BREAK_MARKUP.iter().find(|markup| d.description.contains(**markup)) {
            let message = format!(
                "the description holds the text \"{markup}\", which DataCite JSON cannot tell from its line-break element: written as it is, it reads back as a line break"
            );
            notes.push(
                Diagnostic::warning(codes::WRITE_UNREPRESENTABLE, message)
                    .at(Location::path(format!("/descriptions/{i}/description"))),
            );
        }
    }
    notes
}

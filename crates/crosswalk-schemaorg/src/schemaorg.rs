//! Schema.org JSON-LD: reading works into the model and writing the model as a landing page
//! would embed it.
//!
//! Reading accepts a single work, a list of works, a `@graph` (one record per work in it), a
//! page whose `mainEntity` is the work, JSON Lines of works, and HTML pages (their
//! `<script type="application/ld+json">` elements). The mapping is on the crosswalk page
//! `docs/crosswalks/schema-org.md`, generated from [`crate::schema_org_properties`].
//!
//! Writing gives one JSON-LD object with `"@context": "https://schema.org"`, the work's Schema.org
//! type (a type kept in `resourceType` when the general type alone would lose it), and every
//! property Schema.org can hold; the rest is reported as `write.unrepresentable`.

use crosswalk_model::{CodeInfo, Record, Resource, Written};

use crate::read::{self, Profile};
use crate::write::{self, Target};

/// The codes the Schema.org reader and writer emit (shared with [`crate::codemeta`]).
pub const CODES: &[CodeInfo] = crate::CODES;

/// Reads Schema.org JSON-LD: one record per work. Never fails; never panics.
///
/// ```
/// let records = crosswalk_schemaorg::schemaorg::read(br#"{
///   "@context": "https://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5438/0012",
///   "name": "Example", "author": {"@type": "Person", "name": "Ada Lovelace"},
///   "keywords": "ocean, temperature (sea surface, daily)", "datePublished": "2020-05-17"}"#);
/// let r = &records[0].resource;
/// assert_eq!(r.doi.as_deref(), Some("10.5438/0012"));
/// assert_eq!(r.subjects[1].subject, "temperature (sea surface, daily)");
/// assert_eq!(r.publication_year.as_deref(), Some("2020"));
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    read::read(bytes, Profile::SchemaOrg)
}

/// Writes a resource as Schema.org JSON-LD, with what Schema.org cannot hold reported.
///
/// ```
/// use crosswalk_model::{Creator, Resource, ResourceTypeGeneral, Title, Types};
///
/// let mut r = Resource::default();
/// r.doi = Some("10.5438/0012".into());
/// r.titles.push(Title::new("Example"));
/// r.creators.push(Creator::named("DataCite"));
/// r.types = Types::new(ResourceTypeGeneral::Dataset, None);
/// let written = crosswalk_schemaorg::schemaorg::write(&r);
/// assert!(written.text.contains("\"@context\": \"https://schema.org\""));
/// assert!(written.text.contains("\"@type\": \"Dataset\""));
/// assert!(written.diagnostics.is_empty());
/// ```
pub fn write(resource: &Resource) -> Written {
    write::write(resource, Target::SchemaOrg)
}

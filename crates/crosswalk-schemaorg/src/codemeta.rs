//! Codemeta: software metadata in JSON-LD (the 1.0, 2.0 and 3.0 contexts), read into a
//! Software record and written as Codemeta 3.0.
//!
//! A Codemeta document is Schema.org plus Codemeta's own terms (`issueTracker`, `readme`,
//! `referencePublication`, `funding` as text …) and, in 1.0, older names (`agents`, `tags`,
//! `licenseId`, `relationship` …). The reader is the Schema.org reader with those terms
//! enabled and Software as the type when `@type` is absent. An npm `package.json` is read too,
//! through Codemeta's NodeJS crosswalk. The mapping is on the crosswalk page
//! `docs/crosswalks/codemeta.md`, generated from [`crate::codemeta_properties`].
//!
//! The writer writes Codemeta 3.0 (`"@context": "https://w3id.org/codemeta/3.0"`); a Schema.org
//! term the Codemeta context does not define is written with its `schema:` prefix.

use crosswalk_model::{CodeInfo, Record, Resource, Written};

use crate::read::{self, Profile};
use crate::write::{self, Target};

/// The codes the Codemeta reader and writer emit (shared with [`crate::schemaorg`]).
pub const CODES: &[CodeInfo] = crate::CODES;

/// Reads a Codemeta document (or an npm `package.json`): one Software record per work.
///
/// ```
/// let records = crosswalk_schemaorg::codemeta::read(br#"{
///   "@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode",
///   "name": "Crosswalk", "version": "0.1.0", "license": "https://spdx.org/licenses/MIT",
///   "codeRepository": "https://github.com/crosswalk-metadata/crosswalk",
///   "issueTracker": "https://github.com/crosswalk-metadata/crosswalk/issues"}"#);
/// let r = &records[0].resource;
/// assert_eq!(r.types.resource_type_general, Some(crosswalk_model::ResourceTypeGeneral::Software));
/// assert_eq!(r.rights_list[0].rights_identifier.as_deref(), Some("MIT"));
/// assert_eq!(r.related_identifiers.len(), 2);
/// ```
pub fn read(bytes: &[u8]) -> Vec<Record> {
    read::read(bytes, Profile::Codemeta)
}

/// Writes a resource as Codemeta 3.0 JSON-LD, with what Codemeta cannot hold reported.
pub fn write(resource: &Resource) -> Written {
    write::write(resource, Target::Codemeta)
}

//! Schema.org JSON-LD and Codemeta for Crosswalk: readers into the DataCite model and writers
//! from it.
//!
//! - [`schemaorg`]: Schema.org JSON-LD as repositories embed it in landing pages (a single
//!   work, a list, a `@graph`, or the `<script type="application/ld+json">` of an HTML page).
//! - [`codemeta`]: Codemeta 1.0, 2.0 and 3.0 documents (and npm `package.json` manifests) as
//!   Software records; written as Codemeta 3.0.
//!
//! Both formats are JSON-LD over the Schema.org vocabulary and share one reader: the context
//! decides which terms are understood (a Codemeta context adds Codemeta's terms), the format
//! decides the defaults. Readers never fail and never panic: every problem, loss and
//! normalisation is a diagnostic with its `line:column` and JSON pointer. The mapping tables of
//! the crosswalk pages are generated from [`schema_org_properties`] and [`codemeta_properties`].
//!
//! # Caps
//!
//! Documents are read whole (the nodes of a `@graph` refer to each other), in time linear in their
//! size (repetitions in the resource's lists are found by hash).
//!
//! | what | cap | over it |
//! |---|---|---|
//! | the input (all its documents, or an HTML page's scripts) | [`MAX_DOCUMENT_BYTES`] (64 MiB) | one failed record, [`JSONLD_TOO_LARGE`]; nothing of it decoded or parsed (the facade reads no further than one byte past it) |
//! | nesting of arrays and objects | 200 levels | one failed record, [`JSONLD_SYNTAX`] |
//! | diagnostics per record | [`MAX_DIAGNOSTICS`] (10,000) | the rest counted in one warning, [`JSONLD_DIAGNOSTICS_TRUNCATED`] (errors kept) |

// Library code never panics on input: these lints hold outside unit tests (`cfg(test)` code may
// unwrap and index freely; integration tests and doc tests are separate crates).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

mod json;
mod jsonld;
mod props;
mod read;
mod types;
mod write;

pub mod codemeta;
pub mod schemaorg;

pub use props::{codemeta_properties, markdown_table, schema_org_properties, PropertyDoc, Vocab};
pub use types::SCHEMA_ORG_TYPES;
pub use write::{CODEMETA_PROPERTIES_WRITTEN, SCHEMA_ORG_DETAIL_TYPES_WRITTEN, SCHEMA_ORG_PROPERTIES_WRITTEN};

use crosswalk_model::{codes, CodeInfo, Severity};

/// Code: the input is not valid JSON.
pub const JSONLD_SYNTAX: &str = "jsonld.syntax";
/// Code: an object has the same key more than once.
pub const JSONLD_DUPLICATE_KEY: &str = "jsonld.duplicate-key";
/// Code: a value where a node object is expected is something else, or HTML has no JSON-LD.
pub const JSONLD_SHAPE: &str = "jsonld.shape";
/// Code: the input holds no work to read.
pub const JSONLD_NO_ITEMS: &str = "jsonld.no-items";
/// Code: a node has no `@context`.
pub const JSONLD_CONTEXT_MISSING: &str = "jsonld.context-missing";
/// Code: a `@context` is neither Schema.org nor Codemeta.
pub const JSONLD_CONTEXT_UNKNOWN: &str = "jsonld.context-unknown";
/// Code: a `@graph` holds several works, one record each.
pub const JSONLD_GRAPH: &str = "jsonld.graph";
/// Code: a `@graph` node is neither a work nor referenced.
pub const JSONLD_NODE_UNUSED: &str = "jsonld.node-unused";
/// Code: the JSON-LD was read from the script elements of an HTML page.
pub const JSONLD_HTML: &str = "jsonld.html";
/// Code: a page's `mainEntity` was read as the record.
pub const SCHEMAORG_MAIN_ENTITY: &str = "schemaorg.main-entity";
/// Code: a `@type` is not a Schema.org type Crosswalk knows.
pub const SCHEMAORG_TYPE_UNKNOWN: &str = "schemaorg.type-unknown";
/// Code: the work has no `@type`.
pub const SCHEMAORG_TYPE_MISSING: &str = "schemaorg.type-missing";
/// Code: `@type` lists more types than the record's type.
pub const SCHEMAORG_TYPE_EXTRA: &str = "schemaorg.type-extra";
/// Code: a specific `@type` gave way to `additionalType` in `resourceType`.
pub const SCHEMAORG_TYPE_GENERALISED: &str = "schemaorg.type-generalised";
/// Code: a name text looks like several names.
pub const SCHEMAORG_NAME_LIST: &str = "schemaorg.name-list";
/// Code: a name was composed from family and given names.
pub const SCHEMAORG_NAME_COMPOSED: &str = "schemaorg.name-composed";
/// Code: an agent has no name.
pub const SCHEMAORG_AGENT_UNNAMED: &str = "schemaorg.agent-unnamed";
/// Code: a role has no DataCite contributor type, or a creator's role was dropped.
pub const SCHEMAORG_ROLE_UNKNOWN: &str = "schemaorg.role-unknown";
/// Code: a provider names the registration agency.
pub const SCHEMAORG_AGENCY: &str = "schemaorg.agency";
/// Code: details of a related work are not kept.
pub const SCHEMAORG_RELATED_DETAILS: &str = "schemaorg.related-details";
/// Code: a grant names no funder.
pub const SCHEMAORG_GRANT_WITHOUT_FUNDER: &str = "schemaorg.grant-without-funder";
/// Code: the writer expressed a relation type with a near Schema.org property.
pub const SCHEMAORG_RELATION_APPROXIMATED: &str = "schemaorg.relation-approximated";
/// Code: a Codemeta 1.0 term was read.
pub const CODEMETA_LEGACY_TERM: &str = "codemeta.legacy-term";
/// Code: a Codemeta document without `@type` was read as Software.
pub const CODEMETA_TYPE_ASSUMED: &str = "codemeta.type-assumed";
/// Code: a `funding` text names no funder and became the funder name.
pub const CODEMETA_FUNDING_TEXT: &str = "codemeta.funding-text";
/// Code: the input is an npm `package.json`.
pub const CODEMETA_NPM_PACKAGE: &str = "codemeta.npm-package";
/// Code: the input is larger than [`MAX_DOCUMENT_BYTES`]; it was not read.
pub const JSONLD_TOO_LARGE: &str = "jsonld.too-large";

/// The largest input read: 64 MiB. JSON-LD is read whole, since the nodes of a `@graph` refer to
/// each other (decoded, parsed into a tree that keeps every value's position, then mapped: about
/// ten times the input at the peak). A landing page's JSON-LD or a Codemeta file takes kilobytes;
/// a catalog of works in one list takes about 3 KiB per work, so the cap holds some 20,000 works.
/// Over it, the input is one failed record ([`JSONLD_TOO_LARGE`]) and none of it is decoded or
/// parsed: split a larger catalog into several files (or into JSON Lines files of that size).
pub const MAX_DOCUMENT_BYTES: usize = 64 << 20;

/// Code: a record has more than [`MAX_DIAGNOSTICS`] diagnostics; the rest are not listed.
pub const JSONLD_DIAGNOSTICS_TRUNCATED: &str = "jsonld.diagnostics-truncated";

/// The most diagnostics one record keeps: 10,000; further ones are counted in one warning
/// ([`JSONLD_DIAGNOSTICS_TRUNCATED`]), and the first error among them is kept.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// Every code this crate emits (both formats), with its documentation.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: JSONLD_SYNTAX,
        severity: Severity::Error,
        summary: "The input is not valid JSON at the line and column given; nothing from there on could be read. Fix the syntax (often a missing comma, quote or bracket).",
    },
    CodeInfo {
        code: JSONLD_TOO_LARGE,
        severity: Severity::Error,
        summary: "The input is larger than 64 MiB, the most read as one JSON-LD document (documents are read whole, since their nodes refer to each other); it was not read. Split a catalog into several files.",
    },
    CodeInfo {
        code: JSONLD_DIAGNOSTICS_TRUNCATED,
        severity: Severity::Warning,
        summary: "A record has more than 10,000 diagnostics; the first 10,000 are listed (and the first error after them, if any), the rest only counted. Fix the ones listed and read it again.",
    },
    CodeInfo {
        code: JSONLD_DUPLICATE_KEY,
        severity: Severity::Warning,
        summary: "An object names the same key twice; the last value is used and the earlier one is lost. Remove the repetition.",
    },
    CodeInfo {
        code: JSONLD_SHAPE,
        severity: Severity::Error,
        summary: "Where a JSON-LD node object (a work) was expected there is a string, number or other value, or an HTML page has no application/ld+json script; no record can be read from it.",
    },
    CodeInfo {
        code: JSONLD_NO_ITEMS,
        severity: Severity::Error,
        summary: "The input holds no work: an empty list, or a @graph of only people, places and other details. Add the Dataset, SoftwareSourceCode or other work they belong to.",
    },
    CodeInfo {
        code: JSONLD_CONTEXT_MISSING,
        severity: Severity::Warning,
        summary: "The JSON has no @context, so it is not JSON-LD; its keys were read as Schema.org (and, for Codemeta, Codemeta) terms. Add \"@context\": \"https://schema.org\" (or the Codemeta context).",
    },
    CodeInfo {
        code: JSONLD_CONTEXT_UNKNOWN,
        severity: Severity::Warning,
        summary: "A @context is neither Schema.org nor Codemeta; remote contexts are never loaded, so its terms were read as Schema.org terms. Check that the document uses the Schema.org vocabulary.",
    },
    CodeInfo {
        code: JSONLD_GRAPH,
        severity: Severity::Info,
        summary: "A @graph holds several works; each is read as its own record, and the people, places and other nodes they refer to are read where they are referred to.",
    },
    CodeInfo {
        code: JSONLD_NODE_UNUSED,
        severity: Severity::Warning,
        summary: "A @graph node is a person, place or other detail that no work refers to, so it belongs to no record and is not read. Refer to it from the work (by its @id) or remove it.",
    },
    CodeInfo {
        code: JSONLD_HTML,
        severity: Severity::Info,
        summary: "The input is an HTML page; the JSON-LD of its <script type=\"application/ld+json\"> elements was read.",
    },
    CodeInfo {
        code: SCHEMAORG_MAIN_ENTITY,
        severity: Severity::Info,
        summary: "The document describes a web page whose mainEntity is the work; the work is the record, and the page's own properties are not read.",
    },
    CodeInfo {
        code: SCHEMAORG_TYPE_UNKNOWN,
        severity: Severity::Warning,
        summary: "The @type is not a Schema.org creative-work type Crosswalk knows (or names a person, place or value); the record's resourceTypeGeneral is Other and the type is kept in resourceType. Use a type such as Dataset, SoftwareSourceCode or ScholarlyArticle.",
    },
    CodeInfo {
        code: SCHEMAORG_TYPE_MISSING,
        severity: Severity::Warning,
        summary: "The work has no @type, so its resourceTypeGeneral is unknown and a payload cannot be registered until one is given. Add a @type.",
    },
    CodeInfo {
        code: SCHEMAORG_TYPE_EXTRA,
        severity: Severity::Info,
        summary: "The @type lists several types of different kinds; the record's type comes from the first known one, and the others are not kept.",
    },
    CodeInfo {
        code: SCHEMAORG_TYPE_GENERALISED,
        severity: Severity::Info,
        summary: "A @type more specific than its resourceTypeGeneral (BlogPosting → Text) is normally kept in resourceType, but an additionalType took that place; the specific type is not kept.",
    },
    CodeInfo {
        code: SCHEMAORG_NAME_LIST,
        severity: Severity::Warning,
        summary: "An author or other agent given as text looks like several names (commas, \"and\", semicolons); it is kept as one name. Give each person as its own value.",
    },
    CodeInfo {
        code: SCHEMAORG_NAME_COMPOSED,
        severity: Severity::Info,
        summary: "An agent had no name, only family and given names; the name was composed as \"Family, Given\".",
    },
    CodeInfo {
        code: SCHEMAORG_AGENT_UNNAMED,
        severity: Severity::Warning,
        summary: "An agent has no name (only an identifier, or nothing); DataCite needs a name for every creator and contributor. A creator known by an identifier is kept with it (a record cannot do without creators; add the name); a contributor without a name, and an agent with neither name nor identifier, is left out. Add the name.",
    },
    CodeInfo {
        code: SCHEMAORG_ROLE_UNKNOWN,
        severity: Severity::Warning,
        summary: "A Role's roleName (or a Codemeta 1.0 role code) is not a DataCite contributor type, so the contributor got the property's type or Other; or a creator's role was dropped (info), since creators have none.",
    },
    crosswalk_rules::EDITORS_AS_CREATORS_INFO,
    crosswalk_rules::NAME_SPLIT_INFO,
    CodeInfo {
        code: SCHEMAORG_AGENCY,
        severity: Severity::Info,
        summary: "A provider names a DOI registration agency (DataCite, Crossref …), which is not a contributor of the work; it was not read.",
    },
    CodeInfo {
        code: SCHEMAORG_RELATED_DETAILS,
        severity: Severity::Info,
        summary: "A related work, container or catalog was described in detail; DataCite keeps its identifier (or, without one, its title, creators, year and publisher), and the other details, which describe another resource, are not kept.",
    },
    CodeInfo {
        code: SCHEMAORG_GRANT_WITHOUT_FUNDER,
        severity: Severity::Warning,
        summary: "A Grant names no funder, so its funding reference has no funderName, which DataCite requires. Add the funder (\"funder\": {\"@type\": \"Organization\", \"name\": …}).",
    },
    CodeInfo {
        code: SCHEMAORG_RELATION_APPROXIMATED,
        severity: Severity::Info,
        summary: "Schema.org has no property for a relation type; the writer used the nearest one (Cites as citation), which reads back as the type the message names.",
    },
    CodeInfo {
        code: CODEMETA_LEGACY_TERM,
        severity: Severity::Info,
        summary: "A Codemeta 1.0 term (agents, tags, licenseId …) was read onto its Codemeta 2.0/3.0 meaning; consider updating the file to Codemeta 3.0.",
    },
    CodeInfo {
        code: CODEMETA_TYPE_ASSUMED,
        severity: Severity::Info,
        summary: "The Codemeta document has no @type; a Codemeta document describes software, so the record is typed Software.",
    },
    CodeInfo {
        code: CODEMETA_FUNDING_TEXT,
        severity: Severity::Info,
        summary: "A Codemeta funding text names no funder given elsewhere in the document; the text itself became the funder name. Add a funder to pair it with.",
    },
    CodeInfo {
        code: CODEMETA_NPM_PACKAGE,
        severity: Severity::Info,
        summary: "The input is an npm package.json, not JSON-LD; it was read through Codemeta's NodeJS crosswalk.",
    },
    CodeInfo {
        code: codes::FIELD_UNMAPPED,
        severity: Severity::Warning,
        summary: "A key has no home in the DataCite model (an image, an e-mail address, a measured variable …); its value is not carried over. The message names it and its JSON pointer.",
    },
    CodeInfo {
        code: codes::FIELD_REPEATED,
        severity: Severity::Warning,
        summary: "A property the model holds once (url, publisher, language, version, resourceType) has several values; the first is kept and the others are lost. A url that is the resolver address of another DOI than the work's is kept as an alternate identifier.",
    },
    CodeInfo {
        code: codes::VALUE_EMPTY,
        severity: Severity::Info,
        summary: "An empty value, or a related work with neither identifier nor name, was skipped.",
    },
    CodeInfo {
        code: codes::VALUE_TRIMMED,
        severity: Severity::Info,
        summary: "White space around a value was removed.",
    },
    codes::TEXT_CODES[0],
    codes::TEXT_CODES[1],
    codes::TEXT_CODES[2],
    codes::TEXT_CODES[3],
    CodeInfo {
        code: codes::VALUE_NORMALISED,
        severity: Severity::Info,
        summary: "A value was rewritten into its documented form: a DOI without its resolver, a date 2019.04.10 as 2019-04-10, a type name's case, an npm repository shorthand as a URL, a url that is a DOI's resolver address read as the DOI (not the landing page), a list of one value read as that value where one value is expected.",
    },
    CodeInfo {
        code: codes::VALUE_INVALID,
        severity: Severity::Warning,
        summary: "A value has the wrong shape for its property (an object where text is expected, a box that is not four numbers, a latitude beyond 90, a date that is not W3CDTF); the message says whether it was kept as written or left out.",
    },
    CodeInfo {
        code: codes::VOCAB_NORMALISED,
        severity: Severity::Info,
        summary: "A role or relation name matched a DataCite value only when case or separators were ignored (isPartOf → IsPartOf); the DataCite spelling is used.",
    },
    CodeInfo {
        code: codes::VOCAB_UNKNOWN,
        severity: Severity::Warning,
        summary: "A Codemeta 1.0 relationship names a relation or identifier type DataCite does not have; it is kept as written (or typed from the identifier's form) and will fail validation until corrected.",
    },
    CodeInfo {
        code: codes::WRITE_UNREPRESENTABLE,
        severity: Severity::Warning,
        summary: "The writer's format has no place for a value of the record (a date type, a relation type, a related item's pages …); it is not in the output. The crosswalk page lists what each writer holds.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for info in CODES {
            assert!(seen.insert(info.code), "{} listed twice", info.code);
            assert!(info.summary.len() > 30, "{} needs a summary", info.code);
        }
    }
}

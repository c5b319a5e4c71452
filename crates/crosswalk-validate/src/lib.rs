//! Validation of DataCite records: DataCite XML against the kernel-4 XML Schema, and the strict
//! checks that the schema cannot make.
//!
//! - [`validate`] checks DataCite XML against Crosswalk's own kernel-4.7 schema
//!   (`schemas/kernel-4/`, compiled into the binary), which gives the same verdict as DataCite's
//!   official XSD. [`Schema::from_file`] loads another schema, such as the official one, from
//!   disk. Both run on **libxml2**, the engine behind DataCite's own API, through a small FFI of
//!   this crate's own (see the `libxml` module): the schema is compiled once per thread, documents
//!   are parsed without network, DTD loading, entity substitution or recovery, and libxml2's
//!   messages become [`Diagnostic`]s with a stable code, the element path, and a line and column.
//! - [`rules::check`] runs the strict checks on a [`crosswalk_model::Resource`] (identifier check
//!   digits, dates, languages, licences, URLs, …), with JSON pointers as paths;
//!   [`rules::check_findable`] adds what a Findable DOI needs.
//! - [`xml_path_to_pointer`], [`pointer_to_xml_path`] and [`locate`] move between the XML and
//!   JSON forms of a location.
//!
//! ```
//! let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4">
//!   <identifier identifierType="DOI">10.5072/example</identifier>
//!   <creators><creator><creatorName>Doe, Jane</creatorName></creator></creators>
//!   <titles><title>An example</title></titles>
//!   <publisher>Example Press</publisher>
//!   <publicationYear>20</publicationYear>
//!   <resourceType resourceTypeGeneral="Dataset"/>
//! </resource>"#;
//! let diagnostics = crosswalk_validate::validate(xml);
//! assert_eq!(diagnostics.len(), 1);
//! assert_eq!(diagnostics[0].code, "xsd.bad-value");
//! assert_eq!(diagnostics[0].location.path.as_deref(), Some("/resource/publicationYear"));
//! assert_eq!((diagnostics[0].location.line, diagnostics[0].location.column), (Some(6), Some(3)));
//! ```

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

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crosswalk_model::{CodeInfo, Diagnostic, Location, Severity};

mod embedded;
#[allow(unsafe_code)]
mod libxml;
mod messages;
mod paths;
pub mod rules;

pub use libxml::{use_allocator as use_libxml2_allocator, Allocator as Libxml2Allocator};
pub use paths::{locate, pointer_to_xml_path, xml_path_to_pointer};

use libxml::CompiledSchema;

/// The diagnostic codes of schema validation.
pub mod codes {
    /// The document is not well-formed XML.
    pub const NOT_WELL_FORMED: &str = "xsd.not-well-formed";
    /// The document breaks the schema in a way no finer code names.
    pub const INVALID: &str = "xsd.invalid";
    /// A required element is missing.
    pub const MISSING_ELEMENT: &str = "xsd.missing-element";
    /// An element is not allowed where it is (unknown, repeated, or misplaced).
    pub const UNEXPECTED_ELEMENT: &str = "xsd.unexpected-element";
    /// An attribute is not allowed, or a required attribute is missing.
    pub const BAD_ATTRIBUTE: &str = "xsd.bad-attribute";
    /// A value does not have its type's form (pattern, number, range, length, URI).
    pub const BAD_VALUE: &str = "xsd.bad-value";
    /// A value is not in its controlled list.
    pub const NOT_IN_LIST: &str = "xsd.not-in-list";
    /// The root element is not the kernel-4 `resource` (wrong name or namespace).
    pub const WRONG_ROOT: &str = "xsd.wrong-root";
    /// The document asked for an external resource (a DTD, an entity), which was not loaded.
    pub const EXTERNAL_REFUSED: &str = "xsd.external-refused";
    /// The document uses entity references, which are not expanded.
    pub const ENTITY_REFERENCE: &str = "xsd.entity-reference";
    /// The document has a DOCTYPE declaration (ignored).
    pub const DOCTYPE: &str = "xsd.doctype";
    /// The XML parser warned about something that does not make the document invalid.
    pub const PARSER_WARNING: &str = "xsd.parser-warning";
    /// The schema itself could not be read or compiled.
    pub const SCHEMA_UNUSABLE: &str = "xsd.schema-unusable";
}

/// Every code this crate emits: schema validation's ([`codes`]), then the strict rules'
/// ([`rules::codes`]).
/// The rules also emit the shared `vocab.unknown` and `required.missing`
/// ([`crosswalk_model::codes`]), documented there.
pub const CODES: &[CodeInfo] = &[
    CodeInfo {
        code: codes::NOT_WELL_FORMED,
        severity: Severity::Error,
        summary: "The document is not well-formed XML (the message says where parsing stopped); fix the markup there.",
    },
    CodeInfo {
        code: codes::INVALID,
        severity: Severity::Error,
        summary: "The document breaks the DataCite kernel-4 schema; the message gives libxml2's reason.",
    },
    CodeInfo {
        code: codes::MISSING_ELEMENT,
        severity: Severity::Error,
        summary: "A required element is missing; the message names it (or lists what may come there); add it.",
    },
    CodeInfo {
        code: codes::UNEXPECTED_ELEMENT,
        severity: Severity::Error,
        summary: "An element is not allowed there: it is unknown, repeated, or out of order; the message lists what may come instead.",
    },
    CodeInfo {
        code: codes::BAD_ATTRIBUTE,
        severity: Severity::Error,
        summary: "An attribute is not allowed on its element, or a required one is missing; check its spelling and the schema.",
    },
    CodeInfo {
        code: codes::BAD_VALUE,
        severity: Severity::Error,
        summary: "A value does not have the form its type requires (four-digit year, number in range, URI, non-empty text); correct it.",
    },
    CodeInfo {
        code: codes::NOT_IN_LIST,
        severity: Severity::Error,
        summary: "A value is not in its DataCite 4.7 controlled list (spelling and case matter); use one of the values the message lists.",
    },
    CodeInfo {
        code: codes::WRONG_ROOT,
        severity: Severity::Error,
        summary: "The root element is not <resource> in the namespace http://datacite.org/schema/kernel-4; older kernels must be converted first (`crosswalk convert`).",
    },
    CodeInfo {
        code: codes::EXTERNAL_REFUSED,
        severity: Severity::Error,
        summary: "The document asked for an external file or URL (a DTD or entity); nothing outside the document is ever loaded. Remove the reference.",
    },
    CodeInfo {
        code: codes::ENTITY_REFERENCE,
        severity: Severity::Error,
        summary: "The document uses entity references that are not expanded (no DTD is processed); write the characters themselves or as &#…; references.",
    },
    CodeInfo {
        code: codes::DOCTYPE,
        severity: Severity::Warning,
        summary: "The document has a DOCTYPE declaration, which DataCite XML does not use; it was ignored (no DTD loaded, no entity expanded). Remove it.",
    },
    CodeInfo {
        code: codes::PARSER_WARNING,
        severity: Severity::Warning,
        summary: "The XML parser warned about the document (e.g. a relative namespace URI); it is still valid, but check the message.",
    },
    CodeInfo {
        code: codes::SCHEMA_UNUSABLE,
        severity: Severity::Error,
        summary: "The schema given with --schema could not be read or compiled (or one of its includes); check the path and that its includes are beside it.",
    },
    // The strict rules.
    CodeInfo {
        code: rules::codes::DOI,
        severity: Severity::Error,
        summary: "A DOI is not a DOI name (10.<registrant>/<suffix>, without spaces; the doi attribute without resolver); correct it.",
    },
    CodeInfo {
        code: rules::codes::ORCID,
        severity: Severity::Error,
        summary: "An ORCID iD is malformed or its check digit is wrong (a typing error); copy it from orcid.org.",
    },
    CodeInfo {
        code: rules::codes::ISNI,
        severity: Severity::Error,
        summary: "An ISNI is malformed or its check digit is wrong (a typing error); copy it from isni.org.",
    },
    CodeInfo {
        code: rules::codes::ROR,
        severity: Severity::Error,
        summary: "A ROR identifier is malformed or its checksum is wrong (a typing error); copy it from ror.org.",
    },
    CodeInfo {
        code: rules::codes::DATE,
        severity: Severity::Warning,
        summary: "A date is not in a form DataCite documents (W3CDTF such as 2020-05-17, a range a/b or a/ or /b, or EDTF); DataCite keeps it as text, but it will not be read as a date.",
    },
    CodeInfo {
        code: rules::codes::DATE_IMPOSSIBLE,
        severity: Severity::Error,
        summary: "A date names a month, day or time that does not exist (2021-02-30, month 13); correct it.",
    },
    CodeInfo {
        code: rules::codes::LANGUAGE,
        severity: Severity::Error,
        summary: "A language is not a BCP 47 tag (en, de-CH, zh-Hant); use the tag, not a name or an underscore form.",
    },
    CodeInfo {
        code: rules::codes::LANGUAGE_UNREGISTERED,
        severity: Severity::Warning,
        summary: "A language tag is well-formed, but a subtag is not in the IANA registry (eng instead of en, an unknown region); use the registered subtag.",
    },
    CodeInfo {
        code: rules::codes::SPDX_UNKNOWN,
        severity: Severity::Warning,
        summary: "A rightsIdentifier with scheme SPDX is not in the SPDX licence list; use an id from spdx.org/licenses or drop the scheme.",
    },
    CodeInfo {
        code: rules::codes::SPDX_CASE,
        severity: Severity::Info,
        summary: "A rightsIdentifier with scheme SPDX matches a listed id only in other letter case (DataCite stores them lowercase); the message gives SPDX's spelling.",
    },
    CodeInfo {
        code: rules::codes::URL,
        severity: Severity::Error,
        summary: "A URL or URI is malformed (spaces, no scheme, no host), or the landing page url is not http(s); correct it.",
    },
    CodeInfo {
        code: rules::codes::PUBLICATION_YEAR,
        severity: Severity::Error,
        summary: "The publicationYear is not a four-digit year (YYYY); DataCite's schema rejects it.",
    },
    CodeInfo {
        code: rules::codes::PUBLICATION_YEAR_IMPLAUSIBLE,
        severity: Severity::Warning,
        summary: "The publicationYear is before 1000 or more than five years ahead; check for a typing error.",
    },
    CodeInfo {
        code: rules::codes::EMPTY,
        severity: Severity::Error,
        summary: "An affiliation has no name, or a name identifier no value (also when the reader left such an element out); DataCite's schema lets these through, but they say nothing. Fill them in or remove them. A warning about a document, an error under --strict.",
    },
    CodeInfo {
        code: rules::codes::ATTRIBUTE_MISSING,
        severity: Severity::Warning,
        summary: "An attribute DataCite requires is missing although its XSD lets it through: nameIdentifierScheme on every nameIdentifier, affiliationIdentifierScheme with an affiliationIdentifier, publisherIdentifierScheme with a publisherIdentifier. DataCite refuses such a record for a Findable or Registered DOI (its message, often \"The document has no document element\", does not say why); an error for payloads with --event and under validate --findable or --strict. Add the scheme (ORCID, ROR, ISNI, …).",
    },
];

/// A schema compiled on this thread, or the diagnostics saying why it could not be.
type Compiled = Result<CompiledSchema, Vec<Diagnostic>>;

thread_local! {
    /// This thread's compiled embedded schema.
    static EMBEDDED: RefCell<Option<Compiled>> = const { RefCell::new(None) };
    /// This thread's compiled user schemas, by [`Schema`] id, most recently used last.
    static USER_SCHEMAS: RefCell<Vec<(u64, Compiled)>> = const { RefCell::new(Vec::new()) };
}

/// How many user schemas one thread keeps compiled; the least recently used goes first.
const USER_SCHEMAS_PER_THREAD: usize = 8;

/// Validates DataCite XML against Crosswalk's kernel-4.7 schema (embedded in the binary).
///
/// The document is valid when no diagnostic is an error. Each diagnostic names the element
/// (`location.path`, e.g. `/resource/creators/creator[2]/creatorName`) and gives its line and
/// column. The schema is compiled on a thread's first call (about a millisecond) and reused.
pub fn validate(xml: &[u8]) -> Vec<Diagnostic> {
    EMBEDDED.with(|cell| {
        let mut slot = cell.borrow_mut();
        let compiled = slot.get_or_insert_with(|| CompiledSchema::embedded().map_err(|m| schema_errors(m, None)));
        match compiled {
            Ok(schema) => messages::diagnostics(schema.validate(xml), xml),
            Err(diagnostics) => diagnostics.clone(),
        }
    })
}

/// The finding [`validate`] gives for a kernel-4 `<resource>` that lacks the required children
/// `missing` (named in the XSD's order: `identifier`, `creators`, `titles`, `publisher`,
/// `publicationYear`, `resourceType`) and breaks the schema in no other way: what a writer that
/// proved everything else about its document reports without running libxml2.
///
/// libxml2 reports such a `<resource>` once, listing the children that may still come in the
/// XSD's order (the required ones first, so all of them are listed); this is that message as
/// [`validate`] words it, at the element's path. `None` when nothing is missing.
///
/// ```
/// let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4">
///   <identifier identifierType="DOI">10.5072/x</identifier>
///   <creators><creator><creatorName>Doe</creatorName></creator></creators>
///   <titles><title>T</title></titles>
///   <publicationYear>2020</publicationYear>
///   <resourceType resourceTypeGeneral="Dataset"/>
/// </resource>"#;
/// let found = crosswalk_validate::validate(xml);
/// let known = crosswalk_validate::missing_required_children(&["publisher"]).unwrap();
/// assert_eq!((&found[0].code, &found[0].message), (&known.code, &known.message));
/// assert_eq!(found[0].location.path, known.location.path);
/// ```
pub fn missing_required_children(missing: &[&str]) -> Option<Diagnostic> {
    if missing.is_empty() {
        return None;
    }
    let message = messages::required_missing_text("<resource>", missing);
    Some(Diagnostic::error(codes::MISSING_ELEMENT, message).at(Location::path("/resource")))
}

/// The message [`validate`] gives for the attribute `attribute` of an `element` whose `value`
/// is not among `allowed` (an XSD enumeration, in the schema's order), worded from libxml2's
/// as every message is: what a writer that proved everything else about its document reports
/// without running libxml2. The finding is an error with code `xsd.not-in-list`.
///
/// ```
/// let xml = br#"<resource xmlns="http://datacite.org/schema/kernel-4">
///   <identifier identifierType="DOI">10.5072/x</identifier>
///   <creators><creator><creatorName>Doe</creatorName></creator></creators>
///   <titles><title titleType="Bogus">T</title></titles>
///   <publisher>P</publisher><publicationYear>2020</publicationYear>
///   <resourceType resourceTypeGeneral="Dataset"/>
/// </resource>"#;
/// let found = crosswalk_validate::validate(xml);
/// let allowed = ["AlternativeTitle", "Other", "Subtitle", "TranslatedTitle"];
/// let message = crosswalk_validate::not_in_list_message("title", "titleType", "Bogus", &allowed);
/// assert_eq!(found[0].code, crosswalk_validate::codes::NOT_IN_LIST);
/// assert_eq!(found[0].message, message);
/// ```
pub fn not_in_list_message(element: &str, attribute: &str, value: &str, allowed: &[&str]) -> String {
    let set: Vec<String> = allowed.iter().map(|v| format!("'{v}'")).collect();
    messages::clean(&format!(
        "Element '{{http://datacite.org/schema/kernel-4}}{element}', attribute '{attribute}': [facet 'enumeration'] \
         The value '{value}' is not an element of the set {{{}}}.",
        set.join(", ")
    ))
}

/// True when `diagnostics` hold no error: the verdict of [`validate`] or [`Schema::validate`].
pub fn is_valid(diagnostics: &[Diagnostic]) -> bool {
    !diagnostics.iter().any(Diagnostic::is_error)
}

/// A schema loaded from a file (with its includes and imports, resolved on disk relative to it;
/// never from the network), such as DataCite's official `metadata.xsd`.
///
/// A `Schema` is `Send` and `Sync`: libxml2's compiled schemas are bound to a thread, so each
/// thread that validates with it compiles its own copy on first use and keeps it (up to eight
/// schemas per thread). The file is read again by each such thread.
#[derive(Debug)]
pub struct Schema {
    path: PathBuf,
    id: u64,
}

static NEXT_SCHEMA_ID: AtomicU64 = AtomicU64::new(1);

impl Schema {
    /// Loads and compiles the schema at `path`; an `xsd.schema-unusable` error when it cannot.
    pub fn from_file(path: &Path) -> Result<Schema, Diagnostic> {
        let schema = Schema { path: path.to_owned(), id: NEXT_SCHEMA_ID.fetch_add(1, Ordering::Relaxed) };
        let first_error = schema.with_compiled(|compiled| match compiled {
            Ok(_) => None,
            Err(diagnostics) => diagnostics.first().cloned(),
        });
        match first_error {
            None => Ok(schema),
            Some(diagnostic) => Err(diagnostic),
        }
    }

    /// The file the schema was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Validates `xml` against this schema, as [`validate`] does against the embedded one.
    pub fn validate(&self, xml: &[u8]) -> Vec<Diagnostic> {
        self.with_compiled(|compiled| match compiled {
            Ok(schema) => messages::diagnostics(schema.validate(xml), xml),
            Err(diagnostics) => diagnostics.clone(),
        })
    }

    fn with_compiled<T>(&self, f: impl FnOnce(&Compiled) -> T) -> T {
        USER_SCHEMAS.with(|cell| {
            let mut cache = cell.borrow_mut();
            let entry = match cache.iter().position(|(id, _)| *id == self.id) {
                Some(at) => cache.remove(at),
                None => {
                    let compiled =
                        CompiledSchema::from_file(&self.path).map_err(|m| schema_errors(m, Some(&self.path)));
                    (self.id, compiled)
                }
            };
            let result = f(&entry.1);
            if cache.len() >= USER_SCHEMAS_PER_THREAD {
                drop(cache.remove(0));
            }
            cache.push(entry);
            result
        })
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        // Other threads' copies go when they are evicted or the thread ends.
        let _ = USER_SCHEMAS.try_with(|cell| {
            if let Ok(mut cache) = cell.try_borrow_mut() {
                cache.retain(|(id, _)| *id != self.id);
            }
        });
    }
}

/// The messages of a failed schema compilation as `xsd.schema-unusable` errors.
fn schema_errors(messages: Vec<libxml::RawMessage>, path: Option<&Path>) -> Vec<Diagnostic> {
    let prefix = match path {
        Some(path) => format!("schema {}: ", path.display()),
        None => "the embedded kernel-4 schema: ".to_owned(),
    };
    messages
        .into_iter()
        .filter(|m| m.level == libxml::Level::Error)
        .map(|m| {
            let location = Location { line: m.line, column: None, path: None };
            Diagnostic::error(codes::SCHEMA_UNUSABLE, format!("{prefix}{}", messages::clean(&m.message))).at(location)
        })
        .collect()
}

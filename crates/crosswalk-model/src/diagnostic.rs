//! Diagnostics: every problem, loss and normalisation a reader or writer meets.
//!
//! A diagnostic names its problem with a stable [`Diagnostic::code`] (documented in the `CODES`
//! table of the crate that emits it), says how serious it is, and points into the source.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
///
/// `Error` means the record cannot be trusted as converted (a batch counts it as failed);
/// `Warning` means something was lost or is likely wrong; `Info` records a documented
/// normalisation or mapping, so that nothing changes silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The record failed: a required part is missing or the input is broken.
    Error,
    /// Data was lost or looks wrong; the record still converts.
    Warning,
    /// A documented normalisation or mapping was applied.
    Info,
}

impl Severity {
    /// The lowercase name used in messages and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// DataCite XML elements that may occur several times among their siblings. In an XML element
/// path every step naming one of them carries a 1-based index (`/resource/titles/title[1]`),
/// even when it occurs once; single elements carry none. The DataCite XML reader writes paths,
/// and the validator reads and writes them, by this one convention.
pub const REPEATABLE_XML_ELEMENTS: &[&str] = &[
    "creator",
    "title",
    "subject",
    "contributor",
    "date",
    "alternateIdentifier",
    "relatedIdentifier",
    "size",
    "format",
    "rights",
    "description",
    "geoLocation",
    "geoLocationPlace",
    "geoLocationPoint",
    "geoLocationBox",
    "geoLocationPolygon",
    "polygonPoint",
    "fundingReference",
    "relatedItem",
    "nameIdentifier",
    "affiliation",
    "br",
];

/// True when DataCite XML elements named `name` may repeat among their siblings (see
/// [`REPEATABLE_XML_ELEMENTS`]).
///
/// ```
/// assert!(crosswalk_model::diagnostic::is_repeatable_xml_element("creator"));
/// assert!(!crosswalk_model::diagnostic::is_repeatable_xml_element("publisher"));
/// ```
pub fn is_repeatable_xml_element(name: &str) -> bool {
    REPEATABLE_XML_ELEMENTS.contains(&name)
}

/// Where in the source a diagnostic points.
///
/// Readers fill what they know: text formats give `line`/`column` (1-based, columns in
/// characters), XML readers also give the element `path` (`/resource/creators/creator[2]`),
/// JSON readers give a JSON pointer as `path` (`/creators/0/nameIdentifiers/0`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// 1-based line in the source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters) in the source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// An XML element path or a JSON pointer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Location {
    /// A location with a line and column.
    pub fn at(line: u32, column: u32) -> Self {
        Location { line: Some(line), column: Some(column), path: None }
    }

    /// A location known only by its path (a JSON pointer or an XML path).
    pub fn path(path: impl Into<String>) -> Self {
        Location { line: None, column: None, path: Some(path.into()) }
    }

    /// Adds or replaces the path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// True when nothing is known about the position.
    pub fn is_unknown(&self) -> bool {
        self.line.is_none() && self.path.is_none()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}")?,
            (Some(line), None) => write!(f, "{line}")?,
            _ => {}
        }
        if let Some(path) = &self.path {
            if self.line.is_some() {
                f.write_str(" ")?;
            }
            f.write_str(path)?;
        }
        Ok(())
    }
}

/// One problem, loss or normalisation, with a stable code and a source location.
///
/// ```
/// use crosswalk_model::{Diagnostic, Location, Severity};
///
/// let d = Diagnostic::warning("field.unmapped", "element <foo> has no home in the model")
///     .at(Location::at(12, 5).with_path("/resource/foo"));
/// assert_eq!(d.severity, Severity::Warning);
/// assert_eq!(d.to_string(), "warning[field.unmapped] 12:5 /resource/foo: element <foo> has no home in the model");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable, documented code such as `xml.unknown-element`.
    pub code: Cow<'static, str>,
    /// A sentence for people, naming the value concerned.
    pub message: String,
    /// Where in the source.
    pub location: Location,
}

impl Diagnostic {
    /// A diagnostic with no location yet.
    pub fn new(severity: Severity, code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Diagnostic { severity, code: code.into(), message: message.into(), location: Location::default() }
    }

    /// An error diagnostic.
    pub fn error(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A warning diagnostic.
    pub fn warning(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// An informational diagnostic.
    pub fn info(code: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }

    /// Sets the location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.severity, self.code)?;
        if !self.location.is_unknown() {
            write!(f, " {}", self.location)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The documentation of one diagnostic code, as listed in each crate's `CODES` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CodeInfo {
    /// The code, e.g. `xml.unknown-element`.
    pub code: &'static str,
    /// The severity it is normally emitted with.
    pub severity: Severity,
    /// What it means and what to do about it.
    pub summary: &'static str,
}

/// Codes shared by every reader and writer.
pub mod codes {
    use super::{CodeInfo, Severity};

    /// A value is not in the controlled list of its property; it is kept as written.
    pub const VOCAB_UNKNOWN: &str = "vocab.unknown";
    /// A controlled value matched only after ignoring case or separators; the canonical form is used.
    pub const VOCAB_NORMALISED: &str = "vocab.normalised";
    /// A source field has no home in the model: its value is not carried over.
    pub const FIELD_UNMAPPED: &str = "field.unmapped";
    /// A single-valued field occurs more than once; the first is kept, the rest are lost.
    pub const FIELD_REPEATED: &str = "field.repeated";
    /// An empty value was skipped.
    pub const VALUE_EMPTY: &str = "value.empty";
    /// Leading or trailing white space was removed from a value.
    pub const VALUE_TRIMMED: &str = "value.trimmed";
    /// A value was rewritten into its documented normal form (e.g. a DOI without its resolver).
    pub const VALUE_NORMALISED: &str = "value.normalised";
    /// A value could not be understood and was dropped or kept as text.
    pub const VALUE_INVALID: &str = "value.invalid";
    /// A construct of an older schema was mapped onto its 4.7 equivalent.
    pub const LEGACY_MAPPED: &str = "legacy.mapped";
    /// A property the target needs is missing.
    pub const REQUIRED_MISSING: &str = "required.missing";
    /// A writer could not express a value in its format; the value is not in the output.
    pub const WRITE_UNREPRESENTABLE: &str = "write.unrepresentable";
    /// A reader cut a value short at one of its limits: the value holds only its start.
    pub const VALUE_CUT: &str = "value.cut";
    /// C1 control characters that stand for Windows-1252 characters were read as those.
    pub const TEXT_CP1252: &str = "text.cp1252";
    /// Control characters that are not text were dropped from a value.
    pub const TEXT_CONTROL: &str = "text.control";
    /// Line or paragraph separators (U+2028, U+2029) were replaced as the value allows.
    pub const TEXT_SEPARATOR: &str = "text.separator";
    /// A value holds controls of bidirectional text; they are kept.
    pub const TEXT_BIDI: &str = "text.bidi";

    /// The documentation of the codes of the text rules every reader applies (through
    /// [`crate::tidy`]), for the `CODES` tables of the reader crates: `text.cp1252`,
    /// `text.control`, `text.separator`, `text.bidi`.
    pub const TEXT_CODES: [CodeInfo; 4] = [
        CodeInfo {
            code: TEXT_CP1252,
            severity: Severity::Warning,
            summary: "A value holds C1 control characters (U+0080–U+009F) where its source meant Windows-1252 characters: text decoded as Latin-1 somewhere on its way, or a JSON \\u0096. Each was read as the Windows-1252 character of its number (U+0096 → –, U+0093 → “); the message names them. Fix the export's encoding.",
        },
        CodeInfo {
            code: TEXT_CONTROL,
            severity: Severity::Warning,
            summary: "A value holds control characters that are not text (C0 controls other than tab, line feed and carriage return, DEL, and C1 controls Windows-1252 has no character for); they were dropped. XML cannot hold most of them, and in RIS and BibTeX they break lines or end the file for some programs.",
        },
        CodeInfo {
            code: TEXT_SEPARATOR,
            severity: Severity::Info,
            summary: "A value holds U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR: in a description, U+2028 is the model's line break (DataCite XML's <br/>) and U+2029 became a blank line; in every other value, which keeps no line breaks of that kind, each became a space.",
        },
        CodeInfo {
            code: TEXT_BIDI,
            severity: Severity::Warning,
            summary: "A value holds controls of bidirectional text (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C). They are kept, since right-to-left text needs them, but they can make displayed text read in another order than it is written (a file name or identifier that looks harmless): check the value. A source's own key (a citation key, a RIS ID) holding them or other control characters is reported too. Citation keys and file names Crosswalk makes never contain them.",
        },
    ];

    /// The documentation of the shared codes.
    pub const CODES: &[CodeInfo] = &[
        CodeInfo {
            code: VOCAB_UNKNOWN,
            severity: Severity::Warning,
            summary: "A value is not in the property's controlled list (DataCite 4.7); it is kept as written and will fail schema validation until corrected.",
        },
        CodeInfo {
            code: VOCAB_NORMALISED,
            severity: Severity::Info,
            summary: "A controlled value matched only when case or separators were ignored; the canonical spelling is used.",
        },
        CodeInfo {
            code: FIELD_UNMAPPED,
            severity: Severity::Warning,
            summary: "A source field has no home in the DataCite model; its value is not carried into the output.",
        },
        CodeInfo {
            code: FIELD_REPEATED,
            severity: Severity::Warning,
            summary: "A field that may occur once occurs several times; the first occurrence is kept and the others are lost.",
        },
        CodeInfo {
            code: VALUE_EMPTY,
            severity: Severity::Info,
            summary: "An empty value (or one holding only white space) was skipped.",
        },
        CodeInfo {
            code: VALUE_TRIMMED,
            severity: Severity::Info,
            summary: "Leading or trailing white space was removed from a value.",
        },
        CodeInfo {
            code: VALUE_NORMALISED,
            severity: Severity::Info,
            summary: "A value was rewritten into its documented normal form, e.g. a DOI stripped of its resolver prefix.",
        },
        CodeInfo {
            code: VALUE_INVALID,
            severity: Severity::Warning,
            summary: "A value could not be understood in its place; the message says what was kept.",
        },
        CodeInfo {
            code: LEGACY_MAPPED,
            severity: Severity::Info,
            summary: "A construct of an older DataCite kernel was mapped onto its 4.7 equivalent.",
        },
        CodeInfo {
            code: REQUIRED_MISSING,
            severity: Severity::Error,
            summary: "A property the target requires is missing; supply it in the source or with a command-line option.",
        },
        CodeInfo {
            code: WRITE_UNREPRESENTABLE,
            severity: Severity::Warning,
            summary: "The output format has no place for a value of the record; it is not in the output.",
        },
        TEXT_CODES[0],
        TEXT_CODES[1],
        TEXT_CODES[2],
        TEXT_CODES[3],
        CodeInfo {
            code: VALUE_CUT,
            severity: Severity::Warning,
            summary: "A value was longer than a reader's limit and holds only its start. Converting keeps the record with this warning; a payload that registers it (with an event) is refused (payload.value-cut), since DataCite would publish the cut value.",
        },
    ];
}

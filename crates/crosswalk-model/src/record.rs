//! A record: one resource as read from a source, with everything said about it.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::resource::Resource;

/// What a JSON:API request payload asked besides its metadata: the state change and, for a DOI
/// still to be made, the prefix. A reader of payloads keeps them, so that a payload read back
/// (and sent by `crosswalk upload`) does what it said.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Request {
    /// `event`: `publish`, `register` or `hide`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// `prefix`, when the payload asks for a DOI under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// Where a record came from in its source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// 0-based position of the record in its source.
    pub index: usize,
    /// The record's own key when the source has one (a DOI, a citation key, a RIS `ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The key the record is cited by in its source, when the source is a reference list: a
    /// BibTeX citation key, a CSL-JSON `id` (else `citation-key`), a RIS `ID`. Unlike [`key`]
    /// (which may be a DOI), it is never derived from the metadata. Writers of such formats reuse
    /// it, so that a document's citations keep working after a conversion
    /// (`crosswalk::write_record`).
    ///
    /// [`key`]: Origin::key
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation_key: Option<String>,
    /// The line where the record starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The schema the source declared, e.g. `http://datacite.org/schema/kernel-3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the request payload the record was read from asked (`event`, `prefix`), when it came
    /// from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    /// The name of the input the record was read from, set by the batch (`None` for a record
    /// read on its own).
    #[serde(skip)]
    pub input: Option<std::sync::Arc<str>>,
    /// The record's 1-based position among all the records of a batch run (every input, in
    /// order), set by the batch; `None` for a record read on its own. A payload's `{index}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u64>,
    /// The whole source document, for single-document formats (a DataCite XML file, or the XML
    /// embedded in a payload), so that validation can check what the user wrote and point into it.
    #[serde(skip)]
    pub document: Option<std::sync::Arc<str>>,
}

/// One resource read from a source, with its diagnostics.
///
/// Readers never fail: a record so broken that nothing could be read still comes back, with an
/// empty resource and an error diagnostic, so that a batch accounts for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// The resource as far as it could be read.
    pub resource: Resource,
    /// Problems, losses and normalisations, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where it came from.
    pub origin: Origin,
}

impl Record {
    /// A record of `resource` with no diagnostics.
    pub fn new(resource: Resource) -> Self {
        Record { resource, diagnostics: Vec::new(), origin: Origin::default() }
    }

    /// A record that could not be read at all: an empty resource and one error.
    pub fn failed(diagnostic: Diagnostic) -> Self {
        Record { resource: Resource::default(), diagnostics: vec![diagnostic], origin: Origin::default() }
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The number of diagnostics of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// Adds a diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Keeps at most `limit` diagnostics: the first `limit`, then (when none of those is an
    /// error) the first error among the others, so that the record still counts as failed, and
    /// one warning with `code` counting the rest, at the first one's location. A reader's cap on
    /// what one record says (a hostile input can make every byte a finding).
    ///
    /// ```
    /// use crosswalk_model::{Diagnostic, Record};
    ///
    /// let mut record = Record::default();
    /// for i in 0..5 {
    ///     record.push(Diagnostic::info("x.note", format!("note {i}")));
    /// }
    /// record.push(Diagnostic::error("x.broken", "broken"));
    /// record.truncate_diagnostics(2, "x.diagnostics-truncated");
    /// let codes: Vec<&str> = record.diagnostics.iter().map(|d| d.code.as_ref()).collect();
    /// assert_eq!(codes, ["x.note", "x.note", "x.broken", "x.diagnostics-truncated"]);
    /// assert!(record.diagnostics[3].message.starts_with("3 more diagnostics"));
    /// ```
    pub fn truncate_diagnostics(&mut self, limit: usize, code: &'static str) {
        if self.diagnostics.len() <= limit {
            return;
        }
        let rest = self.diagnostics.split_off(limit);
        let location = rest.first().map(|d| d.location.clone()).unwrap_or_default();
        let mut count = rest.len();
        if !self.diagnostics.iter().any(Diagnostic::is_error) {
            if let Some(error) = rest.into_iter().find(Diagnostic::is_error) {
                self.diagnostics.push(error);
                count -= 1;
            }
        }
        let message = format!("{count} more diagnostics are not listed: a record keeps at most {limit}");
        self.diagnostics.push(Diagnostic::warning(code, message).at(location));
    }

    /// The last step of every reader: tidies the resource (see [`crate::tidy`]) and adds what
    /// changed, and what it notes (controls of bidirectional text), to the diagnostics, each
    /// located at the record's first line (when known) and at the JSON pointer of the value.
    ///
    /// ```
    /// use crosswalk_model::{Record, Resource, Title};
    ///
    /// let mut record = Record::new(Resource::default());
    /// record.resource.titles.push(Title::new(""));
    /// record.origin.line = Some(7);
    /// record.tidy();
    /// assert!(record.resource.titles.is_empty());
    /// assert_eq!(record.diagnostics[0].location.to_string(), "7 /titles/0");
    /// ```
    pub fn tidy(&mut self) {
        let mut changes = crate::tidy::tidy_and_note(&mut self.resource);
        for change in &mut changes {
            change.location.line = self.origin.line;
        }
        self.diagnostics.append(&mut changes);
        self.note_key();
    }

    /// Notes a key of the source (a citation key, a RIS `ID`) that holds controls of bidirectional
    /// text or other control characters: not part of the resource, it is not tidied, but it may
    /// name an output file or fill a URL template (where it is made safe), so the user learns of
    /// it here.
    fn note_key(&mut self) {
        let Some(key) = &self.origin.key else { return };
        let odd: Vec<String> = key
            .chars()
            .filter(|&c| crate::chars::is_bidi_control(c) || c.is_control())
            .map(crate::chars::code_point)
            .collect();
        if odd.is_empty() {
            return;
        }
        let message = format!(
            "the record's key {key:?} holds control characters ({}); output file names and URLs made from it leave them out",
            odd.join(", ")
        );
        let location = crate::Location { line: self.origin.line, ..crate::Location::default() };
        self.diagnostics.push(Diagnostic::warning(crate::codes::TEXT_BIDI, message).at(location));
    }
}

/// What a writer produced: the text, and what it could not express.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    /// The serialised record.
    pub text: String,
    /// Values the format could not hold, and other notes of the writer.
    pub diagnostics: Vec<Diagnostic>,
}

//! A record: one resource as read from a source, with everything said about it.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::resource::Resource;

/// Where a record came from in its source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// 0-based position of the record in its source.
    pub index: usize,
    /// The record's own key when the source has one (a DOI, a citation key, a RIS `ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The line where the record starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The schema the source declared, e.g. `http://datacite.org/schema/kernel-3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
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
    /// changed to the diagnostics, each located at the record's first line (when known) and at
    /// the JSON pointer of the value.
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
        let mut changes = crate::tidy::tidy(&mut self.resource);
        for change in &mut changes {
            change.location.line = self.origin.line;
        }
        self.diagnostics.append(&mut changes);
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

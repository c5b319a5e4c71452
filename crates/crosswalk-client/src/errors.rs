//! What DataCite's errors mean: its JSON:API `errors` read in every shape its server writes,
//! and turned into diagnostics with a code, the attribute concerned and what to do.
//!
//! DataCite's server writes validation errors as `{"errors":[{"source","title","uid"}]}` (one
//! per attribute, no `status`), other errors as `{"errors":[{"status","title"}]}`, and a failed
//! query as `{"errors":{"title"}}`. Its messages are terse ("Can't be blank") or baffling ("The
//! document has no document element" when its converter dropped the XML); each known one gets
//! a code whose `crosswalk explain` text says what happened and how to fix it.

use crosswalk_model::{CodeInfo, Diagnostic, Location, Severity};
use serde_json::Value;

/// One error as DataCite wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// `status`, when written.
    pub status: Option<u16>,
    /// `source`: the attribute concerned (`doi`, `url`, `xml`, `creators`, …).
    pub source: Option<String>,
    /// `title`: the message.
    pub title: String,
}

/// The errors of a response body, whatever their shape.
///
/// ```
/// use serde_json::json;
/// let body = json!({"errors": [{"source": "doi", "title": "This DOI has already been taken", "uid": "10.5072/x"}]});
/// let errors = crosswalk_client::errors::errors_of(&body);
/// assert_eq!(errors[0].source.as_deref(), Some("doi"));
/// ```
pub fn errors_of(body: &Value) -> Vec<ApiError> {
    let one = |e: &Value| ApiError {
        status: e
            .get("status")
            .and_then(|s| s.as_str().and_then(|s| s.parse().ok()).or(s.as_u64().and_then(|n| u16::try_from(n).ok()))),
        source: e.get("source").and_then(|s| {
            s.as_str().map(str::to_owned).or_else(|| s.get("pointer").and_then(Value::as_str).map(str::to_owned))
        }),
        title: e.get("title").or(e.get("detail")).and_then(Value::as_str).unwrap_or_default().to_owned(),
    };
    match body.get("errors") {
        Some(Value::Array(list)) => list.iter().map(one).collect(),
        Some(object @ Value::Object(_)) => vec![one(object)],
        _ => Vec::new(),
    }
}

/// The codes of DataCite's answers.
pub mod codes {
    /// The DOI exists already.
    pub const DOI_TAKEN: &str = "datacite.doi-taken";
    /// The credentials were refused.
    pub const CREDENTIALS: &str = "datacite.credentials";
    /// The account may not do this (a prefix it does not own).
    pub const FORBIDDEN: &str = "datacite.forbidden";
    /// The DOI is not found (or not visible to the account).
    pub const NOT_FOUND: &str = "datacite.not-found";
    /// The url is missing, malformed or not allowed.
    pub const URL: &str = "datacite.url";
    /// DataCite's schema check failed.
    pub const SCHEMA: &str = "datacite.schema";
    /// Kernel 2 or 3 XML.
    pub const OLD_KERNEL: &str = "datacite.old-kernel";
    /// "The document has no document element".
    pub const NO_DOCUMENT_ELEMENT: &str = "datacite.no-document-element";
    /// "metadata: Is invalid", reasons hidden.
    pub const METADATA_INVALID: &str = "datacite.metadata-invalid";
    /// A required property is blank.
    pub const REQUIRED: &str = "datacite.required";
    /// Another refusal.
    pub const REFUSED: &str = "datacite.refused";
    /// Too many requests, still after every retry.
    pub const RATE_LIMITED: &str = "datacite.rate-limited";
    /// A server error, still after every retry.
    pub const SERVER: &str = "datacite.server";
    /// The server could not be reached, still after every retry.
    pub const UNREACHABLE: &str = "datacite.unreachable";
    /// Whether DataCite did it is unknown (a lost response), and could not be found out yet.
    pub const UNCERTAIN: &str = "datacite.uncertain";
    /// The DOI's state after the request is not what the event asked.
    pub const STATE: &str = "datacite.state";
    /// The DOI was registered by an earlier run with other metadata; `--update` sends it.
    pub const CHANGED: &str = "datacite.changed";
}

/// Every code this module emits.
pub const CODES: &[CodeInfo] = &[
    CodeInfo { code: codes::DOI_TAKEN, severity: Severity::Error, summary: "The DOI exists at DataCite already (registered by someone, or by an earlier run without a state file). Crosswalk never changes an existing DOI unless asked: rerun with --update to update it, or give the record another DOI." },
    CodeInfo { code: codes::CREDENTIALS, severity: Severity::Error, summary: "DataCite refused the credentials (401). Check DATACITE_USERNAME (the repository id, ORG.REPO) and DATACITE_PASSWORD, and that they are for this system: test and production accounts differ. The run stops." },
    CodeInfo { code: codes::FORBIDDEN, severity: Severity::Error, summary: "The account may not do this (403): the DOI's prefix is not one of the repository's (test and production prefixes differ), the repository is inactive, or the account is not a repository account." },
    CodeInfo { code: codes::NOT_FOUND, severity: Severity::Error, summary: "DataCite does not know the DOI, or does not show it to this account (drafts and registered DOIs are visible to their repository only)." },
    CodeInfo { code: codes::URL, severity: Severity::Error, summary: "The url is missing (a Findable or Registered DOI needs one), malformed (http, https or ftp, no spaces), or its host is not among the repository's domains (Fabrica, repository settings)." },
    CodeInfo { code: codes::SCHEMA, severity: Severity::Error, summary: "DataCite's schema check refused the metadata; the message gives its reason, the element and the line in the XML it checked. `crosswalk validate --findable` shows the same before sending." },
    CodeInfo { code: codes::OLD_KERNEL, severity: Severity::Error, summary: "The XML is DataCite kernel 2 or 3, which DataCite no longer accepts; `crosswalk convert --to datacite-xml` migrates it, and `crosswalk payload` does so on the way." },
    CodeInfo { code: codes::NO_DOCUMENT_ELEMENT, severity: Severity::Error, summary: "DataCite could not read the metadata XML at all (its message: \"The document has no document element\"). Usually a nameIdentifier without nameIdentifierScheme, which DataCite's converter drops with the whole document, or XML base64-encoded twice or not at all. `crosswalk validate --findable` names the element." },
    CodeInfo { code: codes::METADATA_INVALID, severity: Severity::Error, summary: "DataCite found the metadata invalid without saying why (\"metadata: Is invalid\": it checked XML it regenerated from JSON attributes). Send the metadata as XML (--xml) to get its reasons, or run `crosswalk validate --findable`." },
    CodeInfo { code: codes::REQUIRED, severity: Severity::Error, summary: "A property DataCite requires for a Findable or Registered DOI is blank (creators, titles, publisher, publicationYear, resourceTypeGeneral, url). A Draft needs none." },
    CodeInfo { code: codes::REFUSED, severity: Severity::Error, summary: "DataCite refused the request; the message gives its reason and the attribute concerned." },
    CodeInfo { code: codes::RATE_LIMITED, severity: Severity::Error, summary: "DataCite still answered 429 Too Many Requests after every retry. Lower --rate (300-500/5m for bulk work); the record is sent again on the next run." },
    CodeInfo { code: codes::SERVER, severity: Severity::Error, summary: "DataCite still answered with a server error (500-504) after every retry. The record is sent again on the next run; if it persists, tell DataCite support." },
    CodeInfo { code: codes::UNREACHABLE, severity: Severity::Error, summary: "DataCite could not be reached (no network, a proxy, a wrong --endpoint) after every retry. Nothing was sent; the next run sends it." },
    CodeInfo { code: codes::UNCERTAIN, severity: Severity::Error, summary: "A request's answer was lost, and whether DataCite did it could not be found out yet (with --server-suffix the DOI is unknown). The state marks it uncertain; the next run looks it up before sending anything, so it is never created twice." },
    CodeInfo { code: codes::STATE, severity: Severity::Warning, summary: "After the request the DOI is not in the state its event asked for: DataCite ignores events that do not fit (a Findable DOI cannot be registered again; nothing goes back to Draft)." },
    CodeInfo { code: codes::CHANGED, severity: Severity::Error, summary: "An earlier run registered this record's DOI, and the payload changed since. Crosswalk updates a DOI only when asked: rerun with --update to send the changes." },
];

/// The JSON pointer of the attribute DataCite names as `source` (`publication_year` →
/// `/publicationYear`); the empty pointer for the metadata as a whole.
pub fn pointer_of(source: &str) -> String {
    match source {
        "xml" | "metadata" | "" => String::new(),
        "publisher_obj" => "/publisher".to_owned(),
        _ if source.contains(char::is_whitespace) || source.contains('\'') => String::new(),
        _ => {
            let mut out = String::from("/");
            let mut upper = false;
            for c in source.chars() {
                if c == '_' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

/// The diagnostics of a refusal: one per error DataCite gave, each with a code, DataCite's
/// words, and the attribute concerned; `status` when the body holds no error.
///
/// ```
/// use serde_json::json;
/// let body = json!({"errors": [{"source": "url", "title": "Can't be blank", "uid": "10.5072/x"}]});
/// let found = crosswalk_client::errors::diagnose(422, &body);
/// assert_eq!(found[0].code, "datacite.url");
/// assert_eq!(found[0].location.path.as_deref(), Some("/url"));
/// ```
pub fn diagnose(status: u16, body: &Value) -> Vec<Diagnostic> {
    let errors = errors_of(body);
    if errors.is_empty() {
        let (code, what) = match status {
            401 => (codes::CREDENTIALS, "the credentials were refused"),
            403 => (codes::FORBIDDEN, "the account may not do this"),
            404 => (codes::NOT_FOUND, "not found"),
            429 => (codes::RATE_LIMITED, "too many requests"),
            500..=599 => (codes::SERVER, "a server error"),
            _ => (codes::REFUSED, "refused"),
        };
        return vec![Diagnostic::error(code, format!("DataCite answered {status}: {what}"))];
    }
    errors
        .iter()
        .map(|e| {
            let source = e.source.as_deref().unwrap_or_default();
            let title = e.title.as_str();
            let code = match (status, source, title) {
                (401, _, _) => codes::CREDENTIALS,
                (403, _, _) => codes::FORBIDDEN,
                (404, _, _) => codes::NOT_FOUND,
                (429, _, _) => codes::RATE_LIMITED,
                (500..=599, _, _) => codes::SERVER,
                (_, "doi", t) if t.contains("already been taken") => codes::DOI_TAKEN,
                (_, "url", _) => codes::URL,
                (_, s, _) if s.contains("document has no document element") => codes::NO_DOCUMENT_ELEMENT,
                (_, _, t) if t.contains("is no longer supported") => codes::OLD_KERNEL,
                (_, "metadata", _) => codes::METADATA_INVALID,
                (_, _, t) if t.contains(" at line ") && t.starts_with("DOI ") => codes::SCHEMA,
                (_, _, t) if t.eq_ignore_ascii_case("can't be blank") || t.contains("can't be blank") => codes::REQUIRED,
                _ => codes::REFUSED,
            };
            let message = if code == codes::NO_DOCUMENT_ELEMENT {
                "DataCite could not read the metadata XML (\"The document has no document element\"): usually a nameIdentifier without nameIdentifierScheme, or XML base64-encoded twice; `crosswalk validate --findable` names the element".to_owned()
            } else if source.is_empty() {
                format!("DataCite: {title}")
            } else {
                format!("DataCite: {source}: {title}")
            };
            let pointer = pointer_of(source);
            let diagnostic = Diagnostic::error(code, message);
            if pointer.is_empty() {
                diagnostic
            } else {
                diagnostic.at(Location::path(pointer))
            }
        })
        .collect()
}

//! Harvesting an OAI-PMH repository: `ListRecords` page after page by `resumptionToken`, every
//! record once, resumable, with the protocol's errors handled as the protocol says.
//!
//! - **Anonymous, always.** OAI-PMH needs no account, and an OAI server is often not DataCite:
//!   DataCite's credentials are never sent to it.
//! - **The protocol's answers.** `noRecordsMatch` is a harvest of no records, not a failure;
//!   `badResumptionToken` (tokens expire, typically after minutes or hours) restarts the list
//!   from its first page once per run, the records already written being left out; any other
//!   OAI-PMH error (`badArgument`, `cannotDisseminateFormat`, `noSetHierarchy` …) stops the
//!   harvest with the server's words. An HTTP 503 or 429 (OAI-PMH's flow control, with
//!   `Retry-After`), another 5xx, a response that is not OAI-PMH or an unreachable server are
//!   retried with back-off.
//! - **Every record once**: records are keyed by their header's identifier (compared ignoring
//!   case); one the harvest wrote already (the state knows every identifier it wrote, across
//!   runs and across a restart of the list) is left out.
//! - **Resumable**: after each page the state records, in one transaction, the identifiers
//!   written, the next token and the output's length, as for DataCite harvests
//!   ([`crate::harvest`]): a rerun cuts the output back and asks for the recorded token. A token
//!   that expired meanwhile is a `badResumptionToken`: the list starts again, nothing twice.
//!
//! The responses are split by `crosswalk_dublincore::oai::Splitter`, the same splitter that reads
//! a saved response for `convert`; this crate reads no record's metadata.

use std::collections::HashSet;
use std::sync::Arc;

use crosswalk_dublincore::oai::{Item, Splitter};
use crosswalk_model::{Diagnostic, Location};

use crate::clock::Clock;
use crate::errors::codes;
use crate::harvest::{HarvestError, Harvested, Pending, Walk};
use crate::http::{Client, Fetched};
use crate::rate::RateLimiter;
use crate::retry::{Backoff, Jitter};
use crate::state::{Harvest, State, StateError};

/// Code: the OAI-PMH server answered with an error of the protocol (other than
/// `noRecordsMatch`, and `badResumptionToken` the first time in a run).
pub const OAI_ERROR: &str = crosswalk_dublincore::oai::PROTOCOL_ERROR;

/// The pace of an OAI-PMH harvest unless told otherwise: 300 requests per 5 minutes, one a
/// second (OAI-PMH servers are often a repository's own small machine).
pub const DEFAULT_RATE: crate::Rate = crate::Rate::Per5Minutes(300);

/// An OAI-PMH base URL, checked: `https://` or `http://` (many repositories have no https;
/// nothing secret is sent to them), without a query.
///
/// ```
/// use crosswalk_client::oai::base_url;
/// assert_eq!(base_url("https://oai.datacite.org/oai?").as_deref(), Ok("https://oai.datacite.org/oai"));
/// assert!(base_url("https://x.org/oai?verb=Identify").is_err());
/// assert!(base_url("ftp://x.org/oai").is_err());
/// ```
pub fn base_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('?');
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || url.contains(['?', '#', ' ']) {
        return Err(format!("--oai {url}: give the repository's base URL (https://… or http://…, without a query)"));
    }
    Ok(url.to_owned())
}

/// What to harvest: `ListRecords` of one metadata format, perhaps of one set and between dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OaiQuery {
    /// The repository's base URL (`https://oai.datacite.org/oai`).
    pub base_url: String,
    /// `metadataPrefix`: `oai_dc`, `oai_datacite`, `datacite` …
    pub metadata_prefix: String,
    /// `set`, if any.
    pub set: Option<String>,
    /// `from` (a date, `YYYY-MM-DD`, or a time, `YYYY-MM-DDThh:mm:ssZ`), if any.
    pub from: Option<String>,
    /// `until`, if any.
    pub until: Option<String>,
}

impl OaiQuery {
    /// What makes two harvests the same one, for resuming.
    ///
    /// ```
    /// use crosswalk_client::oai::OaiQuery;
    /// let query = OaiQuery { base_url: "https://oai.example.org/oai".into(), metadata_prefix: "oai_dc".into(), ..OaiQuery::default() };
    /// assert_eq!(query.signature(), "oai https://oai.example.org/oai metadataPrefix=oai_dc set= from= until=");
    /// ```
    pub fn signature(&self) -> String {
        format!(
            "oai {} metadataPrefix={} set={} from={} until={}",
            self.base_url,
            self.metadata_prefix,
            self.set.as_deref().unwrap_or_default(),
            self.from.as_deref().unwrap_or_default(),
            self.until.as_deref().unwrap_or_default()
        )
    }

    /// The query of a page: the first with the arguments, the others with the token alone (as
    /// the protocol requires: `resumptionToken` is an exclusive argument).
    ///
    /// ```
    /// use crosswalk_client::oai::OaiQuery;
    /// let query = OaiQuery { metadata_prefix: "oai_datacite".into(), set: Some("CERN.ZENODO".into()), from: Some("2024-01-01".into()), ..OaiQuery::default() };
    /// assert_eq!(query.path(""), "?verb=ListRecords&metadataPrefix=oai_datacite&set=CERN.ZENODO&from=2024-01-01");
    /// assert_eq!(query.path("abc/123=="), "?verb=ListRecords&resumptionToken=abc%2F123%3D%3D");
    /// ```
    pub fn path(&self, token: &str) -> String {
        if !token.is_empty() {
            return format!("?verb=ListRecords&resumptionToken={}", crate::harvest::encode(token));
        }
        let mut path = format!("?verb=ListRecords&metadataPrefix={}", crate::harvest::encode(&self.metadata_prefix));
        for (name, value) in [("set", &self.set), ("from", &self.from), ("until", &self.until)] {
            if let Some(value) = value {
                path.push_str(&format!("&{name}={}", crate::harvest::encode(value)));
            }
        }
        path
    }
}

/// A page's new records, handed to the caller to write.
#[derive(Debug)]
pub struct OaiPage {
    /// The records not written before, in the page's order, deleted ones included (their header
    /// says so; they have no metadata).
    pub items: Vec<Item>,
    /// Records of the page left out because the harvest wrote them already.
    pub duplicates: u64,
    /// `completeListSize`, when the server gave it.
    pub total: Option<u64>,
    /// The page's `responseDate`.
    pub response_date: Option<String>,
    /// True for the first page written by this harvest (whose output is empty before it).
    pub first: bool,
}

/// Harvests one OAI-PMH list into the caller's output.
pub struct OaiHarvester<'a> {
    /// An anonymous client of the repository's base URL.
    pub client: &'a Client,
    /// Where the harvest is recorded.
    pub state: &'a State,
    /// The rate.
    pub limiter: &'a RateLimiter,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Retries.
    pub backoff: Backoff,
}

/// One page as the splitter read it.
struct Answer {
    items: Vec<Item>,
    token: Option<String>,
    total: Option<u64>,
    response_date: Option<String>,
}

impl OaiHarvester<'_> {
    /// Where the harvest of `query` stands in the state, if it was begun.
    pub fn resume(&self, query: &OaiQuery) -> Result<Option<Harvest>, StateError> {
        self.state.harvest(&query.signature())
    }

    /// Harvests `query` from where the state says it stands. `write` gets each page's new
    /// records and returns the output's length once they are written (and flushed), which is
    /// recorded with the page.
    pub fn run(
        &self,
        query: &OaiQuery,
        mut write: impl FnMut(&OaiPage) -> Result<u64, String>,
    ) -> Result<Harvested, HarvestError> {
        let mut walk = self.begin(query)?;
        while let Some(page) = self.next_page(query, &mut walk)? {
            let output_len = write(&page).map_err(HarvestError::Write)?;
            self.commit(&mut walk, output_len)?;
        }
        Ok(walk.summary())
    }

    /// Begins (or resumes) the harvest of `query`, for a caller that takes its pages one at a
    /// time ([`OaiHarvester::next_page`], then [`OaiHarvester::commit`]).
    pub fn begin(&self, query: &OaiQuery) -> Result<Walk, StateError> {
        Walk::begin(self.state, query.signature(), "", 0x0a1)
    }

    /// The next page of new records, or `None` at the end of the list. Every page must be
    /// committed ([`OaiHarvester::commit`]) before the next is asked for.
    pub fn next_page(&self, query: &OaiQuery, walk: &mut Walk) -> Result<Option<OaiPage>, HarvestError> {
        if walk.pending.is_some() {
            return Err(HarvestError::Write("the page before was not committed".into()));
        }
        if walk.now.done {
            return Ok(None);
        }
        let answer = loop {
            match self.page(&query.path(&walk.now.cursor), &mut walk.jitter)? {
                Ok(answer) => break answer,
                Err(BadToken(diagnostic)) => {
                    // An expired token: the list again from its start, once a run; what was
                    // written is left out as duplicates.
                    if walk.restarted || walk.now.cursor.is_empty() {
                        return Err(HarvestError::Refused(vec![diagnostic]));
                    }
                    walk.restarted = true;
                    walk.now.cursor = String::new();
                }
            }
        };
        let mut keys: Vec<String> = Vec::with_capacity(answer.items.len());
        let mut items = Vec::with_capacity(answer.items.len());
        let mut duplicates = 0u64;
        let mut on_page = HashSet::new();
        for item in answer.items {
            match item.header.identifier.as_deref().map(str::to_lowercase) {
                Some(key) if !on_page.insert(key.clone()) => duplicates += 1,
                Some(key) => {
                    keys.push(key);
                    items.push(item);
                }
                None => items.push(item),
            }
        }
        let written = self.state.harvested(&walk.signature, &keys)?;
        if !written.is_empty() {
            let before = items.len();
            items.retain(|item| item.header.identifier.as_deref().is_none_or(|i| !written.contains(&i.to_lowercase())));
            keys.retain(|k| !written.contains(k));
            duplicates += (before - items.len()) as u64;
        }
        let next = answer.token.filter(|token| *token != walk.now.cursor);
        walk.pending = Some(Pending { keys, next, records: items.len() as u64, duplicates });
        Ok(Some(OaiPage {
            items,
            duplicates,
            total: answer.total,
            response_date: answer.response_date,
            first: walk.now.output_len == 0 && walk.now.pages == 0,
        }))
    }

    /// Records the page [`OaiHarvester::next_page`] gave, written, with the output's length
    /// after it (0 without an output).
    pub fn commit(&self, walk: &mut Walk, output_len: u64) -> Result<(), StateError> {
        walk.commit(self.state, output_len)
    }

    /// One page, retried on the answers that ask for it; `Err(BadToken)` for an expired token.
    fn page(&self, path: &str, jitter: &mut Jitter) -> Result<Result<Answer, BadToken>, HarvestError> {
        let mut attempt = 0u32;
        loop {
            self.limiter.acquire(self.clock.as_ref());
            let (problem, retry_after) = match self.client.get_text(path) {
                Fetched::Answer { status: 200, body: Ok(text), retry_after } => match read_page(&text) {
                    Read::Page(answer) => return Ok(Ok(answer)),
                    Read::BadToken(d) => return Ok(Err(BadToken(d))),
                    Read::Refused(found) => return Err(HarvestError::Refused(found)),
                    Read::Broken(d) => (d, retry_after),
                },
                Fetched::Answer { status: status @ (429 | 500 | 502 | 503 | 504), retry_after, .. } => {
                    let message = format!("the OAI-PMH server answered HTTP {status}");
                    (Diagnostic::error(codes::UNREACHABLE, message), retry_after)
                }
                Fetched::Answer { status: 200, body: Err(message), retry_after } => {
                    let message = format!("the OAI-PMH server's answer could not be read: {message}");
                    (Diagnostic::error(codes::UNREACHABLE, message), retry_after)
                }
                Fetched::Answer { status, .. } => {
                    let message = format!("the OAI-PMH server answered HTTP {status} to {path}");
                    return Err(HarvestError::Refused(vec![Diagnostic::error(OAI_ERROR, message)]));
                }
                Fetched::NotSent(message) | Fetched::Unknown(message) => {
                    let message = format!("the OAI-PMH server could not be reached: {message}");
                    (Diagnostic::error(codes::UNREACHABLE, message), None)
                }
            };
            attempt += 1;
            if attempt > self.backoff.retries {
                return Err(HarvestError::Refused(vec![problem]));
            }
            self.clock.sleep(self.backoff.delay(attempt, jitter.unit(), retry_after));
        }
    }
}

/// The protocol's `badResumptionToken`.
struct BadToken(Diagnostic);

/// What a response came to.
enum Read {
    Page(Answer),
    BadToken(Diagnostic),
    Refused(Vec<Diagnostic>),
    /// Not an OAI-PMH response, or cut short: worth asking again.
    Broken(Diagnostic),
}

/// Splits one response.
fn read_page(text: &str) -> Read {
    let mut splitter = Splitter::new(text.as_bytes());
    let items: Vec<Item> = splitter.by_ref().collect();
    let errors = splitter.errors();
    if let Some(error) = errors.iter().find(|e| e.code == "badResumptionToken") {
        let message = format!("the resumption token was refused (badResumptionToken: {})", error.message);
        return Read::BadToken(Diagnostic::error(OAI_ERROR, message).at(Location::at(error.line, error.column)));
    }
    let refused: Vec<Diagnostic> = errors
        .iter()
        .filter(|e| !e.is_no_records_match())
        .map(|e| {
            let message = format!("the OAI-PMH server refused the request: {} ({})", e.message, e.code);
            Diagnostic::error(OAI_ERROR, message).at(Location::at(e.line, e.column))
        })
        .collect();
    if !refused.is_empty() {
        return Read::Refused(refused);
    }
    if !errors.is_empty() {
        // noRecordsMatch: the list is empty, which is an answer.
        return Read::Page(Answer { items, token: None, total: Some(0), response_date: None });
    }
    if let Some(failure) = splitter.failure() {
        // A response that is not OAI-PMH, or not well-formed (cut short by a proxy, an HTML
        // error page with status 200).
        let first = failure.diagnostics.into_iter().find(Diagnostic::is_error);
        let message = first.map(|d| d.message).unwrap_or_else(|| "not an OAI-PMH response".to_owned());
        return Read::Broken(Diagnostic::error(OAI_ERROR, format!("the OAI-PMH response cannot be read: {message}")));
    }
    if let Some(broken) = items.iter().flat_map(|i| &i.diagnostics).find(|d| d.code.as_ref() == "xml.malformed") {
        let message = format!("the OAI-PMH response is not well-formed: {}", broken.message);
        return Read::Broken(Diagnostic::error(OAI_ERROR, message).at(broken.location.clone()));
    }
    let resumption = splitter.resumption();
    let token = resumption.and_then(|r| r.token.clone()).filter(|t| !t.trim().is_empty());
    let total = resumption.and_then(|r| r.complete_list_size);
    let response_date = splitter.response().response_date.clone();
    Read::Page(Answer { items, token, total, response_date })
}

//! Harvesting DataCite: `GET /dois` with a query and filters, page after page by cursor, every
//! record once, resumable.
//!
//! - **Cursors, with the filters kept.** The first page asks `page[cursor]=1`; each later page
//!   asks the cursor taken from the answer's `links.next`, with Crosswalk's own query and filters
//!   (DataCite's `next` links have been seen to drop filters, which would turn a harvest of one
//!   repository into a harvest of all of DataCite).
//! - **The end, exactly**: a page without items, without `links.next`, or whose next cursor is the
//!   one just asked (a loop) ends the harvest.
//! - **Every record once**: cursors have returned a record on two pages; a DOI the harvest wrote
//!   already (the state knows every DOI it wrote) is left out.
//! - **Resumable**: after each page the state records, in one transaction, the DOIs written, the
//!   next cursor and how many bytes of output the records written take. A rerun of the same
//!   harvest (the same endpoint, query and filters) starts at that cursor, after cutting the
//!   output back to that length (what was written after the last record, the page being
//!   written when the run was killed, goes and is written again).
//! - Retries, back-off and the rate limit as for uploads.

use std::sync::Arc;

use crosswalk_model::Diagnostic;
use serde_json::Value;

use crate::clock::Clock;
use crate::errors::{codes, diagnose};
use crate::http::{Client, Sent};
use crate::rate::RateLimiter;
use crate::retry::{Backoff, Jitter};
use crate::state::{Harvest, State, StateError};

/// What to harvest: the query and filters of `GET /dois`, and the page size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Parameters such as `query`, `client-id`, `resource-type-id`, in the order given.
    pub params: Vec<(String, String)>,
    /// Records per page (at most 1,000).
    pub page_size: u32,
    /// Ask for each record's DataCite XML too (`detail=true`).
    pub detail: bool,
}

impl ListQuery {
    /// What makes two harvests the same one, for resuming: the endpoint, the parameters (sorted)
    /// and the detail.
    pub fn signature(&self, endpoint: &str) -> String {
        let mut params = self.params.clone();
        params.sort();
        let listed: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{endpoint} /dois?{} detail={}", listed.join("&"), self.detail)
    }

    /// The path and query of the page at `cursor`.
    pub fn path(&self, cursor: &str) -> String {
        let mut path = String::from("/dois?");
        for (key, value) in &self.params {
            path.push_str(&format!("{}={}&", encode(key), encode(value)));
        }
        path.push_str(&format!(
            "page%5Bsize%5D={}&page%5Bcursor%5D={}&affiliation=true&publisher=true",
            self.page_size.clamp(1, 1000),
            encode(cursor)
        ));
        if self.detail {
            path.push_str("&detail=true");
        }
        path
    }
}

/// Percent-encodes a query component.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The cursor of a `links.next` URL (its `page[cursor]` parameter, decoded).
///
/// ```
/// let next = "https://api.datacite.org/dois?page%5Bcursor%5D=MTYzNTQ&page%5Bsize%5D=1000";
/// assert_eq!(crosswalk_client::harvest::cursor_of(next).as_deref(), Some("MTYzNTQ"));
/// assert_eq!(crosswalk_client::harvest::cursor_of("https://x.org/dois?page[cursor]=abc%3D").as_deref(), Some("abc="));
/// ```
pub fn cursor_of(next: &str) -> Option<String> {
    let query = next.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (decode(key) == "page[cursor]").then(|| decode(value))
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            if let Some(value) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A page's new records, handed to the caller to write.
#[derive(Debug)]
pub struct Page {
    /// The records (JSON:API resource objects, as the API returned them) not written before.
    pub items: Vec<Value>,
    /// Records of the page left out because the harvest wrote them already.
    pub duplicates: u64,
    /// `meta.total`, when the API gave it.
    pub total: Option<u64>,
}

/// What a harvest came to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Harvested {
    /// Records written in all (this run and the runs before).
    pub records: u64,
    /// Records left out as duplicates in this run.
    pub duplicates: u64,
    /// Pages read in this run.
    pub pages: u64,
    /// True when the harvest reached its end.
    pub done: bool,
}

/// Why a harvest stopped before its end.
#[derive(Debug)]
pub enum HarvestError {
    /// DataCite refused a page (after every retry), with its errors.
    Refused(Vec<Diagnostic>),
    /// The state failed.
    State(StateError),
    /// The caller could not write a page.
    Write(String),
}

impl std::fmt::Display for HarvestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HarvestError::Refused(found) => {
                let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
                write!(f, "{}", messages.join("; "))
            }
            HarvestError::State(e) => e.fmt(f),
            HarvestError::Write(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for HarvestError {}

impl From<StateError> for HarvestError {
    fn from(e: StateError) -> Self {
        HarvestError::State(e)
    }
}

/// A harvest under way, taken page by page ([`Harvester::begin`], [`crate::oai::OaiHarvester::begin`]):
/// where it stands, and the page handed out and not yet committed.
#[derive(Debug)]
pub struct Walk {
    pub(crate) signature: String,
    pub(crate) now: Harvest,
    pub(crate) jitter: Jitter,
    pub(crate) pending: Option<Pending>,
    pub(crate) summary: Harvested,
    /// The list was started again this run (an expired OAI-PMH token).
    pub(crate) restarted: bool,
}

/// A page handed out: what its commit records.
#[derive(Debug)]
pub(crate) struct Pending {
    /// The page's keys (DOIs, OAI identifiers) not written before.
    pub(crate) keys: Vec<String>,
    /// The cursor (token) of the next page; `None` at the end.
    pub(crate) next: Option<String>,
    pub(crate) records: u64,
    pub(crate) duplicates: u64,
}

impl Walk {
    pub(crate) fn begin(state: &State, signature: String, first: &str, seed: u64) -> Result<Walk, StateError> {
        let now = state.harvest(&signature)?.unwrap_or(Harvest {
            cursor: first.to_owned(),
            output_len: 0,
            records: 0,
            pages: 0,
            done: false,
        });
        let summary = Harvested { records: now.records, done: now.done, ..Harvested::default() };
        let jitter = Jitter::new(now.pages.wrapping_add(seed));
        Ok(Walk { signature, now, jitter, pending: None, summary, restarted: false })
    }

    pub(crate) fn commit(&mut self, state: &State, output_len: u64) -> Result<(), StateError> {
        let Some(page) = self.pending.take() else { return Ok(()) };
        self.now.output_len = output_len;
        self.now.records += page.records;
        self.now.pages += 1;
        match page.next {
            Some(cursor) => self.now.cursor = cursor,
            None => self.now.done = true,
        }
        state.harvest_page(&self.signature, &page.keys, &self.now)?;
        self.summary.pages += 1;
        self.summary.duplicates += page.duplicates;
        self.summary.records = self.now.records;
        self.summary.done = self.now.done;
        Ok(())
    }

    /// What the harvest has come to so far (records in all runs; pages and duplicates of this
    /// one).
    pub fn summary(&self) -> Harvested {
        self.summary.clone()
    }

    /// Where the harvest stood when it began or was last committed: the output's recorded
    /// length, the records written, the pages read.
    pub fn state(&self) -> &Harvest {
        &self.now
    }
}

/// Harvests one list query into the caller's output.
pub struct Harvester<'a> {
    /// The client (with or without credentials: with them, the repository's own drafts and
    /// registered DOIs are listed too).
    pub client: &'a Client,
    /// Where the harvest is recorded.
    pub state: &'a State,
    /// The rate.
    pub limiter: &'a RateLimiter,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Retries.
    pub backoff: Backoff,
    /// The endpoint's base, part of the harvest's signature.
    pub endpoint: String,
}

impl Harvester<'_> {
    /// Where the harvest of `query` stands in the state, if it was begun.
    pub fn resume(&self, query: &ListQuery) -> Result<Option<Harvest>, StateError> {
        self.state.harvest(&query.signature(&self.endpoint))
    }

    /// Harvests `query` from where the state says it stands. `write` gets each page's new
    /// records and returns the output's length once they are written (and flushed): that
    /// length is recorded with the page, so that a rerun cuts the output back to it.
    pub fn run(
        &self,
        query: &ListQuery,
        mut write: impl FnMut(&Page) -> Result<u64, String>,
    ) -> Result<Harvested, HarvestError> {
        let mut walk = self.begin(query)?;
        while let Some(page) = self.next_page(query, &mut walk)? {
            let output_len = write(&page).map_err(HarvestError::Write)?;
            self.commit(&mut walk, output_len)?;
        }
        Ok(walk.summary())
    }

    /// Begins (or resumes) the harvest of `query`, for a caller that takes its pages one at a
    /// time ([`Harvester::next_page`], then [`Harvester::commit`]): what [`Harvester::run`] does
    /// in a loop, for a lazy iterator.
    pub fn begin(&self, query: &ListQuery) -> Result<Walk, StateError> {
        Walk::begin(self.state, query.signature(&self.endpoint), "1", 0x5eed)
    }

    /// The next page of new records, or `None` when the harvest has reached its end. Every page
    /// must be committed ([`Harvester::commit`]) before the next is asked for; a page that never
    /// is (the caller stopped) is asked for again by the next run.
    pub fn next_page(&self, query: &ListQuery, walk: &mut Walk) -> Result<Option<Page>, HarvestError> {
        if walk.pending.is_some() {
            return Err(HarvestError::Write("the page before was not committed".into()));
        }
        if walk.now.done {
            return Ok(None);
        }
        let body = self.page(&query.path(&walk.now.cursor), &mut walk.jitter)?;
        let data: Vec<Value> = body.get("data").and_then(Value::as_array).cloned().unwrap_or_default();
        let total = body.pointer("/meta/total").and_then(Value::as_u64);
        let next = body.pointer("/links/next").and_then(Value::as_str).and_then(cursor_of);
        // The page's DOIs, each once, and those the harvest has not written yet.
        let mut dois: Vec<String> = Vec::with_capacity(data.len());
        let mut items = Vec::with_capacity(data.len());
        let mut duplicates = 0u64;
        let mut page_dois = std::collections::HashSet::new();
        for item in data.iter() {
            let doi = item.get("id").and_then(Value::as_str).map(str::to_lowercase);
            match doi {
                Some(doi) if !page_dois.insert(doi.clone()) => duplicates += 1,
                Some(doi) => {
                    dois.push(doi);
                    items.push(item.clone());
                }
                None => items.push(item.clone()),
            }
        }
        let written = self.state.harvested(&walk.signature, &dois)?;
        if !written.is_empty() {
            let before = items.len();
            items.retain(|item| {
                item.get("id").and_then(Value::as_str).is_none_or(|d| !written.contains(&d.to_lowercase()))
            });
            dois.retain(|d| !written.contains(d));
            duplicates += (before - items.len()) as u64;
        }
        let next = next.filter(|cursor| !data.is_empty() && *cursor != walk.now.cursor);
        walk.pending = Some(Pending { keys: dois, next, records: items.len() as u64, duplicates });
        Ok(Some(Page { items, duplicates, total }))
    }

    /// Records the page [`Harvester::next_page`] gave, written: its keys, where the harvest now
    /// stands, and `output_len`, the output's length after it (0 without an output), in one
    /// transaction.
    pub fn commit(&self, walk: &mut Walk, output_len: u64) -> Result<(), StateError> {
        walk.commit(self.state, output_len)
    }

    /// One page, retried as uploads are (a GET is safe to send again).
    fn page(&self, path: &str, jitter: &mut Jitter) -> Result<Value, HarvestError> {
        let mut attempt = 0u32;
        loop {
            self.limiter.acquire(self.clock.as_ref());
            let (problem, retry_after) = match self.client.get_path(path) {
                Sent::Answer { status: 200, body, .. } => return Ok(body),
                Sent::Answer { status: status @ (429 | 500 | 502 | 503 | 504), body, retry_after } => {
                    (diagnose(status, &body), retry_after)
                }
                Sent::Answer { status, body, .. } => return Err(HarvestError::Refused(diagnose(status, &body))),
                Sent::NotSent(message) | Sent::Unknown(message) => (
                    vec![Diagnostic::error(codes::UNREACHABLE, format!("DataCite could not be reached: {message}"))],
                    None,
                ),
            };
            attempt += 1;
            if attempt > self.backoff.retries {
                return Err(HarvestError::Refused(problem));
            }
            self.clock.sleep(self.backoff.delay(attempt, jitter.unit(), retry_after));
        }
    }
}

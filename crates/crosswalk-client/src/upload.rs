//! Registering payloads exactly once.
//!
//! For each payload the [`Uploader`] looks up the record's row in the [`State`], decides, writes
//! what it is about to do, and only then sends:
//!
//! - **Unchanged**: DataCite holds this very payload (same hash, registered earlier): nothing is
//!   sent.
//! - **The DOI**: the payload's own, or, for a payload with only a prefix, a suffix Crosswalk
//!   draws (DataCite's style, `xxxx-xxxx`) and writes into the state *before* the request, so
//!   that a retry asks for the same DOI and can never create a second one. (`--server-suffix`
//!   leaves the suffix to DataCite: then a lost answer cannot be checked, and the record is
//!   marked uncertain instead of being sent again.)
//! - **Create or update**: `POST /dois` creates, and DataCite refuses a DOI that exists (422),
//!   so an existing DOI is never changed by mistake: it is a failed record, or with `--update`
//!   a `PUT /dois/{doi}`, which updates it (or creates it when it does not exist). A drawn
//!   suffix that happens to exist already is drawn again.
//! - **Retries**: 429 waits as `Retry-After` says; 500, 502, 503, 504, broken connections and
//!   timeouts are retried with exponential back-off and jitter ([`Backoff`]), up to the retry
//!   limit; other refusals are final, with DataCite's errors as diagnostics
//!   ([`crate::errors::diagnose`]).
//! - **Exactly once**: the row says `sent` from just before a request until its answer is
//!   written. A request whose answer was lost (a timeout, a reset, 409, 500 or 504 after sending)
//!   leaves it so, and the next attempt (in this run, or in the next run after a crash) first
//!   asks `GET /dois/{doi}`: a DOI that holds what was sent was created by that request; one
//!   that does not exist was not; only then is anything sent again.
//!
//! Every transition is committed before the next request, so killing the process at any
//! instant leaves a state that the next run continues from.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crosswalk_model::{Diagnostic, Location};
use serde_json::Value;

use crate::clock::Clock;
use crate::errors::{codes, diagnose};
use crate::http::{Client, Sent};
use crate::rate::RateLimiter;
use crate::retry::{Backoff, Jitter};
use crate::state::{identity, Row, State, StateError, Status};

/// How an upload behaves.
#[derive(Clone, Debug, Default)]
pub struct UploadOptions {
    /// Update DOIs that exist (`PUT`); without it, an existing DOI is a failed record.
    pub update: bool,
    /// Decide and report, send nothing, change nothing.
    pub dry_run: bool,
    /// Let DataCite generate the suffixes of prefix-only payloads.
    pub server_suffix: bool,
    /// Retries and their delays.
    pub backoff: Backoff,
}

/// A payload to send, and the record it comes from.
#[derive(Clone, Debug)]
pub struct Job {
    /// The input's name.
    pub input: String,
    /// The record's 1-based number in it.
    pub record: u64,
    /// The record's key in its source, if any.
    pub key: Option<String>,
    /// The JSON:API document, as `crosswalk payload` writes it.
    pub payload: Value,
}

/// What became of a payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Done {
    /// Created, updated, unchanged, failed or uncertain (pending in a dry run).
    pub status: Status,
    /// The DOI, when known.
    pub doi: Option<String>,
    /// The landing page sent.
    pub url: Option<String>,
    /// The DOI's state at DataCite after the request.
    pub server_state: Option<String>,
    /// What a dry run would do (`create`, `update`, `skip`), or `None`.
    pub would: Option<&'static str>,
    /// DataCite's errors and what was noted on the way.
    pub diagnostics: Vec<Diagnostic>,
}

/// What stops a whole run: a refusal of the credentials (every request would be refused), or
/// a state that cannot be written (exactly-once could no longer be promised).
#[derive(Debug)]
pub enum Stop {
    /// DataCite refused the credentials (401).
    Credentials(Vec<Diagnostic>),
    /// The state file failed.
    State(StateError),
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Credentials(found) => {
                let message = found.first().map_or("DataCite refused the credentials", |d| d.message.as_str());
                write!(
                    f,
                    "{message}; check DATACITE_USERNAME and DATACITE_PASSWORD (test and production accounts differ)"
                )
            }
            Stop::State(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Stop {}

impl From<StateError> for Stop {
    fn from(e: StateError) -> Self {
        Stop::State(e)
    }
}

/// Running counts, for a progress display.
#[derive(Debug, Default)]
pub struct Counters {
    /// Requests sent.
    pub requests: AtomicU64,
    /// Retries (requests after the first for a record).
    pub retries: AtomicU64,
}

/// Sends payloads exactly once: see the [module](self) documentation.
pub struct Uploader {
    client: Client,
    state: State,
    limiter: RateLimiter,
    clock: Arc<dyn Clock>,
    options: UploadOptions,
    jitter: Mutex<Jitter>,
    counters: Arc<Counters>,
    /// Draws a suffix ([`draw_suffix`]; tests draw from a small set to force collisions).
    draw: fn() -> String,
}

/// How many drawn suffixes may turn out to exist before a record fails (each is a one in about
/// a billion chance per DOI of the prefix).
const DRAWS: u32 = 5;

impl Uploader {
    /// An uploader sending with `client`, recording in `state`, at the pace of `limiter`.
    pub fn new(
        client: Client,
        state: State,
        limiter: RateLimiter,
        clock: Arc<dyn Clock>,
        options: UploadOptions,
    ) -> Self {
        let seed = random_u64();
        Uploader {
            client,
            state,
            limiter,
            clock,
            options,
            jitter: Mutex::new(Jitter::new(seed)),
            counters: Arc::default(),
            draw: draw_suffix,
        }
    }

    /// The running counts (shared: a progress display may hold them while the uploader works).
    pub fn counters(&self) -> Arc<Counters> {
        Arc::clone(&self.counters)
    }

    /// The state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Sends one payload (or finds it registered already); see the [module](self) docs.
    pub fn upload(&self, job: &Job) -> Result<Done, Stop> {
        let identity = identity(&job.input, job.record, job.key.as_deref());
        let hash = payload_hash(&job.payload);
        let no_attributes = serde_json::Map::new();
        let attributes = job.payload.pointer("/data/attributes").and_then(Value::as_object).unwrap_or(&no_attributes);
        let text = |key: &str| attributes.get(key).and_then(Value::as_str).map(str::to_owned);
        let (given_doi, prefix, url, event) =
            (text("doi").map(|d| d.to_lowercase()), text("prefix"), text("url"), text("event"));
        // A payload naming a DOI the state knows under another identity (an update run over
        // payloads of DOIs an earlier run created from a catalog) is that record.
        let known = match self.state.get(&identity)? {
            Some(row) => Some(row),
            None => match &given_doi {
                Some(doi) => match self.state.holder_of(doi)? {
                    Some(holder) => self.state.get(&holder)?,
                    None => None,
                },
                None => None,
            },
        };
        let identity = known.as_ref().map_or(identity, |row| row.identity.clone());
        let mut row = known.unwrap_or_else(|| Row {
            identity: identity.clone(),
            input: job.input.clone(),
            record: job.record,
            key: job.key.clone(),
            doi: None,
            url: None,
            status: Status::Pending,
            sent_hash: None,
            registered_hash: None,
            attempts: 0,
            http_status: None,
            error: None,
            server_state: None,
        });
        if row.identity == crate::state::identity(&job.input, job.record, job.key.as_deref()) {
            row.input.clone_from(&job.input);
            row.record = job.record;
            row.key.clone_from(&job.key);
        }
        let mut done = Done {
            status: Status::Pending,
            doi: None,
            url: url.clone(),
            server_state: None,
            would: None,
            diagnostics: Vec::new(),
        };

        if row.status.registered() && row.registered_hash.as_deref() == Some(hash.as_str()) {
            done.status = Status::Unchanged;
            done.doi.clone_from(&row.doi);
            done.server_state.clone_from(&row.server_state);
            done.would = self.options.dry_run.then_some("skip");
            if !self.options.dry_run {
                row.status = Status::Unchanged;
                self.state.put(&row)?;
            }
            return Ok(done);
        }
        // The DOI: the payload's own, the one drawn for this record before, or a new draw.
        let generated = given_doi.is_none();
        let mut doi = match (&given_doi, &prefix) {
            (Some(doi), _) => Some(doi.clone()),
            (None, Some(_)) if self.options.server_suffix => row.doi.clone(),
            (None, Some(prefix)) => Some(row.doi.clone().unwrap_or_else(|| format!("{prefix}/{}", (self.draw)()))),
            (None, None) => {
                return Ok(self.fail(
                    row,
                    done,
                    vec![Diagnostic::error(codes::REFUSED, "the payload names neither a doi nor a prefix")
                        .at(Location::path("/doi"))],
                )?);
            }
        };
        // A fresh draw that another record of the state holds is drawn again; a DOI the payload
        // names that another record holds is refused.
        let fresh = generated && row.doi.is_none() && !self.options.server_suffix;
        while let Some(d) = doi.clone() {
            let Some(holder) = self.state.holder_of(&d)?.filter(|h| *h != identity) else { break };
            if fresh {
                doi = prefix.as_ref().map(|p| format!("{p}/{}", (self.draw)()));
                continue;
            }
            let message = format!("DOI {d} is already that of another record of this state ({holder})");
            return Ok(self.fail(
                row,
                done,
                vec![Diagnostic::error(codes::DOI_TAKEN, message).at(Location::path("/doi"))],
            )?);
        }
        // A DOI registered by an earlier run, with another payload now.
        let changed = row.status.registered() || row.registered_hash.is_some();
        if changed && !self.options.update {
            let message = format!(
                "DOI {} was registered by an earlier run, and the payload changed since; --update sends the changes",
                row.doi.as_deref().unwrap_or("?")
            );
            return Ok(self.fail(row, done, vec![Diagnostic::error(codes::CHANGED, message)])?);
        }
        let put = self.options.update;
        if self.options.dry_run {
            done.would = Some(if put && changed {
                "update"
            } else if put {
                "create or update"
            } else {
                "create"
            });
            done.doi = doi;
            return Ok(done);
        }
        // A previous attempt whose answer was lost is resolved before anything is sent.
        let mut check_first = matches!(row.status, Status::Sent | Status::Uncertain);
        let mut draws = 0u32;
        let mut attempt = 0u32;
        loop {
            if check_first {
                check_first = false;
                let Some(current) = doi.clone() else {
                    // DataCite drew the suffix: nothing to look up.
                    row.status = Status::Uncertain;
                    let message = "the answer to an earlier request was lost and DataCite drew its DOI (--server-suffix), so it cannot be looked up; check the repository in Fabrica, and remove the record from the input if it was created";
                    row.error = Some(message.to_owned());
                    self.state.put(&row)?;
                    done.status = Status::Uncertain;
                    done.diagnostics.push(Diagnostic::error(codes::UNCERTAIN, message));
                    return Ok(done);
                };
                match self.lookup(&current, url.as_deref(), attributes)? {
                    Lookup::Ours(server_state) => {
                        // The lost request did it.
                        let earlier = row.sent_hash.clone();
                        row.registered_hash = earlier.clone();
                        row.server_state = server_state.clone();
                        row.doi = Some(current.clone());
                        if earlier.as_deref() == Some(hash.as_str()) {
                            row.status = Status::Created;
                            row.error = None;
                            self.state.put(&row)?;
                            done.status = Status::Created;
                            done.doi = Some(current);
                            done.server_state = server_state;
                            self.check_state(event.as_deref(), &mut done);
                            return Ok(done);
                        }
                        if !self.options.update {
                            row.status = Status::Created;
                            self.state.put(&row)?;
                            let message = format!("DOI {current} was created by an earlier request with another payload; --update sends the changes");
                            return Ok(self.fail(row, done, vec![Diagnostic::error(codes::CHANGED, message)])?);
                        }
                    }
                    Lookup::Absent => {}
                    Lookup::Theirs if generated && !self.options.update => {
                        // A drawn suffix someone else holds: draw again.
                        draws += 1;
                        doi = prefix.as_ref().map(|p| format!("{p}/{}", (self.draw)()));
                    }
                    Lookup::Theirs if !self.options.update => {
                        let message =
                            format!("DOI {current} exists at DataCite with other metadata; --update updates it");
                        return Ok(self.fail(
                            row,
                            done,
                            vec![Diagnostic::error(codes::DOI_TAKEN, message).at(Location::path("/doi"))],
                        )?);
                    }
                    Lookup::Theirs => {}
                    Lookup::Unknown(message) => {
                        // Still unknown: leave it uncertain for the next run.
                        row.status = Status::Uncertain;
                        row.error = Some(message.clone());
                        self.state.put(&row)?;
                        done.status = Status::Uncertain;
                        done.doi = Some(current);
                        done.diagnostics.push(Diagnostic::error(
                            codes::UNCERTAIN,
                            format!("the answer to an earlier request was lost, and looking the DOI up failed ({message}); the next run looks again before sending"),
                        ));
                        return Ok(done);
                    }
                }
            }
            // Written before the request: a crash from here on leaves `sent`, resolved by lookup.
            row.status = Status::Sent;
            row.sent_hash = Some(hash.clone());
            row.doi.clone_from(&doi);
            row.url.clone_from(&url);
            row.attempts = row.attempts.saturating_add(1);
            if !self.state.try_put(&row)? {
                // Another worker drew the same suffix a moment ago: draw again (nothing was sent).
                if generated && draws < DRAWS {
                    draws += 1;
                    doi = prefix.as_ref().map(|p| format!("{p}/{}", (self.draw)()));
                    row.doi = None;
                    row.status = Status::Pending;
                    continue;
                }
                let message =
                    format!("DOI {} is already that of another record of this state", doi.as_deref().unwrap_or("?"));
                return Ok(self.fail(
                    row,
                    done,
                    vec![Diagnostic::error(codes::DOI_TAKEN, message).at(Location::path("/doi"))],
                )?);
            }
            self.limiter.acquire(self.clock.as_ref());
            let body = body_with_doi(&job.payload, doi.as_deref());
            self.counters.requests.fetch_add(1, Ordering::Relaxed);
            if attempt > 0 {
                self.counters.retries.fetch_add(1, Ordering::Relaxed);
            }
            let sent = match (&doi, put) {
                (Some(d), true) => self.client.put(d, &body),
                _ => self.client.create(&body),
            };
            let mut retry_after = None;
            let failure: Vec<Diagnostic> = match sent {
                Sent::Answer { status: status @ (200 | 201), body, .. } => {
                    let server_doi = body.pointer("/data/id").and_then(Value::as_str).map(str::to_lowercase);
                    let server_state =
                        body.pointer("/data/attributes/state").and_then(Value::as_str).map(str::to_owned);
                    row.doi = server_doi.or(doi);
                    row.status = if status == 201 { Status::Created } else { Status::Updated };
                    row.registered_hash = Some(hash);
                    row.http_status = Some(status);
                    row.server_state.clone_from(&server_state);
                    row.error = None;
                    self.state.put(&row)?;
                    done.status = row.status;
                    done.doi = row.doi;
                    done.server_state = server_state;
                    self.check_state(event.as_deref(), &mut done);
                    return Ok(done);
                }
                Sent::Answer { status: 401, body, .. } => {
                    row.status = Status::Pending;
                    row.http_status = Some(401);
                    self.state.put(&row)?;
                    return Err(Stop::Credentials(diagnose(401, &body)));
                }
                Sent::Answer { status: 422, body, .. } if taken(&body) => {
                    row.http_status = Some(422);
                    if generated && !put && draws < DRAWS {
                        // The drawn suffix exists (someone else's): draw another. This request
                        // did nothing, so nothing is ambiguous.
                        draws += 1;
                        doi = prefix.as_ref().map(|p| format!("{p}/{}", (self.draw)()));
                        row.status = Status::Pending;
                        continue;
                    }
                    let mut found = diagnose(422, &body);
                    for d in &mut found {
                        d.message.push_str(" (--update updates an existing DOI)");
                    }
                    return Ok(self.fail(row, done, found)?);
                }
                Sent::Answer { status, body, retry_after: wanted } => {
                    row.http_status = Some(status);
                    match status {
                        429 | 502 | 503 => {
                            // Refused before it was done.
                            row.status = Status::Pending;
                            retry_after = wanted;
                            diagnose(status, &body)
                        }
                        409 | 500 | 504 => {
                            // Perhaps done: look before sending again.
                            check_first = true;
                            retry_after = wanted;
                            diagnose(status, &body)
                        }
                        _ => return Ok(self.fail(row, done, diagnose(status, &body))?),
                    }
                }
                Sent::NotSent(message) => {
                    row.status = Status::Pending;
                    vec![Diagnostic::error(codes::UNREACHABLE, format!("DataCite could not be reached: {message}"))]
                }
                Sent::Unknown(message) => {
                    check_first = true;
                    vec![Diagnostic::error(codes::UNCERTAIN, format!("the answer was lost: {message}"))]
                }
            };
            row.error = failure.first().map(|d| d.message.clone());
            self.state.put(&row)?;
            attempt += 1;
            if attempt > self.options.backoff.retries {
                if row.status == Status::Sent {
                    row.status = Status::Uncertain;
                    self.state.put(&row)?;
                    done.status = Status::Uncertain;
                    done.doi = row.doi;
                    done.diagnostics.extend(failure);
                    done.diagnostics.push(Diagnostic::error(
                        codes::UNCERTAIN,
                        "whether DataCite did it is unknown after every retry; the next run looks the DOI up before sending anything",
                    ));
                    return Ok(done);
                }
                return Ok(self.fail(row, done, failure)?);
            }
            let unit = self.jitter.lock().map(|mut j| j.unit()).unwrap_or(0.5);
            self.clock.sleep(self.options.backoff.delay(attempt, unit, retry_after));
        }
    }

    /// Marks the record failed with `found`, and says so.
    fn fail(&self, mut row: Row, mut done: Done, found: Vec<Diagnostic>) -> Result<Done, StateError> {
        if !self.options.dry_run {
            row.status = Status::Failed;
            row.error = found.first().map(|d| d.message.clone());
            self.state.put(&row)?;
        }
        done.status = Status::Failed;
        done.doi = row.doi;
        done.diagnostics.extend(found);
        Ok(done)
    }

    /// Warns when the DOI's state is not what the event asked.
    fn check_state(&self, event: Option<&str>, done: &mut Done) {
        let wanted = match event {
            Some("publish") => "findable",
            Some("register" | "hide") => "registered",
            _ => return,
        };
        if let Some(state) = done.server_state.as_deref().filter(|s| *s != wanted) {
            let message = format!(
                "DOI {} is {state} at DataCite, not {wanted} as --event {} asked (DataCite ignores events that do not fit the DOI's state)",
                done.doi.as_deref().unwrap_or("?"),
                event.unwrap_or_default()
            );
            done.diagnostics.push(Diagnostic::warning(codes::STATE, message));
        }
    }

    /// What DataCite holds under `doi`: what was sent (its url, else its titles, match), another
    /// record, nothing, or no answer; retried like a send.
    fn lookup(
        &self,
        doi: &str,
        url: Option<&str>,
        sent: &serde_json::Map<String, Value>,
    ) -> Result<Lookup, StateError> {
        let mut attempt = 0u32;
        loop {
            self.limiter.acquire(self.clock.as_ref());
            self.counters.requests.fetch_add(1, Ordering::Relaxed);
            let mut retry_after = None;
            let problem = match self.client.get(doi) {
                Sent::Answer { status: 200, body, .. } => {
                    let held = body.pointer("/data/attributes").cloned().unwrap_or(Value::Null);
                    let same = match url {
                        Some(url) => held.get("url").and_then(Value::as_str) == Some(url),
                        None => held.get("titles") == sent.get("titles") && sent.get("titles").is_some(),
                    };
                    let state = held.get("state").and_then(Value::as_str).map(str::to_owned);
                    return Ok(if same { Lookup::Ours(state) } else { Lookup::Theirs });
                }
                Sent::Answer { status: 404, .. } => return Ok(Lookup::Absent),
                Sent::Answer { status, retry_after: wanted, .. } => {
                    retry_after = wanted;
                    format!("GET answered {status}")
                }
                Sent::NotSent(message) | Sent::Unknown(message) => message,
            };
            attempt += 1;
            if attempt > self.options.backoff.retries {
                return Ok(Lookup::Unknown(problem));
            }
            let unit = self.jitter.lock().map(|mut j| j.unit()).unwrap_or(0.5);
            self.clock.sleep(self.options.backoff.delay(attempt, unit, retry_after));
        }
    }
}

/// What a lookup found.
enum Lookup {
    /// The DOI holds what was sent (with its state).
    Ours(Option<String>),
    /// The DOI holds something else.
    Theirs,
    /// No such DOI.
    Absent,
    /// No answer.
    Unknown(String),
}

/// True when DataCite refused a DOI that exists.
fn taken(body: &Value) -> bool {
    crate::errors::errors_of(body)
        .iter()
        .any(|e| e.source.as_deref() == Some("doi") && e.title.contains("already been taken"))
}

/// The payload with `doi` set and `prefix` removed (a drawn suffix), as sent.
fn body_with_doi(payload: &Value, doi: Option<&str>) -> String {
    let mut payload = payload.clone();
    if let (Some(doi), Some(attributes)) = (doi, payload.pointer_mut("/data/attributes").and_then(Value::as_object_mut))
    {
        attributes.insert("doi".into(), Value::String(doi.to_owned()));
        attributes.remove("prefix");
    }
    payload.to_string()
}

/// A stable hash of a payload (FNV-1a, 128 bits, over its JSON with sorted keys): the same
/// payload hashes the same in every run and every version.
///
/// ```
/// use serde_json::json;
/// let a = crosswalk_client::upload::payload_hash(&json!({"data": {"attributes": {"url": "x", "doi": "y"}}}));
/// let b = crosswalk_client::upload::payload_hash(&json!({"data": {"attributes": {"doi": "y", "url": "x"}}}));
/// assert_eq!(a, b);
/// assert_eq!(a.len(), 32);
/// ```
pub fn payload_hash(payload: &Value) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let text = payload.to_string();
    let hash = text.bytes().fold(OFFSET, |h, b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("{hash:032x}")
}

/// 64 random bits from the operating system (the time, should it refuse).
fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        return u64::try_from(nanos & u128::from(u64::MAX)).unwrap_or(1);
    }
    u64::from_le_bytes(bytes)
}

/// A suffix as DataCite draws them: a random number below 2^30 in lowercase Crockford base32
/// (no i, l, o, u), six characters, then a two-digit check number (ISO 7064 mod 97-10), grouped
/// `xxxx-xxxx`.
///
/// ```
/// let suffix = crosswalk_client::upload::draw_suffix();
/// assert_eq!(suffix.len(), 9);
/// assert_eq!(&suffix[4..5], "-");
/// assert!(crosswalk_client::upload::suffix_checks(&suffix));
/// ```
pub fn draw_suffix() -> String {
    suffix_of(random_u64() & ((1 << 30) - 1))
}

const CROCKFORD: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";

fn suffix_of(n: u64) -> String {
    let mut digits = Vec::with_capacity(6);
    let mut value = n;
    for _ in 0..6 {
        digits.push(CROCKFORD.get((value & 31) as usize).copied().unwrap_or(b'0'));
        value >>= 5;
    }
    digits.reverse();
    let check = 98 - (n * 100) % 97;
    let text = format!("{}{check:02}", String::from_utf8_lossy(&digits));
    format!("{}-{}", text.get(..4).unwrap_or_default(), text.get(4..).unwrap_or_default())
}

/// True when `suffix` is one of DataCite's drawn form whose check number fits.
pub fn suffix_checks(suffix: &str) -> bool {
    let plain: String = suffix.chars().filter(|c| *c != '-').collect();
    if plain.len() != 8 {
        return false;
    }
    let (base, check) = plain.split_at(6);
    let mut n = 0u64;
    for c in base.bytes() {
        let Some(digit) = CROCKFORD.iter().position(|d| *d == c) else { return false };
        n = n * 32 + digit as u64;
    }
    check.parse::<u64>().is_ok_and(|c| c == 98 - (n * 100) % 97)
}

/// The back-off's delays, for tests that count what a policy would wait.
pub fn total_wait(policy: &Backoff, attempts: u32) -> Duration {
    (1..=attempts).map(|a| policy.delay(a, 1.0, None)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each suffix twice in a row: every other draw collides with the one before.
    fn colliding() -> String {
        static N: AtomicU64 = AtomicU64::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst) / 2;
        suffix_of(n)
    }

    #[test]
    fn a_drawn_suffix_another_record_holds_is_drawn_again() {
        let server = crosswalk_fake_datacite::FakeDataCite::start(crosswalk_fake_datacite::Options::default());
        let options = crosswalk_fake_datacite::Options::default();
        let endpoint = crate::Endpoint::custom(&server.url()).unwrap();
        let client =
            Client::new(&endpoint, crate::Credentials::new(options.username, options.password), &Default::default());
        let clock: Arc<dyn Clock> = Arc::new(crate::ManualClock::default());
        let limiter = RateLimiter::new(crate::Rate::Unlimited, clock.as_ref());
        let state = State::in_memory(&server.url(), "TEST.REPO").unwrap();
        let mut up = Uploader::new(client, state, limiter, clock, UploadOptions::default());
        up.draw = colliding;
        let up = &up;
        std::thread::scope(|scope| {
            for w in 0..4 {
                scope.spawn(move || {
                    for i in (w..40).step_by(4) {
                        let payload = serde_json::json!({"data": {"attributes": {"prefix": "10.5072", "url": format!("https://x.org/{i}"), "titles": [{"title": "T"}]}}});
                        let job = Job { input: "in".into(), record: i as u64 + 1, key: None, payload };
                        assert_eq!(up.upload(&job).unwrap().status, Status::Created);
                    }
                });
            }
        });
        assert_eq!(server.dois().len(), 40);
    }

    #[test]
    fn drawn_suffixes_check_as_datacites_do() {
        // DataCite's own examples.
        for known in ["9te8-5h68", "33bv-s284", "e19g-q215"] {
            assert!(suffix_checks(known), "{known}");
        }
        assert!(!suffix_checks("9te8-5h69"));
        for n in [0, 1, 12345, (1 << 30) - 1] {
            assert!(suffix_checks(&suffix_of(n)), "{}", suffix_of(n));
        }
    }
}

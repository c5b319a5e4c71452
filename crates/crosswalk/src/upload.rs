//! Registering records with DataCite from a program: the payload of a record becomes an upload
//! [`Job`] for [`crosswalk_client::Uploader`], which sends it exactly once.
//!
//! ```no_run
//! use std::sync::Arc;
//! use crosswalk::client::{Client, ClientOptions, Credentials, Endpoint, Rate, RateLimiter, State, SystemClock, UploadOptions, Uploader};
//! use crosswalk::{payload_for_record, read, validate_payload, Event, Format, PayloadOptions, ValidateOptions};
//!
//! let endpoint = Endpoint::Test;
//! let credentials = Credentials::from_env()?;
//! let state = State::open("upload.db".as_ref(), endpoint.base(), credentials.username())?;
//! let clock = Arc::new(SystemClock::default());
//! let limiter = RateLimiter::new(Rate::Per5Minutes(500), clock.as_ref());
//! let client = Client::new(&endpoint, credentials, &ClientOptions::default());
//! let uploader = Uploader::new(client, state, limiter, clock, UploadOptions::default());
//! let options = PayloadOptions { prefix: Some("10.5072".into()), event: Some(Event::Publish), ..Default::default() };
//! for record in read(&std::fs::read("catalog.ris")?, Format::Ris)? {
//!     let payload = payload_for_record(&record, &options)?;
//!     if validate_payload(&payload, &ValidateOptions::default()).iter().any(|d| d.is_error()) {
//!         continue; // DataCite would refuse it
//!     }
//!     let done = uploader.upload(&crosswalk::upload::job("catalog.ris", &record, &payload))?;
//!     println!("{:?} {:?}", done.status, done.doi);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Or, as `crosswalk upload` and the Python module's `upload` do it, with the command line's
//! settings ([`Settings`], [`uploader`]), each record's payload built, checked and sent by
//! [`send`] (or a whole list by [`send_all`], over several connections), and the outcomes counted
//! ([`Tally`]):
//!
//! ```no_run
//! use crosswalk::upload::{self, Checks, Settings, Tally};
//! use crosswalk::{read, Event, Format, PayloadOptions};
//!
//! let settings = Settings::default(); // the test system, its rate, 8 retries, 4 connections
//! let uploader = upload::uploader(&settings, "upload.db".as_ref())?; // credentials from the environment
//! let options = PayloadOptions { prefix: Some("10.5072".into()), event: Some(Event::Publish), ..Default::default() };
//! let records = read(&std::fs::read("catalog.ris")?, Format::Ris)?;
//! let run = upload::send_all(&uploader, &records, &options, Checks::default(), settings.connections, || true);
//! let mut tally = Tally::default();
//! for sent in run.outcomes.iter().flatten() {
//!     tally.add(sent);
//! }
//! println!("{} created, {} failed", tally.created, tally.failed + tally.refused);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crosswalk_client::{
    Backoff, Client, ClientOptions, Credentials, Done, Endpoint, Job, RateLimiter, State, Status, Stop, SystemClock,
    UploadOptions, Uploader,
};
use crosswalk_model::{Diagnostic, Location, Record, Severity};

use crate::{Payload, PayloadOptions, ValidateOptions};

/// The upload job of `payload`, built for `record` of the input named `input`: the record is
/// known across runs by its input and its key (or number), as the state file remembers it.
pub fn job(input: &str, record: &Record, payload: &Payload) -> Job {
    Job {
        input: input.to_owned(),
        record: record.origin.index as u64 + 1,
        key: record.origin.key.clone(),
        payload: serde_json::to_value(payload).unwrap_or_default(),
    }
}

/// How an upload is set up: `crosswalk upload`'s options.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to: the test system (the default), production, or a server of one's own.
    pub endpoint: Endpoint,
    /// The rate as `--rate` writes it (`500/5m`, `unlimited`); `None` for the endpoint's default
    /// ([`Endpoint::upload_rate`]).
    pub rate: Option<String>,
    /// Retries of a request that failed for a while.
    pub retries: u32,
    /// The longest one request may take.
    pub timeout: Duration,
    /// Connections (and records sent at once, [`send_all`]).
    pub connections: usize,
    /// Update DOIs that exist (`PUT`).
    pub update: bool,
    /// Decide and report from the state alone; send nothing.
    pub dry_run: bool,
    /// Let DataCite draw the suffixes of prefix-only payloads.
    pub server_suffix: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            endpoint: Endpoint::Test,
            rate: None,
            retries: 8,
            timeout: Duration::from_secs(120),
            connections: 4,
            update: false,
            dry_run: false,
            server_suffix: false,
        }
    }
}

/// The uploader `settings` describe, recording in the state file at `state`: credentials from
/// `DATACITE_USERNAME` and `DATACITE_PASSWORD` (never anywhere else), the rate checked against
/// DataCite's limits, the state opened (made on first use; refused when it was made for another
/// endpoint or account). Each refusal is a sentence for the user, checked in that order, before
/// anything is read or sent.
pub fn uploader(settings: &Settings, state: &Path) -> Result<Uploader, String> {
    let credentials = Credentials::from_env()?;
    let rate = settings.endpoint.upload_rate(settings.rate.as_deref())?;
    let state = State::open(state, settings.endpoint.base(), credentials.username()).map_err(|e| e.to_string())?;
    let connections = settings.connections.max(1);
    let clock = Arc::new(SystemClock::default());
    let limiter = RateLimiter::new(rate, clock.as_ref());
    let client_options = ClientOptions { timeout: settings.timeout.max(Duration::from_secs(1)), connections };
    let client = Client::new(&settings.endpoint, credentials, &client_options);
    let options = UploadOptions {
        update: settings.update,
        dry_run: settings.dry_run,
        server_suffix: settings.server_suffix,
        backoff: Backoff { retries: settings.retries, ..Backoff::default() },
    };
    Ok(Uploader::new(client, state, limiter, clock, options))
}

/// What is checked before a payload is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checks {
    /// Check the payload as DataCite will ([`crate::validate_payload`]); one DataCite would
    /// refuse is not sent. On by default (`--no-validate` turns it off).
    pub validate: bool,
    /// Also the checks no XSD makes (identifiers, dates, languages, licences, the attributes
    /// DataCite requires beyond its XSD), and every warning an error (`--strict`).
    pub strict: bool,
    /// Run libxml2 on every payload's XML, even one the writer proved valid
    /// ([`ValidateOptions::force_xsd`], `--validate xsd`).
    pub force_xsd: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { validate: true, strict: false, force_xsd: false }
    }
}

/// What became of one record: sent (or found registered) with the uploader's answer, or refused
/// before anything was sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Uploaded {
    /// The uploader's answer; `None` when the payload could not be built or the checks refused
    /// it (nothing was sent).
    pub done: Option<Done>,
    /// Everything said about the record: the payload builder's, the checks' and DataCite's
    /// diagnostics, DataCite's located at the record's line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Uploaded {
    /// The outcome in a word: `created`, `updated`, `unchanged`, `failed`, `uncertain`,
    /// `refused` (not sent), or in a dry run what would be done (`create`, `update`, `create or
    /// update`, `skip`).
    pub fn outcome(&self) -> &'static str {
        match &self.done {
            None => "refused",
            Some(Done { would: Some(would), .. }) => would,
            Some(done) => match done.status {
                Status::Created => "created",
                Status::Updated => "updated",
                Status::Unchanged => "unchanged",
                Status::Uncertain => "uncertain",
                _ => "failed",
            },
        }
    }

    /// True when the record is not registered as asked (refused, failed, uncertain); a dry
    /// run's plan is not a failure.
    pub fn failed(&self) -> bool {
        match &self.done {
            None => true,
            Some(done) if done.would.is_some() => false,
            Some(done) => !done.status.registered(),
        }
    }
}

/// Builds `record`'s payload with `options`, checks it, and sends it through `uploader` (as
/// `crosswalk upload` does each record): a payload the builder or the checks refuse is not sent;
/// the record is known across runs by its input's name (`record.origin.input`, `<input>` when it
/// has none) and its key, or its number there ([`job`]). `Err` is what stops a whole run
/// (credentials refused, the state failed).
pub fn send(uploader: &Uploader, record: &Record, options: &PayloadOptions, checks: Checks) -> Result<Uploaded, Stop> {
    let built = match crate::payload_for_record(record, options) {
        Ok(built) => built,
        Err(refused) => return Ok(Uploaded { done: None, diagnostics: refused.diagnostics }),
    };
    let mut diagnostics = built.diagnostics.clone();
    if checks.validate {
        let options = ValidateOptions { force_xsd: checks.force_xsd, ..ValidateOptions::default() };
        diagnostics.extend(crate::validate_payload(&built, &options));
    }
    if checks.strict {
        diagnostics.extend(crosswalk_validate::rules::check_required_attributes(&built.resource));
        diagnostics.extend(crosswalk_validate::rules::check(&built.resource));
    }
    let refused = diagnostics.iter().any(Diagnostic::is_error)
        || (checks.strict && diagnostics.iter().any(|d| d.severity == Severity::Warning));
    if refused {
        // DataCite would refuse it: it is not sent. (Under `strict` its warnings are what refused
        // it: the caller makes them errors, as the batch does with `Processed::strict`.)
        return Ok(Uploaded { done: None, diagnostics });
    }
    let input = record.origin.input.as_deref().unwrap_or("<input>");
    let mut done = uploader.upload(&job(input, record, &built))?;
    // DataCite's findings point at the attribute; the record's line is where the user looks.
    for mut d in std::mem::take(&mut done.diagnostics) {
        if d.location.line.is_none() {
            d.location = Location { line: record.origin.line, ..d.location };
        }
        diagnostics.push(d);
    }
    Ok(Uploaded { done: Some(done), diagnostics })
}

/// A list of records sent by [`send_all`].
#[derive(Debug)]
pub struct Run {
    /// Each record's outcome, in the list's order; `None` for a record not begun because the run
    /// stopped.
    pub outcomes: Vec<Option<Uploaded>>,
    /// What stopped the run, if anything did (credentials refused, the state failed).
    pub stop: Option<Stop>,
    /// True when `between` asked to stop.
    pub interrupted: bool,
}

/// Sends `records` as [`send`] does, over `connections` threads at once (the calling thread one of
/// them), each record once, the outcomes in the list's order. After each record it sent, the
/// calling thread asks `between` whether to go on (a Python caller checks for Ctrl-C there):
/// `false` stops the run, as a [`Stop`] does: no record is begun after it, the ones under way
/// finish, and the state is consistent, so that a rerun continues.
pub fn send_all(
    uploader: &Uploader,
    records: &[Record],
    options: &PayloadOptions,
    checks: Checks,
    connections: usize,
    mut between: impl FnMut() -> bool,
) -> Run {
    let next = AtomicUsize::new(0);
    let stopping = AtomicBool::new(false);
    let interrupted = AtomicBool::new(false);
    let outcomes: Vec<Mutex<Option<Uploaded>>> = records.iter().map(|_| Mutex::new(None)).collect();
    let stop: Mutex<Option<Stop>> = Mutex::new(None);
    let work = |between: &mut dyn FnMut() -> bool| {
        while !stopping.load(Ordering::SeqCst) {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let (Some(record), Some(slot)) = (records.get(i), outcomes.get(i)) else { break };
            match send(uploader, record, options, checks) {
                Ok(sent) => *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(sent),
                Err(e) => {
                    stop.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
                    stopping.store(true, Ordering::SeqCst);
                }
            }
            if !between() {
                interrupted.store(true, Ordering::SeqCst);
                stopping.store(true, Ordering::SeqCst);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..connections.clamp(1, records.len().max(1)) {
            scope.spawn(|| work(&mut || true));
        }
        work(&mut between);
    });
    Run {
        outcomes: outcomes.into_iter().map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner())).collect(),
        stop: stop.into_inner().unwrap_or_else(|e| e.into_inner()),
        interrupted: interrupted.into_inner(),
    }
}

/// How many records ended in each way (the summary of `crosswalk upload`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// DOIs created.
    pub created: u64,
    /// DOIs updated.
    pub updated: u64,
    /// Payloads registered already: nothing sent.
    pub unchanged: u64,
    /// Sent and refused by DataCite, or not sent after every retry.
    pub failed: u64,
    /// Answers lost that could not be resolved: the next run looks them up.
    pub uncertain: u64,
    /// Not sent: the payload could not be built, or the checks refused it.
    pub refused: u64,
    /// In a dry run, what would be done, by what.
    pub would: BTreeMap<&'static str, u64>,
}

impl Tally {
    /// Counts one outcome.
    pub fn add(&mut self, sent: &Uploaded) {
        let Some(done) = &sent.done else {
            self.refused += 1;
            return;
        };
        if let Some(would) = done.would {
            *self.would.entry(would).or_default() += 1;
            return;
        }
        match done.status {
            Status::Created => self.created += 1,
            Status::Updated => self.updated += 1,
            Status::Unchanged => self.unchanged += 1,
            Status::Uncertain => self.uncertain += 1,
            _ => self.failed += 1,
        }
    }
}

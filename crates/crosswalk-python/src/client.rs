//! DataCite's REST API and OAI-PMH from Python: `upload`, `fetch` and `harvest`, thin over the
//! facade's `crosswalk::upload` and `crosswalk::harvest` and the client crate (re-exported as
//! `crosswalk::client`), which the command line uses too: the same settings, the same state
//! files, the same outcomes.
//!
//! Credentials come from `DATACITE_USERNAME` and `DATACITE_PASSWORD` only (the client reads them;
//! no argument takes them, so that they end up in no log or traceback). Every call releases the
//! GIL while it talks to the network; `upload` takes it back between records to check for
//! Ctrl-C, and a harvest's iterator returns to Python after each record.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crosswalk::client::harvest::{HarvestError as RunError, Harvested, Harvester, ListQuery, Walk};
use crosswalk::client::oai::{OaiHarvester, OaiQuery};
use crosswalk::client::{
    Backoff, Client, ClientOptions, Endpoint, RateLimiter, Sent as Answer, State, Stop, SystemClock,
};
use crosswalk::harvest::HarvestFile;
use crosswalk::upload::{Checks, Settings, Tally, Uploaded};
use crosswalk::{Diagnostic as RustDiagnostic, Format};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use crate::convert::diagnostics_list;
use crate::source::{inputs_of, PyErrSlot};
use crate::{payload_options, Diagnostic, Record};

pyo3::create_exception!(
    crosswalk,
    CredentialsError,
    PyValueError,
    "DataCite credentials missing from the environment (DATACITE_USERNAME, DATACITE_PASSWORD), or \
     refused by DataCite (401). The message says which; the credentials themselves are never shown. \
     When DataCite refused them during an upload, `.uploads` holds what was done before."
);

pyo3::create_exception!(
    crosswalk,
    HarvestError,
    PyOSError,
    "A harvest stopped before its end: the server refused a page, or did not answer after every \
     retry, or the output or state could not be written. `.diagnostics` says why. What was \
     harvested is recorded: the same call again goes on where it stopped."
);

/// The endpoint a name stands for: `"test"`, `"production"`, or a URL (`https://`, or `http://`
/// on a loopback address).
fn endpoint_of(name: &str) -> PyResult<Endpoint> {
    match name.trim().to_ascii_lowercase().as_str() {
        "test" => Ok(Endpoint::Test),
        "production" => Ok(Endpoint::Production),
        _ => Endpoint::custom(name).map_err(PyValueError::new_err),
    }
}

fn seconds(timeout: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(timeout.max(1.0))
        .map_err(|_| PyValueError::new_err(format!("timeout {timeout} is not a number of seconds")))
}

/// One record's outcome of `upload`.
#[pyclass(frozen, module = "crosswalk")]
pub struct Upload {
    /// `"created"`, `"updated"`, `"unchanged"`, `"failed"`, `"uncertain"`, `"refused"` (not
    /// sent: the payload could not be built or DataCite would refuse it), or in a dry run what
    /// would be done (`"create"`, `"update"`, `"create or update"`, `"skip"`).
    #[pyo3(get)]
    outcome: &'static str,
    /// The DOI, when known.
    #[pyo3(get)]
    doi: Option<String>,
    /// The landing page sent.
    #[pyo3(get)]
    url: Option<String>,
    /// The DOI's state at DataCite after the request (`"draft"`, `"registered"`, `"findable"`).
    #[pyo3(get)]
    state: Option<String>,
    /// The name of the record's input (as the state file knows it).
    #[pyo3(get)]
    input: String,
    /// The record's 0-based position in its input.
    #[pyo3(get)]
    index: usize,
    /// The record's key (as the state file knows it), if any.
    #[pyo3(get)]
    key: Option<String>,
    /// True when the record is registered as asked (created, updated, unchanged), or, in a dry
    /// run, planned.
    #[pyo3(get)]
    ok: bool,
    diagnostics: Vec<RustDiagnostic>,
}

#[pymethods]
impl Upload {
    /// Everything said about the record: the payload builder's, the checks' and DataCite's
    /// diagnostics (DataCite's at the attribute concerned and the record's line).
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnostics_list(&self.diagnostics)
    }

    fn __repr__(&self) -> String {
        format!(
            "<crosswalk.Upload {} doi={:?} input={:?} index={} diagnostics={}>",
            self.outcome,
            self.doi.as_deref().unwrap_or(""),
            self.input,
            self.index,
            self.diagnostics.len()
        )
    }
}

/// What `upload` did: `outcomes` (one `Upload` per record, in order), `counts`, and the
/// `requests` and `retries` sent. Iterating gives the outcomes.
#[pyclass(frozen, module = "crosswalk")]
pub struct Uploads {
    outcomes: Vec<Py<Upload>>,
    tally: Tally,
    /// Requests sent (lookups included).
    #[pyo3(get)]
    requests: u64,
    /// Requests sent again after a failure that passes.
    #[pyo3(get)]
    retries: u64,
    /// The endpoint, as the state file knows it.
    #[pyo3(get)]
    endpoint: String,
}

#[pymethods]
impl Uploads {
    /// One `Upload` per record, in the order given.
    #[getter]
    fn outcomes(&self, py: Python<'_>) -> Vec<Py<Upload>> {
        self.outcomes.iter().map(|o| o.clone_ref(py)).collect()
    }

    /// How many records ended in each way: `created`, `updated`, `unchanged`, `failed`,
    /// `uncertain`, `refused`, and `would` (a dry run's plan, by what).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        let t = &self.tally;
        for (name, n) in [
            ("created", t.created),
            ("updated", t.updated),
            ("unchanged", t.unchanged),
            ("failed", t.failed),
            ("uncertain", t.uncertain),
            ("refused", t.refused),
        ] {
            dict.set_item(name, n)?;
        }
        let would = PyDict::new(py);
        for (what, n) in &t.would {
            would.set_item(what, n)?;
        }
        dict.set_item("would", would)?;
        Ok(dict)
    }

    /// True when every record is registered as asked (or, in a dry run, planned).
    #[getter]
    fn ok(&self, py: Python<'_>) -> bool {
        self.outcomes.iter().all(|o| o.bind(py).get().ok)
    }

    fn __len__(&self) -> usize {
        self.outcomes.len()
    }

    fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(PyList::new(py, self.outcomes(py))?.try_iter()?.into_any().unbind())
    }

    fn __repr__(&self) -> String {
        let t = &self.tally;
        format!(
            "<crosswalk.Uploads {} records: {} created, {} updated, {} unchanged, {} failed, {} uncertain, {} refused>",
            self.outcomes.len(),
            t.created,
            t.updated,
            t.unchanged,
            t.failed,
            t.uncertain,
            t.refused
        )
    }
}

/// The records `upload` is given, as the facade's records: a source `stream` reads (a path,
/// bytes, a binary file), or an iterable of `Record`s, dicts (attributes or payloads) and
/// `(key, Record or dict)` pairs.
fn records_to_send(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    input: Option<&str>,
    format: Option<Format>,
) -> PyResult<Vec<crosswalk::Record>> {
    let is_source = records.is_instance_of::<PyString>()
        || records.is_instance_of::<PyBytes>()
        || records.is_instance_of::<PyByteArray>()
        || records.hasattr("__fspath__")?
        || records.hasattr("read")?;
    if is_source {
        let error = PyErrSlot::default();
        let inputs = inputs_of(records, &error)?;
        let mut read: Vec<crosswalk::Record> = py.detach(|| crosswalk::batch::stream(inputs, format).collect());
        if let Some(error) = error.take() {
            return Err(error);
        }
        if let Some(name) = input {
            for record in &mut read {
                record.origin.input = Some(name.into());
            }
        }
        return Ok(read);
    }
    if records.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(
            "upload takes a list of records or payloads (a dict alone: put it in a list), or a path",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in records.try_iter()?.enumerate() {
        let item = item?;
        let (key, value) = match item.cast::<PyTuple>() {
            Ok(pair) if pair.len() == 2 => (Some(pair.get_item(0)?.extract::<String>()?), pair.get_item(1)?),
            _ => (None, item),
        };
        let mut record = match value.cast::<Record>() {
            Ok(record) => record.get().inner.clone(),
            Err(_) if value.is_instance_of::<PyDict>() => {
                let mut record = match crate::subject(py, &value)? {
                    crate::Subject::Read(record) => *record,
                    crate::Subject::Record(record) => record.clone(),
                };
                record.origin.index = i;
                record.origin.position = Some(i as u64 + 1);
                record.origin.input = Some("<python>".into());
                record
            }
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "upload takes Records, dicts (attributes or payloads) and (key, record) pairs, not {}",
                    value.get_type().name()?
                )))
            }
        };
        if key.is_some() {
            record.origin.key = key;
        }
        if let Some(name) = input {
            record.origin.input = Some(name.into());
        }
        out.push(record);
    }
    Ok(out)
}

/// Registers records with DataCite, each exactly once, as `crosswalk upload` does, through the
/// same `state` file (SQLite): a rerun continues, a registered record is `unchanged`, a lost
/// answer is looked up before anything is sent again; the command line and the module can share
/// a state. Returns `Uploads`: one `Upload` per record (`outcome`, `doi`, `url`, `state`, `key`,
/// `input`, `index`, `ok`, `diagnostics`) and `counts`.
///
/// `records`: a path, bytes or a binary file (read as `stream` reads them, known to the state by
/// the input's name and each record's key or number, as `crosswalk upload PATH`), or an iterable
/// of `Record`s, dicts (attributes or payloads) and `(key, record)` pairs (the key, e.g. the
/// repository's record id, is what the state knows the record by). Credentials come from
/// DATACITE_USERNAME and DATACITE_PASSWORD only (`CredentialsError` without them). The payload
/// options are `payload`'s; `endpoint` (`"test"`, `"production"` or a URL), `rate` (`N/5m`),
/// `retries`, `timeout`, `jobs`, `update`, `dry_run`, `server_suffix`, `validate` and `strict` are
/// `crosswalk upload`'s. A payload DataCite would refuse is `refused`, not sent. Ctrl-C stops
/// between records (KeyboardInterrupt; the state is consistent, call again to continue).
#[pyfunction]
#[pyo3(signature = (records, *, state="upload.db".into(), endpoint="test", input=None, format=None, doi=None,
                    prefix=None, event=None, url=None, xml=false, url_template=None, publisher=None,
                    resource_type_general=None, publication_year_from_date=false, partial=false, update=false,
                    dry_run=false, server_suffix=false, rate=None, retries=8, timeout=120.0, jobs=4,
                    validate=true, strict=false))]
#[allow(clippy::too_many_arguments)]
pub fn upload(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    state: PathBuf,
    endpoint: &str,
    input: Option<&str>,
    format: Option<&str>,
    doi: Option<String>,
    prefix: Option<String>,
    event: Option<&str>,
    url: Option<String>,
    xml: bool,
    url_template: Option<String>,
    publisher: Option<String>,
    resource_type_general: Option<&str>,
    publication_year_from_date: bool,
    partial: bool,
    update: bool,
    dry_run: bool,
    server_suffix: bool,
    rate: Option<String>,
    retries: u32,
    timeout: f64,
    jobs: usize,
    validate: bool,
    strict: bool,
) -> PyResult<Uploads> {
    let endpoint = endpoint_of(endpoint)?;
    let options = payload_options(
        doi,
        prefix,
        event,
        url,
        xml,
        url_template,
        publisher,
        resource_type_general,
        publication_year_from_date,
        partial,
    )?;
    let from = crate::optional_format(format)?;
    let settings = Settings {
        endpoint: endpoint.clone(),
        rate,
        retries,
        timeout: seconds(timeout)?,
        connections: jobs.max(1),
        update,
        dry_run,
        server_suffix,
    };
    // Before anything is read: credentials, rate, state (as the command line).
    if let Err(text) = crosswalk::client::Credentials::from_env() {
        return Err(CredentialsError::new_err(text));
    }
    let uploader = py.detach(|| crosswalk::upload::uploader(&settings, &state)).map_err(PyValueError::new_err)?;
    let records = records_to_send(py, records, input, from)?;
    let checks = Checks { validate, strict, force_xsd: false };
    let mut interrupt: Option<PyErr> = None;
    let run = py.detach(|| {
        crosswalk::upload::send_all(&uploader, &records, &options, checks, settings.connections, || {
            // Ctrl-C (or another signal's handler raising) between records: stop sending.
            match Python::attach(|py| py.check_signals()) {
                Ok(()) => true,
                Err(e) => {
                    interrupt = Some(e);
                    false
                }
            }
        })
    });
    let counters = uploader.counters();
    let mut tally = Tally::default();
    let mut outcomes = Vec::with_capacity(records.len());
    for (record, sent) in records.iter().zip(run.outcomes) {
        let Some(mut sent) = sent else { continue };
        tally.add(&sent);
        if strict && sent.done.is_none() {
            // Its warnings are what refused it (the batch's `--strict`).
            crosswalk::escalate_warnings(&mut sent.diagnostics);
        }
        outcomes.push(Py::new(py, outcome_of(record, sent))?);
    }
    let uploads = Uploads {
        outcomes,
        tally,
        requests: counters.requests.load(std::sync::atomic::Ordering::Relaxed),
        retries: counters.retries.load(std::sync::atomic::Ordering::Relaxed),
        endpoint: endpoint.base().to_owned(),
    };
    if let Some(interrupt) = interrupt {
        // The records under way finished and the state is consistent: a rerun continues.
        return Err(interrupt);
    }
    match run.stop {
        None => Ok(uploads),
        Some(Stop::Credentials(found)) => {
            let error = CredentialsError::new_err(Stop::Credentials(found.clone()).to_string());
            let value = error.value(py);
            value.setattr("diagnostics", PyList::new(py, diagnostics_list(&found))?)?;
            value.setattr("uploads", Py::new(py, uploads)?)?;
            Err(error)
        }
        Some(Stop::State(e)) => Err(PyOSError::new_err(format!("{e}; rerun to continue"))),
    }
}

fn outcome_of(record: &crosswalk::Record, sent: Uploaded) -> Upload {
    let outcome = sent.outcome();
    let ok = !sent.failed();
    let (doi, url, state) = match &sent.done {
        Some(done) => (done.doi.clone(), done.url.clone(), done.server_state.clone()),
        None => (None, None, None),
    };
    Upload {
        outcome,
        doi,
        url,
        state,
        input: record.origin.input.as_deref().unwrap_or("<input>").to_owned(),
        index: record.origin.index,
        key: record.origin.key.clone(),
        ok,
        diagnostics: sent.diagnostics,
    }
}

/// Reads a DOI from DataCite's REST API (`GET /dois/{doi}`), as `crosswalk fetch` does: a
/// `Record` (a list of them for a list of DOIs; any DOI form: `10.5438/0012`, `doi:…`,
/// `https://doi.org/…`). A DOI that cannot be fetched (not found, not visible, unreachable) is a
/// failed `Record` with DataCite's diagnostics. `endpoint` is `"production"` (the default),
/// `"test"` or a URL; with DATACITE_USERNAME and DATACITE_PASSWORD in the environment a
/// repository's own drafts are visible too.
#[pyfunction]
#[pyo3(signature = (doi, *, endpoint="production", rate=None, timeout=120.0))]
pub fn fetch(
    py: Python<'_>,
    doi: &Bound<'_, PyAny>,
    endpoint: &str,
    rate: Option<String>,
    timeout: f64,
) -> PyResult<Py<PyAny>> {
    let endpoint = endpoint_of(endpoint)?;
    let one = doi.is_instance_of::<PyString>();
    let dois: Vec<String> = if one { vec![doi.extract()?] } else { doi.extract()? };
    let options = ClientOptions { timeout: seconds(timeout)?, connections: 1 };
    let records = py.detach(|| -> Result<Vec<crosswalk::Record>, String> {
        let (client, authenticated) = Client::reading(&endpoint, &options);
        let clock = SystemClock::default();
        let limiter = RateLimiter::new(endpoint.reading_rate(rate.as_deref(), authenticated)?, &clock);
        let mut records = Vec::new();
        for doi in &dois {
            let doi = crosswalk::model::doi::normalise(doi).unwrap_or_else(|| doi.clone());
            limiter.acquire(&clock);
            let name = format!("{}/dois/{doi}", endpoint.base());
            let mut found = match client.get(&doi) {
                Answer::Answer { status: 200, body, .. } => crosswalk::harvest::records_of_item(&body),
                Answer::Answer { status, body, .. } => {
                    let mut found = crosswalk::client::errors::diagnose(status, &body).into_iter();
                    let first = found.next().unwrap_or_else(|| {
                        let message = format!("DataCite answered {status}");
                        RustDiagnostic::error(crosswalk::client::errors::codes::REFUSED, message)
                    });
                    let mut record = crosswalk::Record::failed(first);
                    record.diagnostics.extend(found);
                    vec![record]
                }
                Answer::NotSent(message) | Answer::Unknown(message) => {
                    let message = format!("DataCite could not be reached: {message}");
                    vec![crosswalk::Record::failed(RustDiagnostic::error(
                        crosswalk::client::errors::codes::UNREACHABLE,
                        message,
                    ))]
                }
            };
            for record in &mut found {
                record.origin.input = Some(name.as_str().into());
            }
            records.extend(found);
        }
        Ok(records)
    });
    let records = records.map_err(PyValueError::new_err)?;
    if one {
        let record = records.into_iter().next().unwrap_or_else(|| {
            crosswalk::Record::failed(RustDiagnostic::error(crosswalk::client::errors::codes::REFUSED, "no record"))
        });
        return Ok(Py::new(py, Record::from(record))?.into_any());
    }
    let list: Vec<Record> = records.into_iter().map(Record::from).collect();
    Ok(PyList::new(py, list)?.into_any().unbind())
}

/// What a harvest reads: DataCite's `GET /dois`, or an OAI-PMH list.
enum Source {
    DataCite { query: ListQuery, endpoint: String },
    Oai { query: OaiQuery },
}

fn datacite<'a>(
    client: &'a Client,
    state: &'a State,
    limiter: &'a RateLimiter,
    clock: &Arc<SystemClock>,
    backoff: Backoff,
    endpoint: &str,
) -> Harvester<'a> {
    Harvester { client, state, limiter, clock: clock.clone(), backoff, endpoint: endpoint.to_owned() }
}

fn oai_harvester<'a>(
    client: &'a Client,
    state: &'a State,
    limiter: &'a RateLimiter,
    clock: &Arc<SystemClock>,
    backoff: Backoff,
) -> OaiHarvester<'a> {
    OaiHarvester { client, state, limiter, clock: clock.clone(), backoff }
}

/// A harvest under way: what the iterator holds between calls.
struct Harvesting {
    source: Source,
    client: Client,
    state: State,
    limiter: RateLimiter,
    clock: Arc<SystemClock>,
    backoff: Backoff,
    walk: Walk,
    /// The output file, and whether OAI-PMH records go to it as one XML document.
    output: Option<(HarvestFile, bool)>,
    /// The records of the page taken last, not yet handed out.
    buffer: VecDeque<crosswalk::Record>,
    /// A page was handed out and is not yet committed.
    open: bool,
    finished: bool,
    deleted: u64,
    total: Option<u64>,
    /// The input name of the records.
    name: String,
}

impl Harvesting {
    /// The next record, taking and committing pages as needed.
    fn next(&mut self) -> Result<Option<crosswalk::Record>, RunError> {
        loop {
            if let Some(record) = self.buffer.pop_front() {
                return Ok(Some(record));
            }
            if self.finished {
                return Ok(None);
            }
            if self.open {
                // Every record of the page was taken: the page is done.
                let len = self.output.as_ref().map_or(0, |(file, _)| file.len());
                self.commit(len)?;
                self.open = false;
            }
            if !self.page()? {
                self.finish()?;
                return Ok(None);
            }
        }
    }

    fn commit(&mut self, len: u64) -> Result<(), RunError> {
        let Harvesting { source, client, state, limiter, clock, backoff, walk, .. } = self;
        match source {
            Source::DataCite { endpoint, .. } => {
                datacite(client, state, limiter, clock, *backoff, endpoint).commit(walk, len)?;
            }
            Source::Oai { .. } => oai_harvester(client, state, limiter, clock, *backoff).commit(walk, len)?,
        }
        Ok(())
    }

    /// Takes the next page: written to the output, its records buffered; false at the end.
    fn page(&mut self) -> Result<bool, RunError> {
        let first_index = usize::try_from(self.walk.state().records).unwrap_or(usize::MAX);
        let mut records: Vec<crosswalk::Record> = Vec::new();
        let Harvesting { source, client, state, limiter, clock, backoff, walk, output, total, deleted, .. } = self;
        match source {
            Source::DataCite { query, endpoint } => {
                let harvester = datacite(client, state, limiter, clock, *backoff, endpoint);
                let Some(page) = harvester.next_page(query, walk)? else { return Ok(false) };
                if let Some((file, _)) = output {
                    file.append(&crosswalk::harvest::datacite_lines(&page)).map_err(RunError::Write)?;
                }
                *total = page.total.or(*total);
                for item in &page.items {
                    records.extend(crosswalk::harvest::records_of_item(item));
                }
            }
            Source::Oai { query } => {
                let harvester = oai_harvester(client, state, limiter, clock, *backoff);
                let Some(page) = harvester.next_page(query, walk)? else { return Ok(false) };
                if let Some((file, xml)) = output {
                    file.append(&crosswalk::harvest::oai_text(&page, query, *xml)).map_err(RunError::Write)?;
                }
                *total = page.total.or(*total);
                *deleted += page.items.iter().filter(|i| i.header.deleted).count() as u64;
                records.extend(page.items.into_iter().map(crosswalk::oai::record));
            }
        }
        for (i, mut record) in records.into_iter().enumerate() {
            record.origin.index = first_index.saturating_add(i);
            record.origin.position = Some(first_index.saturating_add(i) as u64 + 1);
            record.origin.input = Some(self.name.as_str().into());
            self.buffer.push_back(record);
        }
        self.open = true;
        Ok(true)
    }

    /// The end: the output put in place.
    fn finish(&mut self) -> Result<(), RunError> {
        self.finished = true;
        if let Some((mut file, xml)) = self.output.take() {
            file.append(crosswalk::harvest::oai_end(xml && matches!(self.source, Source::Oai { .. })))
                .map_err(RunError::Write)?;
            file.finish().map_err(RunError::Write)?;
        }
        Ok(())
    }

    fn summary(&self) -> Harvested {
        self.walk.summary()
    }
}

/// A harvest: an iterator of `Record`s, page by page (see `harvest`). `records`, `pages`,
/// `duplicates`, `deleted`, `total` and `done` say where it stands.
#[pyclass(module = "crosswalk")]
pub struct Harvest {
    inner: Mutex<Option<Harvesting>>,
    /// The output file, if any.
    #[pyo3(get)]
    output: Option<PathBuf>,
    /// The state file, if any.
    #[pyo3(get)]
    state: Option<PathBuf>,
}

impl Harvest {
    fn with<T>(&self, f: impl FnOnce(&Harvesting) -> T) -> Option<T> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(f)
    }
}

fn harvest_error(py: Python<'_>, error: RunError) -> PyErr {
    let diagnostics = match &error {
        RunError::Refused(found) => found.clone(),
        _ => Vec::new(),
    };
    let err = HarvestError::new_err(format!("the harvest stopped: {error}; the same call again goes on"));
    if let Ok(list) = PyList::new(py, diagnostics_list(&diagnostics)) {
        let _ = err.value(py).setattr("diagnostics", list);
    }
    err
}

#[pymethods]
impl Harvest {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Record>> {
        let next = py.detach(|| {
            let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            match inner.as_mut() {
                Some(harvesting) => harvesting.next(),
                None => Ok(None),
            }
        });
        next.map(|r| r.map(Record::from)).map_err(|e| harvest_error(py, e))
    }

    /// Harvests to the end without handing out records (with `output`: writes the file), and
    /// returns the harvest.
    fn run(slf: PyRef<'_, Self>, py: Python<'_>) -> PyResult<Py<Self>> {
        let this: &Harvest = &slf;
        loop {
            let more = py.detach(|| {
                let mut inner = this.inner.lock().unwrap_or_else(|e| e.into_inner());
                let Some(harvesting) = inner.as_mut() else { return Ok(false) };
                // A page at a time, its records dropped; Ctrl-C is checked between pages.
                harvesting.buffer.clear();
                if harvesting.finished {
                    return Ok(false);
                }
                harvesting.next().map(|r| r.is_some())
            });
            if !more.map_err(|e| harvest_error(py, e))? {
                return Ok(slf.into());
            }
            py.check_signals()?;
        }
    }

    /// Stops: the pages handed out whole are recorded; the rest is harvested by the next call.
    fn close(&self) {
        *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __exit__(&self, _kind: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>, _traceback: &Bound<'_, PyAny>) {
        self.close();
    }

    /// Records harvested in all (this call's and, with a state file, the runs' before).
    #[getter]
    fn records(&self) -> u64 {
        self.with(|h| h.summary().records).unwrap_or(0)
    }

    /// Pages read by this call.
    #[getter]
    fn pages(&self) -> u64 {
        self.with(|h| h.summary().pages).unwrap_or(0)
    }

    /// Records left out because the harvest had them already (cursors repeat records).
    #[getter]
    fn duplicates(&self) -> u64 {
        self.with(|h| h.summary().duplicates).unwrap_or(0)
    }

    /// OAI-PMH records marked deleted (handed out as failed records, `oai.deleted`).
    #[getter]
    fn deleted(&self) -> u64 {
        self.with(|h| h.deleted).unwrap_or(0)
    }

    /// How many records the server said the list holds, when it said.
    #[getter]
    fn total(&self) -> Option<u64> {
        self.with(|h| h.total).flatten()
    }

    /// True when the harvest reached the end of the list.
    #[getter]
    fn done(&self) -> bool {
        self.with(|h| h.summary().done).unwrap_or(false)
    }

    fn __repr__(&self) -> String {
        format!(
            "<crosswalk.Harvest records={} pages={} duplicates={} done={}>",
            self.records(),
            self.pages(),
            self.duplicates(),
            if self.done() { "True" } else { "False" }
        )
    }
}

/// Harvests DataCite (`GET /dois` by cursor, the query and filters on every page) or, with
/// `oai=URL`, an OAI-PMH repository (`ListRecords` of `metadata_prefix`, perhaps of one `set` and
/// between `from_` and `until`, by resumptionToken; anonymous), as `crosswalk harvest` does: a
/// `Harvest`, an iterator of `Record`s, each record once. OAI-PMH records marked deleted are
/// failed records (`oai.deleted`).
///
/// Without `state` or `output` nothing is kept between calls. With `state`, a page is recorded
/// once all its records were taken, and the same call goes on after the pages taken whole. With
/// `output`, the records are also written as `crosswalk harvest -o` writes them (JSON Lines of the
/// API's objects; for OAI-PMH one XML document for `.xml`/`.xml.gz`, JSON Lines otherwise; gzip
/// for `.gz`), as `OUTPUT.partial` until the end, the state defaulting to `OUTPUT.harvest.db`:
/// the same call, or the same `crosswalk harvest`, goes on where either stopped. `run()` harvests
/// to the end without handing out records. Raises ValueError for a bad option, HarvestError when
/// the harvest stops (what was harvested is recorded).
#[pyfunction]
#[pyo3(signature = (*, query=None, client_id=None, provider_id=None, consortium_id=None, resource_type_id=None,
                    person_id=None, registered=None, created=None, schema_version=None, filters=None,
                    page_size=1000, detail=false, oai=None, metadata_prefix="oai_dc".into(), set=None,
                    from_=None, until=None, endpoint="production", rate=None, retries=8, timeout=120.0,
                    output=None, state=None))]
#[allow(clippy::too_many_arguments)]
pub fn harvest(
    py: Python<'_>,
    query: Option<String>,
    client_id: Option<String>,
    provider_id: Option<String>,
    consortium_id: Option<String>,
    resource_type_id: Option<String>,
    person_id: Option<String>,
    registered: Option<String>,
    created: Option<String>,
    schema_version: Option<String>,
    filters: Option<&Bound<'_, PyAny>>,
    page_size: u32,
    detail: bool,
    oai: Option<String>,
    metadata_prefix: String,
    set: Option<String>,
    from_: Option<String>,
    until: Option<String>,
    endpoint: &str,
    rate: Option<String>,
    retries: u32,
    timeout: f64,
    output: Option<PathBuf>,
    state: Option<PathBuf>,
) -> PyResult<Harvest> {
    let options = ClientOptions { timeout: seconds(timeout)?, connections: 1 };
    let backoff = Backoff { retries, ..Backoff::default() };
    let clock = Arc::new(SystemClock::default());
    let state_path = state.or_else(|| output.as_deref().map(crosswalk::harvest::state_path));
    let (source, client, limiter, base, account) = match oai {
        Some(url) => {
            let named = [
                ("query", &query),
                ("client_id", &client_id),
                ("provider_id", &provider_id),
                ("consortium_id", &consortium_id),
                ("resource_type_id", &resource_type_id),
                ("person_id", &person_id),
                ("registered", &registered),
                ("created", &created),
                ("schema_version", &schema_version),
            ];
            if let Some((name, _)) = named.iter().find(|(_, v)| v.is_some()) {
                return Err(PyValueError::new_err(format!(
                    "{name} is a DataCite filter; an OAI-PMH harvest takes set, from_ and until"
                )));
            }
            if filters.is_some_and(|f| !f.is_none()) || detail {
                return Err(PyValueError::new_err(
                    "filters and detail are DataCite's; an OAI-PMH harvest takes set, from_ and until",
                ));
            }
            let base = crosswalk::client::oai::base_url(&url).map_err(PyValueError::new_err)?;
            // Anonymous: DataCite's credentials are never sent to an OAI-PMH server.
            let client = Client::anonymous(&Endpoint::Custom(base.clone()), &options);
            let rate = rate
                .as_deref()
                .map(crosswalk::client::Rate::parse)
                .transpose()
                .map_err(PyValueError::new_err)?
                .unwrap_or(crosswalk::client::oai::DEFAULT_RATE);
            let limiter = RateLimiter::new(rate, clock.as_ref());
            let query = OaiQuery { base_url: base.clone(), metadata_prefix, set, from: from_, until };
            (Source::Oai { query }, client, limiter, base, String::new())
        }
        None => {
            if set.is_some() || from_.is_some() || until.is_some() {
                return Err(PyValueError::new_err("set, from_ and until are OAI-PMH's: give oai=URL"));
            }
            let endpoint = endpoint_of(endpoint)?;
            let (client, authenticated) = Client::reading(&endpoint, &options);
            let rate = endpoint.reading_rate(rate.as_deref(), authenticated).map_err(PyValueError::new_err)?;
            let limiter = RateLimiter::new(rate, clock.as_ref());
            let mut params = Vec::new();
            for (name, value) in [
                ("query", query),
                ("client-id", client_id),
                ("provider-id", provider_id),
                ("consortium-id", consortium_id),
                ("resource-type-id", resource_type_id),
                ("person-id", person_id),
                ("registered", registered),
                ("created", created),
                ("schema-version", schema_version),
            ] {
                if let Some(value) = value {
                    params.push((name.to_owned(), value));
                }
            }
            if let Some(filters) = filters.filter(|f| !f.is_none()) {
                let pairs = match filters.cast::<PyDict>() {
                    Ok(dict) => dict.items().into_any(),
                    Err(_) => filters.clone(),
                };
                for pair in pairs.try_iter()? {
                    params.push(pair?.extract::<(String, String)>()?);
                }
            }
            let query = ListQuery { params, page_size, detail };
            let base = endpoint.base().to_owned();
            let account = client.account().to_owned();
            (Source::DataCite { query, endpoint: base.clone() }, client, limiter, format!("{base}/dois"), account)
        }
    };
    let state_base = match &source {
        Source::DataCite { endpoint, .. } => endpoint.clone(),
        Source::Oai { query } => query.base_url.clone(),
    };
    let opened = py.detach(|| -> Result<Harvesting, String> {
        let state = match &state_path {
            Some(path) => State::open(path, &state_base, &account),
            None => State::in_memory(&state_base, &account),
        }
        .map_err(|e| e.to_string())?;
        let walk = match &source {
            Source::DataCite { query, endpoint } => {
                datacite(&client, &state, &limiter, &clock, backoff, endpoint).begin(query)
            }
            Source::Oai { query } => oai_harvester(&client, &state, &limiter, &clock, backoff).begin(query),
        }
        .map_err(|e| e.to_string())?;
        let begun = walk.state().pages > 0;
        let output = match &output {
            None => None,
            Some(path) => {
                let xml = matches!(source, Source::Oai { .. }) && crosswalk::harvest::oai_as_xml(path);
                let partial = crosswalk::harvest::partial_path(path);
                if walk.state().done && (path.exists() || !partial.exists()) {
                    // Complete already: nothing to write.
                    None
                } else {
                    let file = HarvestFile::open(path, begun.then_some(walk.state().output_len))?;
                    Some((file, xml))
                }
            }
        };
        let finished = walk.state().done && output.is_none();
        Ok(Harvesting {
            source,
            client,
            state,
            limiter,
            clock,
            backoff,
            walk,
            output,
            buffer: VecDeque::new(),
            open: false,
            finished,
            deleted: 0,
            total: None,
            name: base,
        })
    });
    let harvesting = opened.map_err(PyValueError::new_err)?;
    Ok(Harvest { inner: Mutex::new(Some(harvesting)), output, state: state_path })
}

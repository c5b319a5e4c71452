//! Crosswalk for Python: the `crosswalk` extension module (PyO3, built into an abi3 wheel by
//! maturin, distribution `crosswalk-metadata`).
//!
//! A thin layer over the facade crate `crosswalk`, with no conversion logic of its own: each
//! function turns Python arguments into the facade's types, calls the facade with the GIL released
//! (`Python::detach`, PyO3's name for what was `allow_threads`), and turns the result into Python
//! objects. The rules are the facade's:
//!
//! - Python exceptions are for usage errors only: an unknown format or event name, a bad option
//!   (`ValueError`), an argument of the wrong type (`TypeError`), a path that cannot be read
//!   (`OSError`). A bad record is a record with diagnostics, as in Rust; a payload the facade
//!   refuses raises `crosswalk.Refused` (a `ValueError` carrying the diagnostics), because a
//!   `dict` has no place for them, and `build_payload` returns them instead.
//! - Inputs are opened as the command line opens them (`crosswalk::batch::stream`): gzip
//!   decompressed on the way, the format detected unless named, an input that cannot be read or
//!   recognised one failed record.
//! - Validation runs through the batch with the command line's `validate` step, so that a verdict
//!   is the command line's.
//!
//! The Python API is documented in `crosswalk.pyi` (type stubs, shipped in the wheel) and
//! `docs/python.md`; its tests are pytest tests in `tests/` (run by `cargo xtask test`). This
//! crate has no Rust tests: the extension module links no libpython, so a Rust test binary of it
//! could not link; `cargo test --workspace` builds it and nothing more.

// Library code never panics on input (as in the facade).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod client;
mod convert;
mod source;

use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use crosswalk::batch::{Batch, Input, Processed, Progress, Sunk};
use crosswalk::{Event, Format, JsonLayout, PayloadOptions, SchemaChoice, ValidateOptions, WriteOptions};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::{diagnostics_list, from_json, to_json_bytes};
use crate::source::{inputs_of, PyErrSlot};

pyo3::create_exception!(
    crosswalk,
    Refused,
    PyValueError,
    "A payload the facade refuses to build (a required property missing, no DOI or prefix, a value \
     the reader cut short). `.diagnostics` holds the reasons, as `Diagnostic`s."
);

/// Where in its source a diagnostic points: `line` and `column` (1-based) and `path` (an XML
/// element path such as `/resource/creators/creator[2]`, or a JSON pointer such as
/// `/creators/1/name`); each may be `None`.
#[pyclass(frozen, module = "crosswalk")]
#[derive(Clone)]
pub struct Location {
    /// 1-based line, when known.
    #[pyo3(get)]
    line: Option<u32>,
    /// 1-based column, when known.
    #[pyo3(get)]
    column: Option<u32>,
    /// XML element path or JSON pointer, when known.
    #[pyo3(get)]
    path: Option<String>,
}

#[pymethods]
impl Location {
    fn __repr__(&self) -> String {
        let show = |v: Option<u32>| v.map_or("None".to_owned(), |v| v.to_string());
        let path = self.path.as_ref().map_or("None".to_owned(), |p| format!("{p:?}"));
        format!("Location(line={}, column={}, path={path})", show(self.line), show(self.column))
    }

    fn __str__(&self) -> String {
        self.inner().to_string()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Location>().is_ok_and(|o| {
            let o = o.get();
            (self.line, self.column, &self.path) == (o.line, o.column, &o.path)
        })
    }

    /// The location as a dict: `{"line": …, "column": …, "path": …}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("line", self.line)?;
        dict.set_item("column", self.column)?;
        dict.set_item("path", &self.path)?;
        Ok(dict)
    }
}

impl Location {
    fn inner(&self) -> crosswalk::Location {
        crosswalk::Location { line: self.line, column: self.column, path: self.path.clone() }
    }
}

/// One thing Crosswalk says about a record: `severity` (`"error"`, `"warning"` or `"info"`), a
/// stable `code` such as `xml.unknown-element` (`crosswalk explain CODE`, or `crosswalk.codes()`),
/// a `message` naming the value concerned, and its `location`.
#[pyclass(frozen, module = "crosswalk")]
#[derive(Clone)]
pub struct Diagnostic {
    /// `"error"`, `"warning"` or `"info"`.
    #[pyo3(get)]
    severity: &'static str,
    /// The stable code.
    #[pyo3(get)]
    code: String,
    /// The sentence for people.
    #[pyo3(get)]
    message: String,
    /// Where in the source.
    #[pyo3(get)]
    location: Location,
}

#[pymethods]
impl Diagnostic {
    fn __repr__(&self) -> String {
        format!(
            "Diagnostic(severity={:?}, code={:?}, message={:?}, location={})",
            self.severity,
            self.code,
            self.message,
            self.location.__repr__()
        )
    }

    fn __str__(&self) -> String {
        let d = crosswalk::Diagnostic {
            severity: severity_of(self.severity),
            code: self.code.clone().into(),
            message: self.message.clone(),
            location: self.location.inner(),
        };
        d.to_string()
    }

    /// The diagnostic as a dict: `severity`, `code`, `message`, `line`, `column`, `path` (the
    /// shape of a row, e.g. for a Spark DataFrame of failures).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = self.location.to_dict(py)?;
        dict.set_item("severity", self.severity)?;
        dict.set_item("code", &self.code)?;
        dict.set_item("message", &self.message)?;
        Ok(dict)
    }
}

fn severity_of(name: &str) -> crosswalk::Severity {
    match name {
        "error" => crosswalk::Severity::Error,
        "warning" => crosswalk::Severity::Warning,
        _ => crosswalk::Severity::Info,
    }
}

impl From<&crosswalk::Diagnostic> for Diagnostic {
    fn from(d: &crosswalk::Diagnostic) -> Self {
        Diagnostic {
            severity: d.severity.as_str(),
            code: d.code.to_string(),
            message: d.message.clone(),
            location: Location { line: d.location.line, column: d.location.column, path: d.location.path.clone() },
        }
    }
}

/// One record as read: its metadata (`attributes`, the REST API's `attributes` shape), what the
/// reader said about it (`diagnostics`), and where it came from (`input`, `index`, `position`,
/// `line`, `key`). A record that could not be read at all is still a record, with an error.
#[pyclass(frozen, module = "crosswalk")]
pub struct Record {
    inner: crosswalk::Record,
}

#[pymethods]
impl Record {
    /// The metadata as a new dict each time, exactly the REST API's `attributes` object (camelCase
    /// keys, absent values and empty lists left out).
    #[getter]
    fn attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = py.detach(|| serde_json::to_string(&self.inner.resource));
        from_json(py, &text.map_err(|e| PyValueError::new_err(e.to_string()))?)
    }

    /// What the reader said, in source order.
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnostics_list(&self.inner.diagnostics)
    }

    /// True when no diagnostic is an error.
    #[getter]
    fn ok(&self) -> bool {
        !self.inner.has_errors()
    }

    /// The record's DOI, if it has one.
    #[getter]
    fn doi(&self) -> Option<&str> {
        self.inner.resource.doi.as_deref()
    }

    /// The record's own key in its source (a DOI, a citation key, a RIS `ID`), if any.
    #[getter]
    fn key(&self) -> Option<&str> {
        self.inner.origin.key.as_deref()
    }

    /// The record's 0-based position in its input.
    #[getter]
    fn index(&self) -> usize {
        self.inner.origin.index
    }

    /// The record's 1-based position among all the records read by the call (every input).
    #[getter]
    fn position(&self) -> Option<u64> {
        self.inner.origin.position
    }

    /// The line where the record starts in its input, when known.
    #[getter]
    fn line(&self) -> Option<u32> {
        self.inner.origin.line
    }

    /// The name of the input the record was read from (a path, or `<bytes>`).
    #[getter]
    fn input(&self) -> Option<&str> {
        self.inner.origin.input.as_deref()
    }

    fn __repr__(&self) -> String {
        let errors = self.inner.count(crosswalk::Severity::Error);
        let warnings = self.inner.count(crosswalk::Severity::Warning);
        let title = self.inner.resource.titles.first().map(|t| t.title.as_str()).unwrap_or("");
        format!(
            "<crosswalk.Record {} doi={:?} title={:?} errors={errors} warnings={warnings}>",
            self.inner.origin.index,
            self.inner.resource.doi.as_deref().unwrap_or(""),
            crosswalk_short(title)
        )
    }
}

/// A title cut for `repr`.
fn crosswalk_short(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

impl From<crosswalk::Record> for Record {
    fn from(inner: crosswalk::Record) -> Self {
        Record { inner }
    }
}

/// A written document: `text`, and what the writer said it could not hold (`diagnostics`).
#[pyclass(frozen, module = "crosswalk")]
pub struct Written {
    /// The document.
    #[pyo3(get)]
    text: String,
    diagnostics: Vec<crosswalk::Diagnostic>,
}

#[pymethods]
impl Written {
    /// What the writer said (and, for a dict, what reading it said).
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnostics_list(&self.diagnostics)
    }

    fn __repr__(&self) -> String {
        format!("<crosswalk.Written {} characters, {} diagnostics>", self.text.chars().count(), self.diagnostics.len())
    }
}

/// Will DataCite accept this record as it is? `valid`, and the located `findings` that say why
/// not (the reader's, the schema's and the checks', each value's reported once), with the
/// record's `input`, `index` and `key`.
#[pyclass(frozen, module = "crosswalk")]
pub struct Verdict {
    /// True when no finding is an error (under `strict`, no warning either).
    #[pyo3(get)]
    valid: bool,
    findings: Vec<crosswalk::Diagnostic>,
    /// The input's name.
    #[pyo3(get)]
    input: String,
    /// The record's 0-based position in its input.
    #[pyo3(get)]
    index: usize,
    /// The record's own key, if any.
    #[pyo3(get)]
    key: Option<String>,
}

#[pymethods]
impl Verdict {
    /// The findings, located (line:column and element path for XML, JSON pointers otherwise).
    #[getter]
    fn findings(&self) -> Vec<Diagnostic> {
        diagnostics_list(&self.findings)
    }

    fn __bool__(&self) -> bool {
        self.valid
    }

    fn __repr__(&self) -> String {
        format!(
            "<crosswalk.Verdict valid={} findings={}>",
            if self.valid { "True" } else { "False" },
            self.findings.len()
        )
    }
}

/// A payload as built: `payload` (the JSON:API document as a dict, `None` when refused), its
/// `diagnostics` (warnings and notes, validation's findings when asked; the errors when
/// refused), and `ok` (built, and no diagnostic is an error).
#[pyclass(frozen, module = "crosswalk")]
pub struct Built {
    text: Option<String>,
    diagnostics: Vec<crosswalk::Diagnostic>,
}

#[pymethods]
impl Built {
    /// The payload as a new dict, or `None` when it was refused.
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.text.as_deref().map(|text| from_json(py, text)).transpose()
    }

    /// Warnings and notes of the built payload, or the errors that refused it.
    #[getter]
    fn diagnostics(&self) -> Vec<Diagnostic> {
        diagnostics_list(&self.diagnostics)
    }

    /// True when the payload was built and nothing said about it is an error (with
    /// `validate=True`, DataCite would accept it).
    #[getter]
    fn ok(&self) -> bool {
        self.text.is_some() && !self.diagnostics.iter().any(crosswalk::Diagnostic::is_error)
    }

    fn __repr__(&self) -> String {
        format!(
            "<crosswalk.Built ok={} diagnostics={}>",
            if self.ok() { "True" } else { "False" },
            self.diagnostics.len()
        )
    }
}

/// A lazy iterator over records (see `stream`): one record in memory at a time, inputs opened in
/// order, the GIL released while Rust reads.
#[pyclass(frozen, module = "crosswalk")]
pub struct Stream {
    records: Mutex<Option<crosswalk::Records<'static>>>,
    /// An exception raised by a Python source (a file object, an iterator), raised again here.
    error: PyErrSlot,
}

#[pymethods]
impl Stream {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Record>> {
        let next = py.detach(|| {
            let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
            let next = records.as_mut().and_then(Iterator::next);
            if next.is_none() {
                // Closes the inputs as soon as they are read.
                *records = None;
            }
            next
        });
        if let Some(error) = self.error.take() {
            self.close();
            return Err(error);
        }
        Ok(next.map(Record::from))
    }

    /// Stops reading and closes the inputs; the iterator then ends.
    fn close(&self) {
        *self.records.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    fn __enter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __exit__(&self, _kind: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>, _traceback: &Bound<'_, PyAny>) {
        self.close();
    }
}

/// Looks a format up by name, alias or MIME type; an unknown name is a usage error.
fn format_named(name: &str) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = crosswalk::FORMATS.iter().map(|f| f.name).collect();
        PyValueError::new_err(format!("unknown format {name:?}; known formats: {}", known.join(", ")))
    })
}

fn optional_format(name: Option<&str>) -> PyResult<Option<Format>> {
    name.map(format_named).transpose()
}

/// Reads every record of `data` (bytes, or str as UTF-8) into a list of `Record`s.
///
/// The format is detected from the content unless `format` names it (`crosswalk.formats()` lists
/// the names). Gzip-compressed data is decompressed. Reading never fails on bad input: each record
/// carries its diagnostics, and data that cannot be read or recognised gives one record with an
/// error. An unknown format name raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (data, format=None))]
fn read(py: Python<'_>, data: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<Vec<Record>> {
    let from = optional_format(format)?;
    let bytes = source::content(data)?;
    let records: Vec<crosswalk::Record> =
        py.detach(|| crosswalk::batch::stream(vec![Input::bytes("<bytes>", bytes)], from).collect());
    Ok(records.into_iter().map(Record::from).collect())
}

/// Reads records lazily, one at a time, from any amount of input.
///
/// `source` is a path (str or os.PathLike: a file, or a directory walked recursively for the
/// files of known formats, `.gz` included, hidden entries and links left out), a list or tuple of
/// paths and bytes (each one input), a binary file object (anything with `read`), or an iterable
/// of bytes or str chunks (e.g. the lines of a Spark partition, with their line ends). Gzip is
/// decompressed whatever the name; each input's format is detected unless `format` names it.
/// Returns an iterator of `Record`s; a path that does not exist raises `FileNotFoundError`.
#[pyfunction]
#[pyo3(signature = (source, format=None))]
fn stream(source: &Bound<'_, PyAny>, format: Option<&str>) -> PyResult<Stream> {
    let from = optional_format(format)?;
    let error = PyErrSlot::default();
    let inputs = inputs_of(source, &error)?;
    Ok(Stream { records: Mutex::new(Some(crosswalk::batch::stream(inputs, from))), error })
}

/// The record a `write` or `payload` argument stands for: a `Record`, or a dict read as DataCite
/// JSON (attributes, a payload, a REST response), which must hold exactly one record.
enum Subject<'a> {
    Record(&'a crosswalk::Record),
    Read(Box<crosswalk::Record>),
}

impl Subject<'_> {
    fn record(&self) -> &crosswalk::Record {
        match self {
            Subject::Record(record) => record,
            Subject::Read(record) => record,
        }
    }
}

fn subject<'a>(py: Python<'_>, value: &'a Bound<'_, PyAny>) -> PyResult<Subject<'a>> {
    if let Ok(record) = value.cast::<Record>() {
        return Ok(Subject::Record(&record.get().inner));
    }
    if !value.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "expected a crosswalk.Record or a dict of DataCite attributes, got {}",
            value.get_type().name()?
        )));
    }
    let bytes = to_json_bytes(value)?;
    let mut records = py.detach(|| crosswalk::read(&bytes, Format::DataciteJson)).unwrap_or_default();
    match records.len() {
        1 => Ok(Subject::Read(Box::new(records.remove(0)))),
        n => Err(PyValueError::new_err(format!(
            "the dict holds {n} records (read as DataCite JSON); pass one record's attributes"
        ))),
    }
}

fn layout(line: bool) -> JsonLayout {
    if line {
        JsonLayout::Line
    } else {
        JsonLayout::Pretty
    }
}

/// The options of the formats that have some, from `write`'s and `written`'s keyword
/// arguments: a citation's style, locale and HTML form; a Crossref deposit's head. Given with
/// another format, they raise `ValueError`, as the command line refuses them.
#[allow(clippy::too_many_arguments)]
fn write_options(
    to: Format,
    line: bool,
    style: Option<&str>,
    locale: Option<&str>,
    html: bool,
    depositor_name: Option<String>,
    depositor_email: Option<String>,
    registrant: Option<String>,
    batch_id: Option<String>,
    timestamp: Option<u64>,
) -> PyResult<WriteOptions> {
    use crosswalk::citation::{Citations, Locale, Output, Style};
    let refused = |given: &[&str], with: &str| {
        PyValueError::new_err(format!("{} can only be used with format \"{with}\" (writing {to})", given.join(", ")))
    };
    let mut options = WriteOptions { layout: layout(line), ..WriteOptions::default() };
    let citation_given: Vec<&str> = [("style", style.is_some()), ("locale", locale.is_some()), ("html", html)]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect();
    if to == Format::Citation {
        let style = Style::by_name_or_file(style.unwrap_or("apa")).map_err(|e| PyValueError::new_err(e.message))?;
        let locale = locale.map(Locale::by_tag).transpose().map_err(|e| PyValueError::new_err(e.message))?;
        let output = if html { Output::Html } else { Output::Text };
        let citations = Citations::new(style, locale, output).map_err(|e| PyValueError::new_err(e.message))?;
        options.citations = Some(std::sync::Arc::new(citations));
    } else if !citation_given.is_empty() {
        return Err(refused(&citation_given, "citation"));
    }
    let head = crosswalk::crossref::Head { depositor_name, depositor_email, registrant, batch_id, timestamp };
    let head_given: Vec<&str> = [
        ("depositor_name", head.depositor_name.is_some()),
        ("depositor_email", head.depositor_email.is_some()),
        ("registrant", head.registrant.is_some()),
        ("batch_id", head.batch_id.is_some()),
        ("timestamp", head.timestamp.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, given)| given.then_some(name))
    .collect();
    if to == Format::CrossrefXml {
        head.check().map_err(PyValueError::new_err)?;
        options.deposit = head;
    } else if !head_given.is_empty() {
        return Err(refused(&head_given, "crossref-xml"));
    }
    Ok(options)
}

/// The record `write` and `written` are given, written in `format` with their options: the
/// layout and citation options, and a Crossref deposit's head.
#[allow(clippy::type_complexity)]
fn write_subject<'a>(
    py: Python<'_>,
    record: &'a Bound<'_, PyAny>,
    format: &str,
    (line, style, locale, html): (bool, Option<&str>, Option<&str>, bool),
    (depositor_name, depositor_email, registrant, batch_id, timestamp): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u64>,
    ),
) -> PyResult<(Subject<'a>, crosswalk::Written)> {
    let to = format_named(format)?;
    let options =
        write_options(to, line, style, locale, html, depositor_name, depositor_email, registrant, batch_id, timestamp)?;
    let subject = subject(py, record)?;
    let result = py.detach(|| crosswalk::write_record_with(subject.record(), to, &options));
    let written = result.map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((subject, written))
}

/// Writes a `Record` (or a dict of DataCite attributes) in `format`: a `Written` with the
/// document's `text` and what the format could not hold (`diagnostics`; for a dict, what reading
/// it said too). JSON is pretty-printed, or on one line with `line=True` (for JSON Lines).
/// Writing does not validate: see `validate`. An unknown or read-only format raises `ValueError`.
///
/// `format="citation"` takes `style` (a style of the CSL repository by name, or a `.csl` file's
/// path; APA by default), `locale` (`"de-DE"`) and `html=True`; `format="crossref-xml"` takes
/// the deposit's head: `depositor_name`, `depositor_email`, `registrant`, `batch_id` and
/// `timestamp` (yyyymmddhhmmss; 0 when not given: the library never reads the clock, see
/// `crossref_timestamp`).
#[pyfunction]
#[pyo3(signature = (record, format, *, line=false, style=None, locale=None, html=false, depositor_name=None,
    depositor_email=None, registrant=None, batch_id=None, timestamp=None))]
#[allow(clippy::too_many_arguments)]
fn written(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    format: &str,
    line: bool,
    style: Option<&str>,
    locale: Option<&str>,
    html: bool,
    depositor_name: Option<String>,
    depositor_email: Option<String>,
    registrant: Option<String>,
    batch_id: Option<String>,
    timestamp: Option<u64>,
) -> PyResult<Written> {
    let (subject, written) = write_subject(
        py,
        record,
        format,
        (line, style, locale, html),
        (depositor_name, depositor_email, registrant, batch_id, timestamp),
    )?;
    let mut diagnostics = match &subject {
        Subject::Read(record) => record.diagnostics.clone(),
        Subject::Record(_) => Vec::new(),
    };
    diagnostics.extend(written.diagnostics);
    Ok(Written { text: written.text, diagnostics })
}

/// Writes a `Record` (or a dict of DataCite attributes) in `format` and returns the text
/// (`written(...).text`; `written` also gives what the format could not hold), with the same
/// keyword arguments. JSON is pretty-printed, or on one line with `line=True`. An unknown or
/// read-only format raises `ValueError`; a record the format refuses (a Crossref deposit without
/// a landing-page URL) raises `Refused`, whose `.diagnostics` say why.
#[pyfunction]
#[pyo3(signature = (record, format, *, line=false, style=None, locale=None, html=false, depositor_name=None,
    depositor_email=None, registrant=None, batch_id=None, timestamp=None))]
#[allow(clippy::too_many_arguments)]
fn write(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
    format: &str,
    line: bool,
    style: Option<&str>,
    locale: Option<&str>,
    html: bool,
    depositor_name: Option<String>,
    depositor_email: Option<String>,
    registrant: Option<String>,
    batch_id: Option<String>,
    timestamp: Option<u64>,
) -> PyResult<String> {
    let (_, written) = write_subject(
        py,
        record,
        format,
        (line, style, locale, html),
        (depositor_name, depositor_email, registrant, batch_id, timestamp),
    )?;
    // A record the writer refuses (a Crossref deposit without a URL, say) has no text: that is
    // an error, never an empty string.
    if written.diagnostics.iter().any(|d| d.is_error()) {
        let errors: Vec<String> =
            written.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
        let error = Refused::new_err(format!("{format} refused the record: {}", errors.join("; ")));
        error.value(py).setattr("diagnostics", PyList::new(py, diagnostics_list(&written.diagnostics))?)?;
        return Err(error);
    }
    Ok(written.text)
}

/// Crossref's conventional deposit timestamp (yyyymmddhhmmss, UTC) for now, as the command line
/// gives `--timestamp`: pass it to `write(..., "crossref-xml", timestamp=...)`, since Crossref
/// requires a DOI's deposits to carry growing timestamps.
#[pyfunction]
fn crossref_timestamp() -> u64 {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    crosswalk::crossref::utc_timestamp(seconds)
}

/// The payload options, from `payload`'s keyword arguments.
#[allow(clippy::too_many_arguments)]
fn payload_options(
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
) -> PyResult<PayloadOptions> {
    use crosswalk::model::{Match, ResourceTypeGeneral, Vocabulary};
    let event = event
        .map(|name| {
            Event::from_name(name).ok_or_else(|| {
                PyValueError::new_err(format!("unknown event {name:?}; use \"publish\", \"register\" or \"hide\""))
            })
        })
        .transpose()?;
    let resource_type_general = resource_type_general
        .map(|name| match ResourceTypeGeneral::lookup(name) {
            (value, Match::Exact | Match::Normalised) => Ok(value),
            _ => Err(PyValueError::new_err(format!(
                "{name:?} is not a resourceTypeGeneral; use one of {}",
                ResourceTypeGeneral::VALUES.join(", ")
            ))),
        })
        .transpose()?;
    Ok(PayloadOptions {
        doi,
        prefix,
        event,
        url,
        xml,
        url_template,
        defaults: crosswalk::Defaults { publisher, resource_type_general, publication_year_from_date },
        partial,
    })
}

/// Builds the JSON:API payload that registers `record` (a `Record`, or a dict of DataCite
/// attributes) with DataCite's REST API, as `crosswalk payload` does: a `Built` with the
/// `payload` dict, or `None` and the errors in `diagnostics` when the record cannot be
/// registered as asked. The options are `crosswalk payload`'s: `doi` or `prefix` (DataCite draws
/// the suffix); `event` (`"publish"`, `"register"`, `"hide"`; none makes a Draft); `url` or
/// `url_template` (`{doi}`, `{suffix}`, `{key}`, `{id}`, `{index}`); `xml=True` sends the
/// metadata as base64 DataCite XML; defaults for catalogs that lack required properties
/// (`publisher`, `resource_type_general`, `publication_year_from_date`); `partial` for an update
/// of a DOI that exists. Building does not validate unless `validate=True`, which adds what
/// DataCite will say of the payload (`crosswalk payload`'s check: errors for a payload with an
/// event that DataCite would refuse; `ok` is then false).
#[pyfunction]
#[pyo3(signature = (record, *, doi=None, prefix=None, event=None, url=None, xml=false, url_template=None,
                    publisher=None, resource_type_general=None, publication_year_from_date=false, partial=false,
                    validate=false))]
#[allow(clippy::too_many_arguments)]
fn build_payload(
    py: Python<'_>,
    record: &Bound<'_, PyAny>,
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
    validate: bool,
) -> PyResult<Built> {
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
    let subject = subject(py, record)?;
    Ok(py.detach(|| match crosswalk::payload_for_record(subject.record(), &options) {
        Ok(built) => {
            let mut diagnostics = built.diagnostics.clone();
            if validate {
                // `crosswalk payload`'s check: what DataCite will say of this payload.
                diagnostics.extend(crosswalk::validate_payload(&built, &ValidateOptions::default()));
            }
            Built { text: Some(built.to_json_line()), diagnostics }
        }
        Err(refused) => Built { text: None, diagnostics: refused.diagnostics },
    }))
}

/// The JSON:API payload dict that registers `record`: `build_payload(...).payload`, with the same
/// options. A record that cannot be registered as asked (or, with `validate=True`, a payload
/// DataCite would refuse) raises `crosswalk.Refused`, whose `diagnostics` say why (use `build_payload` to get them without an exception, and the warnings
/// of a payload that was built).
#[pyfunction]
#[pyo3(signature = (record, *, doi=None, prefix=None, event=None, url=None, xml=false, url_template=None,
                    publisher=None, resource_type_general=None, publication_year_from_date=false, partial=false,
                    validate=false))]
#[allow(clippy::too_many_arguments)]
fn payload<'py>(
    py: Python<'py>,
    record: &Bound<'py, PyAny>,
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
    validate: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let built = build_payload(
        py,
        record,
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
        validate,
    )?;
    match built.payload(py)? {
        Some(payload) if built.ok() => Ok(payload),
        _ => {
            let errors: Vec<String> =
                built.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect();
            let error = Refused::new_err(format!("payload refused: {}", errors.join("; ")));
            let value = error.value(py);
            value.setattr("diagnostics", PyList::new(py, built.diagnostics())?)?;
            Err(error)
        }
    }
}

/// Will DataCite accept this as it is? `crosswalk validate`'s answer for every record of `data`:
/// bytes or str (a document: kernel-4 DataCite XML is checked as written, other formats in the
/// XML Crosswalk writes for them), a dict (a payload or attributes, as JSON), or an os.PathLike
/// path (a file or a directory). Returns one `Verdict` per record, each with its located
/// findings. `strict=True` adds the checks no XSD can make and makes every warning an error;
/// `findable=True` adds what a Findable DOI needs; `schema` is the path of another XSD (e.g.
/// DataCite's official one). A schema that cannot be used raises `ValueError`. `xsd=True` runs
/// libxml2 on the XML written for every record, even one the writer proved valid (the command
/// line's `--validate xsd`; the verdicts are the same).
#[pyfunction]
#[pyo3(signature = (data, *, format=None, strict=false, findable=false, schema=None, xsd=false))]
fn validate(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    format: Option<&str>,
    strict: bool,
    findable: bool,
    schema: Option<std::path::PathBuf>,
    xsd: bool,
) -> PyResult<Vec<Verdict>> {
    let from = optional_format(format)?;
    let inputs = source::validation_inputs(data)?;
    let schema = match schema {
        None => SchemaChoice::Embedded,
        Some(path) => py.detach(|| SchemaChoice::from_file(&path)).map_err(|d| PyValueError::new_err(d.message))?,
    };
    let options = ValidateOptions { schema, strict, findable: findable.then_some(None), force_xsd: xsd };
    let verdicts = py.detach(|| {
        let cancel = AtomicBool::new(false);
        let progress = Progress::default();
        let batch = Batch { from, jobs: 1, cancel: &cancel, fail_fast: false, progress: &progress, skip_to: 0 };
        let mut verdicts = Vec::new();
        // The command line's `validate` step: the batch folds the record's diagnostics and,
        // under `strict`, makes every warning an error; a record with an error has no output.
        crosswalk::batch::run(
            &batch,
            inputs,
            |record, _| Processed::output(String::new(), crosswalk::validate_record(record, &options)).strict(strict),
            |outcome| {
                verdicts.push(Verdict {
                    valid: !outcome.failed(),
                    input: outcome.input_name,
                    index: outcome.origin.index,
                    key: outcome.origin.key,
                    findings: outcome.diagnostics,
                });
                Sunk::Kept
            },
        );
        verdicts
    });
    Ok(verdicts)
}

/// The name of the format of `data` (bytes or str) as detected from its content, or `None` when
/// it cannot be told (the same detection `read` and `stream` use; gzip is not looked into).
#[pyfunction]
fn detect(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    let bytes = source::content(data)?;
    Ok(py.detach(|| crosswalk::detect(&bytes).ok().map(|d| d.format.name())))
}

/// The formats, as `crosswalk formats --json` lists them: a list of dicts with `name`,
/// `aliases`, `mime`, `read`, `write` and `description`. Format arguments accept any name, alias
/// or MIME type, ignoring case, `-` and `_`.
#[pyfunction]
fn formats(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    crosswalk::FORMATS
        .iter()
        .map(|f| {
            let dict = PyDict::new(py);
            dict.set_item("name", f.name)?;
            dict.set_item("aliases", f.aliases.to_vec())?;
            dict.set_item("mime", f.mime)?;
            dict.set_item("read", f.read)?;
            dict.set_item("write", f.write)?;
            dict.set_item("description", f.description)?;
            Ok(dict)
        })
        .collect()
}

/// Every diagnostic code Crosswalk can emit, as `crosswalk explain` documents them: a list of
/// dicts with `code`, `severity` and `summary`.
#[pyfunction]
fn codes(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    crosswalk::codes()
        .into_iter()
        .map(|c| {
            let dict = PyDict::new(py);
            dict.set_item("code", c.code)?;
            dict.set_item("severity", c.severity.as_str())?;
            dict.set_item("summary", c.summary)?;
            Ok(dict)
        })
        .collect()
}

/// Crosswalk: research metadata between formats, through the DataCite Metadata Schema 4.7;
/// DataCite REST API payloads; validation as DataCite validates. See `docs/python.md`.
#[pymodule]
#[pyo3(name = "crosswalk")]
fn crosswalk_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("Refused", m.py().get_type::<Refused>())?;
    m.add_class::<Location>()?;
    m.add_class::<Diagnostic>()?;
    m.add_class::<Record>()?;
    m.add_class::<Written>()?;
    m.add_class::<Verdict>()?;
    m.add_class::<Built>()?;
    m.add_class::<Stream>()?;
    m.add("CredentialsError", m.py().get_type::<client::CredentialsError>())?;
    m.add("HarvestError", m.py().get_type::<client::HarvestError>())?;
    m.add_class::<client::Upload>()?;
    m.add_class::<client::Uploads>()?;
    m.add_class::<client::Harvest>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(stream, m)?)?;
    m.add_function(wrap_pyfunction!(write, m)?)?;
    m.add_function(wrap_pyfunction!(written, m)?)?;
    m.add_function(wrap_pyfunction!(crossref_timestamp, m)?)?;
    m.add_function(wrap_pyfunction!(build_payload, m)?)?;
    m.add_function(wrap_pyfunction!(payload, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(formats, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(client::upload, m)?)?;
    m.add_function(wrap_pyfunction!(client::fetch, m)?)?;
    m.add_function(wrap_pyfunction!(client::harvest, m)?)?;
    Ok(())
}

//! `crosswalk fetch` and `crosswalk harvest`: reading DataCite's REST API.
//!
//! `fetch` asks `GET /dois/{doi}` for each DOI named. `harvest` lists `GET /dois` by cursor
//! through `crosswalk-client`'s [`Harvester`], writing each page before the state records it: to
//! a file (`OUT.partial` until the harvest ends; JSON Lines of what the API returned, or
//! converted with `--to`; gzip, one member a page, when the name ends `.gz`), cut back to the
//! recorded length when a harvest resumes; or, for a format of one record a document, a file
//! per record in a directory (a resumed harvest writes the page it was writing again).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crosswalk::client::harvest::{Harvester, ListQuery, Page};
use crosswalk::client::{Backoff, Client, ClientOptions, Endpoint, RateLimiter, State, SystemClock};
use crosswalk::harvest::HarvestFile;
use crosswalk::{Format, Framing, JsonLayout, Severity};
use serde_json::Value;

use crate::args::{Cli, FetchArgs, HarvestArgs, ReadEndpoint};
use crate::output::partial_path;
use crate::report::{Reporter, ReporterOptions};
use crate::{IO, USAGE, USAGE_OR_IO};

pub(crate) fn reporter(cli: &Cli) -> Reporter {
    let options = ReporterOptions {
        format: cli.message_format,
        verbose: cli.verbose,
        quiet: cli.quiet,
        max_messages: 1000,
        payloads: false,
    };
    Reporter::new(options, None)
}

/// The endpoint of a reading command: production unless `--test` or `--endpoint`.
fn endpoint(options: &ReadEndpoint) -> Result<Endpoint, String> {
    match (&options.endpoint, options.test) {
        (Some(url), _) => Endpoint::custom(url),
        (None, true) => Ok(Endpoint::Test),
        (None, false) => Ok(Endpoint::Production),
    }
}

/// A reading client: with the environment's credentials when both are set, anonymous otherwise
/// (`Client::reading`).
pub(crate) fn client(endpoint: &Endpoint, timeout: u64) -> (Client, bool) {
    Client::reading(endpoint, &ClientOptions { timeout: Duration::from_secs(timeout.max(1)), connections: 1 })
}

/// The records of an API resource object or response, converted to `format`.
pub(crate) fn converted(item: &[u8], format: Format) -> Result<Vec<String>, String> {
    let records = crosswalk::read(item, Format::Payload).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for record in records {
        if let Some(error) = record.diagnostics.iter().find(|d| d.is_error()) {
            return Err(error.message.clone());
        }
        let written = crosswalk::write_record(&record, format, JsonLayout::Line).map_err(|e| e.to_string())?;
        out.push(written.text);
    }
    Ok(out)
}

/// Runs `crosswalk fetch`.
pub fn fetch(cli: &Cli, args: &FetchArgs) -> u8 {
    let mut reporter = reporter(cli);
    let endpoint = match endpoint(&args.endpoint) {
        Ok(endpoint) => endpoint,
        Err(text) => {
            reporter.message(Severity::Error, USAGE, &text);
            return USAGE_OR_IO;
        }
    };
    let (client, authenticated) = client(&endpoint, args.endpoint.timeout);
    let clock = SystemClock::default();
    let limiter = match endpoint.reading_rate(args.endpoint.rate.as_deref(), authenticated) {
        Ok(rate) => RateLimiter::new(rate, &clock),
        Err(text) => {
            reporter.message(Severity::Error, USAGE, &text);
            return USAGE_OR_IO;
        }
    };
    let several = args.dois.len() > 1;
    if let (Some(to), None) = (args.to, &args.output) {
        if to.framing() == Framing::Single && several {
            reporter.message(Severity::Error, USAGE, &format!("{to} has no multi-record form: give -o DIR/"));
            return USAGE_OR_IO;
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut failed = 0;
    for doi in &args.dois {
        let doi = crosswalk::model::doi::normalise(doi).unwrap_or_else(|| doi.clone());
        limiter.acquire(&clock);
        let body = match client.get(&doi) {
            crosswalk::client::Sent::Answer { status: 200, body, .. } => body,
            crosswalk::client::Sent::Answer { status, body, .. } => {
                let context = crate::report::Context { file: &doi, record: None, key: None };
                for d in crosswalk::client::errors::diagnose(status, &body) {
                    reporter.diagnostic(&context, &d);
                }
                failed += 1;
                continue;
            }
            crosswalk::client::Sent::NotSent(message) | crosswalk::client::Sent::Unknown(message) => {
                reporter.message(Severity::Error, IO, &format!("{doi}: {message}"));
                failed += 1;
                continue;
            }
        };
        match args.to {
            None => {
                let text =
                    if several { body.to_string() } else { serde_json::to_string_pretty(&body).unwrap_or_default() };
                out.push((doi.clone(), text));
            }
            Some(format) => match converted(body.to_string().as_bytes(), format) {
                Ok(texts) => out.extend(texts.into_iter().map(|t| (doi.clone(), t))),
                Err(message) => {
                    reporter.message(Severity::Error, USAGE, &format!("{doi}: {message}"));
                    failed += 1;
                }
            },
        }
    }
    let format = args.to.unwrap_or(Format::Payload);
    if let Err(message) = write_all(args.output.as_deref(), format, &out) {
        reporter.message(Severity::Error, IO, &message);
        return USAGE_OR_IO;
    }
    u8::from(failed > 0)
}

/// Writes fetched documents: to standard output, a file (whole, through `.partial`), or one
/// file each in a directory.
fn write_all(output: Option<&Path>, format: Format, documents: &[(String, String)]) -> Result<(), String> {
    let directory = output.is_some_and(|p| p.is_dir() || p.to_string_lossy().ends_with('/'));
    if directory {
        let dir = output.unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for (doi, text) in documents {
            let path = dir.join(format!("{}.{}", crate::output::file_stem(doi), format.extension()));
            std::fs::write(&path, format!("{text}\n")).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        return Ok(());
    }
    let text: String = documents.iter().map(|(_, t)| format!("{t}\n")).collect();
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes()).map_err(|e| format!("cannot write: {e}")),
        Some(path) => {
            let partial = partial_path(path);
            std::fs::write(&partial, text).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
            std::fs::rename(&partial, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
    }
}

/// The output of a harvest: a file written page by page (`crosswalk::harvest::HarvestFile`), or
/// a directory.
pub(crate) enum Output {
    File(HarvestFile),
    Directory { dir: PathBuf },
}

impl Output {
    /// Opens the output; a resumed harvest's file is cut back to `resume_len`.
    pub(crate) fn open(path: &Path, directory: bool, resume_len: Option<u64>) -> Result<Output, String> {
        if directory {
            std::fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            return Ok(Output::Directory { dir: path.to_path_buf() });
        }
        HarvestFile::open(path, resume_len).map(Output::File)
    }

    /// Writes a page's documents (JSON Lines, or one file each); the output's length after.
    pub(crate) fn page(&mut self, documents: &[(String, String)], format: Format) -> Result<u64, String> {
        match self {
            Output::Directory { dir } => {
                for (doi, text) in documents {
                    let path = dir.join(format!("{}.{}", crate::output::file_stem(doi), format.extension()));
                    std::fs::write(&path, format!("{text}\n"))
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                Ok(0)
            }
            Output::File(file) => {
                let text: String = documents.iter().map(|(_, t)| format!("{t}\n")).collect();
                file.append(&text)
            }
        }
    }

    /// Appends text to a file output (one gzip member when gzip'd); the output's length after.
    pub(crate) fn append(&mut self, text: &str) -> Result<u64, String> {
        match self {
            Output::Directory { .. } => Ok(0),
            Output::File(file) => file.append(text),
        }
    }

    /// Puts a finished harvest's file in place.
    pub(crate) fn finish(self) -> Result<(), String> {
        match self {
            Output::File(file) => file.finish(),
            Output::Directory { .. } => Ok(()),
        }
    }
}

/// Runs `crosswalk harvest`.
pub fn harvest(cli: &Cli, args: &HarvestArgs) -> u8 {
    if args.oai.oai.is_some() {
        return crate::harvest_oai::harvest_oai(cli, args);
    }
    let mut reporter = reporter(cli);
    let endpoint = match endpoint(&args.endpoint) {
        Ok(endpoint) => endpoint,
        Err(text) => {
            reporter.message(Severity::Error, USAGE, &text);
            return USAGE_OR_IO;
        }
    };
    let (client, authenticated) = client(&endpoint, args.endpoint.timeout);
    let clock = Arc::new(SystemClock::default());
    let limiter = match endpoint.reading_rate(args.endpoint.rate.as_deref(), authenticated) {
        Ok(rate) => RateLimiter::new(rate, clock.as_ref()),
        Err(text) => {
            reporter.message(Severity::Error, USAGE, &text);
            return USAGE_OR_IO;
        }
    };
    let directory = args.output.is_dir() || args.output.to_string_lossy().ends_with('/');
    let format = args.to.unwrap_or(Format::Payload);
    if format.framing() == Framing::Single && !directory {
        reporter.message(Severity::Error, USAGE, &format!("{format} has no multi-record form: give -o DIR/"));
        return USAGE_OR_IO;
    }
    let state_path = args.state.clone().unwrap_or_else(|| crosswalk::harvest::state_path(&args.output));
    let state = match State::open(&state_path, endpoint.base(), client.account()) {
        Ok(state) => state,
        Err(e) => {
            reporter.message(Severity::Error, IO, &e.to_string());
            return USAGE_OR_IO;
        }
    };
    let query = ListQuery { params: args.filters.params(), page_size: args.page_size, detail: args.detail };
    let harvester = Harvester {
        client: &client,
        state: &state,
        limiter: &limiter,
        clock,
        backoff: Backoff { retries: args.endpoint.retries, ..Backoff::default() },
        endpoint: endpoint.base().to_owned(),
    };
    let resumed = match harvester.resume(&query) {
        Ok(resumed) => resumed,
        Err(e) => {
            reporter.message(Severity::Error, IO, &e.to_string());
            return USAGE_OR_IO;
        }
    };
    if resumed.as_ref().is_some_and(|r| r.done) {
        reporter.message(
            Severity::Warning,
            USAGE,
            &format!(
                "{}: this harvest is complete already (its state: {})",
                args.output.display(),
                state_path.display()
            ),
        );
        return 0;
    }
    if let Some(resume) = &resumed {
        let note = format!(
            "going on with the harvest of {} from page {} ({} records written)",
            args.output.display(),
            resume.pages + 1,
            resume.records
        );
        reporter.message(Severity::Info, USAGE, &note);
    }
    let mut output = match Output::open(&args.output, directory, resumed.as_ref().map(|r| r.output_len)) {
        Ok(output) => output,
        Err(message) => {
            reporter.message(Severity::Error, IO, &message);
            return USAGE_OR_IO;
        }
    };
    let mut conversion_failures = 0u64;
    let mut messages: Vec<String> = Vec::new();
    let result = harvester.run(&query, |page: &Page| {
        let mut documents = Vec::with_capacity(page.items.len());
        for item in &page.items {
            let doi = item.get("id").and_then(Value::as_str).unwrap_or("record").to_owned();
            match args.to {
                None => documents.push((doi, item.to_string())),
                Some(format) => match converted(item.to_string().as_bytes(), format) {
                    Ok(texts) => documents.extend(texts.into_iter().map(|t| (doi.clone(), t))),
                    Err(message) => {
                        conversion_failures += 1;
                        messages.push(format!("{doi}: not converted: {message}"));
                    }
                },
            }
        }
        output.page(&documents, format)
    });
    for message in &messages {
        reporter.message(Severity::Error, USAGE, message);
    }
    match result {
        Ok(summary) => {
            if let Err(message) = output.finish() {
                reporter.message(Severity::Error, IO, &message);
                return USAGE_OR_IO;
            }
            if !cli.quiet {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "crosswalk: harvested {} records from {endpoint} into {} ({} pages this run, {} duplicates left out)",
                    summary.records,
                    args.output.display(),
                    summary.pages,
                    summary.duplicates
                );
            }
            u8::from(conversion_failures > 0)
        }
        Err(e) => {
            reporter.message(
                Severity::Error,
                IO,
                &format!("the harvest stopped: {e}; run the same command again to go on"),
            );
            USAGE_OR_IO
        }
    }
}

//! `crosswalk harvest --oai URL`: an OAI-PMH repository's `ListRecords`, through
//! `crosswalk-client`'s [`OaiHarvester`], written page by page before the state records the
//! page, as `harvest` writes DataCite's pages: one OAI-PMH document (`.xml`, `.xml.gz`) or JSON
//! Lines of the records as harvested (`crosswalk::oai::harvested`), or converted with `--to`.

use std::io::Write as _;
use std::sync::Arc;
use std::time::Duration;

use crosswalk::client::oai::{OaiHarvester, OaiPage, OaiQuery};
use crosswalk::client::{Backoff, Client, ClientOptions, Endpoint, Rate, RateLimiter, State, SystemClock};
use crosswalk::oai::harvested;
use crosswalk::{Format, Framing, JsonLayout, Severity};

use crate::args::{Cli, HarvestArgs};
use crate::harvest::{reporter, Output};
use crate::output::partial_path;
use crate::{IO, USAGE, USAGE_OR_IO};

/// How harvested records are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// One OAI-PMH `ListRecords` document.
    Xml,
    /// JSON Lines of the records as harvested.
    JsonLines,
    /// Converted to a format.
    Converted(Format),
}

/// Runs `crosswalk harvest --oai`.
pub fn harvest_oai(cli: &Cli, args: &HarvestArgs) -> u8 {
    let mut reporter = reporter(cli);
    let usage = |reporter: &mut crate::report::Reporter, text: &str| {
        reporter.message(Severity::Error, USAGE, text);
        USAGE_OR_IO
    };
    let base = match crosswalk::client::oai::base_url(args.oai.oai.as_deref().unwrap_or_default()) {
        Ok(base) => base,
        Err(text) => return usage(&mut reporter, &text),
    };
    let query = OaiQuery {
        base_url: base.clone(),
        metadata_prefix: args.oai.metadata_prefix.clone().unwrap_or_else(|| "oai_dc".to_owned()),
        set: args.oai.set.clone(),
        from: args.oai.from.clone(),
        until: args.oai.until.clone(),
    };
    let directory = args.output.is_dir() || args.output.to_string_lossy().ends_with('/');
    let form = match args.to {
        Some(format) => Form::Converted(format),
        None if crosswalk::harvest::oai_as_xml(&args.output) => Form::Xml,
        None => Form::JsonLines,
    };
    match form {
        Form::Converted(format) if format.framing() == Framing::Single && !directory => {
            return usage(&mut reporter, &format!("{format} has no multi-record form: give -o DIR/"));
        }
        Form::Xml | Form::JsonLines if directory => {
            return usage(
                &mut reporter,
                "the records as harvested go to one file: -o OUT.xml(.gz) or OUT.jsonl(.gz); or convert them with --to",
            );
        }
        _ => {}
    }

    // Anonymous: DataCite's credentials are never sent to an OAI-PMH server. The endpoint is
    // built directly: Endpoint::custom refuses plain http, which guards credentials.
    let endpoint = Endpoint::Custom(base.clone());
    let options = ClientOptions { timeout: Duration::from_secs(args.endpoint.timeout.max(1)), connections: 1 };
    let client = Client::anonymous(&endpoint, &options);
    let clock = Arc::new(SystemClock::default());
    let rate = match args.endpoint.rate.as_deref().map(Rate::parse).transpose() {
        Ok(rate) => rate.unwrap_or(crosswalk::client::oai::DEFAULT_RATE),
        Err(text) => return usage(&mut reporter, &text),
    };
    let limiter = RateLimiter::new(rate, clock.as_ref());
    let state_path = args.state.clone().unwrap_or_else(|| crosswalk::harvest::state_path(&args.output));
    let state = match State::open(&state_path, &base, "") {
        Ok(state) => state,
        Err(e) => {
            reporter.message(Severity::Error, IO, &e.to_string());
            return USAGE_OR_IO;
        }
    };
    let harvester = OaiHarvester {
        client: &client,
        state: &state,
        limiter: &limiter,
        clock,
        backoff: Backoff { retries: args.endpoint.retries, ..Backoff::default() },
    };
    let resumed = match harvester.resume(&query) {
        Ok(resumed) => resumed,
        Err(e) => {
            reporter.message(Severity::Error, IO, &e.to_string());
            return USAGE_OR_IO;
        }
    };
    let partial = partial_path(&args.output);
    if let Some(done) = resumed.as_ref().filter(|r| r.done) {
        // Killed between the last page and putting the file in place: finish it now.
        if !directory && partial.exists() && !args.output.exists() {
            return match finish(&args.output, done.output_len, form) {
                Ok(()) => 0,
                Err(message) => {
                    reporter.message(Severity::Error, IO, &message);
                    USAGE_OR_IO
                }
            };
        }
        let text = format!(
            "{}: this harvest is complete already (its state: {})",
            args.output.display(),
            state_path.display()
        );
        reporter.message(Severity::Warning, USAGE, &text);
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
    let mut deleted = 0u64;
    let mut failures: Vec<String> = Vec::new();
    let result = harvester.run(&query, |page: &OaiPage| {
        deleted += page.items.iter().filter(|i| i.header.deleted).count() as u64;
        match form {
            Form::Xml | Form::JsonLines => {
                output.append(&crosswalk::harvest::oai_text(page, &query, form == Form::Xml))
            }
            Form::Converted(format) => {
                let mut documents = Vec::with_capacity(page.items.len());
                for item in page.items.iter().filter(|i| !i.header.deleted) {
                    let identifier = item.header.identifier.clone().unwrap_or_else(|| "record".to_owned());
                    let record = crosswalk::oai::record(item.clone());
                    if let Some(error) = record.diagnostics.iter().find(|d| d.is_error()) {
                        failures.push(format!("{identifier}: not converted: {} [{}]", error.message, error.code));
                        continue;
                    }
                    match crosswalk::write_record(&record, format, JsonLayout::Line) {
                        Ok(written) => {
                            let stem = record.resource.doi.clone().unwrap_or(identifier);
                            documents.push((stem, written.text));
                        }
                        Err(e) => failures.push(format!("{identifier}: not converted: {e}")),
                    }
                }
                output.page(&documents, format)
            }
        }
    });
    for message in &failures {
        reporter.message(Severity::Error, USAGE, message);
    }
    match result {
        Ok(summary) => {
            let finished = match form {
                Form::Xml => output.append(harvested::xml_end()).and_then(|_| output.finish()),
                _ => output.finish(),
            };
            if let Err(message) = finished {
                reporter.message(Severity::Error, IO, &message);
                return USAGE_OR_IO;
            }
            if !cli.quiet {
                let deleted = match form {
                    Form::Converted(_) => format!(", {deleted} deleted records left out"),
                    _ => format!(", {deleted} of them deleted records"),
                };
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "crosswalk: harvested {} records from {base} into {} ({} pages this run, {} duplicates left out{deleted}{})",
                    summary.records,
                    args.output.display(),
                    summary.pages,
                    summary.duplicates,
                    if failures.is_empty() { String::new() } else { format!(", {} not converted", failures.len()) }
                );
            }
            u8::from(!failures.is_empty())
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

/// Puts a harvest whose last page was recorded, but whose file was not put in place, in place.
fn finish(path: &std::path::Path, len: u64, form: Form) -> Result<(), String> {
    let mut output = Output::open(path, false, Some(len))?;
    if form == Form::Xml {
        output.append(harvested::xml_end())?;
    }
    output.finish()
}
